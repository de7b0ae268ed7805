"""Behind a report's figures: the calls of a row, one call's record, and the agent league.

On the hand-made queue_log of tests/services/test_kpi_report.py, whose figures are worked out
there from the file's lines; the calls listed here are those same lines.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from agent_desk.core.kpi import KpiSettings
from agent_desk.core.league import Band
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.calls.queue_log_import import import_queue_log
from agent_desk.services.supervision.drilldown import call_record, calls_behind
from agent_desk.services.supervision.kpi_report import GroupBy, KpiError, ReportRequest, kpi_report
from agent_desk.services.supervision.league import LeagueFigure, league_table
from agent_desk.store.database import Database
from agent_desk.store.models import Call, Customer
from tests.services.conftest import make_people
from tests.services.test_orders_support import cast, drive, submitted

HANDMADE = Path(__file__).parents[1] / "data" / "queue_log" / "handmade-rare-events.queue_log"
UTC = ZoneInfo("UTC")
NOW = datetime(2023, 11, 15, 1, 0)
DAYS = (date(2023, 11, 14), date(2023, 11, 15))


def _request(by: GroupBy, **kw: object) -> ReportRequest:
    return ReportRequest(*DAYS, by, zone=UTC, **kw)  # type: ignore[arg-type]


def _ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.platform_call_id for c in result.calls]


@pytest.fixture
def record(ref_db: Database) -> Database:
    import_queue_log(ref_db.factory, HANDMADE)
    return ref_db


def test_a_queue_row_lists_every_call_it_counted_in_time_order(record: Database) -> None:
    with record.factory() as s:
        behind = calls_behind(s, _request(GroupBy.QUEUE), "sales")
    # The six calls with an outcome and the two without (.10, .13); .12 never entered the queue.
    assert _ids(behind) == [f"17000{n}" for n in ("00100.1", "00400.2", "00500.3", "00900.4", "01000.5", "01200.7")] + [
        "1700007000.10",
        "1700007200.13",
    ]
    first = behind.calls[0]
    assert (first.queue, first.agent, first.wait_s, first.talk_s, first.outcome) == (
        "sales",
        "agent1",
        20,
        180,
        "answered",
    )
    assert first.caller == "138 0013 8000"  # a supervisor sees full numbers
    assert behind.calls[4].caller == ""  # .5 called from "anonymous": withheld, said so by the desk


def test_a_figure_narrows_the_list_to_the_calls_it_counted(record: Database) -> None:
    def ids(figure: str, **settings: object) -> list[str]:
        req = _request(GroupBy.QUEUE, settings=KpiSettings(**settings))  # type: ignore[arg-type]
        with record.factory() as s:
            return _ids(calls_behind(s, req, "sales", figure=figure))

    assert ids("answered") == ["1700000100.1", "1700001000.5", "1700001200.7"]  # transfers are answered calls
    assert ids("abandoned") == ["1700000400.2"]  # 45 s: not a short abandon at 5 s
    assert ids("short_abandoned") == []
    assert ids("short_abandoned", short_abandon_seconds=60) == ["1700000400.2"]  # the report's threshold
    assert ids("timeout") == ["1700000500.3"]
    assert ids("unfinished") == ["1700007000.10", "1700007200.13"]
    assert len(ids("service_level")) == 8  # a rate: every call of the row


def test_the_list_matches_the_report_for_every_grouping(record: Database) -> None:
    for by in GroupBy:
        req = _request(by)
        with record.factory() as s:
            rows = kpi_report(s, req, now=NOW).rows
            for row in rows:
                key = row[by.value]
                answered = calls_behind(s, req, key, figure="answered")
                offered = calls_behind(s, req, key, figure="offered")
                assert (len(answered.calls), len(offered.calls)) == (row["answered"], row["offered"]), (by, key)


def test_an_agent_lists_only_their_own_calls_and_logistics_nothing(record: Database) -> None:
    users = cast(record.factory)
    with record.factory() as s:
        mine = calls_behind(s, _request(GroupBy.QUEUE), "sales", viewer=users["agent1"])
        assert {c.agent for c in mine.calls} == {"agent1"}
        assert {"1700000100.1", "1700001000.5"} <= set(_ids(mine)) and "1700001200.7" not in _ids(mine)
        theirs = s.scalars(select(Call.id).where(Call.platform_call_id == "1700001200.7")).one()
        with pytest.raises(KpiError) as hidden:
            call_record(s, theirs, viewer=users["agent1"])
        assert hidden.value.code == "order.call_not_found"
        with pytest.raises(KpiError) as refused:
            calls_behind(s, _request(GroupBy.QUEUE), "sales", viewer=users["logistics1"])
        assert refused.value.code == "kpi.not_allowed"


def test_a_row_can_be_capped_and_says_how_many_there_are(record: Database) -> None:
    with record.factory() as s:
        capped = calls_behind(s, _request(GroupBy.QUEUE), "sales", limit=3)
    assert len(capped.calls) == 3 and capped.total == 8 and capped.truncated


def test_a_call_shows_its_record_in_order_its_recording_and_orders(record: Database) -> None:
    make_people(record)
    users = cast(record.factory)
    with record.factory() as s:
        call = s.scalars(select(Call).where(Call.platform_call_id == "1700000100.1")).one()
        call.recording_url = "https://pbx.example/rec/1700000100.1.wav"
        customer = s.scalars(select(Customer.id).where(Customer.name == "张伟")).one()
        call_id = call.id
        s.commit()
    order = submitted(record.factory, users, customer, call_id=call_id)
    with record.factory() as s:
        seen = call_record(s, call_id, viewer=users["supervisor1"])
    # The file's lines for .1: DID, ENTERQUEUE, RINGNOANSWER (SIP/8002), CONNECT (SIP/8001), COMPLETECALLER.
    assert [e.kind for e in seen.events] == ["dialled_number", "entered_queue", "ring_no_answer", "answered", "ended"]
    assert [e.at for e in seen.events] == sorted(e.at for e in seen.events)
    assert seen.events[2].agent == "agent2" and seen.events[3].agent == "agent1"
    assert seen.recording_url.endswith("1700000100.1.wav")
    assert [o.order_no for o in seen.orders] == [order.order_no] and seen.call.orders == (order.order_no,)
    with record.factory() as s:
        behind = calls_behind(s, _request(GroupBy.AGENT), "agent1", figure="answered")
    assert behind.calls[0].orders == (order.order_no,)


def test_the_league_ranks_agents_and_puts_the_balancing_figures_beside_them(record: Database) -> None:
    users = cast(record.factory)
    make_people(record)
    with record.factory() as s:
        customer = s.scalars(select(Customer.id).where(Customer.name == "张伟")).one()
    delivered = submitted(record.factory, users, customer)
    drive(record.factory, users, delivered, "approve", "print_label", "handover", "deliver")
    refused = submitted(record.factory, users, customer)
    drive(record.factory, users, refused, "approve", "print_label", "handover", "refuse")
    # Orders are dated now: the league's range must hold today for the return rate.
    req = ReportRequest(DAYS[0], date.today(), GroupBy.QUEUE, zone=UTC)
    with record.factory() as s:
        by_aht = league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["supervisor1"])
        by_fcr = league_table(s, req, LeagueFigure.FCR, now=NOW)
    # AHT: agent1 (180 + 90) / 2 = 135 s, agent2 97 s: lower is better, so agent2 ranks first.
    assert [(r.rank, r.agent) for r in by_aht.rows] == [(1, "agent2"), (2, "agent1")]
    assert by_aht.rows[0].band is Band.TOP and not by_aht.higher_is_better
    assert by_aht.rows[1].aht_s == 135.0 and by_aht.rows[1].answered == 2
    # agent1 took both orders: one delivered, one refused at the door.
    assert by_aht.rows[1].return_rate == 0.5 and by_aht.rows[1].orders_settled == 2
    # supervisor1 leads 销售一组 (agent1, agent2): their league is that team's; the command line's the floor's.
    assert by_aht.definitions["teams"] == ["销售一组"] and by_fcr.definitions["teams"] is None
    assert {r.team for r in by_aht.rows} == {"销售一组"}
    # No wrap-ups in a queue_log: nobody has an FCR, nobody is ranked or marked.
    assert {(r.rank, r.band) for r in by_fcr.rows} == {(None, Band.UNRANKED)}
    with pytest.raises(KpiError) as refused_league, record.factory() as s:
        league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["agent1"])
    assert refused_league.value.code == "kpi.not_allowed"


def test_keys_no_report_makes_list_nothing(record: Database) -> None:
    with record.factory() as s:
        assert calls_behind(s, _request(GroupBy.DAY), "not a day").calls == []
        assert calls_behind(s, _request(GroupBy.INTERVAL), "2023-11-14 25:99").calls == []
        assert calls_behind(s, _request(GroupBy.QUEUE), "no such queue").calls == []
        assert calls_behind(s, _request(GroupBy.AGENT), "nobody").calls == []


def test_the_cli_viewer_sees_full_numbers_and_an_auditor_no_calls(record: Database) -> None:
    with record.factory() as s:
        assert calls_behind(s, _request(GroupBy.QUEUE), "sales").calls[0].caller == "138 0013 8000"
        with pytest.raises(KpiError):
            calls_behind(s, _request(GroupBy.QUEUE), "sales", viewer=CurrentUser(0, "a", "A", "auditor", None))


def test_a_call_written_in_bulk_at_local_midnight_is_behind_its_day(ref_db: Database) -> None:
    # As the report (test_kpi_rollups): SQLite compares times as text and bulk rows have no
    # microseconds, so "2026-04-01 16:00:00" sorts before the bound "2026-04-01 16:00:00.000000".
    from sqlalchemy import text

    with ref_db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO calls (platform_call_id, ani, dnis, queue, agent_telephony_id, end_reason, notes,"
                " recording_url, outcome, queued_at, offered_at, wait_seconds)"
                " VALUES ('midnight', '', '', 'sales', '', 'abandoned', '', '', 'abandoned',"
                " '2026-04-01 16:00:00', '2026-04-01 16:00:00', 30)"
            )
        )
    shanghai = ZoneInfo("Asia/Shanghai")
    for by, key in ((GroupBy.QUEUE, "sales"), (GroupBy.DAY, "2026-04-02")):
        req = ReportRequest(date(2026, 4, 2), date(2026, 4, 2), by, zone=shanghai)  # from 16:00 UTC
        with ref_db.factory() as s:
            behind = calls_behind(s, req, key)
        assert [c.platform_call_id for c in behind.calls] == ["midnight"], by
