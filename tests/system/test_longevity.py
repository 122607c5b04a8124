"""What a service running for months meets (issue 18), through real processes: the command line's answers to
look-alike digits, drafts with changed figures, a stale pid file, a deleted database, cancelled broadcasts."""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.runtime import PidLock, running_pid
from bot.service.config import REPO_ROOT
from bot.storage.store import Store
from tests.harness import bot_process, serving, until
from tests.system.test_broadcast import fast_app, subscribe
from tests.system.test_cli import run
from tests.system.test_ingest import NEW_ARTICLE, cli


@pytest.mark.parametrize("figure, lead", [("¹⁰⁰", "Chưa đúng"), ("½", "Chưa đúng"), ("⑨②", "Đúng."),
                                          ("9\u200b2", "Đúng.")])
def test_ask_reads_look_alike_digits_as_digits(figure, lead):
    """`python -m bot ask`: the article says 92."""
    done = run(["ask", "--no-log", f"Sở KH&CN Hải Dương có {figure} đoàn viên công đoàn đúng không?"])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(lead), done.stdout[:200]


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    """The test article drafted once by `ingest` (publisher filled in): a knowledge folder and its draft text."""
    tmp = tmp_path_factory.mktemp("drafted")
    knowledge = tmp / "knowledge"
    shutil.copytree(REPO_ROOT / "knowledge", knowledge)
    (tmp / "thach-an.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    made = cli("ingest", str(tmp / "thach-an.txt"), "--id", "ca-2025-thach-an",
               env={"BOT_KNOWLEDGE_DIR": str(knowledge)})
    assert made.returncode == 0, made.stderr
    path = knowledge / "drafts" / "ca-2025-thach-an.yaml"
    return knowledge, path.read_text(encoding="utf-8").replace("publisher: ''", "publisher: Báo Cao Bằng")


@pytest.mark.parametrize("quoted, changed, said", [
    ("214 công chức", "214 nghìn công chức", "another scale"),
    ("214 công chức", "214 triệu công chức", "another scale"),
    ("87,5%", "87,5 người", "not a percentage"),
    ("214 công chức", "214 công chức ở ¹⁰⁰ xã", "figure 100 of the answer is in none of its quotes"),
    ("214 công chức", "hai trăm mười bốn công chức", "number in words"),
])
def test_approve_refuses_a_draft_whose_answer_changes_a_quoted_figure(drafted, tmp_path, quoted, changed, said):
    source, text = drafted
    knowledge = tmp_path / "knowledge"
    shutil.copytree(source, knowledge)
    data = yaml.safe_load(text)
    fact = next(f for f in data["facts"] if quoted in f["answer"] and quoted in f["quote"])
    fact["answer"] = fact["answer"].replace(quoted, changed)
    (knowledge / "drafts" / "ca-2025-thach-an.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                                encoding="utf-8")
    env = {"BOT_KNOWLEDGE_DIR": str(knowledge), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    refused = cli("approve", "ca-2025-thach-an", env=env)
    assert refused.returncode == 1 and said in refused.stderr, refused.stderr + refused.stdout
    assert not (knowledge / "articles" / "ca-2025-thach-an.yaml").exists()
    (knowledge / "drafts" / "ca-2025-thach-an.yaml").write_text(text, encoding="utf-8")  # the draft as drafted
    assert cli("approve", "ca-2025-thach-an", env=env).returncode == 0


@pytest.mark.parametrize("changed, said", [("có 92 nghìn đoàn viên", "another scale"),
                                           ("có 92 đoàn viên công đoàn, ¹⁰⁰ tổ", "figure 100"),
                                           ("có chín mươi hai đoàn viên", "number in words")])
def test_check_refuses_an_answer_that_changes_its_quoted_figure(knowledge_copy, changed, said):
    path = knowledge_copy / "articles" / "hai-duong-2018.yaml"
    text = path.read_text(encoding="utf-8")
    assert "answer: Theo bài viết tháng 4/2018, Công đoàn Sở KH&CN Hải Dương có 92 đoàn viên" in text
    path.write_text(text.replace("Hải Dương có 92 đoàn viên", f"Hải Dương {changed}", 1), encoding="utf-8")
    checked = cli("check", env={"BOT_KNOWLEDGE_DIR": str(knowledge_copy)})
    assert checked.returncode == 1 and said in checked.stdout + checked.stderr, checked.stdout + checked.stderr


@pytest.fixture
def stranger(tmp_path):
    """A live process that is not the bot, named by a stale pid file (the bot was killed -9 and its pid reused)."""
    process = subprocess.Popen(["sleep", "300"])
    (tmp_path / "bot.pid").write_text(str(process.pid))
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def signalled_by_us_only(process: subprocess.Popen) -> bool:
    """Whether the process had received no signal before ours: pending signals are delivered lowest number
    first, so a SIGHUP already sent would end it before our SIGTERM."""
    process.terminate()
    return process.wait(timeout=30) == -signal.SIGTERM


def test_reload_does_not_signal_a_process_that_only_has_the_stale_pid(stranger, tmp_path, knowledge_copy):
    env = {"BOT_KNOWLEDGE_DIR": str(knowledge_copy), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    done = cli("reload", env=env)
    assert done.returncode == 1 and "no running bot" in done.stderr, done.stderr
    assert signalled_by_us_only(stranger)


def test_approve_does_not_signal_a_process_that_only_has_the_stale_pid(stranger, drafted, tmp_path):
    source, text = drafted
    knowledge = tmp_path / "knowledge"
    shutil.copytree(source, knowledge)
    (knowledge / "drafts" / "ca-2025-thach-an.yaml").write_text(text, encoding="utf-8")
    env = {"BOT_KNOWLEDGE_DIR": str(knowledge), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    done = cli("approve", "ca-2025-thach-an", env=env)
    assert done.returncode == 0 and "no running bot found" in done.stdout, done.stdout + done.stderr
    assert signalled_by_us_only(stranger)


def test_the_pid_file_names_the_bot_only_while_its_lock_is_held(tmp_path):
    lock = PidLock(tmp_path / "bot.pid")
    lock.acquire()
    try:
        assert running_pid(tmp_path / "bot.pid") == os.getpid()
    finally:
        lock.release()
    (tmp_path / "bot.pid").write_text(str(os.getpid()))  # a live pid, but nobody holds the lock
    assert running_pid(tmp_path / "bot.pid") is None


def paced_app(config, engine, tmp_path, fake, per_second: float):
    """An app on the fake Telegram server, admin 501, broadcasts at a pace slow enough to press ✖ Hủy mid-way."""
    app = fast_app(config, engine, tmp_path, fake)
    pace = dataclasses.replace(app.config.telegram.broadcast, overall_per_second=per_second)
    app.config = dataclasses.replace(app.config, telegram=dataclasses.replace(app.config.telegram, broadcast=pace))
    return app


def buttons(message: dict) -> list[tuple[str, str]]:
    """(label, data) of a Telegram message's inline buttons."""
    markup = message.get("reply_markup") or {}
    return [(b["text"], b["callback_data"]) for row in markup.get("inline_keyboard", []) for b in row]


def test_the_cancel_button_stops_a_running_broadcast_and_a_restart_does_not_resume_it(config, engine, tmp_path,
                                                                                        fake):
    app = paced_app(config, engine, tmp_path, fake, per_second=20)
    chats = subscribe(app.store, private=150, groups=0)
    delivered = lambda: sum(fake.deliveries[c] for c in chats)  # noqa: E731

    async def scenario():
        async with serving(app, ["telegram"]):
            fake.push(fake.message("/thongbao Số liệu mới", chat_id=501, user_id=501))
            await until(lambda: fake.sent_to(501))
            preview = fake.sent_to(501)[0]
            fake.push(fake.callback(buttons(preview)[0][1], chat_id=501, user_id=501,
                                    message_id=preview["message_id"]))
            await until(lambda: delivered() >= 5 and buttons(fake.sent_to(501)[0]))
            (label, cancel), = buttons(fake.sent_to(501)[0])  # the status message keeps ✖ Hủy while it runs
            assert label == "✖ Hủy" and cancel.startswith("b:no:")
            fake.push(fake.callback(cancel, chat_id=501, user_id=501, message_id=preview["message_id"]))
            await until(lambda: "đã dừng" in fake.sent_to(501)[0]["text"])
            return delivered()

    at_stop = asyncio.run(scenario())
    assert at_stop < 150 and app.store.broadcast(1)["status"] == "cancelled"
    assert fake.callback_answers[-1].get("text", "") == ""  # no "already sent or cancelled"

    async def restart():
        async with serving(app, ["telegram"]) as runtime:
            await until(lambda: "telegram" in runtime.running)
            await asyncio.to_thread(app.flush)
    asyncio.run(restart())
    assert delivered() == at_stop and app.store.unfinished_broadcasts("telegram") == []  # nothing resumed


def test_cli_broadcasts_cancel_stops_a_running_broadcast(tmp_path):
    store = Store(tmp_path / "bot.sqlite3")
    subscribe(store, private=5, groups=0)
    broadcast_id = store.create_broadcast("telegram", "1", "Thông báo")
    assert store.start_broadcast(broadcast_id, store.active_subscribers("telegram"))
    env = {"BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    done = cli("broadcasts", "--cancel", str(broadcast_id), env=env)
    assert done.returncode == 0 and "5 recipients not yet reached will not be sent to" in done.stdout, done.stderr
    assert store.broadcast(broadcast_id)["status"] == "cancelled" and store.unfinished_broadcasts("telegram") == []
    again = cli("broadcasts", "--cancel", str(broadcast_id), env=env)
    assert again.returncode == 1
    assert again.stderr.strip() == f"error: broadcast {broadcast_id} is cancelled, not running"


@contextlib.contextmanager
def read_only(folder: Path):
    """The folder made read-only for real: its permissions for an ordinary user, a read-only bind mount for root
    (who writes through permissions); skipped where neither can be done."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")] if p.is_dir()}
        for path in modes:
            path.chmod(0o555)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    mounted = subprocess.run(f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}", shell=True,
                             capture_output=True)
    if mounted.returncode != 0:
        subprocess.run(["umount", str(folder)], capture_output=True)
        pytest.skip("cannot make a folder read-only here (root without mount rights)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_knowledge_folder_gets_one_clear_reply_to_upload_approve_and_ingest(config, engine, tmp_path,
                                                                                       fake, drafted, caplog):
    from tests.system.test_admin import EXTRA_ARTICLE
    source, text = drafted
    knowledge = tmp_path / "knowledge"
    shutil.copytree(source, knowledge)
    (knowledge / "drafts" / "ca-2025-thach-an.yaml").write_text(text, encoding="utf-8")
    app = fast_app(config, engine, tmp_path, fake, knowledge_dir=knowledge)
    before = sorted(str(p) for p in knowledge.rglob("*"))

    async def scenario():
        async with serving(app, ["telegram"]):
            fake.push(fake.document("extra.yaml", EXTRA_ARTICLE.encode(), chat_id=501, user_id=501))
            await until(lambda: len(fake.sent_to(501)) == 1)
            fake.push(fake.message("/duyet ca-2025-thach-an", chat_id=501, user_id=501))
            await until(lambda: len(fake.sent_to(501)) == 2)
            fake.push(fake.document("bai.txt", NEW_ARTICLE.encode(), chat_id=501, user_id=501,
                                    caption="/themnguon Báo Cao Bằng"))
            await until(lambda: len(fake.sent_to(501)) == 3)

    with read_only(knowledge):
        asyncio.run(scenario())
    replies = [m["text"] for m in fake.sent_to(501)]
    assert all(r.startswith("Không ghi được vào thư mục kiến thức (thư mục chỉ cho đọc)") for r in replies), replies
    assert sorted(str(p) for p in knowledge.rglob("*")) == before
    assert len([r for r in caplog.records if "cannot write the knowledge folder" in r.getMessage()]) == 3


def test_the_database_deleted_under_the_running_bot_is_restored_and_nothing_is_lost(knowledge_copy, tmp_path):
    """`rm bot.sqlite3*` while the real process runs: subscriptions made before and after are all in the file
    at its path when it stops, and the log says so once."""
    from tests.fakes.telegram import TOKEN, FakeTelegram
    fake = FakeTelegram().start()
    database = tmp_path / "bot.sqlite3"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
           "BOT_DATABASE": str(database), "BOT_KNOWLEDGE_DIR": str(knowledge_copy),
           "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"), "BOT_TELEGRAM__POLL_TIMEOUT": "1"}
    try:
        with bot_process("telegram", env, polled=(fake,)) as bot:
            fake.push(fake.message("/dangky", chat_id=111, user_id=111))
            assert fake.wait_for(lambda: fake.sent_to(111), timeout=15)
            for name in ("bot.sqlite3", "bot.sqlite3-wal", "bot.sqlite3-shm"):
                (tmp_path / name).unlink(missing_ok=True)
            fake.push(fake.message("/dangky", chat_id=222, user_id=222))
            assert fake.wait_for(lambda: fake.sent_to(222), timeout=15)
            for n in range(1000):  # the file is looked at every 2 s, when the bot touches it: keep it busy until then
                fake.push(fake.message("Lạng Sơn có bao nhiêu cán bộ?", chat_id=333, user_id=333))
                assert fake.wait_for(lambda: len(fake.sent_to(333)) > n, timeout=15)
                if database.exists():
                    break
            assert database.exists()
            bot.send_signal(signal.SIGTERM)
            _, err = bot.communicate(timeout=30)
    finally:
        fake.stop()
    assert bot.returncode == 0, err
    assert {r["chat"] for r in Store(database).db["subscribers"].rows} == {"111", "222"}
    deleted = [line for line in err.splitlines() if "was deleted while the bot ran" in line]
    assert len(deleted) == 1 and "ERROR" in deleted[0] and "restored it" in deleted[0], err[-2000:]


def test_ingest_reads_a_zero_width_space_inside_a_place_name_as_nothing(tmp_path, knowledge_copy):
    """Issue 18: "Th\\u200bạch An" was drafted as the place "Th"."""
    article = tmp_path / "thach-an.txt"
    article.write_text(NEW_ARTICLE.replace("Thạch An", "Th\u200bạch\u00ad An"), encoding="utf-8")
    made = cli("ingest", str(article), "--id", "ca-2025-thach-an", env={"BOT_KNOWLEDGE_DIR": str(knowledge_copy)})
    assert made.returncode == 0, made.stderr
    assert "new place proposed for the gazetteer: Thạch An" in made.stdout, made.stdout
    draft = (knowledge_copy / "drafts" / "ca-2025-thach-an.yaml").read_text(encoding="utf-8")
    assert "\u200b" not in draft and "\u00ad" not in draft
