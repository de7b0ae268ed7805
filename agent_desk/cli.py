"""The ``agent-desk`` command. Each subcommand is a thin shell over a service."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
import time
from collections.abc import Callable, Sequence

from agent_desk import __version__

log = logging.getLogger("agent_desk.cli")


class CliError(Exception):
    """A failure worth one clear line on stderr and a non-zero exit, no traceback."""


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from agent_desk.config import load_settings

    return load_settings(overrides={"db_url": getattr(args, "url", None)})


def _open(args: argparse.Namespace, *, auto_upgrade: bool | None = None):  # type: ignore[no-untyped-def]
    from agent_desk.store.database import open_database

    return open_database(_settings(args).db_url, auto_upgrade=auto_upgrade)


def _add_url(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--url",
        help="database URL (sqlite:///FILE or postgresql://USER@HOST/DB); "
        "default: AGENT_DESK_DB_URL, then config.toml, then the embedded SQLite file",
    )


# --- db -------------------------------------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from agent_desk.store import migrate
    from agent_desk.store.db import describe, make_engine

    url = _settings(args).db_url
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

    url = _settings(args).db_url
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

    engine = make_engine(_settings(args).db_url)
    try:
        command.revision(alembic_config(engine), message=args.message, autogenerate=True)
    finally:
        engine.dispose()
    return 0


# --- demo data ------------------------------------------------------------------------------------


def _progress_bar() -> Callable[[str, int, int], None]:
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=f"{stage:>10}", unit=" rows", unit_scale=True, leave=True)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def cmd_demo_data(args: argparse.Namespace) -> int:
    from agent_desk.services.demo.data import DemoSize, generate

    if args.customers < 0 or args.orders_per_customer < 0 or args.calls_per_customer < 0:
        raise CliError("sizes must not be negative")
    db = _open(args, auto_upgrade=True)
    started = time.perf_counter()
    try:
        report = generate(
            db.engine,
            DemoSize(args.customers, args.orders_per_customer, args.calls_per_customer),
            seed=args.seed,
            progress=None if args.quiet else _progress_bar(),
        )
    finally:
        db.dispose()
    elapsed = time.perf_counter() - started
    print(
        f"demo data: {report.customers:,} customers ({report.phones:,} phones), {report.orders:,} orders "
        f"({report.order_events:,} audit events), {report.calls:,} calls, {report.followups:,} follow-ups, "
        f"{report.users} new users in {elapsed:.1f} s"
    )
    if report.by_state:
        print("orders by state: " + ", ".join(f"{k} {v:,}" for k, v in report.by_state.items()))
    if report.users:
        print(
            "demo logins: agent1/agent1123, auditor1/auditor1123, logistics1/logistics1123, "
            "supervisor1/supervisor1123, admin/admin123"
        )
    return 0


# --- users and secrets ----------------------------------------------------------------------------


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("again: ") != first:
            raise CliError("the two entries differ; nothing was stored")
        return first
    return sys.stdin.readline().rstrip("\n")


def cmd_user_add(args: argparse.Namespace) -> int:
    from agent_desk.services.access.auth import UserError, create_user
    from agent_desk.store.db import transaction

    password = _read_secret(f"password for {args.username}: ")
    db = _open(args)
    try:
        with transaction(db.factory) as session:
            user = create_user(
                session,
                username=args.username,
                display_name=args.name or args.username,
                role=args.role,
                password=password,
                telephony_id=args.telephony_id,
                extension=args.extension,
            )
            print(f"user {user.username} ({user.role}) created with id {user.id}")
    except UserError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    return 0


def cmd_secret_set(args: argparse.Namespace) -> int:
    from agent_desk.secrets import SecretStoreUnavailable, set_secret

    value = _read_secret(f"value for {args.name}: ")
    if not value:
        raise CliError("an empty secret was not stored")
    try:
        set_secret(args.name, value)
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from exc
    print(f"secret {args.name!r} stored in the OS keyring")
    return 0


def cmd_secret_delete(args: argparse.Namespace) -> int:
    from agent_desk.secrets import SecretStoreUnavailable, delete_secret

    try:
        removed = delete_secret(args.name)
    except SecretStoreUnavailable as exc:
        raise CliError(str(exc)) from exc
    print(f"secret {args.name!r} {'deleted' if removed else 'was not set'}")
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from agent_desk.config import config_file
    from agent_desk.store.db import describe

    settings = _settings(args)
    print(f"# {config_file()}")
    for key, value in asdict(settings).items():
        shown = describe(value) if key == "db_url" else value
        print(f"{key} = {shown!r}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from agent_desk.app import main as gui_main

    argv = []
    if args.url:
        argv += ["--url", args.url]
    if args.hub:
        argv += ["--hub", args.hub]
    return gui_main(argv)


# --- parser ---------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-desk",
        description="AgentDesk: screen-pop CRM for inbound call centres.",
    )
    parser.add_argument("--version", action="version", version=f"agent-desk {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser("run", help="open the desktop application")
    _add_url(run)
    run.add_argument("--hub", help="hub websocket URL, e.g. ws://127.0.0.1:8765")
    run.set_defaults(func=cmd_run)

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db_command", metavar="ACTION")
    up = db.add_parser("upgrade", help="create or upgrade the schema (Alembic)")
    _add_url(up)
    up.add_argument("--revision", default="head", help="target revision (default: head)")
    up.set_defaults(func=cmd_db_upgrade)
    cur = db.add_parser("current", help="show the schema revision; exit 1 when an upgrade is due")
    _add_url(cur)
    cur.set_defaults(func=cmd_db_current)
    rev = db.add_parser("revision", help="(developers) autogenerate a migration from the models")
    _add_url(rev)
    rev.add_argument("-m", "--message", required=True)
    rev.set_defaults(func=cmd_db_revision)

    demo = sub.add_parser("demo-data", help="fill the database with demo or scale data")
    _add_url(demo)
    demo.add_argument("--customers", type=int, default=2_000)
    demo.add_argument("--orders-per-customer", type=float, default=1.5)
    demo.add_argument("--calls-per-customer", type=float, default=3.0)
    demo.add_argument("--seed", type=int, help="random seed, for repeatable data")
    demo.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    demo.set_defaults(func=cmd_demo_data)

    user = sub.add_parser("user", help="manage users").add_subparsers(dest="user_command", metavar="ACTION")
    add = user.add_parser("add", help="create a user (password read from the terminal or stdin)")
    _add_url(add)
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["agent", "auditor", "logistics", "supervisor", "admin"])
    add.add_argument("--name", help="display name")
    add.add_argument("--telephony-id", help="the PBX's name for this agent, e.g. SIP/8001")
    add.add_argument("--extension")
    add.set_defaults(func=cmd_user_add)

    secret = sub.add_parser("secret", help="secrets in the OS keyring").add_subparsers(
        dest="secret_command", metavar="ACTION"
    )
    sset = secret.add_parser("set", help="store a secret (db-password, hub-token, ami-secret)")
    sset.add_argument("name")
    sset.set_defaults(func=cmd_secret_set)
    sdel = secret.add_parser("delete", help="remove a secret")
    sdel.add_argument("name")
    sdel.set_defaults(func=cmd_secret_delete)

    config = sub.add_parser("config", help="show the effective configuration")
    _add_url(config)
    config.set_defaults(func=cmd_config_show)

    for register in _plugins():
        register(sub)
    return parser


def _plugins() -> list[Callable[[argparse._SubParsersAction], None]]:  # type: ignore[type-arg]
    """Subcommands owned by other packages (hub, pop, audit, labels, kb)."""
    from agent_desk import cli_desk, cli_kb, cli_orders
    from agent_desk.telephony import cli as telephony_cli

    return [cli_desk.register, cli_orders.register, cli_kb.register, telephony_cli.register]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    # Delegate to the imported module, so plugins raise the same CliError class that main() catches.
    from agent_desk.cli import main as _main

    sys.exit(_main())
