"""Start: what this project holds and what to do next.

The content comes from ``core.overview.project_overview`` (also printed by
``wijkkompas project``); this module only lays it out. The own key figures are
``core.inkoop.eigen_cijfers.kerncijfers_van`` (the same tables as in Gemeente &
benchmark and in ``wijkkompas inkoop --json``), computed in a task and imported
lazily: an empty window must not load pandas (tests/gui/test_startup_imports.py).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core import formatting
from wijkkompas.core.overview import project_overview
from wijkkompas.core.sections import IMPORT_SOORT_LABELS, MAAND_PREFIX, Sectie
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.widgets import leesbaar, make_card, make_label, scroll_area


PRODUCT_NAMEN = {"hbh": "HbH", "begeleiding": "begeleiding", "dagbesteding": "dagbesteding"}

KERN_NODIG = ("declaraties", "wijken")
KERN_LEEG = ("Importeer {ontbreekt} (onderdeel Import) om hier uw eigen kerncijfers per product te zien: cliënten "
             "per 1.000 inwoners (bij hulp bij het huishouden naast het CBS-cijfer 2019), kosten per cliënt en "
             "uitgaven per volwassene.")

INTRO = (
    "Beslisondersteuning voor de Wmo 2015: waar staat uw gemeente, wat kost het in vergelijking "
    "met vergelijkbare gemeenten, en wat gebeurt er met het budget als…"
)



class StartPanel(Panel):
    slug = "start"
    leest = None  # the overview shows every section of the project
    title = "Start"

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(scroll_area(body))
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(36, 28, 36, 28)
        self.layout_.setSpacing(14)

        self.title_label = make_label("Wijkkompas", "title")
        self.subtitle_label = make_label(INTRO, "subtitle")
        self.layout_.addWidget(self.title_label)
        self.layout_.addWidget(self.subtitle_label)

        self.cards = QGridLayout()
        self.cards.setHorizontalSpacing(14)
        self.layout_.addLayout(self.cards)
        self.gemeente_value, self.gemeente_detail = self._card(0, "Gemeente")
        self.tables_value, self.tables_detail = self._card(1, "Ingelezen bestanden")
        self.positie_value, self.positie_detail = self._card(2, "Positie in de typologie")

        self.kern_title = make_label("Eigen kerncijfers", "section")
        self.layout_.addWidget(self.kern_title)
        self.kern_box = QVBoxLayout()
        self.kern_box.setSpacing(6)
        self.layout_.addLayout(self.kern_box)
        self.kern_empty = make_label("", "muted")
        self.kern_empty.setObjectName("startKernLeeg")
        self.kern_box.addWidget(self.kern_empty)
        self.kern_view = None  # created on the first figures (the table widgets import pandas)
        self.kern_note = make_label("", "muted")
        self.kern_note.setObjectName("startKernToelichting")
        self.kern_note.hide()
        self.kern_box.addWidget(self.kern_note)
        self.kern_tabel = None

        self.layout_.addWidget(make_label("Volgende stappen", "section"))
        self.steps_box = QVBoxLayout()
        self.steps_box.setSpacing(8)
        self.layout_.addLayout(self.steps_box)

        self.layout_.addWidget(make_label("Bestanden in dit project", "section"))
        self.files_label = make_label("", "muted")
        self.files_label.setObjectName("startFiles")
        self.files_label.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.files_label)

        self.layout_.addWidget(make_label("Meegeleverde referentiegegevens", "section"))
        self.sources_label = make_label("", "muted")
        self.sources_label.setObjectName("startSources")
        self.sources_label.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.sources_label)

        self.layout_.addWidget(
            make_label(
                "Wijkkompas werkt volledig offline. Bronbestanden worden alleen gelezen; BSN's en namen komen "
                "nooit in een projectbestand. Gebruik Bestand › Opslaan om dit project als .wkp-bestand te bewaren.",
                "muted",
            )
        )
        self.layout_.addStretch(1)

    def _card(self, column: int, caption: str) -> tuple[QLabel, QLabel]:
        frame, value, detail = make_card(caption)
        self.cards.addWidget(frame, 0, column)
        return value, detail

    def on_project_changed(self, what: str) -> None:
        if what in (Sectie.ALLES, Sectie.TABELLEN, Sectie.GEMEENTE):
            self._refresh_kern()
        overview = project_overview(self.project)
        self.title_label.setText(overview["naam"])
        self.subtitle_label.setText(overview["toelichting"] or INTRO)
        gemeente = overview["gemeente"]
        if gemeente:
            self.gemeente_value.setText(gemeente["naam"])
            parts = [gemeente["code"]]
            if gemeente.get("inwoners"):
                parts.append(f"{formatting.getal(gemeente['inwoners'])} inwoners")
            if gemeente.get("taakzwaarte_klasse"):
                parts.append(f"taakzwaarte {gemeente['taakzwaarte_klasse']}")
            self.gemeente_detail.setText(" · ".join(parts))
        else:
            self.gemeente_value.setText("Nog niet gekozen")
            self.gemeente_detail.setText("Kies uw gemeente in 'Gemeente & benchmark'.")
        imported = [t for t in overview["tabellen"] if not t["tabel"].startswith(MAAND_PREFIX)]
        self.tables_value.setText(str(len(imported)))
        rows = sum(t["rijen"] for t in imported)
        self.tables_detail.setText(f"{formatting.getal(rows)} rijen in totaal" if imported else "Nog niets ingelezen.")
        positie = overview["positie"]
        if positie is None:
            self.positie_value.setText("Nog niet ingevuld")
            self.positie_detail.setText("Beantwoord de vragenlijst in 'Positie'.")
        elif "fout" in positie:
            self.positie_value.setText("Onvolledig")
            self.positie_detail.setText(positie["fout"])
        else:
            profielen = " · ".join(
                f"{PRODUCT_NAMEN.get(product, product)} {letter}" for product, letter in positie["inkoopprofiel"].items()
            )
            self.positie_value.setText(f"CPB-type {positie['cpb_type']}")
            self.positie_detail.setText(
                f"Toegang breedte {positie['breedte']} · positionering {positie['positionering']}\n"
                f"Inkoopprofiel: {profielen or 'niet ingevuld'}\n"
                f"{positie['aandachtspunten']} aandachtspunt(en), {positie['sterke_punten']} sterk(e) punt(en)"
            )
        self._fill_steps(overview["stappen"])
        if imported:
            self.files_label.setText(
                "<br>".join(
                    f"<b>{IMPORT_SOORT_LABELS.get(t['tabel'], t['tabel'])}</b>: {t['bestand'] or 'onbekende bron'} — "
                    f"{formatting.getal(t['rijen'])} rijen"
                    + (f", sha256 {t['sha256'][:12]}…" if t["sha256"] else "")
                    for t in imported
                )
            )
        else:
            self.files_label.setText("Nog geen bestanden ingelezen.")
        sources = overview["referentiegegevens"]
        self.sources_label.setText(
            "<br>".join(f"<b>{s['peiljaar']}</b> — {s['bron']}" for s in sources)
            if sources
            else "Geen referentiegegevens gevonden; installeer Wijkkompas opnieuw."
        )

    def _refresh_kern(self) -> None:
        ontbreekt = [n for n in KERN_NODIG if n not in self.project.tables]
        if ontbreekt:
            self._show_kern(None, ontbreekt)
            return
        from wijkkompas.core.inkoop.eigen_cijfers import kerncijfers_van

        self.kern_empty.setText("Eigen kerncijfers berekenen…")
        self.kern_empty.show()
        self.context.run_task(kerncijfers_van, self.project, label="Eigen kerncijfers berekenen", owner=self,
                              on_finished=lambda tabel: self._show_kern(tabel, []),
                              on_failed=self._kern_failed)

    def _fit_kern(self) -> None:
        """Every row visible without an inner vertical scrollbar (the page scrolls); room for a horizontal one
        only when the window is too narrow for the columns."""
        view = self.kern_view
        if view is None or not view.isVisible():
            return
        rows = view.model().rowCount()
        height = (view.horizontalHeader().sizeHint().height() + sum(view.rowHeight(r) for r in range(rows))
                  + 2 * view.frameWidth() + 2)
        if view.horizontalHeader().length() > view.width() - 2 * view.frameWidth():
            height += view.horizontalScrollBar().sizeHint().height()
        view.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_kern()

    def _kern_failed(self, error: BaseException) -> None:
        self._show_kern(None, [])
        self.kern_empty.setText(f"De eigen kerncijfers konden niet worden berekend: {error}. Controleer de "
                                "geïmporteerde declaraties en wijkgegevens in Import.")

    def _show_kern(self, tabel, ontbreekt: list[str]) -> None:
        self.kern_tabel = tabel
        if tabel is None:
            namen = [IMPORT_SOORT_LABELS.get(n, n).lower() for n in ontbreekt] or ["declaraties en wijken"]
            self.kern_title.setText("Eigen kerncijfers")
            self.kern_empty.setText(KERN_LEEG.format(ontbreekt=" en ".join(namen)))
            self.kern_empty.show()
            self.kern_note.hide()
            if self.kern_view is not None:
                self.kern_view.hide()
            return
        from wijkkompas.gui.resultaat_view import tabel_view

        if self.kern_view is None:
            self.kern_view = tabel_view()
            self.kern_view.setObjectName("startKerncijfers")
            self.kern_view.verticalHeader().hide()
            self.kern_box.insertWidget(1, self.kern_view)
        self.kern_view.model().set_tabel(tabel)
        self.kern_view.resizeRowsToContents()
        self.kern_view.show()
        self._fit_kern()
        self.kern_title.setText(tabel.titel)
        self.kern_empty.hide()
        self.kern_note.setText(tabel.toelichting)
        self.kern_note.show()

    def _fill_steps(self, steps: list[dict]) -> None:
        """One grid of steps: mark, text, button, then the spare width.

        Why: with the text stretched across a 1920 px page the "Openen" buttons sat at the far right, a
        screen's width away from the step they open. In a grid the buttons form a column right after the
        longest step text (capped at a readable width); a narrower page wraps the text instead.
        """
        while self.steps_box.count():
            item = self.steps_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        holder = QWidget()
        holder.setObjectName("startStappen")
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(8)
        grid.setHorizontalSpacing(12)
        longest = 0
        for row, step in enumerate(steps):
            mark = QLabel("✔" if step["gedaan"] else "○")
            mark.setFixedWidth(22)
            mark.setProperty("role", "step-done" if step["gedaan"] else "step-open")
            text = leesbaar(make_label(f"<b>{step['titel']}</b><br>{step['toelichting']}"))
            text.setObjectName(f"stap_tekst_{step['onderdeel']}")
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setWordWrap(False)  # the unwrapped width: what the text needs on one line
            longest = max(longest, min(text.sizeHint().width(), text.maximumWidth()))
            text.setWordWrap(True)
            button = QPushButton("Openen" if step["gedaan"] else "Beginnen")
            button.setObjectName(f"step_{step['onderdeel']}")
            button.setFixedWidth(110)
            button.clicked.connect(lambda _c=False, slug=step["onderdeel"]: self.context.navigate(slug))
            grid.addWidget(mark, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(1, 1)
        margin = 8  # a wrapped label's own rounding must not wrap the longest line
        holder.setMaximumWidth(22 + longest + 110 + 2 * grid.horizontalSpacing() + margin)
        self.steps_box.addWidget(holder)

def create_panel(context: PanelContext) -> StartPanel:
    return StartPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("start"))
