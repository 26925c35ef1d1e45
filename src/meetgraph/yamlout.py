"""A dataset as YAML text (a stand-in until the canonical writer lands from the main branch).

Block style, the schema's field order, defaults left out.

>>> from meetgraph.examples import EXAMPLE_YAML
>>> from meetgraph.loader import load_dataset_text
>>> example = load_dataset_text(EXAMPLE_YAML, "example.yaml")
>>> load_dataset_text(dataset_yaml(example), "again.yaml") == example
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from meetgraph.schema import Dataset

__all__ = ["dataset_yaml"]


def dataset_yaml(dataset: Dataset) -> str:
    """The YAML text of ``dataset``, which the loader reads back as an equal dataset."""
    document = dataset.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False)
