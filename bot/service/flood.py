"""Flood control: a token bucket per key (a user, a group). A person chatting with follow-ups never empties
it; someone sending far more gets one polite slow-down reply, then is dropped cheaply until the bucket refills.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Hashable

OK, WARN, DROP = "ok", "warn", "drop"


@dataclass
class _Bucket:
    tokens: float
    at: float
    warned: bool = False
    dropped: int = 0  # items dropped since the warning


@dataclass(frozen=True)
class Verdict:
    """What to do with one item, and (when a flood just ended) how many were dropped during it."""

    action: str  # OK, WARN (reply once that it is too fast), DROP (say nothing)
    ended_flood: int = 0  # > 0 on the first item let through after a flood: the number dropped


class FloodGate:
    """Allows `per_minute` items a minute per key on average, with bursts of up to `burst` at once."""

    def __init__(self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic,
                 capacity: int = 100_000):
        self.rate, self.burst, self.clock, self.capacity = per_minute / 60.0, burst, clock, capacity
        self._buckets: dict[Hashable, _Bucket] = {}

    def check(self, key: Hashable) -> Verdict:
        """Count one item for key and say whether to serve it."""
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self.capacity:
                self._forget_full(now)
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.rate)
        bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            ended, bucket.dropped = bucket.dropped if bucket.warned else 0, 0
            bucket.warned = False
            return Verdict(OK, ended)
        if bucket.warned:
            bucket.dropped += 1
            return Verdict(DROP)
        bucket.warned = True
        return Verdict(WARN)

    def wait_seconds(self, key: Hashable) -> int:
        """Whole seconds until key may send again."""
        bucket = self._buckets.get(key)
        if bucket is None or bucket.tokens >= 1.0 or self.rate <= 0:
            return 0
        return max(1, int((1.0 - bucket.tokens) / self.rate + 0.999))

    def _forget_full(self, now: float) -> None:
        """Drop the buckets that have refilled (they hold nothing a new one would not)."""
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.at) * self.rate >= self.burst]
        for key in full or list(self._buckets)[: len(self._buckets) // 2]:
            del self._buckets[key]
