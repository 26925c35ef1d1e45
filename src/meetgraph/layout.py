"""Where to draw each actor: a deterministic layout, made on the server, that keeps the story.

The page receives positions and keeps its physics off (or brief), so a graph
appears at once and the same graph and seed always look the same. Three
passes:

1. A force-directed layout (Fruchterman-Reingold; above :data:`GRID_ABOVE`
   actors its repulsion on a grid) of the meetings, with the
   affiliations (an actor and the organisation it belongs to) as weak
   springs, so organisations sit near their people.
2. The actors at the far end of an expected-but-missing edge are set on an
   arc of their own around the visitor, in the widest gap between the
   visitor's other edges (the side away from its meetings); the rest then
   settle around them.
3. A separation pass moves actors as little as needed so that no two
   footprints overlap (a footprint is the node's box and its label below
   it, as vis-network draws them), no missing edge passes within
   :data:`CORRIDOR_MARGIN` of another node's disc, and no edge lies along a
   missing edge (an angle under :data:`ALONG_ANGLE` where they meet, or
   nearly parallel and closer than :data:`ALONG_DISTANCE`). Above
   :data:`SEPARATED_MOST` actors it moves only the ones a page draws (the
   largest first), and a dense drawing with many missing edges, of any
   size, gets fewer rounds: there it is best effort. The edges of an actor
   joined to more than :data:`TURNED_MOST` others are not turned out of
   its missing edges' fans, and a drawing with such an actor gets the
   fewest rounds (a dense core that never settles).

Sizes and labels shape the footprints: pass the ``sizes`` and ``labels`` the
page draws (:func:`meetgraph.render.render_html` does).

Examples
--------
>>> G = nx.MultiGraph([("a", "b"), ("b", "c")])
>>> layout_positions(G, seed=1) == layout_positions(G, seed=1)
True
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from meetgraph.bulk import pairs_with_edges
from meetgraph.labels import actor_labels
from meetgraph.styles import LABEL_FONT_SIZE, size_scale
from meetgraph.vocabulary import MISSING

__all__ = [
    "ALONG_ANGLE",
    "ALONG_DISTANCE",
    "CLEARED_MOST",
    "CORRIDOR_MARGIN",
    "FOOTPRINT_MARGIN",
    "GRID_ABOVE",
    "GRID_CELLS",
    "LABEL_LINE_HEIGHT",
    "SEPARATED_MOST",
    "TURNED_MOST",
    "affiliation_pairs",
    "gathered",
    "label_width",
    "layout_positions",
    "separated",
]

#: Pixels kept free between two actors' footprints (node box and label).
FOOTPRINT_MARGIN = 6.0
#: Pixels kept free between a missing edge and the disc of any node it does not join.
CORRIDOR_MARGIN = 10.0
#: The smallest angle (radians) between a missing edge and another edge at a shared end.
ALONG_ANGLE = math.radians(15)
#: Two nearly parallel edges (within :data:`ALONG_ANGLE`) closer than this lie along each other.
ALONG_DISTANCE = 18.0
#: A label line's height, in ems of the label font (vis-network draws it below the node).
LABEL_LINE_HEIGHT = 1.25
#: Above this many actors the layout's repulsion is computed on a grid (:data:`GRID_CELLS`
#: a side) rather than from a sample of the actors: as good a layout, five times sooner at 50,000.
GRID_ABOVE = 5000
#: The repulsion grid's cells a side (see :data:`GRID_ABOVE`).
GRID_CELLS = 256
#: The pull of an affiliation spring, against 1 for a pair that met once.
AFFILIATION_PULL = 0.5

_SPACING = 120.0  # pixels between neighbours in the force layout (its ideal distance)
_SEPARATION_ROUNDS = 300  # at most; a drawing of a few hundred actors needs tens
_EXACT_PAIRS_BELOW = 400  # nodes; above, candidate pairs come from a k-d tree
_OUTWARD = 8.0  # pixels an edge turned off a missing edge also moves out, to find room
#: The missing edges the separation keeps clear, at most (each costs a pass over every edge
#: per round); the others are placed on their arcs but not mended.
CLEARED_MOST = 60
#: The nodes the separation moves, at most: a page draws no more (see
#: :data:`meetgraph.render.MAX_DRAWN_NODES`), and moving the others would be wasted.
SEPARATED_MOST = 1500
_CLEARING_WORK = 20_000_000  # missing edge x edge tests, at most, over a large drawing's rounds
_FEWEST_ROUNDS = 10
#: A node joined to more actors than this keeps its edges in its fans of missing edges:
#: they cannot all leave them, and turning them round and round spreads the drawing far.
#: A drawing with such a node at a missing edge gets the fewest rounds.
TURNED_MOST = 40
_TURN_WORK = 20  # edge tests (numpy) that one test of an edge against a fan (Python) costs
_SKIN = 40.0  # pixels: candidate pairs are found this much wider and reused meanwhile


def label_width(text: str, font_size: float = LABEL_FONT_SIZE) -> float:
    """The estimated width of a one-line label: wide East Asian characters 1 em, others 0.6.

    >>> label_width("Son"), label_width("손정의")
    (25.2, 42.0)
    """
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)
    return round(font_size * ems, 2)


def affiliation_pairs(G: nx.MultiGraph) -> list[tuple[Any, Any]]:
    """Each actor and the actor it is affiliated with, when both are in ``G``.

    >>> G = nx.MultiGraph()
    >>> G.add_node("lee", affiliation="samsung"); G.add_node("samsung")
    >>> G.add_node("son", affiliation="softbank")  # not in the graph: no pair
    >>> affiliation_pairs(G)
    [('lee', 'samsung')]
    """
    return [
        (node, target)
        for node, target in G.nodes(data="affiliation")
        if target is not None and target != node and target in G
    ]


def layout_positions(
    G: nx.MultiGraph,
    *,
    seed: int = 0,
    sizes: Mapping[Any, float] | None = None,
    labels: Mapping[Any, str] | None = None,
    font_size: float = LABEL_FONT_SIZE,
) -> dict[Any, tuple[float, float]]:
    """Deterministic node positions in pixels, as the page draws them.

    A force-directed layout of the simple graph that collapses ``G``: a pair
    that met ``c`` times attracts with weight ``1 + log(c)``, an affiliation
    with :data:`AFFILIATION_PULL`. ``missing`` edges do not pull: their far
    ends are set on an arc around their visitor, clear of the other edges.
    A weak pull to the centre keeps isolates close. Repulsion is exact up to
    800 nodes; above, each step samples 300 nodes (scaled up). Then
    :func:`separated` removes overlaps and clears the missing edges.

    Parameters
    ----------
    G : networkx.MultiGraph
        The graph to place.
    seed : int
        Seed of the random start; the same graph and seed give the same result.
    sizes : mapping, optional
        Node to a number, as given to :func:`meetgraph.render.render_html`
        (scaled to the drawn sizes by :func:`meetgraph.styles.size_scale`).
    labels : mapping, optional
        Node to its label as drawn (default: its name in the dataset's first language).
    font_size : float
        The labels' font size in pixels.

    Returns
    -------
    dict
        Node to ``(x, y)``, centred on 0, rounded to hundredths.

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
    scene = _scene(G, nodes, sizes, labels, font_size)
    rng = np.random.default_rng(seed)
    xy = _force_layout(n, scene.springs, rng)
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    # The ideal distance (2 / sqrt(n) in the unit frame) becomes _SPACING pixels.
    scale = _SPACING * math.sqrt(n) / 2.0 / extent
    xy *= scale
    if len(scene.missing[0]):
        xy = _place_missing(xy, scene)
        # The others settle around the actors just placed, which stay where they are.
        fixed = np.zeros(n, dtype=bool)
        fixed[scene.missing[0]] = fixed[scene.missing[1]] = True
        xy = _force_layout(n, scene.springs, rng, start=xy / scale, fixed=fixed) * scale
    xy = _separate(_spread(xy, scene), scene)
    xy -= xy.mean(axis=0)
    return _as_positions(nodes, xy)


def separated(
    G: nx.MultiGraph,
    positions: Mapping[Any, tuple[float, float]],
    *,
    sizes: Mapping[Any, float] | None = None,
    labels: Mapping[Any, str] | None = None,
    font_size: float = LABEL_FONT_SIZE,
) -> dict[Any, tuple[float, float]]:
    """``positions`` of ``G``'s nodes moved as little as needed to read the drawing.

    The third pass of :func:`layout_positions` alone: for a view of a graph
    laid out whole, drawn with its own sizes, so that its actors stay where
    they were. A node without a position starts at the origin.

    >>> G = nx.MultiGraph([("a", "b")])
    >>> pos = separated(G, {"a": (0.0, 0.0), "b": (1.0, 0.0)})
    >>> abs(pos["a"][0] - pos["b"][0]) > 36  # two discs of 18 px apart
    True
    >>> separated(G, pos) == pos  # nothing left to move
    True
    """
    nodes = sorted(G.nodes, key=str)
    if not nodes:
        return {}
    xy = np.array([positions.get(node, (0.0, 0.0)) for node in nodes], dtype=float)
    scene = _scene(G, nodes, sizes, labels, font_size)
    return _as_positions(nodes, _separate(xy, scene))


def gathered(
    positions: Mapping[Any, tuple[float, float]], nodes: Collection[Any]
) -> dict[Any, tuple[float, float]]:
    """The places of ``nodes`` in ``positions``, drawn together to a layout of their own's spread.

    ``positions`` lay out a larger graph; a part of it (the top actors of a
    view too large to draw) keeps its actors' places relative to each other,
    scaled about their centre so that they reach as far from it as
    :func:`layout_positions` would set that many actors, never further apart
    than they were. Otherwise a few dozen actors drawn from a layout of
    20,000 are thousands of pixels apart, and a browser draws them zoomed out
    so far that a dashed edge is thousands of dashes. A node without a
    position is left out.

    >>> pos = {"a": (-3000.0, 0.0), "b": (3000.0, 0.0), "c": (0.0, 50.0)}
    >>> gathered(pos, ["a", "b"])
    {'a': (-84.85, 0.0), 'b': (84.85, 0.0)}
    >>> gathered(pos, ["a"]) == {"a": (-3000.0, 0.0)}
    True
    """
    placed = [node for node in nodes if node in positions]
    if not placed:
        return {}
    xy = np.array([positions[node] for node in placed], dtype=float)
    centre = xy.mean(axis=0)
    extent = float(np.abs(xy - centre).max())
    reach = _SPACING * math.sqrt(len(placed)) / 2.0  # as layout_positions scales its layout
    if extent > reach:
        xy = centre + (xy - centre) * (reach / extent)
    return _as_positions(placed, xy)


def _as_positions(nodes: list[Any], xy: np.ndarray) -> dict[Any, tuple[float, float]]:
    rounded = np.round(xy, 2).tolist()
    return {node: (x + 0.0, y + 0.0) for node, (x, y) in zip(nodes, rounded, strict=True)}


# ---- What the passes read: footprints, springs, edges


@dataclass(frozen=True)
class _Scene:
    """The nodes' footprints and the edges, by node number."""

    radius: np.ndarray  #: the drawn size: a disc's radius, a square's half side
    half_width: np.ndarray  #: half the footprint's width, margin included
    above: np.ndarray  #: how far the footprint reaches above the node's centre
    below: np.ndarray  #: and below it (the label), margin included
    springs: tuple[np.ndarray, np.ndarray, np.ndarray]  #: rows, columns, weights
    edges: tuple[np.ndarray, np.ndarray]  #: every drawn pair, missing and affiliations too
    missing: tuple[np.ndarray, np.ndarray]  #: visitor, expected actor; one row per pair
    adjacency: tuple[np.ndarray, np.ndarray]  #: every drawn pair's ends, as offsets and ends

    def joined(self, node: int) -> np.ndarray:
        """The nodes a drawn edge joins to ``node``."""
        offsets, ends = self.adjacency
        return ends[offsets[node] : offsets[node + 1]]


def _scene(
    G: nx.MultiGraph,
    nodes: list[Any],
    sizes: Mapping[Any, float] | None,
    labels: Mapping[Any, str] | None,
    font_size: float,
) -> _Scene:
    index = {node: i for i, node in enumerate(nodes)}
    scale = size_scale(G, sizes)
    radius = np.array([scale(node) for node in nodes], dtype=float)
    given = labels or {}
    named = actor_labels(G, [node for node in nodes if node not in given])
    texts = [given[node] if node in given else named[node] for node in nodes]
    widths = np.array([label_width(text, font_size) for text in texts])
    line = np.array([font_size * LABEL_LINE_HEIGHT if text else 0.0 for text in texts])
    half = FOOTPRINT_MARGIN / 2
    low: list[int] = []
    high: list[int] = []
    met: list[int] = []  # per pair, its meetings that pull (all but the missing)
    missing: dict[tuple[int, int], None] = {}
    # Pair by pair, into lists for numpy: at 50,000 actors a set and a dict of the pairs
    # cost seconds.
    for u, v, keyed in pairs_with_edges(G):
        if v == u:
            continue
        a, b = index[u], index[v]
        count = 0
        for data in keyed.values():
            if data.get("status") == MISSING and not data.get("counterfactual"):
                missing[(b, a) if data.get("visitor") == v else (a, b)] = None
            else:
                count += 1
        low.append(a if a < b else b)
        high.append(b if a < b else a)
        met.append(count)
    n = len(nodes)
    pairs = np.array(low, dtype=np.intp) * n + np.array(high, dtype=np.intp)
    affiliations = [sorted((index[m], index[o])) for m, o in affiliation_pairs(G)]
    affiliated = np.array([a * n + b for a, b in affiliations], dtype=np.intp)
    drawn = np.unique(np.concatenate([pairs, affiliated]))
    edges = (drawn // n, drawn % n)
    springs, weights = _springs(pairs, np.array(met, dtype=np.intp), affiliated)
    return _Scene(
        radius=radius,
        half_width=np.maximum(radius, widths / 2) + half,
        above=radius + half,
        below=radius + line + half,
        springs=(springs // n, springs % n, weights),
        edges=edges,
        missing=_pair_arrays(list(missing)),
        adjacency=_adjacency(n, edges),
    )


def _springs(
    pairs: np.ndarray, met: np.ndarray, affiliated: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs that pull and their weights: ``1 + log(meetings)``, plus the affiliations' pull.

    Pairs are numbered ``low * n + high``; the pairs that met come first, in
    their order, then the affiliated pairs that did not, in theirs.
    """
    pulled = met > 0
    springs = pairs[pulled]
    # Logarithms from math, one per count, so that the weights are those math.log gives.
    logs = np.array([1.0 + math.log(c) for c in range(1, int(met.max(initial=0)) + 1)])
    weights = logs[met[pulled] - 1]
    order = np.argsort(springs, kind="stable")
    at = np.searchsorted(springs, affiliated, sorter=order).clip(max=max(len(springs) - 1, 0))
    found = order[at] if len(springs) else at
    others: dict[int, float] = {}
    for pair, place in zip(affiliated.tolist(), found.tolist(), strict=True):
        if len(springs) and springs[place] == pair:
            weights[place] += AFFILIATION_PULL
        else:
            others[pair] = others.get(pair, 0.0) + AFFILIATION_PULL
    return (
        np.concatenate([springs, np.array(list(others), dtype=np.intp)]),
        np.concatenate([weights, np.array(list(others.values()), dtype=float)]),
    )


def _adjacency(n: int, edges: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Compressed rows: node ``i``'s neighbours are ``ends[offsets[i]:offsets[i + 1]]``."""
    starts = np.concatenate(edges)
    ends = np.concatenate(edges[::-1])
    order = np.argsort(starts, kind="stable")
    offsets = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(np.bincount(starts, minlength=n), out=offsets[1:])
    return offsets, ends[order]


def _pair_arrays(pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([p[0] for p in pairs], dtype=np.intp),
        np.array([p[1] for p in pairs], dtype=np.intp),
    )


# ---- Pass 1: forces


def _force_layout(
    n: int,
    springs: tuple[np.ndarray, np.ndarray, np.ndarray],
    rng: np.random.Generator,
    *,
    start: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
    exact_below: int = 800,
    sample: int = 300,
    gravity: float = 2.0,
) -> np.ndarray:
    """Fruchterman-Reingold with gravity in a ``[-1, 1]`` frame, linear cooling.

    From ``start`` (a settled layout) it runs briefly and cool, ``fixed`` nodes unmoved.
    """
    rows, cols, weights = springs
    pos = rng.uniform(-1.0, 1.0, size=(n, 2)) if start is None else start.copy()
    k2 = 4.0 / n  # squared ideal distance: the frame's area shared by n nodes
    k = math.sqrt(k2)
    iterations = (100 if n <= exact_below else 60) if start is None else 40
    temperature = 0.2 if start is None else 0.05
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n > GRID_ABOVE:
            disp = _grid_repulsion(pos, k2)
        else:
            if n <= exact_below:
                others, scale = pos, 1.0
            else:
                others, scale = pos[rng.choice(n, size=sample, replace=False)], n / sample
            disp = _pair_repulsion(pos, others, k2 * scale)
        if len(rows):
            # x and y apart: contiguous arrays, where columns of pairs were strided copies.
            x, y = pos[:, 0].copy(), pos[:, 1].copy()
            along_x, along_y = x[rows] - x[cols], y[rows] - y[cols]
            factor = np.sqrt(along_x * along_x + along_y * along_y) * weights / k
            for dim, along in enumerate((along_x, along_y)):
                pull = along * factor
                disp[:, dim] -= np.bincount(rows, pull, minlength=n)
                disp[:, dim] += np.bincount(cols, pull, minlength=n)
        disp -= gravity * pos
        if fixed is not None:
            disp[fixed] = 0.0
        length = np.sqrt(np.einsum("ij,ij->i", disp, disp))
        length[length < 1e-12] = 1e-12
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        jitter = rng.normal(scale=1e-6, size=pos.shape)
        if fixed is not None:
            jitter[fixed] = 0.0
        pos += jitter
        temperature -= cooling
    return pos


def _pair_repulsion(pos: np.ndarray, others: np.ndarray, strength: float) -> np.ndarray:
    """Each node's push from ``others``: ``strength * d / |d|**2`` summed over them."""
    # float32 halves the memory traffic of the n x s matrices; plenty for a drawing.
    dx = np.subtract.outer(pos[:, 0].astype(np.float32), others[:, 0].astype(np.float32))
    dy = np.subtract.outer(pos[:, 1].astype(np.float32), others[:, 1].astype(np.float32))
    d2 = dx * dx
    d2 += dy * dy
    # A node's own term has dx = dy = 0, so it adds nothing despite the clamp.
    np.maximum(d2, 1e-9, out=d2)
    inverse = np.divide(np.float32(strength), d2, out=d2)
    dx *= inverse
    dy *= inverse
    return np.stack([dx.sum(axis=1), dy.sum(axis=1)], axis=1).astype(float)


def _grid_repulsion(pos: np.ndarray, k2: float, cells: int = GRID_CELLS) -> np.ndarray:
    """Each node's push from all the others, ``k2 * d / |d|**2`` summed, on a grid.

    Particle-mesh: each node is shared among the four corners of its grid
    cell (cloud in cell), the grid is convolved with the push by FFT
    (zero-padded, so nothing wraps around), and each node reads the push
    back with the same shares, so that it does not push itself. A round
    costs ``O(n + cells**2 log cells)`` instead of a sum over every pair;
    two nodes in one cell push each other less than they would (the
    separation pass keeps drawn footprints apart).
    """
    low = pos.min(axis=0)
    step = max(float((pos.max(axis=0) - low).max()), 1e-12) / (cells - 1)
    where = (pos - low) / step
    corner = np.minimum(where.astype(np.intp), cells - 2)
    fx, fy = (where - corner).T
    size = 2 * cells
    first = corner[:, 0] * size + corner[:, 1]
    spots = (first, first + size, first + 1, first + size + 1)
    shares = ((1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy)
    density = np.zeros(size * size)
    for spot, share in zip(spots, shares, strict=True):
        density += np.bincount(spot, weights=share, minlength=size * size)
    spectrum = np.fft.rfft2(density.reshape(size, size))
    disp = np.empty((len(pos), 2))
    for dim, kernel in enumerate(_unit_pushes(size)):
        field = np.fft.irfft2(spectrum * kernel, s=(size, size)).ravel()
        disp[:, dim] = sum(share * field[spot] for spot, share in zip(spots, shares, strict=True))
    # The push at a distance of d cells is (k2 / step) * d / |d|**2 in the layout's units.
    disp *= k2 / step
    return disp


@functools.cache
def _unit_pushes(size: int) -> tuple[np.ndarray, np.ndarray]:
    """The spectra of ``d / |d|**2`` (x and y) over a ``size``-square grid's offsets, wrapped."""
    offsets = np.fft.fftfreq(size, 1.0 / size)  # 0, 1, ..., size/2 - 1, -size/2, ..., -1
    dx, dy = np.meshgrid(offsets, offsets, indexing="ij")
    d2 = dx * dx + dy * dy
    d2[0, 0] = 1.0  # no push at no distance: dx = dy = 0 there
    return np.fft.rfft2(dx / d2), np.fft.rfft2(dy / d2)


# ---- Pass 2: the missing edges' far ends on arcs of their own


def _place_missing(xy: np.ndarray, scene: _Scene) -> np.ndarray:
    """Each visitor's expected actors on an arc in the widest gap between its other edges."""
    xy = xy.copy()
    # Each visitor's expected actors, in the order of the missing edges: grouped once, as
    # a graph of many rules has thousands of visitors.
    expected: dict[int, list[int]] = {}
    for visitor, actor in zip(*(ends.tolist() for ends in scene.missing), strict=True):
        expected.setdefault(visitor, []).append(actor)
    placed: set[int] = set()
    for visitor in sorted(expected):
        mine = [a for a in expected[visitor] if a not in expected and a not in placed]
        if not mine:
            continue
        placed.update(mine)
        others = sorted(set(scene.joined(visitor).tolist()) - set(mine))
        _arc(xy, scene, visitor, mine, others)
    return xy


def _arc(xy: np.ndarray, scene: _Scene, visitor: int, actors: list[int], others: list[int]) -> None:
    centre = xy[visitor]
    # What the arc must avoid: the visitor's other edges, and every node near it.
    near = np.hypot(*(xy - centre).T) < 3 * _SPACING
    near[visitor] = False
    near[actors] = False
    obstacles = sorted(set(others) | set(np.flatnonzero(near).tolist()))
    if obstacles:
        offsets = xy[obstacles] - centre
        angles = np.sort(np.arctan2(offsets[:, 1], offsets[:, 0]))
        gaps = np.diff(np.append(angles, angles[0] + 2 * math.pi))
        widest = int(np.argmax(gaps))
        gap = float(gaps[widest])
        middle = float(angles[widest]) + gap / 2
    else:  # nothing around: away from the drawing's centre, else downwards
        away = centre - xy.mean(axis=0)
        gap = 2 * math.pi
        middle = math.atan2(away[1], away[0]) if np.hypot(*away) > 1e-9 else math.pi / 2
    # In the order they already had around the visitor, so their own edges cross less.
    offsets = xy[actors] - centre
    turn = (np.arctan2(offsets[:, 1], offsets[:, 0]) - middle + math.pi) % (2 * math.pi)
    order = [actors[i] for i in np.argsort(turn, kind="stable")]
    tangent = np.array([-math.sin(middle), math.cos(middle)])
    steps = [_step(scene, a, b, tangent) for a, b in itertools.pairwise(order)]
    length = sum(steps)
    span_most = min(max(gap - 4 * ALONG_ANGLE, math.pi / 3), math.radians(150))
    reach = float(scene.radius[visitor] + max(scene.half_width[a] for a in order) + _SPACING)
    radius = max(reach, length / span_most)
    angles_between = [max(step / radius, 1.5 * ALONG_ANGLE) for step in steps]
    angle = middle - sum(angles_between) / 2
    for number, actor in enumerate(order):
        if number:
            angle += angles_between[number - 1]
        xy[actor] = centre + radius * np.array([math.cos(angle), math.sin(angle)])


def _step(scene: _Scene, a: int, b: int, tangent: np.ndarray) -> float:
    """How far apart along ``tangent`` two footprints must be not to overlap."""
    across = scene.half_width[a] + scene.half_width[b]
    down = max(scene.below[a] + scene.above[b], scene.below[b] + scene.above[a])
    tx, ty = abs(float(tangent[0])), abs(float(tangent[1]))
    need = min(across / tx if tx > 1e-9 else math.inf, down / ty if ty > 1e-9 else math.inf)
    return 1.15 * float(need)


# ---- Pass 3: separation


def _spread(xy: np.ndarray, scene: _Scene) -> np.ndarray:
    """The layout scaled up so that most nodes' footprints clear their nearest neighbour's.

    Scaling keeps every angle, so the missing edges stay clear of the other
    edges; the separation then has only a few crowded spots to mend.
    """
    n = len(xy)
    if n < 2:
        return xy
    _, nearest = cKDTree(xy).query(xy, k=2)
    other = nearest[:, 1]
    offset = np.abs(xy[other] - xy)
    across = scene.half_width + scene.half_width[other]
    down = np.maximum(scene.below + scene.above[other], scene.above + scene.below[other])
    # Scaled by f, a pair clears when f * |dx| >= across or f * |dy| >= down.
    with np.errstate(divide="ignore"):
        needed = np.minimum(across / offset[:, 0], down / offset[:, 1])
    factor = float(np.quantile(needed, 0.75))
    if not math.isfinite(factor) or factor <= 1.0:
        return xy
    return xy * min(factor, 4.0)


def _separate(xy: np.ndarray, scene: _Scene) -> np.ndarray:
    """Moves nodes until nothing overlaps and the missing edges are clear, or rounds run out.

    Above :data:`SEPARATED_MOST` nodes only the ones a page draws first are
    moved, among themselves (see :func:`_most_drawn`); the others keep their places.
    """
    xy = xy.astype(float).copy()
    if len(xy) <= SEPARATED_MOST:
        return _separate_all(xy, scene)
    keep = _most_drawn(scene, SEPARATED_MOST)
    xy[keep] = _separate_all(xy[keep], _subscene(scene, keep))
    return xy


def _most_drawn(scene: _Scene, limit: int) -> np.ndarray:
    """The ``limit`` nodes a page draws first, sorted: the largest (the page's ranking),
    then the missing edges' ends, then those with the most neighbours, then by number."""
    offsets, _ = scene.adjacency
    degree = np.diff(offsets)
    story = np.zeros(len(scene.radius), dtype=bool)
    story[scene.missing[0]] = story[scene.missing[1]] = True
    order = np.lexsort((np.arange(len(degree)), -degree, ~story, -scene.radius))
    return np.sort(order[:limit])


def _subscene(scene: _Scene, keep: np.ndarray) -> _Scene:
    """The part of ``scene`` on the nodes ``keep`` (sorted), renumbered in that order."""
    number = np.full(len(scene.radius), -1, dtype=np.intp)
    number[keep] = np.arange(len(keep))

    def among(pairs: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        first, second = number[pairs[0]], number[pairs[1]]
        both = (first >= 0) & (second >= 0)
        return first[both], second[both]

    edges = among(scene.edges)
    return _Scene(
        radius=scene.radius[keep],
        half_width=scene.half_width[keep],
        above=scene.above[keep],
        below=scene.below[keep],
        springs=scene.springs,  # not read by the separation
        edges=edges,
        missing=among(scene.missing),
        adjacency=_adjacency(len(keep), edges),
    )


def _separate_all(xy: np.ndarray, scene: _Scene) -> np.ndarray:
    n = len(xy)
    mobility = np.ones(n)
    mobility[scene.missing[0]] = mobility[scene.missing[1]] = 0.05  # the story's actors hold
    pairs, near = _candidate_pairs(xy, scene), _near_missing(xy, scene)
    since = xy.copy()
    # A few hundred actors settle in tens of rounds; a large drawing gets fewer (best effort).
    rounds = _SEPARATION_ROUNDS if n <= 300 else max(30, _SEPARATION_ROUNDS * 300 // n)
    # Each round tests every cleared missing edge against the edges near it, and each edge
    # at a cleared missing edge's end against the fans at its other end: a dense drawing
    # with many missing edges gets fewer rounds still, at any size (best effort; a dense
    # core of a few dozen actors never settles, and would take 300 slow rounds).
    work = _clearing_work(scene)
    if work > 0:
        rounds = min(rounds, max(_FEWEST_ROUNDS, _CLEARING_WORK // work))
    if _hubs_missing(scene):
        rounds = min(rounds, _FEWEST_ROUNDS)  # a dense core never settles: few rounds
    for _ in range(rounds):
        if np.abs(xy - since).max(initial=0.0) > _SKIN / 2:
            pairs, near = _candidate_pairs(xy, scene), _near_missing(xy, scene)
            since = xy.copy()
        moved = _clear_missing(xy, scene, near)
        moved |= _push_apart(xy, scene, pairs, mobility)
        if not moved:
            break
    return xy


def _clearing_work(scene: _Scene) -> int:
    """An estimate of one round's work on the missing edges, in edge tests."""
    visitors, actors = (ends[:CLEARED_MOST] for ends in scene.missing)
    if not len(visitors):
        return 0
    offsets, _ = scene.adjacency
    degree = np.diff(offsets)
    # Turning an edge out of a fan tests its far end's neighbours one by one, in Python.
    ends = np.unique(np.concatenate([visitors, actors])).tolist()
    turns = sum(int(degree[scene.joined(at)].sum()) for at in ends if degree[at] <= TURNED_MOST)
    return len(visitors) * len(scene.edges[0]) + _TURN_WORK * turns


def _hubs_missing(scene: _Scene) -> bool:
    """Whether a cleared missing edge ends at an actor joined to over :data:`TURNED_MOST`."""
    visitors, actors = (ends[:CLEARED_MOST] for ends in scene.missing)
    offsets, _ = scene.adjacency
    degree = np.diff(offsets)
    return (
        bool(len(visitors)) and int(degree[np.concatenate([visitors, actors])].max()) > TURNED_MOST
    )


def _near_missing(xy: np.ndarray, scene: _Scene) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each cleared missing edge, the nodes and edges that could come near it.

    Those within the reach of its checks (and ``_SKIN`` more) of its box: until
    a node moves ``_SKIN / 2``, nothing else can, so each round tests only them.
    """
    visitors, actors = (ends[:CLEARED_MOST] for ends in scene.missing)
    edge_from, edge_to = scene.edges
    edge_low = np.minimum(xy[edge_from], xy[edge_to])
    edge_high = np.maximum(xy[edge_from], xy[edge_to])
    node_reach = float(scene.radius.max(initial=0.0)) + CORRIDOR_MARGIN + _SKIN
    near = []
    for visitor, actor in zip(visitors.tolist(), actors.tolist(), strict=True):
        low = np.minimum(xy[visitor], xy[actor])
        high = np.maximum(xy[visitor], xy[actor])
        nodes = np.flatnonzero(_both((xy >= low - node_reach) & (xy <= high + node_reach)))
        margin = ALONG_DISTANCE + _SKIN
        edges = np.flatnonzero(_both((edge_high >= low - margin) & (edge_low <= high + margin)))
        near.append((nodes, edges))
    return near


def _candidate_pairs(xy: np.ndarray, scene: _Scene) -> tuple[np.ndarray, np.ndarray]:
    """Node pairs whose footprints could overlap within the next moves of ``_SKIN / 2``."""
    n = len(xy)
    centre, reach = _footprint_circles(xy, scene)
    if n <= _EXACT_PAIRS_BELOW:
        rows, cols = np.triu_indices(n, k=1)
    else:
        tree = cKDTree(centre)
        common = float(np.quantile(reach, 0.9))
        found = tree.query_pairs(2 * common + _SKIN, output_type="ndarray")
        large = np.flatnonzero(reach > common)
        # A few wide labels reach further: their pairs are found one by one.
        extra = [
            np.stack([np.full(len(near), i), np.asarray(near, dtype=np.intp)], axis=1)
            for i, near in zip(
                large,
                tree.query_ball_point(centre[large], reach[large] + reach.max() + _SKIN),
                strict=True,
            )
        ]
        both = np.concatenate([found.reshape(-1, 2), *extra]) if extra else found.reshape(-1, 2)
        low, high = both.min(axis=1).astype(np.int64), both.max(axis=1).astype(np.int64)
        codes = np.unique((low * n + high)[low != high])  # sorted: the same order every time
        rows, cols = (codes // n).astype(np.intp), (codes % n).astype(np.intp)
    distance = np.hypot(*(centre[rows] - centre[cols]).T)
    keep = distance < reach[rows] + reach[cols] + _SKIN
    return rows[keep], cols[keep]


def _footprint_circles(xy: np.ndarray, scene: _Scene) -> tuple[np.ndarray, np.ndarray]:
    """The centre of each footprint box and the radius of the circle around it."""
    centre = xy.copy()
    centre[:, 1] += (scene.below - scene.above) / 2
    return centre, np.hypot(scene.half_width, (scene.below + scene.above) / 2)


def _push_apart(
    xy: np.ndarray, scene: _Scene, pairs: tuple[np.ndarray, np.ndarray], mobility: np.ndarray
) -> bool:
    """One round of pushing overlapping footprints apart, each along its shallower overlap."""
    rows, cols = pairs
    if not len(rows):
        return False
    centre, _ = _footprint_circles(xy, scene)
    half_height = (scene.below + scene.above) / 2
    dx = centre[cols, 0] - centre[rows, 0]
    dy = centre[cols, 1] - centre[rows, 1]
    over_x = scene.half_width[rows] + scene.half_width[cols] - np.abs(dx)
    over_y = half_height[rows] + half_height[cols] - np.abs(dy)
    hit = (over_x > 0) & (over_y > 0)
    if not hit.any():
        return False
    rows, cols, dx, dy = rows[hit], cols[hit], dx[hit], dy[hit]
    over_x, over_y = over_x[hit], over_y[hit]
    sideways = over_x <= over_y
    push = np.where(sideways, over_x, over_y) + 0.5
    # Coincident nodes part by their numbers, so the result does not hang on rounding.
    sign = np.where(np.where(sideways, dx, dy) >= 0, 1.0, -1.0)
    share = mobility[rows] / (mobility[rows] + mobility[cols])
    n = len(xy)
    for dim, along in ((0, sideways), (1, ~sideways)):
        amount = np.where(along, push * sign, 0.0)
        xy[:, dim] -= np.bincount(rows, amount * share, minlength=n)
        xy[:, dim] += np.bincount(cols, amount * (1 - share), minlength=n)
    return True


def _clear_missing(
    xy: np.ndarray, scene: _Scene, near: list[tuple[np.ndarray, np.ndarray]]
) -> bool:
    """One round of moving nodes off the missing edges, and edges from alongside them.

    The missing edges that leave a node close together make one fan (their
    angles and :data:`ALONG_ANGLE` either side); what is inside a fan leaves
    it by its nearer side, so that it is not pushed from one edge onto the next.
    """
    moved = False
    visitors, actors = (ends[:CLEARED_MOST] for ends in scene.missing)
    fans = {
        int(at): _fans(xy, scene, int(at)) for at in np.unique(np.concatenate([visitors, actors]))
    }
    for at in fans:
        moved |= _fan_out(xy, scene, at)
        moved |= _turn_away(xy, scene, at, fans)
    edge_from, edge_to = scene.edges
    for visitor, actor, (nodes, edges) in zip(
        visitors.tolist(), actors.tolist(), near, strict=True
    ):
        moved |= _off_corridor(xy, scene, visitor, actor, fans[visitor], nodes)
        moved |= _push_parallel(xy, visitor, actor, edge_from[edges], edge_to[edges])
    return moved


def _fans(xy: np.ndarray, scene: _Scene, at: int) -> list[tuple[float, float]]:
    """The angular spans (from, to; radians, to > from) the missing edges at ``at`` fill."""
    ends = np.concatenate(
        [scene.missing[1][scene.missing[0] == at], scene.missing[0][scene.missing[1] == at]]
    )
    offsets = xy[ends] - xy[at]
    angles = np.sort(np.arctan2(offsets[:, 1], offsets[:, 0]))
    pad = 1.3 * ALONG_ANGLE
    if len(angles) == 0:
        return []
    # Start after the widest gap, so that no fan wraps around.
    gaps = np.diff(np.append(angles, angles[0] + 2 * math.pi))
    first = (int(np.argmax(gaps)) + 1) % len(angles)
    angles = np.roll(angles, -first)
    angles = angles[0] + (angles - angles[0]) % (2 * math.pi)
    fans = [[float(angles[0]) - pad, float(angles[0]) + pad]]
    for angle in angles[1:].tolist():
        if angle - pad <= fans[-1][1]:
            fans[-1][1] = angle + pad
        else:
            fans.append([angle - pad, angle + pad])
    return [(lo, hi) for lo, hi in fans]


def _fan_out(xy: np.ndarray, scene: _Scene, at: int) -> bool:
    """Turns the missing edges at ``at`` apart, to :data:`ALONG_ANGLE` between neighbours.

    Each far end turns around ``at`` at its distance, half the shortfall each
    way, so that two missing edges of one visitor never lie along each other.
    """
    ends = np.concatenate(
        [scene.missing[1][scene.missing[0] == at], scene.missing[0][scene.missing[1] == at]]
    )
    if len(ends) < 2:
        return False
    offsets = xy[ends] - xy[at]
    angles = np.arctan2(offsets[:, 1], offsets[:, 0])
    order = np.argsort(angles, kind="stable")
    ends, angles = ends[order], angles[order]
    gaps = np.diff(np.append(angles, angles[0] + 2 * math.pi))
    short = np.flatnonzero(gaps < ALONG_ANGLE)
    if not len(short):
        return False
    turn = np.zeros(len(ends))
    # A pixel's worth more than the shortfall, so that rounding keeps them apart.
    shortfall = ALONG_ANGLE - gaps[short] + 0.01
    np.subtract.at(turn, short, shortfall / 2)
    np.add.at(turn, (short + 1) % len(ends), shortfall / 2)
    reach = np.hypot(offsets[order, 0], offsets[order, 1])
    angles += turn
    xy[ends] = xy[at] + reach[:, None] * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return True


def _inside(angles: np.ndarray, fan: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Which ``angles`` lie in ``fan``, and whether the fan's lower side is the nearer way out."""
    lo, hi = fan
    into = (angles - lo) % (2 * math.pi)
    inside = into < hi - lo
    return inside, into < (hi - lo) / 2


def _turn_away(
    xy: np.ndarray, scene: _Scene, at: int, all_fans: dict[int, list[tuple[float, float]]]
) -> bool:
    """Turns the other edges at ``at`` out of its fans of missing edges.

    An edge leaves a fan by its nearer side, unless that puts its far end
    in a fan of another node it joins (then by the other side), so that two
    fans do not toss one edge between them.
    """
    fans = all_fans[at]
    ends = scene.joined(at)
    missing_ends = np.concatenate(
        [scene.missing[1][scene.missing[0] == at], scene.missing[0][scene.missing[1] == at]]
    )
    ends = np.setdiff1d(ends, missing_ends)
    if not len(ends) or not fans or len(ends) > TURNED_MOST:
        return False
    offsets = xy[ends] - xy[at]
    angles = np.arctan2(offsets[:, 1], offsets[:, 0])
    reach = np.hypot(offsets[:, 0], offsets[:, 1])
    moved = False
    for fan in fans:
        inside, lower = _inside(angles, fan)
        if not inside.any():
            continue
        # Out by the nearer side, and a little further out: a wider circle has more room.
        target = np.where(lower[inside], fan[0] - 0.01, fan[1] + 0.01)
        other_side = np.where(lower[inside], fan[1] + 0.01, fan[0] - 0.01)
        for number, end in enumerate(ends[inside].tolist()):
            if _in_other_fans(xy, scene, end, at, target[number], reach[inside][number], all_fans):
                target[number] = other_side[number]
        out = reach[inside] + _OUTWARD
        xy[ends[inside]] = xy[at] + out[:, None] * np.stack([np.cos(target), np.sin(target)], 1)
        angles[inside] = target
        moved = True
    return moved


def _in_other_fans(
    xy: np.ndarray,
    scene: _Scene,
    end: int,
    at: int,
    angle: float,
    reach: float,
    all_fans: dict[int, list[tuple[float, float]]],
) -> bool:
    """Whether ``end``, turned around ``at`` to ``angle``, enters a fan of another node it joins."""
    joined = scene.joined(end).tolist()
    place = xy[at] + (reach + _OUTWARD) * np.array([math.cos(angle), math.sin(angle)])
    for other in joined:
        if other == at or other not in all_fans:
            continue
        offset = place - xy[other]
        heading = np.array([math.atan2(offset[1], offset[0])])
        if any(_inside(heading, fan)[0][0] for fan in all_fans[other]):
            return True
    return False


def _off_corridor(
    xy: np.ndarray,
    scene: _Scene,
    visitor: int,
    actor: int,
    fans: list[tuple[float, float]],
    candidates: np.ndarray,
) -> bool:
    """Moves the ``candidates`` too near the missing edge (visitor, actor) off it, out of its fan.

    The candidates are the nodes that can be near it (see :func:`_near_missing`).
    """
    start, end = xy[visitor], xy[actor]
    direction = end - start
    length = float(np.hypot(*direction))
    if length < 1e-9:
        return False
    unit = direction / length
    normal = np.array([-unit[1], unit[0]])  # towards growing angles around the visitor
    candidates = candidates[(candidates != visitor) & (candidates != actor)]
    offset = xy[candidates] - start
    along = np.clip(offset @ unit, 0.0, length)
    gap = np.hypot(offset[:, 0] - along * unit[0], offset[:, 1] - along * unit[1])
    radius = scene.radius[candidates]
    near = gap < radius + CORRIDOR_MARGIN
    if not near.any():
        return False
    need = radius + CORRIDOR_MARGIN + 1.0  # a pixel more, to stay clear of rounding
    angles = np.arctan2(offset[near, 1], offset[near, 0])
    heading = math.atan2(unit[1], unit[0])
    fan = next((f for f in fans if _inside(np.array([heading]), f)[0][0]), None)
    if fan is None:
        side = np.where(offset[near] @ normal >= 0, 1.0, -1.0)
    else:
        side = np.where(_inside(angles, fan)[1], -1.0, 1.0)
    across = offset[near] @ normal
    # From where it is to the right distance on the chosen side.
    shift = side * need[near] - across
    xy[candidates[near]] += shift[:, None] * normal
    return True


def _push_parallel(
    xy: np.ndarray, visitor: int, actor: int, edge_from: np.ndarray, edge_to: np.ndarray
) -> bool:
    """Moves edges that run close and nearly parallel to the missing edge off to their side."""
    start, end = xy[visitor], xy[actor]
    # Only edges whose boxes come near the missing edge's box can run beside it.
    low, high = np.minimum(start, end) - ALONG_DISTANCE, np.maximum(start, end) + ALONG_DISTANCE
    first, second = xy[edge_from], xy[edge_to]
    near = _both((np.maximum(first, second) >= low) & (np.minimum(first, second) <= high))
    a, b = edge_from[near], edge_to[near]
    apart = (a != visitor) & (a != actor) & (b != visitor) & (b != actor)
    a, b = a[apart], b[apart]
    if not len(a):
        return False
    unit = (end - start) / np.hypot(*(end - start))
    direction = xy[b] - xy[a]
    lengths = np.hypot(direction[:, 0], direction[:, 1])
    cosine = np.abs(direction @ unit) / np.maximum(lengths, 1e-9)
    parallel = cosine > math.cos(ALONG_ANGLE)
    if not parallel.any():
        return False
    a, b = a[parallel], b[parallel]
    distance = _segment_distances(start, end, xy[a], xy[b])
    close = distance < ALONG_DISTANCE
    if not close.any():
        return False
    a, b, distance = a[close], b[close], distance[close]
    normal = np.array([-unit[1], unit[0]])
    # Towards the side of the end nearer the missing edge's line: a crossing edge's near
    # end is also the one _off_corridor moves, and the two moves must agree.
    across_a, across_b = (xy[a] - start) @ normal, (xy[b] - start) @ normal
    nearer = np.where(np.abs(across_a) <= np.abs(across_b), across_a, across_b)
    side = np.where(nearer >= 0, 1.0, -1.0)
    shift = ((ALONG_DISTANCE - distance + 1.0) * side)[:, None] * normal
    xy[a] += shift
    xy[b] += shift
    return True


def _both(holds: np.ndarray) -> np.ndarray:
    """Rows of an ``(n, 2)`` boolean array where x and y both hold: ``np.all(axis=1)``,
    twice as fast on the thousands of rows a round of the separation tests."""
    both: np.ndarray = holds[:, 0] & holds[:, 1]
    return both


def _segment_distances(
    start: np.ndarray, end: np.ndarray, froms: np.ndarray, tos: np.ndarray
) -> np.ndarray:
    """The distance from the segment (start, end) to each segment (froms[i], tos[i])."""

    def point_to(points: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        d = q - p
        length2 = np.maximum(np.einsum("ij,ij->i", d, d), 1e-12)
        t = np.clip(np.einsum("ij,ij->i", points - p, d) / length2, 0.0, 1.0)
        rest = points - p - t[:, None] * d
        hypot: np.ndarray = np.hypot(rest[:, 0], rest[:, 1])
        return hypot

    starts = np.broadcast_to(start, froms.shape)
    ends = np.broadcast_to(end, froms.shape)
    distance = np.minimum.reduce(
        [
            point_to(froms, starts, ends),
            point_to(tos, starts, ends),
            point_to(starts, froms, tos),
            point_to(ends, froms, tos),
        ]
    )

    def cross(o: np.ndarray, p: np.ndarray, q: np.ndarray) -> np.ndarray:
        turn: np.ndarray = (p[:, 0] - o[:, 0]) * (q[:, 1] - o[:, 1])
        turn -= (p[:, 1] - o[:, 1]) * (q[:, 0] - o[:, 0])
        return turn

    crossing = (np.sign(cross(starts, ends, froms)) * np.sign(cross(starts, ends, tos)) < 0) & (
        np.sign(cross(froms, tos, starts)) * np.sign(cross(froms, tos, ends)) < 0
    )
    result: np.ndarray = np.where(crossing, 0.0, distance)
    return result
