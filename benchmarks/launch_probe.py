"""Run in a subprocess by `bench_app`: open a window, print a marker once its first frame is
painted, and quit. Both sides of the launch comparison go through this same script:

    python benchmarks/launch_probe.py bare            a bare PySide6 main window
    python benchmarks/launch_probe.py widgets         the least a real main window has: a
                                                      toolbar with a label and a combo box, a
                                                      menu, a list, a dock, status-bar text
    python benchmarks/launch_probe.py bare-plan DB    the complete window's floor: the bare
                                                      window, then (once painted) SQLAlchemy
                                                      reading the learner's plan (the rows of
                                                      floors.PLAN_ROWS) into a list in it
    python benchmarks/launch_probe.py widgets-plan DB the same with the least real main window:
                                                      what any main window showing the plan
                                                      costs at least
    python benchmarks/launch_probe.py app DB PROFILE  the app (planner.app.run) on a database
    python benchmarks/launch_probe.py cli [ARGS...]   the command line `planner ARGS...` (no
                                                      command: `planner`, the app; the CLI's
                                                      parser loads first, before Qt, as there)

It prints `painted <seconds since the process started>` after the main window's first paint
event has been handled and the frame flushed (a zero timer posted from the paint event runs
once the whole window has been drawn), then `maxrss <kilobytes>` (the peak resident set so
far, from getrusage). The app paints its window's frame before it opens the database; the
probe then waits for the window's `opened` signal (the plan is shown, everything works) and
prints `usable <seconds>` and `maxrss` again. With `--settle` it then opens the graph view and
waits until its layout is ready (a big plan is laid out on a worker thread when the graph is
first shown), and prints `settled <seconds>` and a last `maxrss`: the peak with the graph open.
With `--wizard` (a first start: the database is new, the profile has no role) it waits instead
for the onboarding wizard's first paint and prints `wizard <seconds>`, then ends the process
there (the wizard is modal: nothing after it is measured).

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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


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


def _print(key: str) -> None:
    print(f"{key} {_since_start():.4f}", flush=True)
    print(f"maxrss {_maxrss_kb()}", flush=True)


def main() -> int:
    mode = sys.argv[1]
    settle = "--settle" in sys.argv
    until_wizard = "--wizard" in sys.argv
    args = [a for a in sys.argv[2:] if a not in ("--settle", "--wizard")]
    if mode == "cli":
        from planner.cli import main as cli_main  # as `planner` does: its entry before Qt
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWizard

    app = QApplication(sys.argv[:1])

    def report() -> None:
        _print("painted")
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
        if mode in ("bare-plan", "widgets-plan"):
            _show_plan(window, args[0])
            QTimer.singleShot(0, lambda: opened(window))
            return
        if mode not in ("app", "cli"):
            QApplication.quit()
            return
        if getattr(window, "attached", True):
            opened(window)
        else:
            # The app's MainWindow (not imported here: the probe must not change what loads when).
            signal = window.opened  # type: ignore[attr-defined]
            signal.connect(lambda: QTimer.singleShot(0, lambda: opened(window)))

    def opened(window: QMainWindow) -> None:
        _print("usable")
        if until_wizard:
            return  # the wizard opens next: its paint is reported by the event filter
        if not settle:
            QApplication.quit()
            return
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
            _print("settled")
            QApplication.quit()

        wait()

    def wizard_painted() -> None:
        _print("wizard")
        os._exit(0)  # the wizard runs modal: stop here, nothing else is measured

    class FirstPaint(QObject):
        seen = False
        wizard_seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint:
                return False
            if not self.seen and isinstance(watched, QMainWindow):
                self.seen = True
                QTimer.singleShot(0, report)
            elif until_wizard and not self.wizard_seen and isinstance(watched, QWizard):
                self.wizard_seen = True
                QTimer.singleShot(0, wizard_painted)
            return False

    first_paint = FirstPaint()
    app.installEventFilter(first_paint)
    if mode in ("bare", "bare-plan"):
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1280, 800)
        window.show()
        return app.exec()
    if mode in ("widgets", "widgets-plan"):
        window = _least_real_window()
        window.show()
        return app.exec()
    if mode == "cli":
        return cli_main(args)
    from planner.app import run

    return run(args[0], args[1])


def _show_plan(window: QMainWindow, db: str) -> None:
    """SQLAlchemy reads the learner's plan (the same rows as the command-line floors) and a
    list in the window shows its steps: the least a window showing the plan does."""
    import runpy

    from PySide6.QtWidgets import QListWidget

    floors = runpy.run_path(str(Path(__file__).with_name("floors.py")))
    namespace: dict[str, Any] = {}
    exec(floors["HEAD"].replace("sys.argv[1]", repr(db)) + floors["PLAN_ROWS"], namespace)
    with namespace["engine"].connect() as connection:
        _, _, steps = namespace["plan_rows"](connection)
    steps_list = QListWidget()
    steps_list.addItems([f"{name}  {area}  {hours:g} h" for _, name, area, hours, *_ in steps])
    window.setCentralWidget(steps_list)


def _least_real_window() -> QMainWindow:
    """A window with what every real main window has and a bare one lacks: text (the first
    text drawn loads the fonts), Qt's namespace of enums, a few widget classes set up."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QListWidget, QMainWindow

    window = QMainWindow()
    window.setWindowTitle("widgets")
    bar = window.addToolBar("Settings")
    role = QComboBox()
    role.addItem("Machine-learning engineer")
    bar.addWidget(QLabel("Role"))
    bar.addWidget(role)
    window.menuBar().addMenu("&File").addAction("Quit")
    views = QListWidget()
    views.addItems(["Plan", "Graph", "Progress"])
    window.setCentralWidget(views)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, QDockWidget("Skill", window))
    window.statusBar().showMessage("Ready")
    window.resize(1280, 800)
    return window


if __name__ == "__main__":
    sys.exit(main())
