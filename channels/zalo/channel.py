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
from collections import OrderedDict
from dataclasses import replace
from typing import AsyncIterator

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.service import delivery
from bot.service.app import App, store_call
from bot.service.config import Config, ZaloSettings
from bot.engine.render import plain
from handlers.conversation import Conversation
from channels.base import Capabilities, Incoming, Outgoing, SendResult, StartError

from channels.zalo.client import MAX_SECRET, MAYBE_SENT, MIN_SECRET, NOT_SENT, ZaloClient, ZaloError

log = logging.getLogger(__name__)

NAME = "zalo"
TOKEN_ENV = "ZALO_BOT_TOKEN"
SECRET_ENV = "ZALO_WEBHOOK_SECRET"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
TEXT_EVENT = "message.text.received"
MESSAGE_EVENT = re.compile(r"^message\.([a-z_]+)\.received$")
GROUP = "GROUP"
UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY = 401, 403, 404, 429


def capabilities(settings: ZaloSettings) -> Capabilities:
    """What Zalo can do: plain text only, no buttons, no edits, string ids."""
    return Capabilities(max_length=settings.max_message_chars)


# ---------------------------------------------------------------- wire format


def result_of(error: ZaloError) -> SendResult:
    """A failed call as a delivery outcome: only what certainly did not leave is worth sending again."""
    if error.reached == NOT_SENT:
        return SendResult(delivery.RETRY, error=str(error))
    if error.reached == MAYBE_SENT:
        return SendResult(delivery.UNSURE, error=str(error))
    if error.code == TOO_MANY:
        return SendResult(delivery.RETRY_AFTER, retry_after=error.retry_after or 1.0, error=str(error))
    if error.code >= 500:
        return SendResult(delivery.RETRY, error=str(error))  # the server answered: it did not take the message
    if error.code == FORBIDDEN:
        return SendResult(delivery.GONE, error=str(error))
    return SendResult(delivery.PERMANENT, error=str(error))


def _text(value: object) -> str:
    """A field as text ('' when absent); ids arrive as strings, but numbers are read too."""
    if isinstance(value, bool) or value is None:
        return ""
    return str(value) if isinstance(value, (str, int)) else ""


def to_incoming(update: object, bot_name: str) -> tuple[str, Incoming | None]:
    """(message id, neutral message) of an update; (id, None) for what is not for the bot (a bot's message,
    an event that is not a message); ids are '' when absent."""
    if not isinstance(update, dict):
        return "", None
    message = update.get("message") if isinstance(update.get("message"), dict) else {}
    sender = message.get("from") if isinstance(message.get("from"), dict) else {}
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    message_id, user_id = _text(message.get("message_id")), _text(sender.get("id"))
    chat_id = _text(chat.get("id")) or user_id
    event = MESSAGE_EVENT.match(_text(update.get("event_name")))
    if event is None or not chat_id or sender.get("is_bot") is True:
        return message_id, None
    is_group = _text(chat.get("chat_type")).upper() == GROUP
    title = _text(chat.get("display_name") or chat.get("name"))
    base = Incoming(NAME, chat_id, user_id, "", is_group, True, "group" if is_group else "private", title)
    text = message.get("text")
    if update.get("event_name") != TEXT_EVENT or not isinstance(text, str) or not text.strip():
        return message_id, replace(base, unsupported=event.group(1))
    if is_group:  # the platform delivers only messages that mention or quote the bot
        text = strip_mention(text, bot_name)
    return message_id, replace(base, text=text)


def strip_mention(text: str, bot_name: str) -> str:
    """'@Trợ lý CBCCVC có bao nhiêu …' -> 'có bao nhiêu …' (the bot's name, else the first word after '@')."""
    stripped = text.lstrip()
    if not stripped.startswith("@"):
        return text
    if bot_name and stripped[1:].lower().startswith(bot_name.lower()):
        return stripped[1 + len(bot_name):].lstrip(" ,:")
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

        result = await delivery.deliver(chat_id, parts, attempt, self.policy, self._gone, show=self.app.pseudonym)
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

    async def _gone(self, chat: str) -> None:
        """The bot was blocked or removed: that chat's subscription stops."""
        await store_call(self.app, "unsubscribe", NAME, chat)


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
        self.bot_name = self.settings.bot_name
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._tasks: set[asyncio.Task] = set()
        self._poller: asyncio.Task | None = None
        self._server: HTTPServer | None = None

    def sender(self) -> ZaloSender:
        """How broadcasts reach Zalo chats."""
        return ZaloSender(self.client)

    async def start(self) -> None:
        """Check the token, then receive by webhook (with its secret) or long polling (raises StartError)."""
        if self.webhook_url and not MIN_SECRET <= len(self.webhook_secret) <= MAX_SECRET:
            raise StartError(f"{SECRET_ENV} must have {MIN_SECRET} to {MAX_SECRET} characters", retry=False)
        try:
            me = await self.client.get_me()
            if self.webhook_url:
                await self.client.set_webhook(self.webhook_url, self.webhook_secret)
            else:
                await self.client.delete_webhook()
        except ZaloError as error:
            if error.code in (UNAUTHORIZED, FORBIDDEN, NOT_FOUND):
                raise StartError(f"Zalo refused the bot token ({TOKEN_ENV}), or {self.settings.base_url} is not "
                                 "the Zalo Bot API", retry=False) from None
            raise StartError(f"cannot reach the Zalo Bot API at {self.settings.base_url} ({error})",
                             retry=True) from None
        self.bot_name = self.bot_name or _text(me.get("account_name") or me.get("display_name") or me.get("name"))
        if self.webhook_url:
            self._server = HTTPServer(Application([(rf"/{re.escape(self.settings.webhook_path)}", _Webhook,
                                                    {"channel": self})]))
            self._server.listen(self.settings.webhook_port, self.settings.webhook_listen)
        else:
            self._poller = asyncio.get_running_loop().create_task(self._poll())
        log.info("Zalo channel started (%s)", "webhook" if self.webhook_url else "long polling")

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
        """Long polling: one update per call; an idle poll is not an error; failures back off."""
        delay = self.settings.retry_backoff_seconds
        while True:
            try:
                updates = await self.client.get_updates()
            except ZaloError as error:
                wait = error.retry_after if error.code == TOO_MANY and error.retry_after else delay
                log.warning("getUpdates failed (%s); trying again in %.3g s", error, wait)
                await asyncio.sleep(wait)
                delay = min(delay * 2, self.app.config.service.start_retry_max_seconds)
                continue
            delay = self.settings.retry_backoff_seconds
            for update in updates:
                self.receive(update)

    def receive(self, update: object) -> None:
        """Hand one update to the conversation in its own task (polling goes on meanwhile)."""
        message_id, incoming = to_incoming(update, self.bot_name)
        if message_id:
            if message_id in self._seen:
                log.info("dropped a duplicate delivery of message %s", message_id)
                return
            self._seen[message_id] = None
            while len(self._seen) > self.settings.dedupe_messages:
                self._seen.popitem(last=False)
        if incoming is None:
            return
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


class _Webhook(RequestHandler):
    """POST /<webhook_path>: one update, accepted only with the right secret header."""

    def initialize(self, channel: ZaloChannel) -> None:
        self.channel = channel

    def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.channel.webhook_secret.encode()):
            self.set_status(403)
            return
        try:
            update = json.loads(self.request.body or b"null")
        except ValueError:
            self.set_status(400)
            return
        if isinstance(update, dict) and isinstance(update.get("result"), dict) and "message" not in update:
            update = update["result"]  # tolerate the update wrapped in the API envelope
        self.channel.receive(update)
        self.set_status(200)


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
