"""What the explorer app shows and decides, computed without Streamlit so that tests reach it.

The app (:mod:`meetgraph.app`) only lays out widgets and calls these
functions through Streamlit's caches; everything it displays, and every
choice it makes about what to show, comes from here.

Examples
--------
>>> from meetgraph.examples import example_graph
>>> G = example_graph()
>>> view_counts(G)
{'actors': 3, 'meetings': 1, 'missing': 0, 'hypothetical': 0}
>>> content_digest(b"abc")[:12]
'ba7816bf8f01'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from meetgraph.bulk import pairs_with_edges
from meetgraph.cache import DatasetCache
from meetgraph.datafiles import load_dataset_bytes
from meetgraph.errors import DatasetError, Problem, problem_lines, shown
from meetgraph.filters import ego_network
from meetgraph.graph import build_graph
from meetgraph.i18n import translate, ui_languages
from meetgraph.labels import actor_label, actor_labels, graph_languages, text_in
from meetgraph.metrics import SIZE_MEASURES
from meetgraph.page import MAX_STORY_STEPS
from meetgraph.schema import Dataset
from meetgraph.settings import Limits
from meetgraph.story import StoryStep, story_steps
from meetgraph.view import ViewError, ViewSpec, chosen_part, kept_visitors
from meetgraph.vocabulary import MISSING

__all__ = [
    "MISSING_COLUMNS",
    "DatasetChoice",
    "Loaded",
    "Refused",
    "actors_by_name",
    "choose_dataset",
    "code_span",
    "content_digest",
    "date_filter",
    "ego_view",
    "kept_notice",
    "language_options",
    "load_checked",
    "missing_table",
    "names_in",
    "node_sizes",
    "slider_range",
    "slider_span",
    "step_card",
    "step_from_address",
    "step_shown",
    "story_of",
    "tab_named",
    "view_counts",
    "viewable",
]


def code_span(text: object) -> str:
    """``text`` as a Markdown code span: shown exactly as it is, never as a link or markup.

    Dataset and URL text reaches Streamlit's messages, which render Markdown:
    there a link or an image would be followed or fetched, and even a bare
    address becomes a link. Inside a code span nothing is parsed. The fence is
    longer than any run of backticks in the text; line breaks become spaces.

    >>> print(code_span("![t](http://host/p.png)"), code_span("a`b"), code_span("`x"))
    `![t](http://host/p.png)` ``a`b`` `` `x ``
    """
    flat = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def content_digest(data: bytes) -> str:
    """The SHA-256 of a file's bytes: the key every cache of a dataset uses."""
    return hashlib.sha256(data).hexdigest()


def view_counts(G: nx.MultiGraph) -> dict[str, int]:
    """Actors, meetings and missing edges in ``G``, and how many meetings are hypothetical.

    A declared meeting counts once however many pairs it joins. In a what-if
    view (:func:`meetgraph.expectations.as_if_held`) each missing edge held
    as if it had happened is a meeting of its own, counted in ``meetings`` and
    in ``hypothetical``; it is still an expected meeting that did not happen,
    so ``missing`` counts it too, as the Missing tab lists it
    (:func:`missing_table`).

    >>> from meetgraph.expectations import as_if_held
    >>> G = nx.MultiGraph()
    >>> _ = G.add_edge("v", "a", key="talk", status="held")
    >>> _ = G.add_edge("v", "b", key="talk", status="held")
    >>> _ = G.add_edge("v", "m1", key="rule", status="missing")
    >>> _ = G.add_edge("v", "m2", key="rule", status="missing")
    >>> view_counts(G)
    {'actors': 5, 'meetings': 1, 'missing': 2, 'hypothetical': 0}
    >>> view_counts(as_if_held(G))
    {'actors': 5, 'meetings': 3, 'missing': 2, 'hypothetical': 2}
    """
    declared = set()
    missing = hypothetical = 0
    # Each edge once, without G.edges' layers of views (a quarter of a second per rerun at
    # 20,000 actors).
    for _, _, keyed in pairs_with_edges(G):
        for key, data in keyed.items():
            if data.get("counterfactual"):
                hypothetical += 1
            elif data.get("status") == MISSING:
                missing += 1
            else:
                declared.add(key)
    return {
        "actors": G.number_of_nodes(),
        "meetings": len(declared) + hypothetical,
        "missing": missing + hypothetical,
        "hypothetical": hypothetical,
    }


def language_options(G: nx.MultiGraph) -> list[str]:
    """The languages a user may pick: the dataset's, then the other interface languages.

    >>> options = language_options(nx.MultiGraph(languages=["ja", "en"]))
    >>> options[:2], "ko" in options
    (['ja', 'en'], True)
    """
    return list(dict.fromkeys([*graph_languages(G), *ui_languages()]))


@dataclass(frozen=True)
class Loaded:
    """A dataset that loaded, and its graph."""

    dataset: Dataset
    graph: nx.MultiGraph


@dataclass(frozen=True)
class Refused:
    """A dataset that did not load: the first of its problems, and how many there are."""

    problems: tuple[Problem, ...]
    total: int

    def lines(self, language: str) -> tuple[str, ...]:
        """The problems as error lines in ``language``, and how many more there are.

        >>> refused = load_checked(b"meetgraph: 1\\nmeetgraph: 1\\n", "x.yaml", Limits())
        >>> refused.lines("ko")
        ("x.yaml:2:1: meetgraph: 키 'meetgraph'이(가) 두 번 나옵니다(처음은 1행): 하나만 남기세요",)
        """
        return tuple(problem_lines(self.problems, self.total, language))


def load_checked(
    data: bytes, name: str, limits: Limits, cache: DatasetCache | None = None
) -> Loaded | Refused:
    """Load a file's bytes into a dataset and its graph, or the reasons why not.

    A refusal is a value, not an exception, so that the app can keep it like
    a success and not load the same bad file again on every rerun. With a
    ``cache``, bytes loaded before (by any process) are not parsed again.
    """
    try:
        dataset = load_dataset_bytes(data, name, limits=limits, cache=cache)
    except DatasetError as error:
        return Refused(tuple(error.problems), error.total)
    # Frozen: the app only views it, and a view that hides nothing settles as the graph itself.
    return Loaded(dataset, nx.freeze(build_graph(dataset)))


@dataclass(frozen=True)
class DatasetChoice:
    """The dataset the app shows, its limits, the last good upload, and why an upload failed."""

    name: str
    data: bytes
    limits: Limits
    last_good: tuple[str, bytes] | None
    refused: Refused | None = None

    @property
    def uploaded(self) -> bool:
        """Whether what is shown is an upload (else a bundled dataset)."""
        return self.last_good is not None and (self.name, self.data) == self.last_good


def choose_dataset(
    upload: tuple[str, bytes] | None,
    last_good: tuple[str, bytes] | None,
    bundled: tuple[str, bytes],
    limits: tuple[Limits, Limits],
    check: Callable[[str, bytes, Limits], Refused | None],
) -> DatasetChoice:
    """Which dataset to show: an upload that loads, else the last one that did, else the bundled.

    ``limits`` are those of a bundled file and of an upload; ``check`` gives
    why a file is refused (None when it loads). With no upload the bundled dataset
    is shown, and the last good upload is still remembered: the uploader
    holds no file for a moment while a new one replaces the old.

    >>> def check(name, data, limits):
    ...     return Refused((), 1) if data == b"bad" else None
    >>> seoul, limits = ("seoul.yaml", b"..."), (Limits(), Limits(max_bytes=100))
    >>> first = choose_dataset(("mine.yaml", b"ok"), None, seoul, limits, check)
    >>> first.name, first.last_good, first.limits.max_bytes
    ('mine.yaml', ('mine.yaml', b'ok'), 100)
    >>> between = choose_dataset(None, first.last_good, seoul, limits, check)
    >>> between.name, between.last_good
    ('seoul.yaml', ('mine.yaml', b'ok'))
    >>> second = choose_dataset(("typo.yaml", b"bad"), between.last_good, seoul, limits, check)
    >>> second.name, second.refused
    ('mine.yaml', Refused(problems=(), total=1))
    """
    file_limits, upload_limits = limits
    if upload is None:
        return DatasetChoice(*bundled, file_limits, last_good)
    refused = check(*upload, upload_limits)
    if refused is None:
        return DatasetChoice(*upload, upload_limits, upload)
    if last_good is not None:
        return DatasetChoice(*last_good, upload_limits, last_good, refused)
    return DatasetChoice(*bundled, file_limits, None, refused)


def viewable(
    G: nx.MultiGraph, spec: ViewSpec, *, kept: tuple[Any, ...] | None = None
) -> tuple[ViewSpec, str | None]:
    """``spec``, or without its focus actor when ``G`` lacks it or the filters hide it.

    The second item names why the focus was dropped: the word ``focus_unknown``
    or ``focus_hidden`` of the locale files, else None. Any address and any
    dataset gives a view: a shared link to a focus the filters hide must not
    fail on every open. ``kept`` is :func:`meetgraph.view.kept_visitors` of
    ``G`` and ``spec`` when the caller has it; None finds them.

    >>> from meetgraph.view import Choices
    >>> G = nx.MultiGraph([("a", "b")])
    >>> nx.set_node_attributes(G, {"a": "KR", "b": "US"}, "country")
    >>> viewable(G, ViewSpec(actor="b", choices=Choices(country=["KR"])))[1]
    'focus_hidden'
    >>> viewable(G, ViewSpec(actor="z"))[1], viewable(G, ViewSpec(actor="a"))[1]
    ('focus_unknown', None)
    """
    if spec.actor is None:
        return spec, None
    if spec.actor not in G:
        return spec.replace(actor=None, radius=1), "focus_unknown"
    if spec.actor not in chosen_part(G, spec, kept=kept):
        return spec.replace(actor=None, radius=1), "focus_hidden"
    return spec, None


def kept_notice(
    G: nx.MultiGraph, spec: ViewSpec, language: str, *, kept: tuple[Any, ...] | None = None
) -> str | None:
    """In plain words, who the view keeps though the filters would hide them, or None.

    The visitors of :func:`meetgraph.view.kept_visitors` (``kept``, when the
    caller has them; None finds them): the page says why an actor outside
    the filters is there (plain text, shown escaped).

    >>> from meetgraph.view import Choices
    >>> G = nx.MultiGraph()
    >>> G.add_node("v", name={"en": "Visitor"}, country="US")
    >>> G.add_node("m", name={"en": "Minister"}, country="KR")
    >>> _ = G.add_edge("v", "m", key="rule", status="missing", visitor="v")
    >>> print(kept_notice(G, ViewSpec(choices=Choices(country=["KR"])), "en"))  # doctest: +ELLIPSIS
    Kept in view: Visitor, the visitor of the expected meetings, with the meetings ...
    >>> kept_notice(G, ViewSpec(), "en") is None
    True
    """
    if kept is None:
        kept = kept_visitors(G, spec)
    if not kept:
        return None
    names = ", ".join(actor_label(G, actor, language) for actor in kept)
    return translate("kept_visitor", language, names=names)


#: The dates a browser's date slider can hold exactly (microseconds as JavaScript numbers).
SLIDER_DATES = (dt.date(1684, 7, 30), dt.date(2255, 6, 3))


def slider_span(span: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """The dataset's span of dates as a slider can show it: within :data:`SLIDER_DATES`.

    A meeting dated outside stays in the data; a handle at the slider's end
    means "no limit" (see :func:`date_filter`), so it stays in view too. No
    slider (None) when fewer than two days are left to choose from.

    >>> slider_span((dt.date(1, 1, 1), dt.date(2025, 2, 4)))
    (datetime.date(1684, 7, 30), datetime.date(2025, 2, 4))
    >>> slider_span((dt.date(2025, 2, 4), dt.date(2025, 2, 4))) is None
    True
    """
    if span is None:
        return None
    low = min(max(span[0], SLIDER_DATES[0]), SLIDER_DATES[1])
    high = max(min(span[1], SLIDER_DATES[1]), SLIDER_DATES[0])
    return (low, high) if low < high else None


def slider_range(
    span: tuple[dt.date, dt.date], since: dt.date | None, until: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The date slider's handles for a view: its dates, kept within the dataset's span.

    >>> span = (dt.date(2025, 2, 3), dt.date(2025, 2, 6))
    >>> slider_range(span, None, dt.date(2030, 1, 1))
    (datetime.date(2025, 2, 3), datetime.date(2025, 2, 6))
    """
    low, high = span
    start = min(max(since or low, low), high)
    end = max(min(until or high, high), start)
    return start, end


def date_filter(
    span: tuple[dt.date, dt.date], picked: tuple[dt.date, dt.date]
) -> tuple[dt.date | None, dt.date | None]:
    """The view's ``since`` and ``until`` from the slider: a handle at the span's end is no limit.

    So the full span means "no date filter", and undated meetings stay in view.

    >>> span = (dt.date(2025, 2, 3), dt.date(2025, 2, 6))
    >>> date_filter(span, span)
    (None, None)
    >>> date_filter(span, (dt.date(2025, 2, 4), dt.date(2025, 2, 6)))
    (datetime.date(2025, 2, 4), None)
    """
    since = picked[0] if picked[0] > span[0] else None
    until = picked[1] if picked[1] < span[1] else None
    return since, until


def ego_view(view: nx.MultiGraph, graph: nx.MultiGraph, actor: str) -> nx.MultiGraph:
    """An actor and whom it met in ``view``; the actor alone when the view hides it.

    Raises
    ------
    UnknownActorError
        If ``actor`` is not in ``graph`` either.
    """
    if actor in view:
        return ego_network(view, actor, 1)
    return ego_network(graph, actor, 0)


#: The columns of :func:`missing_table`.
MISSING_COLUMNS = [
    "expectation",
    "visitor",
    "actor",
    "name",
    "country",
    "explanation",
    "peers",
    "hypothetical",
]


def missing_table(G: nx.MultiGraph, language: str | None = None) -> pd.DataFrame:
    """One row per missing edge: who, where, why, and the meetings that justify it.

    In a what-if view the missing edges are held as if they had happened:
    they are listed all the same, ``hypothetical`` true, so that the tab
    and :func:`view_counts` agree.

    >>> missing_table(nx.MultiGraph()).columns.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['expectation', 'visitor', 'actor', 'name', 'country', 'explanation', 'peers',
     'hypothetical']
    """
    rows = []
    languages = graph_languages(G)
    for u, v, data in G.edges(data=True):
        hypothetical = bool(data.get("counterfactual"))
        if data["status"] != MISSING and not hypothetical:
            continue
        visitor = data["visitor"]
        actor = v if u == visitor else u
        rows.append(
            {
                "expectation": data["expectation"],
                "visitor": visitor,
                "actor": actor,
                "country": data["country"],
                "explanation": text_in(data["explanation"], language, languages),
                "peers": ", ".join(data["peers"]),
                "hypothetical": hypothetical,
            }
        )
    names = actor_labels(G, {row["actor"] for row in rows}, language)
    for row in rows:
        row["name"] = names[row["actor"]]
    return pd.DataFrame(rows, columns=MISSING_COLUMNS).sort_values(["expectation", "actor"])


def names_in(table: pd.DataFrame, language: str | None) -> pd.Series:
    """Each row's name in ``language``, else in the first language that has one, else its id.

    ``table`` has ``name_<language>`` columns, in the dataset's order of languages.

    >>> names_in(pd.DataFrame({"name_en": ["Son"], "name_ja": [None]}, index=["s"]), "ja").tolist()
    ['Son']
    """
    columns = [str(c) for c in table.columns if str(c).startswith("name_")]
    preferred = f"name_{language}"
    ordered = [preferred] if preferred in columns else []
    ordered += [c for c in columns if c != preferred]
    names = pd.Series([str(i) for i in table.index], index=table.index, dtype=object)
    for column in reversed(ordered):
        names = table[column].astype(object).where(table[column].notna(), names)
    return names.rename("name")


def node_sizes(metrics: pd.DataFrame, measure: str) -> Mapping[str, float]:
    """The values of one centrality ``measure`` by actor, to size the nodes with."""
    sizable = [m.name for m in SIZE_MEASURES]
    if measure not in sizable:
        raise ValueError(f"cannot size nodes by {measure!r}; choose one of {', '.join(sizable)}")
    return {str(actor): float(value) for actor, value in metrics[measure].items()}


def actors_by_name(G: nx.MultiGraph, language: str | None = None) -> list[str]:
    """The actor ids of ``G`` sorted by their name in ``language``."""
    names = actor_labels(G, G.nodes, language)
    return sorted(G.nodes, key=lambda n: (names[n].casefold(), str(n)))


def story_of(G: nx.MultiGraph, language: str) -> list[StoryStep]:
    """The story of a view, or none when it has more steps than a page tells.

    >>> from meetgraph.examples import example_graph
    >>> G = example_graph()
    >>> [step.title for step in story_of(G, "en")]
    ['A, B, C']
    """
    if _more_steps_than(G, MAX_STORY_STEPS):
        return []
    steps = story_steps(G, language)
    return steps if len(steps) <= MAX_STORY_STEPS else []


def _more_steps_than(G: nx.MultiGraph, limit: int) -> bool:
    """Whether the story of ``G`` has more than ``limit`` steps, found without telling it.

    A step is a date and an order in the day shared by meetings (else one
    meeting), or one expectation's missing meetings (see
    :func:`meetgraph.story.story_steps`). The edges are read only until the
    count passes ``limit``: a view of 200,000 meetings is refused at once
    instead of after seconds of steps made to be dropped.

    >>> G = nx.MultiGraph()
    >>> for n in range(3):
    ...     _ = G.add_edge("a", "b", key=f"m{n}", status="held", date=None)
    >>> _more_steps_than(G, 2), _more_steps_than(G, 3)
    (True, False)
    """
    groups: set[tuple[object, ...]] = set()
    for *_, key, data in G.edges(keys=True, data=True):
        date, order = data.get("date"), data.get("order")
        if data.get("status") != MISSING and date and order:
            groups.add(("meetings", date, order))
        else:
            groups.add((data.get("status") == MISSING, key))
        if len(groups) > limit:
            return True
    return False


def step_from_address(raw: str | None) -> int | None:
    """The story step an address names: ``step=3`` is the third (0-based here: 2).

    >>> step_from_address("3"), step_from_address(None)
    (2, None)
    >>> step_from_address("x")
    Traceback (most recent call last):
    ...
    meetgraph.view.ViewError: step must be a whole number from 1, not 'x'
    """
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6 and int(raw) >= 1):
        raise ViewError(f"step must be a whole number from 1, not {shown(raw)}")
    return int(raw) - 1


def tab_named(label: str | None, tabs: Sequence[str], language: str) -> str | None:
    """Which of ``tabs`` (names) ``label`` is, in ``language``'s words (``tab_<name>``).

    A tab widget holds its label; an address names a tab the same in any language.

    >>> tab_named("없었던 만남", ["centrality", "missing"], "ko"), tab_named("x", ["missing"], "en")
    ('missing', None)
    """
    words = {translate(f"tab_{name}", language): name for name in tabs}
    return words.get(label) if label is not None else None


def step_shown(step: int | None, steps: Sequence[StoryStep]) -> int | None:
    """The step to show of ``steps``: ``step`` within them, or None (the whole view).

    A step past the end (the filters changed, the address is old) shows the last.

    >>> step_shown(9, ["a", "b"]), step_shown(0, []), step_shown(None, ["a"])
    (1, None, None)
    """
    if step is None or not steps:
        return None
    return min(max(step, 0), len(steps) - 1)


def step_card(step: StoryStep) -> str:
    """One story step as HTML: its texts escaped, so a dataset's text is never markup.

    >>> from meetgraph.story import StoryStep
    >>> step = StoryStep("meetings", ("m",), (), "2025-02-04", "<b>A</b>, B", "Seoul", "held",
    ...                  (), (("We met.", "Daily"),))
    >>> print(step_card(step))
    <div class="story-step">
    <h4>&lt;b&gt;A&lt;/b&gt;, B</h4>
    <p>2025-02-04 · Seoul · held</p>
    <blockquote>“We met.”<br><small>— Daily</small></blockquote>
    </div>
    """
    parts = [f"<h4>{html.escape(step.title)}</h4>"]
    when = " · ".join(part for part in (step.when, step.place, step.status) if part)
    parts.append(f"<p>{html.escape(when)}</p>")
    if any(step.lines):
        items = "".join(f"<li>{html.escape(line)}</li>" for line in step.lines if line)
        parts.append(f"<ul>{items}</ul>")
    for quote, source in step.quotes:
        cite = f"<br><small>— {html.escape(source)}</small>" if source else ""
        parts.append(f"<blockquote>“{html.escape(quote)}”{cite}</blockquote>")
    return "\n".join(['<div class="story-step">', *parts, "</div>"])
