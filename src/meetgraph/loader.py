"""Load a dataset file strictly: YAML text -> checked tree -> :class:`~meetgraph.schema.Dataset`.

PyYAML's usual loaders are lenient in ways that lose data silently: a
duplicate key wins last, ``no``/``on``/``010``/``12:30`` become booleans and
numbers (YAML 1.1), aliases can expand to gigabytes when walked, and the C
composer crashes on very deep nesting. This loader walks libyaml's event
stream itself, in one pass, so that:

- the input must be UTF-8 (a BOM is allowed) and at most ``max_bytes`` long;
- there is exactly one document, with no anchors, aliases or explicit tags;
- nesting deeper than ``max_depth`` stops the walk at once;
- a duplicate key is reported with the lines of both occurrences;
- every scalar stays a string (plain ``null``, ``~`` and empty become
  ``None``) and is typed by the schema;
- schema errors (:mod:`meetgraph.schema`) and integrity errors
  (:mod:`meetgraph.integrity`) are reported together, each as
  ``PATH:LINE:COL: field.path: message``.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> ds = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> [a.id for a in ds.actors]
['a', 'b', 'c']
>>> load_dataset_text("meetgraph: 1\\nmeetgraph: 2\\n", "dup.yaml")
Traceback (most recent call last):
...
meetgraph.errors.DatasetError: dup.yaml:2:1: meetgraph: duplicate key 'meetgraph' (first at line 1)
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from meetgraph.bulk import collection_paused
from meetgraph.errors import DatasetError, Problem
from meetgraph.i18n import LANGUAGE_CODE
from meetgraph.integrity import check_integrity
from meetgraph.located import LocatedList, LocatedMap, Mark, field_path, locate, position_of
from meetgraph.schema import Dataset

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "load_dataset",
    "load_dataset_text",
    "parse_yaml",
]

#: Default size cap for files named on the command line (the app uses a smaller one).
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Deeper nesting than any valid dataset needs; stops hostile input early.
DEFAULT_MAX_DEPTH = 32

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SCALAR = yaml.ScalarEvent


def load_dataset(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Dataset:
    """Read and validate the dataset file at ``path``.

    Parameters
    ----------
    path : path-like
        The YAML file. Errors name it as given.
    max_bytes : int
        Files larger than this are refused before they are read whole.
    max_depth : int
        Maximum nesting of mappings and sequences.

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        With every problem found, including an unreadable file.
    """
    name = os.fspath(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DatasetError([Problem(name, 1, 1, "", f"cannot read: {error.strerror}")]) from None
    return load_dataset_text(data, name, max_bytes=max_bytes, max_depth=max_depth)


def load_dataset_text(
    text: str | bytes,
    name: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Dataset:
    """Validate a dataset given as text or bytes; ``name`` is used in error messages.

    Raises
    ------
    DatasetError
        With every problem found.
    """
    with collection_paused():
        tree = parse_yaml(text, name, max_bytes=max_bytes, max_depth=max_depth)
        problems = list(check_integrity(tree, name))
        try:
            dataset = Dataset.model_validate(tree)
        except ValidationError as error:
            problems.extend(_schema_problems(error, tree, name))
            raise DatasetError(problems) from None
    if problems:
        raise DatasetError(problems)
    return dataset


def parse_yaml(
    text: str | bytes,
    name: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> LocatedMap:
    """Parse strictly into a tree of mappings, lists, strings and ``None``.

    The mappings and lists remember where each value stands in the file (see
    :mod:`meetgraph.located`).

    >>> tree = parse_yaml("a: no\\nb: [010, '12:30']\\n", "x.yaml")
    >>> tree
    {'a': 'no', 'b': ['010', '12:30']}
    >>> parse_yaml("a: &x 1\\nb: *x\\n", "x.yaml")
    Traceback (most recent call last):
    ...
    meetgraph.errors.DatasetError: x.yaml:1:4: a: anchors (&x) are not allowed
    x.yaml:2:4: b: aliases (*x) are not allowed
    """
    # A lone surrogate in a str is reported like any other invalid UTF-8, not raised.
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) > max_bytes:
        raise DatasetError(
            [Problem(name, 1, 1, "", f"file is larger than the limit of {max_bytes:,} bytes")]
        )
    decoded = _decode(data, name)
    return _TreeBuilder(name, max_depth).build(decoded)


def _decode(data: bytes, name: str) -> str:
    # Strip the BOM first: the error offsets of the utf-8-sig codec do not count it.
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(body[: error.start].decode("utf-8"))
        byte = body[error.start]
        raise DatasetError(
            [Problem(name, line, column, "", f"not valid UTF-8 (byte 0x{byte:02x})")]
        ) from None


class _Frame:
    """An open mapping or list, and for a mapping the key whose value is being read."""

    __slots__ = ("container", "is_map", "key")

    def __init__(self, container: LocatedMap | LocatedList) -> None:
        self.container = container
        self.is_map = isinstance(container, LocatedMap)
        self.key: str | None = None

    @property
    def wants_key(self) -> bool:
        return self.is_map and self.key is None

    def slot(self) -> str | int:
        """Where the next value goes: the pending key, or the next index."""
        if isinstance(self.container, LocatedList):
            return len(self.container)
        return self.key if self.key is not None else "?"


class _TreeBuilder:
    """Turns libyaml events into a located tree, collecting every structural problem."""

    def __init__(self, name: str, max_depth: int) -> None:
        self.name = name
        self.max_depth = max_depth
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: list[Any] = []

    def build(self, text: str) -> LocatedMap:
        try:
            self._walk(text)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = error.problem or error.context or "invalid YAML"
            self.problems.append(Problem(self.name, line, column, "", f"invalid YAML: {message}"))
        except yaml.reader.ReaderError as error:
            # libyaml counts bytes of UTF-8, PyYAML's own reader counts characters.
            if _PARSER is yaml.SafeLoader:
                before = text[: error.position]
            else:
                before = text.encode("utf-8")[: error.position].decode("utf-8")
            line, column = _line_column(before)
            message = f"character U+{error.character:04X} is not allowed in YAML"
            self.problems.append(Problem(self.name, line, column, "", message))
        except yaml.YAMLError as error:
            self.problems.append(Problem(self.name, 1, 1, "", f"invalid YAML: {error}"))
        if self.problems:
            raise DatasetError(self.problems)
        if not self.root or self.root[0] is None:
            raise DatasetError([Problem(self.name, 1, 1, "", "the file holds no data")])
        if not isinstance(self.root[0], LocatedMap):
            raise DatasetError(
                [Problem(self.name, 1, 1, "", "expected a mapping (key: value) at the top level")]
            )
        return self.root[0]

    def _walk(self, text: str) -> None:
        documents = 0
        stack = self.stack
        parser = _PARSER(text)
        try:
            while parser.check_event():
                event = parser.get_event()
                kind = type(event)
                plain = event.anchor is None and event.tag is None if kind is _SCALAR else False
                if plain and stack:
                    # The hot path, inlined: a large file is mostly plain scalars in containers.
                    start = event.start_mark
                    frame = stack[-1]
                    container: Any = frame.container  # a mapping exactly when frame.is_map
                    value = event.value
                    if frame.is_map:
                        key = frame.key
                        if key is None:
                            self._key(event, start)
                            continue
                        frame.key = None
                        if not event.style and value in _NULLS:
                            value = None
                        # A duplicate key keeps its first value; the problem is already reported.
                        if key not in container:
                            container[key] = value
                            container.marks[key] = start
                        continue
                    if not event.style and value in _NULLS:
                        value = None
                    container.append(value)
                    container.marks.append(start)
                elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    frame = stack.pop()
                    self._attach(frame.container, frame.container.start)
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        self._problem(event, "", "only one YAML document is allowed")
                        return
                elif isinstance(event, yaml.NodeEvent) and not self._node(event):
                    return
        finally:
            parser.dispose()

    def _node(self, event: yaml.NodeEvent) -> bool:
        """Handle one node event; False stops the walk."""
        start = event.start_mark
        stack = self.stack
        if isinstance(event, yaml.AliasEvent):
            self._problem(event, self._where(), f"aliases (*{event.anchor}) are not allowed")
            self._attach(None, start)
            return True
        if event.anchor is not None:
            self._problem(event, self._where(), f"anchors (&{event.anchor}) are not allowed")
        tag = getattr(event, "tag", None)
        if tag is not None:
            message = f"explicit tags ({_short_tag(tag)}) are not allowed"
            self._problem(event, self._where(), message)
        if isinstance(event, yaml.ScalarEvent):
            if stack and stack[-1].wants_key:
                self._key(event, start)
            else:
                plain = event.style in (None, "")
                self._attach(None if plain and event.value in _NULLS else event.value, start)
            return True
        if stack and stack[-1].wants_key:
            self._problem(event, field_path(f.slot() for f in stack[:-1]), _COMPLEX_KEY)
            return False
        if len(stack) >= self.max_depth:
            self._problem(event, self._where(), f"nested deeper than {self.max_depth} levels")
            return False
        container = LocatedMap() if isinstance(event, yaml.MappingStartEvent) else LocatedList()
        container.start = start
        stack.append(_Frame(container))
        return True

    def _where(self) -> str:
        """The field path of the value being read, computed only for a problem."""
        return field_path(frame.slot() for frame in self.stack)

    def _key(self, event: yaml.ScalarEvent, start: Mark) -> None:
        frame = self.stack[-1]
        marks = frame.container.key_marks if isinstance(frame.container, LocatedMap) else {}
        key = event.value
        if key in marks:
            first = position_of(marks[key])[0]
            where = field_path([*(f.slot() for f in self.stack[:-1]), key])
            message = f"duplicate key {key!r} (first at line {first})"
            self.problems.append(Problem(self.name, *position_of(start), where, message))
        else:
            marks[key] = start
        frame.key = key

    def _attach(self, value: Any, start: Mark) -> None:
        if not self.stack:
            self.root.append(value)
            return
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, LocatedList):
            container.append(value)
            container.marks.append(start)
            return
        key = frame.key
        frame.key = None
        # A duplicate key keeps its first value; the problem is already reported.
        if key is not None and key not in container:
            container[key] = value
            container.marks[key] = start

    def _problem(self, event: yaml.Event, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, *_position(event), where, message))


_COMPLEX_KEY = "keys must be plain strings, not mappings or lists"


def _line_column(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows ``before``."""
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


# Friendlier words for the constrained strings of the schema, keyed by their pattern.
_PATTERN_MESSAGES = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "must be an id of lower-case letters, digits and single hyphens",
    r"^[A-Z]{2}$": "must be an ISO 3166-1 alpha-2 country code such as KR",
    r"^#[0-9a-fA-F]{6}$": "must be a colour such as #1f77b4",
    LANGUAGE_CODE: "must be a language code such as ko or pt-BR",
    r"^https?://\S+$": "must be an http(s) URL",
    r"^(?:[01]\d|2[0-3]):[0-5]\d$|^(?:morning|afternoon|evening|night)$": (
        "must be a time HH:MM (24 h) or morning, afternoon, evening or night"
    ),
}


def _schema_problems(error: ValidationError, tree: LocatedMap, name: str) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        # pydantic names a bad mapping key (a language code) as (..., key, "[key]").
        is_key = item["type"] == "extra_forbidden" or loc[-1:] == ("[key]",)
        loc = loc[:-1] if loc[-1:] == ("[key]",) else loc
        line, column = locate(tree, loc, key=is_key)
        yield Problem(name, line, column, field_path(loc), _message(item, tree, loc))


def _message(item: Any, tree: LocatedMap, loc: tuple[str | int, ...]) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        pattern = item.get("ctx", {}).get("pattern", "")
        if pattern in _PATTERN_MESSAGES:
            return f"{_PATTERN_MESSAGES[pattern]}, not {item['input']!r}"
    message = str(item["msg"])
    if kind in {"enum", "literal_error"} and "input" in item:
        return f"{message}, not {item['input']!r}"
    parsing = kind.endswith(("_parsing", "_type", "_from_datetime"))
    if isinstance(item.get("input"), str) and parsing:
        return f"{message}, not {item['input']!r}"
    return message
