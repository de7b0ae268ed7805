"""The vocabulary of the contact-centre record: what can happen to a queued call and to an agent.

One event kind per fact Asterisk's ``queue_log`` keeps (and the hub sees live), with the data each
carries in plain keys: ``position``, ``wait`` (seconds in the queue), ``ring`` (seconds ringing),
``talk``, ``hold``, ``ani``, ``dnis``, ``reason``, ``ended_by`` (agent or caller), ``target``.
Pure: no clock, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    ENTERED_QUEUE = "entered_queue"
    DIALLED_NUMBER = "dialled_number"  # the DNIS of a call already in the record
    RING_NO_ANSWER = "ring_no_answer"
    RING_CANCELED = "ring_canceled"  # the caller hung up while this agent's phone rang
    ANSWERED = "answered"
    TRANSFERRED = "transferred"
    ABANDONED = "abandoned"
    EXIT_TIMEOUT = "exit_timeout"
    EXIT_EMPTY = "exit_empty"
    EXIT_KEY = "exit_key"
    ENDED = "ended"
    AGENT_LOGIN = "agent_login"
    AGENT_LOGOUT = "agent_logout"
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    PAUSED = "paused"
    UNPAUSED = "unpaused"
    ACW_STARTED = "acw_started"
    ACW_ENDED = "acw_ended"


#: The kinds that end a call's time in the queue without an agent, and the outcome each gives.
UNANSWERED_ENDS = {
    EventKind.ABANDONED: "abandoned",
    EventKind.EXIT_TIMEOUT: "timeout",
    EventKind.EXIT_EMPTY: "empty",
    EventKind.EXIT_KEY: "key",
}
#: The kinds after which a call has its final outcome.
FINAL_KINDS = frozenset({*UNANSWERED_ENDS, EventKind.ENDED, EventKind.TRANSFERRED})


@dataclass(frozen=True)
class ContactEventIn:
    """An event about to enter the record. ``key`` is unique per event across every source."""

    key: str
    occurred_at: datetime
    kind: EventKind
    source: str
    call_id: str = ""
    queue: str = ""
    agent: str = ""
    data: dict[str, Any] = field(default_factory=dict)
