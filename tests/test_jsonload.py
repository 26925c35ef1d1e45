"""Datasets written as JSON: the same datasets as YAML, and every broken file refused exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import datasets

from meetgraph.datafiles import read_dataset
from meetgraph.errors import DatasetError
from meetgraph.examples import example_dataset
from meetgraph.jsonload import dataset_json, load_dataset_json, parse_json
from meetgraph.loader import load_dataset, validate_tree
from meetgraph.schema import Dataset
from meetgraph.settings import Limits, Settings

LIMITS = Limits()
BUNDLED = Settings().default_dataset
#: The example dataset as JSON, one key or item a line, as ``dataset_json`` writes it.
EXAMPLE_JSON = dataset_json(example_dataset())


def changed(old: str, new: str, base: str = EXAMPLE_JSON) -> str:
    """The example dataset's JSON with ``old`` replaced by ``new``, once."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


def lines_of(text: str | bytes, limits: Limits = LIMITS) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset_json(text, "m.json", limits=limits)
    return str(caught.value).splitlines()


def test_example_json_is_what_the_cases_below_count_lines_in() -> None:
    lines = EXAMPLE_JSON.splitlines()
    assert lines[:3] == ["{", '  "meetgraph": 1,', '  "languages": [']
    assert lines[62] == '      "participants": ['
    assert lines[67] == '      "status": "held",'


# Each case: what triggers a message (the text or bytes of m.json, and the limits of the
# load), and every line it must give. Together they use every problem.json_* word.
JSON_CASES: list[tuple[str, str | bytes, Limits, list[str]]] = [
    ("too_large", EXAMPLE_JSON, Limits(max_bytes=10), [
        "m.json:1:1: the file is larger than the limit of 10 bytes",
    ]),
    ("not_utf8", b'{"a": "\xff"}', LIMITS, [
        "m.json:1:8: the text is not UTF-8 (byte 0xff): save the file as UTF-8",
    ]),
    ("json_empty", " \n", LIMITS, [
        'm.json:1:1: the file holds no data: a dataset starts with {"meetgraph": 1',
    ]),
    ("json_top_level", "[1]", LIMITS, [
        'm.json:1:1: the file must be one object { }, starting with "meetgraph": 1, not a list',
    ]),
    ("json_top_level_text", '"meetgraph"', LIMITS, [
        "m.json:1:1: the file must be one object { }, starting with \"meetgraph\": 1,"
        " not 'meetgraph'",
    ]),
    ("json_after_end", '{"a": 1}\n{"b": 2}\n', LIMITS, [
        "m.json:2:1: the dataset ends before this: remove what follows its closing }",
    ]),
    ("yaml_unclosed", '{"a": [1,\n  2\n', LIMITS, [
        "m.json:1:7: the [ opened here is not closed: end it with ]",
    ]),
    ("yaml_unclosed_mismatch", '{"a": [1, 2}', LIMITS, [
        "m.json:1:7: the [ opened here is not closed: end it with ]",
    ]),
    ("yaml_unopened", "]", LIMITS, ["m.json:1:1: ] closes nothing: remove it"]),
    ("yaml_unclosed_quote", '{"a": "Seoul}', LIMITS, [
        'm.json:1:7: the quote opened here is not closed: end the text with "',
    ]),
    ("json_raw_break", '{"a": "Seoul\n"}', LIMITS, [
        "m.json:1:13: text in quotes cannot hold a line break or a tab: write \\n or \\t,"
        " or close the quote before it",
    ]),
    ("control_raw", '{"a": "x\x07"}', LIMITS, [
        "m.json:1:9: the control character U+0007 is not allowed: remove it",
    ]),
    ("json_escape", '{"a": "C:\\Users"}', LIMITS, [
        "m.json:1:10: a backslash inside text starts an escape such as \\n or \\u00e9:"
        " write \\\\ for a backslash",
    ]),
    ("json_colon", '{"a" 1}', LIMITS, [
        'm.json:1:6: a key needs a colon after it: write "key": value',
    ]),
    ("json_trailing_comma", '{"a": [1, 2,],\n "b": 3,\n}', LIMITS, [
        "m.json:1:12: a comma must be followed by another item: remove this comma",
    ]),
    ("json_trailing_comma_object", '{"a": 1,\n}', LIMITS, [
        "m.json:1:8: a comma must be followed by another item: remove this comma",
    ]),
    ("json_comma", '{"a": 1\n "b": 2}', LIMITS, [
        "m.json:2:2: a comma is missing before this: separate the items with ,",
    ]),
    ("json_key", "{meetgraph: 1}", LIMITS, [
        'm.json:1:2: a key must be text in double quotes, such as "id"',
    ]),
    ("json_single_quote", "{'a': 1}", LIMITS, [
        'm.json:1:2: text must be in double quotes ("), not single quotes',
    ]),
    ("json_bare_word", '{"status": held}', LIMITS, [
        'm.json:1:12: text must be in double quotes: write "held"',
    ]),
    ("json_number", '{"order": 01}', LIMITS, [
        "m.json:1:11: '01' is not a number as JSON writes them (like 12 or 1.5):"
        " put text in double quotes",
    ]),
    ("json_no_value", '{"a": , "b": 1}', LIMITS, [
        'm.json:1:7: a value is missing here: write one, such as "text" or null',
    ]),
    ("json_comment", '// the trip\n{"a": 1}', LIMITS, [
        "m.json:1:1: JSON has no comments: remove it",
    ]),
    ("json_unexpected", '{"a": 1 @}', LIMITS, [
        "m.json:1:9: '@' cannot stand here: check the brackets, quotes and commas before it",
    ]),
    # The problems below are all reported, and the parse goes on past them.
    ("json_not_number", '{"a": NaN,\n "b": [-Infinity]}', LIMITS, [
        "m.json:1:7: a: NaN is not a number JSON can hold: write a number, or null",
        "m.json:2:8: b[0]: -Infinity is not a number JSON can hold: write a number, or null",
    ]),
    ("json_surrogate", '{"a": "\\ud83d", "b": "\\ud83d\\ude00"}', LIMITS, [
        "m.json:1:7: a: the escape \\ud83d is half of a character: write the character itself",
    ]),
    ("control", '{"a": "\\u001b[31m", "b\\t": "x\\ty", "c": "\\u202e"}', LIMITS, [
        "m.json:1:7: a: holds the control character '\\x1b', which text cannot hold: remove it",
        "m.json:1:21: b\\t: holds the control character '\\t', which text cannot hold:"
        " remove it",
        "m.json:1:41: c: holds the control character '\\u202e', which text cannot hold:"
        " remove it",
    ]),
    ("duplicate_key", '{"a": 1,\n "b": {"c": 1,\n   "c": 2},\n "a": 3}', LIMITS, [
        "m.json:3:4: b.c: duplicate key 'c' (first at line 2): keep one of them",
        "m.json:4:2: a: duplicate key 'a' (first at line 1): keep one of them",
    ]),
    ("too_deep", '{"a": [[1]]}', Limits(max_depth=2), [
        "m.json:1:8: a[0]: nested deeper than 2 levels",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "limits", "expected"), JSON_CASES, ids=[case[0] for case in JSON_CASES]
)
def test_broken_json_is_refused_with_exact_lines(
    name: str, text: str | bytes, limits: Limits, expected: list[str]
) -> None:
    assert lines_of(text, limits) == expected


# Valid JSON, not a valid dataset: the schema's and the integrity pass's problems, located.
SCHEMA_CASES = [
    (changed('"date": "2025-02-04"', '"date": "2/4/2025"'), [
        "m.json:69:15: meetings[0].date: must be a date like 2025-02-04 (year-month-day),"
        " not '2/4/2025'",
    ]),
    (changed('"b",\n        "c"', '"b",\n        "z"'), [
        "m.json:66:9: meetings[0].participants[2]: unknown actor 'z': check the spelling,"
        " or add that actor",
    ]),
    # A number is read as the text it is written as, the way YAML reads it.
    (changed('"meetgraph": 1', '"meetgraph": 1.0'), [
        "m.json:2:16: meetgraph: must be a whole number such as 3, not '1.0'",
    ]),
    (changed('"meetgraph": 1', '"meetgraph": ' + "9" * 5000), [
        "m.json:2:16: meetgraph: must be a whole number such as 3, not"
        " '9999999999999999999999999999999999999999…' (5,000 characters)",
    ]),
    # true is the text 'true', never the number 1.
    (changed('"meetgraph": 1', '"meetgraph": true'), [
        "m.json:2:16: meetgraph: must be a whole number such as 3, not 'true'",
    ]),
    (changed('"status": "held"', '"status": false'), [
        "m.json:68:17: meetings[0].status: must be 'held', 'planned' or 'requested',"
        " not 'false'",
    ]),
    (changed('"status": "held"', '"status": null'), [
        "m.json:68:17: meetings[0].status: must be 'held', 'planned' or 'requested',"
        " not empty",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), SCHEMA_CASES)
def test_schema_problems_name_the_line_and_column_of_the_value(
    text: str, expected: list[str]
) -> None:
    assert lines_of(text) == expected


def test_numbers_are_read_as_their_text_like_yaml() -> None:
    text = changed('"title": "T"', '"title": 12.50').replace('"en": "A"', '"en": 1e999999')
    dataset = load_dataset_json(text, "m.json")
    assert dataset.sources[0].title == "12.50"
    assert dataset.actors[0].name["en"] == "1e999999"
    assert load_dataset_json(changed('"meetgraph": 1', '"meetgraph": "1"'), "m.json").meetgraph == 1


def test_nesting_far_deeper_than_any_parser_allows_is_refused_at_the_limit() -> None:
    deep = '{"a": ' + "[" * 200_000 + "]" * 200_000 + "}"
    assert lines_of(deep) == ["m.json:1:38: a" + "[0]" * 31 + ": nested deeper than 32 levels"]
    assert lines_of("[" * 200_000) == [
        "m.json:1:33: " + "[0]" * 32 + ": nested deeper than 32 levels"
    ]


def test_a_bom_is_allowed_and_escaped_text_reads_the_same() -> None:
    escaped = json.dumps(json.loads(EXAMPLE_JSON.replace('"A"', '"A 😀"')), ensure_ascii=True)
    assert "\\ud83d\\ude00" in escaped and "\\uac00" in escaped
    dataset = load_dataset_json(b"\xef\xbb\xbf" + escaped.encode("ascii"), "m.json")
    assert dataset.actors[0].name == {"en": "A 😀", "ko": "가"}


def test_the_bundled_dataset_loads_the_same_from_json(tmp_path: Path) -> None:
    story = load_dataset(BUNDLED)
    path = tmp_path / "story.json"
    path.write_text(dataset_json(story), encoding="utf-8")
    assert read_dataset(path) == story


def _located_load(text: str) -> Dataset:
    return validate_tree(parse_json(text, "m.json"), "m.json")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_loads_the_same_from_json_and_yaml(dataset: Dataset) -> None:
    from meetgraph.loader import load_dataset_text
    from meetgraph.yamlout import dataset_yaml

    text = dataset_json(dataset)
    from_json = load_dataset_json(text, "m.json")
    assert from_json == load_dataset_text(dataset_yaml(dataset), "m.yaml") == dataset
    # The located parse, which reports problems, reads the same tree as the fast one.
    assert _located_load(text) == from_json


def _cli(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "meetgraph", *args], capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def test_cli_imports_yaml_as_json_and_validates_it(tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    assert _cli("import", str(BUNDLED), "-o", str(story)) == (
        0,
        f"{story}: 25 actors, 10 meetings, 1 expectation rule (from {BUNDLED})\n",
        "",
    )
    assert _cli("validate", str(story)) == (
        0,
        f"{story}: ok (25 actors, 10 meetings, 4 missing edges)\n",
        "",
    )
    back = tmp_path / "back.yaml"
    assert _cli("import", str(story), "-o", str(back))[0] == 0
    assert load_dataset(back) == load_dataset(BUNDLED)


def test_cli_validate_reports_a_broken_json_file(tmp_path: Path) -> None:
    story = tmp_path / "story.json"
    story.write_text(changed('"status": "held",', '"status": "held",,'), encoding="utf-8")
    assert _cli("validate", str(story)) == (
        1,
        "",
        f"{story}:68:23: a comma must be followed by another item: remove this comma\n",
    )
