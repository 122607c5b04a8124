"""The running service: every chat channel enabled in config.yaml in one process, sharing one engine, one
database and one conversation; one instance per pid file; reload on SIGHUP or when the knowledge folder changes;
daily pruning of the question log; broadcasts started, resumed after a restart and reported to their admin;
a clean stop on SIGTERM or Ctrl-C."""
from __future__ import annotations

import asyncio
import errno
import fcntl
import json
import logging
import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Coroutine, Mapping, TextIO
import sys

from channels import PLATFORMS, Channel, StartError, module, terminal
from handlers import admin
from handlers.conversation import Conversation

from bot.service import broadcast
from bot.service.app import App
from bot.kb.knowledge import ARTICLES_DIR, TOP_FILES
from bot.service.config import REPO_ROOT
from bot.service.logs import protect

log = logging.getLogger(__name__)


class AlreadyRunning(Exception):
    """Another instance holds the pid file."""


class SetupError(Exception):
    """The service cannot start as configured (no channel enabled, a token missing); the message says why."""


class PidLock:
    """The pid file, locked while this process runs, so a second instance refuses to start."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Lock the pid file and write this process's id (raises AlreadyRunning)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise SetupError(f"cannot write the pid file {self.path} ({error.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            other = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise AlreadyRunning(f"another bot is already running (pid {other}, pid file {self.path})") from None
            raise
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def holder(self) -> int | None:
        """The pid of the process holding the lock now (-1 if its pid is unreadable), None if none does; the
        file is neither created nor removed."""
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text = os.read(fd, 32).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def release(self) -> None:
        """Remove the pid file and unlock it."""
        if self._fd is None:
            return
        try:
            self.path.unlink()
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None


def running_pid(path: Path) -> int | None:
    """The pid of the service running on this pid file, or None: the file's lock, not a live pid, says whether it
    runs (after a kill -9 the file stays, and its pid may be reused by any other process)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            pid = os.read(fd, 32).decode(errors="replace").strip()
            return int(pid) if pid.isdigit() else None
        fcntl.flock(fd, fcntl.LOCK_UN)  # nobody holds it: a stale file
        return None
    finally:
        os.close(fd)


def tokens(names: list[str], environ: Mapping[str, str]) -> dict[str, str]:
    """Each channel's token from its environment variable (raises SetupError naming the ones missing)."""
    found, missing = {}, []
    for name in names:
        variable = module(name).TOKEN_ENV
        token = environ.get(variable, "").strip()
        if token:
            found[name] = token
        else:
            missing.append(variable)
    if missing:
        raise SetupError(f"set {' and '.join(missing)} to the bot token" + ("s" if len(missing) > 1 else ""))
    return found


def enabled_channels(app: App) -> list[str]:
    """The chat platforms config.yaml enables (raises SetupError when there are none)."""
    names = [name for name in PLATFORMS if app.config.channel(name).enabled]
    if not names:
        raise SetupError("no channel is enabled in the configuration (telegram.enabled, zalo.enabled)")
    return names


class Runtime:
    """One process serving its channels until stopped."""

    def __init__(self, app: App, flood: bool = True, health: bool = True):
        self.app = app
        self.conversation = Conversation(app, starter=self.start_broadcast, flood=flood)
        self.channels: dict[str, Channel] = {}
        self.running: set[str] = set()
        self.tasks: set[asyncio.Task] = set()
        self._stop = asyncio.Event()
        self._status = 0
        self.health: Health | None = None
        self._health_wanted = health  # the terminal chat never opens the service's /healthz port

    def add(self, channel: Channel) -> None:
        """A channel to start with the others."""
        self.channels[channel.name] = channel

    def add_platforms(self, names: list[str], environ: Mapping[str, str],
                      webhooks: Mapping[str, str] | None = None) -> None:
        """Chat platforms by name, each with its token from the environment (masked in every log line from
        here on) and its webhook address if it has one (else long polling)."""
        found = tokens(names, environ)
        protect(*found.values())
        for name in names:
            mod = module(name)
            webhook = (webhooks or {}).get(name) or self.app.config.channel(name).webhook_url
            self.add(mod.create(self.app, self.conversation, found[name], webhook, environ.get(mod.SECRET_ENV, "")))

    def spawn(self, coro: Coroutine) -> asyncio.Task:
        """Run a background task, kept until it ends (and logged if it fails)."""
        task = asyncio.get_running_loop().create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        """Forget a finished task; log its failure."""
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task failed", exc_info=task.exception())

    def stop(self, status: int = 0) -> None:
        """Ask the service to stop."""
        self._status = self._status or status
        self._stop.set()

    async def run(self) -> int:
        """Serve until SIGTERM, Ctrl-C or stop(); the exit status."""
        loop = asyncio.get_running_loop()
        self._signals(loop)
        try:
            await self.start()
            log.info("bot starting on %s (pid %d)", ", ".join(self.channels), os.getpid())
            await self._stop.wait()
        finally:
            await self.close()
            self._unsignal(loop)
        log.info("bot stopped")
        return self._status

    async def start(self) -> None:
        """Start every channel (in the background: one waiting for its network does not hold up the others)
        and the background services."""
        settings = self.app.config.service
        if settings.health_port and self._health_wanted:
            self.health = Health(self)
            try:
                await self.health.start(settings.health_listen, settings.health_port)
            except OSError as error:
                log.error("cannot listen for /healthz on %s:%d (%s)", settings.health_listen, settings.health_port,
                          error.strerror)
                self.stop(1)
                return
        for name in self.channels:
            self.spawn(self._start(name))
        if self.app.config.reload.watch:
            self.spawn(self._watch())
        if self.app.store is not None:
            self.spawn(self._prune())

    async def wait_started(self, timeout: float) -> bool:
        """Wait until every channel runs; whether they all did within `timeout` seconds."""
        deadline = asyncio.get_running_loop().time() + timeout
        while self.running != set(self.channels) and not self._stop.is_set():
            if asyncio.get_running_loop().time() > deadline:
                return False
            await asyncio.sleep(0.01)
        return self.running == set(self.channels)

    def catch_signals(self) -> None:
        """Take the signals now (run() takes them anyway); a signal already caught is acted on when run() starts."""
        self._signals(asyncio.get_running_loop())

    def _signals(self, loop: asyncio.AbstractEventLoop) -> None:
        """SIGTERM and Ctrl-C stop; SIGHUP reloads the knowledge."""
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stop)
        loop.add_signal_handler(signal.SIGHUP, lambda: self.spawn(admin.reload_in_background(self.app, "SIGHUP")))

    @staticmethod
    def _unsignal(loop: asyncio.AbstractEventLoop) -> None:
        """Give the signals back."""
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(sig)

    async def close(self) -> None:
        """Cancel background work (a broadcast cut short resumes at the next start), stop the channels."""
        if self.health is not None:
            await self.health.close()
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for name in list(self.running):
            try:
                await self.channels[name].stop()
            except Exception:  # noqa: BLE001 - one channel's failure to stop must not keep the others running
                log.error("%s did not stop cleanly", name, exc_info=True)
        self.running.clear()
        await asyncio.to_thread(self.app.flush)  # the question log is written in the background

    async def _start(self, name: str) -> None:
        """Start a channel; while the network is missing, try again with a growing pause; a channel that can
        never start (a wrong token) stops the service with a clear message."""
        settings = self.app.config.service
        delay = settings.start_retry_seconds
        channel = self.channels[name]
        while True:
            try:
                await channel.start()
                break
            except StartError as error:
                if not error.retry:
                    log.error("%s", error)
                    self.stop(1)
                    return
                log.error("%s; trying again in %.3g s", error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, settings.start_retry_max_seconds)
            except Exception:  # noqa: BLE001 - a channel that cannot start must stop the service, not hang it
                log.error("%s could not start", name, exc_info=True)
                self.stop(1)
                return
        self.running.add(name)
        if self.app.store is not None:
            # Broadcasts cut short by a stop or a crash go on.
            for broadcast_id in await asyncio.to_thread(self.app.store.unfinished_broadcasts, name):
                log.info("resuming broadcast %d on %s", broadcast_id, name)
                self.spawn(self._broadcast(name, broadcast_id))

    def start_broadcast(self, channel: str, broadcast_id: int, chat: str, status_message: str | None) -> None:
        """A broadcast an admin confirmed: remember where its status goes, and send it."""
        self.spawn(self._broadcast(channel, broadcast_id, (chat, status_message)))

    async def _broadcast(self, name: str, broadcast_id: int, status: tuple[str, str | None] | None = None) -> None:
        """Send (or resume) a broadcast, reporting to the admin who started it."""
        channel = self.channels[name]
        if status is not None:
            await asyncio.to_thread(self.app.store.set_status_message, broadcast_id, *status)
        report = await self.conversation.broadcast_status(channel.port, broadcast_id)
        try:
            await broadcast.run(self.app.store, channel.sender(), broadcast_id, self.app.config.broadcast_limits(name),
                                report)
        except broadcast.AlreadyRunning as error:
            log.info("%s", error)

    async def _prune(self) -> None:
        """Delete questions older than the retention period, once a day."""
        days = self.app.config.privacy.retention_days
        while True:
            await asyncio.sleep(self.app.config.service.prune_interval_hours * 3600)
            removed = await asyncio.to_thread(self.app.store.prune, days)
            log.info("pruned %d questions older than %d days", removed, days)

    async def _watch(self) -> None:
        """Reload when a knowledge file changes (polling modification times and sizes)."""
        folder = self.app.config.knowledge_dir
        last = knowledge_snapshot(folder)
        while True:
            await asyncio.sleep(self.app.config.reload.watch_interval_seconds)
            now = knowledge_snapshot(folder)
            if now != last:
                last = now
                await admin.reload_in_background(self.app, "watch")


class Health:
    """GET /healthz on 127.0.0.1 (service.health_port), served on the event loop with asyncio streams:
    200 when ready (knowledge loaded, database writable, every channel running and, when polling, polled
    successfully within service.health_stale_seconds), else 503; JSON says which check failed. GET /livez is
    200 while the loop answers. The database check runs in a thread: SQLite never blocks the loop."""

    MAX_REQUEST = 8192
    TIMEOUT = 5.0

    def __init__(self, runtime: "Runtime"):
        self.runtime = runtime
        self.server: asyncio.AbstractServer | None = None
        self._db_check: asyncio.Future | None = None

    async def start(self, host: str, port: int) -> None:
        """Listen (raises OSError when the address is taken)."""
        self.server = await asyncio.start_server(self._serve, host, port)
        log.info("health endpoint on http://%s:%d/healthz", host, port)

    async def close(self) -> None:
        """Stop listening."""
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One request, one answer, then the connection closes."""
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.TIMEOUT)
            method, target = (head.split(b"\r\n", 1)[0].decode("latin-1").split(" ") + ["", ""])[:2]
            if method not in ("GET", "HEAD"):
                status, body = 405, {"error": "method not allowed"}
            elif target.split("?")[0] == "/healthz":
                body = await self.report()
                status = 200 if body["ready"] else 503
            elif target.split("?")[0] == "/livez":
                status, body = 200, {"live": True}
            else:
                status, body = 404, {"error": "not found"}
            data = json.dumps(body, ensure_ascii=False).encode()
            reason = {200: "OK", 404: "Not Found", 405: "Method Not Allowed", 503: "Service Unavailable"}[status]
            writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: "
                         f"{len(data)}\r\nConnection: close\r\n\r\n".encode() + (b"" if method == "HEAD" else data))
            await writer.drain()
        except (asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    async def report(self) -> dict:
        """Liveness and readiness, each check with its state."""
        runtime, now = self.runtime, time.time()
        stale = runtime.app.config.service.health_stale_seconds
        facts = len(runtime.app.engine.kb.facts)
        database = await self._database()
        channels = {}
        for name, channel in runtime.channels.items():
            mode, last = getattr(channel, "mode", ""), getattr(channel, "last_ok", None)
            ago = round(now - last, 1) if last else None
            fresh = mode != "polling" or (ago is not None and ago <= stale)
            channels[name] = {"running": name in runtime.running, "mode": mode, "last_ok_seconds_ago": ago,
                              "ready": name in runtime.running and fresh}
        ready = facts > 0 and database["writable"] and all(c["ready"] for c in channels.values())
        return {"live": True, "ready": ready, "knowledge": {"loaded": facts > 0, "facts": facts},
                "database": database, "channels": channels}

    async def _database(self) -> dict:
        """Whether the database takes a write lock now (checked in a thread; one check at a time)."""
        store = self.runtime.app.store
        if store is None:
            return {"writable": True, "detail": "no database in use"}
        if self._db_check is None or self._db_check.done():
            self._db_check = asyncio.ensure_future(asyncio.to_thread(_writable, store.path))
        try:
            error = await asyncio.wait_for(asyncio.shield(self._db_check), self.TIMEOUT)
        except asyncio.TimeoutError:
            error = "the check did not finish in time"
        return {"writable": error is None, **({"detail": error} if error else {})}


def _writable(path: Path) -> str | None:
    """None if the database can take a write lock at once, else why not (a lock held for long, a read-only
    file or folder, a deleted file)."""
    if not path.exists():
        return "the database file is missing"
    try:
        conn = sqlite3.connect(str(path), timeout=1.0)
        try:
            conn.execute("begin immediate")
            conn.execute("rollback")
        finally:
            conn.close()
    except sqlite3.Error as error:
        return str(error)
    return None


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


def serve(app: App, names: list[str], webhooks: Mapping[str, str] | None = None,
          environ: Mapping[str, str] = os.environ) -> int:
    """Run chat platforms in this process, holding the pid file; the exit status."""
    lock = PidLock(app.config.pid_file)
    lock.acquire()
    warn_about_setup(app)
    try:
        return asyncio.run(_serve(app, names, webhooks or {}, environ))
    finally:
        lock.release()


def warn_about_setup(app: App) -> None:
    """Start-up warnings an operator should act on (the service runs anyway)."""
    config = app.config
    for what, path in (("database", config.database), ("pid file", config.pid_file)):
        if path.resolve().is_relative_to(REPO_ROOT):
            log.warning("the %s %s is inside the code folder: for a deployment set it under a data folder (see "
                        "deploy/config.yaml: /var/lib/cbccvc-bot, /run/cbccvc-bot)", what, path)


async def _serve(app: App, names: list[str], webhooks: Mapping[str, str], environ: Mapping[str, str]) -> int:
    """The service on the running loop."""
    runtime = Runtime(app)
    # Ctrl-C and SIGTERM stop the runtime from here on: loading a platform's library takes a moment, and a signal
    # then must not go to asyncio's own handler (which cancels the main task, a request some start-up code
    # could swallow).
    runtime.catch_signals()
    runtime.add_platforms(names, environ, webhooks)
    return await runtime.run()


def chat(app: App, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Chat until EOF, /thoat or Ctrl-C, with no flood limit; reload (SIGHUP, watch) and broadcasts work as
    in the service."""
    return asyncio.run(_chat(app, stdin, stdout))


async def _chat(app: App, stdin: TextIO, stdout: TextIO) -> int:
    """The terminal channel on its own runtime."""
    runtime = Runtime(app, flood=False, health=False)
    runtime.add(terminal.TerminalChannel(runtime.conversation, stdin, stdout, runtime.stop))
    return await runtime.run()
