"""Chat channels: Telegram, Zalo and the terminal. The contract every channel follows (the module's names, the
Channel, the Port, the Sender, the neutral messages) is declared in channels/base.py; this module only finds a
channel's module by name, imported when that channel is used.
"""
from __future__ import annotations

import importlib
from types import ModuleType

PLATFORMS = ("telegram", "zalo")  # chat platforms: a token each, a server to reach, subscribers to broadcast to
__all__ = ["Channel", "MODULES", "PLATFORMS", "StartError", "module"]
MODULES = {"telegram": "channels.telegram", "zalo": "channels.zalo", "terminal": "channels.terminal"}


def module(name: str) -> ModuleType:
    """The module of a channel, imported only when that channel is used."""
    if name not in MODULES:
        raise KeyError(f"unknown channel {name!r} (known: {', '.join(MODULES)})")
    return importlib.import_module(MODULES[name])


def __getattr__(name: str):
    """Channel and StartError, imported from channels.base when first asked for: naming the platforms (the
    command line does) must not load the channel contract, the store and sqlite-utils on the path of `ask`."""
    if name in ("Channel", "StartError"):
        from channels import base
        return getattr(base, name)
    raise AttributeError(f"module 'channels' has no attribute {name!r}")
