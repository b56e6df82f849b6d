"""`wijkkompas gemeente` and `wijkkompas referentie` end to end on the bundled data."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from wijkkompas.cli import main

REPO = Path(__file__).resolve().parents[2]


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_gemeente_utrecht_json_has_the_contract_keys(capsys):
    data = _json(capsys, ["gemeente", "Utrecht", "--json"])
    for key in ("code", "naam", "inwoners", "volwassenen", "taakzwaarte", "uitgaven", "benchmark", "peers", "bronnen"):
        assert key in data, key
    assert (data["code"], data["naam"]) == ("GM0344", "Utrecht")
    assert 300_000 < data["inwoners"] < 450_000 and data["volwassenen"] < data["inwoners"]
    tz = data["taakzwaarte"]
    assert tz["klasse"] in ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")
    assert 1 <= tz["rang"] <= 342
    assert sum(tz["componenten"].values()) == pytest.approx(tz["index"] * data["inwoners"], rel=1e-3)
    u2023 = data["uitgaven"]["2023"]
    for tv in ("6.2", "6.6", "6.71a", "6.71b", "6.71c", "6.71d", "6.81a", "6.81b", "6.1", "maatwerk", "diensten"):
        assert set(u2023[tv]) == {"netto", "per_volwassene", "status"} and u2023[tv]["status"] == "ok"
    assert u2023["6.2"]["per_volwassene"] == pytest.approx(u2023["6.2"]["netto"] / data["volwassenen"], abs=0.01)
    assert set(data["benchmark"]) == {"6.2", "6.6", "6.71a", "6.71b", "6.71c", "maatwerk"}
    for b in data["benchmark"].values():
        for key in ("verwacht", "interval_80", "interval_95", "werkelijk", "percentiel", "percentiel_klasse"):
            assert key in b
        assert b["interval_95"][0] <= b["interval_80"][0] <= b["verwacht"] <= b["interval_80"][1] <= b["interval_95"][1]
        assert 0 <= b["percentiel"] <= 100
    assert len(data["peers"]) == 10 and all(set(p) >= {"code", "naam", "afstand"} for p in data["peers"])
    assert "GM0344" not in {p["code"] for p in data["peers"]}
    # --json is the Resultaat's JSON: sources as publisher/title/year, tables with Dutch labels and units
    assert any("Iv3" in b["titel"] for b in data["bronnen"])
    assert any("gemeentefonds" in b["titel"].lower() and b["jaar"] == 2024 for b in data["bronnen"])
    assert data["onderdeel"] == "gemeente" and {t["naam"] for t in data["tabellen"]} >= {"uitgaven", "benchmark"}
    uitgaven = next(t for t in data["tabellen"] if t["naam"] == "uitgaven")
    assert {k["eenheid"] for k in uitgaven["kolommen"]} >= {"€", "€ per volwassene"}


def test_gemeente_by_code_and_alias_give_same_result(capsys):
    a = _json(capsys, ["gemeente", "GM0518", "--json"])
    b = _json(capsys, ["gemeente", "den haag", "--json"])
    assert a == b and a["naam"] == "Den Haag"


def test_unknown_gemeente_exits_2_with_dutch_suggestions(capsys):
    assert main(["gemeente", "Amsterdm", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "niet gevonden" in captured.err and "Amsterdam" in captured.err


def test_gemeente_text_summary_is_dutch(capsys):
    assert main(["gemeente", "Deventer"]) == 0
    out = capsys.readouterr().out
    assert "Deventer (GM0150)" in out and "Taakzwaarte:" in out and "per volwassene" in out
    assert "Bronnen:" in out and "Vergelijkbare gemeenten" in out


def test_referentie_json_national_aggregates(capsys):
    data = _json(capsys, ["referentie", "--json"])
    y2023 = data["jaren"]["2023"]
    assert y2023["aantal_gemeenten"] == 341 and y2023["soort"] == "jaarrekening"  # without Vijfheerenlanden
    assert 1.5e9 <= y2023["netto_lasten"]["6.2"] <= 1.9e9
    assert 4.2e9 <= y2023["netto_lasten"]["maatwerk"] <= 4.7e9
    assert 0.78 <= y2023["aandeel_diensten_in_maatwerk"] <= 0.84
    assert set(data["jaren"]) == {"2023", "2024", "2025"}
    bounds = data["taakzwaarte"]["klassegrenzen"]
    assert [b["klasse"] for b in bounds] == ["zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar"]
    assert sum(b["aantal"] for b in bounds) == 342


def test_referentie_export_csv(tmp_path, capsys):
    target = tmp_path / "gemeenten.csv"
    assert main(["referentie", "--export", str(target)]) == 0
    table = pd.read_csv(target, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(table) == 342
    assert {"code", "naam", "taakzwaarte_index", "netto_2023_6.2", "per_volwassene_2023_maatwerk"} <= set(table.columns)
    row = table.set_index("code").loc["GM0150"]
    assert row["netto_2023_6.2"] == 5_526_000
    assert "342" in capsys.readouterr().out


def test_referentie_export_to_unwritable_path_gives_dutch_error(tmp_path, capsys):
    assert main(["referentie", "--export", str(tmp_path / "bestaat-niet" / "x.csv")]) == 2
    assert "niet schrijven" in capsys.readouterr().err


def test_real_subprocess_json():
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-m", "wijkkompas", "gemeente", "Utrecht", "--json"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["code"] == "GM0344"
    proc = subprocess.run([sys.executable, "-m", "wijkkompas", "gemeente", "Nergenshuizen"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=REPO, timeout=120)
    assert proc.returncode == 2 and "niet gevonden" in proc.stderr and "Traceback" not in proc.stderr


def test_export_with_json_keeps_stdout_parseable(tmp_path, capsys):
    target = tmp_path / "g.csv"
    assert main(["referentie", "--export", str(target), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["jaren"]["2023"]["aantal_gemeenten"] == 341
    assert "geschreven" in captured.err and target.is_file()


def test_cluster_amount_is_labelled_as_maatstaven_with_iudu_apart(capsys):
    """Utrecht's cluster in the circulaire also holds € 142,4 mln IU/DU (beschermd wonen, opvang): shown apart."""
    data = _json(capsys, ["gemeente", "Utrecht", "--json"])
    tz = data["taakzwaarte"]
    # SIUDU M2024_2025: beschermd wonen + maatschappelijke opvang + Nationaal Actieplan Dakloosheid + vrouwenopvang.
    assert tz["iudu_eur"] == 100_016_577 + 25_858_716 + 3_693_552 + 12_823_025
    assert tz["cluster_eur"] == pytest.approx(tz["index"] * data["inwoners"], rel=1e-4)
    assert "iudu_eur" in tz["cluster_toelichting"]
    assert main(["gemeente", "Utrecht"]) == 0
    out = capsys.readouterr().out
    assert "maatstaven: € 99.848.013" in out and "niet in de index" in out


def test_vijfheerenlanden_says_geen_gegevens_not_zero(capsys):
    """Point 11: no Iv3 2023-2025 for Vijfheerenlanden; the CLI must not print € 0 or percentile 0."""
    data = _json(capsys, ["gemeente", "Vijfheerenlanden", "--json"])
    assert data["iv3_gegevens"] == {"2023": False, "2024": False, "2025": False}
    for jaar in ("2023", "2024", "2025"):
        for u in data["uitgaven"][jaar].values():
            assert u["netto"] is None and u["per_volwassene"] is None and u["status"] == "geen gegevens"
    for b in data["benchmark"].values():
        assert b["werkelijk"] is None and b["percentiel"] is None and b["status"] == "geen gegevens"
    assert any("geen Iv3-gegevens" in w for w in data["waarschuwingen"])
    assert main(["gemeente", "Vijfheerenlanden"]) == 0
    out = capsys.readouterr().out
    assert "geen gegevens" in out and "geen Iv3-gegevens" in out
    assert "werkelijk € 0" not in out and "percentiel 0 " not in out


def test_de_bilt_misses_only_begroting_2025(capsys):
    data = _json(capsys, ["gemeente", "De Bilt", "--json"])
    assert data["iv3_gegevens"] == {"2023": True, "2024": True, "2025": False}
    assert data["uitgaven"]["2025"]["maatwerk"]["netto"] is None
    assert data["uitgaven"]["2023"]["maatwerk"]["netto"] > 0
    assert data["benchmark"]["maatwerk"]["status"] == "ok"


def test_rotterdam_booking_difference_is_warned_and_headline_is_maatwerk(capsys):
    data = _json(capsys, ["gemeente", "Rotterdam", "--json"])
    assert data["benchmark_hoofdmaat"] == "maatwerk"
    assert data["benchmark"]["6.71a"]["status"] == "niet vergelijkbaar"
    assert data["benchmark"]["6.71a"]["percentiel"] is None
    assert any(w.startswith("Boekingsverschil bij huishoudelijke hulp") for w in data["waarschuwingen"])
    for b in data["benchmark"].values():
        assert b["interval_80"][0] >= 0 and b["interval_95"][0] >= 0
    assert main(["gemeente", "Rotterdam"]) == 0
    out = capsys.readouterr().out
    benchmark_lines = out.split("Benchmark")[1].splitlines()
    assert benchmark_lines[1].strip().startswith("Maatwerk totaal")  # headline first
    assert "niet vergelijkbaar: boekingsverschil" in out and "Let op:" in out


def test_inwoners_labelled_as_gemeentefonds_volume(capsys):
    """Point 14: Heerlen 88.682 (gemeentefonds) vs CBS 87.122 (2023)."""
    data = _json(capsys, ["gemeente", "Heerlen", "--json"])
    assert data["inwoners"] == 88_682 and data["inwoners_cbs_2023"] == 87_122
    assert data["inwoners_label"] == "inwoners (gemeentefonds)"
    assert "2023" in data["inwoners_toelichting"] and "2025" in data["inwoners_toelichting"]
    assert "ook voor 2023" in data["uitgaven_toelichting"]["eenheid"]
    assert main(["gemeente", "Heerlen"]) == 0
    out = capsys.readouterr().out
    assert "Inwoners (gemeentefonds): 88.682" in out and "CBS-inwonertal 2023: 87.122" in out


def test_referentie_text_states_difference_with_report(capsys):
    assert main(["referentie"]) == 0
    out = capsys.readouterr().out
    assert "ruim 1,6 miljard euro" in out and "7,4% hoger" in out and "3,7% hoger" in out
    assert "geen Iv3-gegevens: Vijfheerenlanden" in out


def test_referentie_export_escapes_text_like_every_spreadsheet_written(tmp_path, monkeypatch):
    import wijkkompas.core.reference.profiel as profiel

    table = pd.DataFrame({"code": ["GM9999"], "naam": ['=HYPERLINK("http://x.invalid","klik")'], "inwoners": [-5]})
    monkeypatch.setattr(profiel, "referentie_tabel", lambda: table)
    target = profiel.export_referentie(tmp_path / "r.csv")
    text = target.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ";-5" in text  # text escaped, numbers left numbers
