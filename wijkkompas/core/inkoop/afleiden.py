"""Positie inkoop answers proposed from the imported tarieven (the contracts the gemeente actually has).

Why: the inkoop questions in Positie (bekostigingsvorm, contractvorm,
tussentijdse toetreding per product) are answered in ``tarieven`` already.
Per product the majority over the current contract lines wins; the source
file is named so the adviser can check it. A budgetplafond filled in on a
line makes it a budgetplafond contract whatever the procedure was called.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from wijkkompas.core.inkoop.markt import PRODUCT_SLUG as CATEGORIE_PRODUCT

BEKOSTIGING = {"inspanningsgericht": "inspanningsgericht", "inspanning": "inspanningsgericht", "p×q": "inspanningsgericht",
               "pxq": "inspanningsgericht", "outputgericht": "outputgericht", "output": "outputgericht",
               "arrangement": "outputgericht", "taakgericht": "taakgericht", "lumpsum": "taakgericht",
               "populatiegebonden": "taakgericht"}
CONTRACT_VAST = {"vast budget": "vast budget", "lumpsum": "vast budget", "budgetplafond": "budgetplafond",
                 "raamovereenkomst": "raamovereenkomst", "open house": "raamovereenkomst",
                 "aanbesteding": "raamovereenkomst", "subsidie": "vast budget"}
VELDEN = ("bekostigingsvorm", "contractvorm", "tussentijdse_toetreding")
VELD_LABELS = {"bekostigingsvorm": "bekostigingsvorm", "contractvorm": "contractvorm",
               "tussentijdse_toetreding": "tussentijdse toetreding"}


@dataclass(frozen=True)
class Voorstel:
    product: str
    antwoorden: dict[str, Any]   # only the fields the data decides
    regels: int
    bron: str

    def tekst(self) -> str:
        delen = []
        for veld in VELDEN:
            if veld in self.antwoorden:
                waarde = self.antwoorden[veld]
                if isinstance(waarde, bool):
                    waarde = "ja" if waarde else "nee"
                delen.append(f"{VELD_LABELS[veld]} {waarde}")
        return ", ".join(delen)


def _contract(row: pd.Series) -> str | None:
    plafond = pd.to_numeric(pd.Series([row.get("budgetplafond")]), errors="coerce").iloc[0]
    if pd.notna(plafond) and plafond > 0:
        return "budgetplafond"
    text = str(row.get("contractvorm") or "").strip().lower()
    return CONTRACT_VAST.get(text)


def _toetreding(value: Any) -> bool | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return {"true": True, "ja": True, "1": True, "false": False, "nee": False, "0": False}.get(text)


def _meerderheid(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values).most_common()
    return counts[0][0]


def huidige_contracten(tarieven: pd.DataFrame, peildatum: pd.Timestamp | None = None) -> pd.DataFrame:
    """Contract lines valid on ``peildatum`` (default the latest ingangsdatum; all lines when there are no dates)."""
    if "ingangsdatum" not in tarieven.columns:
        return tarieven
    start = pd.to_datetime(tarieven["ingangsdatum"], errors="coerce")
    if start.isna().all():
        return tarieven
    peil = peildatum if peildatum is not None else start.max()
    eind = pd.to_datetime(tarieven["einddatum"], errors="coerce") if "einddatum" in tarieven.columns else None
    keep = start <= peil
    if eind is not None:
        keep &= eind.isna() | (eind >= peil)
    return tarieven[keep]


def voorstellen(tarieven: pd.DataFrame | None, bron: str = "tarieven.xlsx") -> dict[str, Voorstel]:
    """Per Positie product (hbh, begeleiding, dagbesteding): the majority answers over the current contracts."""
    if tarieven is None or tarieven.empty or "productcode" not in tarieven.columns:
        return {}
    t = huidige_contracten(tarieven)
    per_product: dict[str, list[pd.Series]] = {}
    for _, row in t.iterrows():
        product = CATEGORIE_PRODUCT.get(str(row["productcode"])[:2])
        if product:
            per_product.setdefault(product, []).append(row)
    out = {}
    for product, rows in per_product.items():
        antwoorden = {}
        bek = _meerderheid([BEKOSTIGING.get(str(r.get("bekostigingsvorm") or "").strip().lower()) for r in rows])
        con = _meerderheid([_contract(r) for r in rows])
        toe = _meerderheid([_toetreding(r.get("tussentijdse_toetreding")) for r in rows])
        for veld, waarde in zip(VELDEN, (bek, con, toe)):
            if waarde is not None:
                antwoorden[veld] = waarde
        if antwoorden:
            out[product] = Voorstel(product, antwoorden, len(rows), bron)
    return out


def bronnaam(project: Any) -> str:
    for source in getattr(project, "sources", []) or []:
        if getattr(source, "tabel", None) == "tarieven":
            return str(source.naam)
    return "tarieven"


def verschillen(voorstel: dict[str, Voorstel], antwoorden: dict | None) -> list[tuple[str, str, Any, Any]]:
    """(product, veld, stored answer, proposal) wherever the stored Positie answers differ from the data."""
    inkoop = (antwoorden or {}).get("inkoop") or {}
    out = []
    for product, v in voorstel.items():
        stored = inkoop.get(product) or {}
        for veld, waarde in v.antwoorden.items():
            if veld in stored and stored[veld] != waarde:
                out.append((product, veld, stored[veld], waarde))
    return out


def met_voorstel(antwoorden: dict | None, voorstel: dict[str, Voorstel]) -> dict:
    """The stored answers with the proposal written into ``inkoop`` (other answers untouched)."""
    nieuw = dict(antwoorden or {})
    inkoop = {k: dict(v) for k, v in (nieuw.get("inkoop") or {}).items() if isinstance(v, dict)}
    for product, v in voorstel.items():
        inkoop.setdefault(product, {}).update(v.antwoorden)
    nieuw["inkoop"] = inkoop
    return nieuw
