"""The demo's calls with their contact-centre record: per-call facts, queue and agent events, state intervals.

Each shift is laid out first (login, two breaks and lunch, sometimes training or a meeting, the calls
with their after-call work, logout), then written three ways that agree: the ``calls`` rows with their
facts, the ``contact_events`` a PBX would have logged, and the ``agent_state_intervals`` derived from
them (``services.calls.contact_record`` computes the same from the events alone: the tests check it).

A call's time: queued at ``q``; the agent's phone rings at ``offered`` (on one call in ten it rings out
once, 15 s, and rings again after 5 s); answered after ``ring`` seconds; ``wait`` = answered - queued,
Asterisk's hold time; ended after ``talk`` + ``hold`` seconds; then ``acw`` seconds of after-call work.
Unanswered calls have no agent: abandoned after a wait, or timed out at :data:`QUEUE_TIMEOUT`.

Rows are tuples of text and numbers (times as ``YYYY-MM-DD HH:MM:SS``, JSON built by hand): the same
rows serve SQLite's executemany and PostgreSQL's COPY, and 50M events cost seconds, not minutes, of
formatting. Keys derive from call ids and (agent, day), so the same seed writes the same record.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from agent_desk.services.demo.floor import DAYS, Floor, Shift, split
from agent_desk.services.demo.pools import WRAP_UPS
from agent_desk.services.demo.reference import Reference
from agent_desk.store.bulk import BulkWriter

Row = tuple[Any, ...]

CALL_COLUMNS = (
    "id",
    "platform_call_id",
    "ani",
    "ani_e164",
    "dnis",
    "business_line_id",
    "queue",
    "agent_id",
    "agent_telephony_id",
    "customer_id",
    "offered_at",
    "answered_at",
    "ended_at",
    "end_reason",
    "disposition_code",
    "notes",
    "recording_url",
    "wrapped_up_at",
    "queued_at",
    "wait_seconds",
    "ring_seconds",
    "talk_seconds",
    "hold_seconds",
    "acw_seconds",
    "outcome",
)
CONTACT_EVENT_COLUMNS = (
    "id",
    "event_key",
    "occurred_at",
    "source",
    "kind",
    "call_id",
    "queue",
    "agent",
    "agent_id",
    "data",
)
INTERVAL_COLUMNS = (
    "id",
    "opened_by",
    "agent",
    "agent_id",
    "state",
    "reason",
    "started_at",
    "ended_at",
    "end_mark",
    "source",
)

SOURCE = "demo"
QUEUE = "sales"
SHIFT_SECONDS = 9 * 3600
SHIFT_STARTS = (0, 5 * 3600)  # UTC: 08:00 and 13:00 in China
RING_OUT, RETRY = 15, 5  # a ring no answer lasts the queue's member timeout, then the queue retries
QUEUE_TIMEOUT = 300
CHUNK_CALLS = 20_000
# Not-ready reasons taken on top of the two breaks and lunch, with their lengths in minutes.
EXTRA_PAUSES = {
    "training": (30, 60),
    "meeting": (15, 45),
    "coaching": (15, 30),
    "system": (3, 20),
    "outbound": (15, 40),
}
EXTRA_PAUSE_SHARE = 0.3
_RNA = f'{{"ring": {RING_OUT}}}'

Tick = Callable[[str, int, int], None]


@cache
def _hms() -> list[str]:
    return [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400)]


class _Clock:
    """Seconds since ``base`` (a midnight) as the text both databases read as a timestamp."""

    def __init__(self, base: datetime) -> None:
        self.base = base
        self.hms = _hms()
        self.days: dict[int, str] = {}

    def __call__(self, sec: int) -> str:
        day, rest = divmod(sec, 86_400)
        prefix = self.days.get(day)
        if prefix is None:
            prefix = self.days[day] = f"{self.base + timedelta(days=day):%Y-%m-%d} "
        return prefix + self.hms[rest]

    def at(self, day: date) -> int:
        return (datetime.combine(day, datetime.min.time()) - self.base).days * 86_400


class RecordWriter:
    """Writes the calls of a run and their record, chunk by chunk; ids continue after existing rows."""

    def __init__(
        self,
        bulk: BulkWriter,
        ref: Reference,
        floor: Floor,
        rng: random.Random,
        customers: tuple[int, Sequence[str]],  # first customer id, primary phone per customer
        tick: Tick,
    ) -> None:
        self.bulk, self.ref, self.floor, self.rng, self.tick = bulk, ref, floor, rng, tick
        self.first_customer, self.phones = customers
        self.clock = _Clock(datetime.combine(floor.today - timedelta(days=DAYS + 1), datetime.min.time()))
        self.call_id = bulk.next_id("calls")
        self.event_id = bulk.next_id("contact_events")
        self.interval_id = bulk.next_id("agent_state_intervals")
        self.calls: list[Row] = []
        self.events: list[Row] = []
        self.intervals: list[Row] = []
        self.written = {"calls": 0, "contact_events": 0, "agent_state_intervals": 0}
        self.extra_reasons = [code for code in floor.reasons if code not in ("break", "lunch")]
        self.wrap_ups = _wrap_up_table(ref.dispositions)

    def write(self, total: int) -> dict[str, int]:
        """Generate and write ``total`` calls; returns how many rows went into each table."""
        if total <= 0 or not self.phones:
            return self.written
        answered, unanswered = split(total)
        shifts = self.floor.shifts(answered)
        if not shifts:  # no agent to take a call: every call goes unanswered
            raise RuntimeError("demo calls need at least one active agent with a telephony id")
        count = len(shifts)
        for i, shift in enumerate(shifts):
            self._shift(
                shift,
                answered * (i + 1) // count - answered * i // count,
                unanswered * (i + 1) // count - unanswered * i // count,
            )
            if len(self.calls) >= CHUNK_CALLS:
                self._flush()
                self.tick("calls", self.written["calls"], total)
        self._flush()
        self.tick("calls", total, total)
        return self.written

    def _flush(self) -> None:
        for table, columns, rows in (
            ("calls", CALL_COLUMNS, self.calls),
            ("contact_events", CONTACT_EVENT_COLUMNS, self.events),
            ("agent_state_intervals", INTERVAL_COLUMNS, self.intervals),
        ):
            if rows:
                self.written[table] += self.bulk.insert(table, columns, rows)
                rows.clear()

    # --- one shift --------------------------------------------------------------------------------

    def _shift(self, shift: Shift, answered: int, unanswered: int) -> None:
        r = self.rng.random
        stamp, agent, user_id = self.clock, shift.agent, shift.agent_id
        tag = f"demo:{agent}:{shift.day:%Y%m%d}"
        login = self.clock.at(shift.day) + SHIFT_STARTS[shift.late] + int(r() * 600)
        # Each call: (first ring, ring seconds, rang out first, talk, hold, acw); its busy time follows.
        calls: list[tuple[int, bool, int, int, int]] = []
        busy = 0
        for _ in range(answered):
            ring, rang_out = 3 + int(r() * 15), r() < 0.1
            talk, hold = 30 + int(r() ** 1.5 * 870), (10 + int(r() * 110) if r() < 0.15 else 0)
            acw = 10 + int(r() * 80)
            calls.append((ring, rang_out, talk, hold, acw))
            busy += (RING_OUT + RETRY if rang_out else 0) + ring + talk + hold + acw
        pauses = self._pauses()
        busy += sum(length for _at, _code, length in pauses)
        # The idle time left in the shift, cut at random between the activities (a full shift runs over).
        gaps = [r() + 0.05 for _ in range(answered + len(pauses) + 1)]
        scale = max(SHIFT_SECONDS - busy, 5 * len(gaps)) / sum(gaps)
        plan = sorted((round(at * answered), code, length) for at, code, length in pauses)
        self._event(f"{tag}:login", stamp(login), "agent_login", "", agent, user_id, "{}")
        t, g, p = login, 0, 0
        for k in range(answered + 1):
            while p < len(plan) and plan[p][0] <= k:
                _pos, code, length = plan[p]
                t += int(gaps[g] * scale)
                g += 1
                self._pause(f"{tag}:pause{p}", t, length, code, agent, user_id)
                t += length
                p += 1
            if k == answered:
                break
            t += int(gaps[g] * scale)
            g += 1
            t = self._answered(t, calls[k], agent, user_id)
        logout = t + int(gaps[g] * scale)
        self._event(f"{tag}:logout", stamp(logout), "agent_logout", "", agent, user_id, "{}")
        self._interval(f"{tag}:login", agent, user_id, "logged_in", "", stamp(login), stamp(logout))
        for _ in range(unanswered):
            self._unanswered(login + int(r() * (logout - login)))

    def _pauses(self) -> list[tuple[float, str, int]]:
        """(where in the shift as a fraction of its calls, reason, seconds) for this shift's pauses."""
        r, reasons = self.rng.random, self.floor.reasons
        pauses: list[tuple[float, str, int]] = []
        if "break" in reasons:
            # Mostly within the 15 minutes allowed; one in ten runs over, for the floor view to flag.
            for at in (0.22, 0.78):
                pauses.append((at, "break", 600 + int(r() * 300) if r() < 0.9 else 900 + int(r() * 300)))
        if "lunch" in reasons:
            pauses.append((0.5, "lunch", 1_800 + int(r() * 1_500)))
        if self.extra_reasons and r() < EXTRA_PAUSE_SHARE:
            code = self.extra_reasons[int(r() * len(self.extra_reasons))]
            low, high = EXTRA_PAUSES.get(code, (10, 30))
            pauses.append((0.05 + r() * 0.9, code, 60 * low + int(r() * 60 * (high - low))))
        return pauses

    def _pause(self, key: str, at: int, length: int, code: str, agent: str, user_id: int) -> None:
        start, end = self.clock(at), self.clock(at + length)
        self._event(key, start, "paused", "", agent, user_id, f'{{"reason": "{code}"}}')
        self._event(f"{key}:end", end, "unpaused", "", agent, user_id, f'{{"reason": "{code}"}}')
        self._interval(key, agent, user_id, "not_ready", code, start, end)

    # --- one call ---------------------------------------------------------------------------------

    def _caller(self) -> tuple[int, str, str, int]:
        """Customer id, phone, dialled number and business line of a new call."""
        rng = self.rng
        pos = int(rng.random() * len(self.phones))
        line_id, _code, dnis_list = self.ref.lines[int(rng.random() * len(self.ref.lines))]
        dnis = dnis_list[int(rng.random() * len(dnis_list))] if dnis_list else ""
        return self.first_customer + pos, self.phones[pos], dnis, line_id

    def _answered(self, offered: int, call: tuple[int, bool, int, int, int], agent: str, user_id: int) -> int:
        """Write one answered call whose agent's phone starts ringing at ``offered``; returns when the
        agent is free again (after-call work done). The hottest code of a scale build: rows are
        appended inline (~10 M calls, 50 M events)."""
        r, stamp = self.rng.random, self.clock
        ring, rang_out, talk, hold, acw = call
        call_id, e = self.call_id, self.event_id
        name, key = f"demo-call-{call_id}", f"demo:{call_id}"
        customer_id, phone, dnis, line_id = self._caller()
        queued = offered - 1 - int(r() ** 2 * 59)
        answered = offered + (RING_OUT + RETRY if rang_out else 0) + ring
        ended = answered + talk + hold
        free = ended + acw
        wait = answered - queued
        t_queued, t_answered, t_ended, t_free = stamp(queued), stamp(answered), stamp(ended), stamp(free)
        ended_by = "agent" if r() < 0.4 else "caller"
        add = self.events.append
        add((e, f"{key}:enter", t_queued, SOURCE, "entered_queue", name, QUEUE, "", None, _entered(phone, r)))
        if rang_out:
            e += 1
            add(
                (
                    e,
                    f"{key}:rna",
                    stamp(offered + RING_OUT),
                    SOURCE,
                    "ring_no_answer",
                    name,
                    QUEUE,
                    agent,
                    user_id,
                    _RNA,
                )
            )
        data = f'{{"wait": {wait}, "ring": {ring}}}'
        add((e + 1, f"{key}:answer", t_answered, SOURCE, "answered", name, QUEUE, agent, user_id, data))
        data = f'{{"wait": {wait}, "talk": {talk}, "hold": {hold}, "ended_by": "{ended_by}"}}'
        add((e + 2, f"{key}:end", t_ended, SOURCE, "ended", name, QUEUE, agent, user_id, data))
        add((e + 3, f"{key}:acw", t_ended, SOURCE, "acw_started", name, QUEUE, agent, user_id, "{}"))
        add((e + 4, f"{key}:acw-end", t_free, SOURCE, "acw_ended", name, QUEUE, agent, user_id, "{}"))
        self.event_id = e + 5
        self.call_id = call_id + 1
        self._interval(f"{key}:acw", agent, user_id, "acw", "", t_ended, t_free)
        disposition, notes = self.wrap_ups[int(r() * len(self.wrap_ups))]
        self.calls.append(
            (
                call_id,
                name,
                phone[3:],
                phone,
                dnis,
                line_id,
                QUEUE,
                user_id,
                agent,
                customer_id,
                stamp(offered),
                t_answered,
                t_ended,
                "completed",
                disposition,
                notes[int(r() * len(notes))],
                "",
                t_free,
                t_queued,
                wait,
                ring,
                talk,
                hold,
                acw,
                "answered",
            )
        )
        return free

    def _unanswered(self, queued: int) -> None:
        r, stamp = self.rng.random, self.clock
        call_id = self.call_id
        self.call_id += 1
        name, key = f"demo-call-{call_id}", f"demo:{call_id}"
        customer_id, phone, dnis, line_id = self._caller()
        timeout = r() < 0.125
        # A quarter of abandons are short (under 10 s): the reports count them apart.
        wait = QUEUE_TIMEOUT if timeout else (1 + int(r() * 9) if r() < 0.25 else 10 + int(r() ** 1.5 * 170))
        position = 1 + int(r() ** 2 * 5)
        t_queued, t_left = stamp(queued), stamp(queued + wait)
        self._event(f"{key}:enter", t_queued, "entered_queue", name, "", None, _entered(phone, r, position))
        kind, outcome = ("exit_timeout", "timeout") if timeout else ("abandoned", "abandoned")
        data = f'{{"position": {position}, "wait": {wait}}}'
        self._event(f"{key}:end", t_left, kind, name, "", None, data)
        self.calls.append(
            (
                call_id,
                name,
                phone[3:],
                phone,
                dnis,
                line_id,
                QUEUE,
                None,
                "",
                customer_id,
                t_queued,
                None,
                t_left,
                "abandoned",
                None,
                "",
                "",
                None,
                t_queued,
                wait,
                None,
                None,
                None,
                None,
                outcome,
            )
        )

    # --- rows -------------------------------------------------------------------------------------

    def _event(self, key: str, at: str, kind: str, call: str, agent: str, user_id: int | None, data: str) -> None:
        self.events.append((self.event_id, key, at, SOURCE, kind, call, QUEUE if call else "", agent, user_id, data))
        self.event_id += 1

    def _interval(self, key: str, agent: str, user_id: int, state: str, reason: str, start: str, end: str) -> None:
        self.intervals.append((self.interval_id, key, agent, user_id, state, reason, start, end, "", SOURCE))
        self.interval_id += 1


def _wrap_up_table(codes: Sequence[str]) -> list[tuple[str | None, tuple[str, ...]]]:
    """Dispositions of the database with the notes written for each, repeated by their share: one draw
    picks both. Codes the demo has no notes for (a centre's own) go without notes."""
    table: list[tuple[str | None, tuple[str, ...]]] = []
    for code in codes:
        share, notes = WRAP_UPS.get(code, (0.02, ("",)))
        table += [(code, notes)] * max(1, round(share * 100))
    return table or [(None, ("",))]


def _entered(phone: str, r: Callable[[], float], position: int | None = None) -> str:
    # Caller numbers are digits only: no JSON escaping needed.
    return f'{{"ani": "{phone[3:]}", "position": {position or 1 + int(r() ** 2 * 5)}}}'
