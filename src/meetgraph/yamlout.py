"""A dataset written back as YAML: canonical, readable, and keeping a file's comments.

The YAML meetgraph writes (from a spreadsheet, from the app's editor, from
``meetgraph init``) has the schema's key order, block style, and quotes only
where a reader could take the text for something else: text that a YAML 1.1
reader (PyYAML, many tools) would read as a boolean, a number, a date or
nothing is quoted (``"no"``, ``"2025-02-04"``, ``"12:30"``), other text is
plain. Text over several lines is a literal block. Defaults are left out, so
what a dataset says is what the file says.

When the dataset was edited from a file, :func:`dataset_yaml` rewrites *that*
file: its comments, its flow mappings like ``{en: Seoul, ko: 서울}`` and its
quoting stay wherever the value they belong to is unchanged; list items are
matched by their ``id``. ruamel.yaml does the round trip, after meetgraph's
strict loader has accepted the original (so it holds no anchors, tags or
deep nesting); a new file is written by PyYAML over libyaml, which is fast.

Examples
--------
>>> from meetgraph.examples import example_dataset
>>> text = dataset_yaml(example_dataset())
>>> print(text[:text.index("sectors:")])
meetgraph: 1
languages:
- en
- ko
dataset:
  id: example
  title:
    en: Example
<BLANKLINE>
>>> from meetgraph.loader import load_dataset_text
>>> load_dataset_text(text, "again.yaml") == example_dataset()
True
"""

from __future__ import annotations

import io
from typing import Any, cast

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from meetgraph.schema import DEFAULT_LANGUAGES, Dataset

__all__ = ["canonical_data", "dataset_yaml", "round_trip_yaml"]

#: Keys that lead a file: the format version, then the languages everything else is in.
_LEADING = ("meetgraph", "languages", "dataset")
#: Long text stays on one line: ruamel would fold it at its width, leaving trailing spaces.
_WIDTH = 4096


def canonical_data(dataset: Dataset) -> dict[str, Any]:
    """The dataset as plain data in the order it is written: defaults and empty values left out.

    ``meetgraph`` and ``languages`` are always written, so that a file says
    which format and which languages it is in.

    >>> from meetgraph.examples import example_dataset
    >>> list(canonical_data(example_dataset()))[:4]
    ['meetgraph', 'languages', 'dataset', 'sectors']
    """
    data = dataset.model_dump(mode="json", exclude_defaults=True)
    data["meetgraph"] = dataset.meetgraph
    data["languages"] = list(dataset.languages)
    return {key: data[key] for key in (*_LEADING, *Dataset.model_fields) if key in data}


def dataset_yaml(dataset: Dataset, original: str | None = None) -> str:
    """``dataset`` as YAML text; with ``original``, that file's text rewritten to say it.

    Parameters
    ----------
    dataset : Dataset
        What the file must say.
    original : str, optional
        The text of the file the dataset was loaded from and then edited. It
        must be a file meetgraph's loader accepted.

    Returns
    -------
    str
        YAML that meetgraph loads back into a dataset equal to ``dataset``.
    """
    data = canonical_data(dataset)
    if original is None:
        # libyaml's emitter: ruamel's, pure Python, takes ~10 s for a 2 MB file.
        return yaml.dump(
            data,
            Dumper=_CanonicalDumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=_WIDTH,
        )
    # Against every value, defaults included, so that a default the file spells out stays.
    every = dataset.model_dump(mode="json", exclude_none=True)
    if dataset.languages == list(DEFAULT_LANGUAGES):
        del data["languages"]  # a file that leaves them out is kept so
    document = _merged(round_trip_yaml().load(original), data, every)
    stream = io.StringIO()
    round_trip_yaml().dump(document, stream)
    return stream.getvalue()


class _CanonicalDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's safe dumper, over libyaml when present, with meetgraph's quoting of text."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else '"' if _read_as_other(text) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_CanonicalDumper.add_representer(str, _represent_text)


def round_trip_yaml() -> YAML:
    """ruamel.yaml's round-trip reader and writer, set to meetgraph's style."""
    writer = YAML(typ="rt")
    writer.width = _WIDTH
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.allow_unicode = True
    writer.preserve_quotes = True
    return writer


def _styled(value: Any) -> Any:
    """Plain data as ruamel's containers and scalars, each in the style it is written in."""
    if isinstance(value, dict):
        return CommentedMap((key, _styled(item)) for key, item in value.items())
    if isinstance(value, list):
        return CommentedSeq(_styled(item) for item in value)
    if isinstance(value, str):
        return _styled_text(value)
    return value


def _styled_text(text: str) -> str:
    if "\n" in text:
        return cast(str, LiteralScalarString(text))
    if _read_as_other(text):
        return cast(str, DoubleQuotedScalarString(text))
    return text


_RESOLVER = yaml.resolver.Resolver()


def _read_as_other(text: str) -> bool:
    """Whether a YAML 1.1 reader would take this text, written plain, for a non-string."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != "tag:yaml.org,2002:str" or text != text.strip()


def _merged(old: Any, new: Any, every: Any) -> Any:
    """``old`` (a round-trip tree) changed to say ``new``, keeping what did not change.

    ``every`` is ``new`` with its defaults: a key the file has keeps its value
    when that is the default, rather than being dropped as ``new`` would.
    """
    if isinstance(old, CommentedMap) and isinstance(new, dict) and isinstance(every, dict):
        kept = {k: every[k] for k in every if k in new or (k in old and every[k] != [])}
        for key in [k for k in old if k not in kept]:
            del old[key]
        for position, (key, value) in enumerate(kept.items()):
            if key in old:
                old[key] = _merged(old[key], new.get(key, value), value)
            else:
                old.insert(min(position, len(old)), key, _styled(new.get(key, value)))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list) and isinstance(every, list):
        return _merged_list(old, new, every)
    if isinstance(old, str) and isinstance(new, str) and str(old) == new:
        return old  # keeps its quotes or block style
    if not isinstance(old, (dict, list)) and _same_scalar(old, new):
        return old
    return _styled(new)


def _merged_list(old: CommentedSeq, new: list[Any], every: list[Any]) -> CommentedSeq:
    """Items matched by ``id`` where they have one, else by position; removed ones dropped."""
    if all(isinstance(item, dict) and "id" in item for item in new) and all(
        isinstance(item, CommentedMap) and "id" in item for item in old
    ):
        wanted = {item["id"] for item in new}
        for index in reversed(range(len(old))):
            if old[index]["id"] not in wanted:
                del old[index]
        place = {str(item["id"]): index for index, item in enumerate(old)}
        merged = [
            _merged(old[place[item["id"]]], item, full) if item["id"] in place else _styled(item)
            for item, full in zip(new, every, strict=True)
        ]
    else:
        merged = [
            _merged(old[index], item, full) if index < len(old) else _styled(item)
            for index, (item, full) in enumerate(zip(new, every, strict=True))
        ]
        del old[len(new) :]
    for index, item in enumerate(merged):
        if index < len(old):
            old[index] = item
        else:
            old.append(item)
    return old


def _same_scalar(old: Any, new: Any) -> bool:
    """Whether a scalar of the file says ``new`` (the loader reads every scalar as text)."""
    return old is not None and new is not None and str(old) == str(new)
