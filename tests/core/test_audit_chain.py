"""The audit hash chain: stable bytes, and every kind of tampering found."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agent_desk.core.audit_chain import (
    GENESIS,
    BreakReason,
    canonical_bytes,
    chain_hash,
    verify_chain,
)
from agent_desk.core.orders import OrderState

Row = tuple[int, str, str, dict[str, Any]]
BEIJING = dt.timezone(dt.timedelta(hours=8))


def event(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "order_id": 100 + n % 3,
        "actor_id": n % 5,
        "role": "auditor",
        "at": dt.datetime(2026, 11, 22, 9, 0, n % 60, tzinfo=dt.UTC),
        "from": "pending_review",
        "to": "returned",
        "reason": f"地址不全 #{n}",
        "changes": {"recipient_phone": ["138****8000", "139****9000"]},
        **extra,
    }


def build(events: list[dict[str, Any]], first_id: int = 1) -> list[Row]:
    rows: list[Row] = []
    prev = GENESIS
    for i, ev in enumerate(events):
        h = chain_hash(prev, ev)
        rows.append((first_id + i, prev, h, ev))
        prev = h
    return rows


# --- canonical bytes -------------------------------------------------------


def test_canonical_bytes_are_sorted_compact_utf8() -> None:
    assert canonical_bytes({"b": 1, "a": [1, 2], "c": {"z": None, "y": True}}) == (
        b'{"a":[1,2],"b":1,"c":{"y":true,"z":null}}'
    )
    assert canonical_bytes({"reason": "退货"}) == '{"reason":"退货"}'.encode()


def test_key_order_does_not_matter() -> None:
    assert canonical_bytes({"a": 1, "b": 2}) == canonical_bytes({"b": 2, "a": 1})


def test_datetimes_are_utc_iso8601_whatever_the_zone() -> None:
    in_beijing = dt.datetime(2026, 11, 22, 10, 30, tzinfo=BEIJING)
    in_utc = dt.datetime(2026, 11, 22, 2, 30, tzinfo=dt.UTC)
    naive_utc = dt.datetime(2026, 11, 22, 2, 30)  # what SQLite hands back
    expected = b'{"at":"2026-11-22T02:30:00.000000Z"}'
    for value in (in_beijing, in_utc, naive_utc):
        assert canonical_bytes({"at": value}) == expected


def test_other_value_types() -> None:
    class Colour(Enum):
        RED = "red"

    assert canonical_bytes({"s": OrderState.SHIPPED, "c": Colour.RED}) == (b'{"c":"red","s":"shipped"}')
    assert canonical_bytes({"d": dt.date(2026, 1, 2)}) == b'{"d":"2026-01-02"}'
    assert canonical_bytes({"u": uuid.UUID(int=1)}) == (b'{"u":"00000000-0000-0000-0000-000000000001"}')
    # 1.10 from PostgreSQL NUMERIC and 1.1 from SQLite are one amount.
    assert canonical_bytes({"x": Decimal("1.10")}) == canonical_bytes({"x": Decimal("1.1")})
    assert canonical_bytes({"x": Decimal("100")}) == b'{"x":"100"}'
    assert canonical_bytes({"t": (1, 2)}) == canonical_bytes({"t": [1, 2]})


@pytest.mark.parametrize("value", [{1, 2}, b"raw", object(), dt.time(12, 0)])
def test_values_without_a_stable_form_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match="no stable form"):
        canonical_bytes({"v": value})


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_non_finite_numbers_are_refused(value: object) -> None:
    with pytest.raises(ValueError):
        canonical_bytes({"v": value})


def test_event_must_be_a_mapping() -> None:
    with pytest.raises(TypeError):
        canonical_bytes([("a", 1)])  # type: ignore[arg-type]


# --- chain hash ------------------------------------------------------------


def test_chain_hash_format_is_frozen() -> None:
    # Stored chains depend on these exact bytes; changing canonical_bytes or
    # chain_hash would make every existing history look tampered with.
    ev = {
        "reason": "地址已核对",
        "actor_id": 3,
        "action": "approve",
        "at": dt.datetime(2026, 11, 22, 10, 30, tzinfo=BEIJING),
    }
    assert chain_hash(GENESIS, ev) == ("2510ced9a78ce013d7f3d2de68b189815608a25bd00e3012551dd312de589921")


def test_chain_hash_depends_on_previous_hash() -> None:
    ev = event(1)
    assert chain_hash(GENESIS, ev) != chain_hash("f" * 64, ev)


@pytest.mark.parametrize("prev", ["", "0" * 63, "0" * 65, "G" * 64, "A" * 64, None])
def test_chain_hash_refuses_malformed_previous_hash(prev: object) -> None:
    with pytest.raises(ValueError, match="64 lowercase hex"):
        chain_hash(prev, event(1))  # type: ignore[arg-type]


# --- verification ------------------------------------------------------------


def test_intact_chain_verifies() -> None:
    rows = build([event(i) for i in range(10)])
    result = verify_chain(rows)
    assert result.ok and result
    assert result.checked == 10
    assert result.head == rows[-1][2]
    assert result.broken_id is None and result.reason is None


def test_empty_chain_verifies() -> None:
    result = verify_chain([])
    assert result.ok and result.checked == 0 and result.head == GENESIS


def test_verification_streams_from_a_generator() -> None:
    rows = build([event(i) for i in range(5)])
    assert verify_chain(row for row in rows).checked == 5


def test_changed_field_is_found() -> None:
    rows = build([event(i) for i in range(6)])
    row_id, prev, h, ev = rows[3]
    rows[3] = (row_id, prev, h, {**ev, "reason": "approved by phone"})
    result = verify_chain(rows)
    assert not result
    assert (result.broken_id, result.reason) == (4, BreakReason.HASH_MISMATCH)
    assert result.checked == 3
    assert "Audit event 4" in result.message and "changed" in result.message


def test_changed_nested_field_and_added_field_are_found() -> None:
    rows = build([event(i) for i in range(3)])
    row_id, prev, h, ev = rows[1]
    rows[1] = (row_id, prev, h, {**ev, "changes": {"recipient_phone": ["x", "y"]}})
    assert verify_chain(rows).broken_id == 2
    rows = build([event(i) for i in range(3)])
    row_id, prev, h, ev = rows[2]
    rows[2] = (row_id, prev, h, {**ev, "approved": True})
    assert verify_chain(rows).reason is BreakReason.HASH_MISMATCH


def test_rewritten_row_with_recomputed_hash_breaks_the_next_link() -> None:
    rows = build([event(i) for i in range(5)])
    row_id, prev, _, ev = rows[2]
    forged = {**ev, "actor_id": 42}
    rows[2] = (row_id, prev, chain_hash(prev, forged), forged)
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (4, BreakReason.PREV_LINK_MISMATCH)


def test_deleted_row_is_found() -> None:
    rows = build([event(i) for i in range(6)])
    del rows[2]  # id 3
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (4, BreakReason.PREV_LINK_MISMATCH)
    assert "deleted, inserted or moved" in result.message


def test_deleted_first_row_is_found() -> None:
    rows = build([event(i) for i in range(3)])[1:]
    assert verify_chain(rows).broken_id == 2


def test_inserted_row_is_found() -> None:
    rows = build([event(i) for i in range(4)])
    bogus = event(99)
    rows.insert(2, (3, rows[1][2], chain_hash(rows[1][2], bogus), bogus))
    rows[3:] = [(rid + 1, p, h, e) for rid, p, h, e in rows[3:]]
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (4, BreakReason.PREV_LINK_MISMATCH)


def test_reordered_rows_are_found() -> None:
    rows = build([event(i) for i in range(5)])
    rows[1], rows[2] = rows[2], rows[1]
    result = verify_chain(rows)
    # Row 3 now follows row 1 and does not link to it.
    assert (result.broken_id, result.reason) == (3, BreakReason.PREV_LINK_MISMATCH)


def test_renumbered_ids_are_found() -> None:
    rows = build([event(i) for i in range(5)])
    _, prev, h, ev = rows[2]
    rows[2] = (1, prev, h, ev)
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (1, BreakReason.OUT_OF_ORDER)
    assert "comes after event 2" in result.message


def test_swapped_contents_under_the_same_ids_are_found() -> None:
    rows = build([event(i) for i in range(5)])
    (id1, *rest1), (id2, *rest2) = rows[1], rows[2]
    rows[1], rows[2] = (id1, *rest2), (id2, *rest1)  # type: ignore[assignment]
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (2, BreakReason.PREV_LINK_MISMATCH)


def test_truncation_needs_a_recorded_head() -> None:
    rows = build([event(i) for i in range(5)])
    head = rows[-1][2]
    assert verify_chain(rows[:-2]).ok  # a shorter chain is still a chain…
    result = verify_chain(rows[:-2], expected_head=head)  # …unless the head is known
    assert not result.ok
    assert result.reason is BreakReason.HEAD_MISMATCH
    assert result.broken_id is None
    assert "removed from the end" in result.message
    assert verify_chain(rows, expected_head=head).ok


def test_tail_can_be_verified_from_a_checkpoint() -> None:
    rows = build([event(i) for i in range(8)])
    checkpoint = rows[4][2]
    assert verify_chain(rows[5:], start=checkpoint).checked == 3
    assert not verify_chain(rows[5:], start=GENESIS).ok


def test_unhashable_tampering_is_reported_not_raised() -> None:
    rows = build([event(i) for i in range(2)])
    row_id, prev, h, ev = rows[1]
    rows[1] = (row_id, prev, h, {**ev, "reason": float("nan")})
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (2, BreakReason.HASH_MISMATCH)


def test_chain_survives_a_database_round_trip() -> None:
    # Written with aware datetimes; read back from SQLite as naive UTC and
    # JSON columns decoded to plain lists and dicts.
    written = [event(i, at=dt.datetime(2026, 11, 22, 17, i, tzinfo=BEIJING)) for i in range(4)]
    rows = build(written)
    read_back: list[Row] = []
    for row_id, prev, h, ev in rows:
        stored = json.loads(json.dumps({k: v for k, v in ev.items() if k != "at"}))
        stored["at"] = ev["at"].astimezone(dt.UTC).replace(tzinfo=None)
        read_back.append((row_id, prev, h, stored))
    assert verify_chain(read_back).ok


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)
_EVENTS = st.dictionaries(st.text(min_size=1, max_size=8), _JSON_VALUES, min_size=1, max_size=6)


@given(st.lists(_EVENTS, min_size=1, max_size=8), st.data())
def test_any_single_change_is_found_at_its_row(events: list[dict[str, Any]], data: st.DataObject) -> None:
    rows = build(events)
    assert verify_chain(rows).ok
    # Canonical bytes survive JSON storage, whatever the event holds.
    for ev in events:
        assert canonical_bytes(json.loads(canonical_bytes(ev))) == canonical_bytes(ev)
    index = data.draw(st.integers(0, len(rows) - 1), label="row")
    row_id, prev, h, ev = rows[index]
    key = data.draw(st.sampled_from(sorted(ev)), label="field")
    new_value = data.draw(_JSON_VALUES.filter(lambda v: v != ev[key]), label="value")
    rows[index] = (row_id, prev, h, {**ev, key: new_value})
    result = verify_chain(rows)
    assert (result.broken_id, result.reason) == (row_id, BreakReason.HASH_MISMATCH)
