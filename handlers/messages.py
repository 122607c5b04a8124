"""The neutral message model between channels and the conversation: what arrives, what goes out, and what a
channel can do. Nothing here knows a chat platform's wire format; channels/base.py tells a channel author how
these are used."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Awaitable, Callable, Protocol

from bot.engine.render import Line

if TYPE_CHECKING:
    from bot.engine.core import Answer


@dataclass(frozen=True)
class Capabilities:
    """What a channel can show and do; every flow also works without the optional ones (numbered options typed
    back, "gửi"/"hủy", a fresh status message instead of an edit)."""

    buttons: bool = False  # options as buttons pressed back
    editing: bool = False  # a sent message can be changed (broadcast progress)
    max_length: int = 4096  # characters in one message; longer replies are split on line boundaries
    files: bool = False  # documents can be received (knowledge uploads)


@dataclass(frozen=True)
class Attachment:
    """A file sent to the bot: its name, size, and how to fetch its bytes (only once accepted)."""

    name: str
    size: int
    fetch: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True)
class Incoming:
    """A message from any channel, reduced to what the conversation needs."""

    channel: str
    chat_id: str
    user_id: str
    text: str
    is_group: bool = False
    addressed: bool = True  # in a group: the bot was mentioned or replied to (a command always counts)
    chat_kind: str = "private"
    chat_title: str = ""
    attachment: Attachment | None = None  # a document
    unsupported: str = ""  # what arrived that is not text ("image", "sticker"): a short reply says so


@dataclass(frozen=True)
class Press:
    """A button pressed: the action the conversation attached to it."""

    channel: str
    chat_id: str
    user_id: str
    action: str
    message_id: str = ""  # the message that carried the button


@dataclass(frozen=True)
class Option:
    """A choice offered: a button, or a numbered line to type back; `action` is what choosing it does."""

    label: str
    action: str


@dataclass(frozen=True)
class Outgoing:
    """One message to send: styled lines, options (rows of buttons where the channel has them), a picture."""

    lines: tuple[Line, ...]
    options: tuple[tuple[Option, ...], ...] = ()  # shown as buttons; the lines already say them otherwise
    photo: bytes | None = None
    document: tuple[str, bytes] | None = None  # (file name, content), where the channel can send files
    answer: "Answer | None" = None  # the answer it carries, if any (for JSON and tests, not for the wire)
    question_id: int | None = None  # the logged question it answers (feedback refers to it)


@dataclass(frozen=True)
class PressResult:
    """What a channel shows when a button is pressed: a short notice, and whether to take the buttons away."""

    toast: str = ""
    drop_buttons: bool = False


class Port(Protocol):
    """What the conversation needs of a channel: its capabilities and a way to reach one of its chats."""

    channel: str
    capabilities: Capabilities

    async def send(self, chat_id: str, message: Outgoing) -> str | None:
        """Deliver a message; its id (of the last part), or None when it could not be delivered."""

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> bool:
        """Replace a sent message (only asked of channels that can edit); whether it worked."""

    async def is_group_admin(self, chat_id: str, user_id: str) -> bool:
        """Whether a user administers a group (may subscribe it to updates)."""

    async def typing(self, chat_id: str) -> None:
        """Show that a slow reply is on its way (where the channel can)."""


def split_command(text: str) -> tuple[str, str]:
    """'/hoi@bot abc' -> ('hoi', 'abc'); plain text -> ('', text)."""
    text = text.strip()
    if not text.startswith("/"):
        return "", text
    head, _, rest = text.partition(" ")
    return head[1:].split("@", 1)[0].lower(), rest.strip()
