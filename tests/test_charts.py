"""The charts draw in the graph's colours and words, from the tables they are given."""

from __future__ import annotations

from test_timeline import seoul_table

from meetgraph.charts import contact_chart, timeline_chart
from meetgraph.comparison import STATUS_RANK, contact_table
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset
from meetgraph.settings import Settings
from meetgraph.styles import EDGE_STYLES, STATUS_COLORS


def test_chart_has_one_mark_per_meeting_coloured_by_status() -> None:
    table = seoul_table()
    spec = timeline_chart(table, "en").to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == len(table)
    assert spec["encoding"]["color"]["field"] == "status"
    assert {v["day"] for v in values} >= {"2025-02-04", "2025-02-06", "date not stated"}


def test_timeline_colours_are_the_graph_colours() -> None:
    scale = timeline_chart(seoul_table(), "en").to_dict()["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["held"] == EDGE_STYLES["held"].color
    assert colours["requested"] == EDGE_STYLES["requested"].color
    # A chart of points cannot show dots: planned is told apart by colour alone.
    assert colours["planned"] != colours["held"]


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
