"""The command table (handlers/commands.py) drives routing and help: every command is routed to a handler, the
help lists what the reader may run (admin commands for admins only, the terminal's admin included), and a
command answers to each of its names."""
from __future__ import annotations

import asyncio
import dataclasses

import pytest

from bot.engine.render import plain
from handlers import admin, commands
from handlers.commands import COMMANDS, Action, Who
from handlers.conversation import Conversation
from handlers.messages import Capabilities, Incoming
from tests.drivers import MemoryPort
from tests.harness import channel_config, make_app


@pytest.fixture
def talk(config, engine, tmp_path):
    """say(text, user=…, channel=…) -> the text of every reply; "boss" administers the terminal and memory."""
    admins = {"terminal": frozenset({"boss"}), "memory": frozenset({"boss"})}
    app = make_app(dataclasses.replace(channel_config(config, tmp_path), admins=admins), engine)
    conversation = Conversation(app, flood=False)
    port = MemoryPort(Capabilities())

    def say(text: str, user: str = "someone", channel: str = "memory") -> list[str]:
        before = len(port.chats.get(user, []))
        asyncio.run(conversation.handle(Incoming(channel, user, user, text), port))
        return [plain(m.lines) for m in port.chats.get(user, [])[before:]]

    say.conversation = conversation
    return say


def test_every_command_of_the_table_has_a_handler_and_names_are_unique(talk):
    names = [n for c in COMMANDS for n in (c.name, *c.aliases)]
    assert len(names) == len(set(names))
    everyone = {c.action for c in commands.of(Who.EVERYONE)}
    assert everyone == set(talk.conversation._routes)
    # /themnguon alone only says how to send the article file, whatever the table's handlers
    assert {c.action for c in commands.of(Who.ADMIN)} == set(admin.ROUTES) | {Action.INGEST}


def test_the_help_lists_everyones_commands_and_admin_commands_only_to_admins(talk):
    (user_help,) = talk("/trogiup")
    for command in COMMANDS:
        assert (f"/{command.name}" in user_help) == (command.who == Who.EVERYONE), command.name
    (admin_help,) = talk("/trogiup", user="boss")
    assert all(f"{c.usage()} — {c.description}" in admin_help for c in COMMANDS)
    (terminal_admin_help,) = talk("/trogiup", user="boss", channel="terminal")
    assert "/tailai" in terminal_admin_help and "/duyet <mã bản nháp>" in terminal_admin_help


def test_the_help_offers_the_engines_examples(talk, engine):
    (text,) = talk("/help")
    examples = engine.examples()
    assert examples and all(f"• {s.question}" in text for s in examples)
    assert [s.fact_id for s in examples] == [s.fact_id for s in engine.answer("").examples]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_name_of_a_command_does_the_same(talk, command):
    if command.who == Who.ADMIN:
        replies = {tuple(talk(f"/{name}")) for name in (command.name, *command.aliases)}
        assert replies == {(admin.NOT_ADMIN,)}  # a non-admin is refused by each name
        return
    replies = [talk(f"/{name}", user=f"u-{name}") for name in (command.name, *command.aliases)]
    assert all(r == replies[0] and len(r) == 1 for r in replies), replies


def test_an_unknown_command_answers_with_the_help(talk):
    (text,) = talk("/khongco")
    assert text == talk("/trogiup")[0]


def test_the_telegram_menu_is_everyones_commands():
    assert [name for name, _ in commands.menu()] == [c.name for c in commands.of(Who.EVERYONE)]
    assert all(description[0].isupper() and len(description) <= 256 for _, description in commands.menu())


def test_the_readme_shows_the_help_as_generated():
    from bot.service.config import REPO_ROOT
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "```\n" + "\n".join(commands.help_lines(admin=True)) + "\n```" in readme
