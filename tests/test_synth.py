"""Synthetic datasets: valid, reproducible, and shaped like a tour."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from meetgraph.cli import cli
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.schema import Dataset
from meetgraph.settings import Settings
from meetgraph.synth import SynthError, synth_dataset_text


@pytest.fixture(scope="module")
def template() -> Dataset:
    return load_dataset(Settings().default_dataset)


@pytest.mark.parametrize(("actors", "meetings", "seed"), [(3, 0, 0), (40, 150, 2), (1200, 3000, 5)])
def test_valid_and_reproducible(template: Dataset, actors: int, meetings: int, seed: int) -> None:
    text = synth_dataset_text(template, actors, meetings, seed)
    dataset = load_dataset_text(text, "synth.yaml")
    assert (len(dataset.actors), len(dataset.meetings)) == (actors, meetings)
    assert text == synth_dataset_text(template, actors, meetings, seed)
    assert text != synth_dataset_text(template, actors, meetings, seed + 1)


def test_uses_the_template_vocabulary_and_derives_missing_edges(template: Dataset) -> None:
    dataset = load_dataset_text(synth_dataset_text(template, 2000, 20000, 1), "s.yaml")
    assert [s.id for s in dataset.sectors] == [s.id for s in template.sectors]
    assert {a.country for a in dataset.actors} <= {a.country for a in template.actors}
    assert len(dataset.expectations) == 4
    statuses = {m.status.value for m in dataset.meetings}
    assert statuses == {"held", "planned", "requested"}
    missing = [s for *_, s in build_graph(dataset).edges(data="status") if s == "missing"]
    assert missing


def test_refuses_impossible_sizes(template: Dataset) -> None:
    with pytest.raises(SynthError, match="--actors must be at least 3, not 2"):
        synth_dataset_text(template, 2, 10)


def test_cli_writes_a_file_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    runner = CliRunner()
    result = runner.invoke(cli, ["synth", "--actors", "50", "--meetings", "100", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"{out}: 50 actors, 100 meetings\n")
    checked = runner.invoke(cli, ["validate", str(out)])
    assert checked.exit_code == 0, checked.output
    assert list(tmp_path.iterdir()) == [out]


def test_cli_refuses_too_few_actors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["synth", "--actors", "1", "-o", str(tmp_path / "s.yaml")])
    assert result.exit_code == 2
    assert "1 is not in the range x>=3" in result.output
