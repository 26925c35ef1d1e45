"""The tables as a reader sees them: names first, headers in words, no ids, no None."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from meetgraph.comparison import contact_table
from meetgraph.explorer import missing_table
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset
from meetgraph.metrics import MEASURES, centrality, counterfactual
from meetgraph.schema import Dataset
from meetgraph.settings import Settings
from meetgraph.tables import (
    ShownTable,
    blanks,
    centrality_shown,
    contacts_shown,
    meetings_shown,
    missing_shown,
    neighbours_shown,
    what_if_shown,
)
from meetgraph.timeline import meeting_table


@pytest.fixture(scope="module")
def seoul() -> tuple[Dataset, nx.MultiGraph]:
    dataset = load_dataset(Settings().default_dataset)
    return dataset, build_graph(dataset)


def every_table(seoul: tuple[Dataset, nx.MultiGraph], language: str) -> dict[str, ShownTable]:
    dataset, G = seoul
    return {
        "centrality": centrality_shown(G, centrality(G), language),
        "meetings": meetings_shown(G, meeting_table(G, language), language),
        "missing": missing_shown(G, missing_table(G, language), language),
        "comparison": contacts_shown(
            G, contact_table(G, dataset.expectations), dataset.expectations, language
        ),
        "what_if": what_if_shown(G, counterfactual(G), language),
        "ego": neighbours_shown(G, "son-masayoshi", language),
    }


def headers(table: ShownTable) -> list[str]:
    return [table.headers[c] for c in table.rows.columns]


MEASURE_WORDS = {
    "en": [
        "PageRank",
        "degree",
        "weighted degree",
        "betweenness",
        "closeness",
        "eigenvector",
        "community",
    ],
    "ko": [
        "페이지랭크",
        "연결 수",
        "가중 연결 수",
        "매개 중심성",
        "근접 중심성",
        "고유벡터 중심성",
        "커뮤니티",
    ],
}
HEADERS = {
    "en": {
        "centrality": ["name", *MEASURE_WORDS["en"], "type", "sector", "country"],
        "meetings": [
            "date",
            "participants",
            "status",
            "quote",
            "place",
            "source",
            "topics",
            "kind",
            "order",
            "time",
            "country",
            "sector (met)",
        ],
        "missing": [
            "name",
            "explanation",
            "meetings that justify it",
            "country",
            "visitor",
            "expectation",
        ],
        "comparison": [
            "country",
            "compared as",
            "listed",
            "share met",
            "held",
            "planned",
            "requested (fell through)",
            "missing (expected)",
            "no contact",
            "expectation",
        ],
        "ego": ["name", "statuses", "meetings", "sector", "country"],
    },
    "ko": {
        "centrality": ["이름", *MEASURE_WORDS["ko"], "유형", "분야", "국가"],
        "meetings": [
            "날짜",
            "참석자",
            "상태",
            "인용",
            "장소",
            "출처",
            "주제",
            "유형",
            "순서",
            "시간",
            "국가",
            "상대 분야",
        ],
        "missing": ["이름", "설명", "근거가 된 만남", "국가", "방문자", "기대 규칙"],
        "comparison": [
            "국가",
            "구분",
            "명단 인원",
            "만난 비율",
            "성사",
            "예정",
            "요청 (불발)",
            "없었음 (기대됨)",
            "접촉 없음",
            "기대 규칙",
        ],
        "ego": ["이름", "상태", "만남 수", "분야", "국가"],
    },
}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_table_has_its_headers_in_the_chosen_language(
    seoul: tuple[Dataset, nx.MultiGraph], language: str
) -> None:
    tables = every_table(seoul, language)
    for name, expected in HEADERS[language].items():
        assert headers(tables[name]) == expected, name


def test_the_what_if_table_leads_with_each_measures_change() -> None:
    dataset = load_dataset(Settings().default_dataset)
    G = build_graph(dataset)
    shown = what_if_shown(G, counterfactual(G), "ko")
    assert headers(shown)[:4] == ["이름", "페이지랭크: 변화", "연결 수: 변화", "가중 연결 수: 변화"]
    assert headers(shown)[-2:] == ["분야", "국가"]
    assert "연결 수: 이전" in headers(shown) and "연결 수: 이후" in headers(shown)
    english = what_if_shown(G, counterfactual(G), "en")
    assert english.rows.loc[
        "choi-sang-mok", ["name", "degree_before", "degree_after"]
    ].tolist() == [
        "Choi Sang-mok",
        0,
        1,
    ]
    assert english.formats["degree_change"] == "%+d"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_no_table_shows_an_id_a_none_or_a_nan(
    seoul: tuple[Dataset, nx.MultiGraph], language: str
) -> None:
    _, G = seoul
    ids = {str(n) for n in G.nodes} | {str(k) for *_, k in G.edges(keys=True)}
    for name, table in every_table(seoul, language).items():
        cells = table.rows.astype(str).to_numpy().ravel().tolist()
        assert not table.rows.isna().any().any(), name
        assert not {"None", "nan", "NaN", "<NA>"} & set(cells), name
        assert not ids & set(cells), name
        assert table.rows.index.name in {None, "actor", "meeting", "neighbour"}


@pytest.mark.parametrize("language", ["en", "ko"])
def test_tables_about_actors_lead_with_their_name_in_the_chosen_language(
    seoul: tuple[Dataset, nx.MultiGraph], language: str
) -> None:
    tables = every_table(seoul, language)
    altman = {"en": "Sam Altman", "ko": "샘 올트먼"}[language]
    for name in ("centrality", "what_if"):
        assert tables[name].rows.columns[0] == "name"
        assert tables[name].rows.loc["sam-altman", "name"] == altman
    assert tables["centrality"].rows.index[0] == "sam-altman"
    assert set(tables["missing"].rows["visitor"]) == {altman}
    assert tables["ego"].rows.loc["sam-altman", "name"] == altman


def test_words_replace_the_datasets_codes() -> None:
    dataset = load_dataset(Settings().default_dataset)
    G = build_graph(dataset)
    tables = every_table((dataset, G), "ko")
    minister = tables["centrality"].rows.loc["yoo-sang-im"]
    assert minister[["type", "sector", "country"]].tolist() == ["인물", "정부", "KR"]
    row = tables["meetings"].rows.loc["altman-kakao-press-conference"]
    assert row[["status", "kind", "sector"]].tolist() == ["성사", "기자회견", "플랫폼"]
    assert tables["meetings"].rows.loc["altman-modi", "order"] == ""
    assert tables["meetings"].rows.loc["altman-sk-group", "order"] == "1"
    missing = tables["missing"].rows.loc["oh-young-ju"]
    assert missing["peers"] == "이시바 시게루 (성사); 나렌드라 모디 (예정)"
    assert missing["expectation"] == "한국 정부 인사 면담"
    kr = tables["comparison"].rows.set_index("country").loc["KR"]
    assert kr[["role", "listed", "missing", "share_met"]].tolist() == ["기대 국가", 4, 4, 0.0]
    assert tables["comparison"].formats == {"share_met": "percent"}
    son = tables["ego"].rows
    assert son.loc["yoo-sang-im", ["statuses", "meetings"]].tolist() == ["예정", 1]


def test_long_text_columns_are_named_for_room() -> None:
    dataset = load_dataset(Settings().default_dataset)
    tables = every_table((dataset, build_graph(dataset)), "en")
    assert tables["meetings"].long == ["quote", "place", "source", "topics"]
    assert tables["missing"].long == ["explanation", "peers"]
    assert tables["centrality"].long == []
    assert (tables["missing"].row_height, tables["centrality"].row_height) == (112, None)


def test_centrality_is_sorted_by_the_first_measure_and_keeps_every_measure() -> None:
    dataset = load_dataset(Settings().default_dataset)
    G = build_graph(dataset)
    shown = centrality_shown(G, centrality(G), "en")
    assert list(shown.rows.columns[1 : 1 + len(MEASURES)]) == [m.name for m in MEASURES]
    assert shown.rows[MEASURES[0].name].is_monotonic_decreasing
    assert shown.formats["degree"] == "%d" and shown.formats["pagerank"] == "%.3f"


def test_a_peer_meeting_the_view_leaves_out_is_named_by_its_id() -> None:
    dataset = load_dataset(Settings().default_dataset)
    G = build_graph(dataset)
    view = G.copy()
    view.remove_edges_from([(u, v, k) for u, v, k in G.edges(keys=True) if k == "altman-modi"])
    shown = missing_shown(view, missing_table(view, "en"), "en")
    assert set(shown.rows["peers"]) == {"Ishiba Shigeru (held); altman-modi"}


def test_blanks_keep_numbers_where_nothing_is_missing() -> None:
    table = pd.DataFrame({"n": [1, 2], "m": pd.array([1, None], dtype="Int64"), "t": [None, "x"]})
    shown = blanks(table)
    assert shown["n"].dtype.kind == "i"
    assert shown.to_dict("list") == {"n": [1, 2], "m": ["1", ""], "t": ["", "x"]}


def test_an_empty_view_gives_empty_tables_with_their_headers() -> None:
    G = nx.MultiGraph()
    shown = missing_shown(G, missing_table(G, "en"), "en")
    assert shown.rows.empty and headers(shown)[0] == "name"
    assert meetings_shown(G, meeting_table(G, "en"), "en").rows.empty


def test_wrapped_tables_give_long_text_and_names_room() -> None:
    dataset = load_dataset(Settings().default_dataset)
    tables = every_table((dataset, build_graph(dataset)), "en")
    meetings = tables["meetings"]
    widths = {c: meetings.width_of(c) for c in meetings.rows.columns}
    assert {c: w for c, w in widths.items() if w} == {
        "participants": 160,
        "quote": 280,
        "place": 280,
        "source": 280,
        "topics": 280,
    }
    assert meetings.height == 38 + 5 * 112  # five rows, then it scrolls
    assert tables["missing"].height == 38 + 4 * 112
    assert tables["centrality"].height is None
    assert tables["centrality"].width_of("name") is None
