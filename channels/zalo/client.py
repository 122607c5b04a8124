"""A small client for the Zalo Bot Platform API over httpx.AsyncClient.

Every method is `POST {base_url}/bot<TOKEN>/<method>` with a JSON body; the answer is the envelope
{"ok": true, "result": …} or {"ok": false, "error_code": int, "description": str}. The error code is read from
the body first: an idle getUpdates comes back as HTTP 200 with error_code 408 on the real platform (and as HTTP
408 in other measurements), so the HTTP status is only the fallback. The token sits in the URL path, so no error
raised here ever carries the URL (bot/service/logs.py masks it in logs besides)."""
from __future__ import annotations

import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)

IDLE = 408  # getUpdates: no update arrived within the poll time-out (not an error)
# Zalo's error table (https://bot.zapps.me/docs/error-code/): 400 bad request or unknown method, 401 token
# expired or invalid, 403 "Internal server error" (transient: NOT a blocked user), 404 invalid request,
# 408 time-out, 429 quota exceeded (no retry_after is documented).
BAD_REQUEST, UNAUTHORIZED, SERVER_ERROR, NOT_FOUND, QUOTA = 400, 401, 403, 404, 429
NOT_SENT, MAYBE_SENT, ANSWERED = "not_sent", "maybe_sent", "answered"
MIN_SECRET, MAX_SECRET = 8, 256  # setWebhook's secret_token length
MAX_TEXT = 2000  # sendMessage's text length


class ZaloError(Exception):
    """A failed call: the API's error code and description, and whether the request may have reached the
    server (NOT_SENT: certainly not; MAYBE_SENT: lost after it left; ANSWERED: the server replied)."""

    def __init__(self, code: int, description: str, reached: str = ANSWERED, retry_after: float | None = None):
        super().__init__(f"{code} {description}" if code else description)
        self.code, self.description, self.reached, self.retry_after = code, description, reached, retry_after


class ZaloClient:
    """The Bot API methods the bot uses."""

    def __init__(self, token: str, base_url: str, request_timeout: float, poll_timeout: float,
                 http: httpx.AsyncClient | None = None):
        self._url = f"{base_url.rstrip('/')}/bot{token}/"
        self.request_timeout, self.poll_timeout = request_timeout, poll_timeout
        self.http = http or httpx.AsyncClient(timeout=request_timeout)

    async def close(self) -> None:
        """Close the connections."""
        await self.http.aclose()

    async def call(self, method: str, body: dict | None = None, timeout: float | None = None) -> Any:
        """One API call; its `result`, or ZaloError."""
        try:
            response = await self.http.post(self._url + method, json=body or {},
                                            timeout=timeout or self.request_timeout)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            raise ZaloError(0, f"{method}: cannot connect ({type(error).__name__})", NOT_SENT) from None
        except httpx.TransportError as error:  # the request left; its answer was lost
            raise ZaloError(0, f"{method}: no answer ({type(error).__name__})", MAYBE_SENT) from None
        return _result(method, response)

    async def get_me(self) -> dict:
        """The bot's own account."""
        result = await self.call("getMe")
        return result if isinstance(result, dict) else {}

    async def get_updates(self, timeout: float | None = None) -> list[dict]:
        """Wait up to `timeout` seconds for updates; the platform gives one per call (a list is accepted too)."""
        wait = self.poll_timeout if timeout is None else timeout
        try:
            # `timeout` is documented as a String ("30"); the platform and clients use that form.
            result = await self.call("getUpdates", {"timeout": str(int(wait))}, timeout=wait + self.request_timeout)
        except ZaloError as error:
            if error.code == IDLE:
                return []
            raise
        if result is None:
            return []
        items = result if isinstance(result, list) else [result]
        return [u for u in items if isinstance(u, dict)]

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        """Have updates posted to `url` with the secret in the X-Bot-Api-Secret-Token header."""
        if not MIN_SECRET <= len(secret_token) <= MAX_SECRET:
            raise ValueError(f"the webhook secret must have {MIN_SECRET} to {MAX_SECRET} characters")
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        """Back to getUpdates."""
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> dict:
        """Where updates are posted, if anywhere."""
        result = await self.call("getWebhookInfo")
        return result if isinstance(result, dict) else {}

    async def send_message(self, chat_id: str, text: str) -> dict:
        """Send text (1 to 2000 characters) to a chat; the sent message."""
        result = await self.call("sendMessage", {"chat_id": chat_id, "text": text})
        return result if isinstance(result, dict) else {}

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        """Show that the bot is working on a reply."""
        return await self.call("sendChatAction", {"chat_id": chat_id, "action": action})


def _result(method: str, response: httpx.Response) -> Any:
    """The result of an answered call, or ZaloError (tolerant of a body that is not the documented JSON)."""
    try:
        envelope = response.json()
    except ValueError:
        envelope = None
    if not isinstance(envelope, dict):
        if response.status_code == IDLE:
            raise ZaloError(IDLE, "no update")
        raise ZaloError(response.status_code, f"{method}: HTTP {response.status_code} without a JSON answer")
    if envelope.get("ok") is True and response.is_success:
        return envelope.get("result")
    code = envelope.get("error_code")
    code = code if isinstance(code, int) and not isinstance(code, bool) else response.status_code
    parameters = envelope.get("parameters") if isinstance(envelope.get("parameters"), dict) else {}
    retry_after = parameters.get("retry_after")
    retry_after = float(retry_after) if isinstance(retry_after, (int, float)) and retry_after >= 0 else None
    raise ZaloError(code, f"{method}: {envelope.get('description') or 'error'}", retry_after=retry_after)
