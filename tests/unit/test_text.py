"""Normalisation: diacritics, Unicode forms, numbers, aliases."""
import unicodedata

import pytest

from bot.language.text import Aliases, fold, number_token, raw_tokens


def test_fold_strips_diacritics_and_maps_d():
    assert fold("Đông Triều") == "dong trieu"
    assert fold("ĐỘI NGŨ Cán Bộ") == "doi ngu can bo"


def test_fold_is_the_same_for_nfc_and_nfd_and_eth():
    nfc = unicodedata.normalize("NFC", "Hoành Bồ đào tạo")
    nfd = unicodedata.normalize("NFD", "Hoành Bồ đào tạo")
    assert nfc != nfd
    assert fold(nfc) == fold(nfd) == "hoanh bo dao tao"
    assert fold("Ðông") == "dong"  # U+00D0, often typed for Đ


def test_fold_ignores_tone_placement():
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("thuý") == fold("thúy")


def test_numbers_in_vietnamese_notation():
    assert number_token("17.412") == "17412"
    assert number_token("3.000") == "3000"
    assert number_token("94,6") == "94.6"
    assert number_token("07") == "7"
    assert number_token("3574.303") == "3574303"  # a thousands group left out, as a paper may type it
    assert number_token("12.5") == "12.5" and number_token("1234.56") == "1234.56"
    assert raw_tokens("tang 8,42 so voi 2015") == ["tang", "8.42", "so", "voi", "2015"]


def test_alias_rewrite_whole_words_longest_first():
    aliases = Aliases(folded={"cbcc": "can bo cong chuc", "cbccvc": "can bo cong chuc vien chuc", "k": "khong"})
    assert aliases.rewrite("CBCCVC có k?") == "can bo cong chuc vien chuc co khong"
    assert aliases.rewrite("kinh tế") == "kinh te"  # "k" only as a whole word


def test_alias_rewrite_reaches_a_fixed_point():
    aliases = Aliases(folded={"dh": "dai hoc", "dai hoc tro len": "daihoctrolen"})
    assert aliases.rewrite("ĐH trở lên") == "daihoctrolen"


def test_accented_aliases_apply_before_folding():
    aliases = Aliases(accented={"mấy": "bao nhiêu"}, folded={})
    assert aliases.rewrite("có mấy người") == "co bao nhieu nguoi"
    assert aliases.rewrite("có máy tính") == "co may tinh"


def test_punctuation_is_dropped_but_numbers_and_abbreviations_survive():
    aliases = Aliases(folded={"kh&cn": "khoa hoc cong nghe"})
    assert aliases.rewrite("Sở KH&CN, có 17.412 người!?") == "so khoa hoc cong nghe co 17.412 nguoi"


def test_fillers_are_dropped():
    aliases = Aliases(fillers=frozenset({"cho toi hoi", "a"}))
    assert aliases.drop_fillers("cho toi hoi so can bo a") == "so can bo"


def test_a_date_written_with_dots_is_a_date_and_a_thousands_group_a_count():
    from bot.language import figures
    kinds = lambda text: [(f.value, f.kind) for f in figures.find(text)]  # noqa: E731
    assert kinds("Kết luận ngày 5.6.2012, từ tháng 6.2012") == [("5", figures.DATE), ("6", figures.DATE),
                                                              ("2012", figures.DATE), ("6", figures.DATE),
                                                              ("2012", figures.DATE)]
    assert kinds("Ngày 25.5, có 17.412 trí thức") == [("25", figures.DATE), ("5", figures.DATE),
                                                      ("17412", figures.COUNT)]
    assert figures.number("17412") == 17412 and figures.number("2.5,3") == -1  # (typed so, it is no number)


def test_a_day_and_month_after_ngay_is_a_date_not_a_count():
    from bot.language import figures
    kinds = lambda text: [(f.value, f.kind) for f in figures.find(text)]  # noqa: E731
    assert kinds("ngày 15-11, thanh tra cho biết") == [("15", figures.DATE), ("11", figures.DATE)]
    assert kinds("từ 15-11-2018") == [("15", figures.DATE), ("11", figures.DATE), ("2018", figures.DATE)]
    assert kinds("hơn 1/3 lãnh đạo") == [("1", figures.COUNT), ("3", figures.COUNT)]  # a fraction
    assert [f.kind for f in figures.find("giai đoạn 2012-2017")] == [figures.YEAR, figures.YEAR]


def test_the_year_after_a_document_s_number_is_part_of_it_and_a_month_is_at_most_twelve():
    from bot.engine.core import _years_of
    from bot.language import figures
    kinds = lambda text: [(f.value, f.kind) for f in figures.find(text)]  # noqa: E731
    doc = figures.DOCUMENT
    # "Nghị định 108/2014": the year it was issued, no time a question asks of (no "other year" than the fact's)
    assert kinds("nghỉ tinh giản theo Nghị định 108/2014?") == [("108", doc), ("2014", doc)]
    assert kinds("Nghị định số 108/2014/NĐ-CP") == [("108", doc), ("2014", doc)]
    assert not _years_of(figures.find("giải quyết bao nhiêu người theo Nghị định 108/2014?"))
    assert kinds("Quyết định 45/2018 của UBND") == [("45", doc), ("2018", doc)]  # never the 45th month
    assert kinds("tháng 12/2014 có 5 người") == [("12", figures.DATE), ("2014", figures.DATE), ("5", figures.COUNT)]
    assert kinds("đạt 45/63 địa phương năm 2018") == [("45", figures.COUNT), ("63", figures.COUNT),
                                                     ("2018", figures.YEAR)]


def test_a_day_and_month_after_a_time_of_day_or_from_a_date_is_a_date_not_a_count():
    from bot.language import figures
    kinds = lambda text: [f.kind for f in figures.find(text)]  # noqa: E731
    date, count = figures.DATE, figures.COUNT
    assert kinds("chiều 3-4, phó vụ trưởng có văn bản") == [date, date]  # the press writes dates so
    assert kinds("bị ngưng hợp đồng từ 1-4; 137 cán bộ") == [date, date, count]
    assert kinds("thôi việc từ 1-4 vừa qua") == [date, date]
    # a range is not a date: nothing after it shows one
    assert kinds("từ 3-5 người") == [count, count] and kinds("từ 3-5 năm") == [count, count]
    assert kinds("chuyển sang 3-4 đơn vị") == [count, count]


def test_a_folded_span_is_typed_as_a_toned_word_only_if_typed_so():
    from bot.language.text import typed_as
    assert not typed_as("quỹ đầu tư", 4, 7, "đâu") and typed_as("ở đâu", 2, 5, "đâu")
    assert typed_as("quy dau tu", 4, 7, "đâu")  # typed without tones: any spelling counts


def _same_substitutions(keys: list[str], texts: list[str]) -> None:
    """PhraseMatcher substitutes exactly what the one alternation over the same phrases does (also as unpickled
    from the index cache, which keeps no compiled pattern), and so does the trie-shaped pattern of an index build."""
    import pickle

    from bot.language.text import PhraseMatcher, _phrase_regex, _phrase_trie
    table = {k: f"<{k.upper()}>" for k in keys}
    regex = _phrase_regex(table)
    for matcher in (PhraseMatcher(keys), pickle.loads(pickle.dumps(PhraseMatcher(keys))), _phrase_trie(tuple(keys))):
        for text in texts:
            assert matcher.sub(lambda m: table[" ".join(m.group(0).split())], text) == \
                regex.sub(lambda m: table[" ".join(m.group(0).split())], text), text
            assert matcher.sub(" ", text) == regex.sub(" ", text), text


def test_phrase_matcher_reads_a_word_character_as_the_pattern_does():
    """_phrase_end's test for (?!\\w) is str.isalnum() or "_": the same characters as re's \\w."""
    import re
    import sys
    word = re.compile(r"\w")
    assert all(bool(word.match(c)) == (c.isalnum() or c == "_") for c in map(chr, range(sys.maxunicode + 1)))


def test_phrase_matcher_substitutes_what_the_alternation_does():
    keys = ["cbcc", "cbccvc", "k", "kh&cn", "kh & cn", "kh", "kh cn", "dh", "dh tro len", "d/c", "so kh&cn"]
    texts = ["cbccvc co k?", "kinh te", "so kh&cn ls", "kh  &  cn", "kh&cnx", "xkh&cn", "dh tro lenx dh tro len",
             "d/c, d/cx", "k_k k1 1k k", "sokh&cn so kh&cn kh cn kh\tcn", "", "   ", "kh&"]
    _same_substitutions(keys, texts)


@pytest.mark.parametrize("compared", [0, 3, 99])
def test_phrase_matcher_agrees_on_the_bundled_aliases_and_texts(monkeypatch, compared):
    """The bundled knowledge's tables, over every knowledge text and random runs of their phrases, whether a run's
    phrases are compared in Python (up to `compared` of them) or as their compiled alternation."""
    import random

    from bot.language.text import PhraseMatcher
    monkeypatch.setattr(PhraseMatcher, "_FEW", compared)

    from bot.engine.reader import Reader
    from bot.kb.knowledge import load_knowledge
    from bot.service.config import DEFAULTS, load_config
    config = load_config(DEFAULTS, environ={})
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    aliases = Reader(kb).aliases
    written = [t for f in kb.facts for t in (f.answer, f.unit, *f.questions, *f.tags)]
    rng = random.Random(19)
    seps = [" ", "  ", "\t", ",", "&", "/", "-", "_", "", "x", "1", " .", "ạ", "\xa0", " \n\u2003"]
    for keys, texts in ((list(aliases.folded), [fold(t) for t in written]),
                        (list(aliases.fillers), [fold(t) for t in written]),
                        (list(aliases.accented), [t.lower() for t in written])):
        texts += ["".join(rng.choice(keys) + rng.choice(seps) for _ in range(rng.randint(1, 6))) for _ in range(2000)]
        _same_substitutions(keys, texts)


def test_a_trie_pattern_is_the_alternation_for_phrases_written_otherwise():
    from bot.language.text import _phrase_regex, _phrase_trie
    keys = ("kh  cn", "a\tb", "dh")  # two spaces, a tab: not a trie's words
    assert _phrase_trie(keys).pattern == _phrase_regex(list(keys)).pattern


def test_texts_rewritten_together_read_as_each_alone():
    """Aliases.rewrite_many (an index build's) gives each text what rewrite and drop_fillers give it alone: the
    bundled tables over every knowledge text, runs of their phrases cut anywhere, and texts holding the joining
    character itself."""
    import random

    from bot.engine.reader import Reader
    from bot.kb.knowledge import load_knowledge
    from bot.language.text import JOIN
    from bot.service.config import DEFAULTS, load_config
    config = load_config(DEFAULTS, environ={})
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    aliases = Reader(kb).aliases
    texts = [t for f in kb.facts for t in (f.answer, f.unit, *f.questions, *f.tags)]
    rng = random.Random(7)
    keys = [*aliases.folded, *aliases.accented, *aliases.fillers]
    seps = [" ", "  ", "\t", ",", ".", "&", "/", "-", "%", "", "x", "1", " .", "ạ", "\xa0", " \n", "İ", "Σ"]
    texts += ["".join(rng.choice(keys) + rng.choice(seps) for _ in range(rng.randint(1, 6))) for _ in range(3000)]
    texts += ["", " ", "Đ", "kh&cn", "1.000,5%", "ĐH trở lên."]
    alone = [aliases.drop_fillers(aliases.rewrite(t)) for t in texts]
    assert aliases.rewrite_many(texts) == alone
    odd = f"a{JOIN}b"
    assert aliases.rewrite_many(texts[:5] + [odd]) == alone[:5] + [aliases.drop_fillers(aliases.rewrite(odd))]
    assert aliases.rewrite_many([]) == []


def test_a_lazy_regex_is_its_pattern_once_used():
    import re

    from bot.language.text import lazy_regex
    lazy, compiled = lazy_regex(r"(\d+)\s*(năm|tháng)", re.IGNORECASE), re.compile(r"(\d+)\s*(năm|tháng)", re.I)
    text = "5 NĂM, 12 tháng và 3 ngày"
    assert "sub" not in vars(lazy)  # nothing compiled until used
    assert [m.groups() for m in lazy.finditer(text)] == [m.groups() for m in compiled.finditer(text)]
    assert lazy.sub("#", text) == compiled.sub("#", text) and lazy.search(text).span() == compiled.search(text).span()
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags
    assert vars(lazy)["sub"] == compiled.sub  # compiled once: later calls go straight to the pattern's methods


def test_rewriting_stops_when_a_pass_replaces_nothing_with_the_same_result():
    """`rewrite` skips the pass that would only confirm a text no phrase matched: its result is the plain loop's
    (a pass, until nothing changes) on every bundled knowledge text and random runs of phrases."""
    import random

    from bot.engine.reader import Reader
    from bot.kb.knowledge import load_knowledge
    from bot.language.text import _MAX_REWRITE_PASSES, _PUNCT, squash
    from bot.service.config import DEFAULTS, load_config
    config = load_config(DEFAULTS, environ={})
    kb = load_knowledge(config.knowledge_dir, config.file_limits)
    aliases = Reader(kb).aliases

    def plain_loop(text: str) -> str:
        text = unicodedata.normalize("NFC", text).lower()
        text = aliases._accented_re.sub(lambda m: aliases.accented[" ".join(m.group(0).split())], text)
        text = _PUNCT.sub(" ", fold(text).replace("%", " phan tram "))
        for _ in range(_MAX_REWRITE_PASSES):
            rewritten = squash(aliases._folded_re.sub(lambda m: aliases.folded[" ".join(m.group(0).split())], text))
            if rewritten == text:
                break
            text = rewritten
        return squash(text)

    rng = random.Random(5)
    keys = list(aliases.folded)
    texts = [t for f in kb.facts for t in (f.answer, f.unit, *f.questions, *f.tags)]
    texts += [" ".join(rng.choice(keys) + rng.choice(["", " ", ", ", "  x "]) for _ in range(rng.randint(1, 5)))
              for _ in range(2000)]
    assert sum(aliases.rewrite(t) != plain_loop(t) for t in texts) == 0


def test_squash_collapses_exactly_what_a_white_space_pattern_does():
    import random
    import re
    import sys

    from bot.language.text import squash
    spaces = re.compile(r"\s+")
    assert all(bool(spaces.fullmatch(c)) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))
    rng = random.Random(3)
    alphabet = " \t\n\x0b\x0c\r\x1c\x85\xa0\u2000\u3000\u200bab"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert squash(text) == spaces.sub(" ", text).strip()


def test_punctuation_is_what_the_plain_pattern_makes_a_space():
    """_PUNCT (and _PUNCT_JOINED, which leaves JOIN alone) look behind a point or comma only once found: the same
    as the plain pattern, a point or comma a space unless between digits."""
    import random
    import re

    from bot.language.text import _PUNCT, _PUNCT_JOINED, JOIN
    plain = re.compile(r"[^\w\s&/%+.,-]|(?<!\d)[.,]|[.,](?!\d)")
    rng = random.Random(5)
    alphabet = [*"0123456789.,a b-&/%+!?;:()'\"\t\n_", "đ", "ạ", "٣", JOIN]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert _PUNCT.sub(" ", text) == plain.sub(" ", text), repr(text)
        assert _PUNCT_JOINED.sub(" ", text).split(JOIN) == [plain.sub(" ", t) for t in text.split(JOIN)], repr(text)
