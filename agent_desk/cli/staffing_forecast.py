"""``agent-desk staffing forecast``, ``staffing backtest`` and ``staffing special-day add|list|remove``.

Registered under the ``staffing`` group by ``agent_desk.cli.staffing`` (its :func:`register` is
called with that group's subparsers). The command line acts as the database's owner.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any

from agent_desk.cli.common import add_url, iana_zone, run_refusing

if TYPE_CHECKING:
    from agent_desk.services.staffing.backtest import Backtest
    from agent_desk.services.staffing.forecast import Forecast


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _zone(name: str | None) -> tzinfo:
    from agent_desk.services.supervision.report_request import local_zone

    return iana_zone(name) if name else local_zone()


def _now(at: date | None, zone: tzinfo) -> datetime:
    """Now, or the start of the local day ``at``: "as if today were" that day, for an old record."""
    from agent_desk.services.supervision.report_request import naive_utc
    from agent_desk.store.clock import utcnow

    return utcnow() if at is None else naive_utc(datetime.combine(at, time(), zone))


def _run(args: argparse.Namespace, work: Any) -> Any:
    from agent_desk.services.staffing.forecast_codes import ForecastError

    return run_refusing(args, work, (ForecastError,))


# --- forecast ------------------------------------------------------------------------------------


def cmd_forecast(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.forecast import forecast

    zone = _zone(args.tz)
    now = _now(None, zone)
    first = args.first or _local_today(now, zone)
    result: Forecast = _run(
        args,
        lambda s: forecast(
            s,
            first_day=first,
            days=args.days,
            interval_minutes=args.interval,
            zone=zone,
            business_line=args.line,
            now=now,
        ),
    )
    if args.format == "json":
        _json(result.to_json())
        return 0
    rows = [(_local_text(i.start, zone), i.start.isoformat() + "Z", i.calls, i.aht_s) for i in result.intervals]
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("start_local", "start_utc", "calls", "aht_s"))
        writer.writerows((a, b, f"{c:.3f}", f"{d:.1f}") for a, b, c, d in rows)
        return 0
    line = f", line {result.business_line}" if result.business_line else ""
    print(f"forecast of {result.days} days from {result.first_day}, {result.interval_minutes}-min intervals")
    print(f"zone {result.zone}{line}")
    print(f"method: {result.method}; learnt from {result.history_days} days")
    for note in result.notes:
        print(f"note: {note}")
    _table(("interval", "calls", "aht_s"), [(a, f"{c:.1f}", f"{d:.0f}") for a, _b, c, d in rows])
    by_day: dict[str, float] = {}
    for a, _b, c, _d in rows:
        by_day[a[:10]] = by_day.get(a[:10], 0.0) + c
    print("calls per day: " + ", ".join(f"{day} {calls:.0f}" for day, calls in by_day.items()))
    return 0


def _local_today(now: datetime, zone: tzinfo) -> date:
    from agent_desk.services.supervision.report_request import local

    return local(now, zone).date()


def _local_text(start: datetime, zone: tzinfo) -> str:
    from agent_desk.services.supervision.report_request import local

    return local(start, zone).strftime("%Y-%m-%d %H:%M")


# --- backtest ------------------------------------------------------------------------------------


def cmd_backtest(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.backtest import backtest

    zone = _zone(args.tz)
    now = _now(args.at, zone)
    result: Backtest = _run(
        args, lambda s: backtest(s, interval_minutes=args.interval, zone=zone, now=now, business_line=args.line)
    )
    if args.format == "json":
        _json(result.to_json())
        return 0
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(("interval", "actual", "forecast", "naive", "wape_forecast", "wape_naive"))
        for i in result.intervals:
            writer.writerow(
                (i.time, i.actual, f"{i.forecast:.3f}", i.naive, _ratio(i.wape_forecast), _ratio(i.wape_naive))
            )
        return 0
    line = f", line {result.business_line}" if result.business_line else ""
    print(
        f"backtest of the week {result.first_day} – {result.last_day}, {result.interval_minutes}-min intervals "
        f"({result.zone}{line}), learnt from the {result.history_days} days before"
    )
    print(f"method: {result.method}")
    for note in result.notes:
        print(f"note: {note}")
    print(
        f"calls: actual {result.actual_calls:.0f}, forecast {result.forecast_calls:.1f}, "
        f"naive (a week earlier) {result.naive_calls:.0f}"
    )
    verdict = "beats" if result.beats_naive else "does NOT beat"
    print(
        f"WAPE: forecast {result.wape_forecast:.3f}, naive {result.wape_naive:.3f} — the forecast {verdict} the naive"
    )
    _table(
        ("interval", "actual", "forecast", "naive", "wape_forecast", "wape_naive"),
        [
            (
                i.time,
                f"{i.actual:.0f}",
                f"{i.forecast:.1f}",
                f"{i.naive:.0f}",
                _ratio(i.wape_forecast),
                _ratio(i.wape_naive),
            )
            for i in result.intervals
            if i.actual or i.forecast >= 0.05 or i.naive
        ],
    )
    return 0


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


# --- special days --------------------------------------------------------------------------------


def cmd_special_add(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.special_days import add_special_day

    row = _run(args, lambda s: add_special_day(s, args.day, args.kind, line=args.line, note=args.note, viewer=None))
    print(f"marked {row.day} as a {row.kind} for {row.line or 'every line'}")
    return 0


def cmd_special_remove(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.special_days import remove_special_day

    _run(args, lambda s: remove_special_day(s, args.day, args.kind, line=args.line, viewer=None))
    print(f"removed the {args.kind} mark of {args.day} for {args.line or 'every line'}")
    return 0


def cmd_special_list(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.special_days import list_special_days

    rows = _run(args, lambda s: list_special_days(s, first=args.first, last=args.last, viewer=None))
    if args.format == "json":
        _json([{"day": r.day.isoformat(), "kind": r.kind, "line": r.line, "note": r.note} for r in rows])
        return 0
    _table(
        ("day", "kind", "line", "note"), [(r.day.isoformat(), r.kind, r.line or "(every line)", r.note) for r in rows]
    )
    if not rows:
        print("(no marked days)")
    return 0


# --- output --------------------------------------------------------------------------------------


def _json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    cells = [header, *rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    for line in cells:
        print(
            "  ".join(t.ljust(w) if i == 0 else t.rjust(w) for i, (t, w) in enumerate(zip(line, widths, strict=True)))
        )


def register(sub: Any) -> None:
    """Add ``forecast``, ``backtest`` and ``special-day`` to the ``staffing`` group's subparsers."""
    fc = sub.add_parser(
        "forecast", help="calls offered and AHT per interval for the coming days (see docs/staffing.md)"
    )
    add_url(fc)
    fc.add_argument("--days", type=int, default=7, help="how many days (default 7)")
    fc.add_argument("--from", dest="first", type=_day, metavar="DATE", help="first day (default: today)")
    fc.add_argument("--interval", type=int, choices=(15, 30, 60), default=30, help="minutes (default 30)")
    fc.add_argument("--line", metavar="CODE", help="one business line (default: the whole centre)")
    fc.add_argument("--tz", help="the centre's time zone (default: this computer's)")
    fc.add_argument("--format", choices=("table", "json", "csv"), default="table")
    fc.set_defaults(func=cmd_forecast)

    bt = sub.add_parser(
        "backtest", help="forecast the last complete week from the weeks before it; WAPE against the naive forecast"
    )
    add_url(bt)
    bt.add_argument("--interval", type=int, choices=(15, 30, 60), default=30, help="minutes (default 30)")
    bt.add_argument("--line", metavar="CODE", help="one business line (default: the whole centre)")
    bt.add_argument("--tz", help="the centre's time zone (default: this computer's)")
    bt.add_argument("--at", type=_day, metavar="DATE", help="as if today were DATE (for an old imported record)")
    bt.add_argument("--format", choices=("table", "json", "csv"), default="table")
    bt.set_defaults(func=cmd_backtest)

    special = sub.add_parser("special-day", help="holidays and campaign days the forecast treats apart")
    days = special.add_subparsers(dest="special_day_command", metavar="WHAT")
    add = days.add_parser("add", help="mark a day")
    add_url(add)
    add.add_argument("day", type=_day, metavar="DATE")
    add.add_argument("--kind", choices=("holiday", "campaign"), required=True)
    add.add_argument("--line", metavar="CODE", help="the business line it concerns (default: every line)")
    add.add_argument("--note", default="", help="what it is (a TV advert, a public holiday…)")
    add.set_defaults(func=cmd_special_add)
    ls = days.add_parser("list", help="the marked days")
    add_url(ls)
    ls.add_argument("--from", dest="first", type=_day, metavar="DATE")
    ls.add_argument("--to", dest="last", type=_day, metavar="DATE")
    ls.add_argument("--format", choices=("table", "json"), default="table")
    ls.set_defaults(func=cmd_special_list)
    rm = days.add_parser("remove", help="remove a mark")
    add_url(rm)
    rm.add_argument("day", type=_day, metavar="DATE")
    rm.add_argument("--kind", choices=("holiday", "campaign"), required=True)
    rm.add_argument("--line", metavar="CODE", help="the business line of the mark (default: the every-line mark)")
    rm.set_defaults(func=cmd_special_remove)


__all__ = ["register"]
