"""A chat message read as a message: the question(s) inside it, with greetings, thanks, signatures,
forwarded-message headers, emoji and context sentences set aside.

Staff send whole messages ("Dạ em chào anh chị ạ, em mới chuyển về phòng tổ chức… Bắc Kạn có bao nhiêu … ạ?
Em xin cảm ơn! -- Nguyễn Thị Hoa"). The engine answers the question sentences; the rest may still say which
place or unit is meant, so it is kept apart as context, with its times, phone numbers and dates removed (a
meeting "lúc 14h" is never the figure asked about).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from bot.language.text import fold, lazy_regex, typed_as

# Lines after which nothing is the question: a signature's opening, a mail client's footer.
_SIGNATURE_START = lazy_regex(r"^\s*(?:(?:--+|—|__+)\s*$|(?:--+|—)\s*[a-z]|(?:tran trong|than ai|best regards"
                              r"|regards|sent from my|gui tu|duoc gui tu)\b)", re.I)
# Lines that are never the question: forwarded-message headers, contact details.
_HEADER = lazy_regex(r"^\s*(?:-{3,}\s*(?:forwarded message|tin nhan chuyen tiep)\s*-{3,}\s*$"
                     r"|(?:tu|from|ngay|date|sent|gui luc|nguoi gui|nguoi nhan|tieu de|subject|to|den|cc)\s*:.*"
                     r"|v/v\b.*"  # "V/v rà soát đề án": a letter's subject (về việc)
                     r"|(?:dt|sdt|dtdd|tel|phone|email|e-mail|mobile|zalo)\s*[:.].*)$", re.I)
_STAMP = lazy_regex(r"^(?:[\s,]*(?:\d{1,2}\s*[:h]\s*\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?))+")  # "09:15 26/03"
_FORWARD_LINE = lazy_regex(r"^\s*-*\s*(?:forwarded message|tin nhan chuyen tiep)\s*-*", re.I)
_LABEL = lazy_regex(r"^\s*\[[^\]\n]{1,60}\]\s*")  # a bracketed label opening a message: a group's name, a tag
_FORWARD_MARK = lazy_regex(r"^\s*(?:\[?\s*(?:chuyen tiep|forward(?:ed)?|fwd?)\s*\]?\s*:?\s*)", re.I)
_CLAUSE_END = lazy_regex(r"[.,;:!]")
_SPACE = lazy_regex(r"\s+")
_SMALLTALK_WORDS = 4  # "ok cảm ơn bạn nhé" before a question with no punctuation between
_WORD_RUN = lazy_regex(r"[^\W_]+")
_SMALLTALK_CHARS = 60  # how far into a sentence small talk opening it is looked for
# A sentence ends at ?, ! (and any closing quote), or at . ; before a capital; a header ("Từ: …") starts one, and
# so does what follows ">" or ">>" ("Fwd: tin nhắn chuyển tiếp từ nhóm Zalo … >> Nhờ tra giúp: …").
_SENTENCE_END = lazy_regex(r"(?<=[?!])[\"”’')\]]*\s+|(?<=[.;])[\"”’')\]]*\s+(?=[A-ZĐÀ-Ỹ\"“'(\[])|\n+"
                           r"|\s+(?=(?:Từ|Ngày|Tiêu đề|Gửi lúc|From|Date|Subject|Sent|ĐT|SĐT|Tel|Email)\s*:)"
                           r"|\s+(?=Sent from my|Gửi từ|Được gửi từ)|\s+>{1,3}\s+")
# Words that make a sentence ask something (folded): question words anywhere, particles at its end.
# ("bộ máy", "máy tính" fold to a "may" that asks nothing)
_ASKS = lazy_regex(r"(?<!\w)(?:bao nhieu|bao nhiu|bao nhieo|bi nhieu|bn|(?<!bo )may(?! tinh)|bao lau|khi nao"
                   # ("… chưa đi học lần nào": "lần nào" is "even once", no question)
                   r"|luc nao|nam nao|thang nao|ai|gi|j|(?<!lan )nao|dau|the nao|ra sao|tai sao|vi sao|cho biet"
                   r"|cung cap|tra giup|xac nhan"
                   r"|thong ke|la bao|co phai|phai khong|dung khong|xin so|xin con so"
                   # "cho e xin lun sđt vs ạ": a request for a contact detail or a name is a question
                   r"|xin (?:luon |lun |them )?(?:sdt|so dien thoai|dien thoai|dia chi|email|ten))(?!\w)")
_MAY_AFTER_BO = lazy_regex(r"(?<!\w)bo (may)(?!\w)")  # _ASKS passes "bo may" by: "bộ máy" typed without marks
_ASKS_AT_END = lazy_regex(r"(?<!\w)(?:khong|ko|kg|k|hong|hok|hem|chua|nhi|chu|rua|ha|hen|voi|nhe|the|vay|z|v)"
                          r"\W*$")
_ASKS_ONLY_IN_PASSING = lazy_regex(r"(?<!\w)(?:nhe|voi)\W*$")
# A run of emoji and pictographs, with their joiners and variation selectors.
_EMOJI = lazy_regex("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u200D\u20E3]+")
_LOANWORD_HYPHEN = lazy_regex(r"\b([a-zà-ỹđ]{1,3})-([a-zà-ỹđ]{1,4})\b")
# Context figures that are never what is asked: clock times, phone numbers, full dates.
# A time of day ("8h30", "14 giờ"); no hour past 24 is one ("45 giờ/tháng" is a length of time, a figure)
_CLOCK = lazy_regex(r"(?<![\w.,])(?:[01]?\d|2[0-4])\s*(?:h|g|giờ|:)\s*\d{0,2}(?:\s*(?:phút|p))?(?![\w%])", re.I)
_PHONE = lazy_regex(r"(?<![\w.,])(?:\+?84|0)\d{2,3}(?:[ .-]?\d{2,4}){2,3}(?:[ .-]?x{2,4})?(?![\w%])", re.I)
_ROOM = lazy_regex(r"(?i)(?<!\w)(?:p\.\s?|phòng họp\s+)\d{1,4}[a-z]?\b")  # a meeting room: "P.201", "phòng họp 3"
_DATE = lazy_regex(r"(?<![\w.,/])\d{1,2}/\d{1,2}/\d{2,4}(?![\w/])")
# "tài liệu hội nghị ngày 12/5", "họp chiều nay ngày 5/9": the day of a meeting, never the figure asked about
_MEETING_DAY = lazy_regex(r"((?:hội nghị|hoi nghi|họp|hop|hội thảo|hoi thao|tọa đàm|toa dam|buổi làm việc|"
                          r"buoi lam viec)(?:\s+[^\W\d]+){0,2}\s+(?:ngày|ngay)\s+)\d{1,2}[/-]\d{1,2}(?![\w/-])",
                          re.I)
# "chiều thứ 6 rồi", "sáng thứ 2 tuần sau họp": the day of the week the chat is in, never a figure (a rank, "xếp
# thứ 6", has no part of the day before it nor a week after it)
_WEEKDAY = lazy_regex(r"(?<!\w)((?:sáng|sang|trưa|trua|chiều|chieu|tối|toi|đêm|dem|hôm|hom)\s+th[ứu]\s*)[2-7](?!\w)"
                      r"|(?<!\w)(th[ứu]\s*)[2-7]"
                      r"(?=\s+(?:tuần|tuan)\s+(?:này|nay|sau|trước|truoc|rồi|roi|tới|toi)(?!\w))", re.I)


# Where one sentence joins two questions: ", còn", "; ", ", và", then a bare comma (both sides must ask).
_JOINTS = (lazy_regex(r"\s*[,;]?\s+còn\s+|\s*;\s*", re.I), lazy_regex(r"\s*,\s*(?:và|với|rồi)\s+", re.I),
           # ("… có bn sở mà mấy sở vượt cấp phó?": "mà" before a second count asked)
           lazy_regex(r"\s+(?:và|với|vs|mà)\s+(?=(?:mấy|bao nhiêu|bn|bao nhiu)\b)", re.I), lazy_regex(r"\s*,\s*"),
           # "… bao nhiêu biên chế năm 2019 và đến hết 2021 phải giảm tối thiểu bao nhiêu phần trăm?": a second
           # question of its own a few words after "và"
           lazy_regex(r"\s+và\s+(?=(?:\S+\s+){1,8}(?:mấy|bao nhiêu|bn|bao nhiu)\b)", re.I))


# "cán bộ, công chức, viên chức": the staff a comma lists (checked across the comma a joint would split at)
_STAFF = r"(?:can bo|cong chuc|vien chuc|nguoi lao dong)"
# (but "A có mấy cán bộ, viên chức B có bao nhiêu?": a count asked of the first, then a second question)
_STAFF_ENDS = lazy_regex(rf"(?<!bao nhieu )(?<!may )(?<!bn )\b{_STAFF}$")
_STAFF_OPENS = lazy_regex(rf"^{_STAFF}\b")
_DOWN_TO = lazy_regex(r"\b(?:xuong|giam|rut|chi)$")  # "… xuống còn", "giảm còn", "rút còn", "chỉ còn": down to
_JOINT_MARK = lazy_regex(r"[,;]|còn|và|với|mà|\bvs\b", re.I)  # one of these is in every joint (as each joint reads it)
MAX_PARTS = 6  # questions read in one message; no one asks more at once


@dataclass(frozen=True)
class Reading:
    """What a message asks, and what it says around that."""

    questions: tuple[str, ...]  # the question sentences, in order (the whole text when none stands out)
    context: str  # the other sentences, which may name the place or unit meant
    set_aside: tuple[str, ...]  # what was dropped: greetings, thanks, signature, headers


def tidy(text: str) -> str:
    """The text with each emoji as a sentence end, one kind of space and line break (bot.language.text.clean has already
    made look-alike characters plain)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    # In chat an emoji ends a sentence, whatever case the next opens with ("…chưa nắm số liệu 😅 Trung tâm … có mấy
    # …?", "làm phiền xíu 😅 huyện Hoành Bồ …?"): a line break, as a period needs a capital after it to end one
    text = _EMOJI.sub("\n", text)
    if "-" in text:
        text = _LOANWORD_HYPHEN.sub(r"\1\2", text)  # "ê-kíp", "ti-vi": one word, as the dictionaries spell it
    return _BLANKS.sub(" ", text)


_BLANKS = re.compile(r"[ \t\u00a0]+")
_DIGIT = re.compile(r"\d")  # every figure stripped below has one
_DIGIT_WORD = re.compile(r"\S*\d\S*")


def strip_context_figures(text: str) -> str:
    """Clock times, phone numbers and full dates removed: never the figure a question is about."""
    return _DATE.sub(" ", strip_times(text))


def strip_times(text: str) -> str:
    """Clock times, phone numbers, meeting rooms ("P.201", "phòng họp 3"), the day of a meeting and the weekday's
    number ("chiều thứ 6") removed (a question's own dates stay: it may ask about one)."""
    if _DIGIT.search(text) is None:
        return text
    text = _MEETING_DAY.sub(r"\1", _ROOM.sub(" ", _PHONE.sub(" ", _CLOCK.sub(" ", text))))
    return _WEEKDAY.sub(lambda m: (m.group(1) or m.group(2)).rstrip() + " ", text)


def read(text: str, is_smalltalk: Callable[[str], bool],
         smalltalk_word: Callable[[str], bool] | None = None) -> Reading:
    """Split a message into its question sentences and its context; drop what is only conversation
    (`smalltalk_word`: whether a folded word can be part of it, a quick test before `is_smalltalk`)."""
    lines, dropped = _body_lines(tidy(text))
    questions: list[str] = []
    context: list[str] = []
    passing: list[str] = []  # sentences that ask only by a closing "nhé", "với": in a chat, often a reminder
    known: list[str] = []  # what the asker says they already have: context, never the question
    sentences = _sentences(lines)
    for n, sentence in enumerate(sentences):
        core = sentence.strip(" ,;:-–—\"“”'()[]")
        if not core:
            continue
        folded = fold(core)
        if n and (_SIGNATURE_START.match(folded) or _SIGNATURE_START.match(fold(sentence))):
            dropped.extend(sentences[n:])  # a sign-off inside a line ("… ạ? Trân trọng! Trần Văn Nam …")
            break
        forward = _FORWARD_LINE.match(folded)
        if forward:
            dropped.append(core[: forward.end()])
            core = core[forward.end():].strip()
            folded = fold(core)
        if _HEADER.match(folded):
            if not asks(core):
                dropped.append(core)
                continue
            # "Ngày: 03/02/2025 10:20 Huyện X có bao nhiêu …?": the header's own date and time set aside
            core = strip_context_figures(_STAMP.sub("", core.partition(":")[2], count=1)).strip()
        if is_smalltalk(core):
            dropped.append(core)
            continue
        head, _, tail = core.rpartition(". ")
        if head and is_smalltalk(tail.strip(" .!")):  # "… tăng cường ạ. e cám ơn a": thanks after the question
            dropped.append(tail)
            core = head
        said = _smalltalk_before(core, is_smalltalk, smalltalk_word)
        if said:  # "ok. thế trưởng phòng nội vụ … là ai", "ok cảm ơn, còn …": the acknowledgement set aside
            dropped.append(said)
            core = core[len(said):].strip(" ,;:.!-–—")
        core, had = _without_what_is_known(core)
        if had:  # "số liệu năm 2015 em có rồi, giờ cần tỷ lệ …": what the asker has is not asked (its places may
            known.append(_DIGIT_WORD.sub(" ", had))  # be what the question is of; never its figures)
            if not core:
                continue
        if asks(core):
            preamble, question = _after_preamble(core)
            if preamble:
                context.append(preamble)
            question = _without_closing_aside(question)  # ("…, có ai biết không hè?", "…, chẳng lẽ …?")
            question = _OPENING.sub("", _CLOSING_PARTICLE.sub(_kept, _NUMBERED.sub("", question)))
            question = _LEAD_IN.sub("", question, count=1)
            # ("nhớ mang theo sổ ghi chép nhé": a question only if nothing else in the message asks)
            (passing if _in_passing(core) else questions).append(_VOCATIVE_END.sub(r"\1", strip_times(question)))
        else:
            context.append(core)
    if not questions:
        questions, context = (passing, context) if passing else (context, [])
    else:
        context += passing
    context += known
    return Reading(tuple(questions), " ".join(strip_context_figures(c) for c in context), tuple(dropped))


def _without_what_is_known(sentence: str) -> tuple[str, str]:
    """A sentence without its clauses saying what the asker already has or knows ("số liệu năm 2015 em có rồi",
    "cái đó mình biết rồi"), and those clauses; a clause asking something stays."""
    if "," not in sentence:  # (one clause: read as it is, whatever it says)
        return sentence, ""
    kept, known = [], []
    for clause in re.split(r"(?<=,)", sentence):  # (each clause keeps its comma: the rest reads as typed)
        folded = fold(clause).rstrip(" ,.!")
        (known if _KNOWN.search(folded) and not _asks_by_words(clause) else kept).append(clause)
    if not known or not kept:  # ("con số đó em biết rồi" alone is what it says, read as before)
        return sentence, ""
    return "".join(kept).strip(" ,"), " ".join(c.strip(" ,") for c in known)


def _smalltalk_before(sentence: str, is_smalltalk: Callable[[str], bool],
                      smalltalk_word: Callable[[str], bool] | None) -> str:
    """The longest start of a sentence, ended by punctuation, that is only conversation ("ok.", "dạ vâng, cảm
    ơn ad,"), or ''; with no punctuation near its start, its first words when the rest asks ("ok vậy giám đốc
    … là ai"). Only a short start of words that small talk may say is tried (`smalltalk_word`, of one folded
    word: a question's first word seldom is one)."""
    head = sentence[:_SMALLTALK_CHARS]
    if smalltalk_word is not None:
        words = _WORD_RUN.findall(head)
        opening = next((k for k, w in enumerate(words) if not smalltalk_word(fold(w))), len(words))
        if not opening:
            return ""
    ends = [m.start() for m in _CLAUSE_END.finditer(head)]
    said = next((sentence[:end] for end in reversed(ends) if is_smalltalk(sentence[:end])), "")
    reach = _smalltalk_reach(head)
    if said or ends and ends[0] < reach:
        return said
    return next((sentence[:m.start()] for m in reversed(list(_SPACE.finditer(head, 0, reach)))
                 if is_smalltalk(sentence[:m.start()]) and asks(sentence[m.start():])), "")


def _smalltalk_reach(head: str) -> int:
    """Where the first few words of a sentence end (how far small talk without punctuation is looked for)."""
    spaces = [m.start() for m in _SPACE.finditer(head)]
    return spaces[_SMALLTALK_WORDS] if len(spaces) > _SMALLTALK_WORDS else len(head)


def _kept(match: re.Match[str]) -> str:
    """What stays of a closing particle's match: the word before the particle, if the pattern keeps one."""
    return next((g for g in match.groups() if g), "")


def _in_passing(sentence: str) -> bool:
    """Whether a sentence asks only by closing with "nhé" or "với" (no question mark, no question word)."""
    folded = fold(sentence)
    return "?" not in sentence and _ASKS_ONLY_IN_PASSING.search(folded) is not None and not _ASKS.search(folded)


def asks(sentence: str) -> bool:
    """Whether a sentence asks something: a question mark, or a question word ("có ai biết không?" asking the
    group aside)."""
    trimmed = _without_closing_aside(sentence)
    if trimmed != sentence:  # "… tên chi rứa, có ai biết không hè?": whether what comes before it asks
        return _asks_by_words(trimmed)
    rest = _without_who_knows(sentence)
    return _asks_by_words(rest) or ("?" in sentence and rest == sentence)


def _asks_by_words(text: str) -> bool:
    """Whether a text holds a question word, typed without marks or with its own ("đầu tuần" holds no "đâu", "sở
    có may phó giám đốc" asks), or ends with one that asks ("… không", "… chưa")."""
    typed = unicodedata.normalize("NFC", text).lower()
    folded = fold(typed)  # (folding keeps each letter where it was)
    for m in _ASKS.finditer(folded):
        toned = _TONED.get(m.group(0))
        if toned is None or typed[m.start():m.end()] in (m.group(0), toned):
            return True
    if any(typed[m.start(1):m.end(1)] == "mấy" for m in _MAY_AFTER_BO.finditer(folded)):
        return True  # ("Hoành Bồ mấy xã …": typed with its mark, not the "máy" of "bộ máy")
    return _ASKS_AT_END.search(folded) is not None


def parts(question: str) -> list[str]:
    """One sentence asking two things ("A có mấy người, còn B tỷ lệ bao nhiêu?") split into its questions (at
    most MAX_PARTS; the rest stays one part)."""
    out: list[str] = []
    rest = question
    while len(out) < MAX_PARTS - 1:
        split = _first_split(rest)
        if split is None:
            break
        out.append(split[0])
        rest = split[1]
    return [*out, rest]


_QUOTED = lazy_regex(r"[“\"«]([^”\"»]+)[”\"»]")
_QUOTE_WORDS = 6  # a quoted passage this long is a piece of an article, not a name in quotes


def quoted(text: str) -> str:
    """The longest passage a message quotes in quotation marks, of six words or more, its trailing "…" dropped
    ("Zalo nhóm đang bàn đoạn này: “huyện dự kiến mở 38 lớp … cho trên …”"), or ''."""
    found = [m.group(1).strip().rstrip("….").strip() for m in _QUOTED.finditer(text)]
    found = [f for f in found if len(f.split()) >= _QUOTE_WORDS]
    return max(found, key=len) if found else ""


_NAME_QUOTED = lazy_regex(r"[“\"«']([^”\"»']+)[”\"»']")
_NAME_WORDS = 12  # a name in quotes ("Trung thành, trách nhiệm, liêm chính, sáng tạo") is shorter than this


def names(text: str) -> list[str]:
    """The names a text gives in quotation marks ("tên là 'Đoàn kết, sáng tạo'", "đợt thi đua “Đoàn kết, trách
    nhiệm, sáng tạo”")."""
    found = [m.group(1).strip(" ,.…") for m in _NAME_QUOTED.finditer(text)]
    return [f for f in found if f and len(f.split()) < _NAME_WORDS]


_OWN_QUESTION = lazy_regex(r"(?<!\w)(?:bao nhieu|bn|may|ai|gi|nao|dau|bao lau|khi nao|bao gio|la bao)(?!\w)")


def asks_its_own(text: str) -> bool:
    """Whether a text asks a question of its own ("… bao nhiêu lớp tập huấn?"), not only for what a quote
    leaves out ("… bị cắt mất, xin con số")."""
    return _has_question_word(text, _OWN_QUESTION)


def without_quotes(text: str) -> str:
    """A message with the passages it quotes taken out (what it says beside them)."""
    return _QUOTED.sub(lambda m: " " if len(m.group(1).split()) >= _QUOTE_WORDS else m.group(0), text)


def title_named(context: str) -> str:
    """The title of the person a message's context speaks of ("… mời đồng chí Phó Giám đốc Sở KH&CN Lạng Sơn dự
    …" -> "Phó Giám đốc Sở KH&CN Lạng Sơn"): the capitalised words after "đồng chí", "ông" or "bà" (a small
    word between two of them too), or ''."""
    words = context.split()
    for k, word in enumerate(words):
        lead = fold(word)
        start = k + 2 if lead == "dong" and k + 1 < len(words) and fold(words[k + 1]) == "chi" else \
            k + 1 if lead in ("ong", "ba") else None
        if start is None:
            continue
        title: list[str] = []
        rest = words[start:]
        for j, w in enumerate(rest):
            bridge = j + 1 < len(rest) and rest[j + 1][:1].isupper()  # "Giám đốc Sở": one small word between
            if not (w[:1].isupper() or w in ("&", "-", "–") or (title and bridge)):
                break
            title.append(w.strip(",.;:"))
            if w[-1:] in ",.;:":
                break
        if len(title) >= _TITLE_WORDS:
            return " ".join(title)
    return ""


_TITLE_WORDS = 2  # "Giám đốc": a title has at least two words


def _first_split(question: str) -> tuple[str, str] | None:
    """The first joint where both sides ask something: (left, right), or None."""
    if _JOINT_MARK.search(question) is None:
        return None
    for joint in _JOINTS:
        for m in joint.finditer(question):
            if _DOWN_TO.search(fold(question[: m.start()])) and "còn" in m.group(0).lower():
                continue  # "từ bao nhiêu ban xuống còn bao nhiêu?": one question, from one figure down to another
            left, right = question[: m.start()].strip(" ,;"), question[m.end():].strip(" ,;")
            if "," in m.group(0) and _lists_staff(left, right):
                continue  # "tỷ lệ cán bộ, công chức có trình độ …": one list of staff, not two questions
            if _asks(left, joint) and (_asks(right, joint) or _other_asked_again(right, m.group(0))):
                return left, right
    return None


# What a side of an explicit joint (", còn", ", và", ", với cả") asks for when it has no question word: "cho hỏi tỷ
# lệ … Bắc Kạn …, với cả số người ở Sở … đi học …?" names a share and a count, two figures requested
_FIGURE_ASKED = lazy_regex(r"(?<!\w)(?:ty le|so luong|so nguoi|so luot|so can bo|so cong chuc|so vien chuc"
                           r"|so bien che)(?!\w)")


_ASKED_AGAIN_WORDS = 5  # "…, còn sở khoa học Hải Dương?"


def _other_asked_again(right: str, joint: str) -> bool:
    """Whether what follows a joint's "còn" is a short question of its own mark ("…, còn Hải Dương?"): the same
    asked of another, as the engine reads it."""
    return "còn" in joint.lower() and right.rstrip().endswith("?") and len(right.split()) <= _ASKED_AGAIN_WORDS


def _asks(side: str, joint: re.Pattern[str]) -> bool:
    """Whether one side of a joint asks something: a question word, or (at a joint that says it adds a question)
    the figure it names."""
    return _has_question_word(side) or (joint in _JOINTS[:2] and _FIGURE_ASKED.search(fold(side)) is not None)


# Question words whose letters, without their tones, are also other words: "đầu tư" is not "đâu", "máy" not "mấy"
_TONED = {"dau": "đâu", "may": "mấy", "nao": "nào", "gi": "gì"}


def _lists_staff(left: str, right: str) -> bool:
    """Whether a comma between two texts lists staff ("cán bộ, công chức"): a staff noun each side of it."""
    return _STAFF_ENDS.search(fold(left)) is not None and _STAFF_OPENS.search(fold(right)) is not None


def _has_question_word(text: str, words: re.Pattern[str] = _ASKS) -> bool:
    """Whether a text holds a question word; in a text typed with its accents, as typed with them."""
    for m in words.finditer(fold(text)):
        toned = _TONED.get(m.group(0))
        if toned is None or typed_as(text, m.start(), m.end(), toned):
            return True
    return False


def clauses(text: str) -> list[str]:
    """A sentence's clauses: split at commas, semicolons, dashes and a joining "và" / "còn" / "với"."""
    return re.split(r"\s*[,;:]\s*|\s+[—–-]\s+|\s+(?:và|còn|với|so với)\s+", text)


def joins_two(question: str) -> bool:
    """Whether a question joins two things ("A và B", "A hay B", "A, B", "A với B", "so với")."""
    return re.search(r"\s(?:và|hay|hoặc|với|vs|so với|va|hoac|voi|so voi)\s|,", question, re.I) is not None


def asking_clauses(sentence: str) -> str:
    """The clauses of a sentence that ask something (a question word in them), or the sentence itself."""
    parts = [c for c in re.split(r"\s*,\s*", sentence) if c.strip()]
    kept = [c for c in parts if _ASKS.search(fold(c))]
    return ", ".join(kept) if kept and len(kept) < len(parts) else sentence


def _after_preamble(sentence: str) -> tuple[str, str]:
    """"Họp lúc 8h30, cần gấp: Hoành Bồ tinh giản bao nhiêu?" -> the part before the colon, the question.
    The last colon whose preamble asks nothing and whose rest still asks ("Fw: … Tiêu đề: …: câu hỏi?")."""
    cuts = [(m.start(), m.end()) for m in _COLON.finditer(sentence)]
    folded = fold(sentence)
    # "… họp ở phòng 401 mà sếp hỏi Hoành Bồ …": what someone asks follows "hỏi"
    cuts += [(m.start(), m.end()) for m in _REPORTED.finditer(folded)]
    # "Phục vụ báo cáo quý II (hạn 30/6), đề nghị cung cấp …": the request, and what is asked after it
    cuts += [(m.start(), m.start()) for m in _REQUEST.finditer(folded)]
    # "Lịch họp 8h thứ Hai nhé mọi người. @bot Hoành Bồ …?": what is said to the bot follows its mention
    cuts += [(m.start(), m.end()) for m in _MENTION.finditer(sentence)]
    for start, end in sorted(cuts, reverse=True):
        head, tail = sentence[:start], sentence[end:]
        if tail.strip() and asks(tail) and not _has_question_word(_without_who_knows(head)) and \
                len(head.split()) >= 2:
            return head.strip(), tail.strip(" \"“”")
    return "", sentence


def _without_closing_aside(question: str) -> str:
    """A question without a closing clause asking the group whether anyone knows ("…, có ai biết không hè?") or
    voicing the asker's doubt, with no figure to check ("…, hổng lẽ xã nào cũng có hả?": the answer says)."""
    m = _CLOSING_ASIDE.search(fold(question))  # (folding keeps each letter where it was)
    return question if m is None or not _asks_by_words(question[:m.start()]) else question[:m.start()] + "?"


def _without_who_knows(text: str) -> str:
    """A text without "(có) ai biết (không)", which asks the group, not the bot ("mn ơi ai biết ko… thôi để
    hỏi bot: …")."""
    found = list(_WHO_KNOWS.finditer(fold(text)))  # (folding keeps each letter where it was)
    for m in reversed(found):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


# "… cỡ nhiêu vậy anh?", "… không chị?": the one asked, addressed after the question's last word (a name stays:
# "bài của Vân Anh?" is capitalised, and "anh" follows no question word there)
# ...or the group ("… hợp đồng thế mn?", "… không mọi người?")
_ADDRESSED = r"anh|chị|em|ad|admin|bác|chú|cô|mn|mọi người|cả nhà"  # the one or the group a message speaks to
_VOCATIVE_END = lazy_regex(r"(?i)\b((?:vậy|vay|v|z|dợ|dị|ạ|không|khong|ko|hả|nhỉ|nhiêu|nhieu|mấy|gì|nào|nao|"
                           r"chưa|chua|sao|đâu|dau|thế|nhé|nhe|nha)[?!.]*)"
                           rf"\s+(?:{_ADDRESSED}|chi|bac|mng|moi nguoi|ca nha)"
                           r"(?=\s*[?!.]*\s*$)")
# A question numbered in a list ("(1) …? (2) …?", "1. …", "2) …"): the number is no figure it asks about
_NUMBERED = lazy_regex(r"^\s*\(?\d{1,2}[).:]\s+")
# Regional particles around a question: Southern "Ủa, …" and Central "Răng rứa hè, …", "Rứa, …" opening it;
# Southern "… vậy cà?", "… dậy ta?", Central "… rứa hè?" and "… hỉ?", Northern "… í" (ấy) closing it. The one
# asked, called at the start, goes too ("Thế bác ơi, …": "bác" folds to the "Bắc" of Bắc Kạn)
_OPENING = lazy_regex(r"(?i)^\s*(?:ủa\b[\s,!]*|(?:răng|rứa)(?:\s+(?:rứa|ri))?(?:\s+(?:hè|hỉ|ta))?\s*[,!]\s*"
                      rf"|(?:(?:thế|dạ|ờ|à|ừ|này)\s+)?(?:{_ADDRESSED}|bot)\s+ơi"
                      r"\s*[,!:]?\s*)")
# A request to ask and an "I wonder" leading into the question ("Tui hỏi chút, hổng biết Hoành Bồ có …", "Cho em hỏi
# không biết …"): said before what is asked, never part of it ("bao nhiêu người không biết chữ" is not at the start)
_LEAD_IN = lazy_regex(r"(?i)^\s*(?:(?:cho\s+)?(?:em|e|tui|tôi|mình|cháu|anh|chị)\s+hỏi"
                      r"(?:\s+(?:chút|xíu|tí|nhanh|với|dzới))?\s*[,:]?\s*)?"
                      r"(?:(?:không|hổng|hông|ko|hok)\s+biết\s+)?")
_CLOSED_BEFORE_COMMA = lazy_regex(r"(?i)\b(?:hả|vậy|nhỉ|không|chưa|thế)\s+(?:" + _ADDRESSED + r")(?=\s*,\s*\w)")
_CLOSING_PARTICLE = lazy_regex(r"(?i)(?:\b((?:vậy|dậy|dzậy|vay|day|hả|ha|nhỉ|nhi)[?!.]*)\s+(?:cà|ta)"
                               r"|\b((?:rứa|ri|vậy|nhỉ)[?!.]*)\s+hè|()\s+(?:hỉ|í))(?=\s*[?!.]*\s*$)")
_MENTION = lazy_regex(r"(?<!\w)@\w+")
# A clause ending in what its asker already has or knows: "… em có rồi", "… mình đã biết rồi", "… e nắm r"
_KNOWN = lazy_regex(r"\b(?:em|e|minh|toi|tui|anh|chi)\s+(?:da\s+)?(?:co|biet|nam|nam duoc|xem)\s+(?:roi|r)$")
_COLON = re.compile(r":(?!\d)")  # a colon not inside a time ("8:30")
_REQUEST = lazy_regex(r"\b(?:de nghi|xin|nho|vui long|kinh de nghi)\s+(?:anh chi\s+|ban\s+)?(?:cho biet|cung cap)\b")
_CLOSING_ASIDE = lazy_regex(r"\s*,\s*(?:(?:co\s+)?ai\s+(?:biet|ranh)(?:\s+\w+){0,2}"
                            r"|(?:(?:khong|hong|chang|cha|ko|k)\s+le|le\s+nao)\b[^,\d]*)\s*[?!.]*\s*$")
_WHO_KNOWS = lazy_regex(r"\b(?:co\s+)?ai\s+(?:biet|ranh)(?:\s+(?:ko|khong|k|hong|hok|kg|hem|khum))?\b")
# "(mà) sếp hỏi", "anh ấy hỏi", "lãnh đạo muốn hỏi", "để hỏi bot": a question someone asks, reported; "…, cho e
# hỏi …" after a sentence of one's own ("e mới vào làm nên chưa rõ lắm, cho e hỏi …"): what is asked follows
_REPORTED = lazy_regex(r"\b(?:ma\s+|cho\s+)?(?:sep|lanh dao|anh|chi|em|e|ong|ba|thu truong|truong phong|giam doc|"
                       r"moi nguoi|ho|minh|toi|de)\s+(?:muon\s+|can\s+|dang\s+|vua\s+)?hoi\b(?:\s+(?:bot|ad|admin))?")


def _body_lines(text: str) -> tuple[list[str], list[str]]:
    """The message's lines without headers, contact details and everything from a signature on."""
    kept: list[str] = []
    dropped: list[str] = []
    lines = text.split("\n")
    for n, raw in enumerate(lines):
        folded = fold(raw)
        following = next((fold(line) for line in lines[n + 1:] if line.strip()), "")
        if _SIGNATURE_START.match(folded) and (kept or n > 0) and not _HEADER.match(following):
            # (a line of dashes before "Người gửi: …" opens a forwarded letter, not a signature)
            dropped.extend(lines[n:])
            break
        if _HEADER.match(folded):
            dropped.append(raw)
            continue
        line = raw.lstrip("> ").strip()
        mark = _FORWARD_MARK.match(fold(line))
        if mark:
            line = line[mark.end():]
        label = _LABEL.match(line)
        if label and n == 0:
            dropped.append(label.group(0).strip())
            line = line[label.end():]  # "[Nhóm Zalo Phòng Nội vụ] @bot ơi, …": where it was posted, not asked
        if line:
            kept.append(line)
    # A short last line of two to five capitalised words is a name signing off ("Nguyễn Thị Hoa").
    if len(kept) > 1 and _is_name_line(kept[-1]):
        dropped.append(kept.pop())
    return kept, dropped


def _is_name_line(line: str) -> bool:
    """Whether a line is a person's name (and maybe a title after a comma or dash), with no question in it."""
    head = re.split(r"\s*[,–—-]\s*", line.strip(" ."), maxsplit=1)[0]
    words = head.split()
    return 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words) and "?" not in line


def _sentences(lines: list[str]) -> list[str]:
    """Sentences of the body: split at sentence ends and line breaks, and after a question closed by a particle
    said to someone and a comma ("… bao nhiêu người hả chị, em quên mất rồi": what follows is said aside)."""
    out: list[str] = []
    for line in lines:
        for s in _SENTENCE_END.split(line):
            closed = _CLOSED_BEFORE_COMMA.search(s) if s else None
            out.extend(p for p in ((s[:closed.end()], s[closed.end():]) if closed else (s,)) if p and p.strip())
    return out
