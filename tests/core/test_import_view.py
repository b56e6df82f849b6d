"""Qt-free helpers behind the Import panel: report rows, summary, monthly series, Excel export."""
from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports import add_import_to_project, import_file
from wijkkompas.core.imports import import_view as view
from wijkkompas.core.imports.report_export import export_report
from wijkkompas.core.project import Project

REPORT = {
    "bestand": "export.xlsx", "sha256": "ab" * 32, "soort": "toewijzingen", "blad": "Blad1",
    "kolommen": {"client_id": "BSN"}, "genegeerd": ["Opmerking"], "verwijderd_persoonsgegevens": ["Naam"],
    "rijen_gelezen": 12, "rijen_geldig": 9,
    "fouten": [{"rij": 9, "kolom": "Einddatum", "waarde": "1-1-2020", "melding": "Einddatum vóór ingangsdatum."},
               {"rij": 4, "kolom": "BSN", "waarde": None, "melding": "Verplichte waarde ontbreekt."}],
    "waarschuwingen": [{"rij": 14, "kolom": None, "waarde": None, "melding": "Rij 14 is een totaalregel."},
                       {"rij": None, "kolom": "Omvang", "waarde": None, "melding": "Eurocent omgerekend."}],
    "aantal_fouten": 2, "aantal_waarschuwingen": 2,
    "samenvatting": {"clienten": 1234, "bedrag": 2_345_678.9, "periode": ["2023-01-01", "2024-12-31"]},
}


def test_report_frame_lists_errors_first_by_excel_row_and_filters_by_severity():
    frame = view.report_frame(REPORT)
    assert list(frame["ernst"]) == ["fout", "fout", "waarschuwing", "waarschuwing"]
    assert list(frame["rij"].iloc[:2]) == [4, 9]
    assert pd.isna(frame["rij"].iloc[2])  # file-level note before row-level warnings
    assert len(view.filter_report(frame, "fouten")) == 2
    assert set(view.filter_report(frame, "waarschuwingen")["ernst"]) == {"waarschuwing"}
    assert len(view.filter_report(frame, "alle")) == 4
    with pytest.raises(ValueError):
        view.filter_report(frame, "kritiek")


def test_summary_items_are_dutch_and_do_not_count_a_totals_row_as_rejected():
    items = dict(view.summary_items(REPORT))
    assert items["Rijen gelezen"] == "12"
    assert items["Rijen afgekeurd"] == "2"  # 12 read - 9 valid - 1 totals row
    assert items["Rijen overgeslagen"] == "1"  # shown, so 12 = 9 + 2 + 1 adds up on screen
    assert items["Cliënten in bestand"] == "1.234"
    assert items["Budget in toewijzingen"] == "€ 2,3 mln"
    assert items["Looptijd (eerste ingang – laatste einde)"] == "01-01-2023 – 31-12-2024"


@pytest.mark.parametrize("counted, expected", [
    ({}, (2, 1)),  # stored before either count: rejected estimated from the totals-row warning
    ({"waarschuwingen": [], "aantal_fouten": 1}, (1, 2)),  # no totals warning: at most one row per fout message
    ({"rijen_afgekeurd": 3}, (3, 0)),  # before the skipped count: skipped is the rest
    ({"rijen_afgekeurd": 1, "rijen_overgeslagen": 2}, (1, 2)),  # counted: taken as stored, not derived
])
def test_row_counts_add_up_for_old_and_new_reports(counted, expected):
    report = {**REPORT, **counted}
    assert view.row_counts(report) == expected
    assert sum(expected) == report["rijen_gelezen"] - report["rijen_geldig"]
    from wijkkompas.core.imports.resultaat import import_resultaat

    row = import_resultaat({"toewijzingen": report}).tabellen[0].data.iloc[0]
    assert (row["afgekeurd"], row["overgeslagen"]) == expected  # the report's table says the same as the panel


def test_monthly_series_counts_a_client_with_two_aanbieders_once():
    table = pd.DataFrame({
        "client_id": ["P-a", "P-a", "P-b"],
        "productcategorie": ["02", "02", "02"],
        "aanbieder_code": ["111", "222", "111"],
        "wijk_code": ["W01", "W01", "W02"],
        "periode_start": pd.to_datetime(["2024-03-01", "2024-03-01", "2024-03-01"]),
        "periode_eind": pd.to_datetime(["2024-03-31", "2024-03-31", "2024-03-31"]),
        "toegekend_bedrag": [100.0, 50.0, 25.0],
    })
    series = view.monthly_series(table, "declaraties")
    assert series.to_dict("records") == [{"maand": "2024-03", "productcategorie": "02", "clienten": 2, "bedrag": 175.0}]
    assert view.monthly_series(table, "wijken").empty


def test_export_report_writes_summary_and_every_message(tmp_path):
    target = export_report(REPORT, tmp_path / "rapport")
    assert target.suffix == ".xlsx"
    workbook = load_workbook(target, read_only=True)
    summary = {r[0]: r[1] for r in workbook["Samenvatting"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Bestand"] == "export.xlsx"
    assert summary["SHA-256"] == "ab" * 32
    assert summary["Niet ingelezen (persoonsgegevens)"] == "Naam"
    rows = list(workbook["Meldingen"].iter_rows(values_only=True))
    assert rows[0] == ("Ernst", "Rij", "Kolom", "Waarde", "Melding")
    assert rows[1][:3] == ("fout", 4, "BSN")
    assert len(rows) == 5


def test_export_report_into_a_missing_folder_fails_with_a_dutch_message(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ImportFileError, match="kan niet worden opgeslagen"):
        export_report(REPORT, blocker / "sub" / "rapport.xlsx")


def test_overview_and_initial_import_follow_the_project(tmp_path):
    csv = tmp_path / "wijken.csv"
    csv.write_text("Wijkcode;Wijknaam;Inwoners\nW01;Centrum;1200\nW02;Noord;800\n", encoding="utf-8")
    project = Project()
    assert view.initial_import(project) is None
    add_import_to_project(project, import_file(csv, secret=b"s" * 32))
    overview = view.imports_overview(project)
    assert overview[["soort", "bestand", "rijen", "fouten"]].to_dict("records") == [
        {"soort": "wijken", "bestand": "wijken.csv", "rijen": 2, "fouten": 0}]
    assert len(overview.loc[0, "sha256"]) == 12
    assert view.initial_import(project) == "wijken"
    assert view.source_text(project, "wijken").startswith("wijken.csv, ingelezen op ")


def test_rejected_rows_card_counts_rows_with_a_fout_not_note_rows_or_many_totals(tmp_path):
    """A row holding only a remark (an unused column) or one of many totals rows is not 'afgekeurd'."""
    from import_fixtures import TOEWIJZING_HEADERS, toewijzing_rows, write_xlsx

    rows = [TOEWIJZING_HEADERS + ["Opmerking"]] + [r + [None] for r in toewijzing_rows()]
    rows.append([None] * len(TOEWIJZING_HEADERS) + ["zie dossier"])  # a note row
    rows.append(["999999990", "02", "02A01", "kapot", None, "12345678", 4, "04", "2", None])  # a fout
    rows += [["Totaal"] + [None] * 5 + [9, None, None, None]] * 60  # many totals rows
    path = write_xlsx(tmp_path / "t.xlsx", {"Toewijzingen": rows})
    result = import_file(path, secret=b"s" * 32)
    assert result.rijen_afgekeurd == 1 and result.to_json()["rijen_afgekeurd"] == 1
    project = Project()
    add_import_to_project(project, result)
    for report in (view.full_report(result), view.project_reports(project)["toewijzingen"]):
        assert dict(view.summary_items(report))["Rijen afgekeurd"] == "1"
