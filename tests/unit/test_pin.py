import base64
import hashlib
import time

import pytest

from companion.core.pin import hash_pin, validate_new_pin, verify_pin
from companion.core.validation import InvalidInput


def test_a_stored_pin_is_a_salted_scrypt_hash_not_the_pin():
    stored = hash_pin("482913")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", str(2**14), "8", "1")
    assert len(base64.b64decode(salt)) == 16
    assert len(base64.b64decode(digest)) == 32
    assert "482913" not in stored
    assert base64.b64decode(digest) == hashlib.scrypt(
        b"482913", salt=base64.b64decode(salt), n=2**14, r=8, p=1, dklen=32
    )


def test_the_same_pin_gets_a_different_salt_each_time():
    assert hash_pin("1234") != hash_pin("1234")


def test_the_right_pin_is_accepted_and_a_wrong_one_is_not():
    stored = hash_pin("2580")
    assert verify_pin("2580", stored)
    assert verify_pin(" 2580 ", stored)
    assert not verify_pin("2581", stored)
    assert not verify_pin("", stored)
    assert not verify_pin("25800", stored)


def test_digits_of_other_scripts_count_as_the_same_digits():
    stored = hash_pin("1234")
    assert verify_pin("١٢٣٤", stored)  # Arabic-Indic
    assert verify_pin("\uff11\uff12\uff13\uff14", stored)  # full-width


def test_hashing_is_quick_enough_for_a_dialog():
    began = time.perf_counter()
    stored = hash_pin("1234")
    verify_pin("1234", stored)
    assert (time.perf_counter() - began) / 2 < 0.25  # about 0.05 s each on a laptop


def test_an_empty_pin_is_never_hashed():
    with pytest.raises(ValueError):
        hash_pin("  ")


def _salt_and_hash():
    return hash_pin("1234").split("$", 4)[4]


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "1234",
        "scrypt",
        "scrypt$$$$$",
        "bcrypt$16384$8$1$" + _salt_and_hash(),
        "scrypt$16384$8$1$not base64!$also not",
        "scrypt$16384$8$1$$" + _salt_and_hash().split("$")[1],
        "scrypt$16384$8$1$" + _salt_and_hash().split("$")[0] + "$",
        "scrypt$16383$8$1$" + _salt_and_hash(),  # n not a power of two
        "scrypt$0$8$1$" + _salt_and_hash(),
        "scrypt$-16384$8$1$" + _salt_and_hash(),
        "scrypt$1073741824$8$1$" + _salt_and_hash(),  # would take forever
        "scrypt$16384$0$1$" + _salt_and_hash(),
        "scrypt$16384$8$99$" + _salt_and_hash(),
        "scrypt$16384$8$1$" + _salt_and_hash() + "$extra",
        "scrypt$१६३८४$8$1$" + _salt_and_hash(),  # non-ASCII digits
        None,
        12345,
    ],
)
def test_a_damaged_stored_value_means_no_and_never_an_error(stored):
    assert verify_pin("1234", stored) is False


def test_a_hash_with_a_different_cost_still_verifies():
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"9876", salt=salt, n=2**10, r=8, p=1, dklen=32)
    stored = (
        f"scrypt${2**10}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    )
    assert verify_pin("9876", stored)
    assert not verify_pin("9877", stored)


@pytest.mark.parametrize("pin", ["1234", "123456789012", "0000", " 4821 "])
def test_a_good_new_pin_is_accepted(pin):
    assert validate_new_pin(pin, pin) == pin.strip()


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("", "Enter a PIN of 4 to 12 numbers."),
        ("   ", "Enter a PIN of 4 to 12 numbers."),
        ("123", "too short: use 4 to 12 numbers"),
        ("1234567890123", "too long: use 4 to 12 numbers"),
        ("12a4", "only numbers"),
        ("12 34", "only numbers"),
        ("-1234", "only numbers"),
        ("12.34", "only numbers"),
        ("½234", "only numbers"),
    ],
)
def test_a_bad_new_pin_is_refused_on_the_pin_field(pin, words):
    with pytest.raises(InvalidInput, match=words) as problem:
        validate_new_pin(pin, pin)
    assert problem.value.field == "pin"


def test_the_pin_must_be_typed_twice_the_same():
    with pytest.raises(InvalidInput, match="not the same") as problem:
        validate_new_pin("1234", "1243")
    assert problem.value.field == "pin_confirm"


def test_a_missing_confirmation_is_asked_for():
    with pytest.raises(InvalidInput, match="same PIN again") as problem:
        validate_new_pin("1234", "")
    assert problem.value.field == "pin_confirm"


def test_a_bad_pin_is_reported_before_the_confirmation():
    with pytest.raises(InvalidInput) as problem:
        validate_new_pin("12", "99")
    assert problem.value.field == "pin"


def test_a_new_pin_in_other_digits_is_stored_as_plain_digits():
    assert validate_new_pin("١٢٣٤", "1234") == "1234"
