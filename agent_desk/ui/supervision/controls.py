"""What a report is asked for: the date range with its quick picks, the grouping and the settings."""

from __future__ import annotations

from datetime import date, tzinfo

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from agent_desk.core.kpi import KpiSettings, SlDefinition
from agent_desk.services.supervision.kpi_report import INTERVAL_MINUTES, GroupBy, ReportRequest
from agent_desk.ui.supervision.columns import key_title, sl_choice
from agent_desk.ui.supervision.periods import Period, matching_period, period_range


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ReportControls(QWidget):
    """Signals:
    changed(): the range, grouping or a setting changed (the workspace reloads).
    """

    changed = Signal()

    def __init__(self, today: date, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.zone = zone
        self._quiet = False

        self.period = QComboBox()
        self.period.setObjectName("report_period")
        names = {
            Period.TODAY: self.tr("Today"),
            Period.YESTERDAY: self.tr("Yesterday"),
            Period.THIS_WEEK: self.tr("This week"),
            Period.LAST_WEEK: self.tr("Last week"),
            Period.THIS_MONTH: self.tr("This month"),
        }
        for period, name in names.items():
            self.period.addItem(name, period.value)
        self.period.addItem(self.tr("Custom range"), "")
        self.period.activated.connect(self._pick_period)
        self.first = self._date_edit("report_from")
        self.last = self._date_edit("report_to")

        self.group_by = QComboBox()
        self.group_by.setObjectName("report_by")
        for by in (
            GroupBy.QUEUE,
            GroupBy.LINE,
            GroupBy.AGENT,
            GroupBy.TEAM,
            GroupBy.DAY,
            GroupBy.WEEK,
            GroupBy.MONTH,
            GroupBy.INTERVAL,
        ):
            self.group_by.addItem(key_title(by), by.value)
        self.group_by.setToolTip(
            self.tr(
                "Team: the team each agent is in today. Weeks run Monday to Sunday (ISO); "
                "the first and last week or month are cut to the dates chosen."
            )
        )
        self.interval = QComboBox()
        self.interval.setObjectName("report_interval")
        for minutes in INTERVAL_MINUTES:
            self.interval.addItem(self.tr("%n min", "", minutes), minutes)
        self.interval.setCurrentIndex(INTERVAL_MINUTES.index(30))
        self.sl_seconds = self._spin("report_sl_seconds", KpiSettings.sl_seconds, 600)
        self.sl_seconds.setToolTip(self.tr("Service level threshold T: answered within this many seconds"))
        self.short_abandon = self._spin("report_short_abandon", KpiSettings.short_abandon_seconds, 120)
        self.short_abandon.setToolTip(self.tr("Callers who hang up sooner are short abandons, reported apart"))
        self.sl_definition = QComboBox()
        self.sl_definition.setObjectName("report_sl_definition")
        for definition in SlDefinition:
            self.sl_definition.addItem(sl_choice(definition), definition.value)
        self.sl_definition.setToolTip(
            self.tr("Which service level to show: pick the one your previous system used to compare figures")
        )
        for combo in (self.group_by, self.interval, self.sl_definition):
            combo.currentIndexChanged.connect(self._on_change)
        self.group_by.currentIndexChanged.connect(self._show_interval)

        range_row = QHBoxLayout()
        range_row.addWidget(self.period)
        range_row.addWidget(QLabel(self.tr("From")))
        range_row.addWidget(self.first)
        range_row.addWidget(QLabel(self.tr("to")))
        range_row.addWidget(self.last)
        range_row.addSpacing(12)
        range_row.addWidget(QLabel(self.tr("By")))
        range_row.addWidget(self.group_by)
        range_row.addWidget(self.interval)
        row = QHBoxLayout()
        row.addLayout(range_row)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("SL within")))
        row.addWidget(self.sl_seconds)
        row.addWidget(QLabel(self.tr("short abandon under")))
        row.addWidget(self.short_abandon)
        row.addWidget(self.sl_definition)
        row.addStretch(1)
        row.setContentsMargins(0, 0, 0, 0)
        self.setLayout(row)
        self.set_range(today, today)
        self._show_interval()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._on_dates)
        return edit

    def _spin(self, name: str, value: int, maximum: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, maximum)
        spin.setSuffix(self.tr(" s"))
        spin.setValue(value)
        spin.setKeyboardTracking(False)  # typing "30" asks for one report, not for 3 and then 30
        spin.valueChanged.connect(self._on_change)
        return spin

    # --- what is asked ------------------------------------------------------------------------------

    @property
    def by(self) -> GroupBy:
        return GroupBy(str(self.group_by.currentData()))

    @property
    def first_day(self) -> date:
        return _pydate(self.first.date())

    @property
    def last_day(self) -> date:
        return _pydate(self.last.date())

    def settings(self) -> KpiSettings:
        return KpiSettings(
            sl_seconds=self.sl_seconds.value(),
            short_abandon_seconds=self.short_abandon.value(),
            sl_definition=SlDefinition(str(self.sl_definition.currentData())),
        )

    def request(self, by: GroupBy | None = None) -> ReportRequest:
        """The report asked for (``by`` overrides the grouping: the charts and the league)."""
        return ReportRequest(
            self.first_day,
            self.last_day,
            by or self.by,
            self.settings(),
            interval_minutes=int(self.interval.currentData()),
            zone=self.zone,
        )

    # --- changing it --------------------------------------------------------------------------------

    def set_range(self, first: date, last: date) -> None:
        self._quiet = True
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))
        self._quiet = False
        self._show_period()
        self.changed.emit()

    def set_by(self, by: GroupBy) -> None:
        self.group_by.setCurrentIndex(self.group_by.findData(by.value))

    def pick(self, period: Period) -> None:
        self.set_range(*period_range(period, self.today))

    def _pick_period(self, index: int) -> None:
        value = self.period.itemData(index)
        if value:
            self.pick(Period(value))

    def _on_dates(self, _day: QDate) -> None:
        if self._quiet:
            return
        if self.last.date() < self.first.date():
            # The other end follows: a range is never backwards, whichever end was moved.
            moved_first = self.sender() is self.first
            self._quiet = True
            (self.last if moved_first else self.first).setDate((self.first if moved_first else self.last).date())
            self._quiet = False
        self._show_period()
        self.changed.emit()

    def _show_period(self) -> None:
        period = matching_period(self.first_day, self.last_day, self.today)
        self.period.setCurrentIndex(self.period.findData(period.value if period else ""))

    def _show_interval(self) -> None:
        self.interval.setVisible(self.by is GroupBy.INTERVAL)

    def _on_change(self, *_args: object) -> None:
        self.changed.emit()
