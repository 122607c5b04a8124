"""Messages that only make sense after the last one: picking an option, asking about the last answer,
feedback and confirmations typed as words. (A follow-up question is the engine's: bot/engine/followup.py.)"""
from __future__ import annotations

import re
from collections.abc import Mapping

from bot.engine import followup as engine_followup
from bot.language.text import fold

# Options picked by number: "2", "số 2", "câu 2", "chọn 2", "#2", "cái thứ hai".
_NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9}
_PICK = re.compile(r"^\s*(?:(?:chon|lay|xem|cau|so|muc|y|phuong an|cai)\s+)*(?:thu\s+)?#?\s*(\d{1,2}|"
                   + "|".join(_NUMBER_WORDS) + r")\s*(?:a|nhe|nha|di|ad|ban|bot|nhe ban)?\s*[.!?]*\s*$")
# Words that only point at an option ("cái ở thị xã ấy"), and abbreviations an option's label may use.
_POINTING = {"cai", "o", "ay", "do", "kia", "nay", "cua", "ve", "ben", "phan", "chon", "lay", "xem", "nhe", "nha",
             "a", "thi", "the", "theo"}
# Words that ask, which every phrasing says alike: a question typed anew shares them with any example shown, and
# they pick none of them
_ASKING = {"co", "bao", "nhieu", "bn", "may", "la", "gi", "ai", "nao", "dau", "khong", "ko", "chua", "vay", "the"}
_SPELLED = {"tx": "thi xa", "tp": "thanh pho", "h": "huyen", "kh&cn": "khoa hoc cong nghe", "khcn": "khoa hoc cong nghe"}
# Feedback typed right after an answer.
_UP = {"👍", "👍🏻", "👍🏼", "đúng", "dung", "đúng rồi", "dung roi", "chính xác", "chinh xac", "hay", "tốt", "tot",
       "ok", "chuẩn", "chuan", "like"}
_DOWN = {"👎", "👎🏻", "👎🏼", "sai", "sai rồi", "sai roi", "chưa đúng", "chua dung", "không đúng", "khong dung",
         "không chính xác", "khong chinh xac"}
# Confirming or cancelling an admin's draft.
_GO = {"gửi", "gui", "gửi đi", "gui di", "đồng ý", "dong y", "xác nhận", "xac nhan", "có", "co", "ok gửi",
       "ok gui", "yes", "send"}
_NO = {"hủy", "huỷ", "huy", "không", "khong", "thôi", "thoi", "bỏ qua", "bo qua", "không gửi", "khong gui",
       "cancel", "no"}
# Questions about the last answer.
_META = [
    ("time", re.compile(r"^(?:(?:so lieu|con so|so|cai nay|do|nay)(?:\s+(?:do|nay|ay))?\s+)?"
                        r"(?:(?:duoc\s+)?(?:ban hanh|ky|thong qua|phe duyet|ra doi|co hieu luc|ap dung|cap)\s+)?"
                        r"(?:(?:theo|trong) (?:bai|bai viet|bai bao)\s+)?"  # "số đó theo bài năm nào?"
                        r"(?:(?:tinh|tinh den|tinh tu|vao|la|cua|tu)\s+)?"
                        r"(?:nam nao|khi nao|luc nao|bao gio|thoi diem nao|thoi gian nao|thang nao|ngay nao|"
                        r"tinh den khi nao|tinh den luc nao|moc thoi gian nao)"
                        r"(?:\s+(?:den|toi) (?:gio|nay|bay gio))?"  # "tính từ năm nào đến giờ"
                        r"(?:\s+(?:vay|the|z|v|a|nhi|nhe|ad))*$")),
    ("source", re.compile(r"^(?:(?:cho xin|xin|cho minh xin|cho em xin|the)\s+)?"
                          r"(?:(?:bai nay|bai do|bai bao nay|bai bao do|tin nay|tin do|so lieu nay|so lieu do)\s+)?"
                          r"(?:(?:cua|tren|dang tren|dang o|dang|lay tu|o)\s+)?(?:nguon|nguon tin|"
                          r"(?:nguon|nguon tin)(?:\s+(?:tu|o|la|lay o|lay tu))?\s+(?:dau|nao|gi)|"
                          r"lay o dau|lay tu dau|trich tu dau|o dau ra|bai nao|bao nao|bai bao nao|tu bai nao|"
                          r"trang nao|trang web nao|trang bao nao|web nao|website nao|"  # "trang nào đăng": which site
                          r"link|duong dan|link bai|xuat xu|can cu dau|can cu vao dau)"
                          r"(?:\s+(?:vay|the|z|v|a|nhi|nhe|ad|bai nay|bai do|cua cau tra loi|dang|dang tai|dua tin"
                          r"|dua))*$")),
    # "ai là tác giả bài này, giữ chức gì?": the author, and what the article says they are
    ("author_role", re.compile(r"^(?:(?:the|vay|con)\s+)?(?:(?:bai nay|bai do|bai bao nay|cai nay)\s+)?"
                               r"(?:ai viet|tac gia|ai la tac gia|nguoi viet)(?:\s+(?:bai nay|bai do|bai bao nay))?"
                               r"(?:\s+(?:la ai|ten gi))?(?:\s+(?:va|la|thi))?\s+(?:giu|lam|co)?\s*"
                               r"(?:chuc gi|chuc vu gi|chuc vu la gi|chuc vu nao|vi tri gi|gi|cong tac o dau|o dau)"
                               r"(?:\s+(?:o|tai|trong) (?:so|co quan|don vi|tap chi|cong doan)(?: do| nay)?)?"
                               r"(?:\s+(?:vay|the|z|v|a|nhi|nhe|ad))*$")),
    ("author", re.compile(r"^(?:(?:the|vay|con)\s+)?(?:(?:bai nay|bai do|bai bao nay|cai nay)\s+)?(?:ai viet|tac gia|tac gia la ai|"
                          r"ai la tac gia|ai dua tin|nguoi viet)(?:\s+(?:bai nay|bai do|vay|the|z|v|a|nhi|nhe|ad))*$")),
    ("date", re.compile(r"^(?:(?:the|vay|con)\s+)?(?:(?:bai nay|bai do|bai bao nay|bai bao do|bai)\s+)?(?:dang ngay nao|dang khi nao|"
                        r"dang luc nao|dang hom nao|ngay dang|ngay nao dang|hom nao dang|xuat ban khi nao|"
                        r"dang bao gio)(?:\s+(?:vay|the|z|v|a|nhi|nhe|ad))*$")),
]
# "còn bên kia?", "cái kia thì sao", "cái còn lại": the choice not taken.
_OTHER = re.compile(r"^(?:(?:con|the con|vay con|vay|the)\s+)?(?:ben|cai|phan|noi|cho|so)\s+(?:kia|con lai|khac)"
                    r"(?:\s+(?:thi sao|the nao|nhi|a|vay|z|v|nua))*$")
# "còn bên kia?", "bên kia nâng lương cho bao nhiêu người", "còn (bên) huyện kia …": the other place the thread
# spoke of, and what is asked there
_OTHER_PLACE = re.compile(r"^(?:(?:con|the con|vay con|vay|the|con o|o)\s+)?(?:(?:cai|ben)\s+)?"
                          r"(ben|noi|cho|huyen|tinh|so|thi xa|tx|thanh pho|tp|xa|dia phuong|don vi)\s+kia\b\s*(.*)$")
# "thế nghị quyết còn lại thì số mấy?", "đề án kia …": the choice not taken, called by what the choices are
_OTHER_NAMED = re.compile(r"^(?:(?:con|the con|vay con|vay|the)\s+)?(?:cai\s+)?(\w+(?:\s+\w+){0,2}?)\s+"
                          r"(?:con lai|kia|khac)\b\s*(.*)$")
_CLEAN = re.compile(r"[?!.,;:…]+")
_META_JOINT = re.compile(r"\s*[,;]\s*|\s+(?:va|voi|vs|con)\s+")  # (folded) between two things asked of an article
_SAID_BY_SOURCE = {"source", "author", "date"}  # what the source's line says: publisher, date, author
_LABEL_PARTS = re.compile(r"[\s/-]+")  # a document's number and its issuer's initials, "09/NQ-CĐVC"
# "cái của huyện chứ không phải thị xã": what was not meant, after what was (folded)
_NOT_MEANT = re.compile(r"\s+(?:chu\s+)?(?:khong|ko|k)\s+phai\b.*$")


def _clean(text: str) -> str:
    """Folded, punctuation dropped, white space collapsed."""
    return " ".join(_CLEAN.sub(" ", fold(text)).split())


def picked(text: str, count: int) -> int | None:
    """The 0-based option a message picks by number ("2", "số 2", "chọn hai"), if it is one of `count`."""
    number = _number_picked(text)
    return number - 1 if number is not None and 1 <= number <= count else None


def picked_beyond(text: str, count: int) -> bool:
    """Whether a message picks by number an option past the last of `count` ("số 3" of two)."""
    number = _number_picked(text)
    return number is not None and number > count


def _number_picked(text: str) -> int | None:
    """The number a message that only picks an option says ("số 2", "chọn hai"), or None."""
    m = _PICK.match(_clean(text))
    if not m:
        return None
    raw = m.group(1)
    return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]


def picked_by_words(text: str, labels: list[str], places: list[str] | None = None,
                    spelled: Mapping[str, str] | None = None) -> tuple[int, ...]:
    """The options picked by a message's words: the one whose label holds most of them (and clearly more than any
    other), or none. "cái ở thị xã ấy", "cái về sáp nhập thôn": the words that only point ("cái", "ở", "ấy") are
    left out, those that ask ("có bao nhiêu") pick nothing, and a label's abbreviations ("TX", "TP", and those
    `spelled` maps to their folded words: "CĐVC" of "09/NQ-CĐVC") count as the words they stand for. Options the
    words fit alike that are of one place (`places`, per option) are all picked: "Bắc Kạn ạ" of the rates of its
    cán bộ, công chức and of its viên chức asks for that place's, which are both."""
    words = set(_NOT_MEANT.sub("", _clean(text)).split()) - _POINTING
    if not words or len(words) > 12:
        return ()
    spelled = {**_SPELLED, **(spelled or {})}
    scores = []
    for label in labels:
        have = set(_clean(label).split())
        have |= set(_LABEL_PARTS.split(" ".join(have)))  # ("09/nq-cdvc": its parts too)
        have |= {w for short in have & spelled.keys() for w in spelled[short].split()}
        scores.append(len(words & have - _ASKING) / len(words))
    best = max(range(len(scores)), key=scores.__getitem__, default=None)
    if best is None or scores[best] < 0.75:
        return ()
    alike = tuple(i for i, s in enumerate(scores) if s >= scores[best] - 0.25)
    if len(alike) > 1 and not (places and len({places[i] for i in alike}) == 1):
        return ()  # the words fit several options of several places as well
    return alike


def feedback(text: str) -> int | None:
    """1 for 👍 ("đúng"), 0 for 👎 ("sai"), None when the message is not feedback."""
    cleaned = " ".join(text.lower().replace("!", " ").replace(".", " ").split())
    if cleaned in _UP:
        return 1
    if cleaned in _DOWN:
        return 0
    return None


def confirmation_word(text: str) -> bool | None:
    """True for "gửi", False for "hủy", None otherwise."""
    cleaned = " ".join(text.lower().replace("!", " ").replace(".", " ").split())
    if cleaned in _GO:
        return True
    if cleaned in _NO:
        return False
    return None


def meta(text: str) -> str | None:
    """What a message asks about the last answer: "time", "source", "author", "author_role", "date", or None.
    ("trang nào đăng, ngày nào?": where, when or by whom it was published, asked together, is its source, whose
    line says all three.)"""
    kind = _meta_kind(_clean(text))
    if kind is None:
        parts = [_clean(p) for p in _META_JOINT.split(fold(text))]
        kinds = [_meta_kind(p) for p in parts if p]
        # ("ngày nào" beside "báo nào đăng" asks when it was published, not the time of its figure)
        if len(kinds) > 1 and set(kinds) <= _SAID_BY_SOURCE | {"time"} and set(kinds) & _SAID_BY_SOURCE:
            return "source"
    return kind


def _meta_kind(cleaned: str) -> str | None:
    """`meta` of one cleaned question."""
    return next((kind for kind, pattern in _META if pattern.match(cleaned)), None)


def the_other(text: str) -> bool:
    """Whether a message asks for the choice not taken and nothing else ("còn bên kia?", "cái còn lại", "còn thị xã
    kia thì sao?")."""
    return _OTHER.match(_clean(text)) is not None or at_the_other_place(text) == ""


def the_other_named(text: str) -> tuple[str, str] | None:
    """What a message calls the choice not taken and what it asks of it ("thế nghị quyết còn lại thì số mấy?":
    ("nghi quyet", "thì số mấy")), or None when it calls none by a name of its own."""
    folded = engine_followup.cleaned(text)
    m = _OTHER_NAMED.match(folded)
    if m is None or m.group(1).split()[0] in _POINTING | {"phan", "noi", "cho", "so"}:
        return None  # ("bên kia", "cái kia": `the_other`, `at_the_other_place`)
    return m.group(1), engine_followup.as_typed(text, folded, m.start(2), m.end(2)) or m.group(2)


def at_the_other_place(text: str) -> str | None:
    """What a message asks of "bên kia", the other place ("còn bên kia?": '', "còn bên kia nâng lương cho bao nhiêu
    người": "nâng lương cho bao nhiêu người"), or None when it speaks of no other place."""
    folded = engine_followup.cleaned(text)
    m = _OTHER_PLACE.match(folded)
    if m is None:
        return None
    if _OTHER.match(f"ben kia {m.group(2)}"):
        return ""
    return engine_followup.as_typed(text, folded, m.start(2), m.end(2)) or m.group(2)  # tone marks and all


def other_kind(text: str) -> str:
    """The kind of place "… kia" names ("còn huyện kia …": "huyen"; "bên kia": ''), as engine followup.KINDS."""
    m = _OTHER_PLACE.match(engine_followup.cleaned(text))
    return m.group(1) if m is not None and m.group(1) in engine_followup.KINDS else ""
