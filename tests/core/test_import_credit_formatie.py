"""Credit lines in declaraties, wijken per year and the formatie kind: validation and the monthly panel."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wijkkompas.core.imports import panel as panel_mod
from wijkkompas.core.imports import validate
from wijkkompas.core.imports.headers import detect_soort

DECL_HEADERS = {
    "declaratienummer": "Declaratienummer", "toewijzingnummer": "Toewijzingnummer", "client_id": "BSN",
    "productcategorie": "Productcategorie", "periode_start": "Periode begin", "periode_eind": "Periode eind",
    "geleverd_volume": "Geleverd volume", "eenheid": "Eenheid", "ingediend_bedrag": "Ingediend bedrag",
    "toegekend_bedrag": "Toegekend bedrag", "credit": "Debet/Credit",
    "origineel_declaratienummer": "Origineel declaratienummer",
}


def decl(**over):
    row = {"declaratienummer": "1001", "toewijzingnummer": "T1", "client_id": "C1", "productcategorie": "02",
           "periode_start": "01-03-2024", "periode_eind": "31-03-2024", "geleverd_volume": 4, "eenheid": "04",
           "ingediend_bedrag": "260,00", "toegekend_bedrag": "260,00"}
    row.update(over)
    return row


def run(rows, soort="declaraties", headers=None):
    raw = pd.DataFrame(rows, dtype=object)
    excel_rows = np.arange(2, 2 + len(raw))
    headers = headers or {c: DECL_HEADERS.get(c, c) for c in raw.columns}
    return validate.validate_table(raw, soort, excel_rows, {c: headers[c] for c in raw.columns})


def fouten(meldingen):
    return [m for m in meldingen if m.ernst == "fout"]


def test_a_line_with_only_negative_amounts_is_a_valid_credit_line():
    table, meldingen = run([decl(), decl(declaratienummer="1002", geleverd_volume=-4, ingediend_bedrag="-260,00",
                                         toegekend_bedrag="-260,00", origineel_declaratienummer="1001")])
    assert not fouten(meldingen)
    assert table["credit"].tolist() == [False, True]
    assert table["toegekend_bedrag"].sum() == 0
    assert table["origineel_declaratienummer"].iloc[1] == "1001"


def test_iwmo_style_credit_with_positive_amounts_and_c_is_turned_negative():
    table, meldingen = run([decl(credit="D"), decl(declaratienummer="1002", credit="C")])
    assert not fouten(meldingen)
    assert table["credit"].tolist() == [False, True]
    assert table["toegekend_bedrag"].tolist() == [260.0, -260.0]
    assert table["geleverd_volume"].tolist() == [4.0, -4.0]


def test_contradictions_are_errors_with_dutch_messages():
    table, meldingen = run([
        decl(credit="D", ingediend_bedrag="-260,00", toegekend_bedrag="-260,00", geleverd_volume=-4),
        decl(declaratienummer="1003", toegekend_bedrag="-260,00"),
        decl(declaratienummer="1004", credit="X"),
    ])
    errors = fouten(meldingen)
    assert [m.rij for m in errors] == [2, 3, 4]
    assert errors[0].melding.startswith("Debetregel ('D' in kolom 'Debet/Credit') met een negatief bedrag")
    assert errors[1].kolom == "Toegekend bedrag" and "naast positieve bedragen" in errors[1].melding
    assert errors[2].ernst == "fout" and "Geen debet/credit-aanduiding" in errors[2].melding
    # the unreadable indicator empties the cell only: the positive line is kept as debet
    assert table["_rij"].tolist() == [4] and table["credit"].tolist() == [False]


def test_a_credit_line_without_declaratienummer_is_no_duplicate_of_its_original():
    rows = [decl(), decl(geleverd_volume=-4, ingediend_bedrag="-260,00", toegekend_bedrag="-260,00")]
    for row in rows:
        del row["declaratienummer"]
    table, meldingen = run(rows)
    assert not fouten(meldingen) and len(table) == 2
    again, meldingen = run(rows + [dict(rows[1])])
    assert [m.rij for m in fouten(meldingen)] == [4]


def test_negative_tarief_stays_an_error_even_on_a_credit_line():
    table, meldingen = run([decl(credit="C", producttarief="-65,00")], headers={**DECL_HEADERS,
                                                                               "producttarief": "Tarief"})
    assert table.empty and fouten(meldingen)[0].kolom == "Tarief"


def test_panel_nets_credit_lines_and_counts_no_client_for_a_reversed_declaratie():
    table, _ = run([
        decl(),  # C1 in March, reversed below
        decl(declaratienummer="1002", geleverd_volume=-4, ingediend_bedrag="-260,00", toegekend_bedrag="-260,00",
             origineel_declaratienummer="1001"),
        decl(declaratienummer="1003", client_id="C2", toegekend_bedrag="130,00", ingediend_bedrag="130,00",
             geleverd_volume=2),
        decl(declaratienummer="1004", periode_start="01-04-2024", periode_eind="30-04-2024"),
    ])
    panel = panel_mod.derive_panel(table, "declaraties")
    maart = panel[panel["maand"] == "2024-03"].iloc[0]
    assert maart["bedrag"] == pytest.approx(130.0) and maart["volume"] == pytest.approx(2.0)
    assert maart["clienten"] == 1  # C1's only declaratie in March was reversed
    assert panel[panel["maand"] == "2024-04"]["clienten"].tolist() == [1]
    summary = panel_mod.summarise(table, panel, "declaraties")
    assert summary["creditregels"] == 1 and summary["creditbedrag"] == -260.0
    assert summary["per_maand"]["2024-03"] == {"clienten": 1, "bedrag": 130.0}


def test_wijken_may_repeat_a_wijk_code_across_years_but_not_within_one():
    headers = {"jaar": "Jaar", "wijk_code": "Wijkcode", "inwoners": "Inwoners", "kernen": "Kernen"}
    rows = [{"jaar": 2024, "wijk_code": "W01", "inwoners": 1000, "kernen": 1},
            {"jaar": 2025, "wijk_code": "W01", "inwoners": 1010, "kernen": 1},
            {"jaar": 2025, "wijk_code": "W01", "inwoners": 990, "kernen": 1}]
    table, meldingen = run(rows, "wijken", headers)
    assert table["inwoners"].tolist() == [1000.0, 1010.0]
    [m] = fouten(meldingen)
    assert m.rij == 4 and m.melding == "Dubbele regel: zelfde 'Wijkcode' + 'Jaar' als rij 3; rij niet gebruikt."
    # without a jaar column a wijk may occur once
    single, meldingen = run([{k: v for k, v in r.items() if k != "jaar"} for r in rows], "wijken", headers)
    assert len(single) == 1 and len(fouten(meldingen)) == 2


def test_formatie_is_detected_validated_and_normalised():
    headers = ["Team", "Wijkcodes", "Jaar", "Fte", "Kosten per fte"]
    assert detect_soort(headers).soort == "formatie"
    mapping = dict(zip(["team", "wijk_codes", "jaar", "fte", "kosten_per_fte"], headers))
    rows = [
        {"team": "Team Noord", "wijk_codes": "W01;W02 W03", "jaar": 2025, "fte": "12,4", "kosten_per_fte": 89500},
        {"team": "Team Oost", "wijk_codes": "W04", "jaar": 2025, "fte": "-1", "kosten_per_fte": 89500},
        {"team": "Team Zuid", "wijk_codes": "W05", "jaar": 2025, "fte": "8", "kosten_per_fte": 7500},
        {"team": "Team Noord", "wijk_codes": "W01", "jaar": 2025, "fte": "3", "kosten_per_fte": 89500},
        {"team": None, "wijk_codes": "W06", "jaar": 2025, "fte": "3", "kosten_per_fte": 89500},
    ]
    table, meldingen = run(rows, "formatie", mapping)
    assert table["team"].tolist() == ["Team Noord", "Team Zuid"]
    assert table["wijk_codes"].tolist() == ["W01, W02, W03", "W05"]
    assert table["fte"].tolist() == [12.4, 8.0]
    assert sorted(m.rij for m in fouten(meldingen)) == [3, 5]  # negative fte; team twice in one jaar
    warnings = {m.rij: m.melding for m in meldingen if m.ernst == "waarschuwing"}
    assert "Kosten per fte € 7.500" in warnings[4]
    assert "opgevat als totaalregel" in warnings[6]  # no team but an fte: as in every kind, a totals line
