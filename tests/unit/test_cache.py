"""The index cache: the built engine is reused across starts only while the knowledge files, the code and the
settings are those it was built from; a stale, damaged or foreign cache file is ignored and rebuilt, never a
crash. And the path of `ask --no-log` loads nothing answering does not need (no SQLite, no asyncio)."""
from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.service import app as app_module
from bot.service import cache
from bot.service.app import build_engine
from bot.service.config import DEFAULTS, REPO_ROOT, load_config

QUESTION = "Đông Triều có bao nhiêu trí thức?"


@pytest.fixture
def config(tmp_path):
    """The shipped settings over a copy of the bundled knowledge, the database (and so the cache) in tmp_path."""
    shutil.copytree(REPO_ROOT / "knowledge", tmp_path / "knowledge")
    cfg = load_config(DEFAULTS, environ={"BOT_KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
                                         "BOT_DATABASE": str(tmp_path / "data" / "bot.sqlite3")})
    assert cfg.cache_dir == tmp_path / "data" / "cache"
    return cfg


@pytest.fixture
def builds(monkeypatch):
    """Counts the engines built from knowledge (not loaded from the cache)."""
    made = []
    real = app_module.Engine

    def counted(*args, **kwargs):
        made.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(app_module, "Engine", counted)
    return made


def cache_file(cfg) -> Path:
    return cfg.cache_dir / cache.CACHE_FILE


def test_the_same_knowledge_is_loaded_from_the_cache_not_rebuilt(config, builds):
    first = build_engine(config)
    assert builds == [1] and cache_file(config).is_file()
    second = build_engine(config)
    assert builds == [1]  # nothing built the second time
    assert second is not first
    assert second.answer(QUESTION).fact.id == first.answer(QUESTION).fact.id == "dt-tong-so-tri-thuc"
    assert [f.id for f in second.kb.facts] == [f.id for f in first.kb.facts]
    assert not [p for p in config.cache_dir.iterdir() if p.name != cache.CACHE_FILE]  # no temporary file left


def test_changed_knowledge_is_rebuilt_and_the_change_is_seen(config, builds):
    build_engine(config)
    article = config.knowledge_dir / "articles" / "dong-trieu-2018.yaml"
    text = article.read_text(encoding="utf-8")
    assert "- Thị xã Đông Triều có bao nhiêu trí thức?" in text
    article.write_text(text.replace("- Thị xã Đông Triều có bao nhiêu trí thức?",
                                    "- Thị xã Đông Triều có tất cả bao nhiêu trí thức?"), encoding="utf-8")
    engine = build_engine(config)
    assert builds == [1, 1]
    assert "Thị xã Đông Triều có tất cả bao nhiêu trí thức?" in engine.kb.fact("dt-tong-so-tri-thuc").questions
    build_engine(config)
    assert builds == [1, 1]  # and the rebuilt engine is what is cached now


def test_other_settings_or_code_make_another_cache(config, builds, monkeypatch):
    build_engine(config)
    stricter = dataclasses.replace(config, policy=dataclasses.replace(config.policy, answer_threshold=99.0))
    assert build_engine(stricter).policy.answer_threshold == 99.0
    assert builds == [1, 1]
    monkeypatch.setattr(cache, "code_version", lambda: "another version of the code")
    build_engine(stricter)
    assert builds == [1, 1, 1]


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty", "not_an_engine"])
def test_a_damaged_cache_is_ignored_and_rebuilt(config, builds, damage):
    build_engine(config)
    path = cache_file(config)
    blob = path.read_bytes()
    if damage == "flip":  # bytes flipped in the middle of the pickle: the checksum no longer matches
        middle = len(blob) // 2
        path.write_bytes(blob[:middle] + bytes(b ^ 0xFF for b in blob[middle:middle + 16]) + blob[middle + 16:])
    elif damage == "truncate":
        path.write_bytes(blob[: len(blob) // 3])
    elif damage == "garbage":
        path.write_bytes(os.urandom(5000))
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a well-formed cache file under the right key whose pickle is not an engine
        key = blob.split(b"\n")[1].decode()
        cache.save(path, key, "not an engine")  # type: ignore[arg-type]
    engine = build_engine(config)
    assert builds == [1, 1]
    assert engine.answer(QUESTION).fact.id == "dt-tong-so-tri-thuc"
    build_engine(config)
    assert builds == [1, 1]  # the damaged file was replaced by a good one


def test_an_unwritable_cache_folder_only_costs_the_rebuild(config, builds):
    config.cache_dir.parent.mkdir(parents=True)
    config.cache_dir.write_text("a file where the cache folder should be", encoding="utf-8")
    assert build_engine(config).answer(QUESTION).fact.id == "dt-tong-so-tri-thuc"
    assert build_engine(config).answer(QUESTION).fact.id == "dt-tong-so-tri-thuc"
    assert builds == [1, 1]


def test_the_cache_can_be_turned_off(tmp_path, builds):
    cfg = load_config(DEFAULTS, environ={"BOT_INDEX_CACHE": "false",
                                         "BOT_DATABASE": str(tmp_path / "data" / "bot.sqlite3")})
    assert cfg.cache_dir is None
    build_engine(cfg)
    build_engine(cfg)
    assert builds == [1, 1] and not (tmp_path / "data").exists()


def test_index_cache_must_be_true_or_false():
    from bot.service.config import ConfigError
    with pytest.raises(ConfigError, match="index_cache"):
        load_config(DEFAULTS, environ={"BOT_INDEX_CACHE": "sometimes"})


def test_invalid_knowledge_is_refused_whatever_is_cached(config):
    from bot.kb.knowledge import KnowledgeError
    build_engine(config)
    (config.knowledge_dir / "places.yaml").write_text("places: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        build_engine(config)


_LOADED = """
import runpy, sys
sys.argv = ["bot", "ask", "--no-log", sys.argv[1]]
try:
    runpy.run_module("bot", run_name="__main__")
except SystemExit as done:
    assert not done.code, done.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlite3", "sqlite_utils", "numpy", "asyncio",
                                                              "handlers", "logging", "traceback")
               or m in ("bot.storage.store", "bot.storage.writer", "bot.service.broadcast", "channels.base"))
print("HEAVY", heavy)
"""


def test_ask_without_the_log_loads_no_database_library(tmp_path):
    env = {**os.environ, "BOT_DATABASE": str(tmp_path / "data" / "bot.sqlite3")}
    out = subprocess.run([sys.executable, "-c", _LOADED, QUESTION], cwd=REPO_ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "17.412" in out.stdout  # it answered
    assert out.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_ask_without_the_log_still_says_when_its_cache_is_damaged(tmp_path):
    """`ask --no-log` sets its logging up only at a first record: that record is formatted as any other."""
    env = {**os.environ, "BOT_DATABASE": str(tmp_path / "data" / "bot.sqlite3")}
    ask = [sys.executable, "-m", "bot", "ask", "--no-log", QUESTION]
    assert subprocess.run(ask, cwd=REPO_ROOT, env=env, capture_output=True, timeout=120).returncode == 0
    path = tmp_path / "data" / "cache" / cache.CACHE_FILE
    blob = path.read_bytes()
    path.write_bytes(blob[:-100] + bytes(b ^ 0xFF for b in blob[-100:]))
    out = subprocess.run(ask, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "17.412" in out.stdout
    assert re.fullmatch(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} )?WARNING bot\.service\.cache: index cache "
                        r"\S+ is damaged: rebuilding\n", out.stderr), out.stderr


def test_the_cache_digest_is_hashlibs_blake2b():
    """The cache hashes with CPython's own BLAKE2b (hashlib would load OpenSSL at every start): the same digest,
    64 hex digits as the file's checksum line holds."""
    import hashlib
    for data in (b"", b"abc", bytes(range(256)) * 1000):
        assert cache.digest(data).hexdigest() == hashlib.blake2b(data, digest_size=32).hexdigest()
        assert len(cache.digest(data).hexdigest()) == 64
