from __future__ import annotations

from datetime import date

from wijkkompas.core import formatting as f


def test_dutch_numbers_and_amounts():
    assert f.getal(1234.5, 1) == "1.234,5"
    assert f.getal(-1234567) == "-1.234.567"
    assert f.getal(float("nan")) == "–"
    assert f.euro(12.5, 2) == "€ 12,50"
    assert f.euro_kort(1_234_000) == "€ 1,2 mln"
    assert f.euro_kort(4_460_000_000) == "€ 4,46 mld"
    assert f.euro_kort(25_400) == "€ 25 dzd"
    assert f.procent(0.8123, 1) == "81,2%"
    assert f.datum(date(2024, 3, 7)) == "07-03-2024"
    assert f.getal(-0.2) == "0"
