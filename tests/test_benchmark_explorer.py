"""benchmarks/explorer.py: its table, and its notion of "graph drawn" in a real browser."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Page

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


@pytest.fixture
def explorer(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark script as a module (it imports its neighbours by their bare names)."""
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    monkeypatch.delitem(sys.modules, "explorer", raising=False)
    import explorer as module

    return module


def test_table_gives_medians_ratio_and_targets(
    explorer: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(explorer, "BEFORE_BYTES", {"bundled dataset": 540_000})
    results = explorer.Results(
        reference_loads=[1500.0, 1000.0, 2000.0],
        app_loads=[3000.0, 2500.0, 6000.0],
        redraws={"bundled dataset": [900.0, 700.0, 800.0], "1,000 actors": [1200.0]},
        received={"bundled dataset": [54_000, 55_000, 53_000]},
    )
    assert explorer.table(results) == [
        "| measure (Chromium, medians) | value | target |",
        "|---|---:|---|",
        "| page load → graph drawn, plain Streamlit page with one iframe, s "
        "| 1.50 (1.00, 1.50, 2.00) | |",
        "| page load → graph drawn, the explorer, s | 3.00 (2.50, 3.00, 6.00) | |",
        "| page load, explorer / plain page | 2.00x | ≤ 1.5x |",
        "| filter change → graph redrawn, bundled dataset, ms | 800 (700, 800, 900) | ≤ 300 ms |",
        "| filter change → graph redrawn, 1,000 actors, ms | 1200 (1200) | ≤ 1000 ms |",
        "| bytes received per filter change, bundled dataset, KB "
        "| 54.0 (10% of before: 540.0) | ≤ 10% of before |",
    ]


def forward_message(kind: str) -> bytes:
    """A Streamlit message: a run started, or one finished (or cut short by a rerun)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    if kind == "started":
        message.new_session.SetInParent()
    else:
        message.script_finished = {
            "finished": ForwardMsg.FINISHED_SUCCESSFULLY,
            "cut short": ForwardMsg.FINISHED_EARLY_FOR_RERUN,
        }[kind]
    return bytes(message.SerializeToString())


def test_a_change_is_over_once_every_run_it_started_has_finished(
    explorer: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    received = explorer.Received()
    kinds = ["started", "finished", "started", "cut short", "started", "finished"]
    monkeypatch.setattr(explorer, "SETTLE_SECONDS", 0.0)
    settled = []
    for kind in kinds:
        received._frame(forward_message(kind))
        settled.append(received.settled())
    assert settled == [False, True, False, True, False, True]
    assert received.frames == sum(len(forward_message(kind)) for kind in kinds)
    # Over only once nothing came for a while: a run may set off another.
    monkeypatch.setattr(explorer, "SETTLE_SECONDS", 60.0)
    assert not received.settled()
    received.reset()
    assert (received.frames, received.settled()) == (0, False)


# A page with both kinds of drawing: an iframe whose body says drawn (the exported page,
# today's app) and a component root in a shadow root with a counter (the component).
_PAGE = """<!doctype html><body>
<iframe srcdoc="<body data-drawn='true'>graph</body>"></iframe>
<div id="host"></div>
<script>
  const root = document.getElementById("host").attachShadow({mode: "open"});
  root.innerHTML = "<div data-meetgraph-graph data-drawn='0'></div>";
  window.component = root.firstChild;
</script>
</body>"""


@pytest.mark.browser
def test_a_drawing_counts_once_whether_iframe_or_component(
    explorer: ModuleType, page: Page
) -> None:
    page.set_content(_PAGE)
    page.wait_for_function("() => document.querySelector('iframe').contentDocument.body")
    assert page.evaluate(explorer.FRESH) is not False  # the iframe's drawing, not seen yet
    page.evaluate(explorer.MARK)
    assert page.evaluate(explorer.FRESH) is False
    # The component draws its first data: counter 0 -> 1, inside a shadow root.
    page.evaluate("() => { window.component.setAttribute('data-drawn', '1'); }")
    assert page.evaluate(explorer.FRESH) is not False
    page.evaluate(explorer.MARK)
    assert page.evaluate(explorer.FRESH) is False
    # A filter change: the component draws again, and Streamlit replaces the iframe.
    page.evaluate("() => { window.component.setAttribute('data-drawn', '2'); }")
    assert page.evaluate(explorer.FRESH) is not False
    page.evaluate(explorer.MARK)
    page.evaluate("() => { document.querySelector('iframe').srcdoc = '<body>new</body>'; }")
    page.wait_for_function("() => document.querySelector('iframe').contentDocument.body?.innerText")
    assert page.evaluate(explorer.FRESH) is False  # a new page, not drawn yet
    page.evaluate(
        "() => { document.querySelector('iframe').contentDocument.body.dataset.drawn = 'true'; }"
    )
    assert page.evaluate(explorer.FRESH) is not False
