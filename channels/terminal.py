"""The terminal channel: chat with the bot on the bundled knowledge, no account, no network. Plain text only:
choices are numbered and typed back, like on any channel without buttons."""
from __future__ import annotations

import asyncio
import getpass
import logging
import threading
from typing import Callable, Iterable, TextIO

from bot.service import delivery
from bot.service.app import App
from bot.engine.render import line, plain, to_json
from handlers.conversation import Conversation
from channels.base import Capabilities, Incoming, Outgoing, SendResult

log = logging.getLogger(__name__)
NAME = "terminal"
CHAT = "terminal"
PROMPT = "Bạn: "
BOT = "Bot: "
WELCOME = ("Trợ lý tra cứu cán bộ, công chức, viên chức. Gõ câu hỏi; /trogiup để xem hướng dẫn; "
           "Ctrl-D hoặc /thoat để thoát.")
QUIT = {"/thoat", "/quit", "/exit"}
NEW_CONVERSATION = "---"  # in `ask --conversation`: the next line starts a new conversation
CAPABILITIES = Capabilities(max_length=1_000_000)  # a terminal shows any length; nothing to split


class TerminalPort:
    """Writes the bot's messages to a text stream."""

    channel = NAME
    capabilities = CAPABILITIES

    def __init__(self, out: TextIO):
        self.out = out
        self.count = 0
        self.prompting = False  # the prompt is on screen, waiting for a line: a message printed now redraws it

    async def send(self, chat_id: str, message: Outgoing) -> str | None:
        """Print a message (a picture cannot be shown here: it is left out); one arriving while the prompt
        waits (a broadcast, its progress) goes on its own line and the prompt is drawn again under it."""
        self.count += 1
        if self.prompting:
            self.out.write("\n")
        self.out.write(BOT + plain(message.lines) + "\n")
        if self.prompting:
            self.out.write(PROMPT)
        self.out.flush()
        return str(self.count)

    def prompt(self) -> None:
        """Draw the prompt and wait for a line."""
        self.out.write(PROMPT)
        self.out.flush()
        self.prompting = True

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> bool:
        """A terminal cannot change what it printed."""
        return False

    async def is_group_admin(self, chat_id: str, user_id: str) -> bool:
        """There are no groups here."""
        return False

    async def typing(self, chat_id: str) -> None:
        """Nothing to show: the terminal waits visibly."""


class TerminalSender:
    """Broadcasts to the terminal's own subscription: printed like any message."""

    channel = NAME

    def __init__(self, port: TerminalPort):
        self.port = port

    async def send(self, chat: str, text: str) -> SendResult:
        """Print the broadcast."""
        message_id = await self.port.send(chat, Outgoing(tuple(line(t) for t in text.split("\n"))))
        return SendResult(delivery.OK, message_id=message_id)


class TerminalChannel:
    """The terminal as a channel of the runtime: a line read is a message; EOF or /thoat stops the runtime."""

    name = NAME

    def __init__(self, conversation: Conversation, stdin: TextIO, stdout: TextIO, on_end: Callable[[], None]):
        self.conversation, self.stdin, self.stdout, self.on_end = conversation, stdin, stdout, on_end
        self.port = TerminalPort(stdout)
        self.user = user()
        self.closed = False  # stdout's reader went away
        self._loop_task: asyncio.Task | None = None

    def sender(self) -> TerminalSender:
        """Broadcasts print here."""
        return TerminalSender(self.port)

    async def start(self) -> None:
        """Greet and start reading lines."""
        self.stdout.write(WELCOME + "\n")
        self._loop_task = asyncio.get_running_loop().create_task(self._read())

    async def stop(self) -> None:
        """Stop reading (the reading thread ends with the process)."""
        if self._loop_task is not None:
            self._loop_task.cancel()
            await asyncio.gather(self._loop_task, return_exceptions=True)

    async def _read(self) -> None:
        """Prompt, read a line, let the conversation answer; until EOF, /thoat, or the screen going away
        (`chat | head -1`: nobody reads the answers any more)."""
        lines = _lines(self.stdin)
        try:
            while True:
                self.port.prompt()
                text = await lines.get()
                self.port.prompting = False
                if text is None or text.strip().lower() in QUIT:
                    if text is None:
                        self.stdout.write("\n")
                        self.stdout.flush()
                    break
                await self._handle(text.strip())
        except (BrokenPipeError, ValueError):  # stdout closed by its reader (ValueError: closed file)
            self.closed = True
        finally:
            self.on_end()


    async def _handle(self, text: str) -> None:
        """One line through the conversation; a failure of the bot is logged and the chat goes on (only a closed
        screen ends it)."""
        try:
            await self.conversation.handle(Incoming(NAME, CHAT, self.user, text), self.port)
        except BrokenPipeError:
            raise
        except Exception:  # one message must never end the chat
            if self.stdout.closed:
                raise  # ValueError on a closed file: the reader went away
            log.exception("could not answer a line of the terminal chat")


def _lines(stdin: TextIO) -> "asyncio.Queue[str | None]":
    """Lines of a stream, read by a daemon thread (a blocked read never holds up the process's exit)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        while True:
            try:
                text = stdin.readline()
            except (OSError, ValueError):
                text = ""
            try:
                loop.call_soon_threadsafe(queue.put_nowait, text or None)
            except RuntimeError:  # the chat ended while this thread waited for a line
                return
            if not text:
                return

    threading.Thread(target=read, name="terminal-input", daemon=True).start()
    return queue


def user() -> str:
    """Who is at the terminal (admins.terminal in config.yaml lists who may use admin commands here)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "terminal"


class Recorder(TerminalPort):
    """A port that keeps what the conversation sends, for `ask --conversation`."""

    channel = "cli"

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    async def send(self, chat_id: str, message: Outgoing) -> str | None:
        """Keep the message."""
        self.sent.append(message)
        return str(len(self.sent))


def turn_json(text: str, sent: list[Outgoing]) -> dict:
    """One turn of `ask --conversation` as the `ask --json` record: the answer it carried, else its text."""
    answers = [m.answer for m in sent if m.answer is not None]
    if answers:
        return {**to_json(answers[-1]), "question": text}
    return {"question": text, "answered": False, "outcome": "message",
            "answer": "\n".join(plain(m.lines) for m in sent), "score": 0.0, "fact_id": None, "sources": [],
            "suggestions": [], "why": {}}


async def converse(app: App, lines: Iterable[str], emit: Callable[[dict], None]) -> None:
    """The lines are the turns of one conversation; a line `---` starts a new one (and emits nothing)."""
    conversation = Conversation(app, flood=False)
    port = Recorder()
    for raw in lines:
        text = raw.rstrip("\r\n")
        incoming = Incoming(port.channel, CHAT, "cli", text)
        if text.strip() == NEW_CONVERSATION:
            conversation.memory.forget(conversation.memory.key(incoming))
            continue
        port.sent.clear()
        await conversation.handle(incoming, port)
        emit(turn_json(text, list(port.sent)))
