"""The desktop application: settings, database, login, then the main window with its workspaces.

The composition root of the desktop: it wires the layers together; what it sets up around the
windows (logging, translations, remembered logins, signals, the test autopilot) is in agent_desk.desktop.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QListWidgetItem, QMessageBox

from agent_desk import __version__
from agent_desk.config import ConfigError, Settings, load_settings
from agent_desk.core.roles import Workspace, supervises_floor
from agent_desk.desktop.autopilot import start_autopilot
from agent_desk.desktop.credentials import keyring_available, remember_password, remembered_password
from agent_desk.desktop.logging_setup import setup_logging
from agent_desk.desktop.quit_signals import quit_on_signals
from agent_desk.desktop.translation import install_translation
from agent_desk.services.access.auth import CurrentUser, authenticate
from agent_desk.services.calls.screen_pop import POP_RELATIONS
from agent_desk.store.database import Database, DatabaseUnavailable, SchemaOutOfDate, open_database
from agent_desk.store.db import DatabaseUrlError, describe
from agent_desk.store.prewarm import prewarm_in_background
from agent_desk.ui.context import DeskContext
from agent_desk.ui.login import LoginDialog
from agent_desk.ui.messages import MessageBridge, install_crash_handler
from agent_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    # Imported at run time only once the login window is up (preload_main_window): startup budget.
    from agent_desk.telephony.client import HubClient
    from agent_desk.ui.desk.pop_controller import PopController
    from agent_desk.ui.desk.workspace import DeskWorkspace
    from agent_desk.ui.hub_bridge import HubBridge
    from agent_desk.ui.knowledge.workspace import KnowledgeWorkspace
    from agent_desk.ui.main_window import MainWindow, WorkspaceFactory
    from agent_desk.ui.orders.returned import OrderDesk

log = logging.getLogger("agent_desk")


class Desktop:
    """Owns what lives as long as a login: the worker, the hub link, the window."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.runner = TaskRunner()
        self.window: MainWindow | None = None
        self.desk: DeskWorkspace | None = None
        self.hub: HubBridge | None = None
        self.controller: PopController | None = None
        self.orders: OrderDesk | None = None
        self.login: LoginDialog | None = None  # the login window after a logout
        self._hub_client: HubClient | None = None
        self._last_state_sent: concurrent.futures.Future[None] | None = None

    def login_dialog(self, last_username: str = "") -> LoginDialog:
        return LoginDialog(
            lambda u, p: authenticate(self.database.factory, u, p),
            self.runner,
            last_username=last_username,
            remembered=remembered_password,
            remember=remember_password,
            keyring_available=keyring_available(),
            database_label=describe(self.database.url),
        )

    def open_main_window(self, user: CurrentUser, *, connect_hub: bool = True) -> MainWindow:
        from agent_desk.ui.desk.pop_controller import PopController
        from agent_desk.ui.desk.workspace import DeskWorkspace
        from agent_desk.ui.knowledge.workspace import KnowledgeWorkspace
        from agent_desk.ui.main_window import MainWindow
        from agent_desk.ui.orders.returned import install as install_orders

        log.info("logged in as %s", user.username, extra={"user": user.username, "role": str(user.role)})
        # One message bridge per window: its connections die with the window (a re-login gets a new one).
        messages = MessageBridge()
        ctx = DeskContext(user, self.database, self.runner, self.settings, messages)
        self.controller = controller = PopController(ctx)
        factories: dict[Workspace, WorkspaceFactory] = {Workspace.DESK: lambda c: DeskWorkspace(c, controller)}
        factories.update(_optional_workspaces())
        self.window = window = MainWindow(ctx, factories)
        messages.setParent(window)
        self.orders = install_orders(window, ctx)
        desk = window.workspaces.get(Workspace.DESK)
        self.desk = desk if isinstance(desk, DeskWorkspace) else None
        window.logout_requested.connect(self.log_out)
        if self.desk is not None:
            # Not ready ("logged in") until the agent chooses Ready; the hub hears it once linked.
            self.desk.controller.agent.log_in()
            self.desk.popped.connect(window.announce_call)
            kb = window.workspaces.get(Workspace.KNOWLEDGE)
            if isinstance(kb, KnowledgeWorkspace):
                self._link_desk_to_knowledge(window, self.desk, kb)
            if connect_hub and self.settings.hub_url:
                self._connect_hub(ctx, window, self.desk)
        window.show()
        return window

    @staticmethod
    def _link_desk_to_knowledge(window: MainWindow, desk: DeskWorkspace, kb: KnowledgeWorkspace) -> None:
        """The pop's suggested articles open in the Knowledge tab; a wrap-up can become a proposed article."""

        def open_article(item: QListWidgetItem) -> None:
            kb.open_article(int(item.data(Qt.ItemDataRole.UserRole)))
            window.tabs.setCurrentWidget(kb)

        def propose(call_id: int | None, notes: str) -> None:
            # None: the call is not recorded yet; the article is proposed without the link.
            kb.propose_from_call(call_id, notes=notes)
            window.tabs.setCurrentWidget(kb)

        desk.view.articles.itemActivated.connect(open_article)
        desk.article_proposed.connect(propose)

    def _connect_hub(self, ctx: DeskContext, window: MainWindow, desk: DeskWorkspace) -> None:
        from agent_desk.services.access.hub_tokens import issue_desk_token
        from agent_desk.ui.hub_bridge import HubBridge

        agent = self.settings.agent_id or ctx.user.telephony_id or ""
        # A supervisor who takes no calls still links, for the live floor: the hub names such a
        # desk "user:NAME" (services/access/hub_tokens.py) and it announces no agent state.
        floor_only = not agent and supervises_floor(ctx.user.role)
        if floor_only:
            agent = f"user:{ctx.user.username}"
        if not agent:
            window.set_hub_state("stopped", self.tr_no_agent())
            return
        controller = desk.controller
        self.hub = hub = HubBridge(window)
        hub.link_state_changed.connect(window.set_hub_state)
        hub.call_event.connect(controller.on_frame)
        hub.snapshot.connect(controller.on_snapshot)
        hub.command_failed.connect(lambda op, why: ctx.messages.info.emit(f"{op}: {why}"))
        supervision = window.workspaces.get(Workspace.SUPERVISION)
        attach = getattr(supervision, "attach_hub", None)
        if attach is not None:
            attach(hub)
        user_id = ctx.user.id
        url = self.settings.hub_url

        def connect(token: str) -> None:
            self._hub_client = hub.connect_to_hub(url, token, agent)

        if floor_only:
            self.runner.run(
                lambda: issue_desk_token(self.database.factory, user_id),
                connect,
                lambda exc: window.set_hub_state("refused", str(exc)),
            )
            return
        linked = [False]

        def send_state(command: Mapping[str, Any]) -> None:
            # Offline, the hub could not hear it; the state is announced again once the link is up.
            client = self._hub_client
            if linked[0] and client is not None:
                self._last_state_sent = client.send_command(command)
                self._last_state_sent.add_done_callback(_log_send_failure)

        def link_changed(state: str, _detail: str) -> None:
            linked[0] = state == "connected"
            if linked[0]:
                controller.agent.announce()  # a restarted hub or PBX forgot what the agent is

        hub.link_state_changed.connect(link_changed)
        controller.send_command = send_state
        desk.ring_me_requested.connect(lambda: hub.send_command({"op": "simulate", "action": "ring", "agent": agent}))
        self.runner.run(
            lambda: issue_desk_token(self.database.factory, user_id),
            connect,
            lambda exc: window.set_hub_state("refused", str(exc)),
        )

    @staticmethod
    def tr_no_agent() -> str:
        return "this user has no telephony id (e.g. SIP/8001): set agent_id in the configuration"

    def log_out(self) -> None:
        """File > Log out (already confirmed by the window): offline, then the login window again."""
        window = self.window
        if window is None:
            return
        self.login = dialog = self.login_dialog(window.ctx.user.username)
        dialog.logged_in.connect(self.open_main_window)
        dialog.rejected.connect(QApplication.quit)
        dialog.show()  # before the main window closes, so the application does not quit
        self._close_window()
        log.info("logged out", extra={"user": window.ctx.user.username})

    def _close_window(self) -> None:
        window = self.window
        if window is not None:
            window.close()  # sends "offline"
            window.deleteLater()
        self._flush_agent_state()
        if self.hub is not None:
            self.hub.disconnect_from_hub()
        self.window = self.desk = self.controller = self.hub = None
        self._hub_client = None

    def _flush_agent_state(self) -> None:
        """Let the last agent-state command (the "offline" of a logout or quit) reach the hub first."""
        sent, self._last_state_sent = self._last_state_sent, None
        if sent is not None:
            with contextlib.suppress(Exception):
                sent.result(timeout=2)

    def shutdown(self) -> None:
        self._close_window()
        self.runner.shutdown()
        self.database.dispose()


def _log_send_failure(future: concurrent.futures.Future[None]) -> None:
    exc = None if future.cancelled() else future.exception()
    if exc is not None:
        log.warning("the hub did not get the agent state: %s", exc)


def preload_main_window() -> None:
    """Import what the main window needs; kept out of the way to the login window (~0.4 s)."""
    import agent_desk.ui.desk.workspace
    import agent_desk.ui.main_window
    import agent_desk.ui.orders.returned  # noqa: F401

    _optional_workspaces()


def _optional_workspaces() -> dict[Workspace, WorkspaceFactory]:
    """The other workspaces; each module exposes ``create(ctx) -> QWidget``."""
    from agent_desk.ui.customers import workspace as customers
    from agent_desk.ui.knowledge import workspace as knowledge
    from agent_desk.ui.logistics import workspace as logistics
    from agent_desk.ui.review import workspace as review
    from agent_desk.ui.staffing import workspace as staffing
    from agent_desk.ui.supervision import workspace as supervision

    return {
        Workspace.CUSTOMERS: customers.create,
        Workspace.REVIEW: review.create,
        Workspace.LOGISTICS: logistics.create,
        Workspace.KNOWLEDGE: knowledge.create,
        Workspace.SUPERVISION: supervision.create,
        Workspace.STAFFING: staffing.create,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="agent-desk-gui", description="AgentDesk desktop application")
    parser.add_argument("--url", help="database URL (default: settings, then the embedded SQLite file)")
    parser.add_argument("--hub", help="hub websocket URL")
    parser.add_argument("--user", default="", help="user name to prefill in the login window")
    parser.add_argument(
        "--log-json", action="store_true", help="also log to stderr, one JSON object per line (for monitoring, tests)"
    )
    parser.add_argument("--version", action="version", version=f"AgentDesk {__version__}")
    return parser.parse_args(argv)


def missing_display() -> str | None:
    """Qt aborts with an obscure xcb error without a screen; say what to do instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "AgentDesk needs a desktop session, and none was found (DISPLAY and WAYLAND_DISPLAY are unset). "
        "Run it on a desktop, over `ssh -X`, or on a virtual screen: `xvfb-run -a agent-desk demo`."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    problem = missing_display()
    if problem:
        print(f"agent-desk: {problem}", file=sys.stderr)
        return 2
    log_file = setup_logging(json_to_stderr=args.log_json)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "agent-desk"])
    assert isinstance(app, QApplication)
    app.setApplicationName("AgentDesk")
    app.setOrganizationName("AgentDesk")
    app.setApplicationVersion(__version__)
    install_crash_handler(log_file)
    try:
        settings = load_settings(overrides={"db_url": args.url, "hub_url": args.hub})
        install_translation(app, settings.locale)
        database = open_database(settings.db_url)
    except (ConfigError, DatabaseUnavailable, SchemaOutOfDate, DatabaseUrlError) as exc:
        QMessageBox.critical(None, "AgentDesk", str(exc))
        print(f"agent-desk: {exc}", file=sys.stderr)
        return 2
    log.info("AgentDesk %s starting on %s", __version__, describe(settings.db_url))
    prewarm_in_background(database.url, POP_RELATIONS)  # the first pops of the day as fast as the rest
    desktop = Desktop(settings, database)
    dialog = desktop.login_dialog(args.user)
    dialog.logged_in.connect(desktop.open_main_window)
    dialog.rejected.connect(app.quit)
    dialog.show()
    start_autopilot(dialog, lambda: desktop.desk, lambda: desktop.window.state_control if desktop.window else None, app)
    # The login window is up: load the main window's code while the user types (the keys wait).
    QTimer.singleShot(200, preload_main_window)
    signals = quit_on_signals(app)
    code = app.exec()
    if signals is not None:
        signals.restore()
    desktop.shutdown()
    log.info("AgentDesk stopped", extra={"exit_code": int(code)})
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
