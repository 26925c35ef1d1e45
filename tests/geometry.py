"""What a reader sees go wrong in a drawing, measured on a page's records (for the layout tests).

Independent of :mod:`meetgraph.layout`'s own arithmetic: the records are
what :func:`meetgraph.page.expand` says the page hands vis-network (position,
size, label), and the label is drawn below its node, one line of the page's
font size, about 1 em wide per wide East Asian character and 0.6 em per other.
The thresholds are looser than the layout's own margins, which are what it aims for.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

FONT_SIZE = 14.0
LINE = 1.2 * FONT_SIZE
NODE_MARGIN = 4.0  # px between a missing edge and another node's disc
ANGLE = math.radians(10)  # below this, two edges that meet lie along each other
PARALLEL_DISTANCE = 8.0  # px: nearly parallel edges closer than this lie along each other

Point = tuple[float, float]


def text_width(text: str) -> float:
    return FONT_SIZE * sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


def label_box(node: dict[str, Any]) -> tuple[float, float, float, float]:
    """left, top, right, bottom of a node's label."""
    half = text_width(node["label"]) / 2
    top = node["y"] + node["size"]
    return node["x"] - half, top, node["x"] + half, top + LINE


def point_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = (
        0.0
        if length2 == 0
        else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    )
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _cross(o: Point, p: Point, q: Point) -> float:
    return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])


def segment_segment(a: Point, b: Point, c: Point, d: Point) -> float:
    if _cross(a, b, c) * _cross(a, b, d) < 0 and _cross(c, d, a) * _cross(c, d, b) < 0:
        return 0.0
    return min(
        point_segment(a, c, d),
        point_segment(b, c, d),
        point_segment(c, a, b),
        point_segment(d, a, b),
    )


def angle_between(u: Point, v: Point) -> float:
    """The angle between two directions, 0 to pi."""
    dot = u[0] * v[0] + u[1] * v[1]
    norm = math.hypot(*u) * math.hypot(*v)
    return math.acos(max(-1.0, min(1.0, dot / norm))) if norm else 0.0


def problems(nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]) -> Iterator[str]:
    """Every overlap, and every missing edge that crosses a node or lies along an edge."""
    at = {node["id"]: (node["x"], node["y"]) for node in nodes}
    for one, two in itertools.combinations(nodes, 2):
        gap = math.dist(at[one["id"]], at[two["id"]]) - one["size"] - two["size"]
        if gap < 0:
            yield f"discs overlap: {one['id']} {two['id']} by {-gap:.1f}"
        l1, t1, r1, b1 = label_box(one)
        l2, t2, r2, b2 = label_box(two)
        if min(r1, r2) > max(l1, l2) and min(b1, b2) > max(t1, t2):
            yield f"labels overlap: {one['label']!r} {two['label']!r}"
    pairs = {tuple(sorted((e["from"], e["to"]))) for e in edges if e["from"] != e["to"]}
    for edge in edges:
        if edge.get("status") != "missing":
            continue
        a, b = at[edge["from"]], at[edge["to"]]
        for node in nodes:
            if node["id"] in (edge["from"], edge["to"]):
                continue
            gap = point_segment(at[node["id"]], a, b) - node["size"]
            if gap < NODE_MARGIN:
                yield f"missing {edge['from']}-{edge['to']} passes {node['id']} at {gap:.1f}"
        mine = tuple(sorted((edge["from"], edge["to"])))
        for other in pairs - {mine}:
            shared = set(other) & set(mine)
            if shared:
                (common,) = shared
                far_mine = mine[0] if mine[1] == common else mine[1]
                far_other = other[0] if other[1] == common else other[1]
                o = at[common]
                u = (at[far_mine][0] - o[0], at[far_mine][1] - o[1])
                v = (at[far_other][0] - o[0], at[far_other][1] - o[1])
                if angle_between(u, v) < ANGLE:
                    yield f"missing {mine} lies along {other} at {common}"
                continue
            c, d = at[other[0]], at[other[1]]
            u = (b[0] - a[0], b[1] - a[1])
            v = (d[0] - c[0], d[1] - c[1])
            turn = angle_between(u, v)
            if (
                min(turn, math.pi - turn) < ANGLE
                and segment_segment(a, b, c, d) < PARALLEL_DISTANCE
            ):
                yield f"missing {mine} runs beside {other}"
