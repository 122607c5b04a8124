"""Admins: live reload (diff, atomic swap, broken files), uploads, reports, audit and privacy."""
from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import hashlib
import itertools
import os
import signal
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from bot.service.app import App, build_engine
from bot.service.config import REPO_ROOT
from bot.service.reload import ADDED, CHANGED, REMOVED, diff, reload
from bot.service.reports import chart_png, stats, unanswered
from bot.storage.store import FeedbackRecord, QuestionRecord, Store
from handlers import admin
from handlers.messages import Incoming
from tests.fakes.telegram import TOKEN, FakeTelegram
from tests.harness import bot_process

ADMIN_ID, USER_ID = "501", "502"
LS = Path("articles/lang-son-2021.yaml")
EXTRA_ARTICLE = """article:
  id: test-2024-bai-moi
  title: Bài thử nghiệm
  publisher: Báo thử
  date: 2024-05-01
  author: Người viết
  places: [Lạng Sơn]
  text: |
    Năm 2024, Sở thử nghiệm có 123 cán bộ.
facts:
- id: test-so-can-bo
  place: Lạng Sơn
  unit: Sở thử nghiệm
  time: năm 2024
  answer: Năm 2024, Sở thử nghiệm Lạng Sơn có 123 cán bộ.
  quote: Năm 2024, Sở thử nghiệm có 123 cán bộ.
  questions: [Sở thử nghiệm Lạng Sơn có bao nhiêu cán bộ?, Số cán bộ Sở thử nghiệm Lạng Sơn]
"""


@pytest.fixture
def admin_app(config, knowledge_copy, tmp_path):
    """An App on a writable knowledge copy, with ADMIN_ID as Telegram admin and a scratch database."""
    cfg = dataclasses.replace(config, knowledge_dir=knowledge_copy, database=tmp_path / "bot.sqlite3",
                              admins={"telegram": frozenset({ADMIN_ID})})
    return App(cfg, build_engine(cfg), Store(cfg.database))


def msg(user: str, text: str = "", chat: str = "9", group: bool = False) -> Incoming:
    return Incoming("telegram", chat, user, text, is_group=group)


def edit(folder: Path, rel: Path, old: str, new: str) -> None:
    path = folder / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- diff and reload


def test_diff_reports_added_removed_and_changed_with_first_field(engine):
    kb = engine.kb
    facts = list(kb.facts)
    removed = facts.pop(0)
    facts[0] = dataclasses.replace(facts[0], quote=facts[0].quote, answer=facts[0].answer + " Sửa.")
    facts.append(dataclasses.replace(facts[1], id="fact-moi"))
    articles = dict(kb.articles)
    articles["bk-2021-chat-luong-cbccvc"] = dataclasses.replace(articles["bk-2021-chat-luong-cbccvc"], author="Khác")
    new = dataclasses.replace(kb, facts=tuple(facts), articles=articles)
    changes = {(c.kind, c.id, c.what, c.field) for c in diff(kb, new)}
    assert changes == {("fact", "fact-moi", ADDED, ""), ("fact", removed.id, REMOVED, ""),
                       ("fact", facts[0].id, CHANGED, "answer"),
                       ("article", "bk-2021-chat-luong-cbccvc", CHANGED, "author")}


def test_reload_swaps_and_reports_the_diff(admin_app):
    (admin_app.config.knowledge_dir / "articles" / "extra.yaml").write_text(EXTRA_ARTICLE, encoding="utf-8")
    edit(admin_app.config.knowledge_dir, LS, "có 71 cán bộ, công chức, viên chức và người lao động.\n  quote",
         "có 71 cán bộ, công chức, viên chức và người lao động (đã sửa).\n  quote")
    before = admin_app.engine
    reply = asyncio.run(admin.handle(admin_app, msg(ADMIN_ID, "/tailai")))
    assert admin_app.engine is not before
    assert "Thêm: bài báo test-2024-bai-moi" in reply.text and "Thêm: thông tin test-so-can-bo" in reply.text
    assert "Sửa: thông tin ls-tong-so-can-bo (answer)" in reply.text and "giây" in reply.text
    assert admin_app.engine.answer("Sở thử nghiệm Lạng Sơn có bao nhiêu cán bộ?").fact.id == "test-so-can-bo"
    admin_app.flush()
    (row,) = [r for r in admin_app.store.db["admin_actions"].rows if r["action"] == "reload"]
    assert row["user"] == ADMIN_ID and row["outcome"] == "ok" and "1 changed" in row["detail"]


BROKEN = {
    "yaml syntax": ("articles/broken.yaml", "facts:\n- id: [unclosed\n", "YAML syntax error"),
    "duplicate id": ("articles/dup.yaml", "facts:\n- id: ls-tong-so-can-bo\n  article: ls-2021-so-khcn\n"
                     "  place: Lạng Sơn\n  unit: x\n  time: năm 2018\n  answer: Năm 2018 có 1.\n"
                     "  quote: Hiện tại, sở có 71 cán bộ\n  questions: [a, b]\n", "duplicate fact id"),
    "unknown article": ("articles/orphan.yaml", "facts:\n- id: orphan\n  article: nope\n  place: Lạng Sơn\n"
                        "  unit: x\n  time: năm 2018\n  answer: Năm 2018 có 1.\n  quote: x\n  questions: [a, b]\n",
                        "unknown article 'nope'"),
    "quote not in article": ("articles/badquote.yaml", "facts:\n- id: badquote\n  article: ls-2021-so-khcn\n"
                             "  place: Lạng Sơn\n  unit: x\n  time: năm 2018\n  answer: Năm 2018 có 1.\n"
                             "  quote: Câu này không có trong bài\n  questions: [a, b]\n", "quote not found verbatim"),
    "wrong types": ("articles/types.yaml", "facts:\n- id: 12\n  article: ls-2021-so-khcn\n  place: [x]\n",
                    "must be a non-empty string"),
    "empty file": ("articles/empty.yaml", "", "empty file"),
    "10 MB file": ("articles/huge.yaml", "# " + "x" * 10_000_000 + "\n", "larger than"),
    "not yaml": ("articles/image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_knowledge_is_refused_and_the_old_one_keeps_answering(admin_app, case):
    name, content, expected = BROKEN[case]
    path = admin_app.config.knowledge_dir / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = admin_app.engine
    reply = asyncio.run(admin.handle(admin_app, msg(ADMIN_ID, "/reload")))
    assert admin_app.engine is before
    assert "bot vẫn dùng kiến thức cũ" in reply.text and expected in reply.text and Path(name).name in reply.text
    assert admin_app.engine.answer("dong trieu co bao nhieu tri thuc").fact.id == "dt-tong-so-tri-thuc"
    admin_app.flush()
    assert [r["outcome"] for r in admin_app.store.db["admin_actions"].rows] == ["failed"]


def test_reload_under_load_never_fails_or_mixes(admin_app):
    folder = admin_app.config.knowledge_dir
    original = (folder / LS).read_text(encoding="utf-8")
    version_b = original.replace("Sở Khoa học và Công nghệ: Củng cố đội ngũ cán bộ", "Củng cố đội ngũ (bản B)") \
        .replace("có 71 cán bộ, công chức, viên chức và người lao động.\n  quote",
                 "có 71 cán bộ, công chức, viên chức và người lao động (bản B).\n  quote")
    assert version_b != original
    questions = ["sở khcn lạng sơn có bao nhiêu cán bộ", "dong trieu co bao nhieu tri thuc", "có bao nhiêu viên chức"]
    seen, errors, stop = [], [], threading.Event()

    def ask_forever():
        while not stop.is_set():
            for q in questions:
                try:
                    answer = admin_app.engine.answer(q)
                    if answer.answered and answer.fact.id == "ls-tong-so-can-bo":
                        seen.append(("bản B" in answer.fact.answer, "bản B" in answer.sources[0].title))
                except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
                    errors.append(exc)

    def served_both() -> bool:
        """Each version was served at least twice, answers counted from many swaps."""
        return len(seen) > 40 and all(sum(a == v for a, _ in seen) >= 2 for v in (True, False))

    askers = [threading.Thread(target=ask_forever) for _ in range(2)]
    for t in askers:
        t.start()
    results = []
    try:
        # Swap versions while the askers run, until each swap way has happened twice and both versions were
        # answered from (a few seconds); never more than 50 reloads.
        for i in range(50):
            (folder / LS).write_text(version_b if i % 2 == 0 else original, encoding="utf-8")
            results.append(reload(admin_app))
            if i >= 3 and served_both():
                break
    finally:
        stop.set()
        for t in askers:
            t.join()
    assert all(r.ok for r in results) and len(results) >= 4
    assert not errors
    assert served_both() and all(a == b for a, b in seen)  # never an answer of one version, source of the other


# ---------------------------------------------------------------- uploads


def test_upload_by_non_admin_is_refused_and_recorded(admin_app):
    before = tree_digest(admin_app.config.knowledge_dir)
    reply = asyncio.run(admin.upload(admin_app, msg(USER_ID), "extra.yaml", EXTRA_ARTICLE.encode()))
    assert reply.text == admin.NOT_ADMIN
    assert tree_digest(admin_app.config.knowledge_dir) == before
    admin_app.flush()
    (row,) = admin_app.store.db["admin_actions"].rows
    assert (row["user"], row["action"], row["outcome"]) == (USER_ID, "upload", "refused")


def test_invalid_upload_changes_nothing_on_disk(admin_app):
    folder = admin_app.config.knowledge_dir
    before, engine = tree_digest(folder), admin_app.engine
    bad = EXTRA_ARTICLE.replace("quote: Năm 2024, Sở thử nghiệm có 123 cán bộ.", "quote: Không có câu này.")
    reply = asyncio.run(admin.upload(admin_app, msg(ADMIN_ID), "extra.yaml", bad.encode()))
    assert "không hợp lệ" in reply.text and "quote not found verbatim" in reply.text
    assert "articles/extra.yaml" in reply.text and "/tmp" not in reply.text
    assert tree_digest(folder) == before and admin_app.engine is engine


def test_upload_saves_backs_up_and_reloads(admin_app):
    folder = admin_app.config.knowledge_dir
    reply = asyncio.run(admin.upload(admin_app, msg(ADMIN_ID), "extra.yaml", EXTRA_ARTICLE.encode()))
    assert "Đã lưu articles/extra.yaml" in reply.text and "Thêm: thông tin test-so-can-bo" in reply.text
    changed = EXTRA_ARTICLE.replace("Bài thử nghiệm", "Bài thử nghiệm (sửa)")
    reply = asyncio.run(admin.upload(admin_app, msg(ADMIN_ID), "extra.yaml", changed.encode()))
    backups = list((folder / "backups").glob("extra.*.yaml"))
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == EXTRA_ARTICLE
    assert "bản cũ lưu tại backups/" in reply.text and "Sửa: bài báo test-2024-bai-moi (title)" in reply.text
    assert (folder / "articles" / "extra.yaml").read_text(encoding="utf-8") == changed


def test_upload_names_and_sizes_are_checked(admin_app):
    for name in ("../../etc/passwd.yaml", "notes.txt", ".hidden.yaml"):
        assert admin.UPLOAD_NAME in asyncio.run(admin.upload(admin_app, msg(ADMIN_ID), name, b"facts: []")).text
    big = b"#" * (admin_app.config.reload.max_upload_bytes + 1)
    assert "quá lớn" in asyncio.run(admin.upload(admin_app, msg(ADMIN_ID), "big.yaml", big)).text
    assert "tin nhắn riêng" in asyncio.run(admin.upload(admin_app, msg(ADMIN_ID, group=True), "a.yaml", b"x")).text


# ---------------------------------------------------------------- reports, audit, privacy


_IDS = itertools.count(1)


def _log(store: Store, question: str, outcome: str, fact: str | None = None, days_ago: int = 0) -> int:
    """Write one question as the background writer does; its id."""
    ts = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days_ago)).replace(microsecond=0).isoformat()
    question_id = next(_IDS)
    store.write_rows([QuestionRecord("telegram", "1", "1", question, outcome, fact, 50.0, ts, question_id)])
    return question_id


def test_unanswered_groups_near_duplicates_and_keeps_places_apart(admin_app):
    store = admin_app.store
    for q in ("Hà Nội có bao nhiêu công chức?", "ha noi co bao nhieu cong chuc", "Hà Nội có bao nhiêu công chức"):
        _log(store, q, "decline")
    _log(store, "Bắc Giang có bao nhiêu công chức?", "decline")
    _log(store, "có bao nhiêu viên chức", "clarify")
    _log(store, "Hà Nội có bao nhiêu công chức?", "decline", days_ago=40)  # outside the period
    _log(store, "dong trieu co bao nhieu tri thuc", "answer", "dt-tong-so-tri-thuc")
    groups = unanswered(store, admin_app.engine, 30, 85.0, 10, 2000)
    assert [g.count for g in groups] == [3, 1, 1]
    assert groups[0].question in {"Hà Nội có bao nhiêu công chức?", "Hà Nội có bao nhiêu công chức"}
    assert {g.question for g in groups[1:]} == {"Bắc Giang có bao nhiêu công chức?", "có bao nhiêu viên chức"}
    assert groups[0].best_fact is not None
    text = asyncio.run(admin.handle(admin_app, msg(ADMIN_ID, "/chuatraloi"))).text
    assert text.startswith("Câu hỏi chưa trả lời được trong 30 ngày qua") and "— 3 lần" in text


def test_approving_a_draft_that_does_not_exist_says_so_in_vietnamese_without_a_path(admin_app):
    text = asyncio.run(admin.handle(admin_app, msg(ADMIN_ID, "/duyet khong-co"))).text
    assert text == admin.NO_SUCH_DRAFT.format(id="khong-co", waiting=admin.NONE_WAITING)
    assert "/" not in text.replace("/duyet", "") and str(admin_app.config.knowledge_dir) not in text


def test_stats_rates_votes_and_a_valid_png_chart(admin_app):
    store = admin_app.store
    qid = _log(store, "dong trieu co bao nhieu tri thuc", "answer", "dt-tong-so-tri-thuc")
    _log(store, "dong trieu co bao nhieu tri thuc", "answer", "dt-tong-so-tri-thuc", days_ago=1)
    _log(store, "Hà Nội có bao nhiêu công chức?", "decline")
    _log(store, "có bao nhiêu viên chức", "clarify")
    store.write_rows([FeedbackRecord(qid, "7", 1)])
    data = stats(store, 30, 10)
    assert data.total == 4 and data.rate("answer") == 0.5 and (data.up, data.down) == (1, 0)
    assert data.top_facts == (("dt-tong-so-tri-thuc", 2),) and len(data.per_day) == 2
    png = chart_png(data)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1000, 450)
    reply = asyncio.run(admin.handle(admin_app, msg(ADMIN_ID, "/thongke 7")))
    assert reply.photo and reply.photo[:8] == b"\x89PNG\r\n\x1a\n" and "Thống kê 7 ngày qua: 4 câu hỏi" in reply.text


def test_admin_commands_refused_for_non_admins_everywhere(admin_app):
    for text, group in (("/tailai", False), ("/thongke", True), ("/chuatraloi", True), ("/reload", True)):
        assert asyncio.run(admin.handle(admin_app, msg(USER_ID, text, chat="-100", group=group))).text == admin.NOT_ADMIN
    admin_app.flush()
    rows = list(admin_app.store.db["admin_actions"].rows)
    assert [r["outcome"] for r in rows] == ["refused"] * 4 and all(r["user"] == USER_ID for r in rows)
    assert rows[1]["chat"] == "-100" and rows[1]["action"] == "stats" and rows[1]["ts"]


def test_question_log_hashes_ids_and_prunes_old_rows(tmp_path):
    store = Store(tmp_path / "bot.sqlite3", salt=b"pepper")
    store.write_rows([QuestionRecord("telegram", "12345", "67890", "q", "answer", "f", 90.0)])
    _log(store, "cũ", "decline", days_ago=400)
    rows = list(store.db["questions"].rows)
    assert rows[0]["chat"] != "12345" and len(rows[0]["chat"]) == 16 and rows[0]["user"] != "67890"
    assert rows[0]["chat"] == Store(tmp_path / "other.sqlite3", salt=b"pepper").pseudonym("12345")
    assert rows[0]["chat"] != Store(tmp_path / "x.sqlite3", salt=b"salt").pseudonym("12345")
    assert store.prune(365) == 1 and [r["question"] for r in store.db["questions"].rows] == ["q"]


def test_salt_file_is_private_and_stable(tmp_path):
    from bot.storage.store import load_salt
    first = load_salt(tmp_path / "bot.sqlite3", {})
    assert first == load_salt(tmp_path / "bot.sqlite3", {}) and len(first) >= 32
    assert oct((tmp_path / "bot.sqlite3.salt").stat().st_mode & 0o777) == "0o600"
    assert load_salt(tmp_path / "bot.sqlite3", {"BOT_ID_SALT": "env-salt"}) == b"env-salt"


# ---------------------------------------------------------------- through Telegram and the command line


def test_admin_flows_through_telegram(admin_app):
    from tests.system.test_telegram import polling, until
    fake = FakeTelegram().start()
    settings = dataclasses.replace(admin_app.config.telegram, base_url=fake.base_url, poll_timeout=1.0)
    admin_app.config = dataclasses.replace(admin_app.config, telegram=settings)
    _log(admin_app.store, "Hà Nội có bao nhiêu công chức?", "decline")
    admin_chat, user_chat = int(ADMIN_ID), int(USER_ID)

    async def scenario():
        async with polling(admin_app):
            fake.push(fake.message("/tailai", chat_id=user_chat, user_id=user_chat))
            fake.push(fake.document("extra.yaml", EXTRA_ARTICLE.encode(), chat_id=user_chat, user_id=user_chat))
            await until(lambda: len(fake.sent_to(user_chat)) == 2)
            fake.push(fake.document("extra.yaml", EXTRA_ARTICLE.encode(), chat_id=admin_chat, user_id=admin_chat))
            await until(lambda: len(fake.sent_to(admin_chat)) == 1)
            fake.push(fake.message("/thongke", chat_id=admin_chat, user_id=admin_chat))
            await until(lambda: fake.photos)
            fake.push(fake.message("/chuatraloi", chat_id=admin_chat, user_id=admin_chat))
            await until(lambda: len(fake.sent_to(admin_chat)) == 3)
    try:
        asyncio.run(scenario())
    finally:
        fake.stop()
    assert [m["text"] for m in fake.sent_to(user_chat)] == [admin.NOT_ADMIN] * 2
    saved, stats_msg, unanswered_msg = [m["text"] for m in fake.sent_to(admin_chat)]
    assert "Đã lưu articles/extra.yaml" in saved and "Thêm: thông tin test-so-can-bo" in saved
    assert stats_msg.startswith("Thống kê 30 ngày qua") and fake.photos[0][1][:4] == b"\x89PNG"
    assert "Hà Nội có bao nhiêu công chức?" in unanswered_msg
    assert not [c for c in fake.calls if c[0] == "getFile" and c[1].get("file_id") == "file1"]  # non-admin's file
    assert (admin_app.config.knowledge_dir / "articles" / "extra.yaml").exists()


def test_cli_reload_signals_the_running_bot(knowledge_copy, tmp_path):
    fake = FakeTelegram().start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.base_url,
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3"), "BOT_KNOWLEDGE_DIR": str(knowledge_copy),
           "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"), "BOT_TELEGRAM__POLL_TIMEOUT": "1"}
    try:
        with bot_process("telegram", env, polled=(fake,)) as bot:
            (knowledge_copy / "articles" / "extra.yaml").write_text(EXTRA_ARTICLE, encoding="utf-8")
            ok = subprocess.run([sys.executable, "-m", "bot", "reload"], cwd=REPO_ROOT, env=env, capture_output=True,
                                text=True, timeout=60)
            assert ok.returncode == 0, ok.stderr
            assert "reload ok" in ok.stdout and "1 added" not in ok.stdout and "2 added" in ok.stdout
            fake.push(fake.message("Sở thử nghiệm Lạng Sơn có bao nhiêu cán bộ?", chat_id=111))
            assert fake.wait_for(lambda: fake.sent_to(111), timeout=15)
            assert "123 cán bộ" in fake.sent_to(111)[0]["text"]
            (knowledge_copy / "articles" / "broken.yaml").write_text("facts: [", encoding="utf-8")
            refused = subprocess.run([sys.executable, "-m", "bot", "reload"], cwd=REPO_ROOT, env=env,
                                     capture_output=True, text=True, timeout=60)
            assert refused.returncode == 1 and "YAML syntax error" in refused.stdout
            bot.send_signal(signal.SIGTERM)
            bot.communicate(timeout=20)
    finally:
        fake.stop()
    assert bot.returncode == 0 and not (tmp_path / "bot.pid").exists()
    gone = subprocess.run([sys.executable, "-m", "bot", "reload"], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert gone.returncode == 1 and "no running bot" in gone.stderr


def test_folder_watch_reloads_by_itself(admin_app, monkeypatch):
    from bot import runtime
    from tests.system.test_telegram import polling, until
    fake = FakeTelegram().start()
    settings = dataclasses.replace(admin_app.config.telegram, base_url=fake.base_url, poll_timeout=1.0)
    watch = dataclasses.replace(admin_app.config.reload, watch=True, watch_interval_seconds=0.1)
    admin_app.config = dataclasses.replace(admin_app.config, telegram=settings, reload=watch)
    before = admin_app.engine
    looks = []  # the watcher's looks at the folder
    snapshot = runtime.knowledge_snapshot
    monkeypatch.setattr(runtime, "knowledge_snapshot", lambda folder: looks.append(1) or snapshot(folder))

    async def scenario():
        async with polling(admin_app):
            await until(lambda: len(looks) >= 2)  # it has seen the folder as it was (and looked again)
            (admin_app.config.knowledge_dir / "articles" / "extra.yaml").write_text(EXTRA_ARTICLE, encoding="utf-8")
            await until(lambda: admin_app.engine is not before)
    try:
        asyncio.run(scenario())
    finally:
        fake.stop()
    assert admin_app.engine.kb.fact("test-so-can-bo") is not None
    admin_app.flush()
    (row,) = admin_app.store.db["admin_actions"].rows
    assert (row["user"], row["action"], row["outcome"]) == ("watch", "reload", "ok")
