"""Coherence rules: compare a municipality's combination of choices with the research.

Why rules and not scores: the research (RIVM/Cebeon 2025 §7.1.4) finds no
unambiguous relation between single choices and spending, only that *coherent*
choices for toegang and inkoop help. So each rule states a pattern from the
research, says how strong that evidence is in plain Dutch and cites evidence ids;
none turns a descriptive pattern into a cause or a verdict.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.classification import Answers, ProfielKeuze

ERNST = ("aandachtspunt", "sterk punt", "info")


@dataclass(frozen=True)
class Situatie:
    """Everything the rules may look at; built by ``assess``."""

    answers: Answers
    cpb_type: str
    profielen: dict[str, ProfielKeuze]
    taakzwaarte_klasse: str | None


@dataclass(frozen=True)
class Bevinding:
    id: str
    ernst: str
    titel: str
    tekst: str
    bewijs: str
    sterkte: str
    bronnen: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ernst": self.ernst,
            "titel": self.titel,
            "tekst": self.tekst,
            "bewijs": self.bewijs,
            "sterkte": self.sterkte,
            "bronnen": list(self.bronnen),
        }


def _producten(names: list[str]) -> str:
    labels = [voc.PRODUCTEN[n].lower() for n in names]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " en " + labels[-1]


def _breedte_label(s: Situatie) -> str:
    return voc.option(voc.BREEDTE, s.answers.breedte).label


def _positionering_label(s: Situatie) -> str:
    return voc.option(voc.POSITIONERING, s.answers.positionering).label


def taakgericht_smalle_toegang(s: Situatie) -> list[Bevinding]:
    products = [p for p, k in s.answers.inkoop.items() if k.bekostigingsvorm == "taakgericht"]
    if not products or s.answers.breedte > 2:
        return []
    return [Bevinding(
        "taakgericht-smalle-toegang", "aandachtspunt", "Taakgerichte inkoop bij een smalle toegang",
        f"U koopt {_producten(products)} taakgericht in, terwijl de toegang een smalle taakopdracht heeft "
        f"('{_breedte_label(s)}'). In de casestudies van RIVM/Cebeon ging taakgerichte bekostiging steeds samen "
        "met een (zeer) brede taakopdracht in de toegang: de aanbieder met een lumpsum voor een populatie krijgt dan "
        "ook ruimte om zelf ondersteuning te bieden en preventief te werken. Ga na wie bij u de brede populatietaak "
        "uitvoert en hoe toegang en aanbieder samen sturen.",
        "Beschrijvend: een patroon in de casestudies (18 tot 23 gemeenten, RIVM/Cebeon 2025). Dat de combinatie "
        "daar niet voorkwam, bewijst niet dat zij niet kan werken.",
        "beschrijvend",
        ("rivm-combinaties-toegang-inkoop", "rivm-taakgericht-uitgaven", "rivm-samenhang-keuzes"),
    )]


def outputgericht_hbh_begeleiding(s: Situatie) -> list[Bevinding]:
    products = [p for p in ("hbh", "begeleiding")
                if p in s.answers.inkoop and s.answers.inkoop[p].bekostigingsvorm == "outputgericht"]
    if not products:
        return []
    profielen = ", ".join(f"{voc.PRODUCTEN[p].lower()} profiel {s.profielen[p].profiel}" for p in products)
    return [Bevinding(
        "outputgericht-hbh-begeleiding", "aandachtspunt", "Outputgerichte inkoop (arrangementen)",
        f"U koopt {_producten(products)} outputgericht in ({profielen}). Door jurisprudentie moet het aantal uren "
        "per cliënt worden gespecificeerd, wat de sturing met arrangementen beperkt. Gemeenten ervaren 'lucht' in "
        "arrangementen: aanbieders blijken met minder uren uit te komen dan het arrangement veronderstelt. "
        "Casestudiegemeenten met outputgerichte bekostiging hadden gemiddeld de hoogste uitgaven aan maatwerk, en "
        "landelijk liggen de uitgaven bij outputgerichte profielen (E–G) gemiddeld hoger dan bij inspanningsgerichte. "
        "Vergelijk de geleverde uren met de uren waarop het arrangement is geprijsd.",
        "Beschrijvend (landelijke gemiddelden en 23 casestudies) en kwalitatief (ervaringen van gemeenten). "
        "Hogere gemiddelde uitgaven bij deze gemeenten betekenen niet dat de bekostigingsvorm ze veroorzaakt; "
        "ook taakzwaarte en andere keuzes spelen mee.",
        "beschrijvend",
        ("rivm-outputgericht-jurisprudentie", "rivm-outputgericht-hoogste-uitgaven", "rivm-profielen-uitgaven-landelijk"),
    )]


def aanbieders_in_wijkteam(s: Situatie) -> list[Bevinding]:
    if s.cpb_type != "C":
        return []
    indiceren = s.answers.aanbieders_in_team == "indiceren"
    extra = (
        " Bij u indiceren de aanbieders in het team zelf; het CPB verwacht dat hun invloed op de toegang dan het grootst is."
        if indiceren else
        " Bij u geven de aanbieders een zwaarwegend advies; ook dan hebben zij volgens het CPB veel invloed op de indicatie."
    )
    return [Bevinding(
        "aanbieders-in-wijkteam", "aandachtspunt", "Zorgaanbieders in het wijkteam (CPB-type C)",
        "Er zitten zorgaanbieders in het wijkteam. In het CPB-onderzoek steeg het aantal cliënten ondersteuning "
        "thuis van januari 2015 tot december 2017 met 59% bij wijkteams met zorgaanbieders, tegen 29% bij wijkteams "
        "zonder aanbieders en 26% bij gemeenten met alleen een loket." + extra +
        " Het CPB noemt als opties: de invloed van aanbieders in het team terugschroeven (bijv. medewerkers in eigen "
        "dienst nemen), het team laten adviseren en de gemeente laten beslissen, consulenten trainen (ook in "
        "kostenbewustzijn) en teams en aanbieders vergelijken met maandelijkse cijfers over cliënten en kosten per cliënt.",
        "Het verschil tussen 59% en 29% is beschrijvend: ongewogen gemiddelden van 29 tegen 58 gemeenten, zonder "
        "regressie voor dit onderscheid en sterk bepaald door vijf grote gemeenten (spreiding 2% tot 300%). Alleen het "
        "algemene wijkteameffect is causaal geschat. Hoe goed de beleidsopties werken, is niet onderzocht (CPB, 2019).",
        "beschrijvend",
        ("cpb-groei-per-type", "cpb-invloed-aanbieders", "cpb-beleidsopties", "cpb-typologie"),
    )]


def wijkteam_effect(s: Situatie) -> list[Bevinding]:
    if not s.answers.wijkteam:
        return []
    return [Bevinding(
        "wijkteam-meer-clienten", "info", "Wijkteams en het aantal cliënten",
        "U werkt met een sociaal (wijk)team. Het CPB vond dat wijkteams in 2015–2017 niet tot minder, maar tot meer "
        "cliënten ondersteuning thuis leidden: ongeveer 13% meer (1,48 per 1.000 inwoners) dan bij gemeenten met "
        "alleen een Wmo-loket. Als mogelijkheid noemt het CPB om eenvoudige vragen via het loket te laten lopen en "
        "het wijkteam in te zetten voor complexe casussen.",
        "Causaal geschat (verschil-in-verschil; de trends vóór 2015 liepen gelijk op): de hoofdschatting is "
        "significant op 10%-niveau, de meeste varianten op 5% of 1% (met CAK-gegevens ongewogen niet significant); "
        "in een gematchte vergelijking van 70 gemeenten ongeveer 14%, niet significant. Gemeten bij 122 gemeenten "
        "in 2015–2017; de situatie kan sindsdien veranderd zijn.",
        "causaal-significant",
        ("cpb-wijkteam-effect", "cpb-wijkteam-effect-gematcht", "cpb-beleidsopties"),
    )]


# Dutch attributive forms: "een zware taak", not "een zwaar taak".
_TAAK_BIJVOEGLIJK = {"zeer licht": "zeer lichte", "licht": "lichte", "gemiddeld": "gemiddelde",
                     "zwaar": "zware", "zeer zwaar": "zeer zware"}


def taakzwaarte_toegang(s: Situatie) -> list[Bevinding]:
    klasse = s.taakzwaarte_klasse
    if klasse is None:
        return []
    a = s.answers
    if klasse in voc.LICHT and (a.positionering >= 3 or a.breedte == 4):
        keuze = (f"de toegang is op afstand gepositioneerd ('{_positionering_label(s)}')" if a.positionering >= 3
                 else f"de toegang heeft een zeer brede taakopdracht ('{_breedte_label(s)}')")
        patroon = ("gemeenten met een lichtere taak organiseerden de toegang vaker zelf of samen met welzijns- en "
                   "zorgpartners, met een smallere taakopdracht; toegang op afstand en een zeer brede taakopdracht "
                   "kwamen vooral voor bij een zwaardere taak")
    elif klasse in voc.ZWAAR and a.positionering == 1:
        keuze = f"de toegang is een gemeentelijke afdeling met taakopdracht '{_breedte_label(s)}'"
        patroon = ("gemeenten met een zwaardere taak besteedden de toegang vaker uit aan een hoofdaanbieder of "
                   "rechtspersoon, met een brede taakopdracht en outreachend werken")
    else:
        return []
    return [Bevinding(
        "taakzwaarte-toegang-atypisch", "info", "Toegang ongebruikelijk voor de taakzwaarte",
        f"Uw gemeente heeft een {_TAAK_BIJVOEGLIJK[klasse]} taak (taakzwaarteklasse '{klasse}') en {keuze}. "
        f"In de casestudies van RIVM/Cebeon {patroon}. "
        "Uw keuze is daarmee ongebruikelijk voor uw taakzwaarteklasse, niet fout: gemeenten noemen ook lokale "
        "context, sociale kaart en historie als redenen. Het is een vraag om de reden expliciet te maken.",
        "Beschrijvend: een samenhang in 18 casestudiegemeenten (RIVM/Cebeon 2025), geen norm en geen oorzaak.",
        "beschrijvend",
        ("rivm-taakzwaarte-inrichting", "rivm-breedte-taakzwaarte", "rivm-breedte-positionering"),
    )]


def _sturende_toegang_ontbreekt(s: Situatie) -> str | None:
    """Working definition (ours, not the report's) of a toegang that does not steer volume itself."""
    if s.answers.aanbieders_in_team == "indiceren":
        return "aanbieders in het wijkteam zelf indiceren"
    if s.answers.aanbieders_in_team == "advies":
        return "aanbieders in het wijkteam een zwaarwegend advies geven over de indicatie"
    if s.answers.positionering == 3:
        return "de toegang bij een hoofdaanbieder ligt"
    return None


def budgetplafond_zonder_sturende_toegang(s: Situatie) -> list[Bevinding]:
    products = [p for p, k in s.answers.inkoop.items() if k.contractvorm == "budgetplafond"]
    reden = _sturende_toegang_ontbreekt(s)
    if not products or reden is None:
        return []
    return [Bevinding(
        "budgetplafond-zonder-sturende-toegang", "aandachtspunt", "Budgetplafond zonder sturende toegang",
        f"U werkt voor {_producten(products)} met een budgetplafond per aanbieder, terwijl bij u {reden}. "
        "Gemeenten met budgetplafonds geven aan dat een plafond vooral resultaat heeft in combinatie met een "
        "effectief werkende toegang, en benadrukken het belang van de toegang als sturingsinstrument. "
        "Wijkkompas telt een toegang als minder sturend wanneer aanbieders zelf indiceren of zwaarwegend adviseren, "
        "of een hoofdaanbieder de toegang doet (een werkdefinitie, geen maat uit het onderzoek).",
        "Kwalitatief: ervaringen van casestudiegemeenten (18 interviews, RIVM/Cebeon 2025) en de beschouwing van "
        "het CPB over de invloed van aanbieders. Het effect van deze combinatie is niet gemeten.",
        "kwalitatief",
        ("rivm-plafond-effectieve-toegang", "cpb-invloed-aanbieders"),
    )]


def regionale_inkoop(s: Situatie) -> list[Bevinding]:
    n = s.answers.regionale_inkoop_gemeenten
    if n is None or n < 10:
        return []
    return [Bevinding(
        "regionale-inkoop-10-plus", "aandachtspunt", "Grote regionale inkoopsamenwerking",
        f"U koopt in samen met in totaal {n} gemeenten. Landelijk zijn de gemiddelde uitgaven aan "
        "maatwerkondersteuning hoger naarmate meer gemeenten in de inkoopsamenwerking zitten, vooral vanaf tien "
        "gemeenten (hulp bij het huishouden en, grilliger, begeleiding). Gemeenten noemen ook voordelen "
        "(contractbeheer, aanbesteding, data-analyse) en als nadeel dat wensen voor het inkoopmodel uiteenlopen. "
        "Ga na of de regionale afspraken ruimte laten voor uw eigen sturing via toegang en inkoopprofiel.",
        "Beschrijvend: landelijke gemiddelden (Iv3 en Monitor zorginkoop). De onderzoekers noemen regionale "
        "samenwerking 'mogelijk' een belemmerende factor; een oorzakelijk verband is niet aangetoond.",
        "beschrijvend",
        ("rivm-regionale-inkoop", "rivm-regionale-inkoop-ervaring"),
    )]


def plafond_of_vast_budget(s: Situatie) -> list[Bevinding]:
    findings = []
    for product, keuze in s.profielen.items():
        contract = keuze.inkoop.contractvorm
        if contract not in ("budgetplafond", "vast budget"):
            continue
        bronnen = ["rivm-profielen-uitgaven-landelijk", "rivm-plafond-effectieve-toegang"]
        if keuze.profiel in ("C", "D"):
            patroon = ("Landelijk hebben gemeenten met de inspanningsgerichte profielen C en D (budgetplafond of vast "
                       "budget) gemiddeld de laagste uitgaven aan hulp bij het huishouden en begeleiding per volwassene.")
        elif keuze.profiel == "H":
            patroon = ("In de casestudies ging taakgerichte bekostiging met vast budget samen met de laagste uitgaven "
                       "en het kleinste aantal cliënten maatwerk, maar met de hoogste uitgaven aan de toegang: kijk "
                       "daarom naar de som van beide. Landelijk liggen de uitgaven bij profiel H juist gemiddeld "
                       "hoger dan bij de inspanningsgerichte profielen (A–D).")
            bronnen = ["rivm-taakgericht-uitgaven", "rivm-profielen-uitgaven-landelijk"]
        else:
            patroon = ("Een licht stijgend aantal gemeenten gebruikt budgetplafonds per aanbieder (C en G) als "
                       "instrument om de kosten beheersbaar te houden. De lagere landelijke uitgaven bij een "
                       "plafond of vast budget zijn alleen gevonden bij de inspanningsgerichte profielen C en D; "
                       "outputgerichte profielen (E–G) liggen gemiddeld hoger dan inspanningsgerichte.")
            bronnen = ["rivm-plafond-instrument", "rivm-profielen-uitgaven-landelijk", "rivm-plafond-effectieve-toegang"]
        profiel = keuze.profiel if keuze.profiel != voc.OVERIG else "overig"
        # A plafond is only a strength together with a steering toegang (rivm-plafond-effectieve-toegang);
        # where the budgetplafond rule raises exactly that as an aandachtspunt, do not also call it a strength.
        zwakke_toegang = contract == "budgetplafond" and _sturende_toegang_ontbreekt(s) is not None
        slot = ("Omdat bij u de toegang volgens de werkdefinitie minder sturend is (zie het aandachtspunt over het "
                "budgetplafond), telt Wijkkompas dit hier niet als sterk punt."
                if zwakke_toegang else "Dit kan een sterk punt zijn, mits de toegang het volume stuurt.")
        findings.append(Bevinding(
            f"begrensde-omzet-{product}", "info" if zwakke_toegang else "sterk punt",
            f"Begrensde omzet: {voc.PRODUCTEN[product].lower()}",
            f"{voc.PRODUCTEN[product]} (profiel {profiel}): u begrenst de omzet met een {contract}. {patroon} {slot}",
            "Beschrijvend: landelijke gemiddelden per profiel (bij C, D en G gaat het om weinig gemeenten) en "
            "casestudies. Dat de contractvorm de lagere uitgaven veroorzaakt, is niet aangetoond.",
            "beschrijvend",
            tuple(bronnen),
        ))
    return findings


def zonder_toetreding(s: Situatie) -> list[Bevinding]:
    products = [p for p, k in s.profielen.items() if k.profiel in ("B", "F")]
    if not products:
        return []
    return [Bevinding(
        "zonder-tussentijdse-toetreding", "info", "Raamovereenkomst zonder tussentijdse toetreding",
        f"Voor {_producten(products)} kunnen nieuwe aanbieders niet tussentijds toetreden. Landelijk liggen de "
        "uitgaven bij profielen mét toetreding (A, D, E) gemiddeld lager dan bij vergelijkbare profielen zonder "
        "(B, C, F/G). Tegelijk kiezen meer gemeenten bewust voor B of F bij hulp bij het huishouden, om met minder "
        "aanbieders nauwer samen te werken.",
        "Beschrijvend: landelijke gemiddelden (Iv3 en Monitor zorginkoop, 2023); geen oorzakelijk verband.",
        "beschrijvend",
        ("rivm-profielen-uitgaven-landelijk", "rivm-landelijk-profielen-2023"),
    )]


def overig_profiel(s: Situatie) -> list[Bevinding]:
    return [Bevinding(
        f"overig-profiel-{product}", "info", f"{voc.PRODUCTEN[product]}: combinatie buiten Tabel 3.1",
        keuze.toelichting,
        "Indeling volgens Tabel 3.1 van RIVM/Cebeon (2025); voor deze combinatie geeft het onderzoek geen "
        "aparte cijfers, dus de bevindingen per profiel gelden hier hooguit bij benadering.",
        "beschrijvend",
        ("rivm-inkoopprofielen",),
    ) for product, keuze in s.profielen.items() if keuze.profiel == voc.OVERIG]


def taakzwaarte_onbekend(s: Situatie) -> list[Bevinding]:
    if s.taakzwaarte_klasse is not None:
        return []
    return [Bevinding(
        "taakzwaarte-onbekend", "info", "Taakzwaarte niet bekend",
        "Er is geen gemeente gekozen, dus de taakzwaarte is onbekend. Regels die uw keuzes vergelijken met wat "
        "gebruikelijk is voor uw taakzwaarteklasse zijn daarom niet toegepast. Kies een gemeente "
        "(of gebruik --gemeente) om ze mee te nemen.",
        "Taakzwaarte verklaart een deel van de uitgaven, maar is niet allesbepalend (beschrijvend, landelijke gegevens).",
        "beschrijvend",
        ("rivm-taakzwaarte-definitie", "rivm-taakzwaarte-uitgaven"),
    )]


def team_zonder_wijkteam(s: Situatie) -> list[Bevinding]:
    """Answers that contradict each other: a 'sociaal team' breadth without a wijkteam.

    Not rejected (the form would be unusable while a user is still filling it
    in), but pointed out, because the CPB type then falls back to A.
    """
    if s.answers.wijkteam or s.answers.breedte < 2:
        return []
    return [Bevinding(
        "antwoorden-team-zonder-wijkteam", "aandachtspunt", "Antwoorden over het team spreken elkaar tegen",
        f"U kiest als breedte '{_breedte_label(s)}', wat een sociaal team veronderstelt, maar geeft aan dat er "
        "geen sociaal (wijk)team is. Wijkkompas rekent u daarom tot CPB-type A (alleen Wmo-loket). "
        "Controleer beide antwoorden; met een wijkteam wordt het type B of C.",
        "Geen onderzoeksbevinding maar een controle van uw antwoorden aan de definities: breedte volgens "
        "RIVM/Cebeon (2025), Box 2.1; CPB-typen volgens CPB (2019).",
        "beschrijvend",
        ("rivm-typologie-toegang", "cpb-typologie"),
    )]


def samenhang(s: Situatie) -> list[Bevinding]:
    return [Bevinding(
        "samenhang-toegang-inkoop", "info", "Samenhang telt, niet één keuze",
        "Het onderzoek vindt geen eenduidige relatie tussen afzonderlijke keuzes en uitgaven. Gemeenten waar de "
        "keuzes voor toegang en inkoop goed op elkaar aansluiten, kunnen beter sturen op de uitgaven aan "
        "maatwerkondersteuning. Binnen elke taakzwaarteklasse verschillen de uitgaven sterk: er is ruimte voor "
        "eigen inrichtingskeuzes.",
        "Kwalitatief en beschrijvend: conclusie van RIVM/Cebeon (2025) uit casestudies en landelijke gegevens.",
        "kwalitatief",
        ("rivm-samenhang-keuzes", "rivm-taakzwaarte-uitgaven"),
    )]


RULES: tuple[Callable[[Situatie], list[Bevinding]], ...] = (
    taakgericht_smalle_toegang,
    outputgericht_hbh_begeleiding,
    aanbieders_in_wijkteam,
    budgetplafond_zonder_sturende_toegang,
    regionale_inkoop,
    plafond_of_vast_budget,
    taakzwaarte_toegang,
    wijkteam_effect,
    zonder_toetreding,
    overig_profiel,
    taakzwaarte_onbekend,
    team_zonder_wijkteam,
    samenhang,
)


def evaluate(situatie: Situatie) -> list[Bevinding]:
    """All findings, aandachtspunten first, then sterke punten, then info (stable within a group)."""
    findings = [f for rule in RULES for f in rule(situatie)]
    return sorted(findings, key=lambda f: ERNST.index(f.ernst))
