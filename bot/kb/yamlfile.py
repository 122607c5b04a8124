"""Read YAML files keeping the line of every key and item, so errors can point at them."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[Any, ...]
_CHECK_EVERY = 1000  # events between two looks at the clock


@dataclass(frozen=True)
class FileLimits:
    """Hard bounds on one knowledge file: whatever it holds, reading it cannot crash or exhaust the bot."""

    max_bytes: int = 2_000_000  # larger files are refused unread
    max_depth: int = 32  # collections nested deeper are refused (deep nesting overflows the C parser's stack)
    max_nodes: int = 300_000  # keys, values and items in all
    max_seconds: float = 10.0  # parsing longer than this is abandoned


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge file, located by file, line and field."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class YamlDoc:
    """A parsed YAML document and the line of each path inside it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int:
        """Line of the deepest known prefix of path (1-based), 0 if unknown."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return 0


def dotted(path: Path_) -> str:
    """Human-readable field name: ('facts', 3, 'quote') -> 'facts[3].quote'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


Parsed = tuple["YamlDoc | None", list[Problem]]


def read_yaml(path: Path, limits: FileLimits, earlier: dict[tuple[str, str], Parsed] | None = None,
              parsed: dict[tuple[str, str], Parsed] | None = None) -> Parsed:
    """Parse one file; on failure return the problems instead of raising.

    `earlier` holds a previous load's results by (path, content hash): an unchanged file is not parsed
    again. Every result is also put in `parsed`, for the next load.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return None, [Problem(name, 0, "", f"file is {size} bytes, larger than the {limits.max_bytes}-byte limit")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 0, "", f"cannot read: {exc.strerror}")]
    import hashlib  # here, not at the top: a start from the index cache reads no knowledge file (2 ms of OpenSSL)
    key = (name, hashlib.sha1(raw).hexdigest())
    result = (earlier or {}).get(key) or _parse(name, raw, limits)
    if parsed is not None:
        parsed[key] = result
    return result


def _parse(name: str, raw: bytes, limits: FileLimits) -> Parsed:
    """Decode, check the bounds of, and parse the bytes of one file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    if "\x00" in text:
        return None, [Problem(name, 0, "", "binary file (contains NUL bytes), not YAML")]
    refusal = _out_of_bounds(name, text, limits)
    if refusal is not None:
        return None, [refusal]
    try:
        loader = _Loader(text)  # one parse: the node tree gives lines, constructing it gives the data
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return None, [Problem(name, line, "", f"YAML syntax error: {exc.problem or exc}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 0, "", f"YAML error: {exc}")]
    doc = YamlDoc(name, data)
    problems: list[Problem] = []
    if node is not None:
        _record_lines(node, (), doc, problems)
    return doc, problems


def _out_of_bounds(name: str, text: str, limits: FileLimits) -> Problem | None:
    """Walk the file's parse events (a flat, bounded pass) before building anything from them: refuse anchors
    and aliases (knowledge never needs them; they make alias bombs and self-references), nesting deeper than
    the limit, too many nodes, or a parse that takes too long. None when the file is within bounds."""
    deadline = time.monotonic() + limits.max_seconds
    depth = nodes = 0
    try:
        for n, event in enumerate(yaml.parse(text, Loader=_Loader)):
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return Problem(name, line, "", "YAML anchors and aliases (& and *) are not allowed in knowledge files")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.max_depth:
                    return Problem(name, line, "", f"nested more than {limits.max_depth} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > limits.max_nodes:
                    return Problem(name, line, "", f"more than {limits.max_nodes} values")
            if n % _CHECK_EVERY == 0 and time.monotonic() > deadline:
                return Problem(name, line, "", f"took longer than {limits.max_seconds:g} s to read")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return Problem(name, mark.line + 1 if mark else 0, "", f"YAML syntax error: {exc.problem or exc}")
    except yaml.YAMLError as exc:
        return Problem(name, 0, "", f"YAML error: {exc}")
    return None


def _record_lines(node: yaml.Node, path: Path_, doc: YamlDoc, problems: list[Problem]) -> None:
    """Walk the node tree, noting lines and reporting duplicate keys (PyYAML keeps the last silently)."""
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                problems.append(Problem(doc.file, key_node.start_mark.line + 1, dotted(path + (key,)), "duplicate key"))
            seen.add(key)
            doc.lines[path + (key,)] = key_node.start_mark.line + 1
            _record_lines(value_node, path + (key,), doc, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), doc, problems)
