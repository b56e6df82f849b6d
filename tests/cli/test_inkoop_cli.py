"""``wijkkompas inkoop`` end to end: market with marktaandeel and hhi, the kostprijs check, stored parameters."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from demo_support import DEMO_SECRET

from wijkkompas.cli import main
from wijkkompas.core.inkoop.kostprijs import BASIS, SECTIE, KostprijsInstellingen


@pytest.fixture(scope="module")
def demo_wkp(tmp_path_factory) -> Path:
    from wijkkompas.core.demo import build_demo_project

    project = build_demo_project(secret=DEMO_SECRET)
    inst = KostprijsInstellingen().met("begeleiding", **{n: 10.0 for n in BASIS}).met("begeleiding", productiviteit=50.0)
    project.set_choice(SECTIE, inst.to_json())
    return project.save(tmp_path_factory.mktemp("inkoop") / "demo.wkp")


def run_json(capsys, *args: str) -> dict:
    code = main(["inkoop", *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_demo_json_market_and_kostprijs(capsys):
    out = run_json(capsys, "--demo")
    assert out["onderdeel"] == "inkoop" and out["jaar"] == 2024
    assert {p["productcategorie"] for p in out["markt"]} == {"01", "02", "07"}
    for p in out["markt"]:
        shares = [a["marktaandeel"] for a in p["aanbieders"]]
        assert sum(shares) == pytest.approx(1.0)
        assert p["hhi"] == pytest.approx(sum((s * 100) ** 2 for s in shares))
    k = out["kostprijs"]
    assert k["per_product"]["hbh"]["ontbrekend"] and k["per_product"]["hbh"]["per_productief_uur"] is None
    assert k["vergelijking"] and all(r["status"] == "kostprijs onvolledig" for r in k["vergelijking"])
    assert out["voorstel_positie"]["dagbesteding"]["antwoorden"]["contractvorm"] == "budgetplafond"


def test_project_uses_stored_parameters(capsys, demo_wkp):
    out = run_json(capsys, "--project", str(demo_wkp))
    beg = out["kostprijs"]["per_product"]["begeleiding"]
    # 10 × 1,1 × 1,1 / 0,5 × 1,1 + 10 = 36,62; × 1,1 × 1,1 = 44,3102
    assert beg["per_productief_uur"] == pytest.approx(44.3102)
    rows = [r for r in out["kostprijs"]["vergelijking"] if r["eenheid"] == "04"]
    assert rows and all(r["verschil"] == pytest.approx(r["tarief"] - 44.3102) for r in rows)


def test_text_output_is_dutch(capsys):
    assert main(["inkoop", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "HHI" in out and "Bruto uurloon" in out and "bruto_uurloon" not in out


def test_missing_project_exits_2(capsys, tmp_path):
    assert main(["inkoop", "--project", str(tmp_path / "bestaat-niet.wkp")]) == 2
    assert capsys.readouterr().err.strip()
