"""``wijkkompas inkoop --demo``: the switch cards and the own key figures, headless (JSON and text)."""
from __future__ import annotations

import json

from wijkkompas.cli import main


def test_demo_json_has_switch_cards_and_key_figures(capsys):
    assert main(["inkoop", "--demo", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {p: o["huidig"] for p, o in out["overstap"].items()} == {"hbh": "B", "begeleiding": "E", "dagbesteding": "C"}
    for o in out["overstap"].values():
        assert o["sterkte"] == "beschrijvend" and all(opt["bronnen"] and opt["sterktes"] for opt in o["opties"])
    assert [r["product"] for r in out["eigen_kerncijfers"]] == ["Hulp bij het huishouden", "Begeleiding",
                                                                "Dagbesteding"]
    kaarten = [b for b in out["bevindingen"] if "ander inkoopprofiel" in b["titel"]]
    assert len(kaarten) == 3 and all(b["bron"].startswith("RIVM/Cebeon (2025)") for b in kaarten)


def test_demo_text_names_the_switch_per_perceel(capsys):
    assert main(["inkoop", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "Overstap Dagbesteding: nu profiel C (Positie)" in out
