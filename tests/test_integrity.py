"""The integrity pass: cross references, each problem named and located."""

from __future__ import annotations

import pytest

from meetgraph.errors import DatasetError
from meetgraph.integrity import check_integrity
from meetgraph.loader import load_dataset_text, parse_yaml
from meetgraph.settings import Limits

VALID = """\
meetgraph: 1
dataset: {id: t, title: {en: T}}
sectors: [{id: ai, label: {en: AI}}, {id: gov, label: {en: Government}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: en}]
actors:
  - {id: v, name: {en: Visitor}, type: person, sector: ai, country: US}
  - {id: pm, name: {en: PM}, type: person, sector: gov, country: JP}
  - {id: min, name: {en: Minister}, type: person, sector: gov, country: KR, affiliation: pm}
meetings:
  - {id: v-pm, participants: [v, pm], status: held, evidence: [{source: s, quote: q}]}
expectations:
  - id: kr-gov
    label: {en: Government contact}
    visitor: v
    expected: {country: KR, sectors: [gov]}
    peers: {countries: [JP], sectors: [gov]}
    evidence: [{source: s, quote: q}]
"""


def problems(text: str) -> list[str]:
    return [str(p) for p in check_integrity(parse_yaml(text, "i.yaml"), "i.yaml")]


def changed(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def test_valid_dataset_has_no_problems() -> None:
    assert problems(VALID) == []
    assert load_dataset_text(VALID, "i.yaml").actors[2].affiliation == "pm"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{id: gov, label: {en: Government}}]",
            "{id: gov, label: {en: Government}}, {id: ai, label: {en: A}}]",
            "i.yaml:3:79: sectors[2].id: duplicate sector id 'ai' (first at line 3): each"
            " sector needs its own id",
        ),
        (
            "language: en}]",
            "language: en},\n  {id: s, title: U, publisher: P,"
            ' published: "2025-01-01T00:00:00Z", language: en}]',
            "i.yaml:5:8: sources[1].id: duplicate source id 's' (first at line 4): each source"
            " needs its own id",
        ),
        (
            "meetings:\n",
            "  - {id: v, name: {en: Visitor}, type: group, sector: ai, country: US}\nmeetings:\n",
            "i.yaml:9:10: actors[3].id: duplicate actor id 'v' (first at line 6): each actor"
            " needs its own id",
        ),
        (
            "meetings:\n",
            "meetings:\n  - {id: v-pm, participants: [v, min], status: planned,"
            " evidence: [{source: s, quote: q}]}\n",
            "i.yaml:11:10: meetings[1].id: duplicate meeting id 'v-pm' (first at line 10):"
            " each meeting needs its own id",
        ),
        (
            "    evidence: [{source: s, quote: q}]\n",
            "    evidence: [{source: s, quote: q}]\n  - id: kr-gov\n    label: {en: Again}\n"
            "    visitor: v\n    expected: {country: KR, sectors: [gov]}\n"
            "    peers: {countries: [JP], sectors: [gov]}\n",
            "i.yaml:18:9: expectations[1].id: duplicate expectation id 'kr-gov' (first at line"
            " 12): each expectation needs its own id",
        ),
    ],
    ids=["sector", "source", "actor", "meeting", "expectation"],
)
def test_duplicate_ids_name_both_lines(old: str, new: str, expected: str) -> None:
    assert problems(changed(old, new)) == [expected]


def test_expectation_id_must_not_be_a_meeting_id() -> None:
    # Both key edges of the graph: the derived edge would replace the meeting's.
    text = changed("id: kr-gov", "id: v-pm")
    assert problems(text) == [
        "i.yaml:12:9: expectations[0].id: expectation id 'v-pm' is also a meeting id (line"
        " 10): give it another"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "sector: gov, country: JP",
            "sector: finance, country: JP",
            "i.yaml:7:52: actors[1].sector: unknown sector 'finance': check"
            " the spelling, or add that sector",
        ),
        (
            "expected: {country: KR, sectors: [gov]}",
            "expected: {country: KR, sectors: [gov, finance]}",
            "i.yaml:15:44: expectations[0].expected.sectors[1]: unknown sector 'finance': check the"
            " spelling, or add that sector",
        ),
        (
            "peers: {countries: [JP], sectors: [gov]}",
            "peers: {countries: [JP], sectors: [finance]}",
            "i.yaml:16:40: expectations[0].peers.sectors[0]: unknown sector 'finance': check the"
            " spelling, or add that sector",
        ),
        (
            "participants: [v, pm]",
            "participants: [v, pn]",
            "i.yaml:10:34: meetings[0].participants[1]: unknown actor 'pn':"
            " check the spelling, or add that actor",
        ),
        (
            "affiliation: pm}",
            "affiliation: cabinet}",
            "i.yaml:8:90: actors[2].affiliation: unknown actor 'cabinet':"
            " check the spelling, or add that actor",
        ),
        (
            "visitor: v",
            "visitor: sam",
            "i.yaml:14:14: expectations[0].visitor: unknown actor 'sam':"
            " check the spelling, or add that actor",
        ),
        (
            "status: held, evidence: [{source: s,",
            "status: held, evidence: [{source: news,",
            "i.yaml:10:73: meetings[0].evidence[0].source: unknown source 'news': check the"
            " spelling, or add that source",
        ),
        (
            "    evidence: [{source: s, quote: q}]\n",
            "    evidence: [{source: s, quote: q}, {source: news, quote: q}]\n",
            "i.yaml:17:48: expectations[0].evidence[1].source: unknown source 'news': check the"
            " spelling, or add that source",
        ),
        (
            "affiliation: pm}",
            "affiliation: min}",
            "i.yaml:8:90: actors[2].affiliation: an actor cannot be its own affiliation",
        ),
    ],
    ids=[
        "actor-sector",
        "expected-sector",
        "peer-sector",
        "participant",
        "affiliation",
        "visitor",
        "meeting-source",
        "expectation-source",
        "own-affiliation",
    ],
)
def test_unknown_references_are_named(old: str, new: str, expected: str) -> None:
    assert problems(changed(old, new)) == [expected]


def test_participants_must_be_two_different_actors() -> None:
    text = changed("participants: [v, pm]", "participants: [v, v, v]")
    assert problems(text) == [
        "i.yaml:10:34: meetings[0].participants[1]: participant 'v' is listed twice",
        "i.yaml:10:37: meetings[0].participants[2]: participant 'v' is listed twice",
        "i.yaml:10:30: meetings[0].participants:"
        " a meeting needs at least two different participants",
    ]


def test_a_single_participant_is_left_to_the_schema() -> None:
    text = changed("participants: [v, pm]", "participants: [v]")
    assert problems(text) == []
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "i.yaml")
    assert str(caught.value) == (
        "i.yaml:10:30: meetings[0].participants: must list at least 2, not 1"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("actors:\n", "actors: none\nx:\n"),
        ("participants: [v, pm]", "participants: v and pm"),
        ("participants: [v, pm]", "participants: [[v], {pm: 1}]"),
        ("expected: {country: KR, sectors: [gov]}", "expected: [KR, gov]"),
        ("peers: {countries: [JP], sectors: [gov]}", "peers: {countries: [JP], sectors: gov}"),
        ("    evidence: [{source: s, quote: q}]\n", "    evidence: [s, q]\n"),
        ("visitor: v", "visitor: [v]"),
    ],
)
def test_malformed_parts_are_left_to_the_schema(old: str, new: str) -> None:
    text = changed(old, new)
    assert problems(text) == []
    with pytest.raises(DatasetError):
        load_dataset_text(text, "i.yaml")


def test_integrity_and_schema_problems_are_reported_together() -> None:
    text = changed("participants: [v, pm]", "participants: [v, pn]")
    text = text.replace("country: US", "country: usa").replace("status: held", "status: done")
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "i.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "i.yaml:6:69: actors[0].country:"
        " must be a country code of two capital letters, such as KR, not 'usa'",
        "i.yaml:10:34: meetings[0].participants[1]: unknown actor 'pn':"
        " check the spelling, or add that actor",
        "i.yaml:10:47: meetings[0].status: must be 'held', 'planned' or 'requested', not 'done'",
    ]


def meeting_of(count: int) -> str:
    actors = "".join(
        f"  - {{id: p{i}, name: {{en: P{i}}}, type: person, sector: ai, country: KR}}\n"
        for i in range(count)
    )
    participants = ", ".join(f"p{i}" for i in range(count))
    return changed("meetings:\n", actors + "meetings:\n").replace(
        "participants: [v, pm]", f"participants: [{participants}]"
    )


def test_a_meeting_of_too_many_participants_is_refused_before_anything_is_built() -> None:
    text = meeting_of(2000)
    [problem] = check_integrity(parse_yaml(text, "i.yaml"), "i.yaml", Limits())
    assert (problem.field, problem.message) == (
        "meetings[0].participants",
        "a meeting may have at most 100 participants, not 2,000"
        " (it would make 1,999,000 pairs of actors who met)",
    )


def test_the_pairs_of_all_meetings_are_bounded() -> None:
    text = meeting_of(30)  # 435 pairs
    problems = list(check_integrity(parse_yaml(text, "i.yaml"), "i.yaml", Limits(max_pairs=400)))
    assert [p.message for p in problems] == [
        "the meetings up to this one make 435 pairs of actors who met, more than the limit of 400"
    ]
    assert list(check_integrity(parse_yaml(text, "i.yaml"), "i.yaml", Limits(max_pairs=435))) == []
