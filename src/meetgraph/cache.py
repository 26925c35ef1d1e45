"""A cache of validated datasets: an unchanged file is not parsed and checked again.

An entry is keyed on everything that decides what a file loads to: the
SHA-256 of its bytes, its input format, the limits that change what is
accepted, and the code that reads it (meetgraph's version and the source of
its modules, which holds the schema, and the versions of Python, pydantic
and pycountry). An entry is the dataset pickled, signed with HMAC-SHA256
under a random key that only the cache's owner can read (``key``, mode 0600,
beside the entries). An entry that is truncated, corrupted, from another
version or planted by someone else does not verify: it is ignored, deleted
and rebuilt. A cache that cannot be read or written (a folder of someone
else's, a full disk) is no cache: the dataset is loaded as if there were none.

The cache lives in the user's cache directory (see
:mod:`meetgraph.settings`), never beside the data, and keeps at most
``max_bytes``, removing the entries used longest ago.

Examples
--------
>>> import tempfile, pathlib
>>> from meetgraph.examples import example_dataset
>>> from meetgraph.settings import Limits
>>> cache = DatasetCache(pathlib.Path(tempfile.mkdtemp()) / "cache")
>>> key = cache.key(b"the file's bytes", "yaml", Limits())
>>> cache.get(key) is None
True
>>> cache.put(key, example_dataset())
>>> cache.get(key) == example_dataset()
True
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel

from meetgraph import __version__
from meetgraph.bulk import collection_paused
from meetgraph.files import write_files

if TYPE_CHECKING:
    from meetgraph.schema import Dataset
    from meetgraph.settings import Limits, Settings

__all__ = ["DatasetCache", "code_fingerprint", "dataset_cache"]

#: Changes when the layout of an entry changes.
ENTRY_LAYOUT = b"meetgraph dataset cache 2\n"
#: The subfolder of the cache directory that holds datasets.
FOLDER = "datasets"
ENTRY_SUFFIX = ".pickle"
KEY_FILE = "key"
KEY_BYTES = 32
MAC_BYTES = hashlib.sha256().digest_size
#: Where an entry's payload starts: after its layout line and its signature.
_PAYLOAD_START = len(ENTRY_LAYOUT) + MAC_BYTES
#: A temporary file older than this was left by a process that was stopped mid-write.
STALE_TEMPORARY_SECONDS = 3600
#: Meetings pickled together (see ``_pickle_into``).
MEETINGS_AT_ONCE = 10_000
#: Limits that change only what a refusal says (refusals are not cached), not what loads.
REPORT_ONLY_LIMITS = frozenset({"max_problems"})
#: What unpickling a verified entry may still raise when the code that wrote it differs.
_UNPICKLING_ERRORS = (
    pickle.UnpicklingError,
    AttributeError,
    EOFError,
    ImportError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
)


@dataclass(frozen=True)
class DatasetCache:
    """Validated datasets stored in ``directory``, at most ``max_bytes`` of them.

    Every method that touches the disk fails quietly: a miss, or nothing
    stored. Only the loader's own errors reach the caller.
    """

    directory: Path
    max_bytes: int = 1024**3

    @property
    def folder(self) -> Path:
        """Where the entries and the key are."""
        return self.directory / FOLDER

    def key(self, data: bytes, input_format: str, limits: Limits) -> str:
        """The name of the entry for a file's bytes read as ``input_format`` under ``limits``.

        ``max_problems`` is left out: it changes what a refusal says, and
        refusals are not cached.
        """
        accepted = [(f.name, getattr(limits, f.name)) for f in fields(limits)]
        accepted = [item for item in accepted if item[0] not in REPORT_ONLY_LIMITS]
        parts = [hashlib.sha256(data).hexdigest(), input_format, repr(accepted), code_fingerprint()]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def get(self, key: str) -> Dataset | None:
        """The dataset under ``key``, or ``None``; an entry that does not verify is deleted."""
        from meetgraph.schema import Dataset

        secret = self._secret(create=False)
        if secret is None:
            return None
        path = self._entry(key)
        content = _read_regular(path, self.max_bytes)
        if content is None:
            return None
        dataset = None
        if _verified(secret, key, content):
            with collection_paused():
                try:
                    # Only a payload signed with this cache's own key is unpickled.
                    dataset = _unpickled(content, _PAYLOAD_START)
                except _UNPICKLING_ERRORS:
                    dataset = None
        if not isinstance(dataset, Dataset):
            _remove(path)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to be evicted
        return dataset

    def put(self, key: str, dataset: Dataset) -> None:
        """Store ``dataset`` under ``key``, then evict beyond the size cap; never fails."""
        secret = self._secret(create=True)
        if secret is None:
            return

        def write(file: IO[bytes]) -> None:
            # Pickled straight into the file and signed as it goes: the payload (99 MB at
            # 50,000 actors) is never held in memory. The signature's place is kept.
            file.write(ENTRY_LAYOUT + bytes(MAC_BYTES))
            signing = _SigningWriter(file, _signer(secret, key), self.max_bytes - file.tell())
            with collection_paused():
                _pickle_into(signing, dataset)
            file.seek(len(ENTRY_LAYOUT))
            file.write(signing.signer.digest())

        try:
            write_files({self._entry(key): write})
        except (OSError, _TooLarge):
            return
        self.evict()

    def evict(self) -> None:
        """Remove the entries used longest ago until the rest fit in ``max_bytes``."""
        entries = []
        now = time.time()
        try:
            listed = list(os.scandir(self.folder))
        except OSError:
            return
        for item in listed:
            try:
                info = item.stat(follow_symlinks=False)
            except OSError:
                continue
            if item.name.endswith(".tmp") and now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                _remove(Path(item.path))
            elif item.name.endswith(ENTRY_SUFFIX):
                entries.append((info.st_mtime, info.st_size, Path(item.path)))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            _remove(path)
            total -= size

    def _entry(self, key: str) -> Path:
        return self.folder / f"{key}{ENTRY_SUFFIX}"

    def _secret(self, *, create: bool) -> bytes | None:
        """This cache's signing key: read, or made once (mode 0600); ``None`` if unusable."""
        path = self.folder / KEY_FILE
        secret = _read_regular(path, KEY_BYTES, private=True)
        if secret is not None or not create:
            return secret if secret is not None and len(secret) == KEY_BYTES else None
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            _create_private(path, secrets.token_bytes(KEY_BYTES))
        except OSError:
            return None
        secret = _read_regular(path, KEY_BYTES, private=True)
        return secret if secret is not None and len(secret) == KEY_BYTES else None


def dataset_cache(settings: Settings) -> DatasetCache | None:
    """The cache the settings ask for, or ``None`` when it is turned off."""
    if not settings.cache:
        return None
    return DatasetCache(settings.cache_dir, settings.cache_max_bytes)


@functools.cache
def code_fingerprint() -> str:
    """What identifies the code that reads a dataset: versions, and meetgraph's own source.

    A checkout keeps its version number while its loader and schema change;
    the source of every module of the package is part of the fingerprint, so
    that an entry written by other code is never taken for this code's.
    """
    import pycountry
    import pydantic
    import pydantic_core

    digest = hashlib.sha256()
    versions = [__version__, sys.version, pydantic.VERSION, pydantic_core.__version__]
    versions.append(str(getattr(pycountry, "__version__", "")))
    digest.update(repr(versions).encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    return digest.hexdigest()


def _pickle_into(file: _SigningWriter, dataset: Dataset) -> None:
    """Write ``dataset`` as pickles: the dataset without its meetings, then the meetings
    :data:`MEETINGS_AT_ONCE` at a time.

    A pickler remembers every object it wrote until it is told to forget (its memo:
    millions of entries and the small objects they keep alive, 0.4 GB at 50,000 actors);
    it forgets after each group. Objects shared across groups (the meeting's field
    names, actor ids) are then written, and read back, once per group.
    """
    meetings = dataset.meetings
    head = {**dataset.__dict__, "meetings": None}
    groups = range(0, len(meetings), MEETINGS_AT_ONCE)
    pickler = _ModelPickler(file, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump((type(dataset), head, dataset.__pydantic_fields_set__, len(groups)))
    for start in groups:
        pickler.clear_memo()
        pickler.dump(meetings[start : start + MEETINGS_AT_ONCE])


def _unpickled(content: bytes, start: int) -> object:
    """The dataset :func:`_pickle_into` wrote from ``start`` on in ``content``."""
    # A BytesIO of bytes shares their buffer: the payload is not copied.
    file = io.BytesIO(content)
    file.seek(start)
    cls, values, fields_set, groups = pickle.Unpickler(file).load()
    meetings = []
    for _ in range(groups):
        # A reader of its own for each group, as the pickler forgot before each.
        meetings.extend(pickle.Unpickler(file).load())
    if file.read(1):
        raise pickle.UnpicklingError("bytes after the last group of meetings")
    values["meetings"] = meetings
    return _model(cls, values, fields_set)


class _TooLarge(Exception):
    """An entry grew past the cache's size cap while it was written."""


@dataclass
class _SigningWriter:
    """Writes to ``file`` what the pickler gives it, signing it on the way, up to ``room``."""

    file: IO[bytes]
    signer: hmac.HMAC
    room: int

    def write(self, data: bytes) -> int:
        self.room -= len(data)
        if self.room < 0:
            raise _TooLarge
        self.signer.update(data)
        return self.file.write(data)


class _ModelPickler(pickle.Pickler):
    """Pickles each model as its fields and the names of those set, nothing more.

    pydantic's own pickling calls Python code twice per model (a state dict
    out, four attributes in): a quarter slower to write and to read back
    for 100,000 models, the same objects either way.
    """

    def reducer_override(self, obj: object) -> Any:
        if (
            isinstance(obj, BaseModel)
            and obj.__pydantic_extra__ is None
            and obj.__pydantic_private__ is None
        ):
            return _model, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)
        return NotImplemented


def _model(
    cls: type[BaseModel],
    values: dict[str, object],
    fields_set: set[str],
    new: Callable[[type[BaseModel]], BaseModel] = object.__new__,
    set_slot: Callable[[object, str, object], None] = object.__setattr__,
) -> BaseModel:
    """A model as pydantic's own unpickling makes it: its fields, set as they were, no checks.

    ``new`` and ``set_slot`` are bound once, as locals: it runs once per model.
    """
    model = new(cls)
    set_slot(model, "__dict__", values)
    set_slot(model, "__pydantic_fields_set__", fields_set)
    set_slot(model, "__pydantic_extra__", None)
    set_slot(model, "__pydantic_private__", None)
    return model


def _signer(secret: bytes, key: str) -> hmac.HMAC:
    """The signature of an entry's payload, to be fed the payload."""
    # The key is signed too, so that a valid entry renamed to another key does not verify.
    return hmac.new(secret, key.encode() + b"\0", hashlib.sha256)


def _verified(secret: bytes, key: str, content: bytes) -> bool:
    """Whether an entry is whole and its payload signed with ``secret`` for ``key``."""
    if len(content) < _PAYLOAD_START or not content.startswith(ENTRY_LAYOUT):
        return False
    signer = _signer(secret, key)
    signer.update(memoryview(content)[_PAYLOAD_START:])  # a view: hundreds of MB at scale
    return hmac.compare_digest(content[len(ENTRY_LAYOUT) : _PAYLOAD_START], signer.digest())


def _read_regular(path: Path, max_bytes: int, *, private: bool = False) -> bytes | None:
    """The bytes of a regular file of at most ``max_bytes``, else ``None``.

    Never follows a link and never waits on a pipe planted under an entry's
    name; with ``private``, the file must be this user's and unreadable by others.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            if private and (info.st_uid != os.geteuid() or info.st_mode & 0o077):
                return None
            # One byte more than fstat said: a file still growing is caught below.
            content = file.read(info.st_size + 1)
        except OSError:
            return None
    return content if len(content) <= max_bytes else None


def _create_private(path: Path, content: bytes) -> None:
    """Write ``path`` (mode 0600) whole, unless it exists: then the first writer's stays."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)  # atomic, and never replaces a key others already use
    finally:
        _remove(temporary)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
