"""Header normalisation, the synonyms table, personal-data headers and kind detection."""
from __future__ import annotations

import pytest

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports import headers as hdr
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, SOORTEN

# Every synonym the issue names, with the kind in which it is looked up.
ISSUE_SYNONYMS = [
    ("toewijzingen", "client_id", ["BSN", "Burgerservicenummer", "Clientnummer", "Cliëntnummer"]),
    ("toewijzingen", "beschikkingnummer", ["Beschikkingnummer", "Beschikkingsnummer", "Besluitnummer"]),
    ("toewijzingen", "toewijzingnummer", ["Toewijzingnummer", "Toewijzingsnummer", "Ordernummer"]),
    ("toewijzingen", "productcategorie", ["Productcategorie", "Categorie", "Productsoort"]),
    ("toewijzingen", "productcode", ["Productcode", "Product code"]),
    ("toewijzingen", "product_omschrijving", ["Product", "Productomschrijving", "Voorziening"]),
    ("toewijzingen", "leveringsvorm", ["Leveringsvorm", "ZIN", "PGB", "Financieringsvorm", "ZIN/PGB"]),
    ("toewijzingen", "aanbieder_code", ["AGB", "AGB-code", "Aanbieder code", "Leveranciercode"]),
    ("toewijzingen", "aanbieder_naam", ["Aanbieder", "Zorgaanbieder", "Leverancier"]),
    ("toewijzingen", "ingangsdatum", ["Ingangsdatum", "Begindatum", "Startdatum", "Datum ingang"]),
    ("toewijzingen", "einddatum", ["Einddatum", "Datum einde", "Tot en met"]),
    ("toewijzingen", "volume", ["Volume", "Omvang", "Aantal"]),
    ("toewijzingen", "eenheid", ["Eenheid"]),
    ("toewijzingen", "frequentie", ["Frequentie"]),
    ("toewijzingen", "budget", ["Budget", "Maximaal bedrag"]),
    ("toewijzingen", "reden_beeindiging", ["Reden beëindiging", "Reden beeindiging"]),
    ("toewijzingen", "wijk_code", ["Wijk", "Wijkcode", "Gebied", "Stadsdeel"]),
    ("toewijzingen", "postcode4", ["Postcode", "PC4"]),
    ("declaraties", "periode_start", ["Periode begin", "Prestatieperiode van"]),
    ("declaraties", "periode_eind", ["Periode eind"]),
    ("declaraties", "geleverd_volume", ["Geleverd volume"]),
    ("declaraties", "producttarief", ["Tarief", "Producttarief", "Prijs"]),
    ("declaraties", "ingediend_bedrag", ["Ingediend bedrag", "Gedeclareerd bedrag", "Bedrag"]),
    ("declaraties", "toegekend_bedrag", ["Toegekend bedrag", "Goedgekeurd bedrag"]),
    ("declaraties", "status", ["Status"]),
    ("declaraties", "client_id", ["BSN", "Cliëntnummer"]),
    ("tarieven", "tarief", ["Tarief", "Producttarief", "Prijs"]),
    ("wijken", "wijk_code", ["Wijk", "Wijkcode", "Gebied", "Stadsdeel"]),
    ("wijken", "postcode4", ["Postcode", "PC4"]),
    ("budget", "bedrag", ["Bedrag", "Budget"]),
]


@pytest.mark.parametrize("soort,canonical,synonyms", ISSUE_SYNONYMS,
                         ids=[f"{s}-{c}" for s, c, _ in ISSUE_SYNONYMS])
def test_issue_synonyms(soort, canonical, synonyms):
    for synonym in synonyms:
        for variant in (synonym, synonym.upper(), f"  {synonym.lower()} ", synonym.replace(" ", "\n")):
            found = hdr.lookup(variant, soort)
            assert found is not None and found[0] == canonical, (variant, found)


def test_every_table_synonym_resolves_within_each_kind_without_collisions():
    for soort in SOORTEN:
        for canonical in CANONICAL_COLUMNS[soort]:
            assert canonical in hdr.SYNONYMS, f"{canonical} has no synonyms"
            for synonym in hdr.SYNONYMS[canonical]:
                found = hdr.lookup(synonym, soort)
                assert found is not None, (soort, synonym)
                # a synonym may belong to another column of this kind only if it is listed there earlier
                if found[0] != canonical:
                    other = [hdr.normalise(s) for s in hdr.SYNONYMS[found[0]]]
                    assert hdr.normalise(synonym) in other, (soort, canonical, synonym, found)
                    pytest.fail(f"synonym '{synonym}' is ambiguous in {soort}: {canonical} vs {found[0]}")
            # the canonical name itself works too
            assert hdr.lookup(canonical, soort)[0] == canonical


def test_canonical_columns_of_other_kinds_are_not_matched():
    assert hdr.lookup("Tarief", "toewijzingen") is None
    assert hdr.lookup("Frequentie", "declaraties") is None
    assert hdr.lookup("Inwoners", "toewijzingen") is None


@pytest.mark.parametrize("a,b", [
    ("Cliëntnummer", "CLIENTNUMMER"), ("Ingangs\ndatum", "ingangsdatum"), ("AGB-code", "agb code"),
    ("Reden  beëindiging", "reden beeindiging"), ("Datum\r\n einde", "DatumEinde"), ("Inwoners 75+", "inwoners 75 plus"),
])
def test_normalise_is_case_accent_space_and_linebreak_insensitive(a, b):
    assert hdr.normalise(a) == hdr.normalise(b)


def test_units_in_brackets_and_currency_words_are_ignored():
    assert hdr.lookup("Bedrag (€)", "declaraties")[0] == "ingediend_bedrag"
    assert hdr.lookup("Toegekend bedrag in euro's", "declaraties")[0] == "toegekend_bedrag"
    assert hdr.lookup("Volume [uren]", "toewijzingen")[0] == "volume"


@pytest.mark.parametrize("header", [
    "Naam", "Achternaam", "Voornaam", "Voorletters", "Tussenvoegsel", "Adres", "Straat", "Straatnaam", "Huisnummer",
    "Huisnummer toevoeging", "Woonplaats", "Telefoon", "Telefoonnummer", "Mobiel nummer", "E-mail", "E-mailadres",
    "IBAN", "Geboortedatum", "Naam cliënt", "Cliëntnaam", "Contactpersoon",
])
def test_personal_data_headers(header):
    assert hdr.is_personal(header)
    assert all(hdr.lookup(header, s) is None for s in SOORTEN), header


@pytest.mark.parametrize("header", ["Naam aanbieder", "Wijknaam", "Productnaam", "Postcode", "BSN", "Status"])
def test_known_columns_are_not_treated_as_personal(header):
    assert any(hdr.lookup(header, s) is not None for s in SOORTEN)
    assert not hdr.is_personal(header)


def test_a_known_column_of_another_kind_is_ignored_not_removed_as_personal_data():
    match = hdr.match_headers(["BSN", "Productcategorie", "Ingangsdatum", "Wijknaam", "Achternaam"], "toewijzingen")
    assert match.genegeerd == ["Wijknaam"] and match.persoonsgegevens == ["Achternaam"]


@pytest.mark.parametrize("header,soort,canonical", [
    ("Cliënt BSN", "toewijzingen", "client_id"), ("Burgerservicenummer cliënt", "declaraties", "client_id"),
    ("Datum einde toewijzing", "toewijzingen", "einddatum"), ("Reden einde toewijzing", "toewijzingen",
                                                              "reden_beeindiging"),
])
def test_further_export_spellings(header, soort, canonical):
    assert hdr.lookup(header, soort)[0] == canonical


def test_match_headers_reports_ignored_and_personal_columns():
    headers = ["BSN", "Naam", "Adres", "Productcategorie", "Ingangsdatum", "Opmerking", "Telefoon"]
    match = hdr.match_headers(headers, "toewijzingen")
    assert match.kolommen == {"client_id": "BSN", "productcategorie": "Productcategorie", "ingangsdatum": "Ingangsdatum"}
    assert match.persoonsgegevens == ["Naam", "Adres", "Telefoon"]
    assert match.genegeerd == ["Opmerking"]


def test_second_client_number_column_is_removed_as_personal_data():
    match = hdr.match_headers(["Clientnummer", "BSN", "Productcategorie", "Ingangsdatum"], "toewijzingen")
    assert match.kolommen["client_id"] == "BSN"  # earlier synonym in the table wins
    assert match.persoonsgegevens == ["Clientnummer"]


def test_more_specific_synonym_wins():
    match = hdr.match_headers(["Bedrag", "Ingediend bedrag", "Toegekend bedrag"], "declaraties")
    assert match.kolommen["ingediend_bedrag"] == "Ingediend bedrag"
    assert match.kolommen["toegekend_bedrag"] == "Toegekend bedrag"
    assert match.genegeerd == ["Bedrag"]


def test_forced_mapping_overrides_and_blocks():
    headers = ["Nr", "Cat.", "Start", "Wijk", "Einddatum"]
    forced = {"client_id": "nr", "productcategorie": "CAT.", "ingangsdatum": "Start", "wijk_code": None}
    match = hdr.match_headers(headers, "toewijzingen", forced)
    assert match.kolommen == {"client_id": "Nr", "productcategorie": "Cat.", "ingangsdatum": "Start",
                              "einddatum": "Einddatum"}
    assert "Wijk" in match.genegeerd
    with pytest.raises(ImportFileError, match="'Bestaat niet'.*Gevonden kolommen: Nr, Cat."):
        hdr.match_headers(headers, "toewijzingen", {"client_id": "Bestaat niet"})
    with pytest.raises(ImportFileError, match="bestaat niet bij soort 'toewijzingen'"):
        hdr.match_headers(headers, "toewijzingen", {"tarief": "Nr"})


def test_find_header_row_skips_title_rows_and_uses_mapping_headers():
    rows = [["Overzicht toewijzingen", ""], ["", ""], ["BSN", "Ingangsdatum", "Product"], ["1", "2", "3"]]
    assert hdr.find_header_row(rows) == 2
    custom = [["Export"], ["Nr", "Cat.", "Start"], ["1", "02", "x"]]
    assert hdr.find_header_row(custom) is None
    assert hdr.find_header_row(custom, expected=["Nr", "Cat.", "Start"]) == 1


def test_header_names_for_empty_and_duplicate_headers():
    assert hdr.header_names(["Bedrag", None, "Bedrag", " "], 5) == [
        "Bedrag", "(kolom B zonder kop)", "Bedrag (kolom C)", "(kolom D zonder kop)", "(kolom E zonder kop)"]
    assert hdr.column_letter(0) == "A" and hdr.column_letter(25) == "Z" and hdr.column_letter(27) == "AB"


# --- kind detection -----------------------------------------------------------------

@pytest.mark.parametrize("soort,headers", [
    ("toewijzingen", ["Cliëntnummer", "Beschikkingnummer", "Productcategorie", "Productcode", "Ingangsdatum",
                      "Einddatum", "Volume", "Eenheid", "Frequentie", "AGB-code", "Wijk"]),
    ("toewijzingen", ["BSN", "Productcategorie", "Begindatum", "Einddatum", "Volume", "Eenheid", "Frequentie"]),
    ("declaraties", ["Declaratienummer", "BSN", "Productcategorie", "Productcode", "AGB", "Periode begin",
                     "Periode eind", "Geleverd volume", "Eenheid", "Tarief", "Ingediend bedrag", "Status"]),
    ("declaraties", ["Clientnummer", "Begindatum", "Einddatum", "Aantal", "Gedeclareerd bedrag", "Goedgekeurd bedrag"]),
    ("tarieven", ["Productcode", "Productomschrijving", "Tarief", "Eenheid", "Contractvorm"]),
    ("wijken", ["Wijkcode", "Wijknaam", "Inwoners", "Inwoners 75+", "Eenpersoonshuishoudens"]),
    ("budget", ["Jaar", "Taakveld", "Bedrag", "Soort"]),
])
def test_kind_detection(soort, headers):
    guess = hdr.detect_soort(headers)
    assert guess.soort == soort, guess.scores
    assert guess.scores[soort] == max(guess.scores.values())


def test_unrecognised_kind_names_the_missing_columns():
    with pytest.raises(ImportFileError, match="niet herkend.*ontbreekt") as info:
        hdr.detect_soort(["Opmerking", "Productcategorie"])
    for soort in SOORTEN:
        assert soort in info.value.melding


def test_tie_between_kinds_is_an_error_listing_kinds():
    # tarieven: 3 columns, 1 only tarieven has (5); wijken: 3 columns, 1 only wijken has (5)
    with pytest.raises(ImportFileError, match="even goed bij") as info:
        hdr.detect_soort(["Productcode", "Tarief", "Contractvorm", "Wijkcode", "Inwoners", "Postcode"])
    assert "tarieven" in info.value.melding and "wijken" in info.value.melding


def test_near_tie_picks_best_with_warning():
    guess = hdr.detect_soort(["Productcode", "Tarief", "Contractvorm", "Eenheid", "Wijkcode", "Inwoners", "Postcode"])
    assert guess.soort == "tarieven"
    assert guess.waarschuwingen and "wijken" in guess.waarschuwingen[0]


@pytest.mark.parametrize("header", ["Naam", "Adres", "Naam cliënt", "E-mailadres"])
def test_a_mapping_cannot_import_a_personal_data_column(header):
    """Names and addresses are never imported, also not through a hand-written --mapping file."""
    headers = ["BSN", "Productcategorie", "Ingangsdatum", header]
    with pytest.raises(ImportFileError, match="persoonsgegevens"):
        hdr.match_headers(headers, "toewijzingen", {"toegang_team": header})
    # hashing a column as client_id stays allowed: the value is pseudonymised
    assert hdr.match_headers(["Naam cliënt", "Productcategorie", "Ingangsdatum"], "toewijzingen",
                             {"client_id": "Naam cliënt"}).kolommen["client_id"] == "Naam cliënt"


def test_a_saved_mapping_is_matched_when_all_its_headers_occur(tmp_path):
    from wijkkompas.core.imports.mapping import Mapping, matching_mapping, save_mapping

    save_mapping(tmp_path, Mapping("Zorgned", "declaraties", {"client_id": "Cliënt  nr", "toegekend_bedrag": "Bedrag OK"}))
    save_mapping(tmp_path, Mapping("GWS4all", "declaraties", {"client_id": "Burger"}))
    headers = ["cliënt nr", "Bedrag OK", "Periode"]
    found = matching_mapping(tmp_path, headers, "declaraties")
    assert found is not None and found.bronsysteem == "Zorgned"
    assert matching_mapping(tmp_path, headers, "toewijzingen") is None
    assert matching_mapping(tmp_path, ["Iets anders"]) is None
