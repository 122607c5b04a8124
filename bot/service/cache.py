"""The built engine kept on disk between starts: with 10,000 facts reading and indexing the knowledge takes
seconds, loading what was built from the same knowledge a fraction of one.

The cache is one file in `cache_dir` (config.yaml). It is used only when its key matches: a hash of every
knowledge file's path and bytes, of the source of the code that builds the engine, of the settings it is
built with, and of the Python version. Anything else (another knowledge, a changed file, new code, a file cut
short, flipped bytes, garbage) is ignored and the engine is built and saved again; reading it never raises.
A new file is written beside the old one and renamed over it, so a reader sees the old file or the new one,
never half of one.

The file is a pickle: it is as trusted as the code and the database, in a folder only the bot writes. Its
checksum catches damage, not tampering. The engine itself knows nothing of this (it touches no disk); this
layer only serialises what the engine built.
"""
from __future__ import annotations

import gc
import os
import pickle
import sys
from pathlib import Path

from bot.engine.core import Engine
from bot.service import logs
from bot.kb.knowledge import ARTICLES_DIR

try:  # CPython's own BLAKE2 (the same digest as hashlib's): hashlib loads OpenSSL first, 2 ms of every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

log = logs.logger(__name__)
CACHE_FILE = "engine.cache"
_MAGIC = b"cbccvc-bot engine cache 3\n"
_CODE = ("bot/language", "bot/kb", "bot/engine")  # everything the built engine is made by
_ROOT = Path(__file__).resolve().parents[2]


def digest(data: bytes = b"") -> blake2b:
    """The cache's hash: 32-byte BLAKE2b, three times as fast as SHA-256 here (the check of a bundled cache's
    bytes and of the code's source were 3 ms of every start)."""
    return blake2b(data, digest_size=32)


def knowledge_files(folder: Path) -> list[Path]:
    """The files a load reads: those at the top of the knowledge folder and those in articles/ (drafts and
    backups live in their own sub-folders and are never read as knowledge)."""
    found = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    articles = folder / ARTICLES_DIR
    if articles.is_dir():
        found += [p for p in articles.iterdir() if p.is_file()]
    return sorted(found)


def code_version() -> str:
    """A hash of the source of the packages that build the engine (any edit makes a new cache)."""
    hashed = digest(sys.version.encode())
    for package in _CODE:
        for path in sorted((_ROOT / package).rglob("*.py")):
            hashed.update(str(path.relative_to(_ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


def cache_key(folder: Path, settings: tuple) -> str:
    """What a cached engine must have been built from: the knowledge files' paths and bytes, the code, the
    settings (matching, policy, file limits)."""
    hashed = digest(code_version().encode() + repr(settings).encode())
    for path in knowledge_files(folder):
        data = path.read_bytes()
        hashed.update(f"{path.relative_to(folder)}\0{len(data)}\0".encode() + data)
    return hashed.hexdigest()


def load(path: Path, key: str) -> Engine | None:
    """The engine cached under this key, or None (no file, another key, or a damaged file: never raises)."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError:
        return None
    head = _MAGIC + key.encode() + b"\n"
    if not blob.startswith(head):
        log.info("index cache %s is for other knowledge or code: rebuilding", path)
        return None
    checksum, payload = blob[len(head): len(head) + 64], blob[len(head) + 65:]
    if digest(payload).hexdigest().encode() != checksum:
        log.warning("index cache %s is damaged: rebuilding", path)
        return None
    enabled = gc.isenabled()
    gc.disable()  # millions of new objects, none of them garbage: collecting meanwhile only costs time
    try:
        engine = pickle.loads(payload)
    except Exception as error:  # noqa: BLE001 - whatever a damaged pickle raises, the answer is to rebuild
        log.warning("index cache %s cannot be read (%s): rebuilding", path, error)
        return None
    finally:
        if enabled:
            gc.enable()
    if not isinstance(engine, Engine):
        log.warning("index cache %s holds no engine: rebuilding", path)
        return None
    return engine


def save(path: Path, key: str, engine: Engine) -> bool:
    """Write the engine under this key, atomically; False (logged) when the folder is not writable."""
    import tempfile  # only when writing (it loads `random`, a few ms of every start)
    try:
        payload = pickle.dumps(engine, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + key.encode() + b"\n" + digest(payload).hexdigest().encode() + b"\n")
                f.write(payload)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError) as error:
        log.warning("could not write the index cache %s: %s", path, error)
        return False
    return True
