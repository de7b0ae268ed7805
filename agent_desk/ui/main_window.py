"""The main window: one tab per workspace the role may use, status bar with the hub and database links."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QWidget,
)

from agent_desk import __version__
from agent_desk.core.roles import Workspace, workspaces_for
from agent_desk.services.calls.lifecycle import ActiveCall
from agent_desk.ui import labels
from agent_desk.ui.context import DeskContext
from agent_desk.ui.desk.state_control import StateControl
from agent_desk.ui.desk.workspace import DeskWorkspace
from agent_desk.ui.errors import error_text
from agent_desk.ui.messages import show_box

WorkspaceFactory = Callable[[DeskContext], QWidget]

_LINK_COLOURS = {
    "connected": "#2e7d32",
    "connecting": "#f9a825",
    "reconnecting": "#f9a825",
    "refused": "#c62828",
    "stopped": "gray",
}
DB_CHECK_MS = 15_000

# One key per workspace, the same for everyone who has that workspace (an agent's Ctrl+2 is a
# supervisor's Ctrl+2): muscle memory survives a change of role, and a role without the
# workspace simply has no such key.
WORKSPACE_KEYS: Mapping[Workspace, str] = {
    Workspace.DESK: "Ctrl+1",
    Workspace.CUSTOMERS: "Ctrl+2",
    Workspace.REVIEW: "Ctrl+3",
    Workspace.LOGISTICS: "Ctrl+4",
    Workspace.KNOWLEDGE: "Ctrl+5",
    Workspace.SUPERVISION: "Ctrl+6",
    Workspace.STAFFING: "Ctrl+7",
}


class MainWindow(QMainWindow):
    """Signals:
    logout_requested(): the user chose File > Log out and confirmed it.
    """

    logout_requested = Signal()

    def __init__(
        self,
        ctx: DeskContext,
        factories: Mapping[Workspace, WorkspaceFactory],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._title = self.tr("AgentDesk — {0}").format(ctx.user.display_name)
        self._announced: ActiveCall | None = None  # the call the title names until the agent looks
        self.setWindowTitle(self._title)
        self.setWindowIcon(QIcon.fromTheme("call-start"))
        self.resize(1280, 800)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspaces")
        self.workspaces: dict[Workspace, QWidget] = {}
        titles = self._titles()
        for workspace in workspaces_for(ctx.user.role):
            factory = factories.get(workspace)
            if factory is None:
                continue
            widget = factory(ctx)
            self.workspaces[workspace] = widget
            self.tabs.addTab(widget, titles[workspace])
        self.setCentralWidget(self.tabs)
        desk = self.workspaces.get(Workspace.DESK)
        self.desk = desk if isinstance(desk, DeskWorkspace) else None
        self.state_control = StateControl(ctx, self.desk.controller.agent) if self.desk is not None else None
        if self.desk is not None:
            self.desk.controller.call_state_changed.connect(self._on_call_state)
        self._build_menus()

        telephony = f", {ctx.user.telephony_id}" if ctx.user.telephony_id else ""
        who = f"{ctx.user.display_name} ({labels.role(ctx.user.role)}{telephony})"
        self.user_label = QLabel(who)
        self.hub_label = QLabel()
        self.hub_label.setObjectName("hub_link")
        self.db_label = QLabel()
        self.db_label.setObjectName("db_link")
        if self.state_control is not None:
            self.statusBar().addPermanentWidget(self.state_control)
        for label in (self.user_label, self.hub_label, self.db_label):
            self.statusBar().addPermanentWidget(label)
        self.set_hub_state("stopped", "")
        self.set_db_state(True, "")

        ctx.messages.info.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.messages.warning.connect(lambda text: show_box(self, self.tr("AgentDesk"), text, QMessageBox.Icon.Warning))
        ctx.messages.error.connect(lambda text: show_box(self, self.tr("AgentDesk"), text, QMessageBox.Icon.Critical))
        ctx.runner.failed.connect(lambda exc: ctx.messages.error.emit(error_text(exc)))

        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(self.windowIcon(), self)
            self.tray.setToolTip("AgentDesk")
            self.tray.activated.connect(lambda _reason: self.bring_to_front())
            self.tray.show()

        self._db_timer = QTimer(self)
        self._db_timer.timeout.connect(self._check_database)
        self._db_timer.start(DB_CHECK_MS)

    def _titles(self) -> dict[Workspace, str]:
        return {
            Workspace.DESK: self.tr("&Desk"),
            Workspace.CUSTOMERS: self.tr("C&ustomers"),
            Workspace.REVIEW: self.tr("&Review"),
            Workspace.LOGISTICS: self.tr("&Logistics"),
            Workspace.KNOWLEDGE: self.tr("&Knowledge"),
            Workspace.SUPERVISION: self.tr("&Supervision"),
            Workspace.STAFFING: self.tr("S&taffing"),
        }

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        logout_action = QAction(self.tr("Log &out"), self)
        logout_action.triggered.connect(self._log_out)
        file_menu.addAction(logout_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for workspace, widget in self.workspaces.items():
            action = QAction(self.tabs.tabText(self.tabs.indexOf(widget)).replace("&", ""), self)
            action.setShortcut(QKeySequence(WORKSPACE_KEYS[workspace]))
            action.triggered.connect(lambda _checked=False, w=widget: self.tabs.setCurrentWidget(w))
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About AgentDesk"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        show_box(
            self,
            self.tr("About AgentDesk"),
            self.tr("AgentDesk {0}\nDatabase: {1}").format(__version__, self.ctx.database.label),
            QMessageBox.Icon.Information,
        )

    # --- status -----------------------------------------------------------------------------------

    def set_hub_state(self, state: str, detail: str) -> None:
        colour = _LINK_COLOURS.get(state, "gray")
        self.hub_label.setText(f'<span style="color:{colour}">●</span> {labels.link_state(state)}')
        self.hub_label.setToolTip(detail)
        if self.desk is not None:
            self.desk.set_hub_link(state)

    def set_db_state(self, ok: bool, detail: str) -> None:
        kind = "SQLite" if self.ctx.database.dialect == "sqlite" else "PostgreSQL"
        if ok:
            self.db_label.setText(f'<span style="color:#2e7d32">●</span> {kind}')
            self.db_label.setToolTip(self.ctx.database.label)
        else:
            self.db_label.setText('<span style="color:#c62828">●</span> ' + self.tr("{0} unreachable").format(kind))
            self.db_label.setToolTip(detail)

    def _check_database(self) -> None:
        def failed(exc: BaseException) -> None:
            self.set_db_state(False, str(exc))
            self.statusBar().showMessage(self.tr("The database cannot be reached; retrying. Your typing is kept."))

        self.ctx.ping(lambda _r: self.set_db_state(True, ""), failed)

    def bring_to_front(self) -> None:
        """The agent asked for the window (the tray icon): shown, raised and given the keyboard."""
        self.setWindowState((self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()

    def announce_call(self, call: ActiveCall) -> None:
        """A new pop is on screen: say who calls (title, taskbar, tray) and show the window, but never
        take the keyboard from another window of the desk the agent is typing in (an order, a
        dialog): keys meant for it would land in the pop. The agent switches when they are ready."""
        active = QApplication.activeWindow()
        if active is self and not self.isMinimized():
            return  # the pop is before the agent's eyes already
        who = self.desk.caller_text(call) if self.desk is not None else call.ani
        self._announced = call
        self.setWindowTitle(self.tr("☎ Call from {0} — {1}").format(who, self._title))
        QApplication.alert(self)  # the taskbar entry flashes until the window is looked at
        if self.tray is not None:
            self.tray.showMessage(
                self.tr("Incoming call"), self.tr("{0} is calling").format(who), QSystemTrayIcon.MessageIcon.Information
            )
        if active is None or active is self:  # no other window of the desk has the keyboard: the pop comes forward
            self.bring_to_front()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self._end_announcement()  # the agent is looking at the pop now
        super().changeEvent(event)

    def _on_call_state(self, call: ActiveCall) -> None:
        if call is self._announced and (call.answered or call.ended):
            self._end_announcement()  # answered (the agent knows) or gone: the title stops calling

    def _end_announcement(self) -> None:
        if self._announced is not None:
            self._announced = None
            self.setWindowTitle(self._title)

    def unfinished_wrap_ups_confirmed(self, leaving: str) -> bool:
        """True when no wrap-up is left unsaved, or the user says to go on all the same (``leaving``:
        what they are doing, e.g. "Quit"); Cancel is the default."""
        count = len(self.desk.controller.unfinished()) if self.desk is not None else 0
        if not count:
            return True
        answer = QMessageBox.warning(
            self,
            self.tr("Unsaved wrap-ups"),
            self.tr("%n call(s) still wait for their wrap-up. {0} anyway?", "", count).format(leaving),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _log_out(self) -> None:
        control = self.state_control
        if control is not None and control.keeper.state.status.on_call:
            self.statusBar().showMessage(self.tr("Finish the call first: you cannot log out while on a call."), 8000)
            return
        if self.unfinished_wrap_ups_confirmed(self.tr("Log out")):
            self.logout_requested.emit()

    def quit(self) -> None:
        """File > Quit: asks first when wrap-ups are unsaved."""
        if self.unfinished_wrap_ups_confirmed(self.tr("Quit")):
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button asks like File > Quit; the desktop closing it (a signal, a
        # logout already confirmed) does not.
        if event.spontaneous() and not self.unfinished_wrap_ups_confirmed(self.tr("Quit")):
            event.ignore()
            return
        if self.state_control is not None:
            self.state_control.keeper.log_out(leaving=True)  # the hub hears "offline" before the link goes
        self._db_timer.stop()
        # Workspaces with threads of their own (change watchers, search and print workers) stop them here.
        for widget in self.workspaces.values():
            shutdown = getattr(widget, "shutdown", None)
            if callable(shutdown):
                shutdown()
        super().closeEvent(event)
