"""`python -m bot doctor` through the real process against the fake Telegram and Zalo servers: one line per
check, exit 0 only when every check passes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.service.config import REPO_ROOT
from tests.fakes.telegram import TOKEN as TELEGRAM_TOKEN, FakeTelegram
from tests.fakes.zalo import TOKEN as ZALO_TOKEN, FakeZalo


@pytest.fixture
def fakes():
    telegram, zalo = FakeTelegram().start(), FakeZalo().start()
    yield telegram, zalo
    telegram.stop()
    zalo.stop()


def _env(fakes, tmp_path: Path, **extra: str) -> dict[str, str]:
    telegram, zalo = fakes
    return {**os.environ, "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_BASE_URL": telegram.base_url,
            "ZALO_BOT_TOKEN": ZALO_TOKEN, "ZALO_BASE_URL": zalo.base_url, "BOT_ZALO__ENABLED": "true",
            "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
            "BOT_TELEGRAM__POLL_TIMEOUT": "1", "BOT_ZALO__POLL_TIMEOUT": "1", **extra}


def doctor(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", "doctor", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_every_check_passes_and_the_test_messages_arrive(fakes, tmp_path):
    telegram, zalo = fakes
    result = doctor(_env(fakes, tmp_path, BOT_ZALO__BOT_NAME="Bot Hỏi Đáp CBCCVC"),
                    "--send-to", "telegram:501", "--send-to", "zalo:u501")
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(line.split()[0] in ("ok", "info") for line in lines[:-1]) and lines[-1] == "all checks passed"
    assert any(line.startswith("ok   telegram: token valid: bot @cbccvc_bot") for line in lines)
    assert any(line.startswith("ok   zalo: token valid: bot bot.VDKyGxQvc") for line in lines)
    assert any("zalo: no webhook set: long polling can receive" in line for line in lines)
    assert any("knowledge:" in line and "facts" in line for line in lines)
    assert telegram.sent_to(501) and zalo.sent_to("u501")  # the test messages went out
    assert not [m for m, _ in zalo.calls if m == "getUpdates"]  # on Zalo a poll would take a user's message
    assert TELEGRAM_TOKEN not in result.stdout + result.stderr and ZALO_TOKEN not in result.stdout + result.stderr


def test_a_refused_token_a_missing_one_and_a_bad_target_fail_with_one_line_each(fakes, tmp_path):
    env = _env(fakes, tmp_path, ZALO_BOT_TOKEN="3581947362:wrong", TELEGRAM_BOT_TOKEN="")
    result = doctor(env, "--send-to", "12345")
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and lines[-1] == "3 check(s) failed"
    assert "FAIL --send-to 12345: say which channel (telegram:ID or zalo:ID)" in lines
    assert "FAIL telegram: set TELEGRAM_BOT_TOKEN to the bot token" in lines
    assert any(line.startswith("FAIL zalo: token: Zalo refused the bot token") for line in lines)
    assert "Traceback" not in result.stderr


def test_while_the_service_runs_doctor_says_so_and_reads_its_healthz(fakes, tmp_path):
    telegram, zalo = fakes
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(fakes, tmp_path, BOT_SERVICE__HEALTH_PORT=str(port))
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert zalo.wait_for(lambda: any(m == "getUpdates" for m, _ in zalo.calls), timeout=60)
        assert telegram.wait_for(lambda: any(m == "getUpdates" for m, _ in telegram.calls), timeout=60)
        result = doctor(env)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout
    assert any(line.startswith("info service: running (pid ") for line in lines)
    assert "ok   telegram: long polling: the running service polls (getUpdates not tried here)" in lines
    assert f"ok   health: http://127.0.0.1:{port}/healthz ready" in lines
