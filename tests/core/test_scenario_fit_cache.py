"""Fit once per data: the scenario model is reused for equal table contents and refitted after any change."""
from __future__ import annotations

import pandas as pd
import pytest
from test_scenario_fixtures import maak_tabellen

from wijkkompas.core.progress import Voortgang
from wijkkompas.core.scenario import fit_cache, fit_model


@pytest.fixture(autouse=True)
def empty_cache():
    fit_cache.clear()
    yield
    fit_cache.clear()


def _copy(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: df.copy(deep=True) for name, df in tables.items()}


def test_equal_contents_in_new_objects_share_one_fit():
    tables = maak_tabellen()
    first = fit_model(tables)
    steps: list[str] = []
    second = fit_model(_copy(tables), progress=Voortgang(lambda fraction, text: steps.append(text)))
    assert second is first
    assert steps and "al geschat" in steps[-1]


@pytest.mark.parametrize("change", ["value", "row", "column", "table"])
def test_any_change_to_the_data_gives_a_new_fit(change):
    tables = maak_tabellen()
    first = fit_model(tables)
    changed = _copy(tables)
    name = next(n for n, df in changed.items() if len(df) and df.select_dtypes("number").shape[1])
    df = changed[name]
    if change == "value":
        column = df.select_dtypes("number").columns[0]
        df.loc[df.index[0], column] = df[column].iloc[0] + 1
    elif change == "row":
        changed[name] = df.iloc[1:]
    elif change == "column":
        df["extra"] = 1
    else:
        changed["extra_tabel"] = pd.DataFrame({"a": [1]})
    assert fit_cache.digest(changed) != fit_cache.digest(tables)
    assert fit_model(changed) is not first


def test_only_a_few_data_versions_are_kept():
    keys = []
    for i in range(fit_cache.KEEP + 2):
        tables = {"t": pd.DataFrame({"x": [i]})}
        keys.append(fit_cache.digest(tables))
        fit_cache.put(keys[-1], object())
    assert fit_cache.get(keys[0]) is None and fit_cache.get(keys[-1]) is not None
