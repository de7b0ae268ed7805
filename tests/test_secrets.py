from __future__ import annotations

import pytest

from agent_desk.secrets import SecretStoreUnavailable, delete_secret, get_secret, set_secret


def test_secrets_round_trip_through_the_keyring(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    set_secret("hub-token", "t0k3n")
    assert memory_keyring.store[("agent-desk", "hub-token")] == "t0k3n"
    assert get_secret("hub-token") == "t0k3n"
    assert delete_secret("hub-token") is True
    assert get_secret("hub-token") is None
    assert delete_secret("hub-token") is False


def test_without_a_keyring_nothing_is_written_anywhere(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with pytest.raises(SecretStoreUnavailable, match="never falls back to a plain-text file"):
            set_secret("db-password", "x")
        assert get_secret("db-password") is None
    finally:
        keyring.set_keyring(previous)
