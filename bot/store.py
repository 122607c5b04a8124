"""The SQLite database (through sqlite-utils, WAL mode): the question log."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

QUESTIONS = "questions"


@dataclass(frozen=True)
class QuestionRecord:
    """One question as the log keeps it."""

    channel: str
    chat: str | None
    user: str | None
    question: str
    outcome: str
    fact_id: str | None
    score: float
    ts: str = ""


def utc_now() -> str:
    """Current time as ISO 8601 UTC, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Store:
    """Owns the database file; every table is created here."""

    def __init__(self, path: Path | str):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.db.enable_wal()
        self._create()

    def _create(self) -> None:
        """Create tables and indexes that do not exist yet."""
        self.db[QUESTIONS].create(
            {"id": int, "ts": str, "channel": str, "chat": str, "user": str, "question": str,
             "outcome": str, "fact_id": str, "score": float},
            pk="id", if_not_exists=True,
        )
        self.db[QUESTIONS].create_index(["ts"], if_not_exists=True)

    def log_question(self, record: QuestionRecord) -> int:
        """Append one question; returns its row id."""
        row = asdict(record)
        row["ts"] = row["ts"] or utc_now()
        return self.db[QUESTIONS].insert(row).last_pk

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
