"""Broadcasts: limits, failure handling, durability across SIGKILL, and the admin flow in Telegram."""
from __future__ import annotations

import asyncio
import dataclasses
import os
import subprocess
import sys
from collections import Counter

from telegram.ext import ExtBot

from bot.service import broadcast as bc
from bot.service.config import REPO_ROOT
from bot.storage.store import Store
from channels.telegram import TelegramSender
from tests.fakes.telegram import TOKEN, FakeTelegram
from tests.harness import Clock, channel_config, make_app, serving, until

FAST = bc.Limits(overall_per_second=2000, group_per_minute=2000, chat_per_second=100, window_margin_seconds=0,
                 concurrency=8, max_attempts=3, backoff_seconds=0.01, progress_seconds=0.2)


def subscribe(store: Store, private: int, groups: int) -> list[int]:
    """Subscribed chats: private ones have positive ids, groups negative ones."""
    chats = [10_000 + i for i in range(private)] + [-20_000 - i for i in range(groups)]
    for chat in chats:
        store.subscribe("telegram", str(chat), "private" if chat > 0 else "group", "", "1")
    return chats


def new_broadcast(store: Store, text: str = "Thông báo: đã cập nhật số liệu <mới> & đầy đủ.") -> int:
    broadcast_id = store.create_broadcast("telegram", "1", text)
    assert store.start_broadcast(broadcast_id, store.active_subscribers("telegram"))
    return broadcast_id


async def send_all(fake: FakeTelegram, store: Store, broadcast_id: int, limits: bc.Limits) -> bc.Progress:
    seen = []

    async def progress(p):
        seen.append(p)

    async with ExtBot(TOKEN, base_url=fake.base_url) as bot:
        final = await bc.run(store, TelegramSender(bot), broadcast_id, limits, progress)
    assert seen and seen[-1].done
    return final


# ---------------------------------------------------------------- limits


def test_rate_limiter_never_exceeds_any_limit():
    clock = Clock()
    limiter = bc.RateLimiter(bc.Limits(overall_per_second=30, group_per_minute=20, chat_per_second=1,
                                       window_margin_seconds=0), clock, clock.sleep)
    starts = []

    async def scenario():
        for i in range(300):
            chat, group = (str(i % 7), True) if i % 3 == 0 else (str(1000 + i), False)
            await limiter.acquire(chat, group)
            starts.append((clock.now, chat, group))
    asyncio.run(scenario())
    times = [t for t, _, _ in starts]
    assert max(sum(1 for u in times if t <= u < t + 1) for t in times) <= 30
    for chat in {c for _, c, g in starts if g}:
        group_times = [t for t, c, _ in starts if c == chat]
        assert max(sum(1 for u in group_times if t <= u < t + 60) for t in group_times) <= 20
        assert all(b - a >= 1 for a, b in zip(group_times, group_times[1:]))
    assert times[-1] < 300 / 30 + 5 * 60  # it is not simply slow: the group limit is what takes time


def test_pause_after_429_holds_everyone():
    clock = Clock()
    limiter = bc.RateLimiter(bc.Limits(), clock, clock.sleep)

    async def scenario():
        await limiter.acquire("1", False)
        limiter.pause(5)
        await limiter.acquire("2", False)
    asyncio.run(scenario())
    assert clock.now >= 5


# ---------------------------------------------------------------- 1,000 recipients over HTTP


def test_thousand_recipients_with_429s_blocked_users_a_migrated_group_and_a_5xx_burst(fake, tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    chats = subscribe(store, private=900, groups=100)
    blocked = set(chats[5:15])
    fake.blocked |= blocked
    migrated_from, migrated_to = chats[-1], -1_009_000
    fake.migrated[migrated_from] = migrated_to
    for _ in range(3):
        fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    for _ in range(6):
        fake.fail_next("sendMessage", 502, "Bad Gateway")
    broadcast_id = new_broadcast(store)
    final = asyncio.run(send_all(fake, store, broadcast_id, FAST))

    active = [c for c in chats if c not in blocked and c != migrated_from] + [migrated_to]
    assert all(fake.deliveries[c] == 1 for c in active), [c for c in active if fake.deliveries[c] != 1][:5]
    assert all(fake.deliveries[c] == 0 for c in blocked | {migrated_from})
    assert final.sent == len(active) and final.failed == len(blocked) and final.remaining == 0
    assert sum(1 for e in fake.errors if e[1] == 429) == 3 and sum(1 for e in fake.errors if e[1] == 502) == 6
    assert {str(c) for c in blocked} == {s["chat"] for s in store.db["subscribers"].rows if not s["active"]}
    assert store.subscriber("telegram", str(migrated_to))["active"] and not store.subscriber("telegram", str(migrated_from))
    text = fake.sent_to(chats[0])[0]["text"]
    assert text == "Thông báo: đã cập nhật số liệu &lt;mới&gt; &amp; đầy đủ."
    assert store.broadcast(broadcast_id)["status"] == "done"


def test_persistent_failures_are_recorded_and_can_be_retried(fake, tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    chats = subscribe(store, private=20, groups=0)
    fake.broken[chats[7]] = (500, "Internal Server Error")
    broadcast_id = new_broadcast(store)
    limits = dataclasses.replace(FAST, concurrency=1)
    first = asyncio.run(send_all(fake, store, broadcast_id, limits))
    assert first.failed == 1 and first.sent == 19
    (failed,) = store.failed_deliveries(broadcast_id)
    assert "Internal Server Error" in failed["error"] and "after 3 attempts" in failed["error"]
    assert fake.deliveries[chats[7]] == 0 and sum(1 for e in fake.errors if e[1] == 500) == FAST.max_attempts
    del fake.broken[chats[7]]
    assert store.retry_failed(broadcast_id) == 1
    second = asyncio.run(send_all(fake, store, broadcast_id, limits))
    assert second.failed == 0 and second.sent == 20
    assert all(fake.deliveries[c] == 1 for c in chats)


def test_a_started_broadcast_cannot_start_twice_and_a_live_owner_is_respected(tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    subscribe(store, private=3, groups=0)
    broadcast_id = new_broadcast(store)
    assert not store.start_broadcast(broadcast_id, store.active_subscribers("telegram"))
    assert not store.cancel_broadcast(broadcast_id)
    assert store.claim_broadcast(broadcast_id, str(os.getpid()), bc.is_alive)
    assert not store.claim_broadcast(broadcast_id, "someone-else", bc.is_alive)  # this process is alive
    assert store.claim_broadcast(broadcast_id, "someone-else", lambda owner: False)  # owner died


# ---------------------------------------------------------------- killed midway


def test_sigkill_midway_then_resume_delivers_exactly_once(fake, tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    chats = subscribe(store, private=900, groups=100)
    fake.blocked.add(chats[3])
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_TELEGRAM__BROADCAST__OVERALL_PER_SECOND": "1000",
           "BOT_TELEGRAM__BROADCAST__GROUP_PER_MINUTE": "1000", "BOT_BROADCAST__CONCURRENCY": "1",
           "BOT_BROADCAST__WINDOW_MARGIN_SECONDS": "0"}
    first = subprocess.Popen([sys.executable, "-m", "bot", "broadcast", "--text", "Cập nhật số liệu mới", "--yes"],
                             cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    fake.kill_at = (400, first.pid)
    first.communicate(timeout=120)
    assert first.returncode == -9  # killed, mid-broadcast
    assert len(fake.sent) == 400
    resumed = subprocess.run([sys.executable, "-m", "bot", "broadcast", "--resume"], cwd=REPO_ROOT, env=env,
                             capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 1, resumed.stderr  # 1: one recipient (the blocked one) could not be reached
    assert "998 sent, 1 failed of 999" in resumed.stdout or "999 sent" in resumed.stdout
    counts = Counter(m["chat"]["id"] for m in fake.sent)
    active = [c for c in chats if c != chats[3]]
    assert all(counts[c] == 1 for c in active), [(c, counts[c]) for c in active if counts[c] != 1][:5]
    assert counts[chats[3]] == 0
    listing = subprocess.run([sys.executable, "-m", "bot", "broadcasts"], cwd=REPO_ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    row = [line for line in listing.stdout.splitlines() if line.strip().startswith("1 ")][0].split()
    assert row[2:8] == ["done", "1000", "999", "1", "0", "1"]  # status, total, sent, failed, left, unconfirmed


# ---------------------------------------------------------------- the admin flow in Telegram


def fast_app(config, engine, tmp_path, fake, progress_seconds: float = 0.2, **changes):
    """An app on the fake server with user 501 as admin and broadcasts at FAST's pace."""
    cfg = channel_config(config, tmp_path, telegram=fake.base_url, admins={"telegram": frozenset({"501"})},
                         **changes)
    pace = dataclasses.replace(cfg.telegram.broadcast, overall_per_second=FAST.overall_per_second,
                               group_per_minute=FAST.group_per_minute, chat_per_second=FAST.chat_per_second)
    shared = dataclasses.replace(cfg.broadcast, window_margin_seconds=0, concurrency=FAST.concurrency,
                                 max_attempts=FAST.max_attempts, progress_seconds=progress_seconds)
    cfg = dataclasses.replace(cfg, telegram=dataclasses.replace(cfg.telegram, broadcast=pace), broadcast=shared)
    return make_app(cfg, engine)


def test_thongbao_preview_confirm_progress_and_refusals(config, engine, tmp_path, fake):
    app = fast_app(config, engine, tmp_path, fake, progress_seconds=0.05)
    chats = subscribe(app.store, private=30, groups=5)

    def preview_buttons(chat):
        markup = fake.sent_to(chat)[-1].get("reply_markup") or {}
        return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]

    async def scenario():
        async with serving(app, ["telegram"]):
            fake.push(fake.message("/thongbao Số liệu Bắc Kạn đã cập nhật", chat_id=502, user_id=502))
            await until(lambda: fake.sent_to(502))
            fake.push(fake.message("/thongbao Số liệu Bắc Kạn đã cập nhật", chat_id=501, user_id=501))
            await until(lambda: fake.sent_to(501))
            send, cancel = preview_buttons(501)
            fake.push(fake.callback(send, chat_id=501, user_id=502, message_id=fake.sent_to(501)[-1]["message_id"]))
            await until(lambda: len(fake.callback_answers) == 1)
            assert not any(fake.deliveries[c] for c in chats)  # a non-admin's press sends nothing
            fake.push(fake.callback(send, chat_id=501, user_id=501, message_id=fake.sent_to(501)[-1]["message_id"]))
            await until(lambda: all(fake.deliveries[c] == 1 for c in chats))
            await until(lambda: "đã gửi xong" in fake.sent_to(501)[0]["text"])
            fake.push(fake.callback(send, chat_id=501, user_id=501, message_id=fake.sent_to(501)[-1]["message_id"]))
            await until(lambda: len(fake.callback_answers) == 3)
            fake.push(fake.message("/thongbao Bản nháp sẽ hủy", chat_id=501, user_id=501))
            await until(lambda: len(fake.sent_to(501)) == 2)
            _, cancel = preview_buttons(501)
            fake.push(fake.callback(cancel, chat_id=501, user_id=501, message_id=fake.sent_to(501)[-1]["message_id"]))
            await until(lambda: "Đã hủy" in fake.sent_to(501)[-1]["text"])
    run = asyncio.run(scenario())
    assert run is None
    assert fake.sent_to(502)[0]["text"] == "Lệnh này chỉ dành cho quản trị viên của bot."
    assert fake.callback_answers[0]["text"] == "Lệnh này chỉ dành cho quản trị viên của bot."
    status = fake.sent_to(501)[0]["text"]
    assert status.startswith("📢 Thông báo #1 đã gửi xong: 35/35 nơi nhận")
    assert any("đã gửi" in text and "/35" in text for _, _, text in fake.edits)
    assert all(fake.deliveries[c] == 1 for c in chats)  # the third press (already sent) sent nothing more
    assert "đã được gửi hoặc đã hủy" in fake.callback_answers[2]["text"]
    app.flush()
    outcomes = [(r["user"], r["action"], r["outcome"]) for r in app.store.db["admin_actions"].rows]
    assert ("502", "broadcast", "refused") in outcomes and ("501", "broadcast", "ok") in outcomes
    assert ("501", "broadcast", "cancelled") in outcomes


def test_update_offer_after_upload_and_membership_changes(config, engine, tmp_path, fake, knowledge_copy):
    from tests.system.test_admin import EXTRA_ARTICLE
    app = fast_app(config, engine, tmp_path, fake, knowledge_dir=knowledge_copy)
    chats = subscribe(app.store, private=3, groups=2)
    group = chats[-1]

    async def scenario():
        async with serving(app, ["telegram"]):
            member = {"id": 999000, "is_bot": True, "first_name": "bot"}
            fake.push({"my_chat_member": {"chat": {"id": group, "type": "group", "title": "N"},
                                          "from": {"id": 7, "is_bot": False, "first_name": "A"}, "date": 1,
                                          "old_chat_member": {"status": "member", "user": member},
                                          "new_chat_member": {"status": "left", "user": member}}})
            migrate = fake.message("", chat_id=chats[-2], chat_type="group")
            del migrate["message"]["text"]
            migrate["message"]["migrate_to_chat_id"] = -1_001_234
            fake.push(migrate)
            await until(lambda: app.store.subscriber("telegram", "-1001234") is not None)
            fake.push(fake.document("extra.yaml", EXTRA_ARTICLE.encode(), chat_id=501, user_id=501))
            await until(lambda: len(fake.sent_to(501)) == 2)
            markup = fake.sent_to(501)[1]["reply_markup"]["inline_keyboard"][0]
            assert [b["text"] for b in markup] == ["📢 Gửi cập nhật", "Bỏ qua"]
            fake.push(fake.callback(markup[0]["callback_data"], chat_id=501, user_id=501,
                                    message_id=fake.sent_to(501)[1]["message_id"]))
            # every remaining subscriber, not only the migrated group, must have had its one delivery
            await until(lambda: fake.deliveries[-1_001_234] == 1 and all(fake.deliveries[c] == 1 for c in chats[:3]))
    asyncio.run(scenario())
    assert not app.store.subscriber("telegram", str(group))["active"]
    assert fake.deliveries[group] == 0 and all(fake.deliveries[c] == 1 for c in chats[:3])
    offer = fake.sent_to(-1_001_234)[0]["text"]
    assert "bot đã có thêm 1 thông tin mới" in offer and "123 cán bộ" in offer and "Nguồn: Bài thử nghiệm" in offer
