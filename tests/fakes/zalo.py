"""A fake Zalo Bot Platform API server on 127.0.0.1 for tests and benchmarks.

It follows the documented interface: POST /bot<TOKEN>/<method> with a JSON body, answering
{"ok": true, "result": …} or {"ok": false, "error_code", "description"}. getUpdates long-polls with
{"timeout": N} and hands out ONE update per call, answering HTTP 408 when none arrives in time; sendMessage
takes a string chat_id and 1–2000 characters of text; setWebhook needs an https URL and an 8–256 character
secret_token (getUpdates is refused while a webhook is set). Failures (429, 5xx, 403 for a blocked chat) can be
queued per method, and replies delayed. Everything it receives is recorded for assertions.
"""
from __future__ import annotations

import itertools
import json
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.fakes.server import ApiError, FakeApi

TOKEN = "3581947362:zalo-TEST-token-not-a-real-one"
BOT = {"id": "8000111222", "account_name": "Trợ lý CBCCVC", "account_type": "BASIC", "can_join_groups": True}
MAX_TEXT = 2000
IDLE = 408


@dataclass
class FakeZalo(FakeApi):
    """State of the fake server; thread-safe; start() binds a free port on 127.0.0.1."""

    token: str = TOKEN
    blocked: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._setup_common()
        self.updates: deque[dict] = deque()
        self.message_ids = itertools.count(1)
        self.calls: list[tuple[str, dict]] = []
        self.sent: list[dict] = []  # every message accepted by sendMessage: {"chat_id", "text", "message_id"}
        self.errors: list[tuple[str, int, str]] = []
        self.actions: list[tuple[str, str]] = []
        self.idle_polls = 0  # getUpdates calls answered 408
        self.handed_to: dict[str, float] = {}  # chat id -> when getUpdates first handed out a message of it
        self.sent_at: list[tuple[str, float]] = []  # (chat id, when sendMessage accepted a message)
        self.webhook: dict = {}

    # ------------------------------------------------------------ control from tests

    @property
    def base_url(self) -> str:
        """What to configure as zalo.base_url."""
        return self.root

    def push(self, update: dict) -> None:
        """Queue an update for getUpdates."""
        with self.lock:
            self.updates.append(update)
            self.lock.notify_all()

    def message(self, text: str, user_id: str = "u111", chat_id: str | None = None, group: bool = False,
                event: str = "message.text.received", message_id: str | None = None, is_bot: bool = False,
                name: str = "Cán bộ") -> dict:
        """A message update as the platform sends it (ids are strings, the date in milliseconds)."""
        message = {"message_id": message_id or f"m{next(self.message_ids)}", "date": int(time.time() * 1000),
                   "from": {"id": user_id, "display_name": name, "is_bot": is_bot},
                   "chat": {"id": chat_id or user_id, "chat_type": "GROUP" if group else "PRIVATE"}}
        if event == "message.text.received":
            message["text"] = text
        elif event == "message.image.received":
            message["photo_url"] = "https://example.invalid/photo.jpg"
        elif event == "message.sticker.received":
            message["sticker"] = "st1"
        return {"event_name": event, "message": message}

    def sent_to(self, chat_id: str) -> list[dict]:
        """Messages accepted for one chat."""
        with self.lock:
            return [m for m in self.sent if m["chat_id"] == chat_id]

    # ------------------------------------------------------------ HTTP

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        """Parse one call and write the JSON answer."""
        prefix = f"/bot{self.token}/"
        if not req.path.startswith("/bot"):
            return self.write(req, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if not req.path.startswith(prefix):
            return self.write(req, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = req.path[len(prefix):]
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        try:
            params = json.loads(raw or b"{}")
            if not isinstance(params, dict):
                raise ValueError("not an object")
        except ValueError:
            return self.write(req, 400, {"ok": False, "error_code": 400, "description": "Bad Request: invalid JSON"})
        self.dispatch(req, method, params)

    # ------------------------------------------------------------ methods

    def _api_getMe(self, p: dict) -> dict:  # noqa: N802 - API names
        return BOT

    def _api_getUpdates(self, p: dict) -> dict:  # noqa: N802
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates while webhook is active")
        timeout = p.get("timeout", 0)
        if not isinstance(timeout, int) or isinstance(timeout, bool) or timeout < 0:
            raise ApiError(400, "Bad Request: timeout must be a non-negative integer")
        deadline = time.monotonic() + timeout
        with self.lock:
            while not self.updates and time.monotonic() < deadline and self.server is not None:
                self.lock.wait(min(0.05, max(0.0, deadline - time.monotonic())))
            if not self.updates:
                self.idle_polls += 1
                raise ApiError(IDLE, "Request timeout")
            update = self.updates.popleft()
            chat = ((update.get("message") or {}).get("chat") or {}).get("id")
            if chat is not None:
                self.handed_to.setdefault(chat, time.monotonic())
            return update

    def _api_setWebhook(self, p: dict) -> bool:  # noqa: N802
        if not str(p.get("url", "")).startswith("https://"):
            raise ApiError(400, "Bad Request: url must be https")
        secret = p.get("secret_token")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad Request: secret_token must have 8 to 256 characters")
        self.webhook = {"url": p["url"], "secret_token": secret}
        return True

    def _api_deleteWebhook(self, p: dict) -> bool:  # noqa: N802
        self.webhook = {}
        return True

    def _api_getWebhookInfo(self, p: dict) -> dict:  # noqa: N802
        return {"url": self.webhook.get("url", ""), "updated_at": int(time.time() * 1000)}

    def _api_sendMessage(self, p: dict) -> dict:  # noqa: N802
        chat_id, text = p.get("chat_id"), p.get("text")
        if not isinstance(chat_id, str) or not chat_id:
            raise ApiError(400, "Bad Request: chat_id must be a non-empty string")
        if not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT:
            raise ApiError(400, f"Bad Request: text must have 1 to {MAX_TEXT} characters")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: the user has blocked the bot")
        message = {"message_id": f"s{next(self.message_ids)}", "chat_id": chat_id, "text": text,
                   "date": int(time.time() * 1000)}
        with self.lock:
            self.sent.append(message)
            self.sent_at.append((chat_id, time.monotonic()))
            self.lock.notify_all()
        return {"message_id": message["message_id"], "date": message["date"]}

    def _api_sendChatAction(self, p: dict) -> bool:  # noqa: N802
        if p.get("action") != "typing" or not isinstance(p.get("chat_id"), str):
            raise ApiError(400, "Bad Request: action must be typing")
        self.actions.append((p["chat_id"], p["action"]))
        return True
