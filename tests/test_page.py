"""A view's page model split against the whole drawing's, and joined back."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest

from meetgraph.filters import settled
from meetgraph.graph import build_graph
from meetgraph.labels import actor_label
from meetgraph.layout import layout_positions, separated
from meetgraph.loader import load_dataset
from meetgraph.page import expand, join_view, page_model, split_view
from meetgraph.settings import Settings
from meetgraph.story import story_steps
from meetgraph.view import Choices, ViewSpec, apply_view, context_of


@pytest.fixture(scope="module")
def seoul() -> nx.MultiGraph:
    return build_graph(load_dataset(Settings().default_dataset))


@pytest.fixture(scope="module")
def whole_layout(seoul: nx.MultiGraph) -> dict[Any, tuple[float, float]]:
    labels = {node: actor_label(seoul, node, "en") for node in seoul}
    return layout_positions(seoul, seed=0, labels=labels)


def base_of(G: nx.MultiGraph, layout: dict[Any, tuple[float, float]], what_if: bool) -> Any:
    """The whole drawing, as the app makes it (no sizes: each view brings its own)."""
    whole = settled(apply_view(G, ViewSpec(what_if=what_if)))
    return page_model(whole, language="en", positions=layout, story=story_steps(whole, "en"))


def view_model(
    G: nx.MultiGraph,
    layout: dict[Any, tuple[float, float]],
    spec: ViewSpec,
    step: int | None = None,
) -> dict[str, Any]:
    """A view's page model, as the app makes it: its sizes, its places moved apart."""
    view = settled(apply_view(G, spec))
    context = context_of(G, spec)
    drawn = view if context is None else settled(context)
    sizes = {node: float(degree) for node, degree in view.degree()}
    labels = {node: actor_label(drawn, node, "en") for node in drawn}
    if spec.actor is not None:
        positions = layout_positions(drawn, seed=0, sizes=sizes, labels=labels)
    else:
        positions = separated(drawn, layout, sizes=sizes, labels=labels)
    return page_model(
        view,
        language="en",
        positions=positions,
        sizes=sizes,
        story=story_steps(view, "en"),
        step=step,
        context=None if context is None else drawn,
    )


SPECS = {
    "sector": ViewSpec(choices=Choices(sector=("ai", "government"))),
    "country": ViewSpec(choices=Choices(country=("KR",))),
    "status": ViewSpec(choices=Choices(status=("held",))),
    "fade": ViewSpec(choices=Choices(sector=("government",)), fade=True),
    "focus": ViewSpec(actor="sam-altman"),
    "what-if": ViewSpec(what_if=True, choices=Choices(country=("KR", "US"))),
    "whole": ViewSpec(),
}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_a_view_joined_to_the_base_draws_exactly_what_its_own_model_draws(
    name: str, seoul: nx.MultiGraph, whole_layout: dict[Any, tuple[float, float]]
) -> None:
    spec = SPECS[name]
    base = base_of(seoul, whole_layout, spec.what_if)
    model = view_model(seoul, whole_layout, spec)
    view = split_view(base, model)
    assert view is not None
    # What the browser gets is JSON: joined from JSON, the records are the same.
    sent_base, sent_view = json.loads(json.dumps(base)), json.loads(json.dumps(view))
    joined = join_view(sent_base, sent_view)
    assert expand(joined, affiliations=True) == expand(model, affiliations=True)
    assert joined["legend"] == model["legend"] and joined["story"] == model["story"]


def test_a_story_step_and_faded_records_survive_the_split(
    seoul: nx.MultiGraph, whole_layout: dict[Any, tuple[float, float]]
) -> None:
    spec = ViewSpec(choices=Choices(country=("KR",)), fade=True)
    base = base_of(seoul, whole_layout, False)
    model = view_model(seoul, whole_layout, spec, step=1)
    nodes, edges = expand(join_view(base, split_view(base, model) or {}))
    assert model["story"]["start"] == 1
    assert [n["id"] for n in nodes if n.get("faded")] == [
        model["nodes"][number][0] for number in model["faded"]["nodes"]
    ]
    assert sum(bool(e.get("faded")) for e in edges) == len(model["faded"]["edges"]) > 0


def test_a_filtered_view_is_a_small_part_of_its_model(
    seoul: nx.MultiGraph, whole_layout: dict[Any, tuple[float, float]]
) -> None:
    base = base_of(seoul, whole_layout, False)
    model = view_model(seoul, whole_layout, SPECS["country"])
    view = split_view(base, model)
    # The nodes and edges are bitmaps; the words, tooltips and styles stay with the base.
    assert view is not None and isinstance(view["nodes"], str) and isinstance(view["edges"], str)
    assert not {"words", "tips", "styles", "options"} & set(view["model"])
    # The steps the whole graph tells alike are its steps' numbers.
    steps = view["story"]["steps"]
    assert [step for step in steps if isinstance(step, int)] == [0, 1, 2, 7, 9]
    assert len(json.dumps(view)) < len(json.dumps(model)) / 4


def test_a_view_the_base_lacks_is_not_split(
    seoul: nx.MultiGraph, whole_layout: dict[Any, tuple[float, float]]
) -> None:
    base = base_of(seoul, whole_layout, False)
    # What-if adds meetings as held that the plain base draws as missing.
    model = view_model(seoul, whole_layout, ViewSpec(what_if=True))
    assert split_view(base, model) is None
    other = nx.MultiGraph(seoul.copy())
    other.add_node("newcomer", name={"en": "Newcomer"}, type="person")
    assert split_view(base, page_model(other, language="en", positions={})) is None


def test_views_in_another_order_are_sent_as_numbers() -> None:
    G = nx.MultiGraph()
    G.add_edge("a", "b", key="m1", status="held")
    G.add_edge("b", "c", key="m2", status="held")
    base = page_model(G, language="en", positions={})
    reordered = nx.MultiGraph()
    reordered.add_nodes_from(["c", "b"])
    reordered.add_edge("c", "b", key="m2", status="held")
    model = page_model(reordered, language="en", positions={})
    view = split_view(base, model)
    # Edge c-b is drawn from c: the base's b-c is not the same record, so it is not split.
    assert view is None
    reordered_nodes = nx.MultiGraph()
    reordered_nodes.add_nodes_from(["c", "a"])
    model = page_model(reordered_nodes, language="en", positions={})
    view = split_view(base, model)
    assert view is not None and view["nodes"] == [2, 0]
    assert expand(join_view(base, view)) == expand(model)
