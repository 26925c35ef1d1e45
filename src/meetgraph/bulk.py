"""Building large object trees quickly: the loader and the graph builder use this.

>>> import gc
>>> with collection_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collection_paused"]


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree is built.

    Building a dataset allocates millions of objects and no garbage cycles;
    each allocation burst would trigger full collections that scan everything
    built so far (half the loading time of a 10 MB file). The previous state
    is restored whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
