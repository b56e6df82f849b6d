"""Gemeente & benchmark as a Resultaat: taakzwaarte, spending per taakveld, benchmark and peers.

Why a separate module: the profile (``profiel.gemeente_profiel``) is the
computation; this is its presentation contract for panel, CLI and report —
labels, units, sources and warnings in one place, so the panel, the CLI and
the report cannot label a taakveld differently (they did for 6.81b).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.resultaat import Bron, Formaat, Kolom, Reeks, Resultaat, Tabel, Grafiek
from wijkkompas.core.sections import BenchmarkKeuze

TAAKVELD_LABELS: dict[str, str] = {
    "6.1": "6.1 Samenkracht en burgerparticipatie",
    "6.2": "6.2 Wijkteams (toegang)",
    "6.6": "6.6 Maatwerkvoorzieningen",
    "6.71": "6.71 Niet uitgesplitst (2025: pgb Wmo)",
    "6.71a": "6.71a Huishoudelijke hulp",
    "6.71b": "6.71b Begeleiding",
    "6.71c": "6.71c Dagbesteding",
    "6.71d": "6.71d Overige maatwerkarrangementen",
    "6.81a": "6.81a Beschermd wonen",
    "6.81b": "6.81b Maatschappelijke en vrouwenopvang",
    "maatwerk": "Maatwerk (6.6 + 6.71)",
    "diensten": "Diensten (6.71)",
}
_JAREN = (("2023", "jaarrekening"), ("2024", "begroting"), ("2025", "begroting"))
_BRONNEN = (
    Bron("CBS", "Iv3 (Informatie voor derden), netto lasten = lasten − baten: jaarrekening 2023, begroting 2024 en 2025",
         "2023–2025"),
    Bron("Ministerie van BZK", "Gemeentefonds, meicirculaire 2024 (uitkeringsjaar 2025): cluster Individuele "
         "voorzieningen Wmo", 2024),
    Bron("CBS / BZK", "Gemeenteklassen, stedelijkheid, centrumfunctie en sociale structuur (indeling 2025)", 2025),
    Bron("CBS", "Wmo-cliënten hulp bij het huishouden per gemeente (indeling 2019)", 2019),
)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _uitgaven_tabel(profiel: dict[str, Any]) -> Tabel:
    rows = []
    uitgaven = profiel.get("uitgaven") or {}
    for taakveld, label in TAAKVELD_LABELS.items():
        row: dict[str, Any] = {"taakveld": label}
        for jaar, _ in _JAREN:
            cell = (uitgaven.get(jaar) or {}).get(taakveld) or {}
            row[f"netto_{jaar}"] = _number(cell.get("netto"))
            row[f"pv_{jaar}"] = _number(cell.get("per_volwassene"))
        rows.append(row)
    kolommen = [Kolom("taakveld", "Taakveld")]
    for jaar, soort in _JAREN:
        kolommen.append(Kolom(f"netto_{jaar}", f"{jaar} {soort}", Formaat.EURO, "€", toelichting="netto lasten"))
        kolommen.append(Kolom(f"pv_{jaar}", f"{jaar} per volw.", Formaat.EURO, "€ per volwassene"))
    noemer = profiel.get("benchmark_noemer") or "volwassenen volgens het gemeentefonds"
    return Tabel("uitgaven", "Netto lasten per taakveld", pd.DataFrame(rows), kolommen,
                 "Netto lasten = lasten − baten (CBS Iv3); begroting 2025 omgezet naar de taakvelden van 2023. "
                 f"Per volwassene: gedeeld door de {noemer}. Een leeg vak: geen Iv3-gegevens voor dat jaar.")


def _benchmark_tabel(profiel: dict[str, Any]) -> Tabel:
    from wijkkompas.core.benchmark import MEASURE_LABELS

    rows = []
    for maat, b in (profiel.get("benchmark") or {}).items():
        low80, high80 = (b.get("interval_80") or [None, None])[:2]
        rows.append({
            "maat": MEASURE_LABELS.get(maat, b.get("label", maat)), "werkelijk": _number(b.get("werkelijk")),
            "verwacht": _number(b.get("verwacht")), "laag80": _number(low80), "hoog80": _number(high80),
            "percentiel": None if b.get("percentiel") is None else float(b["percentiel"]) / 100,
            "status": b.get("waarschuwing") or ("geen Iv3-gegevens" if b.get("werkelijk") is None else ""),
        })
    kolommen = [
        Kolom("maat", "Uitgaven"), Kolom("werkelijk", "Werkelijk", Formaat.EURO, "€ per volwassene"),
        Kolom("verwacht", "Verwacht", Formaat.EURO, "€ per volwassene"),
        Kolom("laag80", "80%-band laag", Formaat.EURO, "€ per volwassene"),
        Kolom("hoog80", "80%-band hoog", Formaat.EURO, "€ per volwassene"),
        Kolom("percentiel", "Percentiel", Formaat.PROCENT, "%", toelichting="aandeel gemeenten dat minder uitgeeft"),
        Kolom("status", "Opmerking"),
    ]
    benchmark = profiel.get("benchmark") or {}
    fit = benchmark.get("maatwerk") or next(iter(benchmark.values()), {})
    dekking = ", ".join(f"{maat} {fmt.procent(b['dekking_80'])}" for maat, b in benchmark.items()
                        if b.get("dekking_80") is not None)
    return Tabel("benchmark", "Benchmark: werkelijk tegenover verwacht (jaarrekening 2023)", pd.DataFrame(rows), kolommen,
                 "Verwacht: regressie over alle gemeenten met Iv3-gegevens op taakzwaarte, omvang, stedelijkheid, "
                 "centrumfunctie en sociale structuur (robuuste standaardfouten)"
                 + (f"; R² maatwerk {fmt.getal(fit['r2'], 2)}, n = {fit['n']}" if fit.get("r2") is not None else "")
                 + ". Percentiel: aandeel gemeenten dat minder uitgeeft. Het 80%-interval is ruim; werkelijk valt "
                 f"erbinnen bij {dekking} van de gemeenten. Beschrijvend: een verschil is geen oordeel over "
                 "doelmatigheid.")


def _taakzwaarte_tabel(profiel: dict[str, Any], namen: dict[str, str]) -> Tabel:
    tz = profiel.get("taakzwaarte") or {}
    inwoners = profiel.get("inwoners") or 0
    rows = [{"maatstaf": namen.get(k, k), "bedrag": float(v), "per_inwoner": float(v) / inwoners if inwoners else None}
            for k, v in (tz.get("componenten") or {}).items()]
    return Tabel("taakzwaarte", "Opbouw van de taakzwaarte per maatstaf", pd.DataFrame(rows, columns=["maatstaf", "bedrag", "per_inwoner"]), [
        Kolom("maatstaf", "Maatstaf"), Kolom("bedrag", "Bedrag", Formaat.EURO, "€"),
        Kolom("per_inwoner", "Per inwoner", Formaat.EURO, "€ per inwoner (gemeentefonds)", 2),
    ], tz.get("cluster_toelichting", ""))


def _peers_tabel(profiel: dict[str, Any]) -> Tabel:
    frame = pd.DataFrame(profiel.get("peers") or [], columns=["naam", "code", "afstand", "taakzwaarte_klasse"])
    return Tabel("peers", "Vergelijkbare gemeenten", frame, [
        Kolom("naam", "Gemeente"), Kolom("code", "Code"), Kolom("afstand", "Afstand", Formaat.DECIMAAL, "", 2),
        Kolom("taakzwaarte_klasse", "Taakzwaarte")],
        "De tien gemeenten met het meest gelijke profiel: gestandaardiseerde afstand op de zes Wmo-maatstaven van "
        "het gemeentefonds (€ per inwoner) en het aantal inwoners (0 = gelijk profiel).")


def gemeente_resultaat(profiel: dict[str, Any], maat: str = "maatwerk", grafiek: dict[str, Any] | None = None,
                       maatstaf_namen: dict[str, str] | None = None) -> Resultaat:
    """The Resultaat of one gemeente's profile (``gemeente_profiel``), optionally with the benchmark scatter."""
    tz = profiel.get("taakzwaarte") or {}
    samenvatting = [
        f"{profiel.get('naam')} ({profiel.get('code')}), {profiel.get('provincie')}: "
        f"{fmt.getal(profiel.get('inwoners'))} {profiel.get('inwoners_label', 'inwoners')}.",
    ]
    if tz.get("index") is not None:
        samenvatting.append(
            f"Taakzwaarte: {fmt.getal(tz['index'], 2)} {tz.get('eenheid', '')}, klasse {tz.get('klasse')}, "
            f"rang {tz.get('rang')} van {tz.get('aantal_gemeenten')}.")
    grafieken = []
    if grafiek:
        punten = grafiek.get("punten")
        if isinstance(punten, pd.DataFrame) and not punten.empty and "werkelijk" in punten:
            punten = punten.dropna(subset=["werkelijk"])
            reeksen = [Reeks("gemeenten", "Gemeenten", [float(x) for x in punten["taakzwaarte_index"]],
                             [float(y) for y in punten["werkelijk"]], soort="punt")]
            gekozen = grafiek.get("gekozen") or {}
            if gekozen.get("werkelijk") is not None:
                reeksen.append(Reeks("gekozen", str(profiel.get("naam")), [float(gekozen["taakzwaarte_index"])],
                                     [float(gekozen["werkelijk"])], soort="punt"))
            grafieken.append(Grafiek("spreiding", f"{grafiek.get('label', maat)} tegenover taakzwaarte", "punt",
                                     "Taakzwaarte", "Netto lasten per volwassene", reeksen, x_eenheid="€ per inwoner",
                                     y_eenheid="€", toelichting=f"Bron: {grafiek.get('bron', '')}"))
    return Resultaat(
        onderdeel="gemeente", titel=f"{profiel.get('naam')} — gemeente & benchmark",
        ondertitel=profiel.get("inwoners_toelichting", ""), samenvatting=samenvatting,
        tabellen=[_taakzwaarte_tabel(profiel, maatstaf_namen or {}), _uitgaven_tabel(profiel), _benchmark_tabel(profiel),
                  _peers_tabel(profiel)],
        grafieken=grafieken,
        aannames=[
            "Taakzwaarte = het gemeentefondscluster Individuele voorzieningen Wmo in € per inwoner "
            "(zes maatstaven); de klassen zijn kwintielen over alle gemeenten.",
            "Bedragen per volwassene delen door het aantal volwassenen volgens het gemeentefonds 2025, "
            "ook voor 2023 en 2024.",
            "Netto lasten omvatten zorg in natura, pgb en uitvoeringskosten; eigen declaraties zijn alleen zorg in natura.",
        ],
        bronnen=list(_BRONNEN), waarschuwingen=[str(w) for w in profiel.get("waarschuwingen") or []],
        gegevens={k: v for k, v in profiel.items() if k not in ("waarschuwingen", "bronnen")},
    )


@dataclass(frozen=True)
class GemeenteKaart:
    """The facts on the panel's cards, typed (the GUI reads attributes, not nested keys)."""

    code: str
    naam: str
    naam_iv3: str
    provincie: str
    inwoners: int
    volwassenen: int
    taakzwaarte_index: float | None
    klasse: str | None
    rang: int | None
    aantal_gemeenten: int
    circulaire: str
    uitkeringsfactor: float | None
    stedelijkheid: str
    centrumfunctie: str
    sociale_structuur: str
    componenten: dict[str, float] = field(default_factory=dict)

    @classmethod
    def van(cls, profiel: dict[str, Any]) -> GemeenteKaart:
        tz = profiel.get("taakzwaarte") or {}
        return cls(
            code=str(profiel["code"]), naam=str(profiel["naam"]), naam_iv3=str(profiel.get("naam_iv3") or profiel["naam"]),
            provincie=str(profiel.get("provincie", "")), inwoners=int(profiel.get("inwoners") or 0),
            volwassenen=int(profiel.get("volwassenen") or 0), taakzwaarte_index=tz.get("index"),
            klasse=tz.get("klasse"), rang=tz.get("rang"), aantal_gemeenten=int(tz.get("aantal_gemeenten") or 342),
            circulaire=str(tz.get("circulaire", "")), uitkeringsfactor=tz.get("uitkeringsfactor"),
            stedelijkheid=str(profiel.get("stedelijkheid", "")), centrumfunctie=str(profiel.get("centrumfunctie", "")),
            sociale_structuur=str(profiel.get("sociale_structuur", "")),
            componenten={k: float(v) for k, v in (tz.get("componenten") or {}).items()},
        )


@dataclass(frozen=True)
class GemeenteWeergave:
    """What the Gemeente & benchmark panel shows: cards, the Resultaat (tables, warnings, sources), chart data."""

    kaart: GemeenteKaart
    resultaat: Resultaat
    maat: str
    grafiek: dict[str, Any]
    klassegrenzen: Any
    mediaan_componenten: dict[str, float]
    maatstaf_namen: dict[str, str]


def gemeente_weergave(code: str, maat: str, progress: Any = None, project: Any = None) -> GemeenteWeergave:
    """Computed in a task by the panel; the CLI and the report use ``gemeente_resultaat`` of the same data.

    With ``project``, the gemeente's own figures from its declaraties are appended as an extra table.
    """
    from wijkkompas.core.reference.profiel import gemeente_paneel

    data = gemeente_paneel(code, maat, progress=progress)
    profiel = data["profiel"]
    resultaat = gemeente_resultaat(profiel, maat, data.get("grafiek"), data.get("maatstaf_namen"))
    if project is not None:
        met_eigen_cijfers(resultaat, project)
    return GemeenteWeergave(
        kaart=GemeenteKaart.van(profiel),
        resultaat=resultaat,
        maat=maat, grafiek=data["grafiek"], klassegrenzen=data["klassegrenzen"],
        mediaan_componenten=data["mediaan_componenten"], maatstaf_namen=data["maatstaf_namen"],
    )


def produceer(project: Any, progress: Any = None) -> Resultaat | None:
    """Report producer: the project's gemeente with the benchmark measure the user chose."""
    from wijkkompas.core.benchmark import MEASURES
    from wijkkompas.core.reference.profiel import gemeente_paneel

    if not getattr(project, "gemeente_code", None):
        return None
    keuze = BenchmarkKeuze.from_json(project.choices.get("benchmark"), tuple(MEASURES))
    data = gemeente_paneel(project.gemeente_code, keuze.maat, progress=progress)
    resultaat = gemeente_resultaat(data["profiel"], keuze.maat, data.get("grafiek"), data.get("maatstaf_namen"))
    return met_eigen_cijfers(resultaat, project)


def met_eigen_cijfers(resultaat: Resultaat, project: Any) -> Resultaat:
    """Append the own figures (cliënten with CBS HbH 2019 beside them; spending declared and from the budget
    realisatie) and their HbH sentence.

    Nothing is added without declaraties and wijken; the table is the same one
    the Start panel condenses, so both always agree.
    """
    from wijkkompas.core.inkoop.eigen_cijfers import eigen_tabellen_van, hbh_vergelijking

    eigen = eigen_tabellen_van(project)
    if not eigen:
        return resultaat
    resultaat.tabellen.extend(eigen)
    zin = hbh_vergelijking(eigen[0])
    if zin:
        resultaat.samenvatting.append(zin)
    return resultaat
