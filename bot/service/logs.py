"""Logging for every command: one line per record whatever a message holds (users type line breaks, U+2028),
and bot tokens kept out of everything a person or a log file can see — log lines, tracebacks, uncaught errors.

Tokens sit in the URL path of every Bot API request (…/bot<TOKEN>/sendMessage), so any error mentioning a URL
would carry one.

Nothing here imports `logging` before it is needed: a command that may log nothing (`ask --no-log`) sets its
logging up deferred, and the modules it runs log through `logger()`, which imports logging at the first record.
Importing logging (with traceback, threading, string and weakref) was 5 ms of such a start."""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import logging
    from types import TracebackType

    from bot.service.logrecords import TokenFilter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"
LIBRARIES = ("telegram", "httpx", "httpcore", "tornado.access")  # at DEBUG they log whole updates and URLs
_library_debug = False
_deferred: tuple | None = None  # the arguments of a deferred setup(), until the first record


def setup(level: str, file: str = "", max_bytes: int = 10_000_000, backups: int = 5,
          library_debug: bool = False, deferred: bool = False) -> None:
    """Log to stderr at this level, one line per record (journald and container runtimes keep it as it is);
    also to a size-rotated file when one is named. The chat libraries stay at WARNING unless asked: at DEBUG
    they would log whole updates (names, ids, texts) and request URLs. Deferred (when logging is not imported
    yet), this is done at the first use of a `logger()`: a deferring command logs through those alone."""
    global _deferred, _library_debug
    if deferred and "logging" not in sys.modules:
        _deferred = (level, file, max_bytes, backups, library_debug)
        return
    _deferred = None
    import logging

    from bot.service.logrecords import OneLineFormatter
    # Under systemd (JOURNAL_STREAM set) the journal stamps each line itself: the time is left out there.
    fmt = JOURNAL_FORMAT if os.environ.get("JOURNAL_STREAM") else FORMAT
    logging.basicConfig(level=level, format=fmt)
    root = logging.getLogger()
    if file:
        from logging.handlers import RotatingFileHandler  # imported only with a log file: `ask` needs none
        if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
            os.makedirs(os.path.dirname(os.path.abspath(file)), exist_ok=True)
            os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))  # questions may appear in it
            root.addHandler(RotatingFileHandler(file, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"))
    for handler in root.handlers:
        handler.setFormatter(OneLineFormatter(FORMAT if isinstance(handler, logging.FileHandler) else fmt))
    _library_debug = library_debug
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if library_debug else logging.WARNING)


class _LazyLogger:
    """Stands for a module's logger: logging is imported, and a deferred setup done, at its first use."""

    def __init__(self, name: str):
        self.name = name

    def __getattr__(self, attr: str) -> Any:
        import logging
        if _deferred is not None:
            setup(*_deferred)
        return getattr(logging.getLogger(self.name), attr)


def logger(name: str) -> logging.Logger:
    """The logger of this name, for a module to keep from its import on (logging is imported at its first use)."""
    return _LazyLogger(name)  # type: ignore[return-value]


def protect(*tokens: str) -> TokenFilter:
    """Mask the tokens in every log handler (and in uncaught exceptions); quiet httpx's per-request INFO lines,
    whose URLs hold them."""
    import logging
    import traceback

    from bot.service.logrecords import TokenFilter
    token_filter = TokenFilter(list(tokens))
    if not _library_debug:
        logging.getLogger("httpx").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(token_filter)
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        sys.stderr.write(token_filter.scrub("".join(traceback.format_exception(kind, error, tb))))

    sys.excepthook = hook
    return token_filter
