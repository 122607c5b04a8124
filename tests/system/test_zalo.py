"""The Zalo channel end to end: its own client over HTTP against the fake Zalo Bot API server on 127.0.0.1
(tests/fakes/zalo.py), inside the real runtime."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from bot.service.config import REPO_ROOT
from bot.engine.render import line
from channels.zalo.channel import ZaloPort, strip_mention, to_incoming
from channels.zalo.client import ZaloClient
from handlers.messages import Outgoing
from tests.fakes.telegram import TOKEN as TELEGRAM_TOKEN, FakeTelegram
from tests.fakes.zalo import BOT, DISPLAY_NAME, TOKEN, FakeZalo
from tests.harness import Handled, Output, bot_process, channel_config, make_app, serving, until

USER, ADMIN, GROUP = "u111", "u501", "g900"


@pytest.fixture
def fake():
    """The fake Zalo Bot API server (in place of conftest's Telegram one)."""
    server = FakeZalo().start()
    yield server
    server.stop()


@pytest.fixture
def app(config, engine, tmp_path, fake):
    cfg = channel_config(config, tmp_path, zalo=fake.base_url, admins={"zalo": frozenset({ADMIN})})
    return make_app(cfg, engine)


def run(coro):
    return asyncio.run(coro)


def test_text_image_sticker_bots_and_duplicates(app, fake):
    async def scenario():
        async with serving(app, ["zalo"]) as runtime:
            handled = Handled(runtime.conversation)
            fake.push(fake.message("", user_id=USER, event="message.image.received"))
            fake.push(fake.message("", user_id=USER, event="message.sticker.received"))
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id="u7", is_bot=True))
            question = fake.message("hoanh bo tinh gian bao nhieu bien che", user_id=USER, message_id="dup-1")
            fake.push(question)
            fake.push(question)  # the platform delivered it twice
            fake.push({"event_name": "user.follow", "follower": {"id": USER}})  # not a message: ignored
            # Updates are read in order: once a later marker is answered and nothing is in hand, every one
            # above has been dealt with. Only the image, the sticker and the question reach the conversation.
            await until(lambda: any("21 biên chế" in m["text"] for m in fake.sent_to(USER)))
            fake.push(fake.message("/nguon", user_id="marker"))
            await until(lambda: fake.sent_to("marker") and handled.busy == 0)
            assert handled.count == 4
    run(scenario())
    texts = [m["text"] for m in fake.sent_to(USER)]
    assert sum("chỉ đọc được tin nhắn chữ" in t for t in texts) == 2
    assert sum("21 biên chế" in t for t in texts) == 1
    assert not fake.sent_to("u7") and len(texts) == 3
    app.flush()
    assert app.store.db["questions"].count == 1


@pytest.mark.parametrize("code", [404, 400])
def test_polling_start_survives_delete_webhook_refused_and_a_403_at_start_is_retried(app, fake, code, caplog):
    fake.no_webhook_code = code  # no webhook is set: the platform answers deleteWebhook with ok:false
    fake.fail_next("getMe", 403, "Internal server error")  # Zalo's 403 is a server error, not a bad token

    async def scenario():
        async with serving(app, ["zalo"]):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id=USER))
            await until(lambda: fake.sent_to(USER))
    run(scenario())
    assert ("deleteWebhook", code) in [(m, c) for m, c, _ in fake.errors]
    assert [m for m, _ in fake.calls][:3] == ["getMe", "getMe", "deleteWebhook"]
    assert "17.412" in fake.sent_to(USER)[0]["text"]
    assert "long polling, which the platform documents for development only" in caplog.text


@pytest.mark.parametrize("status", [200, 408])
def test_idle_polls_are_not_errors_and_the_bot_keeps_answering(app, fake, caplog, status):
    caplog.set_level(logging.WARNING)
    fake.idle_status = status  # measured both ways; the body says error_code 408 either way

    async def scenario():
        async with serving(app, ["zalo"]):
            await until(lambda: fake.idle_polls >= 2, timeout=10)
            fake.push(fake.message("/nguon", user_id=USER))
            await until(lambda: fake.sent_to(USER))
    run(scenario())
    assert fake.idle_polls >= 2
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "getUpdates" in r.getMessage()]


def test_403_429_and_5xx_are_retried_on_send_and_on_poll(app, fake):
    # Zalo's error table: 403 is "Internal server error", 429 "Quota exceeded" with no retry_after.
    fake.fail_next("getUpdates", 403, "Internal server error")
    fake.fail_next("getUpdates", 429, "Quota exceeded")
    fake.fail_next("sendMessage", 429, "Quota exceeded")
    fake.fail_next("sendMessage", 403, "Internal server error")

    async def scenario():
        async with serving(app, ["zalo"]):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id=USER))
            await until(lambda: fake.sent_to(USER), timeout=15)
    run(scenario())
    assert [(m, c) for m, c, _ in fake.errors if c not in (404, 408)] == [
        ("getUpdates", 403), ("getUpdates", 429), ("sendMessage", 429), ("sendMessage", 403)]
    assert len(fake.sent_to(USER)) == 1 and "17.412" in fake.sent_to(USER)[0]["text"]


def test_a_403_on_send_keeps_the_subscriber_and_429_without_retry_after_is_bounded(app, fake, caplog):
    retries = app.config.zalo.send_retries
    gave_up = lambda: [r for r in caplog.records if "could not deliver" in r.getMessage()]  # noqa: E731

    async def scenario():
        async with serving(app, ["zalo"]):
            fake.push(fake.message("/dangky", user_id=USER))
            await until(lambda: fake.sent_to(USER))
            for _ in range(retries + 1):  # every attempt of the next reply fails with Zalo's transient 403
                fake.fail_next("sendMessage", 403, "Internal server error")
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id=USER))
            await until(lambda: len(gave_up()) == 1)
            for _ in range(retries + 1):  # the same with Zalo's 429 "Quota exceeded", which has no retry_after
                fake.fail_next("sendMessage", 429, "Quota exceeded")
            fake.push(fake.message("hoanh bo tinh gian bao nhieu bien che", user_id=USER))
            await until(lambda: len(gave_up()) == 2)  # bounded: it gave up after its tries
            fake.push(fake.message("/nguon", user_id=ADMIN))  # the bot is still answering after both
            await until(lambda: fake.sent_to(ADMIN))
    run(scenario())
    assert app.store.subscriber("zalo", USER)["active"] == 1  # a server hiccup never unsubscribes
    assert sum(1 for m, c, _ in fake.errors if c == 429) == retries + 1
    assert len(fake.sent_to(USER)) == 1  # only the subscription's confirmation got through


def test_a_broadcast_meeting_429_quota_exceeded_ends_after_its_attempts(app, fake):
    from bot.service import broadcast
    from channels.zalo.channel import ZaloSender
    limits = dataclasses.replace(app.config.broadcast_limits("zalo"), backoff_seconds=0.01, max_attempts=3)
    app.store.subscribe("zalo", USER, "private", "", USER)
    broadcast_id = app.store.create_broadcast("zalo", ADMIN, "Đã cập nhật.")
    app.store.start_broadcast(broadcast_id, app.store.active_subscribers("zalo"))
    for _ in range(10):
        fake.fail_next("sendMessage", 429, "Quota exceeded")

    async def scenario():
        client = ZaloClient(TOKEN, fake.base_url, 5.0, 1.0)
        try:
            return await asyncio.wait_for(broadcast.run(app.store, ZaloSender(client), broadcast_id, limits), 30)
        finally:
            await client.close()
    final = run(scenario())
    assert (final.sent, final.failed) == (0, 1)
    assert sum(1 for m, c, _ in fake.errors if m == "sendMessage") == 3
    assert app.store.subscriber("zalo", USER)["active"] == 1


def test_a_long_answer_is_split_on_lines_under_the_limit(app, fake):
    lines = [f"Dòng {i}: " + "cán bộ công chức viên chức " * 5 for i in range(20)]  # about 3,000 characters
    text = "\n".join(lines)
    assert 2800 < len(text) < 3400

    async def scenario():
        client = ZaloClient(TOKEN, fake.base_url, 5.0, 1.0)
        try:
            port = ZaloPort(app, client, app.config.zalo)
            return await port.send(USER, Outgoing(tuple(line(t) for t in lines)))
        finally:
            await client.close()
    assert run(scenario())
    parts = [m["text"] for m in fake.sent_to(USER)]
    assert len(parts) == 2 and all(len(p) <= 2000 for p in parts)
    assert "\n".join(parts) == text  # cut between lines only, nothing lost


@pytest.mark.parametrize("named_by", ["config", "getMe"])
def test_groups_mention_by_display_name_admin_rights_and_subscription(app, fake, named_by):
    # getMe's account_name is a handle ("bot.VDKyGxQvc"); people type the display name, which starts with "Bot".
    if named_by == "config":
        app = dataclasses.replace(app, config=dataclasses.replace(
            app.config, zalo=dataclasses.replace(app.config.zalo, bot_name=DISPLAY_NAME)))
    else:
        fake.display_name = DISPLAY_NAME
    mention = f"@{DISPLAY_NAME}"

    async def scenario():
        async with serving(app, ["zalo"]):
            fake.push(fake.message(f"{mention} hoanh bo tinh gian bao nhieu bien che", user_id=USER,
                                   chat_id=GROUP, group=True))
            await until(lambda: fake.sent_to(GROUP))
            fake.push(fake.message(f"{mention} /dangky", user_id=USER, chat_id=GROUP, group=True))
            await until(lambda: len(fake.sent_to(GROUP)) == 2)
            fake.push(fake.message(f"{mention} /dangky", user_id=ADMIN, chat_id=GROUP, group=True))
            await until(lambda: len(fake.sent_to(GROUP)) == 3)
            fake.push(fake.message("/dangky", user_id=USER, chat_id="c77", chat_type="COMMUNITY"))
            await until(lambda: fake.sent_to("c77"))
    run(scenario())
    answer, refused, accepted = [m["text"] for m in fake.sent_to(GROUP)]
    assert "21 biên chế" in answer and "chỉ quản trị viên" in refused and "Đã đăng ký" in accepted
    assert app.store.subscriber("zalo", GROUP)["kind"] == "group" and not fake.sent_to(USER)
    # An unknown chat type is not taken for a private chat: only an admin may subscribe it.
    assert "chỉ quản trị viên" in fake.sent_to("c77")[0]["text"] and app.store.subscriber("zalo", "c77") is None


def test_an_echo_of_the_bots_own_message_is_never_answered(app, fake, caplog):
    assert fake.echo  # the fake redelivers every message the bot sends, from the bot's id, without is_bot
    caplog.set_level(logging.DEBUG, logger="channels.zalo.channel")

    async def scenario():
        async with serving(app, ["zalo"]):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id=USER))
            await until(lambda: fake.sent_to(USER))
            # The bot's own words, as a question, from its own id: still not answered.
            fake.push(fake.message("hoanh bo tinh gian bao nhieu bien che", user_id=BOT["id"], chat_id=USER,
                                   is_bot=False))
            fake.push(fake.message("/nguon", user_id=ADMIN))
            await until(lambda: fake.sent_to(ADMIN))
            await until(lambda: not fake.updates)  # every echo has been handed to the bot
    run(scenario())
    assert len(fake.sent_to(USER)) == 1 and len(fake.sent_to(ADMIN)) == 1
    app.flush()
    assert app.store.db["questions"].count == 1
    # config.yaml tells admins to find their Zalo id in this DEBUG line.
    assert f"zalo message from user {ADMIN} in chat {ADMIN} (private)" in caplog.text


def test_strip_mention_and_tolerant_parsing():
    assert strip_mention("@Trợ lý CBCCVC có bao nhiêu", "Trợ lý CBCCVC") == "có bao nhiêu"
    names = ("bot.VDKyGxQvc", "Bot Hỏi Đáp CBCCVC")
    assert strip_mention("@Bot Hỏi Đáp CBCCVC, có bao nhiêu", names) == "có bao nhiêu"
    assert strip_mention("@Bot Hỏi Đáp CBCCVCX có", ("Bot Hỏi Đáp CBCCVC",)) == "Hỏi Đáp CBCCVCX có"
    assert strip_mention("@bot, có bao nhiêu", "") == "có bao nhiêu"
    assert strip_mention("có @ở giữa", "x") == "có @ở giữa"
    for broken in (None, [], {"message": "x"}, {"event_name": 5}, {"event_name": "message.text.received"},
                   {"event_name": "message.text.received", "message": {"from": {"id": {"x": 1}}, "chat": []}}):
        assert to_incoming(broken, "")[1] is None
    _, msg = to_incoming({"event_name": "message.text.received",
                          "message": {"message_id": 7, "from": {"id": 42, "name": "A"}, "text": "xin chào"}}, "")
    assert msg is not None and msg.chat_id == "42" and msg.text == "xin chào"  # numbers read as strings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _webhook_app(app, fake):
    """The app listening for the webhook on a free port, the fake posting there (as a TLS proxy would)."""
    port = _free_port()
    fake.webhook_target = f"http://127.0.0.1:{port}/zalo"
    return dataclasses.replace(app, config=dataclasses.replace(
        app.config, zalo=dataclasses.replace(app.config.zalo, webhook_port=port)))


@pytest.mark.parametrize("flat", [False, True])
def test_webhook_mode_answers_the_ping_and_wrapped_or_flat_updates(app, fake, flat):
    app = _webhook_app(app, fake)
    fake.flat_webhook = flat

    async def scenario():
        async with serving(app, ["zalo"], {"zalo": "https://bot.example.invalid/zalo"},
                           ZALO_WEBHOOK_SECRET="right-secret-123"):
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id=USER))
            await until(lambda: fake.sent_to(USER))
            await until(lambda: len(fake.posted) >= 2)  # the question, and the echo of the answer
    run(scenario())
    assert fake.pings == [200]  # setWebhook's ping of the URL reached a listener that was already up
    assert fake.posted[:2] == [200, 200] and len(fake.sent_to(USER)) == 1
    assert "17.412" in fake.sent_to(USER)[0]["text"]
    assert not [m for m, _ in fake.calls if m == "getUpdates"]


def test_webhook_checks_the_secret_and_the_size_before_reading_and_refuses_deep_json(app, fake, caplog):
    app = _webhook_app(app, fake)
    update = fake.message("dong trieu co bao nhieu tri thuc", user_id=USER)
    url = fake.webhook_target

    def post(secret: str | None, body: bytes) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Bot-Api-Secret-Token"] = secret
        req = urllib.request.Request(url, data=body, headers=headers)
        try:
            return urllib.request.urlopen(req, timeout=5).status
        except urllib.error.HTTPError as err:
            return err.code

    def announce(secret: str, length: int) -> bytes:
        """Headers announcing a large body, and not one byte of it: the answer must come anyway."""
        with socket.create_connection(("127.0.0.1", int(url.split(":")[2].split("/")[0])), timeout=5) as conn:
            conn.sendall(f"POST /zalo HTTP/1.1\r\nHost: x\r\nX-Bot-Api-Secret-Token: {secret}\r\n"
                         f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n".encode())
            return conn.recv(200)

    async def scenario():
        async with serving(app, ["zalo"], {"zalo": "https://bot.example.invalid/zalo"},
                           ZALO_WEBHOOK_SECRET="right-secret-123"):
            body = json.dumps(update).encode()
            codes = [await asyncio.to_thread(post, "wrong-secret-123", body),
                     await asyncio.to_thread(post, None, body),
                     await asyncio.to_thread(post, "right-secret-123", b"{not json"),
                     await asyncio.to_thread(post, "right-secret-123", b"[" * 100_000 + b"]" * 100_000)]
            heads = [await asyncio.to_thread(announce, "wrong-secret-123", 90_000_000),
                     await asyncio.to_thread(announce, "right-secret-123", 90_000_000)]
            assert not fake.sent_to(USER)
            codes.append(await asyncio.to_thread(post, "right-secret-123", body))
            await until(lambda: fake.sent_to(USER))
            return codes, heads
    codes, heads = run(scenario())
    assert codes == [403, 403, 400, 413, 200]  # a deep body over the size limit is refused unread
    assert heads[0].startswith(b"HTTP/1.1 403") and heads[1].startswith(b"HTTP/1.1 413")
    assert fake.webhook["secret_token"] == "right-secret-123" and fake.webhook["url"].startswith("https://")
    assert "17.412" in fake.sent_to(USER)[0]["text"]
    assert "Traceback" not in caplog.text


def test_deeply_nested_json_with_the_right_secret_is_a_400_and_one_log_line(app, fake, caplog):
    app = _webhook_app(app, fake)
    app = dataclasses.replace(app, config=dataclasses.replace(
        app.config, zalo=dataclasses.replace(app.config.zalo, webhook_max_bytes=1_000_000)))
    deep = b"[" * 200_000 + b"]" * 200_000  # under the raised limit, deeper than the parser can go

    async def scenario():
        async with serving(app, ["zalo"], {"zalo": "https://bot.example.invalid/zalo"},
                           ZALO_WEBHOOK_SECRET="right-secret-123"):
            req = urllib.request.Request(fake.webhook_target, data=deep, headers={
                "Content-Type": "application/json", "X-Bot-Api-Secret-Token": "right-secret-123"})
            try:
                return (await asyncio.to_thread(urllib.request.urlopen, req, None, 5)).status
            except urllib.error.HTTPError as err:
                return err.code
    assert run(scenario()) == 400
    lines = [r for r in caplog.records if "webhook body" in r.getMessage()]
    assert len(lines) == 1 and lines[0].exc_info is None and "Traceback" not in caplog.text


def test_broadcast_confirmed_by_text_within_the_monthly_quota(app, fake):
    limits = dataclasses.replace(app.config.zalo.broadcast, monthly_quota=3)
    app = dataclasses.replace(app, config=dataclasses.replace(
        app.config, zalo=dataclasses.replace(app.config.zalo, broadcast=limits)))

    async def scenario():
        async with serving(app, ["zalo"]):
            for user in (USER, ADMIN):
                fake.push(fake.message("/dangky", user_id=user))
            await until(lambda: fake.sent_to(USER) and fake.sent_to(ADMIN))
            fake.push(fake.message("/thongbao Đã cập nhật số liệu Bắc Kạn.", user_id=ADMIN))
            await until(lambda: len(fake.sent_to(ADMIN)) == 2)
            preview = fake.sent_to(ADMIN)[1]["text"]
            fake.push(fake.message("gửi", user_id=ADMIN))
            await until(lambda: any("đã gửi xong" in m["text"] for m in fake.sent_to(ADMIN)))
            fake.push(fake.message("/thongbao Lần hai.", user_id=ADMIN))
            await until(lambda: "Lần hai" in fake.sent_to(ADMIN)[-1]["text"] or
                        "hạn mức" in fake.sent_to(ADMIN)[-1]["text"])
            return preview, fake.sent_to(ADMIN)[-1]["text"]
    preview, refused = run(scenario())
    assert "Hạn mức tháng này còn 3/3 tin; gửi xong còn 1." in preview and "1. ✅ Gửi" in preview
    assert "“gửi” / “hủy”" in preview
    assert refused == "Không gửi được: thông báo cần 2 tin nhưng hạn mức tháng này chỉ còn 1/3 tin."
    assert [m["text"] for m in fake.sent_to(USER)][-1] == "Đã cập nhật số liệu Bắc Kạn."
    assert app.store.broadcast_messages_this_month("zalo") == 2 and app.store.broadcast(2) is None


def test_token_never_reaches_logs_or_stderr(fake, tmp_path):
    env = {**os.environ, "ZALO_BOT_TOKEN": TOKEN, "ZALO_BASE_URL": "http://127.0.0.1:9",  # nothing listens
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
           "BOT_SERVICE__START_RETRY_SECONDS": "0.1", "BOT_LOG_LEVEL": "DEBUG"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "zalo"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = Output(proc.stderr)
    assert log.wait_for("trying again in 0.2 s")  # the second retry: each one was logged
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=20)
    err = log.text()
    assert "cannot reach the Zalo Bot API" in err and "trying again" in err  # retried, with one line each time
    assert "Traceback" not in err and TOKEN not in err + out and proc.returncode == 0


def test_serve_runs_both_channels_refuses_a_second_instance_and_stops_on_sigterm(fake, tmp_path):
    telegram = FakeTelegram().start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_BASE_URL": telegram.base_url,
           "ZALO_BOT_TOKEN": TOKEN, "ZALO_BASE_URL": fake.base_url, "BOT_ZALO__ENABLED": "true",
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
           "BOT_TELEGRAM__POLL_TIMEOUT": "1", "BOT_ZALO__POLL_TIMEOUT": "1"}
    try:
        with bot_process("serve", env, polled=(telegram, fake)) as proc:
            telegram.push(telegram.message("dong trieu co bao nhieu tri thuc", chat_id=111))
            fake.push(fake.message("hoanh bo tinh gian bao nhieu bien che", user_id=USER))
            assert telegram.wait_for(lambda: telegram.sent_to(111), timeout=15)
            assert fake.wait_for(lambda: fake.sent_to(USER), timeout=15)
            second = subprocess.run([sys.executable, "-m", "bot", "serve"], cwd=REPO_ROOT, env=env,
                                    capture_output=True, text=True, timeout=60)
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=20)
    finally:
        telegram.stop()
    assert "17.412" in telegram.sent_to(111)[0]["text"] and "21 biên chế" in fake.sent_to(USER)[0]["text"]
    assert second.returncode == 2 and "already running" in second.stderr and "Traceback" not in second.stderr
    assert proc.returncode == 0, err
    assert "Telegram channel stopped" in err and "Zalo channel stopped" in err and "bot stopped" in err
    assert not (tmp_path / "bot.pid").exists()


def test_the_fake_answers_as_the_platform_documents(fake):
    """The documented forms the channel must cope with (sources in tests/fakes/zalo.py's docstring)."""
    import httpx
    url = f"{fake.base_url}/bot{TOKEN}/"
    with httpx.Client(timeout=10) as http:
        me = http.post(url + "getMe", data={}).json()  # the official SDK posts form-encoded bodies
        idle = http.post(url + "getUpdates", data={"timeout": "1"})  # `timeout` is a String
        unknown = http.post(url + "getChat", json={})
        no_hook = http.post(url + "deleteWebhook", json={})
        no_info = http.post(url + "getWebhookInfo", json={})
        typing = http.post(url + "sendChatAction", data={"chat_id": USER, "action": "typing"}).json()
        sent = http.post(url + "sendMessage", data={"chat_id": USER, "text": "xin chào"}).json()
        echo = http.post(url + "getUpdates", json={"timeout": "1"}).json()
        hook = http.post(url + "setWebhook", json={"url": "https://bot.example.invalid/zalo",
                                                   "secret_token": "s" * 8}).json()
        polled = http.post(url + "getUpdates", json={"timeout": "0"})
        bad_token = http.post(f"{fake.base_url}/bot1:wrong/getMe", json={})
    assert me["ok"] and me["result"]["account_name"].startswith("bot.") and "display_name" not in me["result"]
    assert idle.status_code == 200 and idle.json() == {"ok": False, "error_code": 408,
                                                       "description": "Request timeout"}
    assert unknown.status_code == 400 and unknown.json()["error_code"] == 400
    assert no_hook.json()["error_code"] == 404 and no_info.status_code == 404
    assert typing == {"ok": True}
    assert set(sent["result"]) == {"message_id", "date"}
    message = echo["result"]["message"]  # one update, not a list: the bot's own message, from its id
    assert isinstance(echo["result"], dict) and message["from"]["id"] == BOT["id"] and message["text"] == "xin chào"
    assert set(hook["result"]) == {"url", "updated_at"}
    assert polled.status_code == 400  # getUpdates does not work while a webhook is set
    assert bad_token.status_code == 401
