"""Read YAML files keeping the line of every key and item, so errors can point at them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[Any, ...]


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


def read_yaml(path: Path, max_bytes: int, earlier: dict[tuple[str, str], Parsed] | None = None,
              parsed: dict[tuple[str, str], Parsed] | None = None) -> Parsed:
    """Parse one file; on failure return the problems instead of raising.

    `earlier` holds a previous load's results by (path, content hash): an unchanged file is not parsed
    again. Every result is also put in `parsed`, for the next load.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [Problem(name, 0, "", f"file is {size} bytes, larger than the {max_bytes}-byte limit")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 0, "", f"cannot read: {exc.strerror}")]
    key = (name, hashlib.sha1(raw).hexdigest())
    result = (earlier or {}).get(key) or _parse(name, raw)
    if parsed is not None:
        parsed[key] = result
    return result


def _parse(name: str, raw: bytes) -> Parsed:
    """Decode and parse the bytes of one file."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 0, "", f"not UTF-8 text ({exc.reason} at byte {exc.start})")]
    if "\x00" in text:
        return None, [Problem(name, 0, "", "binary file (contains NUL bytes), not YAML")]
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
