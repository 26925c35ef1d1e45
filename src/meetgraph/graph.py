"""Build the NetworkX graph of a validated dataset.

The graph is an undirected :class:`networkx.MultiGraph`: one node per actor and
one edge per pair of participants of each meeting, keyed by the meeting id, so
a three-party meeting gives three edges sharing one key. The edges that
:mod:`meetgraph.expectations` derives for expected meetings that did not happen
are added with status ``missing`` and keyed by the expectation id.

Node attributes
    ``name_en``, ``name_ko``, ``type``, ``sector``, ``country``, ``role_en``,
    ``role_ko``, ``affiliation``, ``note`` (absent values are ``None``).
Edge attributes
    ``status`` (held, planned, requested, missing), ``meeting`` (meeting id or
    ``None``), ``expectation`` (expectation id or ``None``), ``kind``, ``date``
    (:class:`datetime.date` or ``None``), ``order``, ``time``, ``place_en``,
    ``place_ko``, ``country``, ``topics_en``, ``topics_ko`` (lists of str),
    ``evidence`` (list of ``{"source", "quote"}`` dicts), ``note``,
    ``explanation_en``, ``explanation_ko``, ``peers`` (meeting ids) and
    ``visitor`` (actor id) for missing edges (``None`` or empty on the others).
Graph attributes
    ``dataset``, ``title_en``, ``title_ko``, ``sectors`` (id to
    ``{"label_en", "label_ko", "color"}``), ``sources`` (id to a dict of the
    source's fields, ``published`` as an ISO string).

Examples
--------
>>> from meetgraph.loader import load_dataset_text
>>> ds = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> G = build_graph(ds)
>>> sorted(G.nodes)
['a', 'b', 'c']
>>> sorted((u, v, k) for u, v, k in G.edges(keys=True))
[('a', 'b', 'm1'), ('a', 'c', 'm1'), ('b', 'c', 'm1')]
>>> G.edges["a", "b", "m1"]["status"], G.nodes["a"]["name_ko"]
('held', '가')
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import networkx as nx

from meetgraph.bulk import collection_paused
from meetgraph.expectations import insert_missing_edges, missing_edges
from meetgraph.schema import Actor, Dataset, Meeting, MeetingStatus

__all__ = [
    "EXAMPLE_YAML",
    "build_graph",
    "declared_graph",
]

#: A minimal valid dataset, used by the doctests.
EXAMPLE_YAML = """\
meetgraph: 1
dataset: {id: example, title: {en: Example}}
sectors: [{id: ai, label: {en: AI}}]
sources:
  - {id: s, title: T, publisher: P, published: "2025-02-04T17:32:00+09:00", language: ko}
actors:
  - {id: a, name: {en: A, ko: 가}, type: person, sector: ai, country: KR}
  - {id: b, name: {en: B}, type: person, sector: ai, country: KR}
  - {id: c, name: {en: C}, type: organization, sector: ai, country: JP}
meetings:
  - id: m1
    participants: [a, b, c]
    status: held
    date: "2025-02-04"
    evidence: [{source: s, quote: Q}]
"""


def declared_graph(dataset: Dataset) -> nx.MultiGraph:
    """The graph of the meetings the dataset declares, without derived edges.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset (see :func:`meetgraph.loader.load_dataset`).

    Returns
    -------
    networkx.MultiGraph
        A new graph; see the module docstring for its attributes.
    """
    G: nx.MultiGraph = nx.MultiGraph(**_graph_attributes(dataset))
    G.add_nodes_from((actor.id, _actor_attributes(actor)) for actor in dataset.actors)
    # networkx copies the attribute dict into each edge, so the pairs of a meeting share none.
    edges: Iterator[Any] = (
        (u, v, meeting.id, attributes)
        for meeting in dataset.meetings
        for attributes in (_meeting_attributes(meeting),)
        for u, v in itertools.combinations(dict.fromkeys(meeting.participants), 2)
    )
    G.add_edges_from(edges)
    return G


def build_graph(dataset: Dataset) -> nx.MultiGraph:
    """The full graph: declared meetings plus the derived ``missing`` edges.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset.

    Returns
    -------
    networkx.MultiGraph
        A new graph holding every declared meeting and, for each expectation
        rule, one ``missing`` edge per expected actor the visitor did not meet.
    """
    with collection_paused():
        G = declared_graph(dataset)
        insert_missing_edges(G, missing_edges(G, dataset.expectations))
    return G


def _graph_attributes(dataset: Dataset) -> dict[str, Any]:
    info = dataset.dataset
    return {
        "dataset": info.id,
        "title_en": info.title.en,
        "title_ko": info.title.ko,
        "sectors": {
            s.id: {"label_en": s.label.en, "label_ko": s.label.ko, "color": s.color}
            for s in dataset.sectors
        },
        "sources": {
            s.id: {
                "title": s.title,
                "publisher": s.publisher,
                "authors": list(s.authors),
                "published": s.published.isoformat(),
                "language": s.language,
                "url": s.url,
            }
            for s in dataset.sources
        },
    }


def _actor_attributes(actor: Actor) -> dict[str, Any]:
    return {
        "name_en": actor.name.en,
        "name_ko": actor.name.ko,
        "type": actor.type.value,
        "sector": actor.sector,
        "country": actor.country,
        "role_en": actor.role.en if actor.role else None,
        "role_ko": actor.role.ko if actor.role else None,
        "affiliation": actor.affiliation,
        "note": actor.note,
    }


def _meeting_attributes(meeting: Meeting) -> dict[str, Any]:
    return {
        "status": MeetingStatus(meeting.status.value).value,
        "meeting": meeting.id,
        "expectation": None,
        "kind": meeting.kind.value,
        "date": meeting.date,
        "order": meeting.order,
        "time": meeting.time,
        "place_en": meeting.place.en if meeting.place else None,
        "place_ko": meeting.place.ko if meeting.place else None,
        "country": meeting.country,
        "topics_en": [t.en for t in meeting.topics],
        "topics_ko": [t.get("ko") for t in meeting.topics],
        "evidence": [{"source": e.source, "quote": e.quote} for e in meeting.evidence],
        "note": meeting.note,
        "explanation_en": None,
        "explanation_ko": None,
        "peers": [],
        "visitor": None,
    }
