"""Verdeelmodel: distribute a budget over wijken and teams, and show why and how far from now.

Left the inputs (what is distributed, method, weights table, ingroeipad), right
the Resultaat of ``core.verdeel`` — the same object ``wijkkompas verdeel --json``
prints and the report renders. Every edit is stored in the project as
``choices["verdeelmodel"]`` and recomputed at once: the expensive part (history
from declaraties, per project state) is computed once into a ``Basis``; a new
method or weight only re-evaluates the key.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QVBoxLayout, QWidget

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.resultaat import Resultaat
from wijkkompas.core.sections import Sectie
from wijkkompas.core.verdeel import SECTIE, VerdeelInstellingen, basis, bewaar, laad
from wijkkompas.core.verdeel.model import bereken
from wijkkompas.core.verdeel.resultaat import naar_resultaat
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.panels.verdeelmodel_widgets import VerdeelForm
from wijkkompas.gui.resultaat_view import ResultaatView
from wijkkompas.gui.widgets import MeegroeiendeKolom, make_label, scroll_area

LEEG = ("Er zijn nog geen wijkgegevens. Lees onder Import een wijkbestand in (wijkcode, naam, inwoners, "
        "75-plussers, eenpersoonshuishoudens, huishoudens met laag inkomen); met declaraties en toewijzingen "
        "erbij vergelijkt het verdeelmodel ook met de huidige verdeling.")


class VerdeelmodelPanel(Panel):
    slug = "verdeelmodel"
    title = "Verdeelmodel"
    leest = frozenset({Sectie.VERDEELMODEL, Sectie.TABELLEN, Sectie.GEMEENTE})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._basis = None
        self._resultaat: Resultaat | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(14, 16, 8, 16)
        left_layout.addWidget(make_label("Instellingen", "section"))
        left_layout.addWidget(make_label("Volg de stappen van Bijlage IV (Kennisdocument Sociale wijkteams, 2013): "
                                         "bepaal het bedrag, kies een verdeelsleutel en vergelijk met nu.", "muted"))
        self.form = VerdeelForm()
        left_layout.addWidget(self.form)
        left_scroll = scroll_area(left)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(360)
        self.splitter.addWidget(left_scroll)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(14, 16, 18, 16)
        self.heading = make_label("Verdeelmodel", "title")
        right_layout.addWidget(self.heading)
        self.status = make_label("", "muted")
        self.status.setObjectName("verdeelStatus")
        right_layout.addWidget(self.status)
        self.naar_import = QPushButton("Naar Import")
        self.naar_import.clicked.connect(lambda: self.context.navigate("import"))
        right_layout.addWidget(self.naar_import, 0, Qt.AlignmentFlag.AlignLeft)
        self.view = ResultaatView(LEEG)
        right_layout.addWidget(self.view, 1)
        self._right_layout = right_layout
        self.splitter.addWidget(scroll_area(right))
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 900])
        # wider settings on a wide screen: budget lines and the key's name were cut to "…" at 1920×1080 too
        self.kolom = MeegroeiendeKolom(self.splitter, 400, 560, 1060)

        self.form.changed.connect(self._on_form_changed)
        self.load_from_project()

    # ------------------------------------------------------------------ project <-> view
    def _stored(self) -> VerdeelInstellingen:
        try:
            return laad(self.project)
        except WijkkompasError:
            return VerdeelInstellingen()

    def load_from_project(self) -> None:
        self._basis = None
        self.form.set_instellingen(self._stored())
        self.refresh()

    def _on_form_changed(self, inst: VerdeelInstellingen) -> None:
        bewaar(self.project, inst)  # the project event recomputes

    def on_project_changed(self, what: str) -> None:
        if what in (Sectie.ALLES.value, Sectie.TABELLEN.value, Sectie.GEMEENTE.value):
            self.load_from_project()
        elif what == SECTIE:
            if self._stored() != self.form.inst:
                self.form.set_instellingen(self._stored())
            self.refresh()

    # ------------------------------------------------------------------ result
    def refresh(self) -> None:
        wijken = self.project.tables.get("wijken")
        has_wijken = wijken is not None and not wijken.empty
        self.naar_import.setVisible(not has_wijken)
        self.form.setEnabled(has_wijken)
        if not has_wijken:
            self._resultaat = None
            self.status.setText("")
            self._show(None)
            return
        inst = self.form.inst
        try:
            if self._basis is None:
                self._basis = basis(self.project)
            uitkomst = bereken(self.project, inst, self._basis)
        except WijkkompasError as exc:
            self.status.setText(f"De verdeling kan niet worden berekend: {exc.melding}")
            self.status.setStyleSheet("color: #b00020;")
            self.form.show_fout(exc.melding)
            return
        self.status.setStyleSheet("")
        self.form.show_fout("")
        self.form.show_uitkomst(uitkomst.te_verdelen.regels, uitkomst.gewichten, uitkomst.te_verdelen.stappen)
        self._resultaat = naar_resultaat(self.project, uitkomst)
        self.status.setText(f"{self._resultaat.titel.split(': ', 1)[-1]} · {self._resultaat.ondertitel}")
        self._show(self._resultaat)

    def _show(self, resultaat: Resultaat | None) -> None:
        """A fresh view per result: the old one is hidden and detached at once, so no stale widget lingers."""
        old = self.view
        self.view = ResultaatView(LEEG)
        self.view.setObjectName("verdeelResultaat")
        self.view.set_resultaat(resultaat)
        _hide_detached_children(self.view)
        self._right_layout.replaceWidget(old, self.view)
        old.hide()
        old.setParent(None)
        old.deleteLater()

    def resultaat(self) -> Resultaat | None:
        return self._resultaat


def _hide_detached_children(view: QWidget) -> None:
    """Hide children a view took out of its layout but has not deleted yet (deleteLater waits for the loop)."""
    layout = view.layout()
    kept = {layout.itemAt(i).widget() for i in range(layout.count())}
    for child in view.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if child not in kept:
            child.hide()


def create_panel(context: PanelContext) -> VerdeelmodelPanel:
    return VerdeelmodelPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("verdeelmodel"))
