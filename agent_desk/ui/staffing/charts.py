"""The staffing charts (QtCharts): calls forecast beside the positions needed, and a day's
required, scheduled and actually working agents per interval."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen

COLOURS = {"calls": "#90a4ae", "required": "#c62828", "scheduled": "#1565c0", "actual": "#2e7d32"}


def chart_view() -> QChartView:
    view = QChartView(QChart())
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    view.chart().setMargins(QMargins(4, 4, 4, 4))
    return view


def _ms(start: datetime, zone: tzinfo) -> float:
    # QDateTime shows the computer's local time; the axis must show the plan's zone, so the
    # instants are shifted to the same wall-clock reading in the computer's zone.
    local = start.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
    moment = QDateTime(local.year, local.month, local.day, local.hour, local.minute, local.second)
    return float(moment.toMSecsSinceEpoch())


def _series(name: str, colour: str, points: Sequence[tuple[float, float]], width: float = 2.0) -> QLineSeries:
    series = QLineSeries()
    series.setName(name)
    pen = QPen(QColor(colour))
    pen.setWidthF(width)
    series.setPen(pen)
    for x, y in points:
        series.append(x, y)
    return series


def draw_lines(
    view: QChartView,
    title: str,
    starts: Sequence[datetime],
    lines: Sequence[tuple[str, str, Sequence[float | None]]],
    zone: tzinfo,
    *,
    time_format: str = "ddd HH:mm",
    ticks: int | None = None,
) -> None:
    """One chart of several lines over the same interval starts (naive UTC); None values are gaps."""
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    x_axis = QDateTimeAxis()
    x_axis.setFormat(time_format)
    if ticks:
        x_axis.setTickCount(ticks)  # one per day: midnight to midnight
    y_axis = QValueAxis()
    y_axis.setLabelFormat("%d")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    top = 1.0
    xs = [_ms(s, zone) for s in starts]
    for name, colour, values in lines:
        points = [(x, float(v)) for x, v in zip(xs, values, strict=True) if v is not None]
        top = max([top, *(y for _x, y in points)])
        series = _series(name, colour, points)
        chart.addSeries(series)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
    y_axis.setRange(0, top * 1.1)
    if xs:
        step = xs[1] - xs[0] if len(xs) > 1 else 0.0
        end = xs[-1] + step if ticks else xs[-1]  # to the end of the last interval, so ticks fall on midnights
        x_axis.setRange(QDateTime.fromMSecsSinceEpoch(int(xs[0])), QDateTime.fromMSecsSinceEpoch(int(end)))
    view.setChart(chart)


__all__ = ["COLOURS", "chart_view", "draw_lines"]
