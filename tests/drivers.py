"""Drivers for the conversation contract (tests/system/test_contract.py): each one speaks to the bot the way a person
would on one channel — typing, pressing buttons where the channel has them, typing numbers and words where it
has not — and reads the replies back as plain text. The neutral driver talks to the conversation layer
directly; the others go through the real runtime and channel against their fake servers."""
from __future__ import annotations

import dataclasses
import html
import io
import queue
import re
from dataclasses import dataclass, field
from typing import Any

from bot.service.app import App
from bot.service.delivery import OK, SendResult
from bot.engine.render import line, plain
from bot.runtime import Runtime
from channels import terminal
from handlers.messages import Capabilities, Incoming, Outgoing, Press
from tests.fakes.telegram import FakeTelegram
from tests.fakes.zalo import FakeZalo
from tests.harness import ENV, Handled, until

WAIT_SECONDS = 15.0  # the bot replies within this long
NUMBERED = re.compile(r"^(\d+)\. (.+)$")


@dataclass
class Reply:
    """One message from the bot as a person sees it: its text, the choices it offers, and its buttons."""

    text: str
    picks: list[str]  # the offered choices (questions), in order
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (label, action) where the channel has them
    ref: Any = None  # the channel's own handle on the message (to press its buttons)


def numbered_picks(text: str) -> list[str]:
    """Choices offered as numbered lines."""
    return [m.group(2) for m in (NUMBERED.match(line) for line in text.split("\n")) if m]


def from_html(text: str) -> str:
    """Telegram HTML as the text a person reads."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


class Driver:
    """What every channel's driver offers the contract."""

    name = ""
    channel_name = ""  # the channel the store records
    buttons = False
    single_user = False  # the terminal has one person at the keyboard
    start_seconds = 5.0  # the bot is up within this long
    runtime: Runtime  # set by each driver: the runtime serving its channel

    def __init__(self, app: App):
        self.app = app
        self.handled: Handled | None = None  # set by drivers whose channel calls the conversation itself

    def chat_of(self, user: str) -> str:
        """The private chat of a user, as the store records it."""
        return user

    async def start(self) -> None:
        """Bring the bot up."""
        await self.runtime.start()
        assert await self.runtime.wait_started(self.start_seconds)

    async def stop(self) -> None:
        """Take it down."""
        await self.runtime.close()

    async def say(self, user: str, text: str, expect: int = 1) -> list[Reply]:
        """Type a message in the user's private chat; the bot's replies."""
        raise NotImplementedError

    def inbox(self, user: str) -> list[str]:
        """Every message text the user's chat holds now (edited ones as they read now)."""
        raise NotImplementedError

    async def choose(self, user: str, reply: Reply, index: int) -> list[Reply]:
        """Pick the index-th choice of a reply: its button, or its number typed back."""
        pick = [b for b in reply.buttons if b[1].startswith("p:")]
        if self.buttons and pick:
            return await self.press(user, reply, pick[index][1], expect=1)
        return await self.say(user, str(index + 1))

    async def vote(self, user: str, reply: Reply, up: bool) -> str:
        """Give feedback on an answer: 👍/👎 pressed, or "đúng"/"sai" typed; the acknowledgement."""
        votes = [b for b in reply.buttons if b[1].startswith("v:") and b[1].endswith(":1" if up else ":0")]
        if self.buttons and votes:
            return await self.toast(user, reply, votes[0][1])
        return (await self.say(user, "đúng" if up else "sai"))[0].text

    async def decide(self, user: str, reply: Reply, go: bool) -> str:
        """Send or cancel a previewed broadcast: its button, or "gửi"/"hủy" typed; the status shown."""
        wanted = ":go:" if go else ":no:"
        actions = [b for b in reply.buttons if b[1].startswith("b:") and wanted in b[1]]
        if self.buttons and actions:
            return await self.press_status(user, reply, actions[0][1])
        return (await self.say(user, "gửi" if go else "hủy"))[0].text

    async def press(self, user: str, reply: Reply, action: str, expect: int) -> list[Reply]:
        """Press a button that answers with messages."""
        raise NotImplementedError

    async def toast(self, user: str, reply: Reply, action: str) -> str:
        """Press a button that answers with a short notice."""
        raise NotImplementedError

    async def press_status(self, user: str, reply: Reply, action: str) -> str:
        """Press a button that turns its message into a status; the status text."""
        raise NotImplementedError


# ---------------------------------------------------------------- neutral


class MemoryPort:
    """A port keeping every message per chat, with the capabilities asked for."""

    def __init__(self, capabilities: Capabilities):
        self.channel, self.capabilities = "memory", capabilities
        self.chats: dict[str, list[Outgoing]] = {}
        self.edits: dict[tuple[str, str], Outgoing] = {}

    async def send(self, chat_id: str, message: Outgoing) -> str | None:
        self.chats.setdefault(chat_id, []).append(message)
        return str(len(self.chats[chat_id]))

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> bool:
        self.edits[(chat_id, message_id)] = message
        return True

    async def is_group_admin(self, chat_id: str, user_id: str) -> bool:
        return False

    async def typing(self, chat_id: str) -> None:
        pass


class MemorySender:
    """Broadcasts into the memory port."""

    channel = "memory"

    def __init__(self, port: MemoryPort):
        self.port = port

    async def send(self, chat: str, text: str) -> SendResult:
        return SendResult(OK, message_id=await self.port.send(chat, Outgoing((line(text),))))


class MemoryChannel:
    """The neutral layer as a channel of the runtime (no wire at all)."""

    name = "memory"

    def __init__(self, capabilities: Capabilities):
        self.port = MemoryPort(capabilities)

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    def sender(self) -> MemorySender:
        return MemorySender(self.port)


class NeutralDriver(Driver):
    """The conversation layer directly, with or without buttons and editing."""

    def __init__(self, app: App, buttons: bool):
        super().__init__(app)
        self.name = "neutral-buttons" if buttons else "neutral-text"
        self.channel_name = "memory"
        self.buttons = buttons
        self.channel = MemoryChannel(Capabilities(buttons=buttons, editing=buttons))
        self.runtime = Runtime(app)
        self.runtime.add(self.channel)

    def _reply(self, chat: str, n: int, message: Outgoing) -> Reply:
        shown = self.channel.port.edits.get((chat, str(n + 1)), message)
        text = plain(shown.lines)
        buttons = [(o.label, o.action) for row in shown.options for o in row]
        picks = [label for label, action in buttons if action.startswith("p:")] or numbered_picks(text)
        return Reply(text, picks, buttons, (chat, str(n + 1)))

    async def say(self, user: str, text: str, expect: int = 1) -> list[Reply]:
        port = self.channel.port
        before = len(port.chats.get(user, []))
        await self.runtime.conversation.handle(Incoming("memory", user, user, text), port)  # every reply sent
        assert len(port.chats.get(user, [])) >= before + expect
        return [self._reply(user, n, m) for n, m in enumerate(port.chats[user]) if n >= before]

    def inbox(self, user: str) -> list[str]:
        return [self._reply(user, n, m).text for n, m in enumerate(self.channel.port.chats.get(user, []))]

    async def _press(self, user: str, reply: Reply, action: str):
        return await self.runtime.conversation.press(Press("memory", user, user, action, reply.ref[1]),
                                                     self.channel.port)

    async def press(self, user: str, reply: Reply, action: str, expect: int) -> list[Reply]:
        port = self.channel.port
        before = len(port.chats.get(user, []))
        await self._press(user, reply, action)
        await until(lambda: len(port.chats.get(user, [])) >= before + expect, WAIT_SECONDS)
        return [self._reply(user, n, m) for n, m in enumerate(port.chats[user]) if n >= before]

    async def toast(self, user: str, reply: Reply, action: str) -> str:
        return (await self._press(user, reply, action)).toast

    async def press_status(self, user: str, reply: Reply, action: str) -> str:
        result = await self._press(user, reply, action)
        edited = self.channel.port.edits.get(reply.ref)
        return result.toast or (plain(edited.lines) if edited else "")


# ---------------------------------------------------------------- terminal


class _Keyboard:
    """stdin for the terminal channel: lines typed by the test."""

    def __init__(self) -> None:
        self.lines: "queue.Queue[str]" = queue.Queue()

    def readline(self) -> str:
        return self.lines.get()


class _Screen(io.TextIOBase):
    """stdout for the terminal channel: every write kept in order."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return len(text)

    def messages(self) -> list[str]:
        return [w[len(terminal.BOT):].rstrip("\n") for w in self.writes if w.startswith(terminal.BOT)]


class TerminalDriver(Driver):
    """The terminal channel on the runtime, typed into line by line; one person, who is an admin."""

    name = channel_name = "terminal"
    single_user = True

    def __init__(self, app: App):
        admins = {**app.config.admins, "terminal": frozenset({terminal.user()})}
        super().__init__(dataclasses.replace(app, config=dataclasses.replace(app.config, admins=admins)))
        self.keyboard, self.screen = _Keyboard(), _Screen()
        self.runtime = Runtime(self.app, flood=False)
        self.runtime.add(terminal.TerminalChannel(self.runtime.conversation, self.keyboard, self.screen,
                                                  self.runtime.stop))
        self.handled = Handled(self.runtime.conversation)

    def chat_of(self, user: str) -> str:
        return terminal.CHAT

    async def stop(self) -> None:
        self.keyboard.lines.put("")  # EOF: the reading thread ends
        await super().stop()

    async def say(self, user: str, text: str, expect: int = 1) -> list[Reply]:
        before, handled = len(self.screen.messages()), self.handled.count
        self.keyboard.lines.put(text + "\n")
        await until(lambda: self.handled.count > handled, WAIT_SECONDS)
        assert len(self.screen.messages()) >= before + expect
        return [Reply(t, numbered_picks(t)) for t in self.screen.messages()[before:]]

    def inbox(self, user: str) -> list[str]:
        return self.screen.messages()


# ---------------------------------------------------------------- Telegram


class PlatformDriver(Driver):
    """A chat platform's channel on the runtime against its fake server."""

    start_seconds = 15.0  # connecting to the fake server

    def __init__(self, app: App, fake):
        super().__init__(app)
        self.fake = fake
        self.runtime = Runtime(app)
        self.runtime.add_platforms([self.name], ENV)
        self.handled = Handled(self.runtime.conversation)


class TelegramDriver(PlatformDriver):
    """The Telegram channel against the fake Bot API server; users' ids are numbers."""

    name = channel_name = "telegram"
    buttons = True
    fake: FakeTelegram

    def _reply(self, message: dict) -> Reply:
        text = from_html(message["text"])
        buttons = [(b["text"], b["callback_data"]) for row in (message.get("reply_markup") or {})
                   .get("inline_keyboard", []) for b in row]
        picks = [label for label, action in buttons if action.startswith("p:")] or numbered_picks(text)
        return Reply(text, picks, buttons, message)

    async def _wait(self, chat: int, before: int, handled: int, expect: int) -> list[Reply]:
        await until(lambda: self.handled.count > handled, WAIT_SECONDS)
        assert len(self.fake.sent_to(chat)) >= before + expect
        return [self._reply(m) for m in self.fake.sent_to(chat)[before:]]

    async def say(self, user: str, text: str, expect: int = 1) -> list[Reply]:
        chat = int(user)
        before, handled = len(self.fake.sent_to(chat)), self.handled.count
        self.fake.push(self.fake.message(text, chat_id=chat, user_id=chat))
        return await self._wait(chat, before, handled, expect)

    def inbox(self, user: str) -> list[str]:
        return [from_html(m["text"]) for m in self.fake.sent_to(int(user))]

    def _callback(self, user: str, reply: Reply, action: str) -> None:
        self.fake.push(self.fake.callback(action, chat_id=int(user), user_id=int(user),
                                          message_id=reply.ref["message_id"]))

    async def press(self, user: str, reply: Reply, action: str, expect: int) -> list[Reply]:
        before, handled = len(self.fake.sent_to(int(user))), self.handled.count
        self._callback(user, reply, action)
        return await self._wait(int(user), before, handled, expect)

    async def toast(self, user: str, reply: Reply, action: str) -> str:
        before = len(self.fake.callback_answers)
        self._callback(user, reply, action)
        await until(lambda: len(self.fake.callback_answers) > before, WAIT_SECONDS)
        return self.fake.callback_answers[before].get("text", "")

    async def press_status(self, user: str, reply: Reply, action: str) -> str:
        before = len(self.fake.callback_answers)
        self._callback(user, reply, action)
        await until(lambda: len(self.fake.callback_answers) > before, WAIT_SECONDS)
        answer = self.fake.callback_answers[before].get("text", "")
        if answer:
            return answer
        message_id = reply.ref["message_id"]
        await until(lambda: any(m == message_id for _, m, _ in self.fake.edits), WAIT_SECONDS)
        return from_html([t for _, m, t in self.fake.edits if m == message_id][0])


# ---------------------------------------------------------------- Zalo


class ZaloDriver(PlatformDriver):
    """The Zalo channel against the fake Zalo Bot API server; plain text, string ids."""

    name = channel_name = "zalo"
    fake: FakeZalo

    async def say(self, user: str, text: str, expect: int = 1) -> list[Reply]:
        before, handled = len(self.fake.sent_to(user)), self.handled.count
        self.fake.push(self.fake.message(text, user_id=user))
        await until(lambda: self.handled.count > handled, WAIT_SECONDS)
        assert len(self.fake.sent_to(user)) >= before + expect
        return [Reply(m["text"], numbered_picks(m["text"])) for m in self.fake.sent_to(user)[before:]]

    def inbox(self, user: str) -> list[str]:
        return [m["text"] for m in self.fake.sent_to(user)]
