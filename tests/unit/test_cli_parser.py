"""The command line builds only the parser of the command it runs: each command's options, help and errors are
those of the parser of every command."""
from __future__ import annotations

import argparse

import pytest

from bot.cli import _parse, _parser


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser of each command."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_each_command_alone_has_the_options_and_help_of_the_whole_parser():
    everything = _commands(_parser())
    assert len(everything) > 10
    for name, full in everything.items():
        alone = _commands(_parser(name))
        assert list(alone) == [name]
        assert alone[name].format_help() == full.format_help()


@pytest.mark.parametrize("argv", [["ask", "--json", "--no-log", "a", "b"], ["ask"], ["facts", "--json"],
                                  ["broadcast", "--channel", "zalo", "--text", "hi", "--yes"], ["stats", "--days", "3"],
                                  ["telegram", "--webhook", "https://x"], ["backup"]])
def test_a_command_line_parses_as_the_whole_parser_parses_it(argv):
    assert vars(_parse(argv)) == vars(_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [[], ["bogus"], ["-h"], ["ask", "--bogus"], ["stats", "--days", "x"]])
def test_help_and_mistakes_say_what_the_whole_parser_says(argv, capsys):
    with pytest.raises(SystemExit) as alone:
        _parse(argv)
    said = capsys.readouterr()
    with pytest.raises(SystemExit) as whole:
        _parser().parse_args(argv)
    assert (alone.value.code, said) == (whole.value.code, capsys.readouterr())


def test_ask_json_answers_each_line_before_the_next_is_written():
    """Read from a pipe, each answer is written out before the bot waits for the next line (answers are held
    back only while more lines are already waiting)."""
    import json
    import os
    import select
    import subprocess
    import sys

    from bot.service.config import REPO_ROOT
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # its stdout buffered: flushes count
    proc = subprocess.Popen([sys.executable, "-m", "bot", "ask", "--json", "--no-log"], cwd=REPO_ROOT, text=True,
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        for question in ("Hoành Bồ có bao nhiêu cán bộ?", "Lạng Sơn sở khoa học có bao nhiêu người?"):
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)  # a bound, not a wait: the line comes or fails
            assert ready, "no answer while the next line was not yet written"
            assert json.loads(proc.stdout.readline())["question"] == question
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


@pytest.mark.parametrize("columns", [None, "50", "120", "junk"])
def test_help_is_laid_out_as_argparse_lays_it_out(columns, monkeypatch):
    """The formatter that spares importing shutil makes the help argparse's own formatter makes, at any width."""
    import shutil  # the reference: argparse's HelpFormatter asks shutil for the width

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    ours = _parser()
    for parser in (ours, *_commands(ours).values()):
        assert parser.formatter_class is not argparse.HelpFormatter
        theirs = argparse.HelpFormatter(parser.prog)
        assert parser._get_formatter()._width == theirs._width == shutil.get_terminal_size().columns - 2
        parser.formatter_class = argparse.HelpFormatter
        reference = parser.format_help()
        parser.formatter_class = type(ours._get_formatter())
        assert parser.format_help() == reference


def test_a_question_ask_fails_on_is_said_and_the_others_are_answered(monkeypatch, capsys, caplog):
    """One question's failure prints the chat's apology in its place, logs why, answers the rest and ends with
    status 1."""
    import json

    from bot.cli import main
    from bot.service.app import App
    from handlers.conversation import FAILED
    ask = App.ask

    def failing(self, question, *args, **kwargs):
        if question == "hỏng":
            raise ValueError("a bug")
        return ask(self, question, *args, **kwargs)

    monkeypatch.setattr(App, "ask", failing)
    asked = ["Đông Triều có bao nhiêu trí thức?", "hỏng", "Hoành Bồ có bao nhiêu cán bộ?"]
    assert main(["ask", "--json", "--no-log", *asked]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["question"] for r in lines] == asked
    assert lines[1]["outcome"] == "error" and lines[1]["answer"] == FAILED and lines[0]["answered"]
    assert "a bug" in caplog.text


def test_an_article_ingest_fails_on_is_said_and_the_others_are_drafted(monkeypatch, capsys, caplog, tmp_path):
    """A bug drafting one article of a bulk ingest: one line for it, the traceback logged, the others drafted, status
    1 (as the summary counts it failed)."""
    from bot.authoring import ingest
    from bot.cli import main
    draft = ingest.draft

    def failing(text, given, kb):
        if "hỏng" in text:
            raise IndexError("a bug")
        return draft(text, given, kb)

    monkeypatch.setattr(ingest, "draft", failing)
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, body in (("a.txt", "Lào Cai tuyển 12 công chức"), ("b.txt", "hỏng 3 người"),
                       ("c.txt", "Yên Bái tuyển 7 công chức")):
        (folder / name).write_text(f"{body}\n\n{body} năm 2024.\n", encoding="utf-8")
    out = tmp_path / "drafts"
    assert main(["ingest", str(folder), "--publisher", "Báo thử", "--date", "2024-01-01", "--author", "unknown",
                 "--out", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith(f"[2/3] error: {folder / 'b.txt'}: could not draft it (IndexError")
    assert lines[-1].startswith("3 articles: 2 drafted, 1 failed")
    assert len(list(out.glob("*.yaml"))) == 2 and "a bug" in caplog.text
