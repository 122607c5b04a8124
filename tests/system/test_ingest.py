"""Ingest: draft knowledge from an article's raw text, review, approve — compared with the curated knowledge of
the five seed articles (../shared/seeds), and through the command line and a Telegram chat."""
from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from bot.authoring import drafts

from bot.language import figures
from bot.service.config import REPO_ROOT
from bot.authoring.ingest import Given, draft, read_text
from tests.fakes.telegram import FakeTelegram
from tests.harness import channel_config, make_app, serving, until

SEEDS = REPO_ROOT.parent / "shared" / "seeds"
ADMIN = 501
# A new article written for these tests: a province the bundled articles do not cover, and a district the
# gazetteer does not know yet.
NEW_ARTICLE = """Thứ Ba, 06/05/2025, 09:30

Thạch An nâng cao chất lượng công chức cấp xã

Năm 2024, huyện Thạch An có 214 công chức cấp xã, trong đó 87,5% có trình độ đại học trở lên. Từ năm 2021 đến nay, huyện đã cử 46 công chức đi bồi dưỡng lý luận chính trị.

Bà Hoàng Thị Lan, Trưởng phòng Nội vụ huyện Thạch An cho biết: huyện sẽ tiếp tục rà soát đội ngũ.

Nông Minh
"""


def seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


def cli(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    import os
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO_ROOT, env={**os.environ, **(env or {})},
                          input=stdin, capture_output=True, text=True, timeout=120)


def values(text: str) -> set[str]:
    return {f.value for f in figures.find(text)}


@pytest.mark.skipif(not seeds(), reason="../shared/seeds is not beside the repository")
def test_each_seed_drafted_from_its_text_alone_matches_the_curated_knowledge(config, engine):
    kb = engine.kb
    by_date = {a.date: a for a in kb.articles.values()}
    report = []
    for path in seeds():
        started = time.perf_counter()
        result = draft(read_text(path.read_bytes(), config.ingest.max_bytes), Given(), kb)
        seconds = time.perf_counter() - started
        curated = by_date[result.article["date"]]  # the guessed date finds the curated article
        assert result.article["author"] == curated.author, path.name
        assert result.article["places"][0] == curated.places[0], path.name
        assert not result.uncovered, result.uncovered
        wanted = set().union(*(values(f.answer) for f in kb.facts if f.article_id == curated.id))
        got = set().union(*(values(f["answer"]) for f in result.facts))
        capture = len(wanted & got) / len(wanted)
        ok, total, missed = drafts.self_check(config, result)
        assert capture >= 0.95, (path.name, sorted(wanted - got))
        assert ok / total >= 0.9, (path.name, missed)
        title = "match" if result.article["title"] == curated.title else "differs"
        report.append(f"{curated.id}: capture {capture:.0%} ({len(wanted & got)}/{len(wanted)}), "
                      f"{len(result.facts)} facts, self-check {ok}/{total}, title {title}, {seconds:.2f} s")
        if title == "differs":  # a page without a headline: the title is flagged for the admin to write
            assert "title" in result.guessed and not any(len(line.split()) < 40 and line.strip() == curated.title
                                                        for line in path.read_text(encoding="utf-8").split("\n"))
    titles = sum("title match" in line for line in report)
    assert titles >= len(report) - 1, report  # every page with a headline
    print("\n[ingest] " + "\n[ingest] ".join(report))


def test_a_new_article_becomes_knowledge_through_the_command_line(knowledge_copy, tmp_path):
    article = tmp_path / "thach-an.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    env = {"BOT_KNOWLEDGE_DIR": str(knowledge_copy), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
           "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}
    made = cli("ingest", str(article), "--id", "ca-2025-thach-an", env=env)
    assert made.returncode == 0, made.stderr
    assert "not covered by any draft fact: 0" in made.stdout and "guessed author: Nông Minh" in made.stdout
    assert "new place proposed for the gazetteer: Thạch An" in made.stdout
    draft_file = knowledge_copy / "drafts" / "ca-2025-thach-an.yaml"
    data = yaml.safe_load(draft_file.read_text(encoding="utf-8"))
    assert data["draft"] is True and "publisher" in data["guessed"] and data["article"]["date"] == "2025-05-06"
    assert any("214" in f["answer"] and "năm 2024" in f["answer"].lower() for f in data["facts"])
    assert any("Hoàng Thị Lan" in f["answer"] for f in data["facts"])
    listed = cli("check", env=env)
    assert listed.returncode == 0 and "ca-2025-thach-an: " in listed.stdout and "never served" in listed.stdout
    before = cli("ask", "--json", "--no-log", "Thạch An có bao nhiêu công chức cấp xã?", env=env)
    assert json.loads(before.stdout)["answered"] is False  # a draft is never served
    refused = cli("approve", "ca-2025-thach-an", env=env)  # the publisher is still to be filled in
    assert refused.returncode == 1 and "drafts/ca-2025-thach-an.yaml:" in refused.stderr
    assert "article.publisher: must not be empty" in refused.stderr and draft_file.exists()
    draft_file.write_text(draft_file.read_text(encoding="utf-8").replace("publisher: ''", "publisher: Báo Cao Bằng"),
                          encoding="utf-8")
    approved = cli("approve", "ca-2025-thach-an", env=env)
    assert approved.returncode == 0, approved.stderr
    assert not draft_file.exists() and (knowledge_copy / "articles" / "ca-2025-thach-an.yaml").exists()
    assert "Thạch An" in (knowledge_copy / "places.yaml").read_text(encoding="utf-8")
    after = json.loads(cli("ask", "--json", "--no-log", "Thạch An có bao nhiêu công chức cấp xã?", env=env).stdout)
    assert after["answered"] and "214" in after["answer"] and after["sources"][0]["quote"]
    again = cli("approve", "ca-2025-thach-an", env=env)
    assert again.returncode == 1 and "no draft 'ca-2025-thach-an'" in again.stderr


@pytest.mark.parametrize("content, exit_code, said", [
    (b"", 1, "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "binary file"),
    ("Báo cáo năm 2024".encode("cp1258", errors="replace") + b"\xff\xfe", 1, "not UTF-8"),
    (b"x" * 5_000_000, 1, "at most"),
    ("Một đoạn văn không có con số nào cả, chỉ có chữ.\n".encode(), 0, "facts drafted: 0"),
])
def test_malformed_input_gets_a_clear_error_or_an_empty_draft(tmp_path, knowledge_copy, content, exit_code, said):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    result = cli("ingest", str(path), "--out", str(tmp_path / "out"), env={"BOT_KNOWLEDGE_DIR": str(knowledge_copy)})
    assert result.returncode == exit_code and said in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_admins_draft_and_approve_in_a_telegram_chat(config, engine, tmp_path, knowledge_copy):
    fake = FakeTelegram().start()
    cfg = channel_config(config, tmp_path, telegram=fake.base_url, knowledge_dir=knowledge_copy,
                         admins={"telegram": frozenset({str(ADMIN)})})
    app = make_app(cfg, engine)

    async def scenario():
        async with serving(app, ["telegram"]):
            fake.push(fake.document("bai.txt", NEW_ARTICLE.encode(), chat_id=ADMIN, user_id=ADMIN,
                                    caption="/themnguon Báo Cao Bằng"))
            await until(lambda: fake.documents, timeout=20)
            summary = fake.sent_to(ADMIN)[-1]["text"]
            draft_id = summary.split("Đã soạn bản nháp ", 1)[1].split(":", 1)[0]
            fake.push(fake.message(f"/duyet {draft_id}", chat_id=ADMIN, user_id=ADMIN))
            await until(lambda: "Đã duyệt" in fake.sent_to(ADMIN)[-1]["text"], timeout=20)
            fake.push(fake.message("Thạch An có bao nhiêu công chức cấp xã?", chat_id=111, user_id=111))
            await until(lambda: fake.sent_to(111), timeout=10)
            return summary
    try:
        summary = asyncio.run(scenario())
    finally:
        fake.stop()
    assert "thông tin từ" in summary and "Tự kiểm tra:" in summary and "/duyet" in summary
    (chat, content), = fake.documents
    assert chat == ADMIN and yaml.safe_load(content)["article"]["publisher"] == "Báo Cao Bằng"
    assert "214 công chức" in fake.sent_to(111)[0]["text"]


SECOND_ARTICLE = """Thứ Hai, 12/05/2025, 08:00

Bảo Lạc tuyển dụng 35 công chức cấp xã

Năm 2024, huyện Bảo Lạc tuyển dụng 35 công chức cấp xã. Huyện đã cử 12 công chức đi bồi dưỡng.
"""


def bulk_env(knowledge_copy: Path, tmp_path: Path) -> dict:
    return {"BOT_KNOWLEDGE_DIR": str(knowledge_copy), "BOT_RELOAD__PID_FILE": str(tmp_path / "bot.pid"),
            "BOT_DATABASE": str(tmp_path / "bot.sqlite3")}


def test_many_articles_ingest_at_once_and_a_failed_one_never_stops_the_rest(knowledge_copy, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a-thach-an.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "c-bao-lac.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    env = bulk_env(knowledge_copy, tmp_path)
    made = cli("ingest", str(folder), "--publisher", "Báo Cao Bằng", "--author", "unknown", env=env)
    lines = made.stdout.strip().split("\n")
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert lines[0].startswith("[1/3] a-thach-an.txt -> ") and "facts" in lines[0]
    assert lines[1].startswith("[2/3] error: ") and "b-binary.txt" in lines[1] and "binary" in lines[1]
    assert lines[2].startswith("[3/3] c-bao-lac.txt -> ")
    assert lines[3].startswith("3 articles: 2 drafted, 1 failed")
    drafted = sorted(p.name for p in (knowledge_copy / "drafts").glob("*.yaml"))
    assert len(drafted) == 2
    again = cli("ingest", str(folder / "c-bao-lac.txt"), "--publisher", "Báo Cao Bằng", env=env)
    assert again.returncode == 0 and len(list((knowledge_copy / "drafts").glob("*.yaml"))) == 3  # a new id
    authors = {yaml.safe_load((knowledge_copy / "drafts" / name).read_text(encoding="utf-8"))["article"]["title"][:7]:
               yaml.safe_load((knowledge_copy / "drafts" / name).read_text(encoding="utf-8"))["article"]["author"]
               for name in drafted}
    assert authors == {"Thạch A": "Nông Minh", "Bảo Lạc": "không nêu"}  # "unknown" fills only what the text lacks


def test_approve_all_approves_what_validates_and_lists_the_rest_with_located_reasons(knowledge_copy, tmp_path):
    env = bulk_env(knowledge_copy, tmp_path)
    for name, text in (("thach-an", NEW_ARTICLE), ("bao-lac", SECOND_ARTICLE)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        assert cli("ingest", str(tmp_path / f"{name}.txt"), "--id", name, "--publisher", "Báo Cao Bằng",
                   env=env).returncode == 0
    broken = knowledge_copy / "drafts" / "bao-lac.yaml"
    data = yaml.safe_load(broken.read_text(encoding="utf-8"))
    assert data["new_places"][0]["name"] == "Bảo Lạc"
    broken.write_text(broken.read_text(encoding="utf-8").replace("name: Bảo Lạc", "name: công chức", 1),
                      encoding="utf-8")
    done = cli("approve", "--all", env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "approved: " in done.stdout and "thach-an.yaml" in done.stdout
    assert "not approved: bao-lac" in done.stdout and "drafts/bao-lac.yaml:" in done.stdout
    assert "'công chức' is not a place name" in done.stdout
    assert "1 drafts approved, 1 left for review" in done.stdout
    assert (knowledge_copy / "articles" / "thach-an.yaml").exists() and broken.exists()
    places = (knowledge_copy / "places.yaml").read_text(encoding="utf-8")
    assert places.count("Thạch An") == 1 and "công chức" not in places
    assert cli("approve", "--all", env=env).returncode == 1  # still refused, nothing added twice
    assert (knowledge_copy / "places.yaml").read_text(encoding="utf-8") == places


def test_a_place_known_under_another_parent_is_refused(knowledge_copy, tmp_path):
    env = bulk_env(knowledge_copy, tmp_path)
    (tmp_path / "a.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    cli("ingest", str(tmp_path / "a.txt"), "--id", "thach-an", "--publisher", "Báo Cao Bằng", env=env)
    draft_file = knowledge_copy / "drafts" / "thach-an.yaml"
    draft_file.write_text(draft_file.read_text(encoding="utf-8").replace("name: Thạch An", "name: Đông Triều"),
                          encoding="utf-8")
    refused = cli("approve", "thach-an", env=env)
    assert refused.returncode == 1 and "'Đông Triều' is in places.yaml already, under Quảng Ninh" in refused.stderr


@pytest.mark.parametrize("bad_id", ["../../x", "a/b"])
def test_an_id_that_is_not_a_file_name_is_one_line_and_writes_nothing(knowledge_copy, tmp_path, bad_id):
    (tmp_path / "a.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    done = cli("ingest", str(tmp_path / "a.txt"), "--id", bad_id, env=bulk_env(knowledge_copy, tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: --id ") and len(done.stderr.strip().split("\n")) == 1
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_a_knowledge_folder_that_cannot_be_written_is_one_line(knowledge_copy, tmp_path):
    env = bulk_env(knowledge_copy, tmp_path)
    (tmp_path / "a.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (knowledge_copy / "drafts").write_text("not a folder", encoding="utf-8")  # even root cannot write in it
    made = cli("ingest", str(tmp_path / "a.txt"), "--publisher", "Báo Cao Bằng", env=env)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert made.stderr.startswith("error: ") and len(made.stderr.strip().split("\n")) == 1
    (knowledge_copy / "drafts").unlink()
    assert cli("ingest", str(tmp_path / "a.txt"), "--id", "thach-an", "--publisher", "Báo Cao Bằng",
               env=env).returncode == 0
    (knowledge_copy / ".places.yaml.writing").mkdir()  # the gazetteer cannot be replaced
    approved = cli("approve", "thach-an", env=env)
    assert approved.returncode == 1 and "Traceback" not in approved.stderr
    assert approved.stderr.startswith("error: cannot write in ") and len(approved.stderr.strip().split("\n")) == 1


def test_an_article_of_one_repeated_sentence_drafts_one_fact_per_sentence(knowledge_copy, tmp_path):
    body = "Năm 2024, huyện Thạch An có 214 công chức cấp xã. " * 5000  # ~270 KB
    (tmp_path / "big.txt").write_text(NEW_ARTICLE + body, encoding="utf-8")
    made = cli("ingest", str(tmp_path / "big.txt"), "--id", "big", "--out", str(tmp_path / "out"),
               env=bulk_env(knowledge_copy, tmp_path))
    assert made.returncode == 0, made.stderr
    data = yaml.safe_load((tmp_path / "out" / "big.yaml").read_text(encoding="utf-8"))
    quotes = [f["quote"] for f in data["facts"]]
    assert quotes.count("Năm 2024, huyện Thạch An có 214 công chức cấp xã.") == 1


def test_a_draft_over_the_file_limit_names_the_article(knowledge_copy, tmp_path):
    text = NEW_ARTICLE + "".join(f"Năm 2024, xã số {i} có {i + 7} công chức, {i + 3} viên chức và {i + 1} cán bộ. "
                                 for i in range(9000))
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    env = {**bulk_env(knowledge_copy, tmp_path), "BOT_KNOWLEDGE__MAX_BYTES": "1000000"}
    made = cli("ingest", str(path), "--id", "huge", env=env)
    assert made.returncode == 1 and "Traceback" not in made.stderr
    assert str(path) in made.stderr and "over the 1000000-byte limit" in made.stderr and "/tmp/tmp" not in made.stderr


CORPUS = REPO_ROOT.parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_the_whole_corpus_ingests_and_approves_with_only_publisher_date_and_author(knowledge_copy, tmp_path):
    env = bulk_env(knowledge_copy, tmp_path)
    articles = sorted(CORPUS.glob("*.txt"))
    made = cli("ingest", str(CORPUS), "--publisher", "Báo (chưa ghi)", "--date", "2019-01-01", "--author",
               "unknown", env=env)
    assert made.returncode == 0, made.stdout[-2000:]
    assert f"{len(articles)} articles: {len(articles)} drafted, 0 failed" in made.stdout
    done = cli("approve", "--all", env=env)
    assert done.returncode == 0 and f"{len(articles)} drafts approved, 0 left" in done.stdout, done.stdout[-2000:]
    phrasings = [q for path in (knowledge_copy / "articles").glob("*.yaml")
                 for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"] for q in fact["questions"]]
    odd = [q for q in phrasings if re.search(r"\b(\w+) \1\b|: ", q, re.IGNORECASE) and "“" not in q]
    assert not odd, odd[:10]  # never "Sở Nội vụ TP TP Hồ Chí Minh sau: Đã giảm …"
    assert sum(len(q.split()) > 20 for q in phrasings) <= len(phrasings) // 50


def test_an_approve_cut_short_and_run_again_adds_nothing_twice(knowledge_copy, tmp_path):
    env = bulk_env(knowledge_copy, tmp_path)
    (tmp_path / "a.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    cli("ingest", str(tmp_path / "a.txt"), "--id", "thach-an", "--publisher", "Báo Cao Bằng", env=env)
    places = knowledge_copy / "places.yaml"
    proposed = yaml.safe_load((knowledge_copy / "drafts" / "thach-an.yaml").read_text(encoding="utf-8"))["new_places"]
    entry = yaml.safe_dump({k: v for k, v in proposed[0].items() if k != "kind"}, allow_unicode=True,
                           default_flow_style=True).strip()
    places.write_text(places.read_text(encoding="utf-8").replace(  # cut short after the gazetteer was written
        "districts:\n", f"districts:\n  - {entry}\n", 1), encoding="utf-8")
    done = cli("approve", "thach-an", env=env)
    assert done.returncode == 0, done.stderr
    assert places.read_text(encoding="utf-8").count("Thạch An") == 1
    draft_text = (knowledge_copy / "articles" / "thach-an.yaml").read_text(encoding="utf-8")
    (knowledge_copy / "drafts" / "thach-an.yaml").write_text("draft: true\n" + draft_text, encoding="utf-8")
    again = cli("approve", "thach-an", env=env)  # cut short after the article was written: the draft goes
    assert again.returncode == 0 and not (knowledge_copy / "drafts" / "thach-an.yaml").exists()
    assert places.read_text(encoding="utf-8").count("Thạch An") == 1


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_a_level_claimed_of_a_drafted_article_is_confirmed_from_its_passage(config, knowledge_copy, tmp_path):
    """A raise to 45 (by 16): "lên 44 người" is told 45, and "lên 45 người" is confirmed by the passage saying so,
    not by the fact quoting the article's title to tell its date."""
    import dataclasses
    from bot.service.app import build_engine
    env = bulk_env(knowledge_copy, tmp_path)
    article = next(CORPUS.glob("065_*.txt"))
    assert cli("ingest", str(article), "--publisher", "Báo (chưa ghi)", "--date", "2019-01-01", "--author",
               "unknown", env=env).returncode == 0
    assert cli("approve", "--all", env=env).returncode == 0
    engine = build_engine(dataclasses.replace(config, knowledge_dir=knowledge_copy, cache_dir=None))
    wrong = engine.answer("Bộ GD-ĐT tăng biên chế thanh tra bộ lên 44 người đúng không?")
    assert wrong.answered and "45 (không phải 44)" in wrong.lead, wrong.lead
    right = engine.answer("Thanh tra Bộ GD-ĐT sẽ tăng lên 45 người đúng không?")
    assert right.answered and right.lead.startswith("Đúng") and "bài viết" not in right.fact.tags, right.fact


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")
def test_a_question_naming_no_place_offers_what_several_articles_give_and_a_kind_of_place_picks_beyond_them(
        config, knowledge_copy, tmp_path):
    """"bao nhiêu người được đào tạo thạc sĩ?" with the corpus loaded: the thạc sĩ two articles count are the
    choices — not the Mekong delta's programme "đào tạo 1.000 thạc sĩ, tiến sĩ", a count of both degrees together;
    "cái ở thị xã" then picks the one thị xã whose fact fits, though it was not among the choices shown."""
    import dataclasses
    from bot.engine.core import CLARIFY
    from bot.engine.followup import Context
    from bot.service.app import build_engine
    env = bulk_env(knowledge_copy, tmp_path)
    assert cli("ingest", str(CORPUS), "--publisher", "Báo (chưa ghi)", "--date", "2019-01-01", "--author", "unknown",
               env=env).returncode == 0
    assert cli("approve", "--all", env=env).returncode == 0
    engine = build_engine(dataclasses.replace(config, knowledge_dir=knowledge_copy, cache_dir=None))
    question = "bao nhiêu người được đào tạo thạc sĩ vậy?"
    offered = engine.answer(question)
    assert offered.outcome == CLARIFY, offered.why
    assert len({engine.kb.fact(s.fact_id).article_id for s in offered.suggestions}) >= 2
    assert "dt-thu-hut-thac-si" not in {s.fact_id for s in offered.suggestions}  # (what the next turn is about)
    assert not any(engine.kb.fact(s.fact_id).place == "Đồng bằng sông Cửu Long" for s in offered.suggestions)
    picked = engine.answer("cái ở thị xã", Context(question, offered=tuple(s.fact_id for s in offered.suggestions)))
    # (the thị xã's answer, or which of its facts, or what it gives when none counts those who have the degree — the
    # 8 thạc sĩ it took in are not all it has: never the choices of other places again)
    ids = {picked.fact.id} if picked.answered else {s.fact_id for s in (*picked.suggestions, *picked.examples)}
    assert "dt-thu-hut-thac-si" in ids and {engine.kb.fact(i).place for i in ids} == {"Đông Triều"}, picked.why
