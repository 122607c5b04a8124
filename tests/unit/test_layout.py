"""The layer rule, stated once: the product is a stack of wings, and a module imports only from its own wing and
the wings below it. Data flows one way: channel -> conversation -> engine -> answer -> channel.

Below that rule, two seams hold: only the Telegram channel imports python-telegram-bot, and only the Zalo
channel knows Zalo's wire format; the conversation knows no HTTP library or chat platform."""
from __future__ import annotations

import ast

from bot.service.config import REPO_ROOT

# Lowest first. A wing is a package path; a module belongs to the longest wing its dotted name starts with.
LAYERS = (
    "bot.language",   # Vietnamese text: folding, keystrokes, figures
    "bot.kb",         # the knowledge model: YAML files, articles, facts, provenance
    "bot.engine",     # understanding a question and deciding what to say
    "bot.storage",    # the SQLite database and its background writer
    "bot.service",    # the running application: configuration, reload, broadcasts, reports, logs
    "bot.authoring",  # turning an article's text into draft knowledge, and approving it
    "handlers",       # the conversation and admin commands, channel-neutral
    "channels",       # Telegram, Zalo, terminal
    "bot",            # entry points: the command line and the runtime that assembles channels
)
PACKAGES = ("bot", "handlers", "channels")
ZALO_WIRE = ("event_name", "message.text.received", "chat_type", "X-Bot-Api-Secret-Token", "display_name",
             "error_code")


def module_name(path: str) -> str:
    """Dotted module name of a repository-relative path."""
    name = path[:-3].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name


def layer_of(module: str) -> int:
    """Index in LAYERS of the wing a module belongs to."""
    matches = [i for i, wing in enumerate(LAYERS) if module == wing or module.startswith(wing + ".")]
    return max(matches, key=lambda i: len(LAYERS[i]))


def sources() -> dict[str, str]:
    """Every module of the product, by path relative to the repository."""
    return {str(p.relative_to(REPO_ROOT)): p.read_text(encoding="utf-8")
            for package in PACKAGES for p in sorted((REPO_ROOT / package).rglob("*.py"))}


def imports(source: str) -> set[str]:
    """Dotted names of every module a source imports (anywhere in it), with `from x import y` as x.y."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_every_module_imports_only_its_own_wing_and_the_wings_below():
    upward = []
    for path, text in sources().items():
        own = layer_of(module_name(path))
        for name in imports(text):
            if name.split(".")[0] in PACKAGES and layer_of(name) > own:
                upward.append(f"{path} imports {name} ({LAYERS[layer_of(name)]} is above {LAYERS[own]})")
    assert not upward, "\n".join(upward)


def test_relative_imports_are_not_used():
    """Absolute imports keep every arrow visible to the rule above."""
    for path, text in sources().items():
        assert not [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ImportFrom) and n.level], path


def test_entry_points_alone_stand_at_the_top_of_bot():
    top = {p.name for p in (REPO_ROOT / "bot").glob("*.py")}
    assert top == {"__init__.py", "__main__.py", "cli.py", "runtime.py"}


def test_only_the_telegram_channel_imports_python_telegram_bot():
    users = {path for path, text in sources().items() if {n.split(".")[0] for n in imports(text)} & {"telegram"}}
    assert users == {"channels/telegram.py"}


def test_only_the_zalo_channel_knows_zalo_s_wire_format():
    for path, text in sources().items():
        if not path.startswith("channels/zalo/"):
            assert not [w for w in ZALO_WIRE if w in text], path


def test_the_conversation_knows_no_http_or_platform():
    for path, text in sources().items():
        if path.startswith("handlers/"):
            assert not {"httpx", "tornado", "telegram"} & {n.split(".")[0] for n in imports(text)}, path


def test_the_rule_catches_an_upward_import():
    """The checker itself can fail: an engine module importing storage is reported."""
    assert layer_of("bot.storage.store") > layer_of(module_name("bot/engine/core.py"))
    assert layer_of("channels.terminal") > layer_of("handlers.conversation")
    assert layer_of("bot.runtime") == len(LAYERS) - 1
