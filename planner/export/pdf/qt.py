"""A Qt application for drawing PDFs where there is none: the command line, over SSH."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication


@contextmanager
def gui_application() -> Iterator[QCoreApplication]:
    """The running application, or a QGuiApplication on the offscreen platform (fonts and
    painting need one; a display does not), kept while the block runs."""
    running = QCoreApplication.instance()
    if running is not None:
        yield running
        return
    argv = ["planner"]
    if not os.environ.get("QT_QPA_PLATFORM"):
        argv += ["-platform", "offscreen"]
    app = QGuiApplication(argv)
    try:
        yield app
    finally:
        app.shutdown()
