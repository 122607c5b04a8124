"""What each fact can answer, so that no question is answered with a neighbouring figure.

A fact answers a question only when
- its figures count what the question counts ("bao nhiêu phòng" is not "390 lượt công chức");
- the question names what the fact is about: at least one of its key terms ("đào tạo" for "mở 7 lớp đào
  tạo cho 754 cán bộ") — a question about a unit's whole staff never gets how many were trained;
- a question asking only how many a unit has gets only a fact that gives a unit's total;
- the question does not name the opposite of what the fact says ("cao đẳng" against "đại học").
Key terms are read from the fact's own phrasings: the terms most of them use, plus the rare words of
its answer (names); a unit's total has none.
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter
from itertools import chain
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from bot.language.figures import DOCUMENT, Figure
from bot.language.figures import find as find_figures
from bot.language.figures import year_shaped
from bot.kb.knowledge import KnowledgeBase
from bot.engine.reader import BIGRAM as _BIGRAM
from bot.engine.reader import Analysis, called_by_given_name, people_in, terms_of
from bot.language.text import fold, folded_words, lazy_regex
from bot.engine.questions import ANY_FIGURE, PER_WORDS, QUANTITY, Measures, counted_from

_KEY_SHARE = 0.5  # a term most phrasings of a fact use is one of its key terms...
_GENERIC_SHARE = 0.2  # ...unless this share of all facts use it ("cán bộ", "bao nhiêu")
_MOST = "nhat"  # "nhiều nhất", "đông nhất", "cao nhất" ("ít nhất" is read as "tối thiểu", synonyms.yaml)
# "tổng cộng bao nhiêu người theo học các lớp mà thị xã phối hợp … mở": so many words of its own describe a
# group (the classes' learners) that "tổng cộng" only stresses the count; a whole is asked in few ("tổng số
# cán bộ được luân chuyển")
_WHOLE_WORDS = 4
# Administrative words before a place's name ("huyện Hướng Hóa"): a place the gazetteer lacks is still a unit's name
_ADMIN_OPENERS = frozenset({"huyen", "quan", "phuong", "xa"})  # ("thị xã" reads as "xa")
_NAME_WORDS = 2  # words of such a name (most are two syllables: "Long Biên", "Hướng Hóa")
_TIMES = ("bao", "nhieu", "luot")  # "bao nhiêu lượt": times something was done (training, rotation)
_WOMEN = "nu"  # "nữ": a count of women, which a count of everyone does not give
# What may stand between a word of lack and the term lacked: "thiếu bằng (read "trình độ") đại học", "không có
# chứng chỉ ngoại ngữ", "chưa đạt chuẩn ngoại ngữ"
_QUALIFIERS = frozenset({"trinh", "do", "chung", "chi", "dat", "chuan"})
# "quý II/2019", "quý 2 năm 2019" (roman numerals read as figures): a quarter, whose figure the year's is not
_QUARTER, _QUARTERS = "quy", frozenset("1234")
# A figure per person or per time as an answer states it ("bình quân", "mỗi người", "10 triệu đồng/người"); read
# from the text as written ("mỗi": "moi" is "mới" and "mọi" too)
_PER_UNIT = lazy_regex(r"(?i)(?<!\w)(?:mỗi|" + PER_WORDS + r")(?!\w)")
# A figure said of a district within a fact's place: "… lấy ví dụ ở quận Long Biên, hiện nay, có 3.626 cán bộ …"
_AT_DISTRICT = lazy_regex(r"(?<!\w)(?:ở|tại)\s+(?:quận|huyện|thị xã|thị trấn|phường|xã)\s+((?:\S+\s*){1,3})")
_PER_SLASH = lazy_regex(r"\d\S*(?:\s+[^\W\d]+){0,3}\s*/\s*(?:người|ngày|tháng|năm|lượt|lớp|khóa|học viên|cán bộ)(?!\w)",
                        re.I)  # (tried only where a slash is: most answers have none)
_AND_ABOVE = "tro" + _BIGRAM + "len"  # "trung cấp … trở lên": that level and those above, not that level alone
_NONE: frozenset[str] = frozenset()  # (the contrast terms an answer lists, for a fact whose answer lists none)
# "phòng nào", "xã nào", "đơn vị nào": a kind of unit asked for by "nào"; the answer must name one of that kind
# ("đơn vị nào", "cơ quan nào" ask for any unit: a Trung tâm answers them, so they are not among these)
_WHICH_UNITS = ("trung_tam", "chi_cuc", "phong", "xa", "huyen", "tinh", "so", "truong", "thon", "phuong", "nganh",
                "cuc", "vu")
_WHICH = "nao"
_WHO = "ai"  # "ai", and "tên là gì", "giữ chức vụ gì" (shorthand.yaml) once read
_RARE = 2  # a syllable asked about in at most this many facts is specific enough to be a key term alone


@dataclass(frozen=True)
class Asked:
    """What a question asks, as far as scope goes."""

    measure: str | None  # what it counts (see Measures.asked)
    bare: bool  # it asks nothing but how many a unit has
    terms: frozenset[str]  # its terms (syllables and bigrams)
    contrasts: frozenset[str]  # contrast terms it names
    total: bool = False  # it asks for a whole ("tổng số", "tất cả")
    left_out: frozenset[str] = frozenset()  # terms of what it explicitly leaves out ("không tính trên ĐH")
    names: frozenset[str] = frozenset()  # people it names
    noun: tuple[str, ...] = ()  # what it counts, when the fact must say it too ("đảng viên", "giáo viên")
    who: bool = False  # it asks who someone is ("ai", "tên là gì"): the fact must name a person
    most: bool = False  # it asks for the most or the least ("đông nhất"): the fact must rank, not just count
    sex: bool = False  # it counts women ("đoàn viên nữ", "cán bộ nữ"): the fact must say so
    which: str = ""  # the kind of unit it asks for with "nào" ("phòng nào"): the fact must name that kind
    only: frozenset[str] = frozenset()  # words of a part singled out ("riêng viên chức ngành giáo dục"): said too
    having: bool = False  # it asks what there is ("có bao nhiêu …"), no change: set by the engine from the text
    says: str = ""  # a time or a document it asks for, which the fact must say: set by the engine (see _says)
    quarter: str = ""  # the quarter of a year it names ("quý 2"), as a term: the fact must name that quarter
    level: bool = False  # it asks the level a change reached ("tăng lên bao nhiêu"): set by the engine from the text
    acts: tuple[tuple[str, ...], ...] = ()  # acts done to staff it names ("kỷ luật"): the fact must say each
    per: bool = False  # it asks a figure per person or per time ("bình quân", "mỗi cán bộ"): set by the engine
    group: tuple[str, ...] = ()  # those counted among others ("bao nhiêu người là đảng viên"): set by the engine
    among: tuple[str, ...] = ()  # ...and the others ("người", "thạc sỹ" of "… thạc sỹ là công chức")
    spelled: frozenset[str] = frozenset()  # places it names the gazetteer lacks, folded ("co do"): the fact must
    # write each (its words may read as others: "Cờ" as "có", a filler)


class Scope:
    """Per fact: what its figures count, its key terms, whether it is a total, the contrast terms it uses."""

    def __init__(self, kb: KnowledgeBase, analyse: Callable[[str], Analysis], counted: list[frozenset[str]],
                 has_figure: list[bool], measures: Measures, names: frozenset[str],
                 said: Callable[[str], Analysis] | None = None):
        """`said` reads what facts say (answers, tags), as the index does (see Index); `analyse` all else."""
        def tokens_of(text: str) -> tuple[str, ...]:
            return analyse(text).tokens

        self.measures = measures
        self._facts = kb.facts
        # The stored reading of each knowledge text (its words joined, or with its places), set by the index once
        # built: what `says` looks at word by word.
        self.readings: Mapping[str, str | tuple[str, frozenset[str]]] = {}
        self.counted = counted
        self.has_figure = has_figure
        phrasings = [[analyse(q).terms for q in fact.questions] for fact in kb.facts]
        said = said or analyse
        answers = [said(fact.answer).terms for fact in kb.facts]
        tags = [frozenset().union(*(said(t).terms for t in fact.tags)) for fact in kb.facts]
        asked_union = [frozenset().union(*p, analyse(fact.unit).terms, t)
                       for p, t, fact in zip(phrasings, tags, kb.facts)]
        question_words = {t for w in kb.question_words for t in analyse(w).terms}
        self._names = names
        self.everything = [u | a for u, a in zip(asked_union, answers)]
        # "… với ông Ngọc …" in an article naming ông Đậu Minh Ngọc: the fact names him too
        people = {a: people_in(art.text) for a, art in kb.articles.items()}
        for i, fact in enumerate(kb.facts):
            named = people.get(fact.article_id)
            called = called_by_given_name(fact.answer, named) if named else None
            if called:
                self.everything[i] = self.everything[i] | {fold(p).replace(" ", "") for p in called}
        total_tag = tuple(tokens_of(kb.totals.tag)) if kb.totals.tag else ()
        self._total = total_tag
        self._units = {t for f in kb.facts for t in tokens_of(f.unit)}
        self._bare_phrases = sorted({tuple(tokens_of(w)) for w in (*kb.totals.words, *kb.question_words)} - {()},
                                    key=len, reverse=True)
        self._bare_words = self._units | {t for p in self._bare_phrases for t in p}
        self._phrase_starts = frozenset(p[0] for p in self._bare_phrases)  # (what ends a place's name: "… có")
        # A unit's total: tagged so, or asked for by a phrasing that asks nothing but how many the unit has.
        self.stock = [(bool(total_tag) and has_run(t, total_tag)) or any(self._bare(tokens_of(q)) for q in f.questions)
                      for t, f in zip(tags, kb.facts)]
        # A whole that is not a unit's staff ("tổng số lượt luân chuyển") is in the fact's own phrasings.
        self.whole = [s or (bool(total_tag) and has_run(u, total_tag)) for s, u in zip(self.stock, asked_union)]
        # (the name of the unit most of its article's facts are of says whose the figure is, never what it counts:
        # "công nghệ" of "Sở KH&CN Lạng Sơn"; a part's name, "Trung tâm Hành chính công", tells it from the rest)
        units_of: dict[str, Counter[str]] = {}
        for f in kb.facts:
            units_of.setdefault(f.article_id, Counter())[f.unit] += 1
        main = {a: units.most_common(1)[0][0] for a, units in units_of.items()}
        named = {u: analyse(u).terms for u in set(main.values())}
        keys = self._key_terms(phrasings, tags, answers, question_words, names)
        self.keys = [k - named[f.unit] if k and f.unit == main[f.article_id] else k for k, f in zip(keys, kb.facts)]
        subunits = [tuple(tokens_of(h)) for h in kb.subunits]
        self.subunits = tuple(h for h in subunits if h)  # ("trung", "tam"), ("phong",), ("chi", "cuc")
        self._act_names = {tuple(tokens_of(w)): w for w in kb.acts}  # ("ky", "luat"): "kỷ luật"
        self._acts = tuple(a for a in self._act_names if a)  # ("ky", "luat"), ("khen", "thuong")
        self._lack_words = frozenset(t for w in kb.lacks for t in tokens_of(w)[:1])  # "thieu", "khong", "chua"
        # per fact, read when first asked: the contrast terms it names as had and as lacked, and whether it says a
        # word of lack anywhere (see _lacks_of)
        self._fact_lacks: dict[int, tuple[frozenset[str], frozenset[str], bool]] = {}
        self.per_unit = frozenset(i for i, f in enumerate(kb.facts) if _PER_UNIT.search(f.answer)
                                  or ("/" in f.answer and _PER_SLASH.search(f.answer)))
        # The district a fact's one figure is said of, when not the fact's place: its name folded, and as read (few
        # facts have one: kept by fact number, not as a list of 100,000 mostly empty entries)
        self.district_of = {i: d for i, d in ((i, _district_said(f.answer, f.place)) for i, f in enumerate(kb.facts))
                            if d}
        self._district_words = {n: tuple(tokens_of(n)) for n in set(self.district_of.values())}
        # How each unit's name begins ("công đoàn sở", "trung tâm ứng dụng", "sở khoa học"), places aside.
        self.unit_head = [_head(tokens_of(f.unit)) for f in kb.facts]
        self._unit_heads = frozenset(self.unit_head) - {""}
        places_of: dict[str, set[str]] = {}
        for head, fact in zip(self.unit_head, kb.facts):
            places_of.setdefault(head, set()).add(fact.place)
        # Kinds of unit the knowledge has in several places ("Sở KH&CN" of Lạng Sơn and of Hải Dương)
        self._shared_heads = frozenset(h for h, ps in places_of.items() if h and len(ps) >= 2)
        # The kinds of subunit each fact's unit is ("trung tâm"), and those its phrasings all say too
        self.subunit_of = [tuple(h for h in self.subunits if has_run(analyse(f.unit).terms, h)) for f in kb.facts]
        self.heads = [tuple(h for h in of if all(has_run(t, h) for t in p))
                      for of, p in zip(self.subunit_of, phrasings)]
        self._contrasts = [tuple(tuple(tokens_of(term)) for term in group) for group in kb.contrasts]
        self._groups = [frozenset(" ".join(words) for words in group) for group in self._contrasts]
        self._levels = [g for g in self._groups if "cap xa" in g]  # the levels of government
        # ...and each level's own word as written ("sở" of "cấp sở"), looked for with its marks: folded, "sở" is
        # also "số", "bộ" also the "bộ" of "cán bộ"
        levels = frozenset().union(*self._levels)
        self._level_words = {joined: term.split()[-1].lower()
                             for terms, read in zip(kb.contrasts, self._contrasts)
                             for term, joined in zip(terms, (" ".join(words) for words in read)) if joined in levels}
        # the qualifications: degrees, training programmes, standards met
        self._qualifications = frozenset().union(*(g for g in self._groups if g & {"thac si", "ngoai ngu"}))
        self._contrast_index: dict[str, set[tuple[str, ...]]] = {}  # contrast terms by their first word
        for group in self._contrasts:
            for words in group:
                if words:
                    self._contrast_index.setdefault(words[0], set()).add(words)
        self._contrast_order = {first: k for k, first in enumerate(self._contrast_index)}
        self.fact_contrasts = [self._contrast_terms(u) for u in asked_union]
        # The members of a group an answer lists when its phrasings name none ("418 người trình độ đại học, 7 cao
        # đẳng và 12 trung cấp"): kept only for the few facts whose answer names two or more
        firsts = self._contrast_index.keys()
        self.listed_contrasts = {i: listed for i, a in enumerate(answers) if len(a & firsts) >= 2
                                 for listed in (self._contrast_terms(a),) if len(listed) >= 2}
        self.fact_contrasts_terms = [frozenset(t for c in cs for t in terms_of(tuple(c.split())))
                                     for cs in self.fact_contrasts]

    def _key_terms(self, phrasings: list[list[frozenset[str]]], tags: list[frozenset[str]],
                   answers: list[frozenset[str]], question_words: set[str],
                   names: frozenset[str]) -> list[frozenset[str]]:
        """Each fact's key terms (none for a unit's total): what most of its phrasings and its tags say, specific
        enough (few facts are asked about it), so that every phrasing names one; and the people it names."""
        # How common a term is among what facts are asked about (answers are not counted: "theo bài viết
        # ngày …" in most answers does not make "bài viết" generic).
        df = Counter(chain.from_iterable(frozenset().union(*p) | t for p, t in zip(phrasings, tags)))
        generic = len(phrasings) * _GENERIC_SHARE
        specific = {t for t, c in df.items() if c <= generic and _content(t, question_words)}
        out: list[frozenset[str]] = []
        for i, (p, a) in enumerate(zip(phrasings, answers)):
            if self.stock[i]:
                out.append(frozenset())
                continue
            counts = Counter(chain.from_iterable(p))
            need = math.ceil(len(p) * _KEY_SHARE)
            keys = {t for t, c in counts.items() if c >= need and t in specific} | (tags[i] & specific)
            for terms in p:  # every phrasing of the fact must name one of its key terms
                if keys and not keys & terms:
                    keys |= terms & specific
            if keys:  # the people its answer names are what it is about too ("ông Phạm Xuân Huệ giữ chức gì")
                keys |= a & names
            # A common syllable that only ever comes within one key phrase is no key alone: "thu" of "thu hút"
            # is not "thứ" (a rare one, "iso" of "áp dụng ISO", stays). (How often the phrasings and tags say a
            # term: its count in the phrasings, and one if a tag says it.)
            tagged = tags[i]
            pairs = [(b.split(_BIGRAM), counts[b] + (b in tagged)) for b in keys if _BIGRAM in b]
            out.append(frozenset(t for t in keys if _BIGRAM in t or df[t] <= _RARE or not any(
                t in words and said >= counts[t] + (t in tagged) for words, said in pairs)))
        return out

    def _unit_words(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """The tokens, a place the gazetteer lacks named after its administrative word ("huyện Hướng Hóa", which
        reading leaves as words) taken out: such a name is a unit's, as a known place's is ("mấy xã được tăng
        cường cán bộ" counts communes, naming none)."""
        openers = [k for k, t in enumerate(tokens) if t in _ADMIN_OPENERS]
        if not openers:
            return tokens
        counted = counted_from(tokens)
        k = next((k for k in openers if k != counted and not (k and tokens[k - 1][0].isdigit())), None)
        if k is None:
            return tokens
        start = end = k + 1
        while end < len(tokens) and end - start < _NAME_WORDS and tokens[end].isalpha() \
                and tokens[end] not in self._phrase_starts:
            end += 1
        return tokens[:k] + tokens[end:] if end - start == _NAME_WORDS else tokens

    def _bare(self, tokens: tuple[str, ...]) -> bool:
        """Whether a question asks nothing but how many a unit has: each of its words belongs to a unit's name,
        or to one of the phrases of totals and questions ("đang" is one, "đảng viên" is not "đang" + "viên")."""
        tokens = self._unit_words(tokens)
        if not self._bare_words.issuperset(tokens) and not all(t[0].isdigit() for t in set(tokens) - self._bare_words):
            return False  # cheap first test: a word of no unit, total or question
        if self.measures.asked(tokens) is None:
            return False
        i = 0
        while i < len(tokens):
            step = next((len(p) for p in self._bare_phrases if tokens[i:i + len(p)] == p), 0)
            if not step and (tokens[i] in self._units or tokens[i][0].isdigit()):
                step = 1
            if not step:
                return False
            i += step
        return True

    def question(self, tokens: tuple[str, ...], left_out: tuple[tuple[str, ...], ...] = ()) -> Asked:
        """Read what a question (its tokens after reading) asks, and the tokens of what it leaves out."""
        terms = frozenset(terms_of(tokens))
        measure = self.measures.asked(tokens)
        bare = self._bare(tokens)
        # "tổng cộng bao nhiêu lượt" only stresses a count of times something was done; any other "tổng số" asks
        # for a whole
        contrasts = self._contrast_terms(terms)
        # ...and "tất thảy … mấy người trình độ trên đại học" counts one level of the whole, not the whole
        total = bool(self._total) and has_run(terms, self._total) and not has_run(terms, _TIMES) \
            and sum(t not in self._bare_words for t in self._unit_words(tokens)) <= _WHOLE_WORDS and not contrasts
        out = frozenset(t for words in left_out for t in terms_of(words))
        noun = self.measures.noun(tokens) if measure not in (None, ANY_FIGURE) else ()
        who = measure is None and _WHO in tokens
        most = _MOST in tokens
        sex = measure is not None and self.names_women(tokens)
        quarter = next((_QUARTER + _BIGRAM + b for a, b in zip(tokens, tokens[1:]) if a == _QUARTER and b in _QUARTERS),
                       "")
        acts = tuple(act for act in self._acts if has_run(terms, act))
        return Asked(measure, bare, terms, contrasts, total, out, terms & self._names, noun, who, most, sex,
                     _which(tokens), quarter=quarter, acts=acts)

    @staticmethod
    def names_women(tokens: Sequence[str]) -> bool:
        """Whether words say "nữ": what they count is women."""
        return _WOMEN in tokens

    def says_women(self, i: int) -> bool:
        """Whether fact i says "nữ" anywhere: only then does it give a count of women."""
        return self.names_women(self.everything[i])

    def unit_word(self, token: str) -> bool:
        """Whether a word is one of a unit's name ("sở", "khoa", "trung", "tâm")."""
        return token in self._units

    def shared_unit(self, asked: Asked) -> str:
        """The kind of unit a question names that the knowledge has in several places ("Sở KH&CN"), or ''."""
        return next(iter(sorted(asked.terms & self._shared_heads)), "")

    def names_unit(self, asked: Asked) -> bool:
        """Whether a question names a kind of unit ("công đoàn", "trung tâm"), not only staff in general."""
        return bool(asked.terms & self._unit_heads)

    def claimed_measure(self, claims: Sequence[Figure]) -> str:
        """What the figures a yes/no question claims count ("100 đoàn viên": đoàn viên; "số 1258 hay 1285": any
        figure, document numbers)."""
        if claims[:1] and claims[0].kind == DOCUMENT:
            return ANY_FIGURE
        counted = self.measures.of_figures(list(claims[:1]))
        return next(iter(counted)) if counted else QUANTITY

    def names_fit(self, asked: Asked, i: int) -> bool:
        """A question naming a person is about that person: the fact must name them too."""
        return not asked.names or bool(asked.names & self.everything[i])

    def loosely_fits(self, asked: Asked, i: int) -> bool:
        """Whether fact i is worth offering for a vague question: it counts what is asked, contradicts nothing."""
        return (self.names_fit(asked, i) and self.measures.fits(asked.measure, self.counted[i], self.has_figure[i])
                and not self.contradicts(asked, i))

    def without_contrasted(self, earlier: tuple[str, ...], said: tuple[str, ...]) -> tuple[str, ...] | None:
        """The tokens of an earlier question without its terms that a follow-up replaces by another of their
        contrast group ("cao cấp" after "trung cấp thì mấy người?"), or None when it replaces none."""
        spans: list[tuple[int, int]] = []
        for group in self._contrasts:
            named = {term for term in group if _within(said, term)}
            if not named:
                continue
            for term in sorted(group, key=len, reverse=True):
                if term in named:
                    continue
                spans += [(k, k + len(term)) for k in range(len(earlier) - len(term) + 1)
                          if earlier[k:k + len(term)] == term and not any(a <= k < b for a, b in spans)
                          and not any(_within(earlier[a:b], term) for a, b in spans)
                          and not _inside_named(earlier, k, term, named)]
        if not spans:
            return None
        cut = {k for a, b in spans for k in range(a, b)}
        return tuple(t for k, t in enumerate(earlier) if k not in cut)

    def subject_not_named(self, asked: Asked, i: int) -> bool:
        """Whether fact i fits the question but for its subject (key terms, a unit within its place) that the
        question does not name: the question may mean it as well."""
        return not self.fits(asked, i) and self.fits(asked, i, keys=False, units=False)

    def fits(self, asked: Asked, i: int, keys: bool = True, units: bool = True) -> bool:
        """Whether fact i may answer the question (`keys`: whether it must name one of the fact's key terms;
        `units`: whether a fact about a unit within its place needs that unit named)."""
        if not self.names_fit(asked, i):
            return False
        if units and self.heads[i] and not asked.names and not any(has_run(asked.terms, h) for h in self.heads[i]):
            return False  # a Trung tâm's fact for a question about its Sở
        if units and self.subunit_of[i] and not asked.names and asked.terms & self._unit_heads \
                and not any(says_unit(asked.terms, h) for h in self.subunit_of[i]):
            return False  # "lãnh đạo Sở KH&CN là ai?" names another unit than the Trung tâm whose director it is
        if units and asked.bare and self.stock[i] and asked.measure not in self.counted[i] and self.unit_head[i] \
                and self.unit_head[i] not in asked.terms and asked.terms & self._unit_heads:
            # "tổng số người làm việc tại Sở KH&CN …" asks the Sở's total, not its Công đoàn's ("… có bao nhiêu đoàn
            # viên" asks what the Công đoàn counts)
            return False
        if not self.measures.fits(asked.measure, self.counted[i], self.has_figure[i]):
            return False
        if asked.noun and not self.says(asked.noun, i):
            return False
        if not asked.only <= self.everything[i]:
            return False  # "riêng viên chức ngành giáo dục thì …" of a fact about all staff: not that part's figure
        if asked.spelled and not self.writes(i, asked.spelled):
            return False  # "huyện Cờ Đỏ có …" of the city's figure: the district's own
        if i in self.district_of and not self._district_named(asked, i):
            return False  # "Hà Nội có bao nhiêu cán bộ không chuyên trách?" of Long Biên's 3.626: a part of it
        if asked.who and not self.everything[i] & self._names:
            return False  # "Bí thư huyện ủy tên gì?" is not answered by a fact naming nobody
        if asked.quarter and asked.quarter not in self.everything[i]:
            return False  # "quý 2 năm 2019 tinh giản bao nhiêu?" is not the year's figure, nor the first quarter's
        if self.acts_unsaid(asked, i):
            return False  # "kỷ luật bao nhiêu công chức vắng mặt?" is not answered by how many were absent
        if asked.per and i not in self.per_unit:
            return False  # "chi bình quân bao nhiêu cho mỗi cán bộ?" is not answered by what was spent on them all
        if asked.sex and not self.says_women(i):
            return False  # "bao nhiêu đoàn viên nữ?" is not answered by how many members there are
        if asked.which and asked.which not in self.everything[i]:
            return False  # "trước đó phụ trách phòng nào?" is not answered by a fact naming no phòng
        if _AND_ABOVE in asked.terms and _AND_ABOVE not in self.everything[i]:
            return False  # "bn cb có trung cấp lý luận chính trị trở lên" is not those who studied trung cấp
        if asked.most and _MOST not in self.everything[i]:
            return False  # "nhóm nào đông nhất?" needs a fact that ranks; a count alone would be a guess
        if asked.bare and not self.stock[i]:
            return False
        if self.stock[i] and asked.measure is None:
            return False  # a unit's total answers how many, not how or what
        if asked.total and not self.whole[i]:
            return False
        if keys and self.keys[i] and not self.keys[i] & asked.terms and not self._key_words_said(asked, i):
            return False
        if asked.left_out & (self.keys[i] | self.fact_contrasts_terms[i]):
            return False
        return not self.contradicts(asked, i) and not self.narrower_level(asked, i)

    def _district_named(self, asked: Asked, i: int) -> bool:
        """Whether a question names the district fact i's figure is said of (as written, or as its words read)."""
        name = self.district_of[i]
        words = self._district_words[name]
        return name in asked.spelled or (len(words) == len(name.split()) and has_run(asked.terms, words))

    def writes(self, i: int, names: frozenset[str]) -> bool:
        """Whether fact i's answer or quotes write each of these (folded) names as words."""
        fact = self._facts[i]
        written = f" {' '.join(folded_words(' '.join((fact.answer, *fact.quotes))))} "
        return all(f" {name} " in written for name in names)

    def acts_unsaid(self, asked: Asked, i: int) -> list[str]:
        """The acts a question names that fact i does not say ("đồng ý" of a fact saying what was proposed), as the
        knowledge writes them."""
        return [self._act_names[act] for act in asked.acts if not has_run(self.everything[i], act)]

    def unsaid_qualification(self, counted: Sequence[str], i: int) -> bool:
        """Whether what a question counts (its words from "bao nhiêu" on) names a qualification fact i does not
        say anywhere ("bao nhiêu lớp thạc sĩ" of a fact about classes in political theory): a narrower count than
        the fact's figure ("đề án đào tạo tiến sĩ … bao nhiêu lượt ứng viên" names the programme, not the count)."""
        named = self._contrast_terms(frozenset(terms_of(tuple(counted)))) & self._qualifications
        return any(not has_run(self.everything[i], tuple(term.split())) for term in named)

    def _key_words_said(self, asked: Asked, i: int) -> bool:
        """Whether the question says both words of one of fact i's key pairs, in another order or apart ("chi trả
        lương … bao nhiêu tiền" of "chi tiền lương")."""
        terms = asked.terms
        return any(a in terms and b in terms for a, b in _pairs(self.keys[i]))

    def says(self, noun: tuple[str, ...], i: int) -> bool:
        """Whether fact i says the noun a question counts, its two words together or one word apart ("câu trắc
        nghiệm" of "câu hỏi trắc nghiệm", "chỉ tiêu công chức" of "chỉ tiêu tuyển dụng công chức"): in a phrasing,
        or in its answer next to a figure ("2 giám khảo …, … từng thí sinh dự tuyển" does not count thí sinh)."""
        if not has_run(self.everything[i], noun) and len(noun) != 2:
            return False
        fact = self._facts[i]
        if any(_said_at(self.words(q), noun) for q in fact.questions):
            return True
        tokens = self.words(fact.answer)
        return any(_figure_near(tokens, k, len(noun)) for k in _said_at(tokens, noun))

    def counts(self, asked: Asked, i: int) -> bool:
        """Whether fact i's answer gives a figure of the group a question counts among others: one a few words
        before its name with no other staff than those others between ("19 người là lãnh đạo", "38/45 công chức ở Sở
        Giáo dục tỉnh là lãnh đạo"), or one right after it; not a count of the staff it is listed with ("3.000 cán
        bộ, đảng viên, CCVC …" counts no đảng viên)."""
        tokens, group = self.words(self._facts[i].answer), asked.group
        for k in _said_at(tokens, group):
            before = tokens[max(0, k - _NEAR_FIGURE):k]
            at = max((j for j, t in enumerate(before) if t[0].isdigit()), default=None)
            if at is not None and not self.measures.names_staff([t for t in before[at + 1:] if t not in asked.among]):
                return True
            if any(t[0].isdigit() for t in tokens[k + len(group):k + len(group) + _COUNTED_GAP]):
                return True
        return False

    def words(self, text: str) -> list[str]:
        """The words a knowledge text was read as (its stored reading), in order."""
        stored = self.readings.get(text, "")
        return (stored if isinstance(stored, str) else stored[0]).split()

    def contradicts(self, asked: Asked, i: int) -> bool:
        """Whether, for some group of terms that exclude each other, the question names members and the fact
        names others, none of the question's ("cao đẳng" asked of a fact about "đại học")."""
        if not asked.contrasts:
            return False  # (the question names no member of any group)
        own, listed = self.fact_contrasts[i], self.listed_contrasts.get(i, _NONE)
        for group in self._groups:
            theirs, ours = asked.contrasts & group, own & group
            if theirs and ours and not theirs & ours:
                return True
            if theirs and not ours and listed & group and not theirs & listed:
                # a breakdown naming others of the group, not the one asked ("bao nhiêu thạc sĩ" of "… 12 đại học,
                # 3 cao đẳng"; "thiếu chứng chỉ tin học" of "thiếu bằng đại học …, chứng chỉ ngoại ngữ")
                return True
        return False

    def opposed(self, words: Sequence[str], others: Sequence[str]) -> bool:
        """Whether two stretches of words name different members of one group of terms that exclude each other and
        none in common ("công chức" against "viên chức", "giảm" against "tăng")."""
        mine = self._contrast_terms(frozenset(terms_of(tuple(words))))
        theirs = self._contrast_terms(frozenset(terms_of(tuple(others)))) if mine else frozenset()
        return any(mine & group and theirs & group and not mine & theirs & group for group in self._groups)

    def had_and_lacked(self, tokens: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
        """The contrast terms words name as had, and those they name as lacked: after a word of lack, nothing but
        a qualifier between ("thiếu bằng đại học", "không có trình độ đại học"); the longest term at each place
        ("trên đại học", not its "đại học")."""
        had: set[str] = set()
        lacked: set[str] = set()
        if self._contrast_index.keys().isdisjoint(tokens):
            return _NONE, _NONE  # (most texts name no contrast term: found in C)
        k = 0
        while k < len(tokens):
            term = max((w for w in self._contrast_index.get(tokens[k], ()) if tuple(tokens[k:k + len(w)]) == w),
                       key=len, default=None)
            if term is None:
                k += 1
                continue
            j = k
            while j > 0 and tokens[j - 1] in _QUALIFIERS:
                j -= 1
            (lacked if j > 0 and tokens[j - 1] in self._lack_words else had).add(" ".join(term))
            k += len(term)
        return frozenset(had), frozenset(lacked)

    def lack_differs(self, asked: tuple[frozenset[str], frozenset[str]], i: int) -> bool:
        """Whether a question (its terms had and lacked, `had_and_lacked`) counts those having a term the fact
        counts only those lacking, or those lacking one where the fact says no one lacks anything ("bao nhiêu người
        không có bằng đại học?" of "47 người có trình độ đại học"; "… có trình độ đại học?" of "1 công chức chưa
        có bằng đại học")."""
        had, lacked = asked
        if not had and not lacked:
            return False
        own_had, own_lacked, _ = self._lacks_of(i)
        return bool((had - lacked) & (own_lacked - own_had)) or bool(lacked & own_had and not own_lacked)

    def says_left_out(self, asked: Asked, i: int) -> bool:
        """Whether fact i names what a question leaves out (its pairs of words, when it has two or more)."""
        pairs = frozenset(t for t in asked.left_out if _BIGRAM in t)
        return not (pairs or asked.left_out).isdisjoint(self.everything[i])

    def narrows(self, tokens: Sequence[str], i: int) -> bool:
        """Whether words qualify a count in a way fact i does not say: women, a contrast term it does not name, a
        word of lack where it says none ("…, công chức là nữ" of "71 cán bộ, công chức, …")."""
        if self.names_women(tokens) and not self.says_women(i):
            return True
        named = self._contrast_terms(frozenset(terms_of(tuple(tokens))))
        if named - self.fact_contrasts[i] - self.listed_contrasts.get(i, _NONE):
            return True
        return self.negates(tokens, 0) and not self.says_lack(i)

    def negates(self, tokens: Sequence[str], start: int) -> bool:
        """Whether words from `start` (what a question counts) hold a word of lack before another word, not a
        figure ("người không đi học tiến sĩ", "người chưa qua bồi dưỡng ngoại ngữ"; not the "không" ending a
        question)."""
        return any(t in self._lack_words and k + 1 < len(tokens) and not tokens[k + 1][0].isdigit()
                   for k, t in enumerate(tokens[start:], start))

    def says_lack(self, i: int) -> bool:
        """Whether a fact's answer or a phrasing of it holds a word of lack anywhere."""
        return self._lacks_of(i)[2]

    def _lacks_of(self, i: int) -> tuple[frozenset[str], frozenset[str], bool]:
        """What fact i's answer and phrasings say of lack: the contrast terms named as had, those named as lacked
        (`had_and_lacked`), and whether a word of lack is said anywhere; read once, when first asked."""
        found = self._fact_lacks.get(i)
        if found is None:
            fact = self._facts[i]
            texts = [self.words(t) for t in (fact.answer, *fact.questions)]
            read = [self.had_and_lacked(words) for words in texts]
            found = self._fact_lacks[i] = (frozenset().union(*(h for h, _ in read)),
                                           frozenset().union(*(n for _, n in read)),
                                           any(not self._lack_words.isdisjoint(words) for words in texts))
        return found

    def narrower_level(self, asked: Asked, i: int) -> bool:
        """Whether the question names a level of government ("công chức cấp xã") the fact names no level of: the
        fact's figure is of a whole the question narrows ("cấp xã ở Bắc Kạn" is not all of Bắc Kạn)."""
        if not asked.contrasts:
            return False  # (the question names no level)
        own = self.fact_contrasts[i]
        named = [level for group in self._levels if not own & group for level in asked.contrasts & group]
        if not named:
            return False
        # (a fact saying the level's own word, "công chức xã", names it)
        fact = self._facts[i]
        written = " ".join((fact.answer, *fact.questions)).lower()
        return any(not _says_word(written, self._level_words.get(level, level.split()[-1])) for level in named)

    def _contrast_terms(self, terms: set[str] | frozenset[str]) -> frozenset[str]:
        """The contrast terms (as joined words) a set of terms holds."""
        index = self._contrast_index  # (its first words the terms hold, in its order: few, found in C)
        found = {" ".join(words) for first in sorted(terms & index.keys(), key=self._contrast_order.__getitem__)
                 for words in index[first] if has_run(terms, words)}
        # "phó giám đốc" holds "giám đốc": keep only the longest of terms contained in one another
        return frozenset(t for t in found if not any(t != u and f" {t} " in f" {u} " for u in found))


def _head(tokens: tuple[str, ...]) -> str:
    """The first two words of a name as a bigram term (or the one word it has)."""
    return tokens[0] + _BIGRAM + tokens[1] if len(tokens) >= 2 else (tokens[0] if tokens else "")


def _said_at(tokens: list[str], noun: tuple[str, ...]) -> list[int]:
    """Where a text's words say a noun: its words in a row, or a two-word noun's second word one word apart."""
    n = len(noun)
    return [k for k, t in enumerate(tokens) if t == noun[0] and
            (tuple(tokens[k:k + n]) == noun or (n == 2 and noun[1] in tokens[k + 1:k + 3]))]


# words from a figure to the noun it counts, as read ("271 cán bộ quản lý giáo dục (hiệu trưởng …": 8)
_NEAR_FIGURE = 10
_COUNTED_GAP = 2  # words between a group named and the figure after it ("đảng viên: 50")


def _figure_near(tokens: list[str], k: int, n: int) -> bool:
    """Whether a figure stands within a few words of the noun at k (before it, or just after it)."""
    return any(t[0].isdigit() for t in (*tokens[max(0, k - _NEAR_FIGURE):k], *tokens[k + n:k + n + _NEAR_FIGURE]))


def says_unit(terms: frozenset[str], unit: tuple[str, ...]) -> bool:
    """Whether terms say a kind of unit ("trung tâm"): its words, or a title kept as one word holding them
    ("giám đốc trung tâm", read "giamdoctrungtam")."""
    joined = "".join(unit)
    return has_run(terms, unit) or any(joined in t and _BIGRAM not in t and t != joined for t in terms)


def _says_word(text: str, word: str) -> bool:
    """Whether a text (lower case) says a word, with its marks, as a whole word."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _district_said(answer: str, place: str) -> str:
    """The district within `place` that an answer's one figure is said of, after "ở"/"tại" and its kind, in the
    figure's sentence ("… ví dụ ở quận Long Biên, hiện nay, có 3.626 cán bộ …"), folded; '' when there is none,
    several figures, or the district is the place itself."""
    if "ở" not in answer and "tại" not in answer:
        return ""
    m = _AT_DISTRICT.search(answer)
    if m is None:
        return ""
    words = []
    for word in m.group(1).split():
        if not word[:1].isupper():
            break
        words.append(word.strip(",.;:()"))
        if word[-1] in ",.;:()":
            break
    name = " ".join(fold(w) for w in words)
    if not name or name in fold(place):
        return ""
    # (a date, a year, or a number shaped as one — "SN 1992", a birth year — is none)
    quantities = [f for f in find_figures(answer) if f.is_quantity and not year_shaped(f.value)]
    named_at = m.start(1)  # (the words read after the name may run into the figure: "ở xã X có 30 …")
    sentence_end = min((k for k in (answer.find(".", named_at), answer.find(";", named_at)) if k >= 0),
                       default=len(answer))
    return name if len(quantities) == 1 and named_at < quantities[0].start < sentence_end else ""


def has_run(terms: set[str] | frozenset[str], words: tuple[str, ...]) -> bool:
    """Whether the terms hold a run of words (as a syllable, or as its chain of bigrams)."""
    if len(words) == 1:
        return words[0] in terms
    return all(a + _BIGRAM + b in terms for a, b in zip(words, words[1:]))


def _content(term: str, question_words: set[str]) -> bool:
    """A term that says what a fact is about: not a number, not a question word."""
    return not term[0].isdigit() and term not in question_words and not any(
        part in question_words for part in term.split(_BIGRAM))


def _within(tokens: tuple[str, ...], term: tuple[str, ...]) -> bool:
    """Whether a run of tokens holds a term, word for word."""
    return any(tokens[k:k + len(term)] == term for k in range(len(tokens) - len(term) + 1))


def _inside_named(tokens: tuple[str, ...], k: int, term: tuple[str, ...], named: set[tuple[str, ...]]) -> bool:
    """Whether the term at k is part of a longer term the follow-up itself names ("đại học" in "trên đại học")."""
    return any(_within(tokens[max(0, k - len(n)):k + len(n)], n) and len(n) > len(term) and _within(n, term)
               for n in named)


def _which(tokens: tuple[str, ...]) -> str:
    """The kind of unit a question asks for with "nào" ("phòng nào", "đơn vị nào"), as a term, or ''."""
    for k, tok in enumerate(tokens):
        if tok != _WHICH or not k:
            continue
        pair = tokens[k - 2] + _BIGRAM + tokens[k - 1] if k >= 2 else ""
        if pair in _WHICH_UNITS:
            return pair
        if tokens[k - 1] in _WHICH_UNITS:
            return tokens[k - 1]
    return ""


@functools.lru_cache(maxsize=8192)
def _pairs(keys: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """A fact's key pairs as their two words (a bounded cache: the facts questions reach)."""
    return tuple(tuple(key.split(_BIGRAM, 1)) for key in keys if _BIGRAM in key)  # type: ignore[misc]
