"""How an alarm reaches the person: a chain of channels, none of them trusted alone.

The controller builds the chain (alarm window, tray message, desktop notification) and hands
each alarm to :meth:`DeliveryChain.deliver`. A channel that fails is logged and the others
still run. Logs name the channel, the kind of alarm and the exception type only: never a
title, a body or a medicine name.

:class:`DesktopNotifier` is the desktop-notification channel. It sends through plyer on one
background thread, so a slow or hung D-Bus never holds up the GUI thread or the alarm window.
On Linux plyer uses dbus-python when it is installed (``companion[dbus]``), else
``notify-send``; plyer ignores notify-send's exit status, so :class:`CheckedNotifySend` runs
it and checks it: a notification that did not reach the desktop is known, and reported.
"""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any, Literal

from companion import APP_NAME
from companion.core.alarm_rules import notification_text
from companion.core.dose_state import not_marked_title
from companion.core.doses import DoseView

log = logging.getLogger(__name__)

TITLE_MAX_CHARS = 64
BODY_MAX_CHARS = 300
DEFAULT_TIMEOUT_SECONDS = 30
"""How long the desktop shows a notification (plyer's ``timeout``, in seconds)."""
MAX_WAITING_SENDS = 5
"""More sends than this waiting behind a hung D-Bus call are dropped (and logged)."""

NoticeKind = Literal["due", "missed", "test", "reminder"]


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class AlarmNotice:
    """What every channel shows for one alarm. ``title`` and ``body`` are already
    privacy-safe (see :func:`due_notice`); ``kind`` is the only part that is ever logged."""

    kind: NoticeKind
    title: str
    body: str

    def __post_init__(self) -> None:
        # Truncate rather than refuse: an alarm must never fail over its wording.
        object.__setattr__(self, "title", _fit(self.title, TITLE_MAX_CHARS))


def due_notice(doses: Iterable[DoseView], *, private: bool) -> AlarmNotice:
    """The notice for doses that are due now; with ``private`` no medicine is named."""
    title, body = notification_text(doses, private=private)
    return AlarmNotice(kind="due", title=title, body=body)


def missed_notice(doses: Iterable[DoseView], *, private: bool) -> AlarmNotice:
    """The notice for doses that went unmarked; it gives no advice, it only points to
    Companion (where the care team's missed-dose plan is shown)."""
    chosen = list(doses)
    count = len(chosen)
    title = not_marked_title(count)
    if private or not chosen:
        body = "Open Companion to see which."
    else:
        body = "; ".join(f"{dose.label} at {dose.due:%H:%M}" for dose in chosen)
    return AlarmNotice(kind="missed", title=title, body=body)


def practice_notice() -> AlarmNotice:
    """The practice alarm started from Settings."""
    return AlarmNotice(
        kind="test",
        title="Companion test alarm",
        body="This is a practice alarm. If you can see this, notifications work.",
    )


Channel = Callable[[AlarmNotice], object]


@dataclass(frozen=True)
class NamedChannel:
    """A channel with a name for the log, e.g. ``NamedChannel("tray message", tray.show)``."""

    channel_name: str
    send: Channel

    def __call__(self, notice: AlarmNotice) -> None:
        self.send(notice)


def channel_name(channel: Channel) -> str:
    """The name a channel is logged under."""
    named = getattr(channel, "channel_name", None)
    if isinstance(named, str) and named:
        return named
    plain = getattr(channel, "__name__", None)
    return plain if isinstance(plain, str) else type(channel).__name__


def _describe(error: BaseException) -> str:
    """An exception's type (and D-Bus error name), never its message."""
    described = type(error).__name__
    if isinstance(error, NotificationFailed):  # its message is ours, and safe to log
        return f"{described} ({error})"
    dbus_name = getattr(error, "get_dbus_name", None)
    if callable(dbus_name):
        try:
            name = dbus_name()
        except Exception:
            name = None
        if isinstance(name, str) and name:
            described += f" ({name})"
    return described


class DeliveryChain:
    """Hands each alarm to every channel in order; one failing never stops the others."""

    def __init__(self, channels: Sequence[Channel]) -> None:
        self._channels = tuple(channels)

    @property
    def channel_names(self) -> tuple[str, ...]:
        return tuple(channel_name(channel) for channel in self._channels)

    def deliver(self, notice: AlarmNotice) -> tuple[str, ...]:
        """Try every channel; return the names of those that did not raise.

        A channel that only queues its work (like :class:`DesktopNotifier`) counts as
        succeeded once queued; it logs the outcome itself.
        """
        succeeded: list[str] = []
        for channel in self._channels:
            name = channel_name(channel)
            try:
                channel(notice)
            except Exception as error:
                log.warning("alarm (%s) through %s failed: %s", notice.kind, name, _describe(error))
                continue
            log.info("alarm (%s) through %s: done", notice.kind, name)
            succeeded.append(name)
        return tuple(succeeded)


NOTIFY_SEND_TIMEOUT_SECONDS = 30
"""notify-send is stopped (and counted as failed) after this long."""


class NotificationFailed(RuntimeError):
    """A desktop notification did not reach the desktop (the reason is safe to log)."""


@functools.cache
def _checked_notify_send_class() -> type[Any]:
    from plyer.platforms.linux.notification import NotifySendNotification

    class CheckedNotifySend(NotifySendNotification):  # type: ignore[misc]
        """plyer's notify-send backend, but the exit status is checked (plyer ignores it)."""

        def _notify(self, **kwargs: Any) -> None:
            timeout_ms = int(kwargs.get("timeout", DEFAULT_TIMEOUT_SECONDS)) * 1000
            command = [
                "notify-send",
                f"--app-name={kwargs.get('app_name', '')}",
                f"--expire-time={timeout_ms}",
                "--",
                str(kwargs.get("title", "")),
                str(kwargs.get("message", "")),
            ]
            try:
                result = subprocess.run(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=NOTIFY_SEND_TIMEOUT_SECONDS,
                    check=False,
                )
            except subprocess.TimeoutExpired as error:
                raise NotificationFailed("notify-send did not finish") from error
            except OSError as error:
                raise NotificationFailed(
                    f"notify-send could not start: {type(error).__name__}"
                ) from error
            if result.returncode != 0:
                raise NotificationFailed(f"notify-send exit status {result.returncode}")

    return CheckedNotifySend


def plyer_backend() -> Any:
    """The plyer notification backend Companion uses on this computer.

    On Linux: plyer's own choice (dbus-python if importable, else notify-send), with its
    notify-send backend replaced by :class:`CheckedNotifySend`; with neither,
    :class:`NotificationFailed` is raised. Elsewhere: plyer's facade as it is.
    """
    if not sys.platform.startswith("linux"):
        from plyer import notification

        return notification
    from plyer.facades import Notification
    from plyer.platforms.linux.notification import NotifySendNotification, instance

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # plyer warns about each backend it passes over
        backend = instance()
    if isinstance(backend, NotifySendNotification):
        return _checked_notify_send_class()()
    if type(backend) is Notification:
        raise NotificationFailed("no backend: neither dbus-python nor notify-send")
    return backend


def _plyer_send(*, title: str, message: str, app_name: str, timeout: int) -> None:
    # plyer is imported on the worker thread: start-up stays fast.
    plyer_backend().notify(title=title, message=message, app_name=app_name, timeout=timeout)


class DesktopNotifier:
    """Desktop notifications through plyer, sent on one background thread.

    ``notify`` returns at once. Failures (no D-Bus, no notification daemon, no backend)
    are logged as one line without the text, and swallowed.
    """

    channel_name = "desktop notification"

    def __init__(
        self,
        *,
        timeout_seconds: int = DEFAULT_TIMEOUT_SECONDS,
        send: Callable[..., None] = _plyer_send,
        max_waiting: int = MAX_WAITING_SENDS,
    ) -> None:
        self._timeout = timeout_seconds
        self._send = send
        self._max_waiting = max_waiting
        self._waiting = 0
        self._lock = threading.Lock()
        self._closed = False
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notifier")

    def __call__(self, notice: AlarmNotice) -> None:
        """Use as a :class:`DeliveryChain` channel."""
        self.notify(notice.title, notice.body)

    def notify(
        self, title: str, body: str, *, on_outcome: Callable[[bool, str], None] | None = None
    ) -> None:
        """Queue one notification; never blocks and never raises.

        ``on_outcome(delivered, reason)`` is called once with how it went (on the worker
        thread, or at once when it is not even queued); ``reason`` is safe to log.
        """
        problem = ""
        with self._lock:
            if self._closed:
                problem = "the notifier is shut down"
            elif self._waiting >= self._max_waiting:
                problem = f"{self._waiting} earlier ones still waiting"
                log.warning("desktop notification dropped: %s", problem)
            else:
                self._waiting += 1
                try:
                    self._executor.submit(
                        self._send_now,
                        _fit(title, TITLE_MAX_CHARS),
                        _fit(body, BODY_MAX_CHARS),
                        on_outcome,
                    )
                except RuntimeError:  # the executor was shut down under us
                    self._waiting -= 1
                    problem = "the notifier is shut down"
        if problem.endswith("shut down"):
            log.warning("desktop notification not sent: %s", problem)
        if problem and on_outcome is not None:
            on_outcome(False, problem)

    def _send_now(
        self, title: str, body: str, on_outcome: Callable[[bool, str], None] | None
    ) -> None:
        delivered, reason = False, ""
        try:
            self._send(title=title, message=body, app_name=APP_NAME, timeout=self._timeout)
        except Exception as error:
            reason = _describe(error)
            log.warning("desktop notification failed: %s", reason)
        else:
            delivered = True
            log.info("desktop notification sent")
        finally:
            with self._lock:
                self._waiting -= 1
        if on_outcome is not None:
            try:
                on_outcome(delivered, reason)
            except Exception as error:
                log.warning("desktop notification report failed (%s)", type(error).__name__)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far was sent (or failed); False on timeout."""
        try:
            marker: Future[None] = self._executor.submit(lambda: None)
        except RuntimeError:
            return True  # shut down: nothing more will run
        try:
            marker.result(timeout=timeout)
        except FutureTimeout:
            return False
        return True

    def wait(self, timeout: float | None = None) -> bool:
        """Same as :meth:`flush`."""
        return self.flush(timeout)

    def shutdown(self) -> None:
        """Stop taking sends; drop those not started. Does not wait for a hung call."""
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=False, cancel_futures=True)
