"""The rendered page in a real headless Chromium: offline, drawn, searchable, not injectable."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Page, Route
from test_render import hostile_graph, statuses_graph

from meetgraph.render import render_html

pytestmark = pytest.mark.browser


def open_page(page: Page, html: str, tmp_path: Path) -> list[str]:
    """Open ``html`` from a file, aborting (and recording) every other request."""
    path = tmp_path / "graph.html"
    path.write_text(html, encoding="utf-8")
    url = path.as_uri()
    outside: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url == url:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("request", lambda request: None if request.url == url else outside.append(request.url))
    page.goto(url)
    page.wait_for_selector("body[data-drawn=true]", timeout=30_000)
    return outside


def drawn_counts(page: Page) -> tuple[int, int]:
    counts = page.evaluate(
        "() => [window.meetgraphNetwork.body.data.nodes.length,"
        " window.meetgraphNetwork.body.data.edges.length]"
    )
    return int(counts[0]), int(counts[1])


def canvas_point(page: Page, node: str) -> tuple[float, float]:
    """Page coordinates of a node's centre."""
    x, y = page.evaluate(
        """(id) => {
            const net = window.meetgraphNetwork;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = net.body.container.getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node,
    )
    return float(x), float(y)


def test_page_draws_every_node_and_edge_offline(page: Page, tmp_path: Path) -> None:
    G = statuses_graph()
    outside = open_page(page, render_html(G), tmp_path)
    assert outside == []
    assert drawn_counts(page) == (G.number_of_nodes(), G.number_of_edges())
    missing = page.evaluate(
        "() => window.meetgraphData.edges.filter(e => e.status === 'missing')"
        ".map(e => [e.color, e.dashes, e.physics, e.expectation])"
    )
    assert missing == [["#D55E00", [10, 8], False, "kr-gov"]]
    legend = page.locator("#meetgraph-legend").inner_text()
    for word in ("Government", "AI", "organization", "held", "planned", "missing"):
        assert word in legend
    page.screenshot(path=str(tmp_path / "statuses.png"))
    assert (tmp_path / "statuses.png").stat().st_size > 1000


def test_hostile_dataset_runs_no_script(page: Page, tmp_path: Path) -> None:
    G = hostile_graph()
    outside = open_page(page, render_html(G), tmp_path)
    assert outside == []
    assert drawn_counts(page) == (2, 1)
    page.mouse.move(*canvas_point(page, "a"))
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "<img src=x onerror=window.__pwned=4>" in tooltip.inner_text()
    (ax, ay), (bx, by) = canvas_point(page, "a"), canvas_point(page, "b")
    page.mouse.move((ax + bx) / 2, (ay + by) / 2)
    page.wait_for_function(
        "() => document.querySelector('div.vis-tooltip').textContent.includes('javascript:')"
    )
    assert "<a href=javascript:window.__pwned=6>x</a>" in tooltip.inner_text()
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("img, iframe, svg[onload], a[href]").count() == 0
    assert page.title() == "<img src=x onerror=window.__pwned=1>"
    page.screenshot(path=str(tmp_path / "hostile.png"))


def test_search_selects_and_focuses_an_actor(page: Page, tmp_path: Path) -> None:
    open_page(page, render_html(statuses_graph(), language="ko"), tmp_path)
    page.fill("#meetgraph-search-input", "chip")  # English name, partial, any case
    page.press("#meetgraph-search-input", "Enter")
    assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == ["org"]
    view = page.evaluate("() => window.meetgraphNetwork.getViewPosition()")
    target = page.evaluate("() => window.meetgraphNetwork.getPositions(['org']).org")
    assert view["x"] == pytest.approx(target["x"], abs=1)
    assert view["y"] == pytest.approx(target["y"], abs=1)
    page.fill("#meetgraph-search-input", "장관")
    page.press("#meetgraph-search-input", "Enter")
    assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == ["min"]
    page.fill("#meetgraph-search-input", "nobody")
    page.press("#meetgraph-search-input", "Enter")
    assert "nobody" in page.locator("#meetgraph-search-status").inner_text()
    assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == []


def test_physics_settles_then_stops(page: Page, tmp_path: Path) -> None:
    open_page(page, render_html(statuses_graph(), physics=True), tmp_path)
    page.wait_for_function("() => !window.meetgraphNetwork.physics.physicsEnabled", timeout=20_000)


def test_large_graph_draws(page: Page, tmp_path: Path) -> None:
    G = nx.MultiGraph(nx.gnm_random_graph(1500, 6000, seed=2))
    G = nx.relabel_nodes(G, str)
    nx.set_edge_attributes(G, "held", "status")
    outside = open_page(page, render_html(G), tmp_path)
    assert outside == []
    assert drawn_counts(page) == (1500, 6000)


def test_search_shows_a_name_of_replacement_patterns_as_it_is(page: Page, tmp_path: Path) -> None:
    G = nx.MultiGraph()
    G.add_node("x", name={"en": "$&$'$`"}, type="person", sector="ai", country="KR")
    open_page(page, render_html(G), tmp_path)
    page.fill("#meetgraph-search-input", "$&")
    page.press("#meetgraph-search-input", "Enter")
    assert page.locator("#meetgraph-search-status").inner_text() == "Showing $&$'$`."
    page.fill("#meetgraph-search-input", "$' none")
    page.press("#meetgraph-search-input", "Enter")
    assert page.locator("#meetgraph-search-status").inner_text() == "No actor matches “$' none”."
