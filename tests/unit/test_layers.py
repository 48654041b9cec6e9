"""The layers the folder layout promises: core/ is pure logic, ui/ never touches the database."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "companion"

FORBIDDEN = {
    "core": (
        "PySide6",
        "shiboken6",
        "sqlalchemy",
        "alembic",
        "apscheduler",
        "companion.db",
        "companion.services",
        "companion.ui",
        "companion.alarms",
        "companion.platform",
    ),
    "ui": ("sqlalchemy", "alembic", "companion.db"),
}


def imported_modules(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_it_must_not(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules found under companion/{layer}"
    breaches = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert breaches == []


def test_the_check_sees_a_breach(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from companion.db.engine import x\nimport sqlalchemy.orm\n")
    assert imported_modules(module) == {"companion.db.engine", "sqlalchemy.orm"}
