"""The conversation contract: the same scenarios against the neutral layer (with and without buttons), the
terminal, Telegram and Zalo (through their fake servers). A new channel is done when it passes these."""
from __future__ import annotations

import asyncio

import pytest

from handlers import admin
from tests.drivers import Driver, NeutralDriver, TelegramDriver, TerminalDriver, ZaloDriver
from tests.fakes.telegram import FakeTelegram
from tests.fakes.zalo import FakeZalo
from tests.harness import channel_config, make_app, until

USER, ADMIN = "111", "501"
DRIVERS = ["neutral-buttons", "neutral-text", "terminal", "telegram", "zalo"]


@pytest.fixture(params=DRIVERS)
def contract(request, config, engine, tmp_path):
    """Runs a scenario `async def (driver)` against one channel, the bot started around it."""
    fakes = {"telegram": FakeTelegram().start(), "zalo": FakeZalo().start()}
    admins = {name: frozenset({ADMIN}) for name in ("memory", "telegram", "zalo")}
    cfg = channel_config(config, tmp_path, telegram=fakes["telegram"].base_url, zalo=fakes["zalo"].base_url,
                         admins=admins)
    app = make_app(cfg, engine)
    name = request.param

    def build() -> Driver:
        if name.startswith("neutral"):
            return NeutralDriver(app, buttons=name.endswith("buttons"))
        if name == "terminal":
            return TerminalDriver(app)
        return TelegramDriver(app, fakes["telegram"]) if name == "telegram" else ZaloDriver(app, fakes["zalo"])

    def run(scenario) -> None:
        async def main() -> None:
            driver = build()
            await driver.start()
            try:
                await scenario(driver)
            finally:
                await driver.stop()
        asyncio.run(main())

    yield run
    for fake in fakes.values():
        fake.stop()


def test_a_question_is_answered_with_its_source(contract):
    async def scenario(d: Driver):
        (reply,) = await d.say(USER, "dong trieu co bao nhieu tri thuc")
        assert "17.412" in reply.text and "Nguồn: Đông Triều chuẩn hóa nguồn nhân lực" in reply.text
        assert "Vân Anh" in reply.text and "“" in reply.text  # the author and the quoted sentence
    contract(scenario)


def test_a_clarification_is_answered_by_picking_a_choice(contract, engine):
    expected = engine.answer("có bao nhiêu viên chức").suggestions

    async def scenario(d: Driver):
        (offer,) = await d.say(USER, "có bao nhiêu viên chức")
        assert "Ý bạn là" in offer.text and len(offer.picks) == len(expected) >= 2
        assert offer.picks[1][:40] == expected[1].question[:40]  # button labels may be shortened
        (answer,) = await d.choose(USER, offer, 1)
        assert engine.kb.fact(expected[1].fact_id).answer in answer.text and "Nguồn: " in answer.text
    contract(scenario)


def test_follow_ups_take_the_last_question_place_and_answer(contract, engine):
    article = engine.kb.articles[engine.kb.fact("hd-tien-si").article_id]

    async def scenario(d: Driver):
        (first,) = await d.say(USER, "Hoành Bồ mở bao nhiêu lớp đào tạo?")
        assert "38 lớp" in first.text
        (other_place,) = await d.say(USER, "còn Đông Triều thì sao?")
        assert "754 cán bộ" in other_place.text and "Đông Triều" in other_place.text
        (when,) = await d.say(USER, "năm nào?")
        assert "23/04/2018" in when.text and "754" in when.text
        (topic,) = await d.say(USER, "Sở KH&CN Hải Dương có bao nhiêu công chức học thạc sĩ?")
        assert "11 công chức" in topic.text
        (other_topic,) = await d.say(USER, "thế còn tiến sĩ?")
        assert "2 công chức đi đào tạo trình độ tiến sĩ" in other_topic.text
        (source,) = await d.say(USER, "nguồn ở đâu?")
        assert article.title in source.text and article.publisher in source.text
        (author,) = await d.say(USER, "ai viết bài này?")
        assert article.author in author.text
    contract(scenario)


def test_a_decline_explains_and_keeps_the_open_choices(contract, engine):
    expected = engine.answer("có bao nhiêu viên chức").suggestions

    async def scenario(d: Driver):
        (offer,) = await d.say(USER, "có bao nhiêu viên chức")
        (declined,) = await d.say(USER, "Bắc Giang có bao nhiêu viên chức?")
        assert "Bắc Giang" in declined.text and "ví dụ" in declined.text
        (answer,) = await d.choose(USER, offer, 0)  # the earlier choices still work
        assert engine.kb.fact(expected[0].fact_id).answer in answer.text
        (not_given,) = await d.say(USER, "Đông Triều có bao nhiêu cán bộ công chức?")
        assert "không nêu" in not_given.text and "754" not in not_given.text  # never a neighbouring figure
    contract(scenario)


def test_sources_command_lists_the_articles(contract, engine):
    async def scenario(d: Driver):
        (reply,) = await d.say(USER, "/nguon")
        assert reply.text.count("thông tin)") == len(engine.kb.articles)
        assert all(a.title in reply.text for a in engine.kb.articles.values())
    contract(scenario)


def test_subscribe_and_unsubscribe(contract):
    async def scenario(d: Driver):
        assert "Đã đăng ký" in (await d.say(USER, "/dangky"))[0].text
        assert "từ trước" in (await d.say(USER, "/dangky"))[0].text
        assert d.app.store.subscriber(d.channel_name, d.chat_of(USER))["active"]
        assert "Đã hủy đăng ký" in (await d.say(USER, "/huydangky"))[0].text
        assert not d.app.store.subscriber(d.channel_name, d.chat_of(USER))["active"]
    contract(scenario)


def test_admin_reload_and_a_confirmed_broadcast(contract):
    text = "Số liệu mới của Bắc Kạn đã được cập nhật."

    async def scenario(d: Driver):
        if not d.single_user:
            assert (await d.say(USER, "/tailai"))[0].text == admin.NOT_ADMIN
        (reloaded,) = await d.say(ADMIN, "/tailai")
        assert "Đã tải lại kiến thức" in reloaded.text and "Không có thay đổi" in reloaded.text
        recipients = {d.chat_of(USER), d.chat_of(ADMIN)}
        for user in ({USER, ADMIN} if not d.single_user else {ADMIN}):
            await d.say(user, "/dangky")
        (preview,) = await d.say(ADMIN, f"/thongbao {text}")
        assert "Xem trước thông báo #1" in preview.text and f"{len(recipients)} nơi nhận" in preview.text
        status = await d.decide(ADMIN, preview, go=True)
        assert "Đang gửi thông báo #1" in status
        await until(lambda: any(text in t for t in d.inbox(USER)), timeout=15)
        await until(lambda: any("đã gửi xong" in t for t in d.inbox(ADMIN)), timeout=15)
        (draft,) = await d.say(ADMIN, "/thongbao Bản nháp này sẽ bị hủy.")
        assert "Đã hủy thông báo #2" in await d.decide(ADMIN, draft, go=False)
        assert d.app.store.broadcast(2)["status"] == "cancelled"
    contract(scenario)


def test_feedback_right_after_an_answer_is_stored(contract):
    async def scenario(d: Driver):
        (answer,) = await d.say(USER, "hoanh bo tinh gian bao nhieu bien che")
        assert "21 biên chế" in answer.text
        assert "Cảm ơn" in await d.vote(USER, answer, up=False)
        d.app.flush()
        (row,) = list(d.app.store.db["feedback"].rows)
        assert row["vote"] == 0 and row["fact_id"] == "hb-tinh-gian-bien-che"
    contract(scenario)

