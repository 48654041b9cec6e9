"""The command line, as a person or a launcher meets it: exit statuses and plain messages."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from companion import __version__

EXIT_OK = 0
EXIT_USAGE = 2


def test_version_prints_the_package_version(run_companion, sandbox):
    result = run_companion("--version", timeout=30)

    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout == f"companion {__version__}\n"
    assert __version__ == version("companion")  # the installed distribution agrees
    assert result.stderr == ""
    assert sandbox.written_outside() == []


def test_help_exits_0_and_describes_the_options(run_companion, sandbox):
    result = run_companion("--help", timeout=30)

    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.startswith("usage: companion")
    for option in ("--version", "--data-dir", "--quit-after", "COMPANION_DATA_DIR"):
        assert option in result.stdout
    assert result.stderr == ""
    assert sandbox.written_outside() == []


def test_version_and_help_need_no_display(run_companion, sandbox):
    env = sandbox.environment(DISPLAY=None, WAYLAND_DISPLAY=None, QT_QPA_PLATFORM=None)
    for flag in ("--version", "--help"):
        result = run_companion(flag, env=env, timeout=30)
        assert result.returncode == EXIT_OK, (flag, result.stderr)
        assert result.stderr == ""


@pytest.mark.parametrize(
    ("arguments", "mentioned"),
    [
        (["--bogus"], "--bogus"),
        (["--quit-after", "abc"], "abc"),
        (["--quit-after", "-5"], "-5"),
        (["--data-dir"], "--data-dir"),
    ],
    ids=["unknown-flag", "quit-after-not-a-number", "quit-after-negative", "data-dir-no-value"],
)
def test_bad_arguments_give_one_line_exit_2_and_create_nothing(
    run_companion, sandbox, arguments, mentioned
):
    data_dir = sandbox.data_dir
    # The data folder comes after the bad argument, so the run must stop before using it.
    extra = [] if arguments == ["--data-dir"] else ["--data-dir", str(data_dir)]

    result = run_companion(*arguments, *extra, timeout=30)

    assert result.returncode == EXIT_USAGE, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stderr.endswith("\n")
    assert mentioned in lines[0]
    assert lines[0].startswith("companion: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not data_dir.exists()
    # No default data folder, log folder or anything else in the home or XDG folders.
    assert sandbox.written_outside() == []
