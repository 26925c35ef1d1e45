"""Render a meeting graph as one offline, self-contained interactive HTML page.

The page inlines vis-network (the copy pyvis ships), carries the graph as JSON
(:mod:`meetgraph.page`) in a ``<script type="application/json">`` block and
builds every label, tooltip and legend entry with ``textContent``, so no
name in a dataset can run as markup. A Content-Security-Policy forbids every
network request. The template is Jinja with autoescaping; the JSON and the
scripts are made safe for their ``<script>`` elements (:mod:`meetgraph.htmlsafe`).

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> page = render_html(G, language="ko")
>>> page.startswith("<!DOCTYPE html>"), "https://" in page.split("<script>")[0]
(True, False)
>>> data = embedded_data(page)
>>> sorted(node["label"] for node in data["nodes"])
['B', 'C', '가']
>>> [edge["status"] for edge in data["edges"]]
['held', 'held', 'held']

A page of its own, to send or publish, says what it shows and tells the story:

>>> from meetgraph.story import story_steps
>>> text = PageText(title="Visit", headline="Met: 2 of 2", credits=("Press, “Daily”",))
>>> page = render_html(G, language="en", story=story_steps(G, "en"), text=text)
>>> "<h1>Visit</h1>" in page, len(embedded_data(page)["story"]["steps"])
(True, 1)
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from meetgraph.errors import MeetgraphError
from meetgraph.htmlsafe import json_for_script, script_safe
from meetgraph.i18n import FALLBACK, LANGUAGE_CODE
from meetgraph.labels import actor_label, default_language, localized
from meetgraph.layout import layout_positions
from meetgraph.page import expand, page_model, split_view
from meetgraph.story import StoryStep
from meetgraph.styles import FONT_FAMILY, unbroken

__all__ = [
    "MAX_DRAWN_EDGES",
    "MAX_DRAWN_NODES",
    "ComponentAssets",
    "PageText",
    "RenderError",
    "component_assets",
    "component_base",
    "component_data",
    "drawn_whole",
    "embed_snippet",
    "embedded_data",
    "page_data",
    "render_html",
]

#: Above this many actors the explorer, the exported page and the pictures draw
#: only the top actors by the chosen measure (see :func:`meetgraph.filters.top_nodes`)
#: and say so: a browser canvas stays fluid up to roughly this size, and a page
#: stays a few MB. :func:`render_html` draws whatever it is given.
MAX_DRAWN_NODES = 1500
#: The edges drawn at most, by the same rule: the top actors' meetings among them can be
#: far more than a browser draws at once (108,000 among the top 1,500 of 20,000 actors).
#: The benchmark's 1,000-actor graph (11,904 edges) is drawn whole, within a second; at
#: 20,000 actors Chromium redraws this many in 1.7-2.0 s (20,000 took 2.8-3.0 s).
MAX_DRAWN_EDGES = 12_000


def drawn_whole(G: nx.MultiGraph) -> bool:
    """Whether all of ``G`` is within the drawing budget (:data:`MAX_DRAWN_NODES` actors,
    :data:`MAX_DRAWN_EDGES` edges); above it pages draw the top actors only.

    >>> drawn_whole(nx.MultiGraph([("a", "b")]))
    True
    """
    return G.number_of_nodes() <= MAX_DRAWN_NODES and G.number_of_edges() <= MAX_DRAWN_EDGES


_HEIGHT = re.compile(r"\d{1,5}(\.\d+)?(px|vh|%|em|rem)")
_DATA_BLOCK = re.compile(
    r'<script type="application/json" id="meetgraph-data">(.*?)</script>', re.DOTALL
)


class RenderError(MeetgraphError, ValueError):
    """An argument of :func:`render_html` cannot be used."""


@dataclass(frozen=True)
class PageText:
    """What a page of its own says around the graph, all plain text."""

    title: str  #: the page's heading
    headline: str = ""  #: the comparison in words
    filters: str = ""  #: the filters that made the view, in words
    credits: Sequence[str] = ()  #: the sources, one line each
    note: str = ""  #: what the page leaves out, e.g. that it draws only the top actors


def render_html(
    G: nx.MultiGraph,
    *,
    language: str | None = None,
    sizes: Mapping[Any, float] | None = None,
    positions: Mapping[Any, tuple[float, float]] | None = None,
    physics: bool = False,
    title: str | None = None,
    height: str = "750px",
    seed: int = 0,
    story: Sequence[StoryStep] = (),
    step: int | None = None,
    text: PageText | None = None,
    context: nx.MultiGraph | None = None,
    affiliations: bool = True,
) -> str:
    """The graph as a complete, offline, interactive HTML document.

    Parameters
    ----------
    G : networkx.MultiGraph
        A graph from :func:`meetgraph.graph.build_graph`, or a view of one.
    language : str, optional
        Language of labels, tooltips and legend (default: the dataset's
        first); a label not given in it is shown in the dataset's first
        language, and words the interface lacks in it in English.
    sizes : mapping, optional
        Node to a number; the smallest to largest are drawn 10 to 45 px.
    positions : mapping, optional
        Node to ``(x, y)``; defaults to :func:`layout_positions` with ``seed``,
        made for these sizes and labels.
    physics : bool
        If true, the page settles the layout briefly (100 steps), then stops.
    title : str, optional
        Page title; defaults to the dataset's title.
    height : str
        CSS height of the drawing, e.g. ``"750px"`` or ``"80vh"``.
    seed : int
        Layout seed when ``positions`` is not given.
    story : sequence of StoryStep
        The steps of :func:`meetgraph.story.story_steps` for the page to tell
        (up to :data:`meetgraph.page.MAX_STORY_STEPS`).
    step : int, optional
        The step (0-based) highlighted when the page opens.
    text : PageText, optional
        Makes a page of its own: a header with the title, headline and
        filters, a footer with the sources, the story's buttons and arrow
        keys, a list of actors to tab through and a table of meetings for
        screen readers. Without it the page is a part of the app.
    context : networkx.MultiGraph, optional
        A graph ``G`` is a part of (see :func:`meetgraph.view.context_of`):
        the page draws it, and draws faded its actors and meetings that are
        not in ``G`` (an edge of ``G`` outside it is not drawn). The sizes,
        the story and the counts stay those of ``G``.
    affiliations : bool
        Whether to draw each actor's affiliation (the organisation it belongs to) as a faint line.

    Returns
    -------
    str
        The page. It makes no network request; see :func:`embedded_data` to read
        back the nodes and edges it draws.
    """
    language = language or default_language(G) or FALLBACK
    if not re.match(LANGUAGE_CODE, language):
        raise RenderError(f"language must be a code such as 'en' or 'pt-BR', not {language!r}")
    if not _HEIGHT.fullmatch(height):
        raise RenderError(f"height must be a CSS length such as '750px', not {height!r}")
    if positions is None:
        drawn = G if context is None else context
        labels = {node: actor_label(drawn, node, language) for node in drawn}
        positions = layout_positions(drawn, seed=seed, sizes=sizes, labels=labels)
    data = page_model(
        G,
        language=language,
        positions=positions,
        sizes=sizes,
        physics=physics,
        seed=seed,
        story=story,
        step=step,
        standalone=text is not None,
        context=context,
        affiliations=affiliations,
    )
    if title is None:
        title = text.title if text else localized(G, G.graph.get("title"), language)
    words = data["words"]
    template = _environment().get_template("graph.html")
    return template.render(
        language=language,
        title=title or "meetgraph",
        text=text,
        words=words,
        story=data["story"],
        height=height,
        data_json=Markup(json_for_script(data)),
        vis_js=Markup(script_safe(_vis_js())),
        app_js=Markup(script_safe(_asset("graph.js"))),
        app_css=Markup(_style()),
        header_title=unbroken(text.title) if text else "",
    )


@dataclass(frozen=True)
class ComponentAssets:
    """The code of the app's graph component: the same drawing code as the page's.

    ``library_js`` (vis-network and ``graph.js``, an ES module) and ``css`` never
    change, so the app sends them once per browser session; ``mount_js`` is the
    component's own small module, which hands each new data to the drawing.
    """

    library_js: str
    css: str
    mount_js: str
    base_js: str


@cache
def component_assets() -> ComponentAssets:
    """The scripts and style of the app's graph component (see :class:`ComponentAssets`).

    >>> assets = component_assets()
    >>> "meetgraphGraph" in assets.library_js, assets.mount_js.startswith("// The app's")
    (True, True)
    """
    library = "\n".join([_vis_js(), _asset("graph.js"), "export default function () {}", ""])
    return ComponentAssets(library, _style(), _asset("component.js"), _asset("component_base.js"))


def component_base(
    G: nx.MultiGraph,
    *,
    language: str,
    positions: Mapping[Any, tuple[float, float]],
    physics: bool = False,
    affiliations: bool = True,
    story: Sequence[StoryStep] = (),
) -> dict[str, Any]:
    """The whole drawing the app's views are parts of: ``{"id": ..., "page": page model}``.

    The app sends it as the data of an element of its own, the same for every
    filter (so Streamlit sends it by reference after the first time), and each
    view as the little :func:`meetgraph.page.split_view` says it adds (see
    :func:`component_data`'s ``base``). ``id`` is a digest of the model. Nodes
    are drawn at the default size: views carry their own sizes. ``story``, the
    whole graph's steps, lets a view name the steps it tells alike.

    >>> from meetgraph.examples import example_graph
    >>> base = component_base(example_graph(), language="en", positions={})
    >>> len(base["id"]), len(base["page"]["nodes"])
    (16, 3)
    """
    model = page_model(
        G,
        language=language,
        positions=positions,
        physics=physics,
        affiliations=affiliations,
        story=story,
    )
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, default=str)
    return {"id": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], "page": model}


def _style() -> str:
    # One font list (fonts with Hangul) for the page, the app and the pictures: styles.py's.
    return f".meetgraph {{ --meetgraph-font: {FONT_FAMILY}; }}\n{_asset('graph.css')}"


def component_data(
    G: nx.MultiGraph,
    *,
    language: str,
    positions: Mapping[Any, tuple[float, float]],
    sizes: Mapping[Any, float] | None = None,
    physics: bool = False,
    height: int = 520,
    seed: int = 0,
    story: Sequence[StoryStep] = (),
    step: int | None = None,
    selected: str | None = None,
    focus: str | None = None,
    context: nx.MultiGraph | None = None,
    affiliations: bool = True,
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """What the app's graph component draws on a rerun: the page model and the app's state.

    The keys: ``page`` (:func:`meetgraph.page.page_model`, as a part of the app),
    ``height`` (CSS height of the drawing), ``selected`` and ``focus`` (actor ids or
    None: the component marks them in the drawing). Parameters as :func:`render_html`'s.
    With a ``base`` from :func:`component_base` the view is sent as what it adds to
    the base: ``base`` (its id) and ``view`` (:func:`meetgraph.page.split_view`)
    replace ``page``, unless the view is not a part of the base.

    >>> from meetgraph.examples import example_graph
    >>> data = component_data(example_graph(), language="en", positions={}, focus="a")
    >>> sorted(data), data["height"], len(data["page"]["nodes"])
    (['focus', 'height', 'page', 'selected'], '520px', 3)
    """
    if not re.match(LANGUAGE_CODE, language):
        raise RenderError(f"language must be a code such as 'en' or 'pt-BR', not {language!r}")
    model = page_model(
        G,
        language=language,
        positions=positions,
        sizes=sizes,
        physics=physics,
        seed=seed,
        story=story,
        step=step,
        context=context,
        affiliations=affiliations,
    )
    data: dict[str, Any] = {"height": f"{int(height)}px", "selected": selected, "focus": focus}
    view = None if base is None else split_view(base["page"], model)
    if base is None or view is None:
        return {"page": model, **data}
    return {"base": base["id"], "view": view, **data}


def embed_snippet(file_name: str, title: str, height: int = 800) -> str:
    """The HTML that shows an exported page, published as ``file_name``, inside another page.

    >>> snippet = embed_snippet("seoul.html", 'Altman "in" <Seoul>')
    >>> snippet[:73]
    '<iframe src="seoul.html" title="Altman &quot;in&quot; &lt;Seoul&gt;" widt'
    """
    return (
        f'<iframe src="{html.escape(file_name)}" title="{html.escape(title)}" width="100%"'
        f' height="{int(height)}" style="border: 0;" loading="lazy"></iframe>'
    )


def embedded_data(page: str) -> dict[str, Any]:
    """What a page from :func:`render_html` draws: its data, nodes and edges as records.

    ``nodes`` and ``edges`` are the records the page's script hands
    vis-network, tooltips included (:func:`meetgraph.page.expand`); the
    other keys are the page's data as it is written.
    """
    data = page_data(page)
    nodes, edges = expand(data)
    return {**data, "nodes": nodes, "edges": edges}


def page_data(page: str) -> dict[str, Any]:
    """The data of a page from :func:`render_html` as it is written (compact)."""
    match = _DATA_BLOCK.search(page)
    if match is None:
        raise RenderError("no meetgraph data block in this page")
    data: dict[str, Any] = json.loads(match.group(1))
    return data


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
        undefined=StrictUndefined,  # a word missing from a locale fails, never shows blank
    )
