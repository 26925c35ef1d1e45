"""The meetgraph command: exit codes and exact output are a contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from meetgraph.cli import cli
from meetgraph.jsonio import from_json_text

SMALL = """\
# yaml-language-server: $schema=schema.json
meetgraph: 1
dataset: {id: small, title: {en: Small, ko: 작은}}
sectors:
  - {id: ai, label: {en: AI, ko: 인공지능}}
  - {id: government, label: {en: Government, ko: 정부}}
sources:
  - {id: s, title: T, publisher: P, published: "2025-02-04T17:32:00+09:00", language: ko}
actors:
  - {id: visitor, name: {en: Visitor, ko: 방문자}, type: person, sector: ai, country: US}
  - {id: ceo, name: {en: CEO, ko: 대표}, type: person, sector: ai, country: KR}
  - {id: pm, name: {en: Prime Minister, ko: 총리}, type: person, sector: government, country: JP}
  - {id: minister, name: {en: Minister, ko: 장관}, type: person, sector: government, country: KR}
meetings:
  - id: visitor-ceo
    participants: [visitor, ceo]
    status: held
    date: "2025-02-04"
    evidence: [{source: s, quote: 만났다}]
  - id: visitor-pm
    participants: [visitor, pm]
    status: held
    date: "2025-02-03"
    evidence: [{source: s, quote: 회동했다}]
expectations:
  - id: kr-gov
    label: {en: Government contact, ko: 정부 접촉}
    visitor: visitor
    date: "2025-02-04"
    expected: {country: KR, sectors: [government], types: [person]}
    peers: {countries: [JP], sectors: [government]}
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_validate_ok(small: Path) -> None:
    code, out, err = run("validate", str(small))
    assert (code, err) == (0, "")
    assert out == f"{small}: ok (4 actors, 2 meetings, 1 missing edge)\n"


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path, small: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        SMALL.replace("participants: [visitor, ceo]", "participants: [visitor, nobody]").replace(
            "country: JP}", "country: Japan}"
        ),
        encoding="utf-8",
    )
    code, out, err = run("validate", str(small), str(bad))
    assert code == 1
    assert out == f"{small}: ok (4 actors, 2 meetings, 1 missing edge)\n"
    assert err == (
        f"{bad}:12:93: actors[2].country: must be a country code of two capital letters,"
        " such as KR, not 'Japan'\n"
        f"{bad}:16:29: meetings[0].participants[1]:"
        " unknown actor 'nobody': check the spelling, or add that actor\n"
    )
    assert "Traceback" not in out + err


def test_validate_missing_file(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 1
    assert err == f"{tmp_path / 'nope.yaml'}:1:1: cannot read: No such file or directory\n"


def test_validate_default_is_the_bundled_dataset() -> None:
    code, out, _ = run("validate")
    assert code == 0
    assert out.startswith(str(Path(__file__).parents[1] / "data" / "altman_seoul_2025.yaml"))
    assert out.endswith(" 4 missing edges)\n")


def test_max_bytes_option(small: Path) -> None:
    code, _, err = run("--max-bytes", "100", "validate", str(small))
    assert code == 1
    assert err == f"{small}:1:1: the file is larger than the limit of 100 bytes\n"


def test_stats_json_counts_held_meetings_only(small: Path) -> None:
    code, out, _ = run("stats", str(small), "--json")
    assert code == 0
    rows = {row["actor"]: row for row in json.loads(out)}
    assert set(rows) == {"visitor", "ceo", "pm", "minister"}
    assert rows["visitor"]["degree"] == 2
    assert rows["minister"]["degree"] == 0
    assert rows["visitor"]["betweenness"] == pytest.approx(1 / 3)


def test_stats_with_missing_is_the_counterfactual(small: Path) -> None:
    code, out, _ = run("stats", str(small), "--json", "--with-missing")
    assert code == 0
    rows = {row["actor"]: row for row in json.loads(out)}
    assert rows["minister"]["degree"] == 1
    assert rows["visitor"]["degree"] == 3


def test_stats_text_is_sorted_by_pagerank(small: Path) -> None:
    code, out, _ = run("stats", str(small))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["actor", "name", "type"]
    assert lines[1].split()[:2] == ["visitor", "Visitor"]
    assert len(lines) == 5


def test_stats_filters_and_unknown_sector(small: Path) -> None:
    code, out, _ = run("stats", str(small), "--json", "--country", "KR", "--country", "US")
    assert code == 0
    assert {row["actor"] for row in json.loads(out)} == {"visitor", "ceo", "minister"}
    code, _, err = run("stats", str(small), "--sector", "media")
    assert code == 1
    assert err == "--sector media: not in this dataset (known: ai, government)\n"


def test_stats_since_drops_earlier_meetings(small: Path) -> None:
    code, out, _ = run("stats", str(small), "--json", "--since", "2025-02-04")
    assert code == 0
    rows = {row["actor"]: row for row in json.loads(out)}
    assert rows["pm"]["degree"] == 0 and rows["ceo"]["degree"] == 1


def test_stats_unknown_actor_focus(small: Path) -> None:
    code, _, err = run("stats", str(small), "--actor", "ghost")
    assert code == 1
    assert err == "error: unknown actor 'ghost'\n"


def test_missing_text_and_json(small: Path) -> None:
    code, out, _ = run("missing", str(small))
    assert code == 0
    assert out == (
        "visitor -- minister (KR) [kr-gov]\n"
        "  Government contact: Visitor met Prime Minister (JP, held, visitor-pm); "
        "no held or planned meeting with Minister (KR).\n"
    )
    code, out, _ = run("missing", str(small), "--json")
    [record] = json.loads(out)
    assert record["actor"] == "minister"
    assert record["peers"] == [
        {"meeting": "visitor-pm", "actor": "pm", "country": "JP", "status": "held"}
    ]
    assert record["date"] == "2025-02-04"


def test_missing_on_bundled_dataset_lists_the_four_government_members() -> None:
    code, out, _ = run("missing", "--json")
    assert code == 0
    actors = {record["actor"] for record in json.loads(out)}
    assert len(actors) == 4
    assert all(record["visitor"] == "sam-altman" for record in json.loads(out))


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".html"])
def test_export_writes_only_the_named_file(tmp_path: Path, small: Path, suffix: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"graph{suffix}"
    code, out, err = run("export", str(small), "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"{target}\n"
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]


def test_export_json_round_trips_the_filtered_view(tmp_path: Path, small: Path) -> None:
    target = tmp_path / "kr.json"
    code, _, _ = run("export", str(small), "-o", str(target), "--status", "held")
    assert code == 0
    G = from_json_text(target.read_text(encoding="utf-8"))
    assert isinstance(G, nx.MultiGraph)
    assert {d["status"] for *_, d in G.edges(data=True)} == {"held"}
    assert G.number_of_edges() == 2


def test_export_csv_writes_three_tables(tmp_path: Path, small: Path) -> None:
    code, _, _ = run("export", str(small), "-o", str(tmp_path / "g.csv"))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv") == [
        "g.edges.csv",
        "g.metrics.csv",
        "g.nodes.csv",
    ]


def test_export_unknown_format(tmp_path: Path, small: Path) -> None:
    code, _, err = run("export", str(small), "-o", str(tmp_path / "g.pdf"))
    assert code == 1
    assert err.startswith("error: ")
    assert ".pdf" in err
    assert not (tmp_path / "g.pdf").exists()


def test_schema_command_prints_the_committed_schema() -> None:
    code, out, _ = run("schema")
    committed = (Path(__file__).parents[1] / "data" / "schema.json").read_text(encoding="utf-8")
    assert code == 0 and out == committed


def test_usage_error_exits_2(small: Path) -> None:
    code, _, err = run("stats", str(small), "--status", "maybe")
    assert code == 2
    assert "'maybe' is not one of" in err


def test_python_dash_m_runs_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"meetgraph: 1\nmeetgraph: \xff\n")
    result = subprocess.run(
        [sys.executable, "-m", "meetgraph", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"{bad}:2:12: the text is not UTF-8 (byte 0xff): save the file as UTF-8\n"
    )
    assert result.stdout == ""


def test_compare_prints_the_headline_and_the_table(small: Path) -> None:
    code, out, err = run("compare", str(small))
    assert (code, err) == (0, "")
    assert out == (
        "Government members met: 0 of 1 in KR; JP 1 of 1\n"
        "expectation country     role  listed  held  planned  requested  missing  none  share_met\n"
        "     kr-gov      KR expected       1     0        0          0        1     0       0.00\n"
        "     kr-gov      JP     peer       1     1        0          0        0     0       1.00\n"
    )


def test_compare_json_on_the_bundled_dataset() -> None:
    code, out, _ = run("compare", "--json")
    assert code == 0
    rows = {row["country"]: row for row in json.loads(out)}
    assert (rows["KR"]["listed"], rows["KR"]["held"], rows["KR"]["missing"]) == (4, 0, 4)
    assert (rows["JP"]["held"], rows["IN"]["planned"]) == (1, 1)


def test_filter_options_come_from_the_registry() -> None:
    code, out, _ = run("stats", "--json", "--meeting-country", "JP")
    assert code == 0
    rows = {row["actor"]: row for row in json.loads(out)}
    assert len(rows) == 25  # a filter on meetings keeps every actor
    assert (rows["sam-altman"]["degree"], rows["ishiba-shigeru"]["degree"]) == (1, 1)
    code, _, err = run("stats", "--meeting-country", "FR")
    assert (code, err) == (1, "--meeting-country FR: not in this dataset (known: IN, JP, KR)\n")


def test_export_to_standard_output_names_its_format(small: Path) -> None:
    code, out, _ = run("export", str(small), "-o", "-", "--format", "json")
    assert code == 0
    assert from_json_text(out).number_of_nodes() == 4
    code, _, err = run("export", str(small), "-o", "-")
    assert (code, err) == (1, "-o -: name the format with --format\n")
    code, _, err = run("export", str(small), "-o", "-", "--format", "csv")
    assert (code, err) == (1, "-o -: CSV writes several files; name a file\n")


def test_export_format_option_wins_over_the_extension(tmp_path: Path, small: Path) -> None:
    target = tmp_path / "graph.txt"
    code, out, _ = run("export", str(small), "-o", str(target), "--format", "JSON")
    assert (code, out) == (0, f"{target}\n")
    assert from_json_text(target.read_bytes()).number_of_edges() == 3


def test_export_help_lists_the_registered_formats() -> None:
    code, out, _ = run("export", "--help")
    assert code == 0
    for words in (".html (HTML)", ".graphml (GraphML)", ".gexf (GEXF)", ".json (JSON)", ".csv"):
        assert words in " ".join(out.split()), words


def test_missing_json_explains_in_every_language_of_the_dataset(small: Path) -> None:
    code, out, _ = run("missing", str(small), "--json")
    assert code == 0
    [record] = json.loads(out)
    assert set(record["explanation"]) == {"en", "ko"}
    assert record["explanation"]["ko"].startswith(
        "정부 접촉: 방문자는 총리 (JP, 성사, visitor-pm)와 "
    )


def test_a_focus_the_filters_hide_is_named_not_unknown() -> None:
    code, _, err = run("stats", "--country", "KR", "--actor", "ishiba-shigeru")
    assert (code, err) == (1, "error: actor 'ishiba-shigeru' is hidden by the other filters\n")


def test_the_visitor_stays_in_view_as_a_focus_when_the_countries_hide_it() -> None:
    code, out, _ = run("stats", "--json", "--country", "KR", "--actor", "sam-altman")
    assert code == 0
    assert sorted(row["actor"] for row in json.loads(out)) == [
        "ahn-duk-geun",  # the four missing meetings' government members
        "chey-tae-won",
        "choi-sang-mok",
        "chung-shin-a",
        "kim-chang-han",
        "korean-ai-startups",
        "lee-jae-yong",
        "oh-young-ju",
        "sam-altman",
        "sk-group-presidents",
        "unnamed-government-ministry",
        "yoo-sang-im",
    ]


def test_settings_out_of_range_are_one_line_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("--max-bytes", "1000000000000", "validate")
    assert code == 2 and "1000000000000 is not in the range 1<=x<=17179869184" in err
    for value in ("9" * 30, "²"):
        monkeypatch.setenv("MEETGRAPH_MAX_FILE_BYTES", value)
        code, _, err = run("validate")
        assert code == 1 and err.count("\n") == 1, err
        assert err.startswith("MEETGRAPH_MAX_FILE_BYTES must be a whole number from 1 to ")


def test_error_lines_cannot_be_forged_or_reach_the_terminal(tmp_path: Path, small: Path) -> None:
    forged = tmp_path / "forged.yaml"
    forged.write_text(
        SMALL.replace("meetgraph: 1\n", 'meetgraph: 1\n"x\\nFORGED.yaml:1:1: ok": 1\n').replace(
            "{en: Visitor,", '{en: "Visitor \\e]0;pwned\\a",'
        ),
        encoding="utf-8",
    )
    code, out, err = run("validate", str(forged))
    assert (code, out) == (1, "")
    assert "\x1b" not in err and "\x07" not in err
    assert all(line.startswith(f"{forged}:") for line in err.splitlines()), err
    assert "x\\nFORGED.yaml:1:1: ok: holds the control character '\\n'" in err


def test_init_writes_a_starter_that_validates(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    assert run("init", str(story), "--languages", "en,ja") == (
        0,
        f"{story}: a starter dataset in en, ja\nnext: edit it, then: meetgraph validate {story}\n",
        "",
    )
    text = story.read_text(encoding="utf-8")
    assert "languages: [en, ja]\n" in text and "ジェーン・ドウ" in text and "제인" not in text
    assert text.startswith("# A meetgraph dataset")
    assert run("validate", str(story)) == (
        0,
        f"{story}: ok (4 actors, 2 meetings, 1 missing edge)\n",
        "",
    )


def test_init_keeps_an_existing_file_unless_forced(tmp_path: Path) -> None:
    story = tmp_path / "story.yaml"
    story.write_text("mine\n", encoding="utf-8")
    assert run("init", str(story)) == (
        1,
        "",
        f"{story}: exists already; give --force to replace it\n",
    )
    assert story.read_text(encoding="utf-8") == "mine\n"
    assert run("init", str(story), "--force")[0] == 0
    assert "languages: [en, ko]\n" in story.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ("en,,ko", "'' is not a language code such as en, ko or pt-BR"),
        ("en,EN", "'EN' is not a language code such as en, ko or pt-BR"),
        ("en,ko,en", "'en' is given twice"),
    ],
)
def test_init_refuses_bad_languages(tmp_path: Path, languages: str, message: str) -> None:
    code, out, err = run("init", str(tmp_path / "s.yaml"), "--languages", languages)
    assert (code, out) == (2, "")
    assert err.endswith(f"Error: Invalid value for '--languages': {message}\n")
    assert not (tmp_path / "s.yaml").exists()


def test_export_xlsx_writes_the_dataset_and_import_reads_it_back(
    tmp_path: Path, small: Path
) -> None:
    from meetgraph.loader import load_dataset

    book = tmp_path / "book.xlsx"
    assert run("export", str(small), "-o", str(book)) == (0, f"{book}\n", "")
    story = tmp_path / "story.yaml"
    code, out, err = run("import", str(book), "-o", str(story))
    assert (code, err) == (0, "")
    assert out == f"{story}: 4 actors, 2 meetings, 1 expectation rule (from {book})\n"
    assert load_dataset(story) == load_dataset(small)


def test_import_refuses_to_overwrite_without_force(tmp_path: Path, small: Path) -> None:
    book = tmp_path / "book.xlsx"
    run("export", str(small), "-o", str(book))
    story = tmp_path / "story.yaml"
    story.write_text("mine\n", encoding="utf-8")
    assert run("import", str(book), "-o", str(story)) == (
        1,
        "",
        f"{story}: exists already; use --force to replace it\n",
    )
    assert story.read_text(encoding="utf-8") == "mine\n"
    assert run("import", str(book), "-o", str(story), "--force")[0] == 0


def test_import_reports_problems_at_cells_and_writes_nothing(tmp_path: Path, small: Path) -> None:
    import openpyxl

    book = tmp_path / "book.xlsx"
    run("export", str(small), "-o", str(book))
    workbook = openpyxl.load_workbook(book)
    workbook["meetings"]["D2"].value = 45692
    workbook["participants"]["B3"].value = "nobody"
    workbook.save(book)
    story = tmp_path / "story.yaml"
    code, out, err = run("import", str(book), "-o", str(story))
    assert (code, out) == (1, "")
    assert err == (
        f"{book}:meetings!D2: date: must be a date like 2025-02-04, not 45692"
        " (a number: format the cell as text)\n"
    )
    assert not story.exists()


def test_import_a_csv_folder_and_a_file_that_is_no_workbook(tmp_path: Path, small: Path) -> None:
    from meetgraph.loader import load_dataset
    from meetgraph.workbook import csv_directory_files

    folder = tmp_path / "tables"
    folder.mkdir()
    for name, content in csv_directory_files(load_dataset(small)).items():
        (folder / name).write_bytes(content)
    story = tmp_path / "story.yaml"
    assert run("import", str(folder), "-o", str(story))[:2] == (
        0,
        f"{story}: 4 actors, 2 meetings, 1 expectation rule (from {folder})\n",
    )
    notes = tmp_path / "notes.txt"
    notes.write_bytes(small.read_bytes())
    assert run("import", str(notes), "-o", str(tmp_path / "other.yaml")) == (
        1,
        "",
        f"{notes}: not an Excel workbook (.xlsx)\n",
    )


def test_every_command_reads_a_workbook_too(tmp_path: Path, small: Path) -> None:
    book = tmp_path / "small.xlsx"
    assert run("export", str(small), "-o", str(book))[0] == 0
    assert run("validate", str(book)) == (
        0,
        f"{book}: ok (4 actors, 2 meetings, 1 missing edge)\n",
        "",
    )
    assert run("missing", str(book))[1] == run("missing", str(small))[1]


def test_export_fade_draws_what_the_filters_leave_out_faded(tmp_path: Path) -> None:
    from meetgraph.render import embedded_data

    page, picture = tmp_path / "kr.html", tmp_path / "kr.svg"
    for path in (page, picture):
        code, _, err = run("export", "-o", str(path), "--country", "KR", "--fade")
        assert (code, err) == (0, "")
    data = embedded_data(page.read_text(encoding="utf-8"))
    faded = sorted(n["id"] for n in data["nodes"] if n.get("faded"))
    assert faded == [
        "deepseek",
        "ishiba-shigeru",
        "narendra-modi",
        "openai",
        "softbank-group",
        "son-masayoshi",
    ]
    assert sum(1 for e in data["edges"] if e.get("faded")) == 6
    svg = picture.read_text(encoding="utf-8")
    assert svg.count('stroke="#E6E6E6"') == 6 and svg.count('fill="#E8E8E8"') == 6
    assert "what the filters leave out drawn faded" in svg
    code, _, _ = run("export", "-o", str(page), "--country", "KR")
    assert not any(n.get("faded") for n in embedded_data(page.read_text("utf-8"))["nodes"])
