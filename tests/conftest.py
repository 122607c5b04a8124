"""Shared fixtures: the bundled configuration and engine, the fake Telegram server, scratch knowledge copies."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.service.app import build_engine
from bot.service.config import REPO_ROOT, load_config
from tests.fakes.telegram import FakeTelegram

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
def fake():
    """The fake Telegram Bot API server on 127.0.0.1 (tests of the Zalo channel override it with the Zalo one)."""
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target
