"""Which facts quote each figure of each article: the coverage admins read before trusting an article.

Quotes are verbatim passages of their article (white space aside), so a figure of the text is covered
when it lies inside the quoted passage of some fact.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from bot.language import figures
from bot.language.figures import PERCENT, Figure
from bot.language.text import lazy_regex, squash

if TYPE_CHECKING:  # knowledge checks answers with changed_figures below, so it cannot be imported at run time here
    from bot.kb.knowledge import Article, KnowledgeBase

_SENTENCE_END = lazy_regex(r"(?<=[.!?;…])\s+|\n+")
# Words that scale the figure before them ("214 nghìn", "3 tỷ đồng") and number words ("hai trăm").
_SCALE = lazy_regex(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ|trăm|vạn|chục)(?![\w])", re.IGNORECASE)
_NUMBER_WORDS = {"hai", "ba", "bốn", "sáu", "bảy", "bẩy", "tám", "chín", "mười", "mươi", "trăm", "nghìn", "ngàn",
                 "triệu", "tỷ", "tỉ", "chục", "vạn"}
_RUN_WORDS = _NUMBER_WORDS | {"một", "năm", "tư", "mốt", "lăm", "nhăm", "linh", "lẻ", "rưỡi"}  # only next to those
_NOT_NUMBERS = lazy_regex(r"phần trăm|t[ỷỉ] (?:lệ|trọng|số)", re.IGNORECASE)  # "87,5 phần trăm", "tỷ lệ"
_WORD = lazy_regex(r"[^\W\d_]+|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class FigureUse:
    """One figure of an article text, the sentence it is in, and the facts quoting it."""

    article: Article
    figure: Figure
    sentence: str
    line: int  # line of the article file where the sentence is, 0 if unknown
    facts: tuple[str, ...]


def canonical(text: str) -> str:
    """NFC with white space collapsed: the form in which quotes are found in their article."""
    return squash(unicodedata.normalize("NFC", text))


def changed_figures(answer: str, quotes: Iterable[str]) -> list[str]:
    """What an answer states differently from its quotes: a figure with another scale ("214" quoted, "214 nghìn"
    answered), a percentage made a count or the reverse ("87,5%" -> "87,5 người"), or a number written in words
    that no quote writes so ("hai trăm"): answers write figures as their quotes do. Figures no quote holds at
    all are knowledge.unquoted_figures' concern."""
    quotes = [canonical(q) for q in quotes]
    quoted = [(f, _scale(q, f)) for q in quotes for f in figures.find(q)]
    text = canonical(answer)
    problems = []
    for figure in figures.find(text):
        same = [(f, scale) for f, scale in quoted if f.value == figure.value]
        scale = _scale(text, figure)
        if not same:
            continue
        if not any(s == scale for _, s in same):
            written = " ".join((text[figure.start:figure.end],) + scale)
            problems.append(f"figure {written} of the answer has another scale than in its quote "
                            f"({_written(same[0])})")
        elif not any((f.kind == PERCENT) == (figure.kind == PERCENT) for f, _ in same):
            problems.append(f"figure {text[figure.start:figure.end]} of the answer is "
                            f"{'a percentage' if figure.kind == PERCENT else 'not a percentage'} but its quote "
                            f"has {_written(same[0])}")
    folded_quotes = [q.lower() for q in quotes]
    for run in _number_word_runs(text):
        if not any(run in q for q in folded_quotes):
            problems.append(f"'{run}' in the answer is a number in words that no quote writes so; write the "
                            "figure as the quote does")
    return problems


def _scale(text: str, figure: Figure) -> tuple[str, ...]:
    """The scale words right after a figure, lower-case ("214 nghìn tỷ" -> ("nghìn", "tỷ"))."""
    words, end = [], figure.end
    while (m := _SCALE.match(text, end)) and not _NOT_NUMBERS.match(text, m.start(1)):
        words.append(m.group(1).lower())
        end = m.end()
    return tuple(words)


def _written(use: tuple[Figure, tuple[str, ...]]) -> str:
    """A quote's figure as a person reads it: value, scale and percent sign."""
    figure, scale = use
    return " ".join((figure.value.replace(".", ","),) + scale) + ("%" if figure.kind == PERCENT else "")


def _number_word_runs(text: str) -> list[str]:
    """Numbers written in words in a text, lower-case ("hai trăm mười bốn"), not the scale of a figure in digits
    ("214 nghìn") nor "phần trăm" or "tỷ lệ"."""
    lower = _NOT_NUMBERS.sub(lambda m: "_" * len(m.group(0)), text.lower())
    runs, current, after_digits = [], [], False
    for m in _WORD.finditer(lower):
        word = m.group(0)
        if word in _RUN_WORDS and not after_digits:
            current.append(word)
            continue
        if current and _NUMBER_WORDS & set(current):
            runs.append(" ".join(current))
        current = []
        after_digits = word[0].isdigit() or (after_digits and word in _RUN_WORDS)
    if current and _NUMBER_WORDS & set(current):
        runs.append(" ".join(current))
    return runs


def figure_uses(kb: KnowledgeBase) -> list[FigureUse]:
    """Every figure of every article text with the facts whose quote holds it, articles in id order."""
    out: list[FigureUse] = []
    for article in sorted(kb.articles.values(), key=lambda a: a.id):
        text = canonical(article.text)
        spans: list[tuple[int, int, str]] = []
        for fact in kb.facts:
            if fact.article_id != article.id:
                continue
            for quote in fact.quotes:
                q = canonical(quote)
                start = text.find(q)
                while q and start >= 0:
                    spans.append((start, start + len(q), fact.id))
                    start = text.find(q, start + 1)
        found = sentences(text)
        first_line = _text_line(article)
        for figure in figures.find(text):
            quoting = tuple(dict.fromkeys(f for s, e, f in spans if s <= figure.start and figure.end <= e))
            sentence, offset = next(((s, o) for s, o in found if o <= figure.start < o + len(s)), ("", 0))
            line = first_line + _line_in_text(article.text, sentence) if first_line else 0
            out.append(FigureUse(article, figure, sentence, line, quoting))
    return out


def uncovered_sentences(kb: KnowledgeBase) -> list[FigureUse]:
    """One entry per sentence holding a figure that no fact quotes."""
    seen: set[tuple[str, str]] = set()
    out = []
    for use in figure_uses(kb):
        key = (use.article.id, use.sentence)
        if not use.facts and key not in seen:
            seen.add(key)
            out.append(use)
    return out


def sentences(text: str) -> list[tuple[str, int]]:
    """The sentences of a canonical text with their offsets."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((text[start:m.start()], start))
        start = m.end()
    if start < len(text):
        out.append((text[start:], start))
    return out


def _text_line(article: Article) -> int:
    """The line of the article file where its text begins (0 if the file cannot be read)."""
    try:
        with open(article.file, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.lstrip().startswith("text:"):
                    return number + 1
    except OSError:
        return 0
    return 0


def _line_in_text(text: str, sentence: str) -> int:
    """How many lines into the raw text a sentence starts (its first words located, white space aside)."""
    probe = sentence.split()[:4]
    for number, line in enumerate(text.splitlines()):
        if probe and " ".join(probe) in canonical(line):
            return number
    return 0
