#!/usr/bin/env python3
"""Telegram channel benchmark through the fake Bot API server on 127.0.0.1 (tests/fake_telegram.py).

    .venv/bin/python benchmarks/bench_telegram.py [--updates 2000] [--paced-rate 50]

Measures (1) answers per second from one bot process when many users ask at once, and (2) latency from
the moment getUpdates hands an update to the bot until sendMessage reaches the server, p50/p99, both
under that burst and at a steady paced rate. The bot's own rate limiter is switched off here: it exists
to respect Telegram's ~30 messages/s, and this measures whether the bot itself could ever be the
bottleneck (target >= 200 answers/s on the 2-core machine). Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import tempfile
import time
from multiprocessing import Pipe, Process
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import App, build_engine  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.flood import FloodGate  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.telegram_adapter import build_application  # noqa: E402
from tests.fake_telegram import TOKEN, FakeTelegram  # noqa: E402
from tests.judge import load_cases  # noqa: E402


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def serve_fake(conn: Connection) -> None:
    """Child process: run the fake Bot API server (like the real one, it is not in the bot's process)."""
    fake = FakeTelegram().start()
    conn.send(fake.base_url)
    while True:
        command, arg = conn.recv()
        if command == "push":
            for text, chat in arg:
                fake.push(fake.message(text, chat_id=chat, user_id=chat))
            conn.send(None)
        elif command == "stats":
            with fake.lock:
                conn.send((dict(fake.delivered_at), list(fake.sent_at)))
        else:
            fake.stop()
            conn.send(None)
            return


class Remote:
    """The benchmark's handle on the fake server process."""

    def __init__(self) -> None:
        self.conn, child = Pipe()
        self.process = Process(target=serve_fake, args=(child,), daemon=True)
        self.process.start()
        self.base_url = self.conn.recv()

    def call(self, command: str, arg=None):
        self.conn.send((command, arg))
        return self.conn.recv()


def latencies(stats, chats: list[int]) -> list[float]:
    """ms from delivery of each update to the sendMessage for its chat (one question per chat)."""
    delivered, sent_at = stats
    sent = {chat: at for chat, at in sent_at}
    order = sorted(delivered)[-len(chats):]
    return [(sent[chat] - delivered[u]) * 1000 for u, chat in zip(order, chats) if chat in sent]


async def run(app: App, fake: Remote, questions: list[str], updates: int, paced_rate: float) -> None:
    """The burst and the paced measurement against one running bot."""
    application = build_application(app, TOKEN, app.config.telegram)
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)
        chats = [10_000 + i for i in range(updates)]
        start = time.monotonic()
        # A burst: many staff asking at once, each in their own chat.
        fake.call("push", [(questions[i % len(questions)], chat) for i, chat in enumerate(chats)])
        while len((stats := fake.call("stats"))[1]) < updates and time.monotonic() - start < 120:
            await asyncio.sleep(0.05)
        took = time.monotonic() - start
        answered = len(stats[1])
        burst = latencies(stats, chats)
        print(f"burst: {answered}/{updates} answers in {took:.2f} s = {answered / took:.0f} answers/s "
              f"(target >= 200); delivery->sendMessage p50 {percentile(burst, 50):.1f} ms, "
              f"p99 {percentile(burst, 99):.1f} ms (includes queueing behind the burst)")
        paced_chats = [50_000 + i for i in range(int(paced_rate * 4))]
        for i, chat in enumerate(paced_chats):
            fake.call("push", [(questions[i % len(questions)], chat)])
            await asyncio.sleep(1 / paced_rate)
        while len((stats := fake.call("stats"))[1]) < answered + len(paced_chats):
            await asyncio.sleep(0.05)
        paced = latencies(stats, paced_chats)
        print(f"paced at {paced_rate:.0f}/s: delivery->sendMessage p50 {percentile(paced, 50):.1f} ms, "
              f"p99 {percentile(paced, 99):.1f} ms over {len(paced)} answers")
        await application.updater.stop()
        await application.stop()


def main() -> int:
    """Start the fake server and a bot, run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=2000, help="questions in the burst")
    parser.add_argument("--paced-rate", type=float, default=50.0, help="questions per second in the paced run")
    args = parser.parse_args()
    config = load_config(ROOT / "config.yaml")
    fake = Remote()
    with tempfile.TemporaryDirectory() as tmp:
        settings = dataclasses.replace(config.telegram, base_url=fake.base_url, overall_max_rate=0,
                                       group_max_rate=0, poll_timeout=1.0)
        cfg = dataclasses.replace(config, database=Path(tmp) / "bot.sqlite3", telegram=settings)
        app = App(cfg, build_engine(cfg), Store(cfg.database), FloodGate(10**9, 60.0))
        questions = [c["q"] for c in load_cases(ROOT / "tests" / "data" / "accuracy.yaml") if c["q"].strip()]
        try:
            asyncio.run(run(app, fake, questions, args.updates, args.paced_rate))
        finally:
            fake.call("stop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
