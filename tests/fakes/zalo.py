"""A fake Zalo Bot Platform API server on 127.0.0.1 for tests and benchmarks, behaving as the platform is
documented and as clients that run against it report. Sources (see /work/notes/platforms.md for the full list):

- [DOCS] the Zalo Bot Platform docs (https://bot.zapps.me/docs, now bot.zaloplatforms.com/docs), read through
  verbatim copies: XuanNguyenNB/QuanLyThuChi_Bot_Telegram_Zalom:docs/ZALO_BOT_API.md and
  lucminhduc3108/Zalo-Bot-Beta-Attendance:ZaloBotDocs/{Webhook,setWebhook,sendMessage,deleteWebhook}.md.
- [ERRORS] the error-code table https://bot.zapps.me/docs/error-code/ (copy: x-project-coding/goclaw:
  docs/zalo-error-codes.md): 400 bad request / unknown API name, 401 token expired or invalid,
  403 "Internal server error", 404 invalid request, 408 request timeout, 429 "Quota exceeded". No 5xx, no
  retry_after.
- [SDK] the official python-zalo-bot 0.1.9 (sends form-urlencoded bodies: zalo_bot/request/_httpx_request.py).
- [OPENCLAW] openclaw/openclaw:extensions/zalo/src/api.ts (getUpdates returns ONE update, timeout sent as "30").
- [GOCLAW] nextlevelbuilder/goclaw:internal/channels/zalo/bot/{poll,channel,webhook}.go.
- [MCP] trongnguyenbinh/zalo-bot-mcp:src/zalo_bot_mcp/zalo_api.py (measurements against a real bot).

Behaviour, each with its source:
- POST (or GET) /bot<TOKEN>/<method>; parameters as JSON, form-urlencoded or query string [DOCS "Sử dụng API";
  SDK]. Answers {"ok": true, "result": …} or {"ok": false, "error_code", "description"} [DOCS].
- An unknown method is 400 [ERRORS: "sai đường dẫn hoặc API Name không hợp lệ"]; a wrong token 401
  [ERRORS].
- getMe: {"id", "account_name": "bot.XXXX" (a handle, not the display name), "account_type", "can_join_groups"}
  with no display_name [DOCS "getMe" sample]; the display name people mention starts with "Bot" [DOCS create-bot
  page]. `display_name` can be set to return one too (the SDK's User type has it as optional).
- getUpdates: `timeout` is a String, default 30 s [DOCS; OPENCLAW sends "30"]; ONE update per call, not a list
  [DOCS sample; OPENCLAW]; an idle poll is HTTP 200 with {"ok": false, "error_code": 408, "description":
  "Request timeout"} [a measured client; GOCLAW and OPENCLAW key on error_code 408; MCP measured HTTP 408:
  `idle_status` selects]; while a webhook is set getUpdates fails with 400 [GOCLAW channel.go; DOCS: "sẽ không
  hoạt động"].
- setWebhook: https `url`, `secret_token` of 8-256 characters sent back in X-Bot-Api-Secret-Token; the URL is
  pinged when saved and must answer 200 [GOCLAW webhook.go: "the setWebhook URL-save ping gets 200"]; the ping
  carries no secret here (the worst case: GoClaw accepts it before any secret is checked). Result {"url",
  "updated_at"} [DOCS setWebhook.md].
- deleteWebhook: {"url": "", "updated_at"} [DOCS deleteWebhook.md]; with no webhook set the platform answers
  ok:false, 404 (sometimes 400) [issue 17, reported against the real platform; `no_webhook_code` selects];
  getWebhookInfo with none set: HTTP 404 {"ok": false, "description": "Not Found"} [MCP get_webhook_info].
- Webhook deliveries are posted wrapped, {"ok": true, "result": {update}} [DOCS Webhook.md; the SDK's webhook
  example reads ['result']]; `flat_webhook` posts the bare update as OPENCLAW and GOCLAW report.
- sendMessage: string chat_id, text of 1-2000 characters; result {"message_id", "date"} [DOCS sendMessage.md].
- sendChatAction: action "typing"; the answer is {"ok": true} with no result [DOCS].
- The platform redelivers the bot's own messages, from the bot's id [GOCLAW poll.go processUpdate; MCP drops
  from.is_bot]: every accepted sendMessage is echoed as a message.text.received from BOT["id"] (no is_bot).
- Updates: {"event_name": "message.text.received" | "message.image.received" | "message.sticker.received" |
  "message.unsupported.received", "message": {"from": {"id", "display_name", "is_bot"}, "chat": {"id",
  "chat_type": "PRIVATE" | "GROUP"}, "text", "message_id", "date" (ms)}} [DOCS Webhook.md]. Groups are "sắp ra
  mắt" (in internal testing) and deliver only mentions and replies to the bot [DOCS; platforms.md §7].
Failures can be queued per method (fail_next: e.g. 403 "Internal server error", 429 "Quota exceeded" with no
retry_after), and answers delayed. Everything it receives is recorded for assertions.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

from tests.fakes.server import NO_RESULT, ApiError, FakeApi

TOKEN = "3581947362:zalo-TEST-token-not-a-real-one"
BOT = {"id": "1459232241454765289", "account_name": "bot.VDKyGxQvc", "account_type": "BASIC",
       "can_join_groups": True}
DISPLAY_NAME = "Bot Hỏi Đáp CBCCVC"  # what people type after "@" in a group
MAX_TEXT = 2000
IDLE = 408
SECRET_HEADER = "X-Bot-Api-Secret-Token"


@dataclass
class FakeZalo(FakeApi):
    """State of the fake server; thread-safe; start() binds a free port on 127.0.0.1."""

    token: str = TOKEN
    echo: bool = True  # sent messages come back as updates from the bot's own id
    idle_status: int = 200  # HTTP status of an idle getUpdates (its body always says error_code 408)
    no_webhook_code: int = 404  # deleteWebhook's error when no webhook is set (404, or 400)
    display_name: str | None = None  # getMe's display_name, when the platform would give one
    webhook_target: str | None = None  # where the public webhook URL leads (the TLS proxy's upstream)
    flat_webhook: bool = False  # post bare updates instead of the documented wrapped form

    unknown_method = (400, "Bad request")

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
        self.pings: list[int] = []  # HTTP status of each setWebhook ping
        self.posted: list[int] = []  # HTTP status of each webhook delivery
        self.chat_types: dict[str, str] = {}  # chat id -> chat_type, as seen in the updates made

    # ------------------------------------------------------------ control from tests

    @property
    def base_url(self) -> str:
        """What to configure as zalo.base_url."""
        return self.root

    def push(self, update: dict) -> None:
        """An update: posted to the webhook when one is set (from a thread, as the platform would), else
        queued for getUpdates."""
        if self.webhook and self.webhook_target:
            threading.Thread(target=self.post_webhook, args=(update,), daemon=True).start()
            return
        with self.lock:
            self.updates.append(update)
            self.lock.notify_all()

    def post_webhook(self, update: dict, secret: str | None = None) -> int:
        """POST one update to the webhook the way the platform does; the HTTP status."""
        body = update if self.flat_webhook else {"ok": True, "result": update}
        status = self._post(json.dumps(body).encode(), self.webhook.get("secret_token") if secret is None
                            else secret)
        with self.lock:
            self.posted.append(status)
            self.lock.notify_all()
        return status

    def _post(self, data: bytes, secret: str | None) -> int:
        """One POST to the webhook target; its status (0 when nothing answered)."""
        headers = {"Content-Type": "application/json"}
        if secret:
            headers[SECRET_HEADER] = secret
        request = urllib.request.Request(self.webhook_target or "", data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return 0

    def message(self, text: str, user_id: str = "u111", chat_id: str | None = None, group: bool = False,
                event: str = "message.text.received", message_id: str | None = None, is_bot: bool = False,
                name: str = "Cán bộ", chat_type: str | None = None) -> dict:
        """A message update as the platform sends it (ids are strings, the date in milliseconds)."""
        message = {"message_id": message_id or f"m{next(self.message_ids)}", "date": int(time.time() * 1000),
                   "from": {"id": user_id, "display_name": name, "is_bot": is_bot},
                   "chat": {"id": chat_id or user_id,
                            "chat_type": chat_type or ("GROUP" if group else "PRIVATE")}}
        self.chat_types[message["chat"]["id"]] = message["chat"]["chat_type"]
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
        """Parse one call (query string, JSON or form body) and write the JSON answer."""
        url = urllib.parse.urlsplit(req.path)
        prefix = f"/bot{self.token}/"
        if not url.path.startswith("/bot"):
            return self.write(req, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
        if not url.path.startswith(prefix):
            return self.write(req, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = url.path[len(prefix):]
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        params: dict = dict(urllib.parse.parse_qsl(url.query))
        try:
            if raw and "json" in (req.headers.get("Content-Type") or "json"):
                body = json.loads(raw)
                if not isinstance(body, dict):
                    raise ValueError("not an object")
            else:
                body = dict(urllib.parse.parse_qsl(raw.decode("utf-8"), strict_parsing=bool(raw)))
        except ValueError:
            return self.write(req, 400, {"ok": False, "error_code": 400, "description": "Bad request"})
        self.dispatch(req, method, {**params, **body})

    def http_status(self, method: str, err: ApiError) -> int:
        """An idle poll's HTTP status is `idle_status` (the body still says 408)."""
        return self.idle_status if method == "getUpdates" and err.code == IDLE else err.code

    # ------------------------------------------------------------ methods

    def _api_getMe(self, p: dict) -> dict:  # noqa: N802 - API names
        return {**BOT, "display_name": self.display_name} if self.display_name else BOT

    def _api_getUpdates(self, p: dict) -> dict:  # noqa: N802
        if self.webhook:
            raise ApiError(400, "Bad request")
        timeout = p.get("timeout", "30")
        try:
            timeout = float(timeout) if not isinstance(timeout, bool) else -1
        except (TypeError, ValueError):
            raise ApiError(400, "Bad request") from None
        if timeout < 0:
            raise ApiError(400, "Bad request")
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

    def _api_setWebhook(self, p: dict) -> dict:  # noqa: N802
        if not str(p.get("url", "")).startswith("https://"):
            raise ApiError(400, "Bad request")
        secret = p.get("secret_token")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad request")
        if self.webhook_target:
            status = self._post(b"{}", None)  # the URL-save ping
            self.pings.append(status)
            if status != 200:
                raise ApiError(400, f"Bad request: webhook URL answered {status}")
        self.webhook = {"url": p["url"], "secret_token": secret}
        return {"url": p["url"], "updated_at": int(time.time() * 1000)}

    def _api_deleteWebhook(self, p: dict) -> dict:  # noqa: N802
        if not self.webhook:
            raise ApiError(self.no_webhook_code, "Not Found" if self.no_webhook_code == 404 else "Bad request")
        self.webhook = {}
        return {"url": "", "updated_at": int(time.time() * 1000)}

    def _api_getWebhookInfo(self, p: dict) -> dict:  # noqa: N802
        if not self.webhook:
            raise ApiError(404, "Not Found")
        return {"url": self.webhook["url"], "updated_at": int(time.time() * 1000)}

    def _api_sendMessage(self, p: dict) -> dict:  # noqa: N802
        chat_id, text = p.get("chat_id"), p.get("text")
        if not isinstance(chat_id, str) or not chat_id:
            raise ApiError(400, "Bad request")
        if not isinstance(text, str) or not 1 <= len(text) <= MAX_TEXT:
            raise ApiError(400, "Bad request")
        message = {"message_id": f"s{next(self.message_ids)}", "chat_id": chat_id, "text": text,
                   "date": int(time.time() * 1000)}
        with self.lock:
            self.sent.append(message)
            self.sent_at.append((chat_id, time.monotonic()))
            self.lock.notify_all()
        if self.echo:
            self.push({"event_name": "message.text.received",
                       "message": {"message_id": message["message_id"], "date": message["date"], "text": text,
                                   "from": {"id": BOT["id"], "display_name": DISPLAY_NAME},
                                   "chat": {"id": chat_id,
                                            "chat_type": self.chat_types.get(chat_id, "PRIVATE")}}})
        return {"message_id": message["message_id"], "date": message["date"]}

    def _api_sendChatAction(self, p: dict) -> object:  # noqa: N802
        if p.get("action") != "typing" or not isinstance(p.get("chat_id"), str):
            raise ApiError(400, "Bad request")
        self.actions.append((p["chat_id"], p["action"]))
        return NO_RESULT
