"""Teams (班组) in the KPI reports, the league and the drill-down, and who sees which figures.

On the hand-made queue_log of tests/services/test_kpi_report.py (figures worked out there from the
file's lines; days in UTC): agent1 (SIP/8001) answered .1 and .5, agent2 (SIP/8002) answered .7,
took .10 (no end yet) and let .1 ring; nobody answered .2, .3, .4 and .13. The reference data
puts agent1 and agent2 in 销售一组 (led by supervisor1), agent3 and agent777 in 销售二组
(led by supervisor2).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from agent_desk.services.access.auth import CurrentUser, create_user
from agent_desk.services.calls.queue_log_import import import_queue_log
from agent_desk.services.supervision.drilldown import call_record, calls_behind
from agent_desk.services.supervision.kpi_report import NO_KEY, NO_TEAM, GroupBy, KpiError, ReportRequest, kpi_report
from agent_desk.services.supervision.league import LeagueFigure, league_table
from agent_desk.services.supervision.report_request import period_key, windows
from agent_desk.services.supervision.teams import TeamError, add_team, place_in_team, team_list
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import Call, Team, User
from tests.services.test_orders_support import cast

HANDMADE = Path(__file__).parents[1] / "data" / "queue_log" / "handmade-rare-events.queue_log"
UTC = ZoneInfo("UTC")
NOW = datetime(2023, 11, 15, 1, 0)
DAYS = (date(2023, 11, 14), date(2023, 11, 15))
ONE, TWO = "销售一组", "销售二组"


@pytest.fixture
def record(ref_db: Database) -> Database:
    import_queue_log(ref_db.factory, HANDMADE)
    return ref_db


def _rows(db: Database, by: GroupBy, viewer: CurrentUser | None = None, **kw: object) -> dict[str, dict]:
    req = ReportRequest(*DAYS, by, zone=UTC, **kw)  # type: ignore[arg-type]
    with db.factory() as s:
        return {row[by.value]: row for row in kpi_report(s, req, now=NOW, viewer=viewer).rows}


def _move(db: Database, team: str, *usernames: str) -> None:
    with transaction(db.factory) as s:
        place_in_team(s, usernames, team)


def _call_id(db: Database, platform_id: str) -> int:
    with db.factory() as s:
        return s.scalars(select(Call.id).where(Call.platform_call_id == platform_id)).one()


# --- the groupings -----------------------------------------------------------------------------------


def test_a_team_row_sums_its_agents_and_calls_nobody_answered_stay_apart(record: Database) -> None:
    agents, teams = _rows(record, GroupBy.AGENT), _rows(record, GroupBy.TEAM)
    assert set(teams) == {ONE, NO_KEY}  # 销售二组's agents took no call in the file: no row
    one = teams[ONE]
    assert (one["answered"], one["unfinished"], one["talk_s"], one["ring_no_answer"]) == (3, 1, 367, 1)
    assert one["offered"] == agents["agent1"]["offered"] + agents["agent2"]["offered"]
    # The team's time is its agents' time: agent1's lunch, agent2's break and training (open until NOW).
    assert one["not_ready_s"] == {"lunch": 3600.0, "break": 900.0, "training": 2700.0}
    assert one["login_s"] == agents["agent1"]["login_s"] + agents["agent2"]["login_s"]
    assert teams[NO_KEY]["offered"] == agents[NO_KEY]["offered"]


def test_a_team_is_the_agents_team_when_the_report_is_read(record: Database) -> None:
    before = _rows(record, GroupBy.TEAM)[ONE]
    _move(record, TWO, "agent2")
    with transaction(record.factory) as s:
        s.scalars(select(User).where(User.username == "agent1")).one().team_id = None
    teams = _rows(record, GroupBy.TEAM)
    # agent2's past calls and time went to 销售二组 with them; agent1, in no team now, is "(no team)".
    assert set(teams) == {TWO, NO_TEAM, NO_KEY}
    assert teams[TWO]["answered"] + teams[NO_TEAM]["answered"] == before["answered"]
    assert (teams[TWO]["answered"], teams[TWO]["not_ready_s"]) == (1, {"break": 900.0, "training": 2700.0})
    assert (teams[NO_TEAM]["answered"], teams[NO_TEAM]["not_ready_s"]) == (2, {"lunch": 3600.0})


def test_weeks_and_months_are_keyed_by_iso_week_and_month_in_the_report_zone(record: Database) -> None:
    # 2023-11-14 was the Tuesday of ISO week 46; the six calls with an outcome came in its evening (UTC).
    weeks, months = _rows(record, GroupBy.WEEK), _rows(record, GroupBy.MONTH)
    assert list(weeks) == ["2023-W46"] and list(months) == ["2023-11"]
    for row in (weeks["2023-W46"], months["2023-11"]):
        assert (row["offered"], row["answered"], row["unfinished"]) == (6, 3, 2)
        assert row["not_ready_s"] == {"lunch": 3600.0, "break": 900.0, "training": 2700.0}
    # In Honolulu (UTC−10) the calls fall on Monday the 13th and Tuesday: still week 46.
    req = ReportRequest(date(2023, 11, 12), date(2023, 11, 14), GroupBy.WEEK, zone=ZoneInfo("Pacific/Honolulu"))
    with record.factory() as s:
        rows = kpi_report(s, req, now=NOW).rows
    assert [(r["week"], r["offered"]) for r in rows] == [("2023-W46", 6)]


def test_iso_weeks_at_the_turn_of_the_year_and_weeks_and_months_cut_to_the_range() -> None:
    assert period_key(GroupBy.WEEK, date(2026, 12, 31)) == "2026-W53"
    assert period_key(GroupBy.WEEK, date(2027, 1, 3)) == "2026-W53"  # a Sunday: still 2026's last week
    assert period_key(GroupBy.WEEK, date(2024, 12, 30)) == "2025-W01"  # a Monday: 2025's first week
    assert period_key(GroupBy.MONTH, date(2026, 11, 30)) == "2026-11"
    wed, next_wed = date(2026, 11, 25), date(2026, 12, 2)
    weeks = list(windows(ReportRequest(wed, next_wed, GroupBy.WEEK, zone=UTC)))
    assert weeks == [
        ("2026-W48", datetime(2026, 11, 25), datetime(2026, 11, 30)),
        ("2026-W49", datetime(2026, 11, 30), datetime(2026, 12, 3)),
    ]
    shanghai = ZoneInfo("Asia/Shanghai")  # the zone's midnights, in UTC
    months = list(windows(ReportRequest(wed, next_wed, GroupBy.MONTH, zone=shanghai)))
    assert months == [
        ("2026-11", datetime(2026, 11, 24, 16), datetime(2026, 11, 30, 16)),
        ("2026-12", datetime(2026, 11, 30, 16), datetime(2026, 12, 2, 16)),
    ]


# --- who sees what -----------------------------------------------------------------------------------


def test_a_supervisor_sees_the_agents_and_teams_they_lead_and_the_centres_totals(record: Database) -> None:
    _move(record, TWO, "agent2")
    users = cast(record.factory)
    one, two = users["supervisor1"], users["supervisor2"]
    assert set(_rows(record, GroupBy.AGENT, one)) == {"agent1", NO_KEY}
    assert set(_rows(record, GroupBy.AGENT, two)) == {"agent2", NO_KEY}
    assert set(_rows(record, GroupBy.TEAM, one)) == {ONE, NO_KEY}
    assert set(_rows(record, GroupBy.TEAM, two)) == {TWO, NO_KEY}
    # A team row is the same figure for its leader as for an admin: nothing of it is cut.
    assert _rows(record, GroupBy.TEAM, two)[TWO] == _rows(record, GroupBy.TEAM, users["admin"])[TWO]
    # The queue, the days and the weeks are the centre's, whoever leads what.
    for by in (GroupBy.QUEUE, GroupBy.DAY, GroupBy.WEEK, GroupBy.INTERVAL):
        assert _rows(record, by, one) == _rows(record, by, two) == _rows(record, by, users["admin"]), by
    assert _rows(record, GroupBy.QUEUE, one)["sales"]["offered"] == 6
    assert set(_rows(record, GroupBy.AGENT, users["admin"])) == {"agent1", "agent2", NO_KEY}


def test_a_supervisor_who_leads_no_team_sees_no_agent_and_an_agent_only_themselves(record: Database) -> None:
    with transaction(record.factory) as s:
        create_user(s, username="supervisor3", display_name="新班长", role="supervisor", password="secret123")
    users = cast(record.factory)
    assert set(_rows(record, GroupBy.AGENT, users["supervisor3"])) == {NO_KEY}
    assert set(_rows(record, GroupBy.TEAM, users["supervisor3"])) == {NO_KEY}
    assert _rows(record, GroupBy.QUEUE, users["supervisor3"])["sales"]["offered"] == 6
    # An agent by team: one row, their team, holding their own calls only (.1 and .5).
    mine = _rows(record, GroupBy.TEAM, users["agent1"])
    assert list(mine) == [ONE] and (mine[ONE]["answered"], mine[ONE]["ring_no_answer"]) == (2, 0)
    assert list(_rows(record, GroupBy.MONTH, users["agent1"])) == ["2023-11"]


def test_a_supervisors_drill_down_names_only_their_agents_and_refuses_other_teams(record: Database) -> None:
    _move(record, TWO, "agent2")
    users = cast(record.factory)
    two = users["supervisor2"]
    req = ReportRequest(*DAYS, GroupBy.QUEUE, zone=UTC)
    with record.factory() as s:
        behind = calls_behind(s, req, "sales", viewer=two)
    assert behind.total == 8  # the queue's figure is the centre's: every call behind it is listed
    by_id = {c.platform_call_id: c for c in behind.calls}
    assert (by_id["1700001200.7"].agent, by_id["1700001200.7"].agent_withheld) == ("agent2", False)
    for theirs in ("1700000100.1", "1700001000.5"):  # agent1's, of 销售一组
        assert (by_id[theirs].agent, by_id[theirs].agent_withheld) == ("", True)
    assert "agent1" not in repr(behind) and "SIP/8001" not in repr(behind)  # not named anywhere
    with record.factory() as s:
        for key, by in (("agent1", GroupBy.AGENT), (ONE, GroupBy.TEAM), (NO_TEAM, GroupBy.TEAM)):
            with pytest.raises(KpiError) as refused:
                calls_behind(s, ReportRequest(*DAYS, by, zone=UTC), key, viewer=two)
            assert refused.value.code == "kpi.other_team", key
        assert len(calls_behind(s, ReportRequest(*DAYS, GroupBy.TEAM, zone=UTC), TWO, viewer=two).calls) == 2
        # Another team's call has no record for them; a call nobody took is the centre's.
        with pytest.raises(KpiError) as hidden:
            call_record(s, _call_id(record, "1700000100.1"), viewer=two)
        assert hidden.value.code == "order.call_not_found"
        abandoned = call_record(s, _call_id(record, "1700000400.2"), viewer=two)
        assert abandoned.call.outcome == "abandoned"
        # .1 rang agent2 before agent1 answered: supervisor1 sees it, their agent agent1 named, agent2 not.
        seen = call_record(s, _call_id(record, "1700000100.1"), viewer=users["supervisor1"])
        assert [(e.kind, e.agent) for e in seen.events if e.agent or e.kind == "ring_no_answer"] == [
            ("ring_no_answer", ""),
            ("answered", "agent1"),
            ("ended", "agent1"),
        ]
        assert "agent2" not in repr(seen) and "SIP/8002" not in repr(seen)
        # The admin sees every name.
        full = call_record(s, _call_id(record, "1700000100.1"), viewer=users["admin"])
        assert [e.agent for e in full.events if e.kind == "ring_no_answer"] == ["agent2"]


def test_a_supervisors_drill_down_lists_what_each_of_their_rows_counted(record: Database) -> None:
    boss = cast(record.factory)["supervisor1"]
    for by in GroupBy:
        req = ReportRequest(*DAYS, by, zone=UTC)
        with record.factory() as s:
            for row in kpi_report(s, req, now=NOW, viewer=boss).rows:
                key = row[by.value]
                answered = calls_behind(s, req, key, figure="answered", viewer=boss)
                offered = calls_behind(s, req, key, figure="offered", viewer=boss)
                assert (len(answered.calls), len(offered.calls)) == (row["answered"], row["offered"]), (by, key)


# --- the league per team -----------------------------------------------------------------------------


def test_the_league_is_per_team_a_supervisor_theirs_an_admin_any(record: Database) -> None:
    _move(record, TWO, "agent2")
    users = cast(record.factory)
    req = ReportRequest(*DAYS, GroupBy.QUEUE, zone=UTC)
    with record.factory() as s:
        mine = league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["supervisor1"])
        floor = league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["admin"])
        picked = league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["admin"], team=TWO)
        with pytest.raises(KpiError) as not_theirs:
            league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["supervisor1"], team=TWO)
        with pytest.raises(TeamError) as unknown:
            league_table(s, req, LeagueFigure.AHT, now=NOW, viewer=users["admin"], team="夜班")
    assert [(r.agent, r.team, r.rank) for r in mine.rows] == [("agent1", ONE, 1)]
    assert (mine.definitions["teams"], mine.choices, mine.sees_floor) == ([ONE], (ONE,), False)
    assert [(r.agent, r.team) for r in floor.rows] == [("agent2", TWO), ("agent1", ONE)]  # AHT 97 s, 135 s
    assert (floor.definitions["teams"], floor.choices, floor.sees_floor) == (None, (ONE, TWO), True)
    assert [r.agent for r in picked.rows] == ["agent2"] and picked.team == TWO
    assert not_theirs.value.code == "kpi.other_team" and unknown.value.code == "team.unknown"


# --- making teams --------------------------------------------------------------------------------------


def test_teams_are_made_with_a_supervisor_leading_and_refused_otherwise(ref_db: Database) -> None:
    with transaction(ref_db.factory) as s:
        night = add_team(s, " 夜班组 ", leader="supervisor2")
        assert (night.name, night.active) == ("夜班组", True)
    for name, leader, code in (
        ("夜班组", None, "team.exists"),
        ("(no team)", None, "team.name_invalid"),
        ("", None, "team.name_invalid"),
        ("x" * 65, None, "team.name_invalid"),
        ("早班组", "nobody", "team.user_unknown"),
        ("早班组", "agent1", "team.leader_role"),
    ):
        with pytest.raises(TeamError) as refused, transaction(ref_db.factory) as s:
            add_team(s, name, leader=leader)
        assert refused.value.code == code, name
    with pytest.raises(TeamError) as refused, transaction(ref_db.factory) as s:
        place_in_team(s, ["agent1", "nobody"], "夜班组")  # one unknown name: nobody moves
    assert refused.value.code == "team.user_unknown"
    with ref_db.factory() as s:
        assert {t.name: (t.leader, t.members) for t in team_list(s)} == {
            ONE: ("supervisor1", 2),
            TWO: ("supervisor2", 2),
            "夜班组": ("supervisor2", 0),
        }
        assert s.scalars(select(Team.name)).all().count("早班组") == 0
