"""The Import panel driven as a user would, in the real main window (tasks run in the thread pool)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from demo_support import DEMO_SECRET
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from wijkkompas import resources
from wijkkompas.core import appdata
from wijkkompas.core.demo import build_demo_project
from wijkkompas.gui import bestandsdialoog
from wijkkompas.gui.app import create_application, create_main_window
from wijkkompas.gui.import_mapping_dialog import ImportMappingDialog
from wijkkompas.gui.panels.import_panel import ImportPanel

TIMEOUT = 60_000
FAULTY_ROWS = {154, 405, 806, 1207, 1608, 2009}  # see resources/demo/README.md


@pytest.fixture
def window(qtbot):
    create_application()
    win = create_main_window()
    qtbot.addWidget(win)
    win.resize(1400, 880)
    win.show()
    qtbot.waitExposed(win)
    yield win
    _close_quietly(qtbot, win)


def _close_quietly(qtbot, win) -> None:
    """No 'save changes?' question at teardown, and no task left running into the next test."""
    win.project.dirty = False
    win.tasks.cancel_all()
    qtbot.waitUntil(lambda: not win.tasks.running(), timeout=TIMEOUT)
    win.project.dirty = False


@pytest.fixture
def panel(window) -> ImportPanel:
    return window.show_panel("import")


def choose(qtbot, panel: ImportPanel, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(bestandsdialoog, "open_bestand", lambda *a, **k: str(path))
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detection is not None and panel.detection.bestand == path.name, timeout=TIMEOUT)


def run_import(qtbot, window, panel: ImportPanel, soort: str) -> None:
    assert panel.import_button.isEnabled()
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: soort in window.project.tables and not window.tasks.running(), timeout=TIMEOUT)


def report_rows(panel: ImportPanel) -> list[dict]:
    model = panel.report.model
    return [{model.headerData(c, Qt.Orientation.Horizontal): model.index(r, c).data()
             for c in range(model.columnCount())} for r in range(model.rowCount())]


def set_filter(panel: ImportPanel, key: str) -> None:
    panel.report.filter.setCurrentIndex(panel.report.filter.findData(key))


def test_choose_import_filter_copy_and_export_the_toewijzingen_report(qtbot, window, panel, monkeypatch, tmp_path):
    source = resources.path("demo", "toewijzingen.xlsx")
    before = source.read_bytes()
    choose(qtbot, panel, monkeypatch, source)

    assert panel.detection_box.isVisible()
    assert panel.soort_combo.currentData() == "toewijzingen"
    mapping = {panel.mapping_model.index(r, 0).data(): panel.mapping_model.index(r, 1).data()
               for r in range(panel.mapping_model.rowCount())}
    assert mapping["BSN / cliëntnummer"] == "BSN"
    assert mapping["Ingangsdatum"] == "Datum ingang"
    assert "Naam cliënt" in panel.removed_label.text()
    assert "Kopregel op rij 3" in panel.removed_label.text()

    run_import(qtbot, window, panel, "toewijzingen")
    assert source.read_bytes() == before  # the source file is never written
    assert "toewijzingen.xlsx" in panel.result_title.text()
    assert panel.cards.values["Rijen afgekeurd"].text() == "6"

    set_filter(panel, "fouten")
    rows = report_rows(panel)
    assert {int(r["Rij"]) for r in rows} == FAULTY_ROWS
    assert all(r["Ernst"] == "Fout" for r in rows)
    set_filter(panel, "waarschuwingen")
    assert {r["Ernst"] for r in report_rows(panel)} == {"Waarschuwing"}
    assert any("totaalregel" in r["Melding"] for r in report_rows(panel))
    set_filter(panel, "alle")
    assert len(report_rows(panel)) == len(FAULTY_ROWS) + panel.report.frame["ernst"].eq("waarschuwing").sum()

    panel.report.view.selectAll()
    panel.report.view.setFocus()
    qtbot.keyClick(panel.report.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.splitlines()[0].split("\t") == ["Ernst", "Rij", "Kolom", "Waarde", "Melding"]
    assert "154\tDatum einde" in copied

    qtbot.waitUntil(panel.charts.has_data, timeout=TIMEOUT)
    legend = [item[1].text for item in panel.charts.clients.plot.plotItem.legend.items]
    assert "01 Hulp bij het huishouden" in legend
    assert "toewijzingen.xlsx" in panel.charts.clients.source_label.text()

    # The project holds the pseudonymised table with the file's hash, and no BSN.
    table = window.project.tables["toewijzingen"]
    source_entry = next(s for s in window.project.sources if s.tabel == "toewijzingen")
    assert source_entry.sha256 == hashlib.sha256(before).hexdigest()
    overview = panel.imports_model.frame()
    assert overview.loc[0, "bestand"] == "toewijzingen.xlsx"
    assert overview.loc[0, "sha256"] == source_entry.sha256[:12]
    sheet = load_workbook(source, read_only=True).active
    first_bsn, first_name = str(sheet.cell(4, 1).value), str(sheet.cell(4, 2).value)
    assert len(first_bsn) == 9 and ". " in first_name
    stored = table.to_csv()
    assert first_bsn not in stored and first_name not in stored

    target = tmp_path / "rapport.xlsx"
    monkeypatch.setattr(bestandsdialoog, "opslaan_als", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(panel.report.export_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    sheet = load_workbook(target, read_only=True)["Meldingen"]
    exported = list(sheet.iter_rows(values_only=True))
    assert exported[0] == ("Ernst", "Rij", "Kolom", "Waarde", "Melding")
    assert {r[1] for r in exported[1:] if r[0] == "fout"} == FAULTY_ROWS


def _drop(panel: ImportPanel, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = panel.rect().center()
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(point.x(), point.y()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, drop)


def _monthly_declaraties(path: Path) -> Path:
    """A small export shaped like the demo's declaraties.xlsx: 2021-01 … 2025-06, three products, credit lines.

    Why not the demo file itself: 240.000 rows make a GUI test take minutes on a busy machine; the
    demo file is imported through the CLI in test_demo_data.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
                  "Prestatieperiode van", "Periode eind", "Geleverd volume", "Eenheid", "Tarief",
                  "Ingediend bedrag", "Toegekend bedrag", "Status", "Debet/Credit", "Origineel declaratienummer"])
    number = 1_000_001
    for month in range(54):
        year, m = 2021 + month // 12, month % 12 + 1
        start = dt.datetime(year, m, 1)
        end = dt.datetime(year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
        for categorie, code, unit, price, clients in (("01", "01A01", "01", 0.6, 40), ("02", "02A01", "04", 65.0, 12),
                                                      ("07", "07A01", "16", 44.0, 6)):
            for client in range(clients):
                volume = 480 if unit == "01" else 8
                bedrag = round(volume * price, 2)
                sheet.append([number, 2_000_000 + client, f"9{categorie}{client:06d}", categorie, code, "98011001",
                              start, end, volume, unit, price, bedrag, bedrag, "Goedgekeurd", "D", None])
                number += 1
                if client == 0 and month % 12 == 5:  # a credit line reverses it
                    sheet.append([number, 2_000_000, f"9{categorie}{client:06d}", categorie, code, "98011001",
                                  start, end, -volume, unit, price, -bedrag, -bedrag, "Goedgekeurd", "C",
                                  number - 1])
                    number += 1
    workbook.save(path)
    return path


def test_dropping_the_declaraties_export_imports_it_with_a_monthly_amount_chart(qtbot, window, panel, tmp_path):
    _drop(panel, _monthly_declaraties(tmp_path / "declaraties.xlsx"))
    qtbot.waitUntil(lambda: panel.detection is not None, timeout=TIMEOUT)
    assert panel.soort_combo.currentData() == "declaraties"
    run_import(qtbot, window, panel, "declaraties")
    qtbot.waitUntil(panel.charts.has_data, timeout=TIMEOUT)
    assert panel.report.model.rowCount() >= 1
    assert panel.cards.values["Rijen afgekeurd"].text() == "0"
    series = panel.charts.series
    months = sorted(series["maand"].unique())
    assert (months[0], months[-1], len(months)) == ("2021-01", "2025-06", 54)  # 4½ years of monthly history
    amounts = [item for item in panel.charts.amount.plot.listDataItems()]
    assert len(amounts) == 3 and all(max(item.getData()[1]) > 300 for item in amounts)
    assert panel.charts.amount.plot.getAxis("left").labelText == "€"


def test_dropping_a_non_spreadsheet_is_refused(qtbot, panel, tmp_path):
    other = tmp_path / "notities.docx"
    other.write_text("geen spreadsheet", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    enter = QDragEnterEvent(panel.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()


def test_a_broken_file_gets_a_dutch_message_and_no_import(qtbot, panel, monkeypatch, tmp_path):
    broken = tmp_path / "export.xlsx"
    broken.write_text("dit is geen Excel-bestand", encoding="utf-8")
    monkeypatch.setattr(bestandsdialoog, "open_bestand", lambda *a, **k: str(broken))
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.last_error), timeout=TIMEOUT)
    assert "export.xlsx" in panel.notes_label.text()
    assert not panel.import_button.isEnabled()


def test_mapping_dialog_maps_odd_headers_saves_them_per_source_system_and_imports(qtbot, window, panel, monkeypatch,
                                                                                   tmp_path):
    export = tmp_path / "eigen_lijst.csv"
    export.write_text(
        "Klantnr;Code 2;Startdatum;Einddatum;Omvang;Eenheid;Frequentie\n"
        "999999990;01;01-01-2024;30-06-2024;120;01;2\n"
        "111222333;02;01-03-2024;;3;04;2\n",
        encoding="utf-8",
    )
    choose(qtbot, panel, monkeypatch, export)
    assert "client_id" not in panel.detection.kolommen

    def fill_in_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportMappingDialog)
        dialog.soort_combo.setCurrentIndex(dialog.soort_combo.findData("toewijzingen"))
        dialog.combos["client_id"].setCurrentIndex(dialog.combos["client_id"].findData("Klantnr"))
        dialog.combos["productcategorie"].setCurrentIndex(dialog.combos["productcategorie"].findData("Code 2"))
        dialog.bron_edit.setText("Eigen Excel")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        dialog.accept()

    QTimer.singleShot(0, fill_in_dialog)
    qtbot.mouseClick(panel.mapping_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.detection.kolommen.get("client_id") == "Klantnr", timeout=TIMEOUT)
    assert panel.detection.kolommen["productcategorie"] == "Code 2"
    assert panel.soort_combo.currentData() == "toewijzingen"

    saved = list(appdata.mapping_dir().glob("*.json"))
    assert len(saved) == 1
    data = json.loads(saved[0].read_text(encoding="utf-8"))
    assert data["bronsysteem"] == "Eigen Excel" and data["kolommen"]["client_id"] == "Klantnr"

    run_import(qtbot, window, panel, "toewijzingen")
    assert window.project.tables["toewijzingen"].shape[0] == 2
    assert "999999990" not in window.project.tables["toewijzingen"].to_csv()

    # The next export from the same system: the saved mapping is offered and applied.
    second = tmp_path / "eigen_lijst_2.csv"
    shutil.copy(export, second)
    choose(qtbot, panel, monkeypatch, second)
    dialog = panel.make_mapping_dialog()
    qtbot.addWidget(dialog)
    dialog.soort_combo.setCurrentIndex(dialog.soort_combo.findData("toewijzingen"))
    assert dialog.saved_combo.count() == 1
    qtbot.mouseClick(dialog.load_button, Qt.MouseButton.LeftButton)
    assert dialog.mapping().kolommen["client_id"] == "Klantnr"
    assert dialog.bron_edit.text() == "Eigen Excel"


def test_demo_project_opens_on_the_import_with_errors(qtbot):
    create_application()
    project = build_demo_project(secret=DEMO_SECRET)
    win = create_main_window(project)
    qtbot.addWidget(win)
    win.show()
    panel = win.show_panel("import")
    assert panel.shown == "toewijzingen"
    assert "toewijzingen.xlsx" in panel.result_title.text()
    assert panel.imports_model.rowCount() == 6
    set_filter(panel, "fouten")
    assert {int(r["Rij"]) for r in report_rows(panel)} == FAULTY_ROWS
    # clicking another imported file shows its report and chart
    row = list(panel.imports_model.frame()["soort"]).index("declaraties")
    rect = panel.imports_view.visualRect(panel.imports_model.index(row, 0))
    qtbot.mouseClick(panel.imports_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.shown == "declaraties"
    qtbot.waitUntil(panel.charts.has_data, timeout=TIMEOUT)
    assert "declaraties.xlsx" in panel.charts.amount.source_label.text()
    _close_quietly(qtbot, win)


def test_cancelling_an_import_leaves_the_project_unchanged(qtbot, window, panel, monkeypatch):
    choose(qtbot, panel, monkeypatch, resources.path("demo", "toewijzingen.xlsx"))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.tasks.running(), timeout=TIMEOUT)
    assert "toewijzingen" not in window.project.tables
    assert panel.import_button.isEnabled()
    assert "afgebroken" in window.status_label.text()


def test_lege_sjablonen_copies_them_to_the_chosen_folder_and_says_where(qtbot, window, panel, monkeypatch, tmp_path):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(bestandsdialoog, "kies_map", lambda *a, **k: str(tmp_path))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no file manager on this laptop
    qtbot.mouseClick(panel.templates_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "toewijzingen.xlsx").is_file() and (tmp_path / "formatie.xlsx").is_file()
    text, level = panel.messages.messages()["sjablonen"]
    assert str(tmp_path) in text and level == "info"


def test_a_saved_mapping_that_fits_the_headers_is_proposed(qtbot, window, panel, monkeypatch, tmp_path):
    from wijkkompas.core import appdata
    from wijkkompas.core.imports.mapping import Mapping, save_mapping

    csv = tmp_path / "export.csv"
    csv.write_text("Decl;Toew;Burger;Cat;Code;Lev;Van;Tot;Hoev;Eenh;Prijs;Gevraagd;Betaald;Stat\n"
                   "1;10;123456782;01;01A01;A1;01-01-2024;31-01-2024;4;04;35,40;141,60;141,60;toegekend\n",
                   encoding="utf-8")
    kolommen = {"declaratienummer": "Decl", "toewijzingnummer": "Toew", "client_id": "Burger",
                "productcategorie": "Cat", "productcode": "Code", "aanbieder_code": "Lev", "periode_start": "Van",
                "periode_eind": "Tot", "geleverd_volume": "Hoev", "eenheid": "Eenh", "producttarief": "Prijs",
                "ingediend_bedrag": "Gevraagd", "toegekend_bedrag": "Betaald", "status": "Stat"}
    save_mapping(appdata.mapping_dir(), Mapping("Eigen portaal", "declaraties", kolommen))
    choose(qtbot, panel, monkeypatch, csv)
    qtbot.waitUntil(lambda: panel.detection is not None and panel.detection.soort == "declaraties", timeout=TIMEOUT)
    assert panel.mapping is not None and panel.mapping.bronsysteem == "Eigen portaal"
    assert "Eigen portaal" in panel.messages.messages()["koppeling"][0]
