"""What every workspace is given: passed in explicitly, no global service locator (STYLE.md)."""

from __future__ import annotations

from dataclasses import dataclass

from agent_desk.config import Settings
from agent_desk.services.access.auth import CurrentUser
from agent_desk.store.database import Database
from agent_desk.ui.messages import MessageBridge
from agent_desk.ui.tasks import TaskRunner


@dataclass
class DeskContext:
    user: CurrentUser
    database: Database
    runner: TaskRunner  # the one database worker: every query goes through it, never on the GUI thread
    settings: Settings
    messages: MessageBridge
