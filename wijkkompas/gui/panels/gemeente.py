"""Gemeente & benchmark: choose the gemeente, see its taakzwaarte, spending and benchmark.

Everything shown comes from ``core.reference.profiel.gemeente_paneel`` (also behind
``wijkkompas gemeente NAAM --json``), computed in a task; this module lays it out.
The chosen gemeente lives in the project (``project.set_gemeente``), so the panel
follows ``project.gemeente_code`` when another project is opened.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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

from wijkkompas.core import formatting as fmt
from wijkkompas.core.benchmark import MEASURE_LABELS, MEASURES
from wijkkompas.core.errors import UnknownGemeenteError
from wijkkompas.core.reference import find_gemeente, gemeenten
from wijkkompas.core.reference.resultaat import GemeenteWeergave, gemeente_weergave
from wijkkompas.core.resultaat import Resultaat, Tabel
from wijkkompas.core.sections import BenchmarkKeuze, Sectie
from wijkkompas.gui.messages import MessageBar
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.panels.gemeente_widgets import BenchmarkScatter, ClassBar, DecompositionChart
from wijkkompas.gui.resultaat_view import ResultaatTabelModel, TabelView
from wijkkompas.gui.table_model import CopyableTableView
from wijkkompas.gui.widgets import make_card, make_label, scroll_area

DEFAULT_MEASURE = BenchmarkKeuze().maat
EMPTY_TEXT = "Kies uw gemeente hierboven om taakzwaarte, uitgaven en benchmark te zien."
KNOWN_TABLES = ("taakzwaarte", "benchmark", "peers", "uitgaven")


def _table(min_height: int = 120) -> tuple[CopyableTableView, ResultaatTabelModel]:
    """A table that hugs its columns, the shared rule of ``resultaat_view.TabelView``.

    Why: with a stretched label column the benchmark table ran across a 1920 px page, its figures far from
    the row names they belong to. The view is as wide as its columns and shrinks, with a scroll bar, on a
    page narrower than that (a 1280×720 laptop).
    """
    view = TabelView()
    model = ResultaatTabelModel(parent=view)
    view.setModel(model)
    view.setMinimumHeight(min_height)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(False)
    return view, model


def _fit_height(view: CopyableTableView) -> None:
    """Show every row without an inner scrollbar: the panel itself scrolls."""
    rows = view.model().rowCount()
    height = view.horizontalHeader().height() + sum(view.rowHeight(r) for r in range(rows)) + 2 * view.frameWidth()
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().height()
    view.setFixedHeight(max(height + 2, 60))


def _fit_columns(view: CopyableTableView) -> None:
    """Every header and cell readable: each column fits its contents and no column takes the spare width."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    view.updateGeometry()


class GemeentePanel(Panel):
    slug = "gemeente"
    title = "Gemeente & benchmark"
    leest = frozenset({Sectie.GEMEENTE, Sectie.BENCHMARK, Sectie.TABELLEN})  # tables: the own figures

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.view: GemeenteWeergave | None = None
        self._loading: tuple[str, str] | None = None
        self._extra: list[QWidget] = []
        names = sorted(gemeenten()["naam"], key=str.lower)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # Header bar outside the scroll area: the chooser stays visible on this long panel, and typing
        # never goes into a chart that scrolled under the mouse.
        header = QWidget()
        header.setObjectName("gemeenteKop")
        head = QVBoxLayout(header)
        head.setContentsMargins(28, 14, 28, 6)
        top = QHBoxLayout()
        self.title_label = make_label("Gemeente & benchmark", "title", wrap=False)
        top.addWidget(self.title_label, 1)
        top.addWidget(make_label("Gemeente:", wrap=False))
        self.search = QLineEdit()
        self.search.setObjectName("gemeenteZoek")
        self.search.setPlaceholderText("naam of CBS-code, bijv. Deventer of GM0150")
        self.search.setMinimumWidth(260)
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
        head.addLayout(top)
        self.message = make_label("", "muted")
        self.message.setObjectName("gemeenteMelding")
        head.addWidget(self.message)
        self.messages = MessageBar()
        head.addWidget(self.messages)
        outer.addWidget(header)

        body = QWidget()
        outer.addWidget(scroll_area(body), 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(28, 6, 28, 20)
        layout.setSpacing(12)

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

        self.benchmark_title = make_label("Benchmark: € per volwassene, jaarrekening 2023", "section")
        layout.addWidget(self.benchmark_title)
        self.benchmark_view, self.benchmark_model = _table()
        layout.addWidget(self.benchmark_view)
        self.benchmark_note = make_label("", "muted")
        layout.addWidget(self.benchmark_note)
        layout.addWidget(make_label("Vergelijkbare gemeenten", "section"))
        peers_row = QHBoxLayout()
        self.peers_view, self.peers_model = _table()
        self.peers_view.setMaximumWidth(620)
        peers_row.addWidget(self.peers_view, 3)
        self.peers_note = make_label("", "muted")
        peers_row.addWidget(self.peers_note, 2)
        layout.addLayout(peers_row)

        layout.addWidget(make_label("Uitgaven per taakveld (netto lasten, Iv3)", "section"))
        self.spending_view, self.spending_model = _table(min_height=300)
        layout.addWidget(self.spending_view)
        self.spending_note = make_label("", "muted")
        layout.addWidget(self.spending_note)
        self.extra_layout = QVBoxLayout()
        layout.addLayout(self.extra_layout)
        self.sources = make_label("", "source")
        self.sources.setObjectName("gemeenteBronnen")
        layout.addWidget(self.sources)
        layout.addStretch(1)
        self._show_empty()

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
            self.messages.set("keuze", "Typ een gemeentenaam of CBS-code, bijvoorbeeld Deventer of GM0150.", "info")
            return
        try:
            gemeente = find_gemeente(text)
        except UnknownGemeenteError as exc:
            self.messages.set("keuze", exc.melding, "error")
            return
        self.messages.clear("keuze")
        self.search.setText(gemeente.naam)
        if gemeente.code == self.project.gemeente_code:
            self._reload()
            if self.view is not None:
                self._show_subtitle(self.view)  # same gemeente, other spelling: keep the subtitle
        else:
            self.project.set_gemeente(gemeente.code)  # the project event reloads the panel

    def _measure_chosen(self) -> None:
        """The measure is a choice of the analysis, so it lives in the project (section 'benchmark')."""
        keuze = BenchmarkKeuze(maat=self.current_measure())
        if BenchmarkKeuze.from_json(self.project.choices.get(Sectie.BENCHMARK.value), tuple(MEASURES)) != keuze:
            self.project.set_choice(Sectie.BENCHMARK.value, keuze.to_json())
        else:
            self._reload()

    def _sync_measure_from_project(self) -> None:
        stored = BenchmarkKeuze.from_json(self.project.choices.get(Sectie.BENCHMARK.value), tuple(MEASURES)).maat
        index = self.measure.findData(stored)
        if index >= 0 and index != self.measure.currentIndex():
            self.measure.blockSignals(True)
            self.measure.setCurrentIndex(index)
            self.measure.blockSignals(False)

    def on_project_changed(self, what: str) -> None:
        if what in ("*", Sectie.BENCHMARK):
            self._sync_measure_from_project()
        if what in ("*", Sectie.TABELLEN) and self.view is not None:
            self._loading = None
            self.view = None  # new imports change the own figures beside the reference: recompute
        self._reload()

    def _reload(self) -> None:
        code = self.project.gemeente_code
        if not code:
            self._show_empty()
            return
        key = (code, self.current_measure())
        shown = self.view is not None and (self.view.kaart.code, self.view.maat) == key
        if shown or self._loading == key:
            return
        self._loading = key
        self.context.run_task(
            gemeente_weergave, code, key[1], project=self.project, label="Gemeente laden", owner=self,
            on_finished=lambda view, k=key: self._show(view, k),
            on_failed=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self._loading = None
        if isinstance(error, UnknownGemeenteError):
            self.messages.set("keuze", f"De gemeente van dit project ({self.project.gemeente_code}) is onbekend. "
                                       "Kies een gemeente.", "error")
            return
        self.context.show_error(error, "Gemeente laden is mislukt")

    def resultaat(self) -> Resultaat | None:
        return None if self.view is None else self.view.resultaat

    # ------------------------------------------------------------------ render
    def _show_empty(self) -> None:
        self.view = None
        self.title_label.setText("Gemeente & benchmark")
        self.message.setText(EMPTY_TEXT)
        self.messages.show_result_warnings([])
        for value, detail in ((self.inwoners_value, self.inwoners_detail), (self.klasse_value, self.klasse_detail),
                              (self.rang_value, self.rang_detail), (self.structuur_value, self.structuur_detail)):
            value.setText("–")
            detail.setText("")
        self.class_bar.hide()
        for model in (self.benchmark_model, self.peers_model, self.spending_model):
            model.set_tabel(None)
        for note in (self.benchmark_note, self.peers_note, self.spending_note, self.sources):
            note.setText("")
        self.decomposition.show_empty("Hier komt de opbouw van de taakzwaarte per maatstaf, zodra u een gemeente kiest.")
        self.scatter.show_empty("Hier komen de uitgaven van alle gemeenten tegenover hun taakzwaarte, met uw gemeente "
                                "en de verwachte uitgaven, zodra u een gemeente kiest.")
        self._set_extra_tables([])

    def _show_subtitle(self, view: GemeenteWeergave) -> None:
        k = view.kaart
        self.message.setText(f"{k.naam} ({k.code}), provincie {k.provincie}"
                             + (f"; in Iv3 en het gemeentefonds: {k.naam_iv3}" if k.naam_iv3 != k.naam else ""))

    def _show(self, view: GemeenteWeergave, key: tuple[str, str]) -> None:
        if key != (self.project.gemeente_code, self.current_measure()):
            self._loading = None
            self._reload()  # the choice changed while computing
            return
        self._loading = None
        self.view = view
        k = view.kaart
        self.title_label.setText(f"{k.naam} — gemeente & benchmark")
        if not self.search.hasFocus():
            self.search.setText(k.naam)
        self._show_subtitle(view)
        self.messages.show_result_warnings(view.resultaat.waarschuwingen)
        self.inwoners_value.setText(fmt.getal(k.inwoners))
        self.inwoners_detail.setText(f"{fmt.getal(k.volwassenen)} volwassenen (18+) · gemeentefonds 2025")
        self.klasse_value.setText(k.klasse or "onbekend")
        self.klasse_detail.setText(f"index {fmt.euro(k.taakzwaarte_index, 2)} per inwoner · {k.circulaire}")
        self.class_bar.show()
        self.class_bar.set_position(view.klassegrenzen, k.taakzwaarte_index, k.klasse)
        self.rang_value.setText(f"{k.rang} van {k.aantal_gemeenten}")
        self.rang_detail.setText("1 = zwaarste taak (hoogste index)")
        self.structuur_value.setText(k.stedelijkheid)
        self.structuur_detail.setText(f"centrumfunctie {k.centrumfunctie}\nsociale structuur {k.sociale_structuur}")
        self.decomposition.show_data(k.componenten, k.inwoners, view.mediaan_componenten, view.maatstaf_namen, k.naam,
                                     f"BZK gemeentefonds, {k.circulaire}, cluster Individuele voorzieningen Wmo "
                                     f"(uitkeringsfactor {fmt.getal(k.uitkeringsfactor, 3)}); € per inwoner, 2025.")
        self.scatter.show_data(view.grafiek)
        self._fill_tables(view.resultaat)

    def _fill(self, view: CopyableTableView, model: ResultaatTabelModel, tabel: Tabel, note: QLabel | None) -> None:
        model.set_tabel(tabel)
        _fit_columns(view)
        _fit_height(view)
        if note is not None:
            note.setText(tabel.toelichting)

    def _fill_tables(self, resultaat: Resultaat) -> None:
        self._fill(self.benchmark_view, self.benchmark_model, resultaat.tabel("benchmark"), self.benchmark_note)
        self._fill(self.peers_view, self.peers_model, resultaat.tabel("peers"), self.peers_note)
        self._fill(self.spending_view, self.spending_model, resultaat.tabel("uitgaven"), self.spending_note)
        self._set_extra_tables([t for t in resultaat.tabellen if t.naam not in KNOWN_TABLES])
        self.sources.setText("Bronnen: " + "; ".join(b.tekst() for b in resultaat.bronnen) + ". "
                             + " ".join(resultaat.aannames))

    def _set_extra_tables(self, tabellen: list[Tabel]) -> None:
        """Tables the Resultaat adds beyond the known ones (e.g. the gemeente's own figures) follow the spending."""
        for widget in self._extra:
            self.extra_layout.removeWidget(widget)
            widget.deleteLater()
        self._extra = []
        for tabel in tabellen:
            title = make_label(tabel.titel, "section")
            view, model = _table()
            self._fill(view, model, tabel, None)
            note = make_label(tabel.toelichting, "muted")
            for widget in (title, view, note):
                self.extra_layout.addWidget(widget)
                self._extra.append(widget)

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
