"""How the views draw actors and meetings: colours, shapes, dashes, sizes, in one place.

The interactive page, its legend, the timeline and the country chart all
read these, so that no two views can disagree on what a colour means.

Encoding
    Node colour = sector (the dataset's colour, else :data:`PALETTE` in
    sector order), shape = actor type (:data:`NODE_SHAPES`), size = a chosen
    measure within :data:`NODE_SIZE_RANGE` (:func:`size_scale`). Edges by
    status (:data:`EDGE_STYLES`): ``held`` solid slate, ``planned`` dotted,
    ``requested`` orange dashed with a "×" (asked for, fell through; a mark every font has),
    ``missing`` vermilion, wide, dashed and outside the physics; the what-if
    draws a missing edge solid vermilion (:data:`WHAT_IF_STYLE`). An actor's
    affiliation (the organisation it belongs to) is a faint thin line
    (:data:`AFFILIATION_STYLE`), outside the physics.

The colours are Okabe and Ito's, which people with the common kinds of
colour blindness tell apart; dashes, marks and shapes carry the same
meaning as the colours, so nothing rests on colour alone. Text is set in
:data:`FONT_FAMILY`, which names fonts with Hangul and Japanese glyphs.

Examples
--------
>>> EDGE_STYLES["missing"].color, NODE_SHAPES["government_body"].shape
('#D55E00', 'diamond')
>>> list(STATUS_COLORS) == [s.value for s in MeetingStatus] + ["none"]
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from meetgraph.vocabulary import HELD, MeetingStatus

__all__ = [
    "AFFILIATION_STYLE",
    "DEFAULT_NODE_SIZE",
    "EDGE_STYLES",
    "FADED_EDGE_COLOR",
    "FADED_NODE_COLOR",
    "FADED_TEXT_COLOR",
    "FONT_FAMILY",
    "LABEL_FONT_SIZE",
    "NODE_SHAPES",
    "NODE_SIZE_RANGE",
    "PALETTE",
    "STATUS_COLORS",
    "UNKNOWN_SECTOR_COLOR",
    "WHAT_IF_STYLE",
    "EdgeStyle",
    "NodeShape",
    "edge_style",
    "node_shape",
    "rgb",
    "sector_colors",
    "size_scale",
    "unbroken",
]

#: Sector colours used, in sector order, when a sector declares none: Okabe and Ito's
#: (their vermilion is kept for missing edges), then lighter and darker tones of them.
PALETTE = (
    "#0072B2",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#E69F00",
    "#F0E442",
    "#000000",
    "#999999",
    "#005A8C",
    "#66C2A5",
    "#8E5A84",
    "#B3B3B3",
)
UNKNOWN_SECTOR_COLOR = "#B0B0B0"
#: Fonts named for every text drawn, Hangul and Japanese included, then the system's: Noto
#: Sans for Latin, Noto Sans CJK KR (Debian's fonts-noto-cjk, whose Latin is Source Sans,
#: Streamlit's own) or Noto Sans KR (its web and Google name) for Hangul, before JP so that a
#: Han character takes its Korean form; then the Hangul fonts macOS / iOS (Apple SD Gothic
#: Neo) and Windows (Malgun Gothic) ship, Hiragino for Kana on a Mac, and the system's. The
#: app, the exported page, the graph's canvas and the SVG name this one list.
FONT_FAMILY = (
    "'Noto Sans', 'Noto Sans CJK KR', 'Noto Sans KR', 'Noto Sans CJK JP', "
    "'Apple SD Gothic Neo', 'Malgun Gothic', 'Hiragino Sans', system-ui, sans-serif"
)


# A dash between two digits (2025-02-04, 2024–2025): browsers may break a line after it.
_NUMBER_DASH = re.compile(r"(?<=\d)([-\u2010\u2012\u2013])(?=\d)")
#: WORD JOINER: no line break on either side, drawn as nothing.
WORD_JOINER = "\u2060"


def unbroken(text: str) -> str:
    """``text`` with no line break allowed inside a date or a range of numbers.

    A word joiner follows each dash between two digits, so that a narrow
    heading wraps before "2025-02-04", never after "2025-". The joiner is
    invisible and not read aloud; other text is unchanged.

    >>> unbroken("Sam Altman in Seoul, 2025-02-04") == "Sam Altman in Seoul, 2025-\u206002-\u206004"
    True
    >>> unbroken("K-pop, 2024–2025, -3") == "K-pop, 2024–\u20602025, -3"
    True
    """
    return _NUMBER_DASH.sub(rf"\1{WORD_JOINER}", text)


@dataclass(frozen=True)
class NodeShape:
    """How an actor type is drawn: a vis-network shape and the glyph the legend shows."""

    shape: str
    glyph: str


NODE_SHAPES: dict[str, NodeShape] = {
    "person": NodeShape("dot", "●"),
    "organization": NodeShape("square", "■"),
    "group": NodeShape("triangle", "▲"),
    "government_body": NodeShape("diamond", "◆"),
}

NODE_SIZE_RANGE = (10.0, 45.0)
DEFAULT_NODE_SIZE = 18.0
#: The size in pixels of the actors' names, drawn below the nodes (the layout makes room).
LABEL_FONT_SIZE = 14


@dataclass(frozen=True)
class EdgeStyle:
    """How an edge of one status is drawn."""

    color: str
    dashes: tuple[int, ...] | None  #: dash and gap lengths; None for a solid line
    width: int
    mark: str = ""  #: a label on the edge
    physics: bool = True  #: whether it pulls in a physics layout


#: Edge style per status, in the schema's order of statuses.
EDGE_STYLES: dict[str, EdgeStyle] = {
    MeetingStatus.HELD.value: EdgeStyle("#4A6378", None, 2),
    MeetingStatus.PLANNED.value: EdgeStyle("#4A6378", (2, 6), 2),
    MeetingStatus.REQUESTED.value: EdgeStyle("#E69F00", (8, 4), 2, mark="×"),
    MeetingStatus.MISSING.value: EdgeStyle("#D55E00", (10, 8), 3, physics=False),
}
_HELD_STYLE = EDGE_STYLES[HELD]  # looked up once: edge_style runs once per edge
#: The what-if view (:func:`meetgraph.expectations.as_if_held`): missing edges drawn solid.
WHAT_IF_STYLE = EdgeStyle("#D55E00", None, 3)
#: An actor and the organisation it belongs to: faint and thin, so meetings stay in front.
AFFILIATION_STYLE = EdgeStyle("#C3CCD5", None, 1, physics=False)

#: What a page draws faded: the context the filters leave out, and the rest of a story's
#: step (the page script names the same colours: FADED_NODE, FADED_EDGE, FADED_TEXT).
FADED_NODE_COLOR = "#E8E8E8"
FADED_EDGE_COLOR = "#E6E6E6"
FADED_TEXT_COLOR = "#B8B8B8"

#: Mark colours by status for charts of points and bars: the edges' colours, except
#: planned, which the graph tells from held by its dots and a chart only by colour,
#: and ``none`` (no edge at all, in the country comparison).
STATUS_COLORS: dict[str, str] = {
    **{status: style.color for status, style in EDGE_STYLES.items()},
    MeetingStatus.PLANNED.value: "#009E73",
    "none": "#C7C7C7",
}


def node_shape(kind: str | None) -> NodeShape:
    """How an actor type is drawn; an unknown type as a person."""
    return NODE_SHAPES.get(kind or "", NODE_SHAPES["person"])


def edge_style(attributes: Mapping[str, Any]) -> EdgeStyle:
    """How an edge is drawn: by its status, a what-if edge as :data:`WHAT_IF_STYLE`.

    >>> edge_style({"status": "planned"}).dashes, edge_style({"counterfactual": True}).dashes
    ((2, 6), None)
    """
    if attributes.get("counterfactual"):
        return WHAT_IF_STYLE
    return EDGE_STYLES.get(attributes.get("status") or "", _HELD_STYLE)


def rgb(color: str) -> tuple[int, int, int]:
    """``#RRGGBB`` as three numbers.

    >>> rgb("#D55E00")
    (213, 94, 0)
    """
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def sector_colors(G: nx.MultiGraph) -> dict[str, str]:
    """The colour of every sector of ``G``: declared, else from the palette in sector order.

    >>> G = nx.MultiGraph(sectors={"gov": {"color": "#123456"}, "ai": {}})
    >>> G.add_node("x", sector="media")
    >>> sector_colors(G)
    {'gov': '#123456', 'ai': '#009E73', 'media': '#CC79A7'}
    """
    sectors = G.graph.get("sectors") or {}
    colors = {
        sector: (info or {}).get("color") or PALETTE[i % len(PALETTE)]
        for i, (sector, info) in enumerate(sectors.items())
    }
    # Sectors only the nodes name (e.g. a hand-built graph) still get a stable colour.
    for _, sector in sorted(G.nodes(data="sector"), key=lambda item: str(item[0])):
        if sector is not None and str(sector) not in colors:
            colors[str(sector)] = PALETTE[len(colors) % len(PALETTE)]
    return colors


def size_scale(G: nx.MultiGraph, sizes: Mapping[Any, float] | None) -> Callable[[Any], float]:
    """Node to drawn size: the smallest to the largest of ``sizes`` over :data:`NODE_SIZE_RANGE`.

    Without sizes every node gets :data:`DEFAULT_NODE_SIZE`; a node without a
    (finite) size the smallest.

    >>> scale = size_scale(nx.MultiGraph([("a", "b"), ("b", "c")]), {"a": 0.0, "b": 2.0, "c": 1.0})
    >>> scale("a"), scale("b"), scale("c"), scale("x")
    (10.0, 45.0, 27.5, 10.0)
    """
    # len(), not truthiness: a pandas Series of scores is a fine ``sizes``.
    if sizes is None or len(sizes) == 0:
        return lambda node: DEFAULT_NODE_SIZE
    values = [float(sizes[n]) for n in G if n in sizes and math.isfinite(float(sizes[n]))]
    low, high = (min(values), max(values)) if values else (0.0, 0.0)
    small, large = NODE_SIZE_RANGE

    def scale(node: Any) -> float:
        value = sizes.get(node)
        if value is None or not math.isfinite(float(value)):
            return small
        if high == low:
            return (small + large) / 2
        return round(small + (float(value) - low) / (high - low) * (large - small), 2)

    return scale
