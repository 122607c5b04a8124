"""The fault suite: bad days in production reproduced through the real process (`python -m bot …`) and the fake
Bot API server. Each test asserts that the bot stays up, every well-behaved user's question is answered,
nothing is sent twice and nothing acknowledged is lost; it prints what the bot did (answers delivered,
duplicates, time to answer) for the closing notes."""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.service.config import REPO_ROOT
from bot.storage.store import Store
from tests.fakes.telegram import TOKEN, FakeTelegram
from tests.harness import Output, wait_until
from tests.system.test_admin import EXTRA_ARTICLE
from tests.system.test_broadcast import subscribe

ADMIN, ALICE, BOB = 501, 111, 222
NESTED = "facts: " + "[" * 50_000 + "]" * 50_000 + "\n"
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
SELF_REFERENCE = "facts: &a [*a]\n"
BOMBS = {"nested.yaml": (NESTED, "nested more than"), "aliases.yaml": (ALIAS_BOMB, "anchors and aliases"),
         "recursive.yaml": (SELF_REFERENCE, "anchors and aliases")}


@pytest.fixture
def knowledge(tmp_path, knowledge_copy):
    return knowledge_copy


class Bot:
    """`python -m bot …` as a child process against the fake server, with its own database and pid file."""

    def __init__(self, tmp: Path, fake: FakeTelegram, knowledge: Path, *command: str, **env: str):
        self.tmp, self.fake = tmp, fake
        self.env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
                    "BOT_DATABASE": str(tmp / "bot.sqlite3"), "BOT_RELOAD__PID_FILE": str(tmp / "bot.pid"),
                    "BOT_KNOWLEDGE_DIR": str(knowledge), "BOT_TELEGRAM__POLL_TIMEOUT": "1",
                    "BOT_ADMINS__TELEGRAM": f"[{ADMIN}]", "BOT_SERVICE__START_RETRY_SECONDS": "0.2", **env}
        self.command = command or ("-m", "bot", "telegram")
        self.proc: subprocess.Popen | None = None
        self.err: Output | None = None  # its log, as it comes

    def start(self) -> "Bot":
        self.proc = subprocess.Popen([sys.executable, *self.command], cwd=REPO_ROOT, env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.err = Output(self.proc.stderr)
        assert self.fake.wait_for(lambda: any(m == "getUpdates" for m, _ in self.fake.calls), timeout=30), \
            self.stop()[1]
        return self

    def stop(self) -> tuple[int, str]:
        """SIGTERM; (exit status, stderr)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        return self.proc.returncode, self.err.text()

    def cli(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        """Another command against the same files."""
        return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO_ROOT, env={**self.env, **env},
                              capture_output=True, text=True, timeout=120)

    def ask(self, chat: int, text: str) -> float:
        """Push a question; when it was pushed."""
        self.fake.push(self.fake.message(text, chat_id=chat, user_id=chat))
        return time.monotonic()


def texts(fake: FakeTelegram, chat: int) -> list[str]:
    return [m["text"] for m in fake.sent_to(chat)]


def duplicates(fake: FakeTelegram) -> int:
    """Messages with the same text sent to the same chat more than once."""
    counts = Counter((m["chat"]["id"], m["text"]) for m in fake.sent)
    return sum(n - 1 for n in counts.values() if n > 1)


def refused_delivery_writes(flag: Path) -> int:
    """Writes to the deliveries table the full disk refused so far (tests/fakes/full_disk.py notes them)."""
    notes = flag.with_name(flag.name + ".refused")
    return sum("deliveries" in line for line in notes.read_text(encoding="utf-8").splitlines()) \
        if notes.exists() else 0


def report(scenario: str, **figures) -> None:
    """One line of figures for the closing notes (pytest -s shows them)."""
    print(f"\n[fault] {scenario}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


# ---------------------------------------------------------------- knowledge files


def test_hostile_knowledge_files_by_upload_reload_and_at_start(fake, tmp_path, knowledge):
    bot = Bot(tmp_path, fake, knowledge).start()
    try:
        for name, (content, _) in BOMBS.items():
            fake.push(fake.document(name, content.encode(), chat_id=ADMIN, user_id=ADMIN))
        assert fake.wait_for(lambda: len(fake.sent_to(ADMIN)) == 3, timeout=30)
        (knowledge / "articles" / "nested.yaml").write_text(NESTED, encoding="utf-8")
        reloaded = bot.cli("reload")
        bot.ask(ALICE, "dong trieu co bao nhieu tri thuc")
        assert fake.wait_for(lambda: fake.sent_to(ALICE), timeout=15)
    finally:
        status, err = bot.stop()
    refusals = texts(fake, ADMIN)
    for name, (_, reason) in BOMBS.items():
        assert any(f"Tệp {name} không hợp lệ" in t and reason in t for t in refusals), (name, refusals)
    assert reloaded.returncode == 1 and "nested more than 32 levels deep" in reloaded.stdout
    assert "17.412" in texts(fake, ALICE)[0] and status == 0 and "Traceback" not in err
    assert not [p for p in (knowledge / "articles").glob("*.yaml") if p.name in ("aliases.yaml", "recursive.yaml")]
    for name, (content, reason) in BOMBS.items():  # the same files on disk when a process starts
        (knowledge / "articles" / "nested.yaml").write_text(content, encoding="utf-8")
        for command in (["check"], ["ask", "--no-log", "xin chào"]):
            proc = bot.cli(*command)
            assert proc.returncode == 1 and reason in proc.stderr, (name, command, proc.stderr[-500:])
            assert "Traceback" not in proc.stderr
        started = bot.cli("telegram")
        assert started.returncode == 1 and reason in started.stderr and "Traceback" not in started.stderr
    report("hostile knowledge files", uploads_refused=3, reload_refused=1, answered_meanwhile=1, crashes=0)


def test_two_uploads_valid_alone_but_not_together_leave_the_folder_valid(fake, tmp_path, knowledge):
    first = EXTRA_ARTICLE
    second = EXTRA_ARTICLE.replace("id: test-2024-bai-moi", "id: test-2024-bai-khac").replace(
        "title: Bài thử nghiệm", "title: Bài khác")  # the same fact id in another article: valid alone only
    bot = Bot(tmp_path, fake, knowledge).start()
    try:
        fake.push(fake.document("mot.yaml", first.encode(), chat_id=ADMIN, user_id=ADMIN))
        fake.push(fake.document("hai.yaml", second.encode(), chat_id=ADMIN, user_id=ADMIN))
        assert fake.wait_for(lambda: len(fake.sent_to(ADMIN)) == 2, timeout=30)
    finally:
        status, err = bot.stop()
    replies = texts(fake, ADMIN)
    assert sum("Đã lưu" in t for t in replies) == 1 and sum("duplicate fact id" in t for t in replies) == 1
    check = bot.cli("check")
    assert check.returncode == 0, check.stderr
    assert status == 0
    report("concurrent uploads", saved=1, refused=1, folder_valid_after=check.returncode == 0)


# ---------------------------------------------------------------- the database


def hold_write_lock(database: Path, release: threading.Event) -> threading.Thread:
    """Another process holding the database's write lock until `release` is set."""
    ready = threading.Event()

    def run() -> None:
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
             "c.execute('begin exclusive'); print('locked', flush=True); sys.stdin.readline()", str(database)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "locked"
        ready.set()
        release.wait()
        holder.communicate("\n", timeout=10)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(15)
    return thread


def test_a_database_locked_by_another_process_never_holds_up_an_answer(fake, tmp_path, knowledge):
    bot = Bot(tmp_path, fake, knowledge, BOT_STORAGE__BUSY_TIMEOUT_MS="300", BOT_STORAGE__WRITE_RETRIES="1",
              BOT_STORAGE__BACKOFF_SECONDS="0.1").start()
    release = threading.Event()
    try:
        locker = hold_write_lock(tmp_path / "bot.sqlite3", release)
        asked = {}
        for n, question in enumerate(["dong trieu co bao nhieu tri thuc", "/trogiup", "/nguon",
                                      "hoanh bo tinh gian bao nhieu bien che", "/dangky"]):
            asked[n] = bot.ask(ALICE + n, question)
        assert fake.wait_for(lambda: all(fake.sent_to(ALICE + n) for n in asked), timeout=20)
        answered_while_locked = sum(bool(fake.sent_to(ALICE + n)) for n in asked)
        assert bot.err.wait_for("rows could not be written")  # the writer gave its rows up, answers went on
        release.set()
        locker.join(15)
        fake.push(fake.message("/thongke", chat_id=ADMIN, user_id=ADMIN))
        assert fake.wait_for(lambda: fake.sent_to(ADMIN), timeout=20)
    finally:
        release.set()
        status, err = bot.stop()
    answered_at = dict(fake.sent_at)
    waits = [answered_at[ALICE + n] - t for n, t in asked.items() if ALICE + n in answered_at]
    assert answered_while_locked == len(asked) and duplicates(fake) == 0 and status == 0
    assert "Hệ thống đang bận" in texts(fake, ALICE + 4)[0]  # the subscription could not be written: said so
    assert "dòng nhật ký" in texts(fake, ADMIN)[0] and "could not be written" in err, err
    report("database locked by another process", answered=f"{answered_while_locked}/{len(asked)}",
           duplicates=0, slowest_answer_s=f"{max(waits):.2f}")


def test_a_full_disk_loses_log_rows_not_answers_and_a_broadcast_resumes_without_duplicates(fake, tmp_path,
                                                                                         knowledge):
    store = Store(tmp_path / "bot.sqlite3")
    chats = subscribe(store, private=40, groups=0)
    store.close()
    flag = tmp_path / "disk-full"
    bot = Bot(tmp_path, fake, knowledge, "-m", "tests.fakes.full_disk", "telegram", FULL_DISK_FLAG=str(flag),
              BOT_STORAGE__WRITE_RETRIES="0", BOT_BROADCAST__STORAGE_PAUSE_SECONDS="0.5",
              BOT_BROADCAST__BACKOFF_SECONDS="0.2", BOT_TELEGRAM__BROADCAST__CHAT_PER_SECOND="100",
              BOT_TELEGRAM__BROADCAST__OVERALL_PER_SECOND="20").start()
    try:
        fake.push(fake.message("/thongbao Cập nhật số liệu mới.", chat_id=ADMIN, user_id=ADMIN))
        assert fake.wait_for(lambda: fake.sent_to(ADMIN), timeout=20)
        send = [b["callback_data"] for row in fake.sent_to(ADMIN)[0]["reply_markup"]["inline_keyboard"]
                for b in row if ":go:" in b["callback_data"]][0]
        fake.push(fake.callback(send, chat_id=ADMIN, user_id=ADMIN, message_id=fake.sent_to(ADMIN)[0]["message_id"]))
        assert fake.wait_for(lambda: sum(fake.deliveries[c] for c in chats) >= 10, timeout=20)
        flag.touch()  # the disk fills up mid-broadcast
        asked = [bot.ask(ALICE, q) for q in ("dong trieu co bao nhieu tri thuc", "hoanh bo tinh gian bao nhieu "
                                                                                  "bien che", "/nguon")]
        assert fake.wait_for(lambda: len(fake.sent_to(ALICE)) == 3, timeout=20)
        assert bot.err.wait_for("paused: the database cannot be written")
        paused_at = sum(fake.deliveries[c] for c in chats)
        tried = refused_delivery_writes(flag)
        assert wait_until(lambda: refused_delivery_writes(flag) >= tried + 3)  # it tried again and again, sending nothing
        still_paused = sum(fake.deliveries[c] for c in chats) - paused_at
        flag.unlink()  # space is freed
        assert fake.wait_for(lambda: all(fake.deliveries[c] >= 1 for c in chats), timeout=30)
        assert fake.wait_for(lambda: "đã gửi xong" in fake.sent_to(ADMIN)[0]["text"], timeout=20)
    finally:
        flag.unlink(missing_ok=True)
        status, err = bot.stop()
    assert all(fake.deliveries[c] == 1 for c in chats), Counter(fake.deliveries[c] for c in chats)
    assert len(asked) == len(fake.sent_to(ALICE)) and still_paused <= 1 and status == 0
    assert "paused: the database cannot be written" in err and "resumed" in err
    assert "rows could not be written" in err and "Traceback" not in err
    report("full disk", answered=f"{len(fake.sent_to(ALICE))}/3", broadcast_delivered=f"{len(chats)}/{len(chats)}",
           duplicates=duplicates(fake), sent_while_full=still_paused)


# ---------------------------------------------------------------- the network


def test_a_reply_delayed_after_the_server_took_it_is_never_sent_twice(fake, tmp_path, knowledge):
    store = Store(tmp_path / "bot.sqlite3")
    chats = subscribe(store, private=5, groups=0)
    store.close()
    bot = Bot(tmp_path, fake, knowledge).start()
    try:
        fake.delay_next("sendMessage", 7)  # the server takes the message, its answer comes after the time-out
        bot.ask(ALICE, "dong trieu co bao nhieu tri thuc")
        assert fake.wait_for(lambda: fake.sent_to(ALICE), timeout=15)
        assert fake.wait_for(lambda: fake.late_answers >= 1, timeout=30)  # the late answer is out: any resend
        # the bot would make has been made by the time the next question is answered
        bot.ask(BOB, "hoanh bo tinh gian bao nhieu bien che")
        assert fake.wait_for(lambda: fake.sent_to(BOB), timeout=15)
    finally:
        status, err = bot.stop()
    fake.delay_next("sendMessage", 7)
    sent = bot.cli("broadcast", "--text", "Thông báo thử.", "--yes")
    listing = bot.cli("broadcasts", "--id", "1")
    assert len(fake.sent_to(ALICE)) == 1 and len(fake.sent_to(BOB)) == 1 and status == 0
    assert all(fake.deliveries[c] == 1 for c in chats) and duplicates(fake) == 0
    assert "1 unconfirmed" in sent.stdout and "1 sent without a confirmation" in listing.stdout, sent.stdout
    report("reply delayed 7 s after delivery", answer_copies=len(fake.sent_to(ALICE)),
           broadcast_copies=max(fake.deliveries[c] for c in chats), unconfirmed_listed=1)


def interrupted(env: dict, ready: str) -> tuple[int, str]:
    """`python -m bot telegram` sent Ctrl-C as soon as its stderr shows `ready`; (exit status, stderr)."""
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "bot", "telegram"], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    err = Output(proc.stderr)
    assert err.wait_for(ready), err.lines[-5:]
    proc.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"still running 30 s after Ctrl-C sent at {ready!r}: {err.lines[-8:]}") from None
    said = [line for line in err.text().splitlines() if not line.startswith("import time:")]
    return proc.returncode, "\n".join(said)


def test_ctrl_c_at_any_moment_of_start_up_stops_quietly(fake, tmp_path, knowledge):
    env = {**Bot(tmp_path, fake, knowledge).env, "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot"}
    # While the program loads (-X importtime says how far it got), while the channel loads python-telegram-bot
    # (the runtime is starting, its signal handlers not yet set), and while it waits to retry an unreachable
    # server.
    for ready in (" bot.service.config\n", "| telegram\n", "trying again"):
        status, said = interrupted(env, ready)
        assert status == 0 and "Traceback" not in said and "KeyboardInterrupt" not in said, (ready, said)
        assert len([line for line in said.splitlines() if "ERROR" not in line and "INFO" not in line]) <= 1, said


def test_start_up_failures_are_one_clear_line(fake, tmp_path, knowledge):
    base = Bot(tmp_path, fake, knowledge)
    status, offline = interrupted({**base.env, "TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot"}, "trying again")
    assert status == 0 and "cannot reach the Telegram Bot API" in offline and "trying again" in offline
    assert "Traceback" not in offline and TOKEN not in offline
    wrong_token = base.cli("telegram", TELEGRAM_BOT_TOKEN="999:not-the-token")
    assert wrong_token.returncode == 1 and "refused the bot token" in wrong_token.stderr
    wrong_url = base.cli("telegram", TELEGRAM_BASE_URL=fake.base_url.replace("/bot", "/nothing/bot"))
    assert wrong_url.returncode == 1 and TOKEN not in wrong_url.stderr + wrong_url.stdout
    (tmp_path / "bad.sqlite3").write_bytes(b"this is not a database, it is a note " * 100)
    corrupt = base.cli("telegram", BOT_DATABASE=str(tmp_path / "bad.sqlite3"))
    assert corrupt.returncode == 1 and "is not usable (file is not a database)" in corrupt.stderr
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o555)
    folder = readonly if os.geteuid() != 0 else Path("/sys")  # root writes anywhere but to /sys
    locked_out = base.cli("telegram", BOT_DATABASE=str(folder / "bot.sqlite3"))
    assert locked_out.returncode == 1 and "cannot write the database folder" in locked_out.stderr
    for proc_result in (wrong_token, wrong_url, corrupt, locked_out):
        assert "Traceback" not in proc_result.stderr and len(proc_result.stderr.strip().splitlines()) <= 3
    report("start-up", offline_lines=offline.count("trying again"), tracebacks=0, token_printed=0)


def test_command_line_edges(fake, tmp_path, knowledge):
    base = Bot(tmp_path, fake, knowledge)
    head = subprocess.run(f"{sys.executable} -m bot facts --json | head -1", shell=True, cwd=REPO_ROOT,
                          env=base.env, capture_output=True, text=True, timeout=60)
    assert head.stdout.startswith("{") and "BrokenPipe" not in head.stderr and "Traceback" not in head.stderr
    empty = base.cli("broadcasts")
    assert empty.returncode == 0 and "no broadcasts yet" in empty.stdout
    chat = subprocess.Popen([sys.executable, "dev.py", "chat"], cwd=REPO_ROOT, env=base.env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    out = Output(chat.stdout)
    assert out.wait_for("Gõ câu hỏi")  # the chat is up and waits for a line
    os.killpg(chat.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group
    chat.wait(timeout=30)
    err = chat.stderr.read()
    assert "Traceback" not in err + out.text() and "KeyboardInterrupt" not in err


# ---------------------------------------------------------------- abuse


def test_a_command_flood_does_not_slow_another_user(fake, tmp_path, knowledge):
    # A token back a minute, not every 3 s: Alice's counts below do not depend on how fast a loaded machine
    # gets through her flood.
    bot = Bot(tmp_path, fake, knowledge, BOT_CONVERSATION__FLOOD_PER_MINUTE="1").start()
    try:
        for n in range(340):
            fake.push(fake.message("/thongke" if n < 300 else "/tailai", chat_id=ALICE, user_id=ALICE))
        asked = []
        for question in ("dong trieu co bao nhieu tri thuc", "hoanh bo tinh gian bao nhieu bien che",
                         "/trogiup", "còn Đông Triều thì sao?"):
            asked.append(bot.ask(BOB, question))
            fake.wait_for(lambda: len(fake.sent_to(BOB)) == len(asked), timeout=20)
        for n in range(50):  # button presses flood too
            fake.push(fake.callback(f"v:{n}:1", chat_id=ALICE, user_id=ALICE))
        bot.ask(BOB, "năm nào?")
        assert fake.wait_for(lambda: len(fake.sent_to(BOB)) == 5, timeout=20)
        assert fake.wait_for(lambda: len(fake.callback_answers) == 50, timeout=20)  # every press dealt with
    finally:
        status, err = bot.stop()
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        audit = db.execute("select action, outcome, user from admin_actions").fetchall()
    bob = texts(fake, BOB)
    alice = texts(fake, ALICE)
    assert len(bob) == 5 and "17.412" in bob[0] and "21 biên chế" in bob[1] and "754" not in bob[3]
    assert sum("hỏi hơi nhanh" in t for t in alice) == 1 and len(alice) <= 11  # burst, then one slow-down
    assert len(audit) <= 12 and not any(row[2] == str(ALICE) for row in audit)  # few rows; her id hashed
    assert not _logs_user(err, ALICE) and status == 0
    waits = [at - t for (chat, at), t in zip([s for s in fake.sent_at if s[0] == BOB], asked)]
    report("command flood (390 items) while another user asks", bob_answered=f"{len(bob)}/5",
           alice_replies=len(alice), audit_rows=len(audit), bob_slowest_s=f"{max(waits):.2f}")


def test_smaller_abuse(fake, tmp_path, knowledge):
    bot = Bot(tmp_path, fake, knowledge, BOT_LOG_LEVEL="INFO").start()
    try:
        for data in ("", "\x00\xff", "b:go:", "b:xyz:1", "v:1:2", "p:" + "x" * 60, "zzz:1:2:3"):
            fake.push(fake.callback(data or " ", chat_id=ALICE, user_id=ALICE))
        fake.push(fake.message("/dangky", chat_id=ADMIN, user_id=ADMIN))
        assert fake.wait_for(lambda: fake.sent_to(ADMIN), timeout=20)
        fake.push(fake.message("/thongbao thử", chat_id=ADMIN, user_id=ADMIN))
        fake.push(fake.document("ten\nxau.yaml", EXTRA_ARTICLE.encode(), chat_id=ADMIN, user_id=ADMIN))
        bot.ask(BOB, "Đông Triều\u2028có bao nhiêu\ntrí thức?")
        assert fake.wait_for(lambda: len(fake.callback_answers) >= 7 and fake.sent_to(BOB), timeout=20)
        assert fake.wait_for(lambda: len(fake.sent_to(ADMIN)) >= 3, timeout=20)
        pressed = len(fake.callback_answers)
        fake.push(fake.callback("b:xyz:1", chat_id=ADMIN, user_id=ADMIN))
        fake.push(fake.callback("b:no:99", chat_id=ADMIN, user_id=ADMIN))
        assert fake.wait_for(lambda: len(fake.callback_answers) == pressed + 2, timeout=20)  # both dealt with
    finally:
        status, err = bot.stop()
    with sqlite3.connect(tmp_path / "bot.sqlite3") as db:
        broadcast = db.execute("select status from broadcasts").fetchall()
    assert broadcast == [("draft",)]  # neither a garbage action nor a wrong id touched the draft
    assert any("Tên tệp phải" in t for t in texts(fake, ADMIN))
    assert not (knowledge / "articles" / "ten\nxau.yaml").exists()
    assert "17.412" in texts(fake, BOB)[0] and status == 0 and "Traceback" not in err
    lines = err.splitlines()
    assert all(line[:4].isdigit() for line in lines), [l for l in lines if not l[:4].isdigit()][:3]  # one per record
    assert not _logs_user(err, BOB) and not _logs_user(err, ALICE)


_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} ")


def _logs_user(err: str, user_id: int) -> bool:
    """Whether the log names a user id: as a whole number in a record's text, its timestamp aside (the
    milliseconds of "11:34:31,111" are no user 111)."""
    said = re.compile(rf"(?<!\d){user_id}(?!\d)")
    return any(said.search(_STAMP.sub("", line)) for line in err.splitlines())
