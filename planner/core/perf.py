"""Performance helpers for building large numbers of small objects at once, and who runs the
cyclic garbage collector."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The collector's switch is one for the whole process, and pauses come from several threads
# (the GUI thread plans while a pool thread loads the library): they are counted under a lock,
# so that one thread's pause ending never switches the collector back on under another's.
_lock = threading.Lock()
_pauses = 0
_resume = False  # switch the collector on when the last pause ends
_age = False  # count what the pauses made as old when the last one ends


@contextmanager
def paused_gc(*, aged: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a block builds many objects that all stay
    alive (loading a library, planning): collections triggered midway find nothing to free
    and, at ten thousand skills, cost more than the work itself. Nested use, and use from
    several threads at once, is safe.

    `aged`: when the last pause ends, what was made meanwhile joins the oldest generation, as
    collections midway would have moved what lives there. Otherwise the first collection after
    the pause goes through all of it: for a command of the command line, everything SQLAlchemy
    and the planner made as they loaded (15 ms after `planner roadmap`). Garbage among it is
    freed by the next full collection."""
    global _pauses, _resume, _age
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
        _age = _age or aged
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0:
                if _age and gc.get_freeze_count() == 0:  # nobody else's frozen objects
                    gc.freeze()  # every tracked object into the permanent generation...
                    gc.unfreeze()  # ...and back into the oldest one: the young ones empty
                _age = False
                if _resume:
                    gc.enable()


def collect_automatically(automatic: bool) -> None:
    """Let the collector run on its own, on whichever thread allocates (True, Python's way),
    or only when called (False: the desktop app collects on its GUI thread, planner.ui.collector).
    Pauses under way keep the collector off until the last one ends."""
    global _resume
    with _lock:
        if _pauses:
            _resume = automatic
        elif automatic:
            gc.enable()
        else:
            gc.disable()
