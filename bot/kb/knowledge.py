"""The knowledge base: articles, facts, aliases and places, loaded and validated from a folder of YAML."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from bot.language import figures
from bot.language.text import Aliases, clean, fold, squash
from bot.kb.yamlfile import FileLimits, Path_, Problem, YamlDoc, dotted, read_yaml

ALIASES_FILE = "aliases.yaml"
SHORTHAND_FILE = "shorthand.yaml"
SYNONYMS_FILE = "synonyms.yaml"
PLACES_FILE = "places.yaml"
ARTICLES_DIR = "articles"
DRAFTS_DIR = "drafts"  # ingest's drafts, waiting for review: never read as knowledge
NOT_STATED = "không nêu"  # an author or publisher the admin says is not known: stated as such, never invented
DICTIONARY_FILES = (ALIASES_FILE, SHORTHAND_FILE, SYNONYMS_FILE)
TOP_FILES = (*DICTIONARY_FILES, PLACES_FILE)  # the knowledge files outside articles/
OPTIONAL_FILES = {SHORTHAND_FILE, SYNONYMS_FILE}
_NOT_REWRITES = {"fillers", "smalltalk", "places", "place_cues", "words", "measures", "contrasts", "totals",
                 "question_words", "staff_nouns", "subunits", "changes", "intakes", "lacks", "acts", "kinds"}
# The sections each dictionary file may have (synonyms.yaml: any group names).
_DICTIONARY_SECTIONS = {
    ALIASES_FILE: {"spelling", "compounds", "accented", "fillers", "smalltalk", "measures", "contrasts", "totals",
                   "question_words", "staff_nouns", "subunits", "changes", "intakes", "lacks", "acts", "kinds"},
    SHORTHAND_FILE: {"abbreviations", "chat", "regional", "places", "place_cues", "words"},
}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID_LENGTH = 60  # "p:<id>" must fit Telegram's 64-byte callback data
MAX_PLACE_WORDS = 10  # "Bộ Lao động - Thương binh và Xã hội"


@dataclass(frozen=True)
class Article:
    """A source article: who published it, when, and its full text."""

    id: str
    title: str
    publisher: str
    date: str  # ISO YYYY-MM-DD
    author: str
    url: str | None
    places: tuple[str, ...]
    parents: tuple[str, ...]
    text: str
    notes: str = ""
    file: str = ""


@dataclass(frozen=True)
class Fact:
    """One answerable fact, with the quote (or quotes, when its answer combines sentences) that support it."""

    id: str
    article_id: str
    place: str
    unit: str
    time: str
    answer: str
    quote: str
    questions: tuple[str, ...]
    tags: tuple[str, ...]
    file: str = ""
    line: int = 0
    more_quotes: tuple[str, ...] = ()  # further passages the answer draws on
    measure: str = ""  # what the figure counts ("biên chế", "phó giám đốc sở"), when the fact says

    @property
    def quotes(self) -> tuple[str, ...]:
        """Every passage of the article the answer rests on."""
        return (self.quote, *self.more_quotes)


@dataclass(frozen=True)
class Place:
    """A province, town, district or organisation a question may name."""

    name: str
    kind: str  # "province", "district" or "unit" (an organisation)
    parent: str | None
    variants: tuple[str, ...]
    merged_into: str | None = None  # a province's province since the 2025 merger (Nghị quyết 202/2025/QH15)
    national: bool = False  # a ministry or other national body: an article may be about it


@dataclass(frozen=True)
class Smalltalk:
    """Phrases that are conversation, not questions: greetings, thanks, asking for help."""

    greeting: tuple[str, ...] = ()
    thanks: tuple[str, ...] = ()
    help: tuple[str, ...] = ()


@dataclass(frozen=True)
class Totals:
    """How a question asking only for a unit's total is told, and the tag of the facts that give totals."""

    tag: str = ""
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the engine answers from, built whole or not at all."""

    articles: dict[str, Article]
    facts: tuple[Fact, ...]
    aliases: Aliases
    places: tuple[Place, ...]
    smalltalk: Smalltalk
    folder: str = ""
    place_compounds: tuple[str, ...] = ()  # "tiến bộ": a place never starts at its second word
    place_abbreviations: dict[str, str] = field(default_factory=dict)  # "ls" -> "Lạng Sơn", read in context
    place_cues: frozenset[str] = frozenset()  # words after which such an abbreviation names a place
    words: tuple[str, ...] = ()  # accented words of the dictionaries: what typed keystrokes may decode to
    measures: dict[str, tuple[str, ...]] = field(default_factory=dict)  # what a figure counts -> its nouns
    contrasts: tuple[tuple[str, ...], ...] = ()  # terms that exclude each other ("giám đốc", "phó giám đốc")
    totals: Totals = Totals()
    question_words: tuple[str, ...] = ()  # "ai", "gì", "bao nhiêu": what a question asks, not what it is about
    staff_nouns: tuple[str, ...] = ()  # "người", "cán bộ": staff in general, counted by any fact about people
    subunits: tuple[str, ...] = ()  # "trung tâm", "phòng": a fact about one is not about its Sở
    changes: tuple[str, ...] = ()  # "giảm", "sáp nhập": verbs counting a change, not what there is
    intakes: tuple[str, ...] = ()  # "tiếp nhận", "tuyển dụng": verbs counting those taken in, not who there are
    lacks: tuple[str, ...] = ()  # "thiếu", "không", "chưa": before a term, those without it ("thiếu bằng đại học")
    acts: tuple[str, ...] = ()  # "kỷ luật", "khen thưởng": done to staff; a fact must say the one a question names
    # a title kept as one word and the shorter one it is a kind of ("giám đốc sở" -> "giám đốc")
    kinds: tuple[tuple[str, str], ...] = ()
    parsed: dict = field(default_factory=dict, compare=False, repr=False)  # file parses, for the next load

    def fact(self, fact_id: str) -> Fact | None:
        """The fact with this id, if any."""
        return self._by_id.get(fact_id)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {f.id: f for f in self.facts})

    @property
    def phrasing_count(self) -> int:
        """How many question phrasings the facts carry in all."""
        return sum(len(f.questions) for f in self.facts)


class KnowledgeError(Exception):
    """The folder does not make a valid knowledge base; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def write_file(path: Path, data: bytes) -> None:
    """Replace a knowledge file whole (written beside it, then renamed): a reload never reads half a file."""
    tmp = path.with_name(f".{path.name}.writing")
    tmp.write_bytes(data)
    tmp.replace(path)


def load_knowledge(folder: Path | str, limits: FileLimits = FileLimits(),
                   previous: KnowledgeBase | None = None) -> KnowledgeBase:
    """Load and validate a whole knowledge folder; raise KnowledgeError listing every problem.

    With `previous`, files whose bytes are unchanged since that load are not parsed again.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        raise KnowledgeError([Problem(str(folder), 0, "", "knowledge folder not found")])
    earlier = previous.parsed if previous is not None else {}
    parsed: dict = {}

    kept = {id(doc) for doc, _ in earlier.values() if doc is not None}  # cleaned when they were first read

    def read(path: Path):
        doc, found = read_yaml(path, limits, earlier, parsed)
        if doc is not None and id(doc) not in kept:
            doc.data = _cleaned(doc.data)
        return doc, found

    places, compounds = _load_places(read(folder / PLACES_FILE), problems)
    dictionaries = _load_dictionaries(folder, read, problems, {p.name for p in places})
    article_files = sorted((folder / ARTICLES_DIR).glob("*.yaml")) + sorted((folder / ARTICLES_DIR).glob("*.yml"))
    if not article_files:
        problems.append(Problem(str(folder / ARTICLES_DIR), 0, "", "no article files (*.yaml)"))
    docs = []
    for path in article_files:
        doc, found = read(path)
        problems.extend(found)
        if doc is not None:
            docs.append(doc)
    articles = _collect_articles(docs, problems)
    facts = _collect_facts(docs, articles, problems, kept)
    place_names = {p.name for p in places}
    for art in articles.values():
        for name in art.places + art.parents:
            if name not in place_names:
                problems.append(Problem(art.file, 0, "article.places", f"place '{name}' is not in {PLACES_FILE}"))
    if problems:
        raise KnowledgeError(problems)
    d = dictionaries
    return KnowledgeBase(articles, tuple(facts), d.aliases, places, d.smalltalk, str(folder), compounds,
                         d.place_abbreviations, d.place_cues, d.words, d.measures, d.contrasts, d.totals,
                         d.question_words, d.staff_nouns, d.subunits, d.changes, d.intakes, d.lacks, d.acts, d.kinds,
                         parsed)


def _cleaned(value: Any) -> Any:
    """Every string of a parsed YAML value (keys too) as the bot reads text: see text.clean."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_cleaned(k): _cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_cleaned(v) for v in value]
    return value


# ---------------------------------------------------------------- field checks


class _Checker:
    """Typed field access on one YAML document that records problems instead of raising."""

    def __init__(self, doc: YamlDoc, problems: list[Problem]):
        self.doc = doc
        self.problems = problems

    def fail(self, path: Path_, message: str) -> None:
        """Record a problem at path."""
        self.problems.append(Problem(self.doc.file, self.doc.line(path), dotted(path), message))

    def mapping(self, value: Any, path: Path_, allowed: set[str], required: set[str]) -> dict | None:
        """Check value is a mapping with only allowed keys and all required ones."""
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping, not {_kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.fail(path + (key,), f"unknown field (allowed: {', '.join(sorted(allowed))})")
        for key in sorted(required - set(value)):
            self.fail(path, f"missing required field '{key}'")
        return value

    def text(self, value: Any, path: Path_, required: bool = True) -> str:
        """Check value is a non-empty string (or absent when optional)."""
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.fail(path, "must not be empty" if isinstance(value, str) or value is None
                      else f"must be a non-empty string, not {_kind(value)}")
            return ""
        return value.strip()

    def texts(self, value: Any, path: Path_, minimum: int) -> tuple[str, ...]:
        """Check value is a list of at least `minimum` non-empty strings."""
        if value is None and minimum == 0:
            return ()
        if not isinstance(value, list):
            self.fail(path, f"must be a list of strings, not {_kind(value)}")
            return ()
        out = tuple(self.text(v, path + (i,)) for i, v in enumerate(value))
        if len(out) < minimum:
            self.fail(path, f"needs at least {minimum} entries, has {len(out)}")
        return out

    def ident(self, value: Any, path: Path_) -> str:
        """Check value is an id: lower-case letters, digits and hyphens, short enough for button data."""
        text = self.text(value, path)
        if text and not _ID.match(text):
            self.fail(path, f"id '{text}' must use only a-z, 0-9 and '-'")
        elif len(text) > MAX_ID_LENGTH:
            self.fail(path, f"id '{text}' is longer than {MAX_ID_LENGTH} characters (chat buttons carry it)")
        return text

    def iso_date(self, value: Any, path: Path_) -> str:
        """Check value is a date written YYYY-MM-DD."""
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        self.fail(path, f"must be a date written YYYY-MM-DD, not {value!r}")
        return ""


def _kind(value: Any) -> str:
    """Name of a YAML value's type as a person would say it."""
    return {dict: "a mapping", list: "a list", str: "a string", int: "a number", float: "a number",
            bool: "true/false", type(None): "empty"}.get(type(value), type(value).__name__)


def _canonical(text: str) -> str:
    """NFC with white space collapsed: the form in which quotes must appear in their article."""
    return squash(unicodedata.normalize("NFC", text))


# ---------------------------------------------------------------- articles and facts

_ARTICLE_FIELDS = {"id", "title", "publisher", "date", "author", "url", "places", "parents", "text", "notes"}
_ARTICLE_REQUIRED = {"id", "title", "publisher", "date", "author", "places", "text"}
_FACT_FIELDS = {"id", "article", "place", "unit", "time", "measure", "answer", "quote", "questions", "tags"}
_FACT_REQUIRED = {"id", "place", "unit", "time", "answer", "quote", "questions"}
_MIN_QUESTIONS = 2


def _collect_articles(docs: list[YamlDoc], problems: list[Problem]) -> dict[str, Article]:
    """Read the `article:` block of each file that has one."""
    articles: dict[str, Article] = {}
    for doc in docs:
        check = _Checker(doc, problems)
        if isinstance(doc.data, dict) and doc.data.get("draft"):
            check.fail(("draft",), "this is a draft, never served: review it and run `python -m bot approve ID`")
            continue
        top = check.mapping(doc.data, (), {"article", "facts"}, set()) if doc.data is not None else None
        if doc.data is None:
            check.fail((), "empty file")
        if not top or "article" not in top:
            continue
        raw = check.mapping(top["article"], ("article",), _ARTICLE_FIELDS, _ARTICLE_REQUIRED)
        if raw is None:
            continue
        p = ("article",)
        art = Article(
            id=check.ident(raw.get("id"), p + ("id",)),
            title=check.text(raw.get("title"), p + ("title",)),
            publisher=check.text(raw.get("publisher"), p + ("publisher",)),
            date=check.iso_date(raw.get("date"), p + ("date",)),
            author=check.text(raw.get("author"), p + ("author",)),
            url=check.text(raw.get("url"), p + ("url",), required=False) or None,
            places=check.texts(raw.get("places"), p + ("places",), 1),
            parents=check.texts(raw.get("parents"), p + ("parents",), 0),
            text=check.text(raw.get("text"), p + ("text",)),
            notes=check.text(raw.get("notes"), p + ("notes",), required=False),
            file=doc.file,
        )
        if art.id in articles:
            check.fail(p + ("id",), f"duplicate article id '{art.id}' (also in {articles[art.id].file})")
        elif art.id:
            articles[art.id] = art
    return articles


def _collect_facts(docs: list[YamlDoc], articles: dict[str, Article], problems: list[Problem],
                   unchanged: set[int] = frozenset()) -> list[Fact]:
    """Read and cross-check every fact: unique id, known article and place, quote found in the text. The figures
    of a fact whose file is `unchanged` since the last load (ids of its reused documents), and whose article is
    that file's own, were checked then and are not read again (most of a reload's time)."""
    facts: list[Fact] = []
    seen: dict[str, str] = {}
    texts = {a.id: _canonical(a.text) for a in articles.values()}
    for doc in docs:
        check = _Checker(doc, problems)
        if not isinstance(doc.data, dict) or doc.data.get("facts") is None:
            continue
        own = doc.data.get("article", {}).get("id") if isinstance(doc.data.get("article"), dict) else None
        raw_facts = doc.data["facts"]
        if not isinstance(raw_facts, list):
            check.fail(("facts",), f"must be a list of facts, not {_kind(raw_facts)}")
            continue
        for index, raw in enumerate(raw_facts):
            fact = _read_fact(check, raw, ("facts", index), own)
            if fact is None:
                continue
            _cross_check(check, fact, ("facts", index), articles, texts, seen,
                         figures_checked=id(doc) in unchanged and fact.article_id == own)
            facts.append(fact)
    return facts


def _read_fact(check: _Checker, raw: Any, p: Path_, own_article: str | None) -> Fact | None:
    """Type-check one fact mapping."""
    raw = check.mapping(raw, p, _FACT_FIELDS, _FACT_REQUIRED)
    if raw is None:
        return None
    article = raw.get("article", own_article)
    if article is None:
        check.fail(p, "missing 'article' (the file has no article block to default to)")
    raw_quote = raw.get("quote")
    quotes = check.texts(raw_quote, p + ("quote",), 1) if isinstance(raw_quote, list) else (
        (check.text(raw_quote, p + ("quote",)),))
    return Fact(
        id=check.ident(raw.get("id"), p + ("id",)),
        article_id=check.text(article, p + ("article",)) if article is not None else "",
        place=check.text(raw.get("place"), p + ("place",)),
        unit=check.text(raw.get("unit"), p + ("unit",)),
        time=check.text(raw.get("time"), p + ("time",)),
        answer=check.text(raw.get("answer"), p + ("answer",)),
        quote=quotes[0] if quotes else "",
        more_quotes=quotes[1:],
        questions=check.texts(raw.get("questions"), p + ("questions",), _MIN_QUESTIONS),
        tags=check.texts(raw.get("tags"), p + ("tags",), 0),
        measure=check.text(raw.get("measure"), p + ("measure",), required=False),
        file=check.doc.file,
        line=check.doc.line(p),
    )


def _cross_check(check: _Checker, fact: Fact, p: Path_, articles: dict[str, Article],
                 texts: dict[str, str], seen: dict[str, str], figures_checked: bool = False) -> None:
    """Checks that need the whole knowledge base: ids, article, place, quote, time reference, and (unless
    `figures_checked` at a load its file is unchanged since) the answer's figures against its quotes."""
    if fact.id in seen:
        check.fail(p + ("id",), f"duplicate fact id '{fact.id}' (first in {seen[fact.id]})")
    elif fact.id:
        seen[fact.id] = f"{check.doc.file}:{check.doc.line(p)}"
    article = articles.get(fact.article_id)
    if fact.article_id and article is None:
        check.fail(p + ("article",), f"unknown article '{fact.article_id}'")
        return
    if article is None:
        return
    if fact.place and fact.place not in article.places:
        check.fail(p + ("place",), f"'{fact.place}' is not one of the article's places {list(article.places)}")
    quoted = True
    for k, quote in enumerate(fact.quotes):
        if quote and _canonical(quote) not in texts[article.id]:
            where = p + ("quote",) + ((k,) if fact.more_quotes else ())
            check.fail(where, f"quote not found verbatim in the text of article '{article.id}'")
            quoted = False
    if fact.time and fold(fact.time) not in fold(fact.answer):
        check.fail(p + ("time",), "the answer must state its time reference")
    if figures_checked:
        return
    for figure in unquoted_figures(fact, article) if quoted else ():
        check.fail(p + ("answer",), f"fact '{fact.id}': figure {figure} of the answer is in none of its quotes "
                                    "(mistyped, or a quote is missing)")
    from bot.kb.provenance import changed_figures  # only a load reads it: a start from the index cache does not
    for problem in changed_figures(fact.answer, fact.quotes) if quoted else ():
        check.fail(p + ("answer",), f"fact '{fact.id}': {problem}")


def unquoted_figures(fact: "Fact", article: "Article") -> list[str]:
    """Figures of a fact's answer that none of its quotes holds — a mistyped figure. The article's own date
    (its day, month and year) may be stated as the answer's time reference without being quoted."""
    quoted = {f.value for quote in fact.quotes for f in figures.find(quote)}
    dated = set()
    if article.date:
        year, month, day = article.date.split("-")
        dated = {year, str(int(month)), str(int(day)), f"{int(month)}/{year}"}
    return [f.value for f in figures.find(fact.answer) if f.value not in quoted and f.value not in dated]


# ---------------------------------------------------------------- aliases and places


@dataclass
class _Tables:
    """Rewrite tables gathered from every dictionary file, with where each key was defined."""

    folded: dict[str, str] = field(default_factory=dict)
    accented: dict[str, str] = field(default_factory=dict)
    origin: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (file, line)
    words: list[str] = field(default_factory=list)  # accented wording of the values: known words


def _load_dictionaries(folder: Path, read: Callable[[Path], tuple], problems: list[Problem],
                       place_names: set[str]) -> "Dictionaries":
    """Read aliases.yaml, shorthand.yaml and synonyms.yaml: one set of rewrites, and what else they say."""
    tables = _Tables()
    measures: dict[str, tuple[str, ...]] = {}
    contrasts: tuple[tuple[str, ...], ...] = ()
    totals = Totals()
    question_words: tuple[str, ...] = ()
    staff_nouns: tuple[str, ...] = ()
    subunits: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    intakes: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()
    acts: tuple[str, ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()
    fillers: frozenset[str] = frozenset()
    smalltalk = Smalltalk()
    abbreviations: dict[str, str] = {}
    cues: frozenset[str] = frozenset()
    for name in DICTIONARY_FILES:
        path = folder / name
        if name in OPTIONAL_FILES and not path.exists():
            continue
        doc, found = read(path)
        problems.extend(found)
        if doc is None:
            continue
        check = _Checker(doc, problems)
        sections = _DICTIONARY_SECTIONS.get(name)
        top = check.mapping(doc.data if doc.data is not None else {}, (), sections or set(), set()) \
            if sections is not None else _groups(check, doc.data)
        if top is None:
            continue
        for section, value in top.items():
            if section in _NOT_REWRITES:
                continue
            if section == "accented":
                _add_phrases(check, value, (section,), tables, accented=True)
            else:
                _add_phrases(check, value, (section,), tables, accented=False)
        if name == ALIASES_FILE:
            fillers = frozenset(fold(f) for f in check.texts(top.get("fillers"), ("fillers",), 0))
            talk = check.mapping(top.get("smalltalk") or {}, ("smalltalk",), {"greeting", "thanks", "help"},
                                 set()) or {}
            smalltalk = Smalltalk(**{k: tuple(fold(t) for t in check.texts(talk.get(k), ("smalltalk", k), 0))
                                     for k in ("greeting", "thanks", "help")})
            tables.words.extend(t for k in ("greeting", "thanks", "help")
                                for t in check.texts(talk.get(k), ("smalltalk", k), 0))
            measures = _measures(check, top.get("measures"))
            raw_totals = check.mapping(top.get("totals") or {"tag": "", "words": []}, ("totals",), {"tag", "words"},
                                       {"tag", "words"}) or {}
            totals = Totals(check.text(raw_totals.get("tag"), ("totals", "tag"), required=False),
                            check.texts(raw_totals.get("words"), ("totals", "words"), 0))
            question_words = check.texts(top.get("question_words"), ("question_words",), 0)
            staff_nouns = check.texts(top.get("staff_nouns"), ("staff_nouns",), 0)
            subunits = check.texts(top.get("subunits"), ("subunits",), 0)
            changes = check.texts(top.get("changes"), ("changes",), 0)
            intakes = check.texts(top.get("intakes"), ("intakes",), 0)
            lacks = check.texts(top.get("lacks"), ("lacks",), 0)
            acts = check.texts(top.get("acts"), ("acts",), 0)
            kinds = _kinds(check, top.get("kinds"))
            contrasts = tuple(check.texts(group, ("contrasts", i), 2)
                              for i, group in enumerate(_list(check, top.get("contrasts"), ("contrasts",))))
        if name == SHORTHAND_FILE:
            abbreviations = _place_abbreviations(check, top.get("places"), place_names)
            cues = frozenset(fold(c) for c in check.texts(top.get("place_cues"), ("place_cues",), 0))
            tables.words.extend(check.texts(top.get("words"), ("words",), 0))
    aliases = Aliases(accented=tables.accented, folded=tables.folded, fillers=fillers)
    for key in aliases.cycles():
        file, line = tables.origin[key]
        problems.append(Problem(file, line, key, "rewriting this phrase never settles (its replacements lead back "
                                                 "to it)"))
    return Dictionaries(aliases, smalltalk, abbreviations, cues, tuple(tables.words), measures, contrasts, totals,
                        question_words, staff_nouns, subunits, changes, intakes, lacks, acts, kinds)


@dataclass(frozen=True)
class Dictionaries:
    """What the dictionary files say, ready for the knowledge base."""

    aliases: Aliases
    smalltalk: Smalltalk
    place_abbreviations: dict[str, str]
    place_cues: frozenset[str]
    words: tuple[str, ...]
    measures: dict[str, tuple[str, ...]]
    contrasts: tuple[tuple[str, ...], ...]
    totals: "Totals"
    question_words: tuple[str, ...]
    staff_nouns: tuple[str, ...]
    subunits: tuple[str, ...]
    changes: tuple[str, ...]
    intakes: tuple[str, ...]
    lacks: tuple[str, ...]
    acts: tuple[str, ...]
    kinds: tuple[tuple[str, str], ...]


def _list(check: _Checker, raw: Any, p: Path_) -> list:
    """A list (or nothing); anything else is a problem."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        check.fail(p, f"must be a list, not {_kind(raw)}")
        return []
    return raw


def _measures(check: _Checker, raw: Any) -> dict[str, tuple[str, ...]]:
    """aliases.yaml measures: name -> the nouns a figure of that measure is followed by."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.fail(("measures",), f"must be a mapping of measure: [nouns], not {_kind(raw)}")
        return {}
    return {str(name): check.texts(nouns, ("measures", name), 1) for name, nouns in raw.items()}


def _kinds(check: _Checker, raw: Any) -> tuple[tuple[str, str], ...]:
    """aliases.yaml kinds: a title -> the shorter title it is a kind of, whose words it begins with."""
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        check.fail(("kinds",), f"must be a mapping of title: shorter title, not {_kind(raw)}")
        return ()
    out = []
    for title, general in raw.items():
        shorter = check.text(general, ("kinds", str(title)))
        if shorter and not fold(str(title)).startswith(fold(shorter) + " "):
            check.fail(("kinds", str(title)), f"must begin with the words of '{shorter}', the title it is a kind of")
        elif shorter:
            out.append((str(title), shorter))
    return tuple(out)


def _groups(check: _Checker, data: Any) -> dict | None:
    """synonyms.yaml: any number of named groups, each a mapping of phrase: replacement."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        check.fail((), f"must be a mapping of group name: {{phrase: replacement}}, not {_kind(data)}")
        return None
    return data


def _add_phrases(check: _Checker, raw: Any, p: Path_, tables: _Tables, accented: bool) -> None:
    """Add a mapping of phrase -> replacement; keys folded (or lower-cased for `accented`), values folded."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        check.fail(p, f"must be a mapping of phrase: replacement, not {_kind(raw)}")
        return
    for key, value in raw.items():
        if not isinstance(key, str) or not isinstance(value, str) or not key.strip():
            check.fail(p + (key,), "phrase and replacement must both be strings")
            continue
        norm = squash(unicodedata.normalize("NFC", key).lower()) if accented else squash(fold(key))
        if norm in tables.origin:
            file, line = tables.origin[norm]
            check.fail(p + (key,), f"'{key}' is already defined at {file}:{line}")
            continue
        tables.origin[norm] = (check.doc.file, check.doc.line(p + (key,)))
        if accented:
            tables.accented[norm] = squash(value.lower())
        else:
            if not value.strip():
                check.fail(p + (key,), "replacement must not be empty")
                continue
            tables.folded[norm] = squash(fold(value))
        tables.words.append(value)


def _place_abbreviations(check: _Checker, raw: Any, place_names: set[str]) -> dict[str, str]:
    """shorthand.yaml places: abbreviation -> a place of the gazetteer."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.fail(("places",), f"must be a mapping of abbreviation: place name, not {_kind(raw)}")
        return {}
    out = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not isinstance(value, str):
            check.fail(("places", key), "abbreviation and place name must both be strings")
        elif value.strip() not in place_names:
            check.fail(("places", key), f"'{value}' is not a place in {PLACES_FILE}")
        else:
            out[squash(fold(key))] = value.strip()
    return out


# Sections of places.yaml: (section, kind, national).
_PLACE_SECTIONS = (("provinces", "province", False), ("districts", "district", False), ("agencies", "unit", True),
                   ("units", "unit", False))


def _load_places(read: tuple, problems: list[Problem]) -> tuple[tuple[Place, ...], tuple[str, ...]]:
    """Read the gazetteer: provinces, their towns and districts, national bodies, local offices, and blocking
    compounds; each name once, a real name (capitalised, one line), parents and merged-into provinces listed."""
    doc, found = read
    problems.extend(found)
    if doc is None:
        return (), ()
    check = _Checker(doc, problems)
    top = check.mapping(doc.data, (), {s for s, _, _ in _PLACE_SECTIONS} | {"not_after"}, {"provinces"})
    if top is None:
        return (), ()
    compounds = check.texts(top.get("not_after"), ("not_after",), 0)
    for index, compound in enumerate(compounds):
        if len(compound.split()) != 2:
            check.fail(("not_after", index), "must be two words, e.g. 'tiến bộ'")
    places: list[Place] = []
    seen: dict[str, Path_] = {}
    for section, kind, national in _PLACE_SECTIONS:
        entries = top.get(section) or []
        if not isinstance(entries, list):
            check.fail((section,), f"must be a list, not {_kind(entries)}")
            continue
        for index, entry in enumerate(entries):
            place = _read_place(check, entry, (section, index), kind, national)
            if place is None or not place.name:
                continue
            key = squash(fold(place.name))
            if key in seen:
                check.fail((section, index), f"'{place.name}' is listed twice (also at line "
                                             f"{doc.line(seen[key])}): one name, one place")
                continue
            seen[key] = (section, index)
            places.append(place)
    by_name = {p.name: p for p in places}
    for place in places:
        if place.parent and place.parent not in by_name:
            problems.append(Problem(doc.file, 0, place.name, f"parent '{place.parent}' is not listed"))
        target = by_name.get(place.merged_into or "")
        if place.merged_into and (target is None or target.kind != "province" or target.merged_into):
            problems.append(Problem(doc.file, 0, place.name,
                                    f"merged_into '{place.merged_into}' is not a province of the 34 listed"))
    return tuple(places), compounds


def place_name_problem(name: str) -> str:
    """Why a text cannot be a place's name ('' if it can): one line, a capital first letter (a common noun such
    as "công chức" is not a place), at most a few words."""
    if not name.strip():
        return "must not be empty"
    if any(ch in name for ch in "\n\r\t\u2028\u2029") or not name.isprintable():
        return "a place name is one line of printable text"
    if name != name.strip() or "  " in name:
        return "a place name has single spaces between words"
    if not name[0].isupper():
        return f"'{name}' is not a place name (a name starts with a capital letter; common nouns are not places)"
    if len(name.split()) > MAX_PLACE_WORDS:
        return f"'{name}' is too long for a place name (at most {MAX_PLACE_WORDS} words)"
    return ""


def _read_place(check: _Checker, entry: Any, p: Path_, kind: str, national: bool) -> Place | None:
    """One gazetteer entry: a bare name, or a mapping with name, parent, variants and (provinces) merged_into."""
    raw = {"name": entry} if isinstance(entry, str) else check.mapping(
        entry, p, {"name", "parent", "variants"} | ({"merged_into"} if kind == "province" else set()), {"name"})
    if raw is None:
        return None
    name = raw.get("name")
    problem = place_name_problem(name) if isinstance(name, str) else ""
    if problem:
        check.fail(p + (() if isinstance(entry, str) else ("name",)), problem)
        return None
    return Place(
        name=check.text(name, p + ("name",)),
        kind=kind,
        parent=check.text(raw.get("parent"), p + ("parent",), required=False) or None,
        variants=check.texts(raw.get("variants"), p + ("variants",), 0),
        merged_into=check.text(raw.get("merged_into"), p + ("merged_into",), required=False) or None,
        national=national,
    )
