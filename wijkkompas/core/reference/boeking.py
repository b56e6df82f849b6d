"""Booking differences between sub-taakvelden 6.71a–c: detect splits that cannot be compared.

Why: gemeenten book the same care on different Iv3 taakvelden. Rotterdam books no
HbH on 6.71a (€ 0) but € 392 per volwassene on 6.71b; Zwolle books € 22,5 mln on
6.71d "overige maatwerkarrangementen" and € 1 per volwassene on 6.71a; some 60
gemeenten book dagbesteding inside begeleiding (6.71c = 0). Ranking such a gemeente
on a sub-taakveld (percentile 1 or 100) or fitting the benchmark on it compares
bookkeeping, not spending. The totals (diensten 6.71*, maatwerk 6.6 + 6.71*) do not
suffer from this, so the app prefers them for its headline.

The rule is ours (a working definition, stated in every warning), deliberately simple:

1. **bijna nul**: the sub-taakveld is below 10% of the national median per volwassene,
   while the gemeente's total maatwerkdiensten are at least half the national median
   (so the money is there, booked elsewhere);
2. **grote restpost**: more than 30% of the maatwerkdiensten is on 6.71d or undivided
   6.71 (nationally the median is 0,3%), so all three sub-taakvelden are understated;
3. **ontvanger**: another sub-taakveld of the gemeente is "bijna nul" and this one is
   above the national 90th percentile (it probably holds the other's spending).
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.reference.tables import gemeenten_table, iv3_table

SUBTAAKVELDEN: tuple[str, ...] = ("6.71a", "6.71b", "6.71c")
LABELS = {"6.71a": "huishoudelijke hulp (6.71a)", "6.71b": "begeleiding (6.71b)", "6.71c": "dagbesteding (6.71c)"}
BIJNA_NUL = 0.10
DIENSTEN_NORMAAL = 0.50
RESTPOST_GROOT = 0.30
ONTVANGER_KWANTIEL = 0.90

WERKDEFINITIE = (
    "Werkdefinitie van Wijkkompas: een deeltaakveld telt als niet vergelijkbaar als het bijna € 0 is "
    "(< 10% van de landelijke mediaan per volwassene) terwijl de maatwerkdiensten samen gewoon zijn, als meer dan "
    "30% van de maatwerkdiensten op 6.71d of 6.71 staat, of als het hoog is (boven het 90e percentiel) terwijl een "
    "ander deeltaakveld bijna € 0 is. Zulke gemeenten tellen niet mee in de benchmark van dat deeltaakveld."
)


@lru_cache(maxsize=4)
def _redenen(jaar: str) -> pd.DataFrame:
    iv3 = iv3_table()
    part = iv3[iv3["jaar"] == jaar].set_index("code")
    part = part[part["diensten"].notna()]
    volwassenen = gemeenten_table().set_index("code").loc[part.index, "volwassenen"]
    pv = part[list(SUBTAAKVELDEN) + ["diensten"]].div(volwassenen, axis=0)
    mediaan = pv.median()
    diensten_ok = pv["diensten"] >= DIENSTEN_NORMAAL * mediaan["diensten"]
    bijna_nul = {s: (pv[s] < BIJNA_NUL * mediaan[s]) & diensten_ok for s in SUBTAAKVELDEN}
    rest = (part["6.71"] + part["6.71d"]).where(part["diensten"] > 0) / part["diensten"].where(part["diensten"] > 0)
    restpost = rest > RESTPOST_GROOT
    out = pd.DataFrame("", index=part.index, columns=list(SUBTAAKVELDEN))
    for s in SUBTAAKVELDEN:
        hoog = pv[s] > pv[s].quantile(ONTVANGER_KWANTIEL)
        for code in part.index:
            redenen = []
            if bijna_nul[s].at[code]:
                redenen.append(f"{LABELS[s]} is bijna € 0 ({fmt.euro(pv.at[code, s], 0)} per volwassene; landelijke "
                               f"mediaan {fmt.euro(mediaan[s], 0)}) terwijl de maatwerkdiensten samen gewoon zijn "
                               "(vermoedelijk elders geboekt)")
            if restpost.at[code]:
                redenen.append(f"{fmt.procent(rest.at[code])} van de maatwerkdiensten staat op 6.71d of 6.71 "
                               "(overig of niet uitgesplitst), dus de deeltaakvelden zijn te laag")
            andere = [o for o in SUBTAAKVELDEN if o != s and bijna_nul[o].at[code]]
            if andere and hoog.at[code]:
                redenen.append(f"{LABELS[s]} is hoog ({fmt.euro(pv.at[code, s], 0)} per volwassene) terwijl "
                               f"{' en '.join(LABELS[o] for o in andere)} bijna € 0 {'zijn' if len(andere) > 1 else 'is'} "
                               "(vermoedelijk hier meegeboekt)")
            out.at[code, s] = "; ".join(redenen)
    return out


def boekingsverschillen(jaar: str = "2023") -> pd.DataFrame:
    """Per gemeente (index = code) and sub-taakveld: why the split is not comparable ('' = comparable).

    Gemeenten without Iv3 data for ``jaar`` are not in the index.
    """
    return _redenen(jaar).copy()


def niet_vergelijkbaar(measure: str, jaar: str = "2023") -> set[str]:
    """Codes whose ``measure`` is a booking artefact; empty for totals and taakvelden outside 6.71a–c."""
    if measure not in SUBTAAKVELDEN:
        return set()
    column = _redenen(jaar)[measure]
    return set(column[column != ""].index)


def waarschuwing(code: str, measure: str, jaar: str = "2023") -> str | None:
    """Plain-Dutch warning for one gemeente and sub-taakveld, or None when the split looks plausible."""
    if measure not in SUBTAAKVELDEN:
        return None
    table = _redenen(jaar)
    if code not in table.index or not table.at[code, measure]:
        return None
    return (f"Boekingsverschil bij {LABELS[measure]}: {table.at[code, measure]}. Vergelijk liever het totaal "
            "maatwerk (6.6 + 6.71); dit deeltaakveld telt niet mee in de benchmark en krijgt geen percentiel.")
