"""``agent-desk audit verify`` and ``agent-desk labels``: order commands for administrators and the warehouse.

``labels`` prints and assigns waybill numbers only; it does not change any order's state. The
``print_label`` step of the life cycle (and its audit event) is recorded by a logistics user in
the desk. A waybill number is derived from the order id, so assigning one here adds no fact that
the audit trail would have to hold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from agent_desk.cli.common import CliError, add_url, open_db

if TYPE_CHECKING:
    from agent_desk.core.waybill import Waybill


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from agent_desk.services.orders.audit_trail import verify_all
    from agent_desk.store.db import describe

    db = open_db(args)
    try:
        report = verify_all(db.factory)
    finally:
        db.dispose()
    checked = f"{report.orders_checked:,} orders, {report.events_checked:,} audit events"
    problem = report.first_problem
    if problem is None:
        print(f"{describe(db.url)}: audit trail intact ({checked} checked)")
        return 0
    event = f"event {problem.event_id}" if problem.event_id is not None else "no event (the chain's end)"
    print(
        f"{describe(db.url)}: AUDIT TRAIL BROKEN at order {problem.order_id}, {event}: {problem.why} "
        f"({checked} checked before the break)"
    )
    return 1


def _progress(done: int, total: int) -> None:
    end = "\n" if done >= total else ""
    print(f"\rlabels: {done}/{total}", end=end, file=sys.stderr, flush=True)


def cmd_labels(args: argparse.Namespace) -> int:
    from agent_desk.services.orders.waybills import WaybillError, printable_waybills
    from agent_desk.store.db import transaction

    pdf: Path = args.pdf
    zpl: Path | None = args.zpl
    for path in (pdf, zpl):
        if path is not None and not path.parent.is_dir():
            raise CliError(f"cannot write {path}: the folder {path.parent} does not exist")
    db = open_db(args)
    try:
        # Numbers are committed only after the files are written: a failed print assigns nothing.
        with transaction(db.factory) as session:
            try:
                waybills, numbers = printable_waybills(session, args.order)
            except WaybillError as exc:
                raise CliError(str(exc)) from exc
            _write(waybills, pdf, zpl, quiet=args.quiet)
    finally:
        db.dispose()
    print(f"{len(waybills)} label(s) written to {pdf}" + (f" and {zpl}" if zpl else ""))
    for order_id, number in numbers.items():
        print(f"  order {order_id}: waybill {number}")
    return 0


def _write(waybills: list[Waybill], pdf: Path, zpl: Path | None, *, quiet: bool) -> None:
    from agent_desk.core.waybill import LabelFieldError
    from agent_desk.labels.pdf import render_pdf

    try:
        render_pdf(waybills, pdf, progress=None if quiet else _progress)
        if zpl is not None:
            from agent_desk.labels.zpl import batch_zpl

            zpl.write_text(batch_zpl(waybills), encoding="utf-8")
    except LabelFieldError as exc:
        raise CliError(f"a label cannot be printed: {exc}") from exc
    except OSError as exc:
        raise CliError(f"cannot write the labels: {exc}") from exc


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    audit = sub.add_parser("audit", help="order audit trail").add_subparsers(dest="audit_command", metavar="ACTION")
    verify = audit.add_parser(
        "verify", help="check every order's hash chain; exit 1 and name the first broken link if tampered"
    )
    add_url(verify)
    verify.set_defaults(func=cmd_audit_verify)

    labels = sub.add_parser(
        "labels",
        help="print courier labels for approved orders (assigns missing waybill numbers; changes no order state)",
    )
    add_url(labels)
    labels.add_argument(
        "--order", type=int, action="append", required=True, metavar="ID", help="order id (repeat for a batch)"
    )
    labels.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="PDF to write, one label per page")
    labels.add_argument("--zpl", type=Path, metavar="FILE", help="also write ZPL for a thermal printer")
    labels.add_argument("-q", "--quiet", action="store_true", help="no progress")
    labels.set_defaults(func=cmd_labels)
