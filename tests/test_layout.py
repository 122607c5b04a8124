"""The seams hold: only the Telegram channel imports python-telegram-bot, only the Zalo channel knows Zalo's
wire format, and the engine and the conversation know no channel."""
from __future__ import annotations

import ast

from bot.config import REPO_ROOT

PACKAGES = ("bot", "handlers", "channels")
ZALO_WIRE = ("event_name", "message.text.received", "chat_type", "X-Bot-Api-Secret-Token", "display_name",
             "error_code")


def sources() -> dict[str, str]:
    """Every module of the product, by path relative to the repository."""
    return {str(p.relative_to(REPO_ROOT)): p.read_text(encoding="utf-8")
            for package in PACKAGES for p in sorted((REPO_ROOT / package).rglob("*.py"))}


def imported(source: str) -> set[str]:
    """Top-level names of every module a source imports (anywhere in it)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_telegram_channel_imports_python_telegram_bot():
    users = {path for path, text in sources().items() if "telegram" in imported(text)}
    assert users == {"channels/telegram.py"}


def test_only_the_zalo_channel_knows_zalo_s_wire_format():
    for path, text in sources().items():
        if not path.startswith("channels/zalo/"):
            assert not [w for w in ZALO_WIRE if w in text], path


def test_engine_and_conversation_know_no_channel():
    for path, text in sources().items():
        if path.startswith(("handlers/", "bot/")) and path != "bot/runtime.py" and path != "bot/cli.py":
            assert "channels" not in imported(text), path
        if path.startswith("handlers/"):
            assert not {"httpx", "tornado", "telegram"} & imported(text), path
