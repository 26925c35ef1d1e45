"""The charts draw in the graph's colours and words, from the tables they are given."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from test_timeline import seoul_table

from meetgraph.charts import contact_chart, timeline_chart
from meetgraph.comparison import STATUS_RANK, contact_table
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset
from meetgraph.settings import Settings
from meetgraph.styles import EDGE_STYLES, STATUS_COLORS


def seoul_timeline(language: str) -> dict[str, Any]:
    G = build_graph(load_dataset(Settings().default_dataset))
    spec: dict[str, Any] = timeline_chart(G, seoul_table(language), language).to_dict()
    return spec


def panel_rows(spec: dict[str, Any], panel: int) -> list[dict[str, Any]]:
    name = spec["hconcat"][panel]["data"]["name"]
    rows: list[dict[str, Any]] = spec["datasets"][name]
    return rows


def test_every_meeting_has_one_mark_on_its_day_or_in_the_undated_panel() -> None:
    spec = seoul_timeline("en")
    dated, undated = panel_rows(spec, 0), panel_rows(spec, 1)
    assert len(dated) + len(undated) == len(seoul_table())
    assert [(r["day"], r["country"], r["slot"], r["who"]) for r in dated] == [
        ("2025-02-04", "KR", 0, "Chey Tae-won, SK Group presidents"),
        ("2025-02-04", "KR", 1, "Kim Chang-han"),
        ("2025-02-04", "KR", 2, "Korean AI startups"),
        ("2025-02-04", "KR", 3, "Chung Shin-a"),
        ("2025-02-04", "KR", 4, "Kakao"),
        ("2025-02-04", "KR", 5, "Lee Jae-yong, Son Masayoshi"),
        ("2025-02-06", "IN", 0, "Narendra Modi"),
    ]
    assert [(r["day"], r["country"], r["slot"], r["who"]) for r in undated] == [
        ("date not stated", "JP", 0, "Ishiba Shigeru"),
        ("date not stated", "KR", 0, "A government ministry (unnamed)"),
        ("date not stated", "KR", 1, "Yoo Sang-im"),
    ]


def test_marks_sit_on_utc_days_with_no_offset_across() -> None:
    spec = seoul_timeline("en")
    points, labels = spec["hconcat"][0]["layer"]
    x = points["encoding"]["x"]
    assert x == {
        "field": "day",
        "type": "temporal",
        "timeUnit": "utcyearmonthdate",
        "title": "date",
        "scale": {"type": "utc", "padding": 24},
        "axis": {"format": "%Y-%m-%d", "tickCount": {"interval": "day", "step": 1}},
    }
    assert "xOffset" not in points["encoding"]
    assert points["encoding"]["yOffset"] == {"field": "slot", "type": "ordinal"}
    assert points["encoding"]["y"]["sort"] == ["KR", "IN", "JP"]  # the tour's order
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "who"
    assert spec["hconcat"][1]["layer"][0]["encoding"]["x"]["type"] == "nominal"
    assert spec["hconcat"][1]["layer"][0]["encoding"]["y"]["axis"] is None


@pytest.mark.parametrize(
    ("language", "sectors", "statuses"),
    [
        (
            "en",
            ["Conglomerate", "Gaming", "Government", "Investment", "Platform", "Startups"],
            ["held", "planned", "requested (fell through)"],
        ),
        (
            "ko",
            ["게임", "대기업 그룹", "스타트업", "정부", "투자", "플랫폼"],
            ["성사", "예정", "요청 (불발)"],
        ),
    ],
)
def test_every_sector_and_status_has_its_legend_entry_in_words(
    language: str, sectors: list[str], statuses: list[str]
) -> None:
    spec = seoul_timeline(language)
    encoding = spec["hconcat"][0]["layer"][0]["encoding"]
    assert encoding["shape"]["scale"] == {"domain": sectors}
    assert encoding["color"]["scale"]["domain"] == statuses
    assert spec["resolve"]["scale"] == {"color": "shared", "shape": "shared", "y": "shared"}
    # No limit on the entries a legend lists, and room for them below the chart.
    assert spec["config"]["legend"] == {
        "columns": 2,
        "labelLimit": 0,
        "orient": "bottom",
        "symbolLimit": 0,
    }
    rows = panel_rows(spec, 0) + panel_rows(spec, 1)
    assert {r["sector"] for r in rows} == set(sectors)
    assert {r["status"] for r in rows} == set(statuses)


def test_timeline_colours_are_the_graph_colours() -> None:
    encoding = seoul_timeline("en")["hconcat"][0]["layer"][0]["encoding"]
    scale = encoding["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["held"] == EDGE_STYLES["held"].color
    assert colours["requested (fell through)"] == EDGE_STYLES["requested"].color
    # A chart of points cannot show dots: planned is told apart by colour alone.
    assert colours["planned"] != colours["held"]


def test_a_long_tour_is_not_labelled_and_an_undated_one_has_one_panel() -> None:
    G = build_graph(load_dataset(Settings().default_dataset))
    table = seoul_table()
    long = pd.concat([table] * 5, ignore_index=True)
    spec = timeline_chart(G, long, "en").to_dict()
    assert [len(panel["layer"]) for panel in spec["hconcat"]] == [1, 1]
    undated = table[table["date"] == ""]
    spec = timeline_chart(G, undated, "en").to_dict()
    assert len(spec["hconcat"]) == 1
    assert spec["hconcat"][0]["layer"][0]["encoding"]["x"]["type"] == "nominal"


def test_country_chart_draws_missing_red_and_none_grey_in_the_chosen_language() -> None:
    dataset = load_dataset(Settings().default_dataset)
    table = contact_table(build_graph(dataset), dataset.expectations)
    spec = contact_chart(table, "ko").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert len(scale["domain"]) == len(STATUS_RANK)
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["없었음 (기대됨)"] == EDGE_STYLES["missing"].color == "#D55E00"
    assert colours["접촉 없음"] == STATUS_COLORS["none"]
    bars = next(iter(spec["datasets"].values()))
    kr_missing = [b for b in bars if b["country"] == "KR" and b["status"] == "missing"]
    assert [b["actors"] for b in kr_missing] == [4]


def test_a_crowded_day_keeps_the_chart_within_its_height() -> None:
    from meetgraph.charts import TIMELINE_HEIGHT

    G = build_graph(load_dataset(Settings().default_dataset))
    table = seoul_table()
    crowded = pd.concat([table.head(1)] * 100, ignore_index=True)  # 100 meetings, one day
    spec = timeline_chart(G, crowded, "en").to_dict()
    (panel,) = spec["hconcat"]
    assert panel["height"] == {"step": TIMELINE_HEIGHT / 100}
    assert seoul_timeline("en")["hconcat"][0]["height"] == {"step": 20}
