"""The KPI report over imported queue_log files, against figures read from the files by hand.

Each expected figure is worked out in a comment from the lines of the file (tests/data/queue_log).
Days are UTC here so the files' epochs give the days directly.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from agent_desk.core.kpi import KpiSettings, SlDefinition
from agent_desk.services.access.auth import CurrentUser
from agent_desk.services.calls.queue_log_import import import_queue_log
from agent_desk.services.supervision.kpi_report import GroupBy, KpiError, ReportRequest, kpi_report
from agent_desk.store.database import Database
from agent_desk.store.models import User

DATA = Path(__file__).parents[1] / "data" / "queue_log"
HANDMADE = DATA / "handmade-rare-events.queue_log"
# Real: github.com/xalakox/asterisk2slack test fixture (origin in tests/data/queue_log/README.md).
REAL = DATA / "github-xalakox-asterisk2slack-test-fixtures-queue_log.queue_log"
UTC = ZoneInfo("UTC")
# 1700007300 (SIP/8002's training pause, still open) + 45 minutes.
NOW = datetime(2023, 11, 15, 1, 0)


def request(by: GroupBy, first: date, last: date | None = None, **settings: object) -> ReportRequest:
    return ReportRequest(first, last or first, by, KpiSettings(**settings), zone=UTC)  # type: ignore[arg-type]


def rows_by(db: Database, req: ReportRequest, viewer: CurrentUser | None = None) -> dict[str, dict]:
    with db.factory() as s:
        report = kpi_report(s, req, now=NOW, viewer=viewer)
    return {row[req.by.value]: row for row in report.rows}


def test_the_hand_made_file_by_queue(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, HANDMADE)
    sales = rows_by(ref_db, request(GroupBy.QUEUE, date(2023, 11, 14), date(2023, 11, 15)))["sales"]
    # Calls that entered "sales": .1 answered after 20 s (talk 180), .2 abandoned after 45 s,
    # .3 timed out after 300 s, .4 left by a key after 3 s, .5 blind-transferred after 10 s (talk 90),
    # .7 attended-transferred after 3 s (talk 97); .10 answered with no end yet and .13 (its CONNECT
    # line is unreadable) have no outcome; .12 never entered the queue.
    assert (sales["offered"], sales["answered"], sales["abandoned"], sales["short_abandoned"]) == (6, 3, 1, 0)
    assert (sales["timeout"], sales["unfinished"], sales["ring_no_answer"]) == (1, 2, 1)
    assert sales["answer_rate"] == 0.5  # 3 / 6
    assert sales["service_level"] == 0.5  # answered ≤ 20 s: .1 (20 s), .5, .7 = 3 / 6
    assert sales["asa_s"] == 11.0  # (20 + 10 + 3) / 3
    assert sales["max_wait_s"] == 300
    assert sales["avg_talk_s"] == pytest.approx(122.3, abs=0.05)  # (180 + 90 + 97) / 3
    assert sales["transfer_rate"] == pytest.approx(0.6667, abs=1e-4)


def test_the_other_service_level_definitions_on_the_same_calls(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, HANDMADE)
    days = (date(2023, 11, 14), date(2023, 11, 15))
    answered = rows_by(ref_db, request(GroupBy.QUEUE, *days, sl_definition=SlDefinition.ANSWERED))["sales"]
    queued = rows_by(ref_db, request(GroupBy.QUEUE, *days, sl_definition=SlDefinition.QUEUED))["sales"]
    tighter = rows_by(ref_db, request(GroupBy.QUEUE, *days, sl_seconds=15))["sales"]
    assert answered["service_level"] == 1.0  # 3 of 3 answered within 20 s
    assert queued["service_level"] == pytest.approx(0.6667, abs=1e-4)  # + .4 left after 3 s: 4 / 6
    assert tighter["service_level"] == pytest.approx(0.3333, abs=1e-4)  # .1 at 20 s is late: 2 / 6


def test_the_hand_made_file_by_agent_gives_paused_seconds_by_reason(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, HANDMADE)
    with ref_db.factory() as s:
        names = {t: u for t, u in s.execute(select(User.telephony_id, User.username)) if t}
    agents = rows_by(ref_db, request(GroupBy.AGENT, date(2023, 11, 14), date(2023, 11, 15)))
    first, second = agents[names["SIP/8001"]], agents[names["SIP/8002"]]
    # SIP/8001: PAUSE lunch 1700002000 → UNPAUSE 1700005600 = 3,600 s; answered .1 and .5 (talk 180 + 90).
    assert first["not_ready_s"] == {"lunch": 3600.0} and first["answered"] == 2 and first["talk_s"] == 270
    # SIP/8002: PAUSEALL break 1700006000 → 1700006900 = 900 s; training from 1700007300, open: 45 min to NOW.
    assert second["not_ready_s"] == {"break": 900.0, "training": 2700.0}
    assert second["ring_no_answer"] == 1 and second["answered"] == 1  # .7 (.10 has no end yet)


def test_the_day_split_follows_the_report_time_zone(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, HANDMADE)
    by_day = rows_by(ref_db, request(GroupBy.DAY, date(2023, 11, 14), date(2023, 11, 15)))
    # In UTC the six calls with an outcome entered on the 14th (22:15–22:35); .10 and .13 after midnight.
    assert by_day["2023-11-14"]["offered"] == 6 and by_day["2023-11-15"]["unfinished"] == 2
    shanghai = ReportRequest(date(2023, 11, 15), date(2023, 11, 15), GroupBy.DAY, zone=ZoneInfo("Asia/Shanghai"))
    with ref_db.factory() as s:
        rows = kpi_report(s, shanghai, now=NOW).rows
    # UTC+8: all of them fall on the 15th.
    assert [(r["day"], r["offered"], r["unfinished"]) for r in rows] == [("2023-11-15", 6, 2)]


def test_a_real_sites_file_gives_the_figures_read_from_it(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, REAL)
    q201 = rows_by(ref_db, request(GroupBy.QUEUE, date(2018, 12, 28)))["201"]
    # Call 1546015415.757927 entered 201 (the line is repeated seven times in the file: one call),
    # rang John Rembold, Tania Lissete Flores Zavala and Sara Sangri unanswered, then CONNECT to Paty
    # Marin after 10 s and COMPLETECALLER after 122 s of talk. Call 1546027663.761192 entered and was
    # connected after 14 s, with no end in the file. The other two callids never ENTERQUEUE'd.
    assert (q201["offered"], q201["answered"], q201["unfinished"], q201["ring_no_answer"]) == (1, 1, 1, 3)
    assert (q201["service_level"], q201["asa_s"], q201["avg_talk_s"], q201["max_wait_s"]) == (1.0, 10.0, 122.0, 10)
    agents = rows_by(ref_db, request(GroupBy.AGENT, date(2018, 12, 28)))
    assert agents["Paty Marin"]["answered"] == 1 and agents["Paty Marin"]["unfinished"] == 1
    assert {a: r["ring_no_answer"] for a, r in agents.items() if r["ring_no_answer"]} == {
        "John Rembold": 1,
        "Sara Sangri": 1,
        "Tania Lissete Flores Zavala": 1,
    }


def test_an_agent_sees_only_their_own_figures_and_logistics_none(ref_db: Database) -> None:
    import_queue_log(ref_db.factory, HANDMADE)
    with ref_db.factory() as s:
        user = s.scalars(select(User).where(User.telephony_id == "SIP/8001")).one()
        me = CurrentUser(user.id, user.username, user.display_name, "agent", user.telephony_id)
    req = request(GroupBy.QUEUE, date(2023, 11, 14), date(2023, 11, 15))
    mine = rows_by(ref_db, req, viewer=me)["sales"]
    assert (mine["offered"], mine["answered"]) == (2, 2)  # .1 and .5 only, not the floor's six
    by_agent = rows_by(ref_db, request(GroupBy.AGENT, date(2023, 11, 14), date(2023, 11, 15)), viewer=me)
    assert list(by_agent) == [me.username]
    supervisor = CurrentUser(0, "sup", "Sup", "supervisor", None)
    assert rows_by(ref_db, req, viewer=supervisor)["sales"]["offered"] == 6
    with pytest.raises(KpiError) as refused:
        rows_by(ref_db, req, viewer=CurrentUser(0, "lg", "Lg", "logistics", None))
    assert refused.value.code == "kpi.not_allowed"


def test_impossible_requests_are_refused_before_reading() -> None:
    with pytest.raises(KpiError) as backwards:
        ReportRequest(date(2026, 12, 2), date(2026, 12, 1), GroupBy.DAY)
    assert backwards.value.code == "kpi.range_backwards"
    with pytest.raises(KpiError) as odd:
        ReportRequest(date(2026, 12, 1), date(2026, 12, 1), GroupBy.INTERVAL, interval_minutes=20)
    assert odd.value.code == "kpi.interval"
