"""The Scenario's Resultaat: meerjarenraming, fan charts, comparison, backtest and every assumption in words.

``maak_resultaat`` is what the panel shows, the CLI prints and the report
renders (``produceer`` reads the user's stored settings from the project).
Evidence strength is always ``beschrijvend``: a projection extrapolates the
own history under stated assumptions; it measures no effect.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.resultaat import Bevinding, Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel, gegevensbasis_van
from wijkkompas.core.scenario.hefbomen import DEMOGRAFIE_NOOT, EIGEN_BIJDRAGE_NOOT, ScenarioInstellingen
from wijkkompas.core.scenario.historie import ScenarioDataError, aanbieder_namen
from wijkkompas.core.scenario.model import ScenarioModel, fit_model
from wijkkompas.core.scenario.projectie import (
    ScenarioCijfers, bereken_alle, historie_maanden, jaar_json, jaren_bereik, kwantielen, maand_waaier,
)

ONDERDEEL = "scenarios"
KEUZE = "scenarios"


def _year_cols(jaren: list[int], formaat: Formaat = Formaat.EURO, eenheid: str = "€") -> list[Kolom]:
    return [Kolom(f"j{y}", str(y), formaat, eenheid) for y in jaren]


def _raming(model: ScenarioModel, c: ScenarioCijfers) -> Tabel:
    base, rows = model.basislijn, []
    kq = kwantielen(c.kosten)
    begroting = model.historie.begroting
    for i, p in enumerate(base.producten):
        if not base.kosten_bekend[i]:
            continue
        for k, maat in ((1, "P50"), (0, "P10"), (2, "P90")):
            rows.append({"regel": f"{base.labels[i]} · {maat}", **{f"j{y}": kq[k, i, j] for j, y in enumerate(c.jaren)}})
        b = begroting[begroting["productcategorie"] == p].set_index("jaar")["bedrag"]
        if len(b):
            rows.append({"regel": f"{base.labels[i]} · begroting", **{f"j{y}": b.get(y, np.nan) for y in c.jaren}})
    if c.av_kosten.any():
        aq = kwantielen(c.av_kosten)
        rows.append({"regel": "Algemene voorziening · P50",
                     **{f"j{y}": aq[1, j] for j, y in enumerate(c.jaren)}})
    tq = kwantielen(c.totaal)
    for k, maat in ((1, "P50"), (0, "P10"), (2, "P90")):
        rows.append({"regel": f"Totaal · {maat}", **{f"j{y}": tq[k, j] for j, y in enumerate(c.jaren)}})
    if len(begroting):
        tot = begroting[begroting["productcategorie"].isin(base.producten)].groupby("jaar")["bedrag"].sum()
        rows.append({"regel": "Totaal · begroting", **{f"j{y}": tot.get(y, np.nan) for y in c.jaren}})
    frame = pd.DataFrame(rows, columns=["regel", *[f"j{y}" for y in c.jaren]])
    return Tabel("meerjarenraming", f"Meerjarenraming — {c.scenario.naam}", frame,
                 [Kolom("regel", "Product"), *_year_cols(c.jaren)],
                 "Kosten per kalenderjaar in euro's (prijspeil met de gekozen indexatie). P50 is de middelste uitkomst; "
                 "tussen P10 en P90 liggen 8 van de 10 uitkomsten. Het jaar waarin de gegevens eindigen telt "
                 "gerealiseerde en voorspelde maanden op; de algemene voorziening is in het totaal meegeteld. De begroting omvat ook pgb en uitvoeringskosten; de prognose alleen zorg in natura.")


def _clienten(model: ScenarioModel, c: ScenarioCijfers) -> Tabel:
    base, rows = model.basislijn, []
    cq, wq = kwantielen(c.clienten), kwantielen(c.wachtlijst)
    for i, _p in enumerate(base.producten):
        rows.append({"regel": base.labels[i], **{f"j{y}": cq[1, i, j] for j, y in enumerate(c.jaren)}})
        if c.scenario.hefbomen.budgetplafonds and wq[1, i].max() > 0:
            rows.append({"regel": f"{base.labels[i]} · wachtend (plafond)",
                         **{f"j{y}": wq[1, i, j] for j, y in enumerate(c.jaren)}})
    frame = pd.DataFrame(rows, columns=["regel", *[f"j{y}" for y in c.jaren]])
    return Tabel("clienten", "Gemiddeld aantal cliënten per jaar (P50)", frame,
                 [Kolom("regel", "Product"), *_year_cols(c.jaren, Formaat.GEHEEL, "cliënten")])


def _backtest(model: ScenarioModel) -> Tabel:
    frame = model.backtest.copy()
    return Tabel("backtest", "Toets op het verleden: gemiddelde fout over de laatste 12 maanden", frame,
                 [Kolom("label", "Product"), Kolom("maanden", "Getoetste maanden", Formaat.GEHEEL),
                  Kolom("mape_clienten", "Fout cliënten (MAPE)", Formaat.PROCENT, decimalen=1),
                  Kolom("mape_kosten", "Fout kosten (MAPE)", Formaat.PROCENT, decimalen=1)],
                 "Het model is geschat zonder de laatste 12 maanden en heeft die daarna voorspeld; MAPE is de "
                 "gemiddelde absolute afwijking per maand in procenten. " + model.backtest_opmerking)


def _parameters(model: ScenarioModel, c: ScenarioCijfers) -> Tabel:
    b = model.basislijn
    rows = []
    for i, p in enumerate(b.producten):
        rows.append({
            "label": b.labels[i], "instroom": float(b.instroom_pad[i, :12].mean()),
            "per_1000": float(b.instroom_pad[i, :12].sum() / b.inwoners * 1000) if b.inwoners > 0 else np.nan,
            "hazard": float(b.hazard[i]), "duur": float(1 / b.hazard[i]) if b.hazard[i] > 0 else np.nan,
            "kpc": float(b.vpc[i] * b.prijs[i]) if b.kosten_bekend[i] else np.nan,
            "index": float(c.simulatie.indexatie[i]), "model": b.modelkeuze.get(p, ""),
        })
    frame = pd.DataFrame(rows)
    return Tabel("parameters", "Geschatte uitgangspunten per product", frame, [
        Kolom("label", "Product"), Kolom("instroom", "Instroom per maand", Formaat.DECIMAAL, "cliënten", 1),
        Kolom("per_1000", "Instroom per 1.000 inwoners per jaar", Formaat.DECIMAAL, "", 1),
        Kolom("hazard", "Uitstroomkans per maand", Formaat.PROCENT, decimalen=1),
        Kolom("duur", "Gemiddelde duur", Formaat.DECIMAAL, "maanden", 0),
        Kolom("kpc", "Kosten per cliënt per maand", Formaat.EURO, "€", 0),
        Kolom("index", "Tariefindexatie per jaar", Formaat.PROCENT, decimalen=1),
        Kolom("model", "Model instroom")])


UITSPLITSINGEN = (("wijk_code", "per_wijk", "Wijk"), ("toegang_team", "per_team", "Toegangsteam"),
                  ("aanbieder_code", "per_aanbieder", "Aanbieder"))


def _uitsplitsingen(model: ScenarioModel, c: ScenarioCijfers, namen: dict[str, str]) -> tuple[list[Tabel], dict]:
    """P50 cost per wijk, team and aanbieder for the full forecast years (a split of the forecast only)."""
    sim = c.simulatie
    years = sorted(set(sim.maanden.year))
    full = [y for y in c.jaren if y > model.basislijn.laatste_maand.year and y in years]
    tables, payload = [], {}
    if not full or not model.basislijn.kosten_bekend.any():
        return tables, payload
    wijk_namen = namen.get("wijken", {})
    for kolom, naam, label in UITSPLITSINGEN:
        labels, cost, clients = sim.per_groep(kolom)
        cq, clq = kwantielen(cost), kwantielen(clients)
        cols = [years.index(y) for y in full]
        rows, data = [], {}
        for g, code in enumerate(labels):
            shown = (f"{namen.get('aanbieders', {}).get(code, code)} ({code})" if kolom == "aanbieder_code"
                     else f"{code} {wijk_namen[code]}" if code in wijk_namen else code)
            rows.append({"groep": shown, **{f"j{y}": cq[1, g, k] for y, k in zip(full, cols)}})
            data[code] = {str(y): {"p50": float(cq[1, g, k]), "clienten_p50": float(clq[1, g, k])}
                          for y, k in zip(full, cols)}
        frame = pd.DataFrame(rows, columns=["groep", *[f"j{y}" for y in full]])
        tables.append(Tabel(naam, f"Kosten per {label.lower()} (P50, alle producten)", frame,
                            [Kolom("groep", label), *_year_cols(full)],
                            "Alleen volle prognosejaren. De verdeling volgt de huidige cliënten en de instroom van "
                            "de laatste 12 maanden per " + label.lower() + "; beleid per wijk of team dat nog niet "
                            "in de gegevens zit, zit er niet in."))
        payload[naam] = data
    return tables, payload


def _vergelijking(alle: list[ScenarioCijfers]) -> Tabel:
    basis = alle[0]
    base_p50 = np.nanmedian(basis.totaal, axis=0)
    rows = []
    for c in alle:
        p50 = np.nanmedian(c.totaal, axis=0)
        rows.append({"regel": f"{c.scenario.naam} · totaal (P50)", **{f"j{y}": p50[j] for j, y in enumerate(c.jaren)}})
        if c is not basis:
            diff = np.nanmedian(c.totaal - basis.totaal, axis=0)
            rows.append({"regel": f"{c.scenario.naam} · verschil met {basis.scenario.naam}",
                         **{f"j{y}": diff[j] for j, y in enumerate(c.jaren)}})
    frame = pd.DataFrame(rows, columns=["regel", *[f"j{y}" for y in basis.jaren]])
    del base_p50
    return Tabel("vergelijking", "Scenario's naast elkaar (totale kosten, P50)", frame,
                 [Kolom("regel", "Scenario"), *_year_cols(basis.jaren)],
                 "Het verschil is de mediaan van het verschil per trekking: alle scenario's gebruiken dezelfde "
                 "toevalsgetallen, zodat het verschil het effect van de hefbomen is.")


def _waaier(model: ScenarioModel, c: ScenarioCijfers, product: int | None) -> Grafiek:
    label = "Totaal" if product is None else model.basislijn.labels[product]
    history = historie_maanden(model, product)
    months, q = maand_waaier(c, product)
    reeksen = []
    if len(history):
        reeksen.append(Reeks("realisatie", "Gerealiseerd (declaraties)", [str(m) for m in history.index],
                             [float(v) for v in history.to_numpy()], soort="lijn"))
    reeksen.append(Reeks("prognose", "Prognose P50 met band P10–P90", months, [float(v) for v in q[1]],
                         laag=[float(v) for v in q[0]], hoog=[float(v) for v in q[2]]))
    naam = "waaier_totaal" if product is None else f"waaier_{model.basislijn.producten[product]}"
    return Grafiek(naam, f"{label}: kosten per maand — {c.scenario.naam}", "waaier", "Maand", "Kosten per maand",
                   reeksen, y_eenheid="€", markeringen=[(months[0], "Start prognose")],
                   toelichting="Links de gedeclareerde kosten, rechts de prognose; de band (P10–P90) wordt breder "
                               "naarmate de prognose verder vooruit kijkt.")


def _aannames(model: ScenarioModel, c: ScenarioCijfers, instellingen: ScenarioInstellingen) -> list[str]:
    b, lev = model.basislijn, c.scenario.hefbomen
    hist = model.historie
    out = [
        f"Historie: {hist.maanden[0].strftime('%m-%Y')} tot en met {hist.laatste_maand.strftime('%m-%Y')} "
        f"({len(hist.maanden)} maanden) uit de toewijzingen; kosten uit de declaraties "
        f"({len(hist.kosten_maanden)} maanden), creditregels verrekend.",
        "Voorraadmodel per product: cliënten deze maand = cliënten vorige maand + instroom − uitstroom.",
        "Instroom: per 1.000 inwoners, geschat met exponentiële afvlakking (ETS) op de eigen reeks; trend (gedempt) "
        "en seizoen alleen bij minstens 24 maanden gegevens.",
        "Uitstroom: een vaste kans per maand, geschat uit de waargenomen duur van de toewijzingen "
        "(aantal beëindigingen gedeeld door het aantal cliëntmaanden).",
        "Kosten = cliënten × volume per cliënt × prijs per eenheid; het volume per cliënt is het gemiddelde van de "
        "laatste 12 maanden, de prijs het niveau van het laatste jaar; indexatie elk jaar per 1 januari.",
        f"Onzekerheid: {fmt.getal(instellingen.trekkingen)} trekkingen (vaste startwaarde {instellingen.seed}) over "
        "het toeval in de instroom, de onzekerheid in de geschatte uitstroomkans en het volume per cliënt (niveau "
        "en de jaarlijkse schommeling die de eigen gegevens laten zien). Trendbreuken door beleid of markt zitten "
        "er niet in: de band is de onzekerheid van dit model, niet van de toekomst.",
        "Uitsplitsing naar wijk, aanbieder en team volgt de huidige verdeling van cliënten en de verdeling van de "
        "instroom in de laatste 12 maanden.",
    ]
    if lev.tariefindexatie is None:
        out.append("Tariefindexatie: zoals waargenomen in de eigen declaraties (" + ", ".join(
            f"{b.labels[i]} {fmt.procent(c.simulatie.indexatie[i], 1)}" for i in range(len(b.producten))) + ").")
    else:
        out.append(f"Tariefindexatie: {fmt.procent(lev.tariefindexatie, 1)} per jaar (gekozen).")
    if lev.groei_75plus:
        out.append(f"Groei 75-plussers {fmt.procent(lev.groei_75plus, 1)} per jaar, op het deel van de instroom "
                   "dat 75 jaar of ouder is. " + DEMOGRAFIE_NOOT)
    out.append(EIGEN_BIJDRAGE_NOOT)
    if lev.av_aandeel:
        out.append(f"{fmt.procent(lev.av_aandeel, 0)} van de nieuwe cliënten gaat naar een algemene voorziening à "
                   f"{fmt.euro(lev.av_kosten_per_client)} per cliënt per maand, met dezelfde uitstroom.")
    if lev.budgetplafonds:
        out.extend(_plafond_aannames(model, lev))
    return out


def _plafond_aannames(model: ScenarioModel, lev) -> list[str]:
    """How the plafonds were applied, in words: per perceel, or shared over an aanbieder's products."""
    b = model.basislijn
    gevolg = "komt op een wachtlijst" if lev.plafond_gevolg == "wachtlijst" else \
        "gaat naar rato naar de aanbieders die voor dat product geen plafond hebben"
    out = ["Budgetplafonds per aanbieder per product (perceel) en per kalenderjaar; wat de aanbieder in het "
           "lopende jaar al op dat product declareerde, telt mee. Vraag boven het plafond " + gevolg + ". Producten "
           "van dezelfde aanbieder zonder plafond blijven buiten het plafond."]
    aanbod = b.cellen.groupby("aanbieder_code")["product"].unique()
    for code, product, amount in lev.plafond_regels():
        delivered = sorted(aanbod.get(code, []))
        if product is None and len(delivered) > 1:
            labels = ", ".join(b.labels[b.index(p)].lower() for p in delivered if p in b.producten)
            out.append(f"Het plafond van {fmt.euro(amount)} voor aanbieder {code} geldt voor al haar producten samen "
                       f"({labels}). Aanname: zij verdeelt het naar rato van de vraag over die producten (elke maand "
                       "krijgt elk product hetzelfde deel van zijn vraag vergoed).")
    return out


def _bevindingen(model: ScenarioModel, c: ScenarioCijfers) -> list[Bevinding]:
    out = []
    b, lev = model.basislijn, c.scenario.hefbomen
    if not model.backtest.empty:
        parts = []
        for _, row in model.backtest.iterrows():
            cost = "" if pd.isna(row["mape_kosten"]) else f", kosten {fmt.procent(row['mape_kosten'], 1)}"
            parts.append(f"{row['label']}: cliënten {fmt.procent(row['mape_clienten'], 1)}{cost}")
        out.append(Bevinding("Toets op het verleden", "Gemiddelde fout per maand over de laatste 12 maanden — "
                             + "; ".join(parts) + ".", "beschrijvend", "informatie"))
    for product, som in lev.bekostiging.items():
        label = b.labels[b.index(product)]
        out.append(Bevinding(
            f"{label}: taakgerichte bekostiging", f"De kosten zijn de contractsom van {fmt.euro(som)} per jaar. "
            "Het volumerisico verschuift daarmee naar de aanbieder: meer cliënten of meer uren kosten de gemeente "
            "niet meer, maar de gemeente moet de toegang, de kwaliteit en de wachttijden zelf blijven volgen.",
            "kwalitatief", "aandachtspunt", producten=[product]))
    wait = kwantielen(c.wachtlijst)[1]
    if lev.budgetplafonds and wait.max() > 0:
        out.append(Bevinding("Wachtlijst door budgetplafonds", "Onder de gekozen plafonds wachten gemiddeld tot "
                             f"{fmt.getal(wait.max(), 0)} cliënten per jaar op zorg van hun aanbieder.",
                             "beschrijvend", "waarschuwing"))
    return out


def maak_resultaat(project, model: ScenarioModel, instellingen: ScenarioInstellingen,
                   jaren: list[int] | None = None, progress: Voortgang | None = None) -> Resultaat:
    """All scenarios of ``instellingen`` → one Resultaat; the active scenario fills the per-product payload."""
    progress = ensure(progress)
    jaren = jaren or jaren_bereik(model, aantal=instellingen.jaren)
    alle = bereken_alle(model, instellingen, jaren)
    progress.step(0.8, "Resultaat samenstellen…")
    actief = alle[instellingen.actief]
    b = model.basislijn
    gegevens = {"scenario": actief.scenario.naam, "jaren": jaren, "trekkingen": instellingen.trekkingen,
                "seed": instellingen.seed, "laatste_maand": str(b.laatste_maand),
                **jaar_json(actief, model), "hefbomen": actief.scenario.hefbomen.to_json(),
                "backtest": {row["product"]: {"mape_clienten": row["mape_clienten"], "mape_kosten": row["mape_kosten"],
                                              "maanden": row["maanden"]} for _, row in model.backtest.iterrows()}}
    tabellen = [_raming(model, actief), _clienten(model, actief), _backtest(model), _parameters(model, actief)]
    split_tables, split_data = _uitsplitsingen(model, actief, _namen(project, model))
    tabellen += split_tables
    gegevens["uitsplitsing"] = split_data
    grafieken = [_waaier(model, actief, None)] + [_waaier(model, actief, i) for i in range(len(b.producten))
                                                 if b.kosten_bekend[i]]
    if len(alle) > 1:
        tabellen.append(_vergelijking(alle))
        base_tot = alle[0].totaal
        gegevens["vergelijking"] = [
            {"scenario": c.scenario.naam, "jaren": {str(y): {"p50": float(np.nanmedian(c.totaal[:, j])),
                                                             "verschil_p50": float(np.nanmedian(c.totaal[:, j] - base_tot[:, j]))}
                                                    for j, y in enumerate(jaren)}} for c in alle]
        grafieken.append(Grafiek("vergelijking", "Totale kosten per jaar per scenario (P50)", "staaf", "Jaar",
                                 "Kosten per jaar", [Reeks(f"s{k}", c.scenario.naam, [str(y) for y in jaren],
                                                           [float(v) for v in np.nanmedian(c.totaal, axis=0)])
                                                     for k, c in enumerate(alle)], y_eenheid="€"))
    tq = kwantielen(actief.totaal)
    samenvatting = []
    if np.isfinite(tq).all():
        samenvatting.append(f"Scenario '{actief.scenario.naam}': totale kosten {jaren[0]} "
                            f"{fmt.euro_kort(tq[1, 0])} (P10–P90 {fmt.euro_kort(tq[0, 0])} – {fmt.euro_kort(tq[2, 0])}); "
                            f"{jaren[-1]} {fmt.euro_kort(tq[1, -1])} ({fmt.euro_kort(tq[0, -1])} – "
                            f"{fmt.euro_kort(tq[2, -1])}).")
    samenvatting.append(f"Prognose per maand vanaf {(b.laatste_maand + 1).strftime('%m-%Y')} op basis van "
                        f"{len(model.historie.maanden)} maanden eigen gegevens.")
    waarschuwingen = list(b.waarschuwingen)
    if len(model.historie.maanden) < 24:
        waarschuwingen.append(f"Er zijn maar {len(model.historie.maanden)} maanden gegevens: het model kan geen "
                              "seizoenspatroon of trend schatten en de banden zijn dan te smal voor lange horizons.")
    if model.backtest_opmerking:
        waarschuwingen.append(model.backtest_opmerking)
    progress.step(1.0, "Klaar.")
    return Resultaat(
        ONDERDEEL, "Scenario's: meerjarige prognose van aantallen × prijs",
        f"{jaren[0]}–{jaren[-1]}, {fmt.getal(instellingen.trekkingen)} trekkingen", samenvatting, tabellen, grafieken,
        _bevindingen(model, actief), _aannames(model, actief, instellingen), [],
        gegevensbasis_van(project, ["toewijzingen", "declaraties", "wijken", "budget", "tarieven"]), waarschuwingen,
        gegevens)


def _namen(project, model: ScenarioModel | None = None) -> dict[str, dict[str, str]]:
    """Names of aanbieders and wijken; cached on the model for the same tables (a lever edit reuses them)."""
    tables = getattr(project, "tables", {}) or {}
    frames = tuple(tables.get(name) for name in ("tarieven", "toewijzingen", "wijken"))
    cached = model.cache.get("namen") if model is not None else None
    if cached is not None and len(cached[0]) == len(frames) and all(a is b for a, b in zip(cached[0], frames)):
        return cached[1]
    namen = _lees_namen(tables)
    if model is not None:
        model.cache["namen"] = (frames, namen)   # holding the frames keeps the identity check sound
    return namen


def _lees_namen(tables: dict) -> dict[str, dict[str, str]]:
    wijken = tables.get("wijken")
    wijk_namen = {}
    if wijken is not None and {"wijk_code", "wijk_naam"} <= set(wijken.columns):
        pairs = wijken[["wijk_code", "wijk_naam"]].dropna().drop_duplicates("wijk_code")
        wijk_namen = {str(c): str(n) for c, n in zip(pairs["wijk_code"], pairs["wijk_naam"])}
    return {"aanbieders": aanbieder_namen(tables), "wijken": wijk_namen}


def instellingen_van(project) -> ScenarioInstellingen:
    return ScenarioInstellingen.from_json(getattr(project, "choices", {}).get(KEUZE))


def produceer(project, progress: Voortgang | None = None) -> Resultaat | None:
    """Report producer (``core.onderdelen``): the user's stored scenarios, or None without toewijzingen."""
    progress = ensure(progress)
    try:
        model = fit_model(project, progress.sub(0.0, 0.6))
    except ScenarioDataError:
        return None
    return maak_resultaat(project, model, instellingen_van(project), progress=progress.sub(0.6, 1.0))
