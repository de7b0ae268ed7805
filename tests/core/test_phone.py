"""The phone normaliser: one caller, one key, however the number is written."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from agent_desk.core.phone import (
    InvalidPhoneNumber,
    format_display,
    is_withheld,
    mask,
    mask_stored,
    normalize,
    try_normalize,
)

MOBILE = "+8613800138000"
BEIJING = "+861012345678"


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "+86 138 0013 8000",
        "008613800138000",
        "86-138-0013-8000",
        "+86-13800138000",
        "8613800138000",
        "138.0013.8000",
        " 138 0013 8000 ",
        "１３８００１３８０００",  # full-width digits from a Chinese IME
        "＋８６　１３８－００１３－８０００",
        "+86 138—0013—8000",  # em dashes pasted from a document
        "tel:+8613800138000",
        "sip:13800138000@pbx.example.com;user=phone",
        "+86 138 0013 8000 ext. 12",
    ],
)
def test_mobile_spellings_are_one_caller(raw: str) -> None:
    assert normalize(raw) == MOBILE


@pytest.mark.parametrize(
    "raw",
    [
        "010-12345678",
        "(010) 1234 5678",
        "+86 10 1234 5678",
        "0086 10 12345678",
        "86 010 12345678",
        "+86 (0)10 1234 5678",
        "010-12345678转8001",  # extension on a business card
        "010 1234 5678 分机 8001",
        "（010）12345678",
    ],
)
def test_landline_spellings_are_one_caller(raw: str) -> None:
    assert normalize(raw) == BEIJING


def test_other_area_codes_and_countries() -> None:
    assert normalize("0755-1234 5678") == "+8675512345678"
    assert normalize("+1 650 253 0000") == "+16502530000"
    assert normalize("001 650 253 0000") == "+16502530000"
    assert normalize("+852 2123 4567") == "+85221234567"


def test_region_decides_numbers_without_country_code() -> None:
    assert normalize("(650) 253-0000", region="US") == "+16502530000"
    assert normalize("+8613800138000", region="US") == MOBILE
    assert normalize("13800138000", region="cn") == MOBILE
    # Two numbers in one field are not one number.
    assert try_normalize("13800138000, 13900139000") is None
    assert try_normalize("13800138000/13900139000") is None


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("abc", "letters"),
        ("12", "too few digits"),
        ("+86 123", "too few digits"),
        ("1" * 40, "too many digits"),
        ("😀", "letters or symbols"),
        ("13800138000😀", "letters or symbols"),
        ("call 13800138000", "letters"),
        ("12345678", "area code is missing"),
        ("10086", "too few digits"),
        ("+999 1234567", "country code"),
        ("1+3800138000", "'+' may only stand at the start"),
        ("+", "no digits"),
        ("---", "no digits"),
        ("x" * 200, "too long"),
        ("1380013800", ""),  # one digit short of a mobile
        ("138001380001", ""),  # one digit too many
    ],
)
def test_junk_is_refused_with_a_reason(raw: str, why: str) -> None:
    with pytest.raises(InvalidPhoneNumber) as info:
        normalize(raw)
    message = str(info.value)
    assert why in message
    assert "is not a phone number" in message
    assert info.value.raw == raw
    assert try_normalize(raw) is None


def test_error_message_shows_what_was_given_but_not_a_wall_of_text() -> None:
    with pytest.raises(InvalidPhoneNumber) as info:
        normalize("+86 123")
    assert "“+86 123”" in str(info.value)
    with pytest.raises(InvalidPhoneNumber) as info:
        normalize("9" * 60)
    assert len(str(info.value)) < 120


def test_invalid_phone_number_is_a_value_error() -> None:
    assert issubclass(InvalidPhoneNumber, ValueError)


def test_non_text_is_refused_cleanly() -> None:
    with pytest.raises(InvalidPhoneNumber):
        normalize(13800138000)  # type: ignore[arg-type]
    assert try_normalize(None) is None


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "  ",
        "anonymous",
        "Anonymous",
        "ANONYMOUS",
        "unknown",
        "<unknown>",
        "private",
        "Restricted",
        "withheld",
        "unavailable",
        "sip:anonymous@anonymous.invalid",
        "0",
        "0000",
        "000-0000",
        "隐藏号码",
        "未知",
        None,
    ],
)
def test_withheld_markers(raw: str | None) -> None:
    assert is_withheld(raw)
    assert try_normalize(raw) is None


@pytest.mark.parametrize("raw", ["13800138000", "+8613800138000", "abc", "12", "+0000"])
def test_numbers_and_junk_are_not_withheld(raw: str) -> None:
    assert not is_withheld(raw)


def test_format_display_national_at_home_international_abroad() -> None:
    assert format_display(MOBILE) == "138 0013 8000"
    assert format_display(BEIJING) == "010 1234 5678"
    assert format_display("+16502530000") == "+1 650-253-0000"
    assert format_display("+16502530000", region="US") == "(650) 253-0000"


def test_format_display_refuses_junk() -> None:
    with pytest.raises(InvalidPhoneNumber):
        format_display("garbage")


def test_mask() -> None:
    assert mask(MOBILE) == "138****8000"
    assert mask(BEIJING) == "010****5678"
    assert mask("+8675512345678") == "075*****5678"
    assert mask("+16502530000") == "+1 650***0000"
    assert mask("+85221234567") == "+852 212*4567"
    with pytest.raises(InvalidPhoneNumber):
        mask("123")


# --- properties ------------------------------------------------------------

_MOBILE_PREFIXES = [str(p) for p in (*range(130, 140), *range(150, 154), *range(155, 160))]
_MOBILE_PREFIXES += [str(p) for p in (*range(180, 190), 166, 173, 176, 177, 198, 199)]
# Area codes whose subscriber numbers have 8 digits starting 2–8.
_AREA_CODES = ["10", "20", "21", "22", "23", "24", "25", "27", "28", "29", "371", "512", "571"]
_AREA_CODES += ["591", "755", "769", "851"]
_FULL_WIDTH = str.maketrans("0123456789+-()", "０１２３４５６７８９＋－（）")


@st.composite
def cn_mobiles(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A valid CN mobile as (E.164, its national digits grouped 3-4-4)."""
    prefix = draw(st.sampled_from(_MOBILE_PREFIXES))
    rest = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    nsn = prefix + rest
    return "+86" + nsn, [nsn[:3], nsn[3:7], nsn[7:]]


@st.composite
def cn_landlines(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A valid CN landline as (E.164, [area code, subscriber number])."""
    area = draw(st.sampled_from(_AREA_CODES))
    subscriber = draw(st.sampled_from("2345678")) + draw(st.text(alphabet="0123456789", min_size=7, max_size=7))
    canonical = "+86" + area + subscriber
    # A few blocks (e.g. Beijing 8000 xxxx) are unallocated; the metadata is
    # the authority on which numbers exist, our spellings are under test.
    assume(phonenumbers.is_valid_number(phonenumbers.parse(canonical)))
    return canonical, [area, subscriber]


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """(canonical E.164, one way a person or a switch might write it)."""
    canonical, groups = draw(st.one_of(cn_mobiles(), cn_landlines()))
    is_landline = len(groups) == 2
    sep = draw(st.sampled_from(["", " ", "-", ".", "  ", " - "]))
    body = sep.join(groups)
    national = ("0" + body) if is_landline else body
    choices = [
        national,
        "+86" + draw(st.sampled_from(["", " ", "-"])) + body,
        "0086" + draw(st.sampled_from(["", " "])) + body,
        "86" + draw(st.sampled_from(["", " ", "-"])) + body,
    ]
    if is_landline:
        choices.append(f"(0{groups[0]}) {groups[1]}")
        choices.append(f"+86 (0){groups[0]} {groups[1]}")
    text = draw(st.sampled_from(choices))
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    padding = draw(st.sampled_from(["", " ", "\t", "\u3000"]))
    return canonical, padding + text + padding


@settings(max_examples=400)
@given(spellings())
@example(("+8613800138000", "86-138-0013-8000"))
@example(("+861012345678", "861012345678"))
def test_every_spelling_normalises_to_one_key(case: tuple[str, str]) -> None:
    canonical, text = case
    key = normalize(text)
    assert key == canonical
    assert normalize(key) == key


@settings(max_examples=200)
@given(spellings())
def test_display_and_mask_round_trip(case: tuple[str, str]) -> None:
    _, text = case
    key = normalize(text)
    shown = format_display(key)
    assert normalize(shown) == key
    masked = mask(key)
    assert masked.endswith(key[-4:])
    assert masked.count("*") >= 4
    # The mask reveals nothing beyond the first three and last four digits.
    assert sum(ch.isdigit() for ch in masked) == 7


@settings(max_examples=500)
@given(st.text(max_size=40))
@example("\x00")
@example("+86\U0001f4f113800138000")
def test_random_text_gives_a_key_or_invalid_phone_number(text: str) -> None:
    try:
        key = normalize(text)
    except InvalidPhoneNumber as exc:
        assert str(exc)
        assert try_normalize(text) is None
    else:
        assert key.startswith("+")
        assert key[1:].isdigit()
        assert normalize(key) == key
    is_withheld(text)  # must never raise


@settings(max_examples=500)
@given(st.text(alphabet="0123456789 +-().", max_size=24))
def test_digit_soup_gives_a_key_or_invalid_phone_number(text: str) -> None:
    key = try_normalize(text)
    if key is not None:
        assert normalize(key) == key
        assert normalize(format_display(key)) == key


def test_bare_country_code_safety_net() -> None:
    # libphonenumber's own heuristic already strips a bare leading 86 today;
    # this pins our explicit rule in case a metadata update changes that.
    from agent_desk.core.phone import _fix_bare_country_code

    misread = phonenumbers.PhoneNumber(country_code=86, national_number=8613800138000)
    fixed = _fix_bare_country_code("86 138 0013 8000", misread, "CN")
    assert phonenumbers.format_number(fixed, phonenumbers.PhoneNumberFormat.E164) == MOBILE
    # Numbers written with '+' are taken as written.
    assert _fix_bare_country_code("+86 138 0013 8000", misread, "CN") is misread


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+8613800138000", "138****8000"),
        ("1380013", "****0013"),  # a draft's half-typed number
        ("+86123", "****6123"),  # stored before validation tightened
        ("123", "****"),
    ],
)
def test_a_stored_number_is_masked_even_when_it_no_longer_parses(stored: str, shown: str) -> None:
    assert mask_stored(stored) == shown
