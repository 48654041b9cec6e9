"""The caregiver PIN: checked when set, kept only as a salted scrypt hash.

Stored form: ``scrypt$n$r$p$salt_b64$hash_b64``. The PIN itself is never stored.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import unicodedata

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


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        _normalise(pin).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=dklen,
        maxmem=_MAX_MEMORY,
    )


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``, safe to store."""
    if not _normalise(pin):
        raise ValueError("an empty PIN cannot be hashed")
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, HASH_BYTES)
    return f"{_SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the stored hash; False (never an error) if ``stored`` is bad."""
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
        actual = _scrypt(pin, salt, n, r, p, len(expected))
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
