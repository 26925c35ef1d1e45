"""Editing a dataset as tables: the changes an editor reports, checked like a file."""

from __future__ import annotations

import math

import pytest

from meetgraph.editing import (
    EDITED_TABLES,
    apply_changes,
    column_choices,
    edit,
    edited_dataset,
    start_tables,
    table_records,
)
from meetgraph.settings import Settings
from meetgraph.sheets import TABLES, Table


@pytest.fixture(scope="module")
def seoul_bytes() -> bytes:
    return Settings().default_dataset.read_bytes()


def test_every_table_is_edited_once() -> None:
    assert sorted(EDITED_TABLES) == sorted(TABLES)


def test_changes_edit_add_and_delete_rows() -> None:
    table = Table(["Id", "Order"], [["a", "1"], ["b", None], ["c", "3"]])
    changes = {
        "edited_rows": {"0": {"Order": 2.0}, 2: {"Id": "  "}, 9: {"Id": "out of range"}},
        "added_rows": [{"Id": "d", "Order": math.nan}, {"Order": 5}],
        "deleted_rows": [1],
    }
    assert apply_changes(table, changes).rows == [
        ["a", "2"],
        [None, "3"],
        ["d", None],
        [None, "5"],
    ]
    assert apply_changes(table, None).rows == table.rows
    assert table_records(table)[1] == {"Id": "b", "Order": None}


def test_an_unchanged_edit_gives_back_the_file_byte_for_byte(seoul_bytes: bytes) -> None:
    tables = start_tables(seoul_bytes, "seoul.yaml")
    result = edit(tables, {}, seoul_bytes, "seoul.yaml")
    assert result.text == seoul_bytes
    assert result.result.problems == ()


def test_a_deleted_actor_still_in_a_meeting_is_refused_at_its_rows(seoul_bytes: bytes) -> None:
    tables = start_tables(seoul_bytes, "seoul.yaml")
    kakao = [row[0] for row in tables["actors"].rows].index("chung-shin-a")
    result = edit(tables, {"actors": {"deleted_rows": [kakao]}}, seoul_bytes, "seoul.yaml")
    assert result.text is None
    assert [str(p) for p in result.result.problems] == [
        "Participants, row 9, Actor: unknown actor 'chung-shin-a': check"
        " the spelling, or add that actor"
    ]


def test_pick_lists_offer_the_ids_the_tables_hold_now(seoul_bytes: bytes) -> None:
    tables = start_tables(seoul_bytes, "seoul.yaml")
    added = {"added_rows": [{"Id": "new-one", "Name (en)": "New", "Type": "person"}]}
    tables["actors"] = apply_changes(tables["actors"], added)
    participants = column_choices(tables, "participants", ["en", "ko"])
    assert participants["Actor"][-1] == "new-one"
    assert "altman-ishiba" in participants["Meeting"]
    actors = column_choices(tables, "actors", ["en", "ko"])
    assert actors["Type"] == ["person", "organization", "group", "government_body"]
    assert "government" in actors["Sector"] and "KR" in actors["Country"]
    assert "new-one" in actors["Affiliation"]
    assert "Name (en)" not in actors and "Note" not in actors
    meetings = column_choices(tables, "meetings", ["en", "ko"])
    assert meetings["Status"] == ["held", "planned", "requested"]
    assert column_choices(tables, "evidence", ["en", "ko"])["Source"] == ["mt-2025-02-04"]


def test_problems_of_the_whole_dataset_have_no_row() -> None:
    tables = start_tables(Settings().default_dataset.read_bytes(), "seoul.yaml")
    tables["sources"] = Table(tables["sources"].header, [])
    problems = edited_dataset(tables, "seoul.yaml").problems
    assert problems and all(p.table for p in problems)
