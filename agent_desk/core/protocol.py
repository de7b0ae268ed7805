"""Call-event protocol v1 between the hub and the desks (see docs/protocol.md).

Pure: data classes, encoding and validation only. No sockets, no clocks, no Qt.
Both sides follow one rule for robustness: unknown fields are ignored and
unknown frame types are skipped, so either side can grow without breaking the
other; a frame that cannot be understood raises :class:`ProtocolError` and the
caller logs and skips it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from enum import IntEnum, StrEnum
from typing import Any, TypeGuard

PROTOCOL_VERSION = 1


class EventType(StrEnum):
    CALL_RINGING = "call.ringing"
    CALL_QUEUED = "call.queued"
    CALL_OFFERED = "call.offered"
    CALL_ANSWERED = "call.answered"
    CALL_TRANSFERRED = "call.transferred"
    CALL_ENDED = "call.ended"
    AGENT_STATE = "agent.state"
    HEARTBEAT = "heartbeat"
    SNAPSHOT = "snapshot"
    WELCOME = "welcome"
    COMMAND_RESULT = "command.result"
    FLOOR = "floor"  # supervisor desks: the live floor (core.floor) at this seq


CALL_EVENT_TYPES = frozenset(
    {
        EventType.CALL_RINGING,
        EventType.CALL_QUEUED,
        EventType.CALL_OFFERED,
        EventType.CALL_ANSWERED,
        EventType.CALL_TRANSFERRED,
        EventType.CALL_ENDED,
    }
)
# Types that take a new seq and go into the replay buffer.
SEQUENCED_TYPES = CALL_EVENT_TYPES | {EventType.AGENT_STATE}


class EndReason(StrEnum):
    COMPLETED = "completed"
    ABANDONED = "abandoned"
    NO_ANSWER = "no_answer"
    BUSY = "busy"
    FAILED = "failed"
    UNKNOWN = "unknown"


class AgentState(StrEnum):
    AVAILABLE = "available"
    RINGING = "ringing"
    BUSY = "busy"
    PAUSED = "paused"
    OFFLINE = "offline"
    UNKNOWN = "unknown"


STATE_REASON_MAX = 80  # what a queue_log line and a wallboard can show


def valid_state_reason(reason: object) -> TypeGuard[str]:
    """An ``agent.state`` reason: one short printable line (it becomes an AMI header and a queue_log field)."""
    return isinstance(reason, str) and len(reason) <= STATE_REASON_MAX and reason.isprintable()


def state_reason_problem() -> str:
    return f"a pause reason is a short line of text (at most {STATE_REASON_MAX} characters)"


class CloseCode(IntEnum):
    """WebSocket close codes; 4000-4999 are reserved for applications (RFC 6455)."""

    GOING_AWAY = 1001  # hub shutting down: reconnect and resume
    MESSAGE_TOO_BIG = 1009  # frame over the hub's size limit (sent by websockets itself)
    BAD_TOKEN = 4001  # do not retry with the same token
    PROTOCOL_ERROR = 4002  # first frame was not a valid hello
    UNSUPPORTED_VERSION = 4003
    HELLO_TIMEOUT = 4004
    RATE_LIMITED = 4008
    TOO_SLOW = 4009  # desk fell behind; reconnect and resume from the last seq


# Close codes after which retrying cannot help.
FATAL_CLOSE_CODES = frozenset({CloseCode.BAD_TOKEN, CloseCode.UNSUPPORTED_VERSION})


class ProtocolError(ValueError):
    """A frame that is not valid protocol v1."""


class UnsupportedVersion(ProtocolError):
    pass


@dataclass(frozen=True, slots=True)
class CallEvent:
    """What a source reports; the hub stamps it with epoch, seq and ts."""

    type: str
    call_id: str = ""
    ani: str = ""
    ani_name: str = ""
    dnis: str = ""
    queue: str = ""
    agent: str = ""
    vip: bool = False
    blacklisted: bool = False
    recording_url: str = ""
    src: str = ""
    reason: str = ""  # call.ended: EndReason; call.queued: why it went (back) to the queue; agent.state: why paused
    ended_by: str = ""  # call.ended: "caller" or "agent" when the source knows
    target: str = ""  # call.transferred: where the call went
    state: str = ""  # agent.state: AgentState

    def with_(self, **changes: Any) -> CallEvent:
        return replace(self, **changes)


_STR_FIELDS = tuple(f.name for f in fields(CallEvent) if f.type == "str" and f.name != "type")
_BOOL_FIELDS = ("vip", "blacklisted")


def event_fields(event: CallEvent) -> dict[str, Any]:
    """The event's fields as the JSON object members (without envelope)."""
    data = asdict(event)
    if event.type in CALL_EVENT_TYPES:
        data.pop("state")
        if event.type != EventType.CALL_ENDED and not event.reason:
            data.pop("reason")
        if not event.ended_by:
            data.pop("ended_by")
        if event.type != EventType.CALL_TRANSFERRED and not event.target:
            data.pop("target")
    elif event.type == EventType.AGENT_STATE:
        data = {"type": event.type, "agent": event.agent, "state": event.state, "src": event.src}
        if event.reason:
            data["reason"] = event.reason
    return data


def _dumps(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def encode_event(event: CallEvent, *, epoch: str, seq: int, ts: float) -> str:
    head: dict[str, Any] = {"v": PROTOCOL_VERSION, "epoch": epoch, "seq": seq}
    body = event_fields(event)
    head["type"] = body.pop("type")
    head["ts"] = ts
    head.update(body)
    return _dumps(head)


def encode_control(type_: EventType, *, epoch: str, seq: int, ts: float, **extra: Any) -> str:
    """Frames that carry the current seq but do not take a new one."""
    obj: dict[str, Any] = {"v": PROTOCOL_VERSION, "epoch": epoch, "seq": seq, "type": type_}
    obj["ts"] = ts
    obj.update(extra)
    return _dumps(obj)


def encode_snapshot(calls: list[CallEvent], *, epoch: str, seq: int, ts: float) -> str:
    return encode_control(EventType.SNAPSHOT, epoch=epoch, seq=seq, ts=ts, calls=[event_fields(c) for c in calls])


# ---------------------------------------------------------------- parsing


def _load_object(text: str | bytes) -> dict[str, Any]:
    if isinstance(text, bytes | bytearray | memoryview):
        raise ProtocolError("binary frame; protocol v1 uses text frames")
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"not JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise ProtocolError("frame is not a JSON object")
    return obj


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def event_from_mapping(obj: Mapping[str, Any]) -> CallEvent:
    type_ = obj.get("type")
    if not isinstance(type_, str):
        raise ProtocolError("missing type")
    values: dict[str, Any] = {"type": type_}
    for name in _STR_FIELDS:
        value = obj.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise ProtocolError(f"{name} must be a string")
        values[name] = value
    for name in _BOOL_FIELDS:
        value = obj.get(name, False)
        if not isinstance(value, bool):
            raise ProtocolError(f"{name} must be a boolean")
        values[name] = value
    if type_ in CALL_EVENT_TYPES and not values["call_id"]:
        raise ProtocolError(f"{type_} without call_id")
    if type_ == EventType.AGENT_STATE and not values["agent"]:
        raise ProtocolError("agent.state without agent")
    return CallEvent(**values)


@dataclass(frozen=True, slots=True)
class HubFrame:
    """A frame received by a desk."""

    type: str
    epoch: str
    seq: int
    ts: float
    event: CallEvent | None = None  # call.* and agent.state
    calls: tuple[CallEvent, ...] = ()  # snapshot
    data: Mapping[str, Any] = field(default_factory=dict)  # the whole object

    @property
    def sequenced(self) -> bool:
        return self.type in SEQUENCED_TYPES

    @property
    def known(self) -> bool:
        return self.type in EventType.__members__.values()


def parse_hub_frame(text: str | bytes) -> HubFrame:
    obj = _load_object(text)
    v = obj.get("v")
    if v != PROTOCOL_VERSION:
        raise UnsupportedVersion(f"unsupported protocol version {v!r}")
    type_, epoch, seq, ts = obj.get("type"), obj.get("epoch"), obj.get("seq"), obj.get("ts", 0.0)
    if not isinstance(type_, str) or not type_:
        raise ProtocolError("missing type")
    if not isinstance(epoch, str) or not epoch:
        raise ProtocolError("missing epoch")
    if not _is_int(seq) or seq < 0:
        raise ProtocolError("seq must be a non-negative integer")
    if not (_is_int(ts) or isinstance(ts, float)) or ts != ts:  # NaN check
        raise ProtocolError("ts must be a number")
    event: CallEvent | None = None
    calls: tuple[CallEvent, ...] = ()
    if type_ in SEQUENCED_TYPES:
        event = event_from_mapping(obj)
    elif type_ == EventType.SNAPSHOT:
        raw_calls = obj.get("calls", [])
        if not isinstance(raw_calls, list) or not all(isinstance(c, dict) for c in raw_calls):
            raise ProtocolError("snapshot calls must be a list of objects")
        calls = tuple(event_from_mapping(c) for c in raw_calls)
    return HubFrame(type_, epoch, seq, float(ts), event, calls, obj)


@dataclass(frozen=True, slots=True)
class Hello:
    token: str
    agent: str
    resume: tuple[str, int] | None = None


@dataclass(frozen=True, slots=True)
class Command:
    """A desk request after hello, e.g. ``dial`` or ``agent.state``."""

    op: str
    args: Mapping[str, Any]
    id: str | None = None


KNOWN_OPS = frozenset({"dial", "agent.state", "simulate"})


def encode_hello(token: str, agent: str, resume: tuple[str, int] | None = None) -> str:
    obj: dict[str, Any] = {"op": "hello", "v": PROTOCOL_VERSION, "token": token, "agent": agent}
    if resume is not None:
        obj["resume"] = {"epoch": resume[0], "seq": resume[1]}
    return _dumps(obj)


def parse_hello(text: str | bytes) -> Hello:
    obj = _load_object(text)
    if obj.get("op") != "hello":
        raise ProtocolError("first frame must be hello")
    if obj.get("v") != PROTOCOL_VERSION:
        raise UnsupportedVersion(f"unsupported protocol version {obj.get('v')!r}")
    token, agent = obj.get("token"), obj.get("agent", "")
    if not isinstance(token, str) or not token:
        raise ProtocolError("hello without token")
    if not isinstance(agent, str):
        raise ProtocolError("agent must be a string")
    resume = obj.get("resume")
    position: tuple[str, int] | None = None
    if resume is not None:
        if not isinstance(resume, dict):
            raise ProtocolError("resume must be an object")
        epoch, seq = resume.get("epoch"), resume.get("seq")
        if not isinstance(epoch, str) or not _is_int(seq) or seq < 0:
            raise ProtocolError("resume needs a string epoch and a non-negative seq")
        position = (epoch, seq)
    return Hello(token, agent, position)


def parse_command(text: str | bytes) -> Command:
    obj = _load_object(text)
    op = obj.get("op")
    if not isinstance(op, str) or not op:
        raise ProtocolError("command without op")
    ident = obj.get("id")
    if ident is not None and not isinstance(ident, str | int):
        raise ProtocolError("id must be a string or an integer")
    args = {k: v for k, v in obj.items() if k not in ("op", "id")}
    return Command(op, args, None if ident is None else str(ident))


def encode_command(op: str, *, id: str | None = None, **args: Any) -> str:
    obj: dict[str, Any] = {"op": op}
    if id is not None:
        obj["id"] = id
    obj.update(args)
    return _dumps(obj)
