"""Sending, the same for every channel and for answers and broadcasts alike: split a message at the channel's
limit on line boundaries, then act on what the channel said of each attempt — wait out a rate limit, retry a
failure that certainly did not deliver, follow a chat that moved, stop writing to one that is gone.

A channel only translates its wire results into the outcomes below. An attempt whose request may have reached
the server (a time-out after sending, a connection lost mid-way) is UNSURE and is never retried blindly: a
second copy would reach the user whenever the first one did."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Awaitable, Callable

log = logging.getLogger(__name__)

OK, RETRY_AFTER, GONE, MIGRATED, RETRY, UNSURE, PERMANENT = (
    "ok", "retry_after", "gone", "migrated", "retry", "unsure", "permanent")
DONE, WAIT, AGAIN, MOVE, STOP = "done", "wait", "again", "move", "stop"


@dataclass(frozen=True)
class SendResult:
    """What a channel said about one attempt to send."""

    outcome: str  # OK, RETRY_AFTER (429), GONE (blocked/removed), MIGRATED, RETRY (certainly not delivered),
    #               UNSURE (may have been delivered), PERMANENT (refused: sending again would not help)
    message_id: str | None = None
    retry_after: float = 0.0
    new_chat: str | None = None
    error: str = ""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try; every number comes from the channel's section of config.yaml."""

    retries: int = 3  # failures that certainly did not deliver are retried this many times...
    backoff_seconds: float = 1.0  # ...waiting 1, 2, 4, ... times this
    rate_limit_retries: int = 3  # a rate limit is waited out this many times


@dataclass(frozen=True)
class Step:
    """What to do after an attempt."""

    action: str  # DONE, WAIT (then again), AGAIN (after `wait`), MOVE (to new_chat, at once), STOP
    wait: float = 0.0
    new_chat: str | None = None


def next_step(result: SendResult, failures: int, rate_limits: int, policy: RetryPolicy) -> Step:
    """The one rule for every channel: what follows an attempt, given the failures and rate limits so far."""
    if result.outcome == OK:
        return Step(DONE)
    if result.outcome == RETRY_AFTER:
        return Step(WAIT, result.retry_after) if rate_limits < policy.rate_limit_retries else Step(STOP)
    if result.outcome == MIGRATED and result.new_chat:
        return Step(MOVE, new_chat=result.new_chat)
    if result.outcome == RETRY and failures < policy.retries:
        return Step(AGAIN, policy.backoff_seconds * 2 ** failures)
    return Step(STOP)  # GONE, UNSURE, PERMANENT, or out of tries


@dataclass(frozen=True)
class Delivery:
    """How sending a message ended."""

    outcome: str  # OK, or the outcome of the attempt that stopped it
    message_id: str | None = None  # of the last part sent
    chat: str = ""  # where it went (a migrated group's new id)
    parts: int = 0  # parts delivered
    error: str = ""


Attempt = Callable[[str, str, bool], Awaitable[SendResult]]  # (chat, part, is_last) -> result


async def deliver(chat: str, parts: list[str], attempt: Attempt, policy: RetryPolicy,
                  gone: Callable[[str], Awaitable[None]] | None = None,
                  moved: Callable[[str, str], Awaitable[None]] | None = None,
                  sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                  show: Callable[[str], str] = str) -> Delivery:
    """Send the parts of one message in order, acting on each result by `next_step`; `show` is how a chat id
    appears in log lines (hashed for ordinary users)."""
    message_id = None
    for n, part in enumerate(parts):
        failures = rate_limits = 0
        while True:
            result = await attempt(chat, part, n == len(parts) - 1)
            step = next_step(result, failures, rate_limits, policy)
            if step.action == DONE:
                message_id = result.message_id
                break
            if step.action == WAIT:
                rate_limits += 1
                log.warning("rate limited writing to %s: waiting %.1f s", show(chat), step.wait)
                await sleep(step.wait)
            elif step.action == AGAIN:
                failures += 1
                await sleep(step.wait)
            elif step.action == MOVE:
                log.info("chat %s moved to %s", show(chat), show(step.new_chat))
                if moved is not None:
                    await moved(chat, step.new_chat)
                chat = step.new_chat
            else:
                if result.outcome == GONE and gone is not None:
                    await gone(chat)
                level = logging.INFO if result.outcome == GONE else logging.ERROR
                log.log(level, "could not deliver to %s (%s after %d retries): %s", show(chat), result.outcome,
                        failures, result.error)
                return Delivery(result.outcome, message_id, chat, n, result.error)
    return Delivery(OK, message_id, chat, len(parts))


def split(lines: list[str], limit: int, cut: Callable[[str, int], list[str]]) -> list[str]:
    """Rendered lines joined into messages of at most `limit` characters, breaking only between lines; a line
    longer than a message is cut by the channel's own `cut` (which knows its markup)."""
    parts: list[str] = []
    current = ""
    for text in lines:
        for piece in ([text] if len(text) <= limit else cut(text, limit)):
            if current and len(current) + 1 + len(piece) > limit:
                parts.append(current)
                current = ""
            current = f"{current}\n{piece}" if current else piece
    if current:
        parts.append(current)
    return parts or [""]


def cut_plain(text: str, limit: int) -> list[str]:
    """A plain line cut into pieces of at most `limit` characters."""
    return [text[i:i + limit] for i in range(0, len(text), limit)] or [""]
