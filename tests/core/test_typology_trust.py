"""Issue 16, Positie: each point a critical reviewer found, as a test that would have caught it.

Seed line numbers refer to ../shared/seeds (000 CPB 2019, 001 Wijchen 2020, 003 Movisie 2018,
004 RIVM/Cebeon 2025).
"""
from __future__ import annotations

import pytest

from wijkkompas.core.typology import Taakzwaarte, assess, cpb_type
from wijkkompas.core.typology.classification import cpb_toelichting

ONBEKEND = Taakzwaarte(None, None, None, None)


def tz(klasse: str | None) -> Taakzwaarte:
    return Taakzwaarte("GM9999", "Testgemeente", 300.0, klasse) if klasse else ONBEKEND


def item(bekostiging="inspanningsgericht", contract="raamovereenkomst", toetreding=True) -> dict:
    return {"bekostigingsvorm": bekostiging, "contractvorm": contract, "tussentijdse_toetreding": toetreding}


H = item("taakgericht", "vast budget", False)


def make(breedte=2, positionering=1, wijkteam=True, aanbieders="geen", inkoop=None, **extra) -> dict:
    data = {"toegang": {"breedte": breedte, "positionering": positionering, "wijkteam": wijkteam,
                        "aanbieders_in_team": aanbieders},
            "inkoop": inkoop if inkoop is not None else {"hbh": item()}}
    data.update(extra)
    return data


def findings(data: dict, klasse: str | None = None, **kwargs) -> dict[str, dict]:
    return {b["id"]: b for b in assess(data, taakzwaarte=tz(klasse), **kwargs).to_json()["bevindingen"]}


# --- 1. sterk punt vs aandachtspunt, producten ----------------------------------------------------
def test_product_findings_name_their_products_in_json():
    f = findings(make(aanbieders="indiceren", inkoop={
        "hbh": item("outputgericht", "raamovereenkomst", False), "dagbesteding": item("inspanningsgericht", "budgetplafond", False)}))
    assert f["outputgericht-hbh-begeleiding"]["producten"] == ["hbh"]
    assert f["budgetplafond-zonder-sturende-toegang"]["producten"] == ["dagbesteding"]
    assert f["begrensde-omzet-dagbesteding"]["producten"] == ["dagbesteding"]
    assert f["aanbieders-in-wijkteam"]["producten"] == []  # about the toegang, not a product


def test_no_product_has_both_a_strength_and_an_aandachtspunt():
    """C for hbh is a possible strength, but with a non-steering toegang hbh also has an aandachtspunt."""
    data = make(positionering=3, wijkteam=True, inkoop={"hbh": item("inspanningsgericht", "budgetplafond", False)})
    f = findings(data)
    assert f["budgetplafond-zonder-sturende-toegang"]["ernst"] == "aandachtspunt"
    assert f["begrensde-omzet-hbh"]["ernst"] == "info" and f["begrensde-omzet-hbh"]["koppeling"]


# --- 2. CPB scope -----------------------------------------------------------------------------------
def test_cpb_findings_not_applied_under_population_budgets():
    """000 L1391-1395: no gemeente with populatiebekostiging in the CPB sample; L2209-2213: opposite incentive."""
    f = findings(make(breedte=4, positionering=3, aanbieders="indiceren",
                      inkoop={"hbh": H, "begeleiding": H, "dagbesteding": H}))
    assert "wijkteam-meer-clienten" not in f and "aanbieders-in-wijkteam" not in f
    scope = f["buiten-cpb-bereik"]
    assert scope["sterkte"] == "kwalitatief" and set(scope["producten"]) == {"hbh", "begeleiding", "dagbesteding"}
    assert {"cpb-steekproef-bekostiging", "cpb-bekostiging-prikkel", "wijchen-terug-naar-pxq"} <= set(scope["bronnen"])


def test_cpb_findings_apply_with_caveat_while_products_are_unanswered():
    """Only begeleiding answered (taakgericht): the other products may be paid per hour, so apply and say so."""
    f = findings(make(aanbieders="indiceren", inkoop={"begeleiding": H}))
    assert "buiten-cpb-bereik" not in f
    assert "taakgericht in" in f["aanbieders-in-wijkteam"]["tekst"]


def test_cpb_findings_state_their_scope_when_partly_applicable():
    f = findings(make(breedte=4, aanbieders="advies", inkoop={"hbh": item(), "begeleiding": H}))
    for key in ("wijkteam-meer-clienten", "aanbieders-in-wijkteam"):
        b = f[key]
        assert "taakgericht in" in b["tekst"] and "zwaardere hulp" in b["tekst"]  # L913-916 for breedte 4
        assert "per uur of per cliënt" in b["bewijs"]
        assert {"cpb-bekostiging-prikkel", "cpb-zware-hulp-uitgesloten"} <= set(b["bronnen"])
    assert "buiten-cpb-bereik" not in f


# --- 3. a two-sided picture of wijkteams ------------------------------------------------------------
def test_type_b_is_told_the_effect_is_driven_by_type_c():
    """000 L1818-1820."""
    b = findings(make(aanbieders="geen"))["wijkteam-meer-clienten"]
    assert "grotendeels" in b["tekst"] and "geen apart effect" in b["tekst"]
    assert "cpb-effect-vooral-type-c" in b["bronnen"]


def test_rivm_breedte_pattern_is_cited_for_wijkteam_gemeenten():
    """004 L1611-1617, L2192-2196: broader toegang with lower maatwerk spending (descriptive)."""
    f = findings(make(breedte=3))
    assert f["breedte-uitgaven"]["sterkte"] == "beschrijvend"
    assert "rivm-breedte-uitgaven" in f["breedte-uitgaven"]["bronnen"]
    assert "Breedte van de toegang en uitgaven" in f["wijkteam-meer-clienten"]["tekst"]


def test_loket_advice_not_given_at_breedte_1_and_weighed_for_heavy_broad():
    """The CPB loket option repeats a breedte-1 answer; heavy-task gemeenten choose breadth (004 L2284-2287)."""
    assert "via het loket" not in findings(make(breedte=1))["wijkteam-meer-clienten"]["tekst"]
    heavy = findings(make(breedte=3, positionering=3), "zeer zwaar")["wijkteam-meer-clienten"]
    assert "weeg dat tegen elkaar af" in heavy["tekst"] and "rivm-zware-taak-brede-toegang" in heavy["bronnen"]
    light = findings(make(breedte=3), "licht")["wijkteam-meer-clienten"]
    assert "via het loket" in light["tekst"]


# --- 4. CPB type and positionering ----------------------------------------------------------------
@pytest.mark.parametrize("aanbieders", ["geen", "schil"])
def test_wijkteam_at_a_hoofdaanbieder_is_type_c(aanbieders):
    """000 L640-642: under populatiebekostiging the hoofdaanbieder is the toegang."""
    assert cpb_type(True, aanbieders, 3) == "C"
    result = assess(make(positionering=3, aanbieders=aanbieders), taakzwaarte=ONBEKEND).to_json()
    assert result["toegang"]["cpb_type"] == "C"
    assert "hoofdaanbieder" in result["toegang"]["cpb_type_toelichting"]
    f = {b["id"]: b for b in result["bevindingen"]}
    assert "aanbieders-in-wijkteam" in f and "toegang-bij-hoofdaanbieder" in f


def test_loket_at_a_hoofdaanbieder_stays_a_but_is_explained():
    assert cpb_type(False, "geen", 3) == "A"
    assert "hoofdaanbieder" in cpb_toelichting(False, "geen", 3)
    f = findings(make(breedte=1, positionering=3, wijkteam=False))
    assert "hooguit bij benadering" in f["toegang-bij-hoofdaanbieder"]["tekst"]


def test_plafond_rule_and_cpb_type_agree_on_the_hoofdaanbieder():
    f = findings(make(positionering=3, inkoop={"hbh": item("inspanningsgericht", "budgetplafond", False)}))
    assert f["budgetplafond-zonder-sturende-toegang"]["ernst"] == "aandachtspunt"
    assert f["aanbieders-in-wijkteam"]["ernst"] == "aandachtspunt"


# --- 5. gaps ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("positionering", [2, 3, 4])
def test_heavy_task_with_a_central_loket_not_at_the_gemeente_gets_a_finding(positionering):
    """004 L898-903, L2123-2125: a heavier task goes with a broader taakopdracht."""
    b = findings(make(breedte=1, positionering=positionering, wijkteam=False), "zeer zwaar")["taakzwaarte-toegang-atypisch"]
    assert "smal" in b["tekst"] and "brede taakopdracht" in b["tekst"]


def test_light_task_with_taakgericht_inkoop_is_compared_with_taakzwaarte():
    """004 L1585-1590 and L1199-1200: H is chosen mainly at a (zeer) zware taak."""
    f = findings(make(breedte=4, inkoop={"begeleiding": H}), "zeer licht")
    b = f["inkoop-taakzwaarte-atypisch"]
    assert b["producten"] == ["begeleiding"] and "ongebruikelijk" in b["tekst"]
    assert {"rivm-profielen-taakzwaarte", "rivm-casestudies-bekostiging"} <= set(b["bronnen"])
    assert not [x for x in f.values() if x["ernst"] == "sterk punt"]
    assert "inkoop-taakzwaarte-atypisch" not in findings(make(breedte=4, inkoop={"begeleiding": H}), "zeer zwaar")


# --- 6. the 13% -------------------------------------------------------------------------------------
def test_thirteen_percent_is_against_the_own_counterfactual():
    """000 L1545-1548: 12,7 against 11,2 (the wijkteam gemeenten without teams), not against the loket's 10,1."""
    b = findings(make())["wijkteam-meer-clienten"]
    assert "dan bij gemeenten met alleen een Wmo-loket" not in b["tekst"]
    assert "12,7 tegen 11,2" in b["tekst"] and "10,1" in b["tekst"]
    assert "cpb-wijkteam-effect-niveaus" in b["bronnen"]


# --- 7. advice that repeats the answer ----------------------------------------------------------
def test_advies_gemeente_is_not_advised_to_let_the_team_advise():
    """000 L2176-2183: with 'advies' the gemeente already decides; that construction is often a formality."""
    b = findings(make(aanbieders="advies"))["aanbieders-in-wijkteam"]
    assert "het team laten adviseren en de gemeente laten beslissen" not in b["tekst"]
    assert "formaliteit" in b["tekst"] and "cpb-advies-formaliteit" in b["bronnen"]
    assert "wijchen-advies-bureaucratie" in b["bronnen"]
    indiceren = findings(make(aanbieders="indiceren"))["aanbieders-in-wijkteam"]
    assert "het team laten adviseren en de gemeente laten beslissen" in indiceren["tekst"]
    assert "formaliteit" in indiceren["tekst"]


# --- 8. the n of the subgroup ----------------------------------------------------------------------
def test_findings_show_the_n_of_their_subgroup():
    """004 L2692-2703 (Tabel B1.2)."""
    f = findings(make(breedte=1, inkoop={"hbh": item("outputgericht"), "begeleiding": H}), "zwaar")
    assert "4 van de 18" in f["taakgericht-smalle-toegang"]["steekproef"]
    assert "5 van de 23" in f["taakgericht-smalle-toegang"]["steekproef"]
    assert "5 van de 18" in f["outputgericht-hbh-begeleiding"]["steekproef"]
    assert "6 van de 23" in f["outputgericht-hbh-begeleiding"]["steekproef"]
    zwaar = f["taakzwaarte-toegang-atypisch"]["steekproef"]
    assert "0 van de 18" in zwaar and "samen 16" in zwaar and "geen interviewgemeente" in zwaar


# --- 10. no findings before answers -------------------------------------------------------------
def test_untouched_questionnaire_gives_no_findings():
    result = assess(make(), taakzwaarte=tz("zeer licht"), ingevuld=False).to_json()
    assert result["bevindingen"] == [] and result["bronnen"] == {}
    assert result["beantwoord"]["status"] == "niet ingevuld"
    assert result["toegang"]["cpb_type"] in ("A", "B", "C")  # classification still shown


def test_partial_answers_are_marked():
    result = assess(make(inkoop={"hbh": item()}), taakzwaarte=ONBEKEND).to_json()
    assert result["beantwoord"]["status"] == "gedeeltelijk"
    assert "inkoop begeleiding" in result["beantwoord"]["ontbreekt"]
    f = {b["id"]: b for b in result["bevindingen"]}
    assert set(f["antwoorden-onvolledig"]["producten"]) == {"begeleiding", "dagbesteding"}
    full = make(inkoop={p: item() for p in ("hbh", "begeleiding", "dagbesteding")}, organisatiemodel="A1",
                regionale_inkoop_gemeenten=3)
    done = assess(full, taakzwaarte=ONBEKEND).to_json()
    assert done["beantwoord"] == {"status": "volledig", "ontbreekt": [], "tekst": "Vragenlijst ingevuld."}
    assert "antwoorden-onvolledig" not in {b["id"] for b in done["bevindingen"]}


# --- 15. Wijchen -------------------------------------------------------------------------------------
def test_wijchen_practice_informs_findings():
    cited = set()
    for data in (make(aanbieders="advies"), make(aanbieders="indiceren"),
                 make(inkoop={"hbh": H, "begeleiding": H, "dagbesteding": H})):
        for b in findings(data).values():
            cited |= {i for i in b["bronnen"] if i.startswith("wijchen-")}
    assert cited == {"wijchen-kostprijs-indicatie", "wijchen-advies-bureaucratie", "wijchen-trajectkosten-aanbieders",
                     "wijchen-terug-naar-pxq"}
