"""Centrality of the actors, computed on a collapsed, weighted view of the meetings.

The meeting graph is a multigraph of every meeting pair and status. Metrics
are computed on :func:`collapse`: a simple graph over the same actors whose
edge weight is the number of distinct meetings between two actors, counting
only the chosen statuses (``held`` by default). Missing edges count only when
asked for: that is the counterfactual, "what if the expected meetings had
happened" (:func:`counterfactual`).

Measures (one column each)
    ``degree`` (distinct actors met), ``weighted_degree`` (meetings),
    ``betweenness`` and ``closeness`` (unweighted: a meeting is a meeting),
    ``eigenvector`` (weighted, per connected component, unit norm in each;
    0 for an actor who met no one), ``pagerank`` (weighted) and
    ``community`` (seeded Louvain on the weights; 0 is the largest).

Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` actors and
estimated from a seeded sample of :data:`BETWEENNESS_SAMPLE` source actors
above it; the table then lists it in ``table.attrs["approximate"]``.

Examples
--------
>>> G = nx.MultiGraph()
>>> G.add_nodes_from("abc", name_en="x", name_ko=None, type="person", sector="ai", country="KR")
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

from collections.abc import Collection, Hashable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse.csgraph import shortest_path

from meetgraph.schema import MeetingStatus

__all__ = [
    "BETWEENNESS_SAMPLE",
    "EXACT_BETWEENNESS_LIMIT",
    "MEASURES",
    "centrality",
    "collapse",
    "counterfactual",
]

#: Actor count up to which betweenness is exact (Brandes, O(n·m)).
EXACT_BETWEENNESS_LIMIT = 2000
#: Source actors sampled (seeded) for betweenness above the limit.
BETWEENNESS_SAMPLE = 300
#: The numeric measures of :func:`centrality`, in column order.
MEASURES = (
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "community",
)
_NODE_COLUMNS = ("name_en", "name_ko", "type", "sector", "country")
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


def centrality(
    G: nx.MultiGraph,
    statuses: Collection[str] = _HELD,
    *,
    seed: int = 0,
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

    Returns
    -------
    pandas.DataFrame
        Indexed by ``actor``; columns ``name_en``, ``name_ko``, ``type``,
        ``sector``, ``country`` and the :data:`MEASURES`. ``attrs`` holds
        ``statuses`` (sorted) and ``approximate`` (the measures estimated).

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
    """
    H = collapse(G, statuses)
    nodes = list(H.nodes)
    table = pd.DataFrame(
        {column: [G.nodes[n].get(column) for n in nodes] for column in _NODE_COLUMNS},
        index=pd.Index(nodes, name="actor", dtype=object),
    )
    approximate: list[str] = []
    table["degree"] = [H.degree(n) for n in nodes]
    table["weighted_degree"] = [H.degree(n, weight="weight") for n in nodes]
    sources = np.arange(len(nodes))
    if len(H) > EXACT_BETWEENNESS_LIMIT:
        approximate.append("betweenness")
        rng = np.random.default_rng(seed)
        sources = np.sort(rng.choice(len(nodes), size=BETWEENNESS_SAMPLE, replace=False))
    table["betweenness"] = _betweenness(H, nodes, sources)
    table["closeness"] = _closeness(H, nodes)
    table["eigenvector"] = _eigenvector(H, nodes)
    pagerank = nx.pagerank(H, weight="weight") if len(H) else {}
    table["pagerank"] = [pagerank.get(n, 0.0) for n in nodes]
    table["community"] = _communities(H, nodes, seed)
    table.attrs["statuses"] = sorted(set(statuses))
    table.attrs["approximate"] = approximate
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
        Indexed by ``actor``: ``name_en``, ``name_ko``, ``sector``,
        ``country``, then ``<measure>_before``, ``<measure>_after`` and
        ``<measure>_change`` for degree, betweenness, closeness, eigenvector
        and pagerank; sorted by ``pagerank_change``, largest gain first.

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
    result = before[["name_en", "name_ko", "sector", "country"]].copy()
    for measure in ("degree", "betweenness", "closeness", "eigenvector", "pagerank"):
        result[f"{measure}_before"] = before[measure]
        result[f"{measure}_after"] = after[measure]
        result[f"{measure}_change"] = after[measure] - before[measure]
    result = result.sort_values("pagerank_change", ascending=False, kind="stable")
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
        scores = nx.eigenvector_centrality_numpy(sub, weight="weight")
        values.update({node: abs(float(score)) for node, score in scores.items()})
    return [values.get(n, 0.0) for n in nodes]


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
