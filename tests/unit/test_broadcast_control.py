"""Broadcasts over months (issue 18): two at once keep one pace, two confirmations cannot both pass the monthly
quota, and a running broadcast can be cancelled for good."""
from __future__ import annotations

import asyncio
import dataclasses
import threading

from bot.service import broadcast as bc
from bot.service.delivery import OK, SendResult
from bot.storage.store import Store
from handlers import admin
from handlers.conversation import Conversation
from bot.engine.render import plain
from handlers.messages import Capabilities, Incoming
from tests.drivers import MemoryPort
from tests.harness import make_app
from tests.system.test_broadcast import subscribe

PACE = bc.Limits(overall_per_second=10, group_per_minute=1000, chat_per_second=100, window_margin_seconds=0.05,
                 concurrency=4, max_attempts=2, backoff_seconds=0.01, progress_seconds=60)


class Recorder:
    """A channel's sender that keeps what it sent, and may act after the n-th message (to cancel mid-way)."""

    channel = "telegram"

    def __init__(self, after: int = 0, then=None):
        self.sent: list[str] = []
        self.after, self.then = after, then

    async def send(self, chat: str, text: str) -> SendResult:
        self.sent.append(chat)
        if self.then is not None and len(self.sent) == self.after:
            self.then()
        return SendResult(OK, message_id=str(len(self.sent)))


def start(store: Store, recipients: list[tuple[str, str]]) -> int:
    """A running broadcast to these recipients."""
    broadcast_id = store.create_broadcast("telegram", "1", "Thông báo")
    assert store.start_broadcast(broadcast_id, recipients)
    return broadcast_id


def test_two_broadcasts_at_once_share_one_pace(tmp_path):
    """Ten a second overall: two broadcasts running together must not make it twenty. The stamps are the
    limiter's own, taken when it lets a message go."""
    store = Store(tmp_path / "bot.sqlite3")
    chats = [(str(10_000 + i), "private") for i in range(24)]
    first, second = start(store, chats[:12]), start(store, chats[12:])
    stamps: list[float] = []
    acquire = bc.RateLimiter.acquire

    async def stamped(self, chat, is_group):
        await acquire(self, chat, is_group)
        stamps.append(self.clock())

    async def both():
        sender = Recorder()
        await asyncio.gather(bc.run(store, sender, first, PACE), bc.run(store, sender, second, PACE))
        return sender

    bc.RateLimiter.acquire = stamped
    try:
        sender = asyncio.run(both())
    finally:
        bc.RateLimiter.acquire = acquire
    assert sorted(sender.sent) == sorted(c for c, _ in chats)
    stamps.sort()
    burst = max(sum(1 for u in stamps if t <= u < t + 1.0) for t in stamps)
    assert burst <= PACE.overall_per_second, f"{burst} messages within one second"


def test_two_admins_confirming_at_once_cannot_both_pass_the_monthly_quota(config, engine, tmp_path):
    """Each draft needs 6 of a quota of 10. Both confirmations read what is left before either writes: only
    a check-and-reserve in one write transaction stops the second."""
    telegram = dataclasses.replace(config.telegram, broadcast=dataclasses.replace(config.telegram.broadcast,
                                                                                  monthly_quota=10))
    cfg = dataclasses.replace(config, telegram=telegram, database=tmp_path / "bot.sqlite3",
                              admins={"telegram": frozenset({"501", "502"})})
    app = make_app(cfg, engine)
    subscribe(app.store, private=6, groups=0)
    drafts = [app.store.create_broadcast("telegram", user, "Thông báo") for user in ("501", "502")]
    both_read = threading.Barrier(2)
    count = app.store.broadcast_messages_this_month

    def counted(channel, now=None):
        seen = count(channel, now)
        try:  # wait for the other confirmation to have read too (it cannot, when reading is inside the lock)
            both_read.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return seen

    app.store.broadcast_messages_this_month = counted
    results: list[tuple[str, bool]] = []

    def confirm(user: str, broadcast_id: int) -> None:
        results.append(admin.confirm_broadcast(app, Incoming("telegram", user, user, ""), broadcast_id))

    threads = [threading.Thread(target=confirm, args=(u, b)) for u, b in zip(("501", "502"), drafts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(started for _, started in results) == [False, True], results
    refused = next(text for text, started in results if not started)
    assert "hạn mức tháng này chỉ còn 4/10" in refused
    assert count("telegram") == 6


def test_a_running_broadcast_cancelled_stops_and_is_never_resumed(tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    chats = [(str(10_000 + i), "private") for i in range(50)]
    broadcast_id = start(store, chats)
    limits = dataclasses.replace(PACE, overall_per_second=1000, concurrency=1)
    stopped: list[int | None] = []
    admin_side = Store(tmp_path / "bot.sqlite3")  # the admin's cancel comes through another connection
    sender = Recorder(after=3, then=lambda: stopped.append(admin_side.stop_broadcast(broadcast_id)))
    final = asyncio.run(bc.run(store, sender, broadcast_id, limits))
    assert stopped == [47]  # the 3rd was being sent: the 47 after it are dropped
    assert len(sender.sent) == 3 and final.sent == 3 and final.cancelled == 47 and final.done
    assert store.broadcast(broadcast_id)["status"] == "cancelled"
    assert store.unfinished_broadcasts("telegram") == []  # a restart resumes nothing
    assert not store.claim_broadcast(broadcast_id, "another-run", lambda owner: False)
    assert store.broadcast_messages_this_month("telegram") == 3  # the dropped ones no longer hold the quota


def test_the_admin_s_cancel_stops_a_running_broadcast(config, engine, tmp_path):
    cfg = dataclasses.replace(config, database=tmp_path / "bot.sqlite3", admins={"telegram": frozenset({"501"})})
    app = make_app(cfg, engine)
    subscribe(app.store, private=20, groups=0)
    broadcast_id = app.store.create_broadcast("telegram", "501", "Thông báo")
    text, go = admin.confirm_broadcast(app, Incoming("telegram", "501", "501", ""), broadcast_id)
    assert go
    said = admin.cancel_broadcast(app, Incoming("telegram", "501", "501", ""), broadcast_id)
    assert said == admin.STOPPED_TEXT.format(id=broadcast_id, dropped=20)
    assert not app.store.claim_broadcast(broadcast_id, "a-restart", lambda owner: False)  # nothing to resume
    assert admin.progress_text(bc.Progress(broadcast_id, 20, 0, 0, 0, 0, None, True, 20)).startswith(
        f"📢 Thông báo #{broadcast_id} đã dừng")


def test_a_typed_huy_stops_a_running_broadcast_where_there_are_no_buttons(config, engine, tmp_path):
    """Zalo and the terminal have no buttons: the status lists ✖ Hủy, and "hủy" typed back stops the sending."""
    cfg = dataclasses.replace(config, database=tmp_path / "bot.sqlite3", admins={"memory": frozenset({"501"})})
    app = make_app(cfg, engine)
    for chat in range(10_000, 10_020):
        app.store.subscribe("memory", str(chat), "private", "", "1")
    conversation = Conversation(app)
    port = MemoryPort(Capabilities(buttons=False, editing=False))

    async def say(text: str) -> str:
        before = len(port.chats.get("501", []))
        await conversation.handle(Incoming("memory", "501", "501", text), port)
        return "\n".join(plain(m.lines) for m in port.chats["501"][before:])

    async def scenario() -> list[str]:
        return [await say("/thongbao Số liệu mới"), await say("gửi"), await say("hủy")]

    preview, started, stopped = asyncio.run(scenario())
    assert "✖ Hủy" in preview and "Đang gửi thông báo #1" in started and "✖ Hủy" in started
    assert "Đã dừng thông báo #1" in stopped and app.store.broadcast(1)["status"] == "cancelled"
    assert app.store.delivery_counts(1) == {"cancelled": 20}
