"""Plain YAML for files people write by hand: no anchors, aliases or tags, each key once, YAML 1.2 types.

PyYAML reads YAML 1.1, where ``007`` is the octal number 7, ``1:30:00`` is the base-60 number 5400,
``no`` is ``False`` and ``2018-11-14`` is a date. A scenario listing site ``007`` would then name site
``7``, and a budget typed as a time would be £5,400. :class:`PlainLoader` resolves plain values by the
YAML 1.2 core schema instead (``true``/``false``, ``null``/``~``, decimal integers and floats), leaves
everything else as text, and refuses what a hand-written file has no use for: anchors and aliases (a
small file cannot expand into a huge one), tags, nesting deeper than :data:`MAX_DEPTH`, and a key given
twice in one mapping (YAML would silently keep the last).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hubplan.data.read_table import shown
from hubplan.errors import Problem

MAX_DEPTH = 20
"""How deep lists and mappings may nest."""

_CORE = [
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]
"""The YAML 1.2 core schema's implicit types: (tag, pattern, first characters)."""


class Refused(yaml.YAMLError):
    """Something YAML allows that a hand-written file may not use, with where it is."""

    def __init__(self, found: str, mark: Any, expected: str) -> None:
        super().__init__(found)
        self.problem = found
        self.problem_mark = mark
        self.expected = expected


class PlainLoader(yaml.SafeLoader):
    """A safe YAML loader with YAML 1.2 core types that refuses anchors, aliases, tags and repeated keys."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        """Compose the next node, refusing anchors, aliases, tags, deep nesting and repeated keys."""
        event = self.peek_event()  # type: ignore[no-untyped-call]
        plain = "plain YAML, each value written out (no anchors or aliases, no tags)"
        if isinstance(event, yaml.AliasEvent):
            raise Refused(f"an alias (*{shown(event.anchor, quoted=False)})", event.start_mark, plain)
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise Refused(f"an anchor (&{shown(anchor, quoted=False)})", event.start_mark, plain)
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise Refused(f"a tag ({shown(tag, quoted=False)})", event.start_mark, plain)
        if self.depth >= MAX_DEPTH:
            raise Refused(f"lists or mappings nested more than {MAX_DEPTH} deep", event.start_mark, plain)
        self.depth += 1
        try:
            node: yaml.Node | None = super().compose_node(parent, index)  # type: ignore[arg-type]
        finally:
            self.depth -= 1
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, _ in node.value:
                text = str(key.value) if isinstance(key, yaml.ScalarNode) else ""
                if text and text in seen:
                    raise Refused(f"the key {shown(text)} again", key.start_mark, "each key once")
                seen.add(text)
        return node

    def construct_yaml_int(self, node: yaml.Node) -> int:
        """Read a decimal integer as written: ``007`` is 7 in base ten (YAML 1.1 read it as octal)."""
        return int(str(node.value), 10)


PlainLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in _CORE:
    PlainLoader.add_implicit_resolver(_tag, _pattern, list(_first))
PlainLoader.add_constructor("tag:yaml.org,2002:int", PlainLoader.construct_yaml_int)


def compose(text: str) -> yaml.Node | None:
    """Compose one YAML document with :class:`PlainLoader`.

    Parameters
    ----------
    text
        The document.

    Returns
    -------
    yaml.Node or None
        Its root node, or ``None`` for an empty document.

    Raises
    ------
    yaml.YAMLError
        When it is not YAML, or uses what :class:`PlainLoader` refuses (:class:`Refused`).
    """
    loader = PlainLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def construct(node: yaml.Node) -> Any:
    """Turn a composed node into Python values (text, numbers, booleans, ``None``, lists, dicts).

    Parameters
    ----------
    node
        A node from :func:`compose`.

    Returns
    -------
    Any
        The value.
    """
    loader = PlainLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(text: str) -> Any:
    """Read one YAML document into Python values (``None`` when empty).

    Parameters
    ----------
    text
        The document.

    Returns
    -------
    Any
        The value.

    Raises
    ------
    yaml.YAMLError
        As :func:`compose`.
    """
    node = compose(text)
    return None if node is None else construct(node)


def yaml_problem(exc: yaml.YAMLError, file: str) -> Problem:
    """Describe a YAML error as a problem with the file and line.

    Parameters
    ----------
    exc
        The error :func:`compose` raised.
    file
        The file's name as problems give it.

    Returns
    -------
    Problem
        ``expected`` says what the file should be; ``found`` what PyYAML or :class:`Refused` saw.
    """
    mark = getattr(exc, "problem_mark", None)
    expected = exc.expected if isinstance(exc, Refused) else "valid YAML"
    found = str(getattr(exc, "problem", None) or exc).removeprefix("found ")
    return Problem(file, mark.line + 1 if mark else None, None, expected, shown(found, quoted=False))
