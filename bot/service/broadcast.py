"""Broadcasts to subscribed chats: durable, rate-limited, resumable, never sent twice.

Every recipient is written to SQLite as pending before anything is sent. A cancelled broadcast's pending
recipients are dropped in the database; a worker claims each recipient (pending -> sending) just before its
request, so a cancel stops the sending within the messages already in flight, and it is never resumed.
All broadcasts of one channel in one service share one RateLimiter, so two at once keep one pace.

Each send is bracketed by two commits: "sending" just before the request, "sent" (or a failure) just after
the answer. After a crash the "sending" rows are the only uncertain ones: they are counted as sent and flagged unconfirmed, never sent
again — their request was written right after the commit, so only a crash inside that sub-millisecond
gap loses a message, while re-sending would repeat every message whose answer was lost in flight. At most
`concurrency` recipients can be in that state at once.

Channel-neutral: a channel supplies a Sender translating its wire results into bot/service/delivery.py's outcomes,
and what follows each result is decided there, as for answers. A send that may have reached the server without
an answer (a time-out after the request left) is recorded as sent and unconfirmed, never retried.
"""
from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
import weakref
from collections import deque
from dataclasses import dataclass
from typing import Awaitable, Callable, Protocol

from bot.service.delivery import AGAIN, DONE, GONE, MOVE, UNSURE, WAIT, RetryPolicy, SendResult, next_step
from bot.storage.store import BLOCKED, CANCELLED, FAILED, MOVED, PENDING, SENDING, SENT, Store

log = logging.getLogger(__name__)
_UNLIMITED = 1 << 30  # a broadcast waits out every rate limit: it has time, and no one is waiting for it


@dataclass(frozen=True)
class Limits:
    """Sending limits and retry policy; every number comes from config.yaml."""

    overall_per_second: float = 30.0
    group_per_minute: float = 20.0
    chat_per_second: float = 1.0
    window_margin_seconds: float = 0.05  # each window is this much longer, so jitter never breaks a limit
    concurrency: int = 4
    max_attempts: int = 5
    backoff_seconds: float = 1.0
    progress_seconds: float = 3.0
    max_chars: int = 3500  # characters in one broadcast
    monthly_quota: int = 0  # broadcast messages a calendar month (0: no quota)
    storage_pause_seconds: float = 30.0  # while the database fails, it is tried again at most this far apart


class Sender(Protocol):
    """A channel's way of delivering one broadcast message, its wire result translated to a SendResult."""

    channel: str

    async def send(self, chat: str, text: str) -> SendResult:
        """Deliver text to one chat."""


@dataclass(frozen=True)
class Progress:
    """Where a broadcast stands."""

    broadcast_id: int
    total: int
    sent: int
    failed: int
    remaining: int
    unconfirmed: int
    eta_seconds: float | None
    done: bool
    cancelled: int = 0  # recipients dropped when an admin cancelled the broadcast


class RateLimiter:
    """At most N messages per second overall, M per minute to one group, and about 1 per second to a chat.

    Windows are sliding and counted at the moment a send starts; a 429 pauses everyone for its retry_after.
    """

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self.limits, self.clock, self.sleep = limits, clock, sleep
        self._overall: deque[float] = deque()
        self._groups: dict[str, deque[float]] = {}
        self._chats: dict[str, float] = {}
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram said to wait: nobody sends before then."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)

    async def acquire(self, chat: str, is_group: bool) -> None:
        """Wait until a message to this chat is allowed, and count it."""
        async with self._lock:  # one at a time, in order: fair, and no two take the same slot
            while True:
                wait = self._wait(chat, is_group, self.clock())
                if wait <= 0:
                    break
                await self.sleep(wait)
            now = self.clock()
            self._overall.append(now)
            if is_group:
                self._groups.setdefault(chat, deque()).append(now)
            self._chats[chat] = now

    def _wait(self, chat: str, is_group: bool, now: float) -> float:
        """Seconds until every limit allows one more message to chat."""
        lim, margin = self.limits, self.limits.window_margin_seconds
        wait = self._paused_until - now
        wait = max(wait, _window_wait(self._overall, lim.overall_per_second, 1.0 + margin, now))
        if is_group:
            wait = max(wait, _window_wait(self._groups.get(chat, deque()), lim.group_per_minute, 60.0 + margin, now))
        if chat in self._chats:
            wait = max(wait, self._chats[chat] + 1.0 / lim.chat_per_second + margin - now)
        return wait


# The limiters of each running service (event loop), one per channel: a limiter's lock belongs to its loop.
_LIMITERS: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, RateLimiter]]" = \
    weakref.WeakKeyDictionary()


def shared_limiter(channel: str, limits: Limits) -> RateLimiter:
    """The one pace of a channel in this service: every broadcast of the channel waits on the same limits."""
    per_channel = _LIMITERS.setdefault(asyncio.get_running_loop(), {})
    if channel not in per_channel:
        per_channel[channel] = RateLimiter(limits)
    return per_channel[channel]


def _window_wait(stamps: deque[float], limit: float, window: float, now: float) -> float:
    """Seconds until a sliding window of `window` seconds holds fewer than `limit` stamps."""
    while stamps and stamps[0] <= now - window:
        stamps.popleft()
    if len(stamps) < int(limit):
        return 0.0
    return stamps[len(stamps) - int(limit)] + window - now


def is_alive(owner: str) -> bool:
    """Whether the process that owns a broadcast (its pid) still runs."""
    try:
        os.kill(int(owner), 0)
    except (OSError, ValueError):
        return False
    return True


class AlreadyRunning(Exception):
    """Another live process is sending this broadcast."""


class _Ledger:
    """The broadcast's database calls, made off the event loop. A storage error (locked, disk full, read-only)
    pauses the caller and retries the same call until it works: nothing is sent before its "sending" is
    recorded, and a sent message is never sent again because recording it failed."""

    def __init__(self, store: Store, broadcast_id: int, limits: Limits):
        self.store, self.broadcast_id, self.limits = store, broadcast_id, limits
        self.failing = False

    async def __call__(self, method: str, *args, **kwargs):
        """store.<method>(*args, **kwargs) in a worker thread, retried while storage fails."""
        wait = self.limits.backoff_seconds
        while True:
            try:
                result = await asyncio.to_thread(getattr(self.store, method), *args, **kwargs)
            except (sqlite3.Error, OSError) as error:
                if not self.failing:
                    log.error("broadcast %d paused: the database cannot be written (%s); resuming when it can",
                              self.broadcast_id, error)
                self.failing = True
                await asyncio.sleep(wait)
                wait = min(wait * 2, self.limits.storage_pause_seconds)
                continue
            if self.failing:
                log.info("broadcast %d resumed: the database works again", self.broadcast_id)
                self.failing = False
            return result


async def run(store: Store, sender: Sender, broadcast_id: int, limits: Limits,
              progress: Callable[[Progress], Awaitable[None]] | None = None, owner: str | None = None) -> Progress:
    """Send (or resume) a broadcast until every recipient is sent, failed or gone."""
    owner = owner or str(os.getpid())
    db = _Ledger(store, broadcast_id, limits)
    if not await db("claim_broadcast", broadcast_id, owner, is_alive):
        raise AlreadyRunning(f"broadcast {broadcast_id} is not running or belongs to a live process")
    recovered = await db("recover_in_flight", broadcast_id)
    if recovered:
        log.warning("broadcast %d: %d recipients were being sent when the last run stopped; counted as sent "
                    "(unconfirmed)", broadcast_id, recovered)
    text = (await db("broadcast", broadcast_id))["text"]
    limiter = shared_limiter(sender.channel, limits)
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in await db("pending_deliveries", broadcast_id):
        queue.put_nowait(item)
    started, start_sent = time.monotonic(), (await _progress(db, broadcast_id, None, False)).sent

    async def worker() -> None:
        while True:
            chat, kind = await queue.get()
            try:
                await _deliver(db, sender, broadcast_id, chat, kind, text, limiter, limits, queue)
            except Exception:  # noqa: BLE001 - one recipient's surprise must not stop the others
                log.exception("broadcast %d: sending to %s failed unexpectedly", broadcast_id, store.pseudonym(chat))
                await db("set_delivery", broadcast_id, chat, FAILED, error="unexpected error, see the log")
            finally:
                queue.task_done()

    async def report() -> None:
        while True:
            await asyncio.sleep(limits.progress_seconds)
            if progress is not None and not db.failing:
                rate = await _rate(db, broadcast_id, started, start_sent)
                await progress(await _progress(db, broadcast_id, rate, False))

    workers = [asyncio.create_task(worker()) for _ in range(max(1, limits.concurrency))]
    reporter = asyncio.create_task(report())
    try:
        await queue.join()
    finally:
        for task in (*workers, reporter):
            task.cancel()
    await db("finish_broadcast", broadcast_id)
    final = await _progress(db, broadcast_id, None, True)
    if progress is not None:
        await progress(final)
    log.info("broadcast %d %s: %d sent, %d failed of %d", broadcast_id, "cancelled" if final.cancelled else "done",
             final.sent, final.failed, final.total)
    return final


async def _deliver(db: _Ledger, sender: Sender, broadcast_id: int, chat: str, kind: str, text: str,
                   limiter: RateLimiter, limits: Limits, queue: asyncio.Queue) -> None:
    """One attempt for one recipient, and what follows from its result (bot/service/delivery.py's rule)."""
    if (await db("broadcast", broadcast_id))["status"] == CANCELLED:
        return  # the rest of a cancelled broadcast drains at once, spending none of the channel's pace
    await limiter.acquire(chat, kind != "private")
    if not await db("begin_delivery", broadcast_id, chat):
        return  # the broadcast was cancelled while this recipient waited
    result = await sender.send(chat, text)
    failures = await db("attempts", broadcast_id, chat)
    policy = RetryPolicy(limits.max_attempts - 1, limits.backoff_seconds, _UNLIMITED)
    step = next_step(result, failures, 0, policy)
    if step.action == DONE:
        await db("set_delivery", broadcast_id, chat, SENT, message_id=result.message_id, error=None)
    elif step.action == WAIT:
        limiter.pause(step.wait)
        await db("set_delivery", broadcast_id, chat, PENDING, error=f"rate limited: retry after {step.wait:.0f} s")
        queue.put_nowait((chat, kind))
    elif step.action == MOVE:
        await db("set_delivery", broadcast_id, chat, MOVED, error=f"now {step.new_chat}")
        await db("move_chat", sender.channel, chat, step.new_chat)
        if await db("add_delivery", broadcast_id, step.new_chat, kind):
            queue.put_nowait((step.new_chat, kind))
    elif step.action == AGAIN:
        await db("count_attempt", broadcast_id, chat, result.error)
        await asyncio.sleep(step.wait)
        queue.put_nowait((chat, kind))
    elif result.outcome == GONE:
        await db("set_delivery", broadcast_id, chat, BLOCKED, error=result.error)
        await db("unsubscribe", sender.channel, chat)
    elif result.outcome == UNSURE:  # it may have arrived: count it sent, say it is unconfirmed, never resend
        await db("set_delivery", broadcast_id, chat, SENT, unconfirmed=1, error=result.error)
    else:
        attempts = failures + 1
        await db("set_delivery", broadcast_id, chat, FAILED, error=f"{result.error} (after {attempts} attempts)")


async def _rate(db: _Ledger, broadcast_id: int, started: float, start_sent: int) -> float | None:
    """Messages per second so far in this run."""
    elapsed = time.monotonic() - started
    sent = (await _progress(db, broadcast_id, None, False)).sent - start_sent
    return sent / elapsed if elapsed > 0 and sent > 0 else None


async def _progress(db: _Ledger, broadcast_id: int, rate: float | None, done: bool) -> Progress:
    """Counts of a broadcast, with an ETA from the current rate."""
    counts = await db("delivery_counts", broadcast_id)
    sent = counts.get(SENT, 0)
    failed = counts.get(FAILED, 0) + counts.get(BLOCKED, 0)
    remaining = counts.get(PENDING, 0) + counts.get(SENDING, 0)
    total = sent + failed + remaining + counts.get(CANCELLED, 0)
    eta = remaining / rate if rate else None
    return Progress(broadcast_id, total, sent, failed, remaining, await db("unconfirmed_count", broadcast_id), eta,
                    done, counts.get(CANCELLED, 0))
