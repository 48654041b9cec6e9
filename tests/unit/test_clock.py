"""The system clock reads the computer's time zone again on every call."""

from zoneinfo import ZoneInfo

import tzlocal

from companion.clock import SystemClock


def test_a_zone_changed_while_running_is_seen(monkeypatch):
    clock = SystemClock()
    try:
        monkeypatch.setenv("TZ", "Pacific/Honolulu")
        assert clock.zone() == ZoneInfo("Pacific/Honolulu")
        monkeypatch.setenv("TZ", "Pacific/Kiritimati")
        assert clock.zone() == ZoneInfo("Pacific/Kiritimati")
    finally:
        monkeypatch.undo()
        tzlocal.reload_localzone()


def test_a_broken_zone_setting_means_utc(monkeypatch):
    clock = SystemClock()
    try:
        monkeypatch.setenv("TZ", "Not/A_Zone")
        assert clock.zone() == ZoneInfo("UTC")
    finally:
        monkeypatch.undo()
        tzlocal.reload_localzone()
