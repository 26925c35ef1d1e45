"""The scale benchmark: each part run as a process of its own on the same synthetic files.

``make bench`` runs this after ``benchmarks/run.py``'s tables. It writes the
synthetic datasets once (``meetgraph synth``, ten meetings per actor, seed
0) into a temporary folder, then runs each part's script on them and prints
its Markdown table under a heading. Each part is a separate process so that
one part's memory does not count in another's peak, and each compares
against its reference in the same run (see each script's docstring):

- ``loading.py``: the strict load against libyaml's event floor and the
  naive ``CSafeLoader`` load; ``validate`` as whole processes;
- ``commands.py``: the issue's table, whole commands per size, cache off;
- ``cache.py``: a file's first load against its second;
- ``jsonload.py``: a JSON dataset against pydantic's ``model_validate_json``;
- ``kernels.py``: each measure against python-igraph called directly;
- ``exports.py``: GraphML, GEXF and HTML from a built graph, and whole commands;
- ``parquet.py``: ``validate`` of a Parquet folder against the YAML file;
- ``app_scale.py``: the explorer on 20,000 actors in Chromium.

    python benchmarks/scale.py [--sizes 5000,20000,50000] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import synthetic

HERE = Path(__file__).resolve().parent
_MAX_BYTES = str(512 * 1024 * 1024)


def part(title: str, script: str, *args: str) -> None:
    """Run one part's script and print its table under ``title`` (or why it failed)."""
    print(f"\n### {title}\n", flush=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    print(done.stdout.rstrip())
    if done.returncode:
        print(f"\n(failed with status {done.returncode}: {done.stderr.strip()[-600:]})")
    print(f"\n({time.perf_counter() - start:.0f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,50000", help="actor counts")
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    os.environ["MEETGRAPH_MAX_FILE_BYTES"] = _MAX_BYTES
    with tempfile.TemporaryDirectory(prefix="meetgraph-scale-") as scratch:
        folder = Path(scratch)
        files = {actors: str(synthetic(folder, actors)) for actors in sizes}
        small, large = files[min(sizes)], files[max(sizes)]
        part("Loading", "loading.py", "--sizes", options.sizes, "--data", scratch)
        part("Whole commands (cache off)", "commands.py", *map(str, sizes))
        part("The cache of validated datasets", "cache.py", "--commands", small, large)
        part("JSON datasets", "jsonload.py", small)
        part("Metrics against python-igraph", "kernels.py", small, large)
        part("Exports", "exports.py", small, large)
        part("Parquet folders", "parquet.py", small, large)
        if not options.no_browser and 20000 in files:
            part("The explorer at 20,000 actors (Chromium)", "app_scale.py", "--data", files[20000])


if __name__ == "__main__":
    main()
