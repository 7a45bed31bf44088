"""PySide's check of every newly imported module for `__feature__`, made a file read.

Once PySide6 is loaded, each module imported after it is looked at once: does its source
mention "PySide6" (then `from __feature__ import snake_case` could switch it)? PySide asks
`inspect.getsource`, which for each module goes through `inspect.getmodule` (a walk over every
loaded module) and the line cache: 0.1-0.2 ms a module, 30-60 ms over the ~330 modules the
app loads after Qt (its window's parts, then the storage layer and the views). Reading the
module's file and looking for the same word gives PySide the same answer in a quarter of the
time. Nothing in the app uses `__feature__`; the answer is PySide's, so a library that did
would still be switched.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

FEATURE_MODULE = "shibokensupport.feature"


def install() -> bool:
    """Give PySide the quicker check; False (and nothing changed) if this PySide has no such
    check to replace (a version that reads modules differently)."""
    import PySide6  # noqa: F401  (loads shiboken's support modules, the check among them)

    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "quick", False):
        return False
    feature._mod_uses_pyside = _quick(original)  # type: ignore[attr-defined]
    return True


def _quick(original: Any) -> Any:
    def uses_pyside(module: ModuleType) -> bool:
        origin = getattr(getattr(module, "__spec__", None), "origin", None)
        if not (isinstance(origin, str) and origin.endswith(".py")):
            return bool(original(module))  # built in, an extension, frozen: PySide's own way
        try:
            return b"PySide6" in Path(origin).read_bytes()
        except OSError:
            return False  # as PySide answers when the source cannot be read

    uses_pyside.quick = True  # type: ignore[attr-defined]
    return uses_pyside
