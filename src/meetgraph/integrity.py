"""The whole-dataset integrity pass: cross references the schema cannot check.

It runs on the loader's located tree rather than on the validated models, so
that it still reports unknown ids and duplicates in a file whose schema errors
stop validation: the user sees every problem at once. Anything malformed is
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

from collections.abc import Iterator
from typing import Any

from meetgraph.errors import Message, Problem, shown, words
from meetgraph.located import LocatedList, LocatedMap, locate, problem_at
from meetgraph.schema import DEFAULT_LANGUAGES, localized_paths
from meetgraph.settings import Limits

__all__ = ["check_integrity"]

_SECTIONS = {
    "sectors": "sector",
    "sources": "source",
    "actors": "actor",
    "meetings": "meeting",
    "expectations": "expectation",
}


def check_integrity(tree: LocatedMap, name: str, limits: Limits | None = None) -> Iterator[Problem]:
    """Yield every cross-reference problem of a parsed dataset ``tree``, lazily.

    ``limits`` bound the participants of a meeting and the pairs all meetings
    make; they are counted here, on the tree, before anything is built.
    """
    limits = limits or Limits()
    ids = {section: _known_ids(tree, section) for section in _SECTIONS}
    for section, noun in _SECTIONS.items():
        yield from _duplicates(tree, name, section, noun)
    yield from _shared_edge_keys(tree, name)
    for index, actor in _items(tree, "actors"):
        base = ("actors", index)
        yield from _reference(tree, name, (*base, "sector"), ids["sectors"], "sector")
        affiliation = actor.get("affiliation")
        yield from _reference(tree, name, (*base, "affiliation"), ids["actors"], "actor")
        if isinstance(affiliation, str) and affiliation == actor.get("id"):
            yield _at(tree, name, (*base, "affiliation"), words("own_affiliation"))
    pairs = 0
    for index, meeting in _items(tree, "meetings"):
        yield from _participants(tree, name, index, meeting, ids["actors"])
        pairs, problem = _count_pairs(tree, name, index, meeting, pairs, limits)
        if problem is not None:
            yield problem
        yield from _evidence(tree, name, ("meetings", index), meeting, ids["sources"])
    for index, rule in _items(tree, "expectations"):
        base = ("expectations", index)
        yield from _reference(tree, name, (*base, "visitor"), ids["actors"], "actor")
        for part in ("expected", "peers"):
            selector = rule.get(part)
            if isinstance(selector, LocatedMap):
                for j, _ in _list_items(selector.get("sectors")):
                    path = (*base, part, "sectors", j)
                    yield from _reference(tree, name, path, ids["sectors"], "sector")
        yield from _evidence(tree, name, base, rule, ids["sources"])
    yield from _languages(tree, name)


def _languages(tree: LocatedMap, name: str) -> Iterator[Problem]:
    declared = tree.get("languages", list(DEFAULT_LANGUAGES))
    if not isinstance(declared, list) or not declared:
        return  # the schema reports it
    seen: set[Any] = set()
    for index, language in enumerate(declared):
        if isinstance(language, str) and language in seen:
            message = words("language_twice", language=shown(language))
            yield _at(tree, name, ("languages", index), message)
        seen.add(language)
    if not all(isinstance(language, str) for language in declared):
        return
    first, listed = declared[0], ", ".join(dict.fromkeys(declared))
    for pattern in localized_paths():
        for path, texts in _matches(tree, pattern, ()):
            if not isinstance(texts, LocatedMap) or not texts:
                continue
            if first not in texts:
                yield _at(tree, name, path, words("first_language", language=shown(first)))
            for language, text in texts.items():
                # A key without a value, such as the part after a comma, is the schema's to name.
                if language not in seen and text is not None:
                    message = words("undeclared_language", language=shown(language), listed=listed)
                    yield problem_at(tree, name, (*path, language), message, key=True)


def _matches(
    node: Any, pattern: tuple[str, ...], path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """The values at ``pattern`` below ``node`` (``*``: every list item), with their paths."""
    if not pattern:
        yield path, node
        return
    part, rest = pattern[0], pattern[1:]
    if part == "*":
        for index, item in _list_items(node):
            yield from _matches(item, rest, (*path, index))
    elif isinstance(node, LocatedMap) and part in node:
        yield from _matches(node[part], rest, (*path, part))


def _items(tree: LocatedMap, section: str) -> Iterator[tuple[int, LocatedMap]]:
    for index, item in _list_items(tree.get(section)):
        if isinstance(item, LocatedMap):
            yield index, item


def _list_items(value: Any) -> Iterator[tuple[int, Any]]:
    if isinstance(value, LocatedList):
        yield from enumerate(value)


def _known_ids(tree: LocatedMap, section: str) -> set[str] | None:
    """The ids a section declares; None when it is not a list, so nothing can be called unknown."""
    if not isinstance(tree.get(section), LocatedList):
        return None
    return {item["id"] for _, item in _items(tree, section) if isinstance(item.get("id"), str)}


def _duplicates(tree: LocatedMap, name: str, section: str, noun: str) -> Iterator[Problem]:
    first_line: dict[str, int] = {}
    for index, item in _items(tree, section):
        value = item.get("id")
        if not isinstance(value, str):
            continue
        path = (section, index, "id")
        if value in first_line:
            message = words(
                "duplicate_id", noun=_noun(noun), value=shown(value), line=first_line[value]
            )
            yield _at(tree, name, path, message)
        else:
            first_line[value] = locate(tree, path)[0]


def _shared_edge_keys(tree: LocatedMap, name: str) -> Iterator[Problem]:
    # A missing edge keyed like a meeting between the same pair would replace it.
    meeting_lines: dict[str, int] = {}
    for index, item in _items(tree, "meetings"):
        if isinstance(item.get("id"), str):
            meeting_lines.setdefault(item["id"], locate(tree, ("meetings", index, "id"))[0])
    for index, item in _items(tree, "expectations"):
        value = item.get("id")
        if isinstance(value, str) and value in meeting_lines:
            message = words("shared_id", value=shown(value), line=meeting_lines[value])
            yield _at(tree, name, ("expectations", index, "id"), message)


def _reference(
    tree: LocatedMap, name: str, path: tuple[str | int, ...], known: set[str] | None, noun: str
) -> Iterator[Problem]:
    node: Any = tree
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return
    if known is not None and isinstance(node, str) and node not in known:
        yield _at(tree, name, path, words("unknown", noun=_noun(noun), value=shown(node)))


def _count_pairs(
    tree: LocatedMap,
    name: str,
    index: int,
    meeting: LocatedMap,
    pairs: int,
    limits: Limits,
) -> tuple[int, Problem | None]:
    """The pairs of actors counted so far with this meeting's, and the limit it breaks, if any.

    A meeting of n participants is n(n-1)/2 pairs (edges of the graph): the
    work and memory a file can cause grow with the pairs, not with its size.
    """
    participants = meeting.get("participants")
    if not isinstance(participants, LocatedList):
        return pairs, None
    path = ("meetings", index, "participants")
    n = len({p for p in participants if isinstance(p, str)})
    if n > limits.max_participants:
        message = words(
            "too_many_participants", limit=limits.max_participants, count=n, pairs=n * (n - 1) // 2
        )
        return pairs, _at(tree, name, path, message)
    total = pairs + n * (n - 1) // 2
    if total > limits.max_pairs >= pairs:
        message = words("too_many_pairs", count=total, limit=limits.max_pairs)
        return total, _at(tree, name, path, message)
    return total, None


def _participants(
    tree: LocatedMap, name: str, index: int, meeting: LocatedMap, actors: set[str] | None
) -> Iterator[Problem]:
    participants = meeting.get("participants")
    if not isinstance(participants, LocatedList):
        return
    seen: set[str] = set()
    for j, participant in enumerate(participants):
        path: tuple[str | int, ...] = ("meetings", index, "participants", j)
        if not isinstance(participant, str):
            continue
        if actors is not None and participant not in actors:
            yield _at(
                tree, name, path, words("unknown", noun=_noun("actor"), value=shown(participant))
            )
        if participant in seen:
            yield _at(tree, name, path, words("listed_twice", actor=shown(participant)))
        seen.add(participant)
    # With a malformed participant the schema speaks; counting the rest would mislead.
    if len(participants) >= 2 and all(isinstance(p, str) for p in participants) and len(seen) < 2:
        yield _at(tree, name, ("meetings", index, "participants"), words("two_participants"))


def _evidence(
    tree: LocatedMap,
    name: str,
    base: tuple[str | int, ...],
    item: LocatedMap,
    sources: set[str] | None,
) -> Iterator[Problem]:
    for j, evidence in _list_items(item.get("evidence")):
        if isinstance(evidence, LocatedMap):
            path = (*base, "evidence", j, "source")
            yield from _reference(tree, name, path, sources, "source")


def _at(tree: LocatedMap, name: str, path: tuple[str | int, ...], message: Message) -> Problem:
    return problem_at(tree, name, path, message)


def _noun(noun: str) -> Message:
    """The word for a kind of item (actor, sector...), said in the problem's language."""
    return words(f"noun.{noun}")
