"""What the interactive page draws, as compact data, and the records it draws them as.

:func:`page_model` turns a graph into the JSON the page script reads
(:mod:`meetgraph.render` puts it into the page); :func:`expand` turns that
JSON back into the node and edge records the script hands vis-network, as
the script does (tests and tools read pages with it).

The data is compact, because a page of a thousand actors and ten thousand
meetings should weigh about a megabyte, not five: a text shared by many
edges is written once and referred to by number. Every edge of one meeting
shares its tooltip ("tip": the meeting's date, kind, quotes, place, topics,
and why it was expected, empty fields at its end left out); sources,
sectors, types, kinds and statuses are tables the records index into; the
long explanations of one expectation's missing meetings, which differ only
in their ends, share their beginnings. Every text is plain text: the page script sets it with
``textContent``, never as markup. Styles come from :mod:`meetgraph.styles`,
words from the locale files.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> model = page_model(G, language="ko", positions={})
>>> len(model["tips"]), len(model["edges"])  # one meeting, three pairs
(1, 3)
>>> nodes, edges = expand(model)
>>> sorted(node["label"] for node in nodes)
['B', 'C', '가']
>>> edges[0]["status"], dict(edges[0]["tooltip"])["상태"]
('held', '성사')
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from meetgraph.i18n import translate, ui_words
from meetgraph.labels import (
    actor_labels,
    citation,
    graph_languages,
    localized,
    sector_label,
    text_in,
)
from meetgraph.layout import affiliation_pairs
from meetgraph.story import StoryStep
from meetgraph.styles import (
    AFFILIATION_STYLE,
    EDGE_STYLES,
    FADED_EDGE_COLOR,
    FADED_NODE_COLOR,
    FADED_TEXT_COLOR,
    FONT_FAMILY,
    LABEL_FONT_SIZE,
    NODE_SHAPES,
    UNKNOWN_SECTOR_COLOR,
    WHAT_IF_STYLE,
    EdgeStyle,
    edge_style,
    sector_colors,
    size_scale,
)
from meetgraph.vocabulary import MeetingKind, MeetingStatus

__all__ = ["MAX_STORY_STEPS", "MAX_TABLE_ROWS", "expand", "join_view", "page_model", "split_view"]

#: Views of more steps than this have no story mode (filter the view to tell one).
MAX_STORY_STEPS = 300
#: Rows of the page's table of meetings (for screen readers; the downloads have them all).
MAX_TABLE_ROWS = 1000
_SHARED_START = 40  # characters two explanations share before the page writes them once

# Each edge style is a row: colour, dashes (0 for solid), width, in the physics, mark.
_STYLES: tuple[EdgeStyle, ...] = (*EDGE_STYLES.values(), WHAT_IF_STYLE)
_STYLE_STATUS = (*EDGE_STYLES, MeetingStatus.HELD.value)  # a what-if edge counts as held
_TYPES = tuple(NODE_SHAPES)
_KINDS = tuple(kind.value for kind in MeetingKind)


def page_model(
    G: nx.MultiGraph,
    *,
    language: str,
    positions: Mapping[Any, tuple[float, float]],
    sizes: Mapping[Any, float] | None = None,
    physics: bool = False,
    seed: int = 0,
    story: Sequence[StoryStep] = (),
    step: int | None = None,
    standalone: bool = False,
    context: nx.MultiGraph | None = None,
    affiliations: bool = True,
) -> dict[str, Any]:
    """The data of the page (see the module docstring).

    Parameters other than these are those of :func:`meetgraph.render.render_html`.
    With a ``context`` (a graph ``G`` is a part of) the page draws the
    context, and lists under ``"faded"`` the numbers of its nodes and edges
    that are not in ``G``: those the page draws faded.
    ``story`` are the steps to tell (none above :data:`MAX_STORY_STEPS`),
    ``step`` the one highlighted first (0-based; None: the whole graph).
    A ``standalone`` page (one of its own, not a part of the app) has the
    story's buttons and arrow keys, a list of actors to tab through and a
    table of meetings; the arrow keys then step through the story rather
    than move the drawing. The page draws each actor's affiliation (the
    organisation it belongs to, when both are drawn) as a faint line, unless
    ``affiliations`` is false; ``"affiliations"`` lists them either way, as
    [from node number, to node number].
    """
    drawn = G if context is None else context
    words = _page_words(language)
    colors = sector_colors(drawn)
    sectors = list(colors)
    languages = graph_languages(drawn)
    credits: dict[str, int] = {}
    nodes, index = _nodes(drawn, language, languages, sectors, sizes, positions)
    prefixes: dict[str, int] = {}
    tips, edges, edge_index = _tips_and_edges(drawn, language, languages, index, credits, prefixes)
    faded = _faded(drawn, G, index, edge_index) if context is not None else ([], [])
    told = list(story) if len(story) <= MAX_STORY_STEPS else []
    belongs = [[index[member], index[group]] for member, group in affiliation_pairs(drawn)]
    return {
        "format": 2,
        "lang": language,
        "words": words,
        "styles": [
            [s.color, list(s.dashes) if s.dashes else 0, s.width, int(s.physics), s.mark]
            for s in _STYLES
        ],
        "style_status": list(_STYLE_STATUS),
        "style_words": [translate(f"status.{s}", language) for s in EDGE_STYLES]
        + [words["what_if"]],
        "colors": [colors[s] for s in sectors],
        "unknown_color": UNKNOWN_SECTOR_COLOR,
        "sectors": [sector_label(drawn, s, language) for s in sectors],
        "shapes": [NODE_SHAPES[t].shape for t in _TYPES],
        "types": [_word("type", t, language) for t in _TYPES],
        "kinds": [_word("kind", k, language) for k in _KINDS],
        "credits": list(credits),
        "prefixes": list(prefixes),
        "nodes": nodes,
        "tips": tips,
        "edges": edges,
        "faded": {"nodes": faded[0], "edges": faded[1]},
        "affiliations": belongs,
        "show_affiliations": affiliations,
        "affiliation_style": [AFFILIATION_STYLE.color, AFFILIATION_STYLE.width],
        "options": _options(physics, seed, keyboard=not (standalone and told)),
        "physics": physics,
        "legend": _legend(
            drawn, language, words, colors, affiliations=affiliations and bool(belongs)
        ),
        "story": _story(told, edge_index, step, controls=standalone),
        "standalone": standalone,
        "table_rows": MAX_TABLE_ROWS,
    }


def _faded(
    drawn: nx.MultiGraph,
    view: nx.MultiGraph,
    index: Mapping[Any, int],
    edge_index: Mapping[tuple[Any, Any, Any], int],
) -> tuple[list[int], list[int]]:
    """The numbers of the nodes and of the edges ``drawn`` has and ``view`` has not."""
    nodes = [index[node] for node in drawn if node not in view]
    edges = sorted(
        {
            edge_index[(u, v, key)]
            for u, v, key in drawn.edges(keys=True)
            if not view.has_edge(u, v, key)
        }
    )
    return nodes, edges


def _nodes(
    G: nx.MultiGraph,
    language: str,
    languages: Sequence[str],
    sectors: list[str],
    sizes: Mapping[Any, float] | None,
    positions: Mapping[Any, tuple[float, float]],
) -> tuple[list[list[Any]], dict[Any, int]]:
    """[id, label, type, sector, size, x, y, country, role, other names] per actor."""
    scale = size_scale(G, sizes)
    sector_index = {sector: i for i, sector in enumerate(sectors)}
    type_index = {kind: i for i, kind in enumerate(_TYPES)}
    nodes, index = [], {}
    names = actor_labels(G, G.nodes, language)
    for number, (node, attrs) in enumerate(G.nodes(data=True)):
        index[node] = number
        name = names[node]
        x, y = positions.get(node, (0.0, 0.0))
        others = [n for n in dict.fromkeys((attrs.get("name") or {}).values()) if n and n != name]
        nodes.append(
            [
                str(node),
                name,
                type_index.get(attrs.get("type") or "", 0),
                sector_index.get(str(attrs.get("sector")), -1),
                scale(node),
                float(x),
                float(y),
                attrs.get("country") or "",
                text_in(attrs.get("role"), language, languages),
                others,
            ]
        )
    return nodes, index


def _tips_and_edges(
    G: nx.MultiGraph,
    language: str,
    languages: Sequence[str],
    index: Mapping[Any, int],
    credits: dict[str, int],
    prefixes: dict[str, int],
) -> tuple[list[list[Any]], list[list[Any]], dict[tuple[Any, Any, Any], int]]:
    """The tooltips (one per meeting) and the edges: [from, to, style, tip, nth].

    A tip is [key, whose, date, time, kind, evidence, place, topics, why]:
    ``whose`` is 0 when the key is the meeting's id, 1 when it is the
    expectation's, else [meeting, expectation]; ``why`` is a text or
    [prefix, rest], a prefix being a number in ``prefixes``.
    """
    kind_index = {kind: i for i, kind in enumerate(_KINDS)}
    tips: list[list[Any]] = []
    tip_index: dict[str, int] = {}
    edges: list[list[Any]] = []
    edge_index: dict[tuple[Any, Any, Any], int] = {}
    seen: dict[tuple[int, int], int] = {}
    starts = _shared_starts(G, language)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        evidence = [
            [str(e.get("quote", "")), credits.setdefault(citation(G, e), len(credits))]
            for e in attrs.get("evidence") or ()
        ]
        date = attrs.get("date")
        meeting, expectation = attrs.get("meeting"), attrs.get("expectation")
        whose: Any = [meeting, expectation]
        if (meeting, expectation) == (str(key), None):
            whose = 0
        elif (meeting, expectation) == (None, str(key)):
            whose = 1
        why = text_in(attrs.get("explanation"), language, languages)
        tip = [
            str(key),
            whose,
            date.isoformat() if isinstance(date, dt.date) else None,
            attrs.get("time"),
            kind_index.get(attrs.get("kind") or "", -1),
            evidence,
            text_in(attrs.get("place"), language, languages),
            "; ".join(text_in(t, language, languages) for t in attrs.get("topics") or ()),
            _shared_start(why, starts.get(key, ""), prefixes),
        ]
        while tip[-1] in ("", [], None):  # empty fields at the end are left out
            tip.pop()
        # Pairs of one meeting share their tooltip: written once, referred to by number.
        signature = json.dumps(tip, ensure_ascii=False, default=str)
        number = tip_index.setdefault(signature, len(tips))
        if number == len(tips):
            tips.append(tip)
        a, b = index[u], index[v]
        pair = (min(a, b), max(a, b))
        nth = seen[pair] = seen.get(pair, -1) + 1
        edge_index[(u, v, key)] = edge_index[(v, u, key)] = len(edges)
        edges.append([a, b, _STYLES.index(edge_style(attrs)), number, nth])
    return tips, edges, edge_index


def _shared_starts(G: nx.MultiGraph, language: str) -> dict[Any, str]:
    """The beginning the explanations of each key's edges share, when there are several."""
    texts: dict[Any, set[str]] = {}
    explanation: Any
    for _, _, key, explanation in G.edges(keys=True, data="explanation"):
        if explanation:
            texts.setdefault(key, set()).add(localized(G, explanation, language))
    starts = {}
    for key, whys in texts.items():
        # The first and the last in order share what they all share.
        first, last = min(whys), max(whys)
        pairs = zip(first, last, strict=False)
        same = next((i for i, (a, b) in enumerate(pairs) if a != b), len(first))
        if len(whys) > 1 and same >= _SHARED_START:
            starts[key] = first[:same]
    return starts


def _shared_start(text: str, start: str, prefixes: dict[str, int]) -> str | list[Any]:
    """``text``, or [prefix number, rest] when it begins with ``start``."""
    if not start or not text.startswith(start):
        return text
    return [prefixes.setdefault(start, len(prefixes)), text[len(start) :]]


def _story(
    steps: Sequence[StoryStep],
    edge_index: Mapping[tuple[Any, Any, Any], int],
    step: int | None,
    *,
    controls: bool,
) -> dict[str, Any] | None:
    if not steps:
        return None
    return {
        "steps": [
            {
                "kind": s.kind,
                "when": s.when,
                "title": s.title,
                "place": s.place,
                "status": s.status,
                "lines": list(s.lines),
                "quotes": [list(q) for q in s.quotes],
                "edges": sorted(edge_index[e] for e in s.edges if e in edge_index),
            }
            for s in steps
        ],
        "start": step if step is not None and 0 <= step < len(steps) else None,
        "controls": controls,
    }


# The parts of a model a view's part rebuilds from the base's rather than carries.
_SPLIT_KEYS = frozenset(
    {"nodes", "edges", "tips", "credits", "prefixes", "faded", "affiliations", "story"}
)


def split_view(base: Mapping[str, Any], model: Mapping[str, Any]) -> dict[str, Any] | None:
    """What a view's page model adds to a base model: the little that changes with a filter.

    ``base`` is the model of a whole drawing (the dataset for a language, layout
    and what-if), ``model`` that of a view drawn from it. The view's part names
    the base's nodes and edges it draws, in its order (a bitmap in base64 when
    that order is the base's, else a list of numbers), its faded ones (bitmaps of
    its own numbers), its sizes and the places that differ from the base's, and
    the other keys of the model that differ. :func:`join_view` rebuilds a model
    that :func:`expand` draws exactly as ``model``; None when ``model`` is not a
    part of ``base`` (an actor or a meeting the base lacks, another sector table).

    >>> from meetgraph.examples import example_graph
    >>> G = example_graph()
    >>> base = page_model(G, language="en", positions={})
    >>> model = page_model(G.subgraph(["a", "b"]), language="en", positions={})
    >>> view = split_view(base, model)
    >>> view["nodes"], view["edges"]
    ('Aw==', 'AQ==')
    >>> expand(join_view(base, view)) == expand(model)
    True
    """
    if any(base[key] != model[key] for key in ("styles", "sectors", "colors", "types", "shapes")):
        return None
    node_numbers = {row[0]: number for number, row in enumerate(base["nodes"])}
    nodes = [node_numbers.get(row[0], -1) for row in model["nodes"]]
    if -1 in nodes:
        return None
    base_tips = [_tip_text(base, tip) for tip in base["tips"]]
    edge_numbers: dict[tuple[Any, ...], list[int]] = {}
    for number, (a, b, style, tip, _) in enumerate(base["edges"]):
        signature = (base["nodes"][a][0], base["nodes"][b][0], style, base_tips[tip])
        edge_numbers.setdefault(signature, []).append(number)
    edges = []
    for a, b, style, tip, _ in model["edges"]:
        ends = (model["nodes"][a][0], model["nodes"][b][0], style)
        matches = edge_numbers.get((*ends, _tip_text(model, model["tips"][tip])))
        if not matches:
            return None
        edges.append(matches.pop(0))
    faded = model.get("faded") or {"nodes": [], "edges": []}
    view: dict[str, Any] = {
        "nodes": _pack(nodes),
        "edges": _pack(edges),
        "faded": {"nodes": _pack(faded["nodes"]), "edges": _pack(faded["edges"])},
        "model": {
            key: value
            for key, value in model.items()
            if key not in _SPLIT_KEYS and base.get(key) != value
        },
    }
    if model["story"] is not None:
        view["story"] = _split_story(base["story"], model["story"], edges)
    sizes = [row[4] for row in model["nodes"]]
    if sizes != [base["nodes"][number][4] for number in nodes]:
        view["sizes"] = sizes
    moved = [
        [number, row[5], row[6]]
        for number, (row, at) in enumerate(zip(model["nodes"], nodes, strict=True))
        if row[5:7] != base["nodes"][at][5:7]
    ]
    if moved:
        view["moved"] = moved
    joined = join_view(base, view)
    if joined["affiliations"] != model["affiliations"]:
        view["affiliations"] = joined["affiliations"] = model["affiliations"]
    same_edges = [e[:3] + e[4:] for e in joined["edges"]] == [e[:3] + e[4:] for e in model["edges"]]
    same_story = joined["story"] == model["story"]
    if joined["nodes"] != model["nodes"] or not same_edges or joined["faded"] != faded:
        return None
    return view if same_story else None


def _split_story(
    base: Mapping[str, Any] | None, story: Mapping[str, Any], edges: Sequence[int]
) -> dict[str, Any]:
    """The view's story, a step the base tells alike (on the view's edges) as its number."""
    shown = {at: number for number, at in enumerate(edges)}
    numbers: dict[str, int] = {}
    for number, step in enumerate(base["steps"] if base else ()):
        drawn = sorted(shown[at] for at in step["edges"] if at in shown)
        numbers.setdefault(json.dumps({**step, "edges": drawn}, sort_keys=True), number)
    steps = [numbers.get(json.dumps(step, sort_keys=True), step) for step in story["steps"]]
    return {**story, "steps": steps}


def join_view(base: Mapping[str, Any], view: Mapping[str, Any]) -> dict[str, Any]:
    """The page model of a view: ``base`` and the view's part from :func:`split_view`.

    The page script does the same (``joinView`` in graph.js) with each view the app sends.
    """
    chosen = _unpack(view["nodes"])
    sizes = view.get("sizes")
    nodes = []
    for number, at in enumerate(chosen):
        row = list(base["nodes"][at])
        if sizes is not None:
            row[4] = sizes[number]
        nodes.append(row)
    for number, x, y in view.get("moved", ()):
        nodes[number][5:7] = [x, y]
    numbers = {at: number for number, at in enumerate(chosen)}
    edges = []
    seen: dict[tuple[int, int], int] = {}
    edge_numbers = _unpack(view["edges"])
    for at in edge_numbers:
        a, b, style, tip, _ = base["edges"][at]
        a, b = numbers[a], numbers[b]
        pair = (min(a, b), max(a, b))
        nth = seen[pair] = seen.get(pair, -1) + 1  # as page_model numbers a pair's edges
        edges.append([a, b, style, tip, nth])
    affiliations = view.get("affiliations")
    if affiliations is None:
        affiliations = [
            [numbers[a], numbers[b]]
            for a, b in base["affiliations"]
            if a in numbers and b in numbers
        ]
    faded = view["faded"]
    return {
        **base,
        **view["model"],
        "nodes": nodes,
        "edges": edges,
        "faded": {"nodes": _unpack(faded["nodes"]), "edges": _unpack(faded["edges"])},
        "affiliations": affiliations,
        "story": _join_story(base["story"], view.get("story"), edge_numbers),
    }


def _join_story(
    base: Mapping[str, Any] | None,
    story: Mapping[str, Any] | None,
    edges: Sequence[int],
) -> dict[str, Any] | None:
    """The view's story: each step given as a base step's number is that step on its edges."""
    if story is None:
        return None
    shown = {at: number for number, at in enumerate(edges)}
    steps = []
    for step in story["steps"]:
        if isinstance(step, int) and base is not None:
            told = base["steps"][step]
            step = {**told, "edges": sorted(shown[at] for at in told["edges"] if at in shown)}
        steps.append(step)
    return {**story, "steps": steps}


def _tip_text(model: Mapping[str, Any], tip: Sequence[Any]) -> str:
    """A tip with its shared beginning and its credits written out: the same in any model."""
    full = list(tip) + [""] * (9 - len(tip))
    why = full[8]
    if isinstance(why, list):
        full[8] = model["prefixes"][why[0]] + why[1]
    full[5] = [[quote, model["credits"][credit]] for quote, credit in full[5] or ()]
    return json.dumps(full, ensure_ascii=False, default=str)


def _pack(numbers: Sequence[int]) -> str | list[int]:
    """Ascending numbers as a bitmap in base64 (bit i of byte i // 8, lowest first), else as is."""
    if any(b <= a for a, b in itertools.pairwise(numbers)):
        return list(numbers)
    bits = bytearray((numbers[-1] // 8 + 1) if numbers else 0)
    for number in numbers:
        bits[number // 8] |= 1 << (number % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")


def _unpack(packed: str | Sequence[int]) -> list[int]:
    if not isinstance(packed, str):
        return list(packed)
    bits = base64.b64decode(packed)
    return [i * 8 + bit for i, byte in enumerate(bits) for bit in range(8) if byte >> bit & 1]


def expand(
    model: Mapping[str, Any], *, affiliations: bool = False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network records a page draws, with their tooltips, as the page script makes them.

    The edges are the meetings (and missing meetings); with ``affiliations``,
    the affiliation lines follow them (``"affiliation": True``, hidden when
    the page does not show them).
    """
    words = model["words"]
    faded = model.get("faded") or {"nodes": [], "edges": []}
    faded_nodes, faded_edges = set(faded["nodes"]), set(faded["edges"])
    nodes = []
    for number, n in enumerate(model["nodes"]):
        node_id, label, kind, sector, size, x, y, country, role, others = n
        tooltip = [
            ["", label],
            [words["role"], role],
            [words["sector"], model["sectors"][sector] if sector >= 0 else ""],
            [words["country"], country],
            [words["type"], model["types"][kind]],
        ]
        node: dict[str, Any] = {
            "id": node_id,
            "label": label,
            "shape": model["shapes"][kind],
            "color": model["colors"][sector] if sector >= 0 else model["unknown_color"],
            "size": size,
            "x": x,
            "y": y,
            "names": [label, *others],
            "tooltip": [line for line in tooltip if line[1]],
        }
        if number in faded_nodes:
            node.update(faded=True, color=FADED_NODE_COLOR, font={"color": FADED_TEXT_COLOR})
        nodes.append(node)
    edges = []
    for number, (a, b, style_number, tip_number, nth) in enumerate(model["edges"]):
        color, dashes, width, physics, mark = model["styles"][style_number]
        key, whose = model["tips"][tip_number][:2]
        meeting, expectation = [key, None] if whose == 0 else [None, key] if whose == 1 else whose
        record: dict[str, Any] = {
            "id": f"e{number}",
            "from": model["nodes"][a][0],
            "to": model["nodes"][b][0],
            "status": model["style_status"][style_number],
            "meeting": meeting,
            "expectation": expectation,
            "key": key,
            "color": color,
            "dashes": dashes or False,
            "width": width,
            "physics": bool(physics),
            "smooth": _curve(nth),
            "tooltip": _tip_lines(model, style_number, tip_number),
        }
        if mark:
            record["label"] = mark
        if number in faded_edges:
            record.update(faded=True, color=FADED_EDGE_COLOR, font={"color": FADED_EDGE_COLOR})
        edges.append(record)
    if affiliations:
        edges += [
            _affiliation_record(model, number, pair)
            for number, pair in enumerate(model["affiliations"])
        ]
    return nodes, edges


def _affiliation_record(
    model: Mapping[str, Any], number: int, pair: Sequence[int]
) -> dict[str, Any]:
    member, group = (model["nodes"][end] for end in pair)
    color, width = model["affiliation_style"]
    return {
        "id": f"a{number}",
        "from": member[0],
        "to": group[0],
        "affiliation": True,
        "color": color,
        "width": width,
        "dashes": False,
        "physics": False,
        "smooth": {"enabled": False},
        "hidden": not model["show_affiliations"],
        "tooltip": [[model["words"]["affiliation"], f"{member[1]} → {group[1]}"]],
    }


def _tip_lines(model: Mapping[str, Any], style_number: int, tip_number: int) -> list[list[str]]:
    words = model["words"]
    tip = model["tips"][tip_number]
    _, _, date, _, kind, evidence, place, topics, why = tip + [""] * (9 - len(tip))
    if isinstance(why, list):
        why = model["prefixes"][why[0]] + why[1]
    lines = [
        [words["status"], model["style_words"][style_number]],
        [words["date"], date or words["no_date"]],
    ]
    if kind >= 0:
        lines.append([words["kind"], model["kinds"][kind]])
    for key, value in (("place", place), ("topics", topics), ("why", why)):
        if value:
            lines.append([words[key], value])
    for quote, credit in evidence or ():
        cited = model["credits"][credit]
        lines.append([words["evidence"], f"“{quote}” — {cited}" if cited else f"“{quote}”"])
    return lines


def _curve(nth: int) -> dict[str, Any]:
    """Straight for a pair's first edge, then alternating curves of growing bend."""
    if nth == 0:
        return {"enabled": False}
    kind = "curvedCW" if nth % 2 else "curvedCCW"
    return {"enabled": True, "type": kind, "roundness": 0.15 * ((nth + 1) // 2)}


def _options(physics: bool, seed: int, *, keyboard: bool) -> dict[str, Any]:
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
            "face": FONT_FAMILY,
        },
        "selectionWidth": 2,
    }
    # The canvas draws labels in the first font of the list with the glyph, as the page does.
    options["nodes"] = {"font": {"size": LABEL_FONT_SIZE, "face": FONT_FAMILY}, "borderWidth": 1}
    options["interaction"] = {
        **options.get("interaction", {}),
        "hover": True,
        "tooltipDelay": 120,
        "hideEdgesOnDrag": False,
        "keyboard": {"enabled": keyboard, "bindToWindow": False},
    }
    options["layout"] = {"randomSeed": seed, "improvedLayout": False}
    options["physics"] = {
        "enabled": physics,
        "solver": "barnesHut",
        "barnesHut": {"springLength": 120, "avoidOverlap": 0.1},
        "stabilization": {"enabled": physics, "iterations": 100, "fit": True},
    }
    return options


def _legend(
    G: nx.MultiGraph,
    language: str,
    words: Mapping[str, str],
    colors: Mapping[str, str],
    *,
    affiliations: bool,
) -> dict[str, Any]:
    what_if = []
    if affiliations:
        what_if.append(_line(AFFILIATION_STYLE, words["affiliation"]))
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


def _page_words(language: str) -> dict[str, str]:
    """The locale's ``page.*`` and ``story.*`` words, without the ``page.`` prefix."""
    return {
        key.removeprefix("page."): text
        for key, text in ui_words(language).items()
        if key.startswith(("page.", "story."))
    }


def _word(group: str, value: str, language: str) -> str:
    """The UI word for a status, type or kind; the value itself, readable, when there is none."""
    try:
        return translate(f"{group}.{value}", language)
    except KeyError:
        return value.replace("_", " ")
