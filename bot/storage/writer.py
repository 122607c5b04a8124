"""The question log, feedback and audit rows, written by one background thread so that answering never waits
on the database. The queue is bounded: when the database is locked, full or read-only, rows are retried a
while, then dropped and counted (logged at most once a minute; admins see the count in /thongke)."""
from __future__ import annotations

import logging
import queue
import secrets
import sqlite3
import threading
import time
from typing import Callable, Union

from bot.storage.settings import StorageSettings
from bot.storage.store import AuditRecord, FeedbackRecord, QuestionRecord, Store

log = logging.getLogger(__name__)

Row = Union[QuestionRecord, FeedbackRecord, AuditRecord]
# Question ids are known before the row is written: milliseconds since 1970 shifted left by SEQUENCE_BITS, plus
# a random offset (so two processes rarely meet), and always above the process's last id. They grow with time
# and stay under 2**53, exact in any JSON reader, until the year 2248.
SEQUENCE_BITS = 10
_FLUSH = object()



class LogWriter:
    """Writes rows in the background, in the order given; never raises to the caller."""

    def __init__(self, store: Store, settings: StorageSettings, clock: Callable[[], float] = time.monotonic):
        self.store, self.settings, self.clock = store, settings, clock
        self.lost = 0  # rows that could not be written since start
        self._lost_lock = threading.Lock()  # rows are counted lost by callers (queue full) and by the thread
        self._unreported = 0
        self._reported_at = float("-inf")
        self._queue: queue.Queue = queue.Queue(settings.queue_rows)
        # Ids grow with time and, within this process, strictly: a sequence wrapping within one millisecond must
        # never give a smaller id than the last (the question log is read in id order).
        self._last_id = 0
        self._id_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="log-writer", daemon=True)
        self._thread.start()

    def question(self, record: QuestionRecord) -> int:
        """Queue a question; its id (for feedback) is known at once."""
        with self._id_lock:
            fresh = (int(time.time() * 1000) << SEQUENCE_BITS) | secrets.randbelow(1 << (SEQUENCE_BITS - 1))
            question_id = self._last_id = max(fresh, self._last_id + 1)
        self._put(QuestionRecord(**{**record.__dict__, "id": question_id}))
        return question_id

    def put(self, row: Row) -> None:
        """Queue a feedback or audit row."""
        self._put(row)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every row queued so far is written or given up; whether that happened in time."""
        done = threading.Event()
        try:
            self._queue.put((_FLUSH, done), timeout=timeout)
        except queue.Full:
            return False
        return done.wait(timeout)

    def _put(self, row: Row) -> None:
        """Queue a row, or count it lost when the queue is full (the database has been stuck for a while)."""
        try:
            self._queue.put_nowait(row)
        except queue.Full:
            self._count_lost(1, "the write queue is full")

    def _run(self) -> None:
        """The thread: take up to a batch of rows, write them in one transaction, retry, count what is lost."""
        while True:
            rows, flushes = self._take()
            if rows:
                self._write(rows)
            for done in flushes:
                done.set()

    def _take(self) -> tuple[list[Row], list[threading.Event]]:
        """The next rows waiting (blocking for the first), and the flush requests among them."""
        rows: list[Row] = []
        flushes: list[threading.Event] = []
        item = self._queue.get()
        while True:
            if isinstance(item, tuple) and item[0] is _FLUSH:
                flushes.append(item[1])
                break  # rows before a flush are written before it is answered
            rows.append(item)
            if len(rows) >= self.settings.batch_rows:
                break
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
        return rows, flushes

    def _write(self, rows: list[Row]) -> None:
        """One transaction for the batch; retried with backoff; then counted lost."""
        for attempt in range(self.settings.write_retries + 1):
            try:
                self.store.write_rows(rows)
                return
            except (sqlite3.Error, OSError) as error:
                reason = str(error)
                if attempt < self.settings.write_retries:
                    time.sleep(self.settings.backoff_seconds * 2 ** attempt)
        self._count_lost(len(rows), reason)

    def _count_lost(self, count: int, reason: str) -> None:
        """Count rows lost; log the total now and then, not for every row."""
        with self._lost_lock:
            self.lost += count
            self._unreported += count
            now = self.clock()
            if now - self._reported_at < self.settings.lost_report_seconds:
                return
            unreported, self._unreported, self._reported_at = self._unreported, 0, now
        log.error("question log: %d rows could not be written (%s); answers go on", unreported, reason)
