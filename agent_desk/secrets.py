"""Secrets go to the OS keyring and nowhere else: no config file, no log line."""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "agent-desk"

NO_KEYRING_HELP = (
    "No OS keyring is available on this machine, so AgentDesk cannot store secrets. "
    "AgentDesk never falls back to a plain-text file. Ways out: run inside a desktop session "
    "(GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager); on a headless Linux box "
    "install an encrypted file keyring (`pip install keyrings.cryptfile` and set "
    "PYTHON_KEYRING_BACKEND=keyrings.cryptfile.cryptfile.CryptFileKeyring); or pass the secret for "
    "one process only through its environment variable (e.g. AGENT_DESK_AMI_SECRET)."
)


class SecretStoreUnavailable(RuntimeError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(NO_KEYRING_HELP + (f" (keyring said: {detail})" if detail else ""))


def _check_backend() -> None:
    if isinstance(keyring.get_keyring(), fail.Keyring):
        raise SecretStoreUnavailable()


def set_secret(name: str, value: str) -> None:
    _check_backend()
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(str(exc)) from exc


def get_secret(name: str) -> str | None:
    """The stored secret, or ``None`` when unset or when no keyring exists (callers decide)."""
    try:
        _check_backend()
        return keyring.get_password(SERVICE, name)
    except (SecretStoreUnavailable, keyring.errors.KeyringError):
        return None


def delete_secret(name: str) -> bool:
    _check_backend()
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(str(exc)) from exc
    return True
