import base64
import hashlib

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


# --- the growing wait -----------------------------------------------------------------------

from datetime import UTC, datetime, timedelta  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from companion.core.pin import (  # noqa: E402
    LONGEST_WAIT,
    PinTries,
    after_wrong_try,
    hash_recovery_code,
    new_recovery_code,
    time_to_wait,
    verify_recovery_code,
    wait_after,
    wait_in_words,
)

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(0, 0), (1, 0), (4, 0), (5, 30), (6, 60), (7, 120), (8, 240), (11, 1920), (12, 3600)],
)
def test_the_wait_starts_at_the_fifth_wrong_try_and_doubles(failures, seconds):
    assert wait_after(failures) == timedelta(seconds=seconds)


@settings(database=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_the_wait_never_shrinks_and_is_capped_at_an_hour(failures):
    assert timedelta(0) <= wait_after(failures) <= wait_after(failures + 1) <= LONGEST_WAIT


def test_five_wrong_tries_then_a_wait_taken_from_the_clock():
    tries = PinTries()
    for _ in range(4):
        tries = after_wrong_try(tries, T0)
        assert time_to_wait(tries, T0) == timedelta(0)
    tries = after_wrong_try(tries, T0)
    assert tries == PinTries(failures=5, next_try_at=T0 + timedelta(seconds=30))
    assert time_to_wait(tries, T0) == timedelta(seconds=30)
    assert time_to_wait(tries, T0 + timedelta(seconds=29)) == timedelta(seconds=1)
    assert time_to_wait(tries, T0 + timedelta(seconds=30)) == timedelta(0)
    later = after_wrong_try(tries, T0 + timedelta(seconds=30))
    assert time_to_wait(later, T0 + timedelta(seconds=30)) == timedelta(minutes=1)


def test_a_clock_set_back_never_stretches_the_wait():
    tries = after_wrong_try(PinTries(failures=4), T0)
    a_year_earlier = T0 - timedelta(days=365)
    assert time_to_wait(tries, a_year_earlier) == timedelta(seconds=30)


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, ""),
        (-5, ""),
        (0.2, "Too many wrong tries. Try again in 1 second."),
        (30, "Too many wrong tries. Try again in 30 seconds."),
        (59.5, "Too many wrong tries. Try again in 1 minute."),
        (60, "Too many wrong tries. Try again in 1 minute."),
        (61, "Too many wrong tries. Try again in 2 minutes."),
        (3600, "Too many wrong tries. Try again in 1 hour."),
    ],
)
def test_the_wait_is_said_in_words(seconds, words):
    assert wait_in_words(timedelta(seconds=seconds)) == words


# --- the recovery code ----------------------------------------------------------------------


def test_a_recovery_code_is_easy_to_write_down_and_random():
    code = new_recovery_code()
    groups = code.split("-")
    assert [len(group) for group in groups] == [4, 4, 4]
    assert not set("".join(groups)) & set("01IOL")
    assert len({new_recovery_code() for _ in range(50)}) == 50


def test_the_recovery_code_is_stored_only_as_a_hash_and_typed_loosely():
    code = new_recovery_code()
    stored = hash_recovery_code(code)
    assert code.replace("-", "") not in stored
    assert stored.startswith("scrypt$")
    assert verify_recovery_code(code, stored)
    assert verify_recovery_code(" " + code.lower().replace("-", " ") + " ", stored)
    assert not verify_recovery_code(code[:-1] + ("2" if code[-1] != "2" else "3"), stored)
    assert not verify_recovery_code("", stored)
    assert not verify_recovery_code("----", stored)
