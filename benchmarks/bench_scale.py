#!/usr/bin/env python3
"""Scale benchmark: the engine against BM25 and rapidfuzz at the bundled size, 10,000 and 100,000 facts.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 0,10000,100000] [--rounds 5]

Each size runs in ONE fresh process (`--one N`), the anchors in the same process over the same facts:
- the engine's p50/p99 per question (and per outcome: a decline must cost what an answer costs);
- BM25 (rank_bm25's BM25Okapi over each fact's folded words, scoring every fact, as a search would) and
  rapidfuzz (process.extractOne with token_set_ratio over each fact's folded text), on a sample;
- index build time and index memory: the bytes of the objects each structure holds (sys.getsizeof over its
  object graph; objects shared between structures counted once, in the first; the knowledge itself apart),
  measured the same way for BM25's model; the growth of resident memory is printed beside it;
- the growth exponent of the engine's p50/p99 from 10,000 to 100,000 facts.
Then, in this process: the cold start of `python -m bot ask --no-log` against the floor `python -c "import
rapidfuzz, yaml"` measured in the same run, the same with a 10,000-fact knowledge folder (first start, then a
start that reuses the cached index), and a batch `ask --json` over many questions against the bare engine
making the same one pass in a fresh process (its word caches as cold as the batch's; the same engine answering
them again, warm, is printed beside it).

Targets (issue 19): p99 <= 1 ms bundled and ahead of BM25, <= 5 ms at 10k and at 100k; index memory <= 2x
BM25's; build <= 2 s at 10k; cold start <= 3x the floor; batch >= 0.9x the bare engine. Not a test: it
prints figures and whether each target is met, it asserts nothing. BM25 (rank_bm25, with numpy) is a
dev dependency of this script only.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUESTION = "Đông Triều có bao nhiêu trí thức?"
_PAGE = os.sysconf("SC_PAGE_SIZE")


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile of samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def rss_mb() -> float:
    """Resident memory of this process now (MB), after a full collection."""
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE / 2**20


def deep_size(root: object, seen: set[int]) -> int:
    """Bytes of an object graph not already in `seen` (types, modules and functions not counted)."""
    import types
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType)
    total, stack = 0, [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        stack.extend(gc.get_referents(obj))
    return total


def structures(engine) -> dict[str, float]:
    """MB held by each structure of the engine's index, the knowledge itself excluded."""
    seen: set[int] = set()
    out = {"(knowledge: facts, articles, parsed files)": deep_size(engine.kb, seen)}
    index = engine.index
    for name, value in sorted(vars(index).items()):
        if name == "scope":
            continue
        out[f"index.{name}"] = deep_size(value, seen)
    for name, value in sorted(vars(index.scope).items()):
        out[f"index.scope.{name}"] = deep_size(value, seen)
    for name, value in sorted(vars(engine).items()):
        if name not in ("index", "kb"):
            out[f"engine.{name}"] = deep_size(value, seen)
    return {k: v / 2**20 for k, v in out.items()}


def fact_words(engine, fact) -> list[str]:
    """The words BM25 and rapidfuzz index for a fact: its phrasings, unit, tags and answer as the engine reads
    them (aliases applied, keystrokes decoded), so that the anchors see the same text the engine does."""
    words: list[str] = []
    for text in (*fact.questions, fact.unit, *fact.tags, fact.answer):
        kept = engine.index.analysed.get(text)
        content = kept if isinstance(kept, str) else kept[0] if isinstance(kept, tuple) else \
            engine.index.reader.analyse(text).content
        words.extend(content.split())
    return words


def timed(func, questions: list[str], rounds: int, clock=time.perf_counter) -> tuple[list[float], list[float],
                                                                                   list[float]]:
    """Per round: p50 and p99 (ms); and the samples of the last round. With clock=time.thread_time, the CPU time
    the question took: what it costs, without the time other processes of a loaded machine held the core."""
    p50s, p99s, samples = [], [], []
    for _ in range(rounds):
        samples = []
        for q in questions:
            start = clock()
            func(q)
            samples.append((clock() - start) * 1000)
        p50s.append(percentile(samples, 50))
        p99s.append(percentile(samples, 99))
    return p50s, p99s, samples


def one_size(n: int, rounds: int) -> dict:
    """Every in-process measurement at one size (0: the bundled knowledge)."""
    from rank_bm25 import BM25Okapi
    from rapidfuzz import fuzz, process

    from bench_engine import synthetic_kb
    from bot.engine.core import Engine
    from bot.kb.knowledge import load_knowledge
    from bot.service.app import settle_heap
    from bot.service.config import load_config
    from tests.judge import load_cases

    config = load_config(ROOT / "config.yaml")
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    if n:
        kb = synthetic_kb(kb, n)
    before = rss_mb()
    start = time.perf_counter()
    engine = Engine(kb, config.match, config.policy)
    build = time.perf_counter() - start
    settle_heap()
    rss_growth = rss_mb() - before
    per_structure = structures(engine)
    index_mb = sum(v for k, v in per_structure.items() if not k.startswith("("))

    bundled = [c["q"] for c in load_cases(ROOT / "tests" / "data" / "accuracy.yaml")]
    sampled = kb.facts[:: max(1, len(kb.facts) // 300)] if n else []
    questions = [f.questions[0] for f in sampled] + bundled
    for q in questions[:50]:
        engine.answer(q)  # warm-up
    p50s, p99s, samples = timed(engine.answer, questions, rounds)
    cpu50s, cpu99s, _ = timed(engine.answer, questions, rounds, time.thread_time)
    outcomes: dict[str, list[float]] = {}
    for q, ms in zip(questions, samples):
        outcomes.setdefault(str(engine.answer(q).outcome), []).append(ms)
    found = 0
    for f in sampled:
        answer = engine.answer(f.questions[0])
        found += f.id in ({answer.fact.id} if answer.fact else set()) | {s.fact_id for s in answer.suggestions}

    before = rss_mb()
    start = time.perf_counter()
    corpus = [fact_words(engine, f) for f in kb.facts]
    bm25 = BM25Okapi(corpus)
    bm25_build = time.perf_counter() - start
    bm25_rss = rss_mb() - before
    # BM25 as it is used: the tokenised corpus it is built from kept beside its model (its own index holds
    # only term counts), as the engine keeps each text's reading.
    bm25_model_mb = deep_size(bm25, set()) / 2**20
    bm25_mb = deep_size((bm25, corpus), set()) / 2**20
    read = engine.index.reader.analyse
    anchor_questions = random.Random(1).sample(questions, min(len(questions), 400 if not n else 4_000_000 // n))
    _, _, bm25_samples = timed(lambda q: int(bm25.get_scores(list(read(q).tokens)).argmax()), anchor_questions,
                               rounds if not n else 1)
    texts = [" ".join(fact_words(engine, f)) for f in kb.facts]
    _, _, fuzz_samples = timed(lambda q: process.extractOne(read(q).content, texts, scorer=fuzz.token_set_ratio),
                               anchor_questions, 1)
    return {
        "facts": len(kb.facts), "build_s": build, "index_mb": index_mb, "structures": per_structure,
        "rss_growth_mb": rss_growth, "bm25_rss_mb": bm25_rss,
        "p50": statistics.median(p50s), "p99": statistics.median(p99s), "p99_range": [min(p99s), max(p99s)],
        "cpu_p50": statistics.median(cpu50s), "cpu_p99": statistics.median(cpu99s),
        "questions": len(questions), "rounds": rounds,
        "by_outcome": {k: [len(v), percentile(v, 50), percentile(v, 99)] for k, v in sorted(outcomes.items())},
        "found": [found, len(sampled)],
        "bm25_build_s": bm25_build, "bm25_mb": bm25_mb, "bm25_model_mb": bm25_model_mb,
        "anchor_questions": len(anchor_questions),
        "bm25_p50": percentile(bm25_samples, 50), "bm25_p99": percentile(bm25_samples, 99),
        "fuzz_p50": percentile(fuzz_samples, 50), "fuzz_p99": percentile(fuzz_samples, 99),
    }


def write_knowledge(folder: Path, n: int) -> None:
    """A knowledge folder: the bundled one plus n synthetic facts (those of the in-process runs) as articles."""
    import yaml

    from bench_engine import synthetic_kb
    from bot.kb.knowledge import load_knowledge
    shutil.copytree(ROOT / "knowledge", folder)
    kb = load_knowledge(ROOT / "knowledge")
    big = synthetic_kb(kb, n)
    by_article: dict[str, list] = {}
    for fact in big.facts:
        by_article.setdefault(fact.article_id, []).append(fact)
    for art_id, facts in by_article.items():
        art = big.articles[art_id]
        doc = {"article": {"id": art.id, "title": art.title, "publisher": art.publisher, "date": art.date,
                           "author": art.author, "url": None, "places": list(art.places),
                           "text": " ".join(f.answer for f in facts)},
               "facts": [{"id": f.id, "place": f.place, "unit": f.unit, "time": f.time, "answer": f.answer,
                          "quote": f.answer.rstrip("."), "questions": list(f.questions)} for f in facts]}
        (folder / "articles" / f"{art_id}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                            encoding="utf-8")


# Run by a small intermediate interpreter: its child's wall time and peak RSS, unaffected by this large process.
_PROBE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(json.loads(sys.argv[1]), check=True, capture_output=True, input=sys.stdin.read(), text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


# The bare engine as the batch process runs it: built (the cached index loaded) in a fresh process, then one pass
# over the questions on stdin, timed alone: its word caches start as cold as the batch's.
_BARE_PASS = """
import sys, time
from bot.service.app import build_engine
from bot.service.config import REPO_ROOT, load_config
engine = build_engine(load_config(REPO_ROOT / "config.yaml"))
lines = sys.stdin.read().splitlines()
start, cpu = time.perf_counter(), time.process_time()
for line in lines:
    engine.answer(line)
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def measured(argv: list[str], env: dict | None = None, stdin: str = "") -> tuple[float, float, float]:
    """Wall time (s), peak RSS (MB) and CPU time (s, user + system) of one whole process."""
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(argv)], cwd=ROOT, check=True, capture_output=True,
                         env=env, input=stdin, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, float(out[2])


def wall(argv: list[str], rounds: int, env: dict | None = None, stdin: str = "") -> tuple[float, float]:
    """Median wall time and median CPU time (s) of a whole process."""
    runs = [measured(argv, env, stdin) for _ in range(rounds)]
    return statistics.median(r[0] for r in runs), statistics.median(r[2] for r in runs)


def cache_env(cache_dir: Path) -> dict:
    """The environment of a measured process: its index cache in a folder of this run (when the bot has one)."""
    import yaml
    shipped = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    if "index_cache" not in shipped:  # a version of the bot without the cache (the figures before it)
        return dict(os.environ)
    return {**os.environ, "BOT_DATABASE": str(cache_dir / "bot.sqlite3")}


def cold_starts(rounds: int, cache_dir: Path) -> dict:
    """Cold start of `ask` against the import floor, with the bundled and with a 10,000-fact knowledge."""
    env = cache_env(cache_dir)
    # As installed: the bot's modules compiled to bytecode once, as the interpreter does on a first run where
    # it may write (this machine, like the container, sets PYTHONDONTWRITEBYTECODE; site-packages are compiled).
    subprocess.run([sys.executable, "-m", "compileall", "-q", "bot", "channels", "handlers"], cwd=ROOT, check=True)
    floor, floor_cpu = wall([sys.executable, "-c", "import rapidfuzz, yaml"], rounds)
    ask = [sys.executable, "-m", "bot", "ask", "--no-log", QUESTION]
    wall(ask, 1, env)  # the bundled index cached
    bundled, bundled_cpu = wall(ask, rounds, env)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "knowledge"
        write_knowledge(folder, 10_000)
        env10k = {**env, "BOT_KNOWLEDGE_DIR": str(folder)}
        first, first_rss, _ = measured(ask, env10k)
        runs = [measured(ask, env10k) for _ in range(rounds)]
    return {"floor": floor, "bundled": bundled, "floor_cpu": floor_cpu, "bundled_cpu": bundled_cpu,
            "first_10k": first, "first_10k_rss": first_rss,
            "cached_10k": statistics.median(r[0] for r in runs), "cached_10k_rss": max(r[1] for r in runs)}


def batch(count: int, cache_dir: Path) -> dict:
    """`ask --json` over `count` questions on stdin against the bare engine answering them in-process."""
    from bot.service.app import build_engine
    from bot.service.config import load_config
    from tests.judge import load_cases
    questions = [c["q"] for c in load_cases(ROOT / "tests" / "data" / "accuracy.yaml")]
    lines = [questions[i % len(questions)] for i in range(count)]
    env = cache_env(cache_dir)
    argv = [sys.executable, "-m", "bot", "ask", "--json", "--no-log"]
    # The fastest of several runs of each (the machine is shared: the fastest is the least disturbed).
    empty_runs = [measured(argv, env) for _ in range(5)]
    full_runs = [measured(argv, env, "\n".join(lines) + "\n") for _ in range(5)]
    empty, full = min(r[0] for r in empty_runs), min(r[0] for r in full_runs)
    fresh = [tuple(map(float, subprocess.run([sys.executable, "-c", _BARE_PASS], cwd=ROOT, check=True, env=env,
                                             input="\n".join(lines) + "\n", capture_output=True,
                                             text=True).stdout.split())) for _ in range(5)]
    engine = build_engine(load_config(ROOT / "config.yaml"))
    for q in lines[:100]:
        engine.answer(q)
    runs, cpu_runs = [], []
    for _ in range(5):
        start, cpu = time.perf_counter(), time.process_time()
        for q in lines:
            engine.answer(q)
        runs.append(time.perf_counter() - start)
        cpu_runs.append(time.process_time() - cpu)
    return {"count": count, "process_s": full, "startup_s": empty, "bare_s": min(r[0] for r in fresh),
            "process_cpu_s": min(r[2] for r in full_runs), "startup_cpu_s": min(r[2] for r in empty_runs),
            "bare_cpu_s": min(r[1] for r in fresh), "warm_s": min(runs), "warm_cpu_s": min(cpu_runs)}


def verdict(ok: bool) -> str:
    """The word a table row ends with."""
    return "MET" if ok else "NOT MET"


def report(sizes: dict[int, dict], starts: dict | None, runs: dict | None) -> None:
    """Print every figure, the ratios, and each target met or not."""
    for n, r in sizes.items():
        name = "bundled" if not n else f"{n:,}"
        print(f"\n== {name}: {r['facts']:,} facts ({r['questions']} questions x {r['rounds']} rounds; anchors on "
              f"{r['anchor_questions']})")
        target = 1.0 if not n else 5.0
        ahead = r["p99"] < r["bm25_p99"]
        print(f"engine   p50 {r['p50']:8.3f} ms  p99 {r['p99']:8.3f} ms (range {r['p99_range'][0]:.3f}-"
              f"{r['p99_range'][1]:.3f})  target p99 <= {target:g} ms{' and ahead of BM25' if not n else ''}: "
              f"{verdict(r['p99'] <= target and (ahead or bool(n)))}")
        print(f"engine CPU time p50 {r['cpu_p50']:.3f} ms  p99 {r['cpu_p99']:.3f} ms (time.thread_time: the "
              "cost of a question without the time other processes held the core)")
        print(f"BM25     p50 {r['bm25_p50']:8.3f} ms  p99 {r['bm25_p99']:8.3f} ms  (engine p99 = "
              f"{r['p99'] / r['bm25_p99']:.3f}x BM25's)")
        print(f"rapidfuzz p50 {r['fuzz_p50']:7.3f} ms  p99 {r['fuzz_p99']:8.3f} ms  (token_set_ratio, extractOne)")
        print("by outcome (count, p50, p99 ms): " + "; ".join(
            f"{k} {c} {a:.3f} {b:.3f}" for k, (c, a, b) in r["by_outcome"].items()))
        if r["found"][1]:
            print(f"sanity: the fact a question was written for is answered or offered in {r['found'][0]}/"
                  f"{r['found'][1]}")
        ratio = r["index_mb"] / r["bm25_mb"] if r["bm25_mb"] > 0 else float("inf")
        print(f"index build {r['build_s']:.2f} s (BM25 {r['bm25_build_s']:.2f} s)"
              + (f"  target <= 2 s: {verdict(r['build_s'] <= 2)}" if n == 10_000 else ""))
        print(f"index memory {r['index_mb']:.1f} MB vs BM25 {r['bm25_mb']:.1f} MB (model {r['bm25_model_mb']:.1f} MB + "
              f"tokenised corpus) = {ratio:.2f}x"
              + (f"  target <= 2x: {verdict(ratio <= 2)}" if n else "")
              + f"  (resident memory grew {r['rss_growth_mb']:.0f} MB while the index was built, "
                f"{r['bm25_rss_mb']:.0f} MB for BM25's)")
        big = sorted(r["structures"].items(), key=lambda kv: -kv[1])
        print("  per structure (MB): " + ", ".join(f"{k} {v:.1f}" for k, v in big if v >= 0.05))
    if 10_000 in sizes and 100_000 in sizes:
        a, b = sizes[10_000], sizes[100_000]
        print(f"\ngrowth 10k -> 100k: p50 x{b['p50'] / a['p50']:.2f} (exponent {math.log10(b['p50'] / a['p50']):.2f}),"
              f" p99 x{b['p99'] / a['p99']:.2f} (exponent {math.log10(b['p99'] / a['p99']):.2f}); "
              f"memory exponent {math.log10(b['index_mb'] / a['index_mb']):.2f}")
    if starts:
        f = starts["floor"]
        print(f"\ncold start floor `python -c \"import rapidfuzz, yaml\"`: {f * 1000:.0f} ms")
        print(f"`ask --no-log` bundled: {starts['bundled'] * 1000:.0f} ms = {starts['bundled'] / f:.2f}x the floor  "
              f"target <= 3x: {verdict(starts['bundled'] <= 3 * f)}")
        print(f"  CPU time (user + system, without the time other processes held the cores): floor "
              f"{starts['floor_cpu'] * 1000:.0f} ms, `ask` {starts['bundled_cpu'] * 1000:.0f} ms = "
              f"{starts['bundled_cpu'] / starts['floor_cpu']:.2f}x")
        print(f"`ask --no-log` 10,000 facts: first start {starts['first_10k'] * 1000:.0f} ms (peak RSS "
              f"{starts['first_10k_rss']:.0f} MB), then (index reused) {starts['cached_10k'] * 1000:.0f} ms (peak RSS "
              f"{starts['cached_10k_rss']:.0f} MB)  target well under 1 s: {verdict(starts['cached_10k'] < 1)}")
    if runs:
        steady = runs["process_s"] - runs["startup_s"]
        print(f"\nbatch `ask --json --no-log` of {runs['count']} questions (fastest of 5): {runs['process_s']:.2f} s "
              f"in all, "
              f"{steady:.2f} s after its start-up; bare engine {runs['bare_s']:.2f} s = "
              f"{runs['bare_s'] / steady:.2f}x  target >= 0.9x: {verdict(runs['bare_s'] / steady >= 0.9)}")
        steady_cpu = runs["process_cpu_s"] - runs["startup_cpu_s"]
        print(f"  CPU time: {steady_cpu:.2f} s after its start-up; bare engine {runs['bare_cpu_s']:.2f} s = "
              f"{runs['bare_cpu_s'] / steady_cpu:.2f}x")
        print(f"  (bare engine: one pass in a fresh process, as the batch makes it; the same engine answering the "
              f"questions again, its caches warm: {runs['warm_s']:.2f} s = {runs['warm_s'] / steady:.2f}x, CPU "
              f"{runs['warm_cpu_s'] / steady_cpu:.2f}x)")


def main() -> int:
    """Run each size in its own process, then the whole-process measurements, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,10000,100000", help="comma-separated fact counts (0: bundled)")
    parser.add_argument("--rounds", type=int, default=5, help="repetitions of each latency measurement")
    parser.add_argument("--no-process", action="store_true", help="skip cold start and batch")
    parser.add_argument("--batch", type=int, default=3000, help="questions in the batch run")
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # internal: one size, as JSON
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    if args.one is not None:
        print(json.dumps(one_size(args.one, args.rounds)))
        return 0
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1/5/15 min), "
          f"{os.cpu_count()} cores")
    sizes = {}
    for n in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--rounds", str(args.rounds)], cwd=ROOT,
                             check=True, capture_output=True, text=True).stdout
        sizes[n] = json.loads(out.strip().splitlines()[-1])
    starts = runs = None
    if not args.no_process:
        with tempfile.TemporaryDirectory() as cache:
            starts = cold_starts(max(3, args.rounds), Path(cache))
            runs = batch(args.batch, Path(cache))
    report(sizes, starts, runs)
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
