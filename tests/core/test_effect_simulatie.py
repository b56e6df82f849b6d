"""Size and power of the default inference on generated panels with the demo's 15 wijken (5 treated).

The CI run uses few panels and draws; set WIJKKOMPAS_LANGE_SIMULATIE=1 for the long version whose figures
are quoted in the closing note of issue 13 (``benchmarks/effect_simulatie.py`` prints them too).
"""
from __future__ import annotations

import os

import pytest

from wijkkompas.core.effect import EffectVraag, schat
from wijkkompas.core.effect.simulatie import DEMO_BEHANDELD, genereer_paneel, verwerpingskans

LANG = os.environ.get("WIJKKOMPAS_LANGE_SIMULATIE") == "1"


def test_default_method_rejects_a_zero_effect_at_about_the_nominal_rate():
    n = 1000 if LANG else 40
    rates = verwerpingskans(n, seed=3, trekkingen=999 if LANG else 199)
    print(f"\nverwerpingskans bij effect 0 (n={n}): bootstrap {rates['bootstrap']:.3f}, "
          f"geclusterd {rates['conventioneel']:.3f}")
    if LANG:
        assert abs(rates["bootstrap"] - 0.05) < 0.02
    else:
        assert rates["bootstrap"] <= 0.15  # binomial: P(>= 7 of 40 | 5%) < 0.01


def test_default_method_has_power_against_the_planted_effect():
    rates = verwerpingskans(15, seed=4, trekkingen=199, effect=0.5)
    assert rates["bootstrap"] >= 0.9


@pytest.mark.parametrize("seed", [31, 32, 33])
def test_pretrend_test_catches_a_planted_pretrend(seed):
    vraag = EffectVraag(wijken=list(DEMO_BEHANDELD), start="2023-01", trekkingen=999)
    schending = schat(genereer_paneel(seed, effect=0.5, pretrend=0.08), vraag, intervallen=False)
    assert schending.pretrend_p < 0.10
    zuiver = schat(genereer_paneel(seed, effect=0.5), vraag, intervallen=False)
    assert zuiver.pretrend_p >= 0.10
