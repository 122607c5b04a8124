"""Every number in the five articles is in some fact's answer, and that fact is reachable by a question."""
import re

import pytest

from bot.kb.knowledge import load_knowledge
from tests.conftest import KNOWLEDGE

FACT_IDS = [f.id for f in load_knowledge(KNOWLEDGE).facts]

DIGITS = re.compile(r"\d+")


def _runs(text: str) -> set[str]:
    """Digit runs without leading zeros ("0220" and "220" are one figure; "07" is 7)."""
    return {run.lstrip("0") or "0" for run in DIGITS.findall(text)}


def test_every_number_in_every_article_is_in_an_answer(engine):
    answers = " ".join(f.answer for f in engine.kb.facts)
    for article in engine.kb.articles.values():
        missing = _runs(article.text) - _runs(answers)
        assert not missing, f"{article.id}: figures {sorted(missing)} are in the article but in no answer"


@pytest.mark.parametrize("fact_id", FACT_IDS)
def test_each_fact_is_reachable_by_its_own_first_question(engine, fact_id):
    fact = engine.kb.fact(fact_id)
    answer = engine.answer(fact.questions[0])
    assert answer.answered and answer.fact.id == fact.id, (fact.questions[0], answer.outcome,
                                                              [s.fact_id for s in answer.suggestions])


def test_every_fact_is_reachable(engine):
    unreachable = [f.id for f in engine.kb.facts
                   if not any(engine.answer(q).fact is not None and engine.answer(q).fact.id == f.id
                              for q in f.questions)]
    assert not unreachable
