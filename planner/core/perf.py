"""Performance helpers for building large numbers of small objects at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a block builds many objects that all stay
    alive (loading a library, planning): collections triggered midway find nothing to free
    and, at ten thousand skills, cost more than the work itself. Nested use is safe."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
