#!/usr/bin/env python3
"""Reload memory benchmark: resident memory (RSS) of an app over many reloads of the knowledge folder.

    .venv/bin/python benchmarks/bench_reload_memory.py [--reloads 100] [--facts 0] [--compare]

Each reload follows a one-fact edit (what an admin's upload, approval or `reload.watch` does), so a new
engine is built and the old one must be freed. Prints RSS before the first reload and after the last, and the
growth per reload; a service that keeps its old engines grows by megabytes per reload. With --compare the same
run is repeated with the heap settled as before issue 18 (gc.freeze without gc.unfreeze), in a child process,
to show the difference on this machine. --facts N uses a generated folder of N facts instead of the bundled
one. Not a test: it prints figures.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_reload import edit_one_fact, generate  # noqa: E402
from bot.service import app as app_module  # noqa: E402
from bot.service.app import App, build_engine  # noqa: E402
from bot.service.config import load_config  # noqa: E402
from bot.service.reload import reload  # noqa: E402


def rss_mb() -> float:
    """This process's resident memory in MB (from /proc, Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def legacy_settle_heap() -> None:
    """The heap settling before issue 18: freeze without unfreezing, so every old engine's cycles stay."""
    gc.collect()
    gc.freeze()


def run(reloads: int, facts: int) -> tuple[float, float, float]:
    """RSS (MB) after the first build, after the first 10 reloads (warm) and after all reloads."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "knowledge"
        if facts:
            folder.mkdir()
            generate(folder, facts)
        else:
            shutil.copytree(ROOT / "knowledge", folder)
            # The bundled folder has one article file at least; the edit needs an "answer: Năm 2020," line.
            generate_if_needed(folder)
        config = load_config(ROOT / "config.yaml")
        config = dataclasses.replace(config, knowledge_dir=folder,
                                     file_limits=dataclasses.replace(config.file_limits, max_bytes=50_000_000))
        app = App(config, build_engine(config), None)
        start = rss_mb()
        warm = start
        for r in range(reloads):
            edit_one_fact(folder, r)
            result = reload(app)
            assert result.ok, result.problems[:3]
            if r == 9:
                warm = rss_mb()
        return start, warm, rss_mb()


def generate_if_needed(folder: Path) -> None:
    """Add one small generated article to the bundled folder so each round has a fact to edit."""
    extra = Path(tempfile.mkdtemp())
    try:
        generate(extra, 50)
        target = folder / "articles" / "0000-bench.yaml"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(sorted((extra / "articles").glob("*.yaml"))[0], target)
    finally:
        shutil.rmtree(extra)


def report(label: str, reloads: int, start: float, warm: float, end: float) -> None:
    """One line of figures."""
    per = (end - warm) / max(1, reloads - 10)
    print(f"{label}: RSS {start:.1f} MB after the first build, {warm:.1f} MB after 10 reloads, {end:.1f} MB after "
          f"{reloads}; growth per reload after warm-up {per:+.2f} MB")


def main() -> int:
    """Measure the current code, and with --compare the pre-fix heap settling in a child process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reloads", type=int, default=100)
    parser.add_argument("--facts", type=int, default=0, help="generated facts (0: the bundled knowledge)")
    parser.add_argument("--compare", action="store_true", help="also run with the pre-fix heap settling")
    parser.add_argument("--legacy", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.legacy:
        app_module.settle_heap = legacy_settle_heap
        import bot.service.reload as reload_module
        reload_module.settle_heap = legacy_settle_heap
    report("before the fix (freeze only)" if args.legacy else "current code", args.reloads,
           *run(args.reloads, args.facts))
    if args.compare and not args.legacy:
        subprocess.run([sys.executable, __file__, "--legacy", "--reloads", str(args.reloads), "--facts",
                        str(args.facts)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
