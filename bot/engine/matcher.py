"""Rank facts against a question: IDF-weighted syllable/bigram overlap blended with rapidfuzz similarity."""
from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.language import figures
from bot.kb.knowledge import Fact, KnowledgeBase, Place
from bot.kb.provenance import canonical
from bot.engine.questions import Measures
from bot.engine.reader import BIGRAM as _BIGRAM
from bot.engine.reader import Analysis, Reader
from bot.engine.scope import Scope
from bot.language.text import fold

_PERSON = "nguoi"  # "người": any person noun of the knowledge counts as it
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


@dataclass(frozen=True)
class _Term:
    """A query term with the spellings that count as it (itself, or typo corrections) and its weight."""

    alts: tuple[str, ...]
    weight: float
    halves: tuple[int, int] | None = None  # for a bigram: the positions of its two syllable terms


@dataclass(frozen=True)
class _Phrasing:
    """Precomputed form of one way of asking for a fact."""

    sorted_words: str  # tokens sorted: fuzz.ratio on these is token_sort_ratio without re-sorting
    weights: dict[str, float]
    total: float


@dataclass(frozen=True)
class _Query:
    """What phrasing comparison needs of a question, prepared once per question."""

    single: dict[str, tuple[float, int]]  # one-spelling terms: weight, and how often the question has them
    several: tuple[_Term, ...]  # typo-corrected terms with several accepted spellings
    total: float
    sorted_words: str

    @classmethod
    def of(cls, terms: list[_Term], tokens: tuple[str, ...]) -> "_Query":
        """Prepare a question's terms for comparison with phrasings."""
        single: dict[str, tuple[float, int]] = {}
        for t in terms:
            if len(t.alts) == 1:
                weight, count = single.get(t.alts[0], (t.weight, 0))
                single[t.alts[0]] = (weight, count + 1)
        several = tuple(t for t in terms if len(t.alts) > 1)
        return cls(single, several, sum(t.weight for t in terms), " ".join(sorted(tokens)))


def _postings(term_sets: list[set[str]]) -> dict[str, frozenset[int]]:
    """For each term, the indexes of the sets that hold it."""
    found: dict[str, set[int]] = defaultdict(set)
    for i, terms in enumerate(term_sets):
        for term in terms:
            found[term].add(i)
    return {term: frozenset(ids) for term, ids in found.items()}


def _deletes(word: str) -> set[str]:
    """Every string made by deleting one character (SymSpell-style typo index keys)."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Index:
    """Everything precomputed on the knowledge side so a question costs little."""

    def __init__(self, kb: KnowledgeBase, settings: MatchSettings, previous: "Index | None" = None):
        self.kb = kb
        self.settings = settings
        self.reader = Reader(kb)
        self.place_kinds = {p.name: p for p in kb.places}
        self.facts = kb.facts
        unions: list[set[str]] = []
        answer_only: list[set[str]] = []
        self._phrasings: list[list[_Phrasing]] = []
        raw_phrasings: list[list[Analysis]] = []
        by_place: dict[str, set[int]] = defaultdict(set)
        # Each knowledge text is read once (units and tags repeat), and on reload the previous index's
        # readings are reused when aliases and gazetteer are unchanged: most texts did not change.
        same = previous is not None and previous.reader.signature == self.reader.signature
        earlier = previous.analysed if same else {}
        analysed: dict[str, Analysis] = {}

        def analyse(text: str) -> Analysis:
            found = analysed.get(text)
            if found is None:
                found = analysed[text] = earlier.get(text) or self.reader.analyse(text)
            return found

        mentioned: set[str] = set()
        self.fact_places: list[frozenset[str]] = []  # places and organisations each fact names
        for i, fact in enumerate(kb.facts):
            asked = [analyse(t) for t in (*fact.questions, fact.unit, *fact.tags)]
            answer = analyse(fact.answer)
            union: set[str] = set()
            for a in asked:
                union.update(a.terms)
                mentioned.update(a.places)
            mentioned.update(answer.places)
            self.fact_places.append(frozenset(answer.places).union(*(a.places for a in asked)))
            unions.append(union)
            # Words of the answer only: context ("of 71 staff, 11 ...") that the fact is not about.
            answer_only.append(answer.terms - union)
            raw_phrasings.append(asked[: len(fact.questions)])
            by_place[fact.place].add(i)
        # The organisations an article is about: those its facts name, and those its title names ("Sở
        # LĐ-TB&XH Hải Dương …" when a sentence says only "Sở"). A fact is about its article's organisations.
        article_units: dict[str, set[str]] = defaultdict(set)
        for i, fact in enumerate(kb.facts):
            article_units[fact.article_id].update(self.fact_places[i])
        for art_id, art in kb.articles.items():
            article_units[art_id].update(analyse(art.title).places)
        self.article_places = {a: frozenset(u) for a, u in article_units.items()}
        n = len(kb.facts)
        df: dict[str, int] = defaultdict(int)
        for union, extra in zip(unions, answer_only):
            for term in union | extra:
                df[term] += 1
        self.max_idf = math.log((n + 1) / 0.5)
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.phrasing_postings = _postings(unions)
        self.answer_postings = _postings(answer_only)
        self.place_facts = {place: frozenset(ids) for place, ids in by_place.items()}
        for analyses in raw_phrasings:
            self._phrasings.append([self._phrasing(a) for a in analyses])
        self._typo_index: dict[str, set[str]] = defaultdict(set)
        for word in df:
            if _BIGRAM not in word and not word[0].isdigit() and len(word) >= settings.typo_min_length:
                for key in _deletes(word) | {word}:
                    self._typo_index[key].add(word)
        self.analysed = analysed
        # "bao nhiêu người" is asked of a fact counting "cán bộ" or "công chức": any person noun covers "người"
        persons = [analyse(w).tokens for w in kb.staff_nouns]
        self._person_terms = tuple(sorted({_BIGRAM.join(t) for t in persons if len(t) <= 2} - {"luot"}))
        measures = Measures(kb.measures, lambda text: analyse(text).content, kb.staff_nouns, kb.totals.words)
        # The figures of each answer (they depend on nothing else: a reload reuses those of unchanged answers).
        earlier_figures = previous.figures_of if previous is not None else {}
        self.figures_of = {f.answer: earlier_figures.get(f.answer) or figures.find(f.answer) for f in kb.facts}
        found = [self.figures_of[fact.answer] for fact in kb.facts]
        self.scope = Scope(kb, analyse, [measures.of_figures(f) for f in found], [bool(f) for f in found], measures,
                           self.reader.names)
        self.quantities = [frozenset(f.value for f in fs if f.is_quantity) for fs in found]
        self.quote_spans = _quote_spans(kb)
        self.position = {fact.id: i for i, fact in enumerate(kb.facts)}
        self.places_mentioned = frozenset(mentioned)  # places and organisations the facts name anywhere
        self.places_held = {p for a in kb.articles.values() for p in a.places}
        self.parents_held = {p for a in kb.articles.values() for p in a.parents}

    def _phrasing(self, analysis: Analysis) -> _Phrasing:
        """Term weights of one phrasing."""
        weights = {t: self._weight(t) for t in analysis.terms}
        return _Phrasing(" ".join(sorted(analysis.tokens)), weights, sum(weights.values()))

    def _weight(self, term: str) -> float:
        """IDF of a term; bigrams count for less; unknown terms weigh the most."""
        idf = self.idf.get(term, self.max_idf)
        return idf * self.settings.bigram_weight if _BIGRAM in term else idf

    def corrections(self, word: str) -> tuple[str, ...]:
        """Known syllables one edit away from an unknown one (typos), or a known split of a run-together pair."""
        if word in self.idf or word[0].isdigit() or len(word) < self.settings.typo_min_length:
            return ()
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
        options: list[tuple[str, ...]] = []
        for tok in tokens:
            fixes = self.corrections(tok)
            options.append(fixes if fixes else (tok,))
        people = tuple(a for a in self._person_terms if a != _PERSON)
        terms: list[_Term] = []
        for i, alts in enumerate(options):
            term = self._term(alts, len(alts) > 1 or alts[0] != tokens[i], None)
            terms.append(replace(term, alts=(_PERSON, *people)) if alts == (_PERSON,) else term)
        for i in range(len(options) - 1):
            pairs = tuple(a + _BIGRAM + b for a in options[i] for b in options[i + 1])
            # A pair the knowledge never uses says nothing (its words are weighed on their own): skip it.
            if any(p in self.idf for p in pairs):
                corrected = options[i] != (tokens[i],) or options[i + 1] != (tokens[i + 1],)
                terms.append(self._term(pairs, corrected, (i, i + 1)))
        return terms

    def _term(self, alts: tuple[str, ...], corrected: bool, halves: tuple[int, int] | None) -> _Term:
        """A term whose weight is that of its best-known spelling, discounted if it was a typo."""
        known = [self._weight(a) for a in alts if a in self.idf]
        if not known:
            return _Term(alts, self._weight(alts[0]), halves)
        weight = max(known)
        return _Term(alts, weight * self.settings.typo_credit if corrected else weight, halves)

    def rank(self, analysis: Analysis, allowed_places: frozenset[str] | None = None) -> Ranking:
        """Score the facts an analysed question may be about (only those of allowed places), best first."""
        terms = self.query_terms(analysis.tokens)
        if not terms:
            return Ranking(analysis, ())
        full = [self._facts_with(t.alts, self.phrasing_postings) for t in terms]
        part = [self._facts_with(t.alts, self.answer_postings) for t in terms]
        pool = self._pool(terms, full, part, allowed_places)
        unigram_total = sum(t.weight for t in terms if t.halves is None)
        # A figure or document number is never approximate; a duration ("5 năm") only says when.
        tokens = analysis.tokens
        numbers = [k for k, t in enumerate(terms) if t.halves is None and t.alts[0][0].isdigit()
                   and not (k + 1 < len(tokens) and tokens[k + 1] in _DURATIONS)]
        scored = []
        for i in pool:
            if all(i in full[k] or i in part[k] for k in numbers):
                scored.append((self._coverage(terms, full, part, unigram_total, i), i))
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
        return Ranking(analysis, tuple(out))

    @staticmethod
    def _facts_with(alts: tuple[str, ...], postings: dict[str, frozenset[int]]) -> frozenset[int]:
        """Facts having any spelling of a term."""
        if len(alts) == 1:
            return postings.get(alts[0], frozenset())
        return frozenset().union(*(postings.get(a, ()) for a in alts))

    def _coverage(self, terms: list[_Term], full: list[frozenset[int]], part: list[frozenset[int]],
                  unigram_total: float, i: int) -> float:
        """Weighted share of the question's syllables found in fact i, with phrase (bigram) evidence."""
        credit = self.settings.answer_credit
        shares = [1.0 if i in f else credit if i in p else 0.0 for f, p in zip(full, part)]
        self._phrases_count(terms, shares, credit)
        covered = bonus = penalty = 0.0
        for term, share in zip(terms, shares):
            if term.halves is None:
                covered += term.weight * share
            elif share:
                bonus += term.weight * share  # the fact has the phrase: evidence for it
            elif shares[term.halves[0]] and shares[term.halves[1]]:
                # Both syllables are in the fact, but not as this phrase: "trí" of "chính trị" and "thức" of
                # "thực hiện" do not make "trí thức".
                penalty += term.weight * self.settings.split_phrase_penalty
        denominator = unigram_total + bonus + penalty
        return (covered + bonus) / denominator if denominator else 0.0

    def _phrases_count(self, terms: list[_Term], shares: list[float], credit: float) -> None:
        """Words of the question that the fact's answer holds as a phrase of `phrase_words` or more, in their
        order ("trong giai đoạn thanh tra bổ nhiệm"), count fully: the article's own words, not chance ones."""
        run: list[tuple[int, int]] = []
        for term, share in [*zip(terms, shares), (None, 0.0)]:
            halves = term.halves if term is not None and share else None
            if halves is not None and (not run or halves[0] == run[-1][1]):
                run.append(halves)
                continue
            if len(run) + 1 >= self.settings.phrase_words:
                for k in {k for pair in run for k in pair}:
                    if shares[k] == credit:
                        shares[k] = 1.0
            run = [halves] if halves is not None else []

    def _pool(self, terms: list[_Term], full: list[frozenset[int]], part: list[frozenset[int]],
              allowed_places: frozenset[str] | None) -> list[int]:
        """Facts sharing the question's rarest terms, restricted to the allowed places."""
        allowed = None if allowed_places is None else self._facts_in(allowed_places)
        if len(self.facts) <= self.settings.candidate_pool:
            return [i for i in range(len(self.facts)) if allowed is None or i in allowed]
        weight: dict[int, float] = defaultdict(float)
        grow_limit = self.settings.candidate_pool * 4
        for k in sorted(range(len(terms)), key=lambda k: terms[k].weight, reverse=True):
            ids = full[k] | part[k]
            if allowed is not None:
                ids &= allowed
            if not weight or (len(weight) < grow_limit and len(ids) <= grow_limit):
                for i in itertools.islice(ids, grow_limit * 4):
                    weight[i] += terms[k].weight
            else:  # a common term only re-orders the facts the rarer terms found
                for i in weight:
                    if i in ids:
                        weight[i] += terms[k].weight
        return sorted(weight, key=weight.__getitem__, reverse=True)[: self.settings.candidate_pool]

    def _facts_in(self, places: frozenset[str]) -> frozenset[int]:
        """Indexes of the facts about any of these places."""
        return frozenset().union(*(self.place_facts.get(p, ()) for p in places))

    def _best_phrasing(self, query: _Query, i: int) -> tuple[float, float, float]:
        """Best weighted Dice overlap, character similarity, and share of a phrasing the question has."""
        single, several, total = query.single, query.several, query.total
        best_sim = best_chars = best_reverse = 0.0
        for ph in self._phrasings[i]:
            shared = 0.0
            for term in single.keys() & ph.weights.keys():
                weight, count = single[term]
                shared += count * min(weight, ph.weights[term])
            for t in several:
                for a in t.alts:
                    w = ph.weights.get(a)
                    if w is not None:
                        shared += min(t.weight, w)
                        break
            denom = total + ph.total
            best_sim = max(best_sim, 2 * shared / denom if denom else 0.0)
            best_chars = max(best_chars, fuzz.ratio(query.sorted_words, ph.sorted_words) / 100)
            best_reverse = max(best_reverse, shared / ph.total if ph.total else 0.0)
        return best_sim, best_chars, best_reverse

    def place_of(self, name: str) -> Place | None:
        """Gazetteer entry of a canonical place name."""
        return self.place_kinds.get(name)


def _quote_spans(kb: KnowledgeBase) -> list[tuple[tuple[int, int], ...]]:
    """Where each fact's quotes sit in its article text (canonical form): facts quoting the same passage
    give the same figures."""
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


def folded_words(text: str) -> list[str]:
    """Folded words of a text, punctuation dropped (for small-talk detection)."""
    return re.findall(r"[a-z0-9]+", fold(text))
