"""Decide what to say to a question: answer one fact, ask which one was meant, or decline."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .knowledge import Article, Fact, KnowledgeBase
from .matcher import Candidate, Index, MatchSettings, folded_words

ANSWER, CLARIFY, DECLINE, SMALLTALK = "answer", "clarify", "decline", "smalltalk"
_MIN_LONE_NUMBER = 3  # a question of digits alone is read only if it could be a document number ("2532")


@dataclass(frozen=True)
class PolicySettings:
    """Thresholds that turn scores into outcomes; every number comes from config.yaml."""

    answer_threshold: float = 60.0
    min_coverage: float = 0.8
    clarify_margin: float = 5.0
    place_margin: float = 12.0
    clarify_floor: float = 40.0
    clarify_min_coverage: float = 0.5
    max_suggestions: int = 3
    examples: int = 3


@dataclass(frozen=True)
class Source:
    """Where a fact comes from, down to the quoted sentence."""

    id: str
    title: str
    publisher: str
    date: str
    author: str
    url: str | None
    quote: str


@dataclass(frozen=True)
class Suggestion:
    """A fact offered to the user as a question they may have meant, or as an example."""

    fact_id: str
    question: str
    score: float
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Answer:
    """The engine's verdict on one question; renderers turn it into text."""

    question: str
    outcome: str
    score: float = 0.0
    fact: Fact | None = None
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    examples: tuple[Suggestion, ...] = ()
    reason: str = ""
    missing: tuple[str, ...] = ()  # places or organisations named that the knowledge does not cover

    @property
    def answered(self) -> bool:
        """True only when a fact answers the question."""
        return self.outcome == ANSWER


class Engine:
    """Answers questions from one immutable knowledge base."""

    def __init__(self, kb: KnowledgeBase, match: MatchSettings, policy: PolicySettings,
                 previous: "Engine | None" = None):
        self.kb = kb
        self.policy = policy
        self.index = Index(kb, match, previous.index if previous is not None else None)
        self._smalltalk = _smalltalk_regex(kb)

    def answer(self, question: str) -> Answer:
        """Answer, clarify or decline one question; never raises on any string."""
        question = question if isinstance(question, str) else str(question)
        talk = self._smalltalk_kind(question)
        if talk:
            return Answer(question, SMALLTALK, reason=talk, examples=self._examples(()))
        analysis = self.index.reader.analyse(question[: self.index.settings.max_question_chars])
        if not analysis.places and not any(t[0].isalpha() or len(t) >= _MIN_LONE_NUMBER for t in analysis.tokens):
            # Nothing to go on: no words, no place, at most a short number ("1" typed with no choice open).
            return Answer(question, DECLINE, reason="empty", examples=self._examples(()))
        allowed, missing = self._places(analysis.places)
        if missing and not allowed:
            return Answer(question, DECLINE, reason="unknown_place", missing=missing,
                          examples=self._examples(()))
        ranking = self.index.rank(analysis, allowed or None)
        return self._decide(question, ranking.candidates, allowed, missing)

    def answer_fact(self, fact_id: str, question: str = "") -> Answer:
        """Answer with a given fact (a suggestion the user picked)."""
        fact = self.kb.fact(fact_id)
        if fact is None:
            return Answer(question, DECLINE, reason="unknown_fact", examples=self._examples(()))
        return Answer(question or fact.questions[0], ANSWER, 100.0, fact, self.sources(fact))

    def sources(self, fact: Fact) -> tuple[Source, ...]:
        """The source line(s) of a fact."""
        art: Article = self.kb.articles[fact.article_id]
        return (Source(art.id, art.title, art.publisher, art.date, art.author, art.url, fact.quote),)

    # ------------------------------------------------------------ decisions

    def _places(self, named: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
        """Split named places into those the knowledge covers and those it does not."""
        held = self.index.places_held
        allowed = frozenset(p for p in named if p in held)
        missing = []
        for name in sorted(named - allowed):
            entry = self.index.place_of(name)
            if entry is not None and entry.kind == "unit":
                if name not in self.index.places_mentioned:
                    missing.append(name)
            elif not (allowed and name in self.index.parents_held):
                missing.append(name)
        if any(self.index.place_of(m).kind == "unit" for m in missing):
            return frozenset(), tuple(missing)  # an organisation we know nothing of: never substitute another
        return allowed, tuple(missing)

    def _decide(self, question: str, cands: tuple[Candidate, ...], allowed: frozenset[str],
                missing: tuple[str, ...]) -> Answer:
        """Apply the thresholds to a ranking."""
        p = self.policy
        if not cands:
            return Answer(question, DECLINE, reason="no_match", missing=missing, examples=self._examples(allowed))
        top = cands[0]
        if top.score >= p.answer_threshold and top.coverage >= p.min_coverage:
            rivals = [c for c in cands[1:] if c.score >= top.score - p.clarify_margin]
            if not allowed:
                rivals += [c for c in cands[1:] if c.fact.place != top.fact.place
                           and c.score >= top.score - p.place_margin and c.coverage >= p.min_coverage
                           and c not in rivals]
            if not rivals:
                return Answer(question, ANSWER, top.score, top.fact, self.sources(top.fact))
            return self._clarify(question, [top, *sorted(rivals, key=lambda c: -c.score)], top.score)
        near = [c for c in cands if c.score >= p.clarify_floor and c.coverage >= p.clarify_min_coverage]
        if len(near) >= 2:
            return self._clarify(question, near, top.score)
        examples = self._suggest(near) + tuple(e for e in self._examples(allowed)
                                               if not near or e.fact_id != near[0].fact.id)
        return Answer(question, DECLINE, top.score, reason="no_match", missing=missing,
                      examples=examples[: p.examples])

    def _clarify(self, question: str, cands: list[Candidate], score: float) -> Answer:
        """Offer the closest candidates, one per fact: the best of each place first, then the rest."""
        seen_places: set[str] = set()
        leaders, others = [], []
        for c in cands:
            (others if c.fact.place in seen_places else leaders).append(c)
            seen_places.add(c.fact.place)
        picked = self._suggest(leaders + others)[: self.policy.max_suggestions]
        return Answer(question, CLARIFY, score, suggestions=picked)

    def _suggest(self, cands: list[Candidate]) -> tuple[Suggestion, ...]:
        """Suggestions for candidates, each fact once."""
        out, seen = [], set()
        for c in cands:
            if c.fact.id not in seen:
                seen.add(c.fact.id)
                out.append(Suggestion(c.fact.id, c.fact.questions[0], c.score, self.sources(c.fact)))
        return tuple(out)

    def _examples(self, places: frozenset[str]) -> tuple[Suggestion, ...]:
        """Example questions: from the named places if any, else one from each article."""
        facts = [f for f in self.kb.facts if f.place in places] if places else []
        if not facts:
            first: dict[str, Fact] = {}
            for f in self.kb.facts:
                first.setdefault(f.article_id, f)
            facts = list(first.values())
        return tuple(Suggestion(f.id, f.questions[0], 0.0, self.sources(f)) for f in facts[: self.policy.examples])

    # ------------------------------------------------------------ small talk

    def _smalltalk_kind(self, question: str) -> str:
        """'greeting', 'thanks' or 'help' when the text is only conversation, else ''."""
        words = " ".join(folded_words(question))
        if not words:
            return ""
        found = set()
        rest = self._smalltalk.sub(lambda m: found.add(m.lastgroup) or " ", words)
        if rest.strip() or not found - {"filler"}:
            return ""
        for kind in ("help", "thanks", "greeting"):
            if kind in found:
                return kind
        return ""


def _smalltalk_regex(kb: KnowledgeBase) -> re.Pattern[str]:
    """One pattern with a named group per kind of small talk, plus filler words."""
    groups = []
    for kind in ("greeting", "thanks", "help"):
        phrases = sorted(getattr(kb.smalltalk, kind), key=len, reverse=True)
        if phrases:
            groups.append(f"(?P<{kind}>" + "|".join(re.escape(p) for p in phrases) + ")")
    fillers = sorted(kb.aliases.fillers, key=len, reverse=True)
    if fillers:
        groups.append("(?P<filler>" + "|".join(re.escape(f) for f in fillers) + ")")
    if not groups:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")
