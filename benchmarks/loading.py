"""Loading speed and memory: meetgraph's strict load against libyaml's floor; ``validate`` at scale.

Run with ``.venv/bin/python benchmarks/loading.py`` (``--help`` for the
sizes). In one process, on the 5,000-actor synthetic dataset (50,000
meetings, about 9 MB), it measures CPU seconds (user + system), the lowest of
``--repeat`` runs, of:

- the floor: libyaml's event stream alone, every event made and dropped
  (``CSafeLoader``'s ``check_event``/``get_event``), nothing built;
- meetgraph's load (:func:`meetgraph.loader.load_dataset_text`: parse,
  integrity and schema), as a ratio to the floor;
- the naive load a user with libyaml gets, ``yaml.load(text,
  Loader=yaml.CSafeLoader)`` (dicts, YAML 1.1 types, nothing checked);
- rapidyaml's parse into its own tree (``ryml.parse_in_arena``), when the
  ``rapidyaml`` package is installed (it is not a dependency).

Then it runs ``meetgraph validate`` as whole processes
(:func:`measure.whole_process`) on datasets of 5,000, 20,000 and 50,000 actors
(ten meetings per actor), each written once by ``meetgraph synth`` into a
temporary folder: CPU seconds and peak resident MB.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from measure import synthetic, whole_process

from meetgraph.loader import load_dataset_text

__all__ = ["floor_seconds", "in_process_rows", "validate_rows"]

# The CLI's default size cap refuses the largest files; the benchmark lifts it.
_MAX_BYTES = "400000000"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _lowest(work: Callable[[], Any], repeat: int) -> float:
    """The lowest CPU seconds of ``repeat`` runs; what they build is freed outside the timing."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = _cpu()
        result = work()
        best = min(best, _cpu() - start)
        del result
    return best


def floor_seconds(text: str) -> None:
    """libyaml's events for ``text``, each made and dropped."""
    parser = yaml.CSafeLoader(text)
    try:
        while parser.check_event():
            parser.get_event()
    finally:
        parser.dispose()


def _ryml_parse(data: bytes) -> Any:
    ryml = importlib.import_module("ryml")  # optional: measured only where installed
    return ryml.parse_in_arena(data)


def in_process_rows(text: str, repeat: int = 3) -> list[str]:
    """Markdown rows: the floor, our load, the naive load (and rapidyaml's parse), in one run."""
    floor = _lowest(lambda: floor_seconds(text), repeat)
    ours = _lowest(lambda: load_dataset_text(text, "bench.yaml"), repeat)
    naive = _lowest(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat)
    rows = [
        "| in-process, 5,000 actors | CPU s | / event floor |",
        "|---|---:|---:|",
        f"| libyaml event floor | {floor:.2f} | 1.00x |",
        f"| meetgraph load (parse + integrity + schema) | {ours:.2f} | {ours / floor:.2f}x |",
        f"| naive `yaml.load`, CSafeLoader, unchecked | {naive:.2f} | {naive / floor:.2f}x |",
    ]
    if importlib.util.find_spec("ryml") is not None:
        data = text.encode("utf-8")
        parsed = _lowest(lambda: _ryml_parse(data), repeat)
        rows.append(f"| rapidyaml parse, its tree only | {parsed:.2f} | {parsed / floor:.2f}x |")
    return rows


def validate_rows(folder: Path, sizes: list[int]) -> list[str]:
    """Markdown rows: ``meetgraph validate`` as a whole process, per size."""
    rows = [
        "| `meetgraph validate`, whole process | MB | CPU s | peak resident MB | exit |",
        "|---|---:|---:|---:|---:|",
    ]
    for actors in sizes:
        path = synthetic(folder, actors)
        run = whole_process(
            [sys.executable, "-m", "meetgraph", "validate", str(path)],
            env={"MEETGRAPH_MAX_FILE_BYTES": _MAX_BYTES},
        )
        megabytes = path.stat().st_size / 1e6
        rows.append(
            f"| {actors:,} actors, {10 * actors:,} meetings | {megabytes:.0f} | {run.cpu:.1f} "
            f"| {run.peak_mb:,.0f} | {run.status} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,50000", help="actor counts for validate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, help="a folder of sN.yaml files to reuse or write")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="meetgraph-loading-") as scratch:
        folder = options.data or Path(scratch)
        five = synthetic(folder, 5000).read_text(encoding="utf-8")
        print("\n".join(in_process_rows(five, options.repeat)))
        print()
        sizes = [int(size) for size in options.sizes.split(",")]
        print("\n".join(validate_rows(folder, sizes)))


if __name__ == "__main__":
    main()
