"""Classification: answers -> toegang labels, CPB type, inkoopprofiel A–H / overig, validation messages."""
from __future__ import annotations

import copy
import itertools

import pytest

from wijkkompas.core.errors import AnswerError
from wijkkompas.core.typology import (
    BEKOSTIGINGSVORMEN,
    BREEDTE,
    CONTRACTVORMEN,
    INKOOPPROFIELEN,
    POSITIONERING,
    Inkoop,
    Taakzwaarte,
    assess,
    cpb_type,
    inkoopprofiel,
    parse_answers,
)

BASE = {
    "toegang": {"breedte": 2, "positionering": 1, "wijkteam": True, "aanbieders_in_team": "geen"},
    "inkoop": {
        "hbh": {"bekostigingsvorm": "inspanningsgericht", "contractvorm": "raamovereenkomst", "tussentijdse_toetreding": True},
    },
}


def answers(**changes) -> dict:
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        target = data
        *path, last = dotted.split("__")
        for key in path:
            target = target[key]
        target[last] = value
    return data


# Tabel 3.1 of RIVM/Cebeon (2025), written out independently of the vocabulary module.
TABEL_3_1 = [
    ("A", "inspanningsgericht", "raamovereenkomst", True),
    ("B", "inspanningsgericht", "raamovereenkomst", False),
    ("C", "inspanningsgericht", "budgetplafond", False),
    ("D", "inspanningsgericht", "vast budget", True),
    ("E", "outputgericht", "raamovereenkomst", True),
    ("F", "outputgericht", "raamovereenkomst", False),
    ("G", "outputgericht", "budgetplafond", False),
    ("H", "taakgericht", "vast budget", False),
]


@pytest.mark.parametrize("letter,bekostiging,contract,toetreding", TABEL_3_1)
def test_each_profile_of_tabel_3_1(letter, bekostiging, contract, toetreding):
    keuze = inkoopprofiel("begeleiding", Inkoop(bekostiging, contract, toetreding))
    assert keuze.profiel == letter
    assert keuze.dichtstbij == ()
    # and end to end through assess (the path the CLI and the panel use)
    data = answers(inkoop={"begeleiding": {"bekostigingsvorm": bekostiging, "contractvorm": contract,
                                           "tussentijdse_toetreding": toetreding}})
    result = assess(data, taakzwaarte=Taakzwaarte(None, None, None, None)).to_json()
    assert result["inkoopprofiel"] == {"begeleiding": letter}


def test_all_18_combinations_give_a_profile_and_exactly_ten_are_overig():
    combos = itertools.product([o.code for o in BEKOSTIGINGSVORMEN], [o.code for o in CONTRACTVORMEN], [True, False])
    results = {combo: inkoopprofiel("hbh", Inkoop(*combo)) for combo in combos}
    letters = sorted(k.profiel for k in results.values() if k.profiel != "overig")
    assert letters == list("ABCDEFGH")
    overig = [k for k in results.values() if k.profiel == "overig"]
    assert len(overig) == 10
    for keuze in overig:
        assert keuze.dichtstbij, "overig must name the nearest profiles"
        assert all(letter in INKOOPPROFIELEN for letter in keuze.dichtstbij)
        assert "Tabel 3.1" in keuze.toelichting


def test_overig_names_the_profiles_that_differ_in_one_attribute():
    # taakgericht + vast budget + met toetreding: H differs in toetreding, D in bekostigingsvorm.
    keuze = inkoopprofiel("begeleiding", Inkoop("taakgericht", "vast budget", True))
    assert keuze.profiel == "overig"
    assert keuze.dichtstbij == ("D", "H")
    assert "H (tussentijdse toetreding nee (tenzij) i.p.v. ja)" in keuze.toelichting
    assert "D (bekostigingsvorm inspanningsgericht i.p.v. taakgericht)" in keuze.toelichting
    # inspanningsgericht + budgetplafond + met toetreding: A and D (contract) and C (toetreding).
    assert inkoopprofiel("hbh", Inkoop("inspanningsgericht", "budgetplafond", True)).dichtstbij == ("A", "C", "D")
    # outputgericht + vast budget + zonder: F, G (contract) and H (bekostiging).
    assert inkoopprofiel("hbh", Inkoop("outputgericht", "vast budget", False)).dichtstbij == ("F", "G", "H")
    # taakgericht + raamovereenkomst + met toetreding: A and E differ only in bekostigingsvorm; H in two.
    keuze = inkoopprofiel("hbh", Inkoop("taakgericht", "raamovereenkomst", True))
    assert keuze.dichtstbij == ("A", "E")
    assert "Het dichtst bij liggen profiel A" in keuze.toelichting


def test_overig_is_a_finding_not_an_error():
    data = answers(inkoop={"hbh": {"bekostigingsvorm": "taakgericht", "contractvorm": "raamovereenkomst",
                                   "tussentijdse_toetreding": True}})
    result = assess(data, taakzwaarte=Taakzwaarte(None, None, None, None)).to_json()
    assert result["inkoopprofiel"]["hbh"] == "overig"
    assert result["inkoop"]["hbh"]["dichtstbijzijnde_profielen"]
    ids = [b["id"] for b in result["bevindingen"]]
    assert "overig-profiel-hbh" in ids


@pytest.mark.parametrize("wijkteam,aanbieders,expected", [
    (False, "geen", "A"), (False, "schil", "A"),
    (True, "geen", "B"), (True, "schil", "B"),
    (True, "advies", "C"), (True, "indiceren", "C"),
])
def test_cpb_type(wijkteam, aanbieders, expected):
    assert cpb_type(wijkteam, aanbieders) == expected
    data = answers(toegang__wijkteam=wijkteam, toegang__aanbieders_in_team=aanbieders)
    assert assess(data, taakzwaarte=Taakzwaarte(None, None, None, None)).to_json()["toegang"]["cpb_type"] == expected


def test_toegang_labels_are_the_box_labels():
    result = assess(answers(toegang__breedte=4, toegang__positionering=3),
                    taakzwaarte=Taakzwaarte(None, None, None, None)).to_json()
    assert result["toegang"]["breedte"] == {
        "code": 4,
        "label": "sociaal team, ook complexere problematiek, brede ondersteuning (incl. outreachend) en preventieve taken",
    }
    assert result["toegang"]["positionering"] == {"code": 3, "label": "hoofdaanbieder (en onderaannemers)"}
    assert [o.label for o in BREEDTE][0] == "centraal loket (alleen Wmo)"
    assert [o.label for o in POSITIONERING][3] == "speciale rechtspersoon (derde partij)"
    assert all(len(o.toelichting) > 30 for o in BREEDTE + POSITIONERING)


@pytest.mark.parametrize("changes,field,allowed", [
    ({"toegang__breedte": 5}, "toegang.breedte", "1, 2, 3, 4"),
    ({"toegang__breedte": True}, "toegang.breedte", "1, 2, 3, 4"),
    ({"toegang__positionering": "gemeente"}, "toegang.positionering", "1, 2, 3, 4"),
    ({"toegang__wijkteam": "ja"}, "toegang.wijkteam", "true, false"),
    ({"toegang__aanbieders_in_team": "soms"}, "toegang.aanbieders_in_team", "'geen', 'schil', 'advies', 'indiceren'"),
    ({"inkoop__hbh__bekostigingsvorm": "pxq"}, "inkoop.hbh.bekostigingsvorm",
     "'inspanningsgericht', 'outputgericht', 'taakgericht'"),
    ({"inkoop__hbh__contractvorm": "plafond"}, "inkoop.hbh.contractvorm",
     "'raamovereenkomst', 'budgetplafond', 'vast budget'"),
    ({"inkoop__hbh__tussentijdse_toetreding": "nee"}, "inkoop.hbh.tussentijdse_toetreding", "true, false"),
    ({"organisatiemodel": "D"}, "organisatiemodel", "'A1', 'A2', 'B', 'C'"),
    ({"regionale_inkoop_gemeenten": 0}, "regionale_inkoop_gemeenten", "geheel getal"),
    ({"regionale_inkoop_gemeenten": 2.5}, "regionale_inkoop_gemeenten", "geheel getal"),
])
def test_invalid_answers_name_field_and_allowed_values(changes, field, allowed):
    with pytest.raises(AnswerError) as info:
        parse_answers(answers(**changes))
    assert f"'{field}'" in info.value.melding
    assert allowed in info.value.melding
    assert info.value.exit_code == 2


def test_missing_and_unknown_fields():
    data = answers()
    del data["toegang"]["positionering"]
    with pytest.raises(AnswerError, match="'toegang.positionering' ontbreekt"):
        parse_answers(data)
    with pytest.raises(AnswerError, match="Onbekend veld 'wmo'"):
        parse_answers(answers(inkoop={"wmo": {}}))
    with pytest.raises(AnswerError, match="Onbekend veld 'breedt'"):
        parse_answers(answers(toegang__breedt=1))
    with pytest.raises(AnswerError, match="JSON-object"):
        parse_answers([1, 2])


def test_aanbieders_in_team_without_wijkteam_is_contradictory():
    with pytest.raises(AnswerError) as info:
        parse_answers(answers(toegang__wijkteam=False, toegang__aanbieders_in_team="indiceren"))
    assert "toegang.aanbieders_in_team" in info.value.melding and "toegang.wijkteam" in info.value.melding


def test_answers_round_trip_to_the_cli_shape():
    data = answers(organisatiemodel="A2", regionale_inkoop_gemeenten=7)
    parsed = parse_answers(data)
    assert parse_answers(parsed.to_json()) == parsed
    assert parsed.to_json()["toegang"] == data["toegang"]
    assert parsed.to_json()["inkoop"] == data["inkoop"]


def test_products_are_optional_and_keep_order():
    data = answers(inkoop={})
    result = assess(data, taakzwaarte=Taakzwaarte(None, None, None, None)).to_json()
    assert result["inkoopprofiel"] == {}


def test_default_answers_are_valid_cli_input_and_never_reported_as_a_position():
    from wijkkompas.core.typology import DEFAULT_ANSWERS

    assert parse_answers(DEFAULT_ANSWERS.to_json()) == DEFAULT_ANSWERS
    untouched = assess(DEFAULT_ANSWERS, taakzwaarte=Taakzwaarte(None, None, None, None), ingevuld=False)
    assert untouched.bevindingen == [] and untouched.beantwoord().status == "niet ingevuld"
    assert untouched.cpb_type == "A" and untouched.profielen == {}
