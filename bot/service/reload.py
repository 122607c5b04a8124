"""Live reload: build a whole new engine from the knowledge folder, then swap it in and say what changed.

`prepare` touches nothing shared (a channel may run it in a worker thread); `commit` is one reference
assignment, so a question in flight finishes on the engine it started with and none sees a mixture.
"""
from __future__ import annotations

import contextlib
import dataclasses
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from bot.service.app import App, settle_heap
from bot.service.config import Config
from bot.engine.core import Engine
from bot.kb.knowledge import DRAFTS_DIR, Article, Fact, KnowledgeBase, KnowledgeError, load_knowledge
from bot.kb.yamlfile import Problem

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
_SKIPPED_FIELDS = {"file", "line"}  # where a fact sits is not what it says


@dataclass(frozen=True)
class Change:
    """One article or fact added, removed or changed (with the first field that differs)."""

    kind: str  # "article" or "fact"
    id: str
    what: str
    field: str = ""


@dataclass(frozen=True)
class Prepared:
    """A reload ready to commit: the new engine and what it changes, or the problems that stop it."""

    engine: Engine | None
    changes: tuple[Change, ...]
    problems: tuple[Problem, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the knowledge was valid."""
        return self.engine is not None


def prepare(app: App, folder: Path | None = None) -> Prepared:
    """Load and index the knowledge folder next to the current engine; never touches app."""
    start = time.perf_counter()
    current = app.engine
    try:
        kb = load_knowledge(folder or app.config.knowledge_dir, app.config.file_limits, previous=current.kb)
    except KnowledgeError as exc:
        return Prepared(None, (), tuple(exc.problems), time.perf_counter() - start)
    engine = Engine(kb, app.config.match, app.config.policy, previous=current)
    return Prepared(engine, diff(current.kb, kb), (), time.perf_counter() - start)


@contextlib.contextmanager
def staged(config: Config) -> Iterator[Path]:
    """A scratch copy of the knowledge folder (without its backups and drafts), to validate it as it will be
    after a change before the change is made."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "knowledge"
        shutil.copytree(config.knowledge_dir, copy, ignore=shutil.ignore_patterns(config.reload.backups_dir,
                                                                                  DRAFTS_DIR))
        yield copy


def validate(app: App, folder: Path) -> tuple[Problem, ...]:
    """Every problem of a knowledge folder (none if valid), without indexing it."""
    try:
        load_knowledge(folder, app.config.file_limits, previous=app.engine.kb)
    except KnowledgeError as exc:
        return tuple(exc.problems)
    return ()


def commit(app: App, prepared: Prepared) -> None:
    """Swap the new engine in (atomic: one assignment)."""
    if prepared.engine is not None:
        app.engine = prepared.engine
        settle_heap()


def reload(app: App) -> Prepared:
    """prepare + commit, for callers that need not leave their thread."""
    prepared = prepare(app)
    commit(app, prepared)
    return prepared


def diff(old: KnowledgeBase, new: KnowledgeBase) -> tuple[Change, ...]:
    """Articles then facts added, removed and changed, each in id order."""
    return (_diff("article", old.articles, new.articles)
            + _diff("fact", {f.id: f for f in old.facts}, {f.id: f for f in new.facts}))


def _diff(kind: str, old: dict[str, Article | Fact], new: dict[str, Article | Fact]) -> tuple[Change, ...]:
    """Changes between two id -> record mappings."""
    changes = [Change(kind, i, ADDED) for i in sorted(new.keys() - old.keys())]
    changes += [Change(kind, i, REMOVED) for i in sorted(old.keys() - new.keys())]
    for i in sorted(old.keys() & new.keys()):
        field = _first_difference(old[i], new[i])
        if field:
            changes.append(Change(kind, i, CHANGED, field))
    return tuple(changes)


def _first_difference(a: Article | Fact, b: Article | Fact) -> str:
    """Name of the first field (in declaration order) that differs, or ''."""
    for f in dataclasses.fields(a):
        if f.name not in _SKIPPED_FIELDS and getattr(a, f.name) != getattr(b, f.name):
            return f.name
    return ""
