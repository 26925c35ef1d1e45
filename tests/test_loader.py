"""The strict loader: every bad input is refused with the exact, located message."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetgraph import loader
from meetgraph.errors import DatasetError
from meetgraph.examples import EXAMPLE_YAML
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset, load_dataset_text, parse_yaml
from meetgraph.schema import ActorType, DeclaredStatus, MeetingKind
from meetgraph.settings import Limits

BAD = Path(__file__).parent / "fixtures" / "bad"

# Each file of tests/fixtures/bad/ and every line of the error it must give.
EXPECTED_ERRORS = {
    "alias.yaml": [
        "alias.yaml:8:5: actors[0]: anchors (&first) are not allowed: remove &first",
        "alias.yaml:9:5: actors[1]: aliases (*first) are not allowed: write the value itself",
    ],
    "anchor.yaml": [
        "anchor.yaml:8:19: actors[0].name: anchors (&name) are not allowed: remove &name",
    ],
    "bad_country.yaml": [
        (
            "bad_country.yaml:8:63: actors[0].country: must be a country code of"
            " two capital letters, such as KR, not 'KOR'"
        ),
        (
            "bad_country.yaml:9:63: actors[1].country: must be a country code of"
            " two capital letters, such as KR, not 'kr'"
        ),
    ],
    "bad_date.yaml": [
        (
            "bad_date.yaml:11:55: meetings[0].date: must be a date that exists,"
            " like 2025-02-04 (year-month-day), not '2025-02-30'"
        ),
    ],
    "bad_status_missing.yaml": [
        (
            "bad_status_missing.yaml:11:43: meetings[0].status: must be 'held',"
            " 'planned' or 'requested', not 'missing'"
        ),
    ],
    "complex_key.yaml": [
        (
            "complex_key.yaml:13:5: meetings[0]: a key must be a word such as"
            " status, not a list or key: value lines"
        ),
    ],
    "control_character.yaml": [
        "control_character.yaml:8:26: the control character U+0007 is not allowed: remove it",
    ],
    "duplicate_actor_id.yaml": [
        (
            "duplicate_actor_id.yaml:10:10: actors[2].id: duplicate actor id 'a'"
            " (first at line 8): each actor needs its own id"
        ),
    ],
    "duplicate_key.yaml": [
        (
            "duplicate_key.yaml:15:5: meetings[0].status: duplicate key 'status'"
            " (first at line 13): keep one of them"
        ),
    ],
    "empty.yaml": [
        "empty.yaml:1:1: the file holds no data: a dataset starts with the line meetgraph: 1",
    ],
    "explicit_tag.yaml": [
        "explicit_tag.yaml:11:56: meetings[0].order: tags (!!int) are not allowed: remove !!int",
    ],
    "many_errors.yaml": [
        "many_errors.yaml:2:12: meetgraph: must be at most 1, not '2'",
        (
            "many_errors.yaml:3:15: dataset.id: must be an id of lower-case"
            " letters, digits and single hyphens, such as sam-altman, not 'Bad'"
        ),
        (
            "many_errors.yaml:9:10: actors[1].id: duplicate actor id 'a' (first at"
            " line 8): each actor needs its own id"
        ),
        (
            "many_errors.yaml:9:34: actors[1].type: must be 'person',"
            " 'organization', 'group' or 'government_body', not 'robot'"
        ),
        (
            "many_errors.yaml:10:50: actors[2].sector: unknown sector 'finance': check the"
            " spelling, or add that sector"
        ),
        (
            "many_errors.yaml:10:68: actors[2].country: must be a country code of"
            " two capital letters, such as KR, not 'kr'"
        ),
        (
            "many_errors.yaml:10:72: actors[2].colour: unknown field: check its"
            " spelling, or remove it"
        ),
        (
            "many_errors.yaml:12:31: meetings[0].participants[1]: unknown actor"
            " 'z': check the spelling, or add that actor"
        ),
        (
            "many_errors.yaml:12:69: meetings[0].evidence[0].source: unknown source"
            " 'news': check the spelling, or add that source"
        ),
        "many_errors.yaml:13:27: meetings[1].participants: must list at least 2, not 1",
        (
            "many_errors.yaml:13:40: meetings[1].status: must be 'held', 'planned'"
            " or 'requested', not 'missing'"
        ),
        (
            "many_errors.yaml:13:55: meetings[1].date: must be a date that exists,"
            " like 2025-02-04 (year-month-day), not '2025-13-01'"
        ),
    ],
    "not_utf8.yaml": [
        "not_utf8.yaml:3:35: the text is not UTF-8 (byte 0xe9): save the file as UTF-8",
    ],
    "one_participant.yaml": [
        "one_participant.yaml:11:27: meetings[0].participants: must list at least 2, not 1",
    ],
    "same_participant_twice.yaml": [
        (
            "same_participant_twice.yaml:11:27: meetings[0].participants: a meeting"
            " needs at least two different participants"
        ),
        (
            "same_participant_twice.yaml:11:31: meetings[0].participants[1]:"
            " participant 'a' is listed twice"
        ),
    ],
    "syntax_error.yaml": [
        "syntax_error.yaml:11:5: the { opened here is not closed: end it with }",
    ],
    "top_level_list.yaml": [
        (
            "top_level_list.yaml:1:1: the file must be key: value lines, starting"
            " with meetgraph: 1, not a list"
        ),
    ],
    "two_documents.yaml": [
        "two_documents.yaml:12:1: a file holds one dataset: remove this --- and what follows",
    ],
    "unknown_actor.yaml": [
        (
            "unknown_actor.yaml:11:31: meetings[0].participants[1]: unknown actor"
            " 'c': check the spelling, or add that actor"
        ),
    ],
    "unknown_field.yaml": [
        "unknown_field.yaml:8:5: actors[0].name: required field is missing",
        (
            "unknown_field.yaml:8:13: actors[0].nmae: unknown field: check its"
            " spelling, or remove it"
        ),
    ],
    "unknown_sector.yaml": [
        (
            "unknown_sector.yaml:9:50: actors[1].sector: unknown sector 'finance':"
            " check the spelling, or add that sector"
        ),
    ],
    "unknown_source.yaml": [
        (
            "unknown_source.yaml:11:69: meetings[0].evidence[0].source: unknown"
            " source 'news': check the spelling, or add that source"
        ),
    ],
    "utf16_bom.yaml": [
        "utf16_bom.yaml:1:1: the text is not UTF-8 (byte 0xff): save the file as UTF-8",
    ],
}

# Bad inputs that are bytes no text editor should be trusted to keep: written per test.
WRITTEN_BAD = {
    "not_utf8.yaml": b"meetgraph: 1\n# Latin-1:\ndataset: {id: bad, title: {en: Caf\xe9}}\n",
    "utf16_bom.yaml": EXAMPLE_YAML.encode("utf-16"),
}


def test_every_bad_fixture_has_an_expected_error() -> None:
    committed = {path.name for path in BAD.glob("*.yaml")}
    assert committed | set(WRITTEN_BAD) == set(EXPECTED_ERRORS)


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_bad_input_is_refused_with_every_problem_located(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if name in WRITTEN_BAD:
        (tmp_path / name).write_bytes(WRITTEN_BAD[name])
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(BAD)
    with pytest.raises(DatasetError) as caught:
        load_dataset(name)
    assert str(caught.value) == "\n".join(EXPECTED_ERRORS[name])


def test_example_loads() -> None:
    dataset = load_dataset_text(EXAMPLE_YAML, "example.yaml")
    assert [a.id for a in dataset.actors] == ["a", "b", "c"]
    assert dataset.meetings[0].date == dt.date(2025, 2, 4)


def test_bom_prefixed_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(codecs.BOM_UTF8 + EXAMPLE_YAML.encode("utf-8"))
    assert [a.id for a in load_dataset(path).actors] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"meetgraph: 1\nmeetgraph: 2\n",
            "b.yaml:2:1: meetgraph: duplicate key 'meetgraph' (first at line 1): keep one of them",
        ),
        (b"a: \xff\n", "b.yaml:1:4: the text is not UTF-8 (byte 0xff): save the file as UTF-8"),
        (b"a: \x07\n", "b.yaml:1:4: the control character U+0007 is not allowed: remove it"),
    ],
)
def test_bom_does_not_shift_positions(data: bytes, expected: str) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(codecs.BOM_UTF8 + data, "b.yaml")
    assert str(caught.value) == expected


def test_lone_surrogate_in_text_is_a_dataset_error() -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset_text("meetgraph: 1\na: \ud800\n", "s.yaml")
    assert (
        str(caught.value) == "s.yaml:2:4: the text is not UTF-8 (byte 0xed): save the file as UTF-8"
    )


@pytest.mark.parametrize("parser", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
def test_control_character_is_located_after_non_ascii_text(
    parser: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    # libyaml reports a byte offset, PyYAML's own reader a character offset.
    monkeypatch.setattr(loader, "_PARSER", parser)
    with pytest.raises(DatasetError) as caught:
        load_dataset_text("a: 가나다\nb: '가\x1b'\n", "c.yaml")
    assert str(caught.value) == "c.yaml:2:6: the control character U+001B is not allowed: remove it"


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(EXAMPLE_YAML, encoding="utf-8")
    size = len(EXAMPLE_YAML.encode("utf-8"))
    assert load_dataset(path, limits=Limits(max_bytes=size)).actors
    with pytest.raises(DatasetError) as caught:
        load_dataset(path, limits=Limits(max_bytes=size - 1))
    assert (
        str(caught.value) == f"{path}:1:1: the file is larger than the limit of {size - 1:,} bytes"
    )
    with pytest.raises(DatasetError, match="larger than the limit of 10 bytes"):
        load_dataset_text(EXAMPLE_YAML, "big.yaml", limits=Limits(max_bytes=10))


def test_missing_file_is_a_dataset_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(DatasetError) as caught:
        load_dataset(path)
    assert str(caught.value) == f"{path}:1:1: cannot read: No such file or directory"


def test_directory_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path}:1:1: cannot read: ")


def test_scalars_stay_strings_without_yaml_1_1_surprises() -> None:
    text = """\
words: [no, on, off, yes, y, n, true, False]
numbers: [010, 1e3, 0x1F, 0o17, 1_000, .inf, -.nan, 3.14, +1]
times: [12:30, 190:20:30, 2025-02-04, 2025-02-04T17:32:00+09:00]
nulls: [null, ~, '', "null", 'null']
no: on
010: 12:30
"""
    assert parse_yaml(text, "x.yaml") == {
        "words": ["no", "on", "off", "yes", "y", "n", "true", "False"],
        "numbers": ["010", "1e3", "0x1F", "0o17", "1_000", ".inf", "-.nan", "3.14", "+1"],
        "times": ["12:30", "190:20:30", "2025-02-04", "2025-02-04T17:32:00+09:00"],
        "nulls": [None, None, "", "null", "null"],
        "no": "on",
        "010": "12:30",
    }


def test_schema_types_the_strings() -> None:
    text = EXAMPLE_YAML.replace("id: a,", "id: no,").replace("[a, b, c]", "[no, b, c]")
    text = text.replace('date: "2025-02-04"', 'date: 2025-02-04\n    order: "010"\n    time: 12:30')
    meeting = load_dataset_text(text, "x.yaml").meetings[0]
    assert meeting.participants == ["no", "b", "c"]
    assert (meeting.order, meeting.time, meeting.date) == (10, "12:30", dt.date(2025, 2, 4))


@pytest.mark.parametrize(
    ("text", "max_depth", "expected"),
    [
        ("a: [[x]]", 3, None),
        ("a: [[x]]", 2, "d.yaml:1:5: a[0]: nested deeper than 2 levels"),
        ("a: {b: {c: x}}", 2, "d.yaml:1:8: a.b: nested deeper than 2 levels"),
    ],
)
def test_depth_cap_is_exact(text: str, max_depth: int, expected: str | None) -> None:
    if expected is None:
        assert parse_yaml(text, "d.yaml", limits=Limits(max_depth=max_depth)) == {"a": [["x"]]}
        return
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "d.yaml", limits=Limits(max_depth=max_depth))
    assert str(caught.value) == expected


# 100,000 levels: the C composer of PyYAML crashes the interpreter near 30,000.
DEEP = 100_000
DEEP_INPUTS = {
    "flow-lists": ("'[' * n + ']' * n", "deep.yaml:1:33: " + "[0]" * 32),
    "flow-maps": ("'{a: ' * n + '}' * n", "deep.yaml:1:129: " + ".".join("a" * 32)),
    "block-lists": ("'- ' * n + 'x'", "deep.yaml:1:65: " + "[0]" * 32),
}


@pytest.mark.parametrize("shape", sorted(DEEP_INPUTS))
def test_deep_nesting_is_refused_without_crashing(shape: str) -> None:
    make, where = DEEP_INPUTS[shape]
    program = (
        "from meetgraph.errors import DatasetError\n"
        "from meetgraph.loader import load_dataset_text\n"
        f"n = {DEEP}\n"
        "try:\n"
        f"    load_dataset_text({make}, 'deep.yaml')\n"
        "except DatasetError as error:\n"
        "    print(error)\n"
    )
    # In a child process so that a crash is a failed test, not a dead test run.
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{where}: nested deeper than 32 levels\n"


# --- properties -------------------------------------------------------------

# YAML's indicators, any character, and lone surrogates (a Python str may hold them).
YAML_CHARACTERS = (
    st.sampled_from(list(":-?[]{},&*!|>'\"#%@`~ \t\n\r"))
    | st.characters()
    | st.characters(categories=["Cs"])
)


@settings(max_examples=100, deadline=None)
@given(st.text(YAML_CHARACTERS, max_size=200) | st.text(max_size=200))
def test_any_text_is_loaded_or_refused_with_a_dataset_error(text: str) -> None:
    try:
        load_dataset_text(text, "any.yaml")
    except DatasetError as error:
        assert error.problems
        assert all(str(p).startswith("any.yaml:") for p in error.problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_are_loaded_or_refused_with_a_dataset_error(data: bytes) -> None:
    try:
        load_dataset_text(data, "any.yaml")
    except DatasetError as error:
        assert error.problems


DEEP_TREES = Limits(max_depth=64)

YAML_1_1_LOOKALIKES = [
    "no",
    "No",
    "NO",
    "on",
    "off",
    "yes",
    "y",
    "n",
    "true",
    "False",
    "010",
    "0x1F",
    "0o17",
    "0b101",
    "1e3",
    "1_000",
    "+1",
    "-0",
    "3.14",
    ".inf",
    "-.inf",
    ".nan",
    "12:30",
    "190:20:30",
    "2025-02-04",
    "2025-02-04T17:32:00+09:00",
    "null",
    "~",
    "",
    "<<",
    "=",
]
# Characters of text: no surrogates, controls, format marks (bidi) or line separators,
# which the loader refuses (tests of their own below).
TEXT_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp"))
STRINGS = st.sampled_from(YAML_1_1_LOOKALIKES) | st.text(TEXT_CHARACTERS, max_size=12)
TREES = st.recursive(
    STRINGS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(STRINGS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(STRINGS, TREES, max_size=5))
def test_quoted_documents_parse_to_the_same_strings(tree: dict[str, Any]) -> None:
    text = yaml.safe_dump(tree, default_style='"', allow_unicode=True)
    assert parse_yaml(text, "q.yaml", limits=DEEP_TREES) == tree


# Plain scalars that are safe unquoted in block style, whatever YAML 1.1 would make of them.
PLAIN = st.sampled_from([s for s in YAML_1_1_LOOKALIKES if s not in {"", "~", "null"}]) | (
    st.from_regex(r"[a-z][a-z0-9 ]{0,8}[a-z0-9]", fullmatch=True)
)
PLAIN_TREES = st.recursive(
    PLAIN,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4)
        | st.dictionaries(PLAIN, inner, min_size=1, max_size=4)
    ),
    max_leaves=12,
)


def _block(value: Any, indent: str) -> str:
    """``value`` in block style with every scalar plain (unquoted)."""
    if isinstance(value, str):
        return f" {value}\n"
    if isinstance(value, list):
        return "\n" + "".join(f"{indent}-{_block(item, indent + '  ')}" for item in value)
    return "\n" + "".join(f"{indent}{k}:{_block(v, indent + '  ')}" for k, v in value.items())


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(PLAIN, PLAIN_TREES, min_size=1, max_size=5))
def test_plain_documents_parse_to_the_same_strings(tree: dict[str, Any]) -> None:
    text = _block(tree, "").lstrip("\n")
    assert parse_yaml(text, "p.yaml", limits=DEEP_TREES) == tree


# --- random valid datasets ----------------------------------------------------

SLUGS = st.from_regex(r"[a-z0-9]{1,6}(?:-[a-z0-9]{1,3})?", fullmatch=True) | st.sampled_from(
    ["no", "on", "off", "yes", "y", "n", "null", "true", "010", "1e3", "0x1f", "0o17", "12-30"]
)
TEXTS = st.text(TEXT_CHARACTERS, min_size=1, max_size=12).filter(str.strip)
COUNTRY_CODES = ["KR", "JP", "US", "IN", "NO"]
COUNTRIES = st.sampled_from(COUNTRY_CODES)


def _labels() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({"en": TEXTS}, optional={"ko": TEXTS})


DATES = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
PUBLISHED = st.datetimes(
    dt.datetime(1990, 1, 1), dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
).map(dt.datetime.isoformat)


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset as plain Python data: the visitor of its rule never meets the last actor."""
    sectors = draw(st.lists(SLUGS, min_size=1, max_size=3, unique=True))
    sources = draw(st.lists(SLUGS, min_size=1, max_size=2, unique=True))
    actor_ids = draw(st.lists(SLUGS, min_size=3, max_size=6, unique=True))
    meeting_ids = draw(st.lists(SLUGS, max_size=5, unique=True))
    evidence = st.lists(
        st.fixed_dictionaries({"source": st.sampled_from(sources), "quote": TEXTS}),
        min_size=1,
        max_size=2,
    )
    actors = [
        draw(
            st.fixed_dictionaries(
                {
                    "id": st.just(a),
                    "name": _labels(),
                    "type": st.sampled_from([t.value for t in ActorType]),
                    "sector": st.sampled_from(sectors),
                    "country": COUNTRIES,
                },
                optional={"role": _labels()}
                | ({"affiliation": st.sampled_from(actor_ids[:i])} if i else {}),
            )
        )
        for i, a in enumerate(actor_ids)
    ]
    meetings = [
        draw(
            st.fixed_dictionaries(
                {
                    "id": st.just(m),
                    "participants": st.lists(
                        st.sampled_from(actor_ids[:-1]), min_size=2, max_size=4, unique=True
                    ),
                    "status": st.sampled_from([s.value for s in DeclaredStatus]),
                    "evidence": evidence,
                },
                optional={
                    "kind": st.sampled_from([k.value for k in MeetingKind]),
                    "date": DATES,
                    "order": st.integers(1, 1000),
                    "time": st.sampled_from(["00:00", "09:30", "23:59", "morning", "night"]),
                    "country": COUNTRIES,
                    "place": _labels(),
                    "topics": st.lists(_labels(), max_size=2),
                },
            )
        )
        for m in meeting_ids
    ]
    # Wide selectors and the country of the unmet actor, so that missing edges are common.
    rule = draw(
        st.fixed_dictionaries(
            {
                "id": SLUGS.filter(lambda s: s not in meeting_ids),
                "label": _labels(),
                "visitor": st.just(actor_ids[0]),
                "expected": st.fixed_dictionaries(
                    {
                        "country": st.just(actors[-1]["country"]),
                        "sectors": st.just(sectors).map(list),
                    }
                ),
                "peers": st.fixed_dictionaries(
                    {
                        "countries": st.permutations(COUNTRY_CODES),
                        "sectors": st.just(sectors).map(list),
                    }
                ),
            },
            optional={"date": DATES},
        )
    )
    return {
        "meetgraph": 1,
        "dataset": {"id": draw(SLUGS), "title": draw(_labels())},
        "sectors": [{"id": s, "label": draw(_labels())} for s in sectors],
        "sources": [
            {
                "id": s,
                "title": draw(TEXTS),
                "publisher": draw(TEXTS),
                "published": draw(PUBLISHED),
                "language": "ko",
            }
            for s in sources
        ],
        "actors": actors,
        "meetings": meetings,
        "expectations": [rule],
    }


def _json_round_trip(G: nx.MultiGraph) -> nx.MultiGraph:
    from meetgraph.jsonio import from_json_text, to_json_text

    return from_json_text(to_json_text(G))


def _as_json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=dt.date.isoformat, sort_keys=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_valid_datasets_load_build_and_round_trip(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    dataset = load_dataset_text(text, "valid.yaml")
    G = build_graph(dataset)
    assert set(G) == {a["id"] for a in data["actors"]}
    pairs = {
        (frozenset((u, v)), m["id"])
        for m in data["meetings"]
        for i, u in enumerate(m["participants"])
        for v in m["participants"][i + 1 :]
    }
    declared = {
        (frozenset((u, v)), k) for u, v, k, s in G.edges(keys=True, data="status") if s != "missing"
    }
    assert declared == pairs
    H = _json_round_trip(G)
    assert _as_json(dict(H.nodes(data=True))) == _as_json(dict(G.nodes(data=True)))
    assert H.number_of_edges() == G.number_of_edges()
    for u, v, k, attributes in G.edges(keys=True, data=True):
        assert _as_json(H.edges[u, v, k]) == _as_json(attributes)
    assert _as_json(H.graph) == _as_json(G.graph)


# --- bounded work and plain words (the hardening of issue 9) ------------------------------------


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    program = (
        "from meetgraph.errors import DatasetError\n"
        "from meetgraph.loader import load_dataset\n"
        f"try:\n    load_dataset({str(fifo)!r})\n"
        "except DatasetError as error:\n    print(error)\n"
    )
    # In a child process with a timeout: reading a FIFO would block the test run forever.
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout == f"{fifo}:1:1: cannot read: a named pipe, not a file\n"


def test_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="cannot read: a device, not a file"):
        load_dataset("/dev/zero")
    with pytest.raises(DatasetError, match="cannot read: a folder, not a file"):
        load_dataset(tmp_path)


def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(10**12)  # a sparse terabyte: reading it would never end
    with pytest.raises(DatasetError) as caught:
        load_dataset(path, limits=Limits(max_bytes=16 * 1024**3))
    assert (
        str(caught.value)
        == f"{path}:1:1: the file is larger than the limit of 17,179,869,184 bytes"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'name: "Sam \\e[31mRED\\e[0m Altman"\n',
            "c.yaml:1:7: name: holds the control character '\\x1b', which text cannot hold:"
            " remove it",
        ),
        (
            'name: "a\\x07b"\n',
            "c.yaml:1:7: name: holds the control character '\\x07', which text cannot hold:"
            " remove it",
        ),
        (
            'name: "Sam \u202eenilno"\n',
            "c.yaml:1:7: name: holds the control character '\\u202e', which text cannot hold:"
            " remove it",
        ),
        (
            '"a\\nFORGED.yaml:1:1: b": x\n',
            "c.yaml:1:1: a\\nFORGED.yaml:1:1: b:"
            " holds the control character '\\n', which text cannot hold: remove it",
        ),
    ],
    ids=["escape", "bell", "bidi", "forged-line"],
)
def test_control_characters_are_refused_and_never_printed(text: str, expected: str) -> None:
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "c.yaml")
    message = str(caught.value)
    assert message == expected
    assert "\x1b" not in message and "\n" not in message and "\u202e" not in message


def test_a_newline_in_a_name_is_refused_but_prose_may_have_one() -> None:
    text = EXAMPLE_YAML.replace("name: {en: B}", 'name: {en: "B\\nC"}').replace(
        "quote: Q}", 'quote: "one\\n\\ttwo"}'
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "n.yaml")
    assert str(caught.value) == (
        "n.yaml:8:24: actors[1].name.en: must be one line of text (no line breaks or tabs),"
        " not 'B\\nC'"
    )
    prose = EXAMPLE_YAML.replace("quote: Q}", 'quote: "one\\n\\ttwo"}')
    assert load_dataset_text(prose, "n.yaml").meetings[0].evidence[0].quote == "one\n\ttwo"


# Each silent coercion of a lenient loader, and the words meetgraph says instead.
COERCIONS = {
    'date: "2025-02-04"': [
        ("date: 0", "meetings[0].date: must be a date like 2025-02-04 (year-month-day), not '0'"),
        (
            "date: 1738627200",
            "meetings[0].date: must be a date like 2025-02-04 (year-month-day), not '1738627200'",
        ),
        (
            'date: "2025-02-04T00:00:00+09:00"',
            "meetings[0].date: must be a date like 2025-02-04 (year-month-day), not"
            " '2025-02-04T00:00:00+09:00'",
        ),
        (
            "date: 2/4",
            "meetings[0].date: must be a date like 2025-02-04 (year-month-day), not '2/4'",
        ),
    ],
    "meetgraph: 1": [
        ("meetgraph: +1", "meetgraph: must be a whole number such as 3, not '+1'"),
        ("meetgraph: 0_1", "meetgraph: must be a whole number such as 3, not '0_1'"),
        ("meetgraph: 1.0", "meetgraph: must be a whole number such as 3, not '1.0'"),
        ("meetgraph: 2", "meetgraph: must be at most 1, not '2'"),
    ],
    'published: "2025-02-04T17:32:00+09:00"': [
        (
            'published: "2025-02-04T17:32:00"',
            "sources[0].published: must be a date and time with its offset from UTC,"
            " like 2025-02-04T17:32:00+09:00, not '2025-02-04T17:32:00'",
        ),
        (
            'published: "2025-02-04"',
            "sources[0].published: must be a date and time with its offset from UTC,"
            " like 2025-02-04T17:32:00+09:00, not '2025-02-04'",
        ),
    ],
    "country: JP": [
        ("country: ZZ", "actors[2].country: must be a country code in use, such as KR, not 'ZZ'"),
        (
            "country: UK",
            "actors[2].country: must be GB, the ISO 3166-1 code of this country, not 'UK'",
        ),
        (
            "country: " + "X" * 5_000_000,
            "actors[2].country: must be a country code of two capital letters, such as KR,"
            " not 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX…' (5,000,000 characters)",
        ),
    ],
}
COERCION_CASES = [(old, new, message) for old, cases in COERCIONS.items() for new, message in cases]


@pytest.mark.parametrize(
    ("old", "new", "message"), COERCION_CASES, ids=[c[1][:30] for c in COERCION_CASES]
)
def test_no_value_is_coerced_silently(old: str, new: str, message: str) -> None:
    assert EXAMPLE_YAML.count(old) == 1, old
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(EXAMPLE_YAML.replace(old, new), "c.yaml")
    (problem,) = caught.value.problems
    assert f"{problem.field}: {problem.message}" == message
    assert len(str(caught.value)) < 300


def test_order_must_be_a_whole_number() -> None:
    text = EXAMPLE_YAML.replace('date: "2025-02-04"', 'date: "2025-02-04"\n    order: 1.0')
    with pytest.raises(DatasetError, match=r"meetings\[0\]\.order: must be a whole number"):
        load_dataset_text(text, "o.yaml")
    assert load_dataset_text(text.replace("1.0", "2"), "o.yaml").meetings[0].order == 2


def test_a_long_url_is_refused_with_its_length() -> None:
    text = EXAMPLE_YAML.replace(
        "language: ko}", "language: ko, url: https://x.example/" + "a" * 5000 + "}"
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "u.yaml")
    assert str(caught.value).endswith(
        "sources[0].url: must be at most 2,000 characters long, not 5,018"
    )


def test_a_million_bad_items_give_a_hundred_problems_and_the_count_of_the_rest() -> None:
    text = EXAMPLE_YAML + "expectations:\n" + "- x\n" * 815_000
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "many.yaml")
    error = caught.value
    assert (len(error.problems), error.total) == (100, 815_000)
    assert error.problems[0].message == "must be key: value lines, such as id: seoul, not 'x'"
    assert str(error).endswith("\n... and 814,900 more problems")
    assert len(str(error)) < 10_000


def test_structural_problems_are_bounded_too() -> None:
    text = "meetgraph: 1\n" + "".join(f"a: {i}\n" for i in range(5000))
    with pytest.raises(DatasetError) as caught:
        parse_yaml(text, "dup.yaml", limits=Limits(max_problems=10))
    assert (len(caught.value.problems), caught.value.total) == (10, 4999)


def test_a_meeting_of_two_thousand_is_refused_before_its_pairs_are_made() -> None:
    import tracemalloc

    people = 2000
    actors = "".join(
        f"  - {{id: p{i}, name: {{en: P{i}}}, type: person, sector: ai, country: KR}}\n"
        for i in range(people)
    )
    everyone = ", ".join(f"p{i}" for i in range(people))
    text = EXAMPLE_YAML.replace("meetings:\n", actors + "meetings:\n").replace(
        "participants: [a, b, c]", f"participants: [{everyone}]"
    )
    tracemalloc.start()
    try:
        with pytest.raises(DatasetError) as caught:
            load_dataset_text(text, "crowd.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value).endswith(
        "meetings[0].participants: a meeting may have at most 100 participants, not 2,000"
        " (it would make 1,999,000 pairs of actors who met)"
    )
    # The budget counter: the file's own tree, not its 1,999,000 pairs (a GB and more).
    assert peak < 100 * 1024 * 1024, f"{peak:,} bytes"


def test_the_models_share_equal_sets_of_given_fields() -> None:
    from meetgraph.schema import Meeting
    from meetgraph.settings import Settings

    text = Settings().default_dataset.read_text(encoding="utf-8")
    dataset = load_dataset_text(text, "seoul.yaml")
    given = [m.__pydantic_fields_set__ for m in dataset.meetings]
    # One set object per distinct set of fields (each of its own before), ...
    assert len({id(s) for s in given}) == len({frozenset(s) for s in given}) < len(given)
    # ... and what each model says it was given is unchanged.
    tree = parse_yaml(text, "seoul.yaml")
    alone = [Meeting.model_validate(item) for item in tree["meetings"]]
    assert [m.model_dump(exclude_unset=True) for m in dataset.meetings] == [
        m.model_dump(exclude_unset=True) for m in alone
    ]
