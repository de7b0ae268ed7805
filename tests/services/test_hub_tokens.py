from __future__ import annotations

from agent_desk.services.access.hub_tokens import DatabaseTokens, issue_desk_token
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import User


def _user_id(db: Database, username: str) -> int:
    with db.factory() as s:
        return s.query(User).filter_by(username=username).one().id


def test_a_desk_token_names_its_agent_and_replaces_the_last_one(ref_db: Database) -> None:
    tokens = DatabaseTokens(ref_db.factory)
    first = issue_desk_token(ref_db.factory, _user_id(ref_db, "agent1"))
    principal = tokens.authenticate(first)
    assert principal is not None and (principal.agent_id, principal.supervisor) == ("SIP/8001", False)
    second = issue_desk_token(ref_db.factory, _user_id(ref_db, "agent1"))
    assert tokens.authenticate(first) is None
    assert tokens.authenticate(second) is not None
    with ref_db.factory() as s:
        stored = s.query(User).filter_by(username="agent1").one().hub_token_hash
    assert second not in (stored or "")  # only a digest is kept


def test_supervisors_see_everything_and_strangers_nothing(ref_db: Database) -> None:
    tokens = DatabaseTokens(ref_db.factory)
    supervisor = tokens.authenticate(issue_desk_token(ref_db.factory, _user_id(ref_db, "supervisor1")))
    assert supervisor is not None and supervisor.supervisor
    assert tokens.authenticate("") is None
    assert tokens.authenticate("made-up-token") is None
    assert tokens.authenticate("x" * 10_000) is None


def test_a_deactivated_user_loses_the_hub(ref_db: Database) -> None:
    token = issue_desk_token(ref_db.factory, _user_id(ref_db, "agent2"))
    with transaction(ref_db.factory) as s:
        s.query(User).filter_by(username="agent2").one().active = False
    assert DatabaseTokens(ref_db.factory).authenticate(token) is None
