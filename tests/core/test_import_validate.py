"""Every validation rule: its Dutch message, the Excel row number and the header as written."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from wijkkompas.core.errors import ImportFileError, WijkkompasError
from wijkkompas.core.imports import validate as v
from wijkkompas.core.imports.model import Melding

BSN_OK = "123456782"  # passes the 11-proef
BSN_BAD = "123456789"  # fails it

# Headers as a user's export writes them (line breaks, capitals): messages must quote these.
TOEW_HEADERS = {
    "client_id": "BSN", "toewijzingnummer": "Toewijzing\nnummer", "productcategorie": "Product categorie",
    "ingangsdatum": "Datum ingang", "einddatum": "Datum einde", "volume": "Omvang", "eenheid": "Eenheid",
    "frequentie": "Frequentie", "budget": "Maximaal bedrag", "postcode4": "Postcode", "geboortejaar": "Geb.jaar",
}
DECL_HEADERS = {
    "declaratienummer": "Declaratienr", "toewijzingnummer": "Toewijzingnummer", "client_id": "Cliëntnummer",
    "productcategorie": "Productcategorie", "periode_start": "Prestatieperiode van", "periode_eind": "Periode eind",
    "geleverd_volume": "Geleverd volume", "eenheid": "Eenheid", "producttarief": "Tarief",
    "ingediend_bedrag": "Gedeclareerd bedrag", "toegekend_bedrag": "Goedgekeurd bedrag",
}
HEADER_ROW = 3  # data starts on Excel row 4


def toew(**over):
    row = {"client_id": BSN_OK, "toewijzingnummer": "T1", "productcategorie": "01", "ingangsdatum": "01-01-2024",
           "einddatum": "31-12-2024", "volume": 3, "eenheid": "04", "frequentie": "2", "budget": None,
           "postcode4": "1234 AB", "geboortejaar": 1940}
    row.update(over)
    return row


def decl(**over):
    row = {"declaratienummer": "D1", "toewijzingnummer": "T1", "client_id": BSN_OK, "productcategorie": "01",
           "periode_start": "01-01-2024", "periode_eind": "31-01-2024", "geleverd_volume": 12, "eenheid": "04",
           "producttarief": "32,50", "ingediend_bedrag": "390,00", "toegekend_bedrag": "390,00"}
    row.update(over)
    return row


def run(rows, soort="toewijzingen", headers=None, start=HEADER_ROW + 1):
    raw = pd.DataFrame(rows, dtype=object)
    if headers is None:
        headers = TOEW_HEADERS if soort == "toewijzingen" else DECL_HEADERS
    excel_rows = np.arange(start, start + len(raw))
    table, meldingen = v.validate_table(raw, soort, excel_rows, {c: headers.get(c, c) for c in raw.columns})
    return table, meldingen


def only(meldingen, ernst=None, contains=None):
    return [m for m in meldingen if (ernst is None or m.ernst == ernst) and (contains is None or contains in m.melding)]


def test_clean_rows_pass_typed_with_excel_row_numbers():
    table, meldingen = run([toew(), toew(toewijzingnummer="T2", client_id="111222333")])
    assert meldingen == []
    assert table["_rij"].tolist() == [4, 5]
    assert str(table["ingangsdatum"].dtype).startswith("datetime64")
    assert table["volume"].dtype == np.float64
    assert str(table["client_id"].dtype) == "string" and str(table["productcategorie"].dtype) == "string"
    assert table["postcode4"].tolist() == ["1234", "1234"]


def test_empty_rows_are_skipped_with_one_warning_listing_them():
    empty = {k: None for k in toew()}
    table, meldingen = run([toew(), empty, {**empty, "client_id": "   "}, toew(toewijzingnummer="T2")])
    assert table["_rij"].tolist() == [4, 7]
    [m] = only(meldingen, "waarschuwing", "lege rijen")
    assert m.rij == 5 and "2 lege rijen overgeslagen (rij 5, 6)" in m.melding


@pytest.mark.parametrize("word", ["Totaal", "Subtotaal", "Eindtotaal", "totaal 2024", "TOTAL"])
def test_totals_rows_with_totaal_in_a_key_column_are_excluded(word):
    table, meldingen = run([toew(), toew(client_id=word, toewijzingnummer=None, budget="12.345,00")])
    assert table["_rij"].tolist() == [4]
    [m] = only(meldingen, "waarschuwing", "totaalregel")
    assert m.rij == 5
    assert f"Rij 5 is een totaalregel ('{word}' in kolom 'BSN') en is niet meegeteld." == m.melding
    assert m.kolom == "BSN" and m.waarde is None  # the client column is never quoted in waarde
    assert not only(meldingen, "fout")


def test_row_without_keys_but_with_an_amount_is_a_totals_row():
    total = {k: None for k in decl()} | {"ingediend_bedrag": "1.234,00"}
    table, meldingen = run([decl(), total], "declaraties")
    assert table["_rij"].tolist() == [4]
    [m] = only(meldingen, "waarschuwing", "totaalregel")
    assert m.rij == 5 and "Declaratienr/Toewijzingnummer/Cliëntnummer" in m.melding and m.kolom is None


def test_required_value_missing_rejects_the_row():
    table, meldingen = run([toew(client_id=None), toew(toewijzingnummer="T2", productcategorie=None)])
    assert table.empty
    assert [(m.rij, m.kolom, m.melding) for m in only(meldingen, "fout")] == [
        (4, "BSN", "Verplichte waarde ontbreekt in kolom 'BSN'; rij niet gebruikt."),
        (5, "Product categorie", "Verplichte waarde ontbreekt in kolom 'Product categorie'; rij niet gebruikt."),
    ]


def test_unreadable_date_rejects_the_row_and_quotes_the_cell():
    table, meldingen = run([toew(ingangsdatum="31-02-2024")])
    assert table.empty
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom, m.waarde) == (4, "Datum ingang", "31-02-2024")
    assert m.melding == ("Geen geldige datum in kolom 'Datum ingang' (verwacht dd-mm-jjjj of een Excel-datum); "
                         "rij niet gebruikt.")


def test_unreadable_amount_rejects_the_row():
    table, meldingen = run([decl(ingediend_bedrag="twaalf euro")], "declaraties")
    assert table.empty
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom, m.waarde) == (4, "Gedeclareerd bedrag", "twaalf euro")
    assert "Geen geldig getal in kolom 'Gedeclareerd bedrag' (verwacht bijvoorbeeld 1.234,56); rij niet gebruikt." \
        == m.melding


def test_unreadable_optional_number_only_empties_the_cell():
    table, meldingen = run([toew(volume="veel")])
    assert table["_rij"].tolist() == [4] and pd.isna(table["volume"].iloc[0])
    [m] = only(meldingen, "fout")
    assert m.kolom == "Omvang" and m.melding.endswith("; waarde niet gebruikt.")


def test_code_not_in_the_iwmo_list():
    table, meldingen = run([toew(productcategorie="55"), toew(toewijzingnummer="T2", eenheid="jaar")])
    fouten = only(meldingen, "fout")
    assert [(m.rij, m.kolom, m.waarde) for m in fouten] == [(4, "Product categorie", "55"), (5, "Eenheid", "jaar")]
    assert fouten[0].melding == ("Onbekende code in kolom 'Product categorie': niet in de iWmo-codelijst WMO020 "
                                 "(geldig: 01 t/m 18); rij niet gebruikt.")
    assert "niet in de iWmo-codelijst WJ756 (geldig: 01, 04, 14, 16, 82, 83, 84)" in fouten[1].melding
    assert fouten[1].melding.endswith("waarde niet gebruikt.")
    # the unknown eenheid leaves the row in, with the cell emptied
    assert table["_rij"].tolist() == [5] and pd.isna(table["eenheid"].iloc[0])


def test_einddatum_before_ingangsdatum():
    table, meldingen = run([toew(ingangsdatum="01-06-2024", einddatum="01-01-2024")])
    assert table.empty
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom) == (4, "Datum einde")
    assert m.melding == "'Datum einde' (01-01-2024) ligt vóór 'Datum ingang' (01-06-2024); rij niet gebruikt."


def test_periode_eind_before_periode_start():
    table, meldingen = run([decl(periode_start="01-02-2024", periode_eind="31-01-2024")], "declaraties")
    assert table.empty
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom) == (4, "Periode eind")
    assert "'Periode eind' (31-01-2024) ligt vóór 'Prestatieperiode van' (01-02-2024)" in m.melding


@pytest.mark.parametrize("column, header", [("ingediend_bedrag", "Gedeclareerd bedrag"),
                                            ("geleverd_volume", "Geleverd volume")])
def test_a_negative_amount_or_volume_beside_positive_ones_is_an_error(column, header):
    """A credit line has only negative amounts; one negative cell in a debet line is a fout."""
    table, meldingen = run([decl(**{column: "-12,50"})], "declaraties")
    assert table.empty
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom) == (4, header)
    assert m.melding.startswith(f"Negatieve waarde in kolom '{header}' is niet toegestaan")


def test_a_negative_volume_in_toewijzingen_stays_an_error():
    table, meldingen = run([toew(volume=-2)])
    assert table.empty
    [m] = only(meldingen, "fout")
    assert m.melding == "Negatieve waarde in kolom 'Omvang' is niet toegestaan; rij niet gebruikt."


def test_amount_over_a_million_on_one_line_is_an_error():
    table, meldingen = run([decl(ingediend_bedrag="1.500.000,00", toegekend_bedrag=None)], "declaraties")
    assert table.empty
    [m] = only(meldingen, "fout")
    assert m.kolom == "Gedeclareerd bedrag"
    assert m.melding.startswith("Bedrag € 1.500.000,00 in kolom 'Gedeclareerd bedrag' is meer dan € 1 mln")


def test_high_tarief_and_impossible_volume_are_warnings():
    table, meldingen = run([decl(producttarief="12.500"), decl(declaratienummer="D2", geleverd_volume=800)],
                           "declaraties")
    assert table["_rij"].tolist() == [4, 5]
    tarief = only(meldingen, "waarschuwing", "Tarief")
    assert [(m.rij, m.kolom) for m in tarief] == [(4, "Tarief")]
    assert "hoger dan € 10.000 per eenheid" in tarief[0].melding
    volume = only(meldingen, "waarschuwing", "past niet in de periode")
    assert [(m.rij, m.kolom) for m in volume] == [(5, "Geleverd volume")]
    assert volume[0].melding.startswith("Volume 800 uur in kolom 'Geleverd volume' past niet in de periode (31 dagen)")


def test_toewijzing_volume_checked_against_frequentie():
    table, meldingen = run([toew(volume=200, frequentie="per week")])  # 200 uur per week > 168
    assert len(table) == 1
    [m] = only(meldingen, "waarschuwing", "past niet")
    assert m.rij == 4 and m.kolom == "Omvang"


def test_dates_before_wmo2015_and_far_ahead_are_warnings():
    future = (dt.date.today() + dt.timedelta(days=3 * 366)).strftime("%d-%m-%Y")
    table, meldingen = run([toew(ingangsdatum="01-01-2012"), toew(toewijzingnummer="T2", ingangsdatum=future,
                                                                   einddatum=None)])
    assert table["_rij"].tolist() == [4, 5]
    old = only(meldingen, "waarschuwing", "vóór de Wmo 2015")
    assert [(m.rij, m.kolom) for m in old] == [(4, "Datum ingang")]
    ahead = only(meldingen, "waarschuwing", "meer dan twee jaar in de toekomst")
    assert [(m.rij, m.kolom) for m in ahead] == [(5, "Datum ingang")]


def test_end_date_9999_means_open_end():
    table, meldingen = run([toew(einddatum="31-12-9999"), toew(toewijzingnummer="T2", einddatum=dt.date(2099, 1, 1))])
    assert table["_rij"].tolist() == [4, 5]
    assert table["einddatum"].isna().all()
    [m] = only(meldingen, "waarschuwing", "geen einddatum")
    assert m.rij == 4 and m.kolom == "Datum einde" and "(rij 4, 5)" in m.melding


def test_start_date_9999_is_an_error():
    table, meldingen = run([toew(ingangsdatum="31-12-9999")])
    assert table.empty
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom) == (4, "Datum ingang") and "na 2090" in m.melding


def test_eenheid_83_volume_in_eurocent_becomes_euro():
    table, meldingen = run([decl(eenheid="83", geleverd_volume=12550, producttarief=None)], "declaraties")
    assert table["geleverd_volume"].tolist() == [125.5]
    [m] = only(meldingen, "waarschuwing", "eurocent")
    assert "omgerekend van eurocent naar euro" in m.melding and m.kolom == "Geleverd volume"


@pytest.mark.parametrize("soort, rows, header", [
    ("toewijzingen", [toew(), toew(client_id="111222333")], "Toewijzing\nnummer"),
    ("declaraties", [decl(), decl(geleverd_volume=3)], "Toewijzingnummer"),
])
def test_duplicate_keys_name_the_first_row(soort, rows, header):
    table, meldingen = run(rows + [rows[0]], soort)
    assert table["_rij"].tolist() == [4]
    fouten = only(meldingen, "fout")
    assert [(m.rij, m.kolom) for m in fouten] == [(5, header), (6, header)]
    assert all("als rij 4; rij niet gebruikt." in m.melding and m.melding.startswith("Dubbele regel") for m in fouten)


def test_declaraties_in_other_periods_are_not_duplicates():
    table, meldingen = run([decl(), decl(periode_start="01-02-2024", periode_eind="29-02-2024")], "declaraties")
    assert len(table) == 2 and not only(meldingen, "fout")


def test_duplicate_tarieven_and_wijken():
    tar = [{"productcode": "01A01", "aanbieder_code": "123", "ingangsdatum": "01-01-2024", "tarief": "32,50"}] * 2
    table, meldingen = run(tar, "tarieven", headers={"productcode": "Productcode"})
    assert len(table) == 1 and only(meldingen, "fout")[0].melding.startswith("Dubbele regel: zelfde 'Productcode'")
    wijk = [{"wijk_code": "W01", "inwoners": 1000}, {"wijk_code": "W01", "inwoners": 1200}]
    table, meldingen = run(wijk, "wijken", headers={"wijk_code": "Wijkcode"})
    assert len(table) == 1
    assert only(meldingen, "fout")[0].melding == "Dubbele regel: zelfde 'Wijkcode' als rij 4; rij niet gebruikt."


def test_duplicate_of_a_rejected_row_is_kept():
    table, meldingen = run([toew(ingangsdatum="kapot"), toew()])
    assert table["_rij"].tolist() == [5]
    assert not only(meldingen, "fout", "Dubbele regel")


@pytest.mark.parametrize("cell", ["12", "1234 AB 12", "Dorpsstraat 1"])
def test_invalid_postcode_is_emptied_with_a_warning_that_does_not_quote_the_address(cell):
    table, meldingen = run([toew(postcode4=cell)])
    assert len(table) == 1 and pd.isna(table["postcode4"].iloc[0])
    [m] = only(meldingen, "waarschuwing")
    assert (m.rij, m.kolom, m.waarde) == (4, "Postcode", None)
    assert m.melding == "Geen geldige postcode in kolom 'Postcode' (verwacht 1234 AB of 1234); cel leeg gelaten."


def test_bsn_failing_the_11_proef_is_a_warning_without_the_number():
    table, meldingen = run([toew(client_id=BSN_BAD), toew(toewijzingnummer="T2")])
    assert len(table) == 2
    [m] = only(meldingen, "waarschuwing", "11-proef")
    assert (m.rij, m.kolom, m.waarde) == (4, "BSN", None)
    assert BSN_BAD not in m.melding


def test_client_numbers_that_are_not_bsns_get_no_11_proef_warning():
    ids = [f"{700000001 + i}" for i in range(20)]  # a 9-digit client numbering, mostly failing the 11-proef
    rows = [toew(client_id=c, toewijzingnummer=f"T{i}") for i, c in enumerate(ids)]
    _, meldingen = run(rows, headers={**TOEW_HEADERS, "client_id": "Clientnummer"})
    assert not only(meldingen, contains="11-proef")


def test_client_id_is_never_quoted_in_any_message():
    _, meldingen = run([toew(client_id=BSN_OK, ingangsdatum="kapot"), toew(client_id=BSN_OK), toew(client_id=BSN_OK)])
    assert meldingen and all(m.waarde != BSN_OK and BSN_OK not in m.melding for m in meldingen)


def test_implausible_birth_year_empties_the_cell():
    table, meldingen = run([toew(geboortejaar=1640)])
    assert len(table) == 1 and pd.isna(table["geboortejaar"].iloc[0])
    assert only(meldingen, "fout")[0].melding == "Onwaarschijnlijk jaartal in kolom 'Geb.jaar'; waarde niet gebruikt."


@pytest.mark.parametrize("cell", ["12-03-1941", dt.datetime(1941, 3, 12)])
def test_a_birth_date_in_the_birth_year_column_is_not_quoted(cell):
    table, meldingen = run([toew(geboortejaar=cell)])
    assert len(table) == 1 and pd.isna(table["geboortejaar"].iloc[0])
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom, m.waarde) == (4, "Geb.jaar", None) and "1941" not in m.melding


def test_many_identical_warnings_are_summarised():
    rows = [toew(toewijzingnummer=f"T{i}", postcode4="xx") for i in range(v.MAX_WARNINGS_PER_RULE + 10)]
    table, meldingen = run(rows)
    assert len(table) == len(rows)
    assert len(meldingen) == v.MAX_WARNINGS_PER_RULE + 1
    assert meldingen[-1].melding.startswith("Nog 10 rijen met dezelfde waarschuwing (rij 54, 55")


def test_errors_are_never_summarised():
    rows = [toew(toewijzingnummer=f"T{i}", client_id=None) for i in range(v.MAX_WARNINGS_PER_RULE + 10)]
    _, meldingen = run(rows)
    assert len(only(meldingen, "fout")) == len(rows)


def test_messages_are_sorted_by_excel_row():
    _, meldingen = run([toew(ingangsdatum="x"), toew(toewijzingnummer="T2", client_id=None),
                        toew(toewijzingnummer="T3", postcode4="1")])
    rows = [m.rij for m in meldingen]
    assert rows == sorted(rows)


def test_nothing_is_silently_dropped():
    rows = [toew(), toew(client_id=None), {k: None for k in toew()}, toew(client_id="Totaal"),
            toew(toewijzingnummer="T9", ingangsdatum="kapot"), toew(), toew(toewijzingnummer="T5", volume=-1)]
    table, meldingen = run(rows)
    kept = set(table["_rij"])
    fout_rows = {m.rij for m in meldingen if m.ernst == "fout"}
    warned = {int(r) for m in meldingen if m.ernst == "waarschuwing" and ("lege" in m.melding or "totaal" in m.melding)
              for r in [m.rij]}
    for excel_row in range(4, 4 + len(rows)):
        assert excel_row in kept or excel_row in fout_rows or excel_row in warned, excel_row


def test_missing_required_column_and_unknown_kind_raise_typed_errors():
    with pytest.raises(ImportFileError, match="Verplichte kolom"):
        run([{"client_id": BSN_OK}])
    with pytest.raises(ImportFileError, match="Onbekende soort"):
        v.validate_table(pd.DataFrame({"a": [1]}), "onzin", np.array([2]), {})
    assert issubclass(ImportFileError, WijkkompasError)


def test_empty_input_gives_empty_typed_table():
    raw = pd.DataFrame({c: pd.Series([], dtype=object) for c in ("client_id", "productcategorie", "ingangsdatum")})
    table, meldingen = v.validate_table(raw, "toewijzingen", np.array([], dtype=int), {})
    assert table.empty and meldingen == [] and "_rij" in table.columns


def test_budget_kind():
    rows = [{"jaar": 2024, "taakveld": "6.71", "productcategorie": "01", "bedrag": "€ 1.234.567,00"},
            {"jaar": "2023", "taakveld": "6.71", "productcategorie": "01", "bedrag": 900000}]
    table, meldingen = run(rows, "budget", headers={})
    assert meldingen == [] and table["bedrag"].tolist() == [1234567.0, 900000.0]
    assert table["jaar"].tolist() == [2024.0, 2023.0]


def test_meldingen_are_melding_objects_with_json_shape():
    _, meldingen = run([toew(client_id=None)])
    assert isinstance(meldingen[0], Melding)
    assert set(meldingen[0].to_json()) == {"rij", "kolom", "waarde", "melding"}


def test_volume_totaal_with_open_end_is_not_flagged():
    # frequentie 6 (totaal binnen geldigheidsduur) without einddatum: plausible over years
    table, meldingen = run([toew(volume=300, frequentie="6", einddatum=None)])
    assert len(table) == 1 and not only(meldingen, contains="past niet")
    _, meldingen = run([toew(volume=300, frequentie="6", einddatum="05-01-2024")])  # 5 days: 300 uur is too much
    assert [m.rij for m in only(meldingen, "waarschuwing", "past niet")] == [4]


def test_unreadable_boolean_and_postcode_list():
    rows = [{"productcode": "01A01", "tarief": "32,50", "tussentijdse_toetreding": "misschien"},
            {"productcode": "01A02", "tarief": "40", "tussentijdse_toetreding": "ja"}]
    table, meldingen = run(rows, "tarieven", headers={"tussentijdse_toetreding": "Tussentijds toetreden"})
    assert table["tussentijdse_toetreding"].isna().tolist() == [True, False]
    [m] = only(meldingen, "fout")
    assert (m.rij, m.kolom, m.waarde) == (4, "Tussentijds toetreden", "misschien")
    assert m.melding == "Geen ja/nee-waarde in kolom 'Tussentijds toetreden'; waarde niet gebruikt."
    wijken = [{"wijk_code": "W01", "inwoners": 1000, "postcode4": "1011, 1012-1013"},
              {"wijk_code": "W02", "inwoners": 900, "postcode4": "onbekend"}]
    table, meldingen = run(wijken, "wijken", headers={"postcode4": "Postcodes"})
    assert table["postcode4"].iloc[0] == "1011,1012,1013" and pd.isna(table["postcode4"].iloc[1])
    [m] = only(meldingen, "waarschuwing")
    assert (m.rij, m.kolom) == (5, "Postcodes") and "cel leeg gelaten" in m.melding
    assert m.waarde == "onbekend"  # an area list, not a client's address: quoted


def test_record_without_its_only_id_but_with_dates_is_a_fout_not_a_totals_row():
    """A toewijzing whose BSN cell is empty is a rejected record (exit code 1), not a totals line."""
    headers = {"client_id": "BSN", "productcategorie": "Productcategorie", "ingangsdatum": "Ingangsdatum",
               "volume": "Volume"}
    row = {"client_id": "123456782", "productcategorie": "02", "ingangsdatum": "01-01-2024", "volume": 4}
    table, meldingen = run([row, row | {"client_id": None}, {"client_id": None, "volume": 8}], headers=headers)
    assert table["_rij"].tolist() == [4]
    assert [(m.rij, m.kolom) for m in only(meldingen, "fout")] == [(5, "BSN")]
    [m] = only(meldingen, "waarschuwing", "totaalregel")
    assert m.rij == 6


def test_totals_row_message_names_the_column_holding_the_word():
    rows = [decl(), decl(declaratienummer="Totaal", toewijzingnummer=None, client_id=None)]
    _, meldingen = run(rows, "declaraties")
    [m] = only(meldingen, "waarschuwing", "totaalregel")
    assert (m.rij, m.kolom, m.waarde) == (5, "Declaratienr", "Totaal")


def test_a_repeated_header_row_is_skipped_with_a_warning_not_rejected():
    """Two exports pasted into one sheet: the second header row is not data."""
    header_row = {c: TOEW_HEADERS[c] for c in toew()}
    header_row["toewijzingnummer"] = "Toewijzing-\nnummer"  # as written in the file, with a line break
    table, meldingen = run([toew(), header_row, toew(toewijzingnummer="T2")])
    assert table["_rij"].tolist() == [4, 6]
    assert not only(meldingen, "fout")
    [m] = only(meldingen, "waarschuwing", "kopregel")
    assert (m.rij, m.melding) == (5, "Rij 5 herhaalt de kopregel en is overgeslagen.")
    # one cell that happens to equal its header does not make a header row
    table, meldingen = run([toew(einddatum="Datum einde")])
    assert only(meldingen, "fout") and not only(meldingen, contains="kopregel")
