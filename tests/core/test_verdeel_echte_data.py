"""The presets on real wijken: how well does each preset's share per wijk match the real HbH client share?

Builds the wijken of a few real gemeenten from the CBS wijk file in
``../shared/reference-sources`` (skipped when that folder is absent, e.g. on a
clean clone) and scores each preset by the *verdeelfout*: half the sum of
|preset share − client share| over the wijken, i.e. the fraction of a budget
that would land in other wijken than the clients live in. The figures are
printed (``pytest -s``) and recorded as test properties.

Choices, stated: indicators from the 1e halfjaar 2018 (the last period with
the low-income share), 75-plussers estimated as 44% of the 65-plussers (as in
the demo), target = HbH clients 1e halfjaar 2020 (else the latest period);
historisch = client shares of the earliest period; gekalibreerd = weights fitted
on the clients of 2017–2018, scored on the target period.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijkkompas.core.verdeel import indicatoren
from wijkkompas.core.verdeel.kalibratie import kalibreer
from wijkkompas.core.verdeel.rekenen import afronden_exact, verdeel

REPO = Path(__file__).resolve().parents[2]
CSV = REPO.parent / "shared" / "reference-sources" / "wmo-clienten" / "hbh_clienten_wijk_2017_2020.csv"
GEMEENTEN = {"GM0150": "Deventer", "GM0193": "Zwolle", "GM0307": "Amersfoort", "GM0153": "Enschede",
             "GM0344": "Utrecht", "GM0080": "Leeuwarden", "GM0363": "Amsterdam"}
INDICATOR_PERIODE = "1e halfjaar 2018"

pytestmark = pytest.mark.skipif(not CSV.exists(), reason="../shared/reference-sources ontbreekt")


def _periode_key(p: str) -> tuple[int, int]:
    half, _, jaar = p.partition(" halfjaar ")
    return int(jaar), 1 if half.startswith("1") else 2


def wijken_van(data: pd.DataFrame, code: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicator frame (canonical wijk columns) and clients per wijk × period for one gemeente."""
    sub = data[data["codering_regio"].str[2:6] == code[2:]]
    ind = sub[sub["perioden"] == INDICATOR_PERIODE]
    if ind.empty:
        ind = sub[sub["perioden"] == min(sub["perioden"], key=_periode_key)]
    wijken = pd.DataFrame({
        "wijk_code": ind["codering_regio"], "wijk_naam": ind["codering_regio"],
        "inwoners": ind["aantalinwoners"], "inwoners_75plus": (0.44 * ind["k65jaarofouder"]).round(),
        "eenpersoonshuishoudens": ind["eenpersoonshuishoudens"], "huishoudens": ind["huishoudenstotaal"],
        "huishoudens_laag_inkomen": (ind["huishoudensmeteenlaaginkomen"] / 100 * ind["huishoudenstotaal"]).round(),
    })
    clients = sub[["codering_regio", "perioden", "wmoclienten"]].rename(columns={"codering_regio": "wijk_code"})
    return wijken, clients


def verdeelfout(pred: np.ndarray, true: np.ndarray) -> float:
    return 0.5 * float(np.abs(pred / pred.sum() - true / true.sum()).sum())


def score_gemeente(data: pd.DataFrame, code: str) -> dict[str, float]:
    wijken, clients = wijken_van(data, code)
    periods = sorted(clients["perioden"].unique(), key=_periode_key)
    target_period = "1e halfjaar 2020" if "1e halfjaar 2020" in periods else periods[-1]
    pivot = clients.pivot_table(index="wijk_code", columns="perioden", values="wmoclienten")
    keep = pivot[[target_period, periods[0]]].dropna().index.intersection(wijken["wijk_code"])
    wijken = wijken[wijken["wijk_code"].isin(keep)].dropna(subset=["inwoners"])
    ind, _ = indicatoren.wijkindicatoren(wijken)
    true = pivot.loc[ind.index, target_period].to_numpy(float)
    scores: dict[str, float] = {"wijken": len(ind)}
    keys = {"gemeentefonds": indicatoren.gemeentefonds_sleutel(ind, code),
            "inwoners": indicatoren.inwoner_sleutel(ind), "75plus": indicatoren.plus75_sleutel(ind)}
    for name, sleutel in keys.items():
        budget, _ = verdeel(sleutel.bijdragen(), 1_000_000)
        assert afronden_exact(budget, 1_000_000).sum() == 1_000_000
        scores[name] = verdeelfout(budget, true)
    scores["historisch"] = verdeelfout(pivot.loc[ind.index, periods[0]].to_numpy(float), true)
    train_periods = [p for p in periods if _periode_key(p)[0] in (2017, 2018)]
    cols = indicatoren.beschikbaar(ind)
    rows = clients[clients["perioden"].isin(train_periods) & clients["wijk_code"].isin(ind.index)].dropna()
    rows = rows.merge(ind[cols], left_on="wijk_code", right_index=True)
    if rows["wijk_code"].nunique() >= 3:
        k = kalibreer(rows, cols, "wmoclienten", "clienten")
        pred = ind[cols].to_numpy(float) @ np.array([k.gewichten[c] for c in cols])
        scores["gekalibreerd"] = verdeelfout(pred, true)
        scores["gekalibreerd_loo"] = k.loo_fout
    return scores


def test_preset_shares_against_real_hbh_client_shares(record_property):
    data = pd.read_csv(CSV, dtype={"codering_regio": "string", "perioden": "string"})
    data = data[data["codering_regio"].str.startswith("WK")]
    table = pd.DataFrame({GEMEENTEN[c]: score_gemeente(data, c) for c in GEMEENTEN}).T
    print("\nVerdeelfout per preset (deel van het budget dat in andere wijken landt dan de HbH-cliënten wonen):")
    print(table.round(3).to_string())
    print("Gemiddeld:", table.drop(columns=["wijken"]).mean().round(3).to_dict())
    for gemeente, row in table.iterrows():
        for preset, value in row.items():
            record_property(f"{gemeente}:{preset}", round(float(value), 4))
    presets = ["gemeentefonds", "inwoners", "75plus", "historisch", "gekalibreerd"]
    assert ((table[presets] >= 0) & (table[presets] <= 1)).all().all()
    mean = table[presets].mean()
    # Needs-based keys should beat a flat per-inwoner key on where HbH clients live, and
    # last period's own clients should beat every indicator key.
    assert mean["gemeentefonds"] < mean["inwoners"]
    assert mean["75plus"] < mean["inwoners"]
    assert mean["historisch"] < mean[["gemeentefonds", "inwoners", "75plus"]].min()
