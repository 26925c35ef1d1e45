"""The cache of validated datasets: a file's first load against its second, in the same run.

In-process, one child process per file: a load without the cache (the
reference), the first load with an empty cache (which also stores the entry),
and the second (a hit). As whole commands (``validate``, ``stats --json``):
``--no-cache``, then the first and second run with an empty cache folder of
their own. CPU seconds (user + system) and peak resident MB; the ratios are of
CPU seconds measured in the same run.

Run ``python benchmarks/cache.py [FILE ...]`` (default: the 5,000-actor file
of the scale benchmarks); ``--commands`` adds the whole commands.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import Run, whole_process

__all__ = ["cache_rows"]

DEFAULT_FILES = (Path("/tmp/scale/s5000.yaml"),)
#: Larger than the command line's default cap: the scale files reach 93 MB.
MAX_FILE_BYTES = "200000000"
COMMANDS = (("validate",), ("stats", "--json"))

_IN_PROCESS = """\
import json, resource, sys
from pathlib import Path
from meetgraph.cache import DatasetCache
from meetgraph.datafiles import read_dataset
from meetgraph.settings import Settings

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

path = sys.argv[1]
limits = Settings.from_env().file_limits
cache = DatasetCache(Path(sys.argv[2]), max_bytes=2**40)
times = {}
for phase, used in (("no cache", None), ("first", cache), ("second", cache)):
    start = cpu()
    dataset = read_dataset(path, limits=limits, cache=used)
    times[phase] = cpu() - start
    del dataset
entry = sum(p.stat().st_size for p in cache.folder.glob("*.pickle"))
print(json.dumps({**times, "entry, MB": entry / 1e6}))
"""


def cache_rows(files: tuple[Path, ...] = DEFAULT_FILES, *, commands: bool = True) -> list[str]:
    """Markdown tables of first and second loads, in-process and (with ``commands``) whole."""
    rows = [
        "| file | MB | load | CPU s | second / this |",
        "|---|---:|---|---:|---:|",
    ]
    for path in files:
        times = _in_process(path)
        size = f"{path.stat().st_size / 1e6:.1f}"
        for phase in ("no cache", "first", "second"):
            ratio = f"{times['second'] / times[phase]:.1%}"
            rows.append(f"| {path.name} | {size} | {phase} | {times[phase]:.2f} | {ratio} |")
        rows.append(f"| {path.name} | {size} | entry, MB | {times['entry, MB']:.1f} | |")
    if commands:
        rows += ["", *_command_rows(files)]
    return rows


def _in_process(path: Path) -> dict[str, float]:
    """CPU seconds of each load of ``path``, and the entry's size, in a child process."""
    environment = {**os.environ, "MEETGRAPH_MAX_FILE_BYTES": MAX_FILE_BYTES}
    with tempfile.TemporaryDirectory() as folder:
        done = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS, str(path), folder],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
    measured: dict[str, float] = json.loads(done.stdout)
    return measured


def _command_rows(files: tuple[Path, ...]) -> list[str]:
    rows = [
        "| file | command | run | CPU s | peak MB | second / this |",
        "|---|---|---|---:|---:|---:|",
    ]
    for path in files:
        for command in COMMANDS:
            with tempfile.TemporaryDirectory() as folder:
                env = {"MEETGRAPH_CACHE_DIR": folder, "MEETGRAPH_MAX_FILE_BYTES": MAX_FILE_BYTES}
                runs = {
                    "no cache": _meetgraph(["--no-cache", *command, str(path)], env),
                    "first": _meetgraph([*command, str(path)], env),
                    "second": _meetgraph([*command, str(path)], env),
                }
            second = runs["second"].cpu
            shown = " ".join(command)
            for phase, run in runs.items():
                rows.append(
                    f"| {path.name} | `{shown}` | {phase} | {run.cpu:.2f} | {run.peak_mb:.0f}"
                    f" | {second / run.cpu:.1%} |"
                )
    return rows


def _meetgraph(arguments: list[str], env: dict[str, str]) -> Run:
    run = whole_process([sys.executable, "-m", "meetgraph", *arguments], env=env)
    if run.status != 0:
        raise RuntimeError(f"meetgraph {' '.join(arguments)} failed: {run.stderr}")
    return run


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--commands"]
    chosen = tuple(Path(a) for a in arguments) or DEFAULT_FILES
    print("\n".join(cache_rows(chosen, commands="--commands" in sys.argv[1:])))
