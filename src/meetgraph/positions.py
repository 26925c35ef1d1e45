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

__all__ = ["LocatedList", "LocatedMap", "field_path", "locate"]

Position = tuple[int, int]


class LocatedMap(dict[str, Any]):
    """A mapping that remembers where it starts, where each key and each value stands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start: Position = (1, 1)
        self.key_marks: dict[str, Position] = {}
        self.marks: dict[str, Position] = {}


class LocatedList(list[Any]):
    """A list that remembers where it starts and where each item stands."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.start: Position = (1, 1)
        self.marks: list[Position] = []


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
    return position


def field_path(loc: Iterable[str | int]) -> str:
    """``('a', 0, 'b')`` as ``'a[0].b'``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
