"""The PySide6 ``__feature__`` scan is skipped only where that was checked (a private part).

Each check runs in a fresh interpreter, so this test process never imports Qt.
"""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import companion
from companion.platform.pyside_import_hook import CHECKED_VERSIONS


def run_python(code: str, tmp_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": f"{tmp_path}:{Path(companion.__file__).parents[1]}"},
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_installed_pyside6_is_a_checked_version(tmp_path):
    version = run_python("import PySide6; print(PySide6.__version__)", tmp_path)
    major_minor = tuple(int(part) for part in version.split(".")[:2])
    assert major_minor in CHECKED_VERSIONS, (
        f"PySide6 {version} is not a version companion/platform/pyside_import_hook.py was "
        "checked with. Read shibokensupport.feature.feature_imported and _mod_uses_pyside "
        "in this version; if the patch still fits, add the version to CHECKED_VERSIONS."
    )


def test_the_hook_still_asks_mod_uses_pyside_and_records_the_answer(tmp_path):
    names = run_python(
        """
        import sys
        import PySide6.QtCore
        feature = sys.modules["shibokensupport.feature"]
        print(sorted(feature.feature_imported.__code__.co_names))
        """,
        tmp_path,
    )
    assert "_mod_uses_pyside" in names
    assert "pyside_feature_dict" in names


def test_with_the_patch_a_new_module_is_not_read(tmp_path):
    (tmp_path / "mentions_qt.py").write_text('"""PySide6 is mentioned here."""\n')
    code = """
        import sys
        import PySide6.QtCore
        from companion.platform.pyside_import_hook import skip_source_scan
        {patch}
        import mentions_qt
        print(sys.modules["shibokensupport.feature"].pyside_feature_dict["mentions_qt"])
        """
    scanned = run_python(code.format(patch="pass"), tmp_path)
    skipped = run_python(code.format(patch="assert skip_source_scan()"), tmp_path)
    assert scanned == "0"  # read, and found to mention PySide
    assert skipped == "-1"  # not read: marked as not using __feature__


def test_companion_never_uses_pyside_features():
    package = Path(companion.__file__).parent
    statement = re.compile(r"^\s*(from __feature__ import|import __feature__)", re.M)
    users = [path.name for path in package.rglob("*.py") if statement.search(path.read_text())]
    assert users == []
