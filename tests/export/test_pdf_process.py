"""The PDF drawn in a child process, as the desktop app has it drawn: the child on its own, and
the parent side that starts, reads, cancels and outlives it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.core.export_data import ExportData
from planner.errors import PlannerError
from planner.export.bundle import write_exports
from planner.export.options import PdfOptions
from planner.export.pdf_process import (
    CHILD_MODULE,
    EXIT_WITH_PARENT,
    ExportCancelled,
    PdfProcess,
    encode_job,
)
from tests.processes import alive

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 120  # seconds: a child that hangs fails the test instead of the run
# A child that says where it is, then waits for stdin to close (which the parent does only
# when it is done with it): it stands for a PDF that takes long to draw.
HANGING = (
    "import os, sys; print('progress 0.5 drawing in', os.getpid(), flush=True); "
    "sys.stdin.buffer.read()"
)


def run_child(
    data: ExportData, options: PdfOptions, **env: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", CHILD_MODULE],
        input=encode_job(data, options),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=TIMEOUT,
        check=False,
    )


def split_output(stdout: bytes) -> tuple[list[str], bytes]:
    """The progress lines and the PDF that follows `pdf <length>`."""
    lines: list[str] = []
    stream = io.BytesIO(stdout)
    for raw in iter(stream.readline, b""):
        line = raw.decode().rstrip("\n")
        if line.startswith("pdf "):
            pdf = stream.read(int(line.split()[1]))
            assert stream.read() == b""
            return lines, pdf
        lines.append(line)
    raise AssertionError(f"no PDF after {lines}")


def test_the_child_draws_the_pdf_it_is_sent(data: ExportData) -> None:
    done = run_child(data, PdfOptions(paper="letter"))
    assert done.returncode == 0, done.stderr.decode()
    lines, pdf = split_output(done.stdout)
    assert lines[0] == "progress 0.000 Laying out the pages"
    assert lines[-1] == "progress 1.000 Done"
    assert any(line.startswith("progress 0.") and "Drawing page 1 of" in line for line in lines)
    reader = PdfReader(io.BytesIO(pdf))
    assert round(float(reader.pages[0].mediabox.width)) == 612
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == [
        "Summary",
        "Plan by phase",
    ]
    text = "".join(page.extract_text().replace("\t", " ") for page in reader.pages)
    assert "Watch lecture 4 again." in text


def test_the_child_draws_offscreen_whatever_platform_the_app_runs_on(data: ExportData) -> None:
    done = run_child(data, PdfOptions(sections=("plan",)), QT_QPA_PLATFORM="no-such-platform")
    assert done.returncode == 0, done.stderr.decode()
    assert PdfReader(io.BytesIO(split_output(done.stdout)[1])).pages


def test_the_child_draws_without_the_storage_layer(data: ExportData) -> None:
    """The job unpickles to plain records: the child loads no SQLAlchemy, Alembic, use cases
    or storage, only the drawing (checked after the PDF is drawn, on stderr's last line)."""
    script = (
        "import sys\n"
        "from planner.export.pdf.child import main\n"
        "status = main()\n"
        "sys.stderr.write('\\nmodules ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=encode_job(data, PdfOptions(sections=("plan",))),
        capture_output=True,
        cwd=ROOT,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert PdfReader(io.BytesIO(split_output(done.stdout)[1])).pages
    modules = set(done.stderr.decode().splitlines()[-1].removeprefix("modules ").split())
    assert {"planner.core.export_data", "planner.export.pdf.document"} <= modules  # drawn here
    storage = ("sqlalchemy", "alembic", "planner.service", "planner.db")
    inside = tuple(f"{name}." for name in storage)
    assert sorted(m for m in modules if m in storage or m.startswith(inside)) == []


def test_a_planner_error_in_the_child_is_one_line_and_exit_status_1(data: ExportData) -> None:
    failing = (
        "import sys, planner.export.pdf as pdf\n"
        "from planner.errors import PlannerError\n"
        "def fail(*args):\n"
        "    raise PlannerError('The PDF cannot be drawn:\\n  no ink left.')\n"
        "pdf.render_pdf = fail\n"
        "from planner.export.pdf.child import main\n"
        "sys.exit(main())\n"
    )
    command = [sys.executable, "-c", failing]
    done = subprocess.run(
        command, input=encode_job(data, PdfOptions()), capture_output=True, cwd=ROOT, check=False
    )
    assert (done.returncode, done.stdout) == (1, b"error The PDF cannot be drawn: no ink left.\n")
    with pytest.raises(PlannerError, match=r"^The PDF cannot be drawn: no ink left\.$"):
        PdfProcess(command).render(data, PdfOptions())


def test_a_child_that_crashes_is_a_bug_told_by_its_last_words(data: ExportData) -> None:
    crash = "import sys; sys.stderr.write('Traceback\\nZeroDivisionError: oops\\n'); sys.exit(2)"
    with pytest.raises(RuntimeError, match=r"exit status 2\): ZeroDivisionError: oops"):
        PdfProcess([sys.executable, "-c", crash]).render(data, PdfOptions())


def test_the_parent_gets_the_pdf_and_the_progress(data: ExportData) -> None:
    seen: list[tuple[float, str]] = []
    pdf = PdfProcess().render(data, PdfOptions(sections=("plan",)), lambda *a: seen.append(a))
    assert PdfReader(io.BytesIO(pdf)).pages
    assert seen[0] == (0.0, "Laying out the pages")
    assert seen[-1] == (1.0, "Done")
    assert [share for share, _ in seen] == sorted(share for share, _ in seen)


def test_cancel_kills_the_child(data: ExportData) -> None:
    process = PdfProcess([sys.executable, "-c", HANGING])
    started = threading.Event()
    pids: list[int] = []
    errors: list[BaseException] = []

    def report(_share: float, what: str) -> None:
        pids.append(int(what.split()[-1]))
        started.set()

    def work() -> None:
        try:
            process.render(data, PdfOptions(), report)
        except BaseException as error:  # looked at below
            errors.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(TIMEOUT)
    assert alive(pids[0])
    process.cancel()
    worker.join(TIMEOUT)
    assert not worker.is_alive()
    assert [type(e) for e in errors] == [ExportCancelled]
    assert not alive(pids[0])  # killed and reaped
    with pytest.raises(ExportCancelled):  # and it stays cancelled
        process.render(data, PdfOptions())


def test_the_child_exits_when_its_parent_goes(data: ExportData) -> None:
    """A parent that crashes closes the child's stdin: with `--exit-with-parent` the child
    then stops at once instead of drawing a PDF nobody will read."""
    with subprocess.Popen(
        [sys.executable, "-m", CHILD_MODULE, EXIT_WITH_PARENT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(encode_job(data, PdfOptions()))
        child.stdin.close()
        assert child.wait(TIMEOUT) == 1
        assert b"pdf " not in child.stdout.read()


def test_the_quick_formats_come_first_and_the_pdf_progress_fills_the_rest(
    data: ExportData, tmp_path: Path
) -> None:
    seen: list[tuple[float, str]] = []
    out = tmp_path / "out"
    out.mkdir()

    def draw(_data: ExportData, options: PdfOptions, report: object) -> bytes:
        assert options == PdfOptions(paper="letter")
        assert callable(report)
        report(0.5, "Drawing page 1 of 2")
        return b"%PDF-1.4 not really"

    targets = [("pdf", out / "a.pdf"), ("markdown", out / "a.md")]
    written = write_exports(
        data,
        targets,
        pdf=PdfOptions(paper="letter"),
        tell=lambda *a: seen.append(a),
        render_pdf=draw,
    )
    assert written == [out / "a.pdf", out / "a.md"]  # the PDF first, as asked
    assert [what for _, what in seen] == [
        "Writing a.md",
        "Writing a.pdf",
        "Drawing page 1 of 2",
        "Done",
    ]
    assert [round(share, 3) for share, _ in seen] == [0.0, round(1 / 21, 3), 0.524, 1.0]
    assert (out / "a.pdf").read_bytes() == b"%PDF-1.4 not really"
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "a.pdf"]
