"""Which facts quote each figure of each article: the coverage admins read before trusting an article.

Quotes are verbatim passages of their article (white space aside), so a figure of the text is covered
when it lies inside the quoted passage of some fact.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.language import figures
from bot.language.figures import Figure
from bot.kb.knowledge import Article, KnowledgeBase
from bot.language.text import squash

_SENTENCE_END = re.compile(r"(?<=[.!?;…])\s+|\n+")


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
        sentences = _sentences(text)
        first_line = _text_line(article)
        for figure in figures.find(text):
            quoting = tuple(dict.fromkeys(f for s, e, f in spans if s <= figure.start and figure.end <= e))
            sentence, offset = next(((s, o) for s, o in sentences if o <= figure.start < o + len(s)), ("", 0))
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


def _sentences(text: str) -> list[tuple[str, int]]:
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
