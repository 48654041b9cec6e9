"""The caregiver PIN: checked when set, kept only as a salted scrypt hash; a growing wait
after too many wrong tries; a recovery code that removes a forgotten PIN.

Stored form of the PIN and of the recovery code: ``scrypt$n$r$p$salt_b64$hash_b64``.
Neither is ever stored itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from companion.core.validation import InvalidInput

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
HASH_BYTES = 32

_SCHEME = "scrypt"
# Limits on what a stored value may ask for, so a damaged or hostile value cannot make
# checking a PIN take minutes or all the memory.
_MAX_N = 2**16
_MAX_R = 16
_MAX_P = 4
_MAX_MEMORY = 256 * 1024 * 1024


def _normalise(pin: str) -> str:
    """The PIN as ASCII digits: spaces around it dropped, other scripts' digits mapped."""
    text = unicodedata.normalize("NFKC", pin).strip()
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        secret.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=dklen,
        maxmem=_MAX_MEMORY,
    )


def _hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    return f"{_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``, safe to store."""
    if not _normalise(pin):
        raise ValueError("an empty PIN cannot be hashed")
    return _hash_secret(_normalise(pin))


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the stored hash; False (never an error) if ``stored`` is bad."""
    return _verify_secret(_normalise(pin) if isinstance(pin, str) else "", stored)


def _verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n_text, r_text, p_text, salt_text, hash_text = stored.split("$")
        if scheme != _SCHEME or not all(
            part.isascii() and part.isdigit() for part in (n_text, r_text, p_text)
        ):
            return False
        n, r, p = int(n_text), int(r_text), int(p_text)
        if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
            return False
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(hash_text, validate=True)
        if not salt or not 16 <= len(expected) <= 64:
            return False
        actual = _scrypt(secret, salt, n, r, p, len(expected))
    except (ValueError, TypeError, AttributeError, binascii.Error, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)


def validate_new_pin(pin: str, confirm: str) -> str:
    """The new PIN (4 to 12 digits) when both entries agree; InvalidInput otherwise."""
    chosen = _normalise(pin)
    if not chosen:
        raise InvalidInput("pin", "Enter a PIN of 4 to 12 numbers.")
    if not (chosen.isascii() and chosen.isdigit()):
        raise InvalidInput("pin", "Use only numbers in the PIN: no letters, spaces or signs.")
    if len(chosen) < PIN_MIN_DIGITS:
        raise InvalidInput("pin", "The PIN is too short: use 4 to 12 numbers.")
    if len(chosen) > PIN_MAX_DIGITS:
        raise InvalidInput("pin", "The PIN is too long: use 4 to 12 numbers.")
    again = _normalise(confirm)
    if not again:
        raise InvalidInput("pin_confirm", "Type the same PIN again to check it.")
    if not hmac.compare_digest(chosen.encode("ascii"), again.encode("utf-8")):
        raise InvalidInput("pin_confirm", "The two PINs are not the same. Please type them again.")
    return chosen


# --- a growing wait after wrong tries ------------------------------------------------------

FREE_TRIES = 5
"""Wrong tries allowed before the first wait."""
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)


def wait_after(failures: int) -> timedelta:
    """How long to wait after ``failures`` wrong tries in a row: none for the first four;
    30 seconds after the fifth, then twice as long after each more, one hour at most."""
    if failures < FREE_TRIES:
        return timedelta(0)
    doublings = min(failures - FREE_TRIES, 32)
    return min(FIRST_WAIT * (1 << doublings), LONGEST_WAIT)


@dataclass(frozen=True)
class PinTries:
    """Wrong tries in a row, and when the next try is allowed (aware UTC; None: now)."""

    failures: int = 0
    next_try_at: datetime | None = None


def after_wrong_try(tries: PinTries, now: datetime) -> PinTries:
    """The count and the next allowed try after one more wrong PIN at ``now``."""
    failures = tries.failures + 1
    wait = wait_after(failures)
    return PinTries(failures=failures, next_try_at=now + wait if wait else None)


def time_to_wait(tries: PinTries, now: datetime) -> timedelta:
    """How long until the next try is allowed (zero: now).

    A clock set back never stretches the wait beyond its full length for this count.
    """
    if tries.next_try_at is None:
        return timedelta(0)
    left = tries.next_try_at - now
    return max(timedelta(0), min(left, wait_after(tries.failures)))


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}" if number == 1 else f"{number} {unit}s"


def wait_in_words(left: timedelta) -> str:
    """ "Too many wrong tries. Try again in 1 minute." ("" when there is nothing to wait)."""
    seconds = math.ceil(left.total_seconds())
    if seconds <= 0:
        return ""
    if seconds < 60:
        when = _count(seconds, "second")
    elif seconds < 3600:
        when = _count(math.ceil(seconds / 60), "minute")
    else:
        when = _count(math.ceil(seconds / 3600), "hour")
    return f"Too many wrong tries. Try again in {when}."


# --- the recovery code ----------------------------------------------------------------------

RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
"""No 0/O, 1/I/L: nothing that reads as another character when written by hand."""
RECOVERY_GROUPS = 3
RECOVERY_GROUP_LENGTH = 4


def new_recovery_code() -> str:
    """A random code to write down, like "K7QF-M2XD-9RTA" (about 59 bits)."""
    groups = (
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LENGTH))
        for _ in range(RECOVERY_GROUPS)
    )
    return "-".join(groups)


def _normalise_code(code: str) -> str:
    """Upper case, without spaces or dashes: "k7qf m2xd-9rta" -> "K7QFM2XD9RTA"."""
    text = unicodedata.normalize("NFKC", code).upper()
    return "".join(char for char in text if char.isascii() and char.isalnum())


def hash_recovery_code(code: str) -> str:
    """A salted scrypt hash of the recovery code, safe to store."""
    secret = _normalise_code(code)
    if not secret:
        raise ValueError("an empty recovery code cannot be hashed")
    return _hash_secret(secret)


def verify_recovery_code(typed: str, stored: str) -> bool:
    """Whether ``typed`` is the recovery code (spaces, dashes and case do not matter)."""
    secret = _normalise_code(typed) if isinstance(typed, str) else ""
    return bool(secret) and _verify_secret(secret, stored)
