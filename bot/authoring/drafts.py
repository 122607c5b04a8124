"""Drafts waiting for review (knowledge/drafts/): writing them, listing them, checking them as if approved, and
approving one — validated with the whole folder as it will be, then moved under knowledge/articles/ with the
places it proposes added to the gazetteer."""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.service.config import Config
from bot.engine.core import Engine
from bot.authoring.ingest import Draft
from bot.kb.knowledge import (ARTICLES_DIR, DRAFTS_DIR, PLACES_FILE, TOP_FILES, KnowledgeError, load_knowledge,
                        write_file)
from bot.service.reload import staged
from bot.kb.yamlfile import Problem, read_yaml

DRAFT_KEYS = ("draft", "guessed", "new_places")  # what a draft file has beyond the article schema
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


def write(config: Config, draft: Draft, out: Path | None = None) -> Path:
    """Write a draft file (default knowledge/drafts/<article id>.yaml); its path."""
    folder = out or config.knowledge_dir / DRAFTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{draft.article['id']}.yaml"
    write_file(path, draft.to_yaml().encode())
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
        _add_places(folder / PLACES_FILE, draft.new_places)
        (folder / ARTICLES_DIR).mkdir()
        # What the admin still has to fill in does not change how the facts are answered.
        article = {**draft.article, "publisher": draft.article["publisher"] or "?",
                   "author": draft.article["author"] or "?"}
        (folder / ARTICLES_DIR / "draft.yaml").write_text(
            yaml.safe_dump({"article": article, "facts": draft.facts}, allow_unicode=True, sort_keys=False),
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
    doc, problems = read_yaml(path, config.file_limits)
    if doc is None or not isinstance(doc.data, dict):
        raise ApproveError([str(p) for p in problems] or [f"{path}: not a draft file"])
    target = config.knowledge_dir / ARTICLES_DIR / f"{draft_id}.yaml"
    if target.exists():
        raise ApproveError([f"{target} exists already: remove it or give the draft another id"])
    text, origin = strip_draft_keys(path.read_text(encoding="utf-8"))
    with staged(config) as copy:
        _add_places(copy / PLACES_FILE, doc.data.get("new_places") or [])
        article_file = copy / ARTICLES_DIR / target.name
        article_file.write_text(text, encoding="utf-8")
        try:
            load_knowledge(copy, config.file_limits)
        except KnowledgeError as error:
            raise ApproveError([str(_located(p, article_file, path, origin, copy)) for p in error.problems]) \
                from None
        places = (copy / PLACES_FILE).read_bytes()
    if doc.data.get("new_places"):
        write_file(config.knowledge_dir / PLACES_FILE, places)
    write_file(target, text.encode())
    path.unlink()
    return target


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
    """Append proposed places to the gazetteer (as text, so its comments stay)."""
    lines = []
    for p in proposals:
        if not isinstance(p, dict) or not p.get("name"):
            continue
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
