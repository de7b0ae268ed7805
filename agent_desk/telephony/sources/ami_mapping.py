"""Asterisk Manager Interface: framing and mapping of queue calls onto protocol v1.

No I/O here: ``AmiFramer`` turns bytes into messages, ``AmiCallTracker`` turns
messages into :class:`CallEvent` lists. The AMI source feeds them from TCP;
the tests feed them from real captures.

A call is identified by the ``Linkedid`` of its first channel. Only calls that
enter a queue (``QueueCallerJoin``) are reported; internal and outbound calls
pass silently. Every event not listed in ``AmiCallTracker.handle`` is ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from agent_desk.core.protocol import AgentState, CallEvent, EndReason, EventType

AmiMessage = dict[str, str]

MAX_LINE = 64 * 1024  # a longer line is not AMI; drop it rather than grow without bound


class AmiFramer:
    """``Key: value`` lines, a blank line ends each message; CRLF or bare LF."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._current: AmiMessage = {}
        self.banner: str | None = None

    def feed(self, data: bytes) -> list[AmiMessage]:
        self._buffer += data
        messages: list[AmiMessage] = []
        while True:
            end = self._buffer.find(b"\n")
            if end < 0:
                if len(self._buffer) > MAX_LINE:
                    self._buffer.clear()
                return messages
            raw = bytes(self._buffer[:end]).rstrip(b"\r")
            del self._buffer[: end + 1]
            if len(raw) > MAX_LINE:
                continue
            line = raw.decode("utf-8", errors="replace")
            if not line.strip():
                if self._current:
                    messages.append(self._current)
                    self._current = {}
                continue
            key, sep, value = line.partition(":")
            if not sep:
                if self.banner is None and not self._current and not messages:
                    self.banner = line  # "Asterisk Call Manager/2.10.3"
                continue  # e.g. the free text of a legacy "Response: Follows"
            self._current[key.strip()] = value[1:] if value.startswith(" ") else value


#: The pause reason a desk's logout is sent to the PBX with; its echo is the agent going offline.
LOGGED_OUT_REASON = "logged_out"


def encode_action(action: str, fields: Mapping[str, str]) -> bytes:
    lines = [f"Action: {action}"]
    for key, value in fields.items():
        # A newline in a value would let a desk inject its own AMI action.
        clean = str(value).replace("\r", " ").replace("\n", " ")
        lines.append(f"{key}: {clean}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


def device_of(channel: str) -> str:
    """``SIP/777-000000bc`` → ``SIP/777``: the device a channel belongs to."""
    if "/" not in channel:
        return channel
    base, dash, _suffix = channel.rpartition("-")
    return base if dash and base and "/" in base else channel


def _text(value: str | None) -> str:
    return "" if value in (None, "<unknown>", "<Unknown>") else str(value).strip()


def _linkedid(msg: AmiMessage, prefix: str = "") -> str:
    return _text(msg.get(f"{prefix}Linkedid")) or _text(msg.get(f"{prefix}Uniqueid"))


def _member(msg: AmiMessage) -> str:
    interface = _text(msg.get("Interface")) or _text(msg.get("AgentCalled"))
    state_interface = _text(msg.get("StateInterface"))
    # Local-channel members are named by the device that really rings.
    if interface.startswith("Local/") and state_interface:
        return state_interface
    return interface or _text(msg.get("MemberName")) or _text(msg.get("Location"))


_MEMBER_STATUS = {
    "1": AgentState.AVAILABLE,
    "2": AgentState.BUSY,
    "3": AgentState.BUSY,
    "4": AgentState.OFFLINE,
    "5": AgentState.OFFLINE,
    "6": AgentState.RINGING,
    "7": AgentState.BUSY,
    "8": AgentState.BUSY,
}


@dataclass(slots=True)
class _Origin:
    """What the first channel of a call said when it was created (DNIS lives only here)."""

    uniqueid: str
    dnis: str
    ani: str
    ani_name: str


@dataclass(slots=True)
class _Call:
    call_id: str
    caller_uniqueid: str
    base: CallEvent
    offered: set[str] = field(default_factory=set)  # agents whose phone rings or rang
    answered_by: str = ""
    was_answered: bool = False
    transferred: bool = False
    touched: int = 0


class AmiCallTracker:
    def __init__(self) -> None:
        self._origins: dict[str, _Origin] = {}
        self._calls: dict[str, _Call] = {}
        self._agent_states: dict[str, tuple[str, str]] = {}  # agent: (state, pause reason)
        self._members: set[str] = set()
        self._count = 0
        self._listing: list[AmiMessage] | None = None
        self._listing_mark = 0

    @property
    def calls_in_progress(self) -> list[str]:
        return list(self._calls)

    # ------------------------------------------------------------ dispatch

    def handle(self, msg: AmiMessage) -> list[CallEvent]:
        self._count += 1
        name = msg.get("Event", "")
        handler = getattr(self, f"_on_{name}", None)
        if handler is None:
            return []
        result: list[CallEvent] = handler(msg)
        return result

    def _src(self, msg: AmiMessage) -> str:
        uniqueid = msg.get("Uniqueid")
        where = f":{uniqueid}" if uniqueid else ""
        return f"ami:{msg.get('Event', '')}{where}#{self._count}"

    def _emit(self, call: _Call, type_: str, msg: AmiMessage, **changes: str) -> CallEvent:
        call.touched = self._count
        return call.base.with_(type=type_, src=self._src(msg), **changes)

    def _new_call(self, linkedid: str, msg: AmiMessage, queue: str = "") -> _Call:
        origin = self._origins.get(linkedid)
        uniqueid = origin.uniqueid if origin else _text(msg.get("Uniqueid")) or linkedid
        base = CallEvent(
            EventType.CALL_RINGING,
            call_id=linkedid,
            ani=(origin.ani if origin else "") or _text(msg.get("CallerIDNum")),
            ani_name=(origin.ani_name if origin else "") or _text(msg.get("CallerIDName")),
            dnis=origin.dnis if origin else "",
            queue=queue,
        )
        call = _Call(linkedid, uniqueid, base, touched=self._count)
        self._calls[linkedid] = call
        return call

    def _find(self, msg: AmiMessage, prefixes: Iterable[str]) -> _Call | None:
        for prefix in prefixes:
            call = self._calls.get(_linkedid(msg, prefix))
            if call is not None:
                return call
        return None

    # ------------------------------------------------------------ channels

    def _on_Newchannel(self, msg: AmiMessage) -> list[CallEvent]:
        uniqueid, linkedid = _text(msg.get("Uniqueid")), _linkedid(msg)
        if uniqueid and uniqueid == linkedid and linkedid not in self._origins:
            # Later events of this channel show the IVR's extension, not the dialled one.
            self._origins[linkedid] = _Origin(
                uniqueid,
                _text(msg.get("Exten")),
                _text(msg.get("CallerIDNum")),
                _text(msg.get("CallerIDName")),
            )
        return []

    def _on_Hangup(self, msg: AmiMessage) -> list[CallEvent]:
        uniqueid, linkedid = _text(msg.get("Uniqueid")), _linkedid(msg)
        call = self._calls.get(linkedid)
        if call is None or uniqueid != call.caller_uniqueid:
            if uniqueid == linkedid and call is None:
                self._origins.pop(linkedid, None)
            return []
        reason = EndReason.COMPLETED if call.was_answered else EndReason.ABANDONED
        return self._end(call, msg, reason)

    def _end(self, call: _Call, msg: AmiMessage, reason: str, ended_by: str = "") -> list[CallEvent]:
        del self._calls[call.call_id]
        self._origins.pop(call.call_id, None)
        return [self._emit(call, EventType.CALL_ENDED, msg, reason=reason, ended_by=ended_by)]

    # ------------------------------------------------------------ queue

    def _on_QueueCallerJoin(self, msg: AmiMessage) -> list[CallEvent]:
        linkedid = _linkedid(msg)
        queue = _text(msg.get("Queue"))
        events: list[CallEvent] = []
        call = self._calls.get(linkedid)
        if call is None:
            call = self._new_call(linkedid, msg, queue)
            events.append(self._emit(call, EventType.CALL_RINGING, msg))
        call.base = call.base.with_(queue=queue)
        events.append(self._emit(call, EventType.CALL_QUEUED, msg))
        return events

    def _offer(self, call: _Call, agent: str, msg: AmiMessage) -> list[CallEvent]:
        if not agent or agent in call.offered:
            return []
        call.offered.add(agent)
        self._members.add(agent)
        return [self._emit(call, EventType.CALL_OFFERED, msg, agent=agent)]

    def _on_AgentCalled(self, msg: AmiMessage) -> list[CallEvent]:
        linkedid = _linkedid(msg)
        call = self._calls.get(linkedid) or self._new_call(linkedid, msg, _text(msg.get("Queue")))
        return self._offer(call, _member(msg), msg)

    def _on_AgentRingNoAnswer(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._calls.get(_linkedid(msg))
        agent = _member(msg)
        if call is None or agent not in call.offered:
            return []
        call.offered.discard(agent)  # the queue may ring this agent again later
        return [self._emit(call, EventType.CALL_QUEUED, msg, agent=agent, reason=EndReason.NO_ANSWER)]

    def _answer(self, call: _Call, agent: str, msg: AmiMessage) -> list[CallEvent]:
        events = self._offer(call, agent, msg)  # a missed AgentCalled still pops
        if call.answered_by != agent:
            call.answered_by = agent
            call.was_answered = True
            call.base = call.base.with_(agent=agent)
            events.append(self._emit(call, EventType.CALL_ANSWERED, msg))
        return events

    def _on_AgentConnect(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._calls.get(_linkedid(msg))
        return [] if call is None else self._answer(call, _member(msg), msg)

    def _on_AgentComplete(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._calls.get(_linkedid(msg))
        if call is None or msg.get("Reason") == "transfer":
            return []  # a transfer goes on; the caller's hang-up will end it
        by = msg.get("Reason", "")
        return self._end(call, msg, EndReason.COMPLETED, by if by in ("caller", "agent") else "")

    def _on_QueueCallerAbandon(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._calls.get(_linkedid(msg))
        return [] if call is None else self._end(call, msg, EndReason.ABANDONED, "caller")

    # ------------------------------------------------------------ transfers

    def _on_BlindTransfer(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._find(msg, ("Transferee", "Transferer"))
        if call is None or msg.get("Result", "Success") != "Success":
            return []
        from_agent = call.answered_by or device_of(_text(msg.get("TransfererChannel")))
        target = _text(msg.get("Extension"))
        call.transferred = True
        call.answered_by = ""
        call.offered.clear()
        call.base = call.base.with_(agent="")
        return [self._emit(call, EventType.CALL_TRANSFERRED, msg, agent=from_agent, target=target)]

    def _on_AttendedTransfer(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._find(msg, ("Transferee", "OrigTransferer", "SecondTransferer", "TransferTarget"))
        if call is None or msg.get("Result", "Success") != "Success":
            return []
        from_agent = call.answered_by or device_of(_text(msg.get("OrigTransfererChannel")))
        target = device_of(_text(msg.get("TransferTargetChannel")))
        call.transferred = True
        call.answered_by = ""
        call.offered.clear()
        events = [self._emit(call, EventType.CALL_TRANSFERRED, msg, agent=from_agent, target=target)]
        if target:
            # The target already talks to the caller: pop and answer at once.
            events += self._answer(call, target, msg)
        return events

    def _on_DialBegin(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._calls.get(_linkedid(msg))
        if call is None or not call.transferred:
            return []  # the queue's own dialling is reported by AgentCalled
        return self._offer(call, device_of(_text(msg.get("DestChannel"))), msg)

    def _on_DialEnd(self, msg: AmiMessage) -> list[CallEvent]:
        call = self._calls.get(_linkedid(msg))
        if call is None or not call.transferred or msg.get("DialStatus") != "ANSWER":
            return []
        return self._answer(call, device_of(_text(msg.get("DestChannel"))), msg)

    # ------------------------------------------------------------ agents

    def _agent_state(self, agent: str, state: str, msg: AmiMessage, reason: str = "") -> list[CallEvent]:
        if not agent or self._agent_states.get(agent) == (state, reason):
            return []
        self._agent_states[agent] = (state, reason)
        return [CallEvent(EventType.AGENT_STATE, agent=agent, state=state, reason=reason, src=self._src(msg))]

    def _member_state(self, msg: AmiMessage) -> list[CallEvent]:
        agent = _member(msg)
        self._members.add(agent)
        if msg.get("Paused") == "1":
            # Asterisk 13+ names it PausedReason; QueuePause's own event said Reason before that.
            reason = _text(msg.get("PausedReason") or msg.get("Reason"))
            if reason == LOGGED_OUT_REASON:  # how a desk's logout is told to the PBX (ami.py)
                return self._agent_state(agent, AgentState.OFFLINE, msg)
            return self._agent_state(agent, AgentState.PAUSED, msg, reason)
        state = _MEMBER_STATUS.get(msg.get("Status", ""), AgentState.UNKNOWN)
        return self._agent_state(agent, state, msg)

    _on_QueueMemberStatus = _member_state
    _on_QueueMemberPause = _member_state
    _on_QueueMemberAdded = _member_state
    _on_QueueMember = _member_state  # reply to the QueueStatus action

    def _on_QueueMemberRemoved(self, msg: AmiMessage) -> list[CallEvent]:
        return self._agent_state(_member(msg), AgentState.OFFLINE, msg)

    # ------------------------------------------------------------ resync

    def begin_resync(self) -> None:
        """Called when CoreShowChannels is sent after a (re)connect."""
        self._listing = []
        self._listing_mark = self._count

    def _on_CoreShowChannel(self, msg: AmiMessage) -> list[CallEvent]:
        if self._listing is not None:
            self._listing.append(msg)
        return []

    def _on_CoreShowChannelsComplete(self, msg: AmiMessage) -> list[CallEvent]:
        listing, self._listing = self._listing, None
        if listing is None:
            return []
        return self._reconcile(listing, msg)

    def _reconcile(self, listing: list[AmiMessage], msg: AmiMessage) -> list[CallEvent]:
        """Make the calls in progress match what the PBX lists after a reconnect."""
        events: list[CallEvent] = []
        listed = {_text(c.get("Uniqueid")) for c in listing}
        for gone in list(self._calls.values()):
            # A call touched since the listing was asked for is newer than the listing.
            if gone.caller_uniqueid not in listed and gone.touched <= self._listing_mark:
                reason = EndReason.COMPLETED if gone.was_answered else EndReason.ABANDONED
                events += self._end(gone, msg, reason)
        groups: dict[str, list[AmiMessage]] = {}
        for chan in listing:
            groups.setdefault(_linkedid(chan), []).append(chan)
        for linkedid, chans in groups.items():
            root = next((c for c in chans if _text(c.get("Uniqueid")) == linkedid), chans[0])
            call = self._calls.get(linkedid)
            if root.get("Application") == "Queue":
                if call is None:
                    queue = _text(root.get("ApplicationData")).split(",")[0]
                    call = self._new_call(linkedid, root, queue)
                    call.caller_uniqueid = _text(root.get("Uniqueid"))
                    events.append(self._emit(call, EventType.CALL_RINGING, root))
                    events.append(self._emit(call, EventType.CALL_QUEUED, root))
                continue
            bridge = _text(root.get("BridgeId"))
            peers = [
                device_of(_text(c.get("Channel")))
                for c in chans
                if c is not root and bridge and _text(c.get("BridgeId")) == bridge
            ]
            if not peers:
                continue
            agent = peers[0]
            if call is None:
                if agent not in self._members:
                    continue  # an internal or outbound call, not ours to report
                call = self._new_call(linkedid, root)
                call.caller_uniqueid = _text(root.get("Uniqueid"))
                events.append(self._emit(call, EventType.CALL_RINGING, root))
            events += self._answer(call, agent, root)
        return events
