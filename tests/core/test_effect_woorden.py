"""The answer in words: the CPB's percentage of the counterfactual, and the evidence label."""
from __future__ import annotations

import pytest

from wijkkompas.core.effect import EffectVraag, schat
from wijkkompas.core.effect.simulatie import genereer_paneel
from wijkkompas.core.effect.vraag import KEUZE_SLEUTEL, bewaar_vraag, vraag_uit_project
from wijkkompas.core.effect.woorden import (antwoord, bewijslabel, contrafeitelijk, effect_zin,
                                            procent_van_contrafeitelijk)
from wijkkompas.core.project import Project


def test_cpb_tabel_4_2_arithmetic_is_reproduced():
    # CPB (2019) §5.1 with Tabel 4.2: wijkteam gemeenten 12,7 clients per 1.000 in December 2017, DiD 1,48
    # (Tabel A.1), counterfactual 11,2 -> "ongeveer 13%".
    cf = contrafeitelijk(12.7, 1.48)
    assert cf == pytest.approx(11.22)
    assert round(procent_van_contrafeitelijk(1.48, 11.2) * 100) == 13
    assert round(procent_van_contrafeitelijk(1.48, cf) * 100) == 13
    # The same function words the panel's and CLI's answer:
    assert effect_zin(1.48, 11.2, "per 1.000 inwoners") == (
        "1,48 per 1.000 inwoners meer (+13% ten opzichte van 11,2 zonder de verandering)")


def test_label_never_stronger_than_the_design():
    assert bewijslabel(0.5, (0.2, 1.0)) == "causaal-significant"
    assert bewijslabel(0.5, (-0.2, 1.0)) == "causaal-niet-significant"
    assert bewijslabel(0.5, (-1.0, -0.1)) == "causaal-significant"
    assert bewijslabel(0.05, (0.2, 1.0)) == "beschrijvend"          # pre-trend rejected
    assert bewijslabel(None, (0.2, 1.0)) == "beschrijvend"          # no pre-period to test on


def test_summary_sentences_follow_the_label():
    paneel = genereer_paneel(21, effect=1.0)
    e = schat(paneel, EffectVraag(wijken=["W03", "W06", "W09", "W12", "W15"], start="2023-01", trekkingen=499))
    label = bewijslabel(e.pretrend_p, e.ci)
    zinnen = antwoord(e, label)
    assert "W03, W06, W09, W12, W15" in zinnen[0] and "meer" in zinnen[0]
    assert "95%-interval" in zinnen[1]
    assert zinnen[-1].startswith("Conclusie")


def test_question_round_trips_through_the_project_with_defaults():
    project = Project()
    assert vraag_uit_project(project) == EffectVraag()
    vraag = EffectVraag(wijken=["W03"], start="2023-01", starts={"W06": "2023-07"}, gewogen=True)
    bewaar_vraag(project, vraag)
    stored = project.choices[KEUZE_SLEUTEL]
    assert stored["versie"] == 1
    again = Project.from_bytes(project.to_bytes())
    assert vraag_uit_project(again) == vraag
    # Unknown fields of a newer version are ignored, missing ones get defaults.
    assert EffectVraag.from_json({"wijken": ["W01"], "nieuw_veld": 3, "methode": "onzin"}).methode == "auto"
