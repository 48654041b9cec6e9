"""Start Companion when the person logs in, so that its alarms can ring.

On Linux (and other XDG desktops) this is a ``companion.desktop`` file in the user's
``autostart`` folder. Windows and macOS are not done yet: there the setting says so.
"""

from __future__ import annotations

import os
import sys
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path

DESKTOP_FILE_NAME = "companion.desktop"
DESKTOP_FILE_MODE = 0o644
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
"""Characters that make the Desktop Entry spec require an Exec argument to be quoted."""
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


class Autostart(ABC):
    """Whether Companion starts by itself at log-in, and the switch for it."""

    supported: bool = True
    """False where this computer's system is not handled yet (the switch cannot be used)."""

    @abstractmethod
    def is_enabled(self) -> bool: ...

    @abstractmethod
    def enable(self, command: list[str]) -> None:
        """Start ``command`` at each log-in from now on."""

    @abstractmethod
    def disable(self) -> None:
        """Stop starting at log-in (nothing happens if it was off)."""


def quote_exec_argument(argument: str) -> str:
    """One argument for a desktop file's ``Exec`` key, quoted as the spec asks.

    The result still needs the general string escaping (see :func:`exec_value`).
    """
    if argument and not _RESERVED.intersection(argument):
        quoted = argument
    else:
        inner = "".join("\\" + char if char in _ESCAPED_IN_QUOTES else char for char in argument)
        quoted = f'"{inner}"'
    return quoted.replace("%", "%%")  # a lone % would start a field code


def exec_value(command: list[str]) -> str:
    """The ``Exec=`` value for ``command``: quoted arguments, then string escapes."""
    if not command:
        raise ValueError("the command to start Companion is empty")
    line = " ".join(quote_exec_argument(argument) for argument in command)
    return line.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry(command: list[str]) -> str:
    """The text of the autostart desktop file."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Version=1.5\n"
        "Name=Companion\n"
        "Comment=Medicine reminders: Companion can only ring alarms while it is running\n"
        f"Exec={exec_value(command)}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


class LinuxAutostart(Autostart):
    """``<config_dir>/autostart/companion.desktop`` (the XDG autostart folder)."""

    def __init__(self, config_dir: Path) -> None:
        self.path = config_dir / "autostart" / DESKTOP_FILE_NAME

    def is_enabled(self) -> bool:
        """True when the file is there and not switched off inside (Hidden=true, or
        X-GNOME-Autostart-enabled=false, as a desktop's own settings may write)."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # missing, unreadable or not text: off
            return False
        values: dict[str, str] = {}
        in_entry = False
        for raw in text.splitlines():
            line = raw.strip()
            if line.startswith("["):
                in_entry = line == "[Desktop Entry]"
            elif in_entry and "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                values[key.strip()] = value.strip()
        return (
            "Exec" in values
            and values.get("Hidden", "false") != "true"
            and values.get("X-GNOME-Autostart-enabled", "true") != "false"
        )

    def enable(self, command: list[str]) -> None:
        """Write the file (mode 0644) in one step, creating the folder if needed."""
        text = desktop_entry(command)
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".companion-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            Path(temporary).chmod(DESKTOP_FILE_MODE)
            Path(temporary).replace(self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class UnsupportedAutostart(Autostart):
    """Where starting at log-in is not done yet: always off, and says why."""

    supported = False

    def __init__(self, system: str) -> None:
        self.system = system

    @property
    def reason(self) -> str:
        return (
            f"Starting Companion when you log in is not available on {self.system} yet. "
            "Please open Companion yourself after you log in, so that alarms can ring."
        )

    def is_enabled(self) -> bool:
        return False

    def enable(self, command: list[str]) -> None:
        raise NotImplementedError(self.reason)

    def disable(self) -> None:
        """Nothing to undo."""


def default_autostart() -> Autostart:
    """The switch for this computer's system."""
    if sys.platform == "win32":
        return UnsupportedAutostart("Windows")
    if sys.platform == "darwin":
        return UnsupportedAutostart("macOS")
    import platformdirs

    return LinuxAutostart(platformdirs.user_config_path())


def launch_command(data_dir: Path | None) -> list[str]:
    """How to start this Companion again: this Python, ``-m companion``, and the data
    folder when one was chosen (``--data-dir``)."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "companion"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir.expanduser().absolute())]
    return command
