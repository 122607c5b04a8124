"""The SQLite database (through sqlite-utils, WAL mode): question log, feedback, subscriptions, audit."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlite_utils

from bot.storage.settings import SALT_ENV

QUESTIONS = "questions"
FEEDBACK = "feedback"
SUBSCRIBERS = "subscribers"
AUDIT = "admin_actions"
BROADCASTS = "broadcasts"
DELIVERIES = "deliveries"
# Delivery states. "sending" is committed before the request and "sent" after it (see bot/service/broadcast.py);
# the recipients a cancelled broadcast had not reached are "cancelled".
PENDING, SENDING, SENT, FAILED, BLOCKED, MOVED = "pending", "sending", "sent", "failed", "blocked", "moved"
DRAFT, RUNNING, DONE, CANCELLED = "draft", "running", "done", "cancelled"
QUOTA_TZ = dt.timezone(dt.timedelta(hours=7))  # monthly message quotas run on Vietnam's calendar (UTC+7)
SCHEMA_VERSION = 3  # PRAGMA user_version of a database this code has brought up to date
FILE_MODE = 0o600  # the database, its WAL and shared-memory files (SQLite gives them the database's mode)
SALT_BYTES = 32
HASH_CHARS = 16
FILE_CHECK_SECONDS = 2.0  # how often the database file is checked to be still there (a stat)

log = logging.getLogger(__name__)


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
    id: int | None = None  # given by the writer, so feedback can refer to it before it is written
    rule: str = ""  # which rule of the engine decided (Answer.why.rule)
    why: str = ""  # what it measured, as JSON (Answer.why)


@dataclass(frozen=True)
class FeedbackRecord:
    """A 👍 (1) or 👎 (0) on a logged question."""

    question_id: int
    user: str
    vote: int
    ts: str = ""


@dataclass(frozen=True)
class AuditRecord:
    """An admin action, or a refused attempt at one."""

    channel: str
    chat: str | None
    user: str | None
    action: str
    outcome: str
    detail: str = ""
    ts: str = ""


class OverQuota(Exception):
    """A broadcast needs more messages than its channel's monthly quota has left."""

    def __init__(self, left: int):
        super().__init__(f"only {left} messages are left this month")
        self.left = left


def utc_now() -> str:
    """Current time as ISO 8601 UTC, to the second."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def load_salt(database: Path, environ: dict[str, str]) -> bytes:
    """The salt for hashing chat and user ids: BOT_ID_SALT, else a random one kept beside the database."""
    if environ.get(SALT_ENV):
        return environ[SALT_ENV].encode()
    path = database.with_name(database.name + ".salt")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(SALT_BYTES))
    return path.read_text().strip().encode()


class SchemaError(sqlite3.DatabaseError):
    """The database was written by a newer version of the bot (its schema version is unknown here)."""


def _index_subscribers(db: sqlite_utils.Database) -> None:
    """Schema 2: broadcasts list a channel's active subscribers by an index, not a table scan."""
    db[SUBSCRIBERS].create_index(["channel", "active"], if_not_exists=True)


def _question_reasons(db: sqlite_utils.Database) -> None:
    """Schema 3: each logged question keeps which rule decided it and what it measured (/chuatraloi groups by
    the rule, so an admin sees what to add)."""
    columns = db[QUESTIONS].columns_dict
    for name in ("rule", "why"):
        if name not in columns:
            db[QUESTIONS].add_column(name, str)


# Migrations by the schema version they bring the database to, applied in order at start, each in one
# transaction. Version 1 is the layout before versions were recorded (tables created by `_create`).
MIGRATIONS = {2: _index_subscribers, 3: _question_reasons}


def secure(path: Path) -> None:
    """Create the database file readable by its owner only (if it is new), and tighten an existing one and
    its WAL files (data/bot.sqlite3 used to be created world-readable)."""
    if not path.exists():
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(FILE_MODE)
        except OSError:
            pass  # not there, or not ours: SQLite reports what matters when it opens the file


class Store:
    """Owns the database file; every table is created here.

    With a salt, the chat and user ids of the question log and of feedback are stored salted-hashed;
    subscriptions keep real chat ids (messages must reach them) and the audit log keeps real ids
    (admin actions must be attributable).
    """

    def __init__(self, path: Path | str, salt: bytes | None = None, busy_timeout_ms: int = 5000,
                 check_seconds: float = FILE_CHECK_SECONDS):
        self.salt = salt
        self.path = Path(path)
        self.busy_timeout_ms = busy_timeout_ms
        self._local = threading.local()  # one connection per thread (the writer, workers, the event loop)
        self._generation = 0  # which file the connections are on: a restore after a deletion moves it on
        self._check_seconds = check_seconds
        self._next_check = 0.0
        self._guard = threading.Lock()
        self._identity: tuple[int, int] | None = None  # set once the file exists
        self._retired: list[sqlite3.Connection] = []  # connections to a deleted file, never closed (see _restore)
        self.gone = False  # the file was deleted and could not be restored: nothing is written any more
        self.path.parent.mkdir(parents=True, exist_ok=True)
        secure(self.path)
        self.db.enable_wal()
        self.migrate()
        self._keeper = self._connect(check_same_thread=False)  # reads the file even after it is unlinked
        self._identity = _identity(self.path)

    def schema_version(self) -> int:
        """The database's recorded schema version (0: never recorded)."""
        return self.db.execute("pragma user_version").fetchone()[0]

    def migrate(self) -> list[int]:
        """Create what is missing and bring the schema up to SCHEMA_VERSION; the versions applied (raises
        SchemaError for a database of a newer version, which this code must not touch)."""
        found = self.schema_version()
        if found > SCHEMA_VERSION:
            raise SchemaError(f"schema version {found} is newer than this bot's {SCHEMA_VERSION}: upgrade the bot, "
                              "or restore a backup taken by this version")
        self._create()
        applied = []
        for version in range(max(found, 1) + 1, SCHEMA_VERSION + 1):
            with self.db.conn:
                MIGRATIONS[version](self.db)
                self.db.execute(f"pragma user_version = {version}")
            applied.append(version)
        if found < 1 and not applied:
            self.db.execute(f"pragma user_version = {SCHEMA_VERSION}")
        return applied

    def _connect(self, check_same_thread: bool = True) -> sqlite3.Connection:
        """A new connection to the database file (which only the first one creates: a later one must not make
        an empty file where the real one was deleted)."""
        existing = self._identity is not None
        target = self.path.resolve().as_uri() + "?mode=rw" if existing else str(self.path)
        conn = sqlite3.connect(target, timeout=self.busy_timeout_ms / 1000, check_same_thread=check_same_thread,
                               uri=existing)
        # WAL's recommended setting: no fsync per commit; the file stays consistent, and a power cut
        # (not a crash) may lose the last commits.
        conn.execute("pragma synchronous = normal")
        conn.execute(f"pragma busy_timeout = {int(self.busy_timeout_ms)}")
        return conn

    @property
    def db(self) -> sqlite_utils.Database:
        """This thread's connection (opened on first use, and again after the file was restored)."""
        db = getattr(self._local, "db", None)
        if db is None or time.monotonic() >= self._next_check:  # a new connection always looks first
            self._check_file(force=db is None)
        if self.gone:
            raise sqlite3.OperationalError(f"the database file {self.path} was deleted while the bot ran")
        if db is not None and self._local.generation != self._generation and not db.conn.in_transaction:
            self._retired.append(db.conn)
            db = None
        if db is None:
            db = sqlite_utils.Database(self._connect())
            self._local.db, self._local.generation = db, self._generation
        return db

    def _check_file(self, force: bool = False) -> None:
        """Whether the database file is still the one open (an admin may delete or replace it while the bot
        runs); if not, restore it. One look (a stat) every few seconds, by whichever thread comes first, and
        before any new connection."""
        with self._guard:
            if (time.monotonic() < self._next_check and not force) or self.gone:
                return
            self._next_check = time.monotonic() + self._check_seconds
            now = _identity(self.path)
            if self._identity is None or now == self._identity:
                return
            self._restore() if now is None else self._adopt()

    def _adopt(self) -> None:
        """Another database file was put in place while the bot ran (a backup restored by hand): use it, in
        rollback-journal mode until the next start, for the reason _restore gives."""
        try:
            for stale in ("-wal", "-shm"):
                self.path.with_name(self.path.name + stale).unlink(missing_ok=True)
            keeper = self._connect(check_same_thread=False)
            keeper.execute("pragma journal_mode = delete")
            self._create_in(keeper)
        except (OSError, sqlite3.Error) as error:
            self.gone = True
            log.error("the database file %s was replaced while the bot ran and the new one cannot be used (%s); "
                      "nothing more is recorded until the bot restarts", self.path, error)
            return
        self._switch(keeper)
        log.error("the database file %s was replaced while the bot ran; recording into the new file from now on",
                  self.path)

    def _switch(self, keeper: sqlite3.Connection) -> None:
        """Move every connection to the file now at the path (each thread's at its next use)."""
        self._retired.append(self._keeper)
        self._keeper = keeper
        self._identity = _identity(self.path)
        self._generation += 1

    def _restore(self) -> None:
        """Write the open (deleted) database back to its path, so nothing recorded is lost, and move every
        connection to it. The deleted file's connections stay open for good: closing the last one would delete
        "<path>-wal" by name, the new file's. The restored file runs in rollback-journal mode until the next
        start (which turns WAL on again), so the deleted file's stale -wal and -shm are never read."""
        restoring = self.path.with_name(self.path.name + ".restoring")
        try:
            restoring.parent.mkdir(parents=True, exist_ok=True)  # the whole folder may have gone
            restoring.unlink(missing_ok=True)
            target = sqlite3.connect(str(restoring))
            try:
                self._keeper.backup(target)
                target.execute("pragma journal_mode = delete")
                subscribers = target.execute(f"select count(*) from {SUBSCRIBERS} where active = 1").fetchone()[0]
            finally:
                target.close()
            for stale in ("-wal", "-shm"):
                self.path.with_name(self.path.name + stale).unlink(missing_ok=True)
            os.replace(restoring, self.path)
        except (OSError, sqlite3.Error) as error:
            self.gone = True
            log.error("the database file %s was deleted while the bot ran and cannot be restored (%s); nothing "
                      "more is recorded until the bot restarts", self.path, error)
            return
        self._switch(self._connect(check_same_thread=False))
        log.error("the database file %s was deleted while the bot ran; restored it from the open file (%d active "
                  "subscriptions, nothing lost)", self.path, subscribers)

    def _create(self) -> None:
        """Create tables and indexes that do not exist yet."""
        self._create_in(self.db.conn)

    @staticmethod
    def _create_in(conn: sqlite3.Connection) -> None:
        """Create tables and indexes that do not exist yet, through a given connection."""
        db = sqlite_utils.Database(conn)
        db[QUESTIONS].create(
            {"id": int, "ts": str, "channel": str, "chat": str, "user": str, "question": str,
             "outcome": str, "fact_id": str, "score": float, "rule": str, "why": str},
            pk="id", if_not_exists=True,
        )
        db[QUESTIONS].create_index(["ts"], if_not_exists=True)
        db[FEEDBACK].create(
            {"question_id": int, "user": str, "ts": str, "channel": str, "chat": str, "fact_id": str,
             "question": str, "vote": int},
            pk=("question_id", "user"), if_not_exists=True,
        )
        db[SUBSCRIBERS].create(
            {"channel": str, "chat": str, "kind": str, "title": str, "active": int, "since": str, "by_user": str},
            pk=("channel", "chat"), if_not_exists=True,
        )
        db[BROADCASTS].create(
            {"id": int, "created": str, "channel": str, "by_user": str, "text": str, "status": str, "total": int,
             "owner": str, "status_chat": str, "status_message": str, "finished": str},
            pk="id", if_not_exists=True,
        )
        db[DELIVERIES].create(
            {"broadcast_id": int, "chat": str, "kind": str, "state": str, "attempts": int, "unconfirmed": int,
             "error": str, "message_id": str, "updated": str},
            pk=("broadcast_id", "chat"), if_not_exists=True,
        )
        db[DELIVERIES].create_index(["broadcast_id", "state"], if_not_exists=True)
        db[AUDIT].create(
            {"id": int, "ts": str, "channel": str, "chat": str, "user": str, "action": str, "outcome": str,
             "detail": str},
            pk="id", if_not_exists=True,
        )

    def pseudonym(self, raw: str | None) -> str | None:
        """A chat or user id as the question log keeps it: salted-hashed when a salt is set."""
        if raw is None or self.salt is None:
            return raw
        return hashlib.sha256(self.salt + raw.encode()).hexdigest()[:HASH_CHARS]

    def _question_row(self, record: QuestionRecord) -> dict:
        """A question as stored: ids pseudonymised, a time stamp."""
        row = asdict(record)
        if row["id"] is None:
            del row["id"]
        row["ts"] = row["ts"] or utc_now()
        row["chat"], row["user"] = self.pseudonym(record.chat), self.pseudonym(record.user)
        return row

    def write_rows(self, rows: list) -> None:
        """Questions, feedback and audit rows in one transaction (the background writer's batch)."""
        with self.db.conn:
            for row in rows:
                if isinstance(row, QuestionRecord):
                    self.db[QUESTIONS].insert(self._question_row(row), replace=True)
                elif isinstance(row, FeedbackRecord):
                    self._feedback(row)
                else:
                    self.db[AUDIT].insert({**asdict(row), "ts": row.ts or utc_now()})

    def question(self, question_id: int) -> dict | None:
        """One logged question by id."""
        rows = list(self.db[QUESTIONS].rows_where("id = ?", [question_id], limit=1))
        return rows[0] if rows else None

    def _feedback(self, record: FeedbackRecord) -> None:
        """The feedback row, copied from its question, replacing the user's earlier vote (inside the caller's
        transaction; a vote on a question no longer logged is dropped)."""
        self.db.execute(
            f"insert or replace into {FEEDBACK} (question_id, user, ts, channel, chat, fact_id, question, vote) "
            f"select id, ?, ?, channel, chat, fact_id, question, ? from {QUESTIONS} where id = ?",
            [self.pseudonym(record.user), record.ts or utc_now(), record.vote, record.question_id])

    def subscribe(self, channel: str, chat: str, kind: str, title: str, by_user: str) -> bool:
        """Subscribe a chat to updates; False if it already was. Who asked is kept salted-hashed, like the
        question log: the chat id must stay real (messages go to it), the person's need not."""
        existing = self.subscriber(channel, chat)
        self.db[SUBSCRIBERS].upsert(
            {"channel": channel, "chat": chat, "kind": kind, "title": title, "active": 1,
             "since": existing["since"] if existing and existing["active"] else utc_now(),
             "by_user": self.pseudonym(by_user)},
            pk=("channel", "chat"),
        )
        return not (existing and existing["active"])

    def unsubscribe(self, channel: str, chat: str) -> bool:
        """Stop updates to a chat (asked, or the bot was removed or blocked); False if it was not subscribed."""
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

    # ------------------------------------------------------------ broadcasts

    def active_subscribers(self, channel: str) -> list[tuple[str, str]]:
        """(chat, kind) of every active subscription of a channel."""
        return [(r["chat"], r["kind"]) for r in
                self.db[SUBSCRIBERS].rows_where("channel = ? and active = 1", [channel], order_by="since, chat")]

    def create_broadcast(self, channel: str, by_user: str, text: str) -> int:
        """A draft broadcast, waiting for confirmation."""
        return self.db[BROADCASTS].insert({"created": utc_now(), "channel": channel, "by_user": by_user,
                                           "text": text, "status": DRAFT, "total": 0}).last_pk

    def broadcast(self, broadcast_id: int) -> dict | None:
        """One broadcast row."""
        rows = list(self.db[BROADCASTS].rows_where("id = ?", [broadcast_id], limit=1))
        return rows[0] if rows else None

    def start_broadcast(self, broadcast_id: int, recipients: list[tuple[str, str]], quota: int = 0) -> bool:
        """Write every recipient as pending and mark the broadcast running, in one transaction; False if it was
        not a draft (already started or cancelled: a second tap must not send twice). With a monthly `quota`,
        what is left of it is counted and reserved in the same write transaction, so two admins confirming at
        once cannot both pass it (raises OverQuota)."""
        now = utc_now()
        with self.db.conn:
            self.db.execute("begin immediate")
            row = self.db.execute(f"select channel, status from {BROADCASTS} where id = ?", [broadcast_id]).fetchone()
            if row is None or row[1] != DRAFT:
                return False
            if quota:
                left = max(0, quota - self.broadcast_messages_this_month(row[0]))
                if len(recipients) > left:
                    raise OverQuota(left)
            self.db.execute(f"update {BROADCASTS} set status = ?, total = ? where id = ?",
                            [RUNNING, len(recipients), broadcast_id])
            self.db.conn.executemany(
                f"insert or ignore into {DELIVERIES} (broadcast_id, chat, kind, state, attempts, unconfirmed, "
                "updated) values (?, ?, ?, ?, 0, 0, ?)",
                [(broadcast_id, chat, kind, PENDING, now) for chat, kind in recipients])
        return True

    def cancel_broadcast(self, broadcast_id: int) -> bool:
        """Drop a draft; False if it had already started."""
        with self.db.conn:
            return bool(self.db.execute(f"update {BROADCASTS} set status = ? where id = ? and status = ?",
                                        [CANCELLED, broadcast_id, DRAFT]).rowcount)

    def stop_broadcast(self, broadcast_id: int) -> int | None:
        """Cancel a running broadcast: its recipients not yet sent to are dropped (a message being sent right now
        still goes), and it is never resumed. How many were dropped; None if it was not running."""
        with self.db.conn:
            stopped = self.db.execute(f"update {BROADCASTS} set status = ?, finished = ?, owner = null where id = ? "
                                      "and status = ?", [CANCELLED, utc_now(), broadcast_id, RUNNING]).rowcount
            if not stopped:
                return None
            return self.db.execute(f"update {DELIVERIES} set state = ?, updated = ? where broadcast_id = ? "
                                   "and state = ?", [CANCELLED, utc_now(), broadcast_id, PENDING]).rowcount

    def claim_broadcast(self, broadcast_id: int, owner: str, is_alive) -> bool:
        """Become the one process sending a running broadcast (its previous owner must be gone)."""
        with self.db.conn:
            self.db.execute("begin immediate")
            row = self.db.execute(f"select status, owner from {BROADCASTS} where id = ?", [broadcast_id]).fetchone()
            if row is None or row[0] != RUNNING or (row[1] and row[1] != owner and is_alive(row[1])):
                return False
            self.db.execute(f"update {BROADCASTS} set owner = ? where id = ?", [owner, broadcast_id])
            return True

    def set_status_message(self, broadcast_id: int, chat: str, message_id: str | None) -> None:
        """Where the admin watches the progress (the message to edit, where the channel can edit)."""
        self.db[BROADCASTS].update(broadcast_id, {"status_chat": chat, "status_message": message_id})

    def recover_in_flight(self, broadcast_id: int) -> int:
        """After a crash: requests that were being sent count as sent, marked unconfirmed; returns how many."""
        with self.db.conn:
            return self.db.execute(
                f"update {DELIVERIES} set state = ?, unconfirmed = 1, updated = ? where broadcast_id = ? and state = ?",
                [SENT, utc_now(), broadcast_id, SENDING]).rowcount

    def pending_deliveries(self, broadcast_id: int) -> list[tuple[str, str]]:
        """(chat, kind) still to send, in the order they were written."""
        return [tuple(r) for r in self.db.execute(
            f"select chat, kind from {DELIVERIES} where broadcast_id = ? and state = ? order by rowid",
            [broadcast_id, PENDING]).fetchall()]

    def begin_delivery(self, broadcast_id: int, chat: str) -> bool:
        """Mark a pending recipient as being sent, just before the request; False when it is no longer pending
        (its broadcast was cancelled), and then nothing may be sent."""
        with self.db.conn:
            return bool(self.db.execute(
                f"update {DELIVERIES} set state = ?, updated = ? where broadcast_id = ? and chat = ? and state = ? "
                f"and exists (select 1 from {BROADCASTS} where id = ? and status = ?)",
                [SENDING, utc_now(), broadcast_id, chat, PENDING, broadcast_id, RUNNING]).rowcount)

    def set_delivery(self, broadcast_id: int, chat: str, state: str, **values) -> None:
        """Record a recipient's new state (committed at once: this is what survives a crash)."""
        sets = ", ".join(f"{k} = ?" for k in ("state", "updated", *values))
        with self.db.conn:
            self.db.execute(f"update {DELIVERIES} set {sets} where broadcast_id = ? and chat = ?",
                            [state, utc_now(), *values.values(), broadcast_id, chat])

    def attempts(self, broadcast_id: int, chat: str) -> int:
        """How many failed attempts a recipient has had."""
        row = self.db.execute(f"select attempts from {DELIVERIES} where broadcast_id = ? and chat = ?",
                              [broadcast_id, chat]).fetchone()
        return row[0] if row else 0

    def count_attempt(self, broadcast_id: int, chat: str, error: str) -> int:
        """A failed attempt; returns how many there have been."""
        with self.db.conn:
            self.db.execute(f"update {DELIVERIES} set attempts = attempts + 1, error = ?, state = ?, updated = ? "
                            "where broadcast_id = ? and chat = ?", [error, PENDING, utc_now(), broadcast_id, chat])
        return self.db.execute(f"select attempts from {DELIVERIES} where broadcast_id = ? and chat = ?",
                               [broadcast_id, chat]).fetchone()[0]

    def add_delivery(self, broadcast_id: int, chat: str, kind: str) -> bool:
        """A recipient found during sending (a migrated group's new id); False if it is already one."""
        with self.db.conn:
            return bool(self.db.execute(
                f"insert or ignore into {DELIVERIES} (broadcast_id, chat, kind, state, attempts, unconfirmed, updated) "
                "values (?, ?, ?, ?, 0, 0, ?)", [broadcast_id, chat, kind, PENDING, utc_now()]).rowcount)

    def delivery_counts(self, broadcast_id: int) -> dict[str, int]:
        """How many recipients are in each state."""
        return dict(self.db.execute(f"select state, count(*) from {DELIVERIES} where broadcast_id = ? group by state",
                                    [broadcast_id]).fetchall())

    def unconfirmed_count(self, broadcast_id: int) -> int:
        """Recipients counted as sent after a crash without a confirmation."""
        return self.db.execute(f"select count(*) from {DELIVERIES} where broadcast_id = ? and unconfirmed = 1",
                               [broadcast_id]).fetchone()[0]

    def broadcast_messages_this_month(self, channel: str, now: dt.datetime | None = None) -> int:
        """Broadcast messages of a channel that count against its monthly quota: sent this calendar month, or
        still waiting to be sent (a running broadcast has reserved them)."""
        local = (now or dt.datetime.now(dt.timezone.utc)).astimezone(QUOTA_TZ)
        start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(dt.timezone.utc)
        return self.db.execute(
            f"select count(*) from {DELIVERIES} d join {BROADCASTS} b on b.id = d.broadcast_id "
            "where b.channel = ? and ((b.status = ? and d.state in (?, ?)) or (d.state = ? and d.updated >= ?))",
            [channel, RUNNING, PENDING, SENDING, SENT, start.replace(microsecond=0).isoformat()]).fetchone()[0]

    def finish_broadcast(self, broadcast_id: int) -> None:
        """All recipients handled (a cancelled broadcast stays cancelled)."""
        with self.db.conn:
            self.db.execute(f"update {BROADCASTS} set status = ?, finished = ?, owner = null where id = ? "
                            "and status = ?", [DONE, utc_now(), broadcast_id, RUNNING])

    def unfinished_broadcasts(self, channel: str) -> list[int]:
        """Broadcasts that were running when their process stopped."""
        return [r[0] for r in self.db.execute(f"select id from {BROADCASTS} where channel = ? and status = ? "
                                              "order by id", [channel, RUNNING]).fetchall()]

    def retry_failed(self, broadcast_id: int) -> int:
        """Put a finished broadcast's failed recipients (not blocked ones) back in the queue."""
        with self.db.conn:
            count = self.db.execute(f"update {DELIVERIES} set state = ?, attempts = 0, updated = ? "
                                    "where broadcast_id = ? and state = ?",
                                    [PENDING, utc_now(), broadcast_id, FAILED]).rowcount
            if count:
                self.db.execute(f"update {BROADCASTS} set status = ?, finished = null where id = ?",
                                [RUNNING, broadcast_id])
        return count

    def broadcasts(self, limit: int = 50) -> list[dict]:
        """Recent broadcasts with their delivery counts, newest first."""
        rows = list(self.db[BROADCASTS].rows_where(order_by="id desc", limit=limit))
        for row in rows:
            row["counts"] = self.delivery_counts(row["id"])
            row["unconfirmed"] = self.unconfirmed_count(row["id"])
        return rows

    def failed_deliveries(self, broadcast_id: int) -> list[dict]:
        """Recipients that could not be reached, with the reason."""
        return list(self.db[DELIVERIES].rows_where("broadcast_id = ? and state in (?, ?)",
                                                   [broadcast_id, FAILED, BLOCKED], order_by="chat"))

    def unconfirmed_deliveries(self, broadcast_id: int) -> list[dict]:
        """Recipients counted as sent without a confirmation, with what was known."""
        return list(self.db[DELIVERIES].rows_where("broadcast_id = ? and unconfirmed = 1", [broadcast_id],
                                                   order_by="chat"))

    def audit(self, channel: str, chat: str | None, user: str | None, action: str, outcome: str,
              detail: str = "") -> int:
        """Record an admin action or a refused attempt at one now (the bot writes through bot/storage/writer.py)."""
        return self.db[AUDIT].insert({"ts": utc_now(), "channel": channel, "chat": chat, "user": user,
                                      "action": action, "outcome": outcome, "detail": detail}).last_pk

    def audit_since(self, row_id: int) -> list[dict]:
        """Audit rows after a given id, oldest first."""
        return list(self.db[AUDIT].rows_where("id > ?", [row_id], order_by="id"))

    def last_audit_id(self) -> int:
        """Id of the newest audit row (0 when there is none)."""
        row = self.db.execute(f"select max(id) from {AUDIT}").fetchone()
        return row[0] or 0

    def prune(self, retention_days: int, now: dt.datetime | None = None) -> int:
        """Delete questions (and their feedback) older than the retention period; returns how many."""
        cutoff = _days_ago(retention_days, now)
        with self.db.conn:
            self.db.execute(f"delete from {FEEDBACK} where question_id in "
                            f"(select id from {QUESTIONS} where ts < ?)", [cutoff])
            return self.db.execute(f"delete from {QUESTIONS} where ts < ?", [cutoff]).rowcount

    def outcomes_per_day(self, days: int, now: dt.datetime | None = None) -> list[tuple[str, str, int]]:
        """(day, outcome, count) for the last `days` days."""
        return [tuple(r) for r in self.db.execute(
            f"select substr(ts, 1, 10), outcome, count(*) from {QUESTIONS} where ts >= ? "
            "group by 1, 2 order by 1, 2", [_days_ago(days, now)]).fetchall()]

    def top_facts(self, days: int, limit: int, now: dt.datetime | None = None) -> list[tuple[str, int]]:
        """The facts answered most often in the last `days` days."""
        return [tuple(r) for r in self.db.execute(
            f"select fact_id, count(*) from {QUESTIONS} where ts >= ? and outcome = 'answer' "
            "group by fact_id order by 2 desc, 1 limit ?", [_days_ago(days, now), limit]).fetchall()]

    def votes(self, days: int, now: dt.datetime | None = None) -> tuple[int, int]:
        """(👍, 👎) given in the last `days` days."""
        up, down = self.db.execute(
            f"select coalesce(sum(vote = 1), 0), coalesce(sum(vote = 0), 0) from {FEEDBACK} where ts >= ?",
            [_days_ago(days, now)]).fetchone()
        return up, down

    def unanswered(self, days: int, limit: int, now: dt.datetime | None = None,
                   max_chars: int = 500) -> list[tuple[str, str, str, str]]:
        """(question, outcome, ts, rule) of the latest `limit` declined and clarified questions of the last
        `days` days, oldest first, each cut to `max_chars` (rows logged before questions were cut may be long)."""
        rows = self.db.execute(
            f"select substr(question, 1, ?), outcome, ts, coalesce(rule, '') from {QUESTIONS} where ts >= ? "
            "and outcome in ('decline', 'clarify') and trim(question) != '' order by ts desc limit ?",
            [max_chars, _days_ago(days, now), limit]).fetchall()
        return [tuple(r) for r in reversed(rows)]

    def backup(self, target: Path) -> Path:
        """A consistent copy of the database taken while it serves (SQLite's online backup API), written
        beside `target` and renamed into place, readable by its owner only; checked before it is kept."""
        return copy_database(self.path, target)

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


REQUIRED_TABLES = (QUESTIONS, FEEDBACK, SUBSCRIBERS, AUDIT, BROADCASTS, DELIVERIES)


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live database with the online backup API into `target` (atomically: a temporary file renamed
    into place), then check the copy (raises sqlite3.DatabaseError or OSError)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_RDWR | os.O_CREAT | os.O_TRUNC, FILE_MODE))
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("pragma journal_mode = delete")  # the copy is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    try:
        check_database(partial)
    except sqlite3.DatabaseError:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    return target


def check_database(path: Path) -> dict[str, int]:
    """Whether a file is a sound database of this bot: integrity, the tables, a schema version this code can
    read; the row count of each table (raises sqlite3.DatabaseError naming what is wrong)."""
    if not Path(path).is_file():
        raise sqlite3.DatabaseError(f"{path} is not a file")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = conn.execute("pragma integrity_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {verdict}")
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise sqlite3.DatabaseError(f"not a database of this bot (no table {', '.join(missing)})")
        version = conn.execute("pragma user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaError(f"schema version {version} is newer than this bot's {SCHEMA_VERSION}")
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in REQUIRED_TABLES}
    finally:
        conn.close()


def restore_database(source: Path, database: Path) -> Path | None:
    """Replace the database's content with a checked backup (the service must be stopped: the caller holds
    its pid-file lock); the previous database is kept beside it first. Returns where it was kept."""
    check_database(source)
    kept = None
    database = Path(database)
    if database.exists():
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        kept = copy_database(database, database.with_name(f"{database.name}.before-restore-{stamp}"))
    database.parent.mkdir(parents=True, exist_ok=True)
    secure(database)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(database))
        try:
            src.backup(dst)  # page by page into the live file, its WAL included: no stale -wal left behind
        finally:
            dst.close()
    finally:
        src.close()
    return kept


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a file, None when it does not exist."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _days_ago(days: int, now: dt.datetime | None = None) -> str:
    """ISO timestamp `days` days before now (UTC)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return (now - dt.timedelta(days=days)).replace(microsecond=0).isoformat()
