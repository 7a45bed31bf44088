"""Draws one PDF on its own main thread, for the desktop app: see planner.export.pdf_process."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence

from planner.errors import PlannerError
from planner.export.bundle import render
from planner.export.cohort import CohortReport
from planner.export.pdf.cohort_page import render_cohort_pdf
from planner.export.pdf.qt import gui_application
from planner.export.pdf_process import (
    EXIT_WITH_PARENT,
    error_line,
    pdf_header,
    progress_line,
    read_job,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Read the job on stdin, write progress and the PDF (or one error line) on stdout."""
    args = sys.argv[1:] if argv is None else list(argv)
    # The protocol gets stdout to itself: anything else printed (by Python or Qt) goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    data, options = read_job(sys.stdin.buffer)
    if EXIT_WITH_PARENT in args:
        threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a window, whatever the parent runs on

    def tell(share: float, what: str) -> None:
        out.write(progress_line(share, what))

    try:
        with gui_application():
            if isinstance(data, CohortReport):
                pdf = render_cohort_pdf(data, options, tell)
            else:
                pdf = render(data, "pdf", options, tell)
    except PlannerError as error:
        out.write(error_line(str(error)))
        return 1
    out.write(pdf_header(len(pdf)))
    out.write(pdf)
    out.close()
    return 0


def _exit_when_stdin_closes() -> None:
    """The parent keeps stdin open while it waits: when it closes, nobody wants the PDF."""
    fd = sys.stdin.fileno()
    while os.read(fd, 65536):  # the raw descriptor: no lock that the shutdown would wait for
        pass
    os._exit(1)


if __name__ == "__main__":
    sys.exit(main())
