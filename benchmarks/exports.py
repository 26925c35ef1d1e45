"""Exports at scale: GraphML, GEXF and the HTML page, stage by stage and as whole commands.

For each dataset (by default ``meetgraph synth``'s 5,000 actors with 10
meetings each, written to a temporary folder) it builds the graph once (or
reads it from ``--cache DIR``, where a first run pickles it), computes the
drawing (the layout and the measures), then runs each export stage alone in
a forked child process and reports its CPU seconds (user + system) and the
peak resident memory of the child (``VmHWM``, reset when the stage starts)
and what the stage added to the built graph. In the same run, as the
reference, the writers meetgraph had before: networkx's GraphML and GEXF
writers over a flat copy of the graph (``tests/networkx_writers.py``) and
the page of every actor. Then it times the whole commands ``meetgraph
export FILE -o x.graphml|x.gexf|x.html`` as processes
(:func:`measure.whole_process`), this checkout against ``--before SRC``
(another checkout's ``src``) when given.

Above ``--all-measures-max`` actors the drawing computes only the measure
that sizes the actors (PageRank): closeness and betweenness of 50,000
actors are the metrics' own stage, not the exports'. The files then carry
one measure per actor instead of seven; the writers' work per actor
changes by six numbers.

Run: ``.venv/bin/python benchmarks/exports.py [DATASET.yaml ...] [--cache DIR]``.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import pickle
import resource
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from measure import whole_process

from meetgraph.drawing import Drawing, drawing_for
from meetgraph.export import ExportOptions, export_graph
from meetgraph.graph import build_graph
from meetgraph.graphxml import write_gexf, write_graphml
from meetgraph.loader import load_dataset
from meetgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# The writers before, kept in the tests to hold the streamed files to their bytes.
sys.path.insert(0, str(ROOT / "tests"))
networkx_writers = importlib.import_module("networkx_writers")

#: Files named on the command line may be this large here (the 50,000-actor file is 93 MB).
MAX_FILE_BYTES = 200_000_000
HEADER = [
    "| actors | meetings (edges) | stage | before: CPU s | after: CPU s | after: peak MB"
    " | after: added MB | file MB |",
    "|---:|---:|---|---:|---:|---:|---:|---:|",
]

Stage = Callable[[nx.MultiGraph, Drawing, Path], None]


def in_child(work: Callable[[], object]) -> dict[str, float]:
    """Run ``work`` in a forked child: its CPU seconds, its peak and added resident MB."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report through the pipe, leave at once
        os.close(read)
        status = 1
        try:
            Path("/proc/self/clear_refs").write_text("5")  # the peak starts from here
            start_mb = _status_mb("VmRSS")
            before = resource.getrusage(resource.RUSAGE_SELF)
            work()
            after = resource.getrusage(resource.RUSAGE_SELF)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            peak = _status_mb("VmHWM")
            report = {"cpu": cpu, "peak_mb": peak, "added_mb": peak - start_mb}
            os.write(write, json.dumps(report).encode())
            status = 0
        except BaseException:
            traceback.print_exc()
            raise
        finally:
            os._exit(status)  # never back into the parent's code
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        reported = pipe.read()
    os.waitpid(pid, 0)
    if not reported:
        raise RuntimeError("the stage failed in its process (its traceback is above)")
    result: dict[str, float] = json.loads(reported)
    return result


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def _bytes_to(write: Callable[[nx.MultiGraph, Drawing], bytes]) -> Stage:
    def stage(G: nx.MultiGraph, drawing: Drawing, path: Path) -> None:
        path.write_bytes(write(G, drawing))

    return stage


def _streamed(write: Callable[[nx.MultiGraph, Any, Drawing], None]) -> Stage:
    def stage(G: nx.MultiGraph, drawing: Drawing, path: Path) -> None:
        with path.open("wb") as file:
            write(G, file, drawing)

    return stage


def _page(*, every_actor: bool) -> Stage:
    def stage(G: nx.MultiGraph, drawing: Drawing, path: Path) -> None:
        options = ExportOptions(positions=drawing.positions, metrics=drawing.metrics)
        if every_actor:  # the page as it was: every actor drawn, whatever their number
            from meetgraph import render

            render.MAX_DRAWN_NODES = G.number_of_nodes()
        export_graph(G, path, options=options)

    return stage


#: Each stage: its name, the file it writes, and the writers before and after.
STAGES: list[tuple[str, str, Stage, Stage]] = [
    (
        "GraphML",
        "x.graphml",
        _bytes_to(networkx_writers.networkx_graphml_bytes),
        _streamed(write_graphml),
    ),
    ("GEXF", "x.gexf", _bytes_to(networkx_writers.networkx_gexf_bytes), _streamed(write_gexf)),
    ("HTML (top actors drawn)", "x.html", _page(every_actor=True), _page(every_actor=False)),
]


def built(
    dataset: Path, cache: Path | None, all_measures_max: int
) -> tuple[nx.MultiGraph, Drawing]:
    """The graph of ``dataset`` and its drawing, from ``cache`` when an earlier run left them."""
    pickled = cache / f"{dataset.stem}.pickle" if cache else None
    if pickled is not None and pickled.exists():
        with pickled.open("rb") as file:
            G, drawing = pickle.load(file)
        return G, drawing
    limits = Settings.from_env().with_max_file_bytes(MAX_FILE_BYTES).file_limits
    G = build_graph(load_dataset(dataset, limits=limits))
    drawing = drawing_for(G, all_measures=G.number_of_nodes() <= all_measures_max)
    if pickled is not None:
        pickled.parent.mkdir(parents=True, exist_ok=True)
        with pickled.open("wb") as file:
            pickle.dump((G, drawing), file, protocol=pickle.HIGHEST_PROTOCOL)
    return G, drawing


def stage_rows(
    dataset: Path, cache: Path | None, all_measures_max: int, before_max: int
) -> list[str]:
    """One row per export stage of ``dataset``: before and after, CPU and memory."""
    G, drawing = built(dataset, cache, all_measures_max)
    actors, edges = G.number_of_nodes(), G.number_of_edges()
    rows = []
    drawn = in_child(functools.partial(drawing_for, G, all_measures=actors <= all_measures_max))
    measures = "all measures" if actors <= all_measures_max else "PageRank only"
    rows.append(
        f"| {actors:,} | ({edges:,}) | drawing: layout + {measures} | | {drawn['cpu']:.2f}"
        f" | {drawn['peak_mb']:,.0f} | {drawn['added_mb']:,.0f} | |"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, file_name, before, after in STAGES:
            path = Path(folder) / file_name
            old = "not run"
            if actors <= before_max:
                old = f"{in_child(functools.partial(before, G, drawing, path))['cpu']:.2f}"
            new = in_child(functools.partial(after, G, drawing, path))
            size = path.stat().st_size / 1e6
            rows.append(
                f"| {actors:,} | ({edges:,}) | {name} | {old} | {new['cpu']:.2f}"
                f" | {new['peak_mb']:,.0f} | {new['added_mb']:,.0f} | {size:,.1f} |"
            )
    return rows


def command_rows(dataset: Path, before: Path | None) -> list[str]:
    """The whole ``meetgraph export`` commands, this checkout and ``before``'s."""
    rows = [
        "",
        "| dataset | command | before: CPU s | before: peak MB | after: CPU s | after: peak MB"
        " | file MB |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for suffix in ("graphml", "gexf", "html"):
            output = Path(folder) / f"x.{suffix}"
            command = [sys.executable, "-m", "meetgraph", "export", str(dataset), "-o", str(output)]
            cells = []
            for source in (before, ROOT / "src"):
                if source is None:
                    cells += ["", ""]
                    continue
                env = {"PYTHONPATH": str(source), "MEETGRAPH_MAX_FILE_BYTES": str(MAX_FILE_BYTES)}
                run = whole_process(command, env=env)
                if run.status != 0:
                    raise RuntimeError(f"{' '.join(command)}: {run.stderr}")
                cells += [f"{run.cpu:.2f}", f"{run.peak_mb:,.0f}"]
            size = output.stat().st_size / 1e6
            row = [dataset.name, f"export -o x.{suffix}", *cells, f"{size:,.1f}"]
            rows.append(f"| {' | '.join(row)} |")
    return rows


def export_rows(
    datasets: list[Path],
    *,
    cache: Path | None = None,
    before: Path | None = None,
    all_measures_max: int = 5000,
    before_max: int = 20000,
    commands_max_bytes: int = 20_000_000,
) -> list[str]:
    """The Markdown rows of the whole benchmark (see the module docstring)."""
    rows = list(HEADER)
    for dataset in datasets:
        rows += stage_rows(dataset, cache, all_measures_max, before_max)
    for dataset in datasets:
        if dataset.stat().st_size <= commands_max_bytes:
            rows += command_rows(dataset, before)
    return rows


def _synthetic(folder: Path) -> Path:
    from meetgraph.synth import synth_dataset_text

    template = load_dataset(Settings().default_dataset)
    path = folder / "s5000.yaml"
    path.write_text(synth_dataset_text(template, 5000, 50000, seed=1), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="*", type=Path)
    parser.add_argument("--cache", type=Path, help="a folder for the built graphs, kept")
    parser.add_argument("--before", type=Path, help="another checkout's src, for the commands")
    parser.add_argument("--all-measures-max", type=int, default=5000)
    parser.add_argument("--before-max", type=int, default=20000)
    parser.add_argument(
        "--commands-max-bytes", type=int, default=20_000_000, help="larger files: no commands"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        datasets = args.datasets or [_synthetic(Path(folder))]
        rows = export_rows(
            datasets,
            cache=args.cache,
            before=args.before,
            all_measures_max=args.all_measures_max,
            before_max=args.before_max,
            commands_max_bytes=args.commands_max_bytes,
        )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
