"""What the fake Bot API servers (tests/fakes/telegram.py, tests/fakes/zalo.py) share: an HTTP server on a free
port of 127.0.0.1 in a background thread, queued failures and delayed answers per method, waiting for what
the server records, and writing JSON answers."""
from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ApiError(Exception):
    """An error answer of a Bot API."""

    def __init__(self, code: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.code, self.description, self.parameters = code, description, parameters


NO_RESULT = object()  # a method answered {"ok": true} with no "result" (Zalo's sendChatAction)


class _Server(ThreadingHTTPServer):
    """Accepts a burst of connections as a real server would (the standard library's backlog is 5)."""

    request_queue_size = 1024
    daemon_threads = True


class FakeApi:
    """Base of a fake server: subclasses set up their state in `_setup` and answer requests in `_handle`."""

    unknown_method = (404, "Not Found: method not found")  # Telegram's answer to a method it does not have

    def _setup_common(self) -> None:
        """The state every fake keeps."""
        self.lock = threading.Condition()
        self.failures: dict[str, deque[ApiError]] = defaultdict(deque)
        self.delays: dict[str, deque[float]] = defaultdict(deque)  # seconds to hold a call's answer back
        self.late_answers = 0  # answers given after their delay
        self.server: ThreadingHTTPServer | None = None

    def start(self):
        """Serve in a background thread."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                fake._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: Any) -> None:
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Shut the server down and release waiting long polls."""
        with self.lock:
            self.lock.notify_all()
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def root(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def fail_next(self, method: str, code: int, description: str, **parameters: Any) -> None:
        """Make the next call of a method fail with this error."""
        with self.lock:
            self.failures[method].append(ApiError(code, description, parameters or None))

    def delay_next(self, method: str, seconds: float) -> None:
        """Carry out the next call of a method at once but answer it only after this long."""
        with self.lock:
            self.delays[method].append(seconds)

    def dispatch(self, req: BaseHTTPRequestHandler, method: str, params: dict) -> None:
        """Record a call, carry it out with `_api_<method>` (or the failure queued for it), answer it (late
        if a delay is queued: the call is carried out at once, only the answer waits)."""
        with self.lock:
            self.calls.append((method, params))
            self.lock.notify_all()
            failure = self.failures[method].popleft() if self.failures[method] else None
            delay = self.delays[method].popleft() if self.delays[method] else 0.0
        try:
            if failure:
                raise failure
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(*self.unknown_method)
            result = handler(params)
        except ApiError as err:
            time.sleep(delay)
            return self.error_answer(req, method, err)
        time.sleep(delay)  # the documented delay being simulated; no test waits on it, they wait on late_answers
        self.write(req, 200, {"ok": True} if result is NO_RESULT else {"ok": True, "result": result})
        if delay:
            with self.lock:
                self.late_answers += 1
                self.lock.notify_all()

    def wait_for(self, predicate, timeout: float = 10.0) -> bool:
        """Block until predicate() holds (checked whenever the server records something)."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.lock.wait(min(left, 0.05))
            return True

    @staticmethod
    def write(req: BaseHTTPRequestHandler, code: int, payload: dict) -> None:
        """A JSON answer."""
        FakeApi.write_bytes(req, code, json.dumps(payload).encode(), "application/json")

    @staticmethod
    def write_bytes(req: BaseHTTPRequestHandler, code: int, data: bytes,
                    content_type: str = "application/octet-stream") -> None:
        """Any answer (a client that went away is not an error)."""
        try:
            req.send_response(code)
            req.send_header("Content-Type", content_type)
            req.send_header("Content-Length", str(len(data)))
            req.end_headers()
            req.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def error_answer(self, req: BaseHTTPRequestHandler, method: str, err: ApiError) -> None:
        """The documented error envelope, recorded."""
        with self.lock:
            self.errors.append((method, err.code, err.description))
        payload = {"ok": False, "error_code": err.code, "description": err.description}
        if err.parameters:
            payload["parameters"] = err.parameters
        self.write(req, self.http_status(method, err), payload)

    def http_status(self, method: str, err: ApiError) -> int:
        """The HTTP status of an error answer (the error code, unless a fake knows better)."""
        return err.code
