"""The system clock reads the computer's time zone again whenever its setting changes."""

from zoneinfo import ZoneInfo

import tzlocal

from companion.platform.clock import SystemClock, zone_fingerprint


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


def test_the_zone_fingerprint_changes_with_tz_and_with_the_zone_files(tmp_path):
    timezone = tmp_path / "timezone"
    timezone.write_text("Pacific/Honolulu\n")
    localtime = tmp_path / "localtime"
    localtime.symlink_to("/usr/share/zoneinfo/Pacific/Honolulu")
    files = (localtime, timezone)
    first = zone_fingerprint({"TZ": ""}, files)
    assert zone_fingerprint({"TZ": ""}, files) == first  # nothing changed: no new reading
    assert zone_fingerprint({"TZ": "Pacific/Kiritimati"}, files) != first
    localtime.unlink()
    localtime.symlink_to("/usr/share/zoneinfo/Pacific/Kiritimati")  # timedatectl's way
    second = zone_fingerprint({"TZ": ""}, files)
    assert second != first
    timezone.unlink()
    timezone.write_text("Pacific/Kiritimati\n")
    assert zone_fingerprint({"TZ": ""}, files) != second
    assert zone_fingerprint({}, (tmp_path / "missing",)) == (None, None)
