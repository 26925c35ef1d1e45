"""The explorer app through Streamlit's AppTest: every widget changes what it should."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).parents[1] / "streamlit_app.py"
BAD_UPLOAD = b"meetgraph: 1\nmeetgraph: 2\nactors: [{id: Bad}]\n"


def start(**params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


# AppTest does not report dataframe keys; each table is told by a column only it has.
SIGNATURES = {
    "centrality_table": "pagerank",
    "meetings_table": "participants",
    "missing_table": "explanation",
    "comparison_table": "share_met",
    "what_if_table": "pagerank_change",
    "ego_table": "neighbour",
}


def frame(at: AppTest, key: str) -> pd.DataFrame:
    column = SIGNATURES[key]
    found = [e.value for e in at.dataframe if column in e.value.columns]
    assert len(found) == 1, f"{len(found)} tables with a {column!r} column"
    return found[0]


def frames(at: AppTest, key: str) -> list[pd.DataFrame]:
    return [e.value for e in at.dataframe if SIGNATURES[key] in e.value.columns]


def metric(at: AppTest, label: str) -> str:
    return next(str(m.value) for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return start()


def test_default_view_shows_the_korea_passing(default_app: AppTest) -> None:
    at = default_app
    assert metric(at, "Missing edges") == "4"
    missing = frame(at, "missing_table")
    assert len(missing) == 4
    assert set(missing["visitor"]) == {"sam-altman"}
    assert any("Government members met: 0 of 4 in KR" in m.value for m in at.markdown)
    assert len(at.get("iframe")) == 1


def test_sector_filter_shrinks_the_tables() -> None:
    at = start()
    before = len(frame(at, "centrality_table"))
    at.sidebar.multiselect(key="pick_sector").select("government").run()
    assert not at.exception
    after = frame(at, "centrality_table")
    assert 0 < len(after) < before
    assert set(after["sector"]) == {"government"}
    assert at.query_params["sector"] == "government"


def test_status_toggle_hides_missing_edges() -> None:
    at = start()
    at.sidebar.toggle(key="status_missing").set_value(False).run()
    assert not at.exception
    assert metric(at, "Missing edges") == "0"
    assert at.query_params["status"] == "held,planned,requested"


def test_language_switch_changes_labels() -> None:
    at = start()
    at.sidebar.radio(key="language").set_value("ko").run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "없었던 만남" in labels
    assert at.title[0].value != start().title[0].value
    assert at.query_params["lang"] == "ko"


def test_focus_on_an_actor_keeps_its_neighbourhood() -> None:
    at = start()
    at.sidebar.selectbox(key="focus").set_value("son-masayoshi").run()
    assert not at.exception
    actors = set(frame(at, "centrality_table").index)
    assert "son-masayoshi" in actors and "sam-altman" in actors
    assert "chey-tae-won" not in actors


def test_query_params_restore_the_view() -> None:
    at = start(sector="government,ai", status="held,missing", lang="ko", actor="sam-altman")
    assert at.sidebar.radio(key="language").value == "ko"
    assert at.sidebar.multiselect(key="pick_sector").value == ["ai", "government"]
    assert at.sidebar.toggle(key="status_planned").value is False
    assert at.sidebar.selectbox(key="focus").value == "sam-altman"
    assert len(frame(at, "missing_table")) == 4


def test_bad_query_params_show_a_warning_not_an_exception() -> None:
    at = start(radius="lots")
    assert any("radius" in w.value for w in at.warning)


def test_bad_upload_shows_errors_and_keeps_the_last_good_dataset() -> None:
    at = start()
    at.sidebar.file_uploader(key="upload").upload("mine.yaml", BAD_UPLOAD).run()
    assert not at.exception
    assert any("still showing the last good dataset" in e.value for e in at.error)
    shown = "\n".join(code.value for code in at.code)
    assert "mine.yaml:2:1: meetgraph: duplicate key 'meetgraph' (first at line 1)" in shown
    assert metric(at, "Missing edges") == "4"


def test_upload_larger_than_the_cap_is_refused_on_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MEETGRAPH_MAX_UPLOAD_BYTES", "100")
    at = start()
    good = (Path(__file__).parents[1] / "data" / "altman_seoul_2025.yaml").read_bytes()
    at.sidebar.file_uploader(key="upload").upload("big.yaml", good).run()
    assert not at.exception
    shown = "\n".join(code.value for code in at.code)
    assert "big.yaml:1:1: file is larger than the limit of 100 bytes" in shown


def test_good_upload_replaces_the_dataset(tmp_path: Path) -> None:
    from meetgraph.examples import EXAMPLE_YAML

    at = start()
    at.sidebar.file_uploader(key="upload").upload("example.yaml", EXAMPLE_YAML.encode()).run()
    assert not at.exception
    assert metric(at, "Actors") == "3"
    assert metric(at, "Missing edges") == "0"


def test_date_range_narrows_to_the_seoul_day() -> None:
    at = start()
    before = len(frame(at, "meetings_table"))
    day = dt.date(2025, 2, 4)
    at.sidebar.slider(key="dates").set_range(day, day).run()
    assert not at.exception
    meetings = frame(at, "meetings_table")
    assert 0 < len(meetings) < before
    assert set(meetings["date"]) == {"2025-02-04"}
    assert at.query_params["until"] == "2025-02-04"


def test_comparison_tab_counts_government_contact() -> None:
    table = frame(start(), "comparison_table").set_index("country")
    assert table.loc["KR", ["listed", "held", "missing"]].tolist() == [4, 0, 4]
    assert table.loc["JP", "held"] == 1 and table.loc["IN", "planned"] == 1


def test_what_if_turns_missing_edges_into_held_ones() -> None:
    at = start()
    assert frames(at, "what_if_table") == []
    assert frame(at, "centrality_table").loc["choi-sang-mok", "degree"] == 0
    at.sidebar.toggle(key="what_if").set_value(True).run()
    assert not at.exception
    assert metric(at, "Missing edges") == "0"
    assert frame(at, "centrality_table").loc["choi-sang-mok", "degree"] == 1
    change = frame(at, "what_if_table")
    assert change.loc["choi-sang-mok", ["degree_before", "degree_after"]].tolist() == [0, 1]
    assert change.loc["sam-altman", "degree_change"] == 4
    # The visitor and the four ministers gain most; everyone else loses a little PageRank.
    assert set(change.index[:5]) == {
        "sam-altman",
        "choi-sang-mok",
        "yoo-sang-im",
        "ahn-duk-geun",
        "oh-young-ju",
    }
    assert (change["pagerank_change"].iloc[5:] < 0).all()
    assert at.query_params["whatif"] == "1"


def test_two_actors_side_by_side() -> None:
    at = start(compare="son-masayoshi,yoo-sang-im")
    assert not at.exception
    tables = frames(at, "ego_table")
    assert len(tables) == 2
    assert set(tables[0]["neighbour"]) == {"sam-altman", "lee-jae-yong", "yoo-sang-im"}
    assert set(tables[1]["neighbour"]) == {"son-masayoshi", "sam-altman"}
    assert len(at.get("iframe")) == 3
    at.multiselect(key="compare").unselect("yoo-sang-im").run()
    assert at.query_params["compare"] == "son-masayoshi"


def test_timeline_is_drawn() -> None:
    at = start()
    charts = at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart")
    assert charts, "no timeline chart"


def test_large_dataset_draws_only_the_top_actors_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetgraph.loader import load_dataset
    from meetgraph.render import MAX_DRAWN_NODES
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    actors = MAX_DRAWN_NODES + 100
    text = synth_dataset_text(load_dataset(Settings().default_dataset), actors, actors, seed=3)
    (tmp_path / "large.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("MEETGRAPH_DATA_DIR", str(tmp_path))
    at = start()
    assert any(
        f"Showing the top {MAX_DRAWN_NODES} of {actors} actors by PageRank" in i.value
        for i in at.info
    )
    assert len(frame(at, "centrality_table")) == actors
    assert len(at.get("iframe")) == 1


def drawn(at: AppTest) -> dict[str, Any]:
    """The data of the main graph page, as the browser receives it."""
    from meetgraph.render import embedded_data

    return embedded_data(at.get("iframe")[0].proto.srcdoc)


def test_country_and_type_filters_shrink_the_table() -> None:
    at = start()
    at.sidebar.multiselect(key="pick_country").select("JP").run()
    assert set(frame(at, "centrality_table")["country"]) == {"JP"}
    at.sidebar.multiselect(key="pick_type").select("organization").run()
    assert not at.exception
    assert set(frame(at, "centrality_table").index) == {"softbank-group"}
    assert at.query_params["type"] == "organization"


def test_radius_two_reaches_further() -> None:
    at = start(actor="kim-chang-han")
    assert set(frame(at, "centrality_table").index) == {"kim-chang-han", "sam-altman"}
    at.sidebar.radio(key="radius").set_value(2).run()
    assert not at.exception
    assert len(frame(at, "centrality_table")) > 10
    assert at.query_params["radius"] == "2"


def test_layout_controls_change_the_drawing() -> None:
    at = start()
    before = {n["id"]: (n["x"], n["y"], n["size"]) for n in drawn(at)["nodes"]}
    assert drawn(at)["physics"] is False
    at.sidebar.number_input(key="seed").set_value(8).run()
    moved = {n["id"]: (n["x"], n["y"]) for n in drawn(at)["nodes"]}
    assert moved != {k: v[:2] for k, v in before.items()}
    at.sidebar.selectbox(key="size_by").set_value("betweenness").run()
    sizes = {n["id"]: n["size"] for n in drawn(at)["nodes"]}
    assert sizes != {k: v[2] for k, v in before.items()}
    at.sidebar.toggle(key="physics").set_value(True).run()
    assert not at.exception
    assert drawn(at)["physics"] is True


def test_the_graph_speaks_the_chosen_language() -> None:
    at = start(lang="ko")
    labels = {n["id"]: n["label"] for n in drawn(at)["nodes"]}
    assert labels["sam-altman"] == "샘 올트먼"


def test_a_dataset_in_english_and_japanese_speaks_japanese_with_english_words() -> None:
    from test_languages import JAPANESE_YAML

    at = start()
    at.sidebar.file_uploader(key="upload").upload("tokyo.yaml", JAPANESE_YAML.encode()).run()
    assert not at.exception
    assert at.sidebar.radio(key="language").options[:2] == ["English", "ja"]
    at.sidebar.radio(key="language").set_value("ja").run()
    assert not at.exception
    assert at.title[0].value == "東京訪問"
    assert metric(at, "Actors") == "4" and metric(at, "Missing edges") == "1"
    labels = {n["id"]: n["label"] for n in drawn(at)["nodes"]}
    assert labels["son"] == "孫正義"
    assert at.query_params["lang"] == "ja"


def test_where_meetings_took_place_keeps_the_visitor_in_view() -> None:
    at = start()
    at.sidebar.multiselect(key="pick_meeting_country").select("KR").run()
    assert not at.exception
    assert metric(at, "Missing edges") == "4"
    assert "sam-altman" in frame(at, "centrality_table").index
    assert at.query_params["meeting_country"] == "KR"
