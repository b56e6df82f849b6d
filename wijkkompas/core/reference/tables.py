"""Load the bundled reference tables once (cached) from resources/reference.

Why cached module-level loaders: the tables are small (< 200 kB) and immutable
at run time, while lookups happen on every keystroke in the GUI search box and
in every CLI call. Callers get copies of DataFrames so nobody can mutate the cache.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pandas as pd

from wijkkompas import resources
from wijkkompas.core.errors import ReferenceDataError

TAAKVELDEN: tuple[str, ...] = ("6.1", "6.2", "6.6", "6.71", "6.71a", "6.71b", "6.71c", "6.71d", "6.81a", "6.81b")
DIENSTEN: tuple[str, ...] = ("6.71", "6.71a", "6.71b", "6.71c", "6.71d")
MAATWERK: tuple[str, ...] = ("6.6",) + DIENSTEN
JAREN: tuple[str, ...] = ("2023", "2024", "2025")
# Measures reported per gemeente: every bundled taakveld plus the derived sums. "6.71" (undivided;
# in 2025 the PGB Wmo, 6.791) is kept visible so maatwerk always equals the sum of the rows shown.
MAATSTAVEN_UITGAVEN: tuple[str, ...] = TAAKVELDEN + ("maatwerk", "diensten")


def _read_csv(name: str, **kwargs) -> pd.DataFrame:
    path = resources.path("reference", name)
    if not path.is_file():
        raise ReferenceDataError(f"Referentietabel '{name}' ontbreekt; installeer Wijkkompas opnieuw.", str(path))
    return pd.read_csv(path, **kwargs)


@lru_cache(maxsize=1)
def _gemeenten() -> pd.DataFrame:
    df = _read_csv("gemeenten.csv", dtype={"code": str})
    if len(df) != 342 or df["code"].duplicated().any():
        raise ReferenceDataError("De referentietabel met gemeenten is onvolledig.", f"{len(df)} rijen")
    return df


@lru_cache(maxsize=1)
def _iv3() -> pd.DataFrame:
    df = _read_csv("iv3_netto_lasten.csv", dtype={"code": str, "jaar": str, "soort": str})
    # An empty row (no Iv3 delivery) must stay empty in the sums too, never become € 0.
    df["diensten"] = df[list(DIENSTEN)].sum(axis=1, skipna=False)
    df["maatwerk"] = df[list(MAATWERK)].sum(axis=1, skipna=False)
    return df


@lru_cache(maxsize=1)
def _componenten() -> pd.DataFrame:
    return _read_csv("taakzwaarte_componenten.csv", dtype={"code": str})


@lru_cache(maxsize=1)
def _maatstaven() -> pd.DataFrame:
    return _read_csv("maatstaven_wmo.csv")


@lru_cache(maxsize=1)
def _manifest() -> dict:
    path = resources.path("reference", "manifest.json")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReferenceDataError("Het overzicht van de referentiebronnen (manifest.json) ontbreekt.", str(exc)) from exc


def gemeenten_table() -> pd.DataFrame:
    return _gemeenten().copy()


def iv3_table() -> pd.DataFrame:
    """Long-ish table: one row per gemeente × jaar, columns per taakveld plus maatwerk/diensten, in €.

    NaN = geen Iv3-gegevens for that gemeente and year (see ``manifest()["ontbrekende_iv3"]``).
    """
    return _iv3().copy()


def componenten_table() -> pd.DataFrame:
    return _componenten().copy()


def maatstaven_table() -> pd.DataFrame:
    """Wmo cluster maatstaven: code, naam, gewicht (€ per eenheid), uitkeringsfactor."""
    return _maatstaven().copy()


def manifest_data() -> dict:
    return json.loads(json.dumps(_manifest()))
