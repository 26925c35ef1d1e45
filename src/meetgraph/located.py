"""Where values stand in a YAML file or a spreadsheet: located mappings and lists, field paths.

The strict loader (:mod:`meetgraph.loader`) builds its tree from these
containers so that schema and integrity errors can name a line and column;
the spreadsheet reader (:mod:`meetgraph.sheets`) builds the same tree with
:class:`Cell` marks, so that the same errors name a sheet and a cell.
Lines and columns are 1-based.

Examples
--------
>>> tree = LocatedMap(a=LocatedList(["x", "y"]))
>>> tree.start, tree.marks["a"] = (1, 1), (1, 4)
>>> tree["a"].marks = [(1, 5), (1, 8)]
>>> locate(tree, ("a", 1))
(1, 8)
>>> locate(tree, ("a", 5))  # beyond what is there: the closest enclosing value
(1, 4)
>>> field_path(("meetings", 2, "participants", 0))
'meetings[2].participants[0]'
>>> sheet = LocatedMap(id=None)
>>> sheet.marks["id"] = Cell("actors", 3, 1)  # an empty cell: a mark, no value
>>> print(problem_at(sheet, "story.xlsx", ("id",), "required field is missing"))
story.xlsx:actors!A3: id: required field is missing
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from meetgraph.errors import Message, Problem

__all__ = [
    "Cell",
    "LocatedList",
    "LocatedMap",
    "field_path",
    "locate",
    "mark_at",
    "position_of",
    "problem_at",
]

#: A 1-based ``(line, column)``.
Position = tuple[int, int]
#: What the containers store: a :data:`Position`, or a parser mark (any object with
#: 0-based ``line`` and ``column``), kept as is because converting every mark of a
#: large file costs more than converting the few that an error names.
Mark = Any


class Cell(NamedTuple):
    """A mark in a spreadsheet: the sheet, the 1-based row and column of a cell."""

    sheet: str
    row: int
    column: int


def position_of(mark: Mark) -> Position:
    """The 1-based position a stored mark stands for (a cell's row and column).

    >>> position_of((3, 4)), position_of(Cell("actors", 7, 2))
    ((3, 4), (7, 2))
    >>> import yaml
    >>> position_of(yaml.Mark("x", 0, 2, 5, None, None))
    (3, 6)
    """
    if isinstance(mark, Cell):
        return (mark.row, mark.column)
    if isinstance(mark, tuple):
        return mark
    return (mark.line + 1, mark.column + 1)


class LocatedMap(dict[str, Any]):
    """A mapping that remembers where it starts, where each key and each value stands.

    ``flow`` tells a mapping written between braces, ``{en: Seoul}``, where a
    comma ends a value, from one written as indented lines.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start: Mark = (1, 1)
        self.flow = False
        self.key_marks: dict[str, Mark] = {}
        self.marks: dict[str, Mark] = {}


class LocatedList(list[Any]):
    """A list that remembers where it starts and where each item stands."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.start: Mark = (1, 1)
        self.marks: list[Mark] = []


def locate(tree: Any, loc: Iterable[str | int], *, key: bool = False) -> Position:
    """The position of the value at ``loc``, or of the closest enclosing value found.

    With ``key=True`` the position of the last key is given instead of its value
    (for an unknown field, the key is the culprit).
    """
    return position_of(mark_at(tree, loc, key=key))


def mark_at(tree: Any, loc: Iterable[str | int], *, key: bool = False) -> Mark:
    """The mark of the value at ``loc``, as :func:`locate` finds it.

    A mapping may hold the mark of a key it does not hold (a spreadsheet's
    empty cell), so that a missing field is found where it should be.
    """
    node, mark = tree, getattr(tree, "start", (1, 1))
    for part in loc:
        if isinstance(node, LocatedMap) and isinstance(part, str) and part in node.marks:
            mark = node.key_marks[part] if key else node.marks[part]
            node = node.get(part)
        elif isinstance(node, LocatedList) and isinstance(part, int) and 0 <= part < len(node):
            mark = node.marks[part]
            node = node[part]
        elif isinstance(node, (LocatedMap, LocatedList)):
            break
    return mark


def problem_at(
    tree: Any, name: str, loc: tuple[str | int, ...], *parts: Message | str, key: bool = False
) -> Problem:
    """A :class:`~meetgraph.errors.Problem` with the value at ``loc``, in the file ``name``.

    Its message is words of the locale files (:class:`~meetgraph.errors.Message`
    parts), or one English text.
    """
    mark = mark_at(tree, loc, key=key)
    line, column = position_of(mark)
    sheet = mark.sheet if isinstance(mark, Cell) else None
    if len(parts) == 1 and isinstance(parts[0], str):
        return Problem(name, line, column, field_path(loc), parts[0], sheet=sheet)
    messages = [part for part in parts if isinstance(part, Message)]
    return Problem.of(name, line, column, field_path(loc), *messages, sheet=sheet)


def field_path(loc: Iterable[str | int]) -> str:
    """``('a', 0, 'b')`` as ``'a[0].b'``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
