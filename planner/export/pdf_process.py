"""The PDF drawn in a child process, for a program whose main thread runs a Qt GUI.

Qt's text layout on a Python worker thread can deadlock against the GUI thread (the worker
holds the GIL waiting for a Qt mutex that the GUI thread holds while waiting for the GIL), so
the desktop app never draws a PDF in its own process: `PdfProcess.render` runs
`python -m planner.export.pdf.child`, which draws it on its main thread. This module itself
imports no Qt; the command line still draws in-process, on its main thread.

What goes through the pipes:

- stdin: `<length>\\n` and the pickled `(ExportData, PdfOptions)` (or a `CohortReport`, for a
  mentor's cohort page, in place of the `ExportData`). Started with
  `--exit-with-parent`, the child then keeps reading and exits when stdin closes, which it does
  when this process ends for whatever reason (a crash or a kill included).
- stdout: lines `progress <share> <what>`; then either `pdf <length>\\n` and the PDF's bytes
  (exit status 0), or `error <message>` for a `PlannerError` (exit status 1). A traceback on
  stderr is a bug.

The PDF comes back as bytes and is written by `write_exports` with the other files, next to
its target and renamed into place, so that the export is still written whole or not at all.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, BinaryIO

from planner.core.export_data import ExportData
from planner.errors import PlannerError
from planner.export.cohort import CohortReport
from planner.export.options import PdfOptions, Tell, quiet

CHILD_MODULE = "planner.export.pdf.child"
EXIT_WITH_PARENT = "--exit-with-parent"
_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding `planner`

Printable = ExportData | CohortReport
"""What the child draws: a learner's roadmap, or a mentor's cohort page."""


class ExportCancelled(PlannerError):
    """The learner stopped the export before it was written: nothing was."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled.")


# ---------------------------------------------------------------------------- the wire
def encode_job(data: Printable, options: PdfOptions) -> bytes:
    """What the child reads on stdin."""
    blob = pickle.dumps((data, options), protocol=pickle.HIGHEST_PROTOCOL)
    return b"%d\n" % len(blob) + blob


def read_job(stream: BinaryIO) -> tuple[Printable, PdfOptions]:
    """The job `encode_job` made, read from `stream` (only its own bytes are read)."""
    header = stream.readline()
    length = int(header)  # ValueError on anything else
    blob = stream.read(length)
    if len(blob) != length:
        raise EOFError("the export to draw was cut short")
    data, options = pickle.loads(blob)
    if not isinstance(data, ExportData | CohortReport) or not isinstance(options, PdfOptions):
        raise TypeError("not an export to draw")
    return data, options


def progress_line(share: float, what: str) -> bytes:
    """`progress 0.420 Drawing page 3 of 7`."""
    return f"progress {share:.3f} {_one_line(what)}\n".encode()


def error_line(message: str) -> bytes:
    """`error <message>`: the one line the learner reads when the PDF cannot be drawn."""
    return f"error {_one_line(message)}\n".encode()


def pdf_header(length: int) -> bytes:
    """Comes right before the PDF's bytes."""
    return b"pdf %d\n" % length


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------- the parent side
class PdfProcess:
    """Draws PDFs in a child process; `cancel()` (from any thread) kills the running one.

    `render` fits `write_exports(render_pdf=...)`: it blocks its (worker) thread until the
    child is done, passes the child's progress on, and returns the PDF, or raises
    `PlannerError` with the child's message, `ExportCancelled`, or `RuntimeError` for a child
    that crashed.
    """

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or [sys.executable, "-m", CHILD_MODULE, EXIT_WITH_PARENT]
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        """Whether `cancel` was called."""
        return self._cancelled

    def cancel(self) -> None:
        """Kill the child (if one runs) and make `render` raise `ExportCancelled`."""
        with self._lock:
            self._cancelled = True
            process = self._process
            if process is not None and process.returncode is None:
                with contextlib.suppress(OSError):  # it ended meanwhile
                    process.kill()

    def render(self, data: Printable, options: PdfOptions, tell: Tell = quiet) -> bytes:
        """The PDF's bytes, drawn by the child; `tell` hears how far it is."""
        job = encode_job(data, options)
        with tempfile.TemporaryFile() as errors:
            with self._lock:
                if self._cancelled:
                    raise ExportCancelled
                try:
                    process = subprocess.Popen(
                        self.command,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        stderr=errors,
                        env=_child_environment(),
                    )
                except OSError as error:
                    raise RuntimeError(f"cannot start the PDF process: {error}") from error
                self._process = process
            try:
                with process:  # closes the pipes (stdin last of all: the child's lifeline)
                    try:
                        pdf, message = _talk(process, job, tell)
                    except BaseException:
                        with contextlib.suppress(OSError):
                            process.kill()
                        raise
                    status = process.wait()
            finally:
                with self._lock:
                    self._process = None
            if self._cancelled:
                raise ExportCancelled
            if status == 0 and pdf is not None:
                return pdf
            if message is not None:
                raise PlannerError(message)
            errors.seek(0)
            raise RuntimeError(
                f"the PDF process failed (exit status {status}): {_last_line(errors)}"
            )


def _talk(
    process: subprocess.Popen[bytes], job: bytes, tell: Tell
) -> tuple[bytes | None, str | None]:
    """Send the job; read progress until the PDF or an error message comes."""
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(job)
        process.stdin.flush()  # and kept open: see EXIT_WITH_PARENT
    except OSError:  # it died before reading: its exit status and stderr tell why
        pass
    out = process.stdout
    for raw in iter(out.readline, b""):
        kind, _, rest = raw.decode("utf-8", "replace").rstrip("\n").partition(" ")
        if kind == "progress":
            share, _, what = rest.partition(" ")
            try:
                tell(min(max(float(share), 0.0), 1.0), what)
            except ValueError:
                continue
        elif kind == "error":
            return None, rest
        elif kind == "pdf":
            length = int(rest)
            pdf = out.read(length)
            return (pdf if len(pdf) == length else None), None
    return None, None


def _child_environment() -> dict[str, str]:
    """This process's environment, with this copy of `planner` first on the module path."""
    env = dict(os.environ)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(_ROOT) + (os.pathsep + path if path else "")
    return env


def _last_line(stream: IO[bytes]) -> str:
    lines = [line.strip() for line in stream.read().decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    return lines[-1] if lines else "no message"
