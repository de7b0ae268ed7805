"""Reading Asterisk's ``queue_log``: one pipe-separated line per queue or agent event.

``epoch|callid|queue|agent|event|data1|data2|…`` — the data fields depend on the event (Asterisk's
"Queue Logs" documentation, app_queue.c). Pure: a line in, a :class:`ContactEventIn` (or ``None``
for the housekeeping lines real files carry) out, or a :class:`QueueLogLineError` that names what is
wrong so the importer can report the line number and go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from agent_desk.core.contact_events import ContactEventIn, EventKind

SOURCE = "queue_log"

#: Lines real files carry that are not about a call or an agent's state.
NOISE = frozenset({"CONFIGRELOAD", "QUEUESTART", "INFO", "SYSCOMPAT", "AGENTCALLED", "AGENTDUMP", "CALLERONHOLD"})


class QueueLogLineError(ValueError):
    """A line that cannot be read; the message says why (the importer adds the line number)."""


def _int(value: str, what: str) -> int:
    try:
        return int(value.strip() or "0")
    except ValueError:
        raise QueueLogLineError(f"{what} is not a number: {value!r}") from None


def _fields(data: list[str], count: int, event: str) -> list[str]:
    if len(data) < count:
        raise QueueLogLineError(f"{event} needs {count} data fields, the line has {len(data)}")
    return data


def _enter(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
    # ENTERQUEUE|url|callerid|position (position arrived in 1.6; older lines end after callerid)
    data: dict[str, object] = {"ani": d[1].strip() if len(d) > 1 else ""}
    if len(d) > 2 and d[2].strip():
        data["position"] = _int(d[2], "the position")
    return EventKind.ENTERED_QUEUE, data


def _connect(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
    d = _fields(d, 1, e)  # CONNECT|holdtime|bridged uniqueid|ringtime
    data: dict[str, object] = {"wait": _int(d[0], "the hold time")}
    if len(d) > 2 and d[2].strip():
        data["ring"] = _int(d[2], "the ring time")
    return EventKind.ANSWERED, data


def _complete(ended_by: str) -> Callable[[list[str], str], tuple[EventKind, dict[str, object]]]:
    def read(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
        d = _fields(d, 2, e)  # COMPLETE…|holdtime|calltime|origposition
        return EventKind.ENDED, {
            "wait": _int(d[0], "the hold time"),
            "talk": _int(d[1], "the call time"),
            "ended_by": ended_by,
        }

    return read


def _left(kind: EventKind, offset: int = 0) -> Callable[[list[str], str], tuple[EventKind, dict[str, object]]]:
    def read(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
        d = _fields(d, 3 + offset, e)  # …|position|origposition|waittime (EXITWITHKEY: key first)
        data: dict[str, object] = {
            "position": _int(d[offset], "the position"),
            "wait": _int(d[offset + 2], "the wait time"),
        }
        if offset:
            data["key"] = d[0].strip()
        return kind, data

    return read


def _ring_no_answer(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
    d = _fields(d, 1, e)  # RINGNOANSWER|ringtime in milliseconds
    return EventKind.RING_NO_ANSWER, {"ring": round(_int(d[0], "the ring time") / 1000)}


def _ring_canceled(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
    d = _fields(d, 1, e)  # RINGCANCELED|ringtime in milliseconds (Asterisk 13.11+)
    return EventKind.RING_CANCELED, {"ring": round(_int(d[0], "the ring time") / 1000)}


def _transfer(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
    # TRANSFER / BLINDTRANSFER|extension|context|holdtime|calltime|origposition;
    # ATTENDEDTRANSFER|method|…|holdtime|calltime|origposition: the last three are the same in all.
    d = _fields(d, 3, e)
    numbers = [f for f in d if f.strip()]
    if len(numbers) < 3:
        raise QueueLogLineError(f"{e} needs hold time, call time and position")
    hold, talk = numbers[-3], numbers[-2]
    target = d[0].strip() if e != "ATTENDEDTRANSFER" else "/".join(x.strip() for x in d[:-3] if x.strip())
    return EventKind.TRANSFERRED, {
        "wait": _int(hold, "the hold time"),
        "talk": _int(talk, "the call time"),
        "target": target,
        "how": e.lower(),
    }


def _pause(kind: EventKind) -> Callable[[list[str], str], tuple[EventKind, dict[str, object]]]:
    def read(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
        data: dict[str, object] = {"reason": d[0].strip() if d else ""}
        if e.endswith("ALL"):
            data["all_queues"] = True
        return kind, data

    return read


def _simple(kind: EventKind) -> Callable[[list[str], str], tuple[EventKind, dict[str, object]]]:
    return lambda d, e: (kind, {})


def _did(d: list[str], e: str) -> tuple[EventKind, dict[str, object]]:
    return EventKind.DIALLED_NUMBER, {"dnis": d[0].strip() if d else ""}


_READERS: dict[str, Callable[[list[str], str], tuple[EventKind, dict[str, object]]]] = {
    "ENTERQUEUE": _enter,
    "CONNECT": _connect,
    "COMPLETEAGENT": _complete("agent"),
    "COMPLETECALLER": _complete("caller"),
    "ABANDON": _left(EventKind.ABANDONED),
    "EXITWITHTIMEOUT": _left(EventKind.EXIT_TIMEOUT),
    "EXITEMPTY": _left(EventKind.EXIT_EMPTY),
    "EXITWITHKEY": _left(EventKind.EXIT_KEY, offset=1),
    "RINGNOANSWER": _ring_no_answer,
    "RINGCANCELED": _ring_canceled,
    "TRANSFER": _transfer,
    "BLINDTRANSFER": _transfer,
    "ATTENDEDTRANSFER": _transfer,
    "AGENTLOGIN": _simple(EventKind.AGENT_LOGIN),
    "AGENTLOGOFF": _simple(EventKind.AGENT_LOGOUT),
    "ADDMEMBER": _simple(EventKind.MEMBER_ADDED),
    "REMOVEMEMBER": _simple(EventKind.MEMBER_REMOVED),
    "PAUSE": _pause(EventKind.PAUSED),
    "PAUSEALL": _pause(EventKind.PAUSED),
    "UNPAUSE": _pause(EventKind.UNPAUSED),
    "UNPAUSEALL": _pause(EventKind.UNPAUSED),
    "DID": _did,
}
KNOWN_EVENTS = frozenset(_READERS)


def _none(value: str) -> str:
    value = value.strip()
    return "" if value.upper() == "NONE" else value


def _moment(epoch_text: str) -> datetime:
    text = epoch_text.strip()
    try:
        epoch = float(text)
    except ValueError:
        raise QueueLogLineError(f"the time {text!r} is not a Unix epoch") from None
    if epoch > 1e11:  # some loaders write milliseconds
        epoch /= 1000
    if not 0 < epoch < 4e9:
        raise QueueLogLineError(f"the time {text!r} is out of range")
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)


def parse_line(line: str) -> ContactEventIn | None:
    """The event of one line; None for housekeeping lines (CONFIGRELOAD, QUEUESTART, INFO…).

    Raises :class:`QueueLogLineError` for a line that cannot be read.
    """
    raw = line.rstrip("\r\n")
    parts = raw.split("|")
    if len(parts) < 5:
        raise QueueLogLineError(f"expected at least 5 fields separated by '|', found {len(parts)}")
    epoch, callid, queue, agent, event, *data = parts
    event = event.strip().upper()
    occurred_at = _moment(epoch)
    reader = _READERS.get(event)
    if reader is None:
        if event in NOISE or not event:
            return None
        raise QueueLogLineError(f"unknown event {event!r}")
    kind, values = reader(data, event)
    digest = hashlib.sha256(raw.strip().encode("utf-8", "surrogateescape")).hexdigest()[:40]
    return ContactEventIn(
        key=f"{SOURCE}:{digest}",
        occurred_at=occurred_at,
        kind=kind,
        source=SOURCE,
        call_id=_none(callid),
        queue=_none(queue),
        agent=_none(agent),
        data=values,
    )
