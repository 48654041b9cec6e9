"""The date-bounded schedule read gives exactly the doses of the old read of every version.

``DoseService.doses_between`` reads only the schedule versions in force around the days asked
(plus those of recorded doses). Random histories on a real database — medicines added,
edited, stopped, doses answered (also days ahead), the clock moving and the time zone
changing — are read both ways, for random windows, and must agree dose for dose.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from companion.core.doses import DoseKey, DoseView, merge_doses
from companion.core.medication import ScheduleDraft
from companion.core.recurrence import occurrences
from companion.core.schedule import Anchor, DoseTime, Pattern, PatternKind
from companion.core.validation import InvalidInput
from companion.db.mappers import recorded_dose
from companion.db.models import DoseRecord

from harness.medicines import daily, draft

START = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
ZONES = ("America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London")

patterns = st.one_of(
    st.just(Pattern()),
    st.integers(2, 4).map(lambda n: Pattern(kind=PatternKind.EVERY_N_DAYS, every_n_days=n)),
    st.tuples(st.integers(1, 5), st.integers(1, 4)).map(
        lambda on_off: Pattern(kind=PatternKind.CYCLE, days_on=on_off[0], days_off=on_off[1])
    ),
)
dose_times = st.one_of(
    st.integers(0, 23).map(lambda hour: DoseTime(clock=time(hour, 30))),
    st.sampled_from(list(Anchor)).map(lambda anchor: DoseTime(anchor=anchor)),
)


@st.composite
def schedules(draw: st.DrawFn) -> ScheduleDraft:
    start = START.date() + timedelta(days=draw(st.integers(-5, 20)))
    length = draw(st.none() | st.integers(0, 30))
    return ScheduleDraft(
        pattern=draw(patterns),
        start=start,
        end=None if length is None else start + timedelta(days=length),
        times=tuple(draw(st.lists(dose_times, min_size=1, max_size=3, unique=True))),
    )


steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), schedules()),
        st.tuples(st.just("edit"), st.integers(0, 5), schedules()),
        st.tuples(st.just("stop"), st.integers(0, 5)),
        st.tuples(st.just("answer"), st.integers(0, 40), st.integers(-2, 6)),
        st.tuples(st.just("wait"), st.integers(1, 200)),
        st.tuples(st.just("zone"), st.sampled_from(ZONES)),
    ),
    min_size=1,
    max_size=14,
)
windows = st.lists(st.tuples(st.integers(-12, 45), st.integers(0, 9)), min_size=1, max_size=4)


def every_version_read(services, database, clock, first: date, last: date) -> list[DoseView]:
    """The read as it was: every schedule version ever saved, then the same merge."""
    rules, labels = services.medications.rules_and_labels()
    care = services.care.get()
    with database.session_factory() as session:
        rows = session.scalars(
            select(DoseRecord).where(DoseRecord.day >= first, DoseRecord.day <= last)
        ).all()
        records = [recorded_dose(row) for row in rows]
    return merge_doses(
        occurrences(rules, first, last, clock.zone(), care.routine),
        records,
        labels,
        now=clock.now(),
        zone=clock.zone(),
        hours=care.hours,
        missed_after=care.alarms.missed_after,
    )


def play(services, clock, history) -> None:
    """Run the steps; one the forms would refuse (two times the same) changes nothing."""
    medicines: list[int] = []
    for step in history:
        try:
            medicines.extend(_step(services, clock, medicines, step))
        except InvalidInput:
            continue


def _step(services, clock, medicines, step) -> list[int]:
    kind = step[0]
    if kind == "add":
        return [services.medications.add(draft(f"M{len(medicines)}"), step[1])]
    if kind == "edit" and medicines:
        medicine = medicines[step[1] % len(medicines)]
        services.medications.update(medicine, draft(f"M{medicine}"), step[2])
    elif kind == "stop" and medicines:
        services.medications.stop(medicines[step[1] % len(medicines)])
    elif kind == "answer":
        today = clock.now().astimezone(clock.zone()).date()
        day = today + timedelta(days=step[2])
        doses = services.doses.doses_between(day, day)
        if doses:
            services.doses.mark_taken(DoseKey.of(doses[step[1] % len(doses)]))
    elif kind == "wait":
        clock.advance(hours=step[1])
    elif kind == "zone":
        clock.tz = ZoneInfo(step[1])
    return []


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One database file migrated to head; each example starts from a copy of it."""
    from companion.db.opening import open_database
    from companion.platform.paths import migrations_dir

    folder = tmp_path_factory.mktemp("template")
    opened = open_database(
        folder / "companion.db",
        backups_dir=folder / "backups",
        migrations_dir=migrations_dir(),
        now=START,
    )
    opened.engine.dispose()
    return folder / "companion.db"


@pytest.fixture
def fresh(tmp_path_factory, migrated, clock):
    """A new database (a copy of the migrated one) and clock for each example."""
    from companion.db.engine import create_database_engine, create_session_factory
    from companion.services.registry import create_services

    engines = []

    def make():
        path = tmp_path_factory.mktemp("window") / "companion.db"
        shutil.copyfile(migrated, path)
        engine = create_database_engine(path)
        engines.append(engine)
        own_clock = type(clock)()  # the FakeClock of tests/conftest.py, one per example
        own_clock.set(START)
        database = SimpleNamespace(session_factory=create_session_factory(engine))
        return database, own_clock, create_services(database.session_factory, own_clock)

    yield make
    for engine in engines:
        engine.dispose()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=steps, asked=windows)
def test_the_bounded_read_gives_the_doses_of_every_version(fresh, history, asked):
    database, clock, services = fresh()
    play(services, clock, history)
    for offset, length in asked:
        first = START.date() + timedelta(days=offset)
        last = first + timedelta(days=length)
        bounded = services.doses.doses_between(first, last)
        assert bounded == every_version_read(services, database, clock, first, last)


def test_a_dose_answered_days_ahead_keeps_its_version_after_a_later_edit(services, clock):
    """The old version is out of force on that day, but its recorded dose still names the
    medicine: the new version's dose that day must not be shown as a second dose."""
    clock.set(START)
    medicine = services.medications.add(draft(), daily("08:00"))
    ahead = START.date() + timedelta(days=10)
    [dose] = services.doses.doses_between(ahead, ahead)
    assert services.doses.mark_taken(DoseKey.of(dose)).changed
    clock.advance(days=1)  # more than the filter's margin before that day
    services.medications.update(medicine, draft(), daily("09:00"))
    [shown] = services.doses.doses_between(ahead, ahead)
    assert shown.record_id is not None and f"{shown.due:%H:%M}" == "08:00"
    rules, _ = services.medications.rules_and_labels((ahead, ahead))
    assert len(rules) == 1  # only the new version is in force; the old one came by its record
