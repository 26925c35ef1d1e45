"""Build the NetworkX graph of a validated dataset.

The graph is an undirected :class:`networkx.MultiGraph`: one node per actor and
one edge per pair of participants of each meeting, keyed by the meeting id, so
a three-party meeting gives three edges sharing one key. The edges that
:mod:`meetgraph.expectations` derives for expected meetings that did not happen
are added with status ``missing`` and keyed by the expectation id.

Nodes, edges and the graph carry exactly the attributes defined in
:mod:`meetgraph.records`; localized ones (names, roles, places, topics,
labels, explanations) map each of the dataset's languages to its text.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> sorted(G.nodes)
['a', 'b', 'c']
>>> sorted((u, v, k) for u, v, k in G.edges(keys=True))
[('a', 'b', 'm1'), ('a', 'c', 'm1'), ('b', 'c', 'm1')]
>>> G.edges["a", "b", "m1"]["status"], G.nodes["a"]["name"]["ko"], G.graph["languages"]
('held', '가', ['en', 'ko'])
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from meetgraph.bulk import collection_paused
from meetgraph.expectations import insert_missing_edges, missing_edges
from meetgraph.records import edge_record, graph_record, node_record
from meetgraph.schema import Actor, Dataset, Meeting

__all__ = ["build_graph", "declared_graph", "expectation_graph"]


def declared_graph(dataset: Dataset) -> nx.MultiGraph:
    """The graph of the meetings the dataset declares, without derived edges.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset (see :func:`meetgraph.loader.load_dataset`).

    Returns
    -------
    networkx.MultiGraph
        A new graph; see :mod:`meetgraph.records` for its attributes.
    """
    return _graph(dataset, dataset.meetings, _meeting_attributes)


def expectation_graph(dataset: Dataset) -> nx.MultiGraph:
    """The declared graph cut to what the expectation rules read: for the missing edges alone.

    Every actor, but only the meetings that involve a rule's visitor, and of
    each only its status and id: :func:`~meetgraph.expectations.missing_edges`
    reads nothing else, so it derives the same edges from this graph as from
    :func:`declared_graph`, which at 500,000 meetings holds a million edges
    with a dozen attributes each.

    Parameters
    ----------
    dataset : Dataset
        A validated dataset.

    Returns
    -------
    networkx.MultiGraph
        A new graph: the nodes and the graph as :func:`declared_graph` makes them,
        edges with their ``status`` and ``meeting`` only.

    Examples
    --------
    >>> from meetgraph.expectations import missing_edges
    >>> from meetgraph.settings import Settings
    >>> from meetgraph.loader import load_dataset
    >>> seoul = load_dataset(Settings().default_dataset)
    >>> small, whole = expectation_graph(seoul), declared_graph(seoul)
    >>> missing_edges(small, seoul.expectations) == missing_edges(whole, seoul.expectations)
    True
    >>> small.number_of_nodes() == whole.number_of_nodes()
    True
    """
    visitors = {rule.visitor for rule in dataset.expectations}
    meetings = [m for m in dataset.meetings if not visitors.isdisjoint(m.participants)]
    return _graph(dataset, meetings, _status_attributes)


def _graph(
    dataset: Dataset,
    meetings: Iterable[Meeting],
    attributes_of: Callable[[Meeting], dict[str, Any]],
) -> nx.MultiGraph:
    """Every actor of ``dataset``, and an edge per pair of each of ``meetings``.

    The pairs of a meeting share its one attribute dict (they are one
    meeting): set in networkx's own store, as ``add_edges_from`` would set
    them (the same order), but without a copy per pair, which at 500,000
    meetings took seconds and 0.2 GB. A validated dataset's meetings have
    unique ids and name known actors, so no edge is set twice.
    """
    with collection_paused():
        G: nx.MultiGraph = nx.MultiGraph(**_graph_attributes(dataset))
        G.add_nodes_from((actor.id, _actor_attributes(actor)) for actor in dataset.actors)
        adjacency: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = G._adj  # type: ignore[attr-defined]
        for meeting in meetings:
            attributes = attributes_of(meeting)
            for u, v in itertools.combinations(dict.fromkeys(meeting.participants), 2):
                keyed = adjacency[u].get(v)
                if keyed is None:  # both ends hold the same dict of the pair's meetings
                    keyed = adjacency[u][v] = adjacency[v][u] = {}
                keyed[meeting.id] = attributes
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
    return graph_record(
        dataset=info.id,
        title=dict(info.title),
        description=dict(info.description or {}),
        languages=list(dataset.languages),
        sectors={s.id: {"label": dict(s.label), "color": s.color} for s in dataset.sectors},
        sources={
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
        expectations={rule.id: {"label": dict(rule.label)} for rule in dataset.expectations},
    )


def _actor_attributes(actor: Actor) -> dict[str, Any]:
    return node_record(
        name=dict(actor.name),
        type=actor.type.value,
        sector=actor.sector,
        country=actor.country,
        role=dict(actor.role or {}),
        affiliation=actor.affiliation,
        note=actor.note,
    )


def _status_attributes(meeting: Meeting) -> dict[str, Any]:
    return {"status": meeting.status.value, "meeting": meeting.id}


def _meeting_attributes(meeting: Meeting) -> dict[str, Any]:
    return edge_record(
        status=meeting.status.value,
        meeting=meeting.id,
        kind=meeting.kind.value,
        date=meeting.date,
        order=meeting.order,
        time=meeting.time,
        place=dict(meeting.place or {}),
        country=meeting.country,
        topics=[dict(topic) for topic in meeting.topics],
        evidence=[{"source": e.source, "quote": e.quote} for e in meeting.evidence],
        note=meeting.note,
    )
