"""Help > Over Wijkkompas: version and the bundled data sources with their years."""
from __future__ import annotations

from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from wijkkompas.core.about import about_info
from wijkkompas.gui.widgets import make_label, scroll_area


def about_html() -> str:
    info = about_info()
    items = "".join(
        f"<li><b>{escape(str(b['tabel']))}</b> — {escape(str(b['bron']))}<br>"
        f"<span style='color:#5f6b7a'>Uitgever: {escape(str(b['uitgever']))} · peiljaar: {escape(str(b['peiljaar']))}"
        f"{' · licentie: ' + escape(str(b['licentie'])) if b.get('licentie') else ''}</span>"
        + "".join(f"<br><span style='color:#5f6b7a; font-size:8.5pt'>bronbestand {escape(f['naam'])}: sha256 "
                  f"<code>{escape(f['sha256'])}</code></span>" for f in b.get("bronbestanden", []))
        + "</li>"
        for b in info["bronnen"]
    )
    sources = (
        f"<p><b>Meegeleverde referentiegegevens</b></p><ul>{items}</ul>"
        if items
        else "<p>Er zijn (nog) geen referentiegegevens meegeleverd.</p>"
    )
    return (
        f"<h3>Wijkkompas {escape(info['versie'])}</h3>"
        "<p>Offline beslisondersteuning voor de Wmo 2015: toegang, inkoop, taakzwaarte, benchmark en scenario's.</p>"
        f"{sources}"
        "<p>Wijkkompas maakt geen netwerkverbinding. Ingelezen bestanden worden alleen gelezen, "
        "nooit gewijzigd; BSN's worden bij het inlezen vervangen door pseudoniemen.</p>"
        f"<p style='color:#5f6b7a'>Python {escape(info['python'])} · Qt for Python {escape(pyside_version)}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("Over Wijkkompas")
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.text_label = make_label(about_html(), rich=True, selectable=True)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setContentsMargins(4, 4, 12, 4)
        layout.addWidget(scroll_area(self.text_label), 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.text_label.text()


def show_about(parent: QWidget) -> AboutDialog:
    dialog = AboutDialog(parent)
    dialog.open()
    return dialog
