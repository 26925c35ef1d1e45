"""Measuring whole commands as a user runs them: wall and CPU seconds, peak memory.

Shared by the benchmark's parts (``benchmarks/run.py`` and the scale
measurements beside it). A command is started by a small probe process of its
own, so that the peak resident size counted is the command's alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "synthetic", "whole_process"]

_PROBE = """\
import json, os, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, check=False)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_mb": usage.ru_maxrss / 1024, "status": done.returncode,
                  "stdout": done.stdout[-2000:].decode("utf-8", "replace"),
                  "stderr": done.stderr[-2000:].decode("utf-8", "replace")}))
"""


@dataclass(frozen=True)
class Run:
    """One whole command: wall and CPU (user + system) seconds, peak resident MB, exit status."""

    wall: float
    cpu: float
    peak_mb: float
    status: int
    stdout: str
    stderr: str


def whole_process(command: list[str], *, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end in a probe process of its own; what it cost.

    ``env`` adds to (or replaces in) this process's environment.
    """
    environment = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    return Run(**json.loads(result.stdout))


def synthetic(folder: Path, actors: int) -> Path:
    """The synthetic dataset of ``actors`` actors (ten meetings each, seed 0) in ``folder``.

    Written once by ``meetgraph synth`` as ``s<actors>.yaml``; the parts of the
    benchmark that share a folder share the file.
    """
    path = folder / f"s{actors}.yaml"
    if not path.exists():
        command = [sys.executable, "-m", "meetgraph", "synth", "--actors", str(actors)]
        command += ["--meetings", str(10 * actors), "--seed", "0", "-o", str(path)]
        subprocess.run(command, check=True, capture_output=True)
    return path
