"""Time meetgraph against the naive approach, stage by stage; print a Markdown table.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py``). For 100,
1,000 and 5,000 actors with 10 meetings per actor (synthetic, see
``meetgraph synth``) it times, as medians of ``--repeat`` runs:

- meetgraph: strict load and validation, graph build, all metrics, the
  server-side layout, the HTML page;
- naive: ``yaml.load`` with libyaml's ``CSafeLoader`` (what a user with
  libyaml installed gets), a graph built from the dicts with networkx,
  networkx's own centrality functions (exact), no layout (pyvis lays out in
  the browser), pyvis's HTML with its default physics (``cdn_resources`` is
  ``in_line``, its only mode that works offline).

Then it weighs the pages (meetgraph's exported page, and the same data
written as it was before pages shared their texts: a record with its
tooltip per edge), opens the pages of the 1,000-actor case in headless
Chromium and measures the time from navigation until the graph is drawn and
still (no node moves by more than half a pixel for 300 ms), and the app's
rerun after a filter change on the bundled dataset (server time, through
AppTest). Peak memory is the peak resident size of this process.

The naive path is slow; above ``--naive-max`` actors it runs once, and
without pyvis's HTML, whose ``add_edge`` is quadratic in the edges (hours for
the 5,000-actor case): that cell reads ``nan``.
"""

from __future__ import annotations

import argparse
import gc
import math
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from measure import whole_process

from meetgraph.chromium import launch_options
from meetgraph.export import ExportOptions, export_files, export_format
from meetgraph.graph import build_graph
from meetgraph.htmlsafe import json_for_script
from meetgraph.layout import layout_positions
from meetgraph.loader import load_dataset_text
from meetgraph.metrics import centrality
from meetgraph.page import expand
from meetgraph.render import page_data, render_html
from meetgraph.settings import Settings
from meetgraph.synth import synth_dataset_text

ROOT = Path(__file__).resolve().parents[1]
STAGES = ["load + validate", "build", "metrics", "layout", "HTML"]


def timed(work: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds of ``repeat`` runs of ``work``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ours(text: str, repeat: int) -> dict[str, float]:
    seconds: dict[str, float] = {}
    seconds["load + validate"], dataset = timed(lambda: load_dataset_text(text, "b.yaml"), repeat)
    seconds["build"], G = timed(lambda: build_graph(dataset), repeat)
    seconds["metrics"], _ = timed(lambda: centrality(G), repeat)
    seconds["layout"], positions = timed(lambda: layout_positions(G, seed=7), repeat)
    seconds["HTML"], _ = timed(lambda: render_html(G, positions=positions), repeat)
    return seconds


def naive_graph(data: dict[str, Any]) -> nx.MultiGraph:
    G: nx.MultiGraph = nx.MultiGraph()
    for actor in data["actors"]:
        G.add_node(actor["id"], **{k: v for k, v in actor.items() if k != "id"})
    for meeting in data["meetings"]:
        people = meeting["participants"]
        for i, u in enumerate(people):
            for v in people[i + 1 :]:
                G.add_edge(u, v, key=meeting["id"], **meeting)
    return G


def naive_metrics(G: nx.MultiGraph) -> None:
    H: nx.Graph = nx.Graph(G)
    nx.degree_centrality(H)
    nx.betweenness_centrality(H)
    nx.closeness_centrality(H)
    for component in nx.connected_components(H):
        if len(component) > 2:
            nx.eigenvector_centrality(H.subgraph(component), max_iter=1000)
    nx.pagerank(H)
    nx.community.louvain_communities(H, seed=0)


def naive_html(G: nx.MultiGraph) -> str:
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    # Plain structure: pyvis cannot serialise dates, and the naive page has no tooltips.
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(G.nodes)
    simple.add_edges_from(G.edges())
    net.from_nx(simple)
    html: str = net.generate_html()
    return html


def naive(text: str, repeat: int, html: bool) -> dict[str, float]:
    seconds: dict[str, float] = {}
    # libyaml's C loader: the fastest a naive user gets (pure-Python safe_load is ~10x slower).
    seconds["load + validate"], data = timed(
        lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat
    )
    seconds["build"], G = timed(lambda: naive_graph(data), repeat)
    seconds["metrics"], _ = timed(lambda: naive_metrics(G), repeat)
    seconds["layout"] = 0.0  # pyvis lays out in the browser, with physics
    # pyvis's add_edge scans every edge added so far: quadratic, hours at 5,000 actors.
    seconds["HTML"] = timed(lambda: naive_html(G), repeat)[0] if html else float("nan")
    return seconds


# Polled in the page: true once no node has moved by more than half a pixel for 300 ms.
_STILL = """() => {
  const net = window.meetgraphNetwork || window.network;
  if (!net || !net.body) { return false; }
  const now = net.getPositions();
  const last = window.__lastPositions;
  window.__lastPositions = now;
  let moved = last === undefined;
  for (const id in now) {
    if (moved) { break; }
    const a = now[id], b = last[id];
    moved = !b || Math.abs(a.x - b.x) > 0.5 || Math.abs(a.y - b.y) > 0.5;
  }
  if (moved) { window.__stillSince = performance.now(); return false; }
  return performance.now() - window.__stillSince >= 300;
}"""


# Runs before the page's scripts: notes when the network (pyvis's global ``network``,
# or ours) first draws, in milliseconds since navigation started.
_FIRST_DRAWN = """for (const name of ["network", "meetgraphNetwork"]) {
  let value;
  Object.defineProperty(window, name, {
    configurable: true,
    get() { return value; },
    set(net) {
      value = net;
      if (net && net.once) {
        net.once("afterDrawing", () => { window.__firstDrawn = performance.now(); });
      }
    },
  });
}"""


#: The largest page (MB) meetgraph should write for so many actors (ten meetings each).
PAGE_LIMITS = {1000: 1.5, 5000: 8.0}


def page_weights(G: nx.MultiGraph) -> tuple[bytes, float, float]:
    """The exported page, its MB, and the MB of the same page with a tooltip per edge."""
    (page,) = export_files(G, export_format("html"), "page", ExportOptions()).values()
    text = page.decode("utf-8")
    nodes, edges = expand(page_data(text))
    # The data block as pages wrote it before: every record with its own tooltip.
    block = json_for_script({"nodes": nodes, "edges": edges})
    start = text.index('id="meetgraph-data">') + len('id="meetgraph-data">')
    end = text.index("</script>", start)
    before = len(text[:start].encode()) + len(block.encode()) + len(text[end:].encode())
    return page, len(page) / 1e6, before / 1e6


def drawn_and_still(path: Path, limit: float) -> tuple[float, float]:
    """Seconds from navigation until first drawn, and until drawn and still.

    Either is ``inf`` when it did not happen within ``limit`` seconds.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script(_FIRST_DRAWN)
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        start = time.perf_counter()
        # Not until "load": pyvis's page lays its graph out in the script that "load" waits
        # for (a minute at 1,000 actors), which would time the navigation out.
        page.goto(path.as_uri(), wait_until="commit")
        try:
            page.wait_for_function(_STILL, polling=50, timeout=limit * 1000)
            # The last 300 ms only confirmed stillness; they are not drawing time.
            still = time.perf_counter() - start - 0.3
        except PlaywrightTimeout:
            still = float("inf")
        first = page.evaluate("() => window.__firstDrawn")
        browser.close()
    return (first / 1000 if first is not None else float("inf")), still


def app_rerun(repeat: int) -> float:
    """Median server seconds of an app rerun after a sector filter change, caches warm."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.run()
    at.run()  # a session's first run draws only the graph; the sidebar comes with the next
    times = []
    for i in range(repeat + 1):
        sector = ["government", "ai"][i % 2]
        at.sidebar.multiselect(key="pick_sector").set_value([sector])
        start = time.perf_counter()
        at.run()
        if i:  # the first change fills the caches of both views
            times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(times)


#: Whole commands timed for start-up, each against the bare interpreter in the same run.
STARTUP_COMMANDS = {
    "python -c pass (reference)": [sys.executable, "-c", "pass"],
    "meetgraph --help": [sys.executable, "-m", "meetgraph", "--help"],
    "meetgraph validate (bundled)": [sys.executable, "-m", "meetgraph", "validate"],
}


def cli_startup(repeat: int) -> dict[str, float]:
    """Median wall seconds of each start-up command, run as a whole process ``repeat`` times."""
    seconds: dict[str, list[float]] = {name: [] for name in STARTUP_COMMANDS}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):  # interleaved, so that noise hits every command alike
            for name, command in STARTUP_COMMANDS.items():
                start = time.perf_counter()
                subprocess.run(command, cwd=folder, check=True, capture_output=True)
                seconds[name].append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in seconds.items()}


def imported_seconds(*args: str) -> float:
    """Seconds ``python -X importtime -m meetgraph ARGS`` spends importing meetgraph.cli."""
    command = [sys.executable, "-X", "importtime", "-m", "meetgraph", *args]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    # Top-level imports only (one space before the name): each counts its own children.
    top = re.findall(r"^import time:\s+\d+ \|\s+(\d+) \| (?! )", result.stderr, re.MULTILINE)
    return sum(int(us) for us in top) / 1e6


def hostile_files(folder: Path) -> dict[str, Path]:
    """Two files that once cost tens of seconds and gigabytes: now refused with bounded work."""
    from meetgraph.examples import EXAMPLE_YAML

    people = 2000
    actors = "".join(
        f"  - {{id: p{i}, name: {{en: P{i}}}, type: person, sector: ai, country: KR}}\n"
        for i in range(people)
    )
    crowd = EXAMPLE_YAML.replace("meetings:\n", actors + "meetings:\n").replace(
        "participants: [a, b, c]",
        "participants: [" + ", ".join(f"p{i}" for i in range(people)) + "]",
    )
    files = {
        "one meeting of 2,000 participants": crowd,
        "815,000 bad list items": EXAMPLE_YAML + "expectations:\n" + "- x\n" * 815_000,
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / (name.split()[0] + ".yaml")
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _naive_cell(stage: str, seconds: float) -> str:
    if stage == "layout":
        return "in the browser"
    return "not run" if math.isnan(seconds) else f"{seconds:.3f}"


def _seconds(value: float, limit: float) -> str:
    return f"> {limit:.0f}" if math.isinf(value) else f"{value:.2f}"


def _ratio(naive_seconds: float, our_seconds: float) -> str:
    if math.isnan(naive_seconds) or not naive_seconds or not our_seconds:
        return ""
    return f"{naive_seconds / our_seconds:.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="actor counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-max", type=int, default=1000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--browser-limit", type=float, default=300.0, help="seconds to wait for a still graph"
    )
    options = parser.parse_args()

    template = load_dataset_text(Settings().default_dataset.read_bytes(), "seoul.yaml")
    print(f"# meetgraph benchmark ({platform.python_version()}, {platform.machine()})\n")
    print("| actors | meetings | MB | stage | meetgraph s | naive s | naive / meetgraph |")
    print("|---:|---:|---:|---|---:|---:|---:|")
    html_pages: dict[str, Path] = {}
    weights: dict[int, tuple[float, float]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="meetgraph-bench-"))
    for actors in (int(s) for s in options.sizes.split(",")):
        meetings = 10 * actors
        text = synth_dataset_text(template, actors, meetings, seed=1)
        mine = ours(text, options.repeat)
        small = actors <= options.naive_max
        theirs = naive(text, options.repeat if small else 1, html=small)
        for stage in STAGES:
            print(
                f"| {actors:,} | {meetings:,} | {len(text.encode()) / 1e6:.1f} | {stage} "
                f"| {mine[stage]:.3f} | {_naive_cell(stage, theirs[stage])} "
                f"| {_ratio(theirs[stage], mine[stage])} |"
            )
        total_mine = mine["load + validate"] + mine["build"]
        print(
            f"| {actors:,} | | | **validate + build** | **{total_mine:.2f}** "
            f"| {theirs['load + validate'] + theirs['build']:.2f} | |"
        )
        G = build_graph(load_dataset_text(text, "b.yaml"))
        page, now, before = page_weights(G)
        weights[actors] = (now, before)
        if actors == 1000:
            html_pages["meetgraph (app)"] = workdir / "meetgraph.html"
            html_pages["meetgraph (app)"].write_text(render_html(G), encoding="utf-8")
            html_pages["meetgraph (exported page)"] = workdir / "exported.html"
            html_pages["meetgraph (exported page)"].write_bytes(page)
            html_pages["pyvis default"] = workdir / "pyvis.html"
            html_pages["pyvis default"].write_text(naive_html(G), encoding="utf-8")
        sys.stdout.flush()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak resident memory of the run: {peak:,.0f} MB\n")
    if weights:
        print(
            "| actors | exported page, MB | a tooltip per edge (before), MB | ratio | limit, MB |"
        )
        print("|---:|---:|---:|---:|---:|")
        for actors, (now, before) in weights.items():
            limit = PAGE_LIMITS.get(actors)
            print(
                f"| {actors:,} | {now:.2f} | {before:.2f} | {before / now:.1f}x "
                f"| {limit if limit else ''} |"
            )
        print()
    if not options.no_browser and html_pages:
        print("| 1,000 actors in Chromium | first drawn, s | drawn and still, s |")
        print("|---|---:|---:|")
        seconds = {
            name: drawn_and_still(path, options.browser_limit) for name, path in html_pages.items()
        }
        limit = options.browser_limit
        for name, (first, still) in seconds.items():
            print(f"| {name} | {_seconds(first, limit)} | {_seconds(still, limit)} |")
        ours_still = seconds["meetgraph (app)"][1]
        pyvis_still = seconds["pyvis default"][1]
        ratio = min(pyvis_still, limit) / ours_still
        at_least = "at least " if math.isinf(pyvis_still) else ""
        print(f"| pyvis / meetgraph (drawn and still) | | {at_least}{ratio:.0f}x |")
        print()
    print(f"App rerun after a filter change (bundled dataset): {app_rerun(5) * 1000:.0f} ms\n")
    startup = cli_startup(10)
    reference = startup["python -c pass (reference)"]
    print("| command (whole process) | median s | minus the bare interpreter, s |")
    print("|---|---:|---:|")
    for name, median in startup.items():
        print(f"| {name} | {median:.3f} | {median - reference:.3f} |")
    print(
        f"\nModules imported (python -X importtime): --help {imported_seconds('--help'):.3f} s,"
        f" validate {imported_seconds('validate'):.3f} s\n"
    )
    print("| refused file (meetgraph validate, whole process) | MB | s | peak resident MB |")
    print("|---|---:|---:|---:|")
    for name, path in hostile_files(workdir).items():
        run = whole_process([sys.executable, "-m", "meetgraph", "validate", str(path)])
        wall, peak = run.wall, run.peak_mb
        size = path.stat().st_size / 1e6
        print(f"| {name} | {size:.2f} | {wall:.2f} | {peak:,.0f} |")


if __name__ == "__main__":
    main()
