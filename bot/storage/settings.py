"""The database's settings and the name of its salt's variable: light, so that reading the configuration (and
answering with `ask --no-log`) never imports SQLite or sqlite-utils."""
from __future__ import annotations

from dataclasses import dataclass

SALT_ENV = "BOT_ID_SALT"  # the question log's salt: a secret, read from the environment, never a setting


@dataclass(frozen=True)
class StorageSettings:
    """The database as the bot uses it: answers never wait on it."""

    busy_timeout_ms: int = 2000  # a locked database is waited for this long by each statement
    queue_rows: int = 10_000  # question-log rows waiting to be written at most; beyond, new ones are dropped
    batch_rows: int = 200  # rows written in one transaction
    write_retries: int = 3  # a failed batch is tried again this many times...
    backoff_seconds: float = 1.0  # ...waiting 1, 2, 4... times this; then its rows are counted lost
    lost_report_seconds: float = 60.0  # lost rows are logged at most this often
    max_question_chars: int = 500  # a logged question is cut to this length
