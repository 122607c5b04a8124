#!/usr/bin/env python3
"""Channel benchmark: the real runtime answering through each channel's fake server on 127.0.0.1
(tests/fakes/telegram.py, tests/fakes/zalo.py), the fake running in its own process as the real server would.

    .venv/bin/python benchmarks/bench_channels.py [--channel telegram|zalo|all] [--updates 2000] [--paced-rate 50]

Measures (1) answers per second from one bot process when many users ask at once, each in their own chat,
and (2) latency from the moment the server hands an update to the bot until the answer's sendMessage reaches
it, p50/p99, under that burst and at a steady paced rate. Telegram's own outgoing rate limiter is switched
off: it exists to respect the platform's limits, and this measures whether the bot itself could ever be the
bottleneck (target >= 200 answers/s on Telegram). Zalo hands out one update per getUpdates call, so its
figure includes one round trip per message. Not a test: it prints figures.
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

from bot.service.app import App, build_engine  # noqa: E402
from bot.service.config import load_config  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from bot.storage.store import Store  # noqa: E402
from tests.fakes.telegram import FakeTelegram  # noqa: E402
from tests.fakes.zalo import FakeZalo  # noqa: E402
from tests.harness import ENV  # noqa: E402
from tests.judge import load_cases  # noqa: E402

FAKES = {"telegram": FakeTelegram, "zalo": FakeZalo}


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def serve_fake(name: str, conn: Connection) -> None:
    """Child process: run one fake server, push questions and report what it saw when asked."""
    fake = FAKES[name]().start()
    conn.send(fake.base_url)
    while True:
        command, arg = conn.recv()
        if command == "push":
            for text, chat in arg:
                fake.push(fake.message(text, chat_id=chat, user_id=chat) if name == "telegram"
                          else fake.message(text, user_id=chat))
            conn.send(None)
        elif command == "stats":
            with fake.lock:
                conn.send((dict(fake.handed_to), list(fake.sent_at)))
        else:
            fake.stop()
            conn.send(None)
            return


class Remote:
    """The benchmark's handle on a fake server process."""

    def __init__(self, name: str) -> None:
        self.conn, child = Pipe()
        self.process = Process(target=serve_fake, args=(name, child), daemon=True)
        self.process.start()
        self.base_url = self.conn.recv()

    def call(self, command: str, arg=None):
        self.conn.send((command, arg))
        return self.conn.recv()


def latencies(stats, chats: list) -> list[float]:
    """ms from the hand-out of each chat's question to the first sendMessage to that chat."""
    handed, sent_at = stats
    first: dict = {}
    for chat, at in sent_at:
        first.setdefault(chat, at)
    return [(first[c] - handed[c]) * 1000 for c in chats if c in first and c in handed]


def answered_chats(stats) -> int:
    """How many chats got an answer."""
    return len({chat for chat, _ in stats[1]})


async def wait_answers(fake: Remote, count: int, timeout: float):
    """The fake server's records once `count` chats were answered (or the time-out passed)."""
    deadline = time.monotonic() + timeout
    while True:
        stats = fake.call("stats")
        if answered_chats(stats) >= count or time.monotonic() > deadline:
            return stats
        await asyncio.sleep(0.05)


def chat_ids(name: str, base: int, count: int) -> list:
    """Chat ids as the platform spells them (numbers on Telegram, strings on Zalo)."""
    return [base + i if name == "telegram" else f"u{base + i}" for i in range(count)]


async def measure(app: App, name: str, fake: Remote, questions: list[str], updates: int, paced_rate: float) -> None:
    """The burst and the paced measurement against one running bot."""
    runtime = Runtime(app)
    runtime.add_platforms([name], ENV)
    await runtime.start()
    try:
        assert await runtime.wait_started(30), f"{name} did not start"
        chats = chat_ids(name, 10_000, updates)
        start = time.monotonic()
        fake.call("push", [(questions[i % len(questions)], chat) for i, chat in enumerate(chats)])
        stats = await wait_answers(fake, updates, 180)
        took = time.monotonic() - start
        answered = answered_chats(stats)
        burst = latencies(stats, chats)
        print(f"{name} burst: {answered}/{updates} answered in {took:.2f} s = {answered / took:.0f} answers/s; "
              f"hand-out->sendMessage p50 {percentile(burst, 50):.1f} ms, p99 {percentile(burst, 99):.1f} ms "
              "(includes queueing behind the burst)")
        paced = chat_ids(name, 50_000, int(paced_rate * 4))
        for i, chat in enumerate(paced):
            fake.call("push", [(questions[i % len(questions)], chat)])
            await asyncio.sleep(1 / paced_rate)
        stats = await wait_answers(fake, answered + len(paced), 60)
        lat = latencies(stats, paced)
        print(f"{name} paced at {paced_rate:.0f}/s: hand-out->sendMessage p50 {percentile(lat, 50):.1f} ms, "
              f"p99 {percentile(lat, 99):.1f} ms over {len(lat)} answers")
    finally:
        await runtime.close()


def main() -> int:
    """Start each fake server and a bot, run both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channel", choices=["telegram", "zalo", "all"], default="all")
    parser.add_argument("--updates", type=int, default=2000, help="questions in the burst")
    parser.add_argument("--paced-rate", type=float, default=50.0, help="questions per second in the paced run")
    args = parser.parse_args()
    config = load_config(ROOT / "config.yaml", environ={})
    questions = [c["q"] for c in load_cases(ROOT / "tests" / "data" / "accuracy.yaml") if c["q"].strip()]
    engine = build_engine(config)
    for name in (["telegram", "zalo"] if args.channel == "all" else [args.channel]):
        fake = Remote(name)
        with tempfile.TemporaryDirectory() as tmp:
            cfg = dataclasses.replace(
                config, database=Path(tmp) / "bot.sqlite3",
                telegram=dataclasses.replace(config.telegram, base_url=fake.base_url, overall_max_rate=0,
                                             group_max_rate=0, poll_timeout=1.0),
                zalo=dataclasses.replace(config.zalo, base_url=fake.base_url, poll_timeout=1.0))
            app = App(dataclasses.replace(cfg, conversation=dataclasses.replace(
                cfg.conversation, flood_burst=10**9)), engine, Store(cfg.database))
            try:
                asyncio.run(measure(app, name, fake, questions, args.updates, args.paced_rate))
            finally:
                fake.call("stop")
    return 0


if __name__ == "__main__":
    sys.exit(main())
