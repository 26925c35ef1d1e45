"""Settings read from the environment, with sane defaults, each range-checked.

They are read only when asked for (:meth:`Settings.from_env`), never at import.
Every limit bounds the work a dataset can cause (see :class:`Limits`).

``MEETGRAPH_MAX_FILE_BYTES``
    Size cap for a dataset file named on the command line (default 64 MiB:
    the scale benchmarks use files of tens of MB).
``MEETGRAPH_MAX_UPLOAD_BYTES``
    Size cap for a file uploaded in the app (default 5 MiB), checked on the
    server whatever the browser says.
``MEETGRAPH_MAX_PARTICIPANTS``
    The most participants one meeting may have (default 100): a meeting of n
    participants is n(n-1)/2 pairs of actors who met.
``MEETGRAPH_MAX_PAIRS``
    The most pairs of actors all meetings of a file named on the command line
    may make (default 1,000,000, about 1 GB of graph); uploads in the app may
    make a tenth of that, so that the app's caches stay small.
``MEETGRAPH_DATA_DIR``
    The folder of bundled datasets (default: the package's own, ``meetgraph.data``,
    which is the project's ``data/`` in a checkout).
``MEETGRAPH_CACHE_DIR``
    Where validated datasets are cached (default: the user's cache directory,
    e.g. ``~/.cache/meetgraph`` on Linux); never beside the data.
``MEETGRAPH_CACHE``
    ``off`` loads every dataset afresh and neither reads nor writes the cache
    (``on``, the default, uses it).
``MEETGRAPH_CACHE_MAX_BYTES``
    The most the cache may hold (default 1 GiB); the entries used longest ago
    are removed beyond it.

Examples
--------
>>> s = Settings.from_env({"MEETGRAPH_MAX_UPLOAD_BYTES": "1000"})
>>> s.max_upload_bytes, s.max_file_bytes
(1000, 67108864)
>>> s = Settings.from_env({"MEETGRAPH_CACHE": "off", "MEETGRAPH_CACHE_DIR": "/tmp/c"})
>>> s.cache, s.cache_dir
(False, PosixPath('/tmp/c'))
>>> Settings.from_env({"MEETGRAPH_MAX_FILE_BYTES": "lots"})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
meetgraph.settings.SettingsError: MEETGRAPH_MAX_FILE_BYTES must be a whole number from 1 to ...
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from meetgraph.errors import MeetgraphError

__all__ = [
    "DEFAULT_DATASET",
    "LIMIT_RANGES",
    "Limits",
    "Settings",
    "SettingsError",
    "bundled_data_dir",
    "user_cache_dir",
]

#: The file name of the dataset shown when none is chosen.
DEFAULT_DATASET = "altman_seoul_2025.yaml"

#: What each limit may be set to, so that a setting cannot ask for more than a machine has.
LIMIT_RANGES = {
    "max_bytes": (1, 16 * 1024**3),
    "max_depth": (1, 64),
    "max_participants": (2, 100_000),
    "max_pairs": (1, 100_000_000),
    "max_problems": (1, 10_000),
}
#: What the cache's size cap may be set to.
CACHE_BYTES_RANGE = (1024 * 1024, 1024**4)
#: The words ``MEETGRAPH_CACHE`` takes, and whether each turns the cache on.
CACHE_SWITCH = {"on": True, "off": False}


class SettingsError(MeetgraphError):
    """An environment variable or option holds a value meetgraph cannot use."""


@dataclass(frozen=True)
class Limits:
    """How much work one dataset may cause; the loader refuses a file beyond them.

    Each is checked before the work it bounds: the size before reading, the
    nesting while parsing, participants and pairs before validation or a graph
    is built, and at most ``max_problems`` problems are reported (with the
    count of the others).
    """

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 32
    max_participants: int = 100
    max_pairs: int = 1_000_000
    max_problems: int = 100

    def __post_init__(self) -> None:
        for name, (low, high) in LIMIT_RANGES.items():
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise SettingsError(f"{name} must be a whole number from {low:,} to {high:,}")


@dataclass(frozen=True)
class Settings:
    """Limits and places meetgraph works with."""

    max_file_bytes: int = Limits.max_bytes
    max_upload_bytes: int = 5 * 1024 * 1024
    max_participants: int = Limits.max_participants
    max_pairs: int = Limits.max_pairs
    data_dir: Path = field(default_factory=lambda: bundled_data_dir())
    cache: bool = True
    cache_dir: Path = field(default_factory=lambda: user_cache_dir())
    cache_max_bytes: int = 1024**3

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from ``environ`` (default ``os.environ``), defaults where unset.

        Raises
        ------
        SettingsError
            Naming the variable whose value is not a whole number in its range.
        """
        env = os.environ if environ is None else environ
        defaults = cls()
        bytes_range = LIMIT_RANGES["max_bytes"]
        return cls(
            max_file_bytes=_number(
                env, "MEETGRAPH_MAX_FILE_BYTES", defaults.max_file_bytes, bytes_range
            ),
            max_upload_bytes=_number(
                env, "MEETGRAPH_MAX_UPLOAD_BYTES", defaults.max_upload_bytes, bytes_range
            ),
            max_participants=_number(
                env,
                "MEETGRAPH_MAX_PARTICIPANTS",
                defaults.max_participants,
                LIMIT_RANGES["max_participants"],
            ),
            max_pairs=_number(
                env, "MEETGRAPH_MAX_PAIRS", defaults.max_pairs, LIMIT_RANGES["max_pairs"]
            ),
            data_dir=Path(env["MEETGRAPH_DATA_DIR"])
            if env.get("MEETGRAPH_DATA_DIR")
            else defaults.data_dir,
            cache=_switch(env, "MEETGRAPH_CACHE", defaults.cache),
            cache_dir=Path(env["MEETGRAPH_CACHE_DIR"])
            if env.get("MEETGRAPH_CACHE_DIR")
            else defaults.cache_dir,
            cache_max_bytes=_number(
                env, "MEETGRAPH_CACHE_MAX_BYTES", defaults.cache_max_bytes, CACHE_BYTES_RANGE
            ),
        )

    def with_max_file_bytes(self, max_bytes: int) -> Settings:
        """A copy with another size cap for files (the CLI's ``--max-bytes``)."""
        return replace(self, max_file_bytes=max_bytes)

    def without_cache(self) -> Settings:
        """A copy that neither reads nor writes the dataset cache (the CLI's ``--no-cache``)."""
        return replace(self, cache=False)

    @property
    def file_limits(self) -> Limits:
        """The limits of a file named on the command line or bundled."""
        return Limits(
            max_bytes=self.max_file_bytes,
            max_participants=self.max_participants,
            max_pairs=self.max_pairs,
        )

    @property
    def upload_limits(self) -> Limits:
        """The limits of a file uploaded in the app: smaller, as the app keeps a few in memory."""
        return Limits(
            max_bytes=self.max_upload_bytes,
            max_participants=self.max_participants,
            max_pairs=max(1, self.max_pairs // 10),
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


def user_cache_dir() -> Path:
    """The user's own cache folder for meetgraph, as the platform names it."""
    import platformdirs  # only when a default is needed

    return Path(platformdirs.user_cache_dir("meetgraph"))


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in CACHE_SWITCH:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise SettingsError(f"{name} must be {' or '.join(CACHE_SWITCH)}, not {shown!r}")
    return CACHE_SWITCH[raw]


def _number(env: Mapping[str, str], name: str, default: int, bounds: tuple[int, int]) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    low, high = bounds
    # ASCII digits only: str.isdigit() also accepts "²", which int() then refuses.
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 20 or not low <= int(raw) <= high:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise SettingsError(
            f"{name} must be a whole number from {low:,} to {high:,}, not {shown!r}"
        )
    return int(raw)
