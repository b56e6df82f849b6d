"""Own history per wijk × year: spending (declaraties) and clients (toewijzingen).

Why from the canonical tables, not the monthly panel: declaraties carry no
wijk_code, so spending per wijk needs the join to toewijzingen via
toewijzingnummer; credit lines (negative amounts) are valid rows and are netted
here, so a reversed declaratie does not count twice.
"""
from __future__ import annotations

from typing import Any

import pandas as pd


def _bedrag(declaraties: pd.DataFrame) -> pd.Series:
    for column in ("toegekend_bedrag", "ingediend_bedrag"):
        if column in declaraties.columns:
            values = pd.to_numeric(declaraties[column], errors="coerce")
            if values.notna().any():
                return values.fillna(0.0)
    return pd.Series(0.0, index=declaraties.index)


def uitgaven_per_wijk_jaar(project: Any, productcategorieen: list[str] | None = None) -> pd.DataFrame:
    """Netted spending, columns wijk_code, jaar, bedrag. Empty frame when the tables are missing."""
    empty = pd.DataFrame(columns=["wijk_code", "jaar", "bedrag"])
    tables = getattr(project, "tables", {})
    decl, toew = tables.get("declaraties"), tables.get("toewijzingen")
    if decl is None or toew is None or decl.empty or "toewijzingnummer" not in decl or "wijk_code" not in toew:
        return empty
    koppel = (toew[["toewijzingnummer", "wijk_code"]].dropna()
              .assign(toewijzingnummer=lambda f: f["toewijzingnummer"].astype("string").str.strip())
              .drop_duplicates("toewijzingnummer"))
    d = pd.DataFrame({
        "toewijzingnummer": decl["toewijzingnummer"].astype("string").str.strip(),
        "bedrag": _bedrag(decl),
        "jaar": pd.to_datetime(decl.get("periode_start", decl.get("periode_eind")), errors="coerce").dt.year,
    })
    if productcategorieen and "productcategorie" in decl.columns:
        d = d[decl["productcategorie"].astype("string").isin(productcategorieen).to_numpy()]
    d = d.merge(koppel, on="toewijzingnummer", how="inner").dropna(subset=["jaar"])
    if d.empty:
        return empty
    out = d.groupby(["wijk_code", "jaar"], as_index=False)["bedrag"].sum()
    out["jaar"] = out["jaar"].astype(int)
    out["wijk_code"] = out["wijk_code"].astype("string").str.strip()
    return out


def clienten_per_wijk_jaar(project: Any, productcategorieen: list[str] | None = None) -> pd.DataFrame:
    """Unique clients with a toewijzing active at any time in the year: wijk_code, jaar, clienten."""
    empty = pd.DataFrame(columns=["wijk_code", "jaar", "clienten"])
    toew = getattr(project, "tables", {}).get("toewijzingen")
    if toew is None or toew.empty or "wijk_code" not in toew or "ingangsdatum" not in toew:
        return empty
    t = toew
    if productcategorieen and "productcategorie" in t.columns:
        t = t[t["productcategorie"].astype("string").isin(productcategorieen)]
    start = pd.to_datetime(t["ingangsdatum"], errors="coerce")
    end = pd.to_datetime(t.get("einddatum"), errors="coerce") if "einddatum" in t else pd.Series(pd.NaT, index=t.index)
    if start.notna().sum() == 0:
        return empty
    first, last = int(start.dt.year.min()), int(max(start.dt.year.max(), end.dt.year.max() if end.notna().any() else 0))
    rows = []
    for jaar in range(first, last + 1):
        active = (start <= pd.Timestamp(jaar, 12, 31)) & (end.isna() | (end >= pd.Timestamp(jaar, 1, 1)))
        sub = t.loc[active, ["wijk_code", "client_id"]].dropna()
        if not sub.empty:
            counts = sub.groupby("wijk_code")["client_id"].nunique()
            rows += [{"wijk_code": str(w).strip(), "jaar": jaar, "clienten": int(n)} for w, n in counts.items()]
    return pd.DataFrame(rows, columns=["wijk_code", "jaar", "clienten"]) if rows else empty


def volledige_jaren(project: Any) -> list[int]:
    """Years whose declaraties cover all twelve months (a half year would bias the shares)."""
    decl = getattr(project, "tables", {}).get("declaraties")
    if decl is None or decl.empty or "periode_start" not in decl:
        return []
    months = pd.to_datetime(decl["periode_start"], errors="coerce").dropna().dt.to_period("M").unique()
    per_year: dict[int, int] = {}
    for m in months:
        per_year[m.year] = per_year.get(m.year, 0) + 1
    return sorted(j for j, n in per_year.items() if n == 12)


def historische_aandelen(uitgaven: pd.DataFrame, wijk_codes: list[str], jaren: list[int]) -> tuple[pd.Series, list[int]]:
    """Each wijk's share of own spending summed over ``jaren`` (all years present when empty)."""
    if uitgaven.empty:
        return pd.Series(0.0, index=wijk_codes), []
    use = sorted(set(jaren) & set(uitgaven["jaar"])) if jaren else sorted(uitgaven["jaar"].unique())
    sub = uitgaven[uitgaven["jaar"].isin(use)]
    per_wijk = sub.groupby("wijk_code")["bedrag"].sum().reindex(wijk_codes).fillna(0.0).clip(lower=0.0)
    return per_wijk, [int(j) for j in use]
