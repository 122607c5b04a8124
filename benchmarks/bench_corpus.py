#!/usr/bin/env python3
"""Corpus benchmark: the knowledge grown from the real-article corpus, built and scored in a temporary folder.

    .venv/bin/python benchmarks/bench_corpus.py [--corpus DIR] [--cases FILE] [--show-fail] [--keep DIR]

Copies knowledge/ into a temporary folder, ingests every *.txt of the corpus (default ../shared/corpus) with the
project's own bulk command and placeholder publisher, date and author (`--author unknown`: "không nêu" where the
text names none), approves every draft with `approve --all`, then scores ../shared/eval/corpus-dev.yaml with
../shared/eval/score_corpus.py against `python -m bot ask --json --no-log` on that knowledge (BOT_KNOWLEDGE_DIR),
and the shared dev sets (dev, dev2, dev3) with the corpus loaded. Prints the ingest and approve counts, time
per article, the scores and the peak memory (RSS) of the ask process; then ingest time and memory for two
generated articles of repeated sentences (200 KB and 990 KB), which must grow linearly. Skips cleanly when the
corpus is absent. Nothing is written outside the temporary folder (or the folder `--keep DIR` names, which must
be outside the repository, to read the drafts and ask that knowledge questions afterwards): corpus-derived drafts
and facts never enter the repository.
Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PLACEHOLDERS = ["--publisher", "Báo (chưa ghi)", "--date", "2019-01-01", "--author", "unknown"]
# Runs a command and writes the peak RSS of its process tree (KB) to a file: the ask process's memory.
RSS_WRAPPER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
               "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
               "sys.exit(code)")
REPEATED = "Năm 2024, huyện Thạch An có 214 công chức cấp xã, trong đó 87,5% có trình độ đại học trở lên. "


def bot(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    """`python -m bot ARGS` in the repository with the temporary folder's settings; the result and seconds."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    return done, time.perf_counter() - started


def measured(command: list[str], env: dict[str, str], folder: Path, stdin: str | None = None
             ) -> tuple[subprocess.CompletedProcess, int]:
    """A command run under the RSS wrapper: its result and its peak RSS in KB."""
    rss = folder / "rss.txt"
    done = subprocess.run([sys.executable, "-c", RSS_WRAPPER, str(rss), *command], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True)
    return done, int(rss.read_text() or 0) if rss.exists() else 0


def score(cases: Path, scorer: Path, env: dict[str, str], folder: Path, extra: list[str]) -> tuple[str, int]:
    """The scorer's closing lines for one case file and the ask process's peak RSS (KB)."""
    rss = folder / "ask-rss.txt"
    ask = [sys.executable, "-c", RSS_WRAPPER, str(rss), sys.executable, "-m", "bot", "ask", "--json", "--no-log"]
    done = subprocess.run([sys.executable, str(scorer), str(cases), *extra, "--", *ask], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    lines = (done.stdout + done.stderr).strip().split("\n")
    return "\n".join(lines), int(rss.read_text() or 0) if rss.exists() else 0


def big_articles(env: dict[str, str], folder: Path) -> list[str]:
    """Ingest time and peak RSS for generated articles of one sentence repeated (issue 18: was quadratic)."""
    out = []
    for size in (200_000, 990_000):
        path = folder / f"repeated-{size}.txt"
        path.write_text("Thạch An nâng cao chất lượng công chức\n\n" + REPEATED * (size // len(REPEATED.encode())),
                        encoding="utf-8")
        started = time.perf_counter()
        done, rss = measured([sys.executable, "-m", "bot", "ingest", str(path), "--id", f"repeated-{size}",
                              "--out", str(folder / "big-drafts"), *PLACEHOLDERS], env, folder)
        took = time.perf_counter() - started
        facts = re.search(r"facts drafted: (\d+)", done.stdout)
        state = f"{facts.group(1)} facts" if facts else f"failed: {(done.stderr or done.stdout).strip()[:120]}"
        out.append(f"  {path.stat().st_size / 1000:.0f} KB of one repeated sentence: {took:.2f} s, "
                   f"{rss / 1024:.0f} MB peak RSS ({state})")
    return out


def main() -> int:
    """Build, score, print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--cases", type=Path, default=SHARED / "eval" / "corpus-dev.yaml")
    parser.add_argument("--show-fail", action="store_true", help="list the failed cases of corpus-dev")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (drafts to look at); never "
                                                  "inside the repository")
    args = parser.parse_args()
    articles = sorted(args.corpus.glob("*.txt")) if args.corpus.is_dir() else []
    scorer = SHARED / "eval" / "score_corpus.py"
    if not articles or not scorer.exists():
        print(f"skipped: no corpus at {args.corpus} (or no scorer at {scorer})")
        return 0
    if args.keep and args.keep.resolve().is_relative_to(ROOT):
        print("error: --keep must be outside the repository (corpus-derived files never enter it)")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        folder = Path(tmp)
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            folder = args.keep
            folder.mkdir(parents=True)
        knowledge = folder / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge, ignore=shutil.ignore_patterns("drafts", ".backups", "backups"))
        env = {**os.environ, "BOT_KNOWLEDGE_DIR": str(knowledge), "BOT_DATABASE": str(folder / "bot.sqlite3"),
               "BOT_RELOAD__PID_FILE": str(folder / "bot.pid"), "PYTHONPATH": str(ROOT)}
        ingested, took = bot("ingest", *map(str, articles), *PLACEHOLDERS, env=env)
        drafted = sum(" -> " in line for line in ingested.stdout.split("\n"))
        failed = [line for line in ingested.stdout.split("\n") if line.startswith("error:")]
        approved, approve_took = bot("approve", "--all", env=env)
        ok = sum(line.startswith("approved:") for line in approved.stdout.split("\n"))
        refused = [line for line in approved.stdout.split("\n") if line.startswith(("not approved", "  "))]
        facts = subprocess.run([sys.executable, "-m", "bot", "facts", "--json"], cwd=ROOT, env=env,
                               capture_output=True, text=True).stdout.count("\n")
        print(f"corpus: {len(articles)} articles from {args.corpus}")
        print(f"ingest:  {drafted} drafted, {len(failed)} failed, {took:.1f} s ({took / len(articles):.3f} s per "
              f"article, one process)")
        for line in failed:
            print(f"  {line}")
        print(f"approve: {ok} approved, {len(articles) - ok} not ({approve_took:.1f} s, "
              f"{approve_took / max(1, ok):.3f} s per article); knowledge now holds {facts} facts")
        for line in refused[:20]:
            print(f"  {line}")
        print(f"score on {args.cases.name} (engine as it is in this checkout):")
        summary, rss = score(args.cases, scorer, env, folder, ["--show-fail"] if args.show_fail else [])
        print("  " + "\n  ".join(summary.split("\n")[-12:] if not args.show_fail else summary.split("\n")))
        print(f"  ask process peak RSS with the corpus loaded: {rss / 1024:.0f} MB")
        for name in ("dev.yaml", "dev2.yaml", "dev3.yaml"):
            cases = SHARED / "eval" / name
            if cases.exists():
                text, _ = score(cases, SHARED / "eval" / "score.py", env, folder, [])
                tail = [line for line in text.split("\n") if line.startswith(("score", "confidently"))]
                print(f"  {name} with the corpus loaded: " + "; ".join(tail))
        print("ingest of large articles (generated text):")
        print("\n".join(big_articles(env, folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
