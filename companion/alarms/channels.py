"""Which ways of alerting the person work on this computer, and what to do about those
that do not — in words a patient reads.

No Qt here: the tray's availability comes in as a plain answer, the other checks run real
programs (a silent sound through the player, a question to the notification service). The
checks can take a second or two; the GUI runs them on a worker thread.
"""

from __future__ import annotations

import enum
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from companion.alarms.chime import (
    NO_FILE,
    NO_PLAYER,
    Player,
    PlayOutcome,
    find_player,
    player_names,
    write_silence,
)

PROBE_TIMEOUT_SECONDS = 10.0
NOTIFICATIONS_BUS_NAME = "org.freedesktop.Notifications"


class ChannelState(enum.Enum):
    WORKS = "works"
    FAILS = "does not work"
    UNCHECKED = "not checked yet"


class ChannelKey(enum.Enum):
    WINDOW = "window"
    SOUND = "sound"
    TRAY = "tray"
    NOTIFICATION = "notification"


CHANNEL_NAMES = {
    ChannelKey.WINDOW: "Companion's alarm window",
    ChannelKey.SOUND: "Sound (the chime)",
    ChannelKey.TRAY: "Message from the tray icon",
    ChannelKey.NOTIFICATION: "Desktop notification",
}


@dataclass(frozen=True)
class ChannelCheck:
    """One channel: does it work, what that means, and what to do when it does not."""

    key: ChannelKey
    state: ChannelState
    detail: str
    """What was found, in plain words."""
    fix: str = ""
    """What to do, in plain words; empty when the channel works."""

    @property
    def name(self) -> str:
        return CHANNEL_NAMES[self.key]

    @property
    def works(self) -> bool:
        return self.state is ChannelState.WORKS

    def state_words(self) -> str:
        return {
            ChannelState.WORKS: "Works",
            ChannelState.FAILS: "Does not work",
            ChannelState.UNCHECKED: "Not checked",
        }[self.state]


# --- the words -------------------------------------------------------------------------------

WINDOW_WORKS = "Comes to the front with Taken, Snooze and Skip. It always works."
SOUND_WORKS = "The chime plays through {player}."
SOUND_NO_PLAYER = "No program to play sounds was found on this computer."
SOUND_NO_PLAYER_FIX = (
    "Ask whoever looks after this computer to install one ({players}); "
    "on Debian or Ubuntu: sudo apt install pulseaudio-utils. Then press Test alarm."
)
SOUND_NO_OUTPUT = "The chime could not be played: no working speaker or headphones were found."
SOUND_NO_OUTPUT_FIX = (
    "Plug in or turn on speakers or headphones, check that the sound is not muted, "
    "then press Test alarm."
)
SOUND_NO_FILE = "The chime's sound file is missing from Companion."
SOUND_NO_FILE_FIX = "Install Companion again, then press Test alarm."
TRAY_WORKS = "A message appears next to the Companion icon by the clock."
TRAY_MISSING = "This desktop has no tray (the row of small icons by the clock)."
TRAY_MISSING_FIX = (
    "Nothing to do: the alarm window still appears. On some desktops a tray can be "
    "turned on in the desktop's settings."
)
NOTIFY_WORKS = "A pop-up message appears at the edge of the screen."
NOTIFY_NO_SENDER = "Companion has no way to send desktop notifications on this computer."
NOTIFY_NO_SENDER_FIX = (
    "Ask whoever looks after this computer to install notify-send "
    "(on Debian or Ubuntu: sudo apt install libnotify-bin), then press Test alarm."
)
NOTIFY_NO_SESSION = "No desktop session was found, so pop-up messages cannot be shown."
NOTIFY_NO_SESSION_FIX = "Start Companion from your desktop (not from a remote terminal)."
NOTIFY_NO_SERVICE = "This desktop does not show pop-up notifications (no notification service)."
NOTIFY_NO_SERVICE_FIX = (
    "Turn on notifications in your desktop's settings, or install a notification "
    "program (for example dunst), then press Test alarm."
)
NOTIFY_FAILED = "The last desktop notification did not arrive."
NOTIFY_FAILED_FIX = (
    "Check that notifications are turned on (and 'do not disturb' is off) in your "
    "desktop's settings, then press Test alarm."
)
NOTIFY_UNCHECKED = "Companion cannot check this in advance on this computer."
NOTIFY_UNCHECKED_FIX = "Press Test alarm and look for a pop-up message."

ONLY_WINDOW_NOTICE = (
    "Alarms on this computer: only Companion's own window will alert you. There will be "
    "no sound and no pop-up message. Keep Companion open, and see Settings for what to do."
)


# --- each check ------------------------------------------------------------------------------


def window_check() -> ChannelCheck:
    return ChannelCheck(ChannelKey.WINDOW, ChannelState.WORKS, WINDOW_WORKS)


def tray_check(*, available: bool) -> ChannelCheck:
    if available:
        return ChannelCheck(ChannelKey.TRAY, ChannelState.WORKS, TRAY_WORKS)
    return ChannelCheck(ChannelKey.TRAY, ChannelState.FAILS, TRAY_MISSING, TRAY_MISSING_FIX)


def sound_result(outcome: PlayOutcome) -> ChannelCheck:
    """The sound channel, from how playing (the chime, or a silent check) went."""
    key = ChannelKey.SOUND
    if outcome.played:
        return ChannelCheck(key, ChannelState.WORKS, SOUND_WORKS.format(player=outcome.player))
    if outcome.reason == NO_FILE:
        return ChannelCheck(key, ChannelState.FAILS, SOUND_NO_FILE, SOUND_NO_FILE_FIX)
    if not outcome.player:
        fix = SOUND_NO_PLAYER_FIX.format(players=", ".join(player_names()))
        return ChannelCheck(key, ChannelState.FAILS, SOUND_NO_PLAYER, fix)
    return ChannelCheck(key, ChannelState.FAILS, SOUND_NO_OUTPUT, SOUND_NO_OUTPUT_FIX)


def sound_check(
    *, find: Callable[[], Player | None] = find_player, timeout: float = PROBE_TIMEOUT_SECONDS
) -> ChannelCheck:
    """Find the player and play a tenth of a second of silence through it."""
    player = find()
    if player is None:
        return sound_result(PlayOutcome(False, NO_PLAYER))
    with tempfile.TemporaryDirectory(prefix="companion-sound-check-") as folder:
        silence = write_silence(Path(folder) / "silence.wav")
        return sound_result(player.play_file(silence, timeout=timeout))


def notification_sender(*, search_path: str | None = None) -> str | None:
    """What plyer will send desktop notifications with on Linux: "dbus-python",
    "notify-send", or None (nothing: plyer would fail)."""
    try:
        import dbus  # noqa: F401
    except ImportError:
        pass
    else:
        return "dbus-python"
    return "notify-send" if shutil.which("notify-send", path=search_path) else None


def session_bus_present(env: Mapping[str, str]) -> bool:
    """A D-Bus session bus is named in the environment, or at its usual place."""
    if env.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR")
    return runtime is not None and runtime != "" and Path(runtime, "bus").exists()


def notification_service_answers(*, timeout: float = PROBE_TIMEOUT_SECONDS) -> bool | None:
    """Ask the session bus's notification service who it is (starting it if the desktop
    starts it on demand). True: it answered; False: there is none; None: cannot ask."""
    program = shutil.which("dbus-send")
    if program is None:
        return None
    command = [
        program,
        "--session",
        "--print-reply",
        f"--reply-timeout={int(timeout * 1000)}",
        f"--dest={NOTIFICATIONS_BUS_NAME}",
        "/org/freedesktop/Notifications",
        f"{NOTIFICATIONS_BUS_NAME}.GetServerInformation",
    ]
    try:
        result = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout + 2,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def notification_result(
    *,
    sender: str | None,
    session: bool,
    service: bool | None,
    delivered: bool | None = None,
) -> ChannelCheck:
    """The notification channel from what was found; ``delivered`` is the outcome of a
    real notification (a practice alarm), which outranks the rest."""
    key = ChannelKey.NOTIFICATION
    if delivered is True:
        return ChannelCheck(key, ChannelState.WORKS, NOTIFY_WORKS)
    if sender is None:
        return ChannelCheck(key, ChannelState.FAILS, NOTIFY_NO_SENDER, NOTIFY_NO_SENDER_FIX)
    if not session:
        return ChannelCheck(key, ChannelState.FAILS, NOTIFY_NO_SESSION, NOTIFY_NO_SESSION_FIX)
    if service is False:
        return ChannelCheck(key, ChannelState.FAILS, NOTIFY_NO_SERVICE, NOTIFY_NO_SERVICE_FIX)
    if delivered is False:
        return ChannelCheck(key, ChannelState.FAILS, NOTIFY_FAILED, NOTIFY_FAILED_FIX)
    if service is None:
        return ChannelCheck(key, ChannelState.UNCHECKED, NOTIFY_UNCHECKED, NOTIFY_UNCHECKED_FIX)
    return ChannelCheck(key, ChannelState.WORKS, NOTIFY_WORKS)


def notification_check(
    *, env: Mapping[str, str] | None = None, platform: str = sys.platform
) -> ChannelCheck:
    if not platform.startswith("linux"):
        return ChannelCheck(
            ChannelKey.NOTIFICATION,
            ChannelState.UNCHECKED,
            NOTIFY_UNCHECKED,
            NOTIFY_UNCHECKED_FIX,
        )
    environment = os.environ if env is None else env
    sender = notification_sender(search_path=environment.get("PATH"))
    session = session_bus_present(environment)
    service = notification_service_answers() if sender and session else None
    return notification_result(sender=sender, session=session, service=service)


# --- all of them -----------------------------------------------------------------------------


def check_channels(*, tray_available: bool) -> tuple[ChannelCheck, ...]:
    """Every channel, in the order they alert: window, sound, tray, notification."""
    return (
        window_check(),
        sound_check(),
        tray_check(available=tray_available),
        notification_check(),
    )


def with_outcomes(
    checks: Iterable[ChannelCheck], outcomes: Mapping[ChannelKey, ChannelCheck]
) -> tuple[ChannelCheck, ...]:
    """The checks, with those a real (practice) alarm tried replaced by what happened."""
    return tuple(outcomes.get(check.key, check) for check in checks)


def only_window_works(checks: Iterable[ChannelCheck]) -> bool:
    """True when the alarm window is the one channel known to work: every other one was
    checked and does not (one not checked yet might work, so it does not count)."""
    others = [check for check in checks if check.key is not ChannelKey.WINDOW]
    return bool(others) and all(check.state is ChannelState.FAILS for check in others)


def practice_summary(checks: Iterable[ChannelCheck]) -> str:
    """One or two sentences after a practice alarm: what worked, and what did not."""
    chosen = list(checks)
    worked = [check.name for check in chosen if check.works]
    failed = [check.name for check in chosen if check.state is ChannelState.FAILS]
    words = f"Practice alarm finished. Worked: {', '.join(worked) or 'nothing'}."
    if failed:
        words += f" Did not work: {', '.join(failed)} — see above for what to do."
    return words


@dataclass(frozen=True)
class ChannelReport:
    """The result of one round of checks; ``practice`` when a practice alarm made it."""

    checks: tuple[ChannelCheck, ...]
    practice: bool = False

    @property
    def only_window_works(self) -> bool:
        return only_window_works(self.checks)

    def summary(self) -> str:
        return practice_summary(self.checks) if self.practice else ""
