"""The YAML meetgraph writes: canonical when new, and a file's own text where it is rewritten."""

from __future__ import annotations

import difflib

import pytest
import yaml

from meetgraph.loader import load_dataset_text
from meetgraph.schema import Dataset
from meetgraph.settings import Settings
from meetgraph.yamlout import dataset_yaml


@pytest.fixture(scope="module")
def seoul_text() -> str:
    return Settings().default_dataset.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seoul(seoul_text: str) -> Dataset:
    return load_dataset_text(seoul_text, "seoul.yaml")


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="")
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def test_canonical_text_loads_back_equal_in_block_style(seoul: Dataset) -> None:
    text = dataset_yaml(seoul)
    assert load_dataset_text(text, "again.yaml") == seoul
    assert text.startswith(
        "meetgraph: 1\nlanguages:\n- en\n- ko\ndataset:\n  id: altman-seoul-2025\n"
    )
    assert not [line for line in text.splitlines() if line.rstrip() != line]
    # Block style: no flow mapping or list opens after a key or a dash.
    assert not [
        line
        for line in text.splitlines()
        if line.rstrip().endswith(("{", "[")) or ": {" in line or ": [" in line
    ]
    assert dataset_yaml(seoul) == text  # the same text every time


def test_defaults_are_left_out(seoul: Dataset) -> None:
    text = dataset_yaml(seoul)
    assert "kind: meeting" not in text  # the default kind
    assert "kind: workshop" in text
    expectations = text.split("\nexpectations:\n")[1]
    assert "satisfied_by" not in expectations  # [held, planned], the default


def test_text_a_yaml_1_1_reader_would_misread_is_quoted(seoul: Dataset) -> None:
    tricky = ["no", "on", "010", "12:30", "2025-02-04", "~", "null", "1e3", "yes"]
    actors = [
        actor.model_copy(update={"role": {"en": text}})
        for actor, text in zip(seoul.actors, tricky, strict=False)
    ]
    edited = seoul.model_copy(update={"actors": actors + list(seoul.actors[len(tricky) :])})
    text = dataset_yaml(edited)
    plain = yaml.safe_load(text)  # PyYAML reads YAML 1.1
    roles = [actor["role"]["en"] for actor in plain["actors"][: len(tricky)]]
    assert roles == tricky
    assert load_dataset_text(text, "tricky.yaml") == edited


def test_text_over_several_lines_is_a_literal_block(seoul: Dataset) -> None:
    note = "First line.\nSecond line: with a colon."
    actors = [seoul.actors[0].model_copy(update={"note": note}), *seoul.actors[1:]]
    edited = seoul.model_copy(update={"actors": actors})
    text = dataset_yaml(edited)
    assert "  note: |-\n    First line.\n    Second line: with a colon.\n" in text
    assert load_dataset_text(text, "note.yaml") == edited


def test_an_unchanged_file_is_rewritten_byte_for_byte(seoul: Dataset, seoul_text: str) -> None:
    assert dataset_yaml(seoul, seoul_text) == seoul_text


def test_an_edit_changes_only_its_own_line_and_keeps_comments(
    seoul: Dataset, seoul_text: str
) -> None:
    altman = seoul.actors[0].model_copy(update={"name": {"en": "S. Altman", "ko": "샘 올트먼"}})
    edited = seoul.model_copy(update={"actors": [altman, *seoul.actors[1:]]})
    text = dataset_yaml(edited, seoul_text)
    assert _changed_lines(seoul_text, text) == [
        "-    name: {en: Sam Altman, ko: 샘 올트먼}",
        "+    name: {en: S. Altman, ko: 샘 올트먼}",
    ]
    assert load_dataset_text(text, "edited.yaml") == edited


def test_items_removed_and_added_by_id(seoul: Dataset, seoul_text: str) -> None:
    dropped = seoul.meetings[-1]
    added = seoul.meetings[0].model_copy(update={"id": "altman-sk-group-again", "order": None})
    edited = seoul.model_copy(update={"meetings": [*seoul.meetings[:-1], added]})
    text = dataset_yaml(edited, seoul_text)
    assert load_dataset_text(text, "edited.yaml") == edited
    assert f"- id: {dropped.id}\n" not in text
    assert "# The visitor" in text and "# Elsewhere on the tour" in text
    removed = [line for line in _changed_lines(seoul_text, text) if line.startswith("-")]
    assert all(dropped.id in seoul_text for _ in removed)
    assert len(removed) < 15  # the dropped meeting's lines, nothing else of the file
