"""The verdeelmodel as a Resultaat: what the panel shows, the CLI prints and the report renders.

``gegevens`` carries the keys the CLI promises (``totaal``, ``methode``,
``wijken`` with ``bijdragen`` per indicator); the tables carry the same
numbers with units for the panel and the report.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core.formatting import euro, getal, procent
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.resultaat import (
    Bevinding, Bron, Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel, gegevensbasis_van,
)
from wijkkompas.core.verdeel.instellingen import METHODEN, SECTIE, VerdeelInstellingen, klein, laad
from wijkkompas.core.verdeel.model import Basis, VerdeelUitkomst, bereken

BRON_GF = Bron("Ministerie van BZK", "Gemeentefonds, meicirculaire 2024 (uitkeringsjaar 2025): gewichten cluster "
               "Individuele voorzieningen Wmo", 2024)
BRON_002 = Bron("Programmaraad / VNG", "Kennisdocument Sociale wijkteams in ontwikkeling, Bijlage IV: methodieken om "
                "te komen tot een budgetverdeling", 2013)
E, P = Formaat.EURO, Formaat.PROCENT


def produceer(project: Any, progress: Voortgang | None = None) -> Resultaat | None:
    """Report-section producer: the stored settings (or defaults); None without wijkgegevens."""
    wijken = getattr(project, "tables", {}).get("wijken")
    if wijken is None or wijken.empty:
        return None
    return maak_resultaat(project, laad(project), progress=progress)


def maak_resultaat(project: Any, inst: VerdeelInstellingen, b: Basis | None = None,
                   progress: Voortgang | None = None) -> Resultaat:
    progress = ensure(progress)
    u = bereken(project, inst, b, progress.sub(0.0, 0.9))
    return naar_resultaat(project, u)


def naar_resultaat(project: Any, u: VerdeelUitkomst) -> Resultaat:
    w = u.wijken.copy()
    w.insert(0, "wijk_code", w.index)
    heeft_huidig = w["huidig"].notna().any()
    methode = u.inst.methode
    titel = f"Verdeelmodel: {METHODEN[methode]}"
    if methode == "bottomup":
        titel = f"Verdeelmodel: bottom-up, {klein(u.behoefte.bron.split(':')[0])}"
    tabellen = [_wijk_tabel(w, heeft_huidig), _bijdrage_tabel(u), _stappen_tabel(u), _regels_tabel(u)]
    if not u.gewichten.empty:
        tabellen.append(_gewichten_tabel(u))
    tabellen.append(_bottomup_tabel(u, w))
    if u.teams is not None:
        tabellen.append(_team_tabel(u.teams, heeft_huidig))
    if u.ingroei is not None:
        tabellen.append(_ingroei_tabel(u, w))
    # The ingroeipad is a table: fifteen lines with a legend would hide each other at laptop size.
    grafieken = [_grafiek_huidig_nieuw(w, heeft_huidig), _grafiek_decompositie(u, w)]
    samenvatting = [f"Te verdelen: {euro(u.totaal)} over {len(w)} wijken; sleutel: {klein(METHODEN[methode])}."]
    bevindingen = []
    if heeft_huidig:
        order = w.sort_values("verschil")
        lo, hi = order.iloc[0], order.iloc[-1]
        samenvatting.append(f"Grootste stijging: {hi['wijk_naam']} ({_signed(hi['verschil'])}); grootste daling: "
                            f"{lo['wijk_naam']} ({_signed(lo['verschil'])}), vergeleken met {u.huidig_bron}.")
        verschuiving = float(w["verschil"].clip(lower=0).sum())
        bevindingen.append(Bevinding(
            "Verschuiving ten opzichte van nu",
            f"Met deze sleutel gaat {euro(verschuiving)} ({procent(verschuiving / u.totaal, 1)} van het totaal) naar "
            f"andere wijken dan nu. Dat zegt iets over de sleutel, niet over wat wijken nodig hebben: een verdeelsleutel "
            f"beschrijft verschillen in bevolking, geen gemeten effect.", "beschrijvend", "informatie"))
    tekort = u.behoefte.totaal - u.totaal
    soort = "tekort" if tekort > 0.5 else "overschot"
    samenvatting.append(f"Bottom-up ({u.behoefte.bron.split(' (')[0]}): behoefte {euro(u.behoefte.totaal)}, "
                        f"{soort} {euro(abs(tekort))} ten opzichte van het te verdelen bedrag.")
    bevindingen.append(Bevinding(
        f"Bottom-up: {soort} van {euro(abs(tekort))}",
        f"De bottom-upberekening ({u.behoefte.bron}) komt uit op {euro(u.behoefte.totaal)}; er is {euro(u.totaal)} te "
        f"verdelen. Bijlage IV vraagt deze controle na elke bottom-upberekening.",
        "beschrijvend", "waarschuwing" if tekort > 0.5 else "informatie", BRON_002.tekst()))
    if u.kalibratie is not None:
        k = u.kalibratie
        loo = "onbekend" if k.loo_fout is None else procent(k.loo_fout, 0)
        samenvatting.append(f"Kalibratie: verklaarde variantie {procent(k.r2, 0)}, gemiddelde afwijking van een "
                            f"weggelaten wijk {loo}.")
        bevindingen.append(Bevinding(
            "Gekalibreerde gewichten zijn indicatief" if k.n_wijken < 20 else "Gekalibreerde gewichten",
            f"Op {k.n_wijken} wijken verklaren de gewichten {procent(k.r2, 0)} van de spreiding in de eigen "
            f"{'uitgaven' if k.doel == 'uitgaven' else 'cliëntaantallen'}; een wijk die buiten de schatting blijft, "
            f"wijkt gemiddeld {loo} af. Dit beschrijft het verleden, inclusief keuzes van toen.", "beschrijvend",
            "waarschuwing" if k.n_wijken < 20 else "informatie"))
    if u.ingroei is not None:
        jaren = u.ingroei.shape[1]
        klaar = (f"na {u.ingroei_volledig_na} jaar" if u.ingroei_volledig_na is not None else "niet binnen 50 jaar")
        samenvatting.append(f"Ingroeipad: {jaren} jaar met hoogstens {getal(u.inst.ingroei_procent, 1)}% per wijk per "
                            f"jaar; de nieuwe verdeling is {klaar} volledig bereikt.")
    gegevens = {
        "totaal": u.totaal,
        "methode": methode,
        "methode_label": METHODEN[methode],
        "indicatoren": dict(u.labels),
        "wijken": [_wijk_json(u, code, row) for code, row in u.wijken.iterrows()],
        "te_verdelen": {"jaar": u.te_verdelen.jaar, "stappen": [{"stap": s, "bedrag": round(v, 2)}
                                                                 for s, v in u.te_verdelen.stappen]},
        "bottomup": {"bron": u.behoefte.bron, "behoefte": round(u.behoefte.totaal),
                     "tekort": round(max(tekort, 0)), "overschot": round(max(-tekort, 0))},
        "huidig_bron": u.huidig_bron,
        "instellingen": u.inst.to_json(),
    }
    if u.ingroei is not None:
        gegevens["ingroeipad"] = {"procent": u.inst.ingroei_procent, "jaren": u.ingroei.attrs.get("jaren"),
                                  "volledig_na_jaren": u.ingroei_volledig_na,
                                  "per_wijk": {c: [int(v) for v in r] for c, r in u.ingroei.iterrows()}}
    if u.kalibratie is not None:
        gegevens["kalibratie"] = {"gewichten": u.kalibratie.gewichten, "r2": u.kalibratie.r2,
                                  "loo_fout": u.kalibratie.loo_fout, "n_wijken": u.kalibratie.n_wijken,
                                  "doel": u.kalibratie.doel}
    bronnen = [BRON_002] + ([BRON_GF] if "gemeentefonds" in (methode, u.inst.mix_basis) or methode == "gekalibreerd"
                            else [])
    return Resultaat(SECTIE, titel, f"{len(w)} wijken, te verdelen {euro(u.totaal)}", samenvatting, tabellen, grafieken,
                     bevindingen, list(u.aannames), bronnen,
                     gegevensbasis_van(project, ["wijken", "budget", "declaraties", "toewijzingen", "formatie"]),
                     list(u.waarschuwingen), gegevens)


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + euro(abs(value))


def _num(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def _wijk_json(u: VerdeelUitkomst, code: str, row: pd.Series) -> dict[str, Any]:
    huidig = _num(float(row["huidig"])) if pd.notna(row["huidig"]) else None
    return {"wijk_code": code, "wijk_naam": str(row["wijk_naam"]), "budget": int(row["budget"]),
            "aandeel": float(row["aandeel"]), "huidig": None if huidig is None else int(huidig),
            "verschil": None if huidig is None else int(row["verschil"]),
            "verschil_pct": None if pd.isna(row["verschil_pct"]) else float(row["verschil_pct"]),
            "laag": int(row["laag"]), "hoog": int(row["hoog"]),
            "bottomup": int(row["bottomup"]) if pd.notna(row["bottomup"]) else None,
            "team": None if pd.isna(row["team"]) else str(row["team"]),
            "bijdragen": {c: int(u.bijdragen.loc[code, c]) for c in u.bijdragen.columns}}


def _wijk_tabel(w: pd.DataFrame, heeft_huidig: bool) -> Tabel:
    cols = [Kolom("wijk_code", "Code"), Kolom("wijk_naam", "Wijk"), Kolom("budget", "Nieuw budget", E, "€")]
    if heeft_huidig:
        cols += [Kolom("huidig", "Huidig", E, "€"), Kolom("verschil", "Verschil", E, "€"),
                 Kolom("verschil_pct", "Verschil (%)", P, "%", 1)]
    cols += [Kolom("aandeel", "Aandeel", P, "%", 1), Kolom("per_inwoner", "Per inwoner", E, "€ per inwoner"),
             Kolom("laag", "Laag (±10%)", E, "€", toelichting="Laagste budget als één gewicht 10% verandert"),
             Kolom("hoog", "Hoog (±10%)", E, "€", toelichting="Hoogste budget als één gewicht 10% verandert")]
    if w["team"].notna().any():
        cols.insert(2, Kolom("team", "Team"))
    return Tabel("wijken", "Verdeling per wijk", w, cols)


def _bijdrage_tabel(u: VerdeelUitkomst) -> Tabel:
    data = u.bijdragen.copy()
    data.insert(0, "wijk_naam", u.wijken["wijk_naam"])
    data.insert(0, "wijk_code", data.index)
    data["budget"] = u.wijken["budget"]
    cols = [Kolom("wijk_code", "Code"), Kolom("wijk_naam", "Wijk")]
    cols += [Kolom(c, u.labels.get(c, c), E, "€") for c in u.bijdragen.columns] + [Kolom("budget", "Totaal", E, "€")]
    return Tabel("bijdragen", "Waarom dit budget: bijdrage per indicator", data, cols,
                 "Het budget van elke wijk opgesplitst naar de indicatoren van de sleutel, in hele euro's.")


def _stappen_tabel(u: VerdeelUitkomst) -> Tabel:
    data = pd.DataFrame(u.te_verdelen.stappen, columns=["stap", "bedrag"])
    return Tabel("te_verdelen", "Wat wordt verdeeld", data, [Kolom("stap", "Stap"), Kolom("bedrag", "Bedrag", E, "€")])


def _regels_tabel(u: VerdeelUitkomst) -> Tabel:
    data = u.te_verdelen.regels.copy()
    return Tabel("budgetregels", "Budgetregels", data,
                 [Kolom("omschrijving", "Regel"), Kolom("bedrag", "Bedrag", E, "€"),
                  Kolom("opgenomen", "In wijkbudget", Formaat.JANEE), Kolom("gemarkeerd", "Gemarkeerd", Formaat.JANEE)])


def _gewichten_tabel(u: VerdeelUitkomst) -> Tabel:
    data = u.gewichten.copy()
    tot = u.bijdragen.sum()
    data["aandeel"] = [float(tot.get(c, 0)) / u.totaal for c in data["indicator"]]
    return Tabel("gewichten", "Gewichten van de sleutel", data,
                 [Kolom("label", "Indicator"), Kolom("gewicht", "Gewicht", Formaat.DECIMAAL, decimalen=2),
                  Kolom("eenheid", "Eenheid"), Kolom("aandeel", "Aandeel in budget", P, "%", 1)])


def _bottomup_tabel(u: VerdeelUitkomst, w: pd.DataFrame) -> Tabel:
    data = u.behoefte.per_wijk.copy()
    data.insert(0, "wijk_naam", w["wijk_naam"])
    data["budget"] = w["budget"]
    data["saldo"] = data["budget"] - data["behoefte"]
    return Tabel("bottomup", f"Bottom-up: {u.behoefte.bron}", data,
                 [Kolom("wijk_naam", "Wijk"), Kolom("fte", "Fte", Formaat.DECIMAAL, "fte", 1),
                  Kolom("kosten_per_fte", "Kosten per fte", E, "€"), Kolom("behoefte", "Behoefte", E, "€"),
                  Kolom("budget", "Budget", E, "€"), Kolom("saldo", "Budget min behoefte", E, "€")])


def _team_tabel(teams: pd.DataFrame, heeft_huidig: bool) -> Tabel:
    cols = [Kolom("team", "Team"), Kolom("wijken", "Wijken"), Kolom("budget", "Nieuw budget", E, "€")]
    if heeft_huidig:
        cols += [Kolom("huidig", "Huidig", E, "€"), Kolom("verschil", "Verschil", E, "€")]
    cols += [Kolom("bottomup", "Bottom-up", E, "€")]
    return Tabel("teams", "Verdeling per team", teams, cols)


def _ingroei_tabel(u: VerdeelUitkomst, w: pd.DataFrame) -> Tabel:
    data = u.ingroei.copy()
    jaren = u.ingroei.attrs.get("jaren", [])
    data.insert(0, "huidig", w["huidig"])
    data.insert(0, "wijk_naam", w["wijk_naam"])
    data["doel"] = w["budget"]
    cols = [Kolom("wijk_naam", "Wijk"), Kolom("huidig", "Huidig", E, "€")]
    cols += [Kolom(c, f"Jaar {j}", E, "€") for c, j in zip(u.ingroei.columns, jaren)]
    cols += [Kolom("doel", "Nieuw", E, "€")]
    return Tabel("ingroei", "Ingroeipad", data, cols)


def _x_as(w: pd.DataFrame) -> tuple[list[str], str]:
    """Wijk names on the axis when they fit; with many wijken the codes, and the names in the note."""
    if len(w) <= 8:
        return w["wijk_naam"].astype(str).tolist(), ""
    return w["wijk_code"].astype(str).tolist(), "Wijken: " + ", ".join(
        f"{c} {n}" for c, n in zip(w["wijk_code"], w["wijk_naam"])) + "."


def _grafiek_huidig_nieuw(w: pd.DataFrame, heeft_huidig: bool) -> Grafiek:
    x, noot = _x_as(w)
    reeksen = []
    if heeft_huidig:
        reeksen.append(Reeks("huidig", "Huidig", x, w["huidig"].astype(float).tolist()))
    reeksen.append(Reeks("nieuw", "Nieuw", x, w["budget"].astype(float).tolist(),
                         laag=w["laag"].astype(float).tolist(), hoog=w["hoog"].astype(float).tolist()))
    return Grafiek("huidig_nieuw", "Budget per wijk: huidig en nieuw", "staaf", "Wijk", "Budget", reeksen, "", "€",
                   toelichting=noot)


def _grafiek_decompositie(u: VerdeelUitkomst, w: pd.DataFrame) -> Grafiek:
    x, noot = _x_as(w)
    reeksen = [Reeks(c, u.labels.get(c, c), x, u.bijdragen[c].astype(float).tolist()) for c in u.bijdragen.columns]
    return Grafiek("decompositie", "Opbouw van het budget per indicator", "gestapeld", "Wijk", "Budget", reeksen, "", "€",
                   toelichting=noot)

