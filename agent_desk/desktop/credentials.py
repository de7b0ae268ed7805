"""The login window's "remember me": passwords kept in the OS keyring under ``login:<user>``, never in a file."""

from __future__ import annotations

import keyring
from keyring.backends import fail

from agent_desk.secrets import SecretStoreUnavailable, delete_secret, get_secret, set_secret


def _name(username: str) -> str:
    return f"login:{username}"


def remembered_password(username: str) -> str | None:
    return get_secret(_name(username)) if username else None


def remember_password(username: str, password: str | None) -> bool:
    """Keep ``password`` for ``username``, or forget it when ``None``; False when no keyring exists."""
    try:
        if password is None:
            delete_secret(_name(username))
        else:
            set_secret(_name(username), password)
        return True
    except SecretStoreUnavailable:
        return False


def keyring_available() -> bool:
    """Whether "remember me" can work here (the login window greys it out otherwise)."""
    return not isinstance(keyring.get_keyring(), fail.Keyring)
