"""The page shown for a panel that is planned but not built yet (or failed to load).

Why not an empty widget: the user must see what the part will do and that it is
not a fault of theirs.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wijkkompas.gui.panels import PanelSpec


class UnavailablePanel(QWidget):
    def __init__(self, spec: PanelSpec, parent: QWidget | None = None, error: BaseException | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"panel_{spec.slug}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 36, 40, 36)
        title = QLabel(spec.title)
        title.setProperty("role", "title")
        if error is None:
            status = "Dit onderdeel is nog niet beschikbaar in deze versie van Wijkkompas."
        else:
            # The technical cause goes to the log only (main window logs it); users read Dutch.
            status = ("Dit onderdeel kon niet worden geladen. De oorzaak staat in het logbestand (Help › Logmap "
                      "openen); meld dit aan de leverancier.")
        self.status_label = QLabel(status)
        self.status_label.setObjectName("unavailableStatus")
        self.status_label.setProperty("role", "section")
        self.status_label.setWordWrap(True)
        description = QLabel("Wat het gaat doen: " + spec.beschrijving)
        description.setWordWrap(True)
        description.setProperty("role", "muted")
        for widget in (title, self.status_label, description):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
