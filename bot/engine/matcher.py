"""Rank facts against a question: IDF-weighted syllable/bigram overlap blended with rapidfuzz similarity."""
from __future__ import annotations

import functools
import gc
import heapq
import itertools
import math
import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.language import figures
from bot.kb.knowledge import Fact, KnowledgeBase, Place
from bot.engine.questions import Measures
from bot.engine.reader import BIGRAM as _BIGRAM
from bot.engine.reader import Analysis, Reader, terms_of
from bot.engine.scope import Scope

_PERSON = "nguoi"  # "người": any person noun of the knowledge counts as it
_SMALL = 10  # a count up to this beside a larger figure says where that figure is ("63 công chức ở 3 sở")
_DATE_WORDS = {"nam", "thang", "tuan", "ngay", "quy"}  # "ngày 3 tháng 8": a 3 of a date, not a count
# Numbers up to ten as articles write them in words ("ba sở", "chín người"); not "năm" (five), the year's word too
_NUMBER_WORDS = {number: re.compile(rf"(?<!\w){word}(?!\w)", re.IGNORECASE) for number, word in (
    ("1", "một"), ("2", "hai"), ("3", "ba"), ("4", "bốn"), ("6", "sáu"), ("7", "bảy"), ("8", "tám"), ("9", "chín"),
    ("10", "mười"))}
_DURATIONS = {"nam", "thang", "tuan", "ngay"}  # "trong 5 năm 2012–2017": the 5 is how long, not a figure asked


@dataclass(frozen=True)
class MatchSettings:
    """Weights and limits of the ranking; every number comes from config.yaml."""

    weight_coverage: float
    weight_similarity: float
    weight_chars: float
    bigram_weight: float
    answer_credit: float
    phrase_words: int
    split_phrase_penalty: float
    typo_credit: float
    typo_min_length: int
    candidate_pool: int
    rerank_pool: int
    rerank_margin: float
    max_question_chars: int
    max_message_chars: int


@dataclass(frozen=True)
class Candidate:
    """One fact's score for a question, with the parts it is made of."""

    fact: Fact
    score: float
    coverage: float  # share of the question's weighted terms the fact has
    similarity: float
    chars: float
    reverse: float = 1.0  # share of the closest phrasing's weighted terms the question has


@dataclass(frozen=True)
class Ranking:
    """A question's analysis and its candidates, best first."""

    analysis: Analysis
    candidates: tuple[Candidate, ...]
    # No fact holds every figure the question names: the candidates are then the closest facts regardless
    # (what the articles give instead), ranked in the same pass.
    figures_missing: bool = False


class _Term(NamedTuple):
    """A query term with the spellings that count as it (itself, or typo corrections) and its weight, with what
    the index holds of those spellings (looked up once per word or pair of words, not in every question)."""

    alts: tuple[str, ...]
    weight: float
    halves: tuple[int, int] | None = None  # for a bigram: the positions of its two syllable terms
    full: Hits = ()  # the postings of each spelling the phrasings have (see `_facts_with`)
    part: Hits = ()  # and of each spelling only answers have
    credits: tuple[float, ...] = ()  # per spelling: what a phrasing having it shares with the question


@dataclass(frozen=True, slots=True)
class _Phrasing:
    """Precomputed form of one way of asking for a fact (its term weights are read from the IDF table when
    compared: a dict per phrasing cost more memory than any other structure but the readings)."""

    sorted_words: str  # tokens sorted: fuzz.ratio on these is token_sort_ratio without re-sorting
    terms: tuple[str, ...]  # its terms (interned strings)
    total: float  # the sum of their weights

    def __reduce__(self) -> tuple:
        # Pickled as a call of the class: a slotted dataclass's own state functions (a Python loop over its
        # fields per instance) were most of the time a start spent reading the index cache's phrasings.
        return _Phrasing, (self.sorted_words, self.terms, self.total)


@dataclass(frozen=True)
class _Query:
    """What phrasing comparison needs of a question, prepared once per question."""

    credit: dict[str, float]  # one-spelling terms: what a phrasing having the term shares with the question
    several: tuple[tuple[tuple[str, ...], tuple[float, ...]], ...]  # typo-corrected terms: spellings and credits
    total: float
    sorted_words: str

    @classmethod
    def of(cls, terms: list[_Term], tokens: tuple[str, ...]) -> "_Query":
        """Prepare a question's terms for comparison with phrasings: a term shared with a phrasing counts the
        smaller of its two weights (a phrasing's weight of a term is the term's IDF weight), as often as the
        question has it."""
        single: dict[str, tuple[float, int]] = {}
        for t in terms:
            if len(t.alts) == 1:
                shares, count = single.get(t.alts[0], (t.credits[0], 0))  # (the first such term's credit)
                single[t.alts[0]] = (shares, count + 1)
        credit = {term: count * shares for term, (shares, count) in single.items()}
        several = tuple((t.alts, t.credits) for t in terms if len(t.alts) > 1)
        return cls(credit, several, sum(t.weight for t in terms), " ".join(sorted(tokens)))


Postings = array  # fact indexes in ascending order ('i'): 4 bytes a fact instead of a set's 30 or more
_NONE: Postings = array("i")


def _postings(term_sets: list[set[str]]) -> dict[str, Postings]:
    """For each term, the indexes of the sets that hold it, ascending."""
    found: dict[str, Postings] = {}
    for i, terms in enumerate(term_sets):
        for term in terms:
            ids = found.get(term)
            if ids is None:
                found[term] = array("i", (i,))
            else:
                ids.append(i)
    return found


def _holds(ids: Postings, i: int) -> bool:
    """Whether ascending postings hold fact i."""
    k = bisect_left(ids, i)
    return k < len(ids) and ids[k] == i


Hits = tuple  # the postings of each known spelling of a query term (usually one)


def _length(hits: Hits) -> int:
    """How many entries the postings of a term have together."""
    return sum(len(ids) for ids in hits) if len(hits) != 1 else len(hits[0])


def _among(hits: Hits, pool: list[int], pool_set: set[int]) -> set[int]:
    """The facts of the pool a term's postings hold: each postings walked (in C) through the pool when short,
    else each pool fact looked up in it by bisection; a long list is never copied."""
    if len(hits) == 1 and len(hits[0]) <= _WALK_FACTOR * len(pool):
        return pool_set.intersection(hits[0])  # the usual case, without merging into a new set
    found: set[int] = set()
    for ids in hits:
        if len(ids) <= _WALK_FACTOR * len(pool):
            found.update(pool_set.intersection(ids))
        else:
            found.update(i for i in pool if _holds(ids, i))
    return found


def _canonical(value, seen: dict):
    """One shared instance of equal immutable values (the same places or figures for many facts)."""
    return seen.setdefault(value, value)


def _deletes(word: str) -> set[str]:
    """Every string made by deleting one character (SymSpell-style typo index keys)."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _uncollected(build: Callable) -> Callable:
    """A build run with the cyclic collector paused: it makes hundreds of thousands of lasting objects and next to
    no garbage, and the collections they set off (each scanning all of them again) were a tenth of a build."""
    @functools.wraps(build)
    def paused(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()
    return paused


class Index:
    """Everything precomputed on the knowledge side so a question costs little."""

    @_uncollected
    def __init__(self, kb: KnowledgeBase, settings: MatchSettings, previous: "Index | None" = None):
        self.kb = kb
        self.settings = settings
        self.reader = Reader(kb)
        self.place_kinds = {p.name: p for p in kb.places}
        self.facts = kb.facts
        unions: list[set[str]] = []
        answer_only: list[set[str]] = []
        by_place: dict[str, list[int]] = defaultdict(list)
        # Each knowledge text is read once (units and tags repeat), and on reload the previous index's
        # readings are reused when aliases and gazetteer are unchanged: most texts did not change.
        places_seen: dict = {}  # one frozenset for each set of places (most texts name the same one or two)
        same = previous is not None and previous.reader.signature == self.reader.signature
        earlier = previous.analysed if same else {}
        analysed: dict[str, Analysis] = {}
        # What facts say (answers, tags) is read with the kinds of the titles they hold ("giám đốc" before
        # "giámđốcsở", Reader.with_kinds); their phrasings are not, as how much of a phrasing a question says
        # must not fall for words added to it. (Kept apart from the readings reused on reload.)
        kinded = {t for fact in kb.facts for t in (*fact.tags, fact.answer)}.difference(
            q for fact in kb.facts for q in fact.questions)
        widened: dict[str, Analysis] = {}

        def analyse(text: str) -> Analysis:
            found = analysed.get(text)
            if found is None:
                kept = earlier.get(text)
                if kept is None:
                    read = self.reader.analyse(text)
                    kept = (read.content, read.places)
                found = analysed[text] = _interned(kept, places_seen)
            return found

        def said(text: str) -> Analysis:
            """A fact's answer or tag as read (the kinds of the titles it holds added, see `kinded`)."""
            found = analyse(text)
            if text not in kinded:
                return found
            wide = widened.get(text)
            if wide is None:
                content = self.reader.with_kinds(found.content)
                wide = widened[text] = found if content == found.content else \
                    _interned((content, found.places) if found.places else content, places_seen)
            return wide

        def read_all(texts: Iterable[str]) -> None:
            """Read at once the texts not read yet (Reader.read_many), in their order."""
            new = [t for t in dict.fromkeys(texts) if t not in analysed]
            fresh = iter(self.reader.read_many([t for t in new if t not in earlier]))
            for text in new:
                kept = earlier.get(text)
                analysed[text] = _interned(kept if kept is not None else next(fresh), places_seen)

        self._building = analyse  # what Measures reads knowledge texts with while the index is built
        read_all(t for fact in kb.facts for t in (*fact.questions, fact.unit, *fact.tags, fact.answer))
        mentioned: set[str] = set()
        self.fact_places: list[frozenset[str]] = []  # places and organisations each fact names
        for i, fact in enumerate(kb.facts):
            asked = [analyse(t) for t in (*fact.questions, fact.unit)] + [said(t) for t in fact.tags]
            answer = said(fact.answer)
            union: set[str] = set()
            for a in asked:
                union.update(a.terms)
                mentioned.update(a.places)
            mentioned.update(answer.places)
            self.fact_places.append(_canonical(frozenset(answer.places).union(*(a.places for a in asked)),
                                               places_seen))
            unions.append(union)
            # Words of the answer only: context ("of 71 staff, 11 ...") that the fact is not about.
            answer_only.append(answer.terms - union)
            by_place[fact.place].append(i)
        # The organisations an article is about: those its facts name, and those its title names ("Sở
        # LĐ-TB&XH Hải Dương …" when a sentence says only "Sở"). A fact is about its article's organisations.
        article_units: dict[str, set[str]] = defaultdict(set)
        for i, fact in enumerate(kb.facts):
            article_units[fact.article_id].update(self.fact_places[i])
        self.article_titles = {art_id: frozenset(analyse(art.title).places) for art_id, art in kb.articles.items()}
        for art_id, titled in self.article_titles.items():
            article_units[art_id].update(titled)
        self.article_places = {a: frozenset(u) for a, u in article_units.items()}
        n = len(kb.facts)
        df = Counter(itertools.chain.from_iterable(map(set.union, unions, answer_only)))  # (counted in C)
        self.max_idf = math.log((n + 1) / 0.5)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.phrasing_postings = _postings(unions)
        self.answer_postings = _postings(answer_only)
        del unions, answer_only
        self.place_facts = {place: _Within(frozenset(ids), array("i", ids)) for place, ids in by_place.items()}
        # Each fact's phrasings as compared, prepared when a question first compares them (see `_phrasings_of`)
        self._phrasings: list[tuple[_Phrasing, ...] | None] = [None] * n
        self._typo_index: dict[str, set[str]] = defaultdict(set)
        # What a question's words cost to weigh, remembered per word and pair of words (see `_word_term`)
        self._corrections: dict[str, tuple[str, ...]] = {}
        self._word_terms: dict[str, tuple[tuple[str, ...], _Term]] = {}
        self._pair_terms: dict[tuple[str, str], _Term | None] = {}
        for word in df:
            if _BIGRAM not in word and not word[0].isdigit() and len(word) >= settings.typo_min_length:
                for key in _deletes(word) | {word}:
                    self._typo_index[key].add(word)
        # "bao nhiêu người" is asked of a fact counting "cán bộ" or "công chức": any person noun covers "người"
        persons = [analyse(w).tokens for w in kb.staff_nouns]
        self._other_persons = tuple(sorted({_BIGRAM.join(t) for t in persons if len(t) <= 2} - {"luot", _PERSON}))
        measures = Measures(kb.measures, self._content, kb.staff_nouns, kb.totals.words)
        # What each answer's figures count, whether it has any, its quantities: found when a question first reaches
        # the fact (see _Counts); on reload, those of an unchanged answer are the previous index's when the reading
        # and the measure words are unchanged.
        shared: dict = {}  # equal per-fact sets (what figures count, contrasts, quantities) held once
        self.figures_of = _Figures()
        self.counts = _Counts(kb.facts, measures, shared, _earlier_figures(previous, kb, same), self.figures_of)
        self.quantities = self.counts.quantities
        self.scope = Scope(kb, analyse, self.counts.counted, self.counts.has_figure, measures, self.reader.names, said)
        for name in ("fact_contrasts", "fact_contrasts_terms"):  # a few distinct values over all the facts
            setattr(self.scope, name, [_canonical(v, shared) for v in getattr(self.scope, name)])
        self.quote_spans = _quote_spans(kb)
        self.position = {fact.id: i for i, fact in enumerate(kb.facts)}
        self.places_mentioned = frozenset(mentioned)  # places and organisations the facts name anywhere
        self.places_held = {p for a in kb.articles.values() for p in a.places}
        self.parents_held = {p for a in kb.articles.values() for p in a.parents}
        # Kept for the next reload, compactly: a reading's words as one string, its places only when it has some.
        self.analysed = {text: _stored(a) for text, a in analysed.items()}
        self.scope.readings = self.analysed
        self._building = None

    def said_together(self, terms: list[str]) -> bool:
        """Whether some fact has every one of the terms (in its phrasings or its answer). The rarest term's facts
        are checked against the others' postings, so a common term costs no more than a lookup per candidate."""
        postings = [(self.phrasing_postings.get(t, _NONE), self.answer_postings.get(t, _NONE)) for t in terms]
        postings.sort(key=lambda both: len(both[0]) + len(both[1]))
        rarest, rest = postings[0], postings[1:]
        return any(all(_holds(a, i) or _holds(b, i) for a, b in rest) for ids in rarest for i in ids)

    def _content(self, text: str) -> str:
        """The folded, rewritten words of a text (Measures' reading); remembered only while the index is built."""
        return (self._building or self.reader.analyse)(text).content

    def _phrasings_of(self, i: int) -> tuple[_Phrasing, ...]:
        """Fact i's phrasings as compared, prepared when first asked for (a question compares a dozen facts'; those
        of every fact, prepared at build, were the largest structure but the readings), from their readings kept
        (made as the build makes them: the same terms, in the same order). Threads racing here make the same."""
        found = self._phrasings[i]
        if found is None:
            found = self._phrasings[i] = tuple(
                _phrasing(_interned(self.analysed[q], {}), self._weight) for q in self.facts[i].questions)
        return found

    def _weight(self, term: str) -> float:
        """IDF of a term; bigrams count for less; unknown terms weigh the most."""
        idf = self.idf.get(term, self.max_idf)
        return idf * self.settings.bigram_weight if _BIGRAM in term else idf

    def corrections(self, word: str) -> tuple[str, ...]:
        """Known syllables one edit away from an unknown one (typos), or a known split of a run-together pair."""
        if word in self.idf or word[0].isdigit() or len(word) < self.settings.typo_min_length:
            return ()
        known = self._corrections.get(word)
        if known is None:
            known = _remembered(self._corrections, word, self._corrections_of(word))
        return known

    def _corrections_of(self, word: str) -> tuple[str, ...]:
        """`corrections` of an unknown word, found (a typo's are asked for several times a question)."""
        found = set()
        for key in _deletes(word) | {word}:
            found.update(self._typo_index.get(key, ()))
        near = tuple(sorted(w for w in found if OSA.distance(word, w) <= 1))
        if near:
            return near
        for cut in range(2, len(word) - 1):
            pair = word[:cut] + _BIGRAM + word[cut:]
            if pair in self.idf:
                return (pair,)
        return ()

    def corrected(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """Tokens with each unknown one replaced by its correction, when there is exactly one ("thuk" -> "thuc")."""
        out: list[str] = []
        for k, tok in enumerate(tokens):
            fixes = self.corrections(tok)
            if len(fixes) > 1:  # several words one edit away: the one that makes a known phrase with a neighbour
                before, after = tokens[k - 1] if k else "", tokens[k + 1] if k + 1 < len(tokens) else ""
                fixes = tuple(f for f in fixes if before + _BIGRAM + f in self.idf or f + _BIGRAM + after in self.idf)
            out.extend(fixes[0].split(_BIGRAM) if len(fixes) == 1 else (tok,))
        return tuple(out)

    def query_terms(self, tokens: tuple[str, ...]) -> list[_Term]:
        """Weighted query terms, each with its accepted spellings."""
        words = [self._word_term(tok) for tok in tokens]
        terms: list[_Term] = [term for _, term in words]
        known = self._pair_terms
        for i in range(len(words) - 1):
            pair = known.get((tokens[i], tokens[i + 1]), _UNKNOWN)  # (remembered: the usual case, without a call)
            if pair is _UNKNOWN:
                pair = self._pair_term(tokens[i], tokens[i + 1], words[i][0], words[i + 1][0])
            if pair is not None:
                terms.append(_Term(pair.alts, pair.weight, (i, i + 1), pair.full, pair.part, pair.credits))
        return terms

    def _word_term(self, tok: str) -> tuple[tuple[str, ...], _Term]:
        """A question word's accepted spellings and its term (remembered: a question's words are the knowledge's
        vocabulary, and each was weighed anew in every question)."""
        known = self._word_terms.get(tok)
        if known is None:
            fixes = self.corrections(tok)
            alts = fixes if fixes else (tok,)
            weight = self._term_weight(alts, len(alts) > 1 or alts[0] != tok)
            term = self._looked_up((_PERSON, *self._other_persons) if alts == (_PERSON,) else alts, weight)
            known = _remembered(self._word_terms, tok, (alts, term))
        return known

    def _pair_term(self, first: str, second: str, first_alts: tuple[str, ...], second_alts: tuple[str, ...]
                   ) -> _Term | None:
        """The phrase term of two neighbouring question words (its `halves` for the caller to set), or None when
        the knowledge never uses the pair (its words are then weighed on their own); remembered as `_word_term`."""
        known = self._pair_terms.get((first, second), _UNKNOWN)
        if known is _UNKNOWN:
            pairs = tuple(a + _BIGRAM + b for a in first_alts for b in second_alts)
            known = None
            if any(p in self.idf for p in pairs):
                corrected = first_alts != (first,) or second_alts != (second,)
                known = self._looked_up(pairs, self._term_weight(pairs, corrected))
            known = _remembered(self._pair_terms, (first, second), known)
        return known

    def _term_weight(self, alts: tuple[str, ...], corrected: bool) -> float:
        """A term's weight: that of its best-known spelling, discounted if it was a typo."""
        known = [self._weight(a) for a in alts if a in self.idf]
        if not known:
            return self._weight(alts[0])
        weight = max(known)
        return weight * self.settings.typo_credit if corrected else weight

    def _looked_up(self, alts: tuple[str, ...], weight: float) -> _Term:
        """A term of these spellings and weight, with their postings and credits."""
        return _Term(alts, weight, None, self._facts_with(alts, self.phrasing_postings),
                     self._facts_with(alts, self.answer_postings), tuple(min(weight, self._weight(a)) for a in alts))

    def rank(self, analysis: Analysis, allowed_places: frozenset[str] | None = None) -> Ranking:
        """Score the facts an analysed question may be about (only those of allowed places), best first."""
        terms = self.query_terms(analysis.tokens)
        if not terms:
            return Ranking(analysis, ())
        full_ids = [t.full for t in terms]
        part_ids = [t.part for t in terms]
        pool = self._pool(terms, full_ids, part_ids, allowed_places)
        pool_set = set(pool)
        walked = _WALK_FACTOR * len(pool)  # (the usual case, one short postings, in C without a call)
        part = [pool_set.intersection(ids[0]) if len(ids) == 1 and len(ids[0]) <= walked else
                _among(ids, pool, pool_set) for ids in part_ids]
        full = [pool_set.intersection(ids[0]) if len(ids) == 1 and len(ids[0]) <= walked else
                self._full_among(t, ids, pool, pool_set, p) for t, ids, p in zip(terms, full_ids, part)]
        unigram_total = sum(t.weight for t in terms if t.halves is None)
        # A figure or document number is never approximate; a duration ("5 năm") only says when.
        tokens = analysis.tokens
        numbers = [k for k, t in enumerate(terms) if t.halves is None and t.alts[0][0].isdigit()
                   and not (k + 1 < len(tokens) and tokens[k + 1] in _DURATIONS)]
        pairs = [(k, t.halves) for k, t in enumerate(terms) if t.halves is not None]  # phrase terms, in order
        # A count up to ten beside a larger figure ("63 công chức ở 3 sở …, trong đó bao nhiêu chuyên viên?") says
        # where the figure is, not a figure the answer must hold
        large = [k for k in numbers if not _small(terms[k].alts[0], tokens[k + 1] if k + 1 < len(tokens) else "")]
        holding = [i for i in pool if all(i in full[k] or i in part[k] or self._in_words(terms[k].alts[0], i)
                                          for k in (large or numbers))]
        missing = bool(numbers) and not holding  # then the closest facts regardless of the figures
        scored = self._coverages(terms, full, part, unigram_total, pairs, pool if missing else holding)
        scored.sort(reverse=True)
        s = self.settings
        out: list[Candidate] = []
        best = 0.0
        query = _Query.of(terms, analysis.tokens)
        for coverage, i in scored[: s.rerank_pool]:
            ceiling = 100 * (s.weight_coverage * coverage + s.weight_similarity + s.weight_chars)
            if ceiling < best - s.rerank_margin:
                break  # sorted by coverage: no later candidate can come within the margin either
            similarity, chars, reverse = self._best_phrasing(query, i)
            score = 100 * (s.weight_coverage * coverage + s.weight_similarity * similarity + s.weight_chars * chars)
            best = max(best, score)
            out.append(Candidate(self.facts[i], round(score, 2), coverage, similarity, chars, reverse))
        out.sort(key=lambda c: c.score, reverse=True)
        return Ranking(analysis, tuple(out), missing)

    def _in_words(self, number: str, i: int) -> bool:
        """Whether fact i's answer writes a number up to ten in words ("ba sở" for a question's "3 sở")."""
        word = _NUMBER_WORDS.get(number)
        return word is not None and word.search(self.facts[i].answer) is not None

    def _full_among(self, term: _Term, hits: Hits, pool: list[int], pool_set: set[int], part: set[int]) -> set[int]:
        """The facts of the pool whose phrasings have a term. For a one-spelling term with long postings: those
        having it (as every fact's terms say) less those having it in the answer only."""
        if len(term.alts) == 1 and _length(hits) > _WALK_FACTOR * len(pool):
            t, everything = term.alts[0], self.scope.everything
            return {i for i in pool if t in everything[i]} - part
        return _among(hits, pool, pool_set)

    @staticmethod
    def _facts_with(alts: tuple[str, ...], postings: dict[str, Postings]) -> Hits:
        """The postings of each known spelling of a term (not merged: merging long ones cost more than using them)."""
        if len(alts) == 1:  # the usual case, without a generator
            ids = postings.get(alts[0])
            return () if ids is None else (ids,)
        return tuple(postings[a] for a in alts if a in postings)

    def _coverages(self, terms: list[_Term], full: list[set[int]], part: list[set[int]], unigram_total: float,
                   pairs: list[tuple[int, tuple[int, int]]], facts: list[int]) -> list[tuple[float, int]]:
        """(coverage, fact) of each of the facts: the weighted share of the question's syllables found in the fact,
        with phrase (bigram) evidence. Facts having some term in their answer only are weighed one by one
        (`_mixed_coverages`); the others (most), whose every share is 1 or 0, term by term over the terms' facts:
        for each fact the same additions in the same order (those of a share of 0 left out: they add nothing),
        with no step for the terms it lacks."""
        in_answer = set().union(*part)
        mixed = [i for i in facts if i in in_answer]
        out = self._mixed_coverages(terms, full, part, unigram_total, pairs, mixed) if mixed else []
        plain = [i for i in facts if i not in in_answer]
        if not plain:
            return out
        covered, bonus, penalty = dict.fromkeys(plain, 0.0), dict.fromkeys(plain, 0.0), dict.fromkeys(plain, 0.0)
        split = self.settings.split_phrase_penalty
        for term, having in zip(terms, full):
            w = term.weight
            if term.halves is None:
                for i in having:
                    if i in covered:
                        covered[i] += w
                continue
            for i in having:
                if i in bonus:
                    bonus[i] += w  # the fact has the phrase: evidence for it
            # Both syllables are in the fact, but not as this phrase: "trí" of "chính trị" and "thức" of "thực
            # hiện" do not make "trí thức".
            for i in full[term.halves[0]].intersection(full[term.halves[1]]).difference(having):
                if i in penalty:
                    penalty[i] += w * split
        for i in plain:
            denominator = unigram_total + bonus[i] + penalty[i]
            out.append(((covered[i] + bonus[i]) / denominator if denominator else 0.0, i))
        return out

    def _mixed_coverages(self, terms: list[_Term], full: list[set[int]], part: list[set[int]],
                         unigram_total: float, pairs: list[tuple[int, tuple[int, int]]], facts: list[int]
                         ) -> list[tuple[float, int]]:
        """`_coverages` of facts having some term in their answer only: each term's share of the fact (1 in its
        phrasings, `answer_credit` in its answer only, else 0), raised for phrases the answer holds, then added."""
        credit, split = self.settings.answer_credit, self.settings.split_phrase_penalty
        words = [t.weight for t in terms if t.halves is None]  # (the words' terms come first)
        phrases = [(k, terms[k].weight, a, b) for k, (a, b) in pairs]
        ended = [*pairs, (-1, None)]
        both = list(zip(full, part))
        out = []
        for i in facts:
            shares = [1.0 if i in f else credit if i in p else 0.0 for f, p in both]
            if credit in shares:
                self._phrases_count(ended, shares, credit)
            covered = bonus = penalty = 0.0
            for w, share in zip(words, shares):
                covered += w * share
            for k, w, a, b in phrases:
                share = shares[k]
                if share:
                    bonus += w * share
                elif shares[a] and shares[b]:
                    penalty += w * split
            denominator = unigram_total + bonus + penalty
            out.append(((covered + bonus) / denominator if denominator else 0.0, i))
        return out

    def _phrases_count(self, pairs: list[tuple[int, tuple[int, int] | None]], shares: list[float],
                       credit: float) -> None:
        """Words of the question that the fact's answer holds as a phrase of `phrase_words` or more, in their
        order ("trong giai đoạn thanh tra bổ nhiệm"), count fully: the article's own words, not chance ones.
        `pairs` are the positions of the question's phrase terms and of their two words, in order, then
        (-1, None)."""
        run: list[tuple[int, int]] = []
        for k, halves in pairs:
            held = halves if halves is not None and shares[k] else None
            if held is not None and (not run or held[0] == run[-1][1]):
                run.append(held)
                continue
            if len(run) + 1 >= self.settings.phrase_words:
                for word in {w for pair in run for w in pair}:
                    if shares[word] == credit:
                        shares[word] = 1.0
            run = [held] if held is not None else []

    def _pool(self, terms: list[_Term], full: list[Hits], part: list[Hits],
              allowed_places: frozenset[str] | None) -> list[int]:
        """Facts sharing the question's rarest terms, restricted to the allowed places (in no order that matters:
        `rank` scores and sorts them).

        A common term (one nearly every fact has) only re-orders the facts the rarer terms found: each of
        those is asked whether it has the term, and the term's long postings are never copied or walked."""
        allowed = None if allowed_places is None else self._facts_in(allowed_places)
        if len(self.facts) <= self.settings.candidate_pool:
            return [i for i in range(len(self.facts)) if allowed is None or i in allowed.held]
        grow_limit = self.settings.candidate_pool * 4
        few_allowed = allowed is not None and len(allowed.order) <= grow_limit
        if few_allowed:
            having_any = self._having_any(terms, allowed.order)
            if len(having_any) <= self.settings.candidate_pool:
                return having_any  # every fact having a term is in the pool: no need to weigh them
        weight: dict[int, float] = {}
        everything = self.scope.everything  # a fact's terms: those of its phrasings, unit, tags and answer
        order = sorted(range(len(terms)), key=lambda k: terms[k].weight, reverse=True)
        if few_allowed:
            # Few facts allowed: each term adds the allowed facts having it, as the loop below would, asked of
            # each fact's terms directly.
            for k in order:
                w, alts = terms[k].weight, terms[k].alts
                if len(alts) == 1:
                    term = alts[0]
                    having = [i for i in allowed.order if term in everything[i]]
                else:
                    having = [i for i in allowed.order if any(a in everything[i] for a in alts)]
                for i in having:
                    weight[i] = weight.get(i, 0.0) + w
            return sorted(weight, key=weight.__getitem__, reverse=True)[: self.settings.candidate_pool]
        for k in order:
            w, alts = terms[k].weight, terms[k].alts
            hits = full[k] + part[k]
            ids = itertools.islice(self._having(hits, alts, allowed), grow_limit * 4) if not weight else \
                self._few(hits, alts, allowed, grow_limit) if len(weight) < grow_limit else None
            if ids is not None:
                for i in ids:
                    weight[i] = weight.get(i, 0.0) + w
            elif len(alts) == 1:  # a common term only re-orders the facts the rarer terms found
                term = alts[0]
                for i in weight:
                    if term in everything[i]:
                        weight[i] += w
            else:
                for i in weight:
                    if any(a in everything[i] for a in alts):
                        weight[i] += w
        return sorted(weight, key=weight.__getitem__, reverse=True)[: self.settings.candidate_pool]

    def _having_any(self, terms: list[_Term], order: Postings) -> list[int]:
        """The facts of `order` having any spelling of any of the terms, in that order (one test in C a fact)."""
        spellings = {a for t in terms for a in t.alts}
        everything = self.scope.everything
        return [i for i in order if not spellings.isdisjoint(everything[i])]

    def _few(self, hits: Hits, alts: tuple[str, ...], allowed: "_Within | None", limit: int) -> list[int] | None:
        """The facts (of the allowed ones) having a term when they are at most `limit`, else None; counted no
        further than needed (a one-spelling term's two postings never share a fact)."""
        length = _length(hits)
        if length <= limit and allowed is None:
            return hits[0] if len(hits) == 1 else sorted(set().union(*hits))
        if length <= limit or (allowed is not None and len(allowed.order) <= limit):
            return list(self._having(hits, alts, allowed))
        if allowed is None and len(alts) == 1:
            return None
        if allowed is not None and length * len(allowed.order) > _SURELY_MANY * limit * len(self.facts):
            return None  # the allowed facts should hold it many times over the limit: not worth counting
        found = list(itertools.islice(self._having(hits, alts, allowed), limit + 1))
        return found if len(found) <= limit else None

    def _having(self, hits: Hits, alts: tuple[str, ...], allowed: "_Within | None") -> Iterator[int]:
        """The facts having a term (its postings: `hits`), ascending, each once, only the allowed ones: the
        postings walked (in C) through the allowed set, or, when they are many times longer, each allowed fact
        asked whether it has the term."""
        if allowed is not None and _length(hits) > _WALK_FACTOR * len(allowed.order):
            everything = self.scope.everything
            if len(alts) == 1:
                term = alts[0]
                return (i for i in allowed.order if term in everything[i])
            return (i for i in allowed.order if any(a in everything[i] for a in alts))
        return _merged(hits, allowed)

    def _facts_in(self, places: frozenset[str]) -> "_Within":
        """Indexes of the facts about any of these places."""
        if len(places) == 1:
            return self.place_facts.get(next(iter(places)), _NOWHERE)
        held = frozenset().union(*(self.place_facts[p].held for p in places if p in self.place_facts))
        return _Within(held, array("i", sorted(held)))

    def _best_phrasing(self, query: _Query, i: int) -> tuple[float, float, float]:
        """Best weighted Dice overlap, character similarity, and share of a phrasing the question has."""
        credit, several, total, words = query.credit, query.several, query.total, query.sorted_words
        best_sim = best_chars = best_reverse = 0.0
        for ph in self._phrasings_of(i):
            # what the phrasing shares with the question (0 for each term it does not: adding it changes nothing)
            shared = sum(map(credit.get, ph.terms, _ZEROS))
            for alts, credits in several:
                for a, c in zip(alts, credits):
                    if a in ph.terms:
                        shared += c
                        break
            denom = total + ph.total
            similarity = 2 * shared / denom if denom else 0.0
            if similarity > best_sim:
                best_sim = similarity
            chars = fuzz.ratio(words, ph.sorted_words) / 100
            if chars > best_chars:
                best_chars = chars
            reverse = shared / ph.total if ph.total else 0.0
            if reverse > best_reverse:
                best_reverse = reverse
        return best_sim, best_chars, best_reverse

    def place_of(self, name: str) -> Place | None:
        """Gazetteer entry of a canonical place name."""
        return self.place_kinds.get(name)


_NO_PLACES: frozenset[str] = frozenset()
_ZEROS = itertools.repeat(0.0)  # the default of every credit.get in _best_phrasing
_UNKNOWN = object()
_REMEMBERED = 1 << 15  # words (or pairs) whose weighing is remembered; past that the memory starts afresh


def _remembered(memory: dict, key, value):
    """Remember a value (forgetting everything when the memory is full: a bound, not a policy), and return it."""
    if len(memory) >= _REMEMBERED:
        memory.clear()
    memory[key] = value
    return value


def _earlier_figures(previous: "Index | None", kb: KnowledgeBase, same: bool) -> dict[str, tuple]:
    """By answer text, what the previous index found of its figures (counted, has any, quantities), when what
    they count is read the same way (same reader, same measure words)."""
    if previous is None or not same or (previous.kb.measures, previous.kb.staff_nouns, previous.kb.totals.words) \
            != (kb.measures, kb.staff_nouns, kb.totals.words):
        return {}
    known = ((f.answer, previous.counts.known(j)) for j, f in enumerate(previous.facts))
    return {answer: found for answer, found in known if found is not None}


class _Counts:
    """Per fact: what its answer's figures count, whether it has any, and its quantities (counts, percentages),
    found when first asked for, then kept: a question reaches a few dozen facts, and finding them for every answer
    (reading what each count counts) was a sixth of a 10,000-fact build. Read through the three sequences
    `counted`, `has_figure` and `quantities`, by fact index; equal sets are one shared instance."""

    def __init__(self, facts: tuple[Fact, ...], measures: Measures, shared: dict, earlier: dict[str, tuple],
                 figures_of: "_Figures"):
        self._facts = facts
        self._figures_of = figures_of  # (an answer's figures are found once for this and for the engine's checks)
        self._measures = measures
        self._shared = shared
        n = len(facts)
        self._counted: list[frozenset[str] | None] = [None] * n  # None: not found yet
        self._quantities: list[frozenset[str] | None] = [None] * n
        self._has: list[bool | None] = [None] * n
        if earlier:
            for i, fact in enumerate(facts):
                found = earlier.get(fact.answer)
                if found is not None:
                    self._keep(i, found)
        self.counted = _Found(self, self._counted)
        self.quantities = _Found(self, self._quantities)
        self.has_figure = _Found(self, self._has)

    def known(self, i: int) -> tuple[frozenset[str], bool, frozenset[str]] | None:
        """Fact i's (counted, has any, quantities) if already found."""
        return None if self._has[i] is None else (self._counted[i], self._has[i], self._quantities[i])

    def find(self, i: int) -> None:
        """Find fact i's figures and keep what they count (threads racing here find and keep the same)."""
        found = self._figures_of[self._facts[i].answer]
        self._keep(i, (self._measures.of_figures(found, self._facts[i].answer), bool(found),
                       frozenset(f.value for f in found if f.is_quantity)))

    def _keep(self, i: int, found: tuple[frozenset[str], bool, frozenset[str]]) -> None:
        """Keep fact i's values, `has_figure` last (whoever sees it set sees the others set)."""
        self._counted[i] = _canonical(found[0], self._shared)
        self._quantities[i] = _canonical(found[2], self._shared)
        self._has[i] = found[1]


class _Found(Sequence):
    """One of the values _Counts keeps, by fact index, found when first indexed."""

    def __init__(self, counts: _Counts, values: list):
        self._counts = counts
        self._values = values

    def __getitem__(self, i: int):
        value = self._values[i]
        if value is None:
            self._counts.find(i)
            value = self._values[i]
        return value

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)


@dataclass(frozen=True, slots=True)
class _Within:
    """The facts of some places: as a set to ask, and ascending to walk."""

    held: frozenset[int]
    order: Postings


_NOWHERE = _Within(frozenset(), _NONE)
_WALK_FACTOR = 16  # postings this many times longer than the allowed facts are searched, not walked
_SHORT = 1024  # postings this short are merged in C (a set, sorted) rather than lazily
_SURELY_MANY = 4  # a term expected this many times over the pool's growth limit among the allowed facts is common


def _merged(hits: Hits, allowed: _Within | None) -> Iterator[int]:
    """The facts of any of the postings, ascending, each once, only the allowed ones."""
    if allowed is not None:
        return iter(sorted(set().union(*(allowed.held.intersection(ids) for ids in hits))))
    if len(hits) == 1:
        return iter(hits[0])
    if _length(hits) <= _SHORT:
        return iter(sorted(set().union(*hits)))
    return (i for i, _ in itertools.groupby(heapq.merge(*hits)))  # a fact in two postings counts once


def _small(number: str, after: str) -> bool:
    """Whether a number token is a count up to ten of something (the word after it: "3 sở"; not a day or month of
    a date, "03/8/2017", nor "ngày 3 tháng 8")."""
    return number.isdigit() and int(number) <= _SMALL and after[:1].isalpha() and after not in _DATE_WORDS


def _phrasing(analysis: Analysis, weight: Callable[[str], float]) -> _Phrasing:
    """Terms and total weight of one phrasing (`weight`: a term's, Index._weight)."""
    terms = tuple(analysis.terms)
    return _Phrasing(" ".join(sorted(analysis.tokens)), terms, sum(map(weight, terms)))


def _interned(reading: str | tuple[str, Set[str]], places_seen: dict) -> Analysis:
    """A knowledge text's reading (its content, with its places if any, as `_stored` keeps it), whole, with its
    words and terms interned (each term is one string object however many facts, postings and phrasings hold it)
    and its places one shared set."""
    content, places = (reading, _NO_PLACES) if isinstance(reading, str) else reading
    tokens = tuple(map(sys.intern, content.split()))  # (the content is its words joined)
    out = Analysis(content, tokens, _canonical(frozenset(places), places_seen) if places else _NO_PLACES)
    out.__dict__["terms"] = frozenset(map(sys.intern, terms_of(tokens)))  # filled as cached_property would
    return out


def _stored(analysis: Analysis) -> str | tuple[str, frozenset[str]]:
    """A reading kept for the next reload: its words (content is they joined), with its places if any."""
    return (analysis.content, analysis.places) if analysis.places else analysis.content


class _Figures:
    """The figures of an answer, found when first asked (a confirmation or a follow-up checks them) and
    remembered for the most recent answers; keeping every fact's figures cost more memory than the postings."""

    def __init__(self, limit: int = 4096):
        self._limit = limit
        self._seen: dict[str, list] = {}

    def __getitem__(self, answer: str) -> list:
        found = self._seen.get(answer)
        if found is None:
            found = figures.find(answer)
            if len(self._seen) >= self._limit:
                try:  # the oldest goes; answers from several threads may race here, and that is harmless
                    self._seen.pop(next(iter(self._seen)))
                except (StopIteration, KeyError, RuntimeError):
                    pass
            self._seen[answer] = found
        return found

    def known(self, answer: str) -> list | None:
        """The figures of an answer if already found."""
        return self._seen.get(answer)


def _quote_spans(kb: KnowledgeBase) -> list[tuple[tuple[int, int], ...]]:
    """Where each fact's quotes sit in its article text (canonical form): facts quoting the same passage
    give the same figures."""
    from bot.kb.provenance import canonical  # only a build reads it: a start from the index cache does not
    texts = {a.id: canonical(a.text) for a in kb.articles.values()}
    out = []
    for fact in kb.facts:
        text = texts.get(fact.article_id, "")
        spans = []
        for quote in fact.quotes:
            q = canonical(quote)
            start = text.find(q) if q else -1
            if start >= 0:
                spans.append((start, start + len(q)))
        out.append(tuple(spans))
    return out
