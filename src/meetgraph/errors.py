"""Errors meetgraph raises, each naming the culprit.

Every problem with a dataset is a :class:`Problem` with a file, a 1-based line
and column, a field path and a message. A :class:`DatasetError` carries all the
problems found in one file so that a user sees them at once.

Examples
--------
>>> p = Problem("data/x.yaml", 3, 5, "actors[0].id", "must be a slug")
>>> str(p)
'data/x.yaml:3:5: actors[0].id: must be a slug'
>>> err = DatasetError([p])
>>> print(err)
data/x.yaml:3:5: actors[0].id: must be a slug
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DatasetError", "MeetgraphError", "Problem", "UnknownActorError"]


class MeetgraphError(Exception):
    """Base class of every error meetgraph raises on purpose."""


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
    """

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}:"
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"


class DatasetError(MeetgraphError):
    """A dataset could not be loaded; ``problems`` lists every reason, sorted by position."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sorted(set(problems), key=_position)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownActorError(MeetgraphError, KeyError):
    """An actor id was asked for that the graph does not hold."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        super().__init__(actor)

    def __str__(self) -> str:
        return f"unknown actor {self.actor!r}"


def _position(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line, problem.column, problem.field, problem.message)
