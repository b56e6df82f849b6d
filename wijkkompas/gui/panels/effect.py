"""Effectmeting: did the change in some wijken make a difference, and which aanbieders or teams stand out?

Left the question (stored in the project as ``choices["effect"]``), right two
tabs: the effect (answer in words, event study with intervals and zero line,
monthly means, the estimate tables) and the signals per aanbieder or team
(funnel plot and indicator table). Both are the Resultaat objects of
``core.effect`` — the same the CLI's ``effect``/``signalen --json`` print and
the report renders. The bootstrap runs in a task so the window stays responsive.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from wijkkompas.core.effect import bewaar_vraag, effect_resultaat, vraag_uit_project
from wijkkompas.core.effect.signalen_resultaat import KEUZE_SLEUTEL as SIGNAAL_SLEUTEL
from wijkkompas.core.effect.signalen_resultaat import SignaalKeuze, signalen_resultaat
from wijkkompas.core.errors import TaskCancelled, WijkkompasError
from wijkkompas.core.resultaat import Resultaat
from wijkkompas.core.sections import Sectie
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.panels.effect_widgets import EffectVraagForm, SignaalForm
from wijkkompas.gui.resultaat_view import ResultaatView
from wijkkompas.gui.widgets import make_label, scroll_area

LEEG_DATA = ("Voor een effectmeting zijn toewijzingen en wijkgegevens nodig (en declaraties voor kosten en volume). "
             "Lees ze in onder Import.")
LEEG_VRAAG = ("Kies links de wijken waar de verandering is ingevoerd en de startmaand, en klik op ‘Bereken effect’. "
              "De andere wijken dienen als vergelijking.")
LEEG_SIGNALEN = "Signalen per aanbieder of team verschijnen hier zodra er toewijzingen zijn ingelezen."


def _effect_task(project, vraag, progress=None):
    return effect_resultaat(project, vraag, progress)


def _signalen_task(project, keuze, progress=None):
    return signalen_resultaat(project, keuze, progress)


class EffectPanel(Panel):
    slug = "effect"
    title = "Effectmeting"
    leest = frozenset({Sectie.TABELLEN.value, Sectie.EFFECT.value})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._effect: Resultaat | None = None
        self._signalen: Resultaat | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(14, 16, 8, 16)
        left_layout.addWidget(make_label("De vraag", "section"))
        left_layout.addWidget(make_label("Verschil-in-verschillen zoals het CPB (2019): hoe veranderde de uitkomst in "
                                         "de wijken met de verandering, vergeleken met de wijken zonder?", "muted"))
        self.form = EffectVraagForm()
        self.form.bereken.connect(self.bereken)
        left_layout.addWidget(self.form, 1)
        left_scroll = scroll_area(left)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(380)
        self.splitter.addWidget(left_scroll)

        self.tabs = QTabWidget()
        effect_tab = QWidget()
        effect_layout = QVBoxLayout(effect_tab)
        effect_layout.setContentsMargins(14, 12, 18, 12)
        self.status = make_label("", "muted")
        self.status.setObjectName("effectStatus")
        effect_layout.addWidget(self.status)
        self.naar_import = QPushButton("Naar Import")
        self.naar_import.clicked.connect(lambda: self.context.navigate("import"))
        effect_layout.addWidget(self.naar_import, 0, Qt.AlignmentFlag.AlignLeft)
        self.effect_view = ResultaatView(LEEG_VRAAG)
        self.effect_view.setObjectName("effectResultaat")
        effect_layout.addWidget(self.effect_view, 1)
        self._effect_layout = effect_layout
        self.tabs.addTab(scroll_area(effect_tab), "Effect")

        sig_tab = QWidget()
        sig_layout = QVBoxLayout(sig_tab)
        sig_layout.setContentsMargins(14, 12, 18, 12)
        self.signaal_form = SignaalForm()
        self.signaal_form.changed.connect(self._signaal_changed)
        sig_layout.addWidget(self.signaal_form)
        self.signaal_status = make_label("", "muted")
        sig_layout.addWidget(self.signaal_status)
        self.signaal_view = ResultaatView(LEEG_SIGNALEN)
        self.signaal_view.setObjectName("signaalResultaat")
        sig_layout.addWidget(self.signaal_view, 1)
        self._sig_layout = sig_layout
        self.tabs.addTab(scroll_area(sig_tab), "Signalen per aanbieder en team")
        self.tabs.currentChanged.connect(lambda _i: self._ensure_signalen())
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([400, 966])
        self.load_from_project()

    # ------------------------------------------------------------------ project <-> view
    def _has_data(self) -> bool:
        tables = self.project.tables
        return "toewijzingen" in tables and "wijken" in tables

    def load_from_project(self) -> None:
        self._effect = self._signalen = None
        wijken = self.project.tables.get("wijken")
        pairs = []
        if wijken is not None and "wijk_code" in wijken.columns:
            namen = wijken.get("wijk_naam")
            for i, code in enumerate(wijken["wijk_code"].astype(str)):
                naam = "" if namen is None else str(namen.iloc[i])
                if code not in {p[0] for p in pairs}:
                    pairs.append((code, naam))
        vraag = vraag_uit_project(self.project)
        self.form.set_vraag(vraag)
        self.form.set_wijken(sorted(pairs))
        self.form.set_vraag(vraag)
        self.signaal_form.set_keuze(SignaalKeuze.from_json(self.project.choices.get(SIGNAAL_SLEUTEL)))
        has = self._has_data()
        self.naar_import.setVisible(not has)
        self.form.setEnabled(has)
        self._show(self._effect_layout, "effect_view", None, LEEG_VRAAG if has else LEEG_DATA)
        self._show(self._sig_layout, "signaal_view", None, LEEG_SIGNALEN)
        self.status.setText("")
        if has and vraag.wijken:
            self._run_effect(vraag)
        if self.tabs.currentIndex() == 1:
            self._ensure_signalen()

    def on_project_changed(self, what: str) -> None:
        if what in ("*", "tables"):
            self.load_from_project()

    # ------------------------------------------------------------------ effect
    def bereken(self) -> None:
        vraag = self.form.vraag()
        self.form.show_fout("")
        bewaar_vraag(self.project, vraag)
        self._run_effect(vraag)

    def _run_effect(self, vraag) -> None:
        self.status.setText("Bezig met rekenen (bootstrap over wijken)…")
        self.form.knop.setEnabled(False)
        self.context.run_task(_effect_task, self.project, vraag, label="Effect berekenen",
                              on_finished=self._effect_klaar, on_failed=self._effect_fout, owner=("effect", "schat"))

    def _effect_klaar(self, resultaat: Resultaat) -> None:
        self.form.knop.setEnabled(True)
        self._effect = resultaat
        self.status.setText(f"{resultaat.titel} · {resultaat.ondertitel}")
        self._show(self._effect_layout, "effect_view", resultaat, LEEG_VRAAG)

    def _effect_fout(self, error: BaseException) -> None:
        self.form.knop.setEnabled(True)
        if isinstance(error, TaskCancelled):
            return
        if isinstance(error, WijkkompasError):
            self.form.show_fout(error.melding)
            self.status.setText("")
            return
        self.context.show_error(error, "Effect berekenen mislukt")

    # ------------------------------------------------------------------ signalen
    def _signaal_changed(self) -> None:
        self.project.set_choice(SIGNAAL_SLEUTEL, self.signaal_form.keuze().to_json())
        self._signalen = None
        self._ensure_signalen(force=True)

    def _ensure_signalen(self, force: bool = False) -> None:
        if self.tabs.currentIndex() != 1 or "toewijzingen" not in self.project.tables:
            return
        if self._signalen is not None and not force:
            return
        self.signaal_status.setText("Bezig met rekenen…")
        self.context.run_task(_signalen_task, self.project, self.signaal_form.keuze(), label="Signalen berekenen",
                              on_finished=self._signalen_klaar, on_failed=self._signalen_fout,
                              owner=("effect", "signalen"))

    def _signalen_klaar(self, resultaat: Resultaat) -> None:
        self._signalen = resultaat
        self.signaal_status.setText(f"{resultaat.titel} · {resultaat.ondertitel}")
        self._show(self._sig_layout, "signaal_view", resultaat, LEEG_SIGNALEN)

    def _signalen_fout(self, error: BaseException) -> None:
        if isinstance(error, TaskCancelled):
            return
        if isinstance(error, WijkkompasError):
            self.signaal_status.setText(error.melding)
            self._show(self._sig_layout, "signaal_view", None, error.melding)
            return
        self.context.show_error(error, "Signalen berekenen mislukt")

    # ------------------------------------------------------------------ helpers
    def _show(self, layout, attr: str, resultaat: Resultaat | None, leeg: str) -> None:
        """A fresh view per result, the old one detached at once (no stale widget lingers)."""
        old = getattr(self, attr)
        new = ResultaatView(leeg)
        new.setObjectName(old.objectName())
        new.set_resultaat(resultaat)
        layout.replaceWidget(old, new)
        old.hide()
        old.setParent(None)
        old.deleteLater()
        setattr(self, attr, new)

    def resultaat(self) -> Resultaat | None:
        return self._signalen if self.tabs.currentIndex() == 1 and self._signalen else self._effect


def create_panel(context: PanelContext) -> EffectPanel:
    return EffectPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("effect"))
