"""The explorer's page on a phone (390x844) and a desk (1440x900), in Chromium.

The title, the three counts and the headline lie inside the viewport, none
cut by an ellipsis or a scrollbar; no word of the title is split across two
lines (the issue saw "2025-02-/04"); the graph comes before the tabs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from servers import free_port, serving

from meetgraph.serving import streamlit_command

ROOT = Path(__file__).parents[1]
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}
# The graph: the component's root, or the iframe the app drew it in before.
GRAPH = "[data-meetgraph-graph], iframe"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    command = streamlit_command(ROOT / "streamlit_app.py", port)
    with serving(command, port, cwd=ROOT, log=log) as url:
        yield url


@pytest.fixture(params=[PHONE, DESK], ids=["phone", "desk"])
def viewport(request: pytest.FixtureRequest) -> dict[str, int]:
    size: dict[str, int] = request.param
    return size


@pytest.fixture
def opened(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    yield context.new_page()
    context.close()


def open_app(page: Page, url: str, language: str) -> None:
    page.goto(f"{url}/?lang={language}")
    page.locator("h1").first.wait_for(timeout=60_000)
    page.locator(".st-key-counts [data-testid=stMetric]").nth(2).wait_for(timeout=60_000)
    page.locator(".st-key-headline h4").wait_for(timeout=60_000)
    page.locator(GRAPH).first.wait_for(timeout=60_000)
    page.evaluate("() => document.fonts.ready.then(() => true)")


# Every element of the header that shows text: its box, and whether its text is cut (wider
# than the element shows: an ellipsis, a clip or a scrollbar).
_HEADER_TEXT = """() => {
  const shown = [
    document.querySelector("h1"),
    ...document.querySelectorAll(".st-key-counts [data-testid=stMetric] *"),
    ...document.querySelectorAll(".st-key-headline h4, .st-key-headline h4 *"),
  ];
  return shown.filter(e => e.textContent.trim()).map(e => {
    const box = e.getBoundingClientRect();
    return {
      text: e.textContent.trim(),
      left: box.left, right: box.right, width: box.width,
      cut: e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== "inline",
    };
  });
}"""

# The lines each word of the title lies on (the distinct tops of its characters' boxes).
_TITLE_WORDS = """() => {
  const h1 = document.querySelector("h1");
  const node = h1.firstChild;
  const words = [];
  for (const match of node.textContent.matchAll(/\\S+/g)) {
    const range = document.createRange();
    const tops = new Set();
    for (let i = match.index; i < match.index + match[0].length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      for (const box of range.getClientRects()) {
        if (box.width > 0) tops.add(Math.round(box.top));
      }
    }
    words.push({word: match[0], lines: tops.size});
  }
  return {words, height: h1.getBoundingClientRect().height};
}"""


@pytest.mark.parametrize("language", ["en", "ko"])
def test_title_counts_and_headline_fit_whole(
    opened: Page, app_url: str, viewport: dict[str, int], language: str
) -> None:
    open_app(opened, app_url, language)
    shown: list[dict[str, Any]] = opened.evaluate(_HEADER_TEXT)
    counts = opened.locator(".st-key-counts [data-testid=stMetricValue]").all_inner_texts()
    assert counts == ["25", "10", "4"]
    assert len(shown) > 8, shown
    for element in shown:
        assert element["width"] > 0, element
        assert element["left"] >= 0 and element["right"] <= viewport["width"], element
        assert not element["cut"], element
    labels = opened.locator(".st-key-counts [data-testid=stMetricLabel]").all_inner_texts()
    assert labels == (
        ["Actors", "Meetings", "Missing edges"]
        if language == "en"
        else ["행위자", "만남", "없었던 만남"]
    )


@pytest.mark.parametrize("language", ["en", "ko"])
def test_no_word_of_the_title_is_split_across_lines(
    opened: Page, app_url: str, language: str
) -> None:
    open_app(opened, app_url, language)
    title = opened.evaluate(_TITLE_WORDS)
    split = [w["word"] for w in title["words"] if w["lines"] != 1]
    assert split == [], title
    date = "2025-\u206002-\u206004" if language == "en" else "2025년"
    assert date in [w["word"] for w in title["words"]]


def test_the_graph_comes_before_the_tabs(
    opened: Page, app_url: str, viewport: dict[str, int]
) -> None:
    open_app(opened, app_url, "en")
    graph = opened.locator(GRAPH).first.bounding_box()
    tabs = opened.locator("[data-testid=stTabs]").first.bounding_box()
    assert graph is not None and tabs is not None
    assert graph["x"] >= 0 and graph["x"] + graph["width"] <= viewport["width"] + 1
    if viewport is PHONE:  # stacked, the graph first
        assert graph["y"] + graph["height"] <= tabs["y"], (graph, tabs)
    else:  # side by side, the graph on the left
        assert graph["x"] + graph["width"] <= tabs["x"], (graph, tabs)
