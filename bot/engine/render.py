"""Turn an Answer into what a person reads: styled lines (which each channel shows its own way), plain text,
or a JSON record."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, fields
from typing import Callable, Iterable

from bot.engine.core import ANSWER, CLARIFY, EMPTY, NOT_GIVEN, SMALLTALK, Answer, Rule, Source, Suggestion

PLAIN, STRONG, QUOTE = "plain", "strong", "quote"

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
NOT_SAID_TEXT = "Các bài báo mình có không nói rõ điều bạn hỏi{where}."  # a question asking no number (who, which)
NOT_GIVEN_FIGURES = "Các bài báo mình có không có số liệu nào ứng với {figures}{where}."
NOT_GIVEN_WHERE = " cho {names}"
NOT_GIVEN_EXAMPLES = "Về {names}, bài viết có:"
NOT_GIVEN_EXAMPLES_ANY = "Các bài viết có:"
CLARIFY_TEXT = "Mình chưa chắc bạn hỏi điều nào. Ý bạn là:"
CLARIFY_HINT = "Bạn chọn một câu, hoặc hỏi lại rõ hơn (nêu đơn vị, địa phương)."
EXAMPLES_TEXT = "Bạn có thể hỏi, ví dụ:"
PART_NOT_FOUND = "Về “{question}”: mình chưa có thông tin."
PART_UNSURE = "Về “{question}”: mình chưa chắc bạn hỏi điều nào, bạn hỏi riêng câu này giúp mình nhé."
SOURCE_LABEL = "Nguồn"
AUTHOR_LABEL = "tác giả"


@dataclass(frozen=True)
class Span:
    """A piece of text with its style: plain, strong (the answer) or quote (the quoted sentence)."""

    text: str
    style: str = PLAIN


Line = tuple[Span, ...]


def line(text: str, style: str = PLAIN) -> Line:
    """A line of one span."""
    return (Span(text, style),)


def plain(lines: Iterable[Line]) -> str:
    """Lines as plain text."""
    return "\n".join("".join(span.text for span in spans) for spans in lines)


def vn_date(iso: str) -> str:
    """2021-04-15 -> 15/04/2021."""
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def source_line(src: Source) -> str:
    """Title — publisher, date, author."""
    return f"{src.title} — {src.publisher}, {vn_date(src.date)}, {AUTHOR_LABEL} {src.author}"


def source_lines(sources: Iterable[Source]) -> list[Line]:
    """Where an answer comes from: title, publisher, date, author, address, and the quoted sentence."""
    out: list[Line] = []
    for src in sources:
        out.append(line(f"{SOURCE_LABEL}: {source_line(src)}"))
        if src.url:
            out.append(line(src.url))
        out.append(line(f"“{src.quote}”", QUOTE))
    return out


def numbered(items: Iterable[str]) -> list[Line]:
    """"1. …", "2. …"."""
    return [line(f"{i}. {text}") for i, text in enumerate(items, 1)]


def bullets(items: Iterable[str]) -> list[Line]:
    """"• …" lines (examples shown while other, numbered choices are still open)."""
    return [line(f"• {text}") for text in items]


def answer_lines(answer: Answer, number_examples: bool = True) -> list[Line]:
    """The message for an Answer, as styled lines; examples numbered to be picked, or as bullets."""
    listed = numbered if number_examples else bullets
    if answer.parts:
        return _parts_lines(answer)
    if answer.outcome == ANSWER and answer.fact is not None:
        out = [line(answer.lead)] if answer.lead else []
        return out + [line(answer.fact.answer, STRONG), line("")] + source_lines(answer.sources)
    if answer.outcome == CLARIFY:
        return [line(CLARIFY_TEXT), *numbered(s.question for s in answer.suggestions), line(CLARIFY_HINT)]
    if answer.outcome == SMALLTALK:
        out = [line(SMALLTALK_TEXT.get(answer.reason, INTRO))]
    elif answer.reason == EMPTY:
        out = [line(EMPTY_TEXT)]
    elif answer.reason == NOT_GIVEN:
        names = ", ".join(answer.places)
        where = NOT_GIVEN_WHERE.format(names=names) if names else ""
        asked_number = answer.why.values.get("measure", "") != ""
        text = (NOT_GIVEN_FIGURES.format(figures=", ".join(answer.figures), where=where) if answer.figures
                else NOT_GIVEN_TEXT.format(where=where) if asked_number or answer.why.rule != Rule.OTHER_MEASURE
                else NOT_SAID_TEXT.format(where=where))
        out = [line(text)]
        if answer.examples:
            head = NOT_GIVEN_EXAMPLES.format(names=names) if names else NOT_GIVEN_EXAMPLES_ANY
            return out + [line(head), *listed(s.question for s in answer.examples)]
    elif answer.missing:
        out = [line(DECLINE_PLACE_TEXT.format(names=", ".join(answer.missing)))]
    else:
        out = [line(DECLINE_TEXT)]
    if answer.examples:
        out += [line(EXAMPLES_TEXT), *listed(s.question for s in answer.examples)]
    return out


def _parts_lines(answer: Answer) -> list[Line]:
    """A message asking several things: each answer with its sources; a part not answered says so."""
    out: list[Line] = []
    for part in answer.parts:
        if out:
            out.append(line(""))
        if part.answered and part.fact is not None:
            if part.lead:
                out.append(line(part.lead))
            out += [line(part.fact.answer, STRONG), *source_lines(part.sources)]
        else:
            out.append(line(_unanswered_part(part)))
    return out


def _unanswered_part(part: Answer) -> str:
    """What is said of a part of a message the bot could not answer."""
    return (PART_UNSURE if part.outcome == CLARIFY else PART_NOT_FOUND).format(question=part.question)


def answer_text(answer: Answer) -> str:
    """The answer sentences alone (after any yes/no verdict), every part of a message asking several things."""
    if answer.parts:
        return " ".join(answer_text(p) if p.answered else _unanswered_part(p) for p in answer.parts)
    return (f"{answer.lead} " if answer.lead else "") + (answer.fact.answer if answer.fact else "")


def to_text(answer: Answer) -> str:
    """Plain text for terminals and channels without markup."""
    return plain(answer_lines(answer))


def source_json(src: Source) -> dict:
    """A source as the JSON contract spells it: its fields, in order (what dataclasses.asdict gives for its plain
    values, without asdict's deep copy, which was three quarters of the cost of a JSON record)."""
    return {name: getattr(src, name) for name in _SOURCE_FIELDS}


_SOURCE_FIELDS = tuple(f.name for f in fields(Source))


def _suggestion_json(s: Suggestion) -> dict:
    """A suggestion as the JSON contract spells it."""
    return {"fact_id": s.fact_id, "question": s.question, "score": round(s.score, 2),
            "sources": [source_json(x) for x in s.sources]}


def to_json(answer: Answer) -> dict:
    """The `ask --json` record of one answer."""
    return {
        **_head_json(answer),
        "sources": [source_json(s) for s in _sources(answer)],
        "suggestions": [_suggestion_json(s) for s in _suggestions(answer)],
        "why": _why_json(answer),
    }


def _head_json(answer: Answer) -> dict:
    """The fields of an answer's record before its sources."""
    return {
        "question": answer.question,
        "answered": answer.answered,
        "outcome": answer.outcome,
        # The answer sentence alone (after a yes/no verdict) when a fact answers, else the full reply.
        "answer": answer_text(answer) if answer.answered and answer.fact else to_text(answer),
        "score": round(max(0.0, min(100.0, answer.score)), 2),
        "fact_id": answer.fact.id if answer.answered and answer.fact else None,
    }


def _sources(answer: Answer) -> tuple[Source, ...]:
    """The sources an answer's record cites."""
    return answer.sources if answer.answered else ()


def _suggestions(answer: Answer) -> tuple[Suggestion, ...]:
    """What the reply offers to pick: the choices of a clarification, or the examples a decline lists."""
    return answer.suggestions or (answer.examples if not answer.answered else ())


def json_line(answer: Answer) -> str:
    """`json.dumps(to_json(answer), ensure_ascii=False)`, the same text, with each source and suggestion
    encoded once and reused: the same few repeat in answer after answer, and encoding them again was half the
    cost of a line of `ask --json`."""
    encode = _encoder()
    return (encode(_head_json(answer))[:-1] + ', "sources": [' + ", ".join(map(_source_line, _sources(answer)))
            + '], "suggestions": [' + ", ".join(map(_suggestion_line, _suggestions(answer))) + '], "why": '
            + encode(_why_json(answer)) + "}")


@functools.lru_cache(maxsize=1)
def _encoder() -> Callable[[object], str]:
    """json.dumps(value, ensure_ascii=False), with json's C encoder made once rather than for each call (json is
    imported only for JSON output: a start printing text does without it). The records are never circular: the
    check for it is left out."""
    import json
    from json import encoder
    plain = json.JSONEncoder(ensure_ascii=False)
    if encoder.c_make_encoder is None:  # pragma: no cover - a Python without json's C speed-ups
        return plain.encode
    made = encoder.c_make_encoder(None, plain.default, encoder.encode_basestring, None, plain.key_separator,
                                  plain.item_separator, plain.sort_keys, plain.skipkeys, plain.allow_nan)
    return lambda value: "".join(made(value, 0))


@functools.lru_cache(maxsize=4096)
def _source_line(src: Source) -> str:
    """A source's JSON text (a bounded cache: the sources answers cite)."""
    return _encoder()(source_json(src))


def _suggestion_line(s: Suggestion) -> str:
    """A suggestion's JSON text."""
    before, after = _suggestion_parts(s.fact_id, s.question, s.sources)
    return before + _encoder()(round(s.score, 2)) + after


@functools.lru_cache(maxsize=4096)
def _suggestion_parts(fact_id: str, question: str, sources: tuple[Source, ...]) -> tuple[str, str]:
    """A suggestion's JSON text before and after its score (a bounded cache: the suggestions replies offer; the
    score is not part of the key, as 0.0 and -0.0, or 1 and 1.0, are equal keys but not the same text)."""
    head = _encoder()({"fact_id": fact_id, "question": question})
    return head[:-1] + ', "score": ', ', "sources": [' + ", ".join(map(_source_line, sources)) + "]}"


def _why_json(answer: Answer) -> dict:
    """Which rule decided and what it measured; a message asking several things lists each part's."""
    record = answer.why.as_dict()
    if answer.parts:
        record["parts"] = [{"question": p.question, "outcome": str(p.outcome), **p.why.as_dict()}
                           for p in answer.parts]
    return record
