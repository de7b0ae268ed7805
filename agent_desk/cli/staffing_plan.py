"""``agent-desk staffing template add|list``, ``staffing plan``, ``staffing publish`` and
``staffing adherence``: the shift plan from the command line.

Registered under the ``staffing`` group by ``agent_desk.cli.staffing`` (its :func:`register` is
called with that group's subparsers). The command line acts as the database's owner.

The positions required come from ``--flat N`` (every interval) or ``--required-file``: a CSV with
a header and a ``positions`` column, one row per interval of the plan in order; or with a
``start_local`` (or ``start``) column in the plan's zone, "YYYY-MM-DD HH:MM", or ``start_utc``
(ISO), in which case intervals the file leaves out need nobody. (The local hour the clocks repeat
in autumn appears twice: its rows are taken in order.)
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent_desk.cli.common import CliError, add_url, iana_zone, run_refusing

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from agent_desk.services.staffing.adherence import DayAdherence


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _clock(text: str) -> int:
    """ "08:30" → 510 minutes after midnight."""
    try:
        hours, minutes = text.split(":")
        value = int(hours) * 60 + int(minutes)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a time of day (HH:MM): {text!r}") from None
    if not (0 <= int(hours) < 24 and 0 <= int(minutes) < 60):
        raise argparse.ArgumentTypeError(f"not a time of day (HH:MM, 00:00 to 23:59): {text!r}")
    return value


def _pause(text: str) -> tuple[int, int]:
    """ "120:15" → a break 120 minutes after the start, 15 minutes long."""
    try:
        offset, minutes = (int(part) for part in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a break (MINUTES_AFTER_START:MINUTES, such as 120:15): {text!r}"
        ) from None
    return offset, minutes


def _zone(name: str | None) -> ZoneInfo:
    from zoneinfo import ZoneInfo

    from agent_desk.services.supervision.report_request import local_zone

    if name:
        return iana_zone(name)
    zone = local_zone()
    if not isinstance(zone, ZoneInfo):
        raise CliError("this computer names no IANA time zone; give one with --tz (such as Asia/Shanghai)")
    return zone


def _run(args: argparse.Namespace, work: Any) -> Any:
    from agent_desk.services.staffing.plans import PlanError

    return run_refusing(args, work, (PlanError,))


# --- templates ---------------------------------------------------------------------------------------


def cmd_template_add(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.plans import add_template

    if not 0 < args.hours <= 16:
        raise CliError(f"--hours is the shift's length, above 0 and at most 16; given {args.hours:g}")
    view = _run(
        args,
        lambda s: add_template(
            s, None, args.name, start_minute=args.start, length_minutes=round(args.hours * 60), breaks=args.breaks
        ),
    )
    print(f"template {view.id} '{view.name}': {view.start}, {view.length_minutes / 60:g} h{_breaks_text(view.breaks)}")
    return 0


def cmd_template_list(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.plans import templates

    found = _run(args, lambda s: templates(s, None, retired=args.all))
    if args.format == "json":
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "start": t.start,
                "length_minutes": t.length_minutes,
                "breaks": [list(b) for b in t.breaks],
                "active": t.active,
            }
            for t in found
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not found:
        print("no shift templates yet: add one with `agent-desk staffing template add NAME --start 08:30 --hours 9`")
        return 0
    _table(
        ("id", "name", "start", "hours", "breaks", "active"),
        [
            (
                str(t.id),
                t.name,
                t.start,
                f"{t.length_minutes / 60:g}",
                _breaks_text(t.breaks).lstrip(", ") or "—",
                "yes" if t.active else "retired",
            )
            for t in found
        ],
    )
    return 0


def _breaks_text(breaks: tuple[tuple[int, int], ...]) -> str:
    return "".join(f", break +{offset} min for {minutes}" for offset, minutes in breaks)


# --- plan and publish ------------------------------------------------------------------------------


def cmd_plan(args: argparse.Namespace) -> int:
    from agent_desk.core.shift_times import plan_intervals
    from agent_desk.services.staffing.plans import build_plan, plan_shifts

    if args.last < args.first:
        raise CliError(f"--to {args.last} is before --from {args.first}")
    if not 0 < args.time_limit <= 3600:
        raise CliError(f"--time-limit is seconds, above 0 and at most 3600; given {args.time_limit:g}")
    zone = _zone(args.tz)
    starts = plan_intervals(args.first, args.last, args.interval, zone)
    if args.flat is not None:
        if args.flat < 0:
            raise CliError(f"--flat is positions per interval, 0 or more; given {args.flat}")
        required = [args.flat] * len(starts)
    else:
        required = _read_required(Path(args.required_file), starts, zone)

    def work(s: Any) -> tuple[Any, list[Any]]:
        plan = build_plan(
            s,
            None,
            args.first,
            args.last,
            required,
            interval_minutes=args.interval,
            zone=zone,
            time_limit_s=args.time_limit,
        )
        return plan, plan_shifts(s, None, plan.id)

    plan, shifts = _run(args, work)
    summary = plan.summary
    print(
        f"plan {plan.id} ({plan.status}): {plan.first_day} to {plan.last_day}, {plan.interval_minutes}-min intervals, "
        f"zone {plan.zone}"
    )
    proved = (
        "the least possible"
        if summary["solver_status"] == "OPTIMAL"
        else f"within {summary['gap']:.2%} of the least possible"
    )
    print(
        f"solver: {summary['solver_status']} ({proved}) in {summary['seconds']:.1f} s of {args.time_limit:g}; "
        f"{summary['shifts']} shifts for {summary['agents']} agents from {summary['templates']} templates"
    )
    print(f"under-staffed {summary['under_hours']:g} position-hours, over-staffed {summary['over_hours']:g}")
    per_day: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for shift in shifts:
        per_day[shift.day][shift.template_name] += 1
    names = sorted({shift.template_name for shift in shifts})
    days = [args.first + timedelta(days=i) for i in range((args.last - args.first).days + 1)]
    if names:
        _table(("day", *names), [(d.isoformat(), *(str(per_day[d][n]) for n in names)) for d in days])
    print(f"publish it with: agent-desk staffing publish {plan.id}")
    return 0


def _read_required(path: Path, starts: list[datetime], zone: ZoneInfo) -> list[int]:
    """The positions per interval from a CSV (see the module's docstring)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not rows or "positions" not in rows[0]:
        raise CliError(f"{path}: expected a header with a 'positions' column (and optionally 'start_local')")
    positions = [_positions(path, number, row.get("positions") or "") for number, row in enumerate(rows, start=2)]
    column = next((c for c in ("start_utc", "start_local", "start") if c in rows[0]), None)
    if column is None:
        if len(rows) != len(starts):
            raise CliError(
                f"{path}: {len(rows)} rows for the plan's {len(starts)} intervals "
                "(give a start_local column to leave some out)"
            )
        return positions
    # Each interval by its start as the file writes it (UTC, or the wall clock), to its indexes in order.
    keys: dict[datetime, list[int]] = defaultdict(list)
    for index, start in enumerate(starts):
        wall = start.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
        keys[start if column == "start_utc" else wall].append(index)
    required = [0] * len(starts)
    for number, (row, value) in enumerate(zip(rows, positions, strict=True), start=2):
        text = (row.get(column) or "").strip()
        try:
            moment = datetime.fromisoformat(text.removesuffix("Z"))
        except ValueError:
            raise CliError(f"{path}, line {number}: {column} {text!r} is not a time (YYYY-MM-DD HH:MM)") from None
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        indexes = keys.get(moment)
        if not indexes:
            raise CliError(f"{path}, line {number}: {text!r} is not the start of one of the plan's intervals")
        required[indexes.pop(0)] = value
    return required


def _positions(path: Path, number: int, text: str) -> int:
    try:
        value = float(text)
    except ValueError:
        raise CliError(f"{path}, line {number}: positions {text!r} is not a number") from None
    if value < 0 or value != int(value):
        raise CliError(f"{path}, line {number}: positions must be a whole number, 0 or more; given {text!r}")
    return int(value)


def cmd_publish(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.plans import publish_plan
    from agent_desk.store.clock import utcnow

    plan = _run(args, lambda s: publish_plan(s, None, args.plan_id, now=utcnow()))
    print(f"plan {plan.id} published: {plan.first_day} to {plan.last_day}; the agents see their shifts")
    return 0


# --- adherence ---------------------------------------------------------------------------------------


def cmd_adherence(args: argparse.Namespace) -> int:
    from agent_desk.services.staffing.adherence import day_adherence
    from agent_desk.store.clock import utcnow

    now = utcnow()
    result: DayAdherence = _run(args, lambda s: day_adherence(s, None, args.day, now=now, plan_id=args.plan))
    if args.format == "json":
        json.dump(_adherence_json(result), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"{result.day}, plan {result.plan_id} (zone {result.zone}): required, scheduled and working agents")
    _table(
        ("interval", "required", "scheduled", "actual", "gap", ""),
        [
            (
                i.local_start[11:],
                str(i.required),
                f"{i.scheduled:.1f}",
                "—" if i.actual is None else f"{i.actual:.1f}",
                "—" if i.gap is None else f"{i.gap:+.1f}",
                "◀ short" if i.short else "",
            )
            for i in result.intervals
            if i.required or i.scheduled or i.actual
        ],
    )
    print()
    if not result.agents:
        print("nobody is planned on this day")
        return 0
    _table(
        ("agent", "scheduled h", "in adherence h", "adherence"),
        [
            (
                a.username,
                f"{a.scheduled_s / 3600:.2f}",
                f"{a.in_adherence_s / 3600:.2f}",
                "—" if a.adherence is None else f"{a.adherence:.1%}",
            )
            for a in result.agents
        ],
    )
    return 0


def _adherence_json(result: DayAdherence) -> dict[str, Any]:
    return {
        "day": result.day.isoformat(),
        "plan_id": result.plan_id,
        "zone": result.zone,
        "interval_minutes": result.interval_minutes,
        "intervals": [
            {
                "start_utc": i.start.isoformat() + "Z",
                "start_local": i.local_start,
                "required": i.required,
                "scheduled": i.scheduled,
                "actual": i.actual,
                "gap": i.gap,
                "short": i.short,
            }
            for i in result.intervals
        ],
        "agents": [
            {
                "username": a.username,
                "display_name": a.display_name,
                "scheduled_s": a.scheduled_s,
                "in_adherence_s": a.in_adherence_s,
                "adherence": a.adherence,
            }
            for a in result.agents
        ],
    }


_TEXT_COLUMNS = frozenset({"day", "name", "breaks", "active", "interval", "agent", ""})


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Text columns to the left, figures to the right."""
    cells = [header, *rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    left = [name in _TEXT_COLUMNS for name in header]
    for line in cells:
        print(
            "  ".join(
                text.ljust(w) if left[i] else text.rjust(w)
                for i, (text, w) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )


def register(staffing: Any) -> None:
    template = staffing.add_parser("template", help="shift templates: a start, a length, breaks").add_subparsers(
        dest="template_command", metavar="WHAT"
    )
    add = template.add_parser("add", help="a shift template, such as --start 08:30 --hours 9 --break 120:15")
    add_url(add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--start", type=_clock, required=True, metavar="HH:MM", help="local start time")
    add.add_argument("--hours", type=float, required=True, metavar="H", help="length in hours, breaks included")
    add.add_argument(
        "--break",
        dest="breaks",
        type=_pause,
        action="append",
        default=[],
        metavar="AFTER:MIN",
        help="a break AFTER minutes from the start, MIN minutes long (repeat for each)",
    )
    add.set_defaults(func=cmd_template_add)
    ls = template.add_parser("list", help="the shift templates by start time")
    add_url(ls)
    ls.add_argument("--all", action="store_true", help="the retired ones too")
    ls.add_argument("--format", choices=("table", "json"), default="table")
    ls.set_defaults(func=cmd_template_list)

    plan = staffing.add_parser(
        "plan",
        help="a draft shift plan covering the positions required (OR-Tools CP-SAT)",
        description="Plans the available agents on the active templates for the days given, within their "
        "weekly hours and rest; see docs/staffing.md.",
    )
    add_url(plan)
    plan.add_argument("--from", dest="first", type=_day, required=True, metavar="DATE", help="first day")
    plan.add_argument("--to", dest="last", type=_day, required=True, metavar="DATE", help="last day (included)")
    need = plan.add_mutually_exclusive_group(required=True)
    need.add_argument("--required-file", metavar="CSV", help="positions per interval (a 'positions' column)")
    need.add_argument("--flat", type=int, metavar="N", help="N positions in every interval")
    plan.add_argument("--interval", type=int, choices=(15, 30, 60), default=30, help="minutes (default 30)")
    plan.add_argument("--tz", help="the centre's time zone (default: this computer's)")
    plan.add_argument("--time-limit", type=float, default=50.0, metavar="S", help="solver seconds (default 50)")
    plan.set_defaults(func=cmd_plan)

    publish = staffing.add_parser("publish", help="publish a draft plan: its agents see their shifts")
    add_url(publish)
    publish.add_argument("plan_id", type=int, metavar="PLAN_ID")
    publish.set_defaults(func=cmd_publish)

    adherence = staffing.add_parser(
        "adherence", help="a day's required, scheduled and working agents per interval, and each agent's adherence"
    )
    add_url(adherence)
    adherence.add_argument("--day", type=_day, required=True, metavar="DATE")
    adherence.add_argument("--plan", type=int, metavar="PLAN_ID", help="this plan (default: the published one)")
    adherence.add_argument("--format", choices=("table", "json"), default="table")
    adherence.set_defaults(func=cmd_adherence)
