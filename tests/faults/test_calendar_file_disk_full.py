"""The kept calendar file on a full disk: the old file stays whole, nothing partial is left,
and the words say the disk is full (a real small tmpfs, filled up)."""

from __future__ import annotations

import pytest

from companion.core.storage_problems import StorageProblem, classify
from companion.platform.atomic_file import write_atomically
from companion.services.calendar_keeper import write_failed_words

from harness.storage import fill_disk, small_disk


def test_a_full_disk_keeps_the_old_calendar_file(tmp_path) -> None:
    with small_disk(tmp_path / "disk", "1m") as disk:
        target = disk / "Companion calendar.ics"
        write_atomically(target, b"BEGIN:VCALENDAR old")
        fill_disk(disk)
        with pytest.raises(OSError) as failure:
            write_atomically(target, b"BEGIN:VCALENDAR new" * 10_000)
        assert target.read_bytes() == b"BEGIN:VCALENDAR old"
        assert sorted(each.name for each in disk.iterdir()) == [target.name, "filler"]
        problem = classify(failure.value)
        assert problem is StorageProblem.DISK_FULL
        assert "The disk is full." in write_failed_words(problem)
