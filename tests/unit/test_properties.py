"""Property tests: no string makes the engine or the renderers fail."""
import html
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine.render import answer_lines, json_line, to_json, to_text
from channels.telegram import render

HOSTILE = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",))),
    st.sampled_from(["<b>", "</a>", "&amp;", "'; DROP TABLE questions; --", "\x00\x01\x1b[31m", "🙂" * 50,
                     "\u202e\u200b", "Sở KH&CN <i>Lạng Sơn</i>", "a" * 10_000, "bao nhiêu " * 1_000]),
    st.lists(st.sampled_from(["sở", "khcn", "lạng", "sơn", "bao", "nhiêu", "cán", "bộ", "2017", "%", "?", "Đ"]),
             max_size=40).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=HOSTILE)
def test_answering_never_raises_and_renders_everywhere(engine, question):
    answer = engine.answer(question)
    record = to_json(answer)
    json.loads(json.dumps(record, ensure_ascii=False))
    assert json_line(answer) == json.dumps(record, ensure_ascii=False)  # `ask --json`'s faster writing of it
    assert isinstance(record["answered"], bool) and 0 <= record["score"] <= 100
    assert to_text(answer)
    rendered = "\n".join(render(tuple(answer_lines(answer))))
    # Only our own tags survive: the question and knowledge text are always escaped.
    stripped = rendered.replace("<b>", "").replace("</b>", "").replace("<blockquote>", "").replace("</blockquote>", "")
    assert "<" not in stripped and ">" not in stripped.replace("&gt;", "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.text(min_size=1, max_size=200))
def test_escaped_question_text_never_appears_raw_in_html(engine, question):
    rendered = "\n".join(render(tuple(answer_lines(engine.answer(question)))))
    for name in engine.answer(question).missing:
        assert html.escape(name) in rendered


def test_ten_thousand_characters(engine):
    answer = engine.answer("Đông Triều có bao nhiêu trí thức " * 300)
    assert answer.outcome in {"answer", "clarify", "decline"}


def test_the_json_line_is_json_dumps_of_the_record_whatever_the_answer(engine):
    """Answers, clarifications, declines with examples, several-part messages: each line as json.dumps writes
    the record, also for a suggestion seen before with another score."""
    from bot.engine.core import Suggestion
    from tests.judge import load_cases
    from bot.service.config import REPO_ROOT
    outcomes = set()
    for path in ("accuracy.yaml", "messages.yaml"):
        for case in load_cases(REPO_ROOT / "tests" / "data" / path):
            answer = engine.answer(case["q"])
            outcomes.add((str(answer.outcome), bool(answer.parts), bool(answer.examples)))
            assert json_line(answer) == json.dumps(to_json(answer), ensure_ascii=False)
    assert len(outcomes) >= 4
    seen = next(s for case in load_cases(REPO_ROOT / "tests" / "data" / "accuracy.yaml")
                for s in engine.answer(case["q"]).suggestions)
    for score in (-0.0, 0.0, 1, 1.0, seen.score):
        again = Suggestion(seen.fact_id, seen.question, score, seen.sources)
        answer = engine.answer("xin chào")
        answer = type(answer)(answer.question, answer.outcome, suggestions=(again,))
        assert json_line(answer) == json.dumps(to_json(answer), ensure_ascii=False)
