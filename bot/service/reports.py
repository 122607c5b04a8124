"""What admins see of the question log: statistics, unanswered questions grouped, and a PNG chart."""
from __future__ import annotations

import io
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.engine.core import ANSWER, CLARIFY, DECLINE, SMALLTALK, Engine
from bot.storage.store import Store

OUTCOMES = (ANSWER, CLARIFY, DECLINE, SMALLTALK)


@dataclass(frozen=True)
class Stats:
    """Questions per day by outcome, rates, the most answered facts and the votes."""

    days: int
    per_day: tuple[tuple[str, dict[str, int]], ...]
    totals: dict[str, int]
    top_facts: tuple[tuple[str, int], ...]
    up: int
    down: int

    @property
    def total(self) -> int:
        """All questions in the period."""
        return sum(self.totals.values())

    def rate(self, outcome: str) -> float:
        """Share of the questions with this outcome (0 when there were none)."""
        return self.totals.get(outcome, 0) / self.total if self.total else 0.0


@dataclass
class Group:
    """Unanswered questions that say the same thing, with the fact that came closest."""

    question: str  # the most frequent wording
    count: int = 0
    outcomes: Counter = field(default_factory=Counter)
    last: str = ""
    best_fact: str | None = None
    best_score: float = 0.0
    wordings: Counter = field(default_factory=Counter)


def stats(store: Store, days: int, top: int) -> Stats:
    """Statistics of the last `days` days."""
    per_day: dict[str, dict[str, int]] = defaultdict(dict)
    totals: Counter = Counter()
    for day, outcome, count in store.outcomes_per_day(days):
        per_day[day][outcome] = count
        totals[outcome] += count
    up, down = store.votes(days)
    return Stats(days, tuple(sorted(per_day.items())), dict(totals), tuple(store.top_facts(days, top)), up, down)


def unanswered(store: Store, engine: Engine, days: int, similar: float, top: int, max_rows: int) -> list[Group]:
    """Declined and clarified questions (the latest `max_rows` of the period), near-duplicates grouped, most
    frequent first."""
    reader = engine.index.reader
    groups: list[Group] = []
    keys: list[str] = []
    for question, outcome, ts in store.unanswered(days, max_rows):
        analysis = reader.analyse(question)
        # Places are kept apart: "Bắc Giang có bao nhiêu…" and "Hà Nội có bao nhiêu…" are different gaps.
        key = " ".join(sorted(analysis.places)) + " | " + analysis.content
        hit = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=similar) if keys else None
        if hit is None or _places_of(hit[0]) != _places_of(key):
            keys.append(key)
            groups.append(Group(question))
            group = groups[-1]
        else:
            group = groups[hit[2]]
        group.count += 1
        group.outcomes[outcome] += 1
        group.wordings[question] += 1
        group.last = max(group.last, ts)
    groups.sort(key=lambda g: (-g.count, g.last))
    for group in groups[:top]:
        group.question = group.wordings.most_common(1)[0][0]
        ranking = engine.index.rank(reader.analyse(group.question))
        if ranking.candidates:
            group.best_fact, group.best_score = ranking.candidates[0].fact.id, ranking.candidates[0].score
    return groups[:top]


def _places_of(key: str) -> str:
    """The place part of a grouping key."""
    return key.split(" | ", 1)[0]


def chart_png(data: Stats) -> bytes:
    """Questions per day, stacked by outcome, as a PNG."""
    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # its INFO lines are about fonts and axes
    # The object API, not pyplot: no global figure state, so charts can be drawn in worker threads.
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = [d for d, _ in data.per_day] or ["—"]
    fig = Figure(figsize=(8, 4), dpi=100)
    ax = fig.subplots()
    bottom = [0] * len(days)
    labels = {ANSWER: "trả lời", CLARIFY: "hỏi lại", DECLINE: "chưa có", SMALLTALK: "chào hỏi"}
    for outcome in OUTCOMES:
        values = [counts.get(outcome, 0) for _, counts in data.per_day] or [0]
        ax.bar(days, values, bottom=bottom, label=labels[outcome])
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_title(f"Câu hỏi mỗi ngày ({data.days} ngày qua)")
    ax.set_ylabel("số câu hỏi")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left")
    ax.tick_params(axis="x", labelrotation=45, labelsize=7)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
