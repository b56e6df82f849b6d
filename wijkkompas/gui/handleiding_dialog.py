"""Help › Handleiding: the short Dutch manual, rendered from ``resources/handleiding/handleiding.md``.

Why Markdown in resources and not HTML in code: the text is content that people who
know the domain can edit without touching Python, and the same file reads well on
GitHub. QTextBrowser renders it (tables included); links to the web are not followed
because Wijkkompas never goes online.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from wijkkompas import resources

MISSING = (
    "# Handleiding niet gevonden\n\nHet bestand met de handleiding ontbreekt in deze installatie. "
    "Installeer Wijkkompas opnieuw."
)


def handleiding_markdown() -> str:
    try:
        return resources.path("handleiding", "handleiding.md").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return MISSING


class HandleidingDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handleidingDialog")
        self.setWindowTitle("Handleiding")
        self.resize(820, 700)
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setObjectName("zoeken")
        self.search.setPlaceholderText("Zoeken in de handleiding (Enter: volgende)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.find_next)
        layout.addWidget(self.search)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("handleidingText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDefaultStyleSheet(
            "h1 { color: #1F4E79; } h2 { color: #1F4E79; } h3 { color: #22313f; } "
            "td, th { padding: 3px 8px; } th { background: #e8eef5; }"
        )
        self.browser.setMarkdown(handleiding_markdown())
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def find_next(self) -> bool:
        """Find the search text after the cursor, wrapping around once at the end."""
        text = self.search.text().strip()
        if not text:
            return False
        if self.browser.find(text):
            return True
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(text, QTextDocument.FindFlag(0))


def show_handleiding(parent: QWidget) -> HandleidingDialog:
    dialog = HandleidingDialog(parent)
    dialog.open()
    return dialog
