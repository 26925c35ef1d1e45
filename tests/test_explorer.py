"""What the app decides, decided by the library: datasets, dates, ego views, names."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_view import TEXT

from meetgraph.errors import Problem, UnknownActorError, words
from meetgraph.explorer import (
    Loaded,
    Refused,
    choose_dataset,
    date_filter,
    ego_view,
    kept_notice,
    load_checked,
    missing_table,
    names_in,
    slider_range,
    view_counts,
    viewable,
)
from meetgraph.filters import filter_graph
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.settings import Limits, Settings
from meetgraph.view import Choices, ViewSpec, apply_view, kept_visitors

BUNDLED = ("seoul.yaml", b"seoul")
LIMITS = (Limits(), Limits(max_bytes=1000, max_pairs=10))


def check(name: str, data: bytes, limits: Limits) -> Refused | None:
    assert limits is LIMITS[1]  # an upload is checked with the upload's limits
    return (
        Refused((Problem.of(name, 1, 1, "", words("empty")),), 1)
        if data.startswith(b"bad")
        else None
    )


def test_a_bad_upload_keeps_the_last_good_upload_on_screen() -> None:
    good = choose_dataset(("mine.yaml", b"good"), None, BUNDLED, LIMITS, check)
    assert (good.name, good.data, good.refused, good.uploaded) == ("mine.yaml", b"good", None, True)
    # Replacing a file, the uploader holds none for one rerun: the last good one is kept.
    between = choose_dataset(None, good.last_good, BUNDLED, LIMITS, check)
    assert (between.name, between.uploaded, between.last_good) == (
        "seoul.yaml",
        False,
        good.last_good,
    )
    bad = choose_dataset(("typo.yaml", b"bad"), between.last_good, BUNDLED, LIMITS, check)
    assert (bad.name, bad.data, bad.uploaded) == ("mine.yaml", b"good", True)
    assert bad.refused is not None
    assert bad.refused.lines("en") == (
        "typo.yaml:1:1: the file holds no data: a dataset starts with the line meetgraph: 1",
    )


def test_a_bad_first_upload_shows_the_bundled_dataset_with_its_problems() -> None:
    bad = choose_dataset(("typo.yaml", b"bad"), None, BUNDLED, LIMITS, check)
    assert (bad.name, bad.last_good, bad.uploaded) == ("seoul.yaml", None, False)
    assert bad.limits is LIMITS[0] and bad.refused


def test_a_refused_file_is_a_value_the_app_can_keep() -> None:
    refused = load_checked(b"meetgraph: 2\n", "x.yaml", Limits())
    assert isinstance(refused, Refused)
    assert refused.lines("en")[:2] == (
        "x.yaml:1:1: actors: required field is missing",
        "x.yaml:1:1: dataset: required field is missing",
    )
    assert refused.lines("ko")[:2] == (
        "x.yaml:1:1: actors: 필수 항목이 없습니다",
        "x.yaml:1:1: dataset: 필수 항목이 없습니다",
    )
    from meetgraph.examples import EXAMPLE_YAML

    loaded = load_checked(EXAMPLE_YAML.encode(), "x.yaml", Limits())
    assert isinstance(loaded, Loaded) and loaded.graph.number_of_nodes() == 3


SPAN = (dt.date(2025, 2, 3), dt.date(2025, 2, 6))


@pytest.mark.parametrize(
    ("since", "until", "handles"),
    [
        (None, None, SPAN),
        (dt.date(2025, 2, 4), None, (dt.date(2025, 2, 4), SPAN[1])),
        (dt.date(1, 1, 1), dt.date(9999, 12, 31), SPAN),
        (dt.date(2030, 1, 1), None, (SPAN[1], SPAN[1])),
        (None, dt.date(2000, 1, 1), (SPAN[0], SPAN[0])),
    ],
)
def test_slider_handles_stay_in_the_span(
    since: dt.date | None, until: dt.date | None, handles: tuple[dt.date, dt.date]
) -> None:
    assert slider_range(SPAN, since, until) == handles


def test_the_full_span_is_no_date_filter() -> None:
    assert date_filter(SPAN, SPAN) == (None, None)
    inner = (dt.date(2025, 2, 4), dt.date(2025, 2, 5))
    assert date_filter(SPAN, inner) == inner


def test_ego_view_falls_back_to_the_actor_alone_when_the_view_hides_it() -> None:
    G = build_graph(load_dataset_text(TEXT, "t.yaml"))
    kr = filter_graph(G, {"country": ["KR"]})
    assert sorted(ego_view(G, G, "pm")) == ["pm", "v"]
    assert sorted(ego_view(kr, G, "pm")) == ["pm"]
    with pytest.raises(UnknownActorError):
        ego_view(kr, G, "nobody")


def test_names_fall_back_in_the_datasets_order_of_languages() -> None:
    table = pd.DataFrame(
        {"name_ja": ["孫正義", None, None], "name_en": ["Son", "Ishiba", None]},
        index=["son", "ishiba", "x"],
    )
    assert names_in(table, "en").tolist() == ["Son", "Ishiba", "x"]
    assert names_in(table, "ja").tolist() == ["孫正義", "Ishiba", "x"]
    assert names_in(table, "ko").tolist() == ["孫正義", "Ishiba", "x"]


def test_a_story_too_long_is_refused_by_the_same_count_the_story_makes() -> None:
    from meetgraph.explorer import _more_steps_than
    from meetgraph.settings import Settings
    from meetgraph.story import story_steps
    from meetgraph.synth import synth_dataset_text

    seoul = build_graph(load_dataset_text(Settings().default_dataset.read_bytes(), "s.yaml"))
    # Meetings sharing a date and an order in the day are one step; missing ones one per rule.
    synthetic = build_graph(
        load_dataset_text(
            synth_dataset_text(load_dataset_text(TEXT, "t.yaml"), 40, 120, seed=4), "x.yaml"
        )
    )
    for G in (seoul, synthetic):
        steps = len(story_steps(G, "en"))
        assert [_more_steps_than(G, k) for k in (steps - 1, steps, steps + 1)] == [
            True,
            False,
            False,
        ]


def test_what_if_counts_each_hypothetical_meeting_and_the_missing_tab_agrees() -> None:
    G = build_graph(load_dataset(Settings().default_dataset))
    declared, what_if = G, apply_view(G, ViewSpec(what_if=True))
    assert view_counts(declared) == {"actors": 25, "meetings": 10, "missing": 4, "hypothetical": 0}
    # The four missing meetings share their rule's key; each is a meeting of its own (not 11).
    assert view_counts(what_if) == {"actors": 25, "meetings": 14, "missing": 4, "hypothetical": 4}
    before, after = missing_table(declared, "en"), missing_table(what_if, "en")
    assert len(after) == view_counts(what_if)["missing"] == 4
    assert after.drop(columns="hypothetical").equals(before.drop(columns="hypothetical"))
    assert before["hypothetical"].tolist() == [False] * 4
    assert after["hypothetical"].tolist() == [True] * 4
    assert after["name"].tolist() == ["Ahn Duk-geun", "Choi Sang-mok", "Oh Young-ju", "Yoo Sang-im"]


def test_the_kept_notice_and_the_focus_read_the_visitors_kept_given() -> None:
    G = build_graph(load_dataset(Settings().default_dataset))
    spec = ViewSpec(choices=Choices(country=("KR",)), actor="sam-altman")
    kept = kept_visitors(G, spec)
    assert kept == ("sam-altman",)
    assert kept_notice(G, spec, "en", kept=kept) == kept_notice(G, spec, "en")
    assert "Sam Altman" in (kept_notice(G, spec, "en", kept=kept) or "")
    assert kept_notice(G, spec, "en", kept=()) is None
    # The focus on the visitor stands while he is kept, and is dropped when he is not.
    assert viewable(G, spec, kept=kept) == viewable(G, spec) == (spec, None)
    assert viewable(G, spec, kept=())[1] == "focus_hidden"
