"""Turn an Answer into what a person reads: plain text, Telegram HTML, or a JSON record."""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import asdict
from typing import Callable

from .engine import ANSWER, CLARIFY, EMPTY, NOT_GIVEN, SMALLTALK, Answer, Source, Suggestion

INTRO = ("Mình tra cứu số liệu về đội ngũ cán bộ, công chức, viên chức theo các bài báo "
         "và luôn kèm nguồn trích dẫn.")
SMALLTALK_TEXT = {
    "greeting": "Chào bạn! " + INTRO,
    "help": INTRO + " Bạn cứ gõ câu hỏi, có dấu hay không dấu đều được, nhớ nêu đơn vị hoặc địa phương.",
    "thanks": "Không có gì ạ! Bạn cần tra số liệu nào nữa cứ hỏi nhé.",
}
EMPTY_TEXT = "Bạn hãy gõ câu hỏi về số liệu cán bộ, công chức, viên chức nhé."
DECLINE_TEXT = "Xin lỗi, mình chưa có thông tin để trả lời câu này."
DECLINE_PLACE_TEXT = "Xin lỗi, mình chưa có thông tin về {names}."
NOT_GIVEN_TEXT = "Các bài báo mình có không nêu con số bạn hỏi{where}."
NOT_GIVEN_FIGURES = "Các bài báo mình có không có số liệu nào ứng với {figures}{where}."
NOT_GIVEN_WHERE = " cho {names}"
NOT_GIVEN_EXAMPLES = "Về {names}, bài viết có:"
NOT_GIVEN_EXAMPLES_ANY = "Các bài viết có:"
CLARIFY_TEXT = "Mình chưa chắc bạn hỏi điều nào. Ý bạn là:"
CLARIFY_HINT = "Bạn chọn một câu, hoặc hỏi lại rõ hơn (nêu đơn vị, địa phương)."
EXAMPLES_TEXT = "Bạn có thể hỏi, ví dụ:"
SOURCE_LABEL = "Nguồn"
AUTHOR_LABEL = "tác giả"


def vn_date(iso: str) -> str:
    """2021-04-15 -> 15/04/2021."""
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def source_line(src: Source) -> str:
    """Title — publisher, date, author."""
    return f"{src.title} — {src.publisher}, {vn_date(src.date)}, {AUTHOR_LABEL} {src.author}"


def _lines(answer: Answer, esc: Callable[[str], str], bold: Callable[[str], str],
           quote: Callable[[str], str]) -> list[str]:
    """The message as lines, with escaping and emphasis supplied by the output format."""
    if answer.outcome == ANSWER and answer.fact is not None:
        out = [esc(answer.verdict)] if answer.verdict else []
        out += [bold(esc(answer.fact.answer)), ""]
        for src in answer.sources:
            out.append(f"{SOURCE_LABEL}: {esc(source_line(src))}")
            if src.url:
                out.append(esc(src.url))
            out.append(quote(esc(f"“{src.quote}”")))
        return out
    if answer.outcome == CLARIFY:
        out = [esc(CLARIFY_TEXT)]
        out += [f"{i}. {esc(s.question)}" for i, s in enumerate(answer.suggestions, 1)]
        return out + [esc(CLARIFY_HINT)]
    if answer.outcome == SMALLTALK:
        out = [esc(SMALLTALK_TEXT.get(answer.reason, INTRO))]
    elif answer.reason == EMPTY:
        out = [esc(EMPTY_TEXT)]
    elif answer.reason == NOT_GIVEN:
        names = ", ".join(answer.places)
        where = NOT_GIVEN_WHERE.format(names=names) if names else ""
        text = (NOT_GIVEN_FIGURES.format(figures=", ".join(answer.figures), where=where) if answer.figures
                else NOT_GIVEN_TEXT.format(where=where))
        out = [esc(text)]
        if answer.examples:
            head = NOT_GIVEN_EXAMPLES.format(names=names) if names else NOT_GIVEN_EXAMPLES_ANY
            return out + [esc(head)] + [f"{i}. {esc(s.question)}" for i, s in enumerate(answer.examples, 1)]
    elif answer.missing:
        out = [esc(DECLINE_PLACE_TEXT.format(names=", ".join(answer.missing)))]
    else:
        out = [esc(DECLINE_TEXT)]
    if answer.examples:
        out += [esc(EXAMPLES_TEXT)] + [f"{i}. {esc(s.question)}" for i, s in enumerate(answer.examples, 1)]
    return out


def to_text(answer: Answer) -> str:
    """Plain text for terminals and channels without markup."""
    same = lambda s: s  # noqa: E731 - identity for the format hooks
    return "\n".join(_lines(answer, same, same, same))


def to_html(answer: Answer) -> str:
    """Telegram HTML: every inserted string escaped, so no text can break the markup."""
    return "\n".join(_lines(answer, html.escape, lambda s: f"<b>{s}</b>", lambda s: f"<blockquote>{s}</blockquote>"))


def source_json(src: Source) -> dict:
    """A source as the JSON contract spells it."""
    return asdict(src)


def _suggestion_json(s: Suggestion) -> dict:
    """A suggestion as the JSON contract spells it."""
    return {"fact_id": s.fact_id, "question": s.question, "score": round(s.score, 2),
            "sources": [source_json(x) for x in s.sources]}


def to_json(answer: Answer) -> dict:
    """The `ask --json` record of one answer."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "outcome": answer.outcome,
        # The answer sentence alone (after a yes/no verdict) when a fact answers, else the full reply.
        "answer": (f"{answer.verdict} " if answer.verdict else "") + answer.fact.answer
        if answer.answered and answer.fact else to_text(answer),
        "score": round(max(0.0, min(100.0, answer.score)), 2),
        "fact_id": answer.fact.id if answer.answered and answer.fact else None,
        "sources": [source_json(s) for s in answer.sources] if answer.answered else [],
        "suggestions": [_suggestion_json(s) for s in answer.suggestions],
    }
