"""Sturing panel: budgetuitputting against plafonds and begroting, volume regime per team, bekostiging cards.

A view only: the settings form stores ``SturingInstellingen`` in the project and the computation runs as a task
(``core.sturing.resultaat.bereken_alles``); both Resultaten are rendered by the shared ``ResultaatView``.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.resultaat import Resultaat
from wijkkompas.core.sections import Sectie
from wijkkompas.core.sturing import BELEID, REGIMES, SturingInstellingen, instellingen_van
from wijkkompas.gui.messages import MessageBar
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.resultaat_view import ResultaatView
from wijkkompas.gui.widgets import leesbaar, make_label, scroll_area

FORM_MAX_BREEDTE = 1100


class SturingPanel(Panel):
    slug = "sturing"
    title = "Sturing"
    leest = frozenset({Sectie.TABELLEN, Sectie.STURING, Sectie.POSITIE})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._uitputting: Resultaat | None = None
        self._regime: Resultaat | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(make_label("Sturing", "title"))
        layout.addWidget(leesbaar(make_label("Welke aanbieders raken hun budgetplafond, wanneer, en wat doet u dan? "
                                             "En hoe geeft u wijkteams ruimte zonder grip op het volume te verliezen?",
                                             "muted")))
        form_row = QHBoxLayout()
        form = QFormLayout()
        self.jaar = QSpinBox()
        self.jaar.setRange(0, 2100)
        self.jaar.setSpecialValueText("jaar van de peildatum")
        self.peildatum = QLineEdit()
        self.peildatum.setPlaceholderText("dd-mm-jjjj (leeg: laatste maand)")
        self.beleid = QComboBox()
        for key, label in BELEID.items():
            self.beleid.addItem(label, key)
        form.addRow("Jaar", self.jaar)
        form.addRow("Peildatum", self.peildatum)
        form.addRow("Na het plafond", self.beleid)
        form2 = QFormLayout()
        self.regime = QComboBox()
        for key, label in REGIMES.items():
            self.regime.addItem(label, key)
        self.knop = QPushButton("Bereken")
        self.knop.clicked.connect(self._on_bereken)
        form2.addRow("Volumeregime", self.regime)
        form2.addRow("", self.knop)
        form_row.addLayout(form, 1)
        form_row.addLayout(form2, 1)
        form_box = QWidget()
        form_box.setObjectName("sturingInstellingen")
        form_row.setContentsMargins(0, 0, 0, 0)
        form_box.setLayout(form_row)
        # on a wide screen the fields would stretch to 800 px each, the Bereken button far from its choices
        form_box.setMaximumWidth(FORM_MAX_BREEDTE)
        layout.addWidget(form_box)
        self.status = make_label("", "muted")
        layout.addWidget(self.status)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        self.tabs = QTabWidget()
        self.view_uitputting = ResultaatView("Nog niet berekend. Lees declaraties, toewijzingen en tarieven in en "
                                             "klik op 'Bereken'.")
        self.view_regime = ResultaatView("Nog niet berekend. De volumeregimes vragen toewijzingen met een "
                                         "toegangsteam; klik op 'Bereken'.")
        self.tabs.addTab(scroll_area(self.view_uitputting), "Uitputting en plafonds")
        self.tabs.addTab(scroll_area(self.view_regime), "Volumeregime per team")
        self.view_bekostiging = ResultaatView()
        self.tabs.addTab(scroll_area(self.view_bekostiging), "Bekostiging vergeleken")
        layout.addWidget(self.tabs, 1)
        self._load_settings()
        self._show_bekostiging()

    def _show_bekostiging(self) -> None:
        """Evidence cards need no computation: shown at once and whenever the data or Positie answers change."""
        from wijkkompas.core.sturing.resultaat import bekostiging_resultaat

        self._bekostiging = bekostiging_resultaat(self.project.tables, self.project)
        self.view_bekostiging.set_resultaat(self._bekostiging)

    # -- settings -------------------------------------------------------------------------------------------
    def _load_settings(self) -> None:
        try:
            inst = instellingen_van(self.project)
        except WijkkompasError as exc:
            self.bar.set("invoer", exc.melding, "error")
            inst = SturingInstellingen()
        self.jaar.setValue(inst.jaar or 0)
        self.peildatum.setText(inst.peildatum or "")
        self.beleid.setCurrentIndex(max(self.beleid.findData(inst.beleid_na_plafond), 0))
        self.regime.setCurrentIndex(max(self.regime.findData(inst.regime), 0))

    def _form_settings(self) -> SturingInstellingen:
        base = instellingen_van(self.project)
        return base.met(jaar=self.jaar.value() or None, peildatum=self.peildatum.text().strip() or None,
                        beleid_na_plafond=self.beleid.currentData(), regime=self.regime.currentData())

    # -- actions --------------------------------------------------------------------------------------------
    def _on_bereken(self) -> None:
        self.bar.clear_all()
        try:
            inst = self._form_settings()
        except WijkkompasError as exc:
            self.bar.set("invoer", exc.melding, "error")
            return
        missing = [k for k in ("declaraties", "toewijzingen") if k not in self.project.tables]
        if missing:
            self.bar.set("invoer", "Lees eerst " + " en ".join(missing) + " in (paneel Import).", "warning")
            return
        if self.project.choices.get("sturing") != inst.to_json():
            self.project.set_choice("sturing", inst.to_json())
        from wijkkompas.core.sturing.resultaat import bereken_alles

        self.knop.setEnabled(False)
        self.status.setText("Bezig met rekenen (het scenariomodel wordt geschat)…")
        self.context.run_task(bereken_alles, self.project, inst, label="Sturing berekenen",
                              on_finished=self._on_done, on_failed=self._on_failed, owner=self)

    def _on_done(self, result) -> None:
        self.knop.setEnabled(True)
        self._uitputting, self._regime, self._bekostiging = result
        self.view_bekostiging.set_resultaat(self._bekostiging)
        self.view_uitputting.set_resultaat(self._uitputting)
        self.view_regime.set_resultaat(self._regime)
        self.bar.show_result_warnings(self._uitputting.waarschuwingen)
        self.status.setText(self._uitputting.ondertitel)

    def _on_failed(self, error: BaseException) -> None:
        self.knop.setEnabled(True)
        self.status.setText("")
        if isinstance(error, WijkkompasError):
            self.bar.set("invoer", error.melding, "error")
        else:
            self.context.show_error(error)

    def on_project_changed(self, what: str) -> None:
        self._show_bekostiging()
        if what in (Sectie.TABELLEN, Sectie.ALLES, "*"):
            self._uitputting = self._regime = None
            self.view_uitputting.set_resultaat(None)
            self.view_regime.set_resultaat(None)
            self.status.setText("")
        if what in (Sectie.ALLES, "*"):
            self._load_settings()

    def on_shown(self) -> None:
        """Compute once on first view when the data is there (it runs as a task with progress)."""
        if self._uitputting is None and self.knop.isEnabled() and "declaraties" in self.project.tables:
            self._on_bereken()

    def resultaat(self) -> Resultaat | None:
        if self.tabs.currentIndex() == 2:
            return self._bekostiging
        return self._regime if self.tabs.currentIndex() == 1 and self._regime else self._uitputting


def create_panel(context: PanelContext) -> Panel:
    return SturingPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("sturing"))
