"""The league table: agents ranked on one figure, the top 20 % and bottom 10 % marked in words and
colour (never colour alone), and beside each agent the figures that balance the ranked one.

A league is per team: a supervisor's covers the teams they lead, an admin's the whole floor; the
team picker (shown when there is a choice) narrows it to one team. Its choices come with each
league read (``LeagueTable.choices``), so the pane needs no database of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agent_desk.core.league import Band
from agent_desk.services.supervision.league import LeagueFigure, LeagueTable
from agent_desk.ui.supervision.columns import Column, Kind
from agent_desk.ui.supervision.report_model import RowsModel, compact_header, fit_columns

_BAND_COLOURS = {Band.TOP: "#c8e6c9", Band.BOTTOM: "#ffcdd2"}
BAND_KEY = "band"


class LeagueModel(RowsModel):
    """Rows of the league; a marked agent's whole line is tinted, and the band column says it in words."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and index.isValid():
            colour = _BAND_COLOURS.get(self.rows[index.row()].get("_band"))
            if colour is None:
                return None
            # Dark text on the light tint, whatever the desktop theme.
            return QBrush(QColor(colour if role == Qt.ItemDataRole.BackgroundRole else "#000000"))
        return super().data(index, role)


class LeaguePane(QWidget):
    """Signals:
    figure_changed(): what the league ranks was changed: its figure, or the team picked
    (:attr:`chosen_team`); the league is read again.
    """

    figure_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = QComboBox()
        self.figure.setObjectName("league_figure")
        names = {
            LeagueFigure.FCR: self.tr("First-contact resolution (higher is better)"),
            LeagueFigure.AHT: self.tr("Average handle time (lower is better)"),
            LeagueFigure.SERVICE_LEVEL: self.tr("Service level (higher is better)"),
            LeagueFigure.CONVERSION: self.tr("Conversion (higher is better)"),
            LeagueFigure.CSAT: self.tr("Satisfaction, CSAT (higher is better)"),
        }
        for figure, name in names.items():
            self.figure.addItem(name, figure.value)
        self.figure.currentIndexChanged.connect(lambda _i: self.figure_changed.emit())
        self.team = QComboBox()
        self.team.setObjectName("league_team")
        self.team.setToolTip(self.tr("Rank the agents of one team, or of all you see"))
        self.team.currentIndexChanged.connect(self._on_team)
        self.team_label = QLabel(self.tr("Team"))
        self._filling = False
        self._show_team_picker(False)
        self.scope = QLabel()
        self.scope.setObjectName("league_scope")
        self.note = QLabel(
            self.tr("Green: top 20 %. Red: bottom 10 %. Agents without the figure are listed last, unranked.")
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555")
        self.model = LeagueModel(self)
        self.table = QTableView()
        self.table.setObjectName("league_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        compact_header(self.table)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Rank on")))
        top.addWidget(self.figure)
        top.addSpacing(12)
        top.addWidget(self.team_label)
        top.addWidget(self.team)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scope)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    @property
    def chosen(self) -> LeagueFigure:
        return LeagueFigure(str(self.figure.currentData()))

    @property
    def chosen_team(self) -> str | None:
        """The team picked, by name; None: every agent the viewer sees (their teams, or the floor)."""
        data = self.team.currentData()
        return str(data) if data else None

    def _on_team(self, _index: int) -> None:
        if not self._filling:
            self.figure_changed.emit()

    def _show_team_picker(self, visible: bool) -> None:
        self.team.setVisible(visible)
        self.team_label.setVisible(visible)

    def _set_teams(self, table: LeagueTable) -> None:
        """The picker's choices for this viewer, keeping the team picked (quietly: no new read)."""
        keep = table.team if table.team in table.choices else None
        self._filling = True
        self.team.clear()
        self.team.addItem(self.tr("Whole floor") if table.sees_floor else self.tr("All my teams"), "")
        for name in table.choices:
            self.team.addItem(name, name)
        self.team.setCurrentIndex(self.team.findData(keep) if keep else 0)
        self._filling = False
        # A supervisor of one team has nothing to pick: all their teams are that one.
        self._show_team_picker(len(table.choices) > 1 or (table.sees_floor and bool(table.choices)))

    def _scope_text(self, table: LeagueTable) -> str:
        teams = table.definitions.get("teams")
        if teams is None:
            return self.tr("The whole floor's agents.")
        if not teams:
            return self.tr("You lead no team: there is nobody to rank.")
        return self.tr("Agents of {0}.").format(", ".join(teams))

    def _short_name(self, figure: LeagueFigure) -> str:
        return {
            LeagueFigure.FCR: self.tr("FCR"),
            LeagueFigure.AHT: self.tr("AHT"),
            LeagueFigure.SERVICE_LEVEL: self.tr("Service level"),
            LeagueFigure.CONVERSION: self.tr("Conversion"),
            LeagueFigure.CSAT: self.tr("CSAT"),
        }[figure]

    def band_text(self, band: Band) -> str:
        return {
            Band.TOP: self.tr("Top 20 %"),
            Band.BOTTOM: self.tr("Bottom 10 %"),
            Band.MIDDLE: "",
            Band.UNRANKED: self.tr("not ranked"),
        }[band]

    def show_table(self, table: LeagueTable) -> None:
        self._set_teams(table)
        self.scope.setText(self._scope_text(table))
        figure_kind = Kind.SECONDS if table.figure is LeagueFigure.AHT else Kind.RATE
        teams = table.definitions.get("teams")
        columns = [
            Column("rank", Kind.COUNT, self.tr("Rank")),
            Column("agent", Kind.TEXT, self.tr("Agent")),
            Column(BAND_KEY, Kind.TEXT, self.tr("Band")),
            # Whose team each agent is in, where the league holds more than one.
            *([Column("team", Kind.TEXT, self.tr("Team"))] if teams is None or len(teams) > 1 else []),
            Column("value", figure_kind, self._short_name(table.figure)),
            Column("answered", Kind.COUNT, self.tr("Answered")),
            # The balancing figures; the ranked one is not repeated beside itself.
            *(
                c
                for c in (
                    Column("aht_s", Kind.SECONDS, self.tr("AHT")),
                    Column("fcr", Kind.RATE, self.tr("FCR")),
                    Column("csat", Kind.RATE, self.tr("CSAT")),
                )
                if c.key != table.figure.value
            ),
            Column(
                "return_rate",
                Kind.RATE,
                self.tr("Return rate"),
                self.tr("Orders taken in the period and refused at the door ÷ those delivered or refused"),
            ),
        ]
        rows: list[Mapping[str, Any]] = [
            {
                "rank": r.rank,
                "agent": r.agent,
                "team": r.team,
                BAND_KEY: self.band_text(r.band),
                "_band": r.band,
                "value": r.value,
                "answered": r.answered,
                "aht_s": r.aht_s,
                "fcr": r.fcr,
                "csat": r.csat,
                "return_rate": r.return_rate,
            }
            for r in table.rows
        ]
        self.model.set_rows(columns, rows)
        fit_columns(self.table, widest=120)
