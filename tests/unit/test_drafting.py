"""Drafting facts from journalism: the headline's figure first, whole sentences quoted, one fact per measured
figure, phrasings a person would type, national bodies as places, repeated sentences drafted once."""
from __future__ import annotations

import re

from bot.authoring.ingest import Given, draft, filled, id_problem
from bot.kb.knowledge import NOT_STATED
from bot.kb.provenance import canonical
from bot.language import figures

# Written for these tests (no real article): a headline figure, a list after "trong đó", a repeated sentence.
ARTICLE = """Lào Cai giảm 120 lãnh đạo sau khi sắp xếp lại bộ máy

Lào Cai đã giảm được 860 biên chế, trong đó có 120 lãnh đạo. Ngoài ra giảm 45 đơn vị sự nghiệp công lập sau khi sắp xếp lại bộ máy.
Về số lượng lãnh đạo, giảm 120 người, bao gồm 6 lãnh đạo sở, 114 lãnh đạo cấp phòng.
Năm 2019, tỉnh tuyển dụng 75 công chức. Năm 2019, tỉnh tuyển dụng 75 công chức.
"""
MINISTRY = """Bộ Y tế giảm 35 phòng sau tinh giản

Sắp xếp lại bộ máy, Bộ Y tế đã giảm 35 phòng trong các Vụ, Cục và 105 lãnh đạo cấp phòng.
"""


def _figure_facts(text: str, kb, date: str = "2021-01-01") -> list[dict]:
    """The facts drafted from a made-up article (published on `date`), without the one about the article itself."""
    return [f for f in draft(text, Given(publisher="Báo thử", date=date, author="A B"), kb).facts
            if "bài viết" not in f["tags"]]


def sentences(text: str) -> set[str]:
    return {canonical(s) for line in text.split("\n") for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s}


def quotes(fact: dict) -> list[str]:
    return [fact["quote"]] if isinstance(fact["quote"], str) else fact["quote"]


def said(fact: dict) -> str:
    """The sentence a drafted fact's figure is said in (its last quote: any before it date it)."""
    return quotes(fact)[-1]


def test_the_headline_figure_is_the_first_fact_and_quotes_are_whole_sentences(engine):
    result = draft(ARTICLE, Given(publisher="Báo thử", date="2020-01-01", author="A B"), engine.kb)
    first = result.facts[0]
    # The body says the headline's figure again ("… trong đó có 120 lãnh đạo"): one fact quoting both sentences.
    assert first["quote"] == ["Lào Cai giảm 120 lãnh đạo sau khi sắp xếp lại bộ máy",
                              "Lào Cai đã giảm được 860 biên chế, trong đó có 120 lãnh đạo."]
    assert first["measure"] == "lãnh đạo" and first["questions"][0] == "Lào Cai giảm bao nhiêu lãnh đạo?"
    assert "sau khi sắp xếp lại bộ máy" in first["answer"] and "860 biên chế" in first["answer"]
    restating = [f for f in result.facts if "120 lãnh đạo." in " ".join(quotes(f)) and f.get("measure") == "lãnh đạo"]
    assert restating == [first]  # not a second fact of it
    whole = sentences(ARTICLE)
    for fact in result.facts:
        if "bài viết" not in fact["tags"]:
            assert all(canonical(q) in whole for q in quotes(fact)), fact["quote"]
    assert not result.uncovered


def test_each_measured_figure_is_a_fact_asked_with_its_own_measure(engine):
    facts = draft(ARTICLE, Given(publisher="Báo thử", date="2020-01-01", author="A B"), engine.kb).facts
    by_measure = {(f.get("measure"), quotes(f)[0][:20]): f for f in facts}
    listed = next(f for (m, _), f in by_measure.items() if m == "lãnh đạo sở")
    assert listed["questions"][0] == "Lào Cai giảm bao nhiêu lãnh đạo sở?"  # the verb of the list it is in
    assert any(f.get("measure") == "biên chế" and f["questions"][0] == "Lào Cai giảm bao nhiêu biên chế?"
               for f in facts)
    hired = [f for f in facts if f.get("measure") == "công chức"]
    assert len(hired) == 1  # the repeated sentence is one fact
    assert hired[0]["questions"][:2] == ["Lào Cai tuyển dụng bao nhiêu công chức?",
                                         "Năm 2019 Lào Cai tuyển dụng bao nhiêu công chức?"]
    assert hired[0]["questions"][2] == "Tại Lào Cai, năm 2019, tỉnh tuyển dụng bao nhiêu công chức?"  # its words


def test_phrasings_read_like_typed_questions(engine):
    facts = draft(ARTICLE, Given(publisher="Báo thử", date="2020-01-01", author="A B"), engine.kb).facts
    for fact in facts:
        for question in fact["questions"]:
            words = question.rstrip("?").split()
            assert question.endswith("?") and ":" not in question, question
            assert not any(a == b for a, b in zip(words, words[1:])), question  # no "TP TP"
            if "bài viết" not in fact["tags"] and question == fact["questions"][0]:  # (a title may hold one)
                assert not any(f.is_quantity for f in figures.find(question)), question  # the answer is not asked


def test_an_article_about_a_ministry_is_placed_there(engine):
    result = draft(MINISTRY, Given(publisher="Báo thử", date="2020-01-01", author="A B"), engine.kb)
    assert result.article["places"] == ["Bộ Y tế"] and not result.new_places
    assert result.facts[0]["questions"][0] == "Bộ Y tế giảm bao nhiêu phòng sau tinh giản?"


def test_the_command_line_fills_what_the_text_does_not_say_and_unknown_is_never_invented(engine):
    assert filled("unknown", "") == (NOT_STATED, False) and filled("unknown", "Nông Minh") == ("Nông Minh", True)
    assert filled("Báo X", "Báo Y") == ("Báo Y", True) and filled("Báo X", "") == ("Báo X", False)
    result = draft(ARTICLE, Given(publisher="unknown", date="2020-01-01", author="unknown"), engine.kb)
    assert result.article["author"] == NOT_STATED and result.article["publisher"] == NOT_STATED
    assert not any(NOT_STATED in f["answer"] for f in result.facts)


def test_ids_name_a_file_inside_drafts():
    assert id_problem("ha-noi-2018-giam") == ""
    for bad in ("../../x", "a/b", "Hà Nội", "", "-x", "x" * 61):
        assert id_problem(bad), bad


def test_a_ministry_inspecting_is_not_what_the_article_is_about(engine):
    text = ("Nhiều viên chức được bổ nhiệm khi chưa đủ tiêu chuẩn\n\nThanh tra Bộ Nội vụ kiến nghị Bộ Y tế miễn "
            "nhiệm 12 viên chức. Bộ Nội vụ kết luận Bộ Y tế bổ nhiệm 40 trưởng phòng chưa đủ tiêu chuẩn.\n")
    assert draft(text, Given(), engine.kb).article["places"] == ["Bộ Y tế"]


def test_a_body_sentence_with_a_date_is_a_statement_not_a_date_line(engine):
    text = ("Lào Cai tuyển dụng công chức\n\nNgày 8/3/2017, Sở Nội vụ Lào Cai cho biết tỉnh đã tuyển dụng 75 công "
            "chức và 12 viên chức trong đợt thi vừa qua.\n")
    result = draft(text, Given(date="2017-03-09"), engine.kb)
    assert any(f.get("measure") == "công chức" for f in result.facts) and not result.uncovered


def test_an_article_about_the_region_its_headline_calls_by_its_common_name_is_placed_there(engine):
    # "miền Tây" is Đồng bằng sông Cửu Long: the headline naming it outweighs a city named twice as a university's
    text = ("Chậm đào tạo cán bộ ở miền Tây\n\nChương trình do Đại học Cần Thơ chủ trì. Đại học Cần Thơ đã cử 40 "
            "cán bộ đi học. Các tỉnh Đồng bằng sông Cửu Long góp 12 tỷ đồng.\n")
    result = draft(text, Given(), engine.kb)
    assert result.article["places"][0] == "Đồng bằng sông Cửu Long"
    assert engine.analyse("cán bộ miền tây đi học bao nhiêu người").places == {"Đồng bằng sông Cửu Long"}


def test_a_district_the_gazetteer_lacks_is_proposed_as_the_place_it_is_about(engine):
    text = ("Chủ tịch huyện ký nhiều quyết định sai\n\nChủ tịch UBND huyện Hoằng Hoá (tỉnh Thanh Hóa) đã ký 12 quyết "
            "định tuyển dụng sai. Huyện Hoằng Hoá phải thu hồi 12 quyết định. Tại huyện Hoằng Hoá, 5 cán bộ bị "
            "kỷ luật.\n")
    result = draft(text, Given(), engine.kb)
    assert result.article["places"] == ["Hoằng Hóa"] and result.article["parents"] == ["Thanh Hóa"]
    assert result.new_places == [{"name": "Hoằng Hóa", "kind": "district", "parent": "Thanh Hóa"}]


def test_the_self_check_runs_before_place_and_date_are_filled_in(config, engine):
    from bot.authoring import drafts
    text = "Tuyển dụng công chức\n\nNăm 2024, xã tuyển dụng 35 công chức và 12 viên chức.\n"
    result = draft(text, Given(), engine.kb)
    assert result.article["places"] == [""] and not result.article["date"]
    ok, total, missed = drafts.self_check(config, result)
    assert total == len(result.facts) and ok + len(missed) == total and ok >= 1


def test_a_rounded_headline_figure_is_answered_with_the_exact_one(engine):
    text = ("Hơn 20 cán bộ Cảng vụ Lào Cai phải tuyển dụng lại\n\nQua kiểm tra, Cục phát hiện 23 trường hợp tuyển "
            "dụng sai tại Cảng vụ Lào Cai. Trong đó có 7 cán bộ là người nhà lãnh đạo.\n")
    first = draft(text, Given(date="2020-01-01"), engine.kb).facts[0]
    assert first["quote"][0].startswith("Hơn 20 cán bộ") and "23 trường hợp" in first["quote"][1]
    assert "20" in first["answer"] and "23" in first["answer"] and "7 cán bộ" not in first["answer"]


def test_approve_all_validates_the_drafts_together_and_sets_aside_those_with_problems(config, engine,
                                                                                      knowledge_copy):
    import dataclasses

    from bot.authoring import drafts
    from bot.kb.knowledge import load_knowledge
    here = dataclasses.replace(config, knowledge_dir=knowledge_copy)
    given = {"publisher": "Báo thử", "date": "2020-01-01", "author": "A B"}
    good = drafts.write(here, draft(ARTICLE, Given(id="lao-cai-thu", **given), engine.kb))
    bad = drafts.write(here, draft(MINISTRY, Given(id="bo-y-te-thu", **given), engine.kb))
    text = bad.read_text(encoding="utf-8")
    bad.write_text(text.replace("quote: Sắp xếp lại bộ máy", "quote: Sắp xếp lại cả bộ máy", 1), encoding="utf-8")
    seen = []
    outcome = drafts.approve_all(here, lambda draft_id, target, problems: seen.append((draft_id, bool(target))))
    assert [p.name for p in outcome.approved] == ["lao-cai-thu.yaml"] and list(outcome.refused) == ["bo-y-te-thu"]
    assert seen == [("bo-y-te-thu", False), ("lao-cai-thu", True)]
    line = text.split("\n").index(next(x for x in text.split("\n") if "quote: Sắp xếp lại bộ máy" in x)) + 1
    assert any(f"drafts/bo-y-te-thu.yaml:{line}:" in p and "quote" in p for p in outcome.refused["bo-y-te-thu"])
    assert bad.exists() and not good.exists() and (knowledge_copy / "articles" / "lao-cai-thu.yaml").exists()
    assert "lao-cai-thu" in load_knowledge(knowledge_copy, config.file_limits).articles


# Written for these tests: what a figure counts said at length, a verb before the noun, another body's figure.
COUNTED = """Lào Cai tinh giản biên chế 1.800 người

Năm 2019, tỉnh có hơn 9.000 cán bộ không chuyên trách cấp xã và gần 38.000 cán bộ không chuyên trách ở thôn, tổ dân phố.
Sở Nội vụ bổ nhiệm 12 trường hợp không đáp ứng trình độ lý luận chính trị theo quy định của cơ quan có thẩm quyền.
Hiện có 71 người đang làm việc tại Cảng vụ Lào Cai.
Ở khối cơ quan Đảng, mặt trận và đoàn thể, đến năm 2020 giảm 413 người so với hiện nay.
Trong khi đó, Bộ Y tế giảm 35 phòng trong các vụ, cục.
"""


def asked(facts: list[dict], value: str, measure: str = "") -> list[str]:
    """The phrasings of the fact drafted for a figure (of a measure) of the first sentence holding it."""
    return next(f["questions"] for f in facts if value in said(f) and "bài viết" not in f["tags"]
                and (not measure or f.get("measure") == measure))


def test_phrasings_carry_what_the_figure_counts_whole_and_never_another_figure(engine):
    facts = draft(COUNTED, Given(publisher="Báo thử", date="2020-01-01", author="A B"), engine.kb).facts
    assert asked(facts, "1.800")[0] == "Lào Cai tinh giản biên chế bao nhiêu người?"  # the noun between
    both = [f["questions"][0] for f in facts if "38.000" in said(f)]
    assert both == ["Lào Cai có bao nhiêu cán bộ không chuyên trách cấp xã?",
                    "Lào Cai có bao nhiêu cán bộ không chuyên trách ở thôn?"]  # one fact per figure
    assert asked(facts, "12")[0] == \
        "Sở Nội vụ Lào Cai bổ nhiệm bao nhiêu trường hợp không đáp ứng trình độ lý luận chính trị?"  # cut whole
    for question in asked(facts, "71"):
        assert question.count("Cảng vụ") == 1, question  # the office is asked once
    assert "Tại Lào Cai, ở khối cơ quan Đảng, mặt trận và đoàn thể, đến năm 2020 giảm bao nhiêu người?" in \
        asked(facts, "413")  # the sentence's own words, its opening topic kept
    for fact in facts:  # the first asks with no figure (others may name one the figure is part of)
        if "bài viết" not in fact["tags"]:  # (the article's own title may hold one)
            assert not [f for f in figures.find(fact["questions"][0]) if f.is_quantity], fact["questions"]


def test_a_figure_is_about_the_body_its_own_sentence_names(engine):
    result = draft(COUNTED, Given(publisher="Báo thử", date="2020-01-01", author="A B"), engine.kb)
    ministry = next(f for f in result.facts if "Bộ Y tế" in said(f))
    assert ministry["place"] == "Bộ Y tế" and ministry["questions"][0].startswith("Bộ Y tế giảm bao nhiêu phòng")
    assert result.article["places"] == ["Lào Cai", "Bộ Y tế"]
    assert all(f["place"] == "Lào Cai" for f in result.facts if "Bộ Y tế" not in said(f))


def test_a_body_named_as_source_addressee_or_employer_of_a_speaker_is_told_from_the_figure_s_subject(engine):
    text = ("Lào Cai tinh giản biên chế\n\n"
            "Theo số giao của Bộ Nội vụ, mỗi năm tỉnh sẽ cắt giảm 33 biên chế.\n"
            "Tỉnh đã chuyển cho Bộ Công Thương 51 biên chế.\n"
            "Không cào bằng, tỉnh tăng thu nhập cho 300 cán bộ.\n"
            "Vụ trưởng Tổ chức cán bộ của Bộ Y tế cho hay, Bộ này đã tinh giản 67 biên chế.\n"
            "Ở khối sự nghiệp, tỉnh đã giảm 1.850/1.970 chỉ tiêu Bộ Nội vụ giao.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    place = {value: next(f["place"] for f in facts if value in said(f))
             for value in ("33", "51", "300", "67", "1.850")}
    # the ministry that set the quota ("chỉ tiêu Bộ Nội vụ giao") is not who cut it
    assert place == {"33": "Lào Cai", "51": "Lào Cai", "300": "Lào Cai", "67": "Bộ Y tế", "1.850": "Lào Cai"}


def test_a_count_is_asked_with_the_verb_of_its_clause_never_as_a_unit_s_whole_staff(engine):
    text = ("Lào Cai tinh giản biên chế\n\n"
            "Đứng đầu số lượng tinh giản biên chế đến năm 2021 là Sở Y tế với hơn 770 người, tiếp theo là Sở Giáo "
            "dục và Đào tạo gần 660.\n")
    asked = [q for f in _figure_facts(text, engine.kb, "2020-01-01") for q in f["questions"]]
    assert "Sở Y tế Lào Cai tinh giản bao nhiêu người?" in asked  # not "… có bao nhiêu người?" (its staff)
    assert not any(re.search(r"có bao nhiêu người\?$|đào tạo bao nhiêu", q) for q in asked), asked
    text = ("Lào Cai bổ nhiệm cán bộ\n\nQua kiểm tra trực tiếp 192 hồ sơ bổ nhiệm, đối với cán bộ lãnh đạo, quản lý "
            "có 53 trường hợp không đáp ứng tiêu chuẩn.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    first = {f["measure"]: f["questions"][0] for f in facts if f.get("measure")}
    assert first["hồ sơ bổ nhiệm"].startswith("Lào Cai kiểm tra") and "kiểm tra" not in first["trường hợp"], first


def test_an_enumeration_s_later_items_are_asked_with_its_subject(engine):
    text = ("Lào Cai sắp xếp bộ máy\n\n"
            "Đến nay, qua rà soát, toàn tỉnh đã giảm được 55 phòng, ban; giảm 130 đơn vị sự nghiệp; giảm 35 trưởng "
            "phòng, ban, 136 phó phòng, ban.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    item = next(f for f in facts if f.get("measure") == "phó phòng")
    assert item["questions"][0] == "Lào Cai giảm bao nhiêu phó phòng, ban?"
    assert "Tại Lào Cai, đến nay, qua rà soát, toàn tỉnh đã giảm được bao nhiêu phó phòng, ban?" in item["questions"]


def test_a_part_of_a_total_is_asked_by_the_noun_after_the_total_titles_included(engine):
    text = ("Lào Cai giảm nhiều cấp phó\n\nSau khi sắp xếp lại, các sở của tỉnh Lào Cai đã giảm được 12 trên tổng số "
            "64 Phó Giám đốc Sở. Các phòng cũng giảm 9/40 Trưởng phòng và 15/90 Phó Trưởng phòng.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    assert [f.get("measure") for f in facts] == ["phó giám đốc", "trưởng phòng", "phó trưởng phòng"]  # no total
    assert facts[0]["questions"][0] == "Lào Cai giảm bao nhiêu phó giám đốc?"
    assert facts[1]["questions"][0] == "Lào Cai giảm bao nhiêu trưởng phòng?"
    for fact in facts:
        assert not any(f.is_quantity for q in fact["questions"] for f in figures.find(q)), fact["questions"]


def test_a_share_is_asked_as_a_share_of_what_it_is_of(engine):
    text = ("Lào Cai tinh giản biên chế\n\nNăm 2019, tỉnh Lào Cai đã có 30 trường hợp xin nghỉ việc (chiếm gần 12,5%). "
            "Tỉnh phấn đấu giảm tối thiểu 10% so với biên chế được giao năm 2015.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    share = next(f for f in facts if f["questions"][0].startswith("Lào Cai có bao nhiêu phần trăm"))
    assert share["measure"] == "trường hợp xin nghỉ việc" and "12,5%" in share["quote"]
    compared = next(f for f in facts if "10%" in said(f))
    assert compared["measure"] == "biên chế"
    assert compared["questions"][0] == "Lào Cai giảm bao nhiêu phần trăm biên chế so với số được giao năm 2015?"


def test_a_change_from_one_figure_to_another_is_one_fact_asked_as_the_change(engine):
    text = ("Lào Cai sắp xếp lại bộ máy\n\nTỉnh Lào Cai đã giảm số trung tâm y tế trên địa bàn từ 18 xuống 9. "
            "Các hạt kiểm lâm thuộc tỉnh cũng được giảm từ 12 xuống 4.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    assert [f.get("measure") for f in facts] == ["trung tâm y tế", "hạt kiểm lâm"]  # one fact each, not two
    assert facts[0]["questions"][0] == "Lào Cai giảm trung tâm y tế trên địa bàn từ bao nhiêu xuống còn bao nhiêu?"
    assert facts[1]["questions"][0] == "Lào Cai giảm hạt kiểm lâm thuộc tỉnh từ bao nhiêu xuống còn bao nhiêu?"


def test_what_was_merged_from_one_count_down_to_another_is_asked_as_the_change(engine):
    text = ("Lào Cai sắp xếp lại bộ máy\n\nNăm 2019, tỉnh Lào Cai đã sáp nhập 410 trường xuống còn 352 trường. "
            "Tỉnh cũng hoàn thành sắp xếp 96 ban chỉ đạo, giảm xuống còn 61 ban. Tỉnh giảm 30 người xuống còn 500 "
            "người.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    asked = [q for f in facts for q in f["questions"]]
    assert "Lào Cai sáp nhập trường từ bao nhiêu xuống còn bao nhiêu?" in asked
    assert "Lào Cai sắp xếp ban chỉ đạo từ bao nhiêu xuống còn bao nhiêu?" in asked
    # 30 is how many went, not what there was before: no change asked from it
    assert not any("người từ bao nhiêu" in q for q in asked)


def test_a_figure_about_part_of_a_body_is_asked_of_that_part_and_a_whole_one_as_the_total(engine):
    text = ("Lào Cai sắp xếp bộ máy\n\nĐến nay, qua rà soát, sắp xếp, toàn tỉnh đã giảm được 40 phòng, ban; "
            "giảm 61 phó phòng. Riêng ở khối các cơ quan Đảng, đoàn thể của tỉnh, sau sắp xếp đã giảm được 6 phòng, "
            "ban; giảm 11 phó phòng.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    whole = next(f for f in facts if f.get("measure") == "phó phòng" and "61" in said(f))
    part = next(f for f in facts if f.get("measure") == "phó phòng" and "11" in said(f))
    assert "Lào Cai giảm tổng cộng bao nhiêu phó phòng?" in whole["questions"]
    assert "Tại Lào Cai, đến nay, qua rà soát, sắp xếp, toàn tỉnh đã giảm được bao nhiêu phó phòng?" in \
        whole["questions"]  # how it was done is kept with the clause
    assert part["questions"][0] == "Khối các cơ quan Đảng, đoàn thể của Lào Cai giảm bao nhiêu phó phòng?"
    assert not any(q.startswith("Lào Cai ") for q in part["questions"])  # never asked as the whole province's


def test_a_headline_figure_the_body_restates_in_other_words_is_one_fact_at_the_body_s_time(engine):
    text = ("Lào Cai thêm 5 biên chế cho huyện Mường Khương\n\nNăm 2020, Lào Cai sẽ giảm 40 chỉ tiêu biên chế "
            "hành chính nhưng tăng 5 chỉ tiêu đối với UBND huyện Mường Khương theo quyết định của Bộ Nội vụ.\n")
    facts = _figure_facts(text, engine.kb)
    first = facts[0]
    assert first["questions"][0] == "Lào Cai thêm bao nhiêu biên chế cho huyện Mường Khương?"  # the place it is for
    assert len(first["quote"]) == 2 and first["time"] == "năm 2020"
    assert sum("tăng 5 chỉ tiêu" in " ".join(quotes(f)) and f.get("measure") == "chỉ tiêu" for f in facts) == 1
    assert not any(f.get("measure", "").endswith(" đối") for f in facts)  # "5 chỉ tiêu | đối với UBND …"


def test_an_article_of_one_year_asks_its_figures_with_it_and_a_total_as_one(engine):
    text = ("Lào Cai tuyển công chức\n\nSở Nội vụ Lào Cai vừa thông báo tuyển dụng công chức cấp xã trong năm 2020.\n"
            "Có tổng cộng 215 chỉ tiêu tuyển dụng. Một nửa trong số 64 người dự thi đợt trước đã trúng tuyển.\n"
            "Ông Hoàng Văn Bình, Giám đốc Sở Nội vụ Lào Cai cho hay, kỳ thi sẽ công bằng.\n")
    facts = _figure_facts(text, engine.kb)
    quota = next(f for f in facts if "215" in said(f))
    assert "Năm 2020 Lào Cai có bao nhiêu chỉ tiêu tuyển dụng?" in quota["questions"]
    assert "Lào Cai có tổng cộng bao nhiêu chỉ tiêu tuyển dụng?" in quota["questions"]
    total = next(f for f in facts if "64" in said(f))
    assert any("tổng cộng bao nhiêu người dự thi" in q for q in total["questions"]), total["questions"]
    holder = next(f for f in facts if "người đứng đầu" in f["tags"])
    assert holder["questions"][0] == "Ai là Giám đốc Sở Nội vụ Lào Cai?"  # not "… cho hay?"


def test_the_whole_parts_are_counted_within_is_a_fact_and_a_part_of_it_is_no_total(engine):
    # "trong tổng số 168 …" is a count (not a number like "số 12"), asked by the noun after it; the 87 after it is a
    # part of that whole: never asked as a total
    text = ("Lào Cai tuyển công chức xã\n\nCụ thể, trong tổng số 168 công chức cấp xã được tuyển dụng có 87 trường "
            "hợp tuyển dụng theo quyết định 798.\n")
    facts = _figure_facts(text, engine.kb)
    whole = next(f for f in facts if f.get("measure") == "công chức")
    assert "Lào Cai có bao nhiêu công chức cấp xã được tuyển dụng?" in whole["questions"], whole["questions"]
    part = next(f for f in facts if f.get("measure") == "trường hợp tuyển dụng")
    assert not any("tổng cộng" in q for q in part["questions"]), part["questions"]


def test_facts_drafted_alike_open_with_what_their_own_sentence_says(engine):
    # two sentences drafted with the same phrasings ("Lào Cai giảm còn bao nhiêu người?") are two choices worded
    # alike; each opens with it asked of what its sentence alone says, never of a name or a clause
    text = ("Lào Cai tinh giản biên chế\n\nTheo kế hoạch, khối hành chính hiện có 5.200 người, tới năm 2025 giảm còn "
            "4.900 người.\nTheo kế hoạch, khối sự nghiệp giáo dục hiện có 31.000 người, tới năm 2025 giảm còn 29.500 "
            "người.\n")
    down = [f for f in _figure_facts(text, engine.kb) if "giảm còn" in f["questions"][-1]]
    assert [f["questions"][0] for f in down] == ["Hành chính của Lào Cai giảm còn bao nhiêu người?",
                                                 "Sự nghiệp giáo dục của Lào Cai giảm còn bao nhiêu người?"]
    assert all("Lào Cai giảm còn bao nhiêu người?" in f["questions"] for f in down)  # (still asked so too)
    from bot.authoring.ingest import _set_apart
    assert _set_apart("Bà Trần Thị Hoa cho biết đã kiểm tra 12 đơn vị.",
                      ["Ông Lê Văn An cho biết đã kiểm tra 9 đơn vị."]) == ""  # (a name)
    assert _set_apart("Cơ quan ngang bộ sau sắp xếp lại còn 20 tổ chức.", ["Cơ quan thuộc bộ có 30 tổ chức."]) == ""
    assert _set_apart("Khối hành chính hiện có 5.200 người.", ["Khối sự nghiệp hiện có 31.000 người."]) == "hành chính"


def test_the_programme_a_count_is_of_is_asked_with_it_and_a_start_year_is_no_article_year(engine):
    text = ("Lào Cai đào tạo nhân lực\n\nĐề án bắt đầu thực hiện từ năm 2005. Qua khảo sát, 14,5% học viên "
            "Đề án 165 đang đi làm cho biết sẽ nghỉ việc. Đến nay có 230 học viên đã tốt nghiệp.\n")
    facts = _figure_facts(text, engine.kb)
    share = next(f for f in facts if "14,5%" in said(f))
    assert share["questions"][0].startswith("Lào Cai có bao nhiêu phần trăm học viên Đề án 165 đang đi làm")
    assert not any(q.startswith("Năm 2005") for f in facts for q in f["questions"])  # when it began, not the news


def test_an_office_named_by_its_fields_is_one_name_and_a_date_opening_a_sentence_is_not_asked(engine):
    text = ("Một sở thừa cấp phó\n\nNgày 12/9, Sở Văn hóa, Thể thao và Du lịch Lào Cai có 38 biên chế thì 30 người "
            "mang chức danh trưởng, phó phòng. Sở Y tế Lào Cai có 40 biên chế thì 31 người mang chức danh trưởng, "
            "phó phòng.\n")
    facts = _figure_facts(text, engine.kb)
    staff = next(f for f in facts if f.get("measure") == "biên chế")
    assert staff["unit"] == "Sở Văn hóa - Thể thao và Du lịch Lào Cai"
    assert staff["questions"][0] == "Sở Văn hóa - Thể thao và Du lịch Lào Cai có bao nhiêu biên chế?"
    assert staff["quote"].startswith("Ngày 12/9, Sở Văn hóa, Thể thao")  # the quote stays verbatim
    heads = next(f for f in facts if "31 người" in f["answer"] and f.get("measure") != "biên chế")
    assert any("người mang chức danh trưởng, phó phòng" in q for q in heads["questions"]), heads["questions"]
    assert not any("nào" in q for f in facts for q in f["questions"])


def test_a_figure_restated_by_a_later_sentence_is_one_fact_but_a_chance_equal_count_of_people_is_not(engine):
    text = ("Lào Cai sắp xếp lại đơn vị\n\nNăm 2020, Lào Cai giải thể 12 trung tâm dạy nghề cấp huyện. "
            "Có 7 người nghỉ hưu trước tuổi. Việc giải thể 12 trung tâm dạy nghề giúp tiết kiệm ngân sách. "
            "Tỉnh cũng tuyển mới 7 người cho các trường.\n")
    facts = _figure_facts(text, engine.kb)
    centres = [f for f in facts if f.get("measure", "").startswith("trung tâm dạy nghề")]
    assert len(centres) == 1 and len(centres[0]["quote"]) == 2
    people = [f for f in facts if f.get("measure", "").startswith("người")]
    assert len(people) == 2 and all(isinstance(f["quote"], str) for f in people)


def test_a_period_is_asked_as_said_and_what_a_share_is_of_leaves_the_period_out(engine):
    text = ("Lào Cai tinh giản biên chế\n\nSố người trong đơn vị sự nghiệp đã giảm 1.150/980 người, đạt 117% kế "
            "hoạch giai đoạn 2016-2021.\n")
    facts = _figure_facts(text, engine.kb, "2022-01-01")
    cut = next(f for f in facts if f.get("measure") == "người")
    assert cut["questions"][0] == "Lào Cai giảm bao nhiêu người?"  # 1.150 of 980 planned: one figure
    assert "Giai đoạn 2016-2021 Lào Cai giảm bao nhiêu người?" in cut["questions"]  # not "Năm 2016 …"
    share = next(f for f in facts if f.get("measure") == "kế hoạch")
    assert share["questions"][0] == "Lào Cai đạt bao nhiêu phần trăm kế hoạch?"


def test_a_national_body_finding_something_in_a_province_leaves_the_figure_to_the_province(engine):
    text = ("Kiểm toán Nhà nước phát hiện thừa biên chế\n\nKiểm toán Nhà nước phát hiện thừa 1.200 người trong biên "
            "chế. Trước đó, Kiểm toán Nhà nước từng phát hiện tại tỉnh Lào Cai, 30/41 công chức ở Sở Tài chính tỉnh "
            "là lãnh đạo. Bộ Y tế đã giảm 12 phòng trong các Vụ, Cục và 40 lãnh đạo cấp phòng.\n")
    facts = _figure_facts(text, engine.kb, "2020-01-01")
    found = next(f for f in facts if "30/41" in said(f))
    assert found["place"] == "Lào Cai" and found["unit"] == "Sở Tài chính Lào Cai", (found["place"], found["unit"])
    assert found["questions"][0] == "Sở Tài chính Lào Cai có bao nhiêu công chức là lãnh đạo?"
    heads = next(f for f in facts if f.get("measure") == "lãnh đạo cấp phòng")
    assert heads["unit"] == "Bộ Y tế" and not any(q.startswith("Các Vụ") for q in heads["questions"])


def test_a_sentence_opening_with_its_verb_is_asked_with_it_and_parts_of_a_total_are_not_totals(engine):
    text = ("Giảm hơn 900 biên chế tại Lào Cai trong năm 2020\n\nTrong năm 2020, toàn tỉnh Lào Cai đã giảm 930 biên "
            "chế, trong đó giảm 210 công chức và 720 viên chức.\n")
    facts = _figure_facts(text, engine.kb)
    assert facts[0]["questions"][0] == "Lào Cai giảm bao nhiêu biên chế?"  # "Giảm …" opens the headline
    whole = next(f for f in facts if f.get("measure") == "biên chế")
    assert "Lào Cai giảm tổng cộng bao nhiêu biên chế?" in whole["questions"]
    part = next(f for f in facts if f.get("measure") == "công chức")
    assert not any("tổng cộng" in q for q in part["questions"])  # listed after "trong đó": a part


def test_a_listed_item_saying_its_own_verb_does_not_take_the_list_s(engine):
    text = ("Lào Cai tuyển dụng lại\n\nThời gian tới, Sở Y tế Lào Cai sẽ tiếp nhận viên chức đối với 15 cán bộ, "
            "4 trường hợp khác sẽ xét tuyển.\n")
    facts = _figure_facts(text, engine.kb)
    other = next(f for f in facts if f.get("measure", "").startswith("trường hợp"))
    assert other["questions"][0] == "Sở Y tế Lào Cai có bao nhiêu trường hợp khác sẽ xét tuyển?"


def test_a_sum_is_asked_by_its_unit_not_by_what_it_pays_for(engine):
    text = "Lào Cai đào tạo cán bộ\n\nTrong 5 năm, tỉnh Lào Cai chi ngân sách khoảng 25 tỉ đồng đưa 90 cán bộ đi học.\n"
    facts = _figure_facts(text, engine.kb)
    money = next(f for f in facts if "tỉ đồng" in f.get("measure", ""))
    assert money["measure"] == "tỉ đồng" and money["questions"][0] == "Lào Cai chi ngân sách bao nhiêu tỉ đồng?"


def test_a_date_opening_a_sentence_is_asked_as_when_what_follows_happened(engine):
    text = ("Lào Cai tổ chức hội thảo\n\nNgày 4/10, UBND tỉnh Lào Cai tổ chức hội thảo đánh giá hiệu quả chương "
            "trình thu hút nhân tài.\n")
    facts = _figure_facts(text, engine.kb)
    assert facts[0]["questions"] == ["UBND tỉnh Lào Cai tổ chức hội thảo đánh giá hiệu quả chương trình vào ngày nào?",
                                     "Khi nào UBND tỉnh Lào Cai tổ chức hội thảo đánh giá hiệu quả chương trình?"]


def test_a_condition_s_bound_is_no_count_and_a_remark_opening_a_clause_is_not_asked_back(engine):
    text = ("Lào Cai sát hạch cán bộ\n\nCán bộ quản lý có điểm sát hạch dưới 5 điểm thì sẽ bị điều chuyển. "
            "Đáng chú ý, trong 40 người là lãnh đạo có 6 người xếp loại yếu.\n")
    facts = _figure_facts(text, engine.kb)
    assert not any(f.get("measure") == "điểm" for f in facts)  # "dưới 5 điểm thì …" counts nothing
    weak = next(f for f in facts if f.get("measure") == "người xếp loại yếu")
    assert not any("đáng chú ý" in q.lower() for q in weak["questions"]), weak["questions"]


def test_a_list_s_later_items_are_counted_as_its_first_says_them(engine):
    text = ("Lào Cai sát hạch lãnh đạo\n\nTrong 50 người là lãnh đạo có 4 người xếp loại yếu, 20 người trung bình, "
            "18 người khá và 8 người giỏi.\n")
    measures = [f.get("measure") for f in _figure_facts(text, engine.kb) if f.get("measure")]
    assert measures[-4:] == ["người xếp loại yếu", "người xếp loại trung bình", "người xếp loại khá",
                             "người xếp loại giỏi"]


def test_a_clause_asked_back_does_not_open_with_what_points_back(engine):
    text = ("Lào Cai rà soát cán bộ\n\nTỉnh Lào Cai đã rà soát 300 cán bộ. Trong đó có 12 lãnh đạo cấp sở chưa đạt "
            "chuẩn. Với 40 người đạt chuẩn, tỉnh sẽ bổ nhiệm 9 người.\n")
    facts = _figure_facts(text, engine.kb)
    assert not any(re.search(r"^Tại [^,]+, (?:trong đó|với)\b", q) for f in facts for q in f["questions"])


def test_facts_of_one_article_open_with_phrasings_of_their_own(engine):
    text = "Lào Cai có bao nhiêu người\n\nNăm 2018, Sở Y tế Lào Cai có 120 người. Năm 2020, Sở Y tế Lào Cai có 98 người.\n"
    facts = _figure_facts(text, engine.kb)
    firsts = [f["questions"][0] for f in facts]
    assert len(firsts) == len(set(firsts)) == 2, firsts  # a clarifying choice between them can name each


def test_an_office_naming_its_own_city_is_not_given_the_article_s_place(engine):
    text = ("Lào Cai thừa cấp phó\n\nSở Y tế Lào Cai có 6 phó giám đốc, vượt quy định là \"số lượng phó giám đốc sở "
            "không quá 3 người; riêng các sở thuộc UBND TP Hà Nội và UBND TP HCM không quá 4 người\".\n")
    facts = _figure_facts(text, engine.kb)
    assert not any("TP HCM Lào Cai" in q for f in facts for q in f["questions"]), [f["questions"] for f in facts]


def test_the_whole_country_is_asked_as_such_and_a_list_s_last_item_does_not_keep_its_va(engine):
    text = ("Cả nước giảm biên chế\n\nBộ Nội vụ cho biết cả nước đặt mục tiêu giảm 5.200 công chức, và khoảng 31.000 "
            "viên chức.\n")
    facts = _figure_facts(text, engine.kb)
    asked = [q for f in facts for q in f["questions"]]
    assert not any(q.startswith("Tại Cả nước") or " và bao nhiêu" in q for q in asked), asked


def test_a_bare_count_of_staff_is_offered_by_its_own_words_first(engine):
    text = "Lào Cai có nhiều phòng thiếu người\n\nPhòng Tư pháp huyện Bảo Thắng chỉ có 3 người, đều là lãnh đạo phòng.\n"
    facts = [f for f in _figure_facts(text, engine.kb) if f.get("measure") == "người"]
    assert facts[0]["questions"][0] == "Phòng Tư pháp huyện Bảo Thắng chỉ có bao nhiêu người?"  # its sentence's
    assert "Phòng Tư pháp huyện Bảo Thắng có bao nhiêu người?" in facts[0]["questions"][1:]  # the vague one after


def test_a_particular_count_said_twice_is_one_fact_with_the_rounded_headline(engine):
    text = ("Thanh tra phát hiện Sở Tài chính Lạng Sơn thừa hơn 3.000 người\n\n"
            "Thanh tra tỉnh phát hiện thừa 3.147 người trong biên chế tại các cơ quan năm 2023.\n"
            "Theo ông Trần Văn A, trong công tác quản lý biên chế, Sở Tài chính Lạng Sơn đã để thừa 3.147 người "
            "trong biên chế.\n")
    giving = [f for f in _figure_facts(text, engine.kb) if any("3.147" in q for q in quotes(f))]
    assert len(giving) == 1 and len(quotes(giving[0])) == 3  # the headline and both sentences: one answer


def test_a_phrasing_is_kept_only_by_the_fact_asking_it_first_when_their_figures_differ(engine):
    text = ("Sở Tư pháp Lạng Sơn có tới 9 phó giám đốc\n\n"
            "Sở Tư pháp Lạng Sơn có tới 9 Phó Giám đốc, trong khi quy định chỉ cho phép 3 người.\n"
            "Sở Tư pháp Lạng Sơn \"lạm phát\" 6 Phó Giám đốc.\n"
            "Bà Lê Thị B cho biết, trước đây Sở Tư pháp chỉ có 6 Phó Giám đốc.\n")
    facts = _figure_facts(text, engine.kb)
    asking = [f for f in facts if "Sở Tư pháp Lạng Sơn có bao nhiêu phó giám đốc?" in f["questions"]]
    assert len(asking) == 1 and "9 Phó Giám đốc" in quotes(asking[0])[-1]
    assert any("6 Phó Giám đốc" in q for f in facts for q in quotes(f))  # the other fact stays, asked its own way


def test_only_how_many_a_subject_has_is_asked_of_the_whole_not_of_its_parts(engine):
    # the parts come first ("5 sở có 4-5 cấp phó", "2 sở … chỉ có 2 phó giám đốc"): "Lào Cai có bao nhiêu sở?" asks
    # the 17 the province has
    text = ("Nhiều sở ở Lào Cai thừa cấp phó\n\n"
            "Quy định số phó giám đốc sở không quá 3, tuy nhiên Lào Cai 5 sở có 4-5 cấp phó.\n"
            "Ông A cho biết, tỉnh có 17 sở thì 5 cơ quan vượt quá 1-3 cấp phó so với quy định.\n"
            "Ngoài 5 sở tăng cấp phó, có 2 sở là Du lịch và Y tế chỉ có 2 phó giám đốc.\n")
    facts = _figure_facts(text, engine.kb)
    asking = [f for f in facts if "Lào Cai có bao nhiêu sở?" in f["questions"]]
    assert len(asking) == 1 and "có 17 sở" in quotes(asking[0])[-1]
    assert all(len(f["questions"]) >= 2 for f in facts)  # the parts keep phrasings of their own


def test_people_counted_in_general_are_asked_as_the_ones_named_before_the_figure(engine):
    text = ("Sở Tư pháp Lạng Sơn giảm cấp phó\n\n"
            "Đến thời điểm 1/6/2023 số lượng phó, trưởng phòng của Sở Tư pháp Lạng Sơn còn 22 người.\n"
            "Số lượng lãnh đạo Sở này lên đến 9 người, trong đó có 1 Giám đốc và 8 Phó Giám đốc.\n")
    facts = _figure_facts(text, engine.kb)
    assert asked(facts, "22") and all("phó, trưởng phòng" in q for q in asked(facts, "22")[:1])
    leaders = asked(facts, "9")
    assert "Sở Tư pháp Lạng Sơn có bao nhiêu lãnh đạo sở?" in leaders  # "này" is not what is counted
    assert any("tổng cộng" in q for q in leaders)  # "…, trong đó …" breaks down a whole
    assert any(q.endswith("lên đến bao nhiêu người?") for q in leaders)  # the sentence asked back keeps its noun


def test_a_sum_is_asked_with_what_it_is_spent_on_and_never_as_what_a_place_has(engine):
    text = ("Lạng Sơn chi hơn 300 tỷ đồng tăng thu nhập cho cán bộ\n\n"
            "Theo đó, chỉ riêng năm nay tỉnh cần hơn 312 tỷ đồng để chi thu nhập tăng thêm cho cán bộ, công chức.\n"
            "Tỉnh chi 12 tỷ đồng cho đào tạo.\n")
    facts = _figure_facts(text, engine.kb)
    needed = next(f["questions"] for f in facts if any("312" in q for q in quotes(f)))
    assert "Lạng Sơn chi bao nhiêu tỷ đồng để chi thu nhập tăng thêm cho cán bộ?" in needed
    assert "Lạng Sơn chi bao nhiêu tỷ đồng cho đào tạo?" in asked(facts, "chi 12 tỷ")
    assert not any(" có bao nhiêu tỷ đồng" in q or q.startswith("Số tỷ đồng") for f in facts for q in f["questions"])


def test_two_counts_joined_by_and_are_each_asked_with_what_both_are_said_to_do(engine):
    text = ("Đánh giá cán bộ ở Yên Bái\n\n"
            "Năm 2020, tỉnh Yên Bái có khoảng 320 công chức và hơn 950 viên chức bị xếp loại không hoàn thành "
            "nhiệm vụ.")
    facts = _figure_facts(text, engine.kb)
    first = next(f for f in facts if "viên chức" not in f["questions"][0])
    assert "bao nhiêu công chức" in first["questions"][0]
    assert all(q.rstrip("?").endswith("bị xếp loại không hoàn thành nhiệm vụ") for q in first["questions"])


def test_a_count_of_two_degrees_together_is_asked_of_both_never_of_one(engine):
    text = ("Đề án đào tạo ở Cà Mau\n\n"
            "Sau 5 năm, chương trình đào tạo 300 thạc sĩ, tiến sĩ ở Cà Mau vẫn chậm.\n"
            "Năm 2018, tỉnh cử 40 tiến sĩ và thạc sĩ đi học ở nước ngoài.\n")
    facts = _figure_facts(text, engine.kb)
    assert all("thạc sĩ, tiến sĩ" in q for q in asked(facts, "300")), asked(facts, "300")
    assert all("tiến sĩ và thạc sĩ" in q for q in asked(facts, "40")), asked(facts, "40")


def test_a_ministry_named_once_in_a_paragraph_is_not_what_its_next_sentences_count(engine):
    text = ("Kết luận thanh tra tuyển dụng ở Sóc Trăng\n\n"
            "UBND tỉnh Sóc Trăng tiếp nhận không qua thi tuyển 9 trường hợp. "
            "Năm 2016, tỉnh đã giao 25 chỉ tiêu biên chế vượt số được Bộ Nội vụ giao. "
            "Tuy nhiên, địa phương này đã tuyển dụng 7 trường hợp khi chưa đủ thời hạn trên. "
            "Còn 12 cơ quan, đơn vị ký 41 hợp đồng làm công tác chuyên môn.")
    facts = _figure_facts(text, engine.kb)
    place = {value: next(f["place"] for f in facts if f" {value} " in said(f)) for value in ("7", "12", "41")}
    assert place == {"7": "Sóc Trăng", "12": "Sóc Trăng", "41": "Sóc Trăng"}
    about_ministry = _figure_facts("Bộ Nội vụ tinh giản biên chế\n\nBộ Nội vụ đã giảm 14 đầu mối. "
                                   "Năm nay sẽ giảm thêm 5 đơn vị.", engine.kb)
    assert {f["place"] for f in about_ministry} == {"Bộ Nội vụ"}  # an article about the ministry itself


def _approved(config, knowledge_copy, engine, text: str, draft_id: str) -> list[str]:
    """The files `approve --all` approves once a made-up article's draft is written into a knowledge copy."""
    import dataclasses

    from bot.authoring import drafts
    here = dataclasses.replace(config, knowledge_dir=knowledge_copy)
    drafts.write(here, draft(text, Given(id=draft_id, publisher="Báo thử", date="2023-01-01", author="A B"), engine.kb))
    return [p.name for p in drafts.approve_all(here, lambda *_: None).approved]


def test_a_sentence_referring_to_the_period_said_before_is_dated_by_it_and_quotes_it(config, engine, knowledge_copy):
    text = ("Sóc Trăng tuyển dụng sai quy định\n\n"
            "Thanh tra Bộ Nội vụ kết luận thanh tra tuyển dụng tại tỉnh Sóc Trăng giai đoạn từ 1-1-2020 đến "
            "30-6-2022.\n"
            "Theo đó, trong giai đoạn trên, tỉnh Sóc Trăng đã tuyển dụng 85 công chức.")
    fact = next(f for f in _figure_facts(text, engine.kb) if "85" in f["answer"])
    assert fact["time"] == "giai đoạn từ 1-1-2020 đến 30-6-2022"
    assert len(fact["quote"]) == 2 and "30-6-2022" in fact["quote"][0] and "85 công chức" in fact["quote"][1]
    # its answer's figures are all quoted: it approves
    assert _approved(config, knowledge_copy, engine, text, "soc-trang-thu") == ["soc-trang-thu.yaml"]


def test_the_next_lines_of_a_dated_sentence_are_of_its_time_unless_they_say_their_own(config, engine,
                                                                                      knowledge_copy):
    text = ("Sóc Trăng sắp xếp biên chế\n\n"
            "Cụ thể, năm 2022, khối hành chính của tỉnh Sóc Trăng có 2.345 biên chế.\n"
            "Trong đó, công chức giảm 41 biên chế.\n"
            "Khối sự nghiệp có 31.456 biên chế.\n"
            "Hiện nay khối doanh nghiệp có 520 người.\n"
            "Khối đoàn thể có 610 người.\n\n"
            "Khối y tế có 9.870 người.")
    drafted = _figure_facts(text, engine.kb)
    facts = {figure: next(f for f in drafted if figure in said(f)) for figure in ("41", "31.456", "520", "610", "9.870")}
    for figure in ("41", "31.456"):  # the lines right after it, each saying no time of its own
        assert facts[figure]["time"] == "năm 2022" and len(quotes(facts[figure])) == 2
        assert "năm 2022" in quotes(facts[figure])[0]
    assert facts["520"]["time"] != "năm 2022"  # "hiện nay": a time of its own
    assert facts["610"]["time"] != "năm 2022"  # after a line of another time: the period no longer holds
    assert facts["9.870"]["time"] != "năm 2022"  # another paragraph
    assert _approved(config, knowledge_copy, engine, text, "soc-trang-khoi") == ["soc-trang-khoi.yaml"]


def test_a_count_as_of_a_day_is_of_that_day_and_so_are_the_lines_breaking_it_down(engine):
    # "tính đến ngày 31/3/2024", "tính đến 30/11/2023": a time said in the sentence, carried to "Trong đó, …"
    text = ("Sóc Trăng thiếu giáo viên\n\n"
            "Cụ thể, tính đến ngày 31/3/2024, toàn tỉnh Sóc Trăng có 412 trường ở các cấp học.\n"
            "Trong đó, tiểu học 198 trường; THCS 102 trường.\n\n"
            "Tính đến 30/11/2023, tỉnh Sóc Trăng ký 1.204 hợp đồng lao động.")
    drafted = _figure_facts(text, engine.kb)
    facts = {figure: next(f for f in drafted if figure in said(f)) for figure in ("412", "198", "1.204")}
    assert facts["412"]["time"] == "tính đến ngày 31/3/2024"
    assert facts["198"]["time"] == "tính đến ngày 31/3/2024" and "412" in quotes(facts["198"])[0]
    assert facts["1.204"]["time"] == "tính đến 30/11/2023"


def test_the_next_lines_of_a_line_naming_a_place_are_about_it_until_a_paragraph_ends(engine):
    text = ("Nhiều sở ở Sóc Trăng, Bạc Liêu thừa cấp phó\n\n"
            "Sóc Trăng có 5 sở có 4 phó giám đốc.\n"
            "Tại tỉnh Bạc Liêu, Sở Nội vụ có 5 phó giám đốc.\n"
            "Sở Tư pháp có 4 phó giám đốc.\n\n"
            "Sở Y tế có 6 phó giám đốc.")
    facts = _figure_facts(text, engine.kb)
    place = {figure: next(f["place"] for f in facts if figure in said(f)) for figure in ("Tư pháp", "Y tế")}
    assert place == {"Tư pháp": "Bạc Liêu", "Y tế": "Sóc Trăng"}  # the next line; another paragraph: the article's


def test_a_range_is_one_figure_asked_with_the_verb_before_it(engine):
    text = ("Sóc Trăng tinh giản biên chế\n\n"
            "Theo lộ trình, mỗi năm tỉnh Sóc Trăng giảm từ 120 - 250 người so với năm trước liền kề.")
    facts = [f for f in _figure_facts(text, engine.kb) if "120" in said(f)]
    assert len(facts) == 1  # the range, not a fact for each end
    assert all(" giảm " in q and "có bao nhiêu" not in q for q in facts[0]["questions"])


def test_a_share_of_the_plan_is_asked_with_the_count_it_follows(engine):
    text = ("Sóc Trăng tinh giản biên chế\n\n"
            "Giai đoạn 2015-2021, Sóc Trăng đã tinh giản 150/200 biên chế, đạt 75% kế hoạch.")
    share = next(f for f in _figure_facts(text, engine.kb) if "75%" in f["answer"] and "phần trăm" in
                 f["questions"][0])
    assert share["questions"][0] == "Sóc Trăng tinh giản biên chế đạt bao nhiêu phần trăm kế hoạch?"


def test_a_part_said_with_trong_do_is_answered_and_quoted_with_the_whole_before_it(config, engine, knowledge_copy):
    """"Trong đó có 8 trường hợp …" counts within the sentence before: a fact of it alone loses what the 8 are of."""
    text = ("Sóc Trăng kiểm tra tuyển dụng\n\n"
            "Thanh tra tỉnh Sóc Trăng phát hiện 36 người thân quen được tiếp nhận vào làm việc.\n"
            "Trong đó có 8 trường hợp chưa đảm bảo quy trình, thủ tục.\n\n"
            "Trong đó, 5 người đã nghỉ việc.")
    drafted = _figure_facts(text, engine.kb)
    part = next(f for f in drafted if "8 trường hợp" in said(f))
    assert len(quotes(part)) == 2 and "36 người thân quen" in quotes(part)[0]
    assert "36 người thân quen" in part["answer"] and "8 trường hợp" in part["answer"]
    alone = next(f for f in drafted if "5 người" in said(f))  # another paragraph: no whole before it there
    assert "36" not in alone["answer"]
    assert _approved(config, knowledge_copy, engine, text, "soc-trang-than-quen") == ["soc-trang-than-quen.yaml"]


def test_what_a_review_found_is_answered_and_quoted_with_the_review(engine):
    """"Kết quả cho thấy khối chính quyền là 178 người" counts what the sentence before reviewed."""
    text = ("Lào Cai rà soát cán bộ\n\nCơ quan chức năng đã rà soát cán bộ lớn tuổi diện được hưởng chính sách (nữ "
            "trên 50 tuổi). Kết quả cho thấy khối chính quyền là 178 người.\n")
    found = next(f for f in _figure_facts(text, engine.kb) if "178" in said(f))
    assert len(quotes(found)) == 2 and "rà soát cán bộ lớn tuổi" in found["answer"]


def test_a_compound_ending_in_a_rounding_word_is_asked_whole(engine):
    text = ("Lào Cai bổ nhiệm người thân\n\nTheo kết luận, đã có 9 trường hợp là họ hàng, 27 trường hợp là người "
            "cùng thôn với ông A được bổ nhiệm.\n")
    facts = _figure_facts(text, engine.kb)
    assert asked(facts, "9")[0] == "Lào Cai có bao nhiêu trường hợp là họ hàng?"  # ("hàng" of "hàng trăm" ends none)


def test_a_count_whose_noun_comes_before_it_is_drafted_with_that_noun(engine):
    text = ("Lào Cai tuyển công chức\n\nTheo Sở Nội vụ, số thí sinh đăng ký dự thi tuyển dụng năm 2024 của tỉnh là "
            "trên 1.200, các thí sinh sẽ thi vào 130 vị trí. Số hoàn thành xuất sắc nhiệm vụ là hơn 300, số còn lại "
            "đạt yêu cầu.\n")
    facts = _figure_facts(text, engine.kb)
    registered = next(f for f in facts if "1.200" in f["answer"] and f.get("measure") == "thí sinh")
    assert registered["questions"][0] == "Lào Cai có bao nhiêu thí sinh đăng ký dự thi tuyển dụng?"
    # "số hoàn thành …": no noun the knowledge counts after "số", no count of a "hoàn thành"
    assert not any(f.get("measure", "").startswith("hoàn thành") for f in facts)


def test_a_count_of_some_people_is_never_asked_as_the_place_s_staff(engine):
    # Written for this test: a headcount, a list of two, a group named before "là … người", staff said before
    # "của … hiện trên", and counts of some people only (a bloc, those who finished, a remainder)
    text = ("Lào Cai rà soát đội ngũ\n\nHiện tỉnh có hơn 2.100 công chức và hơn 41.300 viên chức. Tổng số lao động "
            "hợp đồng qua các năm đến cuối 2023 là 316 người. Cán bộ công chức của Lào Cai hiện trên 9.000 người. "
            "Kết quả rà soát cho thấy khối đoàn thể có 57 người. Năm 2023, hoàn thành nhiệm vụ 4.800 người. "
            "Trong đợt thi vừa qua, có 25 cán bộ, lãnh đạo phải thi lại. Số còn lại là 91 người.\n")
    facts = _figure_facts(text, engine.kb)
    asked = {f["answer"][f["answer"].find(","):]: f["questions"] for f in facts}

    def phrasings(figure: str) -> list[str]:
        return next(q for a, q in asked.items() if figure in a)

    assert "Lào Cai có bao nhiêu viên chức?" in phrasings("41.300")  # what the place has, listed after "và"
    assert "Lào Cai có bao nhiêu lao động hợp đồng?" in phrasings("316")
    assert "Lào Cai có bao nhiêu cán bộ công chức?" in phrasings("9.000")
    vague = {f"{when}Lào Cai có bao nhiêu {n}?" for n in ("người", "cán bộ") for when in ("", "Năm 2023 ")} \
        | {"Số người của Lào Cai là bao nhiêu?"}
    for figure in ("316", "57", "4.800", "25", "91"):
        assert vague.isdisjoint(phrasings(figure)), figure
    assert all(len(q) >= 2 for q in asked.values())
    # (its clause asked back, cut to nothing but the unit and its staff, is no better)
    said = _figure_facts("Lào Cai rà soát đội ngũ\n\nTrao đổi với báo, lãnh đạo Sở Y tế Lào Cai cho biết 40 người lao "
                         "động này đã thiếu điểm trong đợt thi.\n", engine.kb)[0]["questions"]
    assert not any(q.startswith("Tại Sở Y tế Lào Cai, bao nhiêu người lao động") for q in said), said


def test_what_a_rate_is_reckoned_per_is_no_count(engine):
    text = ("Lào Cai thừa cấp phó\n\nNăm 2024, còn 3 sở có số lượng cấp phó vượt 1 người/1 đơn vị. Mỗi cán bộ bị lừa "
            "hơn 10 triệu đồng/1 người.\n")
    facts = _figure_facts(text, engine.kb)
    assert not any(f.get("measure") in ("đơn vị", "người") and "/ bao nhiêu" in " ".join(f["questions"])
                   for f in facts), [f["questions"] for f in facts]
    assert any(f.get("measure") == "sở" for f in facts)  # (the count of the sentence is still drafted)
