"""The dose alarm's chime, played through Qt Multimedia when it can be.

Sound is one channel among several (the window, the tray, a notification): if it cannot
play — no Qt Multimedia, no audio device, a file that will not load — ``play()`` logs one
line and returns, so the rest of the alarm goes on. Log lines never name a medicine.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from companion.paths import resources_dir

log = logging.getLogger(__name__)

ALARM_WAV = "alarm.wav"
DEFAULT_LOOPS = 3
"""The chime is about a second long: three in a row is hard to miss, yet short."""
DEFAULT_VOLUME = 0.9


def alarm_wav_path() -> Path:
    return resources_dir() / "sounds" / ALARM_WAV


class AlarmSound:
    """Plays the alarm chime; never raises, whatever the machine's sound set-up.

    Qt Multimedia is imported on first use, so starting Companion does not pay for it.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        loops: int = DEFAULT_LOOPS,
        volume: float = DEFAULT_VOLUME,
    ) -> None:
        self._path = path if path is not None else alarm_wav_path()
        self._loops = max(1, loops)
        self._volume = min(1.0, max(0.0, volume))
        self._effect: Any = None
        self._problem = ""
        """Why sound can never work in this session (Qt Multimedia missing or broken)."""
        self._wanted = False
        """The effect was asked to play (and not stopped): a later load failure is logged."""

    @property
    def available(self) -> bool:
        """True when the chime can be played right now (an audio device, a loadable file)."""
        try:
            effect = self._ready_effect()
            return effect is not None and not self._no_device() and not self._failed(effect)
        except Exception:
            return False

    def play(self) -> None:
        """Start the chime, or log one line saying why it cannot play."""
        self._wanted = False
        try:
            effect = self._ready_effect()
            if effect is None:
                self._report(self._problem)
            elif self._no_device():
                self._report("there is no audio output device")
            elif self._failed(effect):
                self._report("the sound file could not be played")
            else:
                effect.stop()
                self._wanted = True
                effect.play()
                log.info("alarm sound playing")
        except Exception as error:
            self._report(f"unexpected {type(error).__name__}")

    def stop(self) -> None:
        self._wanted = False
        try:
            if self._effect is not None:
                self._effect.stop()
        except Exception as error:
            log.warning("alarm sound could not be stopped (%s)", type(error).__name__)

    # --- inside ---------------------------------------------------------------------------

    @staticmethod
    def _report(reason: str) -> None:
        log.warning("alarm sound not played: %s", reason)

    def _ready_effect(self) -> Any:
        """The QSoundEffect, made on first use; None if Qt Multimedia cannot be used."""
        if self._effect is not None or self._problem:
            return self._effect
        if not self._path.is_file():
            self._problem = "the sound file is missing"
            return None
        try:
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            self._problem = "Qt Multimedia is not installed"
            return None
        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(self._path)))
        effect.setLoopCount(self._loops)
        effect.setVolume(self._volume)
        effect.statusChanged.connect(self._status_changed)
        self._effect = effect
        return effect

    @staticmethod
    def _no_device() -> bool:
        from PySide6.QtMultimedia import QMediaDevices

        return not QMediaDevices.audioOutputs()

    @staticmethod
    def _failed(effect: Any) -> bool:
        from PySide6.QtMultimedia import QSoundEffect

        return bool(effect.status() == QSoundEffect.Status.Error)

    def _status_changed(self) -> None:
        """The file loads in the background: a failure shows up here, after play()."""
        try:
            if self._wanted and self._effect is not None and self._failed(self._effect):
                self._wanted = False
                self._report("the sound file could not be played")
        except Exception as error:
            self._report(f"unexpected {type(error).__name__}")
