"""Derive the bundled reference tables (resources/reference/) from the raw public sources.

Usage::

    python tools/build_reference.py [--sources ../shared/reference-sources] [--out resources/reference]

Why a builder instead of hand-made tables: every number the app shows about the
342 gemeenten must be traceable to a public file with a known sha256. The raw
files stay outside the repository (they are large and not ours to redistribute);
only the compact derived tables plus ``manifest.json`` are committed.

Determinism: rerunning on the same inputs gives byte-identical output. The
"build date" in the manifest is therefore NOT the wall-clock date but the
constant ``BUILD_DATE`` below, which a maintainer bumps together with
``BUILDER_VERSION`` whenever the builder logic or the inputs change. (Input file
mtimes are not used: copying the sources changes them without changing content.)
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

BUILDER_VERSION = "1.2"
BUILD_DATE = "2026-12-01"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = REPO_ROOT.parent / "shared" / "reference-sources"
DEFAULT_OUT = REPO_ROOT / "resources" / "reference"

CIRCULAIRE = "M2024_2025"  # meicirculaire 2024, uitkeringsjaar 2025: the most recent mei-circulaire
CIRCULAIRE_NAAM = "meicirculaire 2024 (uitkeringsjaar 2025)"
WMO_CLUSTER = "Individuele voorzieningen Wmo"
TAAKZWAARTE_KLASSEN = ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")

# Taakvelden in the bundled table (2023 coding). "6.71" is the undivided
# taakveld "Maatwerkdienstverlening 18+" that some gemeenten still book on.
TAAKVELDEN = ("6.1", "6.2", "6.6", "6.71", "6.71a", "6.71b", "6.71c", "6.71d", "6.81a", "6.81b")
TAAKVELD_NAMEN = {
    "6.1": "Samenkracht en burgerparticipatie",
    "6.2": "Wijkteams (toegang)",
    "6.6": "Maatwerkvoorziening Wmo",
    "6.71": "Maatwerkdienstverlening 18+ (niet uitgesplitst)",
    "6.71a": "Huishoudelijke hulp Wmo",
    "6.71b": "Begeleiding Wmo",
    "6.71c": "Dagbesteding Wmo",
    "6.71d": "Overige maatwerkarrangementen",
    "6.81a": "Beschermd wonen Wmo",
    "6.81b": "Maatschappelijke opvang en vrouwenopvang",
}
# Begroting 2025 uses new taakveld codes; map them onto the 2023 taakvelden.
MAPPING_2025 = {
    "6.1": ["6.1"],
    "6.2": ["6.21", "6.22", "6.23"],
    "6.6": ["6.60"],
    "6.71": ["6.791"],
    "6.71a": ["6.711"],
    "6.71b": ["6.712"],
    "6.71c": ["6.713"],
    "6.71d": ["6.714"],
    "6.81a": ["6.811"],
    "6.81b": ["6.812"],
}
MAPPING_2025_TOELICHTING = (
    "Begroting 2025 gebruikt nieuwe taakveldcodes. Toegang 6.2 (2023: Wijkteams, Wmo en Jeugd samen) = "
    "6.21 + 6.22 + 6.23; 6.6 = 6.60 hulpmiddelen en diensten; 6.71a-d = 6.711-6.714; 6.791 PGB Wmo (in 2023 "
    "binnen 6.71a-d geboekt) wordt bij 6.71 'niet uitgesplitst' geteld zodat maatwerk en diensten vergelijkbaar "
    "blijven; 6.81a/b = 6.811/6.812. 6.91 Coördinatie en beleid Wmo heeft geen 2023-tegenhanger en is weggelaten."
)
IV3_FILES = (("2023", "jaarrekening", "2023_jaarrekening.csv"),
             ("2024", "begroting", "2024_begroting.csv"),
             ("2025", "begroting", "2025_begroting.csv"))

# gemeenteklassen / sociale structuur spell some names with a qualifier (CBS style);
# the Iv3 and gemeentefonds files use the short BZK name. Explicit, checked mapping.
GEMEENTEKLASSEN_NAMEN = {
    "'s-Gravenhage (gemeente)": "'s-Gravenhage",
    "Beek (L.)": "Beek",
    "Groningen (gemeente)": "Groningen",
    "Hengelo (O.)": "Hengelo",
    "Laren (NH.)": "Laren",
    "Middelburg (Z.)": "Middelburg",
    "Rijswijk (ZH.)": "Rijswijk",
    "Stein (L.)": "Stein",
    "Utrecht (gemeente)": "Utrecht",
}
DISPLAY_NAMEN = {"'s-Gravenhage": "Den Haag"}
# Source labels are squashed ("20000tot50000inwoners"); write readable Dutch labels instead.
GROOTTE_LABELS = {
    "Minderdan5000inwoners": "minder dan 5.000 inwoners",
    "5000tot10000inwoners": "5.000 tot 10.000 inwoners",
    "10000tot20000inwoners": "10.000 tot 20.000 inwoners",
    "20000tot50000inwoners": "20.000 tot 50.000 inwoners",
    "50000tot100000inwoners": "50.000 tot 100.000 inwoners",
    "100000tot150000inwoners": "100.000 tot 150.000 inwoners",
    "150000tot250000inwoners": "150.000 tot 250.000 inwoners",
    "250000inwonersofmeer": "250.000 inwoners of meer",
}
STEDELIJKHEID_LABELS = {
    "Zeersterkstedelijk": "zeer sterk stedelijk",
    "Sterkstedelijk": "sterk stedelijk",
    "Matigstedelijk": "matig stedelijk",
    "Weinigstedelijk": "weinig stedelijk",
    "Nietstedelijk": "niet stedelijk",
}
# The G4 have no centrumfunctie class in the BZK file (they are the four largest centres).
CENTRUMFUNCTIE_G4 = "Sterk (G4)"

# Mergers after 2019 (CBS gemeentelijke indelingswijzigingen 2021-2023): current code -> 2019 codes.
# The HbH rate of the new gemeente is only computed when every part has 2019 data.
FUSIES_NA_2019 = {
    "GM1979": ("GM0003", "GM0010", "GM0024"),  # Eemsdelta 2021: Appingedam, Delfzijl, Loppersum
    "GM1980": ("GM0398", "GM0416"),  # Dijk en Waard 2022: Heerhugowaard, Langedijk
    "GM1982": ("GM0756", "GM1684", "GM0786", "GM0815", "GM1702"),  # Land van Cuijk 2022
    "GM1991": ("GM1685", "GM0856"),  # Maashorst 2022: Landerd, Uden
    "GM0363": ("GM0363", "GM0457"),  # Amsterdam + Weesp 2022
    "GM0439": ("GM0439", "GM0370"),  # Purmerend + Beemster 2022
    "GM1992": ("GM0501", "GM0530", "GM0614"),  # Voorne aan Zee 2023: Brielle, Hellevoetsluis, Westvoorne
}
# Haaren (GM0788) was split in 2021 over these gemeenten: their 2019 figure has old borders.
HAAREN_ONTVANGERS = ("GM0757", "GM0824", "GM0855", "GM0865")

CBS_LICENTIE = "CC BY 4.0 (CBS); overgenomen via michielsd/begrotingsanalysetool (Apache-2.0)"
BZK_LICENTIE = "Open data Rijksoverheid (CC0 1.0); overgenomen via michielsd/begrotingsanalysetool (Apache-2.0)"
HBH_LICENTIE = "CC BY 4.0 (CBS); overgenomen via YoYo1971/WMO_JADS (MIT)"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read_gf(path: Path) -> pd.DataFrame:
    """Gemeentefonds files: tab, decimal comma, thousands dot (Volumina have no thousands dots)."""
    return pd.read_csv(path, sep="\t", decimal=",", thousands=".", encoding="utf-8")


def read_volumina(src: Path) -> pd.DataFrame:
    vol = pd.read_csv(src / "gemeentefonds" / f"GF_{CIRCULAIRE}_Volumina.csv", sep="\t", decimal=",",
                      encoding="utf-8", dtype={"CBS": str})
    vol["code"] = "GM" + vol["CBS"].str.strip().str.zfill(4)
    if vol["code"].nunique() != len(vol) or len(vol) != 342:
        raise ValueError(f"Volumina: {len(vol)} rijen, {vol['code'].nunique()} unieke codes (verwacht 342)")
    return vol


def uitkeringsfactor(src: Path) -> float:
    table = pd.read_csv(src / "gemeentefonds" / "Uitkeringsfactor.csv")
    circ, jaar = CIRCULAIRE.split("_")
    row = table[(table["Circulaire"] == circ) & (table["Jaar"] == int(jaar))]
    if len(row) != 1:
        raise ValueError(f"Uitkeringsfactor voor {CIRCULAIRE} ontbreekt")
    return float(row["Uitkeringsfactor"].iloc[0])


def wmo_cluster(src: Path, vol: pd.DataFrame, factor: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cluster amount per maatstaf (€) and the IU/DU amounts the cluster also holds."""
    gew = _read_gf(src / "gemeentefonds" / f"GF_{CIRCULAIRE}_Gewichten.csv")
    gew = gew[gew[WMO_CLUSTER] != 0]
    maatstaven = gew[gew["Codering maatstaf"].notna()]
    iudu = gew[gew["Codering maatstaf"].isna()]
    comp = pd.DataFrame({"code": vol["code"]})
    rows = []
    for _, m in maatstaven.iterrows():
        mcode = m["Codering maatstaf"]
        f = 1.0 if "WOZ" in mcode else factor
        comp[f"volume_{mcode}"] = vol[mcode].astype(float).round(2)
        comp[f"eur_{mcode}"] = (vol[mcode].astype(float) * float(m[WMO_CLUSTER]) * f).round(0)
        rows.append({"maatstaf": mcode, "naam": m["Naam maatstaf"], "gewicht_eur": float(m[WMO_CLUSTER]),
                     "uitkeringsfactor": f})
    siudu = _read_gf(src / "gemeentefonds" / f"GF_{CIRCULAIRE}_SIUDU.csv")
    code_by_name = dict(zip(vol["Naam"], vol["code"]))
    siudu["code"] = siudu["Naam"].map(code_by_name)
    if siudu["code"].isna().any():
        raise ValueError(f"SIUDU-namen zonder code: {list(siudu.loc[siudu['code'].isna(), 'Naam'])}")
    by_lower = {c.lower(): c for c in siudu.columns}
    iudu_names = [by_lower[n.lower()] for n in iudu["Naam maatstaf"]]
    iudu_amount = siudu.set_index("code")[iudu_names].astype(float).sum(axis=1)
    comp["iudu_eur"] = comp["code"].map(iudu_amount).fillna(0).round(0)
    return comp, pd.DataFrame(rows)


def read_klassen(src: Path) -> pd.DataFrame:
    kl = pd.read_csv(src / "gemeenten" / "gemeenteklassen_2025.csv", sep="\t")
    sc = pd.read_csv(src / "gemeenten" / "sociale_structuur_centrumfunctie.csv", sep="\t")
    for t in (kl, sc):
        t["Gemeenten"] = t["Gemeenten"].replace(GEMEENTEKLASSEN_NAMEN)
    merged = kl.merge(sc, on="Gemeenten", how="outer", validate="1:1")
    merged["Centrumfunctie"] = merged["Centrumfunctie"].fillna(CENTRUMFUNCTIE_G4)
    for column, labels in (("Gemeentegrootte", GROOTTE_LABELS), ("Stedelijkheid", STEDELIJKHEID_LABELS)):
        unknown = set(merged[column]) - set(labels)
        if unknown:
            raise ValueError(f"Onbekende {column}-klassen: {sorted(unknown)}")
        merged[column] = merged[column].map(labels)
    return merged


def read_iv3(src: Path, code_by_name: dict[str, str]) -> pd.DataFrame:
    frames = []
    for jaar, soort, filename in IV3_FILES:
        raw = pd.read_csv(src / "iv3" / filename, sep=";")
        raw = raw[raw["Gemeenten"] != "Nederland"].copy()
        raw["tv"] = raw["Taakveld"].str.split(" ", n=1).str[0]
        raw["netto"] = (raw["Lasten"].fillna(0) - raw["Baten"].fillna(0)) * 1000.0
        # A gemeente that did not deliver its Iv3 file appears with 0,0 on every taakveld (all of
        # chapter 0-8, not only the Wmo). That is "no data", not "spent nothing": keep it empty.
        bruto = (raw["Lasten"].fillna(0).abs() + raw["Baten"].fillna(0).abs()).groupby(raw["Gemeenten"]).sum()
        niet_aangeleverd = set(bruto[bruto == 0].index)
        pivot = raw.pivot_table(index="Gemeenten", columns="tv", values="netto", aggfunc="sum", fill_value=0.0)
        mapping = MAPPING_2025 if jaar == "2025" else {tv: [tv] for tv in TAAKVELDEN}
        out = pd.DataFrame(index=pivot.index)
        for tv, parts in mapping.items():
            missing = [p for p in parts if p not in pivot.columns]
            if missing:
                raise ValueError(f"Iv3 {filename}: taakveld(en) {missing} ontbreken")
            out[tv] = pivot[parts].sum(axis=1).round(0)
        out.loc[out.index.isin(niet_aangeleverd), list(TAAKVELDEN)] = np.nan
        out = out.reset_index()
        out.insert(0, "code", out["Gemeenten"].map(code_by_name))
        if out["code"].isna().any() or len(out) != 342:
            raise ValueError(f"Iv3 {filename}: namen zonder CBS-code: {list(out.loc[out['code'].isna(), 'Gemeenten'])}")
        out.insert(1, "jaar", jaar)
        out.insert(2, "soort", soort)
        frames.append(out.drop(columns="Gemeenten"))
    result = pd.concat(frames, ignore_index=True).sort_values(["code", "jaar"], kind="stable")
    result[list(TAAKVELDEN)] = result[list(TAAKVELDEN)].astype("Int64")  # nullable: empty = geen gegevens
    return result.reset_index(drop=True)


def ontbrekende_iv3(iv3: pd.DataFrame, namen: dict[str, str]) -> list[dict[str, str]]:
    """Gemeente-years without Iv3 data, for the manifest (and so a reader of the CSV knows why cells are empty)."""
    empty = iv3[iv3[list(TAAKVELDEN)].isna().all(axis=1)]
    return [{"code": code, "naam": namen[code], "jaar": jaar, "soort": soort,
             "reden": "alle taakvelden 0 in het bronbestand (geen aanlevering aan CBS); leeg gelaten, niet als € 0"}
            for code, jaar, soort in empty[["code", "jaar", "soort"]].itertuples(index=False)]


def hbh_2019(src: Path, codes: list[str]) -> pd.DataFrame:
    raw = pd.read_csv(src / "wmo-clienten" / "hbh_clienten_gemeente_2017_2019.csv", dtype={"codering_regio": str})
    r19 = raw[raw["perioden"].astype(str) == "2019"].set_index("codering_regio")
    r18 = raw[raw["perioden"].astype(str) == "2018"].set_index("codering_regio")
    rows = []
    for code in codes:
        waarde, opm = np.nan, ""
        if code in FUSIES_NA_2019:
            parts = FUSIES_NA_2019[code]
            if all(p in r19.index and pd.notna(r19.at[p, "wmoclienten"]) for p in parts):
                clients = sum(float(r19.at[p, "wmoclienten"]) for p in parts)
                inw = sum(float(r19.at[p, "aantalinwoners"]) for p in parts)
                waarde = round(clients / inw * 1000, 1)
                opm = "berekend uit " + ", ".join(parts) + " (indeling 2019, fusie na 2019)"
            else:
                opm = "fusie na 2019; niet voor alle delen cijfers 2019"
        elif code in r19.index and pd.isna(r19.at[code, "wmoclientenper1000inwoners"]):
            # The gemeente is in the 2019 file but its figure is empty there;
            # saying "indeling 2019" next to an empty cell would read as if the figure were zero or lost by us.
            opm = "geen cijfer 2019 (leeg in het bronbestand)"
        elif code in r19.index:
            waarde = float(r19.at[code, "wmoclientenper1000inwoners"])
            opm = "indeling 2019"
            if code in HAAREN_ONTVANGERS:
                opm += "; grens gewijzigd in 2021 (deel Haaren)"
            if code in r18.index and waarde < 0.5 * float(r18.at[code, "wmoclientenper1000inwoners"]):
                opm += ("; LET OP: minder dan de helft van 2018 ("
                        + f"{float(r18.at[code, 'wmoclientenper1000inwoners']):g}), vermoedelijk registratiewijziging")
        else:
            opm = "geen cijfer 2019"
        rows.append({"code": code, "hbh_per_1000_2019": waarde, "hbh_2019_opmerking": opm})
    return pd.DataFrame(rows)


def inwoners_cbs(src: Path, code_by_name: dict[str, str]) -> pd.DataFrame:
    """The CBS inwonertal as printed in the Iv3 file of jaarrekening 2023.

    Why next to the gemeentefonds volume: ``inwoners`` is the gemeentefonds maatstaf
    (meicirculaire 2024, uitkeringsjaar 2025), not the CBS count of 2023 (e.g. Heerlen
    88.682 vs 87.122); the app labels it as such and shows the CBS figure beside it.
    """
    raw = pd.read_csv(src / "iv3" / "2023_jaarrekening.csv", sep=";", usecols=["Gemeenten", "Inwonertal"])
    raw = raw[raw["Gemeenten"] != "Nederland"].drop_duplicates("Gemeenten")
    if raw["Gemeenten"].duplicated().any() or len(raw) != 342:
        raise ValueError("Iv3 2023: inwonertal niet eenduidig per gemeente")
    out = pd.DataFrame({"code": raw["Gemeenten"].map(code_by_name),
                        "inwoners_cbs_2023": raw["Inwonertal"].astype("int64")})
    if out["code"].isna().any():
        raise ValueError("Iv3 2023: inwonertal voor een onbekende gemeentenaam")
    return out


def build_tables(src: Path) -> dict[str, pd.DataFrame]:
    vol = read_volumina(src)
    code_by_name = dict(zip(vol["Naam"], vol["code"]))
    factor = uitkeringsfactor(src)
    comp, maatstaven = wmo_cluster(src, vol, factor)

    klassen = read_klassen(src)
    unknown = sorted(set(klassen["Gemeenten"]) - set(code_by_name))
    if unknown or len(klassen) != 342:
        raise ValueError(f"Gemeenteklassen: namen zonder CBS-code: {unknown}")
    klassen["code"] = klassen["Gemeenten"].map(code_by_name)

    g = vol[["code", "Naam"]].rename(columns={"Naam": "naam_iv3"})
    g.insert(1, "naam", g["naam_iv3"].map(lambda n: DISPLAY_NAMEN.get(n, n)))
    g = g.merge(klassen, on="code", how="left", validate="1:1")
    g["inwoners"] = vol["inwo"].round(0).astype("int64").to_numpy()
    g["jongeren"] = vol["jong"].round(0).astype("int64").to_numpy()
    g["volwassenen"] = g["inwoners"] - g["jongeren"]
    eur_cols = [c for c in comp.columns if c.startswith("eur_")]
    g["wmo_cluster_eur"] = comp[eur_cols].sum(axis=1).to_numpy()
    g["wmo_iudu_eur"] = comp["iudu_eur"].to_numpy()
    g["taakzwaarte_index"] = (g["wmo_cluster_eur"] / g["inwoners"]).round(2)
    g["taakzwaarte_klasse"] = pd.qcut(g["taakzwaarte_index"], 5, labels=list(TAAKZWAARTE_KLASSEN)).astype(str)
    g["taakzwaarte_rang"] = g["taakzwaarte_index"].rank(ascending=False, method="min").astype("int64")
    g = g.merge(hbh_2019(src, list(g["code"])), on="code", how="left")
    g = g.merge(inwoners_cbs(src, code_by_name), on="code", how="left", validate="1:1")
    g = g.rename(columns={"Provincie": "provincie", "Gemeentegrootte": "gemeentegrootte",
                          "Stedelijkheid": "stedelijkheid", "Centrumfunctie": "centrumfunctie",
                          "Sociale structuur": "sociale_structuur"})
    g = g[["code", "naam", "naam_iv3", "provincie", "inwoners", "jongeren", "volwassenen", "gemeentegrootte",
           "stedelijkheid", "centrumfunctie", "sociale_structuur", "wmo_cluster_eur", "wmo_iudu_eur",
           "taakzwaarte_index", "taakzwaarte_klasse", "taakzwaarte_rang", "hbh_per_1000_2019",
           "hbh_2019_opmerking", "inwoners_cbs_2023"]]
    g = g.sort_values("code").reset_index(drop=True)
    comp = comp.drop(columns="iudu_eur").sort_values("code").reset_index(drop=True)
    maatstaven.insert(0, "circulaire", CIRCULAIRE)
    return {
        "gemeenten.csv": g,
        "taakzwaarte_componenten.csv": comp,
        "maatstaven_wmo.csv": maatstaven,
        "iv3_netto_lasten.csv": read_iv3(src, code_by_name),
    }


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    df.to_csv(buffer, index=False, lineterminator="\n", float_format="%.10g")
    return buffer.getvalue().encode("utf-8")


def _inputs(src: Path, rels: list[str]) -> list[dict[str, str]]:
    return [{"pad": rel, "sha256": sha256(src / rel)} for rel in rels]


def build_manifest(src: Path, factor: float) -> dict:
    gf = [f"gemeentefonds/GF_{CIRCULAIRE}_{k}.csv" for k in ("Gewichten", "Volumina", "SIUDU")]
    gf.append("gemeentefonds/Uitkeringsfactor.csv")
    common = {"bouwdatum": BUILD_DATE, "builder_versie": BUILDER_VERSION}
    bzk = f"Ministerie van BZK, gemeentefonds {CIRCULAIRE_NAAM}"
    tables = {
        "gemeenten.csv": {
            "bron": f"CBS/BZK gemeenteklassen 2025 en sociale structuur/centrumfunctie; {bzk}; "
                    "CBS Wmo-cliënten hulp bij het huishouden 2019",
            "uitgever": "CBS; ministerie van BZK",
            "peiljaar": "2025 (indeling, klassen, gemeentefonds); HbH-cliënten 2019",
            "eenheid": "inwoners, jongeren, volwassenen: personen volgens de gemeentefondsvolumina "
                       f"({CIRCULAIRE_NAAM}), niet de CBS-telling; inwoners_cbs_2023: CBS-inwonertal zoals in het "
                       "Iv3-bestand jaarrekening 2023; wmo_cluster_eur/wmo_iudu_eur: €; taakzwaarte_index: € per "
                       "inwoner; hbh_per_1000_2019: cliënten per 1.000 inwoners",
            "licentie": f"{CBS_LICENTIE}; {BZK_LICENTIE}; {HBH_LICENTIE}",
            "inputs": _inputs(src, gf + ["gemeenten/gemeenteklassen_2025.csv",
                                         "gemeenten/sociale_structuur_centrumfunctie.csv",
                                         "wmo-clienten/hbh_clienten_gemeente_2017_2019.csv"]),
        },
        "taakzwaarte_componenten.csv": {
            "bron": f"{bzk}: cluster {WMO_CLUSTER}, volume × gewicht × uitkeringsfactor per maatstaf",
            "uitgever": "Ministerie van BZK", "peiljaar": "2025", "eenheid": "volume_*: eenheden maatstaf; eur_*: €",
            "licentie": BZK_LICENTIE, "inputs": _inputs(src, gf),
        },
        "maatstaven_wmo.csv": {
            "bron": f"{bzk}: gewichten cluster {WMO_CLUSTER}", "uitgever": "Ministerie van BZK",
            "peiljaar": "2025", "eenheid": "€ per eenheid maatstaf", "licentie": BZK_LICENTIE,
            "inputs": _inputs(src, gf[:1] + gf[3:]),
        },
        "iv3_netto_lasten.csv": {
            "bron": "CBS Iv3 (Informatie voor Derden): jaarrekening 2023, begroting 2024 en 2025; "
                    "netto lasten = lasten − baten",
            "uitgever": "CBS", "peiljaar": "2023 (jaarrekening), 2024 en 2025 (begroting)",
            "eenheid": "€; lege cel = geen Iv3-gegevens voor die gemeente en dat jaar (zie ontbrekende_iv3)",
            "licentie": CBS_LICENTIE,
            "inputs": _inputs(src, [f"iv3/{f}" for _, _, f in IV3_FILES]),
        },
    }
    for meta in tables.values():
        meta.update(common)
    return {
        "builder_versie": BUILDER_VERSION,
        "bouwdatum": BUILD_DATE,
        "bouwdatum_toelichting": "Vaste constante BUILD_DATE in tools/build_reference.py (niet de klok), "
                                 "zodat opnieuw bouwen byte-identieke uitvoer geeft.",
        "tabellen": tables,
        "taakzwaarte": {
            "circulaire": CIRCULAIRE, "circulaire_naam": CIRCULAIRE_NAAM, "uitkeringsfactor": factor,
            "cluster": WMO_CLUSTER,
            "methode": "index = som over de maatstaven van cluster Individuele voorzieningen Wmo van "
                       "volume × gewicht × uitkeringsfactor (maatstaven met 'WOZ' zonder factor), gedeeld door "
                       "inwoners (maatstaf inwo); de integratie- en decentralisatie-uitkeringen in dit cluster "
                       "(beschermd wonen, opvang; alleen voor centrumgemeenten) tellen NIET mee en staan apart in "
                       "wmo_iudu_eur. Klasse = kwintiel over alle 342 gemeenten; rang 1 = hoogste index.",
            "klassen": list(TAAKZWAARTE_KLASSEN),
        },
        "volwassenen": "inwoners (inwo) − jongeren 0-17 (jong), volumina gemeentefonds " + CIRCULAIRE_NAAM,
        "inwoners": "inwoners = maatstaf inwo van het gemeentefonds (" + CIRCULAIRE_NAAM + "), niet het "
                    "CBS-inwonertal; dezelfde noemer wordt voor alle jaren (ook jaarrekening 2023) gebruikt. "
                    "Het CBS-inwonertal 2023 uit het Iv3-bestand staat apart in inwoners_cbs_2023.",
        "taakvelden": TAAKVELD_NAMEN,
        "afgeleid": {"diensten": "6.71 + 6.71a + 6.71b + 6.71c + 6.71d",
                     "maatwerk": "6.6 + 6.71 + 6.71a + 6.71b + 6.71c + 6.71d"},
        "mapping_2025_naar_2023": {"taakvelden": MAPPING_2025, "toelichting": MAPPING_2025_TOELICHTING},
        "namen": {"gemeenteklassen_naar_iv3": GEMEENTEKLASSEN_NAMEN, "weergavenamen": DISPLAY_NAMEN,
                  "centrumfunctie_g4": "De G4 hebben in de bron geen centrumfunctieklasse; hier '"
                                       + CENTRUMFUNCTIE_G4 + "'."},
        "hbh_2019": {"fusies_na_2019": {k: list(v) for k, v in FUSIES_NA_2019.items()},
                     "toelichting": "Cijfers 2019 volgen de indeling van 2019. Voor gemeenten die na 2019 zijn "
                                    "ontstaan uit een fusie is het cijfer alleen berekend (som cliënten / som "
                                    "inwoners) als alle delen een cijfer 2019 hebben; anders leeg."},
    }


def build(src: Path, out: Path) -> list[Path]:
    tables = build_tables(src)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        target = out / name
        target.write_bytes(to_csv_bytes(df))
        written.append(target)
    manifest = build_manifest(src, uitkeringsfactor(src))
    namen = dict(zip(tables["gemeenten.csv"]["code"], tables["gemeenten.csv"]["naam"]))
    manifest["ontbrekende_iv3"] = ontbrekende_iv3(tables["iv3_netto_lasten.csv"], namen)
    target = out / "manifest.json"
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        print(f"Bronmap niet gevonden: {args.sources}", file=sys.stderr)
        return 2
    for path in build(args.sources, args.out):
        print(f"{path}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
