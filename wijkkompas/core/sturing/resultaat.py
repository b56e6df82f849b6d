"""Resultaat objects for the Sturing analyses (panel, CLI and report show the same thing)."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.resultaat import Bevinding, Grafiek, Kolom, Reeks, Resultaat, Tabel, gegevensbasis_van
from wijkkompas.core.scenario.historie import product_label
from wijkkompas.core.sturing.bekostiging import BRON, bekostiging_bevindingen, regime_bevindingen
from wijkkompas.core.sturing.instellingen import BELEID, REGIMES, SturingError, SturingInstellingen, instellingen_van
from wijkkompas.core.sturing.monitor import Monitor, bereken_monitor
from wijkkompas.core.sturing.regimes import RegimeUitkomst, bereken_regime, samenvatting

E, P, T, D = "euro", "procent", "tekst", "decimaal"
LICHT = {"groen": "groen", "oranje": "oranje", "rood": "rood"}


def _datum(value: Any) -> str | None:
    return fmt.datum(value) if value is not None and not pd.isna(value) else None


def _kol(naam: str, label: str, soort: str, decimalen: int = 0) -> Kolom:
    from wijkkompas.core.resultaat import Formaat

    formaat = {E: Formaat.EURO, P: Formaat.PROCENT, T: Formaat.TEKST, D: Formaat.DECIMAAL}[soort]
    return Kolom(naam, label, formaat, decimalen=decimalen)


def lijnen_json(m: Monitor) -> list[dict[str, Any]]:
    """The CLI's promised keys, one dict per aanbieder × product with a plafond."""
    return [{
        "aanbieder": r.aanbieder_code, "aanbieder_naam": r.aanbieder, "product": r.product,
        "plafond": round(r.plafond, 2), "gerealiseerd": round(r.gerealiseerd, 2), "onderweg": round(r.onderweg, 2),
        "prognose_p50": round(r.prognose_p50, 2), "prognose_p10": round(r.prognose_p10, 2),
        "prognose_p90": round(r.prognose_p90, 2), "kans_overschrijding": round(r.kans_overschrijding, 4),
        "datum_plafond_bereikt": _datum(r.datum_plafond_bereikt), "stoplicht": r.stoplicht,
        "beleid_na_plafond": r.beleid, "extra_kosten_beleid": round(r.extra_kosten, 2),
        "wachtlijst_zorgmaanden": None if pd.isna(r.wachtlijst_zorgmaanden) else round(r.wachtlijst_zorgmaanden, 1),
    } for r in m.lijnen.itertuples(index=False)]


def bekostiging_resultaat(tables: dict, project: Any = None) -> Resultaat:
    """Bijlage III's basisvormen as evidence cards, for the products' current profile (no computation)."""
    cards = bekostiging_bevindingen(tables or {}, getattr(project, "choices", {}).get("positie"))
    return Resultaat(
        onderdeel="sturing", titel="Bekostigingsvormen vergeleken",
        ondertitel="Prikkels op volume, inzet, kwaliteit en selectie, met mitigerende maatregelen",
        samenvatting=["Redeneringen uit de bron (kwalitatief), geen berekende feiten. Het huidige profiel per product "
                      "komt uit uw antwoorden bij Positie, anders uit de bekostigingsvorm in de tarieven."],
        bevindingen=cards, bronnen=[BRON])


def uitputting_resultaat(m: Monitor, tables: dict | None = None, project: Any = None,
                         met_bekostiging: bool = True) -> Resultaat:
    inst = m.instellingen
    peil = m.laatste_maand.end_time.date()
    lines = m.lijnen.copy()
    samenvatting_ = [f"Peildatum {fmt.datum(peil)}: gedeclareerd tot en met {m.laatste_maand.strftime('%m-%Y')}, "
                     f"prognose voor heel {m.jaar}. {m.vertraging.uitleg()}"]
    if lines.empty:
        samenvatting_.append(f"Er zijn geen budgetplafonds voor {m.jaar} in de tarieven: alleen de vergelijking "
                             "met de begroting per taakveld is te maken.")
    for r in lines.sort_values("kans_overschrijding", ascending=False).itertuples(index=False):
        if r.stoplicht == "groen":
            continue
        when = _datum(r.datum_plafond_bereikt)
        samenvatting_.append(
            f"{r.aanbieder} ({product_label(r.product).lower()}): verwacht {fmt.euro(r.prognose_p50)} tegen een plafond "
            f"van {fmt.euro(r.plafond)} ({fmt.procent(r.verhouding_p50 - 1, 1)} erboven), kans op overschrijding "
            f"{fmt.procent(r.kans_overschrijding)}" + (f"; plafond bereikt rond {when}." if when else "."))
    if not lines.empty:
        lines["product_label"] = lines["product"].map(product_label)
        lines["datum"] = lines["datum_plafond_bereikt"].map(lambda d: _datum(d) or "niet in dit jaar")
    table = Tabel("uitputting", f"Budgetuitputting per aanbieder en product {m.jaar}", lines, [
        _kol("aanbieder", "Aanbieder", T), _kol("product_label", "Product", T), _kol("plafond", "Plafond", E),
        _kol("gerealiseerd", "Gerealiseerd", E), _kol("onderweg", "Onderweg", E),
        _kol("prognose_p10", "Prognose P10", E), _kol("prognose_p50", "Prognose P50", E),
        _kol("prognose_p90", "Prognose P90", E), _kol("verhouding_p50", "P50 / plafond", P, 1),
        _kol("kans_overschrijding", "Kans boven plafond", P),
        _kol("datum", "Plafond bereikt", T), _kol("stoplicht", "Stoplicht", T),
    ] if not lines.empty else [Kolom("aanbieder", "Aanbieder")])
    policy = Tabel("beleid", f"Na het plafond: {BELEID[inst.beleid_na_plafond]}", lines, [
        _kol("aanbieder", "Aanbieder", T), _kol("verwacht_boven_plafond", "Verwacht boven plafond", E),
        _kol("extra_kosten", "Extra kosten van dit beleid", E),
        _kol("wachtlijst_zorgmaanden", "Zorgmaanden op wachtlijst", D, 0),
    ] if not lines.empty else [Kolom("aanbieder", "Aanbieder")])
    taak = m.taakvelden.copy()
    taak["product_label"] = taak["product"].map(product_label)
    taak_tabel = Tabel("taakvelden", f"Taakvelden tegen de begroting {m.jaar}", taak, [
        _kol("product_label", "Product", T), _kol("taakveld", "Taakveld", T), _kol("begroting", "Begroting", E),
        _kol("gerealiseerd", "Gerealiseerd", E), _kol("onderweg", "Onderweg", E),
        _kol("prognose_p10", "Prognose P10", E), _kol("prognose_p50", "Prognose P50", E),
        _kol("prognose_p90", "Prognose P90", E), _kol("kans_overschrijding", "Kans boven begroting", P)])
    lag = m.vertraging.dekking.head(8).assign(maand=lambda d: d["maand"].map(lambda p: p.strftime("%m-%Y")))
    lag_tabel = Tabel("vertraging", "Zo is de declaratieachterstand geschat", lag, [
        _kol("maand", "Maand", T), _kol("actief", "Lopende toewijzingen", D), _kol("gedeclareerd", "Met declaratie", D),
        _kol("dekking", "Aandeel gedeclareerd", P, 1)], toelichting=m.vertraging.uitleg())
    graphs = []
    if not lines.empty:
        top = lines.sort_values("kans_overschrijding", ascending=False).iloc[0]
        months, p10, p50, p90, realised = m.cumulatief.get((top["aanbieder_code"], top["product"]), ([],) * 5)
        if len(months):
            past = realised.sort_index().cumsum() if realised is not None else pd.Series(dtype=float)
            x_past = [p.strftime("%m-%Y") for p in past.index]
            x_future = [p.strftime("%m-%Y") for p in months]
            graphs.append(Grafiek(
                "cumulatief", f"{top['aanbieder']}: cumulatief besteed {m.jaar}", "waaier", "Maand", "Cumulatief",
                [Reeks("gerealiseerd", "Gedeclareerd", x_past, past.tolist(), soort="lijn"),
                 # The forecast starts from the last declared point so the two lines join.
                 Reeks("prognose", "Prognose (P50, band P10–P90)", x_past[-1:] + x_future,
                       *[past.tolist()[-1:] + list(q) for q in (p50, p10, p90)]),
                 Reeks("plafond", "Plafond", x_past + x_future, [float(top["plafond"])] * (len(x_past) + len(x_future)),
                       soort="lijn")], y_eenheid="€"))
    return Resultaat(
        onderdeel="sturing", titel="Budgetuitputting en plafonds",
        ondertitel=f"{m.jaar}, peildatum {fmt.datum(peil)}", samenvatting=samenvatting_,
        tabellen=[table, policy, taak_tabel, lag_tabel], grafieken=graphs,
        bevindingen=bekostiging_bevindingen(tables or {}, getattr(project, "choices", {}).get("positie"))
        if met_bekostiging else [],
        aannames=[
            "Gerealiseerd = toegekend bedrag van de declaraties in het jaar tot en met de peildatum; creditregels "
            "(negatieve bedragen) zijn verrekend.",
            m.vertraging.uitleg(),
            "De prognose van de resterende maanden komt uit het scenariomodel, geschat op de gegevens tot de "
            f"peildatum, zonder hefbomen en zonder plafond ({inst.trekkingen} trekkingen, vaste startwaarde "
            f"{inst.seed}); per aanbieder is het aandeel in cliënten en instroom van de laatste 12 maanden gebruikt.",
            f"Stoplicht: rood vanaf {fmt.procent(inst.rood_vanaf)} kans op overschrijding, oranje vanaf "
            f"{fmt.procent(inst.oranje_vanaf)}.",
            "Beleid na het plafond: wachtlijst = niets extra betaald, de zorg wacht (zorgmaanden = bedrag boven "
            "het plafond / gemiddeld bedrag per gedeclareerde toewijzingsmaand); andere aanbieder = het bedrag "
            "schuift naar aanbieders van hetzelfde product met ruimte onder hun plafond, tegen hun gemiddelde "
            "bedrag per maand; overschrijding = de gemeente betaalt het bedrag boven het plafond.",
        ],
        bronnen=[BRON], gegevensbasis=gegevensbasis_van(project, ["declaraties", "toewijzingen", "tarieven", "budget"])
        if project is not None else [],
        gegevens={"jaar": m.jaar, "peildatum": fmt.datum(peil), "vertraging_maanden": m.vertraging.maanden,
                  "gesettelde_dekking": round(m.vertraging.gesettelde_dekking, 4), "lijnen": lijnen_json(m),
                  "taakvelden": [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in row.items()}
                                 for row in m.taakvelden.to_dict("records")]},
    )


def regime_resultaat(u: RegimeUitkomst, inst: SturingInstellingen, project: Any = None) -> Resultaat:
    s = samenvatting(u)
    teams = pd.DataFrame(s["teams"])
    year = s["jaar"]
    text = [f"{REGIMES[u.regime]}, {year}: zorgkosten {fmt.euro(s['kosten_p50'])} (P10–P90 "
            f"{fmt.euro(s['kosten_p10'])} – {fmt.euro(s['kosten_p90'])}) bij een totaal teambudget van "
            f"{fmt.euro(s['budget_totaal'])}.",
            f"Onbediende vraag (wachtlijst): {fmt.euro(s['wachtlijst_p50'])}, ongeveer "
            f"{fmt.getal(s['wachtlijst_zorgmaanden_p50'])} zorgmaanden (mediaan).",
            f"Spreiding over de teams: het aandeel bediende vraag verschilt tot "
            f"{fmt.procent(s['spreiding_bediend_aandeel'], 1)} tussen teams (mediaan).",
            f"Volumerisico bij: {s['volumerisico']}."]
    months = [p.strftime("%m-%Y") for p in u.maanden]
    # In thousands of euros: monthly totals in the millions do not fit the axis labels at laptop size.
    vraag, bediend = u.vraag.sum(axis=1) / 1000, u.bediend.sum(axis=1) / 1000
    graph = Grafiek("regime", f"Vraag en bediend per maand, regime {u.regime}", "lijn", "Maand",
                    "Zorgkosten per maand (duizend €)",
                    [Reeks("vraag", "Vraag (P50, band P10–P90)", months,
                           *[[float(x) for x in np.quantile(vraag, q, axis=0)] for q in (0.5, 0.1, 0.9)]),
                     Reeks("bediend", "Bediend (P50)", months, [float(x) for x in np.median(bediend, axis=0)])])
    return Resultaat(
        onderdeel="volumeregime", titel=f"Volumeregime {u.regime} per team", ondertitel=f"{year}", samenvatting=text,
        tabellen=[Tabel("teams", "Per team", teams, [
            _kol("team", "Team", T), _kol("budget", "Teambudget", E), _kol("vraag_p50", "Vraag (P50)", E),
            _kol("bediend_p50", "Bediend (P50)", E), _kol("wachtlijst_p50", "Wachtlijst (P50)", E),
            _kol("doorbelast_p50", "Doorbelast aan team (P50)", E), _kol("saldo_team_p50", "Saldo team (P50)", E),
            _kol("kans_tekort_team", "Kans op tekort team", P)])],
        grafieken=[graph], bevindingen=regime_bevindingen(u.regime),
        aannames=[f"Teambudget = {fmt.getal(inst.budget_factor, 2)} × de mediane verwachte vraag van het team in "
                  f"{year} (zorg in natura, tegen de huidige prijzen).",
                  "De vraag per team komt uit het scenariomodel (zelfde trekkingen voor elk regime, vaste startwaarde).",
                  f"B: {fmt.procent(inst.b_vooraf)} vooraf; C: ingrijpen bij {fmt.procent(inst.c_drempel)} van het "
                  f"budgetpad; E: prijs loopt op boven {fmt.procent(inst.e_drempel)} van het teambudget, "
                  f"{fmt.procent(inst.e_opslag)} per 10% erboven."],
        bronnen=[BRON], gegevensbasis=gegevensbasis_van(project, ["toewijzingen", "declaraties"]) if project else [],
        gegevens=s)


def produceer(project: Any, progress: Voortgang | None = None) -> Resultaat | None:
    """Report producer: the monitor with the stored settings (defaults when none)."""
    progress = ensure(progress)
    if "declaraties" not in project.tables or "toewijzingen" not in project.tables:
        return None
    m = bereken_monitor(project.tables, instellingen_van(project), progress=progress)
    return uitputting_resultaat(m, project.tables, project)


def produceer_regime(project: Any, progress: Voortgang | None = None) -> Resultaat | None:
    if "toewijzingen" not in project.tables:
        return None
    inst = instellingen_van(project)
    return regime_resultaat(bereken_regime(project.tables, inst, progress=progress), inst, project)


def bereken_alles(project: Any, inst: SturingInstellingen, progress: Voortgang | None = None
                  ) -> tuple[Resultaat, Resultaat | None, Resultaat]:
    """Monitor and the chosen regime for the panel; one model fit when the peildatum is the last month."""
    from wijkkompas.core.scenario import fit_model
    from wijkkompas.core.sturing.uitputting import declaraties_netto, laatste_maand

    progress = ensure(progress)
    tables = project.tables
    last = laatste_maand(declaraties_netto(tables), inst.peil)
    shared = None
    if last == declaraties_netto(tables)["maand"].max():
        shared = fit_model(tables, progress=progress.sub(0.0, 0.7))
    m = bereken_monitor(tables, inst, progress=progress.sub(0.7, 0.85), model=shared)
    uit = uitputting_resultaat(m, tables, project, met_bekostiging=False)
    try:
        regime = regime_resultaat(bereken_regime(tables, inst, model=shared, progress=progress.sub(0.85, 1.0)),
                                  inst, project)
    except SturingError as exc:
        uit.waarschuwingen.append(exc.melding)
        regime = None
    return uit, regime, bekostiging_resultaat(tables, project)


__all__ = ["Bevinding", "bekostiging_resultaat", "bereken_alles", "lijnen_json", "produceer", "produceer_regime", "regime_resultaat", "uitputting_resultaat"]
