#!/usr/bin/env python3
"""Set up .venv and run the bot or the tests; needs nothing but python3.

    python3 dev.py chat      # terminal chat on the bundled knowledge (no token, no network)
    python3 dev.py test      # run the test suite
    python3 dev.py setup     # only create/refresh .venv
"""
import hashlib
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
REQUIREMENTS = ROOT / "requirements-dev.txt"
STAMP = VENV / ".requirements.sha256"


def _digest() -> str:
    """Hash of the requirement files, so .venv is refreshed when they change."""
    text = REQUIREMENTS.read_bytes() + (ROOT / "requirements.txt").read_bytes()
    return hashlib.sha256(text).hexdigest()


def setup() -> None:
    """Create .venv and install the pinned requirements unless already done."""
    if not PY.exists():
        print("creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    if not STAMP.exists() or STAMP.read_text() != _digest():
        print("installing requirements ...", flush=True)
        subprocess.run([str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "-r", str(REQUIREMENTS)], check=True)
        STAMP.write_text(_digest())


def main(argv: list[str]) -> int:
    """Dispatch the command."""
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in {"chat", "test", "setup"}:
        print(__doc__)
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    setup()
    if argv[0] == "chat":
        return subprocess.call([str(PY), "-m", "bot", "chat", *argv[1:]], cwd=ROOT)
    if argv[0] == "test":
        return subprocess.call([str(PY), "-m", "pytest", "-q", *argv[1:]], cwd=ROOT)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # Ctrl-C: the child has stopped cleanly already; no traceback here either
        sys.exit(130)
