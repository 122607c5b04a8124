"""The Zalo channel: Zalo Bot Platform updates (long polling or webhook) translated into neutral messages for
the conversation, and its replies into plain-text sendMessage calls of at most 2000 characters. The only
module that knows Zalo's update format."""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import secrets
import time
from collections import OrderedDict
from dataclasses import replace
from typing import AsyncIterator

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler, stream_request_body

from bot.service import delivery
from bot.service.app import App
from bot.service.config import Config, ZaloSettings
from bot.engine.render import plain
from handlers.conversation import Conversation
from channels.base import (FAIL, INFO, OK, Capabilities, Check, Incoming, Outgoing, SendResult, StartError,
                           probe_webhook)

from channels.zalo.client import (BAD_REQUEST, MAX_SECRET, MAYBE_SENT, MIN_SECRET, NOT_FOUND, NOT_SENT, QUOTA,
                                  SERVER_ERROR, UNAUTHORIZED, ZaloClient, ZaloError)

log = logging.getLogger(__name__)

NAME = "zalo"
TOKEN_ENV = "ZALO_BOT_TOKEN"
SECRET_ENV = "ZALO_WEBHOOK_SECRET"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_EVENT = "message.text.received"
MESSAGE_EVENT = re.compile(r"^message\.([a-z_]+)\.received$")
PRIVATE, GROUP = "PRIVATE", "GROUP"


def capabilities(settings: ZaloSettings) -> Capabilities:
    """What Zalo can do: plain text only, no buttons, no edits, string ids."""
    return Capabilities(max_length=settings.max_message_chars)


# ---------------------------------------------------------------- wire format


def result_of(error: ZaloError) -> SendResult:
    """A failed call as a delivery outcome: only what certainly did not leave is worth sending again.

    Zalo's error table defines 403 as "Internal server error" and 429 as "Quota exceeded" with no retry_after
    (https://bot.zapps.me/docs/error-code/): both are retried a bounded number of times like a 5xx, and no
    error ever unsubscribes a chat (the platform documents no "blocked by the user" answer)."""
    if error.reached == NOT_SENT:
        return SendResult(delivery.RETRY, error=str(error))
    if error.reached == MAYBE_SENT:
        return SendResult(delivery.UNSURE, error=str(error))
    if error.code in (SERVER_ERROR, QUOTA) or error.code >= 500:
        return SendResult(delivery.RETRY, error=str(error))  # the server answered: it did not take the message
    return SendResult(delivery.PERMANENT, error=str(error))


def _text(value: object) -> str:
    """A field as text ('' when absent); ids arrive as strings, but numbers are read too."""
    if isinstance(value, bool) or value is None:
        return ""
    return str(value) if isinstance(value, (str, int)) else ""


def unwrap(update: object) -> object:
    """The update itself: the webhook docs wrap it as {"ok": true, "result": {…}}, real deliveries come flat
    (OpenClaw, GoClaw); both are read."""
    if isinstance(update, dict) and isinstance(update.get("result"), dict) and "message" not in update:
        return update["result"]
    return update


def to_incoming(update: object, names: tuple[str, ...] | str, bot_id: str = "") -> tuple[str, Incoming | None]:
    """(message id, neutral message) of an update; (id, None) for what is not for the bot (a bot's message,
    the bot's own message echoed back by the platform, an event that is not a message); ids are '' when
    absent. `names` are the names a group message may address the bot by."""
    names = (names,) if isinstance(names, str) else names
    if not isinstance(update, dict):
        return "", None
    message = update.get("message") if isinstance(update.get("message"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    message_id, user_id = _text(message.get("message_id")), _text(sender.get("id"))
    chat_id = _text(chat.get("id")) or user_id
    event = MESSAGE_EVENT.match(_text(update.get("event_name")))
    if event is None or not chat_id or sender.get("is_bot") is True or (bot_id and user_id == bot_id):
        return message_id, None
    chat_type = _text(chat.get("chat_type")).upper()
    kind = "private" if chat_type in (PRIVATE, "") else "group" if chat_type == GROUP else "unknown"
    is_group = kind != "private"  # an unknown chat type is handled as a group: only admins may subscribe it
    title = _text(chat.get("display_name") or chat.get("name"))
    base = Incoming(NAME, chat_id, user_id, "", is_group, True, kind, title)
    text = message.get("text")
    if update.get("event_name") != TEXT_EVENT or not isinstance(text, str) or not text.strip():
        return message_id, replace(base, unsupported=event.group(1))
    if is_group:  # the platform delivers only messages that mention or quote the bot
        text = strip_mention(text, names)
    return message_id, replace(base, text=text)


def strip_mention(text: str, names: tuple[str, ...] | str) -> str:
    """'@Bot Hỏi Đáp CBCCVC có bao nhiêu …' -> 'có bao nhiêu …': the longest of the bot's names after '@'
    (its display name, which must start with "Bot", or its account name), else the first word after '@'."""
    names = (names,) if isinstance(names, str) else names
    stripped = text.lstrip()
    if not stripped.startswith("@"):
        return text
    rest = stripped[1:]
    for name in sorted((n for n in names if n), key=len, reverse=True):
        if rest.lower().startswith(name.lower()) and (len(rest) == len(name) or not rest[len(name)].isalnum()):
            return rest[len(name):].lstrip(" ,:")
    return re.sub(r"^@\S+[\s,:]*", "", stripped)


# ---------------------------------------------------------------- the port and the sender


class ZaloSender:
    """Delivers one broadcast message, its result translated for bot/service/broadcast.py."""

    channel = NAME

    def __init__(self, client: ZaloClient):
        self.client = client

    async def send(self, chat: str, text: str) -> SendResult:
        """One sendMessage; every failure becomes an outcome, nothing is raised."""
        try:
            sent = await self.client.send_message(chat, text)
        except ZaloError as error:
            return result_of(error)
        return SendResult(delivery.OK, message_id=_text(sent.get("message_id")) or None)


class ZaloPort:
    """How the conversation reaches Zalo chats."""

    channel = NAME

    def __init__(self, app: App, client: ZaloClient, settings: ZaloSettings):
        self.app, self.client, self.settings = app, client, settings
        self.sender = ZaloSender(client)  # one message part goes out as a broadcast message does
        self.capabilities = capabilities(settings)
        self.policy = delivery.RetryPolicy(settings.send_retries, settings.retry_backoff_seconds,
                                           settings.rate_limit_retries)

    async def send(self, chat_id: str, message: Outgoing) -> str | None:
        """Plain text, split on lines under the platform's limit (a picture cannot be sent: it is left out)."""
        lines = plain(message.lines).split("\n")
        parts = delivery.split(lines, self.settings.max_message_chars, delivery.cut_plain)
        parts = [p if p.strip() else "." for p in parts]  # the platform refuses empty text

        async def attempt(chat: str, part: str, last: bool) -> SendResult:
            return await self.sender.send(chat, part)

        # No Zalo error means "blocked" (403 is "Internal server error"): a failure never unsubscribes a chat.
        result = await delivery.deliver(chat_id, parts, attempt, self.policy, None, show=self.app.pseudonym)
        return result.message_id if result.outcome == delivery.OK else None

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> bool:
        """Zalo messages cannot be edited."""
        return False

    async def is_group_admin(self, chat_id: str, user_id: str) -> bool:
        """Zalo has no member-role lookup: the bot's admins (admins.zalo) administer its groups."""
        return self.app.is_admin(NAME, user_id)

    async def typing(self, chat_id: str) -> None:
        """Show that a slow reply is coming (best effort)."""
        try:
            await self.client.send_chat_action(chat_id)
        except ZaloError as error:
            log.debug("typing indicator failed in %s: %s", self.app.pseudonym(chat_id), error)


# ---------------------------------------------------------------- the channel


class ZaloChannel:
    """Zalo for the runtime: receives updates by long polling or webhook, hands them to the conversation."""

    name = NAME

    def __init__(self, app: App, conversation: Conversation, token: str, webhook_url: str | None = None,
                 webhook_secret: str = ""):
        self.app, self.conversation = app, conversation
        self.settings = app.config.zalo
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret or secrets.token_urlsafe(32)
        self.client = client_for(self.settings, token)
        self.port = ZaloPort(app, self.client, self.settings)
        self.names: tuple[str, ...] = (self.settings.bot_name,) if self.settings.bot_name else ()
        self.bot_id = ""
        self.registering = False  # while setWebhook runs, the platform's ping of the URL is answered 200
        self.last_ok: float | None = None  # time.time() of the last successful poll or webhook delivery
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._tasks: set[asyncio.Task] = set()
        self._poller: asyncio.Task | None = None
        self._server: HTTPServer | None = None

    @property
    def mode(self) -> str:
        """"webhook" or "polling"."""
        return "webhook" if self.webhook_url else "polling"

    def sender(self) -> ZaloSender:
        """How broadcasts reach Zalo chats."""
        return ZaloSender(self.client)

    async def start(self) -> None:
        """Check the token, then receive by webhook (with its secret) or long polling (raises StartError)."""
        if self.webhook_url and not MIN_SECRET <= len(self.webhook_secret) <= MAX_SECRET:
            raise StartError(f"{SECRET_ENV} must have {MIN_SECRET} to {MAX_SECRET} characters", retry=False)
        try:
            me = await self.client.get_me()
        except ZaloError as error:
            raise _start_error(error, self.settings.base_url) from None
        self.bot_id = _text(me.get("id"))
        # getMe's account_name is a handle ("bot.VDKyGxQvc"); people mention the display name ("@Bot …").
        found = (_text(me.get("display_name")), _text(me.get("account_name")))
        self.names = tuple(dict.fromkeys(n for n in (*self.names, *found) if n))
        if not self.settings.bot_name and not found[0] and me.get("can_join_groups") is not False:
            log.warning("zalo.bot_name is not set and getMe gives no display name: in groups, set it to the "
                        "bot's display name (\"Bot …\") so \"@Bot … question\" is read without the name")
        if self.webhook_url:
            await self._start_webhook()
        else:
            await self._start_polling()
        log.info("Zalo channel started (%s)", "webhook" if self.webhook_url else "long polling")

    async def _start_polling(self) -> None:
        """Drop any webhook (an error here is normal: with none set the platform answers 404 or 400), then poll."""
        try:
            await self.client.delete_webhook()
        except ZaloError as error:
            if error.code == UNAUTHORIZED:
                raise _start_error(error, self.settings.base_url) from None
            log.info("deleteWebhook: %s (normal when no webhook is set)", error)
        log.warning("Zalo runs by long polling, which the platform documents for development only; set "
                    "zalo.webhook_url (and %s) for production", SECRET_ENV)
        self.last_ok = time.time()  # getMe went through: counted as contact until the first poll returns
        self._poller = asyncio.get_running_loop().create_task(self._poll())

    async def _start_webhook(self) -> None:
        """Listen first, then register: the platform pings the URL when it is saved and needs a 200."""
        limit = self.settings.webhook_max_bytes
        server = HTTPServer(Application([(rf"/{re.escape(self.settings.webhook_path)}", _Webhook,
                                          {"channel": self})]), max_body_size=limit, max_buffer_size=limit)
        try:
            server.listen(self.settings.webhook_port, self.settings.webhook_listen)
        except OSError as error:
            raise StartError(f"cannot listen for the Zalo webhook on {self.settings.webhook_listen}:"
                             f"{self.settings.webhook_port} ({error.strerror})", retry=False) from None
        self._server = server
        self.registering = True
        try:
            await self.client.set_webhook(self.webhook_url, self.webhook_secret)
        except ZaloError as error:
            server.stop()
            self._server = None
            if error.code == BAD_REQUEST:
                raise StartError(f"Zalo refused the webhook {self.webhook_url} ({error})", retry=False) from None
            raise _start_error(error, self.settings.base_url) from None
        finally:
            self.registering = False
        self.last_ok = time.time()

    async def stop(self) -> None:
        """Stop receiving, let the replies in flight finish, disconnect."""
        if self._poller is not None:
            self._poller.cancel()
            await asyncio.gather(self._poller, return_exceptions=True)
        if self._server is not None:
            self._server.stop()
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=self.settings.request_timeout)
        await self.client.close()
        log.info("Zalo channel stopped")

    async def _poll(self) -> None:
        """Long polling: one update per call; an idle poll is not an error; failures (a 429 "quota exceeded"
        among them, which carries no retry_after) back off, doubling up to service.start_retry_max_seconds."""
        delay = self.settings.retry_backoff_seconds
        while True:
            try:
                updates = await self.client.get_updates()
            except ZaloError as error:
                log.warning("getUpdates failed (%s); trying again in %.3g s", error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.app.config.service.start_retry_max_seconds)
                continue
            delay = self.settings.retry_backoff_seconds
            self.last_ok = time.time()
            for update in updates:
                self.receive(update)

    def receive(self, update: object) -> None:
        """Hand one update to the conversation in its own task (polling goes on meanwhile)."""
        message_id, incoming = to_incoming(unwrap(update), self.names, self.bot_id)
        if message_id:
            if message_id in self._seen:
                log.info("dropped a duplicate delivery of message %s", message_id)
                return
            self._seen[message_id] = None
            while len(self._seen) > self.settings.dedupe_messages:
                self._seen.popitem(last=False)
        if incoming is None:
            return
        log.debug("zalo message from user %s in chat %s (%s)", self.app.pseudonym(incoming.user_id),
                  self.app.pseudonym(incoming.chat_id), incoming.chat_kind)
        task = asyncio.get_running_loop().create_task(self._handle(incoming))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, incoming: Incoming) -> None:
        """The one error handler: a failure is logged with its traceback, and the bot goes on."""
        try:
            await self.conversation.handle(incoming, self.port)
        except Exception:  # noqa: BLE001 - one message's failure must not stop the channel
            log.error("error while handling a Zalo message in chat %s", self.app.pseudonym(incoming.chat_id),
                      exc_info=True)


def _start_error(error: ZaloError, base_url: str) -> StartError:
    """A start-up failure: a refused token (401) or an address that is not the API (404) stop the service;
    anything else (the network, 403 "Internal server error", 5xx, 429) is tried again."""
    if error.code in (UNAUTHORIZED, NOT_FOUND):
        return StartError(f"Zalo refused the bot token ({TOKEN_ENV}), or {base_url} is not the Zalo Bot API "
                          f"({error})", retry=False)
    return StartError(f"cannot reach the Zalo Bot API at {base_url} ({error})", retry=True)


@stream_request_body
class _Webhook(RequestHandler):
    """POST /<webhook_path>: one update, accepted only with the right secret header. The secret and the
    announced length are checked before any of the body is read; a body is kept up to zalo.webhook_max_bytes."""

    def initialize(self, channel: ZaloChannel) -> None:
        self.channel = channel
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        """Refuse before reading: a wrong secret (403), a larger Content-Length than allowed (413)."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.channel.webhook_secret.encode()):
            # During setWebhook the platform pings the URL and needs a 200 (GoClaw acks it the same way).
            self.set_status(200 if self.channel.registering else 403)
            self.finish()
            return
        length = self.request.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.channel.settings.webhook_max_bytes:
            self.set_status(413)
            self.finish()  # a chunked body without a length is held to the same limit by tornado

    def data_received(self, chunk: bytes) -> None:
        """Keep the body (the length was checked in prepare; tornado enforces it too)."""
        if not self._finished:
            self.size += len(chunk)
            self.chunks.append(chunk)

    def post(self) -> None:
        """Parse and hand over; a body that is not JSON (or nests too deep to read) is a 400 and one log line."""
        try:
            update = json.loads(b"".join(self.chunks) or b"null")
        except (ValueError, RecursionError) as error:
            log.warning("refused a Zalo webhook body that is not readable JSON (%s)", type(error).__name__)
            self.set_status(400)
            return
        self.channel.last_ok = time.time()
        self.channel.receive(update)
        self.set_status(200)
        self.write({"message": "Success"})


def client_for(settings: ZaloSettings, token: str) -> ZaloClient:
    """The API client the channel and command-line broadcasts use."""
    return ZaloClient(token, settings.base_url, settings.request_timeout, settings.poll_timeout)


def create(app: App, conversation: Conversation, token: str, webhook_url: str | None = None,
           webhook_secret: str = "") -> ZaloChannel:
    """The Zalo channel for the runtime."""
    return ZaloChannel(app, conversation, token, webhook_url, webhook_secret)


@contextlib.asynccontextmanager
async def broadcast_sender(config: Config, token: str) -> AsyncIterator[ZaloSender]:
    """A broadcast sender for the command line, connected for as long as the block runs."""
    client = client_for(config.zalo, token)
    try:
        yield ZaloSender(client)
    finally:
        await client.close()


# ---------------------------------------------------------------- doctor



async def doctor(config: Config, token: str, send_to: str = "", service_running: bool = False,
                 text: str = "", webhook_secret: str = "") -> list[Check]:
    """Live checks against the Zalo Bot API with the real token: the token and the bot's names, the webhook
    state, whether updates can arrive, and optionally a test message. Never calls getUpdates: on Zalo each
    call hands out (and so takes) an update."""
    settings = config.zalo
    client = client_for(settings, token)
    checks: list[Check] = []
    try:
        try:
            me = await client.get_me()
        except ZaloError as error:
            return [(FAIL, f"token: {_start_error(error, settings.base_url)}")]
        display, account = _text(me.get("display_name")), _text(me.get("account_name"))
        checks.append((OK, f"token valid: bot {display or account or '?'} (account {account or '?'}, id "
                           f"{_text(me.get('id')) or '?'})"))
        if settings.bot_name or display:
            checks.append((INFO, f"in groups, \"@{settings.bot_name or display} …\" is read without the name"))
        else:
            checks.append((INFO, "zalo.bot_name is not set: in groups, set it to the bot's display name (\"Bot …\")"))
        try:
            current = _text((await client.get_webhook_info()).get("url"))
        except ZaloError as error:
            if error.code != NOT_FOUND:  # with no webhook set the platform answers 404 "Not Found"
                return checks + [(FAIL, f"webhook state: {error}")]
            current = ""
        if settings.webhook_url and not MIN_SECRET <= len(webhook_secret) <= MAX_SECRET:
            checks.append((FAIL, f"webhook mode needs {SECRET_ENV} of {MIN_SECRET} to {MAX_SECRET} characters"))
        checks += await _doctor_receiving(settings, current, service_running)
        if send_to:
            try:
                sent = await client.send_message(send_to, text or "Kiểm tra kết nối.")
                checks.append((OK, f"test message sent to {send_to} (message {_text(sent.get('message_id'))})"))
            except ZaloError as error:
                checks.append((FAIL, f"test message to {send_to}: {error}"))
    finally:
        await client.close()
    return checks


async def _doctor_receiving(settings: ZaloSettings, current: str, service_running: bool) -> list[Check]:
    """Whether updates can arrive: the webhook registered and reaching the bot, or none set for polling."""
    if not settings.webhook_url:
        if current:
            return [(INFO, f"a webhook is set ({current}); `serve` in polling mode removes it at start")]
        return [(OK, "no webhook set: long polling can receive (the platform documents it for development; "
                     "set zalo.webhook_url for production)")]
    checks: list[Check] = []
    if current == settings.webhook_url:
        checks.append((OK, f"webhook set to {current}"))
    elif service_running:
        checks.append((FAIL, f"webhook is {current or 'not set'}, not {settings.webhook_url}"))
    else:
        checks.append((INFO, f"webhook is {current or 'not set'}; `serve` registers {settings.webhook_url} at start"))
    return checks + [await probe_webhook(settings.webhook_url, settings.request_timeout, service_running)]
