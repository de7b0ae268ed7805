"""The article editor: Markdown on the left, the rendered preview beside it, buttons by role."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agent_desk.services.knowledge.articles import ArticleInput, ArticleView


class ArticleEditor(QWidget):
    """Signals:
    save_requested(object, str): the typed ArticleInput and what to do: "save", "propose" or "publish".
    cancelled(): the author gave up; nothing is saved.
    """

    save_requested = Signal(object, str)
    cancelled = Signal()

    def __init__(self, *, editor_role: bool, image_paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article_id: int | None = None
        self.expected_version: int | None = None
        self.source_call_id: int | None = None

        self.title = QLineEdit()
        self.title.setObjectName("kb_edit_title")
        self.category = QComboBox()
        self.category.setEditable(True)
        category_line = self.category.lineEdit()
        assert category_line is not None  # an editable combo box always has its line edit
        category_line.setPlaceholderText(self.tr("e.g. 退换货/退货 (levels separated by /)"))
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("comma separated, e.g. 退货, 退款"))
        self.lines = QListWidget()
        self.lines.setMaximumHeight(90)
        self.body = QPlainTextEdit()
        self.body.setObjectName("kb_edit_body")
        self.body.setPlaceholderText(self.tr("Markdown: ## heading, **bold**, - list, ![picture](img/file.png)"))
        self.preview = QTextBrowser()
        self.preview.setObjectName("kb_preview")
        self.preview.setSearchPaths([str(p) for p in image_paths])
        self.body.textChanged.connect(self._render)
        self.error = QLabel()
        self.error.setObjectName("kb_edit_error")
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Category"), self.category)
        form.addRow(self.tr("T&ags"), self.tags)
        form.addRow(self.tr("&Business lines"), self.lines)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.body)
        split.addWidget(self.preview)

        buttons = QHBoxLayout()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancelled.emit)
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.cancel_button)
        self.save_button = QPushButton(self.tr("&Save") if editor_role else self.tr("&Save draft"))
        self.save_button.clicked.connect(lambda: self._request("save"))
        buttons.addWidget(self.save_button)
        self.propose_button = QPushButton(self.tr("&Propose"))
        self.propose_button.setToolTip(self.tr("Send the article to a supervisor for review"))
        self.propose_button.clicked.connect(lambda: self._request("propose"))
        self.propose_button.setVisible(not editor_role)
        buttons.addWidget(self.propose_button)
        self.publish_button = QPushButton(self.tr("Save and p&ublish"))
        self.publish_button.clicked.connect(lambda: self._request("publish"))
        self.publish_button.setVisible(editor_role)
        buttons.addWidget(self.publish_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def set_choices(self, categories: list[str], lines: list[tuple[str, str]]) -> None:
        typed = self.category.currentText()
        self.category.clear()
        self.category.addItems(["", *categories])
        self.category.setCurrentText(typed)
        checked = set(self.checked_lines())
        self.lines.clear()
        for code, name in lines:
            item = QListWidgetItem(f"{name} ({code})")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in checked else Qt.CheckState.Unchecked)
            self.lines.addItem(item)

    def checked_lines(self) -> list[str]:
        return [
            str(self.lines.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.lines.count())
            if self.lines.item(i).checkState() == Qt.CheckState.Checked
        ]

    def start_new(self, *, source_call_id: int | None = None, title: str = "", body: str = "") -> None:
        self.article_id, self.expected_version, self.source_call_id = None, None, source_call_id
        self._fill(title, body, "", [], [])

    def start_edit(self, article: ArticleView) -> None:
        self.article_id, self.expected_version = article.id, article.version
        self.source_call_id = article.source_call_id
        self._fill(article.title, article.body, article.category, article.tags, article.business_lines)

    def _fill(self, title: str, body: str, category: str, tags: list[str], lines: list[str]) -> None:
        self.title.setText(title)
        self.body.setPlainText(body)
        self.category.setCurrentText(category)
        self.tags.setText(", ".join(tags))
        for i in range(self.lines.count()):
            item = self.lines.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in lines
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.error.clear()
        self._render()
        self.title.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def _render(self) -> None:
        self.preview.setMarkdown(self.body.toPlainText())

    def _request(self, action: str) -> None:
        tags = [t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()]
        data = ArticleInput(
            title=self.title.text(),
            body=self.body.toPlainText(),
            category=self.category.currentText(),
            tags=tags,
            business_lines=self.checked_lines(),
        )
        self.error.clear()
        self.save_requested.emit(data, action)
