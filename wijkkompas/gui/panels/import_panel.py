"""Import: read the gemeente's own exports into the project, with a report of every rejected row.

Flow as the user sees it: drop a file (or "Bestand kiezen…"), check the
detected kind and column mapping (edit it in the mapping dialog, saved per
source system), press "Importeren". The import runs as a task (progress and
cancel in the status bar); the pseudonymised table goes into the project via
``add_import_to_project``. The right side shows one imported file: summary,
monthly chart per productcategorie and the validation report (filter,
Ctrl+C, export to Excel). Everything shown comes from ``core.imports``; the
same report is ``wijkkompas import PAD --json``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.sections import Sectie
from wijkkompas.core import appdata
from wijkkompas.core import formatting as fmt
from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.imports import add_import_to_project, detect, import_file
from wijkkompas.core.imports import import_view as view
from wijkkompas.core.imports.mapping import Mapping, matching_mapping
from wijkkompas.core.imports.model import SOORT_LABELS, SOORTEN, Detection, ImportResult
from wijkkompas.core.imports.report_export import export_report
from wijkkompas.core.imports.sjablonen import copy_templates
from wijkkompas.core.imports.labels import column_label
from wijkkompas.gui import bestandsdialoog
from wijkkompas.gui.import_mapping_dialog import ImportMappingDialog
from wijkkompas.gui.import_widgets import MonthlyCharts, ReportView, SummaryCards
from wijkkompas.gui.messages import MessageBar
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.style import card_frame
from wijkkompas.gui.table_model import CopyableTableView, DataFrameModel
from wijkkompas.gui.widgets import MeegroeiendeKolom, make_label, scroll_area

IMPORT_COLUMNS = ["soort_label", "bestand", "rijen", "fouten", "waarschuwingen", "sha256", "ingelezen_op", "soort"]
SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv", ".txt"}
FILE_FILTER = "Excel- en CSV-bestanden (*.xlsx *.xlsm *.xls *.csv *.txt);;Alle bestanden (*)"



LEFT_WIDTH = 400  # px of the file column at 1280×720, where the result column needs the room
LEFT_MAX_WIDTH = 640
LAPTOP_SPLITTER_WIDTH = 1028  # the splitter's width in a 1280 px window


class ImportPanel(Panel):
    slug = "import"
    title = "Import"
    leest = frozenset({Sectie.TABELLEN, Sectie.IMPORT})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setAcceptDrops(True)
        self.path: Path | None = None
        self.detection: Detection | None = None
        self.mapping: Mapping | None = None
        self._offered_for: Path | None = None
        self.shown: str | None = None
        self.session_reports: dict[str, dict[str, Any]] = {}
        self._detect_owner = object()
        self._chart_owner = object()
        self.last_error: str = ""
        self._build()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.splitter = splitter = QSplitter()
        root = QHBoxLayout(self)
        root.setContentsMargins(16, 12, 16, 12)
        root.addWidget(splitter)
        splitter.addWidget(self._build_left())
        splitter.addWidget(self._build_right())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        # The result column needs the room at 1280×720; the imports list scrolls sideways for hash and date.
        splitter.setSizes([LEFT_WIDTH, 880])
        # at 1920×1080 the list widens too (its Fouten column was cut off beside a half-empty report)
        self.kolom = MeegroeiendeKolom(splitter, LEFT_WIDTH, LEFT_MAX_WIDTH, LAPTOP_SPLITTER_WIDTH)

    def _build_left(self) -> QWidget:
        left = QWidget()
        left.setMinimumWidth(320)
        left.setMaximumWidth(LEFT_MAX_WIDTH)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(make_label("Import", "title"))
        layout.addWidget(make_label("Lees eigen exports in: toewijzingen, declaraties, tarieven, wijken of budget. "
                                "BSN's worden direct gepseudonimiseerd; namen en adressen worden niet ingelezen.",
                                "subtitle"))
        self.messages = MessageBar()
        layout.addWidget(self.messages)
        self.drop_zone = QLabel("Sleep een Excel- of CSV-bestand hierheen\nof kies een bestand.")
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setWordWrap(True)
        self.drop_zone.setMinimumHeight(70)
        layout.addWidget(self.drop_zone)
        buttons = QHBoxLayout()
        self.choose_button = QPushButton("Bestand kiezen…")
        self.choose_button.setObjectName("chooseFile")
        self.templates_button = QPushButton("Lege sjablonen…")
        self.templates_button.setToolTip("Zet lege Excel-sjablonen per soort, met uitleg per kolom, in een map naar keuze.")
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.templates_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._build_detection())
        layout.addWidget(make_label("Ingelezen bestanden in dit project", "section"))
        self.imports_model = DataFrameModel(headers={
            "soort_label": "Soort", "bestand": "Bestand", "sha256": "SHA-256 (kort)", "rijen": "Rijen",
            "fouten": "Fouten", "waarschuwingen": "Waarsch.", "ingelezen_op": "Ingelezen op",
        })
        self.imports_view = CopyableTableView()
        self.imports_view.setObjectName("importsTable")
        self.imports_view.setModel(self.imports_model)
        self.imports_view.setSortingEnabled(False)
        self.imports_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.imports_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.imports_view.setMinimumHeight(150)
        layout.addWidget(self.imports_view, 1)
        layout.addWidget(make_label("Klik op een bestand om het rapport te zien.", "muted"))

        self.choose_button.clicked.connect(self.choose_file)
        self.templates_button.clicked.connect(self.open_templates)
        self.imports_view.clicked.connect(self._on_import_clicked)
        return left

    def _build_detection(self) -> QWidget:
        self.detection_box = card_frame()
        self.detection_box.setObjectName("detectionBox")
        layout = QVBoxLayout(self.detection_box)
        layout.setContentsMargins(10, 8, 10, 8)
        self.file_label = make_label("", "section")
        layout.addWidget(self.file_label)
        form = QFormLayout()
        self.soort_combo = QComboBox()
        self.soort_combo.setObjectName("soortCombo")
        self.soort_combo.addItem("(niet herkend – kies de soort)", None)
        for soort in SOORTEN:
            self.soort_combo.addItem(SOORT_LABELS[soort], soort)
        self.blad_combo = QComboBox()
        self.blad_combo.setObjectName("bladCombo")
        form.addRow("Soort:", self.soort_combo)
        form.addRow("Werkblad:", self.blad_combo)
        layout.addLayout(form)
        self.mapping_model = DataFrameModel(headers={"kolom": "Kolom in Wijkkompas", "kop": "Kop in uw bestand"})
        self.mapping_view = CopyableTableView()
        self.mapping_view.setObjectName("mappingTable")
        self.mapping_view.setModel(self.mapping_model)
        self.mapping_view.setSortingEnabled(False)
        self.mapping_view.setMinimumHeight(150)
        layout.addWidget(self.mapping_view)
        self.removed_label = make_label("", "muted")
        self.notes_label = make_label("", "warning")
        layout.addWidget(self.removed_label)
        layout.addWidget(self.notes_label)
        row = QHBoxLayout()
        self.mapping_button = QPushButton("Koppeling aanpassen…")
        self.mapping_button.setObjectName("editMapping")
        self.import_button = QPushButton("Importeren")
        self.import_button.setObjectName("startImport")
        self.import_button.setDefault(True)
        row.addWidget(self.mapping_button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        layout.addLayout(row)
        self.detection_box.hide()
        self.soort_combo.activated.connect(self._on_soort_chosen)
        self.blad_combo.activated.connect(self._on_blad_chosen)
        self.mapping_button.clicked.connect(self.open_mapping_dialog)
        self.import_button.clicked.connect(self.start_import)
        return self.detection_box

    def _build_right(self) -> QWidget:
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(8, 0, 0, 0)
        self.result_title = make_label("Nog geen bestand ingelezen", "section")
        self.result_title.setObjectName("resultTitle")
        layout.addWidget(self.result_title)
        self.cards = SummaryCards()
        layout.addWidget(self.cards)
        self.privacy_label = make_label("", "muted")
        layout.addWidget(self.privacy_label)
        self.charts = MonthlyCharts()
        layout.addWidget(self.charts)
        self.no_chart_label = make_label("Dit bestand heeft geen gegevens per maand; er is geen maandgrafiek.", "muted")
        self.no_chart_label.hide()
        layout.addWidget(self.no_chart_label)
        layout.addWidget(make_label("Controlerapport", "section"))
        self.report = ReportView()
        layout.addWidget(self.report, 1)
        self.report.export_button.clicked.connect(self.export_report_dialog)
        return scroll_area(host)

    # ------------------------------------------------------------ choose file
    def choose_file(self) -> None:
        name = bestandsdialoog.open_bestand(self, "Bestand kiezen", "", FILE_FILTER)
        if name:
            self.load_file(Path(name))

    def open_templates(self) -> None:
        """Copy the empty templates into a folder the user picks, and say where they are."""
        start = str(Path.home() / "Documents") if (Path.home() / "Documents").is_dir() else str(Path.home())
        folder = bestandsdialoog.kies_map(self, "Map kiezen voor de lege sjablonen", start)
        if not folder:
            return
        try:
            written = copy_templates(folder)
        except WijkkompasError as exc:
            self.messages.set("sjablonen", exc.melding, "error")
            return
        self.messages.set("sjablonen", f"{len(written)} lege sjablonen staan nu in {folder}: "
                          + ", ".join(p.name for p in written) + ". Elk sjabloon heeft een blad 'Uitleg' per kolom.",
                          "info")
        # Opening the folder is a convenience; on a locked-down laptop it may do nothing, the message stays.
        QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

    def load_file(self, path: Path, soort: str | None = None, blad: str | None = None) -> None:
        """Detect kind, sheet and columns of ``path`` (a task: large workbooks take a moment)."""
        if path != self.path:
            self.mapping = None
            self._offered_for = None
            self.messages.clear("koppeling")
        self.path = Path(path)
        self.last_error = ""
        self.context.run_task(
            detect, self.path, soort=soort, blad=blad, mapping=self._mapping_for(soort),
            label=f"{self.path.name} verkennen", on_finished=self._on_detected, on_failed=self._on_detect_failed,
            owner=self._detect_owner,
        )

    def _mapping_for(self, soort: str | None) -> Mapping | None:
        if self.mapping is not None and (soort is None or self.mapping.soort in (soort, None)):
            return self.mapping
        return None

    def _on_detect_failed(self, error: BaseException) -> None:
        self.detection = None
        self.last_error = error.melding if isinstance(error, WijkkompasError) else str(error)
        self.detection_box.show()
        self.file_label.setText(self.path.name if self.path else "")
        self.mapping_model.set_frame(pd.DataFrame(columns=["kolom", "kop"]))
        self.removed_label.setText("")
        self.notes_label.setText(self.last_error)
        self.import_button.setEnabled(False)
        self.mapping_button.setEnabled(False)
        if not isinstance(error, WijkkompasError):
            self.context.show_error(error, "Bestand verkennen is mislukt")

    def _offer_saved_mapping(self, detection: Detection) -> bool:
        """Propose a saved koppeling whose headers all occur in this file (once per file); True if re-detecting."""
        if self.mapping is not None or self._offered_for == self.path:
            return False
        self._offered_for = self.path
        saved = matching_mapping(appdata.mapping_dir(), detection.headers, detection.soort)
        if saved is None:
            return False
        self.mapping = saved
        self.messages.set("koppeling", f"De opgeslagen koppeling voor {saved.bronsysteem or 'dit bronsysteem'} past "
                          "bij de kolomkoppen van dit bestand en is voorgesteld. Controleer haar hieronder of kies "
                          "'Koppeling aanpassen…'.", "info")
        self.load_file(self.path, soort=saved.soort, blad=detection.blad)
        return True

    def _on_detected(self, detection: Detection) -> None:
        if self._offer_saved_mapping(detection):
            return
        self.detection = detection
        self.detection_box.show()
        self.file_label.setText(detection.bestand)
        self.soort_combo.setCurrentIndex(self.soort_combo.findData(detection.soort) if detection.soort else 0)
        self.blad_combo.clear()
        for blad in detection.bladen:
            hidden = blad in (detection.verborgen_bladen or [])
            self.blad_combo.addItem(f"{blad} (verborgen)" if hidden else blad, blad)
        if not detection.bladen:
            self.blad_combo.addItem("– (tekstbestand, geen werkbladen)", None)
        self.blad_combo.setEnabled(len(detection.bladen) > 1)
        if detection.blad is not None:
            self.blad_combo.setCurrentIndex(max(0, self.blad_combo.findData(detection.blad)))
        rows = [{"kolom": column_label(c), "kop": h} for c, h in detection.kolommen.items()]
        self.mapping_model.set_frame(pd.DataFrame(rows, columns=["kolom", "kop"]))
        self.mapping_view.resizeColumnsToContents()
        removed = []
        if detection.persoonsgegevens:
            removed.append("Niet ingelezen (persoonsgegevens): " + ", ".join(detection.persoonsgegevens) + ".")
        if detection.genegeerd:
            removed.append("Niet gebruikt: " + ", ".join(detection.genegeerd) + ".")
        removed.append(f"Kopregel op rij {detection.header_rij}.")
        self.removed_label.setText(" ".join(removed))
        self.notes_label.setText(" ".join(detection.meldingen or []))
        self.import_button.setEnabled(detection.soort is not None)
        self.mapping_button.setEnabled(True)

    def _on_soort_chosen(self) -> None:
        soort = self.soort_combo.currentData()
        if self.path is not None and soort:
            self.load_file(self.path, soort=soort, blad=self._current_blad())

    def _on_blad_chosen(self) -> None:
        if self.path is not None:
            self.load_file(self.path, soort=self.soort_combo.currentData(), blad=self._current_blad())

    def _current_blad(self) -> str | None:
        return self.blad_combo.currentData() if self.blad_combo.count() else None  # None for csv

    def resultaat(self):
        """Exporteer…: the controlerapport of every imported file, as the report shows it."""
        from wijkkompas.core.imports.resultaat import produceer

        return produceer(self.project)

    # ---------------------------------------------------------------- mapping
    def make_mapping_dialog(self) -> ImportMappingDialog:
        bron = self.mapping.bronsysteem if self.mapping else ""
        path, blad = self.path, self._current_blad()

        def redetect(soort: str) -> Detection:  # fast: reads only the top of the sheet
            return detect(path, soort=soort, blad=blad)

        return ImportMappingDialog(self.detection, appdata.mapping_dir(), self, bronsysteem=bron, redetect=redetect)

    def open_mapping_dialog(self) -> None:
        if self.detection is None or self.path is None:
            return
        dialog = self.make_mapping_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mapping = dialog.mapping()
            self.load_file(self.path, soort=self.mapping.soort, blad=self._current_blad())

    # ----------------------------------------------------------------- import
    def start_import(self) -> None:
        if self.detection is None or self.path is None or self.detection.soort is None:
            return
        soort = self.detection.soort
        # The button stays enabled: a second click starts anew (same owner cancels the running import),
        # and a cancelled import needs no extra state to undo.
        self.context.run_task(
            import_file, self.path, soort=soort, blad=self.detection.blad, mapping=self._mapping_for(soort),
            secret=self.context.pseudonym_secret(), label=f"{self.path.name} importeren",
            on_finished=self._on_imported, on_failed=self._on_import_failed, owner=self,
        )

    def _on_import_failed(self, error: BaseException) -> None:
        self.context.show_error(error, "Importeren is mislukt")

    def _on_imported(self, result: ImportResult) -> None:
        self.session_reports[result.soort] = view.full_report(result)
        self.shown = result.soort
        add_import_to_project(self.project, result)  # one batched project event refreshes this panel once
        fouten = len(result.fouten)
        self.context.show_status(
            f"{result.bestand}: {fmt.getal(result.rijen_geldig)} van {fmt.getal(result.rijen_gelezen)} rijen ingelezen"
            + (f", {fmt.getal(fouten)} {'fout' if fouten == 1 else 'fouten'} in het rapport." if fouten
               else ", zonder fouten."), 8000)

    # ---------------------------------------------------------- drag and drop
    @staticmethod
    def _dropped_files(mime) -> list[Path]:
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls()
                if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in SUFFIXES]

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self._dropped_files(event.mimeData()):
            self.drop_zone.setProperty("active", True)
            self.drop_zone.style().polish(self.drop_zone)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self.drop_zone.setProperty("active", False)
        self.drop_zone.style().polish(self.drop_zone)

    def dropEvent(self, event) -> None:  # noqa: N802
        self.dragLeaveEvent(event)
        files = self._dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        if len(files) > 1:
            self.context.show_status(f"Eén bestand tegelijk: {files[0].name} wordt verkend.", 8000)
        self.load_file(files[0])

    # ------------------------------------------------------ project and view
    def on_project_changed(self, what: str) -> None:
        if what == "*":
            self.session_reports = {}
            self.shown = None
        overview = view.imports_overview(self.project)
        overview["soort_label"] = overview["soort_label"].str.split(" (", regex=False).str[0]
        overview = overview[IMPORT_COLUMNS]
        self.imports_model.set_frame(overview)
        self.imports_view.setColumnHidden(IMPORT_COLUMNS.index("soort"), True)
        self.imports_view.resizeColumnsToContents()
        if self.shown not in set(overview["soort"]):
            self.shown = view.initial_import(self.project)
        self.show_import(self.shown)

    def show_import(self, soort: str | None) -> None:
        """Show summary, chart and report of one imported kind (or an empty state)."""
        self.shown = soort
        reports = view.project_reports(self.project)
        report = self.session_reports.get(soort) or reports.get(soort) if soort else None
        if not report:
            self.result_title.setText("Nog geen bestand ingelezen")
            self.cards.set_items([])
            self.privacy_label.setText("")
            self.charts.clear()
            self.report.set_frame(view.report_frame({}), 0, 0)
            return
        overview = self.imports_model.frame()
        if len(overview):
            rows = overview.index[overview["soort"] == soort]
            if len(rows):
                self.imports_view.selectRow(int(rows[0]))
        self.result_title.setText(f"{SOORT_LABELS[soort]} – {report.get('bestand', '')}")
        self.cards.set_items(view.summary_items(report))
        removed = report.get("verwijderd_persoonsgegevens") or []
        self.privacy_label.setText(
            ("Niet ingelezen (persoonsgegevens): " + ", ".join(removed) + ". " if removed else "")
            + "Cliëntnummers zijn vervangen door pseudoniemen."
        )
        frame = view.report_frame(report)
        self.report.set_frame(frame, int(report.get("aantal_fouten", 0)), int(report.get("aantal_waarschuwingen", 0)))
        self._update_chart(soort)

    def _update_chart(self, soort: str) -> None:
        table = self.project.tables.get(soort)
        monthly = soort in view.MONTHLY_KINDS and table is not None and len(table) > 0
        self.charts.setVisible(monthly)
        self.no_chart_label.setVisible(not monthly)
        if not monthly:
            self.charts.clear()
            return
        source = view.source_text(self.project, soort)
        self.context.run_task(
            view.monthly_series, table, soort, label="Maandoverzicht maken",
            on_finished=lambda series, s=soort, src=source: self._on_series(s, series, src),
            owner=self._chart_owner,
        )

    def _on_series(self, soort: str, series: pd.DataFrame, source: str) -> None:
        if soort == self.shown:
            self.charts.set_series(series, soort, source)

    def _on_import_clicked(self, index) -> None:
        overview = self.imports_model.frame()
        if 0 <= index.row() < len(overview):
            self.show_import(str(overview["soort"].iloc[index.row()]))

    def current_report(self) -> dict[str, Any] | None:
        if not self.shown:
            return None
        return self.session_reports.get(self.shown) or view.project_reports(self.project).get(self.shown)

    def export_report_dialog(self) -> None:
        report = self.current_report()
        if not report:
            self.context.show_status("Er is nog geen rapport om te exporteren.")
            return
        default = f"importrapport_{Path(str(report.get('bestand', 'import'))).stem}.xlsx"
        name, _ = bestandsdialoog.opslaan_als(self, "Rapport exporteren", default, "Excel-werkmap (*.xlsx)")
        if not name:
            return
        try:
            target = export_report(report, Path(name))
        except WijkkompasError as exc:
            self.context.show_error(exc, "Exporteren is mislukt")
            return
        self.context.show_status(f"Rapport opgeslagen: {target}", 8000)


def create_panel(context: PanelContext) -> ImportPanel:
    return ImportPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("import"))
