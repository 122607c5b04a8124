"""Loading and validating the knowledge folder: every problem located by file, line and field."""
from pathlib import Path

import pytest

from bot.kb.knowledge import KnowledgeError, load_knowledge

LS = "articles/lang-son-2021.yaml"


def _problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(folder)
    return [str(p) for p in info.value.problems]


def _edit(folder: Path, old: str, new: str, name: str = LS) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_knowledge_is_valid(config):
    kb = load_knowledge(config.knowledge_dir)
    assert len(kb.articles) == 5
    assert len(kb.facts) >= 70
    assert all(len(f.questions) >= 2 for f in kb.facts)


def test_yaml_syntax_error_reports_file_and_line(knowledge_copy):
    _edit(knowledge_copy, "- id: ls-dai-hoc\n", "- id: ls-dai-hoc\n  place: [unclosed\n")
    (problem,) = _problems(knowledge_copy)
    assert "lang-son-2021.yaml:" in problem and "YAML syntax error" in problem
    line = int(problem.split("lang-son-2021.yaml:")[1].split(":")[0])
    assert line > 1


def test_duplicate_fact_id(knowledge_copy):
    _edit(knowledge_copy, "- id: ls-dai-hoc\n", "- id: ls-tren-dai-hoc\n")
    problems = _problems(knowledge_copy)
    assert any("facts[2].id" in p and "duplicate fact id 'ls-tren-dai-hoc'" in p for p in problems)


def test_fact_citing_unknown_article(knowledge_copy):
    (knowledge_copy / "articles" / "extra.yaml").write_text(
        "facts:\n- id: extra-fact\n  article: no-such-article\n  place: Lạng Sơn\n  unit: x\n  time: năm 2018\n"
        "  answer: Năm 2018 có 1 người.\n  quote: x\n  questions: [a, b]\n", encoding="utf-8")
    problems = _problems(knowledge_copy)
    assert problems == [f"{knowledge_copy}/articles/extra.yaml:3: facts[0].article: unknown article 'no-such-article'"]


def test_quote_not_in_article(knowledge_copy):
    _edit(knowledge_copy, "quote: Hiện tại, sở có 71 cán bộ", "quote: Hiện tại, sở có 72 cán bộ")
    problems = _problems(knowledge_copy)
    assert len(problems) == 1 and "facts[0].quote: quote not found verbatim" in problems[0]


def test_wrong_types_and_unknown_fields(knowledge_copy):
    _edit(knowledge_copy, "  tags: [trình độ, trên đại học, sau đại học]\n", "  tags: 5\n  qoute: typo\n")
    problems = _problems(knowledge_copy)
    assert any("facts[1].tags: must be a list of strings, not a number" in p for p in problems)
    assert any("facts[1].qoute: unknown field" in p for p in problems)


def test_answer_must_state_its_time_reference(knowledge_copy):
    _edit(knowledge_copy, "answer: Theo bài viết ngày 15/04/2021, Sở KH&CN Lạng Sơn có 71", "answer: Sở KH&CN Lạng Sơn có 71")
    assert any("facts[0].time: the answer must state its time reference" in p for p in _problems(knowledge_copy))


def test_empty_file(knowledge_copy):
    (knowledge_copy / "articles" / "empty.yaml").write_text("", encoding="utf-8")
    assert any("empty.yaml" in p and "empty file" in p for p in _problems(knowledge_copy))


def test_file_that_is_not_yaml(knowledge_copy):
    (knowledge_copy / "articles" / "photo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert any("photo.yaml" in p and ("binary" in p or "not UTF-8" in p) for p in _problems(knowledge_copy))


def test_file_over_the_size_limit_is_not_parsed(knowledge_copy):
    (knowledge_copy / "articles" / "huge.yaml").write_text("facts: []\n" + "#" * 3_000_000, encoding="utf-8")
    assert any("huge.yaml" in p and "larger than" in p for p in _problems(knowledge_copy))


def test_duplicate_yaml_key(knowledge_copy):
    _edit(knowledge_copy, "  unit: Sở KH&CN Lạng Sơn\n", "  unit: Sở KH&CN Lạng Sơn\n  unit: Khác\n")
    assert any("facts[0].unit: duplicate key" in p for p in _problems(knowledge_copy))


def test_a_title_s_kind_must_be_the_words_it_begins_with(knowledge_copy):
    _edit(knowledge_copy, "  giám đốc trung tâm: giám đốc\n", "  giám đốc trung tâm: phó giám đốc\n", "aliases.yaml")
    (problem,) = _problems(knowledge_copy)
    assert "aliases.yaml" in problem and "kinds.giám đốc trung tâm" in problem and "must begin with" in problem


def test_place_must_be_in_gazetteer(knowledge_copy):
    _edit(knowledge_copy, "  places: [Lạng Sơn]\n", "  places: [Lạng Sơn, Atlantis]\n")
    assert any("place 'Atlantis' is not in places.yaml" in p for p in _problems(knowledge_copy))


def test_all_problems_are_reported_together(knowledge_copy):
    _edit(knowledge_copy, "- id: ls-dai-hoc\n", "- id: ls-tren-dai-hoc\n")
    _edit(knowledge_copy, "quote: Hiện tại, sở có 71 cán bộ", "quote: Không có")
    assert len(_problems(knowledge_copy)) == 2


def test_missing_folder():
    assert "knowledge folder not found" in str(_problems(Path("/nonexistent/knowledge"))[0])


def test_a_mistyped_figure_in_an_answer_is_an_error_naming_file_line_fact_and_figure(knowledge_copy):
    path = knowledge_copy / "articles" / "lang-son-2021.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Sở KH&CN Lạng Sơn có 71 cán bộ", "Sở KH&CN Lạng Sơn có 17 cán bộ", 1),
                    encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge_copy)
    (problem,) = caught.value.problems
    assert problem.file.endswith("lang-son-2021.yaml") and problem.line > 0
    assert "ls-tong-so-can-bo" in str(problem) and "figure 17" in str(problem)


def test_the_article_date_may_be_stated_without_being_quoted(config):
    kb = load_knowledge(config.knowledge_dir)
    fact = kb.fact("ls-tong-so-can-bo")
    assert "15/04/2021" in fact.answer and "2021" not in fact.quote  # the answer's time reference


def test_a_reload_checks_the_figures_of_the_files_that_changed_only(knowledge_copy, monkeypatch):
    from bot.kb import knowledge
    first = load_knowledge(knowledge_copy)
    checked = []
    real = knowledge.unquoted_figures
    monkeypatch.setattr(knowledge, "unquoted_figures", lambda fact, article: checked.append(fact.id) or
                        real(fact, article))
    load_knowledge(knowledge_copy, previous=first)
    assert checked == []  # nothing changed: every figure was checked at the first load
    path = knowledge_copy / "articles" / "lang-son-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sở KH&CN Lạng Sơn có 71 cán bộ",
                                                             "Sở KH&CN Lạng Sơn có 17 cán bộ", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge_copy, previous=first)
    assert "figure 17" in str(caught.value.problems[0])  # the edited file is checked again
    assert checked and all(fact_id.startswith("ls-") for fact_id in checked)
