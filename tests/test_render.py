"""The offline HTML page: what it embeds, what it never lets through, and its layout."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from meetgraph.errors import MeetgraphError
from meetgraph.graph import build_graph
from meetgraph.layout import layout_positions
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.render import RenderError, embedded_data, page_data, render_html
from meetgraph.settings import Settings

#: Every status: v met pm (held), will meet org (planned), asked grp (requested), met org
#: again without a date, and is expected to have met min in KR (missing).
STATUSES_YAML = """\
meetgraph: 1
dataset: {id: statuses, title: {en: Visit, ko: 방문}}
sectors:
  - {id: gov, label: {en: Government, ko: 정부}, color: "#123456"}
  - {id: ai, label: {en: AI, ko: 인공지능}}
sources:
  - {id: s, title: Daily News, publisher: Press Co, published: "2025-01-01T00:00:00Z",
     language: en}
actors:
  - {id: v, name: {en: Visitor, ko: 방문자}, type: person, sector: ai, country: US,
     role: {en: Chief executive, ko: 최고경영자}}
  - {id: pm, name: {en: Prime Minister, ko: 총리}, type: person, sector: gov, country: JP}
  - {id: min, name: {en: Minister, ko: 장관}, type: person, sector: gov, country: KR}
  - {id: org, name: {en: Chip Maker}, type: organization, sector: ai, country: KR}
  - {id: grp, name: {en: Startup Club}, type: group, sector: ai, country: KR}
  - {id: body, name: {en: AI Office}, type: government_body, sector: gov, country: KR}
meetings:
  - {id: v-pm, participants: [v, pm], status: held, date: "2025-02-03",
     place: {en: Tokyo, ko: 도쿄}, topics: [{en: chips, ko: 반도체}],
     evidence: [{source: s, quote: They met in Tokyo.}]}
  - {id: v-org, participants: [v, org], status: planned, date: "2025-02-05",
     evidence: [{source: s, quote: A visit is planned.}]}
  - {id: v-grp, participants: [v, grp], status: requested,
     evidence: [{source: s, quote: The club asked for a meeting.}]}
  - {id: v-org-2, participants: [v, org], status: held,
     evidence: [{source: s, quote: They met again.}]}
expectations:
  - id: kr-gov
    label: {en: Government contact in KR}
    visitor: v
    expected: {country: KR, sectors: [gov], types: [person]}
    peers: {countries: [JP], sectors: [gov]}
"""

HOSTILE_YAML = """\
meetgraph: 1
dataset: {id: hostile, title: {en: "<img src=x onerror=window.__pwned=1>"}}
sectors: [{id: ai, label: {en: "<script>window.__pwned=2</script>"}}]
sources: [{id: s, title: "<b onmouseover=window.__pwned=3>t</b>", publisher: P,
           published: "2025-01-01T00:00:00Z", language: en}]
actors:
  - {id: a, name: {en: "<img src=x onerror=window.__pwned=4>"}, type: person, sector: ai,
     country: KR, role: {en: "</SCRIPT><svg onload=window.__pwned=7>"}}
  - {id: b, name: {en: "</script><script>window.__pwned=5</script>"}, type: person,
     sector: ai, country: KR}
meetings:
  - {id: m, participants: [a, b], status: held, date: "2025-02-04",
     place: {en: "<iframe src=javascript:window.__pwned=8>"},
     evidence: [{source: s, quote: "<a href=javascript:window.__pwned=6>x</a>"}]}
"""

HOSTILE_STRINGS = (
    "<img src=x",
    "<script>window.__pwned",
    "</script><script>",
    "<b onmouseover",
    "<a href=javascript",
    "<svg onload",
    "</SCRIPT>",
    "<iframe",
    "\u2028",
)


def statuses_graph() -> nx.MultiGraph:
    return build_graph(load_dataset_text(STATUSES_YAML, "statuses.yaml"))


def hostile_graph() -> nx.MultiGraph:
    G = build_graph(load_dataset_text(HOSTILE_YAML, "hostile.yaml"))
    # The loader refuses control characters; a graph built by other means may hold them.
    G.nodes["a"]["role"] = {"en": "\u2028" + G.nodes["a"]["role"]["en"]}
    return G


def edges_by_status(page: str) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for edge in embedded_data(page)["edges"]:
        found.setdefault(edge["status"], []).append(edge)
    return found


def without_vis(page: str) -> str:
    """The page minus the inlined vis-network library (whose licence comments hold URLs)."""
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    library = max(scripts, key=len)
    assert "vis-network" in library
    return page.replace(library, "")


def test_page_is_self_contained() -> None:
    page = render_html(statuses_graph())
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page
    rest = without_vis(page)
    assert "https://" not in rest
    assert not re.search(r"\b(src|href)\s*=", rest, flags=re.IGNORECASE)
    assert "@import" not in rest and "url(" not in rest


def test_hostile_text_only_appears_json_escaped() -> None:
    page = render_html(hostile_graph())
    for hostile in HOSTILE_STRINGS:
        assert hostile not in page, hostile
    # Jinja escapes the title and the JSON block escapes angle brackets.
    assert "<title>&lt;img src=x onerror=window.__pwned=1&gt;</title>" in page
    assert "\\u003cimg src=x onerror=window.__pwned=4\\u003e" in page
    data = embedded_data(page)
    labels = {node["id"]: node["label"] for node in data["nodes"]}
    assert labels["b"] == "</script><script>window.__pwned=5</script>"
    quotes = [line[1] for line in data["edges"][0]["tooltip"]]
    assert any("<a href=javascript:window.__pwned=6>x</a>" in q for q in quotes)
    # Outside the library, the only script elements are ours: data, library, page code.
    rest = without_vis(page).lower()
    assert rest.count("<script") == 3 and rest.count("</script") == 3


def test_every_status_has_its_own_style() -> None:
    found = edges_by_status(render_html(statuses_graph()))
    assert sorted(found) == ["held", "missing", "planned", "requested"]
    (missing,) = found["missing"]
    assert missing["color"] == "#D55E00"
    assert missing["dashes"] == [10, 8]
    assert missing["physics"] is False
    assert missing["width"] == 3
    assert missing["expectation"] == "kr-gov" and missing["meeting"] is None
    (planned,) = found["planned"]
    assert planned["dashes"] == [2, 6]
    (requested,) = found["requested"]
    assert requested["color"] == "#E69F00" and requested["label"] == "×"
    assert all(edge["dashes"] is False for edge in found["held"])
    assert {edge["meeting"] for edge in found["held"]} == {"v-pm", "v-org-2"}


def test_parallel_meetings_are_all_drawn_and_curved_apart() -> None:
    edges = embedded_data(render_html(statuses_graph()))["edges"]
    pair = [e for e in edges if {e["from"], e["to"]} == {"v", "org"}]
    assert sorted(e["status"] for e in pair) == ["held", "planned"]
    assert [e["smooth"]["enabled"] for e in pair] == [False, True]
    assert len({e["id"] for e in edges}) == len(edges) == statuses_graph().number_of_edges()


def test_tooltips_carry_evidence_date_and_explanation() -> None:
    found = edges_by_status(render_html(statuses_graph()))
    held = next(e for e in found["held"] if e["meeting"] == "v-pm")
    tip = dict(held["tooltip"])
    assert tip["Date"] == "2025-02-03"
    assert tip["Place"] == "Tokyo" and tip["Topics"] == "chips"
    assert tip["Evidence"] == "“They met in Tokyo.” — Daily News, Press Co"
    assert dict(found["requested"][0]["tooltip"])["Date"] == "date not stated"
    why = dict(found["missing"][0]["tooltip"])["Why it was expected"]
    assert "Prime Minister" in why and "Minister" in why


def test_language_switch_changes_labels_and_words() -> None:
    G = statuses_graph()
    english = embedded_data(render_html(G, language="en"))
    korean = embedded_data(render_html(G, language="ko"))
    assert {n["id"]: n["label"] for n in english["nodes"]}["v"] == "Visitor"
    labels = {n["id"]: n["label"] for n in korean["nodes"]}
    assert labels["v"] == "방문자"
    assert labels["org"] == "Chip Maker"  # no Korean name: English fallback
    tip = dict(next(n for n in korean["nodes"] if n["id"] == "v")["tooltip"])
    assert tip["직책"] == "최고경영자" and tip["분야"] == "인공지능"
    assert korean["legend"]["title"] == "범례"
    assert "<title>방문</title>" in render_html(G, language="ko")
    # A language neither the dataset nor the interface has: its first language, English words.
    french = embedded_data(render_html(G, language="fr"))
    assert {n["id"]: n["label"] for n in french["nodes"]}["v"] == "Visitor"
    assert french["legend"]["title"] == "Legend"
    with pytest.raises(MeetgraphError, match="language must be a code"):
        render_html(G, language="fr fr")


def test_node_encoding_by_sector_and_type() -> None:
    nodes = {n["id"]: n for n in embedded_data(render_html(statuses_graph()))["nodes"]}
    assert nodes["pm"]["color"] == "#123456"  # declared sector colour
    assert nodes["v"]["color"] != nodes["pm"]["color"]  # palette colour for 'ai'
    assert {i: nodes[i]["shape"] for i in ("v", "org", "grp", "body")} == {
        "v": "dot",
        "org": "square",
        "grp": "triangle",
        "body": "diamond",
    }


def test_sizes_scale_nodes() -> None:
    G = statuses_graph()
    sizes = {"v": 10.0, "pm": 5.0, "min": 0.0}
    nodes = {n["id"]: n["size"] for n in embedded_data(render_html(G, sizes=sizes))["nodes"]}
    assert nodes["v"] == 45 and nodes["min"] == 10 and 10 < nodes["pm"] < 45
    default = {n["size"] for n in embedded_data(render_html(G))["nodes"]}
    assert len(default) == 1


def test_physics_option() -> None:
    G = statuses_graph()
    assert embedded_data(render_html(G))["options"]["physics"]["enabled"] is False
    settled = embedded_data(render_html(G, physics=True))["options"]["physics"]
    assert settled["enabled"] is True and settled["stabilization"]["iterations"] == 100


def test_positions_are_used_and_deterministic_per_seed() -> None:
    G = statuses_graph()
    first = layout_positions(G, seed=1)
    assert first == layout_positions(G, seed=1)
    assert first != layout_positions(G, seed=2)
    assert set(first) == set(G)
    nodes = embedded_data(render_html(G, seed=1))["nodes"]
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == first
    given = {node: (float(i), 0.0) for i, node in enumerate(G)}
    nodes = embedded_data(render_html(G, positions=given))["nodes"]
    assert {n["id"]: (n["x"], n["y"]) for n in nodes} == given


def test_empty_graph_renders() -> None:
    data = embedded_data(render_html(nx.MultiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_bad_height_is_refused() -> None:
    with pytest.raises(MeetgraphError, match="height"):
        render_html(statuses_graph(), height="1px;}</style><script>")


def test_json_block_parses_as_json() -> None:
    page = render_html(hostile_graph())
    block = re.search(r'id="meetgraph-data">(.*?)</script>', page, flags=re.DOTALL)
    assert block is not None
    assert json.loads(block.group(1)) == page_data(page)


def test_what_if_draws_missing_edges_solid_red() -> None:
    from meetgraph.expectations import as_if_held

    G = build_graph(load_dataset(Settings().default_dataset))
    data = embedded_data(render_html(as_if_held(G)))
    drawn = [e for e in data["edges"] if e["expectation"] == "kr-government-contact"]
    assert len(drawn) == 4
    for edge in drawn:
        assert (edge["status"], edge["color"], edge["dashes"]) == ("held", "#D55E00", False)
    labels = [item["label"] for item in data["legend"]["sections"][2]["items"]]
    assert labels[-1] == "missing, drawn as if held (what if)"
    plain = embedded_data(render_html(G))["legend"]["sections"][2]["items"]
    assert len(plain) == len(labels) - 1


# ---- lighter pages, and a page of its own


def crowd_graph(people: int) -> nx.MultiGraph:
    """One meeting of ``people`` participants: every pair an edge, one quote for them all."""
    quotes = [f"participant {n} was there" for n in range(people)]
    participants = ", ".join(f"p{n}" for n in range(people))
    actors = "\n".join(
        f"  - {{id: p{n}, name: {{en: Person {n}}}, type: person, sector: ai, country: KR}}"
        for n in range(people)
    )
    text = f"""\
meetgraph: 1
dataset: {{id: crowd, title: {{en: Crowd}}}}
sectors: [{{id: ai, label: {{en: AI}}}}]
sources: [{{id: s, title: The Only Source, publisher: P, published: "2025-01-01T00:00:00Z",
           language: en}}]
actors:
{actors}
meetings:
  - {{id: crowd, participants: [{participants}], status: held, date: "2025-02-04",
     place: {{en: The Great Hall}},
     evidence: [{{source: s, quote: "{quotes[0]}"}}]}}
"""
    return build_graph(load_dataset_text(text, "crowd.yaml"))


def test_a_text_shared_by_many_edges_is_written_once() -> None:
    G = crowd_graph(30)
    page = render_html(G)
    assert G.number_of_edges() == 435
    for shared in ("participant 0 was there", "The Great Hall", "The Only Source"):
        assert page.count(shared) == 1
    edges = embedded_data(page)["edges"]
    assert len(edges) == 435
    for edge in edges:  # ... and still in every edge's tooltip
        tip = dict(edge["tooltip"])
        assert tip["Place"] == "The Great Hall"
        assert tip["Evidence"] == "“participant 0 was there” — The Only Source, P"


def test_explanations_of_one_expectation_share_their_beginning() -> None:
    G = build_graph(load_dataset(Settings().default_dataset))
    page = render_html(G)
    data = page_data(page)
    (prefix,) = data["prefixes"]
    assert prefix.startswith("Government contact in Korea: Sam Altman met or is to meet")
    assert page.count("Sam Altman met or is to meet") == 1
    missing = [e for e in embedded_data(page)["edges"] if e["status"] == "missing"]
    whys = sorted(dict(e["tooltip"])["Why it was expected"] for e in missing)
    assert [why.removeprefix(prefix) for why in whys] == [
        "Ahn Duk-geun (KR).",
        "Choi Sang-mok (KR).",
        "Oh Young-ju (KR).",
        "Yoo Sang-im (KR).",
    ]


def test_a_page_of_its_own_says_what_it_shows_as_text() -> None:
    from meetgraph.render import PageText
    from meetgraph.story import story_steps

    G = hostile_graph()
    text = PageText(
        title="<script>window.__pwned=7</script>",
        headline="<b>0 of 4</b>",
        filters="<i>sector</i>",
        credits=("<a href=x>Press</a>",),
    )
    page = render_html(G, story=story_steps(G), text=text)
    assert "<h1>&lt;script&gt;window.__pwned=7&lt;/script&gt;</h1>" in page
    assert '<p class="meetgraph-headline">&lt;b&gt;0 of 4&lt;/b&gt;</p>' in page
    assert "&lt;i&gt;sector&lt;/i&gt;" in page
    assert "<p>Source: &lt;a href=x&gt;Press&lt;/a&gt;</p>" in page
    assert "<title>&lt;script&gt;window.__pwned=7&lt;/script&gt;</title>" in page
    hint = "Tab moves through the actors; the arrow keys step through the story."
    assert f'<span id="meetgraph-keys">{hint}</span>' in page
    data = page_data(page)
    assert data["standalone"] and data["story"]["controls"]
    # The arrow keys step through the story; vis-network's own keys would move the drawing.
    assert data["options"]["interaction"]["keyboard"]["enabled"] is False


def test_a_page_in_the_app_has_no_story_buttons_and_keeps_the_drawing_keys() -> None:
    from meetgraph.story import story_steps

    G = build_graph(load_dataset(Settings().default_dataset))
    page = render_html(G, story=story_steps(G), step=2)
    data = page_data(page)
    assert not data["standalone"] and not data["story"]["controls"]
    assert data["story"]["start"] == 2
    assert data["options"]["interaction"]["keyboard"]["enabled"] is True
    for part in ('id="meetgraph-story-start"', 'id="meetgraph-actors"', 'id="meetgraph-table"'):
        assert part not in page
    assert "<h1>" not in page


def test_a_story_longer_than_a_page_tells_is_left_out() -> None:
    from meetgraph.page import MAX_STORY_STEPS
    from meetgraph.story import StoryStep

    step = StoryStep("meetings", ("m",), (), "", "A, B", "", "held", (), ())
    G = statuses_graph()
    assert page_data(render_html(G, story=[step] * MAX_STORY_STEPS))["story"] is not None
    assert page_data(render_html(G, story=[step] * (MAX_STORY_STEPS + 1)))["story"] is None


def test_a_context_is_drawn_with_what_the_view_leaves_out_faded() -> None:
    from meetgraph.page import expand, page_model
    from meetgraph.styles import (
        EDGE_STYLES,
        FADED_EDGE_COLOR,
        FADED_NODE_COLOR,
        FADED_TEXT_COLOR,
    )
    from meetgraph.view import Choices, ViewSpec, apply_view, context_of

    G = statuses_graph()
    spec = ViewSpec(choices=Choices(sector=("gov",)), fade=True)
    view, context = apply_view(G, spec), context_of(G, spec)
    model = page_model(view, language="en", positions={}, context=context)
    ids = [n[0] for n in model["nodes"]]
    assert [ids[i] for i in model["faded"]["nodes"]] == ["org", "grp"]
    faded_keys = sorted(model["tips"][model["edges"][i][3]][0] for i in model["faded"]["edges"])
    assert faded_keys == ["v-grp", "v-org", "v-org-2"]
    nodes, edges = expand(model)
    faded_nodes = {n["id"]: (n["color"], n["font"]) for n in nodes if n.get("faded")}
    assert faded_nodes == {
        "org": (FADED_NODE_COLOR, {"color": FADED_TEXT_COLOR}),
        "grp": (FADED_NODE_COLOR, {"color": FADED_TEXT_COLOR}),
    }
    assert sorted(e["key"] for e in edges if e.get("faded")) == faded_keys
    assert {e["color"] for e in edges if e.get("faded")} == {FADED_EDGE_COLOR}
    kept = {e["key"]: e["color"] for e in edges if not e.get("faded")}
    assert kept == {"v-pm": EDGE_STYLES["held"].color, "kr-gov": EDGE_STYLES["missing"].color}


def test_without_a_context_nothing_is_faded() -> None:
    data = embedded_data(render_html(statuses_graph(), language="en"))
    assert data["faded"] == {"nodes": [], "edges": []}
    assert not any("faded" in record for record in data["nodes"] + data["edges"])


def test_the_page_script_fades_in_the_colours_of_the_styles() -> None:
    from importlib import resources

    from meetgraph.styles import FADED_EDGE_COLOR, FADED_NODE_COLOR, FADED_TEXT_COLOR

    script = resources.files("meetgraph").joinpath("templates/graph.js").read_text("utf-8")
    declared = dict(re.findall(r'(FADED_[A-Z]+) = "(#[0-9A-Fa-f]{6})"', script))
    assert declared == {
        "FADED_NODE": FADED_NODE_COLOR,
        "FADED_EDGE": FADED_EDGE_COLOR,
        "FADED_TEXT": FADED_TEXT_COLOR,
    }


def test_the_component_draws_with_the_page_script_and_sends_only_data() -> None:
    from meetgraph.page import page_model
    from meetgraph.render import _asset, component_assets, component_data

    assets = component_assets()
    script = _asset("graph.js")
    page = render_html(statuses_graph(), language="en")
    # The same drawing code in the page and the component; no markup from data in either.
    assert script in page and script in assets.library_js
    assert assets.library_js.endswith("export default function () {}\n")
    for code in (script, assets.mount_js, assets.base_js):
        assert ".innerHTML" not in code and "insertAdjacentHTML" not in code
    data = component_data(statuses_graph(), language="en", positions={}, height=400)
    assert data["page"] == page_model(statuses_graph(), language="en", positions={})
    assert (data["height"], data["selected"], data["focus"]) == ("400px", None, None)
    with pytest.raises(RenderError, match="language must be a code"):
        component_data(statuses_graph(), language="<x>", positions={})


def test_with_a_base_the_component_gets_only_the_views_part_of_it() -> None:
    from meetgraph.page import expand, join_view, page_model
    from meetgraph.render import component_base, component_data

    G = statuses_graph()
    base = component_base(G, language="en", positions={})
    assert base == component_base(G, language="en", positions={})  # the same bytes each rerun
    assert component_base(G, language="ko", positions={})["id"] != base["id"]
    view = G.subgraph(["v", "pm", "min"])
    data = component_data(view, language="en", positions={}, base=base, focus="v")
    assert sorted(data) == ["base", "focus", "height", "selected", "view"]
    assert data["base"] == base["id"]
    model = page_model(view, language="en", positions={})
    assert expand(join_view(base["page"], data["view"])) == expand(model)
    # A view the base does not hold (another language's labels) goes whole.
    whole = component_data(view, language="ko", positions={}, base=base)
    assert whole["page"] == page_model(view, language="ko", positions={})
    assert "view" not in whole


def test_affiliations_are_in_the_page_model_and_can_be_hidden() -> None:
    from meetgraph.page import expand

    G = load_dataset(Settings().default_dataset)
    graph = build_graph(G)
    data = page_data(render_html(graph, language="en"))
    names = [node[0] for node in data["nodes"]]
    pairs = {(names[a], names[b]) for a, b in data["affiliations"]}
    assert ("son-masayoshi", "softbank-group") in pairs
    assert ("yoo-sang-im", "ministry-of-science-and-ict") in pairs
    assert len(pairs) == sum(1 for _, a in graph.nodes(data="affiliation") if a)
    assert data["show_affiliations"] is True
    _, edges = expand(data, affiliations=True)
    drawn = [e for e in edges if e.get("affiliation")]
    assert len(drawn) == len(pairs) and not any(e["hidden"] or e["physics"] for e in drawn)
    hidden = page_data(render_html(graph, language="en", affiliations=False))
    _, edges = expand(hidden, affiliations=True)
    assert all(e["hidden"] for e in edges if e.get("affiliation"))
    legend = [i["label"] for i in data["legend"]["sections"][2]["items"]]
    assert "belongs to (affiliation)" in legend
    assert "belongs to (affiliation)" not in [
        i["label"] for i in hidden["legend"]["sections"][2]["items"]
    ]


def test_the_page_and_the_component_are_set_in_the_font_list_with_hangul() -> None:
    from meetgraph.render import PageText, component_assets
    from meetgraph.styles import FONT_FAMILY

    page = render_html(statuses_graph(), language="en", text=PageText(title="Trip, 2025-02-04"))
    declared = f".meetgraph {{ --meetgraph-font: {FONT_FAMILY}; }}"
    assert declared in page and declared in component_assets().css
    assert "font-family: var(--meetgraph-font" in component_assets().css
    # The header's date never breaks at its dashes (a word joiner after each).
    assert "<h1>Trip, 2025-\u206002-\u206004</h1>" in page
