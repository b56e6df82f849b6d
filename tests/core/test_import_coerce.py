"""Cell coercion: Dutch/English numbers, dates in every export shape, booleans, codes, postcodes."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from wijkkompas.core.imports import codelists as cl
from wijkkompas.core.imports import coerce, coerce_text


def _num(values):
    res = coerce.to_number(values)
    return [None if math.isnan(v) else v for v in res.values.tolist()], res.invalid.tolist()


@pytest.mark.parametrize("cell, expected", [
    ("1.234,56", 1234.56), ("1234.56", 1234.56), ("€ 12,50", 12.5), ("€12,50", 12.5), ("EUR 12,50", 12.5),
    ("1,5", 1.5), ("-12", -12.0), ("1 234", 1234.0), ("1\u00a0234,5", 1234.5), ("(12,50)", -12.5),
    ("12,50-", -12.5), ("+3", 3.0), ("1.234.567", 1234567.0), ("1,234,567", 1234567.0), ("12,5%", 12.5),
    (3, 3.0), (2.5, 2.5), (np.int64(7), 7.0), (np.float32(1.5), 1.5), ("1e3", 1000.0),
])
def test_numbers_in_every_style(cell, expected):
    values, invalid = _num([cell])
    assert values == [pytest.approx(expected)]
    assert invalid == [False]


@pytest.mark.parametrize("cell", [None, "", "   ", float("nan"), "-"])
def test_empty_number_cells_are_missing_not_invalid(cell):
    values, invalid = _num([cell])
    assert values == [None] and invalid == [False]


@pytest.mark.parametrize("cell", ["abc", "1,2,3,4", "12..5", "1e400", "inf", float("inf"), True,
                                  dt.date(2024, 1, 1), "€", "1-2"])
def test_unreadable_numbers_are_flagged(cell):
    values, invalid = _num([cell])
    assert values == [None] and invalid == [True]


def test_single_thousands_group_follows_the_column_convention():
    # Dutch evidence in the column ("12,50") makes "1.234" a thousand separator ...
    assert _num(["1.234", "12,50"])[0] == [1234.0, 12.5]
    # ... without it, "1.234" is a decimal point (English export).
    assert _num(["1.234", "2.5"])[0] == [1.234, 2.5]
    # English evidence ("1,234.56") makes "1,234" a thousands group.
    assert _num(["1,234.56", "1,234"])[0] == [1234.56, 1234.0]


def test_numeric_fast_paths_match_the_slow_path():
    floats = pd.Series([1.0, 2.5, np.nan, np.inf], dtype="float64")
    res = coerce.to_number(floats)
    assert res.values.tolist()[:2] == [1.0, 2.5] and res.invalid.tolist() == [False, False, False, True]
    as_object = pd.Series([1, 2.5, None], dtype=object)
    assert coerce.to_number(as_object).values.tolist()[:2] == [1.0, 2.5]


def test_true_and_one_are_not_confused_when_parsing_distinct_values():
    # Python hashes True == 1; the distinct-value parser must keep them apart.
    values, invalid = _num([1, True, 1.0, True])
    assert values == [1.0, None, 1.0, None] and invalid == [False, True, False, True]


@pytest.mark.parametrize("cells", [
    [True, 1, "x"], [1, True], [0.0, False, None], [np.bool_(False), 0], [False, np.int64(0)], [1, 2, "True"],
])
def test_factorising_keeps_booleans_apart_from_one_and_zero_in_any_order(cells):
    codes, distinct = coerce._factorize(np.array(cells, dtype=object))
    back = [None if c < 0 else distinct[c] for c in codes]
    assert [(type(v) in (bool, np.bool_), v) for v in back] == \
        [(type(v) in (bool, np.bool_), v) for v in cells]


def _dates(values):
    res = coerce.to_date(values)
    shown = [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in res.values]
    return shown, res.invalid.tolist(), res.far_future.tolist()


@pytest.mark.parametrize("cell, expected", [
    ("31-01-2024", "2024-01-31"), ("1-2-24", "2024-02-01"), ("01-02-2024", "2024-02-01"),
    ("2024-01-31", "2024-01-31"), ("2024-01-31 00:00:00", "2024-01-31"), ("2024-01-31T10:15", "2024-01-31"),
    ("31/01/2024", "2024-01-31"), ("31.01.2024", "2024-01-31"), ("20240131", "2024-01-31"),
    (45322, "2024-01-31"), (45322.75, "2024-01-31"), ("45322", "2024-01-31"), (20240131, "2024-01-31"),
    (dt.datetime(2024, 1, 31, 13, 5), "2024-01-31"), (dt.date(2024, 1, 31), "2024-01-31"),
    (pd.Timestamp("2024-01-31"), "2024-01-31"), (np.datetime64("2024-01-31"), "2024-01-31"),
])
def test_dates_in_every_export_shape(cell, expected):
    shown, invalid, far = _dates([cell])
    assert shown == [expected] and invalid == [False] and far == [False]


@pytest.mark.parametrize("cell", ["31-02-2024", "2024-13-01", "morgen", "31-12-1850", True, dt.time(10, 0),
                                  -5, 3e9])
def test_unreadable_dates_are_flagged(cell):
    shown, invalid, _ = _dates([cell])
    assert shown == [None] and invalid == [True]


def test_time_zone_aware_and_naive_cells_mix():
    aware = dt.datetime(2024, 1, 1, 23, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    shown, invalid, _ = _dates([aware, dt.datetime(2024, 1, 2), pd.Timestamp("2024-01-03", tz="Europe/Amsterdam")])
    assert shown == ["2024-01-01", "2024-01-02", "2024-01-03"] and invalid == [False] * 3


def test_far_future_marker_is_missing_and_flagged_not_invalid():
    shown, invalid, far = _dates(["31-12-9999", dt.datetime(2099, 12, 31), None])
    assert shown == [None, None, None]
    assert invalid == [False, False, False]
    assert far == [True, True, False]


def test_date_column_keeps_microsecond_dtype_and_order():
    res = coerce.to_date(["01-01-2024", None, 45322, "01-01-2024"])
    assert str(res.values.dtype) == coerce.DATE_DTYPE
    assert res.values.iloc[0] == res.values.iloc[3] == pd.Timestamp("2024-01-01")
    assert pd.isna(res.values.iloc[1])


@pytest.mark.parametrize("cell, expected", [
    ("ja", True), ("Nee", False), ("J", True), ("n", False), ("TRUE", True), ("false", False),
    (1, True), (0, False), (True, True), (False, False), ("waar", True), ("onwaar", False),
])
def test_booleans(cell, expected):
    res = coerce_text.to_bool([cell])
    assert res.values.iloc[0] == expected and not res.invalid[0]


def test_unknown_boolean_is_flagged():
    res = coerce_text.to_bool(["misschien", None])
    assert res.invalid.tolist() == [True, False]
    assert res.values.isna().all()


@pytest.mark.parametrize("cell, expected", [
    (1, "01"), (2.0, "02"), ("3", "03"), ("04", "04"), ("7.0", "07"), ("Hulp bij het huishouden", "01"),
    ("01 Hulp bij het huishouden", "01"), ("HbH", "01"), ("dagbesteding", "07"), ("Beschermd wonen", "15"),
])
def test_productcategorie_codes_and_labels(cell, expected):
    res = coerce_text.to_code([cell], cl.PRODUCTCATEGORIE, cl.PRODUCTCATEGORIE_LABELS, 2)
    assert res.values.iloc[0] == expected and not res.invalid[0]


@pytest.mark.parametrize("cell, expected", [
    ("uur", "04"), ("Uren", "04"), (4, "04"), ("minuten", "01"), ("Etmaal", "14"), ("dagdeel", "16"),
    ("Euro's", "83"), ("83", "83"), ("Stuks (inspanning)", "84"), ("stuks (output)", "82"),
])
def test_eenheid_codes_and_labels(cell, expected):
    res = coerce_text.to_code([cell], cl.EENHEID, cl.EENHEID_LABELS, 2)
    assert res.values.iloc[0] == expected and not res.invalid[0]


@pytest.mark.parametrize("cell, expected", [
    (2, "2"), ("2", "2"), ("per week", "2"), ("Per maand", "4"), ("totaal", "6"), (1.0, "1"),
])
def test_frequentie_codes_and_labels(cell, expected):
    res = coerce_text.to_code([cell], cl.FREQUENTIE, cl.FREQUENTIE_LABELS, 1)
    assert res.values.iloc[0] == expected and not res.invalid[0]


def test_unknown_codes_keep_their_text_and_are_flagged():
    res = coerce_text.to_code(["55", "abc", None, 99], cl.PRODUCTCATEGORIE, cl.PRODUCTCATEGORIE_LABELS, 2)
    assert res.invalid.tolist() == [True, True, False, True]
    assert res.values.iloc[0] == "55" and res.values.iloc[1] == "abc"


def test_text_identifiers_compare_equal_whatever_excel_made_of_them():
    res = coerce_text.to_text([12345, 12345.0, "12345", " 12345 ", None, "", 1.5, dt.date(2024, 1, 2)])
    assert res.values.tolist()[:4] == ["12345"] * 4
    assert pd.isna(res.values.iloc[4]) and pd.isna(res.values.iloc[5])
    assert res.values.iloc[6] == "1.5" and res.values.iloc[7] == "2024-01-02"
    assert str(res.values.dtype) == "string"


@pytest.mark.parametrize("cell, expected", [
    ("1234 AB", "1234"), ("1234ab", "1234"), (1234, "1234"), ("1234", "1234"), (" 9999 ZZ ", "9999"),
])
def test_postcode_reduced_to_pc4(cell, expected):
    res = coerce_text.to_postcode4([cell])
    assert res.values.iloc[0] == expected and not res.invalid[0]


@pytest.mark.parametrize("cell", ["0123", "12345", "abc", "1234 ABC", "12"])
def test_invalid_postcodes_are_flagged(cell):
    res = coerce_text.to_postcode4([cell])
    assert pd.isna(res.values.iloc[0]) and res.invalid[0]


def test_postcode_lists_for_wijken_expand_ranges():
    res = coerce_text.to_postcode4_list(["1011, 1012-1014", "3511 AB t/m 3512", "geen"])
    assert res.values.iloc[0] == "1011,1012,1013,1014"
    assert res.values.iloc[1] == "3511,3512"
    assert res.invalid.tolist() == [False, False, True]


def test_large_mixed_column_is_consistent_with_single_cells():
    cells = ["1.234,56", 12, None, "€ 3,50", "x", 7.25] * 5000
    res = coerce.to_number(cells)
    single = [coerce.to_number([c]) for c in cells[:6]]
    for i in range(len(cells)):
        ref = single[i % 6]
        got, want = res.values.iloc[i], ref.values.iloc[0]
        assert (pd.isna(got) and pd.isna(want)) or got == want
        assert res.invalid[i] == ref.invalid[0]
