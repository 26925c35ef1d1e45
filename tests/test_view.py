"""View specs: the filters as one value, applied at once, and kept in a URL."""

from __future__ import annotations

import datetime as dt
import re

import networkx as nx
import pytest

from meetgraph.errors import UnknownActorError
from meetgraph.graph import build_graph
from meetgraph.loader import load_dataset_text
from meetgraph.view import (
    DEFAULT_SEED,
    Choices,
    DrawingSpec,
    ViewError,
    ViewSpec,
    apply_view,
    from_query_params,
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
    )
    params = to_query_params(spec)
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
