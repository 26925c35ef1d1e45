"""Where to draw each actor: a deterministic force-directed layout, computed on the server.

The page receives positions and keeps its physics off (or brief), so a graph
appears at once and the same graph and seed always look the same.

Examples
--------
>>> G = nx.MultiGraph([("a", "b"), ("b", "c")])
>>> layout_positions(G, seed=1) == layout_positions(G, seed=1)
True
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from meetgraph.vocabulary import MeetingStatus

__all__ = ["layout_positions"]


def layout_positions(G: nx.MultiGraph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Deterministic node positions in pixel-like coordinates.

    A force-directed (Fruchterman-Reingold) layout of the simple graph that
    collapses ``G``: a pair that met ``c`` times attracts with weight
    ``1 + log(c)``. ``missing`` edges are left out, as they are in the page's
    physics, so that an actor nobody met stays apart. A weak pull to the centre
    keeps isolates close. Repulsion is exact up to 800 nodes; above, each step
    samples 300 nodes (scaled up), which keeps 5,000 nodes to about a second.

    Parameters
    ----------
    G : networkx.MultiGraph
        The graph to place.
    seed : int
        Seed of the random start; the same graph and seed give the same result.

    Returns
    -------
    dict
        Node to ``(x, y)``, centred on 0 and spread over about ``120 * sqrt(n)``.

    Examples
    --------
    >>> G = nx.MultiGraph([("a", "b"), ("b", "c")])
    >>> pos = layout_positions(G, seed=3)
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout_positions(G, seed=3)
    True
    >>> layout_positions(nx.MultiGraph())
    {}
    """
    nodes = sorted(G.nodes, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    counts: dict[tuple[int, int], int] = {}
    for u, v, data in G.edges(data=True):
        if data.get("status") == MeetingStatus.MISSING or u == v:
            continue
        pair = (min(index[u], index[v]), max(index[u], index[v]))
        counts[pair] = counts.get(pair, 0) + 1
    rows = np.fromiter((p[0] for p in counts), dtype=np.intp, count=len(counts))
    cols = np.fromiter((p[1] for p in counts), dtype=np.intp, count=len(counts))
    weights = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
    xy = _force_layout(n, rows, cols, weights, np.random.default_rng(seed))
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    xy *= 60.0 * math.sqrt(n) / extent
    rounded = np.round(xy, 2).tolist()
    return {node: (x, y) for node, (x, y) in zip(nodes, rounded, strict=True)}


def _force_layout(
    n: int,
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    rng: np.random.Generator,
    *,
    exact_below: int = 800,
    sample: int = 300,
    gravity: float = 2.0,
) -> np.ndarray:
    """Fruchterman-Reingold with gravity in a ``[-1, 1]`` frame, linear cooling."""
    pos = rng.uniform(-1.0, 1.0, size=(n, 2))
    k2 = 4.0 / n  # squared ideal distance: the frame's area shared by n nodes
    k = math.sqrt(k2)
    iterations = 100 if n <= exact_below else 60
    temperature = 0.2
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n <= exact_below:
            others, scale = pos, 1.0
        else:
            others, scale = pos[rng.choice(n, size=sample, replace=False)], n / sample
        # float32 halves the memory traffic of the n x s matrices; plenty for a drawing.
        dx = np.subtract.outer(pos[:, 0].astype(np.float32), others[:, 0].astype(np.float32))
        dy = np.subtract.outer(pos[:, 1].astype(np.float32), others[:, 1].astype(np.float32))
        d2 = dx * dx
        d2 += dy * dy
        # A node's own term has dx = dy = 0, so it adds nothing despite the clamp.
        np.maximum(d2, 1e-9, out=d2)
        inverse = np.divide(np.float32(k2 * scale), d2, out=d2)
        dx *= inverse
        dy *= inverse
        disp = np.stack([dx.sum(axis=1), dy.sum(axis=1)], axis=1).astype(float)
        if len(rows):
            edge = pos[rows] - pos[cols]
            pull = edge * (np.sqrt(np.einsum("ij,ij->i", edge, edge)) * weights / k)[:, None]
            for dim in range(2):
                disp[:, dim] -= np.bincount(rows, pull[:, dim], minlength=n)
                disp[:, dim] += np.bincount(cols, pull[:, dim], minlength=n)
        disp -= gravity * pos
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp))
        length[length < 1e-12] = 1e-12
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        pos += rng.normal(scale=1e-6, size=pos.shape)
        temperature -= cooling
    return pos
