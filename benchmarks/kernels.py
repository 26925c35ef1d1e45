"""The metrics' kernels side by side: meetgraph, python-igraph called directly, and before.

For each dataset, every measure's CPU seconds in meetgraph (``metrics.MEASURES``
on the collapsed graph), the same computation called directly in
python-igraph on the same graph (igraph's own defaults), their ratio, and the
metrics module as it was before igraph (``--before``, a commit, default
``9b4e104``) on the same graph. Then the whole ``centrality`` table: CPU
seconds and the resident memory it added beyond the loaded graph (sampled
every 10 ms). CPU seconds (user + system of this process) rather than wall:
the machine is shared.

Building a 50,000-actor graph from YAML takes minutes; ``--cache DIR`` keeps
each built graph there (a pickle written by this script) for the next run.

    PYTHONPATH=src python benchmarks/kernels.py /tmp/scale/s5000.yaml /tmp/scale/s50000.yaml \\
        --cache /tmp/wt-metrics-cache
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import networkx as nx
from measure import whole_process

from meetgraph import metrics
from meetgraph.bulk import collection_paused

__all__ = ["command_rows", "kernel_rows", "load_graph"]

_BEFORE = "9b4e104"  # main before igraph: numpy BFS betweenness, scipy closeness, networkx Louvain
_HEADER = [
    "| actors | pairs | measure | meetgraph s | python-igraph s | ratio | before s |",
    "|---:|---:|---|---:|---:|---:|---:|",
]


def load_graph(path: Path, cache: Path | None = None) -> nx.MultiGraph:
    """The meeting graph of the dataset at ``path``, kept in ``cache`` if given."""
    from meetgraph.graph import build_graph
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Limits

    kept = None
    if cache is not None:
        stat = path.stat()
        key = hashlib.sha256(f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        kept = cache / f"graph-{key.hexdigest()[:16]}.pickle"
        if kept.exists():
            with kept.open("rb") as file:
                graph: nx.MultiGraph = pickle.load(file)  # written by this script
                return graph
    graph = build_graph(load_dataset(path, limits=Limits(max_bytes=1_000_000_000)))
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with kept.open("wb") as file:
            pickle.dump(graph, file, protocol=pickle.HIGHEST_PROTOCOL)
    return graph


def _cpu(work: Callable[[], Any], repeat: int) -> float:
    """The median CPU seconds of ``work``, garbage collection paused as in the metrics."""
    spent = []
    with collection_paused():
        for _ in range(repeat):
            start = time.process_time()
            work()
            spent.append(time.process_time() - start)
    return statistics.median(spent)


def _module_at(commit: str) -> ModuleType:
    """meetgraph's metrics module as it was at ``commit``, imported under another name."""
    root = Path(__file__).resolve().parent.parent
    text = subprocess.run(
        ["git", "-C", str(root), "show", f"{commit}:src/meetgraph/metrics.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "metrics_before.py"
        path.write_text(text, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("metrics_before", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    return module


@contextmanager
def _peak_growth() -> Iterator[list[float]]:
    """Yields a list that holds, after the block, the resident MB it added at most."""

    def resident() -> float:
        with Path("/proc/self/statm").open(encoding="ascii") as file:
            return int(file.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    base, peak, done = resident(), [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], resident() - base)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    growth: list[float] = []
    try:
        yield growth
    finally:
        done.set()
        sampler.join()
        growth.append(max(peak[0], resident() - base))


def _igraph_calls(c: Any) -> dict[str, Callable[[], Any]]:
    """Each measure as python-igraph computes it on the same graph, by default."""
    g, n = c.graph, len(c.nodes)
    exact_betweenness = n <= metrics.EXACT_BETWEENNESS_LIMIT
    exact_closeness = n <= metrics.EXACT_CLOSENESS_LIMIT
    sample = c.sample
    return {
        "pagerank": lambda: g.pagerank(directed=False, weights="weight"),
        "degree": lambda: g.degree(),
        "weighted_degree": lambda: g.strength(weights="weight"),
        "betweenness": (
            (lambda: g.betweenness(directed=False))
            if exact_betweenness
            else (lambda: g.betweenness(directed=False, sources=sample))
        ),
        "closeness": (
            (lambda: g.closeness()) if exact_closeness else (lambda: g.distances(source=sample))
        ),
        "eigenvector": lambda: g.eigenvector_centrality(weights="weight"),
        "community": lambda: g.community_multilevel(weights="weight"),
    }


def kernel_rows(
    graphs: dict[str, nx.MultiGraph], *, before: str | None = _BEFORE, repeat: int = 1
) -> list[str]:
    """Markdown rows: each measure in meetgraph, in python-igraph directly, and before."""
    old = _module_at(before) if before else None
    rows = list(_HEADER)
    for G in graphs.values():
        rows += _graph_rows(G, old, repeat)
    return rows


def _graph_rows(G: nx.MultiGraph, old: ModuleType | None, repeat: int) -> list[str]:
    c = metrics._collapsed(G, ("held",), 0)
    label = f"| {len(c.nodes):,} | {len(c.first):,} "

    def converted() -> None:
        metrics._collapsed(G, ("held",), 0).graph  # noqa: B018 (timed with the collapse)

    was = _cpu(partial(old.collapse, G), repeat) if old else None
    rows = [f"{label}| collapse (+ igraph) | {_cpu(converted, repeat):.3f} | | | {_seconds(was)} |"]
    H = metrics.collapse(G)
    old_c = old._Collapsed(H, list(H), 0, []) if old else None
    old_measures = {m.name: m for m in old.MEASURES} if old else {}
    igraph_calls = _igraph_calls(c)
    for entry in metrics.MEASURES:
        runs: list[Any] = []
        mine = _cpu(partial(_compute, entry, c, runs), repeat)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # disconnected: eigenvector
            theirs = _cpu(igraph_calls[entry.name], repeat)
        previous = None
        if entry.name in old_measures:
            previous = _cpu(partial(old_measures[entry.name].compute, old_c), repeat)
        note = " (sampled)" if entry.name in runs[-1].approximate else ""
        # Below 10 ms the ratio is the timer's noise, not the kernel's.
        ratio = f"{mine / theirs:.2f}x" if min(mine, theirs) >= 0.01 else "(< 10 ms)"
        rows.append(
            f"{label}| {entry.name}{note} | {mine:.3f} | {theirs:.3f} | {ratio} | "
            f"{_seconds(previous)} |"
        )
    with _peak_growth() as growth:
        whole = _cpu(partial(metrics.centrality, G), 1)
    was_whole = _cpu(partial(old.centrality, G), 1) if old else None
    rows.append(
        f"{label}| **centrality table** (+{growth[0]:,.0f} MB resident) | "
        f"**{whole:.3f}** | | | {_seconds(was_whole)} |"
    )
    return rows


def _compute(entry: metrics.Measure, c: Any, runs: list[Any]) -> None:
    runs.append(_sharing(c))
    entry.compute(runs[-1])


def _sharing(c: Any) -> Any:
    """A copy of ``c`` with its own list of estimates, sharing the converted graph."""
    copy = metrics._Collapsed(c.nodes, c.first, c.second, c.weight, c.seed)
    for name in ("graph", "reached", "sample"):
        setattr(copy, name, getattr(c, name))
    return copy


def command_rows(path: Path, *, before: Path | None = None) -> list[str]:
    """Markdown rows: ``meetgraph stats --json`` on ``path`` as a whole process.

    ``before`` is another checkout's ``src`` to run the same command from.
    """
    here = Path(__file__).resolve().parent.parent / "src"
    command = [sys.executable, "-m", "meetgraph", "stats", str(path), "--json"]
    rows = [
        "| dataset | code | CPU s | wall s | peak MB | status |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, source in (("this branch", here), ("before", before)):
        if source is None:
            continue
        environment = {"PYTHONPATH": str(source), "MEETGRAPH_MAX_FILE_BYTES": "200000000"}
        run = whole_process(command, env=environment)
        rows.append(
            f"| {path.name} | {name} | {run.cpu:.1f} | {run.wall:.1f} | {run.peak_mb:,.0f} | "
            f"{run.status} |"
        )
    return rows


def _seconds(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, help="keep built graphs in this folder")
    parser.add_argument("--before", default=_BEFORE, help="commit to compare (empty: none)")
    parser.add_argument("--before-limit", type=int, default=5000, help="actors, at most")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--command", action="store_true", help="also time stats --json")
    parser.add_argument("--before-src", type=Path, help="a checkout's src, for --command")
    arguments = parser.parse_args()
    lines = list(_HEADER)
    for path in arguments.datasets:
        graph = load_graph(path, arguments.cache)
        small = graph.number_of_nodes() <= arguments.before_limit
        found = kernel_rows(
            {path.name: graph},
            before=arguments.before if small else None,
            repeat=arguments.repeat,
        )
        lines += found[len(_HEADER) :]
        print("\n".join(found[len(_HEADER) :]), file=sys.stderr, flush=True)
        del graph  # the commands below need the memory (50,000 actors: 4 GB held here)
    print("\n".join(lines))
    if arguments.command:
        for path in arguments.datasets:
            small = path.stat().st_size < 20_000_000  # before did not finish at 50,000 actors
            found = command_rows(path, before=arguments.before_src if small else None)
            print("\n".join(found if path == arguments.datasets[0] else found[2:]), flush=True)
