"""Bundled public reference data of all 342 gemeenten: lookup, taakzwaarte, spending, peers.

This is the public API other modules code against (typology, benchmark, CLI, GUI):

- ``TAAKZWAARTE_KLASSEN``: the five classes, light to heavy.
- ``Gemeente``: one gemeente's structure and taakzwaarte (frozen dataclass).
- ``find_gemeente(query)``: by CBS code or name (case/accent-insensitive, aliases);
  raises ``UnknownGemeenteError(query, suggestions)``.
- ``gemeenten()``: one row per gemeente (DataFrame copy).
- ``manifest()``: the provenance manifest (per table ``bron``, ``uitgever``, ``peiljaar``, ``eenheid``, ``licentie``).

Taakzwaarte is our operationalisation of RIVM/Cebeon (2025): the gemeentefonds
cluster *Individuele voorzieningen Wmo* (maatstaven only) in € per inwoner, with
quintile classes over all gemeenten (see ``manifest()["taakzwaarte"]``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from wijkkompas.core.errors import UnknownGemeenteError
from wijkkompas.core.reference import lookup
from wijkkompas.core.reference.tables import (
    DIENSTEN,
    JAREN,
    MAATSTAVEN_UITGAVEN,
    MAATWERK,
    TAAKVELDEN,
    componenten_table,
    gemeenten_table,
    iv3_table,
    maatstaven_table,
    manifest_data,
)

TAAKZWAARTE_KLASSEN: tuple[str, ...] = ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")

__all__ = [
    "TAAKZWAARTE_KLASSEN", "TAAKVELDEN", "DIENSTEN", "MAATWERK", "JAREN", "MAATSTAVEN_UITGAVEN",
    "Gemeente", "UnknownGemeenteError", "find_gemeente", "get_gemeente", "gemeenten", "manifest",
    "suggest", "taakzwaarte_componenten", "componenten_per_inwoner", "maatstaven", "uitgaven",
    "uitgaven_tabel", "klassegrenzen", "nationale_aggregaten", "bronnen", "GEEN_GEGEVENS", "GEEN_IV3",
    "heeft_iv3", "ontbrekende_iv3", "vergelijking_met_onderzoek",
]


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    naam_iv3: str
    provincie: str
    inwoners: int
    jongeren: int
    volwassenen: int
    gemeentegrootte: str
    stedelijkheid: str
    centrumfunctie: str
    sociale_structuur: str
    wmo_cluster_eur: float
    wmo_iudu_eur: float
    taakzwaarte_index: float
    taakzwaarte_klasse: str
    taakzwaarte_rang: int
    hbh_per_1000_2019: float | None
    hbh_2019_opmerking: str
    inwoners_cbs_2023: int | None = None  # CBS count in the Iv3 file; ``inwoners`` is the gemeentefonds volume

    @property
    def klasse_nummer(self) -> int:
        """1 (zeer licht) … 5 (zeer zwaar)."""
        return TAAKZWAARTE_KLASSEN.index(self.taakzwaarte_klasse) + 1


def _optional_float(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    return lookup.build_index(gemeenten_table())


@lru_cache(maxsize=None)
def get_gemeente(code: str) -> Gemeente:
    """By exact CBS code (``GMxxxx``)."""
    table = gemeenten_table().set_index("code")
    if code not in table.index:
        raise UnknownGemeenteError(code, [])
    row = table.loc[code]
    return Gemeente(
        code=code, naam=str(row["naam"]), naam_iv3=str(row["naam_iv3"]), provincie=str(row["provincie"]),
        inwoners=int(row["inwoners"]), jongeren=int(row["jongeren"]), volwassenen=int(row["volwassenen"]),
        gemeentegrootte=str(row["gemeentegrootte"]), stedelijkheid=str(row["stedelijkheid"]),
        centrumfunctie=str(row["centrumfunctie"]), sociale_structuur=str(row["sociale_structuur"]),
        wmo_cluster_eur=float(row["wmo_cluster_eur"]), wmo_iudu_eur=float(row["wmo_iudu_eur"]),
        taakzwaarte_index=float(row["taakzwaarte_index"]), taakzwaarte_klasse=str(row["taakzwaarte_klasse"]),
        taakzwaarte_rang=int(row["taakzwaarte_rang"]),
        hbh_per_1000_2019=_optional_float(row["hbh_per_1000_2019"]),
        hbh_2019_opmerking=str(row["hbh_2019_opmerking"]),
        inwoners_cbs_2023=None if pd.isna(row.get("inwoners_cbs_2023")) else int(row["inwoners_cbs_2023"]),
    )


def find_gemeente(query: str) -> Gemeente:
    """By code (GM0150, 0150, 150) or name (Deventer, den haag, 's-Hertogenbosch, Sudwest-Fryslan)."""
    return get_gemeente(lookup.resolve(query, gemeenten_table(), _index()))


def suggest(query: str, n: int = 5) -> list[str]:
    """Display names that start with or resemble ``query`` (for completion and error messages)."""
    return lookup.suggestions(query, gemeenten_table(), _index(), n=n)


def gemeenten() -> pd.DataFrame:
    """One row per gemeente (342), sorted by code. A copy: mutate freely."""
    return gemeenten_table()


def manifest() -> dict:
    """Parsed manifest.json: ``tabellen`` -> {table: {bron, uitgever, peiljaar, eenheid, licentie, inputs, ...}}."""
    data = manifest_data()
    # Convenience for readers that expect the tables at top level (Help > Over).
    return data


def maatstaven() -> pd.DataFrame:
    return maatstaven_table()


def taakzwaarte_componenten(code: str) -> dict[str, float]:
    """Cluster Individuele voorzieningen Wmo per maatstaf, in € (uitkeringsfactor applied)."""
    table = componenten_table().set_index("code")
    row = table.loc[get_gemeente(code).code]
    return {m: float(row[f"eur_{m}"]) for m in maatstaven_table()["maatstaf"]}


def componenten_per_inwoner() -> pd.DataFrame:
    """Per gemeente (index = code) the taakzwaarte index split per maatstaf, € per inwoner."""
    comp = componenten_table().set_index("code")
    inw = gemeenten_table().set_index("code")["inwoners"]
    cols = {m: comp[f"eur_{m}"] / inw for m in maatstaven_table()["maatstaf"]}
    return pd.DataFrame(cols)


def uitgaven_tabel(jaar: str = "2023") -> pd.DataFrame:
    """Per gemeente (index = code): netto lasten in € per taakveld, maatwerk and diensten, for one year."""
    if jaar not in JAREN:
        raise ValueError(f"jaar moet een van {JAREN} zijn")
    iv3 = iv3_table()
    part = iv3[iv3["jaar"] == jaar].set_index("code")
    return part[list(TAAKVELDEN) + ["maatwerk", "diensten"]]


GEEN_GEGEVENS = "geen gegevens"
GEEN_IV3 = "geen Iv3-gegevens"


def heeft_iv3(code: str, jaar: str) -> bool:
    """False where the gemeente delivered no Iv3 data for that year (the source holds only zeros)."""
    return not bool(uitgaven_tabel(jaar).loc[get_gemeente(code).code, list(TAAKVELDEN)].isna().all())


def ontbrekende_iv3() -> list[dict[str, str]]:
    """Gemeente-years without Iv3 data, as listed by the builder in the manifest."""
    return [dict(item) for item in manifest_data().get("ontbrekende_iv3", [])]


def uitgaven(code: str) -> dict[str, dict[str, dict[str, float | None | str]]]:
    """{jaar: {maatstaf: {"netto": €, "per_volwassene": €, "status"}}} for jaarrekening 2023, begroting 2024/2025.

    Without Iv3 data for a year the amounts are None and status is "geen gegevens":
    a missing delivery must never read as € 0.
    """
    g = get_gemeente(code)
    result: dict[str, dict[str, dict[str, float | None | str]]] = {}
    for jaar in JAREN:
        row = uitgaven_tabel(jaar).loc[g.code]
        result[jaar] = {}
        for m in MAATSTAVEN_UITGAVEN:
            value = row[m]
            if pd.isna(value):
                result[jaar][m] = {"netto": None, "per_volwassene": None, "status": GEEN_GEGEVENS}
            else:
                result[jaar][m] = {"netto": float(value), "per_volwassene": round(float(value) / g.volwassenen, 2),
                                   "status": "ok"}
    return result


def klassegrenzen() -> list[dict[str, float | str | int]]:
    """Min/max of the taakzwaarte index (€ per inwoner) and count per class."""
    table = gemeenten_table()
    out = []
    for klasse in TAAKZWAARTE_KLASSEN:
        part = table[table["taakzwaarte_klasse"] == klasse]["taakzwaarte_index"]
        out.append({"klasse": klasse, "min": float(part.min()), "max": float(part.max()), "aantal": int(len(part))})
    return out


# What RIVM/Cebeon (2025) print for jaarrekening 2023 (seed 004): "ruim 1,6 miljard euro" for the toegang
# (L930) and "ruim 4,3 miljard euro" for maatwerk 6.6 + 6.71 (L1373); "ruim" = a bit more than.
RAPPORT_TOTALEN_2023 = (
    ("6.2", 1.6e9, "ruim 1,6 miljard euro", "RIVM/Cebeon (2025), §2.6.1"),
    ("maatwerk", 4.3e9, "ruim 4,3 miljard euro", "RIVM/Cebeon (2025), §4.1.1"),
)


def vergelijking_met_onderzoek(netto_2023: dict[str, float]) -> list[dict]:
    """Our 2023 totals next to the report's rounded figures, with the difference stated, not hidden."""
    out = []
    for maat, waarde, tekst, bron in RAPPORT_TOTALEN_2023:
        eigen = netto_2023[maat]
        out.append({
            "maat": maat, "eigen": eigen, "rapport": waarde, "rapport_tekst": tekst, "bron": bron,
            "verschil": round(eigen / waarde - 1, 3),
            "toelichting": "Onze som ligt boven het afgeronde bedrag in het rapport. Waarschijnlijke reden: een "
                           "andere versie van de Iv3-gegevens (CBS werkt jaarrekeningcijfers bij nadat gemeenten "
                           "later of gecorrigeerd aanleveren; het rapport gebruikte een eerdere stand). Niet "
                           "nagerekend met de gegevens van het rapport zelf.",
        })
    return out


def nationale_aggregaten() -> dict:
    """Sum of netto lasten per jaar and taakveld over the gemeenten with Iv3 data, plus taakzwaarte classes.

    Gemeenten without Iv3 data for a year are left out of that year's sum and listed.
    """
    iv3 = iv3_table()
    namen = gemeenten_table().set_index("code")["naam"]
    per_jaar = {}
    for jaar in JAREN:
        part = iv3[iv3["jaar"] == jaar]
        soort = str(part["soort"].iloc[0])
        missing = part[part[list(TAAKVELDEN)].isna().all(axis=1)]
        part = part.drop(missing.index)
        per_jaar[jaar] = {
            "soort": soort,
            "aantal_gemeenten": int(part["code"].nunique()),
            "zonder_gegevens": [{"code": c, "naam": str(namen[c])} for c in missing["code"]],
            "netto_lasten": {m: float(part[m].sum()) for m in list(TAAKVELDEN) + ["maatwerk", "diensten"]},
        }
        totals = per_jaar[jaar]["netto_lasten"]
        per_jaar[jaar]["aandeel_diensten_in_maatwerk"] = round(totals["diensten"] / totals["maatwerk"], 4)
    table = gemeenten_table()
    return {
        "eenheid": "€ (netto lasten = lasten − baten)",
        "jaren": per_jaar,
        "vergelijking_onderzoek_2023": vergelijking_met_onderzoek(per_jaar["2023"]["netto_lasten"]),
        "inwoners": int(table["inwoners"].sum()),
        "volwassenen": int(table["volwassenen"].sum()),
        "taakzwaarte": {
            "eenheid": "€ per inwoner (cluster Individuele voorzieningen Wmo)",
            "circulaire": manifest_data()["taakzwaarte"]["circulaire_naam"],
            "klassegrenzen": klassegrenzen(),
        },
    }


def bronnen() -> list[str]:
    """One readable source line per bundled table, for CLI/GUI footers."""
    lines = []
    for naam, meta in manifest_data()["tabellen"].items():
        lines.append(f"{meta['bron']} — {meta['uitgever']}, peiljaar {meta['peiljaar']} ({naam})")
    return lines
