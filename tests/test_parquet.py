"""The Parquet folder: lossless, read by every command, bad files refused at row and column."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from parquetfolders import rewrite, write_parquet_folder
from strategies import datasets

from meetgraph.cli import cli
from meetgraph.datafiles import read_dataset
from meetgraph.errors import DatasetError
from meetgraph.examples import EXAMPLE_YAML
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.parquet import parquet_directory_files, read_parquet_directory
from meetgraph.schema import Dataset
from meetgraph.settings import Settings
from meetgraph.workbook import csv_directory_files


def example() -> Dataset:
    return load_dataset_text(EXAMPLE_YAML, "example.yaml")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def problems(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        read_parquet_directory(folder)
    return [str(problem) for problem in caught.value.problems]


def test_bundled_dataset_round_trips_through_a_parquet_folder(tmp_path: Path) -> None:
    dataset = load_dataset(Settings().default_dataset)
    folder = write_parquet_folder(tmp_path / "seoul", dataset)
    assert sorted(p.name for p in folder.iterdir()) == sorted(parquet_directory_files(dataset))
    assert read_parquet_directory(folder) == dataset
    assert read_dataset(folder) == dataset


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(datasets())
def test_any_valid_dataset_round_trips_through_a_parquet_folder(
    tmp_path: Path, dataset: Dataset
) -> None:
    folder = write_parquet_folder(tmp_path / "story", dataset)
    assert read_parquet_directory(folder) == dataset


def test_the_same_dataset_gives_the_same_bytes() -> None:
    assert parquet_directory_files(example()) == parquet_directory_files(example())


def test_a_generated_dataset_gives_the_same_results_from_parquet_as_from_yaml(
    tmp_path: Path,
) -> None:
    story = tmp_path / "story.yaml"
    folder = tmp_path / "story"
    assert run("synth", "--actors", "60", "--meetings", "400", "-o", str(story))[0] == 0
    assert run("export", str(story), "-o", str(folder), "--format", "parquet") == (
        0,
        f"{folder}\n",
        "",
    )
    assert read_dataset(folder) == read_dataset(story)
    code, out, err = run("validate", str(story), str(folder))
    assert (code, err) == (0, "")
    yaml_line, parquet_line = out.splitlines()
    assert parquet_line == f"{folder}: " + yaml_line.removeprefix(f"{story}: ")
    assert run("stats", str(folder), "--json") == run("stats", str(story), "--json")
    from_yaml, from_parquet = tmp_path / "yaml.graphml", tmp_path / "parquet.graphml"
    assert run("export", str(story), "-o", str(from_yaml))[0] == 0
    assert run("export", str(folder), "-o", str(from_parquet))[0] == 0
    assert from_parquet.read_bytes() == from_yaml.read_bytes()
    again = tmp_path / "again"
    assert run("export", str(folder), "-o", str(again), "--format", "parquet")[0] == 0
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {
        p.name: p.read_bytes() for p in folder.iterdir()
    }


def test_a_bad_cell_is_named_by_its_file_row_and_column(tmp_path: Path) -> None:
    folder = write_parquet_folder(tmp_path / "story", example())
    rewrite(folder, "meetings", """* REPLACE ('3/1/2025' AS "Date")""")
    rewrite(folder, "participants", """* REPLACE (if("Actor" = 'c', 'z', "Actor") AS "Actor")""")
    assert problems(folder) == [
        f"{folder}/meetings.parquet:1:4: date: must be a date like 2025-02-04 (year-month-day),"
        " not '3/1/2025'",
        f"{folder}/participants.parquet:3:2: participants[2]: unknown actor 'z':"
        " check the spelling, or add that actor",
    ]


def test_dates_whole_numbers_and_empty_text_are_taken_as_cells(tmp_path: Path) -> None:
    folder = write_parquet_folder(tmp_path / "story", example())
    rewrite(
        folder,
        "meetings",
        """* REPLACE (CAST("Date" AS DATE) AS "Date", 2 AS "Order", '' AS "Note")""",
    )
    rewrite(
        folder, "dataset", """* REPLACE (CAST("Format version" AS TINYINT) AS "Format version")"""
    )
    dataset = read_parquet_directory(folder)
    assert dataset.meetings[0].order == 2
    assert dataset.model_copy(update={"meetings": example().meetings}) == example()


def test_a_column_of_another_type_is_refused_by_name(tmp_path: Path) -> None:
    folder = write_parquet_folder(tmp_path / "story", example())
    rewrite(
        folder, "meetings", """* REPLACE (CAST("Date" AS TIMESTAMP) AS "Date", 1.5 AS "Order")"""
    )
    rewrite(folder, "actors", """*, 3 AS "Colour" """)
    assert problems(folder) == [
        f"{folder}/meetings.parquet: the column 'Date' holds values of type TIMESTAMP:"
        " write it as DATE, or as text like 2025-02-04",
        f"{folder}/meetings.parquet: the column 'Order' holds values of type DECIMAL(2,1):"
        " write it as text (VARCHAR)",
    ]
    rewrite(
        folder, "meetings", """* REPLACE (CAST("Date" AS VARCHAR) AS "Date", NULL AS "Order")"""
    )
    assert problems(folder) == [f"{folder}/actors.parquet: unknown column 'Colour'"]


def test_missing_unknown_and_unreadable_files_are_named(tmp_path: Path) -> None:
    folder = write_parquet_folder(tmp_path / "story", example())
    (folder / "topics.parquet").unlink()
    (folder / "notes.parquet").write_bytes(b"")
    (folder / "notes.txt").write_text("ignored")
    found = problems(folder)
    assert found[0] == f"{folder}: missing file 'topics.parquet'"
    assert found[1].startswith(f"{folder}: unknown file 'notes.parquet' (the files are dataset")
    (folder / "notes.parquet").unlink()
    write_parquet_folder(folder, example())
    (folder / "actors.parquet").write_bytes(b"not parquet at all")
    assert problems(folder) == [f"{folder}/actors.parquet: not a Parquet file"]


def test_without_duckdb_the_extra_to_install_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_parquet_folder(tmp_path / "story", example())
    monkeypatch.setitem(sys.modules, "duckdb", None)  # import duckdb raises ImportError
    assert run("validate", str(folder)) == (
        1,
        "",
        f"{folder}: reading Parquet needs DuckDB: pip install 'meetgraph[parquet]'\n",
    )


def test_export_of_a_parquet_folder_holds_the_whole_dataset(tmp_path: Path) -> None:
    code, _, err = run(
        "export", "-o", str(tmp_path / "x"), "--format", "parquet", "--country", "KR"
    )
    assert (code, err) == (
        1,
        f"{tmp_path / 'x'}: a Parquet folder holds the whole dataset; drop the filters\n",
    )
    assert not (tmp_path / "x").exists()
    assert run("export", "-o", "-", "--format", "parquet")[2] == (
        "-o -: Parquet writes several files; name a folder\n"
    )


def test_every_command_reads_a_csv_folder_too(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, content in csv_directory_files(example()).items():
        (folder / name).write_bytes(content)
    assert run("validate", str(folder)) == (
        0,
        f"{folder}: ok (3 actors, 1 meeting, 0 missing edges)\n",
        "",
    )


def test_an_empty_folder_is_still_not_a_dataset(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path)) == (
        1,
        "",
        f"{tmp_path}:1:1: cannot read: a folder, not a file\n",
    )
