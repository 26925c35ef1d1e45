"""Errors meetgraph raises, each naming the culprit.

Every problem with a dataset is a :class:`Problem` with a file, a 1-based line
and column, a field path and a message. A :class:`DatasetError` carries the
problems found in one file so that a user sees them at once: the first
hundred or so, and how many more there are.

An error line is one line of plain text whatever the file holds: control
characters in a file name or a field path are written as escapes, and values
are echoed by :func:`shown`, short and escaped.

Examples
--------
>>> p = Problem("data/x.yaml", 3, 5, "actors[0].id", "must be a slug")
>>> str(p)
'data/x.yaml:3:5: actors[0].id: must be a slug'
>>> err = DatasetError([p])
>>> print(err)
data/x.yaml:3:5: actors[0].id: must be a slug
>>> print(DatasetError([p], total=1000))
data/x.yaml:3:5: actors[0].id: must be a slug
... and 999 more problems
>>> str(Problem("x.yaml", 1, 1, "actors.\\nFORGED.yaml:1:1", "unknown field"))
'x.yaml:1:1: actors.\\\\nFORGED.yaml:1:1: unknown field'
>>> print(Problem("story.xlsx", 7, 4, "date", "must be a date like 2025-02-04", sheet="meetings"))
story.xlsx:meetings!D7: date: must be a date like 2025-02-04
>>> print(Problem("story.xlsx", 0, 0, "", "missing sheet 'actors'"))
story.xlsx: missing sheet 'actors'
>>> shown("Z" * 5000)
"'ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ…' (5,000 characters)"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CONTROL",
    "TEXT_CONTROL",
    "DatasetError",
    "MeetgraphError",
    "Problem",
    "UnknownActorError",
    "column_letters",
    "printable",
    "shown",
]

#: Characters that would act on a terminal or forge a line: C0 and C1 controls, DEL,
#: line and paragraph separators, and the marks that reorder text (bidirectional controls).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: The same but tab and newline, which prose may hold.
TEXT_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class MeetgraphError(Exception):
    """Base class of every error meetgraph raises on purpose."""


def printable(text: str) -> str:
    """``text`` with every control character written as an escape, on one line.

    >>> printable("Sam \\x1b[31mRED\\x1b[0m")
    'Sam \\\\x1b[31mRED\\\\x1b[0m'
    """
    return CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def shown(value: object, limit: int = 40) -> str:
    """A value as an error message echoes it: quoted, escaped, and cut after ``limit`` characters.

    >>> shown("KOR"), shown(3)
    ("'KOR'", '3')
    """
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "…"
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}"[:-1] + f"…' ({len(value):,} characters)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a dataset, located in its file.

    Parameters
    ----------
    path : str
        The file as the user named it (or an upload's name).
    line, column : int
        1-based position of the offending value; 0 when the file as a whole is meant.
    field : str
        Where in the document, e.g. ``meetings[2].participants[0]``; empty for
        problems with the file as a whole.
    message : str
        What is wrong, short and specific.
    sheet : str, optional
        The sheet of a spreadsheet the problem is on; ``line`` and ``column`` are
        then its row and column, shown as a cell (``meetings!D7``).
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    sheet: str | None = None

    def __str__(self) -> str:
        if self.line == 0:
            where = f"{printable(self.path)}:"
        elif self.sheet is not None:
            cell = f"{printable(self.sheet)}!{column_letters(self.column)}{self.line}"
            where = f"{printable(self.path)}:{cell}:"
        else:
            where = f"{printable(self.path)}:{self.line}:{self.column}:"
        message = printable(self.message)
        return f"{where} {printable(self.field)}: {message}" if self.field else f"{where} {message}"


def column_letters(column: int) -> str:
    """A spreadsheet's name of the 1-based ``column``.

    >>> column_letters(1), column_letters(26), column_letters(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class DatasetError(MeetgraphError):
    """A dataset could not be loaded.

    ``problems`` lists the reasons found, sorted by position; ``total`` counts
    every problem, also those not listed (a file can hold millions).
    """

    def __init__(self, problems: Iterable[Problem], total: int | None = None) -> None:
        self.problems: list[Problem] = sorted(set(problems), key=_position)
        self.total = max(total or 0, len(self.problems))
        lines = [str(p) for p in self.problems]
        if self.total > len(self.problems):
            lines.append(f"... and {self.total - len(self.problems):,} more problems")
        super().__init__("\n".join(lines))


class UnknownActorError(MeetgraphError, KeyError):
    """An actor id was asked for that the graph does not hold."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        super().__init__(actor)

    def __str__(self) -> str:
        return f"unknown actor {shown(self.actor)}"


def _position(problem: Problem) -> tuple[str, str, int, int, str, str]:
    sheet = problem.sheet or ""
    return (problem.path, sheet, problem.line, problem.column, problem.field, problem.message)
