"""The explorer on a 20,000-actor dataset in Chromium: opening, then a filter change redrawn.

Starts ``streamlit run streamlit_app.py`` (of ``--root``, default this
checkout) with the dataset as its only bundled file (the file cap, not the
upload cap), opens it in headless Chromium and measures, in wall seconds
and in CPU seconds of the server process (user + system, its children
included):

- **open**: from navigation until the graph first draws (the graph
  component's drawing counter, read as ``explorer.py`` reads it);
- **sector change**: from picking one more sector in the sidebar until the
  new graph has drawn; each change is a view not seen before (no cache
  helps), the median of ``--changes``.

The machine is shared: CPU seconds are the steadier figure. Each timing is
also written to standard error as it comes, so that a graph that never
draws (the wait is ``--limit`` seconds) shows which step it was. Make the
dataset with ``meetgraph synth --actors 20000 --meetings 200000 -o FILE``.

    python benchmarks/app_scale.py --data /tmp/scale/s20000.yaml
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from measure import app_server

ROOT = Path(__file__).resolve().parents[1]
SECTORS = ("Government", "AI", "Gaming", "Platform", "Investment")


@dataclass(frozen=True)
class Timing:
    """Wall seconds, and CPU seconds the server spent meanwhile."""

    wall: float
    cpu: float


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its waited-for children so far."""
    # /proc/PID/stat: the fields after the command's closing parenthesis; utime, stime,
    # cutime and cstime are the 12th to 15th of them, in clock ticks.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def resident_mb(pid: int) -> float:
    """The peak resident size of a process so far, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def progress(what: str, timing: Timing) -> None:
    """Each timing as it comes, on standard error: a drawing that never ends shows where."""
    print(f"{what}: {timing.wall:.2f} s wall, {timing.cpu:.2f} s server CPU", file=sys.stderr)


def measure(root: Path, data: Path, changes: int, limit: float) -> dict[str, list[Timing]]:
    """The opening, and each sector change, timed in Chromium."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(root / "src"))
    # The graph drawn: the component's drawing counter (or a frame's page), as explorer.py reads it.
    from explorer import MARK, drawn_at

    from meetgraph.chromium import launch_options

    found: dict[str, list[Timing]] = {"open": [], "sector change": []}
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "server.log"
        with app_server(root, data, log) as (url, server), sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options())
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            cpu, start = server_cpu(server), time.perf_counter()
            page.goto(url)
            drawn_at(page, limit)
            found["open"].append(Timing(time.perf_counter() - start, server_cpu(server) - cpu))
            progress("open", found["open"][-1])
            page.wait_for_timeout(1000)  # the rest of the first run
            for sector in SECTORS[:changes]:
                page.evaluate(MARK)
                page.get_by_label("Sectors").first.click()
                option = page.get_by_role("option", name=sector, exact=True)
                cpu, start = server_cpu(server), time.perf_counter()
                option.click()
                drawn_at(page, limit)
                found["sector change"].append(
                    Timing(time.perf_counter() - start, server_cpu(server) - cpu)
                )
                progress(f"+ {sector}", found["sector change"][-1])
                page.keyboard.press("Escape")
                page.wait_for_timeout(1000)
            peak = resident_mb(server)
            browser.close()
        found["server peak MB"] = [Timing(peak, 0.0)]
    return found


def rows(root: Path, data: Path, changes: int = 3, limit: float = 900.0) -> list[str]:
    """Markdown table lines: the opening and the median sector change, wall and server CPU."""
    found = measure(root, data, changes, limit)
    lines = [
        f"| {data.name} in Chromium | wall s | server CPU s |",
        "|---|---:|---:|",
    ]
    (opened,) = found["open"]
    lines.append(f"| open: first graph drawn | {opened.wall:.2f} | {opened.cpu:.2f} |")
    each = found["sector change"]
    walls = ", ".join(f"{t.wall:.2f}" for t in each)
    lines.append(
        f"| one more sector, until redrawn (median of {len(each)}: {walls}) "
        f"| {statistics.median(t.wall for t in each):.2f} "
        f"| {statistics.median(t.cpu for t in each):.2f} |"
    )
    (resident,) = found["server peak MB"]
    lines.append(f"| server peak resident MB | {resident.wall:.0f} | |")
    return lines


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/scale/s20000.yaml"))
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--changes", type=int, default=3)
    parser.add_argument("--limit", type=float, default=900.0, help="seconds to wait for a graph")
    options = parser.parse_args()
    print("\n".join(rows(options.root, options.data, options.changes, options.limit)))
