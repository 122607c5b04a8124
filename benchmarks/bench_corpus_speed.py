#!/usr/bin/env python3
"""Corpus speed benchmark: answer latency, reload time and memory with the five curated articles plus the corpus.

    .venv/bin/python benchmarks/bench_corpus_speed.py [--corpus DIR] [--rounds 5]

Builds the grown knowledge in a temporary folder exactly as bench_corpus.py does (the project's bulk `ingest`
and `approve --all`, placeholder publisher/date/author), then in one process: the first build of the engine,
answer latency over the shared question sets (corpus-dev, dev, dev2, dev3; each question `--rounds` times,
p50/p99 wall clock and CPU time), and the service's reload after an article is edited (median of `--rounds`), with
the resident memory after the build. Targets (issue 16): answer p99 <= 5 ms, reload <= 3 s. Skips cleanly when
the corpus is absent. Nothing is written outside the temporary folder. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_corpus import PLACEHOLDERS, SHARED, bot  # noqa: E402
from bot.service.app import App, build_engine  # noqa: E402
from bot.service.config import load_config  # noqa: E402
from bot.service.reload import reload  # noqa: E402

QUESTION_SETS = ("corpus-dev.yaml", "dev.yaml", "dev2.yaml", "dev3.yaml")


def questions() -> list[str]:
    """Every question of the shared sets present."""
    found: list[str] = []
    for name in QUESTION_SETS:
        path = SHARED / "eval" / name
        if path.exists():
            found += [c["q"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    return found


def percentile(values: list[float], share: float) -> float:
    """The value at a share (0-1) of the sorted values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(engine, asked: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per question, over all rounds (the first round warms the caches)."""
    for q in asked:
        engine.answer(q)
    wall, cpu = [], []
    for _ in range(rounds):
        for q in asked:
            w, c = time.perf_counter(), time.thread_time()
            engine.answer(q)
            cpu.append((time.thread_time() - c) * 1000)
            wall.append((time.perf_counter() - w) * 1000)
    return wall, cpu


def edit_one_article(knowledge: Path) -> None:
    """Change a corpus article's title, as an admin would between reloads (a change the index must take in)."""
    path = sorted((knowledge / "articles").glob("*.yaml"))[-1]
    text = path.read_text(encoding="utf-8")
    was, now = "  title: ", "  title: (sửa) "
    path.write_text(text.replace(now, was, 1) if now in text else text.replace(was, now, 1), encoding="utf-8")


def main() -> int:
    """Build, then measure latency and reload in this process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    articles = sorted(args.corpus.glob("*.txt")) if args.corpus.is_dir() else []
    if not articles:
        print(f"skipped: no corpus at {args.corpus}")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-corpus-speed-") as tmp:
        folder = Path(tmp)
        knowledge = folder / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge, ignore=shutil.ignore_patterns("drafts", ".backups", "backups"))
        env = {**os.environ, "BOT_KNOWLEDGE_DIR": str(knowledge), "BOT_DATABASE": str(folder / "bot.sqlite3"),
               "BOT_RELOAD__PID_FILE": str(folder / "bot.pid"), "PYTHONPATH": str(ROOT)}
        bot("ingest", *map(str, articles), *PLACEHOLDERS, env=env)
        bot("approve", "--all", env=env)
        config = load_config(ROOT / "config.yaml")
        config = dataclasses.replace(config, knowledge_dir=knowledge, database=folder / "bot.sqlite3")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        engine = build_engine(config)
        built = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        asked = questions()
        print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min), {os.cpu_count()} cores")
        print(f"knowledge: {len(engine.kb.facts)} facts, {len(engine.kb.articles)} articles; first build "
              f"{built:.2f} s; peak RSS {rss / 1024:.0f} MB ({(rss - before) / 1024:.0f} MB for the knowledge and "
              f"its index)")
        wall, cpu = latency(engine, asked, args.rounds)
        p99 = percentile(wall, 0.99)
        print(f"answer latency over {len(asked)} questions x {args.rounds}: p50 {statistics.median(wall):.2f} ms, "
              f"p99 {p99:.2f} ms, max {max(wall):.2f} ms; CPU time p50 {statistics.median(cpu):.2f} ms, p99 "
              f"{percentile(cpu, 0.99):.2f} ms; target p99 <= 5 ms: {'MET' if p99 <= 5 else 'NOT MET'}")
        app = App(config, engine, None)
        times = []
        for _ in range(args.rounds):
            edit_one_article(knowledge)
            start = time.perf_counter()
            result = reload(app)
            times.append(time.perf_counter() - start)
            if not result.ok:
                print(f"reload refused: {result.problems[:3]}")
                return 1
        median = statistics.median(times)
        print(f"reload after a one-article edit: median {median:.2f} s (all: {', '.join(f'{t:.2f}' for t in times)} s);"
              f" target <= 3 s: {'MET' if median <= 3 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
