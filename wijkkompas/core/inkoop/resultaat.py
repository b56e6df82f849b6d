"""Inkoop as a Resultaat: market per perceel, the kostprijs check and the Positie proposal from tarieven.

Why one producer for panel, CLI and report: the contractmanager must see the
same shares, HHI and tariff gaps wherever she looks. The kostprijs check uses
the parameters stored in ``project.choices["kostprijs"]``; while any is empty
it names them and gives no verdict.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.inkoop import afleiden, kostprijs, overstap
from wijkkompas.core.inkoop.markt import EENHEID_LABELS, Perceel, markt
from wijkkompas.core.progress import ensure
from wijkkompas.core.resultaat import (Bevinding, Bron, Formaat, Kolom, Resultaat, Tabel, gegevensbasis_van)

BRON_HHI = Bron("U.S. Department of Justice / FTC", "Horizontal Merger Guidelines: HHI = som van de gekwadrateerde "
                "marktaandelen in procenten; boven 2.500 sterk geconcentreerd", 2010)
HHI_HOOG = 2500  # "highly concentrated" threshold of the 2010 Horizontal Merger Guidelines


def _markt_tabel(percelen: list[Perceel]) -> Tabel:
    rows = []
    for p in percelen:
        for r in p.aanbieders.itertuples(index=False):
            rows.append({"perceel": p.naam, "aanbieder": r.aanbieder_naam, "clienten": int(r.clienten),
                         "bedrag": float(r.bedrag), "marktaandeel": float(r.marktaandeel),
                         "kosten_per_client": r.kosten_per_client, "volume_per_client": r.volume_per_client,
                         "eenheid": EENHEID_LABELS.get(p.eenheid, p.eenheid)})
    kolommen = [Kolom("perceel", "Perceel"), Kolom("aanbieder", "Aanbieder"),
                Kolom("clienten", "Cliënten", Formaat.GEHEEL), Kolom("bedrag", "Gedeclareerd", Formaat.EURO, "€"),
                Kolom("marktaandeel", "Marktaandeel", Formaat.PROCENT, decimalen=1),
                Kolom("kosten_per_client", "Per cliënt", Formaat.EURO, "€ per cliënt"),
                Kolom("volume_per_client", "Volume per cliënt", Formaat.DECIMAAL, decimalen=0),
                Kolom("eenheid", "Eenheid")]
    return Tabel("markt", "Aanbieders per perceel", pd.DataFrame(rows, columns=[k.naam for k in kolommen]), kolommen,
                 "Netto gedeclareerd (creditregels verrekend, afgewezen regels niet); een cliënt telt bij een aanbieder "
                 "als het netto bedrag positief is. Volume alleen in de hoofdeenheid van het perceel.")


def _concentratie_tabel(percelen: list[Perceel], wissel: dict[str, pd.DataFrame]) -> Tabel:
    rows = []
    for p in percelen:
        w = wissel.get(p.productcategorie)
        laatst = w[w["jaar"] == p.jaar] if w is not None and not w.empty else pd.DataFrame()
        rows.append({"perceel": p.naam, "aanbieders": len(p.aanbieders), "hhi": p.hhi, "top3": p.top3,
                     "nieuw": int(laatst["nieuw"].sum()) if not laatst.empty else None,
                     "vertrokken": int(laatst["vertrokken"].sum()) if not laatst.empty else None})
    kolommen = [Kolom("perceel", "Perceel"), Kolom("aanbieders", "Aanbieders", Formaat.GEHEEL),
                Kolom("hhi", "HHI", Formaat.GEHEEL, "0–10.000"), Kolom("top3", "Top-3-aandeel", Formaat.PROCENT,
                                                                     decimalen=1),
                Kolom("nieuw", "Nieuw t.o.v. vorig jaar", Formaat.GEHEEL),
                Kolom("vertrokken", "Vertrokken", Formaat.GEHEEL)]
    return Tabel("concentratie", "Concentratie per perceel", pd.DataFrame(rows, columns=[k.naam for k in kolommen]),
                 kolommen, f"HHI boven {fmt.getal(HHI_HOOG)}: sterk geconcentreerde markt (Horizontal Merger Guidelines 2010).")


def _wissel_tabel(percelen: list[Perceel], wissel: dict[str, pd.DataFrame]) -> Tabel:
    rows = []
    for p in percelen:
        for r in wissel.get(p.productcategorie, pd.DataFrame()).itertuples(index=False):
            rows.append({"perceel": p.naam, "jaar": str(r.jaar), "aanbieders": int(r.aanbieders),
                         "nieuw": r.namen_nieuw or "–", "vertrokken": r.namen_vertrokken or "–"})
    kolommen = [Kolom("perceel", "Perceel"), Kolom("jaar", "Jaar"), Kolom("aanbieders", "Aanbieders", Formaat.GEHEEL),
                Kolom("nieuw", "Nieuwe aanbieders"), Kolom("vertrokken", "Vertrokken aanbieders")]
    return Tabel("toetreders", "Nieuwe en vertrokken aanbieders per jaar",
                 pd.DataFrame(rows, columns=[k.naam for k in kolommen]), kolommen)


def _kostprijs_tabel(inst: kostprijs.KostprijsInstellingen) -> tuple[Tabel, dict[str, kostprijs.Kostprijs]]:
    uitkomsten = {p: kostprijs.bereken(inst, p) for p in kostprijs.NODIG}
    rows = []
    for p, k in uitkomsten.items():
        rows.append({"product": kostprijs.PRODUCT_LABELS[p], "per_uur": k.per_productief_uur,
                     "per_minuut": k.per_minuut, "per_dagdeel": k.per_dagdeel,
                     "ontbreekt": _ontbreekt(p, k.ontbrekend)})
    kolommen = [Kolom("product", "Product"),
                Kolom("per_uur", "Per productief uur", Formaat.EURO, "€", 2),
                Kolom("per_minuut", "Per minuut", Formaat.EURO, "€", 3),
                Kolom("per_dagdeel", "Per dagdeel per cliënt", Formaat.EURO, "€", 2),
                Kolom("ontbreekt", "Nog in te vullen")]
    return Tabel("kostprijs", "Kostprijs per product", pd.DataFrame(rows, columns=[k.naam for k in kolommen]),
                 kolommen, "Bruto uurloon × (1 + vakantiegeld/EJU) × (1 + werkgeverslasten) ÷ productiviteit × "
                 "(1 + opleiding) + reiskosten, × (1 + overhead) × (1 + risico en winst)."), uitkomsten


def _ontbreekt(product: str, ontbrekend: tuple[str, ...]) -> str:
    if not ontbrekend:
        return "–"
    if len(ontbrekend) == len(kostprijs.NODIG[product]) - sum(
            kostprijs.PARAMETER[n].standaard is not None for n in kostprijs.NODIG[product]):
        return "alle parameters zonder publieke standaard"
    return ", ".join(kostprijs.PARAMETER[n].label for n in ontbrekend)


def _vergelijk_tabel(vergelijking: pd.DataFrame) -> Tabel:
    data = vergelijking.copy()
    data["eenheid"] = data["eenheid"].map(lambda e: EENHEID_LABELS.get(e, e))
    kolommen = [Kolom("product", "Product"), Kolom("aanbieder_naam", "Aanbieder"), Kolom("eenheid", "Per"),
                Kolom("tarief", "Tarief", Formaat.EURO, "€", 2), Kolom("kostprijs", "Kostprijs", Formaat.EURO, "€", 2),
                Kolom("verschil", "Verschil", Formaat.EURO, "€", 2),
                Kolom("verschil_pct", "Verschil %", Formaat.PROCENT, decimalen=1), Kolom("status", "Oordeel")]
    return Tabel("kostprijs_check", "Tarieven tegenover de kostprijs", data[[k.naam for k in kolommen]], kolommen,
                 "Huidige contracten; tarief per minuut, uur of dagdeel in de eenheid van het contract. "
                 "Producten in euro (budget) zijn niet vergelijkbaar en ontbreken.")


def maak_resultaat(project: Any, instellingen: kostprijs.KostprijsInstellingen | None = None,
                   progress: Any = None, met_kerncijfers: bool = True) -> Resultaat:
    """The Inkoop Resultaat. ``met_kerncijfers``: add the Start panel's own key figures to ``gegevens`` (for the
    CLI and the report); the Inkoop panel, which does not show them, skips that second pass over the declaraties."""
    progress = ensure(progress)
    tables = getattr(project, "tables", {}) or {}
    inst = instellingen if instellingen is not None else kostprijs.laad(project)
    waarschuwingen: list[str] = []
    bevindingen: list[Bevinding] = []
    tabellen: list[Tabel] = []
    percelen: list[Perceel] = []
    wissel: dict[str, pd.DataFrame] = {}
    overstap_data: dict[str, Any] = {}
    jaar = None
    if "declaraties" in tables:
        progress.step(0.1, "Markt per perceel berekenen")
        percelen, wissel, jaar = markt(tables["declaraties"], tables.get("toewijzingen"), tables.get("tarieven"))
        tabellen += [_concentratie_tabel(percelen, wissel), _markt_tabel(percelen), _wissel_tabel(percelen, wissel)]
        for p in percelen:
            if p.hhi > HHI_HOOG:
                bevindingen.append(Bevinding(
                    f"{p.naam}: sterk geconcentreerde markt", f"HHI {fmt.getal(p.hhi)} (boven {fmt.getal(HHI_HOOG)}); "
                    f"de drie grootste aanbieders hebben samen {fmt.procent(p.top3)} van de gedeclareerde omzet in "
                    f"{p.jaar}. Bij een nieuwe aanbesteding weegt het wegvallen van één aanbieder zwaar.",
                    "beschrijvend", "aandachtspunt", "eigen declaraties", [p.productcategorie]))
            if len(p.aanbieders) < 3:
                waarschuwingen.append(f"{p.naam}: maar {len(p.aanbieders)} aanbieder(s); marktaandelen en HHI zeggen "
                                      "dan weinig.")
        kaarten, overstap_data = overstap.overstap_kaarten(percelen, wissel, project)
        bevindingen += kaarten
    else:
        waarschuwingen.append("Geen declaraties geïmporteerd: de markt per perceel kan niet worden berekend. "
                              "Importeer declaraties via Import.")
    progress.step(0.6, "Kostprijs en tarieven vergelijken")
    kp_tabel, uitkomsten = _kostprijs_tabel(inst)
    tabellen.append(kp_tabel)
    vergelijking = kostprijs.vergelijk(tables.get("tarieven"), inst)
    if "tarieven" in tables:
        tabellen.append(_vergelijk_tabel(vergelijking))
    onvolledig = [p for p, k in uitkomsten.items() if not k.compleet]
    if onvolledig:
        waarschuwingen.append("Kostprijs: nog niet alle parameters ingevuld ("
                              + ", ".join(kostprijs.PRODUCT_LABELS[p] for p in onvolledig)
                              + "); daarom geen oordeel over de tarieven. Vul ze in onder Kostprijsparameters, "
                              "met de cao-schaal van het tariefjaar.")
    onder = vergelijking[vergelijking["status"] == "onder kostprijs"]
    if not onder.empty:
        bevindingen.append(Bevinding(
            "Tarieven onder de berekende kostprijs",
            f"{len(onder)} tariefregel(s) liggen onder de kostprijs volgens uw parameters "
            f"(grootste verschil {fmt.procent(float(onder['verschil_pct'].min()), 1)}). De AMvB reële prijs Wmo vraagt "
            "dat tarieven de kostprijselementen dekken.", "beschrijvend", "aandachtspunt", "eigen tarieven"))
    voorstel = afleiden.voorstellen(tables.get("tarieven"), afleiden.bronnaam(project))
    verschil = afleiden.verschillen(voorstel, (getattr(project, "choices", {}) or {}).get("positie"))
    for product, veld, stored, proposed in verschil:
        bevindingen.append(Bevinding(
            f"Positie wijkt af van de contracten ({product})",
            f"In Positie staat {afleiden.VELD_LABELS[veld]} '{_tekst(stored)}', de tarieven zeggen '{_tekst(proposed)}'.",
            "beschrijvend", "waarschuwing", afleiden.bronnaam(project), [product]))
    samenvatting = []
    for p in percelen:
        samenvatting.append(f"{p.naam} ({p.jaar}): {len(p.aanbieders)} aanbieders, HHI {fmt.getal(p.hhi)}, "
                            f"top 3 {fmt.procent(p.top3)}.")
    progress.step(1.0, "Klaar")
    return Resultaat(
        onderdeel="inkoop", titel="Inkoop: markt, kostprijs en contracten",
        ondertitel=f"Markt in {jaar}" if jaar else "Geen declaraties",
        samenvatting=samenvatting, tabellen=tabellen, bevindingen=bevindingen,
        aannames=["Marktaandeel = netto gedeclareerd bedrag van de aanbieder gedeeld door het totaal van het perceel.",
                  "Het marktjaar is het laatste jaar met declaraties in alle twaalf maanden.",
                  "Kostprijsparameters zonder publieke bron blijven leeg tot u ze invult."],
        bronnen=[BRON_HHI, kostprijs.BRON_AMVB, kostprijs.BRON_BERENSCHOT, kostprijs.BRON_IWMO,
                 kostprijs.BRON_CNV_HBH, *overstap.overstap_bronnen(overstap_data)],
        gegevensbasis=gegevensbasis_van(project, ["declaraties", "toewijzingen", "tarieven"]),
        waarschuwingen=waarschuwingen,
        gegevens={"jaar": jaar, "markt": [_perceel_json(p) for p in percelen],
                  "toetreders": {p.naam: wissel.get(p.productcategorie, pd.DataFrame()).to_dict("records")
                                 for p in percelen},
                  "kostprijs": {"parameters": inst.to_json(),
                                "per_product": {p: {"per_productief_uur": k.per_productief_uur,
                                                    "per_minuut": k.per_minuut, "per_dagdeel": k.per_dagdeel,
                                                    "ontbrekend": list(k.ontbrekend)} for p, k in uitkomsten.items()},
                                "vergelijking": _records(vergelijking)},
                  "voorstel_positie": {p: {"antwoorden": v.antwoorden, "bron": v.bron, "regels": v.regels}
                                       for p, v in voorstel.items()},
                  "afwijkingen_positie": [{"product": a, "veld": b, "positie": c, "tarieven": d}
                                          for a, b, c, d in verschil],
                  "overstap": overstap_data,
                  "eigen_kerncijfers": _kerncijfers_records(project) if met_kerncijfers else None},
    )


def _kerncijfers_records(project: Any) -> list[dict[str, Any]]:
    """The Start panel's own key figures, so ``wijkkompas inkoop --json`` produces them headless too."""
    from wijkkompas.core.inkoop.eigen_cijfers import kerncijfers_van

    tabel = kerncijfers_van(project)
    return tabel.records() if tabel is not None else []


def _tekst(value: Any) -> str:
    return ("ja" if value else "nee") if isinstance(value, bool) else str(value)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def _perceel_json(p: Perceel) -> dict[str, Any]:
    return {"productcategorie": p.productcategorie, "product": p.naam, "jaar": p.jaar, "hhi": p.hhi, "top3": p.top3,
            "eenheid": p.eenheid, "aanbieders": _records(p.aanbieders.drop(columns=["volume"]))}


def produceer(project: Any, progress: Any = None) -> Resultaat | None:
    tables = getattr(project, "tables", {}) or {}
    if "declaraties" not in tables and "tarieven" not in tables:
        return None
    return maak_resultaat(project, progress=progress)
