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

A problem built by :meth:`Problem.of` carries its message as words of the
locale files (``problem.<key>``), so that it is shown in the interface's
language; its ``message`` is the English text, which ``str()`` prints.

>>> p = Problem.of("x.yaml", 2, 7, "meetgraph", words("at_most", limit=1), got("2"))
>>> str(p)
"x.yaml:2:7: meetgraph: must be at most 1, not '2'"
>>> p.text("ko")
"x.yaml:2:7: meetgraph: 1 이하여야 합니다 (입력: '2')"
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from meetgraph.i18n import FALLBACK, fill, translate, ui_words

__all__ = [
    "CONTROL",
    "TEXT_CONTROL",
    "DatasetError",
    "MeetgraphError",
    "Message",
    "Problem",
    "UnknownActorError",
    "column_letters",
    "got",
    "printable",
    "problem_lines",
    "shown",
    "words",
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


@dataclass(frozen=True)
class Message:
    """Words of the locale files: the key ``problem.<key>`` and the values it names.

    A value may itself be a :class:`Message` (a noun such as "actor"), shown
    in the same language. Values that echo a file went through :func:`shown`.

    >>> words("unknown", noun=words("noun.actor"), value="'z'").text("en")
    "unknown actor 'z': check the spelling, or add that actor"
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, language: str) -> str:
        """These words in ``language``, or in English where it has none."""
        values = {
            name: value.text(language) if isinstance(value, Message) else value
            for name, value in self.params
        }
        # Formatted even without values, so that a template may write braces as {{ }}.
        return fill(ui_words(language)[f"problem.{self.key}"], **values)

    def keys_used(self) -> Iterable[str]:
        """The key of these words and of the words among its values."""
        yield self.key
        for _, value in self.params:
            if isinstance(value, Message):
                yield from value.keys_used()


def words(key: str, /, **params: object) -> Message:
    """The words ``problem.<key>`` with ``params``; a shorthand for :class:`Message`."""
    return Message(key, tuple(params.items()))


def got(value: object) -> Message:
    """What a message adds about the value it refused: the value itself, or what it was.

    >>> [got(v).text("en") for v in ("2/4", 3, None, [], {})]
    [", not '2/4'", ', not 3', ', not empty', ', not a list', ', not key: value lines']
    """
    if value is None:
        return words("got_empty")
    if isinstance(value, list):
        return words("got_list")
    if isinstance(value, dict):
        return words("got_key_values")
    return words("got", value=shown(value))


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
        What is wrong, short and specific, in English.
    sheet : str, optional
        The sheet of a spreadsheet the problem is on; ``line`` and ``column`` are
        then its row and column, shown as a cell (``meetings!D7``).
    parts : tuple of Message
        The same in words of the locale files, one after the other; empty for a
        message written in English only. Built by :meth:`of`.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    sheet: str | None = None
    parts: tuple[Message, ...] = dataclasses.field(default=(), compare=False, repr=False)

    @classmethod
    def of(
        cls,
        path: str,
        line: int,
        column: int,
        field: str,
        *parts: Message,
        sheet: str | None = None,
    ) -> Problem:
        """A problem whose message is ``parts`` of the locale files, English in ``message``."""
        return cls(path, line, column, field, _joined(parts, FALLBACK), sheet, parts)

    def text(self, language: str) -> str:
        """The problem's line with its message in ``language`` (English where it has no words)."""
        return self._line(self.message_in(language))

    def message_in(self, language: str) -> str:
        """The message alone, in ``language`` (English where it has no words)."""
        return _joined(self.parts, language) if self.parts else self.message

    def __str__(self) -> str:
        return self._line(self.message)

    def _line(self, message: str) -> str:
        if self.line == 0:
            where = f"{printable(self.path)}:"
        elif self.sheet is not None:
            cell = f"{printable(self.sheet)}!{column_letters(self.column)}{self.line}"
            where = f"{printable(self.path)}:{cell}:"
        else:
            where = f"{printable(self.path)}:{self.line}:{self.column}:"
        message = printable(message)
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
        super().__init__("\n".join(problem_lines(self.problems, self.total, FALLBACK)))


def problem_lines(problems: Iterable[Problem], total: int, language: str) -> list[str]:
    """One line per problem in ``language``, and a last line counting those not listed.

    >>> p = Problem.of("x.yaml", 1, 1, "", words("empty"))
    >>> problem_lines([p], 3, "ko")[1]
    '... 외 2건의 문제'
    """
    lines = [problem.text(language) for problem in problems]
    if total > len(lines):
        lines.append(translate("problems_more", language, count=total - len(lines)))
    return lines


class UnknownActorError(MeetgraphError, KeyError):
    """An actor id was asked for that the graph does not hold."""

    def __init__(self, actor: str) -> None:
        self.actor = actor
        super().__init__(actor)

    def __str__(self) -> str:
        return f"unknown actor {shown(self.actor)}"


def _joined(parts: Iterable[Message], language: str) -> str:
    return "".join(part.text(language) for part in parts)


def _position(problem: Problem) -> tuple[str, str, int, int, str, str]:
    sheet = problem.sheet or ""
    return (problem.path, sheet, problem.line, problem.column, problem.field, problem.message)
