"""The contract between the hub and a source of call events."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from agent_desk.core.protocol import CallEvent, Command
from agent_desk.telephony.tokens import Principal

# What publish returns (the hub gives the seq it stamped) is of no use to a source.
Publish = Callable[[CallEvent], object]


class SourceUnavailable(Exception):
    """The source cannot be reached or refused us at start; the message says why."""


class CommandError(Exception):
    """A desk command the source cannot carry out; the message goes back to the desk."""


class Source(Protocol):
    async def start(self, publish: Publish) -> None:
        """Connect and start producing events; raise SourceUnavailable if it cannot."""

    async def stop(self) -> None: ...

    async def command(self, principal: Principal, command: Command) -> Mapping[str, Any]:
        """Carry out a desk command (dial, agent.state, simulate); raise CommandError."""
