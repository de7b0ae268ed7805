"""Users, passwords (argon2) and logging in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import ClassVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from agent_desk.services.errors import ServiceError
from agent_desk.store.models import ROLES, User

_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so a wrong name costs as long as a wrong password.

    Made on first use, not at import: an argon2 hash costs ~0.1 s of the desk's start."""
    return _hasher.hash("agent-desk-not-a-password")


_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
MIN_PASSWORD_LENGTH = 6


class AuthError(ServiceError):
    """Login refused; the message never says whether the name or the password was wrong."""

    messages: ClassVar[Mapping[str, str]] = {"auth.refused": "unknown user name or wrong password"}


class UserError(ServiceError, ValueError):
    """A user account that cannot be created as given."""

    messages: ClassVar[Mapping[str, str]] = {
        "user.name_invalid": "username '{username}': use 2–64 letters, digits, or . _ @ -",
        "user.role_unknown": "role '{given}' is not one of {roles}",
        "user.password_too_short": "the password must have at least {limit} characters",
        "user.exists": "a user named '{username}' already exists",
    }


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    display_name: str
    role: str
    telephony_id: str | None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: str,
    password: str,
    telephony_id: str | None = None,
    extension: str | None = None,
) -> User:
    if not _USERNAME.match(username):
        raise UserError("user.name_invalid", username=username)
    if role not in ROLES:
        raise UserError("user.role_unknown", given=role, roles=list(ROLES))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("user.password_too_short", limit=MIN_PASSWORD_LENGTH)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError("user.exists", username=username)
    user = User(
        username=username,
        display_name=display_name,
        role=role,
        password_hash=hash_password(password),
        telephony_id=telephony_id or None,
        extension=extension,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(factory: sessionmaker[Session], username: str, password: str) -> CurrentUser:
    with factory() as session:
        user = session.scalar(select(User).where(User.username == username.strip()))
        if user is None or not user.active:
            verify_password(_dummy_hash(), password)
            raise AuthError("auth.refused")
        if not verify_password(user.password_hash, password):
            raise AuthError("auth.refused")
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
            session.commit()
        return CurrentUser(user.id, user.username, user.display_name, user.role, user.telephony_id)
