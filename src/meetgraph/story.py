"""The story a view tells, step by step: the meetings in tour order, then those that did not happen.

The steps come from the data, not from hand-made slides: every declared
meeting of the view in the order of the tour (by date, then by its order in
the day; meetings of one date and one place in the day share a step; undated
meetings come last), then one step per expectation rule with the meetings it
expected and did not find, and why they were expected. Each step names the
edges it is about, so a picture can highlight them, and carries its quotes
with their sources.

Examples
--------
>>> from meetgraph.graph import build_graph
>>> from meetgraph.loader import load_dataset
>>> from meetgraph.settings import Settings
>>> G = build_graph(load_dataset(Settings().default_dataset))
>>> steps = story_steps(G)
>>> [step.keys for step in steps[:6]]  # doctest: +NORMALIZE_WHITESPACE
[('altman-sk-group',), ('altman-krafton',), ('altman-developer-workshop',),
 ('altman-kakao-press-conference', 'openai-kakao-partnership'), ('altman-samsung-softbank',),
 ('altman-modi',)]
>>> steps[0].when, steps[0].place
('2025-02-04 · morning', 'The Plaza Hotel, Jung-gu, Seoul')
>>> steps[-1].kind, len(steps[-1].edges), steps[-1].title
('missing', 4, 'Expected, but did not happen: Government contact in Korea')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from meetgraph.i18n import FALLBACK, translate
from meetgraph.labels import actor_label, citation, default_language, localized
from meetgraph.vocabulary import MISSING, MeetingStatus

__all__ = ["StoryStep", "story_steps"]


@dataclass(frozen=True)
class StoryStep:
    """One step of the story: what happened (or did not), where, when, and who says so."""

    kind: str  #: "meetings", or "missing" for the expected meetings that did not happen
    keys: tuple[str, ...]  #: the meeting ids, or the expectation's id
    edges: tuple[tuple[Any, Any, Any], ...]  #: the edges (u, v, key) the step is about
    when: str  #: the date, time of day or order in words
    title: str  #: who met, or what was expected
    place: str
    status: str  #: held, planned... in words
    lines: tuple[str, ...]  #: why the missing meetings were expected
    quotes: tuple[tuple[str, str], ...]  #: (quote, source) pairs


def story_steps(G: nx.MultiGraph, language: str | None = None) -> list[StoryStep]:
    """The steps of the story of ``G`` (a graph or a view), in ``language``."""
    language = language or default_language(G) or FALLBACK
    meetings: dict[Any, list[tuple[Any, Any, Mapping[str, Any]]]] = {}
    missing: dict[Any, list[tuple[Any, Any, Mapping[str, Any]]]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        group = missing if data.get("status") == MISSING else meetings
        group.setdefault(key, []).append((u, v, data))
    steps = [_meeting_step(G, group, language) for group in _tour_groups(meetings)]
    steps += [_missing_step(G, key, edges, language) for key, edges in missing.items()]
    return steps


def _tour_groups(
    meetings: Mapping[Any, list[tuple[Any, Any, Mapping[str, Any]]]],
) -> list[list[tuple[Any, list[tuple[Any, Any, Mapping[str, Any]]]]]]:
    """Meetings in tour order; those of one date and one order in the day together."""

    def when(item: tuple[Any, list[tuple[Any, Any, Mapping[str, Any]]]]) -> tuple[Any, ...]:
        key, edges = item
        data = edges[0][2]
        date, order = data.get("date"), data.get("order")
        return (date is None, date or dt.date.min, order is None, order or 0, str(key))

    groups: list[list[tuple[Any, list[tuple[Any, Any, Mapping[str, Any]]]]]] = []
    for item in sorted(meetings.items(), key=when):
        data = item[1][0][2]
        if groups and data.get("date") and data.get("order"):
            last = groups[-1][0][1][0][2]
            if (last.get("date"), last.get("order")) == (data["date"], data["order"]):
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def _meeting_step(
    G: nx.MultiGraph,
    group: Sequence[tuple[Any, list[tuple[Any, Any, Mapping[str, Any]]]]],
    language: str,
) -> StoryStep:
    first = group[0][1][0][2]
    actors = dict.fromkeys(a for _, edges in group for u, v, _ in edges for a in (u, v))
    names = sorted(
        (actor_label(G, actor, language) for actor in actors), key=lambda name: name.casefold()
    )
    quotes: dict[tuple[str, str], None] = {}
    for _, edges in group:
        for evidence in edges[0][2].get("evidence") or ():
            quotes[(str(evidence.get("quote", "")), citation(G, evidence))] = None
    statuses = dict.fromkeys(str(edges[0][2].get("status")) for _, edges in group)
    return StoryStep(
        kind="meetings",
        keys=tuple(str(key) for key, _ in group),
        edges=tuple((u, v, key) for key, edges in group for u, v, _ in edges),
        when=_when(first, language),
        title=", ".join(names),
        place=localized(G, first.get("place"), language),
        status=", ".join(translate(f"status.{status}", language) for status in statuses),
        lines=(),
        quotes=tuple(quotes),
    )


def _missing_step(
    G: nx.MultiGraph,
    key: Any,
    edges: Sequence[tuple[Any, Any, Mapping[str, Any]]],
    language: str,
) -> StoryStep:
    first = edges[0][2]
    rules = G.graph.get("expectations") or {}
    rule = localized(G, (rules.get(key) or {}).get("label"), language) or str(key)
    quotes = {
        (str(evidence.get("quote", "")), citation(G, evidence)): None
        for evidence in first.get("evidence") or ()
    }
    return StoryStep(
        kind="missing",
        keys=(str(key),),
        edges=tuple((u, v, key) for u, v, _ in edges),
        when=_when(first, language),
        title=translate("story.missing", language, rule=rule),
        place="",
        status=translate(f"status.{MeetingStatus.MISSING.value}", language),
        lines=tuple(localized(G, data.get("explanation"), language) for _, _, data in edges),
        quotes=tuple(quotes),
    )


def _when(data: Mapping[str, Any], language: str) -> str:
    date = data.get("date")
    parts = [
        date.isoformat() if isinstance(date, dt.date) else translate("date_not_stated", language)
    ]
    if data.get("time"):
        parts.append(str(data["time"]))
    return " · ".join(parts)
