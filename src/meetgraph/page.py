"""What the interactive page draws: its nodes, edges, options, legend and words, as data.

:func:`page_model` turns a graph into the JSON the page script reads
(:mod:`meetgraph.render` puts it into the page). Every text in it is plain
text: the page script sets it with ``textContent``, never as markup. Styles
come from :mod:`meetgraph.styles`, words from the locale files.

Examples
--------
>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.graph import build_graph
>>> from meetgraph.loader import load_dataset_text
>>> G = build_graph(load_dataset_text(EXAMPLE_YAML, "example.yaml"))
>>> model = page_model(G, language="ko", positions={})
>>> sorted(node["label"] for node in model["nodes"])
['B', 'C', '가']
>>> model["legend"]["title"]
'범례'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import networkx as nx

from meetgraph.i18n import translate, ui_words
from meetgraph.labels import actor_label, graph_languages, localized, sector_label, text_in
from meetgraph.styles import (
    EDGE_STYLES,
    NODE_SHAPES,
    UNKNOWN_SECTOR_COLOR,
    WHAT_IF_STYLE,
    EdgeStyle,
    sector_colors,
    size_scale,
)
from meetgraph.vocabulary import MeetingStatus

__all__ = ["page_model"]

#: The page's words the script itself needs (search box and its messages).
_SCRIPT_WORDS = ("search", "search_button", "not_found", "found")


def page_model(
    G: nx.MultiGraph,
    *,
    language: str,
    positions: Mapping[Any, tuple[float, float]],
    sizes: Mapping[Any, float] | None = None,
    physics: bool = False,
    seed: int = 0,
) -> dict[str, Any]:
    """The data of the page: ``nodes``, ``edges``, ``options``, ``physics``, ``legend``, ``words``.

    Parameters are those of :func:`meetgraph.render.render_html`; a node
    without a position is drawn at the origin.
    """
    words = _page_words(language)
    return {
        "nodes": _nodes(G, language, words, sizes, positions),
        "edges": _edges(G, language, words),
        "options": _options(physics, seed),
        "physics": physics,
        "legend": _legend(G, language, words),
        "words": {key: words[key] for key in _SCRIPT_WORDS},
    }


def _nodes(
    G: nx.MultiGraph,
    language: str,
    words: Mapping[str, str],
    sizes: Mapping[Any, float] | None,
    positions: Mapping[Any, tuple[float, float]],
) -> list[dict[str, Any]]:
    from pyvis.node import Node  # pyvis shapes the vis-network node records

    colors = sector_colors(G)
    scale = size_scale(G, sizes)
    nodes = []
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("type") or "person"
        sector = attrs.get("sector")
        name = actor_label(G, node, language)
        x, y = positions.get(node, (0.0, 0.0))
        tooltip: list[list[Any]] = [
            ["", name],
            [words["role"], localized(G, attrs.get("role"), language) or None],
            [words["sector"], sector_label(G, sector, language) if sector else sector],
            [words["country"], attrs.get("country")],
            [words["type"], _word("type", kind, language)],
        ]
        record = Node(
            str(node),
            NODE_SHAPES.get(kind, NODE_SHAPES["person"]).shape,
            name,
            color=colors.get(str(sector), UNKNOWN_SECTOR_COLOR),
            size=scale(node),
            x=float(x),
            y=float(y),
            names=[n for n in (attrs.get("name") or {}).values() if n],
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
        style = EDGE_STYLES.get(status, EDGE_STYLES[MeetingStatus.HELD])
        shown_status = _word("status", status, language)
        if attrs.get("counterfactual"):
            style, shown_status = WHAT_IF_STYLE, words["what_if"]
        date = attrs.get("date")
        tooltip: list[list[str]] = [
            [words["status"], shown_status],
            [words["date"], date.isoformat() if isinstance(date, dt.date) else words["no_date"]],
        ]
        if attrs.get("kind"):
            tooltip.append([words["kind"], _word("kind", attrs["kind"], language)])
        if place := localized(G, attrs.get("place"), language):
            tooltip.append([words["place"], place])
        if topics := _topics(G, attrs, language):
            tooltip.append([words["topics"], "; ".join(topics)])
        if explanation := localized(G, attrs.get("explanation"), language):
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
            color=style.color,
            dashes=list(style.dashes) if style.dashes else False,
            width=style.width,
            physics=style.physics,
            smooth=_curve(nth),
            tooltip=tooltip,
        ).options
        if style.mark:
            record["label"] = style.mark
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
        "font": {
            "size": 16,
            "color": EDGE_STYLES[MeetingStatus.REQUESTED].color,
            "strokeWidth": 3,
            "align": "middle",
        },
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
    colors = sector_colors(G)
    what_if = []
    if any(attrs.get("counterfactual") for *_, attrs in G.edges(data=True)):
        what_if.append(_line(WHAT_IF_STYLE, words["what_if"]))
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
                    {"kind": "glyph", "glyph": shape.glyph, "label": _word("type", kind, language)}
                    for kind, shape in NODE_SHAPES.items()
                ],
            },
            {
                "title": words["edges"],
                "items": [
                    _line(style, _word("status", status, language))
                    for status, style in EDGE_STYLES.items()
                ]
                + what_if,
            },
        ],
    }


def _line(style: EdgeStyle, label: str) -> dict[str, Any]:
    dashes = list(style.dashes) if style.dashes else False
    return {
        "kind": "line",
        "color": style.color,
        "dashes": dashes,
        "width": style.width,
        "mark": style.mark,
        "label": label,
    }


def _topics(G: nx.MultiGraph, attrs: Mapping[str, Any], language: str) -> list[str]:
    languages = graph_languages(G)
    return [text_in(topic, language, languages) for topic in attrs.get("topics") or ()]


def _page_words(language: str) -> dict[str, str]:
    """The locale's ``page.*`` words, without the prefix."""
    return {
        key.removeprefix("page."): text
        for key, text in ui_words(language).items()
        if key.startswith("page.")
    }


def _word(group: str, value: str, language: str) -> str:
    """The UI word for a status, type or kind; the value itself, readable, when there is none."""
    try:
        return translate(f"{group}.{value}", language)
    except KeyError:
        return value.replace("_", " ")
