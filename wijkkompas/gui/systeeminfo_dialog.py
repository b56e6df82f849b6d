"""Help › Systeeminformatie: versions, bundled data, folders and write rights, with a Kopieer button.

The facts come from ``core.systeeminfo``; this dialog adds what only Qt knows (Qt
version, the platform plugin in use, the translations) and shows it. "Kopieer"
puts the same plain text on the clipboard that ``wijkkompas systeeminfo`` prints,
so an adviser can paste it into an e-mail to the IT department.
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core import appdata

if TYPE_CHECKING:  # the facts module loads importlib.metadata: only when the dialog opens
    from wijkkompas.core.systeeminfo import Sectie


def qt_facts() -> dict[str, str]:
    """What the running Qt says about itself; the 'platform plugin' is what IT needs when no window appears."""
    from wijkkompas.commands.systeeminfo_cmd import qt_core_facts  # shared with the CLI; loaded on first open
    from wijkkompas.gui import app as gui_app

    application = QGuiApplication.instance()
    screen = QGuiApplication.primaryScreen()
    facts = qt_core_facts()
    facts["Platform-plugin"] = QGuiApplication.platformName() if application else "onbekend"
    facts["Qt-vertalingen in gebruik"] = (
        "Nederlands" if gui_app._translators else "geen (knoppen van Qt in het Engels)"
    )
    if screen is not None:
        size = screen.size()
        facts["Scherm"] = (
            f"{size.width()}×{size.height()} beeldpunten, schaal {screen.devicePixelRatio():g}, "
            f"{screen.logicalDotsPerInch():.0f} dpi"
        )
    return facts


def sections_html(sections: list[Sectie]) -> str:
    """One two-column table (so the values line up across sections), section titles as header rows."""
    parts = ["<table cellspacing='0' cellpadding='3'>"]
    for section in sections:
        parts.append(
            f"<tr><td colspan='2' style='padding-top:12px; color:#1F4E79; font-size:12pt; font-weight:600'>"
            f"{escape(section.titel)}</td></tr>"
        )
        for regel in section.regels:
            value = "<br>".join(escape(line) for line in regel.waarde.split("\n"))
            style = " style='color:#b00020'" if regel.probleem else ""
            mark = " <b>(probleem)</b>" if regel.probleem else ""
            parts.append(
                f"<tr><td style='padding-right:14px' valign='top'><b>{escape(regel.label)}</b></td>"
                f"<td{style}>{value}{mark}</td></tr>"
            )
    parts.append("</table>")
    return "".join(parts)


def open_folder(path: Path) -> bool:
    """Open a folder in Explorer/Finder/the file manager. Separate so tests need not start one."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_log_folder(parent: QWidget | None = None) -> bool:
    """Help › Logmap openen (and the button here): one click to the log file for a support e-mail."""
    folder = appdata.log_dir()
    if open_folder(folder):
        return True
    QMessageBox.information(
        parent, "Logmap openen",
        f"De map kon niet automatisch worden geopend. U vindt de logbestanden hier:\n\n{folder}",
    )
    return False


class SysteeminfoDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("systeeminfoDialog")
        self.setWindowTitle("Systeeminformatie")
        self.resize(860, 640)
        from wijkkompas.core.systeeminfo import collect

        self.sections = collect(qt=qt_facts())
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Deze gegevens helpen uw ICT-afdeling als Wijkkompas niet goed werkt. "
            "Er staan geen cliëntgegevens in. Met <b>Kopieer</b> zet u alles op het klembord."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("systeeminfoText")
        self.browser.setOpenLinks(False)
        self.browser.setHtml(sections_html(self.sections))
        layout.addWidget(self.browser, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("Kopieer")
        self.copy_button.setObjectName("kopieer")
        self.copy_button.setToolTip("Zet de systeeminformatie als tekst op het klembord")
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.log_button = QPushButton("Logmap openen")
        self.log_button.setObjectName("logmap")
        self.log_button.clicked.connect(lambda: open_log_folder(self))
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._reset_timer = QTimer(self)
        self._reset_timer.setSingleShot(True)
        self._reset_timer.timeout.connect(lambda: self.copy_button.setText("Kopieer"))

    def text(self) -> str:
        from wijkkompas.core.systeeminfo import as_text

        return as_text(self.sections)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText("Gekopieerd ✓")
        self._reset_timer.start(2500)


def show_systeeminfo(parent: QWidget) -> SysteeminfoDialog:
    dialog = SysteeminfoDialog(parent)
    dialog.open()
    return dialog
