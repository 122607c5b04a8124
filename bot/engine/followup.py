"""Reading a message that only makes sense after the last answer: "còn Hoành Bồ thì sao?", "à ý mình là Bắc
Kạn", "ông ấy giữ chức gì?", "huyện đó có mấy xã?", "tức là 14 lượt thôi hả?".

Pure text functions; the engine decides with them (Engine.answer with a Context)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine import message
from bot.language.text import fold, lazy_regex


@dataclass(frozen=True)
class Context:
    """What a conversation knows when a message arrives: the last question, its places, the fact answering it."""

    question: str = ""
    places: frozenset[str] = frozenset()
    fact_id: str = ""
    earlier: tuple[str, ...] = ()  # the facts of the conversation's answers, the most recent first
    offered: tuple[str, ...] = ()  # the facts a clarification of the last question offered, still open


@dataclass(frozen=True)
class Shift:
    """A follow-up naming only what changes: the rest of it (a place, or a topic)."""

    rest: str


# "còn Hoành Bồ thì sao?", "thế còn thạc sĩ?", "vậy ở Bắc Kạn?": the same question about another place or topic.
_SHIFT = lazy_regex(r"^(?:(?:the|vay|va|con|the con|vay con|con o|con tai|o|tai|con voi|con ben|ben)\s+)+(.+?)"
                    r"(?:\s+(?:thi sao|thi the nao|thi nhu the nao|the nao|ra sao|thi|nua|sao|nhi|vay|the|z|v|a))*"
                    r"\s*$|^(.+?)\s+(?:thi sao|thi the nao|thi nhu the nao|nua)(?:\s+(?:vay|the|z|v|a|nhi|nua))*\s*$")
# "xin lỗi gõ nhầm, phải là Bắc Kạn chứ không phải Hải Dương", "à ý mình là Bắc Kạn": another place meant.
_CORRECTION = lazy_regex(r"\b(?:nham|y (?:minh|em|toi|anh|chi) la|y la|phai la|sua lai|dinh chinh|ma la)\b")
_NOT_THAT = lazy_regex(r"\b(?:chu|chu khong phai|khong phai|ko phai|k phai)\b.*$")
# "ông ấy", "người đó", "ổng": the person the last answer names.
_PERSON_WORDS = r"\b(?:ong|ba|anh|chi|nguoi|vi)\s+(?:ay|do|nay|kia)\b|\b(?:ong|ba)\s+ta\b|(?<!\w)(?:ổng|bả)(?!\w)"
_PERSON = lazy_regex(_PERSON_WORDS)
# "trung tâm của bà ấy": the unit the person is of, not the person
_OF_PERSON = lazy_regex(rf"\bcua\s+(?:{_PERSON_WORDS})")
# Words leading a return: "còn", "vậy", "thế", and "ok", "thôi", "ừ", "dạ", "vâng" taking the last answer in
_LEAD = r"(?:(?:con|vay|the|a|oi|ok|oke|okay|thoi|u|da|vang)[\s,]+)*"
# "quay về thị xã lúc nãy: …", "còn bài về huyện lúc nãy thì ai viết?", "quay lại Hoành Bồ, …": an earlier answer
# ("quay lại, …": none named, the one before the last)
_RETURN = lazy_regex(r"^" + _LEAD + r"(?:(?:quay lai|quay ve|tro lai|tro ve|ve lai|nhac lai)(?:\s+|(?=[:,;.!?-])))?"
                     r"(?P<what>.*?)\s*(?P<when>luc nay|hoi nay|ban nay|khi nay|vua nay|luc truoc|hoi truoc|"
                     r"truoc do)?\s*(?:\bthi\b(?!\s+xa\b)|[:,;.!?-])\s*(?P<rest>.*)$")
_RETURN_WORDS = lazy_regex(r"\b(?:quay lai|quay ve|tro lai|tro ve|ve lai)\b|\b(?:luc nay|hoi nay|ban nay|khi nay|"
                           r"vua nay|luc truoc|hoi truoc)\b")
_OPENS_RETURN = lazy_regex(r"^" + _LEAD + r"(?:quay|tro|ve lai)")  # a return said first
# Words that only soften a return ("quay lại nhé, …", "thôi quay về đi"): they name no earlier answer.
_PARTICLES = lazy_regex(r"(?:^|\s+)(?:nhe|nha|nhi|di|da|nao|a|ha|ne)$")
# An earlier answer named by nothing in particular ("quay lại chuyện lúc nãy").
GENERIC = {"chuyen", "cai", "cau", "bai", "y", "van de", "phan", "cho", "noi dung", "so lieu", "con so", "cau hoi"}
# The first answer of the conversation ("quay lại câu đầu, …").
FIRST = {"cau dau", "cau dau tien", "cau hoi dau", "cau hoi dau tien", "luc dau", "ban dau", "dau tien"}
# What an earlier answer is recalled by: the kind of place or body it was about.
# Each kind with the ways an article writes it before a name ("thị xã Đông Triều", "TX Đông Triều").
KINDS = {"thi xa": ("thi xa", "tx"), "tx": ("thi xa", "tx"), "huyen": ("huyen",), "tinh": ("tinh",),
         "thanh pho": ("thanh pho", "tp"), "tp": ("thanh pho", "tp"), "so": ("so",), "cong doan": ("cong doan",),
         "trung tam": ("trung tam",), "bo": ("bo",), "xa": ("xa",)}
_YEAR = lazy_regex(r"\b(?:19|20)\d{2}\b")
# "riêng năm 2017 là bao nhiêu?", "năm 2018 thì được mấy?": a year and the asking words, nothing else
_YEAR_ASKED = lazy_regex(r"^(?:(?:rieng|con|the|vay)\s+)*(?:trong\s+|vao\s+)?nam\s+((?:19|20)\d{2})\s+(?:thi\s+)?"
                         r"(?:(?:la|duoc|co)\s+)?(?:bao nhieu|bn|may)(?:\s+(?:vay|the|a|z|v|nhi|ha|nua))*\s*$")
_YEAR_ONLY = lazy_regex(r"^(?:nam|trong nam|vao nam|nam hoc)?\s*((?:19|20)\d{2})$")
_CLEAN = lazy_regex(r"[?!.,;:…\"“”'()]+")


def cleaned(text: str) -> str:
    """Folded, punctuation dropped, white space collapsed."""
    return " ".join(_CLEAN.sub(" ", fold(text)).split())


def shift(text: str) -> Shift | None:
    """A follow-up that names only what changes ("còn Hoành Bồ thì sao?"), or None."""
    folded = cleaned(text)
    year = _YEAR_ASKED.match(folded)
    if year:  # "riêng năm 2017 là bao nhiêu?": only another year, asked
        return Shift(f"năm {year.group(1)}")
    m = _SHIFT.match(folded)
    if not m:
        return None
    group = 1 if m.group(1) else 2
    rest = (m.group(group) or "").strip()
    if message.asks_its_own(rest):
        return None  # "thế so với năm 2015 thì tăng bao nhiêu?": a question of its own after "thế", not a shift
    if not rest:
        return None
    return Shift(as_typed(text, folded, m.start(group), m.end(group)) or rest)  # ("xã" is not "xa")


def as_typed(text: str, folded: str, start: int, end: int) -> str:
    """The words of a text that folded[start:end] reads (`folded`: its `cleaned` form), as typed, tone marks
    kept; '' when folding changed how many words there are (folding keeps the words and their order)."""
    words = _CLEAN.sub(" ", text).split()
    if len(words) != len(folded.split()):
        return ""
    first = len(folded[:start].split())
    return " ".join(words[first:first + len(folded[start:end].split())])


def year_only(rest: str) -> str:
    """The year a shift names and nothing else ("năm 2018"), or ''."""
    m = _YEAR_ONLY.match(cleaned(rest))
    return m.group(1) if m else ""


_YEARS_SAID = lazy_regex(r"(?i)\s*(?:(?:trong |vào )?(?:giai đoạn|năm|từ năm|đến năm|từ|đến)\s+)?(?:19|20)\d{2}"
                         r"(?:\s*(?:[-–]|đến|tới)\s*(?:năm\s+)?(?:19|20)\d{2})?")


def without_years(question: str) -> str:
    """A question with the years or period it names taken out ("… giai đoạn 2012-2017" -> "…")."""
    return " ".join(_YEARS_SAID.sub(" ", question).split())


def with_year(question: str, year: str) -> str:
    """A question asked of another year: its years replaced, or the year added."""
    return _YEAR.sub(year, question) if _YEAR.search(question) else f"{question.rstrip(' ?')} năm {year}?"


def correction(text: str) -> str | None:
    """The part of a correction naming what was meant ("phải là Bắc Kạn chứ không phải Hải Dương" -> "phải là
    Bắc Kạn"), or None when the message corrects nothing."""
    folded = cleaned(text)
    if not _CORRECTION.search(folded):
        return None
    return _NOT_THAT.sub("", folded).strip()


def corrected_question(text: str) -> str:
    """The question a correction asks instead ("à nhầm, ý mình là bao nhiêu viên chức" -> "bao nhiêu viên
    chức"): what follows its last correcting words; '' when it corrects nothing."""
    meant = correction(text)
    found = list(_CORRECTION.finditer(meant)) if meant else []
    # ("… ý mình là viên chức cơ": "cơ" stresses what was meant)
    return re.sub(r"\s+co$", "", meant[found[-1].end():].strip()) if found else ""


@dataclass(frozen=True)
class Return:
    """A message going back to an earlier answer: how it names it, and what it asks of it."""

    what: str  # folded: "thi xa", "bai ve huyen", "hoanh bo"
    rest: str  # the question asked of it, as typed ("" when it only goes back)


# "cái 10 người ấy", "cái có 88% đó", "số 472 kia": a choice pointed at by the figure it gives, and nothing else
_BY_FIGURE = lazy_regex(r"^(?:cai|con so|phan|y)\s+(?:(?:co|la|ghi|noi|bao)\s+)?\d[\d.,]*\s*(?:%|phan tram)?"
                        r"(?:\s+\w+){0,3}?(?:\s+(?:ay|do|kia|nay|a|nhe|nha|the|ha|nhi|day))+$")
_OTHER_ONE = lazy_regex(r"\b(?:con lai|kia|khac)\b")  # "đề án còn lại", "cái kia": not one already talked about


def points_by_figure(text: str) -> bool:
    """Whether a message only points at a choice by the figure it gives ("cái 10 người ấy")."""
    return _BY_FIGURE.match(cleaned(text)) is not None


def the_other_one(what: str) -> bool:
    """Whether what a return names is the one not talked about yet ("đề án còn lại", "bài kia")."""
    return _OTHER_ONE.search(what) is not None


def returning(text: str) -> Return | None:
    """A message going back to an earlier answer ("quay về thị xã lúc nãy: số thạc sĩ đó tính từ năm nào?"),
    or None. Folding keeps a text's length, so the question is cut from the text as typed."""
    folded = fold(text).strip()
    if not _RETURN_WORDS.search(folded):
        return None
    m = _RETURN.match(folded if re.search(r"[:,;.!?-]|\bthi\b(?!\s+xa\b)", folded) else folded + " ?")
    if m is None or not (m.group("when") or _OPENS_RETURN.match(folded)):
        return None
    typed = text.strip()
    rest = typed[m.start("rest"):].strip(" ?") if len(typed) == len(folded) else m.group("rest").strip(" ?")
    return Return(_PARTICLES.sub("", cleaned(m.group("what"))), rest)


# "bài này …", "tin đó …", and who wrote it or where it ran, which can only mean the article just cited
_THIS_ARTICLE = lazy_regex(r"\b(?:bai|bai bao|bai viet|tin|tin bai)\s+(?:nay|do|ay|vua roi|vua nay|tren|kia)\b"
                           r"|\b(?:nguoi viet bai|ai viet bai|tac gia bai"
                           r"|bai (?:dang|in) (?:o|tren) (?:bao|tap chi) nao)\b")


# A follow-up asking when, for whom, by what document or issued by whom, with nothing else to go on: what the last
# answer says, if it says one
_DOCUMENTS = r"(?:van ban|quyet dinh|nghi quyet|chi thi|thong tu|nghi dinh|ke hoach|de an)"
_ASKED_OF_LAST = (
    ("when", lazy_regex(r"\b(?:(?:tu|vao|den|toi|tu hoi|tu luc|tu khi) )?"
                        r"(?:nam nao|khi nao|bao gio|hoi nao|luc nao|thoi diem nao|giai doan nao|thoi gian nao"
                        r"|thoi ky nao|nam bao nhieu|ngay nao|ngay may|ngay bao nhieu)\b")),
    ("whom", lazy_regex(r"\b(?:nhung ai|voi ai|cho ai|danh cho ai|ai duoc|doi tuong nao|nhung doi tuong)\b")),
    ("document", lazy_regex(r"\b(?:(?:can cu|dua tren|dua vao|theo) (?:vao )?)?" + _DOCUMENTS + r" (?:nao|gi|so may)\b"
                            r"|\bcan cu (?:vao )?(?:dau|gi)\b")),
    ("duration", lazy_regex(r"\b(?:mat|ton|trong|sau) (?:bao nhieu|may|bn) (?:nam|thang)\b|\bbao lau\b"
                            # "(tính tới lúc đăng bài thì) đã thực hiện được mấy năm (rồi)?"
                            r"|\b(?:(?:tinh )?(?:toi|den) (?:luc|khi) (?:dang bai|viet bai|bai dang)"
                            r"(?: thi)?(?: da)? )?"
                            r"(?:thuc hien|trien khai|ap dung)(?: duoc)? (?:bao nhieu|may|bn) (?:nam|thang)"
                            r"(?: roi)?\b")),
    ("issuer", lazy_regex(r"\b(?:ai|co quan nao|cap nao|don vi nao|noi nao) (?:ban hanh|ky|phe duyet)\b"
                          r"|\b(?:do|boi) (?:ai|co quan nao) (?:ban hanh|ky|phe duyet)\b")),
)
WHEN, WHOM, DOCUMENT, DURATION, ISSUER = (kind for kind, _ in _ASKED_OF_LAST)


def asked_of_last(text: str) -> tuple[str, str] | None:
    """What a short follow-up asks that an answer may say ("cách đó làm từ năm nào?": WHEN, "áp dụng với những
    ai": WHOM, "căn cứ văn bản nào?": DOCUMENT, "ai ký?": ISSUER) and the message without the words that ask;
    None if it asks none of these."""
    folded = fold(text)
    for kind, pattern in _ASKED_OF_LAST:
        if pattern.search(folded):
            return kind, pattern.sub(" ", folded)
    return None


def asks_for(text: str) -> str:
    """What a message asks that a fact must say: a time (WHEN: "ban hành khi nào", "từ năm nào") or a document
    (DOCUMENT: "căn cứ văn bản nào", "theo nghị quyết nào"); '' if neither."""
    folded = fold(text)
    if not any(w in folded for w in ("nao", "gio", "gi", "may", "can cu")):
        return ""  # (each pattern tries every position: run only when a word one needs is there)
    return next((kind for kind, pattern in _ASKED_OF_LAST
                 if kind in (WHEN, DOCUMENT) and pattern.search(folded)), "")


# "bài về Lạng Sơn đăng ở đâu?", "bài Bắc Kạn ai viết?": an article's details asked
_DETAILS_WORDS = (r"(?:dang (?:o|tren) (?:dau|bao nao|tap chi nao|trang nao)|dang bao nao"
                  r"|dang (?:ngay|hom|luc|khi) nao|dang khi nao|ai viet|nguoi viet|tac gia"
                  r"|(?:trang|bao|tap chi) nao dang|cua ai|(?:nguon|lay) (?:o|tu) dau)")
_WRITER_ASKED = r"\b(?:ai|nguoi|ng) (?:la )?(?:nguoi |ng )?viet bai\b"
_ARTICLE_DETAILS = lazy_regex(rf"\bbai\b.*\b{_DETAILS_WORDS}\b|{_WRITER_ASKED}")
_DETAILS_ASKED = lazy_regex(rf"\b{_DETAILS_WORDS}\b|{_WRITER_ASKED}")  # the words asking alone


def asks_article_details(text: str) -> bool:
    """Whether a message asks where, when or by whom an article was published ("bài về X đăng ở đâu?")."""
    return _ARTICLE_DETAILS.search(fold(text)) is not None


def article_subject(text: str) -> str:
    """What a message asking an article's details says the article is about ("bài về Công đoàn Sở … ai viết?":
    "Công đoàn Sở …"), folded: without the words asking for the details."""
    return _ARTICLE_WORDS.sub(" ", _DETAILS_ASKED.sub(" ", fold(text)))


_ARTICLE_WORDS = lazy_regex(r"\b(?:bai (?:viet|bao)|bai|tin|ve|vay|va|nhi|the)\b")


# "tức là 15 người nhỉ?", "vậy là 92 người à?", "vậy cái này cũng tăng 19,49% à?": the last answer restated or
# pointed at, its figure checked
_RESTATES = lazy_regex(r"^\s*(?:(?:vay|the|a|o)\s+)?(?:tuc la|vay la|nghia la|nhu vay la|the la|vay thi"
                       r"|(?:cai|con so|so lieu|ty le|muc)\s+(?:nay|do|ay))\b")


def restates_last(text: str) -> bool:
    """Whether a message opens by restating the last answer ("tức là …", "vậy là …") or pointing at it ("cái này
    …")."""
    return _RESTATES.search(fold(text)) is not None


def this_article(text: str) -> bool:
    """Whether a message speaks of the article just cited ("bài này đăng ở đâu", "tin đó ai viết")."""
    return _THIS_ARTICLE.search(fold(text)) is not None


# "sở đó", "huyện ấy", "ở đó", "bên này": the place (or unit) the thread is about ("bên kia" is the other one;
# "trong số đó" is "of those")
_THAT_PLACE = lazy_regex(r"(?<!trong )\b(?:so|tinh|huyen|thi xa|tx|thanh pho|tp|quan|xa|bo|nganh|trung tam|cong doan|don vi|"
                         r"co quan|dia phuong|o|ben|tai)\s+(?:do|ay|nay|day)\b")


# Kinds of district ("thị xã", "huyện", "thành phố"): one of them named after "còn" in a thread about a district of
# another kind is another district ("còn huyện thì …" after Đông Triều, a thị xã). (Not "sở", "xã", "tỉnh": the
# thread's own province, commune or department may be meant.)
DISTRICT_KINDS = ("thi xa", "tx", "huyen", "thanh pho", "tp")
_KIND_SHIFT = lazy_regex(r"^(?:(?:the|vay)\s+)?(?:con|con ben|ben)\s+(" + "|".join(DISTRICT_KINDS) + r")"
                         r"(?:\s+(?:kia|khac|con lai))?"
                         r"(?:(?:\s+(?:thi sao|thi the nao|nua|sao|a|nhi))?|\s+thi\s+(.+))$")


def kind_shift(text: str) -> tuple[str, str] | None:
    """A follow-up naming a kind of district instead of a place ("còn huyện thì định mở mấy lớp?", "còn huyện
    thì sao?"): the kind (a KINDS key) and what it asks ('' when it asks the last question again); else None."""
    m = _KIND_SHIFT.match(cleaned(text))
    return None if m is None else (m.group(1), m.group(2) or "")


# "cả sở", "toàn huyện", "sở đó": the whole of the thread's unit, by its kind
_WHOLE_UNIT = lazy_regex(r"\b(?:ca|toan)\s+(so|huyen|trung tam|cong doan|xa|tinh|bo)\b"
                         r"|\b(so|huyen|trung tam|cong doan|xa|tinh|bo)\s+(?:do|ay|nay)\b")


def whole_unit(text: str, unit: str) -> str:
    """The message with the last answer's unit in place of the words calling it by its kind ("vậy cả sở có 60
    người à?" after an answer about Sở KH&CN Lạng Sơn: "vậy Sở KH&CN Lạng Sơn có 60 người à?"), or '' when it
    calls no unit so, or one of another kind."""
    folded = fold(text)
    m = _WHOLE_UNIT.search(folded) if len(folded) == len(text) else None  # (positions in the text as typed)
    if m is None or not cleaned(unit).startswith((m.group(1) or m.group(2)) + " "):
        return ""
    return f"{text[:m.start()]}{unit}{text[m.end():]}"


# "trong đó bao nhiêu người là nữ?", "trong số đó …": a part of what the last answer counts
_PART_OF_LAST = lazy_regex(r"^(?:(?:con|vay|the|va|thi)\s+)*trong (?:so )?(?:do|nay|day)\b")


def part_of_last(text: str) -> bool:
    """Whether a message opens by asking of a part of what the last answer counts ("trong đó …")."""
    return _PART_OF_LAST.match(cleaned(text)) is not None


# "… theo học mấy lớp đó?", "những lớp này": a determiner, a noun of one or two words, a demonstrative
_POINTED = lazy_regex(r"\b(?:may|nhung|cac)\s+(\w+(?:\s+\w+)?)\s+(do|nay|ay|kia)\b")
_DEMONSTRATIVES = {"đó", "này", "ấy", "kia"}
_TIMES = {"nam", "thang", "ngay", "tuan", "hom", "bua", "nam qua", "nam gan"}  # "mấy năm nay": a while, no answer


def pointed(text: str) -> tuple[str, str] | None:
    """What a message points at with a determiner and a demonstrative ("mấy lớp đó", "những lớp này"): the noun
    (folded), and the message with the determiner dropped ("… theo học lớp đó?": "mấy" there asks nothing);
    None when it points at nothing (a demonstrative typed without its accent counts only in a message typed
    without any: "trình độ" is no "trình đó")."""
    folded = cleaned(text)
    words = _CLEAN.sub(" ", text).split()
    if len(words) != len(folded.split()):
        return None  # (folding changed how many words there are: none can be told as typed)
    plain = fold(text) == text.lower()
    for m in _POINTED.finditer(folded):
        if m.group(1) not in _TIMES and (
                plain or as_typed(text, folded, m.start(2), m.end(2)).lower() in _DEMONSTRATIVES):
            at = len(folded[:m.start()].split())
            return m.group(1), " ".join(words[:at] + words[at + 1:])
    return None


def points_at_place(text: str) -> bool:
    """Whether a message speaks of the thread's place by a demonstrative ("năm 2019 sở đó tuyển mới …")."""
    return _THAT_PLACE.search(fold(text)) is not None


def names_a_person(text: str) -> bool:
    """Whether a message speaks of someone by a pronoun ("ông ấy", "người đó", "ổng")."""
    return _PERSON.search(fold(text)) is not None or _PERSON.search(text.lower()) is not None


def with_person(text: str, name: str, unit: str) -> str:
    """The message with the person's name in place of its pronoun for them ("ông ấy còn giữ vai trò gì?": "Phạm
    Văn Bình còn giữ vai trò gì?"; not after its question mark, which would make the name a question apart), or
    with their unit for "của bà ấy" ("trung tâm của bà ấy có mấy phó giám đốc?" counts the centre's)."""
    lowered = text.lower()
    read = lowered if "ổng" in lowered or "bả" in lowered else fold(text)
    if _OF_PERSON.search(read):
        return _OF_PERSON.sub(f" của {unit} ", read, count=1)
    return _PERSON.sub(f" {name} ", read, count=1)
