"""Answer a yes/no question: "Đúng." or "Chưa đúng: … con số là 92 (không phải 100)."

The fact is found without the figures the user wrote; then each claimed figure is compared with the
fact's own. A wrong figure is corrected with the fact's figure that says the same thing (the one whose
surrounding words are closest), a wrong title ("Giám đốc" for a "Phó Giám đốc") is called wrong.
"""
from __future__ import annotations

import re
from typing import Callable

from bot.engine.questions import reached
from bot.language import figures
from bot.language.figures import PERCENT, Figure, number
from bot.kb.knowledge import Fact
from bot.language.text import fold, lazy_regex

RIGHT = "Đúng."
WRONG = "Chưa đúng."
WRONG_FIGURE = "Chưa đúng: theo bài viết, con số là {right} (không phải {claimed})."
WRONG_FIGURES = "Chưa đúng: theo bài viết, {pairs}."
PAIR = "{right} (không phải {claimed})"
WRONG_NAME = "Chưa đúng: theo bài viết, tên là “{right}”."
WRONG_AUTHOR = "Chưa đúng: tác giả bài viết là {right}."
YEAR_NOT_SAID = "Chưa đúng: bài viết không nêu con số này cho năm {claimed}."
WRONG_DATE = "Chưa đúng: theo bài viết là ngày {right} (không phải {claimed})."
TURNS_NOT_PEOPLE = "Chưa đúng: bài viết ghi {right} lượt, tức là số lượt, không phải số người."
CHANGE_NOT_LEVEL = "Chưa đúng: theo bài viết, {right} là số đã {change}, không phải số còn lại."
SHARE_NOT_PEOPLE = "Chưa đúng: bài viết ghi {right}, tức là tỷ lệ, không phải số người."
ACT_NOT_SAID = "Chưa đúng: bài viết có con số này nhưng không nói là đã {act}."
PLAN_NOT_DONE = "Chưa đúng: theo bài viết, đây là con số kế hoạch, dự kiến, chưa phải việc đã làm."
PART_NOT_WHOLE = "Chưa đúng: {right} chỉ là một nhóm trong số được kể ra; bài viết không nêu tổng số người."
CHOSEN = "Theo bài viết là {right}."
WHICH = "Là {unit}."  # "bên nào có 92 đoàn viên?": the unit of the fact giving it (its sentence follows)
NEITHER = "Theo bài viết, con số là {right} (không phải {claimed})."
_CHANGE_WORDS = {"tang", "giam"}  # "tăng 8,42%": a change, not the level itself
_CHANGE_PENALTY = 5.0  # a change is never the level a claim states, however many words around it match
_WITHIN, _WHOLE_PENALTY = ("trong",), 1.0  # a figure after "trong" is the whole a count is within
# People in general and linking words: two figures sharing only these do not count the same thing
_GENERIC = {"nguoi", "can", "bo", "cong", "chuc", "vien", "truong", "hop", "la", "co", "cua", "tai", "va", "trong",
            "do", "da", "duoc", "voi", "cac", "nhung", "so", "khoang", "hon", "gan", "tren", "duoi", "nam", "nghin",
            "ngan", "chung", "tron"}
_SHARE = {"phan", "tram", "%"}  # the sign of a share: what kind a figure is, not what it is a share of
# Yes/no particles, hearsay and belief, and who holds it ("tức là …", "nghe nói …", "mình nhớ là …", "em tưởng …")
_ASKING = {"dung", "khong", "ha", "a", "nhi", "phai", "thoi", "vay", "chu", "sao", "hay", "tuc", "nghe", "noi", "nho",
           "tuong", "nghi", "minh", "em", "toi"}
_NOUN_WORDS = 1  # the word after a figure that says what it counts, compared between a claim and a fact
_THOUSAND = 1000  # "17 nghìn"
# A figure said rounded ("hơn 17 nghìn", "hơn 1.500") stands for an exact one within this share above or below
ROUNDED = 0.1
_QUARTER = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])\b")  # "quý I", "quý 2" (folded)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER_BONUS = 3.0  # a figure said of the quarter a claim names outweighs a few words shared
_CLAUSE_END, _CLAUSE_CHARS = re.compile(r"[,;.:()?!]|\d"), 60  # what a figure counts is said right after it
_AROUND_BEFORE, _AROUND_AFTER = 2, 5  # the words a figure is said with (see said_around)
_PHRASE_END, _NOUN_PHRASE = re.compile(r"[;.:()?!]|\d"), 6  # what a figure counts, a list's commas within
_CHANGES = {"giam": "giảm", "tang": "tăng"}  # (folded) a change a figure may be of, as bot text writes it
_SENTENCE_PART = re.compile(r"[;.!?]")  # the part of a sentence a change word reaches its figures within
_COUNTED_ALIKE = 2  # words a claim must say of what its figure counts to be set against the fact's other figures


def judge(claims: tuple[Figure, ...], claim_text: str, fact: Fact, own: list[Figure], contradicted: bool,
          complete: bool, named: frozenset[str] = frozenset()) -> str:
    """The verdict line for a confirmation answered by `fact` ('' when nothing can be said either way).

    `claim_text` is the text the claims were found in (their offsets point into it); `own` the figures of the
    fact's answer; `contradicted` says the question names a title or level the fact contradicts; `complete`
    that the fact covers all it asks; `named` the words of the places the claim names (which say whose, not what).
    """
    shares = shares_for_people(claims, own)
    if shares:  # "88 người hả?" of "88%": the same number, a share of the staff, not a count of them
        return SHARE_NOT_PEOPLE.format(right=_shown(fact.answer, shares[0]))
    wrong = [c for c in claims if not _given(c, own) or _not_of_quarter(c, own, claim_text, fact.answer)]
    if wrong:
        # (one figure of the fact set against two claims corrects the one nearest it, never both: "93% (không
        # phải 94%)", not also "93% (không phải 50,1 nghìn)")
        nearest: dict[int, tuple[float, Figure, Figure]] = {}
        for claim in wrong:
            right = _closest(claim, own, {number(c.value) for c in claims}, claim_text, fact.answer)
            if right is None:
                continue
            gap = abs(number(right.value) - number(claim.value))
            if right.start not in nearest or gap < nearest[right.start][0]:
                nearest[right.start] = (gap, right, claim)
        pairs = [(_shown(fact.answer, right), _shown(claim_text, claim))
                 for _, right, claim in sorted(nearest.values(), key=lambda found: found[2].start)]
        if not pairs:
            return WRONG
        if len(pairs) == 1:
            return WRONG_FIGURE.format(right=pairs[0][0], claimed=pairs[0][1])
        return WRONG_FIGURES.format(pairs="; ".join(PAIR.format(right=r, claimed=c) for r, c in pairs))
    for claim in claims:
        other = _counted_of_another(claim, own, claim_text, fact.answer)
        if other:  # "46 người giữ chức trưởng, phó phòng" of "46 biên chế thì 44 người mang chức danh trưởng, phó
            # phòng": the figure is given, but of something else; what the claim counts is another figure's
            return WRONG_FIGURE.format(right=_with_rounding(fact.answer, other[0]), claimed=_shown(claim_text, claim)) \
                if len({number(f.value) for f in other}) == 1 else WRONG
    for claim in claims:
        owned = _named_with_another(claim, own, claim_text, fact.answer)
        if owned is not None:  # "… của Mỹ là 7,3%" of "Anh (9,9%), Mỹ (7,4%), và Đức (7,3%)": Đức's, not Mỹ's
            return WRONG_FIGURE.format(right=_shown(fact.answer, owned), claimed=_shown(claim_text, claim))
    changed = next(((f, verb) for c in claims if reached(c) for f in same_figures(c, own)
                    for verb in (_changed_by(fact.answer, f),) if verb), None)
    if changed is not None:  # "chỉ còn 105 lãnh đạo" of "… đã giảm 35 phòng … và 105 lãnh đạo": the cut, not the rest
        return CHANGE_NOT_LEVEL.format(right=_shown(fact.answer, changed[0]), change=changed[1])
    swapped = _swapped(claims, own)
    if swapped is not None:  # "tăng từ 93 lên 138 ban" of "138 ban chỉ đạo, giảm xuống còn 93 ban": the other way
        return WRONG_FIGURE.format(right=_shown(fact.answer, swapped[0]), claimed=_shown(claim_text, swapped[1]))
    turns = next((f for c in claims for f in own if _people_for_turns(c, f)), None)
    if turns is not None:  # "tức là 390 người hả?" of "390 lượt": one person may be counted in several
        return TURNS_NOT_PEOPLE.format(right=_shown(fact.answer, turns))
    part = next((f for c in claims for f in own if _part_for_people(c, f)), None)
    if part is not None:  # "có 18 người phải không?" of "giám đốc, 1 phó giám đốc và 18 viên chức": one group
        return PART_NOT_WHOLE.format(right=_shown(fact.answer, part))
    for claim in claims:
        other = _led_into_another(claim, own, claim_text, fact.answer, named)
        if other:  # "khối ban Đảng, đoàn thể … có 178" of "khối ban Đảng và đoàn thể có 69 người; khối chính quyền là
            # 178 người": what the claim says right before its figure, the fact says before another figure
            return WRONG_FIGURE.format(right=_with_rounding(fact.answer, other[0]), claimed=_shown(claim_text, claim)) \
                if len({number(f.value) for f in other}) == 1 else WRONG
    if contradicted:
        return WRONG
    if claims or complete:
        return RIGHT
    return ""


def shares_for_people(claims: tuple[Figure, ...], own: list[Figure]) -> list[Figure]:
    """The fact's shares whose number a claim of people states ("88 người" where the fact gives 88%)."""
    people = {number(c.value) for c in claims if c.kind != PERCENT and _counts_people(c)}
    return [f for f in own if f.kind == PERCENT and number(f.value) in people] if people else []


def shares_given(claims: tuple[Figure, ...], own: list[Figure]) -> bool:
    """Whether the fact gives a share wherever one is claimed: "… có 20% ứng viên là tiến sĩ?" is not set right
    with a count or a year of a sentence giving none ("… con số là 10 (không phải 20%)")."""
    return all(c.kind != PERCENT for c in claims) or any(f.kind == PERCENT for f in own)


def _people_for_turns(claim: Figure, figure: Figure) -> bool:
    """Whether a claim counts people ("390 người") where the fact's same figure counts turns ("390 lượt")."""
    return _counts_people(claim) and figure.after[:1] == ("luot",) and number(claim.value) == number(figure.value)


def _part_for_people(claim: Figure, figure: Figure) -> bool:
    """Whether a claim of all the people ("có 18 người phải không?", nothing said of them) is the figure the fact
    lists last of those it counts ("có giám đốc, 1 phó giám đốc và 18 viên chức"): one group, not the whole."""
    return claim.after[:1] == ("nguoi",) and all(w in _ASKING for w in claim.after[1:]) \
        and figure.before[-1:] == ("va",) and claim.kind == figure.kind and number(claim.value) == number(figure.value)


def _counts_people(claim: Figure) -> bool:
    """Whether a claimed figure is said as a count of people ("88 người")."""
    return claim.after[:1] == ("nguoi",)


def judge_name(right: str, same: bool) -> str:
    """The verdict line for a name checked against the one the fact gives in quotation marks."""
    return RIGHT if same else WRONG_NAME.format(right=right)


def choose(claims: tuple[Figure, ...], claim_text: str, fact: Fact, own: list[Figure]) -> str:
    """The verdict line for "50 hay 60?": the one the article gives, or the article's figure when neither."""
    values = {number(f.value) for f in own}
    right = [c for c in claims if number(c.value) in values]
    if len(right) == 1:
        given = next((f for f in own if number(f.value) == number(right[0].value)), None)
        # as the article writes it ("trên 20%" for "20% hay 30%"): its rounding is part of the answer
        return CHOSEN.format(right=_with_rounding(fact.answer, given) if given else _shown(claim_text, right[0]))
    if right:
        return ""  # the article gives both, each for its own thing: its sentence says which is which
    closest = _closest(claims[0], own, {number(c.value) for c in claims}, claim_text, fact.answer)
    if closest is None:
        return WRONG
    return NEITHER.format(right=_with_rounding(fact.answer, closest),
                          claimed=" hay ".join(_shown(claim_text, c) for c in claims))


def addresses(claims: tuple[Figure, ...], claim_text: str, fact: Fact, own: list[Figure]) -> bool:
    """Whether a fact speaks to every figure claimed: it gives it, or a figure counting what the claim counts
    (a word besides people and links in common: "70 trường hợp là người nhà" is not its "60 người tại 9 …")."""
    claimed = {number(c.value) for c in claims}
    said = set(fold(fact.answer).split())
    return all(_spoken_to(c, own, claimed, claim_text, fact.answer)
               or (_said_of(claim_text, c) - _SHARE <= said and _closest(c, own, claimed, claim_text, fact.answer))
               for c in claims)


def speaks_to(claims: tuple[Figure, ...], claim_text: str, fact: Fact, own: list[Figure]) -> bool:
    """Whether a fact gives every figure claimed or one sharing words with it besides people and links ("2 đồng
    chí được bổ nhiệm mới" for "bổ nhiệm mới 4 đồng chí"; not "1.700 công chức … không hoàn thành nhiệm vụ" for
    "… phân loại là hơn 284.600 người")."""
    claimed = {number(c.value) for c in claims}
    return all(_spoken_to(c, own, claimed, claim_text, fact.answer) for c in claims)


def _spoken_to(claim: Figure, own: list[Figure], claimed: set[float], claim_text: str, answer: str) -> bool:
    """Whether a fact's figures give a claim, or have one sharing words with it besides people and links."""
    return _given(claim, own) or \
        _closest(claim, own, claimed, claim_text, answer, strict=True, shares=False) is not None


def counted_alike(claims: tuple[Figure, ...], own: list[Figure]) -> bool:
    """Whether, for every figure claimed, the fact gives one of its kind followed by the same word ("6 phó giám
    đốc" and "5 phó giám đốc", "vượt 3 người" and "vượt chỉ tiêu 2 người"; "63 công chức" is not "118 cán bộ"):
    each claim has its own figure to be checked against."""
    return all(any(_same_kind(c, f) and c.after[:_NOUN_WORDS] == f.after[:_NOUN_WORDS] for f in own) for c in claims
               if c.after)


def says_only_figures(claims: tuple[Figure, ...], claim_text: str) -> bool:
    """Whether a yes/no message says nothing but its figures and people ("đúng 15 người hả?"), no words of its
    own about what they count ("mức độ 4 đúng ko")."""
    return all(not _said_of(claim_text, c) for c in claims)


def gives_all(claims: tuple[Figure, ...], own: list[Figure]) -> bool:
    """Whether the fact gives every figure claimed (see `_given`)."""
    return all(_given(c, own) for c in claims)


def given_count(claims: tuple[Figure, ...], own: list[Figure]) -> int:
    """How many of the figures claimed the fact gives (see `gives_any`)."""
    return sum(_given(c, own) for c in claims)


def gives_any(claims: tuple[Figure, ...], own: list[Figure]) -> bool:
    """Whether the fact gives one of the figures claimed (exactly, or within a rounded claim's reach)."""
    return any(_given(c, own) for c in claims)


def _given(claim: Figure, own: list[Figure]) -> bool:
    """Whether the fact gives a claimed figure: exactly, or within what a rounded claim allows ("hơn 17 nghìn" of
    17.412; "gần 20" of 19; "khoảng 100" of 96); a share for a share ("15 người" is not the fact's 15%)."""
    values = {number(f.value) for f in own if _same_kind(claim, f)}
    value = number(claim.value) * (_THOUSAND if claim.after[:1] in (("nghin",), ("ngan",)) else 1)
    if value in values:
        return True
    said = claim.before[-1:]
    if said in (("hon",), ("tren",)):
        return any(value < v <= value * (1 + ROUNDED) for v in values)
    if said in (("gan",), ("duoi",)):
        return any(value * (1 - ROUNDED) <= v < value for v in values)
    if said in (("khoang",), ("chung",), ("xap", "xi")) or claim.before[-2:] == ("xap", "xi"):
        return any(abs(v - value) <= value * ROUNDED for v in values)
    return False


def _same_kind(claim: Figure, figure: Figure) -> bool:
    """Whether a fact's figure can be what a claim states: a share for a claimed share, and for a count said with
    what it counts ("15 người") not a share; a bare number ("là 64,8 à?") may be either."""
    if claim.kind == figures.PERCENT:
        return figure.kind == figures.PERCENT
    if figure.kind == figures.DATE and claim.kind not in (figures.DATE, figures.YEAR) and not _of_a_date(claim):
        return False  # "mức độ 4 đúng ko" is not the month of "ngày 23/04/2018"
    return figure.kind != figures.PERCENT or not claim.after[:1] or claim.after[0] in _ASKING


def _of_a_date(claim: Figure) -> bool:
    """Whether a claimed number is a day or month ("ngày 26", "tháng 4", "26/4 hả?")."""
    near = claim.before[-1:] + claim.after[:1]
    return claim.before[-1:] in (("ngay",), ("thang",)) or any(w.isdigit() for w in near) or \
        figures.year_shaped(claim.value)  # "đến giữa 2017" is a year, however it is said


def same_figures(claim: Figure, own: list[Figure]) -> list[Figure]:
    """The fact's figures stating a claimed one: of its kind, with its number."""
    return [f for f in own if f.kind == claim.kind and number(f.value) == number(claim.value)]


def _swapped(claims: tuple[Figure, ...], own: list[Figure]) -> tuple[Figure, Figure] | None:
    """A level claimed reached that the fact gives as where the change started, while the fact's level reached
    is another figure claimed: that level and the claim's, or None."""
    for claim in claims:
        same = same_figures(claim, own)
        if reached(claim) and same and not any(reached(f) for f in same):
            right = next((f for other in claims if other is not claim for f in same_figures(other, own)
                          if reached(f)), None)
            if right is not None:
                return right, claim
    return None


def _changed_by(answer: str, figure: Figure) -> str:
    """The change a fact's figure is of ("giảm", "tăng": the last such word since its clause began, "đã giảm 35
    phòng … và 105 lãnh đạo"), or '' when it is a level ("xuống còn 59") or said of no change."""
    if reached(figure):
        return ""
    words = fold(_SENTENCE_PART.split(answer[:figure.start])[-1]).split()
    return next((_CHANGES[w] for w in reversed(words) if w in _CHANGES), "")


def _counted_of_another(claim: Figure, own: list[Figure], claim_text: str, answer: str) -> list[Figure]:
    """The fact's other figures that count what a claim counts, when the fact gives the claimed figure only of
    something else: the words after it (at least _COUNTED_ALIKE, besides people and links) share none with the
    words after the fact's same figure and some with another's ("13 người đạt loại giỏi" of "13 người khá và 6
    người giỏi"), or some with the same figure's and more, two at least, with another's; the ones sharing most."""
    counted = _noun_phrase(claim_text, claim)
    same = [_noun_phrase(answer, f) for f in own if _same_kind(claim, f) and number(f.value) == number(claim.value)]
    if len(counted) < _COUNTED_ALIKE or not same or any(not phrase for phrase in same):
        return []
    own_share = max(len(phrase & counted) for phrase in same)
    most, sharing = _sharing_most(claim, own, answer, _noun_phrase, counted)
    # (sharing some words with its own figure, the claim must share more, and two at least, with another's: "127
    # công chức trúng tuyển" of "cử 127 công chức tham dự kỳ thi …, sau đó 66 công chức đã trúng tuyển")
    another = most > 0 if not own_share else most > own_share and most >= _COUNTED_ALIKE
    return sharing if another else []


def _sharing_most(claim: Figure, own: list[Figure], answer: str, phrase_of: Callable[[str, Figure], set[str]],
                  said: set[str]) -> tuple[int, list[Figure]]:
    """Of the fact's other figures of a claim's kind (a range's ends aside), those whose words (`phrase_of`) share
    most with what the claim says of its figure, and how many words they share."""
    shared = {f.start: len(phrase_of(answer, f) & said) for f in own
              if f.is_quantity and _same_kind(claim, f) and number(f.value) != number(claim.value)
              and not _in_range(answer, f)}
    most = max(shared.values(), default=0)
    return most, [f for f in own if shared.get(f.start) == most]


def _led_into_another(claim: Figure, own: list[Figure], claim_text: str, answer: str,
                      named: frozenset[str] = frozenset()) -> list[Figure]:
    """The fact's other figures said after what the claim says right before its figure (its places' words
    `named` aside), when the fact says its same figure after words of its own (at least _COUNTED_ALIKE, besides
    people and links) and the claim's share more, two at least, with another figure's lead-in ("khối ban Đảng, đoàn
    thể … có 178" of "khối ban Đảng và đoàn thể có 69 người; khối chính quyền là 178 người"; "bổ nhiệm lại 10 cán
    bộ" of "điều động, bổ nhiệm ngang cấp 10 cán bộ; bổ nhiệm lại 5 trường hợp"); the ones sharing most."""
    said, counted = _lead_in(claim_text, claim) - named, _noun_phrase(claim_text, claim)
    alike = [f for f in own if _same_kind(claim, f) and number(f.value) == number(claim.value)]
    same = [_lead_in(answer, f) for f in alike]
    if len(said) < _COUNTED_ALIKE or not same or any(len(phrase) < _COUNTED_ALIKE for phrase in same) \
            or any(_noun_phrase(answer, f) & counted for f in alike):
        return []  # (nor one saying after it what the fact's figure counts: "… trên 3.000 học viên" is of them)
    own_share = max(len(phrase & said) for phrase in same)
    most, sharing = _sharing_most(claim, own, answer, _lead_in, said)
    return sharing if most > own_share and most >= _COUNTED_ALIKE else []


def _lead_in(text: str, figure: Figure) -> set[str]:
    """The words right before a figure (at most _NOUN_PHRASE, back to its clause's start or the figure before it; a
    comma may sit inside: "điều động, bổ nhiệm ngang cấp"), besides people and links."""
    return set(fold(_PHRASE_END.split(text[max(0, figure.start - _CLAUSE_CHARS):figure.start])[-1]).split()
               [-_NOUN_PHRASE:]) - _GENERIC - _ASKING


def _in_range(text: str, figure: Figure) -> bool:
    """Whether a figure is an end of a range ("vượt quá 1-3 cấp phó"): no count of its own."""
    return _RANGE_AFTER.match(text, figure.end) is not None or _RANGE_BEFORE.search(text[:figure.start]) is not None


_RANGE_AFTER, _RANGE_BEFORE = re.compile(r"\s*[-–]\s*\d"), re.compile(r"\d\s*[-–]\s*$")  # "1-3", "1 – 3"


def _named_with_another(claim: Figure, own: list[Figure], claim_text: str, answer: str) -> Figure | None:
    """The fact's figure set in brackets after a name the claim says ("Mỹ (7,4%)"), when the claimed figure is
    set so only after names it does not say ("Đức (7,3%)"), or None."""
    names = {f.start: _bracket_name(answer, f) for f in own if f.is_quantity and _same_kind(claim, f)}
    said = f" {fold(claim_text)} "
    same = [f for f in own if f.start in names and number(f.value) == number(claim.value)]
    if not same or not all(names[f.start] and f" {names[f.start]} " not in said for f in same):
        return None
    return next((f for f in own if names.get(f.start) and number(f.value) != number(claim.value)
                 and f" {names[f.start]} " in said), None)


def _bracket_name(text: str, figure: Figure) -> str:
    """The name a figure is set in brackets after ("Mỹ (7,4%)": "my"), folded, or ''."""
    m = _BRACKETED.search(text[max(0, figure.start - _NAME_CHARS):figure.start])
    return fold(m.group(1)) if m else ""


# A capitalised name and an opening bracket right before a figure ("… như Anh (9,9%), Mỹ (7,4%) …")
_BRACKETED = re.compile(r"([A-ZĐÀ-Ỹ][^\W\d_]*(?: [A-ZĐÀ-Ỹ][^\W\d_]*)*)\s*\(\s*$")
_NAME_CHARS = 40  # how far before a figure its name in brackets is looked for


def _noun_phrase(text: str, figure: Figure) -> set[str]:
    """The words after a figure that say what it counts (at most _NOUN_PHRASE, up to the sentence's end or the
    next figure; a comma may sit inside: "trưởng, phó phòng"), besides people and links."""
    return set(_words_after(text, figure, _PHRASE_END)[:_NOUN_PHRASE]) - _GENERIC - _ASKING


def _said_of(text: str, claim: Figure) -> set[str]:
    """What a claim says of its figure besides people and links ("đúng 15 người hả?" says nothing more)."""
    return (set(claim.before) | set(claim.after) | _counted(text, claim)) - _GENERIC - _ASKING


def _closest(claim: Figure, own: list[Figure], claimed: set[float], claim_text: str, answer: str,
             strict: bool = False, shares: bool = True) -> Figure | None:
    """The fact's figure that says what the claim says: same kind, closest words around it (what it counts said
    whole: "27 trường hợp là người cùng thôn" for "30 người cùng thôn"), first on ties; `strict`: only one
    sharing words with it (the sign of a share among them unless `shares` is False)."""
    best, best_score = None, -1.0
    context = set(claim.before) | set(claim.after) | _counted(claim_text, claim)
    quarter = _quarter(claim_text)
    for position, figure in enumerate(own):
        if not figure.is_quantity or number(figure.value) in claimed:
            continue
        words = set(figure.before) | set(figure.after) | _counted(answer, figure)
        if strict and not (context & words) - _GENERIC - (set() if shares else _SHARE):
            continue
        score = len(context & words) + (2.0 if figure.kind == claim.kind else 0.0)
        if quarter and _quarter(answer[answer.rfind(";", 0, figure.start) + 1:figure.start]) == quarter:
            score += _QUARTER_BONUS  # "quý I mới giảm 9 thôi hả" of "… 21 biên chế; riêng quý I/2019 … 14": the 14
        if words & _CHANGE_WORDS and not context & _CHANGE_WORDS:
            score -= _CHANGE_PENALTY
        if figure.before[-1:] == _WITHIN and claim.before[-1:] != _WITHIN:
            score -= _WHOLE_PENALTY  # "trong 71 người của Sở, … 11 người …": the whole restated, not the count
        score -= position * 0.01  # the first figure of an answer is its headline
        if score > best_score:
            best, best_score = figure, score
    return best


def _not_of_quarter(claim: Figure, own: list[Figure], claim_text: str, answer: str) -> bool:
    """Whether a claim names a quarter the fact gives a figure of, and that figure is not the claim's ("21 biên
    chế trong quý I" of "… 21 biên chế; riêng quý I/2019 … 14 biên chế": the year's 21, not the quarter's)."""
    quarter = _quarter(claim_text)
    if not quarter:
        return False
    of_quarter = {number(f.value) for f in own if _same_kind(claim, f) and f.is_quantity
                  and _quarter(answer[answer.rfind(";", 0, f.start) + 1:f.start]) == quarter}
    return bool(of_quarter) and number(claim.value) not in of_quarter


def _quarter(text: str) -> str:
    """The quarter of a year a text names ("quý I/2019", "quý 2": "1", "2"), or ''."""
    m = _QUARTER.search(fold(text))
    return "" if m is None else str(_ROMAN.get(m.group(1), m.group(1)))


def _counted(text: str, figure: Figure) -> set[str]:
    """The words after a figure up to the end of its clause (a comma, a bracket, the next figure): what it counts."""
    return set(_words_after(text, figure, _CLAUSE_END))


def _words_after(text: str, figure: Figure, end: re.Pattern[str]) -> list[str]:
    """The words after a figure (folded, within _CLAUSE_CHARS) up to where `end` first matches."""
    return fold(end.split(text[figure.end:figure.end + _CLAUSE_CHARS], 1)[0]).split()


def said_around(text: str, figure: Figure) -> list[str]:
    """The words a figure is said with, folded: the two before it and those after it up to the end of its clause
    or the next figure (at most five)."""
    before = _CLAUSE_END.split(text[:figure.start])[-1]
    after = _CLAUSE_END.split(text[figure.end:], 1)[0]
    return fold(before).split()[-_AROUND_BEFORE:] + fold(after).split()[:_AROUND_AFTER]


def _shown(text: str, figure: Figure) -> str:
    """A figure as written, with its percent sign or its thousands ("17 nghìn")."""
    shown = text[figure.start:figure.end]
    if figure.kind == figures.PERCENT:
        shown += "%"
    elif figure.after[:1] in (("nghin",), ("ngan",)):
        shown += " nghìn"
    return shown


_ROUNDING_WORD = lazy_regex(r"(?i)\b(?:hơn|trên|gần|khoảng|chừng|xấp xỉ|dưới|gần như)\s+$")  # just before a figure


def _with_rounding(text: str, figure: Figure) -> str:
    """A figure as a text writes it, with the rounding word before it ("trên 20%", "hơn 17 nghìn")."""
    rounding = _ROUNDING_WORD.search(text[max(0, figure.start - _ROUNDING_CHARS):figure.start])
    return (rounding.group(0) if rounding else "") + _shown(text, figure)


_ROUNDING_CHARS = 12  # characters before a figure where its rounding word is looked for


_PART_END = re.compile(r"[;!?]|\.(?=\s)")  # the end of a sentence or of a part of one ("2.525" is one figure)


def years_said_of(answer: str, own: list[Figure], figure: Figure, aside: frozenset[str]) -> frozenset[str]:
    """The years an answer says one of its figures is of: those named since the quantity before it, within its
    part of the sentence ("năm 2014 là 687 người; năm 2015 là 674 người": 2014 for the 687), but those in
    `aside` (named only as compared with or as a document's)."""
    ends = [m.end() for m in _PART_END.finditer(answer, 0, figure.start)]
    start = max(ends[-1:] + [f.end for f in own if f.is_quantity and f.end <= figure.start], default=0)
    return frozenset(f.value for f in own if is_year(f) and start <= f.start < figure.start and f.value not in aside)


def is_year(figure: Figure) -> bool:
    """Whether a figure names a year: a year, or a date's year ("tính đến 31/12/2015": 2015)."""
    return figure.kind == figures.YEAR or (figure.kind == figures.DATE and figures.year_shaped(figure.value))


_FULL_DATE = re.compile(r"(?<![\d/-])(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d{2})(?![\d/])")


def dates_in(text: str) -> list[tuple[str, tuple[int, int, int]]]:
    """The full dates a text writes ("11/8/2017", "26-12-2017"), as written and as (day, month, year)."""
    return [(m.group(0), (int(m.group(1)), int(m.group(2)), int(m.group(3)))) for m in _FULL_DATE.finditer(text)]


def judge_date(claimed: tuple[str, tuple[int, int, int]], given: list[tuple[str, tuple[int, int, int]]]) -> str:
    """The verdict on a date claimed of an answer giving `given` dates ('' when it gives several, none the
    claim): right if one is the claim, else wrong against the one it gives."""
    if any(day == claimed[1] for _, day in given):
        return RIGHT
    return WRONG_DATE.format(right=given[0][0], claimed=claimed[0]) if len(given) == 1 else ""
