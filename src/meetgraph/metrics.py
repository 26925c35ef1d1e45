"""Centrality of the actors, computed on a collapsed, weighted view of the meetings.

The meeting graph is a multigraph of every meeting pair and status. Metrics
are computed on :func:`collapse`: a simple graph over the same actors whose
edge weight is the number of distinct meetings between two actors, counting
only the chosen statuses (``held`` by default). Missing edges count only when
asked for: that is the counterfactual, "what if the expected meetings had
happened" (:func:`counterfactual`).

Measures (one column each, in the order of :data:`MEASURES`)
    ``pagerank`` (weighted), ``degree`` (distinct actors met),
    ``weighted_degree`` (meetings), ``betweenness`` and ``closeness``
    (unweighted: a meeting is a meeting), ``eigenvector`` (weighted, per
    connected component, unit norm in each; 0 for an actor who met no one)
    and ``community`` (seeded Louvain on the weights; 0 is the largest).

The measures are registered in :data:`MEASURES`, which the CLI, the app's
size-by choice, the what-if table and the UI words (``measure.<name>``)
read: to add a measure, add an entry.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` actors and
estimated from a seeded sample of :data:`BETWEENNESS_SAMPLE` source actors
above it; the table then lists it in ``table.attrs["approximate"]``.

Examples
--------
>>> G = nx.MultiGraph()
>>> G.add_nodes_from("abc", name={"en": "x"}, type="person", sector="ai", country="KR")
>>> _ = G.add_edge("a", "b", key="m1", status="held")
>>> _ = G.add_edge("a", "b", key="m2", status="held")
>>> _ = G.add_edge("b", "c", key="m3", status="planned")
>>> collapse(G).edges(data="weight")
EdgeDataView([('a', 'b', 2)])
>>> table = centrality(G)
>>> table[["degree", "weighted_degree", "betweenness"]].to_dict("index")["b"]
{'degree': 1, 'weighted_degree': 2, 'betweenness': 0.0}
>>> centrality(G, statuses=("held", "planned")).loc["b", "betweenness"]
np.float64(1.0)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import shortest_path
from scipy.sparse.linalg import eigsh

from meetgraph.labels import graph_languages
from meetgraph.records import ACTOR_COLUMNS, flat_columns, flat_values
from meetgraph.vocabulary import MeetingStatus

__all__ = [
    "BETWEENNESS_SAMPLE",
    "EXACT_BETWEENNESS_LIMIT",
    "MEASURES",
    "SIZE_MEASURES",
    "Measure",
    "centrality",
    "collapse",
    "counterfactual",
    "measure",
]

#: Actor count up to which betweenness is exact (Brandes, O(n·m)).
EXACT_BETWEENNESS_LIMIT = 2000
#: Source actors sampled (seeded) for betweenness above the limit.
BETWEENNESS_SAMPLE = 300
_DENSE_EIGEN_LIMIT = 500  # actors in a component up to which eigenvectors are solved densely
_BATCH = 128  # sources per batch of breadth-first searches: n x 128 floats per array
_HELD = (MeetingStatus.HELD.value,)


def collapse(G: nx.MultiGraph, statuses: Collection[str] = _HELD) -> nx.Graph:
    """A simple weighted graph: ``weight`` is the number of meetings between two actors.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph or a view of one.
    statuses : collection of str, default ("held",)
        The edge statuses that count.

    Returns
    -------
    networkx.Graph
        Every actor of ``G`` (also those with no counted meeting) and one edge
        per pair that met, weighted by their distinct meetings.
    """
    wanted = set(statuses)
    H: nx.Graph = nx.Graph()
    H.add_nodes_from(G.nodes)
    meetings: dict[tuple[Hashable, Hashable], set[Hashable]] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if data.get("status") in wanted and u != v:
            meetings.setdefault((u, v), set()).add(key)
    for (u, v), keys in meetings.items():
        weight = len(keys) + (H[u][v]["weight"] if H.has_edge(u, v) else 0)
        H.add_edge(u, v, weight=weight)
    return H


@dataclass
class _Collapsed:
    """What every measure reads: the collapsed graph, its node order, the seed."""

    H: nx.Graph
    nodes: list[Any]
    seed: int
    approximate: list[str]


@dataclass(frozen=True)
class Measure:
    """One centrality measure: a column of :func:`centrality`."""

    name: str  #: the column, and the locale word's key ``measure.<name>``
    compute: Callable[[_Collapsed], Sequence[float]]  #: a value per node, in node order
    integer: bool = False  #: whether its values are counts (shown without decimals)
    size: bool = True  #: whether larger means more central (so it can size nodes)


def _degree(c: _Collapsed) -> list[float]:
    return [c.H.degree(n) for n in c.nodes]


def _weighted_degree(c: _Collapsed) -> list[float]:
    return [c.H.degree(n, weight="weight") for n in c.nodes]


def _sampled_betweenness(c: _Collapsed) -> list[float]:
    sources = np.arange(len(c.nodes))
    if len(c.H) > EXACT_BETWEENNESS_LIMIT:
        c.approximate.append("betweenness")
        rng = np.random.default_rng(c.seed)
        sources = np.sort(rng.choice(len(c.nodes), size=BETWEENNESS_SAMPLE, replace=False))
    return _betweenness(c.H, c.nodes, sources)


def _pagerank(c: _Collapsed) -> list[float]:
    scores = nx.pagerank(c.H, weight="weight") if len(c.H) else {}
    return [scores.get(n, 0.0) for n in c.nodes]


#: Every measure, in column order; the first ranks actors ("most central first").
MEASURES: tuple[Measure, ...] = (
    Measure("pagerank", _pagerank),
    Measure("degree", _degree, integer=True),
    Measure("weighted_degree", _weighted_degree, integer=True),
    Measure("betweenness", _sampled_betweenness),
    Measure("closeness", lambda c: _closeness(c.H, c.nodes)),
    Measure("eigenvector", lambda c: _eigenvector(c.H, c.nodes)),
    Measure("community", lambda c: _communities(c.H, c.nodes, c.seed), integer=True, size=False),
)
#: The measures that can size nodes and are compared in the what-if table.
SIZE_MEASURES: tuple[Measure, ...] = tuple(m for m in MEASURES if m.size)


def measure(name: str) -> Measure:
    """The registered measure called ``name``.

    >>> measure("degree").integer
    True
    >>> measure("fame")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: no measure 'fame' (measures: pagerank, degree, ...)
    """
    for entry in MEASURES:
        if entry.name == name:
            return entry
    raise ValueError(f"no measure {name!r} (measures: {', '.join(m.name for m in MEASURES)})")


def centrality(
    G: nx.MultiGraph,
    statuses: Collection[str] = _HELD,
    *,
    seed: int = 0,
    measures: Collection[str] | None = None,
) -> pd.DataFrame:
    """Centrality of every actor of ``G``, counting edges of the given statuses.

    Parameters
    ----------
    G : networkx.MultiGraph
        A meeting graph or a view of one.
    statuses : collection of str, default ("held",)
        Which meetings count; add ``"planned"``, or ``"missing"`` for the
        counterfactual.
    seed : int, default 0
        Seeds the community detection and, on large graphs, the betweenness sample.
    measures : collection of str, optional
        The names of the measures to compute (default: all of :data:`MEASURES`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; the actor columns of :mod:`meetgraph.records`
        (``name_<language>`` per language of ``G``, ``type``, ``sector``,
        ``country``), then one column per measure of :data:`MEASURES` (those asked for).
        ``attrs`` holds ``statuses`` (sorted) and ``approximate`` (the
        measures estimated).

    Examples
    --------
    >>> P = nx.MultiGraph()
    >>> for u, v in ["ab", "bc"]:
    ...     _ = P.add_edge(u, v, key=u + v, status="held")
    >>> table = centrality(P)
    >>> table["closeness"].round(3).tolist()
    [0.667, 1.0, 0.667]
    >>> table["eigenvector"].round(3).tolist()
    [0.5, 0.707, 0.5]
    >>> table.attrs["approximate"]
    []
    >>> list(centrality(P, measures=["degree"]).columns)
    ['type', 'sector', 'country', 'degree']
    """
    wanted = [measure(name) for name in measures] if measures is not None else MEASURES
    H = collapse(G, statuses)
    nodes = list(H.nodes)
    languages = graph_languages(G)
    table = pd.DataFrame(
        [flat_values(G.nodes[n], ACTOR_COLUMNS, languages) for n in nodes],
        columns=flat_columns(ACTOR_COLUMNS, languages),
        index=pd.Index(nodes, name="actor", dtype=object),
    )
    collapsed = _Collapsed(H, nodes, seed, [])
    for entry in MEASURES:
        if entry not in wanted:
            continue
        values = entry.compute(collapsed)
        table[entry.name] = pd.Series(
            values, index=table.index, dtype=int if entry.integer else float
        )
    table.attrs["statuses"] = sorted(set(statuses))
    table.attrs["approximate"] = collapsed.approximate
    return table


def counterfactual(
    G: nx.MultiGraph,
    statuses: Collection[str] = _HELD,
    *,
    seed: int = 0,
) -> pd.DataFrame:
    """How each actor's centrality changes if the missing meetings had been held.

    Compares :func:`centrality` counting ``statuses`` with the same plus the
    ``missing`` edges.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``: the actor columns, then ``<measure>_before``,
        ``<measure>_after`` and ``<measure>_change`` for each of
        :data:`SIZE_MEASURES`; sorted by the change of the first, largest
        gain first.

    Examples
    --------
    >>> G = nx.MultiGraph()
    >>> G.add_nodes_from("vpm", type="person", sector="x", country="KR")
    >>> _ = G.add_edge("v", "p", key="a", status="held")
    >>> _ = G.add_edge("v", "m", key="r", status="missing")
    >>> change = counterfactual(G)
    >>> change.loc["m", ["degree_before", "degree_after", "degree_change"]].tolist()
    [0, 1, 1]
    >>> change.index[0]
    'm'
    """
    before = centrality(G, statuses, seed=seed)
    after = centrality(G, {*statuses, MeetingStatus.MISSING.value}, seed=seed)
    actor_columns = flat_columns(ACTOR_COLUMNS, graph_languages(G))
    result = before[actor_columns].copy()
    for entry in SIZE_MEASURES:
        result[f"{entry.name}_before"] = before[entry.name]
        result[f"{entry.name}_after"] = after[entry.name]
        result[f"{entry.name}_change"] = after[entry.name] - before[entry.name]
    ranking = f"{SIZE_MEASURES[0].name}_change"
    result = result.sort_values(ranking, ascending=False, kind="stable")
    approximate = before.attrs["approximate"] + after.attrs["approximate"]
    result.attrs["approximate"] = sorted(set(approximate))
    return result


def _betweenness(H: nx.Graph, nodes: list[Any], sources: np.ndarray) -> list[float]:
    """Brandes' betweenness from ``sources``, normalised as networkx does.

    Breadth-first searches from a batch of sources run at once, one sparse
    matrix product per level (the linear-algebra form of Brandes' algorithm),
    instead of one Python loop per source and edge. From all sources the
    result equals :func:`networkx.betweenness_centrality`; from a sample it
    is scaled by ``n / k`` as there.
    """
    n = len(nodes)
    if n <= 2:
        return [0.0] * n
    adjacency = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=None, format="csr")
    adjacency = adjacency.astype(np.float64)
    total = np.zeros(n)
    for start in range(0, len(sources), _BATCH):
        batch = sources[start : start + _BATCH]
        columns = np.arange(len(batch))
        sigma = np.zeros((n, len(batch)))
        sigma[batch, columns] = 1.0
        depth = np.full((n, len(batch)), -1, dtype=np.int32)
        depth[batch, columns] = 0
        frontier = sigma.copy()
        level = 0
        while True:
            arriving = adjacency @ frontier
            new = (arriving > 0) & (depth < 0)
            if not new.any():
                break
            level += 1
            depth[new] = level
            sigma[new] = arriving[new]
            frontier = np.where(new, arriving, 0.0)
        delta = np.zeros_like(sigma)
        safe_sigma = np.where(sigma > 0, sigma, 1.0)
        for d in range(level, 0, -1):
            coefficient = np.where(depth == d, (1.0 + delta) / safe_sigma, 0.0)
            delta += np.where(depth == d - 1, sigma * (adjacency @ coefficient), 0.0)
        delta[batch, columns] = 0.0
        total += delta.sum(axis=1)
    scale = 1.0 / ((n - 1) * (n - 2))
    if len(sources) < n:
        scale *= n / len(sources)
    return [float(v) for v in total * scale]


def _closeness(H: nx.Graph, nodes: list[Any]) -> list[float]:
    """Wasserman-Faust closeness (as networkx's default), by breadth-first search in C."""
    n = len(nodes)
    if n <= 1:
        return [0.0] * n
    adjacency = nx.to_scipy_sparse_array(H, nodelist=nodes, weight=None, format="csr")
    result = np.zeros(n)
    # Rows of the distance matrix in blocks, so memory stays at block x n floats.
    block = max(1, 4_000_000 // n)
    for start in range(0, n, block):
        rows = np.arange(start, min(n, start + block))
        distances = shortest_path(adjacency, unweighted=True, directed=False, indices=rows)
        reachable = np.isfinite(distances)
        reached = reachable.sum(axis=1) - 1
        total = np.where(reachable, distances, 0).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(total > 0, reached / total * reached / (n - 1), 0.0)
        result[rows] = value
    return [float(v) for v in result]


def _eigenvector(H: nx.Graph, nodes: list[Any]) -> list[float]:
    # Per component: on a disconnected graph the global eigenvector is zero outside
    # the dominant component, and networkx may not converge; each part is ranked on its own.
    values: dict[Any, float] = {}
    for component in nx.connected_components(H):
        if len(component) < 2:
            continue
        sub = H.subgraph(component)
        if len(component) == 2:
            values.update(dict.fromkeys(component, 2**-0.5))
            continue
        values.update(_leading_eigenvector(sub))
    return [values.get(n, 0.0) for n in nodes]


def _leading_eigenvector(H: nx.Graph) -> dict[Any, float]:
    """The unit leading eigenvector of a connected graph's weighted adjacency, all positive.

    As :func:`networkx.eigenvector_centrality_numpy`, but the same graph always
    gives the same bits: a dense symmetric solver for small graphs, and for
    large ones Lanczos from a fixed start vector (networkx starts from a
    random one, so the last digits changed from run to run).
    """
    nodes = list(H)
    adjacency = nx.to_scipy_sparse_array(H, nodelist=nodes, weight="weight").astype(float)
    if len(nodes) <= _DENSE_EIGEN_LIMIT:
        vector = np.linalg.eigh(adjacency.toarray())[1][:, -1]
    else:
        start = np.ones(len(nodes))
        vector = eigsh(adjacency, k=1, which="LA", v0=start)[1][:, 0]
    vector = np.abs(vector) / np.linalg.norm(vector)
    return {node: float(value) for node, value in zip(nodes, vector, strict=True)}


def _communities(H: nx.Graph, nodes: list[Any], seed: int) -> list[int]:
    if H.number_of_edges() == 0:
        found: list[set[Any]] = [{n} for n in nodes]
    else:
        found = nx.community.louvain_communities(H, weight="weight", seed=seed)
    # Number communities by size, then by their first actor, so ids are stable.
    position = {n: i for i, n in enumerate(nodes)}
    ordered = sorted(found, key=lambda c: (-len(c), min(position[n] for n in c)))
    label = {n: i for i, community in enumerate(ordered) for n in community}
    return [label[n] for n in nodes]
