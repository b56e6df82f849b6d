"""Monthly history per productcategorie from the canonical tables: the stock-flow's raw material.

Why from ``toewijzingen`` (not the derived panels): the stock-flow identity
clients(t) = clients(t-1) + instroom(t) - uitstroom(t) must hold exactly, so
instroom and uitstroom are defined on the same client-month activity as the
stock: a client enters a product in the first month of an uninterrupted run of
active months and leaves after its last. Costs come from ``declaraties``
(credit lines netted), joined to ``toewijzingen`` for aanbieder and wijk.

The observation window matters: an export "active between A and B" misses
toewijzingen that ended before A, so counts before A are too low. The window
starts at the first month any toewijzing ends (≈ A) and ends at the last month
with declaraties (or the last start month without them).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkkompas.core.errors import WijkkompasError

PRODUCT_LABELS = {
    "01": "Hulp bij het huishouden", "02": "Begeleiding", "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf", "05": "Beschermd wonen", "06": "Maatschappelijke opvang",
    "07": "Dagbesteding", "08": "Vervoer", "09": "Hulpmiddelen", "10": "Woonvoorzieningen",
}
PRODUCT_ALIASES = {"hbh": "01", "huishoudelijke hulp": "01", "hulp bij het huishouden": "01",
                   "begeleiding": "02", "dagbesteding": "07", "persoonlijke verzorging": "03"}
CEL_KOLOMMEN = ("wijk_code", "aanbieder_code", "toegang_team")


class ScenarioDataError(WijkkompasError):
    """The project lacks what the scenario model needs (said in Dutch)."""


def product_label(code: str) -> str:
    return PRODUCT_LABELS.get(code, f"Productcategorie {code}")


@dataclass
class Historie:
    """Monthly history of one project, per product (index: pd.Period months)."""

    maanden: pd.PeriodIndex
    producten: list[str]
    per_product: dict[str, pd.DataFrame]      # columns clienten, instroom, uitstroom, volume, bedrag, inwoners
    cellen: pd.DataFrame                      # product, wijk_code, aanbieder_code, toegang_team, clienten, instroom, bedrag, klantmaanden
    aandeel_75plus: dict[str, float | None]   # share of instroom aged 75+ at entry
    kosten_maanden: pd.PeriodIndex            # months with declaraties
    begroting: pd.DataFrame                   # jaar, productcategorie, bedrag (soort begroting)
    realisatie: pd.DataFrame                  # jaar, productcategorie, bedrag (soort realisatie)
    waarschuwingen: list[str] = field(default_factory=list)
    # Declared € per aanbieder in the months of the last (possibly partial) year: counts against its plafond.
    besteed_laatste_jaar: dict[str, float] = field(default_factory=dict)
    # The same per aanbieder and product (perceel): what counts against a plafond per perceel.
    besteed_per_product: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def laatste_maand(self) -> pd.Period:
        return self.maanden[-1]


def _month_ordinal(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values, errors="coerce")
    out = (stamps.dt.year * 12 + stamps.dt.month - 1).to_numpy(dtype="float64")
    return out


def _ordinal_to_period(ordinal: int) -> pd.Period:
    return pd.Period(year=int(ordinal) // 12, month=int(ordinal) % 12 + 1, freq="M")


def _clean_text(series: pd.Series, fallback: str) -> pd.Series:
    text = series.astype("string").fillna(fallback).str.strip()
    return text.mask(text == "", fallback).astype(str)


def _population(project_tables: dict[str, pd.DataFrame], months: pd.PeriodIndex) -> np.ndarray:
    """Inwoners per month: the wijken table's total, per year when it has a ``jaar`` column."""
    wijken = project_tables.get("wijken")
    if wijken is None or "inwoners" not in wijken or wijken["inwoners"].notna().sum() == 0:
        return np.full(len(months), np.nan)
    if "jaar" in wijken and wijken["jaar"].notna().any():
        per_jaar = wijken.groupby(pd.to_numeric(wijken["jaar"], errors="coerce"))["inwoners"].sum()
        per_jaar = per_jaar[per_jaar > 0]
        years = np.array([m.year for m in months], dtype=float)
        return np.interp(years, per_jaar.index.to_numpy(float), per_jaar.to_numpy(float))
    return np.full(len(months), float(wijken["inwoners"].sum()))


def bouw_historie(tables: dict[str, pd.DataFrame]) -> Historie:
    """Derive the monthly stock-flow history from ``toewijzingen`` (+ ``declaraties``, ``wijken``, ``budget``)."""
    tw = tables.get("toewijzingen")
    if tw is None or tw.empty:
        raise ScenarioDataError("Voor scenario's zijn toewijzingen nodig: lees eerst een export van toewijzingen in.")
    tw = tw.copy()
    tw["product"] = _clean_text(tw["productcategorie"], "").str.zfill(2)
    tw = tw[tw["product"].str.fullmatch(r"\d\d")]
    start = _month_ordinal(tw["ingangsdatum"])
    end = _month_ordinal(tw["einddatum"]) if "einddatum" in tw else np.full(len(tw), np.nan)
    keep = ~np.isnan(start) & tw["client_id"].notna().to_numpy()
    tw, start, end = tw[keep], start[keep], end[keep]
    if tw.empty:
        raise ScenarioDataError("De toewijzingen hebben geen bruikbare ingangsdatums.")

    decl = tables.get("declaraties")
    decl_months = np.array([])
    if decl is not None and not decl.empty:
        decl_months = _month_ordinal(decl["periode_start"])
        decl_months = decl_months[~np.isnan(decl_months)]
    w_end = int(decl_months.max()) if len(decl_months) else int(np.nanmax(start))
    ended = end[~np.isnan(end) & (end <= w_end)]
    w_start = int(ended.min()) if len(ended) else int(np.nanmin(start))
    w_start = max(w_start, int(np.nanmin(start)))
    n_months = w_end - w_start + 1
    if n_months < 6:
        raise ScenarioDataError(
            f"De gegevens beslaan {n_months} maand(en); voor een prognose zijn minstens 6 maanden nodig.")
    months = pd.period_range(_ordinal_to_period(w_start), _ordinal_to_period(w_end), freq="M")

    for col, fallback in (("wijk_code", "onbekend"), ("aanbieder_code", "onbekend"), ("toegang_team", "onbekend")):
        tw[col] = _clean_text(tw[col], fallback) if col in tw else fallback
    lo = np.maximum(start, w_start).astype(int)
    hi = np.minimum(np.where(np.isnan(end), w_end, end), w_end).astype(int)
    valid = hi >= lo
    tw, lo, hi = tw[valid], lo[valid], hi[valid]
    lengths = hi - lo + 1
    rows = np.repeat(np.arange(len(tw)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    act = pd.DataFrame({
        "product": tw["product"].to_numpy()[rows], "client": tw["client_id"].astype(str).to_numpy()[rows],
        "maand": lo[rows] + offsets, "wijk_code": tw["wijk_code"].to_numpy()[rows],
        "aanbieder_code": tw["aanbieder_code"].to_numpy()[rows], "toegang_team": tw["toegang_team"].to_numpy()[rows],
        "geboortejaar": pd.to_numeric(tw.get("geboortejaar"), errors="coerce").to_numpy()[rows]
        if "geboortejaar" in tw else np.nan,
    })
    # One row per client, product and month; a client with two toewijzingen counts once.
    act = act.sort_values(["product", "client", "maand"], kind="mergesort").drop_duplicates(
        ["product", "client", "maand"])
    same_client = (act["product"].to_numpy()[1:] == act["product"].to_numpy()[:-1]) & (
        act["client"].to_numpy()[1:] == act["client"].to_numpy()[:-1])
    gap = np.diff(act["maand"].to_numpy()) != 1
    spell_start = np.r_[True, ~same_client | gap]
    spell_end = np.r_[~same_client | gap, True]
    act["start"] = spell_start & (act["maand"].to_numpy() > w_start)
    act["einde"] = spell_end & (act["maand"].to_numpy() < w_end)

    products = sorted(act["product"].unique())
    population = _population(tables, months)
    index = np.arange(w_start, w_end + 1)
    per_product: dict[str, pd.DataFrame] = {}
    aandeel: dict[str, float | None] = {}
    for p in products:
        sub = act[act["product"] == p]
        clients = sub.groupby("maand").size().reindex(index, fill_value=0).to_numpy(float)
        instroom = sub[sub["start"]].groupby("maand").size().reindex(index, fill_value=0).to_numpy(float)
        exits = sub[sub["einde"]].groupby("maand").size().reindex(index, fill_value=0).to_numpy(float)
        uitstroom = np.r_[0.0, exits[:-1]]  # leaving after month t-1 counts in t
        per_product[p] = pd.DataFrame({"clienten": clients, "instroom": instroom, "uitstroom": uitstroom,
                                       "volume": np.nan, "bedrag": np.nan, "inwoners": population}, index=months)
        starts = sub[sub["start"]]
        ages = (starts["maand"] // 12) - starts["geboortejaar"]
        aandeel[p] = float((ages[ages.notna()] >= 75).mean()) if ages.notna().sum() >= 10 else None

    last12 = act["maand"] > w_end - 12
    cellen = act[last12].groupby(["product", *CEL_KOLOMMEN]).agg(
        klantmaanden=("client", "size")).reset_index()
    now = act[act["maand"] == w_end].groupby(["product", *CEL_KOLOMMEN]).size().rename("clienten")
    new = act[last12 & act["start"]].groupby(["product", *CEL_KOLOMMEN]).size().rename("instroom")
    cellen = cellen.merge(now, on=["product", *CEL_KOLOMMEN], how="left").merge(
        new, on=["product", *CEL_KOLOMMEN], how="left").fillna({"clienten": 0, "instroom": 0})
    cellen["bedrag"] = np.nan

    warnings: list[str] = []
    cost_months = pd.PeriodIndex([], freq="M")
    spent: dict[str, float] = {}
    spent_product: dict[str, dict[str, float]] = {}
    if decl is not None and not decl.empty:
        cost_months, spent, spent_product = _add_costs(decl, tw, per_product, cellen, index)
    else:
        warnings.append("Er zijn geen declaraties ingelezen: kosten per cliënt zijn dan niet uit eigen gegevens "
                        "te bepalen. Lees declaraties in voor een prognose in euro's.")
    begroting, realisatie = _budget(tables.get("budget"))
    return Historie(months, products, per_product, cellen, aandeel, cost_months, begroting, realisatie, warnings,
                    spent, spent_product)


def _add_costs(decl: pd.DataFrame, tw: pd.DataFrame, per_product: dict[str, pd.DataFrame],
               cellen: pd.DataFrame, index: np.ndarray) -> tuple[pd.PeriodIndex, dict[str, float],
                                                                 dict[str, dict[str, float]]]:
    d = decl.copy()
    d["maand"] = _month_ordinal(d["periode_start"])
    d = d[~np.isnan(d["maand"])]
    d["maand"] = d["maand"].astype(int)
    amount = pd.to_numeric(d.get("toegekend_bedrag"), errors="coerce")
    if "ingediend_bedrag" in d:
        amount = amount.fillna(pd.to_numeric(d["ingediend_bedrag"], errors="coerce"))
    d["bedrag"] = amount.fillna(0.0)
    d["volume"] = pd.to_numeric(d.get("geleverd_volume"), errors="coerce").fillna(0.0)
    # Rejected lines (toegekend 0) deliver no paid volume.
    d.loc[d["bedrag"] == 0, "volume"] = 0.0
    d["product"] = _clean_text(d["productcategorie"], "").str.zfill(2)
    links = tw.drop_duplicates("toewijzingnummer")[["toewijzingnummer", *CEL_KOLOMMEN]].astype(str)
    d["toewijzingnummer"] = d["toewijzingnummer"].astype(str)
    d = d.merge(links, on="toewijzingnummer", how="left", suffixes=("_decl", ""))
    if "aanbieder_code_decl" in d:
        d["aanbieder_code"] = d["aanbieder_code"].fillna(d["aanbieder_code_decl"])
    for col in CEL_KOLOMMEN:
        d[col] = d[col].fillna("onbekend").astype(str)
    months = sorted(d["maand"].unique())
    for p, frame in per_product.items():
        sub = d[d["product"] == p].groupby("maand")[["volume", "bedrag"]].sum().reindex(index)
        frame["volume"] = sub["volume"].to_numpy()
        frame["bedrag"] = sub["bedrag"].to_numpy()
    last12 = d[d["maand"] > index[-1] - 12].groupby(["product", *CEL_KOLOMMEN])["bedrag"].sum().rename("b")
    merged = cellen.merge(last12, on=["product", *CEL_KOLOMMEN], how="left")
    cellen["bedrag"] = merged["b"].fillna(0.0).to_numpy()
    this_year = d[(d["maand"] // 12 == index[-1] // 12) & (d["maand"] <= index[-1])]
    spent = {str(k): float(v) for k, v in this_year.groupby("aanbieder_code")["bedrag"].sum().items()}
    spent_product: dict[str, dict[str, float]] = {}
    for (code, product), value in this_year.groupby(["aanbieder_code", "product"])["bedrag"].sum().items():
        spent_product.setdefault(str(code), {})[str(product)] = float(value)
    return pd.PeriodIndex([_ordinal_to_period(m) for m in months], freq="M"), spent, spent_product


def _budget(budget: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    empty = pd.DataFrame(columns=["jaar", "productcategorie", "bedrag"])
    if budget is None or budget.empty or "productcategorie" not in budget:
        return empty, empty.copy()
    b = budget.copy()
    b["jaar"] = pd.to_numeric(b["jaar"], errors="coerce")
    b["productcategorie"] = _clean_text(b["productcategorie"], "").str.zfill(2)
    b["bedrag"] = pd.to_numeric(b["bedrag"], errors="coerce")
    b = b.dropna(subset=["jaar", "bedrag"])
    b["jaar"] = b["jaar"].astype(int)
    soort = _clean_text(b.get("soort", pd.Series("", index=b.index)), "").str.lower()
    out = []
    for name in ("begroting", "realisatie"):
        part = b[soort.str.startswith(name[:6])]
        out.append(part.groupby(["jaar", "productcategorie"], as_index=False)["bedrag"].sum())
    return out[0], out[1]


def aanbieder_namen(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """aanbieder_code → name as the toewijzingen (or tarieven) give it, for lists the user picks from."""
    out: dict[str, str] = {}
    for name in ("tarieven", "toewijzingen"):
        table = tables.get(name)
        if table is not None and {"aanbieder_code", "aanbieder_naam"} <= set(table.columns):
            pairs = table[["aanbieder_code", "aanbieder_naam"]].dropna().drop_duplicates("aanbieder_code")
            out.update({str(c): str(n) for c, n in zip(pairs["aanbieder_code"], pairs["aanbieder_naam"])})
    return out


def contract_plafonds(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, float]]:
    """The budgetplafond per aanbieder per product (perceel) in the contracts of the latest year with plafonds.

    Returns ``{aanbieder_code: {productcategorie: € per year}}``, the ``budgetplafonds`` lever's form. A
    contract agrees a plafond per aanbieder per perceel; the tarieven table repeats it on each of the
    perceel's product rows (07A01, 07A02 … share one plafond), so the maximum per aanbieder, productcategorie
    and year is the plafond, not a sum. An aanbieder that also delivers an open-house product has no plafond
    there, so that product stays uncapped.
    """
    tarieven = tables.get("tarieven")
    if tarieven is None or not {"budgetplafond", "aanbieder_code", "productcode"} <= set(tarieven.columns):
        return {}
    t = tarieven.copy()
    t["plafond"] = pd.to_numeric(t["budgetplafond"], errors="coerce")
    # The productcategorie is the productcode's leading digits (07A01 -> 07; a lost leading zero: 7A01 -> 07).
    t["product"] = _clean_text(t["productcode"], "").str.extract(r"^(\d{1,2})", expand=False).str.zfill(2)
    t = t[(t["plafond"] > 0) & t["product"].notna()]
    if t.empty:
        return {}
    year = pd.to_datetime(t.get("ingangsdatum"), errors="coerce").dt.year if "ingangsdatum" in t else None
    if year is not None and year.notna().any():
        t = t[year == year.max()]
    t["aanbieder_code"] = _clean_text(t["aanbieder_code"], "onbekend")
    out: dict[str, dict[str, float]] = {}
    for (code, product), value in t.groupby(["aanbieder_code", "product"])["plafond"].max().items():
        out.setdefault(str(code), {})[str(product)] = float(value)
    return out
