"""The gemeente's own figures per product and year, to set beside the Iv3 reference.

Why a separate table with a long note: the own figures come from the
declaraties (zorg in natura only, the amounts aanbieders were paid), while
Iv3 netto lasten include pgb, uitvoering and the eigen bijdragen as income;
the budget realisatie is whatever the gemeente's own administration books on
the product; the CBS HbH clients per 1.000 are of 2019 and another indeling.
They are comparable in direction and order of magnitude, not to the euro, so
the note says what each column contains.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.inkoop.markt import EENHEID_LABELS, PERCELEN, hoofdeenheden, netto_regels
from wijkkompas.core.resultaat import Formaat, Kolom, Tabel

HBH = PERCELEN["01"]
# Budget rows without a productcategorie: the Iv3 taakveld tells the product (6.71a/b/c up to 2024).
TAAKVELD_PRODUCT = {"6.71a": "01", "6.71b": "02", "6.71c": "07"}

TOELICHTING = (
    "Eigen cijfers uit de declaraties (zorg in natura; creditregels verrekend, afgewezen regels niet meegeteld). "
    "Een cliënt telt mee als het netto gedeclareerde bedrag in het jaar positief is; pgb-cliënten ontbreken. "
    "Inwoners per jaar uit de wijkenimport. Een jaar dat niet compleet is gedeclareerd, telt minder maanden."
)
TOELICHTING_UITGAVEN = (
    "Gedeclareerd: netto toegekend bedrag uit de declaraties (zorg in natura). Niet één op één vergelijkbaar met "
    "de Iv3-netto lasten hierboven: die bevatten ook pgb, uitvoeringskosten en verrekenen de eigen bijdragen. "
    "Per volwassene: gedeeld door het aantal volwassenen (18+) volgens het gemeentefonds 2025, voor alle jaren."
)
TOELICHTING_REALISATIE = (
    "Uit realisatie: de gerealiseerde bedragen per product uit uw budgetbestand (regels met soort 'realisatie'; "
    "begrotingsregels tellen niet mee), zoals uw eigen financiële administratie ze boekt. Dat kan meer zijn dan "
    "de declaraties, bijvoorbeeld pgb of uitvoeringskosten die u op het product boekt; het verschil met "
    "'Gedeclareerd' laat zien hoeveel."
)


@dataclass(frozen=True)
class CbsHbh:
    """CBS Wmo-cliënten hulp bij het huishouden per 1.000 inwoners of one gemeente (bundled reference)."""

    per_1000: float
    jaar: int
    opmerking: str

    def toelichting(self) -> str:
        extra = self.opmerking.strip()
        return (f"CBS {self.jaar}: cliënten hulp bij het huishouden per 1.000 inwoners volgens de CBS-statistiek "
                f"Wmo-cliënten (uit de gemeentelijke registratie van maatwerkvoorzieningen, niet uit declaraties; "
                f"afgerond op hele cliënten per 1.000; {extra or 'indeling ' + str(self.jaar)}). De eigen cijfers "
                "tellen alleen cliënten met een declaratie (zorg in natura, zonder pgb) en zijn van andere jaren: "
                "vergelijk de orde van grootte, niet het exacte getal.")


def _inwoners_per_jaar(wijken: pd.DataFrame) -> dict[int, float]:
    if wijken is None or wijken.empty or "inwoners" not in wijken.columns:
        return {}
    inw = pd.to_numeric(wijken["inwoners"], errors="coerce")
    if "jaar" not in wijken.columns:
        return {-1: float(inw.sum())}
    jaar = pd.to_numeric(wijken["jaar"], errors="coerce")
    return {int(j): float(v) for j, v in inw.groupby(jaar).sum().items() if pd.notna(j)}


def _voor_jaar(per_jaar: dict[int, float], jaar: int) -> float | None:
    if not per_jaar:
        return None
    if -1 in per_jaar:
        return per_jaar[-1]
    nearest = min(per_jaar, key=lambda j: (abs(j - jaar), -j))
    return per_jaar[nearest]


def realisatie_per_product(budget: pd.DataFrame | None) -> dict[tuple[str, int], float]:
    """(productcategorie, jaar) → realised amount from the budget import (soort 'realisatie' only).

    The productcategorie column wins; without it the taakveld (6.71a/b/c) names
    the product. Rows of other products (beschermd wonen, toegang) are kept
    under their own code and simply find no declared row to sit beside.
    """
    if budget is None or budget.empty or "bedrag" not in budget.columns or "soort" not in budget.columns:
        return {}
    soort = budget["soort"].astype("string").str.strip().str.lower()
    b = budget[soort.str.startswith("realis").fillna(False)]
    if b.empty:
        return {}
    jaar = pd.to_numeric(b.get("jaar"), errors="coerce")
    bedrag = pd.to_numeric(b["bedrag"], errors="coerce")
    pc = (b["productcategorie"].astype("string").str.strip().str.replace(r"\.0$", "", regex=True).str.zfill(2)
          if "productcategorie" in b.columns else pd.Series(pd.NA, index=b.index, dtype="string"))
    if "taakveld" in b.columns:
        taakveld = b["taakveld"].astype("string").str.strip().str.lower().str.extract(r"^(6\.71[abc])", expand=False)
        pc = pc.fillna(taakveld.map(TAAKVELD_PRODUCT))
    frame = pd.DataFrame({"pc": pc, "jaar": jaar, "bedrag": bedrag}).dropna()
    return {(str(p), int(j)): float(v) for (p, j), v in frame.groupby(["pc", "jaar"])["bedrag"].sum().items()}


def eigen_frame(declaraties: pd.DataFrame, wijken: pd.DataFrame, volwassenen: int | None = None,
                budget: pd.DataFrame | None = None, cbs_hbh: CbsHbh | None = None) -> pd.DataFrame:
    """One row per product (``pc``) and year with every own figure; both tables below are views of it.

    Years with only a realisatie (no declaraties) get a row with empty
    declared cells, but only for products that are declared at all.
    """
    netto = netto_regels(declaraties)
    inwoners = _inwoners_per_jaar(wijken)
    hoofd = hoofdeenheden(pd.DataFrame({"productcategorie": declaraties["productcategorie"].astype("string"),
                                        "eenheid": declaraties["eenheid"].astype("string")})) \
        if {"productcategorie", "eenheid"} <= set(declaraties.columns) else {}
    per_client = netto.groupby(["productcategorie", "jaar", "client_id"])[["bedrag", "volume"]].sum().reset_index()
    start = pd.to_datetime(declaraties["periode_start"], errors="coerce")
    maanden = (pd.DataFrame({"pc": declaraties["productcategorie"].astype("string"), "jaar": start.dt.year,
                             "m": start.dt.month}).dropna().drop_duplicates().groupby(["pc", "jaar"]).size())
    realisatie = realisatie_per_product(budget)
    rows: list[dict[str, Any]] = []
    for (pc, jaar), g in per_client.groupby(["productcategorie", "jaar"]):
        bedrag = float(g["bedrag"].sum())
        clienten = int((g["bedrag"] > 0).sum())
        met_volume = int((g["volume"] > 0).sum())
        inw = _voor_jaar(inwoners, int(jaar))
        rows.append({
            "pc": pc, "product": PERCELEN.get(pc, pc), "jaar": int(jaar), "maanden": int(maanden.get((pc, jaar), 0)),
            "clienten": clienten,
            "per_1000": clienten / inw * 1000 if inw else None,
            "bedrag": bedrag,
            "kosten_per_client": bedrag / clienten if clienten else None,
            "volume_per_client": float(g["volume"].sum()) / met_volume if met_volume else None,
            "eenheid": EENHEID_LABELS.get(hoofd.get(pc, ""), hoofd.get(pc, "")),
            "per_volwassene": bedrag / volwassenen if volwassenen else None,
        })
    gedeclareerd = {(r["pc"], r["jaar"]) for r in rows}
    declared_products = {r["pc"] for r in rows}
    for (pc, jaar) in sorted(set(realisatie) - gedeclareerd):
        if pc in declared_products:  # a realised year the declaraties do not cover
            rows.append({"pc": pc, "product": PERCELEN.get(pc, pc), "jaar": jaar, "maanden": 0})
    for r in rows:
        real = realisatie.get((r["pc"], r["jaar"]))
        r["realisatie"] = real
        r["realisatie_per_volwassene"] = real / volwassenen if real is not None and volwassenen else None
        r["cbs_per_1000"] = cbs_hbh.per_1000 if cbs_hbh is not None and r["product"] == HBH else None
    data = pd.DataFrame(rows, columns=FRAME_KOLOMMEN)
    data = data.sort_values(["pc", "jaar"], kind="stable").reset_index(drop=True)
    data["jaar"] = data["jaar"].astype(str)
    return data


FRAME_KOLOMMEN = ["pc", "product", "jaar", "maanden", "clienten", "per_1000", "cbs_per_1000", "bedrag",
                  "kosten_per_client", "volume_per_client", "eenheid", "per_volwassene", "realisatie",
                  "realisatie_per_volwassene"]


def _cijfers_tabel(data: pd.DataFrame, cbs_hbh: CbsHbh | None) -> Tabel:
    kolommen = [
        Kolom("product", "Product"), Kolom("jaar", "Jaar", Formaat.TEKST),
        Kolom("maanden", "Maanden", Formaat.GEHEEL, toelichting="maanden met declaraties in dat jaar"),
        Kolom("clienten", "Cliënten", Formaat.GEHEEL),
        Kolom("per_1000", "Per 1.000 inw.", Formaat.DECIMAAL, "cliënten per 1.000 inwoners", 1),
    ]
    if cbs_hbh is not None:
        kolommen.append(Kolom("cbs_per_1000", f"CBS {cbs_hbh.jaar}", Formaat.DECIMAAL,
                              "cliënten per 1.000 inwoners", 0, toelichting=cbs_hbh.toelichting()))
    kolommen += [
        Kolom("kosten_per_client", "Per cliënt", Formaat.EURO, "€ per cliënt"),
        Kolom("volume_per_client", "Volume per cliënt", Formaat.DECIMAAL, "eenheden per cliënt", 0),
        Kolom("eenheid", "Eenheid"),
    ]
    toelichting = TOELICHTING + (" " + cbs_hbh.toelichting() if cbs_hbh is not None else "")
    rows = data[data["clienten"].notna()].reset_index(drop=True)
    return Tabel("eigen_cijfers", "Eigen cijfers uit de declaraties: cliënten en volume", rows, kolommen, toelichting)


def _uitgaven_tabel(data: pd.DataFrame) -> Tabel:
    met_realisatie = bool(data["realisatie"].notna().any())
    kolommen = [
        Kolom("product", "Product"), Kolom("jaar", "Jaar", Formaat.TEKST),
        Kolom("maanden", "Maanden", Formaat.GEHEEL, toelichting="maanden met declaraties in dat jaar"),
        Kolom("bedrag", "Gedeclareerd", Formaat.EURO, "€"),
        Kolom("per_volwassene", "Gedeclareerd per volw.", Formaat.EURO, "€ per volwassene", 2),
    ]
    if met_realisatie:
        kolommen += [Kolom("realisatie", "Uit realisatie", Formaat.EURO, "€", toelichting=TOELICHTING_REALISATIE),
                     Kolom("realisatie_per_volwassene", "Realisatie per volw.", Formaat.EURO, "€ per volwassene", 2)]
    toelichting = TOELICHTING_UITGAVEN + (" " + TOELICHTING_REALISATIE if met_realisatie else
                                          " Met een budgetbestand (soort 'realisatie') staat hier ook de realisatie.")
    titel = ("Eigen uitgaven per volwassene: gedeclareerd en uit de realisatie" if met_realisatie
             else "Eigen uitgaven per volwassene: gedeclareerd")
    rows = data if met_realisatie else data[data["clienten"].notna()].reset_index(drop=True)
    return Tabel("eigen_uitgaven", titel, rows, kolommen, toelichting)


def eigen_tabellen(declaraties: pd.DataFrame, wijken: pd.DataFrame, volwassenen: int | None = None,
                   budget: pd.DataFrame | None = None, cbs_hbh: CbsHbh | None = None) -> list[Tabel]:
    """The two own-figures tables: cliënten and volume (with CBS HbH 2019 beside them), and spending.

    Why two: beside each other the 13 columns did not fit a laptop screen; the
    spending table keeps 'Gedeclareerd' and 'Uit realisatie' side by side.
    """
    data = eigen_frame(declaraties, wijken, volwassenen, budget, cbs_hbh)
    return [_cijfers_tabel(data, cbs_hbh), _uitgaven_tabel(data)]


def eigen_cijfers(declaraties: pd.DataFrame, wijken: pd.DataFrame, volwassenen: int | None = None,
                  budget: pd.DataFrame | None = None, cbs_hbh: CbsHbh | None = None) -> Tabel:
    """Per product and year: cliënten, per 1.000 inwoners, cost and volume per cliënt (see ``eigen_tabellen``)."""
    return eigen_tabellen(declaraties, wijken, volwassenen, budget, cbs_hbh)[0]


def _gemeente(project: Any) -> Any:
    code = getattr(project, "gemeente_code", None)
    if not code:
        return None
    try:
        from wijkkompas.core.reference import get_gemeente

        return get_gemeente(code)
    except (KeyError, ValueError, LookupError):
        return None


def cbs_hbh_van(gemeente: Any) -> CbsHbh | None:
    """The bundled CBS 2019 HbH figure of a ``reference.Gemeente`` (None when CBS has none for it)."""
    if gemeente is None or getattr(gemeente, "hbh_per_1000_2019", None) is None:
        return None
    return CbsHbh(float(gemeente.hbh_per_1000_2019), 2019, str(getattr(gemeente, "hbh_2019_opmerking", "") or ""))


def eigen_tabellen_van(project: Any) -> list[Tabel]:
    """Both tables for a project with declaraties and wijken; an empty list otherwise."""
    tables = getattr(project, "tables", {}) or {}
    if "declaraties" not in tables or "wijken" not in tables:
        return []
    gemeente = _gemeente(project)
    volwassenen = getattr(gemeente, "volwassenen", None)
    return eigen_tabellen(tables["declaraties"], tables["wijken"], volwassenen, tables.get("budget"),
                          cbs_hbh_van(gemeente))


def eigen_cijfers_van(project: Any) -> Tabel | None:
    """The cliënten table for a project with declaraties and wijken; ``None`` otherwise."""
    tabellen = eigen_tabellen_van(project)
    return tabellen[0] if tabellen else None


def _laatste_volle_rij(rijen: pd.DataFrame) -> pd.Series:
    """The latest year declared in all twelve months; without one, the latest year at all."""
    gedeclareerd = rijen[rijen["clienten"].notna()]
    pool = gedeclareerd if not gedeclareerd.empty else rijen
    vol = pool[pd.to_numeric(pool["maanden"], errors="coerce") >= 12]
    return (vol if not vol.empty else pool).sort_values("jaar").iloc[-1]


KORT = {"per_volwassene": "Gedecl. per volw."}  # the Start block is narrower than the full tables


def kerncijfers(tabellen: list[Tabel]) -> Tabel:
    """A compact block for the Start panel: one row per product, its latest full year, the key columns only.

    The year is in the title; a Jaar column appears only when the products' years differ.

    Derived from the own-figures tables (``eigen_tabellen``), so Start and
    Gemeente & benchmark can never show different numbers.
    """
    defs: dict[str, Kolom] = {}
    for tabel in tabellen:
        for k in tabel.kolommen:
            defs.setdefault(k.naam, k)
    bron = tabellen[0].data  # every table holds the whole frame; the first has the declared years
    rows = [_laatste_volle_rij(g) for _, g in bron.groupby("product", sort=False)]
    jaren = sorted({str(r["jaar"]) for r in rows})
    wanted = ["product", *(["jaar"] if len(jaren) > 1 else []), "clienten", "per_1000", "cbs_per_1000",
              "kosten_per_client", "per_volwassene", "realisatie_per_volwassene"]
    kolommen = [replace(defs[n], label=KORT.get(n, defs[n].label)) for n in wanted if n in defs]
    namen = [k.naam for k in kolommen]
    data = pd.DataFrame(rows, columns=namen + ([] if "jaar" in namen else ["jaar"])).reset_index(drop=True)
    toelichting = ("Per product het laatste volledig gedeclareerde jaar, uit dezelfde tabellen als de eigen cijfers "
                   "in Gemeente & benchmark (daar staan alle jaren en de toelichting). Declaraties zijn zorg in natura.")
    if "cbs_per_1000" in defs:
        toelichting += " CBS 2019 ter vergelijking: een ander jaar en een andere telling."
    return Tabel("kerncijfers", f"Eigen kerncijfers ({', '.join(jaren)})", data, kolommen, toelichting)


def kerncijfers_van(project: Any, progress: Any = None) -> Tabel | None:
    """``kerncijfers`` of the project's own figures; ``None`` without declaraties and wijken."""
    tabellen = eigen_tabellen_van(project)
    if not tabellen or tabellen[0].data.empty:
        return None
    return kerncijfers(tabellen)


def hbh_vergelijking(tabel: Tabel) -> str | None:
    """One sentence for a summary: own HbH clients per 1.000 (latest full year) beside CBS 2019."""
    if "cbs_per_1000" not in [k.naam for k in tabel.kolommen]:
        return None
    hbh = tabel.data[(tabel.data["product"] == HBH) & tabel.data["per_1000"].notna()]
    if hbh.empty:
        return None
    rij = _laatste_volle_rij(hbh)
    return (f"Hulp bij het huishouden: {fmt.getal(float(rij['per_1000']), 1)} cliënten per 1.000 inwoners in "
            f"{rij['jaar']} volgens de eigen declaraties (zorg in natura); CBS 2019: "
            f"{fmt.getal(float(rij['cbs_per_1000']), 0)} per 1.000 (andere telling en ander jaar).")
