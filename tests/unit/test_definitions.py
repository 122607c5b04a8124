"""No name is defined twice in one class or module of the product: the later definition silently replaces the
earlier, and pyflakes does not report it for methods (it happened twice in the engine)."""
from __future__ import annotations

import ast
from collections import Counter

from tests.unit.test_layout import sources


def defined_twice(source: str) -> list[str]:
    """The functions, methods and classes a source defines more than once in one body (`name@line`)."""
    twice = []
    for node in ast.walk(ast.parse(source)):
        body = getattr(node, "body", None)
        if not isinstance(body, list):
            continue
        named = [n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 and not any(isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter")
                             for d in n.decorator_list)]  # a property's setter reuses its name
        counts = Counter(n.name for n in named)
        twice += [f"{n.name}@{n.lineno}" for n in named if counts[n.name] > 1]
    return twice


def test_no_class_or_module_defines_a_name_twice():
    found = {path: names for path, source in sources().items() if (names := defined_twice(source))}
    assert not found


def test_the_check_catches_a_method_defined_twice():
    assert defined_twice("class A:\n    def f(self): pass\n    def f(self, x): pass\n") == ["f@2", "f@3"]
    assert defined_twice("class A:\n    @property\n    def f(self): pass\n    @f.setter\n    def f(self, v): pass\n") \
        == []
