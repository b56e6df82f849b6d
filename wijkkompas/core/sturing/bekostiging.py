"""Bekostiging compared (seed 002, Bijlage III) as evidence cards — reasoning from the source, not computed facts.

Each basisvorm gets a ``kwalitatief`` card with its incentives on volume, inzet,
kwaliteit and selectie and the mitigations the source names. The products'
current profile (Positie answers, else the tarieven's bekostigingsvorm) picks
the card that applies; what the data itself shows (a budgetplafond on the
contracts) is a ``beschrijvend`` card.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from wijkkompas.core.resultaat import Bevinding, Bron

BRON = Bron("Programmaraad / VNG", "Kennisdocument Sociale wijkteams in ontwikkeling, Bijlage III: "
            "bekostigingsopties en voor- en nadelen; §4.4.1 Doseren van toegang", 2013)
BRON_TEKST = "Kennisdocument Sociale wijkteams in ontwikkeling (2013), Bijlage III"
PRODUCTEN = {"01": "hbh", "02": "begeleiding", "07": "dagbesteding"}
LABELS = {"hbh": "Hulp bij het huishouden", "begeleiding": "Begeleiding", "dagbesteding": "Dagbesteding"}

BASISVORMEN: dict[str, dict[str, str]] = {
    "functie": {
        "titel": "Functiebekostiging (beschikbaarheid)",
        "prikkels": "Volume: prikkel tot onderproductie. Inzet: stimuleert doelmatigheid. Kwaliteit: geen "
                    "stimulans, betaling ongeacht resultaat. Selectie: prikkel om zo min mogelijk cliënten te "
                    "helpen en complexe vragen (te) snel door te verwijzen.",
        "mitigatie": "Afspraken over een minimumaantal cliënten of een onafhankelijke partij die de toegang "
                     "bepaalt; structuur- en proceseisen; P4P-elementen; analyse van instroom- en verwijspatronen.",
    },
    "productie": {
        "titel": "Productiebekostiging (P×Q per activiteit)",
        "prikkels": "Volume: prikkel tot oplopende volumes. Inzet: 'aanzuigend' naar meer zorg per cliënt en "
                    "zwaardere indicaties. Kwaliteit: niet gericht op kwaliteit of zelfredzaamheid; werkt "
                    "fragmentatie in de hand. Selectie: bij een passend tarief geen prikkel tot weren.",
        "mitigatie": "Afspraken over een maximumaantal cliënten (feitelijk een budget, zoals een budgetplafond); "
                     "de toegang bij een andere partij (een wijkteam) met een prikkel tot doelmatigheid, eventueel "
                     "shared savings; structuur- en proceseisen; P4P-elementen.",
    },
    "traject": {
        "titel": "Productiebekostiging per traject (arrangement)",
        "prikkels": "Volume: prikkel tot meer trajecten. Inzet: prikkel tot doelmatigheid, met het risico van te "
                    "weinig zorg per cliënt. Kwaliteit: geen afspraken over de uitkomst. Selectie: prikkel om "
                    "cliënten met een zware vraag buiten het standaardtarief te weigeren of door te verwijzen.",
        "mitigatie": "Maximumaantal cliënten; toegang bij een andere partij; P4P-elementen; analyse van "
                     "instroom- en verwijspatronen.",
    },
    "populatie": {
        "titel": "Resultaat voor de populatie (populatiebekostiging)",
        "prikkels": "Volume: prikkel tot minder productie en het benutten van eigen kracht, begrensd doordat de "
                    "resultaten voor de populatie meetellen. Inzet: doelmatig. Kwaliteit: gestimuleerd, wijkgericht "
                    "en preventief. Selectie: weinig weren aan de poort, wel een prikkel om onaantrekkelijke "
                    "cliënten af te wentelen op de 2e lijn.",
        "mitigatie": "Analyse van verwijspatronen; de aanbieder mede afrekenen op het gebruik van 2e lijn en dure "
                     "zorg in zijn populatie (shared savings); bij meerdere aanbieders meer toezicht.",
    },
    "resultaat_client": {
        "titel": "Resultaat per cliënt",
        "prikkels": "Volume: prikkel tot oplopende volumes. Inzet: sterke prikkel tot doelmatigheid per cliënt. "
                    "Kwaliteit: gestimuleerd binnen de bonusafspraken. Selectie: prikkel om complexe vragen te "
                    "mijden als het tarief niet toereikend is.",
        "mitigatie": "Afspraken over het maximumaantal cliënten; analyse van instroom- en verwijspatronen.",
    },
}
# The typology's bekostigingsvormen (RIVM/Cebeon) mapped onto Bijlage III's basisvormen.
VAN_BEKOSTIGINGSVORM = {"inspanningsgericht": ("productie",), "outputgericht": ("traject", "resultaat_client"),
                        "taakgericht": ("functie", "populatie")}


def huidig_profiel(tables: dict[str, pd.DataFrame], positie: Any) -> dict[str, tuple[str, str]]:
    """product → (bekostigingsvorm, where it comes from): Positie answers first, else the tarieven."""
    out: dict[str, tuple[str, str]] = {}
    inkoop = positie.get("inkoop") if isinstance(positie, dict) else None
    if isinstance(inkoop, dict):
        for product, item in inkoop.items():
            if isinstance(item, dict) and item.get("bekostigingsvorm") in VAN_BEKOSTIGINGSVORM:
                out[str(product)] = (item["bekostigingsvorm"], "uw antwoorden bij Positie")
    t = tables.get("tarieven")
    if t is not None and {"productcode", "bekostigingsvorm"} <= set(t.columns):
        codes = t["productcode"].astype("string").str[:2].map(PRODUCTEN)
        forms = t["bekostigingsvorm"].astype("string").str.strip().str.lower()
        for product, form in pd.DataFrame({"p": codes, "f": forms}).dropna().groupby("p")["f"]:
            common = form.mode().iloc[0]
            if product not in out and common in VAN_BEKOSTIGINGSVORM:
                out[product] = (common, "de ingelezen tarieven")
    return out


def bekostiging_bevindingen(tables: dict[str, pd.DataFrame], positie: Any = None) -> list[Bevinding]:
    profile = huidig_profiel(tables, positie)
    cards: list[Bevinding] = []
    for product, (form, origin) in sorted(profile.items()):
        for key in VAN_BEKOSTIGINGSVORM[form]:
            vorm = BASISVORMEN[key]
            cards.append(Bevinding(
                f"{LABELS.get(product, product)}: {form} → {vorm['titel'].lower()}",
                f"Huidig profiel volgens {origin}. Prikkels: {vorm['prikkels']} Mitigerende maatregelen: "
                f"{vorm['mitigatie']}", "kwalitatief", "aandachtspunt", BRON_TEKST, [product]))
    cards.extend(_plafond_kaarten(tables))
    shown = {k for form, _ in profile.values() for k in VAN_BEKOSTIGINGSVORM[form]}
    for key, vorm in BASISVORMEN.items():
        if key not in shown:
            cards.append(Bevinding(vorm["titel"], f"Prikkels: {vorm['prikkels']} Mitigerende maatregelen: "
                                   f"{vorm['mitigatie']}", "kwalitatief", "informatie", BRON_TEKST))
    cards.append(Bevinding(
        "Wie bepaalt de toegang?",
        "Volgens de bron is de kernvraag of de partij met een economisch belang bij volume, inzet, kwaliteit en "
        "selectie ook zelf de toegang bepaalt. Bij P×Q-bekostiging (open einde) scheidt de gemeente die rollen, "
        "en moet de partij die toegang verleent zelf een prikkel tot doelmatigheid hebben.",
        "kwalitatief", "informatie", BRON_TEKST))
    return cards


def _plafond_kaarten(tables: dict[str, pd.DataFrame]) -> list[Bevinding]:
    t = tables.get("tarieven")
    if t is None or "budgetplafond" not in t:
        return []
    capped = t[pd.to_numeric(t["budgetplafond"], errors="coerce") > 0]
    out = []
    for product, sub in capped.groupby(capped["productcode"].astype("string").str[:2].map(PRODUCTEN)):
        n = sub["aanbieder_code"].nunique()
        out.append(Bevinding(
            f"{LABELS.get(product, product)}: budgetplafond per aanbieder",
            f"De tarieven tonen een budgetplafond voor {n} aanbieder(s). Volgens de bron maakt een maximum op "
            "productie de prikkels gelijk aan functiebekostiging met een minimumvolume: de aanbieder heeft "
            "feitelijk een budget, en de verwijzers bepalen dan vooral de wachtlijst.",
            "beschrijvend", "informatie", BRON_TEKST, [product]))
    return out


def regime_bevindingen(regime: str) -> list[Bevinding]:
    """Seed 002 §4.4.1's reasoning about the volume regimes, quoted as qualitative evidence."""
    abc = ("Bij A, B en C drukken de kosten van de aanbieder niet op het wijkteam: via de toegewezen Q worden "
           "additionele middelen verdeeld. Dat geeft de gemeente directe controle op het volumerisico, maar prikkelt "
           "het wijkteam niet echt tot doelmatige inzet en beperkt het team in het naar eigen inzicht inzetten van "
           "middelen.")
    de = ("Bij D en E drukken de kosten wel op het wijkteam: het team wordt geprikkeld doelmatig met toegang om te "
          "gaan en krijgt ruimte voor eigen keuzes; de teams lopen het directe risico. Dat past bij "
          "populatiebekostiging, maar vraagt complexere beheerssystemen.")
    rigid = {"A": "A is eenvoudig, maar rigide.", "E": "E geeft een team ruimte voor wat meer volume als dat "
             "nodig is, maar prikkelt extra om overmatig volume tegen te gaan."}
    text = (abc if regime in "ABC" else de) + (" " + rigid[regime] if regime in rigid else "")
    return [Bevinding(f"Volumeregime {regime}: wie draagt het risico", text, "kwalitatief",
                      "informatie", "Kennisdocument Sociale wijkteams in ontwikkeling (2013), §4.4.1"),
            Bevinding("Gedrag van teams niet gemodelleerd",
                      "De berekening laat de vraag per team gelijk onder elk regime; dat D en E teams tot minder "
                      "verwijzingen prikkelen is een redenering uit de bron, geen gemeten effect.",
                      "kwalitatief", "waarschuwing", "")]
