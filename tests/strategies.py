"""Hypothesis strategies for the round-trip tests: valid datasets, text that spreadsheets mangle."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from meetgraph.schema import ActorType, Dataset, DeclaredStatus, MeetingKind

LANGUAGES = ["en", "ko", "ja", "pt-BR"]
# Printable text: no controls, surrogates, format marks, separators or unassigned code points.
_CHARACTERS = st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Cn", "Co"))
_TRICKY = ["=1+1", "+82 2 123", "-minus", "@home", "'quoted", "2025", "3.0", "Smith, John", "서울"]

one_line = st.one_of(
    st.text(_CHARACTERS, min_size=1, max_size=12).map(str.strip).filter(bool),
    st.text(st.sampled_from("가나다라한국어"), min_size=1, max_size=6),
    st.sampled_from(_TRICKY),
    st.text(_CHARACTERS, max_size=6).map(lambda t: ("=" + t).strip()),
)
long_text = st.lists(one_line, min_size=1, max_size=3).map("\n".join)
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,3})?", fullmatch=True)
countries = st.sampled_from(["KR", "US", "JP", "IN"])
statuses = st.sampled_from([s.value for s in DeclaredStatus])


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    """A valid dataset in one to three languages, every optional part sometimes there."""
    languages = draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(st.one_of(st.none(), strategy))

    def localized() -> dict[str, str]:
        texts = {languages[0]: draw(one_line)}
        texts.update((lang, draw(one_line)) for lang in languages[1:] if draw(st.booleans()))
        return texts

    def optional(**fields: Any) -> dict[str, Any]:
        return {k: v for k, v in fields.items() if v is not None}

    sector_ids = draw(st.lists(slugs, min_size=1, max_size=3, unique=True))
    source_ids = draw(st.lists(slugs, min_size=1, max_size=2, unique=True))
    actor_ids = draw(st.lists(slugs, min_size=2, max_size=5, unique=True))
    edge_ids = draw(st.lists(slugs, max_size=5, unique=True))
    split = draw(st.integers(0, len(edge_ids)))
    evidence = st.builds(
        lambda s, q: {"source": s, "quote": q}, st.sampled_from(source_ids), long_text
    )
    document = {
        "meetgraph": 1,
        "dataset": optional(
            id=draw(slugs),
            title=localized(),
            description=localized() if draw(st.booleans()) else None,
        ),
        "languages": languages,
        "sectors": [
            optional(id=s, label=localized(), color=maybe(st.sampled_from(["#0072B2", "#ffffff"])))
            for s in sector_ids
        ],
        "sources": [
            optional(
                id=s,
                title=draw(one_line),
                publisher=draw(one_line),
                authors=draw(st.lists(one_line, max_size=2)),
                published=draw(st.sampled_from(["2025-02-04T17:32:00+09:00", "2024-12-31T23:59Z"])),
                language=draw(st.sampled_from(LANGUAGES)),
                url=maybe(st.sampled_from(["https://example.com/a?b=1", "http://x.kr"])),
            )
            for s in source_ids
        ],
        "actors": [
            optional(
                id=a,
                name=localized(),
                type=draw(st.sampled_from([t.value for t in ActorType])),
                sector=draw(st.sampled_from(sector_ids)),
                country=draw(countries),
                role=localized() if draw(st.booleans()) else None,
                affiliation=maybe(st.sampled_from([b for b in actor_ids if b != a])),
                note=maybe(long_text),
            )
            for a in actor_ids
        ],
        "meetings": [
            optional(
                id=m,
                participants=draw(
                    st.lists(st.sampled_from(actor_ids), min_size=2, max_size=3, unique=True)
                ),
                status=draw(statuses),
                kind=draw(st.sampled_from([k.value for k in MeetingKind])),
                date=maybe(st.sampled_from(["2025-02-04", "1999-12-31"])),
                order=maybe(st.integers(1, 1000)),
                time=maybe(st.sampled_from(["09:05", "evening"])),
                place=localized() if draw(st.booleans()) else None,
                country=maybe(countries),
                topics=[localized() for _ in range(draw(st.integers(0, 2)))],
                evidence=draw(st.lists(evidence, min_size=1, max_size=2)),
                note=maybe(long_text),
            )
            for m in edge_ids[:split]
        ],
        "expectations": [
            optional(
                id=e,
                label=localized(),
                visitor=draw(st.sampled_from(actor_ids)),
                expected=optional(
                    country=draw(countries),
                    sectors=draw(st.lists(st.sampled_from(sector_ids), min_size=1, max_size=2)),
                    types=draw(st.lists(st.sampled_from([t.value for t in ActorType]), max_size=2)),
                ),
                peers=optional(
                    countries=draw(st.lists(countries, min_size=1, max_size=2)),
                    sectors=draw(st.lists(st.sampled_from(sector_ids), min_size=1, max_size=2)),
                    statuses=maybe(st.lists(statuses, max_size=2)),
                ),
                min_peers=maybe(st.integers(1, 5)),
                date=maybe(st.just("2025-02-04")),
                satisfied_by=maybe(st.lists(statuses, min_size=1, max_size=2)),
                evidence=draw(st.lists(evidence, max_size=2)),
            )
            for e in edge_ids[split:]
        ],
    }
    return Dataset.model_validate(document)
