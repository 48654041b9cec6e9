"""Shared fixtures: real files in temp dirs, Qt offscreen, a fake clock."""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No test touches the desktop's keyring by accident (D-Bus would start gnome-keyring for the
# test bus): the e-mail password tests hand their own real Secret Service backend in.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class FakeClock:
    """A clock the test moves by hand; satisfies companion.platform.clock.Clock."""

    current: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("America/New_York"))

    def now(self) -> datetime:
        return self.current

    def zone(self) -> ZoneInfo:
        return self.tz

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)

    def set(self, when: datetime) -> None:
        self.current = when.astimezone(UTC)


@pytest.fixture(autouse=True)
def _cycles_freed_on_the_main_thread():
    """As in the app (companion/platform/main_thread_gc.py): cycles are collected on this
    thread only, so a test's worker thread never frees a Qt object."""
    from companion.platform.main_thread_gc import collect_if_due

    gc.disable()
    yield
    collect_if_due()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "companion-data"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def database(data_dir: Path, clock: FakeClock):
    """A real SQLite file in ``data_dir``, migrated to head."""
    from companion.db.opening import open_database
    from companion.platform.paths import migrations_dir

    opened = open_database(
        data_dir / "companion.db",
        backups_dir=data_dir / "backups",
        migrations_dir=migrations_dir(),
        now=clock.now(),
    )
    yield opened
    opened.engine.dispose()


@pytest.fixture
def services(database, clock: FakeClock):
    """Every service on the test database, wired as the app wires them."""
    from companion.services.registry import create_services

    return create_services(database.session_factory, clock)


@pytest.fixture(scope="session")
def test_ca():
    """A test certificate authority (trustme) for the e-mail tests' SMTP servers."""
    import trustme

    return trustme.CA()


@pytest.fixture
def smtp_server(test_ca):
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that requires STARTTLS, no login."""
    from harness.smtp_server import SmtpServer

    server = SmtpServer(ca=test_ca, auth=False).start()
    yield server
    server.stop()
