"""What every workspace is given: passed in explicitly, no global service locator (STYLE.md).

The one way a widget reaches the database is an operation run by the context, in the spirit of
Anki's ``CollectionOp``: the widget hands over a function of a session (or of the session
factory, or of a quick read connection), the desk's single database worker runs it, and the
result or the error comes back on the GUI thread. Widgets never open sessions themselves and
``ui/`` imports nothing from ``agent_desk.store`` (an import contract checks it).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from agent_desk.config import Settings
from agent_desk.services.access.auth import CurrentUser
from agent_desk.ui.live_queue import OnChange, OnLink, Watcher
from agent_desk.ui.messages import MessageBridge
from agent_desk.ui.tasks import Failure, TaskRunner

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")


class DeskDatabase(Protocol):
    """What the desk needs of its database; :class:`agent_desk.store.database.Database` is one."""

    url: str

    @property
    def factory(self) -> sessionmaker[Session]: ...
    @property
    def dialect(self) -> str: ...
    @property
    def label(self) -> str: ...
    def ping(self) -> None: ...
    def read_connection(self) -> AbstractContextManager[Connection]: ...
    def watch_orders(self, on_change: OnChange, on_link: OnLink | None = None) -> Watcher: ...
    def watch_articles(self, on_change: OnChange, on_link: OnLink | None = None) -> Watcher: ...


@dataclass
class DeskContext:
    user: CurrentUser
    database: DeskDatabase
    runner: TaskRunner  # the one database worker: every query goes through it, never on the GUI thread
    settings: Settings
    messages: MessageBridge

    def read(
        self,
        op: Callable[[Session], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Failure | None = None,
    ) -> Future[Any]:
        """Run ``op(session)`` on the worker, outside any transaction of the caller's making."""
        factory = self.database.factory

        def run() -> T:
            with factory() as session:
                return op(session)

        return self.runner.run(run, on_success, on_failure)

    def write(
        self,
        op: Callable[[Session], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Failure | None = None,
    ) -> Future[Any]:
        """Run ``op(session)`` on the worker in one transaction: committed if it returns, rolled back if it raises."""
        factory = self.database.factory

        def run() -> T:
            with factory() as session, session.begin():
                return op(session)

        return self.runner.run(run, on_success, on_failure)

    def call(
        self,
        op: Callable[[sessionmaker[Session]], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Failure | None = None,
    ) -> Future[Any]:
        """Run ``op(factory)`` on the worker, for services that own their transactions (order actions)."""
        factory = self.database.factory
        return self.runner.run(lambda: op(factory), on_success, on_failure)

    def quick_read(
        self,
        op: Callable[[Connection], T],
        on_success: Callable[[T], Any] | None = None,
        on_failure: Failure | None = None,
    ) -> Future[Any]:
        """Run ``op(connection)`` on the worker for a burst of reads that must be quick (the screen pop)."""
        database = self.database

        def run() -> T:
            with database.read_connection() as conn:
                return op(conn)

        return self.runner.run(run, on_success, on_failure)

    def ping(self, on_success: Callable[[None], Any], on_failure: Failure) -> Future[Any]:
        """Check on the worker that the database answers now (the status bar's periodic check)."""
        return self.runner.run(self.database.ping, on_success, on_failure)
