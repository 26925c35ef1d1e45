"""JSON datasets: meetgraph's strict load against pydantic's ``model_validate_json``, same run.

The YAML file of the given size is written as JSON (as ``meetgraph import -o x.json``
writes it), then each load is timed in CPU seconds (user + system, best of three) in
this process: pydantic's ``Dataset.model_validate_json`` on the bytes, with the
garbage collector on (as a caller gets it) and paused (as meetgraph's loader runs);
meetgraph's whole load; and its two parts, the fast parse and the validation of the
plain tree. The located parse, which runs only when a file has a problem, is timed
too. Whole commands (``meetgraph validate``) are timed as processes, with their
peak resident memory.

Run: ``PYTHONPATH=src python benchmarks/jsonload.py [YAML ...]`` (default
``/tmp/scale/s5000.yaml``).
"""

from __future__ import annotations

import resource
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from measure import whole_process

from meetgraph.bulk import collection_paused
from meetgraph.datafiles import read_dataset
from meetgraph.jsonload import (
    _parse_plain,
    _validate_plain,
    dataset_json,
    load_dataset_json,
    parse_json,
)
from meetgraph.schema import Dataset
from meetgraph.settings import Limits

LIMITS = Limits(max_bytes=200_000_000)
DEFAULT = "/tmp/scale/s5000.yaml"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _best(work: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = _cpu()
        result = work()
        best = min(best, _cpu() - start)
    return best, result


def _paused(work: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with collection_paused():
            return work()

    return run


def rows(yaml_paths: list[str]) -> list[str]:
    """Markdown table lines: each load's CPU seconds and its ratio to pydantic's (GC paused)."""
    lines = [
        "| file | MB | load | CPU s | / pydantic (GC paused) |",
        "|---|---:|---|---:|---:|",
    ]
    for yaml_path in yaml_paths:
        with tempfile.TemporaryDirectory() as folder:
            lines.extend(_file_rows(yaml_path, Path(folder)))
    return lines


def _file_rows(yaml_path: str, folder: Path) -> list[str]:
    dataset = read_dataset(yaml_path, limits=LIMITS)
    json_path = folder / (Path(yaml_path).stem + ".json")
    json_path.write_text(dataset_json(dataset), encoding="utf-8")
    data = json_path.read_bytes()
    text = data.decode("utf-8")
    reference, pydantic_dataset = _best(_paused(lambda: Dataset.model_validate_json(data)))
    gc_on, _ = _best(lambda: Dataset.model_validate_json(data))
    ours, loaded = _best(lambda: load_dataset_json(data, "x.json", limits=LIMITS))
    assert loaded == pydantic_dataset == dataset, "the loads disagree"
    parse, plain = _best(_paused(lambda: _parse_plain(text)))
    validate, _ = _best(_paused(lambda: _validate_plain(plain, limits=LIMITS)))
    located, _ = _best(_paused(lambda: parse_json(text, "x.json", limits=LIMITS)), 1)
    command = [sys.executable, "-m", "meetgraph", "--max-bytes", str(LIMITS.max_bytes)]
    validate_json = whole_process([*command, "validate", str(json_path)])
    validate_yaml = whole_process([*command, "validate", yaml_path])
    where = f"| {json_path.name} | {len(data) / 1e6:.1f} |"
    measured = [
        ("pydantic `model_validate_json`, GC paused (reference)", reference),
        ("pydantic `model_validate_json`, GC on", gc_on),
        ("meetgraph `load_dataset_json`", ours),
        ("  of which the fast parse (`json.loads` + hook)", parse),
        ("  of which `_validate_plain` (`loader.validate_plain`)", validate),
        ("located parse (only for a file with problems)", located),
    ]
    lines = [f"{where} {label} | {cpu:.3f} | {cpu / reference:.2f}x |" for label, cpu in measured]
    for label, run in (("JSON", validate_json), ("YAML", validate_yaml)):
        lines.append(
            f"{where} `meetgraph validate` of the {label}, whole process"
            f" ({run.peak_mb:.0f} MB peak) | {run.cpu:.3f} | |"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(rows(sys.argv[1:] or [DEFAULT])))
