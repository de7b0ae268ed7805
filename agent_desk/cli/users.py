"""``agent-desk user …``, ``agent-desk team …`` and ``agent-desk secret …``: accounts, teams (班组)
and the OS keyring."""

from __future__ import annotations

import argparse
import unicodedata
from typing import Any

from agent_desk.cli.common import CliError, add_url, open_db, read_secret, run_refusing
from agent_desk.core.orders import Role


def cmd_user_add(args: argparse.Namespace) -> int:
    from agent_desk.services.access.auth import UserError, create_user
    from agent_desk.services.supervision.teams import TeamError, team_named
    from agent_desk.store.db import transaction

    db = open_db(args)
    try:
        if args.team is not None:
            with db.factory() as session:
                team_named(session, args.team)  # an unknown team is said before the password is asked
        password = read_secret(f"password for {args.username}: ")
        with transaction(db.factory) as session:
            team = team_named(session, args.team) if args.team is not None else None
            user = create_user(
                session,
                username=args.username,
                display_name=args.name or args.username,
                role=args.role,
                password=password,
                telephony_id=args.telephony_id,
                extension=args.extension,
            )
            if team is not None:
                user.team_id = team.id
            in_team = f" in team {team.name}" if team is not None else ""
            print(f"user {user.username} ({user.role}) created with id {user.id}{in_team}")
    except (UserError, TeamError) as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.dispose()
    return 0


def cmd_team_add(args: argparse.Namespace) -> int:
    from agent_desk.services.supervision.teams import TeamError, add_team

    team = run_refusing(args, lambda s: add_team(s, args.name, leader=args.leader), (TeamError,))
    led = f", led by {args.leader.strip()}" if args.leader else ", no leader yet"
    print(f"team {team.name} created with id {team.id}{led}")
    return 0


def cmd_team_assign(args: argparse.Namespace) -> int:
    from agent_desk.services.supervision.teams import TeamError, place_in_team

    users = run_refusing(args, lambda s: place_in_team(s, args.usernames, args.name), (TeamError,))
    print(f"{', '.join(u.username for u in users)} now in team {args.name.strip()}")
    return 0


def cmd_team_list(args: argparse.Namespace) -> int:
    from agent_desk.services.supervision.teams import team_list

    db = open_db(args)
    try:
        with db.factory() as session:
            teams = team_list(session)
    finally:
        db.dispose()
    if not teams:
        print("no teams yet (agent-desk team add NAME --leader USERNAME)")
        return 0
    lines = [("team", "leader", "members", "active")]
    for t in teams:
        leader = f"{t.leader} ({t.leader_name})" if t.leader else "—"
        lines.append((t.name, leader, str(t.members), "yes" if t.active else "no"))
    widths = [max(_width(line[i]) for line in lines) for i in range(4)]
    for line in lines:
        print("  ".join(text + " " * (w - _width(text)) for text, w in zip(line, widths, strict=True)).rstrip())
    return 0


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


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
    add.add_argument("--team", metavar="NAME", help="the team (班组) the user works in")
    add.set_defaults(func=cmd_user_add)

    team = sub.add_parser("team", help="teams (班组) and who leads them").add_subparsers(
        dest="team_command", metavar="ACTION"
    )
    tadd = team.add_parser("add", help="create a team")
    add_url(tadd)
    tadd.add_argument("name")
    tadd.add_argument("--leader", metavar="USERNAME", help="the supervisor (or admin) who leads it")
    tadd.set_defaults(func=cmd_team_add)
    tlist = team.add_parser("list", help="the teams, their leaders and how many are in each")
    add_url(tlist)
    tlist.set_defaults(func=cmd_team_list)
    tassign = team.add_parser("assign", help="move users into a team (all or none of them)")
    add_url(tassign)
    tassign.add_argument("name")
    tassign.add_argument("usernames", nargs="+", metavar="USERNAME")
    tassign.set_defaults(func=cmd_team_assign)

    secret = sub.add_parser("secret", help="secrets in the OS keyring").add_subparsers(
        dest="secret_command", metavar="ACTION"
    )
    sset = secret.add_parser("set", help="store a secret (db-password, hub-token, ami-secret)")
    sset.add_argument("name")
    sset.set_defaults(func=cmd_secret_set)
    sdel = secret.add_parser("delete", help="remove a secret")
    sdel.add_argument("name")
    sdel.set_defaults(func=cmd_secret_delete)
