"""Signals per aanbieder and team on a generated project with planted truths, the funnel and reliability class."""
from __future__ import annotations

import pytest

from wijkkompas.core.effect import EffectInvoerFout, EffectVraag, effect_resultaat
from wijkkompas.core.effect.paneel import bouw_paneel
from wijkkompas.core.effect.signalen import betrouwbaarheid, signalen, trechter
from wijkkompas.core.effect.signalen_resultaat import SignaalKeuze, signalen_resultaat
from wijkkompas.core.effect.simulatie import genereer_project


@pytest.fixture(scope="module")
def project():
    return genereer_project(7)


def test_reliability_classes_follow_bijlage_vi():
    # Kennisdocument sociale wijkteams (2013) Bijlage VI, FINDINGS §3.4.
    assert betrouwbaarheid(0.30, 200) == "groen"
    assert betrouwbaarheid(0.30, 199) == "geel"
    assert betrouwbaarheid(0.30, 30) == "geel"
    assert betrouwbaarheid(0.30, 29) == "rood"
    assert betrouwbaarheid(0.01, 2300) == "groen"
    assert betrouwbaarheid(0.01, 2299) == "geel"
    assert betrouwbaarheid(0.99, 639) == "rood"          # 1 − p counts
    assert betrouwbaarheid(0.05, 580) == "groen" and betrouwbaarheid(0.05, 579) == "geel"
    assert betrouwbaarheid(0.10, 90) == "geel" and betrouwbaarheid(0.10, 89) == "rood"


def test_funnel_flags_the_planted_outlier_and_not_the_tiny_aanbieder(project):
    rows = signalen(project, "begeleiding", "aanbieder")
    funnel = trechter(rows, "kosten_per_client")
    flagged = {p["code"] for p in funnel["punten"] if p["buiten"]}
    assert flagged == {"A3"}                     # 30% more hours per client
    a5 = next(p for p in funnel["punten"] if p["code"] == "A5")
    assert a5["n"] < 30                          # small: far from the mean but inside its wide limits
    assert set(funnel["grenzen"]) == {"95_hoog", "95_laag", "998_hoog", "998_laag"}
    assert rows.set_index("code").loc["A5", "aandeel_uitstroom_klasse"] == "rood"


def test_indicators_are_the_hand_counts(project):
    rows = signalen(project, "begeleiding", "team").set_index("code")
    toew = project.tables["toewijzingen"]
    start, end = rows.attrs["periode"] if rows.attrs else ("2024-07", "2025-06")
    import pandas as pd
    lo, hi = pd.Timestamp(f"{start}-01"), pd.Timestamp(f"{end}-01") + pd.offsets.MonthEnd(0)
    active = toew[(toew["ingangsdatum"] <= hi) & (toew["einddatum"].isna() | (toew["einddatum"] >= lo))]
    for team, group in active.groupby("toegang_team"):
        assert rows.loc[team, "clienten"] == group["client_id"].nunique()
    assert rows["groei"].notna().all()


def test_signalen_resultaat_and_bad_input(project):
    res = signalen_resultaat(project, SignaalKeuze())
    assert res.gegevens["uitschieters"] == ["A3"]
    assert any("A3" in b.titel for b in res.bevindingen)
    assert {b.sterkte for b in res.bevindingen} == {"beschrijvend"}
    with pytest.raises(EffectInvoerFout):
        signalen(project, "begeleiding", "consulent")
    with pytest.raises(EffectInvoerFout, match="binnen de gegevens"):
        signalen(project, "begeleiding", "aanbieder", "2030-01")


def test_planted_instroom_effect_is_covered_on_the_generated_project(project):
    # genereer_project: instroom per_1000 = 0.4 per month, × 1.25 in the treated wijken from 2023-01 → +0.1.
    vraag = EffectVraag(uitkomst="instroom_per_1000", wijken=["W03", "W06", "W09", "W12", "W15"], start="2023-01",
                        trekkingen=1999)
    g = effect_resultaat(project, vraag).gegevens
    assert g["ci_laag"] <= 0.1 <= g["ci_hoog"]


def test_outcome_panel_counts_clients_once_per_wijk_and_month(project):
    pan = bouw_paneel(project, "clienten_per_1000", "begeleiding")
    toew = project.tables["toewijzingen"]
    import pandas as pd
    m = pd.Timestamp("2023-06-01")
    i = pan.wijken.index("W03")
    col = pan.maanden.index("2023-06")
    active = toew[(toew["wijk_code"] == "W03") & (toew["ingangsdatum"] <= m + pd.offsets.MonthEnd(0))
                  & (toew["einddatum"].isna() | (toew["einddatum"] >= m))]
    assert pan.y[i, col] == pytest.approx(active["client_id"].nunique() / 11625 * 1000)
    half = bouw_paneel(project, "clienten_per_1000", "begeleiding", "halfjaar")
    assert half.maanden[0] == "2021-01" and half.stap == 6
    assert half.y[i, half.maanden.index("2023-01")] >= pan.y[i, col]  # unique over six months ≥ one month


def test_report_sections_answer_the_stored_choices():
    from wijkkompas.core.onderdelen import produceer

    project = genereer_project(8)
    assert produceer(project, "effect") is None          # no question asked yet: the report says what is missing
    project.choices["effect"] = {"wijken": ["W03", "W06", "W09", "W12", "W15"], "start": "2023-01",
                                 "uitkomst": "instroom_per_1000", "trekkingen": 199}
    res = produceer(project, "effect")
    assert res.onderdeel == "effect" and res.gegevens["n_wijken"] == 15
    project.choices["signalen"] = {"groep": "team", "indicator": "aandeel_uitstroom"}
    sig = produceer(project, "signalen")
    assert sig.gegevens["groep"] == "team" and sig.gegevens["indicator"] == "aandeel_uitstroom"
