"""YAML syntax errors in a reporter's words, with a hint for the usual traps.

libyaml (and PyYAML's own parser, whose wording differs) describe a syntax
error in the parser's terms: "mapping values are not allowed in this
context", "did not find expected key". This module reads the error and the
line it points at and says what to write instead, such as for the most common
trap, an unquoted colon in a value::

    title: Seoul: the visit

which gets ``put the text in quotes, like title: "Seoul: the visit"``.

Examples
--------
>>> import yaml
>>> def problem(text):
...     try:
...         list(yaml.parse(text, Loader=yaml.SafeLoader))
...     except yaml.MarkedYAMLError as error:
...         return str(syntax_problem(error, text, "x.yaml"))
>>> print(problem("title: Seoul: the visit\\n"))
x.yaml:1:13: a colon and a space inside a value start a new key; put the text in quotes, like title: "Seoul: the visit"
>>> print(problem("a:\\n\\tb: c\\n"))
x.yaml:2:1: a tab indents this line: indent with spaces
"""  # noqa: E501

from __future__ import annotations

import re

import yaml

from meetgraph.errors import Message, Problem, words

__all__ = ["quoted", "syntax_problem"]

# A key and the space after its colon at the start of a line (also of a list item).
_BLOCK_KEY = re.compile(r"\s*(?:-\s+)*([^\s:#'\"{}\[\],-][^:#]*?):[ \t]+")
# A key written without the space after its colon, e.g. "id:seoul".
_NO_SPACE = re.compile(r"\s*(?:-\s+)*([^\s:#'\"{}\[\],-][^\s:]*):([^\s:].*)")
# The last key: value of a flow mapping before a point, e.g. "{en: Seoul".
_FLOW_KEY = re.compile(r"([^\s{}\[\],:][^{}\[\],:]*?):\s+([^{}\[\],]*)$")
_COMMENT = re.compile(r"\s+#.*$")
_CLOSING = {"{": "}", "[": "]"}
# The line breaks of YAML: its marks count lines by these (not by str.splitlines).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def syntax_problem(error: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """The problem a YAML syntax ``error`` in ``text`` (the file ``name``) shows to a reporter."""
    lines = [*_LINE_BREAK.split(text), ""]  # the marks may point just past the last line
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    line = min(line, len(lines) - 1)
    problem, opening = error.problem or "", error.context_mark
    here = lines[line]
    character = here[column : column + 1]
    parts: tuple[Message, ...] = (words("yaml_syntax"),)
    if problem.startswith("mapping values are not allowed"):
        parts, (line, column) = _colon(lines, line, column)
    elif "expected ',' or '" in problem and opening is not None:
        parts, at = _flow(here, column, opening, lines)
        line, column = at or (line, column)
    elif problem == "found unexpected end of stream" and _at(lines, opening) in ("'", '"'):
        # The end of the file is where the parser gave up; the opening quote is the culprit.
        assert opening is not None  # a quote was found at it
        line, column = opening.line, opening.column
        parts = (words("yaml_unclosed_quote", quote=_at(lines, opening)),)
    elif problem.startswith(("did not find expected key", "expected <block end>")):
        parts = _unexpected(here, column, character)
    elif "that cannot start any token" in problem or "a tab character" in problem:
        parts = _token(here, character)
    elif "sequence entries are not allowed" in problem:
        parts = (words("yaml_list_after_key"),)
    elif problem == "could not find expected ':'":
        if opening is not None:  # where the line without a colon starts
            line, column = opening.line, opening.column
        parts = (words("yaml_no_colon"),)
    elif "escape" in problem or problem == "did not find expected hexdecimal number":
        parts = (words("yaml_escape"),)
    return Problem.of(name, line + 1, column + 1, "", *parts)


def quoted(text: str, limit: int = 40) -> str:
    """``text`` as a double-quoted YAML value, cut after ``limit`` characters.

    It is an example to copy, so it is quoted the YAML way, not the Python way.

    >>> print(quoted('Seoul: the "visit"'))
    "Seoul: the \\"visit\\""
    >>> print(quoted("x" * 50, limit=3))
    "xxx…"
    """
    cut = text if len(text) <= limit else text[:limit] + "…"
    return '"' + cut.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quotes_hint(field: str, value: str) -> Message:
    """The hint to quote ``value``, written as the line ``field: "value"`` would be.

    The value is given whole (up to a line's worth), so that the example can be copied.
    """
    return words("hint_quotes", field=field[:40], example=quoted(value, limit=200))


def _colon(lines: list[str], line: int, column: int) -> tuple[tuple[Message, ...], tuple[int, int]]:
    """An unquoted ": " in a value, a missing space after a colon, or a line indented wrongly."""
    here = lines[line]
    key = _BLOCK_KEY.match(here)
    if key is not None and key.end() <= column:
        value = _COMMENT.sub("", here[key.end() :]).rstrip()
        return (words("yaml_colon"), quotes_hint(key.group(1), value)), (line, column)
    for before in range(line - 1, -1, -1):
        if lines[before].strip():
            glued = _NO_SPACE.fullmatch(_COMMENT.sub("", lines[before]).rstrip())
            if glued is not None:
                example = f"{glued.group(1)}: {glued.group(2)}"
                colon = lines[before].index(":", len(lines[before]) - len(lines[before].lstrip()))
                return (words("yaml_no_space", example=example),), (before, colon)
            break
    return (words("yaml_indentation"),), (line, column)


def _flow(
    here: str, column: int, opening: yaml.Mark, lines: list[str]
) -> tuple[tuple[Message, ...], tuple[int, int] | None]:
    """An unquoted ": " in a value between braces, or a brace or bracket left open."""
    before = re.split(r"[{\[,]", here[:column])[-1]
    pair = _FLOW_KEY.search(before)
    if here[column : column + 1] == ":" and pair is not None:
        rest = re.split(r"[}\],]", here[column:])[0]
        value = (pair.group(2) + rest).strip()
        return (words("yaml_colon"), quotes_hint(pair.group(1), value)), None
    start = _at(lines, opening)
    if start not in _CLOSING:
        return (words("yaml_syntax"),), None
    message = words("yaml_unclosed", opening=start, closing=_CLOSING[start])
    return (message,), (opening.line, opening.column)


def _unexpected(here: str, column: int, character: str) -> tuple[Message, ...]:
    """Something where a key should start: a stray bracket, text after quotes, or indentation."""
    if character in ("}", "]"):
        return (words("yaml_unopened", closing=character),)
    if here[:column].rstrip().endswith(("'", '"')):
        return (words("yaml_after_quote"),)
    return (words("yaml_indentation"),)


def _token(here: str, character: str) -> tuple[Message, ...]:
    """A tab in the indentation, or a value starting with a character YAML reserves."""
    if character == "\t":
        return (words("yaml_tab"),)
    if character not in ("@", "`", "%"):
        return (words("yaml_syntax"),)
    reserved = words("yaml_reserved", character=repr(character))
    key = _BLOCK_KEY.match(here)
    if key is None:
        return (reserved,)
    value = _COMMENT.sub("", here[key.end() :]).rstrip()
    return (reserved, quotes_hint(key.group(1), value))


def _at(lines: list[str], mark: yaml.Mark | None) -> str:
    """The character at ``mark``, or nothing."""
    if mark is None or mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + 1]
