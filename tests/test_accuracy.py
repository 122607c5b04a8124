"""Our own accuracy set (tests/data/accuracy.yaml) must meet the product's bar in CI."""
from pathlib import Path

import pytest

from tests.judge import load_cases, run

CASES = Path(__file__).parent / "data" / "accuracy.yaml"
OVERALL, PER_STYLE, OUT_OF_SCOPE = 0.95, 0.90, 0.95


@pytest.fixture(scope="module")
def report(engine):
    return run(engine, load_cases(CASES))


def test_case_file_is_big_and_varied():
    cases = load_cases(CASES)
    styles = {c.get("style") for c in cases if c.get("style")}
    assert len(cases) >= 150
    assert styles == {"acc", "bare", "abbr", "typo", "para"}
    assert sum(1 for c in cases if c.get("oos")) >= 20 and sum(1 for c in cases if c.get("amb")) >= 5


def test_overall_rate(report):
    assert report.rate() >= OVERALL, "\n".join(report.lines() + [f"{q}: {w}" for q, w, _ in report.failures])


def test_every_style_rate(report):
    low = {s: report.rate(s) for s in report.by_style if report.rate(s) < PER_STYLE}
    assert not low, "\n".join(report.lines() + [f"{q}: {w}" for q, w, _ in report.failures])


def test_out_of_scope_rate(report):
    assert report.rate("oos") >= OUT_OF_SCOPE, "\n".join(f"{q}: {w}" for q, w, _ in report.failures)
