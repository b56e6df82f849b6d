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
        assert set(u2023[tv]) == {"netto", "per_volwassene"}
    assert u2023["6.2"]["per_volwassene"] == pytest.approx(u2023["6.2"]["netto"] / data["volwassenen"], abs=0.01)
    assert set(data["benchmark"]) == {"6.2", "6.6", "6.71a", "6.71b", "6.71c", "maatwerk"}
    for b in data["benchmark"].values():
        for key in ("verwacht", "interval_80", "interval_95", "werkelijk", "percentiel", "percentiel_klasse"):
            assert key in b
        assert b["interval_95"][0] <= b["interval_80"][0] <= b["verwacht"] <= b["interval_80"][1] <= b["interval_95"][1]
        assert 0 <= b["percentiel"] <= 100
    assert len(data["peers"]) == 10 and all(set(p) >= {"code", "naam", "afstand"} for p in data["peers"])
    assert "GM0344" not in {p["code"] for p in data["peers"]}
    assert any("Iv3" in b for b in data["bronnen"]) and any("gemeentefonds" in b for b in data["bronnen"])


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
    assert y2023["aantal_gemeenten"] == 342 and y2023["soort"] == "jaarrekening"
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
    assert json.loads(captured.out)["jaren"]["2023"]["aantal_gemeenten"] == 342
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
