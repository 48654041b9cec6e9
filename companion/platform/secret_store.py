"""The e-mail password, kept only in the operating system's keyring (``keyring``).

Secret Service or KWallet on Linux, Keychain on macOS, Credential Locker on Windows. When
no keyring works here, Companion says so and keeps the password nowhere: not in its
database, not in a file, not in the log. ``keyring`` is imported on first use only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "Companion e-mail"
NO_KEYRING = (
    "This computer has no password keyring that Companion can use, so it cannot keep an "
    "e-mail password, and keeps it nowhere else. Set up a keyring (for example GNOME Keyring "
    "or KWallet), or use an e-mail program on this computer that needs no password."
)
KEYRING_FAILED = (
    "The password keyring did not answer, so the password was not saved. If the keyring is "
    "locked, unlock it (log in again), then try again."
)


class NoKeyring(RuntimeError):
    """No keyring works here; ``str()`` says so in plain words."""


@dataclass(frozen=True)
class KeyringState:
    usable: bool
    words: str
    """e.g. "Passwords are kept in: SecretService Keyring"."""


def _is_real(backend: KeyringBackend) -> bool:
    from keyring.backends import chainer, fail

    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return bool(backend.backends)
    return type(backend).__module__ != "keyring.backends.null"


class PasswordStore:
    """Saves, reads and removes the e-mail password in the keyring.

    ``backend`` None: the keyring ``keyring`` picks for this computer (found on first use).
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        if not _is_real(self._backend):
            raise NoKeyring(NO_KEYRING)
        return self._backend

    def state(self) -> KeyringState:
        try:
            backend = self._keyring()
        except NoKeyring as problem:
            return KeyringState(False, str(problem))
        return KeyringState(True, f"Passwords are kept in: {getattr(backend, 'name', 'keyring')}")

    def save(self, user: str, password: str) -> None:
        """Keep ``password`` for ``user``; NoKeyring (nothing kept anywhere) when it cannot."""
        from keyring.errors import KeyringError

        backend = self._keyring()
        try:
            backend.set_password(SERVICE, user, password)
        except (KeyringError, OSError) as error:
            log.warning("the keyring refused the password: %s", type(error).__name__)
            raise NoKeyring(KEYRING_FAILED) from None

    def load(self, user: str) -> str | None:
        """The saved password, or None (none saved, or no keyring)."""
        from keyring.errors import KeyringError

        try:
            return self._keyring().get_password(SERVICE, user)
        except NoKeyring:
            return None
        except (KeyringError, OSError) as error:
            log.warning("the keyring could not be read: %s", type(error).__name__)
            return None

    def has_password(self, user: str) -> bool:
        return self.load(user) is not None

    def remove(self, user: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            self._keyring().delete_password(SERVICE, user)
        except (NoKeyring, PasswordDeleteError):
            return
        except (KeyringError, OSError) as error:
            log.warning("the keyring could not remove a password: %s", type(error).__name__)
