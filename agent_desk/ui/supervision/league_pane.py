"""The league table: agents ranked on one figure, the top 20 % and bottom 10 % marked in words and
colour (never colour alone), and beside each agent the figures that balance the ranked one."""

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
    figure_changed(): the figure to rank on was changed.
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
        self.note = QLabel(
            self.tr(
                "One league for the whole floor: teams are not in the database yet. "
                "Green: top 20 %. Red: bottom 10 %. Agents without the figure are listed last, unranked."
            )
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
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    @property
    def chosen(self) -> LeagueFigure:
        return LeagueFigure(str(self.figure.currentData()))

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
        figure_kind = Kind.SECONDS if table.figure is LeagueFigure.AHT else Kind.RATE
        columns = [
            Column("rank", Kind.COUNT, self.tr("Rank")),
            Column("agent", Kind.TEXT, self.tr("Agent")),
            Column(BAND_KEY, Kind.TEXT, self.tr("Band")),
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
