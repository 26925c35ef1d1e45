"""The same input gives the same bytes: every export and JSON output, whatever the hash seed."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from meetgraph.export import FORMATS

# Run in a child process, so that PYTHONHASHSEED (read at start) orders its sets and dicts.
PROGRAM = """\
import hashlib, json, sys, tempfile
from pathlib import Path
from click.testing import CliRunner
from meetgraph.cli import cli

dataset, names, views = sys.argv[1], sys.argv[2].split(","), json.loads(sys.argv[3])
runner = CliRunner()
digests = {}
with tempfile.TemporaryDirectory() as folder:
    for name in names:
        result = runner.invoke(cli, ["export", dataset, "-o", f"{folder}/x.{name}"])
        assert result.exit_code == 0, result.output
        for path in sorted(Path(folder).iterdir()):
            digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
            path.unlink()
    for view in views:  # the view's options, as a page and a picture
        for name in ("html", "svg"):
            path = Path(folder) / f"x.{name}"
            result = runner.invoke(cli, ["export", dataset, *view, "-o", str(path)])
            assert result.exit_code == 0, result.output
            digests[" ".join([*view, path.name])] = hashlib.sha256(path.read_bytes()).hexdigest()
            path.unlink()
for command in (["missing", "--json"], ["compare", "--json"], ["stats", "--json"]):
    result = runner.invoke(cli, [command[0], dataset, *command[1:]])
    assert result.exit_code == 0, result.output
    digests[" ".join(command)] = hashlib.sha256(result.stdout.encode()).hexdigest()
print(json.dumps(digests))
"""


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    path = tmp_path_factory.mktemp("determinism") / "synthetic.yaml"
    template = load_dataset(Settings().default_dataset)
    path.write_text(synth_dataset_text(template, 1500, 6000, seed=1), encoding="utf-8")
    return path


#: Views of the synthetic dataset: a focus (a few actors of many), faded filters.
VIEWS = (["--actor", "a00000", "--radius", "1"], ["--fade", "--sector", "ai"])


def digests(dataset: Path, hash_seed: str, views: Sequence[list[str]] = ()) -> dict[str, str]:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    names = ",".join(f.name for f in FORMATS)
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(dataset), names, json.dumps(list(views))],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=True,
    )
    found: dict[str, str] = json.loads(result.stdout)
    return found


def test_outputs_are_identical_across_hash_seeds(synthetic: Path) -> None:
    first, second = digests(synthetic, "1", VIEWS), digests(synthetic, "3", VIEWS)
    assert set(first) >= {
        "x.html",
        "x.gexf",
        "x.graphml",
        "x.json",
        "x.nodes.csv",
        "missing --json",
        "--actor a00000 --radius 1 x.html",
        "--fade --sector ai x.svg",
    }
    assert {name: d for name, d in first.items() if second.get(name) != d} == {}


def test_the_bundled_dataset_exports_the_same_bytes_twice(tmp_path: Path) -> None:
    from meetgraph.settings import Settings

    bundled = Settings().default_dataset
    assert digests(bundled, "0") == digests(bundled, "0")
    assert hashlib.sha256(bundled.read_bytes()).hexdigest()  # the input itself is unchanged


# One meeting with two officials of a peer country: two peer edges tie on country and meeting.
TIE_YAML = """\
meetgraph: 1
dataset: {id: tie, title: {en: Tie}}
sectors: [{id: ai, label: {en: AI}}, {id: gov, label: {en: Government}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: en}]
actors:
  - {id: v, name: {en: Visitor}, type: person, sector: ai, country: US}
  - {id: pm, name: {en: PM}, type: person, sector: gov, country: JP}
  - {id: fm, name: {en: FM}, type: person, sector: gov, country: JP}
  - {id: min, name: {en: Minister}, type: person, sector: gov, country: KR}
meetings:
  - {id: tokyo, participants: [v, pm, fm], status: held, evidence: [{source: s, quote: q}]}
expectations:
  - {id: kr, label: {en: KR}, visitor: v, expected: {country: KR, sectors: [gov]},
     peers: {countries: [JP], sectors: [gov]}}
"""


def test_explanations_list_tied_peers_in_one_order(tmp_path: Path) -> None:
    path = tmp_path / "tie.yaml"
    path.write_text(TIE_YAML, encoding="utf-8")
    runs = [digests(path, seed) for seed in ("1", "2", "3", "4")]
    assert all(run == runs[0] for run in runs[1:])
