"""Shared fixtures: the bundled configuration and engine, and scratch copies of the knowledge folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.app import build_engine
from bot.config import REPO_ROOT, load_config

KNOWLEDGE = REPO_ROOT / "knowledge"


@pytest.fixture(scope="session")
def config():
    """The bundled configuration, untouched by the environment."""
    return load_config(REPO_ROOT / "config.yaml", environ={})


@pytest.fixture(scope="session")
def engine(config):
    """An engine on the bundled knowledge (built once: it is immutable)."""
    return build_engine(config)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target
