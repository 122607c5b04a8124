"""A fake Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

It follows the documented HTTP interface closely enough for python-telegram-bot: POST (form-encoded) to
/bot<token>/<method>, answers {"ok": true, "result": ...} or {"ok": false, "error_code", "description",
"parameters"}; getUpdates long-polls with offset; sendMessage validates length, HTML entities and
inline keyboards like the real server; failures (429 with retry_after, 5xx, 403, group migration) can be
queued per method. Everything it receives is recorded for assertions.

Sources of the behaviours start-up depends on (see /work/notes/platforms.md §10-13):
- setWebhook's secret_token: 1-256 characters of A-Z, a-z, 0-9, "_" and "-"
  (https://core.telegram.org/bots/api#setwebhook); the server refuses others with 400 "Bad Request: secret token
  contains unallowed characters" and longer ones with "Bad Request: secret token is too long"
  (tdlib/telegram-bot-api:telegram-bot-api/Client.cpp).
- getUpdates while a webhook is set: 409 "Conflict: can't use getUpdates method while webhook is active; use
  deleteWebhook to delete the webhook first" (Client.cpp); deleteWebhook with none set is ok:true (Client.cpp).
- Error envelope ok:false, error_code, description, optional parameters.retry_after / migrate_to_chat_id
  (https://core.telegram.org/bots/api#making-requests; #responseparameters).
- python-telegram-bot 22.8 makes no retries of its start-up deleteWebhook/setWebhook by default
  (telegram/ext/_updater.py:211,426 bootstrap_retries=0): `fail_next("deleteWebhook", 502, …)` exercises it.
"""
from __future__ import annotations

import email.parser
import email.policy
import html.parser
import itertools
import json
import os
import re
import signal
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, unquote

from tests.fakes.server import ApiError, FakeApi

TOKEN = "123456:TEST-TOKEN-not-a-real-one"
BOT_USER = {"id": 999000, "is_bot": True, "first_name": "Trợ lý CBCCVC", "username": "cbccvc_bot"}
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
ALLOWED_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote",
                "tg-spoiler", "span", "tg-emoji"}


class _HtmlCheck(html.parser.HTMLParser):
    """Telegram's HTML rules: known tags only, properly nested; counts the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.error = ""
        self.visible = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f"unsupported start tag \"{tag}\""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.error = self.error or f"unexpected end tag \"{tag}\""
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.visible += len(data)


def check_html(text: str) -> tuple[str, int]:
    """('', visible length) if the HTML is acceptable, else (reason, 0)."""
    for i, ch in enumerate(text):  # a bare "<" or "&" that is not an entity is refused by Telegram
        if ch == "<" and not (text[i + 1:i + 2].isalpha() or text[i + 1:i + 2] == "/"):
            return "unescaped \"<\"", 0
        if ch == "&" and not any(text.startswith(e, i) for e in ("&lt;", "&gt;", "&amp;", "&quot;", "&#")):
            return "unescaped \"&\"", 0
    parser = _HtmlCheck()
    parser.feed(text)
    parser.close()
    if parser.error or parser.stack:
        return parser.error or f"unclosed tag \"{parser.stack[-1]}\"", 0
    return "", parser.visible


@dataclass
class FakeTelegram(FakeApi):
    """State of the fake server; thread-safe; start() binds a free port on 127.0.0.1."""

    token: str = TOKEN
    admins: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    blocked: set[int] = field(default_factory=set)
    migrated: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._setup_common()
        self.updates: list[dict] = []
        self.update_ids = itertools.count(1)
        self.message_ids: dict[int, itertools.count] = defaultdict(lambda: itertools.count(1))
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []  # every message accepted by sendMessage, as returned
        self.deliveries: dict[int, int] = defaultdict(int)
        self.callback_answers: list[dict] = []
        self.commands: list[dict] = []
        self.webhook: dict = {}
        self.errors: list[tuple[str, int, str]] = []  # every error response: method, code, description
        self.delivered_at: dict[int, float] = {}  # update_id -> when getUpdates first handed it out
        self.handed_to: dict[int, float] = {}  # chat_id -> when getUpdates first handed out a message of it
        self.sent_at: list[tuple[int, float]] = []  # (chat_id, when sendMessage accepted a message)
        self.photos: list[tuple[int, bytes]] = []  # (chat_id, image bytes) accepted by sendPhoto
        self.documents: list[tuple[int, bytes]] = []  # (chat_id, file bytes) accepted by sendDocument
        self.files: dict[str, bytes] = {}  # file_id -> content, for getFile and downloads
        self.edits: list[tuple[int, int, str]] = []  # (chat_id, message_id, text) of editMessageText calls
        self.actions: list[tuple[int, str]] = []  # (chat_id, action) of sendChatAction calls
        self.broken: dict[int, tuple[int, str]] = {}  # chat_id -> (code, description) for every send to it
        self.kill_at: tuple[int, int] | None = None  # (deliveries, pid): SIGKILL pid when sendMessage count hits it

    # ------------------------------------------------------------ control from tests

    @property
    def base_url(self) -> str:
        """What to give python-telegram-bot as its base URL."""
        return f"{self.root}/bot"

    def push(self, update: dict) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        with self.lock:
            update = {"update_id": next(self.update_ids), **update}
            self.updates.append(update)
            self.lock.notify_all()
            return update["update_id"]

    def message(self, text: str, chat_id: int = 111, user_id: int = 111, chat_type: str = "private",
                reply_to_bot: bool = False, entities: list | None = None, title: str = "Nhóm") -> dict:
        """A message update as Telegram sends it."""
        chat = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Cán bộ"
        else:
            chat["title"] = title
        msg = {"message_id": next(self.message_ids[chat_id]), "date": int(time.time()), "chat": chat,
               "from": {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}, "text": text}
        if entities:
            msg["entities"] = entities
        elif text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        if reply_to_bot:
            msg["reply_to_message"] = {"message_id": 1, "date": int(time.time()), "chat": chat,
                                       "from": BOT_USER, "text": "…"}
        return {"message": msg}

    def callback(self, data: str, chat_id: int = 111, user_id: int = 111, message_id: int = 1) -> dict:
        """A callback_query update (a button press)."""
        chat = {"id": chat_id, "type": "private", "first_name": "Cán bộ"}
        return {"callback_query": {
            "id": f"cb{next(self.update_ids)}", "chat_instance": "ci", "data": data,
            "from": {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"},
            "message": {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": BOT_USER,
                        "text": "…"}}}

    def sent_to(self, chat_id: int) -> list[dict]:
        """Messages accepted for one chat."""
        with self.lock:
            return [m for m in self.sent if m["chat"]["id"] == chat_id]

    # ------------------------------------------------------------ HTTP

    def document(self, name: str, content: bytes, chat_id: int = 111, user_id: int = 111,
                 chat_type: str = "private", caption: str = "") -> dict:
        """A message carrying a file, as Telegram sends it; the file can then be fetched with getFile."""
        update = self.message("", chat_id=chat_id, user_id=user_id, chat_type=chat_type)
        file_id = f"file{len(self.files) + 1}"
        self.files[file_id] = content
        del update["message"]["text"]
        update["message"]["document"] = {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": name,
                                         "mime_type": "application/x-yaml", "file_size": len(content)}
        if caption:
            update["message"]["caption"] = caption
        return update

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        """Parse one Bot API call and write the JSON response."""
        path = unquote(req.path.split("?", 1)[0])  # clients percent-encode (the ":" of the token in file URLs)
        prefix = f"/bot{self.token}/"
        if path.startswith(f"/file/bot{self.token}/documents/"):
            content = self.files.get(path.rsplit("/", 1)[1])
            return self.write_bytes(req, 200 if content is not None else 404, content or b"Not Found")
        if not path.startswith("/bot"):
            return self.write(req, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if not path.startswith(prefix):
            return self.write(req, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = path[len(prefix):]
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        ctype = req.headers.get("Content-Type", "")
        if ctype.startswith("multipart/form-data"):
            params = _multipart(ctype, raw)
        elif ctype.startswith("application/json"):
            params = json.loads(raw or b"{}")
        else:
            params = {k: _maybe_json(v) for k, v in parse_qsl(raw.decode("utf-8"), keep_blank_values=True)}
        self.dispatch(req, method, params)

    # ------------------------------------------------------------ methods

    def _api_getMe(self, p: dict) -> dict:  # noqa: N802 - Bot API names
        return BOT_USER

    def _api_deleteWebhook(self, p: dict) -> bool:  # noqa: N802
        self.webhook = {}
        return True

    def _api_setWebhook(self, p: dict) -> bool:  # noqa: N802
        if not str(p.get("url", "")).startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = str(p.get("secret_token") or "")
        if len(secret) > 256:
            raise ApiError(400, "Bad Request: secret token is too long")
        if not re.fullmatch(r"[A-Za-z0-9_-]*", secret):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        self.webhook = p
        return True

    def _api_getWebhookInfo(self, p: dict) -> dict:  # noqa: N802
        # WebhookInfo (https://core.telegram.org/bots/api#webhookinfo): url is "" when none is set.
        with self.lock:
            waiting = len(self.updates)
        return {"url": str(self.webhook.get("url", "")), "has_custom_certificate": False,
                "pending_update_count": waiting}

    def _api_getUpdates(self, p: dict) -> list[dict]:  # noqa: N802
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                                "to delete the webhook first")
        offset = int(p.get("offset") or 0)
        timeout = float(p.get("timeout") or 0)
        limit = int(p.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self.lock:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]  # confirmed ones are gone
            while not self.updates and time.monotonic() < deadline and self.server is not None:
                self.lock.wait(min(0.05, max(0.0, deadline - time.monotonic())))
            batch = self.updates[:limit]
            now = time.monotonic()
            for update in batch:
                self.delivered_at.setdefault(update["update_id"], now)
                chat = (update.get("message") or {}).get("chat", {}).get("id")
                if chat is not None:
                    self.handed_to.setdefault(chat, now)
            return batch

    def _api_setMyCommands(self, p: dict) -> bool:  # noqa: N802
        commands = p.get("commands")
        if not isinstance(commands, list) or not 0 < len(commands) <= 100:
            raise ApiError(400, "Bad Request: commands must be a non-empty list of at most 100")
        for c in commands:
            name, desc = c.get("command", ""), c.get("description", "")
            if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(desc) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = commands
        return True

    def _api_sendMessage(self, p: dict) -> dict:  # noqa: N802
        chat_id = int(p["chat_id"])
        if chat_id in self.migrated:
            raise ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                           {"migrate_to_chat_id": self.migrated[chat_id]})
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.broken:
            raise ApiError(*self.broken[chat_id])
        text = str(p.get("text", ""))
        visible = len(text)
        if p.get("parse_mode") == "HTML":
            reason, visible = check_html(text)
            if reason:
                raise ApiError(400, f"Bad Request: can't parse entities: {reason}")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if visible > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        _check_markup(p.get("reply_markup"))
        message = {"message_id": next(self.message_ids[chat_id]), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
                   "from": BOT_USER, "text": text}
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        self.sent.append(message)
        self.sent_at.append((chat_id, time.monotonic()))
        self.deliveries[chat_id] += 1
        if self.kill_at and len(self.sent) == self.kill_at[0]:
            # The message is delivered (counted) but the sender dies before reading the answer: the worst moment.
            os.kill(self.kill_at[1], signal.SIGKILL)
        return message

    def _api_sendPhoto(self, p: dict) -> dict:  # noqa: N802
        return self._file_message(p, "photo", 10 * 1024 * 1024, ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS"),
                                  self.photos, [{"file_id": "p", "file_unique_id": "p", "width": 800, "height": 400}])

    def _api_sendDocument(self, p: dict) -> dict:  # noqa: N802
        return self._file_message(p, "document", 50 * 1024 * 1024, ApiError(413, "Request Entity Too Large"),
                                  self.documents, {"file_id": "d", "file_unique_id": "d"})

    def _file_message(self, p: dict, field: str, limit: int, too_big: ApiError, kept: list, shown: object) -> dict:
        """A file sent as a photo or a document: checked, kept for assertions, answered as its message."""
        chat_id = int(p["chat_id"])
        content = p.get(field)
        if not isinstance(content, bytes) or not content:
            raise ApiError(400, f"Bad Request: there is no {field} in the request")
        if len(content) > limit:
            raise too_big
        kept.append((chat_id, content))
        self.deliveries[chat_id] += 1
        return {"message_id": next(self.message_ids[chat_id]), "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"}, "from": BOT_USER,
                field: shown}

    def _api_getFile(self, p: dict) -> dict:  # noqa: N802
        file_id = str(p.get("file_id", ""))
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(self.files[file_id]) > 20 * 1024 * 1024:
            raise ApiError(400, "Bad Request: file is too big")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}"}

    def _api_editMessageText(self, p: dict) -> dict:  # noqa: N802
        chat_id, message_id, text = int(p["chat_id"]), int(p["message_id"]), str(p.get("text", ""))
        if p.get("parse_mode") == "HTML" and check_html(text)[0]:
            raise ApiError(400, f"Bad Request: can't parse entities: {check_html(text)[0]}")
        if not text.strip() or len(text) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message text is empty or too long")
        _check_markup(p.get("reply_markup"))
        for m in self.sent:
            if m["chat"]["id"] == chat_id and m["message_id"] == message_id:
                if m["text"] == text and m.get("reply_markup") == p.get("reply_markup"):
                    raise ApiError(400, "Bad Request: message is not modified")
                m["text"], m["reply_markup"] = text, p.get("reply_markup")
                self.edits.append((chat_id, message_id, text))
                return m
        raise ApiError(400, "Bad Request: message to edit not found")

    def _api_sendChatAction(self, p: dict) -> bool:  # noqa: N802
        if p.get("action") not in {"typing", "upload_photo", "upload_document"}:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        self.actions.append((int(p["chat_id"]), p["action"]))
        return True

    def _api_answerCallbackQuery(self, p: dict) -> bool:  # noqa: N802
        if not p.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(str(p.get("text", ""))) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers.append(p)
        return True

    def _api_editMessageReplyMarkup(self, p: dict) -> dict:  # noqa: N802
        chat_id, message_id = int(p["chat_id"]), int(p["message_id"])
        _check_markup(p.get("reply_markup"))
        for m in self.sent:
            if m["chat"]["id"] == chat_id and m["message_id"] == message_id:
                m["reply_markup"] = p.get("reply_markup")
                return m
        return {"message_id": message_id, "date": int(time.time()), "chat": {"id": chat_id, "type": "private"},
                "from": BOT_USER, "text": "…"}

    def _api_getChatMember(self, p: dict) -> dict:  # noqa: N802
        chat_id, user_id = int(p["chat_id"]), int(p["user_id"])
        status = "administrator" if user_id in self.admins[chat_id] else "member"
        member = {"status": status, "user": {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}}
        if status == "administrator":
            member.update({k: True for k in ("can_be_edited", "is_anonymous", "can_manage_chat",
                                             "can_delete_messages", "can_manage_video_chats",
                                             "can_restrict_members", "can_promote_members", "can_change_info",
                                             "can_invite_users", "can_post_stories", "can_edit_stories",
                                             "can_delete_stories")})
            member["can_be_edited"] = False
        return member


def _check_markup(markup: Any) -> None:
    """Inline keyboards: every button needs text and 1-64 bytes of callback_data."""
    if not markup:
        return
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not button.get("text"):
                raise ApiError(400, "Bad Request: BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _maybe_json(value: str) -> Any:
    """Form values that carry JSON objects (reply_markup, commands) are decoded."""
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _multipart(content_type: str, body: bytes) -> dict:
    """Fields of a multipart/form-data body: files as bytes, other fields decoded (JSON where it is JSON)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        fields[name] = payload if part.get_filename() else _maybe_json(payload.decode("utf-8"))
    return fields
