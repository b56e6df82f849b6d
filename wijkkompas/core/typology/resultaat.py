"""Positie as a Resultaat: toegang, CPB-type, inkoopprofiel per product, and the findings with their evidence.

Why here: the Assessment is the computation; panel, CLI and report need one
presentation of it (labels, the evidence strength of every finding, the
sources with section and year) and must not each format the JSON themselves.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from wijkkompas.core.resultaat import Bevinding, Bron, Kolom, Resultaat, Tabel

PRODUCT_NAMEN = {"hbh": "Hulp bij het huishouden", "begeleiding": "Begeleiding", "dagbesteding": "Dagbesteding"}
_SOORT = {"aandachtspunt": "aandachtspunt", "sterk punt": "sterk punt", "sterk_punt": "sterk punt"}


def _bron(item: dict[str, Any]) -> Bron:
    bron = item.get("bron") or {}
    document = str(bron.get("document", ""))
    jaar = bron.get("jaar")
    if jaar is None and "(" in document and document.rstrip().endswith(")"):
        jaar = document.rsplit("(", 1)[1].rstrip(")")
    uitgever = document.rsplit("(", 1)[0].strip() or "Onderzoek"
    return Bron(uitgever, str(bron.get("sectie", "") or item.get("id", "")), jaar)


def positie_resultaat(data: dict[str, Any]) -> Resultaat:
    """From ``Assessment.to_json()`` (the CLI's shape) to a Resultaat."""
    toegang = data.get("toegang") or {}
    inkoop = data.get("inkoop") or {}
    rows = [{"product": PRODUCT_NAMEN.get(code, code), "profiel": item.get("profiel", ""),
             "omschrijving": item.get("omschrijving", ""), "toelichting": item.get("toelichting", "")}
            for code, item in inkoop.items()]
    profielen = Tabel("inkoopprofiel", "Inkoopprofiel per product", pd.DataFrame(
        rows, columns=["product", "profiel", "omschrijving", "toelichting"]), [
        Kolom("product", "Product"), Kolom("profiel", "Profiel"), Kolom("omschrijving", "Kenmerken"),
        Kolom("toelichting", "Toelichting")],
        "Profielen A–H volgens RIVM/Cebeon (2025), Tabel 3.1.")
    toegang_rows = [
        {"kenmerk": "Breedte taakopdracht", "waarde": (toegang.get("breedte") or {}).get("label", "")},
        {"kenmerk": "Positionering", "waarde": (toegang.get("positionering") or {}).get("label", "")},
        {"kenmerk": "Aanbieders in het team", "waarde": (toegang.get("aanbieders_in_team") or {}).get("label", "")},
        {"kenmerk": "CPB-type", "waarde": f"{toegang.get('cpb_type', '')}: {toegang.get('cpb_type_label', '')}"},
    ]
    toegang_tabel = Tabel("toegang", "Toegang", pd.DataFrame(toegang_rows),
                          [Kolom("kenmerk", "Kenmerk"), Kolom("waarde", "Antwoord")],
                          str(toegang.get("cpb_type_toelichting", "")))
    bronnen_lib = data.get("bronnen") or {}
    bevindingen = []
    for b in data.get("bevindingen") or []:
        cited = [bronnen_lib[i] for i in b.get("bronnen", []) if i in bronnen_lib]
        bron_tekst = "; ".join(_bron(c).tekst() for c in cited)
        tekst = b.get("tekst", "")
        if b.get("bewijs"):
            tekst += " " + b["bewijs"]
        if b.get("steekproef"):
            tekst += f" (Steekproef: {b['steekproef']}.)"
        bevindingen.append(Bevinding(b.get("titel", ""), tekst, b.get("sterkte", "beschrijvend"),
                                     _SOORT.get(b.get("ernst", ""), "informatie"), bron_tekst,
                                     list(b.get("producten") or [])))
    seen: dict[str, Bron] = {}
    for item in bronnen_lib.values():
        bron = _bron(item)
        seen.setdefault(bron.uitgever + str(bron.jaar), Bron(bron.uitgever, "", bron.jaar))
    beantwoord = data.get("beantwoord") or {}
    samenvatting = [f"CPB-type {toegang.get('cpb_type', '?')}: {toegang.get('cpb_type_label', '')}."]
    if beantwoord.get("tekst"):
        samenvatting.append(str(beantwoord["tekst"]))
    gemeente = data.get("gemeente") or {}
    return Resultaat(
        onderdeel="positie", titel="Positie in de typologie" + (f" — {gemeente['naam']}" if gemeente else ""),
        samenvatting=samenvatting, tabellen=[toegang_tabel, profielen], bevindingen=bevindingen,
        aannames=["De positie volgt uit de antwoorden op de vragenlijst; bevindingen zijn zo sterk als het "
                  "onderzoek waarop ze rusten (zie de bewijssterkte per bevinding)."],
        bronnen=list(seen.values()),
        gegevens={k: v for k, v in data.items() if k not in ("bronnen", "bevindingen")},
    )


def produceer(project: Any, progress: Any = None) -> Resultaat | None:
    """Report producer: the stored answers (none stored: nothing to report yet)."""
    from wijkkompas.core.typology import assess

    answers = project.choices.get("positie")
    if not isinstance(answers, dict):
        return None
    return positie_resultaat(assess(answers, project.gemeente_code).to_json())
