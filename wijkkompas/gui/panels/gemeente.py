"""Gemeente & benchmark: choose the gemeente, see its taakzwaarte, spending and benchmark.

Everything shown comes from ``core.reference.profiel.gemeente_paneel`` (also behind
``wijkkompas gemeente NAAM --json``), computed in a task; this module lays it out.
The chosen gemeente lives in the project (``project.set_gemeente``), so the panel
follows ``project.gemeente_code`` when another project is opened.
"""
from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QHeaderView,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.sections import Sectie
from wijkkompas.core import formatting as fmt
from wijkkompas.core.benchmark import MEASURE_LABELS, MEASURES
from wijkkompas.core.errors import UnknownGemeenteError
from wijkkompas.core.reference import find_gemeente, gemeenten
from wijkkompas.core.reference.profiel import gemeente_paneel
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.panels.gemeente_widgets import BenchmarkScatter, ClassBar, DecompositionChart
from wijkkompas.gui.table_model import CopyableTableView, DataFrameModel
from wijkkompas.gui.widgets import make_card, make_label, scroll_area

DEFAULT_MEASURE = "maatwerk"



def _euro(value) -> str:
    # None = no Iv3 data for that gemeente/year: say so, never show it as € 0 or a bare dash.
    return "geen gegevens" if value is None else fmt.euro(value, 0)


SPENDING_COLUMNS = [f"{jaar} {soort} (€)" for jaar, soort in
                    (("2023", "jaarrekening"), ("2024", "begroting"), ("2025", "begroting"))]


def _table(formatters: dict, min_height: int = 180) -> tuple[CopyableTableView, DataFrameModel]:
    view = CopyableTableView()
    model = DataFrameModel(formatters=formatters)
    view.setModel(model)
    view.setMinimumHeight(min_height)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    return view, model


def _fit_height(view: CopyableTableView) -> None:
    """Show every row without an inner scrollbar: the panel itself scrolls."""
    rows = view.model().rowCount()
    height = view.horizontalHeader().height() + sum(view.rowHeight(r) for r in range(rows)) + 2 * view.frameWidth()
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().height()
    view.setFixedHeight(max(height + 2, 60))


class GemeentePanel(Panel):
    slug = "gemeente"
    title = "Gemeente & benchmark"
    leest = frozenset({Sectie.GEMEENTE, Sectie.BENCHMARK})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.data: dict | None = None
        self._loading: tuple[str, str] | None = None
        names = sorted(gemeenten()["naam"], key=str.lower)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(scroll_area(body))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(12)

        top = QHBoxLayout()
        self.title_label = make_label("Gemeente & benchmark", "title", wrap=False)
        top.addWidget(self.title_label, 1)
        top.addWidget(make_label("Gemeente:", wrap=False))
        self.search = QLineEdit()
        self.search.setObjectName("gemeenteZoek")
        self.search.setPlaceholderText("naam of CBS-code, bijv. Deventer of GM0150")
        self.search.setMinimumWidth(280)
        completer = QCompleter(names, self.search)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._choose)
        self.search.setCompleter(completer)
        self.search.returnPressed.connect(lambda: self._choose(self.search.text()))
        top.addWidget(self.search)
        self.choose_button = QPushButton("Kiezen")
        self.choose_button.clicked.connect(lambda: self._choose(self.search.text()))
        top.addWidget(self.choose_button)
        layout.addLayout(top)
        self.message = make_label("", "muted")
        self.message.setObjectName("gemeenteMelding")
        layout.addWidget(self.message)

        cards = QGridLayout()
        cards.setHorizontalSpacing(12)
        self.inwoners_value, self.inwoners_detail = self._card(cards, 0, "Inwoners (gemeentefonds)")
        self.klasse_value, self.klasse_detail = self._card(cards, 1, "Taakzwaarte (klasse)")
        self.class_bar = ClassBar()
        cards.itemAtPosition(0, 1).widget().layout().insertWidget(2, self.class_bar)
        self.rang_value, self.rang_detail = self._card(cards, 2, "Rang taakzwaarte")
        self.structuur_value, self.structuur_detail = self._card(cards, 3, "Structuur")
        cards.setColumnStretch(1, 2)
        for col in (0, 2, 3):
            cards.setColumnStretch(col, 1)
        layout.addLayout(cards)

        charts = QHBoxLayout()
        self.decomposition = DecompositionChart()
        self.decomposition.setMinimumHeight(330)
        charts.addWidget(self.decomposition, 4)
        right = QVBoxLayout()
        chooser = QHBoxLayout()
        chooser.addWidget(make_label("Uitgavenpost:", wrap=False))
        self.measure = QComboBox()
        self.measure.setObjectName("benchmarkMaat")
        for key in MEASURES:
            self.measure.addItem(MEASURE_LABELS[key], key)
        self.measure.setCurrentIndex(MEASURES.index(DEFAULT_MEASURE))
        self.measure.currentIndexChanged.connect(lambda _i: self._measure_chosen())
        chooser.addWidget(self.measure)
        chooser.addStretch(1)
        right.addLayout(chooser)
        self.scatter = BenchmarkScatter()
        self.scatter.setMinimumHeight(300)
        right.addWidget(self.scatter, 1)
        charts.addLayout(right, 5)
        layout.addLayout(charts)

        layout.addWidget(make_label("Benchmark: € per volwassene, jaarrekening 2023", "section"))
        self.benchmark_view, self.benchmark_model = _table(
            {"Werkelijk": _euro, "Verwacht": _euro, "Verschil": _euro,
             "Percentiel": lambda v: fmt.getal(v, 0), "In klasse": lambda v: fmt.getal(v, 0)})
        layout.addWidget(self.benchmark_view)
        self.benchmark_note = make_label("", "muted")
        layout.addWidget(self.benchmark_note)
        layout.addWidget(make_label("Vergelijkbare gemeenten", "section"))
        peers_row = QHBoxLayout()
        self.peers_view, self.peers_model = _table({"Afstand": lambda v: fmt.getal(v, 2)})
        self.peers_view.setMaximumWidth(620)
        peers_row.addWidget(self.peers_view, 3)
        peers_row.addWidget(make_label(
            "De tien gemeenten met het meest gelijke profiel: gestandaardiseerde afstand op de zes Wmo-maatstaven "
            "van het gemeentefonds (€ per inwoner) en het aantal inwoners (0 = gelijk profiel). In de grafiek "
            "hierboven zijn zij groen.", "muted"), 2)
        layout.addLayout(peers_row)

        layout.addWidget(make_label("Uitgaven per taakveld (netto lasten, Iv3)", "section"))
        per_volwassene = [f"{c.split()[0]} per volwassene" for c in SPENDING_COLUMNS]
        self.spending_view, self.spending_model = _table(
            {c: _euro for c in SPENDING_COLUMNS} | {c: (lambda v: fmt.euro(v, 2)) for c in per_volwassene},
            min_height=300)
        layout.addWidget(self.spending_view)
        self.sources = make_label("", "muted")
        self.sources.setObjectName("gemeenteBronnen")
        layout.addWidget(self.sources)
        layout.addStretch(1)

    def _card(self, grid: QGridLayout, column: int, caption: str) -> tuple[QLabel, QLabel]:
        frame, value, detail = make_card(caption, margins=(14, 10, 14, 10))
        grid.addWidget(frame, 0, column)
        return value, detail

    # ------------------------------------------------------------------ actions
    def current_measure(self) -> str:
        return str(self.measure.currentData())

    def _choose(self, text: str) -> None:
        text = (text or "").strip()
        if not text:
            return
        try:
            gemeente = find_gemeente(text)
        except UnknownGemeenteError as exc:
            self.message.setText(exc.melding)
            return
        self.message.setText("")
        self.search.setText(gemeente.naam)
        if gemeente.code == self.project.gemeente_code:
            self._reload()
        else:
            self.project.set_gemeente(gemeente.code)  # the project event reloads the panel

    def _measure_chosen(self) -> None:
        """The measure is a choice of the analysis, so it lives in the project (section 'benchmark')."""
        if (self.project.choices.get("benchmark") or {}).get("maat") != self.current_measure():
            self.project.set_choice("benchmark", {"maat": self.current_measure()})
        else:
            self._reload()

    def _sync_measure_from_project(self) -> None:
        stored = (self.project.choices.get("benchmark") or {}).get("maat", DEFAULT_MEASURE)
        index = self.measure.findData(stored if stored in MEASURES else DEFAULT_MEASURE)
        if index >= 0 and index != self.measure.currentIndex():
            self.measure.blockSignals(True)
            self.measure.setCurrentIndex(index)
            self.measure.blockSignals(False)

    def on_project_changed(self, what: str) -> None:
        if what in ("*", Sectie.BENCHMARK):
            self._sync_measure_from_project()
        self._reload()

    def _reload(self) -> None:
        code = self.project.gemeente_code
        if not code:
            self._show_empty()
            return
        key = (code, self.current_measure())
        shown = self.data and (self.data["profiel"]["code"], self.data["grafiek"]["maat"]) == key
        if shown or self._loading == key:
            return
        self._loading = key
        self.context.run_task(
            gemeente_paneel, code, key[1], label="Gemeente laden", owner=self,
            on_finished=lambda data, k=key: self._show(data, k),
            on_failed=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        if isinstance(error, UnknownGemeenteError):
            self.message.setText(f"De gemeente van dit project ({self.project.gemeente_code}) is onbekend. "
                                 "Kies een gemeente.")
            return
        self.context.show_error(error, "Gemeente laden is mislukt")

    # ------------------------------------------------------------------ render
    def _show_empty(self) -> None:
        self.data = None
        self.title_label.setText("Gemeente & benchmark")
        self.message.setText("Kies uw gemeente om taakzwaarte, uitgaven en benchmark te zien.")
        for value, detail in ((self.inwoners_value, self.inwoners_detail), (self.klasse_value, self.klasse_detail),
                              (self.rang_value, self.rang_detail), (self.structuur_value, self.structuur_detail)):
            value.setText("–")
            detail.setText("")
        for model in (self.benchmark_model, self.peers_model, self.spending_model):
            model.set_frame(pd.DataFrame())

    def _show(self, data: dict, key: tuple[str, str]) -> None:
        if key != (self.project.gemeente_code, self.current_measure()):
            self._loading = None
            self._reload()  # the choice changed while computing
            return
        self._loading = None
        self.data = data
        p = data["profiel"]
        tz = p["taakzwaarte"]
        self.title_label.setText(f"{p['naam']} — gemeente & benchmark")
        if not self.search.hasFocus():
            self.search.setText(p["naam"])
        self.message.setText(f"{p['naam']} ({p['code']}), provincie {p['provincie']}"
                             + (f"; in Iv3/gemeentefonds: {p['naam_iv3']}" if p["naam_iv3"] != p["naam"] else ""))
        self.inwoners_value.setText(fmt.getal(p["inwoners"]))
        self.inwoners_detail.setText(f"{fmt.getal(p['volwassenen'])} volwassenen (18+) · gemeentefonds 2025")
        self.klasse_value.setText(tz["klasse"])
        self.klasse_detail.setText(f"index {fmt.euro(tz['index'], 2)} per inwoner · {tz['circulaire']}")
        self.class_bar.set_position(data["klassegrenzen"], tz["index"], tz["klasse"])
        self.rang_value.setText(f"{tz['rang']} van 342")
        self.rang_detail.setText("1 = zwaarste taak (hoogste index)")
        self.structuur_value.setText(p["stedelijkheid"])
        self.structuur_detail.setText(f"centrumfunctie {p['centrumfunctie']}\n"
                                      f"sociale structuur {p['sociale_structuur']}")
        self.decomposition.show_data(tz["componenten"], p["inwoners"], data["mediaan_componenten"],
                                     data["maatstaf_namen"], p["naam"],
                                     f"BZK gemeentefonds, {tz['circulaire']}, cluster Individuele voorzieningen Wmo "
                                     f"(uitkeringsfactor {fmt.getal(tz['uitkeringsfactor'], 3)}); € per inwoner, 2025.")
        self.scatter.show_data(data["grafiek"])
        self._fill_tables(p)

    def _fill_tables(self, p: dict) -> None:
        rows = []
        for key, b in p["benchmark"].items():
            rows.append({
                "Uitgavenpost": b["label"], "Werkelijk": b["werkelijk"], "Verwacht": b["verwacht"],
                "80%-interval": f"{fmt.euro(b['interval_80'][0])} – {fmt.euro(b['interval_80'][1])}",
                "Verschil": b["residu"], "Percentiel": b["percentiel"], "In klasse": b["percentiel_klasse"],
            })
        self.benchmark_model.set_frame(pd.DataFrame(rows))
        self._stretch_after_first(self.benchmark_view)
        _fit_height(self.benchmark_view)
        first = next(iter(p["benchmark"].values()))
        self.benchmark_note.setText(
            f"Verwacht: regressie over 342 gemeenten op taakzwaarte, omvang, stedelijkheid, centrumfunctie en "
            f"sociale structuur (robuuste standaardfouten). Percentiel: aandeel gemeenten dat minder uitgeeft. "
            f"Bron: {p['bronnen'][-1]}. R² maatwerk {fmt.getal(p['benchmark']['maatwerk']['r2'], 2)}; "
            f"n = {first['n']}. Het 80%-interval is ruim voor de meeste gemeenten; werkelijk valt erbinnen: "
            + ", ".join(f"{key} {fmt.procent(b['dekking_80'])}" for key, b in p["benchmark"].items())
            + " van de gemeenten." + "".join(f"\nLet op: {w}" for w in p.get("waarschuwingen", [])))
        peers = pd.DataFrame(p["peers"]).rename(columns={
            "naam": "Gemeente", "code": "Code", "afstand": "Afstand", "taakzwaarte_klasse": "Taakzwaarte"})
        self.peers_model.set_frame(peers[["Gemeente", "Code", "Afstand", "Taakzwaarte"]])
        self.peers_view.resizeColumnsToContents()
        _fit_height(self.peers_view)
        labels = {"6.1": "6.1 Samenkracht en burgerparticipatie", "6.2": "6.2 Wijkteams (toegang)",
                  "6.6": "6.6 Maatwerkvoorzieningen", "6.71": "6.71 Niet uitgesplitst (2025: PGB Wmo)", "6.71a": "6.71a Huishoudelijke hulp",
                  "6.71b": "6.71b Begeleiding", "6.71c": "6.71c Dagbesteding",
                  "6.71d": "6.71d Overige maatwerkarrangementen", "6.81a": "6.81a Beschermd wonen",
                  "6.81b": "6.81b Opvang", "maatwerk": "Maatwerk (6.6 + 6.71)", "diensten": "Diensten (6.71)"}
        spend = []
        for tv, label in labels.items():
            row = {"Taakveld": label}
            for jaar, soort in (("2023", "jaarrekening"), ("2024", "begroting"), ("2025", "begroting")):
                u = p["uitgaven"][jaar][tv]
                row[f"{jaar} {soort} (€)"] = u["netto"]
                row[f"{jaar} per volwassene"] = u["per_volwassene"]
            spend.append(row)
        frame = pd.DataFrame(spend)
        self.spending_model.set_frame(frame)
        self._stretch_after_first(self.spending_view)
        _fit_height(self.spending_view)
        hbh = (f"Cliënten hulp bij het huishouden 2019: {fmt.getal(p['hbh_per_1000_2019'], 1)} per 1.000 inwoners "
               f"({p['hbh_2019_opmerking']}). " if p["hbh_per_1000_2019"] is not None else "")
        self.sources.setText(hbh + "2025 omgezet naar de taakvelden van 2023 (zie manifest). Eenheid: "
                             + p["uitgaven_toelichting"]["eenheid"] + ". Bronnen: " + " | ".join(p["bronnen"]))

    @staticmethod
    def _stretch_after_first(view: CopyableTableView) -> None:
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

    def _card_texts(self) -> dict[str, str]:
        """For tests and screenshots: what the cards say."""
        return {"inwoners": self.inwoners_value.text(), "klasse": self.klasse_value.text(),
                "rang": self.rang_value.text(), "structuur": self.structuur_value.text()}


def create_panel(context: PanelContext) -> GemeentePanel:
    return GemeentePanel(context)


if __name__ == "__main__":
    import sys

    from wijkkompas.gui.app import run_panel_standalone

    sys.exit(run_panel_standalone("gemeente"))
