"""Vietnamese text normalisation shared by the knowledge side and the question side."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

# Letters that NFD does not decompose into base + combining mark.
_LETTER_FOLD = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d", "ɖ": "d"})
# Thousands groups ("17.412", "3.000") and decimals ("94,6") in Vietnamese notation; a group left out before the
# last one ("3574.303" for 3.574.303, as a paper may type it) is no decimal either: a dot never is one here
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d{4,}\.\d{3}$")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")
_SPACES = re.compile(r"\s+")
_MAX_REWRITE_PASSES = 4
# Punctuation becomes a space, except inside numbers ("17.412", "94,6") and in & / - % + (KH&CN, NQ/TU, KT-XH).
# (A point or comma is looked behind only once found: a look behind at every character was most of the pass.)
_PUNCT_KEPT = r"\w\s&/%+.,-"  # what _PUNCT leaves: words, spaces, and the signs figures and names are written with
_POINT_NOT_IN_FIGURE = r"[.,](?:(?<!\d[.,])|(?!\d))"
_PUNCT = re.compile(rf"[^{_PUNCT_KEPT}]|{_POINT_NOT_IN_FIGURE}")
# Texts rewritten together (Aliases.rewrite_many) are joined by JOIN: no word, space or punctuation to any step
# (each reads it as the end of a text), so no phrase spans two texts; _PUNCT_JOINED is _PUNCT leaving it in place.
JOIN = "\x00"
_PUNCT_JOINED = re.compile(rf"[^\x00{_PUNCT_KEPT}]|{_POINT_NOT_IN_FIGURE}")


# Characters that look like nothing or like plain ones: invisible format characters (zero-width space, joiner
# and non-joiner, word joiner, BOM, soft hyphen, direction marks, variation selectors), odd spaces, hyphens,
# superscript/subscript/circled/full-width/mathematical digits and letters, vulgar fractions, other scripts' digits.
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f" \
             "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
_ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_HYPHENS = "\u2010-\u2012\u2212"
_LOOK_ALIKES = "\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u209f\u2150-\u218b\u2460-\u24ff\u2776-\u2793\uff01-\uff5e" \
               "\U0001d400-\U0001d7ff"
_ODD = re.compile(
    r"(?P<exponent>(?<=m)[\u00b2\u00b3](?!\w))"  # m², km³: an area or a volume, kept as written
    r"|(?P<fraction>\d*[\u00bc-\u00be\u2150-\u215f\u2189])"  # ½, 2½
    rf"|[{_INVISIBLE}{_ODD_SPACES}{_HYPHENS}{_LOOK_ALIKES}]|(?![0-9])\d")
_MAX_WHOLE_DIGITS = 15  # a float holds 15 digits exactly; a longer run of digits is no figure anyone writes
_FRACTION_DECIMALS = 3  # ½ ¼ ⅛ have an exact decimal of at most 3 places; ⅓ is written 1/3


class _FoldTable(dict):
    """str.translate table filled on first use: each character lower-cased, marks stripped, đ -> d."""

    def __missing__(self, code: int) -> str:
        char = chr(code).translate(_LETTER_FOLD).lower()
        folded = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


class LazyRegex:
    """A regular expression compiled when first used: a module's patterns cost a start-up that answers one
    question compiling many it never uses (those of conversations, of dates, of knowledge checks). Once compiled,
    its methods are the pattern's own (set on the instance: no indirection per call)."""

    _METHODS = ("match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer", "pattern", "flags",
                "groups", "groupindex")

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        compiled = re.compile(*self._source)
        for method in self._METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def lazy_regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile, put off until the pattern is first used (see LazyRegex)."""
    return LazyRegex(pattern, flags)  # type: ignore[return-value]


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map đ to d, whatever the Unicode form."""
    if len(text) <= _FOLD_REMEMBERED_LENGTH:
        return _fold_short(text)
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


_FOLDED_WORD = re.compile(r"[a-z0-9]+")


def folded_words(text: str) -> list[str]:
    """Folded words of a text, punctuation dropped."""
    return _FOLDED_WORD.findall(fold(text))


# Answering one question folds its text (and its parts) some thirty times, in rules that each need it; a short
# text's folding is remembered instead (6-8 % of an answer's time). Long texts (articles) are not kept.
_FOLD_REMEMBERED_LENGTH = 400


@functools.lru_cache(maxsize=2048)
def _fold_short(text: str) -> str:
    """fold() of a short text, remembered."""
    return unicodedata.normalize("NFC", text).translate(_FOLD_TABLE)


def typed_as(text: str, start: int, end: int, toned: str) -> bool:
    """Whether the letters at [start, end) of fold(text) were typed as `toned` — or the text was typed without
    its tones, when any spelling counts ("đầu tư" holds no "đâu"; "dau tu" may)."""
    typed = unicodedata.normalize("NFC", text).lower()
    folded = typed.translate(_FOLD_TABLE)
    return folded == typed or len(folded) != len(typed) or typed[start:end] == toned


def clean(text: str) -> str:
    """Text as the bot reads it wherever it enters (questions, knowledge files, articles): invisible characters
    dropped, look-alike digits, letters, spaces and hyphens made plain ("¹⁰⁰" -> "100", "①" -> "1",
    "２" -> "2", "½" -> "0,5"), then NFC, so Vietnamese diacritics keep their composed form."""
    if _ODD.search(text) is not None:
        text = _ODD.sub(_plain, text)
    return unicodedata.normalize("NFC", text)


def _plain(match: re.Match[str]) -> str:
    """The plain form of one odd character (or a fraction with its whole part)."""
    if match.group("exponent"):
        return match.group(0)
    if match.group("fraction"):
        return _fraction(match.group(0)[:-1], match.group(0)[-1])
    return _plain_char(match.group(0))


def _plain_char(char: str) -> str:
    """One odd character made plain: dropped, a space, a hyphen, a digit or its compatibility form."""
    if re.match(f"[{_INVISIBLE}]", char):
        return ""
    if re.match(f"[{_ODD_SPACES}]", char):
        return " "
    if re.match(f"[{_HYPHENS}]", char):
        return "-"
    value = unicodedata.numeric(char, None)
    if value is not None and value == int(value) and not unicodedata.decomposition(char).startswith("<compat>"):
        return str(int(value))  # ①, ❶, ⑩, ¹, ٣; Roman numerals (<compat>) stay letters: "Ⅲ" -> "III"
    return unicodedata.normalize("NFKC", char)


def _fraction(whole: str, char: str) -> str:
    """A vulgar fraction as a Vietnamese figure: "½" -> "0,5", "2½" -> "2,5", "⅓" -> "1/3"."""
    if len(whole) > _MAX_WHOLE_DIGITS:  # no figure is that long: keep the digits, the fraction as written
        return whole + unicodedata.normalize("NFKC", char).replace("\u2044", "/")
    value = int(whole or 0) + unicodedata.numeric(char)
    if round(value * 10 ** _FRACTION_DECIMALS) == value * 10 ** _FRACTION_DECIMALS:
        return f"{value:.{_FRACTION_DECIMALS}f}".rstrip("0").rstrip(".").replace(".", ",")
    written = unicodedata.normalize("NFKC", char).replace("\u2044", "/")
    return f"{whole} {written}" if whole else written


def number_token(raw: str) -> str:
    """Canonical form of a number as written in Vietnamese ("17.412" -> "17412", "94,6" -> "94.6", "07" -> "7")."""
    if _THOUSANDS.match(raw):
        raw = raw.replace(".", "")
    elif "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    if raw.isdigit() and len(raw) <= 3:
        return str(int(raw))
    return raw


def raw_tokens(folded: str) -> list[str]:
    """Split folded text into syllables and canonical numbers."""
    return [number_token(t) if t[0].isdigit() else t for t in _TOKEN.findall(folded)]


def squash(text: str) -> str:
    """Collapse runs of white space into one space and trim."""
    return " ".join(text.split())  # str.split's white space is re's \s: the same, four times faster


@dataclass(frozen=True)
class Aliases:
    """Phrase rewrites applied to folded text: abbreviations, shorthand, spelling variants, synonyms."""

    accented: dict[str, str] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)
    fillers: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_accented_re", _phrase_matcher(self.accented))
        object.__setattr__(self, "_folded_re", _phrase_matcher(self.folded))
        object.__setattr__(self, "_filler_re", _phrase_matcher({f: "" for f in self.fillers}))

    def rewrite(self, text: str) -> str:
        """Return folded text with every alias phrase replaced by its canonical form."""
        text = unicodedata.normalize("NFC", text).lower()
        if self._accented_re is not None:
            text = self._accented_re.sub(lambda m: self.accented[_space_key(m.group(0))], text)
        text = fold(text)
        text = _PUNCT.sub(" ", text.replace("%", " phan tram "))
        if self._folded_re is not None:
            # An expansion may complete a longer phrase ("ĐH trở lên" -> "đại học trở lên" -> one token),
            # so rewrite until nothing changes; the bound guards against an alias cycle in the YAML.
            for _ in range(_MAX_REWRITE_PASSES):
                rewritten, replaced = self._rewrite_pass(text)
                if rewritten == text:
                    break
                text = rewritten
                if not replaced:
                    break  # only spaces changed: a further pass would replace nothing either
        return squash(text)

    def _rewrite_once(self, folded: str) -> str:
        """One pass of the folded rewrites over folded text."""
        return self._rewrite_pass(folded)[0]

    def _rewrite_pass(self, folded: str) -> tuple[str, bool]:
        """One pass of the folded rewrites over folded text, and whether any phrase was replaced."""
        replaced: list[str] = []

        def expansion(match: re.Match[str]) -> str:
            replaced.append(match.group(0))
            return self.folded[_space_key(match.group(0))]

        return squash(self._folded_re.sub(expansion, folded)), bool(replaced)

    def cycles(self) -> list[str]:
        """Keys whose rewriting does not settle within the passes `rewrite` makes (a cycle in the tables)."""
        if self._folded_re is None:
            return []
        found = []
        for key in self.folded:
            text = key
            for _ in range(_MAX_REWRITE_PASSES):
                text = self._rewrite_once(text)
            if self._rewrite_once(text) != text:
                found.append(key)
        return found

    def drop_fillers(self, folded: str) -> str:
        """Remove politeness, particles and function words from rewritten text."""
        if self._filler_re is None:
            return folded
        return squash(self._filler_re.sub(" ", folded))

    def rewrite_many(self, texts: list[str]) -> list[str]:
        """drop_fillers(rewrite(text)) of each text, each step done once over the texts joined (an index build
        reads tens of thousands of short texts: the cost of a dozen calls per text was most of reading them),
        the phrases found by one trie-shaped pattern per table (see _phrase_trie)."""
        joined = JOIN.join(texts)
        if joined.count(JOIN) != len(texts) - 1:  # a text holding JOIN itself: read one by one
            return [self.drop_fillers(self.rewrite(t)) for t in texts]
        text = unicodedata.normalize("NFC", joined).lower()
        if self.accented:
            text = _phrase_trie(tuple(self.accented)).sub(_replacer(self.accented), text)
        text = _PUNCT_JOINED.sub(" ", fold(text).replace("%", " phan tram "))
        if self.folded:
            # As `rewrite`: until nothing changes, at most so many passes; after the first, only over the texts
            # it changed (white space, which `rewrite` squashes between passes, no pattern counts).
            pattern, expand = _phrase_trie(tuple(self.folded)), _replacer(self.folded)
            rewritten = pattern.sub(expand, text)
            if rewritten != text:
                parts = rewritten.split(JOIN)
                for k, (before, part) in enumerate(zip(text.split(JOIN), parts)):
                    for _ in range(_MAX_REWRITE_PASSES - 1) if part != before else ():
                        before, part = part, pattern.sub(expand, part)
                        if part == before:
                            break
                    parts[k] = part
                text = JOIN.join(parts)
        if self.fillers:
            text = _phrase_trie(tuple(self.fillers)).sub(" ", text)
        return [" ".join(part.split()) for part in text.split(JOIN)]


def _replacer(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    """What replaces a phrase of a table that a pattern matched (its key, inner white space folded)."""
    def replacement(match: re.Match[str]) -> str:
        matched = match.group(0)
        found = table.get(matched)  # (as written, nearly always: no white space to fold)
        return found if found is not None else table[_space_key(matched)]
    return replacement


def _space_key(matched: str) -> str:
    """Key under which a matched phrase is stored (inner white space folded)."""
    return _SPACES.sub(" ", matched)


def _phrase_regex(table: dict[str, str] | list[str]) -> re.Pattern[str] | None:
    """One alternation over all phrases, longest first, matched on whole words."""
    if not table:
        return None
    parts = []
    for key in sorted(table, key=len, reverse=True):
        escaped = r"\s+".join(re.escape(w) for w in key.split(" "))
        parts.append(escaped)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@functools.lru_cache(maxsize=8)
def _phrase_trie(keys: tuple[str, ...]) -> re.Pattern[str]:
    """The substitutions of `_phrase_regex(keys)`, as one pattern shaped as the trie of the phrases' characters (a
    word's space is \\s+): at each position the text itself picks the one branch to follow, where the alternation
    tries every phrase. The same phrase wins: those matching at a position lie on the one path the text follows,
    and the deepest that matches (greedy) is the longest, which the alternation, longest first, tries first.
    Phrases written otherwise (see PhraseMatcher.fits) get the alternation itself."""
    if not all(PhraseMatcher.fits(key) for key in keys):
        return _phrase_regex(list(keys))
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here

    def branch(node: dict) -> str:
        alternatives = [(r"\s+" if char == " " else re.escape(char)) + branch(node[char])
                        for char in sorted(node) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(r"(?<!\w)(?:" + branch(trie) + r")(?!\w)")


_RUN = re.compile(r"\w+")


class PhraseMatcher:
    """`_phrase_regex`'s substitutions, found faster: a phrase can only start where a run of word characters starts
    that is its own first run ("kh" of "kh&cn"), so only there are the phrases opening with that run tried, in the
    alternation's order (longest first, ties in table order). One alternation of hundreds of phrases tried at every
    position was most of the time spent reading a text. A run opening up to three phrases (nearly all) has them
    compared in Python, in that order, as the pattern reads them (words literally, white space between them, no
    word character after the last); a run opening more has their alternation, compiled when first needed and kept
    out of the index cache (compiling one per run cost a start or a first batch more than it saved, and compiling
    those of two or three phrases cost a first batch more than comparing them). Once it has read `_TRIE_AFTER`
    texts, the process is answering many questions: it then compiles `_phrase_trie` of all the phrases (the same
    substitutions, all in C, three times as fast; its compiling, 10 ms, is what a start answering one question
    does without)."""

    _FEW = 3  # phrases of a run compared in Python; more are one compiled alternation
    _TRIE_AFTER = 64  # texts read before the pattern of all the phrases is compiled

    def __init__(self, keys: list[str]):
        groups: dict[str, list[str]] = {}
        for key in sorted(keys, key=len, reverse=True):
            groups.setdefault(_RUN.match(key).group(0), []).append(key)
        self._groups = {run: tuple(tuple(key.split(" ")) for key in group) for run, group in groups.items()}
        self._keys = tuple(keys)  # (in the table's order: the index build compiled the same pattern)
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._read = 0
        self._trie: re.Pattern[str] | None = None

    def __getstate__(self) -> dict:
        return {"_groups": self._groups, "_keys": self._keys}

    def __setstate__(self, state: dict) -> None:
        self._groups, self._keys = state["_groups"], state["_keys"]
        self._compiled, self._read, self._trie = {}, 0, None

    @staticmethod
    def fits(key: str) -> bool:
        """Whether a phrase can be found so: it opens with a word character and its words are separated by one
        space each (as every alias is written)."""
        words = key.split(" ")
        return _RUN.match(key) is not None and all(w and not any(c.isspace() for c in w) for w in words)

    def _pattern(self, run: str) -> re.Pattern[str]:
        """The alternation of the phrases opening with this run, compiled once."""
        found = self._compiled.get(run)
        if found is None:
            found = self._compiled[run] = _phrase_regex([" ".join(words) for words in self._groups[run]])
        return found

    def sub(self, repl: Callable[["Found"], str] | str, text: str) -> str:
        """Every phrase replaced, as `_phrase_regex(...).sub(repl, text)` would (a str `repl` is taken literally;
        a callable gets a Found, whose group(0) is the text matched)."""
        if self._trie is not None:
            return self._trie.sub(repl if callable(repl) else lambda _: repl, text)
        self._read += 1
        if self._read >= self._TRIE_AFTER:
            self._trie = _phrase_trie(self._keys)
        groups, compiled, out, last = self._groups, self._compiled, [], 0
        for run in _RUN.finditer(text):
            word = run.group()
            if word not in groups:  # (most runs open no phrase: nothing more to look at)
                continue
            start = run.start()
            if start < last:
                continue
            phrases = groups[word]
            if len(phrases) <= self._FEW:
                end = _phrase_end(text, start, phrases)
            else:
                found = (compiled.get(word) or self._pattern(word)).match(text, start)
                end = found.end() if found is not None else None
            if end is not None:
                out += (text[last:start], repl if isinstance(repl, str) else repl(Found(text[start:end])))
                last = end
        if not out:
            return text
        out.append(text[last:])
        return "".join(out)


class Found:
    """A phrase a PhraseMatcher found: group(0) is the text matched, as a re.Match's."""

    __slots__ = ("_text",)

    def __init__(self, text: str):
        self._text = text

    def group(self, index: int = 0) -> str:
        """The text matched (the only group)."""
        if index != 0:
            raise IndexError("no such group")
        return self._text


def _phrase_end(text: str, start: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
    """Where the first of these phrases (each its words) that matches at `start` ends, as the pattern
    `word1\\s+word2…(?!\\w)` matches it, or None."""
    size = len(text)
    for words in phrases:
        at = start
        for k, word in enumerate(words):
            if k:
                after = at
                while after < size and text[after].isspace():  # \s+ (a word never opens with white space)
                    after += 1
                if after == at:
                    break
                at = after
            if not text.startswith(word, at):
                break
            at += len(word)
        else:
            if at == size or not (text[at].isalnum() or text[at] == "_"):  # (?!\w)
                return at
    return None



def _phrase_matcher(table: dict[str, str]) -> PhraseMatcher | re.Pattern[str] | None:
    """What finds a table's phrases: a PhraseMatcher (which compiles nothing for a start that reads a few texts, and
    its trie once it has read many), or the one alternation when a phrase is written otherwise (see
    PhraseMatcher.fits)."""
    if not table:
        return None
    if all(PhraseMatcher.fits(key) for key in table):
        return PhraseMatcher(list(table))
    return _phrase_regex(table)
