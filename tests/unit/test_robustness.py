"""Unit checks of the pieces the fault suite relies on: file bounds, the background writer, flood control,
one-line logs and token masking."""
from __future__ import annotations

import logging
import sqlite3
import sys

import pytest

from bot.service.config import StorageSettings
from bot.service.flood import DROP, OK, WARN, FloodGate
from bot.service.logrecords import MASK, OneLineFormatter, TokenFilter
from bot.storage.store import QuestionRecord, Store
from bot.storage.writer import LogWriter
from bot.kb.yamlfile import FileLimits, read_yaml
from tests.harness import Clock


@pytest.mark.parametrize("text, reason", [
    ("a: " + "[" * 40 + "]" * 40, "nested more than 32"),
    ("a: &x 1\nb: *x\n", "anchors and aliases"),
    ("a: [" + ", ".join("1" for _ in range(2000)) + "]", "more than 1000 values"),
    ("a: [1, 2", "YAML syntax error"),
])
def test_a_file_beyond_its_bounds_is_refused_with_its_line(tmp_path, text, reason):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    doc, problems = read_yaml(path, FileLimits(max_nodes=1000))
    assert doc is None and len(problems) == 1 and reason in str(problems[0]) and problems[0].line >= 1


def test_a_file_within_bounds_is_read(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  b: [1, 2]\n", encoding="utf-8")
    doc, problems = read_yaml(path, FileLimits())
    assert not problems and doc.data == {"a": {"b": [1, 2]}} and doc.line(("a", "b")) == 2


def test_the_writer_keeps_order_and_counts_what_the_database_refuses(tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    writer = LogWriter(store, StorageSettings(write_retries=1, backoff_seconds=0.01))
    ids = [writer.question(QuestionRecord("t", "c", "u", f"q{i}", "answer", None, 1.0)) for i in range(5)]
    assert writer.flush() and ids == sorted(ids) and len(set(ids)) == 5
    assert [r["question"] for r in store.db["questions"].rows_where(order_by="id")] == [f"q{i}" for i in range(5)]
    store.db.execute("create trigger full before insert on questions begin select raise(abort, 'disk full'); end")
    writer.question(QuestionRecord("t", "c", "u", "lost", "answer", None, 1.0))
    assert writer.flush() and writer.lost == 1


def test_a_full_write_queue_drops_rows_instead_of_blocking(tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    writer = LogWriter(store, StorageSettings(queue_rows=2, batch_rows=1))
    blocker = sqlite3.connect(tmp_path / "bot.sqlite3", isolation_level=None)
    blocker.execute("begin exclusive")  # the writer waits on its first row; the queue fills up
    try:
        for i in range(20):
            writer.question(QuestionRecord("t", "c", "u", f"q{i}", "answer", None, 1.0))
        assert writer.lost >= 10
    finally:
        blocker.execute("rollback")


def test_flood_gate_allows_a_burst_then_warns_once_then_drops_and_refills():
    clock = Clock()
    gate = FloodGate(per_minute=20, burst=5, clock=clock)
    assert [gate.check("u").action for _ in range(8)] == [OK] * 5 + [WARN, DROP, DROP]
    assert gate.wait_seconds("u") == 3  # one item every 3 s
    clock.now += 3
    verdict = gate.check("u")
    assert verdict.action == OK and verdict.ended_flood == 2
    assert gate.check("other").action == OK  # each key has its own bucket


def test_a_person_asking_follow_ups_never_reaches_the_default_limit(config):
    clock = Clock()
    conv = config.conversation
    gate = FloodGate(conv.flood_per_minute, conv.flood_burst, clock)
    for minute in range(10):  # a question every 6 s, and every half minute three quick follow-ups in a row
        for second in range(0, 60, 6):
            clock.now = minute * 60 + second
            assert gate.check("u").action == OK
            if second % 30 == 0:
                for quick in (1, 2, 3):
                    clock.now += 1
                    assert gate.check("u").action == OK


def test_log_records_stay_on_one_line_and_tokens_are_masked():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "question %r from %s", ("a\nb\u2028c", "tok123"),
                               None)
    TokenFilter(["tok123"]).filter(record)
    line = OneLineFormatter("%(message)s").format(record)
    assert "\n" not in line and "\u2028" not in line and "tok123" not in line and MASK in line
    try:
        raise RuntimeError("GET https://api/bottok123/getMe failed")
    except RuntimeError:
        failing = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    TokenFilter(["tok123"]).filter(failing)
    text = OneLineFormatter("%(message)s").format(failing)
    assert "tok123" not in text and "Traceback" in text


def test_audit_rows_hash_ordinary_users_but_not_admins_or_the_system(config, engine, tmp_path):
    import dataclasses

    from bot.service.app import App
    cfg = dataclasses.replace(config, database=tmp_path / "bot.sqlite3", admins={"telegram": frozenset({"501"})})
    app = App(cfg, engine, Store(cfg.database, salt=b"pepper"))
    app.audit("telegram", "502", "502", "stats", "refused")
    app.audit("telegram", "501", "501", "stats", "ok")
    app.audit("system", None, "SIGHUP", "reload", "ok")
    assert app.flush()
    users = [r["user"] for r in app.store.db["admin_actions"].rows_where(order_by="id")]
    assert users[0] != "502" and len(users[0]) == 16 and users[1:] == ["501", "SIGHUP"]


def test_question_ids_only_grow_even_when_many_fall_in_one_millisecond(tmp_path, monkeypatch):
    """Ids are made from the clock's millisecond; a frozen clock must still give strictly growing ids."""
    import bot.storage.writer as writer_module
    store = Store(tmp_path / "bot.sqlite3")
    writer = LogWriter(store, StorageSettings(write_retries=1, backoff_seconds=0.01))
    monkeypatch.setattr(writer_module.time, "time", lambda: 1_765_000_000.0)
    ids = [writer.question(QuestionRecord("t", "c", "u", f"q{i}", "answer", None, 1.0)) for i in range(3000)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert writer.flush()
