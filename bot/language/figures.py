"""Find the figures in Vietnamese text: counts, percentages, years, dates, document numbers, with context.

"94,6% cán bộ" is a percentage of 94.6, "17.412 người" a count, "26/12/2017" a date, "2532/QĐ-UBND" a
document number, "2012-2017" two years; each comes with the words around it, so a question's figure
can be compared with the figure an article gives for the same thing.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from bot.language.text import fold, lazy_regex, number_token

COUNT, PERCENT, YEAR, DATE, DOCUMENT, TIME, PHONE = "count", "percent", "year", "date", "document", "time", "phone"
CONTEXT_WORDS = 3  # words kept on each side of a figure

# "15/11/2018", "11/2018", "15-11-2018", and a day and month after "ngày" or a time of day ("ngày 15-11", "chiều
# 3-4": the press writes dates so), or after "từ"/"đến" when what follows shows a date ("từ 1-4 vừa qua", "từ 1-4;"),
# not a range ("từ 3-5 người")
_DAY_CUES = ("ngày", "ngay", "Ngày", "chiều", "chieu", "Chiều", "sáng", "Sáng", "trưa", "trua", "Trưa", "tối", "Tối",
             "đêm", "Đêm", "hôm", "hom", "Hôm")  # (not "sang", "toi", "dem" without tones: "chuyển sang 3-4 đơn vị")
_DATE = lazy_regex(r"(?<![\d/-])(?:(?:0?[1-9]|[12]\d|3[01])[/-])?(?:0?[1-9]|1[0-2]|[IV]{1,3})[/-]"
                   r"(?:19|20)\d{2}(?![\d/])"
                   r"|(?:" + "|".join(rf"(?<={c} )" for c in _DAY_CUES) + r")\d{1,2}[/-]\d{1,2}(?![\d/-])"
                   r"|(?:(?<=từ )|(?<=tu )|(?<=đến )|(?<=den )|(?<=tới ))(?:[12]?\d|3[01])[/-](?:0?[1-9]|1[0-2])"
                   r"(?=\s*[;,.)]|\s+(?:vừa|vua|này|tới)\b)")
# "ngày 5.6.2012", "tháng 6.2012", "ngày 25.5": a date written with dots, as some papers do (never a count: a
# thousands group has three digits, and a day and month stand so only after "ngày" or a time of day)
_DOTTED_DATE = lazy_regex(r"(?<![\w.,])(?:(?:[12]?\d|3[01])\.)?(?:0?[1-9]|1[0-2])\.(?:19|20)\d{2}(?!\w|[.,]\d)"
                          r"|(?:" + "|".join(rf"(?<={c} )" for c in _DAY_CUES) + r")"
                          r"(?:[12]?\d|3[01])\.(?:0?[1-9]|1[0-2])(?!\w|[.,]\d)")
_TIME = lazy_regex(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])|(?<=GMT[+-])\d{1,2}")
_PHONE = lazy_regex(r"(?<![\d.])0\d{2,3}(?:\. ?| )?\d{6,7}(?!\d)")
_DOCUMENT = lazy_regex(r"(?<![\w/])(\d+)\s*(?:/|-)\s*[A-ZĐ]{1,}")
_NUMBER = lazy_regex(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_SLASHED = lazy_regex(r"(?<![\w.,/])\d+/$")  # a number right before a slash ("108/" of "108/2014")
_PERCENT_AFTER = lazy_regex(r"\s*(?:%|phần trăm|phan tram)", re.IGNORECASE)
_YEAR_BEFORE = lazy_regex(r"(?:năm|nam|giai đoạn|giai doan|từ|tu|đến|den|tới|toi|so với|so voi|cuối|cuoi|đầu|dau)"
                          r"\s*$", re.IGNORECASE)
_RANGE_YEAR = lazy_regex(r"(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}")
_DOCUMENT_WORDS = ("nghi quyet", "quyet dinh", "chi thi", "de an", "giay phep", "cong van", "thong tu", "nghi dinh",
                   "ke hoach", "tap chi")
_WORD = lazy_regex(r"[^\W_]+")
_YEAR_SHAPE = lazy_regex(r"(?:19|20)\d{2}")
# ...and as staff shorten them ("NQ 10", "QĐ 2532", "NĐ 108"): a number after one numbers that document
_DOCUMENT_SHORT = ("nq", "qd", "nd")
_DOCUMENT_BEFORE = lazy_regex(r"(?:" + "|".join(_DOCUMENT_WORDS) + r"|\b(?:" + "|".join(_DOCUMENT_SHORT) + r"))"
                              r"\s*(?:so\s*)?$")
_NUMBER_BEFORE = lazy_regex(r"\bso\s*$")
_IS_NUMBER = lazy_regex(r"\bla so\s*$")  # "… là số 1285": what a document named before it is numbered
# ("số 506 hay số 2532": the second said with its "số" again)
_OR_AFTER = lazy_regex(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s+(?:hay|hoặc|hoac|hay là|hay la)\s+(?:(?:số|so)\s*)?$",
                       re.IGNORECASE)
_OR_CHARS = 30  # how far back the figure an "X hay Y" choice offers first is looked for
_DIGIT = lazy_regex(r"\d")


@dataclass(frozen=True)
class Figure:
    """One figure found in a text."""

    value: str  # canonical number: "17412", "94.6", "7"
    kind: str  # COUNT, PERCENT, YEAR, DATE, DOCUMENT, TIME or PHONE
    start: int
    end: int
    before: tuple[str, ...]  # folded words right before it, nearest last
    after: tuple[str, ...]  # folded words right after it, nearest first

    @property
    def is_quantity(self) -> bool:
        """A count or a percentage: what a question asking "bao nhiêu" wants."""
        return self.kind in (COUNT, PERCENT)


def number(value: str) -> float:
    """A canonical figure as a number (one that is none, "2.5,3" as typed, stays apart: -1)."""
    try:
        return float(value)
    except ValueError:
        return -1.0


def year_shaped(value: str) -> bool:
    """Whether a figure's value has the shape of a year (1900-2099), however it was said ("đến giữa 2017")."""
    return _YEAR_SHAPE.fullmatch(value) is not None


def find(text: str) -> list[Figure]:
    """Every figure of a text, in order."""
    text = unicodedata.normalize("NFC", text)
    if _DIGIT.search(text) is None:
        return []  # (every figure has a digit: most questions name none, and no pattern need look)
    taken: list[tuple[int, int]] = []
    out: list[Figure] = []

    def add(start: int, end: int, value: str, kind: str) -> None:
        out.append(Figure(value, kind, start, end, _words_before(text, start), _words_after(text, end)))

    for m in _PHONE.finditer(text):  # one figure, its digits alone: "0220. 3892436" is "0220.3892436"
        taken.append((m.start(), m.end()))
        add(m.start(), m.end(), re.sub(r"\D", "", m.group(0)), PHONE)
    # (a pattern scanning every position runs only when what it needs is there: a time's colon or "GMT", a date's or
    # a document number's slash or dash)
    dashed = "/" in text or "-" in text
    for pattern, kind, needed in ((_TIME, TIME, ":" in text or "GMT" in text), (_DATE, DATE, dashed)):
        if not needed:
            continue
        for m in pattern.finditer(text):
            if not _overlaps(taken, m.start(), m.end()):
                taken.append((m.start(), m.end()))
                for n in _NUMBER.finditer(m.group(0)):
                    add(m.start() + n.start(), m.start() + n.end(), number_token(n.group(0)), kind)
    for m in _DOTTED_DATE.finditer(text) if "." in text else ():
        if not _overlaps(taken, m.start(), m.end()):
            taken.append((m.start(), m.end()))
            for n in re.finditer(r"\d+", m.group(0)):
                add(m.start() + n.start(), m.start() + n.end(), number_token(n.group(0)), DATE)
    for m in _DOCUMENT.finditer(text) if dashed else ():
        if not _overlaps(taken, m.start(1), m.end(1)) and not _RANGE_YEAR.match(text, m.start(1)):
            taken.append((m.start(1), m.end(1)))
            add(m.start(1), m.end(1), number_token(m.group(1)), DOCUMENT)
    for m in _NUMBER.finditer(text):
        if _overlaps(taken, m.start(), m.end()):
            continue
        add(m.start(), m.end(), number_token(m.group(0)), _kind(text, m))
    out.sort(key=lambda f: f.start)
    return out


def _kind(text: str, m: re.Match[str]) -> str:
    """What a plain number is, from its shape and the words around it."""
    raw = m.group(0)
    if _PERCENT_AFTER.match(text, m.end()):
        return PERCENT
    slashed = _SLASHED.search(text, 0, m.start()) if text[m.start() - 1:m.start()] == "/" else None
    if slashed is not None and _kind(text, _NUMBER.match(text, slashed.start())) == DOCUMENT:
        return DOCUMENT  # "Nghị định 108/2014": the year the document was issued, part of its number
    before = fold(text[max(0, m.start() - 40):m.start()])
    if year_shaped(raw):
        if _YEAR_BEFORE.search(text[max(0, m.start() - 20):m.start()]) or _in_year_range(text, m):
            return YEAR
        after = _words_after(text, m.end())
        if not after[:1] or after[0] in ("", "va", "den"):
            return YEAR
    if _DOCUMENT_BEFORE.search(before) or (
            _NUMBER_BEFORE.search(before) and any(w in before[-30:] for w in _DOCUMENT_WORDS)):
        return DOCUMENT
    if _IS_NUMBER.search(before) and any(w in fold(text[:m.start()]) for w in _DOCUMENT_WORDS):
        return DOCUMENT  # "Nghị quyết nhất thể hoá … ở Hoành Bồ là số 1285": the document's number, however far
    prior = _OR_AFTER.search(text, max(0, m.start() - _OR_CHARS), m.start())
    if prior is not None:  # "số 1258 hay 1285": the second figure is what the first is
        return _kind(text, _NUMBER.match(text, prior.start(1)))
    return COUNT


def _in_year_range(text: str, m: re.Match[str]) -> bool:
    """"2012-2017", "2016 – 2020": both ends are years."""
    window = text[max(0, m.start() - 7):m.end() + 7]
    return bool(_RANGE_YEAR.search(window))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span already taken."""
    return any(start < e and s < end for s, e in spans)


def _words_before(text: str, start: int) -> tuple[str, ...]:
    """The folded words right before a position, nearest last."""
    return tuple(map(_folded_word, _WORD.findall(text[max(0, start - 60):start])[-CONTEXT_WORDS:]))


def _words_after(text: str, end: int) -> tuple[str, ...]:
    """The folded words right after a position, nearest first (a percent sign counts as a word)."""
    rest = text[end:end + 60]
    return tuple(map(_folded_word, _WORD.findall(rest.replace("%", " phan tram "))[:CONTEXT_WORDS]))


_folded_word = functools.lru_cache(maxsize=1 << 14)(fold)  # fold of one word (a bounded cache: words repeat)


def values(text: str) -> set[float]:
    """Every figure of a text as a number ("17.412" and "17412" alike)."""
    out = set()
    for f in find(text):
        try:
            out.add(float(f.value))
        except ValueError:
            pass
    return out
