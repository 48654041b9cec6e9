"""The dose alarm's chime, played by the platform's own sound player (no Qt Multimedia).

On Linux the first of ``pw-play``, ``paplay``, ``aplay`` found on PATH plays the WAV, on
macOS ``afplay``, on Windows the standard library's ``winsound``. The player runs on a
worker thread, so the GUI never waits for it; its exit status is checked, so a chime that
did not play is known (logged, and reported to whoever asked through ``on_outcome``).
Log lines never name a medicine.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from companion.platform.paths import resources_dir

log = logging.getLogger(__name__)

ALARM_WAV = "alarm.wav"
DEFAULT_LOOPS = 3
"""The chime is about a second long: three in a row is hard to miss, yet short."""
LINUX_PLAYERS = ("pw-play", "paplay", "aplay")
PLAYER_ARGUMENTS = {"aplay": ("-q",)}
"""Extra arguments before the file (aplay prints a line per file without -q)."""
PLAY_TIMEOUT_SECONDS = 20.0
"""A player still running after this long is stopped and counted as failed."""


def alarm_wav_path() -> Path:
    return resources_dir() / "sounds" / ALARM_WAV


@dataclass(frozen=True)
class PlayOutcome:
    """How one attempt to play went. ``reason`` is short, technical, safe to log."""

    played: bool
    reason: str = ""
    player: str = ""
    """The player's name ("paplay"); empty when none was found."""


NO_PLAYER = "no sound player found"
NO_FILE = "the sound file is missing"


class Player(Protocol):
    """Plays one WAV file to the end (or until ``stop``); called on a worker thread."""

    name: str

    def play_file(self, path: Path, *, timeout: float) -> PlayOutcome: ...

    def stop(self) -> None: ...


class CommandPlayer:
    """A player program such as ``paplay FILE``, run as a subprocess."""

    def __init__(self, program: str, *, path: str | None = None) -> None:
        self.name = Path(program).name
        self._program = program
        self._path = path
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._stopped = False

    def play_file(self, path: Path, *, timeout: float) -> PlayOutcome:
        command = [self._program, *PLAYER_ARGUMENTS.get(self.name, ()), str(path)]
        with self._lock:
            self._stopped = False
            try:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as error:
                return PlayOutcome(
                    False, f"{self.name} could not start ({type(error).__name__})", self.name
                )
            self._process = process
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return PlayOutcome(False, f"{self.name} did not finish within {timeout:g} s", self.name)
        finally:
            with self._lock:
                self._process = None
        if status == 0:
            return PlayOutcome(True, player=self.name)
        with self._lock:
            if self._stopped:
                return PlayOutcome(True, "stopped", self.name)
        return PlayOutcome(False, f"{self.name} exit status {status}", self.name)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()


class WinsoundPlayer:  # pragma: no cover - Windows only
    """The standard library's ``winsound`` (Windows)."""

    name = "winsound"

    def play_file(self, path: Path, *, timeout: float) -> PlayOutcome:
        if sys.platform != "win32":
            return PlayOutcome(False, "winsound is only on Windows")
        import winsound

        try:
            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_NODEFAULT)
        except RuntimeError as error:
            return PlayOutcome(False, f"winsound failed ({type(error).__name__})", self.name)
        return PlayOutcome(True, player=self.name)

    def stop(self) -> None:
        if sys.platform != "win32":
            return
        import winsound

        winsound.PlaySound(None, 0)


def find_player(*, platform: str = sys.platform, search_path: str | None = None) -> Player | None:
    """The platform's sound player, or None when there is none.

    ``search_path`` replaces PATH for the search (tests); the player found is run by its
    full path, so a later change of PATH does not change which program plays.
    """
    if platform.startswith("win"):
        return WinsoundPlayer()
    names = ("afplay",) if platform == "darwin" else LINUX_PLAYERS
    for name in names:
        found = shutil.which(name, path=search_path)
        if found:
            return CommandPlayer(found)
    return None


def player_names(platform: str = sys.platform) -> tuple[str, ...]:
    """The programs looked for on this platform, in order (for messages)."""
    if platform.startswith("win"):
        return ("winsound",)
    return ("afplay",) if platform == "darwin" else LINUX_PLAYERS


def write_silence(path: Path, *, milliseconds: int = 100) -> Path:
    """A short silent WAV: playing it checks a player and its output without a sound."""
    rate = 44100
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * (rate * milliseconds // 1000))
    return path


class Chime:
    """Plays the alarm chime ``loops`` times; satisfies the alarm window's ``Playable``.

    ``play()`` returns at once: the player runs on a worker thread. Every outcome is
    logged as one line; ``on_outcome`` (if given) is called with it, on the worker thread.
    ``play()`` while playing restarts the chime.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        loops: int = DEFAULT_LOOPS,
        find: Callable[[], Player | None] = find_player,
        timeout: float = PLAY_TIMEOUT_SECONDS,
    ) -> None:
        self._path = path if path is not None else alarm_wav_path()
        self._loops = max(1, loops)
        self._find = find
        self._timeout = timeout
        self._lock = threading.Lock()
        self._generation = 0
        self._player: Player | None = None
        self._thread: threading.Thread | None = None
        self.on_outcome: Callable[[PlayOutcome], None] | None = None

    def play(self) -> None:
        """Start the chime (or log one line saying why it cannot play)."""
        with self._lock:
            self._generation += 1
            generation = self._generation
            previous = self._player
        if previous is not None:
            previous.stop()
        thread = threading.Thread(target=self._run, args=(generation,), name="chime", daemon=True)
        with self._lock:
            self._thread = thread
        thread.start()

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            player = self._player
        if player is not None:
            player.stop()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the chime now playing to end (tests); False on timeout."""
        with self._lock:
            thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    # --- inside ---------------------------------------------------------------------------

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _run(self, generation: int) -> None:
        outcome = self._play_all(generation)
        if outcome.played:
            log.info("alarm sound played%s", f" ({outcome.reason})" if outcome.reason else "")
        else:
            log.warning("alarm sound not played: %s", outcome.reason)
        callback = self.on_outcome
        if callback is not None:
            try:
                callback(outcome)
            except Exception as error:
                log.warning("alarm sound report failed (%s)", type(error).__name__)

    def _play_all(self, generation: int) -> PlayOutcome:
        if not self._path.is_file():
            return PlayOutcome(False, NO_FILE)
        try:
            player = self._find()
        except Exception as error:
            return PlayOutcome(False, f"looking for a player failed ({type(error).__name__})")
        if player is None:
            return PlayOutcome(False, f"{NO_PLAYER} ({', '.join(player_names())})")
        with self._lock:
            if generation != self._generation:
                return PlayOutcome(True, "stopped", player.name)
            self._player = player
        try:
            for _ in range(self._loops):
                if not self._current(generation):
                    return PlayOutcome(True, "stopped", player.name)
                outcome = player.play_file(self._path, timeout=self._timeout)
                if not outcome.played or outcome.reason == "stopped":
                    return outcome
            return PlayOutcome(True, player=player.name)
        except Exception as error:
            return PlayOutcome(False, f"unexpected {type(error).__name__}", player.name)
        finally:
            with self._lock:
                if self._player is player:
                    self._player = None
