"""The wijk × maand panel of one outcome for one product, computed from the canonical tables.

Why from the canonical tables and not the derived monthly panel: the derived
panel counts clients per wijk × aanbieder, so adding its rows double counts a
client with two aanbieders; here a client is counted once per wijk and month.

Outcomes (per product):
  clienten_per_1000   clients with an active toewijzing in the month, per 1.000 inwoners
  instroom_per_1000   clients active this month and not the month before, per 1.000 inwoners
  kosten_per_inwoner  declared (toegekend, credit lines netted) amount in the month, € per inwoner
  volume_per_client   declared volume (hours; dagdeel = 4 uur) per declaring client in the month

The observation window: an export holds the toewijzingen active in some
period, so toewijzingen that ended before it are missing and counts before it
are too low. The window therefore starts at the month of the earliest
einddatum in the file (something ends in the first month of any real export)
and ends at the month of the latest ingangsdatum (the export's horizon); cost
and volume use the months the declaraties cover.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.imports.codelists import UREN_PER_EENHEID

PRODUCTEN: dict[str, tuple[str, str]] = {
    "hbh": ("01", "hulp bij het huishouden"),
    "begeleiding": ("02", "begeleiding"),
    "dagbesteding": ("07", "dagbesteding"),
}
UITKOMSTEN: dict[str, tuple[str, str]] = {
    "clienten_per_1000": ("Actieve cliënten per 1.000 inwoners", "per 1.000 inwoners"),
    "instroom_per_1000": ("Nieuwe cliënten (instroom) per 1.000 inwoners", "per 1.000 inwoners per maand"),
    "kosten_per_inwoner": ("Kosten per inwoner", "€ per inwoner per maand"),
    "volume_per_client": ("Volume per cliënt", "uur per cliënt per maand"),
}


class EffectInvoerFout(WijkkompasError):
    """The question cannot be answered with these data (unknown wijk, start outside the data, …)."""


@dataclass
class Uitkomstpaneel:
    uitkomst: str
    product: str
    wijken: list[str]
    wijk_namen: dict[str, str]
    maanden: list[str]          # "jjjj-mm"
    y: np.ndarray               # N × T, NaN where not observed
    inwoners: np.ndarray        # N × T
    stap: int = 1               # months per period: 1 (maand) or 6 (halfjaar; ``maanden`` holds its first month)

    @property
    def label(self) -> str:
        return UITKOMSTEN[self.uitkomst][0]

    @property
    def eenheid(self) -> str:
        return UITKOMSTEN[self.uitkomst][1]


def maand_index(maand: str) -> int:
    """'2023-01' -> months since 1970-01 (raises ValueError on a malformed month)."""
    stamp = pd.Period(maand, freq="M")
    return int(stamp.ordinal)


def maand_tekst(index: int) -> str:
    return str(pd.Period(ordinal=int(index), freq="M"))


def productcategorie(product: str) -> str:
    if product in PRODUCTEN:
        return PRODUCTEN[product][0]
    for code, (cat, _label) in PRODUCTEN.items():
        if product == cat:
            return cat
    raise EffectInvoerFout(f"Onbekend product '{product}'. Kies uit: {', '.join(PRODUCTEN)}.")


def _months(values: pd.Series) -> np.ndarray:
    return pd.to_datetime(values, errors="coerce").to_numpy().astype("datetime64[M]").astype(np.int64)


def _inwoners(wijken: pd.DataFrame, codes: list[str], maanden: np.ndarray) -> np.ndarray:
    """Inwoners per wijk and month; with a ``jaar`` column the year's figure (nearest year when missing)."""
    table = wijken.copy()
    table["inwoners"] = pd.to_numeric(table["inwoners"], errors="coerce")
    years = 1970 + maanden // 12
    out = np.full((len(codes), len(maanden)), np.nan)
    for i, code in enumerate(codes):
        rows = table[table["wijk_code"].astype(str) == code]
        if "jaar" in rows.columns and rows["jaar"].notna().any():
            per_year = rows.dropna(subset=["jaar"]).groupby(pd.to_numeric(rows["jaar"], errors="coerce"))[
                "inwoners"].mean().dropna()
            if len(per_year):
                known = per_year.index.to_numpy(dtype=float)
                nearest = known[np.abs(years[:, None] - known[None, :]).argmin(axis=1)]
                out[i] = per_year.loc[nearest].to_numpy()
                continue
        out[i] = rows["inwoners"].mean()
    return out


def venster_toewijzingen(toew: pd.DataFrame) -> tuple[int, int]:
    start = _months(toew["ingangsdatum"])
    end = _months(toew["einddatum"]) if "einddatum" in toew.columns else np.array([], dtype=np.int64)
    valid_start = start[start > np.iinfo(np.int64).min]
    valid_end = end[end > np.iinfo(np.int64).min] if len(end) else end
    if not len(valid_start):
        raise EffectInvoerFout("De toewijzingen hebben geen geldige ingangsdatum; er is geen periode te bepalen.")
    first = int(valid_end.min()) if len(valid_end) else int(valid_start.min())
    first = max(first, int(valid_start.min()), maand_index("2015-01"))
    return first, int(valid_start.max())


TIJDVAKKEN = {"maand": 1, "halfjaar": 6}


def bouw_paneel(project, uitkomst: str, product: str, tijdvak: str = "maand") -> Uitkomstpaneel:
    """The N × T outcome matrix over all wijken of the wijken table and the months (or half-years) of the data.

    Per halfjaar a client counts once if active on at least one day of it (the measure of the demo's stated
    truth and of half-year Wmo statistics); flows and amounts are summed; half-years the data do not fully
    cover are left out.
    """
    if tijdvak not in TIJDVAKKEN:
        raise EffectInvoerFout(f"Onbekend tijdvak '{tijdvak}'. Kies uit: {', '.join(TIJDVAKKEN)}.")
    stap = TIJDVAKKEN[tijdvak]
    if uitkomst not in UITKOMSTEN:
        raise EffectInvoerFout(f"Onbekende uitkomst '{uitkomst}'. Kies uit: {', '.join(UITKOMSTEN)}.")
    for nodig in ("toewijzingen", "wijken"):
        if nodig not in project.tables:
            raise EffectInvoerFout(f"Voor een effectmeting zijn toewijzingen en wijkgegevens nodig; "
                                   f"lees eerst de {nodig} in.")
    cat = productcategorie(product)
    wijken_tabel = project.tables["wijken"]
    codes = sorted(wijken_tabel["wijk_code"].dropna().astype(str).unique().tolist())
    namen = {}
    if "wijk_naam" in wijken_tabel.columns:
        namen = {str(c): str(n) for c, n in zip(wijken_tabel["wijk_code"], wijken_tabel["wijk_naam"]) if pd.notna(c)}
    toew = project.tables["toewijzingen"]
    first, last = venster_toewijzingen(toew)
    toew = toew[toew["productcategorie"].astype(str) == cat]
    if uitkomst in ("kosten_per_inwoner", "volume_per_client"):
        y, first, last = _declaraties(project, toew, codes, first, last, uitkomst, stap)
    else:
        y = _clienten(toew, codes, first, last, instroom=uitkomst == "instroom_per_1000", stap=stap)
    if stap > 1:
        first = _heel(first, stap)
        last = first + ((last + 1 - first) // stap - 1) * stap
        if last < first:
            raise EffectInvoerFout("De gegevens beslaan geen enkel heel halfjaar.")
    maanden = np.arange(first, last + 1, stap)
    inwoners = _inwoners(wijken_tabel, codes, maanden)
    with np.errstate(divide="ignore", invalid="ignore"):
        if uitkomst in ("clienten_per_1000", "instroom_per_1000"):
            y = y / inwoners * 1000.0
        elif uitkomst == "kosten_per_inwoner":
            y = y / inwoners
    y[~np.isfinite(y)] = np.nan
    return Uitkomstpaneel(uitkomst, product, codes, namen, [maand_tekst(m) for m in maanden], y, inwoners, stap)


def _heel(month: int, stap: int) -> int:
    """The first whole period starting at or after ``month``."""
    return month + (-month) % stap


def _periodes(y: np.ndarray, first: int, stap: int, how: str) -> np.ndarray:
    """Monthly columns (starting at ``first``) to whole periods of ``stap`` months (sum; NaN if one is NaN)."""
    if stap == 1:
        return y
    start = _heel(first, stap) - first
    n = (y.shape[1] - start) // stap
    block = y[:, start:start + n * stap].reshape(y.shape[0], n, stap)
    return block.sum(axis=2)


def client_maanden(toew: pd.DataFrame, first: int, last: int, kolom: str = "wijk_code") -> pd.DataFrame:
    """Unique (client, month, ``kolom`` value) of active toewijzingen inside the window, as ``client, maand, wijk``.

    ``kolom`` is the grouping (wijk_code, aanbieder_code, toegang_team); a client active with two groups in one
    month counts once in each, once in total per group.
    """
    start = np.maximum(_months(toew["ingangsdatum"]), first)
    end_raw = _months(toew["einddatum"]) if "einddatum" in toew.columns else np.full(len(toew), last)
    end = np.where(end_raw == np.iinfo(np.int64).min, last, np.minimum(end_raw, last))
    ok = (start <= end) & (_months(toew["ingangsdatum"]) > np.iinfo(np.int64).min)
    start, end = start[ok], end[ok]
    n = (end - start + 1).astype(np.int64)
    rows = np.repeat(np.arange(len(start)), n)
    month = start[rows] + (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n))
    client = toew["client_id"].astype(str).to_numpy()[ok][rows]
    groep = toew[kolom].astype(str).to_numpy()[ok][rows] if kolom in toew.columns else np.full(len(rows), "")
    frame = pd.DataFrame({"client": client, "maand": month, "wijk": groep})
    return frame.drop_duplicates(["client", "maand", "wijk"] if kolom != "wijk_code" else ["client", "maand"])


def nieuw_in_maand(frame: pd.DataFrame, keys: tuple[str, ...] = ("client",), richting: int = 1) -> np.ndarray:
    """True where the key was not active the month before (richting=1: instroom) or after (-1: uitstroom)."""
    other = pd.MultiIndex.from_frame(frame[list(keys) + ["maand"]].assign(maand=frame["maand"] + richting))
    mine = pd.MultiIndex.from_frame(frame[list(keys) + ["maand"]])
    return ~mine.isin(other)


def _clienten(toew: pd.DataFrame, codes: list[str], first: int, last: int, instroom: bool,
              stap: int = 1) -> np.ndarray:
    frame = client_maanden(toew, first, last)
    T = last - first + 1
    if instroom:
        frame = frame[nieuw_in_maand(frame) & (frame["maand"] > first)]
        if stap > 1:
            counts = frame.groupby(["wijk", "maand"]).size()
            y = _fill(counts, codes, first, T)
            y[:, 0] = np.nan
            return _periodes(y, first, stap, "som")
    elif stap > 1:
        # Unique clients per period: a client active in two months of one half-year counts once.
        start = _heel(first, stap)
        frame = frame[frame["maand"] >= start].assign(maand=lambda f: f["maand"] - (f["maand"] - start) % stap)
        frame = frame.drop_duplicates(["client", "maand"])
        counts = frame.groupby(["wijk", "maand"]).size()
        n = (last + 1 - start) // stap
        return _fill(counts, codes, start, n, stap)
    counts = frame.groupby(["wijk", "maand"]).size()
    y = np.zeros((len(codes), T))
    index = {c: i for i, c in enumerate(codes)}
    for (wijk, maand), count in counts.items():
        if wijk in index:
            y[index[wijk], int(maand) - first] = count
    if instroom:
        y[:, 0] = np.nan  # the month before the window is not observed
    return y


def _fill(counts: pd.Series, codes: list[str], first: int, T: int, stap: int = 1) -> np.ndarray:
    y = np.zeros((len(codes), T))
    index = {c: i for i, c in enumerate(codes)}
    for (wijk, maand), count in counts.items():
        col = (int(maand) - first) // stap
        if wijk in index and 0 <= col < T:
            y[index[wijk], col] = count
    return y


def _declaraties(project, toew: pd.DataFrame, codes: list[str], first: int, last: int, uitkomst: str,
                 stap: int = 1):
    if "declaraties" not in project.tables:
        raise EffectInvoerFout("Voor kosten en volume per cliënt zijn declaraties nodig; lees ze eerst in.")
    decl = project.tables["declaraties"]
    wijk_of = dict(zip(toew["toewijzingnummer"].astype(str), toew["wijk_code"].astype(str)))
    wijk = decl["toewijzingnummer"].astype(str).map(wijk_of)
    month = _months(decl["periode_start"])
    bedrag = pd.to_numeric(decl.get("toegekend_bedrag"), errors="coerce")
    if "ingediend_bedrag" in decl.columns:
        bedrag = bedrag.fillna(pd.to_numeric(decl["ingediend_bedrag"], errors="coerce"))
    factor = decl["eenheid"].astype(str).map(UREN_PER_EENHEID).fillna(1.0) if "eenheid" in decl.columns else 1.0
    volume = pd.to_numeric(decl["geleverd_volume"], errors="coerce") * factor
    frame = pd.DataFrame({"wijk": wijk, "maand": month, "bedrag": bedrag.fillna(0.0), "volume": volume.fillna(0.0),
                          "client": decl["client_id"].astype(str)})
    frame = frame[frame["wijk"].notna() & (frame["maand"] > np.iinfo(np.int64).min)]
    if frame.empty:
        raise EffectInvoerFout("Geen declaraties van dit product zijn aan een wijk te koppelen (via het "
                               "toewijzingnummer).")
    first = max(first, int(frame["maand"].min()))
    last = min(last, int(frame["maand"].max()))
    frame = frame[(frame["maand"] >= first) & (frame["maand"] <= last)]
    T = last - first + 1
    per_cell = frame.groupby(["wijk", "maand"]).agg(bedrag=("bedrag", "sum"), volume=("volume", "sum"))
    paid = frame[frame["bedrag"] > 0].groupby(["wijk", "maand"])["client"].nunique()
    index = {c: i for i, c in enumerate(codes)}
    cost = np.zeros((len(codes), T))
    vol = np.zeros((len(codes), T))
    clients = np.zeros((len(codes), T))
    for (w, m), row in per_cell.iterrows():
        if w in index:
            cost[index[w], int(m) - first] = row["bedrag"]
            vol[index[w], int(m) - first] = row["volume"]
    for (w, m), count in paid.items():
        if w in index:
            clients[index[w], int(m) - first] = count
    if uitkomst == "kosten_per_inwoner":
        return _periodes(cost, first, stap, "som"), first, last
    if stap > 1:
        start = _heel(first, stap)
        paid_frame = frame[(frame["bedrag"] > 0) & (frame["maand"] >= start)]
        paid_frame = paid_frame.assign(maand=paid_frame["maand"] - (paid_frame["maand"] - start) % stap)
        unique = paid_frame.groupby(["wijk", "maand"])["client"].nunique()
        clients = _fill(unique, codes, start, (last + 1 - start) // stap, stap)
        vol = _periodes(vol, first, stap, "som")
    return vol / np.where(clients > 0, clients, np.nan), first, last
