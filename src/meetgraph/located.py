"""Where values stand in a YAML file: located mappings and lists, and field paths.

The strict loader (:mod:`meetgraph.loader`) builds its tree from these
containers so that schema and integrity errors can name a line and column.
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
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["LocatedList", "LocatedMap", "field_path", "locate", "position_of"]

#: A 1-based ``(line, column)``.
Position = tuple[int, int]
#: What the containers store: a :data:`Position`, or a parser mark (any object with
#: 0-based ``line`` and ``column``), kept as is because converting every mark of a
#: large file costs more than converting the few that an error names.
Mark = Any


def position_of(mark: Mark) -> Position:
    """The 1-based position a stored mark stands for.

    >>> position_of((3, 4))
    (3, 4)
    >>> import yaml
    >>> position_of(yaml.Mark("x", 0, 2, 5, None, None))
    (3, 6)
    """
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
    node, position = tree, getattr(tree, "start", (1, 1))
    for part in loc:
        if isinstance(node, LocatedMap) and isinstance(part, str) and part in node:
            position = node.key_marks[part] if key else node.marks[part]
            node = node[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and 0 <= part < len(node):
            position = node.marks[part]
            node = node[part]
        elif isinstance(node, (LocatedMap, LocatedList)):
            break
    return position_of(position)


def field_path(loc: Iterable[str | int]) -> str:
    """``('a', 0, 'b')`` as ``'a[0].b'``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
