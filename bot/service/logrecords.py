"""The logging classes of bot/service/logs.py, apart: they subclass logging's, and logs.py imports logging only
once some logging is to be done."""
from __future__ import annotations

import logging

MASK = "<token>"
_BREAKS = str.maketrans({"\n": "\\n", "\r": "\\r", "\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\x85",
                         "\x0b": "\\x0b", "\x0c": "\\x0c", "\x1c": "\\x1c", "\x1d": "\\x1d", "\x1e": "\\x1e"})


class OneLineFormatter(logging.Formatter):
    """A record's message on one line (its line breaks escaped); a traceback still follows on its own lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's name
        return super().formatMessage(record).translate(_BREAKS)


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
