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
from dataclasses import dataclass, field

import yaml

from bot.language import figures
from bot.language.figures import COUNT, DATE, DOCUMENT, PERCENT, PHONE, TIME, YEAR
from bot.kb.knowledge import KnowledgeBase
from bot.kb.provenance import canonical
from bot.language.text import clean, fold

MAX_TITLE_WORDS, MIN_TITLE_WORDS = 40, 3
HEAD_LINES = 15  # the title and date are looked for in the first lines
TAIL_LINES = 8  # the author's signature in the last lines with words
FALLBACK_TITLE_WORDS = 12
ID_WORDS = 4
QUESTION_WORDS = 14  # words of a statement kept after its figure in a phrasing
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
_BYLINE = re.compile(r"^(?:Bài(?: của| viết)?|Tác giả|Bài và ảnh)\s*:?\s+(" + _NAME + r")\b", re.IGNORECASE)
_PUBLISHED_IN = re.compile(r"(?:Đăng trên|Nguồn)\s*:?\s+((?:báo|Báo|Tạp chí|tạp chí|Cổng)[^,.\n]*?)(?:\s+số\s+\d|[,.\n]|$)")
_PLACE_PHRASE = re.compile(rf"\b(huyện|tỉnh|thị xã|thành phố|TP\.?|TX)\s+({_UPPER}\w*(?: {_UPPER}\w*){{0,2}})")
_UNIT_HEAD = re.compile(r"\b(?:Công đoàn Sở|Sở|Trung tâm|Phòng|Chi cục|UBND|Ban)\b")
UNIT_WORDS = 10  # an office's name is at most this many words
# Words that end an office's name ("Sở Khoa học và Công nghệ | đã …"); the name's own lower-case words go on.
_UNIT_STOP = {"có", "đã", "đang", "là", "hiện", "nay", "được", "luôn", "cũng", "sẽ", "trong", "với", "về", "cho",
              "của", "tại", "để", "theo", "này", "các", "những", "thuộc", "phối", "tổ", "thực", "triển", "tiếp",
              "đẩy", "xây", "rút", "tham", "chú", "giao", "sắp", "tăng", "không", "vào", "từ", "đến", "ra", "thì",
              "mà", "nên", "lãnh", "hưởng", "cụ", "trực", "quản", "đối", "sáp", "ban", "cấp", "nhằm", "tạo", "gắn"}
# A sentence ends at . ! ? … before a capital, but not after an abbreviated title ("TP. Hải Dương", "ThS. Bình").
_SENTENCE = re.compile(rf"(?<=[.!?…])(?<!TP\.)(?<!Tp\.)(?<!TS\.)(?<!ThS\.)(?<!GS\.)\s+(?=(?:{_UPPER}|[“\"(–-]))")
_CLAUSE = re.compile(r";\S?\s+|,\s+(?=\d)|\s+và\s+(?=\d)")
_TIME_PHRASE = re.compile(  # a comparison base ("so với năm 2015") is not a time reference
    r"(?i)(?<!so với )\b(tính đến (?:hết )?(?:tháng \d{1,2}/)?(?:năm )?(?:19|20)\d{2}|từ (?:đầu )?(?:năm|tháng) [\d/]+"
    r"(?:\s*[-–]\s*(?:19|20)\d{2})?(?: đến (?:nay|năm (?:19|20)\d{2}))?|giai đoạn (?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}"
    r"|(?:trong |cuối |đầu )?năm (?:19|20)\d{2}|quý [IV]+/(?:19|20)\d{2}|từ ngày \d{1,2}/\d{1,2}/(?:19|20)\d{2}"
    r"(?: đến nay)?)")
_CLOCK = re.compile(r"(?<![\d:])(\d{1,2}:\d{2}(?::\d{2})?)(?![\d:])(?:\s*\[?(GMT\s*[+-]\s*\d{1,2})\]?)?")
_KINDS = (COUNT, PERCENT, YEAR, DATE, DOCUMENT, PHONE)  # what makes a statement a fact (a clock time does not)
_GENERIC_SUBJECTS = ("sở", "trung tâm", "huyện", "thị xã", "tỉnh", "công đoàn", "đơn vị", "cơ quan")


TOO_BIG, BINARY, ENCODING, EMPTY = "too_big", "binary", "encoding", "empty"


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
    date = given.date or date
    if not given.date:
        guessed.append("date")
    title, title_lines = _title(lines, date_line)
    title = given.title or title
    if not given.title:
        guessed.append("title")
    author, author_line = _author(lines)
    author = given.author or author
    if not given.author:
        guessed.append("author")
    found_publisher, publisher_line = _publisher(lines)
    publisher = given.publisher or found_publisher
    if not given.publisher:
        guessed.append("publisher")
    place, parents, proposals = _places(text, given.place, kb)
    if not given.place:
        guessed.append("places")
    article_id = given.id or _slug(f"{place} {date[:4]} {' '.join(title.split()[:ID_WORDS])}")
    if not given.id:
        guessed.append("id")
    article = {"id": article_id, "title": title, "publisher": publisher, "date": date, "author": author,
               "url": given.url or None, "places": [place], **({"parents": parents} if parents else {}),
               "notes": f"Drafted by `python -m bot ingest`; guessed: {', '.join(guessed) or 'nothing'}.",
               "text": text}
    unit = _main_unit(text, place)
    skip = {i for i in (date_line, author_line, publisher_line, *title_lines) if i is not None}
    facts = [_metadata_fact(article, lines, date_line, author_line, publisher_line, title_lines)]
    facts += _statement_facts(text, lines, skip, article, unit)
    facts += _holder_facts(text, article, unit)
    facts = [f for f in facts if f is not None]
    for n, fact in enumerate(facts, 1):
        fact["id"] = f"{article_id}-{n:02d}"
    found, uncovered = _coverage(text, facts)
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


def _places(text: str, given: str, kb: KnowledgeBase) -> tuple[str, list[str], list[dict]]:
    """The place the article is about (the gazetteer's most named, or the one given), its province, and
    proposed gazetteer entries for places the gazetteer does not know ("huyện X", "tỉnh Y")."""
    by_name = {p.name: p for p in kb.places if p.kind != "unit"}
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for place in by_name.values():
        for form in (place.name, *place.variants):
            for m in re.finditer(rf"(?<![\wÀ-ỹ]){re.escape(form)}(?![\wÀ-ỹ])", text, re.IGNORECASE):
                counts[place.name] += 1
                first.setdefault(place.name, m.start())
    proposals: dict[str, dict] = {}
    for m in _PLACE_PHRASE.finditer(text):
        kind, name = m.group(1).lower().rstrip("."), m.group(2).strip()
        if name not in by_name and fold(name) not in {fold(n) for n in by_name} and len(name.split()) <= 3:
            proposals.setdefault(name, {"name": name, "kind": "province" if kind == "tỉnh" else "district"})
    if given:
        place = given
    elif counts:
        place = max(counts, key=lambda n: (counts[n], -first[n]))
    else:
        place = next(iter(proposals), "")
    if place and place not in by_name and place not in proposals:
        proposals[place] = {"name": place, "kind": "district"}
    known = by_name.get(place)
    parents = [known.parent] if known is not None and known.parent else []
    for proposal in proposals.values():
        if proposal["kind"] == "district":
            province = next((n for n in counts if by_name[n].kind == "province"), "")
            if province:
                proposal["parent"] = province
    return place, parents, [p for p in proposals.values() if p["name"] == place or not counts]


def _main_unit(text: str, place: str) -> str:
    """Whom the article's figures are about: its most named office ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    with the place added, else the place itself."""
    units: Counter = Counter()
    for m in _UNIT_HEAD.finditer(text):
        words = []
        for word in re.split(r"\s+", text[m.start():m.start() + 120]):
            bare = word.strip(",.;:()“”\"")
            if not bare or (words and bare.lower() in _UNIT_STOP) or len(words) == UNIT_WORDS:
                break
            words.append(bare)
            if bare != word:
                break  # punctuation ends the name
        if len(words) > 1:
            units[" ".join(words)] += 1
    local = Counter(m.group(0) for m in re.finditer(rf"\b(?:huyện|tỉnh|thị xã|thành phố|TX|TP\.?) {re.escape(place)}\b",
                                                      text)) if place else Counter()
    unit, n = units.most_common(1)[0] if units else ("", 0)
    if local and local.most_common(1)[0][1] >= n:
        return local.most_common(1)[0][0]  # an article about a town or district: "TX Đông Triều"
    if n >= 2:
        return unit if fold(place) in fold(unit) else f"{unit} {place}"
    return place


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
    by = f", tác giả {article['author']}" if article["author"] else ""
    on = f" trên {publisher}" if (publisher := _publication(lines, publisher_line)) else ""
    answer = f"Bài “{article['title']}” đăng {time}{at}{on}{by}."
    place = article["places"][0]
    return {"place": place, "unit": article["publisher"] or place, "time": time, "answer": answer,
            "quote": quotes if len(quotes) > 1 else quotes[0],
            "questions": [f"Bài viết về {place} đăng ngày nào?", f"Ai viết bài “{article['title']}”?",
                          f"Tác giả và ngày đăng bài báo về {place}"], "tags": ["bài viết"]}


def _publication(lines: list[str], line: int | None) -> str:
    """The publication line as said ("Tạp chí … số 2 ra tháng 4 năm 2018"), for the metadata fact."""
    if line is None:
        return ""
    m = re.search(r"(?:Đăng trên|Nguồn)\s*:?\s+(.+)$", lines[line].strip())
    return m.group(1).rstrip(" .") if m else ""


@dataclass(frozen=True)
class _Statement:
    """One statement: the verbatim passage, and the sentence lead that frames it (its time, its subject)."""

    quote: str
    lead: str  # the passage before the statement's first figure in its sentence, when it is not part of it
    sentence: str


def _statements(text: str, lines: list[str], skip: set[int]) -> list[_Statement]:
    """Statements with a figure: sentences, split at ';' and before a number after ',' or 'và' when each
    part has a figure of its own."""
    out: list[_Statement] = []
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            continue
        for sentence in _SENTENCE.split(line.strip()):
            if not _figures_of(sentence):
                continue
            parts = [p.strip(" ,;.") for p in _CLAUSE.split(sentence)]
            parts = [p for p in parts if p]
            if len(parts) > 1 and all(_figures_of(p) for p in parts):
                first = parts[0]
                found = _figures_of(first)
                main = next((f for f in found if f.is_quantity), found[0])
                lead = first[: main.start].strip(" ,")
                out.append(_Statement(first, "", sentence))
                out += [_Statement(p, lead, sentence) for p in parts[1:]]
            else:
                out.append(_Statement(sentence.strip(" ;"), "", sentence))
    return out


def _figures_of(text: str) -> list[figures.Figure]:
    """Figures that make a statement a fact (a clock time alone does not)."""
    return [f for f in figures.find(text) if f.kind in _KINDS]


def _statement_facts(text: str, lines: list[str], skip: set[int], article: dict, unit: str) -> list[dict]:
    """One draft fact per statement with a figure."""
    facts = []
    for st in _statements(text, lines, skip):
        time = _time_of(st, article)
        quotes = [st.quote]
        lead_time = _TIME_PHRASE.search(st.lead) if st.lead else None
        if lead_time:  # the period stated once at the head of a list: quoted too
            quotes.insert(0, st.lead[lead_time.start():lead_time.end()])
        said = st.quote.rstrip(" .;,:")
        body = _lower_first(said) if time and fold(time) not in fold(said) else said
        where = "" if _names_subject(st.quote, unit, article["places"][0]) else f" ({unit})"
        head = "" if fold(time) in fold(st.quote) else f"{time[0].upper()}{time[1:]}, "
        answer = f"{head}{body}{where}."
        facts.append({"place": article["places"][0], "unit": unit, "time": time, "answer": answer,
                      "quote": quotes if len(quotes) > 1 else quotes[0],
                      "questions": _questions(st, unit, article["places"][0], time), "tags": []})
    return facts


def _time_of(st: _Statement, article: dict) -> str:
    """The statement's time reference: said in it, else at the head of its list, else the article's date."""
    for where in (st.quote, st.lead):
        m = _TIME_PHRASE.search(where)
        if m:
            return m.group(1)[0].lower() + m.group(1)[1:]
    if article["date"]:
        return f"theo bài viết ngày {dt.date.fromisoformat(article['date']).strftime('%d/%m/%Y')}"
    return "theo bài viết"


def _lower_first(text: str) -> str:
    """A statement continuing a sentence: its first word in lower case unless it is a name or an acronym."""
    first = text.split(" ", 1)[0]
    if first.isupper() or (len(first) > 1 and not first[1:].islower()) or not first[:1].isupper():
        return text
    return first[0].lower() + text[1:]


def _names_subject(quote: str, unit: str, place: str) -> bool:
    """Whether a statement names whom it is about (the place, or the unit's distinctive words)."""
    folded = fold(quote)
    return fold(place) in folded or (len(unit.split()) > 1 and fold(unit) in folded)


def _questions(st: _Statement, unit: str, place: str, time: str) -> list[str]:
    """Question phrasings in accented Vietnamese: the statement asked about its first figure, by count or
    share, and as a short chat question."""
    found = _figures_of(st.quote)
    main = next((f for f in found if f.kind in (COUNT, PERCENT)), found[0])
    before = st.quote[: main.start].rstrip()
    after = st.quote[main.end:].lstrip()
    if main.kind == PERCENT:
        after = re.sub(r"^(?:%|phần trăm)\s*", "", after)
    after = re.split(r",\s+(?:trong đó|bao gồm|gồm|tăng|giảm)\b", after.split("(")[0])[0]
    tail = " ".join(after.split()[:QUESTION_WORDS]).rstrip(",;:. ")
    clause = before.split(",")[-1]
    for name in (unit, place):  # the subject is said once, at the head of the question
        clause = re.sub(re.escape(name), " ", clause, flags=re.IGNORECASE)
    verb = " ".join(clause.split()[-3:])
    for subject in _GENERIC_SUBJECTS:
        if fold(verb) == fold(subject) or fold(verb).startswith(fold(subject) + " "):
            verb = verb[len(subject):].strip()
    verb = _lower_first(verb) if verb else verb
    return [q[0].upper() + q[1:] for q in _phrasings(st, main, before, tail, verb, unit, place, time)]


def _phrasings(st: _Statement, main: figures.Figure, before: str, tail: str, verb: str, unit: str, place: str,
               time: str) -> list[str]:
    """The phrasings for one kind of figure."""
    if main.kind == PERCENT:
        return [f"Bao nhiêu phần trăm {tail} ở {place}?", f"Tỷ lệ {tail} của {unit} là bao nhiêu?",
                f"{place} tỷ lệ {tail} bao nhiêu?"]
    if main.kind == COUNT:
        asked = f"{verb} bao nhiêu {tail}".strip()
        return [f"{unit} {asked}?", f"Số {tail} của {unit} {time}",
                f"{place} {' '.join(tail.split()[:6])} bao nhiêu?"]
    if main.kind == DOCUMENT:
        name = re.sub(r"\s+số$", "", " ".join(before.split()[-3:]))
        return [f"{name} số mấy ({place}), ban hành ngày nào, về việc gì?", f"Văn bản {name} {tail} ở {place}",
                f"{place} {name} nào?"]
    if main.kind == PHONE:
        return [f"Số điện thoại của {unit}?", f"Liên hệ {unit} qua số nào?", f"{place} số điện thoại"]
    clause = st.quote.replace(st.quote[main.start:main.end], "năm nào", 1) if main.kind == YEAR else st.quote
    return [f"{place}: {' '.join(clause.split()[:QUESTION_WORDS + 6])}?", f"Khi nào {unit} {tail}?",
            f"{place} {' '.join(tail.split()[:6])} từ khi nào?"]


def _holder_facts(text: str, article: dict, unit: str) -> list[dict]:
    """Office holders named in the text ("Bà Nguyễn Minh Hà, Giám đốc Trung tâm …")."""
    facts, seen = [], set()
    place = article["places"][0]
    time = _time_of(_Statement("", "", ""), article)
    for m in _HOLDER.finditer(text):
        honorific, name = m.group(1), m.group(2).strip()
        role = re.sub(r"\s+(?:cho biết|chia sẻ|khẳng định|nhấn mạnh)$", "", m.group(3).strip(" ,"))
        if name in seen:
            continue
        seen.add(name)
        who = "bà" if fold(honorific) == "ba" else "ông" if fold(honorific) == "ong" else honorific
        where = "" if fold(place) in fold(role) else f" ({place})"
        answer = f"{time[0].upper()}{time[1:]}, {role}{where} là {who} {name}."
        facts.append({"place": place, "unit": unit, "time": time, "answer": answer, "quote": m.group(0).strip(),
                      "questions": [f"Ai là {role}{where}?", f"{role}{where} là ai?", f"{name} giữ chức vụ gì?"],
                      "tags": ["người đứng đầu"]})
    return facts


def _ordered(fact: dict) -> dict:
    """A fact's fields in the schema's order."""
    return {k: fact[k] for k in ("id", "place", "unit", "time", "answer", "quote", "questions", "tags") if k in fact}


def _coverage(text: str, facts: list[dict]) -> tuple[int, list[str]]:
    """How many figures the text has (clock times aside), and those no draft fact quotes."""
    body = canonical(text)
    spans = []
    for fact in facts:
        for quote in ([fact["quote"]] if isinstance(fact["quote"], str) else fact["quote"]):
            q = canonical(quote)
            start = body.find(q)
            while q and start >= 0:
                spans.append((start, start + len(q)))
                start = body.find(q, start + 1)
    found = [f for f in figures.find(body) if f.kind != TIME]
    uncovered = [f"{body[f.start:f.end]} — …{body[max(0, f.start - 40):f.end + 40]}…" for f in found
                 if not any(s <= f.start and f.end <= e for s, e in spans)]
    return len(found), uncovered
