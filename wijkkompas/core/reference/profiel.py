"""One gemeente's full reference profile and the national table, as plain JSON-safe data.

Why here and not in the CLI: the GUI panel, the CLI (``wijkkompas gemeente``)
and reports must show the same numbers; they all call these functions.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from wijkkompas.core import benchmark, reference
from wijkkompas.core import formatting as fmt

INWONERS_LABEL = "inwoners (gemeentefonds)"
UITGAVEN_TOELICHTING = {
    "2023": "jaarrekening 2023", "2024": "begroting 2024",
    "2025": "begroting 2025, omgezet naar de taakvelden van 2023",
}
KORT = {"2023": "jaarrekening 2023", "2024": "begroting 2024", "2025": "begroting 2025"}


def gemeente_profiel(query: str) -> dict:
    """Everything about one gemeente: structure, taakzwaarte, uitgaven, benchmark, peers, bronnen."""
    g = reference.find_gemeente(query)
    bench = benchmark.benchmark_gemeente(g.code)
    meta = reference.manifest()["taakzwaarte"]
    uitgaven = reference.uitgaven(g.code)
    iv3_gegevens = {jaar: reference.heeft_iv3(g.code, jaar) for jaar in reference.JAREN}
    waarschuwingen = list(bench["waarschuwingen"])
    zonder = [jaar for jaar, ok in iv3_gegevens.items() if not ok]
    if zonder:
        # One warning for all missing years replaces the benchmark's own one for 2023.
        waarschuwingen = [w for w in waarschuwingen if not w.startswith(f"{g.naam}: {reference.GEEN_IV3}")]
        jaren = [KORT[j] for j in zonder]
        tekst = ", ".join(jaren[:-1]) + " en " + jaren[-1] if len(jaren) > 1 else jaren[0]
        waarschuwingen.insert(0, f"{g.naam}: {reference.GEEN_IV3} voor {tekst} (niet aangeleverd aan CBS). "
                                 "Daar staat 'geen gegevens', niet € 0; "
                                 + ("deze jaren tellen" if len(zonder) > 1 else "dit jaar telt")
                                 + " niet mee in de landelijke totalen" + (", en zonder jaarrekening 2023 ook niet in de benchmark en de "
                                              "percentielen." if "2023" in zonder else "."))
    return {
        "code": g.code,
        "naam": g.naam,
        "naam_iv3": g.naam_iv3,
        "provincie": g.provincie,
        "inwoners": g.inwoners,
        "inwoners_label": INWONERS_LABEL,
        "inwoners_toelichting": (
            f"Inwoners volgens het gemeentefonds ({meta['circulaire_naam']}, maatstaf inwoners), niet de CBS-telling"
            + (f"; CBS-inwonertal 2023 (Iv3): {fmt.getal(g.inwoners_cbs_2023)}" if g.inwoners_cbs_2023 else "")
            + ". Bedragen per volwassene gebruiken voor alle jaren (ook 2023) deze noemer van 2025."),
        "inwoners_cbs_2023": g.inwoners_cbs_2023,
        "volwassenen": g.volwassenen,
        "gemeentegrootte": g.gemeentegrootte,
        "stedelijkheid": g.stedelijkheid,
        "centrumfunctie": g.centrumfunctie,
        "sociale_structuur": g.sociale_structuur,
        "taakzwaarte": {
            "index": g.taakzwaarte_index,
            "eenheid": "€ per inwoner",
            "klasse": g.taakzwaarte_klasse,
            "rang": g.taakzwaarte_rang,
            "aantal_gemeenten": 342,
            "cluster_eur": g.wmo_cluster_eur,
            "iudu_eur": g.wmo_iudu_eur,
            "cluster_toelichting": "cluster_eur en componenten: het maatstavendeel van het cluster (volume × gewicht "
                                   "× uitkeringsfactor); de integratie- en decentralisatie-uitkeringen die BZK ook in "
                                   "dit cluster telt (beschermd wonen, opvang) staan apart in iudu_eur en tellen niet "
                                   "mee in de index",
            "componenten": reference.taakzwaarte_componenten(g.code),
            "circulaire": meta["circulaire_naam"],
            "uitkeringsfactor": meta["uitkeringsfactor"],
        },
        "uitgaven": uitgaven,
        "iv3_gegevens": iv3_gegevens,
        "uitgaven_toelichting": {
            **UITGAVEN_TOELICHTING,
            "eenheid": "€ netto lasten (lasten − baten); per_volwassene in € per inwoner van 18 jaar of ouder, "
                       "volwassenen volgens de gemeentefondsvolumina " + meta["circulaire_naam"]
                       + " (voor alle jaren dezelfde noemer, ook voor 2023)",
            "geen_gegevens": "netto en per_volwassene zijn leeg (null) met status 'geen gegevens' als de gemeente "
                             "voor dat jaar geen Iv3-gegevens heeft aangeleverd",
        },
        "waarschuwingen": waarschuwingen,
        "hbh_per_1000_2019": g.hbh_per_1000_2019,
        "hbh_2019_opmerking": g.hbh_2019_opmerking,
        "benchmark": bench["maten"],
        "benchmark_hoofdmaat": bench["hoofdmaat"],
        "benchmark_eenheid": bench["eenheid"],
        "benchmark_noemer": bench["noemer"],
        "benchmark_boekingsregel": bench["boekingsregel"],
        "peers": bench["peers"],
        "bronnen": reference.bronnen() + [benchmark.BRON],
    }


def referentie_tabel() -> pd.DataFrame:
    """Per-gemeente table for export: structure, taakzwaarte and netto lasten per taakveld and year."""
    table = reference.gemeenten().set_index("code")
    comp = reference.componenten_per_inwoner().add_prefix("taakzwaarte_eur_per_inw_").round(2)
    parts = [table, comp]
    for jaar in reference.JAREN:
        spend = reference.uitgaven_tabel(jaar)[list(reference.MAATSTAVEN_UITGAVEN)]
        parts.append(spend.add_prefix(f"netto_{jaar}_"))
        per = spend.div(table["volwassenen"], axis=0).round(2)
        parts.append(per.add_prefix(f"per_volwassene_{jaar}_"))
    return pd.concat(parts, axis=1).reset_index()


def export_referentie(path: str | Path) -> Path:
    """CSV for Dutch Excel: ';' separator, decimal comma, UTF-8 with BOM.

    Text cells go through ``excel_safe_text`` like every spreadsheet the app writes: the bundled names
    are trusted, but the rule has no exceptions, so a future source cannot slip a formula in.
    """
    from wijkkompas.core.textsafe import excel_safe_text

    target = Path(path)
    table = referentie_tabel()
    for column in table.columns:
        if not pd.api.types.is_numeric_dtype(table[column]):  # text: object or pandas' string dtype
            table[column] = table[column].map(excel_safe_text)
    table.to_csv(target, sep=";", decimal=",", index=False, encoding="utf-8-sig")
    return target


def mediaan_componenten() -> dict[str, float]:
    """Median over the 342 gemeenten of each maatstaf's share of the index, € per inwoner."""
    return {m: float(v) for m, v in reference.componenten_per_inwoner().median().items()}


def benchmark_grafiek(code: str, maat: str) -> dict:
    """Data for the scatter: all gemeenten, the conditional fitted curve with 80% band, the chosen point, peers."""
    g = reference.find_gemeente(code)
    return {
        "maat": maat,
        "label": benchmark.MEASURE_LABELS[maat],
        "punten": benchmark.scatter_data(maat),
        "curve": benchmark.curve(maat, g.code),
        "gekozen": benchmark.predict(maat, g.code) | {"code": g.code, "naam": g.naam,
                                                      "taakzwaarte_index": g.taakzwaarte_index},
        "peers": [p["code"] for p in benchmark.benchmark_gemeente(g.code)["peers"]],
        "bron": benchmark.BRON,
    }


def gemeente_paneel(code: str, maat: str, progress=None) -> dict:
    """Everything the 'Gemeente & benchmark' panel shows, computed off the GUI thread."""
    from wijkkompas.core.progress import ensure

    progress = ensure(progress)
    progress.step(0.1, "Referentiegegevens laden…")
    profiel = gemeente_profiel(code)
    progress.step(0.7, "Benchmark berekenen…")
    return {
        "profiel": profiel,
        "mediaan_componenten": mediaan_componenten(),
        "maatstaf_namen": dict(zip(reference.maatstaven()["maatstaf"], reference.maatstaven()["naam"])),
        "klassegrenzen": reference.klassegrenzen(),
        "grafiek": benchmark_grafiek(profiel["code"], maat),
    }
