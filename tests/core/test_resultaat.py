"""Resultaat: JSON round trip, Dutch formatting by column, guards on vocabulary and reserved keys."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.errors import TaskCancelled
from wijkkompas.core.resultaat import (
    Bevinding, Bron, Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel, format_value,
)
from wijkkompas.core.textsafe import excel_safe_text


def _voorbeeld() -> Resultaat:
    frame = pd.DataFrame({"wijk": ["W01", "W02"], "budget": [1234.5, 99.0], "aandeel": [0.925, 0.075],
                          "start": pd.to_datetime(["2024-01-01", "2025-06-30"]), "intern": [1, 2]})
    tabel = Tabel("wijken", "Budget per wijk", frame, [
        Kolom("wijk", "Wijk"), Kolom("budget", "Budget", Formaat.EURO, "€"),
        Kolom("aandeel", "Aandeel", Formaat.PROCENT, "%", 1), Kolom("start", "Start", Formaat.DATUM),
    ])
    grafiek = Grafiek("staaf", "Budget per wijk", "staaf", "Wijk", "Budget", [
        Reeks("budget", "Budget", ["W01", "W02"], [1234.5, 99.0], laag=[1000.0, 50.0], hoog=[1500.0, 150.0])],
        y_eenheid="€", markeringen=[("W02", "grens")])
    return Resultaat(
        "verdeelmodel", "Verdeling", tabellen=[tabel], grafieken=[grafiek],
        bevindingen=[Bevinding("Let op", "Weinig wijken.", "beschrijvend", "waarschuwing", producten=["hbh"])],
        aannames=["Gewichten gemeentefonds 2025."], bronnen=[Bron("BZK", "Meicirculaire", 2024)],
        gegevens={"totaal": 1333.5, "wijken": [{"wijk_code": "W01", "budget": 1234.5}]},
    )


def test_json_round_trip_keeps_tables_charts_and_payload():
    original = _voorbeeld()
    data = json.loads(json.dumps(original.to_json()))
    assert data["totaal"] == 1333.5 and data["onderdeel"] == "verdeelmodel"
    assert "intern" not in data["tabellen"][0]["rijen"][0]
    back = Resultaat.from_json(data)
    assert back.gegevens == original.gegevens
    tabel = back.tabel("wijken")
    assert list(tabel.zichtbaar()["budget"]) == [1234.5, 99.0]
    assert tabel.zichtbaar()["start"].iloc[1] == pd.Timestamp("2025-06-30")
    assert back.grafiek("staaf").reeksen[0].hoog == [1500.0, 150.0]
    assert back.bevindingen[0].producten == ["hbh"]
    assert back.to_json() == data


def test_columns_format_dutch_by_unit():
    tabel = _voorbeeld().tabel("wijken")
    assert tabel.kolom("budget").opmaak(1234.6) == "€ 1.235"
    assert tabel.kolom("aandeel").opmaak(0.925) == "92,5%"
    assert tabel.kolom("start").opmaak(pd.Timestamp("2025-06-30")) == "30-06-2025"
    assert format_value(float("nan"), Formaat.EURO) == ""
    assert format_value(1234.56, Formaat.DECIMAAL, 1) == "1.234,6"


def test_guards_reject_unknown_strength_reserved_keys_and_missing_columns():
    with pytest.raises(ValueError):
        Bevinding("x", "y", "bewezen")
    with pytest.raises(ValueError):
        Resultaat("x", "y", gegevens={"tabellen": 1}).to_json()
    with pytest.raises(ValueError):
        Tabel("t", "T", pd.DataFrame({"a": [1]}), [Kolom("b", "B")])


def test_voortgang_reports_and_cancels():
    seen = []
    stop = {"now": False}
    progress = Voortgang(lambda f, t: seen.append((f, t)), lambda: stop["now"])
    progress.sub(0.5, 1.0).step(0.5, "half")
    assert seen == [(0.75, "half")]
    stop["now"] = True
    with pytest.raises(TaskCancelled):
        progress.check()
    ensure(None).step(0.3)  # a silent one never raises


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_excel_safe_text_escapes_formula_starts(text):
    assert excel_safe_text(text) == "'" + text
    assert excel_safe_text("Noorderpark") == "Noorderpark"
    assert excel_safe_text(-2) == -2


def test_finding_ids_round_trip_and_older_json_without_them_still_loads():
    """``id``/``bewijs_ids`` were added later: defaults keep older JSON (and other models' findings) valid."""
    finding = Bevinding("Plafond", "Tekst.", "kwalitatief", "aandachtspunt", "RIVM/Cebeon (2025), §3.4",
                        ["begeleiding"], id="budgetplafond-toegang", bewijs_ids=["rivm-plafond", "cpb-invloed"])
    data = json.loads(json.dumps(finding.to_json()))
    assert data["id"] == "budgetplafond-toegang" and data["bewijs_ids"] == ["rivm-plafond", "cpb-invloed"]
    assert Bevinding.from_json(data) == finding
    older = {k: v for k, v in data.items() if k not in ("id", "bewijs_ids")}
    loaded = Bevinding.from_json(older)
    assert (loaded.id, loaded.bewijs_ids, loaded.producten) == ("", [], ["begeleiding"])
