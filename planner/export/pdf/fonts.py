"""The PDF's typeface: DejaVu Sans, bundled, so that every export embeds the same font."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FAMILY = "DejaVu Sans"
FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FOLDER = Path(__file__).resolve().parent / "fonts"

_lock = threading.Lock()
_registered: list[bool] = []  # the font database is per process: register the files once


def family() -> str:
    """The family to draw every text with, registering the bundled files on first use.

    When the files are missing (a broken install) the system's DejaVu Sans or default sans
    serif is used: the PDF still embeds whatever font drew it."""
    with _lock:
        if not _registered:
            for name in FILES:
                if (FOLDER / name).is_file():
                    QFontDatabase.addApplicationFont(str(FOLDER / name))
            _registered.append(True)
    return FAMILY


def font(points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font of the PDF's family at a size in points."""
    f = QFont(family())
    f.setPointSizeF(points)
    f.setStyleHint(QFont.StyleHint.SansSerif)
    plain(f)
    if bold:
        f.setWeight(QFont.Weight.Bold)
    if italic:
        f.setItalic(True)
    return f


def plain(f: QFont) -> QFont:
    """Set up a font for print: outlines as designed (hinting would round glyph widths to the
    device grid), and no ligatures, which would turn "fi" into one character that searching
    and copying the text then trip over."""
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    f.setFeature(QFont.Tag("liga"), 0)
    return f
