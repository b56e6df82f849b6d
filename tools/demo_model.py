"""The synthetic client population of Voorbeeldstad, calibrated on public figures.

Why a simulation instead of random rows: the demo must behave like a real
caseload over time (clients entering and leaving, beschikkingen renewed,
monthly declaraties that follow the toewijzingen) so that panels built on it
(active clients per month, spending per product, per wijk) look plausible.
Everything draws from one ``numpy`` generator in a fixed order: same seed,
same data.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

SEED = 20250106
GEMEENTE = "GM0150"
GEMEENTE_NAAM = "Deventer"
WIJK_PREFIX = "WK0150"
START = date(2023, 1, 1)
EIND = date(2024, 12, 31)
EARLIEST = date(2016, 1, 1)
DECLARATIE_JAAR = 2024
ZIN_DEEL_VAN_NETTO = 0.90  # the rest stands for pgb and the gemeente's own execution costs

# Fictional names for the 15 wijken, in the order of the CBS wijk codes WK015001..15.
WIJK_NAMEN = [
    "Binnenstad", "Havenkwartier", "Noorderpark", "Oostenhof", "Lindenhof",
    "Zuiderveld", "Spoorzone", "Singelwijk", "Nieuwland", "Bergweide",
    "Esdorp", "Kerkveld", "De Vaart", "Buitengebied Oost", "Molenbroek",
]


@dataclass(frozen=True)
class Product:
    code: str
    categorie: str
    omschrijving: str
    eenheid: str  # WJ756
    frequentie: str  # WMO757
    tarief_2023: float
    tarief_2024: float
    aandeel: float  # share within its categorie
    volumes: tuple[float, ...]  # typical volume per frequentie period (before calibration)
    kansen: tuple[float, ...]


PRODUCTS = [
    Product("01A01", "01", "Hulp bij het huishouden", "01", "2", 0.56, 0.59, 0.85,
            (60, 90, 120, 150, 180, 240), (0.20, 0.30, 0.25, 0.12, 0.08, 0.05)),
    Product("01A02", "01", "Hulp bij het huishouden plus", "01", "2", 0.62, 0.65, 0.15,
            (90, 120, 180, 240), (0.3, 0.35, 0.25, 0.10)),
    Product("02A01", "02", "Begeleiding individueel", "04", "2", 62.40, 66.12, 0.70,
            (1, 2, 3, 4, 6), (0.20, 0.35, 0.25, 0.12, 0.08)),
    Product("02A02", "02", "Begeleiding specialistisch", "04", "2", 77.60, 82.20, 0.20,
            (1, 2, 3, 4, 6), (0.25, 0.35, 0.2, 0.12, 0.08)),
    Product("02A05", "02", "Begeleiding maatwerkbudget", "83", "4", 0.01, 0.01, 0.10,
            (40000, 60000, 80000, 120000), (0.3, 0.35, 0.25, 0.10)),
    Product("07A01", "07", "Dagbesteding basis", "16", "2", 41.90, 44.28, 0.75,
            (1, 2, 3, 4, 6, 8), (0.10, 0.25, 0.25, 0.2, 0.12, 0.08)),
    Product("07A02", "07", "Dagbesteding intensief", "16", "2", 60.10, 63.60, 0.25,
            (2, 3, 4, 6, 8), (0.15, 0.25, 0.3, 0.2, 0.10)),
]
PRODUCT_BY_CODE = {p.code: p for p in PRODUCTS}

CATEGORIE_NAMEN = {"01": "Hulp bij het huishouden", "02": "Begeleiding", "07": "Dagbesteding"}
TAAKVELD_VOOR = {"01": "6.71a Huishoudelijke hulp (WMO)", "02": "6.71b Begeleiding (WMO)",
                 "07": "6.71c Dagbesteding (WMO)"}
TAAKVELD_2025 = {"01": "6.711 Huishoudelijke hulp (WMO)", "02": "6.712 Begeleiding (WMO)",
                 "07": "6.713 Dagbesteding (WMO)"}


@dataclass(frozen=True)
class Aanbieder:
    agb: str
    naam: str
    aandelen: dict  # categorie -> market share weight


AANBIEDERS = [
    Aanbieder("98011001", "Huishoudelijke Hulp Salland", {"01": 0.34}),
    Aanbieder("98011002", "Thuiszorg De Zonnebloem", {"01": 0.26}),
    Aanbieder("98011003", "Schoon & Zorg Coöperatie", {"01": 0.18}),
    Aanbieder("98011004", "Welzijn Noordoost", {"02": 0.22}),
    Aanbieder("98011005", "Stichting De Brug", {"02": 0.26, "07": 0.30}),
    Aanbieder("98011006", "Zorggroep Rivierenland", {"01": 0.22, "02": 0.20}),
    Aanbieder("98011007", "Dagcentrum 't Hofje", {"07": 0.28}),
    Aanbieder("98011008", "Zorgboerderij De Eshof", {"07": 0.22}),
    Aanbieder("98011009", "Begeleiding Op Maat", {"02": 0.32}),
    Aanbieder("98011010", "Leerwerkcentrum De Vaart", {"07": 0.20}),
]

# Caseload dynamics per categorie: mean stay (months) and beschikking length (months, 0 = open end).
MEAN_STAY = {"01": 40.0, "02": 20.0, "07": 36.0}
BESCHIKKING_MAANDEN = {"01": (0, 60), "02": (12, 24), "07": (24,)}
# Active clients begeleiding/dagbesteding per 1.000 inwoners: no wijk figures exist for these;
# order of magnitude from the Wmo-monitor for a centrumgemeente (assumption, see README).
PER_1000 = {"02": 7.8, "07": 2.5}
PGB_KANS = 0.08

REDENEN = ["Overlijden", "Verhuizing", "Opname Wlz-instelling", "Doelen behaald", "Op verzoek cliënt"]
REDEN_KANSEN = {"01": (0.40, 0.12, 0.30, 0.03, 0.15), "02": (0.05, 0.15, 0.10, 0.50, 0.20),
                "07": (0.20, 0.10, 0.40, 0.10, 0.20)}
TEAMS = ["Wijkteam Noord", "Wijkteam Oost", "Wijkteam Zuid", "Wijkteam West", "Wijkteam Centrum"]


@dataclass
class Wijk:
    code: str
    cbs_code: str
    naam: str
    inwoners: int
    k0tot15: int
    k15tot25: int
    k65plus: int
    eenpersoons: int
    huishoudens: int
    laag_inkomen_pct: float
    hbh_clienten: int
    periode: str
    postcodes: list[str] = field(default_factory=list)
    team: str = ""

    @property
    def volwassenen(self) -> int:
        """18+: 0-15 and 3 of the 10 year-groups 15-25 are minors."""
        return int(round(self.inwoners - self.k0tot15 - 0.3 * self.k15tot25))


@dataclass
class Calibration:
    wijken: list[Wijk]
    netto_2023: dict  # categorie -> euro (Iv3 jaarrekening 2023, lasten - baten)
    begroting: dict  # (jaar, categorie) -> euro netto
    iv3_bron: str
    wijk_bron: str

    @property
    def inwoners(self) -> int:
        return sum(w.inwoners for w in self.wijken)

    @property
    def volwassenen(self) -> int:
        return sum(w.volwassenen for w in self.wijken)


def _period_key(text: str) -> tuple[int, int]:
    half, _, year = text.partition(" halfjaar ")
    return int(year), int(half[0])


def load_wijken(sources: Path) -> tuple[list[Wijk], str]:
    path = sources / "wmo-clienten" / "hbh_clienten_wijk_2017_2020.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["codering_regio"].startswith(WIJK_PREFIX)]
    by_code: dict[str, list[dict]] = {}
    for row in rows:
        by_code.setdefault(row["codering_regio"], []).append(row)
    wijken = []
    first_pc = 7411
    for index, code in enumerate(sorted(by_code)):
        history = sorted(by_code[code], key=lambda r: _period_key(r["perioden"]))
        latest = history[-1]
        laag = [float(r["huishoudensmeteenlaaginkomen"]) for r in history if r["huishoudensmeteenlaaginkomen"]]
        inwoners = int(latest["aantalinwoners"])
        n_pc = 1 if inwoners < 3000 else (2 if inwoners < 8000 else 3)
        postcodes = [str(first_pc + i) for i in range(n_pc)]
        first_pc += n_pc
        wijken.append(Wijk(
            code=f"W{index + 1:02d}", cbs_code=code, naam=WIJK_NAMEN[index], inwoners=inwoners,
            k0tot15=int(latest["k0tot15jaar"]), k15tot25=int(latest["k15tot25jaar"]),
            k65plus=int(latest["k65jaarofouder"]), eenpersoons=int(latest["eenpersoonshuishoudens"]),
            huishoudens=int(latest["huishoudenstotaal"]), laag_inkomen_pct=laag[-1] if laag else float("nan"),
            hbh_clienten=int(float(latest["wmoclienten"])), periode=latest["perioden"],
            postcodes=postcodes, team=TEAMS[index % len(TEAMS)],
        ))
    if len(wijken) != len(WIJK_NAMEN):
        raise ValueError(f"Verwacht {len(WIJK_NAMEN)} wijken van {GEMEENTE_NAAM}, gevonden {len(wijken)}")
    return wijken, f"CBS Wmo-cliënten HbH per wijk en Kerncijfers wijken en buurten, {wijken[0].periode}"


BUNDLED_IV3 = Path(__file__).resolve().parents[1] / "resources" / "reference" / "iv3_netto_lasten.csv"
IV3_KOLOM = {"01": "6.71a", "02": "6.71b", "07": "6.71c"}


def _bundled_iv3() -> dict:
    """(jaar, categorie) -> netto lasten in euro from the app's own reference table."""
    found = {}
    with BUNDLED_IV3.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["code"] == GEMEENTE:
                for categorie, kolom in IV3_KOLOM.items():
                    found[(int(row["jaar"]), categorie)] = float(row[kolom])
    return found


def _shared_iv3(iv3: Path) -> dict:
    """Fallback when the bundled table is absent: Lasten − Baten (€ 1.000) from the raw Iv3 files."""
    found = {}
    for jaar, file_name, taakvelden in ((2023, "2023_jaarrekening.csv", TAAKVELD_VOOR),
                                        (2024, "2024_begroting.csv", TAAKVELD_VOOR),
                                        (2025, "2025_begroting.csv", TAAKVELD_2025)):
        with (iv3 / file_name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                if row["Gemeenten"] != GEMEENTE_NAAM:
                    continue
                for categorie, taakveld in taakvelden.items():
                    if row["Taakveld"].strip() == taakveld:
                        found[(jaar, categorie)] = (float(row["Lasten"] or 0) - float(row["Baten"] or 0)) * 1000
    return found


def load_calibration(sources: Path) -> Calibration:
    wijken, wijk_bron = load_wijken(sources)
    if BUNDLED_IV3.is_file():
        iv3 = _bundled_iv3()
        bron = ("CBS Iv3 (Informatie voor derden), netto lasten van Deventer uit de meegeleverde referentietabel "
                "`resources/reference/iv3_netto_lasten.csv` (jaarrekening 2023, begroting 2024 en 2025; "
                "2025 omgezet naar de taakvelden van 2023)")
    else:
        iv3 = _shared_iv3(sources / "iv3")
        bron = ("CBS Iv3 (Informatie voor derden), Deventer: jaarrekening 2023 en begroting 2024/2025, "
                "netto lasten = lasten − baten, uit ../shared/reference-sources/iv3")
    return Calibration(
        wijken=wijken,
        netto_2023={c: iv3[(2023, c)] for c in IV3_KOLOM},
        begroting={key: value for key, value in iv3.items() if key[0] in (2024, 2025)},
        iv3_bron=bron,
        wijk_bron=wijk_bron,
    )


# --- the simulation ---------------------------------------------------------------------
@dataclass
class Client:
    bsn: str
    naam: str
    geboortejaar: int
    geslacht: str
    wijk: Wijk
    postcode: str


@dataclass
class Toewijzing:
    nummer: int
    beschikking: int
    client: Client
    product: Product
    aanbieder: Aanbieder
    leveringsvorm: str
    ingang: date
    einde: date | None
    basisvolume: float
    reden: str | None
    volume: float = 0.0  # calibrated, rounded

    @property
    def categorie(self) -> str:
        return self.product.categorie


@dataclass
class Declaratie:
    nummer: str
    toewijzing: Toewijzing
    periode_start: date
    periode_eind: date
    volume: int
    tarief: float
    bedrag: float
    toegekend: float
    status: str


@dataclass
class Demo:
    toewijzingen: list[Toewijzing]
    declaraties: list[Declaratie]
    calibration_factor: dict
    gedeclareerd: dict  # categorie -> toegekend bedrag 2024


def valid_bsn(rng: np.random.Generator) -> str:
    """A fictional BSN from the 9-series that passes the 11-proef."""
    while True:
        digits = [9] + [int(d) for d in rng.integers(0, 10, size=7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1)))
        check = total % 11
        if check < 10:
            return "".join(map(str, digits)) + str(check)


_VOORLETTERS = "ABCDEFGHJKLMNPRSTW"
_ACHTERNAMEN = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
                "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
                "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "van Dijk", "Vermeulen", "Wolters",
                "Haverkamp", "Nijhuis", "ter Horst", "Kuipers", "Bruggink", "Lammers"]


def _weighted(rng: np.random.Generator, items: list, weights) -> object:
    weights = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=weights / weights.sum()))]


def _days(months: float) -> int:
    return int(round(months * 30.44))


class _Sim:
    def __init__(self, cal: Calibration, rng: np.random.Generator) -> None:
        self.cal = cal
        self.rng = rng
        self.used_bsn: set[str] = set()
        self.toewijzingen: list[Toewijzing] = []
        self.next_toewijzing = 2_000_001
        self.next_beschikking = 500_001

    def new_client(self, wijk: Wijk, categorie: str) -> Client:
        rng = self.rng
        bsn = valid_bsn(rng)
        while bsn in self.used_bsn:
            bsn = valid_bsn(rng)
        self.used_bsn.add(bsn)
        leeftijd = {"01": rng.normal(81, 8), "02": rng.normal(52, 17), "07": rng.normal(68, 16)}[categorie]
        leeftijd = int(min(101, max(19, leeftijd)))
        vrouw = rng.random() < (0.70 if categorie == "01" else 0.52)
        naam = f"{_VOORLETTERS[int(rng.integers(len(_VOORLETTERS)))]}. {_ACHTERNAMEN[int(rng.integers(len(_ACHTERNAMEN)))]}"
        letters = "".join(chr(65 + int(x)) for x in rng.integers(0, 26, size=2))
        postcode = f"{wijk.postcodes[int(rng.integers(len(wijk.postcodes)))]} {letters}"
        return Client(bsn, naam, 2024 - leeftijd, "V" if vrouw else "M", wijk, postcode)

    def episode(self, client: Client, categorie: str, start: date, stay_end: date) -> None:
        rng = self.rng
        products = [p for p in PRODUCTS if p.categorie == categorie]
        product = _weighted(rng, products, [p.aandeel for p in products])
        aanbieders = [a for a in AANBIEDERS if categorie in a.aandelen]
        aanbieder = _weighted(rng, aanbieders, [a.aandelen[categorie] for a in aanbieders])
        basis = float(_weighted(rng, list(product.volumes), product.kansen))
        pgb = rng.random() < PGB_KANS and product.eenheid != "83"
        reden = _weighted(rng, REDENEN, REDEN_KANSEN[categorie])
        length = int(rng.choice(BESCHIKKING_MAANDEN[categorie]))
        t0 = start
        while True:
            planned = None if length == 0 else t0 + timedelta(days=_days(length) - 1)
            ends_here = planned is None or planned >= stay_end
            einde = (stay_end if stay_end <= EIND else planned) if ends_here else planned
            if (einde is None or einde >= START) and t0 <= EIND:
                self.next_beschikking += 1 if t0 == start or rng.random() < 0.8 else 0
                self.toewijzingen.append(Toewijzing(
                    nummer=self.next_toewijzing, beschikking=self.next_beschikking, client=client,
                    product=product, aanbieder=aanbieder, leveringsvorm="PGB" if pgb else "ZIN",
                    ingang=t0, einde=einde, basisvolume=basis,
                    reden=reden if ends_here and stay_end <= EIND else None,
                ))
                self.next_toewijzing += 1
            if ends_here or planned >= EIND:
                return
            t0 = planned + timedelta(days=1)

    def run(self) -> None:
        rng = self.rng
        wijken = self.cal.wijken
        targets = {
            "01": {w.code: w.hbh_clienten for w in wijken},
            "02": {w.code: w.inwoners * PER_1000["02"] / 1000 * (0.6 + 0.04 * _pct(w)) for w in wijken},
            "07": {w.code: w.inwoners * PER_1000["07"] / 1000 * (0.5 + 0.5 * w.k65plus / max(w.inwoners, 1) / 0.19)
                   for w in wijken},
        }
        for categorie in ("01", "02", "07"):
            stay = MEAN_STAY[categorie]
            begeleiding_clients: list[Client] = []
            for wijk in wijken:
                active = int(round(targets[categorie][wijk.code]))
                monthly_in = active / stay
                starts: list[tuple[date, date]] = []
                for _ in range(active):  # in care on 1 January 2023: backward/forward recurrence times
                    before = _days(rng.exponential(stay))
                    after = _days(rng.exponential(stay))
                    begin = START - timedelta(days=before)
                    if begin < EARLIEST:  # very long stays: spread over the early years, no spike
                        begin = EARLIEST + timedelta(days=int(rng.integers(0, 730)))
                    starts.append((begin, START + timedelta(days=max(after, 1))))
                for month in range(24):
                    first = date(2023 + month // 12, month % 12 + 1, 1)
                    for _ in range(int(rng.poisson(monthly_in))):
                        begin = first + timedelta(days=int(rng.integers(0, 28)))
                        starts.append((begin, begin + timedelta(days=max(_days(rng.exponential(stay)), 14))))
                for begin, stay_end in starts:
                    if categorie == "07" and begeleiding_clients and rng.random() < 0.3:
                        client = begeleiding_clients[int(rng.integers(len(begeleiding_clients)))]
                    else:
                        client = self.new_client(wijk, categorie)
                    if categorie == "02":
                        begeleiding_clients.append(client)
                    self.episode(client, categorie, begin, stay_end)
            if categorie == "02":
                self._last_begeleiding = begeleiding_clients


def _pct(wijk: Wijk) -> float:
    return 10.0 if np.isnan(wijk.laag_inkomen_pct) else wijk.laag_inkomen_pct


def _month_periods(t: Toewijzing, year: int):
    for month in range(1, 13):
        first = date(year, month, 1)
        last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
        start = max(first, t.ingang)
        end = last if t.einde is None else min(last, t.einde)
        if start <= end:
            yield start, end, (end - start).days + 1, (last - first).days + 1


def _raw_volume(t: Toewijzing, volume: float, days: int, month_days: int) -> float:
    if t.product.frequentie == "2":
        return volume * days / 7
    return volume * days / month_days  # frequentie 4: per maand


def _round_volume(product: Product, volume: float) -> float:
    if product.eenheid == "01":
        return max(30.0, round(volume / 15) * 15)
    if product.eenheid == "83":
        return max(10000.0, round(volume / 1000) * 1000)
    return max(1.0, float(round(volume)))


def _round_delivered(product: Product, volume: float) -> int:
    if product.eenheid == "01":
        return int(round(volume / 5) * 5)
    if product.eenheid == "83":
        return int(round(volume))
    return int(round(volume))


def generate(cal: Calibration, rng: np.random.Generator) -> Demo:
    sim = _Sim(cal, rng)
    sim.run()
    toewijzingen = sorted(sim.toewijzingen, key=lambda t: (t.ingang, t.nummer))
    # Number chronologically, as a source system does; renewals keep their shared beschikking.
    beschikkingen: dict[int, int] = {}
    for index, t in enumerate(toewijzingen):
        t.nummer = 2_000_001 + index
        t.beschikking = beschikkingen.setdefault(t.beschikking, 500_001 + len(beschikkingen))
    zin = [t for t in toewijzingen if t.leveringsvorm == "ZIN"]
    # Pass 1: expected spending with uncalibrated volumes and the mean realisation of 0,9.
    expected: dict[str, float] = {}
    for t in zin:
        for _start, _end, days, month_days in _month_periods(t, DECLARATIE_JAAR):
            amount = 0.9 * _raw_volume(t, t.basisvolume, days, month_days) * t.product.tarief_2024
            expected[t.categorie] = expected.get(t.categorie, 0.0) + amount
    factor = {c: cal.netto_2023[c] * ZIN_DEEL_VAN_NETTO / expected[c] for c in expected}
    for t in toewijzingen:
        t.volume = _round_volume(t.product, t.basisvolume * factor[t.categorie])
    # Pass 2: the declaraties themselves.
    declaraties: list[Declaratie] = []
    gedeclareerd: dict[str, float] = {}
    number = 24_000_001
    for t in sorted(zin, key=lambda t: t.nummer):
        realisatie = float(rng.uniform(0.80, 1.0))
        for start, end, days, month_days in _month_periods(t, DECLARATIE_JAAR):
            raw = _raw_volume(t, t.volume, days, month_days) * min(1.0, realisatie + rng.normal(0, 0.04))
            volume = _round_delivered(t.product, raw)
            if volume <= 0:
                continue
            tarief = t.product.tarief_2024
            bedrag = round(volume * tarief, 2)
            afgewezen = rng.random() < 0.012
            toegekend = 0.0 if afgewezen else bedrag
            declaraties.append(Declaratie(
                nummer=f"D{number}", toewijzing=t, periode_start=start, periode_eind=end, volume=volume,
                tarief=tarief, bedrag=bedrag, toegekend=toegekend, status="Afgewezen" if afgewezen else "Goedgekeurd",
            ))
            number += 1
            gedeclareerd[t.categorie] = gedeclareerd.get(t.categorie, 0.0) + toegekend
    declaraties.sort(key=lambda d: (d.periode_start, d.toewijzing.aanbieder.agb, d.toewijzing.nummer))
    return Demo(toewijzingen, declaraties, factor, gedeclareerd)
