"""The import pipeline end to end: detection, mapping, validation hand-off, privacy, project."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from import_fixtures import BSNS, TOEWIJZING_HEADERS, csv_text, toewijzingen_xlsx, write_xlsx

from wijkkompas.core.progress import Voortgang
from wijkkompas.core.errors import ImportFileError, TaskCancelled
from wijkkompas.core.imports import (
    REPORT_MESSAGE_LIMIT,
    add_import_to_project,
    detect,
    import_file,
    readers,
)
from wijkkompas.core.imports.mapping import (
    Mapping,
    find_mapping,
    list_mappings,
    load_mapping,
    mapping_from_json,
    save_mapping,
)
from wijkkompas.core.imports.pseudonym import contains_bsn
from wijkkompas.core.project import Project

SECRET = b"s" * 32


def _all_text(result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, default=str) + result.table.to_csv() + result.panel.to_csv()


def test_toewijzingen_with_title_rows_and_a_bad_row(tmp_path):
    bad = ["123456782", "02", "02A01", "geen datum", None, "12345678", 1, "04", "2"]
    path = toewijzingen_xlsx(tmp_path / "t.xlsx", title_rows=2, extra_rows=[bad])
    result = import_file(path, secret=SECRET)
    assert result.soort == "toewijzingen"
    assert result.blad == "Toewijzingen"
    assert result.kolommen["client_id"] == "BSN"
    assert result.rijen_gelezen == 4
    assert result.rijen_geldig == 3
    assert result.exit_code == 1
    # header on Excel row 3, data rows 4-6, the bad row is Excel row 7
    assert [(m.rij, m.kolom) for m in result.fouten] == [(7, "Ingangsdatum")]
    assert "datum" in result.fouten[0].melding
    assert sorted(result.table["_rij"].tolist()) == [4, 5, 6]
    assert result.samenvatting["clienten"] == 3


def test_no_bsn_and_no_personal_data_anywhere_after_import(tmp_path):
    headers = TOEWIJZING_HEADERS + ["Naam", "Adres", "Telefoon"]
    rows = [headers] + [r + ["Jan Jansen", "Kerkstraat 1", "06-12345678"] for r in
                        [[BSNS[0], "02", "02A01", dt.datetime(2024, 1, 1), None, "12345678", 4, "04", "2"],
                         [BSNS[1], "01", "01A02", dt.datetime(2024, 3, 1), None, "12345678", 3, "04", "2"]]]
    path = write_xlsx(tmp_path / "p.xlsx", {"Data": rows})
    result = import_file(path, secret=SECRET)
    assert result.verwijderd_persoonsgegevens == ["Naam", "Adres", "Telefoon"]
    text = _all_text(result)
    for needle in BSNS[:2] + ["Jan Jansen", "Kerkstraat", "06-12345678"]:
        assert needle not in text
    assert not contains_bsn(result.table) and not contains_bsn(result.panel)
    assert not {"Naam", "Adres", "Telefoon"} & set(result.table.columns)
    project = Project()
    add_import_to_project(project, result)
    saved = project.save(tmp_path / "p.wkp")
    with zipfile.ZipFile(saved) as archive:
        contents = "".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    for needle in BSNS[:2] + ["Jan Jansen", "Kerkstraat"]:
        assert needle not in contents
    assert not contains_bsn(contents)


def test_excel_error_values_are_reported_not_silently_emptied(tmp_path):
    rows = [["Titel"], ["BSN", "Productcategorie", "Ingangsdatum", "Budget", "Opmerking"],
            [BSNS[0], "02", dt.datetime(2024, 1, 1), "#N/A", "#REF!"],
            [BSNS[1], "02", "#VALUE!", 100, None]]
    path = write_xlsx(tmp_path / "fout.xlsx", {"Data": rows})
    workbook = __import__("openpyxl").load_workbook(path)
    for ref in ("D3", "E3", "C4"):
        workbook["Data"][ref].data_type = "e"
    workbook.save(path)
    result = import_file(path, secret=SECRET)
    excel_errors = [(m.rij, m.kolom, m.waarde) for m in result.waarschuwingen if "Excel-foutwaarde" in m.melding]
    assert excel_errors == [(3, "Budget", "#N/A"), (4, "Ingangsdatum", "#VALUE!")]  # unused column E not reported
    assert [(m.rij, m.kolom) for m in result.fouten] == [(4, "Ingangsdatum")]  # required value missing
    assert result.rijen_geldig == 1


def test_pseudonyms_are_stable_per_secret(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "t.xlsx")
    a = import_file(path, secret=SECRET).table["client_id"].tolist()
    b = import_file(path, secret=SECRET).table["client_id"].tolist()
    c = import_file(path, secret=b"other" * 8).table["client_id"].tolist()
    assert a == b and a != c
    assert len(set(a)) == 3


def test_csv_cp1252_semicolon_import(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_text(";", ",").replace("Clientnummer", "Cliëntnummer").encode("cp1252"))
    result = import_file(path, secret=SECRET)
    assert result.blad is None
    assert result.kolommen["client_id"] == "Cliëntnummer"
    assert result.rijen_geldig == 3
    assert result.table["budget"].round(2).tolist() == [1234.5, 1234.51, 1234.52]


def test_csv_rows_with_more_fields_than_the_header_are_flagged(tmp_path):
    path = tmp_path / "komma.csv"
    path.write_text("Clientnummer,Productcategorie,Ingangsdatum,Budget\n"
                    "C-1,02,01-01-2024,1234\n"
                    "C-2,02,01-02-2024,1234,50\n", encoding="utf-8")
    result = import_file(path, secret=SECRET)
    flagged = [m for m in result.waarschuwingen if "meer velden" in m.melding]
    assert [m.rij for m in flagged] == [3]
    assert "(5) dan de kopregel (4)" in flagged[0].melding and "','" in flagged[0].melding
    assert "(kolom E zonder kop)" in result.genegeerd


def test_progress_and_cancel(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "t.xlsx")
    seen: list[float] = []
    import_file(path, secret=SECRET, progress=lambda f, t: seen.append(f))
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    calls = []

    def cancel_after_two() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(TaskCancelled):
        import_file(path, secret=SECRET, progress=Voortgang(cancelled=cancel_after_two))


def test_missing_required_column_is_a_file_error(tmp_path):
    rows = [["BSN", "Productcategorie", "Einddatum"], [BSNS[0], "02", dt.datetime(2024, 1, 1)]]
    path = write_xlsx(tmp_path / "m.xlsx", {"Data": rows})
    with pytest.raises(ImportFileError, match="ingangsdatum \\(bijvoorbeeld 'Ingangsdatum'\\)"):
        import_file(path, soort="toewijzingen", secret=SECRET)


def test_ambiguous_kind_detect_returns_none_import_raises(tmp_path):
    rows = [["Productcode", "Tarief", "Contractvorm", "Wijkcode", "Inwoners", "Postcode"], ["A", "1", "x", "W1", "5", "1234"]]
    path = write_xlsx(tmp_path / "a.xlsx", {"Data": rows})
    detection = detect(path)
    assert detection.soort is None and detection.kolommen == {}
    assert "even goed" in detection.meldingen[0]
    assert detection.headers == rows[0]
    with pytest.raises(ImportFileError, match="even goed"):
        import_file(path, secret=SECRET)
    assert import_file(path, soort="tarieven", secret=SECRET).soort == "tarieven"


def test_unknown_soort_argument(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "t.xlsx")
    with pytest.raises(ImportFileError, match="Onbekende soort 'facturen'"):
        detect(path, soort="facturen")


def test_detect_reads_only_the_top_of_the_sheet(tmp_path, monkeypatch):
    path = toewijzingen_xlsx(tmp_path / "t.xlsx")
    asked: list[int | None] = []
    original = readers.Source.rows

    def spy(self, blad, nrows=None):
        asked.append(nrows)
        return original(self, blad, nrows)

    monkeypatch.setattr(readers.Source, "rows", spy)
    detect(path)
    assert asked and all(n is not None for n in asked)


# --- user mappings ------------------------------------------------------------------

def _odd_export(tmp_path):
    rows = [["Export uit eigen systeem"], ["Nr", "Cat.", "Start", "Stop", "Wijk"],
            ["C-1", "02", "01-01-2024", "31-03-2024", "W1"], ["C-2", "01", "01-02-2024", None, "W2"]]
    return write_xlsx(tmp_path / "eigen.xlsx", {"Blad1": rows})


MAPPING = {"bronsysteem": "Eigen Excel", "soort": "toewijzingen",
           "kolommen": {"client_id": "Nr", "productcategorie": "Cat.", "ingangsdatum": "Start",
                        "einddatum": "Stop", "wijk_code": None}}


def test_mapping_overrides_detection(tmp_path):
    path = _odd_export(tmp_path)
    with pytest.raises(ImportFileError):
        import_file(path, secret=SECRET)
    result = import_file(path, mapping=MAPPING, secret=SECRET)
    assert result.soort == "toewijzingen"  # taken from the mapping
    assert result.kolommen == {"client_id": "Nr", "productcategorie": "Cat.", "ingangsdatum": "Start", "einddatum": "Stop"}
    assert result.genegeerd == ["Wijk"]  # mapped to null: not imported
    assert result.rijen_geldig == 2
    mapping_file = tmp_path / "koppeling.json"
    mapping_file.write_text(json.dumps(MAPPING), encoding="utf-8")
    assert detect(path, mapping=mapping_file).header_rij == 2
    with pytest.raises(ImportFileError, match="koppeling is voor soort 'toewijzingen'"):
        import_file(path, soort="declaraties", mapping=MAPPING, secret=SECRET)


def test_mapping_without_kind_narrows_the_kind(tmp_path):
    path = _odd_export(tmp_path)
    mapping = {"kolommen": {"client_id": "Nr", "productcategorie": "Cat.", "ingangsdatum": "Start", "einddatum": "Stop"}}
    # these four columns exist in toewijzingen only (declaraties has no ingangsdatum)
    assert detect(path, mapping=mapping).soort == "toewijzingen"


def test_client_numbers_are_never_echoed_in_messages(tmp_path):
    rows = [["Clientnummer", "Productcategorie", "Ingangsdatum"], ["C-77", "02", "01-01-2024"],
            ["C-77", "02", "01-01-2024"], ["GEHEIM-1", "02", "nooit"]]
    path = write_xlsx(tmp_path / "c.xlsx", {"Data": rows})
    result = import_file(path, secret=SECRET)
    assert result.fouten
    text = json.dumps([m.to_json() for m in result.fouten + result.waarschuwingen], ensure_ascii=False)
    assert "GEHEIM-1" not in text and "C-77" not in text


@pytest.mark.parametrize("data,message", [
    ([], "JSON-object"),
    ({"bronsysteem": "x", "kolommen": {}, "extra": 1}, "onbekende velden: extra"),
    ({"soort": "facturen"}, "soort 'facturen' onbekend"),
    ({"soort": "toewijzingen", "kolommen": {"tarief": "Prijs"}}, "kolom 'tarief' onbekend voor soort 'toewijzingen'"),
    ({"kolommen": {"client_id": 5}}, "tekst of null"),
    ({"kolommen": {"client_id": "Nr", "productcode": "nr"}}, "aan twee kolommen"),
    ({"kolommen": ["Nr"]}, "'kolommen' een object"),
])
def test_invalid_mappings_have_dutch_messages(data, message):
    with pytest.raises(ImportFileError, match=message):
        mapping_from_json(data)


def test_mapping_file_errors(tmp_path):
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet json", encoding="utf-8")
    with pytest.raises(ImportFileError, match="geen geldige JSON \\(regel 1"):
        load_mapping(broken)
    with pytest.raises(ImportFileError, match="bestaat niet"):
        load_mapping(tmp_path / "weg.json")


def test_save_list_find_mappings(tmp_path):
    folder = tmp_path / "koppelingen"
    first = save_mapping(folder, mapping_from_json(MAPPING))
    second = save_mapping(folder, Mapping("Zorgned", "declaraties", {"client_id": "Clientnr"}))
    assert first.name == "eigen_excel_toewijzingen.json" and second.exists()
    (folder / "rommel.json").write_text("[]", encoding="utf-8")
    assert sorted(m.bronsysteem for m in list_mappings(folder)) == ["Eigen Excel", "Zorgned"]
    found = find_mapping(folder, "eigen excel", "toewijzingen")
    assert found is not None and found.kolommen["client_id"] == "Nr"
    assert find_mapping(folder, "Zorgned", "toewijzingen") is None
    assert load_mapping(first).to_json() == mapping_from_json(MAPPING).to_json()


# --- project --------------------------------------------------------------------------

def test_add_import_to_project_caps_messages_and_round_trips(tmp_path):
    bad_rows = [[f"C-{i}", "02", "02A01", "31-02-2024", None, "12345678", 1, "04", "2"] for i in range(250)]
    path = toewijzingen_xlsx(tmp_path / "veel.xlsx", extra_rows=bad_rows)
    result = import_file(path, secret=SECRET)
    assert len(result.fouten) == 250
    project = Project()
    add_import_to_project(project, result)
    assert set(project.tables) == {"toewijzingen", "maand_toewijzingen"}
    source = project.sources[-1]
    assert (source.naam, source.sha256, source.soort, source.tabel, source.blad) == (
        "veel.xlsx", result.sha256, "toewijzingen", "toewijzingen", "Toewijzingen")
    report = project.choices["import"]["toewijzingen"]
    assert report["aantal_fouten"] == 250 and len(report["fouten"]) == REPORT_MESSAGE_LIMIT
    assert report["rijen_geldig"] == 3 and report["samenvatting"]["clienten"] == 3
    loaded = Project.load(project.save(tmp_path / "p.wkp"))
    assert len(loaded.tables["toewijzingen"]) == 3
    assert loaded.sources[-1].sha256 == result.sha256
    assert loaded.choices["import"]["toewijzingen"]["aantal_fouten"] == 250


# --- robustness: random cells never raise anything but our own errors ------------------

_cell = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["01-01-2024", "31-02-2024", "2024-13-01", "1.234,56", "€ 12,50", "Totaal", "9999-12-31",
                     "45000", "02", "83", "123456782", "", " ", "\n", ";", '"']),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_cell, min_size=9, max_size=9), min_size=0, max_size=8),
       soort=st.sampled_from([None, "toewijzingen", "declaraties"]))
def test_random_csv_cells_only_raise_import_errors(tmp_path, rows, soort):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Clientnummer", "Productcategorie", "Ingangsdatum", "Einddatum", "Periode begin", "Volume",
                     "Eenheid", "Ingediend bedrag", "Naam"])
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path = tmp_path / "random.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        result = import_file(path, soort=soort, secret=SECRET)
    except ImportFileError as exc:
        assert exc.melding
        return
    assert result.rijen_geldig <= result.rijen_gelezen
    json.dumps(result.to_json(), ensure_ascii=False, default=str)
    assert "123456782" not in result.table.to_csv()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(st.one_of(_cell, st.datetimes(min_value=dt.datetime(1900, 3, 1),
                                                              max_value=dt.datetime(2100, 1, 1))),
                              min_size=5, max_size=5), min_size=1, max_size=6))
def test_random_xlsx_cells_only_raise_import_errors(tmp_path, rows):
    clean = [[v if not (isinstance(v, str) and any(ord(ch) < 32 and ch not in "\t\n\r" for ch in v)) else "x"
              for v in row] for row in rows]
    path = write_xlsx(tmp_path / "random.xlsx",
                      {"Data": [["BSN", "Productcategorie", "Ingangsdatum", "Volume", "Budget"]] + clean})
    try:
        result = import_file(path, secret=SECRET)
    except ImportFileError as exc:
        assert exc.melding
        return
    assert result.rijen_geldig <= result.rijen_gelezen


def test_rows_read_are_valid_rejected_or_skipped_each_counted(tmp_path):
    """gelezen = geldig + afgekeurd + overgeslagen, with overgeslagen counted by the import, not derived."""
    from import_fixtures import toewijzing_rows

    rows = toewijzing_rows()
    headers = TOEWIJZING_HEADERS + ["Opmerking"]
    body = [r + [None] for r in rows]
    body.insert(1, list(TOEWIJZING_HEADERS) + [None])  # a repeated header row: skipped
    body.append([None] * len(TOEWIJZING_HEADERS) + ["alleen een opmerking"])  # data only in an unmapped column
    body.append(["Totaal", None, None, None, None, None, 10, None, None, None])  # a totals row: skipped
    body.append([BSNS[2], "02", "02A01", "geen datum", None, "12345678", 1, "04", "2", None])  # rejected
    path = write_xlsx(tmp_path / "t.xlsx", {"Toewijzingen": [headers] + body})
    result = import_file(path, secret=SECRET)
    data = result.to_json()
    assert (data["rijen_gelezen"], data["rijen_geldig"], data["rijen_afgekeurd"], data["rijen_overgeslagen"]) == \
        (len(rows) + 4, len(rows), 1, 3)
