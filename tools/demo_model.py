"""The synthetic client population of Voorbeeldstad, 2021-2025, as a stock-flow simulation.

Why a simulation instead of random rows: the demo must behave like a real
caseload over time (clients entering and leaving, beschikkingen renewed,
growth, seasonality, a policy change with a known effect) so that the models
built on it can be checked against a known truth.

Determinism and common random numbers: every (product category, wijk) has its
own random stream for the ordinary clients and a *separate* stream for the
extra begeleiding clients of the planted policy change. The ordinary clients
are therefore exactly the clients the wijk would have had without the change;
removing the extra clients gives the counterfactual (see ``demo_truths``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from demo_calibration import Calibration, Wijk
from demo_params import (
    AANBIEDERS,
    AFWIJS_KANS,
    BELEID_CATEGORIE,
    BELEID_FACTOR,
    BELEID_START,
    BELEID_WIJKEN,
    BESCHIKKING_MAANDEN,
    CALIBRATIE_JAAR,
    CREDIT_KANS,
    EARLIEST,
    EXPORT_END,
    GROEI,
    MEAN_STAY,
    PER_1000,
    PGB_KANS,
    PRODUCTS,
    REALISATIE,
    REALISATIE_RUIS,
    REDEN_KANSEN,
    REDENEN,
    SEED,
    SEIZOEN_DAGBESTEDING,
    SIM_END,
    SIM_START,
    ZIN_DEEL_VAN_NETTO,
    Aanbieder,
    Product,
    tarief,
)

CATEGORIEEN = ("01", "02", "07")
DAYS_PER_MONTH = 30.44
AANBIEDER_WISSEL = date(2024, 1, 1)


@dataclass
class Client:
    key: int
    wijk: Wijk
    categorie: str
    extra: bool  # an extra client of the planted policy change
    bsn: str = ""
    naam: str = ""
    geboortejaar: int = 0
    geslacht: str = ""
    postcode: str = ""


@dataclass
class Toewijzing:
    nummer: int
    beschikking: int
    client: Client
    product: Product
    aanbieder: Aanbieder
    leveringsvorm: str
    ingang: date
    einde: date | None  # as the export of 01-07-2025 shows it (planned end when still running)
    einde_echt: date  # when it really ends in the simulation (may lie after the export)
    basisvolume: float
    reden: str | None
    volume: float = 0.0  # calibrated, rounded

    @property
    def categorie(self) -> str:
        return self.product.categorie

    @property
    def exported(self) -> bool:
        return self.ingang <= EXPORT_END


@dataclass
class Declaratie:
    nummer: int
    toewijzing: Toewijzing
    periode_start: date
    periode_eind: date
    volume: int
    tarief: float
    bedrag: float
    toegekend: float
    status: str
    credit_van: Declaratie | None = None  # set on a credit line: the declaratie it reverses

    @property
    def exported(self) -> bool:
        return self.periode_start <= EXPORT_END


@dataclass
class Demo:
    toewijzingen: list[Toewijzing]  # all simulated (use .exported for the file)
    declaraties: list[Declaratie]  # all simulated, incl. credit lines and 2nd half 2025
    calibration_factor: dict


def rng_for(*key: int) -> np.random.Generator:
    return np.random.default_rng([SEED, *key])


def _weighted(rng: np.random.Generator, items: list, weights) -> object:
    weights = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=weights / weights.sum()))]


def _days(months: float) -> int:
    return int(round(months * DAYS_PER_MONTH))


def _years(day: date) -> float:
    return (day - SIM_START).days / 365.25


def month_starts(first: date = SIM_START, last: date = SIM_END) -> list[date]:
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def month_end(first: date) -> date:
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1) - timedelta(days=1)


def start_stock(w: Wijk, categorie: str) -> float:
    """Expected active clients on 01-01-2021."""
    if categorie == "01":
        return float(w.hbh_clienten)
    if categorie == "02":
        return w.inwoners * PER_1000["02"] / 1000 * (0.6 + 0.04 * w.pct_laag)
    return w.inwoners * PER_1000["07"] / 1000 * (0.5 + 0.5 * w.k65plus / max(w.inwoners, 1) / 0.19)


def growth_rate(w: Wijk, categorie: str) -> float:
    """Continuous yearly growth of the expected stock: product growth per inwoner plus population change."""
    return math.log(1 + GROEI[categorie]) + math.log(1 + w.groei)


def expected_instroom(w: Wijk, categorie: str, t0: float, t1: float) -> float:
    """Expected new clients between years t0 and t1 (since 01-01-2021) that keep the stock on its path.

    Stock A(t) = A0 e^{kt} with exponential stays of mean S: instroom rate A(t)(k + 1/S).
    """
    a0, k, s = start_stock(w, categorie), growth_rate(w, categorie), MEAN_STAY[categorie] / 12
    if abs(k) < 1e-12:
        return a0 / s * (t1 - t0)
    return a0 * (k + 1 / s) * (math.exp(k * t1) - math.exp(k * t0)) / k


class _Sim:
    def __init__(self, cal: Calibration) -> None:
        self.cal = cal
        self.clients: list[Client] = []
        self.toewijzingen: list[Toewijzing] = []
        self.next_beschikking = 1

    def new_client(self, wijk: Wijk, categorie: str, extra: bool) -> Client:
        client = Client(len(self.clients), wijk, categorie, extra)
        self.clients.append(client)
        return client

    def stays(self, w: Wijk, categorie: str, rng: np.random.Generator, extra: bool) -> list[tuple[date, date]]:
        """(begin, end) of every stay of one stream: ordinary clients or the policy's extra clients."""
        stay = MEAN_STAY[categorie]
        out: list[tuple[date, date]] = []
        if not extra:
            for _ in range(int(round(start_stock(w, categorie)))):  # in care on 01-01-2021
                begin = SIM_START - timedelta(days=_days(rng.exponential(stay)))
                if begin < EARLIEST:  # very long stays: spread over the early years, no spike
                    begin = EARLIEST + timedelta(days=int(rng.integers(0, 730)))
                out.append((begin, SIM_START + timedelta(days=max(_days(rng.exponential(stay)), 1))))
        for first in month_starts():
            if extra and first < BELEID_START:
                continue
            last = month_end(first)
            mu = expected_instroom(w, categorie, _years(first), _years(last + timedelta(days=1)))
            if extra:
                mu *= BELEID_FACTOR - 1.0
            for _ in range(int(rng.poisson(mu))):
                begin = first + timedelta(days=int(rng.integers(0, last.day)))
                out.append((begin, begin + timedelta(days=max(_days(rng.exponential(stay)), 1))))
        return out

    def episode(self, client: Client, start: date, stay_end: date, rng: np.random.Generator) -> None:
        categorie = client.categorie
        products = [p for p in PRODUCTS if p.categorie == categorie]
        product = _weighted(rng, products, [p.aandeel for p in products])
        aanbieders = [a for a in AANBIEDERS if categorie in a.aandelen]
        shares = [(a.aandelen_2024 or a.aandelen) if start >= AANBIEDER_WISSEL else a.aandelen for a in aanbieders]
        aanbieder = _weighted(rng, aanbieders, [s[categorie] for s in shares])
        basis = float(_weighted(rng, list(product.volumes), product.kansen))
        pgb = rng.random() < PGB_KANS and product.eenheid != "83"
        reden = _weighted(rng, REDENEN, REDEN_KANSEN[categorie])
        length = int(rng.choice(BESCHIKKING_MAANDEN[categorie]))
        t0 = start
        while True:
            planned = None if length == 0 else t0 + timedelta(days=_days(length) - 1)
            ends_here = planned is None or planned >= stay_end
            einde_echt = stay_end if ends_here else planned
            if einde_echt >= SIM_START and t0 <= SIM_END:
                if t0 == start or rng.random() < 0.8:
                    self.next_beschikking += 1
                shown = einde_echt if einde_echt <= EXPORT_END else planned
                self.toewijzingen.append(Toewijzing(
                    nummer=0, beschikking=self.next_beschikking, client=client, product=product,
                    aanbieder=aanbieder, leveringsvorm="PGB" if pgb else "ZIN", ingang=t0, einde=shown,
                    einde_echt=einde_echt, basisvolume=basis,
                    reden=reden if ends_here and stay_end <= EXPORT_END else None,
                ))
            if ends_here or planned >= SIM_END:
                return
            t0 = planned + timedelta(days=1)

    def run(self) -> None:
        for ci, categorie in enumerate(CATEGORIEEN):
            for wi, w in enumerate(self.cal.wijken):
                streams = [(False, rng_for(1, ci, wi))]
                if categorie == BELEID_CATEGORIE and w.code in BELEID_WIJKEN:
                    streams.append((True, rng_for(2, ci, wi)))
                for extra, rng in streams:
                    for begin, end in self.stays(w, categorie, rng, extra):
                        self.episode(self.new_client(w, categorie, extra), begin, end, rng)


def _month_pieces(t: Toewijzing, first: date, last: date):
    """(start, end, days, days in month) of every calendar month of the toewijzing within [first, last]."""
    for m in month_starts(max(first, t.ingang), min(last, t.einde_echt)):
        end_m = month_end(m)
        start = max(m, t.ingang)
        end = min(end_m, t.einde_echt)
        if start <= end:
            yield start, end, (end - start).days + 1, end_m.day


def _raw_volume(t: Toewijzing, volume: float, days: int, month_days: int) -> float:
    if t.product.frequentie == "2":
        return volume * days / 7
    return volume * days / month_days  # frequentie 4: per maand


def seizoen(t: Toewijzing, month: int) -> float:
    return SEIZOEN_DAGBESTEDING.get(month, 1.0) if t.categorie == "07" else 1.0


def _offset(t: Toewijzing) -> float:
    """A fixed offset in [0, 1) per toewijzing (golden-ratio sequence on its number).

    Why: rounding every volume the same way makes spending a step function of
    the calibration factor (all "2.5 hours" become 3 at once), so the
    calibration could not hit its target; rounding with a spread offset makes
    it smooth while each volume stays a whole unit.
    """
    return (t.nummer * 0.6180339887498949) % 1.0


def _round_volume(t: Toewijzing, volume: float) -> float:
    step, least = {"01": (15, 30.0), "83": (1000, 10000.0)}.get(t.product.eenheid, (1, 1.0))
    return max(least, math.floor(volume / step + _offset(t)) * step)


def _round_delivered(product: Product, volume: float) -> int:
    if product.eenheid == "01":
        return int(round(volume / 5) * 5)
    return int(round(volume))


def _calibrate(zin: list[Toewijzing], cal: Calibration) -> dict:
    """Volume factor per categorie: expected ZIN spending in CALIBRATIE_JAAR = 90% of the Iv3 netto lasten.

    The expectation uses the *rounded* toegewezen volume (whole hours, dagdelen, 15 minutes), so the
    factor is found by bisection on that step function rather than in one division.
    """
    mean_real = sum(REALISATIE) / 2 * (1 - AFWIJS_KANS) * (1 - CREDIT_KANS)
    first, last = date(CALIBRATIE_JAAR, 1, 1), date(CALIBRATIE_JAAR, 12, 31)
    per_unit: dict[str, list[tuple[Toewijzing, float]]] = {}
    for t in zin:
        weight = sum(mean_real * seizoen(t, start.month) * _raw_volume(t, 1.0, days, month_days)
                     * tarief(t.product, CALIBRATIE_JAAR)
                     for start, _end, days, month_days in _month_pieces(t, first, last))
        if weight:
            per_unit.setdefault(t.categorie, []).append((t, weight))
    factors = {}
    for categorie, items in per_unit.items():
        target = cal.netto_2023[categorie] * ZIN_DEEL_VAN_NETTO

        def expected(f: float) -> float:
            return sum(w * _round_volume(t, t.basisvolume * f) for t, w in items)

        lo, hi = 0.01, 100.0
        for _ in range(60):
            mid = math.sqrt(lo * hi)
            lo, hi = (mid, hi) if expected(mid) < target else (lo, mid)
        factors[categorie] = hi
    return factors


def _declaraties(zin: list[Toewijzing]) -> list[Declaratie]:
    rng = rng_for(4)
    out: list[Declaratie] = []
    for t in zin:
        realisatie = float(rng.uniform(*REALISATIE))
        for start, end, days, month_days in _month_pieces(t, SIM_START, SIM_END):
            share = min(1.0, realisatie + rng.normal(0, REALISATIE_RUIS))
            raw = _raw_volume(t, t.volume, days, month_days) * share * seizoen(t, start.month)
            volume = _round_delivered(t.product, raw)
            if volume <= 0:
                continue
            prijs = tarief(t.product, start.year)
            bedrag = round(volume * prijs, 2)
            afgewezen = rng.random() < AFWIJS_KANS
            d = Declaratie(0, t, start, end, volume, prijs, bedrag, 0.0 if afgewezen else bedrag,
                           "Afgewezen" if afgewezen else "Goedgekeurd")
            out.append(d)
            if not afgewezen and rng.random() < CREDIT_KANS:
                out.append(Declaratie(0, t, start, end, -volume, prijs, -bedrag, -bedrag, "Goedgekeurd", d))
    out.sort(key=lambda d: (d.periode_start, d.toewijzing.aanbieder.agb, d.toewijzing.nummer,
                            d.credit_van is not None))
    for index, d in enumerate(out):
        d.nummer = 10_000_001 + index
    return out


_VOORLETTERS = "ABCDEFGHJKLMNPRSTW"
_ACHTERNAMEN = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
                "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
                "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "van Dijk", "Vermeulen", "Wolters",
                "Haverkamp", "Nijhuis", "ter Horst", "Kuipers", "Bruggink", "Lammers"]


def valid_bsn(rng: np.random.Generator) -> str:
    """A fictional BSN from the 9-series that passes the 11-proef."""
    while True:
        digits = [9] + [int(d) for d in rng.integers(0, 10, size=7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1))) % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


def _identities(clients: list[Client]) -> None:
    """BSN, name, birth year, sex and postcode, drawn in client order from one stream (unique BSNs)."""
    rng = rng_for(5)
    used: set[str] = set()
    for c in clients:
        bsn = valid_bsn(rng)
        while bsn in used:
            bsn = valid_bsn(rng)
        used.add(bsn)
        leeftijd = {"01": rng.normal(81, 8), "02": rng.normal(52, 17), "07": rng.normal(68, 16)}[c.categorie]
        leeftijd = int(min(101, max(19, leeftijd)))
        vrouw = rng.random() < (0.70 if c.categorie == "01" else 0.52)
        c.bsn = bsn
        c.naam = (f"{_VOORLETTERS[int(rng.integers(len(_VOORLETTERS)))]}. "
                  f"{_ACHTERNAMEN[int(rng.integers(len(_ACHTERNAMEN)))]}")
        letters = "".join(chr(65 + int(x)) for x in rng.integers(0, 26, size=2))
        c.postcode = f"{c.wijk.postcodes[int(rng.integers(len(c.wijk.postcodes)))]} {letters}"
        c.geboortejaar = 2025 - leeftijd
        c.geslacht = "V" if vrouw else "M"


def generate(cal: Calibration) -> Demo:
    sim = _Sim(cal)
    sim.run()
    toewijzingen = sorted(sim.toewijzingen, key=lambda t: (t.ingang, t.client.key, t.beschikking))
    # Number chronologically, as a source system does; renewals keep their shared beschikking.
    beschikkingen: dict[int, int] = {}
    for index, t in enumerate(toewijzingen):
        t.nummer = 2_000_001 + index
        t.beschikking = beschikkingen.setdefault(t.beschikking, 500_001 + len(beschikkingen))
    zin = [t for t in toewijzingen if t.leveringsvorm == "ZIN"]
    factor = _calibrate(zin, cal)
    for t in toewijzingen:
        t.volume = _round_volume(t, t.basisvolume * factor[t.categorie])
    _identities(sim.clients)
    return Demo(toewijzingen, _declaraties(zin), factor)
