"""Every parameter of the Voorbeeldstad simulation, in one place.

Why one module: the README states these numbers exactly and the model tests
rely on them (growth, seasonality, tarief indexation, the planted policy
change, the budgetplafonds). Changing a number here changes the demo and its
README together when ``tools/make_demo.py`` runs.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SEED = 20250106
GEMEENTE = "GM0150"
GEMEENTE_NAAM = "Deventer"
WIJK_PREFIX = "WK0150"

SIM_START = date(2021, 1, 1)  # first day of the simulated history
EXPORT_END = date(2025, 6, 30)  # the exports are made "on 01-07-2025": nothing later is in them
SIM_END = date(2025, 12, 31)  # simulated on to year-end 2025 for the budgetplafond truth
EARLIEST = date(2015, 1, 1)
JAREN = (2021, 2022, 2023, 2024, 2025)
CALIBRATIE_JAAR = 2023
ZIN_DEEL_VAN_NETTO = 0.90  # the rest stands for pgb and the gemeente's own execution costs

WIJK_NAMEN = [
    "Binnenstad", "Havenkwartier", "Noorderpark", "Oostenhof", "Lindenhof",
    "Zuiderveld", "Spoorzone", "Singelwijk", "Nieuwland", "Bergweide",
    "Esdorp", "Kerkveld", "De Vaart", "Buitengebied Oost", "Molenbroek",
]
# Population change per year (fraction), per wijk W01..W15. W07 Spoorzone is the new-build wijk.
BEVOLKINGSGROEI = [0.002, -0.003, 0.004, 0.001, -0.002, -0.002, 0.070, 0.002, 0.003, -0.001,
                   0.000, 0.000, 0.000, -0.004, -0.001]
NIEUWBOUWWIJK = "W07"
KERNEN = {"W13": 2, "W14": 3}  # kernen per wijk; every other wijk is one kern
AANDEEL_75_VAN_65 = 0.44  # 75+ among 65+ in Overijssel, order of magnitude (assumption)
GROEI_75PLUS = 0.020  # extra yearly growth of 75+ on top of the wijk's population change (ageing)

# Four toegang teams; every team has treated and untreated wijken, so team and policy are not confounded.
TEAMS = {
    "Team Noord": ("W01", "W02", "W03", "W04"),
    "Team Oost": ("W05", "W06", "W07", "W08"),
    "Team Zuid": ("W09", "W10", "W11", "W12"),
    "Team West": ("W13", "W14", "W15"),
}
TEAM_VAN = {w: team for team, wijken in TEAMS.items() for w in wijken}
CLIENTEN_PER_FTE = 60.0  # active clients (all three products) per fte toegang, formatie each 1 January
KOSTEN_PER_FTE_2021 = 78_000.0
KOSTEN_PER_FTE_INDEX = 0.035  # CAO rise per year

# The planted policy change (the known truth for the effect model).
BELEID_START = date(2023, 1, 1)
BELEID_WIJKEN = ("W03", "W06", "W09", "W12", "W15")
BELEID_CATEGORIE = "02"
BELEID_FACTOR = 1.25  # instroom begeleiding in BELEID_WIJKEN from BELEID_START

# Caseload dynamics per categorie: mean stay (months, exponential), beschikking lengths (months, 0 = open end).
MEAN_STAY = {"01": 40.0, "02": 20.0, "07": 36.0}
BESCHIKKING_MAANDEN = {"01": (0, 60), "02": (12, 24), "07": (24,)}
# Growth of the number of clients per inwoner per year (on top of the wijk's population change).
GROEI = {"01": 0.05, "02": 0.03, "07": 0.0}
# Active clients begeleiding/dagbesteding per 1.000 inwoners on 01-01-2021: no wijk figures exist;
# order of magnitude from the Wmo-monitor for a centrumgemeente (assumption).
PER_1000 = {"02": 7.8, "07": 2.5}
PGB_KANS = 0.08
REALISATIE = (0.80, 1.00)  # share of the toegewezen volume delivered, uniform per toewijzing
REALISATIE_RUIS = 0.04  # monthly noise on it (normal, capped at 1)
AFWIJS_KANS = 0.012  # declaratie rejected (toegekend 0)
CREDIT_KANS = 0.010  # approved declaratie later reversed by a credit line

# Dagbesteding volume per month relative to normal (summer closure, Christmas week).
SEIZOEN_DAGBESTEDING = {7: 0.80, 8: 0.75, 12: 0.85}

# Tarief indexation on 1 January (fraction) relative to the previous year; 2021 is the base.
INDEXATIE = {2022: 0.032, 2023: 0.068, 2024: 0.059, 2025: 0.041}
INDEXATIE_2026 = 0.035  # only used for the begroting 2026
BEGROTING_TAAKSTELLING = 0.02  # begroting = projection minus 2%


@dataclass(frozen=True)
class Product:
    code: str
    categorie: str
    omschrijving: str
    eenheid: str  # WJ756
    frequentie: str  # WMO757
    tarief_2021: float
    aandeel: float  # share within its categorie
    volumes: tuple[float, ...]  # typical volume per frequentie period (before calibration)
    kansen: tuple[float, ...]


PRODUCTS = [
    Product("01A01", "01", "Hulp bij het huishouden", "01", "2", 0.52, 0.85,
            (60, 90, 120, 150, 180, 240), (0.20, 0.30, 0.25, 0.12, 0.08, 0.05)),
    Product("01A02", "01", "Hulp bij het huishouden plus", "01", "2", 0.57, 0.15,
            (90, 120, 180, 240), (0.3, 0.35, 0.25, 0.10)),
    Product("02A01", "02", "Begeleiding individueel", "04", "2", 57.20, 0.70,
            (1, 2, 3, 4, 6), (0.20, 0.35, 0.25, 0.12, 0.08)),
    Product("02A02", "02", "Begeleiding specialistisch", "04", "2", 71.10, 0.20,
            (1, 2, 3, 4, 6), (0.25, 0.35, 0.2, 0.12, 0.08)),
    Product("02A05", "02", "Begeleiding maatwerkbudget", "83", "4", 0.01, 0.10,
            (40000, 60000, 80000, 120000), (0.3, 0.35, 0.25, 0.10)),
    Product("07A01", "07", "Dagbesteding basis", "16", "2", 38.40, 0.75,
            (1, 2, 3, 4, 6, 8), (0.10, 0.25, 0.25, 0.2, 0.12, 0.08)),
    Product("07A02", "07", "Dagbesteding intensief", "16", "2", 55.10, 0.25,
            (2, 3, 4, 6, 8), (0.15, 0.25, 0.3, 0.2, 0.10)),
]
PRODUCT_BY_CODE = {p.code: p for p in PRODUCTS}


def index_factor(jaar: int) -> float:
    """Cumulative tarief index of ``jaar`` relative to 2021."""
    factor = 1.0
    for y in range(2022, jaar + 1):
        factor *= 1.0 + INDEXATIE.get(y, 0.0)
    return factor


def tarief(product: Product, jaar: int) -> float:
    """The tarief of a year: the 2021 tarief times the cumulative index, rounded to the eurocent."""
    if product.eenheid == "83":
        return product.tarief_2021  # maatwerkbudget: volume is the amount itself
    return round(product.tarief_2021 * index_factor(jaar), 2)


CATEGORIE_NAMEN = {"01": "Hulp bij het huishouden", "02": "Begeleiding", "07": "Dagbesteding"}
TAAKVELD_VOOR = {"01": "6.71a Huishoudelijke hulp (WMO)", "02": "6.71b Begeleiding (WMO)",
                 "07": "6.71c Dagbesteding (WMO)"}
TAAKVELD_2025 = {"01": "6.711 Huishoudelijke hulp (WMO)", "02": "6.712 Begeleiding (WMO)",
                 "07": "6.713 Dagbesteding (WMO)"}


@dataclass(frozen=True)
class Aanbieder:
    agb: str
    naam: str
    aandelen: dict  # categorie -> market share weight for new clients up to 2023
    aandelen_2024: dict | None = None  # from 01-01-2024, when set


AANBIEDERS = [
    Aanbieder("98011001", "Huishoudelijke Hulp Salland", {"01": 0.34}),
    Aanbieder("98011002", "Thuiszorg De Zonnebloem", {"01": 0.26}),
    Aanbieder("98011003", "Schoon & Zorg Coöperatie", {"01": 0.18}),
    Aanbieder("98011004", "Welzijn Noordoost", {"02": 0.22}),
    Aanbieder("98011005", "Stichting De Brug", {"02": 0.26, "07": 0.30}, {"02": 0.26, "07": 0.22}),
    Aanbieder("98011006", "Zorggroep Rivierenland", {"01": 0.22, "02": 0.20}),
    Aanbieder("98011007", "Dagcentrum 't Hofje", {"07": 0.28}, {"07": 0.55}),
    Aanbieder("98011008", "Zorgboerderij De Eshof", {"07": 0.22}, {"07": 0.10}),
    Aanbieder("98011009", "Begeleiding Op Maat", {"02": 0.32}),
    Aanbieder("98011010", "Leerwerkcentrum De Vaart", {"07": 0.20}, {"07": 0.13}),
]
AANBIEDER_BY_AGB = {a.agb: a for a in AANBIEDERS}

# Budgetplafond dagbesteding = simulated spending of that year / intended use, rounded to € 5.000.
PLAFOND_AFRONDING = 5_000
PLAFOND_GEBRUIK = {
    2024: {"98011005": 0.96, "98011007": 0.99, "98011008": 0.93, "98011010": 0.95},
    2025: {"98011005": 0.97, "98011007": 1.10, "98011008": 0.80, "98011010": 0.96},
}
PLAFOND_OVERSCHRIJDER = "98011007"  # on course to exceed its 2025 plafond
PLAFOND_ONDERBENUTTER = "98011008"  # uses clearly less than its 2025 plafond

REDENEN = ["Overlijden", "Verhuizing", "Opname Wlz-instelling", "Doelen behaald", "Op verzoek cliënt"]
REDEN_KANSEN = {"01": (0.40, 0.12, 0.30, 0.03, 0.15), "02": (0.05, 0.15, 0.10, 0.50, 0.20),
                "07": (0.20, 0.10, 0.40, 0.10, 0.20)}
