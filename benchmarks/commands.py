"""The issue's table, measured again: whole commands on synthetic datasets of each size.

For each size it writes a synthetic dataset (``meetgraph synth``, 10 meetings
per actor), then runs ``validate``, ``stats --json``, ``export -o x.html``
and ``export -o x.graphml`` as whole processes, start-up included, with the
dataset cache off (every run is a first load), and prints CPU seconds
(user + system) and the peak resident memory of each.

Run on its own: ``python benchmarks/commands.py 5000 20000 50000``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from measure import Run, whole_process

__all__ = ["COMMANDS", "command_rows"]

#: Each measured command, as the arguments after ``meetgraph`` (``{data}``, ``{out}`` filled in).
COMMANDS = {
    "validate": ["validate", "{data}"],
    "stats --json": ["stats", "--json", "{data}"],
    "export html": ["export", "{data}", "-o", "{out}/x.html"],
    "export graphml": ["export", "{data}", "-o", "{out}/x.graphml"],
}
#: Room for the largest synthetic file (93 MB at 50,000 actors), above the 64 MiB default.
_ENV = {"MEETGRAPH_MAX_FILE_BYTES": str(512 * 1024 * 1024), "MEETGRAPH_CACHE": "off"}


def _meetgraph(args: list[str], data: Path, out: Path) -> list[str]:
    filled = [a.format(data=data, out=out) for a in args]
    return [sys.executable, "-m", "meetgraph", *filled]


def command_rows(sizes: list[int]) -> list[str]:
    """Markdown rows: per size, each command's CPU seconds, and the largest peak memory."""
    header = " | ".join(COMMANDS)
    rows = [
        f"| actors / meetings | {header} | peak resident MB (largest) |",
        "|---:|" + "---:|" * (len(COMMANDS) + 1),
    ]
    with tempfile.TemporaryDirectory(prefix="meetgraph-commands-") as folder:
        out = Path(folder)
        for actors in sizes:
            data = out / f"synth-{actors}.yaml"
            made = whole_process(
                [
                    sys.executable,
                    "-m",
                    "meetgraph",
                    "synth",
                    "--actors",
                    str(actors),
                    "--meetings",
                    str(10 * actors),
                    "-o",
                    str(data),
                ],
                env=_ENV,
            )
            if made.status:
                raise SystemExit(f"synth failed: {made.stderr}")
            runs: dict[str, Run] = {
                name: whole_process(_meetgraph(args, data, out), env=_ENV)
                for name, args in COMMANDS.items()
            }
            cells = [
                f"{run.cpu:.1f} s" if run.status == 0 else f"failed ({run.status})"
                for run in runs.values()
            ]
            peak = max(run.peak_mb for run in runs.values())
            rows.append(f"| {actors:,} / {10 * actors:,} | {' | '.join(cells)} | {peak:,.0f} |")
            data.unlink()
    return rows


if __name__ == "__main__":
    chosen = [int(a) for a in sys.argv[1:]] or [1000, 5000]
    print("\n".join(command_rows(chosen)))
