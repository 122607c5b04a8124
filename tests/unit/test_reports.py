"""What admins see of the question log: every day of the period in the chart, and the engine's closest facts
for the questions not answered."""
from __future__ import annotations

import datetime as dt
import itertools
import struct

from bot.service.reports import Stats, chart_png, stats, unanswered
from bot.storage.store import QuestionRecord, Store

NOW = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone.utc)
_IDS = itertools.count(1)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def log(store: Store, day: str, outcome: str, question: str = "q", fact: str | None = None) -> None:
    """One question logged at 09:00 UTC of a day."""
    store.write_rows([QuestionRecord("t", "c", "u", question, outcome, fact, 1.0, f"{day}T09:00:00+00:00",
                                     next(_IDS))])


def test_the_period_has_every_day_those_without_questions_included(tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    log(store, "2026-11-28", "answer", fact="f")
    log(store, "2026-12-03", "decline")
    data = stats(store, 7, 3, NOW)
    days = [d for d, _ in data.every_day()]
    assert days == [f"2026-11-{d}" for d in range(28, 31)] + [f"2026-12-0{d}" for d in range(1, 5)]
    assert dict(data.every_day())["2026-11-30"] == {} and dict(data.every_day())["2026-12-03"] == {"decline": 1}
    assert [d for d, _ in data.per_day] == ["2026-11-28", "2026-12-03"]  # the tables list the days with questions


def test_the_chart_is_drawn_for_a_period_with_and_without_questions():
    empty = Stats(30, (), {}, (), 0, 0, "2026-12-04")
    assert len(empty.every_day()) == 30 and png_size(chart_png(empty)) == (1000, 450)
    busy = Stats(3, (("2026-12-02", {"answer": 5, "smalltalk": 1}),), {"answer": 5, "smalltalk": 1}, (), 0, 0,
                 "2026-12-04")
    assert png_size(chart_png(busy)) == (1000, 450)


def test_unanswered_names_the_engines_closest_fact(tmp_path, engine):
    store = Store(tmp_path / "bot.sqlite3")
    question = "Đông Triều có bao nhiêu trí thức trẻ?"
    log(store, NOW.date().isoformat(), "decline", question)
    (group,) = unanswered(store, engine, 1, 85.0, 5, 100, NOW)
    closest = engine.closest(question, 1)[0]
    assert group.best_fact == closest.fact_id and group.best_score == closest.score
    assert closest.fact_id == engine.index.rank(engine.analyse(question)).candidates[0].fact.id


def test_unanswered_questions_are_grouped_by_why_the_engine_left_them(tmp_path, engine):
    """The log keeps the rule that decided; /chuatraloi and `unanswered` keep different reasons apart."""
    store = Store(tmp_path / "bot.sqlite3")
    day = NOW.date().isoformat()
    for question, rule in (("Cao Bằng có bao nhiêu công chức?", "unknown_place"),
                           ("Cao Bằng có bao nhiêu công chức", "unknown_place"),
                           ("Cao Bằng có bao nhiêu công chức?", "weak")):
        store.write_rows([QuestionRecord("t", "c", "u", question, "decline", None, 1.0, f"{day}T09:00:00+00:00",
                                         next(_IDS), rule, '{"rule": "%s"}' % rule)])
    groups = unanswered(store, engine, 1, 85.0, 5, 100, NOW)
    assert sorted((g.rule, g.count) for g in groups) == [("unknown_place", 2), ("weak", 1)]
    from handlers.admin import unanswered_text
    assert "chưa có bài về địa phương, cơ quan này" in unanswered_text(groups, 1)


def test_a_database_of_schema_2_gains_the_why_columns(tmp_path):
    import sqlite3
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("create table questions (id integer primary key, ts text, channel text, chat text, user text, "
                   "question text, outcome text, fact_id text, score float)")
        db.execute("insert into questions (ts, question, outcome) values ('2026-12-04T09:00:00+00:00', 'x', "
                   "'decline')")
        db.execute("pragma user_version = 2")
    store = Store(path)
    assert {"rule", "why"} <= set(store.db["questions"].columns_dict) and store.schema_version() == 3
    assert store.unanswered(30, 10, NOW) == [("x", "decline", "2026-12-04T09:00:00+00:00", "")]
