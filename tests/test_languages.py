"""Languages are data: a dataset in English and Japanese works everywhere, in its own words."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from meetgraph.cli import cli
from meetgraph.csvtables import csv_tables
from meetgraph.errors import DatasetError
from meetgraph.explorer import language_options
from meetgraph.export import export_format, export_graph
from meetgraph.graph import build_graph
from meetgraph.i18n import FALLBACK, has_words, translate, ui_languages
from meetgraph.loader import load_dataset_text
from meetgraph.render import embedded_data, render_html

JAPANESE_YAML = """\
meetgraph: 1
languages: [en, ja]
dataset: {id: tokyo, title: {en: A visit to Tokyo, ja: 東京訪問}}
sectors:
  - {id: ai, label: {en: AI, ja: 人工知能}}
  - {id: government, label: {en: Government, ja: 政府}}
sources:
  - {id: s, title: News, publisher: Press, published: "2025-02-03T12:00:00+09:00", language: ja}
actors:
  - {id: visitor, name: {en: Sam Altman, ja: サム・アルトマン}, type: person, sector: ai,
     country: US, role: {en: CEO of OpenAI, ja: オープンAI最高経営責任者}}
  - {id: ishiba, name: {en: Ishiba Shigeru, ja: 石破茂}, type: person, sector: government,
     country: JP}
  - {id: son, name: {en: Son Masayoshi, ja: 孫正義}, type: person, sector: ai, country: JP}
  - {id: minister, name: {en: A minister, ja: 大臣}, type: person, sector: government,
     country: KR}
meetings:
  - {id: visitor-ishiba, participants: [visitor, ishiba], status: held, date: "2025-02-03",
     place: {en: Tokyo, ja: 東京}, topics: [{en: AI, ja: 人工知能}],
     evidence: [{source: s, quote: 会談した}]}
  - {id: visitor-son, participants: [visitor, son], status: held, date: "2025-02-03",
     evidence: [{source: s, quote: 会った}]}
expectations:
  - id: kr
    label: {en: Government contact in Korea, ja: 韓国政府との面会}
    visitor: visitor
    expected: {country: KR, sectors: [government], types: [person]}
    peers: {countries: [JP], sectors: [government]}
"""


def japanese_graph() -> nx.MultiGraph:
    return build_graph(load_dataset_text(JAPANESE_YAML, "tokyo.yaml"))


def test_it_loads_and_derives_the_missing_edge_explained_per_language() -> None:
    G = japanese_graph()
    assert G.graph["languages"] == ["en", "ja"]
    assert G.nodes["son"]["name"] == {"en": "Son Masayoshi", "ja": "孫正義"}
    explanation = G.edges["visitor", "minister", "kr"]["explanation"]
    assert set(explanation) == {"en", "ja"}
    # No Japanese words ship with meetgraph: English words around the Japanese names.
    assert explanation["ja"] == (
        "韓国政府との面会: サム・アルトマン met 石破茂 (JP, held, visitor-ishiba);"
        " no held or planned meeting with 大臣 (KR)."
    )


def test_the_page_shows_japanese_labels_with_english_words() -> None:
    data = embedded_data(render_html(japanese_graph(), language="ja"))
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert labels == {
        "visitor": "サム・アルトマン",
        "ishiba": "石破茂",
        "son": "孫正義",
        "minister": "大臣",
    }
    assert data["legend"]["title"] == "Legend"
    sectors = [item["label"] for item in data["legend"]["sections"][0]["items"]]
    assert sectors == ["人工知能", "政府"]
    held = next(e for e in data["edges"] if e["meeting"] == "visitor-ishiba")
    assert dict(held["tooltip"])["Place"] == "東京"
    assert "<title>東京訪問</title>" in render_html(japanese_graph(), language="ja")


def test_exports_carry_a_column_per_language(tmp_path: Path) -> None:
    tables = csv_tables(japanese_graph())
    nodes = list(csv.DictReader(io.StringIO(tables["nodes"])))
    assert {"name_en", "name_ja", "role_en", "role_ja"} <= set(nodes[0])
    assert "name_ko" not in nodes[0]
    assert {row["name_ja"] for row in nodes} >= {"孫正義", "石破茂"}
    for fmt in ("gexf", "graphml", "json", "html"):
        export_graph(japanese_graph(), tmp_path / f"tokyo.{fmt}")
        assert "孫正義" in (tmp_path / f"tokyo.{fmt}").read_text(encoding="utf-8"), fmt
    assert export_format("csv").name == "csv"


def test_text_in_an_undeclared_language_or_without_the_first_is_refused() -> None:
    text = JAPANESE_YAML.replace("{en: Son Masayoshi, ja: 孫正義}", "{ko: 손정의, ja: 孫正義}")
    with pytest.raises(DatasetError) as caught:
        load_dataset_text(text, "tokyo.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "tokyo.yaml:14:21: actors[2].name: has no text in 'en', the dataset's first language",
        "tokyo.yaml:14:22: actors[2].name.ko:"
        " language 'ko' is not one of the dataset's languages (en, ja)",
    ]


def test_the_command_line_speaks_the_dataset_languages(tmp_path: Path) -> None:
    path = tmp_path / "tokyo.yaml"
    path.write_text(JAPANESE_YAML, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["missing", str(path), "--lang", "ja"])
    assert result.exit_code == 0, result.output
    assert "大臣 (KR)" in result.stdout
    result = runner.invoke(cli, ["stats", str(path), "--lang", "ja"])
    assert "孫正義" in result.stdout
    result = runner.invoke(cli, ["stats", str(path), "--lang", "xx"])
    interface = ", ".join(ui_languages())
    assert (result.exit_code, result.stderr) == (
        1,
        f"--lang xx: not a language of this dataset (en, ja) or of the interface ({interface})\n",
    )


def test_the_app_offers_the_dataset_languages_first() -> None:
    others = [code for code in ui_languages() if code not in ("en", "ja")]
    assert language_options(japanese_graph()) == ["en", "ja", *others]


def test_every_locale_has_every_english_word_and_english_has_every_word() -> None:
    english = set(_locale_keys(FALLBACK))
    for language in ui_languages():
        assert set(_locale_keys(language)) == english, language
    assert ui_languages()[0] == FALLBACK and has_words("ko") and not has_words("xx")


def test_a_language_without_a_locale_gets_english_words() -> None:
    assert translate("tab_missing", "ja") == translate("tab_missing", FALLBACK)


def _locale_keys(language: str) -> list[str]:
    import json
    from importlib import resources

    path = resources.files("meetgraph").joinpath(f"locales/{language}.json")
    return list(json.loads(path.read_text(encoding="utf-8")))


# Where Python may name a language: English as the fallback of interface words,
# and the format's documented default languages of a dataset that declares none.
ALLOWED_LANGUAGE_LITERALS = {("i18n.py", "FALLBACK"), ("schema.py", "DEFAULT_LANGUAGES")}


def test_no_python_module_names_a_language_but_the_two_defaults() -> None:
    source = Path(__file__).parents[1] / "src" / "meetgraph"
    found = set()
    for path in sorted(source.glob("*.py")):
        for statement in ast.parse(path.read_text(encoding="utf-8")).body:
            named = [
                n for n in ast.walk(statement) if isinstance(n, ast.Constant) and n.value in LANGS
            ]
            if not named:
                continue
            targets = getattr(statement, "targets", [getattr(statement, "target", None)])
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            found.add((path.name, names[0] if names else f"line {named[0].lineno}"))
    assert found == ALLOWED_LANGUAGE_LITERALS


LANGS = {"en", "ko"}
