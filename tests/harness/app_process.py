"""The real app, started as a process (fixtures for tests/system and tests/faults).

Every run gets its own sandbox: a home folder and XDG folders in a temp dir (so a test can
prove that nothing was written outside the data folder), Qt offscreen unless a test is
about displays, and a timeout on every process. A process that outlives its timeout is
killed together with everything it started, and the test fails with its output.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

TRACE_ENV = "COMPANION_TRACE_STARTUP"
READY_LINE = "companion-startup: ready"
DEFAULT_TIMEOUT = 60.0
READY_TIMEOUT = 30.0
LONG_RUN_MS = 60_000

# Variables that would change which data folder or display the app uses.
_INHERITED_BUT_CLEARED = (
    "COMPANION_DATA_DIR",
    TRACE_ENV,
    "QT_QPA_PLATFORM",
    "QT_QPA_PLATFORMTHEME",
)
_XDG_DIRS = {
    "XDG_DATA_HOME": "xdg-data",
    "XDG_CONFIG_HOME": "xdg-config",
    "XDG_CACHE_HOME": "xdg-cache",
    "XDG_STATE_HOME": "xdg-state",
    "XDG_RUNTIME_DIR": "xdg-runtime",
}


def companion_command(*args: str, python_flags: Sequence[str] = ()) -> list[str]:
    return [sys.executable, *python_flags, "-m", "companion", *args]


class Finished(subprocess.CompletedProcess[str]):
    """A CompletedProcess that can describe itself in a failure message."""

    def report(self) -> str:
        return (
            f"exit status {self.returncode}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill the process and whatever it started (it leads its own process group)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def run_process(
    command: Sequence[str],
    *,
    env: Mapping[str, str],
    timeout: float,
    cwd: Path,
    umask: int = -1,
) -> Finished:
    """Run ``command`` to the end; fail the test (after killing it) if it overruns."""
    with subprocess.Popen(
        list(command),
        env=dict(env),
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
        umask=umask,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            try:
                stdout, stderr = process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                stdout, stderr = "", "(output not collected)"
            pytest.fail(
                f"{' '.join(command)} did not finish within {timeout} s\n"
                f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
            )
    return Finished(list(command), process.returncode, stdout, stderr)


def poll_until(condition: Callable[[], bool], *, timeout: float, interval: float = 0.05) -> bool:
    """True as soon as ``condition()`` is; False if it never is before the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        if condition():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


@dataclass
class Sandbox:
    """Temp folders standing in for the user's home, and the environment pointing at them."""

    root: Path
    env: dict[str, str]
    outside_dirs: list[Path]
    """Home, XDG and working folders: a run with a data folder must leave these empty."""

    @property
    def data_dir(self) -> Path:
        """The default data folder for a test; not created, so the app creates it."""
        return self.root / "data"

    def environment(self, **changes: str | None) -> dict[str, str]:
        """A copy of the environment; a value of None removes the variable."""
        env = dict(self.env)
        for name, value in changes.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    def written_outside(self) -> list[Path]:
        """Everything found in the stand-in home, XDG and working folders, except the sound
        system's own runtime folder: the sound check at start runs the platform's player
        (paplay), whose client library makes ``$XDG_RUNTIME_DIR/pulse`` (a desktop has it)."""
        sound_runtime = Path(self.env["XDG_RUNTIME_DIR"]) / "pulse"
        return sorted(
            path
            for folder in self.outside_dirs
            for path in folder.rglob("*")
            if path != sound_runtime and sound_runtime not in path.parents
        )


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    env = {name: value for name, value in os.environ.items() if name not in _INHERITED_BUT_CLEARED}
    env["QT_QPA_PLATFORM"] = "offscreen"
    home = tmp_path / "home"
    home.mkdir()
    env["HOME"] = str(home)
    outside = [home]
    for variable, name in _XDG_DIRS.items():
        folder = tmp_path / name
        folder.mkdir(mode=0o700)
        env[variable] = str(folder)
        outside.append(folder)
    work = tmp_path / "cwd"
    work.mkdir()
    outside.append(work)
    return Sandbox(root=tmp_path, env=env, outside_dirs=outside)


RunCompanion = Callable[..., Finished]


@pytest.fixture
def run_companion(sandbox: Sandbox) -> RunCompanion:
    """``run_companion(*args, env=None, timeout=60, python_flags=(), prefix=(), umask=-1)``.

    Runs ``python -m companion *args`` (behind ``prefix``, e.g. xvfb-run) in the sandbox's
    environment and working folder; returns a CompletedProcess (text output) whose
    ``.report()`` gives everything it printed, for failure messages.
    """

    def run(
        *args: str,
        env: Mapping[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        python_flags: Sequence[str] = (),
        prefix: Sequence[str] = (),
        umask: int = -1,
    ) -> Finished:
        command = [*prefix, *companion_command(*args, python_flags=python_flags)]
        return run_process(
            command,
            env=sandbox.env if env is None else env,
            timeout=timeout,
            cwd=sandbox.root / "cwd",
            umask=umask,
        )

    return run


@pytest.fixture
def initialised_data_dir(sandbox: Sandbox, run_companion: RunCompanion) -> Path:
    """A data folder after one normal first run (database at head, one daily backup)."""
    result = run_companion("--data-dir", str(sandbox.data_dir), "--quit-after", "0")
    assert result.returncode == 0, result.report()
    assert (sandbox.data_dir / "companion.db").is_file()
    return sandbox.data_dir


@dataclass
class RunningCompanion:
    """A long-running Companion (``--quit-after 60000``) with its output going to files."""

    process: subprocess.Popen[str]
    data_dir: Path
    stdout_path: Path
    stderr_path: Path
    _files: list[IO[str]] = field(default_factory=list, repr=False)

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "companion.log"

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def log_text(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def output(self) -> str:
        return f"--- stdout ---\n{self.stdout()}\n--- stderr ---\n{self.stderr()}"

    def wait_for_stderr(self, text: str, *, timeout: float = READY_TIMEOUT) -> None:
        """Poll stderr for ``text``; fail at once if the process ends first."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr():
            if self.process.poll() is not None:
                pytest.fail(
                    f"Companion exited ({self.process.returncode}) before printing {text!r}\n"
                    + self.output()
                )
            if time.monotonic() >= deadline:
                pytest.fail(
                    f"Companion did not print {text!r} within {timeout} s\n" + self.output()
                )
            time.sleep(0.05)

    def wait_for_log(self, text: str, *, timeout: float) -> bool:
        return poll_until(lambda: text in self.log_text(), timeout=timeout)

    def kill(self, sig: signal.Signals = signal.SIGKILL, *, timeout: float = 10) -> int:
        """Send ``sig`` to this process only, then reap it; returns its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(self.process)
            self.process.wait(timeout=10)
            pytest.fail(f"Companion did not stop on {sig.name} within {timeout} s")

    def close(self) -> None:
        """Teardown: stop it if still running (and anything it started), close the files."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _kill_group(self.process)
                self.process.wait(timeout=10)
        for handle in self._files:
            handle.close()


StartCompanion = Callable[..., RunningCompanion]


@pytest.fixture
def start_companion(sandbox: Sandbox) -> Iterator[StartCompanion]:
    """``start_companion(data_dir, env=None, wait_ready=True, umask=-1)``: a long-running one.

    Started with ``--quit-after 60000`` and COMPANION_TRACE_STARTUP=1; by default waits for
    ``companion-startup: ready`` on stderr. Every instance is stopped on teardown.
    """
    started: list[RunningCompanion] = []

    def start(
        data_dir: Path,
        *,
        env: Mapping[str, str] | None = None,
        wait_ready: bool = True,
        umask: int = -1,
    ) -> RunningCompanion:
        environment = dict(sandbox.env if env is None else env)
        environment[TRACE_ENV] = "1"
        number = len(started)
        stdout_path = sandbox.root / f"instance-{number}.stdout"
        stderr_path = sandbox.root / f"instance-{number}.stderr"
        stdout_file = stdout_path.open("w")
        stderr_file = stderr_path.open("w")
        process = subprocess.Popen(
            companion_command("--data-dir", str(data_dir), "--quit-after", str(LONG_RUN_MS)),
            env=environment,
            cwd=sandbox.root / "cwd",
            stdin=subprocess.DEVNULL,
            stdout=stdout_file,
            stderr=stderr_file,
            text=True,
            start_new_session=True,
            umask=umask,
        )
        running = RunningCompanion(
            process, data_dir, stdout_path, stderr_path, _files=[stdout_file, stderr_file]
        )
        started.append(running)
        if wait_ready:
            running.wait_for_stderr(READY_LINE)
        return running

    yield start
    for running in started:
        running.close()
