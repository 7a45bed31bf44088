"""Child processes seen from a test: whether one still runs."""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """Whether process `pid` exists (signal 0 checks without sending anything; POSIX)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
