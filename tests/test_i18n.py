"""Interface words: locale files, English where a word is missing, Korean particles."""

from __future__ import annotations

import pytest

from meetgraph.filters import CHOICE_FILTERS
from meetgraph.i18n import language_name, particle, translate, ui_languages, ui_words
from meetgraph.metrics import MEASURES
from meetgraph.vocabulary import ActorType, MeetingKind, MeetingStatus


@pytest.mark.parametrize(
    ("word", "topic", "subject", "with_"),
    [
        ("최상목", "최상목은", "최상목이", "최상목과"),
        ("유상임", "유상임은", "유상임이", "유상임과"),
        ("안덕근", "안덕근은", "안덕근이", "안덕근과"),
        ("오영주", "오영주는", "오영주가", "오영주와"),
        ("손정의", "손정의는", "손정의가", "손정의와"),
        ("최상목(KR)", "최상목(KR)은", "최상목(KR)이", "최상목(KR)과"),
        ("SK그룹 사장단", "SK그룹 사장단은", "SK그룹 사장단이", "SK그룹 사장단과"),
        ("카카오 ", "카카오 는", "카카오 가", "카카오 와"),
        ("1", "1은", "1이", "1과"),
        ("4", "4는", "4가", "4와"),
        ("Kakao", "Kakao은(는)", "Kakao이(가)", "Kakao과(와)"),
        ("", "은(는)", "이(가)", "과(와)"),
    ],
)
def test_korean_particles_follow_the_last_syllable(
    word: str, topic: str, subject: str, with_: str
) -> None:
    assert word + particle(word, "은", "는") == topic
    assert word + particle(word, "이", "가") == subject
    assert word + particle(word, "과", "와") == with_


def test_templates_choose_particles_for_a_value_or_place_them_apart() -> None:
    assert translate("explanation.peer", "ko", name="a", country="b", status="c", meeting="d")
    from meetgraph.i18n import _FORMATTER

    assert _FORMATTER.format(
        "{x:은/는} {y}({c}){y:=과/와}는", x="샘 올트먼", y="오영주", c="KR"
    ) == ("샘 올트먼은 오영주(KR)와는")
    assert _FORMATTER.format("{n:>3}", n=7) == "  7"  # other format specs are untouched


def test_every_registered_thing_has_its_word() -> None:
    english = ui_words("en")
    keys = [f"measure.{m.name}" for m in MEASURES]
    keys += [f"filter.{f.name}" for f in CHOICE_FILTERS]
    keys += [f"status.{s.value}" for s in MeetingStatus] + ["status.none"]
    keys += [f"status_plain.{s.value}" for s in MeetingStatus]
    keys += [f"type.{t.value}" for t in ActorType] + [f"kind.{k.value}" for k in MeetingKind]
    assert [key for key in keys if key not in english] == []


def test_each_locale_names_its_language() -> None:
    assert language_name("en") == "English" and language_name("ko") == "한국어"
    for code in ui_languages():
        assert language_name(code) != code
    assert language_name("xx") == "xx"


def test_a_template_with_particles_fills_the_same_by_its_plan_or_by_the_formatter() -> None:
    from meetgraph.i18n import _FORMATTER, fill

    named = "{rule}: {visitor:은/는} {actor}({country}){actor:=과/와}는 {n:>3}번 {count}건"
    values = {"rule": "규칙", "visitor": "샘 올트먼", "actor": "오영주", "country": "KR", "n": 7}
    values["count"] = 3  # a number without a spec, beside texts without one
    assert fill(named, **values) == _FORMATTER.format(named, **values)
    assert fill(named, **values) == "규칙: 샘 올트먼은 오영주(KR)와는   7번 3건"
    # Indexes, conversions and nested specs are left to string.Formatter itself.
    assert fill("{names[0]:은/는} {word!r} {n:>{width}}", names=["샘"], word="a", n=1, width=2) == (
        "샘은 'a'  1"
    )
