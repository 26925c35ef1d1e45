"""The workbook and the CSV folder: lossless, the same bytes each time, bad files refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from strategies import datasets

from meetgraph.errors import DatasetError
from meetgraph.examples import EXAMPLE_YAML
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.schema import Dataset
from meetgraph.settings import Limits, Settings
from meetgraph.workbook import (
    csv_directory_files,
    read_csv_directory,
    read_workbook,
    workbook_bytes,
)


def example() -> Dataset:
    return load_dataset_text(EXAMPLE_YAML, "example.yaml")


def write_csv_folder(folder: Path, dataset: Dataset) -> Path:
    folder.mkdir(exist_ok=True)
    for name, content in csv_directory_files(dataset).items():
        (folder / name).write_bytes(content)
    return folder


def test_bundled_dataset_round_trips_through_a_workbook_file(tmp_path: Path) -> None:
    dataset = load_dataset(Settings().default_dataset)
    book = tmp_path / "seoul.xlsx"
    book.write_bytes(workbook_bytes(dataset))
    assert read_workbook(book) == dataset


def test_bundled_dataset_round_trips_through_a_csv_folder(tmp_path: Path) -> None:
    dataset = load_dataset(Settings().default_dataset)
    assert read_csv_directory(write_csv_folder(tmp_path / "seoul", dataset)) == dataset


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_any_valid_dataset_round_trips_through_a_workbook(dataset: Dataset) -> None:
    assert read_workbook(workbook_bytes(dataset), "story.xlsx") == dataset


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(datasets())
def test_any_valid_dataset_round_trips_through_csv(tmp_path: Path, dataset: Dataset) -> None:
    folder = write_csv_folder(tmp_path / "story", dataset)
    assert read_csv_directory(folder) == dataset


def test_the_same_dataset_gives_the_same_bytes() -> None:
    dataset = load_dataset(Settings().default_dataset)
    assert workbook_bytes(dataset) == workbook_bytes(dataset)
    assert csv_directory_files(dataset) == csv_directory_files(dataset)


def test_text_that_looks_like_a_formula_stays_text() -> None:
    texts = {"en": '=HYPERLINK("http://x")', "ko": "+82"}
    actor = example().actors[0].model_copy(update={"name": texts, "note": "@SUM(A1)"})
    dataset = example().model_copy(update={"actors": [actor, *example().actors[1:]]})
    content = workbook_bytes(dataset)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert {c.data_type for c in cells if c.value is not None} == {"s"}
    assert book["actors"]["B2"].value == '=HYPERLINK("http://x")'
    assert read_workbook(content, "x.xlsx") == dataset
    csv_text = csv_directory_files(dataset)["actors.csv"].decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+82" in csv_text and "'@SUM(A1)" in csv_text


def test_header_bold_and_frozen_columns_sized() -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(example())))
    assert book.sheetnames[:3] == ["dataset", "languages", "sectors"]
    actors = book["actors"]
    assert actors.freeze_panes == "A2" and actors["A1"].font.b and not actors["A2"].font.b
    assert all(8 <= actors.column_dimensions[c].width <= 60 for c in "ABCDEFGHIJ")


def _edit(change: Callable[[Any], None]) -> Callable[[Path], None]:
    """A breakage: the example's workbook, changed with openpyxl and saved."""

    def write(path: Path) -> None:
        book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(example())))
        change(book)
        book.save(path)

    return write


def _set(sheet: str, cell: str, value: Any) -> Callable[[Any], None]:
    def change(book: Any) -> None:
        book[sheet][cell].value = value

    return change


# How a workbook is broken, and every line of the error it must give.
BROKEN: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "missing sheet": (
        _edit(lambda book: book.remove(book["topics"])),
        ["story.xlsx: missing sheet 'topics'"],
    ),
    "unknown sheet": (
        _edit(lambda book: book.create_sheet("Notes")),
        [
            "story.xlsx: unknown sheet 'Notes' (the sheets are dataset, languages, sectors,"
            " sources, authors, actors, meetings, participants, topics, evidence, expectations)"
        ],
    ),
    "unknown actor in a participants cell": (
        _edit(_set("participants", "B3", "nobody")),
        [
            "story.xlsx:participants!B3: participants[1]: unknown actor"
            " 'nobody': check the spelling, or add that actor"
        ],
    ),
    "a date typed as a number": (
        _edit(_set("meetings", "D2", 45692)),
        [
            "story.xlsx:meetings!D2: date: must be a date like 2025-02-04, not 45692"
            " (a number: format the cell as text)"
        ],
    ),
    "a date and time in a date column": (
        _edit(_set("meetings", "D2", dt.datetime(2025, 2, 4, 9, 30))),
        [
            "story.xlsx:meetings!D2: date: must be a date like 2025-02-04,"
            " not a date and time (2025-02-04 09:30:00)"
        ],
    ),
    "a formula": (
        _edit(_set("actors", "B2", '=UPPER("a")')),
        ["story.xlsx:actors!B2: name.en: is a formula; type the value itself"],
    ),
    "merged cells": (
        _edit(lambda book: book["actors"].merge_cells("F2:F3")),
        ["story.xlsx:actors!F2: cells F2:F3 are merged; unmerge them"],
    ),
    "an empty required cell": (
        _edit(_set("actors", "D3", None)),
        ["story.xlsx:actors!D3: type: required field is missing"],
    ),
    "an unknown column header": (
        _edit(_set("actors", "K1", "Colour")),
        ["story.xlsx:actors!K1: unknown column 'Colour'"],
    ),
    "TRUE in a text cell": (
        _edit(_set("actors", "J2", True)),
        ["story.xlsx:actors!J2: note: is TRUE, not text: format the cell as text"],
    ),
    "a number with a fraction in a text cell": (
        _edit(_set("meetings", "E2", 1.5)),
        ["story.xlsx:meetings!E2: order: is the number 1.5: format the cell as text and type it"],
    ),
    "not an xlsx file": (
        lambda path: path.write_bytes(b"meetgraph: 1\n"),
        ["story.xlsx: not an Excel workbook (.xlsx)"],
    ),
    "a zip but not a workbook": (
        lambda path: zipfile.ZipFile(path, "w").close(),
        ["story.xlsx: not an Excel workbook (.xlsx)"],
    ),
}


@pytest.mark.parametrize("breakage", BROKEN)
def test_a_broken_workbook_is_refused_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breakage: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write, expected = BROKEN[breakage]
    write(tmp_path / "story.xlsx")
    with pytest.raises(DatasetError) as caught:
        read_workbook("story.xlsx")
    assert str(caught.value).splitlines() == expected


def test_a_workbook_over_the_size_limit_is_refused_before_it_is_opened() -> None:
    content = workbook_bytes(example())
    with pytest.raises(DatasetError) as caught:
        read_workbook(content, "big.xlsx", limits=Limits(max_bytes=len(content) - 1))
    assert str(caught.value) == f"big.xlsx: larger than the limit of {len(content) - 1:,} bytes"
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())
    with pytest.raises(DatasetError) as caught:
        read_workbook(content, "big.xlsx", limits=Limits(max_bytes=unpacked - 1))
    assert (
        str(caught.value) == f"big.xlsx: unpacks to more than the limit of {unpacked - 1:,} bytes"
    )


def test_a_far_away_cell_does_not_make_the_reader_walk_the_sheet(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(example())))
    book["actors"]["XFD1048576"].value = "far"
    book.save(tmp_path / "far.xlsx")
    with pytest.raises(DatasetError) as caught:
        read_workbook(tmp_path / "far.xlsx", "far.xlsx")
    assert str(caught.value) == (
        "far.xlsx:actors!XFD1048576: this cell is beyond the last column with a header"
    )


def test_spreadsheet_types_that_say_the_same_are_accepted(tmp_path: Path) -> None:
    """A real date in a date column, whole numbers in text columns, a time of day."""
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(example())))
    book["meetings"]["D2"].value = dt.datetime(2025, 2, 4)
    book["meetings"]["E2"].value = 3.0
    book["meetings"]["F2"].value = dt.time(9, 5)
    book["sectors"]["A2"].value = 2025
    for cell in ("E2", "E3", "E4"):
        book["actors"][cell].value = 2025
    book.save(tmp_path / "typed.xlsx")
    dataset = read_workbook(tmp_path / "typed.xlsx")
    meeting = dataset.meetings[0]
    assert (meeting.date, meeting.order, meeting.time) == (dt.date(2025, 2, 4), 3, "09:05")
    assert dataset.sectors[0].id == "2025" and {a.sector for a in dataset.actors} == {"2025"}


def test_csv_folder_problems_name_file_line_and_column(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "story", example())
    meetings = folder / "meetings.csv"
    meetings.write_text(
        meetings.read_text(encoding="utf-8-sig").replace("2025-02-04", "2/4"), encoding="utf-8-sig"
    )
    participants = folder / "participants.csv"
    participants.write_text(
        participants.read_text(encoding="utf-8-sig").replace("m1,b", "m1,nobody"),
        encoding="utf-8-sig",
    )
    with pytest.raises(DatasetError) as caught:
        read_csv_directory(folder)
    assert str(caught.value).splitlines() == [
        f"{folder}/meetings.csv:2:4: date: must be a date like 2025-02-04"
        " (year-month-day), not '2/4'",
        f"{folder}/participants.csv:3:2: participants[1]: unknown actor"
        " 'nobody': check the spelling, or add that actor",
    ]


def test_csv_folder_missing_and_unknown_files(tmp_path: Path) -> None:
    folder = write_csv_folder(tmp_path / "story", example())
    (folder / "topics.csv").unlink()
    (folder / "notes.csv").write_text("x\n", encoding="utf-8")
    (folder / "README.txt").write_text("ignored\n", encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        read_csv_directory(folder)
    assert str(caught.value).splitlines() == [
        f"{folder}: missing file 'topics.csv'",
        f"{folder}: unknown file 'notes.csv' (the files are dataset.csv, languages.csv,"
        " sectors.csv, sources.csv, authors.csv, actors.csv, meetings.csv, participants.csv,"
        " topics.csv, evidence.csv, expectations.csv)",
    ]
