"""Reference cycles are freed on the GUI thread only, from a timer (ui/collector.py): a
collection on a pool thread, or in the middle of Qt's own work, can crash the app at random."""

from __future__ import annotations

import gc
import threading

from pytestqt.qtbot import QtBot


class _Cycle:
    """Garbage that only the cyclic collector frees; says on which thread it went."""

    def __init__(self, freed_on: list[int]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.get_ident())


def test_cycles_made_on_a_pool_thread_are_freed_on_the_gui_thread(qtbot: QtBot) -> None:
    assert not gc.isenabled()  # the app (and every widget test) collects on its own timer
    freed_on: list[int] = []
    kept: list[list[int]] = []

    def allocate() -> None:
        for _ in range(50):
            _Cycle(freed_on)
        # Far past the youngest generation's threshold: Python would collect right here.
        kept.extend([n] for n in range(20 * gc.get_threshold()[0]))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join(30)
    assert freed_on == []  # nothing collected on the worker
    qtbot.waitUntil(lambda: len(freed_on) == 50, timeout=10000)
    assert set(freed_on) == {threading.get_ident()}
