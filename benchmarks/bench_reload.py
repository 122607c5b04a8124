#!/usr/bin/env python3
"""Reload benchmark: time to reload the knowledge folder in a running app (validate, index, swap).

    .venv/bin/python benchmarks/bench_reload.py [--facts 10000] [--rounds 5]

Measures the bundled knowledge and a generated folder of 10,000 facts written as real YAML files
(with article texts so every quote is checked), each after a one-fact edit, which is what an admin's
reload is; the first (cold) build of the large folder is printed too. Targets on the 2-core machine:
<= 200 ms bundled, <= 3 s at 10,000 facts. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
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
from bench_engine import SYLLABLES  # noqa: E402
from bot.service.app import App, build_engine  # noqa: E402
from bot.service.config import load_config  # noqa: E402
from bot.kb.knowledge import TOP_FILES  # noqa: E402
from bot.service.reload import reload  # noqa: E402

FACTS_PER_ARTICLE = 50


def generate(folder: Path, n: int, seed: int = 11) -> None:
    """A knowledge folder with n facts over n/50 article files, using the bundled dictionaries and places."""
    rng = random.Random(seed)
    for name in TOP_FILES:
        shutil.copy(ROOT / "knowledge" / name, folder / name)
    places = [p["name"] if isinstance(p, dict) else p
              for p in yaml.safe_load((ROOT / "knowledge" / "places.yaml").read_text(encoding="utf-8"))["provinces"]]
    (folder / "articles").mkdir()
    words = lambda k: " ".join(rng.choice(SYLLABLES) for _ in range(k))  # noqa: E731
    for a in range(max(1, n // FACTS_PER_ARTICLE)):
        place = places[a % len(places)]
        sentences = [f"Câu {i}: {place} có {rng.randint(1, 9999)} {words(6)}." for i in range(FACTS_PER_ARTICLE)]
        facts = [{"id": f"a{a}-f{i}", "place": place, "unit": f"đơn vị {a}", "time": "năm 2020",
                  "answer": f"Năm 2020, {s}", "quote": s,
                  "questions": [f"{place} {words(4)} bao nhiêu?", f"{words(5)} ở {place}"], "tags": [words(2)]}
                 for i, s in enumerate(sentences)]
        doc = {"article": {"id": f"art-{a}", "title": f"Bài {a}", "publisher": "Báo thử", "date": "2020-01-01",
                           "author": "Tác giả", "places": [place], "text": "\n".join(sentences)},
               "facts": facts}
        (folder / "articles" / f"a{a:04d}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, width=1000),
                                                            encoding="utf-8")


def edit_one_fact(folder: Path, round_no: int) -> None:
    """Change one fact's answer, as an admin would between reloads."""
    path = sorted((folder / "articles").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("answer: Năm 2020,", f"answer: (sửa {round_no}) Năm 2020,", 1)
                    if "answer: Năm 2020," in text else text.replace("answer: (sửa", "answer: (sửa lại", 1),
                    encoding="utf-8")


def measure(folder: Path, rounds: int, edit: bool) -> tuple[float, float, list[float]]:
    """Cold build time, then the median and all times of reloads after a one-fact edit."""
    config = load_config(ROOT / "config.yaml")
    config = dataclasses.replace(config, knowledge_dir=folder,
                                 file_limits=dataclasses.replace(config.file_limits, max_bytes=50_000_000))
    start = time.perf_counter()
    app = App(config, build_engine(config), None)
    cold = time.perf_counter() - start
    times = []
    for r in range(rounds):
        if edit:
            edit_one_fact(folder, r)
        start = time.perf_counter()
        result = reload(app)
        times.append(time.perf_counter() - start)
        assert result.ok, result.problems[:3]
    return cold, statistics.median(times), times


def main() -> int:
    """Measure the bundled folder and a generated one."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(tmp) / "bundled"
        shutil.copytree(ROOT / "knowledge", bundled)
        cold, median, times = measure(bundled, args.rounds, edit=False)
        print(f"bundled knowledge: first build {cold * 1000:.0f} ms; reload median {median * 1000:.0f} ms (all: "
              f"{', '.join(f'{t * 1000:.0f}' for t in times)} ms); target <= 200 ms")
        generated = Path(tmp) / "generated"
        generated.mkdir()
        generate(generated, args.facts)
        size = sum(p.stat().st_size for p in generated.rglob("*.yaml")) / 1e6
        cold, median, times = measure(generated, args.rounds, edit=True)
        print(f"{args.facts} facts ({size:.1f} MB of YAML): first build {cold:.2f} s; reload after a one-fact edit "
              f"median {median:.2f} s (all: {', '.join(f'{t:.2f}' for t in times)} s); target <= 3 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
