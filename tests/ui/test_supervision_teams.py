"""The Supervision workspace's teams, weeks and months: the group-by control offers them, the
table shows their rows, and the league says whose agents it ranks and lets an admin pick a team.

On the hand-made queue_log of tests/services/test_kpi_report.py (the calls came on Tuesday
2023-11-14, UTC, in ISO week 46); agent1 and agent2 are in 销售一组, led by supervisor1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from agent_desk.app import Desktop
from agent_desk.core.league import Band
from agent_desk.services.access.auth import authenticate
from agent_desk.services.calls.queue_log_import import import_queue_log
from agent_desk.services.supervision.kpi_report import GroupBy
from agent_desk.services.supervision.league import LeagueFigure, LeagueRow, LeagueTable
from agent_desk.store.database import Database
from agent_desk.ui.context import DeskContext
from agent_desk.ui.messages import bridge
from agent_desk.ui.supervision.league_pane import LeaguePane
from agent_desk.ui.supervision.workspace import LEAGUE, SupervisionWorkspace

TIMEOUT = 10_000
HANDMADE = Path(__file__).parents[1] / "data" / "queue_log" / "handmade-rare-events.queue_log"
UTC = ZoneInfo("UTC")
NOW = datetime(2023, 11, 15, 1, 0)


@pytest.fixture
def open_ws(desktop: Desktop, ui_db: Database, qtbot) -> Iterator[Callable[[str], SupervisionWorkspace]]:  # type: ignore[no-untyped-def]
    import_queue_log(ui_db.factory, HANDMADE)
    opened: list[SupervisionWorkspace] = []

    def open_as(username: str) -> SupervisionWorkspace:
        user = authenticate(desktop.database.factory, username, username + "123")
        ctx = DeskContext(user, desktop.database, desktop.runner, desktop.settings, bridge())
        ws = SupervisionWorkspace(ctx, zone=UTC, clock=lambda: NOW)
        qtbot.addWidget(ws)
        ws.show()
        qtbot.waitUntil(lambda: ws.report is not None, timeout=TIMEOUT)
        with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
            ws.controls.set_range(date(2023, 11, 14), date(2023, 11, 15))
        opened.append(ws)
        return ws

    yield open_as
    for ws in opened:
        ws.shutdown()


def _keys(ws: SupervisionWorkspace) -> list[str]:
    return [cells[0] for cells in ws.model.cells()]


def test_the_report_can_be_grouped_by_team_week_and_month(open_ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = open_ws("supervisor1")
    offered = [ws.controls.group_by.itemText(i) for i in range(ws.controls.group_by.count())]
    assert offered == ["Queue", "Business line", "Agent", "Team", "Day", "Week", "Month", "Interval"]
    for by, title, keys in (
        (GroupBy.TEAM, "Team", ["(none)", "销售一组"]),
        (GroupBy.WEEK, "Week", ["2023-W46"]),
        (GroupBy.MONTH, "Month", ["2023-11"]),
    ):
        with qtbot.waitSignal(ws.report_shown, timeout=TIMEOUT):
            ws.controls.set_by(by)
        assert ws.model.columns[0].title == title and sorted(_keys(ws)) == keys, by
        assert not ws.controls.interval.isVisible()
        titles = [c.title for c in ws.model.columns]
        assert "Logged in" in titles and "Occupancy" in titles  # agent time, as by agent or day
    row = dict(zip([c.title for c in ws.model.columns], ws.model.cells()[0], strict=True))
    assert (row["Offered"], row["Answered"], row["No outcome yet"]) == ("6", "3", "2")


def test_a_supervisors_league_names_their_team_and_offers_no_pick(open_ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = open_ws("supervisor1")
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT):
        ws.tabs.setCurrentIndex(LEAGUE)
    pane = ws.league_pane
    assert pane.scope.text() == "Agents of 销售一组." and not pane.team.isVisibleTo(pane)
    assert {cells[1] for cells in pane.model.cells()} == {"agent1", "agent2"}
    assert "Team" not in [c.title for c in pane.model.columns]  # one team: its name is said above


def test_an_admins_league_is_the_floors_with_each_agents_team_and_a_team_picker(open_ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws = open_ws("admin")
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT):
        ws.tabs.setCurrentIndex(LEAGUE)
    pane = ws.league_pane
    assert pane.team.isVisibleTo(pane) and pane.chosen_team is None
    assert [pane.team.itemText(i) for i in range(pane.team.count())] == ["Whole floor", "销售一组", "销售二组"]
    assert pane.scope.text() == "The whole floor's agents."
    titles = [c.title for c in pane.model.columns]
    assert {cells[titles.index("Team")] for cells in pane.model.cells()} == {"销售一组"}


def _table(team: str | None, choices: tuple[str, ...], floor: bool, teams: list[str] | None) -> LeagueTable:
    rows = [LeagueRow(1, Band.TOP, "agent1", 0.9, 10, 100.0, 0.9, 0.9, None, 0, team="销售一组")]
    return LeagueTable(LeagueFigure.FCR, True, {"teams": teams}, rows, team, choices, sees_floor=floor)


def test_picking_a_team_asks_for_its_league_and_a_new_league_keeps_the_pick(qtbot) -> None:  # type: ignore[no-untyped-def]
    pane = LeaguePane()
    qtbot.addWidget(pane)
    pane.show()
    with qtbot.assertNotEmitted(pane.figure_changed):
        pane.show_table(_table(None, ("销售一组", "销售二组"), True, None))  # filling the picker asks nothing
    with qtbot.waitSignal(pane.figure_changed, timeout=TIMEOUT):
        pane.team.setCurrentIndex(pane.team.findText("销售二组"))
    assert pane.chosen_team == "销售二组"
    with qtbot.assertNotEmitted(pane.figure_changed):
        pane.show_table(_table("销售二组", ("销售一组", "销售二组"), True, ["销售二组"]))
    assert pane.chosen_team == "销售二组" and pane.scope.text() == "Agents of 销售二组."
    # A supervisor of two teams picks between "All my teams" and each; of none, is told so.
    pane.show_table(_table(None, ("销售一组", "销售二组"), False, ["销售一组", "销售二组"]))
    assert pane.team.itemText(0) == "All my teams" and pane.team.isVisible() and pane.chosen_team is None
    pane.show_table(_table(None, (), False, []))
    assert not pane.team.isVisible() and pane.scope.text() == "You lead no team: there is nobody to rank."


def test_an_admin_picks_a_team_and_the_league_is_that_teams(open_ws, qtbot) -> None:  # type: ignore[no-untyped-def]
    from agent_desk.services.supervision.teams import place_in_team
    from agent_desk.store.db import transaction

    ws = open_ws("admin")
    with transaction(ws.ctx.database.factory) as s:
        place_in_team(s, ["agent2"], "销售二组")
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT):
        ws.tabs.setCurrentIndex(LEAGUE)
    pane = ws.league_pane
    assert {cells[1] for cells in pane.model.cells()} == {"agent1", "agent2"}
    with qtbot.waitSignal(ws.league_shown, timeout=TIMEOUT) as shown:
        pane.team.setCurrentIndex(pane.team.findText("销售二组"))
    assert shown.args[0].team == "销售二组" and [cells[1] for cells in pane.model.cells()] == ["agent2"]
    assert pane.scope.text() == "Agents of 销售二组." and pane.chosen_team == "销售二组"
