"""Whole messages as staff send them: the question found inside greetings, signatures and forwarded headers;
several questions answered part by part; choices between figures; places beside the one asked about; and
every outcome saying which rule decided."""
from bot.engine import message
from bot.engine.core import ANSWER, CLARIFY, DECLINE, Rule
from bot.engine.render import to_json, to_text
from bot.language.text import fold
from bot.service.app import build_engine
from tests.harness import TEST_QUESTION, with_test_articles


def never_smalltalk(_: str) -> bool:
    return False


# ---------------------------------------------------------------- reading a message


def test_signature_headers_and_emoji_are_set_aside():
    text = ("Fwd: tra cứu\nTừ: Phòng Tổ chức\nNgày: 03/02/2025 10:20\n> Huyện X có bao nhiêu công chức? 🙏🙏\n"
            "--\nPhạm Văn B\nĐT: 0987 654 321")
    reading = message.read(text, never_smalltalk)
    assert reading.questions == ("Huyện X có bao nhiêu công chức?",)
    assert "Phạm Văn B" in reading.set_aside and not any("0987" in q for q in reading.questions)


def test_an_acknowledgement_opening_a_lower_case_question_is_set_aside():
    thanks = lambda text: text.strip().lower() in ("ok", "ok, cảm ơn", "dạ")  # noqa: E731
    reading = message.read("ok, cảm ơn. thế huyện X có bao nhiêu công chức", thanks)
    assert reading.questions == ("thế huyện X có bao nhiêu công chức",) and reading.set_aside == ("ok, cảm ơn",)
    # ...also with no punctuation after it, when what follows asks
    assert message.read("ok vậy huyện X có bao nhiêu công chức", lambda t: t in ("ok", "ok vậy")).questions == (
        "huyện X có bao nhiêu công chức",)
    # a place named before a comma is no acknowledgement
    assert message.read("Huyện X, năm nay có bao nhiêu công chức?", thanks).questions == (
        "Huyện X, năm nay có bao nhiêu công chức?",)


def test_a_forwarded_letter_s_separator_and_headers_are_no_signature():
    text = ("Fwd: công văn\nV/v báo cáo biên chế\n----------\nNgười gửi: Trần B <vp@...>\nGửi lúc: 08:00 02/03\n"
            "Nhờ xem giúp huyện X có bao nhiêu công chức?")
    reading = message.read(text, never_smalltalk)
    assert reading.questions == ("Nhờ xem giúp huyện X có bao nhiêu công chức?",)
    assert "V/v báo cáo biên chế" in reading.set_aside and "Người gửi: Trần B <vp@...>" in reading.set_aside
    # flattened to one line (as a terminal or a chat client may send it), the header's date and time stay out
    assert message.read(text.replace("\n", " "), never_smalltalk).questions == reading.questions
    # a line of dashes before a name still ends the message: a signature
    signed = message.read("Huyện X có bao nhiêu công chức?\n--\nTrần B\nPhòng Nội vụ", never_smalltalk)
    assert signed.questions == ("Huyện X có bao nhiêu công chức?",) and "Trần B" in signed.set_aside
    # what a forward says of where it came from ends at ">>": the question is what follows
    forwarded = message.read("Fwd: chuyển từ nhóm “Phòng Nội vụ” >> huyện X có bao nhiêu công chức?", never_smalltalk)
    assert forwarded.questions == ("huyện X có bao nhiêu công chức?",)


def test_a_preamble_before_a_colon_becomes_context_and_clock_times_are_dropped():
    reading = message.read("Chiều nay 15h30 họp giao ban, cần gấp: tỉnh Y tuyển bao nhiêu người?", never_smalltalk)
    assert reading.questions == ("tỉnh Y tuyển bao nhiêu người?",)
    assert "15" not in reading.context and "họp giao ban" in reading.context


def test_what_is_said_to_the_bot_follows_its_mention_and_a_meeting_room_is_no_figure():
    reading = message.read("Họp 8h thứ Ba ở P.305 nha cả nhà @trolybot tỉnh Y tuyển bao nhiêu người?", never_smalltalk)
    assert reading.questions == ("tỉnh Y tuyển bao nhiêu người?",)
    assert "305" not in reading.context and "Họp" in reading.context
    assert "12" not in message.strip_times("mai họp ở phòng họp 12 nhé, tỉnh Y tuyển bao nhiêu người?")
    assert "12" in message.strip_times("sở có phòng 12 người?")  # a room of the office with its staff: a figure


def test_the_one_addressed_after_the_question_s_last_word_is_set_aside_but_a_name_stays():
    read = lambda text: message.read(text, never_smalltalk).questions  # noqa: E731
    assert read("tỉnh Y tuyển cỡ nhiêu người vậy chị?") == ("tỉnh Y tuyển cỡ nhiêu người vậy?",)
    assert read("sở có mấy phó giám đốc ạ em") == ("sở có mấy phó giám đốc ạ",)
    assert read("sở có bao nhiêu người dợ anh?") == ("sở có bao nhiêu người dợ?",)  # (Nam Bộ "dợ", "vậy")
    assert read("bài đó tác giả là Vân Anh?") == ("bài đó tác giả là Vân Anh?",)


def test_a_name_signing_off_is_not_a_question():
    reading = message.read("Tỉnh Z có mấy sở?\nTrần Thị Lan", never_smalltalk)
    assert reading.questions == ("Tỉnh Z có mấy sở?",) and reading.set_aside == ("Trần Thị Lan",)


def test_one_sentence_asking_two_things_is_split_only_where_both_sides_ask():
    assert message.parts("A có bao nhiêu người, còn B có mấy phòng?") == ["A có bao nhiêu người", "B có mấy phòng?"]
    assert message.parts("A có mấy thạc sĩ và mấy tiến sĩ?") == ["A có mấy thạc sĩ", "mấy tiến sĩ?"]
    assert message.parts("A có bao nhiêu cán bộ, công chức, viên chức?") == [
        "A có bao nhiêu cán bộ, công chức, viên chức?"]
    assert message.parts("A có bn biên chế vs bn hợp đồng?") == ["A có bn biên chế", "bn hợp đồng?"]  # "vs": với
    assert message.parts("A có bn phòng mà mấy phòng thiếu người?") == ["A có bn phòng", "mấy phòng thiếu người?"]
    assert message.parts("A có mấy người mà đông vậy?") == ["A có mấy người mà đông vậy?"]  # no count after "mà"
    # a comma listing staff is no joint, whatever asks before it ("mấy năm" is a time here)
    listed = "sau mấy năm thì tỷ lệ cán bộ, công chức có trình độ đại học là bao nhiêu?"
    assert message.parts(listed) == [listed]
    assert message.parts("A có mấy cán bộ, viên chức B có bao nhiêu?") == ["A có mấy cán bộ", "viên chức B có bao nhiêu?"]


def test_lan_nao_after_a_lack_says_not_once_and_asks_nothing_of_its_own(engine):
    # "… chưa được đi tập huấn, bồi dưỡng lần nào?": "lần nào" is "even once", not "which time": one question,
    # of those never trained, which no article counts (not "bồi dưỡng lần nào?" answered apart)
    asked = "Sở KH&CN Lạng Sơn có mấy người chưa được đi tập huấn, bồi dưỡng lần nào?"
    assert message.parts(asked) == [asked]
    answer = engine.answer(asked)
    assert answer.outcome == DECLINE and not answer.parts, answer.why


def test_two_figures_requested_at_a_joint_that_adds_are_two_questions_without_a_question_word():
    # "cho hỏi tỷ lệ …, với cả số người …?": a share and a count asked for, no "bao nhiêu" on either side
    asked = "Cho hỏi tỷ lệ cán bộ, công chức tỉnh A có bằng đại học, với cả số người ở Sở B đi học thạc sĩ?"
    assert message.parts(asked) == ["Cho hỏi tỷ lệ cán bộ, công chức tỉnh A có bằng đại học",
                                    "cả số người ở Sở B đi học thạc sĩ?"]
    assert len(message.parts("tỷ lệ nữ của A, còn số lượng người dân tộc ở B?")) == 2
    # a side naming no figure asks nothing; a bare comma adds no question
    one = "tỷ lệ cán bộ có bằng đại học, với cả thạc sĩ?"
    assert message.parts(one) == [one]
    assert message.parts("tỷ lệ nữ ở A, số người ở B?") == ["tỷ lệ nữ ở A, số người ở B?"]


def test_southern_particles_around_a_question_are_set_aside():
    assert message.read("Ủa, tỉnh A có bi nhiêu sở vậy cà?", never_smalltalk).questions == ("tỉnh A có bi nhiêu sở vậy?",)
    assert message.read("Sở có mấy phó giám đốc dậy ta?", never_smalltalk).questions == ("Sở có mấy phó giám đốc dậy?",)
    assert message.read("Cà Mau có mấy sở?", never_smalltalk).questions == ("Cà Mau có mấy sở?",)  # a name stays


def test_the_one_called_at_the_start_of_a_question_is_set_aside():
    # "bác" folds to the "Bắc" of Bắc Kạn: called at the start, it is no word of the question
    assert message.read("Thế bác ơi, tỉnh A có mấy sở?", never_smalltalk).questions == ("tỉnh A có mấy sở?",)
    assert message.read("Chị ơi tỉnh A có mấy sở?", never_smalltalk).questions == ("tỉnh A có mấy sở?",)
    assert message.read("Này anh ơi, tỉnh A có mấy sở?", never_smalltalk).questions == ("tỉnh A có mấy sở?",)
    assert message.read("Bác sĩ tỉnh A có mấy người?", never_smalltalk).questions == ("Bác sĩ tỉnh A có mấy người?",)


def test_a_request_to_ask_and_an_i_wonder_before_the_question_are_set_aside():
    read = lambda text: message.read(text, never_smalltalk).questions  # noqa: E731
    assert read("Tui hỏi chút, hổng biết tỉnh A có mấy sở?") == ("tỉnh A có mấy sở?",)
    assert read("Em hỏi không biết tỉnh A có mấy sở?") == ("tỉnh A có mấy sở?",)
    assert read("Cho tui hỏi dzới, tỉnh A có mấy sở dzậy ta?") == ("tỉnh A có mấy sở dzậy?",)  # (Nam Bộ)
    assert read("Không biết tỉnh A có mấy sở?") == ("tỉnh A có mấy sở?",)
    # not at the start, "không biết" is what is counted
    assert read("tỉnh A có mấy người không biết chữ?") == ("tỉnh A có mấy người không biết chữ?",)


def test_central_particles_around_a_question_are_set_aside():
    assert message.read("Răng rứa hè, tỉnh A có mấy sở hỉ?", never_smalltalk).questions == ("tỉnh A có mấy sở?",)
    assert message.read("Rứa, tỉnh A có mấy sở rứa hè?", never_smalltalk).questions == ("tỉnh A có mấy sở rứa?",)
    # "răng" asking why, and "hè" the summer, stay
    assert message.read("Răng tỉnh A ít người rứa?", never_smalltalk).questions == ("Răng tỉnh A ít người rứa?",)
    assert message.read("mấy người nghỉ hè?", never_smalltalk).questions == ("mấy người nghỉ hè?",)


def test_the_northern_closing_particle_for_that_one_is_set_aside():
    # "í" is "ấy" said in the North: "người được báo phỏng vấn í", the one the paper interviewed
    assert message.read("ai là trưởng phòng, người được phỏng vấn í", never_smalltalk).questions == (
        "ai là trưởng phòng, người được phỏng vấn",)
    assert message.read("quý I có mấy lớp?", never_smalltalk).questions == ("quý I có mấy lớp?",)  # a numeral stays


def test_what_follows_a_question_closed_to_someone_and_a_comma_is_said_aside():
    reading = message.read("tỉnh A có mấy sở vậy chị, em quên béng mất rồi.", never_smalltalk)
    assert reading.questions == ("tỉnh A có mấy sở vậy",) and reading.context == "em quên béng mất rồi."
    # a second question after it is still asked
    assert message.read("tỉnh A có mấy sở không em, còn huyện B thì sao?", never_smalltalk).questions == (
        "tỉnh A có mấy sở không", "còn huyện B thì sao?")


def test_the_machinery_of_government_asks_nothing():
    # "bộ máy" and "máy tính" fold to the "may" of "mấy"
    assert not message.asks("Đề án sắp xếp bộ máy 2019") and not message.asks("Kế hoạch mua sắm may tinh")
    assert message.asks("sở có may phó giám đốc")
    assert message.asking_clauses("Thực hiện đề án tinh giản bộ máy, tỉnh A có mấy sở?") == "tỉnh A có mấy sở?"
    # a place ending in "Bồ" before "mấy" typed with its mark asks; "bo may" without marks stays the machinery
    assert message.asks("Hoành Bồ mấy xã có cán bộ tăng cường vậy anh")
    assert not message.asks("Hoanh Bo sap xep lai bo may nam 2019")


def test_a_closing_clause_of_doubt_with_no_figure_is_set_aside():
    reading = message.read("Tỉnh A có bao nhiêu xã có cán bộ tăng cường, chẳng lẽ xã nào cũng có?", never_smalltalk)
    assert reading.questions == ("Tỉnh A có bao nhiêu xã có cán bộ tăng cường?",)
    assert message.read("Tỉnh A có mấy sở, hổng lẽ chỉ có mấy sở thôi hả", never_smalltalk).questions == (
        "Tỉnh A có mấy sở?",)
    # a doubt naming a figure is a claim to check, kept
    assert message.read("Tỉnh A có mấy sở, không lẽ có 20 sở?", never_smalltalk).questions == (
        "Tỉnh A có mấy sở, không lẽ có 20 sở?",)


def test_questions_numbered_in_a_list_are_read_without_their_numbers():
    reading = message.read("Hỏi 2 việc nhé: (1) Tỉnh A có mấy sở? (2) huyện B có bao nhiêu xã?", never_smalltalk)
    assert reading.questions == ("Tỉnh A có mấy sở?", "huyện B có bao nhiêu xã?")
    assert message.read("2018 tỉnh A có mấy sở?", never_smalltalk).questions == ("2018 tỉnh A có mấy sở?",)


def test_the_group_addressed_after_the_question_is_set_aside():
    assert message.read("A giao bn biên chế thế mn?", never_smalltalk).questions == ("A giao bn biên chế thế?",)
    assert message.read("Tỉnh A có mấy sở không mọi người", never_smalltalk).questions == ("Tỉnh A có mấy sở không",)
    assert message.read("Tỉnh A có mấy sở rồi hả bác?", never_smalltalk).questions == ("Tỉnh A có mấy sở rồi hả?",)
    # "v", "z": "vậy" as chat types it
    assert message.read("tỉnh A có mấy pgđ v mn", never_smalltalk).questions == ("tỉnh A có mấy pgđ v",)


def test_phone_numbers_and_times_are_removed_but_a_question_keeps_its_dates():
    assert "0912" not in message.strip_times("gọi 0912 345 678 lúc 8h30")
    assert "26/12/2017" in message.strip_times("quyết định ngày 26/12/2017 số mấy?")
    # a time of day goes; hours no day has are a length of time, a figure that stays
    assert "14" not in message.strip_times("họp lúc 14 giờ, sở có mấy người?")
    assert "45 giờ" in message.strip_times("mỗi chức danh chỉ làm 45 giờ/tháng hả?")


# ---------------------------------------------------------------- answering whole messages


def test_a_question_wrapped_in_a_whole_message_is_answered_as_alone(engine):
    alone = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người trình độ trên đại học?")
    wrapped = engine.answer("Dạ em chào anh chị ạ 😊 Em mới về phòng tổ chức, họp lúc 9h sáng mai. "
                            "Sở KH&CN Lạng Sơn có bao nhiêu người trình độ trên đại học ạ? Em cảm ơn!\n"
                            "-- \nLê Thị Mai\nSĐT 0911 222 333")
    assert alone.outcome == ANSWER and wrapped.outcome == ANSWER and wrapped.fact.id == alone.fact.id


def test_two_questions_get_two_answers_each_with_its_source(engine):
    a = engine.answer("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên, còn Sở KH&CN Lạng Sơn có bao nhiêu người?")
    assert a.outcome == ANSWER and len(a.parts) == 2 and all(p.answered for p in a.parts)
    assert {s.publisher for s in a.sources} >= {"Báo Lạng Sơn"} and len({s.id for s in a.sources}) == 2
    record = to_json(a)
    assert "92" in record["answer"] and "71" in record["answer"]
    assert record["why"]["rule"] == Rule.SEVERAL and len(record["why"]["parts"]) == 2


def test_two_things_weighed_at_length_are_each_answered_though_the_question_covers_little_of_either(engine):
    for text in ("Ở sở KHCN Hải Dương, người học tiến sĩ nhiều hơn hay người học cao cấp lý luận chính trị nhiều hơn?",
                 "Bên sở khoa học Hải Dương, người đi học thạc sĩ đông hơn hay người đi học cao cấp lý luận chính trị "
                 "đông hơn?"):
        a = engine.answer(text)
        assert a.outcome == ANSWER and len(a.parts) == 2 and all(p.answered for p in a.parts), text
        assert "7 công chức" in to_text(a) and ("2 công chức" in to_text(a) or "11 công chức" in to_text(a))


def test_a_part_not_answered_is_said_not_hidden(engine):
    a = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người, còn Sở KH&CN Lạng Sơn có bao nhiêu đảng viên?")
    assert a.outcome == ANSWER and [p.answered for p in a.parts] == [True, False]
    assert "chưa có thông tin" in to_text(a) and "chưa có thông tin" in to_json(a)["answer"]


# ---------------------------------------------------------------- confirmations, places, regional speech


def test_a_choice_between_figures_names_the_one_the_article_gives(engine):
    right = engine.answer("Sở KH&CN Lạng Sơn có 71 hay 17 người nhỉ?")
    assert right.outcome == ANSWER and right.lead == "Theo bài viết là 71."
    neither = engine.answer("Sở KH&CN Lạng Sơn có 70 hay 72 cán bộ, công chức, viên chức và người lao động?")
    assert neither.outcome == ANSWER and neither.lead == "Theo bài viết, con số là 71 (không phải 70 hay 72)."
    # never "Đúng." for a figure the fact does not give, whatever the phrasing
    assert engine.answer("Sở KH&CN Lạng Sơn có 70 hay 72 người?").lead != "Đúng."
    # figures each with its rounding word are still a choice, and the one given is said as the article says it
    rounded = engine.answer("Bắc Kạn mỗi năm bồi dưỡng trên 20% hay trên 30% cán bộ, công chức, viên chức?")
    assert rounded.outcome == ANSWER and rounded.lead == "Theo bài viết là trên 20%.", rounded.lead
    assert engine.answer("Đông Triều có 14.712 hay 17.412 trí thức?").lead == "Theo bài viết là trên 17.412."


def test_a_figure_remembered_with_doubt_is_checked(engine):
    assert engine.answer("Sở KH&CN Lạng Sơn có 71 người, mình nhớ vậy mà không chắc").lead == "Đúng."
    assert engine.answer("Sở KH&CN Lạng Sơn có 80 người, số này có chuẩn không?").lead.startswith("Chưa đúng")


def test_a_place_we_do_not_cover_named_beside_one_we_do_is_declined(engine):
    a = engine.answer("Cao Bằng sát Lạng Sơn, vậy Sở KH&CN Cao Bằng có bao nhiêu người?")
    assert a.outcome == DECLINE and "Cao Bằng" in a.missing and a.why.rule == Rule.UNKNOWN_PLACE


def test_regional_words_reach_the_articles_terms(engine):
    standard = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người trình độ đại học?")
    regional = engine.answer("Sở khoa học Lạng Sơn có bi nhiêu người trình độ đại học dị?")
    assert standard.outcome == regional.outcome == ANSWER and standard.fact.id == regional.fact.id


# ---------------------------------------------------------------- why


def test_every_outcome_says_which_rule_decided_with_its_values(engine):
    answered = engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu cán bộ, công chức, viên chức và người lao động?")
    assert answered.why.rule in (Rule.STRONG, Rule.DOMINANT)
    values = to_json(answered)["why"]
    assert values["score"] >= values["answer_threshold"] and values["fact"] == answered.fact.id
    vague = engine.answer("có bao nhiêu công chức?")
    assert vague.outcome in (CLARIFY, DECLINE) and vague.why.rule == Rule.NO_UNIT_NAMED
    assert engine.answer("xin chào").why.rule == Rule.SMALLTALK
    assert engine.answer("Sở KH&CN Lạng Sơn có bao nhiêu người năm 1999?").why.rule == Rule.FIGURE_NOT_GIVEN


def test_a_message_flattened_to_one_line_is_read_the_same():
    """Chat clients and forwarding often join lines: headers and sign-offs are found inside a line too."""
    flat = ("---------- Forwarded message --------- Từ: Phòng Tổ chức Ngày: 03/02/2025 10:20 "
            "Huyện X có bao nhiêu công chức? Trân trọng! Phạm Văn B ĐT: 0987 654 321")
    reading = message.read(flat, never_smalltalk)
    assert reading.questions == ("Huyện X có bao nhiêu công chức?",)
    assert not any("0987" in q or "Phạm" in q for q in reading.questions)
    quoted = message.read('Chị C (P.TCHC): "Tỉnh Y có mấy sở ạ?" nhờ bot trả lời hộ em', never_smalltalk)
    assert quoted.questions[0] == "Tỉnh Y có mấy sở ạ?"


def test_two_articles_stating_the_same_figure_do_not_make_a_question_ambiguous(config, knowledge_copy):
    engine = build_engine(with_test_articles(config, knowledge_copy, {"n": 1}, {"n": 2}))
    a = engine.answer(TEST_QUESTION)
    assert a.outcome == ANSWER and "123" in a.fact.answer


def test_tong_cong_stresses_a_count_of_times_but_otherwise_asks_for_a_whole(engine):
    scope, read = engine.index.scope, engine.analyse
    assert not scope.question(read("tổng cộng bao nhiêu lượt đi bồi dưỡng").tokens).total
    assert scope.question(read("tổng cộng bao nhiêu người").tokens).total
    a = engine.answer("Sở KH&CN Hải Dương cử cán bộ đi bồi dưỡng chuyên môn nghiệp vụ tổng cộng bao nhiêu lượt?")
    assert a.outcome == ANSWER and a.fact.id == "hd-boi-duong-chuyen-mon"


def test_a_clarification_never_offers_one_choice_or_the_same_wording_twice(config, knowledge_copy):
    """Two facts worded alike cannot be told apart by whoever picks: one choice is no choice."""
    engine = build_engine(with_test_articles(config, knowledge_copy, {"n": 1, "count": 120}, {"n": 2}))
    a = engine.answer(TEST_QUESTION)
    wordings = [s.question for s in a.suggestions]
    assert len(wordings) == len(set(wordings)) and (a.outcome != CLARIFY or len(wordings) >= 2)
    assert not a.answered  # 120 or 123: the articles disagree, and nothing in the question decides


def test_the_whole_a_question_counts_within_is_not_a_figure_to_match(engine):
    from bot.engine.questions import without_the_whole
    assert "71" not in without_the_whole("trong 71 người của Sở, bao nhiêu người có bằng đại học?")
    assert "71" not in without_the_whole("trong so 71 nguoi cua so co bao nhieu nguoi dai hoc")
    assert "3 năm" in without_the_whole("trong 3 năm giảm bao nhiêu biên chế?")  # a period stays
    a = engine.answer("Trong 71 người của Sở KH&CN Lạng Sơn có bao nhiêu người trình độ đại học?")
    assert a.outcome == ANSWER and "47" in a.fact.answer


def test_the_same_count_asked_of_a_second_place_is_said_unanswered_not_dropped(engine):
    # (its words, places aside, are the first part's: it was taken for the first asked again)
    asked = ("Sở KH&CN Lạng Sơn có bao nhiêu người trình độ trên đại học, Sở KH&CN Hải Dương có bao nhiêu người "
             "trình độ trên đại học?")
    a = engine.answer(asked)
    assert a.answered and len(a.parts) == 2 and not a.parts[1].answered, a.why
    assert "Hải Dương" in to_text(a)


def test_a_short_question_after_con_asks_the_same_of_what_it_names(engine):
    assert message.parts("A có bao nhiêu người, còn B?") == ["A có bao nhiêu người", "B?"]
    assert message.parts("A có bao nhiêu người, còn nhiều việc khác") == ["A có bao nhiêu người, còn nhiều việc khác"]
    both = engine.answer("Tỷ lệ cán bộ Bắc Kạn đạt chuẩn ngoại ngữ là bao nhiêu, còn CNTT?")
    assert [p.fact.id for p in both.parts] == ["bk-ngoai-ngu", "bk-cntt"], both.why
    other = engine.answer("Hoành Bồ tinh giản bao nhiêu biên chế năm 2019, còn Đông Triều?")
    assert other.answered and len(other.parts) == 2 and not other.parts[1].answered, other.why


def test_a_place_around_a_question_is_never_left_for_another_place_s_figure(engine):
    # a label naming the place: its subject, whatever the question's words fit elsewhere (Bắc Kạn's 99,9%)
    labelled = engine.answer("Hải Dương: tỷ lệ cán bộ đạt chuẩn ngoại ngữ là bao nhiêu?")
    assert not labelled.answered and labelled.places == ("Hải Dương",), labelled.why
    # a place whose facts come close but give no such figure (Bắc Kạn counts no cấp xã apart; Hoành Bồ's target
    # for its cán bộ chủ chốt cơ sở xã is not it)
    close = engine.answer("Em hỏi về tỉnh Bắc Kạn ạ. Tỷ lệ công chức cấp xã có trình độ đại học là bao nhiêu?")
    assert not close.answered and close.places == ("Bắc Kạn",), close.why
    assert engine.answer("Hải Dương: có bao nhiêu đoàn viên công đoàn?").answered


def test_the_title_a_message_speaks_of_is_found_in_its_context():
    assert message.title_named("Bên em sắp mời ông Phó Giám đốc Sở KH&CN Lạng Sơn dự buổi làm việc") == \
        "Phó Giám đốc Sở KH&CN Lạng Sơn"
    assert message.title_named("hôm qua đồng chí Nguyễn Văn An phát biểu") == "Nguyễn Văn An"
    assert message.title_named("Bên em cần số liệu gấp") == ""


def test_a_pronoun_in_the_question_means_the_person_its_context_names(engine):
    text = ("Kính gửi bot,\nPhòng em sắp mời đồng chí Phó Giám đốc Sở KH&CN Lạng Sơn đến dự tọa đàm ngày 5/9. "
            "Nhờ bot cho biết họ tên đồng chí đó.\nTrân trọng!\nLê Văn Bình – Phòng Tổ chức\nĐT: 0987 654 321")
    answer = engine.answer(text)
    assert answer.answered and answer.fact.id == "ls-pho-giam-doc-so"


def test_a_quoted_passage_of_an_article_is_answered_by_the_fact_quoting_it(engine):
    assert message.quoted("Nhóm đang bàn câu “thị xã đã đánh giá, bổ nhiệm và bổ nhiệm lại cho …” bị cắt") == \
        "thị xã đã đánh giá, bổ nhiệm và bổ nhiệm lại cho"
    assert message.quoted("cuộc vận động “Đoàn kết” là gì") == ""  # a name in quotes, not a passage
    cut = engine.answer("Nhóm đang bàn câu “thị xã đã đánh giá, bổ nhiệm và bổ nhiệm lại cho …” bị cắt mất, "
                        "bot cho xin con số")  # a word of the article ("cũng") left out, the figure cut off
    assert cut.answered and cut.fact.id == "dt-bo-nhiem"
    bare = engine.answer("Nhóm đang bàn câu “thị xã đã đánh giá, bổ nhiệm và bổ nhiệm lại cho …” bị cắt mất")
    assert bare.answered and bare.why.rule == Rule.QUOTED and bare.fact.id == "dt-bo-nhiem"


def test_a_passage_quoted_as_context_does_not_answer_the_question_asked_beside_it(engine):
    text = ("Fw: tài liệu họp chiều nay\n“thị xã cũng đã đánh giá, bổ nhiệm và bổ nhiệm lại cho 517 cán bộ”\n"
            "Anh ơi Đông Triều mở được bao nhiêu lớp đào tạo cho cán bộ ạ?")
    answer = engine.answer(text)
    assert answer.answered and answer.fact.id == "dt-lop-dao-tao"


def test_a_quoted_passage_with_a_figure_the_article_does_not_give_is_not_its_passage(engine):
    checked = engine.answer("Báo viết “Sở KH&CN Lạng Sơn có 70 cán bộ, công chức, viên chức và người lao động” "
                            "đúng không?")
    assert checked.why.rule != Rule.QUOTED and checked.lead.startswith("Chưa đúng")
    invented = engine.answer("Có người gửi câu “thị xã đã đánh giá, bổ nhiệm và bổ nhiệm lại cho 999 cán bộ”")
    assert invented.why.rule != Rule.QUOTED


def test_a_word_typed_with_its_tones_is_a_question_word_only_if_they_are_its(engine):
    # "đầu tư" is not "đâu", "máy tính" not "mấy": one question, not two
    assert message.parts("Quỹ đầu tư của tỉnh sau khi gộp 2 quỹ còn bao nhiêu người?") == \
        ["Quỹ đầu tư của tỉnh sau khi gộp 2 quỹ còn bao nhiêu người?"]
    assert len(message.parts("Lạng Sơn có mấy người trên đại học, còn Bắc Kạn tỷ lệ là bao nhiêu?")) == 2
    assert len(message.parts("lang son co may nguoi tren dai hoc, con bac kan ty le la bao nhieu")) == 2


def test_from_one_figure_down_to_another_is_one_question():
    for text in ("Tỉnh đã giảm số phòng từ bao nhiêu xuống còn bao nhiêu?",
                 "số đơn vị sự nghiệp rút từ bao nhiêu giảm còn mấy", "trước có mấy phó giám đốc nay chỉ còn mấy?"):
        assert message.parts(text) == [text], text
    assert len(message.parts("A có bao nhiêu phòng, còn B có bao nhiêu phòng?")) == 2  # "còn" after a comma joins


def test_asking_the_group_who_knows_is_chatter_before_the_question_put_to_the_bot():
    for text in ("mọi người ơi có ai biết không, em hỏi bot luôn: Đông Triều mở bao nhiêu lớp đào tạo?",
                 "ai rành ko ạ... để hỏi ad: Đông Triều mở bao nhiêu lớp đào tạo?"):
        reading = message.read(text, lambda s: False)
        assert reading.questions == ("Đông Triều mở bao nhiêu lớp đào tạo?",), reading


def test_asking_the_group_who_knows_after_the_question_is_set_aside():
    for text in ("Trưởng phòng Nội vụ tỉnh Z tên chi rứa, có ai biết không hè?",
                 "truong phong noi vu tinh z ten gi, ai biet ko"):
        assert message.read(text, lambda s: False).questions[0].startswith(("Trưởng phòng", "truong phong")), text
        assert "biet" not in fold(message.read(text, lambda s: False).questions[0]), text
    chatter = "Hôm nay họp, có ai biết không?"  # nothing before it asks: not a question put to the bot
    assert not message.asks(chatter)


def test_calling_an_elder_asking_a_little_and_where_it_was_read_are_set_aside(engine):
    # "Chú ơi", "hỏi tí" (never "tỷ", a billion, as "ti" without its accent reads), "mà trên báo nhắc tới"
    text = "Chú ơi cho cháu hỏi tí, ông phó giám đốc Sở KH&CN Lạng Sơn mà trên báo nhắc tới tên là gì?"
    assert not {"chu", "ty", "nhac"} & set(engine.index.reader.analyse(text).tokens)
    a = engine.answer(text)
    assert a.answered and a.fact.id == "ls-pho-giam-doc-so"
    mentioned = "Phó giám đốc Sở KH&CN Lạng Sơn được nhắc trong bài là ai?"  # mentioned in the article
    assert "nhac" not in engine.index.reader.analyse(mentioned).tokens
    assert engine.answer(mentioned).fact.id == "ls-pho-giam-doc-so"
    assert "nhac" in engine.index.reader.analyse("bao nhiêu người bị nhắc nhở").tokens  # warned: a content word


def test_a_later_part_saying_little_is_not_answered_by_a_fact_of_another_article_and_place(config, tmp_path):
    # "…, thực tế được bao nhiêu?" after a part offering choices is asked of what those are about: never of a
    # fact of a place the message does not name, which those few words happen to fit
    import dataclasses
    import shutil
    import yaml
    from bot.service.config import REPO_ROOT
    folder = tmp_path / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", folder)
    said = "Năm 2024, thực tế Sở Tư pháp Cao Bằng chỉ được giao 12 biên chế."
    (folder / "articles" / "test-extra.yaml").write_text(yaml.safe_dump({
        "article": {"id": "test-26", "title": "Bài thử 26", "publisher": "Báo thử", "date": "2024-05-26",
                    "author": "Người viết", "places": ["Cao Bằng"], "text": said},
        "facts": [{"id": "test-26-thuc-te", "place": "Cao Bằng", "unit": "Sở Tư pháp Cao Bằng", "time": "năm 2024",
                   "answer": said, "quote": said,
                   "questions": ["Thực tế được giao bao nhiêu biên chế?", "Thực tế được bao nhiêu?"]}]},
        allow_unicode=True), encoding="utf-8")
    engine = build_engine(dataclasses.replace(config, knowledge_dir=folder))
    assert engine.answer("thực tế được bao nhiêu?").fact.id == "test-26-thuc-te"  # alone, it fits
    a = engine.answer("có mấy tiến sĩ, thực tế được bao nhiêu?")
    assert all(p.fact is None or p.fact.id != "test-26-thuc-te" for p in (*a.parts, a))


def test_a_request_for_a_contact_detail_after_a_question_is_a_second_question(engine):
    a = engine.answer("Địa chỉ Sở KH&CN Hải Dương ở đâu vậy, cho mình xin luôn số điện thoại nhé")
    assert a.answered and {p.fact.id for p in a.parts} == {"hd-dia-chi", "hd-dien-thoai"}


def test_a_question_someone_is_reported_to_ask_follows_hoi():
    reading = message.read("Đang họp ở phòng 305 mà trưởng phòng hỏi Đông Triều mở bao nhiêu lớp đào tạo?",
                           lambda s: False)
    assert reading.questions == ("Đông Triều mở bao nhiêu lớp đào tạo?",)
    assert "305" in reading.context  # the room is context, never the figure asked
    # what one says of oneself before "cho e hỏi" is context too
    reading = message.read("e mới vào làm nên chưa rõ lắm, cho e hỏi Đông Triều mở bao nhiêu lớp đào tạo ạ",
                           lambda s: False)
    assert reading.questions == ("Đông Triều mở bao nhiêu lớp đào tạo ạ",)


def test_a_quote_beside_a_question_of_its_own_never_answers_for_it(engine):
    text = ("Fw: tài liệu hội nghị ngày 3/4 “thị xã cũng đã đánh giá, bổ nhiệm và bổ nhiệm lại cho 517 cán bộ” "
            "Anh ơi thị xã đó có bao nhiêu đảng viên ạ?")  # the articles give no count of đảng viên
    answer = engine.answer(text)
    assert not answer.answered or answer.fact.id != "dt-bo-nhiem"


def test_the_day_of_a_meeting_is_never_the_figure_asked():
    assert "12" not in message.strip_times("Fw: tài liệu hội nghị ngày 12/5 anh ơi")
    assert "26/12/2017" in message.strip_times("ngày 26/12/2017 UBND tỉnh ký quyết định gì")


def test_va_before_a_question_of_its_own_splits_but_two_nouns_of_one_question_do_not():
    assert message.parts("Đông Triều mở bao nhiêu lớp năm 2018 và tới cuối năm phải bồi dưỡng bao nhiêu người?") == \
        ["Đông Triều mở bao nhiêu lớp năm 2018", "tới cuối năm phải bồi dưỡng bao nhiêu người?"]
    assert message.parts("Sở có bao nhiêu thạc sĩ và tiến sĩ?") == ["Sở có bao nhiêu thạc sĩ và tiến sĩ?"]


def test_two_standards_asked_together_without_diacritics_are_both_answered(engine):
    answer = engine.answer("ty le can bo bac kan dat chuan tin hoc va chuan ngoai ngu la bao nhieu")
    assert answer.answered and {p.fact.id for p in answer.parts} == {"bk-cntt", "bk-ngoai-ngu"}


def test_an_emoji_ends_a_sentence_so_the_question_after_it_stands_alone():
    r = message.read("em mới về phòng nên chưa rõ số liệu 😅 Sở KH&CN Lạng Sơn có mấy người vậy ạ?", lambda s: False)
    assert r.questions == ("Sở KH&CN Lạng Sơn có mấy người vậy ạ?",)


def test_an_emoji_ends_a_sentence_whatever_case_the_next_opens_with():
    r = message.read("Dạ chào ad, sáng thứ 2 làm phiền xíu 😅 huyện Hoành Bồ tinh giản bao nhiêu biên chế ạ?",
                     lambda s: False)
    assert len(r.questions) == 1 and r.questions[0].startswith("huyện Hoành Bồ") and "làm phiền" in r.context


def test_a_question_word_is_read_as_typed():
    """"đầu tuần" folds to the letters of "đâu" (where): typed with its marks, it asks nothing."""
    assert not message.asks("sáng thứ 2 đầu tuần đã bị sếp giao việc")
    assert message.asks("số liệu này lấy ở đâu") and message.asks("so lieu nay lay o dau")
    r = message.read("Hello cả nhà 👋 sáng thứ 2 đầu tuần đã bị sếp giao việc 😅 cho mình hỏi Hoành Bồ mở mấy lớp?",
                     lambda s: False)
    assert len(r.questions) == 1 and "đầu tuần" in r.context


def test_a_bracketed_label_opening_a_message_is_where_it_was_posted():
    r = message.read("[Nhóm Zalo Ban Tổ chức] ad ơi, Hoành Bồ mở mấy lớp?", lambda s: False)
    assert r.questions == ("Hoành Bồ mở mấy lớp?",) and r.set_aside == ("[Nhóm Zalo Ban Tổ chức]",)


def test_an_official_request_asks_what_follows_it():
    r = message.read("Để tổng hợp báo cáo quý III (hạn 15/9), đề nghị cung cấp số lớp Hoành Bồ mở năm 2019.",
                     lambda s: False)
    assert r.questions[0].startswith("đề nghị cung cấp") and "15/9" in r.context


def test_a_quoted_headline_sets_the_place_of_the_question_beside_it(engine):
    a = engine.answer('Fw: "Sở KH&CN Hải Dương xây dựng đội ngũ công chức vững mạnh..."\n'
                      "Cho em hỏi sở đó có mấy người học thạc sĩ ạ?")
    assert a.answered and a.fact.id == "hd-thac-si"


def test_a_later_part_of_a_message_about_a_place_the_knowledge_lacks_is_of_that_place_too(engine):
    # a place the bundled knowledge has no article on; the second part names none, and is no other place's figure
    answer = engine.answer("Bắc Giang giảm 234 lãnh đạo thì bao nhiêu lãnh đạo sở, bao nhiêu lãnh đạo cấp phòng?")
    assert not answer.answered and "Bắc Giang" in " ".join(answer.missing)


def test_a_sentence_asking_only_by_a_closing_nhe_or_voi_is_a_question_only_when_nothing_else_asks():
    chat = "[Chị B]: nhớ nộp báo cáo nhé\n@bot ơi cho mình hỏi: tỉnh A có mấy sở?\n[Chị B]: mang theo sổ nhé"
    assert message.read(chat, never_smalltalk).questions == ("tỉnh A có mấy sở?",)
    assert message.read("Tỉnh A có mấy sở? Gửi giúp mình với", never_smalltalk).questions == ("Tỉnh A có mấy sở?",)
    assert message.read("gửi mình số cán bộ tỉnh A nhé", never_smalltalk).questions == ("gửi mình số cán bộ tỉnh A nhé",)


def test_the_weekday_of_the_chat_is_never_a_figure_but_a_rank_is():
    assert "6" not in message.strip_times("hi ad, chiều thứ 6 rồi, sở có bao nhiêu người?")
    assert "2" not in message.strip_times("thu 2 tuan sau hop, so co bao nhieu nguoi")
    assert "6" in message.strip_times("Bắc Kạn xếp thứ 6 cả nước phải không?")


def test_a_clause_saying_what_the_asker_already_has_is_not_asked(engine):
    # "số liệu năm 2015 … có rồi": the year is of what they have; Bắc Kạn gives only today's share and its rise
    reading = message.read("Số liệu năm 2015 tôi đã có rồi, giờ cần tỷ lệ cán bộ, công chức Bắc Kạn có trình độ "
                           "đại học trở lên.", never_smalltalk)
    assert reading.questions == ("giờ cần tỷ lệ cán bộ, công chức Bắc Kạn có trình độ đại học trở lên.",)
    assert "2015" not in reading.context and "có rồi" in reading.context  # (its places, never its figures)
    a = engine.answer("Số liệu năm 2015 tôi đã có rồi, giờ cần tỷ lệ cán bộ, công chức Bắc Kạn có trình độ đại học "
                      "trở lên.")
    assert a.answered and a.fact.id == "bk-dai-hoc-tro-len"
    # such a clause alone is read as before; one that asks is a question
    assert message.read("con số đó em biết rồi", never_smalltalk).questions == ("con số đó em biết rồi",)
    assert message.read("Hoành Bồ em có rồi, Đông Triều có bao nhiêu trí thức?", never_smalltalk).questions == \
        ("Đông Triều có bao nhiêu trí thức?",)
