"""``agent-desk pop`` (what the screen pop would show) and ``agent-desk demo`` (the one-command demo)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from agent_desk.cli.common import CliError, add_url, open_db, settings_for

if TYPE_CHECKING:
    from agent_desk.services.calls.screen_pop import PopResult


def pop_json(result: PopResult) -> dict[str, Any]:
    """The documented shape for integrators: ``matches``, ``business_line``, ``recent_orders``, ``recent_calls``…"""
    data = result.to_json()
    data["matches"] = [
        {"id": m.id, "name": m.name, "phones": [p.e164 for p in m.phones], "vip": m.vip, "blacklisted": m.blacklisted}
        for m in result.matches
    ]
    return data


def cmd_pop(args: argparse.Namespace) -> int:
    from agent_desk.core.money import format_yuan
    from agent_desk.services.calls.screen_pop import screen_pop

    settings = settings_for(args)
    db = open_db(args)
    try:
        with db.read_connection() as conn:
            result = screen_pop(conn, args.ani, args.dnis, region=settings.phone_region)
    finally:
        db.dispose()
    if result.invalid_reason:
        raise CliError(result.invalid_reason)
    if args.json:
        print(json.dumps(pop_json(result), ensure_ascii=False, indent=2, default=str))
        return 0
    line = result.business_line
    print(f"caller:   {result.ani_e164 or ('withheld' if result.withheld else result.ani)}")
    print(f"dialled:  {args.dnis or '-'}" + (f"  → {line.name} ({line.advert_name})" if line else ""))
    if result.blacklisted:
        print(f"BLACKLISTED {result.number_blacklist_reason}".rstrip())
    if result.withheld:
        print("withheld number: no customer lookup")
    elif not result.matches:
        print("unknown caller: the desk offers a new-customer form")
    elif result.needs_picker:
        print(f"{len(result.matches)} customers share this number:")
    for m in result.matches:
        flags = " VIP" * m.vip + " BLACKLISTED" * m.blacklisted
        print(f"  #{m.id} {m.name}{flags}  {', '.join(p.display for p in m.phones)}")
    if result.card is not None:
        for a in result.card.addresses:
            print(f"  address: {a.one_line} {a.postcode}".rstrip())
        print("recent orders:")
        for o in result.recent_orders:
            print(
                f"  {o.order_no}  {o.state:<17} ¥{format_yuan(o.total_cents):>10}  {o.created_at:%Y-%m-%d}  {o.items}"
            )
        print("recent calls:")
        for c in result.recent_calls:
            when = f"{c.offered_at:%Y-%m-%d %H:%M}" if c.offered_at else "-"
            print(f"  {when}  {c.disposition or c.end_reason:<24} {c.agent:<12} {c.notes}")
        if result.open_followups:
            print(f"open follow-ups: {len(result.open_followups)}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from agent_desk.app import main as gui_main

    argv = []
    if args.url:
        argv += ["--url", args.url]
    if args.hub:
        argv += ["--hub", args.hub]
    return gui_main(argv)


def register(sub: Any) -> None:
    pop = sub.add_parser("pop", help="print what the screen pop would show for a caller")
    add_url(pop)
    pop.add_argument("--ani", required=True, help="the caller's number, in any format")
    pop.add_argument("--dnis", default="", help="the dialled number (selects the business line)")
    pop.add_argument("--json", action="store_true", help="machine-readable output")
    pop.set_defaults(func=cmd_pop)

    run = sub.add_parser("run", help="open the desktop application")
    add_url(run)
    run.add_argument("--hub", help="hub websocket URL, e.g. ws://127.0.0.1:8765")
    run.set_defaults(func=cmd_run)
