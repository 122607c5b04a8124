"""Logging for every command: one line per record whatever a message holds (users type line breaks, U+2028),
and bot tokens kept out of everything a person or a log file can see — log lines, tracebacks, uncaught errors.

Tokens sit in the URL path of every Bot API request (…/bot<TOKEN>/sendMessage), so any error mentioning a URL
would carry one."""
from __future__ import annotations

import logging
import os
import sys
import traceback
from types import TracebackType

MASK = "<token>"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"
_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85",
                         "\x0b": "\\x0b", "\x0c": "\\x0c", "\x1c": "\\x1c", "\x1d": "\\x1d", "\x1e": "\\x1e"})


class OneLineFormatter(logging.Formatter):
    """A record's message on one line (its line breaks escaped); a traceback still follows on its own lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return super().formatMessage(record).translate(_BREAKS)


LIBRARIES = ("telegram", "httpx", "httpcore", "tornado.access")  # at DEBUG they log whole updates and URLs
_library_debug = False


def setup(level: str, file: str = "", max_bytes: int = 10_000_000, backups: int = 5,
          library_debug: bool = False) -> None:
    """Log to stderr at this level, one line per record (journald and container runtimes keep it as it is);
    also to a size-rotated file when one is named. The chat libraries stay at WARNING unless asked: at DEBUG
    they would log whole updates (names, ids, texts) and request URLs."""
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
    global _library_debug
    _library_debug = library_debug
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET if library_debug else logging.WARNING)


class TokenFilter(logging.Filter):
    """Replaces the tokens wherever they would appear in a log record (message, arguments, traceback)."""

    def __init__(self, tokens: list[str]):
        super().__init__()
        self.tokens = [t for t in tokens if t]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(t in message for t in self.tokens):
            record.msg, record.args = self.scrub(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True

    def scrub(self, text: str) -> str:
        """Text with every token masked."""
        for token in self.tokens:
            text = text.replace(token, MASK)
        return text


def protect(*tokens: str) -> TokenFilter:
    """Mask the tokens in every log handler (and in uncaught exceptions); quiet httpx's per-request INFO lines,
    whose URLs hold them."""
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
