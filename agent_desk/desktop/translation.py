"""The desktop's languages: AgentDesk's own texts and Qt's, from resources/translations."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from agent_desk.paths import RESOURCES

TRANSLATIONS = RESOURCES / "translations"


def install_translation(app: QApplication, locale_name: str) -> list[QTranslator]:
    """AgentDesk's own texts, and Qt's (the buttons of message boxes, file and print dialogs).

    An empty ``locale_name`` follows the system. Returns the translators installed, none when the
    locale has no translation.
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
