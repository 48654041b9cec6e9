"""Start at log-in: a real desktop file in a temp XDG config folder."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.platform import autostart as autostart_module
from companion.platform.autostart import (
    LinuxAutostart,
    UnsupportedAutostart,
    default_autostart,
    exec_value,
    launch_command,
    quote_exec_argument,
)


def entry_values(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    pairs = (line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    return dict(pairs)


def unescape_string(value: str) -> str:
    """The Desktop Entry spec's string escapes (\\s \\n \\t \\r \\\\)."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}[following])
        else:
            out.append(char)
    return "".join(out)


def split_exec(value: str) -> list[str]:
    """Split an Exec value the way the spec describes (quoted arguments, %% for %)."""
    line, arguments, current, quoted, started = unescape_string(value), [], [], False, False
    chars = iter(line)
    for char in chars:
        if quoted:
            if char == "\\":
                current.append(next(chars))
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char == " ":
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
    if started:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


def test_enable_writes_a_desktop_entry_with_the_command(config_dir: Path) -> None:
    switch = LinuxAutostart(config_dir)
    assert not switch.is_enabled()
    command = [sys.executable, "-m", "companion", "--data-dir", "/home/maria/companion"]

    switch.enable(command)

    path = config_dir / "autostart" / "companion.desktop"
    assert switch.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    values = entry_values(path)
    assert values["Type"] == "Application"
    assert values["Name"] == "Companion"
    assert values["X-GNOME-Autostart-enabled"] == "true"
    assert values["Comment"]
    assert values["Exec"] == f"{sys.executable} -m companion --data-dir /home/maria/companion"
    assert switch.is_enabled()
    assert [p.name for p in path.parent.iterdir()] == ["companion.desktop"]  # no temp left


def test_disable_removes_the_file_and_is_enabled_follows(config_dir: Path) -> None:
    switch = LinuxAutostart(config_dir)
    switch.disable()  # nothing to remove: no error
    switch.enable(["companion"])
    assert switch.is_enabled()
    switch.disable()
    assert not switch.path.exists()
    assert not switch.is_enabled()
    switch.enable(["companion"])
    switch.enable(["companion", "--data-dir", "/elsewhere"])  # enabling again replaces it
    assert entry_values(switch.path)["Exec"] == "companion --data-dir /elsewhere"


def test_an_entry_switched_off_by_the_desktop_counts_as_off(config_dir: Path) -> None:
    switch = LinuxAutostart(config_dir)
    switch.enable(["companion"])
    text = switch.path.read_text()
    switch.path.write_text(text.replace("X-GNOME-Autostart-enabled=true", "Hidden=true"))
    assert not switch.is_enabled()
    switch.path.write_text(text.replace("=true", "=false"))
    assert not switch.is_enabled()
    switch.path.write_bytes(b"\xff\xfe not text")
    assert not switch.is_enabled()


def test_a_path_with_spaces_and_special_characters_is_quoted(config_dir: Path) -> None:
    python = "/home/maria/My Programs/venv/bin/python"
    data = '/home/maria/Companion "family" $HOME 100%'
    assert quote_exec_argument("plain/path") == "plain/path"
    assert quote_exec_argument("a b") == '"a b"'
    assert quote_exec_argument('say "hi"') == '"say \\"hi\\""'
    assert quote_exec_argument("") == '""'
    assert quote_exec_argument("50%") == "50%%"

    switch = LinuxAutostart(config_dir)
    switch.enable([python, "-m", "companion", "--data-dir", data])
    value = entry_values(switch.path)["Exec"]
    assert value == (
        '"/home/maria/My Programs/venv/bin/python" -m companion --data-dir '
        '"/home/maria/Companion \\\\"family\\\\" \\\\$HOME 100%%"'
    )
    assert split_exec(value) == [python, "-m", "companion", "--data-dir", data]


def test_odd_arguments_survive_the_round_trip() -> None:
    odd = ["a\\b", "tab\there", "new\nline", "it's", "tick`", "#hash", "~", "semi;colon", "="]
    assert split_exec(exec_value(odd)) == odd
    with pytest.raises(ValueError, match="empty"):
        exec_value([])


@pytest.mark.skipif(shutil.which("gio") is None, reason="GLib's gio tool is not installed")
def test_glib_launches_the_entry_with_exactly_these_arguments(tmp_path: Path) -> None:
    """GLib (what GNOME and most desktops use) reads our Exec line back unchanged."""
    folder = tmp_path / "My Programs"
    folder.mkdir()
    script = folder / "record args.py"
    script.write_text(
        "import json, sys\n"
        "from pathlib import Path\n"
        "part = Path(sys.argv[1] + '.part')\n"
        "part.write_text(json.dumps(sys.argv[2:]))\n"
        "part.replace(sys.argv[1])\n"
    )
    out = tmp_path / "args.json"
    arguments = ["--data-dir", '/x/Companion "family" $HOME 100% it\'s `tick` a\\b']
    switch = LinuxAutostart(tmp_path / "config")
    switch.enable([sys.executable, str(script), str(out), *arguments])

    subprocess.run(["gio", "launch", str(switch.path)], check=True, timeout=20)

    deadline = time.monotonic() + 10
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert json.loads(out.read_text()) == arguments


def test_the_folder_is_created_and_an_unwritable_place_raises(tmp_path: Path) -> None:
    blocked = tmp_path / "config"
    blocked.mkdir()
    (blocked / "autostart").write_text("a file, not a folder")
    with pytest.raises(OSError):
        LinuxAutostart(blocked).enable(["companion"])
    assert not LinuxAutostart(blocked).is_enabled()

    deep = tmp_path / "not" / "there" / "yet"
    LinuxAutostart(deep).enable(["companion"])
    assert (deep / "autostart" / "companion.desktop").is_file()


def test_launch_command_runs_this_python_with_the_chosen_data_dir(tmp_path: Path) -> None:
    assert launch_command(None) == [sys.executable, "-m", "companion"]
    assert launch_command(tmp_path / "my data") == [
        sys.executable,
        "-m",
        "companion",
        "--data-dir",
        str(tmp_path / "my data"),
    ]


@pytest.mark.parametrize(("platform", "system"), [("win32", "Windows"), ("darwin", "macOS")])
def test_windows_and_mac_say_plainly_that_it_is_not_done(
    monkeypatch: pytest.MonkeyPatch, platform: str, system: str
) -> None:
    monkeypatch.setattr(autostart_module.sys, "platform", platform)
    switch = default_autostart()
    assert isinstance(switch, UnsupportedAutostart)
    assert not switch.supported
    assert not switch.is_enabled()
    switch.disable()
    with pytest.raises(NotImplementedError, match=f"not available on {system} yet"):
        switch.enable(["companion"])


def test_linux_uses_the_xdg_config_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(autostart_module.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    switch = default_autostart()
    assert isinstance(switch, LinuxAutostart)
    assert switch.supported
    assert switch.path == tmp_path / "xdg" / "autostart" / "companion.desktop"
