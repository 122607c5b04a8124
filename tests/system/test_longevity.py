"""What a service running for months meets (issue 18), through real processes: the command line's answers to
look-alike digits, drafts with changed figures, a stale pid file, a deleted database, cancelled broadcasts."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess

import pytest
import yaml

from bot.runtime import PidLock, running_pid
from bot.service.config import REPO_ROOT
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
    made = cli("ingest", str(tmp / "thach-an.txt"), "--id", "ca-2025-thach-an", env={"BOT_KNOWLEDGE_DIR": str(knowledge)})
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
