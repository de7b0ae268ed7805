"""The zh_CN translation: complete, faithful to its placeholders, compiled, and actually shown."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from agent_desk.app import Desktop
from agent_desk.core.roles import Workspace
from agent_desk.desktop.translation import TRANSLATIONS, install_translation
from agent_desk.ui import labels
from tests.ui.conftest import login_window

TS = TRANSLATIONS / "agent_desk_zh_CN.ts"
QM = TRANSLATIONS / "agent_desk_zh_CN.qm"
_PLACEHOLDER = re.compile(r"\{\d+\}|%n")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    comment: str | None
    numerus: bool
    kind: str | None  # the translation's type: None when finished
    translations: tuple[str, ...]  # one per plural form; one for ordinary messages


def _entries(path: Path) -> list[Entry]:
    entries = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.findall("numerusform")]
            entries.append(
                Entry(
                    context=name,
                    source=message.findtext("source", ""),
                    comment=message.findtext("comment"),
                    numerus=message.get("numerus") == "yes",
                    kind=translation.get("type"),
                    translations=tuple(forms) if forms else (translation.text or "",),
                )
            )
    return entries


ENTRIES = _entries(TS)


def _id(entry: Entry) -> str:
    return f"{entry.context}:{entry.source[:40]}"


@pytest.fixture
def zh_cn(qapp: QApplication) -> Iterator[list[QTranslator]]:
    """The app's own loading path (locale → agent_desk_zh_CN.qm and Qt's qtbase_zh_CN.qm), undone afterwards."""
    previous = QLocale()
    translators = install_translation(qapp, "zh_CN")
    assert len(translators) == 2, f"{QM.name} or Qt's own is missing: see resources/translations/README.md"
    yield translators
    for translator in translators:
        QApplication.removeTranslator(translator)
        translator.setParent(None)
    QLocale.setDefault(previous)


def test_the_translation_file_has_entries_from_every_workspace() -> None:
    contexts = {e.context for e in ENTRIES}
    assert {"LoginDialog", "MainWindow", "PopView", "ReviewWorkspace", "LogisticsWorkspace", "Labels"} <= contexts
    assert len(ENTRIES) > 300


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_every_entry_is_translated_and_keeps_its_placeholders(entry: Entry) -> None:
    assert entry.kind is None, f"translation is {entry.kind}"
    for text in entry.translations:
        assert text.strip(), "empty translation"
        assert Counter(_PLACEHOLDER.findall(text)) == Counter(_PLACEHOLDER.findall(entry.source))
        # Same tags, so rich text renders the same way (a lost </b> makes the rest bold).
        assert Counter(_TAG.findall(text)) == Counter(_TAG.findall(entry.source))
        # The same Alt key in both languages, Qt style: "新建订单(&O)".
        assert [m.lower() for m in _MNEMONIC.findall(text)] == [m.lower() for m in _MNEMONIC.findall(entry.source)]


def test_the_compiled_file_holds_every_translation(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    stale = []
    for entry in ENTRIES:
        got = translator.translate(entry.context, entry.source, entry.comment, 1 if entry.numerus else -1)
        if got != entry.translations[0]:
            stale.append((entry.context, entry.source, got))
    assert not stale, f"{len(stale)} entries differ from the .ts: run lrelease (README.md); first: {stale[:3]}"


def test_login_dialog_in_chinese(zh_cn: list[QTranslator], desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = desktop.login_dialog("agent1")
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "登录"
    assert "登录" in dialog.windowTitle()
    assert dialog.remember_me.text() == "在此电脑上记住我"
    dialog.password.setText("wrong")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=5000)
    assert dialog.error.text() == "用户名不存在或密码错误。"


def test_agents_main_window_in_chinese(zh_cn: list[QTranslator], desktop: Desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = login_window(desktop, qtbot, "agent1")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[:2] == ["坐席台(&D)", "客户(&U)"]
    assert "知识库(&K)" in titles or Workspace.KNOWLEDGE not in window.workspaces
    assert "(坐席" in window.user_label.text()
    assert "话务平台：未连接" in window.hub_label.text()
    desk = window.workspaces[Workspace.DESK]
    assert desk.view.header.text() == "等待来电…"  # type: ignore[attr-defined]
    assert desk.view.tabs.tabText(0) == "客户(&C)"  # type: ignore[attr-defined]
    assert desk.wrap_up.status.text() == "无通话"  # type: ignore[attr-defined]


def test_codes_from_the_core_read_as_chinese(zh_cn: list[QTranslator]) -> None:
    assert labels.order_state("pending_review") == "待审核"
    assert labels.order_state("label_printed") == "已打印面单"
    assert labels.payment_method("cod") == "货到付款"
    assert labels.role("auditor") == "审核员"
    assert labels.end_reason("no_answer") == "无人接听"
    assert labels.history_line("赵审核", "auditor", "approve", "pending_review", "pending_logistics", "") == (
        "赵审核（审核员）审核通过：待审核 → 待物流审核"
    )


def test_codes_keep_their_english_words_without_a_translator() -> None:
    assert labels.order_state("pending_review") == "pending review"
    assert labels.order_state("some_new_state") == "some_new_state"
    assert labels.link_state("connected") == "Hub: connected"
    assert labels.end_reason("completed") == "completed"


def test_qts_own_dialog_buttons_read_as_chinese(zh_cn: list[QTranslator], qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question, "AgentDesk", "?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    box.show()
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"


def test_past_calls_show_the_disposition_in_chinese(zh_cn: list[QTranslator]) -> None:
    from agent_desk.services.customers.records import CallSummary

    call = CallSummary(1, None, None, "completed", "Sale", "", "李", "成交")
    assert labels.call_result(call) == "成交"
    assert labels.call_result(CallSummary(2, None, None, "no_answer", "", "", "", "")) == "无人接听"


def test_every_string_in_the_code_is_in_the_translation(tmp_path: Path) -> None:
    """lupdate over today's code adds nothing: no string was added to the code and left untranslated."""
    import shutil
    import subprocess
    import sys

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed beside this Python")
    root = TS.parents[2]
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    sources = sorted(
        str(p.relative_to(root)) for folder in ("ui", "desktop") for p in (root / "agent_desk" / folder).rglob("*.py")
    )
    subprocess.run(
        [str(lupdate), "-no-obsolete", "-source-language", "en", "-target-language", "zh_CN",
         *sources, "agent_desk/app.py", "-ts", str(copy)],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip
    new = [(e.context, e.source) for e in _entries(copy) if e.kind == "unfinished"]
    assert not new, f"not in the translation yet (resources/translations/README.md): {new[:5]}"


def test_no_text_reaches_tr_through_a_variable() -> None:
    """lupdate reads literals only: tr(variable) or a helper such as _tr(text) stays English for ever."""
    root = TS.parents[2]
    through_variable = re.compile(r"(?:\btr|\btranslate)\(\s*(?:\"[^\"]*\",\s*)?[A-Za-z_][\w.]*\s*[,)]")
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted((root / "agent_desk").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if through_variable.search(line) and "def " not in line
    ]
    assert not found, "\n".join(found)
