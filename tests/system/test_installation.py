"""What users get is the wheel: it must carry resources/ and migrations/."""

import os
from pathlib import Path

import pytest

import companion
from companion.db.opening import known_revisions
from companion.paths import migrations_dir, resources_dir

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
