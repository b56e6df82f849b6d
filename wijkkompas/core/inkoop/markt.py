"""The market per perceel (iWmo productcategorie) from the gemeente's own declaraties.

Why from declaraties: they hold what was actually paid per aanbieder and cliënt.
Credit lines (negative amounts) are netted against their originals by summing
per cliënt, aanbieder, product and year; rejected lines never count. The
toewijzingen only supply the aanbieder names. Concentration follows the usual
competition-authority convention: HHI on market shares in percent (0–10.000),
so one aanbieder with everything scores 10.000 and ten equal ones 1.000.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

PERCELEN: dict[str, str] = {"01": "Hulp bij het huishouden", "02": "Begeleiding", "07": "Dagbesteding"}
PRODUCT_SLUG: dict[str, str] = {"01": "hbh", "02": "begeleiding", "07": "dagbesteding"}
EENHEID_LABELS: dict[str, str] = {"01": "minuten", "04": "uren", "16": "dagdelen", "83": "euro", "14": "etmalen"}
AFGEWEZEN = {"afgewezen", "afgekeurd", "ingetrokken"}


def hhi(aandelen: list[float] | pd.Series) -> float:
    """Herfindahl-Hirschman index on shares given as fractions, expressed on the 0–10.000 scale."""
    return float(sum((float(a) * 100) ** 2 for a in aandelen))


def top3(aandelen: list[float] | pd.Series) -> float:
    """Combined share (fraction) of the three largest aanbieders."""
    return float(sum(sorted((float(a) for a in aandelen), reverse=True)[:3]))


def netto_regels(declaraties: pd.DataFrame) -> pd.DataFrame:
    """Per year, perceel, aanbieder and cliënt: net spending and volume (credits netted, rejections dropped).

    The amount is ``toegekend_bedrag`` when present, else ``ingediend_bedrag``.
    Volume is only summed in the perceel's dominant unit (begeleiding mixes
    hours with a euro budget product), so a volume per cliënt is never a sum of
    minutes and euros.
    """
    d = declaraties
    if d is None or d.empty:
        return pd.DataFrame(columns=["jaar", "productcategorie", "aanbieder_code", "client_id", "bedrag", "volume"])
    if "status" in d.columns:
        d = d[~d["status"].astype("string").str.strip().str.lower().isin(AFGEWEZEN).fillna(False)]
    bedrag = d["toegekend_bedrag"] if "toegekend_bedrag" in d.columns else d["ingediend_bedrag"]
    if "ingediend_bedrag" in d.columns:
        bedrag = bedrag.fillna(d["ingediend_bedrag"])
    eenheid = d["eenheid"].astype("string") if "eenheid" in d.columns else pd.Series("", index=d.index, dtype="string")
    frame = pd.DataFrame({
        "jaar": pd.to_datetime(d["periode_start"], errors="coerce").dt.year,
        "productcategorie": d["productcategorie"].astype("string"),
        "aanbieder_code": d["aanbieder_code"].astype("string"),
        "client_id": d["client_id"].astype("string"),
        "bedrag": pd.to_numeric(bedrag, errors="coerce").fillna(0.0),
        "volume_ruw": pd.to_numeric(d.get("geleverd_volume"), errors="coerce").fillna(0.0),
        "eenheid": eenheid,
    }).dropna(subset=["jaar", "productcategorie", "aanbieder_code", "client_id"])
    hoofd = hoofdeenheden(frame)
    frame["volume"] = frame["volume_ruw"].where(frame["eenheid"] == frame["productcategorie"].map(hoofd), 0.0)
    frame["jaar"] = frame["jaar"].astype(int)
    return (frame.groupby(["jaar", "productcategorie", "aanbieder_code", "client_id"], as_index=False)
            [["bedrag", "volume"]].sum())


def hoofdeenheden(frame: pd.DataFrame) -> dict[str, str]:
    """The most common unit per perceel (by number of lines)."""
    if frame.empty:
        return {}
    counts = frame.groupby(["productcategorie", "eenheid"]).size().reset_index(name="n")
    counts = counts.sort_values(["productcategorie", "n"], ascending=[True, False])
    return dict(counts.drop_duplicates("productcategorie")[["productcategorie", "eenheid"]].itertuples(index=False))


@dataclass(frozen=True)
class Perceel:
    productcategorie: str
    jaar: int
    aanbieders: pd.DataFrame  # aanbieder_code, aanbieder_naam, clienten, bedrag, marktaandeel, kosten_per_client, volume_per_client
    hhi: float
    top3: float
    eenheid: str

    @property
    def naam(self) -> str:
        return PERCELEN.get(self.productcategorie, f"Productcategorie {self.productcategorie}")


def perceel_markt(netto: pd.DataFrame, productcategorie: str, jaar: int, namen: dict[str, str] | None = None,
                  eenheid: str = "") -> Perceel:
    """The market of one perceel in one year; a cliënt counts for an aanbieder when the net amount is positive."""
    rows = netto[(netto["productcategorie"] == productcategorie) & (netto["jaar"] == jaar)]
    per = rows.groupby("aanbieder_code").agg(bedrag=("bedrag", "sum"), volume=("volume", "sum"))
    per["clienten"] = rows[rows["bedrag"] > 0].groupby("aanbieder_code")["client_id"].nunique()
    per["clienten"] = per["clienten"].fillna(0).astype(int)
    per = per[per["bedrag"] > 0]
    totaal = float(per["bedrag"].sum())
    per["marktaandeel"] = per["bedrag"] / totaal if totaal > 0 else 0.0
    per["kosten_per_client"] = (per["bedrag"] / per["clienten"]).where(per["clienten"] > 0)
    met_volume = rows[rows["volume"] > 0].groupby("aanbieder_code")["client_id"].nunique()
    met_volume = met_volume.reindex(per.index).fillna(0)
    per["volume_per_client"] = (per["volume"] / met_volume).where(met_volume > 0)
    per = per.reset_index().sort_values("bedrag", ascending=False).reset_index(drop=True)
    per.insert(1, "aanbieder_naam", [(namen or {}).get(c, c) for c in per["aanbieder_code"]])
    return Perceel(productcategorie, int(jaar), per, hhi(per["marktaandeel"]), top3(per["marktaandeel"]), eenheid)


def toetreders(netto: pd.DataFrame, productcategorie: str, namen: dict[str, str] | None = None) -> pd.DataFrame:
    """Per year: aanbieders new to the perceel (no net spending the year before) and those that left."""
    rows = netto[netto["productcategorie"] == productcategorie]
    actief = rows.groupby(["jaar", "aanbieder_code"])["bedrag"].sum()
    actief = actief[actief > 0]
    per_jaar = {int(j): set(actief.loc[j].index) for j in actief.index.get_level_values(0).unique()}
    namen = namen or {}
    out = []
    jaren = sorted(per_jaar)
    for vorig, jaar in zip(jaren, jaren[1:]):
        nieuw = sorted(per_jaar[jaar] - per_jaar[vorig])
        weg = sorted(per_jaar[vorig] - per_jaar[jaar])
        out.append({"jaar": jaar, "aanbieders": len(per_jaar[jaar]), "nieuw": len(nieuw), "vertrokken": len(weg),
                    "namen_nieuw": ", ".join(namen.get(c, c) for c in nieuw),
                    "namen_vertrokken": ", ".join(namen.get(c, c) for c in weg)})
    return pd.DataFrame(out, columns=["jaar", "aanbieders", "nieuw", "vertrokken", "namen_nieuw", "namen_vertrokken"])


def aanbieder_namen(*tables: pd.DataFrame | None) -> dict[str, str]:
    namen: dict[str, str] = {}
    for t in tables:
        if t is not None and {"aanbieder_code", "aanbieder_naam"} <= set(t.columns):
            pairs = t[["aanbieder_code", "aanbieder_naam"]].dropna().drop_duplicates("aanbieder_code")
            for code, naam in pairs.itertuples(index=False):
                namen.setdefault(str(code), str(naam))
    return namen


def laatste_volle_jaar(declaraties: pd.DataFrame) -> int | None:
    """The latest year with declaraties in all twelve months, else the latest year at all."""
    start = pd.to_datetime(declaraties.get("periode_start"), errors="coerce").dropna()
    if start.empty:
        return None
    maanden = start.dt.to_period("M").drop_duplicates()
    per_jaar = maanden.dt.year.value_counts()
    volle = per_jaar[per_jaar >= 12]
    return int(volle.index.max()) if not volle.empty else int(per_jaar.index.max())


def markt(declaraties: pd.DataFrame, toewijzingen: pd.DataFrame | None = None, tarieven: pd.DataFrame | None = None,
          jaar: int | None = None) -> tuple[list[Perceel], dict[str, pd.DataFrame], int | None]:
    """All percelen for one year (default: the latest full year) and entrants/leavers per perceel."""
    netto = netto_regels(declaraties)
    if netto.empty:
        return [], {}, None
    if jaar is None:
        jaar = laatste_volle_jaar(declaraties)
    namen = aanbieder_namen(toewijzingen, tarieven)
    d = declaraties
    hoofd = hoofdeenheden(pd.DataFrame({"productcategorie": d["productcategorie"].astype("string"),
                                        "eenheid": d["eenheid"].astype("string")})) if "eenheid" in d.columns else {}
    percelen = [perceel_markt(netto, pc, jaar, namen, hoofd.get(pc, "")) for pc in sorted(netto["productcategorie"].unique())]
    percelen = [p for p in percelen if not p.aanbieders.empty]
    wissel = {pc: toetreders(netto, pc, namen) for pc in sorted(netto["productcategorie"].unique())}
    return percelen, wissel, jaar
