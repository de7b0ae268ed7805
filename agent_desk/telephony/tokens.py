"""Who may connect to the hub: a token names one agent (or a supervisor)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Principal:
    agent_id: str  # the PBX's name for the queue member, e.g. "SIP/777" or "PJSIP/801"
    supervisor: bool = False  # supervisors receive every event


class TokenAuthority(Protocol):
    def authenticate(self, token: str) -> Principal | None: ...


class TokenFileError(ValueError):
    pass


def _digest(token: str) -> bytes:
    # Looking up digests rather than the tokens keeps the lookup time
    # independent of how much of a guessed token is right.
    return hashlib.sha256(token.encode("utf-8")).digest()


class StaticTokens:
    """Tokens held in memory; also the base of the file-backed authority."""

    def __init__(self, entries: dict[str, Principal] | None = None) -> None:
        self._by_digest = {_digest(t): p for t, p in (entries or {}).items()}

    def authenticate(self, token: str) -> Principal | None:
        return self._by_digest.get(_digest(token))

    def __len__(self) -> int:
        return len(self._by_digest)


def parse_token_lines(text: str, source: str = "<tokens>") -> dict[str, Principal]:
    """Parse ``TOKEN AGENT-ID [supervisor]`` lines; ``#`` starts a comment."""
    entries: dict[str, Principal] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) not in (2, 3) or (len(parts) == 3 and parts[2].lower() != "supervisor"):
            raise TokenFileError(f"{source}:{lineno}: expected 'TOKEN AGENT-ID [supervisor]', got {line!r}")
        token = parts[0]
        if token in entries:
            raise TokenFileError(f"{source}:{lineno}: duplicate token")
        entries[token] = Principal(parts[1], supervisor=len(parts) == 3)
    return entries


class FileTokens(StaticTokens):
    def __init__(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise TokenFileError(f"cannot read token file {path}: {exc.strerror}") from exc
        super().__init__(parse_token_lines(text, str(path)))
