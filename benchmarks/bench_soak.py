#!/usr/bin/env python3
"""Soak benchmark: the real service (`python -m bot telegram`) against the fake Telegram server for a few
thousand questions, with reloads (SIGHUP), knowledge uploads and a broadcast in between.

    .venv/bin/python benchmarks/bench_soak.py [--questions 3000] [--every 500] [--subscribers 300]
                                              [--max-seconds 900]

Questions are asked one after another by 1,000 different users (so the flood gate never trips), each waiting
for its answer; every `--every` questions the knowledge is reloaded by SIGHUP and an admin uploads a changed
knowledge file; half-way an admin broadcasts to `--subscribers` chats, while the questions go on. Prints the
bot's resident memory (RSS), its open files and the answer latency (question pushed to answer received) over
the first and the last 200 questions, and what went wrong (unanswered questions, ERROR lines). Bounded: it
stops after --max-seconds whatever is left. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.kb.knowledge import load_knowledge  # noqa: E402
from bot.storage.store import Store  # noqa: E402
from tests.fakes.telegram import TOKEN, FakeTelegram  # noqa: E402

ADMIN = 501
WINDOW = 200  # questions measured at the start and at the end
USERS = 1000
ANSWER_SECONDS = 30.0  # a question not answered within this long counts as unanswered
UPLOAD = """article:
  id: soak-bai-thu
  title: Bài thử độ bền
  publisher: Báo thử
  date: 2024-05-01
  author: Người viết
  places: [Lạng Sơn]
  text: |
    Năm 2024, Sở thử độ bền có {n} cán bộ.
facts:
- id: soak-so-can-bo
  place: Lạng Sơn
  unit: Sở thử độ bền
  time: năm 2024
  answer: Năm 2024, Sở thử độ bền Lạng Sơn có {n} cán bộ.
  quote: Năm 2024, Sở thử độ bền có {n} cán bộ.
  questions: [Sở thử độ bền Lạng Sơn có bao nhiêu cán bộ?, Số cán bộ Sở thử độ bền Lạng Sơn]
"""


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_files(pid: int) -> int:
    """How many file descriptors a process holds (files, sockets, pipes)."""
    return len(os.listdir(f"/proc/{pid}/fd"))


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


class Soak:
    """The bot process, the fake server and what was measured."""

    def __init__(self, folder: Path, subscribers: int):
        self.folder = folder
        self.knowledge = folder / "knowledge"
        shutil.copytree(ROOT / "knowledge", self.knowledge)
        self.database = folder / "bot.sqlite3"
        store = Store(self.database)
        for i in range(subscribers):
            store.subscribe("telegram", str(900_000 + i), "private", "", str(900_000 + i))
        store.close()
        self.subscribers = subscribers
        self.questions = [q for f in load_knowledge(self.knowledge).facts for q in f.questions]
        self.fake = FakeTelegram().start()
        self.log = (folder / "bot.log").open("w+")
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": self.fake.base_url,
               "BOT_DATABASE": str(self.database), "BOT_KNOWLEDGE_DIR": str(self.knowledge),
               "BOT_RELOAD__PID_FILE": str(folder / "bot.pid"), "BOT_TELEGRAM__POLL_TIMEOUT": "1",
               "BOT_ADMINS__TELEGRAM": f"[{ADMIN}]"}
        self.bot = subprocess.Popen([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env,
                                    stdout=self.log, stderr=subprocess.STDOUT)
        self.latencies: list[float] = []
        self.unanswered = 0
        self.reloads = self.uploads = 0

    def ready(self) -> bool:
        """Whether the bot polls the fake server."""
        return self.fake.wait_for(lambda: any(m == "getUpdates" for m, _ in self.fake.calls), timeout=60)

    def say(self, chat: int, text: str, user: int | None = None) -> float | None:
        """Push a message and wait for the bot's reply to that chat; seconds taken, None if none came."""
        before = self.fake.deliveries[chat]
        started = time.monotonic()
        self.fake.push(self.fake.message(text, chat_id=chat, user_id=user or chat))
        if not self.fake.wait_for(lambda: self.fake.deliveries[chat] > before, timeout=ANSWER_SECONDS):
            return None
        return time.monotonic() - started

    def ask(self, n: int) -> None:
        """The n-th question, from one of USERS users."""
        seconds = self.say(10_000 + n % USERS, self.questions[n % len(self.questions)])
        if seconds is None:
            self.unanswered += 1
        else:
            self.latencies.append(seconds)

    def reload(self) -> None:
        """SIGHUP, as `python -m bot reload` sends it."""
        os.kill(self.bot.pid, signal.SIGHUP)
        self.reloads += 1

    def upload(self) -> None:
        """An admin sends a changed knowledge file and waits for the bot's reply."""
        before = self.fake.deliveries[ADMIN]
        content = UPLOAD.format(n=100 + self.uploads).encode()
        self.fake.push(self.fake.document("soak.yaml", content, chat_id=ADMIN, user_id=ADMIN))
        self.fake.wait_for(lambda: self.fake.deliveries[ADMIN] > before, timeout=ANSWER_SECONDS)
        self.uploads += 1

    def broadcast(self) -> None:
        """An admin previews a broadcast and presses ✅ Gửi; it runs while the questions go on."""
        before = len(self.fake.sent_to(ADMIN))
        self.say(ADMIN, "/thongbao Kiểm tra độ bền: số liệu đã cập nhật.")
        preview = self.fake.sent_to(ADMIN)[before:]
        buttons = [b["callback_data"] for m in preview for row in (m.get("reply_markup") or {}).get(
            "inline_keyboard", []) for b in row]
        send = next((b for b in buttons if ":go:" in b), None)
        if send is None:
            print(f"broadcast: no preview with a send button ({[m['text'][:80] for m in preview]})")
            return
        self.fake.push(self.fake.callback(send, chat_id=ADMIN, user_id=ADMIN, message_id=preview[-1]["message_id"]))

    def delivered(self) -> int:
        """Broadcast messages the subscribers received."""
        return sum(1 for i in range(self.subscribers) if self.fake.deliveries[900_000 + i])

    def stop(self) -> list[str]:
        """SIGTERM the bot; its ERROR lines."""
        if self.bot.poll() is None:
            self.bot.send_signal(signal.SIGTERM)
            try:
                self.bot.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.bot.kill()
        self.fake.stop()
        self.log.seek(0)
        return [line.rstrip() for line in self.log if " ERROR " in line]


def main() -> int:
    """Run the soak and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=3000)
    parser.add_argument("--every", type=int, default=500, help="questions between two reload+upload rounds")
    parser.add_argument("--subscribers", type=int, default=300)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        soak = Soak(Path(tmp), args.subscribers)
        errors: list[str] = []
        try:
            if not soak.ready():
                print("error: the bot did not start")
                return 1
            started = time.monotonic()
            rss0, files0 = rss_mb(soak.bot.pid), open_files(soak.bot.pid)
            rss_start = files_start = 0.0
            asked = 0
            for n in range(args.questions):
                if time.monotonic() - started > args.max_seconds:
                    print(f"stopped at the time bound ({args.max_seconds:.0f} s)")
                    break
                if n == WINDOW:
                    rss_start, files_start = rss_mb(soak.bot.pid), open_files(soak.bot.pid)
                if n and n % args.every == 0:
                    soak.reload()
                    soak.upload()
                if n == args.questions // 2:
                    soak.broadcast()
                soak.ask(n)
                asked += 1
            soak.fake.wait_for(lambda: soak.delivered() == soak.subscribers,
                               timeout=max(0.0, args.max_seconds - (time.monotonic() - started)))
            elapsed = time.monotonic() - started
            rss_end, files_end = rss_mb(soak.bot.pid), open_files(soak.bot.pid)
        finally:
            errors = soak.stop()
        first, last = soak.latencies[:WINDOW], soak.latencies[-WINDOW:]
        print(f"soak: {asked} questions in {elapsed:.0f} s; {soak.reloads} reloads by SIGHUP, {soak.uploads} "
              f"uploads, 1 broadcast ({soak.delivered()}/{soak.subscribers} delivered)")
        print(f"{'':24}{'start':>12}{'end':>12}")
        print(f"{'RSS (MB)':24}{rss_start or rss0:>12.1f}{rss_end:>12.1f}   (before the first question: {rss0:.1f})")
        print(f"{'open files':24}{int(files_start or files0):>12d}{files_end:>12d}   (before the first question: "
              f"{files0})")
        for label, share in (("latency p50 (ms)", 0.5), ("latency p95 (ms)", 0.95)):
            print(f"{label:24}{percentile(first, share) * 1000:>12.1f}{percentile(last, share) * 1000:>12.1f}")
        print(f"{'latency mean (ms)':24}{statistics.fmean(first) * 1000:>12.1f}{statistics.fmean(last) * 1000:>12.1f}"
              f"   (first and last {WINDOW} questions)")
        print(f"unanswered questions: {soak.unanswered}; ERROR lines in the bot's log: {len(errors)}")
        for line in errors[:5]:
            print(f"  {line[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
