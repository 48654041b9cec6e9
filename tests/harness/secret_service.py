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

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
"""A session bus without service activation: only the daemon started here can answer for
org.freedesktop.secrets (the desktop's own service files would start a second one, with no
login keyring, if anything asked before ours was up)."""


@contextmanager
def secret_service(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Yields the bus address; this process talks to that bus while the block runs."""
    config = folder / "bus.conf"
    folder.mkdir(parents=True, exist_ok=True)
    config.write_text(BUS_CONFIG)
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
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
    """Until the login keyring (made from the password on stdin) exists and is unlocked.

    Only looks: asking for the default collection too early would make the daemon try to
    create one, with a prompt that cannot show here.
    """
    import secretstorage

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            connection = secretstorage.dbus_init()
            try:
                for collection in secretstorage.get_all_collections(connection):
                    if collection.collection_path.endswith("/login") and not collection.is_locked():
                        return
            finally:
                connection.close()
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError("gnome-keyring-daemon did not make the login keyring in 30 s")
