"""``agent-desk import queue-log FILE``: a real PBX's history into the contact-centre record."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from agent_desk.cli.common import CliError, add_url, open_db


def cmd_import_queue_log(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from agent_desk.services.calls.queue_log_import import call_counts, import_queue_log

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such queue_log file: {path}")
    db = open_db(args)
    bar = None if args.quiet else tqdm(total=path.stat().st_size, unit="B", unit_scale=True, desc="queue_log")

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.update(done - bar.n)

    try:
        report = import_queue_log(db.factory, path, progress=progress)
        with db.factory() as session:
            counts = call_counts(session, report.calls)
    finally:
        if bar is not None:
            bar.close()
        db.dispose()
    for number, problem in report.bad_lines:
        print(f"{path}:{number}: skipped: {problem}")
    if report.bad_line_count > len(report.bad_lines):
        print(f"… and {report.bad_line_count - len(report.bad_lines)} more unreadable lines")
    print(
        f"{report.lines:,} lines: {report.events_new:,} new events, {report.events_known:,} already recorded, "
        f"{report.housekeeping:,} housekeeping, {report.bad_line_count:,} unreadable; "
        f"{counts.calls:,} calls ({counts.answered:,} answered, {counts.abandoned:,} abandoned, "
        f"{counts.unfinished:,} without a final event)"
    )
    return 0


def register(sub: Any) -> None:
    imports = sub.add_parser("import", help="import history from the telephony platform").add_subparsers(
        dest="import_command", metavar="WHAT"
    )
    ql = imports.add_parser("queue-log", help="an Asterisk queue_log file (re-importing changes nothing)")
    add_url(ql)
    ql.add_argument("file", help="path of the queue_log file")
    ql.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ql.set_defaults(func=cmd_import_queue_log)
