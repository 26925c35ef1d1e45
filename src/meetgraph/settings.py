"""Settings read from the environment, with sane defaults.

They are read only when asked for (:meth:`Settings.from_env`), never at import.

``MEETGRAPH_MAX_FILE_BYTES``
    Size cap for a dataset file named on the command line (default 64 MiB:
    the scale benchmarks use files of tens of MB).
``MEETGRAPH_MAX_UPLOAD_BYTES``
    Size cap for a file uploaded in the app (default 5 MiB), checked on the
    server whatever the browser says.
``MEETGRAPH_DATA_DIR``
    The folder of bundled datasets (default: the package's own, ``meetgraph.data``,
    which is the project's ``data/`` in a checkout).

Examples
--------
>>> s = Settings.from_env({"MEETGRAPH_MAX_UPLOAD_BYTES": "1000"})
>>> s.max_upload_bytes, s.max_file_bytes
(1000, 67108864)
>>> Settings.from_env({"MEETGRAPH_MAX_FILE_BYTES": "lots"})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
meetgraph.settings.SettingsError: MEETGRAPH_MAX_FILE_BYTES must be a positive whole number ...
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from meetgraph.errors import MeetgraphError

__all__ = ["DEFAULT_DATASET", "Settings", "SettingsError"]

#: The file name of the dataset shown when none is chosen.
DEFAULT_DATASET = "altman_seoul_2025.yaml"


class SettingsError(MeetgraphError):
    """An environment variable holds a value meetgraph cannot use."""


@dataclass(frozen=True)
class Settings:
    """Limits and places meetgraph works with."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_upload_bytes: int = 5 * 1024 * 1024
    data_dir: Path = field(default_factory=lambda: bundled_data_dir())

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default ``os.environ``), defaults where unset."""
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            max_file_bytes=_bytes(env, "MEETGRAPH_MAX_FILE_BYTES", defaults.max_file_bytes),
            max_upload_bytes=_bytes(env, "MEETGRAPH_MAX_UPLOAD_BYTES", defaults.max_upload_bytes),
            data_dir=Path(env["MEETGRAPH_DATA_DIR"])
            if env.get("MEETGRAPH_DATA_DIR")
            else defaults.data_dir,
        )

    @property
    def default_dataset(self) -> Path:
        """The bundled dataset shown when none is chosen."""
        return self.data_dir / DEFAULT_DATASET

    def bundled_datasets(self) -> list[Path]:
        """The YAML datasets in :attr:`data_dir`, sorted, the default first."""
        found = sorted(self.data_dir.glob("*.yaml"))
        return sorted(found, key=lambda p: p.name != DEFAULT_DATASET)


def bundled_data_dir() -> Path:
    """The package's own data folder (an ordinary folder once installed; no zip imports)."""
    return Path(str(resources.files("meetgraph.data")))


def _bytes(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise SettingsError(f"{name} must be a positive whole number of bytes, not {raw!r}")
    return int(raw)
