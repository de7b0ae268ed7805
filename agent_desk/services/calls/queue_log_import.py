"""Importing a real Asterisk ``queue_log`` into the contact-centre record.

Lines are read in chunks, each chunk appended in its own transaction: re-running an import (after
a crash, or on the same file again) adds nothing that is already there, because every line's event
has a key made from the line itself. Lines that cannot be read are reported with their numbers and
skipped; calls whose final event is missing stay without an outcome rather than being guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.contact_events import ContactEventIn
from agent_desk.core.queue_log import QueueLogLineError, parse_line
from agent_desk.services.calls.contact_record import agent_ids, append_events, derive_agent_intervals, derive_calls
from agent_desk.store.models import Call

CHUNK_LINES = 5_000
MAX_REPORTED_ERRORS = 200

Progress = Callable[[int, int], None]  # bytes read, bytes in the file


@dataclass
class QueueLogReport:
    lines: int = 0
    events_new: int = 0
    events_known: int = 0
    housekeeping: int = 0
    bad_lines: list[tuple[int, str]] = field(default_factory=list)
    bad_line_count: int = 0
    calls: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)

    @property
    def changed_nothing(self) -> bool:
        return self.events_new == 0


@dataclass(frozen=True)
class CallCounts:
    calls: int
    answered: int
    abandoned: int
    unfinished: int


def _chunks(path: Path, report: QueueLogReport, progress: Progress | None) -> Iterator[list[ContactEventIn]]:
    size = path.stat().st_size
    chunk: list[ContactEventIn] = []
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            report.lines += 1
            line = raw.decode("utf-8", errors="replace")
            if not line.strip():
                continue
            try:
                event = parse_line(line)
            except QueueLogLineError as exc:
                report.bad_line_count += 1
                if len(report.bad_lines) < MAX_REPORTED_ERRORS:
                    report.bad_lines.append((number, str(exc)))
                continue
            if event is None:
                report.housekeeping += 1
                continue
            chunk.append(event)
            if len(chunk) >= CHUNK_LINES:
                yield chunk
                chunk = []
                if progress is not None:
                    progress(handle.tell(), size)
    if chunk:
        yield chunk
    if progress is not None:
        progress(size, size)


def import_queue_log(factory: sessionmaker[Session], path: Path, *, progress: Progress | None = None) -> QueueLogReport:
    """Append the file's events to the record, then derive the facts of the calls and agents it touched."""
    if not path.is_file():
        raise FileNotFoundError(f"no such queue_log file: {path}")
    report = QueueLogReport()
    with factory() as session:
        users = agent_ids(session)
    for chunk in _chunks(path, report, progress):
        with factory() as session, session.begin():
            appended = append_events(session, chunk, users)
        report.events_new += appended.new
        report.events_known += appended.known
        report.calls.update(e.call_id for e in chunk if e.call_id)
        report.agents.update(e.agent for e in chunk if e.agent)
    # Derived for everything the file names, not only the new events: an earlier import that died
    # between its appends and its derivation is completed by running it again.
    with factory() as session, session.begin():
        derive_calls(session, report.calls, users)
        derive_agent_intervals(session, report.agents, users)
    return report


def call_counts(session: Session, call_ids: set[str]) -> CallCounts:
    """How many of these calls the record has, answered, abandoned, and still without an outcome."""
    ids = sorted(call_ids)
    totals = {"": 0, "answered": 0, "abandoned": 0, "transferred": 0}
    count = 0
    for i in range(0, len(ids), 500):
        for outcome, n in session.execute(
            select(Call.outcome, func.count())
            .where(Call.platform_call_id.in_(ids[i : i + 500]), Call.queued_at.is_not(None))
            .group_by(Call.outcome)
        ):
            totals[outcome] = totals.get(outcome, 0) + n
            count += n
    return CallCounts(
        calls=count,
        answered=totals["answered"] + totals["transferred"],
        abandoned=totals["abandoned"],
        unfinished=totals[""],
    )
