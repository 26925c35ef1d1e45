"""Load a dataset file strictly: YAML text -> checked tree -> :class:`~meetgraph.schema.Dataset`.

PyYAML's usual loaders are lenient in ways that lose data silently: a
duplicate key wins last, ``no``/``on``/``010``/``12:30`` become booleans and
numbers (YAML 1.1), aliases can expand to gigabytes when walked, and the C
composer crashes on very deep nesting. This loader walks libyaml's event
stream itself, in one pass, so that:

- only a regular file is read (never a pipe or a device), and only up to the
  size limit, which is checked before reading;
- the input must be UTF-8 (a BOM is allowed);
- there is exactly one document, with no anchors, aliases or explicit tags;
- nesting deeper than the limit stops the walk at once;
- a duplicate key is reported with the lines of both occurrences;
- no key or value holds a control character (an escape such as ``"\\e"``
  would otherwise reach a terminal);
- every scalar stays a string (plain ``null``, ``~`` and empty become
  ``None``) and is typed by the schema;
- schema errors (:mod:`meetgraph.schema`) and integrity errors
  (:mod:`meetgraph.integrity`, which also counts the pairs of actors the
  meetings make, against the limits) are reported together, each as
  ``PATH:LINE:COL: field.path: message``: the first ``max_problems`` of
  them, and how many more there are.

A valid file takes a fast path: its events are walked into a plain tree (no
positions, one string for each repeated key or short value), whose schema and
integrity passes stop at the first problem (:func:`validate_plain`). Anything
wrong sends the file through the located walk above, which says where and
what, so a valid file never pays for positions and the messages are the
same either way.

The limits are a :class:`meetgraph.settings.Limits`.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> ds = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> [a.id for a in ds.actors]
['a', 'b', 'c']
>>> load_dataset_text("meetgraph: 1\\nmeetgraph: 2\\n", "dup.yaml")
Traceback (most recent call last):
...
meetgraph.errors.DatasetError: dup.yaml:2:1: meetgraph: duplicate key 'meetgraph' (first at line 1): keep one of them
"""  # noqa: E501

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Annotated, Any, get_args, get_origin

import yaml
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from meetgraph.bulk import collection_paused
from meetgraph.errors import CONTROL as _CONTROL
from meetgraph.errors import TEXT_CONTROL as _TEXT_CONTROL
from meetgraph.errors import DatasetError, Message, Problem, got, shown, words
from meetgraph.i18n import LANGUAGE_CODE
from meetgraph.integrity import check_integrity, is_consistent
from meetgraph.located import LocatedList, LocatedMap, Mark, field_path, position_of, problem_at
from meetgraph.schema import ONE_LINE, Dataset, class_in
from meetgraph.settings import Limits
from meetgraph.syntax import quotes_hint, syntax_problem

__all__ = [
    "decode_text",
    "load_dataset",
    "load_dataset_text",
    "parse_yaml",
    "read_dataset_file",
    "read_regular_file",
    "validate_plain",
    "validate_tree",
]

_LIMITS = Limits()
_CHUNK = 1024 * 1024

_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def load_dataset(path: str | os.PathLike[str], *, limits: Limits = _LIMITS) -> Dataset:
    """Read and validate the dataset file at ``path``.

    Parameters
    ----------
    path : path-like
        The YAML file. Errors name it as given.
    limits : Limits
        The size, nesting, participants, pairs and problems it may have.

    Returns
    -------
    Dataset

    Raises
    ------
    DatasetError
        With the problems found, including an unreadable file or one that is
        not a regular file.
    """
    name = os.fspath(path)
    return load_dataset_text(read_dataset_file(path, name, limits.max_bytes), name, limits=limits)


def read_dataset_file(path: str | os.PathLike[str], name: str, max_bytes: int) -> bytes:
    """:func:`read_regular_file`, an error of the system said as a located problem."""
    try:
        return read_regular_file(path, name, max_bytes)
    except OSError as error:
        reason = words("cannot_read", reason=error.strerror)
        raise DatasetError([Problem.of(name, 1, 1, "", reason)]) from None


def read_regular_file(path: str | os.PathLike[str], name: str, max_bytes: int) -> bytes:
    """The file's bytes, read in chunks; a pipe, device or folder is refused unread."""
    # Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
        os.close(fd)
        if status.st_size > max_bytes and stat.S_ISREG(status.st_mode):
            raise DatasetError([_too_large(name, max_bytes)])
        kind = _FILE_KINDS.get(stat.S_IFMT(status.st_mode), "device")
        raise DatasetError([Problem.of(name, 1, 1, "", words(kind))])
    with os.fdopen(fd, "rb", buffering=0) as handle:
        chunks, size = [], 0
        # The size fstat gave, and a byte more, in one read: one chunk is joined without a
        # copy. A file that grows meanwhile is read on in chunks, up to the cap.
        wanted = status.st_size + 1
        while size <= max_bytes:
            chunk = handle.read(min(max(_CHUNK, wanted - size), max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


# The words for what is not a regular file; a socket cannot even be opened, and other
# kinds (block devices, and whatever else a system has) are "a device" to a reporter.
_FILE_KINDS = {stat.S_IFDIR: "folder", stat.S_IFIFO: "named_pipe"}


def _too_large(name: str, max_bytes: int) -> Problem:
    return Problem.of(name, 1, 1, "", words("too_large", limit=max_bytes))


def load_dataset_text(text: str | bytes, name: str, *, limits: Limits = _LIMITS) -> Dataset:
    """Validate a dataset given as text or bytes; ``name`` is used in error messages.

    A valid file is walked once into a plain tree, without positions, and
    validated there (:func:`validate_plain`). Anything wrong at all, whether in
    the YAML, the schema or the cross references, sends the text through the
    located walk (:func:`parse_yaml`, :func:`validate_tree`) that names where
    each problem stands; so the messages are the same either way, and a valid
    file never pays for the positions.

    Raises
    ------
    DatasetError
        With the first ``limits.max_problems`` problems found, and the count of all.
    """
    with collection_paused():
        data = _utf8(text, name, limits)
        dataset = _fast_load(data, limits)
        if dataset is not None:
            return dataset
        decoded = data.decode("utf-8")
        tree = _TreeBuilder(name, limits, _may_hold_controls(decoded)).build(decoded)
        return validate_tree(tree, name, limits=limits)


def _utf8(text: str | bytes, name: str, limits: Limits) -> bytes:
    """The file's bytes within the size limit, checked to be UTF-8, without a BOM."""
    # A lone surrogate in a str is reported like any other invalid UTF-8, not raised.
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) > limits.max_bytes:
        raise DatasetError([_too_large(name, limits.max_bytes)])
    decode_text(data, name)  # only to check: the fast path parses the bytes themselves
    return data.removeprefix(codecs.BOM_UTF8)


def _fast_load(data: bytes, limits: Limits) -> Dataset | None:
    """The dataset of a valid file's UTF-8 ``data``, or None when anything is wrong (or may be)."""
    check_controls = _MAY_HOLD_CONTROLS_UTF8.search(data) is not None
    tree = _plain_tree(data, limits, check_controls)
    return None if tree is None else validate_plain(tree, limits=limits)


def validate_plain(tree: dict[str, Any], *, limits: Limits = _LIMITS) -> Dataset | None:
    """The dataset a plain tree holds, or None if it has any problem at all.

    The fast half of :func:`validate_tree`, for a document read from any format
    without positions: the same schema and integrity passes, which stop at the
    first problem. The caller then reads the file again into a located tree,
    whose problems name their lines (:func:`validate_tree`). So it never says
    why; it is the happy path of a loader.

    Parameters
    ----------
    tree : dict
        The document: dicts with string keys, lists, strings and ``None``, as a
        file reader builds them. Rules of the file format itself (duplicate
        keys, control characters, nesting depth) are the reader's to enforce.
    limits : Limits
        Participants and pairs of actors (the number of problems plays no part).

    Returns
    -------
    Dataset or None

    Examples
    --------
    >>> import json
    >>> from meetgraph.examples import EXAMPLE_YAML
    >>> tree = parse_yaml(EXAMPLE_YAML, "example.yaml")
    >>> plain = json.loads(json.dumps(tree))  # the same document, without positions
    >>> [actor.id for actor in validate_plain(plain).actors]
    ['a', 'b', 'c']
    >>> plain["meetings"][0]["participants"] = ["a", "nobody"]
    >>> validate_plain(plain) is None
    True
    """
    if not isinstance(tree, dict):
        return None
    with collection_paused():
        if not is_consistent(tree, limits):
            return None
        sections = {}
        for section, adapter in _section_adapters().items():
            items = tree.get(section)
            if isinstance(items, list):
                try:
                    sections[section] = adapter.validate_python(items)
                except ValidationError:
                    return None
        try:
            return _sharing_field_sets(Dataset.model_validate({**tree, **sections}))
        except ValidationError:
            return None


def _sharing_field_sets(dataset: Dataset) -> Dataset:
    """``dataset``, its models made to share their sets of the fields given.

    pydantic gives every model its own set of the names of the fields a file
    gave (728 bytes for a meeting): half the memory of a dataset's models,
    and 0.5 GB at 500,000 meetings, for sets that are nearly all equal. The
    models are frozen, so no set is ever changed; each is replaced by the
    first equal one. The models are visited field by field, a list at a time.
    """
    kept: list[set[str]] = []
    level: list[BaseModel] = [dataset]
    setter = object.__setattr__
    while level:
        for model in level:
            given = model.__pydantic_fields_set__
            for candidate in kept:
                if candidate == given:
                    setter(model, "__pydantic_fields_set__", candidate)
                    break
            else:
                kept.append(given)
        below: list[BaseModel] = []
        for kind in {type(model) for model in level}:
            for name in _model_fields(kind):
                for model in level:
                    value = model.__dict__.get(name) if type(model) is kind else None
                    if isinstance(value, list):
                        below.extend(item for item in value if isinstance(item, BaseModel))
                    elif isinstance(value, BaseModel):
                        below.append(value)
        level = below
    return dataset


@cache
def _model_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that hold models (or lists of them)."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if class_in(info.annotation, BaseModel) is not None
    )


@cache
def _section_adapters() -> dict[str, TypeAdapter[list[Any]]]:
    """A validator of each list section that stops at its first bad item.

    A million bad items then cost one error, not a million, before the located
    walk counts them.
    """
    adapters: dict[str, TypeAdapter[list[Any]]] = {}
    for section, model in _SECTIONS.items():
        items: Any = Annotated[list[model], Field(fail_fast=True)]  # type: ignore[valid-type]
        adapters[section] = TypeAdapter(items)
    return adapters


def validate_tree(
    tree: LocatedMap,
    name: str,
    *,
    limits: Limits = _LIMITS,
    problems: Iterable[Problem] = (),
) -> Dataset:
    """The dataset a located tree holds, after the schema and integrity passes.

    This is the second half of :func:`load_dataset_text`, for trees built from
    other files (a spreadsheet's tables, :mod:`meetgraph.sheets`): scalars are
    strings or ``None``, and the marks name where each value stands.

    Parameters
    ----------
    tree : LocatedMap
        The document, as :func:`parse_yaml` gives it.
    name : str
        The file, for error messages.
    limits : Limits
        Participants, pairs and the number of problems reported.
    problems : iterable of Problem
        Problems found already while building the tree, reported with the others.

    Raises
    ------
    DatasetError
        With the first ``limits.max_problems`` problems found, and the count of all.

    Examples
    --------
    >>> validate_tree(parse_yaml("meetgraph: 1\\n", "x.yaml"), "x.yaml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    meetgraph.errors.DatasetError: x.yaml:1:1: actors: required field is missing
    x.yaml:1:1: dataset: required field is missing
    ...
    """
    with collection_paused():
        found = _Problems(limits.max_problems)
        found.extend(problems)
        found.extend(check_integrity(tree, name, limits))
        dataset = _validate(tree, name, found)
    if found.total or dataset is None:
        raise DatasetError(found.kept, found.total)
    return dataset


class _Problems:
    """The first ``limit`` problems, and the count of all of them."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: list[Problem] = []
        self.total = 0

    @property
    def full(self) -> bool:
        return len(self.kept) >= self.limit

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.total += 1
            if not self.full:
                self.kept.append(problem)

    def count(self, more: int) -> None:
        self.total += more


def parse_yaml(text: str | bytes, name: str, *, limits: Limits = _LIMITS) -> LocatedMap:
    """Parse strictly into a tree of mappings, lists, strings and ``None``.

    The mappings and lists remember where each value stands in the file (see
    :mod:`meetgraph.located`).

    >>> tree = parse_yaml("a: no\\nb: [010, '12:30']\\n", "x.yaml")
    >>> tree
    {'a': 'no', 'b': ['010', '12:30']}
    >>> parse_yaml("a: &x 1\\nb: *x\\n", "x.yaml")
    Traceback (most recent call last):
    ...
    meetgraph.errors.DatasetError: x.yaml:1:4: a: anchors (&x) are not allowed: remove &x
    x.yaml:2:4: b: aliases (*x) are not allowed: write the value itself
    >>> parse_yaml('name: "Sam \\\\e[31mRED"\\n', "x.yaml")
    Traceback (most recent call last):
    ...
    meetgraph.errors.DatasetError: x.yaml:1:7: name: holds the control character '\\x1b', which text cannot hold: remove it
    """  # noqa: E501
    decoded = _utf8(text, name, limits).decode("utf-8")
    return _TreeBuilder(name, limits, _may_hold_controls(decoded)).build(decoded)


# Raw characters YAML lets through that are controls all the same (C1, separators, bidi).
_RAW_CONTROL = re.compile("[\x80-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# The same, and the escapes' backslash and the tab, in UTF-8: a valid file is not searched as text.
_MAY_HOLD_CONTROLS_UTF8 = re.compile(
    rb"[\\\t]|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]"
)


def _may_hold_controls(text: str) -> bool:
    """Whether a scalar of ``text`` can hold a control character at all (mostly not)."""
    # Other controls cannot stand raw in YAML: only an escape can make them (or a raw tab).
    return "\\" in text or "\t" in text or _RAW_CONTROL.search(text) is not None


def decode_text(data: bytes, name: str) -> str:
    """A file's bytes as text: UTF-8, a BOM dropped; else a located problem ("save as UTF-8")."""
    # Strip the BOM first: the error offsets of the utf-8-sig codec do not count it.
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(body[: error.start].decode("utf-8"))
        byte = body[error.start]
        message = words("not_utf8", byte=f"{byte:02x}")
        raise DatasetError([Problem.of(name, line, column, "", message)]) from None


class _Refused(Exception):
    """The fast walk met something the located walk reports (its words are the located walk's)."""


_NO_KEY = object()  # a mapping waiting for its next key, not for a value
_SHARED_LENGTH = 40  # longer values are prose, seldom repeated


def _plain_tree(data: bytes, limits: Limits, check_controls: bool) -> dict[str, Any] | None:
    """The document as dicts, lists, strings and ``None``; None if the located walk would object.

    The happy path of :func:`load_dataset_text`: the same strict rules as
    :class:`_TreeBuilder` (one document, no anchors, aliases, tags, duplicate
    or complex keys, control characters, nesting within the limit, a mapping
    at the top), but no positions, and no words for what breaks them: the
    located walk says those. ``check_controls`` asks for every scalar to be
    searched for control characters (the caller knows when none can be there).
    """
    try:
        return _plain_walk(data, limits.max_depth, check_controls)
    except (_Refused, yaml.YAMLError):
        return None


def _plain_walk(data: bytes, max_depth: int, check_controls: bool) -> dict[str, Any] | None:
    """The loop of :func:`_plain_tree`; a broken rule raises :class:`_Refused`."""
    parser = _PARSER(data)
    get_event = parser.get_event
    # One string for each key, and each short value, however often they stand in the file:
    # the tree, the models and the graph then share them (a large file repeats most).
    shared: dict[str, str] = {}
    share = shared.setdefault
    # The open containers' parents: the container, whether it is a mapping, its pending key.
    stack: list[tuple[Any, bool, Any]] = []
    root: list[Any] = []
    container: Any = root
    is_map, key = False, _NO_KEY
    documents = 0
    # An anchor needs an &, an alias a *, a tag a !: a file without them needs no look.
    check_marks = any(mark in data for mark in (b"&", b"*", b"!"))
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                if check_marks and (event.anchor is not None or event.tag is not None):
                    raise _Refused
                value = event.value
                if is_map and key is _NO_KEY:
                    if value in container or (check_controls and _CONTROL.search(value)):
                        raise _Refused
                    key = share(value, value)
                    continue
                if check_controls and _TEXT_CONTROL.search(value):
                    raise _Refused
                if not event.style and value in _NULLS:
                    value = None
                elif len(value) <= _SHARED_LENGTH:
                    value = share(value, value)
                if is_map:
                    container[key] = value
                    key = _NO_KEY
                else:
                    container.append(value)
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or event.tag is not None:
                    raise _Refused
                if (is_map and key is _NO_KEY) or len(stack) >= max_depth:
                    raise _Refused
                stack.append((container, is_map, key))
                is_map = kind is _MAPPING_START
                container, key = ({} if is_map else []), _NO_KEY
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                value = container
                container, is_map, key = stack.pop()
                if is_map:
                    container[key] = value
                    key = _NO_KEY
                else:
                    container.append(value)
            elif kind is yaml.StreamEndEvent:
                break
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused
            elif kind is yaml.AliasEvent:
                raise _Refused
    finally:
        parser.dispose()
    return root[0] if root and isinstance(root[0], dict) else None


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
    """Turns libyaml events into a located tree, collecting its structural problems.

    ``check_controls`` asks for every key and value to be searched for control
    characters; the caller knows when none can be there (no escape in the text).
    """

    def __init__(self, name: str, limits: Limits, check_controls: bool) -> None:
        self.name = name
        self.max_depth = limits.max_depth
        self.found = _Problems(limits.max_problems)
        self.check_controls = check_controls
        self.stack: list[_Frame] = []
        self.root: list[Any] = []

    def build(self, text: str) -> LocatedMap:
        try:
            self._walk(text)
        except yaml.MarkedYAMLError as error:
            self.found.extend([syntax_problem(error, text, self.name)])
        except yaml.reader.ReaderError as error:
            # libyaml counts bytes of UTF-8, PyYAML's own reader counts characters.
            if _PARSER is yaml.SafeLoader:
                before = text[: error.position]
            else:
                before = text.encode("utf-8")[: error.position].decode("utf-8")
            line, column = _line_column(before)
            message = words("control_raw", code=f"{error.character:04X}")
            self.found.extend([Problem.of(self.name, line, column, "", message)])
        except yaml.YAMLError:
            self.found.extend([Problem.of(self.name, 1, 1, "", words("yaml_syntax"))])
        if self.found.total:
            raise DatasetError(self.found.kept, self.found.total)
        if not self.root or self.root[0] is None:
            raise DatasetError([Problem.of(self.name, 1, 1, "", words("empty"))])
        if not isinstance(self.root[0], LocatedMap):
            top = Problem.of(self.name, 1, 1, "", words("top_level"), got(self.root[0]))
            raise DatasetError([top])
        return self.root[0]

    def _walk(self, text: str) -> None:
        documents = 0
        stack = self.stack
        check = self.check_controls
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
                    if frame.is_map and frame.key is None:
                        self._key(event, start)
                        continue
                    if check and _TEXT_CONTROL.search(value):
                        self._control(event, value, _TEXT_CONTROL)
                    if frame.is_map:
                        key = frame.key
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
                        self._problem(event, "", words("two_documents"))
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
            self._problem(event, self._where(), words("alias", alias=f"*{event.anchor}"))
            self._attach(None, start)
            return True
        if event.anchor is not None:
            self._problem(event, self._where(), words("anchor", anchor=f"&{event.anchor}"))
        tag = getattr(event, "tag", None)
        if tag is not None:
            self._problem(event, self._where(), words("tag", tag=_short_tag(tag)))
        if isinstance(event, yaml.ScalarEvent):
            if stack and stack[-1].wants_key:
                self._key(event, start)
            else:
                if self.check_controls and _TEXT_CONTROL.search(event.value):
                    self._control(event, event.value, _TEXT_CONTROL)
                plain = event.style in (None, "")
                self._attach(None if plain and event.value in _NULLS else event.value, start)
            return True
        if stack and stack[-1].wants_key:
            self._problem(event, field_path(f.slot() for f in stack[:-1]), words("complex_key"))
            return False
        if len(stack) >= self.max_depth:
            self._problem(event, self._where(), words("too_deep", limit=self.max_depth))
            return False
        container: LocatedMap | LocatedList
        if isinstance(event, yaml.MappingStartEvent):
            container = LocatedMap()
            container.flow = bool(event.flow_style)
        else:
            container = LocatedList()
        container.start = start
        stack.append(_Frame(container))
        return True

    def _where(self) -> str:
        """The field path of the value being read, computed only for a problem."""
        return field_path(frame.slot() for frame in self.stack)

    def _key(self, event: yaml.ScalarEvent, start: Mark) -> None:
        # A key is never prose: a tab or a line break in it is refused too.
        if self.check_controls and _CONTROL.search(event.value):
            self._control(event, event.value, _CONTROL)
        frame = self.stack[-1]
        marks = frame.container.key_marks if isinstance(frame.container, LocatedMap) else {}
        key = event.value
        if key in marks:
            first = position_of(marks[key])[0]
            where = field_path([*(f.slot() for f in self.stack[:-1]), key])
            message = words("duplicate_key", key=shown(key), line=first)
            self.found.extend([Problem.of(self.name, *position_of(start), where, message)])
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

    def _problem(self, event: yaml.Event, where: str, message: Message) -> None:
        self.found.extend([Problem.of(self.name, *_position(event), where, message)])

    def _control(self, event: yaml.ScalarEvent, text: str, controls: re.Pattern[str]) -> None:
        match = controls.search(text)
        assert match is not None  # called on a match
        message = words("control", character=shown(match.group()))
        stack = self.stack
        if stack and stack[-1].wants_key:  # the key itself
            where = field_path([*(f.slot() for f in stack[:-1]), text])
        else:
            where = self._where()
        self._problem(event, where, message)


def _line_column(before: str) -> tuple[int, int]:
    """1-based line and column of the character that follows ``before``."""
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org") else tag


# The words for what a constrained string must be, keyed by its pattern.
_PATTERN_WORDS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "id",
    r"^[A-Z]{2}$": "country_code",
    r"^#[0-9a-fA-F]{6}$": "colour",
    LANGUAGE_CODE: "language_code",
    r"^https?://\S+$": "web_address",
    r"^(?:[01]\d|2[0-3]):[0-5]\d$|^(?:morning|afternoon|evening|night)$": "time",
    ONE_LINE: "one_line",
}

# The words for each error type of pydantic the models can raise, and the limit of its context.
_TYPE_WORDS = {
    "missing": ("missing", None),
    "extra_forbidden": ("unknown_field", None),
    "string_type": ("text", None),
    "string_too_short": ("empty_text", None),
    "string_too_long": ("too_long_text", "max_length"),
    "dict_type": ("texts", None),
    "model_type": ("key_values", None),
    "list_type": ("list", None),
    "too_short": ("too_few", "min_length"),
    "greater_than_equal": ("at_least", "ge"),
    "less_than_equal": ("at_most", "le"),
    "int_type": ("whole_number", None),
    "datetime_type": ("date_time", None),
}
# The schema's own validators name their words as their error type (see meetgraph.schema).
_OWN_WORDS = frozenset(
    {
        "country_unassigned",
        "country_instead",
        "whole_number",
        "date",
        "real_date",
        "date_time",
        "real_date_time",
    }
)

# Each list section of a dataset and the model of its items, from the schema.
_SECTIONS = {
    name: get_args(info.annotation)[0]
    for name, info in Dataset.model_fields.items()
    if get_origin(info.annotation) is list and hasattr(get_args(info.annotation)[0], "model_fields")
}


def _validate(tree: LocatedMap, name: str, found: _Problems) -> Dataset | None:
    """The dataset, or None with its schema problems added to ``found``.

    The items of each list section are validated one by one, so that a file of
    a million bad items costs a count, not a million messages, past the limit.
    """
    sections: dict[str, list[Any]] = {}
    failed: set[str] = set()
    for section, model in _SECTIONS.items():
        items = tree.get(section)
        if not isinstance(items, LocatedList):
            continue  # not a list: the whole document's validation says so
        valid = []
        for index, item in enumerate(items):
            try:
                valid.append(model.model_validate(item))
            except ValidationError as error:
                failed.add(section)
                if found.full:
                    found.count(error.error_count())
                else:
                    found.extend(_schema_problems(error, tree, name, (section, index)))
        sections[section] = valid
    document = {k: v for k, v in tree.items() if k not in failed}
    document.update((k, v) for k, v in sections.items() if k not in failed)
    try:
        dataset = Dataset.model_validate(document)
    except ValidationError as error:
        problems = _schema_problems(error, tree, name, ())
        # A section left out for its bad items is not "missing".
        found.extend(p for p in problems if p.field.split("[")[0] not in failed)
        return None
    return None if failed or dataset is None else _sharing_field_sets(dataset)


def _schema_problems(
    error: ValidationError, tree: LocatedMap, name: str, prefix: tuple[str | int, ...]
) -> Iterator[Problem]:
    items = []
    for item in error.errors(include_url=False):
        loc = (*prefix, *item["loc"])
        # pydantic names a bad mapping key (a language code) as (..., key, "[key]").
        is_key = item["type"] == "extra_forbidden" or loc[-1:] == ("[key]",)
        items.append((loc[:-1] if loc[-1:] == ("[key]",) else loc, is_key, item))
    # A key that a comma split off a value: one problem with a hint, whatever else is said of it.
    hints = {loc: _comma_split(tree, loc) for loc, is_key, _ in items if is_key}
    said = set()
    for loc, is_key, item in items:
        hint = hints.get(loc)
        if hint is None:
            yield problem_at(tree, name, loc, *_message(item), key=is_key)
        elif loc not in said:
            said.add(loc)
            yield problem_at(tree, name, loc, words("comma"), hint, key=True)


def _comma_split(tree: LocatedMap, loc: tuple[str | int, ...]) -> Message | None:
    """The hint to quote a value that a comma cut in two, if the key at ``loc`` is its second half.

    In ``{en: Seoul, June 2025}`` the comma ends the value ``Seoul`` and makes
    ``June 2025`` a key without a value.
    """
    parent: Any = tree
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    key = loc[-1] if loc else None
    if not isinstance(parent, LocatedMap) or not parent.flow or not isinstance(key, str):
        return None
    if key not in parent:
        return None
    keys = list(parent)
    index = keys.index(key)
    if parent[key] is not None or index == 0 or not isinstance(parent[keys[index - 1]], str):
        return None
    before = keys[index - 1]
    return quotes_hint(before, f"{parent[before]}, {key}")


def _message(item: Any) -> tuple[Message, ...]:
    """One schema error in words, with the value it refused (short and escaped)."""
    kind, context = item["type"], item.get("ctx") or {}
    value = item.get("input")
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERN_WORDS:
        message = words(_PATTERN_WORDS[context["pattern"]])
    elif kind == "enum":
        # The choices are the words of the file format, written as they are typed.
        *options, last = re.findall(r"'[^']*'", context.get("expected", "")) or ["''"]
        message = words("one_of", options=", ".join(options), last=last)
    elif kind in _OWN_WORDS:
        message = words(kind, **context)
    elif kind in _TYPE_WORDS:
        key, limit = _TYPE_WORDS[kind]
        message = words(key, limit=context[limit]) if limit else words(key)
    else:
        message = words("invalid")  # no input reaches this: tests drive every type
    if kind in ("missing", "extra_forbidden"):
        return (message,)
    if kind == "string_too_long" and isinstance(value, str):
        return (message, words("got_characters", count=len(value)))
    if kind == "too_short" and isinstance(value, list | dict):
        return (message, words("got_items", count=len(value)))
    return (message, got(value))
