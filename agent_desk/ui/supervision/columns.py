"""The report's columns: their titles, how each kind of figure is shown, and the words for codes.

One table for the screen, the exports and the PDF, so a figure reads the same everywhere: rates as
per cent, durations as m:ss (h:mm:ss past an hour), money in yuan, and "—" where a figure has no
meaning (nothing to divide by), never a misleading 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication

from agent_desk.core.kpi import KpiSettings, SlDefinition
from agent_desk.core.money import format_yuan
from agent_desk.services.supervision.kpi_report import NO_KEY, NO_TEAM, GroupBy

translate = QCoreApplication.translate
NONE = "—"


class Kind(Enum):
    KEY = "key"  # a report row's key: "(none)" is said in the user's language
    TEXT = "text"
    COUNT = "count"
    RATE = "rate"
    SECONDS = "seconds"
    MONEY = "money"
    SCORE = "score"


@dataclass(frozen=True)
class Column:
    key: str
    kind: Kind
    title: str
    tip: str = ""


# key → (kind, title, tooltip); each literal in a translate() call so lupdate sees it.
_FIGURES: Mapping[str, tuple[Kind, Callable[[], str], Callable[[], str]]] = {
    "offered": (Kind.COUNT, lambda: translate("Supervision", "Offered"), lambda: ""),
    "answered": (Kind.COUNT, lambda: translate("Supervision", "Answered"), lambda: ""),
    "abandoned": (
        Kind.COUNT,
        lambda: translate("Supervision", "Abandoned"),
        lambda: translate("Supervision", "Callers who hung up in the queue, short abandons not included"),
    ),
    "short_abandoned": (Kind.COUNT, lambda: translate("Supervision", "Short abandons"), lambda: ""),
    "timeout": (Kind.COUNT, lambda: translate("Supervision", "Timed out"), lambda: ""),
    "unfinished": (
        Kind.COUNT,
        lambda: translate("Supervision", "No outcome yet"),
        lambda: translate("Supervision", "Calls still queued or talking, or whose end the record lacks"),
    ),
    "answer_rate": (
        Kind.RATE,
        lambda: translate("Supervision", "Answer rate"),
        lambda: translate("Supervision", "Answered ÷ (offered − short abandons)"),
    ),
    "service_level": (Kind.RATE, lambda: translate("Supervision", "Service level"), lambda: ""),
    "asa_s": (
        Kind.SECONDS,
        lambda: translate("Supervision", "ASA"),
        lambda: translate("Supervision", "Average speed of answer: the mean wait of answered calls"),
    ),
    "max_wait_s": (Kind.SECONDS, lambda: translate("Supervision", "Longest wait"), lambda: ""),
    "avg_talk_s": (Kind.SECONDS, lambda: translate("Supervision", "Talk"), lambda: ""),
    "avg_hold_s": (Kind.SECONDS, lambda: translate("Supervision", "Hold"), lambda: ""),
    "avg_acw_s": (Kind.SECONDS, lambda: translate("Supervision", "ACW"), lambda: ""),
    "aht_s": (
        Kind.SECONDS,
        lambda: translate("Supervision", "AHT"),
        lambda: translate("Supervision", "Average handle time: talk + hold + after-call work"),
    ),
    "transfer_rate": (Kind.RATE, lambda: translate("Supervision", "Transfers"), lambda: ""),
    "ring_no_answer": (Kind.COUNT, lambda: translate("Supervision", "Rang unanswered"), lambda: ""),
    "fcr": (
        Kind.RATE,
        lambda: translate("Supervision", "FCR"),
        lambda: translate(
            "Supervision", "First-contact resolution: resolved, and no call from the same number within the days set"
        ),
    ),
    "orders": (Kind.COUNT, lambda: translate("Supervision", "Orders"), lambda: ""),
    "conversion": (
        Kind.RATE,
        lambda: translate("Supervision", "Conversion"),
        lambda: translate("Supervision", "Orders per answered call"),
    ),
    "revenue_cents": (Kind.MONEY, lambda: translate("Supervision", "Revenue"), lambda: ""),
    "csat": (
        Kind.RATE,
        lambda: translate("Supervision", "CSAT"),
        lambda: translate("Supervision", "Follow-up surveys scored 4 or 5 ÷ answered surveys"),
    ),
    "csat_mean": (Kind.SCORE, lambda: translate("Supervision", "CSAT mean"), lambda: ""),
    "login_s": (Kind.SECONDS, lambda: translate("Supervision", "Logged in"), lambda: ""),
    "paused_s": (
        Kind.SECONDS,
        lambda: translate("Supervision", "Not ready"),
        lambda: translate("Supervision", "Time not ready, all reasons (after-call work not included)"),
    ),
    "occupancy": (
        Kind.RATE,
        lambda: translate("Supervision", "Occupancy"),
        lambda: translate("Supervision", "Handle time ÷ (handle time + ready and idle)"),
    ),
    "utilisation": (
        Kind.RATE,
        lambda: translate("Supervision", "Utilisation"),
        lambda: translate("Supervision", "Handle time ÷ time logged in"),
    ),
}

_KEYS: Mapping[GroupBy, Callable[[], str]] = {
    GroupBy.QUEUE: lambda: translate("Supervision", "Queue"),
    GroupBy.LINE: lambda: translate("Supervision", "Business line"),
    GroupBy.AGENT: lambda: translate("Supervision", "Agent"),
    GroupBy.TEAM: lambda: translate("Supervision", "Team"),
    GroupBy.DAY: lambda: translate("Supervision", "Day"),
    GroupBy.WEEK: lambda: translate("Supervision", "Week"),
    GroupBy.MONTH: lambda: translate("Supervision", "Month"),
    GroupBy.INTERVAL: lambda: translate("Supervision", "Interval"),
}

_SL: Mapping[SlDefinition, Callable[[], str]] = {
    SlDefinition.OFFERED: lambda: translate("Supervision", "answered within {0} s ÷ (offered − short abandons)"),
    SlDefinition.ANSWERED: lambda: translate(
        "Supervision", "answered within {0} s ÷ answered (as Asterisk, Wazo, Asternic)"
    ),
    SlDefinition.QUEUED: lambda: translate("Supervision", "left the queue within {0} s ÷ offered (as Amazon Connect)"),
}

_SL_CHOICES: Mapping[SlDefinition, Callable[[], str]] = {
    SlDefinition.OFFERED: lambda: translate("Supervision", "over offered (default)"),
    SlDefinition.ANSWERED: lambda: translate("Supervision", "over answered (Asterisk)"),
    SlDefinition.QUEUED: lambda: translate("Supervision", "over queued (Amazon Connect)"),
}

_OUTCOMES: Mapping[str, Callable[[], str]] = {
    "answered": lambda: translate("Supervision", "answered"),
    "transferred": lambda: translate("Supervision", "transferred"),
    "abandoned": lambda: translate("Supervision", "abandoned"),
    "timeout": lambda: translate("Supervision", "timed out"),
    "empty": lambda: translate("Supervision", "left: no agents"),
    "key": lambda: translate("Supervision", "left by a key"),
    "": lambda: translate("Supervision", "no outcome yet"),
}

_EVENTS: Mapping[str, Callable[[], str]] = {
    "entered_queue": lambda: translate("Supervision", "entered the queue"),
    "dialled_number": lambda: translate("Supervision", "dialled number"),
    "ring_no_answer": lambda: translate("Supervision", "rang, not answered"),
    "ring_canceled": lambda: translate("Supervision", "ring cancelled"),
    "answered": lambda: translate("Supervision", "answered"),
    "transferred": lambda: translate("Supervision", "transferred"),
    "abandoned": lambda: translate("Supervision", "abandoned"),
    "exit_timeout": lambda: translate("Supervision", "timed out"),
    "exit_empty": lambda: translate("Supervision", "left: no agents"),
    "exit_key": lambda: translate("Supervision", "left by a key"),
    "ended": lambda: translate("Supervision", "ended"),
    "acw_started": lambda: translate("Supervision", "after-call work started"),
    "acw_ended": lambda: translate("Supervision", "after-call work ended"),
}

#: The columns of a report, in this order; those a grouping has no figure for are left out.
ORDER: Sequence[str] = tuple(_FIGURES)


def key_title(by: GroupBy) -> str:
    return _KEYS[by]()


def sl_definition_text(settings: KpiSettings) -> str:
    return _SL[settings.sl_definition]().format(settings.sl_seconds)


def sl_choice(definition: SlDefinition) -> str:
    return _SL_CHOICES[definition]()


def outcome(code: str) -> str:
    text = _OUTCOMES.get(code)
    return text() if text is not None else code


def event_kind(code: str) -> str:
    text = _EVENTS.get(code)
    return text() if text is not None else code


def definitions_line(settings: KpiSettings, zone: str) -> str:
    """What the report states about how it was computed: shown above the table and in the PDF."""
    parts = (
        translate("Supervision", "Service level: {0}.").format(sl_definition_text(settings)),
        translate("Supervision", "Abandons under {0} s are short abandons, reported apart.").format(
            settings.short_abandon_seconds
        ),
        translate("Supervision", "FCR: no repeat call within {0} days.").format(settings.fcr_days),
        translate("Supervision", "Times in {0}.").format(zone),
    )
    return " ".join(parts)


def columns_for(by: GroupBy, rows: Sequence[Mapping[str, Any]], settings: KpiSettings) -> list[Column]:
    """The key column, then every figure the rows carry (agent time only where the grouping has it)."""
    present = set().union(*(r.keys() for r in rows)) if rows else set(ORDER) - _AGENT_TIME_ONLY.get(by, set())
    columns = [Column(by.value, Kind.KEY, key_title(by))]
    for key in ORDER:
        if key not in present:
            continue
        kind, title, tip = _FIGURES[key]
        if key == "service_level":
            text = translate("Supervision", "SL {0} s").format(settings.sl_seconds)
            columns.append(Column(key, kind, text, sl_definition_text(settings)))
        else:
            columns.append(Column(key, kind, title(), tip()))
    return columns


_AGENT_TIME = {"login_s", "paused_s", "occupancy", "utilisation"}
_AGENT_TIME_ONLY: Mapping[GroupBy, set[str]] = {GroupBy.QUEUE: _AGENT_TIME, GroupBy.LINE: _AGENT_TIME}


def show(kind: Kind, value: Any) -> str:
    """A figure as the table shows it."""
    if value is None:
        return NONE
    match kind:
        case Kind.RATE:
            return f"{float(value) * 100:.1f} %"
        case Kind.SECONDS:
            return duration(float(value))
        case Kind.MONEY:
            return format_yuan(int(value), symbol=True)
        case Kind.SCORE:
            return f"{float(value):.2f}"
        case Kind.COUNT:
            return str(int(value))
        case Kind.KEY if value == NO_KEY:
            return translate("Supervision", "(none)")
        case Kind.KEY if value == NO_TEAM:
            return translate("Supervision", "(no team)")
        case _:
            return str(value)


def duration(seconds: float) -> str:
    """m:ss, or h:mm:ss from an hour on: a break of 65 minutes reads 1:05:00, not 65:00."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
