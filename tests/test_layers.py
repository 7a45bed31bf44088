"""Layering rules import-linter cannot express: only planner/ui may import QtWidgets."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "planner"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_only_the_ui_imports_qtwidgets() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] == "ui":
            continue
        if any(m.startswith("PySide6.QtWidgets") for m in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_the_rule_is_checked_on_real_files() -> None:
    """Guard against the walk above silently finding nothing."""
    assert "networkx" in imported_modules(PACKAGE / "core" / "graph.py")  # inside functions
    assert "pydantic.ValidationError" in imported_modules(PACKAGE / "fileformat" / "load.py")
