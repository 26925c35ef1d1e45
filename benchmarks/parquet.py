"""Reading a dataset from a Parquet folder against its YAML file, as whole commands.

For each size, a synthetic dataset is written as YAML (``meetgraph synth``)
and as a Parquet folder (``meetgraph export -o DIR --format parquet``), and
``meetgraph validate`` reads each: CPU seconds (user + system) and peak
resident MB, in the same run. Run it as ``python benchmarks/parquet.py
[YAML...]`` (given files are used as they are, else 5,000 and 50,000 actors
with 10 meetings each are generated in a temporary folder).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from measure import Run, whole_process

__all__ = ["parquet_rows"]

#: Actors of the generated datasets; each has ten meetings.
SIZES = (5_000, 50_000)
# The 50,000-actor YAML file is 93 MB, above the default cap of 64 MiB.
_ENV = {"MEETGRAPH_MAX_FILE_BYTES": "200000000"}
_MEETGRAPH = [sys.executable, "-m", "meetgraph"]


def _meetgraph(*args: str) -> Run:
    run = whole_process([*_MEETGRAPH, *args], env=_ENV)
    if run.status != 0:
        raise RuntimeError(f"meetgraph {' '.join(args)}: {run.stderr}")
    return run


def _size_mb(path: Path) -> float:
    files = path.iterdir() if path.is_dir() else [path]
    return sum(f.stat().st_size for f in files) / 1e6


def parquet_rows(yaml_files: Sequence[Path] = ()) -> list[str]:
    """Markdown table lines: validate from YAML and from Parquet, CPU s and peak MB."""
    rows = [
        "| actors | meetings | input | MB on disk | validate, CPU s | peak MB | YAML / Parquet |",
        "|---:|---:|---|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(prefix="meetgraph-bench-") as scratch:
        inputs = list(yaml_files)
        for actors in SIZES if not inputs else ():
            story = Path(scratch) / f"s{actors}.yaml"
            _meetgraph("synth", "--actors", str(actors), "--meetings", str(actors * 10),
                       "-o", str(story))  # fmt: skip
            inputs.append(story)
        for story in inputs:
            folder = Path(scratch) / f"{story.stem}-parquet"
            written = _meetgraph("export", str(story), "-o", str(folder), "--format", "parquet")
            from_yaml = _meetgraph("validate", str(story))
            from_parquet = _meetgraph("validate", str(folder))
            counts = re.search(r"\(([\d,]+) actors?, ([\d,]+) meetings?", from_yaml.stdout)
            assert counts is not None, from_yaml.stdout
            actors_text, meetings_text = counts.groups()
            ratio = from_yaml.cpu / from_parquet.cpu
            for name, path, run, shown_ratio in (
                ("YAML", story, from_yaml, ""),
                ("Parquet folder", folder, from_parquet, f"{ratio:.1f}x"),
            ):
                rows.append(
                    f"| {actors_text} | {meetings_text} | {name} | {_size_mb(path):.1f}"
                    f" | {run.cpu:.2f} | {run.peak_mb:.0f} | {shown_ratio} |"
                )
            rows.append(
                f"| {actors_text} | {meetings_text} | (writing the Parquet folder from YAML) |"
                f" | {written.cpu:.2f} | {written.peak_mb:.0f} | |"
            )
    return rows


if __name__ == "__main__":
    print("\n".join(parquet_rows([Path(arg) for arg in sys.argv[1:]])))
