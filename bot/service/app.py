"""The one application object: configuration, the current engine, the store and its background writer."""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.service import logs
from bot.service.config import Config
from bot.engine.core import Answer, Engine
from bot.kb.knowledge import load_knowledge

if TYPE_CHECKING:  # imported where used: `ask --no-log` opens no database and needs neither SQLite nor asyncio
    import asyncio

    from bot.storage.store import Store
    from bot.storage.writer import LogWriter

log = logs.logger(__name__)
UNHASHED_CHANNELS = ("system", "cli")  # a reload by signal or watch, the command line: no chat user to hide
# Whether an engine of this process was moved out of the collector's sight (a new one must then settle_heap()).
# Not gc.get_freeze_count(): `python -m bot` freezes the modules it loaded before any engine.
_engine_set_aside = False


class StoreError(Exception):
    """The database cannot be opened or written at start; the message says which file and why."""


def build_engine(config: Config) -> Engine:
    """Load and validate the knowledge folder and index it (raises KnowledgeError); the engine cached from the
    same knowledge files, code and settings is used instead when there is one (see bot/service/cache.py)."""
    global _engine_set_aside
    enabled = gc.isenabled()
    gc.disable()  # an engine is many new objects and no garbage: a collection meanwhile would only scan them
    try:
        engine, cached = _cached_engine(config) if config.cache_dir is not None else (None, False)
        if engine is None:
            engine = Engine(load_knowledge(config.knowledge_dir, config.file_limits), config.match, config.policy)
        if cached and not _engine_set_aside:
            gc.freeze()  # the first engine of a process, just unpickled: nothing to collect, only to set aside
        else:
            settle_heap()
        _engine_set_aside = True
    finally:
        if enabled:
            gc.enable()
    return engine


def _cached_engine(config: Config) -> tuple[Engine, bool]:
    """The engine from the index cache (and True), or built and then cached (and False)."""
    from bot.service import cache
    path = config.cache_dir / cache.CACHE_FILE
    settings = (str(config.knowledge_dir.resolve()), config.match, config.policy, config.file_limits)
    try:
        key = cache.cache_key(config.knowledge_dir, settings)
    except OSError:  # a knowledge file unreadable: the load below says which
        key = None
    engine = cache.load(path, key) if key else None
    if engine is not None:
        return engine, True
    engine = Engine(load_knowledge(config.knowledge_dir, config.file_limits), config.match, config.policy)
    try:  # a file changed while it was read: the engine is of neither version, so it is not kept
        if key is not None and cache.cache_key(config.knowledge_dir, settings) == key:
            cache.save(path, key, engine)
    except OSError:
        pass
    return engine, False


def settle_heap() -> None:
    """Move everything alive now (the freshly built index) out of the cyclic collector's sight.

    The index lives until the next reload; without this the collector rescans its many small objects
    during answers. The frozen generation is never collected, and an engine holds reference cycles, so
    the previous freeze is undone first: otherwise every replaced engine stayed in memory for good
    (issue 18: +3.5 MB per reload of the bundled knowledge).
    """
    global _engine_set_aside
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    _engine_set_aside = True


def open_store(config: Config) -> Store:
    """The database, checked usable (raises StoreError with a one-line reason)."""
    import sqlite3

    from bot.storage.store import Store, load_salt
    folder = config.database.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write the database folder {folder} (read-only); check its permissions")
    try:
        salt = load_salt(config.database, os.environ) if config.privacy.hash_ids else None
        store = Store(config.database, salt, config.storage.busy_timeout_ms)
        store.question(0)  # reads a page: a file that is not a database fails here, not in the first answer
    except sqlite3.DatabaseError as error:
        raise StoreError(f"the database {config.database} is not usable ({error}); move it aside or restore a "
                         "backup") from None
    except OSError as error:
        raise StoreError(f"cannot write the database folder {config.database.parent} ({error.strerror})") from None
    return store


async def store_call(app: "App", method: str, *args) -> None:
    """A store write that a channel makes on the side (a chat blocked or moved), off the event loop; a
    storage failure is logged, never raised into the answer being sent."""
    import asyncio
    import sqlite3
    if app.store is None:
        return
    try:
        await asyncio.to_thread(getattr(app.store, method), *args)
    except (sqlite3.Error, OSError) as error:
        log.error("could not record %s for a chat: %s", method, error)


_MAX_WHY_CHARS = 2000  # a logged `why` stays bounded (several parts of a long message)


@dataclass
class App:
    """Shared by every channel; `engine` is replaced whole on reload, never mutated."""

    config: Config
    engine: Engine
    store: Store | None
    writer: LogWriter | None = None
    _knowledge_lock: asyncio.Lock | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.store is not None and self.writer is None:
            from bot.storage.writer import LogWriter
            self.writer = LogWriter(self.store, self.config.storage)

    @property
    def knowledge_lock(self) -> asyncio.Lock:
        """One upload or reload at a time (made when first needed: `ask` imports no asyncio)."""
        if self._knowledge_lock is None:
            import asyncio
            self._knowledge_lock = asyncio.Lock()
        return self._knowledge_lock

    @classmethod
    def create(cls, config: Config, log: bool = True) -> "App":
        """Build the engine and open the database (unless logging is off)."""
        store = open_store(config) if log else None
        if store is not None:
            import sqlite3
            try:
                store.prune(config.privacy.retention_days)
            except sqlite3.Error as error:
                raise StoreError(f"the database {config.database} cannot be written ({error})") from None
        return cls(config, build_engine(config), store)

    def is_admin(self, channel: str, user: str) -> bool:
        """Whether a user may use admin commands on a channel (listed in config.yaml)."""
        return user in self.config.admins.get(channel, frozenset())

    def ask(self, question: str, channel: str, chat: str | None = None, user: str | None = None) -> Answer:
        """Answer a question and record it in the question log."""
        answer = self.engine.answer(question)
        self.record(answer, channel, chat, user)
        return answer

    def record(self, answer: Answer, channel: str, chat: str | None, user: str | None) -> int | None:
        """Queue one answered (or declined) question for the log; its id, or None when not logging."""
        if self.writer is None:
            return None
        import json

        from bot.storage.store import QuestionRecord
        return self.writer.question(QuestionRecord(
            channel=channel, chat=chat, user=user, question=answer.question[: self.config.storage.max_question_chars],
            outcome=answer.outcome, fact_id=answer.fact.id if answer.fact else None, score=round(answer.score, 2),
            rule=str(answer.why.rule), why=json.dumps(answer.why.as_dict(), ensure_ascii=False)[:_MAX_WHY_CHARS]))

    def feedback(self, question_id: int, user: str, vote: int) -> bool:
        """Queue a 👍 (1) / 👎 (0) on a logged question; False when there is no log."""
        if self.writer is None:
            return False
        from bot.storage.store import FeedbackRecord
        self.writer.put(FeedbackRecord(question_id, user, vote))
        return True

    def audit(self, channel: str, chat: str | None, user: str | None, action: str, outcome: str,
              detail: str = "") -> None:
        """Queue an audit row: an admin's action with real ids, anyone else's attempt with hashed ones."""
        if self.writer is None:
            return
        if channel not in UNHASHED_CHANNELS and not self.is_admin(channel, user or ""):
            chat, user = self.pseudonym(chat), self.pseudonym(user)
        from bot.storage.store import AuditRecord
        self.writer.put(AuditRecord(channel, chat, user, action, outcome, detail))

    def pseudonym(self, raw: str | None) -> str | None:
        """An ordinary user's id as logs may show it (salted-hashed like the question log)."""
        return self.store.pseudonym(raw) if self.store is not None else raw

    def lost_rows(self) -> int:
        """Question-log, feedback and audit rows the database did not take since start."""
        return self.writer.lost if self.writer is not None else 0

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until the rows queued so far are written (or given up)."""
        return self.writer.flush(timeout) if self.writer is not None else True
