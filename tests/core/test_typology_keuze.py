"""PositieKeuze: the stored Positie answers, versioned; version 0 migrates, damage never raises."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkkompas import resources
from wijkkompas.core.errors import AnswerError
from wijkkompas.core.project import Project
from wijkkompas.core.typology import DEFAULT_ANSWERS, PositieKeuze, assess, parse_answers
from wijkkompas.core.typology.keuze import opgeslagen
from wijkkompas.core.typology.resultaat import produceer

DEMO = json.loads(resources.path("demo", "positie_antwoorden.json").read_text(encoding="utf-8"))
PARTIAL = {"toegang": {"breedte": 2, "positionering": 1, "wijkteam": True, "aanbieders_in_team": "geen"}}


def test_the_demo_file_is_version_0_and_migrates_without_a_warning():
    assert "versie" not in DEMO                       # the old, unversioned shape the demo loads
    keuze = PositieKeuze.from_json(DEMO)
    assert keuze.ingevuld and keuze.waarschuwing == "" and keuze.versie == 1
    stored = keuze.to_json()
    assert stored["versie"] == 1
    assert {k: v for k, v in stored.items() if k != "versie"} == DEMO   # answers unchanged by the migration
    assert keuze.antwoorden == parse_answers(DEMO)


@pytest.mark.parametrize("data", [DEMO, PARTIAL, dict(PARTIAL, inkoop={}, organisatiemodel=None)])
def test_round_trip_through_json_text(data):
    keuze = PositieKeuze.from_json(data)
    again = PositieKeuze.from_json(json.loads(json.dumps(keuze.to_json())))
    assert again == keuze and again.to_json() == keuze.to_json() and again.waarschuwing == ""


def test_a_partly_answered_questionnaire_is_ingevuld_and_assessed_as_partial():
    keuze = PositieKeuze.from_json(PARTIAL)
    assert keuze.ingevuld and keuze.antwoorden.inkoop == {}
    assert assess(keuze.getoond, ingevuld=keuze.ingevuld).beantwoord().status == "gedeeltelijk"


@pytest.mark.parametrize("data", [None, {}, {"versie": 1}])
def test_nothing_stored_is_the_unanswered_keuze_without_warning(data):
    keuze = PositieKeuze.from_json(data)
    assert keuze == PositieKeuze() and not keuze.ingevuld and keuze.waarschuwing == ""
    assert keuze.getoond == DEFAULT_ANSWERS
    assert keuze.to_json() == {"versie": 1}


@pytest.mark.parametrize("data,fragment", [
    ([1, 2], "JSON-object"),
    ("toegang", "JSON-object"),
    ({"toegang": {"breedte": 2}}, "'toegang.positionering' ontbreekt"),
    (dict(PARTIAL, toegang=dict(PARTIAL["toegang"], breedte="2")), "'toegang.breedte'"),
    (dict(DEMO, inkoop={"hbh": {"bekostigingsvorm": "pxq", "contractvorm": "raamovereenkomst",
                                "tussentijdse_toetreding": True}}), "'inkoop.hbh.bekostigingsvorm'"),
    (dict(DEMO, kleur="rood"), "Onbekend veld 'kleur'"),
    (dict(DEMO, versie="1"), "'versie'"),
    (dict(DEMO, versie=2), "nieuwere versie van Wijkkompas"),
])
def test_damaged_values_give_defaults_and_a_dutch_warning(data, fragment):
    keuze = PositieKeuze.from_json(data)
    assert not keuze.ingevuld and keuze.getoond == DEFAULT_ANSWERS
    assert keuze.waarschuwing.startswith("De opgeslagen antwoorden van de vragenlijst zijn beschadigd")
    assert fragment in keuze.waarschuwing
    with pytest.raises(AnswerError):                  # the CLI's strict path refuses the same value
        PositieKeuze.parse(data)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 400) | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=25), inner, max_size=5),
    max_leaves=20,
)
FIELDS = st.sampled_from(["toegang", "inkoop", "organisatiemodel", "regionale_inkoop_gemeenten", "versie",
                          "breedte", "positionering", "wijkteam", "aanbieders_in_team", "hbh", "begeleiding",
                          "bekostigingsvorm", "contractvorm", "tussentijdse_toetreding"])


@st.composite
def damaged_demo(draw):
    """The demo answers with one value anywhere replaced by an arbitrary JSON value (or an odd key)."""
    data = copy.deepcopy(DEMO)
    target, path = data, []
    while isinstance(target, dict) and target and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(target)))
        path.append(key)
        if not isinstance(target[key], dict):
            break
        target = target[key]
    if isinstance(target, dict):
        key = draw(FIELDS | st.integers(0, 3)) if draw(st.booleans()) else draw(st.sampled_from(sorted(target)))
        target[key] = draw(JSON_VALUES)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JSON_VALUES, damaged_demo()))
def test_any_stored_value_reads_without_raising(data):
    keuze = PositieKeuze.from_json(data)
    if keuze.ingevuld:
        assert keuze.waarschuwing == ""
        # what was accepted stores and reads back to the same answers, and the CLI accepts what is stored
        assert PositieKeuze.from_json(json.loads(json.dumps(keuze.to_json()))) == keuze
        assert PositieKeuze.parse(keuze.to_json()) == keuze
    else:
        assert keuze.getoond == DEFAULT_ANSWERS
        assert keuze.waarschuwing or data is None or (isinstance(data, dict) and set(data) <= {"versie"})


def test_report_producer_reads_the_keuze_old_new_and_damaged():
    project = Project(gemeente_code=None)
    assert produceer(project) is None                                   # nothing answered: nothing to report
    project.choices["positie"] = DEMO                                   # version 0
    old = produceer(project).to_json()
    project.choices["positie"] = PositieKeuze.from_json(DEMO).to_json()  # version 1
    assert produceer(project).to_json() == old
    assert old["inkoopprofiel"] == {"hbh": "B", "begeleiding": "E", "dagbesteding": "C"}
    project.choices["positie"] = {"toegang": "kapot"}
    assert produceer(project) is None and "beschadigd" in opgeslagen(project).waarschuwing


@pytest.mark.parametrize("breedte", [True, 2.0, "2"])
def test_an_option_code_must_have_its_own_type(breedte):
    """2.0 == 2 and True == 1 in Python; stored as such they would not round-trip into the form's choices."""
    assert "'toegang.breedte'" in PositieKeuze.from_json(dict(PARTIAL, toegang=dict(PARTIAL["toegang"],
                                                                                    breedte=breedte))).waarschuwing
