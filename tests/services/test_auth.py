from __future__ import annotations

import pytest

from agent_desk.services.access.auth import AuthError, UserError, authenticate, create_user
from agent_desk.store.database import Database
from agent_desk.store.db import transaction
from agent_desk.store.models import User


def test_login_with_the_right_password_only(db: Database) -> None:
    with transaction(db.factory) as s:
        create_user(s, username="amy", display_name="Amy", role="auditor", password="correct horse")
    user = authenticate(db.factory, "amy", "correct horse")
    assert (user.username, user.role) == ("amy", "auditor")
    with pytest.raises(AuthError) as wrong:
        authenticate(db.factory, "amy", "Correct horse")
    with pytest.raises(AuthError) as unknown:
        authenticate(db.factory, "bob", "correct horse")
    assert str(wrong.value) == str(unknown.value)  # never tells which part was wrong


def test_passwords_are_stored_as_argon2_hashes(db: Database) -> None:
    with transaction(db.factory) as s:
        create_user(s, username="amy", display_name="Amy", role="agent", password="correct horse")
    with db.factory() as s:
        stored = s.query(User).one().password_hash
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored


def test_inactive_users_cannot_log_in(db: Database) -> None:
    with transaction(db.factory) as s:
        create_user(s, username="amy", display_name="Amy", role="agent", password="correct horse").active = False
    with pytest.raises(AuthError):
        authenticate(db.factory, "amy", "correct horse")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"username": "a b"}, "letters, digits"),
        ({"role": "boss"}, "not one of"),
        ({"password": "123"}, "at least 6"),
    ],
)
def test_bad_users_are_refused(db: Database, kwargs: dict, message: str) -> None:
    values = {"username": "amy", "display_name": "Amy", "role": "agent", "password": "correct horse"} | kwargs
    with pytest.raises(UserError, match=message), transaction(db.factory) as s:
        create_user(s, **values)


def test_duplicate_usernames_are_refused(db: Database) -> None:
    with transaction(db.factory) as s:
        create_user(s, username="amy", display_name="Amy", role="agent", password="correct horse")
    with pytest.raises(UserError, match="already exists"), transaction(db.factory) as s:
        create_user(s, username="amy", display_name="Amy 2", role="agent", password="correct horse")
