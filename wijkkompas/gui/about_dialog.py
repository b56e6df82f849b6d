"""Help > Over Wijkkompas: version and the bundled data sources with their years."""
from __future__ import annotations

from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from wijkkompas.core.about import about_info


def about_html() -> str:
    info = about_info()
    rows = "".join(
        f"<tr><td>{escape(str(b['tabel']))}</td><td>{escape(str(b['bron']))}</td>"
        f"<td>{escape(str(b['uitgever']))}</td><td>{escape(str(b['peiljaar']))}</td></tr>"
        for b in info["bronnen"]
    )
    sources = (
        "<p><b>Meegeleverde referentiegegevens</b></p>"
        "<table cellspacing='6'><tr><th align='left'>Tabel</th><th align='left'>Bron</th>"
        f"<th align='left'>Uitgever</th><th align='left'>Peiljaar</th></tr>{rows}</table>"
        if rows
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


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutDialog")
    box.setWindowTitle("Over Wijkkompas")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html())
    box.open()
    return box
