"""``agent-desk user …`` and ``agent-desk secret …``: accounts and the OS keyring."""

from __future__ import annotations

import argparse
from typing import Any

from agent_desk.cli.common import CliError, add_url, open_db, read_secret
from agent_desk.core.orders import Role


def cmd_user_add(args: argparse.Namespace) -> int:
    from agent_desk.services.access.auth import UserError, create_user
    from agent_desk.store.db import transaction

    password = read_secret(f"password for {args.username}: ")
    db = open_db(args)
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

    value = read_secret(f"value for {args.name}: ")
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


def register(sub: Any) -> None:
    user = sub.add_parser("user", help="manage users").add_subparsers(dest="user_command", metavar="ACTION")
    add = user.add_parser("add", help="create a user (password read from the terminal or stdin)")
    add_url(add)
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
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
