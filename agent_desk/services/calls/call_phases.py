"""The phases of a call at this desk and the one table that moves it between them.

The rules, and the picture of the table, are in :mod:`agent_desk.services.calls.lifecycle`,
which is the only user; this module holds the table so that the life cycle stays readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Final

from agent_desk.services.calls.active_call import CallPhase

__all__ = ["ANSWERED_ELSEWHERE", "END_REASONS", "STARTS_AFTER_CALL_WORK", "TRANSFERRED", "TRANSITIONS", "Heard"]

ANSWERED_ELSEWHERE: Final = "answered_elsewhere"  # end reasons the desk gives itself
TRANSFERRED: Final = "transferred"


class Heard(StrEnum):
    """What one event about a known call means for this desk."""

    OFFERED_HERE = "offered_here"  # offered to this desk again (after it rang out here)
    RANG_OUT_HERE = "rang_out_here"  # call.queued, no_answer, naming this agent
    ANSWERED_HERE = "answered_here"
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    TRANSFERRED_AWAY = "transferred_away"
    ENDED = "ended"
    NOTHING_NEW = "nothing_new"  # rang, queued again, transferred to this desk


_P = CallPhase
_H = Heard

#: The one transition table: (phase, what was heard) → next phase. A live phase stays as it is for
#: anything not listed; the final phases never change.
TRANSITIONS: Final[Mapping[tuple[CallPhase, Heard], CallPhase]] = {
    (_P.RINGING, _H.ANSWERED_HERE): _P.TALKING,
    (_P.RINGING, _H.ANSWERED_ELSEWHERE): _P.ANSWERED_ELSEWHERE,
    (_P.RINGING, _H.TRANSFERRED_AWAY): _P.TRANSFERRED,
    (_P.RINGING, _H.ENDED): _P.MISSED,
    (_P.RINGING, _H.RANG_OUT_HERE): _P.RANG_OUT,
    (_P.RANG_OUT, _H.OFFERED_HERE): _P.RINGING,
    (_P.RANG_OUT, _H.ANSWERED_HERE): _P.TALKING,  # the second offer was not heard: the answer says it all
    (_P.RANG_OUT, _H.ANSWERED_ELSEWHERE): _P.MISSED,
    (_P.RANG_OUT, _H.TRANSFERRED_AWAY): _P.MISSED,
    (_P.RANG_OUT, _H.ENDED): _P.MISSED,
    # A colleague answering a call talked here (the source lost the transfer): the agent's part is
    # over and its wrap-up is due, as after a transfer.
    (_P.TALKING, _H.ANSWERED_ELSEWHERE): _P.ANSWERED_ELSEWHERE,
    (_P.TALKING, _H.TRANSFERRED_AWAY): _P.TRANSFERRED,
    (_P.TALKING, _H.ENDED): _P.ENDED,
}

#: Entering one of these with the wrap-up still due starts after-call work.
STARTS_AFTER_CALL_WORK: Final = frozenset({_P.ENDED, _P.TRANSFERRED, _P.ANSWERED_ELSEWHERE})
#: The end reason a phase gives the call; ENDED and MISSED take the event's own reason.
END_REASONS: Final[Mapping[CallPhase, str]] = {
    _P.TRANSFERRED: TRANSFERRED,
    _P.ANSWERED_ELSEWHERE: ANSWERED_ELSEWHERE,
}
