"""The whole contract of a chat channel, in one file: read this to add a platform.

A channel translates its platform's wire format to and from the neutral messages the conversation speaks;
nothing outside a channel's own module knows its platform. The runtime (bot/runtime.py) starts channels by
name (channels/__init__.py MODULES); the conversation contract (tests/system/test_contract.py) is what a new
channel must pass, through a driver in tests/drivers.py and a fake server in tests/fakes/.

1. The module. A chat platform's module (listed in channels.PLATFORMS) provides:
   - NAME: the channel's name, as the question log, the audit log and `admins.<name>` in config.yaml call it;
   - TOKEN_ENV, SECRET_ENV: the environment variables holding its token and its webhook secret;
   - create(app, conversation, token, webhook_url, webhook_secret) -> Channel;
   - broadcast_sender(config, token): an async context manager yielding a Sender, for the command line.
   The terminal (channels/terminal.py) is a channel too, with no token and no server.

2. Channel: a running connection, as the runtime sees it: start (raising StartError), stop, its Port, and
   a Sender for broadcasts.

3. What comes in. The channel turns each update into an `Incoming` (a text, a command, a document as an
   `Attachment` fetched only if accepted, or `unsupported` for a picture or sticker) and awaits
   `conversation.handle(incoming, port)`; a button press becomes a `Press` and `conversation.press(press, port)`
   returns a PressResult (a short notice to show, whether to take the buttons away). Ids are strings on every
   platform. In a group, `addressed` says the bot was mentioned or replied to; the conversation ignores the
   rest of the chatter.

4. What goes out: the Port. The conversation replies through `port.send(chat_id, Outgoing)`; an `Outgoing`
   carries styled lines (plain, strong, quote: bot/engine/render.py), options (rows of `Option`s: buttons
   where the channel has them — the lines already say them otherwise), and maybe a photo or a document.
   `Capabilities` says what the channel can do: buttons, editing, files, and the longest message (longer
   replies are split on line boundaries). Every flow also works without the optional ones: numbered options
   typed back, "gửi"/"hủy" typed, a fresh status message instead of an edit.

5. Broadcasts: the Sender. `sender.send(chat, text) -> SendResult` delivers one broadcast message and
   translates the platform's answer into one of the outcomes of bot/service/delivery.py (OK, RETRY_AFTER,
   GONE, MIGRATED, RETRY, UNSURE, PERMANENT); pacing, retries and bookkeeping are the service's.

The neutral message types live in handlers/messages.py (the conversation, a lower layer, uses them too) and
the Sender in bot/service/broadcast.py (the broadcast service drives it); they are re-exported here so a
channel imports its whole contract from this module.
"""
from __future__ import annotations

from typing import Protocol

from bot.service.broadcast import Sender
from bot.service.delivery import SendResult
from handlers.messages import Attachment, Capabilities, Incoming, Option, Outgoing, Port, Press, PressResult

__all__ = ["Attachment", "Capabilities", "Channel", "Incoming", "Option", "Outgoing", "Port", "Press",
           "PressResult", "SendResult", "Sender", "StartError"]


class StartError(Exception):
    """A channel could not start. `retry`: trying again later may help (no network), or not (a wrong token)."""

    def __init__(self, message: str, retry: bool):
        super().__init__(message)
        self.retry = retry


class Channel(Protocol):
    """A running chat platform connection, as the runtime sees it."""

    name: str
    port: Port  # how the conversation replies in its chats

    async def start(self) -> None:
        """Connect and start receiving (raises StartError)."""

    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, disconnect."""

    def sender(self) -> Sender:
        """How broadcasts reach its chats."""


# ---------------------------------------------------------------- doctor (`python -m bot doctor`)

OK, FAIL, INFO = "ok", "FAIL", "info"
Check = tuple[str, str]  # (OK | FAIL | INFO, what was found)


async def probe_webhook(url: str, timeout: float, service_running: bool) -> Check:
    """Whether a public webhook URL reaches the bot: an unsigned request must get the bot's own 403."""
    import httpx  # only the doctor needs it here: `ask` starts without it
    try:
        async with httpx.AsyncClient(timeout=timeout) as http:
            answer = await http.post(url, content=b"{}")
    except httpx.HTTPError as error:
        return FAIL, f"webhook URL {url} not reachable ({type(error).__name__})"
    if answer.status_code == 403:
        return OK, f"webhook URL reaches the bot ({url} refused an unsigned request with 403, as it should)"
    hint = "" if service_running else "; is `python -m bot serve` running behind the proxy?"
    return FAIL, f"webhook URL {url} answered {answer.status_code}, not the bot's 403{hint}"
