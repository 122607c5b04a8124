"""Operating the service: backup while it answers and restore, schema migrations at start, private database
files, the /healthz endpoint, logs (library loggers quiet at DEBUG, a rotating file)."""
from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path


from bot.service.config import REPO_ROOT
from bot.storage.store import SCHEMA_VERSION, Store
from tests.fakes.telegram import TOKEN
from tests.harness import bot_process, channel_config, make_app, serving

QUESTIONS = ["dong trieu co bao nhieu tri thuc", "hoanh bo tinh gian bao nhieu bien che"]


def _env(fake, tmp_path: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
            "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
            "BOT_TELEGRAM__POLL_TIMEOUT": "1", **extra}


def _bot(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _questions(database: Path) -> list[str]:
    conn = sqlite3.connect(database)
    try:
        return [r[0] for r in conn.execute("select question from questions order by id")]
    finally:
        conn.close()


def test_backup_taken_while_answering_restores_every_question(fake, tmp_path):
    env = _env(fake, tmp_path)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = [f"{QUESTIONS[i % 2]} ({i})" for i in range(40)]
    try:
        assert fake.wait_for(lambda: any(m == "getUpdates" for m, _ in fake.calls), timeout=60)
        for i, text in enumerate(first):
            fake.push(fake.message(text, chat_id=1000 + i, user_id=1000 + i))
        assert fake.wait_for(lambda: all(fake.sent_to(1000 + i) for i in range(40)), timeout=60)
        database = tmp_path / "bot.sqlite3"
        assert fake.wait_for(lambda: len(_questions(database)) == 40, timeout=30)  # the log is written behind
        stop = threading.Event()

        def more() -> None:  # the bot goes on answering while the backup is taken
            i = 0
            while not stop.is_set():
                fake.push(fake.message(f"{QUESTIONS[i % 2]} [{i}]", chat_id=5000 + i, user_id=5000 + i))
                fake.wait_for(lambda: fake.sent_to(5000 + i) or stop.is_set(), timeout=10)
                i += 1
        pusher = threading.Thread(target=more, daemon=True)
        pusher.start()
        assert fake.wait_for(lambda: fake.sent_to(5002), timeout=30)
        backup = _bot(["backup", str(tmp_path / "copy.sqlite3")], env)
        assert fake.wait_for(lambda: fake.sent_to(5004), timeout=30)  # still answering after the backup
        refused = _bot(["restore", str(tmp_path / "copy.sqlite3")], env)
        stop.set()
        pusher.join(timeout=30)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert backup.returncode == 0, backup.stderr
    assert backup.stdout.startswith(f"backup written: {tmp_path / 'copy.sqlite3'}")
    assert refused.returncode == 2 and "already running" in refused.stderr and "stop it" in refused.stderr
    assert "Traceback" not in refused.stderr + backup.stderr and proc.returncode == 0, err
    assert (tmp_path / "copy.sqlite3.salt").read_text() == (tmp_path / "bot.sqlite3.salt").read_text()
    copied = _questions(tmp_path / "copy.sqlite3")
    assert copied[:40] == first and len(copied) < len(_questions(tmp_path / "bot.sqlite3"))
    restored = _bot(["restore", str(tmp_path / "copy.sqlite3")], env)
    assert restored.returncode == 0, restored.stderr
    assert "the previous database is kept as" in restored.stdout
    assert _questions(tmp_path / "bot.sqlite3") == copied  # every question of the backup, nothing else
    assert _bot(["stats"], env).returncode == 0  # the restored database serves reports
    assert stat.S_IMODE((tmp_path / "copy.sqlite3").stat().st_mode) == 0o600


def test_restore_refuses_a_file_that_is_not_a_backup(fake, tmp_path):
    env = _env(fake, tmp_path)
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    conn = sqlite3.connect(tmp_path / "other.sqlite3")
    conn.execute("create table notes (x)")
    conn.commit()
    conn.close()
    for name, words in (("junk.sqlite3", "not a usable backup"), ("other.sqlite3", "no table questions"),
                        ("missing.sqlite3", "is not a file")):
        result = _bot(["restore", str(tmp_path / name)], env)
        assert result.returncode == 1 and words in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "bot.sqlite3").exists()


def test_migrations_run_at_start_and_a_newer_schema_is_refused(fake, tmp_path):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.subscribe("telegram", "42", "private", "", "42")
    store.db.execute("drop index idx_subscribers_channel_active")
    store.db.execute("pragma user_version = 0")  # a database from before versions were recorded
    store.close()
    again = Store(database)
    assert again.schema_version() == SCHEMA_VERSION
    assert "idx_subscribers_channel_active" in {i.name for i in again.db["subscribers"].indexes}
    assert again.active_subscribers("telegram") == [("42", "private")]
    again.db.execute("pragma user_version = 99")
    again.close()
    result = _bot(["stats"], _env(fake, tmp_path))
    assert result.returncode == 1 and "schema version 99 is newer" in result.stderr
    assert "Traceback" not in result.stderr


def test_database_files_are_readable_by_their_owner_only(tmp_path):
    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old)
    conn.execute("create table x (y)")
    conn.commit()
    conn.close()
    old.chmod(0o644)  # created world-readable by an earlier version
    for path in (tmp_path / "new.sqlite3", old):
        store = Store(path)
        store.subscribe("zalo", "c", "private", "", "u")
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
        store.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


async def _until_status(url: str, status: int, timeout: float = 30.0) -> tuple[int, dict]:
    """Ask (from a thread: the endpoint is served by this loop) until the answer has this status."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        answer = await asyncio.to_thread(_get, url)
        if answer[0] == status or asyncio.get_running_loop().time() > deadline:
            return answer
        await asyncio.sleep(0.1)


def test_healthz_reports_readiness_and_each_failing_check(config, engine, tmp_path, fake):
    port = _free_port()
    cfg = channel_config(config, tmp_path, telegram=fake.base_url)
    cfg = dataclasses.replace(cfg, service=dataclasses.replace(cfg.service, health_port=port,
                                                               health_stale_seconds=2.0))
    app = make_app(cfg, engine)
    base = f"http://127.0.0.1:{port}"

    async def scenario():
        async with serving(app, ["telegram"]):
            ready = await _until_status(base + "/healthz", 200)
            live = await asyncio.to_thread(_get, base + "/livez")
            missing = await asyncio.to_thread(_get, base + "/other")
            holder = sqlite3.connect(app.config.database, timeout=0)
            holder.execute("begin immediate")  # another writer holds the database
            try:
                locked = await asyncio.to_thread(_get, base + "/healthz")
            finally:
                holder.rollback()
                holder.close()
            fake.stop()  # the platform goes away: polls fail, the channel goes stale
            stale = await _until_status(base + "/healthz", 503)
            return ready, live, missing, locked, stale
    ready, live, missing, locked, stale = asyncio.run(scenario())
    assert ready[0] == 200 and ready[1]["ready"] and ready[1]["knowledge"]["facts"] > 0
    telegram = ready[1]["channels"]["telegram"]
    assert telegram["running"] and telegram["mode"] == "polling" and telegram["last_ok_seconds_ago"] is not None
    assert live == (200, {"live": True}) and missing[0] == 404
    assert locked[0] == 503 and not locked[1]["database"]["writable"]
    assert "locked" in locked[1]["database"]["detail"]
    assert stale[0] == 503 and stale[1]["database"]["writable"] and not stale[1]["channels"]["telegram"]["ready"]


def test_debug_logs_keep_the_chat_libraries_quiet_and_can_go_to_a_rotating_file(fake, tmp_path):
    log_file = tmp_path / "logs" / "bot.log"
    env = _env(fake, tmp_path, BOT_LOG_LEVEL="DEBUG", BOT_LOGS__FILE=str(log_file), JOURNAL_STREAM="8:4242")
    with bot_process("telegram", env, polled=(fake,), timeout=60) as proc:
        fake.push(fake.message("dong trieu co bao nhieu tri thuc", chat_id=7777, user_id=7777))
        assert fake.wait_for(lambda: fake.sent_to(7777), timeout=30)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    # At DEBUG python-telegram-bot would log the whole update, the sender's name ("User 7777") with it.
    assert "User 7777" not in err and " telegram.ext" not in err and " httpx:" not in err
    assert "Telegram channel started" in err and "DEBUG" in err  # our own DEBUG lines are there
    written = log_file.read_text(encoding="utf-8")
    assert "Telegram channel started" in written and "bot stopped" in written and TOKEN not in written
    # Under systemd the journal stamps lines itself: stderr starts with the level, the file with the time.
    assert all(line.split(" ", 1)[0] in ("DEBUG", "INFO", "WARNING", "ERROR") for line in err.splitlines())
    assert all(line[:4].isdigit() for line in written.splitlines())
    assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
