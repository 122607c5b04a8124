"""Drafts waiting for review (knowledge/drafts/): writing them, listing them, checking them as if approved, and
approving one — validated with the whole folder as it will be, then moved under knowledge/articles/ with the
places it proposes added to the gazetteer."""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from typing import Callable
from pathlib import Path

import yaml

from bot.service.config import Config
from bot.engine.core import Engine
from bot.authoring.ingest import TOO_BIG, Draft, IngestError
from bot.kb.knowledge import (ARTICLES_DIR, DRAFTS_DIR, PLACES_FILE, TOP_FILES, KnowledgeBase, KnowledgeError,
                              load_knowledge, place_name_problem, write_file)
from bot.language.text import fold
from bot.service.reload import staged
from bot.kb.yamlfile import Problem, read_yaml

DRAFT_KEYS = ("draft", "guessed", "new_places")
MAX_ID = 60
UNKNOWN_PLACE = "Chưa Rõ"  # stands for a place still to fill in, in the self-check only  # what a draft file has beyond the article schema
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")  # a top-level key (a list item at column 0 continues its block)


class ApproveError(Exception):
    """A draft cannot be approved; `problems` says why, each located."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Waiting:
    """A draft in the drafts folder."""

    id: str
    path: Path
    title: str
    facts: int
    guessed: tuple[str, ...]


def unique(config: Config, draft: Draft, out: Path | None = None) -> Draft:
    """The draft under an id no other draft or article has ("…-2" after a guessed id already taken)."""
    folder = out or config.knowledge_dir / DRAFTS_DIR
    base, n = draft.article["id"], 1
    while (folder / f"{draft.article['id']}.yaml").exists() or \
            (config.knowledge_dir / ARTICLES_DIR / f"{draft.article['id']}.yaml").exists():
        n += 1
        draft = draft.renamed(f"{base[:MAX_ID - len(str(n)) - 1].rstrip('-')}-{n}")
    return draft


def write(config: Config, draft: Draft, out: Path | None = None) -> Path:
    """Write a draft file (default knowledge/drafts/<article id>.yaml); its path. Raises IngestError when the
    draft would be over the knowledge file size limit (approve could never read it)."""
    folder = out or config.knowledge_dir / DRAFTS_DIR
    data = draft.to_yaml().encode()
    if len(data) > config.file_limits.max_bytes:
        raise IngestError(TOO_BIG, f"its draft would be {len(data)} bytes, over the {config.file_limits.max_bytes}"
                                   "-byte limit of a knowledge file: split the article into parts")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{draft.article['id']}.yaml"
    write_file(path, data)
    return path


def waiting(config: Config) -> list[Waiting]:
    """Drafts in the drafts folder, by id (unreadable ones listed with no facts)."""
    out = []
    for path in sorted((config.knowledge_dir / DRAFTS_DIR).glob("*.yaml")):
        doc, _ = read_yaml(path, config.file_limits)
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        article = data.get("article") if isinstance(data.get("article"), dict) else {}
        facts = data.get("facts") if isinstance(data.get("facts"), list) else []
        guessed = data.get("guessed") if isinstance(data.get("guessed"), list) else []
        out.append(Waiting(str(article.get("id") or path.stem), path, str(article.get("title") or ""), len(facts),
                           tuple(str(g) for g in guessed)))
    return out


def self_check(config: Config, draft: Draft) -> tuple[int, int, list[str]]:
    """The draft loaded alone as if approved (with the bundled dictionaries and gazetteer): how many of its facts
    answer their own first phrasing, of how many, and the ids of those that do not."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in TOP_FILES:
            if (config.knowledge_dir / name).exists():
                shutil.copy(config.knowledge_dir / name, folder / name)
        place = draft.article["places"][0] or UNKNOWN_PLACE
        _add_places(folder / PLACES_FILE, [*draft.new_places] + ([{"name": place, "kind": "district"}]
                                                                  if place == UNKNOWN_PLACE else []))
        (folder / ARTICLES_DIR).mkdir()
        # What the admin still has to fill in (publisher, author, date, place) does not change how the facts
        # are answered: placeholders stand for it here.
        article = {**draft.article, "publisher": draft.article["publisher"] or "?",
                   "author": draft.article["author"] or "?", "date": draft.article["date"] or "2000-01-01",
                   "places": [place, *[p for p in draft.article["places"][1:] if p and p != place]]}
        facts = [{**f, "place": f["place"] or place, "unit": f["unit"] or place} for f in draft.facts]
        (folder / ARTICLES_DIR / "draft.yaml").write_text(
            yaml.safe_dump({"article": article, "facts": facts}, allow_unicode=True, sort_keys=False),
            encoding="utf-8")
        engine = Engine(load_knowledge(folder, config.file_limits), config.match, config.policy)
    missed = [f["id"] for f in draft.facts
              if (a := engine.answer(f["questions"][0])).fact is None or not a.answered or a.fact.id != f["id"]]
    return len(draft.facts) - len(missed), len(draft.facts), missed


def find(config: Config, draft_id: str) -> Path:
    """The draft file of an id (raises ApproveError)."""
    if not _ID.match(draft_id):
        raise ApproveError([f"'{draft_id}' is not a draft id (lower-case letters, digits and hyphens)"])
    path = config.knowledge_dir / DRAFTS_DIR / f"{draft_id}.yaml"
    if not path.exists():
        known = ", ".join(w.id for w in waiting(config)) or "none"
        raise ApproveError([f"no draft '{draft_id}' in {path.parent} (waiting: {known})"])
    return path


def approve(config: Config, draft_id: str) -> Path:
    """Validate a draft as an article file with the folder as it will be after approving it (its proposed
    places added to the gazetteer); then move it under articles/. Returns the article file; raises
    ApproveError with every problem (located in the draft file), leaving everything as it was."""
    path = find(config, draft_id)
    with staged(config) as copy:
        return _approve_in(config, path, copy, None)[0]


@dataclass
class Outcome:
    """What `approve --all` did with the drafts: the articles approved and the drafts left, with reasons."""

    approved: list[Path]
    refused: dict[str, list[str]]


def approve_all(config: Config, progress: Callable[[str, Path | None, list[str]], None] | None = None) -> Outcome:
    """Approve every draft that validates. All are validated together in one staged copy of the folder (each
    approved draft is part of the folder the others are validated with): the drafts whose own files have
    problems are set aside with them, located, and the rest validated again, so the whole knowledge is read a
    few times, not once per draft; the others stay, with their problems."""
    outcome = Outcome([], {})
    pending = waiting(config)
    with staged(config) as copy:
        done = _approve_together(config, [w.path for w in pending], copy)
    for draft in pending:
        target, problems = done[draft.path]
        if target is None:
            outcome.refused[draft.id] = problems
        else:
            outcome.approved.append(target)
        if progress:
            progress(draft.id, target, problems)
    return outcome


@dataclass
class _Ready:
    """A draft read and checked on its own, to be validated with the others."""

    path: Path
    text: str  # the article file it becomes
    origin: list[int]  # for each line of `text`, its line in the draft
    proposals: list
    target: Path


def _approve_together(config: Config, paths: list[Path], copy: Path) -> dict[Path, tuple[Path | None, list[str]]]:
    """Approve draft files as one batch validated in `copy`; for each, its article file or its problems."""
    done: dict[Path, tuple[Path | None, list[str]]] = {}
    places_file = copy / PLACES_FILE
    places_before = places_file.read_bytes()
    known = _gazetteer_entries(places_before.decode("utf-8"))
    ready: list[_Ready] = []
    for path in paths:
        try:
            item = _read_draft(config, path, known)
        except ApproveError as error:
            done[path] = (None, error.problems)
            continue
        if item is None:  # approved before an interruption: only the draft was left, and is removed
            done[path] = (config.knowledge_dir / ARTICLES_DIR / f"{path.stem}.yaml", [])
            continue
        for p in item.proposals:
            if isinstance(p, dict) and isinstance(p.get("name"), str):
                known.setdefault(fold(p["name"]), p.get("parent"))
        ready.append(item)
    while ready:
        places_file.write_bytes(places_before)
        _add_places(places_file, [p for item in ready for p in item.proposals])
        for item in ready:
            (copy / ARTICLES_DIR / item.target.name).write_text(item.text, encoding="utf-8")
        try:
            load_knowledge(copy, config.file_limits)
            break
        except KnowledgeError as error:
            mine = {item.path: [p for p in error.problems if p.file == str(copy / ARTICLES_DIR / item.target.name)]
                    for item in ready}
            refused = [item for item in ready if mine[item.path]]
            for item in refused:
                done[item.path] = (None, [str(_located(p, copy / ARTICLES_DIR / item.target.name, item.path,
                                                       item.origin, copy)) for p in mine[item.path]])
                (copy / ARTICLES_DIR / item.target.name).unlink()
            if not refused:  # problems no draft's own file has: each draft is tried alone, as `approve` does
                places_file.write_bytes(places_before)
                for item in ready:
                    (copy / ARTICLES_DIR / item.target.name).unlink(missing_ok=True)
                return {**done, **_approve_each(config, [item.path for item in ready], copy)}
            ready = [item for item in ready if not mine[item.path]]
    if ready and places_file.read_bytes() != places_before:
        write_file(config.knowledge_dir / PLACES_FILE, places_file.read_bytes())
    for item in ready:
        write_file(item.target, item.text.encode())
        item.path.unlink()
        done[item.path] = (item.target, [])
    return done


def _approve_each(config: Config, paths: list[Path], copy: Path) -> dict[Path, tuple[Path | None, list[str]]]:
    """Approve draft files one after another in `copy`, each validated with the folder as the ones before left
    it."""
    done: dict[Path, tuple[Path | None, list[str]]] = {}
    previous = None
    for path in paths:
        try:
            target, previous = _approve_in(config, path, copy, previous)
            done[path] = (target, [])
        except ApproveError as error:
            done[path] = (None, error.problems)
    return done


def _read_draft(config: Config, path: Path, known: dict[str, str | None]) -> _Ready | None:
    """A draft file read and its proposed places checked against the gazetteer's entries `known` (raises
    ApproveError); None when its article is in place already with the same text (the draft is removed)."""
    doc, problems = read_yaml(path, config.file_limits)
    if doc is None or not isinstance(doc.data, dict):
        raise ApproveError([str(p) for p in problems] or [f"{path}: not a draft file"])
    target = config.knowledge_dir / ARTICLES_DIR / f"{path.stem}.yaml"
    text, origin = strip_draft_keys(path.read_text(encoding="utf-8"))
    if target.exists():
        if target.read_text(encoding="utf-8") == text:  # approved before an interruption: only the draft is left
            path.unlink()
            return None
        raise ApproveError([f"{target} exists already: remove it or give the draft another id"])
    proposals = doc.data.get("new_places") or []
    found = _proposal_problems(path, doc, proposals, known)
    if found:
        raise ApproveError(found)
    return _Ready(path, text, origin, proposals if isinstance(proposals, list) else [proposals], target)


def _approve_in(config: Config, path: Path, copy: Path, previous: KnowledgeBase | None
                ) -> tuple[Path, KnowledgeBase | None]:
    """Approve one draft file, validating it in `copy` (a staged copy of the folder, left as the real folder
    is afterwards); the article file and the knowledge as validated."""
    places_file = copy / PLACES_FILE
    places_before = places_file.read_bytes()
    item = _read_draft(config, path, _gazetteer_entries(places_before.decode("utf-8")))
    if item is None:
        return config.knowledge_dir / ARTICLES_DIR / f"{path.stem}.yaml", previous
    article_file = copy / ARTICLES_DIR / item.target.name
    try:
        _add_places(places_file, item.proposals)
        article_file.write_text(item.text, encoding="utf-8")
        try:
            kb = load_knowledge(copy, config.file_limits, previous)
        except KnowledgeError as error:
            raise ApproveError([str(_located(p, article_file, path, item.origin, copy)) for p in error.problems]) \
                from None
    except ApproveError:
        places_file.write_bytes(places_before)
        article_file.unlink(missing_ok=True)
        raise
    if places_file.read_bytes() != places_before:
        write_file(config.knowledge_dir / PLACES_FILE, places_file.read_bytes())
    write_file(item.target, item.text.encode())
    path.unlink()
    return item.target, kb


def _proposal_problems(path: Path, doc, proposals: list, known: dict[str, str | None]) -> list[str]:
    """Why proposed places cannot join the gazetteer (its entries `known`, folded name: parent), each located in
    the draft: not a mapping, not a place name (a common noun, several lines), a name the gazetteer has under
    another parent or kind."""
    out = []
    for i, p in enumerate(proposals if isinstance(proposals, list) else [proposals]):
        where = f"{path}:{doc.line(('new_places', i))}: new_places[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            out.append(f"{where}: must be a mapping with a name")
            continue
        name, parent = p["name"], p.get("parent")
        problem = place_name_problem(name) or (place_name_problem(parent) if isinstance(parent, str) else "")
        if problem:
            out.append(f"{where}.name: {problem}")
            continue
        if p.get("kind") not in ("province", "district"):
            out.append(f"{where}.kind: must be province or district")
            continue
        same = known.get(fold(name))
        if same is not None and same != (parent or None):
            elsewhere = f"under {same}" if same else "at the top level"
            out.append(f"{where}.name: '{name}' is in {PLACES_FILE} already, {elsewhere}: one name, one place "
                       "(use that one, or name this place differently)")
    return out


def _gazetteer_entries(text: str) -> dict[str, str | None]:
    """Every place name of the gazetteer (folded) with its parent."""
    data = yaml.safe_load(text) or {}
    out: dict[str, str | None] = {}
    for section in ("provinces", "districts", "agencies", "units"):
        for entry in data.get(section) or []:
            if isinstance(entry, str):
                out[fold(entry)] = None
            elif isinstance(entry, dict) and isinstance(entry.get("name"), str):
                out[fold(entry["name"])] = entry.get("parent")
    return out


def strip_draft_keys(text: str) -> tuple[str, list[int]]:
    """A draft file's text without its top-level draft keys (and their blocks), and for each line kept its
    line number in the draft."""
    kept, origin, skipping = [], [], False
    for number, line in enumerate(text.split("\n"), 1):
        if _TOP_KEY.match(line):
            skipping = line.split(":", 1)[0].strip() in DRAFT_KEYS
        if not skipping:
            kept.append(line)
            origin.append(number)
    return "\n".join(kept), origin


def _located(problem: Problem, article_file: Path, draft: Path, origin: list[int], staged: Path) -> Problem:
    """A problem found in the staged folder, pointing into the draft file (or at the real folder's file)."""
    if problem.file == str(article_file):
        line = origin[problem.line - 1] if 0 < problem.line <= len(origin) else 0
        return Problem(str(draft), line, problem.field, problem.message)
    return Problem(problem.file.replace(str(staged), str(draft.parent.parent)), problem.line, problem.field,
                   problem.message)


def _add_places(places_file: Path, proposals: list) -> None:
    """Append proposed places to the gazetteer (as text, so its comments stay); one it has already (an
    approve cut short and run again) is not added twice."""
    known = _gazetteer_entries(places_file.read_text(encoding="utf-8"))
    lines = []
    for p in proposals:
        if not isinstance(p, dict) or not p.get("name") or fold(str(p["name"])) in known:
            continue
        known[fold(str(p["name"]))] = p.get("parent")
        entry = {"name": str(p["name"])}
        if p.get("parent"):
            entry["parent"] = str(p["parent"])
        lines.append((p.get("kind") == "province", "  - " + yaml.safe_dump(entry, allow_unicode=True,
                                                                            default_flow_style=True).strip()))
    if not lines:
        return
    text = places_file.read_text(encoding="utf-8").rstrip("\n").split("\n")
    for is_province, line in lines:
        section = "provinces:" if is_province else "districts:"
        at = text.index(section) + 1 if section in text else len(text)
        while at < len(text) and (text[at].startswith("  ") or not text[at].strip()):
            at += 1
        text.insert(at, line)
    places_file.write_text("\n".join(text) + "\n", encoding="utf-8")
