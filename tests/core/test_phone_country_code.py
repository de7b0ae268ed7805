"""The country code in parentheses, as forms print it: ``(+86) 138 0013 8000`` is one caller."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent_desk.core.phone import InvalidPhoneNumber, normalize, try_normalize
from tests.core.test_phone import _FULL_WIDTH, cn_landlines, cn_mobiles

MOBILE = "+8613800138000"
BEIJING = "+861012345678"


@pytest.mark.parametrize(
    "raw",
    [
        "(+86) 138 0013 8000",
        "(+86)13800138000",
        "(+86)-138-0013-8000",
        "(+86) 138-0013-8000",
        "( +86 ) 138 0013 8000",
        "(+86 138) 0013 8000",
        "(86) 138 0013 8000",
        "(86)-138-0013-8000",
        "(0086)13800138000",
        "(0086) 138-0013-8000",
        "(00 86) 138 0013 8000",
        "（+86）138 0013 8000",  # full-width parentheses from a Chinese IME
        "（＋８６）１３８－００１３－８０００",
        "  (+86) 138 0013 8000  ",
        "(+86) 138 0013 8000 转 12",
    ],
)
def test_mobile_with_the_country_code_in_parentheses(raw: str) -> None:
    assert normalize(raw) == MOBILE


@pytest.mark.parametrize(
    "raw",
    [
        "(+86) 10 1234 5678",
        "(+86)010-12345678",
        "(+86) (0)10 1234 5678",
        "(+86)(010)12345678",
        "(86) 10-1234-5678",
        "(0086) 10 12345678",
    ],
)
def test_landline_with_the_country_code_in_parentheses(raw: str) -> None:
    assert normalize(raw) == BEIJING


def test_other_countries_in_parentheses() -> None:
    assert normalize("(+1) 650 253 0000") == "+16502530000"
    assert normalize("(+852) 2123 4567") == "+85221234567"
    assert normalize("(00852) 2123 4567") == "+85221234567"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("(+86)", "phone.not_a_number"),
        ("(+86) 123", "phone.too_few_digits"),
        ("(+86) abc", "phone.bad_characters"),
        ("(+86) 138 0013 8000 😀", "phone.bad_characters"),
        ("(+86) +13800138000", "phone.plus_not_first"),
        (")+86 13800138000", "phone.plus_not_first"),
        ("1(+86)3800138000", "phone.plus_not_first"),
        ("(+999) 1234567", "phone.unknown_prefix_country_code"),
        ("(+86) 12345678", "phone.no_such_numbers"),  # a landline without its area code
        ("(+86) 1380013800", "phone.no_such_numbers"),  # one digit short
        ("(86)", "phone.too_few_digits"),
    ],
)
def test_garbage_in_parentheses_is_still_refused(raw: str, code: str) -> None:
    with pytest.raises(InvalidPhoneNumber) as info:
        normalize(raw)
    assert info.value.code == code
    assert try_normalize(raw) is None


@st.composite
def bracketed(draw: st.DrawFn) -> tuple[str, str]:
    """(canonical E.164, the number with its country code in parentheses, in one of the usual ways)."""
    canonical, groups = draw(st.one_of(cn_mobiles(), cn_landlines()))
    code = draw(st.sampled_from(["+86", "86", "0086", "+ 86", "00 86"]))
    inside = draw(st.sampled_from(["", " "]))
    after = draw(st.sampled_from(["", " ", "-"]))
    sep = draw(st.sampled_from(["", " ", "-"]))
    body = sep.join(groups)
    if len(groups) == 2:  # the area code as written at home, too: 010, (0)10, (010)
        area, subscriber = groups
        body = draw(st.sampled_from([body, f"0{body}", f"(0){body}", f"(0{area}){sep}{subscriber}"]))
    text = f"({inside}{code}{inside}){after}{body}"
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    return canonical, text


@settings(max_examples=300)
@given(bracketed())
def test_every_bracketed_spelling_is_one_caller(case: tuple[str, str]) -> None:
    canonical, text = case
    assert normalize(text) == canonical
