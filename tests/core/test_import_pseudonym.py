"""Pseudonymisation: stable keyed pseudonyms, and no BSN anywhere afterwards."""
from __future__ import annotations

import datetime as dt
import json
import logging
import zipfile

import numpy as np
import pandas as pd
import pytest
from import_fixtures import write_xlsx

from wijkkompas.core.imports import add_import_to_project, import_file
from wijkkompas.core.imports.model import Melding
from wijkkompas.core.imports.panel import derive_panel, summarise
from wijkkompas.core.imports.pseudonym import (
    BSN_VERWIJDERD,
    contains_bsn,
    elfproef,
    is_bsn,
    normalise_id,
    pseudonym,
    pseudonymise,
    scrub_meldingen,
    scrub_text,
)
from wijkkompas.core.imports.validate import validate_table
from wijkkompas.core.project import Project

SECRET = b"k" * 32
BSNS = ["123456782", "111222333", "999999990", "012345672"]


def _valid(n: int, seed: int = 1) -> list[str]:
    rng = np.random.default_rng(seed)
    out: list[str] = []
    while len(out) < n:
        cand = f"{rng.integers(10**8, 10**9)}"
        if is_bsn(cand):
            out.append(cand)
    return out


def test_11_proef_scalar_and_vectorised_agree():
    assert all(is_bsn(b) for b in BSNS)
    assert not is_bsn("123456789") and not is_bsn("000000000") and not is_bsn("12a456782")
    assert is_bsn("12345672") == is_bsn("012345672")  # leading zero lost in Excel
    sample = [f"{i:09d}" for i in range(100_000_000, 100_002_000)]
    assert elfproef(pd.Series(sample, dtype="string")).tolist() == [is_bsn(s) for s in sample]


@pytest.mark.parametrize("spelling", ["012345672", "12345672", " 0123 45 672 ", "0123.45.672", "012-345-672"])
def test_spellings_of_one_number_get_one_pseudonym(spelling):
    assert pseudonym(spelling, SECRET) == pseudonym("12345672", SECRET)


def test_pseudonym_shape_and_key_dependence():
    p = pseudonym("123456782", SECRET)
    assert p.startswith("P-") and len(p) == 18 and int(p[2:], 16) >= 0
    assert pseudonym("123456782", b"other-secret") != p
    assert pseudonym("123456783", SECRET) != p
    assert normalise_id(" ab 12 ") == "AB12"


def test_same_person_same_pseudonym_across_tables_of_one_project():
    a = pseudonymise(pd.DataFrame({"client_id": pd.array(["123456782", "111222333"], dtype="string")}), SECRET)
    b = pseudonymise(pd.DataFrame({"client_id": pd.array(["111222333", "0123456782"], dtype="string")}), SECRET)
    assert a["client_id"].tolist() == b["client_id"].tolist()[::-1]


def test_pseudonymise_needs_a_secret():
    with pytest.raises(ValueError):
        pseudonymise(pd.DataFrame({"client_id": ["1"]}), b"")


def test_bsn_in_identifier_and_text_columns_is_removed_consistently():
    table = pd.DataFrame({
        "client_id": pd.array(BSNS, dtype="string"),
        "beschikkingnummer": pd.array(["123456782", "B-17", None, "111222333"], dtype="string"),
        "toewijzingnummer": pd.array(["5001", "5002", "5003", "5004"], dtype="string"),
        "reden_beeindiging": pd.array(["overleden, bsn 999999990", "verhuisd", None, "ref 123456789"],
                                      dtype="string"),
        "volume": [1.0, 2.0, 3.0, 4.0],
    })
    out = pseudonymise(table, SECRET)
    assert not contains_bsn(out)
    assert out["beschikkingnummer"].iloc[1] == "B-17" and pd.isna(out["beschikkingnummer"].iloc[2])
    assert out["beschikkingnummer"].iloc[0].startswith("H-")
    # consistent, so a beschikking can still be linked across files
    again = pseudonymise(table.iloc[[0]], SECRET)
    assert again["beschikkingnummer"].iloc[0] == out["beschikkingnummer"].iloc[0]
    assert out["toewijzingnummer"].tolist() == ["5001", "5002", "5003", "5004"]
    assert out["reden_beeindiging"].iloc[0] == f"overleden, bsn {BSN_VERWIJDERD}"
    assert out["reden_beeindiging"].iloc[3] == "ref 123456789"  # fails the 11-proef: not a BSN
    assert table["client_id"].iloc[0] == BSNS[0]  # the input is not modified


def test_scrub_meldingen_and_text():
    assert scrub_text("BSN 123456782 en 123456789") == f"BSN {BSN_VERWIJDERD} en 123456789"
    [m] = scrub_meldingen([Melding(4, "Opmerking", "123456782", "waarde 111222333 onbekend")])
    assert m.waarde == BSN_VERWIJDERD and "111222333" not in m.melding and m.rij == 4


def test_contains_bsn_walks_nested_values():
    assert contains_bsn({"a": ["x", {"b": "nr 123456782"}]})
    assert not contains_bsn({"a": ["x", 123456789]})
    # digit runs inside hex tokens (pseudonyms, sha256) are not BSNs
    assert not contains_bsn("P-a123456782b0ff and sha 9f123456782e")
    assert contains_bsn("bsn: 123456782.")


def _declaraties_raw(bsns: list[str]) -> pd.DataFrame:
    n = len(bsns)
    return pd.DataFrame({
        "declaratienummer": [f"D{i}" for i in range(n)],
        "toewijzingnummer": [f"T{i}" for i in range(n)],
        "client_id": bsns,
        "productcategorie": ["01", "02"] * (n // 2) + ["01"] * (n % 2),
        "periode_start": ["01-01-2024"] * n,
        "periode_eind": ["15-02-2024"] * n,
        "geleverd_volume": [10] * n,
        "eenheid": ["04"] * n,
        "ingediend_bedrag": ["325,00"] * n,
    }, dtype=object)


def test_no_bsn_in_table_panel_or_summary_after_the_stages():
    bsns = _valid(40) + ["123456789"]  # one failing the 11-proef: still a client number, still hashed
    raw = _declaraties_raw(bsns)
    table, meldingen = validate_table(raw, "declaraties", np.arange(2, 2 + len(raw)), {"client_id": "BSN"})
    table = pseudonymise(table, SECRET)
    panel = derive_panel(table, "declaraties")
    summary = summarise(table, panel, "declaraties")
    text = table.to_csv() + panel.to_csv() + json.dumps(summary) + repr(scrub_meldingen(meldingen))
    for b in bsns:
        assert b not in text
    assert not contains_bsn(table) and not contains_bsn(panel) and not contains_bsn(summary)
    assert summary["clienten"] == len(bsns)


def stored_project_text(result, tmp_path) -> str:
    """Everything a saved project holds after this import, unpacked (a zip hides text from a search)."""
    project = Project()
    add_import_to_project(project, result)
    saved = project.save(tmp_path / "project.wkp")
    with zipfile.ZipFile(saved) as archive:
        return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def test_no_bsn_in_result_project_file_or_log_output(tmp_path, caplog):
    bsns = _valid(12, seed=7)
    header = ["Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Periode begin", "Periode eind",
              "Geleverd volume", "Eenheid", "Ingediend bedrag", "Opmerking"]
    rows = [header]
    for i, b in enumerate(bsns):
        rows.append([f"D{i}", f"T{i}", int(b), "01", dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 31), 4, "04",
                     130.0, f"cliënt {b} gebeld"])
    rows.append(["D99", "T99", bsns[0], "01", "kapot", None, 4, "04", 130.0, None])  # a rejected row
    path = write_xlsx(tmp_path / "declaraties.xlsx", {"Export": rows})
    caplog.set_level(logging.DEBUG)
    result = import_file(path, secret=SECRET)
    assert result.soort == "declaraties" and result.rijen_geldig == len(bsns) and result.fouten
    stored = stored_project_text(result, tmp_path)
    everything = "\n".join([
        json.dumps(result.to_json(), ensure_ascii=False), result.table.to_csv(), result.panel.to_csv(), stored,
        caplog.text,
    ])
    for b in bsns:
        assert b not in everything and b.lstrip("0") not in everything
    assert not contains_bsn(everything)


def test_bsn_in_a_header_cell_never_reaches_result_report_or_project(tmp_path):
    """Header names travel everywhere (genegeerd, kolommen, messages, project): a BSN there is removed too."""
    rows = [["BSN", "Productcategorie", "Ingangsdatum", "Opmerking 123456782", 111222333],
            ["999999990", "02", dt.datetime(2024, 1, 1), "x", "y"]]
    path = write_xlsx(tmp_path / "kop.xlsx", {"Export": rows})
    result = import_file(path, secret=SECRET)
    assert result.rijen_geldig == 1
    assert f"Opmerking {BSN_VERWIJDERD}" in result.genegeerd and BSN_VERWIJDERD in result.genegeerd
    stored = stored_project_text(result, tmp_path)
    assert not contains_bsn(json.dumps(result.to_json(), ensure_ascii=False) + stored)


@pytest.mark.parametrize("value", ["123456782-01", "2024 123456782", "B123456782", "dossier 111222333/2",
                                   "12345672"])
def test_identifiers_built_from_a_bsn_are_hashed_consistently(value):
    """Dossier numbers that contain the BSN ("123456782-01") must not carry it into the project."""
    table = pd.DataFrame({"client_id": pd.array(["1", "2"], dtype="string"),
                          "beschikkingnummer": pd.array([value, value], dtype="string"),
                          "toewijzingnummer": pd.array([value, "T-1234567890"], dtype="string")})
    out = pseudonymise(table, SECRET)
    assert out["beschikkingnummer"].iloc[0].startswith("H-")
    assert out["beschikkingnummer"].iloc[0] == out["beschikkingnummer"].iloc[1] == out["toewijzingnummer"].iloc[0]
    assert out["toewijzingnummer"].iloc[1] == "T-1234567890"  # ten digits: no BSN, kept
    assert not any(d in out.to_csv() for d in ("123456782", "111222333", "12345672"))


def test_bsn_in_the_file_or_sheet_name_is_not_stored(tmp_path):
    rows = [["BSN", "Productcategorie", "Ingangsdatum"], ["999999990", "02", dt.datetime(2024, 1, 1)]]
    path = write_xlsx(tmp_path / "beschikking_123456782.xlsx", {"Cliënt 111222333": rows})
    result = import_file(path, secret=SECRET)
    assert result.bestand == f"beschikking_{BSN_VERWIJDERD}.xlsx" and result.blad == f"Cliënt {BSN_VERWIJDERD}"
    stored = stored_project_text(result, tmp_path)
    assert not contains_bsn(json.dumps(result.to_json(), ensure_ascii=False) + stored)
