"""A real Secret Service for tests: a private D-Bus session bus with gnome-keyring-daemon on
it (its keyrings in a temp dir, unlocked), so ``keyring`` stores passwords for real."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def secret_service(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Yields the bus address; this process talks to that bus while the block runs."""
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    runtime = folder / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": address,
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(b"login-keyring-password")
    daemon.stdin.close()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    try:
        _wait_for_secrets()
        yield address
    finally:
        daemon.terminate()
        daemon.wait(10)
        bus.terminate()
        bus.wait(10)


def _wait_for_secrets() -> None:
    import secretstorage

    deadline = time.monotonic() + 15
    while True:
        try:
            connection = secretstorage.dbus_init()
            try:
                collection = secretstorage.get_default_collection(connection)
                if not collection.is_locked():
                    return
            finally:
                connection.close()
        except Exception:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)
