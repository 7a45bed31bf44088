"""Hostile input: fuzzed files and arguments, markup everywhere, unsafe links and paths.

The example counts are kept small so that the whole directory runs in well under a minute on
two cores; `HOSTILE_EXAMPLES=10` (a multiplier) searches harder when hunting a bug.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings


def fuzz(examples: int) -> settings:
    """Settings for a fuzz test: `examples` times the HOSTILE_EXAMPLES multiplier, no deadline
    (a shared CI machine is slow at random moments), and no complaint about the function-scoped
    fixtures (tmp_path, capsys) that every example reuses on purpose."""
    scale = float(os.environ.get("HOSTILE_EXAMPLES", "1"))
    return settings(
        max_examples=max(1, int(examples * scale)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
