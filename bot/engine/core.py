"""Decide what to say to a question: answer one fact, ask which one was meant, or decline."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.engine import questions, verdict

from bot.kb.knowledge import Article, Fact, KnowledgeBase
from bot.engine.matcher import Candidate, Index, MatchSettings, folded_words
from bot.engine.reader import Analysis
from bot.engine.scope import Asked

ANSWER, CLARIFY, DECLINE, SMALLTALK = "answer", "clarify", "decline", "smalltalk"
# Why a question is declined (Answer.reason).
EMPTY, UNKNOWN_PLACE, NO_MATCH, NOT_GIVEN, UNKNOWN_FACT = "empty", "unknown_place", "no_match", "not_given", "unknown_fact"
_MIN_LONE_NUMBER = 3  # a question of digits alone is read only if it could be a document number ("2532")
_CONCEPT_PAIRS = 3  # this many syllable pairs in a row make a concept (shorter runs are often chance neighbours)


@dataclass(frozen=True)
class PolicySettings:
    """Thresholds that turn scores into outcomes; every number comes from config.yaml."""

    answer_threshold: float
    min_coverage: float
    clarify_margin: float
    place_margin: float
    dominance_floor: float
    dominance_coverage: float
    dominance_margin: float
    place_coverage_margin: float
    min_reverse: float
    clarify_floor: float
    clarify_min_coverage: float
    max_suggestions: int
    examples: int


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
    lead: str = ""  # said before the fact: a yes/no verdict ("Đúng.", "Chưa đúng: …"), or what a follow-up asked
    places: tuple[str, ...] = ()  # the places the question named (or was taken to be about)
    figures: tuple[str, ...] = ()  # figures the question named that no fact has ("năm 2020")
    coverage: float = 0.0  # share of the question the answering fact covers

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

    def answer(self, question: str, places: frozenset[str] | None = None, replace_places: bool = False) -> Answer:
        """Answer, clarify or decline one question; never raises on any string.

        `places` stands for the places of a question that names none (a follow-up in a conversation), or with
        `replace_places` for those it names ("còn Hoành Bồ thì sao?" asks the last question of another place).
        """
        question = question if isinstance(question, str) else str(question)
        talk = self._smalltalk_kind(question)
        if talk:
            return Answer(question, SMALLTALK, reason=talk, examples=self._examples(()))
        text, left_out = questions.exclusions(question[: self.index.settings.max_question_chars])
        confirm = questions.confirmation(text)
        analysis = self.index.reader.analyse(confirm.core if confirm else text)
        left = tuple(self.index.reader.analyse(phrase).tokens for phrase in left_out)
        if not analysis.places and not any(t[0].isalpha() or len(t) >= _MIN_LONE_NUMBER for t in analysis.tokens):
            # Nothing to go on: no words, no place, at most a short number ("1" typed with no choice open).
            return Answer(question, DECLINE, reason=EMPTY, examples=self._examples(()))
        if places and (replace_places or not analysis.places):
            analysis = Analysis(analysis.content, analysis.tokens, places)
        allowed, missing = self._places(analysis.places)
        if missing and not allowed:
            return Answer(question, DECLINE, reason=UNKNOWN_PLACE, missing=missing, examples=self._examples(()))
        asked = self.index.scope.question(self.index.corrected(analysis.tokens), left)
        answer = self._decide(question, analysis, allowed, missing, confirm, asked)
        if confirm is not None and answer.outcome == ANSWER:
            i = self.index.position[answer.fact.id]
            complete = answer.score >= self.policy.answer_threshold and answer.coverage >= self.policy.min_coverage
            line = verdict.judge(confirm.claims, confirm.text, answer.fact, self.index.figures_of[answer.fact.answer],
                                 self.index.scope.contradicts(asked, i), complete)
            answer = replace(answer, lead=line)
        return answer

    def analyse(self, text: str) -> Analysis:
        """How the engine reads a text (places found, aliases applied)."""
        return self.index.reader.analyse(text[: self.index.settings.max_question_chars])

    def answer_fact(self, fact_id: str, question: str = "") -> Answer:
        """Answer with a given fact (a suggestion the user picked)."""
        fact = self.kb.fact(fact_id)
        if fact is None:
            return Answer(question, DECLINE, reason=UNKNOWN_FACT, examples=self._examples(()))
        return Answer(question or fact.questions[0], ANSWER, 100.0, fact, self.sources(fact), places=(fact.place,))

    def sources(self, fact: Fact) -> tuple[Source, ...]:
        """The source line(s) of a fact."""
        art: Article = self.kb.articles[fact.article_id]
        return (Source(art.id, art.title, art.publisher, art.date, art.author, art.url, " … ".join(fact.quotes)),)

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

    def _decide(self, question: str, analysis: Analysis, allowed: frozenset[str], missing: tuple[str, ...],
                confirm: questions.Confirmation | None, asked: Asked) -> Answer:
        """Rank the facts and apply the thresholds: answer, clarify or decline."""
        p = self.policy
        ranking = self.index.rank(analysis, allowed or None)
        named = tuple(sorted(allowed))
        if not ranking.candidates:
            return self._not_given_by_number(question, analysis, allowed, missing)
        if confirm is not None and confirm.claims:  # "có 100 đoàn viên phải không?" counts đoàn viên
            asked = replace(asked, measure=self.index.scope.claimed_measure(confirm.claims))
        # An organisation named ("Sở Nội vụ Lạng Sơn") must be what the fact is about, not just its place.
        units = {n for n in analysis.places if self.index.place_of(n) and self.index.place_of(n).kind == "unit"}
        fit, unfit, contradicted = [], [], []
        for c in ranking.candidates:
            if not units <= self.index.fact_places[self.index.position[c.fact.id]]:
                unfit.append(c)
            elif self.index.scope.fits(asked, self.index.position[c.fact.id]):
                fit.append(c)
            elif confirm is not None and self._fits_confirmation(asked, c):
                contradicted.append(c)  # "là Giám đốc … phải không?" of a Phó Giám đốc: what it asks to check
            else:
                unfit.append(c)
        if contradicted and (not fit or fit[0].score < p.clarify_floor):
            fit = contradicted
        if confirm is not None and asked.names and (fit or contradicted):
            # "Ông X là … phải không?": X's fact says what X is (the one telling a title first)
            scope = self.index.scope
            named_facts = sorted(fit + contradicted, key=lambda c: (
                not scope.fact_contrasts[self.index.position[c.fact.id]], -c.score))
            return self._answer(question, named_facts[0], named)
        if asked.bare and not allowed and not self.index.scope.names_unit(asked):
            # "Có bao nhiêu công chức?" with no unit named: never one unit's figure; offer each unit's closest.
            options = [c for c in ranking.candidates if c.score >= p.clarify_floor and (
                c in fit or self.index.scope.loosely_fits(asked, self.index.position[c.fact.id]))]
            if len({c.fact.article_id for c in options}) >= 2:
                return self._clarify(question, options, options[0].score, named)
            return Answer(question, DECLINE, reason=NO_MATCH, examples=self._suggest(options)[: p.examples] or
                          self._examples(allowed))
        top = fit[0] if fit else None
        if top is not None:
            rivals = self._rivals(top, fit[1:], allowed)
            strong = top.score >= p.answer_threshold and top.coverage >= p.min_coverage
            # The question must also say a fair part of what the fact is asked about (its closest phrasing).
            about = top.reverse >= p.min_reverse
            if strong and about and not rivals:
                return self._answer(question, top, named)
            if (not strong and about and not self._unknown(analysis) and not self._left_concept(analysis, top)
                    and self._dominates(top, fit[1:], allowed)):
                return self._answer(question, top, named)
            if strong:
                return self._clarify(question, [top, *rivals], top.score, named)
        near = [c for c in fit if c.score >= p.clarify_floor and c.coverage >= p.clarify_min_coverage]
        blocked = [c for c in unfit if c.score >= p.clarify_floor and c.coverage >= p.clarify_min_coverage]
        # A question too vague to name any fact's subject ("tăng bao nhiêu so với năm 2015?") that several facts
        # cover entirely: ask which one was meant.
        vague = [c for c in blocked if c.coverage >= p.min_coverage
                 and self.index.scope.fits(asked, self.index.position[c.fact.id], keys=False)]
        if not near and len(vague) >= 2:
            return self._clarify(question, vague, vague[0].score, named)
        if blocked and (not near or blocked[0].score > near[0].score):
            # The closest facts count something else: say the figure is not given, and what the articles give.
            examples = self._suggest(blocked + near)[: p.examples]
            return Answer(question, DECLINE, blocked[0].score, reason=NOT_GIVEN, missing=missing,
                          examples=examples, places=named)
        if len(near) >= 2:
            return self._clarify(question, near, near[0].score, named)
        best = top.score if top is not None else 0.0
        examples = self._suggest(near) + tuple(e for e in self._examples(allowed)
                                               if not near or e.fact_id != near[0].fact.id)
        return Answer(question, DECLINE, best, reason=NO_MATCH, missing=missing, examples=examples[: p.examples],
                      places=named)

    def _answer(self, question: str, top: Candidate, named: tuple[str, ...]) -> Answer:
        """Answer with a candidate."""
        return Answer(question, ANSWER, top.score, top.fact, self.sources(top.fact),
                      places=named or (top.fact.place,), coverage=top.coverage)

    def _rivals(self, top: Candidate, others: list[Candidate], allowed: frozenset[str]) -> list[Candidate]:
        """Candidates close enough to the best that the user should choose (those giving the same figures aside)."""
        p = self.policy
        rivals = [c for c in others if c.score >= top.score - p.clarify_margin]
        if not allowed:  # no place named: a fact of another place covering about as much is a rival too
            rivals += [c for c in others if self._other_place_rival(top, c) and c not in rivals]
        return [c for c in rivals if not self._same_answer(top, c)]

    def _other_place_rival(self, top: Candidate, c: Candidate) -> bool:
        """With no place named, a fact of another place that covers the question about as well."""
        p = self.policy
        return c.fact.place != top.fact.place and c.score >= p.clarify_floor and (
            c.score >= top.score - p.place_margin or c.coverage >= top.coverage - p.place_coverage_margin)

    def _dominates(self, top: Candidate, others: list[Candidate], allowed: frozenset[str]) -> bool:
        """Below the answer bar, a fact that clearly leads every other one is still the answer."""
        p = self.policy
        if top.score < p.dominance_floor or top.coverage < p.dominance_coverage:
            return False
        if self.index.scope.stock[self.index.position[top.fact.id]]:
            return False  # a unit's total answers only a question wholly about that unit
        for c in others:
            if self._same_answer(top, c):
                continue
            if c.score > top.score - p.dominance_margin or (not allowed and self._other_place_rival(top, c)):
                return False
        return True

    def _left_concept(self, analysis: Analysis, top: Candidate) -> bool:
        """Whether the question names a concept of four or more syllables the knowledge knows and the fact does
        not ("lý luận chính trị" asked of a fact about other classes): it asks about something else."""
        index, i = self.index, self.index.position[top.fact.id]
        tokens, run = analysis.tokens, 0
        for a, b in zip(tokens, tokens[1:]):
            pair = a + "_" + b
            run = run + 1 if pair in index.idf and pair not in index.scope.everything[i] else 0
            if run >= _CONCEPT_PAIRS:
                return True
        return False

    def _unknown(self, analysis: Analysis) -> bool:
        """Whether the question has a word no fact uses (nor a typo of one): something the facts may not say."""
        index = self.index
        return any(t not in index.idf and not t[0].isdigit() and not index.corrections(t) for t in analysis.tokens)

    def _same_answer(self, a: Candidate, b: Candidate) -> bool:
        """Whether two facts of one article give the same answer: quoting one passage, one's figures include the
        other's; or, without figures, they name the same person."""
        if a.fact.article_id != b.fact.article_id:
            return False
        ia, ib = self.index.position[a.fact.id], self.index.position[b.fact.id]
        fa, fb = self.index.quantities[ia], self.index.quantities[ib]
        if fa and fb:  # from the same passage of the article, one giving all the other's figures
            overlap = any(s < e2 and s2 < e for s, e in self.index.quote_spans[ia]
                          for s2, e2 in self.index.quote_spans[ib])
            return overlap and (fa <= fb or fb <= fa)
        names = self.index.reader.names
        return not fa and not fb and bool(self.index.scope.everything[ia] & self.index.scope.everything[ib] & names)

    def _fits_confirmation(self, asked: Asked, c: Candidate) -> bool:
        """A yes/no question may name the opposite of what the fact says: that is what it asks about."""
        i = self.index.position[c.fact.id]
        return self.index.scope.contradicts(asked, i) and self.index.scope.fits(replace(asked, contrasts=frozenset()), i)

    def _not_given_by_number(self, question: str, analysis: Analysis, allowed: frozenset[str],
                             missing: tuple[str, ...]) -> Answer:
        """No fact has every figure the question names (another year, another number): say what there is."""
        named = tuple(sorted(allowed))
        numbers = [t for t in analysis.tokens if t[0].isdigit()]
        if not numbers:
            return Answer(question, DECLINE, reason=NO_MATCH, missing=missing, examples=self._examples(allowed),
                          places=named)
        rest = tuple(t for t in analysis.tokens if not t[0].isdigit())
        ranking = self.index.rank(Analysis(" ".join(rest), rest, analysis.places), allowed or None)
        near = [c for c in ranking.candidates if c.score >= self.policy.clarify_floor]
        if not near:
            return Answer(question, DECLINE, reason=NO_MATCH, missing=missing, examples=self._examples(allowed),
                          places=named)
        return Answer(question, DECLINE, near[0].score, reason=NOT_GIVEN, missing=missing,
                      examples=self._suggest(near)[: self.policy.examples], places=named, figures=tuple(numbers))

    def _clarify(self, question: str, cands: list[Candidate], score: float, named: tuple[str, ...]) -> Answer:
        """Offer the closest candidates, one per fact: the best of each place first, then the rest."""
        seen_places: set[str] = set()
        leaders, others = [], []
        for c in cands:
            (others if c.fact.place in seen_places else leaders).append(c)
            seen_places.add(c.fact.place)
        picked = self._suggest(leaders + others)[: self.policy.max_suggestions]
        return Answer(question, CLARIFY, score, suggestions=picked, places=named)

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
