"""The one phone-number normaliser of AgentDesk.

Callers, customers and blacklists are matched on one canonical key: the E.164
form (``+8613800138000``).  Everything that turns typed or signalled numbers
into that key lives here, on top of Google's libphonenumber (``phonenumbers``).

Rules, decided once:

* Only numbers that libphonenumber considers *valid* (a real, dialable range)
  get a key.  Junk (``abc``, ``12``, ``+86 123``, a bare 8-digit local number
  without its area code) raises :class:`InvalidPhoneNumber`, so no customer is
  ever filed under a made-up key.
* Extensions (``转 8001``, ``ext 12``, ``x12``, ``#12``) are accepted and
  dropped: E.164 has no extensions and the switchboard number identifies the
  caller's organisation.
* Full-width characters (``１３８``, ``＋８６``), stray spaces, dots, dashes,
  slashes and parentheses are tolerated; letters and other symbols (emoji) are
  not, because a string that mixes them with digits is more likely a note than
  a number.
* The country code may stand in parentheses, as forms print it:
  ``(+86) 138…``, ``(86) 138…``, ``(0086) 138…``, ``（+86）138…``.  A ``+`` is
  at the start when only spaces and opening parentheses come before it.
* ``tel:`` URIs and ``sip:user@host`` addresses (what CTI platforms send as ANI)
  are reduced to their user part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import ClassVar, Final

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat
from phonenumbers import ValidationResult as _Possible

from agent_desk.core.errors import CodedError

__all__ = [
    "DEFAULT_REGION",
    "InvalidPhoneNumber",
    "format_display",
    "is_withheld",
    "last_four_of",
    "mask",
    "normalize",
    "try_normalize",
]

DEFAULT_REGION: Final = "CN"

# Longer than any real number plus formatting; stops pathological input early
# and keeps error messages short.
_MAX_INPUT_LENGTH: Final = 64
_MESSAGE_ECHO_LENGTH: Final = 32
# Chinese subscriber numbers without area code have 7 or 8 digits.
_MIN_SUBSCRIBER_DIGITS: Final = 7
_MAX_LOCAL_DIGITS: Final = 8

# What platforms, SIP stacks and PBXs put in the ANI when the caller withheld
# the number (RFC 3323 "anonymous", Asterisk "<unknown>", carrier wording, and
# what Chinese PBX consoles show).  Compared after casefolding and trimming.
_WITHHELD_MARKERS: Final = frozenset(
    {
        "anonymous",
        "unknown",
        "<unknown>",
        "private",
        "restricted",
        "withheld",
        "unavailable",
        "blocked",
        "hidden",
        "not available",
        "out of area",
        "no caller id",
        "unknown caller",
        "private number",
        "未知",
        "未知号码",
        "隐藏号码",
        "私人号码",
        "无主叫号码",
        "无来电显示",
        "匿名",
    }
)

_URI_SCHEME = re.compile(r"^(?:tel|sips?):", re.IGNORECASE)
# Extension markers used on Chinese and Western business cards and PBX exports.
_EXTENSION = re.compile(r"\s*(?:转|分机|分机号|ext\.?|extension|x|#|;ext=|,)\s*\d{1,8}\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^[\s(]+")
_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_ALLOWED_PUNCTUATION: Final = frozenset(" +-.()/")


# Why a text is no phone number, by code: the end of the English sentence "“…” is not a phone number: …".
_REASONS: Final[Mapping[str, str]] = {
    "phone.not_text": "a phone number must be text",
    "phone.far_too_long": "it is far too long",
    "phone.empty": "it is empty",
    "phone.bad_characters": "it contains letters or symbols that are not part of a phone number",
    "phone.plus_not_first": "a '+' may only stand at the start",
    "phone.no_digits": "it contains no digits",
    "phone.unknown_prefix_country_code": "the country code after '+' or '00' is unknown",
    "phone.too_short_after_prefix": "too few digits after the international prefix",
    "phone.not_a_number": "it does not look like a phone number",
    "phone.unknown_country_code": "the country code is unknown",
    "phone.too_few_digits": "it has too few digits",
    "phone.too_many_digits": "it has too many digits",
    "phone.service_number": "it has too few digits for a full phone number",
    "phone.area_code_missing": "the area code is missing (write landlines like 010-12345678)",
    "phone.wrong_length": "it has the wrong number of digits",
    "phone.no_such_numbers": "no phone numbers of that form exist under country code +{country_code}",
}


class InvalidPhoneNumber(CodedError, ValueError):
    """The text given is not a phone number that can be used as a match key.

    ``raw`` is what was given, ``code`` says why (``reason``: the same in short English words).
    """

    messages: ClassVar[Mapping[str, str]] = {
        code: "“{number}” is not a phone number: " + reason + "." for code, reason in _REASONS.items()
    }

    def __init__(self, raw: str, code: str, **params: object) -> None:
        self.raw = raw
        shown = raw if len(raw) <= _MESSAGE_ECHO_LENGTH else raw[:_MESSAGE_ECHO_LENGTH] + "…"
        super().__init__(code, number=shown, **params)
        self.reason = _REASONS.get(code, code).format_map(params)


# Parsing costs ~0.1 ms, and pops and lists see the same numbers again and again; both functions are
# pure, and an invalid number is not cached (the exception is raised anew).
@lru_cache(maxsize=16_384)
def normalize(raw: str, region: str = DEFAULT_REGION) -> str:
    """Return the canonical E.164 form of ``raw`` or raise :class:`InvalidPhoneNumber`.

    ``region`` is the region assumed for numbers written without a country
    code (the desk's home country).
    """
    return phonenumbers.format_number(_parse_valid(raw, region), PhoneNumberFormat.E164)


def try_normalize(raw: str | None, region: str = DEFAULT_REGION) -> str | None:
    """Like :func:`normalize`, but ``None`` instead of an exception."""
    if raw is None:
        return None
    try:
        return normalize(raw, region)
    except InvalidPhoneNumber:
        return None


def is_withheld(raw: str | None) -> bool:
    """True when the ANI says the caller withheld their number.

    Empty ANI, the usual textual markers and all-zero digit strings (what some
    trunks send instead of nothing) count as withheld.  Junk that is neither a
    number nor a withheld marker is *not* withheld; :func:`try_normalize`
    tells those apart.
    """
    if raw is None:
        return True
    text = unicodedata.normalize("NFKC", raw).strip().casefold()
    if _URI_SCHEME.match(text):
        text = _URI_SCHEME.sub("", text).split("@", 1)[0].strip()
    text = text.strip("\"'")
    if not text or text in _WITHHELD_MARKERS:
        return True
    digits_only = "".join(ch for ch in text if ch not in _ALLOWED_PUNCTUATION)
    return digits_only != "" and set(digits_only) == {"0"} and not text.startswith("+")


@lru_cache(maxsize=16_384)
def format_display(e164: str, region: str = DEFAULT_REGION) -> str:
    """Format a number for people: national format at home, international abroad.

    ``138 0013 8000`` and ``010 1234 5678`` for CN numbers on a CN desk,
    ``+1 650-253-0000`` for a US number.  Accepts any spelling
    :func:`normalize` accepts, and the result normalises back to the same key.
    """
    number = _parse_valid(e164, region)
    if phonenumbers.region_code_for_number(number) == region.upper():
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def display_number(stored: str, region: str = DEFAULT_REGION) -> str:
    """For showing a stored number: its display form, or the text as stored when it is no valid number
    (a record made before validation tightened must never break a pop or a list)."""
    try:
        return format_display(stored, region)
    except InvalidPhoneNumber:
        return stored


def mask(e164: str, region: str = DEFAULT_REGION) -> str:
    """Mask a number for lists shown to roles that do not need it.

    Keeps the first 3 and last 4 national digits: ``138****8000`` for a
    mobile, ``010****5678`` for a Beijing landline.  Numbers from other
    countries keep their country code (``+1 650***0000``) so the masked form
    still tells people where the caller is.
    """
    number = _parse_valid(e164, region)
    at_home = phonenumbers.region_code_for_number(number) == region.upper()
    if at_home:
        # With the trunk prefix, as people dial it: 010****5678.
        national = re.sub(r"\D", "", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    else:
        # After "+44" a trunk 0 would be wrong, so the bare significant number.
        national = phonenumbers.national_significant_number(number)
    if len(national) >= 8:
        masked = national[:3] + "*" * (len(national) - 7) + national[-4:]
    else:
        masked = "*" * max(len(national) - 4, 1) + national[-4:]
    return masked if at_home else f"+{number.country_code} {masked}"


def mask_stored(stored: str, region: str = DEFAULT_REGION) -> str:
    """:func:`mask` for whatever a record holds, never raising.

    A value that does not parse (a draft's half-typed number, a record stored before validation
    tightened) shows no more than its last four characters: never more than a masked list would.
    """
    try:
        return mask(stored, region)
    except InvalidPhoneNumber:
        return "****" + stored[-4:] if len(stored) > 4 else "****"


def last_four_of(stored: str) -> str:
    """The last four digits of a stored number: what agents ask a caller for, and what a masked
    number (138****8000) still shows."""
    return "".join(ch for ch in stored if ch.isdigit())[-4:]


def _parse_valid(raw: str, region: str) -> PhoneNumber:
    if not isinstance(raw, str):
        raise InvalidPhoneNumber(repr(raw), "phone.not_text")
    region = region.upper()  # libphonenumber only knows upper-case region codes
    text = _clean(raw)
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as exc:
        raise InvalidPhoneNumber(raw, _parse_failure_reason(exc)) from None
    number = _fix_bare_country_code(text, number, region)
    if not phonenumbers.is_valid_number(number):
        raise _invalid(raw, text, number)
    number.extension = None
    return number


def _clean(raw: str) -> str:
    """Reduce the input to digits, one leading ``+`` and harmless punctuation."""
    if len(raw) > _MAX_INPUT_LENGTH:
        raise InvalidPhoneNumber(raw, "phone.far_too_long")
    text = unicodedata.normalize("NFKC", raw).strip()
    if _URI_SCHEME.match(text):
        text = _URI_SCHEME.sub("", text).split("@", 1)[0].split(";", 1)[0].strip()
    text = _EXTENSION.sub("", text) if any(ch.isdecimal() for ch in text) else text
    if not text:
        raise InvalidPhoneNumber(raw, "phone.empty")
    out: list[str] = []
    for ch in text:
        if ch.isdecimal():
            # Any script's decimal digits (Arabic-Indic, Devanagari…) count.
            out.append(str(unicodedata.decimal(ch)))
        elif ch in _DASHES:
            out.append("-")
        elif ch in _ALLOWED_PUNCTUATION or ch.isspace():
            out.append(ch if ch != "+" or not _lead("".join(out)) else "\x00")
        else:
            raise InvalidPhoneNumber(raw, "phone.bad_characters")
    cleaned = "".join(out)
    if "\x00" in cleaned:
        raise InvalidPhoneNumber(raw, "phone.plus_not_first")
    if not any(ch.isdigit() for ch in cleaned):
        raise InvalidPhoneNumber(raw, "phone.no_digits")
    return cleaned


def _lead(text: str) -> str:
    """``text`` without what may come before a leading ``+`` or ``00``: spaces and opening
    parentheses (``(+86) 138…``)."""
    return _LEAD.sub("", text)


def _fix_bare_country_code(text: str, number: PhoneNumber, region: str) -> PhoneNumber:
    """Read ``86 138…`` as ``+86 138…`` when the national reading is no number.

    libphonenumber already does this for most inputs; this keeps the rule
    explicit and independent of its heuristics.
    """
    if phonenumbers.is_valid_number(number) or _lead(text).startswith("+"):
        return number
    digits = re.sub(r"\D", "", text)
    country_code = str(phonenumbers.country_code_for_region(region.upper()))
    if country_code == "0" or not digits.startswith(country_code):
        return number
    try:
        candidate = phonenumbers.parse("+" + digits, region)
    except NumberParseException:
        return number
    return candidate if phonenumbers.is_valid_number(candidate) else number


def _parse_failure_reason(exc: NumberParseException) -> str:
    reasons = {
        NumberParseException.INVALID_COUNTRY_CODE: "phone.unknown_prefix_country_code",
        NumberParseException.TOO_SHORT_AFTER_IDD: "phone.too_short_after_prefix",
        NumberParseException.TOO_SHORT_NSN: "phone.too_few_digits",
        NumberParseException.TOO_LONG: "phone.too_many_digits",
    }
    return reasons.get(exc.error_type, "phone.not_a_number")


def _invalid(raw: str, text: str, number: PhoneNumber) -> InvalidPhoneNumber:
    possible = phonenumbers.is_possible_number_with_reason(number)
    if possible == _Possible.INVALID_COUNTRY_CODE:
        return InvalidPhoneNumber(raw, "phone.unknown_country_code")
    if possible == _Possible.TOO_SHORT:
        return InvalidPhoneNumber(raw, "phone.too_few_digits")
    if possible == _Possible.TOO_LONG:
        return InvalidPhoneNumber(raw, "phone.too_many_digits")
    significant = len(phonenumbers.national_significant_number(number))
    if significant < _MIN_SUBSCRIBER_DIGITS:
        # Service codes such as 10086 or 95588 identify a company, not a caller.
        return InvalidPhoneNumber(raw, "phone.service_number")
    written_locally = not _lead(text).startswith(("+", "0"))
    if possible == _Possible.IS_POSSIBLE_LOCAL_ONLY or (written_locally and significant <= _MAX_LOCAL_DIGITS):
        return InvalidPhoneNumber(raw, "phone.area_code_missing")
    if possible == _Possible.INVALID_LENGTH:
        return InvalidPhoneNumber(raw, "phone.wrong_length")
    # The geocoder would name the country, but costs half a second to import.
    return InvalidPhoneNumber(raw, "phone.no_such_numbers", country_code=number.country_code)
