"""The Telegram channel end to end: the real python-telegram-bot Application over HTTP against a fake
Bot API server on 127.0.0.1 (tests/fakes/telegram.py)."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import signal
import socket
import time
import urllib.error
import urllib.request

import pytest

from bot.service.app import App
from bot.service.logs import protect
from channels.telegram import split_message
from tests.fakes.telegram import TOKEN
from tests.harness import Handled, bot_process, channel_config, make_app as app_on, serving, until

PRIVATE, GROUP, ADMIN, MEMBER = 111, -100200, 501, 502
MENTION = "@cbccvc_bot"


@pytest.fixture
def make_app(config, engine, tmp_path, fake):
    def factory(flood_burst: int = 1000, **telegram) -> App:
        cfg = channel_config(config, tmp_path, telegram=fake.base_url)
        cfg = dataclasses.replace(cfg, telegram=dataclasses.replace(cfg.telegram, **telegram))
        return app_on(cfg, engine, flood_burst)
    return factory


def polling(app: App):
    """The runtime serving Telegram by long polling against the fake server."""
    return serving(app, ["telegram"])


def run(coro):
    return asyncio.run(coro)


def buttons(message: dict) -> list[str]:
    return [b["callback_data"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def test_private_question_answer_with_source_and_feedback_buttons(make_app, fake):
    app = make_app()

    async def scenario():
        async with polling(app):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            await until(lambda: fake.sent_to(PRIVATE))
    run(scenario())
    (msg,) = fake.sent_to(PRIVATE)
    assert "17.412" in msg["text"] and "Nguồn:" in msg["text"] and "<blockquote>" in msg["text"]
    votes = buttons(msg)
    assert len(votes) == 2 and votes[0].startswith("v:") and votes[0].endswith(":1")
    assert [c["command"] for c in fake.commands] == ["hoi", "nguon", "dangky", "huydangky", "trogiup"]
    app.flush()
    row = app.store.db["questions"].get(int(votes[0].split(":")[1]))
    assert row["channel"] == "telegram" and row["fact_id"] == "dt-tong-so-tri-thuc" and row["chat"] == str(PRIVATE)


def test_group_mention_reply_and_hoi_are_answered_chatter_is_not(make_app, fake):
    app = make_app()

    async def scenario():
        async with polling(app) as runtime:
            handled = Handled(runtime.conversation)
            fake.push(fake.message("hôm nay trời đẹp quá", chat_id=GROUP, chat_type="group"))
            fake.push(fake.message("/hoi@otherbot gì đó", chat_id=GROUP, chat_type="group"))
            fake.push(fake.message(f"{MENTION} hoanh bo tinh gian bao nhieu bien che", chat_id=GROUP,
                                   chat_type="group"))
            fake.push(fake.message("thế còn Bắc Kạn tỷ lệ đạt chuẩn ngoại ngữ?", chat_id=GROUP, chat_type="group",
                                   reply_to_bot=True))
            fake.push(fake.message("/hoi so khcn lang son co bn nguoi", chat_id=GROUP, chat_type="supergroup"))
            await until(lambda: handled.count == 4)  # all but the other bot's command reach the conversation
    run(scenario())
    texts = [m["text"] for m in fake.sent_to(GROUP)]
    assert len(texts) == 3
    assert any("21 biên chế" in t for t in texts)
    assert any("99,9%" in t for t in texts)
    assert any("71 cán bộ" in t for t in texts)
    app.flush()
    logged = [r["question"] for r in app.store.db["questions"].rows]
    assert "hôm nay trời đẹp quá" not in logged and len(logged) == 3


def test_clarification_buttons_pick_a_fact_and_feedback_is_stored(make_app, fake):
    app = make_app()

    async def scenario():
        async with polling(app):
            fake.push(fake.message("có bao nhiêu viên chức", chat_id=PRIVATE))
            await until(lambda: fake.sent_to(PRIVATE))
            picks = buttons(fake.sent_to(PRIVATE)[0])
            assert len(picks) >= 2 and all(p.startswith("p:") for p in picks)
            assert all(len(p.encode()) <= 64 for p in picks)
            fake.push(fake.callback(picks[1], chat_id=PRIVATE))
            await until(lambda: len(fake.sent_to(PRIVATE)) == 2)
            answer = fake.sent_to(PRIVATE)[1]
            vote = [b for b in buttons(answer) if b.endswith(":0")][0]
            fake.push(fake.callback(vote, chat_id=PRIVATE, message_id=answer["message_id"]))
            await until(lambda: len(fake.callback_answers) == 2)
            await until(lambda: any(m == "editMessageReplyMarkup" for m, _ in fake.calls))
            return picks[1][2:]
    picked = run(scenario())
    assert picked in fake.sent_to(PRIVATE)[1]["text"] or app.engine.kb.fact(picked).answer.split(",")[0] in \
        fake.sent_to(PRIVATE)[1]["text"]
    assert fake.callback_answers[1]["text"] == "Cảm ơn bạn đã góp ý!"
    app.flush()
    (vote_row,) = list(app.store.db["feedback"].rows)
    assert vote_row["vote"] == 0 and vote_row["fact_id"] == picked and vote_row["user"] == str(PRIVATE)


def test_sources_command_and_decline_with_examples(make_app, fake):
    app = make_app()

    async def scenario():
        async with polling(app):
            fake.push(fake.message("/nguon", chat_id=PRIVATE))
            fake.push(fake.message("Bắc Giang có bao nhiêu viên chức?", chat_id=PRIVATE))
            await until(lambda: len(fake.sent_to(PRIVATE)) == 2)
    run(scenario())
    sources, declined = sorted(fake.sent_to(PRIVATE), key=lambda m: "Bắc Giang" in m["text"])
    assert sources["text"].count("thông tin)") == 5 and "Báo Lạng Sơn" in sources["text"]
    assert "Bắc Giang" in declined["text"] and len(buttons(declined)) == 3


def test_subscription_needs_group_admin(make_app, fake):
    app = make_app()
    fake.admins[GROUP].add(ADMIN)

    async def scenario():
        async with polling(app):
            fake.push(fake.message("/dangky", chat_id=GROUP, user_id=MEMBER, chat_type="group"))
            await until(lambda: len(fake.sent_to(GROUP)) == 1)
            fake.push(fake.message("/dangky", chat_id=GROUP, user_id=ADMIN, chat_type="group"))
            await until(lambda: len(fake.sent_to(GROUP)) == 2)
            fake.push(fake.message("/dangky", chat_id=PRIVATE))
            await until(lambda: len(fake.sent_to(PRIVATE)) == 1)
    run(scenario())
    refused, accepted = [m["text"] for m in fake.sent_to(GROUP)]
    assert "chỉ quản trị viên" in refused and "Đã đăng ký" in accepted
    subs = {r["chat"]: r for r in app.store.db["subscribers"].rows}
    assert set(subs) == {str(GROUP), str(PRIVATE)} and subs[str(GROUP)]["by_user"] == app.pseudonym(str(ADMIN))


def test_429_is_waited_out_and_5xx_is_retried(make_app, fake):
    app = make_app()
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    fake.fail_next("sendMessage", 502, "Bad Gateway")
    fake.fail_next("sendMessage", 500, "Internal Server Error")

    async def scenario():
        async with polling(app):
            start = time.monotonic()
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            await until(lambda: fake.sent_to(PRIVATE))
            return time.monotonic() - start
    took = run(scenario())
    assert took >= 1.0  # the retry_after was honoured
    assert [e[1] for e in fake.errors] == [429, 502, 500]
    assert len(fake.sent_to(PRIVATE)) == 1


def test_persistent_5xx_loses_the_reply_but_not_the_log_or_the_process(make_app, fake):
    app = make_app(send_retries=1)
    for _ in range(2):
        fake.fail_next("sendMessage", 500, "Internal Server Error")

    async def scenario():
        async with polling(app):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            await until(lambda: len(fake.errors) == 2)
            fake.push(fake.message("hoanh bo tinh gian bao nhieu bien che", chat_id=PRIVATE))
            await until(lambda: fake.sent_to(PRIVATE))
    run(scenario())
    assert "21 biên chế" in fake.sent_to(PRIVATE)[0]["text"]
    app.flush()
    assert app.store.db["questions"].count == 2


def test_blocked_user_and_migrated_group(make_app, fake):
    app = make_app()
    app.store.subscribe("telegram", str(PRIVATE), "private", "", str(PRIVATE))
    app.store.subscribe("telegram", str(GROUP), "group", "Nhóm", str(ADMIN))
    fake.blocked.add(PRIVATE)
    fake.migrated[GROUP] = -1009990001

    async def scenario():
        async with polling(app):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            fake.push(fake.message(f"{MENTION} dong trieu co bao nhieu tri thuc", chat_id=GROUP, chat_type="group"))
            await until(lambda: fake.sent_to(-1009990001))
            fake.push(fake.message("/nguon", chat_id=555))
            await until(lambda: fake.sent_to(555))  # still serving
    run(scenario())
    assert not app.store.subscriber("telegram", str(PRIVATE))["active"]
    assert app.store.subscriber("telegram", str(GROUP)) is None
    assert app.store.subscriber("telegram", "-1009990001")["active"]


def test_hostile_text_never_breaks_html_and_long_replies_are_split(make_app, fake):
    app = make_app()

    async def scenario():
        async with polling(app):
            fake.push(fake.message("<b>Bắc Giang</b> & <script>alert(1)</script> có bao nhiêu viên chức", chat_id=PRIVATE))
            fake.push(fake.message("Đông Triều " + "x" * 5000, chat_id=PRIVATE))
            fake.push(fake.message("&lt;i&gt; có bao nhiêu cán bộ?", chat_id=PRIVATE))
            await until(lambda: len(fake.sent_to(PRIVATE)) == 3)
    run(scenario())
    assert not [e for e in fake.errors if e[0] == "sendMessage"]
    assert any("&lt;b&gt;Bắc Giang" in m["text"] or "Bắc Giang" in m["text"] for m in fake.sent_to(PRIVATE))


def test_bad_updates_and_unknown_buttons_do_not_stop_the_bot(make_app, fake):
    app = make_app()

    async def scenario():
        async with polling(app):
            fake.push({"message": {"message_id": 1}})  # no chat, no date: not a valid Message
            fake.push({"something_new": {"x": 1}})  # an update type this bot does not know
            sticker = fake.message("", chat_id=PRIVATE)
            del sticker["message"]["text"]
            sticker["message"]["sticker"] = {"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1,
                                             "is_animated": False, "is_video": False, "type": "regular"}
            fake.push(sticker)
            edited = fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE)
            fake.push({"edited_message": {**edited["message"], "edit_date": 1}})
            fake.push(fake.callback("v:not-a-number:1", chat_id=PRIVATE))
            fake.push(fake.callback("p:no-such-fact", chat_id=PRIVATE))
            fake.push(fake.callback("zzz", chat_id=PRIVATE))
            fake.push(fake.message("hoanh bo tinh gian bao nhieu bien che", chat_id=PRIVATE))
            await until(lambda: any("21 biên chế" in m["text"] for m in fake.sent_to(PRIVATE)))
            await until(lambda: len(fake.callback_answers) == 3)
    run(scenario())
    texts = [m["text"] for m in fake.sent_to(PRIVATE)]
    # The sticker's "text only" reply, the unknown fact's decline and the real answer; nothing for the edit.
    assert len(texts) == 3 and any("chỉ đọc được tin nhắn chữ" in t for t in texts)
    assert not any("17.412" in t for t in texts)


def test_split_message_keeps_lines_whole_and_under_the_limit():
    lines = [f"<b>dòng {i}</b> " + "chữ " * 30 for i in range(200)]
    parts = split_message("\n".join(lines), 4096)
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == "\n".join(lines)
    huge = split_message("a&b<" * 3000, 4096)
    assert all(len(p) <= 4096 for p in huge) and "".join(huge).count("&amp;") == 3000


def test_flood_control_one_polite_warning_then_silence(make_app, fake):
    app = make_app(flood_burst=3)
    # A token back a minute, not every 3 s: the counts below do not depend on how fast the machine is.
    app.config = dataclasses.replace(app.config, conversation=dataclasses.replace(app.config.conversation,
                                                                                  flood_per_minute=1.0))

    async def scenario():
        async with polling(app) as runtime:
            handled = Handled(runtime.conversation)
            for _ in range(5):
                fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            await until(lambda: handled.count == 5)
    run(scenario())
    texts = [m["text"] for m in fake.sent_to(PRIVATE)]
    assert len(texts) == 4 and sum("hỏi hơi nhanh" in t for t in texts) == 1


def test_token_never_reaches_the_logs(make_app, fake, caplog):
    app = make_app()
    caplog.set_level(logging.DEBUG)
    protect(TOKEN)
    fake.fail_next("sendMessage", 500, "Internal Server Error")

    async def scenario():
        async with polling(app):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            await until(lambda: fake.sent_to(PRIVATE))
    run(scenario())
    assert caplog.records
    assert not [r for r in caplog.records if TOKEN in r.getMessage() or TOKEN in (r.exc_text or "")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webhook_accepts_the_right_secret_and_refuses_a_wrong_one(make_app, fake):
    port = _free_port()
    app = make_app(webhook_port=port)
    update = {"update_id": 7, **fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE)}

    def post(secret: str) -> int:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/telegram", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": secret})
        try:
            return urllib.request.urlopen(req, timeout=5).status
        except urllib.error.HTTPError as err:
            return err.code

    async def scenario():
        async with serving(app, ["telegram"], {"telegram": "https://bot.example.invalid/telegram"},
                           TELEGRAM_WEBHOOK_SECRET="right-secret") as runtime:
            handled = Handled(runtime.conversation)
            wrong = await asyncio.to_thread(post, "wrong-secret")  # refused before it is queued
            right = await asyncio.to_thread(post, "right-secret")
            await until(lambda: handled.count >= 1 and fake.sent_to(PRIVATE))
            assert handled.count == 1 and len(fake.sent_to(PRIVATE)) == 1  # the refused one was never read
            return wrong, right
    wrong, right = run(scenario())
    assert wrong == 403 and right == 200
    assert fake.webhook["secret_token"] == "right-secret"
    assert "17.412" in fake.sent_to(PRIVATE)[0]["text"]


def test_cli_runs_until_sigterm_and_shuts_down_cleanly(fake, tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_TELEGRAM__POLL_TIMEOUT": "1",
           "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid")}
    with bot_process("telegram", env, polled=(fake,)) as proc:
        fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
        assert fake.wait_for(lambda: fake.sent_to(PRIVATE), timeout=15)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "Telegram channel stopped" in err and "bot stopped" in err and TOKEN not in err + out


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_start_up_survives_one_failed_call(make_app, fake, mode):
    # python-telegram-bot 22.8 does not retry its start-up deleteWebhook / setWebhook by default.
    port = _free_port()
    app = make_app(webhook_port=port)
    fake.fail_next("deleteWebhook" if mode == "polling" else "setWebhook", 502, "Bad Gateway")
    webhooks = {"telegram": "https://bot.example.invalid/telegram"} if mode == "webhook" else None

    async def scenario():
        async with serving(app, ["telegram"], webhooks, timeout=30, TELEGRAM_WEBHOOK_SECRET="right-secret"):
            if mode == "polling":
                fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
                await until(lambda: fake.sent_to(PRIVATE))
    run(scenario())
    method = "deleteWebhook" if mode == "polling" else "setWebhook"
    assert [m for m, c, _ in fake.errors] == [method] and [m for m, _ in fake.calls].count(method) == 2
    if mode == "polling":
        assert "17.412" in fake.sent_to(PRIVATE)[0]["text"]
    else:
        assert fake.webhook["secret_token"] == "right-secret"


def test_a_webhook_secret_telegram_would_refuse_stops_with_one_line(make_app, fake, caplog):
    from bot.runtime import Runtime
    from tests.harness import ENV
    app = make_app(webhook_port=_free_port())

    async def scenario():
        runtime = Runtime(app)
        runtime.add_platforms(["telegram"], {**ENV, "TELEGRAM_WEBHOOK_SECRET": "has.dots=and+plus"},
                              {"telegram": "https://bot.example.invalid/telegram"})
        return await asyncio.wait_for(runtime.run(), 30)
    assert run(scenario()) == 1
    assert "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z" in caplog.text
    assert not any(m == "setWebhook" for m, _ in fake.calls) and "Traceback" not in caplog.text


def test_edit_of_a_long_message_never_cuts_inside_a_tag(make_app, fake):
    from bot.engine.render import STRONG, line
    from channels.telegram import TelegramPort
    from handlers.messages import Outgoing
    from telegram import Bot
    app = make_app(max_message_chars=60)
    bold = (line("x" * 50, STRONG),)  # "<b>xxx…</b>" is 57 characters; two lines do not fit in 60

    async def scenario():
        async with Bot(TOKEN, base_url=fake.base_url) as bot:
            port = TelegramPort(app, bot, app.config.telegram)
            message_id = await port.send(str(PRIVATE), Outgoing(bold))
            return await port.edit(str(PRIVATE), message_id, Outgoing((line("z" * 50, STRONG), line("y" * 50, STRONG))))
    assert run(scenario()) is True
    (edit,) = fake.edits
    assert edit[2] == "<b>" + "z" * 50 + "</b>"  # the first line whole (cut at 60 it was "…yy<b>yy")


def test_start_up_failing_past_its_retries_is_started_again_by_the_runtime(make_app, fake, caplog):
    from channels.telegram import BOOTSTRAP_RETRIES
    app = make_app()
    for _ in range(BOOTSTRAP_RETRIES + 2):  # more failures than one start's retries
        fake.fail_next("deleteWebhook", 502, "Bad Gateway")

    async def scenario():
        async with serving(app, ["telegram"], timeout=60):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=PRIVATE))
            await until(lambda: fake.sent_to(PRIVATE))
    run(scenario())
    assert [m for m, _ in fake.calls].count("deleteWebhook") == BOOTSTRAP_RETRIES + 3
    assert "cannot reach the Telegram Bot API" in caplog.text and "trying again" in caplog.text
    assert "17.412" in fake.sent_to(PRIVATE)[0]["text"]
