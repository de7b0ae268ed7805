"""The desktop application: settings, database, login, then the main window with its workspaces."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from agent_desk import __version__
from agent_desk.config import ConfigError, Settings, load_settings, log_dir
from agent_desk.core.roles import Workspace
from agent_desk.paths import RESOURCES
from agent_desk.secrets import SecretStoreUnavailable, delete_secret, get_secret, set_secret
from agent_desk.services.access.auth import CurrentUser, authenticate
from agent_desk.services.calls.screen_pop import POP_RELATIONS
from agent_desk.store.database import Database, DatabaseUnavailable, SchemaOutOfDate, open_database
from agent_desk.store.db import DatabaseUrlError, describe
from agent_desk.store.prewarm import prewarm_in_background
from agent_desk.ui.context import DeskContext
from agent_desk.ui.login import LoginDialog
from agent_desk.ui.messages import MessageBridge, install_crash_handler
from agent_desk.ui.tasks import TaskRunner

log = logging.getLogger("agent_desk")
if TYPE_CHECKING:
    from agent_desk.ui.main_window import MainWindow

TRANSLATIONS = RESOURCES / "translations"


def setup_logging() -> Path:
    directory = log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "agent-desk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_translation(app: QApplication, locale_name: str) -> list[QTranslator]:
    """AgentDesk's own texts, and Qt's (the buttons of message boxes, file and print dialogs).

    Returns the translators installed, none when the locale has no translation.
    """
    locale = QLocale(locale_name) if locale_name else QLocale.system()
    QLocale.setDefault(locale)
    installed = []
    for name, folder in (
        ("agent_desk", str(TRANSLATIONS)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remembered_password(username: str) -> str | None:
    return get_secret(f"login:{username}") if username else None


def remember_password(username: str, password: str | None) -> bool:
    try:
        if password is None:
            delete_secret(f"login:{username}")
        else:
            set_secret(f"login:{username}", password)
        return True
    except SecretStoreUnavailable:
        return False


def keyring_available() -> bool:
    import keyring
    from keyring.backends import fail

    return not isinstance(keyring.get_keyring(), fail.Keyring)


class Desktop:
    """Owns what lives as long as a login: the worker, the hub link, the window."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.runner = TaskRunner()
        self.window: MainWindow | None = None
        self.hub = None
        self.controller = None
        self.orders = None

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
        from agent_desk.ui.main_window import MainWindow
        from agent_desk.ui.orders.returned import install as install_orders

        # One message bridge per window: its connections die with the window (a re-login gets a new one).
        messages = MessageBridge()
        ctx = DeskContext(user, self.database, self.runner, self.settings, messages)
        self.controller = controller = PopController(ctx)
        factories: dict[Workspace, object] = {Workspace.DESK: lambda c: DeskWorkspace(c, controller)}
        factories.update(_optional_workspaces())
        self.window = window = MainWindow(ctx, factories)  # type: ignore[arg-type]
        messages.setParent(window)
        self.orders = install_orders(window, ctx)
        desk = window.workspaces.get(Workspace.DESK)
        if desk is not None:
            desk.popped.connect(lambda _call: window.bring_to_front())  # type: ignore[attr-defined]
            kb = window.workspaces.get(Workspace.KNOWLEDGE)
            if kb is not None:
                desk.view.articles.itemActivated.connect(  # type: ignore[attr-defined]
                    lambda item: (
                        kb.open_article(int(item.data(Qt.ItemDataRole.UserRole))),  # type: ignore[attr-defined]
                        window.tabs.setCurrentWidget(kb),
                    )
                )
                desk.article_proposed.connect(  # type: ignore[attr-defined]
                    lambda call_id, notes: (
                        kb.propose_from_call(call_id, "", notes),  # type: ignore[attr-defined]
                        window.tabs.setCurrentWidget(kb),
                    )
                )
        if connect_hub and desk is not None and self.settings.hub_url:
            self._connect_hub(ctx, window, desk)
        window.show()
        return window

    def _connect_hub(self, ctx: DeskContext, window: MainWindow, desk: QWidget) -> None:
        from agent_desk.services.access.hub_tokens import issue_desk_token
        from agent_desk.ui.hub_bridge import HubBridge

        agent = self.settings.agent_id or ctx.user.telephony_id or ""
        if not agent:
            window.set_hub_state("stopped", self.tr_no_agent())
            return
        self.hub = hub = HubBridge(window)
        hub.link_state_changed.connect(window.set_hub_state)
        assert self.controller is not None
        hub.call_event.connect(self.controller.on_frame)
        hub.snapshot.connect(self.controller.on_snapshot)
        hub.command_failed.connect(lambda op, why: ctx.messages.info.emit(f"{op}: {why}"))
        self.controller.send_command = hub.send_command
        desk.ring_me_requested.connect(  # type: ignore[attr-defined]
            lambda: hub.send_command({"op": "simulate", "action": "ring", "agent": agent})
        )
        user_id = ctx.user.id
        url = self.settings.hub_url
        self.runner.run(
            lambda: issue_desk_token(self.database.factory, user_id),
            lambda token: hub.connect_to_hub(url, token, agent),
            lambda exc: window.set_hub_state("refused", str(exc)),
        )

    @staticmethod
    def tr_no_agent() -> str:
        return "this user has no telephony id (e.g. SIP/8001): set agent_id in the configuration"

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.hub is not None:
            self.hub.disconnect_from_hub()
        self.runner.shutdown()
        self.database.dispose()


def preload_main_window() -> None:
    """Import what the main window needs; kept out of the way to the login window (~0.4 s)."""
    import agent_desk.ui.desk.workspace
    import agent_desk.ui.main_window
    import agent_desk.ui.orders.returned  # noqa: F401

    _optional_workspaces()


def _optional_workspaces() -> dict[Workspace, object]:
    """The other workspaces; each module exposes ``create(ctx) -> QWidget``."""
    from agent_desk.ui.customers import workspace as customers
    from agent_desk.ui.knowledge import workspace as knowledge
    from agent_desk.ui.logistics import workspace as logistics
    from agent_desk.ui.review import workspace as review

    return {
        Workspace.CUSTOMERS: customers.create,
        Workspace.REVIEW: review.create,
        Workspace.LOGISTICS: logistics.create,
        Workspace.KNOWLEDGE: knowledge.create,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="agent-desk-gui", description="AgentDesk desktop application")
    parser.add_argument("--url", help="database URL (default: settings, then the embedded SQLite file)")
    parser.add_argument("--hub", help="hub websocket URL")
    parser.add_argument("--user", default="", help="user name to prefill in the login window")
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
    log_file = setup_logging()
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
    # The login window is up: load the main window's code while the user types (the keys wait).
    QTimer.singleShot(200, preload_main_window)
    code = app.exec()
    desktop.shutdown()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
