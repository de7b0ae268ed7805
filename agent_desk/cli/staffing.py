"""``agent-desk staffing …``: the staffing group. ``required`` is here — the agents one interval
needs (Erlang C, or Erlang A with ``--patience-s``); the forecast and the shift plan add their
subcommands from their own modules (``staffing_forecast``, ``staffing_plan``) when installed."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
from typing import Any

from agent_desk.cli.common import CliError

#: Modules that add subcommands to the group, each with ``register(staffing_subparsers)``.
_PARTS = ("agent_desk.cli.staffing_forecast", "agent_desk.cli.staffing_plan")


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def cmd_required(args: argparse.Namespace) -> int:
    from agent_desk.core.erlang import StaffingError, required_agents

    if args.asa_s is not None and args.sl_seconds is not None:
        raise CliError("--sl-seconds goes with --sl, not with --asa-s")
    sl = args.sl if args.sl is not None or args.asa_s is not None else 0.8
    sl_seconds = args.sl_seconds if args.sl_seconds is not None else 20.0
    if not (0 < args.interval_min < 10_000):
        raise CliError(f"--interval-min must be a number of minutes above 0; given {args.interval_min:g}")
    try:
        staffing = required_agents(
            args.calls,
            round(args.interval_min * 60),
            args.aht_s,
            sl=None if args.asa_s is not None else sl,
            sl_seconds=sl_seconds,
            asa_s=args.asa_s,
            patience_s=args.patience_s,
            max_occupancy=args.max_occupancy,
            shrinkage=args.shrinkage,
        )
    except StaffingError as exc:
        raise CliError(str(exc)) from None
    result: dict[str, Any] = {
        "agents": staffing.agents,
        "positions": staffing.positions,
        "service_level": round(staffing.service_level, 6),
        "sl_seconds": sl_seconds,
        "asa_s": round(staffing.asa_s, 3),
        "occupancy": round(staffing.occupancy, 6),
        "erlangs": round(args.calls * args.aht_s / (args.interval_min * 60), 6),
        "model": "erlang_a" if args.patience_s is not None else "erlang_c",
    }
    if staffing.abandon_rate is not None:
        result["abandon_rate"] = round(staffing.abandon_rate, 6)
    if args.format == "json":
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        _table(result, args)
    return 0


def _table(result: dict[str, Any], args: argparse.Namespace) -> None:
    model = "Erlang A" if args.patience_s is not None else "Erlang C"
    target = (
        f"ASA ≤ {args.asa_s:g} s"
        if args.asa_s is not None
        else f"{(args.sl if args.sl is not None else 0.8):.0%} within {result['sl_seconds']:g} s"
    )
    rows = [
        ("traffic", f"{result['erlangs']:.2f} Erlangs ({model}; target {target})"),
        ("agents", f"{result['agents']}"),
        ("positions", f"{result['positions']} (shrinkage {args.shrinkage:.0%})"),
        ("service level", f"{result['service_level']:.1%} within {result['sl_seconds']:g} s"),
        ("ASA", f"{result['asa_s']:.1f} s"),
        ("occupancy", f"{result['occupancy']:.1%}"),
    ]
    if "abandon_rate" in result:
        rows.append(("abandon rate", f"{result['abandon_rate']:.1%}"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def register(sub: Any) -> None:
    group = sub.add_parser("staffing", help="forecast the calls, compute the agents needed, plan the shifts")
    staffing = group.add_subparsers(dest="staffing_command", metavar="WHAT")
    required = staffing.add_parser(
        "required",
        help="agents and scheduled positions one interval needs (Erlang C; Erlang A with --patience-s)",
        description="The fewest agents meeting the target, then positions = agents ÷ (1 − shrinkage). "
        "Without a target: 80 %% answered within 20 s. See docs/staffing.md.",
    )
    required.add_argument("--calls", type=_number, required=True, metavar="N", help="calls offered in the interval")
    required.add_argument(
        "--interval-min", type=_number, required=True, metavar="M", help="the interval's length in minutes"
    )
    required.add_argument("--aht-s", type=_number, required=True, metavar="S", help="average handling time, seconds")
    target = required.add_mutually_exclusive_group()
    target.add_argument("--sl", type=_number, metavar="X", help="service level: share answered within T (0.8)")
    target.add_argument("--asa-s", type=_number, metavar="A", help="average speed of answer target, seconds")
    required.add_argument("--sl-seconds", type=_number, metavar="T", help="the service level's T (default 20)")
    required.add_argument(
        "--patience-s", type=_number, metavar="P", help="callers' mean patience, seconds: Erlang A, abandons modelled"
    )
    required.add_argument("--shrinkage", type=_number, default=0.3, help="breaks, training, absence (default 0.3)")
    required.add_argument(
        "--max-occupancy", type=_number, default=0.85, help="occupancy cap, 0 < cap ≤ 1 (default 0.85)"
    )
    required.add_argument("--format", choices=("table", "json"), default="table")
    required.set_defaults(func=cmd_required)
    for name in _PARTS:
        # The forecast and the plan are other modules, maybe not installed yet: the group works without them.
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).register(staffing)
