#!/usr/bin/env python3
"""Answer-engine benchmark: latency p50/p99 in-process (bundled knowledge and 10,000 synthetic facts),
cold start of `python -m bot ask` as a whole process, and peak RSS of that process.

    .venv/bin/python benchmarks/bench_engine.py [--facts 10000] [--rounds 3]

Targets on the 2-core machine: p99 <= 1 ms bundled, <= 5 ms at 10,000 facts; cold start <= 1 s;
peak RSS <= 80 MB bundled. Not a test: it prints figures, it asserts nothing.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.service.app import build_engine, settle_heap  # noqa: E402
from bot.service.config import load_config  # noqa: E402
from bot.engine.core import Engine  # noqa: E402
from bot.kb.knowledge import Article, Fact, KnowledgeBase  # noqa: E402
from tests.judge import load_cases  # noqa: E402

SYLLABLES = ("can bo cong chuc vien chuc dao tao boi duong tinh gian bien che luan chuyen dieu dong trinh do "
             "dai hoc thac si tien si ly luan chinh tri ngoai ngu tin hoc to chuc phong ban trung tam so nganh "
             "xa phuong huyen tinh nam ke hoach nghi quyet quyet dinh de an lop hoc vien luot ty le tang giam "
             "dat chuan chuyen mon nghiep vu lanh dao quan ly danh hieu nang luong tuyen dung thu hut").split()


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile of samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latency(engine: Engine, questions: list[str], rounds: int) -> str:
    """p50 and p99 of engine.answer in ms: the median over rounds (the machine is shared), with the range."""
    for q in questions[:50]:
        engine.answer(q)  # warm-up
    p50s, p99s = [], []
    for _ in range(rounds):
        samples = []
        for q in questions:
            start = time.perf_counter()
            engine.answer(q)
            samples.append((time.perf_counter() - start) * 1000)
        p50s.append(percentile(samples, 50))
        p99s.append(percentile(samples, 99))
    return (f"p50 {statistics.median(p50s):.3f} ms  p99 {statistics.median(p99s):.3f} ms "
            f"(median of {rounds} rounds; p99 range {min(p99s):.3f}-{max(p99s):.3f})")


def synthetic(engine: Engine, n: int, seed: int = 7) -> Engine:
    """An engine over the bundled aliases and gazetteer with n generated facts spread over generated articles."""
    return Engine(synthetic_kb(engine.kb, n, seed), engine.index.settings, engine.policy)


def synthetic_kb(kb: KnowledgeBase, n: int, seed: int = 7) -> KnowledgeBase:
    """The bundled aliases and gazetteer with n generated facts spread over generated articles (the bundled
    articles and facts replaced)."""
    rng = random.Random(seed)
    places = [p.name for p in kb.places if p.kind != "unit"]
    articles, facts = {}, []
    for a in range(max(1, n // 20)):
        place = places[a % len(places)]
        art = Article(f"syn-{a}", f"Bài {a}", "Báo thử", "2020-01-01", "Tác giả", None, (place,), (), "x")
        articles[art.id] = art
    ids = list(articles)
    for i in range(n):
        art = articles[ids[i % len(ids)]]
        words = lambda k: " ".join(rng.choice(SYLLABLES) for _ in range(k))  # noqa: E731
        topic = words(5)
        questions = tuple(f"{art.places[0]} {topic} {words(2)} bao nhiêu" for _ in range(4))
        facts.append(Fact(f"syn-{i}", art.id, art.places[0], "đơn vị", "năm 2020",
                          f"Năm 2020, {art.places[0]} có {rng.randint(1, 5000)} {topic}.", "x", questions, ()))
    return dataclasses.replace(kb, articles=articles, facts=tuple(facts))


def _offered(engine: Engine, question: str) -> set[str]:
    """Fact ids the engine answers with or suggests for a question."""
    answer = engine.answer(question)
    return ({answer.fact.id} if answer.fact else set()) | {s.fact_id for s in answer.suggestions}


# Run by a small intermediate interpreter: a child forked from this (large) process would report our pages.
_PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.executable, "-m", "bot", "ask", "--no-log", sys.argv[1]], check=True, capture_output=True)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def cold_start(rounds: int) -> tuple[float, float]:
    """Median wall time of `python -m bot ask --no-log Q` as a whole process, and its peak RSS (MB)."""
    times, peaks = [], []
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", _PROBE, "Đông Triều có bao nhiêu trí thức?"], cwd=ROOT,
                             check=True, capture_output=True, text=True).stdout.split()
        times.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
    return statistics.median(times), max(peaks)


def main() -> int:
    """Run every measurement and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000, help="size of the synthetic knowledge base")
    parser.add_argument("--rounds", type=int, default=7, help="repetitions of each measurement")
    args = parser.parse_args()
    engine = build_engine(load_config(ROOT / "config.yaml"))
    cases = load_cases(ROOT / "tests" / "data" / "accuracy.yaml")
    questions = [c["q"] for c in cases]
    print(f"bundled ({len(engine.kb.facts)} facts): {latency(engine, questions, args.rounds)}; target p99 <= 1 ms")
    start = time.perf_counter()
    big = synthetic(engine, args.facts)
    build = time.perf_counter() - start
    settle_heap()  # as build_engine does for the served engine
    syn_questions = [f.questions[0] for f in big.kb.facts[:: max(1, args.facts // 300)]] + questions
    print(f"synthetic ({args.facts} facts, index built in {build:.2f} s): {latency(big, syn_questions, args.rounds)};"
          " target p99 <= 5 ms")
    sampled = big.kb.facts[:: max(1, args.facts // 300)]
    found = sum(1 for f in sampled if f.id in _offered(big, f.questions[0]))
    print(f"synthetic sanity: the fact a question was written for is answered or offered in {found}/{len(sampled)}")
    cold, rss = cold_start(max(3, args.rounds))
    print(f"cold start `python -m bot ask`: {cold * 1000:.0f} ms (target <= 1000 ms)")
    print(f"peak RSS of that process: {rss:.1f} MB (target <= 80 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
