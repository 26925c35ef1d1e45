"""The rendered page in a real headless Chromium: offline, drawn, searchable, not injectable."""

from __future__ import annotations

import re
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
        " window.meetgraphNetwork.body.data.edges.get().filter(e => !e.affiliation).length]"
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


# ---- a page of its own (the HTML export): the story, the keyboard, the table, any screen


def seoul() -> nx.MultiGraph:
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings

    return build_graph(load_dataset(Settings().default_dataset))


def exported(tmp_path: Path, language: str = "en") -> str:
    """The page ``meetgraph export -o page.html`` writes for the bundled dataset."""
    from test_cli import run

    code, _, err = run("export", "-o", str(tmp_path / "page.html"), "--lang", language)
    assert code == 0, err
    return (tmp_path / "page.html").read_text(encoding="utf-8")


def open_exported(page: Page, tmp_path: Path, language: str = "en") -> None:
    assert open_page(page, exported(tmp_path, language), tmp_path) == []


def step_shown(page: Page) -> tuple[str, str]:
    """The step's title in the panel, and the count beside the buttons."""
    return (
        page.locator("#meetgraph-step h2").inner_text(),
        page.locator("#meetgraph-story-count").inner_text(),
    )


def faded(page: Page) -> list[str]:
    """The ids of the edges drawn faded (not in the step shown)."""
    return list(
        page.evaluate(
            """() => window.meetgraphNetwork.body.data.edges.get()
                 .filter(e => e.color === "#E6E6E6").map(e => e.id)"""
        )
    )


def highlighted_pairs(page: Page) -> list[list[str]]:
    pairs = page.evaluate(
        """() => window.meetgraphNetwork.body.data.edges.get()
             .filter(e => !e.affiliation && e.color !== "#E6E6E6")
             .map(e => [e.from, e.to].sort())"""
    )
    return sorted(pairs)


def test_the_exported_page_tells_the_story_with_the_arrow_keys(page: Page, tmp_path: Path) -> None:
    from test_app import SEOUL_STORY

    G = seoul()
    open_exported(page, tmp_path)
    total = G.number_of_edges()
    assert page.locator("#meetgraph-step").is_hidden() and faded(page) == []
    page.locator("body").click(position={"x": 5, "y": 5})  # the page, not a text box, has focus
    titles = []
    for number in range(1, len(SEOUL_STORY) + 1):
        page.keyboard.press("ArrowRight")
        title, count = step_shown(page)
        assert count == f"Step {number} of {len(SEOUL_STORY)}"
        # The panel is read out as it changes, its count included.
        assert page.locator("#meetgraph-step").get_attribute("aria-live") == "polite"
        assert (page.locator("#meetgraph-step").text_content() or "").startswith(count)
        assert page.evaluate("() => location.hash") == f"#step-{number}"
        titles.append(title)
    assert titles == SEOUL_STORY
    assert highlighted_pairs(page) == [
        ["ahn-duk-geun", "sam-altman"],
        ["choi-sang-mok", "sam-altman"],
        ["oh-young-ju", "sam-altman"],
        ["sam-altman", "yoo-sang-im"],
    ]
    assert len(faded(page)) == total - 4
    panel = page.locator("#meetgraph-step").inner_text()
    assert "Choi Sang-mok" in panel and "“" in panel  # why each was expected, and the quote
    page.keyboard.press("ArrowRight")  # the last step stays
    assert step_shown(page)[0] == SEOUL_STORY[-1]
    page.keyboard.press("ArrowLeft")
    assert step_shown(page)[0] == SEOUL_STORY[-2]
    page.keyboard.press("Escape")
    assert page.locator("#meetgraph-step").is_hidden() and faded(page) == []
    assert page.locator("#meetgraph-story-start").is_visible()


def test_the_story_buttons_keep_the_keyboard_focus(page: Page, tmp_path: Path) -> None:
    open_exported(page, tmp_path)
    page.locator("#meetgraph-story-start").click()
    assert page.evaluate("() => document.activeElement.id") == "meetgraph-story-next"
    assert page.locator("#meetgraph-story-previous").is_disabled()
    page.keyboard.press("Enter")
    assert step_shown(page) == ("Kim Chang-han, Sam Altman", "Step 2 of 10")
    assert highlighted_pairs(page) == [["kim-chang-han", "sam-altman"]]
    page.locator("#meetgraph-story-stop").click()
    assert page.evaluate("() => document.activeElement.id") == "meetgraph-story-start"


def test_an_address_with_a_step_opens_the_page_there(page: Page, tmp_path: Path) -> None:
    exported(tmp_path)
    page.goto((tmp_path / "page.html").as_uri() + "#step-5")
    page.wait_for_selector("body[data-drawn=true]")
    assert step_shown(page) == ("Lee Jae-yong, Sam Altman, Son Masayoshi", "Step 5 of 10")


def test_tab_moves_through_the_actors_and_says_who_each_is(page: Page, tmp_path: Path) -> None:
    open_exported(page, tmp_path)
    page.locator("#meetgraph-search-input").focus()
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.body.dataset.focused || null")
        if focused:
            seen.append(focused)
            assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == [focused]
            assert page.locator("div.vis-tooltip").is_visible()
        if len(seen) == 3:
            break
    # The largest by PageRank first: Altman, then those he met most.
    assert seen[0] == "sam-altman"
    assert len(set(seen)) == 3
    tip = page.locator("div.vis-tooltip").inner_text()
    name = page.evaluate("() => document.activeElement.textContent")
    assert tip.startswith(name)
    assert page.locator("#meetgraph-announce").inner_text().startswith(name + "; ")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.body.dataset.focused") == seen[1]


def test_the_table_of_meetings_is_for_screen_readers_until_asked_for(
    page: Page, tmp_path: Path
) -> None:
    open_exported(page, tmp_path, language="ko")
    table = page.locator("#meetgraph-table table")
    assert table.count() == 1
    rows = page.locator("#meetgraph-table tbody tr")
    # One row per meeting (10), one for each missing meeting with its own reason (4).
    assert rows.count() == 10 + 4
    assert (
        page.evaluate(
            "() => document.getElementById('meetgraph-table').getBoundingClientRect().width"
        )
        <= 1
    )
    assert page.get_by_role("table").count() == 1  # hidden from sight, not from the reader
    toggle = page.locator("#meetgraph-table-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert toggle.inner_text() == "만남 표 숨기기"
    assert table.is_visible() and table.bounding_box()["width"] > 300
    first = rows.first.inner_text()
    assert "2025-02-04" in first and "성사" in first


@pytest.mark.parametrize("width,height", [(1440, 900), (390, 844)])
def test_the_page_fits_a_phone_and_a_desktop(
    page: Page, tmp_path: Path, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_exported(page, tmp_path)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    # The date reads whole, a word joiner (invisible) after each dash, and on one line.
    title = page.locator("h1")
    assert title.inner_text().replace("\u2060", "") == "Sam Altman in Seoul, 2025-02-04"
    lines = title.evaluate(
        """(h1) => {
            const text = h1.firstChild, range = document.createRange();
            const start = text.data.indexOf("2025");
            range.setStart(text, start);
            range.setEnd(text, text.data.length);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }"""
    )
    assert lines == 1
    headline = (
        "In this view: Sam Altman met 0 of the 4 Government members in South Korea; "
        "met Ishiba Shigeru (Prime Minister of Japan); "
        "is to meet Narendra Modi (Prime Minister of India)"
    )
    assert page.locator(".meetgraph-headline").inner_text() == headline
    footer = page.locator("#meetgraph-footer").inner_text()
    assert footer.startswith("Source: 머니투데이 유니콘팩토리, “") and footer.endswith("2025-02-04")
    box = page.locator("#meetgraph-network").bounding_box()
    assert box is not None and box["width"] <= width and box["height"] >= 320
    page.screenshot(path=str(tmp_path / f"page-{width}.png"))


@pytest.mark.parametrize("graph", ["seoul", "statuses", "hostile", "parallel", "faded"])
def test_the_script_draws_what_the_python_expansion_says(
    page: Page, tmp_path: Path, graph: str
) -> None:
    from meetgraph.page import expand
    from meetgraph.render import page_data
    from meetgraph.view import Choices, ViewSpec, apply_view, context_of

    if graph == "faded":  # the Seoul visit by Korean actors, the rest faded around it
        spec = ViewSpec(choices=Choices(country=("KR",)), fade=True)
        html = render_html(
            apply_view(seoul(), spec), language="ko", context=context_of(seoul(), spec)
        )
    else:
        G = {"seoul": seoul, "statuses": statuses_graph, "hostile": hostile_graph}.get(
            graph, parallel_graph
        )()
        html = render_html(G, language="ko")
    open_page(page, html, tmp_path)
    drawn = page.evaluate(
        """() => ({
          nodes: window.meetgraphData.nodes.map(
            n => Object.assign({}, n, {tooltip: window.meetgraphTooltip("node", n.id)})),
          edges: window.meetgraphData.edges.concat(window.meetgraphData.affiliations).map(
            e => Object.assign({}, e, {tooltip: window.meetgraphTooltip("edge", e.id)})),
        })"""
    )
    nodes, edges = expand(page_data(html), affiliations=True)
    assert drawn == {"nodes": nodes, "edges": edges}


def parallel_graph() -> nx.MultiGraph:
    """Four meetings between one pair, a planned one and a missing one: curves and shared tips."""
    G = nx.MultiGraph(sources={"s": {"title": "T", "publisher": "P"}})
    G.add_node("a", name={"en": "A", "ko": "가"}, type="person", sector="ai", country="KR")
    G.add_node("b", name={"en": "B"}, type="organization", country="US")
    for number in range(4):
        G.add_edge(
            "a",
            "b",
            key=f"m{number}",
            meeting=f"m{number}",
            status=["held", "planned", "requested", "missing"][number],
            evidence=[{"source": "s", "quote": f"q{number}"}],
        )
    return G


def test_an_exported_page_draws_the_faded_context_in_the_faded_colours(
    page: Page, tmp_path: Path
) -> None:
    from meetgraph.export import ExportOptions, export_graph
    from meetgraph.styles import FADED_EDGE_COLOR, FADED_NODE_COLOR, FADED_TEXT_COLOR
    from meetgraph.view import Choices, ViewSpec, apply_view, context_of

    G = seoul()
    spec = ViewSpec(choices=Choices(country=("KR",)), fade=True)
    view, context = nx.MultiGraph(apply_view(G, spec)), context_of(G, spec)
    path = tmp_path / "kr.html"
    export_graph(view, path, options=ExportOptions(context=nx.MultiGraph(context)))
    open_page(page, path.read_text(encoding="utf-8"), tmp_path)
    assert drawn_counts(page) == (25, 18)  # the whole context is drawn
    # What vis-network draws each node and edge with (its options), not only the records.
    looks = page.evaluate(
        """() => {
          const body = window.meetgraphNetwork.body;
          const nodes = {}, edges = {};
          Object.values(body.nodes).forEach(n => {
            nodes[n.id] = [n.options.color.background, n.options.font.color];
          });
          Object.values(body.edges).forEach(e => {
            edges[e.id] = e.options.color.color;
          });
          return {nodes, edges};
        }"""
    )
    faded_nodes = sorted(id for id, look in looks["nodes"].items() if look[0] == FADED_NODE_COLOR)
    assert faded_nodes == [
        "deepseek",
        "ishiba-shigeru",
        "narendra-modi",
        "openai",
        "softbank-group",
        "son-masayoshi",
    ]
    assert {tuple(looks["nodes"][id]) for id in faded_nodes} == {
        (FADED_NODE_COLOR, FADED_TEXT_COLOR)
    }
    assert looks["nodes"]["sam-altman"][0] != FADED_NODE_COLOR
    faded_edges = [id for id, color in looks["edges"].items() if color == FADED_EDGE_COLOR]
    assert len(faded_edges) == 18 - view.number_of_edges() == 6


def test_the_exported_page_cycles_its_search_and_has_fit_and_zoom(
    page: Page, tmp_path: Path
) -> None:
    open_page(page, exported(tmp_path), tmp_path)
    matches = page.evaluate(
        """() => window.meetgraphData.nodes.filter(n => n.names.some(
             name => name.toLowerCase().includes("minist"))).map(n => n.id)"""
    )
    assert len(matches) >= 3
    page.fill("#meetgraph-search-input", "minist")
    visited, counts = [], []
    for _ in range(len(matches) + 1):
        page.press("#meetgraph-search-input", "Enter")
        visited.extend(page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()"))
        status = page.locator("#meetgraph-search-status").inner_text()
        found = re.search(r", (\d+) of (\d+);", status)
        assert found is not None, status
        counts.append((int(found[1]), int(found[2])))
    total = len(matches)
    assert counts == [(n, total) for n in range(1, total + 1)] + [(1, total)]
    assert sorted(visited[:total]) == sorted(matches) and visited[total] == visited[0]
    page.locator("#meetgraph-fit").click()
    assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == []
    fitted = page.evaluate("() => window.meetgraphNetwork.getScale()")
    page.locator("#meetgraph-zoom-in").click()
    assert page.evaluate("() => window.meetgraphNetwork.getScale()") == pytest.approx(fitted * 1.25)
    page.locator("#meetgraph-zoom-out").click()
    assert page.evaluate("() => window.meetgraphNetwork.getScale()") == pytest.approx(fitted)


def test_a_long_tooltip_stays_inside_the_window(page: Page, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 800, "height": 600})
    open_page(page, exported(tmp_path), tmp_path)
    for node in ("oh-young-ju", "ahn-duk-geun", "choi-sang-mok"):
        a, b = canvas_point(page, "sam-altman"), canvas_point(page, node)
        page.mouse.move(5, 5)
        page.mouse.move(a[0] + 0.6 * (b[0] - a[0]), a[1] + 0.6 * (b[1] - a[1]), steps=4)
        tip = page.locator("div.vis-tooltip")
        page.wait_for_function("() => document.querySelector('div.vis-tooltip').textContent")
        assert "Why it was expected" in tip.inner_text(), node
        box = tip.bounding_box()
        assert box is not None and box["height"] > 150, node
        assert box["x"] >= 0 and box["x"] + box["width"] <= 800, node
        assert box["y"] >= 0 and box["y"] + box["height"] <= 600, node


def test_an_exported_page_draws_the_affiliations_faint_and_hides_them_on_request(
    page: Page, tmp_path: Path
) -> None:
    G = seoul()
    pairs = sum(1 for _, group in G.nodes(data="affiliation") if group in G)
    count = """() => window.meetgraphNetwork.body.data.edges.get()
        .filter(e => e.affiliation && !e.hidden).length"""
    open_page(page, exported(tmp_path), tmp_path)
    assert page.evaluate(count) == pairs == 10
    tip = page.evaluate("() => window.meetgraphTooltip('edge', 'a0')")
    assert tip[0][0] == "belongs to (affiliation)" and " → " in tip[0][1]
    open_page(page, render_html(G, language="en", affiliations=False), tmp_path)
    assert page.evaluate(count) == 0


#: Counts the items each vis.DataSet update sends, from the page's first script on.
COUNT_UPDATES = """
let library;
window.__updated = [];
Object.defineProperty(window, "vis", {
  configurable: true,
  set(value) { library = value; },
  get() {
    if (library && library.DataSet && !library.DataSet.prototype.__counted) {
      const update = library.DataSet.prototype.update;
      library.DataSet.prototype.update = function (items, ...rest) {
        window.__updated.push(Array.isArray(items) ? items.length : 1);
        return update.call(this, items, ...rest);
      };
      library.DataSet.prototype.__counted = true;
    }
    return library;
  },
});
"""


def test_a_step_sends_vis_network_only_the_looks_that_change(page: Page, tmp_path: Path) -> None:
    # vis-network re-reads every option of an updated item: sending every actor's and
    # meeting's look at the first drawing took 0.7 s for a 1,000-actor page.
    page.add_init_script(COUNT_UPDATES)
    open_exported(page, tmp_path)
    assert sum(page.evaluate("() => window.__updated")) == 0  # drawn as given
    G = seoul()
    page.locator("#meetgraph-story-start").click()
    changed = sum(page.evaluate("() => window.__updated"))
    # Every meeting changes (faded, or drawn wider in the step), and the actors faded; the
    # actors of the step stay as they were.
    assert changed == G.number_of_edges() + faded_nodes(page) < G.size() + G.order()
    page.keyboard.press("Escape")  # back to the whole graph: the faded ones change back
    assert sum(page.evaluate("() => window.__updated")) == 2 * changed


def faded_nodes(page: Page) -> int:
    return int(
        page.evaluate(
            "() => window.meetgraphNetwork.body.data.nodes.get()"
            ".filter(n => n.color === '#E8E8E8').length"
        )
    )
