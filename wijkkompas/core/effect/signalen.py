"""Signals per aanbieder and per toegang team: clients, cost and volume per client, duration, in- and uitstroom,
growth against last year, trajectkosten, and a funnel plot that does not flag small aanbieders by chance.

Why a funnel plot: an aanbieder with 8 clients has a cost per client far from
the mean by chance alone; control limits that narrow with √n (mean ± 1,96 and
± 3,09 standard errors, i.e. 95% and 99,8%) flag only what chance does not
explain (Spiegelhalter 2005). CPB (2019, ch. 6) and Wijchen (2020/21) ask for
exactly this monthly comparison of teams and aanbieders.

Share-type indicators (aandeel instroom, aandeel uitstroom) carry the
reliability class of the Kennisdocument sociale wijkteams (2013, Bijlage VI):
how many observations a proportion of that size needs to be reliable.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from wijkkompas.core.effect.paneel import (PRODUCTEN, EffectInvoerFout, _months, client_maanden, maand_index,
                                           maand_tekst, nieuw_in_maand, productcategorie, venster_toewijzingen)
from wijkkompas.core.imports.codelists import UREN_PER_EENHEID

TRECHTER_INDICATOREN = {"kosten_per_client": "sd_kosten", "volume_per_client": "sd_volume",
                        "aandeel_instroom": None, "aandeel_uitstroom": None}
GROEPEN = {"aanbieder": ("aanbieder_code", "Aanbieder"), "team": ("toegang_team", "Team")}
Z_95, Z_998 = 1.959964, 3.090232

# Bijlage VI: (upper bound of min(p, 1 − p), observations for groen, observations for geel).
BETROUWBAARHEID = ((0.02, 2300, 640), (0.04, 1160, 320), (0.07, 580, 160), (0.12, 340, 90), (0.5, 200, 30))


def betrouwbaarheid(p: float, n: float) -> str:
    """groen (voldoet), geel (deels) or rood (voldoet niet) for a share with mean proportion p over n observations."""
    if not np.isfinite(p) or not np.isfinite(n):
        return "rood"
    q = min(p, 1 - p)
    for upper, groen, geel in BETROUWBAARHEID:
        if q <= upper:
            return "groen" if n >= groen else ("geel" if n >= geel else "rood")
    return "rood"


def periode_van(project, jaar_tot: str = "") -> tuple[int, int]:
    """The 12 months ending at ``jaar_tot`` (jjjj-mm) or at the last month of the data."""
    first, last = venster_toewijzingen(project.tables["toewijzingen"])
    end = maand_index(jaar_tot) if jaar_tot else last
    if not first + 11 <= end <= last:
        raise EffectInvoerFout(f"De periode moet binnen de gegevens vallen ({maand_tekst(first)} t/m "
                               f"{maand_tekst(last)}) en een heel jaar beslaan.")
    return end - 11, end


def signalen(project, product: str = "begeleiding", groep: str = "aanbieder", tot: str = "") -> pd.DataFrame:
    """One row per aanbieder or team with the indicators over the 12 months ending at ``tot``."""
    if groep not in GROEPEN:
        raise EffectInvoerFout(f"Onbekende groepering '{groep}'. Kies uit: {', '.join(GROEPEN)}.")
    if "toewijzingen" not in project.tables:
        raise EffectInvoerFout("Voor signalen zijn toewijzingen nodig; lees ze eerst in.")
    kolom = GROEPEN[groep][0]
    toew_all = project.tables["toewijzingen"]
    if kolom not in toew_all.columns or toew_all[kolom].isna().all():
        raise EffectInvoerFout(f"De toewijzingen hebben geen kolom voor {GROEPEN[groep][1].lower()}; "
                               f"signalen per {groep} zijn niet te maken.")
    first_data, _last = venster_toewijzingen(toew_all)
    start, end = periode_van(project, tot)
    toew = toew_all[(toew_all["productcategorie"].astype(str) == productcategorie(product))
                    & toew_all[kolom].notna()].copy()
    frame = client_maanden(toew, max(first_data, start - 13), min(end + 1, _last), kolom)
    frame["nieuw"] = nieuw_in_maand(frame, ("client", "wijk"))
    frame["weg"] = nieuw_in_maand(frame, ("client", "wijk"), richting=-1)
    now = frame[(frame["maand"] >= start) & (frame["maand"] <= end)]
    before = frame[(frame["maand"] >= start - 12) & (frame["maand"] <= end - 12)]
    rows = pd.DataFrame({"clienten": now.groupby("wijk")["client"].nunique()})
    rows["clienten_vorig"] = before.groupby("wijk")["client"].nunique() if start - 12 >= first_data else np.nan
    rows["instroom"] = now[now["nieuw"] & (now["maand"] > first_data)].groupby("wijk")["client"].nunique()
    rows["uitstroom"] = now[now["weg"] & (now["maand"] < _last)].groupby("wijk")["client"].nunique()
    rows[["instroom", "uitstroom"]] = rows[["instroom", "uitstroom"]].fillna(0)
    rows["groei"] = rows["clienten"] / rows["clienten_vorig"] - 1
    rows["aandeel_instroom"] = rows["instroom"] / rows["clienten"]
    rows["aandeel_uitstroom"] = rows["uitstroom"] / rows["clienten"]
    rows = rows.join(_duur(toew, kolom, start, end)).join(_kosten(project, toew, kolom, start, end))
    if groep == "aanbieder" and "aanbieder_naam" in toew.columns:
        namen = toew.dropna(subset=["aanbieder_naam"]).groupby(kolom)["aanbieder_naam"].first()
        rows["naam"] = namen.reindex(rows.index).fillna("").astype(str)
    else:
        rows["naam"] = rows.index.astype(str)
    for share in ("aandeel_instroom", "aandeel_uitstroom"):
        p_mean = float(rows[share.replace("aandeel_", "")].sum() / rows["clienten"].sum())
        rows[f"{share}_klasse"] = [betrouwbaarheid(p_mean, n) for n in rows["clienten"]]
    rows.index.name = "code"
    out = rows.reset_index()
    out.attrs["periode"] = (maand_tekst(start), maand_tekst(end))
    return out


def _duur(toew: pd.DataFrame, kolom: str, start: int, end: int) -> pd.DataFrame:
    """Mean duration (months) of the toewijzingen that ended in the period."""
    if "einddatum" not in toew.columns:
        return pd.DataFrame({"duur": pd.Series(dtype=float)})
    e = _months(toew["einddatum"])
    ended = (e >= start) & (e <= end)
    days = (pd.to_datetime(toew["einddatum"]) - pd.to_datetime(toew["ingangsdatum"])).dt.days.to_numpy()
    frame = pd.DataFrame({"g": toew[kolom].astype(str).to_numpy()[ended], "duur": days[ended] / 30.4375})
    return frame.groupby("g").agg(duur=("duur", "mean"))


def _kosten(project, toew: pd.DataFrame, kolom: str, start: int, end: int) -> pd.DataFrame:
    """Cost and volume per declaring client in the period; trajectkosten of toewijzingen that ended in it."""
    cols = ["kosten", "kosten_per_client", "volume_per_client", "trajectkosten", "trajecten", "sd_kosten",
            "sd_volume"]
    if "declaraties" not in project.tables:
        return pd.DataFrame(columns=cols, dtype=float)
    decl = project.tables["declaraties"]
    nummer = toew["toewijzingnummer"].astype(str)
    groep_van = dict(zip(nummer, toew[kolom].astype(str)))
    month = _months(decl["periode_start"])
    bedrag = pd.to_numeric(decl.get("toegekend_bedrag"), errors="coerce")
    if "ingediend_bedrag" in decl.columns:
        bedrag = bedrag.fillna(pd.to_numeric(decl["ingediend_bedrag"], errors="coerce"))
    factor = decl["eenheid"].astype(str).map(UREN_PER_EENHEID).fillna(1.0) if "eenheid" in decl.columns else 1.0
    frame = pd.DataFrame({"g": decl["toewijzingnummer"].astype(str).map(groep_van), "m": month,
                          "bedrag": bedrag.fillna(0.0).to_numpy(),
                          "volume": (pd.to_numeric(decl["geleverd_volume"], errors="coerce") * factor).fillna(0.0),
                          "client": decl["client_id"].astype(str), "nummer": decl["toewijzingnummer"].astype(str)})
    frame = frame[frame["g"].notna()]
    period = frame[(frame["m"] >= start) & (frame["m"] <= end)]
    per_client = period.groupby(["g", "client"]).agg(bedrag=("bedrag", "sum"), volume=("volume", "sum"))
    per_client = per_client[per_client["bedrag"] > 0]
    out = per_client.groupby("g").agg(kosten=("bedrag", "sum"), kosten_per_client=("bedrag", "mean"),
                                      volume_per_client=("volume", "mean"), sd_kosten=("bedrag", "std"),
                                      sd_volume=("volume", "std"))
    # Trajectkosten (Wijchen): total declared per toewijzing that started after the declaraties begin and
    # ended in the period — a whole traject, not a part of one.
    first_decl = int(frame["m"].min()) if len(frame) else end
    e = _months(toew["einddatum"]) if "einddatum" in toew.columns else np.full(len(toew), np.iinfo(np.int64).min)
    s = _months(toew["ingangsdatum"])
    whole = nummer[(s >= first_decl) & (e >= start) & (e <= end)]
    per_traject = frame[frame["nummer"].isin(set(whole))].groupby(["g", "nummer"])["bedrag"].sum()
    traject = per_traject.groupby("g").agg(["mean", "size"]).rename(columns={"mean": "trajectkosten",
                                                                              "size": "trajecten"})
    return out.join(traject, how="outer")[cols]


def trechter(rows: pd.DataFrame, indicator: str = "kosten_per_client") -> dict:
    """Funnel plot data: points (n, value), the overall mean and 95%/99,8% control limits over n.

    Continuous indicators (cost per client) use the pooled client-level standard deviation; shares use the
    binomial one. ``buiten`` marks points outside the 99,8% limits.
    """
    if indicator not in TRECHTER_INDICATOREN:
        raise EffectInvoerFout(f"Geen trechter voor '{indicator}'. Kies uit: {', '.join(TRECHTER_INDICATOREN)}.")
    data = rows.dropna(subset=[indicator]).copy()
    n = data["clienten"].to_numpy(dtype=float)
    value = data[indicator].to_numpy(dtype=float)
    if indicator.startswith("aandeel_"):
        events = value * n
        centre = float(events.sum() / n.sum()) if n.sum() else np.nan
        sd = np.sqrt(centre * (1 - centre))
    else:
        centre = float(np.average(value, weights=n)) if n.sum() else np.nan
        sds = data[TRECHTER_INDICATOREN[indicator]].to_numpy(dtype=float)
        # Pooled within-group client-level SD: the spread one client adds, whatever the aanbieder.
        sd = float(np.sqrt(np.nansum((n - 1) * sds**2) / max(np.nansum(np.where(np.isfinite(sds), n - 1, 0)), 1)))
    grid = np.unique(np.concatenate([np.geomspace(max(1.0, n.min() if len(n) else 1), max(n.max() if len(n) else 2, 2),
                                                  60), n]))
    se_point = sd / np.sqrt(np.maximum(n, 1))
    buiten = np.abs(value - centre) > Z_998 * se_point
    return {
        "indicator": indicator, "gemiddelde": centre, "sd": sd,
        "punten": [{"code": c, "naam": nm, "n": int(k), "waarde": float(v), "buiten": bool(b)}
                   for c, nm, k, v, b in zip(data["code"], data["naam"], n, value, buiten)],
        "n": grid.tolist(),
        "grenzen": {f"{label}_{side}": (centre + sign * z * sd / np.sqrt(grid)).tolist()
                    for label, z in (("95", Z_95), ("998", Z_998)) for side, sign in (("hoog", 1), ("laag", -1))},
    }


__all__ = ["GROEPEN", "PRODUCTEN", "betrouwbaarheid", "periode_van", "signalen", "trechter"]
