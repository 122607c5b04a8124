"""Reading chat input: figures, yes/no confirmations, exclusions, what a question counts, scope, verdicts."""
import dataclasses
import functools
import subprocess
import sys

import pytest
import yaml

from bot.language import figures
from bot.language.text import fold

from bot.engine import questions, verdict
from bot.engine.scope import _district_said
from bot.engine.core import ANSWER, CLARIFY, DECLINE, NOT_GIVEN, Rule
from bot.engine.followup import Context
from bot.kb.knowledge import KnowledgeError, load_knowledge
from bot.engine.matcher import Candidate
from bot.engine.reader import Reader
from bot.engine.render import to_json, to_text
from bot.service.app import build_engine
from tests.conftest import KNOWLEDGE


@functools.cache
def _bundled_reader() -> Reader:
    """The reader of the bundled knowledge, built once for the tests that only read text."""
    return Reader(load_knowledge(KNOWLEDGE))


# ---------------------------------------------------------------- figures


def kinds(text):
    return [(f.value, f.kind) for f in figures.find(text)]


def test_figures_know_their_kind():
    assert kinds("tăng 8,42% so với năm 2015") == [("8.42", figures.PERCENT), ("2015", figures.YEAR)]
    assert kinds("trên 17.412 người") == [("17412", figures.COUNT)]
    assert kinds("Quyết định số 2532/QĐ-UBND ngày 26/12/2017") == [
        ("2532", figures.DOCUMENT), ("26", figures.DATE), ("12", figures.DATE), ("2017", figures.DATE)]
    assert kinds("giai đoạn 2016 - 2020") == [("2016", figures.YEAR), ("2020", figures.YEAR)]
    assert kinds("lúc 18:12, điện thoại 0220.3892436") == [
        ("18", figures.TIME), ("12", figures.TIME), ("02203892436", figures.PHONE)]
    assert kinds("Điện thoại: 0220. 3892436") == [("02203892436", figures.PHONE)]  # however it is spaced
    assert kinds("Chỉ thị 05 của Bộ Chính trị") == [("5", figures.DOCUMENT)]
    # a document as staff shorten its kind ("NQ", "QĐ", "NĐ"); the letters inside a word are no such kind
    assert kinds("NQ 10 của tỉnh ủy, QĐ số 2532, NĐ 108") == [
        ("10", figures.DOCUMENT), ("2532", figures.DOCUMENT), ("108", figures.DOCUMENT)]
    assert kinds("anq 10 người") == [("10", figures.COUNT)]


def test_figures_keep_the_words_around_them():
    (figure,) = figures.find("có 92 đoàn viên công đoàn")
    assert figure.before == ("co",) and figure.after[:2] == ("doan", "vien")


# ---------------------------------------------------------------- confirmations and exclusions


@pytest.mark.parametrize("question", [
    "Sở có 50 người đúng không?", "sở có 50 người phải ko ạ", "Có phải sở có 50 người không?",
    "sở có 50 người, đúng chưa", "Sở có 50 người đúng vậy không bạn?",
    "Sở có 50 người không?", "sở có 50 người hay không vậy", "sở tuyển được 50 người chưa ạ?",
])
def test_confirmation_forms_are_recognised_and_claims_taken_out(question):
    found = questions.confirmation(question)
    assert found is not None and [c.value for c in found.claims] == ["50"]
    assert "50" not in found.core and "dung" not in found.core.lower() and not found.core.endswith("hay")


def test_an_aside_after_a_yes_no_question_is_no_part_of_it(engine):
    found = questions.confirmation("sở có 50 người phải không, để em làm tờ trình")
    assert found is not None and [c.value for c in found.claims] == ["50"] and "trình" not in found.core
    assert questions.confirmation("50 hay 60 người nhỉ, em không nhớ lắm").choice
    # the "hay" offering the figures is no word of what is asked; one of the question's own stays
    assert "hay" not in fold(questions.confirmation("Sở Công thương có 4 hay 5 phó giám đốc?").core).split()
    assert "hay" in fold(questions.confirmation("Lạng Sơn hay Hải Dương có 4 hay 5 phó giám đốc?").core).split()
    # a clause with a figure, or asking something, is no aside
    assert questions.confirmation("sở có 50 người, trong đó 20 nữ đúng không").claims[-1].value == "20"
    a = engine.answer("Đông Triều thu hút được 8 thạc sỹ đúng không, để mình báo cáo sếp")
    assert a.answered and a.lead == "Đúng."


@pytest.mark.parametrize("question", ["Sở có bao nhiêu người?", "Đông Triều có sát hạch tin học không?", "",
                                      "Sở có bao nhiêu người trên 50 tuổi không?"])
def test_ordinary_questions_are_not_confirmations(question):
    assert questions.confirmation(question) is None


def test_another_unit_than_the_fact_names_is_not_given_its_figure(engine):
    # the rotations are from district to commune, back, and between communes: none to another province
    for text in ("Hoành Bồ có bao nhiêu cán bộ được luân chuyển đi tỉnh khác?",
                 "Hoành Bồ luân chuyển bao nhiêu cán bộ sang huyện khác?"):
        assert engine.answer(text).outcome != ANSWER, text
    between = engine.answer("Hoành Bồ luân chuyển mấy đồng chí giữa các xã?")
    assert between.outcome == ANSWER and between.fact.id == "hb-giua-cac-xa"


def test_only_so_many_is_said_of_the_figure_claimed(engine):
    for question in ("Sở chỉ có 50 người thôi phải không?", "sở vỏn vẹn 50 người thôi à?"):
        found = questions.confirmation(question)
        assert [c.value for c in found.claims] == ["50"] and fold(found.core).split() == ["so", "nguoi"]
    assert "chi tieu" in fold(questions.confirmation("Sở chỉ tiêu 50 người đúng không?").core)
    a = engine.answer("Mình nhớ Sở KH&CN Lạng Sơn chỉ có 17 cán bộ, công chức thôi phải không?")
    assert a.answered and a.fact.id == "ls-tong-so-can-bo" and a.lead.startswith("Chưa đúng")


def test_a_count_claimed_with_co_or_con_checks_what_there_is_not_a_change(engine):
    # "Sở … còn 60 cán bộ đúng không?": what the Sở has (71), not the 1 leader it sent to its centre ("tăng cường 1
    # cán bộ lãnh đạo"), which a question this short says as much of; a change claimed is checked as one
    for question in ("Sở KH&CN Lạng Sơn còn 60 cán bộ đúng không?", "Sở KH&CN Lạng Sơn có 7 cán bộ thôi hả?"):
        a = engine.answer(question)
        assert a.answered and a.fact.id == "ls-tong-so-can-bo" and a.lead.startswith("Chưa đúng"), a.why
    a = engine.answer("Sở KH&CN Lạng Sơn tăng cường 3 cán bộ lãnh đạo phải không?")
    assert a.answered and a.fact.id == "ls-tang-cuong-lanh-dao" and a.lead.startswith("Chưa đúng"), a.why


def test_a_claim_of_all_the_people_is_not_confirmed_by_one_group_of_a_list(engine):
    # "có giám đốc, 1 phó giám đốc và 18 viên chức, người lao động": 18 is not how many people the centre has
    whole = engine.answer("Trung tâm ƯDTBKH&CN Lạng Sơn chỉ có 18 người thôi phải không?")
    assert whole.answered and whole.lead.startswith("Chưa đúng") and "18" in whole.lead, whole.lead
    group = engine.answer("Trung tâm ƯDTBKH&CN Lạng Sơn có 18 viên chức, người lao động phải không?")
    assert group.answered and group.lead == "Đúng."


def test_a_claim_of_a_quarter_is_checked_against_the_quarter_s_figure_not_the_year_s(engine):
    # "… tinh giản 21 biên chế; riêng quý I/2019 huyện đã tinh giản được 14 biên chế"
    year_s = engine.answer("Hoành Bồ tinh giản 21 biên chế trong quý I năm 2019 phải không?")
    assert year_s.answered and year_s.lead.startswith("Chưa đúng") and "14" in year_s.lead, year_s.lead
    assert engine.answer("quý 1/2019 Hoành Bồ tinh giản được 14 biên chế hả?").lead == "Đúng."
    assert engine.answer("Năm 2019 Hoành Bồ tinh giản 21 biên chế phải không?").lead == "Đúng."


def test_a_claim_of_women_is_not_confirmed_by_a_count_of_everyone(engine):
    a = engine.answer("Công đoàn Sở KH&CN Hải Dương có 92 đoàn viên nữ phải không?")
    assert not (a.answered and a.lead == "Đúng."), a.why
    assert engine.answer("Công đoàn Sở KH&CN Hải Dương có 92 đoàn viên phải không?").lead == "Đúng."


def test_a_belief_asked_back_is_a_confirmation(engine):
    """"à mình tưởng là 571?": what the user believed, with a question mark, asks whether it holds."""
    for question in ("à mình tưởng là 571?", "em nghĩ là 571?", "mình cứ tưởng 571?"):
        found = questions.confirmation(question)
        assert found is not None and [c.value for c in found.claims] == ["571"] and not found.core.strip()
    assert questions.confirmation("mình tưởng là bao nhiêu?") is None  # asks, claims nothing
    assert questions.confirmation("mình tưởng là 571") is None  # no question mark: said, not asked
    wrong = engine.answer("em nghĩ là Đông Triều bổ nhiệm và bổ nhiệm lại 571 cán bộ?")
    assert wrong.answered and wrong.fact.id == "dt-bo-nhiem" and "không phải 571" in wrong.lead


def test_years_in_a_confirmation_are_not_claims():
    found = questions.confirmation("Năm 2019 huyện tinh giản 30 biên chế đúng không?")
    assert [c.value for c in found.claims] == ["30"] and "2019" in found.core


def test_exclusions_are_taken_out_of_the_question():
    text, left_out = questions.exclusions("bao nhiêu người đại học (không tính trên ĐH) vậy")
    assert left_out == ("tren dh",) and "tinh" not in text
    assert questions.exclusions("Hoành Bồ có bao nhiêu xã?") == ("Hoành Bồ có bao nhiêu xã?", ())


# ---------------------------------------------------------------- what a question counts


@pytest.fixture(scope="module")
def measures(engine):
    return engine.index.scope.measures


def test_what_a_question_counts(engine, measures):
    read = lambda q: measures.asked(engine.analyse(q).tokens)  # noqa: E731
    assert read("có bao nhiêu lớp bồi dưỡng") == "lớp"
    assert read("bao nhiêu phần trăm cán bộ đạt chuẩn") == "phần trăm"
    assert read("nghị quyết số mấy") == questions.ANY_FIGURE
    assert read("ai là giám đốc") is None
    assert read("số đoàn viên là bao nhiêu") == "đoàn viên"
    assert read("đoàn viên có bao nhiêu người") == "đoàn viên"
    assert read("giảm bao nhiêu chức danh trưởng, phó phòng") == "người"  # posts held by people
    assert read("có bao nhiêu thí sinh dự thi") == read("mấy ứng viên đi học") == "người"  # candidates are people
    # money named right before "bao nhiêu" ("kinh phí" reads "tiền"), not a noun of what else is said before it
    assert read("đề án đào tạo 1.000 thạc sĩ dự kiến kinh phí bao nhiêu") == "tiền"
    assert read("hệ số tăng thu nhập cho cán bộ là bao nhiêu") == questions.QUANTITY
    # a title said of the people counted ("mấy ông tiến sĩ", "bao nhiêu vị lãnh đạo") is no part of what is counted
    assert read("nhận mấy ông tiến sĩ") == "người" and measures.noun(engine.analyse("nhận mấy ông tiến sĩ").tokens) \
        == measures.noun(engine.analyse("nhận mấy tiến sĩ").tokens)
    assert measures.noun(engine.analyse("có bao nhiêu vị lãnh đạo").tokens) == ("lanh", "dao")
    assert measures.noun(engine.analyse("phải mất mấy năm mới được").tokens) == ("nam",)  # how long, not "năm mới"


# ---------------------------------------------------------------- answers


def test_a_right_figure_is_confirmed_with_its_source(engine):
    answer = engine.answer("Sở KH&CN Hải Dương có 92 đoàn viên công đoàn đúng không?")
    assert answer.outcome == ANSWER and answer.lead == "Đúng." and answer.sources
    assert to_json(answer)["answer"].startswith("Đúng. ")


def test_a_wrong_figure_is_corrected_with_the_article_s_figure(engine):
    answer = engine.answer("Hoành Bồ có 20 xã, thị trấn có cán bộ huyện tăng cường phải không?")
    assert answer.outcome == ANSWER and answer.fact.id == "hb-tang-cuong-xa"
    assert answer.lead.startswith("Chưa đúng") and "13" in answer.lead and "không phải 20" in answer.lead


def test_a_wrong_percentage_is_corrected_with_the_level_not_the_change(engine):
    answer = engine.answer("Tỷ lệ CBCCVC Bắc Kạn đạt chuẩn ngoại ngữ là 95% phải không?")
    assert answer.fact.id == "bk-ngoai-ngu" and "99,9%" in answer.lead and "55,5" not in answer.lead


def test_a_wrong_title_is_called_wrong(engine):
    answer = engine.answer("Ông Phạm Xuân Huệ là Phó trưởng phòng Nội vụ TX Đông Triều à, đúng không?")
    assert answer.fact.id == "dt-truong-phong-noi-vu" and answer.lead.startswith("Chưa đúng")


def test_a_figure_the_articles_do_not_give_is_declined_with_what_they_give(engine):
    answer = engine.answer("Thị xã Đông Triều hiện có bao nhiêu viên chức?")
    assert answer.outcome == DECLINE and answer.reason == NOT_GIVEN and answer.examples
    text = to_text(answer)
    assert "không nêu" in text and "Đông Triều" in text


def test_another_year_is_declined_naming_it(engine):
    answer = engine.answer("Năm 2022 Sở KH&CN Lạng Sơn có bao nhiêu cán bộ?")
    assert answer.outcome == DECLINE and "2022" in to_text(answer)


def test_a_group_the_fact_does_not_count_is_not_answered(engine):
    for question in ("Công đoàn Sở KH&CN Hải Dương có bao nhiêu tổ trưởng?",
                     "Sở KH&CN Lạng Sơn có bao nhiêu đảng viên?",
                     "Sở KH&CN Lạng Sơn có bao nhiêu phó giám đốc?"):
        assert not engine.answer(question).answered, question


def test_an_exclusion_picks_the_other_fact(engine):
    answer = engine.answer("Sở KH&CN Lạng Sơn bao nhiêu người đại học thôi, không tính trên đại học?")
    assert answer.answered and answer.fact.id == "ls-dai-hoc"


def test_place_abbreviations_count_only_where_a_place_is_expected(engine):
    assert engine.answer("sở khcn ls có bao nhiêu người trình độ đại học").fact.id == "ls-dai-hoc"
    assert "Lạng Sơn" in engine.analyse("Sở KHCN LS bao nhiêu cán bộ").places
    assert not engine.analyse("dt bao nhiêu người").places  # "dt" alone is "đào tạo" as often as Đông Triều


def test_a_person_s_name_is_one_word(engine):
    tokens = engine.analyse("Đồng chí Khổng Minh Thành giữ chức vụ gì?").tokens
    assert "khongminhthanh" in tokens and "khong" not in tokens


def test_no_place_and_a_bare_count_asks_which_unit(engine):
    answer = engine.answer("tổng cộng có bao nhiêu nhân sự?")
    assert answer.outcome in (CLARIFY, DECLINE) and not answer.answered


# ---------------------------------------------------------------- knowledge files


def test_a_key_defined_twice_across_dictionary_files_is_located(knowledge_copy):
    with open(knowledge_copy / "synonyms.yaml", "a", encoding="utf-8") as out:
        out.write("\nextra:\n  bn: bao nhiêu\n")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_copy)
    assert any("already defined at" in p.message and "shorthand.yaml" in p.message for p in err.value.problems)


def test_a_rewrite_cycle_is_located(knowledge_copy):
    with open(knowledge_copy / "synonyms.yaml", "a", encoding="utf-8") as out:
        out.write("\nloop:\n  alpha beta: gamma\n  gamma: alpha beta\n")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_copy)
    assert any("never settles" in p.message and p.line for p in err.value.problems)


def test_a_place_abbreviation_must_name_a_known_place(knowledge_copy):
    path = knowledge_copy / "shorthand.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  qn: Quảng Ninh", "  qn: Quảng Nam Bộ"),
                    encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_copy)
    assert any("Quảng Nam Bộ" in p.message for p in err.value.problems)


def test_check_reports_a_sentence_with_a_figure_no_fact_quotes(tmp_path, knowledge_copy):
    path = knowledge_copy / "articles" / "lang-son-2021.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    THỤC QUYÊN", "    Năm 2019, sở có 37 đề tài nghiên cứu.\n    THỤC QUYÊN"),
                    encoding="utf-8")
    config = tmp_path / "config.yaml"
    original = (KNOWLEDGE.parent / "config.yaml").read_text(encoding="utf-8")
    config.write_text(original.replace("knowledge_dir: knowledge", f"knowledge_dir: {knowledge_copy}"),
                      encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "bot", "check", "--config", str(config)], capture_output=True,
                         text=True, cwd=KNOWLEDGE.parent)
    assert run.returncode == 0 and "37 đề tài" in run.stdout and "lang-son-2021.yaml:" in run.stdout
    strict = subprocess.run([sys.executable, "-m", "bot", "check", "--strict", "--config", str(config)],
                            capture_output=True, text=True, cwd=KNOWLEDGE.parent)
    assert strict.returncode == 1


def test_a_fact_may_rest_on_several_quotes_each_checked(knowledge_copy):
    path = knowledge_copy / "articles" / "hoanh-bo-2019.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - xây dựng đề án tổng thể về sáp nhập các thôn không đủ tiêu chí theo quy định",
                                 "  - xây dựng đề án sáp nhập mọi thôn"), encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(knowledge_copy)
    assert any("quote[1]" in p.field for p in err.value.problems)


def test_a_figure_stated_with_surprise_is_a_confirmation(engine):
    right = engine.answer("Hoành Bồ tinh giản 21 biên chế à?")
    wrong = engine.answer("Hoành Bồ tinh giản 30 biên chế à?")
    asked = engine.answer("Hoành Bồ tinh giản bao nhiêu biên chế à?")  # a question, not a claim
    assert right.lead == "Đúng." and wrong.lead.startswith("Chưa đúng") and "không phải 30" in wrong.lead
    assert asked.answered and not asked.lead


def test_a_place_abbreviation_opening_a_question_is_its_subject(engine):
    assert engine.analyse("qn giảm bao nhiêu biên chế").places == {"Quảng Ninh"}
    assert not engine.analyse("dt bao nhiêu người").places  # followed by the question: not a subject
    assert not engine.analyse("qn giảm").places  # too short to tell
    assert not engine.analyse("ct giảm bao nhiêu").places  # "ct" is also an ordinary abbreviation (chính trị)
    assert engine.analyse("hn có bn cb ko chuyên trách").places == {"Hà Nội"}  # "có" then a count: what it has
    assert not engine.analyse("dt có phải là đào tạo").places  # "có" asking yes or no: no subject


def test_a_place_name_shortened_with_a_hyphen_or_a_dot_is_that_place():
    # "BR-VT" is the variant "BRVT"; "Q.Ninh", "L.Sơn": the one two-word name whose first word the letters open
    read = _bundled_reader().analyse
    assert read("BR-VT có bao nhiêu công chức?").places == {"Bà Rịa - Vũng Tàu"}
    assert read("Q.Ninh có bao nhiêu công chức?").places == {"Quảng Ninh"}
    assert read("sở khcn L.Sơn có bao nhiêu người").places == {"Lạng Sơn"}
    assert read("tp.Huế có bao nhiêu công chức?").places == {"Thừa Thiên Huế"}
    # letters that open no such name stay as typed
    assert read("X.Ninh, v.v. có bao nhiêu người?").places == frozenset()


def test_a_place_abbreviation_after_an_office_s_initials_before_what_it_has_is_its_place(engine):
    assert engine.analyse("đài ptth hn có bn ng làm hợp đồng").places == {"Hà Nội"}
    # ...with "tổng cộng", "hiện" before what it has
    assert engine.analyse("đài ptth hn tổng cộng có bn ng vậy mn").places == {"Hà Nội"}
    assert engine.analyse("hn hiện có bao nhiêu sở").places == {"Hà Nội"}
    assert engine.analyse("đài ptth hn có tổng cộng bn cb nv").places == {"Hà Nội"}
    assert engine.analyse("ubnd hn có bao nhiêu phòng").places == {"Hà Nội"}
    assert not engine.analyse("lớp dt có bn người").places  # after a word, not initials: "đào tạo"
    assert not engine.analyse("đài ptth hn giảm bao nhiêu").places  # not before what it has


def test_an_office_s_name_shortened_in_chat_is_that_office():
    assert _bundled_reader().analyse("sở cthương hải dương có mấy pgđ").places == {"Sở Công Thương", "Hải Dương"}


def test_provinces_shortened_in_chat_where_a_place_is_expected():
    read = _bundled_reader().analyse
    assert read("ag có bn cb phải thi lại").places == {"An Giang"} and read("sở nv qb có mấy pgđ").places == {
        "Sở Nội vụ", "Quảng Bình"}
    assert read("h. hướng hóa qtrị có bn cb dùng bằng giả").places == {"Quảng Trị"}


def test_people_asked_as_nguoi_are_covered_by_a_fact_counting_can_bo(engine):
    def coverage(text: str) -> float:
        ranking = engine.index.rank(engine.analyse(text))
        return next(c.coverage for c in ranking.candidates if c.fact.id == "dt-bo-nhiem")

    assert coverage("Đông Triều bổ nhiệm bao nhiêu người?") >= 0.95
    assert coverage("Đông Triều bổ nhiệm bao nhiêu tiến sĩ?") < coverage("Đông Triều bổ nhiệm bao nhiêu cán bộ?")


def test_the_noun_a_question_counts_may_have_one_word_between_in_the_fact(engine):
    scope, i = engine.index.scope, engine.index.position["dt-lop-dao-tao"]  # "… mở 7 lớp đào tạo cho …"
    assert scope.says(("lop", "dao"), i) and scope.says(("lop", "tao"), i)  # together, and one word apart
    assert not scope.says(("lop", "can"), i)  # "lớp đào tạo cho 754 cán bộ": further apart, not the noun
    assert not scope.says(("dang", "vien"), i)


def test_a_concept_the_fact_lacks_is_four_syllables_without_figures(engine):
    top = Candidate(engine.kb.fact("dt-lop-dao-tao"), 0, 0, 0, 0)
    assert engine._left_concept(engine.analyse("mở lớp lý luận chính trị cao cấp"), top)
    assert engine._left_concept(engine.analyse("lớp năm 2019 tinh giản biên chế"), top)
    # "2019 tinh" is a year beside a verb, not a syllable of a concept: three syllables are left
    assert not engine._left_concept(engine.analyse("lớp năm 2019 tinh giản biên"), top)


def test_a_unit_s_total_under_the_bar_answers_only_a_yes_no_question_all_of_whose_words_it_has(engine):
    top = Candidate(engine.kb.fact("ls-tong-so-can-bo"), 55.0, 0.7, 0.5, 0.5)
    assert engine.index.scope.stock[engine.index.position[top.fact.id]]  # a unit's total
    # what a yes/no question is read as: its core, the "phải không" aside
    own_words = engine.analyse("Sở KH&CN Lạng Sơn có 70 cán bộ, công chức")
    other_words = engine.analyse("Sở KH&CN Lạng Sơn có 70 đảng viên")
    places = frozenset({"Lạng Sơn"})
    assert engine._dominates(top, [], places, own_words, True)  # checked: its figure is then said right or wrong
    assert not engine._dominates(top, [], places, other_words, True)
    assert not engine._dominates(top, [], places, own_words, False)  # not a yes/no question: never under the bar


def test_a_level_of_government_asked_is_not_answered_by_a_fact_of_another_level(engine):
    assert engine.answer("Mục tiêu chuẩn hóa cán bộ cấp xã của Hoành Bồ là gì?").fact.id == "hb-muc-tieu-chuan-hoa"
    assert not engine.answer("Mục tiêu chuẩn hóa cán bộ cấp huyện của Hoành Bồ là gì?").answered


def test_who_holds_a_title_is_answered_only_when_the_fact_explains_the_whole_question(engine):
    assert engine.answer("Ai là chủ tịch Công đoàn Sở KH&CN Hải Dương?").fact.id == "hd-chu-tich-cong-doan"
    # the title of another body: the union chairman of the Sở is not the one asked about
    assert not engine.answer("Chủ tịch Công đoàn Giáo dục Việt Nam là ai?").answered
    assert not engine.answer("Ai là chủ tịch công đoàn ngành y tế Hải Dương?").answered


def test_a_kind_of_unit_the_knowledge_has_in_two_provinces_asks_which_one(engine):
    answer = engine.answer("Sở KH&CN có mấy cán bộ, công chức?")  # Sở KH&CN of Lạng Sơn and of Hải Dương
    assert answer.outcome == CLARIFY and answer.why.rule == Rule.UNIT_IN_PLACES
    assert {engine.kb.fact(s.fact_id).place for s in answer.suggestions} == {"Lạng Sơn", "Hải Dương"}
    assert engine.answer("Sở KH&CN Lạng Sơn có mấy cán bộ, công chức?").fact.id == "ls-tong-so-can-bo"


def test_a_question_every_word_of_which_two_facts_hold_asks_which_one(engine):
    vague = engine.answer("Bắc Kạn đã tăng được mấy phần trăm so với 2015 vậy?")  # which indicator?
    assert vague.outcome == CLARIFY and len(vague.suggestions) >= 2
    assert engine.answer("Tỷ lệ trên đại học ở Bắc Kạn tăng bao nhiêu so với năm 2015?").fact.id == "bk-tren-dai-hoc"


def test_the_whole_of_a_unit_is_its_total(engine):
    assert engine.analyse("cả sở có bao nhiêu người").tokens == engine.analyse("sở có bao nhiêu người").tokens
    assert engine.analyse("tất cả bao nhiêu người").tokens == engine.analyse("tổng số bao nhiêu người").tokens
    assert "Cà Mau" in engine.analyse("Cà Mau có bao nhiêu người").places  # "cà" is not "cả"


def test_two_facts_naming_the_same_quoted_thing_give_one_answer(engine):

    def cand(fact_id: str) -> Candidate:
        return Candidate(engine.kb.fact(fact_id), 70.0, 0.9, 0.5, 0.5)

    # both quote the campaign "Trung thành, trách nhiệm, liêm chính, sáng tạo": asking which is no choice
    assert engine._same_answer(cand("hd-nghi-quyet-09"), cand("hd-hinh-thuc-van-dong"))
    assert not engine._same_answer(cand("hd-nghi-quyet-09"), cand("hd-kinh-nghiem"))


def test_finished_says_nothing_of_what_is_counted(engine):
    assert engine.analyse("đi học xong rồi nghỉ việc").tokens == engine.analyse("đi học rồi nghỉ việc").tokens


def test_tong_cong_before_a_group_described_at_length_only_stresses_the_count(engine):
    def total(text: str) -> bool:
        return engine.index.scope.question(engine.analyse(text).tokens).total

    assert total("Sở KH&CN Lạng Sơn tổng cộng có bao nhiêu cán bộ?")
    assert not total("những lớp huyện phối hợp với trường chính trị tỉnh mở năm ngoái tổng cộng bao nhiêu cán bộ "
                     "theo học")


def test_ma_which_is_dropped_but_ma_code_is_kept(engine):
    assert engine.analyse("các lớp mà huyện mở").tokens == engine.analyse("các lớp huyện mở").tokens
    assert "ma" in engine.analyse("mã ngạch chuyên viên").tokens


def test_how_long_asks_for_a_number_of_years(engine):
    assert engine.analyse("thực hiện bao lâu").tokens == engine.analyse("thực hiện bao nhiêu năm").tokens
    assert engine.answer("Bắc Kạn thực hiện Nghị quyết 10 được bao lâu rồi?").fact.id == "bk-ket-qua-5-nam"


def test_words_the_answer_holds_as_a_phrase_of_three_count_fully(engine):
    index, credit = engine.index, engine.index.settings.answer_credit
    # four words ("giảm biên chế hành"), then their three pairs: positions 4-6
    pairs = [(4 + k, (k, k + 1)) for k in range(3)]
    # the answer holds words 0-2 as a phrase ("giảm biên chế"), word 3 on its own
    shares = [credit] * 4 + [credit, credit, 0.0]
    index._phrases_count(pairs, shares, credit)
    assert shares[:4] == [1.0, 1.0, 1.0, credit]
    # two words in a row are a chance pair, not a phrase
    shares = [credit] * 4 + [credit, 0.0, 0.0]
    index._phrases_count(pairs, shares, credit)
    assert shares[:4] == [credit] * 4


def test_a_group_counted_among_people_needs_a_figure_of_that_group(engine):
    # "… cho trên 3.000 cán bộ, đảng viên, CCVC …" (Hoành Bồ) counts the staff listed, no đảng viên as such
    assert not engine.answer("có bao nhiêu người là đảng viên?").answered
    # "… đã thu hút được 8 thạc sỹ là công chức": of those counted, the group named
    assert engine.answer("Đông Triều thu hút được bao nhiêu thạc sỹ là công chức?").fact.id == "dt-thu-hut-thac-si"


def test_a_claimed_figure_is_given_only_as_a_count_of_the_same_thing(engine):
    fact = engine.kb.fact("hd-doan-vien-to-cong-doan")  # "… có 92 đoàn viên công đoàn, sinh hoạt tại 6 tổ …"

    def gives(claim: str) -> bool:
        return engine._gives_claim(tuple(figures.find(claim)), fact)

    assert gives("có 92 đoàn viên") and gives("có 6 tổ") and gives("là 6 hả")
    assert not gives("có 6 đoàn viên")  # the 6 of the sentence counts its tổ


def _engine_with(config, knowledge_copy, article: str):
    """An engine on the bundled knowledge plus one article written here."""
    (knowledge_copy / "articles" / "test-extra.yaml").write_text(article, encoding="utf-8")
    return build_engine(dataclasses.replace(config, knowledge_dir=knowledge_copy))

def _fact(fact_id: str, unit: str, answer: str, questions: list[str], quote: str = "", **extra) -> dict:
    """One fact of a test article, of 2024, quoting its answer word for word unless another quote is given."""
    return {"id": fact_id, "unit": unit, "time": "năm 2024", "answer": answer, "quote": quote or answer,
            "questions": questions, **extra}


def _article(number: int, place: str, text: str, *facts: dict) -> str:
    """A one-article knowledge file written for a test: its facts are of `place`."""
    doc = {"article": {"id": f"test-{number}", "title": f"Bài thử {number}", "publisher": f"Báo thử {number}",
                       "date": f"2024-05-{number:02d}", "author": "Người viết", "places": [place], "text": text},
           "facts": [{"place": place, **f} for f in facts]}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def _one_fact(fact_id: str, place: str, unit: str, text: str, questions: list[str], **extra) -> str:
    """A test article of one sentence, which its one fact gives whole."""
    return _article(1, place, text, _fact(fact_id, unit, text, questions, **extra))


_TWO_OFFICES = _article(
    7, "Lạng Sơn",
    "Năm 2024, Sở Y tế Lạng Sơn có 4 phó giám đốc. Sở Nông nghiệp Lạng Sơn có 6 phó giám đốc.",
    _fact("test-7-y-te", "Sở Y tế Lạng Sơn",
          "Năm 2024, Sở Y tế Lạng Sơn có 4 phó giám đốc.",
          ["Sở Y tế Lạng Sơn có bao nhiêu phó giám đốc?", "Số phó giám đốc Sở Y tế Lạng Sơn"]),
    _fact("test-7-nong-nghiep", "Sở Nông nghiệp Lạng Sơn",
          "Năm 2024, Sở Nông nghiệp Lạng Sơn có 6 phó giám đốc.",
          ["Sở Nông nghiệp Lạng Sơn có bao nhiêu phó giám đốc?", "Số phó giám đốc Sở Nông nghiệp Lạng Sơn"],
          quote="Sở Nông nghiệp Lạng Sơn có 6 phó giám đốc."))


def test_a_fact_naming_its_office_is_not_about_the_other_offices_of_its_article(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TWO_OFFICES)
    assert "Sở Nông nghiệp" in engine.analyse("sở nn lạng sơn có mấy pgđ").places  # the office by its initials
    answer = engine.answer("sở nn lạng sơn có mấy pgđ")
    assert answer.answered and answer.fact.id == "test-7-nong-nghiep"
    assert engine.answer("sở y tế lạng sơn có mấy pgđ").fact.id == "test-7-y-te"


_SEVERAL_OFFICES = _article(
    8, "Cao Bằng",
    "Năm 2024, Cao Bằng giảm 9 phòng tại Sở Y tế và Sở Tư pháp. Năm 2024, 11 sở, ngành được sắp xếp, giảm 63 chức "
    "danh trưởng, phó phòng.",
    _fact("test-8-phong", "Cao Bằng", "Năm 2024, Cao Bằng giảm 9 phòng tại Sở Y tế và Sở Tư pháp.",
          ["Cao Bằng giảm bao nhiêu phòng?", "Số phòng Cao Bằng giảm"]),
    _fact("test-8-truong-pho", "Cao Bằng", "Năm 2024, 11 sở, ngành được sắp xếp, giảm 63 chức danh trưởng, phó phòng.",
          ["Cao Bằng giảm bao nhiêu trưởng, phó phòng?", "Cao Bằng giảm bao nhiêu chức danh trưởng, phó phòng?"]))


def test_a_fact_naming_no_office_is_about_none_of_the_several_its_article_names(config, knowledge_copy):
    # the 63 are of 11 sở, ngành: the Sở Y tế another sentence names is not what they are of
    asked = "Sở Y tế Cao Bằng giảm bao nhiêu trưởng, phó phòng?"
    engine = _engine_with(config, knowledge_copy, _SEVERAL_OFFICES)
    assert engine.answer("Cao Bằng giảm bao nhiêu trưởng, phó phòng?").fact.id == "test-8-truong-pho"
    assert not engine.answer(asked).answered
    # ...unless the article's title names the office: the article is about it
    titled = _SEVERAL_OFFICES.replace("Bài thử 8", "Sở Y tế Cao Bằng sắp xếp lại bộ máy")
    answer = _engine_with(config, knowledge_copy, titled).answer(asked)
    assert answer.answered and answer.fact.id == "test-8-truong-pho"


def test_a_figure_cited_with_the_fact_s_own_words_is_that_fact_being_checked(engine):
    checked = engine.answer("Sở KH&CN Hải Dương đóng ở số 209 Nguyễn Lương Bằng đúng không bot?")
    assert checked.answered and checked.fact.id == "hd-dia-chi" and checked.lead == "Đúng."


def test_bo_may_the_apparatus_does_not_ask_a_number(engine):
    tokens = engine.analyse("huyện xây dựng bộ máy công vụ thế nào").tokens
    assert "bao" not in tokens and "nhieu" not in tokens
    assert engine.index.scope.question(tokens).measure is None


def test_a_year_a_fact_names_only_as_its_comparison_base_is_not_the_year_of_its_figure(engine):
    # bk-cntt gives today's rate, "tăng … so với năm 2015": it says nothing of the 2015 rate itself
    then = engine.answer("Hồi năm 2015 tỷ lệ cán bộ Bắc Kạn đạt chuẩn tin học là bao nhiêu?")
    assert not then.answered and then.why.values.get("other_year") == "2015"  # why says it, for admins
    rise = engine.answer("Tỷ lệ cán bộ Bắc Kạn đạt chuẩn tin học tăng bao nhiêu so vs năm 2015?")
    assert rise.answered and rise.fact.id == "bk-cntt"


def test_tru_so_the_head_office_is_not_an_exclusion():
    assert questions.exclusions("Sở có trụ sở ở đâu?")[1] == ()
    assert questions.exclusions("Sở có bao nhiêu người trừ lãnh đạo?")[1] == ("lanh dao",)
    assert questions.exclusions("so co bao nhieu nguoi tru lanh dao")[1] == ("lanh dao",)


def test_besides_one_then_another_leaves_the_first_out(engine):
    assert questions.exclusions("Ngoài Đông Triều thì Hoành Bồ có bao nhiêu xã?")[1] == ("dong trieu",)
    # with a comma and no "còn", a unit named as such ("Ngoài giờ, …" leaves nothing out)
    assert questions.exclusions("Ngoài TX Đông Triều, huyện Hoành Bồ có bao nhiêu xã?")[1] == ("tx dong trieu",)
    # the question is then of the other place alone: never the one set aside's figure
    a = engine.answer("Ngoài Hoành Bồ thì Sở KH&CN Lạng Sơn có bao nhiêu người?")
    assert a.answered and a.fact.place == "Lạng Sơn"


def test_a_figure_no_fact_gives_is_declined_with_the_closest_facts_found_in_the_same_ranking(engine):
    analysis = engine.analyse("Năm 2020 Hoành Bồ tinh giản bao nhiêu biên chế?")
    ranking = engine.index.rank(analysis, frozenset({"Hoành Bồ"}))
    assert ranking.figures_missing and ranking.candidates[0].fact.id == "hb-tinh-gian-bien-che"
    answer = engine.answer("Năm 2020 Hoành Bồ tinh giản bao nhiêu biên chế?")
    assert answer.why.rule == Rule.FIGURE_NOT_GIVEN and "hb-tinh-gian-bien-che" in {e.fact_id for e in answer.examples}
    assert not engine.index.rank(engine.analyse("Năm 2019 Hoành Bồ tinh giản bao nhiêu biên chế?")).figures_missing


_WOMEN_ARTICLE = _article(
    6, "Lạng Sơn",
    "Năm 2024, Sở Thử nghiệm Lạng Sơn có 123 cán bộ, công chức. Hội nữ công của sở hoạt động sôi nổi.",
    _fact("test-6-tong-so", "Sở Thử nghiệm Lạng Sơn",
          "Năm 2024, Sở Thử nghiệm Lạng Sơn có 123 cán bộ, công chức.",
          ["Sở Thử nghiệm Lạng Sơn có bao nhiêu cán bộ, công chức?", "Số cán bộ của Sở Thử nghiệm Lạng Sơn"],
          tags=["tổng số"]),
    _fact("test-6-nu-cong", "Sở Thử nghiệm Lạng Sơn",
          "Năm 2024, hội nữ công của Sở Thử nghiệm Lạng Sơn hoạt động sôi nổi.",
          ["Hội nữ công Sở Thử nghiệm Lạng Sơn hoạt động thế nào?", "Hoạt động nữ công ở Sở Thử nghiệm Lạng Sơn"],
          quote="Hội nữ công của sở hoạt động sôi nổi."))


def test_a_count_of_women_is_not_answered_by_a_count_of_everyone(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _WOMEN_ARTICLE)  # "nữ" is then a known word
    assert engine.answer("Sở Thử nghiệm Lạng Sơn có bao nhiêu cán bộ?").fact.id == "test-6-tong-so"
    assert not engine.answer("Sở Thử nghiệm Lạng Sơn có bao nhiêu cán bộ công chức nữ?").answered


def test_besides_x_what_else_leaves_x_out():
    assert questions.exclusions("Ngoài giám đốc, sở còn mấy phó giám đốc?")[1] == ("giam doc",)
    assert questions.exclusions("Ngoài các chỉ thị ra, công đoàn còn làm theo nghị quyết nào?")[1] == ("cac chi thi",)
    # "ngoại ngữ" is not "ngoài"; without "còn" nothing else is asked
    assert questions.exclusions("Ngoại ngữ, còn tin học thì sao?")[1] == ()
    assert questions.exclusions("ngoai ngu, con tin hoc thi sao?")[1] == ()
    assert questions.exclusions("Ngoài giờ, sở làm gì?")[1] == ()


def test_the_name_of_a_thing_and_whoever_do_not_ask_for_a_person(engine):
    assert "ten" not in questions.not_a_person("đợt thi đua đó tên là gì?")
    assert questions.not_a_person("Giám đốc sở tên là gì?") == "Giám đốc sở tên là gì?"
    assert questions.not_a_person("ai muốn học thêm thì đăng ký ở đâu?").split()[0] == "muốn"
    assert questions.not_a_person("Ai là chủ tịch công đoàn?") == "Ai là chủ tịch công đoàn?"
    a = engine.answer("Công đoàn Sở KH&CN Hải Dương phát động đợt thi đua tên gì?")
    assert a.outcome == ANSWER and a.fact.id == "hd-thi-dua"


def test_words_told_apart_by_their_accents_and_modals_that_add_nothing():
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert "theo" in tokens("dựa vào văn bản nào") and "theo" not in tokens("đưa vào quy hoạch")
    assert tokens("bắt cấp phó phải làm gì") == tokens("cấp phó làm gì")  # to require, must: no subject
    assert tokens("bắt đầu từ năm nào")[:2] == ("bat", "dau")  # "bắt đầu" (to start) is kept whole


def test_a_person_s_name_ends_at_the_punctuation_after_it():
    from bot.engine.reader import people_in
    assert people_in("đồng chí Nguyễn Văn An, Trưởng phòng Nội vụ, cho biết") == ("Nguyễn Văn An",)
    assert people_in("bà Lê Thị Bình (Phó Giám đốc)") == ("Lê Thị Bình",)


def test_where_a_question_was_read_is_not_what_it_asks():
    read = _bundled_reader().analyse
    assert read("ai nói về đào tạo trong bài về Hoành Bồ").tokens == read("ai nói về đào tạo Hoành Bồ").tokens


def test_a_clause_asking_nothing_is_set_aside_only_as_chatter_or_when_the_fact_explains_it(engine):
    chatter = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người, tui hỏi hoài không ai biết")
    assert chatter.answered and chatter.fact.id == "ls-tong-so-can-bo"
    qualified = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người, thuộc diện biệt phái sang tỉnh khác?")
    assert not qualified.answered  # never the unit's total for a group it does not count


def test_a_fact_fitting_better_but_for_the_unit_it_is_about_makes_a_weak_answer_a_choice(engine):
    a = engine.answer("thị xã Đông Triều tổ chức được bao nhiêu lớp vậy")
    assert a.outcome == CLARIFY and a.why.rule == Rule.SUBJECT_NOT_NAMED
    assert {"dt-tap-huan-hanh-chinh-cong", "dt-lop-dao-tao"} <= {s.fact_id for s in a.suggestions}
    assert engine.answer("Đông Triều mở được mấy lớp?").fact.id == "dt-lop-dao-tao"  # said with the fact's own verb


def test_everyday_phrasings_read_as_the_articles_terms():
    read = _bundled_reader().analyse
    assert read("dồn hai chức danh cho một người").tokens[:4] == read("nhất thể hóa chức danh").tokens
    assert read("bộ máy công vụ có những phẩm chất gì").tokens == read("nền công vụ").tokens
    assert read("không làm tròn nhiệm vụ").tokens == read("không hoàn thành nhiệm vụ").tokens
    assert read("bao nhiêu người làm sếp").tokens == read("bao nhiêu người làm lãnh đạo").tokens


def test_with_no_place_named_a_fact_of_another_place_that_could_answer_is_a_rival(engine):
    top = Candidate(engine.kb.fact("dt-thu-hut-thac-si"), 100.0, 1.0, 1.0, 1.0)  # a phrasing word for word
    other = engine.kb.fact("hd-thac-si")
    # far behind on score and coverage, but covering enough to answer: which place is the user's to say
    assert engine._other_place_rival(top, Candidate(other, 65.0, 0.82, 0.5, 0.5, 0.3))
    assert not engine._other_place_rival(top, Candidate(other, 65.0, 0.6, 0.5, 0.5, 0.3))


def test_which_unit_asked_for_must_be_named_by_the_fact(engine):
    read = lambda q: engine.index.scope.question(engine.index.reader.analyse(q).tokens)  # noqa: E731
    assert read("trước đó phụ trách phòng nào của sở?").which == "phong"
    assert read("xã nào có nhiều cán bộ tăng cường?").which == "xa"
    assert read("sáp nhập vào đơn vị nào?").which == ""  # any unit answers "đơn vị nào"
    a = engine.answer("Giám đốc Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn trước đó làm trưởng phòng nào?")
    assert not (a.answered and a.fact.id == "ls-giam-doc-trung-tam")  # names the director, no phòng


def test_two_things_named_and_joined_are_both_answered(engine):
    a = engine.answer("Bắc Kạn: tỷ lệ đạt chuẩn tin học và chuẩn ngoại ngữ?")
    assert a.answered and {p.fact.id for p in a.parts} == {"bk-cntt", "bk-ngoai-ngu"}


def test_a_question_of_two_places_is_asked_of_each_without_the_clause_comparing_them(engine):
    text = "Hoành Bồ mở lớp đào tạo, Đông Triều mở lớp đào tạo, nơi nào mở nhiều lớp hơn, mỗi nơi mấy lớp?"
    assert engine._about(text, "Hoành Bồ") == "Hoành Bồ mở lớp đào tạo, mỗi nơi mấy lớp?"
    assert engine._about("Hoành Bồ mở mấy lớp?", "Đông Triều") == "Hoành Bồ mở mấy lớp?"  # not named: as asked


_ANOTHER_OFFICE = _article(
    9, "Hải Dương",
    "Năm 2024, Sở Y tế Hải Dương có 12 người trình độ trung cấp.",
    _fact("test-9-trung-cap", "Sở Y tế Hải Dương",
          "Năm 2024, Sở Y tế Hải Dương có 12 người trình độ trung cấp.",
          ["Sở Y tế Hải Dương có bao nhiêu người trình độ trung cấp?",
           "Số người trình độ trung cấp của Sở Y tế Hải Dương"]))


def test_the_second_question_of_a_message_is_read_with_the_subject_of_the_first(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _ANOTHER_OFFICE)
    a = engine.answer("Sở KH&CN Hải Dương cử mấy người học cao cấp lý luận chính trị, trung cấp mấy người?")
    assert [p.fact.id if p.answered else None for p in a.parts] == ["hd-cao-cap-llct", "hd-trung-cap-llct"]


def test_a_figure_not_given_still_shows_what_can_be_asked(engine):
    a = engine.answer("Đông Triều có mấy tổ công đoàn?")
    assert a.why.rule == Rule.OTHER_MEASURE and len(a.examples) == engine.policy.examples
    assert all(engine.kb.fact(e.fact_id).place == "Đông Triều" for e in a.examples)


def test_that_and_the_thing_point_back_and_add_nothing():
    read = _bundled_reader().analyse
    assert read("quyết định đó phê duyệt cái gì").tokens == read("quyết định phê duyệt gì").tokens
    assert "do" in read("trình độ đại học").tokens and "cai" in read("cải cách hành chính").tokens


def test_a_closer_fact_counting_something_else_stops_a_weaker_fact_answering_by_dominance(engine):
    a = engine.answer("huyện Hoành Bồ theo kế hoạch năm 2019 tinh giản mấy người?")
    assert not a.answered  # the cut is given in biên chế; never the 3.000 people of the training classes


def test_all_of_one_level_is_not_the_whole(engine):
    read = lambda q: engine.index.scope.question(engine.index.reader.analyse(q).tokens)  # noqa: E731
    assert not read("Tất cả Sở KH&CN Lạng Sơn có mấy người trình độ trên đại học?").total
    assert read("Tất cả Sở KH&CN Lạng Sơn có mấy người?").total


_GENERAL_AND_NARROW = _article(
    10, "Lạng Sơn",
    "Năm 2024, tỉnh Lạng Sơn bổ nhiệm 40 trường hợp, trong đó 6 trường hợp cấp phó vượt quá số lượng quy định.",
    _fact("test-10-tong", "tỉnh Lạng Sơn",
          "Năm 2024, tỉnh Lạng Sơn bổ nhiệm 40 trường hợp.",
          ["Lạng Sơn bổ nhiệm bao nhiêu trường hợp?", "Số trường hợp Lạng Sơn bổ nhiệm năm 2024"],
          quote="Năm 2024, tỉnh Lạng Sơn bổ nhiệm 40 trường hợp"),
    _fact("test-10-vuot", "tỉnh Lạng Sơn",
          "Năm 2024, tỉnh Lạng Sơn bổ nhiệm 6 trường hợp cấp phó vượt quá số lượng quy định.",
          ["Lạng Sơn bổ nhiệm bao nhiêu trường hợp cấp phó vượt quá số lượng quy định?",
           "Số cấp phó Lạng Sơn bổ nhiệm vượt quy định"],
          quote="6 trường hợp cấp phó vượt quá số lượng quy định"))


def test_a_fact_narrower_than_the_question_is_not_a_rival_of_one_about_just_what_it_says(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _GENERAL_AND_NARROW)
    assert engine.answer("Trong đợt thanh tra, Lạng Sơn đã bổ nhiệm bao nhiêu trường hợp?").fact.id == "test-10-tong"
    assert engine.answer("Lạng Sơn bổ nhiệm mấy trường hợp cấp phó vượt quy định?").fact.id == "test-10-vuot"


_FAKE_DEGREES = _article(
    12, "Lạng Sơn",
    "Năm 2024, Lạng Sơn phát hiện 14 người dùng bằng giả, cho nghỉ việc 3 người. Năm 2024, Lạng Sơn đã quyết định "
    "cho thôi việc 7 người vì lý do sử dụng văn bằng không hợp pháp.",
    _fact("test-12-bang-gia", "tỉnh Lạng Sơn",
          "Năm 2024, Lạng Sơn phát hiện 14 người dùng bằng giả, cho nghỉ việc 3 người.",
          ["Lạng Sơn có bao nhiêu người dùng bằng giả?", "Số người dùng bằng giả của Lạng Sơn"]),
    _fact("test-12-thoi-viec", "tỉnh Lạng Sơn",
          "Năm 2024, Lạng Sơn đã quyết định cho thôi việc 7 người vì lý do sử dụng văn bằng không hợp pháp.",
          ["Lạng Sơn đã quyết định cho thôi việc bao nhiêu người vì lý do sử dụng văn bằng không hợp pháp?",
           "Số người bị Lạng Sơn quyết định cho thôi việc vì sử dụng văn bằng không hợp pháp"]))


def test_a_count_of_those_dismissed_is_never_answered_by_a_fact_not_saying_so(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _FAKE_DEGREES)  # "thôi việc" is one of the declared acts
    for question in ("Lạng Sơn cho thôi việc bao nhiêu người dùng bằng giả?",
                     "Lạng Sơn cho thôi việc 5 người dùng bằng giả hả?"):
        a = engine.answer(question)
        assert not a.answered or a.fact.id == "test-12-thoi-viec", question
    assert engine.answer("Lạng Sơn có bao nhiêu người dùng bằng giả?").fact.id == "test-12-bang-gia"


def test_a_fact_is_of_another_time_than_a_year_it_does_not_name_or_one_after_its_article(engine):
    other = lambda year, fact_id: engine._other_years(frozenset({year}), engine.kb.fact(fact_id))  # noqa: E731
    assert other("2021", "hb-tinh-gian-bien-che") and not other("2019", "hb-tinh-gian-bien-che")  # of 2019
    assert not other("2015", "hd-cao-cap-llct")  # giai đoạn 2012–2017 holds 2015
    assert other("2030", "ls-tong-so-can-bo") and not other("2020", "ls-tong-so-can-bo")  # undated, article 2021


def test_places_as_staff_shorten_them():
    read = _bundled_reader().analyse
    assert read("qtrị có bn cb dùng bằng giả").places == {"Quảng Trị"}  # initial + second word
    assert read("hnoi giam bao nhieu").places == {"Hà Nội"}
    assert read("sở nv hn có mấy lđ").places == {"Sở Nội vụ", "Hà Nội"}  # an abbreviation right after an office
    assert read("Lạng Sơn hn").places == {"Lạng Sơn"}  # ...not after a province


def test_a_compound_is_not_read_across_punctuation():
    read = _bundled_reader().analyse
    assert read("các Vụ, Cục, Bộ Nội vụ giảm bao nhiêu?").places == {"Bộ Nội vụ"}  # "Cục, Bộ": not "cục bộ"
    assert not read("thiếu sót cục bộ nội vụ").places


def test_a_fact_s_key_pair_may_be_said_in_another_order_or_apart(engine):
    scope, i = engine.index.scope, engine.index.position["dt-quy-hoach-tri-thuc"]
    assert "tri_thuc" in scope.keys[i]
    assert scope._key_words_said(scope.question(("thuc", "la", "tri")), i)  # both words of "tri thức", apart
    assert not scope._key_words_said(scope.question(("tri", "nao")), i)


_INSPECTED = _article(
    11, "Lạng Sơn",
    "Thanh tra Bộ Nội vụ đã kiểm tra 30 hồ sơ bổ nhiệm ở Lạng Sơn năm 2024.",
    _fact("test-11-ho-so", "tỉnh Lạng Sơn",
          "Năm 2024, 30 hồ sơ bổ nhiệm ở Lạng Sơn được kiểm tra.",
          ["Lạng Sơn có bao nhiêu hồ sơ bổ nhiệm được kiểm tra?", "Số hồ sơ bổ nhiệm Lạng Sơn được thanh tra"],
          quote="30 hồ sơ bổ nhiệm ở Lạng Sơn"))


def test_a_national_body_beside_a_province_acts_on_it_and_is_not_what_the_fact_must_be_about(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _INSPECTED)
    a = engine.answer("Thanh tra Bộ Nội vụ kiểm tra bao nhiêu hồ sơ bổ nhiệm ở Lạng Sơn?")
    assert a.answered and a.fact.id == "test-11-ho-so"



def test_a_fact_explaining_more_of_the_question_but_for_its_subject_is_found(engine):
    asked = engine.index.scope.question(engine.index.reader.analyse("Đông Triều tổ chức bao nhiêu lớp?").tokens)
    town = Candidate(engine.kb.fact("dt-lop-dao-tao"), 80.0, 0.7, 0.5, 0.5, 0.5)
    centre = engine.kb.fact("dt-tap-huan-hanh-chinh-cong")  # fits but for its Trung tâm, not named
    assert engine._explains_more(town, [Candidate(centre, 70.0, 1.0, 0.5, 0.5, 0.5)], asked)
    assert not engine._explains_more(town, [Candidate(centre, 70.0, 0.72, 0.5, 0.5, 0.5)], asked)  # not clearly more


_NAMED_AND_COUNTED = _article(
    13, "Lạng Sơn",
    "Ông Nguyễn Văn Thử bị kỷ luật 1 lần. Có 27 trường hợp là người cùng thôn với ông Nguyễn Văn Thử được tiếp nhận.",
    _fact("test-13-ky-luat", "tỉnh Lạng Sơn",
          "Năm 2024, ông Nguyễn Văn Thử bị kỷ luật 1 lần.",
          ["Ông Nguyễn Văn Thử bị kỷ luật mấy lần?", "Kỷ luật ông Nguyễn Văn Thử"],
          quote="Ông Nguyễn Văn Thử bị kỷ luật 1 lần."),
    _fact("test-13-cung-thon", "tỉnh Lạng Sơn",
          "Năm 2024, có 27 trường hợp là người cùng thôn với ông Nguyễn Văn Thử được tiếp nhận.",
          ["Có bao nhiêu người cùng thôn với ông Nguyễn Văn Thử được tiếp nhận?",
           "Người cùng thôn ông Nguyễn Văn Thử"],
          quote="Có 27 trường hợp là người cùng thôn với ông Nguyễn Văn Thử được tiếp nhận."))


def test_a_figure_claimed_about_people_around_a_named_person_checks_that_figure(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _NAMED_AND_COUNTED)
    a = engine.answer("Có 30 người cùng thôn với ông Nguyễn Văn Thử được tiếp nhận phải không?")
    assert a.fact.id == "test-13-cung-thon" and "27" in a.lead
    assert a.why.rule != Rule.CONFIRM_NAMED  # a figure is checked by what it counts, not by whom the fact names


def test_a_unit_s_total_dominates_only_a_question_asking_a_whole_it_nearly_covers(engine):
    total = engine.kb.fact("ls-tong-so-can-bo")
    assert engine.index.scope.stock[engine.index.position[total.id]]
    near = Candidate(total, 70.0, 0.78, 0.5, 0.5, 0.5)
    asked = engine.analyse("Sở KH&CN Lạng Sơn có tổng cộng bao nhiêu người?")
    assert engine._dominates(near, [], frozenset({"Lạng Sơn"}), asked, False, total=True)
    assert not engine._dominates(near, [], frozenset({"Lạng Sơn"}), asked, False, total=False)
    far = Candidate(total, 70.0, 0.62, 0.5, 0.5, 0.5)
    assert not engine._dominates(far, [], frozenset({"Lạng Sơn"}), asked, False, total=True)


def test_an_abbreviation_of_consonants_is_not_an_unknown_subject(engine):
    read = engine.index.reader.analyse
    assert not engine._unknown(read("cảng vụ hh có bao nhiêu người"))
    assert engine._unknown(read("sở có bao nhiêu kỹ sư robot"))  # a word no fact uses


def test_school_managers_abbreviated_are_read_as_written_out(engine):
    read = engine.index.reader.analyse
    assert read("bn cbql gd chưa qua bd").tokens == read("bao nhiêu cán bộ quản lý giáo dục chưa qua bồi dưỡng").tokens
    assert read("mấy pht").tokens == read("mấy phó hiệu trưởng").tokens


def test_a_question_asking_no_number_is_not_told_the_number_is_not_given(engine):
    a = engine.answer("Bà giám đốc trung tâm ứng dụng lạng sơn trước kia ở phòng nào?")
    text = to_text(a)
    assert a.why.rule == Rule.OTHER_MEASURE and "con số" not in text and "không nói rõ" in text
    assert a.examples[0].fact_id == "ls-trung-tam-doi-lanh-dao"  # what fits the question is offered first
    counted = to_text(engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu đảng viên?"))
    assert "không nêu con số" in counted


def test_everyday_words_for_excess_and_spending_told_apart_from_words_that_fold_alike():
    read = _bundled_reader().analyse
    assert read("sở thừa mấy ghế phó?").tokens == read("sở vượt mấy cấp phó?").tokens
    assert "vuot" not in read("Thưa anh, sở có mấy người?").tokens
    assert "chi" in read("tốn bao nhiêu kinh phí").tokens and "chi" not in read("tồn tại bao lâu").tokens
    assert "khong" not in read("giai đoạn này là chặng đường khó").tokens  # "chặng" is not "chẳng"
    assert "dang" in read("bài này đăng ngày nào").tokens  # "đăng" (published) is not "đang" (now)
    assert "ngoai" not in read("năm ngoái tỷ lệ là bao nhiêu").tokens and "ngoai" in read("tỷ lệ ngoại ngữ").tokens
    # "nâng" is "tăng" where it raises a count, never where it improves or promotes
    for kept in ("nâng cao chất lượng", "nâng lương trước hạn", "nâng ngạch chuyên viên chính"):
        assert "tang" not in read(kept).tokens, kept
    # "trong gđ …" is a period, "gđ sở" its director
    assert read("trúng tuyển trong gđ thanh tra").tokens == read("trúng tuyển trong giai đoạn thanh tra").tokens
    assert read("gđ sở là ai").tokens == read("giám đốc sở là ai").tokens
    # "đang" leaves the phrases that read "ai đang giữ chức …" whole
    assert read("ai đang giữ chức phó giám đốc sở").tokens == read("ai là phó giám đốc sở").tokens


def test_a_source_named_with_theo_is_not_a_concept_the_fact_must_hold(engine):
    read = engine.index.reader.analyse
    top = Candidate(engine.kb.fact("dt-bo-nhiem"), 70.0, 0.7, 0.5, 0.5, 0.5)
    assert not engine._left_concept(read("Đông Triều bổ nhiệm bao nhiêu cán bộ theo kế hoạch phát triển nhân lực"), top)
    assert engine._left_concept(read("Đông Triều bổ nhiệm bao nhiêu cán bộ kế hoạch phát triển nhân lực"), top)


_NINE = _article(
    14, "Lạng Sơn",
    "Năm 2024, Lạng Sơn có chín người đi học.",
    _fact("test-14-chin", "tỉnh Lạng Sơn",
          "Năm 2024, Lạng Sơn có chín người đi học.",
          ["Lạng Sơn có mấy người đi học năm 2024?", "Số người Lạng Sơn đi học"]))


def test_the_figures_asked_for_are_no_word_of_what_is_asked(engine):
    a = engine.answer("số liệu đi học tiến sĩ ra sao ạ?")  # ("số liệu": what every question asks for)
    assert a.answered and a.fact.id == "hd-tien-si"
    read = engine.index.reader.analyse
    assert read("số liệu về ngoại ngữ").tokens == read("về ngoại ngữ").tokens


def test_a_figure_per_person_or_per_year_is_answered_only_by_a_fact_stating_one(engine):
    assert questions.asks_per_unit("Cần Thơ chi bình quân bao nhiêu cho mỗi cán bộ?")
    assert not questions.asks_per_unit("tỷ lệ trên đại học và từ đại học trở lên mỗi cái bao nhiêu?")  # each of two
    assert not questions.asks_per_unit("Hải Dương mới cử bao nhiêu người đi học?")  # ("mới", not "mỗi")
    assert not questions.asks_per_unit("năm 2023 và năm 2024 mỗi năm giảm bao nhiêu?")  # each year named
    a = engine.answer("Sở KH&CN Hải Dương bình quân mỗi năm cử bao nhiêu người đi học thạc sĩ?")
    assert not a.answered  # the 11 are of 2012–2017: no yearly figure
    a = engine.answer("Bắc Kạn hằng năm bồi dưỡng bao nhiêu phần trăm cán bộ?")  # "Trung bình mỗi năm … 20%"
    assert a.answered and a.fact.id == "bk-boi-duong-hang-nam"


def test_the_leaders_of_rooms_are_their_heads_and_deputies(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _article(
        9, "Lạng Sơn", "Năm 2024, Sở Y tế Lạng Sơn giảm 12 lãnh đạo cấp phòng.",
        _fact("test-9-cap-phong", "Sở Y tế Lạng Sơn", "Năm 2024, Sở Y tế Lạng Sơn giảm 12 lãnh đạo cấp phòng.",
              ["Sở Y tế Lạng Sơn giảm bao nhiêu lãnh đạo cấp phòng?", "Số lãnh đạo cấp phòng Sở Y tế Lạng Sơn giảm"])))
    for question in ("Sở Y tế Lạng Sơn bớt bao nhiêu trưởng, phó phòng?", "Sở Y tế Lạng Sơn giảm mấy lãnh đạo?"):
        a = engine.answer(question)
        assert a.answered and a.fact.id == "test-9-cap-phong", question


_TOLD = _article(
    8, "Lạng Sơn",
    "Năm 2024, Lạng Sơn rà soát cán bộ lớn tuổi diện nghỉ hưu trước tuổi theo chính sách tinh giản, được 80 người. "
    "Năm 2024, kết quả cho thấy khối đảng có 30 người; khối chính quyền là 50 người.",
    _fact("test-8-ra-soat", "tỉnh Lạng Sơn",
          "Năm 2024, Lạng Sơn rà soát cán bộ lớn tuổi diện nghỉ hưu trước tuổi theo chính sách tinh giản, được 80 "
          "người.",
          ["Lạng Sơn rà soát bao nhiêu cán bộ lớn tuổi diện nghỉ hưu trước tuổi?",
           "Số cán bộ diện nghỉ hưu trước tuổi Lạng Sơn rà soát"]),
    _fact("test-8-chinh-quyen", "tỉnh Lạng Sơn",
          "Năm 2024, kết quả cho thấy khối đảng có 30 người; khối chính quyền là 50 người.",
          ["Tại Lạng Sơn, khối chính quyền là bao nhiêu người?", "Khối chính quyền là bao nhiêu người ở Lạng Sơn?"]))


def test_a_question_telling_what_its_article_reports_asks_what_follows(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TOLD)
    a = engine.answer("Lạng Sơn rà soát cán bộ lớn tuổi diện nghỉ hưu trước tuổi theo chính sách tinh giản, "
                      "khối chính quyền có bao nhiêu người?")
    assert a.answered and a.fact.id == "test-8-chinh-quyen" and a.why.rule == Rule.SCENE_SET
    # what follows asking what the telling's own fact gives: that fact
    a = engine.answer("Lạng Sơn rà soát cán bộ lớn tuổi diện nghỉ hưu trước tuổi theo chính sách tinh giản, được bao "
                      "nhiêu người?")
    assert a.answered and a.fact.id == "test-8-ra-soat"
    # a telling the article does not give is no telling of it
    assert not engine.answer("Lạng Sơn kỷ luật cán bộ vi phạm quy định về đạo đức công vụ, khối chính quyền có "
                             "bao nhiêu người?").answered
    # told, then asked after "thì" where chat writes no comma, with or without marks
    for question in ("Lạng Sơn rà soát cán bộ lớn tuổi diện nghỉ hưu trước tuổi theo chính sách tinh giản thì khối "
                     "chính quyền có bao nhiêu người?",
                     "lang son ra soat can bo lon tuoi dien nghi huu truoc tuoi theo chinh sach tinh gian thi khoi "
                     "chinh quyen co bao nhieu nguoi"):
        a = engine.answer(question)
        assert a.answered and a.fact.id == "test-8-chinh-quyen" and a.why.rule == Rule.SCENE_SET, question
    assert questions.to_last_clause("Hà Nội có bao nhiêu người thi tuyển công chức") is None  # an exam
    assert questions.to_last_clause("thi xa dong trieu co bao nhieu tri thuc") is None  # a town


def test_not_having_a_degree_is_lacking_it():
    read = _bundled_reader().analyse
    assert read("mấy người chưa có bằng cử nhân").tokens == read("mấy người thiếu bằng đại học").tokens
    assert read("xã chưa có cán bộ").tokens == read("xã thiếu cán bộ").tokens
    assert read("không có chứng chỉ ngoại ngữ").tokens == read("thiếu chứng chỉ ngoại ngữ").tokens


def test_chat_spellings_of_nguoi_are_read_so():
    read = _bundled_reader().analyse
    assert read("có mấy ngừi học thạc sĩ").tokens == read("có mấy người học thạc sĩ").tokens


def test_public_service_units_as_staff_name_them():
    read = _bundled_reader().analyse
    assert read("bao nhiêu cơ sở sự nghiệp thuộc nhà nước").tokens == \
        read("bao nhiêu đơn vị sự nghiệp công lập").tokens


def test_a_dictionary_phrase_whose_last_word_is_a_letter_short_is_completed(config, knowledge_copy):
    read = _engine_with(config, knowledge_copy, _NINE).index.reader.analyse  # "chín" (nine) is then a known word
    assert read("học chuyên viên chín ở sở").tokens == read("học chuyên viên chính ở sở").tokens
    assert read("chuyên viên").tokens == ("chuyen", "vien")  # nothing to complete


def test_a_wrong_level_is_corrected_with_the_level_not_the_change_beside_it(engine):
    a = engine.answer("Tỷ lệ cán bộ, công chức Bắc Kạn có trung cấp LLCT trở lên là 68,4% hả anh?")
    assert a.lead == "Chưa đúng: theo bài viết, con số là 64,8% (không phải 68,4%)."
    change = engine.answer("Tỷ lệ trên đại học Bắc Kạn tăng 10% so với 2015 đúng không?")
    assert "19,49%" in change.lead  # a change claimed is corrected with the change


def test_people_addressed_are_not_a_count_and_which_man_asks_who():
    read = _bundled_reader().analyse
    assert read("Sở có bao nhiêu người vậy mấy anh?").tokens == read("Sở có bao nhiêu người?").tokens
    assert read("Hoành Bồ có mấy anh em đi học?").tokens.count("bao") == 1  # a count of comrades stays a count
    assert "ai" in read("Ông nào đứng đầu sở?").tokens


_HIRING = _article(
    15, "Lạng Sơn",
    "Năm 2024, tỉnh Lạng Sơn tuyển dụng 321 công chức.",
    _fact("test-15-tuyen", "Lạng Sơn",
          "Năm 2024, tỉnh Lạng Sơn tuyển dụng 321 công chức.",
          ["Lạng Sơn tuyển dụng bao nhiêu công chức?", "Số công chức Lạng Sơn tuyển dụng"]))


def test_an_office_named_as_the_source_is_not_what_the_figure_must_be_of(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _HIRING)
    sourced = engine.answer("Theo kế hoạch của Sở Nội vụ, Lạng Sơn tuyển dụng bao nhiêu công chức?")
    assert sourced.answered and sourced.fact.id == "test-15-tuyen"
    # named as what is asked about, the office still must be the fact's
    assert not engine.answer("Sở Nội vụ Lạng Sơn tuyển dụng bao nhiêu công chức?").answered


_AUDIT = _article(
    16, "Kiểm toán Nhà nước",
    "Năm 2024, Kiểm toán Nhà nước phát hiện thừa 1.234 người trong biên chế.",
    _fact("test-16-thua", "Kiểm toán Nhà nước",
          "Năm 2024, Kiểm toán Nhà nước phát hiện thừa 1.234 người trong biên chế.",
          ["Kiểm toán Nhà nước phát hiện thừa bao nhiêu người trong biên chế?",
           "Số người thừa trong biên chế Kiểm toán Nhà nước phát hiện"]))


def test_a_national_body_beside_a_province_is_asked_about_the_province(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _AUDIT)
    own = engine.answer("Kiểm toán Nhà nước phát hiện thừa bao nhiêu người trong biên chế?")
    assert own.answered and own.fact.id == "test-16-thua"
    province = engine.answer("Kiểm toán Nhà nước phát hiện tỉnh Lạng Sơn thừa bao nhiêu người trong biên chế?")
    assert not province.answered  # the body's nationwide figure is not Lạng Sơn's


_KIN = _article(
    17, "Lạng Sơn",
    "Năm 2024, thanh tra kết luận về việc tuyển dụng khi ông Trần Văn Bảy làm Chủ tịch huyện Cao Lộc. "
    "Đã có 5 trường hợp là họ hàng, 12 trường hợp là người cùng xã với ông Bảy được tuyển dụng.",
    _fact("test-17-cung-xa", "huyện Cao Lộc",
          "Năm 2024, đã có 5 trường hợp là họ hàng, 12 trường hợp là người cùng xã với ông Bảy được tuyển dụng.",
          ["Lạng Sơn có bao nhiêu trường hợp là người cùng xã được tuyển dụng?",
           "Số trường hợp người cùng xã được tuyển dụng ở Lạng Sơn"],
          quote="Đã có 5 trường hợp là họ hàng, 12 trường hợp là người cùng xã với ông Bảy được tuyển dụng."),
    _fact("test-17-chu-tich", "huyện Cao Lộc",
          "Năm 2024, ông Trần Văn Bảy làm Chủ tịch huyện Cao Lộc.",
          ["Ai làm Chủ tịch huyện Cao Lộc?", "Chủ tịch huyện Cao Lộc là ai?"],
          quote="Năm 2024, thanh tra kết luận về việc tuyển dụng khi ông Trần Văn Bảy làm Chủ tịch huyện Cao Lộc."))


def test_a_person_called_by_given_name_is_the_one_the_article_names_in_full(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _KIN)
    a = engine.answer("Có 15 người cùng xã với ông Trần Văn Bảy được tuyển dụng phải không?")
    assert a.answered and a.fact.id == "test-17-cung-xa"
    # corrected with the count of what the claim counts (people of his commune), not the first figure
    assert a.lead == "Chưa đúng: theo bài viết, con số là 12 (không phải 15)."


def test_a_title_and_given_name_is_matched_only_to_a_full_name_ending_with_it():
    from bot.engine.reader import called_by_given_name
    people = ("Trần Văn Bảy", "Lê Thị Hoa")
    assert called_by_given_name("cùng xã với ông Bảy được tuyển", people) == {"Trần Văn Bảy"}
    assert called_by_given_name("ông Văn Bảy", people) == set()  # two words: not a given name alone
    assert called_by_given_name("bà Lan nói", people) == set()


_SPENDING = _article(
    18, "Lạng Sơn",
    "Năm 2024, Lạng Sơn chi 12 tỷ đồng ngân sách cho đào tạo cán bộ, với 340 người được cử đi học.",
    _fact("test-18-chi", "Lạng Sơn",
          "Năm 2024, Lạng Sơn chi 12 tỷ đồng ngân sách cho đào tạo cán bộ.",
          ["Lạng Sơn chi ngân sách bao nhiêu tỷ đồng cho đào tạo?", "Kinh phí đào tạo cán bộ của Lạng Sơn"],
          quote="Năm 2024, Lạng Sơn chi 12 tỷ đồng ngân sách cho đào tạo cán bộ, với 340 người được cử đi học."),
    _fact("test-18-di-hoc", "Lạng Sơn",
          "Năm 2024, Lạng Sơn cử 340 người đi học.",
          ["Lạng Sơn cử bao nhiêu người đi học?", "Số người Lạng Sơn cử đi học"],
          quote="Năm 2024, Lạng Sơn chi 12 tỷ đồng ngân sách cho đào tạo cán bộ, với 340 người được cử đi học."))


def test_how_much_money_is_asked_of_any_sum_the_fact_gives_in_its_units(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SPENDING)
    a = engine.answer("lang son chi bao nhieu tien dua can bo di dao tao")
    assert a.answered and a.fact.id == "test-18-chi"  # "tiền" need not be said: "12 tỷ đồng" is money
    assert engine.index.scope.measures.asked(engine.analyse("bao nhiêu triệu công chức").tokens) != "tiền"
    a = engine.answer("Lạng Sơn dự chi bao nhiêu tỷ cho cán bộ đi học?")  # "bao nhiêu tỷ": billions of đồng
    assert a.answered and a.fact.id == "test-18-chi"
    assert engine.index.scope.measures.asked(engine.analyse("tỷ lệ bao nhiêu").tokens) == "phần trăm"


def test_what_remains_is_not_what_there_is_and_deputies_and_heads_are_one_group():
    read = _bundled_reader().analyse
    assert read("Sở còn bao nhiêu người?").tokens != read("Sở có bao nhiêu người?").tokens
    assert read("thế còn trung cấp?").tokens == read("thế trung cấp?").tokens  # "còn" opening a turn adds nothing
    assert read("có 31 phó, trưởng phòng").tokens == read("có 31 trưởng, phó phòng").tokens
    assert read("Phó Trưởng phòng Nội vụ").tokens != read("phó, trưởng phòng Nội vụ").tokens  # a deputy head


def test_boss_is_the_head_when_asked_who_and_the_leaders_when_counted():
    read = _bundled_reader().analyse
    assert read("phòng có bao nhiêu sếp?").tokens == read("phòng có bao nhiêu lãnh đạo?").tokens
    assert read("sếp sở là ai?").tokens == read("người đứng đầu sở là ai?").tokens


_TARGETS = _article(
    19, "Lạng Sơn",
    "Năm 2024, Lạng Sơn sẽ giảm 10% biên chế. Các sở đặt mục đích cải cách lên đầu. Lạng Sơn hoàn thành mục tiêu "
    "đề án với 12 xã. Chỉ tiêu giảm hộ nghèo đạt 4%.",
    _fact("test-19-giam", "Lạng Sơn", "Năm 2024, Lạng Sơn sẽ giảm 10% biên chế.",
          ["Lạng Sơn giảm bao nhiêu phần trăm biên chế?", "Tỷ lệ biên chế Lạng Sơn sẽ giảm"]),
    _fact("test-19-muc-dich", "Lạng Sơn", "Năm 2024, các sở đặt mục đích cải cách lên đầu.",
          ["Các sở Lạng Sơn đặt mục đích gì lên đầu?", "Sở ở Lạng Sơn coi trọng điều gì"],
          quote="Các sở đặt mục đích cải cách lên đầu."),
    _fact("test-19-muc-tieu", "Lạng Sơn", "Năm 2024, Lạng Sơn hoàn thành mục tiêu đề án với 12 xã.",
          ["Lạng Sơn hoàn thành mục tiêu đề án ở bao nhiêu xã?", "Số xã Lạng Sơn hoàn thành đề án"],
          quote="Lạng Sơn hoàn thành mục tiêu đề án với 12 xã."),
    _fact("test-19-ho-ngheo", "Lạng Sơn", "Năm 2024, chỉ tiêu giảm hộ nghèo của Lạng Sơn đạt 4%.",
          ["Chỉ tiêu giảm hộ nghèo của Lạng Sơn đạt bao nhiêu phần trăm?", "Tỷ lệ giảm hộ nghèo Lạng Sơn"],
          quote="Chỉ tiêu giảm hộ nghèo đạt 4%."))


def test_word_pairs_known_only_from_different_facts_are_no_concept_the_fact_lacks(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TARGETS)
    ranked = engine.index.rank(engine.analyse("Lạng Sơn đặt mục tiêu giảm mấy phần trăm biên chế?"))
    top = next(c for c in ranked.candidates if c.fact.id == "test-19-giam")
    # "đặt mục", "mục tiêu", "tiêu giảm" are each said somewhere, never together: not one concept
    assert not engine._left_concept(ranked.analysis, top)
    said = engine.index.rank(engine.analyse("Lạng Sơn hoàn thành mục tiêu đề án giảm mấy phần trăm biên chế?"))
    top = next(c for c in said.candidates if c.fact.id == "test-19-giam")
    assert engine._left_concept(said.analysis, top)  # "hoàn thành mục tiêu đề án" is one, said by another fact


_VERIFIED = _article(
    20, "Lạng Sơn",
    "Năm 2024, thanh tra đã xác minh 40 người tại 7 địa phương. Trong đó, 31 trường hợp là người nhà lãnh đạo.",
    _fact("test-20-xac-minh", "Lạng Sơn",
          "Năm 2024, thanh tra đã xác minh 40 người tại 7 địa phương.",
          ["Thanh tra xác minh bao nhiêu người ở Lạng Sơn?", "Số người được xác minh tại Lạng Sơn"]))


def test_a_claimed_count_is_never_corrected_with_a_figure_of_another_thing(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _VERIFIED)
    a = engine.answer("Thanh tra xác minh ở 7 địa phương của Lạng Sơn có 50 trường hợp là người nhà phải không?")
    # the fact found gives the 7 places, but nothing counting relatives: 40 people verified is no correction
    assert not a.answered and "40" not in a.lead
    checked = engine.answer("Thanh tra xác minh 45 người ở Lạng Sơn phải không?")
    assert checked.answered and checked.lead == "Chưa đúng: theo bài viết, con số là 40 (không phải 45)."
    # two figures cited, neither of which the fact gives, one counting what no figure of the fact counts: another
    # passage is meant, not both corrected (each counted alike is corrected: see the test on two wrong figures)
    both = engine.answer("Thanh tra xác minh 45 người ở 9 tỉnh của Lạng Sơn phải không?")
    assert not both.answered and both.why.rule == "claim_elsewhere"


_SECTOR = _article(
    21, "Lạng Sơn",
    "Năm 2024, ngành giáo dục Lạng Sơn tăng 320 biên chế. Lạng Sơn có 12 trường trung học phổ thông.",
    _fact("test-21-giao-duc", "Lạng Sơn", "Năm 2024, ngành giáo dục Lạng Sơn tăng 320 biên chế.",
          ["Ngành giáo dục Lạng Sơn tăng bao nhiêu biên chế?", "Số biên chế ngành giáo dục Lạng Sơn tăng"]),
    _fact("test-21-thpt", "Lạng Sơn", "Năm 2024, Lạng Sơn có 12 trường trung học phổ thông.",
          ["Lạng Sơn có bao nhiêu trường trung học phổ thông?", "Số trường THPT ở Lạng Sơn"],
          quote="Lạng Sơn có 12 trường trung học phổ thông."))


def test_a_question_narrowing_what_is_counted_is_not_answered_with_the_whole(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SECTOR)
    whole = engine.answer("Ngành giáo dục Lạng Sơn tăng bao nhiêu biên chế?")
    assert whole.answered and whole.fact.id == "test-21-giao-duc"
    part = engine.answer("Ngành giáo dục Lạng Sơn tăng bao nhiêu biên chế giáo viên THPT?")
    assert not part.answered  # the teachers of upper secondary schools are a part the article does not count


def test_a_place_named_in_full_that_nothing_knows_is_declined_as_unknown(engine):
    a = engine.answer("Huyện Cao Phong có bao nhiêu công chức đi học cao cấp chính trị?")
    assert not a.answered and a.why.rule == "unknown_place" and a.missing == ("huyện Cao Phong",)
    a = engine.answer("Thị xã Đông Triều có bao nhiêu trí thức?")  # known: answered as before
    assert a.answered
    assert engine.answer("Xã Nào ở Hoành Bồ có cán bộ huyện tăng cường?").why.rule != "unknown_place"
    assert engine.answer("Tỉnh Ủy Bắc Kạn ban hành nghị quyết nào?").why.rule != "unknown_place"


_DISTRICTS = _article(
    22, "Lạng Sơn",
    "Năm 2024, Lạng Sơn đề xuất thêm 500 chỉ tiêu, nâng tổng số nhân sự lên 13.000 người. Các phường cần nhiều "
    "chỉ tiêu gồm Hòa Xuân, Mỹ Khê. Phường An Phú được giao 40 chỉ tiêu.",
    _fact("test-22-de-xuat", "Lạng Sơn",
          "Năm 2024, Lạng Sơn đề xuất thêm 500 chỉ tiêu, nâng tổng số nhân sự lên 13.000 người.",
          ["Lạng Sơn đề xuất thêm bao nhiêu chỉ tiêu?", "Số chỉ tiêu Lạng Sơn đề xuất thêm"],
          quote="Năm 2024, Lạng Sơn đề xuất thêm 500 chỉ tiêu, nâng tổng số nhân sự lên 13.000 người."),
    _fact("test-22-phuong", "Lạng Sơn", "Năm 2024, các phường cần nhiều chỉ tiêu gồm Hòa Xuân, Mỹ Khê.",
          ["Những phường nào cần nhiều chỉ tiêu?", "Các phường cần nhiều chỉ tiêu ở Lạng Sơn"],
          quote="Các phường cần nhiều chỉ tiêu gồm Hòa Xuân, Mỹ Khê."),
    _fact("test-22-an-phu", "Lạng Sơn", "Năm 2024, phường An Phú được giao 40 chỉ tiêu.",
          ["Phường An Phú được giao bao nhiêu chỉ tiêu?", "Số chỉ tiêu giao phường An Phú"],
          quote="Phường An Phú được giao 40 chỉ tiêu."))


def test_a_place_an_article_names_only_in_passing_gets_no_other_places_figure(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _DISTRICTS)
    # Hòa Xuân is named (in a list), but no figure is of it: never Lạng Sơn's 500
    part = engine.answer("Trong 500 chỉ tiêu Lạng Sơn đề xuất thêm, phường Hòa Xuân được bao nhiêu?")
    assert not part.answered and part.fact is None
    assert engine.answer("Lạng Sơn đề xuất thêm bao nhiêu chỉ tiêu?").fact.id == "test-22-de-xuat"
    named = engine.answer("Lạng Sơn: phường An Phú được giao bao nhiêu chỉ tiêu?")  # a fact saying it: answered
    assert named.answered and named.fact.id == "test-22-an-phu"
    # typed in lower case, or after "h."/"p.": a name the facts write in capitals
    for text in ("Trong 500 chỉ tiêu Lạng Sơn đề xuất thêm, phường hòa xuân được bao nhiêu?",
                 "trong 500 chỉ tiêu lạng sơn đề xuất thêm thì p. hòa xuân được bao nhiêu?",
                 "trong 500 chỉ tiêu lạng sơn đề xuất thêm thì p hòa xuân được bao nhiêu?"):  # (no dot: a phone)
        assert not engine.answer(text).answered, text
    assert engine.answer("lạng sơn: phường an phú được giao bao nhiêu chỉ tiêu?").fact.id == "test-22-an-phu"
    assert engine.answer("lạng sơn p an phú được giao bao nhiêu chỉ tiêu?").fact.id == "test-22-an-phu"


_ABSENT = _article(
    23, "Lạng Sơn",
    "Năm 2024, kiểm tra tại 10 đơn vị có 20 công chức vắng mặt, trong đó có 5 trường hợp vắng mặt không lý do. "
    "Huyện Cờ Đỏ có 7 công chức vắng mặt.",
    _fact("test-23-tong", "Lạng Sơn", "Năm 2024, kiểm tra tại 10 đơn vị có 20 công chức vắng mặt, trong đó có 5 "
          "trường hợp vắng mặt không lý do.",
          ["Lạng Sơn có bao nhiêu công chức vắng mặt?", "Số công chức vắng mặt khi kiểm tra ở Lạng Sơn"],
          quote="Năm 2024, kiểm tra tại 10 đơn vị có 20 công chức vắng mặt, trong đó có 5 trường hợp vắng mặt "
                "không lý do."),
    _fact("test-23-co-do", "Lạng Sơn", "Năm 2024, huyện Cờ Đỏ có 7 công chức vắng mặt.",
          ["Lạng Sơn: đơn vị nào có công chức vắng mặt?", "Công chức vắng mặt ở huyện"],
          quote="Huyện Cờ Đỏ có 7 công chức vắng mặt."))


def test_a_district_an_article_names_is_found_by_its_name_as_written(config, knowledge_copy):
    # "Cờ" folds to "có", a filler: the name reads as "đỏ" alone, so a fact must write "Cờ Đỏ" itself
    engine = _engine_with(config, knowledge_copy, _ABSENT)
    for text in ("huyện Cờ Đỏ có bao nhiêu công chức vắng mặt?", "h. cờ đỏ có bn công chức vắng mặt",
                 "huyen co do co bao nhieu cong chuc vang mat"):  # (typed without marks: "quan", "huyen" too)
        a = engine.answer(text)
        assert a.answered and a.fact.id == "test-23-co-do", text
    for claimed in ("Huyện Cờ Đỏ có 20 công chức vắng mặt phải không?",  # the 20 and the 5 are of all ten units
                    "Huyện Cờ Đỏ có 5 công chức vắng không lý do phải không?"):
        claim = engine.answer(claimed)
        assert claim.lead != "Đúng." and not (claim.answered and claim.fact.id == "test-23-tong"), claimed
    other = engine.answer("Huyện Cờ Lau có bao nhiêu công chức vắng mặt?")  # named by no article
    assert not other.answered and other.why.rule == "unknown_place"


_EXAMPLE_DISTRICT = _article(
    24, "Lạng Sơn",
    "Năm 2024, toàn tỉnh có 900 cán bộ không chuyên trách cấp xã. Ông A lấy ví dụ ở phường Tân Phong, hiện nay, "
    "có 120 cán bộ không chuyên trách.",
    _fact("test-24-toan-tinh", "Lạng Sơn", "Năm 2024, toàn tỉnh có 900 cán bộ không chuyên trách cấp xã.",
          ["Lạng Sơn có bao nhiêu cán bộ không chuyên trách cấp xã?", "Số cán bộ không chuyên trách cấp xã"],
          quote="Năm 2024, toàn tỉnh có 900 cán bộ không chuyên trách cấp xã."),
    _fact("test-24-tan-phong", "Lạng Sơn", "Năm 2024, ông A lấy ví dụ ở phường Tân Phong, hiện nay, có 120 cán bộ "
          "không chuyên trách.",
          ["Lạng Sơn có bao nhiêu cán bộ không chuyên trách?", "Số cán bộ không chuyên trách Lạng Sơn"],
          quote="Ông A lấy ví dụ ở phường Tân Phong, hiện nay, có 120 cán bộ không chuyên trách."))


def test_a_figure_said_of_a_district_within_the_place_is_not_the_place_s(config, knowledge_copy):
    # the draft's phrasings name the province; the figure is one ward's, said after "ở phường …"
    engine = _engine_with(config, knowledge_copy, _EXAMPLE_DISTRICT)
    whole = engine.answer("Lạng Sơn có bao nhiêu cán bộ không chuyên trách?")
    assert not (whole.answered and whole.fact.id == "test-24-tan-phong")
    ward = engine.answer("phường Tân Phong có bao nhiêu cán bộ không chuyên trách?")
    assert ward.answered and ward.fact.id == "test-24-tan-phong"
    # (the figure right after the name, within the words read after "xã")
    assert _district_said("Năm 2024, tại xã Hữu Kiên, 30 cán bộ nghỉ việc.", "Lạng Sơn") == "huu kien"
    assert _district_said("Năm 2024, tại xã Hữu Kiên, 30 cán bộ, 12 công chức.", "Lạng Sơn") == ""  # (two figures)


def test_at_most_and_verified_are_read_as_the_articles_say_them():
    read = _bundled_reader().analyse
    assert read("cấp phó không quá 3 người").tokens == read("cấp phó tối đa 3 người").tokens
    # ...but "không qua được" (folded alike) is failing, as "trượt" is
    failed = read("bao nhiêu người không qua được vòng sát hạch").tokens
    assert failed == read("bao nhiêu người trượt vòng sát hạch").tokens and "toida" not in failed
    assert "xacminh" in read("thanh tra đã xác minh bao nhiêu người").tokens  # not the pronoun "mình"


def test_everyday_words_read_as_the_articles_office_words():
    read = _bundled_reader().analyse
    for everyday, office in (("đỡ được bao nhiêu tiền", "tiết kiệm bao nhiêu tiền"),
                             ("bao nhiêu người hoạt động không chuyên trách", "bao nhiêu cán bộ không chuyên trách"),
                             ("giảm 63 lãnh đạo phòng cấp sở", "giảm 63 trưởng, phó phòng lãnh đạo cấp sở"),
                             ("thanh tra chỉ ra bao nhiêu công chức", "thanh tra phát hiện bao nhiêu công chức"),
                             ("bao nhiêu người thi đậu", "bao nhiêu người trúng tuyển"),
                             ("bao nhiêu người vẫn mang ngạch viên chức", "bao nhiêu người vẫn giữ ngạch viên chức"),
                             ("bao nhiêu người bà con họ hàng", "bao nhiêu người họ hàng"),
                             ("bao nhiêu người cùng làng", "bao nhiêu người cùng thôn"),
                             ("thuyên chuyển bao nhiêu giáo viên", "điều chuyển bao nhiêu giáo viên"),
                             ("đi công tác luân phiên", "đi công tác luân chuyển"),
                             ("dẹp bớt bao nhiêu phòng", "giảm bao nhiêu phòng"),
                             ("bao nhiêu người bị loại", "bao nhiêu người không đạt"),
                             ("bao nhiêu người bị trượt", "bao nhiêu người bị không đạt"),
                             ("có mấy người bỏ việc", "có mấy người nghỉ việc"),
                             ("bao nhiêu người dùng bằng dỏm", "bao nhiêu người dùng bằng giả"),
                             ("trả lương hết khoảng bao nhiêu", "chi tiền lương khoảng bao nhiêu"),
                             ("bao nhiêu người làm lãnh đạo", "bao nhiêu người làm công tác quản lý"),
                             ("dư bao nhiêu suất giáo viên", "vượt bao nhiêu giáo viên"),
                             ("bớt bao nhiêu suất người", "giảm bao nhiêu biên chế"),
                             ("bớt bao nhiêu ghế trưởng, phó phòng", "giảm bao nhiêu trưởng, phó phòng"),
                             ("bao nhiêu người sinh hoạt trong công đoàn", "bao nhiêu người là đoàn viên công đoàn"),
                             ("tốn bao nhiêu triệu đô", "chi bao nhiêu triệu USD"),
                             ("bao nhiêu cán bộ xài bằng giả", "bao nhiêu cán bộ sử dụng bằng giả"),
                             ("không có mặt mà chẳng có lý do", "vắng mặt mà không lý do"),
                             ("mấy sở có phó giám đốc nhiều quá mức cho phép",
                              "mấy sở có phó giám đốc nhiều vượt quy định"),
                             ("Đồng Nai đang thừa chừng bao nhiêu giáo viên",
                              "Đồng Nai thừa khoảng bao nhiêu giáo viên"),
                             ("tuyển không cần thi bao nhiêu người mà sai đối tượng",
                              "tuyển không qua thi tuyển bao nhiêu người mà không đúng đối tượng"),
                             ("nâng biên chế thanh tra lên 45 người", "tăng biên chế thanh tra lên 45 người"),
                             ("nâng đội ngũ thanh tra lên 45 người", "tăng đội ngũ thanh tra lên 45 người"),
                             ("sở có bao nhiêu người hết dợ", "sở có bao nhiêu người tất cả"),  # (Nam Bộ)
                             ("cong chuc dang giu ngach vien chuc", "công chức đang giữ ngạch viên chức"),
                             # a school level is no figure: "bằng cấp 3" finds no fact holding a 3
                             ("bao nhiêu cán bộ dùng bằng cấp 3 giả",
                              "bao nhiêu cán bộ dùng bằng tốt nghiệp THPT giả"),
                             ("truong cap hai thieu bn giao vien", "trường THCS thiếu bao nhiêu giáo viên"),
                             ("bao nhiêu viên chức không làm tròn việc được giao",
                              "bao nhiêu viên chức không hoàn thành nhiệm vụ"),
                             ("nhận thẳng bao nhiêu người theo diện mời gọi người tài",
                              "tiếp nhận không qua thi tuyển bao nhiêu người theo diện thu hút nhân tài"),
                             ("mấy ai ngồi ghế giám đốc trung tâm", "mấy ai làm giám đốc trung tâm"),
                             ("sở từng có mấy ông ngồi ghế phó giám đốc", "sở từng có mấy ông làm phó giám đốc"),
                             ("bao nhiêu viên chức bị chuyển đi nơi khác", "bao nhiêu viên chức bị điều chuyển"),
                             ("năm rồi mấy người được xếp loại xuất sắc",
                              "năm rồi mấy người hoàn thành xuất sắc nhiệm vụ"),
                             ("bao nhiêu giáo viên được đánh giá loại xuất sắc",
                              "bao nhiêu giáo viên hoàn thành xuất sắc nhiệm vụ"),
                             ("trường còn mấy cô làm hợp đồng", "trường còn mấy cô lao động hợp đồng"),
                             ("hồi năm 2016 tuyển bao nhiêu người", "năm 2016 tuyển bao nhiêu người"),
                             ("đổi lãnh đạo từ lúc nào", "đổi lãnh đạo từ khi nào"),
                             ("ai là người được phỏng vấn", "ai nói"), ("ai được trích lời", "ai nói"),
                             # asking a group, and a remark after the question: nothing more is asked
                             ("mọi người ơi có ai biết Bắc Kạn có bao nhiêu đảng viên không",
                              "Bắc Kạn có bao nhiêu đảng viên không"),
                             ("Đông Triều thu hút bao nhiêu thạc sĩ, sao mà ít thế",
                              "Đông Triều thu hút bao nhiêu thạc sĩ"),
                             ("huyện tinh giản mấy người rứa, răng mà nhiều ri", "huyện tinh giản mấy người"),
                             ("huyen tinh gian may nguoi, rang ma it ri", "huyen tinh gian may nguoi"),
                             ("tinh dang du bao nhieu giao vien", "tỉnh đang dư bao nhiêu giáo viên"),
                             ("so du may pho giam doc", "sở dư mấy phó giám đốc"),
                             ("sở có bao nhiêu người ăn lương nhà nước", "sở có bao nhiêu biên chế"),
                             ("huyện giảm mấy người ăn lương ngân sách", "huyện giảm mấy biên chế")):
        assert read(everyday).tokens == read(office).tokens, everyday
    # ...and only where they mean that: a degree's grade, an association, a seat's deputy
    assert read("tốt nghiệp loại xuất sắc").tokens != read("tốt nghiệp hoàn thành xuất sắc nhiệm vụ").tokens
    assert read("Hội năm 2016 có mấy hội viên").tokens != read("năm 2016 có mấy hội viên").tokens
    assert read("thừa mấy ghế phó").tokens == read("thừa mấy cấp phó").tokens
    assert "phat" not in read("chi ra 10 tỷ đồng").tokens  # ("chi ra", spent, is not "chỉ ra", pointed out)
    assert "trung" not in read("thi đấu thể thao").tokens  # (to compete folds as "thi đậu" does)
    for leading in ("lãnh đạo phòng chống tham nhũng", "lãnh đạo phòng ban"):  # (no rooms' heads and deputies)
        assert "truong" not in read(leading).tokens, leading
    assert "sao" in read("vì sao tinh giản ít vậy").tokens  # (asking why is no remark)
    assert "vuot" not in read("so du lich co bao nhieu nguoi").tokens  # ("du" of "du lịch" is no excess)


def test_a_target_set_is_a_plan():
    read = _bundled_reader().analyse
    assert read("Hà Nội đặt mục tiêu giảm 10% biên chế").tokens == read("Hà Nội sẽ giảm 10% biên chế").tokens
    for aimed in ("Lào Cai nhắm bớt bao nhiêu công chức", "Lào Cai nhắm tới giảm bao nhiêu công chức"):
        assert read(aimed).tokens == read("Lào Cai sẽ giảm bao nhiêu công chức").tokens, aimed
    # ...typed with its marks only: "nham" is "nhầm" (a slip, "à nhầm") and "nhằm" (in order to) as well
    assert read("à nhầm, Lào Cai").tokens == read("à nham, Lào Cai").tokens != read("à sẽ, Lào Cai").tokens


_TALENT = _article(
    22, "Lạng Sơn",
    "Năm 2024, Lạng Sơn thu hút 900 nhân tài. Trong đó, 130 người được bổ nhiệm cán bộ lãnh đạo, quản lý.",
    _fact("test-22-thu-hut", "Lạng Sơn", "Năm 2024, Lạng Sơn thu hút 900 nhân tài.",
          ["Lạng Sơn thu hút nhân tài bao nhiêu người?", "Số nhân tài Lạng Sơn thu hút"]),
    _fact("test-22-bo-nhiem", "Lạng Sơn", "Năm 2024, trong đó 130 người được bổ nhiệm cán bộ lãnh đạo, quản lý.",
          ["Lạng Sơn có bao nhiêu người được bổ nhiệm cán bộ lãnh đạo, quản lý?", "Số người được bổ nhiệm ở Lạng Sơn"],
          quote="Trong đó, 130 người được bổ nhiệm cán bộ lãnh đạo, quản lý."))


_RECRUITED = _article(
    23, "Lạng Sơn",
    "Thanh tra tỉnh vừa công bố kết luận về tuyển dụng tại 12 đơn vị sự nghiệp công lập thuộc tỉnh giai đoạn "
    "2022-2024. Trong giai đoạn này có 5 kỳ thi tuyển. Kết quả, có 347 người trúng tuyển, trong đó 2 người không "
    "đến nhận việc.",
    _fact("test-23-don-vi", "Lạng Sơn", "Năm 2024, Lạng Sơn có 12 đơn vị sự nghiệp công lập được thanh tra.",
          ["Lạng Sơn có bao nhiêu đơn vị sự nghiệp công lập được thanh tra?", "Số đơn vị được thanh tra ở Lạng Sơn"],
          quote="Thanh tra tỉnh vừa công bố kết luận về tuyển dụng tại 12 đơn vị sự nghiệp công lập thuộc tỉnh "
                "giai đoạn 2022-2024."),
    _fact("test-23-trung-tuyen", "Lạng Sơn",
          "Năm 2024, kết quả có 347 người trúng tuyển, trong đó 2 người không đến nhận việc.",
          ["Lạng Sơn có bao nhiêu người trúng tuyển?", "Số người trúng tuyển ở Lạng Sơn"],
          quote="Kết quả, có 347 người trúng tuyển, trong đó 2 người không đến nhận việc."))


def test_a_count_stated_as_the_article_sets_its_scope_is_not_what_the_fact_must_hold(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _RECRUITED)
    a = engine.answer("Theo kết luận thanh tra, 12 đơn vị sự nghiệp thuộc Lạng Sơn có bao nhiêu người trúng tuyển?")
    assert a.answered and a.fact.id == "test-23-trung-tuyen" and a.why.values["scope_stated"] == "12 don vi"
    # a count the article does not state is no scope it sets; nor does the scope make another count given
    assert not engine.answer("15 đơn vị sự nghiệp thuộc Lạng Sơn có bao nhiêu người trúng tuyển?").answered
    assert not engine.answer("12 đơn vị sự nghiệp thuộc Lạng Sơn có bao nhiêu người bị kỷ luật?").answered


_DEPUTIES = _article(
    25, "Lào Cai",
    "Tỉnh có 17 sở thì 5 sở vượt số phó giám đốc so với quy định. Có 2 sở chỉ có 2 phó giám đốc.",
    _fact("test-25-vuot", "Lào Cai", "Năm 2024, 5 sở của Lào Cai vượt số phó giám đốc so với quy định.",
          ["Lào Cai có bao nhiêu sở vượt số phó giám đốc?", "Số sở vượt cấp phó ở Lào Cai"],
          quote="Tỉnh có 17 sở thì 5 sở vượt số phó giám đốc so với quy định."),
    _fact("test-25-hai", "Lào Cai", "Năm 2024, Lào Cai có 2 sở chỉ có 2 phó giám đốc.",
          ["Lào Cai có bao nhiêu phó giám đốc?", "Số phó giám đốc của Lào Cai là bao nhiêu?"],
          quote="Có 2 sở chỉ có 2 phó giám đốc."))


def test_a_scope_stated_is_not_answered_by_a_figure_of_part_of_it(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _DEPUTIES)
    # the 17 departments are the scope the article states; "2 sở … 2 phó giám đốc" is of two of them, no sum
    assert not engine.answer("17 sở của Lào Cai tổng cộng có bao nhiêu phó giám đốc?").answered
    # ...but a count of those units within it is what the question asks
    within = engine.answer("Lào Cai có 17 sở, trong đó bao nhiêu sở vượt số phó giám đốc so với quy định?")
    assert within.answered and within.fact.id == "test-25-vuot"


_ROADMAP = _article(
    24, "Lạng Sơn",
    "Theo lộ trình tinh giản biên chế được trình, đến năm 2026 Lạng Sơn sẽ giảm từ 2 - 3% biên chế công chức và số "
    "người làm việc. Cụ thể, năm 2024 biên chế công chức là 5.210 người, đến năm 2026 giảm còn 4.930 người.",
    _fact("test-24-ty-le", "Lạng Sơn",
          "Theo lộ trình tinh giản biên chế được trình, đến năm 2026 Lạng Sơn sẽ giảm từ 2 - 3% biên chế công chức và "
          "số người làm việc.",
          ["Lạng Sơn giảm bao nhiêu phần trăm biên chế công chức?", "Tỷ lệ biên chế công chức Lạng Sơn giảm"],
          time="năm 2026"),
    _fact("test-24-con", "Lạng Sơn",
          "Cụ thể, năm 2024 biên chế công chức là 5.210 người, đến năm 2026 giảm còn 4.930 người.",
          ["Lạng Sơn giảm còn bao nhiêu người?", "Số người Lạng Sơn giảm còn"], time="năm 2026"))


_CUTS = _article(
    25, "Lạng Sơn",
    "Giai đoạn 2022 - 2024, Lạng Sơn chỉ giảm được 900 biên chế. Cụ thể, biên chế công chức giảm khoảng 350 người.",
    _fact("test-25-bien-che", "Lạng Sơn", "Giai đoạn 2022 - 2024, Lạng Sơn chỉ giảm được 900 biên chế.",
          ["Lạng Sơn giảm bao nhiêu biên chế?", "Giai đoạn 2022 - 2024 Lạng Sơn giảm bao nhiêu biên chế?"],
          time="giai đoạn 2022 - 2024"),
    _fact("test-25-cong-chuc", "Lạng Sơn", "Giai đoạn 2022 - 2024, biên chế công chức Lạng Sơn giảm khoảng 350 người.",
          ["Lạng Sơn giảm bao nhiêu biên chế công chức?", "Giai đoạn 2022 - 2024 Lạng Sơn giảm bao nhiêu người?"],
          time="giai đoạn 2022 - 2024",
          quote=["Giai đoạn 2022 - 2024, Lạng Sơn chỉ giảm được 900 biên chế.",
                 "Cụ thể, biên chế công chức giảm khoảng 350 người."]))


def test_a_figure_between_the_words_asked_around_bao_nhieu_answers(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _ROADMAP)
    a = engine.answer("Theo lộ trình tinh giản biên chế được trình, đến năm 2026 biên chế công chức của Lạng Sơn giảm "
                      "còn bao nhiêu người?")
    assert a.answered and a.fact.id == "test-24-con" and a.why.rule == "framed"  # not "2 - 3% is no count"
    # asked with "mấy", a word of how exact between
    a = engine.answer("Theo lộ trình tinh giản biên chế được trình, đến năm 2026 biên chế công chức của Lạng Sơn giảm "
                      "còn khoảng mấy người?")
    assert a.answered and a.fact.id == "test-24-con" and a.why.rule == "framed"
    assert not engine.answer("Theo lộ trình tinh giản biên chế được trình, đến năm 2026 biên chế công chức Lạng Sơn "
                             "tăng thêm bao nhiêu người?").answered


def test_of_rivals_the_one_giving_the_figure_as_asked_answers(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _CUTS)
    a = engine.answer("giai đoạn 2022 - 2024 lạng sơn giảm được bao nhiêu biên chế")  # "… chỉ giảm được 900 biên chế"
    assert a.answered and a.fact.id == "test-25-bien-che" and a.why.rule == "framed"


def test_a_group_the_count_is_within_is_not_what_is_counted(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TALENT)
    a = engine.answer("Trong số nhân tài Lạng Sơn thu hút và đào tạo, bao nhiêu người đã lên làm sếp?")
    assert a.answered and a.fact.id == "test-22-bo-nhiem"


def test_holding_no_post_is_staff_not_a_question_asking_who():
    read = _bundled_reader().analyse
    assert "ai" not in read("mấy người là nhân viên thường, không giữ chức gì?").tokens
    assert "ai" in read("ông ấy giữ chức gì?").tokens


_PROVINCE_APPOINTMENTS = _article(
    23, "Lạng Sơn",
    "Năm 2024, Lạng Sơn bổ nhiệm 50 công chức làm lãnh đạo khi chưa đủ điều kiện.",
    _fact("test-23-tinh", "Lạng Sơn", "Năm 2024, Lạng Sơn bổ nhiệm 50 công chức làm lãnh đạo khi chưa đủ điều kiện.",
          ["Lạng Sơn có bao nhiêu người giữ chức lãnh đạo khi chưa đủ điều kiện?",
           "Số công chức làm lãnh đạo Lạng Sơn bổ nhiệm"]))
_HEALTH_OFFICE = _article(
    24, "Lạng Sơn",
    "Sở Y tế Lạng Sơn hiện có 38 cán bộ, nhân viên thì 19 người làm lãnh đạo các phòng ban trở lên.",
    _fact("test-24-so-y-te", "Sở Y tế Lạng Sơn",
          "Năm 2024, Sở Y tế Lạng Sơn có 38 cán bộ, nhân viên thì 19 người làm lãnh đạo các phòng ban trở lên.",
          ["Sở Y tế Lạng Sơn có bao nhiêu người làm lãnh đạo các phòng ban trở lên?",
           "Số lãnh đạo phòng ban của Sở Y tế Lạng Sơn"],
          quote="Sở Y tế Lạng Sơn hiện có 38 cán bộ, nhân viên thì 19 người làm lãnh đạo các phòng ban trở lên."))


def test_another_body_s_closer_figure_does_not_hide_the_office_s_own(config, knowledge_copy):
    (knowledge_copy / "articles" / "test-province.yaml").write_text(_PROVINCE_APPOINTMENTS, encoding="utf-8")
    engine = _engine_with(config, knowledge_copy, _HEALTH_OFFICE)
    a = engine.answer("Sở Y tế Lạng Sơn có bao nhiêu người giữ chức lãnh đạo?")
    # the province's closer figure is of another body: the office's own fact decides, never "not given"
    assert a.why.values["fact"] == "test-24-so-y-te" and a.why.rule != "other_measure"


_EMULATION = _article(
    25, "Lạng Sơn",
    "Năm 2024, công đoàn Sở KH&CN Lạng Sơn phát động thi đua, khen thưởng kịp thời 12 tập thể. Sở KH&CN Lạng Sơn "
    "làm tốt phong trào thi đua yêu nước.",
    _fact("test-25-thi-dua", "Công đoàn Sở KH&CN Lạng Sơn",
          "Năm 2024, công đoàn Sở KH&CN Lạng Sơn phát động thi đua, khen thưởng kịp thời 12 tập thể.",
          ["Đoàn viên công đoàn Sở KH&CN Lạng Sơn hưởng ứng phong trào thi đua của ngành như thế nào?",
           "Công đoàn Sở KH&CN Lạng Sơn động viên đoàn viên thi đua ra sao"]),
    _fact("test-25-phong-trao", "Sở KH&CN Lạng Sơn",
          "Năm 2024, Sở KH&CN Lạng Sơn làm tốt phong trào thi đua yêu nước.",
          ["Sở KH&CN Lạng Sơn khen thưởng theo phong trào nào?", "Phong trào thi đua của Sở KH&CN Lạng Sơn"],
          quote="Sở KH&CN Lạng Sơn làm tốt phong trào thi đua yêu nước."))


def test_a_question_saying_little_of_the_best_fact_offers_the_facts_near_it(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _EMULATION)
    a = engine.answer("Ở Lạng Sơn thi đua, khen thưởng kịp thời được làm thế nào?")
    # the best fact covers the words but its subject (đoàn viên hưởng ứng phong trào …) is hardly asked: a choice
    assert a.outcome == "clarify" and {s.fact_id for s in a.suggestions} >= {"test-25-thi-dua", "test-25-phong-trao"}


def test_a_noun_closed_by_vien_is_the_person_doing_that_work(engine):
    noun = lambda text: engine.index.scope.measures.noun(engine.analyse(text).tokens)  # noqa: E731
    assert noun("Bộ Y tế có bao nhiêu thanh tra viên?") == ("thanh", "tra", "vien")
    assert noun("Bộ Y tế kiểm tra bao nhiêu hồ sơ viên chức?") == ("ho", "so")


def test_a_steering_committee_is_neither_you_nor_leaders_and_down_to_is_not_what_is_counted(engine):
    assert engine.analyse("tỉnh còn bao nhiêu ban chỉ đạo").tokens == engine.analyse("tỉnh còn bao nhiêu bcđ").tokens
    assert "lanh" not in engine.analyse("ban chỉ đạo").tokens  # "chỉ đạo" alone still reads as leading
    assert "lanh" in engine.analyse("chỉ đạo").tokens
    noun = lambda text: engine.index.scope.measures.noun(engine.analyse(text).tokens)  # noqa: E731
    assert noun("từ bao nhiêu xuống còn bao nhiêu") == ()


def test_the_first_three_months_are_the_first_quarter(engine):
    assert engine.analyse("3 tháng đầu năm 2019").tokens == engine.analyse("quý I 2019").tokens
    assert engine.analyse("quý một năm 2019").tokens == engine.analyse("quý I năm 2019").tokens  # said in words
    assert engine.analyse("quý bốn").tokens == engine.analyse("quý IV").tokens
    a = engine.answer("ba tháng đầu năm 2019 Hoành Bồ giảm được mấy biên chế?")
    assert a.answered and "quý I/2019" in a.fact.answer and "14" in a.fact.answer


def test_absent_said_short_is_absent_but_yes_is_not(engine):
    assert engine.analyse("công chức vắng không lý do").tokens == engine.analyse("công chức vắng mặt không lý do").tokens
    assert "mat" not in engine.analyse("Vâng, cảm ơn").tokens  # ("vâng" folds as "vắng" does)


def test_the_latest_figure_asked_is_no_ranking(engine):
    # "theo số liệu mới nhất", "bài gần đây nhất": what the articles give, not "nhiều nhất" of a ranking
    for asked, fact_id in (("Tỷ lệ viên chức Bắc Kạn có trung cấp lý luận chính trị trở lên theo số liệu mới nhất "
                            "là bao nhiêu?", "bk-llct-vien-chuc"),
                           ("Theo bài gần đây nhất, Đông Triều có bao nhiêu trí thức?", "dt-tong-so-tri-thuc")):
        a = engine.answer(asked)
        assert a.answered and a.fact.id == fact_id, asked
    assert "nhat" in engine.analyse("sở nào đông người nhất?").tokens


def test_of_late_is_no_duration_asked(engine):
    noun = lambda text: engine.index.scope.measures.noun(engine.analyse(text).tokens)  # noqa: E731
    assert noun("phải mất mấy năm mới xong") == ("nam",)
    assert noun("mấy năm qua có bao nhiêu người đi học") == ()
    a = engine.answer("mấy năm gần đây Sở KH&CN Hải Dương có mấy người đi học thạc sĩ?")
    assert a.answered and a.fact.id == "hd-thac-si"


def test_a_year_opening_a_question_is_never_set_aside(engine):
    # "Sang năm 2020, …": the clause asks nothing itself, but its year is what the rest is asked of
    a = engine.answer("Sang năm 2020, huyện Hoành Bồ luân chuyển bao nhiêu cán bộ từ huyện xuống xã?")
    assert not a.answered
    assert engine.answer("Huyện Hoành Bồ luân chuyển bao nhiêu cán bộ từ huyện xuống xã?").answered


def test_now_has_is_what_there_is():
    read = _bundled_reader().analyse
    assert read("Sở giờ có bao nhiêu người?").tokens == read("Sở hiện có bao nhiêu người?").tokens



def test_a_place_abbreviation_alone_or_with_one_word_is_read_without_failing(engine):
    for text in ("hn", "hn có", "dt"):
        engine.analyse(text)  # an abbreviation opening a text of one or two words: nothing after it to look at
    assert engine.analyse("HN").places == {"Hà Nội"}  # in capitals it is the place


def test_provinces_shortened_as_staff_type_them_are_read_as_the_provinces(engine):
    assert engine.analyse("h.hướng hóa qtrị có bn cb").places >= {"Quảng Trị"}
    assert engine.analyse("Q.Ngãi giảm bn biên chế").places == {"Quảng Ngãi"}
    assert engine.analyse("qnam, qbinh và tth có mấy sở").places == {"Quảng Nam", "Quảng Bình", "Thừa Thiên Huế"}


def test_the_exam_s_words_survive_the_particle_thi():
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert "thisinh" in tokens("tỉnh có bao nhiêu thí sinh") and "kythi" in tokens("kỳ thi năm 2024")
    assert tokens("người dự thi") == tokens("thí sinh")
    assert tokens("tỉnh Y thì có bao nhiêu người") == tokens("tỉnh Y có bao nhiêu người")  # "thì" stays a particle


def test_the_particle_ha_ending_a_question_asks_nothing_and_ha_noi_keeps_its_name(engine):
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens("tỉnh Y có bao nhiêu người hả") == tokens("tỉnh Y có bao nhiêu người")
    assert engine.analyse("Hà Nội có mấy sở hả?").places == {"Hà Nội"}
    a = engine.answer("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên hả?")
    assert a.answered and a.fact.id == "hd-doan-vien-to-cong-doan", a.why


@pytest.mark.parametrize("tail", ["hở", "vại", "zị", "dzị", "đấy"])
def test_a_question_s_tail_as_chat_and_regions_type_it_asks_nothing_more(tail):
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens(f"tỉnh Y có bao nhiêu người {tail}") == tokens("tỉnh Y có bao nhiêu người vậy")


@pytest.mark.parametrize("outside", ["ngoài biên chế", "không nằm trong biên chế", "không thuộc biên chế",
                                     "chưa vào biên chế"])
def test_staff_outside_the_quota_are_those_on_contract(outside):
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens(f"đài Y có bao nhiêu người {outside}") == tokens("đài Y có bao nhiêu người hợp đồng")


def test_central_speech_chi_for_gi_is_read_after_the_words_it_follows():
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens("ông đó giữ chức chi rứa") == tokens("ông đó giữ chức gì vậy")
    assert tokens("sở ni lo việc chi") == tokens("sở này lo việc gì")
    assert "chi" in tokens("tỉnh chi bao nhiêu tiền")  # "chi" alone is spending


def test_public_sector_shorthand_reads_as_the_words_it_stands_for():
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens("tp có bn gv") == tokens("thành phố có bao nhiêu giáo viên")
    assert tokens("đài ptth tỉnh") == tokens("đài phát thanh truyền hình tỉnh")
    assert tokens("ubkt huyện ủy") == tokens("ủy ban kiểm tra huyện ủy")
    assert tokens("phòng nội vụ quân số mấy người") == tokens("phòng nội vụ tổng số mấy người")  # headcount
    assert tokens("trưởng phòng nội vụ em quên mất tên") == tokens("trưởng phòng nội vụ là ai")
    assert tokens("có bn th sai quy định") == tokens("có bao nhiêu trường hợp sai quy định")
    assert tokens("Đông Triều có bao nhiêu trí thuk")[-1] == "thuk"  # "th" alone is no word to split off
    assert tokens("phòng tnmt có mấy pp") == tokens("phòng tài nguyên môi trường có mấy phó phòng")
    assert tokens("pct, pbt huyện ủy") == tokens("phó chủ tịch, phó bí thư huyện ủy")
    assert tokens("cbcnv làm hđlđ, người kct") == tokens("cán bộ công nhân viên làm hợp đồng lao động, người không "
                                                         "chuyên trách")
    assert tokens("vp ttg, bcđ tỉnh, phòng khđt") == tokens("văn phòng thủ tướng, ban chỉ đạo tỉnh, phòng kế hoạch đầu tư")
    assert tokens("tgđ đài, đvhc cấp xã, khối hcsn") == tokens("tổng giám đốc đài, đơn vị hành chính cấp xã, khối "
                                                               "hành chính sự nghiệp")
    assert tokens("chi nsnn, đóng bhxh, trình độ cm") == tokens("chi ngân sách nhà nước, đóng bảo hiểm xã hội, trình "
                                                                "độ chuyên môn")
    assert tokens("ktra, ttr ban qlda hq") == tokens("kiểm tra, thanh tra ban quản lý dự án hải quan")
    assert tokens("lớp qlgd, phòng tchc, học ở nc ngoài") == tokens("lớp quản lý giáo dục, phòng tổ chức hành chính, "
                                                                     "học ở nước ngoài")
    assert tokens("ký hđ lao động") == tokens("ký hợp đồng lao động") and tokens("sđt") == tokens("số điện thoại")
    assert tokens("cắt bao nhiêu người") == tokens("giảm bao nhiêu người")
    assert tokens("báo cáo hôm nào") == tokens("báo cáo ngày nào")
    # after "người", "lđ" is the worker; alone, a leader
    assert tokens("viên chức, người lđ, ng lđ") == tokens("viên chức, người lao động, người lao động")
    assert tokens("mấy lđ") == tokens("mấy lãnh đạo")
    assert tokens("lđ hợp đồng, lđ hđ") == tokens("lao động hợp đồng, lao động hợp đồng")
    # "mấy cái này", "mấy số đó": what was just said, not a count asked
    assert tokens("mấy số đó tính từ năm nào") == tokens("tính từ năm nào")
    assert tokens("ông ấy còn kiêm chức gì") == tokens("ông ấy còn giữ chức gì")


_EXAM = _article(
    9, "Sóc Trăng",
    "Tại kỳ thi năm 2024, điểm của 2 giám khảo chênh lệch nhưng không được chấm lại; hội đồng không gửi thông báo "
    "kết quả thi đến từng thí sinh dự tuyển.",
    _fact("test-9-giam-khao", "Sóc Trăng",
          "Tại kỳ thi năm 2024, điểm của 2 giám khảo chênh lệch nhưng không được chấm lại; hội đồng không gửi thông "
          "báo kết quả thi đến từng thí sinh dự tuyển.",
          ["Sóc Trăng có bao nhiêu giám khảo chấm chênh lệch?", "Kỳ thi năm 2024 ở Sóc Trăng có mấy giám khảo chấm "
                                                                "lệch điểm?"]))


def test_a_noun_the_answer_says_far_from_its_figures_is_not_what_the_figures_count(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _EXAM)
    assert engine.answer("Kỳ thi năm 2024 ở Sóc Trăng có bao nhiêu giám khảo chấm lệch?").fact.id == "test-9-giam-khao"
    trap = engine.answer("Kỳ thi năm 2024 ở Sóc Trăng có bao nhiêu thí sinh dự thi?")
    assert not trap.answered  # the answer says "thí sinh", but counts giám khảo


_UNITS = _article(
    10, "Sóc Trăng",
    "Năm 2024, Sóc Trăng có 120 đơn vị sự nghiệp công lập. Năm 2024, Sóc Trăng giảm 15 đơn vị sự nghiệp công lập.",
    _fact("test-10-co", "Sóc Trăng", "Năm 2024, Sóc Trăng có 120 đơn vị sự nghiệp công lập.",
          ["Sóc Trăng có bao nhiêu đơn vị sự nghiệp công lập?", "Số đơn vị sự nghiệp công lập của Sóc Trăng?"]),
    _fact("test-10-giam", "Sóc Trăng", "Năm 2024, Sóc Trăng giảm 15 đơn vị sự nghiệp công lập.",
          ["Sóc Trăng giảm bao nhiêu đơn vị sự nghiệp công lập?", "Năm 2024 Sóc Trăng giảm bao nhiêu đơn vị sự "
                                                                 "nghiệp công lập?"]))


def test_a_question_asking_what_there_is_is_not_offered_what_changed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _UNITS)
    assert engine.answer("soc trang co bao nhieu don vi su nghiep cong lap").fact.id == "test-10-co"
    assert engine.answer("Sóc Trăng giảm bao nhiêu đơn vị sự nghiệp công lập?").fact.id == "test-10-giam"
    cut = engine.answer("Sóc Trăng cắt bao nhiêu đơn vị sự nghiệp công lập?")
    assert cut.fact is None or cut.fact.id != "test-10-co"  # a change asked: never what there is


def _two_places() -> str:
    """An article giving one thing two ways: a count for Sóc Trăng, a share for Trà Vinh."""
    doc = yaml.safe_load(_article(
        11, "Sóc Trăng", "Năm 2024, Sóc Trăng có 35 công chức đạt chuẩn kỹ năng số. Năm 2024, Trà Vinh có 42% công "
                         "chức đạt chuẩn kỹ năng số.",
        _fact("test-11-dem", "Sóc Trăng", "Năm 2024, Sóc Trăng có 35 công chức đạt chuẩn kỹ năng số.",
              ["Sóc Trăng có bao nhiêu công chức đạt chuẩn kỹ năng số?", "Số công chức Sóc Trăng đạt chuẩn kỹ năng "
                                                                       "số?"])))
    doc["article"]["places"].append("Trà Vinh")
    doc["facts"].append({"place": "Trà Vinh", **_fact(
        "test-11-ty-le", "Trà Vinh", "Năm 2024, Trà Vinh có 42% công chức đạt chuẩn kỹ năng số.",
        ["Tỷ lệ công chức Trà Vinh đạt chuẩn kỹ năng số?", "Trà Vinh có bao nhiêu phần trăm công chức đạt chuẩn kỹ "
                                                          "năng số?"])})
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_a_count_asked_of_no_place_is_a_choice_when_another_place_gives_it_as_a_share(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _two_places())
    a = engine.answer("có bao nhiêu công chức đạt chuẩn kỹ năng số?")
    assert a.outcome == CLARIFY and a.why.rule == Rule.PLACE_NOT_NAMED
    assert {"test-11-dem", "test-11-ty-le"} <= {s.fact_id for s in a.suggestions}
    assert engine.answer("Sóc Trăng có bao nhiêu công chức đạt chuẩn kỹ năng số?").fact.id == "test-11-dem"


def test_a_run_together_word_is_split_only_after_a_syllable(config, knowledge_copy):
    # An article writing "TH" (a shorthand) makes "th" a known word; "thuk" is still a typo of "thức", not "th uk"
    engine = _engine_with(config, knowledge_copy, _article(
        12, "Sóc Trăng", "Năm 2024, Sóc Trăng có 12 trường TH đạt chuẩn.",
        _fact("test-12-th", "Sóc Trăng", "Năm 2024, Sóc Trăng có 12 trường TH đạt chuẩn.",
              ["Sóc Trăng có bao nhiêu trường TH đạt chuẩn?", "Số trường TH đạt chuẩn của Sóc Trăng?"])))
    read = engine.index.reader.analyse
    assert read("Đông Triều có bao nhiêu trí thuk").tokens[-1] == "thuk"  # left for the typo correction
    assert read("sokhcn lang son").tokens[:2] == ("so", "khoa")  # a syllable, then an abbreviation: split
    assert engine.answer("Dong Trieu co bao nhieu tri thuk").fact.id == "dt-tong-so-tri-thuc"


def test_a_word_that_is_one_syllable_is_never_split_into_two_known_ones(engine):
    # "vòng" is not "vò" + "ng" (người), "giành" not "gi" + "ành", "khoán" not "kho" + "án", whatever the knowledge
    # lacks them; two syllables or a syllable and an abbreviation run together still are
    read = engine.index.reader.analyse
    for word, folded in (("vòng", "vong"), ("giành", "gianh"), ("khoán", "khoan"), ("niềm", "niem")):
        assert read(f"sát hạch {word} 2").tokens[2] == folded, word
    assert read("baonhieu").tokens == ("bao", "nhieu")
    assert read("sokhcn lang son").tokens[:2] == ("so", "khoa")


_PROGRAMMES = _article(
    13, "Sóc Trăng", "Năm 2024, Sóc Trăng có 30 người được đào tạo thạc sĩ. Năm 2024, Sóc Trăng có 12 người được bồi "
                     "dưỡng chương trình chuyên viên chính.",
    _fact("test-13-thac-si", "Sóc Trăng", "Năm 2024, Sóc Trăng có 30 người được đào tạo thạc sĩ.",
          ["Sóc Trăng có bao nhiêu người được đào tạo thạc sĩ?", "Số người Sóc Trăng đi học thạc sĩ?"]),
    _fact("test-13-cvc", "Sóc Trăng", "Năm 2024, Sóc Trăng có 12 người được bồi dưỡng chương trình chuyên viên chính.",
          ["Sóc Trăng có bao nhiêu người được bồi dưỡng chương trình chuyên viên chính?",
           "Số người Sóc Trăng học lớp chuyên viên chính?"]))


def test_a_fact_about_another_of_a_contrast_group_is_no_closer_figure_of_another_measure(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _PROGRAMMES)
    a = engine.answer("Sóc Trăng còn mấy người đi học chuyên viên chính?")
    # the thạc sĩ count is about something else: never "the figure you ask is not given" while one fact is about it
    assert a.why.rule != Rule.OTHER_MEASURE
    assert a.answered or (a.examples and a.examples[0].fact_id == "test-13-cvc")


def test_a_demonstrative_for_the_place_talked_about_is_not_a_word_of_the_question():
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens("bên đó có mấy người học thạc sĩ") == tokens("có mấy người học thạc sĩ")
    assert tokens("bên ấy có mấy người học thạc sĩ") == tokens("có mấy người học thạc sĩ")
    said = _bundled_reader().analyse("bên Hải Dương có mấy người học thạc sĩ")
    assert said.places == {"Hải Dương"} and said.tokens == tokens("Hải Dương có mấy người học thạc sĩ")


def test_a_place_named_only_as_the_source_is_not_what_the_question_asks_of(engine):
    asked = "Theo Sở Nội vụ Hà Nội, Hoành Bồ tinh giản bao nhiêu biên chế năm 2019?"  # Hà Nội: no article on it
    a = engine.answer(asked)
    assert a.answered and a.fact.place == "Hoành Bồ"
    alone = engine.answer("Theo Sở Nội vụ Hà Nội, tinh giản bao nhiêu biên chế năm 2019?")
    assert not alone.answered  # named alone, the source is still the only place asked about



def _restated() -> str:
    """An article saying one figure in two passages: its headline (45, up 16) and its body (up 16)."""
    first = "Năm 2024, Sóc Trăng tăng biên chế thanh tra lên 45 người, tức tăng 16 người."
    second = "Năm 2024, số cán bộ thanh tra Sóc Trăng tăng 16 người so với trước."
    return _article(
        14, "Sóc Trăng", f"{first} {second}",
        _fact("test-14-tieu-de", "Sóc Trăng", first,
              ["Sóc Trăng tăng biên chế thanh tra lên bao nhiêu người?", "Sóc Trăng tăng bao nhiêu người thanh tra?"]),
        _fact("test-14-than-bai", "Sóc Trăng", second,
              ["Sóc Trăng tăng bao nhiêu người thanh tra so với trước?", "Số cán bộ thanh tra Sóc Trăng tăng bao nhiêu "
                                                                          "người?"]))


def test_one_figure_restated_in_two_passages_is_one_answer_not_a_choice(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _restated())
    a = engine.answer("sóc trăng tăng bn thanh tra")  # both facts fit: the headline's and the body's 16
    assert a.answered and "16" in a.fact.answer


@pytest.mark.parametrize("narrowed", ["lớp thạc sĩ", "lớp ngoại ngữ", "lớp tiếng Anh"])
def test_a_count_narrowed_by_a_qualification_the_fact_never_says_is_not_its_figure(engine, narrowed):
    # "38 lớp đào tạo, bồi dưỡng lý luận chính trị và chuyên môn, nghiệp vụ": no class of those is counted apart
    assert not engine.answer(f"Hoành Bồ mở bao nhiêu {narrowed}?").answered
    assert engine.answer("Hoành Bồ mở bao nhiêu lớp bồi dưỡng?").answered


def test_a_level_said_right_before_a_place_is_a_level_not_the_place_s_kind(engine):
    # "cán bộ cấp xã Bắc Kạn": the province's commune staff (not "xã Bắc Kạn", a commune), which no fact counts
    read = engine.analyse("tỷ lệ công chức cấp xã Bắc Kạn")
    assert read.places == {"Bắc Kạn"} and read.tokens[-2:] == ("cap", "xa")
    assert engine.analyse("cán bộ tuyến huyện Hoành Bồ").tokens[-2:] == ("tuyen", "huyen")
    assert not engine.answer("Tỷ lệ cán bộ cấp xã Bắc Kạn có trình độ đại học là bao nhiêu?").answered


def test_a_level_of_government_the_fact_does_not_name_narrows_the_question_beyond_it(engine):
    narrowed = engine.answer("Ở Bắc Kạn, cán bộ cấp huyện có trình độ đại học trở lên chiếm bao nhiêu phần trăm?")
    assert not narrowed.answered  # the province's rate is not its districts' rate
    whole = engine.answer("Bắc Kạn có bao nhiêu phần trăm cán bộ, công chức có trình độ đại học trở lên?")
    assert whole.answered and whole.fact.id == narrowed.why.values["fact"]


def test_two_people_named_are_each_said_what_they_are(engine):
    a = engine.answer("cho hỏi ông Khổng Minh Thành với ông Phạm Xuân Huệ giữ chức vụ gì vậy")
    assert a.answered and a.why.rule == Rule.SEVERAL
    said = " ".join(p.fact.answer for p in a.parts if p.answered)
    assert "Khổng Minh Thành" in said and "Phạm Xuân Huệ" in said
    assert a.parts[0].fact.answer.find("Khổng Minh Thành") >= 0  # in the order asked


def test_chat_forms_of_asking_politely_are_no_words_of_the_question():
    tokens = lambda text: _bundled_reader().analyse(text).tokens  # noqa: E731
    assert tokens("a ơi cho e hỏi hoành bồ có mấy xã") == tokens("hoành bồ có mấy xã")
    assert tokens("c oi e hoi chut hoanh bo co may xa") == tokens("chut hoanh bo co may xa")


def test_a_title_checked_with_a_surprised_ending_is_a_yes_no_question(engine):
    right = engine.answer("Ông Trần Hữu Đắc là phó giám đốc sở KH&CN Lạng Sơn à?")
    assert right.answered and right.lead == "Đúng."
    wrong = engine.answer("ông Trần Hữu Đắc là giám đốc sở KH&CN Lạng Sơn hả")
    assert wrong.answered and wrong.lead.startswith("Chưa đúng")


def test_now_said_as_gio_keeps_a_question_about_a_unit_s_whole(engine):
    a = engine.answer("sở khcn hải dương giờ bao nhiêu người")  # its article gives no headcount of the Sở
    assert not a.answered


def test_a_wrong_year_in_a_yes_no_question_is_corrected_not_declined(engine):
    # 2017 is a year other Hải Dương facts give (2012-2017 training): the year asked finds them, not the licence
    a = engine.answer("trang tạp chí KH&CN Hải Dương được cấp giấy phép năm 2017 đúng không")  # it was 2015
    assert a.answered and a.lead == "Chưa đúng." and "2015" in a.fact.answer


def test_a_right_figure_claimed_in_a_wrong_year_is_told_the_year_is_not_the_article_s(engine):
    # the 10% is the target to the end of 2021: claimed of 2020, the figure is found and the year set right
    a = engine.answer("Hoành Bồ phấn đấu đến hết năm 2020 giảm tối thiểu 10% biên chế so với năm 2015 đúng ko?")
    assert a.fact.id == "hb-giam-10-phan-tram" and a.lead == verdict.YEAR_NOT_SAID.format(claimed="2020")
    assert engine.answer("Năm 2019 Hoành Bồ tinh giản 21 biên chế phải không?").lead == verdict.RIGHT
    # a wrong figure as well is not this check's; nor is a year of a fact naming none (the Sở's staff "hiện tại")
    assert not engine.answer("Hoành Bồ đến hết năm 2020 giảm tối thiểu 12% biên chế đúng ko?").answered
    assert not engine.answer("Năm 2020 Sở KH&CN Lạng Sơn có 71 cán bộ phải không?").answered


_LEADERS = _article(
    24, "Sóc Trăng",
    "Năm 2024, sau sắp xếp, Sóc Trăng giảm 60 lãnh đạo. Trong đó có 5 lãnh đạo sở và 55 lãnh đạo cấp phòng.",
    _fact("test-24-lanh-dao", "Sóc Trăng", "Năm 2024, sau sắp xếp, Sóc Trăng giảm 60 lãnh đạo.",
          ["Sóc Trăng giảm bao nhiêu lãnh đạo?", "Sau sắp xếp Sóc Trăng giảm bao nhiêu lãnh đạo?"]))


def test_a_level_named_in_the_question_is_not_answered_by_a_figure_of_no_level(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _LEADERS)
    assert engine.answer("Sóc Trăng giảm bao nhiêu lãnh đạo?").fact.id == "test-24-lanh-dao"
    # the article's 55 of the rooms has no fact: the 60 of all leaders is not it
    assert not engine.answer("Sóc Trăng giảm bao nhiêu lãnh đạo cấp phòng?").answered


def test_a_count_asked_beside_the_figure_it_states_is_not_that_figure(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _LEADERS)
    within = engine.answer("Sóc Trăng giảm 60 lãnh đạo, trong đó bao nhiêu người là lãnh đạo sở?")
    assert not within.answered  # the 60 it states is all the article's fact gives
    assert engine.answer("Sóc Trăng giảm 60 lãnh đạo đúng không?").lead == "Đúng."  # a claim checked is not asked


def test_a_part_singled_out_with_rieng_must_be_what_the_fact_counts(engine):
    assert not engine.answer("Bắc Kạn, riêng giáo viên thì đạt chuẩn ngoại ngữ bao nhiêu %?").answered
    assert engine.answer("Bắc Kạn riêng viên chức thì bao nhiêu % có trung cấp lý luận chính trị trở lên?"
                         ).fact.id == "bk-llct-vien-chuc"


def test_each_after_a_part_singled_out_is_what_is_asked_of_it(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _article(
        30, "Cao Bằng", "Năm 2024, Sở Y tế Cao Bằng tinh giản 30 biên chế, năm 2023 là 12 và năm 2024 là 18.",
        _fact("test-30-giam", "Sở Y tế Cao Bằng",
              "Năm 2024, Sở Y tế Cao Bằng tinh giản 30 biên chế, năm 2023 là 12 và năm 2024 là 18.",
              ["Sở Y tế Cao Bằng tinh giản bao nhiêu biên chế?", "Số biên chế Sở Y tế Cao Bằng đã tinh giản"])))
    # "riêng năm 2023 … mỗi năm giảm": the part singled out is the years, which the fact gives; what "mỗi" begins
    # ("giảm", a word the fact does not say) is no part of it
    a = engine.answer("Sở Y tế Cao Bằng tinh giản 30 biên chế; riêng năm 2023 và năm 2024 mỗi năm giảm bao nhiêu?")
    assert a.answered and a.fact.id == "test-30-giam"



_SECOND_ARTICLE = _article(
    31, "Hải Dương",
    "Năm 2024, Sở Lao động Hải Dương có 9 phòng chuyên môn.",
    _fact("test-31-phong", "Sở Lao động Hải Dương", "Năm 2024, Sở Lao động Hải Dương có 9 phòng chuyên môn.",
          ["Sở Lao động Hải Dương có bao nhiêu phòng chuyên môn?", "Số phòng chuyên môn của Sở Lao động Hải Dương"]),
    _fact("test-31-bai-viet", "Sở Lao động Hải Dương", "Năm 2024, bài thử 31 đăng trên Báo thử 31.",
          ["Bài về Sở Lao động Hải Dương đăng ở đâu, ai viết?", "Bài viết về Sở Lao động Hải Dương của báo nào?"],
          quote="Năm 2024, Sở Lao động Hải Dương", tags=["bài viết"]))


def test_an_author_claimed_of_one_of_several_articles_about_a_place_is_checked_against_the_one_meant(
        config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SECOND_ARTICLE)
    claim = engine.answer("Bài về Công đoàn Sở KH&CN Hải Dương do ông Phạm Văn Bình viết đúng không?")
    # never "Đúng." for Phạm Văn Bình being the Giám đốc: the article about the union is Vũ Ngọc Dương's
    assert claim.lead == "Chưa đúng: tác giả bài viết là Vũ Ngọc Dương." and claim.why.rule == Rule.ARTICLE_DETAILS
    which = engine.answer("bài về Hải Dương do ông Nguyễn Văn A viết đúng không?")  # two articles: which one
    assert which.outcome == CLARIFY and which.why.rule == Rule.ARTICLE_DETAILS
    assert {engine.kb.fact(s.fact_id).article_id for s in which.suggestions} == {"test-31", "hd-2018-cong-doan-so-khcn"}


def test_the_details_asked_of_one_of_several_articles_about_a_place_are_of_the_one_meant(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SECOND_ARTICLE)
    which = engine.answer("bài về Hải Dương ai viết vậy?")  # two articles, nothing said of either: which one
    assert which.outcome == CLARIFY and which.why.rule == Rule.ARTICLE_DETAILS
    assert {engine.kb.fact(s.fact_id).article_id for s in which.suggestions} == {"test-31", "hd-2018-cong-doan-so-khcn"}
    assert "Bài “Bài thử 31”" in {s.question for s in which.suggestions}  # shown by title, not alike phrasings
    meant = engine.answer("bài về công đoàn sở khcn hải dương ai viết?")
    assert meant.answered and meant.fact.article_id == "hd-2018-cong-doan-so-khcn"
    # in a thread about one of them, that one
    ctx = Context("Sở Lao động Hải Dương có bao nhiêu phòng chuyên môn?", frozenset({"Hải Dương"}), "test-31-phong")
    assert engine.answer("bài về Hải Dương đăng báo nào vậy?", context=ctx).fact.id == "test-31-bai-viet"


_OVER_DEPUTIES = _article(
    1, "Cao Bằng",
    "Năm 2024, ông Nông Văn A cho biết tỉnh Cao Bằng có 20 sở thì 6 cơ quan vượt quá 1-2 cấp phó so với quy định. "
    "Sở Nội vụ, một trong 6 sở ở Cao Bằng có phó giám đốc vượt quá quy định.",
    _fact("test-1-tinh", "Cao Bằng", "Năm 2024, ông Nông Văn A cho biết tỉnh Cao Bằng có 20 sở thì 6 cơ quan vượt quá "
          "1-2 cấp phó so với quy định.", ["Cao Bằng có bao nhiêu sở vượt cấp phó?", "Cao Bằng có bao nhiêu sở?"]),
    _fact("test-1-noi-vu", "Sở Nội vụ Cao Bằng", "Năm 2024, Sở Nội vụ, một trong 6 sở ở Cao Bằng có phó giám đốc "
          "vượt quá quy định.", ["Sở Nội vụ Cao Bằng có phó giám đốc vượt quá quy định không?",
                                 "Cao Bằng có bao nhiêu sở có phó giám đốc vượt quá quy định?"],
          quote="Sở Nội vụ, một trong 6 sở ở Cao Bằng có phó giám đốc vượt quá quy định"))


def test_a_claim_of_several_figures_is_checked_against_the_fact_giving_most_of_them(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _OVER_DEPUTIES)
    # the Sở Nội vụ's passage fits the words best but gives only the 6: the 20 was "wrong" for being unsaid
    right = engine.answer("Cao Bằng có 20 sở mà tới 6 sở vượt số phó giám đốc quy định, đúng không?")
    assert right.fact.id == "test-1-tinh" and right.lead == verdict.RIGHT
    # two figures claimed, neither given: one figure of the fact corrects the claim nearest it, not both
    wrong = engine.answer("Cao Bằng có 21 sở mà tới 7 sở vượt số phó giám đốc quy định, đúng không?")
    assert wrong.lead == verdict.WRONG_FIGURE.format(right="6", claimed="7")


_CUT_ROUNDED = _article(
    1, "Yên Bái",
    "Năm 2024, Yên Bái đã giảm được 120 biên chế và giảm hơn 900 cán bộ thôn, tổ dân phố.",
    _fact("test-1-giam", "Yên Bái", "Năm 2024, Yên Bái đã giảm được 120 biên chế và giảm hơn 900 cán bộ thôn, tổ dân "
          "phố.", ["Yên Bái giảm bao nhiêu biên chế?", "Yên Bái có bao nhiêu biên chế?"]))


def test_a_figure_after_a_change_and_a_rounding_is_a_change_too(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _CUT_ROUNDED)
    # "giảm hơn 900": a change rounded; the fact gives only changes, never what Yên Bái has
    assert engine._gives_only_changes(engine.kb.fact("test-1-giam"))
    assert not engine.answer("Năm 2024 tổng biên chế của Yên Bái là bao nhiêu người?").answered
    assert engine.answer("Năm 2024 Yên Bái giảm bao nhiêu biên chế?").fact.id == "test-1-giam"


_MERGED = _article(
    1, "Phú Yên",
    "Năm 2024, sau sáp nhập phòng ban, các sở, ngành Phú Yên giảm 40 chức danh trưởng, phó phòng.",
    _fact("test-1-giam", "Phú Yên", "Năm 2024, sau sáp nhập phòng ban, các sở, ngành Phú Yên giảm 40 chức danh "
          "trưởng, phó phòng.", ["Phú Yên giảm bao nhiêu chức danh trưởng, phó phòng?",
                                 "Sau sáp nhập Phú Yên giảm bao nhiêu trưởng, phó phòng?"]))


def test_what_is_left_after_a_change_is_not_the_change(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _MERGED)
    assert not engine.answer("sau sáp nhập phòng ban Phú Yên còn lại bao nhiêu trưởng, phó phòng?").answered
    assert engine.answer("sau sáp nhập phòng ban Phú Yên giảm bao nhiêu trưởng, phó phòng?").fact.id == "test-1-giam"


_TWO_CUTS = _one_fact(
    "test-1-giam", "Phú Yên", "Phú Yên",
    "Năm 2024, Phú Yên giảm 35 người làm việc ở sở và giảm hơn 900 cán bộ thôn, tổ dân phố.",
    ["Phú Yên giảm bao nhiêu biên chế?", "Phú Yên giảm bao nhiêu cán bộ thôn?"])


def test_what_is_left_after_a_cut_the_question_states_is_not_the_cut(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TWO_CUTS)
    # the cut stated, "thì còn lại" after it: what is left, of the whole question and of what follows "thì"
    assert not engine.answer("Phú Yên giảm hơn 900 cán bộ thôn thì còn lại bao nhiêu cán bộ thôn?").answered
    assert not engine.answer(
        "Phú Yên đã giảm hơn 900 cán bộ thôn, tổ dân phố thì còn lại bao nhiêu cán bộ thôn?").answered
    assert engine.answer("Phú Yên giảm bao nhiêu cán bộ thôn?").fact.id == "test-1-giam"


def test_what_there_was_before_a_cut_is_not_the_cut(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TWO_CUTS)
    assert not engine.answer("Trước đợt giảm 35 người làm việc ở sở, Phú Yên có bao nhiêu người làm việc ở sở?").answered


_BOTH_KINDS = _article(
    1, "Lào Cai",
    "Năm 2024, Lào Cai có hơn 1.200 công chức; gần 9.500 viên chức. Năm 2024, Lào Cai giảm 30 chỉ tiêu biên chế hành "
    "chính nhưng tăng 7 chỉ tiêu cho huyện Bát Xát. Năm 2025, Lào Cai giảm 60 biên chế hành chính và giảm 300 biên "
    "chế viên chức.",
    _fact("test-1-so-luong", "Lào Cai", "Năm 2024, Lào Cai có hơn 1.200 công chức; gần 9.500 viên chức.",
          ["Lào Cai có bao nhiêu công chức?", "Lào Cai có bao nhiêu viên chức?"]),
    _fact("test-1-chi-tieu", "Lào Cai", "Năm 2024, Lào Cai giảm 30 chỉ tiêu biên chế hành chính nhưng tăng 7 chỉ tiêu "
          "cho huyện Bát Xát.", ["Lào Cai giảm bao nhiêu chỉ tiêu biên chế hành chính?",
                                 "Lào Cai tăng bao nhiêu chỉ tiêu cho huyện Bát Xát?"]),
    _fact("test-1-2025", "Lào Cai", "Năm 2025, Lào Cai giảm 60 biên chế hành chính và giảm 300 biên chế viên chức.",
          ["Năm 2025 Lào Cai giảm bao nhiêu biên chế hành chính?", "Năm 2025 Lào Cai giảm bao nhiêu biên chế viên chức?"],
          time="năm 2025"))


def test_a_figure_claimed_of_the_other_member_of_a_contrast_is_not_confirmed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _BOTH_KINDS)
    # the fact names both members, so the question contradicts nothing; the words around the 9.500 do
    assert engine.answer("Lào Cai hiện có gần 9.500 công chức đúng không?").lead == verdict.WRONG
    assert engine.answer("Lào Cai có gần 9.500 viên chức đúng không?").lead == verdict.RIGHT
    # (the cut of posts is the 30, whose words the claim shares more of: corrected with it)
    assert engine.answer("Năm 2024 Lào Cai giảm 7 chỉ tiêu biên chế đúng không?").lead in (
        verdict.WRONG, verdict.WRONG_FIGURE.format(right="30", claimed="7"))
    # administrative posts are not those of public service units (their cut is the 60: corrected with it)
    assert engine.answer("Năm 2025 Lào Cai giảm 300 biên chế hành chính đúng không?").lead in (
        verdict.WRONG, verdict.WRONG_FIGURE.format(right="60", claimed="300"))
    assert engine.answer("Năm 2025 Lào Cai giảm 300 biên chế viên chức đúng không?").lead == verdict.RIGHT


_WHOLE_AND_PART = _one_fact(
    "test-1-quan-ly", "Lào Cai", "Sở Tư pháp Lào Cai",
    "Năm 2024, Sở Tư pháp Lào Cai có 38 biên chế thì 31 người giữ chức trưởng, phó phòng trở lên.",
    ["Sở Tư pháp Lào Cai có bao nhiêu người giữ chức trưởng, phó phòng?", "Sở Tư pháp Lào Cai có bao nhiêu biên chế?"])


_OFFICES_RANKED = _one_fact(
    "test-1-xep-hang", "Lào Cai", "Lào Cai",
    "Đứng đầu số lượng tinh giản biên chế năm 2024 là Sở Y tế với hơn 120 người, tiếp theo là Sở Giáo dục và "
    "Đào tạo gần 90 người.",
    ["Lào Cai tinh giản biên chế sở nào nhiều nhất?", "Sở Y tế Lào Cai tinh giản bao nhiêu người?"])


def test_a_figure_claimed_of_a_unit_the_fact_gives_it_for_another_is_not_confirmed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _OFFICES_RANKED)
    # the sentence names the claim's unit, before another figure: the 120 is the other unit's
    assert engine.answer("Sở GD-ĐT Lào Cai phải tinh giản hơn 120 người đúng không?").lead == verdict.WRONG
    assert engine.answer("Sở Y tế Lào Cai phải tinh giản hơn 120 người đúng không?").lead == verdict.RIGHT
    assert engine.answer("Sở GD-ĐT Lào Cai phải tinh giản gần 90 người đúng không?").lead == verdict.RIGHT


_DOCUMENT_YEAR = _one_fact(
    "test-1-giao", "Lào Cai", "Lào Cai",
    "Quyết định số 55 năm 2024 của UBND tỉnh Lào Cai giao biên chế Sở Tư pháp năm 2022 là 300 người; năm 2023 là "
    "290 người.",
    ["Sở Tư pháp Lào Cai được giao bao nhiêu biên chế?", "Biên chế giao cho Sở Tư pháp Lào Cai"], time="năm 2023")


def test_the_year_a_document_was_issued_is_not_the_time_of_its_figures(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _DOCUMENT_YEAR)
    # the 2024 only names the decision: it gives the posts of 2022 and 2023, none of 2024
    assert engine.answer("Năm 2024 Sở Tư pháp Lào Cai được giao bao nhiêu biên chế?").outcome == DECLINE
    assert engine.answer("Năm 2023 Sở Tư pháp Lào Cai được giao bao nhiêu biên chế?").outcome == ANSWER


def test_a_figure_claimed_of_a_year_the_fact_gives_it_for_another_is_not_confirmed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _DOCUMENT_YEAR)
    # each figure is said after its year: the 300 is of 2022, though the sentence names 2023 too
    claimed = engine.answer("Năm 2023 Sở Tư pháp Lào Cai được giao 300 biên chế phải không?")
    assert claimed.fact.id == "test-1-giao" and claimed.lead == verdict.YEAR_NOT_SAID.format(claimed="2023")
    assert engine.answer("Năm 2022 Sở Tư pháp Lào Cai được giao 300 biên chế phải không?").lead == verdict.RIGHT
    assert engine.answer("Năm 2023 Sở Tư pháp Lào Cai được giao 290 biên chế phải không?").lead == verdict.RIGHT
    # a year the claim compares with is not its figure's
    assert engine.answer("Sở Tư pháp Lào Cai được giao 290 biên chế, giảm so với năm 2022 phải không?").lead \
        == verdict.RIGHT


# (as a paper writes it: a heading in no tense, then the plan it heads)
_PLANNED_CUT = _article(
    1, "Đà Nẵng",
    "Giảm 12 đơn vị sự nghiệp\nTheo lộ trình, đến năm 2025 Đà Nẵng sẽ sáp nhập, giải thể 12 đơn vị sự nghiệp công lập.",
    _fact("test-1-ke-hoach-giam", "Đà Nẵng",
          "Giảm 12 đơn vị sự nghiệp; theo lộ trình, đến năm 2025 Đà Nẵng sẽ sáp nhập, giải thể 12 đơn vị sự nghiệp công "
          "lập.", ["Đà Nẵng sẽ sáp nhập, giải thể bao nhiêu đơn vị sự nghiệp?",
                   "Số đơn vị sự nghiệp Đà Nẵng sẽ sáp nhập"], time="đến năm 2025",
          quote=["Giảm 12 đơn vị sự nghiệp",
                 "Theo lộ trình, đến năm 2025 Đà Nẵng sẽ sáp nhập, giải thể 12 đơn vị sự nghiệp công lập."]))
_DONE_CUT = _one_fact(
    "test-1-da-giam", "Đà Nẵng", "Đà Nẵng", "Năm 2024, Đà Nẵng đã sáp nhập, giải thể 12 đơn vị sự nghiệp công lập.",
    ["Đà Nẵng đã sáp nhập, giải thể bao nhiêu đơn vị sự nghiệp?", "Số đơn vị sự nghiệp Đà Nẵng đã sáp nhập"])


def test_a_plan_claimed_as_done_is_not_confirmed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _PLANNED_CUT)
    for done in ("Đà Nẵng đã sáp nhập, giải thể xong 12 đơn vị sự nghiệp rồi phải không?",
                 "da nang da sap nhap giai the duoc 12 don vi su nghiep roi dung ko"):
        assert engine.answer(done).lead == verdict.PLAN_NOT_DONE, done
    # the plan claimed as one is right ("Đà" of Đà Nẵng is no "đã")
    assert engine.answer("Đà Nẵng sẽ sáp nhập, giải thể 12 đơn vị sự nghiệp phải không?").lead == verdict.RIGHT
    engine = _engine_with(config, knowledge_copy, _DONE_CUT)
    assert engine.answer("Đà Nẵng đã sáp nhập, giải thể xong 12 đơn vị sự nghiệp rồi phải không?").lead \
        == verdict.RIGHT


_AS_OF = _one_fact(
    "test-1-tinh-den", "Lào Cai", "Lào Cai",
    "Biên chế của tỉnh Lào Cai tính đến 31/12/2015 là 3.563 người, tính đến 1/2/2017 là 3.574 người.",
    ["Lào Cai có bao nhiêu biên chế?", "Tổng biên chế của tỉnh Lào Cai"], time="tính đến 1/2/2017")


def test_a_figure_claimed_as_of_a_date_the_fact_gives_it_for_another_is_not_confirmed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _AS_OF)
    # the 3.563 is as of the end of 2015: claimed as of a day of 2017, it is not that day's figure
    claimed = engine.answer("Tính đến ngày 1/2/2017 biên chế tỉnh Lào Cai là 3.563 người phải không?")
    assert claimed.fact.id == "test-1-tinh-den" and claimed.lead == verdict.YEAR_NOT_SAID.format(claimed="2017")
    assert engine.answer("Tính đến 31/12/2015 biên chế tỉnh Lào Cai là 3.563 người phải không?").lead == verdict.RIGHT
    assert engine.answer("Tính đến ngày 1/2/2017 biên chế tỉnh Lào Cai là 3.574 người phải không?").lead \
        == verdict.RIGHT


_RAISED_TO = _one_fact(
    "test-1-tang", "Lào Cai", "Sở Nội vụ Lào Cai",
    "Năm 2024, Sở Nội vụ Lào Cai sẽ tăng số lượng thanh tra viên lên 30 người.",
    ["Sở Nội vụ Lào Cai tăng bao nhiêu người?", "Tại Sở Nội vụ Lào Cai, tăng bao nhiêu người?",
     "Sở Nội vụ Lào Cai tăng số lượng thanh tra viên lên bao nhiêu người?"])


def test_what_there_will_be_is_the_level_a_change_reaches(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _RAISED_TO)
    # every phrasing asks "tăng"; the 30 reached is what there will be
    answer = engine.answer("Sở Nội vụ Lào Cai sẽ có bao nhiêu thanh tra viên?")
    assert answer.answered and answer.fact.id == "test-1-tang"
    assert not engine.answer("Sở Nội vụ Lào Cai có bao nhiêu phó giám đốc?").answered


_COMMUNES_HELPED = _one_fact(
    "test-1-xa", "Lào Cai", "huyện Bát Xát",
    "Năm 2024, 9/9 xã của huyện Bát Xát đều có cán bộ tỉnh luân chuyển về.",
    ["Bao nhiêu xã ở Bát Xát có cán bộ tỉnh luân chuyển về?", "Bát Xát có cán bộ tỉnh luân chuyển về mấy xã?"])


def test_a_count_of_communes_names_no_commune(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _COMMUNES_HELPED)
    # "mấy xã được luân chuyển …" counts communes: "xã được luân chuyển" names none, and the question asks more
    # than how many communes a unit has
    assert not engine.index.scope.question(engine.analyse("Bát Xát có mấy xã được luân chuyển cán bộ?").tokens).bare
    assert engine.answer("Bát Xát có mấy xã được luân chuyển cán bộ?").fact.id == "test-1-xa"
    assert engine.index.scope.question(engine.analyse("huyện Bát Xát có bao nhiêu cán bộ?").tokens).bare


_SHARE_OF_UNITS = _one_fact(
    "test-1-tu-chu", "Lào Cai", "Lào Cai",
    "Năm 2024, Lào Cai đặt mục tiêu tối thiểu 20% đơn vị sự nghiệp công lập tự chủ chi thường xuyên.",
    ["Lào Cai đặt mục tiêu bao nhiêu phần trăm đơn vị sự nghiệp công lập tự chủ chi thường xuyên?",
     "Tỷ lệ đơn vị sự nghiệp công lập tự chủ chi thường xuyên ở Lào Cai"])


def test_a_count_of_a_thing_is_not_a_share_of_it(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SHARE_OF_UNITS)
    assert not engine.answer("Lào Cai phải có bao nhiêu đơn vị sự nghiệp công lập tự chủ chi thường xuyên?").answered
    share = engine.answer("Lào Cai phải có bao nhiêu phần trăm đơn vị sự nghiệp công lập tự chủ chi thường xuyên?")
    assert share.answered and share.fact.id == "test-1-tu-chu"


_GRADED = _one_fact(
    "test-1-xep-loai", "Lào Cai", "Lào Cai",
    "Năm 2024, trong 40 lãnh đạo Lào Cai đi sát hạch có 20 người khá và 16 người giỏi.",
    ["Lào Cai có bao nhiêu lãnh đạo sát hạch đạt loại giỏi?", "Lào Cai có bao nhiêu lãnh đạo sát hạch đạt loại khá?"])
_CUT_TO = _one_fact(
    "test-1-ban", "Lào Cai", "Lào Cai",
    "Năm 2024, Lào Cai đã sắp xếp 120 ban chỉ đạo, giảm xuống còn 80 ban.",
    ["Lào Cai giảm số ban chỉ đạo xuống còn bao nhiêu?", "Lào Cai có bao nhiêu ban chỉ đạo trước khi sắp xếp?"])
_COUNTRIES = _one_fact(
    "test-1-so-sanh", "Lào Cai", "Lào Cai",
    "Năm 2024, tỷ lệ công chức trên dân số của Lào Cai là 2,1%, thấp hơn các nước như Nhật Bản (3,1%), Hàn Quốc "
    "(2,9%) và Pháp (2,7%).",
    ["Tỷ lệ công chức của Lào Cai là bao nhiêu?", "Tỷ lệ công chức của Lào Cai so với các tỉnh khác"])
_NOMINATED = _one_fact(
    "test-1-nang-ngach", "Lào Cai", "Lào Cai",
    "Năm 2024, Lào Cai cử 120 công chức tham dự kỳ thi nâng ngạch chuyên viên chính, sau đó 60 công chức đã trúng "
    "tuyển.",
    ["Lào Cai cử bao nhiêu công chức thi nâng ngạch chuyên viên chính?", "Lào Cai có bao nhiêu công chức trúng tuyển?"])
_OVER_BY = _one_fact(
    "test-1-vuot", "Lào Cai", "Lào Cai",
    "Năm 2024, Lào Cai có 17 sở thì 5 sở vượt quá 1-3 cấp phó so với quy định.",
    ["Lào Cai có bao nhiêu sở vượt cấp phó?", "Số sở của Lào Cai vượt số cấp phó quy định"])


_TWO_BLOCKS = _one_fact(
    "test-1-khoi", "Lào Cai", "Lào Cai",
    "Năm 2024, rà soát cán bộ lớn tuổi của Lào Cai cho thấy khối ban Đảng và đoàn thể có 40 người; khối chính quyền "
    "là 90 người.", ["Lào Cai có bao nhiêu cán bộ lớn tuổi?", "Số cán bộ lớn tuổi khối chính quyền Lào Cai"])


_REAPPOINTED = _one_fact(
    "test-1-bo-nhiem", "Lào Cai", "Lào Cai",
    "Năm 2024, UBND tỉnh Lào Cai đã bổ nhiệm 30 trường hợp; điều động, bổ nhiệm ngang cấp 12 cán bộ; bổ nhiệm lại 5 "
    "trường hợp.", ["Lào Cai bổ nhiệm lại bao nhiêu trường hợp?", "Số cán bộ Lào Cai điều động, bổ nhiệm ngang cấp"])


# A figure the fact gives, claimed of what it says of another of its figures: corrected with that one; the same
# fact's right claims are confirmed. (fact, wrong claim, its right figure, the figure claimed, right claims)
_CLAIMED_OF_ANOTHER = {
    # the 38 is given, but of the staffing; those holding posts are the 31
    "what another figure counts": (
        _WHOLE_AND_PART, "Sở Tư pháp Lào Cai có 38 người giữ chức trưởng, phó phòng trở lên phải không?", "31", "38",
        ("Sở Tư pháp Lào Cai có 38 biên chế phải không?",
         "Sở Tư pháp Lào Cai có 31 người giữ chức trưởng, phó phòng phải không?")),
    # one word of what the claim counts, said of the 16 alone; none of the 20's words: the 20 are those rated khá
    "said with a word of another": (
        _GRADED, "Trong 40 lãnh đạo Lào Cai đi sát hạch có 20 người đạt loại giỏi phải không?", "16", "20",
        ("Trong 40 lãnh đạo Lào Cai đi sát hạch có 20 người đạt loại khá phải không?",)),
    # "thi" is said of the 120 too, but "trúng tuyển" of the 60 alone
    "more words of another": (
        _NOMINATED, "Lào Cai có 120 công chức trúng tuyển thi nâng ngạch chuyên viên chính phải không?", "60", "120",
        ("Lào Cai cử 120 công chức tham dự kỳ thi nâng ngạch phải không?",)),
    # the 2,7% is Pháp's; Hàn Quốc's is the 2,9% set in brackets after its name
    "bracketed after another name": (
        _COUNTRIES, "Theo bài về Lào Cai, tỷ lệ công chức trên dân số của Hàn Quốc là 2,7% phải không?", "2,9%",
        "2,7%", ("Theo bài về Lào Cai, tỷ lệ công chức trên dân số của Pháp là 2,7% phải không?",)),
    # what the claim says before the 90, the fact says before the 40; the 90 is said after other words
    "said after what leads into another": (
        _TWO_BLOCKS, "Khối ban Đảng, đoàn thể Lào Cai có 90 cán bộ lớn tuổi diện nghỉ hưu sớm phải không?", "40", "90",
        ("Khối chính quyền Lào Cai có 90 cán bộ lớn tuổi phải không?",
         "Khối ban Đảng và đoàn thể Lào Cai có 40 cán bộ lớn tuổi phải không?")),
    # "bổ nhiệm" leads into all three; "lại" only into the 5 ("Lào Cai", into the 30, says whose they are)
    "more of what leads into another": (
        _REAPPOINTED, "Năm 2024 Lào Cai bổ nhiệm lại 12 cán bộ phải không?", "5", "12",
        ("Năm 2024 Lào Cai điều động, bổ nhiệm ngang cấp 12 cán bộ phải không?",
         "Lào Cai bổ nhiệm lại 5 trường hợp phải không?")),
    # the level claimed reached is where the cut started; the level reached is the other figure claimed
    "the other way round": (
        _CUT_TO, "Lào Cai tăng số ban chỉ đạo từ 80 lên 120 ban phải không?", "80", "120",
        ("Lào Cai giảm số ban chỉ đạo từ 120 xuống còn 80 ban phải không?",)),
}


@pytest.mark.parametrize("case", list(_CLAIMED_OF_ANOTHER))
def test_a_figure_claimed_of_what_the_fact_says_of_another_is_corrected_with_that_one(config, knowledge_copy, case):
    article, wrong, right, claimed, confirmed = _CLAIMED_OF_ANOTHER[case]
    engine = _engine_with(config, knowledge_copy, article)
    assert engine.answer(wrong).lead == verdict.WRONG_FIGURE.format(right=right, claimed=claimed)
    for claim in confirmed:
        assert engine.answer(claim).lead == verdict.RIGHT, claim


def test_the_end_of_a_range_counts_nothing_a_claim_counts(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _OVER_BY)
    # the 3 of "1-3 cấp phó" is no count of departments over their number of deputies: the 5 are
    assert engine.answer("Lào Cai có 5 sở vượt số cấp phó quy định phải không?").lead == verdict.RIGHT


_EACH_OF_SEVERAL = _one_fact(
    "test-1-moi-huyen", "Lào Cai", "Lào Cai",
    "Năm 2024, UBND các huyện Bát Xát, Bảo Thắng và Văn Bàn đều có trên 200 người trong diện tinh giản.",
    ["Huyện Bát Xát có bao nhiêu người trong diện tinh giản?", "Số người diện tinh giản của huyện Văn Bàn"])


def test_a_figure_each_of_several_has_is_no_sum_of_them(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _EACH_OF_SEVERAL)
    for text in ("Tổng cộng 3 huyện Bát Xát, Bảo Thắng, Văn Bàn của Lào Cai phải tinh giản bao nhiêu người?",
                 "Lào Cai: tổng số người trong diện tinh giản của các huyện Bát Xát và Văn Bàn là bao nhiêu?"):
        assert engine.answer(text).outcome != ANSWER, text
    assert engine.answer("Văn Bàn Lào Cai có bao nhiêu người diện tinh giản?").outcome == ANSWER


def _planned_article() -> str:
    """An article whose title restates a plan its body gives, with its details fact as ingest drafts it."""
    title = "Tăng biên chế Thanh tra Sở Tư pháp Lào Cai lên 30 người"
    plan = "Năm 2024, Sở Tư pháp Lào Cai sẽ tăng số lượng thanh tra viên lên 30 người, tăng 8 người so với hiện nay."
    doc = yaml.safe_load(_article(
        1, "Lào Cai", f"{title}\n{plan}",
        _fact("test-1-ke-hoach", "Sở Tư pháp Lào Cai", plan,
              ["Sở Tư pháp Lào Cai sẽ tăng thanh tra viên lên bao nhiêu người?",
               "Sở Tư pháp Lào Cai tăng bao nhiêu thanh tra viên so với hiện nay?"]),
        _fact("test-1-bai-viet", "Báo thử 1", f"Bài “{title}” đăng ngày 01/05/2024.",
              ["Bài viết về Sở Tư pháp Lào Cai đăng ngày nào?", f"Ai viết bài “{title}”?"], quote=title,
              time="ngày 01/05/2024", tags=["bài viết"])))
    doc["article"]["title"] = title
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_a_plan_is_not_what_there_is_now(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _planned_article())
    assert engine.answer("Sở Tư pháp Lào Cai hiện có bao nhiêu thanh tra viên?").outcome != ANSWER
    # ...nor what was done ("đã … được", "… xong")
    assert engine.answer("Sở Tư pháp Lào Cai đã tăng được bao nhiêu thanh tra viên?").outcome != ANSWER
    for done in ("Sở Tư pháp Lào Cai thực tế tăng bao nhiêu thanh tra viên?",
                 "Sở Tư pháp Lào Cai đã tuyển thêm vào được bao nhiêu thanh tra viên?"):
        assert engine.answer(done).outcome != ANSWER, done
    assert engine.answer("Sở Tư pháp Lào Cai sẽ tăng thanh tra viên lên bao nhiêu?").outcome == ANSWER
    # ...though a question saying the plan itself may say what is done first ("… xong dự kiến …")
    assert engine.answer("sở tư pháp lào cai sắp xếp xong dự kiến tăng thanh tra viên lên bao nhiêu").outcome == ANSWER
    # ("so với hiện nay" compares with now: the question asks the change, not what there is)
    assert engine.answer("Sở Tư pháp Lào Cai tăng bao nhiêu thanh tra viên so với hiện nay?").outcome == ANSWER


def test_a_count_claimed_is_never_confirmed_by_an_article_s_title(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _planned_article())
    claim = engine.answer("Thanh tra Sở Tư pháp Lào Cai hiện có 30 người phải không?")
    assert claim.lead != verdict.RIGHT and not (claim.answered and claim.fact.id == "test-1-bai-viet")


_WHOLE_TESTED = _one_fact(
    "test-1-sat-hach", "Lào Cai", "Lào Cai",
    "Năm 2024, trong 40 công chức tham gia sát hạch ở Lào Cai có sáu người là trưởng, phó phòng và 34 chuyên viên.",
    ["Lào Cai có bao nhiêu công chức tham gia sát hạch?", "Lào Cai có bao nhiêu chuyên viên tham gia sát hạch?"])


def test_a_part_asked_with_thi_after_the_whole_it_states_is_answered(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _WHOLE_TESTED)
    a = engine.answer("Lào Cai sát hạch 40 công chức thì bao nhiêu người là chuyên viên?")
    assert a.outcome == ANSWER and a.fact.id == "test-1-sat-hach"


_CUT = _one_fact(
    "test-1-cat-giam", "Lào Cai", "Lào Cai",
    "Năm 2024, sau sắp xếp, Lào Cai đã giảm 12 phòng và 40 lãnh đạo cấp phòng.",
    ["Lào Cai giảm bao nhiêu lãnh đạo cấp phòng?", "Lào Cai giảm bao nhiêu phòng?"])


def test_a_cut_claimed_as_what_is_left_is_not_confirmed(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _CUT)
    left = engine.answer("Sau sắp xếp Lào Cai chỉ còn 40 lãnh đạo cấp phòng phải không?")
    assert left.lead == verdict.CHANGE_NOT_LEVEL.format(right="40", change="giảm")
    assert engine.answer("Sau sắp xếp Lào Cai giảm 40 lãnh đạo cấp phòng phải không?").lead == verdict.RIGHT


_FIVE_OFFICES = _one_fact(
    "test-1-thua-pho", "Lào Cai", "Lào Cai", "Năm 2024, Lào Cai có 5 sở thừa phó giám đốc so với quy định.",
    ["Lào Cai có bao nhiêu sở thừa phó giám đốc?", "Số sở thừa phó giám đốc ở Lào Cai"])


def test_which_has_the_most_is_not_told_by_the_figure_the_question_states(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _FIVE_OFFICES)
    a = engine.answer("Lào Cai có 5 sở thừa phó giám đốc, sở nào thừa nhiều nhất?")
    assert a.why.rule != Rule.WHICH_HAS and a.outcome != ANSWER


_ONE_SHARE = _one_fact(
    "test-1-ty-le", "Lào Cai", "Lào Cai", "Năm 2024, Lào Cai có 3,5% công chức trên dân số, với 12.000 công chức.",
    ["Tỷ lệ công chức trên dân số của Lào Cai là bao nhiêu?", "Lào Cai có bao nhiêu công chức?"])


def test_a_gap_asked_is_not_answered_by_one_figure_of_its_kind(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _ONE_SHARE)
    for text in ("Lào Cai tỷ lệ công chức trên dân số cao hơn cả nước bao nhiêu %",
                 "Tỷ lệ công chức trên dân số Lào Cai cao hơn Bắc Kạn bao nhiêu phần trăm?"):
        assert engine.answer(text).outcome != ANSWER, text
    assert engine.answer("Tỷ lệ công chức trên dân số của Lào Cai là bao nhiêu?").outcome == ANSWER



_PART_TIME = _one_fact(
    "test-1-can-bo", "Lào Cai", "Lào Cai",
    "Năm 2024, Lào Cai có hơn 1.200 công chức; gần 9.500 viên chức và 640 cán bộ không chuyên trách cấp xã.",
    ["Lào Cai có bao nhiêu viên chức?", "Lào Cai có bao nhiêu cán bộ không chuyên trách cấp xã?"])


def test_part_time_commune_officials_are_neither_cong_chuc_nor_vien_chuc(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _PART_TIME)
    assert engine.answer("Lào Cai có 640 viên chức phải không?").lead == verdict.WRONG
    assert engine.answer("Lào Cai có 640 cán bộ không chuyên trách phải không?").lead == verdict.RIGHT

_NO_LEVEL = _article(
    1, "Kon Tum",
    "Năm 2024, Kon Tum có 50 cán bộ thiếu tiêu chuẩn trên tổng số 300 hồ sơ bổ nhiệm.",
    _fact("test-1-thieu", "Kon Tum", "Năm 2024, Kon Tum có 50 cán bộ thiếu tiêu chuẩn trên tổng số 300 hồ sơ bổ nhiệm.",
          ["Kon Tum có bao nhiêu cán bộ thiếu tiêu chuẩn?", "Số cán bộ thiếu tiêu chuẩn ở Kon Tum"]))


def test_a_level_s_word_is_looked_for_with_its_marks(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _NO_LEVEL)
    assert engine.answer("Kon Tum có bao nhiêu cán bộ thiếu tiêu chuẩn?").fact.id == "test-1-thieu"
    # "tổng số" folds to the letters of "sở": the fact names no level, "cấp sở" narrows its whole
    assert not engine.answer("Kon Tum có bao nhiêu lãnh đạo cấp sở thiếu tiêu chuẩn?").answered
    assert engine.answer("Kon Tum có 50 lãnh đạo cấp sở thiếu tiêu chuẩn phải không?").lead != verdict.RIGHT


_TAKEN_ON = _article(
    28, "Lạng Sơn",
    "Năm 2024, Sở Xây dựng Lạng Sơn tiếp nhận 36 người thân quen của lãnh đạo vào làm việc.",
    _fact("test-28-tiep-nhan", "Sở Xây dựng Lạng Sơn",
          "Năm 2024, Sở Xây dựng Lạng Sơn tiếp nhận 36 người thân quen của lãnh đạo vào làm việc.",
          ["Sở Xây dựng Lạng Sơn tiếp nhận bao nhiêu người thân quen?",
           "Số người thân quen được nhận vào Sở Xây dựng Lạng Sơn"]))


def test_those_taken_on_are_not_those_let_go(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _TAKEN_ON)
    assert engine.answer("Sở Xây dựng Lạng Sơn tiếp nhận bao nhiêu người thân quen?").fact.id == "test-28-tiep-nhan"
    for question in ("Sở Xây dựng Lạng Sơn cho thôi việc bao nhiêu người thân quen của lãnh đạo?",
                     "bao nhiêu người thân quen ở Sở Xây dựng Lạng Sơn đã nghỉ việc?"):
        assert not engine.answer(question).answered, question


_MULTIPLE = _article(
    29, "Lạng Sơn",
    "Năm 2024, Sở Tư pháp Lạng Sơn có 40 công chức. Năm 2024, năng suất của Sở Tài chính Lạng Sơn gấp 1,5 lần "
    "nơi khác.",
    _fact("test-29-so-luong", "Sở Tư pháp Lạng Sơn", "Năm 2024, Sở Tư pháp Lạng Sơn có 40 công chức.",
          ["Sở Tư pháp Lạng Sơn có bao nhiêu công chức?", "Số công chức của Sở Tư pháp Lạng Sơn"]),
    _fact("test-29-gap", "Sở Tài chính Lạng Sơn", "Năm 2024, năng suất của Sở Tài chính Lạng Sơn gấp 1,5 lần nơi khác.",
          ["Năng suất của Sở Tài chính Lạng Sơn so với nơi khác thế nào?",
           "Sở Tài chính Lạng Sơn làm việc hiệu quả ra sao?"]))


def test_a_multiple_is_asked_as_how_many_times(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _MULTIPLE)
    assert engine.index.scope.measures.asked(engine.analyse("gấp mấy lần").tokens) == "lần"
    a = engine.answer("năng suất Sở Tài chính Lạng Sơn gấp mấy lần người ở nơi khác?")  # not "lần người"
    assert a.answered and a.fact.id == "test-29-gap"
    # a count of staff is no multiple: never "40" for how many times
    assert not engine.answer("số công chức Sở Tư pháp Lạng Sơn năm 2024 gấp mấy lần năm 2020?").answered

_BREAKDOWN = _article(
    27, "Lạng Sơn",
    "Năm 2024, Sở Tư pháp Lạng Sơn có 40 chỉ tiêu tuyển dụng, trong đó 30 người trình độ đại học, 6 người trình độ "
    "cao đẳng và 4 người trình độ trung cấp.",
    _fact("test-27-chi-tieu", "Sở Tư pháp Lạng Sơn",
          "Năm 2024, Sở Tư pháp Lạng Sơn có 40 chỉ tiêu tuyển dụng, trong đó 30 người trình độ đại học, 6 người "
          "trình độ cao đẳng và 4 người trình độ trung cấp.",
          ["Sở Tư pháp Lạng Sơn có bao nhiêu chỉ tiêu tuyển dụng?", "Số chỉ tiêu tuyển dụng của Sở Tư pháp Lạng Sơn"]))


def test_a_breakdown_of_other_levels_is_no_answer_for_the_level_asked(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _BREAKDOWN)
    asked = engine.answer("Sở Tư pháp Lạng Sơn tuyển bao nhiêu chỉ tiêu trình độ thạc sĩ?")
    assert not asked.answered  # its levels are đại học, cao đẳng, trung cấp: never the 40 for thạc sĩ
    given = engine.answer("Sở Tư pháp Lạng Sơn tuyển bao nhiêu chỉ tiêu trình độ cao đẳng?")
    assert given.answered and given.fact.id == "test-27-chi-tieu"


_UNLISTED_DISTRICT = _article(
    8, "Lạng Sơn",
    "Năm 2024, 12 cán bộ xã thuộc huyện Tràng Khê bị lừa mua bằng giả. Huyện Tràng Khê có 9 cán bộ bị kỷ luật.",
    _fact("test-8-bi-lua", "Lạng Sơn",
          "Năm 2024, 12 cán bộ xã thuộc huyện Tràng Khê bị lừa mua bằng giả.",
          ["Lạng Sơn có bao nhiêu cán bộ xã thuộc huyện Tràng Khê bị lừa?",
           "Số cán bộ xã thuộc huyện Tràng Khê bị lừa mua bằng giả"]))


def test_how_many_staff_a_district_the_gazetteer_lacks_has_is_not_answered_by_a_count_of_some_of_them(
        config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _UNLISTED_DISTRICT)
    assert engine.answer("huyện Tràng Khê có bao nhiêu cán bộ xã bị lừa mua bằng giả?").fact.id == "test-8-bi-lua"
    # the district's name stands for the unit, as a known place's would: the question asks its whole staff
    for whole in ("huyện tràng khê lạng sơn có tổng cộng bao nhiêu cán bộ công chức?",
                  "huyện Tràng Khê có bao nhiêu cán bộ"):
        assert engine.index.scope.question(engine.analyse(whole).tokens).bare
        assert not engine.answer(whole).answered


def test_a_decline_offers_the_facts_that_come_closest_though_too_far_to_be_meant(engine):
    answer = engine.answer("Thị xã Đông Triều đã xét cho bao nhiêu người được hưởng bậc lương mới sớm hơn quy định?")
    assert not answer.answered and answer.examples[0].fact_id == "dt-nang-luong-truoc-han"


def _about_article(number: int, place: str) -> str:
    """A test article whose first fact gives its date, as ingest drafts them, then one figure."""
    text = f"Năm 2024, {place} có {number} cán bộ."
    return _article(number, place, text,
                    _fact(f"test-{number}-ngay", place, f"Năm 2024, bài viết về {place} đăng ngày {number:02d}/05/2024.",
                          [f"Bài viết về {place} đăng ngày nào?", f"Bài về {place} đăng khi nào?"], quote=text,
                          tags=["bài viết"]),
                    _fact(f"test-{number}-can-bo", place, text, [f"{place} có bao nhiêu cán bộ?",
                                                                 f"Số cán bộ của {place}"]))


def test_examples_offered_with_nothing_to_go_on_are_one_figure_of_each_place(config, knowledge_copy):
    for number, place in ((11, "An Giang"), (12, "An Giang"), (13, "Bà Rịa - Vũng Tàu")):
        (knowledge_copy / "articles" / f"0-test-{number}.yaml").write_text(_about_article(number, place),
                                                                            encoding="utf-8")
    engine = build_engine(dataclasses.replace(config, knowledge_dir=knowledge_copy))
    shown = engine.examples()
    assert [e.fact_id for e in shown][:2] == ["test-11-can-bo", "test-13-can-bo"]  # not a date; An Giang once
    assert len({e.question for e in shown}) == len(shown)


def test_southern_hong_tinh_leaves_out_as_khong_tinh_does():
    assert questions.exclusions("có mấy người có bằng đại học (hổng tính trên đại học) dậy anh?")[1] == \
        ("tren dai hoc",)
    assert questions.exclusions("có bao nhiêu người hông tính lãnh đạo")[1] == ("lanh dao",)


def test_how_many_years_said_just_before_another_how_many_is_a_time_not_the_question(engine):
    said = engine.analyse("Sở khoa học Hải Dương mấy năm tê có mấy người đi bồi dưỡng ngoại ngữ rứa?").tokens
    assert engine.index.scope.measures.noun(said) != ("nam",)  # "mấy năm tê": those years, not how many
    assert engine.index.scope.measures.noun(engine.analyse("phải mất mấy năm mới được?").tokens) == ("nam",)
    # "mấy tháng đầu năm", "mấy tháng cuối năm": the first or last few months, however far the question goes on
    for said in ("Đông Triều mấy tháng đầu năm 2018 bổ nhiệm được tổng cộng bao nhiêu cán bộ, kể cả bổ nhiệm lại?",
                 "mấy tháng cuối năm nay Hoành Bồ mở bao nhiêu lớp?"):
        assert engine.index.scope.measures.noun(engine.analyse(said).tokens) != ("thang",), said


def test_who_presides_said_as_cam_trich_is_who_heads_it(engine):
    said = engine.analyse("Ai đang cầm trịch trung tâm ứng dụng của Lạng Sơn?").tokens
    assert "dungdau" in said and said[said.index("dungdau") + 1:][:2] == ("trung", "tam")


_FROM_TO = _article(
    9, "Lạng Sơn",
    "Năm 2024, Lạng Sơn sắp xếp 138 ban chỉ đạo, giảm xuống còn 93 ban. Số phòng giảm từ 40 xuống còn 31 phòng.",
    _fact("test-9-ban", "Lạng Sơn", "Năm 2024, Lạng Sơn sắp xếp 138 ban chỉ đạo, giảm xuống còn 93 ban.",
          ["Lạng Sơn sắp xếp bao nhiêu ban chỉ đạo?", "Số ban chỉ đạo Lạng Sơn sắp xếp"]),
    _fact("test-9-phong", "Lạng Sơn", "Năm 2024, số phòng của Lạng Sơn giảm từ 40 xuống còn 31 phòng.",
          ["Số phòng Lạng Sơn giảm từ bao nhiêu xuống còn bao nhiêu?", "Lạng Sơn giảm bao nhiêu phòng?"],
          quote="Số phòng giảm từ 40 xuống còn 31 phòng."))


def test_from_how_many_down_to_how_many_is_how_a_question_asks_not_a_concept_it_names(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _FROM_TO)
    asked = "Lạng Sơn sắp xếp các ban chỉ đạo từ bao nhiêu ban xuống còn bao nhiêu ban?"
    analysis = engine.analyse(asked)
    top = next(c for c in engine.index.rank(analysis, frozenset({"Lạng Sơn"})).candidates
               if c.fact.id == "test-9-ban")
    assert not engine._left_concept(analysis, top)


def test_chuc_typed_a_letter_short_is_read_where_only_chuc_makes_sense(engine):
    assert engine.analyse("viên chứ có trung cấp").tokens[:2] == ("vien", "chuc")
    assert engine.analyse("ông ấy giữ chứ gì").tokens == engine.analyse("ông ấy giữ chức gì").tokens
    assert "chuc" not in engine.analyse("có chứ, sao không").tokens  # "chứ" on its own is a particle


_WHOLE_AND_MORE = _article(
    10, "Lạng Sơn",
    "Năm 2024, Lạng Sơn đề xuất thêm 500 chỉ tiêu viên chức, nâng tổng số lên 9.000 người. Ngành y tế có 30 bác sĩ.",
    _fact("test-10-chi-tieu", "Lạng Sơn", "Năm 2024, Lạng Sơn đề xuất thêm 500 chỉ tiêu viên chức, nâng tổng số lên 9.000 người.",
          ["Lạng Sơn đề xuất thêm bao nhiêu chỉ tiêu viên chức?", "Số chỉ tiêu viên chức Lạng Sơn đề xuất thêm"],
          quote="Năm 2024, Lạng Sơn đề xuất thêm 500 chỉ tiêu viên chức, nâng tổng số lên 9.000 người."),
    _fact("test-10-bac-si", "Lạng Sơn", "Năm 2024, ngành y tế Lạng Sơn có 30 bác sĩ.",
          ["Ngành y tế Lạng Sơn có bao nhiêu bác sĩ?", "Số bác sĩ ngành y tế Lạng Sơn"], quote="Ngành y tế có 30 bác sĩ."))


def test_of_which_how_many_is_a_part_of_the_whole_stated_not_the_whole_nor_a_larger_figure(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _WHOLE_AND_MORE)
    assert engine.answer("Lạng Sơn đề xuất thêm bao nhiêu chỉ tiêu viên chức?").fact.id == "test-10-chi-tieu"
    # the fact gives the 500 stated and a larger total, no part of the 500
    assert not engine.answer("Lạng Sơn đề xuất thêm 500 chỉ tiêu viên chức, trong đó bao nhiêu chỉ tiêu viên chức cho "
                             "ngành y tế?").answered


_STUDY_ABROAD = _article(
    26, "Cần Thơ",
    "Năm 2024, Cần Thơ chi 10 tỷ đồng cử 80 cán bộ đô thị sang Mỹ bồi dưỡng chuyên môn trong hai tuần.",
    _fact("test-26-my", "Cần Thơ", "Năm 2024, Cần Thơ chi 10 tỷ đồng cử 80 cán bộ đô thị sang Mỹ bồi dưỡng chuyên "
          "môn trong hai tuần.", ["Cần Thơ chi bao nhiêu tỷ đồng?",
                              "Chi 10 tỷ đồng, bao nhiêu cán bộ Cần Thơ đi Mỹ học chuyên môn?"]))


def test_choices_of_several_places_leave_a_follow_up_about_none_of_them(config, knowledge_copy):
    from bot.engine.followup import Context
    engine = _engine_with(config, knowledge_copy, _STUDY_ABROAD)
    # a clarification offered Đông Triều's and Cần Thơ's facts; the follow-up is Hoành Bồ's (18 lượt luân chuyển),
    # which neither place's facts give: never the one of those two that leads the other by a margin
    ctx = Context("bổ nhiệm được bao nhiêu người?", frozenset({"Đông Triều", "Cần Thơ"}), "")
    for text in ("còn luân chuyển, điều động thì mấy đồng chí", "luân chuyển mấy người"):
        a = engine.answer(text, context=ctx)  # (the second, with the last question, read "bổ nhiệm" into it)
        assert not (a.answered and a.fact.place in ("Đông Triều", "Cần Thơ")), (text, a.fact)
    # one place offered is still the thread's place
    one = Context("Cần Thơ có bao nhiêu cán bộ?", frozenset({"Cần Thơ"}), "", (), ("test-26-my",))
    assert engine.answer("bao nhiêu người đi Mỹ?", context=one).fact.id == "test-26-my"


def test_who_holds_a_post_now_is_asked_who(engine):
    # "ai đang làm giám đốc …": "đang làm" had been words the fact lacks, under the bar by a hair
    a = engine.answer("ai đang làm giám đốc Trung tâm Ứng dụng tiến bộ KH&CN thuộc Sở KH&CN Lạng Sơn thế?")
    assert a.answered and a.fact.id == "ls-giam-doc-trung-tam"


def test_a_level_and_those_above_is_not_answered_by_that_level_alone(engine):
    # Hải Dương's 10 studied trung cấp; "trung cấp … trở lên" counts every level from it up
    a = engine.answer("bn cb có trung cấp lý luận chính trị trở lên z")
    assert not a.answered and any("trở lên" in e.question for e in a.examples)
    assert engine.answer("bn cb sở khcn hải dương học trung cấp lý luận chính trị").fact.id == "hd-trung-cap-llct"
    assert engine.answer("Tỷ lệ cán bộ, công chức Bắc Kạn có trung cấp LLCT trở lên?").fact.id == \
        "bk-llct-can-bo-cong-chuc"


def test_staff_sent_from_the_district_to_work_in_a_commune_went_down(engine):
    # "từ huyện về (công tác tại) xã" is down, not "từ xã về huyện"
    assert engine.answer("Hoành Bồ cử mấy cán bộ từ huyện về làm việc tại xã?").fact.id == "hb-huyen-xuong-xa"
    assert engine.answer("Hoành Bồ có mấy cán bộ từ xã về huyện?").fact.id == "hb-xa-ve-huyen"


def test_a_figure_claimed_is_checked_against_the_fact_giving_nothing_but_it(config, knowledge_copy):
    unit = "Trung tâm Kiểm soát bệnh tật Cao Bằng"
    engine = _engine_with(config, knowledge_copy, _article(
        12, "Cao Bằng", f"Năm 2024, {unit} có 60 người. Trong 60 người có 9 người trình độ trên đại học.",
        _fact("test-12-tong", unit, f"Năm 2024, {unit} có 60 người.",
              [f"{unit} có bao nhiêu người?", f"{unit} có tất cả bao nhiêu người?"], tags=["tổng số"]),
        _fact("test-12-tren-dh", unit, f"Năm 2024, trong 60 người của {unit} có 9 người trình độ trên đại học.",
              # (its last phrasing as drafts from an article may word it, asking only what the unit has)
              [f"{unit} có bao nhiêu người trình độ trên đại học?",
               f"Trong số người của {unit} có bao nhiêu người trên đại học?", f"{unit} có bao nhiêu người?"],
              quote="Trong 60 người có 9 người trình độ trên đại học.")))
    # 60 is also what the 9 are of: the fact checked is the one giving 60 alone
    a = engine.answer(f"{unit} có 60 người đúng không?")
    assert a.answered and a.fact.id == "test-12-tong" and a.lead == "Đúng."


def test_with_no_place_named_a_lone_syllable_of_a_fact_s_key_phrase_is_no_lead(engine):
    # typed without marks, "hạn chế" gives the "hạn" of Đông Triều's "nâng lương trước thời hạn" (and "năng" its
    # "nâng"): nothing else ties the question to that fact
    assert not engine.answer("nam 2018 bao nhieu cong chuc con han che nang luc trong nhiem vu").answered
    assert engine.answer("đông triều nâng lương trước hạn cho mấy trường hợp").fact.id == "dt-nang-luong-truoc-han"


def test_chat_shorthand_for_contract_staff_and_the_state(engine):
    # "sd" is sử dụng, "hđ lđ" hợp đồng lao động, "nhà nc" nhà nước
    reader = engine.index.reader
    assert reader.analyse("sd bn hđ lđ trong cq nhà nc").tokens == \
        reader.analyse("sử dụng bao nhiêu hợp đồng lao động trong cơ quan nhà nước").tokens


def test_contracts_counted_are_people_working_under_them(config, knowledge_copy):
    # "300 hợp đồng lao động" in a workforce article is 300 people on contracts, asked "bao nhiêu người … hợp đồng"
    unit = "các cơ quan thuộc UBND tỉnh Cao Bằng"
    text = f"Năm 2024, {unit} còn sử dụng 120 hợp đồng lao động làm công tác chuyên môn."
    engine = _engine_with(config, knowledge_copy, _article(
        13, "Cao Bằng", text,
        _fact("test-13-hop-dong", unit, text, ["Cao Bằng sử dụng bao nhiêu hợp đồng lao động?",
                                               "Cao Bằng còn bao nhiêu hợp đồng lao động làm chuyên môn?"])))
    a = engine.answer("các cơ quan của tỉnh Cao Bằng còn thuê bao nhiêu người làm theo hợp đồng lao động?")
    assert a.answered and a.fact.id == "test-13-hop-dong"


def test_chat_shorthand_for_hospitals_and_doctors(engine):
    reader = engine.index.reader
    assert reader.analyse("mấy bv mới thành lập, bao nhiêu bs").tokens == \
        reader.analyse("mấy bệnh viện mới thành lập, bao nhiêu bác sĩ").tokens


def test_staff_then_the_group_they_are_counts_that_group(config, knowledge_copy):
    # "bao nhiêu người là đảng viên" counts party members: never the unit's whole staff
    unit = "Chi cục Kiểm lâm Cao Bằng"
    engine = _engine_with(config, knowledge_copy, _article(
        14, "Cao Bằng", f"Năm 2024, {unit} có 80 người, trong đó 6 người là thạc sĩ.",
        _fact("test-14-tong", unit, f"Năm 2024, {unit} có 80 người.",
              [f"{unit} có bao nhiêu người?", f"{unit} có tất cả bao nhiêu người?"], tags=["tổng số"],
              quote=f"Năm 2024, {unit} có 80 người, trong đó 6 người là thạc sĩ."),
        _fact("test-14-thac-si", unit, f"Năm 2024, {unit} có 6 người là thạc sĩ.",
              [f"{unit} có bao nhiêu thạc sĩ?", f"Số thạc sĩ của {unit} là bao nhiêu?"],
              quote=f"Năm 2024, {unit} có 80 người, trong đó 6 người là thạc sĩ.")))
    assert not engine.answer(f"{unit} có bao nhiêu người là đảng viên?").answered
    assert engine.answer(f"{unit} có bao nhiêu người là thạc sĩ?").fact.id == "test-14-thac-si"
    assert engine.answer(f"{unit} có bao nhiêu người?").fact.id == "test-14-tong"


def test_a_breakdown_naming_another_of_a_group_does_not_answer_the_one_asked(config, knowledge_copy):
    # the sentence lists what staff lack (a degree, a foreign-language certificate): none lacks an IT one
    unit = "Sở Xây dựng Cao Bằng"
    text = (f"Năm 2024, thanh tra {unit} phát hiện 9 trường hợp thiếu bằng đại học, 40 trường hợp thiếu chứng chỉ "
            "ngoại ngữ.")
    engine = _engine_with(config, knowledge_copy, _article(
        15, "Cao Bằng", text,
        _fact("test-15-thieu-bang", unit, text, [f"{unit} có bao nhiêu trường hợp thiếu bằng đại học?",
                                                 f"Thanh tra {unit} phát hiện bao nhiêu trường hợp thiếu bằng?"])))
    assert not engine.answer(f"Thanh tra {unit} phát hiện bao nhiêu trường hợp thiếu chứng chỉ tin học?").answered
    assert engine.answer(f"Thanh tra {unit} phát hiện bao nhiêu trường hợp thiếu bằng đại học?").answered


def test_a_count_asked_within_a_whole_the_question_states_is_not_that_whole(config, knowledge_copy):
    # "bao nhiêu người trong số 30 …" asks a part of the 30: the fact giving only the 30 (of 200) does not answer
    unit = "Sở Tài chính Cao Bằng"
    text = f"Năm 2024, {unit} đã bổ nhiệm 30/200 trường hợp chưa đủ chuẩn."
    engine = _engine_with(config, knowledge_copy, _article(
        16, "Cao Bằng", text,
        _fact("test-16-bo-nhiem", unit, text, [f"{unit} bổ nhiệm bao nhiêu trường hợp chưa đủ chuẩn?",
                                               f"Số trường hợp {unit} bổ nhiệm chưa đủ chuẩn là bao nhiêu?"])))
    assert not engine.answer(f"{unit} đã cho thôi việc bao nhiêu người trong số 30 trường hợp bổ nhiệm chưa đủ "
                             "chuẩn?").answered
    assert engine.answer(f"{unit} bổ nhiệm bao nhiêu trường hợp chưa đủ chuẩn?").fact.id == "test-16-bo-nhiem"


def test_a_kind_of_place_no_choice_is_asks_the_question_of_the_one_unit_of_that_kind(config, knowledge_copy):
    # choices of a province only; "cái của huyện ấy" is the clarified question asked of the one huyện that fits it
    from bot.engine.followup import Context
    unit = "tỉnh Cao Bằng"
    text = f"Năm 2024, {unit} rà soát, tinh giản 300 biên chế."
    engine = _engine_with(config, knowledge_copy, _article(
        17, "Cao Bằng", text, _fact("test-17-tinh-gian", unit, text,
                                    ["Cao Bằng tinh giản bao nhiêu biên chế?",
                                     "Tỉnh Cao Bằng tinh giản được bao nhiêu biên chế?"])))
    ctx = Context("tinh giản được bao nhiêu biên chế rồi?", offered=("test-17-tinh-gian", "ls-de-an-506"))
    a = engine.answer("cái của huyện ấy", context=ctx)
    assert a.answered and a.fact.place == "Hoành Bồ" and a.why.values["follow_up"] == "kind"
    assert not engine.answer("cái của bộ ấy", context=ctx).answered  # no ministry's fact fits: the choices again


def test_a_question_naming_its_article_by_the_title_s_words_is_asked_of_that_article(config, knowledge_copy):
    text = "Năm 2024, ông Nông Văn Tâm là Giám đốc Sở Nội vụ Cao Bằng."
    article = _article(18, "Cao Bằng", text, _fact("test-18-giam-doc", "Sở Nội vụ Cao Bằng", text,
                                                   ["Ai là giám đốc Sở Nội vụ Cao Bằng?",
                                                    "Giám đốc Sở Nội vụ Cao Bằng tên là gì?"]))
    engine = _engine_with(config, knowledge_copy, article.replace(
        "title: Bài thử 18", "title: 'Cao Bằng: Nâng cao chất lượng công vụ ở cơ sở'"))
    a = engine.answer("giám đốc Sở Nội vụ Cao Bằng được nhắc trong bài về nâng cao chất lượng công vụ ở cơ sở là ai?")
    assert a.answered and a.fact.id == "test-18-giam-doc" and a.why.values["article_named"] == "test-18"
    # words no title holds are words of the question, as before
    assert not engine.answer("giám đốc Sở Nội vụ Cao Bằng được nhắc trong bài về chuyển đổi số ngành thuế là ai?"
                             ).answered


def test_a_question_weighing_two_things_each_near_the_bar_gets_both(engine):
    a = engine.answer("huyện Hoành Bồ năm nay luân chuyển cán bộ giữa các xã nhiều hơn hay luân chuyển từ xã "
                      "về huyện nhiều hơn, mỗi loại bao nhiêu đồng chí?")
    assert a.answered and {p.fact.id for p in a.parts} == {"hb-giua-cac-xa", "hb-xa-ve-huyen"}
    # a side nothing answers leaves the question unanswered, never half of it given as the whole
    assert not engine.answer("huyện Hoành Bồ luân chuyển cán bộ giữa các xã nhiều hơn hay tuyển dụng công chức "
                             "mới nhiều hơn?").parts


def test_what_a_count_belongs_to_is_not_what_it_counts(engine):
    # "bao nhiêu suất thuộc ngạch cán sự": the classifier read away, "thuộc ngạch" is no noun a fact must say
    measures, reader = engine.index.scope.measures, engine.index.reader
    assert measures.noun(reader.analyse("bao nhiêu suất thuộc ngạch cán sự").tokens) == ()
    assert measures.noun(reader.analyse("bao nhiêu giáo viên thuộc ngạch cán sự").tokens) == ("giao", "vien")
    # "từ bao nhiêu trường xuống còn …": the noun ends where the change begins
    assert measures.noun(reader.analyse("sáp nhập từ bao nhiêu trường xuống còn bao nhiêu").tokens) == ("truong",)
    # "bao nhiêu phút với chuyên viên": a unit of time, then whom it is for ("với" is read away)
    assert measures.noun(reader.analyse("làm bài bao nhiêu phút với chuyên viên").tokens) == ("phut",)


def test_a_quarter_asked_is_answered_only_by_a_figure_of_that_quarter(engine):
    # "Năm 2019 … tinh giản 21 biên chế; riêng quý I/2019 … 14": neither is the second quarter's
    for asked in ("hoanh bo quy 2 nam 2019 tinh gian them duoc bao nhieu bien che",
                  "Hoành Bồ quý II/2019 tinh giản được bao nhiêu biên chế?"):
        assert not engine.answer(asked).answered, asked
    for asked in ("Hoành Bồ quý 1 năm 2019 tinh giản được bao nhiêu biên chế?",
                  "hoanh bo quy I nam 2019 tinh gian duoc bao nhieu bien che"):
        assert engine.answer(asked).fact.id == "hb-tinh-gian-bien-che", asked


def test_a_house_number_asked_is_the_address(engine):
    for asked in ("Sở KH&CN Hải Dương ở số nhà nào, đường gì ạ?", "Sở KH&CN Hải Dương số nhà mấy?"):
        a = engine.answer(asked)
        assert a.answered and a.fact.id == "hd-dia-chi", asked


def test_residents_counted_are_people(config, knowledge_copy):
    text = "Năm 2024, dân số tỉnh Cao Bằng mỗi năm tăng khoảng 9.000 dân."
    engine = _engine_with(config, knowledge_copy, _article(
        24, "Cao Bằng", text, _fact("test-24-dan-so", "Cao Bằng", text, ["Cao Bằng mỗi năm tăng bao nhiêu dân?",
                                                                         "Dân số Cao Bằng tăng bao nhiêu mỗi năm?"])))
    a = engine.answer("Dân số Cao Bằng mỗi năm tăng thêm chừng bao nhiêu người?")
    assert a.answered and a.fact.id == "test-24-dan-so"


def test_an_article_s_details_are_no_closer_fact_of_another_measure(config, knowledge_copy):
    # the title's words and share ("Gần 30% công chức …") make the article-details fact the closest to a question
    # about the absent staff: it counts nothing asked, so it does not make the figure "not given"
    title = "Gần 30% công chức Cao Bằng đi muộn sau Tết"
    text = f"{title}\n\nNăm 2024, kiểm tra sau Tết, Sở Nội vụ Cao Bằng thấy 41 công chức đi muộn."
    said = "Năm 2024, kiểm tra sau Tết, Sở Nội vụ Cao Bằng thấy 41 công chức đi muộn."
    article = _article(25, "Cao Bằng", text,
                       _fact("test-25-di-muon", "Cao Bằng", said, ["Cao Bằng có bao nhiêu công chức đi muộn?",
                                                                   "Bao nhiêu công chức Cao Bằng đi muộn?"]),
                       _fact("test-25-bai", "Báo thử 25", f"Bài “{title}” đăng ngày 25/05/2024.",
                             ["Bài viết về Cao Bằng đăng ngày nào?", "Ai viết bài về Cao Bằng?"], quote=title,
                             tags=["bài viết"], time="ngày 25/05/2024"))
    engine = _engine_with(config, knowledge_copy, article.replace("title: Bài thử 25", f"title: {title}"))
    a = engine.answer("Sau Tết Cao Bằng có gần bao nhiêu công chức đi muộn?")
    assert a.answered and a.fact.id == "test-25-di-muon"
    title_asked = engine.answer("Gần 30% công chức Cao Bằng đi muộn sau Tết, vậy là bao nhiêu người?")
    assert title_asked.why.rule != Rule.OTHER_MEASURE  # never "not given" because of the title's 30%


def test_away_without_leave_is_said_as_the_articles_say_it(engine):
    # "nghỉ không phép" is "vắng mặt không lý do"
    read = engine.index.reader.analyse
    assert read("bao nhiêu công chức nghỉ không phép").tokens == read("bao nhiêu công chức vắng mặt không lý do").tokens


def test_a_part_counted_of_a_stated_whole_is_no_noun_the_fact_must_say(config, knowledge_copy):
    # "bao nhiêu trong tổng số công chức là lãnh đạo": "tổng số công chức" is the whole, not what is counted
    unit = "Sở Tư pháp Cao Bằng"
    text = f"Năm 2024, kiểm tra cho thấy 12/20 công chức ở {unit} là lãnh đạo."
    engine = _engine_with(config, knowledge_copy, _article(
        23, "Cao Bằng", text, _fact("test-23-lanh-dao", unit, text, [f"{unit} có bao nhiêu công chức là lãnh đạo?",
                                                                      f"Bao nhiêu công chức {unit} là lãnh đạo?"])))
    measures, reader = engine.index.scope.measures, engine.index.reader
    assert measures.noun(reader.analyse("bao nhiêu trong tổng số công chức là lãnh đạo").tokens) == ()
    a = engine.answer(f"Ở {unit}, đoàn kiểm tra thấy bao nhiêu trong tổng số công chức là lãnh đạo?")
    assert a.answered and a.fact.id == "test-23-lanh-dao"


def test_two_wrong_figures_claimed_of_a_fact_counting_the_same_things_are_corrected(config, knowledge_copy):
    unit = "Sở Y tế Cao Bằng"
    text = f"Năm 2024, {unit} có 5 phó giám đốc, vượt quy định 2 người."
    engine = _engine_with(config, knowledge_copy, _article(
        19, "Cao Bằng", text, _fact("test-19-pho", unit, text, [f"{unit} có bao nhiêu phó giám đốc?",
                                                               f"{unit} vượt quy định bao nhiêu phó giám đốc?"])))
    a = engine.answer(f"{unit} có 6 phó giám đốc, vượt quy định 3 người đúng không?")
    assert a.answered and a.lead.startswith("Chưa đúng") and "5 (không phải 6)" in a.lead
    # figures of other things than the fact counts are not corrected with its figures
    assert not engine.answer(f"{unit} có 6 bác sĩ, vượt quy định 3 người đúng không?").answered


def test_teachers_as_staff_call_them_are_the_articles_giao_vien(engine):
    reader = engine.index.reader
    assert reader.analyse("bao nhiêu thầy cô").tokens == reader.analyse("bao nhiêu giáo viên").tokens
    assert reader.analyse("cô giáo, thầy giáo").tokens == reader.analyse("giáo viên, giáo viên").tokens
    # the same letters without their accents are other words: "có giao nhiệm vụ", "về thay, có …"
    assert "giao" in reader.analyse("có giao nhiệm vụ").tokens and "vien" not in reader.analyse("có giao").tokens
    assert "thay" in reader.analyse("ai về thay, có mấy người").tokens


def test_a_later_part_naming_no_place_is_of_the_body_the_part_before_named(config, knowledge_copy):
    text = "Năm 2024, Sở Y tế Cao Bằng có 5 phó giám đốc, vượt quy định 2 người."
    other = "Năm 2024, Sở Tư pháp Cao Bằng có 40 công chức."
    engine = _engine_with(config, knowledge_copy, _article(
        20, "Cao Bằng", f"{text} {other}",
        _fact("test-20-y-te", "Sở Y tế Cao Bằng", text, ["Sở Y tế Cao Bằng có bao nhiêu phó giám đốc?",
                                                         "Sở Y tế Cao Bằng vượt quy định bao nhiêu người?"]),
        _fact("test-20-tu-phap", "Sở Tư pháp Cao Bằng", other, ["Sở Tư pháp Cao Bằng có bao nhiêu công chức?",
                                                                "Số công chức Sở Tư pháp Cao Bằng"])))
    # the Sở Tư pháp's deputies are not given: its "vượt quy định bao nhiêu người" is not the Sở Y tế's 2
    a = engine.answer("Sở Tư pháp Cao Bằng có mấy phó giám đốc, vượt quy định bao nhiêu người?")
    assert not a.answered and not any(p.answered for p in a.parts)
    both = engine.answer("Sở Y tế Cao Bằng có mấy phó giám đốc, vượt quy định bao nhiêu người?")
    assert both.answered and both.fact.id == "test-20-y-te"


def test_the_central_that_one_is_set_aside(engine):
    # "Sở … nớ": that one (Central speech); unaccented "no" (nợ, nó) is another word
    reader = engine.index.reader
    assert reader.analyse("sở khcn nớ có mấy người").tokens == reader.analyse("sở khcn có mấy người").tokens
    assert "no" in reader.analyse("sở khcn no có mấy người").tokens



def test_a_question_naming_a_part_of_a_body_is_not_offered_the_whole_body_s_fact(engine):
    # the Sở's union is named: the Sở's director is no choice beside the union's chairman
    a = engine.answer("công đoàn sở khcn hải dương do ai phụ trách")
    assert a.answered and a.fact.id == "hd-chu-tich-cong-doan"
    assert engine.answer("ai phụ trách sở khcn hải dương").fact.id == "hd-giam-doc-so"


def test_an_approximate_count_asked_after_an_answer_is_that_answer_s_count(config, knowledge_copy):
    # with "khoảng" a word some fact says, "cho khoảng bao nhiêu người?" still asks the last fact's people
    from bot.engine.followup import Context
    text = "Năm 2024, Sở Tài chính Cao Bằng có khoảng 200 người."
    engine = _engine_with(config, knowledge_copy, _article(
        22, "Cao Bằng", text, _fact("test-22-tong", "Sở Tài chính Cao Bằng", text,
                                    ["Sở Tài chính Cao Bằng có bao nhiêu người?", "Số người Sở Tài chính Cao Bằng"])))
    assert "khoang" in engine.index.idf
    ctx = Context("Huyện Hoành Bồ mở bao nhiêu lớp đào tạo, bồi dưỡng?", frozenset({"Hoành Bồ"}), "hb-lop-dao-tao")
    a = engine.answer("cho khoảng bao nhiêu người?", context=ctx)
    assert a.answered and a.fact.id == "hb-lop-dao-tao"


def test_a_target_asked_for_is_not_read_as_a_plan(config, knowledge_copy):
    # "đặt mục tiêu giảm 10%" is a plan ("sẽ giảm"), but "đặt mục tiêu thế nào / gì" asks the target itself
    read = lambda text: engine.index.reader.analyse(text).tokens  # noqa: E731
    text = "Năm 2024, Cao Bằng phấn đấu 100% công chức cấp xã có trình độ đại học."
    engine = _engine_with(config, knowledge_copy, _article(
        26, "Cao Bằng", text, _fact("test-26-muc-tieu", "Cao Bằng", text,
                                    ["Mục tiêu chuẩn hóa công chức cấp xã của Cao Bằng là gì?",
                                     "Cao Bằng phấn đấu bao nhiêu phần trăm công chức cấp xã có trình độ đại học?"],
                                    tags=["mục tiêu", "chuẩn hóa"])))
    assert read("Cao Bằng đặt mục tiêu giảm bao nhiêu") == read("Cao Bằng sẽ giảm bao nhiêu")
    for asked in ("Cao Bằng thì đặt mục tiêu thế nào với công chức cấp xã?", "Cao Bằng đề ra mục tiêu gì vậy?"):
        assert {"muc", "tieu"} <= set(read(asked)), asked
        a = engine.answer(asked)
        assert a.answered and a.fact.id == "test-26-muc-tieu", asked


def test_a_subunit_s_head_is_not_the_leader_of_the_office_a_question_names(config, knowledge_copy):
    # the director of a Trung tâm (a phrasing asking only what he is leaves the fact open to any unit) is no
    # answer to who leads the Sở; a question naming the Trung tâm, or no unit, still reaches him
    text = "Năm 2024, ông Nông Văn Tài là Giám đốc Trung tâm Thông tin KH&CN tỉnh Cao Bằng."
    engine = _engine_with(config, knowledge_copy, _article(
        27, "Cao Bằng", text, _fact("test-27-giam-doc", "Trung tâm Thông tin KH&CN Cao Bằng", text,
                                    ["Ai là giám đốc Trung tâm Thông tin KH&CN Cao Bằng?",
                                     "Ông Nông Văn Tài giữ chức vụ gì?"], tags=["lãnh đạo", "giám đốc trung tâm"])))
    for asked in ("lãnh đạo Sở KH&CN Cao Bằng là ai?", "cho hỏi lãnh đạo sở khoa học và công nghệ cao bằng là ai"):
        a = engine.answer(asked)
        assert not (a.answered and a.fact.id == "test-27-giam-doc"), asked
    for asked in ("ai lãnh đạo trung tâm thông tin khcn cao bằng", "giám đốc trung tâm ở Cao Bằng là ai?"):
        a = engine.answer(asked)
        assert a.answered and a.fact.id == "test-27-giam-doc", asked


def test_a_role_held_is_a_post_but_an_organisation_s_role_is_not_a_person(engine):
    # "giữ vai trò gì" asks what post someone holds, as "giữ chức gì"; "công đoàn có vai trò gì" asks no one
    read = engine.index.reader.analyse
    assert read("ông Phạm Văn Bình còn giữ vai trò gì").tokens == read("ông Phạm Văn Bình còn giữ chức gì").tokens
    assert "ai" not in read("công đoàn có vai trò gì").tokens


def test_a_choice_between_years_is_answered_by_the_one_the_fact_gives(config, knowledge_copy):
    text = "Cao Bằng phấn đấu đến hết năm 2026 giảm tối thiểu 5% biên chế so với năm 2020."
    engine = _engine_with(config, knowledge_copy, _article(
        28, "Cao Bằng", text, _fact("test-28-giam", "Cao Bằng", text,
                                    ["Đến năm 2026 Cao Bằng phải giảm bao nhiêu phần trăm biên chế?",
                                     "Tỷ lệ tinh giản biên chế tối thiểu ở Cao Bằng"], time="đến hết năm 2026")))
    a = engine.answer("Cao Bằng phải giảm tối thiểu 5% biên chế so với năm 2020 vào hết năm 2025 hay 2026?")
    assert a.answered and a.fact.id == "test-28-giam" and "2026" in a.lead and "2025" not in a.lead
    a = engine.answer("Cao Bằng phải giảm 5% biên chế vào năm 2024 hay 2025?")
    assert a.answered and a.fact.id == "test-28-giam" and a.lead.startswith("Chưa đúng")


def test_a_figure_claimed_of_the_wrong_group_is_corrected_with_the_group_s_own(config, knowledge_copy):
    # 70,5% is the cán bộ, công chức's share: claimed of the viên chức, it is their 30,2% that answers
    text = ("Năm 2024, 70,5% cán bộ, công chức tỉnh Cao Bằng có trình độ trung cấp lý luận chính trị trở lên; "
            "30,2% viên chức tỉnh Cao Bằng có trình độ trung cấp lý luận chính trị trở lên.")
    engine = _engine_with(config, knowledge_copy, _article(
        29, "Cao Bằng", text,
        _fact("test-29-cbcc", "Cao Bằng", "Năm 2024, 70,5% cán bộ, công chức tỉnh Cao Bằng có trình độ trung cấp lý "
              "luận chính trị trở lên.", ["Tỷ lệ cán bộ, công chức Cao Bằng có trình độ trung cấp lý luận chính trị "
                                          "trở lên?", "Bao nhiêu phần trăm công chức Cao Bằng có trung cấp chính trị?"],
              quote="70,5% cán bộ, công chức tỉnh Cao Bằng có trình độ trung cấp lý luận chính trị trở lên"),
        _fact("test-29-vc", "Cao Bằng", "Năm 2024, 30,2% viên chức tỉnh Cao Bằng có trình độ trung cấp lý luận chính "
              "trị trở lên.", ["Tỷ lệ viên chức Cao Bằng có trình độ trung cấp lý luận chính trị trở lên?",
                               "Bao nhiêu phần trăm viên chức Cao Bằng có trung cấp chính trị?"],
              quote="30,2% viên chức tỉnh Cao Bằng có trình độ trung cấp lý luận chính trị trở lên")))
    a = engine.answer("Ở Cao Bằng 70,5% là tỷ lệ viên chức có trung cấp lý luận chính trị trở lên nhỉ?")
    assert a.answered and a.fact.id == "test-29-vc" and a.lead.startswith("Chưa đúng") and "30,2" in a.lead
    a = engine.answer("Cao Bằng 70,5% cán bộ, công chức có trung cấp lý luận chính trị trở lên nhỉ?")
    assert a.answered and a.fact.id == "test-29-cbcc" and a.lead == "Đúng."


def test_a_change_of_workplace_is_a_rotation_to_another_post(engine):
    # "đổi chỗ làm (việc)" is what the articles call "chuyển đổi vị trí công tác"
    read = engine.index.reader.analyse
    said = read("bao nhiêu cán bộ được chuyển đổi vị trí công tác").tokens
    for typed in ("bao nhiêu cán bộ được đổi chỗ làm", "bao nhiêu cán bộ được đổi chỗ làm việc",
                  "bao nhiêu cán bộ được đổi vị trí công tác"):
        assert read(typed).tokens == said, typed


def test_masters_and_doctors_and_above_are_above_university_level(engine):
    # "thạc sĩ, tiến sĩ trở lên" is one level and above, as "thạc sĩ trở lên" is: not a level, then "trở lên" left
    read = engine.index.reader.analyse
    above = read("mấy người có học vị thạc sĩ trở lên").tokens
    assert read("mấy người có học vị thạc sĩ, tiến sĩ trở lên").tokens == above
    assert read("mấy người có học vị thạc sĩ và tiến sĩ trở lên").tokens == above


def test_a_figure_confirmed_that_several_facts_of_one_article_give_is_confirmed(config, knowledge_copy):
    # both sentences give 46 outlying school sites: whichever was meant, the claim is right; no choice to make
    removed = "Năm 2024, Cao Bằng đã xoá 19 điểm lẻ, còn 46 điểm."
    sites = "Năm 2024, Cao Bằng có 51 trường ở các cấp học với 46 điểm trường lẻ."
    engine = _engine_with(config, knowledge_copy, _article(
        31, "Cao Bằng", f"{removed} {sites}",
        _fact("test-31-xoa", "Cao Bằng", removed, ["Cao Bằng xoá bao nhiêu điểm lẻ?", "Cao Bằng còn bao nhiêu điểm lẻ?"]),
        _fact("test-31-diem", "Cao Bằng", sites, ["Cao Bằng có bao nhiêu điểm trường lẻ?",
                                                  "Cao Bằng có bao nhiêu trường ở các cấp học?"])))
    a = engine.answer("Cao Bằng sau khi xoá bớt điểm lẻ thì còn 46 điểm trường lẻ, đúng không?")
    assert a.answered and a.lead == "Đúng." and a.fact.id in {"test-31-xoa", "test-31-diem"}
    a = engine.answer("Cao Bằng sau khi xoá bớt điểm lẻ thì còn 64 điểm trường lẻ, đúng không?")
    assert not (a.answered and a.lead == "Đúng.")


def test_a_document_s_number_checked_with_a_yes_no_word_is_compared_with_the_fact_s(engine):
    # "… là số 605/ĐA-SKHCN à?": the fact found without the number, the number compared ("bộ máy" is no "mấy")
    from bot.engine import questions
    asked = "Đề án tinh giản biên chế, sắp xếp bộ máy của Sở KH&CN Lạng Sơn là số {n}/ĐA-SKHCN à?"
    assert questions.confirmation(asked.format(n=605)) is not None
    wrong, right = engine.answer(asked.format(n=605)), engine.answer(asked.format(n=506))
    assert wrong.answered and wrong.lead.startswith("Chưa đúng") and "506/ĐA-SKHCN" in wrong.fact.answer
    assert right.answered and right.lead == "Đúng." and right.fact.id == wrong.fact.id


def test_a_choice_between_years_need_not_be_a_yes_no_question(engine):
    # "… từ năm 2013 hay từ 2008 vậy?": the year the article gives, with "từ" before the second one too
    a = engine.answer("Đông Triều bắt đầu xây dựng quy hoạch phát triển nhân lực từ năm 2013 hay từ 2008 vậy?")
    assert a.answered and "2013" in a.lead and "2008" not in a.lead and "2013" in a.fact.answer



def test_a_later_part_naming_no_unit_is_of_the_subunit_the_part_before_names(engine):
    # "Trung tâm … có mấy trưởng phòng, còn nhân viên bao nhiêu người?": the centre's staff or nothing, never the
    # Sở's total
    total = engine.kb.fact("ls-tong-so-can-bo")
    for asked in ("Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn có mấy trưởng phòng, còn nhân viên bao nhiêu người?",
                  "trung tâm ứng dụng tiến bộ khcn lạng sơn mấy người học thạc sĩ, với lại nhân viên tổng cộng bao nhiêu?"):
        a = engine.answer(asked)
        given = [p.fact for p in (a.parts or (a,)) if p.answered]
        assert total not in given and all("Trung tâm" in f.unit for f in given), (asked, [f.id for f in given])
    # ...but a part opening with a unit of its own asks of that unit: "Sở …" is the Sở the centre belongs to
    a = engine.answer("Trung tâm ứng dụng tiến bộ KHCN Lạng Sơn có bao nhiêu viên chức, người lao động? Sở năm 2018 "
                      "áp dụng ISO ở mấy xã?")
    assert [p.fact.id for p in a.parts if p.answered] == ["ls-trung-tam-nhan-su", "ls-iso-50-xa"]


def test_besides_within_a_question_is_set_aside_not_left_out(engine):
    # "… ngoài giám đốc ra còn có mấy phó giám đốc?": the deputies are asked; the director only says what is beyond
    from bot.engine import questions
    text, left = questions.exclusions("Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn ngoài giám đốc ra còn có mấy phó giám đốc?")
    assert left == () and "giám đốc ra" not in text
    a = engine.answer("Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn ngoài giám đốc ra còn có mấy phó giám đốc?")
    assert a.answered and "1 phó giám đốc" in a.fact.answer
    # opening the question, "Ngoài X, … còn …" still leaves X out of what is asked
    assert questions.exclusions("Ngoài thạc sĩ, Hải Dương còn đào tạo trình độ nào?")[1] == ("thac si",)


def test_who_is_holding_a_post_asks_who_holds_it(engine):
    # "ai đang giữ chức phó giám đốc sở?" is "ai là phó giám đốc sở?"; counting those who hold posts is left as typed
    read = lambda text: engine.index.reader.analyse(text).tokens  # noqa: E731
    assert read("ai đang giữ chức phó giám đốc sở") == read("ai là phó giám đốc sở")
    assert read("ai đang giữ chức vụ phó giám đốc sở") == read("ai là phó giám đốc sở")
    assert {"giu", "chuc"} <= set(read("bao nhiêu người giữ chức lãnh đạo"))


def test_a_clause_setting_the_scene_gives_way_to_what_follows_it(engine):
    # "Sau khi …, X có bao nhiêu …?": the opening clause says when, not what; the rest decides when it finds the
    # fact the whole question came closest to
    assert questions.scene_set("Sau khi rà soát lại toàn bộ hồ sơ, Đông Triều có bao nhiêu trí thức?") == (
        "Sau khi rà soát lại toàn bộ hồ sơ", "Đông Triều có bao nhiêu trí thức?")
    assert questions.scene_set("Khi nào Đông Triều, Hoành Bồ công bố số liệu?") is None  # the clause asks
    assert questions.scene_set("Đông Triều, Hoành Bồ có bao nhiêu trí thức?") is None  # no scene word opens it
    a = engine.answer("Sau khi rà soát lại toàn bộ hồ sơ, Đông Triều có bao nhiêu trí thức?")
    assert a.answered and "17.412" in a.fact.answer and a.why.rule == Rule.SCENE_SET, a.why
    assert a.why.values["scene"] == "Sau khi rà soát lại toàn bộ hồ sơ" and a.why.values["decided_by"] == "strong"
    # a clause naming what the fact does not say is part of what is asked: a year, a contrast term
    for asked in ("Trong đợt rà soát năm 2015, Đông Triều có bao nhiêu trí thức?",
                  "Trong đợt tuyển dụng vừa qua, Đông Triều có bao nhiêu trí thức?"):
        assert not engine.answer(asked).answered, asked


def test_a_count_of_those_who_are_a_group_needs_a_fact_saying_that_group(engine):
    # "bao nhiêu đoàn viên là đảng viên?": the party members among the union members, not how many members there are
    assert questions.counted_as("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên là đảng viên?") == \
        ("doan vien", "dang vien")
    assert questions.counted_as("Sở có bao nhiêu người, là bao nhiêu phần trăm?") == ("", "")
    assert not engine.answer("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên là đảng viên?").answered
    assert engine.answer("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên?").answered


_EXAMINED = _article(
    27, "Cao Bằng",
    "Năm 2024, 63 công chức đang công tác tại ba sở của tỉnh Cao Bằng tham gia sát hạch. "
    "Trong 63 công chức tham gia sát hạch có chín người là trưởng, phó phòng và 54 chuyên viên.",
    _fact("test-27-sat-hach", "Cao Bằng", "Năm 2024, 63 công chức đang công tác tại ba sở của tỉnh Cao Bằng tham "
          "gia sát hạch.", ["Cao Bằng có bao nhiêu công chức tham gia sát hạch?", "Số công chức Cao Bằng đi sát hạch"]),
    _fact("test-27-chuyen-vien", "Cao Bằng", "Năm 2024, trong 63 công chức tham gia sát hạch có chín người là trưởng, "
          "phó phòng và 54 chuyên viên.", ["Cao Bằng có bao nhiêu chuyên viên tham gia sát hạch?",
                                          "Số chuyên viên Cao Bằng đi sát hạch"],
          quote="Trong 63 công chức tham gia sát hạch có chín người là trưởng, phó phòng và 54 chuyên viên.",
          measure="chuyên viên"))


def test_counts_up_to_ten_may_be_written_in_words_and_beside_a_larger_figure_say_where(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _EXAMINED)
    # "3 sở" of an article writing "ba sở"
    a = engine.answer("Cao Bằng có bao nhiêu công chức ở 3 sở đi sát hạch?")
    assert a.answered and a.fact.id == "test-27-sat-hach", a.why
    # "63 công chức ở 3 sở …, trong đó bao nhiêu chuyên viên": the 3 says where; the 63 is the whole stated
    b = engine.answer("Cao Bằng cho 63 công chức ở 3 sở đi sát hạch, trong đó bao nhiêu chuyên viên?")
    assert b.answered and b.fact.id == "test-27-chuyen-vien", b.why
    # "… bao nhiêu công chức ở 3 sở …, trong đó bao nhiêu chuyên viên": the whole is asked, the 3 is none
    c = engine.answer("Cao Bằng có bao nhiêu công chức ở 3 sở đi sát hạch, trong đó bao nhiêu chuyên viên?")
    assert c.answered and "54 chuyên viên" in " ".join(p.fact.answer for p in (c.parts or (c,)) if p.answered), c.why
    # a day and a month of a date are figures still ("Ngày 03/8/2017 …" is no "3 sở")
    from bot.engine.matcher import _small
    assert _small("3", "so") and not _small("3", "8") and not _small("3", "thang") and not _small("63", "cong")


_IN_EXCESS = _article(
    28, "Cao Bằng",
    "Năm 2024, Bộ Nội vụ thông tin Cao Bằng dư 300 giáo viên.",
    _fact("test-28-du", "Cao Bằng", "Năm 2024, Bộ Nội vụ thông tin Cao Bằng dư 300 giáo viên.",
          ["Cao Bằng dư bao nhiêu giáo viên?", "Năm 2024 Cao Bằng dư bao nhiêu giáo viên?"]))


def test_a_figure_only_of_a_change_or_an_excess_answers_only_a_question_saying_a_change(config, knowledge_copy):
    # "dư 300 giáo viên" (read "vượt", a word of change) is no count of teachers recruited, nor of those there are
    engine = _engine_with(config, knowledge_copy, _IN_EXCESS)
    assert engine._gives_only_changes(engine.kb.fact("test-28-du"))
    for asked in ("Năm 2024 Cao Bằng tuyển mới bao nhiêu giáo viên?", "Cao Bằng có bao nhiêu giáo viên?"):
        assert not engine.answer(asked).answered, asked
    for asked in ("Cao Bằng dư bao nhiêu giáo viên?", "Cao Bằng thừa bao nhiêu giáo viên vậy?"):
        assert engine.answer(asked).fact.id == "test-28-du", asked
    # a later part of a message asks the change the part before names
    a = engine.answer("Cao Bằng dư bao nhiêu giáo viên và bao nhiêu giáo viên năm 2024?")
    assert all(p.fact.id == "test-28-du" for p in (a.parts or (a,)) if p.answered) and a.answered


def test_a_question_of_what_there_is_is_one_though_it_names_staff_whose_word_a_change_holds(engine):
    # "cán bộ" holds "bộ", the first word of "bổ sung" (a change): the question still asks what there is, and the
    # Sở's "tăng cường 1 cán bộ lãnh đạo" (a change only) is no choice for it
    asked = "Cho mình hỏi có bao nhiêu cán bộ được bổ nhiệm vậy?"
    assert engine._asked(asked, engine.analyse(asked)).having
    assert engine._gives_only_changes(engine.kb.fact("ls-tang-cuong-lanh-dao"))
    offered = {s.fact_id for s in engine.answer(asked).suggestions}
    assert "dt-bo-nhiem" in offered and "ls-tang-cuong-lanh-dao" not in offered
    said = "Sở bổ sung bao nhiêu cán bộ?"
    assert not engine._asked(said, engine.analyse(said)).having  # (a change named asks no stock)


def test_a_question_of_what_there_is_of_a_place_is_not_answered_by_those_taken_in(engine):
    # "đã tiếp nhận 1 tiến sỹ" counts those taken in, not the Sở's PhDs: offered, never the answer
    a = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu tiến sĩ?")
    assert not a.answered and "ls-tiep-nhan-tien-si" in {e.fact_id for e in a.examples}
    assert engine.answer("Đông Triều có bao nhiêu thạc sĩ?").fact is None
    # ...nor with its "có" left out: nothing but the unit before "bao nhiêu" asks what it has
    assert not engine.answer("Sở KH&CN Lạng Sơn bao nhiêu người học tiến sĩ?").answered
    assert not engine.answer("Lạng Sơn bn tiến sĩ").answered
    # the intake asked (its words in a row), or no place named (the user then picks among phrasings): answered
    assert engine.answer("Sở KH&CN Lạng Sơn tiếp nhận bao nhiêu tiến sĩ?").fact.id == "ls-tiep-nhan-tien-si"
    assert engine.answer("Đông Triều thu hút được bao nhiêu thạc sĩ?").fact.id == "dt-thu-hut-thac-si"
    assert "dt-thu-hut-thac-si" in {s.fact_id for s in engine.answer("có bao nhiêu thạc sĩ?").suggestions}


_LACKING = _article(
    31, "Nam Định",
    "Năm 2024, thanh tra phát hiện ở Nam Định có 5 công chức chưa có bằng đại học.",
    _fact("test-31-thieu-bang", "Nam Định", "Năm 2024, thanh tra phát hiện ở Nam Định có 5 công chức chưa có bằng "
          "đại học.", ["Nam Định có bao nhiêu công chức chưa có bằng đại học?",
                      "Thanh tra phát hiện ở Nam Định bao nhiêu công chức chưa có bằng đại học?"]))


def test_those_lacking_a_qualification_are_not_those_having_it_nor_the_other_way_round(config, knowledge_copy):
    # "có bằng đại học" and "chưa có bằng đại học" differ by a word no score weighs: told apart as read
    engine = _engine_with(config, knowledge_copy, _LACKING)
    assert engine.answer("Nam Định có bao nhiêu người có trình độ đại học?").fact is None
    assert engine.answer("Nam Định có bao nhiêu công chức thiếu bằng đại học?").fact.id == "test-31-thieu-bang"
    # (bundled: "47 người có trình độ đại học", "11 … đào tạo trình độ thạc sĩ" say no one lacks anything)
    for q in ("Sở KH&CN Lạng Sơn có bao nhiêu người không có bằng đại học?",
              "Sở KH&CN Hải Dương có bao nhiêu người chưa có bằng thạc sĩ?"):
        assert not engine.answer(q).answered
    assert engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người có bằng đại học?").fact.id == "ls-dai-hoc"


def test_a_count_of_those_who_did_not_is_not_answered_by_those_who_did(engine):
    # "không"/"chưa" weigh nothing in a score: the count asked after "bao nhiêu" holding one is of those who did not
    for q in ("Sở KH&CN Hải Dương có bao nhiêu người không đi học tiến sĩ?",
              "Sở KH&CN Hải Dương có bao nhiêu người chưa qua bồi dưỡng ngoại ngữ?",
              # ("tiếng dân tộc thiểu số" in Bắc Kạn's 99,9%: "thiểu" folds as the "thiếu" of lack, read apart)
              "Bắc Kạn có bao nhiêu phần trăm cán bộ không đạt chuẩn?"):
        assert not engine.answer(q).answered, q
    # a "không" before the count, or ending the question, negates nothing
    for q in ("không biết Sở KH&CN Hải Dương có bao nhiêu người đi học tiến sĩ?",
              "Sở KH&CN Hải Dương có bao nhiêu người học tiến sĩ không?"):
        assert engine.answer(q).fact.id == "hd-tien-si", q
    assert engine.answer("Bắc Kạn có bao nhiêu phần trăm cán bộ đạt chuẩn ngoại ngữ hoặc tiếng dân tộc thiểu số?"
                         ).fact.id == "bk-ngoai-ngu"


def test_a_kind_of_post_named_with_khong_is_no_lack(engine):
    # "cán bộ không chuyên trách" is a kind of post: Hoành Bồ's 38 classes for them say no one did not study
    assert not engine.answer("Hoành Bồ có bao nhiêu cán bộ không đi học lý luận chính trị?").answered
    assert engine.answer("Hoành Bồ mở bao nhiêu lớp cho cán bộ không chuyên trách?").fact.id == "hb-lop-dao-tao"


def test_those_outside_the_quota_are_not_a_unit_s_whole(engine):
    # "ngoài biên chế": on contract, outside the quota — not the Sở's 71, nor "ngoài" as "besides"
    assert not engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người ngoài biên chế?").answered
    assert engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người?").fact.id == "ls-tong-so-can-bo"


def test_a_count_leaving_some_out_is_not_answered_by_a_whole_that_counts_them_too(engine):
    # "không tính", "trừ", "không phải (là)": what is left out ("Sở … có 71 cán bộ, …" counts its leaders too)
    for q in ("Sở KH&CN Lạng Sơn có bao nhiêu người trừ lãnh đạo?",
              "Sở KH&CN Lạng Sơn có bao nhiêu người, không tính phó giám đốc?",
              "Sở KH&CN Hải Dương có bao nhiêu đoàn viên không phải là công chức?"):
        assert not engine.answer(q).answered, q
    # ...unless the whole says them apart from the rest ("có giám đốc, 1 phó giám đốc và 18 viên chức")
    assert engine.answer("Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn có bao nhiêu người, không tính lãnh đạo?"
                         ).fact.id == "ls-trung-tam-nhan-su"


def test_a_formal_request_and_where_the_figure_was_read_are_set_aside(engine):
    # ("Kính nhờ …", "… theo bài đăng trên Báo …": the request and the source, not what is asked)
    q = "Kính nhờ cho biết Sở KH&CN Lạng Sơn có bao nhiêu người làm việc theo bài đăng trên Báo Lạng Sơn."
    assert {"kinh", "dang"}.isdisjoint(engine.analyse(q).tokens)
    assert engine.answer(q).fact.id == "ls-tong-so-can-bo"


def test_a_clause_set_aside_after_a_comma_does_not_narrow_the_count_the_fact_gives(engine):
    # "…, công chức là nữ" asks nothing by itself but counts women only: the Sở's 71 is not them
    a = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu cán bộ, công chức là nữ?")
    assert not a.answered
    assert engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu cán bộ, công chức?").fact.id == "ls-tong-so-can-bo"
    # (nor a word of lack the fact does not say)
    assert not engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu cán bộ, công chức chưa qua đào tạo?").answered


def test_a_figure_framed_as_asked_is_no_answer_when_the_count_is_narrowed_past_it(engine):
    # "có … cán bộ" frames the 71, but "trình độ cao đẳng" after it counts some of them, a level it never names
    assert not engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu cán bộ, công chức trình độ cao đẳng?").answered
    assert not engine.answer("Sở KH&CN Lạng Sơn có mấy cán bộ, công chức trình độ trung cấp?").answered


def test_a_case_counted_as_ca_is_a_case(engine):
    # "bao nhiêu ca", "mấy ca": cases, as the articles' "trường hợp" (not a shift of work)
    assert engine.answer("Đông Triều nâng lương trước hạn cho mấy ca?").fact.id == "dt-nang-luong-truoc-han"
    assert engine.answer("Đông Triều nâng lương trước hạn được bao nhiêu ca?").fact.id == "dt-nang-luong-truoc-han"


def test_slots_of_civil_servants_are_posts_of_the_quota(engine):
    # "suất" alone is a classifier, dropped; "suất viên chức" is "biên chế viên chức", typed with accents or not
    for typed in ("rút bao nhiêu suất viên chức", "rut bao nhieu suat vien chuc"):
        assert engine.analyse(typed).tokens[-4:] == ("bien", "che", "vien", "chuc"), typed


_WORDED_ALIKE = _article(
    30, "Lạng Sơn",
    "Năm 2024, Lạng Sơn giảm 7% biên chế khối hành chính. Đến năm 2026, Lạng Sơn giảm 12% biên chế.",
    _fact("test-30-hanh-chinh", "Lạng Sơn", "Năm 2024, Lạng Sơn giảm 7% biên chế khối hành chính.",
          ["Lạng Sơn giảm bao nhiêu phần trăm biên chế?", "Lạng Sơn giảm bao nhiêu phần trăm biên chế hành chính?"]),
    _fact("test-30-2026", "Lạng Sơn", "Đến năm 2026, Lạng Sơn giảm 12% biên chế.",
          ["Lạng Sơn giảm bao nhiêu phần trăm biên chế?", "Đến năm 2026 Lạng Sơn giảm bao nhiêu phần trăm biên chế?"],
          time="năm 2026"))


def test_two_facts_worded_alike_are_offered_by_words_that_tell_them_apart(config, knowledge_copy):
    # (a choice of one wording is no choice: it was a decline saying nothing is known, offering the question itself)
    engine = _engine_with(config, knowledge_copy, _WORDED_ALIKE)
    a = engine.answer("Lạng Sơn giảm bao nhiêu phần trăm biên chế?")
    assert a.outcome == CLARIFY and {s.fact_id for s in a.suggestions} == {"test-30-hanh-chinh", "test-30-2026"}
    assert len({s.question for s in a.suggestions}) == 2


_RELATIVES = _article(
    29, "Cao Bằng",
    "Năm 2024, Cao Bằng tiếp nhận 36 người thân quen vào làm việc. Năm 2024, trong số đó có 9 trường hợp là họ hàng.",
    _fact("test-29-than-quen", "Cao Bằng", "Năm 2024, Cao Bằng tiếp nhận 36 người thân quen vào làm việc.",
          ["Năm 2024 Cao Bằng có bao nhiêu người được tiếp nhận vào làm việc tại các cơ quan của tỉnh?",
           "Cao Bằng tiếp nhận bao nhiêu người thân quen vào làm việc?"]),
    _fact("test-29-ho-hang", "Cao Bằng", "Năm 2024, trong số đó có 9 trường hợp là họ hàng.",
          ["Cao Bằng có bao nhiêu người là họ hàng được tiếp nhận vào làm?",
           "Cao Bằng có bao nhiêu trường hợp là họ hàng?"]))


def test_who_the_counted_are_as_the_question_says_it_is_never_left_to_a_fact_that_does_not_say_it(config,
                                                                                                 knowledge_copy):
    # "bao nhiêu người họ hàng …": the 36 acquaintances' fact holds every other word (strong), never "họ hàng"; the
    # 9 relatives' fact, near it, says it: which one is asked, never the 36 given as the relatives
    engine = _engine_with(config, knowledge_copy, _RELATIVES)
    kin = engine.answer("Năm 2024 Cao Bằng có bao nhiêu người họ hàng được tiếp nhận vào làm việc tại các cơ quan "
                        "của tỉnh?")
    assert kin.outcome == CLARIFY and {"test-29-than-quen", "test-29-ho-hang"} <= {s.fact_id for s in kin.suggestions}
    acquaintances = engine.answer("Năm 2024 Cao Bằng có bao nhiêu người thân quen được tiếp nhận vào làm việc tại các "
                                  "cơ quan của tỉnh?")
    assert acquaintances.answered and acquaintances.fact.id == "test-29-than-quen"


_INTAKE = _article(
    30, "Cao Bằng",
    "Năm 2024, Sở Ngoại vụ Cao Bằng có 40 cán bộ. Năm 2024, Sở Ngoại vụ Cao Bằng tiếp nhận 2 thạc sĩ vào Phòng "
    "Lãnh sự.",
    _fact("test-30-tong", "Sở Ngoại vụ Cao Bằng", "Năm 2024, Sở Ngoại vụ Cao Bằng có 40 cán bộ.",
          ["Sở Ngoại vụ Cao Bằng có bao nhiêu cán bộ?", "Số cán bộ của Sở Ngoại vụ Cao Bằng"], tags=["tổng số"]),
    _fact("test-30-thac-si", "Sở Ngoại vụ Cao Bằng",
          "Năm 2024, Sở Ngoại vụ Cao Bằng tiếp nhận 2 thạc sĩ vào Phòng Lãnh sự.",
          ["Sở Ngoại vụ Cao Bằng tiếp nhận mấy thạc sĩ?", "Sở Ngoại vụ Cao Bằng nhận thêm bao nhiêu thạc sĩ?",
           "Số thạc sĩ Sở Ngoại vụ Cao Bằng tiếp nhận", "Phòng Lãnh sự Sở Ngoại vụ Cao Bằng nhận thêm ai?"]))


def test_the_name_of_the_unit_an_article_is_about_is_no_key_term_of_its_facts(config, knowledge_copy):
    # "ngoại vụ" is rare (a key by how few facts say it), but it names whose the figures are: the headcount of the
    # Phòng Lãnh sự is not the 2 masters it took in, however the question names the Sở
    engine = _engine_with(config, knowledge_copy, _INTAKE)
    assert not {"ngoai_vu", "so_ngoai"} & engine.index.scope.keys[engine.index.position["test-30-thac-si"]]
    room = engine.answer("Phòng Lãnh sự Sở Ngoại vụ Cao Bằng có bao nhiêu người?")
    assert not (room.answered and room.fact.id == "test-30-thac-si"), room.why
    assert engine.answer("Sở Ngoại vụ Cao Bằng nhận thêm mấy thạc sĩ?").fact.id == "test-30-thac-si"


def test_a_national_body_s_figure_for_the_country_is_found_in_an_article_about_the_country(config, knowledge_copy):
    # "Bộ Nội vụ đặt mục tiêu giảm bao nhiêu công chức?": the ministry's own article does not say; the article about
    # the whole country naming the ministry does ("Bộ này đặt mục tiêu giảm 5.510 công chức")
    (knowledge_copy / "articles" / "test-ministry.yaml").write_text(_article(
        25, "Bộ Nội vụ", "Năm 2024, Bộ Nội vụ có 600 công chức.",
        _fact("test-25-bnv", "Bộ Nội vụ", "Năm 2024, Bộ Nội vụ có 600 công chức.",
              ["Bộ Nội vụ có bao nhiêu công chức?", "Số công chức của Bộ Nội vụ"])), encoding="utf-8")
    engine = _engine_with(config, knowledge_copy, _article(
        26, "Cả nước", "Năm 2024, Bộ Nội vụ công bố kế hoạch. Bộ này đặt mục tiêu giảm 5.510 công chức trên cả nước.",
        _fact("test-26-muc-tieu", "Cả nước", "Năm 2024, bộ này đặt mục tiêu giảm 5.510 công chức trên cả nước.",
              ["Cả nước đặt mục tiêu giảm bao nhiêu công chức?", "Mục tiêu giảm công chức trên cả nước"],
              quote="Bộ này đặt mục tiêu giảm 5.510 công chức trên cả nước.")))
    a = engine.answer("Bộ Nội vụ đặt mục tiêu giảm bao nhiêu công chức?")
    assert a.answered and a.fact.id == "test-26-muc-tieu" and a.why.values["country_for"] == "Bộ Nội vụ", a.why
    assert engine.answer("Bộ Nội vụ có bao nhiêu công chức?").fact.id == "test-25-bnv"  # its own figure first
    # the country named beside the body asks the same
    assert engine.answer("Bộ Nội vụ đặt mục tiêu cả nước giảm bao nhiêu công chức?").fact.id == "test-26-muc-tieu"
    # a body the country's article does not name finds nothing there
    assert not engine.answer("Bộ Y tế đặt mục tiêu giảm bao nhiêu công chức?").answered


def test_two_facts_quoting_one_sentence_answer_a_message_once(config, knowledge_copy):
    # "… giảm bn cc vs bn vc": each part answered by a fact of its own figure, both giving one sentence: said once
    sentence = "Năm 2024, Cao Bằng giảm 55 công chức và 390 viên chức."
    engine = _engine_with(config, knowledge_copy, _article(
        24, "Cao Bằng", sentence,
        _fact("test-24-cc", "Cao Bằng", sentence, ["Cao Bằng giảm bao nhiêu công chức?", "Số công chức Cao Bằng giảm"],
              measure="công chức"),
        _fact("test-24-vc", "Cao Bằng", sentence, ["Cao Bằng giảm bao nhiêu viên chức?", "Số viên chức Cao Bằng giảm"],
              measure="viên chức")))
    a = engine.answer("Cao Bằng giảm bao nhiêu công chức, bao nhiêu viên chức?")
    answers = [p.fact.answer for p in (a.parts or (a,)) if p.answered]
    assert answers == [sentence], [p.fact.id for p in a.parts]


def test_asking_who_the_leaders_of_a_unit_are_asks_for_its_head(engine):
    # "lãnh đạo sở … là ai?": the director (the head, whose title the knowledge reads as "đứng đầu") is a choice
    a = engine.answer("cho hỏi lãnh đạo Sở Khoa học và Công nghệ là ai?")
    assert a.outcome == CLARIFY and "hd-giam-doc-so" in [s.fact_id for s in a.suggestions], a.why
    assert "hd-giam-doc-so" in [s.fact_id for s in engine.answer("lãnh đạo Sở KH&CN Hải Dương là ai?").suggestions]
    # a count of leaders is no question of who
    counted = "Sở có bao nhiêu lãnh đạo?"
    assert "dungdau" not in engine._asked(counted, engine.analyse(counted)).terms


def test_which_of_the_places_named_has_a_figure_is_the_one_whose_fact_gives_it(engine):
    a = engine.answer("Hoành Bồ hay Đông Triều dự kiến mở 38 lớp đào tạo?")
    assert a.answered and a.fact.place == "Hoành Bồ" and a.lead == f"Là {a.fact.unit}." and a.why.rule == Rule.WHICH_HAS
    a = engine.answer("huyện nào dự kiến mở 38 lớp đào tạo, bồi dưỡng?")
    assert a.answered and a.fact.place == "Hoành Bồ" and a.why.rule == Rule.WHICH_HAS
    # one the check does not settle is asked as typed: two places give "hơn/trên 3.000"
    assert engine.answer("có nơi bồi dưỡng, tập huấn cho trên 3.000 người, là chỗ nào?").outcome == CLARIFY
    # a figure no fact gives is never "Là …"
    assert not engine.answer("Hoành Bồ hay Đông Triều mở 45 lớp đào tạo?").lead.startswith("Là")
    assert questions.which_has("Hoành Bồ giảm 10% hay 12% biên chế?") == ""  # figures to choose from
    assert questions.which_has("Hoành Bồ hay Đông Triều mở bao nhiêu lớp?") == ""  # a count asked
    assert questions.which_has("bên nào mở nhiều lớp hơn?") == ""  # no figure stated


def test_a_figure_given_exactly_and_rounded_in_two_passages_is_one_answer_the_exact_one(config, knowledge_copy):
    exact = "Năm 2024, Cao Bằng nhận 1.234 hồ sơ dự tuyển công chức cho 50 chỉ tiêu."
    rounded = "Năm 2024, Cao Bằng có hơn 1.200 hồ sơ dự tuyển công chức cho 50 chỉ tiêu, Sở Y tế nhận 300 hồ sơ."
    engine = _engine_with(config, knowledge_copy, _article(
        26, "Cao Bằng", f"{rounded} {exact}",
        _fact("test-26-exact", "Cao Bằng", exact, ["Cao Bằng có bao nhiêu hồ sơ dự tuyển công chức?",
                                                    "Số hồ sơ dự tuyển công chức Cao Bằng nhận"]),
        _fact("test-26-rounded", "Cao Bằng", rounded, ["Cao Bằng có bao nhiêu hồ sơ dự tuyển công chức?",
                                                        "Số hồ sơ dự tuyển công chức ở Cao Bằng"])))
    for asked in ("Cao Bằng có bao nhiêu hồ sơ dự tuyển công chức năm 2024?",  # (the two facts alike)
                  "kỳ dự tuyển công chức năm 2024 Cao Bằng nhận bao nhiêu hồ sơ?"):
        a = engine.answer(asked)
        assert a.answered and a.fact.id == "test-26-exact", asked
    # what the figure counts unnamed, the two stay a choice
    assert engine.answer("điểm chuẩn kỳ dự tuyển công chức Cao Bằng năm 2024 là bao nhiêu?").outcome != ANSWER


def test_a_claim_checked_against_one_passage_drafted_as_two_facts_gets_one_verdict(config, knowledge_copy):
    merged = "Năm 2024, Cao Bằng thí điểm sáp nhập 9 trường nội trú thành còn 5 trường nội trú."
    other = "Năm 2024, Trường nội trú số 2 Cao Bằng vừa thí điểm sáp nhập có 300 học sinh."
    engine = _engine_with(config, knowledge_copy, _article(
        27, "Cao Bằng", f"{merged} {other}",
        _fact("test-27-before", "Cao Bằng", merged, ["Cao Bằng sáp nhập bao nhiêu trường nội trú?",
                                                      "Số trường nội trú Cao Bằng thí điểm sáp nhập"]),
        _fact("test-27-after", "Cao Bằng", merged, ["Cao Bằng còn bao nhiêu trường nội trú sau sáp nhập?",
                                                     "Sau thí điểm, Cao Bằng còn mấy trường nội trú?"]),
        _fact("test-27-school", "Cao Bằng", other, ["Trường nội trú số bao nhiêu Cao Bằng vừa thí điểm sáp nhập?",
                                                     "Số học sinh Trường nội trú số 2 Cao Bằng vừa sáp nhập"])))
    a = engine.answer("Cao Bằng thí điểm gộp 9 trường nội trú lại còn 6 trường nội trú hả?")
    assert a.answered and a.fact.id.startswith("test-27-") and a.fact.id != "test-27-school"
    assert a.lead.startswith("Chưa đúng") and "5" in a.lead


def test_a_question_asking_the_level_reached_is_not_answered_by_the_change(config, knowledge_copy):
    level = "Năm 2024, Cao Bằng sẽ tăng số thanh tra viên của tỉnh lên 30 người."
    change = "Năm 2024, số thanh tra viên của Cao Bằng sẽ tăng 10 người so với năm trước."
    engine = _engine_with(config, knowledge_copy, _article(
        28, "Cao Bằng", f"{level} {change}",
        _fact("test-28-level", "Cao Bằng", level, ["Cao Bằng tăng số thanh tra viên lên bao nhiêu người?",
                                                    "Số thanh tra viên Cao Bằng sẽ lên bao nhiêu người?"]),
        _fact("test-28-change", "Cao Bằng", change, ["Cao Bằng sẽ tăng bao nhiêu thanh tra viên?",
                                                      "Số thanh tra viên của Cao Bằng tăng bao nhiêu người?"])))
    a = engine.answer("thanh tra viên cao bằng năm 2024 sẽ tăng lên bn người vậy")
    assert a.answered and a.fact.id == "test-28-level" and a.why.values["fact"] == "test-28-level"
    a = engine.answer("thanh tra viên cao bằng năm 2024 tăng bao nhiêu người so với năm trước?")
    assert a.answered and a.fact.id == "test-28-change"  # compared with a year: the change
    assert not questions.asks_a_level(fold("tỷ lệ từ đại học trở lên bao nhiêu"))  # "and above"


_DISCIPLINED = _article(
    30, "Lạng Sơn",
    "Năm 2024, kiểm tra 20 cơ quan có 30 công chức vắng mặt. Sở Y tế Lạng Sơn kỷ luật 4 công chức vắng mặt.",
    _fact("test-30-vang", "Lạng Sơn", "Năm 2024, kiểm tra 20 cơ quan có 30 công chức vắng mặt.",
          ["Lạng Sơn có bao nhiêu công chức vắng mặt?", "Số công chức vắng mặt ở Lạng Sơn"]))


def test_an_act_done_to_staff_is_answered_only_by_a_fact_saying_it(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _DISCIPLINED)
    # how many were disciplined is not how many were absent, however close the rest of the question
    assert not engine.answer("Lạng Sơn đã kỷ luật bao nhiêu công chức vắng mặt?").answered
    assert engine.answer("Lạng Sơn có bao nhiêu công chức vắng mặt?").fact.id == "test-30-vang"
    asked = engine.index.scope.question(engine.analyse("Lạng Sơn đã kỷ luật bao nhiêu công chức?").tokens)
    assert asked.acts == (("ky", "luat"),)


_REQUESTED = _one_fact("test-30-de-xuat", "Lạng Sơn", "Lạng Sơn",
                       "Năm 2024, Lạng Sơn đề xuất bổ sung 900 biên chế giáo viên.",
                       ["Lạng Sơn đề xuất bổ sung bao nhiêu biên chế giáo viên?",
                        "Lạng Sơn xin thêm bao nhiêu biên chế giáo viên?"])


def test_a_request_is_not_what_was_granted(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _REQUESTED)
    assert engine.answer("Lạng Sơn đề xuất bổ sung bao nhiêu biên chế giáo viên?").fact.id == "test-30-de-xuat"
    for granted in ("Bộ Nội vụ đã đồng ý bổ sung cho Lạng Sơn bao nhiêu biên chế giáo viên?",
                    "trung ương chấp thuận bổ sung cho lạng sơn mấy biên chế giáo viên",
                    "Bộ Nội vụ đã duyệt cho Lạng Sơn thêm bao nhiêu biên chế giáo viên?"):
        assert not engine.answer(granted).answered, granted
    # ...nor is the figure requested, claimed as granted, confirmed
    claimed = engine.answer("Bộ Nội vụ đã đồng ý bổ sung cho Lạng Sơn 900 biên chế giáo viên phải không?")
    assert claimed.fact.id == "test-30-de-xuat" and claimed.lead == verdict.ACT_NOT_SAID.format(act="đồng ý")
    assert engine.answer("Lạng Sơn đề xuất bổ sung 900 biên chế giáo viên phải không?").lead == verdict.RIGHT


_PARTS = _article(
    29, "Lạng Sơn",
    "Năm 2024, cả 5 phòng của Sở Y tế Lạng Sơn đều có nhiều lãnh đạo, như Phòng Kế hoạch Tài chính có 7 lãnh đạo.",
    _fact("test-29-phong", "Sở Y tế Lạng Sơn",
          "Năm 2024, cả 5 phòng của Sở Y tế Lạng Sơn đều có nhiều lãnh đạo, như Phòng Kế hoạch Tài chính có 7 "
          "lãnh đạo.",
          ["Phòng Kế hoạch Tài chính Sở Y tế Lạng Sơn có bao nhiêu lãnh đạo?",
           "Sở Y tế Lạng Sơn có bao nhiêu phòng có nhiều lãnh đạo?"]))


def test_a_part_named_by_its_name_is_not_answered_by_a_fact_about_other_parts(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _PARTS)
    other = engine.answer("Phòng Thanh tra của Sở Y tế Lạng Sơn có bao nhiêu lãnh đạo?")
    assert not other.answered
    named = engine.answer("Phòng Kế hoạch Tài chính của Sở Y tế Lạng Sơn có mấy lãnh đạo?")
    assert named.answered and named.fact.id == "test-29-phong"


_REPORTED_BY = _article(
    27, "Lạng Sơn",
    "Năm 2024, báo cáo của 19 sở và 45 xã cho hay 1.700 công chức không hoàn thành nhiệm vụ. "
    "Theo đó, số công chức năm 2024 là 2.846 người.",
    _fact("test-27-bao-cao", "Lạng Sơn", "Năm 2024, báo cáo của 19 sở và 45 xã cho hay 1.700 công chức không hoàn "
          "thành nhiệm vụ.", ["Lạng Sơn có bao nhiêu sở báo cáo?", "Báo cáo của bao nhiêu xã Lạng Sơn?"]),
    _fact("test-27-cong-chuc", "Lạng Sơn", "Năm 2024, số công chức năm 2024 là 2.846 người.",
          ["Lạng Sơn có bao nhiêu công chức?", "Số công chức năm 2024 của Lạng Sơn là bao nhiêu người?"],
          quote="Theo đó, số công chức năm 2024 là 2.846 người."))


def test_figures_stating_the_scene_do_not_pick_the_fact_that_gives_them(config, knowledge_copy):
    # the clause before the last comma says whose report it is (19 sở, 45 xã): what is asked follows it
    engine = _engine_with(config, knowledge_copy, _REPORTED_BY)
    a = engine.answer("Theo báo cáo của 19 sở, ngành và 45 xã ở Lạng Sơn, số công chức năm 2024 là bao nhiêu người?")
    assert a.answered and a.fact.id == "test-27-cong-chuc"


_TWO_TESTS = _article(
    9, "Bình Thuận",
    "Năm 2024, 63 công chức của ba sở tham gia kỳ sát hạch. Năm 2024, thành phố đã sát hạch 118 cán bộ, công chức "
    "của hai lĩnh vực, trong đó có 46 người là lãnh đạo phòng.",
    _fact("test-9-63", "Bình Thuận", "Năm 2024, 63 công chức của ba sở tham gia kỳ sát hạch.",
          ["Bình Thuận có bao nhiêu công chức tham gia kỳ sát hạch?",
           "Bình Thuận sát hạch bao nhiêu công chức của ba sở?"]),
    _fact("test-9-118", "Bình Thuận", "Năm 2024, thành phố đã sát hạch 118 cán bộ, công chức của hai lĩnh vực, trong "
          "đó có 46 người là lãnh đạo phòng.", ["Bình Thuận sát hạch bao nhiêu cán bộ của hai lĩnh vực?",
                                                "Bình Thuận sát hạch bao nhiêu người là lãnh đạo phòng?"]))


def test_a_count_asked_within_a_whole_is_never_one_within_another_whole(config, knowledge_copy):
    """"Trong 63 công chức …, bao nhiêu người là lãnh đạo phòng?": the 46 of the 118 others are no part of it."""
    engine = _engine_with(config, knowledge_copy, _TWO_TESTS)
    within = engine.answer("Trong 63 công chức Bình Thuận đi sát hạch có bao nhiêu người là lãnh đạo phòng?")
    assert within.outcome == DECLINE and within.why.values["within"] == "63"
    plain = engine.answer("Bình Thuận đi sát hạch có bao nhiêu người là lãnh đạo phòng?")
    assert plain.answered and plain.fact.id == "test-9-118"
    # a part of the unit's staff, with the whole not restated by the fact: still its answer
    part = engine.answer("trong 71 người của Sở KH&CN Lạng Sơn thì có bao nhiêu người trình độ đại học?")
    assert part.answered and part.fact.id == "ls-dai-hoc" and "71" not in part.fact.answer
    years = engine.answer("Trong 5 năm qua Bình Thuận sát hạch bao nhiêu cán bộ của hai lĩnh vực?")  # a time: no whole
    assert years.answered and years.fact.id == "test-9-118"


def test_a_unit_s_total_is_not_that_of_a_body_within_it(engine):
    """The Công đoàn of a Sở counts its members: not the Sở's staff, which a question naming the Sở alone asks."""
    i = engine.index.position["hd-doan-vien-to-cong-doan"]

    def fits(question: str) -> bool:
        return engine.index.scope.fits(engine._asked(question, engine.analyse(question)), i)
    assert not fits("Tổng số người làm việc tại Sở KH&CN Hải Dương là bao nhiêu?")
    assert fits("Sở KH&CN Hải Dương có bao nhiêu đoàn viên?")  # what the Công đoàn counts
    assert fits("Tổng số đoàn viên công đoàn Sở KH&CN Hải Dương là bao nhiêu?")


_RAISED = _article(
    10, "Lạng Sơn",
    "Năm 2024, Lạng Sơn nâng số thanh tra viên lên 45 người, tăng 16 người so với hiện tại.",
    _fact("test-10-len", "tỉnh Lạng Sơn",
          "Năm 2024, Lạng Sơn nâng số thanh tra viên lên 45 người, tăng 16 người so với hiện tại.",
          ["Lạng Sơn nâng số thanh tra viên lên bao nhiêu người?", "Số thanh tra viên Lạng Sơn sau khi nâng"]),
    _fact("test-10-tang", "tỉnh Lạng Sơn", "Năm 2024, thanh tra viên của Lạng Sơn sẽ được tăng 16 người.",
          ["Thanh tra viên Lạng Sơn sẽ được tăng bao nhiêu người?", "Lạng Sơn tăng bao nhiêu thanh tra viên?"],
          quote="tăng 16 người so với hiện tại"),
    _fact("test-10-bai", "tỉnh Lạng Sơn", "Năm 2024, bài “Lạng Sơn nâng thanh tra viên lên 45 người” được đăng.",
          ["Bài viết về thanh tra viên Lạng Sơn đăng năm nào?", "Bài viết về Lạng Sơn đăng khi nào?"],
          quote="Năm 2024, Lạng Sơn nâng số thanh tra viên lên 45 người", tags=["bài viết"]))


def test_a_level_claimed_is_checked_against_the_level_not_the_change(config, knowledge_copy):
    """"tăng lên 40 người phải không?" claims where the change ends (45), not how much it is (16); a right claim
    is confirmed by the passage giving it, not by the article's title quoted in the fact telling its date."""
    engine = _engine_with(config, knowledge_copy, _RAISED)
    wrong = engine.answer("Thanh tra viên Lạng Sơn sẽ được tăng lên 40 người phải không?")
    assert wrong.answered and wrong.fact.id == "test-10-len" and "45 (không phải 40)" in wrong.lead
    right = engine.answer("Thanh tra viên Lạng Sơn sẽ được tăng lên 45 người phải không?")
    assert right.answered and right.fact.id == "test-10-len" and right.lead.startswith("Đúng")
    change = engine.answer("Thanh tra viên Lạng Sơn sẽ được tăng 16 người phải không?")
    assert change.answered and change.fact.id == "test-10-tang" and change.lead.startswith("Đúng")
    assert questions.claims_a_level("tăng lên 45 người phải không?")
    assert not questions.claims_a_level("còn 45 người phải không?")
    assert not questions.claims_a_level("tăng lên bao nhiêu?")


_REPORTED = _article(
    5, "Lạng Sơn",
    "Báo cáo đánh giá, phân loại công chức năm 2024 của Sở Thử nghiệm Lạng Sơn gồm 9 phòng, 3 trung tâm và "
    "khoảng 15 công chức không hoàn thành nhiệm vụ. "
    "Theo đó, số công chức năm 2024 là hơn 456 người, có gần 120 người hoàn thành xuất sắc nhiệm vụ.",
    _fact("test-5-bao-cao", "Sở Thử nghiệm Lạng Sơn",
          "Báo cáo đánh giá, phân loại công chức năm 2024 của Sở Thử nghiệm Lạng Sơn gồm 9 phòng, 3 trung tâm và "
          "khoảng 15 công chức không hoàn thành nhiệm vụ.",
          ["Báo cáo đánh giá, phân loại công chức năm 2024 của Sở Thử nghiệm Lạng Sơn gồm bao nhiêu phòng?",
           "Tại Sở Thử nghiệm Lạng Sơn, báo cáo đánh giá, phân loại công chức gồm bao nhiêu trung tâm?"]),
    _fact("test-5-so-cong-chuc", "Sở Thử nghiệm Lạng Sơn",
          "Theo đó, số công chức năm 2024 của Sở Thử nghiệm Lạng Sơn là hơn 456 người, có gần 120 người hoàn "
          "thành xuất sắc nhiệm vụ.",
          ["Sở Thử nghiệm Lạng Sơn có bao nhiêu người hoàn thành xuất sắc nhiệm vụ?",
           "Năm 2024 Sở Thử nghiệm Lạng Sơn có bao nhiêu người?"],
          quote="Theo đó, số công chức năm 2024 là hơn 456 người, có gần 120 người hoàn thành xuất sắc nhiệm vụ."))


def test_a_claim_cited_as_the_article_words_it_is_checked_where_it_says_it(config, knowledge_copy):
    """The report's sentence matches the question's words best but gives no figure claimed; the sentence after it,
    of the same time, says "hơn 456 người" as the user does: the claim is right, not "1.700"-style corrected."""
    engine = _engine_with(config, knowledge_copy, _REPORTED)
    right = engine.answer("Năm 2024 ở Sở Thử nghiệm Lạng Sơn, số công chức trong báo cáo đánh giá, phân loại là "
                          "hơn 456 người phải không?")
    assert right.answered and right.fact.id == "test-5-so-cong-chuc" and right.lead == "Đúng."
    assert right.why.rule == Rule.CONFIRM_QUOTED and right.why.values["beside"] == "test-5-bao-cao"
    # a claim the fact giving the report's figures gives is checked there
    rooms = engine.answer("Báo cáo đánh giá, phân loại công chức của Sở Thử nghiệm Lạng Sơn gồm 9 phòng phải không?")
    assert rooms.fact.id == "test-5-bao-cao" and rooms.lead == "Đúng."


def test_a_claim_naming_a_unit_is_never_checked_against_another_unit_s_figure_beside_it(engine):
    # the Trung tâm's fact gives no 71; the Sở's 71 beside it is another unit's whole, never a "Đúng."
    for claim in ("Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn có 71 người phải không?",
                  "Trung tâm ƯDTBKH&CN Lạng Sơn có 71 cán bộ, viên chức phải không?"):
        a = engine.answer(claim)
        assert a.lead != verdict.RIGHT and a.fact.id != "ls-tong-so-can-bo", claim
    assert engine.answer("Sở KH&CN Lạng Sơn có 71 người phải không?").lead == verdict.RIGHT


_SUMS = _article(
    4, "Lạng Sơn",
    "Năm 2024, Sở Thử nghiệm Lạng Sơn hỗ trợ 50 triệu đồng với mỗi cán bộ tự nguyện nghỉ việc. "
    "Đề án đào tạo 100 thạc sĩ của Sở Thử nghiệm Lạng Sơn được thực hiện từ 10 năm trước. "
    "Sở Thử nghiệm Lạng Sơn có 12 phó trưởng phòng. Sở đặt mục tiêu giảm 8 công chức, và khoảng 30 viên chức.",
    _fact("test-4-ho-tro", "Sở Thử nghiệm Lạng Sơn",
          "Năm 2024, Sở Thử nghiệm Lạng Sơn hỗ trợ 50 triệu đồng với mỗi cán bộ tự nguyện nghỉ việc.",
          ["Sở Thử nghiệm Lạng Sơn hỗ trợ bao nhiêu tiền cho cán bộ tự nguyện nghỉ việc?",
           "Mức hỗ trợ cán bộ tự nguyện nghỉ việc của Sở Thử nghiệm Lạng Sơn"]),
    _fact("test-4-de-an", "Sở Thử nghiệm Lạng Sơn",
          "Năm 2024, đề án đào tạo 100 thạc sĩ của Sở Thử nghiệm Lạng Sơn được thực hiện từ 10 năm trước.",
          ["Đề án của Sở Thử nghiệm Lạng Sơn đào tạo bao nhiêu thạc sĩ?",
           "Đề án đào tạo thạc sĩ của Sở Thử nghiệm Lạng Sơn thực hiện từ bao giờ?"],
          quote="Đề án đào tạo 100 thạc sĩ của Sở Thử nghiệm Lạng Sơn được thực hiện từ 10 năm trước."),
    _fact("test-4-pho-phong", "Sở Thử nghiệm Lạng Sơn", "Năm 2024, Sở Thử nghiệm Lạng Sơn có 12 phó trưởng phòng.",
          ["Sở Thử nghiệm Lạng Sơn có bao nhiêu phó trưởng phòng?", "Số phó trưởng phòng của Sở Thử nghiệm Lạng Sơn"],
          quote="Sở Thử nghiệm Lạng Sơn có 12 phó trưởng phòng."),
    _fact("test-4-giam", "Sở Thử nghiệm Lạng Sơn",
          "Năm 2024, Sở Thử nghiệm Lạng Sơn đặt mục tiêu giảm 8 công chức, và khoảng 30 viên chức.",
          ["Sở Thử nghiệm Lạng Sơn đặt mục tiêu giảm bao nhiêu công chức?",
           "Sở Thử nghiệm Lạng Sơn giảm bao nhiêu viên chức?", "Sở Thử nghiệm Lạng Sơn có bao nhiêu viên chức?"],
          quote="Sở đặt mục tiêu giảm 8 công chức, và khoảng 30 viên chức."))


def test_a_total_of_money_is_not_answered_by_what_each_one_gets(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SUMS)
    each = engine.answer("Sở Thử nghiệm Lạng Sơn hỗ trợ bao nhiêu tiền cho cán bộ tự nguyện nghỉ việc?")
    assert each.answered and each.fact.id == "test-4-ho-tro"
    total = engine.answer("Sở Thử nghiệm Lạng Sơn đã chi tổng cộng bao nhiêu tiền cho chính sách hỗ trợ cán bộ tự "
                          "nguyện nghỉ việc?")
    assert not total.answered and "test-4-ho-tro" in {e.fact_id for e in total.examples}


def test_a_share_claimed_is_not_set_right_with_a_count_or_a_year(config, knowledge_copy):
    from bot.engine import verdict
    own = figures.find("Đề án đào tạo 100 thạc sĩ được thực hiện từ 10 năm trước.")
    assert not verdict.shares_given(tuple(figures.find("có 20% ứng viên là tiến sĩ")), own)
    assert verdict.shares_given(tuple(figures.find("có 20 ứng viên là tiến sĩ")), own)
    assert verdict.shares_given(tuple(figures.find("có 20% ứng viên")), figures.find("chiếm 9% trong số ứng viên"))
    engine = _engine_with(config, knowledge_copy, _SUMS)
    checked = engine.answer("Đề án đào tạo 100 thạc sĩ của Sở Thử nghiệm Lạng Sơn có 20% ứng viên là tiến sĩ phải "
                            "không?")
    assert not checked.answered and "10" not in checked.lead  # never "… con số là 10 (không phải 20%)"
    right = engine.answer("Đề án của Sở Thử nghiệm Lạng Sơn đào tạo 100 thạc sĩ phải không?")
    assert right.answered and right.lead == "Đúng."


def test_a_figure_listed_after_a_change_is_that_change_too(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _SUMS)
    assert engine.answer("Sở Thử nghiệm Lạng Sơn giảm bao nhiêu viên chức?").fact.id == "test-4-giam"
    # "giảm 8 công chức, và khoảng 30 viên chức": the 30 is a cut too, not how many viên chức there are (whatever a
    # drafted phrasing says)
    assert not engine.answer("Sở Thử nghiệm Lạng Sơn có bao nhiêu viên chức?").answered


_CUT_BY_PARTS = _article(
    31, "Lạng Sơn",
    "Năm 2024, Sở Thử nghiệm Lạng Sơn giảm 120 lãnh đạo, bao gồm 6 lãnh đạo sở, 114 lãnh đạo cấp phòng.",
    _fact("test-31-giam", "Sở Thử nghiệm Lạng Sơn",
          "Năm 2024, Sở Thử nghiệm Lạng Sơn giảm 120 lãnh đạo, bao gồm 6 lãnh đạo sở, 114 lãnh đạo cấp phòng.",
          ["Sở Thử nghiệm Lạng Sơn giảm bao nhiêu lãnh đạo?",
           "Sở Thử nghiệm Lạng Sơn có bao nhiêu lãnh đạo cấp phòng?"]))


def test_the_parts_a_change_is_told_by_are_that_change_too(config, knowledge_copy):
    from bot.engine.core import _mark_parts
    engine = _engine_with(config, knowledge_copy, _CUT_BY_PARTS)
    # "giảm 120 lãnh đạo, bao gồm 6 …, 114 …": the 6 and 114 add up to the 120, a cut told by parts
    assert engine._gives_only_changes(engine.kb.fact("test-31-giam"))
    assert not engine.answer("Sở Thử nghiệm Lạng Sơn có bao nhiêu lãnh đạo cấp phòng?").answered
    assert engine.answer("Sở Thử nghiệm Lạng Sơn giảm bao nhiêu lãnh đạo?").fact.id == "test-31-giam"
    marked = [True, False, False]
    _mark_parts(marked, [120.0, 40.0, 30.0])  # (not adding up to it: other figures)
    assert marked == [True, False, False]


def test_a_change_asked_is_not_answered_by_a_fact_that_says_no_change(config, knowledge_copy, engine):
    made_up = _engine_with(config, knowledge_copy, _SUMS)
    assert made_up.answer("Sở Thử nghiệm Lạng Sơn có bao nhiêu phó trưởng phòng?").fact.id == "test-4-pho-phong"
    for question in ("Sở Thử nghiệm Lạng Sơn vượt bao nhiêu phó trưởng phòng?",
                     "Sở Thử nghiệm Lạng Sơn giảm được mấy phó trưởng phòng?"):
        assert not made_up.answer(question).answered, question
    # a word of change elsewhere in the message is not what is asked ("Thêm nữa, …"), nor one typed for another
    # ("dư kiến" for "dự kiến")
    assert engine.answer("Thêm nữa, Hoành Bồ từ đầu năm 2019 bổ nhiệm mới mấy đồng chí?").answered
    assert engine.answer("hoành bồ dư kiến mở bao nhiu lớp đào tạo bồi dưỡg năm nay v").answered
    assert engine.answer("Hoành Bồ năm 2019 tinh giản bao nhiêu biên chế?").answered


def test_thua_typed_bare_is_more_than_allowed_where_no_politeness_can_be_meant(engine):
    tokens = lambda text: engine.analyse(text).tokens  # noqa: E731
    for text in ("nghe an hien con thua bao nhieu giao vien", "so con thua may pho giam doc",
                 "dang thua bao nhieu bien che", "giao vien du thua bao nhieu"):
        assert "vuot" in tokens(text) and "thua" not in tokens(text), text
    assert "vuot" not in tokens("thua anh, so co bao nhieu nguoi")  # "thưa anh": politeness


def test_more_than_the_allowed_level_said_as_a_comparison_is_more_than_allowed(engine):
    read = engine.analyse("có mấy sở có số phó giám đốc nhiều hơn mức cho phép").tokens
    assert read == engine.analyse("có mấy sở có số phó giám đốc vượt quy định").tokens


_REGISTERED_TEXT = ("Năm 2024, số thí sinh đăng ký dự thi công chức của Sở Thử nghiệm Lạng Sơn là trên 120, các thí "
                    "sinh sẽ thi vào 15 vị trí.")
_REGISTERED = _article(
    3, "Lạng Sơn", _REGISTERED_TEXT,
    _fact("test-3-dang-ky", "Sở Thử nghiệm Lạng Sơn", _REGISTERED_TEXT,
          ["Sở Thử nghiệm Lạng Sơn có bao nhiêu thí sinh đăng ký dự thi công chức?",
           "Số thí sinh dự thi công chức của Sở Thử nghiệm Lạng Sơn"], measure="thí sinh"))


def test_those_who_passed_are_not_those_who_registered(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _REGISTERED)
    assert engine.answer("Sở Thử nghiệm Lạng Sơn có bao nhiêu thí sinh đăng ký dự thi công chức?").answered
    for question in ("Sở Thử nghiệm Lạng Sơn có bao nhiêu thí sinh trúng tuyển công chức?",
                     "Năm 2024 Sở Thử nghiệm Lạng Sơn có bao nhiêu thí sinh trúng tuyển?"):
        passed = engine.answer(question)
        assert not passed.answered and "test-3-dang-ky" in {e.fact_id for e in passed.examples}, question


def test_a_count_of_the_newly_recruited_is_asked_of_a_fact_saying_so(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _article(
        27, "Lạng Sơn", "Năm 2024, Sở Y tế Lạng Sơn ngưng hợp đồng với 90 cán bộ y tế.",
        _fact("test-27-ngung", "Lạng Sơn", "Năm 2024, Sở Y tế Lạng Sơn ngưng hợp đồng với 90 cán bộ y tế.",
              ["Lạng Sơn ngưng hợp đồng với bao nhiêu cán bộ y tế?", "Số cán bộ y tế Lạng Sơn bị ngưng hợp đồng"])))
    assert engine.answer("Lạng Sơn ngưng hợp đồng với bao nhiêu cán bộ y tế?").answered
    # "tuyển mới" is an act the fact must say: the 90 let go are not those taken on in their place
    replaced = engine.answer("Lạng Sơn đã tuyển mới bao nhiêu người thay chỗ các cán bộ y tế bị ngưng hợp đồng?")
    assert not replaced.answered


def test_a_count_of_all_levels_is_not_the_figure_of_the_level_asked(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _article(
        28, "Lạng Sơn", "Lạng Sơn dư 900 giáo viên. Năm 2024, toàn tỉnh vẫn thừa 900 giáo viên các cấp, trong đó nhiều "
                        "nhất là tiểu học.",
        _fact("test-28-du", "Lạng Sơn", "Năm 2024, Lạng Sơn dư 900 giáo viên; toàn tỉnh vẫn thừa 900 giáo viên các "
                                        "cấp, trong đó nhiều nhất là tiểu học.",
              ["Lạng Sơn dư bao nhiêu giáo viên?", "Số giáo viên Lạng Sơn thừa"],
              quote=["Lạng Sơn dư 900 giáo viên.", "Năm 2024, toàn tỉnh vẫn thừa 900 giáo viên các cấp, trong đó nhiều "
                                                   "nhất là tiểu học."])))
    assert engine.answer("Lạng Sơn dư bao nhiêu giáo viên?").answered
    for asked in ("Lạng Sơn đang dư bao nhiêu giáo viên tiểu học?", "Lạng Sơn thừa bao nhiêu giáo viên THCS?"):
        assert not engine.answer(asked).answered, asked  # the 900 are of every level, primary the most


def _national_article() -> str:
    """A made-up report of Bộ Nội vụ: figures of the whole country, filed under the ministry, one of a province."""
    said = ("Theo báo cáo của Bộ Nội vụ, năm 2024 có 1.234 công chức được khen thưởng trên toàn quốc.",
            "Bộ Nội vụ kiểm tra Sở Y tế Lạng Sơn, nơi có 7 phó giám đốc.",
            "Năm 2024 cả nước tuyển dụng 5.678 viên chức.",
            "Theo báo cáo của Bộ Nội vụ, số liệu của 19 bộ năm 2024 cho hay hơn 4.200 viên chức không hoàn thành "
            "nhiệm vụ.")
    facts = [_fact("test-2-khen", "Bộ Nội vụ", f"Năm 2024, {said[0][0].lower()}{said[0][1:]}",
                   ["Bộ Nội vụ báo cáo bao nhiêu công chức được khen thưởng?",
                    "Số công chức được khen thưởng theo báo cáo của Bộ Nội vụ"], quote=said[0], place="Bộ Nội vụ"),
             _fact("test-2-kiem-tra", "Bộ Nội vụ", f"Năm 2024, {said[1]}",
                   ["Bộ Nội vụ kiểm tra sở có bao nhiêu phó giám đốc?", "Số phó giám đốc của sở Bộ Nội vụ kiểm tra"],
                   quote=said[1], place="Bộ Nội vụ"),
             _fact("test-2-tuyen", "Cả nước", said[2],
                   ["Cả nước tuyển dụng bao nhiêu viên chức?", "Số viên chức cả nước tuyển dụng"], place="Cả nước"),
             # (drafted as ingest drafts: a phrasing asking only how many, of the 19 ministries)
             _fact("test-2-khong-hoan-thanh", "Bộ Nội vụ", f"Năm 2024, {said[3][0].lower()}{said[3][1:]}",
                   ["Bộ Nội vụ có bao nhiêu bộ?", "Tại Bộ Nội vụ, viên chức năm 2024 của bao nhiêu bộ?"],
                   quote=said[3], place="Bộ Nội vụ")]
    doc = {"article": {"id": "test-2", "title": "Bài thử 2", "publisher": "Báo thử 2", "date": "2024-05-02",
                       "author": "Người viết", "places": ["Bộ Nội vụ", "Cả nước"], "text": " ".join(said)},
           "facts": facts}
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_the_country_s_figure_a_national_body_is_cited_for_is_found_in_its_report(config, knowledge_copy):
    engine = _engine_with(config, knowledge_copy, _national_article())
    cited = engine.answer("Theo báo cáo của Bộ Nội vụ, năm 2024 cả nước có 1.234 công chức được khen thưởng phải "
                          "không?")
    assert cited.answered and cited.fact.id == "test-2-khen" and cited.lead == "Đúng."
    assert cited.why.values["reported_by"] == "Bộ Nội vụ"
    # a count asked of what the report counts is its count
    asked = engine.answer("Theo báo cáo của Bộ Nội vụ, năm 2024 cả nước có bao nhiêu công chức được khen thưởng?")
    assert asked.answered and asked.fact.id == "test-2-khen" and asked.why.values["reported_by"] == "Bộ Nội vụ"
    # no source cited, a figure the report does not state (never "Chưa đúng" from it), how many there are (a
    # report's count of some staff is not the country's), a figure of a province's office: not from the report
    for question in ("Năm 2024 cả nước có 1.234 công chức được khen thưởng phải không?",
                     "Theo báo cáo của Bộ Nội vụ, năm 2024 cả nước có 1.324 công chức được khen thưởng phải không?",
                     "Theo báo cáo của Bộ Nội vụ, cả nước có bao nhiêu viên chức?",
                     "Theo Bộ Nội vụ, cả nước có 7 phó giám đốc sở phải không?"):
        assert "reported_by" not in engine.answer(question).why.values, question


def test_ts_before_an_exam_s_words_is_a_candidate_not_a_doctor(engine):
    assert engine.analyse("có bn ts dự thi").tokens == engine.analyse("có bao nhiêu thí sinh dự thi").tokens
    assert engine.analyse("có bao nhiêu ts").tokens == engine.analyse("có bao nhiêu tiến sĩ").tokens


def test_a_department_or_a_room_typed_by_its_initials_reads_as_its_name(engine):
    assert engine.analyse("sở nn thái nguyên").tokens == engine.analyse("sở nông nghiệp thái nguyên").tokens
    assert engine.analyse("sở gd có bn pgđ").tokens == engine.analyse("sở giáo dục có bao nhiêu phó giám đốc").tokens
    assert engine.analyse("p. kế hoạch tài chính").tokens == engine.analyse("phòng kế hoạch tài chính").tokens
    assert engine.analyse("p. tổ chức").tokens == engine.analyse("phòng tổ chức").tokens
    # folded, "sở" is "số": "số tc" counts those of trung cấp, "số gđ" directors, never a Sở
    assert engine.analyse("số tc llct").tokens == engine.analyse("số trung cấp lý luận chính trị").tokens
    assert engine.analyse("số gđ sở").tokens == engine.analyse("số giám đốc sở").tokens


def test_ma_typed_without_its_accent_before_an_adverb_is_the_conjunction(engine):
    assert engine.analyse("chua qua boi duong ma van duoc bo nhiem").tokens == \
        engine.analyse("chưa qua bồi dưỡng mà vẫn được bổ nhiệm").tokens
    assert "ma" in engine.analyse("ma ngach chuyen vien").tokens  # alone it may be "mã"


def test_a_question_opening_with_what_it_counts_asks_that_measure(engine):
    # "Biên chế … là bao nhiêu?" counts biên chế: the 10% target of a cut "so với biên chế giao năm 2015" is not it
    assert not engine.answer("Biên chế được giao năm 2015 của huyện Hoành Bồ là bao nhiêu?").answered
    assert engine.answer("Đoàn viên công đoàn Sở KH&CN Hải Dương là bao nhiêu?").fact.id == "hd-doan-vien-to-cong-doan"


def test_dk_before_a_test_is_registered_not_got(engine):
    assert engine.analyse("bn thí sinh đk dự thi").tokens == engine.analyse("bao nhiêu thí sinh đăng ký dự thi").tokens
    assert engine.analyse("bn người đk thi").tokens == engine.analyse("bao nhiêu người đăng ký thi").tokens
    assert engine.analyse("tuyển dk 5 người").tokens == engine.analyse("tuyển được 5 người").tokens
    # without its đ, "dk" stays chat's "được": "bn người dk thi" may be those allowed to sit the test
    assert engine.analyse("bn người dk thi").tokens == engine.analyse("bao nhiêu người được thi").tokens
