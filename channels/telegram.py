"""The Telegram channel: python-telegram-bot translating updates into neutral events for the conversation, and
the conversation's messages into Telegram HTML, inline keyboards and Bot API calls. The only module that knows
python-telegram-bot."""
from __future__ import annotations

import contextlib
import html
import logging
import re
import secrets
import time
from typing import AsyncIterator

import httpx
from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType, ParseMode
from telegram.error import (BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter,
                            TelegramError, TimedOut)
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, CallbackQueryHandler, ContextTypes
from telegram.ext import ChatMemberHandler, ExtBot, MessageHandler, filters
from telegram.request import HTTPXRequest

from bot.service import delivery
from bot.service.app import App, store_call
from bot.service.config import Config, TelegramSettings
from bot.engine.render import QUOTE, STRONG, Line
from handlers import commands
from handlers.conversation import Conversation
from channels.base import (FAIL, INFO, OK, Attachment, Capabilities, Check, Incoming, Option, Outgoing, Press,
                           SendResult, StartError, probe_webhook)

log = logging.getLogger(__name__)

NAME = "telegram"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
MAX_CALLBACK_BYTES = 64
# python-telegram-bot 22.8 makes no retries of its start-up deleteWebhook/setWebhook by default
# (telegram/ext/_updater.py bootstrap_retries=0); a blip there must not stop the service.
BOOTSTRAP_RETRIES = 3
# setWebhook's secret_token: 1-256 of A-Z a-z 0-9 _ - (https://core.telegram.org/bots/api#setwebhook).
SECRET_FORM = re.compile(r"[A-Za-z0-9_-]{1,256}")
GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}
ADMINS = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}
GONE_STATUSES = {ChatMemberStatus.LEFT, ChatMemberStatus.BANNED}
_NOT_SENT = (httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ConnectError)  # the request never left


def capabilities(settings: TelegramSettings) -> Capabilities:
    """What Telegram can do."""
    return Capabilities(buttons=True, editing=True, max_length=settings.max_message_chars, files=True)


# ---------------------------------------------------------------- wire format


def render(lines: tuple[Line, ...]) -> list[str]:
    """Styled lines as Telegram HTML, one string per line, every inserted string escaped."""
    out = []
    for spans in lines:
        parts = []
        for span in spans:
            text = html.escape(span.text)
            parts.append(f"<b>{text}</b>" if span.style == STRONG else
                         f"<blockquote>{text}</blockquote>" if span.style == QUOTE else text)
        out.append("".join(parts))
    return out


def cut_html(line: str, limit: int) -> list[str]:
    """A line too long for one message, as escaped plain text in pieces that stay under the limit."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", line))
    step = max(1, limit // len("&amp;"))  # escaping can grow a piece at most this much
    return [html.escape(plain[i:i + step], quote=False) for i in range(0, len(plain), step)]


def split_message(text: str, limit: int) -> list[str]:
    """HTML text cut into messages of at most `limit` characters on line boundaries."""
    return delivery.split(text.split("\n"), limit, cut_html)


def keyboard(rows: tuple[tuple[Option, ...], ...], max_label: int) -> InlineKeyboardMarkup | None:
    """Options as inline buttons (an action too long for Telegram's 64-byte callback data is left out)."""
    out = []
    for row in rows:
        buttons = [InlineKeyboardButton(o.label if len(o.label) <= max_label else o.label[: max_label - 1] + "…",
                                        callback_data=o.action)
                   for o in row if len(o.action.encode()) <= MAX_CALLBACK_BYTES]
        if buttons:
            out.append(buttons)
    return InlineKeyboardMarkup(out) if out else None


def result_of(error: Exception) -> SendResult:
    """A Bot API failure as a delivery outcome: only what certainly did not leave is worth sending again."""
    if isinstance(error, RetryAfter):
        wait = error.retry_after
        return SendResult(delivery.RETRY_AFTER, retry_after=float(getattr(wait, "total_seconds", lambda: wait)()))
    if isinstance(error, Forbidden):
        return SendResult(delivery.GONE, error=str(error))
    if isinstance(error, ChatMigrated):
        return SendResult(delivery.MIGRATED, new_chat=str(error.new_chat_id))
    if isinstance(error, (BadRequest, InvalidToken)):
        return SendResult(delivery.PERMANENT, error=str(error))
    if isinstance(error, NetworkError):
        cause = error.__cause__
        if isinstance(cause, _NOT_SENT):
            return SendResult(delivery.RETRY, error=f"{type(cause).__name__}")
        if cause is None and not isinstance(error, TimedOut):
            return SendResult(delivery.RETRY, error=str(error))  # the server answered with an error (5xx)
        return SendResult(delivery.UNSURE, error=f"{type(cause or error).__name__}: {error}")
    return SendResult(delivery.PERMANENT, error=str(error))


class TolerantBot(ExtBot):
    """ExtBot that survives an update it cannot read.

    python-telegram-bot parses a getUpdates batch as a whole; one unreadable update fails the batch, the
    offset never moves and the same batch is fetched forever. Only then, this reads the batch again one
    update at a time, logs and skips what cannot be read, keeping its id so polling moves past it.
    """

    _last_ok: float | None = None  # time.time() of the last contact (a leading "_": the bot is frozen)

    async def get_updates(self, offset=None, limit=None, timeout=None, allowed_updates=None, **kwargs):
        try:
            updates = await super().get_updates(offset, limit, timeout, allowed_updates, **kwargs)
        except TelegramError:
            raise
        except Exception:  # noqa: BLE001 - whatever the parser raised, the fallback below handles the batch
            raw = await self._post("getUpdates", {"offset": offset, "limit": limit, "timeout": 0,
                                                  "allowed_updates": allowed_updates})
            updates = tuple(u for u in (self._read_one(item) for item in raw) if u is not None)
        self.mark_contact()
        return updates

    def mark_contact(self) -> None:
        """The Bot API answered: for /healthz."""
        self._last_ok = time.time()

    def _read_one(self, item: dict) -> Update | None:
        """One update, or an empty placeholder with its id when it cannot be read."""
        try:
            return Update.de_json(item, self)
        except Exception:  # noqa: BLE001 - an unreadable update is logged and skipped, never fatal
            log.error("skipped an update that could not be read (id %r)", item.get("update_id")
                      if isinstance(item, dict) else None, exc_info=True)
            update_id = item.get("update_id") if isinstance(item, dict) else None
            return Update(update_id=int(update_id)) if isinstance(update_id, int) else None


# ---------------------------------------------------------------- the port and the sender


class TelegramPort:
    """How the conversation reaches Telegram chats."""

    channel = NAME

    def __init__(self, app: App, bot, settings: TelegramSettings):
        self.app, self.bot, self.settings = app, bot, settings
        self.capabilities = capabilities(settings)
        self.policy = delivery.RetryPolicy(settings.send_retries, settings.retry_backoff_seconds,
                                           settings.rate_limit_retries)

    async def send(self, chat_id: str, message: Outgoing) -> str | None:
        """Send HTML split on lines if long, buttons on the last part, then the picture if there is one."""
        markup = keyboard(message.options, self.settings.max_button_chars)
        parts = delivery.split(render(message.lines), self.settings.max_message_chars, cut_html)

        async def attempt(chat: str, part: str, last: bool) -> SendResult:
            try:
                sent = await self.bot.send_message(int(chat), part, parse_mode=ParseMode.HTML,
                                                   reply_markup=markup if last else None)
            except TelegramError as error:
                return result_of(error)
            return SendResult(delivery.OK, message_id=str(sent.message_id))

        result = await delivery.deliver(chat_id, parts, attempt, self.policy, self._gone, self._moved,
                                        show=self.app.pseudonym)
        if message.photo and result.outcome == delivery.OK:
            try:
                await self.bot.send_photo(int(result.chat), photo=message.photo)
            except TelegramError as error:
                log.error("could not send a picture to %s: %s", self.app.pseudonym(result.chat), error)
        if message.document and result.outcome == delivery.OK:
            name, content = message.document
            try:
                await self.bot.send_document(int(result.chat), document=content, filename=name)
            except TelegramError as error:
                log.error("could not send a file to %s: %s", self.app.pseudonym(result.chat), error)
        return result.message_id

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> bool:
        """Replace a sent message's text (and buttons); too long, it keeps its first part, cut between lines
        or as escaped text, never inside a tag."""
        text = split_message("\n".join(render(message.lines)), self.settings.max_message_chars)[0]
        try:
            await self.bot.edit_message_text(text, chat_id=int(chat_id), message_id=int(message_id),
                                             parse_mode=ParseMode.HTML,
                                             reply_markup=keyboard(message.options, self.settings.max_button_chars))
        except TelegramError as error:
            log.info("could not update message %s in %s: %s", message_id, self.app.pseudonym(chat_id), error)
            return False
        return True

    async def is_group_admin(self, chat_id: str, user_id: str) -> bool:
        """Whether the sender administers the group (asked of Telegram each time: roles change)."""
        try:
            member = await self.bot.get_chat_member(int(chat_id), int(user_id))
        except TelegramError as error:
            log.warning("could not check admin rights in %s: %s", self.app.pseudonym(chat_id), error)
            return False
        return member.status in ADMINS

    async def typing(self, chat_id: str) -> None:
        """Show "typing…" while a slow reply is prepared (best effort)."""
        try:
            await self.bot.send_chat_action(int(chat_id), ChatAction.TYPING)
        except TelegramError as error:
            log.debug("typing indicator failed in %s: %s", self.app.pseudonym(chat_id), error)

    async def _gone(self, chat: str) -> None:
        """The bot was blocked or removed: that chat's subscription stops."""
        await store_call(self.app, "unsubscribe", NAME, chat)

    async def _moved(self, old: str, new: str) -> None:
        """A group became a supergroup: its subscription follows the new id."""
        await store_call(self.app, "move_chat", NAME, old, new)


class TelegramSender:
    """Delivers one broadcast message through the Bot API, its result translated for bot/service/broadcast.py."""

    channel = NAME

    def __init__(self, bot):
        self.bot = bot

    async def send(self, chat: str, text: str) -> SendResult:
        """One sendMessage; every failure becomes an outcome, nothing is raised."""
        try:
            message = await self.bot.send_message(int(chat), html.escape(text), parse_mode=ParseMode.HTML)
        except TelegramError as error:
            return result_of(error)
        return SendResult(delivery.OK, message_id=str(message.message_id))


# ---------------------------------------------------------------- updates in


def to_incoming(update: Update, bot_id: int, username: str) -> Incoming | None:
    """The channel-neutral message, or None for what is not for this bot (another bot's command)."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None or message.text is None:
        return None
    text = message.text
    is_group = chat.type in GROUPS
    addressed = not is_group
    mention = re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE) if username else None
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first.startswith("/") and "@" in first and (not username or first.split("@", 1)[1].lower() != username.lower()):
        return None
    if is_group and mention is not None and mention.search(text):
        addressed, text = True, mention.sub(" ", text).strip()
    replied = message.reply_to_message
    if is_group and replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        addressed = True
    return Incoming(NAME, str(chat.id), str(user.id) if user else "", text, is_group, addressed, chat.type,
                    chat.title or "")


def _channel(context: ContextTypes.DEFAULT_TYPE) -> "TelegramChannel":
    return context.bot_data["channel"]


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message or command."""
    incoming = to_incoming(update, context.bot.id, context.bot.username)
    if incoming is not None:
        channel = _channel(context)
        await channel.conversation.handle(incoming, channel.port)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A picture, sticker or other non-text message in a private chat: the bot reads text only."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type in GROUPS:
        return
    channel = _channel(context)
    await channel.conversation.handle(Incoming(NAME, str(chat.id), str(user.id), "", unsupported="media"),
                                      channel.port)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent to the bot: an admin's knowledge file (fetched only once the conversation accepts it)."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None or user is None or message.document is None:
        return
    document = message.document

    async def fetch() -> bytes:
        return bytes(await (await document.get_file()).download_as_bytearray())

    incoming = Incoming(NAME, str(chat.id), str(user.id), message.caption or "", chat.type in GROUPS, True,
                        chat.type, chat.title or "",
                        attachment=Attachment(document.file_name or "", document.file_size or 0, fetch))
    channel = _channel(context)
    await channel.conversation.handle(incoming, channel.port)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: the conversation decides; the query is answered as soon as that is known."""
    query = update.callback_query
    chat = update.effective_chat
    if chat is None or not query.data:
        await query.answer()
        return
    message = query.message if isinstance(query.message, Message) else None
    press = Press(NAME, str(chat.id), str(query.from_user.id), query.data, str(message.message_id) if message else "")
    channel = _channel(context)
    if query.data.startswith("p:"):
        await query.answer()  # an answer follows as a message
        await channel.conversation.press(press, channel.port)
        return
    result = await channel.conversation.press(press, channel.port)
    await query.answer(result.toast)
    if result.drop_buttons and message is not None:
        try:
            await message.edit_reply_markup(reply_markup=None)
        except TelegramError as error:
            log.info("could not remove the buttons: %s", error)


async def on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was added to, removed from or blocked in a chat."""
    app = _channel(context).app
    change = update.my_chat_member
    if change.new_chat_member.status in GONE_STATUSES:
        log.info("removed from or blocked in chat %s: no more updates there", app.pseudonym(str(change.chat.id)))
        await store_call(app, "unsubscribe", NAME, str(change.chat.id))


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its subscription follows the new id."""
    app = _channel(context).app
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id:
        await store_call(app, "move_chat", NAME, str(message.chat_id), str(message.migrate_to_chat_id))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log with the update's id and the traceback, keep running."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=context.error)


# ---------------------------------------------------------------- the channel


class TelegramChannel:
    """Telegram for the runtime: the Application receiving updates (long polling or webhook), the port the
    conversation replies through, and the sender broadcasts use."""

    name = NAME

    def __init__(self, app: App, conversation: Conversation, token: str, webhook_url: str | None = None,
                 webhook_secret: str = ""):
        self.app, self.conversation = app, conversation
        self.settings = app.config.telegram
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret or secrets.token_urlsafe(32)
        self.application = build_application(app, token, self.settings)
        self.application.bot_data["channel"] = self
        self.port = TelegramPort(app, self.application.bot, self.settings)
        self.broadcast_bot = broadcast_bot(app.config, token)

    @property
    def mode(self) -> str:
        """"webhook" or "polling"."""
        return "webhook" if self.webhook_url else "polling"

    @property
    def last_ok(self) -> float | None:
        """time.time() of the last successful getUpdates (None in webhook mode or before the first)."""
        return getattr(self.application.bot, "_last_ok", None)

    def sender(self) -> TelegramSender:
        """How broadcasts reach Telegram chats (no rate limiter of its own: broadcasts pace themselves)."""
        return TelegramSender(self.broadcast_bot)

    async def start(self) -> None:
        """Connect, register the command menu, and start receiving updates (raises StartError)."""
        try:
            await self.application.initialize()
            await self.broadcast_bot.initialize()
        except InvalidToken:
            raise StartError(f"Telegram refused the bot token ({TOKEN_ENV}; check it with @BotFather), or "
                             f"{self.settings.base_url} is not a Bot API address", retry=False) from None
        except NetworkError as error:
            raise StartError(f"cannot reach the Telegram Bot API at {self.settings.base_url} ({error})",
                             retry=True) from None
        try:
            await self.application.bot.set_my_commands([BotCommand(c, d) for c, d in commands.menu()])
        except TelegramError as error:
            log.warning("could not register the command menu: %s", error)
        if self.webhook_url and not SECRET_FORM.fullmatch(self.webhook_secret):
            raise StartError(f"{SECRET_ENV} must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's "
                             "rule for webhook secrets)", retry=False)
        await self.application.start()
        try:
            await self._receive()
        except BaseException:
            await self.application.stop()  # a retried start begins again from a stopped application
            raise
        self.application.bot.mark_contact()  # its start-up call went through: counted as contact

    async def _receive(self) -> None:
        """Start the webhook or long polling, its start-up call retried (raises StartError)."""
        try:
            if self.webhook_url:
                await self.application.updater.start_webhook(
                    listen=self.settings.webhook_listen, port=self.settings.webhook_port,
                    url_path=self.settings.webhook_path, webhook_url=self.webhook_url,
                    secret_token=self.webhook_secret, allowed_updates=Update.ALL_TYPES,
                    bootstrap_retries=BOOTSTRAP_RETRIES)
            else:
                await self.application.updater.start_polling(timeout=int(self.settings.poll_timeout),
                                                             allowed_updates=Update.ALL_TYPES,
                                                             bootstrap_retries=BOOTSTRAP_RETRIES)
        except InvalidToken:
            raise StartError(f"Telegram refused the bot token ({TOKEN_ENV})", retry=False) from None
        except BadRequest as error:
            if self.webhook_url:
                raise StartError(f"Telegram refused the webhook {self.webhook_url} ({error})", retry=False) from None
            raise StartError(f"Telegram refused to start long polling ({error})", retry=True) from None
        except NetworkError as error:
            raise StartError(f"cannot reach the Telegram Bot API at {self.settings.base_url} ({error})",
                             retry=True) from None
        except OSError as error:
            raise StartError(f"cannot listen for the Telegram webhook on {self.settings.webhook_listen}:"
                             f"{self.settings.webhook_port} ({error.strerror})", retry=False) from None
        log.info("Telegram channel started (%s)", "webhook" if self.webhook_url else "long polling")

    async def stop(self) -> None:
        """Stop receiving, finish what is in flight, disconnect."""
        if self.application.updater.running:
            await self.application.updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()
        await self.broadcast_bot.shutdown()
        log.info("Telegram channel stopped")


def create(app: App, conversation: Conversation, token: str, webhook_url: str | None = None,
           webhook_secret: str = "") -> TelegramChannel:
    """The Telegram channel for the runtime."""
    return TelegramChannel(app, conversation, token, webhook_url, webhook_secret)


def broadcast_bot(config: Config, token: str) -> ExtBot:
    """The bot broadcasts send with: no rate limiter of its own (broadcasts pace themselves and must see every
    429), and connections for the messages in flight at once."""
    return ExtBot(token, base_url=config.telegram.base_url,
                  request=HTTPXRequest(connection_pool_size=config.broadcast.concurrency + 2))


@contextlib.asynccontextmanager
async def broadcast_sender(config: Config, token: str) -> AsyncIterator[TelegramSender]:
    """A broadcast sender for the command line, connected for as long as the block runs."""
    async with broadcast_bot(config, token) as bot:
        yield TelegramSender(bot)


def build_application(app: App, token: str, settings: TelegramSettings) -> Application:
    """The python-telegram-bot Application with every handler registered (no channel attached yet)."""
    limiter = AIORateLimiter(overall_max_rate=settings.overall_max_rate, group_max_rate=settings.group_max_rate,
                             max_retries=settings.rate_limit_retries)
    file_url = settings.base_file_url or settings.base_url.rsplit("/bot", 1)[0] + "/file/bot"
    bot = TolerantBot(token, base_url=settings.base_url, base_file_url=file_url, rate_limiter=limiter,
                      request=HTTPXRequest(connection_pool_size=settings.connection_pool_size),
                      get_updates_request=HTTPXRequest(connection_pool_size=1))
    application = ApplicationBuilder().bot(bot).concurrent_updates(settings.concurrent_updates).build()
    application.add_handler(ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    # New messages only: an edited question must not be answered a second time.
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, on_message))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, on_document))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & (
        filters.PHOTO | filters.Sticker.ALL | filters.VOICE | filters.VIDEO | filters.AUDIO), on_other))
    application.add_handler(CallbackQueryHandler(on_callback))
    application.add_error_handler(on_error)
    return application



# ---------------------------------------------------------------- doctor



async def doctor(config: Config, token: str, send_to: str = "", service_running: bool = False,
                 text: str = "", webhook_secret: str = "") -> list[Check]:
    """Live checks against the Bot API with the real token: the token and the bot's name, privacy mode, the
    webhook state (and Telegram's last delivery error), whether updates can arrive, optionally a test message."""
    settings = config.telegram
    bot = ExtBot(token, base_url=settings.base_url)
    try:
        await bot.initialize()  # getMe
    except InvalidToken:
        return [(FAIL, f"token: Telegram refused the bot token ({TOKEN_ENV}; check it with @BotFather)")]
    except TelegramError as error:
        return [(FAIL, f"token: cannot reach the Telegram Bot API at {settings.base_url} ({error})")]
    checks: list[Check] = []
    try:
        me = bot.bot
        checks.append((OK, f"token valid: bot @{me.username} ({me.first_name}, id {me.id})"))
        checks.append((INFO, "privacy mode is off: the bot reads every group message" if me.can_read_all_group_messages
                       else "privacy mode is on: in groups the bot gets commands, replies to it and @mentions"))
        checks += await _doctor_webhook(bot, settings, service_running, webhook_secret)
        if send_to:
            try:
                sent = await bot.send_message(int(send_to), text or "Kiểm tra kết nối.")
                checks.append((OK, f"test message sent to {send_to} (message {sent.message_id})"))
            except (TelegramError, ValueError) as error:
                checks.append((FAIL, f"test message to {send_to}: {error}"))
    finally:
        await bot.shutdown()
    return checks


async def _doctor_webhook(bot: ExtBot, settings: TelegramSettings, service_running: bool,
                          webhook_secret: str) -> list[Check]:
    """The webhook as Telegram sees it, and whether updates can arrive."""
    try:
        info = await bot.get_webhook_info()
    except TelegramError as error:
        return [(FAIL, f"webhook state: {error}")]
    checks: list[Check] = []
    if info.last_error_message:
        when = info.last_error_date.isoformat() if info.last_error_date else "?"
        checks.append((FAIL if settings.webhook_url else INFO,
                       f"Telegram's last webhook delivery failed at {when}: {info.last_error_message}"))
    if not settings.webhook_url:
        if info.url:
            checks.append((INFO, f"a webhook is set ({info.url}); `serve` in polling mode removes it at start"))
            return checks
        if service_running:
            return checks + [(OK, "long polling: the running service polls (getUpdates not tried here)")]
        try:
            await bot.get_updates(timeout=0, limit=1)  # no offset: nothing is confirmed, nothing is lost
        except TelegramError as error:
            return checks + [(FAIL, f"getUpdates: {error}")]
        return checks + [(OK, f"long polling can receive ({info.pending_update_count} updates waiting)")]
    if webhook_secret and not SECRET_FORM.fullmatch(webhook_secret):
        checks.append((FAIL, f"{SECRET_ENV} must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -"))
    if info.url == settings.webhook_url:
        checks.append((OK, f"webhook set to {info.url} ({info.pending_update_count} updates waiting)"))
    elif service_running:
        checks.append((FAIL, f"webhook is {info.url or 'not set'}, not {settings.webhook_url}"))
    else:
        checks.append((INFO, f"webhook is {info.url or 'not set'}; `serve` registers {settings.webhook_url} at start"))
    return checks + [await probe_webhook(settings.webhook_url, 10.0, service_running)]
