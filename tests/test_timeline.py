"""Meetings as rows, in tour order."""

from __future__ import annotations

from meetgraph.filters import filter_graph
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset
from meetgraph.settings import Settings
from meetgraph.timeline import meeting_table


def seoul_table(language: str = "en"):  # type: ignore[no-untyped-def]
    return meeting_table(build_graph(load_dataset(Settings().default_dataset)), language)


def test_one_row_per_meeting_in_tour_order() -> None:
    table = seoul_table()
    assert table["meeting"].tolist()[:7] == [
        "altman-sk-group",
        "altman-krafton",
        "altman-developer-workshop",
        "altman-kakao-press-conference",
        "openai-kakao-partnership",
        "altman-samsung-softbank",
        "altman-modi",
    ]
    assert set(table["meeting"].tolist()[7:]) == {
        "altman-ishiba",
        "ministry-request",
        "yoo-son-meeting",
    }
    assert "missing" not in set(table["status"])


def test_a_three_party_meeting_lists_all_participants() -> None:
    row = seoul_table().set_index("meeting").loc["altman-samsung-softbank"]
    assert row["participants"] == "Lee Jae-yong, Sam Altman, Son Masayoshi"
    assert row["counterparts"] == "Lee Jae-yong, Son Masayoshi"
    assert row["source"] == (
        "삼성부터 스타트업까지 다 만난 올트먼...'정치불안' 정부는 패싱?, 머니투데이 유니콘팩토리"
    )
    assert "손정의 소프트뱅크그룹 회장도 참석했다" in row["quote"]
    assert row["source"].startswith("삼성부터 스타트업까지")
    assert row["place"] == "Samsung Electronics office, Seocho-gu, Seoul"


def test_korean_labels() -> None:
    row = seoul_table("ko").set_index("meeting").loc["altman-samsung-softbank"]
    assert row["place"] == "서초구 삼성전자 사옥"
    assert "이재용" in row["participants"]


def test_a_filtered_view_lists_fewer_meetings() -> None:
    G = build_graph(load_dataset(Settings().default_dataset))
    table = meeting_table(filter_graph(G, {"status": ["planned"]}))
    assert sorted(table["meeting"]) == ["altman-modi", "yoo-son-meeting"]
