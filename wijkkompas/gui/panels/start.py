"""Start: what this project holds and what to do next.

The content comes from ``core.overview.project_overview`` (also printed by
``wijkkompas project``); this module only lays it out.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core import formatting
from wijkkompas.core.overview import project_overview
from wijkkompas.core.sections import IMPORT_SOORT_LABELS, MAAND_PREFIX
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.widgets import make_card, make_label, scroll_area


PRODUCT_NAMEN = {"hbh": "HbH", "begeleiding": "begeleiding", "dagbesteding": "dagbesteding"}

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

    def _fill_steps(self, steps: list[dict]) -> None:
        while self.steps_box.count():
            item = self.steps_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        for step in steps:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            mark = QLabel("✔" if step["gedaan"] else "○")
            mark.setFixedWidth(22)
            mark.setProperty("role", "step-done" if step["gedaan"] else "step-open")
            text = make_label(f"<b>{step['titel']}</b><br>{step['toelichting']}")
            text.setTextFormat(Qt.TextFormat.RichText)
            button = QPushButton("Openen" if step["gedaan"] else "Beginnen")
            button.setObjectName(f"step_{step['onderdeel']}")
            button.setFixedWidth(110)
            button.clicked.connect(lambda _c=False, slug=step["onderdeel"]: self.context.navigate(slug))
            line.addWidget(mark)
            line.addWidget(text, 1)
            line.addWidget(button)
            self.steps_box.addWidget(row)


def create_panel(context: PanelContext) -> StartPanel:
    return StartPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("start"))
