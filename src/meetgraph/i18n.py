"""User-interface words, one locale file per language in ``locales/``.

A locale file is a JSON object of word keys to text. English
(:data:`FALLBACK`) has every word; another locale may lack some, and a
language with no locale file at all gets the English words: a dataset in
any language still shows its own labels, with English around them. A third
interface language is one new file, ``locales/<code>.json``.

Texts are :meth:`str.format` templates. A field may ask for a grammatical
particle chosen by how the value ends (see :func:`particle`):
``{name:은/는}`` writes the value and the particle, ``{name:=은/는}`` the
particle alone, for when other text stands between a name and its particle.

Examples
--------
>>> translate("tab_missing", "ko")
'없었던 만남'
>>> translate("headline.one.planned", "fr", person="Modi")  # no French words
'is to meet Modi'
>>> print(translate("explanation.missing", "ko", rule="규칙", visitor="샘 올트먼",
...       peers="나렌드라 모디 (IN, 예정, altman-modi)", verb="만났으나",
...       actor="최상목", country="KR", statuses="성사·예정"))  # doctest: +NORMALIZE_WHITESPACE
규칙: 샘 올트먼은 나렌드라 모디 (IN, 예정, altman-modi)와 만났으나
최상목(KR)과는 성사·예정된 만남이 없음.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "FALLBACK",
    "LANGUAGE_CODE",
    "fill",
    "has_words",
    "language_name",
    "particle",
    "translate",
    "ui_languages",
    "ui_words",
]

#: The language whose locale has every word, used wherever another lacks one.
FALLBACK = "en"

#: A language code: ISO 639 (two or three letters), optionally with subtags (pt-BR, zh-Hant).
LANGUAGE_CODE = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"

_LOCALES = "locales"


@cache
def ui_languages() -> tuple[str, ...]:
    """The languages that have a locale file, English first, then by code."""
    found = [
        entry.name.removesuffix(".json")
        for entry in resources.files("meetgraph").joinpath(_LOCALES).iterdir()
        if entry.name.endswith(".json")
    ]
    return tuple(sorted(found, key=lambda code: (code != FALLBACK, code)))


@cache
def _locale(language: str) -> dict[str, str]:
    if language not in ui_languages():
        return {}
    text = resources.files("meetgraph").joinpath(f"{_LOCALES}/{language}.json").read_text("utf-8")
    words: dict[str, str] = json.loads(text)
    return words


@cache
def ui_words(language: str) -> Mapping[str, str]:
    """Every interface word in ``language``, English where it has none."""
    return {**_locale(FALLBACK), **_locale(language)}


def has_words(language: str) -> bool:
    """Whether ``language`` has a locale file of its own."""
    return language in ui_languages()


def language_name(language: str) -> str:
    """How ``language`` names itself (from its locale file), else its code.

    >>> language_name("ko"), language_name("ja")
    ('한국어', 'ja')
    """
    return _locale(language).get("language_name", language)


def translate(key: str, language: str, **values: Any) -> str:
    """The word ``key`` in ``language`` (or English), with ``values`` formatted in.

    Raises
    ------
    KeyError
        If no locale has the word: a programming error, not a user's.
    """
    text = ui_words(language)[key]
    return fill(text, **values) if values else text


def fill(template: str, **values: Any) -> str:
    """``template.format(**values)``, with the particle fields of the module docstring.

    >>> fill("{name:은/는} {other}({country}){other:=과/와}는", name="샘 올트먼",
    ...      other="오영주", country="KR")
    '샘 올트먼은 오영주(KR)와는'
    """
    plan = _plan(template)
    if plan is None:
        return template.format(**values)  # str.format in C: most templates have no particle
    if not plan:
        return _FORMATTER.format(template, **values)
    return "".join(
        literal if name is None else literal + _field(values[name], spec)
        for literal, name, spec in plan
    )


def _field(value: Any, spec: str) -> str:
    """One field of a plan: text without a spec is itself (what ``format`` gives it)."""
    if not spec and type(value) is str:
        return value
    return _FORMATTER.format_field(value, spec)


@lru_cache(maxsize=1024)
def _plan(template: str) -> tuple[tuple[str, str | None, str], ...] | None:
    """How :func:`fill` fills ``template``: None by ``str.format`` (no particle field);
    else its literal texts and named fields (parsed once: tens of thousands of missing
    edges word their explanations from one template), or () for ``string.Formatter``'s
    own way (a field with an index, an attribute, a conversion or a nested spec).
    """
    if _PARTICLE_FIELD.search(template) is None:
        return None
    plan = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        if name is not None and (not name.isidentifier() or conversion or "{" in (spec or "")):
            return ()
        plan.append((literal, name, spec or ""))
    return tuple(plan)


class _ParticleFormatter(string.Formatter):
    """``str.format`` plus ``{field:A/B}`` (value and particle) and ``{field:=A/B}`` (particle)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "/" not in format_spec:
            return str(super().format_field(value, format_spec))
        alone = format_spec.startswith("=")
        after_consonant, after_vowel = format_spec.removeprefix("=").split("/", 1)
        chosen = particle(str(value), after_consonant, after_vowel)
        return chosen if alone else f"{value}{chosen}"


_FORMATTER = _ParticleFormatter()
_PARTICLE_FIELD = re.compile(r"\{[^{}:]*:[^{}]*/[^{}]*\}")

# What a particle attaches to: the last sound of the name, not a parenthesis or a quote after it.
_TRAILING = re.compile(r"(?:\s*(?:\([^()]*\)|\[[^\[\]]*\]|[\s\"'`”’」』.,;:!?]))+$")
_TAIL = 200  # characters: a name and what follows it in brackets
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
# Whether each digit, read in Sino-Korean, ends in a consonant: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT_ENDS_IN_CONSONANT = (True, True, False, True, False, False, True, True, True, False)


def particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """The form of a Korean particle that follows ``word``.

    Particles such as 은/는, 이/가 and 과/와 take their first form after a
    syllable that ends in a consonant (받침) and the second after a vowel.
    What follows the name in brackets is skipped; digits are read in
    Sino-Korean. Where the last sound cannot be told (a Latin name), both
    forms are written, the usual way: ``은(는)``.

    Examples
    --------
    >>> particle("최상목", "과", "와"), particle("나렌드라 모디", "과", "와")
    ('과', '와')
    >>> particle("샘 올트먼", "은", "는"), particle("이재용 (KR)", "이", "가")
    ('은', '이')
    >>> particle("오영주", "은", "는"), particle("SK그룹 사장단", "과", "와")
    ('는', '과')
    >>> particle("2025", "은", "는"), particle("OpenAI", "은", "는")
    ('는', '은(는)')
    """
    # Only how the word ends matters; a letter or digit there is its last sound.
    stem = word if word[-1:].isalnum() else _TRAILING.sub("", word[-_TAIL:])
    last = stem[-1:] if stem else ""
    if last and _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        consonant = (ord(last) - _HANGUL_FIRST) % 28 != 0
    elif last.isdigit() and last.isascii():
        consonant = _DIGIT_ENDS_IN_CONSONANT[int(last)]
    else:
        return f"{after_consonant}({after_vowel})"
    return after_consonant if consonant else after_vowel
