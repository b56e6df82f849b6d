""""Exporteer…" for whatever panel is on screen: its ``Panel.resultaat()`` to Excel, PDF or Word.

Why generic: no panel writes export code. A panel returns the Resultaat it
shows; this module asks for a file name, wraps the result with the project's
cover facts and data basis (``report.rapport_van``) and writes it in a task.
The menu action lives in Bestand; ``export_button(panel)`` gives a panel the
same action as a button.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from wijkkompas.gui import bestandsdialoog

if TYPE_CHECKING:  # annotations only: resultaat loads pandas, and this module loads with the window
    from wijkkompas.core.resultaat import Resultaat

FILTERS = {".xlsx": "Excel-werkmap (*.xlsx)", ".pdf": "PDF-document (*.pdf)", ".docx": "Word-document (*.docx)"}


def standaard_naam(project: Any, onderwerp: str, suffix: str) -> str:
    """'Voorbeeldstad (demo) - Verdeelmodel 05-03-2026.xlsx', without characters Windows refuses."""
    naam = f"{getattr(project, 'naam', '') or 'Wijkkompas'} - {onderwerp} {date.today():%d-%m-%Y}"
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", naam).strip(" .") + suffix


def _start_folder(project: Any) -> Path:
    path = getattr(project, "path", None)
    return Path(path).parent if path else Path.home()


def vraag_pad(parent: QWidget, titel: str, voorstel: str, suffixes: tuple[str, ...]) -> Path | None:
    """The save dialog; returns a path with one of ``suffixes`` or None when cancelled (tests replace this)."""
    filters = ";;".join(FILTERS[s] for s in suffixes)
    chosen, selected = bestandsdialoog.opslaan_als(parent, titel, voorstel, filters, FILTERS[suffixes[0]])
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in suffixes:
        wanted = next((s for s, f in FILTERS.items() if f == selected), suffixes[0])
        path = path.with_name(path.name + wanted)
    return path


def schrijf_in_taak(context: Any, maak, path: Path, owner: object, on_done=None) -> None:
    """Build the report (``maak(progress) -> Rapport``) and write ``path`` in a task; report in the status bar."""
    from wijkkompas.report import schrijf

    def work(progress=None, **_ignored):
        rapport = maak(progress)
        return schrijf(rapport, path), rapport

    def done(result) -> None:
        written, rapport = result
        skipped = "" if not rapport.overgeslagen else (
            " Niet opgenomen: " + "; ".join(f"{o.titel} ({o.reden})" for o in rapport.overgeslagen))
        context.show_status(f"Geschreven: {written}.{skipped}", 15000)
        if on_done is not None:
            on_done(written, rapport)

    context.run_task(work, label="Rapport schrijven", on_finished=done, owner=owner)


def exporteer_resultaat(parent: QWidget, context: Any, resultaat: Resultaat | None,
                        suffixes: tuple[str, ...] = (".xlsx", ".pdf", ".docx")) -> Path | None:
    """Ask for a file and write ``resultaat`` (one section) to it; explains when there is nothing to export."""
    if resultaat is None:
        QMessageBox.information(parent, "Niets om te exporteren",
                                "Dit onderdeel toont nog geen resultaat. Kies eerst wat u wilt zien of importeer "
                                "de gegevens die het onderdeel nodig heeft; gebruik het onderdeel Rapport voor "
                                "een rapport met meerdere onderdelen.")
        return None
    project = context.project
    voorstel = str(_start_folder(project) / standaard_naam(project, resultaat.titel, suffixes[0]))
    path = vraag_pad(parent, f"{resultaat.titel} exporteren", voorstel, suffixes)
    if path is None:
        return None
    from wijkkompas.report import rapport_van

    schrijf_in_taak(context, lambda _progress: rapport_van([resultaat], project), path, owner=parent)
    return path


def exporteer_huidig_paneel(window: Any) -> Path | None:
    """The Bestand menu action: export the Resultaat of the panel on screen."""
    from wijkkompas.gui.panels.base import Panel

    panel = window.stack.currentWidget()
    resultaat = panel.resultaat() if isinstance(panel, Panel) else None
    return exporteer_resultaat(window, window, resultaat)


def add_export_action(window: Any, menu) -> QAction:
    action = QAction("&Exporteer huidig onderdeel…", window)
    action.setShortcut(QKeySequence("Ctrl+E"))
    action.setStatusTip("Schrijf wat dit onderdeel toont naar Excel, PDF of Word, met gegevensbasis en bronnen")
    action.triggered.connect(lambda _checked=False: exporteer_huidig_paneel(window))
    menu.addAction(action)
    return action


def export_button(panel: Any) -> QPushButton:
    """A "Exporteer…" button a panel can place; it exports ``panel.resultaat()``."""
    button = QPushButton("Exporteer…")
    button.setToolTip("Schrijf wat hier staat naar Excel, PDF of Word, met gegevensbasis en bronnen")
    button.clicked.connect(lambda: exporteer_resultaat(panel, panel.context, panel.resultaat()))
    return button
