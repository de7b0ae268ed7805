"""``agent-desk kpi report``: the KPI report of a date range, as a table, JSON or CSV; ``kpi rebuild``:
its rollups built again from the whole record (after data written past AgentDesk, or for another zone)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, tzinfo
from typing import Any

from agent_desk.cli.common import CliError, add_url, iana_zone, open_db

_TABLE_COLUMNS = (
    "offered",
    "answered",
    "abandoned",
    "short_abandoned",
    "answer_rate",
    "service_level",
    "asa_s",
    "max_wait_s",
    "aht_s",
    "fcr",
    "conversion",
    "csat",
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _zone(name: str | None) -> tzinfo | None:
    return iana_zone(name) if name else None


def cmd_kpi_report(args: argparse.Namespace) -> int:
    from agent_desk.core.kpi import KpiSettings, SlDefinition
    from agent_desk.services.supervision.kpi_report import GroupBy, KpiError, ReportRequest, kpi_report
    from agent_desk.store.clock import utcnow

    try:
        settings = KpiSettings(
            sl_seconds=args.sl_seconds,
            short_abandon_seconds=args.short_abandon_seconds,
            sl_definition=SlDefinition(args.sl_definition),
        )
        zone = _zone(args.tz)
        extra = {"zone": zone} if zone is not None else {}
        request = ReportRequest(
            args.first, args.last, GroupBy(args.by), settings, interval_minutes=args.interval, **extra
        )
    except (KpiError, ValueError) as exc:
        raise CliError(str(exc)) from None
    db = open_db(args)
    try:
        with db.factory() as session:
            report = kpi_report(session, request, now=utcnow())
    finally:
        db.dispose()
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        _csv(report.rows, args.by)
    else:
        _table(report.definitions, report.rows, args.by)
    return 0


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in row.items() if k != "not_ready_s"}
    for reason, seconds in (row.get("not_ready_s") or {}).items():
        flat[f"not_ready_{reason}_s"] = seconds
    return flat


def _csv(rows: list[dict[str, Any]], key: str) -> None:
    flat = [_flat(r) for r in rows]
    columns = [key, *sorted({c for r in flat for c in r} - {key}, key=lambda c: (c.startswith("not_ready_"), c))]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def _table(definitions: dict[str, Any], rows: list[dict[str, Any]], key: str) -> None:
    print(f"service level: {definitions['service_level']}; short abandon < {definitions['short_abandon_seconds']} s")
    header = (key, *_TABLE_COLUMNS)
    cells = [header, *[tuple(_cell(r.get(c)) for c in header) for r in rows]]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    for line in cells:
        print(
            "  ".join(
                text.ljust(w) if i == 0 else text.rjust(w) for i, (text, w) in enumerate(zip(line, widths, strict=True))
            )
        )
    if not rows:
        print("(no calls in this range)")


def cmd_kpi_rebuild(args: argparse.Namespace) -> int:
    import time

    from agent_desk.services.supervision.rollups import rebuild

    zone = _zone(args.tz)
    db = open_db(args)
    try:
        started = time.perf_counter()
        with db.factory() as session, session.begin():
            rows = rebuild(session, zone)
        print(f"KPI rollups rebuilt: {rows:,} rows in {time.perf_counter() - started:.1f} s")
    finally:
        db.dispose()
    return 0


def register(sub: Any) -> None:
    kpi = sub.add_parser("kpi", help="contact-centre KPIs from the record").add_subparsers(
        dest="kpi_command", metavar="WHAT"
    )
    report = kpi.add_parser("report", help="a KPI report for a date range (see docs/kpi.md for each formula)")
    add_url(report)
    report.add_argument("--from", dest="first", type=_day, required=True, metavar="DATE", help="first day")
    report.add_argument("--to", dest="last", type=_day, required=True, metavar="DATE", help="last day (included)")
    report.add_argument(
        "--by",
        choices=("queue", "line", "agent", "team", "day", "week", "month", "interval"),
        default="queue",
        help="rows: per queue, business line, agent, team (the agent's team now), day, ISO week, month or interval",
    )
    report.add_argument("--interval", type=int, choices=(15, 30, 60), default=30, help="minutes, with --by interval")
    report.add_argument("--sl-seconds", type=int, default=20, help="service-level target T (default 20)")
    report.add_argument("--short-abandon-seconds", type=int, default=5, help="short abandon threshold (default 5)")
    report.add_argument("--sl-definition", choices=("offered", "answered", "queued"), default="offered")
    report.add_argument("--format", choices=("table", "json", "csv"), default="table")
    report.add_argument("--tz", help="time zone of the days and intervals (default: this computer's)")
    report.set_defaults(func=cmd_kpi_report)
    rebuild = kpi.add_parser(
        "rebuild", help="build the KPI rollups again from the whole record (reports keep them up to date)"
    )
    add_url(rebuild)
    rebuild.add_argument(
        "--tz", help="time zone of the rollups' days, weeks and months (default: the one kept, else this computer's)"
    )
    rebuild.set_defaults(func=cmd_kpi_rebuild)
