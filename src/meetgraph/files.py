"""Writing files so that a reader never sees half of one, and a failure changes nothing.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_files({folder / "a.txt": b"A", folder / "b.txt": b"B"})
>>> sorted(p.name for p in folder.iterdir())
['a.txt', 'b.txt']
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

__all__ = ["Content", "write_atomic", "write_files"]

#: A file's content: its bytes, or a function that writes them into the open file (streamed).
Content = bytes | Callable[[IO[bytes]], None]


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same directory.

    Raises
    ------
    OSError
        If it cannot be written (e.g. its directory does not exist or the disk
        is full); no existing file is changed then and no temporary file is left.
    """
    write_files({path: content})


def write_files(contents: Mapping[Path, Content]) -> None:
    """Write several files all or nothing: each is written in full beside its target first.

    Only once every temporary file is complete are they renamed over their
    targets; a rename allocates nothing, so a full disk or a bad directory
    stops the write before any target has changed. A content given as a
    function writes into the temporary file; if it raises, nothing is changed.
    """
    temporary: dict[Path, Path] = {}
    try:
        for path, content in contents.items():
            temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            # os.open with 0o666 lets the umask decide the permissions, as for a plain open().
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            temporary[path] = temp
            with os.fdopen(fd, "wb") as file:
                if isinstance(content, bytes):
                    file.write(content)
                else:
                    content(file)
        for path, temp in temporary.items():
            temp.replace(path)
    except BaseException:
        for temp in temporary.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        raise
