"""Choosing the data folder: --data-dir, COMPANION_DATA_DIR, and folders that cannot be used."""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*")}


def test_a_file_as_data_dir_is_refused_and_left_alone(run_companion, sandbox):
    parent = sandbox.root / "holder"
    parent.mkdir()
    not_a_folder = parent / "companion-data"
    not_a_folder.write_bytes(b"a person's own notes\n")
    not_a_folder.chmod(0o644)
    before = not_a_folder.stat()

    result = run_companion("--data-dir", str(not_a_folder), "--quit-after", "0", timeout=30)

    assert result.returncode == EXIT_USAGE, result.report()
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(not_a_folder) in lines[0]
    assert "not a folder" in lines[0]
    after = not_a_folder.stat()
    assert not_a_folder.read_bytes() == b"a person's own notes\n"
    assert (after.st_mtime_ns, after.st_mode, after.st_size) == (
        before.st_mtime_ns,
        before.st_mode,
        before.st_size,
    )
    assert sorted(parent.iterdir()) == [not_a_folder]
    assert sandbox.written_outside() == []


def test_an_unwritable_data_dir_is_refused_in_one_line(run_companion, sandbox):
    # The tests run as root, which may write almost anywhere; nothing may be created in /proc.
    unwritable = Path("/proc/companion-test")

    result = run_companion("--data-dir", str(unwritable), "--quit-after", "0", timeout=30)

    assert result.returncode == EXIT_USAGE, result.report()
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(unwritable) in lines[0]
    assert "cannot write" in lines[0]
    assert "Traceback" not in result.stderr
    assert not unwritable.exists()
    assert sandbox.written_outside() == []


def test_companion_data_dir_variable_is_honoured(run_companion, sandbox):
    chosen = sandbox.root / "from-environment"
    env = sandbox.environment(COMPANION_DATA_DIR=str(chosen))

    result = run_companion("--quit-after", "0", env=env)

    assert result.returncode == EXIT_OK, result.report()
    assert (chosen / "companion.db").is_file()
    assert (chosen / "logs" / "companion.log").is_file()
    # The platform's default data and log folders (under the stand-in XDG folders) stay unused.
    assert sandbox.written_outside() == []


def test_data_dir_argument_beats_the_variable(run_companion, sandbox):
    from_variable = sandbox.root / "from-environment"
    from_argument = sandbox.root / "from-argument"
    env = sandbox.environment(COMPANION_DATA_DIR=str(from_variable))

    result = run_companion("--data-dir", str(from_argument), "--quit-after", "0", env=env)

    assert result.returncode == EXIT_OK, result.report()
    assert (from_argument / "companion.db").is_file()
    assert not from_variable.exists()
    assert sandbox.written_outside() == []


def test_an_existing_data_dir_is_reused_not_replaced(run_companion, initialised_data_dir):
    keepsake = initialised_data_dir / "keepsake.txt"
    keepsake.write_text("left by the user\n")
    before = _snapshot(initialised_data_dir / "backups")

    result = run_companion("--data-dir", str(initialised_data_dir), "--quit-after", "0")

    assert result.returncode == EXIT_OK, result.report()
    assert keepsake.read_text() == "left by the user\n"
    # Same day, so the daily backup made by the first run is not repeated.
    assert _snapshot(initialised_data_dir / "backups") == before
