"""The format reference in words: generated from the schema, committed as docs/format.md."""

from __future__ import annotations

from pathlib import Path

from meetgraph.loader import load_dataset
from meetgraph.reference import format_reference
from meetgraph.schema import (
    Actor,
    ActorSelector,
    Dataset,
    DatasetInfo,
    Evidence,
    Expectation,
    Meeting,
    PeerSelector,
    Sector,
    Source,
)
from meetgraph.settings import Settings

PARTS = [Dataset, DatasetInfo, Sector, Source, Actor, Meeting, Evidence, Expectation]
PARTS += [ActorSelector, PeerSelector]

REFERENCE_FILE = Path(__file__).parents[1] / "docs" / "format.md"


def _reference() -> str:
    return format_reference(load_dataset(Settings().default_dataset))


def test_committed_reference_is_current() -> None:
    assert REFERENCE_FILE.read_text(encoding="utf-8") == _reference(), (
        "docs/format.md is out of date; regenerate it with:"
        " python -m meetgraph schema --markdown > docs/format.md"
    )


def test_every_field_of_every_part_is_described() -> None:
    text = _reference()
    for field in Dataset.model_fields:
        assert f"| `{field}` |" in text
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) == sum(len(part.model_fields) for part in PARTS)
    for row in rows:
        _field, _required, words, _example = row.strip("|").split(" | ")
        assert words.strip(), row
        assert "$" not in words and "anyOf" not in words, row


def test_references_and_choices_are_named_in_words() -> None:
    text = _reference()
    assert (
        "| `participants` | required | list of ids of actors, at least 2. Two or more actor ids. |"
        in text
    )
    assert "one of `held`, `planned`, `requested`" in text
    assert "| `kind` | default meeting |" in text
