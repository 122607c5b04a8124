"""The matcher's compact index: what pooling asks of each fact's terms is what the postings say, readings and
figures reused on reload are those a fresh build finds, and equal sets are shared, not copied."""
from __future__ import annotations

import dataclasses

import pytest

from bot.engine.core import Engine
from bot.engine.matcher import _holds
from bot.kb.knowledge import load_knowledge
from bot.service.config import DEFAULTS, load_config


@pytest.fixture(scope="module")
def built():
    config = load_config(DEFAULTS, environ={})
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    return config, kb, Engine(kb, config.match, config.policy)


def test_a_facts_terms_are_exactly_the_postings_that_hold_it(built):
    """Pooling asks `term in scope.everything[i]` instead of walking long postings: the two must agree."""
    _, kb, engine = built
    index = engine.index
    terms = set(index.phrasing_postings) | set(index.answer_postings)
    for term in terms:
        full, part = index.phrasing_postings.get(term, ()), index.answer_postings.get(term, ())
        assert not set(full) & set(part)  # a fact has a term in its phrasings or in its answer only, never both
        assert list(full) == sorted(full) and list(part) == sorted(part)
        for i in range(len(kb.facts)):
            assert (term in index.scope.everything[i]) == (_holds(full, i) or _holds(part, i)), (term, i)


def test_texts_read_together_read_as_each_alone(built):
    """An index build reads its texts together (Reader.read_many): each reading is the one a question gets."""
    from bot.engine.reader import Reader
    _, kb, _ = built
    texts = [t for f in kb.facts for t in (*f.questions, f.unit, *f.tags, f.answer, *f.quotes)]
    texts += [a.title for a in kb.articles.values()]
    texts += ["SoKHCN LS co bn cb?", "sở nv hn giảm bao nhiêu", "chuyên viên chín", "nguwowif", "", "LS", "Đ"]
    alone = [Reader(kb).analyse(t) for t in texts]
    assert Reader(kb).read_many(texts) == [(a.content, set(a.places)) for a in alone]
    assert all(a.tokens == tuple(a.content.split()) for a in alone)  # (a build keeps the content only)


def test_a_reload_reuses_only_what_is_unchanged(built):
    config, kb, engine = built
    changed = kb.facts[0]
    assert engine.index.quantities[0]
    edited = dataclasses.replace(changed, answer="Không còn con số nào ở đây.")
    kb2 = dataclasses.replace(kb, facts=(edited, *kb.facts[1:]))
    reloaded = Engine(kb2, config.match, config.policy, previous=engine)
    fresh = Engine(kb2, config.match, config.policy)
    assert reloaded.index.quantities == fresh.index.quantities
    assert not reloaded.index.quantities[0] and not reloaded.index.scope.has_figure[0]
    assert reloaded.index.scope.counted == fresh.index.scope.counted
    assert reloaded.index.scope.everything == fresh.index.scope.everything
    assert [[p.terms for p in reloaded.index._phrasings_of(i)] for i in range(len(kb2.facts))] == \
        [[p.terms for p in fresh.index._phrasings_of(i)] for i in range(len(kb2.facts))]
    for question in ("Đông Triều có bao nhiêu trí thức?", "Sở KH&CN Lạng Sơn có bao nhiêu người?"):
        assert reloaded.answer(question) == fresh.answer(question)


def test_equal_sets_are_shared_and_terms_interned(built):
    _, kb, engine = built
    index = engine.index
    empty = [q for q in index.quantities if not q]
    assert len(empty) > 1 and all(q is empty[0] for q in empty)
    by_value: dict = {}
    for places in index.fact_places:
        assert by_value.setdefault(places, places) is places
    # the same bigram in two facts' phrasings is one string object
    seen: dict[str, str] = {}
    for phrasings in map(index._phrasings_of, range(len(kb.facts))):
        for phrasing in phrasings:
            for term in phrasing.terms:
                assert seen.setdefault(term, term) is term


def test_an_answers_figures_are_found_when_asked(built):
    _, kb, engine = built
    fact = kb.fact("dt-tong-so-tri-thuc")
    found = engine.index.figures_of[fact.answer]
    assert "17.412" in fact.answer and any(f.value == "17412" for f in found)
    assert engine.index.figures_of[fact.answer] is found  # remembered


def test_what_a_facts_figures_count_is_found_when_first_asked():
    """counted, has_figure and quantities are found per fact when a question first reaches it, and are what the
    fact's figures say."""
    from bot.language import figures
    config = load_config(DEFAULTS, environ={})
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    index = Engine(kb, config.match, config.policy).index
    assert all(index.counts.known(i) is None for i in range(len(kb.facts)))  # nothing found at build
    measures = index.scope.measures
    for i, fact in enumerate(kb.facts):
        found = figures.find(fact.answer)
        assert index.scope.counted[i] == measures.of_figures(found, fact.answer)
        assert index.counts.known(i) is not None
        assert index.scope.has_figure[i] == bool(found)
        assert index.quantities[i] == {f.value for f in found if f.is_quantity}
    assert len(index.quantities) == len(kb.facts) and list(index.quantities) == [index.quantities[i] for i in
                                                                                  range(len(kb.facts))]


def test_a_facts_phrasings_are_prepared_when_first_compared(built):
    """Each phrasing as compared: its reading's terms, its words sorted, the sum of its terms' weights; prepared
    when a question first compares the fact, then kept."""
    config, kb, _ = built
    engine = Engine(kb, config.match, config.policy)
    index = engine.index
    assert index._phrasings == [None] * len(kb.facts)
    engine.answer("Đông Triều có bao nhiêu trí thức?")
    assert 0 < sum(p is not None for p in index._phrasings) < len(kb.facts)
    for i, fact in enumerate(kb.facts):
        prepared = index._phrasings_of(i)
        assert index._phrasings_of(i) is prepared
        for phrasing, question in zip(prepared, fact.questions, strict=True):
            reading = index.reader.analyse(question)
            assert set(phrasing.terms) == reading.terms and len(phrasing.terms) == len(reading.terms)
            assert phrasing.sorted_words == " ".join(sorted(reading.tokens))
            assert phrasing.total == pytest.approx(sum(index._weight(t) for t in reading.terms))


def test_what_a_count_counts_is_read_around_it():
    from bot.language import figures
    config = load_config(DEFAULTS, environ={})
    measures = Engine(load_knowledge(config.knowledge_dir, config.file_limits), config.match, config.policy
                      ).index.scope.measures
    counted = lambda text: measures.of_figures(figures.find(text), text)  # noqa: E731
    assert counted("Các huyện có số biên chế được giao là hơn 45.650.") == {"biên chế"}
    assert counted("Tổng số trí thức là 17.412.") == {"người"}
    assert counted("Các huyện có biên chế, tăng 45.650.") == {"quantity"}  # no "số … là": nothing named
    # the parts a parenthesis lists right after a count count what it counts
    assert counted("Tỉnh còn thiếu 932 biên chế (mầm non 250; tiểu học 455).") == {"biên chế"}
    assert counted("Tỉnh (năm 2018) có 455.") == {"quantity"}  # no count before the parenthesis
    # "số lượng" between a figure and its noun (read "bao nhiêu"): the number of what the noun names
    assert counted("Tỉnh đề xuất bổ sung 1.547 số lượng người làm việc.") == {"người"}
    assert counted("Tỉnh đề xuất bổ sung 1.547 số lượng.") == {"quantity"}
    assert counted("Kinh phí dự kiến là 49,3 triệu USD.") == {"tiền"}  # a sum in dollars is money too
