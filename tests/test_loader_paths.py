"""The loader's two paths agree: the fast plain walk never accepts what the located walk refuses.

A valid file is read once into a plain tree (no positions) and validated
there; anything wrong sends it through the located walk for the messages.
These tests compare the two on valid, random and hostile inputs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import datasets

from meetgraph import loader
from meetgraph.errors import DatasetError
from meetgraph.examples import EXAMPLE_YAML
from meetgraph.loader import load_dataset_text, parse_yaml, validate_plain, validate_tree
from meetgraph.schema import Dataset
from meetgraph.settings import Limits
from meetgraph.yamlout import dataset_yaml

BAD = Path(__file__).parent / "fixtures" / "bad"
LIMITS = Limits(max_depth=8)

# Pieces that break one strict rule or another, or YAML itself, wherever they land.
HOSTILE = [
    "&a ",
    "*a ",
    "!!str ",
    "! ",
    "!x ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "? ",
    "? [a]\n",
    "[a]: b\n",
    "{a: 1}: b\n",
    ": ",
    "- ",
    "-",
    ", ",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    "#",
    "\t",
    "\n",
    "  ",
    '"\\e[31m"',
    '"\\t"',
    '"a\\nb"',
    '"\\x85"',
    "\u2028",
    "\u202e",
    "\x85",
    "\x07",
    "\ufeff",
    "~",
    "null",
    "no",
    "010",
    "12:30",
    "[[[[[[[[[[x]]]]]]]]]]",
    "{a: {a: {a: {a: {a: {a: {a: {a: {a: x}}}}}}}}}",
    "id: a\n",
    "meetgraph: 1\n",
    "actors: []\n",
    "participants: [a, a]\n",
    "<<: {a: 1}\n",
    "\ud800",
]


def located_outcome(text: str, limits: Limits = LIMITS) -> Dataset | str:
    """The reference: the located walk and its validation, or its error in words."""
    try:
        return validate_tree(parse_yaml(text, "t.yaml", limits=limits), "t.yaml", limits=limits)
    except DatasetError as error:
        return str(error)


def assert_paths_agree(text: str, limits: Limits = LIMITS) -> None:
    """The fast walk and validation accept exactly what the located ones accept, equal."""
    try:
        located: Any = parse_yaml(text, "t.yaml", limits=limits)
    except DatasetError:
        located = None
    try:
        data = loader._utf8(text, "t.yaml", limits)
    except DatasetError:
        assert located is None
        return
    plain = fast_tree(data, limits)
    assert plain == located
    reference = located_outcome(text, limits)
    if plain is not None:
        fast = validate_plain(plain, limits=limits)
        assert fast == (reference if isinstance(reference, Dataset) else None)
    try:
        loaded: Dataset | str = load_dataset_text(text, "t.yaml", limits=limits)
    except DatasetError as error:
        loaded = str(error)
    assert loaded == reference


def fast_tree(data: bytes, limits: Limits = LIMITS) -> dict[str, Any] | None:
    """The fast walk's tree of a file's checked UTF-8 bytes."""
    may_hold_controls = loader._MAY_HOLD_CONTROLS_UTF8.search(data) is not None
    return loader._plain_tree(data, limits, may_hold_controls)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few hostile pieces put in, lines repeated, characters cut."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        change = draw(st.sampled_from(["insert", "repeat", "cut"]))
        if change == "insert":
            text = text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
        elif change == "repeat":
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end + 1
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 3)) :]
    return text


def valid_texts() -> st.SearchStrategy[str]:
    return datasets().map(dataset_yaml)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_texts())
def test_valid_files_take_the_fast_path_to_the_same_dataset(text: str) -> None:
    plain = fast_tree(text.encode())
    assert plain is not None
    assert plain == parse_yaml(text, "t.yaml", limits=LIMITS)
    assert validate_plain(plain, limits=LIMITS) == located_outcome(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_texts().flatmap(mutated))
def test_damaged_files_get_the_same_outcome_on_both_paths(text: str) -> None:
    assert_paths_agree(text)


@settings(max_examples=300, deadline=None)
@given(mutated(EXAMPLE_YAML))
def test_the_damaged_example_gets_the_same_outcome_on_both_paths(text: str) -> None:
    assert_paths_agree(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(HOSTILE) | st.text(max_size=5), max_size=12).map("".join)
    | st.text(max_size=100)
)
def test_any_text_gets_the_same_outcome_on_both_paths(text: str) -> None:
    assert_paths_agree(text)


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda path: path.name)
def test_every_bad_fixture_is_left_to_the_located_path(path: Path) -> None:
    data = path.read_bytes()
    assert loader._fast_load(data, Limits()) is None
    assert_paths_agree(data.decode("utf-8", "surrogateescape"), Limits())


@settings(max_examples=100, deadline=None)
@given(mutated(EXAMPLE_YAML))
def test_the_bad_fixtures_damaged_get_the_same_outcome(text: str) -> None:
    for path in sorted(BAD.glob("*.yaml"))[:3]:
        assert_paths_agree(path.read_text(encoding="utf-8", errors="replace") + text[:200])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([piece for piece in HOSTILE if piece != "\ud800"])
        | st.characters(exclude_categories=["Cs"]),
        max_size=20,
    ).map("".join)
)
def test_the_search_for_controls_in_bytes_agrees_with_the_one_in_text(text: str) -> None:
    in_bytes = loader._MAY_HOLD_CONTROLS_UTF8.search(text.encode()) is not None
    assert in_bytes == loader._may_hold_controls(text)


def test_validate_plain_takes_a_json_document() -> None:
    tree = json.loads(json.dumps(parse_yaml(EXAMPLE_YAML, "example.yaml")))
    assert validate_plain(tree) == load_dataset_text(EXAMPLE_YAML, "example.yaml")


@pytest.mark.parametrize(
    "change",
    [
        lambda tree: tree["actors"].append(dict(tree["actors"][0])),  # duplicate id
        lambda tree: tree["actors"][0].update(country="XX"),  # unassigned country
        lambda tree: tree["meetings"][0]["participants"].append("nobody"),
        lambda tree: tree["meetings"][0].update(status="done"),
        lambda tree: tree.update(expectations=["x"] * 1000),
        lambda tree: tree.pop("actors"),
        lambda tree: tree.update(meetgraph="2"),
    ],
    ids=["duplicate", "country", "unknown-actor", "status", "bad-items", "missing", "version"],
)
def test_validate_plain_says_none_for_any_problem(change: Any) -> None:
    tree = json.loads(json.dumps(parse_yaml(EXAMPLE_YAML, "example.yaml")))
    change(tree)
    assert validate_plain(tree) is None


def test_validate_plain_refuses_what_is_not_a_mapping() -> None:
    assert validate_plain(["meetgraph", "1"]) is None  # type: ignore[arg-type]


def test_the_pairs_limit_holds_on_the_fast_path() -> None:
    tree = json.loads(json.dumps(parse_yaml(EXAMPLE_YAML, "example.yaml")))
    assert validate_plain(tree, limits=Limits(max_pairs=3)) is not None
    assert validate_plain(tree, limits=Limits(max_pairs=2)) is None
