"""View specs: the filters as one value, applied at once, and kept in a URL."""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx
import pytest

from meetgraph.errors import UnknownActorError
from meetgraph.explorer import view_counts
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset, load_dataset_text
from meetgraph.settings import Settings
from meetgraph.view import (
    DEFAULT_SEED,
    Choices,
    DrawingSpec,
    ViewError,
    ViewSpec,
    apply_view,
    context_of,
    describe,
    from_query_params,
    kept_visitors,
    story_visitors,
    to_query_params,
)

TEXT = """\
meetgraph: 1
dataset: {id: t, title: {en: T}}
sectors: [{id: ai, label: {en: AI}}, {id: gov, label: {en: Government}}]
sources: [{id: s, title: T, publisher: P, published: "2025-01-01T00:00:00Z", language: en}]
actors:
  - {id: v, name: {en: Visitor}, type: person, sector: ai, country: US}
  - {id: c, name: {en: CEO}, type: person, sector: ai, country: KR}
  - {id: pm, name: {en: PM}, type: person, sector: gov, country: JP}
  - {id: min, name: {en: Minister}, type: person, sector: gov, country: KR}
  - {id: org, name: {en: Org}, type: organization, sector: ai, country: KR}
meetings:
  - {id: m1, participants: [v, c, org], status: held, date: "2025-02-04",
     evidence: [{source: s, quote: q}]}
  - {id: m2, participants: [v, pm], status: held, date: "2025-02-03",
     evidence: [{source: s, quote: q}]}
  - {id: m3, participants: [c, min], status: planned, evidence: [{source: s, quote: q}]}
expectations:
  - id: kr
    label: {en: KR government}
    visitor: v
    date: "2025-02-04"
    expected: {country: KR, sectors: [gov], types: [person]}
    peers: {countries: [JP], sectors: [gov]}
"""


@pytest.fixture(scope="module")
def G() -> nx.MultiGraph:
    return build_graph(load_dataset_text(TEXT, "t.yaml"))


def edges(view: nx.MultiGraph) -> set[tuple[str, str, str]]:
    return {(*sorted((u, v)), k) for u, v, k in view.edges(keys=True)}  # type: ignore[misc]


def test_default_view_shows_everything(G: nx.MultiGraph) -> None:
    view = apply_view(G, ViewSpec())
    assert set(view) == set(G)
    assert view.number_of_edges() == G.number_of_edges() == 6


def test_status_and_sector_filters_combine(G: nx.MultiGraph) -> None:
    view = apply_view(G, ViewSpec(choices=Choices(status=("held",), sector=("ai",))))
    assert set(view) == {"v", "c", "org"}
    assert edges(view) == {("c", "v", "m1"), ("org", "v", "m1"), ("c", "org", "m1")}


def test_since_drops_earlier_and_undated_edges(G: nx.MultiGraph) -> None:
    view = apply_view(G, ViewSpec(since=dt.date(2025, 2, 4)))
    keys = {k for *_, k in view.edges(keys=True)}
    assert keys == {"m1", "kr"}  # m2 is earlier, m3 has no date; the missing edge is dated


def test_focus_on_actor_with_radius(G: nx.MultiGraph) -> None:
    assert set(apply_view(G, ViewSpec(actor="pm", radius=1))) == {"pm", "v"}
    assert set(apply_view(G, ViewSpec(actor="pm", radius=2))) == {"pm", "v", "c", "org", "min"}
    with pytest.raises(UnknownActorError, match="unknown actor 'ghost'"):
        apply_view(G, ViewSpec(actor="ghost"))


def test_view_never_mutates_the_graph(G: nx.MultiGraph) -> None:
    before = (set(G.nodes), edges(G))
    apply_view(G, ViewSpec(choices=Choices(status=("held",), country=("KR",)), actor="c"))
    assert (set(G.nodes), edges(G)) == before


def test_query_params_round_trip_every_field() -> None:
    spec = ViewSpec(
        since=dt.date(2025, 2, 4),
        until=dt.date(2025, 2, 6),
        choices=Choices(
            sector=("ai",), country=("KR", "JP"), status=("held", "missing"), type=("person",)
        ),
        actor="sam-altman",
        radius=2,
        language="ko",
        fade=True,
    )
    params = to_query_params(spec)
    assert params["fade"] == "1"
    assert all(isinstance(value, str) for value in params.values())
    assert from_query_params(params) == spec


def test_default_view_has_an_empty_url() -> None:
    assert to_query_params(ViewSpec()) == {}
    assert from_query_params({}) == ViewSpec()


def test_empty_status_list_is_kept_as_nothing_shown() -> None:
    spec = ViewSpec(choices=Choices(status=()))
    assert to_query_params(spec) == {"status": ""}
    assert from_query_params({"status": ""}).choices["status"] == ()


def test_every_status_picked_is_no_status_filter() -> None:
    every = Choices(status=("missing", "held", "requested", "planned"))
    assert every == Choices() and hash(every) == hash(Choices())
    assert to_query_params(ViewSpec(choices=every)) == {}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "held,maybe"}, "status: unknown value 'maybe'"),
        ({"radius": "x"}, "radius: expected 0, 1, 2 or 3, not 'x'"),
        ({"radius": "9"}, "radius: expected 0, 1, 2 or 3, not '9'"),
        ({"lang": "fr fr"}, "lang: must be a language code such as en or ko, not 'fr fr'"),
        ({"radius": "²"}, "radius: expected 0, 1, 2 or 3, not '²'"),
        ({"radius": "9" * 5000}, "radius: expected 0, 1, 2 or 3, not '999"),
        ({"until": "2025-02-30"}, "until: expected a date YYYY-MM-DD, not '2025-02-30'"),
        ({"since": "2025-02-06", "until": "2025-02-04"}, "since: 2025-02-06 is after until"),
        ({"fade": "yes"}, "fade: expected 0 or 1, not 'yes'"),
        ({"whatif": "2"}, "whatif: expected 0 or 1, not '2'"),
    ],
)
def test_bad_query_params_name_the_parameter(params: dict[str, str], message: str) -> None:
    with pytest.raises(ViewError, match=message):
        from_query_params(params)


def test_drawing_round_trips_through_its_own_params() -> None:
    drawing = DrawingSpec(seed=3, physics=True, size_by="eigenvector", affiliations=False)
    params = drawing.to_query_params()
    assert params == {"seed": "3", "physics": "1", "size": "eigenvector", "affil": "0"}
    assert DrawingSpec.from_query_params(params) == drawing
    # Beside the view's own parameters, each reads its own and ignores the other's.
    address = {**to_query_params(ViewSpec(what_if=True, language="ko")), **params}
    assert from_query_params(address) == ViewSpec(what_if=True, language="ko")
    assert DrawingSpec.from_query_params(address) == drawing


def test_default_drawing_has_an_empty_url() -> None:
    assert DrawingSpec().to_query_params() == {}
    assert DrawingSpec.from_query_params({}) == DrawingSpec()
    assert DrawingSpec() == DrawingSpec(DEFAULT_SEED, False, "pagerank", True)
    # Defaults written out explicitly read back the same, and are left out again.
    explicit = {"seed": str(DEFAULT_SEED), "physics": "0", "size": "pagerank", "affil": "1"}
    assert DrawingSpec.from_query_params(explicit).to_query_params() == {}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"seed": "x"}, "seed: expected a whole number from 0 to 10000, not 'x'"),
        ({"seed": "-1"}, "seed: expected a whole number from 0 to 10000, not '-1'"),
        ({"seed": "10001"}, "seed: expected a whole number from 0 to 10000, not 10001"),
        ({"seed": "²"}, "seed: expected a whole number from 0 to 10000, not '²'"),
        ({"physics": "yes"}, "physics: expected 0 or 1, not 'yes'"),
        ({"affil": "2"}, "affil: expected 0 or 1, not '2'"),
        ({"size": "community"}, "size: expected one of pagerank, degree, weighted_degree, "),
    ],
)
def test_bad_drawing_params_name_the_parameter(params: dict[str, str], message: str) -> None:
    with pytest.raises(ViewError, match=re.escape(message)):
        DrawingSpec.from_query_params(params)


def test_fade_and_the_meeting_place_round_trip_through_the_url() -> None:
    spec = ViewSpec(choices=Choices(meeting_country=("KR", "JP")), fade=True)
    params = to_query_params(spec)
    assert params == {"meeting_country": "KR,JP", "fade": "1"}
    assert from_query_params(params) == spec
    assert from_query_params({"fade": "0"}) == ViewSpec()


# --- the story stays in view (issue 10) ---------------------------------------------------


@pytest.fixture(scope="module")
def seoul() -> nx.MultiGraph:
    return build_graph(load_dataset(Settings().default_dataset))


KOREAN_GOVERNMENT = {"ahn-duk-geun", "choi-sang-mok", "oh-young-ju", "yoo-sang-im"}


def missing_ends(view: nx.MultiGraph) -> set[str]:
    ends = view.edges(data="status")
    return {v if u == "sam-altman" else u for u, v, status in ends if status == "missing"}


def test_countries_kr_keeps_the_visitor_his_korean_meetings_and_the_missing_ones(
    seoul: nx.MultiGraph,
) -> None:
    spec = ViewSpec(choices=Choices(country=("KR",)))
    assert kept_visitors(seoul, spec) == ("sam-altman",)
    view = apply_view(seoul, spec)
    assert "sam-altman" in view
    assert view_counts(view) == {"actors": 19, "meetings": 6, "missing": 4, "hypothetical": 0}
    assert missing_ends(view) == KOREAN_GOVERNMENT
    keys = {k for *_, k in view.edges(keys=True)}
    assert "altman-ishiba" not in keys and "altman-modi" not in keys  # JP and IN are hidden
    assert "openai-kakao-partnership" not in keys  # OpenAI is no visitor: still hidden
    assert describe(seoul, spec, "en") == (
        "Shown: Countries: KR; Sam Altman kept in view (the visitor of the expected meetings)"
    )


def test_sector_government_draws_the_missing_edges_to_the_kept_visitor(
    seoul: nx.MultiGraph,
) -> None:
    view = apply_view(seoul, ViewSpec(choices=Choices(sector=("government",))))
    assert view_counts(view) == {"actors": 11, "meetings": 3, "missing": 4, "hypothetical": 0}
    assert missing_ends(view) == KOREAN_GOVERNMENT
    unconnected = sorted(node for node in view if view.degree(node) == 0)
    assert unconnected == [
        "ministry-of-science-and-ict",
        "ministry-of-smes-and-startups",
        "ministry-of-trade-industry-and-energy",
    ]


def test_the_visitor_is_kept_only_with_an_edge_in_view(seoul: nx.MultiGraph) -> None:
    # Organisations only: the visitor (a person) met none of them.
    assert kept_visitors(seoul, ViewSpec(choices=Choices(type=("organization",)))) == ()
    # His Korean edges are all held, requested or missing: none is planned.
    planned = ViewSpec(choices=Choices(country=("KR",), status=("planned",)))
    assert kept_visitors(seoul, planned) == ()
    # An actor filter he passes hides nothing.
    assert kept_visitors(seoul, ViewSpec(choices=Choices(country=("US", "KR")))) == ()
    # The edge filters apply to his edges: the missing ones alone.
    missing = apply_view(seoul, ViewSpec(choices=Choices(country=("KR",), status=("missing",))))
    assert view_counts(missing) == {"actors": 19, "meetings": 0, "missing": 4, "hypothetical": 0}


def test_the_visitors_kept_found_once_give_the_same_view_and_words(seoul: nx.MultiGraph) -> None:
    # A page finds the visitors once per dataset and the kept ones once per view, and
    # passes them along: the same view, notice and words as when each finds them itself.
    assert story_visitors(seoul) == {"sam-altman"}
    for spec in (
        ViewSpec(choices=Choices(country=("KR",))),
        ViewSpec(choices=Choices(sector=("government",)), since=dt.date(2025, 2, 4)),
        ViewSpec(choices=Choices(type=("organization",))),
        ViewSpec(),
    ):
        kept = kept_visitors(seoul, spec, visitors=story_visitors(seoul))
        assert kept == kept_visitors(seoul, spec)
        assert edges(apply_view(seoul, spec, kept=kept)) == edges(apply_view(seoul, spec))
        assert describe(seoul, spec, "en", kept=kept) == describe(seoul, spec, "en")


def test_the_visitors_kept_given_are_the_ones_kept(seoul: nx.MultiGraph) -> None:
    spec = ViewSpec(choices=Choices(country=("KR",)))
    view = apply_view(seoul, spec, kept=())
    assert "sam-altman" not in view
    assert describe(seoul, spec, "en", kept=()) == "Shown: Countries: KR"
    # Visitors given as none: nobody to keep.
    assert kept_visitors(seoul, spec, visitors=frozenset()) == ()


def test_a_focus_on_the_kept_visitor_is_his_korean_neighbourhood(seoul: nx.MultiGraph) -> None:
    view = apply_view(seoul, ViewSpec(choices=Choices(country=("KR",)), actor="sam-altman"))
    assert view_counts(view) == {"actors": 12, "meetings": 6, "missing": 4, "hypothetical": 0}


# --- fade: the context drawn around the view -----------------------------------------------


def test_the_context_is_the_view_without_its_choice_filters(G: nx.MultiGraph) -> None:
    spec = ViewSpec(choices=Choices(sector=("gov",)), fade=True)
    view, context = apply_view(G, spec), context_of(G, spec)
    assert context is not None
    assert set(view) == {"v", "pm", "min"}  # the visitor kept: he met the PM, missed the minister
    assert set(context) - set(view) == {"c", "org"}
    assert edges(context) - edges(view) == {
        ("c", "v", "m1"),
        ("org", "v", "m1"),
        ("c", "org", "m1"),
        ("c", "min", "m3"),
    }
    assert edges(view) <= edges(context)


def test_the_context_keeps_the_dates_the_focus_and_the_what_if(G: nx.MultiGraph) -> None:
    spec = ViewSpec(
        since=dt.date(2025, 2, 4),
        choices=Choices(status=("missing",)),
        actor="v",
        what_if=True,
        fade=True,
    )
    context = context_of(G, spec)
    assert context is not None
    assert edges(context) == {
        ("c", "v", "m1"),
        ("org", "v", "m1"),
        ("c", "org", "m1"),
        ("min", "v", "kr"),
    }  # m2 is earlier, m3 undated
    assert context.edges["v", "min", "kr"]["status"] == "held"  # the what-if
    assert set(context) == {"v", "c", "org", "min"}  # the focus's neighbourhood


def test_no_context_without_fade_or_without_a_choice(G: nx.MultiGraph) -> None:
    assert context_of(G, ViewSpec(choices=Choices(sector=("gov",)))) is None
    assert context_of(G, ViewSpec(since=dt.date(2025, 2, 4), fade=True)) is None


def test_describe_says_what_fades() -> None:
    G = nx.MultiGraph(sectors={"gov": {"label": {"en": "Government"}}})
    spec = ViewSpec(choices=Choices(sector=["gov"]), fade=True)
    assert describe(G, spec, "en") == (
        "Shown: Sectors: Government; what the filters leave out drawn faded"
    )
    assert describe(G, ViewSpec(fade=True), "en") == "All actors and meetings"
