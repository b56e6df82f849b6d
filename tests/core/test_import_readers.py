"""Readers: every file format path, encodings, separators, sheets, and hostile input."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from import_fixtures import BSNS, csv_text, toewijzingen_xlsx, write_xlsx

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports import detect, import_file, readers

DATA = Path(__file__).resolve().parent.parent / "data" / "import"
SECRET = b"k" * 32


# --- spreadsheets -----------------------------------------------------------------

def test_xlsx_keeps_raw_types_and_excel_row_numbers(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", {"Blad1": [[]]})
    workbook = __import__("openpyxl").load_workbook(path)
    sheet = workbook["Blad1"]
    sheet["C5"] = "BSN"
    sheet["D5"] = "Ingangsdatum"
    sheet["C6"] = "123456782"
    sheet["D6"] = dt.datetime(2024, 1, 5, 0, 0)
    sheet["E6"] = 12.5
    workbook.save(path)
    source = readers.open_source(path)
    rows = source.rows("Blad1")
    # row index i is Excel row i + 1, also when the data starts at C5
    assert rows[4][2] == "BSN"
    assert rows[5][2] == "123456782"
    assert isinstance(rows[5][3], (dt.date, dt.datetime)) and rows[5][3].year == 2024
    assert rows[5][4] == 12.5
    columns = readers.columns_below(rows, 4, 5)
    assert columns[0][0] is None  # '' became None
    assert columns[2][0] == "123456782"


def test_xlsm_is_read_like_xlsx(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "export.xlsx")
    xlsm = path.rename(tmp_path / "export.xlsm")
    detection = detect(xlsm)
    assert detection.soort == "toewijzingen"
    assert detection.blad == "Toewijzingen"


def test_xls_via_calamine():
    path = DATA / "toewijzingen_oud.xls"
    detection = detect(path)
    assert detection.soort == "toewijzingen"
    assert detection.header_rij == 3
    assert detection.kolommen["client_id"] == "Cliëntnummer"
    result = import_file(path, secret=SECRET)
    assert result.rijen_gelezen == 2


def test_title_rows_above_header_are_skipped(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "t.xlsx", title_rows=3)
    detection = detect(path)
    assert detection.header_rij == 4
    assert detection.kolommen["ingangsdatum"] == "Ingangsdatum"


def test_header_with_line_breaks(tmp_path):
    headers = ["BSN", "Product-\ncategorie", "Ingangs\ndatum", "Datum\r\neinde", "AGB\ncode"]
    rows = [headers, [BSNS[0], "02", dt.datetime(2024, 1, 1), dt.datetime(2024, 2, 1), "12345678"]]
    path = write_xlsx(tmp_path / "lb.xlsx", {"Data": rows})
    detection = detect(path)
    assert detection.kolommen == {
        "client_id": "BSN", "productcategorie": "Product-categorie", "aanbieder_code": "AGB code",
        "ingangsdatum": "Ingangs datum", "einddatum": "Datum einde",
    }


def test_first_visible_sheet_with_header_is_chosen_and_hidden_sheets_skipped(tmp_path):
    rows = [["BSN", "Productcategorie", "Ingangsdatum"], [BSNS[0], "02", dt.datetime(2024, 1, 1)]]
    path = write_xlsx(
        tmp_path / "multi.xlsx",
        {"Toelichting": [["Deze export bevat toewijzingen."]], "Verborgen": rows, "Zichtbaar": rows},
        hidden=("Verborgen",),
    )
    detection = detect(path)
    assert detection.blad == "Zichtbaar"
    assert detection.verborgen_bladen == ["Verborgen"]
    assert detection.bladen == ["Toelichting", "Verborgen", "Zichtbaar"]
    # explicitly chosen, a hidden sheet is read
    assert detect(path, blad="verborgen").blad == "Verborgen"


def test_only_hidden_sheet_has_data_gives_dutch_hint(tmp_path):
    rows = [["BSN", "Productcategorie", "Ingangsdatum"], [BSNS[0], "02", dt.datetime(2024, 1, 1)]]
    path = write_xlsx(tmp_path / "h.xlsx", {"Info": [["x"]], "Data": rows}, hidden=("Data",))
    with pytest.raises(ImportFileError, match="verborgen blad 'Data'"):
        detect(path)


def test_unknown_sheet_lists_sheets(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "t.xlsx")
    with pytest.raises(ImportFileError, match="Blad 'Nergens' bestaat niet.*Toewijzingen"):
        detect(path, blad="Nergens")


def test_blad_chooses_between_visible_sheets(tmp_path):
    rows_a = [["BSN", "Productcategorie", "Ingangsdatum"], [BSNS[0], "02", dt.datetime(2024, 1, 1)]]
    rows_b = [["Productcode", "Tarief", "Eenheid"], ["02A01", "55,20", "04"]]
    path = write_xlsx(tmp_path / "two.xlsx", {"Toewijzingen": rows_a, "Tarieven": rows_b})
    assert detect(path).soort == "toewijzingen"
    chosen = detect(path, blad="Tarieven")
    assert (chosen.blad, chosen.soort) == ("Tarieven", "tarieven")


def test_sheet_without_header_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", {"Blad1": [["a", "b"], [1, 2]]})
    with pytest.raises(ImportFileError, match="kopregel met herkenbare kolomnamen"):
        detect(path)
    with pytest.raises(ImportFileError, match="geen kopregel.*eerste regel met tekst is rij 1"):
        detect(path, blad="Blad1")


def test_headerless_export_error_does_not_echo_client_data(tmp_path):
    """Without a header row the first text row is a client's record: its BSN and name stay out of the message."""
    path = tmp_path / "zonder_kop.csv"
    path.write_text(f"\n{BSNS[0]};Jansen, Piet;02;01-01-2024\n{BSNS[1]};De Vries;01;01-02-2024\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_file(path, secret=b"s" * 32)
    melding = caught.value.melding
    assert "kopregel" in melding and "rij 2" in melding
    assert BSNS[0] not in melding and "Jansen" not in melding


# --- CSV --------------------------------------------------------------------------

@pytest.mark.parametrize("separator,decimal", [(";", ","), (",", "."), ("\t", ","), (",", ",")])
def test_csv_separators_are_sniffed(tmp_path, separator, decimal):
    path = tmp_path / "export.csv"
    path.write_text(csv_text(separator, decimal), encoding="utf-8")
    source = readers.open_source(path)
    assert source.separator == separator
    rows = source.rows(None)
    assert rows[0][0] == "Clientnummer" and len(rows[0]) == 8
    assert rows[1][-1] == f"1234{decimal}50"


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                               ("cp1252", "cp1252"), ("utf-16", "utf-16")])
def test_csv_encodings(tmp_path, encoding, expected):
    text = "Cliëntnummer;Productcategorie;Ingangsdatum;Reden beëindiging;Budget\n" \
           f"{BSNS[0]};02;01-01-2024;Overlijden cliënt;€ 1.234,50\n"
    path = tmp_path / "e.csv"
    path.write_bytes(text.encode(encoding))
    source = readers.open_source(path)
    assert source.encoding == expected
    rows = source.rows(None)
    assert rows[0][0] == "Cliëntnummer"  # no BOM glued to the first header
    assert rows[1][3] == "Overlijden cliënt"
    assert rows[1][4] == "€ 1.234,50"


def test_csv_title_rows_and_txt_suffix(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("Rapportage toewijzingen;;\nGemaakt op 01-02-2025;;\n;;\n" + csv_text(";"), encoding="cp1252")
    detection = detect(path)
    assert detection.blad is None and detection.bladen == []
    assert detection.header_rij == 4
    assert detection.soort == "toewijzingen"


def test_sniff_prefers_semicolon_over_decimal_commas():
    text = "A;B;C\n1,5;2,25;3\n4;5,1;6,0\n"
    assert readers.sniff_separator(text) == ";"
    assert readers.sniff_separator("a,b,c\n1,2,3\n") == ","
    assert readers.sniff_separator("a\tb\n1\t2\n") == "\t"


def test_columns_below_pads_ragged_rows():
    columns = readers.columns_below([["a", "b", "c"], ["1"], ["", "2", "3", "4"]], 0, 3)
    assert [list(c) for c in columns] == [["1", None], [None, "2"], [None, "3"]]
    assert all(c.dtype == object for c in columns)


# --- hostile and broken input -----------------------------------------------------

def test_empty_files(tmp_path):
    for name, content in (("leeg.xlsx", b""), ("leeg.csv", b""), ("spaties.csv", b"  \n\n ")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ImportFileError, match="is leeg"):
            detect(path)


def test_non_excel_renamed_to_xlsx(tmp_path):
    path = tmp_path / "echt_tekst.xlsx"
    path.write_text("Dit is geen werkmap\nmaar gewone tekst\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="geen Excel-werkmap") as info:
        detect(path)
    assert "echt_tekst.xlsx" in info.value.melding


def test_html_disguised_as_xls(tmp_path):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>BSN</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(ImportFileError, match="webpagina"):
        detect(path)


def test_corrupt_xlsx(tmp_path):
    good = toewijzingen_xlsx(tmp_path / "goed.xlsx").read_bytes()
    truncated = tmp_path / "afgebroken.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFileError, match="beschadigd"):
        detect(truncated)
    garbled = bytearray(good)
    for i in range(200, len(garbled) - 200, 97):
        garbled[i] ^= 0x5A
    path = tmp_path / "verminkt.xlsx"
    path.write_bytes(bytes(garbled))
    with pytest.raises(ImportFileError):
        detect(path)


def test_zip_without_workbook(tmp_path):
    path = tmp_path / "geen_werkmap.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    with pytest.raises(ImportFileError, match="niet als Excel-werkmap"):
        detect(path)


def test_zip_bomb_by_ratio_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (readers.RATIO_MIN_SIZE + 1024**2))
    assert path.stat().st_size < 200_000
    with pytest.raises(ImportFileError, match="zip-bom"):
        detect(path)


def test_zip_that_lies_about_its_size_is_refused(tmp_path):
    """Declared sizes are patched to look harmless; the streamed check still catches it."""
    buffer = io.BytesIO()
    payload = b"<x/>" * 250_000  # 1 MB, compresses well
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", payload)
    data = bytearray(buffer.getvalue())
    # local header: uncompressed size at offset 22; central directory entry: at offset 24
    struct.pack_into("<I", data, 22, 1000)
    central = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 1000)
    path = tmp_path / "liegt.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportFileError):
        readers.check_zip(bytes(data), path.name)
    with pytest.raises(ImportFileError):
        detect(path)


def test_stray_cell_far_away_is_refused_before_calamine_allocates(tmp_path):
    """calamine builds a dense grid up to the last cell: XFD1048576 would abort the process."""
    path = write_xlsx(tmp_path / "ver.xlsx", {
        "Rommel": [["BSN", "Ingangsdatum", "Productcategorie"]],
        "Data": [["BSN", "Ingangsdatum", "Productcategorie"], [BSNS[0], dt.datetime(2024, 1, 1), "02"]],
    })
    workbook = __import__("openpyxl").load_workbook(path)
    workbook["Rommel"]["XFD1048576"] = "x"
    workbook.save(path)
    assert detect(path).blad == "Data"  # the broken sheet is skipped when choosing
    with pytest.raises(ImportFileError, match="te groot.*rij 1048576 en kolom 16384"):
        detect(path, blad="Rommel")


def _with_shared_strings(tmp_path, count: str, unique: str) -> Path:
    source = zipfile.ZipFile(toewijzingen_xlsx(tmp_path / "basis_sst.xlsx"))
    members = {n: source.read(n) for n in source.namelist()}
    members["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{unique}"><si><t>BSN</t></si></sst>').encode()
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    path = tmp_path / f"sst_{unique}.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    return path


def test_impossible_counts_are_refused_before_calamine_reserves_memory(tmp_path):
    """<sst uniqueCount="4000000000"> made calamine reserve 96 GB and abort the process."""
    with pytest.raises(ImportFileError, match="onmogelijk grote aantallen"):
        detect(_with_shared_strings(tmp_path, "4000000000", "4000000000"))
    # many references to few unique strings is normal and must pass
    assert detect(_with_shared_strings(tmp_path, "3000000", "1")).soort == "toewijzingen"


@pytest.mark.parametrize("cell", ['<c r="ZZZZZZ1"><v>1</v></c>', '<c r="A99999999999"><v>1</v></c>',
                                  '<c r="XFD999999"><v>1</v></c>', '<c r="ZZ999999"><v>1</v></c>'])
def test_cell_references_beyond_their_row_are_caught(tmp_path, cell):
    """A cell may claim any row or column whatever its <row> says; calamine sizes its grid on it."""
    source = zipfile.ZipFile(toewijzingen_xlsx(tmp_path / "basis_ref.xlsx"))
    members = {n: source.read(n) for n in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(b"</row>", cell.encode() + b"</row>", 1)
    path = tmp_path / "ref.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    with pytest.raises(ImportFileError, match="te groot om in te lezen"):
        detect(path, blad="Toewijzingen")


@pytest.mark.parametrize("member,content,fragment", [
    ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", ".ods"),
    ("xl/workbook.bin", b"\0\0", ".xlsb"),
])
def test_ods_and_xlsb_are_refused_with_advice(tmp_path, member, content, fragment):
    path = tmp_path / "werkmap.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, content)
    with pytest.raises(ImportFileError, match=f"\\{fragment}.*Sla het op als Excel-werkmap"):
        detect(path)


def test_password_protected_workbook(tmp_path):
    path = tmp_path / "geheim.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 400)
    with pytest.raises(ImportFileError, match="wachtwoord"):
        detect(path)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFileError, match="bestaat niet"):
        detect(tmp_path / "weg.xlsx")


def test_binary_garbage_as_csv(tmp_path):
    path = tmp_path / "ruis.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ImportFileError, match="geen tekstbestand"):
        detect(path)


# --- read-only --------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_source_is_never_written(tmp_path, suffix):
    if suffix == ".xlsx":
        path = toewijzingen_xlsx(tmp_path / "bron.xlsx", title_rows=1)
    else:
        path = tmp_path / "bron.csv"
        path.write_text(csv_text(";"), encoding="cp1252")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    path.chmod(0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    detect(path)
    result = import_file(path, secret=SECRET)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns, path.stat().st_size)
    assert before == after
    assert result.sha256 == before[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no lock or temp files left


def test_open_source_hash_is_of_the_parsed_bytes(tmp_path):
    path = toewijzingen_xlsx(tmp_path / "h.xlsx")
    assert readers.open_source(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert np.array_equal(readers.columns_below([["a"]], 0, 1)[0], np.empty(0, dtype=object))


def test_excel_sep_hint_line_is_honoured_and_not_counted(tmp_path):
    path = tmp_path / "hint.csv"
    path.write_text("sep=,\n" + csv_text(",", "."), encoding="utf-8")
    source = readers.open_source(path)
    assert source.separator == ","
    assert source.rows(None)[0][0] == "Clientnummer"  # Excel hides the sep= line, so row 1 is the header
    result = import_file(path, secret=SECRET)
    assert sorted(result.table["_rij"].tolist()) == [2, 3, 4]


def test_csv_detect_parses_only_the_top(tmp_path):
    path = tmp_path / "lang.csv"
    body = "".join(f"C-{i};02;01-01-2024\n" for i in range(5000))
    path.write_text("Clientnummer;Productcategorie;Ingangsdatum\n" + body + 'kapot;"niet afgesloten\n', encoding="utf-8")
    source = readers.open_source(path)
    assert len(source.rows(None, 10)) == 10
    assert detect(path).soort == "toewijzingen"


# --- fuzzing: arbitrary bytes never crash the readers -----------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_GOOD_XLSX: dict[str, bytes] = {}


def _good_xlsx_bytes(tmp_path) -> bytes:
    if "x" not in _GOOD_XLSX:
        _GOOD_XLSX["x"] = toewijzingen_xlsx(tmp_path / "basis.xlsx").read_bytes()
    return _GOOD_XLSX["x"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe"]),
       body=st.binary(max_size=400), suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".txt"]))
def test_random_bytes_only_raise_import_errors(tmp_path, prefix, body, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + body)
    try:
        detect(path)
    except ImportFileError as exc:
        assert exc.melding


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_real_workbook_only_raises_import_errors(tmp_path, data):
    good = bytearray(_good_xlsx_bytes(tmp_path))
    for _ in range(data.draw(st.integers(1, 20))):
        position = data.draw(st.integers(0, len(good) - 1))
        good[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(good) // 2, len(good)))
    path = tmp_path / "beschadigd.xlsx"
    path.write_bytes(bytes(good[:cut]))
    try:
        import_file(path, secret=SECRET)
    except ImportFileError as exc:
        assert exc.melding


_INSERTS = [b'<c r="XFD1048576"><v>1</v></c>', b'<row r="99999999">', b' t="e"', b'<v>#N/A</v>',
            b'<c r="A1" t="s"><v>999</v></c>', b"\xff\xfe", b"<", b'"']


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_malformed_xml_inside_a_valid_zip_only_raises_import_errors(tmp_path, data):
    """Past the zip layer (valid CRCs), broken XML must still end in a Dutch message."""
    source = zipfile.ZipFile(io.BytesIO(_good_xlsx_bytes(tmp_path)))
    members = {n: source.read(n) for n in source.namelist()}
    target = data.draw(st.sampled_from(sorted(n for n in members if n.endswith((".xml", ".rels")))))
    content = bytearray(members[target])
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(content) - 1))
        if data.draw(st.booleans()):
            del content[position:position + data.draw(st.integers(1, 20))]
        else:
            content[position:position] = data.draw(st.sampled_from(_INSERTS))
    members[target] = bytes(content)
    path = tmp_path / "xml.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    try:
        import_file(path, secret=SECRET)
    except ImportFileError as exc:
        assert exc.melding


def test_header_without_data_rows_says_nothing_was_read(tmp_path):
    path = tmp_path / "alleen_kop.csv"
    path.write_text("Overzicht\nBSN;Productcategorie;Ingangsdatum\n;;\n", encoding="utf-8")
    result = import_file(path, secret=SECRET)
    assert (result.rijen_gelezen, result.rijen_geldig, result.fouten) == (0, 0, [])
    assert [m.melding for m in result.waarschuwingen] == [
        "Onder de kopregel (rij 2) staan geen gegevens; er is niets ingelezen."]
