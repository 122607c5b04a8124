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
import time
import urllib.error
import urllib.request

import pytest

from bot.service.config import REPO_ROOT
from bot.engine.render import line
from channels.zalo.channel import ZaloPort, strip_mention, to_incoming
from channels.zalo.client import ZaloClient
from handlers.messages import Outgoing
from tests.fakes.telegram import TOKEN as TELEGRAM_TOKEN, FakeTelegram
from tests.fakes.zalo import TOKEN, FakeZalo
from tests.harness import Handled, Output, channel_config, make_app, serving, until

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


def test_idle_polls_are_not_errors_and_the_bot_keeps_answering(app, fake, caplog):
    caplog.set_level(logging.WARNING)

    async def scenario():
        async with serving(app, ["zalo"]):
            await until(lambda: fake.idle_polls >= 2, timeout=10)
            fake.push(fake.message("/nguon", user_id=USER))
            await until(lambda: fake.sent_to(USER))
    run(scenario())
    assert fake.idle_polls >= 2
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "getUpdates" in r.getMessage()]


def test_429_and_5xx_are_retried_on_send_and_on_poll(app, fake):
    fake.fail_next("getUpdates", 502, "Bad Gateway")
    fake.fail_next("getUpdates", 429, "Too Many Requests", retry_after=1)
    fake.fail_next("sendMessage", 429, "Too Many Requests", retry_after=1)
    fake.fail_next("sendMessage", 500, "Internal Server Error")

    async def scenario():
        async with serving(app, ["zalo"]):
            start = time.monotonic()
            fake.push(fake.message("dong trieu co bao nhieu tri thuc", user_id=USER))
            await until(lambda: fake.sent_to(USER), timeout=15)
            return time.monotonic() - start
    took = run(scenario())
    assert took >= 1.0  # the send's retry_after was waited out
    assert [(m, c) for m, c, _ in fake.errors if c != 408] == [("getUpdates", 502), ("getUpdates", 429), ("sendMessage", 429),
                                                   ("sendMessage", 500)]
    assert len(fake.sent_to(USER)) == 1 and "17.412" in fake.sent_to(USER)[0]["text"]


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


def test_groups_mention_admin_rights_and_subscription(app, fake):
    async def scenario():
        async with serving(app, ["zalo"]):
            fake.push(fake.message("@Trợ lý CBCCVC hoanh bo tinh gian bao nhieu bien che", user_id=USER,
                                   chat_id=GROUP, group=True))
            await until(lambda: fake.sent_to(GROUP))
            fake.push(fake.message("@Trợ lý CBCCVC /dangky", user_id=USER, chat_id=GROUP, group=True))
            await until(lambda: len(fake.sent_to(GROUP)) == 2)
            fake.push(fake.message("@Trợ lý CBCCVC /dangky", user_id=ADMIN, chat_id=GROUP, group=True))
            await until(lambda: len(fake.sent_to(GROUP)) == 3)
    run(scenario())
    answer, refused, accepted = [m["text"] for m in fake.sent_to(GROUP)]
    assert "21 biên chế" in answer and "chỉ quản trị viên" in refused and "Đã đăng ký" in accepted
    assert app.store.subscriber("zalo", GROUP)["kind"] == "group" and not fake.sent_to(USER)


def test_strip_mention_and_tolerant_parsing():
    assert strip_mention("@Trợ lý CBCCVC có bao nhiêu", "Trợ lý CBCCVC") == "có bao nhiêu"
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


def test_webhook_checks_the_secret(app, fake):
    port = _free_port()
    app = dataclasses.replace(app, config=dataclasses.replace(
        app.config, zalo=dataclasses.replace(app.config.zalo, webhook_port=port)))
    update = fake.message("dong trieu co bao nhieu tri thuc", user_id=USER)

    def post(secret: str | None, body: bytes) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Bot-Api-Secret-Token"] = secret
        req = urllib.request.Request(f"http://127.0.0.1:{port}/zalo", data=body, headers=headers)
        try:
            return urllib.request.urlopen(req, timeout=5).status
        except urllib.error.HTTPError as err:
            return err.code

    async def scenario():
        async with serving(app, ["zalo"], {"zalo": "https://bot.example.invalid/zalo"},
                           ZALO_WEBHOOK_SECRET="right-secret-123") as runtime:
            handled = Handled(runtime.conversation)
            codes = [await asyncio.to_thread(post, "wrong-secret-123", json.dumps(update).encode()),
                     await asyncio.to_thread(post, None, json.dumps(update).encode()),
                     await asyncio.to_thread(post, "right-secret-123", b"{not json")]
            codes.append(await asyncio.to_thread(post, "right-secret-123", json.dumps(update).encode()))
            await until(lambda: handled.count >= 1 and fake.sent_to(USER))
            assert handled.count == 1 and len(fake.sent_to(USER)) == 1  # the refused ones were never read
            return codes
    assert run(scenario()) == [403, 403, 400, 200]
    assert fake.webhook["secret_token"] == "right-secret-123" and fake.webhook["url"].startswith("https://")
    assert "17.412" in fake.sent_to(USER)[0]["text"]


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
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert telegram.wait_for(lambda: any(m == "getUpdates" for m, _ in telegram.calls), timeout=30)
        assert fake.wait_for(lambda: any(m == "getUpdates" for m, _ in fake.calls), timeout=30)
        telegram.push(telegram.message("dong trieu co bao nhieu tri thuc", chat_id=111))
        fake.push(fake.message("hoanh bo tinh gian bao nhieu bien che", user_id=USER))
        assert telegram.wait_for(lambda: telegram.sent_to(111), timeout=15)
        assert fake.wait_for(lambda: fake.sent_to(USER), timeout=15)
        second = subprocess.run([sys.executable, "-m", "bot", "serve"], cwd=REPO_ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
        telegram.stop()
    assert "17.412" in telegram.sent_to(111)[0]["text"] and "21 biên chế" in fake.sent_to(USER)[0]["text"]
    assert second.returncode == 2 and "already running" in second.stderr and "Traceback" not in second.stderr
    assert proc.returncode == 0, err
    assert "Telegram channel stopped" in err and "Zalo channel stopped" in err and "bot stopped" in err
    assert not (tmp_path / "bot.pid").exists()
