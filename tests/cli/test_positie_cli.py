"""``wijkkompas positie`` end to end: JSON keys as in the issue, exit code 2 with Dutch messages.

``--json`` is the Resultaat's JSON: the assessment's keys at the top level, findings in the Resultaat's shape
(``soort``, ``sterkte``, ``bron``) with their rule ``id`` and ``bewijs_ids`` into the top-level ``bewijs``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijkkompas import resources
from wijkkompas.cli import main

REPO = Path(__file__).resolve().parents[2]
DEMO_ANSWERS = resources.path("demo", "positie_antwoorden.json")


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "antwoorden.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_json_output_has_the_issue_keys(capsys):
    code = main(["positie", "--antwoorden", str(DEMO_ANSWERS), "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert {"gemeente", "taakzwaarte", "toegang", "inkoopprofiel", "bevindingen"} <= set(out)
    assert out["gemeente"] is None
    assert out["taakzwaarte"]["index"] is None and out["taakzwaarte"]["klasse"] is None
    assert set(out["toegang"]) >= {"breedte", "positionering", "cpb_type"}
    assert set(out["toegang"]["breedte"]) == {"code", "label"}
    assert out["inkoopprofiel"] == {"hbh": "B", "begeleiding": "E", "dagbesteding": "C"}
    assert out["toegang"]["cpb_type"] == "C"
    assert out["onderdeel"] == "positie" and out["resultaat_versie"] == 1
    for b in out["bevindingen"]:
        assert set(b) >= {"id", "soort", "titel", "tekst", "sterkte", "bron", "bewijs_ids", "producten"}
        assert b["bewijs_ids"] and set(b["bewijs_ids"]) <= set(out["bewijs"])
        for evidence_id in b["bewijs_ids"]:  # every finding traces to document, section and lines
            bewijs = out["bewijs"][evidence_id]
            assert bewijs["bron"]["sectie"] and len(bewijs["bron"]["regels"]) == 2
            assert f"{bewijs['bron']['document']}, {bewijs['bron']['sectie']}" in b["bron"]
    assert "taakzwaarte-onbekend" in {b["id"] for b in out["bevindingen"]}
    assert {"RIVM/Cebeon", "CPB"} <= {bron["uitgever"] for bron in out["bronnen"]}
    assert {t["naam"] for t in out["tabellen"]} == {"toegang", "inkoopprofiel"}


def test_gemeente_adds_taakzwaarte(capsys):
    pytest.importorskip("wijkkompas.core.reference")
    assert main(["positie", "--antwoorden", str(DEMO_ANSWERS), "--gemeente", "Deventer", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gemeente"] == {"code": "GM0150", "naam": "Deventer"}
    assert out["taakzwaarte"]["klasse"] in ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")
    assert out["taakzwaarte"]["index"] > 0


def test_text_output_is_dutch_and_cites_sources(capsys):
    assert main(["positie", "--antwoorden", str(DEMO_ANSWERS)]) == 0
    out = capsys.readouterr().out
    assert "CPB-type: C – wijkteam met zorgaanbieders" in out
    assert "Bronnen: " in out and "RIVM/Cebeon (2025)" in out


@pytest.mark.parametrize("data,fragment", [
    ({"toegang": {"breedte": 7, "positionering": 1, "wijkteam": True, "aanbieders_in_team": "geen"}},
     "'toegang.breedte': 7. Toegestaan: 1, 2, 3, 4"),
    ({"toegang": {"breedte": 1, "positionering": 1, "wijkteam": True, "aanbieders_in_team": "geen"},
      "inkoop": {"hbh": {"bekostigingsvorm": "pxq", "contractvorm": "raamovereenkomst", "tussentijdse_toetreding": True}}},
     "'inkoop.hbh.bekostigingsvorm'"),
    ("{niet: json", "geen geldige JSON"),
])
def test_invalid_answers_exit_2_with_dutch_message(tmp_path, capsys, data, fragment):
    code = main(["positie", "--antwoorden", str(write(tmp_path, data)), "--json"])
    assert code == 2
    captured = capsys.readouterr()
    assert fragment in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_unknown_gemeente_is_a_dutch_error(capsys):
    pytest.importorskip("wijkkompas.core.reference")
    assert main(["positie", "--antwoorden", str(DEMO_ANSWERS), "--gemeente", "Atlantis"]) == 2
    assert "niet gevonden" in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["positie", "--antwoorden", str(tmp_path / "weg.json")]) == 2
    assert "kan niet worden gelezen" in capsys.readouterr().err


def test_real_subprocess_reproduces_the_same_json(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO), WIJKKOMPAS_DATA_DIR=str(tmp_path))
    proc = subprocess.run(
        [sys.executable, "-m", "wijkkompas", "positie", "--antwoorden", str(DEMO_ANSWERS), "--json"],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["inkoopprofiel"]["begeleiding"] == "E"
    bad = write(tmp_path, {"toegang": {}})
    proc = subprocess.run(
        [sys.executable, "-m", "wijkkompas", "positie", "--antwoorden", str(bad)],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO, env=env, timeout=120,
    )
    assert proc.returncode == 2
    assert "'toegang.breedte' ontbreekt" in proc.stderr


def test_json_findings_name_products_and_answers_status(tmp_path, capsys):
    """Issue 16: product findings carry 'producten'; a partial questionnaire is marked."""
    assert main(["positie", "--antwoorden", str(DEMO_ANSWERS), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    by_id = {b["id"]: b for b in out["bevindingen"]}
    assert by_id["outputgericht-hbh-begeleiding"]["producten"] == ["begeleiding"]
    assert all("producten" in b for b in out["bevindingen"])
    assert any("(Steekproef: " in b["tekst"] for b in out["bevindingen"])  # the n a finding rests on, in words
    assert out["toegang"]["cpb_type_toelichting"].startswith("Type C")
    for product in ("hbh", "begeleiding", "dagbesteding"):  # never both a strength and a worry
        soort = {b["soort"] for b in out["bevindingen"] if product in b["producten"]}
        assert not {"sterk punt", "aandachtspunt"} <= soort, product
    partial = write(tmp_path, {"toegang": {"breedte": 2, "positionering": 1, "wijkteam": True,
                                           "aanbieders_in_team": "geen"}})
    assert main(["positie", "--antwoorden", str(partial), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["beantwoord"]["status"] == "gedeeltelijk"
    assert "antwoorden-onvolledig" in {b["id"] for b in out["bevindingen"]}


def test_old_and_new_answer_files_give_the_same_result(tmp_path, capsys):
    """A file without 'versie' (before issue 9) and the versioned form a project stores read the same."""
    from wijkkompas.core.typology import PositieKeuze

    old = json.loads(DEMO_ANSWERS.read_text(encoding="utf-8"))
    assert "versie" not in old
    new = PositieKeuze.from_json(old).to_json()
    assert new["versie"] == 1
    assert main(["positie", "--antwoorden", str(DEMO_ANSWERS), "--json"]) == 0
    from_old = json.loads(capsys.readouterr().out)
    assert main(["positie", "--antwoorden", str(write(tmp_path, new)), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_old
    # a file from a newer Wijkkompas, or a damaged versie, is refused with a Dutch message (no defaults)
    for versie, fragment in ((2, "nieuwere versie van Wijkkompas"), ("een", "Ongeldig antwoord voor 'versie'")):
        assert main(["positie", "--antwoorden", str(write(tmp_path, dict(new, versie=versie)))]) == 2
        captured = capsys.readouterr()
        assert fragment in captured.err and captured.out == ""


def test_a_rejected_answer_is_quoted_as_written_not_as_python(tmp_path, capsys):
    path = tmp_path / "a.json"
    path.write_text('{"toegang": {"breedte": true}}', encoding="utf-8")
    assert main(["positie", "--antwoorden", str(path)]) == 2
    err = capsys.readouterr().err
    assert ": true. Toegestaan:" in err, err
    assert "True" not in err and "None" not in err
