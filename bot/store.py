"""The SQLite database (through sqlite-utils, WAL mode): question log, feedback, subscriptions."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

QUESTIONS = "questions"
FEEDBACK = "feedback"
SUBSCRIBERS = "subscribers"


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
        # WAL's recommended setting: no fsync per commit (it blocked the event loop ~0.3 ms per logged
        # question); the file stays consistent, and a power cut (not a crash) may lose the last commits.
        self.db.execute("pragma synchronous = normal")
        self._create()

    def _create(self) -> None:
        """Create tables and indexes that do not exist yet."""
        self.db[QUESTIONS].create(
            {"id": int, "ts": str, "channel": str, "chat": str, "user": str, "question": str,
             "outcome": str, "fact_id": str, "score": float},
            pk="id", if_not_exists=True,
        )
        self.db[QUESTIONS].create_index(["ts"], if_not_exists=True)
        self.db[FEEDBACK].create(
            {"question_id": int, "user": str, "ts": str, "channel": str, "chat": str, "fact_id": str,
             "question": str, "vote": int},
            pk=("question_id", "user"), if_not_exists=True,
        )
        self.db[SUBSCRIBERS].create(
            {"channel": str, "chat": str, "kind": str, "title": str, "active": int, "since": str, "by_user": str},
            pk=("channel", "chat"), if_not_exists=True,
        )

    def log_question(self, record: QuestionRecord) -> int:
        """Append one question; returns its row id."""
        row = asdict(record)
        row["ts"] = row["ts"] or utc_now()
        return self.db[QUESTIONS].insert(row).last_pk

    def question(self, question_id: int) -> dict | None:
        """One logged question by id."""
        rows = list(self.db[QUESTIONS].rows_where("id = ?", [question_id], limit=1))
        return rows[0] if rows else None

    def record_feedback(self, question_id: int, user: str, vote: int) -> bool:
        """Store a 👍 (1) or 👎 (0) on a logged question, replacing the user's earlier vote; False if unknown."""
        asked = self.question(question_id)
        if asked is None:
            return False
        self.db[FEEDBACK].upsert(
            {"question_id": question_id, "user": user, "ts": utc_now(), "channel": asked["channel"],
             "chat": asked["chat"], "fact_id": asked["fact_id"], "question": asked["question"], "vote": vote},
            pk=("question_id", "user"),
        )
        return True

    def subscribe(self, channel: str, chat: str, kind: str, title: str, by_user: str) -> bool:
        """Subscribe a chat to updates; False if it already was."""
        existing = self.subscriber(channel, chat)
        self.db[SUBSCRIBERS].upsert(
            {"channel": channel, "chat": chat, "kind": kind, "title": title, "active": 1,
             "since": existing["since"] if existing and existing["active"] else utc_now(), "by_user": by_user},
            pk=("channel", "chat"),
        )
        return not (existing and existing["active"])

    def unsubscribe(self, channel: str, chat: str) -> bool:
        """Stop updates to a chat; False if it was not subscribed."""
        existing = self.subscriber(channel, chat)
        if not existing or not existing["active"]:
            return False
        self.db[SUBSCRIBERS].update((channel, chat), {"active": 0})
        return True

    def subscriber(self, channel: str, chat: str) -> dict | None:
        """A chat's subscription row, active or not."""
        rows = list(self.db[SUBSCRIBERS].rows_where("channel = ? and chat = ?", [channel, chat], limit=1))
        return rows[0] if rows else None

    def move_chat(self, channel: str, old: str, new: str) -> None:
        """A group became a supergroup with a new id: carry its subscription over."""
        existing = self.subscriber(channel, old)
        if existing is None:
            return
        self.db[SUBSCRIBERS].delete((channel, old))
        self.db[SUBSCRIBERS].upsert({**existing, "chat": new, "kind": "supergroup"}, pk=("channel", "chat"))

    def close(self) -> None:
        """Close the connection."""
        self.db.close()
