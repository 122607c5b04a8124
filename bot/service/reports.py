"""What admins see of the question log: statistics, unanswered questions grouped, and a PNG chart."""
from __future__ import annotations

import datetime as dt
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
    today: str = ""  # the period's last day (UTC, ISO), so the chart can show the days with no question too

    @property
    def total(self) -> int:
        """All questions in the period."""
        return sum(self.totals.values())

    def rate(self, outcome: str) -> float:
        """Share of the questions with this outcome (0 when there were none)."""
        return self.totals.get(outcome, 0) / self.total if self.total else 0.0

    def every_day(self) -> list[tuple[str, dict[str, int]]]:
        """Every day of the period, oldest first, those with no question included (with no counts)."""
        counts = dict(self.per_day)
        if not self.today:
            return list(self.per_day)
        last = dt.date.fromisoformat(self.today)
        first = last - dt.timedelta(days=max(self.days, 1) - 1)
        if self.per_day:  # the window starts part-way through the day before the first whole one
            first = min(first, dt.date.fromisoformat(self.per_day[0][0]))
        days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
        return [(d.isoformat(), counts.get(d.isoformat(), {})) for d in days]


@dataclass
class Group:
    """Unanswered questions that say the same thing, with the fact that came closest."""

    question: str  # the most frequent wording
    rule: str = ""  # the engine's rule that left them unanswered (Answer.why.rule)
    count: int = 0
    outcomes: Counter = field(default_factory=Counter)
    last: str = ""
    best_fact: str | None = None
    best_score: float = 0.0
    wordings: Counter = field(default_factory=Counter)


def stats(store: Store, days: int, top: int, now: dt.datetime | None = None) -> Stats:
    """Statistics of the last `days` days (up to `now`, UTC)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    per_day: dict[str, dict[str, int]] = defaultdict(dict)
    totals: Counter = Counter()
    for day, outcome, count in store.outcomes_per_day(days, now):
        per_day[day][outcome] = count
        totals[outcome] += count
    up, down = store.votes(days, now)
    return Stats(days, tuple(sorted(per_day.items())), dict(totals), tuple(store.top_facts(days, top, now)), up, down,
                 now.date().isoformat())


def unanswered(store: Store, engine: Engine, days: int, similar: float, top: int, max_rows: int,
               now: dt.datetime | None = None) -> list[Group]:
    """Declined and clarified questions (the latest `max_rows` of the `days` up to `now`, default the present),
    near-duplicates grouped, most frequent first."""
    groups: list[Group] = []
    keys: list[str] = []
    for question, outcome, ts, rule in store.unanswered(days, max_rows, now):
        analysis = engine.analyse(question)
        # Rules and places are kept apart: an unknown place and a figure the articles do not give are different
        # gaps, and so are "Bắc Giang có bao nhiêu…" and "Hà Nội có bao nhiêu…".
        key = rule + " | " + " ".join(sorted(analysis.places)) + " | " + analysis.content
        hit = process.extractOne(key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=similar) if keys else None
        if hit is None or _places_of(hit[0]) != _places_of(key):
            keys.append(key)
            groups.append(Group(question, rule))
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
        closest = engine.closest(group.question, 1)
        if closest:
            group.best_fact, group.best_score = closest[0].fact_id, closest[0].score
    return groups[:top]


def _places_of(key: str) -> str:
    """The rule and place part of a grouping key."""
    return key.rsplit(" | ", 1)[0]


def chart_png(data: Stats) -> bytes:
    """Questions per day, stacked by outcome, as a PNG: every day of the period (a day with no question is a
    gap), the legend beside the bars, dates as dd/mm."""
    logging.getLogger("matplotlib").setLevel(logging.WARNING)  # its INFO lines are about fonts and axes
    # The object API, not pyplot: no global figure state, so charts can be drawn in worker threads.
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    series = data.every_day() or [("", {})]
    positions = list(range(len(series)))
    fig = Figure(figsize=(10, 4.5), dpi=100, layout="constrained")
    ax = fig.subplots()
    bottom = [0] * len(series)
    labels = {ANSWER: "trả lời", CLARIFY: "hỏi lại", DECLINE: "chưa có", SMALLTALK: "chào hỏi"}
    for outcome in OUTCOMES:
        values = [counts.get(outcome, 0) for _, counts in series]
        ax.bar(positions, values, bottom=bottom, label=labels[outcome], width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_title(f"Câu hỏi mỗi ngày ({data.days} ngày qua)", fontsize=13)
    ax.set_ylabel("số câu hỏi", fontsize=11)
    ax.set_ylim(0, max(max(bottom), 1) * 1.05)
    ax.set_xlim(-0.6, len(series) - 0.4)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    step = max(1, -(-len(series) // 16))  # at most about 16 dates written; every day still has its slot
    shown = positions[::-1][::step][::-1]  # counted back from the last day, which is always labelled
    ax.set_xticks(positions, minor=True)
    ax.set_xticks(shown, [_short_date(series[i][0]) for i in shown])
    ax.tick_params(axis="x", labelsize=10, labelrotation=45 if len(shown) > 8 else 0)
    ax.tick_params(axis="y", labelsize=10)
    fig.legend(loc="outside right upper", fontsize=10)
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _short_date(iso: str) -> str:
    """2026-11-06 -> 06/11."""
    return f"{iso[8:10]}/{iso[5:7]}" if len(iso) == 10 else iso
