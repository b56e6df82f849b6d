"""The public figures the Voorbeeldstad demo is calibrated on (Deventer, GM0150).

Why apart from the simulation: the calibration is what a reader checks first
("are these realistic numbers?"), and it is the only part that reads files
outside the repository (``../shared/reference-sources``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from demo_params import (
    AANDEEL_75_VAN_65,
    BEVOLKINGSGROEI,
    GEMEENTE,
    GEMEENTE_NAAM,
    GROEI_75PLUS,
    JAREN,
    KERNEN,
    TEAM_VAN,
    WIJK_NAMEN,
    WIJK_PREFIX,
)


@dataclass
class Wijk:
    code: str
    cbs_code: str
    naam: str
    inwoners: int  # 01-01-2021 (CBS figure of the model wijk)
    k0tot15: int
    k15tot25: int
    k65plus: int
    eenpersoons: int
    huishoudens: int
    laag_inkomen_pct: float
    hbh_clienten: int
    periode: str
    groei: float
    postcodes: list[str] = field(default_factory=list)

    @property
    def team(self) -> str:
        return TEAM_VAN[self.code]

    @property
    def volwassenen(self) -> int:
        """18+: 0-15 and 3 of the 10 year-groups 15-25 are minors."""
        return int(round(self.inwoners - self.k0tot15 - 0.3 * self.k15tot25))

    @property
    def pct_laag(self) -> float:
        return 10.0 if np.isnan(self.laag_inkomen_pct) else self.laag_inkomen_pct

    def schaal(self, jaar: int) -> float:
        return (1.0 + self.groei) ** (jaar - JAREN[0])

    def indicatoren(self, jaar: int) -> dict:
        """The wijk row of ``jaar`` (as on 1 January): all six Wmo maatstaven at wijk level."""
        s = self.schaal(jaar)
        huishoudens = self.huishoudens * s
        return {
            "jaar": jaar,
            "inwoners": int(round(self.inwoners * s)),
            "inwoners_75plus": int(round(self.k65plus * AANDEEL_75_VAN_65 * s * (1 + GROEI_75PLUS) ** (jaar - JAREN[0]))),
            "eenpersoonshuishoudens": int(round(self.eenpersoons * s)),
            "huishoudens_laag_inkomen": (None if np.isnan(self.laag_inkomen_pct)
                                         else int(round(self.laag_inkomen_pct / 100 * huishoudens))),
            "laag_opgeleid": int(round(self.volwassenen * s * laag_opgeleid_aandeel(self))),
            "kernen": KERNEN.get(self.code, 1),
        }


def laag_opgeleid_aandeel(w: Wijk) -> float:
    """Share of adults with at most lower education: no wijk figure is used; tied to low income (assumption)."""
    return round(0.14 + 0.9 * w.pct_laag / 100, 3)


@dataclass
class Calibration:
    wijken: list[Wijk]
    netto_2023: dict  # categorie -> euro (Iv3 jaarrekening 2023, lasten - baten)
    iv3_begroting: dict  # (jaar, categorie) -> euro netto (for reference in the README)
    iv3_bron: str
    wijk_bron: str

    @property
    def inwoners(self) -> int:
        return sum(w.inwoners for w in self.wijken)

    @property
    def volwassenen(self) -> int:
        return sum(w.volwassenen for w in self.wijken)

    def inwoners_in(self, jaar: int, codes=None) -> int:
        return sum(w.indicatoren(jaar)["inwoners"] for w in self.wijken if codes is None or w.code in codes)


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
            groei=BEVOLKINGSGROEI[index], postcodes=postcodes,
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


def load_calibration(sources: Path) -> Calibration:
    wijken, wijk_bron = load_wijken(sources)
    iv3 = _bundled_iv3()
    bron = ("CBS Iv3 (Informatie voor derden), netto lasten van Deventer uit de meegeleverde referentietabel "
            "`resources/reference/iv3_netto_lasten.csv` (jaarrekening 2023; begroting 2024 en 2025 ter vergelijking)")
    return Calibration(
        wijken=wijken,
        netto_2023={c: iv3[(2023, c)] for c in IV3_KOLOM},
        iv3_begroting={key: value for key, value in iv3.items() if key[0] in (2024, 2025)},
        iv3_bron=bron,
        wijk_bron=wijk_bron,
    )
