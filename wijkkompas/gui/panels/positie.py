"""Positie: the municipality on the typology (toegang, CPB type, inkoopprofiel, taakzwaarte) with findings.

Left the questionnaire, right the result. Every edit is stored in the project as
``choices["positie"]``: a ``PositieKeuze`` whose JSON is the CLI's input shape plus
``versie``. A damaged stored value shows the defaults with a warning (the project
still opens); the stored value is read only through ``PositieKeuze``. The result is computed
by ``core.typology.assess`` — the function behind ``wijkkompas positie`` — so the
view can always be reproduced headless. ``assess`` is fast (no task needed). The
panel keeps and renders the typed ``Assessment``; Exporteer… and the CLI's
``--json`` both turn that same object into its Resultaat.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.sections import Sectie
from wijkkompas.core.errors import AnswerError, WijkkompasError
from wijkkompas.core.typology import Assessment, PositieKeuze, Taakzwaarte, assess, lookup_taakzwaarte
from wijkkompas.core.typology.assessment import TAAKZWAARTE_TOELICHTING
from wijkkompas.core.typology.keuze import opgeslagen
from wijkkompas.gui.messages import MessageBar
from wijkkompas.gui.style import set_role
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.panels.inkoop import VoorstelBalk
from wijkkompas.gui.positie_form import PositieForm
from wijkkompas.gui.positie_grid import ToegangGrid
from wijkkompas.gui.positie_results import (
    PRODUCT_KORT,
    FindingCard,
    LeesbareRegel,
    ProfielTable,
    summary_card,
    taakzwaarte_text,
)
from wijkkompas.gui.widgets import make_label, scroll_area

SECTION = Sectie.POSITIE.value




class PositiePanel(Panel):
    slug = "positie"
    title = "Positie"
    leest = frozenset({Sectie.POSITIE, Sectie.GEMEENTE, Sectie.TABELLEN})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.result: Assessment | None = None
        self._taakzwaarte_cache: dict[str | None, Taakzwaarte] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("positieSplitter")
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(14, 16, 8, 16)
        left_layout.addWidget(make_label("Vragenlijst", "section"))
        left_layout.addWidget(make_label("Beschrijf hoe uw gemeente de toegang en de inkoop heeft ingericht. "
                                     "Wijs met de muis een keuze aan voor de uitleg uit het onderzoek.", "muted"))
        self.messages = MessageBar()  # "opgeslagen": a damaged stored value; "invoer": answers not stored
        left_layout.addWidget(self.messages)
        self.voorstel = VoorstelBalk()  # inkoop answers derived from the imported tarieven (issue 19)
        self.voorstel.overnemen.connect(self._neem_voorstel_over)
        left_layout.addWidget(self.voorstel)
        self.form = PositieForm()
        left_layout.addWidget(self.form)
        left_scroll = scroll_area(left)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter.addWidget(left_scroll)

        right = QWidget()
        right.setObjectName("positieResult")
        self.result_layout = QVBoxLayout(right)
        self.result_layout.setContentsMargins(14, 16, 18, 16)
        self.result_layout.setSpacing(10)
        self.heading = make_label("Positie in de typologie", "title")
        self.result_layout.addWidget(self.heading)
        self.status = make_label("", "muted")
        self.status.setObjectName("positieStatus")
        self.result_layout.addWidget(self.status)

        top = QHBoxLayout()
        top.setSpacing(12)
        grid_box = QVBoxLayout()
        grid_box.setSpacing(2)
        grid_box.addWidget(make_label("Toegang: breedte × positionering", "section"))
        grid_box.setContentsMargins(0, 0, 0, 0)
        self.grid = ToegangGrid()
        grid_box.addWidget(self.grid)
        legend = make_label("Oranje stip: uw gemeente. Gekleurd: de hoofdvarianten uit de casestudies — 1 smal en intern (blauw), 2 samen met "
                        "aanbieders (groen), 3 breed en op afstand (zandkleur). Bron: RIVM/Cebeon (2025), Box 2.1, "
                        "Box 2.2, §2.4 en Figuur 2.1 (18 casestudiegemeenten).", "source")
        grid_box.addWidget(legend)
        grid_box.addStretch(1)
        top.addLayout(grid_box, 3)
        cards = QVBoxLayout()
        cards.setSpacing(8)
        card, self.taakzwaarte_value, self.taakzwaarte_detail = summary_card("Taakzwaarte", "", "", "cardTaakzwaarte")
        card.setToolTip(TAAKZWAARTE_TOELICHTING)
        cards.addWidget(card)
        card, self.toegang_value, self.toegang_detail = summary_card("Toegang", "", "", "cardToegang")
        cards.addWidget(card)
        self.cpb_label = QLabel()
        self.cpb_label.setObjectName("cpbType")
        self.cpb_label.setWordWrap(True)
        self.cpb_label.setToolTip("CPB (2019): A alleen Wmo-loket · B wijkteam zonder zorgaanbieders · "
                                  "C wijkteam met zorgaanbieders (in het team, met advies of eigen indicatie).")
        card.layout().addWidget(self.cpb_label)
        card, self.profiel_value, self.profiel_detail = summary_card("Inkoopprofiel", "", "", "cardProfiel")
        cards.addWidget(card)
        cards.addStretch(1)
        top.addLayout(cards, 2)
        self.result_layout.addLayout(top)

        self.result_layout.addWidget(make_label("Inkoopprofiel per product tegenover het landelijk beeld", "section"))
        self.table = ProfielTable()
        self.result_layout.addWidget(self.table, 0, Qt.AlignmentFlag.AlignLeft)  # hugs its columns
        self.table_source = LeesbareRegel("", "source")  # stops at a readable width on a wide screen
        self.result_layout.addWidget(self.table_source)

        self.findings_title = make_label("Bevindingen", "section")
        self.result_layout.addWidget(self.findings_title)
        self.findings_box = QVBoxLayout()
        self.findings_box.setSpacing(8)
        self.result_layout.addLayout(self.findings_box)
        self.result_layout.addStretch(1)
        self.splitter.addWidget(scroll_area(right))
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 820])  # the profile table (8 columns) needs the room more than the form

        self.form.answers_changed.connect(self._on_answers_changed)
        self.load_from_project()

    # ------------------------------------------------------------------ project <-> view
    def stored_keuze(self) -> PositieKeuze:
        """The project's keuze; unanswered (or damaged, with ``waarschuwing``) until the user answers."""
        return opgeslagen(self.project)

    def load_from_project(self) -> None:
        keuze = self.stored_keuze()
        self.form.set_answers(keuze.getoond.to_json())
        self.messages.set("opgeslagen", keuze.waarschuwing, "warning")  # empty clears
        self.refresh()

    def _store(self, answers: dict[str, Any]) -> None:
        """Store answers as a versioned keuze; answers that do not validate are shown, never stored."""
        try:
            keuze = PositieKeuze.parse(answers)
        except AnswerError as exc:
            self.messages.set("invoer", f"De antwoorden zijn niet opgeslagen: {exc.melding}", "error")
            return
        self.messages.clear("invoer")
        self.messages.clear("opgeslagen")  # the user's answers replace the damaged value
        self.project.set_choice(SECTION, keuze.to_json())  # the project event refreshes the result

    def _on_answers_changed(self, answers: dict[str, Any]) -> None:
        self._store(answers)

    def _neem_voorstel_over(self, answers: dict[str, Any]) -> None:
        # The proposal fills in ``inkoop`` only; before anything is stored the rest comes from what the form shows.
        self._store({**self.form.answers(), **answers})

    def on_project_changed(self, what: str) -> None:
        # The form reloads only when the stored answers differ from what it shows (another project, an undo,
        # the CLI's file, a new project: the defaults); the user's own edit comes back as an event with equal
        # answers and only refreshes.
        if what in ("*", SECTION) and self.stored_keuze().getoond.to_json() != self.form.answers():
            self.load_from_project()
        else:
            if what in ("*", SECTION):
                self.messages.set("opgeslagen", self.stored_keuze().waarschuwing, "warning")
            self.refresh()

    # ------------------------------------------------------------------ result
    def _taakzwaarte(self) -> Taakzwaarte | None:
        code = self.project.gemeente_code
        if not code:
            return Taakzwaarte(None, None, None, None)
        if code not in self._taakzwaarte_cache:
            self._taakzwaarte_cache[code] = lookup_taakzwaarte(code)
        return self._taakzwaarte_cache[code]

    def resultaat(self):
        """What Exporteer… writes: the shown position, only once the user has answered (none from defaults)."""
        from wijkkompas.core.typology.resultaat import positie_resultaat

        if self.result is None or not self.stored_keuze().ingevuld:
            return None
        return positie_resultaat(self.result)

    def refresh(self) -> None:
        keuze = self.stored_keuze()
        self.voorstel.toon(self.project, keuze.to_json() if keuze.ingevuld else None)
        try:
            # Untouched form = default answers, not the gemeente's: classify, but show no findings (issue 16).
            self.result = assess(keuze.getoond, taakzwaarte=self._taakzwaarte(), ingevuld=keuze.ingevuld)
        except WijkkompasError as exc:
            self.result = None
            self.status.setText(f"De positie kan niet worden bepaald: {exc.melding}")
            set_role(self.status, "error")
            return
        set_role(self.status, "muted")
        tz = self.result.taakzwaarte
        beantwoord = self.result.beantwoord()
        self.status.setText(
            beantwoord.tekst
            if beantwoord.status == "niet ingevuld" else
            f"{self.project.naam}" + (f" · taakzwaarte van {tz.naam} ({tz.code})" if tz.code else
                                      " · geen gemeente gekozen")
            + (f" · {beantwoord.tekst}" if beantwoord.status == "gedeeltelijk" else "")
        )
        self.show_result(self.result)

    def show_result(self, a: Assessment) -> None:
        t = a.toegang()
        self.grid.set_position(t.breedte.code, t.positionering.code)
        klasse, detail = taakzwaarte_text(a)
        self.taakzwaarte_value.setText(klasse)
        self.taakzwaarte_detail.setText(detail)
        self.toegang_value.setText(f"breedte {t.breedte.code} · positionering {t.positionering.code}")
        self.toegang_detail.setText(f"{t.breedte.label}; {t.positionering.label}")
        self.cpb_label.setText(f"<b>CPB-type {t.cpb_type}</b>: {t.cpb_label}")
        self.profiel_value.setText(
            " · ".join(f"{PRODUCT_KORT[p]} {keuze.profiel}" for p, keuze in a.profielen.items()) or "niet ingevuld")
        self.profiel_detail.setText("Tabel 3.1 RIVM/Cebeon (2025)")
        self.table.show_result(a)
        self.table_source.setText(
            "Landelijk: alleen de bandbreedtes die de tekst noemt (Monitor zorginkoop 2023, RIVM/Cebeon 2025 §3.3, "
            "Figuur 3.1); de exacte percentages van de figuur zijn niet beschikbaar. Oranje: uw profielen.")
        while self.findings_box.count():
            widget = self.findings_box.takeAt(0).widget()
            if widget is not None:
                # hide and detach now: deleteLater may wait for the event loop, and a detached
                # but visible card would otherwise linger on top of the view
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        counts = {e: sum(1 for b in a.bevindingen if b.ernst == e) for e in ("aandachtspunt", "sterk punt", "info")}
        self.findings_title.setText(
            f"Bevindingen: {counts['aandachtspunt']} aandachtspunt(en), {counts['sterk punt']} sterk(e) punt(en), "
            f"{counts['info']} ter informatie")
        for finding in a.bevindingen:
            self.findings_box.addWidget(FindingCard(finding, a.library))

    def finding_cards(self) -> list[FindingCard]:
        cards = []
        for index in range(self.findings_box.count()):
            widget = self.findings_box.itemAt(index).widget()
            if isinstance(widget, FindingCard):
                cards.append(widget)
        return cards


def create_panel(context: PanelContext) -> PositiePanel:
    return PositiePanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("positie"))
