"""Multi-turn conversations through the neutral layer: follow-ups, picks, memory per chat and per user,
time-outs, and `ask --conversation`."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import sys

import pytest

from bot.service.config import REPO_ROOT
from bot.engine.render import plain
from bot.engine import followup as engine_followup
from bot.engine.core import CLARIFY, Rule
from handlers import followup
from handlers.conversation import FAILED, NO_AUTHOR_ROLE, NO_CHOICES, Conversation
from handlers.memory import Memory
from handlers.messages import Capabilities, Incoming
from tests.drivers import MemoryPort
from tests.harness import TEST_QUESTION, Clock, channel_config, make_app, with_test_articles


@pytest.fixture
def chat(config, engine, tmp_path):
    """say(text, user=…, group=…) -> the reply's text and its answer, in one conversation layer."""
    app = make_app(channel_config(config, tmp_path), engine)
    clock = Clock(1000.0)
    conversation = Conversation(app, clock=clock, flood=False)
    port = MemoryPort(Capabilities())

    def say(text: str, user: str = "u1", group: bool = False, chat_id: str = "c1"):
        msg = Incoming("memory", chat_id if group else user, user, text, is_group=group)
        before = len(port.chats.get(msg.chat_id, []))
        asyncio.run(conversation.handle(msg, port))
        sent = port.chats.get(msg.chat_id, [])[before:]  # what the port received for this message
        assert len(sent) == 1, [plain(m.lines) for m in sent]
        return plain(sent[0].lines), sent[0].answer

    say.clock = clock
    say.app = app
    return say


def fact_of(answer) -> str | None:
    return answer.fact.id if answer is not None and answer.answered else None


def test_another_place_and_another_topic(chat):
    assert fact_of(chat("Hoành Bồ mở bao nhiêu lớp đào tạo?")[1]) == "hb-lop-dao-tao"
    assert fact_of(chat("Vậy còn ở Đông Triều?")[1]) == "dt-lop-dao-tao"
    assert fact_of(chat("sở khcn hải dương có bao nhiêu người đi học thạc sĩ")[1]) == "hd-thac-si"
    assert fact_of(chat("thế còn tiến sĩ?")[1]) == "hd-tien-si"
    assert fact_of(chat("còn cao cấp lý luận chính trị thì sao")[1]) == "hd-cao-cap-llct"


def test_a_follow_up_answered_by_the_same_fact_keeps_the_thread_s_question(chat):
    assert fact_of(chat("Bắc Kạn có bao nhiêu % cán bộ, công chức có trình độ trung cấp lý luận chính trị?")[1]) == \
        "bk-llct-can-bo-cong-chuc"
    assert fact_of(chat("tăng bao nhiêu so với 2015?")[1]) == "bk-llct-can-bo-cong-chuc"
    assert fact_of(chat("còn viên chức thì sao?")[1]) == "bk-llct-vien-chuc"  # that question, of the viên chức


def test_questions_about_the_last_answer(chat, engine):
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    article = engine.kb.articles[engine.kb.fact("hb-tinh-gian-bien-che").article_id]
    for text, wanted in (("năm nào?", "Thời điểm của số liệu"), ("nguồn ở đâu?", article.title),
                         ("ai viết bài này?", article.author), ("bài đăng ngày nào?", "đăng ngày")):
        reply, answer = chat(text)
        assert wanted in reply and fact_of(answer) == "hb-tinh-gian-bien-che", text


def test_a_question_about_the_source_after_a_decline_is_of_the_last_answer_given(chat, engine):
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    assert not chat("thế riêng xã Thống Nhất tinh giản mấy người?")[1].answered  # (a decline: it has no source)
    article = engine.kb.articles[engine.kb.fact("hb-tinh-gian-bien-che").article_id]
    reply, answer = chat("bài đó báo nào đưa vậy?")
    # the answer it is about said again with it: the reply just above is the decline
    assert article.publisher in reply and fact_of(answer) == "hb-tinh-gian-bien-che" and answer.fact.answer in reply
    reply, answer = chat("ai viết?")  # (and then of that answer, just above)
    assert article.author in reply and fact_of(answer) == "hb-tinh-gian-bien-che" and answer.fact.answer not in reply


@pytest.mark.parametrize("pick", ["2", "số 2", "câu 2", "chọn 2", "Chọn số 2 nhé", "#2", "hai"])
def test_a_choice_is_picked_by_number(chat, engine, pick):
    expected = engine.answer("có bao nhiêu viên chức").suggestions[1].fact_id
    reply, _ = chat("có bao nhiêu viên chức")
    assert "(Gõ số 1–" in reply
    assert fact_of(chat(pick)[1]) == expected


def test_a_choice_is_picked_by_a_few_of_its_words(chat, engine):
    suggestions = engine.answer("có bao nhiêu viên chức").suggestions
    chat("có bao nhiêu viên chức")
    words = {s.fact_id: s.question for s in suggestions}
    target = next(f for f, q in words.items() if "Trung tâm" in q)
    assert fact_of(chat("cái trung tâm ứng dụng")[1]) == target


@pytest.mark.parametrize("pick, wanted", [("còn viên chức thì sao?", "bk-llct-vien-chuc"),
                                          ("thế còn cán bộ, công chức?", "bk-llct-can-bo-cong-chuc")])
def test_a_choice_is_picked_by_what_a_shift_names(chat, pick, wanted):
    # choices of one place for two groups: "còn X thì sao?" names X, as "X" alone would
    assert chat("tỷ lệ có trung cấp lý luận chính trị trở lên ở Bắc Kạn là bao nhiêu?")[1].outcome == CLARIFY
    assert fact_of(chat(pick)[1]) == wanted


def test_a_number_past_the_choices_keeps_them_open_and_without_choices_says_there_are_none(chat, engine):
    offered = engine.answer("có bao nhiêu viên chức").suggestions
    chat("có bao nhiêu viên chức")
    reply, answer = chat("số 9")
    assert answer is None and f"Chỉ có {len(offered)} gợi ý" in reply  # said so, nothing answered
    assert fact_of(chat("2")[1]) == offered[1].fact_id  # the choices are still open
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    reply, answer = chat("2")  # the answer closed the choices
    assert answer is None and reply == NO_CHOICES


def test_a_number_typed_with_no_choices_leaves_the_thread_s_question_for_a_correction(chat):
    chat("Đông Triều mở bao nhiêu lớp đào tạo?")
    assert chat("số 1") == (NO_CHOICES, None)
    assert fact_of(chat("à nhầm, ý là Hoành Bồ cơ")[1]) == "hb-lop-dao-tao"  # the classes, asked of Hoành Bồ


def test_a_follow_up_that_cannot_be_resolved_is_a_new_question(chat):
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    assert fact_of(chat("còn Đông Triều có bao nhiêu trí thức?")[1]) == "dt-tong-so-tri-thuc"
    reply, answer = chat("còn thời tiết thì sao?")
    assert not answer.answered and "21" not in reply


def test_a_decline_keeps_the_choices_and_a_new_question_replaces_them(chat, engine):
    first = engine.answer("có bao nhiêu viên chức").suggestions
    chat("có bao nhiêu viên chức")
    reply, _ = chat("Bắc Giang có bao nhiêu viên chức?")
    # Its examples are bullets; the earlier choices the numbers still pick are listed again, numbered.
    assert "Bắc Giang" in reply and "Gợi ý ở câu trước" in reply and "\n• " in reply
    assert reply.split("Gợi ý ở câu trước")[1].count("\n") == len(first)
    assert all(f"\n{n}. {s.question}" in reply for n, s in enumerate(first, 1))
    assert fact_of(chat("1")[1]) == first[0].fact_id
    chat("có bao nhiêu viên chức")
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")  # a new question: the old choices are gone
    assert chat("1") == (NO_CHOICES, None)


def test_memory_times_out(chat, config):
    chat("Hoành Bồ mở bao nhiêu lớp đào tạo?")
    chat.clock.now += config.conversation.memory_minutes * 60 + 1
    _, answer = chat("còn Đông Triều thì sao?")
    assert fact_of(answer) != "dt-lop-dao-tao"


def test_in_a_group_each_user_has_their_own_memory(chat, engine):
    expected = engine.answer("có bao nhiêu viên chức").suggestions[0].fact_id
    chat("có bao nhiêu viên chức", user="a", group=True)
    chat("Hoành Bồ mở bao nhiêu lớp đào tạo?", user="b", group=True)
    assert fact_of(chat("1", user="a", group=True)[1]) == expected
    assert fact_of(chat("còn Đông Triều thì sao?", user="b", group=True)[1]) == "dt-lop-dao-tao"
    assert chat("1", user="c", group=True) == (NO_CHOICES, None)  # a third member has no choices open


def test_text_feedback_only_right_after_an_answer(chat):
    reply, _ = chat("sai")  # nothing answered yet: not feedback
    assert "Cảm ơn" not in reply
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    assert "Cảm ơn" in chat("👍")[0]
    chat.app.flush()
    (row,) = list(chat.app.store.db["feedback"].rows)
    assert row["vote"] == 1 and row["fact_id"] == "hb-tinh-gian-bien-che"
    assert "Cảm ơn" not in chat("đúng")[0]  # one vote per answer


def test_memory_forgets_the_least_recent_beyond_its_capacity():
    clock = Clock()
    memory = Memory(timeout=60, capacity=2, clock=clock)
    from handlers.memory import ChatState
    for chat_id in ("a", "b", "c"):
        memory.put(("m", chat_id, ""), ChatState(last_question=chat_id))
    assert memory.get(("m", "a", "")).last_question == ""
    assert memory.get(("m", "c", "")).last_question == "c"


def test_follow_up_forms_are_read_without_diacritics_and_with_chat_words():
    assert followup.meta("nguon o dau vay") == "source" and followup.meta("nam nao?") == "time"
    assert followup.meta("ai viet bai nay") == "author" and followup.meta("Hoành Bồ có bao nhiêu") is None
    assert followup.meta("tin này đăng trên báo nào thế") == "source" and followup.meta("so lieu do o dau ra") == "source"
    assert followup.meta("được ký khi nào vậy") == "time" and followup.meta("có hiệu lực từ năm nào") == "time"
    assert followup.meta("đăng ngày nào?") == "date"  # the article's date, not the figure's time
    assert followup.meta("thế ai viết bài này vậy ad") == "author" and followup.meta("bài này đăng hôm nào") == "date"
    assert followup.meta("báo nào đăng thế") == "source" and followup.meta("báo nào đưa vậy") == "source"
    assert followup.meta("nguồn từ đâu vậy?") == "source" and followup.meta("nguon tin la gi") == "source"
    assert followup.meta("con số này theo bài viết là năm nào") == "time" and followup.meta("số mấy?") is None
    assert followup.meta("được cấp năm nào") == "time" and followup.meta("tính từ năm nào tới nay") == "time"
    assert followup.meta("cấp nào?") is None  # a level asked, not a time
    assert followup.meta("trang nào đăng vậy") == "source"  # which site
    # where, when, by whom it was published, asked together: the source line says all three
    assert followup.meta("trang nào đăng, ngày nào vậy?") == "source"
    assert followup.meta("nguồn đâu vậy, ai viết?") == "source"
    assert followup.meta("ai viết và đăng ngày nào") == "source"
    assert followup.meta("năm nào, còn Hoành Bồ thì sao?") is None
    assert engine_followup.shift("con hoanh bo thi sao").rest == "hoanh bo"
    assert engine_followup.shift("the con thac si?").rest == "thac si"
    assert followup.picked("chon so 3", 3) == 2 and followup.picked("3", 2) is None
    assert followup.feedback("sai rồi") == 0 and followup.feedback("sai số liệu nào") is None


def test_ask_conversation_keeps_context_and_dashes_start_afresh():
    turns = "Hoành Bồ mở bao nhiêu lớp đào tạo?\ncòn Đông Triều thì sao?\n---\ncòn Đông Triều thì sao?\n"
    proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "--no-log", "--conversation"],
                          input=turns, capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == 3  # the --- line prints nothing
    assert [r["fact_id"] for r in records[:2]] == ["hb-lop-dao-tao", "dt-lop-dao-tao"]
    assert records[1]["question"] == "còn Đông Triều thì sao?"
    assert records[2]["fact_id"] != "dt-lop-dao-tao"  # a new conversation has no last question


def test_questions_about_the_last_answer_are_short_replies(chat, engine):
    first, _ = chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    fact = engine.kb.fact("hb-tinh-gian-bien-che")
    for text in ("nguồn?", "link bài", "năm nào?", "ai viết bài này?"):
        reply, answer = chat(text)
        assert fact_of(answer) == fact.id, text  # still about the last answer (feedback, the log)
        assert "Nguồn:" not in reply and fact.quote not in reply and len(reply) < len(first), (text, reply)
    assert fact.time in chat("năm nào?")[0] and fact.answer in chat("năm nào?")[0]  # a time said with its figure


def test_cancel_with_nothing_pending_is_not_a_question(chat):
    reply, answer = chat("hủy")
    assert answer is None and "Không có gì đang chờ" in reply
    chat("có bao nhiêu viên chức")
    reply, answer = chat("huỷ")  # choices open: "cancel" drops them
    assert answer is None and "bỏ qua các gợi ý" in reply
    assert chat("1") == (NO_CHOICES, None)  # the numbers no longer pick them


def test_ok_is_acknowledged_not_thanked_and_not_a_vote(chat):
    for text in ("ok", "Ok.", "oke", "vâng"):
        reply, answer = chat(text)
        assert answer is None and "Vâng" in reply and "Không có gì" not in reply, text
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")
    reply, _ = chat("ok")
    assert "Cảm ơn" not in reply
    chat.app.flush()
    assert not list(chat.app.store.db["feedback"].rows)


def test_a_draft_is_cancelled_by_typing_even_where_it_has_buttons(config, engine, tmp_path):
    admins = {"memory": frozenset({"boss"})}
    app = make_app(dataclasses.replace(channel_config(config, tmp_path), admins=admins), engine)
    conversation = Conversation(app, flood=False)
    port = MemoryPort(Capabilities(buttons=True, editing=True))

    def say(text: str) -> str:
        before = len(port.chats.get("boss", []))
        asyncio.run(conversation.handle(Incoming("memory", "boss", "boss", text), port))
        return "\n".join(plain(m.lines) for m in port.chats["boss"][before:])

    say("/dangky")
    assert "Xem trước thông báo #1" in say("/thongbao Thử.")
    say("2")  # numbers choose only where the choices are numbered on screen: this is a question
    assert app.store.broadcast(1)["status"] == "draft"
    assert "Xem trước thông báo #2" in say("/thongbao Thử lại.")
    assert "Đã hủy thông báo #2" in say("hủy") and app.store.broadcast(2)["status"] == "cancelled"


@pytest.mark.parametrize("pick, other", [("cái ở huyện ấy", "còn cái kia?"),
                                         ("huyện Hoành Bồ", "còn thị xã kia thì sao?")])
def test_a_choice_picked_by_the_kind_of_place_then_the_other_one(chat, pick, other):
    """"cái ở huyện đó" picks the choice whose unit is a huyện; "còn cái kia?" then takes the one not taken, and so
    does "còn thị xã kia thì sao?", the other named by its kind of place."""
    chat("mở bao nhiêu lớp đào tạo?")  # offers Đông Triều (TX) and Hoành Bồ (huyện)
    assert fact_of(chat(pick)[1]) == "hb-lop-dao-tao"
    assert fact_of(chat(other)[1]) == "dt-lop-dao-tao"
    assert followup.the_other("bên kia thì sao") and not followup.the_other("bên kia có bao nhiêu người")
    assert followup.the_other("còn huyện kia?") and not followup.the_other("còn huyện kia có bao nhiêu người?")


def test_another_count_of_the_last_answer_asked_in_its_own_words_is_that_count(chat):
    """"sinh hoạt ở mấy tổ?" after "… 92 đoàn viên công đoàn, sinh hoạt tại 6 tổ …": its count of groups."""
    assert fact_of(chat("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên?")[1]) == "hd-doan-vien-to-cong-doan"
    _, groups = chat("sinh hoạt ở mấy tổ?")
    assert groups.fact.id == "hd-doan-vien-to-cong-doan" and groups.why.values.get("follow_up") == "last_counts"
    # a year or a word the last answer does not say asks something else of it
    assert chat("năm 2023 sinh hoạt ở mấy tổ?")[1].why.values.get("follow_up") != "last_counts"
    assert chat("hồi trước sinh hoạt ở mấy tổ?")[1].why.values.get("follow_up") != "last_counts"


def test_another_count_asked_of_what_the_last_answer_names_with_a_demonstrative_is_that_count(chat):
    """"tổng cộng bao nhiêu người theo học mấy lớp đó?" after "… mở 7 lớp đào tạo cho 754 cán bộ …": its count of
    people ("mấy lớp đó" points at the classes, it does not ask how many), whatever words the answer does not say."""
    classes = "thị xã Đông Triều liên kết với các trường đại học mở được mấy lớp?"
    for asked in ("tổng cộng bao nhiêu người theo học mấy lớp đó?", "có bao nhiêu người theo học những lớp này?"):
        assert fact_of(chat(classes)[1]) == "dt-lop-dao-tao"
        _, people = chat(asked)
        assert people.answered and people.fact.id == "dt-lop-dao-tao", asked
        assert people.why.values.get("follow_up") == "last_counts", asked
    # "mấy năm nay" (these past years) points at no answer, typed with its accents or without
    assert engine_followup.pointed("may nam nay tuyen duoc bao nhieu nguoi") is None
    assert engine_followup.pointed("mấy năm này tuyển được bao nhiêu người?") is None
    assert engine_followup.pointed("tổng cộng bao nhiêu người theo học mấy lớp đó?")[0] == "lop"
    # pointing at what the last answer does not say points at nothing of it
    assert fact_of(chat(classes)[1]) == "dt-lop-dao-tao"
    assert chat("tổng cộng bao nhiêu người theo học mấy khóa đó?")[1].why.values.get("follow_up") != "last_counts"


def test_another_place_after_another_count_of_the_last_answer_asks_both_of_it(chat):
    """"thế Hoành Bồ thì sao?" after "… mấy lớp đào tạo?" and "cho khoảng bao nhiêu người học?": both, of Hoành Bồ."""
    assert fact_of(chat("TX Đông Triều mở mấy lớp đào tạo vậy?")[1]) == "dt-lop-dao-tao"
    assert chat("cho khoảng bao nhiêu người học?")[1].why.values.get("follow_up") == "last_counts"
    assert fact_of(chat("thế Hoành Bồ thì sao?")[1]) == "hb-lop-dao-tao"


def test_a_belief_about_the_last_figure_is_checked_against_it(chat):
    assert fact_of(chat("Đông Triều bổ nhiệm bao nhiêu cán bộ?")[1]) == "dt-bo-nhiem"
    _, checked = chat("à mình tưởng là 571?")
    assert checked.fact.id == "dt-bo-nhiem" and checked.why.rule == Rule.CONFIRM_LAST
    assert checked.lead.startswith("Chưa đúng") and "không phải 571" in checked.lead


def test_the_other_after_a_reply_taking_none_of_the_choices_asks_which_of_them(chat):
    """Choices shown, a reply answered by another fact ("ở Lạng Sơn …"), then "còn bên kia?": the choices not taken
    are all of them, offered again (never a decline with other examples)."""
    _, offered = chat("có bao nhiêu thạc sĩ vậy ad?")
    shown = [s.fact_id for s in offered.suggestions]
    assert offered.outcome == CLARIFY and len(shown) >= 2
    _, elsewhere = chat("ở Lạng Sơn có bao nhiêu người trình độ trên đại học")
    assert elsewhere.answered and elsewhere.fact.id not in shown
    _, other = chat("còn bên kia?")
    assert other.outcome == CLARIFY and [s.fact_id for s in other.suggestions] == shown


def test_an_article_without_an_author_says_so(config, knowledge_copy, tmp_path):
    from bot.service.app import build_engine
    cfg = with_test_articles(channel_config(config, tmp_path), knowledge_copy, {"n": 1, "author": "không nêu"})
    conversation = Conversation(make_app(cfg, build_engine(cfg)), clock=Clock(1000.0), flood=False)
    port = MemoryPort(Capabilities())
    for text in (TEST_QUESTION, "ai viết bài này?"):
        asyncio.run(conversation.handle(Incoming("memory", "u1", "u1", text), port))
    reply = plain(port.chats["u1"][-1].lines)
    assert "không nêu tên tác giả" in reply and "do không nêu viết" not in reply


def test_a_figure_is_never_checked_against_an_answer_older_than_the_last_question(chat):
    assert fact_of(chat("Đông Triều có bao nhiêu trí thức?")[1]) == "dt-tong-so-tri-thuc"
    chat("Đông Triều có bao nhiêu đảng viên?")  # declined: the last question changed, with no answer
    reply, answer = chat("vậy là 50 người đúng không?")
    assert "17.412" not in reply


def test_a_reply_naming_the_place_of_one_choice_picks_it(chat, engine):
    offered = engine.answer("số người có bằng đại học?").suggestions
    places = [engine.kb.fact(s.fact_id).place for s in offered]
    assert len(set(places)) == len(places) >= 2  # one choice per place
    chat("số người có bằng đại học?")
    assert fact_of(chat(f"em cần của {places[-1]} thôi ạ")[1]) == offered[-1].fact_id


def test_a_year_a_choice_says_picks_it_and_a_figure_none_says_asks_anew(chat):
    chat("mở bao nhiêu lớp đào tạo?")  # offers Hoành Bồ's classes of 2019 and Đông Triều's
    _, answer = chat("cái dự kiến năm 2019 ấy")
    assert fact_of(answer) == "hb-lop-dao-tao" and answer.why.rule == Rule.PICKED
    chat("mở bao nhiêu lớp đào tạo?")
    _, answer = chat("Đông Triều mở 50 lớp phải không?")  # a claim checked, not a choice picked by its words
    assert answer.why.rule != Rule.PICKED


def test_a_failure_of_the_bot_is_answered_with_an_apology_and_the_chat_goes_on(chat, caplog):
    engine, answer = chat.app.engine, chat.app.engine.answer
    failing = iter([True])

    def answer_once_failing(*args, **kwargs):
        if next(failing, False):
            raise ValueError("a bug")
        return answer(*args, **kwargs)

    engine.answer = answer_once_failing  # (an attribute of this engine only: the class is untouched)
    try:
        assert chat("Đông Triều có bao nhiêu trí thức?")[0] == FAILED
        assert "a bug" in caplog.text
        assert fact_of(chat("Đông Triều có bao nhiêu trí thức?")[1]) == "dt-tong-so-tri-thuc"
    finally:
        del engine.answer


def test_a_port_that_cannot_send_raises_to_its_channel(chat):
    conversation = Conversation(chat.app, clock=Clock(1000.0), flood=False)

    class Broken(MemoryPort):
        async def send(self, chat_id, message):
            raise BrokenPipeError

    with pytest.raises(BrokenPipeError):
        asyncio.run(conversation.handle(Incoming("memory", "u9", "u9", "Đông Triều có bao nhiêu trí thức?"),
                                        Broken(Capabilities())))


def test_a_question_naming_a_place_is_not_a_pick_by_words(chat):
    chat("có bao nhiêu thạc sĩ?")  # offers choices
    _, answer = chat("Thị xã Uông Bí có bao nhiêu thạc sĩ?")
    assert not answer.answered  # Uông Bí is not covered; never Đông Triều's figure picked by its words


def test_a_failure_answering_one_terminal_line_does_not_end_the_chat():
    import io
    from channels.terminal import TerminalChannel

    class Flaky:
        """A conversation that fails on its first message only."""

        def __init__(self):
            self.seen = []

        async def handle(self, msg, port):
            self.seen.append(msg.text)
            if len(self.seen) == 1:
                raise ValueError("a bug, not a closed screen")

    flaky, ended = Flaky(), []
    channel = TerminalChannel(flaky, io.StringIO("một\nhai\n"), io.StringIO(), lambda: ended.append(True))

    async def scenario():
        await channel.start()
        await channel._loop_task

    asyncio.run(scenario())
    assert flaky.seen == ["một", "hai"] and ended and not channel.closed


def test_a_choice_named_by_its_place_is_still_picked(chat):
    chat("mở bao nhiêu lớp đào tạo?")  # offers Đông Triều and Hoành Bồ
    assert fact_of(chat("cái của Hoành Bồ")[1]) == "hb-lop-dao-tao"


def test_a_return_to_an_earlier_answer_by_the_kind_of_its_place(chat, engine):
    assert fact_of(chat("Hoành Bồ tinh giản bao nhiêu biên chế?")[1]) == "hb-tinh-gian-bien-che"
    assert fact_of(chat("Sở KH&CN Lạng Sơn có bao nhiêu người?")[1]) == "ls-tong-so-can-bo"
    chat("tối nay trời có mưa không")  # off topic: the thread is kept
    text, answer = chat("quay lại huyện hồi nãy, mở được mấy lớp đào tạo?")
    assert answer.answered and answer.fact.place == "Hoành Bồ" and answer.why.values["follow_up"] == "return"
    hb = engine.kb.articles[engine.kb.fact("hb-tinh-gian-bien-che").article_id]
    text, _ = chat("còn bài về sở lúc nãy thì đăng ngày nào?")  # the earlier article, not the last answer's
    ls = engine.kb.articles[engine.kb.fact("ls-tong-so-can-bo").article_id]
    assert ls.title in text and hb.title not in text


def test_a_return_softened_by_a_particle_goes_back_past_chatter_naming_a_place(chat):
    assert fact_of(chat("Công đoàn Sở KH&CN Hải Dương có bao nhiêu đoàn viên?")[1]) == "hd-doan-vien-to-cong-doan"
    chat("hôm nay Lạng Sơn có mưa không nhỉ")  # asks, and names a place: the thread moves there
    # "nhé" names no earlier answer: the return is to the thread before it, not "quay lại" read as words of Lạng Sơn's
    _, answer = chat("quay lại nhé, bồi dưỡng chuyên môn nghiệp vụ bao nhiêu lượt?")
    assert fact_of(answer) == "hd-boi-duong-chuyen-mon" and answer.why.values["follow_up"] == "return"
    assert engine_followup.returning("quay lại Hoành Bồ nha: mở mấy lớp?").what == "hoanh bo"


def test_a_return_after_an_acknowledgement_goes_back_to_the_place_it_names(chat):
    # "ok, quay lại …", "thôi quay về …", "dạ quay lại …": taking the last answer in, then going back
    for said in ("ok, quay lại Hoành Bồ, mở mấy lớp?", "thôi quay về Hoành Bồ: mở mấy lớp?", "dạ quay lại Hoành Bồ: mở "
                 "mấy lớp?"):
        back = engine_followup.returning(said)
        assert back is not None and back.what == "hoanh bo" and back.rest == "mở mấy lớp", said
    chat("Hoành Bồ mở bao nhiêu lớp bồi dưỡng?")
    chat("Bắc Kạn có bao nhiêu % cán bộ, công chức có trình độ đại học trở lên?")
    _, answer = chat("ok quay lại Hoành Bồ, dự kiến bồi dưỡng cho bao nhiêu cán bộ?")
    assert fact_of(answer) == "hb-lop-dao-tao" and answer.why.values["follow_up"] == "return", answer.why


def test_a_new_topic_is_asked_as_the_last_question_asked_its_count(chat):
    # "còn thạc sĩ?" after "… có bao nhiêu trí thức?" asks how many thạc sĩ the town has: not the 8 it attracted
    assert fact_of(chat("Đông Triều có bao nhiêu trí thức?")[1]) == "dt-tong-so-tri-thuc"
    _, answer = chat("còn thạc sĩ?")
    assert not answer.answered and answer.places == ("Đông Triều",), answer.why
    assert fact_of(chat("Đông Triều thu hút được bao nhiêu thạc sĩ?")[1]) == "dt-thu-hut-thac-si"


def test_a_return_is_read_only_with_an_earlier_answer_it_can_name():
    back = engine_followup.returning("quay về thị xã lúc nãy: tính từ năm nào?")
    assert back.what == "thi xa" and back.rest == "tính từ năm nào"
    assert engine_followup.returning("còn chuyện hồi nãy thì sao").what == "chuyen"
    bare = engine_followup.returning("quay lại, trưởng phòng là ai?")  # none named: the answer before the last
    assert bare is not None and bare.what == "" and bare.rest == "trưởng phòng là ai"
    assert engine_followup.returning("Hoành Bồ có bao nhiêu xã?") is None
    assert engine_followup.returning("thị xã Đông Triều thu hút bao nhiêu thạc sĩ?") is None


def test_a_decline_naming_no_place_keeps_the_place_of_the_thread(chat):
    assert fact_of(chat("Hoành Bồ tinh giản bao nhiêu biên chế?")[1]) == "hb-tinh-gian-bien-che"
    _, declined = chat("có bao nhiêu lớp học tiếng Nhật?")
    assert declined.outcome == "decline" and not declined.places
    assert fact_of(chat("mở bao nhiêu lớp đào tạo?")[1]) == "hb-lop-dao-tao"  # not a choice with Đông Triều's


def test_chatter_naming_a_place_does_not_move_the_thread(chat):
    assert fact_of(chat("Hoành Bồ tinh giản bao nhiêu biên chế?")[1]) == "hb-tinh-gian-bien-che"
    _, declined = chat("hôm nay Lạng Sơn mưa to quá, ngập hết đường rồi 😩")  # asks nothing
    assert declined.outcome == "decline"
    assert fact_of(chat("mở bao nhiêu lớp đào tạo?")[1]) == "hb-lop-dao-tao"


def test_a_reply_to_a_clarification_may_name_a_fact_the_choices_did_not_show(chat, engine):
    _, offered = chat("mở bao nhiêu lớp đào tạo?")
    assert offered.outcome == "clarify"
    shown = {s.fact_id for s in offered.suggestions}
    reply = "cái về trung tâm hành chính công"
    assert not engine.answer(reply).answered  # alone, it asks nothing answerable
    _, narrowed = chat(reply)
    assert narrowed.answered and narrowed.why.values["follow_up"] == "narrowed" and narrowed.fact.id not in shown
    assert "Hành chính công" in narrowed.fact.answer and "lớp" in narrowed.fact.answer


def test_a_reply_to_a_clarification_fitting_several_facts_is_not_narrowed_to_one(chat):
    chat("mở bao nhiêu lớp đào tạo?")
    _, again = chat("lớp tập huấn ấy")
    assert not again.answered


def test_the_choice_not_taken_is_still_there_after_a_follow_up_about_the_one_taken(chat):
    _, offered = chat("mở bao nhiêu lớp đào tạo?")
    shown = [s.fact_id for s in offered.suggestions]
    _, taken = chat("cái của Hoành Bồ")
    assert taken.fact.place == "Hoành Bồ"
    _, same_article = chat("huyện đó tinh giản bao nhiêu biên chế?")
    assert same_article.fact.article_id == taken.fact.article_id
    _, other = chat("còn cái kia thì sao")
    assert other.fact.id == next(i for i in shown if i != taken.fact.id)


def test_a_question_asked_of_the_other_side_after_a_pick_is_asked_of_the_choice_not_taken_s_place(chat):
    _, offered = chat("có mấy tiến sĩ thế?")
    assert offered.outcome == "clarify" and {s.fact_id for s in offered.suggestions} == {"ls-tiep-nhan-tien-si",
                                                                                           "hd-tien-si"}
    assert chat("cái của Lạng Sơn")[1].fact.place == "Lạng Sơn"
    _, other = chat("thế bên kia thì có bao nhiêu người học thạc sĩ?")
    assert fact_of(other) == "hd-thac-si"  # of Hải Dương, the choice not taken: not a choice with Đông Triều's


@pytest.mark.parametrize("other", ["còn huyện kia bổ nhiệm mấy người?", "bên huyện kia bổ nhiệm mấy người?"])
def test_the_huyen_not_taken_is_the_one_asked_of_after_the_engine_took_a_choice_by_kind(chat, other):
    # the choice taken by its kind ("ở thị xã ấy") leaves the others as the choices not taken, and "huyện kia" is
    # the one of them that is a huyện: never the thị xã's own figure for the same question
    assert chat("mở bao nhiêu lớp đào tạo?")[1].outcome == "clarify"
    assert chat("ở thị xã ấy")[1].fact.place == "Đông Triều"
    assert fact_of(chat(other)[1]) == "hb-bo-nhiem-moi"
    assert followup.other_kind(other) == "huyen"
    assert followup.other_kind("còn bên kia?") == ""


def test_the_choice_not_taken_called_by_what_it_is_is_the_one_answered(chat):
    _, menu = chat("mở bao nhiêu lớp đào tạo?")
    assert menu.outcome == "clarify" and len(menu.suggestions) == 2
    _, first = chat("1")
    _, other = chat("thế lớp đào tạo còn lại thì mở bao nhiêu lớp?")
    assert other.answered and {first.fact.id, other.fact.id} == {s.fact_id for s in menu.suggestions}
    assert followup.the_other_named("thế lớp đào tạo còn lại thì mở bao nhiêu lớp?") == ("lop dao tao",
                                                                                        "thì mở bao nhiêu lớp")
    assert followup.the_other_named("cái kia thì sao?") is None  # (no name of its own: `the_other`)


def test_the_choice_not_taken_is_not_taken_for_a_question_it_does_not_answer(chat):
    assert chat("mở bao nhiêu lớp đào tạo?")[1].outcome == "clarify"
    _, first = chat("1")
    _, other = chat("thế lớp đào tạo còn lại thì có bao nhiêu thạc sĩ?")  # asked anew, not the other choice
    assert not (other.answered and other.fact.id.endswith("lop-dao-tao"))


@pytest.mark.parametrize("pick", ["cái tính theo phần trăm", "cái của tỉnh ấy"])
def test_a_choice_is_picked_by_its_place_s_kind_or_by_being_a_share(chat, pick):
    _, menu = chat("trên đại học có bao nhiêu người?")
    assert menu.outcome == "clarify" and {s.fact_id for s in menu.suggestions} == {"ls-tren-dai-hoc", "bk-tren-dai-hoc"}
    _, picked = chat(pick)  # Bắc Kạn's is a share, and the only one of a place its article calls a tỉnh
    assert picked.answered and picked.fact.id == "bk-tren-dai-hoc"


@pytest.mark.parametrize("claim", ["vậy cả sở có 80 người hả?", "thế sở đó có 80 người à?"])
def test_a_figure_claimed_of_the_whole_unit_after_a_part_s_count_is_checked_against_the_whole(chat, claim):
    assert chat("Sở KH&CN Lạng Sơn có bao nhiêu người trình độ đại học?")[1].fact.id == "ls-dai-hoc"
    _, checked = chat(claim)  # the Sở's 71, not the 47 graduates the last answer counted
    assert checked.answered and checked.fact.id == "ls-tong-so-can-bo" and "71" in checked.lead
    assert engine_followup.whole_unit(claim, "Sở KH&CN Lạng Sơn").count("Sở KH&CN Lạng Sơn") == 1
    assert engine_followup.whole_unit(claim, "huyện Hoành Bồ") == ""  # a unit of another kind


def test_the_other_of_several_choices_is_asked_which_not_guessed(chat):
    _, offered = chat("được cử đi học bao nhiêu người?")
    shown = [s.fact_id for s in offered.suggestions]
    assert len(shown) >= 3
    _, taken = chat("2")
    _, other = chat("còn bên kia?")  # two or more not taken: "bên kia" could be either
    assert other.outcome == CLARIFY and [s.fact_id for s in other.suggestions] == [shown[0], *shown[2:]]
    assert other.why.rule == Rule.OFFERED_AGAIN
    _, first = chat("1")
    assert first.fact.id == shown[0]


def test_the_other_side_is_the_choice_of_the_one_other_place(chat, engine):
    _, offered = chat("việc tinh giản biên chế làm thế nào?")
    places = [engine.kb.fact(s.fact_id).place for s in offered.suggestions]
    assert len(places) == 3 and len(set(places)) == 2  # two choices of one place, one of another
    pick = places.index(next(p for p in places if places.count(p) == 2)) + 1
    _, taken = chat(str(pick))
    _, other = chat("còn bên kia?")  # "bên kia": the other side, the place not taken
    assert other.answered and other.fact.place != taken.fact.place


def test_a_figure_checked_right_after_choices_is_checked_against_the_choice_giving_it(chat, engine):
    _, offered = chat("được cử đi học bao nhiêu người?")
    shown = [s.fact_id for s in offered.suggestions]
    giving = engine.kb.fact("hd-thac-si")
    assert "hd-thac-si" in shown and "11" in giving.answer
    _, checked = chat("tức là 11 người hả?")
    assert checked.fact.id == "hd-thac-si" and checked.lead == "Đúng."


def test_a_choice_is_picked_by_a_figure_its_article_gives(chat, engine):
    _, offered = chat("cho hỏi có bao nhiêu người được đi bồi dưỡng chuyên môn nghiệp vụ?")
    assert "hd-boi-duong-chuyen-mon" in {s.fact_id for s in offered.suggestions}
    assert "6" not in engine.kb.fact("hd-boi-duong-chuyen-mon").answer  # the 6 tổ are its article's, another fact's
    _, picked = chat("cái có 6 tổ công đoàn ấy")
    assert picked.fact.id == "hd-boi-duong-chuyen-mon"


def test_a_choice_is_picked_by_what_its_issuer_s_initials_stand_for(chat):
    _, offered = chat("Cái nghị quyết mà bài báo nói tới ra ngày mấy?")
    assert "hd-nghi-quyet-09" in {s.fact_id for s in offered.suggestions}  # "Nghị quyết 09/NQ-CĐVC …"
    _, picked = chat("lấy cái của công đoàn viên chức")  # CĐVC, as the dictionaries spell it out
    assert picked.answered and picked.fact.id == "hd-nghi-quyet-09"


def test_a_decline_s_examples_are_not_choices_a_figure_is_checked_against(chat):
    _, declined = chat("năm 2030 Hải Dương đào tạo bao nhiêu thạc sĩ?")  # no figure of 2030; 2012-2017's offered
    assert declined.outcome == "decline" and "hd-thac-si" in {s.fact_id for s in declined.examples}
    _, checked = chat("vậy là 11 người đúng không?")
    assert checked.lead != "Đúng."  # never the offered 2012-2017 figure confirmed for 2030


def test_a_question_typed_anew_is_no_pick_of_an_example_by_the_words_every_question_says(chat):
    chat("Sở KH&CN Hải Dương có bao nhiêu người học thạc sĩ?")
    _, declined = chat("hôm nay Bắc Kạn có mưa không bot?")  # examples of Bắc Kạn: "… đại học trở lên …"
    assert "bk-dai-hoc-tro-len" in {s.fact_id for s in declined.examples}
    # "có bao nhiêu" is in every phrasing: the words left ("người trình độ trên đại học") are another level's
    _, asked = chat("có bao nhiêu người trình độ trên đại học?")
    assert asked.why.rule != Rule.PICKED and (asked.fact is None or asked.fact.id != "bk-dai-hoc-tro-len")


def test_words_naming_a_place_pick_all_its_choices_when_it_has_several():
    labels = ["Hoành Bồ tinh giản bao nhiêu biên chế? huyện Hoành Bồ", "Đề án 506 về nội dung gì? Sở KH&CN Lạng Sơn",
              "Đến 2021 giảm bao nhiêu phần trăm? huyện Hoành Bồ"]
    assert followup.picked_by_words("cái ở huyện", labels) == ()  # two choices fit alike
    assert followup.picked_by_words("cái ở huyện", labels, ["Hoành Bồ", "Lạng Sơn", "Hoành Bồ"]) == (0, 2)
    assert followup.picked_by_words("cái ở huyện", labels[:1] + labels[2:], ["Hoành Bồ", "Đông Triều"]) == ()
    assert followup.picked_by_words("cái về đề án", labels) == (1,)


def test_an_issuer_s_initials_in_a_document_number_pick_by_the_words_they_stand_for():
    labels = ["Quyết định 2532/QĐ-UBND về việc gì?", "Nghị quyết 09/NQ-CĐVC về nội dung gì?",
              "Nghị quyết 1285-NQ/TU về nội dung gì?"]
    spelled = {"cdvc": "cong doan vien chuc", "ubnd": "uy ban nhan dan"}  # (the dictionaries' folded rewrites)
    assert followup.picked_by_words("lấy cái của công đoàn viên chức", labels, spelled=spelled) == (1,)
    assert followup.picked_by_words("lấy cái của công đoàn viên chức", labels) == ()


def test_what_was_not_meant_does_not_pick():
    labels = ["Hoành Bồ mở bao nhiêu lớp? huyện Hoành Bồ", "Đông Triều mở bao nhiêu lớp? thị xã Đông Triều"]
    assert followup.picked_by_words("cái của huyện chứ không phải thị xã", labels) == (0,)
    assert followup.picked_by_words("của thị xã, ko phải huyện", labels) == (1,)


def test_a_place_named_of_two_choices_there_the_question_does_not_tell_apart_gets_both(chat, engine):
    # the rates of Bắc Kạn's cán bộ, công chức and of its viên chức: the engine asked the question of Bắc Kạn
    # offers both, so a reply naming only Bắc Kạn is answered with both, each with its source
    asked = "tỷ lệ có trình độ trung cấp lý luận chính trị trở lên là bao nhiêu?"
    offered = engine.answer(asked)
    of_place = [s.fact_id for s in offered.suggestions if engine.kb.fact(s.fact_id).place == "Bắc Kạn"]
    assert offered.outcome == CLARIFY and len(of_place) == 2
    chat(asked)
    reply, both = chat("Bắc Kạn ạ")
    assert both.answered and [p.fact.id for p in both.parts] == of_place and both.why.rule == Rule.PICKED
    assert all(engine.kb.fact(f).quotes[0][:30] in reply for f in of_place)
    # the question asked of the place is what answers: the fact it finds there, or that the place has no such figure
    # (never the first choice of that place, a training count for the Sở's headcount)
    found = engine.asked_of_place("có bao nhiêu người học thạc sĩ?", "Hải Dương", ["hd-tien-si", "hd-thac-si"])
    assert found.answered and found.fact.id == "hd-thac-si"
    chat("quân số sở khoa học và công nghệ tổng cộng được bao nhiêu người vậy?")
    _, headcount = chat("Hải Dương")
    assert headcount.outcome == CLARIFY and {s.fact_id for s in headcount.suggestions} <= {"hd-tien-si", "hd-thac-si"}


def test_a_place_named_of_choices_offered_again_is_remembered_as_the_question_asked_there(chat, engine):
    # "ở Bắc Kạn ạ" offers Bắc Kạn's two rates again: the next reply narrows the question asked of Bắc Kạn, not
    # the place's name alone (which found other units' staff counts)
    chat("số người có trình độ trung cấp lý luận chính trị trở lên là bao nhiêu?")
    _, again = chat("ở Bắc Kạn ạ")
    assert again.outcome == CLARIFY and again.read_as.endswith("trở lên là bao nhiêu ở Bắc Kạn ạ")
    _, narrowed = chat("của viên chức là bao nhiêu?")
    assert narrowed.answered and narrowed.fact.id == "bk-llct-vien-chuc" and narrowed.why.rule == Rule.NARROWED


def test_a_unit_named_in_its_own_words_alone_after_an_answer_asks_the_last_question_of_it(chat):
    # "sở khoa học lạng sơn" alone is "còn Sở KH&CN Lạng Sơn thì sao?", as "Lạng Sơn" alone is
    chat("Sở KH&CN Hải Dương có bao nhiêu người học thạc sĩ?")
    _, there = chat("sở khoa học lạng sơn")
    assert there.why.values.get("follow_up") == "shift_place" and there.places == ("Lạng Sơn",)
    _, back = chat("sở khoa học công nghệ hải dương")
    assert back.answered and back.fact.id == "hd-thac-si"


def test_a_return_to_an_earlier_answer_by_what_it_was_about(chat):
    _, classes = chat("Hoành Bồ dự kiến mở bao nhiêu lớp đào tạo?")
    chat("Đông Triều có bao nhiêu trí thức?")
    _, back = chat("quay lại mấy lớp lúc nãy: cho bao nhiêu người?")
    assert back.answered and back.fact.id == classes.fact.id and back.why.values["follow_up"] == "return"
    assert engine_followup.the_other_one("de an con lai") and not engine_followup.the_other_one("may lop")


def test_a_bare_figure_claimed_while_choices_are_open_is_checked_against_the_clarified_question(chat, engine):
    _, offered = chat("được cử đi học bao nhiêu người?")
    shown = {s.fact_id for s in offered.suggestions}
    assert "hd-ngoai-ngu" not in shown and "6" in engine.kb.fact("hd-ngoai-ngu").answer
    _, checked = chat("tức là 6 người hả?")  # of the facts that question could offer, one gives 6
    assert checked.fact.id == "hd-ngoai-ngu" and checked.lead == "Đúng."
    assert checked.why.values["follow_up"] == "claimed"


def test_a_figure_several_facts_of_the_clarified_question_give_offers_those(chat):
    chat("được cử đi học bao nhiêu người?")
    _, narrowed = chat("tức là 12 người hả?")  # 12 chuyên viên (Hải Dương), 12 lớp (Đông Triều)
    assert narrowed.outcome == CLARIFY and narrowed.why.rule == Rule.BY_CLAIM
    assert {s.fact_id for s in narrowed.suggestions} == {"hd-chuyen-vien", "dt-tap-huan-hanh-chinh-cong"}


def test_a_figure_claimed_while_choices_are_open_is_never_checked_against_the_answer_before_them(chat):
    assert fact_of(chat("Bắc Kạn có bao nhiêu phần trăm cán bộ có trình độ đại học trở lên?")[1]) == "bk-dai-hoc-tro-len"
    _, offered = chat("được cử đi học bao nhiêu người?")
    assert offered.outcome == CLARIFY
    reply, again = chat("vậy là 50 người đúng không?")  # no fact that question could offer gives 50
    assert "94,6" not in reply
    assert again.outcome == CLARIFY and again.why.rule == Rule.OFFERED_AGAIN
    assert [s.fact_id for s in again.suggestions] == [s.fact_id for s in offered.suggestions]


def test_when_asked_while_choices_are_open_asks_which_one(chat):
    assert fact_of(chat("Bắc Kạn có bao nhiêu phần trăm cán bộ có trình độ đại học trở lên?")[1]) == "bk-dai-hoc-tro-len"
    _, offered = chat("mở bao nhiêu lớp đào tạo?")
    assert offered.outcome == CLARIFY
    _, which = chat("năm nào vậy?")  # of the classes asked about, not of the share answered before
    assert which.outcome == CLARIFY and which.why.rule == Rule.OFFERED_AGAIN
    assert [s.fact_id for s in which.suggestions] == [s.fact_id for s in offered.suggestions]
    _, picked = chat("1")
    assert picked.fact.id == offered.suggestions[0].fact_id


def test_a_correction_naming_the_place_of_a_choice_not_taken_picks_that_choice(chat, engine):
    _, offered = chat("số người trên đại học là bao nhiêu?")
    shown = [s.fact_id for s in offered.suggestions]
    places = [engine.kb.fact(i).place for i in shown]
    assert len(set(places)) == len(places) >= 2
    _, taken = chat("2")  # Bắc Kạn's share: its question, asked of Lạng Sơn, finds no share there
    assert taken.fact.id == shown[1]
    _, meant = chat(f"à nhầm, ý em là {places[0]}")
    assert meant.fact.id == shown[0]


def test_a_reply_naming_a_kind_of_place_no_choice_is_asks_again_and_picks_nothing(chat):
    _, offered = chat("mở bao nhiêu lớp đào tạo?")  # a thị xã's and a huyện's
    assert offered.outcome == CLARIFY
    _, again = chat("cái của tỉnh ạ")  # "tỉnh" is in no choice; "tinh gọn" somewhere else is no reason to answer
    assert again.outcome == CLARIFY and again.why.rule == Rule.OFFERED_AGAIN
    assert [s.fact_id for s in again.suggestions] == [s.fact_id for s in offered.suggestions]


def test_the_other_side_after_the_thread_moved_on_is_the_place_it_spoke_of_before(chat):
    chat("thị xã Đông Triều bổ nhiệm, bổ nhiệm lại bao nhiêu cán bộ?")
    _, moved = chat("còn huyện Hoành Bồ?")
    assert moved.fact.place == "Hoành Bồ"
    _, back = chat("còn bên kia nâng lương trước thời hạn cho bao nhiêu trường hợp")
    assert fact_of(back) == "dt-nang-luong-truoc-han"
    assert followup.at_the_other_place("bên kia thì sao") == "" and followup.at_the_other_place("cái kia?") is None
    assert followup.at_the_other_place("thế bên kia, có mấy phó giám đốc?") == "có mấy phó giám đốc"  # as typed



def test_the_other_side_is_the_place_not_the_unit_its_last_answer_was_about(chat):
    chat("Trung tâm Hành chính công Đông Triều tổ chức bao nhiêu lớp tập huấn?")  # a unit within the town
    chat("còn huyện Hoành Bồ mở bao nhiêu lớp?")
    assert fact_of(chat("còn bên kia, trưởng phòng nội vụ là ai?")[1]) == "dt-truong-phong-noi-vu"


def test_a_choice_pointed_at_by_the_figure_it_gives_is_taken(chat, engine):
    _, offered = chat("có bao nhiêu người học trung cấp lý luận chính trị thế")
    shown = [s.fact_id for s in offered.suggestions]
    giving = [i for i in shown if " 10 " in engine.kb.fact(i).answer]
    assert len(shown) >= 2 and len(giving) == 1
    _, taken = chat("cái 10 người ấy")
    assert fact_of(taken) == giving[0] and not taken.lead  # a pick, not a figure checked


def test_a_correction_the_bot_declines_still_moves_the_thread_to_the_place_it_names(chat):
    assert fact_of(chat("Sở KH&CN Lạng Sơn có bao nhiêu người trình độ trên đại học?")[1]) == "ls-tren-dai-hoc"
    assert chat("à nhầm, ý là Hải Dương cơ")[1].outcome.value == "decline"  # no such count there
    # "ở đó" is Hải Dương now, which gives no ISO figure: never Lạng Sơn's 50 xã
    reply, answer = chat("ở đó áp dụng ISO bao nhiêu xã?")
    assert not answer.answered and "Hải Dương" in answer.places and "50" not in reply


def test_the_author_s_post_asked_with_the_author_is_what_the_article_says_of_them(chat, engine):
    assert followup.meta("ai là tác giả bài này, giữ chức gì?") == "author_role"
    assert followup.meta("tác giả bài này là ai, làm gì vậy") == "author_role"
    assert followup.meta("người viết bài này giữ chức gì ở sở vậy?") == "author_role"
    assert followup.meta("ai là tác giả bài này?") == "author" and followup.meta("ai giữ chức gì?") is None
    _, union = chat("công đoàn sở khcn hải dương thực hiện nghị quyết số mấy?")
    author = engine.kb.articles[union.fact.article_id].author
    reply, role = chat("ai là tác giả bài này, giữ chức gì?")
    post = engine.naming_in_article(union.fact.id, author)
    assert author in reply and post is not None and post.answer in reply and post.id != union.fact.id
    assert role.fact.id == post.id and author in role.lead  # what admins see in the log says so too
    chat("Hoành Bồ tinh giản bao nhiêu biên chế?")  # its article names its author only as the author
    reply, _ = chat("tác giả bài này là ai, làm gì?")
    assert reply.endswith(NO_AUTHOR_ROLE)


def test_the_unit_of_the_person_just_named_is_what_cua_ba_ay_counts(chat):
    chat("Ở Lạng Sơn, Trung tâm Ứng dụng tiến bộ KH&CN có bao nhiêu viên chức, người lao động?")
    _, director = chat("ai đang là giám đốc trung tâm đó?")
    _, counted = chat("trung tâm của bà ấy có mấy phó giám đốc?")
    assert director.answered and counted.answered and not counted.parts
    assert counted.fact.unit == director.fact.unit and "phó giám đốc" in counted.fact.answer


def test_places_named_one_after_another_each_ask_the_thread_s_question(chat):
    _, first = chat("Hoành Bồ mở bao nhiêu lớp đào tạo?")
    _, second = chat("còn Đông Triều?")
    _, back = chat("Hoành Bồ ạ")  # the question is still the first one, not "còn Đông Triều?" asked of Hoành Bồ
    _, again = chat("thế Đông Triều thì sao")
    assert first.answered and second.answered and first.fact.place != second.fact.place
    assert back.answered and back.fact.id == first.fact.id and again.answered and again.fact.id == second.fact.id


def test_the_district_not_taken_is_still_there_after_a_question_asked_back(chat):
    _, menu = chat("cho hỏi mở được bao nhiêu lớp đào tạo cho cán bộ vậy?")
    assert menu.outcome == CLARIFY and len({s.fact_id for s in menu.suggestions}) == 2
    _, town = chat("cái thị xã phối hợp với các trường đại học ấy")
    _, vague = chat("học viên tổng cộng bao nhiêu?")  # asked back: which one
    _, district = chat("còn cái huyện kia thì mở bao nhiêu lớp?")
    other = next(s.fact_id for s in menu.suggestions if s.fact_id != town.fact.id)
    assert vague.outcome == CLARIFY and district.answered and district.fact.id == other
    assert followup.other_kind("còn cái huyện kia thì mở bao nhiêu lớp?") == "huyen"


def test_after_an_answer_of_several_facts_a_follow_up_naming_what_one_says_gets_that_one(chat, engine):
    # "Bắc Kạn ạ" gives the cán bộ, công chức's rate and the viên chức's: "còn viên chức?" is the viên chức's, the
    # one of them that says it, whichever came first
    chat("tỷ lệ có trình độ trung cấp lý luận chính trị trở lên là bao nhiêu?")
    _, both = chat("Bắc Kạn ạ")
    assert len(both.parts) == 2
    _, one = chat("còn viên chức?")
    assert one.answered and one.fact.id == "bk-llct-vien-chuc", one.why
    _, other = chat("còn cán bộ, công chức?")
    assert other.answered and other.fact.id == "bk-llct-can-bo-cong-chuc", other.why


def test_a_follow_up_naming_only_the_place_of_a_choice_not_taken_takes_that_choice(chat):
    # "có bao nhiêu thạc sĩ?" offers Đông Triều's and Hải Dương's; after Hải Dương's, "bên Đông Triều thì sao?" is
    # Đông Triều's choice (the Hải Dương question asked there, about training, fits it less)
    _, offered = chat("có bao nhiêu thạc sĩ vậy?")
    assert offered.outcome == CLARIFY
    _, picked = chat("Hải Dương á")
    assert picked.fact.id == "hd-thac-si"
    _, other = chat("bên Đông Triều thì sao?")
    assert other.answered and other.fact.id == "dt-thu-hut-thac-si", other.why


def test_who_holds_a_post_asked_in_a_thread_is_the_thread_place_s_holder(chat):
    # "giám đốc là ai?" after the Lạng Sơn centre's staffing (it names no director): its director, not the staffing
    # again, nor a choice with Hải Dương's director
    chat("Trung tâm Ứng dụng tiến bộ KH&CN Lạng Sơn có mấy phó giám đốc?")
    reply, who = chat("giám đốc là ai?")
    assert who.answered and who.fact.id == "ls-giam-doc-trung-tam" and "Nguyễn Minh Hà" in reply, who.why


def test_a_correction_after_a_place_no_article_covers_asks_the_question_of_the_place_meant(chat):
    _, declined = chat("Sở KH&CN Cao Bằng có bao nhiêu cán bộ trình độ trên đại học?")
    assert not declined.answered and declined.missing == ("Cao Bằng",)
    _, meant = chat("à nhầm, Lạng Sơn chứ")
    assert meant.answered and meant.fact.id == "ls-tren-dai-hoc", meant.why
