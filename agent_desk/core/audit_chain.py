"""Tamper-evident audit history: every event is chained to the one before by SHA-256.

``hash = sha256(prev_hash || canonical_bytes(event))``, starting from
:data:`GENESIS`.  Changing any field of a stored event breaks its own hash;
deleting, inserting or reordering events breaks the ``prev_hash`` link of the
row that follows.  Cutting rows off the *end* leaves a valid shorter chain, so
callers that must detect truncation keep the latest head hash somewhere else
(a checkpoint table, a log line, a printed report) and pass it as
``expected_head``.

Notes for the store:

* Append under a lock or, better, with ``UNIQUE(prev_hash)``: two writers that
  read the same head then fail one insert instead of forking the chain.
* Give datetimes in UTC.  Naive datetimes are read as UTC, because SQLite
  hands back naive values even for columns written as aware UTC.
* Hash exactly the fields that are stored and read back; values must survive
  the round trip to the same JSON (ints, strings, bools, None, lists, dicts
  with string keys, finite floats, datetimes, dates, enums, UUIDs, Decimals).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Final

__all__ = [
    "GENESIS",
    "BreakReason",
    "VerifyResult",
    "canonical_bytes",
    "chain_hash",
    "verify_chain",
]

GENESIS: Final = "0" * 64

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class BreakReason(StrEnum):
    HASH_MISMATCH = "hash_mismatch"  # the row's content was changed
    PREV_LINK_MISMATCH = "prev_link_mismatch"  # a row before it was deleted, added or moved
    OUT_OF_ORDER = "out_of_order"  # ids not strictly increasing
    HEAD_MISMATCH = "head_mismatch"  # rows were cut off the end


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    checked: int  # rows whose hash and link were verified before the break
    head: str  # hash of the last good row (GENESIS/start for an empty chain)
    broken_id: int | None = None
    reason: BreakReason | None = None
    message: str = ""

    def __bool__(self) -> bool:
        return self.ok


def canonical_bytes(event: Mapping[str, Any]) -> bytes:
    """Stable bytes for ``event``: sorted keys, no whitespace, UTF-8, UTC ISO-8601 times.

    Raises ``TypeError`` for values without one stable spelling (sets,
    bytes, arbitrary objects) and ``ValueError`` for NaN and infinities.
    """
    if not isinstance(event, Mapping):
        raise TypeError(f"an audit event must be a mapping, not {type(event).__name__}")
    return json.dumps(
        event,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_encode_value,
    ).encode("utf-8")


def chain_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """SHA-256 hex of ``prev_hash`` (64 lowercase hex digits) followed by the event bytes."""
    if not isinstance(prev_hash, str) or not _HEX64.match(prev_hash):
        raise ValueError(f"prev_hash must be 64 lowercase hex digits, not {prev_hash!r}")
    digest = hashlib.sha256(prev_hash.encode("ascii"))
    digest.update(canonical_bytes(event))
    return digest.hexdigest()


def verify_chain(
    rows: Iterable[tuple[int, str, str, Mapping[str, Any]]],
    *,
    start: str = GENESIS,
    expected_head: str | None = None,
) -> VerifyResult:
    """Check rows ``(id, prev_hash, hash, event_fields)`` given in id order.

    Stops at the first broken link and names it.  ``start`` is the hash the
    first row must link to (``GENESIS`` for a whole chain, or a checkpoint to
    verify a tail); ``expected_head``, when known, must be the last row's hash.
    Streams: rows are not kept, so millions can be checked in constant memory.
    """
    expected_prev = start
    last_id: int | None = None
    checked = 0
    for row_id, prev_hash, stored_hash, event in rows:
        if last_id is not None and row_id <= last_id:
            return _broken(
                checked,
                expected_prev,
                row_id,
                BreakReason.OUT_OF_ORDER,
                f"Audit event {row_id} comes after event {last_id}: events are out of order.",
            )
        if prev_hash != expected_prev:
            return _broken(
                checked,
                expected_prev,
                row_id,
                BreakReason.PREV_LINK_MISMATCH,
                f"Audit event {row_id} does not link to the event before it: an event was deleted, inserted or moved.",
            )
        try:
            actual = chain_hash(prev_hash, event)
        except (TypeError, ValueError) as exc:
            return _broken(
                checked,
                expected_prev,
                row_id,
                BreakReason.HASH_MISMATCH,
                f"Audit event {row_id} cannot be hashed ({exc}): its content was altered.",
            )
        if actual != stored_hash:
            return _broken(
                checked,
                expected_prev,
                row_id,
                BreakReason.HASH_MISMATCH,
                f"Audit event {row_id} does not match its hash: its content was changed.",
            )
        expected_prev = stored_hash
        last_id = row_id
        checked += 1
    if expected_head is not None and expected_head != expected_prev:
        return _broken(
            checked,
            expected_prev,
            None,
            BreakReason.HEAD_MISMATCH,
            f"The audit history ends after {checked} events but the recorded head "
            "is elsewhere: events were removed from the end.",
        )
    return VerifyResult(ok=True, checked=checked, head=expected_prev)


def _broken(checked: int, head: str, row_id: int | None, reason: BreakReason, message: str) -> VerifyResult:
    return VerifyResult(ok=False, checked=checked, head=head, broken_id=row_id, reason=reason, message=message)


def _encode_value(value: object) -> object:
    # Enums first: StrEnum/IntEnum are handled natively by json, plain Enum is not.
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        # Fixed width (always microseconds, always Z) so equal instants are equal bytes.
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} cannot be part of an audit event")
        # 1.10 from PostgreSQL and 1.1 from SQLite are the same amount.
        return format(value.normalize(), "f")
    raise TypeError(
        f"{type(value).__name__} values have no stable form in an audit event; "
        "convert them to text, numbers or lists first"
    )
