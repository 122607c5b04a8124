"""What a service running for months meets (issue 18): reloads that must free the engine they replace, look-alike
characters that must not change a figure, changed figures that provenance must refuse."""
from __future__ import annotations

import asyncio
import dataclasses
import gc
import threading

import pytest
import sqlite_utils

from bot.authoring.ingest import read_text
from bot.kb.knowledge import load_knowledge
from bot.language.text import clean
from bot.storage.store import QuestionRecord, Store
from bot.service.app import App, build_engine
from bot.service.reload import reload


def test_reloads_do_not_pile_old_engines_into_the_frozen_heap(config, knowledge_copy):
    """The frozen generation is never collected: what it holds after six reloads must be what it held after two
    (before issue 18 each reload added the replaced engine, cycles and all: +3.5 MB a reload)."""
    config = dataclasses.replace(config, knowledge_dir=knowledge_copy)
    app = App(config, build_engine(config), None)
    try:
        counts = []
        for _ in range(6):
            assert reload(app).ok
            counts.append(gc.get_freeze_count())
        assert counts[-1] < counts[1] * 1.1, f"frozen objects after each reload: {counts}"
    finally:
        gc.unfreeze()


PLAIN = "Sở KH&CN Hải Dương có 92 đoàn viên công đoàn đúng không?"


@pytest.mark.parametrize("text, plain", [
    ("có ¹⁰⁰ đoàn viên", "có 100 đoàn viên"), ("①⓪⓪ và ❾", "100 và 9"), ("１００％", "100%"), ("𝟏𝟎𝟎", "100"),
    ("½", "0,5"), ("2½ ha", "2,5 ha"), ("⅓", "1/3"), ("Th\u200bạch\u200d An\u00ad\u2060\ufeff", "Thạch An"),
    ("Hải\u00a0Dương", "Hải Dương"), ("KT\u2011XH", "KT-XH"), ("20 m² và 3 km³", "20 m² và 3 km³"),
    ("quý Ⅲ", "quý III"), ("Ho\u0300a", "Hòa")])
def test_clean_makes_invisible_and_look_alike_characters_plain(text, plain):
    assert clean(text) == plain


@pytest.mark.parametrize("figure", ["¹⁰⁰", "①⓪⓪", "１００", "𝟏𝟎𝟎", "1\u200b00", "1\u00ad00", "½"])
def test_a_false_figure_in_look_alike_digits_is_not_confirmed(engine, figure):
    """The article says 92: whatever digits the 100 (or ½) is written in, the verdict is not "Đúng."."""
    answer = engine.answer(PLAIN.replace("92", figure))
    assert answer.lead.startswith("Chưa đúng"), answer.lead
    assert "92" in answer.lead


@pytest.mark.parametrize("figure", ["９２", "⑨②", "9\u200b2", "9\u2060\u00ad2"])
def test_the_true_figure_in_look_alike_digits_is_confirmed(engine, figure):
    assert engine.answer(PLAIN.replace("92", figure)).lead == engine.answer(PLAIN).lead == "Đúng."


@pytest.mark.parametrize("question", ["Sở KH&CN Hải\u200b Dương có bao nhiêu đoàn viên công đoàn?",
                                      "Sở KH&CN Hả\u200di Dương có bao nhiêu đoàn viên c\u00adông đoàn?",
                                      "Sở KH&CN Hải Dương có bao nhiêu đoàn viên công đoàn?\ufeff"])
def test_invisible_characters_inside_words_do_not_change_the_answer(engine, question):
    plain = engine.answer("Sở KH&CN Hải Dương có bao nhiêu đoàn viên công đoàn?")
    answer = engine.answer(question)
    assert (answer.outcome, answer.fact and answer.fact.id) == (plain.outcome, plain.fact and plain.fact.id)
    assert plain.fact is not None


def test_knowledge_files_are_read_cleaned(config, knowledge_copy):
    """A zero-width space in a place name and a soft hyphen inside an article's figure are invisible to the
    admin who wrote them; the knowledge must load as if they were not there."""
    path = knowledge_copy / "articles" / "hai-duong-2018.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("places: [Hải Dương]", "places: [Hải \u200bDương]", 1)
    text = text.replace("hiện nay có 92 đoàn viên", "hiện nay có 9\u00ad2 đoàn viên", 1)
    path.write_text(text, encoding="utf-8")
    kb = load_knowledge(knowledge_copy, config.file_limits)  # before issue 18: the place and the quote were unknown
    article = next(a for a in kb.articles.values() if a.file == str(path))
    assert article.places == ("Hải Dương",) and "có 92 đoàn viên" in article.text


def test_ingest_reads_an_article_cleaned():
    text = read_text("Th\u200bạch An có ½ số xã, ¹⁰⁰ hộ.\n".encode(), 10_000)
    assert text == "Thạch An có 0,5 số xã, 100 hộ.\n"


def database_files(path) -> list:
    """The database file and its WAL companions, as `rm bot.sqlite3*` deletes them."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def test_a_database_deleted_while_running_is_restored_with_everything_in_it(tmp_path, caplog):
    path = tmp_path / "data" / "bot.sqlite3"
    store = Store(path, check_seconds=0)
    store.subscribe("telegram", "111", "private", "", "111")
    store.write_rows([QuestionRecord("telegram", "111", "111", "câu hỏi một", "answer", "f1", 1.0)])
    for file in database_files(path):
        file.unlink(missing_ok=True)

    def later_writes() -> None:  # another thread, as the writer and the workers are
        store.subscribe("telegram", "222", "private", "", "222")
        store.write_rows([QuestionRecord("telegram", "222", "222", "câu hỏi hai", "answer", "f1", 1.0)])
    worker = threading.Thread(target=later_writes)
    worker.start()
    worker.join()
    store.subscribe("telegram", "333", "group", "", "1")
    assert path.exists()
    restarted = Store(path)  # what the next start reads
    assert {r["chat"] for r in restarted.db["subscribers"].rows} == {"111", "222", "333"}
    assert [r["question"] for r in restarted.db["questions"].rows] == ["câu hỏi một", "câu hỏi hai"]
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "was deleted while the bot ran; restored it" in errors[0], errors


def test_a_database_replaced_while_running_is_used_from_then_on(tmp_path, caplog):
    path = tmp_path / "bot.sqlite3"
    store = Store(path, check_seconds=0)
    store.subscribe("telegram", "111", "private", "", "111")
    backup = sqlite_utils.Database(tmp_path / "backup.sqlite3")  # a backup kept by the admin, put back by hand
    backup["subscribers"].insert({"channel": "telegram", "chat": "999", "kind": "private", "title": "", "active": 1,
                                  "since": "2026-01-01T00:00:00+00:00", "by_user": "999"}, pk=("channel", "chat"))
    backup.close()
    for file in database_files(path):
        file.unlink(missing_ok=True)
    (tmp_path / "backup.sqlite3").rename(path)
    store.subscribe("telegram", "222", "private", "", "222")
    assert {r["chat"] for r in Store(path).db["subscribers"].rows} == {"999", "222"}
    assert any("was replaced while the bot ran" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_who_subscribed_a_group_is_kept_hashed(tmp_path):
    store = Store(tmp_path / "bot.sqlite3", salt=b"salt")
    store.subscribe("telegram", "-100200", "group", "Phòng Nội vụ", "777001")
    row = store.subscriber("telegram", "-100200")
    assert row["chat"] == "-100200" and row["by_user"] == store.pseudonym("777001") != "777001"
    assert "777001" not in (tmp_path / "bot.sqlite3").read_bytes().decode("latin-1") + \
        (tmp_path / "bot.sqlite3-wal").read_bytes().decode("latin-1")


def test_a_huge_message_is_cut_before_any_work(config, engine, tmp_path):
    """A 2 MB text (no chat platform sends one; it can be forged) reaches nothing but its first 4,096
    characters: the cut comes before the command is read, the words are cleaned or the engine runs."""
    from handlers.conversation import MAX_INCOMING_CHARS, Conversation
    from handlers.messages import Capabilities, Incoming
    from tests.drivers import MemoryPort
    from tests.harness import make_app
    app = make_app(dataclasses.replace(config, database=tmp_path / "bot.sqlite3"), engine)
    seen: list[int] = []

    class Spy:
        """The engine, noting the length of every text it is given."""

        def __getattr__(self, name):
            method = getattr(engine, name)
            if name in ("answer", "analyse"):
                return lambda text, *a, **k: (seen.append(len(text)), method(text, *a, **k))[1]
            return method

    app.engine = Spy()
    question = "Lạng Sơn có bao nhiêu cán bộ có trình độ trên đại học? "
    port = MemoryPort(Capabilities(buttons=True, editing=True))
    asyncio.run(Conversation(app).handle(Incoming("memory", "1", "1", question * 40_000), port))
    assert seen and max(seen) <= MAX_INCOMING_CHARS
    assert port.chats["1"]  # and it is still answered
