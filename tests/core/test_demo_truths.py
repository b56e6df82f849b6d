"""The planted truths of the Voorbeeldstad demo hold in the files as the import reads them.

The README (``resources/demo/README.md``) states the truths for people,
``waarheden.json`` for tests; both are written by ``tools/make_demo.py`` and
the reproducibility test in ``test_demo_data`` guarantees they match the
generator. Here we check them against the data itself, imported exactly as a
user would: clients per product per year, the planted policy effect
(factual part), the budgetplafond outcome and the credit lines.
"""
from __future__ import annotations

import json
import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from demo_support import cached_demo

from wijkkompas import resources
from wijkkompas.core.imports import import_file

SECRET = b"demo-waarheden-test-sleutel-0001"
ELFPROEF_ROW = 2410  # README: the deliberately faulty row with BSN 123456789 is imported (waarschuwing)


@pytest.fixture(scope="module")
def truths() -> dict:
    return json.loads(resources.path("demo", "waarheden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def readme() -> str:
    return resources.path("demo", "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def toewijzingen() -> pd.DataFrame:
    table = import_file(resources.path("demo", "toewijzingen.xlsx"), secret=SECRET).table
    return table[table["_rij"] != ELFPROEF_ROW]


@pytest.fixture(scope="module")
def wijken() -> pd.DataFrame:
    return import_file(resources.path("demo", "wijken.xlsx"), secret=SECRET).table


@pytest.fixture(scope="module")
def declaraties():
    """The demo's declaraties as the demo project imported them (opened from the session's demo cache).

    The import of declaraties.xlsx itself is tested end to end in test_demo_data.py; importing
    243.791 rows a second time here cost 20 s of every test run.
    """
    project = cached_demo()
    return SimpleNamespace(table=project.tables["declaraties"], panel=project.tables["maand_declaraties"])


def _active(table: pd.DataFrame, first: str, last: str) -> pd.DataFrame:
    start, end = pd.Timestamp(first), pd.Timestamp(last)
    return table[(table["ingangsdatum"] <= end) & (table["einddatum"].isna() | (table["einddatum"] >= start))]


def _nl(text: str) -> float:
    return float(text.replace("€", "").replace(".", "").replace(",", ".").replace("%", "").replace("*", "").strip())


def test_clients_per_product_per_year_match_the_readme(truths, readme, toewijzingen):
    section = readme.split("## Cliënten per product per jaar", 1)[1].split("\n\n", 3)[2]
    in_readme = {m[1]: [int(x.replace(".", "")) for x in m[2].split(" | ")]
                 for m in re.finditer(r"^\| (0[127]) [^|]+ \| (.+) \|$", section, re.M)}
    for categorie, per in truths["clienten_per_jaar"].items():
        assert in_readme[categorie] == list(per.values())
        rows = toewijzingen[toewijzingen["productcategorie"] == categorie]
        for periode, expected in per.items():
            jaar = int(periode[:4])
            last = f"{jaar}-06-30" if periode.endswith("H1") else f"{jaar}-12-31"
            assert _active(rows, f"{jaar}-01-01", last)["client_id"].nunique() == expected, (categorie, periode)
    # the stated growth shows: HbH about +5% a year, begeleiding faster than dagbesteding, dagbesteding flat
    hbh = truths["clienten_per_jaar"]["01"]
    assert 1.15 < hbh["2024"] / hbh["2021"] < 1.25
    dag = truths["clienten_per_jaar"]["07"]
    assert 0.95 < dag["2024"] / dag["2021"] < 1.15


def test_planted_effect_table_in_readme_equals_the_truths(truths, readme):
    beleid = truths["beleid"]
    assert beleid["wijken"] == ["W03", "W06", "W09", "W12", "W15"] and beleid["factor_instroom"] == 1.25
    rows = re.findall(r"^\| (20\d\dH[12]) \| ([\d,]+) \| ([\d,]+) \| \*\*([\d,]+)\*\* \| ([\d,]+) \| (\d+) \| ([\d,]+) \|$",
                      readme, re.M)
    assert [r[0] for r in rows] == [h["halfjaar"] for h in beleid["halfjaren"]]
    for row, h in zip(rows, beleid["halfjaren"]):
        assert _nl(row[1]) == pytest.approx(h["behandeld_per_1000"], abs=0.005)
        assert _nl(row[2]) == pytest.approx(h["contrafeitelijk_per_1000"], abs=0.005)
        assert _nl(row[3]) == pytest.approx(h["effect_per_1000"], abs=0.005)
        assert _nl(row[4]) == pytest.approx(h["verwacht_effect_per_1000"], abs=0.005)
        assert int(row[5]) == h["extra_clienten"]
        before = h["halfjaar"] < "2023H1"
        assert (h["effect_per_1000"] == 0) == before and (h["verwacht_effect_per_1000"] == 0) == before
    post = [h["effect_per_1000"] for h in beleid["halfjaren"] if h["halfjaar"] >= "2023H1"]
    assert beleid["gemiddeld_effect_na_start"] == pytest.approx(sum(post) / len(post), abs=0.001)
    assert f"**{beleid['gemiddeld_effect_na_start']:.2f}".replace(".", ",") in readme
    # the effect builds up as the extra clients accumulate (stays of 20 months on average)
    assert post == sorted(post)


def test_factual_begeleiding_rates_per_half_year_follow_from_the_imported_files(truths, toewijzingen, wijken):
    beleid = truths["beleid"]
    treated = set(beleid["wijken"])
    begeleiding = toewijzingen[toewijzingen["productcategorie"] == "02"]
    for h in beleid["halfjaren"]:
        jaar, half = int(h["halfjaar"][:4]), h["halfjaar"][-1]
        first, last = (f"{jaar}-01-01", f"{jaar}-06-30") if half == "1" else (f"{jaar}-07-01", f"{jaar}-12-31")
        active = _active(begeleiding, first, last)
        inwoners = wijken[wijken["jaar"] == jaar].set_index("wijk_code")["inwoners"]
        for group, key in ((treated, "behandeld_per_1000"), (set(inwoners.index) - treated, "controle_per_1000")):
            clients = active[active["wijk_code"].isin(group)]["client_id"].nunique()
            assert 1000 * clients / inwoners[list(group)].sum() == pytest.approx(h[key], abs=0.001), (h, key)


def test_budgetplafond_outcome_2025(truths, readme, declaraties):
    plafonds = truths["plafonds"]
    over = plafonds["2025"][plafonds["overschrijder"]]
    under = plafonds["2025"][plafonds["onderbenutter"]]
    assert over["aanbieder"] == "Dagcentrum 't Hofje" and 1.08 <= over["verhouding"] <= 1.12
    assert under["aanbieder"] == "Zorgboerderij De Eshof" and under["verhouding"] < 0.85
    assert f"**{100 * (over['verhouding'] - 1):.1f}% erboven**".replace(".", ",") in readme
    # the plafonds are in tarieven.xlsx on every dagbesteding row of the aanbieder, 2024 and 2025 only
    tarieven = import_file(resources.path("demo", "tarieven.xlsx"), secret=SECRET).table
    dag = tarieven[tarieven["productcode"].str.startswith("07")]
    jaar = dag["ingangsdatum"].dt.year
    assert dag.loc[jaar < 2024, "budgetplafond"].isna().all()
    for year in (2024, 2025):
        per = dag[jaar == year].groupby("aanbieder_code")["budgetplafond"].agg(["min", "max"])
        for agb, t in plafonds[str(year)].items():
            assert per.loc[agb, "min"] == per.loc[agb, "max"] == t["plafond"]
    # what the export shows up to 06-2025 is what the README states, per aanbieder
    table = declaraties.table
    in_2025 = table[(table["productcategorie"] == "07") & (table["periode_start"].dt.year == 2025)]
    shown = in_2025.groupby("aanbieder_code")["toegekend_bedrag"].sum()
    for agb, t in plafonds["2025"].items():
        if agb in ("overschrijder", "onderbenutter"):
            continue
        assert shown[agb] == pytest.approx(t["besteed_tot_export"], abs=0.05)


def test_credit_lines_are_flagged_and_netted_in_the_monthly_panel(truths, declaraties):
    table, panel = declaraties.table, declaraties.panel
    credit = table["credit"].to_numpy(dtype=bool)
    assert credit.sum() == truths["declaraties"]["creditregels"]
    assert (table.loc[credit, "toegekend_bedrag"] < 0).all() and (table.loc[~credit, "toegekend_bedrag"] >= 0).all()
    originals = set(table.loc[credit, "origineel_declaratienummer"])
    assert originals <= set(table.loc[~credit, "declaratienummer"])
    # netted: per month the panel amount equals the table's toegekend including the negative credit lines
    month = table["periode_start"].dt.strftime("%Y-%m")
    by_month = table.groupby(month)["toegekend_bedrag"].sum()
    shown = panel.groupby("maand")["bedrag"].sum()
    assert np.allclose(shown.loc[by_month.index].to_numpy(), by_month.to_numpy(), atol=0.05)
    assert shown.sum() == pytest.approx(truths["declaraties"]["toegekend_netto"], abs=1)


def test_wijken_have_all_maatstaven_per_year_and_teams_cover_them(truths, wijken):
    assert sorted(wijken["jaar"].unique()) == [2021, 2022, 2023, 2024, 2025]
    assert wijken.groupby("jaar")["wijk_code"].nunique().eq(15).all()
    for column in ("inwoners", "inwoners_75plus", "eenpersoonshuishoudens", "laag_opgeleid", "kernen"):
        assert wijken[column].notna().all(), column
    spoorzone = wijken[wijken["wijk_code"] == truths["parameters"]["nieuwbouwwijk"]].set_index("jaar")["inwoners"]
    assert spoorzone[2025] / spoorzone[2021] == pytest.approx(1.07 ** 4, rel=0.01)
    formatie = import_file(resources.path("demo", "formatie.xlsx"), secret=SECRET).table
    assert len(formatie) == 4 * 5
    for _, rows in formatie.groupby("jaar"):
        codes = [c for text in rows["wijk_codes"] for c in text.split(", ")]
        assert sorted(codes) == sorted(wijken["wijk_code"].unique())
