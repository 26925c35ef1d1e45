"""Datasets written as JSON: the YAML format's schema, read as strictly, and written.

A dataset file ending in ``.json`` holds the same document as the YAML one
(what a script or a database export produces), under the same rules:

- the text is UTF-8 (a BOM is allowed) and holds exactly one value, an object;
- a duplicate key is reported with the lines of both occurrences;
- ``NaN`` and ``Infinity`` are refused (JSON has no such numbers);
- no key or value holds a control character, not even as an escape such as
  ``"\\u001b"``, and no escape stands for half of a character (a lone
  surrogate);
- nesting deeper than the limit is refused, never a crash;
- every value is read as the text it is written as, the way the YAML loader
  reads every scalar: ``1`` and ``"1"`` are the same, ``1.0`` stays
  ``'1.0'`` (which a whole number refuses), ``true`` is the text
  ``'true'``, and ``null`` is nothing. So the same dataset written as YAML
  and as JSON loads to equal :class:`~meetgraph.schema.Dataset`\\ s.

Reading is fast when the file is sound: the standard library's C parser
builds a plain tree (a hook refuses duplicate keys, numbers stay text) and
the tree is validated without positions. Only when something is wrong is the
file parsed again, keeping the line and column of every key and value, so
that each problem is reported as ``PATH:LINE:COL: field.path: message`` in
words of the locale files, like the YAML loader's.

Examples
--------
>>> from meetgraph.examples import example_dataset
>>> ds = load_dataset_json(dataset_json(example_dataset()), "trip.json")
>>> ds == example_dataset()
True
>>> load_dataset_json('{"meetgraph": 1,\\n "meetgraph": 2}', "dup.json")
Traceback (most recent call last):
...
meetgraph.errors.DatasetError: dup.json:2:2: meetgraph: duplicate key 'meetgraph' (first at line 1): keep one of them
>>> load_dataset_json('{"meetgraph": 1,}', "comma.json")
Traceback (most recent call last):
...
meetgraph.errors.DatasetError: comma.json:1:16: a comma must be followed by another item: remove this comma
"""  # noqa: E501

from __future__ import annotations

import contextlib
import json
import re
from bisect import bisect_right
from typing import Any, NoReturn

from meetgraph.bulk import collection_paused
from meetgraph.errors import (
    CONTROL,
    TEXT_CONTROL,
    DatasetError,
    Message,
    Problem,
    got,
    shown,
    words,
)
from meetgraph.loader import decode_text, validate_plain, validate_tree
from meetgraph.located import LocatedList, LocatedMap, field_path, position_of
from meetgraph.schema import Dataset
from meetgraph.settings import Limits

__all__ = ["dataset_json", "load_dataset_json", "parse_json"]

_LIMITS = Limits()

# What the fast path leaves to the located parse, found in the raw text; a false alarm
# (an escaped backslash before "u0007", "true" in a sentence) only costs the slower parse.
# Raw controls that JSON lets stand in text (DEL, C1, separators, bidi marks):
_RAW_CONTROL = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Escapes that make one of those or another control, or half a character without its pair:
_ESCAPE = re.compile(
    r"\\(?:[bfr]|u(?:00[01]|007[fF]|00[89]|20(?:0[eEfF]|2[89a-eA-E]|6[6-9])"
    r"|[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2}\\u)[dD][c-fC-F]))"
)


def _unusual(text: str) -> bool:
    """Whether ``text`` may hold what only the located parse reads as the loader must."""
    if _RAW_CONTROL.search(text) or ("\\" in text and _ESCAPE.search(text)):
        return True
    # true or false as a value: the schema would take true for the number 1, not the text.
    for word in ("true", "false"):
        at = text.find(word)
        while at >= 0:
            before = at - 1
            while before >= 0 and text[before] in " \t\n\r":
                before -= 1
            if before >= 0 and text[before] in "[:,":
                return True
            at = text.find(word, at + 1)
    return False


def load_dataset_json(text: str | bytes, name: str, *, limits: Limits = _LIMITS) -> Dataset:
    """Validate a dataset written as JSON; ``name`` is used in error messages.

    Parameters
    ----------
    text : str or bytes
        The file's content.
    name : str
        The file, for error messages.
    limits : Limits
        The size, nesting, participants, pairs and problems it may have.

    Raises
    ------
    DatasetError
        With the first ``limits.max_problems`` problems found, and the count of all.
    """
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) > limits.max_bytes:
        message = words("too_large", limit=limits.max_bytes)
        raise DatasetError([Problem.of(name, 1, 1, "", message)])
    decoded = decode_text(data, name)
    with collection_paused():
        plain = _parse_plain(decoded)
        if plain is not None:
            dataset = _validate_plain(plain, limits=limits)
            if dataset is not None:
                return dataset
        tree = parse_json(decoded, name, limits=limits)
        return validate_tree(tree, name, limits=limits)


class _Refused(Exception):
    """What the fast parse does not take (a duplicate key, NaN): the located parse says why."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _Refused
    return mapping


def _refuse_constant(text: str) -> None:
    raise _Refused


def _parse_plain(text: str) -> dict[str, Any] | None:
    """The document as plain dicts, lists, strings and None; None when anything is unusual."""
    if _unusual(text):
        return None
    try:
        tree = json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_int=str,
            parse_float=str,
            parse_constant=_refuse_constant,
        )
    # RecursionError: nesting deeper than the C parser goes; the located parse stops it early.
    except (_Refused, ValueError, RecursionError):
        return None
    return tree if isinstance(tree, dict) else None


def _validate_plain(tree: dict[str, Any], *, limits: Limits) -> Dataset | None:
    """The dataset a plain tree holds, or None when it has any problem.

    Nesting needs no walk of its own here: the C parser stops far below
    Python's recursion limit, and no field of the schema takes nested values
    of any shape, so a tree deeper than the limit fails validation and goes
    to the located parse, which names the depth.
    """
    return validate_plain(tree, limits=limits)


def dataset_json(dataset: Dataset) -> str:
    """``dataset`` as JSON text, in the schema's order of keys, defaults left out.

    >>> from meetgraph.examples import example_dataset
    >>> print(dataset_json(example_dataset())[:60])
    {
      "meetgraph": 1,
      "languages": [
        "en",
        "ko"
      ],
    """
    from meetgraph.yamlout import canonical_data

    return json.dumps(canonical_data(dataset), ensure_ascii=False, indent=2) + "\n"


# --- The located parse: every key and value with its line and column. ---

_WHITESPACE = re.compile(r"[ \t\n\r]+")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
# A bare token: a literal, a number, or a word that should have been in quotes.
_BARE = re.compile(r"[-+.0-9A-Za-z_]+")
_LITERALS = {"true": "true", "false": "false", "null": None}
_NOT_NUMBERS = frozenset({"NaN", "Infinity", "-Infinity", "+Infinity", "-NaN"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_CLOSING = {"{": "}", "[": "]"}
#: Reads one string (called at its quote), with the C parser's checks of escapes and controls.
_STRINGS = json.JSONDecoder(strict=True)

# What the parse expects next.
_VALUE, _FIRST_VALUE, _KEY, _FIRST_KEY, _COLON, _NEXT, _DONE = range(7)


class _Lines:
    """Where each line of a text starts, found when a position is first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and column of the character at ``offset``."""
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.text))]
        line = bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]


class _Mark:
    """A place in the text, with the 0-based ``line`` and ``column`` of a parser's mark."""

    __slots__ = ("lines", "offset")

    def __init__(self, lines: _Lines, offset: int) -> None:
        self.lines = lines
        self.offset = offset

    @property
    def line(self) -> int:
        return self.lines.position(self.offset)[0]

    @property
    def column(self) -> int:
        return self.lines.position(self.offset)[1]


class _Frame:
    """An open object or array, the key whose value comes next, and the comma last read."""

    __slots__ = ("comma", "container", "key")

    def __init__(self, container: LocatedMap | LocatedList) -> None:
        self.container = container
        self.key: str | None = None
        self.comma = -1

    def slot(self) -> str | int:
        if isinstance(self.container, LocatedList):
            return len(self.container)
        return self.key if self.key is not None else "?"


class _SyntaxStop(Exception):
    """A syntax error: the parse cannot go past it."""


def parse_json(text: str, name: str, *, limits: Limits = _LIMITS) -> LocatedMap:
    """Parse JSON strictly into a located tree of mappings, lists, strings and ``None``.

    The tree is the one :func:`meetgraph.loader.parse_yaml` gives for the same
    document, with marks at each key's and value's line and column.

    >>> tree = parse_json('{"a": 1.50, "b": [true, null, "x"]}', "x.json")
    >>> tree, position_of(tree["b"].marks[2])  # line and column of "x"
    ({'a': '1.50', 'b': ['true', None, 'x']}, (1, 31))
    >>> parse_json('{"a": NaN, "b": "\\\\u001b[31m"}', "x.json")
    Traceback (most recent call last):
    ...
    meetgraph.errors.DatasetError: x.json:1:7: a: NaN is not a number JSON can hold: write a number, or null
    x.json:1:17: b: holds the control character '\\x1b', which text cannot hold: remove it

    Raises
    ------
    DatasetError
        With the problems found: a syntax error alone (the text cannot be read past it).
    """  # noqa: E501
    return _TreeBuilder(text, name, limits).build()


class _TreeBuilder:
    """Reads JSON text token by token, without recursion, into a located tree."""

    def __init__(self, text: str, name: str, limits: Limits) -> None:
        self.text = text
        self.name = name
        self.lines = _Lines(text)
        self.max_depth = limits.max_depth
        self.max_problems = limits.max_problems
        self.kept: list[Problem] = []
        self.total = 0
        self.stack: list[_Frame] = []
        self.root: list[Any] = []

    def build(self) -> LocatedMap:
        with contextlib.suppress(_SyntaxStop):
            self._walk()
        if self.total:
            raise DatasetError(self.kept, self.total)
        if not self.root or self.root[0] is None:
            raise DatasetError([Problem.of(self.name, 1, 1, "", words("json_empty"))])
        if not isinstance(self.root[0], LocatedMap):
            top = Problem.of(self.name, 1, 1, "", words("json_top_level"), got(self.root[0]))
            raise DatasetError([top])
        return self.root[0]

    def _walk(self) -> None:
        text, stack = self.text, self.stack
        end, i, expect = len(text), 0, _VALUE
        while True:
            i = _skip_whitespace(text, i)
            if i >= end:
                self._at_end()
                return
            char = text[i]
            if expect == _DONE:
                self._stop(i, words("json_after_end"))
            elif expect in (_KEY, _FIRST_KEY):
                i = self._key_or_end(i, char, expect)
                expect = _COLON if char == '"' else (_NEXT if stack else _DONE)
            elif expect == _COLON:
                if char != ":":
                    self._stop(i, words("json_colon"))
                i, expect = i + 1, _VALUE
            elif expect == _NEXT:
                if char == ",":
                    stack[-1].comma = i
                    i += 1
                    expect = _KEY if isinstance(stack[-1].container, LocatedMap) else _VALUE
                elif char in "}]":
                    i, expect = self._close(i, char)
                else:
                    self._missing_comma(i, char)
            elif char in "}]" and stack and isinstance(stack[-1].container, LocatedList):
                if expect == _VALUE:  # after a comma
                    self._stop(stack[-1].comma, words("json_trailing_comma"))
                i, expect = self._close(i, char)
            elif char in "{[":
                if len(stack) >= self.max_depth:
                    self._stop(i, words("too_deep", limit=self.max_depth), self._where())
                container: LocatedMap | LocatedList = LocatedMap() if char == "{" else LocatedList()
                container.start = _Mark(self.lines, i)
                stack.append(_Frame(container))
                i, expect = i + 1, (_FIRST_KEY if char == "{" else _FIRST_VALUE)
            else:
                i = self._scalar(i, char)
                expect = _NEXT if stack else _DONE

    def _key_or_end(self, i: int, char: str, expect: int) -> int:
        """Read a key, or the end of an empty object; where it ends."""
        if char == '"':
            return self._key(i)
        if char in "}," and expect == _KEY:  # a comma, then the end or another comma
            self._stop(self.stack[-1].comma, words("json_trailing_comma"))
        if char in "}]":
            return self._close(i, char)[0]
        if char == "'":
            self._stop(i, words("json_single_quote"))
        self._stop(i, words("json_key"))

    def _missing_comma(self, i: int, char: str) -> NoReturn:
        """Something other than a comma or the end follows a value."""
        if char in "\"'{[" or _BARE.match(char):
            self._stop(i, words("json_comma"))
        if char == "/":
            self._stop(i, words("json_comment"))
        self._stop(i, words("json_unexpected", character=shown(char)))

    def _at_end(self) -> None:
        """The text ends: after the whole value, or with something left open."""
        if self.stack:
            self._unclosed(self.stack[-1])
        # Nothing at all is an empty file (the caller says so).

    def _unclosed(self, frame: _Frame) -> NoReturn:
        """The innermost object or array is not closed: said at its opening."""
        start = frame.container.start
        opening = self.text[start.offset]
        self._stop(start.offset, words("yaml_unclosed", opening=opening, closing=_CLOSING[opening]))

    def _close(self, i: int, char: str) -> tuple[int, int]:
        """Close the innermost object or array with ``char``; what comes next."""
        frame = self.stack[-1]
        if _CLOSING[self.text[frame.container.start.offset]] != char:
            self._unclosed(frame)
        self.stack.pop()
        self._attach(frame.container, frame.container.start)
        return i + 1, (_NEXT if self.stack else _DONE)

    def _scalar(self, i: int, char: str) -> int:
        """Read the string, number or literal at ``i`` as a value; where it ends."""
        mark = _Mark(self.lines, i)
        if char == '"':
            value, after = self._string(i)
            if TEXT_CONTROL.search(value):
                self._control(i, value, TEXT_CONTROL, self._where())
            self._attach(value, mark)
            return after
        bare = _BARE.match(self.text, i)
        token = bare.group() if bare is not None else ""
        if token in _LITERALS:
            self._attach(_LITERALS[token], mark)
        elif _NUMBER.fullmatch(token):
            self._attach(token, mark)
        elif token in _NOT_NUMBERS:
            self._problem(i, self._where(), words("json_not_number", value=token))
            self._attach(None, mark)
        elif char == "'":
            self._stop(i, words("json_single_quote"))
        elif char == "/":
            self._stop(i, words("json_comment"))
        elif char in "}]" and not self.stack:
            self._stop(i, words("yaml_unopened", closing=char))
        elif char in ",}]:":
            self._stop(i, words("json_no_value"))
        elif not token:
            self._stop(i, words("json_unexpected", character=shown(char)))
        elif token[0] in "+-.0123456789":
            self._stop(i, words("json_number", value=shown(token)))
        else:
            self._stop(i, words("json_bare_word", example=json.dumps(token)))
        return i + len(token)

    def _string(self, i: int) -> tuple[str, int]:
        """The text of the string whose quote is at ``i``, and where it ends."""
        try:
            value, after = _STRINGS.raw_decode(self.text, i)
        except json.JSONDecodeError as error:
            if error.msg.startswith("Unterminated"):
                self._stop(i, words("yaml_unclosed_quote", quote='"'))
            if error.msg.startswith("Invalid control"):
                character = self.text[error.pos]
                if character in "\n\r\t":
                    self._stop(error.pos, words("json_raw_break"))
                self._stop(error.pos, words("control_raw", code=f"{ord(character):04X}"))
            self._stop(error.pos, words("json_escape"))
        half = _SURROGATE.search(value)
        if half is not None:
            escape = f"\\u{ord(half.group()):04x}"
            self._problem(i, self._where(), words("json_surrogate", escape=escape))
        return value, after

    def _key(self, i: int) -> int:
        """Read the key whose quote is at ``i``; where it ends."""
        key, after = self._string(i)
        frame = self.stack[-1]
        where = field_path([*(f.slot() for f in self.stack[:-1]), key])
        if CONTROL.search(key):
            self._control(i, key, CONTROL, where)
        container = frame.container
        assert isinstance(container, LocatedMap)  # a key is read only in an object
        first = container.key_marks.get(key)
        if first is not None:
            message = words("duplicate_key", key=shown(key), line=position_of(first)[0])
            self._problem(i, where, message)
        else:
            container.key_marks[key] = _Mark(self.lines, i)
        frame.key = key
        return after

    def _attach(self, value: Any, mark: _Mark) -> None:
        if not self.stack:
            self.root.append(value)
            return
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, LocatedList):
            container.append(value)
            container.marks.append(mark)
            return
        key, frame.key = frame.key, None
        # A duplicate key keeps its first value; the problem is already reported.
        if key is not None and key not in container:
            container[key] = value
            container.marks[key] = mark

    def _where(self) -> str:
        return field_path(frame.slot() for frame in self.stack)

    def _control(self, i: int, text: str, controls: re.Pattern[str], where: str) -> None:
        match = controls.search(text)
        assert match is not None  # called on a match
        self._problem(i, where, words("control", character=shown(match.group())))

    def _problem(self, i: int, where: str, message: Message) -> None:
        self.total += 1
        if len(self.kept) < self.max_problems:
            line, column = self.lines.position(i)
            self.kept.append(Problem.of(self.name, line + 1, column + 1, where, message))

    def _stop(self, i: int, message: Message, where: str = "") -> NoReturn:
        self._problem(i, where, message)
        raise _SyntaxStop


def _skip_whitespace(text: str, i: int) -> int:
    """Where the first character after the whitespace at ``i`` stands."""
    match = _WHITESPACE.match(text, i)
    return match.end() if match else i
