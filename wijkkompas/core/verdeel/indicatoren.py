"""Wijk indicators and the top-down presets built on them.

Why presets degrade instead of failing: real wijk files often lack some
maatstaven (laag opgeleiden, kernen, 75-plussers). A preset then uses the ones
that are there, says which are missing and how it reweighted, and still gives a
distribution — an adviser can judge a stated approximation, not a crash.

Gemeentefonds at wijk level. The cluster Individuele voorzieningen Wmo
(meicirculaire 2024) weighs five maatstaven that exist per wijk; the regionale
centrumfunctie is a property of the gemeente as a whole and is left out. Three
maatstaven count only the part *above a drempel*. We apply the drempel per
wijk as one threshold share of the inwoners, chosen so that the wijken together
give exactly the gemeente's own volume in the gemeentefonds; a wijk counts only
its part above that share. When the gemeente is unknown or its volume does not
fit the wijk figures, the plain count is used (no drempel) and we say so.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import getal

# indicator column -> (Dutch label, unit)
INDICATOREN: dict[str, tuple[str, str]] = {
    "inwoners": ("Inwoners", "inwoners"),
    "inwoners_75plus": ("Inwoners 75+", "inwoners"),
    "eenpersoonshuishoudens": ("Eenpersoonshuishoudens", "huishoudens"),
    "huishoudens_laag_inkomen": ("Huishoudens met laag inkomen", "huishoudens"),
    "laag_opgeleid": ("Laag opgeleiden", "inwoners"),
    "kernen": ("Kernen", "kernen"),
}

# gemeentefonds maatstaf -> (wijk indicator, drempel applies)
GF_MAATSTAVEN: dict[str, tuple[str, bool]] = {
    "ephh": ("eenpersoonshuishoudens", False),
    "lidr_w_nw": ("huishoudens_laag_inkomen", True),
    "inw75+dr": ("inwoners_75plus", True),
    "kernen": ("kernen", False),
    "LOdr": ("laag_opgeleid", True),
}
NIET_PER_WIJK = {"cf.regionaal": "regionale centrumfunctie"}


def wijkindicatoren(wijken: pd.DataFrame, jaar: int | None = None) -> tuple[pd.DataFrame, list[str]]:
    """One row per wijk (index wijk_code) with wijk_naam and the indicator columns that hold data.

    A ``jaar`` column (wijken per year) picks ``jaar`` or, by default, the latest
    year per wijk. Returns the frame and notes in Dutch.
    """
    notes: list[str] = []
    frame = wijken.copy()
    frame["wijk_code"] = frame["wijk_code"].astype("string").str.strip()
    frame = frame[frame["wijk_code"].notna() & (frame["wijk_code"] != "")]
    if "jaar" in frame.columns and frame["jaar"].notna().any():
        frame["jaar"] = pd.to_numeric(frame["jaar"], errors="coerce")
        if jaar is not None and (frame["jaar"] == jaar).any():
            frame = frame[frame["jaar"] == jaar]
            notes.append(f"Wijkgegevens van {jaar}.")
        else:
            frame = frame.sort_values("jaar").groupby("wijk_code", as_index=False).tail(1)
            notes.append(f"Wijkgegevens van het laatste beschikbare jaar ({int(frame['jaar'].max())}).")
    frame = frame.drop_duplicates("wijk_code", keep="last").set_index("wijk_code").sort_index()
    out = pd.DataFrame(index=frame.index)
    out["wijk_naam"] = frame["wijk_naam"].astype("string") if "wijk_naam" in frame else out.index.astype("string")
    out["wijk_naam"] = out["wijk_naam"].fillna(pd.Series(out.index, index=out.index).astype("string"))
    for column in list(INDICATOREN) + ["huishoudens"]:
        if column in frame.columns:
            values = pd.to_numeric(frame[column], errors="coerce")
            if values.notna().any():
                missing = values.isna().sum()
                if missing:
                    notes.append(f"{INDICATOREN.get(column, (column,))[0]}: {missing} wijk(en) zonder waarde, geteld als 0.")
                out[column] = values.fillna(0.0).clip(lower=0.0)
    return out, notes


def beschikbaar(ind: pd.DataFrame) -> list[str]:
    return [c for c in INDICATOREN if c in ind.columns and float(ind[c].sum()) > 0]


def drempel_aandeel(aantal: np.ndarray, basis: np.ndarray, volume: float) -> float | None:
    """The threshold share d with sum(max(0, aantal - d*basis)) == volume, or None when impossible."""
    aantal, basis = np.asarray(aantal, float), np.asarray(basis, float)
    if volume is None or not np.isfinite(volume) or volume < 0 or volume > aantal.sum() or basis.sum() <= 0:
        return None
    lo, hi = 0.0, float(np.max(np.where(basis > 0, aantal / np.where(basis > 0, basis, 1), 0))) + 1e-9
    for _ in range(100):
        mid = (lo + hi) / 2
        if np.maximum(aantal - mid * basis, 0).sum() > volume:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@dataclass
class Sleutel:
    """A preset resolved against the available indicators: weights per indicator column plus its story."""

    gewichten: dict[str, float]
    volumes: pd.DataFrame                     # wijk × indicator: the units the weights multiply
    labels: dict[str, str]
    eenheid_gewicht: str = "gewicht"
    aannames: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    def bijdragen(self) -> np.ndarray:
        cols = list(self.gewichten)
        return self.volumes[cols].to_numpy(float) * np.array([self.gewichten[c] for c in cols])


def gemeentefonds_sleutel(ind: pd.DataFrame, gemeente_code: str | None) -> Sleutel:
    from wijkkompas.core.reference.tables import componenten_table, maatstaven_table

    maat = maatstaven_table().set_index("maatstaf")
    comp = None
    if gemeente_code:
        table = componenten_table().set_index("code")
        if gemeente_code in table.index:
            comp = table.loc[gemeente_code]
    aannames = ["Gewichten: gemeentefonds, cluster Individuele voorzieningen Wmo, meicirculaire 2024 "
                "(uitkeringsjaar 2025), € per eenheid maal de uitkeringsfactor."]
    aannames += [f"De maatstaf {naam} geldt voor de gemeente als geheel en telt niet mee in de verdeling over wijken."
                 for naam in NIET_PER_WIJK.values()]
    warnings: list[str] = []
    gewichten, labels, missing = {}, {}, []
    volumes = pd.DataFrame(index=ind.index)
    gemeente_eur = {}
    for code, (column, drempel) in GF_MAATSTAVEN.items():
        row = maat.loc[code]
        label = str(row["naam"])
        if comp is not None:
            gemeente_eur[code] = float(comp.get(f"eur_{code}", 0.0))
        if column not in ind.columns or float(ind[column].sum()) <= 0:
            missing.append((code, label))
            continue
        gewichten[column] = float(row["gewicht_eur"]) * float(row["uitkeringsfactor"])
        labels[column] = label[:1].upper() + label[1:]
        volume = ind[column].to_numpy(float)
        if drempel:
            d = None
            if comp is not None and "inwoners" in ind.columns:
                d = drempel_aandeel(volume, ind["inwoners"].to_numpy(float), float(comp.get(f"volume_{code}", np.nan)))
            if d is None:
                aannames.append(f"{labels[column]}: geen drempel toegepast (gemeentelijk volume onbekend of groter dan "
                                "de som van de wijken); de wijk telt met het volle aantal.")
            else:
                volume = np.maximum(volume - d * ind["inwoners"].to_numpy(float), 0.0)
                aannames.append(f"{labels[column]}: drempel van {getal(d * 100, 2)}% van de inwoners per wijk "
                                "(zo gekozen dat de wijken samen het volume van de gemeente in het gemeentefonds geven).")
        volumes[column] = volume
    if missing:
        names = ", ".join(label for _, label in missing)
        text = f"Ontbrekende maatstaven in de wijkgegevens: {names}. De overige maatstaven zijn naar verhouding opgeschaald"
        if gemeente_eur:
            totaal = sum(v for k, v in gemeente_eur.items() if k in GF_MAATSTAVEN)
            weg = sum(gemeente_eur.get(code, 0.0) for code, _ in missing)
            if totaal > 0:
                text += f" (de ontbrekende maatstaven zijn {weg / totaal * 100:.0f}% van het clusterbedrag van de gemeente)"
        warnings.append(text + ".")
    if not gewichten:
        return inwoner_sleutel(ind, "gemeentefonds-maatstaven")
    return Sleutel(gewichten, volumes, labels, "€ per eenheid", aannames, warnings)


def inwoner_sleutel(ind: pd.DataFrame, vervangt: str | None = None) -> Sleutel:
    warnings = [] if vervangt is None else [
        f"Geen {vervangt} in de wijkgegevens: er is verdeeld naar inwoners."]
    if "inwoners" not in ind.columns:
        from wijkkompas.core.verdeel.instellingen import VerdeelInvoerFout

        raise VerdeelInvoerFout("De wijkgegevens bevatten geen inwoners; zonder indicatoren kan niet worden verdeeld.")
    return Sleutel({"inwoners": 1.0}, ind[["inwoners"]].astype(float), {"inwoners": "Inwoners"}, "€ per inwoner (relatief)",
                   ["Elke inwoner telt even zwaar."], warnings)


def plus75_sleutel(ind: pd.DataFrame) -> Sleutel:
    if "inwoners_75plus" not in ind.columns or float(ind["inwoners_75plus"].sum()) <= 0:
        return inwoner_sleutel(ind, "75-plussers")
    return Sleutel({"inwoners_75plus": 1.0}, ind[["inwoners_75plus"]].astype(float), {"inwoners_75plus": "Inwoners 75+"},
                   "€ per 75-plusser (relatief)", ["Elke 75-plusser telt even zwaar."], [])


def eigen_sleutel(ind: pd.DataFrame, gewichten: dict[str, float]) -> Sleutel:
    from wijkkompas.core.verdeel.instellingen import VerdeelInvoerFout

    unknown = [k for k in gewichten if k not in INDICATOREN]
    if unknown:
        raise VerdeelInvoerFout(f"Onbekende indicator(en) in de gewichten: {', '.join(unknown)}. "
                                f"Bekend zijn: {', '.join(INDICATOREN)}.")
    negative = [k for k, v in gewichten.items() if v < 0]
    if negative:
        raise VerdeelInvoerFout(f"Negatief gewicht voor {', '.join(negative)}: gewichten moeten 0 of groter zijn.")
    present = {k: float(v) for k, v in gewichten.items() if k in ind.columns and float(ind[k].sum()) > 0}
    absent = [INDICATOREN[k][0] for k in gewichten if k not in present and gewichten[k] > 0]
    warnings = [f"Niet in de wijkgegevens: {', '.join(absent)}; die gewichten vallen weg en de rest is naar verhouding "
                "opgeschaald."] if absent else []
    if not any(v > 0 for v in present.values()):
        raise VerdeelInvoerFout("Alle gewichten zijn nul (of horen bij indicatoren zonder gegevens).")
    present = {k: v for k, v in present.items() if v > 0}
    return Sleutel(present, ind[list(present)].astype(float), {k: INDICATOREN[k][0] for k in present}, "gewicht",
                   ["Eigen gewichten, ingevoerd door de gebruiker."], warnings)
