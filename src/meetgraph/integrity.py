"""The whole-dataset integrity pass: cross references the schema cannot check.

It runs on the loader's located tree rather than on the validated models, so
that it still reports unknown ids and duplicates in a file whose schema errors
stop validation: the user sees every problem at once. The same checks run on a
plain tree without positions (:func:`is_consistent`), where the loader's fast
path only asks whether there is any problem. Anything malformed is
skipped here; the schema reports it. In particular a section that is not a
list makes no reference to it "unknown".

Checks: duplicate ids (per section), an expectation id that is also a meeting
id (both key graph edges), unknown sectors, unknown actors (as participant,
affiliation, visitor), an actor affiliated with itself, a participant listed
twice, a meeting with fewer than two distinct participants or more than
the limit, meetings that make more pairs of actors than the limit, unknown
sources in evidence, a language listed twice, and text given in a language
the dataset does not declare or lacking its first language.

Examples
--------
>>> from meetgraph.loader import parse_yaml
>>> tree = parse_yaml('''
... sectors: [{id: ai}]
... actors: [{id: a, sector: ai}, {id: a, sector: gov}]
... meetings: [{id: m, participants: [a, z]}]
... ''', "x.yaml")
>>> for problem in check_integrity(tree, "x.yaml"):
...     print(problem)
x.yaml:3:36: actors[1].id: duplicate actor id 'a' (first at line 3): each actor needs its own id
x.yaml:3:47: actors[1].sector: unknown sector 'gov': check the spelling, or add that sector
x.yaml:4:38: meetings[0].participants[1]: unknown actor 'z': check the spelling, or add that actor
>>> tree = parse_yaml('''
... languages: [ja, en]
... actors: [{id: a, name: {en: Son, fr: Son}}]
... ''', "y.yaml")
>>> for problem in check_integrity(tree, "y.yaml"):
...     print(problem)
y.yaml:3:24: actors[0].name: has no text in 'ja', the dataset's first language
y.yaml:3:34: actors[0].name.fr: language 'fr' is not one of the dataset's languages (ja, en)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, KeysView
from typing import Any

from meetgraph.errors import Message, Problem, shown, words
from meetgraph.located import locate, problem_at
from meetgraph.schema import DEFAULT_LANGUAGES, localized_paths
from meetgraph.settings import Limits

__all__ = ["check_integrity", "is_consistent"]

_SECTIONS = {
    "sectors": "sector",
    "sources": "source",
    "actors": "actor",
    "meetings": "meeting",
    "expectations": "expectation",
}

#: Where something stands in the document, e.g. ``("meetings", 2, "participants", 0)``.
Path = tuple[str | int, ...]
#: One problem before it is located: where, what, and whether the key (not the value) is meant.
Finding = tuple[Path, Message, bool]
#: The line of the value at a path (a duplicate's message names the first one's line).
LineOf = Callable[[Path], int]
#: The ids a section declares, or None when it is not a list.
Ids = KeysView[str] | None


def check_integrity(
    tree: dict[str, Any], name: str, limits: Limits | None = None
) -> Iterator[Problem]:
    """Yield every cross-reference problem of a parsed dataset ``tree``, lazily.

    ``limits`` bound the participants of a meeting and the pairs all meetings
    make; they are counted here, on the tree, before anything is built.
    """

    def line_of(path: Path) -> int:
        return locate(tree, path)[0]

    for path, message, key in _findings(tree, limits or Limits(), line_of):
        yield problem_at(tree, name, path, message, key=key)


def is_consistent(tree: dict[str, Any], limits: Limits | None = None) -> bool:
    """Whether a plain tree (dicts, lists, strings, None) has no cross-reference problem at all.

    The same checks as :func:`check_integrity`, stopping at the first problem;
    for a tree without positions, such as the loader's fast path builds.

    >>> is_consistent({"actors": [{"id": "a"}, {"id": "a"}]})
    False
    >>> is_consistent({"actors": [{"id": "a"}, {"id": "b", "affiliation": "a"}]})
    True
    """
    return next(_findings(tree, limits or Limits(), _no_line), None) is None


def _no_line(path: Path) -> int:
    return 0


def _findings(tree: dict[str, Any], limits: Limits, line_of: LineOf) -> Iterator[Finding]:
    """Every problem of ``tree``, in the order they are reported, before they are located."""
    firsts = {section: _first_items(tree, section) for section in _SECTIONS}
    for section, noun in _SECTIONS.items():
        yield from _duplicates(tree, section, noun, firsts[section], line_of)
    yield from _shared_edge_keys(tree, firsts["meetings"] or {}, line_of)
    # The ids each section declares; None when it is not a list, so none is "unknown".
    ids = {section: None if first is None else first.keys() for section, first in firsts.items()}
    sectors, actors, sources = ids["sectors"], ids["actors"], ids["sources"]
    for index, actor in _items(tree, "actors"):
        base = ("actors", index)
        yield from _reference(actor.get("sector"), (*base, "sector"), sectors, "sector")
        affiliation = actor.get("affiliation")
        yield from _reference(affiliation, (*base, "affiliation"), actors, "actor")
        if isinstance(affiliation, str) and affiliation == actor.get("id"):
            yield (*base, "affiliation"), words("own_affiliation"), False
    pairs = 0
    for index, meeting in _items(tree, "meetings"):
        participants = meeting.get("participants")
        if isinstance(participants, list):
            distinct = {p for p in participants if isinstance(p, str)}
            # Mostly each is a known actor, once: one look at the set says so.
            if len(distinct) != len(participants) or not (actors is None or distinct <= actors):
                yield from _participants(index, participants, actors)
            pairs, problem = _count_pairs(index, len(distinct), pairs, limits)
            if problem is not None:
                yield problem
        yield from _evidence(("meetings", index), meeting, sources)
    for index, rule in _items(tree, "expectations"):
        base = ("expectations", index)
        yield from _reference(rule.get("visitor"), (*base, "visitor"), actors, "actor")
        for part in ("expected", "peers"):
            selector = rule.get(part)
            if isinstance(selector, dict):
                for j, sector in _list_items(selector.get("sectors")):
                    yield from _reference(sector, (*base, part, "sectors", j), sectors, "sector")
        yield from _evidence(base, rule, sources)
    yield from _languages(tree)


def _languages(tree: dict[str, Any]) -> Iterator[Finding]:
    declared = tree.get("languages", list(DEFAULT_LANGUAGES))
    if not isinstance(declared, list) or not declared:
        return  # the schema reports it
    seen: set[Any] = set()
    for index, language in enumerate(declared):
        if not isinstance(language, str):
            continue  # the schema reports it (a list or a mapping is not even hashable)
        if language in seen:
            yield ("languages", index), words("language_twice", language=shown(language)), False
        seen.add(language)
    if not all(isinstance(language, str) for language in declared):
        return
    first, listed = declared[0], ", ".join(dict.fromkeys(declared))
    for pattern in localized_paths():
        for path, texts in _matches(tree, pattern, ()):
            if not isinstance(texts, dict) or not texts:
                continue
            if first not in texts:
                yield path, words("first_language", language=shown(first)), False
            for language, text in texts.items():
                # A key without a value, such as the part after a comma, is the schema's to name.
                if language not in seen and text is not None:
                    message = words("undeclared_language", language=shown(language), listed=listed)
                    yield (*path, language), message, True


def _matches(node: Any, pattern: tuple[str, ...], path: Path) -> Iterator[tuple[Path, Any]]:
    """The values at ``pattern`` below ``node`` (``*``: every list item), with their paths."""
    if not pattern:
        yield path, node
        return
    part, rest = pattern[0], pattern[1:]
    if part == "*":
        if isinstance(node, list):
            for index, item in enumerate(node):
                # Most items lack an optional text: look before starting a walk below them.
                if not rest or rest[0] == "*" or (isinstance(item, dict) and rest[0] in item):
                    yield from _matches(item, rest, (*path, index))
    elif isinstance(node, dict) and part in node:
        yield from _matches(node[part], rest, (*path, part))


def _items(tree: dict[str, Any], section: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = tree.get(section)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _list_items(value: Any) -> Iterator[tuple[int, Any]]:
    if isinstance(value, list):
        yield from enumerate(value)


def _first_items(tree: dict[str, Any], section: str) -> dict[str, int] | None:
    """The index of the first item of each id in a section; None when it is not a list."""
    if not isinstance(tree.get(section), list):
        return None
    first: dict[str, int] = {}
    for index, item in _items(tree, section):
        value = item.get("id")
        if isinstance(value, str):
            first.setdefault(value, index)
    return first


def _duplicates(
    tree: dict[str, Any],
    section: str,
    noun: str,
    first: dict[str, int] | None,
    line_of: LineOf,
) -> Iterator[Finding]:
    if first is None or len(first) == sum(1 for _ in _items(tree, section)):
        return  # not a list, or each item has an id of its own (or none)
    for index, item in _items(tree, section):
        value = item.get("id")
        if isinstance(value, str) and first[value] != index:
            line = line_of((section, first[value], "id"))
            message = words("duplicate_id", noun=_noun(noun), value=shown(value), line=line)
            yield (section, index, "id"), message, False


def _shared_edge_keys(
    tree: dict[str, Any], meetings: dict[str, int], line_of: LineOf
) -> Iterator[Finding]:
    # A missing edge keyed like a meeting between the same pair would replace it.
    for index, item in _items(tree, "expectations"):
        value = item.get("id")
        if isinstance(value, str) and value in meetings:
            line = line_of(("meetings", meetings[value], "id"))
            message = words("shared_id", value=shown(value), line=line)
            yield ("expectations", index, "id"), message, False


def _reference(value: Any, path: Path, known: Ids, noun: str) -> Iterator[Finding]:
    if known is not None and isinstance(value, str) and value not in known:
        yield path, words("unknown", noun=_noun(noun), value=shown(value)), False


def _count_pairs(index: int, n: int, pairs: int, limits: Limits) -> tuple[int, Finding | None]:
    """The pairs counted so far with this meeting's ``n`` participants, and the limit broken.

    A meeting of n participants is n(n-1)/2 pairs (edges of the graph): the
    work and memory a file can cause grow with the pairs, not with its size.
    """
    path = ("meetings", index, "participants")
    if n > limits.max_participants:
        message = words(
            "too_many_participants", limit=limits.max_participants, count=n, pairs=n * (n - 1) // 2
        )
        return pairs, (path, message, False)
    total = pairs + n * (n - 1) // 2
    if total > limits.max_pairs >= pairs:
        message = words("too_many_pairs", count=total, limit=limits.max_pairs)
        return total, (path, message, False)
    return total, None


def _participants(index: int, participants: list[Any], actors: Ids) -> Iterator[Finding]:
    seen: set[str] = set()
    for j, participant in enumerate(participants):
        if not isinstance(participant, str):
            continue
        if actors is not None and participant not in actors:
            message = words("unknown", noun=_noun("actor"), value=shown(participant))
            yield ("meetings", index, "participants", j), message, False
        if participant in seen:
            message = words("listed_twice", actor=shown(participant))
            yield ("meetings", index, "participants", j), message, False
        seen.add(participant)
    # With a malformed participant the schema speaks; counting the rest would mislead.
    if len(participants) >= 2 and all(isinstance(p, str) for p in participants) and len(seen) < 2:
        yield ("meetings", index, "participants"), words("two_participants"), False


def _evidence(base: Path, item: dict[str, Any], sources: Ids) -> Iterator[Finding]:
    evidence = item.get("evidence")
    if sources is None or not isinstance(evidence, list):
        return
    for j, quoted in enumerate(evidence):
        if isinstance(quoted, dict):
            path = (*base, "evidence", j, "source")
            yield from _reference(quoted.get("source"), path, sources, "source")


def _noun(noun: str) -> Message:
    """The word for a kind of item (actor, sector...), said in the problem's language."""
    return words(f"noun.{noun}")
