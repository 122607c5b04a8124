"""Decide what to say to a question: answer one fact, ask which one was meant, or decline."""
from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from rapidfuzz import fuzz

from bot.engine import followup, message, questions, verdict
from bot.language import figures
from bot.engine.followup import Context
from bot.kb.knowledge import NOT_STATED, Article, Fact, KnowledgeBase
from bot.engine.matcher import Candidate, Index, MatchSettings, Ranking
from bot.engine.reader import BIGRAM as _BIGRAM
from bot.engine.reader import ADMIN_WORDS, Analysis, people_in, terms_of
from bot.language.text import clean, fold, folded_words, lazy_regex
from bot.engine.scope import Asked, has_run, says_unit



class Outcome(StrEnum):
    """What the engine does with a message."""

    ANSWER = "answer"
    CLARIFY = "clarify"
    DECLINE = "decline"
    SMALLTALK = "smalltalk"


class Reason(StrEnum):
    """Why a question is declined (Answer.reason); small talk keeps its kind there instead."""

    EMPTY = "empty"
    UNKNOWN_PLACE = "unknown_place"
    NO_MATCH = "no_match"
    NOT_GIVEN = "not_given"
    UNKNOWN_FACT = "unknown_fact"


class Rule(StrEnum):
    """Which rule of the decision table decided an outcome (Answer.why.rule)."""

    SMALLTALK = "smalltalk"  # only greetings, thanks or a call for help
    EMPTY = "empty"  # nothing to go on
    UNKNOWN_PLACE = "unknown_place"  # a place or organisation the knowledge does not cover
    FIGURE_NOT_GIVEN = "figure_not_given"  # the figures named (a year, a number) are in no fact
    NOTHING_MATCHED = "nothing_matched"  # no fact shares the question's words
    CONFIRM_NAMED = "confirm_named"  # "Ông X là … phải không?", "ông X giữ chức gì?": the fact saying what X is
    BOTH = "both"  # "thạc sĩ và tiến sĩ?", "trung cấp hay cao cấp nhiều hơn?": each fact the question names
    # (or weighs: "từ huyện xuống xã nhiều hơn hay từ xã về huyện nhiều hơn?", each side its own fact)
    CONFIRM_FIGURE = "confirm_figure"  # a yes/no question whose figure one fitting fact gives
    CONFIRM_QUOTED = "confirm_quoted"  # ...the best fitting gives none: the one beside it citing it is checked
    CONFIRM_LAST = "confirm_last"  # "tức là 14 lượt thôi hả?": a figure checked against the last answer
    WHICH_HAS = "which_has"  # "bên nào có 92 đoàn viên?": the one fact giving the figure stated, which names it
    FOLLOW_UP = "follow_up"  # read with the last question ("ban hành ngày nào?", "còn tiến sĩ?")
    PLACE_NOT_NAMED = "place_not_named"  # no place named; another place's fact gives what is asked another way
    SUBJECT_NOT_NAMED = "subject_not_named"  # facts whose subject the question leaves unnamed fit it better: ask
    SAME_ARTICLE = "same_article"  # a follow-up answered by the last answer's article ("quyết định đó …?")
    SAME_PLACE = "same_place"  # after a clarification or a decline, a follow-up answered by the thread's places
    LAST_SAYS = "last_says"  # "áp dụng với những ai", "từ năm nào?": asked of the last answer, which says it
    NARROWED = "narrowed"  # a reply to a clarification naming what was meant: the fact its words pick out
    NO_UNIT_NAMED = "no_unit_named"  # a count of staff with no unit named: never one unit's figure
    UNIT_IN_PLACES = "unit_in_places"  # a kind of unit the knowledge has in several places, no place named
    STRONG = "strong"  # score, coverage and aboutness over their bars, no rival close
    DOMINANT = "dominant"  # under the bar but clearly ahead of every other fact
    FRAMED = "framed"  # under the bar, but a fitting fact gives a figure between the words the question asks it
    # between ("giảm còn bao nhiêu người" of "… giảm còn 10.430 người"); several close: ask which
    RIVALS = "rivals"  # strong, but other facts score within the margin
    ARTICLE_DETAILS = "article_details"  # where, when or by whom the one article about the place named was published
    VAGUE = "vague"  # several facts cover all of a question that names no subject
    OTHER_MEASURE = "other_measure"  # the closest facts count something else
    CLAIM_ELSEWHERE = "claim_elsewhere"  # a yes/no question's figure counts what the fact found does not count
    NEAR = "near"  # several facts near the bar
    WEAK = "weak"  # the best fact is under the bars
    PICKED = "picked"  # the user picked an offered fact
    OFFERED_AGAIN = "offered_again"  # "còn bên kia?" with several choices not taken: they are offered again
    BY_CLAIM = "by_claim"  # a figure claimed while choices are open: the facts of the clarified question giving it
    QUOTED = "quoted"  # a message quoting a passage of an article: the fact quoting it
    SEVERAL = "several"  # a message asking several things, each part decided by its own rule
    SCENE_SET = "scene_set"  # a question opening with a clause that sets its scene: what follows it decides, when
    # that finds the fact the whole question came closest to


ANSWER, CLARIFY, DECLINE, SMALLTALK = Outcome.ANSWER, Outcome.CLARIFY, Outcome.DECLINE, Outcome.SMALLTALK
EMPTY, UNKNOWN_PLACE, NO_MATCH, NOT_GIVEN, UNKNOWN_FACT = (Reason.EMPTY, Reason.UNKNOWN_PLACE, Reason.NO_MATCH,
                                                           Reason.NOT_GIVEN, Reason.UNKNOWN_FACT)
# Words that only compare or count what was asked before ("mỗi bên mấy người?", "nơi nào cao hơn?")
_COMPARING = {"moi", "ben", "noi", "tung", "hai", "nao", "hon", "nhieu", "cao", "thap", "it", "nguoi", "bao",
              "so", "sanh", "voi", "lon", "nho"}
# Words that only say how exact a count is ("cho khoảng bao nhiêu người?", "chừng mấy lớp"): nothing it is about
_APPROXIMATE = {"khoang", "chung", "tam", "gan", "xap", "xi"}
_COMPARES = lazy_regex(r"\b(?:hon|nhat|(?:ben|noi|cho|dia phuong|don vi) nao)\b")  # a clause comparing places
# A place named with its administrative word and the words after it ("quận Bình Tân", "Huyện Cao Phong"); its name
# is those words that are capitalised, and never a committee ("Tỉnh ủy", "Huyện Uỷ")
_NAMED_PLACE = lazy_regex(r"\b([Qq]uận|[Hh]uyện|[Tt]hị xã|[Tt]hị trấn|[Pp]hường|[Xx]ã|[Tt]ỉnh|[Tt]hành phố)"
                          r"((?:\s+[^\W\d_]+){1,3})")
_PLACE_WORDS = ("uận", "uyện", "hị", "hường", "ã", "ỉnh", "hành phố")  # one is in every _NAMED_PLACE match
_SAID_AFTER = 2  # words after a figure that say what it counts ("6 | tổ công đoàn")
_NOT_A_NAME = {"uy", "ủy", "uỷ", "nào", "này", "đó", "ấy", "kia", "gì", "đâu", "mình", "em", "anh", "chị"}
# An administrative word in any case or shortened ("h. cờ đỏ", "q.bình tân"), and the words after it
# ("q long biên": a letter alone before a name some fact writes so, as typed on a phone without the dot)
_PLACE_ANY_CASE = lazy_regex(r"(?i)(?<!\w)(quận|huyện|thị xã|thị trấn|phường|xã|quan|huyen|thi xa|thi tran|phuong|"
                             r"[hqpx]\.|[hqpx](?=\s)|tx\.?)\s*((?:[^\W\d_]+\s*){1,3})")
# "… bao nhiêu trí thức", "… mấy người": a count asked, a noun after it ("bao nhieu" as a thread's question is
# kept folded; "mấy" only with its accent: "máy" is no question)
_COUNT_ASKED = lazy_regex(r"(?i)\b(?:bao nhi[eê]u|mấy)(?=\s+[^\W\d_])")
# (and typed without marks: "ha noi quan long bien …"; never "xa", which is "far")
_PLACE_SHORT = lazy_regex(r"(?i)(?<!\w)(?:h|q|p|x|tx|quan|huyen|phuong|thi xa|thi tran)(?:\.|\s)")
_SHORT_KINDS = {"h.": "huyện", "q.": "quận", "p.": "phường", "x.": "xã", "tx": "thị xã", "tx.": "thị xã",
                "h": "huyện", "q": "quận", "p": "phường", "x": "xã", "quan": "quận", "huyen": "huyện",
                "phuong": "phường", "thi xa": "thị xã", "thi tran": "thị trấn"}
_NAME_AFTER = lazy_regex(r"(?:\s+[^\s“\"]+){0,10}?\s*[“\"]|\s+(?:so\s+)?\d")  # a quoted name or a number next
_QUOTED_NAME = lazy_regex(r"“([^”]{12,})”")  # a name quoted in an answer: “Trung thành, trách nhiệm, …”
_WITHIN = ("trong",)  # "trong 63 công chức …": the whole a count is asked within
_CLAIM_CONTEXT = 2  # words around a claimed figure shared with the fact's: the user cites that very figure
_KIND_WORDS = frozenset(w for kind in followup.KINDS for w in kind.split())  # "tỉnh", "thị xã", "sở" …
_FOLLOW_UP_WORDS = 12  # a follow-up leaning on the last question is short
# A question telling what its article reports before asking (see Engine._after_the_telling): its telling has this
# many words the knowledge knows, at least, and the article says this share of them, at least
_TOLD_WORDS = 4
_TOLD_SAID = 0.9
_PERSONS = lazy_regex(r"\bcua (?:ong|ba|anh|chi|nguoi) (?:ay|do|nay|kia)\b")  # "… của ông ấy": a person's
# "bài … do ông X viết", "ông X viết bài …", "tác giả là …": who wrote an article, claimed
_AUTHOR_CLAIM = lazy_regex(r"\bbai\b.*\bdo\b.*\bviet\b|\bviet bai\b|\btac gia\b")
_ABOUT_ARTICLE = "bài viết"  # the tag of a fact giving an article's details (ingest writes it so)
_MONEY = "tiền"  # the measure of sums of money (aliases.yaml: its units)
# Words between a count's verb and "bao nhiêu" that say only how exact or whole it is ("lên tổng cộng mấy người")
_FRAME_FILLERS = frozenset({("tong", "cong"), ("tat", "ca"), ("ca", "thay"), *((w,) for w in _APPROXIMATE)})
_SO = ("so",)  # "Sở" (a department) as read
_DIGIT = lazy_regex(r"\d")
# A count of every level ("1.400 giáo viên các cấp (học)", "… các bậc học"): the words after its figure
_ALL_LEVELS = lazy_regex(r"\s*(?:\w+\s+){0,3}?cac (?:cap|bac)\b")
_LEVEL_CHARS = 40
_ALL_LEVEL_WORDS = ("các cấp", "các bậc", "cac cap", "cac bac")
_TOTAL = frozenset({"tong", "tongso"})  # "tổng", and "tổng cộng"/"tổng số" as read
_PER_HEAD = frozenset({"muc", "moi"})  # "mức 200 triệu đồng", "mỗi người 200 triệu đồng"
_TO_EACH = frozenset({"voi", "moi"})  # "200 triệu đồng với (mỗi) lãnh đạo …", "200 triệu đồng mỗi người"
# Words of a time singled out ("riêng năm 2018", "riêng quý I", "riêng đợt này"): the year rules judge those
_TIME_WORDS = frozenset({"nam", "quy", "thang", "ngay", "tuan", "dot", "giai", "doan", "ky"})
_TITLED_BEFORE = lazy_regex(r"\b(?:ong|ba|anh|chi|dong chi|ths\.?|ts\.?)\s*$")  # "… là ông " before a name
_ISSUED_BY = lazy_regex(r"\b(?:của|do)\s+\w")  # "… số 1285-NQ/TU … của Ban Thường vụ": who issued it follows
_ARTICLE_DATE = lazy_regex(r"(?i)(?:theo )?bài viết ngày [\d/]+")  # the article's own date, "(bài viết ngày …)" too
_REFERRING = frozenset({"do", "nay", "ay", "kia", "vay", "the"})  # "chương trình đó": what the last answer said
_THING = frozenset({"viec", "chuyen", "cai", "dieu"})  # "việc đó", "chuyện này": the last answer's matter itself
_ELLIPTICAL_WORDS = 2  # "thực tế được bao nhiêu?", "còn tiến sĩ?": a later part that only the one before completes
_WHEN_WORDS = 1  # "ký ngày bao nhiêu?": when, and what was done then, asked of what the thread is about
_LAST_SAYS_WORDS = 3  # "đối tượng học là những ai": a follow-up asking the last answer itself names little
_MIN_LONE_NUMBER = 3  # a question of digits alone is read only if it could be a document number ("2532")
_VOWEL = lazy_regex(r"[aeiouy]")  # (folded) a word without one is an abbreviation ("hh", "ktr")
# The one asking, in words set aside as chatter ("tổ", "còn" would fold to pronouns too: left out)
_SELF = {"tui", "toi", "em", "minh", "tao", "chau"}
# What there is now, asked ("hiện có", "hiện nay"), and said of a plan ("sẽ tăng … lên 45", "dự kiến mở 38 lớp"):
# a plan's figures are not what there is ("so với hiện tại" compares with now, saying nothing of it)
_NOW_WORDS = r"(?:hien (?:co|nay|tai|gio)|bay gio)"  # (folded)
_NOW = lazy_regex(rf"\b{_NOW_WORDS}\b")
# "đã mở xong", "đã mở được", "thực tế đã cho nghỉ việc được": what was done, no plan
_DONE = lazy_regex(r"\bxong\b|\bthuc te\b|\bda (?:\w+ ){1,3}duoc\b")
_PLANNED = lazy_regex(r"\b(?:se|du kien|ke hoach|phan dau)\b")
# A claim that something was done: "đã … rồi", "đã … xong", "đã … được", "… xong", "thực tế …" (as typed: folded,
# "đã" is the "Đà" of Đà Nẵng too; without marks, what is left to go by)
_DONE_CLAIMED = lazy_regex(r"(?<!\w)đã(?!\w).*(?<!\w)(?:rồi|xong|được)(?!\w)|(?<!\w)(?:xong|thực tế)(?!\w)", re.I)
_DONE_CLAIMED_FOLDED = lazy_regex(r"\bda\b.*\b(?:roi|xong|duoc)\b|\bxong\b|\bthuc te\b")
_DONE_SAID = lazy_regex(r"(?<!\w)(?:đã|xong)(?!\w)", re.I)  # a passage saying what was done
_COMPARED_WITH_NOW = lazy_regex(rf"\bso (?:voi|vs) {_NOW_WORDS}\b")
_STAFF_WORDS = 2  # "63 công chức": the words after a figure that say it counts staff
# "cao hơn Thái Lan bao nhiêu %", "chênh lệch bao nhiêu": a gap between two things, which one figure does not give
_GAP_ASKED = lazy_regex(r"\b(?:cao|thap|nhieu|it|lon|nho|dong|hon) hon\b(?:\s+\w+){0,4}?\s+(?:bao nhieu|bn|may)\b"
                        r"|\bchenh(?: lech)?\b")
_GAP_WORDS = {"hon", "chenh", "lech"}  # "nhiều hơn 5 người", "chênh lệch 3%": a figure said as the gap
_WORDS_BEFORE = 3  # the words right before a figure that say what it is ("đều có trên 300", "nhiều hơn 5")
_EACH = "deu"  # "đều có trên 300 người": each of several has it
_MOST = "nhat"  # "nhiều nhất", "cao nhất": the most of several
_OTHER_THAN = {"khac"}  # "huyện khác": another than the one named ("ngoài" is as often "besides": "ngoài ISO")
# The last word of a kind of unit or place ("huyện", "sở", "đơn vị", "địa phương", "nơi"): "… khác" after one is
# another unit, whose figures are its own ("chuyển việc khác" says how, not where)
_UNIT_KINDS = {"huyen", "tinh", "xa", "so", "bo", "nganh", "quan", "phuong", "phong", "vi", "noi", "truong"}
# "(được nhắc) trong bài báo về củng cố đội ngũ cán bộ (là ai)": the article read, named by its title's words
_ARTICLE_NAMED = lazy_regex(r"(?i)(?:(?:được\s+)?(?:nhắc|nói|nêu|đề cập)(?:\s+(?:tới|đến))?\s+)?(?:trong|ở|theo)?\s*"
                            r"\bbài(?:\s+báo|\s+viết)?\s+(?:về|viết về|nói về|có tiêu đề|có tựa(?: đề)?|tên là)\s+"
                            r"[\"“']?(.+?)[\"”']?(?=\s+(?:là|có|thì|đăng|ra sao|bao nhiêu|mấy|ai)\b|[,?.!:;]|$)")
_WEIGHED = lazy_regex(r"(?i)\s(?:hay|hoặc|hoac)\s")  # "X nhiều hơn hay Y nhiều hơn?": two things weighed
_TITLE_WORDS, _TITLE_SHARE = 3, 0.75  # at least so many words of it, nearly all in one article's title
# "…, trong đó bao nhiêu …", "… bao nhiêu người trong số 121 công chức …", "sát hạch 63 công chức … thì bao nhiêu
# người là chuyên viên": a part of a whole the question states
_OF_WHICH = lazy_regex(r"\b(?:trong (?:do|so do|so nay)|thi)\s+(?:co\s+)?(?:bao nhieu|may|bn)\b"
                       r"|\b(?:bao nhieu|may|bn)(?:\s+\w+){0,3}\s+trong (?:tong )?so\s+(?:hon |gan |khoang )?\d")
_CLAUSES = lazy_regex(r"[,;:]")  # what parts a question into clauses
_ACCORDING_TO, _SOURCE_WORDS = "theo", 5  # "theo kết luận thanh tra bnv": a source named, up to this many words
_CONCEPT_PAIRS = 3  # this many syllable pairs in a row make a concept (shorter runs are often chance neighbours)
_HOW_MANY = ("bao", "nhieu")
_FEW = "may"  # "mấy", asking a small count
_AND_ANOTHER = lazy_regex(r"(?:^|\s)va(?:\s+(?:khoang|hon|gan|tren|duoi|chung))?$")  # "…, và (khoảng) | 39.000 …"
_OFFICE = "van"  # "văn phòng", the office of a unit, is no "phòng" of it
_PART_NAME_WORDS = 3  # the words after "phòng", "trung tâm" looked at as the part's name ("Phòng Thanh tra")
_NOUN_CHARS = 40  # characters after a figure read for the noun it counts
_RESTATED_FROM = 10  # a figure this large said in two passages of one article is one figure restated
_ROUNDED_BY = {"hon", "tren", "gan", "khoang", "chung", "xi", "duoi"}  # "hơn 1.500": a figure rounded ("xấp xỉ")
# "so với (năm) 2015 tăng mấy %?": a change against a year, which an answer may already give
_AGAINST_YEAR = lazy_regex(r"\bso (?:voi|vs) (?:(?:nam|hoi|thoi|thoi diem|cung ky|ky) )*((?:19|20)\d\d)\b")
_HOW_MANY_WORDS = r"(?:bao nhieu|bao nhiu|may|bn)"  # (folded) the words asking how many
_HAVING_HOW_MANY = lazy_regex(rf"\b(?:co|con(?: lai)?)\s+(?:tat ca\s+|tong cong\s+)?{_HOW_MANY_WORDS}\b")
_ARTICLE_CHOICE = "Bài “{title}”"  # one of several articles offered (bot text)
_RECHECKED = "phải không?"  # a yes/no question's end, for a claim asked again without some of its figures
# "sau sáp nhập … còn (lại) bao nhiêu", "giảm hơn 14.000 cán bộ thôn thì còn lại bao nhiêu?": what is left after a
# change (without "sau", "còn" says so after "thì", "vậy", "rồi", "giờ", "nay", or as "còn lại")
_CUT_WORDS = r"(?:sap nhap|sap xep|tinh gian|cat giam|giam|hop nhat|gop|giai the)"
_LEFT_AFTER = lazy_regex(rf"\bsau (?:khi )?{_CUT_WORDS}\b.*\bcon(?: lai)? {_HOW_MANY_WORDS}\b"
                         rf"|\b{_CUT_WORDS}\b.*\b(?:con lai|(?:thi|vay|roi|gio|nay) con) {_HOW_MANY_WORDS}\b")
# "Trước đợt giảm 69 biên chế, … có bao nhiêu biên chế?": what there was before a change the question names
_BEFORE_CHANGE = lazy_regex(rf"\btruoc (?:khi |dot |lan )?(?:{_CUT_WORDS}|tang)\b")
_HOW_MANY_SAID = lazy_regex(rf"\b{_HOW_MANY_WORDS}\b")
_HAVING = {"co", "hien", "con", "la"}  # "(hiện) có/còn bao nhiêu", "… là bao nhiêu": what there is
# Words before "bao nhiêu" that do nothing: having, a whole, a rounding ("tổng bn", "trên bn", "khoảng bn")
_NO_ACTION = _HAVING | {"tongso", "tren", "hon", "gan", "khoang", "chung", "duoi", "duoc"}
_LEADERS, _HEAD = "lanh_dao", "dungdau"  # "lãnh đạo" and the head's title as read ("người đứng đầu": synonyms.yaml)
_COUNTRY = "Cả nước"  # the gazetteer's name for the whole country (places.yaml, agencies)
_PARTICLES = {"duoc", "di", "them", "xuong", "len", "ra", "lai"}  # "giảm được bao nhiêu": the verb is before them


@dataclass(frozen=True)
class _NamedPlace:
    """A place a question names that the gazetteer does not know ("quận Long Biên", "huyện Cờ Đỏ")."""

    name: str  # as shown, with its kind ("huyện Cờ Đỏ")
    terms: tuple[str, ...]  # the terms that say it as the knowledge reads it (its syllable, or its bigrams)
    spelled: str  # its words folded ("co do"): what a fact must write
    whole: bool  # the knowledge reads each of its words (not "Cờ Đỏ": "cờ" is read as "có", a filler)


@dataclass(frozen=True)
class PolicySettings:
    """Thresholds that turn scores into outcomes; every number comes from config.yaml."""

    answer_threshold: float
    min_coverage: float
    clarify_margin: float
    place_margin: float
    dominance_floor: float
    dominance_coverage: float
    dominance_margin: float
    place_coverage_margin: float
    min_reverse: float
    clarify_floor: float
    clarify_min_coverage: float
    whole_coverage: float
    said_whole: float
    coverage_gap: float
    total_coverage: float
    narrower_gap: float
    quote_match: float
    name_match: float
    name_same: float
    follow_floor: float
    follow_coverage: float
    follow_reverse: float
    max_suggestions: int
    examples: int


@dataclass(frozen=True)
class Source:
    """Where a fact comes from, down to the quoted sentence."""

    id: str
    title: str
    publisher: str
    date: str
    author: str
    url: str | None
    quote: str


@dataclass(frozen=True)
class Suggestion:
    """A fact offered to the user as a question they may have meant, or as an example."""

    fact_id: str
    question: str
    score: float
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Why:
    """Which rule decided, with the values it measured and the thresholds it compared them with."""

    rule: Rule = Rule.EMPTY
    values: dict[str, float | int | str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The `why` record of `ask --json` and the question log."""
        return {"rule": str(self.rule), **self.values}


@dataclass(frozen=True)
class Answer:
    """The engine's verdict on one question; renderers turn it into text."""

    question: str
    outcome: str
    score: float = 0.0
    fact: Fact | None = None
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    examples: tuple[Suggestion, ...] = ()
    reason: str = ""
    missing: tuple[str, ...] = ()  # places or organisations named that the knowledge does not cover
    lead: str = ""  # said before the fact: a yes/no verdict ("Đúng.", "Chưa đúng: …"), or what a follow-up asked
    places: tuple[str, ...] = ()  # the places the question named (or was taken to be about)
    figures: tuple[str, ...] = ()  # figures the question named that no fact has ("năm 2020")
    coverage: float = 0.0  # share of the question the answering fact covers
    parts: tuple["Answer", ...] = ()  # a message asking several things: one answer per question, in order
    read_as: str = ""  # a follow-up read as a whole question ("còn Đông Triều?": the last one, of Đông Triều)
    why: Why = Why()  # which rule decided, and what it measured

    @property
    def answered(self) -> bool:
        """True only when a fact answers the question."""
        return self.outcome == ANSWER


class Engine:
    """Answers questions from one immutable knowledge base."""

    def __init__(self, kb: KnowledgeBase, match: MatchSettings, policy: PolicySettings,
                 previous: "Engine | None" = None):
        self.kb = kb
        self.policy = policy
        self.index = Index(kb, match, previous.index if previous is not None else None)
        self._smalltalk = _smalltalk_regex(kb)
        self._smalltalk_words = _smalltalk_words(kb)
        # Words that only ask, or compare what was asked before ("mỗi bên mấy người?", "nơi nào cao hơn?")
        self._questioning = frozenset(t for w in kb.question_words for t in self.index.reader.analyse(w).tokens)
        self._asking = self._questioning | _COMPARING | _APPROXIMATE
        self._changes = frozenset(t for w in kb.changes for t in self.index.reader.analyse(w).tokens)
        self._change_runs = frozenset(tuple(self.index.reader.analyse(w).tokens) for w in kb.changes) - {()}
        self._intake_runs = frozenset(tuple(self.index.reader.analyse(w).tokens) for w in kb.intakes) - {()}
        self._subjects = frozenset().union(*self.index.scope.keys) - self._asking  # what facts are about
        # The facts giving the details of the articles about each place (where, when, by whom published)
        self._details: dict[str, tuple[Fact, ...]] = {}
        for f in kb.facts:
            if _ABOUT_ARTICLE in f.tags:
                self._details[f.place] = (*self._details.get(f.place, ()), f)
        # see _changes_of (found when first asked), by fact and the words asked of
        self._only_changes: dict[tuple[str, frozenset[tuple[str, ...]]], tuple[frozenset[str], bool]] = {}
        self._figures_said: dict[str, list[figures.Figure]] = {}  # see _own_figures (found when first asked)
        self._title_terms: dict[str, set[str]] | None = None  # see _by_title (read when first asked)
        self._named_in_facts: frozenset[str] | None = None  # see _places_named (read when first needed)
        self._staff = tuple(t for t in {tuple(self.index.reader.analyse(w).tokens) for w in kb.staff_nouns} if t)
        # What a decline or small talk offers when no place is named: the first fact of each place, for variety, not
        # one giving an article's date or author (a poor example of what can be asked). Found once here: a scan of
        # every fact per decline was most of a decline's cost with 100,000 facts.
        first: dict[str, Fact] = {}
        self._place_firsts: dict[str, list[int]] = {}  # the first facts of each place, in knowledge order
        for i, f in enumerate(kb.facts):
            if _ABOUT_ARTICLE not in f.tags:
                first.setdefault(f.place, f)
            firsts = self._place_firsts.setdefault(f.place, [])
            if len(firsts) < policy.examples:
                firsts.append(i)
        self._first_examples = self._suggest([Candidate(f, 0.0, 0.0, 0.0, 0.0, 0.0) for f in first.values()]
                                             )[: policy.examples]

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """Answer, clarify or decline one message; never raises on any string.

        The message is read as a message (greetings, thanks, signatures, headers and emoji set aside); each
        question in it is answered. `context` is what the conversation knows (the last question, its places,
        the fact that answered it): a follow-up is read with it ("còn Hoành Bồ thì sao?", "ông ấy giữ chức gì?").
        """
        question = question if isinstance(question, str) else str(question)
        question = clean(question[: self.index.settings.max_message_chars])
        if context is not None and (context.question or context.fact_id):
            return self._follow(question, context)
        return self._message(question)

    def recall(self, text: str, ctx: Context) -> tuple[Fact, str] | None:
        """The earlier answer a message goes back to ("quay về thị xã lúc nãy: …") and what it asks of it: the
        latest answer about the place it names, or about a place of the kind it names, or the one before the
        last."""
        back = followup.returning(text)
        if back is None or not ctx.earlier:
            return None
        facts = [f for f in (self.kb.fact(i) for i in ctx.earlier) if f is not None]
        named = self.analyse(back.what).places
        kinds = [k for k in followup.KINDS if re.search(rf"\b{k}\b", back.what)]
        if named:
            found = [f for f in facts if named & ({f.place} | self.index.article_places.get(f.article_id, set()))]
        elif kinds:
            found = [f for f in facts if any(self._of_kind(f, k) for k in kinds)]
        elif back.what in followup.FIRST:
            found = facts[-1:]  # the conversation's first answer
        elif not back.what or back.what in followup.GENERIC:
            found = facts
        elif followup.the_other_one(back.what):
            return None  # "quay lại đề án còn lại": not an earlier answer, the other one
        else:  # "quay lại mấy lớp lúc nãy": the latest answer whose fact says what it is named by
            words = [t for t in self.analyse(back.what).tokens if t not in self._asking]
            found = [f for f in facts if words and self._speaks_of(f, words)]
            if not found:
                return None
        if len(found) > 1 and found[0].id == ctx.fact_id:
            found = found[1:]  # going back means before the last answer, when there is such an answer
        # "lúc nãy, trung tâm có 18 người hay 20 người?": the earlier answer giving a figure it cites, if one does
        claimed = {f.value for f in figures.find(back.rest) if f.is_quantity}
        giving = [f for f in found if claimed & {g.value for g in self.index.figures_of[f.answer]}]
        found = giving or found
        return (found[0], back.rest) if found else None

    def of_kind(self, fact_id: str, kind: str) -> bool:
        """Whether the fact of this id is about a place its article calls by this kind (followup.KINDS: "huyen")."""
        fact = self.kb.fact(fact_id)
        return fact is not None and self._of_kind(fact, kind)

    def _of_kind(self, fact: Fact, kind: str) -> bool:
        """Whether a fact's article (its title, the fact's unit or answer) calls its place by this kind: "thị xã Đông
        Triều", "TX Đông Triều", "Sở KH&CN Lạng Sơn" (a kind, at most two words, then the name)."""
        art = self.kb.articles.get(fact.article_id)
        said = fold(f"{art.title} {fact.unit} {fact.answer}" if art else f"{fact.unit} {fact.answer}")
        names = {fold(p) for p in (fact.place, *(art.places if art else ()))}
        return any(re.search(rf"\b{k}(?:\s+\S+){{0,2}}\s+{re.escape(n)}\b", said) or n.startswith(k + " ")
                   for k in followup.KINDS[kind] for n in names)

    def _follow(self, text: str, ctx: Context) -> Answer:
        """A message in a conversation: a return to an earlier answer, a shift of place or topic, a correction, a
        check of the last figure, a pronoun or an ellipsis resolved with the last answer; else the message on its
        own."""
        recalled = self.recall(text, ctx)
        if recalled is not None:
            fact, rest = recalled
            if not any(c.isalnum() for c in rest):
                return self._followed(text, self.answer_fact(fact.id, text), "return")
            back = Context(fact.questions[0] if fact.questions else "", frozenset({fact.place}), fact.id)
            return self._followed(text, self._follow(rest, back), "return")
        if self._smalltalk_kind(text):  # "ok cảm ơn bạn nhiều": only conversation, never a follow-up
            return self._message(text)
        analysis = self.analyse(text)
        last = self.kb.fact(ctx.fact_id) if ctx.fact_id else None
        sourced = self._offered_by_source(analysis, ctx.offered) if ctx.offered and not analysis.places else None
        if sourced is not None:  # "cái bài đăng trên tạp chí ấy": the choice from that publication
            return self._followed(text, self.answer_fact(sourced.id, text), "by_source")
        placed = self._offered_of_place(analysis, ctx.offered) if ctx.offered and analysis.places else None
        if placed is not None:  # "mình cần số của thị xã Đông Triều cơ": the choice about that place
            return self._followed(text, self.answer_fact(placed.id, text), "by_place")
        pointed = self._offered_by_figure(text, ctx.offered) if ctx.offered and not analysis.places else None
        if pointed is not None:  # "cái 10 người ấy": the choice giving that figure
            return self._followed(text, self.answer_fact(pointed.id, text), "by_figure")
        claimed = self._claimed_with_choices_open(text, ctx) if ctx.offered and not analysis.places else None
        if claimed is not None:
            return claimed
        moved = followup.shift(text) if ctx.question else None
        if moved is None and ctx.question and analysis.places and (not analysis.tokens or not ctx.offered and all(
                self.index.scope.unit_word(t) for t in analysis.tokens)):
            # "Bắc Kạn ạ", and "sở khoa học hải dương" after an answer (after choices, a unit's words narrow
            # the question instead), alone: "còn Bắc Kạn thì sao?"
            moved = followup.Shift(text)
        # ("còn chuyên viên là 10 người hả?" after "… chuyên viên chính?" claims a figure of the other course)
        whole = followup.whole_unit(text, last.unit) if last is not None and not analysis.places else ""
        checked = self._check_last(text, last) if last is not None and not analysis.places and not whole \
            and not self._replaces_term(moved, ctx.question) else None
        if checked is not None:
            return checked
        if whole and questions.confirmation(text) is not None:
            # "vậy cả sở có 60 người à?" after a count of part of its staff: a figure of the whole unit, checked
            # as that unit's (never against the part's)
            of_unit = self._message(whole)
            if of_unit.outcome in (ANSWER, CLARIFY):
                return self._followed(text, of_unit, "whole_unit")
        of_kind = self._of_other_kind(text, analysis, last, ctx.question)
        if of_kind is not None:
            return self._followed(text, of_kind, "other_kind")
        shifted = self._shifted(text, moved, ctx, last) if moved is not None else None
        if shifted is not None:
            return shifted
        meant = followup.correction(text) if ctx.question else None
        meant_places = self.analyse(meant).places if meant is not None else frozenset()
        if meant_places:
            if message.asks_its_own(followup.correction(text) or ""):
                # "à nhầm, ý mình là Đông Triều, bên đó bổ nhiệm bao nhiêu cán bộ?": its own question, of that place
                own = self._message(text, meant_places, True)
                if own.outcome in (ANSWER, CLARIFY):
                    return self._followed(text, own, "correction")
            return self._followed(text, self._message(ctx.question, meant_places, True), "correction")
        instead = followup.corrected_question(text) if last is not None and meant is not None else ""
        if instead and message.asks_its_own(instead):
            # "à nhầm, ý mình là bao nhiêu viên chức, người lao động" after the Trung tâm's deputies: another
            # question of the same thread, the last answer's article first
            own = self._in_last_article(instead, last) or self._message(instead, ctx.places or None)
            if own.answered:
                return self._followed(text, own, "correction")
        elif instead and ctx.question and not self.analyse(instead).places:
            # "à không, ý mình là viên chức (cơ)" after "… cán bộ, công chức …?": the last question of what is
            # meant instead, as "còn viên chức?" asks it
            swapped = self._shifted(text, followup.Shift(instead), ctx, last)
            if swapped is not None and swapped.answered:
                return self._followed(text, swapped, "correction")
        if last is not None and ((not analysis.places and followup.this_article(text)) or (
                analysis.places == {last.place} and followup.asks_article_details(text))):
            # "bài này đăng ở tạp chí nào?": that article; so is "bài về Hải Dương ai viết?" in a thread about one
            # of the articles about Hải Dương
            same = self._in_last_article(text, last, pointed=True)
            if same is not None:
                return self._followed(text, same, "same_article")
        if ctx.offered and not analysis.places and set(analysis.tokens) <= _KIND_WORDS:
            # "cái của huyện ấy" when no choice shown is: the clarified question of the one unit of that kind whose
            # facts fit it; of several, which one; of none, the choices again (no fact picked by "huyện" alone)
            # (the kind as typed: reading drops "thị" of "thị xã" as a place's prefix, leaving a "xã")
            typed = tuple(followup.cleaned(text).split())
            kinded = self._asked_of_kind(typed, ctx.question) if ctx.question else None
            return self._followed(text, kinded or self.offer(text, list(ctx.offered)), "kind")
        plain = self._message(text)
        if plain.answered and analysis.places:
            return plain
        if not plain.answered and ctx.offered and plain.reason != UNKNOWN_PLACE:
            narrowed = self._narrowed(text, analysis, ctx)
            if narrowed is not None:
                return self._followed(text, narrowed, "narrowed")
        # (after a decline, the last answer given: "vậy tỷ lệ … tăng bao nhiêu so với 2015?" after a question of a
        # district no article covers goes back to the answer before it)
        recent = last or (self.kb.fact(ctx.earlier[0]) if ctx.earlier else None)
        against = self._against_last(text, analysis, recent) if recent is not None else None
        if against is not None:
            # (the last question, compared with a year: what the thread asks next of, "còn viên chức thì sao?")
            return replace(self._followed(text, against, "last_says"), read_as=ctx.question)
        if not plain.answered and last is not None and not analysis.places and ctx.question \
                and (self._counts_other_of_last(text, analysis, last, ctx.question)
                     or self._counted_by_last(analysis, last)
                     or self._counts_what_last_names(text, last, ctx.question)):
            # "cho khoảng bao nhiêu người học?" after "… mở 38 lớp … cho trên 3.000 cán bộ": its count of people
            # (remembered as the last question with it: "còn Hoành Bồ?" then asks both of Hoành Bồ)
            return replace(self._followed(text, self.answer_fact(last.id, text), "last_counts"),
                           read_as=f"{ctx.question.rstrip(' ?')} {text}")
        resolved = text
        if last is not None and followup.names_a_person(text):
            people = people_in(last.answer)
            if people:
                resolved = followup.with_person(text, people[0], last.unit)
        places = ctx.places if not analysis.places else None
        deferred: Answer | None = None  # an answer of the thread's places, after the last question's reading
        if resolved != text or places:
            within = self._message(resolved, places)
            if within.answered and self._held(within, places):
                if not self._last_speaks_of_all(analysis, last, within):
                    return self._followed(text, within, "in_context")
                deferred = within
        else:
            within = plain
        if (not analysis.places and ctx.question and plain.reason != UNKNOWN_PLACE
                and any(t[0].isalpha() for t in analysis.tokens) and len(analysis.tokens) <= _FOLLOW_UP_WORDS):
            merged = self._in_context(text, f"{resolved} {self._earlier(ctx.question, resolved)}".replace("?", " "),
                                      "", places, False)
            subjects = [t for t in analysis.tokens if t in self._subjects]
            said = [t for t in terms_of(analysis.tokens) if t in self._subjects]  # ("ngoại ngữ": its pair too)
            if merged.outcome == CLARIFY and said and self._questioning.isdisjoint(analysis.tokens):
                # "ngoại ngữ?" after "… chương trình chuyên viên?", naming only a topic, read as that question of
                # foreign languages and asked back between that fact and one of the last question's words only: the
                # one saying it ("bắt đầu từ khi nào?" asks of the last answer, see _last_says)
                saying = [s.fact_id for s in merged.suggestions if self._speaks_of(self.kb.fact(s.fact_id), said)]
                if len(saying) == 1:
                    merged = replace(self.answer_fact(saying[0], text),
                                     why=Why(Rule.NARROWED, {**merged.why.values, "said": " ".join(said)}))
            again = last is not None and merged.answered and merged.fact.id == last.id
            if (merged.answered and self._held(merged, places) and not merged.parts
                    and self._speaks_of(merged.fact, subjects) and not self._names_no_one_asked(text, analysis, merged)
                    and not (again and (moved is not None or not self._speaks_of(last, self._asked_with(analysis))))):
                # "ban hành ngày nào?" may ask the last fact again; "có bao nhiêu viên chức?" or "còn X?" may not
                return self._followed(text, merged, "with_last_question")
        if deferred is not None:
            return self._followed(text, deferred, "in_context")
        if not plain.answered and last is not None and analysis.places <= ctx.places | {last.place} \
                and not self._other_place(analysis, last):
            same = self._in_last_article(text, last)
            if same is not None:
                return self._followed(text, same, "same_article")
        if not plain.answered and last is None and len(places or ()) == 1 and not followup.names_a_person(text):
            # "làm theo nghị quyết nào của cấp trên?" after a clarification between two facts of the Hải Dương
            # union: the thread is still about Hải Dương, whatever other places' facts the words fit too (choices
            # of several places leave the thread about none of them); but not "ông ấy còn giữ vai trò gì?" with no
            # one answered before, whom it means not known
            same = self._in_thread(text, places)
            if same is not None:
                return self._followed(text, same, "same_place")
        # "áp dụng với những ai" in a thread about Đông Triều: another place's fact leading only by a margin is no
        # answer to a follow-up; nor, however strong, to one asking of a part of the last answer ("trong đó bao nhiêu
        # người là nữ?" after the Sở's 71 staff)
        elsewhere = plain.answered and places and plain.fact.place not in places and (
            plain.why.rule != Rule.STRONG or (last is not None and self._asks_only_when(text))
            or (last is not None and followup.part_of_last(text)))
        if (elsewhere or not plain.answered) and last is not None and not analysis.places:
            said = self._last_says(text, last)
            if said is not None:
                return self._followed(text, said, "last_says")
        if not plain.answered and within.outcome == CLARIFY:
            return within
        if len(places or ()) == 1 and not (plain.answered and plain.fact.place in places) \
                and followup.points_at_place(text):
            # "năm 2019 sở đó tuyển mới bao nhiêu công chức?": asked of the thread's one place, never answered
            # by, nor offering, what other places give
            return within
        if plain.outcome == CLARIFY and len(places or ()) == 1 and not analysis.places \
                and self._asked(text, analysis).who:
            # "giám đốc là ai?" in a thread about the Lạng Sơn centre, asked back between Hải Dương's director and
            # the centre's: the one choice of the thread's place (who holds a post; a count asked back between
            # other facts may fit none of them)
            mine = [s.fact_id for s in plain.suggestions if (f := self.kb.fact(s.fact_id)) and f.place in places]
            if len(mine) == 1:
                return self._followed(text, self.answer_fact(mine[0], text), "thread_choice")
        return within if elsewhere else plain  # (what the thread's places give)

    def _shifted(self, text: str, moved: followup.Shift, ctx: Context, last: Fact | None) -> Answer | None:
        """A follow-up naming only what changes ("thế còn Bắc Kạn?", "thế năm 2018?", "còn chuyên viên?"): the last
        question of another place or year, or the new topic in the thread's places; None when it is neither."""
        rest = self.analyse(moved.rest)
        said = set(self.analyse(ctx.question).tokens)
        unsaid = [t for t in rest.tokens if t.isalpha() and t not in said]
        if rest.places and all(self.index.scope.unit_word(t) for t in unsaid):
            # "thế còn Bắc Kạn?", "thế còn sở khcn hải dương?" after "sở khcn lạng sơn …": another place, its
            # other words those the last question says too, or naming the unit there it asks of ("còn sở khoa học
            # bên Hải Dương?" after "… ở Lạng Sơn"): the last question of that place (and unit)
            question = " ".join([ctx.question, *unsaid])
            shifted = self._message(question, rest.places, True)
            if shifted.why.rule == Rule.FIGURE_NOT_GIVEN and followup.without_years(question) != question:
                # "thế còn Bắc Kạn?" after "… giai đoạn 2012-2017": the years were the last article's, not asked
                # of the other place; the question without them
                shifted = self._message(followup.without_years(question), rest.places, True)
            # (what it was read as, the old place's name taken out, is the thread's question for the next shift:
            # "Đông Triều" then "Hoành Bồ ạ" after a question about Bắc Kạn)
            return replace(self._followed(text, shifted, "shift_place"),
                           read_as=f"{self.analyse(question).content} {moved.rest}")
        year = followup.year_only(moved.rest)
        if year and ctx.question:  # "thế năm 2018?": the last question, of another year
            return self._followed(text, self._message(followup.with_year(ctx.question, year), ctx.places or None),
                                  "shift_year")
        if not rest.places and ctx.places:
            shifted = self._message(moved.rest, ctx.places)
            framed = self._in_frame(ctx.question, moved.rest, ctx.places) if shifted.answered else None
            if framed is not None and not framed.answered and framed.reason == NOT_GIVEN:
                # "còn thạc sĩ?" after "Đông Triều có bao nhiêu trí thức?" asks how many it has, which the 8 it
                # attracted are not: the topic alone ("thạc sĩ") fits that fact, the question it completes does not
                return self._followed(text, framed, "shift_topic")
            earlier = self._earlier(ctx.question, moved.rest) if ctx.question else ""
            # (read as the last question of the new topic: the thread's question for what follows, "ngoại ngữ?"
            # after "còn chương trình chuyên viên?")
            topic = {"read_as": f"{moved.rest} {earlier}"} if earlier else {}
            if not shifted.answered and earlier and earlier != ctx.question:
                # "còn cán bộ công chức?" after "… viên chức … lý luận chính trị?": the last question with the
                # term of the contrast group replaced, when the new term alone fits several facts
                swapped = self._message(f"{moved.rest} {earlier}", ctx.places)
                # (never a fact not saying the new term: "chuyên viên chính thì sao?" after "còn chương trình chuyên
                # viên?" in a thread begun on "… cao cấp lý luận chính trị?" is not that course's figure again)
                if swapped.answered and self._speaks_of(swapped.fact, [t for t in rest.tokens if t in self._subjects]):
                    return replace(self._followed(text, swapped, "shift_topic"), **topic)
            given = self._given_with_last(rest, ctx, last) if not shifted.answered else None
            if given is not None:
                # "còn viên chức?" after an answer giving the cán bộ, công chức's rate and the viên chức's: the one
                # of them that says it
                return replace(self._followed(text, self.answer_fact(given.id, text), "shift_topic"), **topic)
            offered = shifted.suggestions if shifted.outcome == CLARIFY else (
                shifted.examples if shifted.why.rule in (Rule.RIVALS, Rule.NEAR, Rule.VAGUE) else ())
            if offered and last is not None:
                if any(s.fact_id == last.id for s in offered) and self._counts_other(last, moved.rest, ctx.question):
                    # "còn số người được học thì sao?" after "… mở bao nhiêu lớp?": the last fact's other count
                    return self._followed(text, self.answer_fact(last.id, text), "shift_measure")
                # "còn chuyên viên?" after "… chuyên viên chính?": the one choice of the same article that is
                # not the last answer
                others = [s.fact_id for s in offered if s.fact_id != last.id
                          and self.kb.fact(s.fact_id).article_id == last.article_id]
                if len(others) == 1:
                    return replace(self._followed(text, self._checked(self.answer_fact(others[0], text)),
                                                  "shift_topic"), **topic)
            if shifted.outcome in (ANSWER, CLARIFY):
                return replace(self._followed(text, shifted, "shift_topic"), **topic)
        return None

    def _given_with_last(self, rest: Analysis, ctx: Context, last: Fact | None) -> Fact | None:
        """Of the facts answered in the last answer's article (the several facts of one answer among them), the one
        fact that says every word a follow-up names, when another does not; else None."""
        words = tuple(t for t in rest.tokens if t.isalpha())
        if last is None or not words:
            return None
        answered = [f for f in self._facts(dict.fromkeys((last.id, *ctx.earlier))) if f.article_id == last.article_id]
        saying = [f for f in answered if self._says_words(f, words)]
        return saying[0] if len(saying) == 1 < len(answered) else None

    def _says_words(self, fact: Fact, words: tuple[str, ...]) -> bool:
        """Whether a fact says these words in a row (as its terms hold them)."""
        return has_run(self.index.scope.everything[self.index.position[fact.id]], words)

    def _asked_of_kind(self, tokens: tuple[str, ...], question: str) -> Answer | None:
        """The question asked of units of the kind named, by the unit's own name ("huyện": "huyện Hoành Bồ", "tx":
        "TX Đông Triều"; not "Sở KH&CN Lạng Sơn" for "tỉnh", whose article names the province too) whose facts fit
        it: answered within the one such place, or which of several; None when no unit of that kind has such a
        fact."""
        # (the kind of two words first: "cái ở thị xã" names a thị xã, not a xã)
        pairs = (" ".join(tokens[k:k + 2]) for k in range(len(tokens) - 1))
        spellings = followup.KINDS.get(" ".join(tokens)) or next(
            (followup.KINDS[t] for t in (*pairs, *tokens) if t in followup.KINDS), ())
        analysis = self.analyse(question)
        asked = self._asked(question, analysis)
        p, scope = self.policy, self.index.scope
        places = {c.fact.place for c in self.index.rank(analysis).candidates
                  if c.coverage >= p.clarify_min_coverage and scope.fits(asked, self.index.position[c.fact.id])
                  and any(followup.cleaned(c.fact.unit).startswith(f"{k} ") for k in spellings)}
        if not places:
            return None
        return self._message(question, frozenset(places), True)

    def _of_other_kind(self, text: str, analysis: Analysis, last: Fact | None, question: str) -> Answer | None:
        """"còn huyện thì định mở mấy lớp?" after an answer about a district of another kind (a thị xã): the
        question asked of the districts of the kind named, never of the thread's; None when it is no such
        follow-up or no district of that kind has a fact that fits."""
        shifted = followup.kind_shift(text) if last is not None and not analysis.places else None
        if shifted is None:
            return None
        kind, asked = shifted
        spelled = {k: followup.KINDS[k][0] for k in followup.DISTRICT_KINDS}  # ("tx" and "thị xã" are one kind)
        kinds = {k for k in set(spelled.values()) if self._of_kind(last, k)}
        if not kinds or spelled[kind] in kinds:
            return None  # the thread is about no district, or about one of this kind: "huyện" may be it
        before = followup.kind_shift(question) if not asked else None
        if before is not None:  # ("còn thị xã thì sao?", then "còn huyện?": the question the thread began with)
            asked = before[1] or (last.questions[0] if last.questions else "")
        asked = asked or question
        found = self._asked_of_kind((kind,), asked) if asked else None
        if found is None and asked and followup.without_years(asked) != asked:
            # "còn thị xã thì sao?" after "Hoành Bồ … năm 2019 …": the year was the last article's, not asked of the
            # other kind (as a shift of place reads it)
            found = self._asked_of_kind((kind,), followup.without_years(asked))
        return found if found is not None and found.outcome in (ANSWER, CLARIFY) else None

    def _counts_other(self, fact: Fact, asked_now: str, asked_before: str) -> bool:
        """Whether a follow-up asks to count something the last question did not, which the last fact counts too
        ("38 lớp … cho trên 3.000 cán bộ": asked the classes, then the people)."""
        now = self._asked(asked_now, self.analyse(asked_now)).measure
        before = self._asked(asked_before, self.analyse(asked_before)).measure
        return now is not None and now != before and now in self.index.scope.counted[self.index.position[fact.id]]

    def _counts_other_of_last(self, text: str, analysis: Analysis, last: Fact, before: str) -> bool:
        """Whether a short follow-up (a word at most besides what it counts, or only words the last answer says and
        no figure: "sinh hoạt ở mấy tổ?" after "… 92 đoàn viên, sinh hoạt tại 6 tổ"; no term of a contrast group, no
        whole) asks to count what the last fact, giving two counts or more, counts besides what the last question
        asked."""
        asked = self._asked(text, analysis)
        at = self.index.position[last.id]
        words = self._asked_with(analysis)
        # (every word, known to the knowledge or not: "năm ngoái tỷ lệ là bao nhiêu?" asks another time)
        said = all(t[0].isalpha() and (t in self._asking or t in self.index.scope.everything[at])
                   for t in analysis.tokens)
        return (len(words) <= 1 or said) and not asked.contrasts \
            and not asked.total and len(self.index.quantities[at]) >= 2 and self._counts_other(last, text, before)

    def _counts_what_last_names(self, text: str, last: Fact, before: str) -> bool:
        """Whether a follow-up points with a demonstrative at what the last answer says ("tổng cộng bao nhiêu người
        theo học mấy lớp đó?" after "… mở 7 lớp đào tạo cho 754 cán bộ …") and counts something else it counts."""
        found = followup.pointed(text)
        if found is None:
            return False
        noun, rest = found
        said = self.index.scope.everything[self.index.position[last.id]]
        return set(self.analyse(noun).tokens) <= said and self._counts_other(last, rest, before)

    def _counted_by_last(self, analysis: Analysis, last: Fact) -> bool:
        """Whether a follow-up says nothing but what a figure of the last answer counts, question words and a
        total's word aside ("học viên tổng cộng bao nhiêu?" after "… trên 3.000 học viên …"): that figure asked
        (the words after it as the knowledge reads them: "có mấy phó giám đốc?" of "… 1 phó giám đốc …")."""
        words = tuple(w for w in self._asked_with(analysis) if w != questions.TOTAL)
        return bool(words) and any(f.is_quantity and (f.after[:len(words)] == words or tuple(
            self.analyse(" ".join(f.after)).tokens[:len(words)]) == words) for f in self.index.figures_of[last.answer])

    def _narrowed(self, text: str, analysis: Analysis, ctx: Context) -> Answer | None:
        """A reply to a clarification that names what was meant but none of the choices shown ("cái về sáp nhập
        thôn" after "đề án được nhắc tới là đề án gì?" offered others): of the facts the clarified question could
        offer, the one holding the reply's words, clearly ahead of the next."""
        p = self.policy
        clarified = self.analyse(ctx.question)
        allowed, _ = self._places(clarified.places | analysis.places)
        if analysis.places - clarified.places:
            # "cái ở Sở KH&CN Hải Dương ấy" when no choice shown is there: the clarified question, asked of it
            there = self._message(f"{ctx.question.rstrip(' ?')} {text}")
            if there.answered and not there.parts:
                return there
        # what the clarification could have offered: the facts covering enough of the clarified question
        pool = {c.fact.id for c in self.index.rank(clarified, allowed or None).candidates
                if c.coverage >= p.clarify_min_coverage}
        ranked = [c for c in self.index.rank(analysis, allowed or None).candidates if c.fact.id in pool]
        if not ranked or ranked[0].coverage < p.min_coverage:
            return self._narrowed_by_measure(text, analysis, pool)
        top = ranked[0]
        if len(ranked) > 1 and ranked[1].coverage >= p.min_coverage \
                and ranked[1].score > top.score - p.clarify_margin and not self._same_answer(top, ranked[1]):
            return None
        return self._answer(text, top, (top.fact.place,), Rule.NARROWED, ranked[1:])

    def _narrowed_by_measure(self, text: str, analysis: Analysis, pool: set[str]) -> Answer | None:
        """A reply naming only what its figure counts ("cái tính theo phần trăm ấy"): of the facts the clarified
        question could offer (`pool`), the one whose figures count that, when one only does."""
        scope = self.index.scope
        measure = scope.measures.asked(analysis.tokens)
        if measure in (None, questions.QUANTITY, questions.ANY_FIGURE):
            return None
        counting = [fact_id for fact_id in pool if measure in scope.counted[self.index.position[fact_id]]]
        if len(counting) != 1:
            return None
        fact = self.kb.fact(counting[0])
        return Answer(text, ANSWER, 100.0, fact, self.sources(fact), places=(fact.place,),
                      why=Why(Rule.NARROWED, {"measure": measure, "fact": fact.id}))

    def _in_frame(self, question: str, topic: str, places: frozenset[str]) -> Answer | None:
        """A new topic asked as the last question asked its count ("Đông Triều có bao nhiêu trí thức?", then
        "thạc sĩ": "Đông Triều có bao nhiêu thạc sĩ"), when that question asked one with a noun after it; else
        None."""
        m = _COUNT_ASKED.search(question)
        if m is None or message.asks(topic) or any(c.isdigit() for c in topic):
            return None  # (a topic that asks or claims something of its own is its own question)
        return self._message(f"{question[:m.end()]} {topic}", places)

    def _earlier(self, question: str, follow_up: str) -> str:
        """The last question as a follow-up completes it: without the terms the follow-up replaces by others of
        their contrast group ("trung cấp thì mấy người?" after "… cao cấp chính trị …": not both)."""
        reader = self.index.reader
        earlier = reader.analyse(question)
        kept = self.index.scope.without_contrasted(earlier.tokens, reader.analyse(follow_up).tokens)
        return question if kept is None else " ".join(kept)

    def _in_last_article(self, text: str, last: Fact, pointed: bool = False) -> Answer | None:
        """A follow-up the last answer's article answers ("quyết định đó phê duyệt cái gì?"): of that article's
        facts that fit the question, one clearly first and over the follow-up bars (`pointed`: the message points
        at the article itself, "bài này …", so how much of a fact's phrasing it says does not matter)."""
        return self._in_thread(text, frozenset({last.place}), last, pointed)

    def _in_thread(self, text: str, places: frozenset[str], last: Fact | None = None,
                   pointed: bool = False) -> Answer | None:
        """A follow-up answered within the thread: by the last answer's article (see `_in_last_article`), or,
        with no last answer (after a clarification or a decline), by the facts of the thread's places."""
        p = self.policy
        min_reverse = 0.0 if pointed else p.follow_reverse
        read = questions.not_a_person(text)  # "ai có chuyên môn cao thì …": whoever, not who
        analysis = self.analyse(questions.exclusions(read)[0])
        ranking = self.index.rank(analysis, places)
        if ranking.figures_missing:
            return None  # no fact of the article gives the figures the follow-up names
        asked = self._asked(read, analysis)
        # "ai có chuyên môn cao thì được đưa vào diện gì?" of "… trí thức có trình độ chuyên môn cao": a fact whose
        # quote the follow-up repeats is named by those words, whatever its key terms and phrasings say
        repeated = self._repeated_phrases(read)
        quoted = {c.fact.id for c in ranking.candidates if any(
            f" {r} " in f" {self._folded_quotes[self.index.position[c.fact.id]]} " for r in repeated)}
        # (but a count is not named by where it was made: "Phòng Quản lý công nghệ … có bao nhiêu người?" of "…
        # tiếp nhận 1 tiến sỹ vào Phòng Quản lý công nghệ …" asks what the fact does not count)
        waived = quoted if asked.measure is None else set()
        # (a fact of the last answer's unit needs no unit named: "bà ấy giao việc …" after the Trung tâm's director;
        # none of another time than a year the follow-up asks: "thế năm 2015 thì …?" of "… tăng 42% so với 2015")
        years = _years_of(figures.find(read))
        fit = [c for c in ranking.candidates if (last is None or c.fact.article_id == last.article_id)
               and self.index.scope.fits(asked, self.index.position[c.fact.id], keys=c.fact.id not in waived,
                                         units=last is None or c.fact.unit != last.unit)
               and not self._of_another_time(years, c.fact)]
        # "bên đó còn mấy người đi học chuyên viên chính?": of the thread's facts, those naming what it names of a
        # contrast group, not another course of the same unit the words fit as well
        naming = [c for c in fit if asked.contrasts <= self.index.scope.fact_contrasts[self.index.position[c.fact.id]]]
        fit = naming or fit
        # the last fact need not be named by its key words or its unit: the conversation names them
        again = None if last is None or self._of_another_time(years, last) else next(
            (c for c in ranking.candidates if c.fact.id == last.id
             and self.index.scope.fits(asked, self.index.position[c.fact.id], keys=False, units=False)), None)
        best = max((c.score for c in fit), default=0.0)
        if again is not None and again.coverage >= p.min_coverage and again.reverse >= min_reverse \
                and again.score >= best - p.dominance_margin:
            # "so với 2015 tăng bao nhiêu?" after the ngoại ngữ rate: of the article's facts that fit about as
            # well, the one just talked about
            return self._answer(text, again, (last.place,), Rule.SAME_ARTICLE, [c for c in fit if c is not again])
        # (a fact of the unit just talked about that says all the follow-up does needs no more of its phrasing said:
        # the thread says the unit, "đổi lãnh đạo từ khi nào?" after the Trung tâm's staff)
        told = last is not None and fit[:1] and fit[0].fact.unit == last.unit and fit[0].coverage >= p.min_coverage
        if not fit or fit[0].score < p.follow_floor or fit[0].coverage < p.follow_coverage \
                or (fit[0].reverse < min_reverse and fit[0].fact.id not in quoted and not told):
            return None
        close = [c for c in fit[1:] if c.score > fit[0].score - p.clarify_margin and not self._same_answer(fit[0], c)]
        if close and last is not None and fit[0].fact.unit == last.unit \
                and all(c.fact.unit != last.unit for c in close):
            # "bà ấy giao việc cho cán bộ theo cách nào" after the Trung tâm's director: of the article's facts that
            # fit about as well, the one of the unit just talked about
            close = []
        if close:
            return None
        if last is None:
            return self._answer(text, fit[0], (fit[0].fact.place,), Rule.SAME_PLACE, fit[1:])
        return self._answer(text, fit[0], (last.place,), Rule.SAME_ARTICLE, fit[1:])

    def _of_last(self, text: str) -> tuple[str, tuple[str, ...], list[str]] | None:
        """What a follow-up asks that an answer may say (followup.asked_of_last), its other words (those pointing
        at the last answer aside) and which of them the knowledge knows; None if it asks none of these."""
        asked = followup.asked_of_last(text)
        if asked is None:
            return None
        tokens = _without_referring(self.analyse(asked[1]).tokens)
        return asked[0], tokens, self._known_words(tokens)

    def _asks_only_when(self, text: str) -> bool:
        """Whether a follow-up asks when and names at most one other word ("ký ngày bao nhiêu?"): in a thread,
        of what the last answer said, however well another place's fact fits those few words."""
        asked = self._of_last(text)
        if asked is None or asked[0] != followup.WHEN:
            return False
        _, tokens, words = asked
        return not any(t[0].isdigit() for t in tokens) and len(words) <= _WHEN_WORDS

    def _last_says(self, text: str, last: Fact) -> Answer | None:
        """A short follow-up asking when, for whom, by what document or issued by whom ("cách đó làm từ năm nào?",
        "đối tượng học là những ai", "căn cứ văn bản nào?", "ai ký?"), that names nothing another fact of the last
        answer's article is about: the last answer, if it says a time (a year, a date), a group of people, a
        document (and who issued it)."""
        asked = self._of_last(text)
        if asked is None:
            return None
        kind, tokens, words = asked
        if len(words) > _LAST_SAYS_WORDS:
            return None
        scope, at = self.index.scope, self.index.position[last.id]
        if any(self._points_to(tokens, scope.everything[at], i) for i in self._article_positions(at) if i != at):
            return None  # "… giám đốc là ai?" after a count of the Trung tâm's staff: another fact's subject
        values = {"asked": kind, "words": len(words), "max_words": _LAST_SAYS_WORDS}
        if not self._says(last, kind):
            # "phải mất mấy năm mới được vậy?" after a result the article reaches "sau 5 năm thực hiện …": the one
            # fact of the article saying how long
            saying = [i for i in self._article_positions(at) if kind == followup.DURATION
                      and self._says(self.kb.facts[i], kind)]
            if len(saying) != 1:
                return None
            last, values["fact"] = self.kb.facts[saying[0]], self.kb.facts[saying[0]].id
        return Answer(text, ANSWER, 100.0, last, self.sources(last), places=(last.place,),
                      why=Why(Rule.LAST_SAYS, values))

    def _against_last(self, text: str, analysis: Analysis, last: Fact) -> Answer | None:
        """"so với 2015 tăng mấy %?" naming no place, after an answer giving its change against that year ("88% …,
        tăng 42,0% so với năm 2015"), every word of it the last answer's: the last answer, not the article's other
        facts compared with 2015."""
        folded = fold(text)
        m = _AGAINST_YEAR.search(folded)
        if m is None or analysis.places:
            return None
        rest = self.analyse(f"{folded[:m.start()]} {folded[m.end():]}")  # ("hồi" in "so với hồi 2015" asks nothing)
        if m.group(1) not in {f.value for f in self.index.figures_of[last.answer]} or \
                not self._speaks_of(last, self._asked_with(rest)):
            return None
        return Answer(text, ANSWER, 100.0, last, self.sources(last), places=(last.place,),
                      why=Why(Rule.LAST_SAYS, {"asked": "change", "year": m.group(1)}))

    def _says(self, fact: Fact, kind: str) -> bool:
        """Whether an answer says what `asked_of_last` found asked of it: a time (not only its article's date,
        "Theo bài viết ngày 23/04/2018, …"), a group of people, a document, a document and who issued it."""
        if kind == followup.WHOM:
            return any(has_run(self.index.scope.everything[self.index.position[fact.id]], staff) for staff in self._staff)
        found = self._own_figures(fact)
        if kind == followup.WHEN:
            return any(f.kind in (figures.YEAR, figures.DATE) for f in found)
        if kind == followup.DURATION:  # "sau 5 năm", "10 năm trước": a count of years or months
            return any(f.kind == figures.COUNT and f.after[:1] in (("nam",), ("thang",)) for f in found)
        documents = [f for f in found if f.kind == figures.DOCUMENT]
        if kind == followup.DOCUMENT:
            return bool(documents)
        # "Nghị quyết số 1285-NQ/TU ngày 4/3/2019 của Ban Thường vụ Tỉnh ủy": who issued it follows it
        return any(_ISSUED_BY.search(fact.answer, d.end) for d in documents)

    def _own_figures(self, fact: Fact) -> list[figures.Figure]:
        """The figures a fact's answer gives, its article's date aside (found once per fact, when first asked)."""
        found = self._figures_said.get(fact.id)
        if found is None:
            found = self._figures_said[fact.id] = figures.find(_without_article_date(fact.answer))
        return found

    def _points_to(self, tokens: tuple[str, ...], said: frozenset[str], i: int) -> bool:
        """Whether words a message says and the last answer does not (`said`: its terms) are what the fact at `i`
        is about: a key pair of words, or a key word whose pairs in the message the fact says too ("đối tượng" is
        not "đội ngũ")."""
        keys, own = self.index.scope.keys[i], self.index.scope.everything[i]
        for term in terms_of(tokens):
            if term in said or term not in keys:
                continue
            pairs = [p for p in terms_of(tokens) if _BIGRAM in p and term in p.split(_BIGRAM)]
            if _BIGRAM in term or not pairs or any(p in own for p in pairs):
                return True
        return False

    def _other_place(self, analysis: Analysis, last: Fact) -> bool:
        """Whether a message names a place (not an office) the last answer's article is not about ("bài về Bắc
        Kạn ai viết?" after an answer from the Lạng Sơn article, the thread having gone on to Bắc Kạn)."""
        article = self.kb.articles.get(last.article_id)
        about = {last.place, *(article.places if article is not None else ())}
        return any(p not in about and (self.index.place_of(p) is None or self.index.place_of(p).kind != "unit")
                   for p in analysis.places)

    def _article_positions(self, at: int) -> range:
        """The positions of the facts of the article of the fact at `at` (an article's facts are loaded together)."""
        facts, article = self.kb.facts, self.kb.facts[at].article_id
        first, last = at, at
        while first > 0 and facts[first - 1].article_id == article:
            first -= 1
        while last + 1 < len(facts) and facts[last + 1].article_id == article:
            last += 1
        return range(first, last + 1)

    def naming_in_article(self, fact_id: str, name: str) -> Fact | None:
        """The first fact of the article of `fact_id` whose answer names `name` (the author: what they are), the
        article's own details (its date, its author) aside."""
        at, wanted = self.index.position.get(fact_id), fold(name)
        if at is None or not wanted:
            return None
        return next((f for f in map(self.kb.facts.__getitem__, self._article_positions(at))
                     if wanted in fold(f.answer) and _ABOUT_ARTICLE not in f.tags), None)

    def _article_details(self, question: str, text: str, analysis: Analysis) -> Answer | None:
        """"bài về Lạng Sơn đăng ở đâu?", "bài Bắc Kạn ai viết?": the details of the article about the place named
        (its fact tagged so), or of the one of its articles the message's words lead to; of several, which one."""
        place, found = self._place_details(analysis)
        if not found or not followup.asks_article_details(text):
            return None
        if len(found) > 1:
            found = self._article_meant(self.analyse(followup.article_subject(text)), place, found)
        if len(found) > 1:  # several articles about the place: which one, never one of them by a score
            return self.offer(question, [f.id for f in found[: self.policy.max_suggestions]], Rule.ARTICLE_DETAILS)
        return Answer(question, ANSWER, 100.0, found[0], self.sources(found[0]), places=(place,),
                      why=Why(Rule.ARTICLE_DETAILS, {"place": place}))

    def _check_author(self, question: str, text: str, analysis: Analysis) -> Answer | None:
        """"Bài về Công đoàn … do ông Phạm Văn Bình viết đúng ko?": the one person claimed to have written the one
        article about the place named, checked against its author (None when it is not such a claim, or the
        article states no author)."""
        claimed = people_in(text)
        if len(claimed) != 1 or not _AUTHOR_CLAIM.search(fold(text)):
            return None
        place, found = self._place_details(analysis)
        if len(found) > 1:
            found = self._article_meant(analysis, place, found)
        if len(found) > 1:  # several articles about the place: which one, never a title confirmed instead
            return self.offer(question, [f.id for f in found[: self.policy.max_suggestions]], Rule.ARTICLE_DETAILS)
        author = self.sources(found[0])[0].author if found else ""
        if not author or author == NOT_STATED:
            return None
        lead = verdict.RIGHT if _same_name(claimed[0], author) else verdict.WRONG_AUTHOR.format(right=author)
        return Answer(question, ANSWER, 100.0, found[0], self.sources(found[0]), places=(place,), lead=lead,
                      why=Why(Rule.ARTICLE_DETAILS, {"place": place, "claimed": claimed[0]}))

    def _place_details(self, analysis: Analysis) -> tuple[str, tuple[Fact, ...]]:
        """The one place a message names and the facts giving the details of its articles; ('', ()) unless it
        names exactly one."""
        if len(analysis.places) != 1:
            return "", ()
        place = next(iter(analysis.places))
        return place, self._details.get(place, ())

    def _article_meant(self, analysis: Analysis, place: str, found: tuple[Fact, ...]) -> tuple[Fact, ...]:
        """Of the details of several articles about a place, those of the one a message's words lead to ("bài về
        Công đoàn Sở KH&CN Hải Dương"): the article of the fact they fit best; all of them when none does."""
        articles = {f.article_id: f for f in found}
        # (a fact giving details is led to by the words asking for them: it says which article no more than another)
        for c in self.index.rank(analysis, frozenset({place})).candidates:
            if c.fact.article_id in articles and c.fact not in found and c.coverage >= self.policy.clarify_min_coverage:
                return (articles[c.fact.article_id],)
        return found

    def _counts_of_unit(self, folded: str) -> bool:
        """Whether a question counts with nothing but a unit or a place before its "bao nhiêu" ("Sở KH&CN Lạng Sơn
        bao nhiêu tiến sĩ?"): what the unit has, its "có" left out as staff often type it."""
        m = _HOW_MANY_SAID.search(folded)
        if m is None or not folded[:m.start()].strip():
            return False
        before = self.analyse(folded[:m.start()])
        return all(self.index.scope.unit_word(t) for t in before.tokens)

    def _asked(self, text: str, analysis: Analysis, left: tuple[tuple[str, ...], ...] = (),
               named: list[_NamedPlace] | None = None) -> Asked:
        """What a question asks, as far as scope goes (`left`: the tokens of what it leaves out; `named`: the
        places it names that the gazetteer does not know, when the caller has found them already)."""
        asked = self.index.scope.question(self.index.corrected(analysis.tokens), left)
        if asked.who and (questions.asks_for_a_group(text) or questions.asks_who_was_moved(text)):
            asked = replace(asked, who=False)
        folded = fold(text)
        if _PERSONS.search(folded):
            # "cho xin sđt của ông ấy" with no one to stand for: a person's, never an office's number
            asked = replace(asked, who=True)
        having = not self._names_change(analysis.tokens) and (
            _HAVING_HOW_MANY.search(folded) is not None or self._counts_of_unit(folded))
        says = followup.asks_for(folded)
        if having or says:
            asked = replace(asked, having=having, says=says)
        if questions.asks_a_level(folded) or questions.claims_a_level(text) or _LEFT_AFTER.search(folded):
            # ("sau sáp nhập … còn lại bao nhiêu trưởng, phó phòng?": what is left after a change, not the change)
            asked = replace(asked, level=True)
        if asked.measure is not None and questions.asks_per_unit(text):  # ("mỗi người giữ chức gì?": no figure)
            asked = replace(asked, per=True)
        if asked.who and _LEADERS in asked.terms:
            # "lãnh đạo sở … là ai?": who leads it, its head ("đứng đầu", as the knowledge reads every head's title)
            asked = replace(asked, terms=asked.terms | {_HEAD})
        among, counted_as = questions.counted_as(text)
        group = self.index.scope.measures.opening_noun(self.analyse(counted_as).tokens) if counted_as else None
        if group:  # "bao nhiêu đoàn viên là đảng viên?": a fact about the members must say the party members too
            asked = replace(asked, only=asked.only | frozenset(terms_of(group)), group=tuple(group),
                            among=self.analyse(among).tokens)
        named = self._places_named(text) if named is None else named
        if named:  # "quận Bình Tân được bao nhiêu?", a district an article names in passing: a fact saying it
            asked = replace(asked, only=asked.only.union(*(n.terms for n in named)),
                            spelled=frozenset(n.spelled for n in named))
        part = questions.singled_out(text)
        if part:  # (its words the knowledge knows, questions, places and times aside: "riêng năm 2018" is a year;
            # and words of change: "riêng quý 1 giảm được mấy?" singles out the quarter, "giảm" is what is asked)
            asked = replace(asked, only=frozenset(self._known_words(self.analyse(part).tokens)) - _TIME_WORDS
                            - self._changes)
        return asked

    def _asked_with(self, analysis: Analysis) -> list[str]:
        """The words a message asks with that the knowledge knows, question words aside."""
        return self._known_words(self.index.corrected(analysis.tokens))

    def _known_words(self, tokens: tuple[str, ...]) -> list[str]:
        """The tokens that are words the knowledge knows, question and comparing words aside."""
        return [t for t in tokens if t[0].isalpha() and t not in self._asking and t in self.index.idf]

    def _last_speaks_of_all(self, analysis: Analysis, last: Fact | None, found: Answer) -> bool:
        """Whether a follow-up naming no place, answered in the thread's places by another fact than the last
        answer, says only words the last answer says too, and counts what it counts ("qua hơn bao nhiêu lớp?" after
        "… hơn 12 lớp tập huấn … trên 3.000 học viên"): read with the last question first."""
        if last is None or found.fact is None or found.fact.id == last.id or analysis.places:
            return False
        given = {f.value for f in self.index.figures_of[last.answer]}
        if {f.value for f in self.index.figures_of[found.fact.answer]} <= given:
            return False  # a part of the last answer, on its own ("trong đó từ huyện xuống xã mấy người?")
        words = self._asked_with(analysis)
        i = self.index.position[last.id]
        scope = self.index.scope
        measure = scope.measures.asked(analysis.tokens)
        return bool(words) and self._speaks_of(last, words) and measure is not None and \
            scope.measures.fits(measure, scope.counted[i], scope.has_figure[i])

    def _names_no_one_asked(self, text: str, analysis: Analysis, found: Answer) -> bool:
        """Whether a follow-up asks who ("giám đốc là ai?") and the fact found with the last question names no one
        (the last question's "có mấy phó giám đốc" made it a count)."""
        return self._asked(text, analysis).who and not (
            self.index.scope.everything[self.index.position[found.fact.id]] & self.index.reader.names)

    def _speaks_of(self, fact: Fact, words: list[str]) -> bool:
        """Whether a fact's terms hold every one of these words. Read with the last question, "… chuyên viên
        chính?" must not get the thạc sĩ figure (every subject it names), and the last answer is given again
        only to a follow-up all of whose words are its own ("ban hành ngày nào?", not "có bao nhiêu viên
        chức?")."""
        terms = self.index.scope.everything[self.index.position[fact.id]]
        return all(t in terms for t in words)

    def _offered_by_source(self, analysis: Analysis, offered: tuple[str, ...]) -> Fact | None:
        """Of the facts a clarification offered, the one whose article's publisher a reply asking nothing names by
        words no other choice's publisher has ("cái bài đăng trên tạp chí ấy", "cái trên cổng thông tin tỉnh"),
        when one does."""
        if not self._questioning.isdisjoint(analysis.tokens):
            return None  # "bài trên tạp chí ai viết?" asks its own question
        said = {t for t in terms_of(analysis.tokens) if _BIGRAM in t}  # pairs of words: "tạp chí", not "báo"
        facts = self._facts(offered)
        named = {f.id: said & self._publisher_terms(f.article_id) for f in facts}
        own = [f for f in facts if named[f.id] and not any(named[f.id] <= named[g.id] for g in facts if g is not f)]
        return own[0] if len(own) == 1 else None

    def _offered_of_place(self, analysis: Analysis, offered: tuple[str, ...]) -> Fact | None:
        """Of the facts a clarification offered, the one about the place a reply names when it is the only one
        and the reply asks nothing of its own ("mình cần số của thị xã Đông Triều cơ")."""
        if not self._questioning.isdisjoint(analysis.tokens) or len(self._asked_with(analysis)) > _LAST_SAYS_WORDS:
            return None
        facts = [f for f in self._facts(offered) if f.place in analysis.places]
        return facts[0] if len(facts) == 1 else None

    def _publisher_terms(self, article_id: str) -> frozenset[str]:
        """The terms of an article's publisher as read ("Tạp chí Khoa học và Công nghệ Hải Dương")."""
        article = self.kb.articles.get(article_id)
        return frozenset(terms_of(self.analyse(article.publisher).tokens)) if article is not None else frozenset()

    def _offered_by_figure(self, text: str, offered: tuple[str, ...]) -> Fact | None:
        """The one choice giving the figure a message points at ("cái 10 người ấy"), else None."""
        if not followup.points_by_figure(text):
            return None
        claims = tuple(f for f in figures.find(text) if f.is_quantity)
        giving = self._giving(self._facts(offered), claims)
        if not giving and claims:
            # "cái có 6 tổ công đoàn ấy": no choice gives it, but one choice's article does, said of the same thing
            # (a scan of the facts, in this rare case only)
            articles = {f.article_id for f in self._facts(offered)}
            saying = {o.article_id for o in self.kb.facts if o.article_id in articles and self._says_figure(o, claims)}
            giving = [f for f in self._facts(offered) if f.article_id in saying]
        return giving[0] if len(giving) == 1 else None

    def _says_figure(self, fact: Fact, claims: tuple[figures.Figure, ...]) -> bool:
        """Whether a fact's answer gives every figure claimed followed by the words the claim has after it ("6 tổ
        công đoàn")."""
        own = self.index.figures_of[fact.answer]
        said = [c.after[:_SAID_AFTER] for c in claims]
        return all(words and any(f.value == c.value and f.after[:len(words)] == words for f in own)
                   for c, words in zip(claims, said))

    def _giving(self, facts: Iterable[Fact], claims: tuple[figures.Figure, ...]) -> list[Fact]:
        """The facts whose answers give every figure claimed."""
        return [f for f in facts if verdict.gives_all(claims, self.index.figures_of[f.answer])]

    def _claimed_with_choices_open(self, text: str, ctx: Context) -> Answer | None:
        """A figure claimed while a clarification's choices are open ("đúng 15 người hả?"): the one choice giving
        every figure claimed, checked; else, for a bare figure, it is about the clarified question, not the answer
        before it: of the facts that question could offer, the one giving it, checked; several are offered; none:
        the choices are offered again. None when the message claims no figure."""
        confirm = questions.confirmation(text)
        if confirm is None or not confirm.claims:
            return None
        chosen = self._giving(self._facts(ctx.offered), confirm.claims)
        if len(chosen) == 1:  # after choices one of which gives 15: that one, checked
            return self._followed(text, self._check_last(text, chosen[0]) or self.answer_fact(chosen[0].id, text),
                                  "narrowed")
        if not verdict.says_only_figures(confirm.claims, confirm.text):
            return None
        clarified = self.analyse(ctx.question)
        allowed, _ = self._places(clarified.places)
        giving = self._giving((c.fact for c in self.index.rank(clarified, allowed or None).candidates
                               if c.coverage >= self.policy.clarify_min_coverage), confirm.claims)
        if len(giving) == 1:
            return self._followed(text, self._check_last(text, giving[0]) or self.answer_fact(giving[0].id, text),
                                  "claimed")
        if giving:
            return self._followed(text, self.offer(text, [f.id for f in giving[: self.policy.max_suggestions]],
                                                   Rule.BY_CLAIM), "claimed")
        return self._followed(text, self.offer(text, list(ctx.offered)), "claimed")

    def _check_last(self, text: str, last: Fact) -> Answer | None:
        """"tức là 14 lượt thôi hả?", "14 hay 21 nhỉ?": a figure checked against the last answer, unless the
        message on its own is answered by a fact giving that figure."""
        confirm = questions.confirmation(text)
        if confirm is None:
            return None
        documents = {f.value for f in figures.find(confirm.text) if f.kind == figures.DOCUMENT}
        if not documents <= {f.value for f in self.index.figures_of[last.answer]}:
            return None  # "nghị quyết 1285 ban hành ngày 4/3/2018 hả?": a document the last answer does not name
        dated = self._check_date(text, confirm.text, last)
        if dated is not None:
            return dated
        if not confirm.claims:
            return self._check_name(text, confirm.text, last) or self._check_year(text, confirm.text, last)
        plain = self._message(text)
        claimed = {c.value for c in confirm.claims}
        # ("tức là 15 người nhỉ?", "21,9% phải không?": the last answer's figure checked, though other facts give it)
        restates = followup.restates_last(text) or self.index.scope.measures.says_only(
            self.analyse(confirm.core).tokens, self.index.scope.claimed_measure(confirm.claims))
        if plain.answered and claimed & {f.value for f in self.index.figures_of[plain.fact.answer]} and not restates:
            return None
        if plain.answered and len(self.analyse(confirm.core).tokens) > _FOLLOW_UP_WORDS:
            return None
        if plain.answered and self._names_another_subject(confirm.core, plain.fact, last):
            return None  # "thế tỷ lệ đạt chuẩn ngoại ngữ tăng 45,5% …?" after the political-theory rate: of the other
        own = self.index.figures_of[last.answer]
        restated = restates and len(confirm.claims) == 1 and \
            self.index.scope.claimed_measure(confirm.claims) in self.index.scope.counted[self.index.position[last.id]]
        if not restated and not (any(verdict.addresses((c,), confirm.text, last, own) for c in confirm.claims)
                                 if confirm.choice else verdict.addresses(confirm.claims, confirm.text, last, own)):
            # "18 hay 20 người?" of an answer giving neither, nor any count of people: not what is checked; but
            # "tức là 21 người học …?" restates the last answer's count of people, in words of its own
            return None
        lead = (verdict.choose(confirm.claims, confirm.text, last, own) if confirm.choice
                else verdict.judge(confirm.claims, confirm.text, last, own, False, True,
                                   self._place_words(confirm.text)))
        return Answer(text, ANSWER, 100.0, last, self.sources(last), places=(last.place,), lead=lead,
                      why=Why(Rule.CONFIRM_LAST, {"fact": last.id, "claimed": ", ".join(sorted(claimed))}))

    def _names_another_subject(self, text: str, fact: Fact, last: Fact) -> bool:
        """Whether a message names terms of a contrast group ("ngoại ngữ") that `fact` says and the last answer
        does not: it is about that fact, not the last one."""
        named = self.index.scope.question(self.analyse(text).tokens).contrasts
        said, before = (self.index.scope.fact_contrasts[self.index.position[f.id]] for f in (fact, last))
        return fact.id != last.id and bool(named - before) and named - before <= said

    def _replaces_term(self, moved: followup.Shift | None, question: str) -> bool:
        """Whether a follow-up ("còn X …", `moved`: what it names) names another term of a contrast group than the
        question it follows ("chuyên viên" after "chuyên viên chính"): it is about another fact."""
        if moved is None or not question:
            return False
        reader = self.index.reader
        return self.index.scope.without_contrasted(reader.analyse(question).tokens,
                                                   reader.analyse(moved.rest).tokens) is not None

    def _checked(self, answer: Answer) -> Answer:
        """A fact taken for a message ("còn trên đại học là 13 người phải ko", the one choice of the last article),
        with the verdict on the figures the message claims of it, if it claims any the fact speaks of."""
        confirm = questions.confirmation(answer.question)
        if confirm is None or not confirm.claims or not answer.answered:
            return answer
        own = self.index.figures_of[answer.fact.answer]
        if not verdict.addresses(confirm.claims, confirm.text, answer.fact, own):
            return answer
        return replace(answer, lead=verdict.judge(confirm.claims, confirm.text, answer.fact, own, False, True,
                                                  self._place_words(confirm.text)))

    def _check_date(self, text: str, claim_text: str, last: Fact) -> Answer | None:
        """"văn bản đó ký ngày 18/1/2017 đúng không?": a full date checked against the one the last answer gives
        (its article's date aside: "Theo bài viết ngày 23/04/2018, …")."""
        claimed = verdict.dates_in(claim_text)
        given = verdict.dates_in(_without_article_date(last.answer))
        if len(claimed) != 1 or not given:
            return None
        lead = verdict.judge_date(claimed[0], given)
        if not lead:
            return None
        return Answer(text, ANSWER, 100.0, last, self.sources(last), places=(last.place,), lead=lead,
                      why=Why(Rule.CONFIRM_LAST, {"fact": last.id, "claimed": claimed[0][0]}))

    def _check_year(self, text: str, claim_text: str, last: Fact) -> Answer | None:
        """"so với biên chế giao năm 2015 đúng không?": the last answer's words said again with a year, the year
        checked against the last answer's (None when the message says words the last answer does not)."""
        years = [f for f in figures.find(claim_text) if f.kind == figures.YEAR]
        if not years:
            return None
        said, asked = (set(self.analyse(t).tokens) for t in (last.answer, _without_figures(claim_text, years)))
        if not followup.restates_last(text) and not asked <= said:
            return None  # ("tức là ký năm 2018 đúng không?" restates the last answer, in words of its own)
        return Answer(text, ANSWER, 100.0, last, self.sources(last), places=(last.place,),
                      lead=self._judge_years(years, last),
                      why=Why(Rule.CONFIRM_LAST, {"fact": last.id, "claimed": ", ".join(y.value for y in years)}))

    def _judge_years(self, years: list[figures.Figure], fact: Fact) -> str:
        """The verdict on years (or document numbers) claimed of a fact: right when its answer gives them all."""
        own = {f.value for f in self.index.figures_of[fact.answer]}
        return verdict.RIGHT if all(y.value in own for y in years) else verdict.WRONG

    def _check_name(self, text: str, claim_text: str, last: Fact) -> Answer | None:
        """"mình nhớ tên là 'Đoàn kết, sáng tạo, hiệu quả' phải không?": a name in quotation marks checked
        against the one the last answer gives in quotation marks, when it is recognisably that name."""
        claimed = message.names(claim_text)
        given = message.names(last.answer)
        if not claimed or not given:
            return None
        said = fold(claimed[0])
        likeness, right = max(((fuzz.token_set_ratio(said, fold(g)), g) for g in given), key=lambda pair: pair[0])
        if likeness < self.policy.name_match:
            return None
        same = fuzz.token_sort_ratio(said, fold(right)) >= self.policy.name_same
        return Answer(text, ANSWER, 100.0, last, self.sources(last), places=(last.place,),
                      lead=verdict.judge_name(right, same),
                      why=Why(Rule.CONFIRM_LAST, {"fact": last.id, "claimed": claimed[0],
                                                  "likeness": round(likeness), "name_match": self.policy.name_match,
                                                  "name_same": self.policy.name_same}))

    @staticmethod
    def _held(answer: Answer, places: frozenset[str] | None) -> bool:
        """Whether an answer found among the facts of the thread's places stands: the several places of choices
        offered are no place chosen, so a fact that only leads the few facts of those places is no answer (the
        whole knowledge may hold a closer one)."""
        return len(places or ()) <= 1 or answer.why.rule != Rule.DOMINANT

    @staticmethod
    def _followed(text: str, answer: Answer, how: str) -> Answer:
        """An answer reached through the conversation's context, saying how."""
        why = replace(answer.why, values={**answer.why.values, "follow_up": how})
        return replace(answer, question=text, why=why)

    def _message(self, question: str, places: frozenset[str] | None = None, replace_places: bool = False) -> Answer:
        """One message on its own (or with `places` standing for the places it does not name, or with
        `replace_places` for those it names)."""
        question = question[: self.index.settings.max_message_chars]
        talk = self._smalltalk_kind(question)
        if talk:
            return Answer(question, SMALLTALK, reason=talk, examples=self._examples(()), why=Why(Rule.SMALLTALK))
        passage = message.quoted(question)
        if passage and questions.confirmation(question) is None:  # a quote to check goes the usual way
            # A question beside the quote is answered as asked ("Fw: “…” Anh ơi, Đông Triều mở mấy lớp?");
            # a quote asked about ("“… cho trên …” bị cắt mất, xin con số") by the fact quoting it.
            outside = message.without_quotes(question)
            # the scene the quote sets: its place, for a question beside it naming none ("“Sở KH&CN Lạng Sơn đẩy
            # mạnh …” Cho em hỏi sở đó có mấy người …?")
            scene = places or (self.analyse(passage).places & self.index.places_held) or None
            beside = self._read(question, outside, scene, replace_places)
            if beside.answered or message.asks_its_own(outside):
                return beside  # its own question, answered or not: the quote only set the scene
            quoting = self._quoting(passage)
            if quoting is not None:
                return self._answer(question, Candidate(quoting, 100.0, 1.0, 1.0, 1.0), (quoting.place,),
                                    Rule.QUOTED)
        return self._read(question, question, places, replace_places)

    def _read(self, question: str, text: str, places: frozenset[str] | None, replace_places: bool) -> Answer:
        """A message read as a message: each question in it answered, with its context."""
        reading = message.read(text, lambda s: bool(self._smalltalk_kind(s)), self._smalltalk_words.__contains__)
        parts = [p for q in reading.questions for p in message.parts(q) if any(ch.isalnum() for ch in p)]
        if not parts:
            return Answer(question, DECLINE, reason=EMPTY, examples=self._examples(()), why=Why(Rule.EMPTY))
        if len(parts) == 1:
            return self._part(question, parts[0], reading.context, places, replace_places)
        return self._several(question, parts, reading.context, places, replace_places)

    @functools.cached_property
    def _folded_quotes(self) -> list[str]:
        """Each fact's quotes, folded to words (built on the first quoted passage asked about)."""
        return [" ".join(folded_words(" ".join(f.quotes))) for f in self.kb.facts]

    def _repeated_phrases(self, text: str) -> list[str]:
        """The runs of three words of a message that may repeat an article's words: folded, each saying at least
        two words that are neither asking nor left out by the reader ("chuyen mon cao", not "co bao nhieu")."""
        words = folded_words(text)
        runs = [" ".join(words[k:k + 3]) for k in range(len(words) - 2)]
        return [r for r in runs if len(set(self.index.reader.analyse(r).tokens) - self._asking) >= 2]

    def _quoting(self, passage: str) -> Fact | None:
        """The fact quoting a passage a user quotes (a word or two may differ), or None: of several facts quoting
        it, the one giving the figure that comes next in the article's sentence."""
        words = " ".join(folded_words(passage))
        claimed = {f.value for f in figures.find(passage)}
        best: list[tuple[int, int]] = []  # (fact, where the passage ends in its quotes)
        # Only the facts the index ranks for the passage's words are compared letter by letter: a fact quoting
        # it has most of them (a scan of every fact's quotes cost 9 ms with a thousand facts)
        ranked = self.index.rank(self.index.reader.analyse(passage)).candidates
        for i in sorted(self.index.position[c.fact.id] for c in ranked):
            quotes = self._folded_quotes[i]
            found = fuzz.partial_ratio_alignment(words, quotes, score_cutoff=self.policy.quote_match)
            own = {f.value for f in figures.find(" ".join(self.kb.facts[i].quotes))} if found else set()
            if found is not None and claimed <= own:  # a figure the article does not give: not its passage
                best.append((i, found.dest_end))
        if not best:
            return None

        def gives_next_figure(i: int, end: int) -> bool:
            following = next((w for w in self._folded_quotes[i][end:].split() if w[0].isdigit()), "")
            return bool(following) and any(str(f.value).removesuffix(".0") == following
                                           for f in self.index.figures_of[self.kb.facts[i].answer])

        return self.kb.facts[min(best, key=lambda b: (not gives_next_figure(*b), b[0]))[0]]

    def _part(self, question: str, text: str, context: str, places: frozenset[str] | None,
              replace_places: bool) -> Answer:
        """One question of a message; one naming two places we cover ("Đông Triều và Lạng Sơn, bên nào nhiều
        hơn?") is asked of each, and answered so when every place has its own answer."""
        named = sorted(self.index.reader.places(text) & self.index.places_held)
        if len(named) >= 2:
            answers = [replace(self._single(question, self._about(text, place), frozenset({place}), True),
                               question=f"{text} ({place})") for place in named]
            if all(a.answered for a in answers) and len({a.fact.id for a in answers}) == len(answers):
                return self._combined(question, answers)
        return self._in_context(question, text, context, places, replace_places)

    def _about(self, text: str, place: str) -> str:
        """The clauses of a text naming `place` or no place at all ("Đông Triều thu hút thạc sỹ, Lạng Sơn tiếp nhận
        tiến sỹ, bên nào nhiều hơn?" -> "Đông Triều thu hút thạc sỹ, bên nào nhiều hơn?")."""
        clauses = [c for c in message.clauses(text) if c.strip()]
        places = [self.index.reader.places(c) for c in clauses]
        if not any(place in named for named in places):
            return text
        # a clause comparing the places ("bên nào nhận nhiều người có học vị cao hơn") asks nothing of one of them
        kept = [c for c, named in zip(clauses, places) if place in named
                or not (named or _COMPARES.search(fold(c)))]
        return ", ".join(kept)

    def _combined(self, question: str, answers: list[Answer]) -> Answer:
        """One answer for a message asking several things, each part with its own sources."""
        answered = [a for a in answers if a.answered]
        sources = tuple(dict.fromkeys(s for a in answered for s in a.sources))
        places_named = tuple(dict.fromkeys(p for a in answered for p in a.places))
        why = Why(Rule.SEVERAL, {"parts": len(answers), "answered": len(answered)})
        return replace(answered[0], question=question, score=min(a.score for a in answered), sources=sources,
                       parts=tuple(answers), places=places_named, lead="", why=why)

    def _several(self, question: str, parts: list[str], context: str, places: frozenset[str] | None,
                 replace_places: bool) -> Answer:
        """A message asking several things: answer each (a part naming no place is about the one before)."""
        answers: list[Answer] = []
        carry = places
        seen: set[str] = set()
        seen_places: frozenset[str] = frozenset()
        before = ""
        unknown: Answer | None = None  # a part's decline for a place the knowledge lacks, which later parts share
        for part in parts:
            if unknown is not None and not self.index.reader.places(part):
                # "… Bà Rịa - Vũng Tàu …, trong đó bn ng là trưởng phó phòng, bn ng là chuyên viên": the later part
                # is of that place too, never answered by another place's fact
                one = replace(unknown, question=part)
            elif before and self._only_places_asked(part):
                # "Lạng Sơn có bao nhiêu người trình độ đại học, còn Hải Dương?": the part before, of that place
                one = self._part(question, before, context, frozenset(self.index.reader.places(part)), True)
            else:
                one = self._part(question, part, context, carry, replace_places)
            if one.reason == UNKNOWN_PLACE:
                unknown = one
            elif one.places:
                unknown = None
            given = {a.fact.id for a in answers if a.answered and a.fact is not None}
            said = {a.fact.answer for a in answers if a.answered and a.fact is not None and not a.lead}
            last = next((a for a in reversed(answers) if a.answered and not a.parts), None)
            if one.answered and before and answers and not answers[-1].answered and self._elliptical(part) \
                    and one.fact.article_id not in self._articles_offered(answers[-1]) \
                    and one.fact.place not in self.index.reader.places(question):
                # "…: theo kế hoạch tiến sĩ chiếm bao nhiêu phần trăm, thực tế được bao nhiêu?" when the part before
                # is a choice or not given: so little is asked of what it was about, never of a fact it fits alone
                # that is of another article and of a place the message does not name (Bến Tre's exam marking)
                one = self._with_before(question, part, before, context, carry, replace_places) or Answer(
                    part, DECLINE, one.score, reason=NO_MATCH, places=one.places,
                    why=Why(Rule.WEAK, {"fact": one.fact.id, "elliptical": part}))
            if not one.answered or (last is not None and not one.parts
                                    and one.fact.article_id != last.fact.article_id):
                # not answered alone, or by another article than the part before: read it with that part
                again = self._with_before(question, part, before, context, carry, replace_places)
                if again is not None and again.fact.id in given and not one.answered:
                    continue  # "bài này của ai, trang nào đăng": what is answered already answers it too
                if again is not None and again.fact.id not in given:
                    one = again
            dropped = self._unit_dropped(part, before, one.fact) \
                if one.answered and not one.parts and one.fact.id not in given else frozenset()
            with_before = self._with_before(question, part, before, context, carry, replace_places) if dropped else None
            if with_before is not None and not self._unit_dropped(part, before, with_before.fact):
                one, dropped = with_before, frozenset()  # read with the part before, it is that unit's figure
            if dropped:
                # "Sở Giáo dục Hà Tĩnh có mấy phó giám đốc, vượt chỉ tiêu bao nhiêu người?": the later part is of
                # that body too, never answered by another body's figure (the Sở Y tế's)
                one = Answer(part, DECLINE, one.score, reason=NO_MATCH, places=one.places,
                             why=Why(Rule.WEAK, {"fact": one.fact.id, "unit_before": ", ".join(sorted(dropped))}))
            one = one if one.parts else replace(one, question=part)
            before = part
            if one.answered and not one.parts and (one.fact.id in given or one.fact.answer in said):
                # "bài về Đông Triều của ai, báo nào đăng?": one fact answers both, said once (or two facts of one
                # sentence, each for the figure of its own: "giảm bn cc vs bn vc")
                continue
            read = self.index.reader.analyse(part)
            tokens = set(read.tokens)
            if one.reason == EMPTY or (not one.answered and answers and tokens - self._asking <= seen
                                       and read.places <= seen_places):
                # nothing to ask ("bot trả lời hộ em với"), or only what came before ("mỗi bên mấy người?"; not the
                # same asked of another place: "…, Sở KH&CN Lạng Sơn có bao nhiêu tiến sĩ?", said unanswered)
                continue
            seen |= tokens
            seen_places |= read.places
            answers.append(one)
            carry = frozenset(one.places) or carry
        answered = [a for a in answers if a.answered]
        if len(answers) == 1 and answered:
            return replace(answers[0], question=question)
        if len(answers) == 1 or not answered:
            whole = self._in_context(question, " ".join(parts), context, places, replace_places)
            if whole.answered or not answers or (len(answers) > 1 and whole.outcome == CLARIFY):
                # "nghị quyết đó số mấy, ban hành ngày nào?": the choices for all it asks, not for its first part
                return whole
            return replace(answers[0], question=question)
        flat = [p for a in answers for p in (a.parts or (a,))]
        return self._combined(question, flat)

    def _articles_offered(self, answer: Answer) -> set[str]:
        """The articles an answer not given offers facts of (its choices, its examples)."""
        facts = (self.kb.fact(s.fact_id) for s in (*answer.suggestions, *answer.examples))
        return {f.article_id for f in facts if f is not None}

    def _elliptical(self, part: str) -> bool:
        """Whether a later part of a message says too little to be asked on its own ("thực tế được bao nhiêu?",
        "còn tiến sĩ?"): no place, at most a couple of the knowledge's words besides the asking ones."""
        analysis = self.analyse(part)
        return not analysis.places and len(self._asked_with(analysis)) <= _ELLIPTICAL_WORDS

    def _with_before(self, question: str, part: str, before: str, context: str, places: frozenset[str] | None,
                     replace_places: bool) -> Answer | None:
        """A later question of a message naming no place of its own, read with the one before, as a follow-up is
        ("…cao cấp chính trị, trung cấp mấy người?": Sở KH&CN's trung cấp, not another office's), when that
        answers it with one fact; else None."""
        if not before or self.index.reader.places(part):
            return None
        again = self._part(question, f"{part} {self._earlier(before, part)}", context, places, replace_places)
        return again if again.answered and not again.parts else None

    def _in_context(self, question: str, text: str, context: str, places: frozenset[str] | None,
                    replace_places: bool) -> Answer:
        """One question of a message; when it cannot be answered alone, with the place or words around it. A
        question naming no place is read first with the place its message names around it ("Lạng Sơn: sở khoa
        học có mấy người …?")."""
        around = self.index.reader.places(context) & self.index.places_held if context.strip() else set()
        there = None
        if around and not places and not self.index.reader.places(text):
            there = self._single(question, text, frozenset(around), False)
            if there.answered:
                return there
        # (the place around it has facts that come close but give no such figure, or several: "Bắc Kạn: tỷ lệ công
        # chức cấp xã …" is never answered by another place's facts on cấp xã)
        # ...or the message says nothing else around the question than the place ("Hải Dương: tỷ lệ … ?"): its subject
        held = there if there is not None and (there.outcome == CLARIFY or there.reason == NOT_GIVEN
                                               or self._only_places(context)) else None
        first = self._single(question, text, places, replace_places)
        if held is not None and first.answered and not first.parts and first.fact.place not in around:
            first = held
        if first.answered or first.outcome == SMALLTALK:
            return first
        titled = self._by_title(question, text, places)
        if titled is not None:
            return titled
        asking = message.asking_clauses(text)
        between_places = first.outcome == CLARIFY and not self._names_a_place(text) and len(
            {self.kb.fact(s.fact_id).place for s in first.suggestions}) >= 2
        if asking != text and not between_places and not self._names_a_place(text.replace(asking, " ")):
            # (which place a question naming none is about is never settled by reading less of it)
            # "Số điện thoại sở là số mấy, tui gọi hoài hổng được": the clauses that ask, without the chatter
            second = self._single(question, asking, places, replace_places)
            if second.answered and self._set_aside(text.replace(asking, " "), second.fact) and not (
                    held is not None and second.fact.place not in around):
                return second
        if not context.strip():
            return first
        title = message.title_named(context) if followup.names_a_person(text) else ""
        if title:
            # "Bên tôi cần mời đồng chí Chủ tịch … Xin cho biết họ tên đồng chí ấy": who holds that title
            named = self._single(question, f"Ai là {title}?", places, replace_places)
            if named.answered:
                return named
        whole = self._single(question, context + " " + text, places, replace_places)
        return whole if whole.answered else first

    def _only_places_asked(self, text: str) -> bool:
        """Whether a question names places and asks nothing else ("Hải Dương?", "thế còn sở khcn hải dương?")."""
        read = self.analyse(text)
        return bool(read.places) and all(t in self._asking for t in read.tokens)

    def _only_places(self, text: str) -> bool:
        """Whether a text says nothing but places and their kinds ("Hải Dương", "Tỉnh Bắc Kạn"): a label."""
        names = {w for p in self.index.reader.places(text) for w in fold(p).split()}
        return bool(names) and all(w in names or w in ADMIN_WORDS for w in re.findall(r"\w+", fold(text)))

    def _by_title(self, question: str, text: str, places: frozenset[str] | None) -> Answer | None:
        """A question naming the article it read by the words of its title ("phó giám đốc … được nhắc trong bài
        báo về củng cố đội ngũ cán bộ là ai?"): asked without them, answered by that one article's facts; None
        when no one article's title holds those words."""
        named = _ARTICLE_NAMED.search(text)
        if named is None:
            return None
        said = set(self.analyse(named.group(1)).tokens)
        if len(said) < _TITLE_WORDS:
            return None
        if self._title_terms is None:
            self._title_terms = {a: set(self.analyse(art.title).tokens) for a, art in self.kb.articles.items()}
        found = [a for a, terms in self._title_terms.items() if len(said & terms) >= _TITLE_SHARE * len(said)]
        if len(found) != 1:
            return None
        article = self.kb.articles[found[0]]
        asked = self._single(question, f"{text[:named.start()]} {text[named.end():]}",
                             frozenset(article.places) or places, False)
        if not asked.answered or asked.fact.article_id != article.id:
            return None
        return replace(asked, why=replace(asked.why, values={**asked.why.values, "article_named": article.id}))

    def _check_years(self, question: str, confirm: questions.Confirmation, years: list[figures.Figure],
                     places: frozenset[str] | None, replace_places: bool) -> Answer:
        """A yes/no question about a year (or a document's number): the fact found without it, then compared with
        its own."""
        found = self._single(question, _without_figures(confirm.text, years), places, replace_places)
        if not found.answered:
            return found
        claimed = ", ".join(y.value for y in years)
        return replace(found, lead=self._judge_years(years, found.fact),
                       why=Why(Rule.CONFIRM_FIGURE, {**found.why.values, "claimed": claimed}))

    def _check_claimed_years(self, question: str, confirm: questions.Confirmation, places: frozenset[str] | None,
                             replace_places: bool) -> Answer | None:
        """A claim of figures in years no fact gives them for: the fact confirming every figure claimed, found
        without the years, judged by the years it names (None when it names none: an undated figure is of no
        other year)."""
        years = [f for f in figures.find(confirm.text) if f.kind == figures.YEAR]
        if not years:
            return None
        # (asked again as a yes/no question: the figures claimed are checked, not read as what the question states)
        found = self._single(question, f"{_without_figures(confirm.text, years)} {_RECHECKED}", places,
                             replace_places)
        if not found.answered or found.lead != verdict.RIGHT:
            return None
        own = self.index.figures_of[found.fact.answer]
        if not _years_of(own) | _time_years(found.fact.time):
            return None
        given = {f.value for f in own}
        unsaid = ", ".join(y.value for y in years if y.value not in given)
        lead = verdict.YEAR_NOT_SAID.format(claimed=unsaid) if unsaid else verdict.RIGHT
        return replace(found, lead=lead, why=Why(Rule.CONFIRM_FIGURE, {**found.why.values, "claimed": unsaid}))

    def _check_full_date(self, question: str, confirm: questions.Confirmation, places: frozenset[str] | None,
                         replace_places: bool) -> Answer | None:
        """"Nghị quyết 10 … ban hành ngày 26/6/2016 phải không?": the fact found without the date, the date compared
        with the one it gives (None when the message claims no one full date, or the fact found gives none)."""
        claimed = verdict.dates_in(confirm.text)
        if len(claimed) != 1:
            return None
        core = confirm.text.replace(claimed[0][0], " ")
        found = self._single(question, core, places, replace_places)
        lead = verdict.judge_date(claimed[0], verdict.dates_in(_without_article_date(found.fact.answer))) \
            if found.answered else ""
        if not lead:
            return None
        return replace(found, lead=lead, why=Why(Rule.CONFIRM_FIGURE, {**found.why.values, "claimed": claimed[0][0]}))

    def _check_person(self, question: str, confirm: questions.Confirmation, places: frozenset[str] | None,
                      replace_places: bool, known: bool = False) -> Answer | None:
        """"Phó Giám đốc Sở … là ông Trần Hữu Đức phải không?" naming someone no article names (`known`: or one
        an article names, whose facts do not answer it): the fact found asking who holds the post, its person
        compared with the one claimed (None when no one such is claimed, or the fact found names no one)."""
        claimed = people_in(confirm.text)
        if len(claimed) != 1 or (fold(claimed[0]).replace(" ", "") in self.index.reader.names) != known:
            return None  # a person the articles name is first found by the name (Rule.CONFIRM_NAMED)
        at = fold(confirm.text).find(fold(claimed[0]))
        titled = _TITLED_BEFORE.search(fold(confirm.text)[:at])
        core = confirm.text[: titled.start() if titled else at] + " ai " + confirm.text[at + len(claimed[0]):]
        found = self._single(question, core, places, replace_places)
        given = people_in(found.fact.answer) if found.answered else ()
        if not given:
            return None
        same = next((g for g in given if _same_name(claimed[0], g)), None)
        return replace(found, lead=verdict.judge_name(same or given[0], same is not None),
                       why=Why(Rule.CONFIRM_NAMED, {**found.why.values, "claimed": claimed[0]}))

    def _explains_more(self, top: Candidate, unfit: list[Candidate], asked: Asked) -> list[Candidate]:
        """Facts of the place explaining clearly more of the question than the best fitting one, unfit only for a
        subject the question does not name ("người họ hàng … được bổ nhiệm": the relatives, not all appointed)."""
        p = self.policy
        return [c for c in unfit if c.fact.place == top.fact.place and c.score >= p.clarify_floor
                and c.coverage >= top.coverage + p.coverage_gap
                and self.index.scope.subject_not_named(asked, self.index.position[c.fact.id])]

    def _given_otherwise(self, top: Candidate, unfit: list[Candidate], asked: Asked) -> list[Candidate]:
        """With no place named, the facts of other places on what the question asks that give it another way ("Bao
        nhiêu người có trung cấp lý luận chính trị?": Hải Dương counts them, Bắc Kạn gives a share): which place
        is meant is for the user to say, not for the measure to pick."""
        p = self.policy
        any_figure = replace(asked, measure=questions.ANY_FIGURE, noun=())
        return [c for c in unfit if c.fact.place != top.fact.place and c.score >= p.clarify_floor
                and c.coverage >= p.min_coverage and c.reverse >= p.min_reverse
                and self.index.quantities[self.index.position[c.fact.id]]  # a count or a share, not a number
                and self.index.scope.fits(any_figure, self.index.position[c.fact.id])]

    def _closer(self, top: Candidate, unfit: list[Candidate]) -> list[Candidate]:
        """Facts of the same place that do not fit the question yet are closer to it than the best fitting fact
        (higher score, covering clearly more: coverage_gap)."""
        p = self.policy
        if top.score < p.clarify_floor or top.coverage < p.clarify_min_coverage:
            return []  # nothing worth offering: the decline says what there is
        return [c for c in unfit if c.fact.place == top.fact.place and c.score > top.score
                and c.coverage >= top.coverage + p.coverage_gap]

    def _of_another_time(self, years: frozenset[str], fact: Fact) -> bool:
        """Whether a fact is not of the years a question asks: it gives them only as what it compares with ("…
        tăng 42% so với năm 2015"), or it is of other years (see `_other_years`)."""
        return bool(years) and (years <= _years_of(self.index.figures_of[fact.answer], True)
                                or self._other_years(years, fact))

    def _other_years(self, years: frozenset[str], fact: Fact) -> bool:
        """Whether a fact is of another time than the years asked: it names the years of its figures and none is
        asked (nor a period holding it), or it names none and every year asked is after its article."""
        own = _years_of(self.index.figures_of[fact.answer]) | _time_years(fact.time)
        if not own:
            # undated: the article's time, which the question may mean, unless every year asked is after it
            article = self.kb.articles.get(fact.article_id)
            published = article.date[:4] if article is not None else ""
            return published.isdigit() and all(int(y) > int(published) for y in years)
        first, last = min(map(int, own)), max(map(int, own))
        return not any(y in own or (len(own) >= 2 and first <= int(y) <= last) for y in years)

    def _set_aside(self, text: str, fact: Fact) -> bool:
        """Whether clauses asking nothing may be set aside when `fact` answers the rest: they speak of the one
        asking ("tui gọi hoài hổng được", "em phải báo cáo lãnh đạo") or the fact holds most of their words
        (the subject before the comma) — never a qualifier the fact does not explain ("mấy sở, ngành bị thừa
        ghế phó so với quy định?" is not how many departments there are)."""
        own = {f.value for f in self.index.figures_of[fact.answer]}
        if any(f.value not in own for f in figures.find(text) if f.kind == figures.YEAR):
            return False  # "Sang năm 2020, …": a year the fact does not give is what is asked of it
        if _SELF.intersection(fold(text).split()):
            return True
        tokens = self.index.corrected(self.index.reader.analyse(text).tokens)
        if not _TOTAL.isdisjoint(tokens) and self._each_only(fact):
            return False  # "Tổng cộng 4 huyện A, B, C, D …": a sum, which a figure of each is not
        i = self.index.position[fact.id]
        if self.index.scope.narrows(tokens, i):
            return False  # "Sở … có bao nhiêu cán bộ, công chức là nữ?": the count narrowed after a comma
        words = [t for t in tokens if t[0].isalpha() and t in self.index.idf]
        said = self.index.scope.everything[i]
        return sum(t in said for t in words) * 2 >= len(words)

    def _names_a_place(self, text: str) -> bool:
        """Whether a text names any place or organisation of the gazetteer."""
        return bool(self.index.reader.places(text))

    def _single(self, question: str, text: str, places: frozenset[str] | None = None,
                replace_places: bool = False) -> Answer:
        """Answer, clarify or decline one question `text` of the message `question`."""
        answer = self._single_text(question, text, places, replace_places)
        if answer.parts:
            return answer
        scene = questions.scene_set(text)
        if scene is not None and answer.outcome != ANSWER:
            return self._past_the_scene(question, answer, scene, places, replace_places)
        # a clause before the last comma (or "thì"): a telling of what the article reports, or a scene stating figures
        to_last_clause = questions.to_last_clause(text)
        if to_last_clause is None:
            return answer
        beyond = self._after_the_telling if scene is None else self._beyond_the_scene
        return beyond(question, answer, to_last_clause, places, replace_places)

    def _beyond_the_scene(self, question: str, whole: Answer, scene: tuple[str, str],
                          places: frozenset[str] | None, replace_places: bool) -> Answer:
        """A question whose scene-setting clause states figures ("Theo báo cáo của 19 bộ, ngành và 45 địa phương,
        số công chức năm 2018 là bao nhiêu người?"), answered whole by a fact giving those figures: what follows
        the clause is what is asked, and a fact that answers it strongly, giving none of them, is the answer."""
        clause, rest = scene
        stated = {f.value for f in figures.find(clause) if f.is_quantity}
        if whole.fact is None or not stated & {f.value for f in self.index.figures_of[whole.fact.answer]}:
            return whole
        answer = self._after_scene(question, clause, rest, places, replace_places)
        if answer.outcome != ANSWER or answer.fact is None or answer.fact.id == whole.fact.id \
                or answer.why.rule != Rule.STRONG \
                or stated & {f.value for f in self.index.figures_of[answer.fact.answer]}:
            return whole
        return _scene_set(answer, clause)

    def _after_the_telling(self, question: str, whole: Answer, told: tuple[str, str],
                           places: frozenset[str] | None, replace_places: bool) -> Answer:
        """A question that first tells what the article reports ("Đà Nẵng rà soát cán bộ lớn tuổi thuộc diện hưởng
        chính sách tự nguyện nghỉ việc, khối chính quyền có bao nhiêu người?"): what follows its last comma,
        answered strongly by a fact whose article says nearly every word the telling says (a telling names whom it
        tells of: a place or an organisation) — when the whole is not answered, or is answered by another fact of
        that article saying none of the words asked after the comma that this one says ("khối chính quyền")."""
        clause, rest = told
        read = self.analyse(clause)
        words = set(self._known_words(read.tokens))
        if not read.places or len(words) < _TOLD_WORDS:
            return whole  # (tested first: what follows is answered again only for a telling)
        everything = self.index.scope.everything
        missed: set[str] = set()
        if whole.outcome == ANSWER:
            if whole.fact is None:
                return whole
            missed = set(self._known_words(self.analyse(rest).tokens)) - everything[self.index.position[whole.fact.id]]
            if not missed:
                return whole
        answer = self._after_scene(question, clause, rest, places, replace_places)
        if answer.outcome != ANSWER or answer.parts or answer.fact is None or answer.why.rule != Rule.STRONG:
            return whole
        at = self.index.position[answer.fact.id]
        if whole.fact is not None and (whole.fact.id == answer.fact.id or not missed <= everything[at]
                                       or whole.fact.article_id != answer.fact.article_id):
            return whole
        said = frozenset().union(*(everything[i] for i in self._article_positions(at)))
        if len(words - said) > len(words) * (1 - _TOLD_SAID):
            return whole
        return _scene_set(answer, clause)

    def _after_scene(self, question: str, clause: str, rest: str, places: frozenset[str] | None,
                     replace_places: bool) -> Answer:
        """What follows a scene-setting clause, answered on its own within the places the clause names."""
        return self._single_text(question, rest, self.analyse(clause).places | (places or frozenset()) or None,
                                 replace_places)

    def _past_the_scene(self, question: str, whole: Answer, scene: tuple[str, str],
                        places: frozenset[str] | None, replace_places: bool) -> Answer:
        """A question that opens by setting its scene ("Sau khi tổ chức lại, các Vụ, Cục … còn bao nhiêu
        phòng?"), not answered whole: answered by what follows the clause, when that finds the fact the whole
        question came closest to and the clause names no figure the fact does not give; else as it was."""
        closest = whole.why.values.get("fact") or (whole.suggestions[0].fact_id if whole.suggestions else None)
        if closest is None:
            return whole
        clause, rest = scene
        read = self.analyse(clause)
        answer = self._after_scene(question, clause, rest, places, replace_places)
        if answer.outcome != ANSWER or answer.parts or answer.fact is None or answer.fact.id != closest:
            return whole
        said = self.index.scope.everything[self.index.position[answer.fact.id]]
        # The clause may say when, not what: a figure ("Trong đợt thanh tra năm 2017, …" of a fact not of 2017), a
        # change of a fact giving none ("Sau khi giảm …") or a contrast term ("Trong kỳ tuyển dụng …" of the
        # teachers in excess) the fact does not say is part of what is asked
        no_change = not said & self._changes
        if any(t not in said and (t[0].isdigit() or (no_change and t in self._changes)) for t in read.tokens) or any(
                not has_run(said, tuple(term.split())) for term in self._asked(clause, read).contrasts):
            return whole
        return _scene_set(answer, clause)

    def _single_text(self, question: str, text: str, places: frozenset[str] | None = None,
                     replace_places: bool = False) -> Answer:
        """`_single`, of the question as it is typed."""
        text, left_out = questions.exclusions(text[: self.index.settings.max_question_chars])
        confirm = questions.confirmation(text)
        chosen, unchosen = questions.years_chosen(text)
        if chosen and not _COMPARES.search(fold(text)):  # (not "năm 2015 hay 2021 cao hơn?", which weighs them)
            # "… giảm 10% vào hết năm 2020 hay 2021?": the fact found without the years offered, then which it gives
            answer = self._single(question, f"{unchosen.rstrip(' ?')} phải không?", places, replace_places)
            if not answer.answered or answer.parts:
                return answer
            own = self.index.figures_of[answer.fact.answer]
            claims = tuple(f for f in figures.find(text) if f.kind == figures.YEAR and f.value in chosen)
            return replace(answer, lead=verdict.choose(claims, text, answer.fact, own) or answer.lead,
                           why=Why(Rule.CONFIRM_FIGURE, {**answer.why.values, "claimed": " hay ".join(chosen)}))
        which = questions.which_has(text)
        # (not "… 4 sở thừa phó giám đốc, sở nào thừa nhiều nhất?": the 4 is not what picks one out, the most is)
        if which and (which == "nao" or len(self.analyse(text).places) >= 2) and _MOST not in self.analyse(text).tokens:
            # "Lạng Sơn hay Hải Dương có 92 đoàn viên?": checked as "… có 92 đoàn viên phải không?", then which it is
            # (else as asked: a choice of the places giving it, or what the knowledge has)
            answer = self._single(question, f"{text.rstrip(' ?')} phải không?", places, replace_places)
            if answer.answered and not answer.parts and answer.lead == verdict.RIGHT:
                return replace(answer, lead=verdict.WHICH.format(unit=answer.fact.unit),
                               why=Why(Rule.WHICH_HAS, {**answer.why.values, "decided_by": str(answer.why.rule)}))
        if confirm is None:
            text = questions.without_the_whole(text)
        text = self._within_named(questions.not_a_person(text))
        analysis = self.index.reader.analyse(confirm.core if confirm else text)
        left = tuple(self.index.reader.analyse(phrase).tokens for phrase in left_out)
        if not analysis.places and not any(t[0].isalpha() or len(t) >= _MIN_LONE_NUMBER for t in analysis.tokens):
            # Nothing to go on: no words, no place, at most a short number ("1" typed with no choice open).
            return Answer(question, DECLINE, reason=EMPTY, examples=self._examples(()), why=Why(Rule.EMPTY))
        named = self._places_named(text)
        unknown = self._unknown_places(named)
        if places and (replace_places or not analysis.places) and not unknown:
            analysis = Analysis(analysis.content, analysis.tokens, places)
        # "Theo Luật Tổ chức Chính phủ, Bộ Quốc phòng …": a place named only in the source clause is not what is
        # asked of when the question names others
        subject = analysis.places - self._sources(text)
        allowed, missing = self._places(subject or analysis.places)
        if unknown:  # "quận Bình Tân …" with no article on it: never another place's figure
            allowed, missing = frozenset(), tuple(sorted({*missing, *unknown}))
        if missing and not allowed:
            return Answer(question, DECLINE, reason=UNKNOWN_PLACE, missing=missing, examples=self._examples(()),
                          why=Why(Rule.UNKNOWN_PLACE, {"places": ", ".join(missing)}))
        details = self._article_details(question, text, analysis) or (
            self._check_author(question, confirm.text, analysis) if confirm is not None else None)
        if details is not None:
            return details
        asked = self._asked(text, analysis, left, named)
        if confirm is not None and not confirm.claims:
            person = self._check_person(question, confirm, places, replace_places)
            if person is not None:
                return person
        years = _years_of(figures.find(text))  # (read once: the second decisions below ask them too)
        answer = self._decide(question, analysis, allowed, missing, confirm, asked, years)
        if not answer.answered and self._bodies_only(allowed):
            answer = self._of_the_country(question, analysis, allowed, confirm, asked, years) or answer
        elif not answer.answered and allowed == {_COUNTRY}:
            answer = self._in_the_report(question, analysis, confirm, asked, text, years) or answer
        if answer.outcome == DECLINE and confirm is None:
            answer = self._scope_stated(question, analysis, allowed, missing, asked, text, years) or answer
        if confirm is not None and not confirm.claims and not answer.answered:
            # "Thủ trưởng … Hoành Bồ là ông Phạm Xuân Huệ đúng không?", who heads another town's office: the
            # post's holder, compared
            person = self._check_person(question, confirm, places, replace_places, known=True)
            if person is not None:
                return person
            dated = self._check_full_date(question, confirm, places, replace_places)
            if dated is not None:
                return dated
            # "Nghị quyết 10 ra đời hồi 2015, đúng không?": the year is what is checked, not what finds the fact
            # (a wrong year finds at best the facts of that year: "… cấp năm 2017 phải không?")
            # ("… là số 605/ĐA-SKHCN à?" likewise: the document's number is what is checked)
            years = [f for f in figures.find(confirm.text) if f.kind in (figures.YEAR, figures.DOCUMENT)]
            if years:
                return self._check_years(question, confirm, years, places, replace_places)
        if confirm is not None and confirm.claims and answer.why.rule == Rule.FIGURE_NOT_GIVEN:
            # "Hoành Bồ phấn đấu đến hết năm 2020 giảm tối thiểu 10% biên chế …?" of "… đến hết năm 2021 giảm tối
            # thiểu 10% …": the figure claimed, found without the years, and the years checked against its own
            checked = self._check_claimed_years(question, confirm, places, replace_places)
            if checked is not None:
                return checked
        if confirm is not None and answer.outcome == ANSWER:
            i = self.index.position[answer.fact.id]
            complete = answer.score >= self.policy.answer_threshold and answer.coverage >= self.policy.min_coverage
            own = self.index.figures_of[answer.fact.answer]
            if confirm.claims and not confirm.choice and (
                    self.index.scope.narrower_level(asked, i)
                    or (_ABOUT_ARTICLE in answer.fact.tags and any(claim.is_quantity for claim in confirm.claims))
                    or (not complete and not verdict.addresses(confirm.claims, confirm.text, answer.fact, own))
                    or not verdict.shares_given(confirm.claims, own)
                    or (len(confirm.claims) >= 2 and not verdict.gives_any(confirm.claims, own)
                        and not (complete and verdict.counted_alike(confirm.claims, own)))):
                # "… có 70 trường hợp là người nhà?" of a fact counting "60 người" verified, a level claimed of a
                # fact naming none ("50 lãnh đạo cấp sở" of "50 cán bộ"), or two figures cited of a fact giving
                # neither, nor a figure of what each counts ("6 phó giám đốc, vượt 3 người" of "5 phó giám đốc, vượt
                # chỉ tiêu 2 người" is checked), or a count checked against an article's title ("… hiện có 45 người?"
                # of "Bài “Tăng biên chế … lên 45 người” đăng ngày …"): never corrected with figures of another
                # thing; what the fact gives is offered instead
                return Answer(question, DECLINE, answer.score, reason=NOT_GIVEN, places=answer.places,
                              examples=self._padded((Suggestion(answer.fact.id, answer.fact.questions[0], answer.score,
                                                                self.sources(answer.fact)),), allowed),
                              why=replace(answer.why, rule=Rule.CLAIM_ELSEWHERE))
            if confirm.choice:
                line = verdict.choose(confirm.claims, confirm.text, answer.fact, own)
            else:
                line = verdict.judge(confirm.claims, confirm.text, answer.fact, own,
                                     self.index.scope.contradicts(asked, i), complete, self._place_words(confirm.text))
                if line == verdict.RIGHT and (self._said_of_another(confirm, answer.fact)
                                              or self._said_of_another_unit(confirm, answer.fact)):
                    line = verdict.WRONG
                unsaid = self._year_not_said(confirm, answer.fact) if line == verdict.RIGHT else ""
                if unsaid:
                    line = verdict.YEAR_NOT_SAID.format(claimed=unsaid)
                elif line == verdict.RIGHT and _claims_done(confirm.text) and self._planned_for(answer.fact,
                                                                                            confirm.claims):
                    line = verdict.PLAN_NOT_DONE  # "… đã giảm được 9 đơn vị rồi phải không?" of "dự kiến sẽ giảm 9"
                elif line == verdict.RIGHT and (unsaid_acts := self.index.scope.acts_unsaid(asked, i)):
                    # "Bộ Nội vụ đã đồng ý cho TP HCM thêm 4.920 chỉ tiêu?" of "TP HCM đề xuất thêm 4.920 chỉ tiêu"
                    line = verdict.ACT_NOT_SAID.format(act=unsaid_acts[0])
            answer = replace(answer, lead=line)
        return answer

    def _said_of_another(self, confirm: questions.Confirmation, fact: Fact) -> bool:
        """Whether a figure claimed is one the fact gives only of another member of a group of terms that exclude
        each other ("hiện có gần 122.160 công chức" of "gần 122.160 viên chức"; "giảm 7 chỉ tiêu" of "tăng 7 chỉ
        tiêu"), as the words right around it say, in the claim and in the fact — as typed, or as the knowledge reads
        its terms ("không chuyên trách" is one word of "cán bộ không chuyên trách"; "giảm chỉ tiêu" is read as
        "tinh giản", which leaves no "giảm" to set against "tăng")."""
        own = self.index.figures_of[fact.answer]
        opposed, read = self.index.scope.opposed, self.index.reader.analyse
        for claim in confirm.claims:
            same = verdict.same_figures(claim, own)
            around = verdict.said_around(confirm.text, claim)
            if same and all(opposed(around, theirs) or opposed(read(" ".join(around)).tokens,
                                                                read(" ".join(theirs)).tokens)
                            for f in same for theirs in (verdict.said_around(fact.answer, f),)):
                return True
        return False

    def _place_words(self, text: str) -> frozenset[str]:
        """The words of the places a text names, folded ("Bộ Công Thương": bo, cong, thuong)."""
        return frozenset(w for place in self.index.reader.places(text) for w in fold(place).split())

    def _year_not_said(self, confirm: questions.Confirmation, fact: Fact) -> str:
        """The years a claim names, when the fact says other years of each figure claimed ("Năm 2015 … giao 687
        người?" of "… năm 2014 là 687 người; năm 2015 là 674 người"), else '' (a year the claim compares with is not
        its figures' time)."""
        found = figures.find(confirm.text)
        # (a date's year too: "tính đến ngày 1/2/2017 … là 3.563.903 người?" of the 3.563.903 "tính đến 31/12/2015")
        claimed = sorted(_years_of(found) | {f.value for f in found if f.kind == figures.DATE and verdict.is_year(f)})
        if not claimed:
            return ""
        own = self.index.figures_of[fact.answer]
        aside = _years_of(own, True)
        said = [verdict.years_said_of(fact.answer, own, f, aside) for c in confirm.claims
                for f in verdict.same_figures(c, own)]
        if not said or not all(said) or any(set(claimed) & years for years in said):
            return ""
        return ", ".join(claimed)

    def _said_of_another_unit(self, confirm: questions.Confirmation, fact: Fact) -> bool:
        """Whether a figure claimed is one the fact gives of another unit: the unit named since the figure before it
        is not one the claim names, and one the claim names is named before another figure ("Sở GD-ĐT … hơn 770
        người" of "… là Sở Y tế với hơn 770 người, tiếp theo là Sở Giáo dục và Đào tạo gần 660")."""
        named = self.index.reader.places(confirm.text)
        if not named:
            return False
        own, tied, previous = self.index.figures_of[fact.answer], {}, 0
        for f in own:  # (in the order the text gives them)
            tied[f.start], previous = self.index.reader.places(fact.answer[previous:f.start]), f.end
        for claim in confirm.claims:
            value = figures.number(claim.value)
            same = verdict.same_figures(claim, own)
            if same and all(tied[f.start] and not tied[f.start] & named for f in same) \
                    and any(tied[g.start] & named for g in own if figures.number(g.value) != value):
                return True
        return False

    def analyse(self, text: str) -> Analysis:
        """How the engine reads a text (places found, aliases applied)."""
        return self.index.reader.analyse(clean(text[: self.index.settings.max_question_chars]))

    def offer(self, question: str, fact_ids: list[str], rule: Rule = Rule.OFFERED_AGAIN) -> Answer:
        """The facts given offered as choices ("còn bên kia?" after a pick of one of three: those not taken); the
        details of several articles, by their titles (their phrasings say alike "bài viết về Hà Nội …")."""
        facts = self._facts(fact_ids)
        picked = tuple(Suggestion(f.id, self._choice_text(f, rule), 0.0, self.sources(f)) for f in facts)
        why = Why(rule, {"choices": str(len(picked))})
        if len(picked) < 2:
            return Answer(question, DECLINE, reason=NO_MATCH, examples=picked, why=why)
        return Answer(question, CLARIFY, suggestions=picked, places=tuple(sorted({f.place for f in facts})), why=why)

    def _choice_text(self, fact: Fact, rule: Rule) -> str:
        """How a fact offered is shown: its first phrasing, or for an article's details the article's title."""
        article = self.kb.articles.get(fact.article_id) if rule == Rule.ARTICLE_DETAILS else None
        return _ARTICLE_CHOICE.format(title=article.title) if article is not None else fact.questions[0]

    def _facts(self, fact_ids: Iterable[str]) -> list[Fact]:
        """The facts of these ids that the knowledge still holds (a reload may have taken some away)."""
        return [f for f in map(self.kb.fact, fact_ids) if f is not None]

    def answer_fact(self, fact_id: str, question: str = "") -> Answer:
        """Answer with a given fact (a suggestion the user picked)."""
        fact = self.kb.fact(fact_id)
        if fact is None:
            return Answer(question, DECLINE, reason=UNKNOWN_FACT, examples=self._examples(()), why=Why(Rule.EMPTY))
        return Answer(question or fact.questions[0], ANSWER, 100.0, fact, self.sources(fact), places=(fact.place,),
                      why=Why(Rule.PICKED))

    def asked_of_place(self, clarified: str, reply: str, offered: list[str]) -> Answer:
        """A reply to a clarification naming the one place several choices are of ("Bắc Kạn ạ"): the clarified
        question asked of that place — its answer; the choices of them it would still offer, all answered (the
        rates of the cán bộ, công chức and of the viên chức: both, each with its source); else those choices
        offered again."""
        there = f"{clarified.rstrip(' ?')} {reply}"
        asked = self._message(there)
        if asked.answered:
            reached = asked
        else:
            still = [s.fact_id for s in asked.suggestions if s.fact_id in offered] if asked.outcome == CLARIFY else []
            # asked there, not answered: which of that place's choices, asked again (never the first one guessed)
            reached = self.answer_facts(still) if still else self.offer(reply, offered)
        # (remembered as the question asked there: "viên chức thì bao nhiêu?" next narrows it, not "Bắc Kạn")
        return replace(self._followed(reply, reached, "of_place"), read_as=there)

    def answer_facts(self, fact_ids: list[str]) -> Answer:
        """Answer with the facts the user picked: one, or several at once ("Bắc Kạn ạ" of two Bắc Kạn choices), each
        part its own question with its source."""
        answers = [self.answer_fact(i) for i in fact_ids]
        answered = [a for a in answers if a.answered]  # (a reload may have taken some away)
        if len(answered) < 2:
            return answered[0] if answered else answers[0]
        why = Why(Rule.PICKED, {"choices": str(len(answered))})
        return replace(self._combined(answered[0].question, answered), why=why)

    def sources(self, fact: Fact) -> tuple[Source, ...]:
        """The source line(s) of a fact."""
        art: Article = self.kb.articles[fact.article_id]
        return (Source(art.id, art.title, art.publisher, art.date, art.author, art.url, " … ".join(fact.quotes)),)

    # ------------------------------------------------------------ decisions

    def _bodies_only(self, allowed: frozenset[str]) -> bool:
        """Whether the places a question names are national bodies only ("Bộ Nội vụ"; the country beside them:
        "Bộ Nội vụ đặt mục tiêu cả nước giảm …")."""
        return bool(allowed - {_COUNTRY}) and _COUNTRY in self.index.places_held and all(
            self.index.place_of(p) is not None and self.index.place_of(p).national for p in allowed)

    def _of_the_country(self, question: str, analysis: Analysis, bodies: frozenset[str],
                        confirm: questions.Confirmation | None, asked: Asked, years: frozenset[str]) -> Answer | None:
        """"Bộ Nội vụ đặt mục tiêu giảm bao nhiêu công chức?" that the body's own facts do not answer: a fact
        about the whole country of an article naming that body ("Bộ này đặt mục tiêu giảm 5.510 công chức"),
        or None."""
        country = frozenset({_COUNTRY})  # (asked of the country: the body named is not the unit its facts are of)
        found = self._decide(question, Analysis(analysis.content, analysis.tokens, country), country, (), confirm,
                             asked, years)
        if not found.answered or found.parts or found.fact.place != _COUNTRY:
            return None
        article = self.kb.articles.get(found.fact.article_id)
        named = bodies - country
        if article is None or not named & self.index.reader.places(article.text):
            return None
        return replace(found, why=Why(found.why.rule, {**found.why.values, "country_for": ", ".join(sorted(named))}))

    def _in_the_report(self, question: str, analysis: Analysis, confirm: questions.Confirmation | None,
                       asked: Asked, text: str, years: frozenset[str]) -> Answer | None:
        """"Theo báo cáo của Bộ Nội vụ, năm 2018 cả nước có hơn 6.700 công chức …, đúng không?" that the country's
        own facts do not answer: a fact of the national body the question cites as its source that states the claim
        with the user's words around it (its articles' facts are filed under the body), or None. A count asked
        ("… cả nước có khoảng bao nhiêu công chức không hoàn thành nhiệm vụ?") likewise, when it asks more than how
        many there are: that is no count of some of its staff a report gives ("… 4.200 viên chức không hoàn thành
        nhiệm vụ" is not how many viên chức there are)."""
        if confirm is not None and not confirm.claims:
            return None
        held = self.index.places_held
        bodies = frozenset(p for p in self._sources(text) if p in held and self.index.place_of(p) is not None
                           and self.index.place_of(p).national and p != _COUNTRY)
        if not bodies:
            return None
        found = self._decide(question, Analysis(analysis.content, analysis.tokens, bodies), bodies, (), confirm,
                             asked, years)
        if not found.answered or found.parts:
            return None
        if confirm is not None and not self._quotes_claim(confirm.claims, found.fact):
            return None
        if confirm is None:  # (it must fit the fact as the question reads without its source)
            core = ",".join(p for p in _CLAUSES.split(text) if not _opens_with_source(p))
            asked_core = self._asked(core, self.analyse(core))
            if asked_core.bare or not self.index.scope.fits(asked_core, self.index.position[found.fact.id]):
                return None
        named = self.index.fact_places[self.index.position[found.fact.id]]
        if any(self.index.place_of(p) is None or not self.index.place_of(p).national for p in named):
            return None  # ("… Sở NNPTNT tỉnh Thanh Hóa (có 8 Phó Giám đốc Sở) …": some provinces', not the country's)
        return replace(found, why=Why(found.why.rule, {**found.why.values, "reported_by": ", ".join(sorted(bodies))}))

    def _scope_stated(self, question: str, analysis: Analysis, allowed: frozenset[str], missing: tuple[str, ...],
                      asked: Asked, text: str, years: frozenset[str]) -> Answer | None:
        """"19 đơn vị sự nghiệp thuộc Bộ Y tế có bao nhiêu người trúng tuyển?", declined as the facts holding the 19
        count units: a count the question states of what it asks about, as an article of the place states it (the
        same figure before the same word), is the scope the article sets, not what the fact must say. Its words and
        those of the article's sentence stating it are set aside to find the fact, which must be of that article;
        or None."""
        if not allowed or asked.measure is None or not _DIGIT.search(text):  # (most declines: no figure to read)
            return None
        stated = [f for f in figures.find(text) if f.kind == figures.COUNT and f.after[:1] and f.after[0].isalpha()]
        if not stated:
            return None
        values = {figures.number(f.value) for f in stated}
        starts = {(figures.number(f.value), f.after[0]) for f in stated}
        arts, scope = set(), set()
        for art_id in {self.kb.facts[i].article_id for p in allowed for i in self.index.place_facts[p].order}:
            for counts, sentence in _counts_stated(self.kb.articles[art_id].text):
                if counts & starts:
                    arts.add(art_id)
                    scope.update(self.analyse(sentence).tokens)
        # (only words before what is asked: "… có bao nhiêu người trúng tuyển" asks its own words, whatever the
        # article's sentence says of "tuyển dụng")
        asking = next((k for k, t in enumerate(analysis.tokens) if t in self._questioning), len(analysis.tokens))
        tokens = tuple(t for k, t in enumerate(analysis.tokens) if k >= asking
                       or not (t in scope or (t.isdigit() and float(t) in values)))
        if not arts or len(tokens) == len(analysis.tokens):
            return None
        found = self._decide(question, Analysis(" ".join(tokens), tokens, analysis.places), allowed, missing, None,
                             asked, years)
        if not found.answered or found.parts or found.fact.article_id not in arts:
            return None
        units = {w for _, w in starts}
        at = questions.counted_from(analysis.tokens)
        counted = analysis.tokens[at:at + 1] if at is not None else ()
        if not units.intersection(counted) and any(
                f.kind == figures.COUNT and f.after[:1] and f.after[0] in units and figures.number(f.value) not in values
                for f in self.index.figures_of[found.fact.answer]):
            # "17 sở … tổng cộng bao nhiêu phó giám đốc?" of "2 sở … chỉ có 2 phó giám đốc": of others (but "17 sở,
            # trong đó bao nhiêu sở …?" asks such a count)
            return None
        return replace(found, why=Why(found.why.rule, {**found.why.values, "scope_stated": " ".join(
            f"{f.value} {' '.join(f.after[:2])}" for f in stated)}))

    def _places(self, named: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
        """Split named places into those the knowledge covers and those it does not."""
        held = self.index.places_held
        allowed = frozenset(p for p in named if p in held)
        if any(self.index.place_of(p) is not None and self.index.place_of(p).kind != "unit" for p in allowed):
            # "Kiểm toán Nhà nước phát hiện tỉnh Vĩnh Long thừa …": a national body beside a province acts on it;
            # the figure asked is the province's, never one the body gives of itself
            allowed = frozenset(p for p in allowed if not (self.index.place_of(p) and self.index.place_of(p).national))
        missing = []
        for name in sorted(named - allowed):
            entry = self.index.place_of(name)
            if entry is not None and entry.kind == "unit":
                # (a national body beside a province the knowledge covers acts on it: "Thanh tra Bộ Nội vụ … ở X")
                if name not in self.index.places_mentioned and not (entry.national and allowed):
                    missing.append(name)
            elif not (allowed and name in self.index.parents_held):
                missing.append(name)
        if missing:
            # A place or organisation we know nothing of, named beside one we know ("Uông Bí gần Đông Triều,
            # Uông Bí thu hút bao nhiêu thạc sĩ?"): never substitute the neighbour's figure.
            return frozenset(), tuple(missing)
        return allowed, tuple(missing)

    def _decide(self, question: str, analysis: Analysis, allowed: frozenset[str], missing: tuple[str, ...],
                confirm: questions.Confirmation | None, asked: Asked, years: frozenset[str] = frozenset()
                ) -> Answer:
        """Rank the facts and apply the thresholds: answer, clarify or decline (`years`: the years the question
        asks about, not those it compares with)."""
        p = self.policy
        ranking = self.index.rank(analysis, allowed or None)
        named = tuple(sorted(allowed))
        if not ranking.candidates or ranking.figures_missing:
            return self._not_given_by_number(question, analysis, allowed, missing, ranking)
        if confirm is not None and confirm.claims:  # "có 100 đoàn viên phải không?" counts đoàn viên
            # (…, women among them: "có 92 đoàn viên nữ phải không?")
            asked = replace(asked, measure=self.index.scope.claimed_measure(confirm.claims),
                            sex=asked.sex or self.index.scope.names_women(analysis.tokens))
        # An organisation named ("Sở Nội vụ Lạng Sơn") must be what the fact is about, not just its place.
        units = {n for n in analysis.places if self._is_unit(n)}
        units -= self._sources(question)
        if any(self.index.place_of(n) and self.index.place_of(n).kind != "unit" for n in analysis.places):
            # "Thanh tra Bộ Nội vụ kiểm tra … ở Ninh Thuận": a national body beside a province acts on it
            units = {n for n in units if not self.index.place_of(n).national}
        fit, unfit, contradicted = [], [], []
        of_another: set[str] = set()  # facts giving a figure claimed, of another group than the question names
        # facts of another time: giving the years asked only as what they compare with, or naming other years
        other_time: set[str] = set()
        other_whole: set[str] = set()  # facts not giving the whole the question counts within (see `within`)
        # "Đông Triều có 51 trí thức …, trong đó bao nhiêu người là Nhà giáo Ưu tú?": a count asked beside the
        # figures it states is another figure; a fact giving only those does not answer it
        found = figures.find(question) if confirm is None else []  # (a yes/no question's figures are its claims)
        stated = frozenset(f.value for f in found if f.is_quantity) if asked.measure is not None else frozenset()
        # "… thêm 4.920 chỉ tiêu, trong đó bao nhiêu cho ngành y tế?": a part of the whole stated, smaller than it
        # (but in "… có bn cbcc ở 3 sở …, trong đó bn chuyên viên" the whole is asked too: the 3 is no whole)
        folded = fold(question)
        of_which = _OF_WHICH.search(folded) if stated else None
        if of_which is not None and of_which.group(0).startswith("thi") and not self._staff_stated(analysis.tokens):
            of_which = None  # ("báo cáo của 19 bộ với 45 địa phương thì có bao nhiêu …": no whole of staff stated)
        whole = max(map(figures.number, stated)) \
            if of_which and not questions.asks_a_count(folded[:of_which.start()]) else None
        # "Trong 63 công chức đi sát hạch, bao nhiêu người không đạt?": the whole a count is asked within; a fact
        # counting more than it, and not giving it, counts within another whole (118 others: another passage's)
        within = frozenset(f.value for f in found if f.kind == figures.COUNT and f.before[-1:] == _WITHIN
                           and f.after[:1] and f.after[0] not in _TIME_WORDS)
        # A count asked with no word of change, in the question or the message ("… giảm bao nhiêu biên chế hành
        # chính và bao nhiêu biên chế viên chức?" asks the change in both parts)
        no_change = asked.measure is not None and not self._changes & set(analysis.tokens) and \
            not self._changes & set(self.analyse(question).tokens)
        sum_asked = asked.measure == _MONEY and not _TOTAL.isdisjoint(analysis.tokens)
        change_asked = confirm is None and asked.measure is not None and self._asks_change(analysis.tokens)
        counted = questions.counted_from(analysis.tokens)
        negated = counted is not None and self.index.scope.negates(analysis.tokens, counted)
        lack = self.index.scope.had_and_lacked(analysis.tokens) if asked.contrasts else None
        tokens = analysis.tokens
        # (a question saying a plan itself asks none of now: "sắp xếp đội, tổ xong dự kiến dư bao nhiêu cán bộ?")
        now_asked = (_says_now(folded) or _DONE.search(folded) is not None) and _PLANNED.search(folded) is None
        gap_asked = confirm is None and _GAP_ASKED.search(folded) is not None
        before_asked = asked.measure is not None and _BEFORE_CHANGE.search(folded) is not None
        # "luân chuyển sang huyện khác": another one than the one named, which a fact must say ("sang xã khác" is
        # not it): "2 đồng chí luân chuyển giữa các xã" is of the communes, not of another district
        others = [f"{tokens[k - 1]}_{t}" for k, t in enumerate(tokens) if k and t in _OTHER_THAN
                  and tokens[k - 1] in _UNIT_KINDS]
        for c in ranking.candidates:
            i = self.index.position[c.fact.id]
            quantities = self.index.quantities[i]
            if stated and (stated >= quantities != frozenset()
                           or (whole is None and stated >= self._counting(c.fact, asked.measure) != frozenset())
                           or (whole is not None and not any(figures.number(f.value) < whole for f in
                                                             self._of_kind_asked(c.fact, asked.measure)
                                                             if f.value not in stated))):
                # ("Đề án đào tạo 1.000 thạc sĩ … đã cử được bao nhiêu lượt đi học?" of the fact giving the 1.000
                # and 13 provinces: its count of people is the one the question states)
                unfit.append(c)
            elif within and not within <= quantities and self._counts_beyond(within, c.fact):
                unfit.append(c)
                other_whole.add(c.fact.id)
            elif before_asked and self._counting(c.fact, asked.measure) <= self._changed_values(c.fact):
                unfit.append(c)  # "Trước đợt giảm 69 biên chế, … có bao nhiêu biên chế?" of the cuts alone
            elif (asked.having or no_change) and self._gives_only_changes(c.fact):
                # "Sở … có bao nhiêu lãnh đạo?" asks what there is: a figure only ever asked as a change ("tăng
                # cường bao nhiêu cán bộ lãnh đạo cho trung tâm?") is not it; nor is it of a question that says no
                # change at all ("Đồng Nai tuyển mới bao nhiêu giáo viên?" of the teachers in excess)
                unfit.append(c)
            elif asked.having and allowed and not self._names_change(analysis.tokens, self._intake_runs) \
                    and self._gives_only_changes(c.fact, self._intake_runs):
                unfit.append(c)  # "Sở … Lạng Sơn có bao nhiêu tiến sĩ?" of "đã tiếp nhận 1 tiến sỹ": those taken in
            elif lack is not None and self.index.scope.lack_differs(lack, i):
                unfit.append(c)  # "… không có bằng đại học?" of "47 người có trình độ đại học": those who have it
            elif asked.left_out and self._one_whole(c.fact, asked):
                unfit.append(c)  # "bao nhiêu người, trừ lãnh đạo?" of "Sở … có 71 cán bộ, …": it counts them too
            elif negated and not self.index.scope.says_lack(i):
                unfit.append(c)  # "… bao nhiêu người không đi học tiến sĩ?" of "2 công chức đi đào tạo … tiến sĩ"
            elif asked.level and not any(f.is_quantity and questions.reached(f)
                                         for f in self.index.figures_of[c.fact.answer]):
                unfit.append(c)  # "… sẽ tăng lên bao nhiêu người?" of "… sẽ tăng 16 người": the change, not the level
            elif asked.contrasts and self._across_levels(c.fact):
                unfit.append(c)  # "dư bao nhiêu giáo viên tiểu học?" of "thừa 1.400 giáo viên các cấp, trong đó …"
            elif asked.measure == questions.QUANTITY and asked.noun[:1] not in ((), ("so",)) \
                    and self._only_shares_of(c.fact, asked.noun):
                # "… phải có bao nhiêu đơn vị sự nghiệp …?" of "… tối thiểu 16% đơn vị sự nghiệp": a share, no count
                # ("tăng bao nhiêu so với năm 2015?" names no noun: "so" compares)
                unfit.append(c)
            elif asked.group and not self.index.scope.counts(asked, i):
                unfit.append(c)  # "có bao nhiêu người là đảng viên?" of "… cho trên 3.000 cán bộ, đảng viên, CCVC …"
            elif change_asked and not self._says_change(c.fact):
                unfit.append(c)  # "Đông Triều vượt bao nhiêu trí thức?" of "tổng số trí thức … đạt 17.412": no change
            elif sum_asked and self._per_head_sum(c.fact):
                # "Đà Nẵng đã chi tổng cộng bao nhiêu tiền cho chính sách hỗ trợ …" of "hỗ trợ 200 triệu đồng với
                # lãnh đạo …": what each one gets, not what was spent
                unfit.append(c)
            elif asked.says and not self._says(c.fact, asked.says):
                # "… ban hành khi nào" of a fact giving no time (its article's date aside), "căn cứ văn bản nào"
                # of one naming no document
                unfit.append(c)
            elif others and not all(pair in self.index.scope.everything[i] for pair in others):
                unfit.append(c)
            elif gap_asked and not self._gives_gap(c.fact, asked.measure):
                unfit.append(c)  # "… cao hơn Thái Lan bao nhiêu %?" of a fact giving Việt Nam's 4,8% alone
            elif now_asked and self._planned_only(c.fact):
                unfit.append(c)  # "Thanh tra Bộ … hiện có bao nhiêu người?" of "Bộ sẽ tăng … lên 45 người": a plan
            elif years and years <= _years_of(self.index.figures_of[c.fact.answer], True):
                # "Năm 2015 … bao nhiêu %?" of a fact giving 2015 only as what it compares with: not its figure
                unfit.append(c)
                other_time.add(c.fact.id)
            elif units and not units <= self._organisations_of(c.fact):
                continue  # another body's figure ("Sở Y tế … có bao nhiêu …" of the province's): no closer figure
            elif years and self._other_years(years, c.fact):
                unfit.append(c)  # "… năm 2021?" of a fact whose figures are of 2019: another time
                other_time.add(c.fact.id)
            elif asked.spelled and not self.index.scope.writes(i, asked.spelled):
                unfit.append(c)  # "huyện Cờ Đỏ có 28 … phải không?" of the city's 28: never the district's
            elif self.index.scope.fits(asked, i) or self._reaches_level_asked(asked, c.fact):
                fit.append(c)
            elif confirm is not None and self._quotes_claim(confirm.claims, c.fact) and not (
                    asked.sex and not self.index.scope.says_women(i)):
                fit.append(c)  # the figure the user wrote is checked against the fact giving it (not of women)...
                if self.index.scope.contradicts(asked, i):
                    of_another.add(c.fact.id)  # ...unless it is another group's figure (see below)
            elif confirm is not None and self._fits_confirmation(asked, c, confirm.claims):
                contradicted.append(c)  # "là Giám đốc … phải không?" of a Phó Giám đốc: what it asks to check
            else:
                unfit.append(c)
        if of_another and any(c.fact.id not in of_another for c in fit):
            # "64,8% là tỷ lệ viên chức … nhỉ?" where 64,8% is the cán bộ, công chức's: the viên chức's figure is
            # what is checked (and corrects the claim), not a choice between the two
            fit = [c for c in fit if c.fact.id not in of_another]
        thing = questions.named_thing(question)
        naming = [c for c in fit if self._names(c.fact, thing)] if thing else []
        if naming:
            # "Công đoàn … đang thực hiện cuộc vận động gì?": the facts giving the campaign's name, not those that
            # only speak of it ("các tiêu chí của cuộc vận động được gắn với công tác thi đua …")
            fit = naming + [c for c in fit if c not in naming and c.score > naming[0].score + p.dominance_margin]
        if contradicted and (not fit or fit[0].score < p.clarify_floor):
            fit = contradicted
        if confirm is not None and confirm.claims:
            # "có 71 hay 17 người?": of the facts that fit, the one giving a figure the user wrote is what is checked
            # (a figure cited with the words the fact puts around it is checked there, however much else the message
            # says: "Mình nghe Cần Thơ kiểm tra đột xuất sau Tết thấy 91 công chức vắng mặt, đúng vậy không?")
            holding = [c for c in fit if c.score >= p.clarify_floor and (
                c.coverage >= p.clarify_min_coverage or self._quotes_claim(confirm.claims, c.fact))
                       and self._gives_claim(confirm.claims, c.fact)
                       and (confirm.choice or verdict.addresses(confirm.claims, confirm.text, c.fact,
                                                                 self.index.figures_of[c.fact.answer]))]
            # ...a passage giving it before the article's title quoted in the fact telling when it was published
            holding = [c for c in holding if _ABOUT_ARTICLE not in c.fact.tags] or holding
            # ...of a claim of several figures, those giving the most of them ("có 17 sở mà tới 5 sở vượt …": the
            # passage giving both, not one giving only the 5, where the 17 would be "wrong" for being unsaid)
            several = len(confirm.claims) >= 2 and not confirm.choice and bool(fit)
            given = {c.fact.id: verdict.given_count(confirm.claims, self.index.figures_of[c.fact.answer])
                     for c in holding} if several else {}
            most = max(given.values(), default=0)
            holding = [c for c in holding if given[c.fact.id] == most] if several else holding
            # ...of several, the one giving nothing but figures the user wrote ("Sở có 71 người đúng không?": the
            # Sở's 71, not "trong 71 người … có 11 người trình độ trên đại học", where 71 is what the 11 are of)
            claimed = {f.value for f in confirm.claims}
            only = [c for c in holding if self.index.quantities[self.index.position[c.fact.id]] <= claimed]
            holding = only if len({c.fact.id for c in only}) == 1 else holding
            # ...never one that explains less of the question than the best fitting fact (that one is checked)
            # ...of several of one article all giving it for what the question names ("… còn 456 điểm trường lẻ,
            # đúng không?" of "xoá 192 điểm lẻ, còn 456 điểm" and "… với 456 điểm trường lẻ"), the closest: the
            # verdict is the same
            # ...or all quoting one passage that has a figure counting what each claim counts ("gộp 8 trung tâm …
            # còn 4 trung tâm hả?" of "8 trung tâm … thành còn 3 trung tâm", drafted twice): one verdict
            if len({c.fact.article_id for c in holding}) == 1 and (all(
                    claimed <= self.index.quantities[self.index.position[c.fact.id]] for c in holding)
                    or (all(self._same_answer(holding[0], c) for c in holding[1:]) and verdict.counted_alike(
                        confirm.claims, self.index.figures_of[holding[0].fact.answer]))):
                holding = holding[:1]
            # (the one giving more of them is checked, though the best fitting fact fits better: that one would
            # leave a figure written unsaid, and the claim "wrong" for it)
            more = several and most > verdict.given_count(confirm.claims, self.index.figures_of[fit[0].fact.answer])
            if len({c.fact.id for c in holding}) == 1 and (more or (holding[0].coverage >= fit[0].coverage
                                                                    and holding[0].score >= fit[0].score
                                                                    - p.clarify_margin)):
                return self._answer(question, holding[0], named, Rule.CONFIRM_FIGURE,
                                    [c for c in fit if c.fact.id != holding[0].fact.id])
            quoting = self._quoting_beside(fit[0].fact, confirm.claims, confirm.text, asked) if fit else None
            if quoting is not None:
                # (the question's words matched the passage beside it: its score is theirs)
                return Answer(question, ANSWER, fit[0].score, quoting, self.sources(quoting),
                              places=named or (quoting.place,), coverage=fit[0].coverage,
                              why=self._why(Rule.CONFIRM_QUOTED, replace(fit[0], fact=quoting), fit[1:],
                                            beside=fit[0].fact.id))
        if asked.names and ((confirm is not None and not confirm.claims) or asked.who) and (fit or contradicted):
            # "Ông X là … phải không?", "ông X giữ chức gì?": X's fact says what X is (the one telling a title
            # first)
            scope = self.index.scope
            named_facts = sorted(fit + contradicted, key=lambda c: (
                not scope.fact_contrasts[self.index.position[c.fact.id]], -c.score))
            # "Ông X và ông Y mỗi người giữ chức gì?": each person named, by the first fact naming them
            order = sorted(asked.names, key=lambda n: analysis.tokens.index(n) if n in analysis.tokens
                           else len(analysis.tokens))
            each = {n: next((c for c in named_facts if n in scope.everything[self.index.position[c.fact.id]]), None)
                    for n in order}
            if len(asked.names) >= 2 and all(each.values()) and len({c.fact.id for c in each.values()}) >= 2:
                return self._combined(question, [self._answer(question, c, named, Rule.CONFIRM_NAMED)
                                                 for c in dict.fromkeys(each.values())])
            return self._answer(question, named_facts[0], named, Rule.CONFIRM_NAMED)
        if asked.bare and not allowed and not self.index.scope.names_unit(asked):
            # "Có bao nhiêu công chức?" with no unit named: never one unit's figure; offer each unit's closest.
            options = [c for c in ranking.candidates if c.score >= p.clarify_floor and (
                c in fit or self.index.scope.loosely_fits(asked, self.index.position[c.fact.id]))]
            if len({c.fact.article_id for c in options}) >= 2:
                return self._clarify(question, options, options[0].score, named, Rule.NO_UNIT_NAMED)
            return Answer(question, DECLINE, reason=NO_MATCH, examples=self._suggest(options)[: p.examples] or
                          self._examples(allowed), why=self._why(Rule.NO_UNIT_NAMED, options[0] if options else None))
        shared = self.index.scope.shared_unit(asked) if not allowed else ""
        if shared:
            # "Sở KH&CN có bao nhiêu người?" with Sở KH&CN of two provinces known: ask which one
            scope = self.index.scope
            near = [c for c in ranking.candidates if c.score >= p.clarify_floor and c.coverage >= p.clarify_min_coverage
                    and scope.unit_head[self.index.position[c.fact.id]] == shared]
            options = [c for c in near if c in fit]
            if options:  # the closest of each other place too, when it counts what is asked
                places = {c.fact.place for c in options}
                options += [c for c in near if c.fact.place not in places
                            and scope.loosely_fits(asked, self.index.position[c.fact.id])]
            if len({c.fact.place for c in options}) >= 2:
                return self._clarify(question, options, options[0].score, named, Rule.UNIT_IN_PLACES)
        top = fit[0] if fit else None
        exact = next((c for c in fit[1:] if c.score > top.score - p.clarify_margin
                      and self._restated_rounded(c, top, analysis)), None) if top is not None else None
        if exact is not None:  # "hơn 1.500 hồ sơ" first, "1.581 hồ sơ" of another passage close: the exact one
            top, fit = exact, [exact, *(c for c in fit if c is not exact)]
        if top is not None:
            rivals = self._rivals(top, fit[1:], allowed, analysis, confirm)
            narrower = self._narrower_asked(analysis, top)
            strong = top.score >= p.answer_threshold and top.coverage >= p.min_coverage and not narrower
            # The question must also say a fair part of what the fact is asked about (its closest phrasing).
            about = top.reverse >= p.min_reverse
            explained = self._explains_more(top, unfit, asked)
            if strong and about and not rivals and explained:
                return self._clarify(question, [*explained, top], explained[0].score, named, Rule.SUBJECT_NOT_NAMED)
            elsewhere = self._given_otherwise(top, unfit, asked) if strong and about and not rivals and not allowed \
                else []
            if elsewhere:
                return self._clarify(question, [top, *elsewhere], top.score, named, Rule.PLACE_NOT_NAMED)
            if strong and about and not rivals:
                # "tỷ lệ đạt chuẩn CNTT và chuẩn ngoại ngữ": two things named, each its own fact, however far apart
                both = self._both(question, fit, asked, named) if len(asked.contrasts) >= 2 else None
                return both or self._answer(question, top, named, Rule.STRONG, fit[1:])
            closer = self._closer(top, unfit)
            unnamed = [c for c in closer if c in explained]  # closer, and unfit only for a subject not named
            if not strong and unnamed:
                # "Đông Triều tổ chức bao nhiêu lớp?": the town's classes, or those its Trung tâm held, which the
                # question fits better but for not naming the Trung tâm: not a figure to give alone; ask which
                return self._clarify(question, [*unnamed, top], unnamed[0].score, named, Rule.SUBJECT_NOT_NAMED)
            # A fact closer to the question that counts something else ("… tinh giản mấy người?" of the biên chế
            # cut) means the figure asked is not given: never the weaker fact's figure by dominance
            if (not strong and about and not closer and not explained and not asked.who and not self._unknown(analysis)
                    and not self._left_concept(analysis, top) and not narrower
                    and not self.index.scope.unsaid_qualification(analysis.tokens[counted or 0:],
                                                                  self.index.position[top.fact.id])
                    and not self._other_part_named(analysis, top)
                    and self._dominates(top, fit[1:], allowed, analysis, confirm is not None,
                                        asked.total)):
                return self._answer(question, top, named, Rule.DOMINANT, fit[1:])
            if strong:
                options = [top, *rivals]
                if not about:  # the question says little of the best fact's subject: the others near it are choices too
                    options += [c for c in fit[1:] if c not in options and c.score >= p.clarify_floor
                                and c.coverage >= p.clarify_min_coverage]
                framed = self._framed(question, analysis, options) if allowed else []
                if framed and all(self._same_answer(framed[0], c) for c in framed[1:]):
                    # "giai đoạn 2016 - 2018 cả nước giảm được bao nhiêu biên chế" of "… chỉ giảm được 86.300 biên
                    # chế" and "biên chế công chức … giảm khoảng 12.434 người": the one giving it as asked
                    return self._answer(question, framed[0], named, Rule.FRAMED, [c for c in fit if c is not framed[0]])
                if options == [top] and _ABOUT_ARTICLE in top.fact.tags:
                    # "bài này đăng tạp chí số mấy?": an article's details, whose long wordings it says little of
                    return self._answer(question, top, named, Rule.ARTICLE_DETAILS, fit[1:])
                return self._both(question, [top, *rivals], asked, named) or \
                    self._clarify(question, options, top.score, named, Rule.RIVALS)
        near = [c for c in fit if c.score >= p.clarify_floor and c.coverage >= p.clarify_min_coverage]
        framed = self._framed(question, analysis, near) if allowed else []
        if framed:
            # "… đến năm 2021 biên chế công chức của TP HCM giảm còn bao nhiêu người?": of the place's facts, the one
            # saying "giảm còn 10.430 người" answers it, however much closer one giving "giảm từ 1,5 - 2%" comes (of
            # several so saying, the closest when clearly ahead: not the "người làm việc … giảm còn 114.576 người")
            others = [c for c in framed[1:] if not self._same_answer(framed[0], c)]
            if others and others[0].score > framed[0].score - p.clarify_margin:
                return self._clarify(question, [framed[0], *others], framed[0].score, named, Rule.FRAMED)
            return self._answer(question, framed[0], named, Rule.FRAMED, [c for c in fit if c is not framed[0]])
        # (a fact naming another of a contrast group than the question, "thạc sĩ" for "chuyên viên chính", is about
        # something else, not a closer figure of another measure)
        # (an article's details, its title's words and figures among them, count nothing a question asks of its
        # subject: "Gần 22% công chức Cần Thơ vắng mặt …" is no closer fact of another measure)
        blocked = [c for c in unfit if c.score >= p.clarify_floor and c.coverage >= p.clarify_min_coverage
                   and not self.index.scope.contradicts(asked, self.index.position[c.fact.id])
                   and _ABOUT_ARTICLE not in c.fact.tags]
        # A question too vague to name any fact's subject ("tăng bao nhiêu so với năm 2015?") that several facts
        # cover entirely: ask which one was meant.
        vague = [c for c in blocked if c.coverage >= p.min_coverage
                 and self.index.scope.fits(asked, self.index.position[c.fact.id], keys=False)]
        if not near and len(vague) >= 2:
            return self._clarify(question, vague, vague[0].score, named, Rule.VAGUE)
        # (with no place named, facts of several articles that would each answer it alone are choices, whatever one
        # place's closer fact counting something else: "có bao nhiêu người có trình độ thạc sĩ?" of Hà Nội's share
        # of graduates beside the thạc sĩ of Hải Dương, of the Mekong delta …)
        several = not allowed and len({c.fact.article_id for c in near if c.score >= p.answer_threshold
                                       and c.coverage >= p.min_coverage}) >= 2
        if blocked and (not near or blocked[0].score > near[0].score) and not several:
            # The closest facts count something else: say the figure is not given, and what the articles give.
            examples = self._padded(self._suggest(near + blocked), allowed)  # what fits the question first
            return Answer(question, DECLINE, blocked[0].score, reason=NOT_GIVEN, missing=missing,
                          examples=examples, places=named,
                          why=self._why(Rule.OTHER_MEASURE, blocked[0], near, measure=str(asked.measure or ""),
                                        other_year=", ".join(sorted(years)) if blocked[0].fact.id in other_time
                                        else "", within=", ".join(sorted(within))
                                        if blocked[0].fact.id in other_whole else ""))
        both = self._both(question, near, asked, named) if len(near) >= 2 else None
        # "… thạc sĩ nhiều hơn hay … trung cấp lý luận chính trị nhiều hơn?": naming two things, the question covers
        # little of each one's fact (it may come near neither); each side may still be answered on its own
        weighed = both or self._each_side(question, [c for c in fit if c.score >= p.clarify_floor], named)
        if weighed is not None:
            return weighed
        if len(near) >= 2:
            return self._clarify(question, near, near[0].score, named, Rule.NEAR)
        best = top.score if top is not None else 0.0
        # What comes closest, though it covers too little of the question to be offered as meant ("th" for Thanh
        # Hóa, unread, leaves its facts the closest): better examples than the first facts of any article.
        closest = [c for c in fit if c.score >= p.clarify_floor and c not in near]
        examples = self._padded(self._suggest(near + closest), allowed)
        return Answer(question, DECLINE, best, reason=NO_MATCH, missing=missing, examples=examples,
                      places=named, why=self._why(Rule.WEAK, top, fit[1:] if fit else []))

    def _across_levels(self, fact: Fact) -> bool:
        """Whether every count a fact gives is said, somewhere in it, to be of all levels ("Dư hơn 1.400 giáo viên;
        … thừa 1.400 giáo viên các cấp, trong đó nhiều nhất là tiểu học"): a whole, not the figure of the one level
        a question names."""
        said = fact.answer.lower()
        if not any(w in said for w in _ALL_LEVEL_WORDS):  # (most facts: no figure read)
            return False
        counts = [f for f in self.index.figures_of[fact.answer] if f.kind == figures.COUNT]
        whole = {f.value for f in counts if _ALL_LEVELS.match(fold(fact.answer[f.end:f.end + _LEVEL_CHARS]))}
        return bool(whole) and {f.value for f in counts} <= whole

    def _framed(self, question: str, analysis: Analysis, candidates: list[Candidate]) -> list[Candidate]:
        """The candidates giving a figure between the words the question asks it between (`_frame`), unless the
        question narrows what the fact counts or names what it does not say ("tăng bao nhiêu biên chế giáo viên
        THPT?" of "… tăng 320 biên chế")."""
        frame = _frame(question) if candidates else None
        if frame is None or self._unknown(analysis):
            return []
        before, after = frame
        start = questions.counted_from(analysis.tokens)
        counted = analysis.tokens[start:] if start is not None else ()
        return [c for c in candidates
                if any(f.is_quantity and f.before[-2:] == before and f.after[:1] == after
                       for f in self.index.figures_of[c.fact.answer])
                and not self._narrower_asked(analysis, c) and not self._left_concept(analysis, c)
                and not self._other_part_named(analysis, c)
                # ("… có bao nhiêu cán bộ, công chức trình độ cao đẳng?" of "có 71 cán bộ, …": some of them)
                and not self.index.scope.narrows(counted, self.index.position[c.fact.id])]

    def _answer(self, question: str, top: Candidate, named: tuple[str, ...], rule: Rule,
                others: list[Candidate] = ()) -> Answer:
        """Answer with a candidate."""
        return Answer(question, ANSWER, top.score, top.fact, self.sources(top.fact),
                      places=named or (top.fact.place,), coverage=top.coverage, why=self._why(rule, top, others))

    def _why(self, rule: Rule, top: Candidate | None, others: list[Candidate] = (), **extra: str) -> Why:
        """The values a rule compared: the best fact's score, coverage and aboutness against their bars, and
        the runner-up's score."""
        p = self.policy
        values: dict[str, float | int | str] = {}
        if top is not None:
            values.update(fact=top.fact.id, score=round(top.score, 1), answer_threshold=p.answer_threshold,
                          coverage=round(top.coverage, 2), min_coverage=p.min_coverage,
                          about=round(top.reverse, 2), min_about=p.min_reverse)
        if others:
            values.update(runner_up=others[0].fact.id, runner_up_score=round(others[0].score, 1),
                          clarify_margin=p.clarify_margin)
        values.update({k: v for k, v in extra.items() if v})
        return Why(rule, values)

    def _rivals(self, top: Candidate, others: list[Candidate], allowed: frozenset[str],
                analysis: Analysis, confirm: questions.Confirmation | None = None) -> list[Candidate]:
        """Candidates close enough to the best that the user should choose (those giving the same figures aside;
        a change, "giảm bao nhiêu đơn vị?", is no rival to what there is, for a question asking "có bao nhiêu" or
        claiming "có 17 cán bộ")."""
        p = self.policy
        if self._asks_stock(analysis, confirm) and not self._asked_as_change(top.fact):
            others = [c for c in others if not self._asked_as_change(c.fact)]
        rivals = [c for c in others if c.score >= top.score - p.clarify_margin]
        if top.coverage >= p.whole_coverage:
            # Both facts hold (nearly) every word of the question: its wording alone cannot tell which was meant
            rivals += [c for c in others if c not in rivals and c.coverage >= p.whole_coverage
                       and c.score >= top.score - p.dominance_margin]
        if not allowed:  # no place named: a fact of another place covering about as much is a rival too
            core = self._core_asked(analysis)
            rivals += [c for c in others if self._other_place_rival(top, c, core) and c not in rivals]
        # ...and one near it that says who the counted are, as the question says it and the best one never does
        # ("… bao nhiêu người họ hàng được đưa vào làm việc?": the 9 relatives, beside 36 acquaintances "tiếp nhận
        # … vào làm việc")
        said = self._counted_unsaid(analysis, top)
        if said:
            rivals += [c for c in others if c not in rivals and c.score >= top.score - p.dominance_margin
                       and said & self.index.scope.keys[self.index.position[c.fact.id]]]
        return [c for c in rivals if not self._same_answer(top, c) and not self._narrower(top, c)
                and not self._part_named(top, c, analysis.tokens) and not self._restated_rounded(top, c, analysis)]

    def _counted_unsaid(self, analysis: Analysis, top: Candidate) -> frozenset[str]:
        """The terms of the two words a question says right after what its "bao nhiêu" counts ("bao nhiêu người họ
        hàng": "họ", "hàng", "họ hàng") when the fact says none of them; else none."""
        tokens = analysis.tokens
        at = _how_many_at(tokens)
        said = frozenset(terms_of(tokens[at + 3:at + 5])) if at is not None else frozenset()
        return said if said.isdisjoint(self.index.scope.everything[self.index.position[top.fact.id]]) else frozenset()

    def _part_named(self, top: Candidate, other: Candidate, tokens: tuple[str, ...]) -> bool:
        """Whether the question names the top fact's unit, a part of the other fact's in the same place ("Công đoàn
        Sở KH&CN Hải Dương" within "Sở KH&CN Hải Dương"): asked of the part, the whole's fact is no choice."""
        if top.fact.unit == other.fact.unit or top.fact.place != other.fact.place \
                or not self._unit_named(top.fact, tokens):
            return False
        part = set(self.index.reader.analyse(top.fact.unit).tokens)
        return set(self.index.reader.analyse(other.fact.unit).tokens) < part

    def _asks_stock(self, analysis: Analysis, confirm: questions.Confirmation | None = None) -> bool:
        """Whether a question asks what there is ("Đà Nẵng có bao nhiêu đơn vị sự nghiệp?": no verb but "có"
        before "bao nhiêu", which reading drops), or claims it ("Sở có 17 cán bộ phải không?"), naming no change."""
        if confirm is not None and confirm.claims:  # (the word right before the figure claimed says which)
            return confirm.claims[0].before[-1:] in {(w,) for w in _HAVING}
        tokens = analysis.tokens
        if self._changes & set(tokens):
            return False
        at = _how_many_at(tokens)
        return at is not None and (at == 0 or tokens[at - 1] in _HAVING)

    @staticmethod
    def _names(fact: Fact, thing: str) -> bool:
        """Whether a fact's answer gives the name of the thing asked: a name in quotation marks, or a number,
        within a few words after it ("cuộc vận động xây dựng người cán bộ, … “Trung thành, …”", "Nghị quyết số
        09/NQ-CĐVC")."""
        folded = fold(fact.answer)
        return any(_NAME_AFTER.match(folded, m.end()) for m in re.finditer(rf"\b{thing}\b", folded))

    def _counting(self, fact: Fact, measure: str | None) -> frozenset[str]:
        """The quantities a fact's answer gives of the measure asked."""
        measures = self.index.scope.measures
        return frozenset(f.value for f in self.index.figures_of[fact.answer] if f.is_quantity
                         and measures.fits(measure, measures.of_figures([f], fact.answer), True))

    def _gives_only_changes(self, fact: Fact, runs: frozenset[tuple[str, ...]] | None = None) -> bool:
        """Whether every quantity a fact's answer gives is a change, right after a word of change ("tăng cường 1
        cán bộ lãnh đạo", "giảm được 14 biên chế") or listed after such a change ("…, và khoảng 39.000 viên chức");
        `runs`: other words than those of change (the intakes: "đã tiếp nhận 1 tiến sỹ")."""
        return self._changes_of(fact, runs)[1]

    def _changed_values(self, fact: Fact, runs: frozenset[tuple[str, ...]] | None = None) -> frozenset[str]:
        """The quantities of a fact's answer that are changes (see `_gives_only_changes`), as written."""
        return self._changes_of(fact, runs)[0]

    def _changes_of(self, fact: Fact, runs: frozenset[tuple[str, ...]] | None) -> tuple[frozenset[str], bool]:
        """The quantities of a fact's answer that are changes, and whether all are; found once per fact and runs."""
        runs = self._change_runs if runs is None else runs
        found = self._only_changes.get((fact.id, runs))
        if found is None:
            quantities = [f for f in self.index.figures_of[fact.answer] if f.is_quantity]
            # (the words before each figure as the answer was read: "dư 3.000 giáo viên" reads "vượt 3000")
            read = self.index.scope.words(fact.answer)
            changed = [any(self._after_change(tuple(read[:k]), runs) for k, t in enumerate(read) if t == f.value)
                       or self._after_change(f.before, runs) for f in quantities]
            # ("giảm 5.510 công chức, và khoảng 39.000 viên chức": the second figure the same verb's)
            changed = [c or (k > 0 and changed[k - 1] and _AND_ANOTHER.search(" ".join(f.before)) is not None)
                       for k, (c, f) in enumerate(zip(changed, quantities))]
            _mark_parts(changed, [figures.number(f.value) for f in quantities])
            # (a value also said as no change is not one: "giảm 5 … còn 5")
            values = {f.value for f in quantities} - {f.value for f, c in zip(quantities, changed) if not c}
            found = self._only_changes[(fact.id, runs)] = (frozenset(values), bool(quantities) and all(changed))
        return found

    def _only_shares_of(self, fact: Fact, noun: tuple[str, ...]) -> bool:
        """Whether every figure a fact's answer gives right before a noun is a share of it ("16% đơn vị sự nghiệp"),
        so that none is a count of it."""
        answer = fact.answer
        quantities = [f for f in self.index.figures_of[answer] if f.is_quantity]
        if not any(f.kind == figures.PERCENT for f in quantities):
            return False  # (most facts give no share: nothing to read)
        of_noun = [f for f in quantities if tuple(self.analyse(
            answer[f.end:f.end + _NOUN_CHARS].lstrip(" %")).tokens[:len(noun)]) == noun]
        return bool(of_noun) and all(f.kind == figures.PERCENT for f in of_noun)

    def _reaches_level_asked(self, asked: Asked, fact: Fact) -> bool:
        """Whether a question asks what there is (or will be) and the fact gives the level a change reaches, its key
        terms words of change only ("Thanh tra Bộ … sẽ có bao nhiêu thanh tra viên?" of "… tăng số lượng thanh tra
        viên … lên 45 người", every phrasing of which asks "tăng"): the fact fits but for naming the change."""
        i = self.index.position[fact.id]
        keys = self.index.scope.keys[i]
        return (asked.having or asked.level) and bool(keys) and keys <= self._changes \
            and any(f.is_quantity and questions.reached(f) for f in self.index.figures_of[fact.answer]) \
            and self.index.scope.fits(asked, i, keys=False)

    def _one_whole(self, fact: Fact, asked: Asked) -> bool:
        """Whether a fact gives a unit's whole as one figure of the measure asked, naming nothing a question leaves
        out (so the whole counts it too; "có giám đốc, 1 phó giám đốc và 18 viên chức" says the rest apart)."""
        i = self.index.position[fact.id]
        return self.index.scope.whole[i] and len(self._counting(fact, asked.measure)) <= 1 \
            and not self.index.scope.says_left_out(asked, i)

    def _asks_change(self, tokens: tuple[str, ...]) -> bool:
        """Whether a question asks how much something changed: a word of change right before its "bao nhiêu" or
        "mấy", but for particles and words of totals ("giảm được bao nhiêu", "vượt tổng cộng bao nhiêu"; not "Thêm
        nữa, … bổ nhiệm mới mấy đồng chí?")."""
        for k, token in enumerate(tokens):
            if token == _FEW or tuple(tokens[k:k + 2]) == _HOW_MANY:
                before = tuple(t for t in tokens[:k] if t not in _TOTAL)
                if self._after_change(before):
                    return True
        return False

    def _says_change(self, fact: Fact) -> bool:
        """Whether a fact says a word of change anywhere (answer, phrasings, tags): else no change it counts."""
        return any(self._says_words(fact, run) for run in self._change_runs)

    def _names_change(self, tokens: tuple[str, ...], runs: frozenset[tuple[str, ...]] | None = None) -> bool:
        """Whether words name a change (or another of `runs`), all its words in a row ("bổ sung", not the "bộ" of
        "cán bộ")."""
        return any(tuple(tokens[k:k + len(run)]) == run for run in (self._change_runs if runs is None else runs)
                   for k, first in enumerate(tokens) if first == run[0])

    def _after_change(self, before: tuple[str, ...], runs: frozenset[tuple[str, ...]] | None = None) -> bool:
        """Whether words end with a word of change (or another of `runs`), a particle or a rounding after it or
        not ("tăng cường", "giảm được", "giảm hơn")."""
        words = before
        while words and (words[-1] in _PARTICLES or words[-1] in _ROUNDED_BY):
            words = words[:-1]
        return any(tuple(words[-len(run):]) == run for run in (self._change_runs if runs is None else runs))

    def _asked_as_change(self, fact: Fact) -> bool:
        """Whether every phrasing asking a count of a fact asks it as a change ("Đà Nẵng giảm bao nhiêu đơn vị?")."""
        verbs = []
        for q in fact.questions:
            tokens = self.index.scope.words(q)
            for k in range(1, len(tokens) - 1):
                if tuple(tokens[k:k + 2]) == _HOW_MANY:
                    before = [t for t in tokens[:k] if t not in _PARTICLES]
                    verbs.append(before[-1] if before else "")
        return bool(verbs) and all(v in self._changes for v in verbs)

    def _narrower(self, top: Candidate, c: Candidate) -> bool:
        """Whether a candidate is about something narrower than the question says while the best one is about
        just what it says: the question holds all of the best fact's closest phrasing and far less of the other's
        ("Bộ Công Thương bổ nhiệm bao nhiêu trường hợp?" is not "… trường hợp cấp phó vụ trưởng vượt quá …")."""
        p = self.policy
        return (c.fact.place == top.fact.place and top.reverse >= p.said_whole
                and c.reverse <= top.reverse - p.narrower_gap)

    def _other_place_rival(self, top: Candidate, c: Candidate, core: frozenset[str] = frozenset()) -> bool:
        """With no place named, a fact of another place that covers the question about as well, or covers it
        enough to answer it, or says its core (what is done and what is counted: "mở … lớp"): which place was
        meant is for the user to say, not for phrasing likeness to pick."""
        p = self.policy
        return c.fact.place != top.fact.place and c.score >= p.clarify_floor and (
            c.score >= top.score - p.place_margin or c.coverage >= top.coverage - p.place_coverage_margin
            or c.coverage >= p.min_coverage
            or (bool(core) and core <= self.index.scope.everything[self.index.position[c.fact.id]]))

    def _core_asked(self, analysis: Analysis) -> frozenset[str]:
        """What a question asks at its core: the word of action right before "bao nhiêu" and the noun after it
        ("mở mấy lớp" -> mở, lớp); empty unless it says both."""
        at = _how_many_at(analysis.tokens)
        if not at:
            return frozenset()
        verb = analysis.tokens[at - 1]
        noun = self.index.scope.measures.noun(analysis.tokens)
        if not noun or not verb.isalpha() or verb in _NO_ACTION or verb not in self.index.idf:
            return frozenset()
        return frozenset((verb, *noun))

    def _dominates(self, top: Candidate, others: list[Candidate], allowed: frozenset[str], analysis: Analysis,
                   checking: bool, total: bool = False) -> bool:
        """Below the answer bar, a fact that clearly leads every other one is still the answer (a unit's total
        only for a question asking a whole, `total`, that it nearly covers, or a yes/no question, `checking`, all
        of whose words the fact has: its figure is then checked). A fact of another unit than the one the
        question names is no rival."""
        p = self.policy
        if top.score < p.dominance_floor or top.coverage < p.dominance_coverage:
            return False
        i = self.index.position[top.fact.id]
        keys = self.index.scope.keys[i]
        said = keys & analysis.terms
        if not allowed and said and not any(_BIGRAM in k for k in said) and any(_BIGRAM in k for k in keys):
            # No place named, and of the fact's key phrases only a lone syllable said ("… còn hạn chế về năng lực"
            # typed without marks, of "nâng lương trước thời hạn"): nothing ties the question to that fact
            return False
        asks_whole = total and top.coverage >= p.total_coverage
        if self.index.scope.stock[i] and not asks_whole and (
                not checking or not set(self._asked_with(analysis)) <= self.index.scope.everything[i]):
            return False  # a unit's total answers only a question wholly about that unit
        top_named = self._unit_named(top.fact, analysis.tokens)
        core = self._core_asked(analysis) if not allowed else frozenset()
        for c in others:
            if self._same_answer(top, c) or self._narrower(top, c):
                continue
            if top_named and c.fact.unit != top.fact.unit and not self._unit_named(c.fact, analysis.tokens):
                continue  # "Chỗ trung tâm hành chính công ở Đông Triều, … mấy lớp?": the town's classes are not it
            if c.score > top.score - p.dominance_margin or (not allowed and self._other_place_rival(top, c, core)):
                return False
        return True

    def _counts_beyond(self, wholes: frozenset[str], fact: Fact) -> bool:
        """Whether a fact gives a count larger than every whole a question counts within (see `within`)."""
        most = max(map(figures.number, wholes))
        return any(f.kind == figures.COUNT and figures.number(f.value) > most
                   for f in self.index.figures_of[fact.answer])

    def _unit_named(self, fact: Fact, tokens: tuple[str, ...]) -> bool:
        """Whether a question names the fact's own unit beyond its place ("trung tâm hành chính công" of the Trung
        tâm Hành chính công TX Đông Triều): two of its words or more, every one said."""
        words = self.index.reader.analyse(fact.unit).tokens
        return len(words) >= 2 and all(w in tokens for w in words)

    def _left_concept(self, analysis: Analysis, top: Candidate) -> bool:
        """Whether the question names a concept of four or more syllables the knowledge knows and the fact does
        not ("lý luận chính trị" asked of a fact about other classes): it asks about something else."""
        index, i = self.index, self.index.position[top.fact.id]
        said = index.scope.everything[i]
        tokens = analysis.tokens
        # "theo kết luận thanh tra …": where the figure is said to come from, not what is asked
        source = {k for k, t in enumerate(tokens) if t == _ACCORDING_TO for k in range(k, k + _SOURCE_WORDS + 1)}
        # ...nor is "bao nhiêu": "từ bao nhiêu xuống còn bao nhiêu" is how the question asks, not what about
        asking = {k + j for k in range(len(tokens) - 1) if tokens[k:k + 2] == _HOW_MANY for j in (0, 1)}
        pairs: list[str] = []  # the run so far: pairs some fact says together, where the concept is said
        for k, (a, b) in enumerate(zip(tokens, tokens[1:])):
            pair = a + "_" + b
            # A pair with a figure in it ("2015 giảm") is a chance neighbour, not part of a concept.
            known = (pair in index.idf and pair not in said and not (a[0].isdigit() or b[0].isdigit())
                     and not {k, k + 1} & (source | asking))
            # pairs each known from other facts ("đặt mục", "mục tiêu", "tiêu giảm" with many articles) are one
            # concept only when some fact says them together
            pairs = ([*pairs, pair] if pairs and index.said_together([*pairs, pair]) else [pair]) if known else []
            if len(pairs) >= _CONCEPT_PAIRS:
                return True
        return False

    def _other_part_named(self, analysis: Analysis, top: Candidate) -> bool:
        """Whether the question names a part of a unit by its name ("Phòng Thanh tra của Sở …") and the fact says
        none of that name's words: a figure of other parts ("Phòng Kế hoạch Tài chính … 7 lãnh đạo") is not its."""
        tokens, said = analysis.tokens, self.index.scope.everything[self.index.position[top.fact.id]]
        for head in self.index.scope.subunits:
            n = len(head)
            for k in range(len(tokens) - n):
                if tokens[k:k + n] != head or (k and tokens[k - 1] == _OFFICE):  # ("văn phòng": an office)
                    continue
                name = list(itertools.takewhile(lambda t: t.isalpha() and t not in self._asking,
                                                tokens[k + n:k + n + _PART_NAME_WORDS]))
                if name and not set(name) & said:
                    return True
        return False

    def _narrower_asked(self, analysis: Analysis, top: Candidate) -> bool:
        """Whether the question ends by narrowing what it counts in words the fact never says together
        ("… bao nhiêu biên chế giáo viên THCS?" of a fact about the whole sector's biên chế): a part of what the
        fact counts, not a figure it gives."""
        tokens = analysis.tokens
        at = _how_many_at(tokens)
        if at is None:
            return False
        tail = tokens[at + 3:]  # after "bao nhiêu" and the first word of what is counted
        pairs = [a + "_" + b for a, b in zip(tail, tail[1:]) if not (a[0].isdigit() or b[0].isdigit())]
        said = self.index.scope.everything[self.index.position[top.fact.id]]
        known = [pair for pair in pairs if pair in self.index.idf]
        return len(known) >= _CONCEPT_PAIRS and not any(pair in said for pair in pairs)

    def _unknown(self, analysis: Analysis) -> bool:
        """Whether the question has a word no fact uses (nor a typo of one): something the facts may not say. An
        abbreviation of consonants only ("hh" for hàng hải) says nothing the question's other words do not."""
        index = self.index
        return any(t not in index.idf and not t[0].isdigit() and _VOWEL.search(t) and not index.corrections(t)
                   for t in analysis.tokens)

    def _same_answer(self, a: Candidate, b: Candidate) -> bool:
        """Whether two facts give the same answer: of one article, quoting one passage, one's figures include the
        other's, or without figures they name the same person; of two articles, the same figures of one place."""
        ia, ib = self.index.position[a.fact.id], self.index.position[b.fact.id]
        fa, fb = self.index.quantities[ia], self.index.quantities[ib]
        if a.fact.article_id != b.fact.article_id:
            # two articles reporting the same figures of the same place: one answer, not a choice to make
            return a.fact.place == b.fact.place and bool(fa) and fa == fb
        if fa and fb:  # from the same passage of the article, one giving all the other's figures
            overlap = any(s < e2 and s2 < e for s, e in self.index.quote_spans[ia]
                          for s2, e2 in self.index.quote_spans[ib])
            if not (fa <= fb or fb <= fa):
                return False
            # ...or from two passages, one restating the other's one figure ("tăng 16 người" in the headline's
            # fact and in the body's): a figure of two digits or more, not a chance "3"
            single = fa if len(fa) <= len(fb) else fb
            return overlap or (len(single) == 1 and figures.number(next(iter(single))) >= _RESTATED_FROM)  # quantities
        if fa or fb:
            return False
        names = self.index.reader.names
        # without figures: naming the same person, or the same thing by its quoted name (a campaign, a motto)
        return bool(self.index.scope.everything[ia] & self.index.scope.everything[ib] & names) or \
            bool(_QUOTED_NAME.findall(a.fact.answer) and
                 set(_QUOTED_NAME.findall(a.fact.answer)) & set(_QUOTED_NAME.findall(b.fact.answer)))

    def _restated_rounded(self, top: Candidate, other: Candidate, analysis: Analysis) -> bool:
        """Whether the top fact gives the figure asked for exactly and another fact of its article gives it rounded
        ("1.581 hồ sơ" and "hơn 1.500 hồ sơ", of "bao nhiêu hồ sơ …?"), every other figure of the top one the
        other's too: one answer, the exact one (a question not naming what the figure counts stays a choice)."""
        if top.fact.article_id != other.fact.article_id:
            return False
        exact, restated = ([f for f in self.index.figures_of[c.fact.answer] if f.is_quantity] for c in (top, other))
        asked = set(zip(analysis.tokens, analysis.tokens[1:]))
        rounded = 0

        def said(f: figures.Figure) -> bool:
            nonlocal rounded
            if any(g.kind == f.kind and g.value == f.value for g in restated):
                return True
            close = any(g.kind == f.kind and g.before[-1:] and g.before[-1] in _ROUNDED_BY
                        and abs(figures.number(g.value) - figures.number(f.value))
                        <= verdict.ROUNDED * figures.number(f.value)
                        and g.after[:2] == f.after[:2] and tuple(f.after[:2]) in asked for g in restated)
            rounded += close
            return close

        return bool(exact) and all(map(said, exact)) and rounded == 1

    def _within_named(self, text: str) -> str:
        """"Trong số nhân tài Đà Nẵng thu hút, bao nhiêu người …?": the group opening the question is the whole the
        count is within, not what is counted; only the places it names are kept."""
        within = questions.group_within(text)
        if within is None:
            return text
        group, rest = within
        places = self.index.reader.places(group)
        return f"{' '.join(sorted(places))}, {rest}" if places else rest

    def _unknown_places(self, named: list[_NamedPlace]) -> tuple[str, ...]:
        """Of the places a text names that the gazetteer does not know (`_places_named`: "quận Bình Tân", "huyện
        Cao Phong"), those no fact knows either: the knowledge has nothing on them."""
        return tuple(n.name for n in named if not self._mentioned(n))

    def _places_named(self, text: str) -> list[_NamedPlace]:
        """Places a text names in full with their administrative word that the gazetteer does not know: names in
        capitals, and names typed in lower case ("h. cờ đỏ") that a fact writes in capitals after such a word."""
        out = []
        if not any(w in text for w in _PLACE_WORDS) and _PLACE_SHORT.search(text) is None:
            return []  # (the patterns try every position: run only when a word they need is there)
        for m in _NAMED_PLACE.finditer(text):
            named = _capitalised(m.group(2).split())
            name = f"{m.group(1).lower()} {' '.join(named)}"
            if named and not self.index.reader.places(name):
                out.append(self._named_place(name, named))
        said = {n.name.split(" ", 1)[1].lower() for n in out}
        for m in _PLACE_ANY_CASE.finditer(text):
            words = m.group(2).split()
            # the longest run of the words after it that a fact names as a place ("… tại huyện Cờ Đỏ")
            named = next((words[:k] for k in range(len(words), 0, -1) if fold(" ".join(words[:k]))
                          in self._fact_place_names()), [])
            if named and " ".join(named).lower() not in said:
                kind = m.group(1).lower()
                out.append(self._named_place(f"{_SHORT_KINDS.get(kind, kind)} {' '.join(named)}", named))
        return out

    def _named_place(self, name: str, words: list[str]) -> _NamedPlace:
        """A place named by these words, its terms as the knowledge reads them ("Cờ Đỏ" is read "đỏ": "cờ" folds
        to "có", a filler)."""
        tokens = self.analyse(" ".join(words)).tokens
        read = list(tokens) or fold(" ".join(words)).split()
        terms = tuple(read) if len(read) == 1 else tuple(map(_BIGRAM.join, itertools.pairwise(read)))
        return _NamedPlace(name, terms, " ".join(folded_words(" ".join(words))), len(tokens) == len(words))

    def _fact_place_names(self) -> frozenset[str]:
        """The names, folded, that facts write in capitals, after an administrative word or of two words or more,
        and the gazetteer does not know ("huyện Cờ Đỏ", "… gồm Bình Tân, Gò Vấp")."""
        if self._named_in_facts is None:
            found = set()
            for fact in self.kb.facts:
                names = [" ".join(_capitalised(m.group(2).split())) for m in _NAMED_PLACE.finditer(fact.answer)] \
                    if any(w in fact.answer for w in _PLACE_WORDS) else []
                names += _capitalised_runs(fact.answer)
                found.update(fold(n) for n in names if n and not self.index.reader.places(n))
            self._named_in_facts = frozenset(found)
        return self._named_in_facts

    def _mentioned(self, place: _NamedPlace) -> bool:
        """Whether some fact says a name ("quận Long Biên" in an article about Hà Nội): the terms of its words, or,
        when its words read as fewer ("Cờ Đỏ" as "đỏ"), the name among those facts write as places."""
        if not place.whole:
            return place.spelled in self._fact_place_names()
        return all(t in self.index.idf for t in place.terms)

    def _sources(self, question: str) -> frozenset[str]:
        """Organisations a question names only as the source of what it asks ("Theo kế hoạch của Sở Nội vụ, Đà Nẵng
        tuyển dụng …"): a clause opening with "theo", up to its comma, not what the figure must be of."""
        if _ACCORDING_TO not in fold(question).split():
            return frozenset()
        sources: set[str] = set()
        others: set[str] = set()
        for part in _CLAUSES.split(question):
            (sources if _opens_with_source(part) else others).update(self.index.reader.places(part))
        return frozenset(sources - others)

    def _unit_dropped(self, part: str, before: str, fact: Fact) -> frozenset[str]:
        """The organisations (a Sở, a Trung tâm) the part before names, when this part names no place of its own
        and the fact answering it is not about them; else none."""
        if not before or self.index.reader.places(part):
            return frozenset()
        named = frozenset(n for n in self.index.reader.places(before)
                          if self._is_unit(n) and not self.index.place_of(n).national)
        if named and not named <= self._organisations_of(fact):
            return named
        # "Trung tâm … có mấy phó giám đốc, với lại nhân viên gồm bao nhiêu người?": a kind of subunit the part
        # before says (not in the gazetteer) that this part does not say, and the fact is not about (of two words:
        # "phòng" folds as the "phong" of "phong danh hiệu")
        scope = self.index.scope
        opening = self.analyse(part).tokens[:2]
        if opening[:1] == _SO or any(opening[:len(h)] == h for h in scope.subunits):
            return frozenset()  # "…? Sở năm 2018 áp dụng ISO ở mấy xã?": the unit it opens with, not the one before
        said_before, said_here = (self.analyse(t).terms for t in (before, part))
        kinds = {" ".join(h) for h in scope.subunits if len(h) > 1 and says_unit(said_before, h)
                 and not says_unit(said_here, h) and h not in scope.subunit_of[self.index.position[fact.id]]}
        return frozenset(kinds)

    def _is_unit(self, name: str) -> bool:
        """Whether a place name is an organisation's (a Sở, a Trung tâm, a ministry) in the gazetteer."""
        entry = self.index.place_of(name)
        return entry is not None and entry.kind == "unit"

    def _organisations_of(self, fact: Fact) -> frozenset[str]:
        """The places and organisations a fact is about: those it names, and when it names no organisation, its
        article's ("Sở" alone in a sentence of an article about the Sở Nông nghiệp); of an article naming several
        local ones, those its title names ("… 11 sở, ngành … giảm 63 chức danh" is none of the three sở another
        sentence names; a national body named beside one, "Quốc hội", leaves the article about that one)."""
        own = self.index.fact_places[self.index.position[fact.id]]
        if any(self._is_unit(p) for p in own):
            return own
        around = self.index.article_places.get(fact.article_id, frozenset())
        units = {p for p in around if self._is_unit(p) and not self.index.place_of(p).national}
        if len(units) >= 2:
            around = around - (units - self.index.article_titles.get(fact.article_id, frozenset()))
        return own | around

    def _quotes_claim(self, claims: tuple[figures.Figure, ...], fact: Fact) -> bool:
        """Whether a yes/no question cites a figure of the fact with the fact's own words around it ("ở số 209
        Nguyễn Lương Bằng"): that fact is being checked, whatever else the question names."""
        for claim in claims:
            for own in self.index.figures_of[fact.answer]:
                near = (set(claim.after) & set(own.after)) | (set(claim.before) & set(own.before))
                if own.value == claim.value and len(near) >= _CLAIM_CONTEXT:
                    return True
        return False

    def _gives_gap(self, fact: Fact, measure: str | None) -> bool:
        """Whether a fact can give how far one thing is from another: two figures of the kind asked (shares for a
        share) to set side by side, or one said as the gap ("nhiều hơn 5 người", "chênh lệch 3%")."""
        own = self._of_kind_asked(fact, measure)
        return len({f.value for f in own}) >= 2 or any(_GAP_WORDS & set(f.before[-_WORDS_BEFORE:]) for f in own)

    def _planned_only(self, fact: Fact) -> bool:
        """Whether every passage of a fact that gives a figure says it of a plan ("Bộ sẽ tăng … lên 45 người",
        "dự kiến mở 38 lớp") and none says what there is now (the article's title, told in no tense, restates
        its body)."""
        article = self.kb.articles.get(fact.article_id)
        title = fold(article.title) if article is not None else ""
        passages = [p for q in fact.quotes if any(f.is_quantity for f in self.index.figures_of[q])
                    for p in (fold(q),) if p != title]
        return bool(passages) and all(_PLANNED.search(p) and not _says_now(p) for p in passages)

    def _planned_for(self, fact: Fact, claims: tuple[figures.Figure, ...]) -> bool:
        """Whether a fact gives the figures claimed only of a plan: a passage giving them says one ("dự kiến sẽ giảm
        9 đơn vị") and none says they were done or are now (a heading, "Giảm 21 đơn vị", says neither)."""
        claimed = {figures.number(c.value) for c in claims}
        passages = [q for q in fact.quotes
                    if claimed & {figures.number(f.value) for f in self.index.figures_of[q] if f.is_quantity}]
        return any(_PLANNED.search(fold(p)) for p in passages) and not any(
            _DONE_SAID.search(p) or _says_now(fold(p)) for p in passages)

    def _of_kind_asked(self, fact: Fact, measure: str | None) -> list[figures.Figure]:
        """A fact's figures of the kind a question asks: its counts, or its shares when a share is asked ("44%"
        is no part of the "17.412 trí thức" it is a share of, nor a gap between two counts)."""
        kind = figures.PERCENT if measure == questions.PERCENT else figures.COUNT
        return [f for f in self.index.figures_of[fact.answer] if f.kind == kind]

    def _staff_stated(self, tokens: tuple[str, ...]) -> bool:
        """Whether the largest figure a question states counts staff ("sát hạch 63 cc …": 63 công chức)."""
        numbers = [(figures.number(t), k) for k, t in enumerate(tokens) if t[0].isdigit()]
        k = max(numbers)[1] if numbers else -1
        return k >= 0 and self.index.scope.measures.names_staff(list(tokens[k + 1:k + 1 + _STAFF_WORDS]))

    def _each_only(self, fact: Fact) -> bool:
        """Whether a fact's counts are each said of every one of several, none a sum of them ("UBND các huyện …
        đều có trên 300 người trong diện tinh giản")."""
        counts = [f for f in self.index.figures_of[fact.answer] if f.kind == figures.COUNT]
        return bool(counts) and all(_EACH in f.before[-_WORDS_BEFORE:] for f in counts)

    def _per_head_sum(self, fact: Fact) -> bool:
        """Whether the sums of money a fact gives are each one's ("hỗ trợ 200 triệu đồng với lãnh đạo tự nguyện nghỉ
        việc", "mức 50 triệu đồng"), none a whole spent."""
        sums = [f for f in self.index.figures_of[fact.answer] if f.kind == figures.COUNT and f.after[1:2] == ("dong",)]
        return bool(sums) and all(f.before[-1:] and f.before[-1] in _PER_HEAD or f.after[2:3] and f.after[2] in _TO_EACH
                                  for f in sums)

    def _quoting_beside(self, best: Fact, claims: tuple[figures.Figure, ...], text: str, asked: Asked) -> Fact | None:
        """The one fact of the best fitting fact's article and time that cites a claim with the words the user put
        around it, when the best gives no figure claimed ("… là hơn 284.600 người phải không?" of a report's
        figures, where the sentence before them, naming the report, matches best): a claim is checked where the
        article makes it."""
        if self._gives_claim(claims, best) or verdict.speaks_to(claims, text, best, self.index.figures_of[best.answer]):
            return None  # ("… bổ nhiệm mới 4 đồng chí?" of "… có 2 đồng chí được bổ nhiệm mới": corrected there)
        position, scope = self.index.position, self.index.scope
        # (of the unit the claim names, when it names the best one's: "Trung tâm … có 71 người phải không?" is not
        # checked against the Sở's 71 beside it)
        named = self._unit_named(best, self.analyse(text).tokens)
        quoting = [f for f in map(self.index.facts.__getitem__, self.index.place_facts[best.place].order)
                   if f.article_id == best.article_id and f.time == best.time and f.id != best.id
                   and (f.unit == best.unit or not named)
                   and self._quotes_claim(claims, f) and scope.fits(asked, position[f.id])]
        # (a sentence of several figures is drafted as several facts, each telling it: one verdict)
        return quoting[0] if quoting and len({f.answer for f in quoting}) == 1 else None

    def _gives_claim(self, claims: tuple[figures.Figure, ...], fact: Fact) -> bool:
        """Whether a fact gives a figure the user wrote, counting the same kind of thing ("50 phó phòng" is not
        the "50 phòng ban" of the same sentence)."""
        measures = self.index.scope.measures
        for claim in claims:
            said = measures.of_figures([claim]) - {questions.QUANTITY}
            for own in self.index.figures_of[fact.answer]:
                if own.value == claim.value:
                    counted = measures.of_figures([own]) - {questions.QUANTITY}
                    if not (said and counted and not said & counted):
                        return True
        return False

    def _fits_confirmation(self, asked: Asked, c: Candidate, claims: tuple[figures.Figure, ...]) -> bool:
        """A yes/no question may name the opposite of what the fact says, or count people where the fact gives the
        same figure as a share ("88 người" of its 88%): that is what it asks about."""
        i, scope = self.index.position[c.fact.id], self.index.scope
        if scope.contradicts(asked, i) and scope.fits(replace(asked, contrasts=frozenset()), i):
            return True
        shares = verdict.shares_for_people(claims, self.index.figures_of[c.fact.answer])
        return bool(shares) and scope.fits(replace(asked, measure=questions.PERCENT, noun=()), i)

    def _not_given_by_number(self, question: str, analysis: Analysis, allowed: frozenset[str],
                             missing: tuple[str, ...], ranking: Ranking) -> Answer:
        """No fact has every figure the question names (another year, another number): say what there is (the
        closest facts regardless of the figures, ranked in the same pass)."""
        named = tuple(sorted(allowed))
        numbers = [t for t in analysis.tokens if t[0].isdigit()]
        if not numbers or not ranking.figures_missing:
            return Answer(question, DECLINE, reason=NO_MATCH, missing=missing, examples=self._examples(allowed),
                          places=named, why=Why(Rule.NOTHING_MATCHED))
        near = [c for c in ranking.candidates if c.score >= self.policy.clarify_floor]
        figures = {"figures": ", ".join(numbers)}
        if not near:
            return Answer(question, DECLINE, reason=NO_MATCH, missing=missing, examples=self._examples(allowed),
                          places=named, why=Why(Rule.FIGURE_NOT_GIVEN, figures))
        return Answer(question, DECLINE, near[0].score, reason=NOT_GIVEN, missing=missing,
                      examples=self._suggest(near)[: self.policy.examples], places=named, figures=tuple(numbers),
                      why=self._why(Rule.FIGURE_NOT_GIVEN, near[0], **figures))

    def _both(self, question: str, cands: list[Candidate], asked: Asked, named: tuple[str, ...]) -> Answer | None:
        """A question naming two things that exclude each other, joined ("thạc sĩ và tiến sĩ", "trung cấp hay cao
        cấp nhiều hơn?"), whose closest facts are one for each: both answered, each with its source."""
        if not named or not message.joins_two(question) or len(asked.contrasts) < 2:
            return None  # with no place named, "giảm hay tăng bao nhiêu?" is too vague to answer twice
        picked: list[Candidate] = []
        claimed: set[str] = set()
        for c in cands[: self.policy.max_suggestions]:
            own = self.index.scope.fact_contrasts[self.index.position[c.fact.id]] & asked.contrasts
            if own and not own & claimed and c.fact.id not in {p.fact.id for p in picked}:
                picked.append(c)
                claimed |= own
        if len(picked) < 2 or claimed != asked.contrasts:
            return None
        return self._each_answered(question, picked, named)

    def _each_side(self, question: str, cands: list[Candidate], named: tuple[str, ...]) -> Answer | None:
        """"… từ huyện xuống xã nhiều hơn hay từ xã về huyện nhiều hơn?": a question weighing two things, each
        side closest to its own one of the facts near the bar (of one place, and each clearly ahead on its side):
        both answered, each with its source; None otherwise."""
        sides = list(_WEIGHED.finditer(question))
        if not named or len(sides) != 1 or len({c.fact.place for c in cands}) != 1:
            return None
        p = self.policy
        near = {c.fact.id: c for c in cands[: p.max_suggestions]}
        picked: list[Candidate] = []
        for side in (question[: sides[0].start()], question[sides[0].end():]):
            ranked = [c for c in self.index.rank(self.analyse(side), frozenset(named)).candidates if c.fact.id in near]
            if not ranked or ranked[0].score < p.answer_threshold or ranked[0].coverage < p.dominance_coverage or \
                    (len(ranked) > 1 and ranked[1].score > ranked[0].score - p.clarify_margin):
                return None  # a side no fact near answers on its own, or that two fit alike
            picked.append(near[ranked[0].fact.id])
        if picked[0].fact.id == picked[1].fact.id or self._same_answer(*picked):
            return None
        return self._each_answered(question, picked, named)

    def _each_answered(self, question: str, picked: list[Candidate], named: tuple[str, ...]) -> Answer:
        """A question naming or weighing several things, each answered by its own fact, as its own question."""
        return self._combined(question, [replace(self._answer(question, c, named, Rule.BOTH),
                                                 question=c.fact.questions[0]) for c in picked])

    def _clarify(self, question: str, cands: list[Candidate], score: float, named: tuple[str, ...],
                 rule: Rule) -> Answer:
        """Offer the closest candidates, one per answer (facts quoting one passage for the same figures are one
        choice): the best of each place first, then the rest."""
        distinct: list[Candidate] = []
        for c in cands:
            if not any(self._same_answer(k, c) for k in distinct):
                distinct.append(c)
        seen_places: set[str] = set()
        leaders, others = [], []
        for c in distinct:
            (others if c.fact.place in seen_places else leaders).append(c)
            seen_places.add(c.fact.place)
        picked = self._suggest(leaders + others)[: self.policy.max_suggestions]
        why = self._why(rule, cands[0], cands[1:], choices=str(len(picked)))
        if len(picked) < 2:  # one choice is no choice: say it is not known, and what there is
            return Answer(question, DECLINE, score, reason=NO_MATCH, examples=picked, places=named, why=why)
        return Answer(question, CLARIFY, score, suggestions=picked, places=named, why=why)

    def _suggest(self, cands: list[Candidate]) -> tuple[Suggestion, ...]:
        """Suggestions for candidates, each fact once and each wording once (two facts worded alike cannot be
        told apart by whoever picks): a fact whose first phrasing is another's is offered by its next one ("Năm
        2020 Hà Nội giảm …" beside "Hà Nội giảm …"), else not."""
        out, seen, worded = [], set(), set()
        for c in cands:
            asked = next((q for q in c.fact.questions if _wording(q) not in worded), None)
            if c.fact.id not in seen and asked is not None:
                seen.add(c.fact.id)
                worded.add(_wording(asked))
                out.append(Suggestion(c.fact.id, asked, c.score, self.sources(c.fact)))
        return tuple(out)

    def _padded(self, closest: tuple[Suggestion, ...], places: frozenset[str]) -> tuple[Suggestion, ...]:
        """What a decline offers: the closest facts, then examples of the places named, up to `examples`."""
        shown, worded = {c.fact_id for c in closest}, {_wording(c.question) for c in closest}
        return (closest + tuple(e for e in self._examples(places) if e.fact_id not in shown and
                                _wording(e.question) not in worded))[: self.policy.examples]

    def _examples(self, places: frozenset[str]) -> tuple[Suggestion, ...]:
        """Example questions: from the named places if any, else one from each place."""
        first = sorted(i for p in places for i in self._place_firsts.get(p, ()))[: self.policy.examples]
        if not first:
            return self._first_examples
        facts = [self.kb.facts[i] for i in first]
        return tuple(Suggestion(f.id, f.questions[0], 0.0, self.sources(f)) for f in facts)

    # ------------------------------------------------------------ small talk

    def _smalltalk_kind(self, question: str) -> str:
        """'greeting', 'thanks' or 'help' when the text is only conversation, else ''."""
        said = folded_words(question)
        if not said or not self._smalltalk_words.issuperset(said):
            return ""  # (a word of no small-talk phrase: never only conversation, whatever the phrases found)
        found = set()
        rest = self._smalltalk.sub(lambda m: found.add(m.lastgroup) or " ", " ".join(said))
        if rest.strip() or not found - {"filler"}:
            return ""
        for kind in ("help", "thanks", "greeting"):
            if kind in found:
                return kind
        return ""

    # ------------------------------------------------------------ offers

    def examples(self, n: int = 3) -> list[Suggestion]:
        """Example questions, as a question with nothing to go on offers them (for help texts)."""
        return list(self._examples(()))[:n]

    def closest(self, text: str, n: int = 3) -> list[Suggestion]:
        """The facts that come closest to a text, best first, whatever their score (for reports)."""
        return list(self._suggest(list(self.index.rank(self.analyse(text)).candidates)))[:n]


def _scene_set(answer: Answer, clause: str) -> Answer:
    """An answer to what follows a scene-setting clause, saying so (rule scene_set) and which rule decided it."""
    return replace(answer, why=Why(Rule.SCENE_SET, {**answer.why.values, "decided_by": str(answer.why.rule),
                                                    "scene": clause}))


def _without_figures(text: str, found: list[figures.Figure]) -> str:
    """A text with the figures found in it taken out (each a space)."""
    for figure in reversed(found):
        text = text[: figure.start] + " " + text[figure.end:]
    return text


def _opens_with_source(clause: str) -> bool:
    """Whether a clause of a question opens with "theo": where what it asks is said to come from."""
    return fold(clause).split()[:1] == [_ACCORDING_TO]


def _frame(question: str) -> tuple[tuple[str, ...], tuple[str]] | None:
    """The two words before a question's "bao nhiêu" (or "mấy", "bn") and the one after, folded ("giảm còn bao nhiêu
    người": ("giam", "con"), ("nguoi",)), words saying only how exact or whole the count is aside ("lên tổng cộng
    mấy người"); None if it asks no count so."""
    words = folded_words(question)
    asks = [(k, 2) for k in range(len(words) - 2) if tuple(words[k:k + 2]) == _HOW_MANY] + \
        [(k, 1) for k in range(len(words) - 1) if words[k] in (_FEW, "bn")]
    if not asks:
        return None
    k, n = min(asks)
    j = k
    while True:  # (the fillers right before the asking word)
        if tuple(words[max(0, j - 2):j]) in _FRAME_FILLERS:
            j -= 2
        elif j and (words[j - 1],) in _FRAME_FILLERS:
            j -= 1
        else:
            break
    return (tuple(words[j - 2:j]), (words[k + n],)) if j >= 2 else None


def _mark_parts(changed: list[bool], values: list[float]) -> None:
    """Mark as changes too the figures right after a change that add up to it ("giảm 234 người, bao gồm 8 lãnh đạo
    sở …, 226 lãnh đạo cấp phòng": the change told by parts)."""
    for k in range(len(values)):
        if not changed[k] or not values[k]:
            continue
        total = 0.0
        for j in range(k + 1, len(values)):
            total += values[j]
            if total == values[k]:
                changed[k + 1:j + 1] = [True] * (j - k)
                break
            if total > values[k]:
                break


def _how_many_at(tokens: tuple[str, ...]) -> int | None:
    """Where a question's words first ask "bao nhiêu", or None."""
    return next((k for k in range(len(tokens) - 1) if tokens[k:k + 2] == _HOW_MANY), None)


def _same_name(claimed: str, given: str) -> bool:
    """Whether a claimed name is the one given: the same words, or the same letters when typed without accents
    ("Nguyễn Minh Hoa" is not "Nguyễn Minh Hà", "nguyen minh ha" is)."""
    said, right = " ".join(claimed.lower().split()), " ".join(given.lower().split())
    return said == right or (fold(said) == said and said == fold(right))


def _wording(question: str) -> str:
    """How a question is worded, as whoever picks among suggestions tells them apart (folded words)."""
    return " ".join(folded_words(question))


def _without_referring(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A follow-up's words without those pointing at the last answer ("đó", and "việc" in "việc đó từ khi nào?")."""
    return tuple(t for k, t in enumerate(tokens) if t not in _REFERRING
                 and not (t in _THING and tokens[k + 1:k + 2] and tokens[k + 1] in _REFERRING))


def _without_article_date(answer: str) -> str:
    """An answer without its article's own date ("Theo bài viết ngày 23/04/2018, …"): not a time it gives."""
    return _ARTICLE_DATE.sub(" ", answer)


@functools.lru_cache(maxsize=256)
def _counts_stated(text: str) -> tuple[tuple[frozenset[tuple[float, str]], str], ...]:
    """An article's sentences that state counts, each with its counts and the word after each (a bounded cache:
    read only when a declined question states a count, Engine._scope_stated)."""
    from bot.kb.provenance import sentences  # (where an article's sentences end: the figures' coverage reads them so)
    out = []
    for sentence, _ in sentences(text):
        counts = frozenset((figures.number(f.value), f.after[0]) for f in figures.find(sentence)
                           if f.kind == figures.COUNT and f.after)
        if counts:
            out.append((counts, sentence))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def _time_years(time: str) -> frozenset[str]:
    """The years a fact's time names (few distinct times: a bounded cache)."""
    return _years_of(figures.find(time))


def _capitalised(words: list[str]) -> list[str]:
    """The words of a name: those in capitals from the first on, up to a word that names nothing."""
    named = []
    for w in words:
        if not w[0].isupper() or w.lower() in _NOT_A_NAME:
            break
        named.append(w)
    return named


def _capitalised_runs(text: str) -> list[str]:
    """Runs of two or three words in capitals, unbroken by punctuation ("… gồm Bình Tân, Gò Vấp"): names."""
    runs: list[str] = []
    run: list[str] = []
    for raw in text.split():
        word = raw.lstrip("(“\"'")
        bare = word.rstrip(",.;:)”\"'")
        capital = bare.isalpha() and bare[:1].isupper() and bare[1:].islower()
        if capital:
            run.append(bare)
        if not capital or bare != word:  # a word in lower case, or punctuation after one, ends a run
            if 2 <= len(run) <= 3:
                runs.append(" ".join(run))
            run = []
    return runs + ([" ".join(run)] if 2 <= len(run) <= 3 else [])


def _says_now(folded: str) -> bool:
    """Whether a (folded) text says what there is now ("hiện có", "bây giờ"), not only compares with it ("so với
    hiện nay")."""
    return _NOW.search(_COMPARED_WITH_NOW.sub(" ", folded)) is not None


def _claims_done(text: str) -> bool:
    """Whether a claim says something was done ("đã giảm được 9 đơn vị rồi phải không?")."""
    return (_DONE_CLAIMED.search(text) if fold(text) != text.lower() else _DONE_CLAIMED_FOLDED.search(text)) \
        is not None


def _years_of(found: list[figures.Figure], compared: bool = False) -> frozenset[str]:
    """The years among a text's figures that give the time of its figures, or (`compared`) those it names only
    as what it compares with ("tăng 8,42% so với năm 2015") or as a document's ("Quyết định số 762 năm 2016 …
    giao … năm 2014 là 687 người")."""
    asked, bases = set(), set()
    documents = {f.value for f in found if f.kind == figures.DOCUMENT}
    for f in found:
        if f.kind == figures.YEAR:
            before = " ".join(f.before[-3:])
            issued = f.before[-1:] == ("nam",) and f.before[-2:-1] and f.before[-2] in documents
            (bases if issued or any(c in before for c in _COMPARED) else asked).add(f.value)
    return frozenset(bases - asked) if compared else frozenset(asked)


_COMPARED = ("so voi", "so vs", "so v ")  # "so với năm 2015", "so vs năm 2015"


def _smalltalk_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word of the small-talk phrases and fillers: a message with any other word is not only small talk."""
    phrases = (*kb.smalltalk.greeting, *kb.smalltalk.thanks, *kb.smalltalk.help, *kb.aliases.fillers)
    return frozenset(w for p in phrases for w in p.split())


def _smalltalk_regex(kb: KnowledgeBase) -> re.Pattern[str]:
    """One pattern with a named group per kind of small talk, plus filler words."""
    groups = []
    for kind in ("greeting", "thanks", "help"):
        phrases = sorted(getattr(kb.smalltalk, kind), key=len, reverse=True)
        if phrases:
            groups.append(f"(?P<{kind}>" + "|".join(re.escape(p) for p in phrases) + ")")
    fillers = sorted(kb.aliases.fillers, key=len, reverse=True)
    if fillers:
        groups.append("(?P<filler>" + "|".join(re.escape(f) for f in fillers) + ")")
    if not groups:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")(?!\w)")

