"""The arithmetic of a verdeelsleutel: shares, exact rounding, decomposition, sensitivity, ingroeipad.

Why one representation for every method: each method (gemeentefonds, per
inwoner, historisch, mix, gekalibreerd, bottom-up) yields a non-negative
*bijdragematrix* C (wijk × component, any unit). A wijk's budget is
``totaal × rowsum(C) / sum(C)``; its decomposition per component is the same
fraction per column. So rounding, the "why per wijk", the ±10% sensitivity and
the ingroeipad are written (and tested) once, and scaling all weights by a
constant cannot change the distribution.
"""
from __future__ import annotations

import math

import numpy as np


def afronden_exact(values: np.ndarray, totaal: int) -> np.ndarray:
    """Whole euros that sum exactly to ``totaal`` (largest-remainder method).

    Each value becomes its floor or its ceiling, so a value that lies between two
    whole-euro bounds stays between them (the ingroeipad relies on that). Ties go
    to the earlier wijk, so the result is deterministic.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values.astype(np.int64)
    floors = np.floor(values + 1e-9).astype(np.int64)
    rest = int(totaal) - int(floors.sum())
    if rest < 0 or rest > values.size:
        # Values do not sum to the total (caller's bug); scale first so the contract still holds.
        som = values.sum()
        if som <= 0:
            raise ValueError("Geen positieve waarden om af te ronden.")
        return afronden_exact(values * (totaal / som), totaal)
    fraction = values - floors
    order = np.lexsort((np.arange(values.size), -fraction))
    floors[order[:rest]] += 1
    return floors


def verdeel(bijdragen: np.ndarray, totaal: float) -> tuple[np.ndarray, np.ndarray]:
    """Budget per wijk (float) and € per wijk × component for a bijdragematrix."""
    c = np.asarray(bijdragen, dtype=float)
    if c.ndim == 1:
        c = c[:, None]
    if (c < 0).any() or not np.isfinite(c).all():
        raise ValueError("Bijdragen moeten eindig en niet-negatief zijn.")
    som = c.sum()
    if som <= 0:
        raise ValueError("De verdeelsleutel is overal nul.")
    euro = totaal * c / som
    return euro.sum(axis=1), euro


def gevoeligheid(bijdragen: np.ndarray, totaal: float, stap: float = 0.10) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest budget per wijk when each component's weight moves by ±stap, one at a time."""
    c = np.asarray(bijdragen, dtype=float)
    if c.ndim == 1:
        c = c[:, None]
    basis, _ = verdeel(c, totaal)
    laag, hoog = basis.copy(), basis.copy()
    for j in range(c.shape[1]):
        for factor in (1.0 - stap, 1.0 + stap):
            variant = c.copy()
            variant[:, j] *= factor
            budget, _ = verdeel(variant, totaal)
            laag = np.minimum(laag, budget)
            hoog = np.maximum(hoog, budget)
    return laag, hoog


def ingroeipad(huidig: np.ndarray, doel: np.ndarray, procent: float, jaren: int) -> np.ndarray:
    """Budgets per year (rows) moving from ``huidig`` towards ``doel``, each year at most ±procent per wijk.

    Like the gemeentefonds' suppletieregeling: a wijk loses at most ``procent``
    of last year's budget; the gains of the others are scaled down to pay for
    that, so every year sums to the same total. Both inputs are whole euros with
    the same sum; every year is whole euros too, inside integer bounds, so
    rounding never breaks the cap.
    """
    vorig = np.asarray(huidig, dtype=np.int64)
    doel = np.asarray(doel, dtype=np.int64)
    if vorig.sum() != doel.sum():
        raise ValueError("Huidige en nieuwe verdeling moeten hetzelfde totaal hebben.")
    totaal = int(vorig.sum())
    fractie = procent / 100.0
    rows = []
    for _ in range(int(jaren)):
        onder = np.ceil(vorig * (1.0 - fractie) - 1e-9).astype(np.int64)
        boven = np.floor(vorig * (1.0 + fractie) + 1e-9).astype(np.int64)
        gewenst = np.clip(doel, onder, boven).astype(float)
        overschot = gewenst.sum() - totaal
        if overschot > 0:      # winners receive more than the losers give up: scale gains down
            winst = np.maximum(gewenst - vorig, 0)
            gewenst = gewenst - winst * (overschot / winst.sum())
        elif overschot < 0:    # losers give more than the winners may take: scale losses down
            verlies = np.maximum(vorig - gewenst, 0)
            gewenst = gewenst + verlies * (-overschot / verlies.sum())
        jaar = afronden_exact(np.clip(gewenst, onder, boven), totaal)
        rows.append(jaar)
        vorig = jaar
    return np.array(rows, dtype=np.int64).reshape(len(rows), len(doel))


def jaren_tot_doel(huidig: np.ndarray, doel: np.ndarray, procent: float, maximum: int = 50) -> int | None:
    """How many years of the ingroeipad it takes to reach the new distribution (None: not within maximum)."""
    if procent <= 0:
        return None if not np.array_equal(np.asarray(huidig), np.asarray(doel)) else 0
    pad = ingroeipad(huidig, doel, procent, maximum)
    for jaar, rij in enumerate(pad, start=1):
        if np.array_equal(rij, doel):
            return jaar
    return None if not np.array_equal(np.asarray(huidig), np.asarray(doel)) else 0


def afgerond_totaal(bedrag: float) -> int:
    """The distributable total in whole euros (cents stay in the reserve)."""
    return int(math.floor(bedrag + 1e-9))
