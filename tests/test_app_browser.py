"""The explorer in a real browser: a Streamlit server, Chromium, the graph component's
vis-network (in the app's own page: no iframe)."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Frame, Page, expect
from servers import free_port, serving

ROOT = Path(__file__).parents[1]
HOSTILE = """\
meetgraph: 1
dataset: {id: hostile, title: {en: "<img src=x onerror=window.__pwned=1>"}}
sectors: [{id: ai, label: {en: "<script>window.__pwned=2</script>"}}]
sources: [{id: s, title: "<b onmouseover=window.__pwned=3>t</b>", publisher: P,
           published: "2025-01-01T00:00:00Z", language: en}]
actors:
  - {id: a, name: {en: "<img src=x onerror=window.__pwned=4>"}, type: person, sector: ai,
     country: KR}
  - {id: b, name: {en: "</script><script>window.__pwned=5</script>"}, type: person, sector: ai,
     country: KR}
meetings:
  - {id: m, participants: [a, b], status: held, date: "2025-02-04",
     evidence: [{source: s, quote: "<a href=javascript:window.__pwned=6>x</a>"}]}
"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run streamlit_app.py`` on a free loopback port, stopped by its PID."""
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "streamlit_app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    with serving(command, port, cwd=ROOT, log=log) as url:
        yield url


GRAPH = "[data-meetgraph-graph]"


def graph_frame(page: Page) -> Frame:
    """The frame that holds the graph (the app's page), once its network is drawn."""
    page.wait_for_selector(f"{GRAPH}:not([data-drawn='0'])", timeout=60_000)
    page.wait_for_function("() => !!window.meetgraphNetwork", timeout=60_000)
    return page.main_frame


def drawn_counts(page: Page) -> dict[str, Any]:
    """The counts of the graph drawn now; a rerun may replace its frame while it is read."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return counts(graph_frame(page))
        except PlaywrightError:
            if time.monotonic() > deadline:
                raise
            page.wait_for_timeout(200)


def node_point(page: Page, node: str) -> tuple[float, float]:
    """Page coordinates of a node's centre in the graph component."""
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


def drawn_number(page: Page) -> int:
    """How many drawings of new data the graph component has made."""
    return int(page.locator(GRAPH).get_attribute("data-drawn") or 0)


def counts(frame: Frame) -> dict[str, Any]:
    result: dict[str, Any] = frame.evaluate(
        """() => {
        const data = window.meetgraphNetwork.body.data;
        const edges = data.edges.get().filter(e => !e.affiliation);  // meetings only
        return {
          nodes: data.nodes.length,
          edges: edges.length,
          missing: edges.filter(e => e.status === "missing"),
        };
      }"""
    )
    return result


def test_graph_holds_the_dataset_and_the_missing_edges(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.goto(app_url)
    frame = graph_frame(page)
    seen = counts(frame)
    # The bundled dataset: 25 actors; 14 meeting pairs and 4 missing edges.
    assert (seen["nodes"], seen["edges"]) == (25, 18)
    assert sorted(edge["to"] for edge in seen["missing"]) == [
        "ahn-duk-geun",
        "choi-sang-mok",
        "oh-young-ju",
        "yoo-sang-im",
    ]
    for edge in seen["missing"]:
        assert edge["dashes"] and edge["physics"] is False, edge
        assert edge["color"] == "#D55E00", edge
    page.screenshot(path=str(tmp_path / "app.png"), full_page=True)


def test_sector_filter_in_the_ui_changes_the_graph(page: Page, app_url: str) -> None:
    page.goto(app_url)
    before = drawn_counts(page)
    page.get_by_label("Sectors").first.click()
    page.get_by_role("option", name="Government").click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile("sector=government"), timeout=30_000)
    deadline = time.monotonic() + 30
    after = drawn_counts(page)
    while after["nodes"] == before["nodes"] and time.monotonic() < deadline:
        page.wait_for_timeout(300)
        after = drawn_counts(page)
    # Ten government actors and the visitor kept in view: his three meetings with them and
    # the four missing ones.
    assert (before["nodes"], after["nodes"]) == (25, 11)
    assert (before["edges"], after["edges"]) == (18, 7)


def test_chips_and_choices_follow_a_language_switch(page: Page, app_url: str) -> None:
    page.goto(app_url)
    graph_frame(page)
    page.get_by_label("Sectors").first.click()
    page.get_by_role("option", name="Government").click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile("sector=government"), timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    chips = sidebar.get_by_test_id("stMultiSelect").first.locator("[data-tag]")
    expect(chips).to_have_text(["Government"])
    sidebar.get_by_text("한국어").click()
    expect(page).to_have_url(re.compile("lang=ko"), timeout=30_000)
    # The same selection, in the new language's words, and still applied.
    expect(chips).to_have_text(["정부"], timeout=30_000)
    expect(page).to_have_url(re.compile("sector=government"))


def test_upload_with_markup_runs_no_script(page: Page, app_url: str, tmp_path: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url)
    graph_frame(page)
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    page.locator("input[type=file]").set_input_files(str(hostile))
    deadline = time.monotonic() + 60
    frame = graph_frame(page)
    while time.monotonic() < deadline and counts(frame)["nodes"] != 2:
        page.wait_for_timeout(300)
        frame = graph_frame(page)
    assert counts(frame)["nodes"] == 2
    frame.hover(f"{GRAPH} canvas", position={"x": 10, "y": 10})
    page.wait_for_timeout(500)
    # The names are text in the app's own page: the legend, the search and its answer.
    expect(page.locator("#meetgraph-legend")).to_contain_text("<script>window.__pwned=2</script>")
    page.fill("#meetgraph-search-input", "onerror")
    page.press("#meetgraph-search-input", "Enter")
    expect(page.locator("#meetgraph-search-status")).to_have_text(
        "Showing <img src=x onerror=window.__pwned=4>."
    )
    page.locator("#meetgraph-fit").click()
    page.locator(GRAPH).scroll_into_view_if_needed()
    x, y = node_point(page, "b")
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    expect(page.locator("div.vis-tooltip")).to_contain_text(
        "</script><script>window.__pwned=5</script>"
    )
    assert page.locator(f"{GRAPH} img, {GRAPH} script, {GRAPH} a").count() == 0
    for target in [page, *page.frames]:
        assert target.evaluate("() => window.__pwned === undefined")
    assert dialogs == []
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)


def test_downloaded_html_renders_offline(page: Page, app_url: str, tmp_path: Path) -> None:
    page.goto(app_url)
    graph_frame(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="HTML").click()
    saved = tmp_path / "download.html"
    download_info.value.save_as(saved)
    refused: list[str] = []

    def refuse(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:", "about:", "blob:")):
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    offline = page.context.new_page()
    offline.route("**/*", refuse)
    offline.goto(saved.as_uri())
    offline.wait_for_function("() => !!window.meetgraphNetwork", timeout=30_000)
    drawn = offline.evaluate("() => window.meetgraphNetwork.body.data.nodes.length")
    assert drawn == 25
    assert refused == []


def test_the_embed_code_appears_when_its_expander_opens(page: Page, app_url: str) -> None:
    page.goto(app_url)
    graph_frame(page)
    snippet = page.locator("[data-testid=stCode]").filter(has_text="<iframe")
    assert snippet.count() == 0  # made only when asked for
    page.get_by_text("Embed the page in an article").click()
    snippet.wait_for(timeout=30_000)
    assert snippet.inner_text().startswith('<iframe src="altman_seoul_2025.html"')


# --- any address and any valid dataset renders, in the browser (issue 9) ----------------------

CRASHED = "This app has encountered an error"


def upload(page: Page, path: Path, nodes: int) -> Frame:
    """Upload a dataset file and wait until the graph shows ``nodes`` actors."""
    page.locator("input[type=file]").set_input_files(str(path))
    deadline = time.monotonic() + 120
    frame = graph_frame(page)
    while time.monotonic() < deadline and counts(frame)["nodes"] != nodes:
        page.wait_for_timeout(300)
        frame = graph_frame(page)
    assert counts(frame)["nodes"] == nodes
    return frame


@pytest.mark.parametrize(
    "query",
    [
        "?country=KR&actor=sam-altman",
        "?radius=%C2%B2",
        "?radius=1&radius=%C2%B2",
        "?since=9999-12-31",
        "?until=0001-01-01",
        "?actor=nobody",
        "?since=!%5Bleak%5D(http://host.invalid/u.png)",
    ],
)
def test_hostile_addresses_render(page: Page, app_url: str, query: str) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(app_url) else outside.append(request.url),
    )
    page.goto(app_url + "/" + query)
    frame = graph_frame(page)
    assert counts(frame)["nodes"] >= 1
    assert page.get_by_text(CRASHED).count() == 0
    assert [url for url in outside if "host.invalid" in url] == []


def test_a_dataset_of_any_valid_dates_renders(page: Page, app_url: str, tmp_path: Path) -> None:
    from meetgraph.examples import EXAMPLE_YAML

    ancient = tmp_path / "ancient.yaml"
    ancient.write_text(
        EXAMPLE_YAML.replace('date: "2025-02-04"', 'date: "0001-01-01"')
        + '  - {id: m2, participants: [a, b], status: held, date: "9999-12-31",'
        " evidence: [{source: s, quote: Q}]}\n",
        encoding="utf-8",
    )
    page.goto(app_url)
    graph_frame(page)
    upload(page, ancient, 3)
    assert page.get_by_text(CRASHED).count() == 0


MARKDOWN_TITLE = """\
meetgraph: 1
dataset: {id: md, title: {en: "![t](http://host.invalid/p.png) [x](https://evil.invalid)"}}
sectors: [{id: ai, label: {en: "**AI** [y](https://evil.invalid)"}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: en}]
expectations:
  - {id: r, label: {en: L}, visitor: a, expected: {country: KR, sectors: [ai]},
     peers: {countries: [JP], sectors: [ai]}}
actors:
  - {id: a, name: {en: "[click](https://evil.invalid)"}, type: person, sector: ai, country: KR}
  - {id: b, name: {en: B}, type: person, sector: ai, country: JP}
meetings:
  - {id: m, participants: [a, b], status: held, evidence: [{source: s, quote: q}]}
"""


def test_markdown_in_a_dataset_stays_text_and_fetches_nothing(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(app_url) else outside.append(request.url),
    )
    path = tmp_path / "markdown.yaml"
    path.write_text(MARKDOWN_TITLE, encoding="utf-8")
    page.goto(app_url + "/?compare=a")
    graph_frame(page)
    upload(page, path, 2)
    title = "![t](http://host.invalid/p.png) [x](https://evil.invalid)"
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    assert page.locator("a[href*='evil.invalid'], img[src*='host.invalid']").count() == 0
    assert [url for url in outside if ".invalid" in url] == []


def test_the_largest_upload_keeps_the_page_usable(page: Page, app_url: str, tmp_path: Path) -> None:
    from meetgraph.loader import load_dataset
    from meetgraph.render import MAX_DRAWN_EDGES, MAX_DRAWN_NODES
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    settings = Settings()
    template = load_dataset(settings.default_dataset)
    actors = 2600
    text = synth_dataset_text(template, actors, 10 * actors, seed=4)
    assert 0.9 * settings.max_upload_bytes < len(text.encode()) <= settings.max_upload_bytes
    path = tmp_path / "largest.yaml"
    path.write_text(text, encoding="utf-8")
    page.goto(app_url)
    before = drawn_counts(page)["nodes"]
    page.locator("input[type=file]").set_input_files(str(path))
    # The top actors, as many as the edge budget lets in (their meetings among them).
    expect(page.get_by_text(f"of {actors} actors by PageRank")).to_be_visible(timeout=120_000)
    deadline = time.monotonic() + 120
    seen = drawn_counts(page)
    while seen["nodes"] == before and time.monotonic() < deadline:
        page.wait_for_timeout(300)
        seen = drawn_counts(page)
    assert 0 < seen["nodes"] <= MAX_DRAWN_NODES and 0 < seen["edges"] <= MAX_DRAWN_EDGES
    # The page answers: the raw text opens, a filter toggles, each within Playwright's 30 s.
    page.get_by_role("tab", name="Data").click()
    page.get_by_text("Raw YAML").click()
    expect(page.get_by_text("The first 20,000 of")).to_be_visible(timeout=30_000)
    page.get_by_text("planned", exact=True).first.click(timeout=30_000)
    expect(page).to_have_url(re.compile("status="), timeout=30_000)
    assert page.get_by_text(CRASHED).count() == 0


# --- the story, step by step (issue 12) -------------------------------------------------------


def highlighted(frame: Frame) -> list[list[str]]:
    """The pairs the graph draws in colour; the others are faded."""
    pairs = frame.evaluate(
        """() => window.meetgraphNetwork.body.data.edges.get()
             .filter(e => !e.affiliation && e.color !== "#E6E6E6")
             .map(e => [e.from, e.to].sort())"""
    )
    return sorted(pairs)


def test_the_story_highlights_each_step_in_the_graph(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?step=10")
    frame = graph_frame(page)
    expect(page.locator(".story-step h4")).to_have_text(
        "Expected, but did not happen: Government contact in Korea", timeout=30_000
    )
    assert highlighted(frame) == [
        ["ahn-duk-geun", "sam-altman"],
        ["choi-sang-mok", "sam-altman"],
        ["oh-young-ju", "sam-altman"],
        ["sam-altman", "yoo-sang-im"],
    ]
    page.get_by_role("button", name="Previous").click()
    expect(page).to_have_url(re.compile("step=9"), timeout=30_000)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if highlighted(graph_frame(page)) == [["son-masayoshi", "yoo-sang-im"]]:
                break
        except Exception:  # noqa: BLE001 - the frame is replaced while Streamlit reruns
            pass
        page.wait_for_timeout(300)
    assert highlighted(graph_frame(page)) == [["son-masayoshi", "yoo-sang-im"]]
    page.get_by_role("button", name="Show everything").click()
    expect(page.get_by_role("button", name="Tell the story step by step")).to_be_visible(
        timeout=30_000
    )
    assert "step=" not in page.url


# ---- the Edit tab: the data editors are drawn on a canvas, so cells are reached by keys ----


def idle(page: Page) -> None:
    """Until Streamlit has finished the rerun an edit started."""
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=30_000)


#: The editor's header and row heights, in CSS pixels.
HEADER_HEIGHT, ROW_HEIGHT = 36, 35.2


def edit_cell(page: Page, table: str, column: int, row: int, text: str) -> None:
    """Type ``text`` into a cell of the editor of ``table`` as a user does: select the row's
    first cell, arrow to the column, Enter, type, Enter. ``row`` counts from 0."""
    tab = page.get_by_role("tab", name=table, exact=True).last
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
    grid = page.locator("[data-testid=stDataFrame]:visible").last
    idle(page)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    # Scroll the row into the middle of the editor, and find it there.
    scrolled = grid.evaluate(
        """(g, [row, height]) => {
            const scroller = g.querySelector('.dvn-scroller');
            scroller.scrollTop = Math.max(0, row * height - 150);
            return scroller.scrollTop;
        }""",
        [row, ROW_HEIGHT],
    )
    page.wait_for_timeout(300)
    y = box["y"] + HEADER_HEIGHT + (row + 0.5) * ROW_HEIGHT - scrolled
    # The grid may take a first click as focus only (after a click on a tab), and a click
    # on a cell already selected opens its editor: the row's marker takes the first click,
    # Escape lets the row go, then the cell is clicked.
    page.mouse.click(box["x"] + 12, y)
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    page.mouse.click(box["x"] + 60, y)
    page.wait_for_timeout(200)
    for _ in range(column):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    page.keyboard.press("Control+A")
    page.keyboard.type(text, delay=20)
    page.wait_for_timeout(300)  # a pick-list filters what was typed
    page.keyboard.press("Enter")
    idle(page)
    # The rerun keeps the table's tab (it once went back to the first one).
    expect(page.get_by_role("tab", name=table, exact=True).last).to_have_attribute(
        "aria-selected", "true"
    )


def add_row(page: Page, table: str, cells: dict[int, str]) -> None:
    """A row added with the + button of the editor of ``table``, its cells typed in turn."""
    tab = page.get_by_role("tab", name=table, exact=True).last
    if tab.get_attribute("aria-selected") != "true":
        tab.click()
    grid = page.locator("[data-testid=stDataFrame]:visible").last
    grid.scroll_into_view_if_needed()
    grid.hover()
    # The grid's accessible table counts the header and the empty trailing row too.
    row = int(grid.locator("table[role=grid]").get_attribute("aria-rowcount") or 0) - 2
    # This grid's own toolbar: another editor's may still show, under this grid.
    grid.locator("[data-testid=stElementToolbarButton]").first.click()
    for column, text in cells.items():
        edit_cell(page, table, column, row, text)


def seoul_headline(visitor: str, held: int, listed: int) -> str:
    return (
        f"In this view: {visitor} met {held} of the {listed} Government members in South Korea; "
        "met Ishiba Shigeru (Prime Minister of Japan); "
        "is to meet Narendra Modi (Prime Minister of India)"
    )


def test_edit_tab_in_the_browser_and_the_graph_follows(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})  # the whole editor on screen
    page.goto(app_url)
    graph_frame(page)
    page.get_by_role("tab", name="Edit").click()
    page.get_by_role("button", name="Start editing").click()
    headline = page.locator("h4").first
    expect(headline).to_have_text(seoul_headline("Sam Altman", 0, 4), timeout=30_000)
    # Chung Shin-a (row 8) in the government: a Korean government member he met.
    edit_cell(page, "Actors", 4, 8, "government")  # Sector, a pick-list
    expect(headline).to_have_text(seoul_headline("Sam Altman", 1, 5), timeout=30_000)
    edit_cell(page, "Actors", 1, 0, "S. Altman")  # Name (en) of Sam Altman, text
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        labels = graph_frame(page).evaluate(
            "() => window.meetgraphNetwork.body.data.nodes.get().map(n => n.label)"
        )
        if "S. Altman" in labels:
            break
        page.wait_for_timeout(300)
    assert "S. Altman" in labels and "Sam Altman" not in labels
    # The first edit is kept, and the visitor's new name is the headline's.
    expect(headline).to_have_text(seoul_headline("S. Altman", 1, 5))
    # A new actor and a meeting with him: rows added with the editors' + button.
    actor = ["lee-minister", "Lee Minister", "이 장관", "person", "government", "KR"]
    add_row(page, "Actors", dict(enumerate(actor)))
    metrics = page.locator("[data-testid=stMetricValue]")
    expect(metrics.first).to_have_text("26", timeout=30_000)
    add_row(page, "Meetings", dict(enumerate(["altman-lee", "held", "meeting", "2025-02-04"])))
    add_row(page, "Participants", {0: "altman-lee", 1: "sam-altman"})
    add_row(page, "Participants", {0: "altman-lee", 1: "lee-minister"})
    add_row(page, "Evidence", {2: "mt-2025-02-04", 3: "만났다", 0: "altman-lee"})
    expect(metrics.nth(1)).to_have_text("11", timeout=30_000)
    expect(headline).to_have_text(seoul_headline("S. Altman", 2, 6))
    # The YAML download holds both edits, and the bundled file's comments.
    page.get_by_role("tab", name="Edit").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download YAML").click()
    saved = tmp_path / "seoul-edited.yaml"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "# The visitor" in text and "name: {en: S. Altman, ko: 샘 올트먼}" in text
    assert "- id: lee-minister" in text and "- id: altman-lee" in text
    assert "sector: government" in text.split("- id: chung-shin-a")[1].split("- id:")[0]
    # Uploaded again, it shows the same.
    page.get_by_role("button", name="Stop editing").click()
    expect(headline).to_have_text(seoul_headline("Sam Altman", 0, 4), timeout=30_000)
    page.locator("input[type=file]").set_input_files(str(saved))
    expect(headline).to_have_text(seoul_headline("S. Altman", 2, 6), timeout=60_000)
    expect(metrics.nth(1)).to_have_text("11")


# ---- the graph as a control (issue 10) ------------------------------------------------------


def test_click_selects_an_actor_and_double_click_focuses_it(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(app_url)
    graph_frame(page)
    idle(page)
    page.locator(GRAPH).scroll_into_view_if_needed()
    x, y = node_point(page, "son-masayoshi")
    page.mouse.click(x, y)
    card = page.locator(".actor-detail h3")
    expect(card).to_have_text("Son Masayoshi", timeout=30_000)
    idle(page)
    # The selection is drawn, and the camera did not move with the rerun.
    assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == ["son-masayoshi"]
    assert node_point(page, "son-masayoshi") == (x, y)
    # A click on empty space lets the actor go.
    box = page.locator(f"{GRAPH} canvas").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 4, box["y"] + 4)
    expect(card).to_have_count(0, timeout=30_000)
    idle(page)
    drawn = drawn_number(page)
    x, y = node_point(page, "son-masayoshi")
    page.mouse.dblclick(x, y)
    expect(page).to_have_url(re.compile("actor=son-masayoshi"), timeout=30_000)
    sidebar = page.locator("[data-testid=stSidebar]")
    focus = sidebar.get_by_role("combobox", name="Focus on actor")
    expect(focus).to_have_value("Son Masayoshi", timeout=30_000)
    page.wait_for_function(
        f"() => Number(document.querySelector('{GRAPH}').dataset.drawn) > {drawn}"
    )
    seen = drawn_counts(page)
    assert 1 < seen["nodes"] < 25
    # The focused actor is outlined in the drawing.
    ring = page.evaluate(
        "() => window.meetgraphNetwork.body.data.nodes.get('son-masayoshi').borderWidth"
    )
    assert ring == 4


def test_fit_and_zoom_buttons_move_the_camera(page: Page, app_url: str) -> None:
    page.goto(app_url)
    graph_frame(page)
    page.locator("#meetgraph-fit").click()
    scale = page.evaluate("() => window.meetgraphNetwork.getScale()")
    page.locator("#meetgraph-zoom-in").click()
    zoomed = page.evaluate("() => window.meetgraphNetwork.getScale()")
    assert zoomed == pytest.approx(scale * 1.25)
    page.locator("#meetgraph-zoom-out").click()
    page.locator("#meetgraph-zoom-out").click()
    assert page.evaluate("() => window.meetgraphNetwork.getScale()") == pytest.approx(scale / 1.25)
    page.locator("#meetgraph-fit").click()
    assert page.evaluate("() => window.meetgraphNetwork.getScale()") == pytest.approx(scale)


def test_search_cycles_through_every_match(page: Page, app_url: str) -> None:
    page.goto(app_url)
    graph_frame(page)
    # "Ministry" matches four ministries; each Enter goes to the next, then back to the first.
    names = page.evaluate(
        """() => window.meetgraphData.nodes.filter(n => n.names.some(
             name => name.toLowerCase().includes("ministry"))).map(n => n.id)"""
    )
    assert len(names) >= 3
    seen = []
    page.fill("#meetgraph-search-input", "Ministry")
    for number in range(1, len(names) + 2):
        page.press("#meetgraph-search-input", "Enter")
        status = page.locator("#meetgraph-search-status").inner_text()
        assert status.endswith(
            f", {(number - 1) % len(names) + 1} of {len(names)}; Find again for the next."
        )
        selected = page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()")
        seen.extend(selected)
    assert sorted(seen[: len(names)]) == sorted(names)  # every match, once each
    assert seen[len(names)] == seen[0]  # and round again
    page.locator("#meetgraph-fit").click()
    assert page.evaluate("() => window.meetgraphNetwork.getSelectedNodes()") == []


# The graph's left edge, width and height on the first frame it is drawn in.
FIRST_DRAWN_BOX = f"""() => {{
    const graph = document.querySelector("{GRAPH}");
    if (!graph || !(Number(graph.dataset.drawn) >= 1)) {{ return null; }}
    const box = graph.getBoundingClientRect();
    return [box.x, box.width, box.height];
}}"""


@pytest.mark.parametrize("width, height", [(1440, 900), (390, 844)])
def test_the_graph_keeps_its_size_while_the_rest_of_the_page_arrives(
    page: Page, app_url: str, width: int, height: int
) -> None:
    # The first run draws the graph and no more; the sidebar and the tabs come in the rerun
    # the drawn graph asks for, and must not narrow it or push it aside (the sidebar's
    # place is held from the start).
    page.set_viewport_size({"width": width, "height": height})
    page.goto(app_url, wait_until="commit")
    first = page.wait_for_function(FIRST_DRAWN_BOX, polling="raf", timeout=60_000).json_value()
    expect(page.get_by_text("Download this table (CSV)")).to_be_attached(timeout=60_000)
    idle(page)
    assert page.evaluate(FIRST_DRAWN_BOX) == first


def test_phone_shows_the_legend_and_the_tooltip_inside_the_screen(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url)
    graph_frame(page)
    idle(page)
    legend = page.locator("#meetgraph-legend")
    legend.scroll_into_view_if_needed()
    missing = legend.get_by_text("missing (expected)", exact=True)
    expect(missing).to_be_visible()
    for part in (legend, missing):
        box = part.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # A missing edge's lines (its long quotes) in a panel the width of the graph. The
    # graph's top to the screen's: the legend above left it partly scrolled away.
    page.locator(GRAPH).evaluate("(graph) => graph.scrollIntoView({block: 'start'})")
    x, y = edge_point(page, "oh-young-ju")
    assert 0 <= y <= 844
    page.mouse.click(x, y)
    panel = page.locator("#meetgraph-tip-panel")
    expect(panel).to_contain_text("Why it was expected")
    panel.evaluate("(panel) => panel.scrollIntoView({block: 'nearest'})")
    # Streamlit scrolls smoothly: the panel settles within the screen.
    page.wait_for_function(
        """() => {
            const r = document.querySelector("#meetgraph-tip-panel").getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight + 1;  // subpixel layout
        }""",
        timeout=10_000,
    )
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1
    page.screenshot(path=str(tmp_path / "phone.png"))


def test_desk_tooltip_of_a_missing_edge_stays_inside_the_window(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(app_url)
    graph_frame(page)
    idle(page)
    page.locator(GRAPH).scroll_into_view_if_needed()
    for target in ("oh-young-ju", "ahn-duk-geun", "yoo-sang-im"):
        x, y = edge_point(page, target)
        page.mouse.move(x, y)
        tip = page.locator("div.vis-tooltip")
        expect(tip).to_contain_text("Why it was expected")
        box = tip.bounding_box()
        assert box is not None and box["height"] > 150
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1440, target
        assert box["y"] >= 0 and box["y"] + box["height"] <= 900, target
        page.mouse.move(5, 5)


def edge_point(page: Page, target: str) -> tuple[float, float]:
    """A point on the missing edge from Sam Altman to ``target``, near its middle."""
    x, y = page.evaluate(
        """(id) => {
            const net = window.meetgraphNetwork;
            const at = net.getPositions(["sam-altman", id]);
            const a = net.canvasToDOM(at["sam-altman"]), b = net.canvasToDOM(at[id]);
            const box = net.body.container.getBoundingClientRect();
            return [box.left + a.x + 0.6 * (b.x - a.x), box.top + a.y + 0.6 * (b.y - a.y)];
        }""",
        target,
    )
    return float(x), float(y)


def test_tables_go_under_the_graph_across_the_page_when_asked(page: Page, app_url: str) -> None:
    # Beside the graph the tabs get two fifths of a desk's page: the missing edges'
    # explanations are cut. Under it, across the page, they have its whole width.
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/?tab=missing")
    graph_frame(page)
    idle(page)
    table = page.locator("[data-testid=stDataFrame]:visible").last
    graph = page.locator(GRAPH)
    beside, graph_box = table.bounding_box(), graph.bounding_box()
    assert beside is not None and graph_box is not None
    assert beside["width"] < 600 and beside["x"] > graph_box["x"] + graph_box["width"]
    page.get_by_text("Tables full width, below the graph").click()
    page.wait_for_url(re.compile(r"tables=wide"), timeout=30_000)
    idle(page)
    graph_frame(page)
    under, graph_box = table.bounding_box(), graph.bounding_box()
    assert under is not None and graph_box is not None
    assert under["width"] > 900 and under["y"] > graph_box["y"] + graph_box["height"]
    expect(page.get_by_role("tab", name="Missing edges", exact=True)).to_have_attribute(
        "aria-selected", "true"
    )
    # The address opens the page that way.
    page.goto(f"{app_url}/?tab=missing&tables=wide")
    graph_frame(page)
    idle(page)
    opened = table.bounding_box()
    assert opened is not None and opened["width"] > 900
