"""``agent-desk db …`` and ``agent-desk config``: the schema and the effective settings."""

from __future__ import annotations

import argparse
from typing import Any

from agent_desk.cli.common import add_url, settings_for


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from agent_desk.store import migrate
    from agent_desk.store.db import describe, make_engine

    url = settings_for(args).db_url
    engine = make_engine(url)
    try:
        before, after = migrate.upgrade(engine, args.revision)
    finally:
        engine.dispose()
    if before == after:
        print(f"{describe(url)}: already at {after}")
    else:
        print(f"{describe(url)}: upgraded {before or 'empty'} -> {after}")
    return 0


def cmd_db_current(args: argparse.Namespace) -> int:
    from agent_desk.store import migrate
    from agent_desk.store.db import describe, make_engine

    url = settings_for(args).db_url
    engine = make_engine(url)
    try:
        current, head = migrate.current_revision(engine), migrate.head_revision(engine)
    finally:
        engine.dispose()
    state = "up to date" if current == head else f"needs upgrade to {head}"
    print(f"{describe(url)}: {current or 'empty'} ({state})")
    return 0 if current == head else 1


def cmd_db_revision(args: argparse.Namespace) -> int:
    from alembic import command

    from agent_desk.store.db import make_engine
    from agent_desk.store.migrate import alembic_config

    engine = make_engine(settings_for(args).db_url)
    try:
        command.revision(alembic_config(engine), message=args.message, autogenerate=True)
    finally:
        engine.dispose()
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from agent_desk.config import config_file
    from agent_desk.store.db import describe

    settings = settings_for(args)
    print(f"# {config_file()}")
    for key, value in asdict(settings).items():
        shown = describe(value) if key == "db_url" else value
        print(f"{key} = {shown!r}")
    return 0


def register(sub: Any) -> None:
    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db_command", metavar="ACTION")
    up = db.add_parser("upgrade", help="create or upgrade the schema (Alembic)")
    add_url(up)
    up.add_argument("--revision", default="head", help="target revision (default: head)")
    up.set_defaults(func=cmd_db_upgrade)
    cur = db.add_parser("current", help="show the schema revision; exit 1 when an upgrade is due")
    add_url(cur)
    cur.set_defaults(func=cmd_db_current)
    rev = db.add_parser("revision", help="(developers) autogenerate a migration from the models")
    add_url(rev)
    rev.add_argument("-m", "--message", required=True)
    rev.set_defaults(func=cmd_db_revision)

    config = sub.add_parser("config", help="show the effective configuration")
    add_url(config)
    config.set_defaults(func=cmd_config_show)
