"""Hub tokens from the user database: a desk gets a fresh token at login, the hub checks it.

Tokens are 256-bit random values, so a SHA-256 digest (not a slow password hash) is the right
store: nothing about a token can be guessed from its digest, and the hub checks it in microseconds.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.core.roles import supervises_floor
from agent_desk.store.models import User
from agent_desk.telephony.tokens import Principal


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_desk_token(factory: sessionmaker[Session], user_id: int) -> str:
    """A new token for this user's desk; the previous one stops working."""
    token = secrets.token_urlsafe(32)
    with factory() as session, session.begin():
        user = session.get(User, user_id)
        if user is None or not user.active:
            raise PermissionError("this user may not connect to the hub")
        user.hub_token_hash = _digest(token)
    return token


class DatabaseTokens:
    """The hub's TokenAuthority over the users table: the token's user, by their telephony id."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def authenticate(self, token: str) -> Principal | None:
        if not token or len(token) > 200:
            return None
        with self._factory() as session:
            row = session.execute(
                select(User.telephony_id, User.role, User.username).where(
                    User.hub_token_hash == _digest(token), User.active
                )
            ).first()
        if row is None:
            return None
        supervisor = supervises_floor(row.role)
        agent = row.telephony_id or (f"user:{row.username}" if supervisor else None)
        if agent is None:
            return None
        return Principal(agent, supervisor=supervisor)
