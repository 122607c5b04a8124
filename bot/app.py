"""The one application object: configuration, the current engine and the store."""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass

from .config import Config
from .engine import Answer, Engine
from .flood import FloodGate
from .knowledge import load_knowledge
from .store import QuestionRecord, Store, load_salt


def build_engine(config: Config) -> Engine:
    """Load and validate the knowledge folder and index it (raises KnowledgeError)."""
    kb = load_knowledge(config.knowledge_dir, config.max_file_bytes)
    engine = Engine(kb, config.match, config.policy)
    settle_heap()
    return engine


def settle_heap() -> None:
    """Move everything alive now (the freshly built index) out of the cyclic collector's sight.

    The index lives until the next reload; without this the collector rescans its many small objects
    during answers. Frozen objects are still freed by reference counting when the engine is replaced.
    """
    gc.collect()
    gc.freeze()


@dataclass
class App:
    """Shared by every channel; `engine` is replaced whole on reload, never mutated."""

    config: Config
    engine: Engine
    store: Store | None
    flood: FloodGate

    @classmethod
    def create(cls, config: Config, log: bool = True) -> "App":
        """Build the engine and open the database (unless logging is off)."""
        conv = config.conversation
        store = None
        if log:
            salt = load_salt(config.database, os.environ) if config.privacy.hash_ids else None
            store = Store(config.database, salt)
            store.prune(config.privacy.retention_days)
        return cls(config, build_engine(config), store, FloodGate(conv.flood_max_questions, conv.flood_window_seconds))

    def is_admin(self, channel: str, user: str) -> bool:
        """Whether a user may use admin commands on a channel (listed in config.yaml)."""
        return user in self.config.admins.get(channel, frozenset())

    def ask(self, question: str, channel: str, chat: str | None = None, user: str | None = None) -> Answer:
        """Answer a question and record it in the question log."""
        answer = self.engine.answer(question)
        self.record(answer, channel, chat, user)
        return answer

    def record(self, answer: Answer, channel: str, chat: str | None, user: str | None) -> int | None:
        """Write one answered (or declined) question to the log; its row id, or None when not logging."""
        if self.store is None:
            return None
        return self.store.log_question(QuestionRecord(
            channel=channel, chat=chat, user=user, question=answer.question, outcome=answer.outcome,
            fact_id=answer.fact.id if answer.fact else None, score=round(answer.score, 2)))
