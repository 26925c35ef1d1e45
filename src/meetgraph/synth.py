"""Synthetic datasets of the real schema, for scale tests and benchmarks.

The vocabulary (languages, sectors, countries, the government sector) is
taken from a template dataset, by default the bundled one, so no
data lives in this module. Actors get ids ``a00000``; the first
``visitors`` of them tour: a share of meetings includes one of them, and each
has an expectation rule (meet the government persons of one country, having
met those of two others), so missing edges are derived as in real data.
Some actors are popular (Zipf-like weights), as in real meeting networks.

The text is written line by line in YAML flow style rather than through a
YAML emitter, which would take minutes for the largest sizes.

Examples
--------
>>> from meetgraph.loader import load_dataset_text
>>> from meetgraph.settings import Settings
>>> template = load_dataset_text(Settings().default_dataset.read_bytes(), "seoul.yaml")
>>> text = synth_dataset_text(template, actors=50, meetings=200, seed=1)
>>> dataset = load_dataset_text(text, "synth.yaml")
>>> len(dataset.actors), len(dataset.meetings), len(dataset.expectations)
(50, 200, 1)
>>> text == synth_dataset_text(template, actors=50, meetings=200, seed=1)
True
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator

from meetgraph.errors import MeetgraphError
from meetgraph.schema import Dataset
from meetgraph.vocabulary import ActorType, DeclaredStatus, MeetingKind

__all__ = ["SynthError", "synth_dataset_text"]

# Shares chosen to look like curated news data: most meetings held.
_STATUS_WEIGHTS = {
    DeclaredStatus.HELD: 0.8,
    DeclaredStatus.PLANNED: 0.12,
    DeclaredStatus.REQUESTED: 0.08,
}
_VISITOR_SHARE = 0.2  # of meetings that include a visitor
_THREE_PARTY_SHARE = 0.1
_UNDATED_SHARE = 0.05
_GOVERNMENT_SHARE = 0.15  # of actors
_ACTORS_PER_VISITOR = 500
_FIRST_DAY = dt.date(2025, 1, 1)


class SynthError(MeetgraphError):
    """The requested synthetic dataset cannot be made."""


def synth_dataset_text(
    template: Dataset, actors: int, meetings: int, seed: int = 0, *, days: int = 365
) -> str:
    """A valid dataset as YAML text, the same for the same arguments.

    Parameters
    ----------
    template : Dataset
        Supplies the sectors, the countries and the government sector (the
        first sector its first expectation rule expects, else the last sector).
    actors, meetings : int
        How many of each; at least 3 actors.
    seed : int
        Seeds every random choice.
    days : int
        Meetings are dated over this many days from 2025-01-01.

    Raises
    ------
    SynthError
        If ``actors`` is below 3, ``meetings`` negative, or the template has
        fewer than three countries.
    """
    if actors < 3:
        raise SynthError(f"--actors must be at least 3, not {actors}")
    if meetings < 0:
        raise SynthError(f"--meetings must be 0 or more, not {meetings}")
    countries = sorted({a.country for a in template.actors})
    if len(countries) < 3:
        raise SynthError("the template dataset needs actors in at least three countries")
    rng = random.Random(seed)
    sectors = [s.id for s in template.sectors]
    government = (
        template.expectations[0].expected.sectors[0] if template.expectations else sectors[-1]
    )
    visitors = max(1, actors // _ACTORS_PER_VISITOR)
    language = template.languages[0]  # labels in the template's first language only
    lines = [
        "# yaml-language-server: $schema=schema.json",
        f"# Synthetic: {actors} actors, {meetings} meetings, seed {seed} (meetgraph synth).",
        "meetgraph: 1",
        f"dataset: {{id: synthetic-{actors}-{meetings}-{seed}, "
        f"title: {{{language}: Synthetic {actors} actors}}}}",
        f"languages: [{', '.join(template.languages)}]",
        "sectors:",
    ]
    for declared in template.sectors:
        lines.append("  - " + _flow(declared.model_dump(mode="json", exclude_none=True)))
    lines += [
        "sources:",
        "  - {id: synthetic, title: Synthetic data, publisher: meetgraph synth, "
        '"published": "2025-01-01T00:00:00+00:00", language: en}',
        "actors:",
    ]
    kinds = [t.value for t in ActorType if t is not ActorType.GOVERNMENT_BODY]
    by_country: dict[str, list[str]] = {c: [] for c in countries}
    for i in range(actors):
        actor_id = f"a{i:05d}"
        if i < visitors:
            sector, kind, country = sectors[0], ActorType.PERSON.value, countries[0]
        elif rng.random() < _GOVERNMENT_SHARE:
            sector, country = government, rng.choice(countries)
            kind = ActorType.PERSON.value if rng.random() < 0.7 else ActorType.GOVERNMENT_BODY.value
            if kind == ActorType.PERSON.value:
                by_country[country].append(actor_id)
        else:
            sector = rng.choice([s for s in sectors if s != government] or sectors)
            kind, country = rng.choice(kinds), rng.choice(countries)
        lines.append(
            f"  - {{id: {actor_id}, name: {{{language}: Actor {i}}}, "
            f"type: {kind}, sector: {sector}, country: {country}}}"
        )
    lines.append("meetings:" if meetings else "meetings: []")
    lines.extend(_meetings(rng, actors, meetings, visitors, by_country, days))
    lines.append("expectations:")
    for v in range(visitors):
        expected, *peers = rng.sample(countries, 3)
        lines.append(
            f"  - {{id: tour-{v}, label: {{{language}: Government contact {v}}}, "
            f"visitor: a{v:05d}, "
            f"date: {_day(rng, days)}, "
            f"expected: {{country: {expected}, sectors: [{government}], types: [person]}}, "
            f"peers: {{countries: [{', '.join(peers)}], sectors: [{government}]}}}}"
        )
    return "\n".join(lines) + "\n"


def _meetings(
    rng: random.Random,
    actors: int,
    count: int,
    visitors: int,
    government: dict[str, list[str]],
    days: int,
) -> Iterator[str]:
    # Zipf-like popularity, drawn by bisecting the cumulative weights.
    cumulative = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(actors)))
    total = cumulative[-1]
    statuses = list(_STATUS_WEIGHTS)
    status_weights = list(itertools.accumulate(_STATUS_WEIGHTS.values()))
    kinds = [k.value for k in MeetingKind]
    officials = [actor for ids in government.values() for actor in ids]

    def anyone() -> str:
        return f"a{bisect.bisect(cumulative, rng.random() * total):05d}"

    for n in range(count):
        size = 3 if rng.random() < _THREE_PARTY_SHARE else 2
        participants: list[str] = []
        if rng.random() < _VISITOR_SHARE:
            participants.append(f"a{rng.randrange(visitors):05d}")
            if officials and rng.random() < 0.3:
                participants.append(rng.choice(officials))
        while len(participants) < size:
            candidate = anyone()
            if candidate not in participants:
                participants.append(candidate)
        status = rng.choices(statuses, cum_weights=status_weights)[0].value
        date = "" if rng.random() < _UNDATED_SHARE else f", date: {_day(rng, days)}"
        yield (
            f"  - {{id: m{n:06d}, participants: [{', '.join(participants)}], status: {status}, "
            f"kind: {rng.choice(kinds)}{date}, order: {rng.randint(1, 8)}, "
            f'evidence: [{{source: synthetic, quote: "Synthetic meeting {n}."}}]}}'
        )


def _day(rng: random.Random, days: int) -> str:
    return (_FIRST_DAY + dt.timedelta(days=rng.randrange(max(1, days)))).isoformat()


def _flow(value: object) -> str:
    # JSON is valid YAML flow style, and quotes every string safely.
    return json.dumps(value, ensure_ascii=False)
