"""The explorer app through Streamlit's AppTest: every widget changes what it should."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest
from test_loader import datasets

from meetgraph.i18n import translate
from meetgraph.loader import load_dataset_text

APP = Path(__file__).parents[1] / "streamlit_app.py"
BAD_UPLOAD = b"meetgraph: 1\nmeetgraph: 2\nactors: [{id: Bad}]\n"


def first_run(**params: str) -> AppTest:
    """A session's first run: the page up to the graph."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def start(**params: str) -> AppTest:
    """The whole page, as the browser has it once the graph is drawn (and asks for the rest)."""
    at = first_run(**params)
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
    "ego_table": "statuses",
}


def frame(at: AppTest, key: str) -> pd.DataFrame:
    column = SIGNATURES[key]
    found = [e.value for e in at.dataframe if column in e.value.columns]
    assert len(found) == 1, f"{len(found)} tables with a {column!r} column"
    return found[0]


def frames(at: AppTest, key: str) -> list[pd.DataFrame]:
    return [e.value for e in at.dataframe if SIGNATURES[key] in e.value.columns]


def open_tab(at: AppTest, name: str) -> AppTest:
    """Open a tab as the reader does (by its words): only the open tab is run."""

    language = at.session_state["labels_language"]
    at.session_state["tab"] = translate(f"tab_{name}", language)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def blocks(at: AppTest, tag: str) -> list[str]:
    """The text of the app's ``<tag>`` blocks: dataset text is shown as escaped HTML."""
    found = [html.unescape(h.proto.body) for h in at.get("html")]
    return [
        b.removeprefix(f"<{tag}>").removesuffix(f"</{tag}>")
        for b in found
        if b.startswith(f"<{tag}>")
    ]


def title(at: AppTest) -> str:
    (text,) = blocks(at, "h1")
    return text


def metric(at: AppTest, label: str) -> str:
    return next(str(m.value) for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def default_app() -> AppTest:
    return start()


def test_default_view_shows_the_korea_passing(default_app: AppTest) -> None:
    at = default_app
    assert metric(at, "Missing edges") == "4"
    assert frames(at, "missing_table") == []  # only the open tab is run
    open_tab(at, "missing")
    missing = frame(at, "missing_table")
    assert len(missing) == 4
    assert set(missing["visitor"]) == {"Sam Altman"}
    assert blocks(at, "h4") == [
        "In this view: Sam Altman met 0 of the 4 Government members in South Korea; "
        "met Ishiba Shigeru (Prime Minister of Japan); "
        "is to meet Narendra Modi (Prime Minister of India)"
    ]
    assert len(graphs(at)) == 1


def test_the_title_keeps_its_date_on_one_line(default_app: AppTest) -> None:
    # A word joiner after each dash of the date: no browser breaks the line there.
    assert title(default_app) == "Sam Altman in Seoul, 2025-\u206002-\u206004"
    styles = [h.proto.body for h in default_app.get("html") if h.proto.body.startswith("<style>")]
    assert sum("word-break: keep-all" in style for style in styles) == 1


def test_sector_filter_shrinks_the_tables() -> None:
    at = start()
    before = len(frame(at, "centrality_table"))
    at.sidebar.multiselect(key="pick_sector").select("government").run()
    assert not at.exception
    after = frame(at, "centrality_table")
    assert 0 < len(after) < before
    # The government actors, and the visitor (AI) who met or missed them: kept in view.
    assert set(after["sector"]) == {"Government", "AI"}
    assert set(after.index[after["sector"] == "AI"]) == {"sam-altman"}
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
    assert title(at) != title(start())
    assert at.query_params["lang"] == "ko"


def test_focus_on_an_actor_keeps_its_neighbourhood() -> None:
    at = start()
    at.sidebar.selectbox(key="focus").set_value("son-masayoshi").run()
    assert not at.exception
    actors = set(frame(at, "centrality_table").index)
    assert "son-masayoshi" in actors and "sam-altman" in actors
    assert "chey-tae-won" not in actors


def test_query_params_restore_the_view() -> None:
    at = start(
        sector="government,ai", status="held,missing", lang="ko", actor="sam-altman", tab="missing"
    )
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
    assert (
        "mine.yaml:2:1: meetgraph: duplicate key 'meetgraph' (first at line 1): keep one of them"
        in shown
    )
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
    assert "big.yaml:1:1: the file is larger than the limit of 100 bytes" in shown


def test_good_upload_replaces_the_dataset(tmp_path: Path) -> None:
    from meetgraph.examples import EXAMPLE_YAML

    at = start()
    at.sidebar.file_uploader(key="upload").upload("example.yaml", EXAMPLE_YAML.encode()).run()
    assert not at.exception
    assert metric(at, "Actors") == "3"
    assert metric(at, "Missing edges") == "0"


def test_date_range_narrows_to_the_seoul_day() -> None:
    at = start(tab="meetings")
    before = len(frame(at, "meetings_table"))
    day = dt.date(2025, 2, 4)
    at.sidebar.slider(key="dates").set_range(day, day).run()
    assert not at.exception
    meetings = frame(at, "meetings_table")
    assert 0 < len(meetings) < before
    assert set(meetings["date"]) == {"2025-02-04"}
    assert at.query_params["until"] == "2025-02-04"


def test_comparison_tab_counts_government_contact() -> None:
    table = frame(start(tab="comparison"), "comparison_table").set_index("country")
    assert table.loc["KR", ["listed", "held", "missing"]].tolist() == [4, 0, 4]
    assert table.loc["JP", "held"] == 1 and table.loc["IN", "planned"] == 1


def test_what_if_turns_missing_edges_into_held_ones() -> None:
    at = start()
    assert frame(at, "centrality_table").loc["choi-sang-mok", "degree"] == 0
    open_tab(at, "what_if")
    assert frames(at, "what_if_table") == []
    at.sidebar.toggle(key="what_if").set_value(True).run()
    assert not at.exception
    change = frame(at, "what_if_table")
    open_tab(at, "missing")
    # Each of the four missing meetings is held as if: 10 + 4 meetings, and the Missing
    # tab still lists the four, marked hypothetical, as the header counts them.
    assert metric(at, "Meetings") == "14" and metric(at, "Missing edges") == "4"
    missing = frame(at, "missing_table")
    assert len(missing) == 4 and missing["hypothetical"].all()
    assert "What if: these 4 missing meetings" in " ".join(c.value for c in at.caption)
    open_tab(at, "centrality")
    assert frame(at, "centrality_table").loc["choi-sang-mok", "degree"] == 1
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
    at = start(compare="son-masayoshi,yoo-sang-im", tab="ego")
    assert not at.exception
    tables = frames(at, "ego_table")
    assert len(tables) == 2
    assert set(tables[0].index) == {"sam-altman", "lee-jae-yong", "yoo-sang-im"}
    assert set(tables[1].index) == {"son-masayoshi", "sam-altman"}
    assert len(graphs(at)) == 1 and len(at.get("iframe")) == 2  # the ego graphs are pages
    at.multiselect(key="compare").unselect("yoo-sang-im").run()
    assert at.query_params["compare"] == "son-masayoshi"


def test_the_compared_actors_stay_while_another_tab_is_open() -> None:
    at = start(tab="ego")
    at.multiselect(key="compare").set_value(["son-masayoshi", "yoo-sang-im"]).run()
    assert len(frames(at, "ego_table")) == 2
    open_tab(at, "centrality")
    at.sidebar.radio(key="language").set_value("ko").run()
    open_tab(at, "missing")
    assert frames(at, "ego_table") == []  # not run while closed, and kept
    assert at.query_params["compare"] == "son-masayoshi,yoo-sang-im"
    open_tab(at, "ego")
    assert at.multiselect(key="compare").value == ["son-masayoshi", "yoo-sang-im"]
    assert len(frames(at, "ego_table")) == 2


def test_timeline_is_drawn() -> None:
    at = start(tab="timeline")
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
    assert len(graphs(at)) == 1


def test_a_large_dataset_runs_the_open_tab_only_and_the_quick_measures_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetgraph.loader import load_dataset
    from meetgraph.render import MAX_DRAWN_NODES
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    actors, meetings = MAX_DRAWN_NODES + 100, 2000
    text = synth_dataset_text(load_dataset(Settings().default_dataset), actors, meetings, seed=3)
    (tmp_path / "large.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("MEETGRAPH_DATA_DIR", str(tmp_path))
    at = start()
    table = frame(at, "centrality_table")
    assert len(table) == actors
    assert {"pagerank", "degree", "weighted_degree"} <= set(table.columns)
    assert "betweenness" not in table.columns  # a minute at 20,000 actors: on request
    assert frames(at, "meetings_table") == [] and frames(at, "missing_table") == []
    at.toggle(key="all_measures").set_value(True).run()
    assert not at.exception
    table = frame(at, "centrality_table")
    assert {"betweenness", "closeness", "eigenvector", "community"} <= set(table.columns)
    at.session_state["tab"] = "Meetings"
    at.run()
    assert not at.exception
    assert len(frame(at, "meetings_table")) == meetings
    assert frames(at, "centrality_table") == []
    assert len(graphs(at)) == 1  # the graph is drawn whatever tab is open


def test_a_dense_view_draws_its_top_actors_within_the_edge_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetgraph.loader import load_dataset
    from meetgraph.render import MAX_DRAWN_EDGES
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    # 300 actors and 25,000 meetings: few enough actors to draw, too many edges.
    dense = synth_dataset_text(load_dataset(Settings().default_dataset), 300, 25_000, seed=6)
    (tmp_path / "dense.yaml").write_text(dense, encoding="utf-8")
    monkeypatch.setenv("MEETGRAPH_DATA_DIR", str(tmp_path))
    at = start()
    page = drawn(at)
    assert 0 < len(page["edges"]) <= MAX_DRAWN_EDGES
    shown = len(page["nodes"])
    assert shown < 300
    assert any(f"Showing the top {shown} of 300 actors by PageRank" in i.value for i in at.info)
    assert len(frame(at, "centrality_table")) == 300


def graphs(at: AppTest) -> list[Any]:
    """The graph components of the page (the main graph)."""
    return [e for e in at.get("bidi_component") if e.proto.component_name == "meetgraph_graph"]


def component_data(at: AppTest, name: str = "meetgraph_graph") -> dict[str, Any]:
    """What the main graph component (or the element ``name``) is sent on this run."""
    (graph,) = [e for e in at.get("bidi_component") if e.proto.component_name == name]
    proto = graph.proto
    text = proto.json if proto.WhichOneof("data") == "json" else proto.mixed.json
    data: dict[str, Any] = json.loads(text)
    return data


def drawn_model(at: AppTest) -> dict[str, Any]:
    """The page model the main graph draws: sent whole, or as its part of the base."""
    from meetgraph.page import join_view

    data = component_data(at)
    if "page" in data:
        return dict(data["page"])
    base = component_data(at, "meetgraph_base")
    assert base["id"] == data["base"]
    return join_view(base["page"], data["view"])


def drawn(at: AppTest) -> dict[str, Any]:
    """The data of the main graph, as the browser receives it: its records expanded."""
    from meetgraph.page import expand

    model = drawn_model(at)
    nodes, edges = expand(model)
    return {**model, "nodes": nodes, "edges": edges}


@pytest.mark.parametrize("params", [{}, {"sector": "government,ai", "lang": "ko", "seed": "7"}])
def test_the_first_run_draws_the_graph_which_asks_for_the_rest(params: dict[str, str]) -> None:
    at = first_run(**params)
    first = component_data(at)
    assert first.pop("ask_rest") is True
    # The sidebar holds its place with a caption, and no widget yet.
    holder = translate("sidebar_follows", params.get("lang", "en"))
    assert [caption.value for caption in at.sidebar.caption] == [holder]
    assert len(at.sidebar.children) == 1
    assert not at.tabs and not at.dataframe and not at.get("download_button")
    at.run()  # the drawn graph's trigger: a rerun
    assert not at.exception, [e.message for e in at.exception]
    then = component_data(at)
    assert then.pop("ask_rest") is False
    assert then == first  # the widgets, drawn now, start from the values the graph had
    assert at.sidebar.multiselect(key="pick_sector") is not None
    assert len(frame(at, "centrality_table")) > 0
    assert len(at.get("download_button")) == 8


def test_any_rerun_after_the_first_shows_the_whole_page() -> None:
    # A button pressed before the graph is drawn (or a graph that never asks) brings it too.
    at = first_run()
    at.button(key="story_start").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert component_data(at)["ask_rest"] is False
    assert at.sidebar and len(frame(at, "centrality_table")) > 0


def test_country_and_type_filters_shrink_the_table() -> None:
    at = start()
    at.sidebar.multiselect(key="pick_country").select("JP").run()
    # The Japanese actors, and the visitor (US), who met them: kept in view.
    assert set(frame(at, "centrality_table")["country"]) == {"JP", "US"}
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
    assert title(at) == "東京訪問"
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


def test_countries_kr_keeps_the_visitor_and_the_missing_edges_and_says_so() -> None:
    at = start(country="KR")
    assert (metric(at, "Actors"), metric(at, "Meetings"), metric(at, "Missing edges")) == (
        "19",
        "6",
        "4",
    )
    assert blocks(at, "p") == [
        "Kept in view: Sam Altman, the visitor of the expected meetings, with the meetings"
        " (held or missing) with the actors the filters keep."
    ]
    statuses = sorted(e["status"] for e in drawn(at)["edges"])
    assert statuses.count("missing") == 4
    assert not any(record.get("faded") for record in drawn(at)["nodes"])  # removed, not faded
    at.sidebar.radio(key="language").set_value("ko").run()
    assert blocks(at, "p") == [
        "계속 표시: 샘 올트먼 (기대된 만남의 방문자). 필터가 남긴 행위자와의 만남(성사되거나"
        " 없었던 만남)도 함께 보여 줍니다."
    ]


def test_fade_keeps_the_counts_of_the_filtered_view_and_draws_the_rest_faded() -> None:
    at = start(country="KR")
    at.sidebar.radio(key="fade").set_value(True).run()
    assert not at.exception
    assert (metric(at, "Actors"), metric(at, "Meetings"), metric(at, "Missing edges")) == (
        "19",
        "6",
        "4",
    )
    assert at.query_params["fade"] == "1"
    nodes = drawn(at)["nodes"]
    assert len(nodes) == 25
    faded = sorted(n["id"] for n in nodes if n.get("faded"))
    assert faded == [
        "deepseek",
        "ishiba-shigeru",
        "narendra-modi",
        "openai",
        "softbank-group",
        "son-masayoshi",
    ]
    assert len(frame(at, "centrality_table")) == 19  # the tables are the view's


def test_fade_comes_from_the_address() -> None:
    at = start(sector="government", fade="1")
    assert metric(at, "Missing edges") == "4"
    assert at.sidebar.radio(key="fade").value is True


# --- any address and any valid dataset renders (issue 9) ---------------------------------------

HOSTILE_URLS = [
    {"country": "KR", "actor": "sam-altman"},
    {"actor": "nobody"},
    {"radius": "²"},
    {"radius": "9" * 5000},
    {"since": "9999-12-31"},
    {"until": "0001-01-01"},
    {"since": "![leak](http://host/u.png)"},
    {"lang": "xx"},
    {"status": "held,maybe"},
    {"meeting_country": "<b>", "sector": "nope", "type": "robot"},
    {"compare": "a,b,c"},
    {"data": "../../etc/passwd"},
    {"step": "0"},
    {"step": "-1"},
    {"step": "99999999999"},
    {"step": "<b>2</b>"},
]


@pytest.mark.parametrize("params", HOSTILE_URLS, ids=[",".join(p) for p in HOSTILE_URLS])
def test_any_address_renders(params: dict[str, str]) -> None:
    at = start(**params)  # start() asserts no exception
    assert metric(at, "Actors")
    assert len(graphs(at)) == 1


def test_a_focus_hidden_by_the_filters_is_said_and_dropped() -> None:
    at = start(country="KR", actor="ishiba-shigeru")
    assert any("hidden by the other filters" in w.value for w in at.warning)
    assert "actor" not in at.query_params
    unknown = start(actor="nobody")
    assert any("(`nobody`)" in w.value for w in unknown.warning)


def test_url_text_in_a_warning_is_not_markdown() -> None:
    at = start(since="![leak](http://host/u.png)")
    (warning,) = at.warning
    assert "`since: expected a date YYYY-MM-DD, not '![leak](http://host/u.png)'`" in warning.value


def test_an_upload_that_fails_keeps_the_last_good_upload() -> None:
    from meetgraph.examples import EXAMPLE_YAML

    at = start()
    uploader = at.sidebar.file_uploader(key="upload")
    uploader.upload("example.yaml", EXAMPLE_YAML.encode()).run()
    assert metric(at, "Actors") == "3"
    at.sidebar.file_uploader(key="upload").upload("broken.yaml", BAD_UPLOAD).run()
    assert not at.exception
    assert metric(at, "Actors") == "3"  # still the example, not the bundled dataset
    assert title(at) == "Example"
    assert any("broken.yaml:2:1" in code.value for code in at.code)
    assert at.sidebar.selectbox(key="dataset").disabled


def test_a_dataset_of_any_valid_dates_renders() -> None:
    from meetgraph.examples import EXAMPLE_YAML

    ancient = EXAMPLE_YAML.replace('date: "2025-02-04"', 'date: "0001-01-01"') + (
        '  - {id: m2, participants: [a, b], status: held, date: "9999-12-31",'
        " evidence: [{source: s, quote: Q}]}\n"
    )
    at = start()
    at.sidebar.file_uploader(key="upload").upload("ancient.yaml", ancient.encode()).run()
    assert not at.exception
    assert metric(at, "Meetings") == "2"


def test_the_data_tab_shows_the_head_of_a_large_dataset() -> None:
    from meetgraph.app import RAW_YAML_SHOWN
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    large = synth_dataset_text(load_dataset(Settings().default_dataset), 300, 900, seed=2)
    assert len(large.encode()) > 5 * RAW_YAML_SHOWN
    at = start(tab="data")
    at.sidebar.file_uploader(key="upload").upload("large.yaml", large.encode()).run()
    assert not at.exception
    shown = [code.value for code in at.code if code.language == "yaml"]
    assert len(shown) == 1 and 0.9 * RAW_YAML_SHOWN < len(shown[0].encode()) <= RAW_YAML_SHOWN
    assert any(
        button.label == "Download the dataset (YAML)" for button in at.get("download_button")
    )


URL_PARAMETERS = [
    "since",
    "until",
    "sector",
    "country",
    "type",
    "meeting_country",
    "status",
    "actor",
    "radius",
    "lang",
    "whatif",
    "compare",
    "data",
    "step",
]
URL_VALUES = (
    hs.text(max_size=30)
    | hs.dates().map(dt.date.isoformat)
    | hs.sampled_from(["KR", "ko", "sam-altman", "held,missing", "1", "2", "government", "0"])
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.dictionaries(hs.sampled_from(URL_PARAMETERS), URL_VALUES, max_size=5))
def test_random_addresses_never_break_the_page(params: dict[str, str]) -> None:
    start(**params)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_random_valid_datasets_never_break_the_page(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    at = start()
    at.sidebar.file_uploader(key="upload").upload("random.yaml", text.encode()).run()
    assert not at.exception, [e.message for e in at.exception]
    assert metric(at, "Actors") == str(len(data["actors"]))


def test_the_timeline_draws_the_start_of_a_long_tour_and_says_so() -> None:
    import pyarrow as pa

    from meetgraph.app import TIMELINE_MEETINGS
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    long_tour = synth_dataset_text(load_dataset(Settings().default_dataset), 200, 1500, seed=5)
    at = start(tab="meetings")
    at.sidebar.file_uploader(key="upload").upload("long.yaml", long_tour.encode()).run()
    assert not at.exception
    assert len(frame(at, "meetings_table")) == 1500
    open_tab(at, "timeline")
    charts = at.get("vega_lite_chart")
    (timeline,) = [c for c in charts if "hconcat" in json.loads(c.proto.spec)]
    rows = [pa.ipc.open_stream(d.data.data).read_all().num_rows for d in timeline.proto.datasets]
    assert sum(rows) == TIMELINE_MEETINGS  # the dated and the undated panels
    assert any(f"The first {TIMELINE_MEETINGS:,} of 1,500 meetings" in c.value for c in at.caption)


# The tour of 4 February, then the other meetings, then the meetings expected and missing.
SEOUL_STORY = [
    "Chey Tae-won, Sam Altman, SK Group presidents",
    "Kim Chang-han, Sam Altman",
    "Korean AI startups, Sam Altman",
    "Chung Shin-a, Kakao, OpenAI, Sam Altman",
    "Lee Jae-yong, Sam Altman, Son Masayoshi",
    "Narendra Modi, Sam Altman",
    "Ishiba Shigeru, Sam Altman",
    "A government ministry (unnamed), Sam Altman",
    "Son Masayoshi, Yoo Sang-im",
    "Expected, but did not happen: Government contact in Korea",
]


def story_card(at: AppTest) -> str:
    (card,) = [h.proto.body for h in at.get("html") if "story-step" in h.proto.body]
    return html.unescape(card.split('<div class="story-step">\n', 1)[1])


def highlighted(at: AppTest) -> list[tuple[str, str]]:
    """The pairs the main graph highlights, as the page's data tells its script."""
    data = drawn(at)
    if data["story"]["start"] is None:
        return []
    step = data["story"]["steps"][data["story"]["start"]]
    return sorted(
        tuple(sorted((data["edges"][n]["from"], data["edges"][n]["to"]))) for n in step["edges"]
    )


def test_the_story_steps_through_the_tour_then_the_missing_meetings() -> None:
    at = start()
    assert drawn(at)["story"]["start"] is None and "step" not in at.query_params
    at.button(key="story_start").click().run()
    titles = []
    for number in range(1, len(SEOUL_STORY) + 1):
        assert at.query_params["step"] == [str(number)] or at.query_params["step"] == str(number)
        assert f"Step {number} of {len(SEOUL_STORY)}" in [c.value for c in at.caption]
        titles.append(story_card(at).split("</h4>")[0].removeprefix("<h4>"))
        if number < len(SEOUL_STORY):
            at.button(key="story_next").click().run()
    assert titles == SEOUL_STORY
    assert at.button(key="story_next").disabled
    assert highlighted(at) == [
        ("ahn-duk-geun", "sam-altman"),
        ("choi-sang-mok", "sam-altman"),
        ("oh-young-ju", "sam-altman"),
        ("sam-altman", "yoo-sang-im"),
    ]
    card = story_card(at)
    assert "Choi Sang-mok" in card and "<blockquote>" in card
    at.button(key="story_previous").click().run()
    assert story_card(at).startswith("<h4>Son Masayoshi, Yoo Sang-im</h4>")
    at.button(key="story_stop").click().run()
    assert "step" not in at.query_params
    assert drawn(at)["story"]["start"] is None
    assert at.button(key="story_start")


def test_the_step_in_the_address_opens_the_story_there() -> None:
    at = start(step="5")
    assert story_card(at).startswith("<h4>Lee Jae-yong, Sam Altman, Son Masayoshi</h4>")
    assert "<p>2025-02-04 · Samsung Electronics office, Seocho-gu, Seoul · held</p>" in story_card(
        at
    )
    assert highlighted(at) == [
        ("lee-jae-yong", "sam-altman"),
        ("lee-jae-yong", "son-masayoshi"),
        ("sam-altman", "son-masayoshi"),
    ]


def test_a_step_past_the_end_of_a_filtered_story_shows_its_last() -> None:
    at = start(step="10", status="held")
    steps = drawn(at)["story"]["steps"]
    assert len(steps) == 6  # the tour and Ishiba: the held meetings
    assert story_card(at).startswith("<h4>Ishiba Shigeru, Sam Altman</h4>")
    assert at.query_params["step"] in ("6", ["6"])


def test_a_bad_step_in_the_address_is_said_and_the_whole_graph_shown() -> None:
    at = start(step="two")
    assert any("step must be a whole number from 1" in w.value for w in at.warning)
    assert drawn(at)["story"]["start"] is None


def test_the_embed_code_names_the_page_and_escapes_the_title() -> None:
    at = start()
    assert not [c for c in at.code if c.value.startswith("<iframe")]  # made when opened
    at.session_state["embed"] = True
    at.run()
    (snippet,) = [c.value for c in at.code if c.value.startswith("<iframe")]
    assert snippet.startswith(
        '<iframe src="altman_seoul_2025.html" title="Sam Altman in Seoul, 2025-02-04"'
    )


# ---- the Edit tab ----

NEW_ACTOR = {
    "Id": "lee-minister",
    "Name (en)": "Lee Minister",
    "Type": "person",
    "Sector": "government",
    "Country": "KR",
}
NEW_MEETING = {"Id": "altman-lee", "Status": "held", "Date": "2025-02-04", "Country": "KR"}


def start_editing(at: AppTest, origin: str = "shown") -> str:
    """Open the Edit tab and press Start editing; the prefix of the editors' keys."""
    open_tab(at, "edit")
    at.radio(key="edit_from").set_value(origin)
    at.button(key="edit_begin").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return f"edit_{at.session_state['edit_generation']}_"


def edited(added: dict[str, list[dict[str, str]]]) -> dict[str, dict[str, Any]]:
    return {
        table: {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}
        for table, rows in added.items()
    }


def test_edit_tab_adds_an_actor_and_a_meeting_and_the_graph_follows() -> None:
    at = start()
    assert [m.value for m in at.metric][:3] == ["25", "10", "4"]
    prefix = start_editing(at)
    assert len(at.data_editor) == 11
    changes = edited(
        {
            "actors": [NEW_ACTOR],
            "meetings": [NEW_MEETING],
            "participants": [
                {"Meeting": "altman-lee", "Actor": "sam-altman"},
                {"Meeting": "altman-lee", "Actor": "lee-minister"},
            ],
            "evidence": [{"Meeting": "altman-lee", "Source": "mt-2025-02-04", "Quote": "만났다"}],
        }
    )
    for table, change in changes.items():
        at.session_state[prefix + table] = change
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [m.value for m in at.metric][:3] == ["26", "11", "4"]
    assert blocks(at, "h4") == [
        "In this view: Sam Altman met 1 of the 5 Government members in South Korea; "
        "met Ishiba Shigeru (Prime Minister of Japan); "
        "is to meet Narendra Modi (Prime Minister of India)"
    ]
    assert [s.value for s in at.success][-1] == "Valid: the graph shows this edit."
    # The YAML offered for download loads back into the dataset the tables hold.
    text = at.session_state["edit_last_good"]
    dataset = load_dataset_text(text, "seoul-edited.yaml")
    assert dataset.actors[-1].id == "lee-minister"
    assert dataset.meetings[-1].participants == ["sam-altman", "lee-minister"]
    assert b"# The visitor" in text  # the bundled file's comments are kept
    again = start_editing_from_upload(text)
    assert [m.value for m in again.metric][:3] == ["26", "11", "4"]


def start_editing_from_upload(data: bytes) -> AppTest:
    at = start()
    at.session_state["edit_start"] = ("mine.yaml", data)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_an_invalid_edit_is_named_at_its_row_and_the_last_valid_one_stays() -> None:
    at = start()
    prefix = start_editing(at)
    at.session_state[prefix + "actors"] = edited({"actors": [{**NEW_ACTOR, "Country": "KOR"}]})[
        "actors"
    ]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [m.value for m in at.metric][:3] == ["25", "10", "4"]
    assert at.error[-1].value.startswith("The edit cannot be used yet (problems to fix: 1)")
    lines = [c.value for c in at.code if c.value.startswith("Actors, row 26")]
    assert lines and "Country" in lines[0] and "'KOR'" in lines[0]


def test_edit_from_the_starter_and_stop() -> None:
    at = start()
    start_editing(at, "starter")
    assert [m.value for m in at.metric][:3] == ["4", "2", "1"]
    assert blocks(at, "h1") == ["Jane Doe in Tokyo and Seoul, March 2025"]
    at.button(key="edit_stop").click().run()
    assert [m.value for m in at.metric][:3] == ["25", "10", "4"]
    assert "edit_start" not in at.session_state


def test_the_graph_marks_the_selected_and_the_focused_actor() -> None:
    at = start(actor="son-masayoshi")
    at.session_state["selected_actor"] = "sam-altman"
    at.run()
    assert not at.exception
    data = component_data(at)
    assert (data["selected"], data["focus"]) == ("sam-altman", "son-masayoshi")
    assert data["height"] == "505px"
    # The detail panel under the graph is the selected actor's.
    cards = [h.proto.body for h in at.get("html") if 'class="actor-detail"' in h.proto.body]
    assert len(cards) == 1 and "<h3>Sam Altman</h3>" in cards[0]
    at.session_state["selected_actor"] = "nobody"
    at.run()
    assert component_data(at)["selected"] is None
    assert not [h for h in at.get("html") if 'class="actor-detail"' in h.proto.body]


def test_the_headline_follows_the_view() -> None:
    at = start()
    at.sidebar.multiselect(key="pick_country").select("KR").run()
    assert not at.exception
    # Korea's actors and the visitor kept with them: Japan's and India's leaders are not.
    assert blocks(at, "h4") == [
        "In this view: Sam Altman met 0 of the 4 Government members in South Korea"
    ]
    at.sidebar.radio(key="language").set_value("ko").run()
    assert blocks(at, "h4") == ["이 보기에서: 샘 올트먼 — 대한민국 정부 인사 4명 중 0명 면담"]
    at.sidebar.multiselect(key="pick_country").set_value([]).run()
    at.sidebar.multiselect(key="pick_type").select("organization").run()
    # Organisations only: the visitor met none, so he is not in the view.
    assert blocks(at, "h4") == ["이 보기에서: “한국 정부 인사 면담”의 방문자가 보이지 않음"]


def test_chips_are_relabelled_on_a_language_switch() -> None:
    at = start()
    at.sidebar.multiselect(key="pick_sector").select("government").run()
    at.sidebar.selectbox(key="size_by").set_value("eigenvector").run()
    at.sidebar.radio(key="language").set_value("ko").run()
    assert not at.exception
    chips = at.sidebar.multiselect(key="pick_sector")
    # The browser shows what the server sends when it sets the value: the Korean label.
    assert chips.value == ["government"] and chips.proto.set_value
    assert list(chips.proto.raw_values) == ["정부"]
    size_by = at.sidebar.selectbox(key="size_by")
    assert size_by.value == "eigenvector" and size_by.proto.set_value
    assert size_by.proto.raw_value == "고유벡터 중심성"
    assert at.query_params["sector"] == "government" and at.query_params["size"] == "eigenvector"
    # The next rerun in the same language leaves the browser's chips alone.
    at.run()
    assert not at.sidebar.multiselect(key="pick_sector").proto.set_value
    # Still filtered: the government, and the visitor (AI) kept in view with it.
    table = frame(at, "centrality_table")
    assert set(table["sector"]) == {"정부", "인공지능"} and "kakao" not in table.index


def test_drawing_settings_come_from_the_url_and_go_back_to_it() -> None:
    at = start(seed="3", size="eigenvector", physics="1", affil="0")
    assert not at.exception
    assert at.sidebar.number_input(key="seed").value == 3
    assert at.sidebar.selectbox(key="size_by").value == "eigenvector"
    assert at.sidebar.toggle(key="physics").value is True
    assert at.sidebar.toggle(key="affiliations").value is False
    assert drawn(at)["physics"] is True and drawn(at)["show_affiliations"] is False
    assert {k: at.query_params[k] for k in ("seed", "size", "physics", "affil")} == {
        "seed": "3",
        "size": "eigenvector",
        "physics": "1",
        "affil": "0",
    }
    at.sidebar.number_input(key="seed").set_value(5).run()
    at.sidebar.selectbox(key="size_by").set_value("degree").run()
    at.sidebar.toggle(key="physics").set_value(False).run()
    at.sidebar.toggle(key="affiliations").set_value(True).run()
    assert drawn(at)["show_affiliations"] is True and len(drawn(at)["affiliations"]) == 10
    assert at.query_params["seed"] == "5" and at.query_params["size"] == "degree"
    # Back to the defaults: left out of the address.
    assert "physics" not in at.query_params and "affil" not in at.query_params


def test_a_shared_address_draws_the_same_page() -> None:
    at = start()
    at.sidebar.number_input(key="seed").set_value(3).run()
    at.sidebar.selectbox(key="size_by").set_value("eigenvector").run()
    at.sidebar.multiselect(key="pick_sector").select("government").select("ai").run()
    shared = {name: str(at.query_params[name]) for name in at.query_params}
    assert shared["seed"] == "3" and shared["size"] == "eigenvector"
    opened = start(**shared)
    assert not opened.exception

    def picture(app: AppTest) -> dict[str, tuple[float, float, float]]:
        return {n["id"]: (n["x"], n["y"], n["size"]) for n in drawn(app)["nodes"]}

    assert picture(opened) == picture(at)
    assert picture(opened) != picture(start(sector="government,ai"))  # seed 7, PageRank


def test_the_open_tab_is_in_the_url() -> None:
    at = start(tab="missing")
    assert not at.exception
    assert at.query_params["tab"] == "missing"
    at.radio(key="language").set_value("ko").run()
    assert at.query_params["tab"] == "missing"


def test_tables_across_the_page_are_a_toggle_kept_in_the_url() -> None:
    def long_width(app: AppTest) -> int:
        (table,) = [e for e in app.dataframe if "explanation" in e.value.columns]
        return int(json.loads(table.proto.columns)["explanation"]["width"])

    at = start(tab="missing")
    assert len(at.columns) == 2 and "tables" not in at.query_params  # the tabs beside the graph
    beside = long_width(at)
    at.toggle(key="tables_wide").set_value(True).run()
    assert not at.exception
    assert len(at.columns) == 0 and at.query_params["tables"] == "wide"
    assert long_width(at) == 2 * beside
    opened = start(tab="missing", tables="wide")
    assert len(opened.columns) == 0 and opened.toggle(key="tables_wide").value
    opened.toggle(key="tables_wide").set_value(False).run()
    assert len(opened.columns) == 2 and "tables" not in opened.query_params
    assert len(start(tables="narrow").columns) == 2  # another value: the default


def shown_headers(at: AppTest) -> dict[str, list[str]]:
    """Each table's headers as the page shows them (the hidden index left out), by signature."""
    found = {}
    for key, column in SIGNATURES.items():
        for element in at.dataframe:
            if column in element.value.columns:
                config = json.loads(element.proto.columns)
                assert config["_index"] == {"hidden": True}, key
                found[key] = [config[c]["label"] for c in element.value.columns]
    return found


# The tab each table is in; the centrality tab last, so it is open when they are read.
TABLE_TABS = ("meetings", "missing", "comparison", "what_if", "ego", "centrality")


def tab_tables(at: AppTest, names: tuple[str, ...] = TABLE_TABS) -> list[Any]:
    """The tables of the tabs named, each tab opened in turn."""
    return [element for name in names for element in open_tab(at, name).dataframe]


def tab_headers(at: AppTest, names: tuple[str, ...] = TABLE_TABS) -> dict[str, list[str]]:
    """:func:`shown_headers` of the tabs named, each tab opened in turn."""
    return {key: row for name in names for key, row in shown_headers(open_tab(at, name)).items()}


def test_tables_show_names_and_words_not_ids_or_none() -> None:
    at = start(whatif="1", compare="son-masayoshi")
    ids = {"sam-altman", "son-masayoshi", "altman-sk-group", "kr-government-contact"}
    for element in tab_tables(at):
        cells = set(element.value.astype(str).to_numpy().ravel().tolist())
        assert not {"None", "nan", "<NA>"} & cells
        assert not ids & cells
        assert element.proto.placeholder == ""
    headers = tab_headers(at)
    assert set(headers) >= set(SIGNATURES) - {"missing_table"}
    assert headers["meetings_table"][:6] == [
        "date",
        "participants",
        "status",
        "quote",
        "place",
        "source",
    ]
    assert headers["what_if_table"][:3] == ["name", "PageRank: change", "degree: change"]
    assert headers["ego_table"] == ["name", "statuses", "meetings", "sector", "country"]
    assert frame(at, "centrality_table").iloc[0]["name"] == "Sam Altman"
    at.sidebar.radio(key="language").set_value("ko").run()
    headers = tab_headers(at, ("comparison", "what_if", "centrality"))
    assert headers["centrality_table"][:3] == ["이름", "페이지랭크", "연결 수"]
    assert headers["comparison_table"][:4] == ["국가", "구분", "명단 인원", "만난 비율"]
    assert headers["what_if_table"][:2] == ["이름", "페이지랭크: 변화"]
    assert frame(at, "centrality_table").iloc[0]["name"] == "샘 올트먼"
    (measures,) = [e for e in at.dataframe if "pagerank" in e.value.columns]
    at.sidebar.toggle(key="what_if").set_value(False).run()
    open_tab(at, "missing")
    assert shown_headers(at)["missing_table"][:3] == ["이름", "설명", "근거가 된 만남"]
    assert set(frame(at, "missing_table")["visitor"]) == {"샘 올트먼"}
    # Long explanations wrap in rows five lines tall; a table of numbers keeps one line.
    (missing,) = [e for e in at.dataframe if "explanation" in e.value.columns]
    assert (missing.proto.row_height, measures.proto.row_height) == (112, 0)


def detail_cards(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if 'class="actor-detail"' in h.proto.body]


def test_the_detail_panel_shows_the_selected_actor_until_closed() -> None:
    at = start()
    assert detail_cards(at) == []
    at.session_state["selected_actor"] = "sam-altman"
    at.run()
    assert not at.exception
    (card,) = detail_cards(at)
    assert "<h3>Sam Altman</h3>" in card and "<dd>CEO of OpenAI</dd>" in card
    table = next(e.value for e in at.dataframe if "with" in e.value.columns)
    assert len(table) == 12
    assert table.iloc[0]["with"] == "Chey Tae-won, SK Group presidents"
    at.button(key="detail_close").click().run()
    assert detail_cards(at) == []
    assert at.session_state["selected_actor"] is None
    assert not [e for e in at.dataframe if "with" in e.value.columns]


def test_the_detail_panel_ignores_an_actor_the_dataset_lacks() -> None:
    at = start()
    at.session_state["selected_actor"] = "<b>nobody</b>"
    at.run()
    assert not at.exception
    assert detail_cards(at) == []


def test_hostile_names_are_shown_literally_in_the_detail_panel() -> None:
    from test_render import HOSTILE_YAML

    at = start()
    at.sidebar.file_uploader(key="upload").upload("hostile.yaml", HOSTILE_YAML.encode()).run()
    at.session_state["selected_actor"] = "a"
    at.run()
    assert not at.exception
    (card,) = detail_cards(at)
    assert "<img" not in card and "<svg" not in card
    name = html.escape("<img src=x onerror=window.__pwned=4>")
    assert f"<h3>{name}</h3>" in card and f"<dd>{name}</dd>" in card
    table = next(e.value for e in at.dataframe if "with" in e.value.columns)
    assert table.iloc[0]["with"] == "</script><script>window.__pwned=5</script>"
    assert table.iloc[0]["quote"] == "<a href=javascript:window.__pwned=6>x</a>"


def test_a_bundled_file_that_changes_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from meetgraph.loader import load_dataset
    from meetgraph.settings import Settings
    from meetgraph.synth import synth_dataset_text

    seoul = load_dataset(Settings().default_dataset)
    path = tmp_path / "mine.yaml"
    path.write_text(synth_dataset_text(seoul, 40, 60, seed=1), encoding="utf-8")
    monkeypatch.setenv("MEETGRAPH_DATA_DIR", str(tmp_path))
    at = start()
    assert len(frame(at, "centrality_table")) == 40
    # Read once and kept while the file stays as it was; read again once it changes.
    path.write_text(synth_dataset_text(seoul, 50, 60, seed=1), encoding="utf-8")
    at.run()
    assert not at.exception
    assert len(frame(at, "centrality_table")) == 50
