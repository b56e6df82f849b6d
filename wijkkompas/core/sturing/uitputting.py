"""Budgetuitputting per aanbieder × product against the plafond, and per taakveld against the begroting.

Year-end = gerealiseerd (toegekend to the peildatum, credit lines netted)
+ onderweg (care in running toewijzingen not yet declared) + the scenario
engine's projection of the remaining months for that aanbieder × product.

Onderweg and the declaration lag: for every month we count the toewijzingen
that were active and the ones that have a declaration. Months long past the
peildatum show the *settled* share (not every active toewijzing is declared:
care not used, a start late in the month). The lag is the number of consecutive
most recent months whose share lies clearly below the settled share (more
than 3% and more than 2,5 binomial standard errors, so chance does not count). For those months, onderweg = (settled share × active − declared) ×
the line's average € per declared toewijzing-month. No submission date is
needed, which is why this works on a plain iWmo export.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.sturing.instellingen import SturingError, SturingInstellingen

SETTLED = range(6, 18)       # months before the last month that count as settled
MAX_LAG = 6
TOLERANTIE = 0.97


def _month(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce", dayfirst=True).dt.to_period("M")


def _text(values: pd.Series) -> pd.Series:
    return values.astype("string").fillna("").str.strip()


def declaraties_netto(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """maand, product, aanbieder_code, toewijzingnummer, bedrag (toegekend; credit lines are negative)."""
    decl = tables.get("declaraties")
    if decl is None or decl.empty:
        raise SturingError("Voor de budgetuitputting zijn declaraties nodig: lees eerst een declaratie-export in.")
    amount = pd.to_numeric(decl.get("toegekend_bedrag"), errors="coerce")
    if "ingediend_bedrag" in decl:
        amount = amount.fillna(pd.to_numeric(decl["ingediend_bedrag"], errors="coerce"))
    out = pd.DataFrame({
        "maand": _month(decl["periode_start"]), "product": _text(decl["productcategorie"]).str.zfill(2),
        "aanbieder_code": _text(decl["aanbieder_code"]),
        "toewijzingnummer": _text(decl["toewijzingnummer"]) if "toewijzingnummer" in decl else "",
        "bedrag": amount.fillna(0.0).astype(float),
    })
    return out[out["maand"].notna()]


def laatste_maand(decl: pd.DataFrame, peildatum: date | None) -> pd.Period:
    """The last complete month at the peildatum (a mid-month peildatum counts the month before)."""
    if peildatum is None:
        return decl["maand"].max()
    month = pd.Period(peildatum, freq="M")
    if peildatum != month.end_time.date():
        month -= 1
    return month


def _actief(tables: dict[str, pd.DataFrame], first: pd.Period, last: pd.Period) -> pd.DataFrame:
    """Active toewijzing-months in [first, last]: toewijzingnummer, maand, product, aanbieder_code."""
    tw = tables.get("toewijzingen")
    if tw is None or tw.empty:
        raise SturingError("Voor de budgetuitputting zijn toewijzingen nodig: lees eerst een export in.")
    start = _month(tw["ingangsdatum"])
    end = _month(tw["einddatum"]) if "einddatum" in tw else pd.Series(pd.NaT, index=tw.index)
    frame = pd.DataFrame({
        "toewijzingnummer": _text(tw["toewijzingnummer"]), "product": _text(tw["productcategorie"]).str.zfill(2),
        "aanbieder_code": _text(tw["aanbieder_code"]),
        "lo": [max(s.ordinal, first.ordinal) if pd.notna(s) else None for s in start],
        "hi": [min(e.ordinal, last.ordinal) if pd.notna(e) else last.ordinal for e in end],
    }).dropna(subset=["lo"])
    frame = frame[frame["hi"] >= frame["lo"]]
    lengths = (frame["hi"] - frame["lo"] + 1).astype(int).to_numpy()
    rows = np.repeat(np.arange(len(frame)), lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    act = frame.iloc[rows][["toewijzingnummer", "product", "aanbieder_code"]].reset_index(drop=True)
    act["m"] = frame["lo"].to_numpy(int)[rows] + offsets
    return act.drop_duplicates(["toewijzingnummer", "m"])


@dataclass
class Vertraging:
    """The declaration lag estimated from the share of active toewijzingen that is declared per month."""

    maanden: int                  # lag in months (0: the last month is as complete as settled months)
    gesettelde_dekking: float     # share declared in settled months
    dekking: pd.DataFrame         # maanden_terug, maand, actief, gedeclareerd, dekking

    def uitleg(self) -> str:
        if self.maanden == 0:
            return ("Geen declaratieachterstand gevonden: ook de laatste maanden zijn even volledig gedeclareerd als "
                    f"oudere maanden ({self.gesettelde_dekking:.0%} van de lopende toewijzingen), dus onderweg = € 0.")
        return (f"Geschatte declaratieachterstand: {self.maanden} maand(en). In oudere maanden heeft "
                f"{self.gesettelde_dekking:.0%} van de lopende toewijzingen een declaratie; in de laatste "
                f"{self.maanden} maand(en) ligt dat aandeel duidelijk lager (meer dan 3% en meer dan toeval verklaart). Het verschil is 'onderweg'.")


def _counts(act: pd.DataFrame, decl: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    declared = decl[decl["bedrag"] != 0].assign(m=lambda d: d["maand"].map(lambda p: p.ordinal))
    declared = declared.drop_duplicates(["toewijzingnummer", "m"])[["toewijzingnummer", "m"]]
    declared["ja"] = 1
    merged = act.merge(declared, on=["toewijzingnummer", "m"], how="left")
    return merged.groupby([*keys, "m"]).agg(actief=("toewijzingnummer", "size"), gedeclareerd=("ja", "sum"))


def schat_vertraging(act: pd.DataFrame, decl: pd.DataFrame, last: pd.Period) -> Vertraging:
    per = _counts(act, decl, []).reset_index()
    per["maanden_terug"] = last.ordinal - per["m"]
    per["maand"] = [pd.Period(ordinal=int(m), freq="M") for m in per["m"]]
    per["dekking"] = per["gedeclareerd"] / per["actief"].clip(lower=1)
    settled = per[per["maanden_terug"].isin(SETTLED)]
    if settled.empty:
        settled = per[per["maanden_terug"] >= per["maanden_terug"].max() // 2]
    level = float(settled["gedeclareerd"].sum() / max(settled["actief"].sum(), 1))
    recent = per[per["maanden_terug"] < MAX_LAG].set_index("maanden_terug")
    lag = 0
    for k in range(MAX_LAG):   # consecutive months from the last one that are clearly behind
        if k not in recent.index:
            break
        n = max(float(recent.loc[k, "actief"]), 1.0)
        margin = max((1 - TOLERANTIE) * level, 2.5 * np.sqrt(level * (1 - level) / n))
        if recent.loc[k, "dekking"] >= level - margin:
            break
        lag = k + 1
    table = per.sort_values("maanden_terug")[["maanden_terug", "maand", "actief", "gedeclareerd", "dekking"]]
    return Vertraging(lag, level, table.reset_index(drop=True))


def realisatie(tables: dict[str, pd.DataFrame], jaar: int, last: pd.Period) -> tuple[pd.DataFrame, Vertraging]:
    """Per aanbieder × product in ``jaar`` up to ``last``: gerealiseerd, onderweg, € per toewijzing-month."""
    decl = declaraties_netto(tables)
    decl = decl[decl["maand"] <= last]
    first = last - (max(SETTLED) + 1)
    act = _actief(tables, first, last)
    lag = schat_vertraging(act, decl, last)
    keys = ["aanbieder_code", "product"]
    counts = _counts(act, decl[decl["maand"] >= first], keys).reset_index()
    counts["terug"] = last.ordinal - counts["m"]
    recent_decl = decl[(decl["maand"] >= first)].assign(m=lambda d: d["maand"].map(lambda p: p.ordinal))
    euro = recent_decl.groupby([*keys, "m"])["bedrag"].sum().rename("bedrag")
    counts = counts.join(euro, on=[*keys, "m"]).fillna({"bedrag": 0.0})
    rows = []
    for (code, product), sub in counts.groupby(keys):
        settled = sub[sub["terug"] >= lag.maanden]
        declared = float(settled["gedeclareerd"].sum())
        share = declared / max(float(settled["actief"].sum()), 1.0) if declared else lag.gesettelde_dekking
        per_month = float(settled["bedrag"].sum()) / declared if declared else 0.0
        late = sub[(sub["terug"] < lag.maanden) & (sub["m"] >= pd.Period(f"{jaar}-01", freq="M").ordinal)]
        missing = np.maximum(share * late["actief"] - late["gedeclareerd"], 0.0).sum()
        rows.append({"aanbieder_code": code, "product": product, "onderweg": float(missing * per_month),
                     "euro_per_maand": per_month})
    frame = pd.DataFrame(rows, columns=["aanbieder_code", "product", "onderweg", "euro_per_maand"])
    year = decl[(decl["maand"].map(lambda p: p.year) == jaar)]
    real = year.groupby(keys)["bedrag"].sum().rename("gerealiseerd").reset_index()
    frame = real.merge(frame, on=keys, how="outer").fillna({"gerealiseerd": 0.0, "onderweg": 0.0,
                                                             "euro_per_maand": 0.0})
    monthly = year.groupby([*keys, "maand"])["bedrag"].sum()
    return frame.assign(_maanden=[monthly.get((c, p)) for c, p in zip(frame["aanbieder_code"], frame["product"])]), lag


def plafonds(tables: dict[str, pd.DataFrame], jaar: int) -> pd.DataFrame:
    """Budgetplafond per aanbieder × product (perceel) in ``jaar``: the tarieven repeat it on every product row."""
    t = tables.get("tarieven")
    cols = ["aanbieder_code", "product", "plafond", "aanbieder_naam"]
    if t is None or "budgetplafond" not in t or "aanbieder_code" not in t:
        return pd.DataFrame(columns=cols)
    t = t.copy()
    t["plafond"] = pd.to_numeric(t["budgetplafond"], errors="coerce")
    t = t[t["plafond"] > 0]
    start = pd.to_datetime(t.get("ingangsdatum"), errors="coerce", dayfirst=True).dt.year
    end = pd.to_datetime(t.get("einddatum"), errors="coerce", dayfirst=True).dt.year
    t = t[(start.isna() | (start <= jaar)) & (end.isna() | (end >= jaar))]
    t["product"] = _text(t["productcode"]).str[:2]
    t["aanbieder_code"] = _text(t["aanbieder_code"])
    t["aanbieder_naam"] = _text(t["aanbieder_naam"]) if "aanbieder_naam" in t else t["aanbieder_code"]
    return t.groupby(["aanbieder_code", "product"], as_index=False).agg(
        plafond=("plafond", "max"), aanbieder_naam=("aanbieder_naam", "first"))[cols]


def afgekapt(tables: dict[str, pd.DataFrame], last: pd.Period) -> dict[str, pd.DataFrame]:
    """The tables as they were at the end of ``last``: later declaraties and toewijzingen are not yet known."""
    out = dict(tables)
    decl = tables["declaraties"]
    out["declaraties"] = decl[_month(decl["periode_start"]) <= last]
    tw = tables["toewijzingen"]
    out["toewijzingen"] = tw[_month(tw["ingangsdatum"]) <= last]
    return out


@dataclass
class Projectie:
    """Year-end draws per aanbieder × product and per product, from one simulation (fixed seed)."""

    maanden: list[pd.Period]                 # months of ``jaar`` after the last month
    lijnen: dict[tuple[str, str], np.ndarray]   # (aanbieder, product) -> (draws, months) € per month
    producten: dict[str, np.ndarray]         # product -> (draws, months)


def projecteer(tables: dict[str, pd.DataFrame], jaar: int, last: pd.Period, inst: SturingInstellingen,
               progress: Voortgang | None = None, model=None) -> Projectie:
    from wijkkompas.core.scenario import fit_model, simulate

    progress = ensure(progress)
    end = pd.Period(f"{jaar}-12", freq="M")
    months = end.ordinal - last.ordinal
    if months <= 0:
        return Projectie([], {}, {})
    if model is None:
        model = fit_model(afgekapt(tables, last), progress=progress.sub(0.05, 0.8))
    progress.check()
    sim = simulate(model.basislijn, None, maanden=months, trekkingen=inst.trekkingen, seed=inst.seed)
    labels, kosten, _ = sim.per_groep("cel", per_jaar=False, met_clienten=False)
    keys = np.array(["|".join((x.split("|")[2], x.split("|")[0])) for x in labels])
    in_year = np.asarray(sim.maanden.year) == jaar
    lijnen = {}
    for key in np.unique(keys):
        code, product = key.split("|")
        lijnen[(code, product)] = np.nan_to_num(kosten[:, keys == key][:, :, in_year].sum(axis=1))
    producten = {p: np.nan_to_num(sim.kosten[:, i, in_year]) for i, p in enumerate(sim.producten)}
    return Projectie(list(sim.maanden[in_year]), lijnen, producten)


def _datum(month: pd.Period, fraction: float) -> date:
    days = month.days_in_month
    return month.start_time.date() + timedelta(days=int(np.clip(np.ceil(fraction * days) - 1, 0, days - 1)))


def datum_bereikt(start: float, maanden: list[pd.Period], draws: np.ndarray | None, plafond: float,
                  realised: pd.Series | None = None) -> date | None:
    """When the plafond is reached: from the declared months if already past it, else the median draw."""
    if realised is not None and start >= plafond and len(realised):
        cum = realised.sort_index().cumsum()
        hit = cum[cum >= plafond]
        if len(hit):
            month = hit.index[0]
            before = float(cum.shift(1, fill_value=0.0)[month])
            return _datum(month, (plafond - before) / max(float(realised[month]), 1e-9))
        return maanden[0].start_time.date() if maanden else None
    if draws is None or not len(maanden):
        return None
    cum = start + np.cumsum(draws, axis=1)                                   # (D, M)
    reached = cum >= plafond
    first = np.where(reached.any(axis=1), reached.argmax(axis=1), np.inf)
    median = np.median(first)
    if not np.isfinite(median):
        return None
    t = int(median)
    rows = first == t
    before = np.where(t > 0, cum[rows, t - 1] if t > 0 else start, start)
    fraction = float(np.median((plafond - before) / np.maximum(draws[rows, t], 1e-9)))
    return _datum(maanden[t], min(max(fraction, 0.0), 1.0))
