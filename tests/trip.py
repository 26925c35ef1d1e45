"""A small trip of every kind of edge, with text that spreadsheets would run: shared by tests."""

from __future__ import annotations

import copy
from typing import Any

import networkx as nx

from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset_text

TRIP_YAML = """\
meetgraph: 1
dataset: {id: t, title: {en: Trip, ko: 방문}}
sectors: [{id: gov, label: {en: Government, ko: 정부}}, {id: ai, label: {en: AI, ko: 인공지능}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: ko}]
actors:
  - {id: v, name: {en: Visitor, ko: 방문자}, type: person, sector: ai, country: US}
  - {id: pm, name: {en: Prime Minister, ko: 총리}, type: person, sector: gov, country: JP}
  - {id: min, name: {en: Minister, ko: 장관}, type: person, sector: gov, country: KR}
  - {id: ceo, name: {en: "=HYPERLINK(\\"http://evil\\")", ko: 대표}, type: person, sector: ai,
     country: KR}
  - {id: neg, name: {en: "-1+2", ko: "@SUM(A1)"}, type: organization, sector: ai, country: KR}
meetings:
  - {id: v-pm, participants: [v, pm], status: held, date: "2025-02-03",
     evidence: [{source: s, quote: 만났다}]}
  - {id: v-ceo, participants: [v, ceo, neg], status: held, date: "2025-02-04",
     evidence: [{source: s, quote: "=1+1"}]}
  - {id: v-ceo-2, participants: [v, ceo], status: planned, date: "2025-02-05",
     evidence: [{source: s, quote: 예정}]}
expectations:
  - id: kr-gov
    label: {en: Government contact in KR}
    visitor: v
    expected: {country: KR, sectors: [gov], types: [person]}
    peers: {countries: [JP], sectors: [gov]}
"""


def trip_graph() -> nx.MultiGraph:
    return build_graph(load_dataset_text(TRIP_YAML, "t.yaml"))


def snapshot(graph: nx.MultiGraph) -> tuple[Any, ...]:
    """Everything a graph holds, comparable with ``==`` (and deep-copied)."""
    return (
        copy.deepcopy(graph.graph),
        sorted((n, copy.deepcopy(a)) for n, a in graph.nodes(data=True)),
        sorted(
            ((u, v, k, copy.deepcopy(a)) for u, v, k, a in graph.edges(keys=True, data=True)),
            key=lambda e: (str(e[0]), str(e[1]), str(e[2])),
        ),
    )


def edge_set(graph: nx.MultiGraph) -> set[tuple[Any, ...]]:
    return {(frozenset((u, v)), k) for u, v, k in graph.edges(keys=True)}
