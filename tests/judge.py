"""Judge answers against an accuracy case file (the same contract as the shared dev set)."""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Which article a source belongs to, by its date.
ARTICLE_DATES = {"LS": "2021-04-15", "HD": "2018-05-16", "DT": "2018-04-23", "BK": "2021-03-31", "HB": "2019-03-14"}


def fold(text: str) -> str:
    """Lower-case without diacritics (independent of the bot's own normaliser)."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def numbers(text: str) -> set[float]:
    """Figures in a Vietnamese text: "17.412" is 17412, "94,6" is 94.6."""
    out = set()
    for tok in re.findall(r"\d[\d.,]*\d|\d", text):
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", tok):
            tok = tok.replace(".", "")
        else:
            tok = tok.replace(",", ".")
        try:
            out.add(float(tok))
        except ValueError:
            pass
    return out


def articles_of(sources: list[dict]) -> set[str]:
    """Article keys cited by a list of sources."""
    return {key for src in sources for key, date in ARTICLE_DATES.items() if src.get("date") == date}


def judge(case: dict, record: dict) -> tuple[bool, str]:
    """Whether one `ask --json` record satisfies one case, and why not."""
    answered = bool(record["answered"])
    if case.get("oos"):
        return (not answered, "answered an out-of-scope question")
    if case.get("amb"):
        sugg = record["suggestions"]
        arts = articles_of([s for x in sugg for s in x["sources"]])
        ok = not answered and (len(sugg) >= 2 or not sugg) or len(arts) >= 2
        return (ok, "answered an ambiguous question")
    if not answered:
        return (False, "not answered")
    if case["art"] not in articles_of(record["sources"]):
        return (False, f"cites {sorted(articles_of(record['sources']))} not {case['art']}")
    missing = [n for n in case.get("num", []) if float(n) not in numbers(record["answer"])]
    if missing:
        return (False, f"figures {missing} missing")
    if case.get("txt") and not any(fold(t) in fold(record["answer"]) for t in case["txt"]):
        return (False, f"none of {case['txt']} in answer")
    return (True, "")


@dataclass
class Report:
    """Pass counts per style and per category, the failures, and how many were confidently wrong."""

    by_style: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_category: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)  # answered, but with the wrong fact or figure

    def add(self, case: dict, ok: bool, why: str, answer: str, answered: bool = False) -> None:
        """Count one judged case."""
        style = "oos" if case.get("oos") else "amb" if case.get("amb") else case.get("style", "acc")
        self.by_style[style][0] += ok
        self.by_style[style][1] += 1
        if case.get("cat"):
            self.by_category[case["cat"]][0] += ok
            self.by_category[case["cat"]][1] += 1
        if not ok:
            self.failures.append((case["q"], why, answer))
            if answered:
                self.wrong.append(case["q"])

    def rate(self, style: str | None = None) -> float:
        """Pass rate of one style, or overall."""
        rows = [self.by_style[style]] if style else list(self.by_style.values())
        return sum(r[0] for r in rows) / max(1, sum(r[1] for r in rows))

    def category_rate(self, category: str) -> float:
        """Pass rate of one category."""
        passed, total = self.by_category[category]
        return passed / max(1, total)

    def lines(self) -> list[str]:
        """A printable summary."""
        out = [f"{s:5s} {a:3d}/{b:<3d} {a / b:6.1%}" for s, (a, b) in sorted(self.by_style.items())]
        if self.by_category:
            out.append("by category: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(self.by_category.items())))
        total = sum(r[1] for r in self.by_style.values())
        return out + [f"confidently wrong: {len(self.wrong)}", f"total {self.rate():.1%} of {total}"]


def load_cases(path: Path) -> list[dict]:
    """The cases of a YAML case file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def run(engine, cases: list[dict]) -> Report:
    """Answer every case with the engine and judge it."""
    from bot.engine.render import to_json
    report = Report()
    for case in cases:
        record = to_json(engine.answer(case["q"]))
        ok, why = judge(case, record)
        report.add(case, ok, why, record["answer"][:150].replace("\n", " | "), record["answered"])
    return report


if __name__ == "__main__":  # python -m tests.judge [CASES.yaml]: print the report and the failures
    import sys
    from bot.service.app import build_engine
    from bot.service.config import load_config
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "data" / "accuracy.yaml"
    rep = run(build_engine(load_config()), load_cases(path))
    for q, why, ans in rep.failures:
        print(f"FAIL {why}: {q!r}\n     -> {ans}")
    print("\n".join(rep.lines()))
