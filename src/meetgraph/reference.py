"""The format reference, in words, generated from the schema so that it cannot drift.

``docs/format.md`` is :func:`format_reference` of the bundled dataset (a test
keeps it current; ``meetgraph schema --markdown`` prints it). Each part of a
file gets a table: every field, whether it is required, what it holds in
words (from the JSON Schema of :mod:`meetgraph.schema`: types, patterns'
descriptions, choices, bounds) and an example taken from the bundled dataset.

Examples
--------
>>> from meetgraph.examples import example_dataset
>>> lines = format_reference(example_dataset()).splitlines()
>>> lines[0]
'# The dataset format'
>>> print(*[line for line in lines if line.startswith("| `participants`")])  # doctest: +ELLIPSIS
| `participants` | required | list of ids of actors, at least 2. Two or more ... | `[a, b, c]` |
"""

from __future__ import annotations

from typing import Any

from meetgraph.schema import ID_REFERENCES, Dataset, json_schema

__all__ = ["format_reference"]

#: The parts of a file in the order a reader meets them; each is a model of the schema.
_PARTS = (
    ("Dataset", "The whole file."),
    ("DatasetInfo", "`dataset:` the title and description."),
    ("Sector", "Each item of `sectors:`, the file's own vocabulary of sectors."),
    ("Source", "Each item of `sources:`, a document the facts come from."),
    ("Actor", "Each item of `actors:`, a person, organisation, group or government body."),
    ("Meeting", "Each item of `meetings:`; a meeting of n participants is n(n-1)/2 pairs."),
    ("Evidence", "Each item of `evidence:` in a meeting or an expectation."),
    ("Expectation", "Each item of `expectations:`, a rule that derives the missing meetings."),
    ("ActorSelector", "`expected:` in an expectation: the actors the visitor should meet."),
    ("PeerSelector", "`peers:` in an expectation: the visitor's meetings elsewhere."),
)
_EXAMPLE_WIDTH = 60


def format_reference(example: Dataset) -> str:
    """The reference of the format as Markdown, its examples taken from ``example``."""
    schema = json_schema()
    definitions = schema["$defs"]
    examples = _examples(example.model_dump(mode="json", exclude_none=True), "Dataset", schema)
    lines = [
        "# The dataset format",
        "",
        "Generated from the schema by `meetgraph schema --markdown`; the examples come",
        f"from the bundled dataset ({example.dataset.id}). Fields not marked required may be",
        "left out. The JSON Schema is `data/schema.json` (`meetgraph schema`).",
        "",
        "A file ending in `.json` holds the same document as JSON (`meetgraph import",
        "story.yaml -o story.json` writes one). It is read as strictly as the YAML, and its",
        'values the same way: a number is the text it is written as (`1` and `"1"` are the',
        "same; `1.0` is not a whole number), `true` and `false` are the text `'true'` and",
        "`'false'` (no field is a yes or no), and `null` is nothing, as an empty YAML value.",
        "Duplicate keys, `NaN`, `Infinity`, control characters (also as escapes) and a lone",
        "half of a character (`\\ud83d`) are refused at their line and column.",
    ]
    for name, about in _PARTS:
        part = schema if name == "Dataset" else definitions[name]
        required = set(part.get("required", ()))
        lines += ["", f"## {_title(name)}", "", about, ""]
        lines += ["| field | | what it holds | example |", "|---|---|---|---|"]
        for field, spec in part["properties"].items():
            words = _words(spec, definitions, ID_REFERENCES.get(field))
            description = spec.get("description")
            if description and description.rstrip(".") not in words:
                words = f"{words}. {description}"
            shown = examples.get((name, field))
            cells = [
                f"`{field}`",
                "required" if field in required else _default(spec),
                words,
                f"`{_example_text(shown)}`" if shown is not None else "",
            ]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _title(name: str) -> str:
    return "".join(f" {c.lower()}" if c.isupper() and i else c for i, c in enumerate(name))


def _words(spec: dict[str, Any], definitions: dict[str, Any], refers_to: str | None) -> str:
    """What a value of this JSON Schema holds, in words."""
    options = [option for option in spec.get("anyOf", ()) if option.get("type") != "null"]
    if options:
        return _words(
            {**options[0], **{k: v for k, v in spec.items() if k != "anyOf"}},
            definitions,
            refers_to,
        )
    if "$ref" in spec:
        target = definitions[spec["$ref"].rsplit("/", 1)[1]]
        if "enum" in target:
            return "one of " + ", ".join(f"`{value}`" for value in target["enum"])
        return f"see *{_title(spec['$ref'].rsplit('/', 1)[1])}* below"
    kind = spec.get("type")
    if kind == "array":
        items = spec["items"]
        noun = _words(items, definitions, refers_to)
        if "$ref" in items and "enum" not in definitions[items["$ref"].rsplit("/", 1)[1]]:
            noun = f"*{_title(items['$ref'].rsplit('/', 1)[1])}* items (below)"
        bounds = ", at least " + str(spec["minItems"]) if spec.get("minItems", 0) > 1 else ""
        return f"list of {_plural(noun)}{bounds}"
    if kind == "object":
        return str(spec.get("description", "text per language")).rstrip(".")
    if kind == "integer":
        low, high = spec.get("ge", spec.get("minimum")), spec.get("le", spec.get("maximum"))
        if low is not None and high is not None:
            return f"whole number from {low} to {high}"
        return f"whole number, at least {low}" if low is not None else "whole number"
    if spec.get("format") == "date":
        return "date, year-month-day, e.g. 2025-02-04"
    if spec.get("format") == "date-time":
        return "date and time with its offset from UTC, e.g. 2025-02-04T17:32:00+09:00"
    if refers_to:
        return f"id of one of the {refers_to}"
    if "pattern" in spec and spec.get("description"):
        return str(spec["description"]).rstrip(".")
    if spec.get("pattern") == "^#[0-9a-fA-F]{6}$":
        return "colour, e.g. #0072B2"
    if spec.get("pattern", "").startswith("^https?"):
        return "web address (http or https)"
    if spec.get("pattern") == "^[^\\t\\n\\r]*$":
        return "text on one line"
    return "text"


def _plural(noun: str) -> str:
    if noun.startswith("id of one of the "):
        return "ids of " + noun.removeprefix("id of one of the ")
    if noun.startswith("one of "):
        return "values, each " + noun
    if noun.lower().startswith("text per language"):
        return "texts per language"
    if noun.endswith("(below)"):
        return noun
    lower = noun[:1].lower() + noun[1:] if noun[1:2].islower() or noun[1:2] == " " else noun
    return "items, each " + lower


def _default(spec: dict[str, Any]) -> str:
    default = spec.get("default")
    if default is None or default == []:
        return ""
    return f"default {_example_text(default)}"


def _examples(value: Any, model: str, spec: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The first value the example dataset gives each field of each part."""
    found: dict[tuple[str, str], Any] = {}
    definitions = json_schema()["$defs"]

    def walk(value: Any, model: str) -> None:
        part = spec if model == "Dataset" else definitions[model]
        for field, field_spec in part["properties"].items():
            if field not in value:
                continue
            found.setdefault((model, field), value[field])
            target = _model_of(field_spec)
            if target is None or target not in definitions or "enum" in definitions[target]:
                continue
            items = value[field] if isinstance(value[field], list) else [value[field]]
            for item in items:
                walk(item, target)

    walk(value, model)
    return found


def _model_of(spec: dict[str, Any]) -> str | None:
    ref = spec.get("$ref") or spec.get("items", {}).get("$ref")
    return str(ref).rsplit("/", 1)[1] if ref else None


def _example_text(value: Any) -> str:
    if isinstance(value, dict):
        if all(isinstance(item, str) for item in value.values()):
            text = "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
        else:
            text = "{…}"
    elif isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            text = "[" + ", ".join(value) + "]"
        else:
            text = "[…]"
    else:
        text = str(value)
    return text if len(text) <= _EXAMPLE_WIDTH else text[: _EXAMPLE_WIDTH - 1] + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
