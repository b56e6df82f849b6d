"""Coherence rules: combinations that must and must not trigger each rule, and honest evidence wording."""
from __future__ import annotations

import copy

import pytest

from wijkkompas.core.typology import RULES, STERKTES, Taakzwaarte, assess, load_library

ONBEKEND = Taakzwaarte(None, None, None, None)


def tz(klasse: str) -> Taakzwaarte:
    return Taakzwaarte("GM9999", "Testgemeente", 300.0, klasse)


def item(bekostiging="inspanningsgericht", contract="raamovereenkomst", toetreding=True) -> dict:
    return {"bekostigingsvorm": bekostiging, "contractvorm": contract, "tussentijdse_toetreding": toetreding}


def make(breedte=2, positionering=1, wijkteam=True, aanbieders="geen", inkoop=None, **extra) -> dict:
    data = {
        "toegang": {"breedte": breedte, "positionering": positionering, "wijkteam": wijkteam,
                    "aanbieders_in_team": aanbieders},
        "inkoop": copy.deepcopy(inkoop) if inkoop is not None else {"hbh": item()},
    }
    data.update(extra)
    return data


def findings(data: dict, taakzwaarte: Taakzwaarte = ONBEKEND) -> dict[str, dict]:
    return {b["id"]: b for b in assess(data, taakzwaarte=taakzwaarte).to_json()["bevindingen"]}


# --- taakgericht with a smalle taakopdracht -------------------------------------------
@pytest.mark.parametrize("breedte", [1, 2])
def test_taakgericht_with_smalle_toegang_triggers(breedte):
    f = findings(make(breedte=breedte, inkoop={"begeleiding": item("taakgericht", "vast budget", False)}))
    assert f["taakgericht-smalle-toegang"]["ernst"] == "aandachtspunt"
    assert "rivm-combinaties-toegang-inkoop" in f["taakgericht-smalle-toegang"]["bronnen"]


@pytest.mark.parametrize("breedte", [3, 4])
def test_taakgericht_with_brede_toegang_does_not_trigger(breedte):
    f = findings(make(breedte=breedte, inkoop={"begeleiding": item("taakgericht", "vast budget", False)}))
    assert "taakgericht-smalle-toegang" not in f


def test_smalle_toegang_without_taakgericht_does_not_trigger():
    assert "taakgericht-smalle-toegang" not in findings(make(breedte=1, inkoop={"hbh": item("outputgericht")}))


# --- outputgericht for hbh / begeleiding ------------------------------------------------
@pytest.mark.parametrize("product", ["hbh", "begeleiding"])
def test_outputgericht_hbh_or_begeleiding_triggers(product):
    f = findings(make(inkoop={product: item("outputgericht", "raamovereenkomst", False)}))
    b = f["outputgericht-hbh-begeleiding"]
    assert b["ernst"] == "aandachtspunt"
    assert "jurisprudentie" in b["tekst"] and "lucht" in b["tekst"]
    assert set(b["bronnen"]) >= {"rivm-outputgericht-jurisprudentie", "rivm-outputgericht-hoogste-uitgaven"}


def test_outputgericht_only_for_dagbesteding_does_not_trigger():
    f = findings(make(inkoop={"dagbesteding": item("outputgericht"), "hbh": item()}))
    assert "outputgericht-hbh-begeleiding" not in f


# --- CPB type C -------------------------------------------------------------------------
@pytest.mark.parametrize("aanbieders", ["advies", "indiceren"])
def test_cpb_type_c_triggers_with_descriptive_wording(aanbieders):
    b = findings(make(aanbieders=aanbieders))["aanbieders-in-wijkteam"]
    assert b["ernst"] == "aandachtspunt"
    assert "59%" in b["tekst"] and "29%" in b["tekst"] and "26%" in b["tekst"]
    assert "beschrijvend" in b["bewijs"]
    assert b["sterkte"] == "beschrijvend"
    assert "cpb-beleidsopties" in b["bronnen"]
    if aanbieders == "indiceren":
        assert "indiceren de aanbieders in het team zelf" in b["tekst"]


@pytest.mark.parametrize("wijkteam,aanbieders", [(True, "geen"), (True, "schil"), (False, "geen")])
def test_cpb_type_a_or_b_does_not_trigger_type_c(wijkteam, aanbieders):
    assert "aanbieders-in-wijkteam" not in findings(make(wijkteam=wijkteam, aanbieders=aanbieders))


def test_wijkteam_effect_is_the_causal_finding_and_only_with_wijkteam():
    b = findings(make(wijkteam=True))["wijkteam-meer-clienten"]
    assert b["sterkte"] == "causaal-significant"
    assert "13%" in b["tekst"] and "10%-niveau" in b["bewijs"]
    assert "wijkteam-meer-clienten" not in findings(make(wijkteam=False))


# --- taakzwaarte vs toegang (atypical, not wrong) -----------------------------------------
@pytest.mark.parametrize("klasse", ["zeer licht", "licht"])
@pytest.mark.parametrize("positionering", [3, 4])
def test_light_taak_with_toegang_op_afstand_triggers(klasse, positionering):
    b = findings(make(breedte=3, positionering=positionering), tz(klasse))["taakzwaarte-toegang-atypisch"]
    assert b["ernst"] == "info"
    assert "niet fout" in b["tekst"] and f"een {klasse}e taak" in b["tekst"]


@pytest.mark.parametrize("klasse", ["zeer licht", "licht"])
@pytest.mark.parametrize("positionering", [1, 2])
def test_light_taak_with_zeer_brede_taakopdracht_triggers(klasse, positionering):
    b = findings(make(breedte=4, positionering=positionering), tz(klasse))["taakzwaarte-toegang-atypisch"]
    assert "zeer brede taakopdracht" in b["tekst"]


@pytest.mark.parametrize("klasse", ["zwaar", "zeer zwaar"])
def test_heavy_taak_with_internal_toegang_triggers(klasse):
    b = findings(make(positionering=1), tz(klasse))["taakzwaarte-toegang-atypisch"]
    assert f"een {klasse.replace('zwaar', 'zware')} taak" in b["tekst"]  # Dutch: "een (zeer) zware taak"


@pytest.mark.parametrize("klasse,positionering,breedte", [
    ("zeer licht", 1, 1), ("licht", 2, 3), ("gemiddeld", 4, 4), ("gemiddeld", 1, 1),
    ("zwaar", 3, 4), ("zeer zwaar", 2, 3),
])
def test_typical_combinations_do_not_trigger(klasse, positionering, breedte):
    assert "taakzwaarte-toegang-atypisch" not in findings(make(positionering=positionering, breedte=breedte), tz(klasse))


def test_without_gemeente_the_taakzwaarte_rule_is_silent_and_says_so():
    f = findings(make(positionering=4))
    assert "taakzwaarte-toegang-atypisch" not in f
    assert f["taakzwaarte-onbekend"]["ernst"] == "info"
    assert "taakzwaarte-onbekend" not in findings(make(), tz("gemiddeld"))


# --- budgetplafond without a steering toegang -----------------------------------------------
@pytest.mark.parametrize("aanbieders,positionering", [("indiceren", 2), ("advies", 1), ("geen", 3)])
def test_budgetplafond_without_steering_toegang_triggers(aanbieders, positionering):
    data = make(aanbieders=aanbieders, positionering=positionering,
                inkoop={"hbh": item("inspanningsgericht", "budgetplafond", False)})
    b = findings(data)["budgetplafond-zonder-sturende-toegang"]
    assert b["ernst"] == "aandachtspunt" and b["sterkte"] == "kwalitatief"
    assert "rivm-plafond-effectieve-toegang" in b["bronnen"]


@pytest.mark.parametrize("aanbieders,positionering", [("geen", 1), ("schil", 2), ("geen", 4)])
def test_budgetplafond_with_steering_toegang_does_not_trigger(aanbieders, positionering):
    data = make(aanbieders=aanbieders, positionering=positionering,
                inkoop={"hbh": item("inspanningsgericht", "budgetplafond", False)})
    assert "budgetplafond-zonder-sturende-toegang" not in findings(data)


def test_weak_toegang_without_budgetplafond_does_not_trigger():
    assert "budgetplafond-zonder-sturende-toegang" not in findings(make(aanbieders="indiceren"))


# --- regional inkoop ---------------------------------------------------------------------------
@pytest.mark.parametrize("n", [10, 11, 40])
def test_regional_inkoop_from_ten_gemeenten_triggers(n):
    b = findings(make(regionale_inkoop_gemeenten=n))["regionale-inkoop-10-plus"]
    assert str(n) in b["tekst"] and "rivm-regionale-inkoop" in b["bronnen"]
    assert "niet aangetoond" in b["bewijs"]


@pytest.mark.parametrize("n", [None, 1, 9])
def test_regional_inkoop_below_ten_does_not_trigger(n):
    assert "regionale-inkoop-10-plus" not in findings(make(regionale_inkoop_gemeenten=n))


# --- budgetplafond or vast budget as a possible strength ------------------------------------------
@pytest.mark.parametrize("inkoop,expected_id", [
    ({"hbh": item("inspanningsgericht", "budgetplafond", False)}, "begrensde-omzet-hbh"),               # C
    ({"begeleiding": item("inspanningsgericht", "vast budget", True)}, "begrensde-omzet-begeleiding"),  # D
])
def test_plafond_or_vast_budget_is_a_possible_strength_only_for_c_and_d(inkoop, expected_id):
    """004 L1567-1571: lower national spending for A-D, 'met name' C and D."""
    b = findings(make(breedte=4, inkoop=inkoop))[expected_id]
    assert b["ernst"] == "sterk punt"
    assert "niet aangetoond" in b["bewijs"]
    assert b["producten"] == [expected_id.rsplit("-", 1)[1]]


@pytest.mark.parametrize("inkoop,expected_id", [
    ({"begeleiding": item("outputgericht", "budgetplafond", False)}, "begrensde-omzet-begeleiding"),    # G
    ({"begeleiding": item("taakgericht", "vast budget", False)}, "begrensde-omzet-begeleiding"),        # H
    ({"dagbesteding": item("taakgericht", "vast budget", True)}, "begrensde-omzet-dagbesteding"),       # overig
    ({"hbh": item("inspanningsgericht", "vast budget", False)}, "begrensde-omzet-hbh"),                 # overig
])
def test_g_h_and_overig_are_never_a_strength(inkoop, expected_id):
    """Point 1: national spending is higher under G and H (004 L1567-1570); for overig there are no figures."""
    for klasse in (None, "zeer licht", "zeer zwaar"):
        f = findings(make(breedte=4, inkoop=inkoop), tz(klasse) if klasse else ONBEKEND)
        assert f[expected_id]["ernst"] == "info"
        assert "geen sterk punt" in f[expected_id]["tekst"]
        assert not [b for b in f.values() if b["ernst"] == "sterk punt"]


def test_overig_vast_budget_does_not_speak_of_budgetplafonds_per_aanbieder():
    b = findings(make(inkoop={"hbh": item("inspanningsgericht", "vast budget", False)}))["begrensde-omzet-hbh"]
    assert "budgetplafonds per aanbieder (C en G)" not in b["tekst"]
    assert "geen uitgavencijfers" in b["tekst"] and "vast budget" in b["tekst"]


def test_h_strength_text_states_the_casestudy_n_and_the_national_direction():
    b = findings(make(breedte=4, inkoop={"begeleiding": item("taakgericht", "vast budget", False)}))
    h = b["begrensde-omzet-begeleiding"]
    assert "5 gemeenten" in h["tekst"] and "gemiddeld hoger" in h["tekst"]
    assert "5 van de 23" in h["steekproef"]


def test_plafond_strength_states_the_national_pattern_only_where_it_was_found():
    """Lower national spending was found for C and D (inspanningsgericht), not for G (output) or H."""
    f = findings(make(breedte=4, inkoop={
        "hbh": item("inspanningsgericht", "budgetplafond", False),        # C
        "begeleiding": item("outputgericht", "budgetplafond", False),     # G
        "dagbesteding": item("taakgericht", "vast budget", False),        # H
    }))
    assert "laagste uitgaven" in f["begrensde-omzet-hbh"]["tekst"]
    g = f["begrensde-omzet-begeleiding"]["tekst"]
    assert "alleen gevonden bij de inspanningsgerichte profielen C en D" in g
    assert "liggen de uitgaven landelijk gemiddeld lager" not in g
    h = f["begrensde-omzet-dagbesteding"]["tekst"]
    assert "gemiddeld hoger dan bij de inspanningsgerichte profielen" in h
    assert "rivm-profielen-uitgaven-landelijk" in f["begrensde-omzet-dagbesteding"]["bronnen"]


def test_plafond_is_not_also_a_strength_when_the_toegang_does_not_steer():
    """Same product must not be both 'aandachtspunt' (plafond without steering toegang) and 'sterk punt'."""
    f = findings(make(aanbieders="indiceren", inkoop={
        "hbh": item("inspanningsgericht", "budgetplafond", False),        # C, toegang not steering
        "begeleiding": item("inspanningsgericht", "vast budget", True),   # D: vast budget, not the plafond rule
    }))
    assert f["budgetplafond-zonder-sturende-toegang"]["ernst"] == "aandachtspunt"
    assert f["budgetplafond-zonder-sturende-toegang"]["producten"] == ["hbh"]
    assert f["begrensde-omzet-hbh"]["ernst"] == "info"
    assert "niet als sterk punt" in f["begrensde-omzet-hbh"]["tekst"]
    assert f["begrensde-omzet-hbh"]["koppeling"] == ["budgetplafond-zonder-sturende-toegang"]
    assert f["begrensde-omzet-begeleiding"]["ernst"] == "sterk punt"


@pytest.mark.parametrize("letter_inkoop", [item(), item(toetreding=False), item("outputgericht"),
                                            item("outputgericht", toetreding=False)])
def test_raamovereenkomst_is_not_a_strength(letter_inkoop):
    assert not [i for i in findings(make(inkoop={"hbh": letter_inkoop})) if i.startswith("begrensde-omzet")]


# --- general -----------------------------------------------------------------------------------
def test_every_finding_cites_existing_evidence_and_has_a_known_strength():
    library = load_library()
    data = make(breedte=1, positionering=3, aanbieders="indiceren", regionale_inkoop_gemeenten=12, inkoop={
        "hbh": item("outputgericht", "budgetplafond", False),
        "begeleiding": item("taakgericht", "vast budget", False),
        "dagbesteding": item("taakgericht", "raamovereenkomst", True),
    })
    result = assess(data, taakzwaarte=tz("zeer licht")).to_json()
    assert len(result["bevindingen"]) >= 9
    for b in result["bevindingen"]:
        assert b["ernst"] in ("aandachtspunt", "info", "sterk punt")
        assert b["sterkte"] in STERKTES
        assert b["bronnen"] and all(i in library for i in b["bronnen"])
        assert set(b["bronnen"]) <= set(result["bronnen"])
        assert len(b["bewijs"]) > 40
    ernst = [b["ernst"] for b in result["bevindingen"]]
    assert ernst == sorted(ernst, key=["aandachtspunt", "sterk punt", "info"].index)


def test_descriptive_findings_never_claim_a_cause():
    """Words that claim causation may only appear in findings whose evidence is causal."""
    data = make(breedte=1, positionering=3, aanbieders="indiceren", regionale_inkoop_gemeenten=12, inkoop={
        "hbh": item("outputgericht", "budgetplafond", False),
        "begeleiding": item("taakgericht", "vast budget", False),
    })
    other = make(breedte=4, positionering=1, aanbieders="advies", inkoop={
        "hbh": item("inspanningsgericht", "budgetplafond", False),
        "begeleiding": item("outputgericht", "raamovereenkomst", False),
        "dagbesteding": item("inspanningsgericht", "vast budget", False),
    })
    checked = set()
    for answers, klasse in ((data, "licht"), (other, "zeer zwaar"), (make(wijkteam=False), None)):
        for b in assess(answers, taakzwaarte=tz(klasse) if klasse else ONBEKEND).to_json()["bevindingen"]:
            checked.add(b["id"])
            if not b["sterkte"].startswith("causaal"):
                for word in ("leidt tot", "leidde tot", "leidden tot", "veroorzaakt", "zorgt voor", "daardoor",
                             "bewezen", "als gevolg van"):
                    assert word not in b["tekst"].lower(), (b["id"], word)
    assert len(checked) >= 12
    from wijkkompas.core.typology import CAUSALE_WOORDEN
    assert set(CAUSALE_WOORDEN) >= {"leidt tot", "veroorzaakt", "daardoor", "als gevolg van"}


@pytest.mark.parametrize("breedte", [2, 3, 4])
def test_team_breadth_without_wijkteam_is_pointed_out(breedte):
    result = assess(make(breedte=breedte, wijkteam=False), taakzwaarte=ONBEKEND).to_json()
    assert result["toegang"]["cpb_type"] == "A"
    found = {b["id"]: b for b in result["bevindingen"]}["antwoorden-team-zonder-wijkteam"]
    assert found["ernst"] == "aandachtspunt"
    assert "CPB-type A" in found["tekst"]


@pytest.mark.parametrize("breedte, wijkteam", [(1, False), (2, True), (4, True)])
def test_consistent_team_answers_are_not_flagged(breedte, wijkteam):
    assert "antwoorden-team-zonder-wijkteam" not in findings(make(breedte=breedte, wijkteam=wijkteam))


def test_rules_are_registered_once():
    assert len(RULES) == len(set(RULES)) >= 10


def test_real_taakzwaarte_of_the_demo_gemeente():
    pytest.importorskip("wijkkompas.core.reference")
    result = assess(make(positionering=1), "GM0150").to_json()
    assert result["gemeente"] == {"code": "GM0150", "naam": "Deventer"}
    assert result["taakzwaarte"]["klasse"] in ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")
    assert result["taakzwaarte"]["index"] > 0
    assert "taakzwaarte-onbekend" not in {b["id"] for b in result["bevindingen"]}
