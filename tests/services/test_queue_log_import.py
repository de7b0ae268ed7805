"""Importing an Asterisk queue_log into the contact-centre record: counts, idempotence, faults."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from agent_desk.core.queue_log import QueueLogLineError, parse_line
from agent_desk.services.calls.contact_record import seconds_by_agent
from agent_desk.services.calls.queue_log_import import call_counts, import_queue_log
from agent_desk.store.contact_record import AgentStateInterval, ContactEvent
from agent_desk.store.database import Database
from agent_desk.store.models import BusinessLine, Call, User

DATA = Path(__file__).parents[1] / "data" / "queue_log"
HANDMADE = DATA / "handmade-rare-events.queue_log"


def test_a_hand_made_file_with_every_rare_event_gives_the_counts_it_was_made_for(ref_db: Database) -> None:
    report = import_queue_log(ref_db.factory, HANDMADE)
    assert report.lines == 34 and report.housekeeping == 2
    assert [n for n, _ in report.bad_lines] == [29, 32, 34]
    assert "unknown event 'FROBNICATE'" in dict(report.bad_lines)[34]
    assert "not a number" in dict(report.bad_lines)[32]
    with ref_db.factory() as s:
        counts = call_counts(s, report.calls)
        assert (counts.calls, counts.answered, counts.abandoned, counts.unfinished) == (8, 3, 1, 2)
        first = s.scalars(select(Call).where(Call.platform_call_id == "1700000100.1")).one()
        assert (first.wait_seconds, first.ring_seconds, first.talk_seconds, first.outcome) == (20, 5, 180, "answered")
        assert first.dnis == "4008001001" and first.business_line_id is not None  # the DID line names the line
        assert first.agent_id == s.scalar(select(User.id).where(User.telephony_id == "SIP/8001"))
        outcomes = dict(s.execute(select(Call.platform_call_id, Call.outcome)).all())
        assert outcomes["1700000500.3"] == "timeout" and outcomes["1700000900.4"] == "key"
        assert outcomes["1700001000.5"] == outcomes["1700001200.7"] == "transferred"
        assert outcomes["1700007000.10"] == "" and "1700007100.12" not in outcomes
        paused = seconds_by_agent(s, "not_ready")
        assert paused == {"SIP/8001": 3600.0, "SIP/8002": 900.0}
        still_open = s.scalars(select(AgentStateInterval).where(AgentStateInterval.ended_at.is_(None))).all()
        assert [(i.agent, i.reason) for i in still_open] == [("SIP/8002", "training")]


def test_importing_the_same_file_again_changes_nothing(ref_db: Database) -> None:
    first = import_queue_log(ref_db.factory, HANDMADE)
    with ref_db.factory() as s:
        before = (
            s.scalar(select(func.count()).select_from(ContactEvent)),
            s.scalar(select(func.count()).select_from(AgentStateInterval)),
            sorted(s.execute(select(Call.platform_call_id, Call.outcome, Call.talk_seconds)).all()),
        )
    again = import_queue_log(ref_db.factory, HANDMADE)
    assert first.events_new > 0 and again.changed_nothing and again.events_known == first.events_new
    with ref_db.factory() as s:
        after = (
            s.scalar(select(func.count()).select_from(ContactEvent)),
            s.scalar(select(func.count()).select_from(AgentStateInterval)),
            sorted(s.execute(select(Call.platform_call_id, Call.outcome, Call.talk_seconds)).all()),
        )
    assert after == before


def test_an_import_cut_short_is_completed_by_running_it_again(ref_db: Database, tmp_path: Path) -> None:
    """The second half of a file arrives later (a log rotated mid-call): the call gets its end then."""
    lines = HANDMADE.read_text().splitlines(keepends=True)
    head = tmp_path / "head.queue_log"
    head.write_text("".join(lines[:9]))  # up to the CONNECT of call .1, before its COMPLETECALLER
    import_queue_log(ref_db.factory, head)
    with ref_db.factory() as s:
        assert s.scalar(select(Call.outcome).where(Call.platform_call_id == "1700000100.1")) == ""
    import_queue_log(ref_db.factory, HANDMADE)
    with ref_db.factory() as s:
        call = s.scalars(select(Call).where(Call.platform_call_id == "1700000100.1")).one()
        assert (call.outcome, call.talk_seconds) == ("answered", 180)


def test_queues_are_matched_to_business_lines_where_mapped(ref_db: Database, tmp_path: Path) -> None:
    with ref_db.factory() as s, s.begin():
        line = s.scalars(select(BusinessLine).order_by(BusinessLine.id)).first()
        assert line is not None
        line.queue_name, line_id = "support", line.id
    log = tmp_path / "q.queue_log"
    log.write_text(
        "1700000000|c1|support|NONE|ENTERQUEUE||13800138000|1\n"
        "1700000010|c1|support|NONE|ABANDON|1|1|10\n"
        "1700000020|c2|unmapped|NONE|ENTERQUEUE||13800138000|1\n"
        "1700000030|c2|unmapped|NONE|ABANDON|1|1|10\n"
    )
    import_queue_log(ref_db.factory, log)
    with ref_db.factory() as s:
        rows = dict(s.execute(select(Call.platform_call_id, Call.business_line_id)).all())
        queues = dict(s.execute(select(Call.platform_call_id, Call.queue)).all())
    assert rows == {"c1": line_id, "c2": None} and queues["c2"] == "unmapped"


def test_the_record_refuses_updates_and_deletes(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, HANDMADE)
    for statement in ("UPDATE contact_events SET kind = 'answered'", "DELETE FROM contact_events"):
        with pytest.raises(DBAPIError, match="append-only"), ref_db.factory() as s, s.begin():
            s.execute(text(statement))
    with ref_db.factory() as s:
        assert s.scalar(select(func.count()).select_from(ContactEvent)) > 0


def test_a_missing_file_says_so(ref_db: Database, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such queue_log"):
        import_queue_log(ref_db.factory, tmp_path / "nope")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("1700000000|c1|q|NONE", "at least 5 fields"),
        ("yesterday|c1|q|NONE|ENTERQUEUE||123|1", "not a Unix epoch"),
        ("1700000000|c1|q|SIP/1|COMPLETEAGENT|5", "needs 2 data fields"),
        ("1700000000|c1|q|NONE|ABANDON|1|1", "needs 3 data fields"),
    ],
)
def test_unreadable_lines_say_what_is_wrong(line: str, problem: str) -> None:
    with pytest.raises(QueueLogLineError, match=problem):
        parse_line(line)


def test_milliseconds_epochs_and_crlf_lines_are_read() -> None:
    event = parse_line("1700000000123|c1|q|SIP/1|RINGNOANSWER|2500\r\n")
    assert event is not None and event.occurred_at == datetime(2023, 11, 14, 22, 13, 20, 123000)
    assert event.data == {"ring": 2} and event.agent == "SIP/1"


# Real queue_log files recorded by others (tests/data/queue_log/README.md gives each one's origin,
# licence and the counts below, made by fixture_tools.py's own reader, not by agent_desk's parser).
REAL_FILES = {
    # file: (calls, answered, abandoned, still without an outcome), bad line numbers
    "derived-github-ramasamys-T_Report-db-patch14.queue_log": ((37, 25, 12, 0), "RINGING"),
    "derived-github-36Nabaloum-MalariaPBX-baseAsterisk.queue_log": ((8, 2, 5, 0), None),
    # 1546027663.761192 is answered and never ends in the excerpt: in the record it has no outcome yet
    "github-xalakox-asterisk2slack-test-fixtures-queue_log.queue_log": ((2, 1, 0, 1), None),
    "github-altanai-asteriskexamples-queues-README-excerpt.queue_log": ((2, 0, 1, 1), None),
}


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_a_real_sites_queue_log_gives_the_counts_read_from_it_by_hand(ref_db: Database, name: str) -> None:
    expected, site_event = REAL_FILES[name]
    report = import_queue_log(ref_db.factory, DATA / name)
    with ref_db.factory() as s:
        counts = call_counts(s, report.calls)
    assert (counts.calls, counts.answered, counts.abandoned, counts.unfinished) == expected
    # What is reported is what a person would call unreadable: the site's own QueueLog() event and
    # the row whose time the dump lost, not Asterisk's own rarer events.
    reasons = [reason for _, reason in report.bad_lines]
    assert all((site_event and site_event in r) or "time" in r for r in reasons), reasons
    again = import_queue_log(ref_db.factory, DATA / name)
    assert again.changed_nothing


def test_a_ring_the_caller_cut_short_is_kept_with_its_ring_time() -> None:
    event = parse_line("1596513100.245|1596513054.164|support|SIP/2001|RINGCANCELED|11193")
    assert event is not None and event.kind == "ring_canceled" and event.data == {"ring": 11}
