"""An actor in detail: its card and every meeting of it in the view, with the evidence."""

from __future__ import annotations

import html

import networkx as nx
import pytest
from test_render import hostile_graph

from meetgraph.detail import actor_detail, detail_card
from meetgraph.errors import UnknownActorError
from meetgraph.filters import filter_graph
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset
from meetgraph.settings import Settings

SOURCE = "삼성부터 스타트업까지 다 만난 올트먼...'정치불안' 정부는 패싱?, 머니투데이 유니콘팩토리"


@pytest.fixture(scope="module")
def seoul() -> nx.MultiGraph:
    return build_graph(load_dataset(Settings().default_dataset))


def test_sam_altmans_card_and_every_meeting_in_tour_order(seoul: nx.MultiGraph) -> None:
    detail = actor_detail(seoul, "sam-altman", "en")
    assert detail.title == "Sam Altman"
    assert detail.facts == (
        ("names", "Sam Altman · 샘 올트먼"),
        ("role", "CEO of OpenAI"),
        ("type", "person"),
        ("sector", "AI"),
        ("country", "US"),
        ("affiliation", "OpenAI"),
        ("note", "The article does not state his country; US is where OpenAI is based."),
    )
    rows = detail.meetings.rows
    # 8 declared meetings and the 4 missing ones.
    assert len(rows) == 12
    assert rows.iloc[0].to_dict() == {
        "date": "2025-02-04",
        "with": "Chey Tae-won, SK Group presidents",
        "status": "held",
        "place": "The Plaza Hotel, Jung-gu, Seoul",
        "quote": (
            "4일 관련업계에 따르면 올트먼 CEO는 이날 오전 서울 중구 더플라자호텔에서 최태원 회장 등"
            " SK그룹 사장단들과 만나 AI 인프라 관련 협의를 진행하고, 김창한 크래프톤 대표와 별도로"
            " 만나 서비스 내 AI 도입 등을 주제로 논의했다."
        ),
        "source": SOURCE,
    }
    assert rows["with"].tolist()[4:] == [
        "Lee Jae-yong, Son Masayoshi",
        "Ahn Duk-geun",
        "Choi Sang-mok",
        "Oh Young-ju",
        "Yoo Sang-im",
        "Narendra Modi",
        "Ishiba Shigeru",
        "A government ministry (unnamed)",
    ]
    assert rows["status"].tolist().count("missing (expected)") == 4
    assert rows["date"].tolist()[-2:] == ["", ""]  # undated meetings come last
    assert [detail.meetings.headers[c] for c in rows.columns] == [
        "date",
        "with",
        "status",
        "quote",
        "place",
        "source",
    ]


def test_the_detail_speaks_korean(seoul: nx.MultiGraph) -> None:
    detail = actor_detail(seoul, "oh-young-ju", "ko")
    assert detail.title == "오영주"
    assert dict(detail.facts)["소속"] == "중소벤처기업부"
    assert dict(detail.facts)["직책"] == "중소벤처기업부 장관"
    rows = detail.meetings.rows
    assert rows[["date", "with", "status"]].to_dict("records") == [
        {"date": "2025-02-04", "with": "샘 올트먼", "status": "없었음 (기대됨)"}
    ]
    assert rows.loc[0, "quote"].startswith("다만 일본, 인도 등과는 달리")
    assert [detail.meetings.headers[c] for c in rows.columns][:3] == ["날짜", "상대", "상태"]


def test_meetings_are_those_of_the_view_and_the_card_those_of_the_graph(
    seoul: nx.MultiGraph,
) -> None:
    planned = filter_graph(seoul, {"status": ["planned"]})
    detail = actor_detail(seoul, "sam-altman", "en", planned)
    assert detail.meetings.rows[["with", "status"]].to_dict("records") == [
        {"with": "Narendra Modi", "status": "planned"}
    ]
    # Kakao's CEO, filtered out of a view of investors, keeps her card and affiliation.
    investors = filter_graph(seoul, {"sector": ["investment"]})
    hidden = actor_detail(seoul, "chung-shin-a", "en", investors)
    assert dict(hidden.facts)["affiliation"] == "Kakao"
    assert hidden.meetings.rows.empty
    assert list(hidden.meetings.rows.columns) == [
        "date",
        "with",
        "status",
        "quote",
        "place",
        "source",
    ]


def test_an_actor_without_details_has_a_short_card_and_no_none() -> None:
    G = nx.MultiGraph()
    G.add_node("x")
    G.add_edge("x", "y", key="m", status="held")
    detail = actor_detail(G, "x", "en")
    assert (detail.title, detail.facts) == ("x", ())
    assert detail.meetings.rows.to_dict("records") == [
        {"date": "", "with": "y", "status": "held", "quote": "", "place": "", "source": ""}
    ]
    with pytest.raises(UnknownActorError):
        actor_detail(G, "nobody", "en")


def test_hostile_text_stays_text_in_the_card_and_the_table() -> None:
    G = hostile_graph()
    detail = actor_detail(G, "a", "en")
    name = "<img src=x onerror=window.__pwned=4>"
    assert detail.title == name
    row = detail.meetings.rows.iloc[0]
    assert row["with"] == "</script><script>window.__pwned=5</script>"
    assert row["place"] == "<iframe src=javascript:window.__pwned=8>"
    assert row["quote"] == "<a href=javascript:window.__pwned=6>x</a>"
    card = detail_card(detail)
    assert "<img" not in card and "<svg" not in card and "<script" not in card
    assert html.escape(name) in card
    assert dict(detail.facts)["sector"] == "<script>window.__pwned=2</script>"
