"""Chat channels: each one translates its platform's wire format to and from the neutral messages of
handlers/messages.py. The runtime (bot/runtime.py) starts them by name; nothing outside a channel's own module
knows its platform.

A chat platform's module (PLATFORMS) provides NAME, TOKEN_ENV (the environment variable holding its token),
SECRET_ENV (its webhook secret), `create(app, conversation, token, webhook_url, webhook_secret) -> Channel`,
and `broadcast_sender(config, token)`, an async context manager yielding a broadcast Sender for the command
line. The terminal (channels/terminal.py) is a channel too, with no token and no server.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.service.broadcast import Sender
    from handlers.messages import Port

PLATFORMS = ("telegram", "zalo")  # chat platforms: a token each, a server to reach, subscribers to broadcast to
MODULES = {"telegram": "channels.telegram", "zalo": "channels.zalo", "terminal": "channels.terminal"}


class StartError(Exception):
    """A channel could not start. `retry`: trying again later may help (no network), or not (a wrong token)."""

    def __init__(self, message: str, retry: bool):
        super().__init__(message)
        self.retry = retry


class Channel(Protocol):
    """A running chat platform connection, as the runtime sees it."""

    name: str
    port: "Port"  # how the conversation replies in its chats

    async def start(self) -> None:
        """Connect and start receiving (raises StartError)."""

    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, disconnect."""

    def sender(self) -> "Sender":
        """How broadcasts reach its chats."""


def module(name: str) -> ModuleType:
    """The module of a channel, imported only when that channel is used."""
    if name not in MODULES:
        raise KeyError(f"unknown channel {name!r} (known: {', '.join(MODULES)})")
    return importlib.import_module(MODULES[name])
