"""Python's cyclic garbage collector, run from a timer on the GUI thread only."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from planner.core.perf import collect_automatically


class GuiThreadCollector(QObject):
    """Collects reference cycles on the GUI thread, at the top of its event loop, instead of
    wherever an allocation happens to cross the collector's threshold.

    Left to itself, Python collects on the thread that allocates: on a pool thread (a
    background read) it may free a cycle holding widgets and delete them on the wrong thread,
    and on the GUI thread it may run in the middle of Qt's own work (the arguments of a queued
    signal being wrapped). Either can crash the app at random. A timer slot is a safe point;
    Anki and pyqtgraph collect the same way. The generations keep Python's thresholds."""

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        collect_automatically(False)
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, youngest first."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)  # collects the younger generations with it
                return

    def stop(self) -> None:
        """Hand the collector back to Python (after one last collection here)."""
        self.timer.stop()
        gc.collect()
        collect_automatically(True)
