"""Decode raw Telex and VNI keystrokes ("nguwowif", "ngu7o72i") into Vietnamese ("người").

Staff sometimes type with the input method switched off, or half on. A word is decoded only when it
carries keystroke marks (a tone or shape key after a vowel, "dd", doubled a/e/o, "w", a VNI digit) and the
decoded syllable is a known word; anything else is left exactly as typed, so ordinary text without
diacritics and English words pass through unchanged.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from bot.language.text import lazy_regex

ACUTE, GRAVE, HOOK, TILDE, DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
TONES = (ACUTE, GRAVE, HOOK, TILDE, DOT)
CIRCUMFLEX, HORN, BREVE = "\u0302", "\u031b", "\u0306"
_TELEX_TONES = {"s": ACUTE, "f": GRAVE, "r": HOOK, "x": TILDE, "j": DOT}
_VNI_TONES = {"1": ACUTE, "2": GRAVE, "3": HOOK, "4": TILDE, "5": DOT}
_VOWELS = set("aeiouy")
# Where the shape keys may go: circumflex on a/e/o, horn on o/u, breve on a.
_TAKES = {CIRCUMFLEX: set("aeo"), HORN: set("ou"), BREVE: set("a")}
_WORD = lazy_regex(r"[^\W_]+")
# A keystroke mark somewhere in a word: worth trying to decode.
_MARKS = lazy_regex(r"w|dd|aa|ee|oo|[aeiouy][a-z]*[sfrxjz]|[a-z][0-9]|[0-9][a-z]", re.IGNORECASE)
_MAX_WORD = 12  # longer "words" are not syllables


@dataclass
class _Letter:
    """One letter of a syllable being typed: its base and shape mark (or stroke for đ)."""

    base: str
    shape: str = ""


def syllable_key(word: str) -> tuple[str, str]:
    """A syllable as (lower-case letters with shape marks, tone mark), whatever the tone placement."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone = next((c for c in decomposed if c in TONES), "")
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES)), tone


def lexicon_of(texts: Iterable[str]) -> frozenset[tuple[str, str]]:
    """The syllable keys of every word in some texts that may be a syllable: what counts as a known word. (The
    texts are read as one, joined by a line break, which no word holds: a call per text was a tenth of an index
    build; the words are those of its distinct space-separated pieces, as no word holds a space.)"""
    pieces = set(unicodedata.normalize("NFC", "\n".join(texts)).lower().split())
    words = set(_WORD.findall(" ".join(pieces)))
    return frozenset(_key(w) for w in words if len(w) <= _MAX_WORD and not w.isdigit())


@functools.lru_cache(maxsize=1 << 16)
def _key(word: str) -> tuple[str, str]:
    """syllable_key, remembered."""
    return syllable_key(word)


def decode_word(word: str) -> str | None:
    """The syllable a word's keystrokes spell (lower case, NFC), or None when they spell none."""
    if not word or len(word) > _MAX_WORD or not word.isalnum() or word.isdigit() or not _MARKS.search(word):
        return None
    letters: list[_Letter] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TONES:
            tone = ch
        elif ch in (CIRCUMFLEX, HORN, BREVE):
            if not letters:
                return None
            letters[-1].shape = ch
        elif ch == "\u0111":  # đ typed as such
            letters.append(_Letter("d", "stroke"))
        elif ch in _TELEX_TONES and _has_vowel(letters):
            tone = _TELEX_TONES[ch]
        elif ch in _VNI_TONES and letters:
            tone = _VNI_TONES[ch]
        elif ch == "z" and _has_vowel(letters):
            tone = ""
        elif ch == "0" and letters:
            tone = ""
        elif ch == "w":
            _apply_w(letters)
        elif ch == "6":
            if not _shape_last(letters, CIRCUMFLEX):
                return None
        elif ch == "7":
            if not _shape_last(letters, HORN):
                return None
        elif ch == "8":
            if not _shape_last(letters, BREVE):
                return None
        elif ch == "9":
            if not letters or letters[0].base != "d":
                return None
            letters[0].shape = "stroke"
        elif ch == "d" and len(letters) == 1 and letters[0].base == "d" and not letters[0].shape:
            letters[0].shape = "stroke"
        elif ch in "aeo" and _doubles(letters, ch):
            pass
        elif ch.isascii() and ch.isalpha():
            letters.append(_Letter(ch))
        else:
            return None
    return _compose(letters, tone)


def _has_vowel(letters: list[_Letter]) -> bool:
    """Whether a vowel has been typed (so s/f/r/x/j are tone keys, not consonants)."""
    return any(letter.base in _VOWELS for letter in letters)


def _vowel_run(letters: list[_Letter]) -> list[_Letter]:
    """The last run of vowels typed."""
    run: list[_Letter] = []
    for letter in reversed(letters):
        if letter.base in _VOWELS:
            run.insert(0, letter)
        elif run:
            break
    return run


def _shape_last(letters: list[_Letter], shape: str) -> bool:
    """Put a shape mark on the vowel it belongs to ("uo" + horn marks both); False if none takes it."""
    run = _vowel_run(letters)
    if shape == HORN and len(run) >= 2 and run[-2].base == "u" and run[-1].base == "o":
        run[-2].shape = run[-1].shape = HORN  # ươ
        return True
    for letter in reversed(run):
        if letter.base in _TAKES[shape]:
            letter.shape = shape
            return True
    return False


def _apply_w(letters: list[_Letter]) -> None:
    """Telex w: "uo" -> "ươ", a -> ă, o/u -> ơ/ư (the last such vowel); alone it types ư."""
    run = _vowel_run(letters)
    if len(run) >= 2 and run[-2].base == "u" and run[-1].base == "o":
        run[-2].shape = run[-1].shape = HORN
        return
    for letter in reversed(run):
        if letter.base == "a":
            letter.shape = BREVE
            return
        if letter.base in "ou":
            letter.shape = HORN
            return
    letters.append(_Letter("u", HORN))


def _doubles(letters: list[_Letter], ch: str) -> bool:
    """Telex aa/ee/oo: a second a, e or o right after the first is a circumflex ("tieen", "uoon")."""
    last = letters[-1] if letters else None
    if last is not None and last.base == ch and not last.shape:
        last.shape = CIRCUMFLEX
        return True
    return False


_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k", "l",
           "m", "n", "p", "q", "r", "s", "t", "v", "x", "")
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "")
# The vowel clusters of Vietnamese spelling (with their shape marks), so that "iso" is not read as "ío".
_NUCLEI = frozenset(unicodedata.normalize("NFC", v) for v in (
    "a ă â e ê i o ô ơ u ư y ai ao au âu ay ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ "
    "ưu yê iêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu yêu").split())


def _compose(letters: list[_Letter], tone: str) -> str | None:
    """Spell the letters as one syllable, the tone on the vowel Vietnamese spelling puts it on."""
    chars = ["\u0111" if l.base == "d" and l.shape == "stroke" else l.base + (l.shape if l.shape != "stroke" else "")
             for l in letters]
    bases = "".join(l.base for l in letters)
    onset = next(o for o in _ONSETS if bases.startswith(o))
    if onset in ("gi", "qu") and len(bases) > 2 and bases[2] in _VOWELS:
        pass  # the i of "gi" and the u of "qu" belong to the onset
    elif onset in ("gi", "qu"):
        onset = onset[0]
    rest = bases[len(onset):]
    coda = next((c for c in _CODAS if rest.endswith(c) and set(rest[: len(rest) - len(c)]) <= _VOWELS), None)
    if coda is None or not 1 <= len(rest) - len(coda) <= 3:
        return None
    nucleus_len = len(rest) - len(coda)
    start = len(onset)
    nucleus = list(range(start, start + nucleus_len))
    if unicodedata.normalize("NFC", "".join(chars[start:start + nucleus_len])) not in _NUCLEI:
        return None
    if tone:
        chars[_tone_position(letters, nucleus, bool(coda))] += tone
    return unicodedata.normalize("NFC", "".join(chars))


def _tone_position(letters: list[_Letter], nucleus: list[int], has_coda: bool) -> int:
    """Index of the vowel that carries the tone mark."""
    shaped = [i for i in nucleus if letters[i].shape in (CIRCUMFLEX, HORN, BREVE)]
    if shaped:
        return shaped[-1]  # ươ: on the ơ; otherwise the one shaped vowel
    if has_coda or len(nucleus) == 1:
        return nucleus[-1]
    return nucleus[1] if len(nucleus) == 3 else nucleus[0]


_DROPPED = "hngi"  # letters most often left out of a syllable typed on a phone
_MAX_REPAIR = 9  # longer unknown words are names or run-together phrases, not one syllable mistyped


@dataclass(frozen=True)
class Vocabulary:
    """What counts as a known word: syllables with their marks, and forms known as typed."""

    syllables: frozenset[tuple[str, str]]  # syllable_key of every known word
    plain: frozenset[str]  # folded words, abbreviations and shorthand: never decoded

    def word(self, word: str, fold: Callable[[str], str], repair: bool = True) -> str:
        """A word, or the known syllable its Telex or VNI keystrokes spell; with `repair`, also the known word a
        phone typo of it stands for."""
        if fold(word) in self.plain:
            return word
        known = self._known(word, fold)
        if known is not None:
            return known
        return (self._repaired(word, fold) if repair else None) or word

    def _known(self, word: str, fold: Callable[[str], str]) -> str | None:
        """The known syllable a word's keystrokes spell, if they spell one."""
        decoded = decode_word(word)
        if decoded is None or decoded == word.lower():
            return None
        # A known syllable; or one whose letters are a known word's, its marks perhaps mistyped ("Dduwowng").
        return decoded if syllable_key(decoded) in self.syllables or fold(decoded) in self.plain else None

    def _repaired(self, word: str, fold: Callable[[str], str]) -> str | None:
        """A phone typo of a known word: a letter typed twice ("duongg"), or two letters swapped ("hcoj", "ngừoi")."""
        if len(word) < 3 or len(word) > _MAX_REPAIR or not word.isalpha():
            return None
        undoubled = re.sub(r"(\w)\1+", r"\1", word)
        if undoubled != word and (fold(undoubled) in self.plain or self._known(undoubled, fold)):
            return self._known(undoubled, fold) or undoubled
        # a letter dropped from a final "nh", "ng", "ch" or a medial "i" ("chín" for "chính", "phòg", "nhêu"):
        # only where the result is a syllable known with these very marks
        for i in range(1, len(word) + 1):
            for letter in _DROPPED:
                inserted = word[:i] + letter + word[i:]
                if fold(inserted) in self.plain and syllable_key(inserted) in self.syllables:  # (the cheaper first)
                    return inserted
        swaps = [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]
        spelled = [self._known(w, fold) or w for w in swaps if w != word]
        # a syllable known with its very marks first ("hcoj" -> "học", not "chọ" which only folds to a known word)
        for candidate in sorted(spelled, key=lambda w: syllable_key(w) not in self.syllables):
            if syllable_key(candidate) in self.syllables or fold(candidate) in self.plain:
                return candidate
        return None

    def decode(self, text: str, fold: Callable[[str], str], repair: bool = False) -> str:
        """Text with every word typed as Telex or VNI keystrokes replaced by the known syllable it spells (and
        with `repair`, every phone typo of a known word by that word)."""
        return _WORD.sub(lambda m: self.word(m.group(0), fold, repair), text)
