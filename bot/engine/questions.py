"""What kind of question this is: a yes/no confirmation and the figures it claims, and what it counts.

"Sở KH&CN Hải Dương có 20 công chức học ngoại ngữ phải ko?" is a confirmation claiming 20; the fact is
found from the rest ("Sở KH&CN Hải Dương có … công chức học ngoại ngữ"), never from the claimed figure.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from bot.language import figures
from bot.language.figures import Figure
from bot.language.text import fold, lazy_regex, typed_as

_NO = r"(?:khong|ko|k|kg|hong|hok|hem|khum|chua)"
_TAIL = r"(?:\s+(?:a|ak|ah|vay|z|v|ad|admin|nhi|nhe|ban|bot|the|ha|ta|chi|anh|em|oi))*"
# "..., đúng không?", "phải ko ạ", "có đúng vậy không", "đúng chưa", "đúng chứ"
_CONFIRM_END = lazy_regex(r"[\s,;:.-]*(?:(?:so|con so)\s+(?:nay|do)\s+)?(?:co\s+)?(?:dung|phai|chuan|chinh xac)"
                          r"(?:\s+(?:vay|the|la|z|v))?\s+(?:" + _NO + r"|chu|ha|nhi)" + _TAIL + r"[\s?!.]*$"
                          r"|[\s,;:.-]*(?:(?:ghi\s+)?(?:vay|the|z|v)\s+)?(?:ma\s+)?(?:" + _NO + r")\s+(?:chac|nho ro)(?:\s+lam)?" + _TAIL + r"[\s?!.]*$")
_CONFIRM_WORDS = ("dung", "phai", "chuan", "chinh xac", "chac", "nho ro")  # one is in every _CONFIRM_END match
_ASIDE_WORDS = 8  # "…, để mình ghi vào báo cáo": at most so many words after the question, telling why it asks
# "50 hay 60 xã?", "8,42% hay 8,24%", "trên 20% hay trên 30%", "số 506 hay số 2532": figures offered to choose from
_CHOICE = lazy_regex(r"\d[\d.,]*\s*(?:%|\w+)?\s+(?:hay|hoac|hay la)\s+(?:(?:tren|hon|gan|khoang|chung|duoi|so)\s+)?\d")
# "mình nhớ là", "em ghi", "nghe nói": what the user remembers, to be checked
_REMEMBERED = lazy_regex(r"^\s*(?:(?:minh|em|toi|anh|chi|to)\s+)?(?:nho la|nho|ghi la|ghi|nghe noi la|nghe noi|thay ghi)\s+")
# "à mình tưởng là …?", "em nghĩ là …?": a belief, with a question mark, asks whether it holds ("nghĩ" only after
# who thinks it: "nghị quyết" folds alike)
_BELIEVED = lazy_regex(r"^\s*(?:(?:a|o|ua)\s+)?(?:(?:minh|em|toi|tui|anh|chi|to)\s+(?:cu\s+)?(?:tuong|nghi)"
                       r"|(?:cu\s+)?tuong)(?:\s+la)?\s+")
# "Có phải ... không?", "Phải chăng ...?"
_CONFIRM_START = lazy_regex(r"^\s*(?:(?:co\s+)?phai(?:\s+la)?|phai\s+chang|co\s+dung\s+la|dung\s+la)\s+")
# "Hoành Bồ tinh giản 21 biên chế à?", "… 15 người nhỉ?": a figure stated and checked (accented only: a bare "a"
# is too common)
_SURPRISED_END = lazy_regex(r"[\s,]*(?:à|hả|hở|ư|nhỉ)(?:\s+(?:anh|chị|em|bạn|ad|bot|ạ|nhé|nha))*[\s?!.]*$")
# ("bộ máy" folds to "bo may"; "chưa đi học lần nào": "lần nào" is "even once")
_ASKS_A_QUANTITY = lazy_regex(r"\b(?:bao nhieu|(?<!bo )may|bn|ai|(?<!lan )nao|gi|sao)\b")
# "Bà X là …", "… tác giả là bà X", "… do ông X viết": who someone is, or who did something
_SAYS_WHO = lazy_regex(r"^\s*(?:ong|ba|anh|chi|dong chi)\s+\S+.*\bla\b|\b(?:la|do)\s+(?:ong|ba|dong chi)\s+\S+")
_NO_END = lazy_regex(r"[\s,]*(?:" + _NO + r"|chu)" + _TAIL + r"[\s?!.]*$")
_JOINED = lazy_regex(r"(?<!\w)(?:hay là|hay la|hay|hoặc|hoac)(?!\w)", re.I)  # between figures offered
_OR_AT_END = lazy_regex(r"[\s,]+(?:hay|hoặc|hoac|hay là|hay la)\s*$", re.I)  # "… hay (không)": "or (not)"


_ASKS_A_COUNT = lazy_regex(r"\b(?:bao nhieu|bn|(?<!bo )may)\b")
# "tăng lên (đến) bao nhiêu", "giảm xuống (còn) bao nhiêu": the level reached, not the change (but "trở lên": "and
# above"; "nhích lên bao nhiêu so với 2015": compared, the change)
_TO_LEVEL = lazy_regex(r"(?<!tro )\b(?:len|xuong)\s+(?:(?:den|toi|con)\s+)?(?:bao nhieu|bn|may)\b")
_COMPARED = lazy_regex(r"\bso\s+(?:voi|vs|v)\b")
_REACHED = {("len",), ("xuong",), ("con",), ("len", "den"), ("len", "toi"), ("xuong", "con"), ("con", "lai")}


def asks_a_level(folded: str) -> bool:
    """Whether folded text asks the level a change reached ("tăng lên bao nhiêu người?")."""
    return ("len" in folded or "xuong" in folded) and _TO_LEVEL.search(folded) is not None \
        and _COMPARED.search(folded) is None


def claims_a_level(question: str) -> bool:
    """Whether a yes/no question claims the level a change reached ("tăng lên 45 người phải không?"), as
    `asks_a_level` asks it: every figure it claims is said after "lên" or "xuống"."""
    folded = fold(question)
    if "len" not in folded and "xuong" not in folded:
        return False  # (tested first: `Engine._asked` reads every question, and few say either)
    confirm = confirmation(question)
    return confirm is not None and bool(confirm.claims) and _COMPARED.search(folded) is None and all(
        reached(c) and {"len", "xuong"} & set(c.before[-2:]) for c in confirm.claims)


def reached(figure: Figure) -> bool:
    """Whether a figure is a level reached ("lên 45 người", "xuống còn 93 ban"), by the words right before it."""
    return tuple(figure.before[-1:]) in _REACHED or tuple(figure.before[-2:]) in _REACHED


# "bình quân", "trung bình", "mỗi cán bộ", "hằng năm", "tính trên đầu người": a figure per person or per time, as
# written (scope.py finds a fact's so; "moi" is "mới" and "mọi" too, and "mỗi" must be typed with its marks)
PER_WORDS = r"bình quân|trung bình|đầu người|h[ằà]ng (?:năm|tháng|quý)"
# ...and as typed without marks; not "mỗi cái", "mỗi loại": each of the things asked, a figure for each
_PER_ASKED = lazy_regex(r"(?i)(?<!\w)(?:mỗi(?!\s+(?:cái|thứ|loại|bên|nơi|ý|câu|con số|số)(?!\w))|" + PER_WORDS
                        + r"|binh quan|trung binh|dau nguoi)(?!\w)")


def asks_per_unit(text: str) -> bool:
    """Whether a question asks a figure per person or per time ("chi bình quân bao nhiêu cho mỗi cán bộ?"); not
    "mỗi năm" after the years it names ("năm 2023 và năm 2024 mỗi năm giảm bao nhiêu?": each of those)."""
    text = unicodedata.normalize("NFC", text)
    for m in _PER_ASKED.finditer(text):
        if not (fold(m.group(0)) == "moi" and fold(text[m.end():]).split()[:1] == ["nam"]
                and len({f.value for f in figures.find(text[:m.start()]) if f.kind == figures.YEAR}) >= 2):
            return True
    return False


def asks_a_count(folded: str) -> bool:
    """Whether folded text asks how many ("bao nhiêu", "bn", "mấy"; not "bộ máy")."""
    return _ASKS_A_COUNT.search(folded) is not None


@dataclass(frozen=True)
class Confirmation:
    """A yes/no question: what it asks about, and the figures it claims."""

    core: str  # the question without the yes/no words and the claimed figures
    claims: tuple[Figure, ...]  # counts and percentages the user wrote
    text: str  # the question without the yes/no words (the claims' offsets point into it)
    choice: bool = False  # "50 hay 60?": which one of the claims the article gives


# Figures a yes/no question with a surprised end checks: "ký ngày 11/8 hả?", "… số 506/ĐA-SKHCN à?", "… năm 2017 hả?"
_CHECKED = (figures.DATE, figures.DOCUMENT, figures.YEAR)
_ROUNDING = lazy_regex(r"(?:\b(?:hơn|hon|trên|tren|gần|gan|khoảng|khoang|chừng|chung|xấp xỉ|xap xi)\s*)$", re.I)
# "chỉ có 17 cán bộ thôi", "vỏn vẹn 3 người": only so many, said of the figure as the rounding is
_ONLY = lazy_regex(r"(?:\b(?:chỉ có|chi co|chỉ|chi|vỏn vẹn|von ven|vẻn vẹn|ven ven|có mỗi|co moi)\s*)$", re.I)
_ONLY_END = lazy_regex(r"\s+(?:thôi|thoi|thui)\s*$", re.I)
_THOUSANDS = lazy_regex(r"\s*(?:nghìn|nghin|ngàn|ngan)\b", re.I)


def confirmation(question: str) -> Confirmation | None:
    """The confirmation a question asks for, or None when it is not a yes/no question."""
    head, comma, tail = question.rpartition(",")
    if comma and _aside(tail):
        # "51 người đúng không, để mình ghi vào báo cáo", "8 hay 18 nhỉ, mình quên mất rồi": the aside after it
        asked = _confirmation(head)
        if asked is not None:
            return asked
    return _confirmation(question)


def _aside(tail: str) -> bool:
    """Whether what follows a message's last comma only tells why it asks ("để mình ghi vào báo cáo"): a few words,
    no figure, no question of their own, no yes/no words."""
    folded = fold(tail)
    return 0 < len(folded.split()) <= _ASIDE_WORDS and not any(c.isdigit() for c in folded) and "?" not in tail \
        and not _ASKS_A_QUANTITY.search(folded) and not any(w in folded.split() for w in _CONFIRM_WORDS) \
        and _CONFIRM_END.search(folded) is None and _NO_END.search(folded) is None


def _confirmation(question: str) -> Confirmation | None:
    """`confirmation` of a question as it is."""
    text = unicodedata.normalize("NFC", question)
    folded = fold(text)
    if len(folded) != len(text):
        text = folded  # offsets below must fall on the same characters
    # (the pattern tries every position of the text: run only when a word it needs is there)
    end = _CONFIRM_END.search(folded) if any(w in folded for w in _CONFIRM_WORDS) else None
    start = _CONFIRM_START.match(folded)
    if end is not None:
        core = text[: end.start()]
        if start is not None:
            core = core[start.end():]
    elif start is not None:
        tail = _NO_END.search(folded)
        if tail is None or tail.start() <= start.end():
            return None
        core = text[start.end(): tail.start()]
    elif (tail := _NO_END.search(folded)) is not None and not _ASKS_A_QUANTITY.search(folded[: tail.start()]) \
            and any(f.is_quantity for f in figures.find(text[: tail.start()])):
        # "Đông Triều có 17.412 trí thức không?", "… giảm 10% biên chế hay không?": a figure stated, then asked
        core = _OR_AT_END.sub("", text[: tail.start()])
    elif "?" in text and (believed := _BELIEVED.match(folded)) is not None and not _ASKS_A_QUANTITY.search(folded) \
            and any(f.is_quantity for f in figures.find(text[believed.end():])):
        core = text[believed.end():].rstrip(" ?!.")  # "à mình tưởng là 571?": what the user believed, asked back
    elif _CHOICE.search(folded):
        core = text.rstrip(" ?!.")
        tail = re.search(r"[\s,]+(?:nhi|vay|z|v|a|ha|the|nhe)(?:\s+(?:nhi|vay|z|v|a|ha|the|nhe|bot|ad))*\s*$",
                         fold(core))
        if tail is not None:
            core = core[: tail.start()]
    else:
        surprised = _SURPRISED_END.search(text)
        if surprised is None or _ASKS_A_QUANTITY.search(folded[: surprised.start()]):
            return None
        core = text[: surprised.start()]
        if not any(f.is_quantity or f.kind in _CHECKED for f in figures.find(core)) \
                and not _SAYS_WHO.search(fold(core)):
            return None  # ("Bà X là phó giám đốc … hả?": a title checked, as with "phải không"; and a date, a
            # document's number or a year, _CHECKED)
    remembered = _REMEMBERED.match(fold(core))
    if remembered is not None:
        core = core[remembered.end():]
    found = figures.find(core)
    claims = tuple(f for f in found if f.is_quantity)
    documents = tuple(f for f in found if f.kind == figures.DOCUMENT)
    if not claims and len(documents) >= 2 and _CHOICE.search(fold(core)) is not None:
        claims = documents  # "là số 1258 hay 1285?": a choice between document numbers, checked as figures are
    choice = len(claims) >= 2 and _CHOICE.search(fold(core)) is not None
    text = core
    joined = _JOINED.search(core, claims[0].end, claims[-1].start) if choice else None
    if joined is not None:  # "có 4 hay 5 phó giám đốc": the "hay" offering them is no word of what is asked
        core = core[:joined.start()] + " " * (joined.end() - joined.start()) + core[joined.end():]
    for claim in reversed(claims):
        # the figure, with the rounding before it and the thousands after it ("hơn 17 nghìn"): said of the figure
        before = _ROUNDING.search(core[: claim.start])
        after = _THOUSANDS.match(core[claim.end:])
        start, end = before.start() if before else claim.start, claim.end + (after.end() if after else 0)
        only = _ONLY.search(core[:start])
        core = core[:only.start() if only else start] + " " + core[end:]
    if claims:
        core = _ONLY_END.sub("", core.rstrip(" ,"))
    return Confirmation(core.strip(" ,"), claims, text, choice)


# "… vào hết năm 2020 hay 2021?": a choice between years, which one the article gives
_YEARS_CHOSEN = lazy_regex(r"\b((?:19|20)\d\d)\s+(?:hay|hoặc|hoac|hay là|hay la)\s+"
                           r"(?:(?:năm|nam|từ|tu|vào|vao|đến|den|tới|toi)\s+)*((?:19|20)\d\d)\b", re.I)


def years_chosen(text: str) -> tuple[tuple[str, ...], str]:
    """The years a question asks to choose between ("năm 2020 hay 2021?") and the question without that choice;
    ((), text) when it offers none."""
    m = _YEARS_CHOSEN.search(text)
    if m is None:
        return (), text
    return (m.group(1), m.group(2)), f"{text[:m.start()]} {text[m.end():]}"


# "sở nào có 92 đoàn viên?", "Lạng Sơn hay Hải Dương có 92 đoàn viên?": which one has a figure stated
_WHICH = lazy_regex(r"\b(?:ben|noi|cho|tinh|so|huyen|thi xa|dia phuong|don vi|co quan|nganh)\s+nao\b")
_EITHER = lazy_regex(r"\s(?:hay|hoac|hay la)\s")


def which_has(text: str) -> str:
    """How a question asks which one has a figure it states: "nào" ("bên nào có 92 đoàn viên?"), "hay" (of places
    it names: "Lạng Sơn hay Hải Dương có 92 …?", which the caller checks), or '' when it asks no such thing (a
    count asked, a yes/no question, no figure stated)."""
    folded = fold(text)
    if "nao" not in folded and "hay" not in folded and "hoac" not in folded:
        return ""  # (the patterns try every position: run only when a word they need is there)
    kind = "nao" if _WHICH.search(folded) else "hay" if _EITHER.search(folded) else ""
    if not kind or asks_a_count(folded) or confirmation(text) is not None \
            or not any(f.is_quantity for f in figures.find(text)):
        return ""
    return kind


# "trong 71 người của Sở …": the whole a question counts within, restated; not a figure the answer must hold
_WITHIN = lazy_regex(r"\btrong\s+(?:(?:số|so|tổng số|tong so)\s+)?\d[\d.,]*\s+(?:người|nguoi|cán bộ|can bo|công chức"
                     r"|cong chuc|viên chức|vien chuc|nhân sự|nhan su)\b", re.I)


def without_the_whole(question: str) -> str:
    """A question without the whole it counts within ("trong 71 người của sở, bao nhiêu người có bằng đại học?")."""
    return _WITHIN.sub(" ", question)


# "Trong số nhân tài … thu hút và đào tạo, bao nhiêu người …": a group opening a question, counted within
_WITHIN_GROUP = lazy_regex(r"\s*[Tt]rong (?:tổng )?số\s+([^,?\d]{3,80}),\s*(?=.*(?:bao nhiêu|mấy))")


def group_within(question: str) -> tuple[str, str] | None:
    """The group a question opens with and counts within, and the rest of the question ("Trong số nhân tài Đà
    Nẵng thu hút, bao nhiêu người …?" -> ("nhân tài Đà Nẵng thu hút", "bao nhiêu người …?")), or None."""
    m = _WITHIN_GROUP.match(question)
    return (m.group(1), question[m.end():]) if m else None


# (but "do ai làm giám đốc", "do ai phụ trách": whoever holds a post, a person)
_GROUP_OR_BODY = lazy_regex(r"\b(?:nhung|do|cho|voi|ke|boi|cac|co)\s+ai\b"
                            r"(?!\s+(?:lam|giu|dam nhan|dam nhiem|phu trach|dung dau)\b)")


def asks_for_a_group(question: str) -> bool:
    """"cho những ai", "do ai cấp", "có ai … không": the "ai" asks for a group, a body or whether anyone did,
    not a person's name ("do ai làm giám đốc" does)."""
    return _GROUP_OR_BODY.search(fold(question)) is not None


# "ai được điều về làm giám đốc", "ai được luân chuyển về", "ai về thay": whoever was moved in, which the post
# they came from answers as well as a name ("điều động Trưởng phòng Quản lý công nghệ về làm giám đốc")
_MOVED_IN = lazy_regex(r"\bai\s+(?:duoc\s+|da\s+)?(?:dieu|luan chuyen|dua|cu)\b|\bai\s+(?:duoc\s+)?(?:ve\s+)?thay\b")


def asks_who_was_moved(question: str) -> bool:
    """Whether "ai" asks who was moved into a post ("ai được điều về làm giám đốc?"): a post answers it too."""
    return _MOVED_IN.search(fold(question)) is not None


# "đợt thi đua tên gì", "đề án đó tên là gì": the name of a thing, not of a person (shorthand.yaml reads "tên gì"
# as "ai"); "ai có chuyên môn cao thì …": whoever, a condition, not asking who.
_THING_NAMED = lazy_regex(r"\b(?:dot|phong trao|cuoc van dong|de an|du an|chuong trinh|ke hoach|nghi quyet|chi thi"
                          r"|quyet dinh|van ban|danh hieu|giai thuong|khau hieu|chu de|phan mem|he thong|lop|khoa"
                          r"|mo hinh|bo phan|phong|trung tam|co quan|don vi|to chuc|bai bao|bai viet|bai|bao)"
                          r"\b(?:\s+\w+){0,4}?\s+(ten(?:\s+la)?)\s+gi\b")
_WHOEVER = lazy_regex(r"(?:^|[,;:.]\s*)(ai)\s+(?:\w+\s+){1,6}?thi\s+(?=.*\b(?:gi|nao|dau|bao nhieu|may|sao)\b)")


# "cuộc vận động gì", "đợt thi đua nào", "nghị quyết tên là gì": a thing asked by its name
_THING_ASKED = lazy_regex(r"\b(cuoc van dong|phong trao|dot thi dua|danh hieu|khau hieu|de an|du an|chuong trinh"
                          r"|nghi quyet|chi thi|quyet dinh|ke hoach)\s+(?:gi|nao|ten (?:la )?gi|so may)\b")


def named_thing(question: str) -> str:
    """The thing a question asks the name or number of ("đang thực hiện cuộc vận động gì?" -> "cuoc van
    dong", folded), or ''."""
    m = _THING_ASKED.search(fold(question))
    return m.group(1) if m else ""


def counted_from(tokens: tuple[str, ...]) -> int | None:
    """Where what a question counts begins: right after its first "bao nhiêu" or "mấy" (None: it counts nothing)."""
    for k, token in enumerate(tokens):
        if token == _FEW:
            return k + 1
        if tuple(tokens[k:k + 2]) == _ASKING:
            return k + 2
    return None


def not_a_person(question: str) -> str:
    """A question without the words that would read as asking a person's name when they do not: the name of a
    thing ("đợt thi đua tên gì") or "ai … thì" (whoever)."""
    folded = fold(question)
    if len(folded) != len(question):
        question = folded
    for pattern, needs in ((_THING_NAMED, "ten"), (_WHOEVER, "thi")):
        if needs not in folded:
            continue  # (each pattern tries every position: run only when a word it needs is there)
        for m in reversed(list(pattern.finditer(folded))):
            question = question[: m.start(1)] + " " * (m.end(1) - m.start(1)) + question[m.end(1):]
    return question


_PEOPLE = "người"  # the measure of counts of people (aliases.yaml measures)
_COUNTED_IN_PEOPLE = {"biên chế"}
ANY_FIGURE = "any figure"  # "số mấy", "năm nào": a document number, a year, a level: any figure answers
QUANTITY = "quantity"  # "bao nhiêu" of something not in the measures table: any count or percentage answers
_ASKING = ("bao", "nhieu")
_FEW = "may"  # "mấy", asking a small count
_PERSON_OF = "vien"  # "thanh tra viên", "điều tra viên": the person doing the work the words before it name
_IDENTIFIERS = {"so", "nam", "ngay", "thang", "quy", "muc", "do", "cap", "khoa", "thu"}  # "số bao nhiêu" etc.
PERCENT = _PERCENT = "phần trăm"  # (the measure of a share)
_DURATIONS = {"nam", "thang", "tuan", "ngay"}  # "bao nhiêu năm": how long
_CLOCK_UNITS = {"phut", "gio"}  # "bao nhiêu phút": a noun of one word, whatever follows it
# "mấy năm nay / qua / gần đây / trở lại đây": of late; "mấy tháng đầu / cuối năm": the first or last few
_LATELY = {"nay", "qua", "gan", "tro", "dau", "cuoi"}
_TIME_SAID_WITHIN = 2  # "mấy năm tê có mấy người": a "bao nhiêu" this few words after "mấy năm" is what is asked
_NOT_COUNTED = {"xuong", "len", "lai", "ra", "roi", "nua"}  # "xuống (còn)", "lên", "còn lại", "ra", "rồi", "nữa"
_LINKING = {"thuoc", "tren", "trong", "ngoai", "tu", "den"}  # "thuộc", "trên", "trong", "ngoài", "từ", "đến"
_NUMBER_OF = "so"  # "số đoàn viên": the number of (also "sở", which no measure noun follows but where it asks who)
_WHO = "ai"  # (as reading leaves "ai", "tên là gì", "giữ chức gì")
_IS, _IS_WITHIN, _BEFORE_WORDS = "la", 2, 10  # "số biên chế được giao là (hơn) 45.650": the count's noun before it
TOTAL = "tongso"  # "tổng số", "tổng cộng", "tất cả" (one word in aliases.yaml)
_NOUN_BEFORE = 2  # "… kinh phí bao nhiêu": the longest measure's name looked for right before "bao nhiêu"
_TITLES_COUNTED = {"ong", "vi", "anh", "chi", "ba", "co", "thay"}  # "mấy ông tiến sĩ", "mấy vị lãnh đạo", "mấy cô"


class Measures:
    """What a question counts ("bao nhiêu phòng" counts rooms) and what each fact's figures count."""

    def __init__(self, table: dict[str, tuple[str, ...]], rewrite: Callable[[str], str],
                 general: tuple[str, ...] = (), groups: tuple[str, ...] = ()):
        self._general = {tuple(rewrite(noun).split()) for noun in general}  # staff in general: "người", "cán bộ"
        # Groups of people a question may name before "bao nhiêu người" ("đoàn viên", "trí thức").
        self._groups = {tuple(rewrite(noun).split()) for noun in groups} - self._general
        self._nouns: list[tuple[tuple[str, ...], str]] = []
        # A measure named by a word no figure is written with ("tiền": "30 tỷ đồng", never "30 tiền") is asked by
        # that word in general: "bao nhiêu tiền" is any of its nouns, none of which the fact need say.
        self._names_only = {tuple(rewrite(name).split()) for name, nouns in table.items() if name not in nouns}
        for name, nouns in table.items():
            for noun in (*nouns, name) if tuple(rewrite(name).split()) in self._names_only else nouns:
                words = tuple(rewrite(noun).split())
                if words:
                    self._nouns.append((words, name))
        self._nouns.sort(key=lambda e: len(e[0]), reverse=True)
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # nouns by their first word
        for words, name in self._nouns:
            self._by_first.setdefault(words[0], []).append((words, name))
        self._percent = next((words for words, name in self._nouns if name == _PERCENT), None)
        self._rewrite = rewrite

    def noun(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """What a question counts when a fact must say it too: the noun after "bao nhiêu" ("đảng viên", "giáo
        viên", "lớp"), unless it is a word for staff in general ("người", "cán bộ") or a percentage."""
        tokens = self._unclassified(tokens)
        for i in range(len(tokens) - 1):
            if tokens[i:i + 2] != _ASKING or (i > 0 and tokens[i - 1] in _IDENTIFIERS):
                continue
            words = self._noun_at(tokens, i + 2)
            if words in self._general:
                # "bao nhiêu người (là) đảng viên": staff in general, then the group they are, which is what is
                # counted (however many of the unit's people there are)
                then = self._noun_at(tokens, i + 2 + len(words))
                if then is not None and then not in self._general and \
                        self._measure_at(tokens, i + 2 + len(words)) == self._measure_at(tokens, i + 2):
                    return then
            if words is not None:
                return () if words in self._general or words in self._names_only or \
                    self._measure_at(tokens, i + 2) == _PERCENT else words
            if tokens[i + 2:i + 3] and tokens[i + 2] in _DURATIONS:
                if tokens[i + 3:i + 4] and tokens[i + 3] in _LATELY or _asks_again(tokens, i + 3):
                    # "mấy năm nay có mấy người …", "mấy năm tê có mấy người … rứa?": a time, not how long; what
                    # the next one asks
                    continue
                return tokens[i + 2:i + 3]  # "mất mấy năm mới được": a duration, "mới" is no part of it
            if tokens[i + 2:i + 3] and tokens[i + 2] in _NOT_COUNTED | _LINKING | {TOTAL}:
                # "từ bao nhiêu (ban) xuống còn …": a word of change; "bao nhiêu (suất) thuộc ngạch cán sự": what
                # the count belongs to, its classifier read away; "bao nhiêu (trong) tổng số công chức là lãnh
                # đạo": the whole a part is counted of: none is what is counted
                return ()
            if tokens[i + 2:i + 3] and tokens[i + 2] in _CLOCK_UNITS:
                return tokens[i + 2:i + 3]  # "bao nhiêu phút (với) chuyên viên": the unit, then whom it is for
            # "bao nhiêu thanh tra viên": "viên" closing a noun makes it the person doing that work
            # (but "hồ sơ | viên chức": "viên chức" is a noun of its own)
            closed = tokens[i + 4:i + 5] == (_PERSON_OF,) and tokens[i + 5:i + 6] != ("chuc",)
            noun = tokens[i + 2:i + 5] if closed else tokens[i + 2:i + 4]
            # "từ bao nhiêu trường xuống còn …": the noun ends at a word of change or of belonging
            return tuple(itertools.takewhile(lambda t: t not in _NOT_COUNTED | _LINKING, noun))
        return ()

    def asked(self, tokens: tuple[str, ...]) -> str | None:
        """What a question asks to count: a measure name, QUANTITY, ANY_FIGURE, or None (it counts nothing)."""
        tokens = self._unclassified(tokens)
        found: str | None = None
        first, second = _ASKING
        for i in range(len(tokens) - 1):
            if tokens[i] != first or tokens[i + 1] != second:
                continue
            if i > 0 and tokens[i - 1] in _IDENTIFIERS and not (i > 1 and tokens[i - 2][0].isdigit()):
                return ANY_FIGURE  # "số mấy", "quý mấy" — but "3 quỹ còn bao nhiêu" counts
            found = self._measure_at(tokens, i + 2) or found or self._count_without_asking(tokens[:i]) \
                or self._named_just_before(tokens, i) or self._subject_counted(tokens, i) or QUANTITY
            if self._noun_at(tokens, i + 2) in self._general:
                found = self._group(tokens, found)
        if found is None:
            found = self._count_without_asking(tokens)
        if found is not None and found != ANY_FIGURE and self._percent and _contains(tokens, self._percent):
            return _PERCENT  # "tỷ lệ … bao nhiêu", "cứ 100 người thì bao nhiêu người": a rate
        return found

    def _named_just_before(self, tokens: tuple[str, ...], i: int) -> str | None:
        """The measure named right before "bao nhiêu" at i by a word no figure is written with, when no noun follows
        ("dự kiến kinh phí bao nhiêu?", read "tiền bao nhiêu": money), if any ("cán bộ … là bao nhiêu" may ask
        anything of them)."""
        for n in range(min(i, _NOUN_BEFORE), 0, -1):
            if tokens[i - n:i] in self._names_only:
                return self._measure_at(tokens, i - n)
        return None

    def _subject_counted(self, tokens: tuple[str, ...], i: int) -> str | None:
        """The measure a question opens with when it ends with its "bao nhiêu" at i ("Biên chế được giao năm 2015 của
        Hoành Bồ là bao nhiêu?": biên chế), unless it is staff in general ("cán bộ … là bao nhiêu" may ask anything
        of them)."""
        if i == 0 or i + len(_ASKING) < len(tokens) or self._noun_at(tokens, 0) in self._general:
            return None
        return self._measure_at(tokens, 0)

    def _unclassified(self, tokens: tuple[str, ...]) -> tuple[str, ...]:
        """The tokens without a title said of people counted between "bao nhiêu" and what it counts ("mấy ông tiến
        sĩ", "bao nhiêu vị lãnh đạo": "tiến sĩ", "lãnh đạo")."""
        if _TITLES_COUNTED.isdisjoint(tokens):
            return tokens  # (most questions: no title to look at)
        k = next((k for k in range(2, len(tokens) - 1) if tokens[k] in _TITLES_COUNTED
                  and tokens[k - 2:k] == _ASKING and self._entry_at(tokens, k + 1) is not None), None)
        return tokens if k is None else tokens[:k] + tokens[k + 1:]

    def _count_without_asking(self, tokens: tuple[str, ...]) -> str | None:
        """A count asked without "bao nhiêu": "số đoàn viên …", "tổng số …", "tỷ lệ … của …"."""
        # ("sở Lạng Sơn phó giám đốc tên gì", its place read: "sở phó giám đốc", who, not "số phó giám đốc")
        for i, token in enumerate(tokens if _WHO not in tokens else ()):
            if token == _NUMBER_OF and self._measure_at(tokens, i + 1):
                measure = self._measure_at(tokens, i + 1)
                return self._group(tokens, measure) if self._noun_at(tokens, i + 1) in self._general else measure
        if TOTAL in tokens:
            return QUANTITY
        if self._percent and _contains(tokens, self._percent):
            return _PERCENT
        return None

    def _group(self, tokens: tuple[str, ...], general: str) -> str:
        """"đoàn viên công đoàn có bao nhiêu người": after "bao nhiêu" staff in general, elsewhere a group of
        people with a measure of its own, which is what is counted."""
        for k in range(len(tokens)):
            if self._noun_at(tokens, k) in self._groups:
                measure = self._measure_at(tokens, k)
                if measure not in (None, general, _PERCENT):
                    return measure
        return general

    def names_staff(self, words: list[str]) -> bool:
        """Whether words hold a noun for staff in general ("cán bộ", "người") anywhere."""
        return any(tuple(words[k:k + len(noun)]) == noun for noun in self._general for k in range(len(words)))

    def says_only(self, tokens: tuple[str, ...], measure: str) -> bool:
        """Whether a text's tokens say nothing but what a measure is called ("%" read as "tỷ lệ", "người"): a
        figure claimed of nothing else."""
        return set(tokens) <= {w for words, name in self._nouns if name == measure for w in words}

    def of_figures(self, found: list[Figure], text: str = "") -> frozenset[str]:
        """The measures a fact's figures count (QUANTITY for a count of something unnamed); `text`, the one the
        figures were found in, names what a figure with no noun after it counts before it ("có số biên chế được
        giao là hơn 45.650")."""
        out: set[str] = set()
        for figure in found:
            if figure.kind == figures.PERCENT:
                out.add(_PERCENT)
            elif figure.kind == figures.COUNT:
                words = tuple(w for w in figure.after if not w[0].isdigit())
                tokens = tuple(self._rewrite(" ".join(words)).split())
                if tokens[:2] == _ASKING:  # "1.547 số lượng người làm việc": the number of (read "bao nhiêu") people
                    tokens = tokens[2:]
                out.add(self._measure_at(tokens, 0) or (text and (self._named_before(text[:figure.start])
                                                                  or self._listed_after(text, figure.start)))
                        or QUANTITY)
        return frozenset(out)

    def _listed_after(self, text: str, at: int) -> str | None:
        """The measure of the figure a parenthesis listing a figure at `at` follows ("932 biên chế (mầm non 250;
        tiểu học 455 …)": each part counts what the whole does), if any."""
        opened = text.rfind("(", 0, at)
        if opened < 0 or ")" in text[opened:at]:
            return None
        whole = next((f for f in reversed(figures.find(text[:opened])) if f.kind == figures.COUNT), None)
        if whole is None or len(text[whole.end:opened].split()) > _BEFORE_WORDS:
            return None
        return self._measure_at(tuple(self._rewrite(text[whole.end:opened]).split()), 0)

    def _named_before(self, before: str) -> str | None:
        """The measure of "số <noun> … là" right before a figure ("số biên chế được giao là hơn"), if any."""
        words = before.split()[-_BEFORE_WORDS:]
        if _IS not in fold(" ".join(words[-_IS_WITHIN:])).split():
            return None
        tokens = self._rewrite(" ".join(words)).split()
        for k in range(len(tokens) - 1, -1, -1):
            if tokens[k] in (_NUMBER_OF, TOTAL):  # "số biên chế …", "tổng số trí thức …"
                return self._measure_at(tuple(tokens), k + 1)
        return None

    @staticmethod
    def fits(asked: str | None, counted: frozenset[str], has_figure: bool) -> bool:
        """Whether a fact whose figures count `counted` can answer a question asking for `asked`."""
        if asked is None:
            return True
        if asked == ANY_FIGURE:
            return has_figure
        if asked == QUANTITY:
            return bool(counted)
        # a position on the payroll is counted in people ("giảm 770 người" answers "giảm bao nhiêu biên chế")
        return asked in counted or (asked in _COUNTED_IN_PEOPLE and _PEOPLE in counted)

    def _entry_at(self, tokens: tuple[str, ...], i: int) -> tuple[tuple[str, ...], str] | None:
        """The longest measure noun starting at position i, with its measure, if any."""
        if i >= len(tokens):
            return None
        for words, name in self._by_first.get(tokens[i], ()):
            if tokens[i:i + len(words)] == words:
                return words, name
        return None

    def _measure_at(self, tokens: tuple[str, ...], i: int) -> str | None:
        """The measure whose noun starts at position i, if any."""
        entry = self._entry_at(tokens, i)
        return entry[1] if entry else None

    def opening_noun(self, tokens: tuple[str, ...]) -> tuple[str, ...] | None:
        """The measure noun a text's words open with ("đảng viên"), if any."""
        return self._noun_at(tokens, 0)

    def _noun_at(self, tokens: tuple[str, ...], i: int) -> tuple[str, ...] | None:
        """The words of the measure noun starting at position i, if any."""
        entry = self._entry_at(tokens, i)
        return entry[0] if entry else None


def _contains(tokens: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether a run of words occurs in tokens."""
    n = len(words)
    return any(tokens[i:i + n] == words for i in range(len(tokens) - n + 1))


# "(không tính trên ĐH)", "không kể lãnh đạo", "ko phải cvc", "trừ …": what the question leaves out, up to the
# next punctuation mark.
_EXCLUDED = lazy_regex(r"\(?\b(?:khong|ko|k|kg|hong)\s+(?:tinh|ke|phai|gom|bao\s+gom)\s+([^().,;:?!]+?)\s*(?:\)|(?=[.,;:?!])|$)"
                       r"|\btru\s+([^().,;:?!]+?)\s*(?:\)|(?=[.,;:?!])|$)"
                       # "Ngoài X (ra), … còn … nào?": what else, besides X, opening the question
                       r"|^\s*(ngoai)\s+(?!ngu\b)([^().,;:?!]+?)(?:\s+ra)?\s*,(?=.*\bcon\b)")
_BESIDES_THEN = lazy_regex(r"^\s*(ngoai)\s+(?!ngu\b)([^().,;:?!]+?)\s+(thi)\b")  # "Ngoài X thì Y …?"
# "Ngoài TP Long Xuyên, TP Châu Đốc có …?": with a comma and no "còn", only a unit named so is set aside
# ("Ngoài giờ, sở làm gì?" leaves nothing out)
_BESIDES_UNIT = lazy_regex(r"^\s*(ngoai)\s+((?:tp|thanh pho|tinh|huyen|quan|thi xa|tx|xa|phuong|so|bo)\s[^().,;:?!]+?)"
                           r"\s*(,)")
# "… ngoài giám đốc ra còn mấy phó giám đốc?": within a question, what the count goes beyond, set aside
_BESIDES = lazy_regex(r"(?<=\w)\s+(ngoai)\s+(?!ngu\b)[^().,;:?!]{1,40}?\s+ra(?=\s+con\b)")


_EXCLUDING = ("tinh", "ke", "phai", "gom", "tru", "ngoai")  # one is in every _EXCLUDED match


def exclusions(question: str) -> tuple[str, tuple[str, ...]]:
    """The question without what it explicitly leaves out, and what it leaves out."""
    text = unicodedata.normalize("NFC", question)
    folded = fold(text)
    if len(folded) != len(text):
        text = folded
    left_out: list[str] = []
    if not any(w in folded for w in _EXCLUDING):
        return text, ()  # (the pattern tries every position: run only when a word it needs is there)
    found = list(_EXCLUDED.finditer(folded))
    then = None if any(m.group(3) for m in found) else _BESIDES_THEN.match(folded) or _BESIDES_UNIT.match(folded)
    if then is not None and typed_as(question, then.start(1), then.end(1), "ngoài") \
            and (then.group(3) == "," or typed_as(question, then.start(3), then.end(3), "thì")):
        # "Ngoài Cảng vụ Thanh Hóa thì Cảng vụ Nghệ An …?": the other one, the first left out ("chỉ thị" is no "thì")
        left_out.append(then.group(2).strip())
        text = " " + text[then.end():]
    for m in reversed(found):
        if m.group(2) and not typed_as(question, m.start(), m.start() + 3, "trừ"):
            continue  # "trụ sở" is not "trừ sở": typed with its tones, "trừ" is said as such
        if m.group(3) and not typed_as(question, m.start(3), m.end(3), "ngoài"):
            continue  # "ngoại ngữ, còn …" is not "ngoài"
        left_out.append((m.group(1) or m.group(2) or m.group(4)).strip())
        text = text[: m.start()] + " " + text[m.end():]
    # "Trung tâm … ngoài giám đốc ra còn mấy phó giám đốc?": within the question, "ngoài X ra" only says what the
    # count goes beyond; it is set aside, not left out of the answer
    aside = _BESIDES.search(fold(text))
    if aside is not None and typed_as(text, aside.start(1), aside.end(1), "ngoài"):  # ("ngoại" is not it)
        text = text[: aside.start()] + " " + text[aside.end():]
    return text, tuple(reversed(left_out))


# "Sau khi tổ chức lại, …", "Lúc rà soát …, Đà Nẵng …", "Hồi ông X đứng đầu huyện Y, …": a clause opening the
# question that sets the scene (when, in which matter); what is asked follows its comma
_SCENE = lazy_regex(r"^\s*(?:sau khi|sau|truoc khi|truoc|khi|luc|hoi|trong|tai|o|theo|nam|ky|dot|giai doan|tinh den)"
                    r"\b[^,;:?!]{4,120}?,\s*(?=\S)")
_SCENE_MIN_WORDS = 3  # words asked after the scene-setting clause, at least


# "… thì khối chính quyền có …": what the question is about told, then asked (typed "thì", or without marks; not
# "thị xã", "thi tuyển", "thi đua")
_THEN = lazy_regex(r"(?<!\w)th[iì](?!\w)(?!\s+(?:xa|xã|tran|trấn|truong|trường|tuyen|tuyển|dua|đua|cong|công)(?!\w))")


def scene_set(question: str) -> tuple[str, str] | None:
    """The clause that opens a question setting its scene, and the question that follows it; None when the
    question opens otherwise, or the clause itself asks ("Khi nào …, …")."""
    text = unicodedata.normalize("NFC", question)
    folded = fold(text)
    m = _SCENE.match(folded)
    if m is None or len(folded) != len(text):
        return None
    clause, rest = text[: m.end()].strip(" ,"), text[m.end():]
    if _ASKS_A_QUANTITY.search(folded[: m.end()]) or not _ASKS_A_QUANTITY.search(folded[m.end():]) \
            or len(rest.split()) < _SCENE_MIN_WORDS:
        return None
    return clause, rest


def to_last_clause(question: str) -> tuple[str, str] | None:
    """Of a question opening by setting its scene (see `scene_set`) or telling what it asks about, everything up
    to its last comma and the question after it ("Theo báo cáo của 19 bộ, ngành và 45 địa phương …, số công chức
    … là bao nhiêu?": the clause lists with commas of its own); with no comma, up to its last "thì" ("… hưởng chính
    sách nghỉ việc thì khối chính quyền có bao nhiêu người"); None when what follows asks nothing."""
    clause, comma, rest = question.rpartition(",")
    if not comma:
        question = unicodedata.normalize("NFC", question)
        thens = list(_THEN.finditer(question.lower()))
        if not thens:
            return None
        clause, rest = question[:thens[-1].start()], question[thens[-1].end():]
    folded = fold(rest)
    if not _ASKS_A_QUANTITY.search(folded) or len(rest.split()) < _SCENE_MIN_WORDS:
        return None
    return clause.strip(), rest.strip()


# "bao nhiêu đoàn viên là đảng viên?", "mấy người là lãnh đạo": the group those counted are said to be
_COUNTED_AS = lazy_regex(r"\b(?:bao nhieu|bn|may)\s+((?:\w+\s+){1,3}?)la\s+(?!bao\b|may\b|bn\b)(\w+(?:\s+\w+){0,2})")


def counted_as(question: str) -> tuple[str, str]:
    """The words N and those after "là" of "bao nhiêu N là M" (folded; at most three of M: the caller finds the
    noun), or ('', '')."""
    m = _COUNTED_AS.search(fold(question))
    return (m.group(1).strip(), m.group(2)) if m else ("", "")


# "riêng viên chức ngành giáo dục thì …", "riêng khối sự nghiệp có …": a part of the whole singled out ("riêng năm
# 2017 và 2018 mỗi năm giảm …": "mỗi" begins what is asked of each)
_SINGLED_OUT = lazy_regex(r"\brieng\s+(.+?)\s+(?:thi|co|la|dat|duoc|moi|bao nhieu|may|bn)\b")


def singled_out(text: str) -> str:
    """The words of the part a question singles out with "riêng" (folded), or ''."""
    m = _SINGLED_OUT.search(fold(text))
    return m.group(1) if m else ""


def _asks_again(tokens: tuple[str, ...], start: int) -> bool:
    """Whether "bao nhiêu" is asked again within a few words from `start` ("mấy năm tê có mấy người")."""
    window = tokens[start:start + _TIME_SAID_WITHIN + 2]
    return any(window[k:k + 2] == _ASKING for k in range(len(window) - 1))
