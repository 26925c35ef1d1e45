"""The server-side layout: deterministic, spread, and fast enough for large graphs."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

from meetgraph.layout import layout_positions, separated


def test_layout_keeps_isolates_near_and_handles_tiny_graphs() -> None:
    assert layout_positions(nx.MultiGraph()) == {}
    assert layout_positions(nx.MultiGraph([("a", "a")])) == {"a": (0.0, 0.0)}
    G = nx.MultiGraph(nx.path_graph([str(i) for i in range(30)]))
    G.add_node("alone")
    pos = layout_positions(G)
    spread = max(abs(c) for xy in pos.values() for c in xy)
    assert spread == pytest.approx(60 * 31**0.5, abs=0.01)
    assert len(set(pos.values())) == 31
    # Gravity keeps an isolate at the rim of the drawing, not far out in the void.
    radius = sorted(math.hypot(*xy) for xy in pos.values())
    assert math.hypot(*pos["alone"]) < 1.5 * radius[len(radius) // 2]


def test_layout_of_a_large_graph_places_every_node_apart() -> None:
    # Above the exact-repulsion size the layout samples; speed is shown by benchmarks/run.py.
    G = nx.MultiGraph(nx.gnm_random_graph(3000, 9000, seed=1))
    pos = layout_positions(G)
    assert len(pos) == 3000
    assert len(set(pos.values())) == 3000
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


# ---- The drawing tells the story: measured on the page's own records (tests/geometry.py)

import random  # noqa: E402

from geometry import problems  # noqa: E402

from meetgraph.graph import build_graph  # noqa: E402
from meetgraph.labels import actor_label  # noqa: E402
from meetgraph.loader import load_dataset  # noqa: E402
from meetgraph.page import expand, page_model  # noqa: E402
from meetgraph.settings import Settings  # noqa: E402
from meetgraph.view import ViewSpec, apply_view  # noqa: E402


def seoul() -> nx.MultiGraph:
    return build_graph(load_dataset(Settings().default_dataset))


def drawing_problems(G: nx.MultiGraph, language: str, seed: int) -> list[str]:
    labels = {node: actor_label(G, node, language) for node in G}
    degrees = dict(G.degree())
    pos = layout_positions(G, seed=seed, sizes=degrees, labels=labels)
    model = page_model(G, language=language, positions=pos, sizes=degrees)
    nodes, edges = expand(model, affiliations=True)
    return list(problems(nodes, edges))


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_the_missing_edges_cross_no_node_and_nothing_overlaps(language: str, seed: int) -> None:
    assert drawing_problems(seoul(), language, seed) == []


@pytest.mark.parametrize("actor", ["son-masayoshi", "sam-altman", "yoo-sang-im"])
def test_a_focus_view_laid_out_on_its_own_reads_as_well(actor: str) -> None:
    view = apply_view(seoul(), ViewSpec(actor=actor, radius=1))
    assert drawing_problems(view, "en", 0) == []


def random_story(seed: int, actors: int) -> nx.MultiGraph:
    """Several visitors, each expected to meet several actors they did not, amid other meetings."""
    rng = random.Random(seed)
    G = nx.MultiGraph()
    people = [f"p{i}" for i in range(actors)]
    for person in people:
        G.add_node(person, name={"en": f"Person {person} " + "x" * rng.randrange(8)})
    for i in range(actors * 2):
        u, v = rng.sample(people, 2)
        G.add_edge(u, v, key=f"m{i}", status=rng.choice(["held", "held", "planned"]))
    # Each expected actor expected by one visitor: an actor two visitors were expected to
    # meet sits on the first one's arc, and the second edge is best effort (see layout).
    expected_actors = rng.sample(people[3:], 9)
    for number, visitor in enumerate(people[:3]):
        for expected in expected_actors[3 * number : 3 * number + 3]:
            if not G.has_edge(visitor, expected):
                G.add_edge(
                    visitor,
                    expected,
                    key=f"x-{visitor}-{expected}",
                    status="missing",
                    visitor=visitor,
                )
    for member in people[3:9]:
        G.nodes[member]["affiliation"] = rng.choice(people[9:])
    return G


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_generated_stories_of_several_visitors_read_as_well(seed: int) -> None:
    assert drawing_problems(random_story(seed, 40), "en", seed) == []


def test_the_same_seed_gives_the_same_layout_and_separated_keeps_it() -> None:
    G = seoul()
    first, second = layout_positions(G, seed=5), layout_positions(G, seed=5)
    assert first == second
    assert first != layout_positions(G, seed=6)
    assert separated(G, first) == first  # nothing left to move


def test_a_dense_core_with_missing_edges_is_separated_in_few_rounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The top actors of a large view can be a few dozen who all met each other, with the
    # missing edges among them: no round settles that, so a dense drawing gets few rounds
    # (best effort) at any size, not the 300 a sparse one of this size may take.
    from meetgraph import layout

    people = [f"p{i:02}" for i in range(60)]
    G = nx.MultiGraph()
    for number, person in enumerate(people):
        for other in people[number + 1 :]:
            G.add_edges_from((person, other, f"m{k}", {"status": "held"}) for k in range(3))
    for visitor in people[:7]:
        for expected in people[50:53]:
            G.add_edge(visitor, expected, key="x", status="missing", visitor=visitor)
    rounds: list[int] = []
    clear = layout._clear_missing
    monkeypatch.setattr(layout, "_clear_missing", lambda *args: rounds.append(1) or clear(*args))
    start = {
        person: (300 * math.cos(n / 10), 300 * math.sin(n / 10)) for n, person in enumerate(people)
    }
    pos = separated(G, start, sizes=dict(G.degree()))
    assert sorted(pos) == people and all(math.isfinite(c) for xy in pos.values() for c in xy)
    assert 10 <= len(rounds) <= 30
    # Its actors' edges are not turned round and round out of the fans: it stays as large.
    spread = max(math.dist(pos[a], pos[b]) for a in people for b in people)
    assert spread < 2 * 600


def test_the_top_actors_of_a_large_layout_are_gathered_keeping_their_arrangement() -> None:
    from meetgraph.layout import gathered

    G = nx.MultiGraph(nx.gnm_random_graph(3000, 6000, seed=2))
    pos = layout_positions(G, seed=1)
    top = sorted(G, key=lambda node: -G.degree(node))[:40]
    near = gathered(pos, top)
    assert sorted(near) == sorted(top)
    reach = max(max(abs(x), abs(y)) for x, y in (np.subtract(near[n], centre(near)) for n in top))
    assert reach == pytest.approx(60 * 40**0.5, rel=0.01)  # as a layout of 40 actors reaches
    # One factor for all: the same arrangement, smaller (angles and ratios kept).
    a, b, c = top[:3]
    assert math.isclose(
        math.dist(near[a], near[b]) / math.dist(near[a], near[c]),
        math.dist(pos[a], pos[b]) / math.dist(pos[a], pos[c]),
        rel_tol=1e-3,
    )
    # A part already as close as its own layout would be stays where it is.
    assert gathered(near, top) == near


def centre(positions: dict[int, tuple[float, float]]) -> tuple[float, float]:
    xs, ys = zip(*positions.values(), strict=True)
    return sum(xs) / len(xs), sum(ys) / len(ys)


def test_the_grid_repulsion_is_the_sum_over_every_pair_and_none_pushes_itself() -> None:
    from meetgraph.layout import _grid_repulsion, _pair_repulsion

    rng = np.random.default_rng(3)
    k2 = 4.0 / 400
    # Actors far apart on the grid's scale (a few cells or more): the sum is resolved.
    pos = rng.choice(200, size=(400, 2), replace=True) / 100 - 1 + rng.normal(0, 1e-3, (400, 2))
    exact = _pair_repulsion(pos, pos, k2)
    grid = _grid_repulsion(pos, k2)
    error = np.hypot(*(grid - exact).T) / np.hypot(*exact.T).mean()
    assert np.median(error) < 0.05
    # One actor alone feels nothing; two feel equal pushes, away from each other.
    assert np.allclose(_grid_repulsion(np.array([[0.3, -0.2]]), k2), 0.0)
    pair = _grid_repulsion(np.array([[0.0, 0.0], [0.5, 0.25]]), k2)
    assert np.allclose(pair[0], -pair[1]) and pair[1] @ np.array([0.5, 0.25]) > 0
    two = np.array([[0.0, 0.0], [0.5, 0.25]])
    assert np.allclose(pair, _pair_repulsion(two, two, k2), rtol=0.02)


def test_a_graph_above_the_grid_size_is_laid_out_as_spread_and_repeatably() -> None:
    from scipy.spatial import cKDTree

    from meetgraph.layout import GRID_ABOVE

    G = nx.MultiGraph(nx.gnm_random_graph(GRID_ABOVE + 500, 4 * GRID_ABOVE, seed=2))
    G.graph["languages"] = ["en"]  # as build_graph declares them (else read off every actor)
    positions = layout_positions(G, seed=1)
    assert positions == layout_positions(G, seed=1)
    xy = np.array([positions[n] for n in G])
    spacing, _ = cKDTree(xy).query(xy, k=2)
    # No pile-up: nearly every actor has room of its own (a footprint is tens of pixels).
    assert np.percentile(spacing[:, 1], 5) > 1.0
