"""Rich synthetic Resultaat builders: every Formaat, bands, markers, stacked bars, a long table, tricky text."""
from __future__ import annotations


import numpy as np
import pandas as pd
from wijkkompas.core.project import Project, SourceFile
from wijkkompas.core.resultaat import (STERKTES, Bevinding, Bron, Formaat, Gegevensbron, Grafiek, Kolom, Reeks,
                                       Resultaat, Tabel)

FORMULA_TEXTS = ['=HYPERLINK("http://x.invalid","klik")', "@SUM(A1:A2)", "-1+2", "+31", "\tTab", "\rCR"]
TOTAAL_EURO = 1234567.89


def _wijken_tabel(n: int = 15) -> Tabel:
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({
        "wijk_code": [f"W{i:02d}" for i in range(1, n + 1)],
        "wijk_naam": [f"Wijk {i}" for i in range(1, n + 1)],
        "budget": rng.uniform(1e5, 2e6, n).round(2),
        "aandeel": rng.uniform(0, 0.2, n),
        "clienten": rng.integers(10, 5000, n),
        "index": rng.uniform(0.5, 1.5, n),
        "peildatum": pd.date_range("2024-01-01", periods=n, freq="7D"),
        "maand": pd.date_range("2023-01-01", periods=n, freq="MS"),
        "wijkteam": [i % 2 == 0 for i in range(n)],
    })
    frame.loc[0, "budget"] = TOTAAL_EURO
    frame.loc[1, "aandeel"] = 0.1234
    frame.loc[2, "index"] = np.nan
    for i, text in enumerate(FORMULA_TEXTS):
        frame.loc[3 + i, "wijk_naam"] = text
    kolommen = [
        Kolom("wijk_code", "Wijk"), Kolom("wijk_naam", "Naam"),
        Kolom("budget", "Budget", Formaat.EURO, "€", 0),
        Kolom("aandeel", "Aandeel", Formaat.PROCENT, decimalen=1),
        Kolom("clienten", "Cliënten", Formaat.GEHEEL, "aantal"),
        Kolom("index", "Index", Formaat.DECIMAAL, decimalen=2),
        Kolom("peildatum", "Peildatum", Formaat.DATUM),
        Kolom("maand", "Maand", Formaat.MAAND),
        Kolom("wijkteam", "Wijkteam", Formaat.JANEE),
    ]
    return Tabel("wijken", "Budget per wijk", frame, kolommen, toelichting="Bedragen in euro, prijspeil 2025.")


def _lange_tabel(n: int = 140) -> Tabel:
    frame = pd.DataFrame({"nr": range(1, n + 1), "omschrijving": [f"Regel {i} met een wat langere omschrijving"
                                                                   for i in range(1, n + 1)],
                          "bedrag": [1000.5 * i for i in range(1, n + 1)]})
    return Tabel("lang", "Alle declaratieregels", frame, [Kolom("nr", "Nr.", Formaat.GEHEEL),
                                                           Kolom("omschrijving", "Omschrijving"),
                                                           Kolom("bedrag", "Bedrag", Formaat.EURO, "€", 2)])


def _grafieken() -> list[Grafiek]:
    maanden = list(pd.date_range("2023-01-01", periods=24, freq="MS"))
    y = [100 + 3 * i for i in range(24)]
    waaier = Grafiek(
        "prognose", "Prognose uitgaven", "waaier", "Maand", "Uitgaven", [
            Reeks("realisatie", "Realisatie", maanden[:12], y[:12]),
            Reeks("prognose", "Prognose (mediaan)", maanden[11:], y[11:], laag=[v - 10 for v in y[11:]],
                  hoog=[v + 12 for v in y[11:]]),
        ], y_eenheid="€ dzd", markeringen=[(maanden[12], "Nieuw beleid")])
    staaf = Grafiek("wijken", "Budget per wijk", "staaf", "Wijk", "Budget",
                    [Reeks("nu", "Huidig", ["W01", "W02", "W03"], [1.2e6, 0.8e6, 1.5e6]),
                     Reeks("model", "Model", ["W01", "W02", "W03"], [1.0e6, 1.0e6, 1.5e6])], y_eenheid="€")
    gestapeld = Grafiek("mix", "Cliënten per product", "gestapeld", "Jaar", "Cliënten",
                        [Reeks("hbh", "Hulp bij het huishouden", [2021, 2022, 2023], [500, 525, 551]),
                         Reeks("beg", "Begeleiding", [2021, 2022, 2023], [300, 309, 318])], y_eenheid="aantal")
    lijn = Grafiek("trend", "Instroom", "lijn", "Jaar", "Instroom", [Reeks("a", "Instroom", [2021, 2022, 2023, 2024],
                                                                          [10, None, 14, 15])],
                   y_eenheid="cliënten per maand", markeringen=[(2023, "Wijkteam")])
    punt = Grafiek("spreiding", "Kosten tegen taakzwaarte", "punt", "Taakzwaarte", "Kosten",
                   [Reeks("g", "Gemeenten", [0.8, 1.0, 1.2, 1.4], [310, 350, 420, 400])],
                   x_eenheid="index", y_eenheid="€ per inwoner")
    return [waaier, staaf, gestapeld, lijn, punt]


def rijk_resultaat() -> Resultaat:
    bevindingen = [Bevinding(f"Bevinding {s}", f"Uitleg bij {s}.", s, soort, bron=f"Bron {i}")
                   for i, (s, soort) in enumerate(zip(STERKTES, ["aandachtspunt", "sterk punt", "informatie",
                                                                   "waarschuwing"]))]
    bevindingen.append(Bevinding("=HYPERLINK(\"http://x.invalid\",\"klik\")", "@SUM(A1)", "beschrijvend"))
    return Resultaat(
        "verdeelmodel", "Verdeelmodel", "Top-down, gemeentefondsgewichten",
        samenvatting=["Totaal verdeeld: € 1.234.568.", "-1+2 is geen formule"],
        tabellen=[_wijken_tabel(), _lange_tabel()], grafieken=_grafieken(), bevindingen=bevindingen,
        aannames=["Prijspeil 2025", "+31 is tekst"],
        bronnen=[Bron("CBS", "Kerncijfers wijken en buurten", 2024), Bron("BZK", "Gemeentefonds circulaire", 2025)],
        gegevensbasis=[Gegevensbron("wijken.xlsx", "wijken", "ab" * 32, 15, "2024")],
        waarschuwingen=["Kleine aantallen in W15: lees met voorzichtigheid."],
        gegevens={"totaal": TOTAAL_EURO},
    )


def klein_resultaat() -> Resultaat:
    frame = pd.DataFrame({"a": ["x"], "b": [0.5]})
    maanden = Grafiek("m", "Per maand", "lijn", "Maand", "Aantal", [Reeks("n", "Aantal", ["2025-05", "2025-06"], [3, 4])],
                      y_eenheid="cliënten")
    return Resultaat("positie", "Positie", grafieken=[maanden], tabellen=[Tabel("t", "Kort", frame, [Kolom("a", "A"),
                                                                                  Kolom("b", "B", Formaat.PROCENT)])],
                     bronnen=[Bron("CBS", "Kerncijfers wijken en buurten", 2024), Bron("CPB", "Typologie", 2020)])


def project() -> Project:
    p = Project(naam="Testproject Voorbeeldstad", gemeente_code="GM0150")
    p.add_table("wijken", pd.DataFrame({"wijk_code": ["W01", "W02"]}),
                SourceFile("wijken.xlsx", "cd" * 32, "wijken", "wijken"))
    return p
