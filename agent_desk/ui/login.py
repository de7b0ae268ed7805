"""Log in with user name and password; "remember me" keeps the password in the OS keyring only."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.access.auth import AuthError, CurrentUser
from agent_desk.ui.tasks import TaskRunner

Authenticate = Callable[[str, str], CurrentUser]


class LoginDialog(QDialog):
    """Signals:
    logged_in(CurrentUser): the password was right.
    """

    logged_in = Signal(object)

    def __init__(
        self,
        authenticate: Authenticate,
        runner: TaskRunner,
        *,
        last_username: str = "",
        remembered: Callable[[str], str | None] = lambda _u: None,
        remember: Callable[[str, str | None], bool] = lambda _u, _p: False,
        keyring_available: bool = True,
        database_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._authenticate = authenticate
        self._runner = runner
        self._remembered = remembered
        self._remember = remember
        self.setWindowTitle(self.tr("AgentDesk — log in"))
        self.setMinimumWidth(380)

        self.username = QLineEdit(last_username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_me = QCheckBox(self.tr("Remember me on this computer"))
        # Why "remember me" is greyed out, and how to get it: in a tooltip and, since a tooltip is
        # easily missed on a disabled box, in a small line below it.
        self.keyring_hint = QLabel()
        self.keyring_hint.setObjectName("keyring_hint")
        self.keyring_hint.setWordWrap(True)
        self.keyring_hint.setStyleSheet("color: gray;")
        self.keyring_hint.hide()
        if not keyring_available:
            self.remember_me.setEnabled(False)
            why = self._no_keyring_text()
            self.remember_me.setToolTip(why)
            self.keyring_hint.setText(why)
            self.keyring_hint.show()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember_me)
        form.addRow("", self.keyring_hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<h2>AgentDesk</h2>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if database_label:
            db = QLabel(self.tr("Database: {0}").format(database_label))
            db.setStyleSheet("color: gray;")
            layout.addWidget(db)
        layout.addWidget(self.buttons)

        self.username.editingFinished.connect(self._fill_remembered)
        if last_username:
            self._fill_remembered()
            self.password.setFocus()

    def _no_keyring_text(self) -> str:
        if sys.platform.startswith("linux"):
            how = self.tr(
                "To get one, install and start a Secret Service such as GNOME Keyring (gnome-keyring) or "
                "KWallet, then open AgentDesk again."
            )
        else:
            how = self.tr(
                "Windows and macOS have one built in (Credential Manager, Keychain): ask your administrator "
                "why it cannot be reached."
            )
        return self.tr(
            "AgentDesk cannot remember your password: this computer has no keyring, and passwords are never "
            "kept in files. {0}"
        ).format(how)

    def _fill_remembered(self) -> None:
        saved = self._remembered(self.username.text().strip())
        if saved:
            self.password.setText(saved)
            self.remember_me.setChecked(True)

    def _submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._show_error(self.tr("Enter your user name and password."))
            return
        self._set_busy(True)
        self._runner.run(
            lambda: self._authenticate(username, password),
            on_success=lambda user: self._on_success(user, password),
            on_failure=self._on_failure,
        )

    def _on_success(self, user: CurrentUser, password: str) -> None:
        self._set_busy(False)
        self._remember(user.username, password if self.remember_me.isChecked() else None)
        self.logged_in.emit(user)
        self.accept()

    def _on_failure(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, AuthError):
            self._show_error(self.tr("Unknown user name or wrong password."))
            self.password.selectAll()
            self.password.setFocus()
        else:
            self._show_error(self.tr("Cannot log in: {0}").format(error))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        self.username.setEnabled(not busy)
        self.password.setEnabled(not busy)
        if busy:
            self.error.hide()
