"""The kostprijs arithmetic by hand, unit conversion of tariffs, and 'no verdict while parameters are empty'."""
from __future__ import annotations

import pandas as pd
import pytest

from wijkkompas.core.inkoop.kostprijs import (NODIG, PARAMETERS, KostprijsInstellingen, bereken, vergelijk)

WAARDEN = dict(bruto_uurloon=20.0, opslag_vakantie_eju=25.0, werkgeverslasten=20.0, productiviteit=75.0,
               reiskosten_per_uur=2.0, opleiding=10.0, overhead=20.0, risico_winst=5.0)


def _inst(**extra) -> KostprijsInstellingen:
    inst = KostprijsInstellingen()
    for product in NODIG:
        inst = inst.met(product, **WAARDEN, **extra)
    return inst


def test_every_default_number_has_a_source_with_year():
    for p in PARAMETERS:
        if p.standaard is not None:
            assert p.bron is not None and p.bron.jaar, p.naam


def test_defaults_are_incomplete_and_give_no_verdict():
    inst = KostprijsInstellingen()
    k = bereken(inst, "hbh")
    assert not k.compleet and "bruto_uurloon" in k.ontbrekend and k.per_productief_uur is None
    tarieven = pd.DataFrame([{"productcode": "01A01", "aanbieder_code": "A", "tarief": 0.6, "eenheid": "01"}])
    v = vergelijk(tarieven, inst)
    assert v.loc[0, "status"] == "kostprijs onvolledig" and pd.isna(v.loc[0, "verschil"])


def test_arithmetic_by_hand():
    k = bereken(_inst(), "begeleiding")
    # 20 × 1,25 × 1,20 = 30 per paid hour; / 0,75 = 40 per productive hour; × 1,10 + 2 = 46; × 1,20 = 55,2; × 1,05
    assert k.loonkosten_per_betaald_uur == pytest.approx(30.0)
    assert k.per_productief_uur == pytest.approx(57.96)
    assert k.per_minuut == pytest.approx(57.96 / 60)
    assert [s for _, s in k.stappen] == pytest.approx([30.0, 40.0, 46.0, 55.2, 57.96])


def test_dagdeel_uses_four_hours_and_group_size():
    k = bereken(_inst(clienten_per_begeleider=6.0), "dagbesteding")
    assert k.per_dagdeel == pytest.approx(57.96 * 4 / 6)
    assert "clienten_per_begeleider" in bereken(_inst(), "dagbesteding").ontbrekend


def test_tariff_gap_in_each_unit():
    inst = _inst(clienten_per_begeleider=6.0)
    tarieven = pd.DataFrame([
        {"productcode": "01A01", "aanbieder_code": "A", "tarief": 0.90, "eenheid": "01"},   # per minute
        {"productcode": "02A01", "aanbieder_code": "B", "tarief": 60.0, "eenheid": "04"},   # per hour
        {"productcode": "07A01", "aanbieder_code": "C", "tarief": 40.0, "eenheid": "16"},   # per dagdeel
        {"productcode": "02A05", "aanbieder_code": "B", "tarief": 0.01, "eenheid": "83"},   # euro: not comparable
    ])
    v = vergelijk(tarieven, inst).set_index("productcode")
    assert "02A05" not in v.index
    assert v.loc["01A01", "kostprijs"] == pytest.approx(0.966)
    assert v.loc["01A01", "verschil"] == pytest.approx(0.90 - 0.966)
    assert v.loc["01A01", "status"] == "onder kostprijs"
    assert v.loc["02A01", "verschil_pct"] == pytest.approx((60 - 57.96) / 57.96)
    assert v.loc["07A01", "kostprijs"] == pytest.approx(38.64) and v.loc["07A01", "status"] == "op of boven kostprijs"


def test_only_current_contracts_are_compared():
    tarieven = pd.DataFrame([
        {"productcode": "02A01", "aanbieder_code": "B", "tarief": 50.0, "eenheid": "04",
         "ingangsdatum": pd.Timestamp("2024-01-01"), "einddatum": pd.Timestamp("2024-12-31")},
        {"productcode": "02A01", "aanbieder_code": "B", "tarief": 60.0, "eenheid": "04",
         "ingangsdatum": pd.Timestamp("2025-01-01"), "einddatum": pd.Timestamp("2025-12-31")},
    ])
    assert list(vergelijk(tarieven, _inst())["tarief"]) == [60.0]


def test_settings_round_trip_and_tolerate_junk():
    inst = _inst()
    assert KostprijsInstellingen.from_json(inst.to_json()) == inst
    junk = KostprijsInstellingen.from_json({"sets": {"hbh": {"bruto_uurloon": "abc", "onbekend": 3},
                                                     "x": {"a": 1}}, "versie": 1})
    assert junk.waarde("hbh", "bruto_uurloon") is None and "x" not in junk.sets
    assert KostprijsInstellingen.from_json("rommel") == KostprijsInstellingen()


def test_productivity_zero_is_reported_not_divided():
    k = bereken(_inst().met("hbh", productiviteit=0.0), "hbh")
    assert not k.compleet and k.ontbrekend == ("productiviteit",)
