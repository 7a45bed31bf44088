"""Run in a subprocess by `bench_app`: open a window, print a marker once its first frame is
painted, and quit. Both sides of the launch comparison go through this same script:

    python benchmarks/launch_probe.py bare            a bare PySide6 main window
    python benchmarks/launch_probe.py floor           the same after `import sqlalchemy.orm`
    python benchmarks/launch_probe.py app DB PROFILE  the app (planner.app.run) on a database

It prints `painted <seconds since the process started>` after the main window's first paint
event has been handled and the frame flushed (a zero timer posted from the paint event runs
once the whole window has been drawn), then `maxrss <kilobytes>` (the peak resident set so
far, from getrusage), then quits. With `--settle` it then opens the graph view and waits
until its layout is ready (a big plan is laid out on a worker thread when the graph is first
shown), and prints `settled <seconds>` and a second `maxrss`: the peak with the graph open.

Nothing else is done before the app's own code runs: the QApplication is created here first
(the app's `launch` takes an existing one), so that the event filter is in place before the
first paint, exactly as in the bare script.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path


def _since_start() -> float:
    """Seconds since this process was created (from /proc, so interpreter start-up counts)."""
    try:
        fields = Path(f"/proc/{os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return float("nan")


def _maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    mode = sys.argv[1]
    settle = "--settle" in sys.argv
    if mode == "floor":
        # What any window backed by the app's storage layer costs at least.
        import sqlalchemy.orm  # noqa: F401
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    def report() -> None:
        print(f"painted {_since_start():.4f}", flush=True)
        print(f"maxrss {_maxrss_kb()}", flush=True)
        if not settle:
            QApplication.quit()
            return
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
        graph = getattr(window, "graph_view", None)
        show_view = getattr(window, "show_view", None)
        if show_view is not None:
            show_view(1)  # the graph: it is laid out when first shown
        started = time.perf_counter()

        def wait() -> None:
            laying_out = graph is not None and graph.graph_layout() is None and graph.plan()
            if laying_out and time.perf_counter() - started < 120:
                QTimer.singleShot(20, wait)
                return
            print(f"settled {_since_start():.4f}", flush=True)
            print(f"maxrss {_maxrss_kb()}", flush=True)
            QApplication.quit()

        wait()

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QMainWindow)
            ):
                self.seen = True
                QTimer.singleShot(0, report)
            return False

    first_paint = FirstPaint()
    app.installEventFilter(first_paint)
    if mode in ("bare", "floor"):
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1280, 800)
        window.show()
        return app.exec()
    from planner.app import run

    return run(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    sys.exit(main())
