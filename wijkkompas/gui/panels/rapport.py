"""Rapport: choose the sections, preview one, write them to Excel, PDF and/or Word.

Every section registered in ``core.onderdelen`` is listed, checkable when the
project has what it needs and otherwise greyed with what is missing. Writing
runs ``report.maak_rapport`` in a task — the same call as ``wijkkompas
rapport`` — so the file holds exactly what the CLI would produce.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from wijkkompas.core import onderdelen as registry
from wijkkompas.gui import export_actions
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.resultaat_view import ResultaatView
from wijkkompas.gui.widgets import leesbaar, make_label, scroll_area
from wijkkompas.report.rapport import beschikbare_onderdelen, ontbreekt_tekst

SLUG_ROLE = Qt.ItemDataRole.UserRole
LINKS_MAX_BREEDTE = 560


class RapportPanel(Panel):
    slug = "rapport"
    title = "Rapport"
    leest = None  # every section can appear in the report

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._preview = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addWidget(make_label("Rapport", "title"))
        outer.addWidget(leesbaar(make_label(
            "Kies de onderdelen voor uw rapport en schrijf ze naar Excel (getallen blijven getallen, grafieken "
            "als Excel-grafieken), PDF of Word. Elk rapport vermeldt de gegevensbasis, de bronnen met hun jaar, "
            "de aannames en de bewijssterkte van de bevindingen.", "subtitle")))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 8, 12, 0)
        box.addWidget(make_label("Onderdelen", "section"))
        self.list = QListWidget()
        self.list.setObjectName("rapport_onderdelen")
        self.list.currentItemChanged.connect(lambda current, _previous: self._show_preview(current))
        self.list.itemChanged.connect(lambda _item: self._update_buttons())
        box.addWidget(self.list)
        self.empty = make_label("", "muted")
        box.addWidget(self.empty)
        picks = QHBoxLayout()
        self.all_button = QPushButton("Alles kiezen")
        self.none_button = QPushButton("Niets kiezen")
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        picks.addWidget(self.all_button)
        picks.addWidget(self.none_button)
        picks.addStretch(1)
        box.addLayout(picks)
        box.addWidget(make_label("Schrijven naar", "section"))
        buttons = QHBoxLayout()
        self.export_buttons: dict[str, QPushButton] = {}
        for suffix, text in ((".xlsx", "Excel…"), (".pdf", "PDF…"), (".docx", "Word…")):
            button = QPushButton(text)
            button.setObjectName(f"rapport_export_{suffix[1:]}")
            button.clicked.connect(lambda _checked=False, s=suffix: self.export(s))
            self.export_buttons[suffix] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addWidget(make_label(
            "Het rapport heeft een titelpagina en inhoudsopgave, per onderdeel de samenvatting, bevindingen, "
            "grafieken en tabellen, en sluit af met de verantwoording: ingelezen bestanden, bronnen, aannames en "
            "de betekenis van de bewijssterktes.", "muted"))
        self.result_label = make_label("", "muted", selectable=True)
        box.addWidget(self.result_label)
        box.addStretch(1)
        left.setMaximumWidth(LINKS_MAX_BREEDTE)  # a short list; on a wide screen the preview gets the room
        splitter.addWidget(left)

        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(12, 8, 0, 0)
        self.preview_title = make_label("Voorbeeld", "section")
        right_box.addWidget(self.preview_title)
        self.preview_note = make_label("", "muted")
        self.preview_note.setVisible(False)
        right_box.addWidget(self.preview_note)
        self.preview = ResultaatView("Klik links op een onderdeel om te zien wat er in het rapport komt.")
        right_box.addWidget(scroll_area(self.preview), 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 700])
        outer.addWidget(splitter, 1)

    # ----------------------------------------------------------------- state
    def on_project_changed(self, what: str) -> None:
        checked = set(self.gekozen()) if self.list.count() else None
        self.list.blockSignals(True)
        self.list.clear()
        for item, missing in beschikbare_onderdelen(self.project):
            row = QListWidgetItem(item.titel if not missing else f"{item.titel} — {ontbreekt_tekst(missing)}")
            row.setData(SLUG_ROLE, item.slug)
            if missing:
                row.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                row.setForeground(Qt.GlobalColor.gray)
                row.setToolTip(ontbreekt_tekst(missing))
            else:
                row.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                on = checked is None or item.slug in checked
                row.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                row.setToolTip(item.beschrijving or item.titel)
            self.list.addItem(row)
        self.list.blockSignals(False)
        rows = max(3, self.list.count())
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 18) + 2 * self.list.frameWidth() + 6)
        if not registry.ONDERDELEN:
            self.empty.setText("Er zijn nog geen onderdelen die in een rapport kunnen.")
        elif not any(not m for _, m in beschikbare_onderdelen(self.project)):
            self.empty.setText("Geen onderdeel heeft nu genoeg gegevens. Kies een gemeente of importeer uw "
                               "bestanden (onderdeel Import); wat elk onderdeel nodig heeft, staat erachter.")
        else:
            self.empty.setText("")
        self.empty.setVisible(bool(self.empty.text()))
        self._preview = None
        self.preview.set_resultaat(None)
        self.preview_title.setText("Voorbeeld")
        self.preview_note.setVisible(False)
        self._update_buttons()

    def gekozen(self) -> list[str]:
        """The checked sections' slugs, in report order."""
        out = []
        for i in range(self.list.count()):
            row = self.list.item(i)
            if row.flags() & Qt.ItemFlag.ItemIsUserCheckable and row.checkState() == Qt.CheckState.Checked:
                out.append(row.data(SLUG_ROLE))
        return out

    def _check_all(self, on: bool) -> None:
        for i in range(self.list.count()):
            row = self.list.item(i)
            if row.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                row.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._update_buttons()

    def _update_buttons(self) -> None:
        enabled = bool(self.gekozen())
        for button in self.export_buttons.values():
            button.setEnabled(enabled)
            button.setToolTip("" if enabled else "Kies eerst ten minste één onderdeel.")

    # --------------------------------------------------------------- preview
    def _show_preview(self, row: QListWidgetItem | None) -> None:
        if row is None:
            return
        slug = row.data(SLUG_ROLE)
        item = registry.onderdeel(slug)
        missing = item.ontbreekt(self.project)
        self.preview_title.setText(f"Voorbeeld: {item.titel}")
        if missing:
            self._preview = None
            self.preview.set_resultaat(None)
            self.preview_note.setText(f"{item.titel} kan nog niet in het rapport. {ontbreekt_tekst(missing)}")
            self.preview_note.setVisible(True)
            return
        self.preview_note.setVisible(False)

        def produce(progress=None, **_ignored):
            return item.load()(self.project, progress=progress)

        def shown(resultaat) -> None:
            self._preview = resultaat
            self.preview.set_resultaat(resultaat)

        self.context.run_task(produce, label=f"Voorbeeld {item.titel}", on_finished=shown, owner=self.preview)

    def resultaat(self):
        """The previewed section, so "Exporteer…" in the menu writes what is on screen."""
        return self._preview

    # ---------------------------------------------------------------- export
    def export(self, suffix: str):
        slugs = self.gekozen()
        if not slugs:
            return None
        from pathlib import Path

        project = self.project
        folder = Path(project.path).parent if project.path else Path.home()
        voorstel = str(folder / export_actions.standaard_naam(project, "rapport", suffix))
        path = export_actions.vraag_pad(self, "Rapport schrijven", voorstel, (suffix,))
        if path is None:
            return None
        from wijkkompas.report import maak_rapport

        self.result_label.setText(f"Bezig met {path.name}…")
        export_actions.schrijf_in_taak(self.context, lambda progress: maak_rapport(project, slugs, progress), path,
                                       owner=self, on_done=self._written)
        return path

    def _written(self, path, rapport) -> None:
        lines = [f"Geschreven: {path}"] + [f"Niet opgenomen: {o.titel} — {o.reden}" for o in rapport.overgeslagen]
        self.result_label.setText("\n".join(lines))


def create_panel(context: PanelContext) -> RapportPanel:
    return RapportPanel(context)


if __name__ == "__main__":
    import sys

    from wijkkompas.gui.app import run_panel_standalone

    sys.exit(run_panel_standalone("rapport"))
