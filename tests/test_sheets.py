"""The tables of a dataset: their layout, the lossless round trip, and problems at cells."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from strategies import datasets

from meetgraph.errors import DatasetError
from meetgraph.examples import EXAMPLE_YAML
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.schema import Dataset
from meetgraph.settings import Settings
from meetgraph.sheets import EMPTY_LIST, TABLES, Table, dataset_tables, tables_dataset


def example() -> Dataset:
    return load_dataset_text(EXAMPLE_YAML, "example.yaml")


def test_bundled_dataset_round_trips() -> None:
    dataset = load_dataset(Settings().default_dataset)
    assert tables_dataset(dataset_tables(dataset), "seoul.xlsx") == dataset


@settings(max_examples=30, deadline=None)
@given(datasets())
def test_any_valid_dataset_round_trips(dataset: Dataset) -> None:
    assert tables_dataset(dataset_tables(dataset), "story.xlsx") == dataset


def test_tables_in_order_with_a_column_per_language() -> None:
    dataset = example().model_copy(update={"languages": ["ja", "en"]})
    tables = dataset_tables(dataset)
    assert list(tables) == list(TABLES)
    assert tables["sectors"].header == ["Id", "Label (ja)", "Label (en)", "Color"]
    assert tables["topics"].header == ["Meeting", "Topic (ja)", "Topic (en)"]
    assert tables["dataset"].rows == [["1", "example", None, "Example", None, None]]


def test_an_empty_list_that_is_not_the_default_is_written_as_brackets() -> None:
    text = EXAMPLE_YAML + (
        "expectations:\n"
        "  - {id: e, label: {en: E}, visitor: a, expected: {country: KR, sectors: [ai]},"
        " peers: {countries: [JP], sectors: [ai], statuses: []}}\n"
    )
    dataset = load_dataset_text(text, "x.yaml")
    tables = dataset_tables(dataset)
    row = dict(zip(tables["expectations"].header, tables["expectations"].rows[0], strict=True))
    assert (row["Peers statuses"], row["Expected types"]) == (EMPTY_LIST, None)
    assert tables_dataset(tables, "x.xlsx") == dataset


def _broken(change: str) -> dict[str, Table]:
    tables = dataset_tables(example())
    if change == "missing table":
        del tables["evidence"]
    elif change == "unknown column":
        tables["actors"].header.append("Colour")
    elif change == "both owners":
        tables["evidence"].rows[0][1] = "m1"
    elif change == "unknown meeting":
        tables["participants"].rows[2][0] = "m2"
    elif change == "empty participant":
        tables["participants"].rows[2][1] = None
    elif change == "two dataset rows":
        tables["dataset"].rows.append(["1", "again", "Again", None, None, None])
    elif change == "control character":
        tables["actors"].rows[0][1] = "A\x1b[31m"
    elif change == "columns in another order, a language undeclared":
        actors = tables["actors"]
        actors.header = [*reversed(actors.header[:3]), *actors.header[3:]]
        actors.header[0] = "Name (fr)"
        actors.rows = [[*reversed(row[:3]), *row[3:]] for row in actors.rows]
    return tables


BROKEN = {
    "missing table": ["story.xlsx: missing sheet 'evidence'"],
    "unknown column": ["story.xlsx:actors!K1: unknown column 'Colour'"],
    "both owners": [
        "story.xlsx:evidence!B2: name one meeting or expectation, not both",
        "story.xlsx:meetings!A2: evidence: required field is missing",
    ],
    "unknown meeting": ["story.xlsx:participants!A4: meeting: unknown meeting 'm2'"],
    "empty participant": ["story.xlsx:participants!B4: participants[2]: required field is missing"],
    "two dataset rows": ["story.xlsx:dataset!A3: the dataset sheet holds one row; this is another"],
    "control character": [
        "story.xlsx:actors!B2: name.en: holds the control character '\\x1b'; only text is allowed"
    ],
    "columns in another order, a language undeclared": [
        "story.xlsx:actors!A1: name.fr:"
        " language 'fr' is not one of the dataset's languages (en, ko)"
    ],
}


@pytest.mark.parametrize("change", BROKEN)
def test_broken_tables_name_their_cells(change: str) -> None:
    with pytest.raises(DatasetError) as caught:
        tables_dataset(_broken(change), "story.xlsx")
    assert str(caught.value).splitlines() == BROKEN[change]


def test_a_row_that_belongs_to_nothing_says_what_to_name() -> None:
    from meetgraph.examples import example_dataset
    from meetgraph.sheets import dataset_tables, tables_dataset

    tables = dataset_tables(example_dataset())
    tables["evidence"].rows[0][0] = None  # neither a meeting nor an expectation
    with pytest.raises(DatasetError) as refused:
        tables_dataset(tables, "story.xlsx")
    assert str(refused.value).splitlines() == [
        "story.xlsx:evidence!A2: meeting or expectation: name the meeting or expectation"
        " this row belongs to",
        "story.xlsx:meetings!A2: evidence: required field is missing",  # its only evidence
    ]
