"""Every message the loader can give: what makes it, its exact words, in English and Korean.

The table below is the list of the loader's messages (YAML, schema and integrity), and
``tests/test_jsonload.py`` has the JSON reader's:
each ``problem.*`` word of the locale files is used by one of its cases at least,
so that a new message cannot be added without a case that shows it.
"""

from __future__ import annotations

import json
import os
import string
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from parquetfolders import rewrite, write_parquet_folder
from pydantic import BaseModel, ValidationError
from test_jsonload import JSON_CASES

from meetgraph import loader, schema
from meetgraph.errors import DatasetError, Problem
from meetgraph.examples import EXAMPLE_YAML
from meetgraph.jsonload import load_dataset_json
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.parquet import read_parquet_directory
from meetgraph.settings import Limits

LIMITS = Limits()
RULE = """\
expectations:
  - id: r1
    label: {en: R}
    visitor: a
    expected: {country: JP, sectors: [ai]}
    peers: {countries: [KR], sectors: [ai]}
"""


def changed(old: str, new: str, base: str = EXAMPLE_YAML + RULE) -> str:
    """The example dataset (with one expectation rule) with ``old`` replaced by ``new``, once."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


def _read(path: Path) -> list[Problem]:
    try:
        load_dataset(path)
    except DatasetError as error:
        return error.problems
    return []


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "m.yaml")
    return tmp_path / "m.yaml"


# Inputs that are not text: a file that is not there, a folder, a pipe, a device.
FILES: dict[str, Callable[[Path], Path]] = {
    "cannot_read": lambda tmp: tmp / "nowhere.yaml",
    "folder": lambda tmp: tmp,
    "named_pipe": _fifo,
    "device": lambda tmp: Path("/dev/null"),
}

# Each case: what triggers a message (a text or the bytes of m.yaml, and the limits of the
# load), and one line it must give. Together they use every problem.* word of the locales.
CASES: list[tuple[str, str | bytes, Limits, str]] = [
    (
        "too_large",
        EXAMPLE_YAML,
        Limits(max_bytes=10),
        "m.yaml:1:1: the file is larger than the limit of 10 bytes",
    ),
    (
        "not_utf8",
        b"a: \xff\n",
        LIMITS,
        "m.yaml:1:4: the text is not UTF-8 (byte 0xff): save the file as UTF-8",
    ),
    (
        "control_raw",
        "a: \x07\n",
        LIMITS,
        "m.yaml:1:4: the control character U+0007 is not allowed: remove it",
    ),
    (
        "empty",
        "",
        LIMITS,
        "m.yaml:1:1: the file holds no data: a dataset starts with the line meetgraph: 1",
    ),
    (
        "top_level_list",
        "- a\n",
        LIMITS,
        "m.yaml:1:1: the file must be key: value lines, starting with meetgraph: 1, not a list",
    ),
    (
        "top_level_text",
        "just text\n",
        LIMITS,
        (
            "m.yaml:1:1: the file must be key: value lines, starting with"
            " meetgraph: 1, not 'just text'"
        ),
    ),
    (
        "two_documents",
        "a: 1\n---\nb: 2\n",
        LIMITS,
        "m.yaml:2:1: a file holds one dataset: remove this --- and what follows",
    ),
    (
        "anchor",
        "a: &x 1\nb: *x\n",
        LIMITS,
        "m.yaml:1:4: a: anchors (&x) are not allowed: remove &x",
    ),
    (
        "alias",
        "a: &x 1\nb: *x\n",
        LIMITS,
        "m.yaml:2:4: b: aliases (*x) are not allowed: write the value itself",
    ),
    (
        "tag",
        "a: !!int 1\n",
        LIMITS,
        "m.yaml:1:4: a: tags (!!int) are not allowed: remove !!int",
    ),
    (
        "complex_key",
        "? [a]\n: b\n",
        LIMITS,
        "m.yaml:1:3: a key must be a word such as status, not a list or key: value lines",
    ),
    (
        "too_deep",
        "a: [[x]]\n",
        Limits(max_depth=2),
        "m.yaml:1:5: a[0]: nested deeper than 2 levels",
    ),
    (
        "duplicate_key",
        "a: 1\na: 2\n",
        LIMITS,
        "m.yaml:2:1: a: duplicate key 'a' (first at line 1): keep one of them",
    ),
    (
        "control",
        'a: "Sam \\e[31m"\n',
        LIMITS,
        "m.yaml:1:4: a: holds the control character '\\x1b', which text cannot hold: remove it",
    ),
    # YAML mistakes, in words
    (
        "yaml_colon",
        "title: Seoul: the visit\n",
        LIMITS,
        (
            "m.yaml:1:13: a colon and a space inside a value start a new key; put"
            ' the text in quotes, like title: "Seoul: the visit"'
        ),
    ),
    (
        "yaml_colon_in_braces",
        "dataset: {id: x, title: {en: Seoul: the visit}}\n",
        LIMITS,
        (
            "m.yaml:1:35: a colon and a space inside a value start a new key; put"
            ' the text in quotes, like en: "Seoul: the visit"'
        ),
    ),
    (
        "yaml_colon_list_item",
        "- title: Seoul: the visit # a comment\n",
        LIMITS,
        (
            "m.yaml:1:15: a colon and a space inside a value start a new key; put"
            ' the text in quotes, like title: "Seoul: the visit"'
        ),
    ),
    (
        "yaml_no_space",
        "id:seoul\nname: Seoul\n",
        LIMITS,
        "m.yaml:1:3: a colon needs a space after it: write id: seoul",
    ),
    (
        "yaml_indentation",
        "a:\n  b: c\n d: e\n",
        LIMITS,
        (
            "m.yaml:3:2: this line does not line up with the lines above it: check"
            " the spaces at its start"
        ),
    ),
    (
        "yaml_tab",
        "a:\n\tb: c\n",
        LIMITS,
        "m.yaml:2:1: a tab indents this line: indent with spaces",
    ),
    (
        "yaml_reserved",
        "name: @sama\n",
        LIMITS,
        ("m.yaml:1:7: a value cannot start with '@'; put the text in quotes, like name: \"@sama\""),
    ),
    (
        "yaml_unclosed_brace",
        "a: {b: c\nd: e\n",
        LIMITS,
        "m.yaml:1:4: the { opened here is not closed: end it with }",
    ),
    (
        "yaml_unclosed_bracket",
        "a: [b, c\nd: e\n",
        LIMITS,
        "m.yaml:1:4: the [ opened here is not closed: end it with ]",
    ),
    (
        "yaml_unclosed_quote",
        'a: "abc\nb: c\n',
        LIMITS,
        'm.yaml:1:4: the quote opened here is not closed: end the text with "',
    ),
    (
        "yaml_unopened",
        "a: {b: c}}\n",
        LIMITS,
        "m.yaml:1:10: } closes nothing: remove it",
    ),
    (
        "yaml_after_quote",
        'a: "Seoul" visit\n',
        LIMITS,
        "m.yaml:1:12: text follows the closing quote: put all of the text inside the quotes",
    ),
    (
        "yaml_list_after_key",
        "a: - b\n",
        LIMITS,
        (
            "m.yaml:1:4: a list cannot start on its key's line: start each item on"
            " a new line with - , or write [a, b]"
        ),
    ),
    (
        "yaml_no_colon",
        "a: b\nc\nd: e\n",
        LIMITS,
        "m.yaml:2:1: this line has no colon: write key: value, such as id: seoul",
    ),
    (
        "yaml_escape",
        'a: "C:\\Users"\n',
        LIMITS,
        (
            "m.yaml:1:9: a backslash inside double quotes starts an escape such as"
            " \\n: write \\\\ for a backslash, or use single quotes"
        ),
    ),
    (
        "yaml_syntax",
        "%YAML 2.0\n---\na: b\n",
        LIMITS,
        "m.yaml:1:1: this is not valid YAML: check the indentation, quotes and brackets here",
    ),
    # the schema
    (
        "missing",
        changed("    status: held\n", ""),
        LIMITS,
        "m.yaml:11:5: meetings[0].status: required field is missing",
    ),
    (
        "unknown_field",
        changed("    status: held\n", "    status: held\n    colour: red\n"),
        LIMITS,
        "m.yaml:14:5: meetings[0].colour: unknown field: check its spelling, or remove it",
    ),
    (
        "comma_in_text",
        changed("title: {en: Example}", "title: {en: Seoul, June 2025}"),
        LIMITS,
        (
            "m.yaml:2:43: dataset.title.June 2025: a comma inside { } ends the text"
            ' before it; put the text in quotes, like en: "Seoul, June 2025"'
        ),
    ),
    (
        "comma_in_item",
        changed(
            "country: KR}\n  - {id: b", "country: KR, note: Met in Seoul, June 2025}\n  - {id: b"
        ),
        LIMITS,
        (
            "m.yaml:7:94: actors[0].June 2025: a comma inside { } ends the text"
            ' before it; put the text in quotes, like note: "Met in Seoul, June'
            ' 2025"'
        ),
    ),
    (
        "text",
        changed("{en: B}", "{en: [B]}"),
        LIMITS,
        "m.yaml:8:24: actors[1].name.en: must be text, not a list",
    ),
    (
        "empty_text",
        changed("quote: Q", 'quote: " "'),
        LIMITS,
        "m.yaml:15:35: meetings[0].evidence[0].quote: must hold some text, not ' '",
    ),
    (
        "too_long_text",
        changed("title: T,", f"title: {'x' * 2001},"),
        LIMITS,
        "m.yaml:5:20: sources[0].title: must be at most 2,000 characters long, not 2,001",
    ),
    (
        "texts",
        changed("name: {en: B}", "name: B"),
        LIMITS,
        (
            "m.yaml:8:19: actors[1].name: must be text per language, such as {en:"
            " Seoul, ko: 서울}, not 'B'"
        ),
    ),
    (
        "key_values",
        changed("evidence: [{source: s, quote: Q}]", "evidence: [s]"),
        LIMITS,
        (
            "m.yaml:15:16: meetings[0].evidence[0]: must be key: value lines, such"
            " as id: seoul, not 's'"
        ),
    ),
    (
        "list",
        changed("participants: [a, b, c]", "participants: a"),
        LIMITS,
        "m.yaml:12:19: meetings[0].participants: must be a list, such as [a, b], not 'a'",
    ),
    (
        "too_few",
        changed("participants: [a, b, c]", "participants: [a]"),
        LIMITS,
        "m.yaml:12:19: meetings[0].participants: must list at least 2, not 1",
    ),
    (
        "too_few_texts",
        changed("name: {en: B}", "name: {}"),
        LIMITS,
        "m.yaml:8:19: actors[1].name: must list at least 1, not 0",
    ),
    (
        "at_least",
        changed("    status: held\n", "    status: held\n    order: 0\n"),
        LIMITS,
        "m.yaml:14:12: meetings[0].order: must be at least 1, not '0'",
    ),
    (
        "at_most",
        changed("meetgraph: 1", "meetgraph: 2"),
        LIMITS,
        "m.yaml:1:12: meetgraph: must be at most 1, not '2'",
    ),
    (
        "one_of",
        changed("status: held", "status: done"),
        LIMITS,
        "m.yaml:13:13: meetings[0].status: must be 'held', 'planned' or 'requested', not 'done'",
    ),
    (
        "whole_number",
        changed("meetgraph: 1", "meetgraph: 1.0"),
        LIMITS,
        "m.yaml:1:12: meetgraph: must be a whole number such as 3, not '1.0'",
    ),
    (
        "whole_number_list",
        changed("meetgraph: 1", "meetgraph: [1]"),
        LIMITS,
        "m.yaml:1:12: meetgraph: must be a whole number such as 3, not a list",
    ),
    (
        "date",
        changed('date: "2025-02-04"', "date: 2/4"),
        LIMITS,
        (
            "m.yaml:14:11: meetings[0].date: must be a date like 2025-02-04"
            " (year-month-day), not '2/4'"
        ),
    ),
    (
        "date_key_values",
        changed('date: "2025-02-04"', "date: {day: 4}"),
        LIMITS,
        (
            "m.yaml:14:11: meetings[0].date: must be a date like 2025-02-04"
            " (year-month-day), not key: value lines"
        ),
    ),
    (
        "real_date",
        changed('date: "2025-02-04"', "date: 2025-02-30"),
        LIMITS,
        (
            "m.yaml:14:11: meetings[0].date: must be a date that exists, like"
            " 2025-02-04 (year-month-day), not '2025-02-30'"
        ),
    ),
    (
        "date_time",
        changed('published: "2025-02-04T17:32:00+09:00"', "published: 2025-02-04"),
        LIMITS,
        (
            "m.yaml:5:48: sources[0].published: must be a date and time with its"
            " offset from UTC, like 2025-02-04T17:32:00+09:00, not '2025-02-04'"
        ),
    ),
    (
        "date_time_empty",
        changed('published: "2025-02-04T17:32:00+09:00"', "published: "),
        LIMITS,
        (
            "m.yaml:5:48: sources[0].published: must be a date and time with its"
            " offset from UTC, like 2025-02-04T17:32:00+09:00, not empty"
        ),
    ),
    (
        "real_date_time",
        changed("2025-02-04T17:32", "2025-02-30T17:32"),
        LIMITS,
        (
            "m.yaml:5:48: sources[0].published: must be a date and time that"
            " exists, like 2025-02-04T17:32:00+09:00, not"
            " '2025-02-30T17:32:00+09:00'"
        ),
    ),
    (
        "id",
        changed("id: m1", "id: Meeting 1"),
        LIMITS,
        (
            "m.yaml:11:9: meetings[0].id: must be an id of lower-case letters,"
            " digits and single hyphens, such as sam-altman, not 'Meeting 1'"
        ),
    ),
    (
        "country_code",
        changed("country: JP}", "country: Japan}"),
        LIMITS,
        (
            "m.yaml:9:69: actors[2].country: must be a country code of two capital"
            " letters, such as KR, not 'Japan'"
        ),
    ),
    (
        "country_unassigned",
        changed("country: JP}", "country: ZZ}"),
        LIMITS,
        "m.yaml:9:69: actors[2].country: must be a country code in use, such as KR, not 'ZZ'",
    ),
    (
        "country_instead",
        changed("country: JP}", "country: UK}"),
        LIMITS,
        (
            "m.yaml:9:69: actors[2].country: must be GB, the ISO 3166-1 code of"
            " this country, not 'UK'"
        ),
    ),
    (
        "colour",
        changed("label: {en: AI}}", "label: {en: AI}, color: red}"),
        LIMITS,
        "m.yaml:3:44: sectors[0].color: must be a colour such as #1f77b4, not 'red'",
    ),
    (
        "language_code",
        changed("language: ko}", "language: Korean}"),
        LIMITS,
        (
            "m.yaml:5:87: sources[0].language: must be a language code such as ko"
            " or pt-BR, not 'Korean'"
        ),
    ),
    (
        "web_address",
        changed("language: ko}", "language: ko, url: www.example.com}"),
        LIMITS,
        (
            "m.yaml:5:96: sources[0].url: must be a web address starting with"
            " http:// or https://, such as https://example.com, not"
            " 'www.example.com'"
        ),
    ),
    (
        "time",
        changed("    status: held\n", "    status: held\n    time: noon\n"),
        LIMITS,
        (
            "m.yaml:14:11: meetings[0].time: must be a time like 14:30 (24 h), or"
            " morning, afternoon, evening or night, not 'noon'"
        ),
    ),
    (
        "one_line",
        changed("{en: B}", '{en: "B\\nC"}'),
        LIMITS,
        (
            "m.yaml:8:24: actors[1].name.en: must be one line of text (no line"
            " breaks or tabs), not 'B\\nC'"
        ),
    ),
    (
        "got_empty",
        changed("    status: held\n", "    status:\n"),
        LIMITS,
        "m.yaml:13:12: meetings[0].status: must be 'held', 'planned' or 'requested', not empty",
    ),
    # the integrity pass
    (
        "duplicate_actor",
        changed("{id: b,", "{id: a,"),
        LIMITS,
        (
            "m.yaml:8:10: actors[1].id: duplicate actor id 'a' (first at line 7):"
            " each actor needs its own id"
        ),
    ),
    (
        "duplicate_sector",
        changed(
            "[{id: ai, label: {en: AI}}]", "[{id: ai, label: {en: AI}}, {id: ai, label: {en: A}}]"
        ),
        LIMITS,
        (
            "m.yaml:3:43: sectors[1].id: duplicate sector id 'ai' (first at line"
            " 3): each sector needs its own id"
        ),
    ),
    (
        "duplicate_source",
        changed(
            "language: ko}\n",
            "language: ko}\n  - {id: s, title: U, publisher: P,"
            ' published: "2025-02-04T17:32:00+09:00", language: ko}\n',
        ),
        LIMITS,
        (
            "m.yaml:6:10: sources[1].id: duplicate source id 's' (first at line 5):"
            " each source needs its own id"
        ),
    ),
    (
        "duplicate_meeting",
        changed(
            "expectations:\n",
            "  - {id: m1, participants: [a, b], status: held,"
            " evidence: [{source: s, quote: Q}]}\nexpectations:\n",
        ),
        LIMITS,
        (
            "m.yaml:16:10: meetings[1].id: duplicate meeting id 'm1' (first at line"
            " 11): each meeting needs its own id"
        ),
    ),
    (
        "duplicate_expectation",
        EXAMPLE_YAML + RULE + RULE.removeprefix("expectations:\n"),
        LIMITS,
        (
            "m.yaml:22:9: expectations[1].id: duplicate expectation id 'r1' (first"
            " at line 17): each expectation needs its own id"
        ),
    ),
    (
        "shared_id",
        changed("id: r1", "id: m1"),
        LIMITS,
        (
            "m.yaml:17:9: expectations[0].id: expectation id 'm1' is also a meeting"
            " id (line 11): give it another"
        ),
    ),
    (
        "unknown_actor",
        changed("[a, b, c]", "[a, b, z]"),
        LIMITS,
        "m.yaml:12:26: meetings[0].participants[2]: unknown actor 'z':"
        " check the spelling, or add that actor",
    ),
    (
        "unknown_sector",
        changed(
            "type: person, sector: ai, country: KR}\n  - {id: c",
            "type: person, sector: chips, country: KR}\n  - {id: c",
        ),
        LIMITS,
        "m.yaml:8:50: actors[1].sector: unknown sector 'chips': check the"
        " spelling, or add that sector",
    ),
    (
        "unknown_source",
        changed("source: s,", "source: news,"),
        LIMITS,
        (
            "m.yaml:15:25: meetings[0].evidence[0].source: unknown source 'news':"
            " check the spelling, or add that source"
        ),
    ),
    (
        "own_affiliation",
        changed("country: KR}\n  - {id: c", "country: KR, affiliation: b}\n  - {id: c"),
        LIMITS,
        "m.yaml:8:80: actors[1].affiliation: an actor cannot be its own affiliation",
    ),
    (
        "listed_twice",
        changed("[a, b, c]", "[a, b, b]"),
        LIMITS,
        "m.yaml:12:26: meetings[0].participants[2]: participant 'b' is listed twice",
    ),
    (
        "two_participants",
        changed("[a, b, c]", "[a, a]"),
        LIMITS,
        (
            "m.yaml:12:19: meetings[0].participants: a meeting needs at least two"
            " different participants"
        ),
    ),
    (
        "too_many_participants",
        EXAMPLE_YAML,
        Limits(max_participants=2),
        (
            "m.yaml:12:19: meetings[0].participants: a meeting may have at most 2"
            " participants, not 3 (it would make 3 pairs of actors who met)"
        ),
    ),
    (
        "too_many_pairs",
        EXAMPLE_YAML,
        Limits(max_pairs=2),
        (
            "m.yaml:12:19: meetings[0].participants: the meetings up to this one"
            " make 3 pairs of actors who met, more than the limit of 2"
        ),
    ),
    (
        "language_twice",
        "languages: [en, en]\n" + EXAMPLE_YAML,
        LIMITS,
        "m.yaml:1:17: languages[1]: language 'en' is listed twice",
    ),
    (
        # A mapping among the languages is the schema's to report, not a crash (it is
        # not hashable, and the check for repeats had put it in a set).
        "language_twice",
        "languages: [{en: x}, en, en]\n" + EXAMPLE_YAML,
        LIMITS,
        "m.yaml:1:26: languages[2]: language 'en' is listed twice",
    ),
    (
        "first_language",
        changed("name: {en: B}", "name: {ko: 나}"),
        LIMITS,
        "m.yaml:8:19: actors[1].name: has no text in 'en', the dataset's first language",
    ),
    (
        "undeclared_language",
        changed("name: {en: B}", "name: {en: B, fr: B}"),
        LIMITS,
        (
            "m.yaml:8:27: actors[1].name.fr: language 'fr' is not one of the"
            " dataset's languages (en, ko)"
        ),
    ),
]

FILE_MESSAGES = {
    "cannot_read": "{tmp}/nowhere.yaml:1:1: cannot read: No such file or directory",
    "folder": "{tmp}:1:1: cannot read: a folder, not a file",
    "named_pipe": "{tmp}/m.yaml:1:1: cannot read: a named pipe, not a file",
    "device": "/dev/null:1:1: cannot read: a device, not a file",
}


def _parquet(tmp: Path, name: str, table: str = "", select: str = "") -> Path:
    """The example dataset as the Parquet folder ``name``, ``table`` rewritten by ``select``."""
    folder = write_parquet_folder(tmp / name, load_dataset_text(EXAMPLE_YAML, "x"))
    if select:
        rewrite(folder, table, select)
    elif table:
        (folder / f"{table}.parquet").write_bytes(b"not parquet")
    return folder


def _without_topics(tmp: Path) -> list[Problem]:
    folder = _parquet(tmp, "no-topics")
    (folder / "topics.parquet").unlink()
    return _read_folder(folder)


def _with_notes(tmp: Path) -> list[Problem]:
    folder = _parquet(tmp, "notes")
    (folder / "notes.parquet").write_bytes(b"")
    return _read_folder(folder)


def _without_duckdb(tmp: Path) -> list[Problem]:
    folder = _parquet(tmp, "no-duckdb")
    with mock.patch.dict(sys.modules, {"duckdb": None}):  # import duckdb raises ImportError
        return _read_folder(folder)


def _read_folder(folder: Path, limits: Limits = LIMITS) -> list[Problem]:
    try:
        read_parquet_directory(folder, limits=limits)
    except DatasetError as error:
        return error.problems
    return []


# Folders of tables (Parquet; CSV shares the words of its files): what gives each message.
FOLDERS: dict[str, tuple[Callable[[Path], list[Problem]], str]] = {
    "not_table_folder": (
        lambda tmp: _read_folder(_parquet(tmp, "p") / "actors.parquet"),
        "{tmp}/p/actors.parquet: not a folder of Parquet files",
    ),
    "missing_file": (_without_topics, "{tmp}/no-topics: missing file 'topics.parquet'"),
    "unknown_file": (
        _with_notes,
        "{tmp}/notes: unknown file 'notes.parquet' (the files are dataset.parquet,"
        " languages.parquet, sectors.parquet, sources.parquet, authors.parquet, actors.parquet,"
        " meetings.parquet, participants.parquet, topics.parquet, evidence.parquet,"
        " expectations.parquet)",
    ),
    "files_too_large": (
        lambda tmp: _read_folder(_parquet(tmp, "big"), Limits(max_bytes=100)),
        "{tmp}/big: the files hold more than the limit of 100 bytes",
    ),
    "not_parquet": (
        lambda tmp: _read_folder(_parquet(tmp, "bad", "sources")),
        "{tmp}/bad/sources.parquet: not a Parquet file",
    ),
    "parquet_type": (
        lambda tmp: _read_folder(_parquet(tmp, "type", "actors", '* REPLACE (1.5 AS "Country")')),
        "{tmp}/type/actors.parquet: the column 'Country' holds values of type DECIMAL(2,1):"
        " write it as text (VARCHAR)",
    ),
    "parquet_date_type": (
        lambda tmp: _read_folder(_parquet(tmp, "date", "meetings", '* REPLACE (now() AS "Date")')),
        "{tmp}/date/meetings.parquet: the column 'Date' holds values of type"
        " TIMESTAMP WITH TIME ZONE: write it as DATE, or as text like 2025-02-04",
    ),
    "needs_extra": (
        _without_duckdb,
        "{tmp}/no-duckdb: reading Parquet needs DuckDB: pip install 'meetgraph[parquet]'",
    ),
}


def problems_of(text: str | bytes, limits: Limits) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "m.yaml", limits=limits)
    return caught.value.problems


@pytest.mark.parametrize(
    ("name", "text", "limits", "expected"), CASES, ids=[case[0] for case in CASES]
)
def test_each_message_in_its_exact_words(
    name: str, text: str | bytes, limits: Limits, expected: str
) -> None:
    assert expected in [str(problem) for problem in problems_of(text, limits)]


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_file_message_in_its_exact_words(name: str, tmp_path: Path) -> None:
    lines = [str(problem) for problem in _read(FILES[name](tmp_path))]
    assert lines == [FILE_MESSAGES[name].format(tmp=tmp_path)]


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_each_folder_message_in_its_exact_words(name: str, tmp_path: Path) -> None:
    make, expected = FOLDERS[name]
    assert [str(problem) for problem in make(tmp_path)] == [expected.format(tmp=tmp_path)]


def _words(language: str) -> dict[str, str]:
    text = resources.files("meetgraph").joinpath(f"locales/{language}.json").read_text("utf-8")
    words: dict[str, str] = json.loads(text)
    return {key: value for key, value in words.items() if key.startswith("problem.")}


def _json_problems(text: str | bytes, limits: Limits) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        load_dataset_json(text, "m.json", limits=limits)
    return caught.value.problems


def test_the_table_uses_every_message(tmp_path: Path) -> None:
    used = {
        key
        for _, text, limits, _ in CASES
        for problem in problems_of(text, limits)
        for part in problem.parts
        for key in part.keys_used()
    }
    # The JSON reader's own words are used by its table of broken files.
    used |= {
        key
        for _, text, limits, _ in JSON_CASES
        for problem in _json_problems(text, limits)
        for part in problem.parts
        for key in part.keys_used()
    }
    used |= {
        key
        for make in FILES.values()
        for p in _read(make(tmp_path))
        for key in p.parts[0].keys_used()
    }
    used |= {
        key
        for make, _ in FOLDERS.values()
        for p in make(tmp_path)
        for key in p.parts[0].keys_used()
    }
    # "invalid" is the loader's last resort, which no input reaches (see the test below).
    assert {f"problem.{key}" for key in used} == set(_words("en")) - {"problem.invalid"}


def _fields(template: str) -> set[str]:
    return {name.split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def test_korean_has_every_message_with_the_same_fields() -> None:
    english, korean = _words("en"), _words("ko")
    assert set(korean) == set(english)
    assert {key: _fields(text) for key, text in korean.items()} == {
        key: _fields(text) for key, text in english.items()
    }


KOREAN = {
    "date": (
        "m.yaml:14:11: meetings[0].date: 2025-02-04(연-월-일) 같은 날짜여야 합니다 (입력: '2/4')"
    ),
    "unknown_actor": (
        "m.yaml:12:26: meetings[0].participants[2]:"
        " 알 수 없는 행위자 'z': 철자를 확인하거나 그 행위자를 추가하세요"
    ),
    "duplicate_key": "m.yaml:2:1: a: 키 'a'이(가) 두 번 나옵니다(처음은 1행): 하나만 남기세요",
    "too_few": "m.yaml:12:19: meetings[0].participants: 2개 이상 나열해야 합니다 (지금 1개)",
    "yaml_colon": (
        "m.yaml:1:13: 값 안의 콜론과 공백은 새 키를 시작합니다;"
        ' 텍스트를 따옴표로 감싸세요. 예: title: "Seoul: the visit"'
    ),
    "comma_in_text": (
        "m.yaml:2:43: dataset.title.June 2025: { } 안의 쉼표는 그 앞에서 텍스트를 끝냅니다;"
        ' 텍스트를 따옴표로 감싸세요. 예: en: "Seoul, June 2025"'
    ),
}


@pytest.mark.parametrize("name", sorted(KOREAN))
def test_messages_in_korean(name: str) -> None:
    _, text, limits, _ = next(case for case in CASES if case[0] == name)
    assert KOREAN[name] in [problem.text("ko") for problem in problems_of(text, limits)]


def test_a_language_without_words_gets_english() -> None:
    (problem,) = problems_of("a: 1\na: 2\n", LIMITS)
    assert problem.text("fr") == problem.text("en") == str(problem)


def test_the_two_yaml_traps_get_a_hint_to_quote_the_text() -> None:
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(
            changed("title: {en: Example}", "title: {en: Seoul, June 2025}"), "t.yaml"
        )
    assert str(caught.value) == (
        "t.yaml:2:43: dataset.title.June 2025: a comma inside { } ends the text before it;"
        ' put the text in quotes, like en: "Seoul, June 2025"'
    )
    text = changed(
        "dataset: {id: example, title: {en: Example}}",
        "dataset:\n  id: example\n  title:\n    en: Seoul: the visit",
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "t.yaml")
    assert str(caught.value) == (
        "t.yaml:5:14: a colon and a space inside a value start a new key;"
        ' put the text in quotes, like en: "Seoul: the visit"'
    )


# Values of every kind the loader's tree can hold, for every field of every model.
VALUES: list[Any] = [
    None,
    "",
    " ",
    "x",
    "X" * 10_001,
    "Sam\tAltman",
    "0",
    "1001",
    "99999999999",
    "1.5",
    "2025-02-30",
    "2025-02-30T00:00:00+09:00",
    [],
    ["x"],
    [None],
    [{}],
    {},
    {"x": "y"},
    {"EN": "x"},
    {"en": None},
    {"en": ["x"]},
]
MODELS: list[type[BaseModel]] = [
    model
    for model in vars(schema).values()
    if isinstance(model, type) and issubclass(model, schema._Strict) and model is not schema._Strict
]


def test_every_error_the_models_can_raise_has_words() -> None:
    types = set()
    for model in MODELS:
        for field in model.model_fields:
            for value in VALUES:
                try:
                    model.model_validate({field: value})
                except ValidationError as error:
                    for item in error.errors(include_url=False):
                        types.add(item["type"])
                        assert loader._message(item)[0].key != "invalid", item
    assert {"enum", "int_type", "datetime_type", "string_pattern_mismatch"} <= types
