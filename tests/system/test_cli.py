"""The command line, run as a real process: contracts of ask, facts and check, --help, exit codes."""
import asyncio
import json
import os
import sqlite3
import subprocess
import sys

import pytest
import yaml

from bot.service.config import REPO_ROOT
from channels import terminal
from tests.drivers import TerminalDriver
from tests.harness import channel_config, make_app, until


def run(args, stdin="", env=None, cwd=REPO_ROOT):
    """Run python -m bot with arguments; return the completed process."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=environ, timeout=120)


@pytest.fixture
def scratch_config(tmp_path, knowledge_copy):
    """A config file in tmp_path pointing at a knowledge copy and a scratch database."""
    raw = yaml.safe_load((REPO_ROOT / "config.yaml").read_text(encoding="utf-8"))
    raw["knowledge_dir"] = str(knowledge_copy)
    raw["database"] = str(tmp_path / "data" / "bot.sqlite3")
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_help_lists_every_command_and_each_has_help():
    top = run(["--help"])
    assert top.returncode == 0
    for command in ("chat", "ask", "facts", "check"):
        assert command in top.stdout
        sub = run([command, "--help"])
        assert sub.returncode == 0 and "--config" in sub.stdout


def test_ask_json_one_object_per_input_line_including_empty(scratch_config):
    questions = ["Đông Triều có bao nhiêu trí thức?", "", "Bắc Giang có bao nhiêu viên chức?", "có bao nhiêu viên chức"]
    proc = run(["ask", "--json", "--no-log", "--config", str(scratch_config)], stdin="\n".join(questions) + "\n")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["question"] for r in records] == questions
    assert records[0]["answered"] and records[0]["fact_id"] == "dt-tong-so-tri-thuc"
    assert records[0]["sources"][0]["date"] == "2018-04-23"
    assert not records[1]["answered"] and not records[1]["sources"]
    assert not records[2]["answered"] and not records[2]["sources"]
    assert not records[3]["answered"] and len(records[3]["suggestions"]) >= 2
    for r in records:
        assert set(r) >= {"question", "answered", "answer", "score", "fact_id", "sources", "suggestions"}
    # --no-log recorded nothing: no database, no salt (only the index cache may be kept beside them)
    assert not list((scratch_config.parent / "data").glob("bot.sqlite3*"))


def test_ask_arguments_and_question_log(scratch_config):
    proc = run(["ask", "--config", str(scratch_config), "hoanh bo tinh gian bao nhieu bien che", "xin chào"])
    assert proc.returncode == 0, proc.stderr
    assert "21 biên chế" in proc.stdout and "Nguồn:" in proc.stdout
    db = sqlite3.connect(scratch_config.parent / "data" / "bot.sqlite3")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    rows = db.execute("select channel, question, outcome, fact_id from questions order by id").fetchall()
    assert rows == [("cli", "hoanh bo tinh gian bao nhieu bien che", "answer", "hb-tinh-gian-bien-che"),
                    ("cli", "xin chào", "smalltalk", None)]


def test_facts_json(scratch_config):
    proc = run(["facts", "--json", "--config", str(scratch_config)])
    assert proc.returncode == 0
    facts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(facts) >= 70 and len({f["id"] for f in facts}) == len(facts)
    assert set(facts[0]) == {"id", "answer", "quote", "place", "sources"}


def test_check_ok_and_broken(scratch_config, knowledge_copy):
    ok = run(["check", "--config", str(scratch_config)])
    assert ok.returncode == 0 and "facts:" in ok.stdout
    path = knowledge_copy / "articles" / "lang-son-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: ls-dai-hoc", "- id: ls-tren-dai-hoc"), encoding="utf-8")
    broken = run(["check", "--config", str(scratch_config)])
    assert broken.returncode == 1
    assert "lang-son-2021.yaml:" in broken.stderr and "duplicate fact id" in broken.stderr


def test_bad_config_and_env_override_are_reported(scratch_config):
    missing = run(["check", "--config", "/nonexistent/config.yaml"])
    assert missing.returncode == 2 and "cannot read config file" in missing.stderr
    wrong = run(["check", "--config", str(scratch_config)], env={"BOT_ANSWER__NO_SUCH_KEY": "1"})
    assert wrong.returncode == 2 and "BOT_ANSWER__NO_SUCH_KEY" in wrong.stderr


def test_env_override_changes_behaviour(scratch_config):
    question = "dong trieu co bao nhieu tri thuc\n"
    strict = run(["ask", "--json", "--no-log", "--config", str(scratch_config)], stdin=question,
                 env={"BOT_ANSWER__ANSWER_THRESHOLD": "101"})
    assert json.loads(strict.stdout)["answered"] is False


def test_chat_reads_until_eof_and_numbers_pick_a_choice(scratch_config):
    proc = run(["chat", "--config", str(scratch_config)], stdin="có bao nhiêu viên chức\n1\n/nguon\n")
    assert proc.returncode == 0, proc.stderr
    assert "Ý bạn là" in proc.stdout and "Nguồn:" in proc.stdout and "Các bài báo" in proc.stdout


def test_ask_works_from_another_directory(tmp_path):
    proc = run(["ask", "--json", "--no-log", "sở khcn lạng sơn có bao nhiêu cán bộ"], cwd=tmp_path,
               env={"PYTHONPATH": str(REPO_ROOT)})  # no ./config.yaml here: the bundled one is used
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["answered"]


def test_ask_path_imports_no_chat_platform_library():
    code = "import sys, runpy; sys.argv=['bot','ask','--no-log','xin chào']; " \
           "import bot.cli as c; c.main(sys.argv[1:]); print('telegram' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)
    assert proc.stdout.strip().endswith("False"), proc.stdout + proc.stderr


def test_chat_ends_when_its_reader_goes_away(scratch_config):
    proc = subprocess.run(f"printf 'q\\nhoanh bo tinh gian bao nhieu bien che\\n' | {sys.executable} -m bot chat "
                          f"--config {scratch_config} | head -1", shell=True, cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)  # it used to hang here for ever
    assert proc.returncode == 0 and proc.stdout.startswith("Trợ lý tra cứu") and proc.stdout.count("\n") == 1
    assert proc.stderr == "", proc.stderr


@pytest.mark.parametrize("args", [["stats", "--days", "0"], ["stats", "--days", "-5"], ["unanswered", "--days", "0"],
                                  ["unanswered", "--days", "-1"], ["stats", "--chart", "nodir/x.png"]])
def test_report_arguments_that_cannot_work_are_one_line(scratch_config, args):
    proc = run([*args, "--config", str(scratch_config)])
    assert proc.returncode == 2 and proc.stdout == "" and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("error: ") and ("--days must be 1 or more" in proc.stderr or "nodir" in proc.stderr)


def test_reports_name_the_period_asked_for_and_write_the_chart(scratch_config, tmp_path):
    chart = tmp_path / "chart.png"
    stats = run(["stats", "--days", "3", "--chart", str(chart), "--config", str(scratch_config)])
    assert stats.returncode == 0 and "in the last 3 days" in stats.stdout and chart.read_bytes()[:4] == b"\x89PNG"
    unanswered = run(["unanswered", "--days", "1", "--config", str(scratch_config)])
    assert unanswered.returncode == 0 and "in the last 1 days" in unanswered.stdout


def test_the_terminal_prompt_is_drawn_again_after_a_broadcast_it_printed(config, engine, tmp_path):
    async def scenario() -> list[str]:
        driver = TerminalDriver(make_app(channel_config(config, tmp_path), engine))
        await driver.start()
        try:
            await driver.say("me", "/dangky")
            (preview,) = await driver.say("me", "/thongbao Số liệu mới đã có.")
            assert "Xem trước thông báo #1" in preview.text
            await driver.say("me", "gửi")
            await until(lambda: any("đã gửi xong" in m for m in driver.screen.messages()))
            await until(lambda: driver.screen.writes[-1] == terminal.PROMPT)  # it hung without a prompt here
            return list(driver.screen.writes)
        finally:
            await driver.stop()

    writes = asyncio.run(scenario())
    arrived = writes[writes.index(next(w for w in writes if "Số liệu mới đã có." in w and "Xem trước" not in w)) - 1:]
    assert arrived[0] == "\n" and arrived[2] == terminal.PROMPT  # on its own line, then the prompt again


def test_ask_json_answers_each_line_before_waiting_for_the_next(tmp_path):
    """Questions typed one at a time into an open pipe: each JSON answer comes out before the next question is read,
    though answers are written together while more lines are already waiting."""
    import threading

    from tests.harness import wait_until
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    environ["BOT_DATABASE"] = str(tmp_path / "data" / "bot.sqlite3")
    proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--json", "--no-log"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT, env=environ)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    try:
        for n, question in enumerate(["Đông Triều có bao nhiêu trí thức?", "xin chào"], 1):
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            assert wait_until(lambda: len(lines) == n, timeout=60), f"no answer to line {n} while the pipe is open"
        proc.stdin.write("Đông Triều có bao nhiêu trí thức?\nxin chào\n")
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
        assert wait_until(lambda: len(lines) == 4, timeout=60)
    finally:
        proc.kill()
    records = [json.loads(line) for line in lines]
    assert [r["fact_id"] for r in records] == ["dt-tong-so-tri-thuc", None, "dt-tong-so-tri-thuc", None]
    assert records[1]["outcome"] == records[3]["outcome"] == "smalltalk"
