"""Dialog to correct which header in the user's file is which Wijkkompas column.

Why a dialog and saved mappings: detection recognises common headers, but a
gemeente's own export may call the productcategorie "Code 2". The user fixes
that once, saves it under the source system's name ("Zorgned", "Suite4"),
and loads it for the next export. Headers recognised as personal data
(names, addresses, …) are not offered: they are never imported.
Storage is ``core.imports.mapping`` in ``appdata.mapping_dir()``.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.imports.labels import column_label
from wijkkompas.core.imports.mapping import Mapping, list_mappings, save_mapping
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORT_LABELS, SOORTEN, Detection

NOT_IMPORTED = "(niet inlezen)"



class ImportMappingDialog(QDialog):
    """Per canonical column a combo of the file's headers; kind and source system on top."""

    def __init__(self, detection: Detection, mapping_folder: Path, parent: QWidget | None = None,
                 bronsysteem: str = "", redetect: Callable[[str], Detection] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Kolommen koppelen – {detection.bestand}")
        self.setObjectName("importMappingDialog")
        self.resize(620, 680)
        self.detection = detection
        self.redetect = redetect
        self.folder = Path(mapping_folder)
        self._headers = [h for h in detection.headers if h and h not in set(detection.persoonsgegevens)]
        self.combos: dict[str, QComboBox] = {}

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Kies per kolom van Wijkkompas welke kolom uit uw bestand erbij hoort. Verplichte kolommen zijn "
            "gemarkeerd met *. Kolommen met namen, adressen of contactgegevens worden nooit ingelezen en staan "
            "daarom niet in de lijsten."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        top = QFormLayout()
        self.soort_combo = QComboBox()
        self.soort_combo.setObjectName("mappingSoort")
        for soort in SOORTEN:
            self.soort_combo.addItem(SOORT_LABELS[soort], soort)
        if detection.soort:
            self.soort_combo.setCurrentIndex(SOORTEN.index(detection.soort))
        top.addRow("Soort bestand:", self.soort_combo)
        self.bron_edit = QLineEdit(bronsysteem)
        self.bron_edit.setObjectName("mappingBronsysteem")
        self.bron_edit.setPlaceholderText("bijvoorbeeld Zorgned, Suite4Sociaal Domein, eigen Excel")
        top.addRow("Bronsysteem:", self.bron_edit)
        saved_row = QHBoxLayout()
        self.saved_combo = QComboBox()
        self.saved_combo.setObjectName("mappingOpgeslagen")
        self.load_button = QPushButton("Toepassen")
        self.load_button.setObjectName("mappingLaden")
        saved_row.addWidget(self.saved_combo, 1)
        saved_row.addWidget(self.load_button)
        top.addRow("Opgeslagen koppeling:", saved_row)
        layout.addLayout(top)

        self.form_host = QWidget()
        self.form = QFormLayout(self.form_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_host)
        layout.addWidget(scroll, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Koppeling gebruiken")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.save_button = buttons.addButton("Opslaan voor dit bronsysteem", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("mappingOpslaan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.soort_combo.currentIndexChanged.connect(self._rebuild)
        self.load_button.clicked.connect(self.apply_selected_saved)
        self.save_button.clicked.connect(self.save)
        self._rebuild()

    # ------------------------------------------------------------------ state
    def soort(self) -> str:
        return str(self.soort_combo.currentData())

    def _suggested(self, soort: str) -> dict[str, str]:
        """What detection finds for ``soort`` (so choosing the kind pre-fills the recognisable columns)."""
        if soort == self.detection.soort:
            return dict(self.detection.kolommen)
        if self.redetect is not None:
            try:
                return dict(self.redetect(soort).kolommen)
            except WijkkompasError:
                return {}
        return {}

    def _rebuild(self) -> None:
        current = self._suggested(self.soort())
        while self.form.rowCount():
            self.form.removeRow(0)
        self.combos = {}
        required = set(REQUIRED_COLUMNS[self.soort()])
        for canonical in CANONICAL_COLUMNS[self.soort()]:
            combo = QComboBox()
            combo.setObjectName(f"mapping_{canonical}")
            combo.addItem(NOT_IMPORTED, None)
            for header in self._headers:
                combo.addItem(header, header)
            self._select(combo, current.get(canonical))
            label = column_label(canonical) + (" *" if canonical in required else "")
            self.form.addRow(label + ":", combo)
            self.combos[canonical] = combo
        self._refresh_saved()

    @staticmethod
    def _select(combo: QComboBox, header: str | None) -> None:
        index = combo.findData(header) if header else 0
        combo.setCurrentIndex(max(index, 0))

    def kolommen(self) -> dict[str, str | None]:
        return {canonical: combo.currentData() for canonical, combo in self.combos.items()}

    def mapping(self) -> Mapping:
        """The mapping as chosen; unmapped columns are explicitly ``None`` (not imported)."""
        return Mapping(bronsysteem=self.bron_edit.text().strip(), soort=self.soort(), kolommen=self.kolommen())

    # ------------------------------------------------------------- saved ones
    def _refresh_saved(self) -> None:
        self.saved_combo.clear()
        for mapping in list_mappings(self.folder):
            if mapping.soort in (self.soort(), None):
                self.saved_combo.addItem(f"{mapping.bronsysteem or 'naamloos'} ({mapping.soort or 'alle soorten'})",
                                         mapping)
        self.load_button.setEnabled(self.saved_combo.count() > 0)

    def apply_selected_saved(self) -> None:
        mapping: Mapping | None = self.saved_combo.currentData()
        if mapping is None:
            return
        self.apply(mapping)

    def apply(self, mapping: Mapping) -> None:
        """Use a saved mapping; headers that this file does not have are reported, not guessed."""
        self.bron_edit.setText(mapping.bronsysteem)
        missing = []
        for canonical, header in mapping.kolommen.items():
            combo = self.combos.get(canonical)
            if combo is None:
                continue
            if header is None:
                combo.setCurrentIndex(0)
            elif combo.findData(header) >= 0:
                self._select(combo, header)
            else:
                missing.append(header)
        if missing:
            QMessageBox.information(
                self, "Koppeling toegepast",
                "Deze koppen uit de opgeslagen koppeling staan niet in dit bestand: " + ", ".join(missing) + ".",
            )

    def save(self) -> Path | None:
        if not self.bron_edit.text().strip():
            QMessageBox.warning(self, "Bronsysteem ontbreekt",
                                "Geef het bronsysteem een naam (bijvoorbeeld Zorgned) om de koppeling op te slaan.")
            return None
        try:
            path = save_mapping(self.folder, self.mapping())
        except WijkkompasError as exc:
            QMessageBox.warning(self, "Koppeling niet opgeslagen", exc.melding)
            return None
        self._refresh_saved()
        self.save_button.setText("Opgeslagen ✓")
        return path
