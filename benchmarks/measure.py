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
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from meetgraph.serving import free_port, server_process, streamlit_command

__all__ = ["Run", "app_server", "synthetic", "whole_process"]

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


@contextmanager
def app_server(
    root: Path, data: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    """The explorer of ``root`` serving ``data`` as its only dataset; its address and PID.

    ``data`` is the only file of the app's data folder (``MEETGRAPH_DATA_DIR``),
    read under the file cap, never the upload cap; ``env`` adds to the server's
    environment.
    """
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="meetgraph-app-") as folder:
        (Path(folder) / data.name).symlink_to(data.resolve())
        env = {
            **os.environ,
            "PYTHONPATH": str(root / "src"),
            "MEETGRAPH_DATA_DIR": folder,
            "MEETGRAPH_MAX_FILE_BYTES": str(max(data.stat().st_size, 64 * 1024 * 1024)),
            **(env or {}),
        }
        command = streamlit_command(root / "streamlit_app.py", port)
        with server_process(command, port, cwd=Path(folder), log=log, env=env, timeout=120) as app:
            yield f"http://127.0.0.1:{port}", app.pid
