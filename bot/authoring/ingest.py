"""Draft knowledge from an article's raw text: its metadata guessed where not given, and one draft fact for each
statement that carries a figure or names an office holder — each with its verbatim quote, place, unit, time
reference, an answer stating the figure with that time, and question phrasings. Every figure of the text is
accounted for: the summary lists any that no draft fact quotes. Drafts are reviewed, then approved
(bot/authoring/drafts.py); they are never served."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

import yaml

from bot.language import figures
from bot.language.figures import COUNT, DATE, DOCUMENT, PERCENT, PHONE, TIME, YEAR
from bot.kb.knowledge import NOT_STATED, KnowledgeBase, place_name_problem
from bot.kb.provenance import canonical
from bot.language.text import clean, fold

MAX_TITLE_WORDS, MIN_TITLE_WORDS = 40, 3
HEAD_LINES = 15  # the title and date are looked for in the first lines
DATE_LINE_WORDS = 12  # a line giving the date has few other words ("Thứ Năm, 14/03/2019, 11:53")
TAIL_LINES = 8  # the author's signature in the last lines with words
FALLBACK_TITLE_WORDS = 12
ID_WORDS = 4
TITLE_WEIGHT = 5  # a place in the headline counts as much as five in the body
PLACE_CHARS = 60_000  # the place an article is about is named in its first pages
MEASURE_WORDS = 6  # "chi cục quản lý thị trường"
TOPIC_WORDS = 6
CLOZE_BEFORE, CLOZE_AFTER, CLOZE_MIN_WORDS = 12, 8, 3
SENTENCE_BEFORE, SENTENCE_AFTER = 14, 8  # words kept around a figure asked back in its own words
CLOZE_WORDS = 15  # at most, figure included  # words around the figure a fallback phrasing keeps
QUALIFIER_WORDS = 12  # "có trình độ chuyên môn từ đại học trở lên"
PHRASING_WORDS = 20  # a question a person types is shorter than this
COMPARED_WORDS = 8  # "so với biên chế được giao năm 2015": what a share is of
TOPIC_MAX_WORDS = 18  # "khối các cơ quan Đảng, MTTQ, tổ chức chính trị xã hội": the part of a body a figure is of
ADVERBIAL_WORDS = 4  # "qua rà soát": a comma part saying how or when, kept with the clause after it
RESTATED = 2  # body sentences a headline fact quotes when they state its figure again
WHEN_WORDS = 6  # "từ tháng 10/2015 đến nay": a time said whole in a phrasing
WHEN_CLAUSE_WORDS = 14  # "Thanh tra Bộ Nội vụ có thông báo kết luận thanh tra …": what a date opens
MAX_QUESTIONS = 6  # phrasings of one fact: a headline's and its body sentence's when both state its figure
SUBJECT_WORDS = 7  # the opening words of a sentence kept as whose figure a later clause gives
LISTED_WORDS = 4  # "điều kiện, tiêu chuẩn chức danh": a noun listed after a comma, kept with the first
PREFIX_WORDS = 3  # "tinh giản biên chế 1.800 người": the noun between a verb and its figure
OWNER_CHARS = 40  # how far after a count its owner is looked for
ROUNDING = 0.15  # "hơn 20" in a headline is the body's 23, not its 7
MAX_FIGURES_PER_SENTENCE = 8  # beyond, a sentence is a table: its first figures make facts, all are quoted
MAX_STATEMENTS = 600  # distinct sentences with a figure drafted from one article
MAX_FACTS = 1500  # a draft stays well under the knowledge file limits (bytes and YAML nodes)
# How people write the places whose full name they never type.
SHORT_PLACES = {"TP Hồ Chí Minh": "TP HCM", "Bà Rịa - Vũng Tàu": "Bà Rịa - Vũng Tàu"}
# Page furniture around the text that is never a headline or a signature.
CHROME = ("tang co chu", "giam co chu", "tin lien quan", "tin khac", "in bai", "chia se", "portal", "trang chu",
          "ban in", "xem them")
ROLES = ("Phó Giám đốc", "Giám đốc", "Phó Trưởng phòng", "Trưởng phòng", "Trưởng Phòng", "Phó Chủ tịch",
         "Chủ tịch", "Bí thư", "Thủ trưởng", "Trưởng Ban", "Phó Trưởng Ban", "Chánh Văn phòng", "Tổng Biên tập",
         "Trưởng ban")
_UPPER = "[" + re.escape("".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isalpha() and c.isupper())) + "]"
_NAME = rf"{_UPPER}\w*(?: {_UPPER}\w*){{1,3}}"
_ROLE = r"(?:" + "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)) + r")[^,;:.()\n–-]{0,80}"
_HOLDER = re.compile(rf"\b(Ông|Bà|ông|bà|Đồng chí|đồng chí|ThS\.|TS\.)\s+({_NAME})\s*[,–-]\s*({_ROLE})")
_DATE_DMY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
_DATE_ISO = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_BYLINE = re.compile(r"^(?i:Bài(?: của| viết)?|Tác giả|Bài và ảnh)\s*:?\s+(" + _NAME + r")\b")
_PUBLISHED_IN = re.compile(r"(?:Đăng trên|Nguồn)\s*:?\s+((?:báo|Báo|Tạp chí|tạp chí|Cổng)[^,.\n]*?)(?:\s+số\s+\d|[,.\n]|$)")
_PLACE_PHRASE = re.compile(rf"\b(huyện|tỉnh|thị xã|thành phố|TP\.?|TX)\s+({_UPPER}\w*(?: {_UPPER}\w*){{0,2}})")
# What a national body does when it acts on the article's subject rather than being it (folded).
_ACTOR_VERBS = re.compile(r"(?:vua |da |cung |tung |con )*(?:ket luan|cong bo|kien nghi|yeu cau|de nghi|thanh tra|"
                          r"kiem tra|kiem toan|phat hien|chi ra|chi dao|huong dan|cho biet|co van ban|co thong bao|"
                          r"giao|phan bo|cho phep|phe duyet|quy dinh|ban hanh)\b")  # "chỉ tiêu Bộ Nội vụ giao"


def _retone_table() -> dict[str, str]:
    """Old-style tone placement at the end of a syllable and the modern one ("oá" -> "óa", "uỷ" -> "ủy")."""
    table = {}
    for first, last in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323"):
            for v in (first, first.upper()):
                old = v + unicodedata.normalize("NFC", last + tone)
                table[old] = unicodedata.normalize("NFC", v + tone) + last
    return table


_RETONE = _retone_table()
_RETONE_AT_END = re.compile("(?:" + "|".join(_RETONE) + r")(?!\w)")
# An office a sentence may name as whom its figure is about.
_UNIT_IN_TEXT = re.compile(r"\b(?:(?:Công đoàn Sở|Sở|Thanh tra Bộ|Hải quan|Phòng|Bộ|UBND|Ủy ban nhân dân)\s+[A-ZĐÀ-Ỹ]|"
                           r"(?:Cảng vụ|Cục|Chi cục|Trung tâm|Đài)\s+\w)")
# An office a headline may name as the article's subject.
_UNIT_IN_TITLE = re.compile(r"\b(?:(?:Công đoàn Sở|Sở|Thanh tra Bộ|Thanh tra|Hải quan|Ban|Bộ)\s+[A-ZĐÀ-Ỹ]|"
                            r"(?:Cảng vụ|Cục|Chi cục|Trung tâm|Đài)\s+\w)")
_NAME_WORDS = {"phát triển", "quản lý", "kế hoạch", "đầu tư", "thương binh", "xã hội", "tổ chức", "đào tạo"}
UNIT_WORDS = 12  # an office's name is at most this many words
# Words that end an office's name ("Sở Khoa học và Công nghệ | đã …"); the name's own lower-case words go on.
_UNIT_STOP = {"có", "đã", "đang", "là", "hiện", "nay", "được", "luôn", "cũng", "sẽ", "trong", "với", "về", "cho",
              "của", "tại", "để", "theo", "này", "các", "những", "thuộc", "phối", "tổ", "thực", "triển", "tiếp",
              "đẩy", "xây", "rút", "tham", "chú", "giao", "sắp", "tăng", "không", "vào", "từ", "đến", "ra", "thì",
              "mà", "nên", "lãnh", "hưởng", "cụ", "trực", "quản", "đối", "sáp", "ban", "cấp", "nhằm", "tạo", "gắn",
              "gồm", "chỉ", "vượt", "lại", "còn", "mới", "vừa", "đều", "nêu", "chuẩn", "bị", "đề", "yêu", "báo",
              "ký", "quyết", "kiến", "phát", "nhận", "giải", "trả"}
# A sentence ends at . ! ? … before a capital, but not after an abbreviated title ("TP. Hải Dương", "ThS. Bình").
_SENTENCE = re.compile(rf"(?<=[.!?…])(?<!TP\.)(?<!Tp\.)(?<!TS\.)(?<!ThS\.)(?<!GS\.)\s+(?=(?:{_UPPER}|[“\"(–-]))")
_TIME_PHRASE = re.compile(  # a comparison base ("so với năm 2015") is not a time reference
    r"(?i)(?<!so với )\b(tính đến (?:hết )?(?:(?:ngày )?\d{1,2}[/-]\d{1,2}[/-]|tháng \d{1,2}/)?(?:năm )?(?:19|20)\d{2}"
    r"|từ (?:đầu )?(?:năm|tháng) [\d/]+"
    r"(?:\s*[-–]\s*(?:19|20)\d{2})?(?: đến (?:nay|năm (?:19|20)\d{2}))?|giai đoạn (?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}"
    r"|(?:trong |cuối |đầu )?năm (?:19|20)\d{2}|quý [IV]+/(?:19|20)\d{2}|từ ngày \d{1,2}/\d{1,2}/(?:19|20)\d{2}"
    r"(?: đến nay)?"
    r"|giai đoạn (?:từ )?(?:ngày )?\d{1,2}[-/]\d{1,2}[-/](?:19|20)\d{2} (?:đến|tới) (?:ngày )?\d{1,2}[-/]\d{1,2}[-/]"
    r"(?:19|20)\d{2})")
# A sentence going on from the one before, which says what it is about: "Trong đó có 8 trường hợp …", "Trong số
# này, …" (a part of the whole it gave), "Kết quả cho thấy …" (what the review it told of found)
_GOES_ON = re.compile(r"(?i)^\s*(?:trong (?:đó|số đó|số này|số trên|tổng số (?:đó|này|trên))|kết quả)\b")
# "trong giai đoạn trên", "vào thời gian này": the period an earlier sentence named
_EARLIER_PERIOD = re.compile(r"(?i)\b(?:giai đoạn|thời gian|thời kỳ|khoảng thời gian) (?:trên|này|nói trên|đó)\b")
# "hiện nay", "đến nay", "mỗi năm", "trước đó": a sentence of its own time, not of the period the one before it named
_NOW = re.compile(r"(?i)\b(?:hiện|nay|bây giờ|mỗi năm|hằng năm|hàng năm|sắp tới|tới đây|trước đó|sau đó|từ đó)\b")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}:\d{2}(?::\d{2})?)(?![\d:])(?:\s*\[?(GMT\s*[+-]\s*\d{1,2})\]?)?")
_KINDS = (COUNT, PERCENT, YEAR, DATE, DOCUMENT, PHONE)  # what makes a statement a fact (a clock time does not)
# Words that end a measure ("234 lãnh đạo | sau khi …") or cannot start one ("5 | năm").
_MEASURE_STOP = {"và", "với", "của", "trong", "tại", "ở", "so", "sau", "trước", "đã", "được", "là", "thì", "mà",
                 "để", "cho", "từ", "đến", "tới", "lên", "xuống", "còn", "thuộc", "theo", "khi", "vì", "do",
                 "nhưng", "này", "đó", "trên", "dưới", "gồm", "bao", "năm", "tháng", "ngày", "tuổi", "lần",
                 "giờ", "phút", "hay", "hoặc", "có", "không", "đã", "sẽ", "vào", "ra", "về", "như", "nên"}
_MEASURE_END = _MEASURE_STOP | {"đang", "vừa", "mới", "cũng", "đều", "chưa", "phải", "bị", "hiện", "nay",
                                "tăng", "giảm", "trở", "chiếm", "gần", "hơn", "khoảng"}
# Words between a verb and its figure ("giảm được hơn 1.321"), and words that are no verb of a figure.
_BEFORE_FIGURE = {"được", "hơn", "gần", "khoảng", "trên", "dưới", "tới", "đến", "lên", "xuống", "còn", "thêm",
                  "tổng", "cộng", "có", "là", "chỉ", "mới", "đạt", "tối", "thiểu", "đa", "ít", "nhất", "với",
                  "cho", "từ", "trong", "số", "chừng", "ước", "tính", "hết", "là:", "của", "mỗi", "bình", "quân",
                  "đối"}
_AUXILIARIES = {"đã", "sẽ", "đang", "vừa", "mới", "cũng", "còn", "thì", "mà", "và", "có", "là", "đều", "chưa",
                "không", "phải", "bị", "được", "nay", "hiện", "tp", "tỉnh", "huyện", "thành", "phố", "này", "đó",
                "theo", "trong", "với", "của", "năm", "tháng", "ngày", "đến", "từ", "tại", "ở", "sau", "trước", "ra",
                "ngoài", "đó", "gồm", "bao", "như", "về", "riêng", "chỉ", "tổng", "số"}
_LISTING = {"", "có", "gồm", "bao gồm"}
# Two syllables that are one word though the second alone would end a phrase ("trực thuộc", "trở lên").
_BOUND = {"trực thuộc", "trở lên", "trở xuống", "bao gồm", "từ chối", "sau đại học", "đơn vị", "cấp trên",
          "cấp dưới", "hợp đồng", "thi tuyển", "xét tuyển", "nghỉ hưu", "vị trí", "họ hàng", "ngân hàng",
          "cửa hàng", "mặt hàng"}  # (the last: nouns ending in "hàng", never "hàng trăm" leading to a figure)
# Words that link one phrase to the next: a phrase too long to keep whole is cut before one of them.
_LINKS = {"và", "với", "của", "trong", "tại", "ở", "so", "sau", "trước", "theo", "để", "cho", "từ", "đến", "tới",
          "thuộc", "về", "do", "vì", "khi", "nhưng", "hoặc", "hay", "là", "thì", "mà", "nên", "như", "gồm",
          "trên", "dưới", "qua", "nhằm", "đối", "còn", "đã", "được", "bị", "sẽ", "đang"}
_ROUNDED = re.compile(r"(?:hơn|gần|khoảng|trên|dưới|hàng|xấp xỉ|chừng|tới)\s*$", re.IGNORECASE)
_OFFICE_HEADS = {"Cảng", "Cục", "Chi", "Phòng", "Trung", "Bộ", "UBND", "HĐND", "Ủy", "Uỷ", "Đài", "Ban", "Thanh",
                 "Công", "Tổng", "Văn", "Viện", "Tòa", "Toà", "Kho", "Thành", "Huyện", "Tỉnh", "Quận"}
_MONEY = {"tỉ đồng", "tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "triệu USD", "tỷ USD", "tỉ USD"}
_PLACE_WORDS = {"huyện", "tỉnh", "xã", "quận", "phường", "thị xã", "thị trấn", "đảo", "tp", "tp.", "phố"}
_STAFF = {"cán bộ", "công chức", "viên chức", "người", "trường hợp", "người lao động", "lao động"}
_ADMIN_WORDS = {"tỉnh", "huyện", "thành phố", "phố", "TP", "thị xã", "xã", "quận"}
_UNIT_END = {"hơn", "gần", "phải", "nhiều", "yêu", "làm", "bị", "lạm", "xé", "chờ", "đua", "dùng"}
# Verbs of workforce news a figure is the object of: what a question asks with ("giảm bao nhiêu …").
_VERBS = {"giảm", "tăng", "thêm", "bớt", "cắt", "tuyển", "tuyển dụng", "bổ nhiệm", "tinh giản", "cắt giảm",
          "luân chuyển", "điều động", "đào tạo", "bồi dưỡng", "cử", "chi", "thừa", "thiếu", "dư", "vượt", "sắp xếp",
          "sáp nhập", "hợp nhất", "nghỉ", "nghỉ việc", "thôi việc", "kỷ luật", "xử lý", "miễn nhiệm", "tiếp nhận",
          "thu hút", "bố trí", "giao", "thi", "trúng tuyển", "đỗ", "trượt", "vắng", "vắng mặt", "dôi dư", "bổ sung",
          "tuyển mới", "giải thể", "thành lập", "kiểm tra", "thanh tra", "phát hiện", "nghỉ hưu", "tái bổ nhiệm",
          "tuyển chọn", "cử đi học", "đi học", "thu hồi", "hủy", "cho thôi việc", "điều chuyển", "sát hạch",
          "đánh giá", "xếp loại", "khen thưởng", "hỗ trợ", "trả", "đạt", "nộp", "dự thi", "đăng ký", "chuyển",
          "nhận", "ký", "ban hành", "kiến nghị", "đề xuất", "đề nghị", "rà soát", "phê duyệt", "giảm được",
          "tăng thêm", "tinh giản được", "tuyển được", "tiết kiệm", "sử dụng", "chiếm", "thuê", "ngưng hợp đồng",
          "chấm dứt hợp đồng", "ký hợp đồng", "tăng cường", "mở", "cử đi", "tham gia", "bồi dưỡng cho",
          "đào tạo cho", "giải quyết", "xử lý kỷ luật", "tiếp nhận"}
# Words after which a verb of workforce news is a noun ("thời điểm thanh tra", "các cấp", "đợt tuyển dụng").
_NOUN_MARKERS = {"các", "cuộc", "đợt", "điểm", "kỳ", "khi", "những", "việc", "tác", "trình"}
_DETERMINERS = {"các", "những", "mỗi", "một", "cả", "toàn", "ông", "bà"}  # never the last word of a phrase
# Verbs too common to be what a figure far after them is about ("giao", "chi", "đạt").
_LOOSE_VERBS = {"giao", "chi", "đạt", "cử", "thi", "trả", "nhận", "ký", "mở", "sử dụng", "chiếm", "chuyển",
                "tham gia", "đánh giá", "kiểm tra", "thanh tra", "rà soát", "đề nghị", "đề xuất", "kiến nghị",
                "ban hành", "phê duyệt", "giải quyết", "hỗ trợ", "bố trí", "nộp", "đăng ký", "dự thi"}
_VERB_HEADS = {v.split()[0] for v in _VERBS}
# Titles journalism capitalises ("17 Phó Giám đốc Sở"): what a figure counts all the same, not a name.
_TITLES = {"phó giám đốc", "giám đốc", "phó trưởng phòng", "trưởng phòng", "phó phòng", "phó chủ tịch", "chủ tịch",
           "phó bí thư", "bí thư", "trưởng ban", "phó trưởng ban", "phó ban", "vụ trưởng", "phó vụ trưởng",
           "cục trưởng", "phó cục trưởng", "chánh văn phòng", "phó chánh văn phòng", "chánh thanh tra",
           "phó chánh thanh tra", "chi cục trưởng", "phó chi cục trưởng", "thứ trưởng", "tổng cục trưởng",
           "phó tổng cục trưởng", "hiệu trưởng", "phó hiệu trưởng", "trưởng khoa", "phó trưởng khoa"}
_SHARE = re.compile(r"(?:\(|chiếm)\s*(?:hơn|gần|khoảng|trên|dưới|tới|xấp xỉ)?\s*$", re.IGNORECASE)
_TITLE_PREFIXES = {" ".join(t.split()[:k]) for t in _TITLES for k in range(1, len(t.split()) + 1)}
# "17/82 Phó Giám đốc", "17 trên tổng số 82 …": a part of a total, both counting the noun after the total.
_ATTAINED = re.compile(r"(?i)\bđạt\s+(?:(?:hơn|gần|khoảng|trên|xấp xỉ)\s+)?$")  # "…, đạt hơn 76% kế hoạch"
_RANGE = re.compile(r"\s*[-–]\s*|\s+(?:đến|tới)\s+")  # "260 - 693 người", "từ 5 đến 7 người"
_PART_OF = re.compile(r"\s*(?:/|trên\s+(?:tổng\s+số\s+)?|trong\s+(?:tổng\s+)?số\s+)", re.IGNORECASE)
_UNIT_END |= _VERB_HEADS  # a figure listed after another ("…, trong đó 6 phòng") shares its verb


TOO_BIG, BINARY, ENCODING, EMPTY = "too_big", "binary", "encoding", "empty"
UNKNOWN_WORDS = {"unknown", "none", "không nêu", "không rõ", "khong neu", "khong ro", "-"}  # how an admin says so
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")  # an article id: also its draft's file name


def id_problem(article_id: str) -> str:
    """Why a text cannot be an article id ('' if it can): it names a file inside drafts/, nothing else."""
    if not _ID.match(article_id):
        return f"'{article_id}' is not an article id: use 1 to 60 lower-case letters, digits and hyphens"
    return ""


def filled(given: str, found: str) -> tuple[str, bool]:
    """An article field: what the text says, else what the command line gives ("không nêu" when the admin says
    it is not known); and whether it came from the text (a guess to review)."""
    if found:
        return found, True
    if given.strip().lower() in UNKNOWN_WORDS:
        return NOT_STATED, False
    return given, False


class IngestError(Exception):
    """The input cannot be drafted from; the message says why in one line, `reason` names the case."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Given:
    """Article fields given on the command line (empty: to be guessed)."""

    id: str = ""
    title: str = ""
    publisher: str = ""
    date: str = ""
    author: str = ""
    url: str = ""
    place: str = ""


@dataclass
class Draft:
    """A draft knowledge file and what was found making it."""

    article: dict
    facts: list[dict]
    guessed: list[str]
    new_places: list[dict] = field(default_factory=list)
    figures_found: int = 0
    uncovered: list[str] = field(default_factory=list)  # "value — sentence" of figures no draft fact quotes

    def renamed(self, article_id: str) -> "Draft":
        """The same draft under another article id (its facts' ids follow)."""
        old = self.article["id"]
        facts = [{**f, "id": article_id + f["id"][len(old):]} if f["id"].startswith(old) else f for f in self.facts]
        return Draft({**self.article, "id": article_id}, facts, self.guessed, self.new_places, self.figures_found,
                     self.uncovered)

    def to_yaml(self) -> str:
        """The draft file: the article schema plus `draft: true`, `guessed` and proposed gazetteer entries."""
        doc = {"draft": True, "guessed": self.guessed, **({"new_places": self.new_places} if self.new_places else {}),
               "article": self.article, "facts": self.facts}
        return yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


class _Dumper(yaml.SafeDumper):
    """YAML as admins edit it: the article text as a block, lists indented under their key."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D102 - PyYAML's hook
        return super().increase_indent(flow, False)


def _block(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    """Multi-line strings as literal blocks."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _block)


def read_text(data: bytes, max_bytes: int) -> str:
    """An article's text from its bytes (raises IngestError: too large, binary, not UTF-8, empty)."""
    if len(data) > max_bytes:
        raise IngestError(TOO_BIG, f"the file is {len(data)} bytes; an article may have at most {max_bytes}")
    if b"\x00" in data:
        raise IngestError(BINARY, "this is a binary file, not an article's text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(ENCODING, f"the text is not UTF-8 (byte {error.start}); save it as UTF-8 and try again") \
            from None
    text = clean(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(EMPTY, "the file is empty")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


def draft(text: str, given: Given, kb: KnowledgeBase) -> Draft:
    """Everything ingest writes for one article text."""
    lines = text.split("\n")
    guessed: list[str] = []
    date, date_line = _date(lines)
    if date_line is not None and len(lines[date_line].split()) > DATE_LINE_WORDS:
        date_line = None  # a date in a sentence of the body is no date line: the sentence stays a statement
    date, from_text = filled(given.date, date if date_line is not None else "")
    if not date:
        date, from_text = _date(lines)[0], True  # a date of the body: a guess
    if from_text or not date:
        guessed.append("date")
    title, title_lines = _title(lines, date_line)
    title = given.title or title
    if not given.title:
        guessed.append("title")
    author, author_line = _author(lines)
    author, from_text = filled(given.author, author)
    if from_text or not author:
        guessed.append("author")
    publisher, publisher_line = _publisher(lines)
    publisher, from_text = filled(given.publisher, publisher)
    if from_text or not publisher:
        guessed.append("publisher")
    place, parents, proposals = _places(text[:PLACE_CHARS], title, given.place, kb)
    if not given.place:
        guessed.append("places")
    article_id = given.id or _slug(f"{place} {date[:4]} {' '.join(title.split()[:ID_WORDS])}")
    if not given.id:
        guessed.append("id")
    article = {"id": article_id, "title": title, "publisher": publisher, "date": date, "author": author,
               "url": given.url or None, "places": [place], **({"parents": parents} if parents else {}),
               "notes": f"Drafted by `python -m bot ingest`; guessed: {', '.join(guessed) or 'nothing'}.",
               "text": text}
    unit = _main_unit(title, place)
    skip = {i for i in (date_line, author_line, publisher_line, *title_lines) if i is not None}
    statements = _statements(lines, skip, title_lines)
    headline = [s for s in statements if s.headline]  # the headline's figure first: the article's example
    finder = _PlaceFinder(kb)
    year = _only_year(statements)
    counted = frozenset(n.lower() for nouns in kb.measures.values() for n in nouns)  # what figures count
    facts = _statement_facts(headline, article, unit, finder, counted, year)
    body = _statement_facts([s for s in statements if not s.headline], article, unit, finder, counted, year)
    facts = [_with_exact_figure(f, body) for f in facts]
    facts, body = _restated(facts, body)
    merged = _deduplicated([*facts, *body])  # a headline fact is never merged into a later one: they stay first
    facts, body = merged[:len(facts)], merged[len(facts):]
    facts.append(_metadata_fact(article, lines, date_line, author_line, publisher_line, title_lines))
    facts += body
    facts += _holder_facts(text, article, unit)
    facts = _unshared(_told_apart([f for f in facts if f is not None][:MAX_FACTS]))
    others = [p for p in dict.fromkeys(f["place"] for f in facts) if p and p != place]
    article["places"] = [place, *others]  # bodies some of its sentences give figures of
    for n, fact in enumerate(facts, 1):
        fact["id"] = f"{article_id}-{n:02d}"
    found, uncovered = _coverage(lines, facts)
    return Draft(article, [_ordered(f) for f in facts], guessed, proposals, found, uncovered)


# ---------------------------------------------------------------- metadata


def _date(lines: list[str]) -> tuple[str, int | None]:
    """The publication date (ISO) and its line: the first date near the top, else anywhere; '' if none."""
    for limit in (HEAD_LINES, len(lines)):
        for i, line in enumerate(lines[:limit]):
            iso = _DATE_ISO.search(line)
            if iso:
                return _iso(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))), i
            dmy = _DATE_DMY.search(line)
            if dmy:
                return _iso(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1))), i
    return "", None


def _iso(year: int, month: int, day: int) -> str:
    """A valid date as YYYY-MM-DD ('' if it is not one)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _is_chrome(line: str) -> bool:
    """Page furniture: navigation, widgets, template markers."""
    folded = fold(line)
    return "_" in line or any(c in folded for c in CHROME) or len(line.strip()) <= 2


def _title(lines: list[str], date_line: int | None) -> tuple[str, list[int]]:
    """The headline: the first short line near the top that is not a sentence (two lines when the first ends
    with ':'); else the start of the first sentence. Returns the title and the lines it came from."""
    for i, line in enumerate(lines[:HEAD_LINES]):
        words = line.split()
        if i == date_line or not words or _is_chrome(line):
            continue
        if len(words) > MAX_TITLE_WORDS or line.rstrip().endswith((".", "…")):
            break  # the body has started
        if len(words) < MIN_TITLE_WORDS and not line.rstrip().endswith(":"):
            continue
        if line.rstrip().endswith(":"):
            following = next((j for j in range(i + 1, min(len(lines), i + 4)) if lines[j].strip()), None)
            if following is not None and len(lines[following].split()) <= MAX_TITLE_WORDS:
                return f"{line.strip()} {lines[following].strip()}", [i, following]
        return line.strip(), [i]
    first = next((ln for ln in lines if len(ln.split()) > MAX_TITLE_WORDS), "")
    words = []
    for word in _SENTENCE.split(first)[0].split()[:FALLBACK_TITLE_WORDS]:
        if any(ch.isdigit() for ch in word):
            break  # a figure belongs to a fact, not to a made-up headline
        words.append(word)
    return (" ".join(words).rstrip(",;:") + "…") if words else "", []


def _author(lines: list[str]) -> tuple[str, int | None]:
    """The author: a byline ("Bài của X"), else the signature — a short name-only line near the end."""
    for i, line in enumerate(lines):
        m = _BYLINE.match(line.strip())
        if m:
            return m.group(1).strip(), i
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line or _is_chrome(line):
            continue
        seen += 1
        if seen > TAIL_LINES:
            break
        words = line.split()
        if 2 <= len(words) <= 5 and not any(ch.isdigit() for ch in line) and line[-1] not in ".:;,!?" \
                and all(w[0].isupper() for w in words):
            return (line.title() if line.isupper() else line), i
    return "", None


def _publisher(lines: list[str]) -> tuple[str, int | None]:
    """The publication named in the text ("Đăng trên Tạp chí …") and its line, else '' (to be filled in)."""
    for i, line in enumerate(lines):
        m = _PUBLISHED_IN.search(line)
        if m:
            return m.group(1).strip(), i
    return "", None


def _places(text: str, title: str, given: str, kb: KnowledgeBase) -> tuple[str, list[str], list[dict]]:
    """The place the article is about — the gazetteer's place or national body most named, the headline
    counting most (or the one given) — its province, and proposed gazetteer entries for places the gazetteer
    does not know ("huyện X", "tỉnh Y")."""
    candidates = [p for p in kb.places if p.kind != "unit" or p.national]
    by_name = {p.name: p for p in kb.places}
    folded_text, folded_title = _plain(text), _plain(title)
    counts: Counter = Counter()
    first: dict[str, int] = {}
    blocked = [_plain(c).split() for c in kb.place_compounds]  # "tiến bộ KH&CN" is not "Bộ KH&CN"

    def named(pattern: re.Pattern[str], text: str, national: bool) -> list[int]:
        return [m.start() for m in pattern.finditer(text)
                if (text[max(0, m.start() - 12):m.start()].split()[-1:] + [m.group(0).split()[0]]) not in blocked
                and not (national and _acting(text, m))]

    for place in candidates:
        for form in {_plain(f) for f in (place.name, *place.variants)}:
            pattern = re.compile(rf"(?<![\w&-]){re.escape(form)}(?![\w&-])")
            starts = named(pattern, folded_text, place.national)
            if starts:
                counts[place.name] += len(starts)
                first[place.name] = min(first.get(place.name, starts[0]), starts[0])
            counts[place.name] += TITLE_WEIGHT * len(named(pattern, folded_title, place.national))
    for name in list(counts):  # a district named counts for its province too ("TP Vũng Tàu", "huyện Hoằng Hóa")
        parent = by_name[name].parent
        if parent and parent in counts and by_name[name].kind == "district":
            counts[parent] += counts[name] // 2
    known = {_plain(p.name) for p in kb.places} | {_plain(v) for p in kb.places for v in p.variants}
    proposals: dict[str, dict] = {}
    for m in _PLACE_PHRASE.finditer(text):
        kind, name = m.group(1).lower().rstrip("."), m.group(2).strip()
        name = _modern_tones(name)
        if _plain(name) not in known and not place_name_problem(name) and name not in proposals:
            proposals[name] = {"name": name, "kind": "province" if kind == "tỉnh" else "district"}
    counts = Counter({n: c for n, c in counts.items() if c})
    # A district the gazetteer lacks is the article's place when it is named more than any known place.
    unknown = Counter({name: len(re.findall(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", folded_text)) +
                       TITLE_WEIGHT * len(re.findall(rf"(?<!\w){re.escape(_plain(name))}(?!\w)", folded_title))
                       for name, p in proposals.items() if p["kind"] == "district"})
    if given:
        place = given
    elif unknown and (not counts or max(unknown.values()) > max(counts.values())):
        place = max(unknown, key=lambda n: unknown[n])
    elif counts:
        place = max(counts, key=lambda n: (counts[n], by_name[n].kind != "unit", -first.get(n, len(text))))
    else:
        place = next(iter(proposals), "")
    if place and place not in by_name and place not in proposals:
        proposals[place] = {"name": place, "kind": "district"}
    known_place = by_name.get(place)
    parents = [known_place.parent] if known_place is not None and known_place.parent else []
    province = next((n for n, _ in counts.most_common() if by_name[n].kind == "province"), "")
    for proposal in proposals.values():
        if proposal["kind"] == "district" and province:
            proposal["parent"] = province
    if place in proposals and proposals[place].get("parent"):
        parents = [proposals[place]["parent"]]
    return place, parents, [p for p in proposals.values() if p["name"] == place]


def _acting(text: str, m: re.Match[str]) -> bool:
    """A national body named as the one inspecting or deciding ("Thanh tra Bộ Nội vụ", "Bộ Nội vụ kết luận"):
    an article about a province or another body names it without being about it."""
    before = fold(text[max(0, m.start() - 12):m.start()]).split()[-2:]
    after = fold(" ".join(text[m.end():m.end() + 24].split()[:3]))
    return before == ["thanh", "tra"] or bool(_ACTOR_VERBS.match(after))


def _modern_tones(name: str) -> str:
    """A name with its tone marks placed as the gazetteer writes them ("Hoằng Hoá" -> "Hoằng Hóa")."""
    return _RETONE_AT_END.sub(lambda m: _RETONE[m.group(0)], unicodedata.normalize("NFC", name))


def _toned(text: str) -> str:
    """Lower-case text with its tone marks placed one way ("Thanh Hoá" = "thanh hóa"), "TP." read as "TP" and
    dashes as spaces: how a sentence's places are looked for (folding would make "cào bằng" "Cao Bằng")."""
    text = _modern_tones(text).lower()
    return " ".join(re.sub(r"\b(tp|tx)\.", r"\1 ", text).replace("–", " ").replace(" - ", " ").split())


def _plain(text: str) -> str:
    """Folded text with "TP." read as "TP" and dashes as spaces: how place names are looked for."""
    return " ".join(re.sub(r"\b(tp|tx)\.", r"\1 ", fold(text)).replace("–", " ").replace(" - ", " ").split())


def _main_unit(title: str, place: str) -> str:
    """Whom the article's figures are about: the office its headline names ("Sở Y tế Lào Cai", "Cảng vụ Lào
    Cai"), else the place itself."""
    m = _UNIT_IN_TITLE.search(title)
    office = _office_at(title, m.start(), place) if m else place
    return place if _national_actor(office, place) else office


def _national_actor(office: str, place: str) -> bool:
    """A ministry named in an article about a province acts on it ("Bộ Y tế yêu cầu … Lai Châu"): the figures
    are not its own."""
    return office.startswith(("Bộ", "Thanh tra Bộ")) and not _plain(office).startswith(_plain(place))


def _office_at(text: str, start: int, place: str) -> str:
    """The office named at `start` ("Sở Lao động tỉnh Hải Dương"), with the place added when it does not say
    it; the place itself when no office name of two words or more starts there."""
    words: list[str] = []
    said = text[start:].split()
    for i, word in enumerate(said):
        bare = word.strip(",.;:()“”\"'‘’")
        low = bare.lower()
        ends = bare == low and (low in _UNIT_STOP or low.split("-")[0] in _UNIT_END) and \
            not (words and f"{words[-1].lower()} {low}" in _NAME_WORDS)  # "Sở … và Phát triển nông thôn"
        if not bare or (words and (ends or bare[0].isdigit())) or len(words) == UNIT_WORDS:
            break
        following = said[i + 1:i + 5]
        if word == bare + "," and words and following[:1] and following[0][:1].isupper() and "và" in following[1:] \
                and following[following.index("và", 1) + 1:][:1] and \
                following[following.index("và", 1) + 1][:1].isupper():
            words.append(word)  # "Sở Lao động, Thương binh và Xã hội": a name listing its fields
            continue
        words.append(bare)
        if bare != word and not (bare in ("TP", "Tp", "TX") and word.endswith(".")):
            break  # punctuation ends the name
    while words and (words[-1] in ("TP", "Tp", "TX", "tỉnh", "thành", "phố", "huyện", "thị", "xã", "-") or
                     words[-1] in _LINKS):  # "Cục | và 105 …": no name
        words.pop()
    unit = " ".join(words)
    if len(words) < 2 or fold(unit) == fold(place):
        return place
    named = _plain(short_place(place)) in _plain(unit) or _plain(place) in _plain(unit) or \
        (len(words) > 2 and words[-1][1:].islower() and words[-1][0].isupper() and words[-2][0].isupper()) or \
        bool(re.search(rf"\b(?:TP\.?|tỉnh|huyện|thành phố|quận|thị xã)\s+{_UPPER}", unit))  # "UBND TP HCM": it says
    return unit if named else f"{unit} {short_place(place)}"  # "Sở Lao động Hải Dương" names its province


def _subject(sentence: str, figure: figures.Figure, place: str, unit: str) -> str:
    """Whom a figure is about, as a question names it: the office named in the figure's own clause ("…, Sở
    Lao động tỉnh Hải Dương có 46 biên chế"), else `unit` (the office of the paragraph or the article), else the
    article's place."""
    clause_start = max(sentence.rfind(c, 0, figure.start) for c in ",;:(") + 1
    m = None
    for m in _UNIT_IN_TEXT.finditer(sentence, clause_start, figure.start):
        pass
    if m is not None:
        office = _office_at(sentence, m.start(), place)
        if office != place and _plain(office) not in _plain(place) and not _national_actor(office, place):
            return office
    return unit if unit != place else short_place(place)


def _owner(sentence: str, figure: figures.Figure, place: str) -> str:
    """The office a figure's people belong to, named right after them ("20 cán bộ Cảng vụ Lào Cai"),
    or ''."""
    m = _UNIT_IN_TEXT.search(sentence, figure.end, min(len(sentence), figure.end + OWNER_CHARS))
    if m is None or re.search(r"[,;:.()]", sentence[figure.end:m.start()]):
        return ""
    office = _office_at(sentence, m.start(), place)
    return "" if office == place or _national_actor(office, place) else office


def short_place(place: str) -> str:
    """A place as people type it: "TP HCM" for TP Hồ Chí Minh."""
    return SHORT_PLACES.get(place, place)


def _slug(text: str) -> str:
    """ASCII id from words: 'Lạng Sơn 2021 Củng cố' -> 'lang-son-2021-cung-co'."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))[:60].strip("-") or "bai-viet"


# ---------------------------------------------------------------- facts


def _metadata_fact(article: dict, lines: list[str], date_line: int | None, author_line: int | None,
                   publisher_line: int | None, title_lines: list[int]) -> dict | None:
    """Who wrote the article, where and when, quoting the headline, date, byline and publication lines."""
    quotes = [lines[i].strip() for i in (*title_lines, date_line, author_line, publisher_line)
              if i is not None and lines[i].strip()]
    if not quotes or not article["date"]:
        return None
    day = dt.date.fromisoformat(article["date"]).strftime("%d/%m/%Y")
    time = f"ngày {day}"
    clock = _CLOCK.search(lines[date_line]) if date_line is not None else None
    at = f" lúc {clock.group(1)}" + (f" (giờ {clock.group(2)})" if clock.group(2) else "") if clock else ""
    by = f", tác giả {article['author']}" if article["author"] and article["author"] != NOT_STATED else ""
    on = f" trên {publisher}" if (publisher := _publication(lines, publisher_line)) else ""
    answer = f"Bài “{article['title']}” đăng {time}{at}{on}{by}."
    place = article["places"][0]
    return {"place": place, "unit": article["publisher"] or place, "time": time, "answer": answer,
            "quote": quotes if len(quotes) > 1 else quotes[0],
            "questions": [f"Bài viết về {place} đăng ngày nào?", f"Ai viết bài “{article['title']}”?",
                          f"Bài báo về {place} do ai viết, đăng ngày nào?"], "tags": ["bài viết"]}


def _publication(lines: list[str], line: int | None) -> str:
    """The publication line as said ("Tạp chí … số 2 ra tháng 4 năm 2018"), for the metadata fact."""
    if line is None:
        return ""
    m = re.search(r"(?:Đăng trên|Nguồn)\s*:?\s+(.+)$", lines[line].strip())
    return m.group(1).rstrip(" .") if m else ""


@dataclass(frozen=True)
class _Statement:
    """One sentence holding a figure, verbatim, and whether it is the headline."""

    quote: str
    headline: bool = False
    paragraph: int = -1  # the line it is on: an office named as the subject of a figure holds for the paragraph


def _statements(lines: list[str], skip: set[int], title_lines: list[int]) -> list[_Statement]:
    """Each distinct sentence with a figure, the headline first: a sentence repeated in the text is one
    statement (the work stays linear in the text's length)."""
    out: list[_Statement] = []
    seen: set[str] = set()
    headline = " ".join(lines[i].strip() for i in title_lines)
    if title_lines and len(title_lines) == 1 and _quantities(headline):
        out.append(_Statement(headline, True))
        seen.add(canonical(headline))
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            continue
        for sentence in _SENTENCE.split(line.strip()):
            sentence = sentence.strip()
            key = canonical(sentence)
            if key in seen or not _figures_of(sentence):
                continue
            seen.add(key)
            out.append(_Statement(sentence, False, i))
            if len(out) >= MAX_STATEMENTS:
                return out
    return out


def _figures_of(text: str) -> list[figures.Figure]:
    """Figures that make a statement a fact (a clock time alone does not)."""
    return [f for f in figures.find(text) if f.kind in _KINDS]


def _quantities(text: str) -> list[figures.Figure]:
    """The counts and percentages of a text."""
    return [f for f in figures.find(text) if f.is_quantity]


def _only_year(statements: list[_Statement]) -> str:
    """The one year an article's sentences say their figures are of ("tuyển dụng … trong năm 2019"), '' when
    they say several or none: then a figure no sentence dates is of that year too."""
    said = [m.group(1) for st in statements for m in _TIME_PHRASE.finditer(st.quote)]
    years = {y for t in said for y in re.findall(r"(?:19|20)\d{2}", t)}
    points = all(re.fullmatch(r"(?i)(?:trong |cuối |đầu )?năm (?:19|20)\d{2}", t) for t in said)
    return years.pop() if len(years) == 1 and points else ""  # not "từ năm 1998": a start, not the news's year


def _statement_facts(statements: list[_Statement], article: dict, unit: str, finder: "_PlaceFinder",
                     counted: frozenset[str] = frozenset(), year: str = "") -> list[dict]:
    """Draft facts from statements: one for each figure of a sentence that counts something of its own (its
    measure), quoting the whole sentence; one for a sentence whose figures count nothing named. A figure is
    about the place or national body its own part of the sentence names, else the article's. A figure no
    sentence dates, in an article whose sentences name one `year`, is asked with that year too. `counted`: the
    nouns the knowledge counts, which a sentence may name before its figure ("số thí sinh … là trên 4.500")."""
    facts = []
    home = article["places"][0]
    held: tuple[int, str] = (-2, unit)  # (paragraph, office): the subject a paragraph's figures are about
    where: tuple[int, str] = (-2, home)  # (paragraph, place): the place a paragraph last named
    period = ("", "")  # the time an earlier sentence last said, and that sentence
    line = -2  # the line of the last statement
    running = False  # whether the period holds on that line (said there, or carried to it)
    before, line_before = "", -2  # the last statement and its line: "Trong đó …" counts within it
    for st in statements:
        if held[0] != st.paragraph:
            held = (st.paragraph, unit)
        if where[0] != st.paragraph:
            # the line right after one naming a place goes on about it ("Tại tỉnh Hải Dương, Sở Nội vụ … 5 phó giám
            # đốc." then "Sở Công thương có 4 phó giám đốc.")
            where = (st.paragraph, where[1] if st.paragraph - where[0] == 1 else home)
        text = _field_names(st.quote)  # what questions are made from; the quote stays verbatim
        time = _time_of(text, article)
        quote: str | list[str] = st.quote
        follows = running and st.paragraph - line == 1  # (the next line: a paragraph of one sentence each)
        line = st.paragraph
        if _TIME_PHRASE.search(text):
            period, running = (time, st.quote), True
        elif period[0] and _EARLIER_PERIOD.search(text):
            # "trong giai đoạn trên, tỉnh đã tuyển dụng 122 công chức": the period said before, quoted with it
            time, quote = period[0], [period[1], st.quote]
        elif period[0] and follows and not _NOW.search(text):
            # the next lines of "Cụ thể, năm 2018, …" saying no time of their own ("Khối sự nghiệp có 148.822 biên
            # chế."): of the period said before, quoted with it
            time, quote = period[0], [period[1], st.quote]
        else:
            running = False
        # ("… tiếp nhận 36 người thân quen …" then "Trong đó có 8 trường hợp chưa đảm bảo quy trình …": the 8 are of
        # the 36; "… rà soát cán bộ lớn tuổi …" then "Kết quả cho thấy …": what was found; quoted and answered with it)
        whole = before if before and st.paragraph - line_before <= 1 and _GOES_ON.match(st.quote) else ""
        before, line_before = st.quote, st.paragraph
        if whole:  # (after the period said before, when it is quoted too)
            quote = list(dict.fromkeys([*([] if isinstance(quote, str) else quote[:-1]), whole, st.quote]))
        made = 0
        asked_seen: set[str] = set()
        lead = ""
        previous: tuple[str, str, str, str] | None = None  # the last count's measure, asked, verb and prefix
        first_item = ""  # the measure of a list's first count, as its later items are said in full
        sentence_time = time
        for figure in _parts(text, _quantities(text))[:MAX_FIGURES_PER_SENTENCE]:
            named = finder.place_of(text, figure, home)
            place = named or where[1]
            if named and (named not in finder.national or home in finder.national):
                # the paragraph goes on about a place it names; a ministry it names once (the inspectors, a
                # circular's author) is not what the next sentences' figures are of ("địa phương này đã …")
                where = (st.paragraph, named)
            time = _time_near(text, figure) or sentence_time  # "đến 2017 giảm 69 …; đến 2020 giảm 413 …"
            measure = _measure(text, figure)
            said = measure  # the noun written after the figure, which the sentence asked back keeps
            named = _NUMBER_OF.search(text[:figure.start]) if measure in _GENERAL_STAFF else None
            if named:  # "số lượng phó, trưởng phòng của Sở còn 23 người": the people counted are those named
                measure = re.sub(r"\s+(?:này|đó|ấy|trên)$", "", named.group(1).lower())  # "lãnh đạo Sở này"
            group = _counted_group(text, figure, counted) if measure in _GENERAL_STAFF and not named else ""
            if group:
                # "Tổng số lao động hợp đồng qua các năm … là 258 người": those counted are the contract workers,
                # never the place's staff ("Lai Châu có bao nhiêu người?" would ask for a headcount it is not)
                measure = group
            verb, prefix = _action(text, figure, place)
            listed = _content_words(re.split(r"[,;:(]", text[:figure.start])[-1]) < 2  # "…, 136 phó phòng"
            owner = _owner(text, figure, place)
            asked = _asked(text, figure, measure, owner) if measure else ""
            # "… đối với 17 cán bộ, 6 trường hợp khác sẽ xét tuyển": an item saying its own verb takes no other
            said_verb = any(" ".join(w) in _VERBS - _LOOSE_VERBS for n in (1, 2)
                            for w in zip(*(asked.split()[len(measure.split()) + k:] for k in range(n))))
            verb = lead if verb in _LISTING and lead and listed and not said_verb else verb
            lead = lead or (verb if verb not in _LISTING else "")
            share = figure.kind == PERCENT and not measure and previous and _SHARE.search(text[:figure.start])
            if share:  # "20 trường hợp nghỉ việc (chiếm 14,6%)": the share of what the count before it counts
                measure, asked, verb, prefix = previous
            elif figure.kind == PERCENT and not measure:  # "giảm 10% so với biên chế được giao": of that
                compared = re.match(r"\s*(?:%|phần trăm)?\s*so với\s", text[figure.end:])
                base_of = replace(figure, end=figure.end + compared.end() - 1) if compared else None
                measure = _measure(text, base_of) if base_of else ""
                asked = _compared(text[base_of.end:], measure) if measure else ""
            if _threshold(text, figure):
                continue  # "nếu có điểm … dưới 5 điểm thì …": a condition's bound, not a count of anything
            if _PER_UNIT_AFTER.search(text[:figure.start]):
                continue  # "vượt 1 người/1 đơn vị": what a rate is per, not a count of units
            change = _change(text, figure) if figure.kind == COUNT else None
            if change is not None and not measure:  # "giảm số ban quản lý dự án từ 70 xuống 41": the noun before
                verb, measure, asked = change
                prefix = ""
            if _CHANGE_FROM.match(text[figure.end:]) and _ROUNDED.search(text[:figure.start]) is None and \
                    re.search(r"\btừ\s*$", text[:figure.start]):
                continue  # "từ 401 … xuống còn 208": the figure it went from is said with the one it went to
            noun_before = not measure and figure.kind == COUNT
            if noun_before:
                # "số thí sinh đăng ký dự thi … năm 2015 của thành phố là trên 4.500, …": what is counted said
                # before the figure, no noun after it
                measure, asked = _counted_before(text, figure, counted)
                verb, prefix = ("", "") if measure else (verb, prefix)  # (what there is: no act around it)
            if noun_before and not measure and _TOTAL_OF.search(text[:figure.start]):
                # "trong tổng số 168 công chức cấp xã được tuyển dụng có 87 …": the whole, its noun after it
                measure = _measure(text, figure, total=True)
                asked = _asked(text, figure, measure, owner) if measure else ""
            if not measure:
                continue
            in_list = listed or bool(re.search(r"\d[\d.,/]*\s+[^\d,;]+\s+và\s*$", text[:figure.start]))
            if figure.kind == COUNT and previous and in_list and asked == measure:
                measure = asked = _parallel(first_item or previous[0], measure)  # "3 người xếp loại yếu, 24 người …"
            if figure.kind == COUNT:
                first_item = first_item if previous and in_list else measure
                previous = (measure, asked, verb, prefix)
            base = held[1] if place == home else place
            who = owner or _subject(text, figure, place, base)
            if place == home and who not in (held[1], short_place(place)):
                held = (st.paragraph, who)
            questions = _questions(text, figure, asked, who, time, verb, prefix, said if named or group else measure)
            if noun_before or group:  # its clause asked back names what it counts: "… số cấp phó vượt … là bao nhiêu?"
                questions = [re.sub(rf"\blà bao nhiêu {re.escape(asked)}\?$", "là bao nhiêu?", q) for q in questions]
            spent_on = _spent_on(text, figure, measure)
            if spent_on and questions:  # "chi 2.342 tỷ đồng để chi thu nhập tăng thêm": asked with what it is for
                questions = [questions[0], _capital(f"{who} {verb or 'chi'} bao nhiêu {measure} {spent_on}?"),
                             *questions[1:]]
            if figure.kind == PERCENT and measure and previous and previous[0] not in _GENERAL_STAFF and \
                    _ATTAINED.search(text[:figure.start]):
                # "đã tinh giản 164/213 biên chế, đạt hơn 76% kế hoạch": the share of the plan the count before it
                # reaches, asked with that count (two such shares of one article would otherwise read alike)
                questions = [_capital(f"{who} {previous[2] or 'có'} {previous[0]} đạt bao nhiêu phần trăm {measure}?"),
                             *questions]
            if _is_money(measure):  # a sum is spent or needed; nobody asks how many tỷ đồng a province "has"
                spent = [q for q in questions
                         if f" có bao nhiêu {measure}" not in q and not q.startswith(f"Số {measure}")]
                questions = spent if len(spent) >= 2 else questions
            if change is not None:  # asked as the change it ends, and as what there is after it
                went_to = _CHANGE_TO.search(text[:figure.start])
                down = "xuống" in went_to.group(0)
                went = change[0] or ("giảm" if down else "tăng")
                # ("sắp xếp 138 ban chỉ đạo, giảm xuống còn 93 ban": what was merged, said in full)
                noun = change[1] if went_to.group("merged") and change[1].startswith(f"{measure} ") else \
                    asked if change[1] == measure else measure
                questions = [_capital(f"{who} {went} {noun} từ bao nhiêu {'xuống còn' if down else 'lên'} bao nhiêu?"),
                             _capital(f"Số {noun} của {who} {went} từ bao nhiêu {'xuống' if down else 'lên'} "
                                      f"bao nhiêu?"),
                             _capital(f"{who} {'còn' if down else 'có'} bao nhiêu {noun}?")]
            if _STAFF.issuperset(re.split(r",\s*|\s+và\s+", asked)) and verb in _LISTING:
                # "Đà Nẵng có bao nhiêu người?" fits any count of its staff: asked so only of a sentence saying that
                # is what it has ("Nghệ An hiện có hơn 3.700 công chức"), never of some of them ("hoàn thành nhiệm vụ
                # 70.000 người", "khối … đoàn thể có 69 người", "không quá 3 người"), and then last
                has = fold(f"{who} có bao nhiêu {asked}?")  # (with a time before it too: "Tính đến 30/11/2016 …")
                vague = {q for q in questions if fold(q).endswith(has) or _asks_only_staff(q, who, asked)}
                whole_staff = bool(group) or _states_headcount(text, figure, asked, who)
                questions = [*(q for q in questions if q not in vague),
                             *(q for q in questions if q in vague and whole_staff)]
                # (none left: its clause asked back with all it says, "Bao nhiêu trường hợp đã được bổ nhiệm …?")
                questions = questions or _fallback_questions(text, figure, who, "bao nhiêu")
                if len(questions) == 1:  # (its own clause asked back, the one way left: asked twice, as typed)
                    questions.append(f"{questions[0].rstrip('?')} vậy?")
                if not questions:
                    continue
            topic = _topic_of(text, figure)
            if topic:
                questions = _within(questions, topic, who)
            elif (_whole(text[:figure.start]) or _TOTAL_BEFORE.search(text[:figure.start])
                  or _PARTS_AFTER.match(text[figure.end:])) and \
                    questions[0].startswith(f"{who} ") and \
                    " bao nhiêu " in questions[0]:  # "toàn TP đã giảm …": the total, asked as one
                questions = [*questions, questions[0].replace(" bao nhiêu ", " tổng cộng bao nhiêu ", 1)]
            if year and time.startswith("theo bài viết") and questions[0].startswith(f"{who} "):
                questions = [*questions, f"Năm {year} {questions[0]}"]  # the article's one year
            # A figure asked as another of its sentence is (same noun, same verb) keeps only its own phrasings:
            # its clause asked back ("… quý I/2019 tinh giản được bao nhiêu biên chế?"), two ways.
            own = [q for q in questions if q not in asked_seen]
            if len(own) == 1 and own[0].startswith("Tại ") and ", " in own[0]:
                said = own[0][len("Tại "):].split(", ", 1)
                own.append(_capital(f"{said[1].rstrip('?')} ở {said[0]}?"))
            if len(own) < 2:
                continue  # nothing to ask it by that another fact of the same sentence does not answer
            questions = own
            asked_seen.update(questions)
            facts.append({"place": place, "unit": who if who != short_place(place) else base, "time": time,
                          "measure": measure, "answer": _answer(f"{whole} {st.quote}" if whole else st.quote, time,
                                                                place, base),
                          "quote": _copy(quote), "questions": questions, "tags": [], "value": _number(figure.value),
                          "rounded": (_ROUNDED.search(text[: figure.start]) or [""])[0].strip().lower()})
            made += 1
        if not made:  # no measured figure: the first figure a question can be made for, if any
            found = _figures_of(text)
            for figure in sorted(found, key=lambda f: not f.is_quantity)[:MAX_FIGURES_PER_SENTENCE]:
                place = finder.place_of(text, figure, home) or where[1]
                base = held[1] if place == home else place
                who = _owner(text, figure, place) or _subject(text, figure, place, base)
                questions = _questions(text, figure, "", who, time, _verb(text, figure, place))
                if questions:
                    facts.append({"place": place, "unit": who if who != short_place(place) else base,
                                  "time": time, "answer": _answer(st.quote, time, place, base), "quote": _copy(quote),
                                  "questions": questions, "tags": []})
                    break
    return facts


def _copy(quote: str | list[str]) -> str | list[str]:
    """A fact's own copy of its quotes (facts sharing one list would be written with YAML anchors)."""
    return list(quote) if isinstance(quote, list) else quote


def _field_names(sentence: str) -> str:
    """A sentence with the offices named by their fields read as one name ("Sở Lao động, Thương binh và Xã hội" ->
    "Sở Lao động - Thương binh và Xã hội"): its commas would end the name and cut a clause in two."""
    return _FIELDS.sub(r"\1 - ", sentence)


def _parts(sentence: str, found: list[figures.Figure]) -> list[figures.Figure]:
    """The figures a sentence gives facts by: a part of a total ("giảm 17/82 Phó Giám đốc", "17 trên tổng số 82
    …") is one figure, the part, reaching over its total to the noun both count; the total is said with it. So
    is a range ("từ 260 - 693 người")."""
    out: list[figures.Figure] = []
    k = 0
    while k < len(found):
        figure = found[k]
        following = found[k + 1] if k + 1 < len(found) else None
        between = sentence[figure.end:following.start] if following is not None else ""
        if following is not None and figure.kind == following.kind == COUNT and _PART_OF.fullmatch(between) and \
                (_number(figure.value) < _number(following.value) or between.strip() == "/"):
            out.append(replace(figure, end=following.end))
            k += 2
            continue
        if following is not None and figure.kind == following.kind == COUNT and _RANGE.fullmatch(between) and \
                _number(figure.value) < _number(following.value):
            # "giảm từ 260 - 693 người": one figure, a range, counted as its upper end (a headline's "dư 60 người" of
            # "khoảng 50-60 cán bộ" is the same count)
            out.append(replace(figure, end=following.end, value=following.value))
            k += 2
            continue
        out.append(figure)
        k += 1
    return out


# "từ 70 xuống 41", and what was merged from so many down to so many ("sáp nhập 805 trường xuống còn 703 trường",
# "sắp xếp 138 ban chỉ đạo, giảm xuống còn 93 ban"); never "giảm 63 người xuống còn …", whose 63 is the change
_CHANGE_TO = re.compile(r"(?:\btừ|\b(?P<merged>sáp nhập|hợp nhất|sắp xếp|gộp|thu gọn)(?:\s+lại)?)\s+"
                        r"(?:hơn |gần |khoảng )?(?P<from>\d[\d.,]*)(?:\s+(?P<noun>[^\d,;()]{1,40}?))?"
                        r"(?(merged),?\s+(?:giảm\s+)?|\s+)(?:xuống|lên)\s+(?:còn\s+|mức\s+)?$")
_CHANGE_FROM = re.compile(r"(?:\s+[^\d,;()]{1,40}?)?\s+(?:xuống|lên)\s+(?:còn\s+|mức\s+)?(?:hơn |gần |khoảng )?\d")


def _parallel(first: str, item: str) -> str:
    """A listed item's measure said in full as the list's first item says it ("người xếp loại yếu", "người trung
    bình" -> "người xếp loại trung bình"): the words between the first item's head and its last word, which the
    list says once, put after the item's head."""
    said, own = first.split(), item.split()
    middle = said[1:-1]
    if len(said) >= 3 and 2 <= len(own) <= 3 and said[0] == own[0] and not set(middle) & set(own[1:]):
        return " ".join([own[0], *middle, *own[1:]])
    return item


def _threshold(sentence: str, figure: figures.Figure) -> bool:
    """Whether a figure is the bound of a condition ("nếu có điểm sát hạch dưới 5 điểm thì …", "… trên 60 tuổi
    thì …"), not a count: a bound word before it, and "nếu"/"khi" before in its clause or "thì" after it."""
    before = re.split(r"[,;:(]", sentence[:figure.start])[-1]
    if not re.search(r"(?i)\b(?:dưới|trên|quá|từ|đủ|đạt)\s*$", before):
        return False
    return bool(re.search(r"(?i)\b(?:nếu|khi)\b", before) or
                re.match(r"[^,;.]*\bthì\b", sentence[figure.end:]))


def _change(sentence: str, figure: figures.Figure) -> tuple[str, str, str] | None:
    """A figure something went to ("giảm số ban quản lý dự án trên địa bàn từ 70 xuống 41", "Các ban quản lý dự
    án thuộc TP cũng được giảm từ 26 xuống 5"): the verb, the noun the change is of, said before it — between
    the verb and "từ", else the clause's subject — and that noun with what it says of it ("ban quản lý dự án
    thuộc TP"); None when the figure ends no change or no noun is said."""
    m = _CHANGE_TO.search(sentence[:figure.start])
    if m is None:
        return None
    if m.group("merged"):  # what was merged is the noun said after the count it was merged from
        noun = (m.group("noun") or "").split()[:MEASURE_WORDS]
        return (m.group("merged"), " ".join(noun), " ".join(noun)) if noun and all(w.isalpha() for w in noun) \
            else None
    clause = re.split(r"[,;:(“”\"]", sentence[:m.start()])[-1].split()
    low = [w.lower() for w in clause]
    at = next((i for i in range(len(low) - 1, -1, -1) for n in (2, 1) if " ".join(low[i:i + n]) in _VERBS and
               " ".join(low[i:i + n]) not in _LOOSE_VERBS), None)
    verb = low[at] if at is not None else ""
    start, end = (at + 1, len(low)) if at is not None and at + 1 < len(low) else (0, at or len(low))
    while start < end and low[start] in _DETERMINERS | {"số", "tổng"} | _AUXILIARIES:
        start += 1
    words = low[start:end]
    cut = next((i for i, w in enumerate(words) if i and w in _LINKS | _AUXILIARIES), len(words))
    noun = words[:min(cut, MEASURE_WORDS)]
    if not noun or not all(w.isalpha() for w in noun) or noun[0] in _VERBS or " ".join(noun[:2]) in _VERBS:
        return None
    said = clause[start:min(end, start + QUALIFIER_WORDS)]  # "… trên địa bàn", "… thuộc TP": told apart
    while said and said[-1].lower() in (_LINKS | _AUXILIARIES | _DETERMINERS | _MEASURE_END) - _ADMIN_WORDS - {"tp"}:
        said.pop()
    return verb, " ".join(noun), " ".join(said) or " ".join(noun)


_WHOLE = re.compile(r"(?i)\b(?:toàn (?:TP|tỉnh|thành phố|huyện|quận|ngành|bộ|quốc)|cả (?:tỉnh|nước|thành phố)|"
                    r"tổng cộng|"
                    r"tổng số)\b")
_DOCUMENT_NAME = re.compile(r"\s*(?:(?:của|thuộc|theo)\s+)?((?:Đề án|Dự án|Chương trình|Nghị quyết|Quyết định|Kế hoạch|"
                            r"Chỉ thị|Nghị định|Thông tư|Kết luận)\s+(?:số\s+)?\d[\w/.-]*\w)")
_FIELDS = re.compile(rf"(\b(?:Sở|Bộ) {_UPPER}\w* \w+),\s+(?!(?:Sở|Bộ|UBND|Ủy|Uỷ|Phòng|Ban|Cục|Chi|Trung|Văn|Thanh)\s)"
                     rf"(?={_UPPER}\w*(?: \w+){{0,3}} và {_UPPER})")
_PARTS_AFTER = re.compile(r"[^,;.()]{0,40},\s*trong (?:số )?đó\b", re.IGNORECASE)  # "9 người, trong đó …": a whole
# "trong tổng số 168 công chức … có 87 …": the whole its parts are counted within (a count, not a number like "số
# 12"; "có tổng số 10.661 biên chế" is asked back as the sentence says it)
_TOTAL_OF = re.compile(r"(?i)\btrong tổng số\s*$")
_TOTAL_BEFORE = re.compile(r"(?i)(?:trong|trên)\s+(?:tổng\s+)?số\s*$")  # "một nửa trong số 46 người": a total
_TOPIC = re.compile(r"(?:^|,\s)(?:(?:[Rr]iêng|[Cc]òn|[Cc]ụ thể)\s+)?(?:[Ởở]|[Tt]ại|[Đđ]ối với|[Rr]iêng|[Vv]ề)\s+"
                    r"(?=(?:khối|ngành|lĩnh vực|nhóm|"
                    r"hệ thống|cấp|các)\s)|^(?=(?:Khối|Ngành|Lĩnh vực)\s)")
# Words a clause opens with after a topic ("Ở khối …, | sau sắp xếp đã giảm …"): the topic ends before them.
_CLAUSE_OPENERS = {"sau", "đến", "dự", "đã", "tính", "trong", "hiện", "năm", "giảm", "tăng", "có", "qua", "từ", "tới",
                   "theo", "thì", "sẽ", "cũng", "vừa", "mới", "đang", "toàn"}


def _whole(head: str) -> bool:
    """Whether the words before a figure say it is the whole ("toàn TP đã giảm …", "cả nước giảm …"), and not a
    part of it listed after "trong đó"."""
    found = list(_WHOLE.finditer(head))
    # ("trong tổng số 168 công chức … có 87 trường hợp …": the whole is the figure said right after "tổng số")
    return bool(found) and not re.search(r"(?i)\btrong (?:số )?đó\b|\bgồm\b|\bbao gồm\b|^\s*\d",
                                         head[found[-1].end():])


def _topic_of(sentence: str, figure: figures.Figure) -> str:
    """The part of a body a figure is about, as its sentence opens it ("Ở khối các cơ quan Đảng, MTTQ, tổ chức
    chính trị xã hội của TP, sau sắp xếp … giảm 20 …" -> "khối các cơ quan Đảng, MTTQ, tổ chức chính trị xã
    hội"; "Khối cơ quan chính quyền sẽ giảm 704 …" -> "khối cơ quan chính quyền"); '' when none is said. A
    topic in the figure's own part of the sentence (between semicolons) holds over one opening the sentence."""
    own = sentence.rfind(";", 0, figure.start) + 1
    head = sentence[:figure.start]
    m = None
    for start in (own, 0):
        m = _TOPIC.search(head, start) if start < len(head) else None
        if m is not None and (start == 0 or m.start() >= own):
            break
    if m is None or (own and m.start() < own and _TOPIC.search(sentence[own:figure.start])):
        return ""
    segment = sentence[own:figure.end].lstrip()
    if own and m.start() < own and not _TIME_PHRASE.match(segment) and \
            not re.match(r"(?:\w+\s+){1,3}?(?:được\s+|hơn\s+|gần\s+|khoảng\s+)?\d", segment):
        return ""  # "…; giảm số ban quản lý dự án …": a part of its own, not the enumeration the topic opened
    parts = re.split(r",\s+", head[m.end():].split(";")[0])
    kept: list[str] = []
    for part in parts:
        words = part.split()
        if not words or (kept and (words[0].lower() in _CLAUSE_OPENERS or any(c.isdigit() for c in part))):
            break
        if not kept and not m.group(0):
            ends = next((i for i, w in enumerate(words) if i and w.lower() in _CLAUSE_OPENERS | _AUXILIARIES), None)
            kept.append(" ".join(words[:ends]))  # "Khối cơ quan chính quyền | sẽ giảm …": its subject
            break
        kept.append(part)
    topic = re.sub(r"\s+(?:của|thuộc)\s+(?:TP|thành phố|tỉnh|huyện)\.?$", "", ", ".join(kept).strip())
    words = topic.split()
    if not 2 <= len(words) <= TOPIC_MAX_WORDS or any(c.isdigit() for c in topic):
        return ""
    return topic[0].lower() + topic[1:]


def _within(questions: list[str], topic: str, who: str) -> list[str]:
    """A figure's phrasings asked of the part of `who` it is about ("Hà Nội giảm bao nhiêu …?" -> "Khối các cơ
    quan Đảng, … của Hà Nội giảm bao nhiêu …?", its head alone when all of it is too long); a phrasing that
    cannot say the part within a typed question's length is dropped (it would ask for the whole), one that does
    not name `who` kept as it is."""
    short = topic.split(", ")[0]  # "khối các cơ quan Đảng": the topic's head
    out = []
    for q in questions:
        said = _within_one(q, topic, who)
        if said == "" and short != topic:
            said = _within_one(q, short, who)
        if said is None:
            out.append(q)
        elif said:
            out.append(said)
    return out or questions


def _within_one(q: str, topic: str, who: str) -> str | None:
    """One phrasing asked of the part `topic` of `who`; '' when that makes it longer than a typed question, None
    when it does not name `who` as the subject."""
    if len(topic.split()) < 2 or _plain(topic) in _plain(q):
        return None if len(topic.split()) < 2 else q  # it says the topic already (the sentence's own words)
    m = re.match(rf"((?:Năm (?:19|20)\d{{2}} )?){re.escape(who)} ", q)
    of = re.search(rf"\bcủa {re.escape(who)}\b", q)
    if m is not None:
        said = f"{m.group(1)}{topic} của {who} {q[m.end():]}"
    elif q.startswith(f"Tại {who}, "):  # the sentence's clause asked back: the part opens it
        said = f"Ở {topic} của {who}, {q[len(f'Tại {who}, '):]}"
    elif of is not None:  # "Tỷ lệ … của Hà Nội là bao nhiêu?"
        said = f"{q[:of.start()]}của {topic} ở {who}{q[of.end():]}"
    else:
        return None
    return _capital(said) if len(said.split()) <= PHRASING_WORDS else ""


def _compared(text: str, measure: str) -> str:
    """A share asked with what it is of ("giảm 10% so với biên chế được giao năm 2015" -> "biên chế so với số
    được giao năm 2015"): the comparison up to the next punctuation, its noun said once."""
    words = re.split(r"[,;:.()“”\"]", text)[0].split()[:COMPARED_WORDS]
    while words and words[-1].lower() in _LINKS | _AUXILIARIES - {"năm"}:
        words.pop()
    said = " ".join(words)
    if said.lower().startswith(measure + " "):
        said = "số " + said[len(measure) + 1:]
    return f"{measure} so với {said}" if said and said.lower() != measure else measure


def _answer(quote: str, time: str, place: str, unit: str) -> str:
    """A statement's answer: the sentence, its time said first when it does not say it, and whom it is about
    in brackets when it does not name them."""
    said = quote.rstrip(" .;,:")
    named = any(_plain(said).startswith(_plain(n)) for n in (place, short_place(place), unit) if n)
    body = _lower_first(said) if time and fold(time) not in fold(said) and not named else said
    where = "" if _names_subject(quote, unit, place) else f" ({unit})"
    head = "" if fold(time) in fold(quote) else f"{time[0].upper()}{time[1:]}, "
    return f"{head}{body}{where}."


# Words before a national body that make it the source, owner or addressee of what is said, not its subject
# ("quyết định của Bộ Nội vụ", "chuyển cho Bộ Công Thương", "báo cáo trước Quốc hội", "gửi Bộ Nội vụ").
# A title before it ("Phó Chủ tịch Quốc hội", "Bộ trưởng Bộ Nội vụ") names whom a speaker works for.
_NOT_SUBJECT = {"cho", "trước", "với", "tới", "lên", "gửi", "về", "từ", "tịch", "trưởng", "đốc", "thư"}
# A document "of" a national body is its source ("số giao của Bộ Nội vụ"); a person "of" it works there.
_DOCUMENTS = re.compile(r"(?:quyết định|số giao|kết luận|công văn|nghị định|văn bản|thông báo|báo cáo|hướng dẫn|"
                        r"chỉ đạo|yêu cầu|đề nghị|quy định|thanh tra|kiểm tra|chủ trương|kế hoạch|đề án|thông tư|"
                        r"chỉ thị|nghị quyết|phê duyệt|giao)(?:\s+\S+){0,3}\s+của\s*$")


def _not_subject(before: str) -> bool:
    """Whether the words before a national body make it the source, owner or addressee of what is said."""
    words = before.split()
    return bool(words) and (words[-1] in _NOT_SUBJECT or bool(_DOCUMENTS.search(" ".join(words[-6:]))))


class _PlaceFinder:
    """The places and national bodies of the gazetteer, looked for in the part of a sentence a figure is in."""

    def __init__(self, kb: KnowledgeBase):
        self.patterns = []
        for p in kb.places:
            if p.kind == "unit" and not p.national:
                continue  # "Sở Nội vụ": an office every province has, not a place
            forms = sorted({_toned(f) for f in (p.name, *p.variants)} - {""}, key=len, reverse=True)
            alternatives = "|".join(re.escape(f) for f in forms)
            self.patterns.append((p.name, p.national, re.compile(rf"(?<![\w&-])(?:{alternatives})(?![\w&-])")))
        self.blocked = [_toned(c).split() for c in kb.place_compounds]  # "cán bộ y tế" is not "Bộ Y tế"
        self.known = {name for name, _, _ in self.patterns}
        self.national = {name for name, national, _ in self.patterns if national}

    def named(self, text: str) -> list[str]:
        """The places a text names as what it is about: not a national body acting on another ("Thanh tra Bộ
        Nội vụ kết luận"), nor one a figure is only attributed to ("theo Bộ Nội vụ")."""
        toned = _toned(text)  # with its tone marks: "cào bằng" is no "Cao Bằng"
        found = []
        for name, national, pattern in self.patterns:
            for m in pattern.finditer(toned):
                before = toned[max(0, m.start() - 12):m.start()].split()
                if before[-1:] + [m.group(0).split()[0]] in self.blocked or before[-1:] == ["theo"] or \
                        (national and (_acting(toned, m) or _not_subject(toned[:m.start()]))):
                    continue
                found.append(name)
                break
        return found

    def place_of(self, sentence: str, figure: figures.Figure, home: str) -> str:
        """The place a figure is about as its part of the sentence (between semicolons) names it: the one
        place named when that is not the article's own, the article's place `home` when it is named too or
        several are; '' when none is named."""
        start = sentence.rfind(";", 0, figure.start) + 1
        end = sentence.find(";", figure.end)
        part = sentence[start:end if end >= 0 else len(sentence)]
        named = set(self.named(part))
        known = home in self.known  # a body acting on another ("Kiểm toán Nhà nước phát hiện tại tỉnh …") is not it
        if home and (home in named if known else
                     re.search(rf"(?<![\w&-]){re.escape(_toned(home))}(?![\w&-])", _toned(part))):
            return home
        if not named:
            return ""
        return named.pop() if len(named) == 1 else home


def _number(value: str) -> float:
    """A figure's canonical value as a number (0 when it is not one)."""
    try:
        return float(value)
    except ValueError:
        return 0.0


def _staff(measure: str) -> bool:
    """Whether a measure counts staff ("cán bộ", "viên chức", "người làm việc"): such counts may be the same one."""
    return any(measure == noun or measure.startswith(noun + " ") for noun in _STAFF)


def _with_exact_figure(headline: dict, body: list[dict]) -> dict:
    """A headline's fact ("Hơn 20 cán bộ … phải tuyển dụng lại") with the body's sentence giving the same measure
    exactly ("… 23 cán bộ …") as a second quote, its answer stating both: the headline rounds, the body counts."""
    value, measure = headline.get("value"), headline.get("measure", "")
    if not headline.get("rounded") or not value:
        return headline
    above = headline["rounded"] in ("hơn", "trên", "tới")  # "hơn 20": the count is above 20; "gần": below
    below = headline["rounded"] in ("gần", "dưới")
    restated = {_quoted(fact)[-1] for fact in body if fact.get("value") == value}  # the lead saying it again
    for fact in body:
        same = fact.get("measure") == measure or (_staff(fact.get("measure", "")) and _staff(measure))
        counted = fact.get("value") or 0
        said = _quoted(fact)[-1]  # (the sentence saying the figure, after any it is dated by)
        if same and said not in restated and 0 < abs(counted - value) <= ROUNDING * value and \
                not (above and counted < value) and not (below and counted > value):
            return {**headline, "quote": [headline["quote"], *_quoted(fact)], "exact": counted,
                    "answer": f"{headline['answer'].rstrip('.')}; {_lower_first(said.rstrip(' .'))}."}
    return headline


def _told_apart(facts: list[dict]) -> list[dict]:
    """Facts of one article opening with the same phrasing ("Hà Nội có bao nhiêu người?" of two sentences): each
    later one opens with a phrasing of its own, the one a clarifying choice offers; two choices worded alike
    cannot be told apart, and only one would be offered. Facts with no phrasing of their own open with their
    first one asked of what their sentence alone says ("Biên chế công chức của TP HCM giảm còn bao nhiêu
    người?", "Lượng người làm việc của TP HCM …"), when it says one."""
    seen: set[str] = set()
    firsts = [f["questions"][0] for f in facts]  # (as drafted: a fact told apart below still opened alike)
    for fact, first in zip(facts, firsts):
        alike = [g for g, opened in zip(facts, firsts) if g is not fact and opened == first]
        if alike:
            others = {q for g in facts if g is not fact for q in g["questions"]}
            own = next((q for q in fact["questions"][1:] if q not in others and q not in seen), None)
            if own is None:
                own = _asked_apart(fact, [_quoted(g)[-1] for g in alike], others | seen)
            # (a phrasing of its own it has opens a later one only; one asked apart opens each of them)
            if own is not None and (first in seen or own not in fact["questions"]):
                fact["questions"] = [own, *(q for q in fact["questions"] if q != own)]
        seen.add(fact["questions"][0])
    return facts


def _asked_apart(fact: dict, others: list[str], taken: set[str]) -> str | None:
    """A fact's first phrasing asked of what its own sentence says and the others' do not, or None."""
    part = _set_apart(_quoted(fact)[-1], others)
    if not part:
        return None
    for who in dict.fromkeys((short_place(fact["place"]), fact["unit"])):
        asked = _within_one(fact["questions"][0], part[0].lower() + part[1:], who)
        if asked and asked not in taken:
            return asked
    return None


def _set_apart(quote: str, others: list[str]) -> str:
    """The longest run of words, two or more, a sentence has and the others do not (a word they have too allowed
    between two of its own: "lượng người làm việc" beside "biên chế công chức"); '' when none."""
    said = {w.lower() for o in others for w in re.findall(r"\w+", o)}
    words = re.findall(r"[^\W\d_]+|\S", quote)  # (a figure or a mark ends a run)
    best: list[str] = []
    run: list[str] = []
    for k, word in enumerate(words):
        own = word[0].isalpha() and word.lower() not in said
        after = words[k + 1] if k + 1 < len(words) else ""
        if own or (run and word[0].isalpha() and after[:1].isalpha() and after.lower() not in said):
            run.append(word)
            continue
        best, run = max(best, run, key=len), []
    best = max(best, run, key=len)
    # (a common noun phrase, not a clause nor a name: "ngang bộ sau sắp xếp lại còn" says when and how, "bà
    # Nguyễn Thị Thu Ngà" who spoke; neither is what is counted)
    if not 2 <= len(best) <= TOPIC_MAX_WORDS or any(w.lower() in _AUXILIARIES | _LINKS | _VERBS or w[0].isupper()
                                                    for w in best):
        return ""
    return " ".join(best)


def _unshared(facts: list[dict]) -> list[dict]:
    """A phrasing two facts of one article give with different figures ("Sở … có bao nhiêu phó giám đốc?" of its
    8 deputies and of the 4 above the limit) stays only with the fact that asks it first (ranks it higher, the
    earlier fact on a tie): the other fact is asked by its own words, not by a question meaning its neighbour."""
    first: dict[str, tuple[int, int]] = {}  # phrasing -> (its rank, the fact) where it is asked first
    for n, fact in enumerate(facts):
        for rank, q in enumerate(fact["questions"]):
            if q not in first or rank < first[q][0]:
                first[q] = (rank, n)
    # ...but one asking only how many of something its subject has ("Quảng Ninh có bao nhiêu sở?" of 17 sở, of 5
    # sở with too many deputies, of 2 sở with two) asks the whole: the largest count, whichever fact asks it first
    whole: dict[str, int] = {}
    for n, fact in enumerate(facts):
        for q in fact["questions"]:
            if _ONLY_HOW_MANY.match(q) and fact.get("value") is not None and (
                    q not in whole or fact["value"] > facts[whole[q]]["value"]):
                whole[q] = n
    first.update({q: (-1, n) for q, n in whole.items()})
    for n, fact in enumerate(facts):
        own = [q for q in fact["questions"] if first[q][1] == n or _one_count(facts[first[q][1]], fact)]
        if len(own) >= 2:
            fact["questions"] = own
            continue
        kept = [q for q in fact["questions"] if q not in whole or whole[q] == n or _one_count(facts[whole[q]], fact)]
        if len(kept) >= 2:  # (a part keeps its other phrasings, never the whole's, while it keeps two)
            fact["questions"] = kept
    return facts


_ONLY_HOW_MANY = re.compile(r"^[^,?]+ có bao nhiêu [^,?]+\?$")  # "Quảng Ninh có bao nhiêu sở?"


def _one_count(a: dict, b: dict) -> bool:
    """Whether two facts give one figure: the same value, or a rounded one and the count it rounds ("hơn 100" and
    105)."""
    x, y = a.get("value"), b.get("value")
    if x is None or y is None or x == y:
        return x == y
    return bool(a.get("rounded") or b.get("rounded")) and abs(x - y) <= ROUNDING * max(x, y)


def _restated(headline: list[dict], body: list[dict]) -> tuple[list[dict], list[dict]]:
    """A headline figure the body states again exactly ("giảm 17/82 Phó Giám đốc Sở" and "… đã giảm được 17 trên
    tổng số 82 Phó Giám đốc"; "thêm 7 biên chế cho huyện Hoàng Sa" and "… tăng 7 chỉ tiêu với UBND huyện đảo
    Hoàng Sa"): one fact quoting them all, answered with the headline and the body's sentences, asked by the
    phrasings of all, at the body's time; separate facts would be one answer offered as a choice."""
    merged, dropped = [], set()
    for fact in headline:
        value = fact.get("value")
        same = [i for i, b in enumerate(body) if value and not fact.get("rounded") and i not in dropped and
                b.get("value") == value and b["place"] == fact["place"] and _restates(fact, b)][:RESTATED]
        if not same or not isinstance(fact["quote"], str):
            merged.append(fact)
            continue
        dropped.update(same)
        others = [body[i] for i in same]
        lists = [fact["questions"], *(o["questions"] for o in others)]  # each one's best phrasings first
        asked = list(dict.fromkeys(q for k in range(max(map(len, lists))) for qs in lists for q in qs[k:k + 1]))
        answer = "; ".join([fact["answer"].rstrip("."), *(_lower_first(_quoted(o)[-1].rstrip(" .")) for o in others)])
        merged.append({**others[0], "quote": [fact["quote"], *(q for o in others for q in _quoted(o))],
                       "questions": asked[:MAX_QUESTIONS], "answer": answer + "."})
    return merged, [b for i, b in enumerate(body) if i not in dropped]


def _quoted(fact: dict) -> list[str]:
    """A drafted fact's quoted sentences: one, or those a figure is dated by and said in."""
    return [fact["quote"]] if isinstance(fact["quote"], str) else list(fact["quote"])


def _deduplicated(facts: list[dict]) -> list[dict]:
    """Facts restating a figure an earlier sentence gave ("Sở … có 46 biên chế thì 44 người mang chức danh
    trưởng, phó phòng" … "có 46 biên chế thì 44 người làm công tác quản lý"): the same count of the same thing
    (see _same_count) is one fact asked by the phrasings of both, quoting both (up to three sentences); two would
    be one answer offered as a choice."""
    kept: list[dict] = []
    values: dict[str, set[str]] = {}  # a sentence's quantities, found once

    def of(quote: str) -> set[str]:
        if quote not in values:
            values[quote] = {f.value for f in _quantities(quote)}
        return values[quote]

    for fact in facts:
        quote = _quoted(fact)[-1]  # the sentence giving the figure (after one it is dated by)
        value = fact.get("value")
        same = next((k for k in kept if value and value in (k.get("value"), k.get("exact")) and quote and
                     k["place"] == fact["place"] and quote not in _quoted(k) and
                     _same_count(k.get("measure", ""), fact.get("measure", ""),
                                 _distinctive(value) or any(len(of(q) & of(quote)) >= 2 for q in _quoted(k)))),
                    None) or \
            next((k for k in kept if k.get("rounded") and quote in _quoted(k)[1:] and k["place"] == fact["place"] and
                  _same_count(k.get("measure", ""), fact.get("measure", ""), True)), None)  # "hơn 900" = its 930
        if same is None:
            kept.append(fact)
            continue
        lists = [same["questions"], fact["questions"]]
        asked = list(dict.fromkeys(q for i in range(max(map(len, lists))) for qs in lists for q in qs[i:i + 1]))
        same["questions"] = asked[:MAX_QUESTIONS]
        if quote not in _quoted(same) and len(_quoted(same)) < RESTATED + 1:
            same.update(quote=[*_quoted(same), quote],
                        answer=f"{same['answer'].rstrip('.')}; {_lower_first(quote.rstrip(' .'))}.")
    return kept


def _distinctive(value: float) -> bool:
    """Whether a count is too particular to be given twice by chance ("57.175 người"): four digits or more, not
    round."""
    return value >= 1000 and value % 100 != 0


def _same_count(measure: str, other: str, with_another: bool) -> bool:
    """Whether two facts giving one figure count the same: one specific measure ("ban quản lý dự án", its words
    but the last two alike); or people ("người", "trường hợp": the same figure of them is chance unless the
    sentences share another figure too)."""
    a, b = measure.split(), other.split()
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    if common >= max(2, min(len(a), len(b)) - 2) and not _staff(measure):
        return True  # "trung tâm dạy nghề cấp (huyện)", "trung tâm dạy nghề (giúp …)": one noun, cut two ways
    return with_another and (measure == other or (_staff(measure) and _staff(other)))


def _restates(headline: dict, fact: dict) -> bool:
    """Whether a body fact giving a headline's figure says what the headline says: the same measure, both staff
    counts, or most of the headline's own words in its sentence."""
    if fact.get("measure") == headline.get("measure") or (_staff(fact.get("measure", "")) and
                                                          _staff(headline.get("measure", ""))):
        return True
    place = set(_plain(headline["place"]).split())
    said = [w for w in _plain(headline["quote"]).split() if w.isalpha() and w not in place and
            w not in {fold(x) for x in _AUXILIARIES | _LINKS}]
    body = set(_plain(" ".join(_quoted(fact))).split())
    return bool(said) and sum(w in body for w in said) * 2 >= len(said)


def _time_near(sentence: str, figure: figures.Figure) -> str:
    """The time reference said in a figure's own part of the sentence (between semicolons), the last one
    before the figure, else the first after it; '' if none."""
    start = sentence.rfind(";", 0, figure.start) + 1
    end = sentence.find(";", figure.end)
    found = list(_TIME_PHRASE.finditer(sentence[start:end if end >= 0 else len(sentence)]))
    if not found:
        return ""
    before = [m for m in found if start + m.end() <= figure.start]
    m = before[-1] if before else found[0]
    return m.group(1)[0].lower() + m.group(1)[1:]


def _time_of(quote: str, article: dict) -> str:
    """The statement's time reference: said in it, else the article's date."""
    m = _TIME_PHRASE.search(quote)
    if m:
        return m.group(1)[0].lower() + m.group(1)[1:]
    if article["date"]:
        return f"theo bài viết ngày {dt.date.fromisoformat(article['date']).strftime('%d/%m/%Y')}"
    return "theo bài viết"


def _lower_first(text: str) -> str:
    """A statement continuing a sentence: its first word in lower case unless it is a name or an acronym."""
    first, *rest = text.split(" ", 2)
    if (first.isupper() and len(first) > 1) or (len(first) > 1 and not first[1:].islower()) or \
            not first[:1].isupper() or \
            (rest and rest[0][:1].isupper()):  # "Đà Nẵng …": a name
        return text
    return first[0].lower() + text[1:]


def _names_subject(quote: str, unit: str, place: str) -> bool:
    """Whether a statement names whom it is about (the place, or the unit's distinctive words)."""
    folded = _plain(quote)
    return any(_plain(name) in folded for name in (place, short_place(place), unit))


# "số lượng phó, trưởng phòng của Sở còn 23 người": what a figure of people in general counts, named before it
_NUMBER_OF = re.compile(r"\bsố lượng\s+((?:[^\W\d_]+[ ,]+){0,5}?[^\W\d_]+)\s+(?:của\s+(?:[^\W\d_]+\s+){1,6})?"
                        r"(?:chỉ\s+|hiện\s+|đã\s+)?(?:còn|là|lên đến|lên tới|giảm xuống còn|tăng lên)\s*$",
                        re.IGNORECASE)
_GENERAL_STAFF = {"người", "cán bộ", "công chức", "người làm việc"}
# "số <what> … là (trên) 4.500": a count whose noun comes before it, the sentence naming what it counts
_NUMBER_IS = re.compile(r"\bsố\s+((?:\w+\s+){1,14}?)(?:của\s+(?:[^\W\d_]+\s+){1,4})?là\s+"
                        r"(?:(?:trên|hơn|gần|khoảng|dưới|chỉ)\s+)?$", re.IGNORECASE)
_GROUP_END = {"qua", "các", "những", "được", "đã", "đang", "hiện", "là"}  # ("lao động hợp đồng | qua các năm")
_BEFORE_NOUN_END = {"của", "năm", "tháng", "ngày", "tại", "ở", "trong", "so", "theo", "tính", "đến", "từ"}


def _counted_before(sentence: str, figure: figures.Figure, counted: frozenset[str]) -> tuple[str, str]:
    """A count with no noun after it whose sentence names, after "số", a noun the knowledge counts ("số thí sinh
    đăng ký dự thi tuyển dụng công chức năm 2015 của thành phố là trên 4.500"): its measure ("thí sinh") and what
    is asked, up to when and whose and at most MEASURE_WORDS more ("thí sinh đăng ký dự thi tuyển dụng"); ('', '')
    when the sentence says no such thing."""
    found = _NUMBER_IS.search(sentence[: figure.start])
    words = found.group(1).split() if found else []
    noun = next((words[:n] for n in (2, 1) if len(words) >= n and " ".join(words[:n]).lower() in counted), [])
    if not noun:
        return "", ""  # ("số hoàn thành xuất sắc nhiệm vụ là …", "số liệu …": no noun counted after "số")
    rest: list[str] = []
    for word in words[len(noun):]:
        if word.lower() in _BEFORE_NOUN_END or not word.isalpha() or len(rest) == MEASURE_WORDS:
            break  # "… năm 2015 của thành phố": when and whose, not what
        rest.append(word)
    measure = " ".join(noun).lower()
    return measure, " ".join([measure, *rest]).lower()


# "(Hiện) … có (hơn) N người": what a unit has, right before its people's count (see _states_headcount)
_HAS_BEFORE = re.compile(r"(?:^|\s)(?:hiện\s+(?:nay\s+|tại\s+)?)?(?:chỉ\s+|đang\s+)?(?:có|gồm)\s+"
                         r"(?:(?:hơn|gần|khoảng|trên|chừng)\s+)?$", re.IGNORECASE)
# Staff said before "của <whom> (hiện) là/trên …" and their count ("cán bộ công chức của Hà Nội hiện trên 14.000
# người")
_STAFF_OF = re.compile(r"(?:^|\s)((?:cán bộ|công chức|viên chức|người lao động)(?:(?:,\s*|\s+và\s+|\s+)"
                       r"(?:cán bộ|công chức|viên chức|người lao động))*)\s+của\s+(?:[^\W\d_]+\s+){1,5}?"
                       r"(?:hiện\s+(?:nay\s+)?)?(?:là\s+|có\s+)?(?:(?:trên|hơn|gần|khoảng)\s+)?$", re.IGNORECASE)
# An item of a list of counts right before another ("3.700 công chức và hơn 62.200 …")
_LISTED_BEFORE = re.compile(r"\s(?:(?:hơn|gần|khoảng|trên)\s+)?\d[\d.,]*\s+(?:[^\W\d_]+\s+){1,4}?và\s+"
                            r"(?:(?:hơn|gần|khoảng|trên)\s+)?$", re.IGNORECASE)
# A figure after "<noun>/": what a rate is reckoned per ("1 người/1 đơn vị", "10 triệu đồng/1 người")
_PER_UNIT_AFTER = re.compile(r"[^\W\d_]\s*/\s*$")
# Words that ask how many a unit has, and of when, in a drafted phrasing (see _asks_only_staff)
_ASKING_ONLY = {"tai", "co", "bao", "nhieu", "so", "cua", "la", "vay", "nam", "hien", "tong", "cong", "o"}
# Words a unit's name is said with in the clause before what it has ("Hiện thành phố có …", "toàn tỉnh có …")
_SUBJECT_WORDS = {"hien", "nay", "tai", "toan", "ca", "nuoc", "thanh", "pho", "tinh", "so", "huyen", "quan", "thi",
                  "xa", "nganh", "don", "vi", "co", "ban"}


def _asks_only_staff(question: str, who: str, staff: str) -> bool:
    """Whether a phrasing asks nothing but how many staff a unit has ("Lai Châu có bao nhiêu người?", "Số người của
    … là bao nhiêu?", "Năm 2023 … có bao nhiêu …?", "Tại Sở Y tế Lai Châu, bao nhiêu người lao động?")."""
    words = set(re.findall(r"\w+", fold(question))) - set(re.findall(r"\w+", fold(f"{who} {staff}"))) - _ASKING_ONLY
    return all(w.isdigit() for w in words)


def _clause_before(sentence: str, figure: figures.Figure) -> str:
    """The words of a figure's clause before it: from the last mark before it (not the "." of "3.700")."""
    return re.split(r"[;:()–]|[.,](?!\d)", sentence[:figure.start])[-1]


def _states_headcount(sentence: str, figure: figures.Figure, measure: str, who: str) -> bool:
    """Whether a count of people is the staff of the unit asked about: its clause names no one else before "(hiện)
    có" right before it, and says nothing of them after it ("Hiện thành phố có hơn 11.600 công chức; …", not
    "khối ban Đảng và đoàn thể có 69 người", "phát hiện có khoảng 40 trường hợp xét tuyển không đúng quy định")."""
    # (a list before it read away: "… hiện có hơn 3.700 công chức và hơn | 62.200 viên chức")
    clause = _LISTED_BEFORE.sub(" ", _clause_before(sentence, figure))
    has = _HAS_BEFORE.search(clause)
    subject = set(fold(clause[:has.start()]).split()) if has is not None else set()
    if not subject or not subject <= set(fold(who).split()) | _SUBJECT_WORDS:
        return False  # (no subject in its clause: "…, trong đợt thi tuyển vừa qua, có 40 cán bộ …" is not whose)
    rest = sentence[figure.end:].lstrip()
    rest = rest[len(measure):] if rest.lower().startswith(measure) else rest
    return re.match(r"\s*(?:$|[,;.:()–]|và\s)", rest) is not None


def _counted_group(sentence: str, figure: figures.Figure, counted: frozenset[str]) -> str:
    """The group a count of people is of, named before it: staff "của … (hiện) trên" ("cán bộ công chức của Hà Nội
    hiện trên 14.000 người"), or after "số … là" ("tổng số lao động hợp đồng qua các năm … là 258 người": "lao động
    hợp đồng"), up to the words that say over what, when or whose; '' when none."""
    said = _STAFF_OF.search(_clause_before(sentence, figure))
    if said:  # "cán bộ công chức của Hà Nội hiện trên 14.000 người"
        return said.group(1).lower()
    measure, asked = _counted_before(sentence, figure, counted)
    words = asked.split()
    cut = next((k for k, w in enumerate(words) if k >= len(measure.split()) and w in _GROUP_END), len(words))
    return " ".join(words[:cut])


def _measure(sentence: str, figure: figures.Figure, total: bool = False) -> str:
    """What a figure counts: the noun phrase right after it ("234 lãnh đạo" -> "lãnh đạo", "10% biên chế" ->
    "biên chế"), lower-cased; '' when no noun follows it (`total`: the figure follows "tổng số", a count)."""
    if not total and re.search(r"(?:thứ|(?<!trong )số)\s*$", sentence[: figure.start], re.IGNORECASE):
        return ""  # "đơn vị thứ 2", "Quyết định số 12": a rank or a number, not a count
    after = sentence[figure.end:]
    if figure.kind == PERCENT:
        after = re.sub(r"^\s*(?:%|phần trăm)", "", after)
    words: list[str] = []
    following = after.split()[:MEASURE_WORDS + 2]
    for k, raw in enumerate(following[:MEASURE_WORDS + 1]):
        bare = raw.strip(",.;:!?…“”\"'‘’()")
        low = bare.lower()
        if words and low == "đối" and following[k + 1:k + 2] == ["với"]:
            break  # "7 chỉ tiêu | đối với UBND …" (but "12 đối tượng")
        bound = bool(words) and f"{words[-1]} {low}" in _BOUND  # "đảng bộ khối trực thuộc"
        if not bare or not bare[0].isalpha() or raw[0] in "(“\"'‘" or \
                ((low in _MEASURE_STOP or (words and low in _MEASURE_END)) and not bound):
            break
        if not words and bare.isupper() and len(bare) > 1:
            break  # "12 UBND …": an organisation, not what the figure counts
        title = " ".join([*words, low]) in _TITLE_PREFIXES and all(" ".join(words[:k]) in _TITLE_PREFIXES
                                                                    for k in range(1, len(words) + 1))
        if words and not title and (bare in _OFFICE_HEADS or (bare[:1].isupper() and not bare.isupper())):
            break  # "20 cán bộ | Cảng vụ hàng hải …", "cán bộ tỉnh | Hậu Giang": whose they are, not what
        words.append(low if not bare.isupper() or len(bare) == 1 else bare)
        if bare != raw or len(words) == MEASURE_WORDS or " ".join(words[-2:]) in _MONEY or words[-1:] == ["đồng"]:
            break  # punctuation ends the phrase; so does a sum's unit ("30 tỉ đồng | đưa 137 cán bộ …")
    if len(words) > 2 and " ".join(words[-2:]).lower() == "giai đoạn":
        del words[-2:]  # "76% kế hoạch | giai đoạn 2015-2021": when, not what
    while words and (words[-1].lower() in _MEASURE_END or (len(words) > 1 and words[-1].lower() in
                                                             _ADMIN_WORDS | {"thành", "thị", "cấp"})) and \
            " ".join(words[-2:]).lower() not in _BOUND:
        words.pop()  # "cán bộ tỉnh | Hậu Giang": the place's word goes with it (not "13 xã")
    return " ".join(words)


_AND_COUNT = re.compile(r"\s+và\s+(?:(?:hơn|gần|khoảng|trên|dưới)\s+)?(\d)")  # "… công chức và hơn 4.200 …"
# "1.000 thạc sĩ, tiến sĩ": one count of people of two degrees together, asked of both (not of "thạc sĩ" alone)
_DEGREES = ("thạc sĩ", "tiến sĩ")
_OTHER_DEGREE = re.compile(r"(?:,\s*|\s+(?:và|hoặc)\s+)(?:thạc sĩ|tiến sĩ)(?=[\s,;.]|$)")


def _asked(sentence: str, figure: figures.Figure, measure: str, owner: str = "") -> str:
    """What a question about a figure asks for: its measure with what the sentence says of it up to the next
    punctuation ("94,6% cán bộ, công chức có trình độ đại học trở lên" -> "cán bộ, công chức có trình độ đại
    học trở lên"; "20 cán bộ Cảng vụ … phải tuyển dụng lại" -> "cán bộ phải tuyển dụng lại"), so two figures
    of the same measure are asked apart; the office they belong to, another figure and what follows are left
    out, and a long qualifier is cut before a linking word, never inside a phrase."""
    rest = _after_measure(sentence, figure, measure)
    if rest is None or _is_money(measure) or measure == "đồng":
        return measure  # what follows a sum is what it is spent on, not what it counts
    also = _AND_COUNT.match(rest)
    if also:  # "khoảng 1.700 công chức và hơn 4.200 viên chức không hoàn thành nhiệm vụ": what both are said to do
        both = rest[also.start(1):]
        second = next(iter(figures.find(both)), None)
        other = _measure(both, second) if second is not None and second.start == 0 else ""
        if other:
            told = _asked(both, second, other, owner)
            return f"{measure}{told[len(other):]}" if told.startswith(other) else measure
    if owner and fold(rest.lstrip()).startswith(fold(owner)):  # the office they belong to is asked of already
        rest = " " + rest.lstrip()[len(owner):]
    else:  # "17 phó giám đốc (ở) Sở Nội vụ …": whose they are
        at_office = re.match(r"\s*(?:(?:ở|tại|của|thuộc)\s+)?", rest)
        if _UNIT_IN_TEXT.match(rest[at_office.end():]):
            office = _office_at(rest[at_office.end():], 0, "")
            if rest[at_office.end():].startswith(office):  # its "tỉnh" too ("ở Sở Tài chính tỉnh | là …")
                rest = " " + re.sub(r"^\s*(?:tỉnh|huyện|thành phố|TP\.?|quận|thị xã)(?=\s+[^\W\d_]*[a-zà-ỹđ])", "",
                                    rest[at_office.end() + len(office):])
    document = _DOCUMENT_NAME.match(rest)  # "học viên (của) Đề án 922": the programme they are of says which
    if document:
        rest = rest[document.end():]
    # "14 cán bộ ở Quảng Trị dùng bằng giả", "cán bộ tỉnh Hậu Giang được cử đi học": the place is asked already
    rest = re.sub(rf"^\s*(?:(?:(?:ở|tại|của|thuộc)\s+)?(?:tỉnh|thành phố|TP\.?|huyện|thị xã|quận)\s+|"
                  rf"(?:ở|tại|của|thuộc)\s+(?={_UPPER})|(?={_UPPER}\w*\s+{_UPPER}))"
                  rf"{_UPPER}\w*(?:\s+{_UPPER}\w*)*", " ", rest)
    degrees = _OTHER_DEGREE.match(rest) if measure in _DEGREES else None
    if degrees:
        measure, rest = measure + degrees.group(0), rest[degrees.end():]
    m = re.match(r"((?:,\s*(?:cán bộ|công chức|viên chức|người lao động|lao động|đảng viên|ban|ngành|"
                 r"phó(?: trưởng)? phòng|phó giám đốc|cấp phó|cấp trưởng)(?=[\s,;.]|$))*"
                 r"(?:\s+và\s+"
                 r"(?:người lao động|lao động|viên chức|công chức|cán bộ))?)([^;:.()“”\"–]*)", rest)
    listed, said = m.group(1), _phrase(m.group(2).split(","), QUALIFIER_WORDS)
    named = f" {document.group(1)}" if document else ""
    return f"{measure}{listed}{named} {' '.join(said)}".strip()


def _phrase(parts: list[str], limit: int, names: bool = False) -> list[str]:
    """The words of a qualifier (its comma-separated parts: the first, and those after it that only list more
    nouns, "điều kiện, tiêu chuẩn chức danh") up to another figure, a named office or place, or a clause of
    its own; when longer than `limit`, cut before its last linking word within the limit; trailing small words
    dropped."""
    text = parts[0]
    for more in parts[1:]:
        said = more.split()
        if not 0 < len(said) <= LISTED_WORDS or len(text.split()) + len(said) > limit + LISTED_WORDS or \
                said[0] in _VERB_HEADS or not all(
                    w.isalpha() and w.islower() and w not in _LINKS | _AUXILIARIES | _MEASURE_STOP for w in said):
            break
        text += ", " + more
    words: list[str] = []
    if text.split()[:1] in (["và"], ["hoặc"], ["còn"]):
        return []  # "137 người | và bị thôi việc": another clause, not what the people are
    naming = False
    for raw in text.split():
        bare = raw.strip("'‘’")
        if any(ch.isdigit() for ch in bare):  # another figure: the words leading to it go too ("với tổng số")
            links = [i for i in range(max(0, len(words) - 3), len(words)) if words[i].lower() in _LINKS]
            words = words[:links[-1]] if links else words
            while words and words[-1].lower() in {"năm", "tháng", "quý", "ngày", "giai", "đoạn", "kỳ", "khóa", "khoá"}:
                words.pop()  # "… kế hoạch | giai đoạn 2015-2021": the time leading to that figure goes too
            break
        # "cho huyện Hoàng Sa": a place's name after its kind says which, and is kept
        naming = bare[:1].isupper() and bool(words) and (words[-1].lower() in _PLACE_WORDS or naming)
        if not any(ch.isalpha() for ch in bare) or (bare[:1].isupper() and not names and not naming):
            break  # a dash, a name or an office: what the counted noun is ends here
        if bare.lower() in ("này", "đó", "ấy", "kia") and len(words) > 1:
            words.pop()  # "… thuộc diện xét tuyển lại | đợt này": the noun it points at goes with it
        if bare.lower() in ("này", "đó", "ấy", "kia", "nói", "như", "thì") or \
                bare.lower() in ("khi", "nhưng", "song", "do", "vì", "nên", "để", "nhằm", "mà"):
            break  # a clause of its own, or "4 trường hợp này": what follows is said of them, not what they are
        words.append(bare)
    if len(words) > limit and len(parts[0].split()) > limit:
        cuts = [i for i in range(1, limit + 1) if words[i].lower() in _LINKS]
        words = words[:cuts[-1]] if cuts else []
    while words and (words[-1].lower() in _MEASURE_END | _LINKS | _DETERMINERS or _ROUNDED.search(words[-1])) \
            and " ".join(words[-2:]).lower() not in _BOUND:
        words.pop()
    return words


def _verb(sentence: str, figure: figures.Figure, place: str) -> str:
    """The verb a figure is the object of ("đã giảm được 1.321" -> "giảm"), '' if none (see _action)."""
    return _action(sentence, figure, place)[0]


def _action(sentence: str, figure: figures.Figure, place: str) -> tuple[str, str]:
    """The verb of workforce news a figure is the object of and the words between them ("đã giảm được 1.321"
    -> "giảm", ""; "tinh giản biên chế 1.800 người" -> "tinh giản", "biên chế"); ('', '') if none. The words
    between are kept only when they are a short common-noun phrase."""
    words = [w.strip("'‘’") for w in _clause_words(sentence, figure, place, keep_case=True)]
    words = [w for w in words if w]
    low = [w.lower() for w in words]
    fillers = len(low)  # "giảm được hơn 1.321": the words between a verb and its figure that say nothing
    while fillers and low[fillers - 1] in _BEFORE_FIGURE:
        fillers -= 1
    left = " còn" if "còn" in low[fillers:] else ""  # "giảm còn 10.430": what is left, not what went
    lower = [w == w.lower() for w in words]  # "Sở Giáo dục và Đào tạo": a name, not a verb
    if words and sentence.startswith(words[0]) and words[0][1:] == words[0][1:].lower():
        lower[0] = True  # "Giảm hơn 44.000 biên chế …": a sentence's first word is capitalised all the same
    for end in range(len(low), max(0, fillers - PREFIX_WORDS - 1), -1):
        for n in (3, 2, 1):
            if end >= n and " ".join(low[end - n:end]) in _VERBS and all(lower[end - n:end]):
                between = words[end:fillers]
                clean_noun = 0 < len(between) <= PREFIX_WORDS and all(
                    w.isalpha() and w.islower() and w not in _LINKS | _AUXILIARIES | _BEFORE_FIGURE
                    for w in between)
                if (between and not clean_noun) or (end > n and low[end - n - 1] in _NOUN_MARKERS):
                    return ("còn", "") if left else ("", "")  # "cấp xã và 38.000", "thời điểm thanh tra"
                verb = " ".join(low[end - n:end]).removesuffix(" được")  # "giảm được 860": asked "giảm"
                return verb + (left if not between else ""), " ".join(between)
    if left:
        return "còn", ""
    if low[fillers - 1:fillers] != ["có"]:  # "… có 20 người" says what there is; else the clause's own verb
        for end in range(fillers - PREFIX_WORDS - 1, 0, -1):
            for n in (3, 2, 1):
                if end >= n and " ".join(low[end - n:end]) in _VERBS - _LOOSE_VERBS and all(lower[end - n:end]) and \
                        not (end > n and low[end - n - 1] in _NOUN_MARKERS) and "có" not in low[end:fillers]:
                    return " ".join(low[end - n:end]).removesuffix(" được"), ""
    return "", ""


def _clause_words(sentence: str, figure: figures.Figure, place: str, keep_case: bool = False) -> list[str]:
    """The (lower-case) words of a figure's clause before it, place names left out."""
    clause = re.split(r"[,;:(“”\"]", sentence[: figure.start])[-1]
    for name in {place, short_place(place)} - {""}:
        clause = re.sub(re.escape(name), " ", clause, flags=re.IGNORECASE)
    return clause.split() if keep_case else [w.lower() for w in clause.split()]


def _questions(sentence: str, figure: figures.Figure, measure: str, who: str, time: str, verb: str,
               prefix: str = "", noun: str = "") -> list[str]:
    """Questions a person would type for one figure of a sentence about `who` ("TP HCM giảm bao nhiêu lãnh
    đạo?", "TP HCM tinh giản biên chế bao nhiêu người?"), by its kind; the year asked in the second when the
    sentence states one; and the sentence's own words around the figure asked back, so a question worded as
    the article words it finds it too."""
    place = who
    year = re.search(r"(?:19|20)\d{2}", time)
    point = re.fullmatch(r"(?:trong |cuối |đầu )?năm ((?:19|20)\d{2})", time)
    when = "" if not year or time.startswith("theo bài viết") else f"năm {point.group(1)} " if point else \
        f"{time} " if len(time.split()) <= WHEN_WORDS else ""  # "giai đoạn 2015-2021", not "năm 2015"
    if figure.kind in (COUNT, PERCENT):
        how = "bao nhiêu phần trăm" if figure.kind == PERCENT else "bao nhiêu"
        action = f"{verb or 'có'} {prefix}"
        second = ""
        if measure:
            first = f"{who} {action} {how} {measure}?"
            if when:
                second = f"{when}{who} {action} {how} {measure}?"
            elif figure.kind == PERCENT:
                second = f"Tỷ lệ {measure} của {who} là bao nhiêu?"
            elif not verb:
                second = f"{'' if measure.startswith('số') else 'Số '}{measure} của {who} là bao nhiêu?"
        elif verb and not (re.search(r"\blà\s*(?:hơn|gần|khoảng|trên)?\s*$", sentence[:figure.start])
                           and _topic(sentence, figure, place)):
            first = f"{who} {action} {how}?"
            second = f"{when}{who} {verb} {prefix} {how}?" if verb.endswith("còn") else \
                f"{when}{who} {verb} được {prefix} {how}?"
        else:
            topic = _topic(sentence, figure, place)
            if not topic:
                return _fallback_questions(sentence, figure, who, how)
            first, second = f"{topic} của {who} là {how}?", f"{who} {topic} {how}?"
        spare = f"{who} hiện còn {how} {measure}?" if verb.endswith("còn") else \
            f"{who} đã {verb} {prefix} được {how} {measure}?" if verb else \
            f"{'' if measure.startswith('số') else 'Số '}{measure} của {who} là bao nhiêu?"
        room = PHRASING_WORDS - len(first.split()) + len(measure.split())
        if room < len(measure.split()):  # "… không đáp ứng trình độ lý luận chính trị | theo quy định của …"
            cuts = [i for i, w in enumerate(measure.split()) if i and i <= room and w in _LINKS]
            short = " ".join(measure.split()[:cuts[-1]]) if cuts else noun or measure
            first, second = (q.replace(measure, short, 1) for q in (first, second))
        named = f"Số {measure} của {who} là bao nhiêu?" if verb else f"{who} {action} được {how} {measure}?"
        candidates = [_capital(" ".join(q.split())) for q in
                      (first, second, _sentence_question(sentence, figure, who, how, _said_after(measure, noun), noun),
                       spare, named) if q]
        unique = [q for i, q in enumerate(candidates) if fold(q) not in {fold(o) for o in candidates[:i]}]
        fit = [q for q in unique if len(q.split()) <= PHRASING_WORDS]  # a question, not a paragraph
        out = fit[:3] if len(fit) >= 2 else (fit + [q for q in unique if q not in fit])[:2]
        return out if len(out) < 3 or out[2] not in candidates[3:] else out[:2]
    if figure.kind == DOCUMENT:
        words = [w.strip(":,").lower() for w in sentence[: figure.start].split()]
        words = [w for w in words if w != "số"][-2:]
        name = " ".join(words)
        if len(words) == 2 and all(w.isalpha() for w in words):
            return [_capital(f"{who} ban hành {name} số mấy?"), _capital(f"{name} số mấy của {who}?")]
    if figure.kind == PHONE:
        return [_capital(f"Số điện thoại của {who}?"), _capital(f"Liên hệ {who} qua số nào?")]
    return _fallback_questions(sentence, figure, who, {YEAR: "nào", DATE: "nào"}.get(figure.kind, "bao nhiêu"))


def _spent_on(sentence: str, figure: figures.Figure, measure: str) -> str:
    """What a sum is spent on, said right after it ("2.342 tỷ đồng | để chi thu nhập tăng thêm cho cán bộ"), up to
    the next punctuation and QUALIFIER_WORDS words; '' for a figure that is no sum."""
    after = _after_measure(sentence, figure, measure) if _is_money(measure) else None
    if after is None:
        return ""
    rest = re.split(r"[,;:.()“”\"–]", after)[0].split()
    if not rest or _quantities(" ".join(rest)):
        return ""
    return " ".join(rest[:QUALIFIER_WORDS]) if len(rest) >= 2 else ""


def _after_measure(sentence: str, figure: figures.Figure, measure: str) -> str | None:
    """What a sentence says after a figure's measure ("2.342 tỷ đồng| để chi …"), or None when it is not there."""
    at = sentence.lower().find(measure, figure.end)
    return sentence[at + len(measure):] if at >= 0 else None


def _is_money(measure: str) -> bool:
    """Whether a measure is a sum of money ("tỷ đồng", "triệu USD")."""
    return measure in _MONEY or measure.endswith(" đồng")


def _said_after(asked: str, noun: str) -> str:
    """What the sentence asked back puts after its question word: what is asked, or the noun written after the
    figure when what is asked was named before it ("số lượng lãnh đạo Sở lên đến bao nhiêu người?")."""
    return noun if noun in _GENERAL_STAFF and not asked.startswith(noun) else asked


def _content_words(text: str) -> int:
    """How many words of a text say something (not a small word, not a figure)."""
    return sum(1 for w in text.split() if w.isalpha() and w.lower() not in _AUXILIARIES | _LINKS)


def _sentence_question(sentence: str, figure: figures.Figure, who: str, how: str, asked: str = "",
                       noun: str = "") -> str:
    """The sentence's own words around a figure asked back, cleaned: its clause (from the last ';' or
    bracket, at most the words after its last comma when long, its opening "Theo đó, …" dropped, the topic
    the sentence opens with kept: "Ở khối …, … giảm 413 người so với hiện nay" -> "Tại Hà Nội, ở khối …, …
    giảm bao nhiêu người so với hiện nay?"), the figure replaced by the question word; '' when too little is
    left. Phrases are never cut inside: a long part ends before a linking word."""
    start, end = figure.start, figure.end
    rounded = _ROUNDED.search(sentence[:start])
    if rounded:
        start = rounded.start()
    if figure.kind == PERCENT:
        end += len(re.match(r"\s*(?:%|phần trăm)?", sentence[end:]).group(0))
    head = re.split(r"[;:(“”\"]|(?<!TP)(?<!Tp)(?<!TX)\.\s|"
                    r"\s(?:thì|nhưng|song|cho biết|cho thấy|nói|khẳng định|nhấn mạnh),?\s",
                    sentence[:start])[-1]
    head = re.sub(r"\d+(?:[.,]\d+)*\s*[-–/]\s*$", "", head)  # "từ 260 - 693 người", "110/321": one question
    before = head.split()
    parts = head.split(", ")
    own = parts[-1]
    item = re.compile(r"\s*(?:và\s+)?(?:hơn |gần |khoảng |trên )?\d")
    first = len(parts) - 1  # the first part of the head asked back
    if len(parts) > 1 and _content_words(own) < 2:  # "…, trong đó có 605 công chức, 641 viên chức": a list
        if own.strip() not in ("", "và"):  # the figure opens the list ("trong đó có 605"): the clause before
            opening, first = parts[-2], len(parts) - 2
        else:  # an item of it: what the list's first clause says before its figure
            k = len(parts) - 2
            while k > 0 and (item.match(parts[k]) or len(parts[k].split()) <= 1):  # "…, ban," of "phòng, ban"
                k -= 1
            opening, first = re.split(r"\s(?:hơn |gần |khoảng |trên )?\d", parts[k])[0], k
            if _content_words(opening) < 2 and k > 0:
                opening, first = f"{parts[k - 1]}, {opening}", k - 1  # "Tổng số … là 1.321, trong đó có"
        own = f"{opening}, {own}" if own.strip() not in ("", "và") else f"{opening} "  # "…, và 39.000 …": no "và"
    segment = ";" in sentence[:start]
    topic = re.match(r"(?:Ở|Tại|Đối với|Với|Riêng|Về|Khối|Ngành)\s", sentence)
    opening_figures = _quantities(sentence[:sentence.find(";")]) if segment else []
    if segment and _content_words(own) < 3 and opening_figures and not topic:
        # "toàn TP đã giảm được 55 phòng, ban; giảm 130 …; giảm 35 …, 136 phó phòng": the enumeration's subject
        said = sentence[:opening_figures[0].start]
        rounded_lead = _ROUNDED.search(said)
        said = (said[:rounded_lead.start()] if rounded_lead else said)
        said_parts = re.split(r"[(:“”\"]|(?<!TP)(?<!Tp)(?<!TX)\.\s", said)[-1].split(", ")
        said = said_parts.pop().strip()
        while said_parts and _adverbial(said_parts[-1]) and \
                len(said.split()) + len(said_parts[-1].split()) <= SENTENCE_BEFORE:
            said = f"{said_parts.pop().strip()}, {said}"  # "qua rà soát, sắp xếp, toàn TP đã giảm được"
        if _TIME_PHRASE.search(own):
            said = _TIME_PHRASE.sub(" ", said)
        said_words, own_words = said.split(), own.split()
        while own_words and own_words[0].lower() in {w.lower() for w in said_words[-3:]}:
            own_words.pop(0)  # "… đã giảm được" + "giảm": the verb once
        if _content_words(said) >= 2:
            own = " ".join([*said_words, *own_words]) + " "
            parts, first = [own], 0
    elif segment and _content_words(own) < 3:  # "Ở khối …, đến 2017 giảm 69 …; đến 2020 giảm 413 người"
        parts = sentence[:sentence.find(";")].split(", ")[:-1] + [own]
        first = len(parts) - 1
    if first > 0 and not any(w[:1].isupper() for w in own.split()) and not _quantities(parts[0]) and \
            not re.match(r"(?:Ở|Tại|Đối với|Với|Riêng|Về|Khối|Ngành)\s", parts[0]):
        said = parts[0].split()  # "Hệ thống y tế tuyến huyện sẽ …, …, giảm 713 đầu mối": whose figure it is
        ends = [i for i in range(2, min(len(said), SUBJECT_WORDS + 1)) if said[i].lower() in _LINKS]
        subject = said[:ends[0]] if ends else said if len(said) <= SUBJECT_WORDS else []
        opening_words = re.match(r"(?i)(?:theo đó|cụ thể|trong đó|ngoài ra|đồng thời|tuy nhiên|bên cạnh đó|như vậy|"
                                 r"do đó|vì vậy|trong khi đó|mặt khác|đáng chú ý|đặc biệt|thậm chí|tuy vậy|"
                                 r"trước đó|sau đó|qua đó)$", parts[0].strip())
        if subject and not opening_words:
            own, first = f"{' '.join(subject)}, {own}", 0
    listed = re.search(r"(?:hơn |gần |khoảng |trên )?\d[\d.,/]*\s+[^\d,;]*?\s+và\s*$", own)
    if listed:  # "giảm 9/40 Trưởng phòng và 15 …": the item before it is another figure's, not asked back
        own = own[:listed.start()]
    while 0 < first < len(parts) and own is parts[-1] and _adverbial(parts[first - 1]) and \
            len(own.split()) + len(parts[first - 1].split()) <= SENTENCE_BEFORE:
        first -= 1  # "Đến nay, qua rà soát, sắp xếp, | toàn TP đã giảm …": how and when it was done, kept
        own = parts[-1] = f"{parts[first]}, {own}"
    if ")" in own and "(" not in own.split(")")[0]:  # "… giảm 117 người) và giảm …": a bracket closed here
        own = own.rsplit(")", 1)[1]
    before = own.split()  # the figure's own clause
    limit = SENTENCE_BEFORE + (SENTENCE_BEFORE // 2 if own is not parts[-1] else 0)  # a list's opening is kept
    if len(before) > limit:
        links = [i for i in range(len(before) - limit, len(before)) if before[i].lower() in _LINKS]
        before = before[links[0]:] if links else []
    text = " ".join(before)
    opening = re.match(r"(?i)(?:theo đó|cụ thể|trong đó|ngoài ra|đồng thời|tuy nhiên|bên cạnh đó|như vậy|do đó|"
                       r"vì vậy|trong khi đó|mặt khác|còn lại|riêng|đáng chú ý|đặc biệt|thậm chí|tuy vậy|"
                       r"trước đó|sau đó|qua đó)\s*,\s*", text)
    text = text[opening.end():] if opening else text
    # "Theo Trưởng ban Tổ chức Tỉnh uỷ, …", "Ông Đặng Văn Ba, …": who says it, not what is asked
    text = re.sub(rf"(?:^|(?<=, ))(?:[Tt]heo\s+(?:ông|bà|lãnh đạo|đại diện|Trưởng|Phó|Giám đốc|Chủ tịch|Bí thư|"
                  rf"Vụ trưởng|Chánh)|Ông|Bà|ông|bà)\s[^,\d]*{_UPPER}[^,\d]*,\s*", "", text)
    opened = ", ".join(parts[:first]) + ", " if first else ""
    if re.match(r"(?:Ở|Tại|Đối với|Với|Riêng|Về|Khối|Ngành)\s", opened) and \
            (";" not in sentence[:start] or segment and _content_words(own) < 3) and \
            len(opened.split()) <= SENTENCE_BEFORE + SENTENCE_BEFORE // 3 and not _quantities(opened) and \
            opened.strip() not in text:
        text = f"{opened.strip()} {text}"  # "Ở khối cơ quan Đảng, …, đến năm 2020 giảm 413 người": its topic
    after = asked.split() if asked else \
        _phrase(re.split(r"[;:.()“”\"]", sentence[end:])[0].split(", "), SENTENCE_AFTER, names=True)
    asked_back = _asked_back(text, how, after, who)
    if len(asked_back.split()) > PHRASING_WORDS and noun:  # too long with what is said of them: the noun alone
        asked_back = _asked_back(text, how, noun.split(), who)
    return asked_back


def _adverbial(part: str) -> bool:
    """A short comma part saying when or how, not who or another figure ("Đến nay", "qua rà soát", "sắp xếp")."""
    words = part.split()
    return 0 < len(words) <= ADVERBIAL_WORDS and not any(c.isdigit() for c in part) and \
        not any(w[:1].isupper() for w in words[1:]) and not re.match(
            r"(?i)(?:theo|ông|bà|trong đó|ngoài ra|tuy nhiên|cụ thể|như vậy|do đó|vì vậy|mặt khác|riêng|ở|tại|về|"
            r"đối với|với)\b", part.strip())


def _asked_back(text: str, how: str, after: list[str], who: str) -> str:
    """A clause asked back: its words before the figure, the question word, what the figure counts; whom it is
    about named ("Tại Hà Nội, …") unless it names them; '' when too little is left."""
    words = [*text.split(), how, *after]
    while words and words[0].rstrip(",").lower() in _LINKS - {"từ", "trong", "sau", "trước", "theo", "đến", "ở",
                                                                  "tại", "với", "đối", "về"}:
        words.pop(0)
    lead = " ".join(words[:3]).lower()
    for opener in ("trong số đó", "trong đó", "với"):  # "…, trong đó có 3 …": of what came before, not asked
        if lead.startswith(opener + " ") and len(words) > len(opener.split()) + 2:
            words = words[len(opener.split()):]
            break
    if _content_words(" ".join(words)) < CLOZE_MIN_WORDS:
        return ""
    cloze = re.sub(r"\s+,", ",", " ".join(words)).strip(" ,-–")
    if any(_plain(name) in _plain(cloze) for name in (who, short_place(who), " ".join(who.split()[-2:]))):
        return _capital(f"{cloze}?")  # it names them ("Thành uỷ Vũng Tàu …" of Bà Rịa - Vũng Tàu)
    for head in sorted({" ".join(who.split()[:k]) for k in range(2, len(who.split()))}, key=len, reverse=True):
        named = re.compile(rf"(?<!\w){re.escape(head)}(?!\w)")
        if head[:1].isupper() and named.search(cloze):  # "Sở Nội vụ bổ nhiệm …": the office named, place added
            return _capital(named.sub(lambda _: who, cloze, count=1) + "?")
    at = "Trên cả nước" if fold(who) == "ca nuoc" else f"Tại {who}"  # the whole country is no place one is "at"
    return _capital(f"{at}, {_lower_first(cloze)}?")


def _topic(sentence: str, figure: figures.Figure, place: str) -> str:
    """What a figure with no noun after it is, when the words before it say ("Tổng số biên chế đã giảm là
    1.321" -> "tổng số biên chế đã giảm"); '' otherwise."""
    words = _clause_words(sentence, figure, place)
    while words and words[-1] in _BEFORE_FIGURE | {"là"}:
        words.pop()
    if "số" not in words:
        return ""
    words = words[max(0, words.index("số") - 1 if words.index("số") and words[words.index("số") - 1] == "tổng"
                      else words.index("số")):][:TOPIC_WORDS]
    return " ".join(words) if len(words) >= 2 and all(w.isalpha() for w in words) else ""


def _when_questions(sentence: str, figure: figures.Figure, who: str) -> list[str]:
    """A date opening its sentence ("Ngày 8/3, Thanh tra Bộ Nội vụ đã có thông báo kết luận …") asked as when
    the rest happened ("Thanh tra Bộ Nội vụ có thông báo kết luận … vào ngày nào?"); [] for any other date."""
    opener = re.fullmatch(r"(?i)\s*(?:(?:sáng|chiều|tối|trưa|đầu|cuối)\s+)?(ngày|tháng|năm)?\s*",
                          sentence[:figure.start])
    if opener is None:
        return []
    end = figure.end
    while end < len(sentence) and (sentence[end].isdigit() or sentence[end] in "/-"):
        end += 1
    said = re.split(r"[;:(“”\"]|\.\s", sentence[end:].lstrip(" ,"))[0]
    said = re.split(r"\b(?:cho biết|cho hay|khẳng định|thông tin|nhấn mạnh)\s*,?\s*", said)[-1]  # what was said
    words = said.split()
    if len(words) > WHEN_CLAUSE_WORDS:
        cuts = [i for i in range(3, WHEN_CLAUSE_WORDS + 1)
                if words[i].lower() in (_LINKS | {"việc", "các", "những"}) - {"đã", "được", "sẽ", "đang", "bị", "là"}]
        words = words[:cuts[-1]] if cuts else words[:WHEN_CLAUSE_WORDS]
    while words and words[-1].rstrip(",").lower() in _LINKS | _AUXILIARIES | _DETERMINERS:
        words.pop()
    words = [w for i, w in enumerate(words) if not (i and w.lower() in ("đã", "vừa"))]  # "… đã có" -> "… có"
    if _content_words(" ".join(words)) < CLOZE_MIN_WORDS:
        return []
    clause = " ".join(words).rstrip(",")
    unit = "năm" if figure.kind == YEAR else (opener.group(1) or "ngày").lower()
    place = "" if _plain(who) in _plain(clause) else f" ở {who}"
    named = clause.split()[0] in _OFFICE_HEADS or clause.split()[0] in ("Sở", "Bộ")  # "Thanh tra Bộ Nội vụ …"
    return [_capital(f"{clause}{place} vào {unit} nào?"),
            _capital(f"Khi nào {clause if named else _lower_first(clause)}{place}?")]


def _fallback_questions(sentence: str, figure: figures.Figure, who: str, how: str) -> list[str]:
    """For a figure the measure rules cannot name: its own clause asked back, the figure replaced by the
    question word ("Từ tháng 1/2018, trung tâm có sự thay đổi…" -> "Từ tháng nào trung tâm có sự thay đổi…?");
    a date opening its sentence asks when what follows happened (see _when_questions)."""
    if figure.kind in (DATE, YEAR):
        when = _when_questions(sentence, figure, who)
        if when:
            return when
    start = figure.start
    rounded = _ROUNDED.search(sentence[:start]) if figure.kind in (COUNT, PERCENT) else None
    start = rounded.start() if rounded else start  # "gần 660": asked "bao nhiêu", not "gần bao nhiêu"
    if figure.kind in (DATE, YEAR):  # "1/1/2018", "tháng 1-2011": the whole date is asked
        while start > 0 and (sentence[start - 1].isdigit() or sentence[start - 1] in "/-"):
            start -= 1
    end = figure.end
    while end < len(sentence) and (sentence[end].isdigit() or sentence[end] == "/"):
        end += 1
    if figure.kind not in (DATE, YEAR) and (re.match(r"\s*[-/–]\s*\d|\s+và\s+\d+\s*[-/]", sentence[end:])
                                            or re.search(r"\d\s*[-/–]\s*$", sentence[:start])):
        return []  # part of a date written "6-2011" or "21 và 22-12": nothing to ask back
    before = re.split(r"[;:“”\"]", sentence[:start])[-1].replace("(", " ").replace(")", " ").split()
    after = re.split(r"[;:.(“”\"]", sentence[end:])[0].replace(")", " ").split()
    if len(before) > CLOZE_BEFORE:  # too long to ask back whole: from its last comma, else after a link word
        before = " ".join(before).rsplit(",", 1)[-1].split()
    if len(before) > CLOZE_BEFORE:
        links = [i for i in range(len(before) - CLOZE_BEFORE, len(before)) if before[i].lower() in _LINKS
                 and _content_words(" ".join(before[i:])) >= CLOZE_MIN_WORDS]
        before = before[links[0]:] if links else before[-CLOZE_BEFORE:]
    if not before and not after:
        return []
    if len(after) > CLOZE_AFTER:  # cut before a link word or after a comma rather than inside a phrase
        links = [i for i in range(1, CLOZE_AFTER + 1) if after[i].lower() in _LINKS]
        after = after[:links[-1]] if links and links[-1] > 1 else after[:CLOZE_AFTER]
    if figure.kind in (COUNT, PERCENT) and after and after[0].startswith("%"):
        after = after[1:]
    before = before[max(0, len(before) + 1 + len(after) - CLOZE_WORDS):]  # a question, not a paragraph
    words = [w for w in (*before, how, *after) if w]
    while words and words[-1].rstrip(",") in _MEASURE_END | _AUXILIARIES | _DETERMINERS:
        words.pop()
    while words and words[0].rstrip(",") in _MEASURE_END | _AUXILIARIES - {"từ", "trong", "sau", "trước"}:
        words.pop(0)  # nor does it start with a word that ends a phrase
    if sum(1 for w in words if w.isalpha() and w.lower() not in _AUXILIARIES) < CLOZE_MIN_WORDS or \
            (figure.kind in (DATE, YEAR) and
             sum(1 for w in words if w.isalpha() and w.islower() and w not in _AUXILIARIES | _LINKS) < 2):
        return []  # too little left to ask anything ("Năm nào, Thành uỷ Đà Nẵng?")
    cloze = " ".join(words).strip(" ,-–")
    cloze = re.sub(r"\s+,", ",", cloze).rstrip(",")
    if re.search(rf"[-–]\s*{how}|{how}\s*[-–]|Ảnh|ẢNH", cloze):
        return []  # "giai đoạn 1-1-2014 – nào", a photo caption: nothing a person would ask
    place = "" if _plain(who) in _plain(cloze) else f" ở {who}"
    first = _capital(f"{cloze}{place}?")
    second = _capital(f"Ở {who}, {_lower_first(cloze)}?") if place else _capital(f"{cloze} vậy?")
    return [first, second]


def _capital(text: str) -> str:
    """The first letter upper-cased."""
    return text[:1].upper() + text[1:]


def _holder_facts(text: str, article: dict, unit: str) -> list[dict]:
    """Office holders named in the text ("Bà Nguyễn Minh Hà, Giám đốc Trung tâm …")."""
    facts, seen = [], set()
    place = article["places"][0]
    time = _time_of("", article)
    for m in _HOLDER.finditer(text):
        honorific, name = m.group(1), m.group(2).strip()
        role = re.sub(r"\s+(?:cho biết|cho hay|chia sẻ|khẳng định|nhấn mạnh|thông tin|cho rằng|nói|thừa nhận)$", "",
                      m.group(3).strip(" ,"))
        if name in seen:
            continue
        seen.add(name)
        who = "bà" if fold(honorific) == "ba" else "ông" if fold(honorific) == "ong" else honorific
        where = "" if fold(place) in fold(role) else f" ({place})"
        asked = "" if not where else f" {short_place(place)}" if role.split()[-1] in _ADMIN_WORDS \
            else f" ở {short_place(place)}"  # "Giám đốc Sở Nội vụ tỉnh Nghệ An", "Giám đốc ở Hà Nội"
        answer = f"{time[0].upper()}{time[1:]}, {role}{where} là {who} {name}."
        facts.append({"place": place, "unit": unit, "time": time, "answer": answer, "quote": m.group(0).strip(),
                      "questions": [f"Ai là {role}{asked}?", f"{role}{asked} là ai?", f"{name} giữ chức vụ gì?"],
                      "tags": ["người đứng đầu"]})
    return facts


def _ordered(fact: dict) -> dict:
    """A fact's fields in the schema's order."""
    return {k: fact[k] for k in ("id", "place", "unit", "time", "measure", "answer", "quote", "questions", "tags")
            if k in fact}


def _coverage(lines: list[str], facts: list[dict]) -> tuple[int, list[str]]:
    """How many figures the text has (clock times aside), and those no draft fact quotes: sentence by sentence,
    so the work grows with the text's length, repeated sentences or not."""
    quoted = {canonical(q) for fact in facts for q in ([fact["quote"]] if isinstance(fact["quote"], str)
                                                        else fact["quote"])}
    units = [(canonical(line), [line] if canonical(line) in quoted else _SENTENCE.split(line.strip()))
             for line in lines]
    whole = {key for key, _ in units} | {canonical(s) for _, parts in units for s in parts}
    fragments = [q for q in quoted if q not in whole]  # passages shorter than a sentence (an office holder)
    total, uncovered = 0, []
    for key, parts in units:
        for sentence in parts:
            found = [f for f in figures.find(sentence) if f.kind != TIME]
            total += len(found)
            held = canonical(sentence)
            if not found or key in quoted or held in quoted:
                continue
            inside = [q for q in fragments if q in held]
            for f in found:
                value = sentence[f.start:f.end]
                if not any(value in part for part in inside):
                    uncovered.append(f"{value} — …{sentence[max(0, f.start - 40):f.end + 40]}…")
    return total, uncovered
