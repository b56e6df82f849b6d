"""Positie as a Resultaat: toegang, CPB-type, inkoopprofiel per product, and the findings with their evidence.

Why here: the Assessment is the computation; panel, CLI and report need one
presentation of it (labels, the evidence strength of every finding, the
sources with section and year) and must not each format it themselves.
``wijkkompas positie --json`` prints this Resultaat's JSON: the Assessment's
keys (``toegang``, ``inkoopprofiel``, ``taakzwaarte``, …) stay at the top level;
every finding keeps its rule ``id`` and its ``bewijs_ids``, which are keys of
the top-level ``bewijs`` (document, section, lines, sample of each research item).
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from wijkkompas.core.resultaat import Bevinding, Bron, Kolom, Resultaat, Tabel
from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.assessment import Assessment, assess
from wijkkompas.core.typology.classification import profile_label
from wijkkompas.core.typology.evidence import Evidence
from wijkkompas.core.typology.keuze import opgeslagen
from wijkkompas.core.typology.rules import Bevinding as RegelBevinding

# The typology's severities in the Resultaat's vocabulary of kinds of findings.
SOORT = {"aandachtspunt": "aandachtspunt", "sterk punt": "sterk punt", "info": "informatie"}


def evidence_bron(item: Evidence) -> Bron:
    """'RIVM/Cebeon (2025)' + section -> publisher, section, year."""
    uitgever = item.document.rsplit("(", 1)[0].strip() or "Onderzoek"
    return Bron(uitgever, item.sectie, item.jaar)


def bevinding(finding: RegelBevinding, assessment: Assessment) -> Bevinding:
    """One typology finding as a Resultaat finding: text with its evidence in words, sources, ids."""
    cited = [assessment.library.get(i) for i in finding.bronnen]
    tekst = finding.tekst + (f" {finding.bewijs}" if finding.bewijs else "")
    if finding.steekproef:
        tekst += f" (Steekproef: {finding.steekproef}.)"
    return Bevinding(finding.titel, tekst, finding.sterkte, SOORT.get(finding.ernst, "informatie"),
                     "; ".join(evidence_bron(c).tekst() for c in cited), list(finding.producten),
                     id=finding.id, bewijs_ids=list(finding.bronnen))


def _tabellen(a: Assessment) -> list[Tabel]:
    toegang = a.toegang()
    toegang_rows = [
        {"kenmerk": "Breedte taakopdracht", "waarde": toegang.breedte.label},
        {"kenmerk": "Positionering", "waarde": toegang.positionering.label},
        {"kenmerk": "Aanbieders in het team", "waarde": toegang.aanbieders.label},
        {"kenmerk": "CPB-type", "waarde": f"{toegang.cpb_type}: {toegang.cpb_label}"},
    ]
    toegang_tabel = Tabel("toegang", "Toegang", pd.DataFrame(toegang_rows),
                          [Kolom("kenmerk", "Kenmerk"), Kolom("waarde", "Antwoord")], toegang.cpb_toelichting)
    rows = [{"product": voc.PRODUCTEN.get(code, code), "profiel": keuze.profiel,
             "omschrijving": profile_label(keuze.profiel), "toelichting": keuze.toelichting}
            for code, keuze in a.profielen.items()]
    profielen = Tabel("inkoopprofiel", "Inkoopprofiel per product", pd.DataFrame(
        rows, columns=["product", "profiel", "omschrijving", "toelichting"]), [
        Kolom("product", "Product"), Kolom("profiel", "Profiel"), Kolom("omschrijving", "Kenmerken"),
        Kolom("toelichting", "Toelichting")],
        "Profielen A–H volgens RIVM/Cebeon (2025), Tabel 3.1.")
    return [toegang_tabel, profielen]


def positie_resultaat(a: Assessment) -> Resultaat:
    """The Resultaat of one Assessment (what the panel shows, the CLI prints and the report renders)."""
    cited = {i: a.library.get(i) for i in a.cited_ids()}
    bronnen: dict[str, Bron] = {}
    for item in cited.values():
        bron = evidence_bron(item)
        bronnen.setdefault(bron.uitgever + str(bron.jaar), Bron(bron.uitgever, "", bron.jaar))
    toegang = a.toegang()
    beantwoord = a.beantwoord()
    samenvatting = [f"CPB-type {toegang.cpb_type}: {toegang.cpb_label}."]
    if beantwoord.tekst:
        samenvatting.append(beantwoord.tekst)
    gegevens = {k: v for k, v in a.to_json().items() if k not in ("bronnen", "bevindingen")}
    gegevens["bewijs"] = {i: item.to_json() for i, item in cited.items()}
    naam = a.taakzwaarte.naam if a.taakzwaarte.code else None
    return Resultaat(
        onderdeel="positie", titel="Positie in de typologie" + (f" — {naam}" if naam else ""),
        samenvatting=samenvatting, tabellen=_tabellen(a), bevindingen=[bevinding(f, a) for f in a.bevindingen],
        aannames=["De positie volgt uit de antwoorden op de vragenlijst; bevindingen zijn zo sterk als het "
                  "onderzoek waarop ze rusten (zie de bewijssterkte per bevinding)."],
        bronnen=list(bronnen.values()), gegevens=gegevens,
    )


def produceer(project: Any, progress: Any = None) -> Resultaat | None:
    """Report producer: the stored answers (none stored, or damaged: nothing the gemeente answered to report)."""
    keuze = opgeslagen(project)
    if keuze.antwoorden is None:
        return None
    return positie_resultaat(assess(keuze.antwoorden, project.gemeente_code))
