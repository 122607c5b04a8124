"""Read a text the way the matcher needs it: keystrokes decoded, places found, aliases applied, tokens.

The same reading is applied to the knowledge (phrasings, answers, units, tags) and to every question.
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from bot.language.keystrokes import Vocabulary, lexicon_of
from bot.kb.knowledge import KnowledgeBase
from bot.language.text import Aliases, fold, raw_tokens

_WORD = re.compile(r"\w+")
_WORD_CACHE = 1 << 16
# "BR-VT", "Th.Hóa", "Q.Ninh": a place's name shortened, a hyphen or a dot between its parts
_SHORTENED = re.compile(r"(?<![\w.-])([^\W\d_]{1,3})([-.])([^\W\d_]{1,6})(?![\w-]|\.\w)")
_RECENT = 8  # texts whose reading is kept for the next few calls
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ADMIN_PREFIXES = [tuple(p.split()) for p in
                   ("thi xa", "thanh pho", "thi tran", "tinh", "huyen", "tx", "tp", "quan", "xa", "phuong", "h",
                    "ben")]  # ("bên Bắc Kạn": the side of, said before a place like its administrative word)
_PREFIXES_ENDING: dict[str, list[tuple[str, ...]]] = {}  # the prefixes by their last word, in the order above
# Words a prefix's word ends a compound with, where it names no administrative level ("hải quan" customs, "cơ
# quan" an agency, "liên quan", "tham quan": "hải quan Sài Gòn" is no district)
_COMPOUND_BEFORE = {"quan": frozenset({"hai", "co", "lien", "tham", "khach", "truc", "tuong", "canh", "chu", "bi",
                                       "lac"}),
                    "xa": frozenset({"cach", "khoang"})}  # ("cách xa", "khoảng xa")
# Words before a prefix's word that make it a level of government, not the place's kind ("công chức cấp xã Bắc
# Kạn": the province's commune staff, "tuyến huyện")
_LEVEL_BEFORE = frozenset({"cap", "tuyen"})
for _prefix in _ADMIN_PREFIXES:
    _PREFIXES_ENDING.setdefault(_prefix[-1], []).append(_prefix)
ADMIN_WORDS = frozenset(w for prefix in _ADMIN_PREFIXES for w in prefix)  # (folded) the words of a place's kind
# A place's spelling: its words (folded, with the tone each is written with; None: any), and the place's name
_Variant = tuple[tuple[tuple[str, str | None], ...], str]
_MIN_COMPLETED = 4  # a phrase's last word this long or longer may be completed (short ones are other words)
_MIN_PART = 2  # "SoKHCN", "BacKan", "sokhcn": each part of a split word has at least this many letters
_VOWELS = re.compile(r"[aeiouy]")  # (folded)
# One Vietnamese syllable, folded: an initial, a vowel group, a final ("vong", "hoang", "khoan", "giong"): a word,
# never two typed together ("vò" + "ng")
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


BIGRAM = "_"


def terms_of(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Syllables and syllable bigrams ("a_b")."""
    return [*tokens, *map(BIGRAM.join, zip(tokens, tokens[1:]))]


@dataclass(frozen=True)
class Analysis:
    """What the reader found in a piece of text."""

    content: str  # folded, aliases applied, place names removed
    tokens: tuple[str, ...]
    places: frozenset[str]  # canonical names of places and organisations named

    @functools.cached_property
    def terms(self) -> frozenset[str]:
        """Its syllables and syllable bigrams."""
        return frozenset(terms_of(self.tokens))


def tone(word: str) -> str:
    """The tone mark of a syllable (one of five combining marks), or '' for the level tone."""
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            return ch
    return ""


@functools.lru_cache(maxsize=_WORD_CACHE)
def _word_form(word: str) -> tuple[str, str | None]:
    """A lower-case word's folded form, and its tone mark ('' for level tone), or None when typed without
    diacritics (such a word matches any tone)."""
    folded = fold(word)
    return folded, (None if folded == word else tone(word))


@functools.lru_cache(maxsize=_WORD_CACHE)
def _typed_form(word: str) -> tuple[str, str | None]:
    """_word_form of a word as typed (any case)."""
    return _word_form(word.lower())


_DISTRICT_KINDS = {"quan", "q", "huyen", "h", "tx", "tp", "phuong"}  # a district's kind, said before its name
_AND = "va"  # "và" joining the fields of an office's name ("Sở Tài nguyên và Môi trường"), often left out


class Reader:
    """Turns any text into an Analysis with the knowledge base's dictionaries and gazetteer."""

    def __init__(self, kb: KnowledgeBase):
        # People's names are read as one word each: "Khổng Minh Thành" is neither "không" nor "mình".
        names = {fold(n): fold(n).replace(" ", "") for n in _names(kb)}
        self.names = frozenset(names.values())  # each person's name as the one word it is read as
        self.aliases = Aliases(kb.aliases.accented, {**names, **kb.aliases.folded}, kb.aliases.fillers)
        self._places: dict[str, list[_Variant]] = defaultdict(list)
        vocabulary = _vocabulary(kb)
        shortened = _shortened_names(kb, vocabulary.plain)
        for place in kb.places:
            for variant in (place.name, *place.variants, *shortened.get(place.name, ())):
                words = tuple((fold(w), tone(w)) for w in _WORD.findall(variant.lower()))
                if variant in place.variants and len(words) == 1 and fold(variant) == variant.lower() \
                        and len(_WORD.findall(place.name)) > 1:
                    # a name run together and written without its marks ("langson"): typed with them too
                    # ("lạngsơn"), its syllables' tones, unknown here, may be any
                    words = ((words[0][0], None),)
                if words:
                    self._places[words[0][0]].append((words, place.name))
                plain = tuple(w for w in words if w[0] != _AND)
                if 1 < len(plain) < len(words):
                    # "sở lao động thương binh xã hội", "sở tài nguyên môi trường": a name typed without its "và"
                    self._places[plain[0][0]].append((plain, place.name))
        # The variants a word opens, longest first; and the same by their first two words, those of one word apart
        # (a word opening several names is followed by few of their second words: only those are compared).
        self._place_pairs: dict[tuple[str, str], list[_Variant]] = defaultdict(list)
        self._place_singles: dict[str, list[_Variant]] = defaultdict(list)
        for first, entries in self._places.items():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
            for entry in entries:
                if len(entry[0]) == 1:
                    self._place_singles[first].append(entry)
                else:
                    self._place_pairs[(first, entry[0][1][0])].append(entry)
        self._place_pairs, self._place_singles = dict(self._place_pairs), dict(self._place_singles)
        self._not_after = {tuple(fold(c).split()) for c in kb.place_compounds}
        self._units = frozenset(p.name for p in kb.places if p.kind == "unit")
        # Three-word dictionary phrases by their first two words ("chuyen vien" -> "chinh"): a last word typed a
        # letter short is completed before the phrase is read
        self._completions: dict[tuple[str, str], tuple[str, ...]] = {}
        for phrase in kb.aliases.folded:
            parts = phrase.split()
            if len(parts) == 3 and len(parts[2]) >= _MIN_COMPLETED:
                self._completions[(parts[0], parts[1])] = (*self._completions.get((parts[0], parts[1]), ()), parts[2])
        # Two-word names by their second word, with their first ("hoa" -> ("thanh", "Thanh Hóa")): "Th.Hóa"
        self._by_second: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entries in self._place_pairs.values():
            for words, name in entries:
                if len(words) == 2:
                    self._by_second[words[1][0]].append((words[0][0], name))
        self._abbreviations = kb.place_abbreviations
        self._openers = frozenset(self._places) | frozenset(self._abbreviations)  # words a place may start with
        self._cues = kb.place_cues
        self._asking = {fold(w).split()[0] for w in kb.question_words} | {"co", "la"}
        self.vocabulary = vocabulary
        self._words: dict[str, str] = {}  # each word read as something else, remembered
        self._plain: set[str] = set()  # words read as typed (most): a text of only these is read as it is
        # The last few texts read: answering one question reads the same text more than once (the message, then
        # its question); a handful is enough, and no more is kept.
        self._recent: dict[str, Analysis] = {}
        self._recent_places: dict[str, tuple[str, frozenset[str], list[str] | None]] = {}  # (see `_placed`)
        # A title kept as one word ("giamdocso") -> the words of the shorter title it is a kind of ("giam doc")
        self._kinds = {word: tuple(self.aliases.rewrite(general).split()) for title, general in kb.kinds
                       for word in (self.aliases.rewrite(title),) if word and " " not in word}
        # Two readers with the same signature read every text the same way.
        self.signature = repr((sorted(kb.aliases.folded.items()), sorted(kb.aliases.accented.items()),
                               sorted(kb.aliases.fillers), kb.places, kb.place_compounds,
                               sorted(kb.place_abbreviations.items()), sorted(kb.place_cues),
                               sorted(self._kinds.items()), hash(self.vocabulary)))

    def with_kinds(self, content: str) -> str:
        """A knowledge text's words with each title kept as one word after the shorter title it is a kind of
        ("giam doc giamdocso"): a question saying only "giám đốc" finds the Sở's director and the centre's, one
        saying "giám đốc sở" only the Sở's (questions are read without this)."""
        words = content.split()
        if not self._kinds or self._kinds.keys().isdisjoint(words):
            return content
        return " ".join(w for word in words for w in (*self._kinds.get(word, ()), word))

    def analyse(self, text: str) -> Analysis:
        """Decode keystrokes, split run-together words, pull out places, then fold, rewrite, tokenise."""
        recent = self._recent
        found = recent.get(text)
        if found is None:
            found = self._analyse(text)
            if len(recent) >= _RECENT:
                recent.clear()
            recent[text] = found
        return found

    def places(self, text: str) -> frozenset[str]:
        """The places and organisations a text names, as `analyse` finds them, its words left unread (a message is
        asked for its places, then its question, often a little changed, read in full)."""
        found = self._recent.get(text)
        return found.places if found is not None else self._placed(text)[1]

    def _analyse(self, text: str) -> Analysis:
        """`analyse`, done."""
        text, places, kept = self._placed(text)
        if self._completions:
            text = self._complete(text, kept)
        rewritten = self.aliases.drop_fillers(self.aliases.rewrite(text))
        tokens = tuple(raw_tokens(rewritten))
        return Analysis(" ".join(tokens), tokens, places)

    def _placed(self, text: str) -> tuple[str, frozenset[str], list[str] | None]:
        """The first steps of `analyse`: keystrokes decoded, run-together words split, places taken out (see
        `_take_places`); kept for the last few texts, as `analyse` keeps its readings."""
        recent = self._recent_places
        found = recent.get(text)
        if found is None:
            read = unicodedata.normalize("NFC", text)
            if not self._plain.issuperset(_WORD.findall(read)):  # (one test in C, not a call per word)
                read = _WORD.sub(self._read_word, read)
            if "." in read or "-" in read:  # (the pattern tries every position: run only when a mark it needs is there)
                read = _SHORTENED.sub(self._lengthened, read)
            rest, places, kept = self._take_places(read)
            found = (rest, frozenset(places), kept)
            if len(recent) >= _RECENT:
                recent.clear()
            recent[text] = found
        return found

    def read_many(self, texts: list[str]) -> list[tuple[str, set[str]]]:
        """The content and places `analyse` finds in each text (an index build's: its words are the content's),
        the aliases of all applied at once (Aliases.rewrite_many)."""
        texts = [unicodedata.normalize("NFC", t) for t in texts]
        # Each distinct word is read once; only the texts holding a word read as something else are rewritten.
        # (The words of the distinct space-separated pieces: no word holds a space, and far fewer are looked at.)
        words = set(_WORD.findall(" ".join(set(" ".join(texts).split()))))
        changed = {w for w in words - self._plain if self._read(w) != w}
        if changed:
            texts = [t if changed.isdisjoint(_WORD.findall(t)) else _WORD.sub(self._read_word, t) for t in texts]
        taken = [self._take_places(t) for t in texts]
        complete = self._complete if self._completions else None
        rewritten = self.aliases.rewrite_many([complete(t, kept) if complete else t for t, _, kept in taken])
        return [(" ".join(raw_tokens(text)), places) for text, (_, places, _) in zip(rewritten, taken)]

    def _lengthened(self, match: re.Match[str]) -> str:
        """A place's name shortened with a hyphen or a dot between its parts, as the gazetteer knows it: "BR-VT" as
        its variant "BRVT", "Th.Hóa" as the one two-word name whose first word "Th" opens ("Thanh Hóa"); else as
        typed."""
        first, mark, second = match.groups()
        joined = fold(first + second)
        if joined in self._place_singles or joined in self._abbreviations:
            return first + second
        if mark == ".":
            opening = fold(first)
            names = {name for word, name in self._by_second.get(fold(second), ()) if word.startswith(opening)}
            if len(names) == 1:
                return names.pop()
        return match.group(0)

    def _complete(self, text: str, folded: list[str] | None = None) -> str:
        """A dictionary phrase whose last word was typed a letter short ("chuyên viên chín"): that word completed,
        when its first words are there as typed and one completion only fits. (`folded`: the text's words folded,
        when _take_places knows them.)"""
        if folded is None:
            folded = [f for f, _ in map(_word_form, _WORD.findall(text))]  # (lower case: _take_places returns it so)
        completions = self._completions
        if not any(pair in completions for pair in zip(folded, folded[1:-1])):  # (most texts: no phrase to end)
            return text
        words = list(_WORD.finditer(text))
        for k in range(len(words) - 1, 1, -1):
            ends = self._completions.get((folded[k - 2], folded[k - 1]))
            if not ends or folded[k] in ends:
                continue
            longer = [e for e in ends if len(e) == len(folded[k]) + 1 and folded[k] in _shorter(e)]
            if len(longer) == 1:
                m = words[k]
                text = text[: m.start()] + longer[0] + text[m.end():]
        return text

    def _read_word(self, match: re.Match[str]) -> str:
        """One word as typed: CamelCase and run-together words split, Telex and VNI keystrokes decoded."""
        return self._read(match.group(0))

    def _read(self, word: str) -> str:
        """`_read_word` of a word."""
        if word in self._plain:
            return word
        known = self._words.get(word)
        if known is None:
            if len(self._words) + len(self._plain) >= _WORD_CACHE:
                self._words.clear()  # a bound, not a policy: a reader meets few distinct words
                self._plain.clear()
            parts = [self.vocabulary.word(part, fold) for part in _split_camel(word).split(" ")]
            known = " ".join(self._split_run(part) for part in parts)
            if known == word:
                self._plain.add(word)
            else:
                self._words[word] = known
        return known

    def _split_run(self, word: str) -> str:
        """An unknown word that is two known ones typed together ("sokhcn", "tuyenquang"), split."""
        folded = fold(word)
        plain = self.vocabulary.plain
        if len(word) < 2 * _MIN_PART or folded in plain or len(folded) != len(word) or not folded.isalpha() \
                or _SYLLABLE.fullmatch(folded.lower()):
            return word
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            # the first part a syllable (it has a vowel): "so|khcn", never "th|uk" for a typo of "thuc"
            if folded[:cut] in plain and folded[cut:] in plain and _VOWELS.search(folded[:cut]):
                return word[:cut] + " " + word[cut:]
        return word

    def _take_places(self, text: str) -> tuple[str, set[str], list[str] | None]:
        """Remove named places (with an administrative prefix such as "thị xã") and return the text in lower case,
        their names, and the folded words left (None where lower case may cut or read a word otherwise)."""
        typed = _WORD.findall(text)
        forms = list(map(_typed_form, typed))
        folded = [f for f, _ in forms]
        found: set[str] = set()
        spans: list[tuple[int, int]] = []  # the first and last word of each place found
        i, after = 0, -1  # after: the word right after an office named ("sở nv hn": its province follows)
        abbreviations, singles, pairs = self._abbreviations, self._place_singles, self._place_pairs
        # Only a word that opens a place or is an abbreviation of one can start a place: those are tried, in
        # order, each unless a place found before covers it (most words are neither: no step for them).
        openers = self._openers
        for k in [k for k, word in enumerate(folded) if word in openers]:
            if k < i:
                continue
            i = k
            # (a place it opens has one word, or its second word follows: else none can be there)
            word = folded[i]
            # ("cục bộ" is a compound; "các Vụ, Cục, Bộ Y tế" names the Bộ: looked at only where the two meet)
            apart = i > 0 and (folded[i - 1], word) in self._not_after and self._apart(text, i)
            hit = self._place_at(forms, i, apart) if word in singles or (i + 1 < len(folded) and (word, folded[i + 1])
                                                                         in pairs) else None
            # (an abbreviation is read as a place only in capitals, after a cue or an office, opening the text, or
            # after an office's initials: "đài ptth hn có …")
            if hit is None and word in abbreviations and (i == 0 or i == after or folded[i - 1] in self._cues
                                                          or typed[i].isupper() or _initials(folded[i - 1])
                                                          or _after_district(typed, folded, i)):
                hit = self._abbreviation_at(typed, folded, i, i == after)
            if hit is None:
                i += 1
                continue
            length, name = hit
            found.add(name)
            first = i
            for prefix in _PREFIXES_ENDING.get(folded[first - 1], ()) if first else ():  # (none before the text)
                n = len(prefix)
                if first - n >= 0 and tuple(folded[first - n:first]) == prefix and not (
                        n == 1 and first > 1 and (folded[first - 2] in _COMPOUND_BEFORE.get(prefix[0], ())
                                                  or folded[first - 2] in _LEVEL_BEFORE)):
                    first -= n
                    break
            spans.append((first, i + length - 1))
            i += length
            after = i if name in self._units else -1
        kept: list[str] | None = folded
        if spans:
            words = list(itertools.islice(_WORD.finditer(text), spans[-1][1] + 1))  # (the last span ends last)
            for first, last in reversed(spans):
                text = text[:words[first].start()] + " " + text[words[last].end():]
            # each span a space: the other words stay as they were (unless spans overlap, a prefix read twice)
            kept, start = [], 0
            for first, last in spans:
                if kept is not None:
                    kept = kept + folded[start:first] if first >= start else None
                start = last + 1
            kept = kept + folded[start:] if kept is not None else None
        # "İ" is "i" and a combining dot in lower case (two words to \w); "Σ" ends a word as "ς", as the text goes on
        return text.lower(), found, None if "İ" in text or "Σ" in text else kept

    def _apart(self, text: str, i: int) -> bool:
        """Whether punctuation parts word i (not the first) from the word before it."""
        words = list(itertools.islice(_WORD.finditer(text), i + 1))
        return bool(text[words[i - 1].end():words[i].start()].strip())

    def _place_at(self, forms: list[tuple[str, str | None]], i: int, apart: bool = False) -> tuple[int, str] | None:
        """The longest place variant starting at word i whose tones agree with what the user typed (`apart`: no
        compound with the word before it, "cục bộ", can hold it)."""
        first = forms[i][0]
        if first not in self._places or (i > 0 and not apart and (forms[i - 1][0], first) in self._not_after):
            return None
        # Those of the variants it opens whose second word follows (any other fails there), then those of one word:
        # still longest first.
        longer = self._place_pairs.get((first, forms[i + 1][0]), ()) if i + 1 < len(forms) else ()
        for variant, name in (*longer, *self._place_singles.get(first, ())):
            n = len(variant)
            if i + n > len(forms):
                continue
            for k in range(n):
                word, typed_tone = forms[i + k]
                if word != variant[k][0] or (typed_tone is not None and variant[k][1] is not None
                                             and typed_tone != variant[k][1]):
                    break
            else:
                return n, name
        return None

    def _abbreviation_at(self, words: list[str], folded: list[str], i: int,
                         after_place: bool = False) -> tuple[int, str] | None:
        """A place abbreviation ("LS", "sở khcn hd") where a place is expected: in capitals, after a cue or right
        after an office (`after_place`: "sở nv hn"), or as the subject a question opens with ("hn giảm …")."""
        name = self._abbreviations.get(folded[i])
        if name is None:
            return None
        typed = words[i]
        # As a subject it must be followed by what it did ("hn giảm …"), not by the question ("dt bao nhiêu người":
        # "dt" is "đào tạo" as often as Đông Triều), and not be an ordinary abbreviation too ("ct": chính trị).
        # ("hn có bn cb …": "có" then a count asked is what it has; "hn tổng cộng có bn …", "hn hiện có …",
        # "hn có tổng cộng bn …" too)
        k = _past(folded, i + 1, _BEFORE_HAS)
        has = k < len(folded) and folded[k] == "co"
        k = _past(folded, k + 1, _BEFORE_HAS) if has else k
        has = has and k < len(folded) and (folded[k] in self._asking or folded[k] in ("bn", "may"))
        subject = (i == 0 and len(words) >= _SUBJECT_MIN_WORDS and (folded[1] not in self._asking or has)
                   and folded[0] not in self.aliases.folded)
        # "đài ptth hn có bn người": after an office's initials and before what it has, the office's place
        office = i > 0 and _initials(folded[i - 1]) and has and folded[i] not in self.aliases.folded
        if (len(typed) >= 2 and typed.isupper()) or (i > 0 and folded[i - 1] in self._cues) or subject or \
                after_place or office or _after_district(words, folded, i):
            return 1, name
        return None


def _past(folded: list[str], k: int, words: set[str]) -> int:
    """Where the words from k on stop being of `words` (at most _HAS_AFTER of them skipped)."""
    start = k
    while k < len(folded) and k < start + _HAS_AFTER and folded[k] in words:
        k += 1
    return k


def _after_district(words: list[str], folded: list[str], i: int) -> bool:
    """Whether word i follows a district's kind and its two-word name ("q. long biên hn"): the province it is in."""
    return i >= 3 and folded[i - 3] in _DISTRICT_KINDS and words[i - 2].isalpha() and words[i - 1].isalpha()


def _initials(word: str) -> bool:
    """Whether a (folded) word is an office's initials: letters and no vowel ("ptth", "ubnd", "nv")."""
    return len(word) >= 2 and word.isalpha() and not _VOWELS.search(word)


def _shorter(word: str) -> set[str]:
    """The word with one letter left out, each way."""
    return {word[:k] + word[k + 1:] for k in range(len(word))}


def _split_camel(word: str) -> str:
    """"SoKHCN" -> "So KHCN", "BacKan" -> "Bac Kan": a capital after a small letter starts a new word."""
    cuts = [k for k in range(_MIN_PART, len(word) - _MIN_PART + 1)
            if word[k - 1].islower() and word[k].isupper() and word[k - _MIN_PART:k].isalpha()]
    if not cuts:
        return word
    parts, last = [], 0
    for k in cuts:
        parts.append(word[last:k])
        last = k
    parts.append(word[last:])
    return " ".join(parts)


_SUBJECT_MIN_WORDS = 4  # "hn giảm bao nhiêu": an abbreviation opening a question of four words or more
_BEFORE_HAS = {"tong", "cong", "hien", "nay", "dang", "tat", "ca"}  # "tổng cộng", "hiện (nay)", "tất cả" … có
_HAS_AFTER = 2  # at most so many of them between a place's abbreviation and its "có"

_TITLES = {"ông", "bà", "đồng chí", "ths", "ts", "anh", "chị", "tác giả"}
_NAME_WORDS = (2, 4)  # a Vietnamese name has two to four syllables
# A word that is a title or opens one, in any case: a text without one names nobody (most need no closer look)
_TITLE_WORD = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted({t.split()[0] for t in _TITLES})) + r")(?![^\W\d_])",
                         re.IGNORECASE)


def _names(kb: KnowledgeBase) -> set[str]:
    """People named in the knowledge: authors, capitalised words after "ông", "bà", "đồng chí", and tags that
    are nothing but a capitalised name."""
    found = {a.author for a in kb.articles.values() if len(a.author.split()) >= _NAME_WORDS[0]}
    for fact in kb.facts:
        for tag in fact.tags:
            words = tag.split()
            if _NAME_WORDS[0] <= len(words) <= _NAME_WORDS[1] and all(w[0].isupper() for w in words):
                found.add(tag)
        found.update(_names_in(fact.answer))
    return {" ".join(name.split()) for name in found}


def people_in(text: str) -> tuple[str, ...]:
    """The people a text names after a title ("ông Phạm Xuân Huệ"), in order."""
    return _names_in(text)


@functools.lru_cache(maxsize=_WORD_CACHE)
def _names_in(text: str) -> tuple[str, ...]:
    """The capitalised names a text gives after a title ("ông Phạm Xuân Huệ", "ThS. Phạm Văn Bình")."""
    if not _TITLE_WORD.search(text):
        return ()
    found = []
    # punctuation kept as words of its own: a name ends at a comma ("Khổng Minh Thành, Thủ trưởng …")
    words = re.findall(r"[^\W\d_]+\.?|[^\w\s]", text)
    for k, word in enumerate(words):
        two = " ".join(words[k:k + 2]).lower()
        if word.lower().rstrip(".") in _TITLES or two in _TITLES:
            start = k + (2 if two in _TITLES else 1)
            name = []
            for w in words[start:start + _NAME_WORDS[1]]:
                if not w[0].isupper():
                    break
                name.append(w.rstrip("."))
                if w.endswith("."):
                    break
            if len(name) >= _NAME_WORDS[0]:
                found.append(" ".join(name))
    return tuple(found)


def called_by_given_name(text: str, people: Sequence[str]) -> set[str]:
    """Of the people an article names in full, those a text calls by title and given name only ("ông Ngọc" for
    "ông Đậu Minh Ngọc", as Vietnamese does after the first mention)."""
    words = re.findall(r"[^\W\d_]+|[^\w\s]", text)
    given = {w for k, w in enumerate(words[1:], 1) if words[k - 1].lower() in _TITLES and w[0].isupper()
             and not (k + 1 < len(words) and words[k + 1][0].isupper())}
    return {p for p in people if p.split()[-1] in given}


def _shortened_names(kb: KnowledgeBase, known: frozenset[str] | set[str]) -> dict[str, tuple[str, ...]]:
    """A two-word province's name as staff shorten it, its first word cut to its initial ("qtrị" for Quảng Trị,
    "hnội"), for each such form that is no word of the knowledge and belongs to one place only."""
    forms: dict[str, list[str]] = defaultdict(list)
    for place in kb.places:
        words = _WORD.findall(place.name)
        if place.kind == "province" and len(words) == 2 and len(words[1]) >= 2:
            forms[(words[0][0] + words[1]).lower()].append(place.name)
    out: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for form, names in forms.items():
        if len(names) == 1 and fold(form) not in known:
            out[names[0]] += (form,)
    return out


def _vocabulary(kb: KnowledgeBase) -> Vocabulary:
    """Known words: every word of the articles, facts, gazetteer and dictionaries."""
    texts: list[str] = list(kb.words)
    for article in kb.articles.values():
        texts += [article.title, article.text]
    for fact in kb.facts:
        texts += [fact.answer, fact.unit, *fact.questions, *fact.tags]
    for place in kb.places:
        texts += [place.name, *place.variants]
    syllables = lexicon_of(texts)
    plain = {fold(word) for word, _ in syllables}
    for phrase in (*kb.aliases.folded, *kb.aliases.accented, *kb.aliases.fillers, *kb.place_abbreviations):
        plain.update(fold(phrase).split())
    return Vocabulary(syllables, frozenset(plain))
