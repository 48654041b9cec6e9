"""The chime through the platform's player: real processes, a recording stand-in player
first on PATH, and real playback into a null sink where one can be started."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from companion.alarms.chime import (
    NO_PLAYER,
    Chime,
    PlayOutcome,
    alarm_wav_path,
    find_player,
    write_silence,
)

RECORDER = """#!/bin/sh
# A stand-in sound player: records its name and arguments, then exits as told.
echo "$(basename "$0") $*" >> "{log}"
sleep "{seconds}"
exit {status}
"""


def stand_in(folder: Path, name: str, log: Path, *, status: int = 0, seconds: float = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text(RECORDER.format(log=log, status=status, seconds=seconds))
    program.chmod(0o755)
    return program


@pytest.fixture
def players(tmp_path, monkeypatch):
    """A folder put first on PATH for stand-in players; returns (folder, log file)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "played.log"
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder, log


def played(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def outcomes_of(chime: Chime) -> list[PlayOutcome]:
    seen: list[PlayOutcome] = []
    chime.on_outcome = seen.append
    return seen


def test_linux_prefers_pw_play_then_paplay_then_aplay(tmp_path):
    folder = tmp_path / "bin"
    log = tmp_path / "log"
    for name in ("aplay", "paplay", "pw-play"):
        stand_in(folder, name, log)
        found = find_player(platform="linux", search_path=str(folder))
        assert found is not None
        assert found.name == name
    assert find_player(platform="darwin", search_path=str(folder)) is None
    stand_in(folder, "afplay", log)
    assert find_player(platform="darwin", search_path=str(folder)).name == "afplay"
    assert find_player(platform="linux", search_path=str(tmp_path / "empty")) is None


def test_the_chime_plays_three_times_through_the_first_player(players, caplog):
    folder, log = players
    stand_in(folder, "paplay", log)
    stand_in(folder, "aplay", log)
    chime = Chime()
    outcomes = outcomes_of(chime)
    with caplog.at_level(logging.INFO, logger="companion.alarms.chime"):
        chime.play()
        assert chime.wait(10)
    assert played(log) == [f"paplay {alarm_wav_path()}"] * 3
    assert outcomes == [PlayOutcome(True, player="paplay")]
    assert "alarm sound played" in caplog.messages


def test_aplay_is_asked_to_be_quiet(players):
    folder, log = players
    stand_in(folder, "aplay", log)
    chime = Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder)))
    chime.play()
    assert chime.wait(10)
    assert played(log) == [f"aplay -q {alarm_wav_path()}"]


def test_play_returns_at_once_while_the_player_runs(players):
    folder, log = players
    stand_in(folder, "pw-play", log, seconds=3)
    chime = Chime(loops=1)
    started = time.monotonic()
    chime.play()
    assert time.monotonic() - started < 0.5
    chime.stop()
    assert chime.wait(10)


def test_a_failing_player_is_known_and_logged(players, caplog):
    folder, log = players
    stand_in(folder, "pw-play", log, status=1)
    chime = Chime()
    outcomes = outcomes_of(chime)
    with caplog.at_level(logging.INFO, logger="companion.alarms.chime"):
        chime.play()
        assert chime.wait(10)
    assert len(played(log)) == 1  # no point in trying twice more
    assert outcomes == [PlayOutcome(False, "pw-play exit status 1", "pw-play")]
    assert "alarm sound not played: pw-play exit status 1" in caplog.messages


def test_a_player_that_hangs_is_stopped_and_counted_as_failed(players):
    folder, log = players
    stand_in(folder, "pw-play", log, seconds=30)
    chime = Chime(timeout=0.5)
    outcomes = outcomes_of(chime)
    chime.play()
    assert chime.wait(10)
    assert outcomes == [PlayOutcome(False, "pw-play did not finish within 0.5 s", "pw-play")]


def test_stop_ends_the_player(players):
    folder, log = players
    stand_in(folder, "pw-play", log, seconds=30)
    chime = Chime()
    outcomes = outcomes_of(chime)
    chime.play()
    assert wait_until(lambda: played(log))
    chime.stop()
    assert chime.wait(5)
    assert outcomes == [PlayOutcome(True, "stopped", "pw-play")]
    assert len(played(log)) == 1


def test_no_player_is_known_and_logged(tmp_path, caplog):
    chime = Chime(find=lambda: find_player(platform="linux", search_path=str(tmp_path)))
    outcomes = outcomes_of(chime)
    with caplog.at_level(logging.INFO, logger="companion.alarms.chime"):
        chime.play()
        assert chime.wait(5)
    [outcome] = outcomes
    assert not outcome.played
    assert outcome.reason.startswith(NO_PLAYER)
    assert outcome.player == ""
    assert any(
        line.startswith("alarm sound not played: no sound player") for line in caplog.messages
    )


def test_a_missing_sound_file_is_known(players, tmp_path):
    folder, log = players
    stand_in(folder, "pw-play", log)
    chime = Chime(tmp_path / "nothing.wav")
    outcomes = outcomes_of(chime)
    chime.play()
    assert chime.wait(5)
    assert outcomes == [PlayOutcome(False, "the sound file is missing")]
    assert played(log) == []


def wait_until(condition, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


# --- real playback into a null sink -----------------------------------------------------------


def only(program: str, folder: Path) -> Path:
    """A PATH folder holding just ``program`` (a link to the real one)."""
    real = shutil.which(program)
    if real is None:
        pytest.skip(f"{program} is not installed (apt-get install; .ci/setup --with-tests does)")
    folder.mkdir()
    (folder / program).symlink_to(real)
    return folder


def test_real_aplay_plays_the_chime_into_alsas_null_device(tmp_path, monkeypatch):
    folder = only("aplay", tmp_path / "bin")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type null }\n")
    monkeypatch.setenv("HOME", str(home))
    chime = Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder)))
    outcomes = outcomes_of(chime)
    chime.play()
    assert chime.wait(20)
    assert outcomes == [PlayOutcome(True, player="aplay")]


def test_real_aplay_without_any_sound_device_fails_and_says_so(tmp_path, monkeypatch):
    folder = only("aplay", tmp_path / "bin")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".asoundrc").write_text("pcm.!default { type hw card 99 }\n")
    monkeypatch.setenv("HOME", str(home))
    chime = Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder)))
    outcomes = outcomes_of(chime)
    chime.play()
    assert chime.wait(20)
    assert outcomes == [PlayOutcome(False, "aplay exit status 1", "aplay")]


@pytest.fixture
def pulse_null_sink(tmp_path, monkeypatch):
    """A private PulseAudio server whose only output is a null sink; PULSE_SERVER points to it."""
    if shutil.which("pulseaudio") is None or shutil.which("paplay") is None:
        pytest.skip(
            "pulseaudio and paplay are not installed (.ci/setup --with-tests installs them)"
        )
    runtime = tmp_path / "pulse"
    runtime.mkdir(mode=0o700)
    socket = runtime / "native"
    env = {
        **os.environ,
        "HOME": str(runtime),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_HOME": str(runtime),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    server = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--load=module-null-sink sink_name=companion_null",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        if not wait_until(socket.exists, timeout=10):
            server.kill()
            _, errors = server.communicate(timeout=5)
            pytest.skip(f"a PulseAudio null sink could not be started: {errors[-300:]!r}")
        monkeypatch.setenv("PULSE_SERVER", f"unix:{socket}")
        yield socket
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def test_real_paplay_plays_the_chime_into_a_null_sink(pulse_null_sink, tmp_path):
    folder = only("paplay", tmp_path / "bin")
    chime = Chime(loops=2, find=lambda: find_player(platform="linux", search_path=str(folder)))
    outcomes = outcomes_of(chime)
    chime.play()
    assert chime.wait(30)
    assert outcomes == [PlayOutcome(True, player="paplay")]


def test_real_paplay_with_no_sound_server_fails_and_says_so(tmp_path, monkeypatch):
    folder = only("paplay", tmp_path / "bin")
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-such-socket'}")
    chime = Chime(loops=1, find=lambda: find_player(platform="linux", search_path=str(folder)))
    outcomes = outcomes_of(chime)
    chime.play()
    assert chime.wait(20)
    assert outcomes == [PlayOutcome(False, "paplay exit status 1", "paplay")]


def test_silence_is_a_short_valid_wav(tmp_path):
    import wave

    path = write_silence(tmp_path / "s.wav", milliseconds=100)
    with wave.open(str(path)) as sound:
        assert sound.getnframes() == 4410
