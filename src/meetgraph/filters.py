"""Filters: pure functions that return read-only views of a meeting graph.

Node filters (sector, country, actor type) keep the actors they select and
the edges among them; edge filters (status, date range) keep every actor and
drop edges. Nothing is copied or mutated: each function returns a
:func:`networkx.subgraph_view`, so filtering a large graph is cheap and the
original stays intact.

Examples
--------
>>> from meetgraph.graph import EXAMPLE_YAML, build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> sorted(filter_graph(G, countries=["KR"]).nodes)
['a', 'b']
>>> filter_graph(G, countries=["KR"]).number_of_edges(), G.number_of_edges()
(1, 3)
>>> sorted(ego_network(G, "c", radius=1).nodes)
['a', 'b', 'c']
>>> date_span(G)
(datetime.date(2025, 2, 4), datetime.date(2025, 2, 4))
>>> values(G, "country")
['JP', 'KR']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import networkx as nx

from meetgraph.errors import UnknownActorError

__all__ = ["date_span", "ego_network", "filter_graph", "values"]


def filter_graph(
    G: nx.MultiGraph,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    sectors: Collection[str] | None = None,
    countries: Collection[str] | None = None,
    statuses: Collection[str] | None = None,
    types: Collection[str] | None = None,
    keep_undated: bool = False,
) -> nx.MultiGraph:
    """The part of ``G`` that passes every given filter, as a read-only view.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph (see :mod:`meetgraph.graph`).
    since, until : datetime.date, optional
        Keep edges dated on or after ``since`` and on or before ``until``.
    sectors, countries, types : collection of str, optional
        Keep the actors whose attribute is one of these; ``None`` keeps all.
    statuses : collection of str, optional
        Keep edges of these statuses (held, planned, requested, missing).
    keep_undated : bool, default False
        With a date range, also keep edges whose date is not known. Without a
        range, undated edges are always kept.

    Returns
    -------
    networkx.MultiGraph
        A view of ``G``; copy it with ``nx.MultiGraph(view)`` to change it.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_node("a", sector="ai", country="KR", type="person")
    >>> G.add_node("b", sector="government", country="KR", type="person")
    >>> _ = G.add_edge("a", "b", key="m", status="held", date=dt.date(2025, 2, 4))
    >>> _ = G.add_edge("a", "b", key="x", status="missing", date=None)
    >>> sorted(k for *_, k in filter_graph(G, statuses=["missing"]).edges(keys=True))
    ['x']
    >>> sorted(k for *_, k in filter_graph(G, since=dt.date(2025, 2, 5)).edges(keys=True))
    []
    >>> sorted(filter_graph(G, sectors=["ai"]).nodes)
    ['a']
    """
    node_filters = [
        (attribute, frozenset(allowed))
        for attribute, allowed in (("sector", sectors), ("country", countries), ("type", types))
        if allowed is not None
    ]
    status_set = frozenset(statuses) if statuses is not None else None
    dated = since is not None or until is not None

    def keep_node(node: Any) -> bool:
        data = G.nodes[node]
        return all(data.get(attribute) in allowed for attribute, allowed in node_filters)

    def keep_edge(u: Any, v: Any, key: Any) -> bool:
        data = G.edges[u, v, key]
        if status_set is not None and data.get("status") not in status_set:
            return False
        if not dated:
            return True
        date = data.get("date")
        if date is None:
            return keep_undated
        return (since is None or date >= since) and (until is None or date <= until)

    return nx.subgraph_view(
        G,
        filter_node=keep_node if node_filters else nx.filters.no_filter,
        filter_edge=keep_edge if status_set is not None or dated else nx.filters.no_filter,
    )


def ego_network(G: nx.MultiGraph, actor: str, radius: int = 1) -> nx.MultiGraph:
    """The actors within ``radius`` meetings of ``actor``, and the edges among them.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph or a view of one.
    actor : str
        The id of the actor at the centre.
    radius : int, default 1
        How many hops away an actor may be; 0 gives the actor alone.

    Returns
    -------
    networkx.MultiGraph
        A read-only subgraph view of ``G``.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not a node of ``G``.

    Examples
    --------
    >>> P = nx.MultiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(ego_network(P, "a", radius=2).nodes)
    ['a', 'b', 'c']
    >>> ego_network(P, "z")
    Traceback (most recent call last):
    ...
    meetgraph.errors.UnknownActorError: unknown actor 'z'
    """
    if actor not in G:
        raise UnknownActorError(actor)
    if radius < 0:
        raise ValueError(f"radius must be 0 or more, not {radius}")
    reached = nx.single_source_shortest_path_length(G, actor, cutoff=radius)
    return G.subgraph(reached)


def date_span(G: nx.MultiGraph) -> tuple[dt.date, dt.date] | None:
    """The first and last date of the dated edges of ``G``, or ``None`` if none is dated.

    >>> date_span(nx.MultiGraph()) is None
    True
    """
    dates: list[dt.date] = [d["date"] for *_, d in G.edges(data=True) if d.get("date") is not None]
    return (min(dates), max(dates)) if dates else None


def values(G: nx.MultiGraph, attribute: str) -> list[str]:
    """The distinct non-empty values of a node ``attribute`` in ``G``, sorted.

    >>> values(nx.MultiGraph(), "sector")
    []
    """
    return sorted({str(value) for _, value in G.nodes(data=attribute) if value is not None})
