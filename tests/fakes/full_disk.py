"""Run the bot's command line with a full disk simulated, for the fault suite: while the file named by
FULL_DISK_FLAG exists, every statement that writes fails as SQLite fails on a full disk
("database or disk is full"); when it is removed, writes work again. Nothing else is changed.

    python -m tests.fakes.full_disk telegram
"""
from __future__ import annotations

import os
import sqlite3
import sys

FLAG = os.environ.get("FULL_DISK_FLAG", "")
WRITES = ("insert", "update", "delete", "replace", "create")


def _check(sql: str) -> None:
    """Fail a writing statement while the disk is 'full'; each refusal is noted in FLAG.refused (its statement's
    first words), so a test can tell that a writer kept trying."""
    if FLAG and os.path.exists(FLAG) and sql.lstrip().lower().startswith(WRITES):
        with open(FLAG + ".refused", "a", encoding="utf-8") as notes:
            notes.write(" ".join(sql.split())[:80] + "\n")
        raise sqlite3.OperationalError("database or disk is full")


class FullDiskConnection(sqlite3.Connection):
    """A connection whose writes fail while the flag file exists."""

    def execute(self, sql, *args):  # noqa: D102 - sqlite3's own
        _check(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):  # noqa: D102
        _check(sql)
        return super().executemany(sql, *args)


_connect = sqlite3.connect


def connect(*args, **kwargs):
    """sqlite3.connect with the failing connection class."""
    return _connect(*args, factory=FullDiskConnection, **kwargs)


if __name__ == "__main__":
    sqlite3.connect = connect
    from bot.cli import main
    sys.exit(main(sys.argv[1:]))
