"""Per-user flood control: a sliding window of recent questions."""
from __future__ import annotations

import time
from collections import deque
from typing import Callable, Hashable

OK, WARN, DROP = "ok", "warn", "drop"


class FloodGate:
    """Allows `limit` events per `window` seconds per key; the first one over gets WARN, the rest DROP."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[Hashable, deque[float]] = {}
        self._warned: set[Hashable] = set()

    def check(self, key: Hashable) -> str:
        """Record an event for key and say whether to serve it."""
        now = self.clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        if not events:
            self._warned.discard(key)
        if len(events) >= self.limit:
            if key in self._warned:
                return DROP
            self._warned.add(key)
            return WARN
        events.append(now)
        return OK

    def wait_seconds(self, key: Hashable) -> int:
        """Whole seconds until key may ask again."""
        events = self._events.get(key)
        if not events:
            return 0
        return max(1, int(events[0] + self.window - self.clock() + 0.999))
