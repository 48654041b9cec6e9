"""A data folder with a dose that is due now, for tests that start the real app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import tzlocal

from companion.db.opening import open_database
from companion.platform.paths import migrations_dir
from companion.services.registry import create_services

from harness.medicines import daily, draft


@dataclass
class SetUpClock:
    current: datetime
    tz: ZoneInfo

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return self.tz


def add_a_dose_due_five_minutes_ago(
    data_dir: Path, *, name: str = "St John's Wort", strength: str = "300 mg"
) -> datetime:
    """Add a daily medicine whose dose was due five minutes ago; returns the due time."""
    zone = tzlocal.get_localzone()
    due = (datetime.now(zone) - timedelta(minutes=5)).replace(second=0, microsecond=0)
    clock = SetUpClock(datetime.now(UTC) - timedelta(days=1), zone)
    database = open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    services = create_services(database.session_factory, clock)
    medicine = draft(name)
    services.medications.add(
        type(medicine)(**{**medicine.__dict__, "strength": strength}),
        daily(f"{due:%H:%M}", start=due.date() - timedelta(days=1)),
    )
    database.engine.dispose()
    return due
