#!/usr/bin/env python3
"""Broadcast benchmark through the fake Bot API server on 127.0.0.1, with the real command line.

    .venv/bin/python benchmarks/bench_broadcast.py [--recipients 1000]

(1) Messages per second achieved for 1,000 recipients against the configured limit (target >= 90 % of it,
never above: the busiest 1-second window is measured where the server receives the messages).
(2) A broadcast SIGKILLed at its 500th delivery and resumed with --resume, at the default settings:
deliveries per recipient (target: exactly 1). Not a test: it prints figures. Takes about 75 s at 30/s.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.service.config import load_config  # noqa: E402
from bot.storage.store import Store  # noqa: E402
from tests.fakes.telegram import TOKEN, FakeTelegram  # noqa: E402

GROUP_SHARE = 20  # one recipient in 20 is a group


def setup(tmp: Path, recipients: int) -> tuple[FakeTelegram, dict, list[int]]:
    """A fake server, a database with subscribed chats, and the environment for the command line."""
    fake = FakeTelegram().start()
    store = Store(tmp / "bot.sqlite3")
    chats = []
    for i in range(recipients):
        chat = -30_000 - i if i % GROUP_SHARE == 0 else 30_000 + i
        store.subscribe("telegram", str(chat), "group" if chat < 0 else "private", "", "admin")
        chats.append(chat)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
           "BOT_DATABASE": str(tmp / "bot.sqlite3")}
    return fake, env, chats


def broadcast(env: dict, *args: str) -> subprocess.Popen:
    """Start python -m bot broadcast."""
    return subprocess.Popen([sys.executable, "-m", "bot", "broadcast", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def busiest_second(times: list[float]) -> int:
    """The most messages the server received within any 1-second window."""
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - 1.0:
            j += 1
        best = max(best, i - j + 1)
    return best


def main() -> int:
    """Run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=1000)
    args = parser.parse_args()
    limit = load_config(ROOT / "config.yaml").telegram.broadcast.overall_per_second
    with tempfile.TemporaryDirectory() as tmp:
        fake, env, chats = setup(Path(tmp), args.recipients)
        broadcast(env, "--text", "Thông báo thử", "--yes").communicate(timeout=600)
        times = [t for _, t in fake.sent_at]
        rate = (len(times) - 1) / (max(times) - min(times))
        print(f"rate: {len(times)} messages at {rate:.1f}/s = {rate / limit:.0%} of the {limit:.0f}/s limit "
              f"(target >= 90 %); busiest 1-second window at the server: {busiest_second(times)} messages "
              f"(limit {limit:.0f})")
        fake.stop()
    with tempfile.TemporaryDirectory() as tmp:
        fake, env, chats = setup(Path(tmp), args.recipients)
        first = broadcast(env, "--text", "Thông báo thử", "--yes")
        fake.kill_at = (args.recipients // 2, first.pid)
        first.communicate(timeout=600)
        resumed = broadcast(env, "--resume")
        out, _ = resumed.communicate(timeout=600)
        per_chat = Counter(fake.deliveries[c] for c in chats)
        print(f"kill at delivery {args.recipients // 2} (exit {first.returncode}) and --resume: "
              f"{per_chat.get(1, 0)} recipients got exactly 1, {per_chat.get(0, 0)} got none, "
              f"{sum(n for k, n in per_chat.items() if k > 1)} got more (target: all exactly 1); {out.strip()}")
        fake.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
