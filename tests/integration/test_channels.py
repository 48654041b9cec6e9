"""Each alert channel's check, working and failing, with real programs and a real session
bus; and the words the person reads."""

from __future__ import annotations

import shutil
import sys

import pytest

from companion.alarms.channels import (
    NOTIFY_FAILED,
    NOTIFY_NO_SENDER,
    NOTIFY_NO_SERVICE,
    NOTIFY_NO_SESSION,
    ONLY_WINDOW_NOTICE,
    SOUND_NO_OUTPUT,
    SOUND_NO_PLAYER,
    TRAY_MISSING,
    ChannelKey,
    ChannelReport,
    ChannelState,
    notification_check,
    notification_result,
    notification_sender,
    only_window_works,
    practice_summary,
    session_bus_present,
    sound_check,
    tray_check,
    window_check,
)
from companion.alarms.chime import find_player

from harness.notification_server import RecordingNotificationServer, session_bus_available

PLAYER = "#!/bin/sh\nexit {status}\n"


def player_folder(tmp_path, name: str = "paplay", *, status: int = 0):
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / name
    program.write_text(PLAYER.format(status=status))
    program.chmod(0o755)
    return folder


def linux_player_in(folder):
    return lambda: find_player(platform="linux", search_path=str(folder))


# --- the window and the tray --------------------------------------------------------------------


def test_the_alarm_window_always_works():
    check = window_check()
    assert check.works
    assert check.name == "Companion's alarm window"
    assert check.fix == ""


def test_the_tray_works_when_the_desktop_has_one():
    assert tray_check(available=True).works
    missing = tray_check(available=False)
    assert missing.state is ChannelState.FAILS
    assert missing.detail == TRAY_MISSING
    assert "alarm window still appears" in missing.fix


# --- sound --------------------------------------------------------------------------------------


def test_sound_works_when_the_player_plays(tmp_path):
    check = sound_check(find=linux_player_in(player_folder(tmp_path)))
    assert check.works
    assert check.detail == "The chime plays through paplay."


def test_sound_without_a_player_says_what_to_install(tmp_path):
    check = sound_check(find=linux_player_in(tmp_path))
    assert check.state is ChannelState.FAILS
    assert check.detail == SOUND_NO_PLAYER
    assert "sudo apt install pulseaudio-utils" in check.fix
    assert "pw-play, paplay, aplay" in check.fix


def test_sound_without_an_output_device_says_to_plug_in_speakers(tmp_path):
    check = sound_check(find=linux_player_in(player_folder(tmp_path, status=1)))
    assert check.state is ChannelState.FAILS
    assert check.detail == SOUND_NO_OUTPUT
    assert "speakers or headphones" in check.fix


def test_sound_check_with_real_aplay_and_no_device(tmp_path, monkeypatch):
    real = shutil.which("aplay")
    if real is None:
        pytest.skip("aplay is not installed (.ci/setup --with-tests installs alsa-utils)")
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "aplay").symlink_to(real)
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type hw card 99 }\n")
    monkeypatch.setenv("HOME", str(home))
    assert sound_check(find=linux_player_in(folder)).detail == SOUND_NO_OUTPUT
    (home / ".asoundrc").write_text("pcm.!default { type null }\n")
    assert sound_check(find=linux_player_in(folder)).works


# --- desktop notifications ----------------------------------------------------------------------


@pytest.fixture
def no_dbus_python(monkeypatch):
    monkeypatch.setitem(sys.modules, "dbus", None)  # import dbus -> ImportError


def test_the_sender_is_dbus_python_when_importable_else_notify_send(tmp_path, monkeypatch):
    pytest.importorskip("dbus")
    assert notification_sender(search_path=str(tmp_path)) == "dbus-python"
    monkeypatch.setitem(sys.modules, "dbus", None)
    assert notification_sender(search_path=str(tmp_path)) is None
    folder = player_folder(tmp_path, "notify-send")
    assert notification_sender(search_path=str(folder)) == "notify-send"


def test_no_sender_says_to_install_notify_send(tmp_path, no_dbus_python):
    check = notification_check(
        env={"PATH": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere"},
        platform="linux",
    )
    assert check.state is ChannelState.FAILS
    assert check.detail == NOTIFY_NO_SENDER
    assert "sudo apt install libnotify-bin" in check.fix


def test_no_session_bus_is_told(tmp_path):
    assert not session_bus_present({"XDG_RUNTIME_DIR": str(tmp_path)})
    (tmp_path / "bus").touch()
    assert session_bus_present({"XDG_RUNTIME_DIR": str(tmp_path)})
    check = notification_result(sender="notify-send", session=False, service=None)
    assert check.detail == NOTIFY_NO_SESSION
    assert check.state is ChannelState.FAILS


needs_bus = pytest.mark.skipif(
    not session_bus_available(), reason="needs a D-Bus session bus (run under dbus-run-session)"
)
needs_dbus_send = pytest.mark.skipif(
    shutil.which("dbus-send") is None, reason="dbus-send is not installed (package dbus-bin)"
)


@needs_bus
@needs_dbus_send
def test_a_running_notification_service_works(no_dbus_python):
    if shutil.which("notify-send") is None:
        pytest.skip("notify-send is not installed (apt-get install libnotify-bin)")
    with RecordingNotificationServer() as server:
        check = notification_check(platform="linux")
        assert server.notifications == []  # asked who it is; nothing was shown
    assert check.works, check


@needs_bus
@needs_dbus_send
def test_no_notification_service_says_to_turn_notifications_on():
    check = notification_check(platform="linux")
    if notification_sender() is None:
        assert check.detail == NOTIFY_NO_SENDER
        return
    assert check.state is ChannelState.FAILS
    assert check.detail == NOTIFY_NO_SERVICE
    assert "Turn on notifications" in check.fix


def test_a_delivered_practice_notification_outranks_the_rest():
    assert notification_result(
        sender="notify-send", session=True, service=None, delivered=True
    ).works
    failed = notification_result(sender="notify-send", session=True, service=True, delivered=False)
    assert failed.detail == NOTIFY_FAILED
    assert "do not disturb" in failed.fix


def test_elsewhere_than_linux_notifications_are_not_checked_in_advance():
    check = notification_check(env={}, platform="darwin")
    assert check.state is ChannelState.UNCHECKED
    assert "Test alarm" in check.fix


# --- words --------------------------------------------------------------------------------------


def test_only_the_window_is_told_when_nothing_else_works():
    nothing = (window_check(), tray_check(available=False))
    assert only_window_works(nothing)
    assert ChannelReport(nothing).only_window_works
    assert not only_window_works((window_check(), tray_check(available=True)))
    assert not only_window_works((window_check(),))
    assert "only Companion's own window will alert you" in ONLY_WINDOW_NOTICE


def test_the_practice_summary_names_what_worked_and_what_did_not(tmp_path):
    report = ChannelReport(
        (
            window_check(),
            sound_check(find=linux_player_in(tmp_path)),
            tray_check(available=True),
            notification_result(sender="notify-send", session=True, service=True, delivered=False),
        ),
        practice=True,
    )
    assert report.summary() == (
        "Practice alarm finished. Worked: Companion's alarm window, Message from the tray "
        "icon. Did not work: Sound (the chime), Desktop notification — see above for what "
        "to do."
    )
    assert practice_summary([window_check()]) == (
        "Practice alarm finished. Worked: Companion's alarm window."
    )
    assert ChannelReport((window_check(),)).summary() == ""


def test_every_failing_channel_says_what_to_do(tmp_path):
    failing = [
        tray_check(available=False),
        sound_check(find=linux_player_in(tmp_path)),
        notification_result(sender=None, session=True, service=None),
        notification_result(sender="notify-send", session=False, service=None),
        notification_result(sender="notify-send", session=True, service=False),
    ]
    for check in failing:
        assert check.state_words() == "Does not work"
        assert check.fix, check
        assert check.fix.endswith(".")
    assert {check.key for check in failing} == {
        ChannelKey.TRAY,
        ChannelKey.SOUND,
        ChannelKey.NOTIFICATION,
    }


def test_a_channel_not_checked_yet_might_work_so_the_window_is_not_said_to_be_alone():
    unchecked = notification_check(env={}, platform="darwin")
    assert not only_window_works((window_check(), tray_check(available=False), unchecked))
