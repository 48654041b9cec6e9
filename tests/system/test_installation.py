"""What users get is the wheel: it must carry resources/ and migrations/."""

import os
from pathlib import Path

import pytest

import companion
from companion.db.opening import known_revisions
from companion.platform.paths import migrations_dir, resources_dir

expect_wheel = pytest.mark.skipif(
    os.environ.get("COMPANION_EXPECT_WHEEL") != "1",
    reason="only meaningful when the tests run against an installed wheel (.ci/test)",
)


@expect_wheel
def test_the_tests_exercise_the_installed_wheel():
    package = Path(companion.__file__).resolve().parent
    assert package.parent.name == "site-packages"
    assert resources_dir() == package / "resources"
    assert migrations_dir() == package / "migrations"


def test_resources_and_migrations_are_complete():
    assert (resources_dir() / "icons" / "companion.svg").is_file()
    assert list((resources_dir() / "content").glob("*.md"))
    assert (migrations_dir() / "env.py").is_file()
    assert (migrations_dir() / "script.py.mako").is_file()
    assert known_revisions(migrations_dir())


def test_the_app_needs_no_qt_multimedia_and_dbus_python_is_optional():
    """The chime plays through the platform's player, notifications through notify-send:
    PySide6-Addons (418 MiB) is not a dependency, and dbus-python is the extra [dbus]."""
    import tomllib

    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())[
        "project"
    ]
    names = [
        requirement.split(">")[0].split("=")[0].split(";")[0].strip().lower()
        for requirement in project["dependencies"]
    ]
    assert "pyside6-addons" not in names
    assert not [name for name in names if name.startswith("dbus")]
    assert project["optional-dependencies"]["dbus"][0].startswith("dbus-python")
    assert "companion[dbus]" in project["optional-dependencies"]["test"]


def test_companion_never_imports_qt_multimedia():
    package = Path(companion.__file__).resolve().parent
    users = [
        path.relative_to(package)
        for path in package.rglob("*.py")
        if "QtMultimedia" in path.read_text(encoding="utf-8")
    ]
    assert users == []
