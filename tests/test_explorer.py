"""What the app decides, decided by the library: datasets, dates, ego views, names."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_view import TEXT

from meetgraph.errors import DatasetError, Problem, UnknownActorError
from meetgraph.explorer import (
    centrality_view,
    choose_dataset,
    date_filter,
    ego_view,
    names_in,
    slider_range,
)
from meetgraph.filters import filter_graph
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset_text
from meetgraph.metrics import MEASURES, centrality

BUNDLED = ("seoul.yaml", b"seoul")


def check(name: str, data: bytes) -> None:
    if data.startswith(b"bad"):
        raise DatasetError([Problem(name, 1, 1, "", "not a dataset")])


def test_a_bad_upload_keeps_the_last_good_upload_on_screen() -> None:
    good = choose_dataset(("mine.yaml", b"good"), None, BUNDLED, check)
    assert (good.name, good.data, good.problems) == ("mine.yaml", b"good", ())
    bad = choose_dataset(("typo.yaml", b"bad"), good.last_good, BUNDLED, check)
    assert (bad.name, bad.data) == ("mine.yaml", b"good")
    assert bad.problems == ("typo.yaml:1:1: not a dataset",)
    assert bad.last_good == ("mine.yaml", b"good")


def test_a_bad_first_upload_shows_the_bundled_dataset_and_no_upload_forgets() -> None:
    bad = choose_dataset(("typo.yaml", b"bad"), None, BUNDLED, check)
    assert (bad.name, bad.last_good) == ("seoul.yaml", None)
    later = choose_dataset(None, ("mine.yaml", b"good"), BUNDLED, check)
    assert (later.name, later.last_good, later.problems) == ("seoul.yaml", None, ())


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


def test_centrality_view_leads_with_the_name_and_the_measures_in_registry_order() -> None:
    G = build_graph(load_dataset_text(TEXT, "t.yaml"))
    shown = centrality_view(centrality(G))
    assert list(shown.columns[: 1 + len(MEASURES)]) == ["name"] + [m.name for m in MEASURES]
    assert shown[MEASURES[0].name].is_monotonic_decreasing
