"""Telegram channel: a python-telegram-bot adapter around the channel-neutral conversation in handlers/."""
from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import os
import re
import secrets
import signal
from dataclasses import replace
from pathlib import Path

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, CallbackQueryHandler, ContextTypes
from telegram.ext import ChatMemberHandler, ExtBot, MessageHandler, filters
from telegram.request import HTTPXRequest

from handlers import admin
from handlers.conversation import Incoming, Reply, feedback, needs_admin_check, pick, respond

from . import broadcast
from .app import App
from .config import TelegramSettings
from .knowledge import ARTICLES_DIR, TOP_FILES

log = logging.getLogger(__name__)

CHANNEL = "telegram"
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
PICK, VOTE, BROADCAST = "p", "v", "b"  # callback data: "p:<fact id>", "v:<question id>:<1|0>", "b:<go|no>:<id>"
MAX_CALLBACK_BYTES = 64
UP, DOWN = "👍", "👎"
COMMAND_MENU = (
    ("hoi", "Hỏi số liệu cán bộ, công chức, viên chức"),
    ("nguon", "Các bài báo đang dùng"),
    ("dangky", "Nhận thông báo cập nhật"),
    ("huydangky", "Thôi nhận thông báo cập nhật"),
    ("trogiup", "Hướng dẫn sử dụng"),
)
GROUPS = {ChatType.GROUP, ChatType.SUPERGROUP}
ADMINS = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}
GONE = {ChatMemberStatus.LEFT, ChatMemberStatus.BANNED}


class TokenFilter(logging.Filter):
    """Replaces the bot token wherever it would appear in a log line (URLs of failed requests, tracebacks)."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token and self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.token in record.exc_text:
            record.exc_text = record.exc_text.replace(self.token, "<token>")
        return True


def protect_token(token: str) -> None:
    """Keep the token out of every log handler, and silence httpx's per-request INFO lines (URLs hold it)."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    token_filter = TokenFilter(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(token_filter)


class TolerantBot(ExtBot):
    """ExtBot that survives an update it cannot read.

    python-telegram-bot parses a getUpdates batch as a whole; one unreadable update fails the batch, the
    offset never moves and the same batch is fetched forever. Only then, this reads the batch again one
    update at a time, logs and skips what cannot be read, keeping its id so polling moves past it.
    """

    async def get_updates(self, offset=None, limit=None, timeout=None, allowed_updates=None, **kwargs):
        try:
            return await super().get_updates(offset, limit, timeout, allowed_updates, **kwargs)
        except TelegramError:
            raise
        except Exception:  # noqa: BLE001 - whatever the parser raised, the fallback below handles the batch
            raw = await self._post("getUpdates", {"offset": offset, "limit": limit, "timeout": 0,
                                                  "allowed_updates": allowed_updates})
            return tuple(u for u in (self._read_one(item) for item in raw) if u is not None)

    def _read_one(self, item: dict) -> Update | None:
        """One update, or an empty placeholder with its id when it cannot be read."""
        try:
            return Update.de_json(item, self)
        except Exception:  # noqa: BLE001 - an unreadable update is logged and skipped, never fatal
            log.error("skipped an update that could not be read: %r", item, exc_info=True)
            update_id = item.get("update_id") if isinstance(item, dict) else None
            return Update(update_id=int(update_id)) if isinstance(update_id, int) else None


def build_application(app: App, token: str, settings: TelegramSettings) -> Application:
    """The PTB Application with every handler registered; the same for polling, webhook and tests."""
    limiter = AIORateLimiter(overall_max_rate=settings.overall_max_rate, group_max_rate=settings.group_max_rate,
                             max_retries=settings.rate_limit_retries)
    file_url = settings.base_file_url or settings.base_url.rsplit("/bot", 1)[0] + "/file/bot"
    bot = TolerantBot(token, base_url=settings.base_url, base_file_url=file_url, rate_limiter=limiter,
                      request=HTTPXRequest(connection_pool_size=settings.connection_pool_size),
                      get_updates_request=HTTPXRequest(connection_pool_size=1))
    application = (ApplicationBuilder().bot(bot).concurrent_updates(settings.concurrent_updates)
                   .post_init(_post_init).post_shutdown(_post_shutdown).build())
    application.bot_data["app"] = app
    application.bot_data["broadcast_bot"] = broadcast_bot(token, app.config)
    application.add_handler(ChatMemberHandler(on_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    # New messages only: an edited question must not be answered a second time.
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, on_message))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.Document.ALL, on_document))
    application.add_handler(CallbackQueryHandler(on_callback))
    application.add_error_handler(on_error)
    return application


def broadcast_bot(token: str, config) -> ExtBot:
    """The bot broadcasts send with: it has no rate limiter, as broadcasts pace themselves
    (bot/broadcast.py) and must see every 429."""
    return ExtBot(token, base_url=config.telegram.base_url,
                  request=HTTPXRequest(connection_pool_size=config.broadcast.concurrency + 2))


async def _post_init(application: Application) -> None:
    """Register the command menu; start the reload triggers (SIGHUP, folder watch) and daily pruning."""
    app: App = application.bot_data["app"]
    try:
        await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMAND_MENU])
    except TelegramError as exc:
        log.warning("could not register the command menu: %s", exc)
    tasks: set[asyncio.Task] = application.bot_data.setdefault("tasks", set())

    def spawn(coro) -> None:
        task = asyncio.create_task(coro)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    try:
        asyncio.get_running_loop().add_signal_handler(
            signal.SIGHUP, lambda: spawn(admin.reload_in_background(app, "SIGHUP")))
    except (NotImplementedError, RuntimeError, ValueError, AttributeError):
        log.info("no SIGHUP here: reload with /tailai or the folder watch")
    if app.config.reload.watch:
        spawn(_watch(app))
    if app.store is not None and application.job_queue is not None:
        application.job_queue.run_repeating(_prune, interval=dt.timedelta(days=1), first=dt.timedelta(days=1))
    await application.bot_data["broadcast_bot"].initialize()
    application.bot_data["spawn"] = spawn
    if app.store is not None:
        for broadcast_id in app.store.unfinished_broadcasts(CHANNEL):  # cut short by a stop or a crash
            log.info("resuming broadcast %d", broadcast_id)
            spawn(run_broadcast(application, broadcast_id))


async def _post_shutdown(application: Application) -> None:
    """Stop the background tasks (a broadcast stopped here resumes at the next start)."""
    for task in list(application.bot_data.get("tasks", ())):
        task.cancel()
    await application.bot_data["broadcast_bot"].shutdown()


class TelegramSender:
    """Delivers broadcast messages through the Bot API, translating its errors for bot/broadcast.py."""

    channel = CHANNEL

    def __init__(self, bot):
        self.bot = bot

    async def send(self, chat: str, text: str) -> broadcast.SendResult:
        """One sendMessage; every documented failure becomes an outcome, nothing is raised."""
        try:
            message = await self.bot.send_message(int(chat), html.escape(text), parse_mode=ParseMode.HTML)
        except RetryAfter as exc:
            return broadcast.SendResult(broadcast.RETRY_AFTER, retry_after=_seconds(exc.retry_after))
        except Forbidden as exc:
            return broadcast.SendResult(broadcast.GONE, error=str(exc))
        except ChatMigrated as exc:
            return broadcast.SendResult(broadcast.MIGRATED, new_chat=str(exc.new_chat_id))
        except BadRequest as exc:  # e.g. chat not found: sending again would not help
            return broadcast.SendResult(broadcast.PERMANENT, error=str(exc))
        except NetworkError as exc:  # 5xx, time-outs, connection errors
            return broadcast.SendResult(broadcast.RETRY, error=str(exc) or type(exc).__name__)
        except TelegramError as exc:
            return broadcast.SendResult(broadcast.PERMANENT, error=str(exc))
        return broadcast.SendResult(broadcast.OK, message_id=message.message_id)


async def run_broadcast(application: Application, broadcast_id: int) -> None:
    """Send (or resume) a broadcast, keeping the admin's status message up to date."""
    app: App = application.bot_data["app"]
    row = app.store.broadcast(broadcast_id)

    async def progress(state: broadcast.Progress) -> None:
        if not row or not row.get("status_chat"):
            return
        try:
            await application.bot.edit_message_text(admin.progress_text(state), chat_id=int(row["status_chat"]),
                                                    message_id=row["status_message"])
        except TelegramError as exc:
            log.info("could not update the status of broadcast %d: %s", broadcast_id, exc)

    try:
        await broadcast.run(app.store, TelegramSender(application.bot_data["broadcast_bot"]), broadcast_id,
                            app.config.broadcast, progress)
    except broadcast.AlreadyRunning as exc:
        log.info("%s", exc)


async def on_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot was added to, removed from or blocked in a chat."""
    app: App = context.bot_data["app"]
    change = update.my_chat_member
    if change.new_chat_member.status in GONE and app.store is not None:
        log.info("removed from or blocked in chat %s: no more updates there", change.chat.id)
        app.store.unsubscribe(CHANNEL, str(change.chat.id))


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its subscription follows the new id."""
    app: App = context.bot_data["app"]
    message = update.effective_message
    if message is not None and message.migrate_to_chat_id and app.store is not None:
        app.store.move_chat(CHANNEL, str(message.chat_id), str(message.migrate_to_chat_id))


async def _prune(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Daily: delete questions older than the retention period."""
    app: App = context.bot_data["app"]
    removed = app.store.prune(app.config.privacy.retention_days)
    log.info("pruned %d questions older than %d days", removed, app.config.privacy.retention_days)


async def _watch(app: App) -> None:
    """Reload when a knowledge file changes (polling its modification times)."""
    last = knowledge_snapshot(app.config.knowledge_dir)
    while True:
        await asyncio.sleep(app.config.reload.watch_interval_seconds)
        now = knowledge_snapshot(app.config.knowledge_dir)
        if now != last:
            last = now
            await admin.reload_in_background(app, "watch")


def knowledge_snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file the loader reads."""
    paths = [*(folder / name for name in TOP_FILES), *sorted((folder / ARTICLES_DIR).glob("*.y*ml"))]
    out = {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        out[str(path)] = (st.st_mtime_ns, st.st_size)
    return out


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
    return Incoming(CHANNEL, str(chat.id), str(user.id) if user else "", text, is_group, addressed,
                    chat.type, chat.title or "")


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text message or command."""
    app: App = context.bot_data["app"]
    incoming = to_incoming(update, context.bot.id, context.bot.username)
    if incoming is None:
        return
    if admin.command_of(incoming.text):
        answer = await admin.handle(app, incoming)
        await send_admin_reply(context.bot, int(incoming.chat_id), answer, app)
        return
    if incoming.is_group and needs_admin_check(incoming.text):
        incoming = replace(incoming, is_chat_admin=await _is_group_admin(context, incoming))
    reply = respond(app, incoming)
    if reply is not None:
        await send_reply(context.bot, int(incoming.chat_id), reply, app)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A file sent to the bot: an admin's knowledge file, validated and installed."""
    app: App = context.bot_data["app"]
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None or user is None or message.document is None:
        return
    is_group = chat.type in GROUPS
    incoming = Incoming(CHANNEL, str(chat.id), str(user.id), message.caption or "", is_group, True, chat.type,
                        chat.title or "")
    document = message.document
    name = document.file_name or ""
    if is_group and not name.lower().endswith((".yaml", ".yml")):
        return  # files shared among staff are none of the bot's business
    # Refusals are decided before anything is downloaded.
    if not app.is_admin(CHANNEL, incoming.user_id):
        reply = admin.refuse(app, incoming, admin.UPLOAD)
    elif (document.file_size or 0) > app.config.reload.max_upload_bytes:
        reply = admin.too_big(app, incoming, name, document.file_size or 0)
    else:
        data = bytes(await (await document.get_file()).download_as_bytearray())
        reply = await admin.upload(app, incoming, name, data)
    await send_admin_reply(context.bot, chat.id, reply, app)


async def send_admin_reply(bot, chat_id: int, answer: admin.AdminReply | None, app: App) -> None:
    """An admin reply: the text (with its buttons), the chart if there is one, then any follow-up."""
    if answer is None:
        return
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=f"{BROADCAST}:{action}")
                                    for label, action in answer.buttons]]) if answer.buttons else None
    await send_html(bot, chat_id, html.escape(answer.text), markup, app)
    if answer.photo:
        try:
            await bot.send_photo(chat_id, photo=answer.photo)
        except TelegramError as exc:
            log.error("could not send the chart to %s: %s", chat_id, exc)
    await send_admin_reply(bot, chat_id, answer.then, app)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press: a picked suggestion or a 👍/👎 vote."""
    app: App = context.bot_data["app"]
    query = update.callback_query
    kind, _, rest = (query.data or "").partition(":")
    chat = update.effective_chat
    incoming = Incoming(CHANNEL, str(chat.id) if chat else "", str(query.from_user.id), query.data or "")
    if kind == VOTE:
        question_id, _, vote = rest.partition(":")
        note = feedback(app, incoming, int(question_id), 1 if vote == "1" else 0) if question_id.isdigit() else ""
        await query.answer(note)
        if isinstance(query.message, Message):
            await _drop_buttons(query.message)
        return
    if kind == BROADCAST and chat is not None and isinstance(query.message, Message):
        await _broadcast_button(context, app, incoming, rest, query)
        return
    await query.answer()
    if kind == PICK and chat is not None:
        await send_reply(context.bot, chat.id, pick(app, incoming, rest), app)
    else:
        log.warning("unknown callback data %r", query.data)


async def _broadcast_button(context: ContextTypes.DEFAULT_TYPE, app: App, incoming: Incoming, rest: str,
                            query) -> None:
    """Send or cancel a previewed broadcast; the preview becomes its status message."""
    action, _, number = rest.partition(":")
    if not number.isdigit() or app.store is None:
        await query.answer()
        return
    broadcast_id, message = int(number), query.message
    if action == admin.SEND_ACTION:
        text, start = admin.confirm_broadcast(app, incoming, broadcast_id)
    else:
        text, start = admin.cancel_broadcast(app, incoming, broadcast_id), False
    refused = text in (admin.NOT_ADMIN, admin.NOT_DRAFT.format(id=broadcast_id))
    await query.answer(text if refused else "")
    if refused:
        return  # a toast only: the preview (or the finished status) stays as it is
    try:
        await message.edit_text(html.escape(text), parse_mode=ParseMode.HTML, reply_markup=None)
    except TelegramError as exc:
        log.info("could not update the preview of broadcast %d: %s", broadcast_id, exc)
    if start:
        app.store.set_status_message(broadcast_id, str(message.chat_id), message.message_id)
        context.bot_data["spawn"](run_broadcast(context.application, broadcast_id))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log with the update and the traceback, keep running."""
    log.error("error while handling update %s", update.to_dict() if isinstance(update, Update) else update,
              exc_info=context.error)


async def _is_group_admin(context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> bool:
    """Whether the sender administers the group (asked of Telegram each time: roles change)."""
    try:
        member = await context.bot.get_chat_member(int(incoming.chat_id), int(incoming.user_id))
    except TelegramError as exc:
        log.warning("could not check admin rights in %s: %s", incoming.chat_id, exc)
        return False
    return member.status in ADMINS


async def _drop_buttons(message: Message) -> None:
    """Remove the vote buttons once a vote is in (best effort)."""
    try:
        await message.edit_reply_markup(reply_markup=None)
    except TelegramError as exc:
        log.info("could not remove vote buttons: %s", exc)


def keyboard(reply: Reply, max_label: int) -> InlineKeyboardMarkup | None:
    """One button per choice, and 👍/👎 under an answer."""
    rows = []
    for choice in reply.choices:
        data = f"{PICK}:{choice.fact_id}"
        if len(data.encode()) <= MAX_CALLBACK_BYTES:
            label = choice.label if len(choice.label) <= max_label else choice.label[: max_label - 1] + "…"
            rows.append([InlineKeyboardButton(label, callback_data=data)])
    if reply.wants_feedback:
        rows.append([InlineKeyboardButton(UP, callback_data=f"{VOTE}:{reply.question_id}:1"),
                     InlineKeyboardButton(DOWN, callback_data=f"{VOTE}:{reply.question_id}:0")])
    return InlineKeyboardMarkup(rows) if rows else None


def split_message(text: str, limit: int) -> list[str]:
    """Cut HTML into messages of at most `limit` characters on line boundaries (no tag spans a line)."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = [line] if len(line) <= limit else _cut_plain(line, limit)
        for piece in pieces:
            if current and len(current) + 1 + len(piece) > limit:
                chunks.append(current)
                current = ""
            current = f"{current}\n{piece}" if current else piece
    if current:
        chunks.append(current)
    return chunks or [""]


def _cut_plain(line: str, limit: int) -> list[str]:
    """A line too long for one message, as escaped plain text in pieces that stay under the limit."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", line))
    step = max(1, limit // len("&amp;"))  # escaping can grow a piece at most this much
    return [html.escape(plain[i:i + step], quote=False) for i in range(0, len(plain), step)]


async def send_reply(bot, chat_id: int, reply: Reply, app: App) -> list[Message]:
    """Send a conversation reply with its choice and vote buttons."""
    return await send_html(bot, chat_id, reply.html, keyboard(reply, app.config.telegram.max_button_chars), app)


async def send_html(bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None, app: App) -> list[Message]:
    """Send HTML split on lines if long, buttons on the last part; faults are handled, never raised."""
    chunks = split_message(text, app.config.telegram.max_message_chars)
    sent = []
    for n, chunk in enumerate(chunks):
        message = await send_text(bot, chat_id, chunk, markup if n == len(chunks) - 1 else None, app)
        if message is None:
            break
        chat_id = message.chat_id  # a migrated group continues at its new id
        sent.append(message)
    return sent


async def send_text(bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None, app: App) -> Message | None:
    """sendMessage with the documented failure modes handled: migration, blocked, 429, 5xx and time-outs."""
    settings = app.config.telegram
    for attempt in range(settings.send_retries + 1):
        try:
            return await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup)
        except ChatMigrated as exc:
            log.info("chat %s became supergroup %s", chat_id, exc.new_chat_id)
            if app.store is not None:
                app.store.move_chat(CHANNEL, str(chat_id), str(exc.new_chat_id))
            chat_id = exc.new_chat_id
        except Forbidden as exc:
            log.info("cannot write to chat %s (%s); its subscription is stopped", chat_id, exc)
            if app.store is not None:
                app.store.unsubscribe(CHANNEL, str(chat_id))
            return None
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            log.warning("Telegram asks to wait %.0f s before writing to %s", wait, chat_id)
            await asyncio.sleep(wait)
        except BadRequest as exc:
            log.error("Telegram refused a message to %s: %s", chat_id, exc)
            return None
        except NetworkError as exc:  # 5xx, time-outs, connection errors
            if attempt == settings.send_retries:
                log.error("giving up on a message to %s after %d attempts: %s", chat_id, attempt + 1, exc)
                return None
            await asyncio.sleep(settings.retry_backoff_seconds * 2 ** attempt)
    log.error("giving up on a message to %s: still rate-limited", chat_id)
    return None


def _seconds(value: int | float | dt.timedelta) -> float:
    """retry_after as seconds, whichever type this PTB version uses."""
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def run(app: App, webhook_url: str | None) -> int:
    """Run until interrupted (Ctrl-C or SIGTERM), by long polling or, with a URL, as a webhook."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        log.error("set %s to the bot token from @BotFather", TOKEN_ENV)
        return 2
    protect_token(token)
    settings = app.config.telegram
    application = build_application(app, token, settings)
    log.info("Telegram bot starting (%s, API %s)", "webhook" if webhook_url else "long polling", settings.base_url)
    pid_file = app.config.pid_file
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(str(os.getpid()))
    try:
        if webhook_url:
            secret = os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)
            application.run_webhook(listen=settings.webhook_listen, port=settings.webhook_port,
                                    url_path=settings.webhook_path, webhook_url=webhook_url, secret_token=secret,
                                    allowed_updates=Update.ALL_TYPES)
        else:
            application.run_polling(timeout=int(settings.poll_timeout), allowed_updates=Update.ALL_TYPES)
    finally:
        if pid_file.exists() and pid_file.read_text().strip() == str(os.getpid()):
            pid_file.unlink()
    log.info("Telegram bot stopped")
    return 0
