"""Helpers for tests that run the real runtime and channels against the fake servers on 127.0.0.1."""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import AsyncIterator, Iterator

from bot.service.app import App
from bot.service.config import REPO_ROOT, Config
from bot.runtime import Runtime
from bot.storage.store import Store
from tests.fakes import telegram as fake_telegram
from tests.fakes import zalo as fake_zalo

ENV = {"TELEGRAM_BOT_TOKEN": fake_telegram.TOKEN, "ZALO_BOT_TOKEN": fake_zalo.TOKEN}


@contextlib.contextmanager
def bot_process(command: str, env: dict, polled: tuple = (), timeout: float = 30) -> Iterator[subprocess.Popen]:
    """`python -m bot COMMAND` as a real process, once each fake server in `polled` has been asked for updates;
    killed on the way out if the test left it running."""
    proc = subprocess.Popen([sys.executable, "-m", "bot", command], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for fake in polled:
            assert fake.wait_for(lambda fake=fake: any(m == "getUpdates" for m, _ in fake.calls), timeout=timeout)
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()


def channel_config(config: Config, tmp_path: Path, telegram: str | None = None, zalo: str | None = None,
                   **changes) -> Config:
    """The configuration pointed at the fake servers given (their base URLs), with fast retries and polls and
    a scratch database."""
    tg = dataclasses.replace(config.telegram, base_url=telegram or config.telegram.base_url,
                             retry_backoff_seconds=0.01, poll_timeout=1.0, enabled=telegram is not None)
    za = dataclasses.replace(config.zalo, base_url=zalo or config.zalo.base_url, retry_backoff_seconds=0.01,
                             poll_timeout=1.0, enabled=zalo is not None)
    service = dataclasses.replace(config.service, start_retry_seconds=0.05)
    broadcast = dataclasses.replace(config.broadcast, backoff_seconds=0.01, progress_seconds=0.2)
    return dataclasses.replace(config, telegram=tg, zalo=za, service=service, broadcast=broadcast,
                               database=tmp_path / "bot.sqlite3", pid_file=tmp_path / "bot.pid", **changes)


def make_app(config: Config, engine, flood_burst: int = 1000) -> App:
    """An App on a configuration, sharing the session's engine; flood control allows `flood_burst` at once."""
    conversation = dataclasses.replace(config.conversation, flood_burst=flood_burst)
    return App(dataclasses.replace(config, conversation=conversation), engine, Store(config.database))


@contextlib.asynccontextmanager
async def serving(app: App, names: list[str], webhooks: dict[str, str] | None = None, timeout: float = 15.0,
                  **environ: str) -> AsyncIterator[Runtime]:
    """The runtime serving the given channels (started and ready) for the duration of the block."""
    runtime = Runtime(app)
    runtime.add_platforms(names, {**ENV, **environ}, webhooks)
    await runtime.start()
    try:
        assert await runtime.wait_started(timeout), "channels did not start"
        yield runtime
    finally:
        await runtime.close()


class Handled:
    """Counts what a runtime's conversation has finished with (messages and button presses). Once it has, every
    reply has been sent, so a test that knows how many items reach the conversation waits for this count
    instead of a timer, and then sees every reply, unexpected extra ones included."""

    def __init__(self, conversation) -> None:
        self.count = 0
        self.busy = 0  # items in hand now
        conversation.handle = self._counted(conversation.handle)
        conversation.press = self._counted(conversation.press)

    def _counted(self, original):
        async def counted(*args):
            self.busy += 1
            try:
                return await original(*args)
            finally:
                self.busy -= 1
                self.count += 1
        return counted


class Output:
    """What a child process writes to one of its streams, read line by line in a thread as it comes, so a test
    can wait for a line that says the process got somewhere (instead of sleeping)."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for text in stream:
            with self._changed:
                self.lines.append(text)
                self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 30.0) -> bool:
        """Whether a line containing `text` came within `timeout` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: any(text in line for line in self.lines), timeout)

    def text(self, timeout: float = 30.0) -> str:
        """Everything written, once the stream has closed."""
        self._thread.join(timeout)
        return "".join(self.lines)


class Clock:
    """A clock the test moves: read by calling it, moved by `sleep` (or by setting `now`)."""

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)


def wait_until(predicate, timeout: float = 30.0) -> bool:
    """Outside an event loop: whether predicate() came to hold within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


async def until(predicate, timeout: float = 10.0) -> None:
    """Wait, without blocking the event loop, until predicate() holds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


# A small article of a made-up office, for tests that need knowledge beside the bundled five.
TEST_ARTICLE = """article:
  id: test-{n}-so-thu
  title: Bài thử {n}
  publisher: Báo thử {n}
  date: 2024-05-0{n}
  author: {author}
  places: [Lạng Sơn]
  text: |
    Năm 2024, Sở Thử nghiệm Lạng Sơn có {count} cán bộ, công chức.
facts:
- id: test-{n}-so-can-bo
  place: Lạng Sơn
  unit: Sở Thử nghiệm Lạng Sơn
  time: năm 2024
  answer: Năm 2024, Sở Thử nghiệm Lạng Sơn có {count} cán bộ, công chức.
  quote: Năm 2024, Sở Thử nghiệm Lạng Sơn có {count} cán bộ, công chức.
  questions: [Sở Thử nghiệm Lạng Sơn có bao nhiêu cán bộ, công chức?]
"""
TEST_QUESTION = "Sở Thử nghiệm Lạng Sơn có bao nhiêu cán bộ, công chức?"


def with_test_articles(config: Config, knowledge: Path, *articles: dict) -> Config:
    """The configuration on a knowledge copy with TEST_ARTICLEs added (fields: n, and author, count)."""
    for fields in articles:
        text = TEST_ARTICLE.format(**{"author": "Người viết", "count": 123, **fields})
        (knowledge / "articles" / f"test-{fields['n']}.yaml").write_text(text, encoding="utf-8")
    return dataclasses.replace(config, knowledge_dir=knowledge)
