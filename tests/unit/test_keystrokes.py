"""Raw Telex and VNI keystrokes are decoded into Vietnamese; everything else is left as typed."""
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.language.keystrokes import (ACUTE, BREVE, CIRCUMFLEX, DOT, GRAVE, HOOK, HORN, TILDE, decode_word,
                            syllable_key)
from bot.language.text import fold

TELEX_TONE = {ACUTE: "s", GRAVE: "f", HOOK: "r", TILDE: "x", DOT: "j"}
VNI_TONE = {ACUTE: "1", GRAVE: "2", HOOK: "3", TILDE: "4", DOT: "5"}
TELEX_SHAPE = {CIRCUMFLEX: None, HORN: "w", BREVE: "w"}  # circumflex doubles the vowel
VNI_SHAPE = {CIRCUMFLEX: "6", HORN: "7", BREVE: "8"}


def to_keystrokes(word: str, scheme: str) -> str:
    """What a person types for a word with the input method off: shape keys after their letter, tone last."""
    out, tone = [], ""
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in TELEX_TONE:
            tone = ch
        elif ch in (CIRCUMFLEX, HORN, BREVE):
            if scheme == "telex":
                out.append(out[-1] if ch == CIRCUMFLEX else "w")
            else:
                out.append(VNI_SHAPE[ch])
        elif ch == "đ":
            out.append("dd" if scheme == "telex" else "d9")
        else:
            out.append(ch)
    return "".join(out) + ((TELEX_TONE if scheme == "telex" else VNI_TONE)[tone] if tone else "")


@pytest.fixture(scope="module")
def vocabulary(engine):
    return engine.index.reader.vocabulary


@pytest.fixture(scope="module")
def article_words(engine):
    words = set()
    for article in engine.kb.articles.values():
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", article.text)))
    return sorted(words)


@pytest.mark.parametrize("typed, word", [
    ("nguwowif", "người"), ("dduwowcj", "được"), ("Lajng", "lạng"), ("Sown", "sơn"), ("toongr", "tổng"),
    ("hieenj", "hiện"), ("giarn", "giản"), ("quys", "quý"), ("Tyr", "tỷ"), ("hoawcj", "hoặc"), ("nawm", "năm"),
    ("Ddoong", "đông"), ("booif", "bồi"), ("gif", "gì"), ("vaajy", "vậy"),
    ("ngu7o72i", "người"), ("d9u7o75c", "được"), ("Ba81c", "bắc"), ("Ka5n", "kạn"), ("Hoa2nh", "hoành"),
    ("d9e62u", "đều"), ("ma61y", "mấy"), ("xa4", "xã"),
    ("đuwowcj", "được"), ("ngươif", "người"),  # half converted
])
def test_words_typed_as_keystrokes(typed, word):
    assert syllable_key(decode_word(typed)) == syllable_key(word)


@pytest.mark.parametrize("word", ["so", "can", "bo", "truong", "nguoi", "hoc", "thanks", "email", "ok", "2017",
                                  "KHCN", "ThS", "ISO", "llct", ""])
def test_words_without_keystrokes_are_not_syllables_to_decode(word):
    decoded = decode_word(word)
    assert decoded is None or decoded == word.lower()


def test_a_sentence_typed_in_telex_reads_like_the_accented_one(vocabulary):
    typed = "Sowr KH&CN Lajng Sown cos bao nhieeu nguwowif hocj thajc syx"
    assert vocabulary.decode(typed, fold) == "sở KH&CN lạng sơn có bao nhiêu người học thạc sỹ"


def test_a_sentence_typed_in_vni_and_half_converted(vocabulary):
    assert vocabulary.decode("Ba81c Ka5n ty3 le65 vie6n chu71c", fold) == "bắc kạn tỷ lệ viên chức"
    assert vocabulary.decode("thị xã Đông Triều ddax naang luwowng", fold) == "thị xã Đông Triều đã nâng lương"


def test_plain_text_shorthand_and_english_are_left_alone(vocabulary):
    for text in ("so can bo co trinh do dai hoc", "sl cbccvc so khcn ls bn ng z ad", "wa ko dc j",
                 "please send the report by email", "ISO 9001:2015, NQ/TU, KH&CN, 2532/QĐ-UBND"):
        assert vocabulary.decode(text, fold) == text


def test_every_article_word_typed_in_telex_or_vni_is_read_back(vocabulary, article_words):
    wrong = []
    for word in article_words:
        for scheme in ("telex", "vni"):
            typed = to_keystrokes(word, scheme)
            read = vocabulary.decode(typed, fold)
            if syllable_key(read) != syllable_key(word) and fold(read) != fold(word):
                wrong.append((word, scheme, typed, read))
    # Only abbreviations of the text ("HĐND", "QĐ") are not syllables, and they are left as typed.
    not_syllables = re.compile(r"[bcdđghklmnpqrstvx]{3,}|^[^aeiouyăâêôơư]+$")
    assert all(not_syllables.search(word) for word, *_ in wrong), wrong


SAFE_ASCII = st.text(alphabet="abcdeghiklmnopqtuvy ", max_size=60).filter(
    lambda t: not re.search(r"aa|ee|oo|dd", t))


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=80))
def test_decoding_never_raises_and_is_idempotent(vocabulary, text):
    once = vocabulary.decode(text, fold)
    assert vocabulary.decode(once, fold) == once


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.sampled_from(["sở", "khoa", "học", "công", "nghệ", "Lạng", "Sơn", "cán", "bộ", "viên",
                                       "chức", "người", "được", "thạc", "sĩ", "trường", "đã", "xã", "rồi",
                                       "trở", "lên", "tỷ", "lệ", "hoặc"]), max_size=20))
def test_accented_text_is_unchanged(vocabulary, words):
    text = " ".join(words)
    assert vocabulary.decode(text, fold) == text


@settings(max_examples=300, deadline=None)
@given(text=SAFE_ASCII)
def test_ascii_without_keystroke_marks_is_unchanged(vocabulary, text):
    assert vocabulary.decode(text, fold) == text


# ---------------------------------------------------------------- phone typos

KNOWN = ["người", "học", "dương", "viên", "chức", "đoàn", "trường", "phòng", "lượng"]


@settings(max_examples=200, deadline=None)
@given(word=st.sampled_from(KNOWN), at=st.integers(min_value=0, max_value=10))
def test_a_letter_typed_twice_is_read_as_the_known_word(vocabulary, word, at):
    i = at % len(word)
    typo = word[: i + 1] + word[i] + word[i + 1:]
    assert fold(vocabulary.decode(typo, fold, repair=True)) == fold(word)


@pytest.mark.parametrize("typo, word", [("ngừoi", "người"), ("hcoj", "học"), ("dươgn", "dương"), ("duongg", "dương"),
                                        ("chín", "chính"), ("phòg", "phòng"), ("chươg", "chương")])
def test_two_letters_swapped_or_doubled_are_read_as_the_known_word(vocabulary, typo, word):
    assert fold(vocabulary.decode(typo, fold, repair=True)) == fold(word)


@settings(max_examples=200, deadline=None)
@given(text=SAFE_ASCII)
def test_repair_only_ever_gives_a_known_word_and_settles(vocabulary, text):
    once = vocabulary.decode(text, fold, repair=True)
    for before, after in zip(text.split(), once.split()):
        assert after == before or fold(after) in vocabulary.plain
    assert vocabulary.decode(once, fold, repair=True) == once
