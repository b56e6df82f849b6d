"""Scenario's: levers on the left, fan chart and meerjarenraming on the right, recomputed live.

The panel computes nothing itself: fitting (``core.scenario.fit_model``) runs
as a task once per data change; every lever edit restarts a short timer and
then one task (``maak_resultaat``) that cancels the previous run. The chosen
scenarios are stored in the project (``project.choices["scenarios"]``), so the
report and the CLI show the same numbers.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from wijkkompas.core.progress import Voortgang
from wijkkompas.core.scenario import Scenario, ScenarioInstellingen, fit_model
from wijkkompas.core.scenario.hefbomen import MAX_SCENARIOS
from wijkkompas.core.scenario.historie import ScenarioDataError, aanbieder_namen, contract_plafonds
from wijkkompas.core.scenario.resultaat import KEUZE, instellingen_van, maak_resultaat
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.panels.scenario_widgets import HefboomForm
from wijkkompas.gui.resultaat_view import GRAFIEK_MAX_HOOGTE, GRAFIEK_VERHOUDING, GrafiekWidget, tabel_view
from wijkkompas.gui.widgets import make_label, scroll_area

DEBOUNCE_MS = 300
TABS = (("meerjarenraming", "Raming"), ("vergelijking", "Vergelijking"), ("clienten", "Cliënten"),
        ("per_wijk", "Per wijk"), ("per_team", "Per team"), ("per_aanbieder", "Per aanbieder"),
        ("backtest", "Toets"), ("parameters", "Uitgangspunten"))


class WaaierGrafiek(GrafiekWidget):
    """The fan chart: its height follows its width like every Resultaat chart (0.36 of the width, at most
    520 px of plot), never lower than the 320 px that fits a 1280×720 laptop.

    Why: a fixed 320 px cap made the fan flat and wide on a 1920 px screen. This page does not scroll (the
    tabs below share the height), so the rule is a maximum height, set on each resize; where the window is
    low the layout still gives the chart less.
    """

    VERHOUDING, MAX_PLOT, MIN_HOOGTE = GRAFIEK_VERHOUDING, GRAFIEK_MAX_HOOGTE, 320

    def hoogte_voor(self, width: int) -> int:
        top = max(self.title.sizeHint().height(), self.reset_button.sizeHint().height())
        note = self.note.heightForWidth(min(width, self.note.maximumWidth())) if self.note.text() else 0
        chrome = top + max(note, 0) + 2 * self.layout().spacing()
        return max(self.MIN_HOOGTE, int(min(self.MAX_PLOT, width * self.VERHOUDING)) + chrome)

    def _pas_hoogte_aan(self, width: int) -> None:
        cap = self.hoogte_voor(width)
        if cap != self.maximumHeight():
            self.setMaximumHeight(cap)

    def set_grafiek(self, grafiek, leeg_tekst: str | None = None) -> None:
        super().set_grafiek(grafiek, leeg_tekst)
        if self.width() > 0:
            self._pas_hoogte_aan(self.width())  # another chart, another note length

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._pas_hoogte_aan(event.size().width())


def _as_voortgang(progress) -> Voortgang | None:
    return progress if isinstance(progress, Voortgang) or progress is None else Voortgang(progress)


def _fit_task(tables, progress=None, cancelled=None):
    progress = _as_voortgang(progress) or Voortgang(None, cancelled)
    return fit_model(tables, progress)


def _result_task(project, model, instellingen, progress=None, cancelled=None):
    progress = _as_voortgang(progress) or Voortgang(None, cancelled)
    return maak_resultaat(project, model, instellingen, progress=progress)


class ScenariosPanel(Panel):
    slug = "scenarios"
    title = "Scenario's"
    leest = frozenset({"tables", KEUZE})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = None
        self._resultaat = None
        self._stale = True
        self._storing = False
        self.instellingen = ScenarioInstellingen()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.recompute)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 8)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 8, 0)
        bar = QHBoxLayout()
        self.scenario_combo = QComboBox()
        self.scenario_combo.setObjectName("scenario_keuze")
        self.new_button = QPushButton("Nieuw")
        self.new_button.setToolTip("Nieuw scenario als kopie van het getoonde (hooguit vier)")
        self.delete_button = QPushButton("Verwijder")
        bar.addWidget(self.scenario_combo, 1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.delete_button)
        left_box.addLayout(bar)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("scenario_naam")
        self.name_edit.setPlaceholderText("Naam van het scenario")
        self.name_edit.setMaxLength(60)
        left_box.addWidget(self.name_edit)
        horizon = QHBoxLayout()
        self.jaren = QSpinBox()
        self.jaren.setRange(1, 5)
        self.jaren.setSuffix(" jaar")
        self.trekkingen = QSpinBox()
        self.trekkingen.setRange(100, 10_000)
        self.trekkingen.setSingleStep(100)
        self.trekkingen.setSuffix(" trekkingen")
        for box in (self.jaren, self.trekkingen):
            box.setKeyboardTracking(False)
        horizon.addWidget(make_label("Horizon"))
        horizon.addWidget(self.jaren)
        horizon.addWidget(self.trekkingen)
        left_box.addLayout(horizon)
        self.form = HefboomForm()
        left_box.addWidget(self.form)
        left.setFixedWidth(330)
        left_scroll = scroll_area(left)
        left_scroll.setFixedWidth(350)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(left_scroll)

        right = QVBoxLayout()
        top = QHBoxLayout()
        self.heading = make_label("Scenario's: meerjarige kosten", "title")
        self.chart_choice = QComboBox()
        self.chart_choice.setObjectName("waaier_keuze")
        self.chart_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chart_choice.setMinimumContentsLength(22)
        top.addWidget(self.heading, 1)
        top.addWidget(make_label("Grafiek:"))
        top.addWidget(self.chart_choice)
        right.addLayout(top)
        self.status = make_label("", "muted")
        self.status.setObjectName("scenario_status")
        right.addWidget(self.status)
        self.summary = make_label("")
        right.addWidget(self.summary)
        self.chart = WaaierGrafiek(None, "Nog geen prognose: lees toewijzingen en declaraties in via Import.")
        self.chart.setMinimumHeight(250)
        self.chart.setMaximumHeight(WaaierGrafiek.MIN_HOOGTE)  # until the first resize sets the real cap
        right.addWidget(self.chart, 1)
        self.tabs = QTabWidget()
        self.tab_views = {}
        for naam, titel in TABS:
            page = QWidget()
            box = QVBoxLayout(page)
            box.setContentsMargins(4, 4, 4, 4)
            view = tabel_view(None)
            note = make_label("", "muted")
            box.addWidget(view, 1)
            box.addWidget(note)
            self.tab_views[naam] = (view, note)
            self.tabs.addTab(page, titel)
            self.tabs.setTabToolTip(self.tabs.count() - 1, {"backtest": "Toets op het verleden: fout per product",
                                                            "meerjarenraming": "Meerjarenraming naast de begroting"
                                                            }.get(naam, titel))
        self.assumptions = make_label("", "muted")
        page = scroll_area(self.assumptions)
        self.tabs.addTab(page, "Aannames")
        self.tabs.setMinimumHeight(200)
        right.addWidget(self.tabs, 1)
        outer.addLayout(right, 1)

        self.form.changed.connect(self._levers_changed)
        self.jaren.valueChanged.connect(self._levers_changed)
        self.trekkingen.valueChanged.connect(self._levers_changed)
        self.scenario_combo.currentIndexChanged.connect(self._scenario_chosen)
        self.name_edit.editingFinished.connect(self._rename)
        self.new_button.clicked.connect(self._new_scenario)
        self.delete_button.clicked.connect(self._delete_scenario)
        self.chart_choice.currentIndexChanged.connect(self._show_chart)
        self._set_enabled(False)

    # --- Panel API ---
    def on_shown(self) -> None:
        if self._stale:
            self.refit()

    def on_changes(self, changes: frozenset[str]) -> None:
        if "*" in changes or "tables" in changes:
            self._stale = True
            self.model = None
            if self.isVisible():
                self.refit()
        elif KEUZE in changes and not self._storing and self.model is not None:
            self._load_settings()
            self.recompute()

    def resultaat(self):
        return self._resultaat

    # --- fitting and recomputing ---
    def refit(self) -> None:
        self._stale = False
        if "toewijzingen" not in self.project.tables:
            self.model = None
            self._show_empty("Nog geen prognose: lees toewijzingen (en voor euro's ook declaraties) in via Import.")
            return
        self.status.setText("Model schatten op de eigen gegevens…")
        self.context.run_task(_fit_task, self.project.tables, label="Scenario-model schatten",
                              on_finished=self._fitted, on_failed=self._failed, owner=("scenario", "fit"))

    def _fitted(self, model) -> None:
        self.model = model
        b = model.basislijn
        contract = {p: float(model.historie.per_product[p]["bedrag"].iloc[-12:].sum()) for p in b.producten}
        tables = self.project.tables
        self.form.set_context(dict(zip(b.producten, b.labels)), b.aanbieders,
                              {p: float(b.indexatie[i]) for i, p in enumerate(b.producten)}, contract,
                              aanbieder_namen(tables), contract_plafonds(tables), b.aanbod)
        self._load_settings()
        self._set_enabled(True)
        self.recompute()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ScenarioDataError):
            self._show_empty(exc.melding)
        else:
            self.status.setText("Berekenen is mislukt.")
            self.context.show_error(exc, "Scenario's berekenen is mislukt")

    def _levers_changed(self, *_args) -> None:
        if self.model is None or self._loading:
            return
        self._store()
        self.status.setText("Herberekenen…")
        self.timer.start()

    def recompute(self) -> None:
        if self.model is None:
            return
        self.context.run_task(_result_task, self.project, self.model, self.instellingen,
                              label="Scenario's berekenen", on_finished=self._show, on_failed=self._failed,
                              owner=("scenario", "bereken"))

    # --- settings <-> widgets ---
    _loading = False

    def _load_settings(self) -> None:
        self._loading = True
        self.instellingen = instellingen_van(self.project)
        self.scenario_combo.clear()
        for s in self.instellingen.scenarios:
            self.scenario_combo.addItem(s.naam)
        self.scenario_combo.setCurrentIndex(self.instellingen.actief)
        active = self.instellingen.scenarios[self.instellingen.actief]
        self.name_edit.setText(active.naam)
        self.form.set_hefbomen(active.hefbomen)
        self.jaren.setValue(self.instellingen.jaren)
        self.trekkingen.setValue(self.instellingen.trekkingen)
        self.delete_button.setEnabled(self.instellingen.actief > 0)
        self.new_button.setEnabled(len(self.instellingen.scenarios) < MAX_SCENARIOS)
        self._loading = False

    def _store(self) -> None:
        scenarios = list(self.instellingen.scenarios)
        active = self.instellingen.actief
        scenarios[active] = Scenario(scenarios[active].naam, self.form.hefbomen())
        self._save(ScenarioInstellingen(tuple(scenarios), active, self.jaren.value(), self.trekkingen.value(),
                                        self.instellingen.seed))

    def _save(self, instellingen: ScenarioInstellingen) -> None:
        self.instellingen = instellingen
        self._storing = True
        try:
            self.project.set_choice(KEUZE, instellingen.to_json())
        finally:
            self._storing = False

    def _scenario_chosen(self, index: int) -> None:
        if self._loading or index < 0 or index == self.instellingen.actief:
            return
        i = self.instellingen
        self._save(ScenarioInstellingen(i.scenarios, index, i.jaren, i.trekkingen, i.seed))
        self._load_settings()
        self.recompute()

    def _rename(self) -> None:
        name = self.name_edit.text().strip()
        i = self.instellingen
        if not name or name == i.scenarios[i.actief].naam:
            return
        scenarios = list(i.scenarios)
        scenarios[i.actief] = Scenario(name, scenarios[i.actief].hefbomen)
        self._save(ScenarioInstellingen(tuple(scenarios), i.actief, i.jaren, i.trekkingen, i.seed))
        self._load_settings()
        self.recompute()

    def _new_scenario(self) -> None:
        i = self.instellingen
        if len(i.scenarios) >= MAX_SCENARIOS:
            return
        current = i.scenarios[i.actief]
        scenarios = (*i.scenarios, Scenario(f"Scenario {len(i.scenarios) + 1}", current.hefbomen))
        self._save(ScenarioInstellingen(scenarios, len(scenarios) - 1, i.jaren, i.trekkingen, i.seed))
        self._load_settings()
        self.recompute()

    def _delete_scenario(self) -> None:
        i = self.instellingen
        if i.actief == 0:
            return
        scenarios = tuple(s for k, s in enumerate(i.scenarios) if k != i.actief)
        self._save(ScenarioInstellingen(scenarios, 0, i.jaren, i.trekkingen, i.seed))
        self._load_settings()
        self.recompute()

    # --- showing ---
    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.form, self.scenario_combo, self.new_button, self.delete_button, self.name_edit,
                       self.jaren, self.trekkingen, self.chart_choice):
            widget.setEnabled(enabled)
        if enabled:
            self.delete_button.setEnabled(self.instellingen.actief > 0)
            self.new_button.setEnabled(len(self.instellingen.scenarios) < MAX_SCENARIOS)

    def _show_empty(self, text: str) -> None:
        self._resultaat = None
        self._set_enabled(False)
        self.status.setText(text)
        self.summary.setText("")
        self.chart.set_grafiek(None, text)
        for view, note in self.tab_views.values():
            view.model().set_tabel(None)
            note.setText("")
        self.assumptions.setText("")

    def _show(self, resultaat) -> None:
        self._resultaat = resultaat
        self.status.setText(" · ".join([resultaat.ondertitel, *resultaat.waarschuwingen]))
        self.summary.setText("\n".join(resultaat.samenvatting))
        keep = self.chart_choice.currentData()
        self.chart_choice.blockSignals(True)
        self.chart_choice.clear()
        for g in resultaat.grafieken:
            self.chart_choice.addItem(g.titel.split(":")[0] if g.soort == "waaier" else "Vergelijking", g.naam)
        index = self.chart_choice.findData(keep)
        self.chart_choice.setCurrentIndex(max(index, 0))
        self.chart_choice.blockSignals(False)
        self._show_chart()
        names = {t.naam for t in resultaat.tabellen}
        for naam, (view, note) in self.tab_views.items():
            tabel = resultaat.tabel(naam) if naam in names else None
            view.model().set_tabel(tabel)
            view.resizeColumnsToContents()
            empty = ("Voeg een tweede scenario toe (Nieuw) om te vergelijken." if naam == "vergelijking" else
                     "Geen uitsplitsing: kies een horizon met minstens één volledig prognosejaar, en lees "
                     "declaraties in voor bedragen.")
            note.setText(tabel.toelichting if tabel else empty)
        self.assumptions.setText("\n".join("• " + a for a in resultaat.aannames)
                                 + "\n\n" + "\n".join(f"{b.titel}: {b.tekst}" for b in resultaat.bevindingen))

    def _show_chart(self, *_args) -> None:
        if self._resultaat is None:
            return
        naam = self.chart_choice.currentData()
        for g in self._resultaat.grafieken:
            if g.naam == naam:
                self.chart.set_grafiek(g)
                return


def create_panel(context: PanelContext) -> ScenariosPanel:
    return ScenariosPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("scenarios"))
