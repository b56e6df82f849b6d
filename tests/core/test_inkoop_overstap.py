"""Evidence cards for switching inkoopprofiel per perceel: which switches, which sources, never stronger than them."""
from __future__ import annotations

import pandas as pd
import pytest

from wijkkompas.core.inkoop.markt import Perceel, hhi, top3
from wijkkompas.core.inkoop.overstap import Huidig, huidige_profielen, opties, overstap_kaarten
from wijkkompas.core.project import Project
from wijkkompas.core.typology import CAUSALE_WOORDEN, STERKTE_RANG, load_library

ALLE = ["toetreding", "begrensde-omzet", "outputgericht", "taakgericht", "inspanningsgericht"]


@pytest.mark.parametrize("profiel, verwacht", [
    ("A", ["zonder-toetreding", "begrensde-omzet", "outputgericht", "taakgericht"]),
    ("B", ["met-toetreding", "begrensde-omzet", "outputgericht", "taakgericht"]),
    ("C", ["outputgericht", "taakgericht"]),
    ("D", ["outputgericht", "taakgericht"]),
    ("E", ["zonder-toetreding", "begrensde-omzet", "taakgericht", "inspanningsgericht"]),
    ("F", ["met-toetreding", "begrensde-omzet", "taakgericht", "inspanningsgericht"]),
    ("G", ["begrensde-omzet", "taakgericht", "inspanningsgericht"]),
    ("H", ["begrensde-omzet", "outputgericht", "inspanningsgericht"]),
    ("overig", ALLE), (None, ALLE),
])
def test_switches_offered_per_current_profile(profiel, verwacht):
    assert [o.id for o in opties(profiel)] == verwacht


def test_every_option_cites_the_library_and_claims_no_cause():
    lib = load_library()
    for profiel in [*"ABCDEFGH", None]:
        for o in opties(profiel):
            sterktes = {lib.get(b).sterkte for b in o.bronnen}   # raises on an unknown id
            assert all(STERKTE_RANG[s] < STERKTE_RANG["causaal-niet-significant"] for s in sterktes)
            assert not [w for w in CAUSALE_WOORDEN if w in o.tekst.lower()], o.id


def _tarieven(toetreding="ja"):
    return pd.DataFrame({"productcode": ["01A01", "02A01"], "tarief": [0.6, 60.0],
                         "bekostigingsvorm": ["inspanningsgericht", "inspanningsgericht"],
                         "contractvorm": ["open house", "open house"],
                         "tussentijdse_toetreding": [toetreding, toetreding]})


def test_current_profile_positie_first_then_contracts():
    project = Project()
    project.add_table("tarieven", _tarieven())
    project.set_choice("positie", {"inkoop": {
        "hbh": {"bekostigingsvorm": "inspanningsgericht", "contractvorm": "raamovereenkomst",
                "tussentijdse_toetreding": False},
        "begeleiding": {"bekostigingsvorm": "outputgericht"}}})      # incomplete: the contracts decide
    h = huidige_profielen(project)
    assert h["hbh"] == Huidig("B", "Positie", "A")                  # Positie wins; the contracts' A is noted
    assert h["begeleiding"] == Huidig("A", "tarieven")
    assert h["dagbesteding"] == Huidig(None, "")
    assert huidige_profielen(Project())["hbh"] == Huidig(None, "")
    broken = Project()
    broken.set_choice("positie", {"inkoop": {"hbh": {"bekostigingsvorm": "inspanningsgericht",
                                                     "contractvorm": "raamovereenkomst",
                                                     "tussentijdse_toetreding": "nee"}}})   # a string, not a bool
    assert huidige_profielen(broken)["hbh"] == Huidig(None, "")
    listed = Project()
    listed.set_choice("positie", ["geen", "object"])
    assert huidige_profielen(listed)["hbh"] == Huidig(None, "")


def _perceel(pc="02"):
    aanbieders = pd.DataFrame({"aanbieder_code": ["X", "Y"], "aanbieder_naam": ["X", "Y"], "clienten": [3, 1],
                               "bedrag": [750.0, 250.0], "marktaandeel": [0.75, 0.25]})
    return Perceel(pc, 2024, aanbieders, hhi([0.75, 0.25]), top3([0.75, 0.25]), "04")


def test_card_sets_the_research_beside_the_own_market_by_hand():
    project = Project()
    project.set_choice("positie", {"inkoop": {"begeleiding": {
        "bekostigingsvorm": "inspanningsgericht", "contractvorm": "budgetplafond", "tussentijdse_toetreding": False}}})
    wissel = {"02": pd.DataFrame({"jaar": [2024], "aanbieders": [2], "nieuw": [1], "vertrokken": [2],
                                  "namen_nieuw": ["Y"], "namen_vertrokken": ["P, Q"]})}
    kaarten, data = overstap_kaarten([_perceel()], wissel, project)
    (kaart,) = kaarten
    # 75² + 25² = 6.250; top 3 = everything
    assert "Eigen markt 2024: 2 aanbieder(s), HHI 6.250, top 3 100%" in kaart.tekst
    assert "1 nieuw en 2 vertrokken t.o.v. 2023" in kaart.tekst
    assert "Nu: profiel C (inspanningsgericht, budgetplafond" in kaart.tekst and "volgens Positie" in kaart.tekst
    assert kaart.producten == ["begeleiding"] and kaart.soort == "informatie"
    assert [o["id"] for o in data["begeleiding"]["opties"]] == ["outputgericht", "taakgericht"]
    # label = strongest source strength, and every option says the strengths of its own sources
    lib = load_library()
    cited = [b for o in data["begeleiding"]["opties"] for b in o["bronnen"]]
    assert STERKTE_RANG[kaart.sterkte] == max(STERKTE_RANG[lib.get(b).sterkte] for b in cited)
    assert "[beschrijvend; kwalitatief]" in kaart.tekst
    assert kaart.bron.startswith("RIVM/Cebeon (2025): ") and "Wijchen (2020): Reactie op aanbeveling 6" in kaart.bron
    assert not [w for w in CAUSALE_WOORDEN if w in kaart.tekst.lower()]


def test_unknown_profile_shows_all_switches():
    kaarten, data = overstap_kaarten([_perceel("01")], {}, Project())
    assert "Huidig profiel onbekend" in kaarten[0].tekst and "Positie" in kaarten[0].tekst
    assert [o["id"] for o in data["hbh"]["opties"]] == ALLE


@pytest.fixture(scope="module")
def demo_resultaat():
    from wijkkompas.core.demo import build_demo_project
    from wijkkompas.core.inkoop.resultaat import maak_resultaat

    return maak_resultaat(build_demo_project(secret=bytes.fromhex("d1" * 32)))   # the session's demo key


def test_demo_cards_follow_the_demo_positie_and_contracts(demo_resultaat):
    overstap = demo_resultaat.gegevens["overstap"]
    # positie_antwoorden.json: HbH B, begeleiding E, dagbesteding C; tarieven.xlsx: HbH and begeleiding open house
    assert {p: (o["huidig"], o["contracten"]) for p, o in overstap.items()} == {
        "hbh": ("B", "A"), "begeleiding": ("E", "A"), "dagbesteding": ("C", None)}
    assert [o["id"] for o in overstap["dagbesteding"]["opties"]] == ["outputgericht", "taakgericht"]
    kaarten = [b for b in demo_resultaat.bevindingen if "ander inkoopprofiel" in b.titel]
    assert len(kaarten) == 3 and all(k.sterkte == "beschrijvend" for k in kaarten)
    markt = {p["productcategorie"]: p for p in demo_resultaat.gegevens["markt"]}
    assert overstap["dagbesteding"]["hhi"] == pytest.approx(markt["07"]["hhi"])
    uitgevers = {b.uitgever for b in demo_resultaat.bronnen}
    assert {"RIVM/Cebeon", "CPB", "Wijchen"} <= uitgevers


def test_demo_key_figures_in_the_json(demo_resultaat):
    kern = demo_resultaat.gegevens["eigen_kerncijfers"]
    assert [r["product"] for r in kern] == ["Hulp bij het huishouden", "Begeleiding", "Dagbesteding"]
    assert kern[0]["clienten"] == 4607 and kern[0]["cbs_per_1000"] == 37.0
