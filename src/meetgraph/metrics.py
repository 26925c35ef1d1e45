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
    (unweighted: a meeting is a meeting), ``eigenvector`` (weighted, on the
    main component, the one with the most actors, unit norm there; 0 for
    every actor outside it, so an isolated pair never outranks the centre of
    the story) and ``community`` (seeded Louvain on the weights; 0 is the
    largest).

The measures are registered in :data:`MEASURES`, which the CLI, the app's
size-by choice, the what-if table and the UI words (``measure.<name>``)
read: to add a measure, add an entry.

NetworkX stays the graph model and the reference; the kernels are
python-igraph's (C), run on the collapsed graph converted once, by integer
index, except the sampled closeness (scipy's breadth-first searches). Each
exact measure equals networkx's own function (``pagerank``,
``betweenness_centrality``, ``closeness_centrality``,
``eigenvector_centrality_numpy`` on the main component) to 1e-9. Communities come
from igraph's Louvain (``community_multilevel``), seeded: the same graph and
seed give the same communities, which may differ from networkx's Louvain
(another valid partition).

Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` actors and
closeness up to :data:`EXACT_CLOSENESS_LIMIT`; above, both are estimated from
the same seeded sample of :data:`BETWEENNESS_SAMPLE` source actors (the
sample networkx's ``betweenness_centrality(k=..., seed=...)`` draws, with its
scaling). The table then lists them in ``table.attrs["approximate"]``.

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

import random
import re
import threading
import warnings
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

import igraph
import networkx as nx
import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.sparse import csr_array
from scipy.sparse.csgraph import breadth_first_order
from threadpoolctl import ThreadpoolController

from meetgraph.bulk import collection_paused, pairs_with_edges
from meetgraph.labels import graph_languages
from meetgraph.records import ACTOR_COLUMNS, FlatRecords, flat_columns
from meetgraph.vocabulary import MeetingStatus

__all__ = [
    "BETWEENNESS_SAMPLE",
    "EXACT_BETWEENNESS_LIMIT",
    "EXACT_CLOSENESS_LIMIT",
    "MEASURES",
    "SIZE_MEASURES",
    "Measure",
    "centrality",
    "collapse",
    "counterfactual",
    "measure",
]

#: Actor count up to which betweenness is exact (Brandes: a search from every actor).
EXACT_BETWEENNESS_LIMIT = 5000
#: Actor count up to which closeness is exact (a search from every actor).
EXACT_CLOSENESS_LIMIT = 10000
#: Source actors sampled (seeded) for betweenness and closeness above their limits.
BETWEENNESS_SAMPLE = 300
# Sampled sources an estimated closeness averages over at least; below, exact.
_MIN_SOURCES = 20
_HELD = (MeetingStatus.HELD.value,)
# python-igraph draws random numbers from one process-wide generator; Louvain
# swaps in a seeded one for its call, one call at a time (the app has threads).
_IGRAPH_RANDOM = threading.Lock()

# igraph's warning of zeros in an eigenvector, which ours has outside the main component.
_ZERO_WARNING = "Some eigenvector centralities are nearly zero"
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass
class _Collapsed:
    """What every measure reads: the collapsed graph as index arrays, the seed.

    ``first`` < ``second`` are the node positions of each pair that met and
    ``weight`` its meetings, one row per pair, sorted.
    """

    nodes: list[Any]
    first: Ints
    second: Ints
    weight: Ints
    seed: int
    approximate: list[str] = field(default_factory=list)

    @cached_property
    def graph(self) -> igraph.Graph:
        """The same graph in igraph, vertex ``i`` being ``nodes[i]``."""
        pairs = np.column_stack([self.first, self.second]).tolist()
        graph = igraph.Graph(n=len(self.nodes), edges=pairs)
        graph.es["weight"] = self.weight.astype(float).tolist()
        return graph

    @cached_property
    def membership(self) -> Ints:
        """Each node's connected component, numbered in the order of their first actors."""
        # GraphBase's own call: a plain list, without Graph's VertexClustering around it.
        found = igraph.GraphBase.connected_components(self.graph)
        return np.asarray(found, dtype=np.int64)

    @cached_property
    def reached(self) -> Ints:
        """For each node, how many others it can reach (its component's size - 1)."""
        return np.bincount(self.membership)[self.membership] - 1

    @cached_property
    def sample(self) -> list[int] | None:
        """The seeded source actors for estimates: networkx's ``k`` sample, or None."""
        n = len(self.nodes)
        if n <= min(EXACT_BETWEENNESS_LIMIT, EXACT_CLOSENESS_LIMIT):
            return None
        # As networkx's @py_random_state draws it: the same positions, so the same nodes.
        return random.Random(self.seed).sample(range(n), min(BETWEENNESS_SAMPLE, n))


def _collapsed(G: nx.MultiGraph, statuses: Collection[str], seed: int) -> _Collapsed:
    """``G``'s meetings of ``statuses`` as weighted pairs of node positions."""
    wanted = set(statuses)
    nodes = list(G.nodes)
    n = max(len(nodes), 1)
    position = {node: i for i, node in enumerate(nodes)}
    # One pass in Python, pair by pair, into lists (no tuple or dict per pair: at 50,000
    # actors that cost seconds); the rest in numpy. In a MultiGraph a key is unique per
    # pair, so a pair's edges are its distinct meetings.
    low: list[int] = []
    high: list[int] = []
    met: list[int] = []
    for u, v, keyed in pairs_with_edges(G):
        if v == u:
            continue
        count = 0
        for data in keyed.values():
            if data.get("status") in wanted:
                count += 1
        if count:
            a, b = position[u], position[v]
            low.append(a if a < b else b)
            high.append(b if a < b else a)
            met.append(count)
    pairs = np.array(low, dtype=np.int64) * n + np.array(high, dtype=np.int64)
    order = np.argsort(pairs)
    pairs = pairs[order]
    counts = np.array(met, dtype=np.int64)[order]
    return _Collapsed(nodes, pairs // n, pairs % n, counts, seed)


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
    c = _collapsed(G, statuses, seed=0)
    H: nx.Graph = nx.Graph()
    H.add_nodes_from(c.nodes)
    nodes = c.nodes
    H.add_weighted_edges_from(
        (nodes[u], nodes[v], w)
        for u, v, w in zip(c.first.tolist(), c.second.tolist(), c.weight.tolist(), strict=True)
    )
    return H


@dataclass(frozen=True)
class Measure:
    """One centrality measure: a column of :func:`centrality`."""

    name: str  #: the column, and the locale word's key ``measure.<name>``
    compute: Callable[[_Collapsed], npt.NDArray[Any]]  #: a value per node, in node order
    integer: bool = False  #: whether its values are counts (shown without decimals)
    size: bool = True  #: whether larger means more central (so it can size nodes)


def _degree(c: _Collapsed) -> Ints:
    ends = np.concatenate([c.first, c.second])
    return np.bincount(ends, minlength=len(c.nodes)).astype(np.int64)


def _weighted_degree(c: _Collapsed) -> Ints:
    ends = np.concatenate([c.first, c.second])
    weights = np.concatenate([c.weight, c.weight])
    return np.bincount(ends, weights, minlength=len(c.nodes)).astype(np.int64)


@contextmanager
def _igraph_seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` for the block, then its default."""
    with _IGRAPH_RANDOM:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


@cache
def _threadpools() -> ThreadpoolController:
    """The thread pools loaded with igraph (its bundled OpenMP), found once."""
    return ThreadpoolController()


def _pagerank(c: _Collapsed) -> Floats:
    """Weighted PageRank, damping 0.85, as networkx's (solved to machine precision).

    By igraph's PRPACK on one OpenMP thread. With its default team of threads it
    took 0.45 s of CPU against 0.01 s at 5,000 actors (the threads spin while
    they wait on a busy machine); ARPACK, used before, took twice the CPU of one
    thread. The limit is the calling thread's own, so other threads keep theirs.
    """
    if not c.nodes:
        return np.zeros(0)
    with _threadpools().limit(limits=1, user_api="openmp"):
        ranks = c.graph.pagerank(directed=False, weights="weight", implementation="prpack")
    return np.asarray(ranks)


def _betweenness(c: _Collapsed) -> Floats:
    """Normalised betweenness as networkx's, exact or from :attr:`_Collapsed.sample`."""
    n = len(c.nodes)
    if n <= 2:
        return np.zeros(n)
    if n <= EXACT_BETWEENNESS_LIMIT or c.sample is None:
        # igraph counts each unordered pair once; networkx normalises both orders.
        every: Floats = np.asarray(c.graph.betweenness(directed=False), dtype=float)
        return every * 2 / ((n - 1) * (n - 2))
    c.approximate.append("betweenness")
    k = len(c.sample)
    # From k sources, igraph halves the counts as for an undirected graph; networkx
    # scales a source by 1 / (k - 1) (it is never its own target) and others by 1 / k.
    counts: Floats = np.asarray(c.graph.betweenness(directed=False, sources=c.sample)) * 2
    pairs = np.full(n, float(k * (n - 2)))
    pairs[c.sample] = (k - 1) * (n - 2)
    estimate: Floats = counts / pairs
    return estimate


def _closeness(c: _Collapsed) -> Floats:
    """Wasserman-Faust closeness (networkx's default), exact or estimated from the sample.

    An actor reaching ``r`` of the ``n - 1`` others at total distance ``d``
    scores ``r / d * r / (n - 1)``. Above :data:`EXACT_CLOSENESS_LIMIT`,
    ``d`` is ``r`` times the mean distance to the sampled sources in its
    component (distances are symmetric); a source's own search gives it the
    exact value, and an actor whose component holds fewer than
    ``_MIN_SOURCES`` other sources (a small component) is searched from exactly.
    """
    n = len(c.nodes)
    if n <= 1:
        return np.zeros(n)
    reached = c.reached.astype(float)
    scale = reached * reached / (n - 1)
    if n <= EXACT_CLOSENESS_LIMIT or c.sample is None:
        # igraph's unnormalised closeness is 1 / d over the reachable actors (NaN if none).
        inverse: Floats = np.asarray(c.graph.closeness(normalized=False), dtype=float)
        inverse[np.isnan(inverse)] = 0.0
        exact: Floats = inverse * scale
        return exact
    c.approximate.append("closeness")
    sources = np.asarray(c.sample)
    found, total, own = _sampled_distances(c, sources)
    result = np.zeros(n)
    estimated = found >= _MIN_SOURCES
    result[estimated] = found[estimated] / total[estimated] * reached[estimated] / (n - 1)
    result[sources] = np.where(own > 0, scale[sources] / np.maximum(own, 1), 0.0)
    estimated[sources] = True
    rest = np.flatnonzero(~estimated & (reached > 0))
    if len(rest):
        inverse = np.asarray(c.graph.closeness(vertices=rest.tolist(), normalized=False))
        result[rest] = inverse * scale[rest]
    return result


def _eigenvector(c: _Collapsed) -> Floats:
    """Weighted eigenvector centrality of the main component, unit norm; 0 elsewhere.

    The main component is the one with the most actors (on a tie, the one
    holding the actor first in the graph's order). Ranked each on its own, a
    pair that met only each other would score 1/sqrt(2) and outrank the centre
    of the story; the whole graph's leading eigenvector is zero outside one
    component anyway, and which one depends on the weights, not on who matters.
    """
    values = np.zeros(len(c.nodes))
    if not len(c.first):
        return values
    membership = c.membership
    # Components are numbered by their first actor, so the first of the largest wins ties.
    main = membership == int(np.argmax(np.bincount(membership)))
    members = np.flatnonzero(main)
    if len(members) == 2:  # igraph's solver needs three actors
        values[members] = 2**-0.5
        return values
    # On the whole graph, the pairs outside the main component weighing 0: no copy of
    # the component (it cost more than the solve). igraph starts from the strengths,
    # perturbed where not 0, so its start, and so its digits, are the component's own.
    weights = np.where(main[c.first], c.weight, 0).tolist()
    # Zero by design. Filtered for this module's calls only, and before each call: a
    # warnings.catch_warnings block around the import (pytest's) would drop it on leaving.
    warnings.filterwarnings("ignore", _ZERO_WARNING, RuntimeWarning, re.escape(__name__))
    # igraph perturbs its start vector at random: seeded, the digits repeat.
    with _igraph_seeded(c.seed):
        vector = np.asarray(c.graph.eigenvector_centrality(weights=weights))[members]
    # Not np.linalg.norm: OpenBLAS's threads spin after its dot product (7 ms at 50,000
    # actors, then about as much CPU again in whatever runs next); numpy's own sum does not.
    values[members] = vector / np.sqrt(np.square(vector).sum())
    return values


def _communities(c: _Collapsed) -> Ints:
    """Seeded Louvain (igraph's multilevel) on the weights, numbered by size."""
    with _igraph_seeded(c.seed):
        membership = c.graph.community_multilevel(weights="weight").membership
    found = np.asarray(membership, dtype=np.int64)
    if not len(found):
        return found
    # Number communities by size, then by their first actor, so ids are stable.
    sizes = np.bincount(found)
    first = np.full(len(sizes), len(found))
    np.minimum.at(first, found, np.arange(len(found)))
    order = np.lexsort((first, -sizes))
    label = np.empty_like(order)
    label[order] = np.arange(len(order))
    return label[found]


#: Every measure, in column order; the first ranks actors ("most central first").
MEASURES: tuple[Measure, ...] = (
    Measure("pagerank", _pagerank),
    Measure("degree", _degree, integer=True),
    Measure("weighted_degree", _weighted_degree, integer=True),
    Measure("betweenness", _betweenness),
    Measure("closeness", _closeness),
    Measure("eigenvector", _eigenvector),
    Measure("community", _communities, integer=True, size=False),
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


def _sampled_distances(c: _Collapsed, sources: Ints) -> tuple[Ints, Floats, Floats]:
    """From the sampled sources: per actor, how many reach it and their total distance to
    it; per source, its total distance to all it reaches (a search reaches all: exact).

    One breadth-first search per source (scipy's, into arrays), so memory is a few
    arrays of ``n`` whatever the sample: all 300 distance rows at once would hold
    120 MB at 50,000 actors. Distances are whole numbers, so the sums are exact.
    At 50,000 actors this took 0.75 s of CPU, against 2.1 s for scipy's
    ``shortest_path(unweighted=True)`` (a heap) and 1.4 s for igraph's
    ``distances`` (Python lists).
    """
    n = len(c.nodes)
    # Both directions stored: scipy's undirected search would add the transpose per call.
    rows, columns = np.concatenate([c.first, c.second]), np.concatenate([c.second, c.first])
    adjacency = csr_array((np.ones(len(rows)), (rows, columns)), shape=(n, n))
    found, total = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    own = np.zeros(len(sources))
    position = np.empty(n, dtype=np.int64)
    for i, source in enumerate(sources.tolist()):
        order, parent = breadth_first_order(
            adjacency, source, directed=True, return_predecessors=True
        )
        depth = _depths(order, parent, position)
        found[order[1:]] += 1  # a source is not its own sample
        total[order] += depth
        own[i] = depth.sum()
    return found, total.astype(float), own


def _depths(order: Ints, parent: Ints, position: Ints) -> Ints:
    """Each actor's distance from ``order[0]``, along a breadth-first ``order``.

    Distances never decrease along the order, so an actor's parent being at
    distance ``k`` or more is false, then true: each layer ends where that turns,
    found by bisection. ``position`` is scratch space of ``n``.
    """
    position[order] = np.arange(len(order))
    above = position[parent[order[1:]]]  # where each actor's parent is in the order
    bounds = [0, 1]  # layer k is order[bounds[k] : bounds[k + 1]]; the source is layer 0
    while bounds[-1] < len(order):
        # The layer starting at bounds[-1] ends where actors whose parent is in it begin.
        bounds.append(1 + int(np.searchsorted(above, bounds[-1])))
    return np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))


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
    # Millions of short-lived numbers and no cycles: collections would rescan the graph.
    with collection_paused():
        collapsed = _collapsed(G, statuses, seed)
        nodes = collapsed.nodes
        languages = graph_languages(G)
        actors = FlatRecords(ACTOR_COLUMNS, languages)
        table = pd.DataFrame(
            [actors.values(G.nodes[n]) for n in nodes],
            columns=actors.columns,
            index=pd.Index(nodes, name="actor", dtype=object),
        )
        for entry in MEASURES:
            if entry in wanted:
                values = entry.compute(collapsed)
                dtype = int if entry.integer else float
                table[entry.name] = pd.Series(values, index=table.index, dtype=dtype)
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
