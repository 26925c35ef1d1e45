"""Render a meeting graph as one offline, self-contained interactive HTML page.

The page inlines vis-network (the copy pyvis ships), carries the graph as JSON
in a ``<script type="application/json">`` block and builds every label,
tooltip and legend entry with ``textContent``, so no name in a dataset can run
as markup. A Content-Security-Policy forbids every network request.

Encoding
    Node colour = sector, shape = actor type (person dot, organization square,
    group triangle, government body diamond), size = ``sizes`` if given.
    Edges: ``held`` solid grey-blue, ``planned`` dotted, ``requested`` orange
    dashed with a "✗" (asked for, fell through), ``missing`` red, wide, dashed
    and outside the physics. Several meetings between one pair are drawn as
    separate curves.

Examples
--------
>>> from meetgraph.graph import EXAMPLE_YAML, build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> page = render_html(G, language="ko")
>>> page.startswith("<!DOCTYPE html>"), "https://" in page.split("<script>")[0]
(True, False)
>>> data = embedded_data(page)
>>> sorted(node["label"] for node in data["nodes"])
['B', 'C', '가']
>>> [edge["status"] for edge in data["edges"]]
['held', 'held', 'held']
>>> layout_positions(G, seed=1) == layout_positions(G, seed=1)
True
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
import numpy as np
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from meetgraph.errors import MeetgraphError
from meetgraph.i18n import LANGUAGES, translate
from meetgraph.labels import actor_label, localized, sector_label

__all__ = [
    "MAX_DRAWN_NODES",
    "RenderError",
    "embedded_data",
    "layout_positions",
    "render_html",
    "top_nodes",
]

#: Above this many actors the explorer draws only the top actors by the chosen
#: measure (see :func:`top_nodes`) and says so: a browser canvas stays fluid up to
#: roughly this size. :func:`render_html` itself draws whatever it is given.
MAX_DRAWN_NODES = 1500

#: Sector colours used, in sector order, when a sector declares none.
PALETTE = (
    "#1f77b4",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#aec7e8",
    "#98df8a",
    "#c5b0d5",
    "#c49c94",
)
UNKNOWN_SECTOR_COLOR = "#b0b0b0"

SHAPES = {
    "person": ("dot", "●"),
    "organization": ("square", "■"),
    "group": ("triangle", "▲"),
    "government_body": ("diamond", "◆"),
}

#: Edge style per status: colour, dashes (False = solid), width, label.
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "held": {"color": "#5b7a99", "dashes": False, "width": 2},
    "planned": {"color": "#5b7a99", "dashes": [2, 6], "width": 2},
    "requested": {"color": "#ff7f0e", "dashes": [8, 4], "width": 2, "label": "✗"},
    "missing": {"color": "#d62728", "dashes": [10, 8], "width": 3, "physics": False},
}
#: The what-if view (:func:`meetgraph.expectations.as_if_held`): missing edges drawn solid.
WHAT_IF_STYLE: dict[str, Any] = {"color": "#d62728", "dashes": False, "width": 3}

NODE_SIZE_RANGE = (10.0, 45.0)
DEFAULT_NODE_SIZE = 18.0

# Words the page needs beyond locales/ui.json; statuses and types come from there.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "legend": "Legend",
        "sectors": "Sectors",
        "shapes": "Actor types",
        "edges": "Meetings",
        "search": "Find an actor",
        "search_button": "Find",
        "not_found": "No actor matches “{query}”.",
        "found": "Showing {name}.",
        "role": "Role",
        "sector": "Sector",
        "country": "Country",
        "type": "Type",
        "status": "Status",
        "date": "Date",
        "no_date": "date not stated",
        "kind": "Kind",
        "place": "Place",
        "topics": "Topics",
        "why": "Why it was expected",
        "what_if": "missing, drawn as if held (what if)",
        "evidence": "Evidence",
        "meeting": "meeting",
        "press_conference": "press conference",
        "workshop": "workshop",
        "partnership": "partnership",
        "call": "call",
        "event": "event",
        "other": "other",
    },
    "ko": {
        "legend": "범례",
        "sectors": "분야",
        "shapes": "행위자 유형",
        "edges": "만남",
        "search": "행위자 찾기",
        "search_button": "찾기",
        "not_found": "“{query}”에 맞는 행위자가 없습니다.",
        "found": "{name} 표시 중.",
        "role": "직책",
        "sector": "분야",
        "country": "국가",
        "type": "유형",
        "status": "상태",
        "date": "날짜",
        "no_date": "날짜 미상",
        "kind": "형식",
        "place": "장소",
        "topics": "주제",
        "what_if": "없었던 만남 (성사됐다고 가정)",
        "why": "기대된 이유",
        "evidence": "근거",
        "meeting": "회의",
        "press_conference": "기자회견",
        "workshop": "워크숍",
        "partnership": "협약",
        "call": "통화",
        "event": "행사",
        "other": "기타",
    },
}

_HEIGHT = re.compile(r"\d{1,5}(\.\d+)?(px|vh|%|em|rem)")
_DATA_BLOCK = re.compile(
    r'<script type="application/json" id="meetgraph-data">(.*?)</script>', re.DOTALL
)
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


class RenderError(MeetgraphError, ValueError):
    """An argument of :func:`render_html` or :func:`top_nodes` cannot be used."""


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
        if data.get("status") == "missing" or u == v:
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


def top_nodes(G: nx.MultiGraph, scores: Mapping[Any, float], limit: int) -> nx.MultiGraph:
    """A view of ``G`` on the ``limit`` nodes with the highest score.

    Ties are broken by node id; a node without a score ranks last.

    Examples
    --------
    >>> G = nx.MultiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(top_nodes(G, {"a": 1.0, "b": 3.0, "c": 1.0}, 2))
    ['a', 'b']
    """
    if limit < 0:
        raise RenderError(f"limit must be at least 0, not {limit}")
    ranked = sorted(G.nodes, key=lambda node: (-_score(scores, node), str(node)))
    view: nx.MultiGraph = G.subgraph(ranked[:limit])
    return view


def _score(scores: Mapping[Any, float], node: Any) -> float:
    value = scores.get(node)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return -math.inf
    return float(value)


def render_html(
    G: nx.MultiGraph,
    *,
    language: str = "en",
    sizes: Mapping[Any, float] | None = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    physics: bool = False,
    title: str | None = None,
    height: str = "750px",
    seed: int = 0,
) -> str:
    """The graph as a complete, offline, interactive HTML document.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph from :func:`meetgraph.graph.build_graph`, or a view of one.
    language : {"en", "ko"}
        Language of labels, tooltips and legend; Korean falls back to English.
    sizes : mapping, optional
        Node to a number; the smallest to largest are drawn 10 to 45 px.
    positions : mapping, optional
        Node to ``(x, y)``; defaults to :func:`layout_positions` with ``seed``.
    physics : bool
        If true, the page settles the layout briefly (100 steps), then stops.
    title : str, optional
        Page title; defaults to the dataset's title.
    height : str
        CSS height of the drawing, e.g. ``"750px"`` or ``"80vh"``.
    seed : int
        Layout seed when ``positions`` is not given.

    Returns
    -------
    str
        The page. It makes no network request; see :func:`embedded_data` to read
        back the nodes and edges it draws.
    """
    if language not in LANGUAGES:
        raise RenderError(f"no language {language!r}; use one of {', '.join(LANGUAGES)}")
    if not _HEIGHT.fullmatch(height):
        raise RenderError(f"height must be a CSS length such as '750px', not {height!r}")
    if positions is None:
        positions = layout_positions(G, seed=seed)
    words = {**_WORDS["en"], **_WORDS[language]}
    data = {
        "nodes": _nodes(G, language, words, sizes, positions),
        "edges": _edges(G, language, words),
        "options": _options(physics, seed),
        "physics": physics,
        "legend": _legend(G, language, words),
        "words": {key: words[key] for key in ("search", "search_button", "not_found", "found")},
    }
    if title is None:
        title = localized(G.graph, "title", language) or "meetgraph"
    template = _environment().get_template("graph.html")
    return template.render(
        language=language,
        title=title,
        height=height,
        data_json=Markup(_json_for_script(data)),
        vis_js=Markup(_script_safe(_vis_js())),
        app_js=Markup(_script_safe(_asset("graph.js"))),
        app_css=Markup(_asset("graph.css")),
    )


def embedded_data(page: str) -> dict[str, Any]:
    """The nodes, edges and options a page from :func:`render_html` draws."""
    match = _DATA_BLOCK.search(page)
    if match is None:
        raise RenderError("no meetgraph data block in this page")
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _nodes(
    G: nx.MultiGraph,
    language: str,
    words: Mapping[str, str],
    sizes: Mapping[Any, float] | None,
    positions: Mapping[Any, tuple[float, float]],
) -> list[dict[str, Any]]:
    from pyvis.node import Node  # pyvis shapes the vis-network node records

    colors = _sector_colors(G)
    scale = _size_scale(G, sizes)
    nodes = []
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("type") or "person"
        sector = attrs.get("sector")
        name = actor_label(G, node, language)
        x, y = positions.get(node, (0.0, 0.0))
        tooltip: list[list[Any]] = [
            ["", name],
            [words["role"], localized(attrs, "role", language) or None],
            [words["sector"], sector_label(G, sector, language) if sector else sector],
            [words["country"], attrs.get("country")],
            [words["type"], _word(kind, language)],
        ]
        record = Node(
            str(node),
            SHAPES.get(kind, SHAPES["person"])[0],
            name,
            color=colors.get(str(sector), UNKNOWN_SECTOR_COLOR),
            size=scale(node),
            x=float(x),
            y=float(y),
            names=[n for n in (attrs.get("name_en"), attrs.get("name_ko")) if n],
            tooltip=[line for line in tooltip if line[1]],
        ).options
        nodes.append(record)
    return nodes


def _edges(G: nx.MultiGraph, language: str, words: Mapping[str, str]) -> list[dict[str, Any]]:
    from pyvis.edge import Edge  # pyvis shapes the vis-network edge records

    sources = G.graph.get("sources") or {}
    seen: dict[tuple[str, str], int] = {}
    edges = []
    for number, (u, v, key, attrs) in enumerate(G.edges(keys=True, data=True)):
        status = attrs.get("status") or "held"
        pair = (min(str(u), str(v)), max(str(u), str(v)))
        nth = seen[pair] = seen.get(pair, -1) + 1
        style = EDGE_STYLES.get(status, EDGE_STYLES["held"])
        shown_status = _word(status, language)
        if attrs.get("counterfactual"):
            style, shown_status = WHAT_IF_STYLE, words["what_if"]
        date = attrs.get("date")
        tooltip: list[list[str]] = [
            [words["status"], shown_status],
            [words["date"], date.isoformat() if isinstance(date, dt.date) else words["no_date"]],
        ]
        if attrs.get("kind"):
            tooltip.append([words["kind"], words.get(attrs["kind"], attrs["kind"])])
        if place := localized(attrs, "place", language):
            tooltip.append([words["place"], place])
        if topics := _topics(attrs, language):
            tooltip.append([words["topics"], "; ".join(topics)])
        if explanation := localized(attrs, "explanation", language):
            tooltip.append([words["why"], explanation])
        for evidence in attrs.get("evidence") or ():
            source = sources.get(evidence.get("source")) or {}
            cited = ", ".join(
                str(part) for part in (source.get("title"), source.get("publisher")) if part
            )
            quote = f"“{evidence.get('quote', '')}”"
            tooltip.append([words["evidence"], f"{quote} — {cited}" if cited else quote])
        record = Edge(
            str(u),
            str(v),
            id=f"e{number}",
            status=status,
            meeting=attrs.get("meeting"),
            expectation=attrs.get("expectation"),
            key=str(key),
            color=style["color"],
            dashes=style["dashes"],
            width=style["width"],
            physics=style.get("physics", True),
            smooth=_curve(nth),
            tooltip=tooltip,
        ).options
        if "label" in style:
            record["label"] = style["label"]
        edges.append(record)
    return edges


def _curve(nth: int) -> dict[str, Any]:
    """Straight for a pair's first edge, then alternating curves of growing bend."""
    if nth == 0:
        return {"enabled": False}
    kind = "curvedCW" if nth % 2 else "curvedCCW"
    return {"enabled": True, "type": kind, "roundness": 0.15 * ((nth + 1) // 2)}


def _options(physics: bool, seed: int) -> dict[str, Any]:
    from pyvis.options import Options  # pyvis's defaults, adjusted below

    options: dict[str, Any] = json.loads(Options().to_json())
    options["edges"] = {
        "color": {"inherit": False},
        "smooth": {"enabled": False},
        "font": {"size": 16, "color": "#ff7f0e", "strokeWidth": 3, "align": "middle"},
        "selectionWidth": 2,
    }
    options["nodes"] = {"font": {"size": 14}, "borderWidth": 1}
    options["interaction"] = {
        **options.get("interaction", {}),
        "hover": True,
        "tooltipDelay": 120,
        "hideEdgesOnDrag": False,
    }
    options["layout"] = {"randomSeed": seed, "improvedLayout": False}
    options["physics"] = {
        "enabled": physics,
        "solver": "barnesHut",
        "barnesHut": {"springLength": 120, "avoidOverlap": 0.1},
        "stabilization": {"enabled": physics, "iterations": 100, "fit": True},
    }
    return options


def _legend(G: nx.MultiGraph, language: str, words: Mapping[str, str]) -> dict[str, Any]:
    colors = _sector_colors(G)
    what_if = []
    if any(attrs.get("counterfactual") for *_, attrs in G.edges(data=True)):
        what_if.append({"kind": "line", **WHAT_IF_STYLE, "mark": "", "label": words["what_if"]})
    return {
        "title": words["legend"],
        "sections": [
            {
                "title": words["sectors"],
                "items": [
                    {"kind": "color", "color": colors[s], "label": sector_label(G, s, language)}
                    for s in colors
                ],
            },
            {
                "title": words["shapes"],
                "items": [
                    {"kind": "glyph", "glyph": glyph, "label": _word(kind, language)}
                    for kind, (_, glyph) in SHAPES.items()
                ],
            },
            {
                "title": words["edges"],
                "items": [
                    {
                        "kind": "line",
                        "color": style["color"],
                        "dashes": style["dashes"],
                        "width": style["width"],
                        "mark": style.get("label", ""),
                        "label": _word(status, language),
                    }
                    for status, style in EDGE_STYLES.items()
                ]
                + what_if,
            },
        ],
    }


def _sector_colors(G: nx.MultiGraph) -> dict[str, str]:
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


def _size_scale(G: nx.MultiGraph, sizes: Mapping[Any, float] | None) -> Callable[[Any], float]:
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


def _topics(attrs: Mapping[str, Any], language: str) -> list[str]:
    english = attrs.get("topics_en") or []
    local = attrs.get(f"topics_{language}") or []
    chosen = (local[i] if i < len(local) and local[i] else e for i, e in enumerate(english))
    return [str(topic) for topic in chosen if topic]


def _word(key: str, language: str) -> str:
    try:
        return translate(key, language)
    except KeyError:
        return key.replace("_", " ")


def _json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script>`` block or be read as markup."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _script_safe(code: str) -> str:
    # Only "</script" (any case) can end a script element early; "<\/" means the same in JS.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


@cache
def _vis_js() -> str:
    library = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2/vis-network.min.js")
    return library.read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return resources.files("meetgraph").joinpath(f"templates/{name}").read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("meetgraph", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
