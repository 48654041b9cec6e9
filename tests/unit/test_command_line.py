import pytest

from companion.__main__ import build_parser
from companion.platform.display import NO_DISPLAY_MESSAGE, missing_display_message


def test_quit_after_and_data_dir_are_parsed():
    arguments = build_parser().parse_args(["--data-dir", "/tmp/x", "--quit-after", "250"])
    assert arguments.data_dir == "/tmp/x"
    assert arguments.quit_after == 250


@pytest.mark.parametrize(
    "bad", [["--bogus"], ["--quit-after", "soon"], ["--quit-after", "-5"], ["--data-dir", ""]]
)
def test_bad_arguments_give_one_plain_line_and_exit_2(bad, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(bad)
    assert stopped.value.code == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("companion: ")


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ],
)
def test_display_check_on_linux(environ, missing):
    message = missing_display_message(environ, platform="linux")
    assert (message == NO_DISPLAY_MESSAGE) is missing


def test_no_display_check_on_windows():
    assert missing_display_message({}, platform="win32") is None
