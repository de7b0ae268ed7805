"""The ``agent-desk`` command: one module per group of subcommands, each a thin shell over a service.

``common`` holds what they share (CliError, settings, --url); this package is a composition root:
it may import every layer, and nothing imports it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from agent_desk import __version__
from agent_desk.cli import db, demo, desk, hub, imports, kb, kpi, orders, staffing, users
from agent_desk.cli.common import CliError

log = logging.getLogger("agent_desk.cli")

__all__ = ["CliError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-desk",
        description="AgentDesk: screen-pop CRM for inbound call centres.",
    )
    parser.add_argument("--version", action="version", version=f"agent-desk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (desk, demo, db, users, orders, kb, imports, kpi, staffing, hub):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "owns_logging", False):  # the hub logs JSON lines of its own
        logging.basicConfig(
            level=logging.DEBUG if args.verbose else logging.WARNING,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        )
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    from agent_desk.secrets import SecretStoreUnavailable
    from agent_desk.store.database import DatabaseUnavailable, SchemaOutOfDate
    from agent_desk.store.db import DatabaseUrlError

    try:
        return int(func(args) or 0)
    except (CliError, DatabaseUnavailable, SchemaOutOfDate, DatabaseUrlError, SecretStoreUnavailable) as exc:
        print(f"agent-desk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("agent-desk: interrupted", file=sys.stderr)
        return 130
