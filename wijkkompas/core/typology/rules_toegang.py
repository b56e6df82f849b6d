"""Rules about the toegang: wijkteams (CPB 2019), breedte and positionering (RIVM/Cebeon 2025, Movisie 2018).

Why the CPB findings carry their scope: the CPB sample held only gemeenten paying per
hour or per client (000 L1391-1395) and left out gemeenten whose wijkteam itself delivers
the heavier care (L913-916). Under population budgets the CPB expects the opposite
incentive (L627-628, L2209-2213), so there the findings are not applied.
"""
from __future__ import annotations

from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.classification import HOOFDAANBIEDER, aanbieders_in_toegang
from wijkkompas.core.typology.findings import (
    CASESTUDIES_TAAKZWAARTE,
    Bevinding,
    Situatie,
    alleen_populatiebekostiging,
    breedte_label,
    positionering_label,
    producten_tekst,
    taakgerichte_producten,
)

CPB_BEREIK = ("Het CPB onderzocht alleen gemeenten die aanbieders per uur of per cliënt betalen; gemeenten met "
              "populatiebekostiging en gemeenten waar het wijkteam zelf de zwaardere hulp levert, zaten niet in de "
              "analyse.")


def _cpb_kanttekeningen(s: Situatie) -> str:
    """Scope sentences for a gemeente that is only partly like the CPB sample."""
    parts = []
    taak = taakgerichte_producten(s)
    if taak:
        parts.append(f" U koopt {producten_tekst(taak)} taakgericht in (een budget voor een populatie): zulke "
                     "gemeenten zaten niet in het CPB-onderzoek, en het CPB verwacht dat een vast budget de aanbieder "
                     "juist prikkelt om de instroom te beperken.")
    if s.answers.breedte == 4:
        parts.append(" Uw team biedt zelf ondersteuning. Levert het ook de zwaardere hulp, dan lijkt u op de "
                     "gemeenten die het CPB uit de analyse heeft verwijderd; de cijfers gelden dan minder.")
    return "".join(parts)


def _cpb_extra_bronnen(s: Situatie) -> tuple[str, ...]:
    extra: tuple[str, ...] = ()
    if taakgerichte_producten(s):
        extra += ("cpb-bekostiging-prikkel",)
    if s.answers.breedte == 4:
        extra += ("cpb-zware-hulp-uitgesloten",)
    return extra


def aanbieders_in_wijkteam(s: Situatie) -> list[Bevinding]:
    if s.cpb_type != "C" or alleen_populatiebekostiging(s):
        return []
    a = s.answers
    if a.aanbieders_in_team == "indiceren":
        hoe = " Bij u indiceren de aanbieders in het team zelf; het CPB verwacht dat hun invloed op de toegang dan het grootst is."
    elif a.aanbieders_in_team == "advies":
        hoe = " Bij u geven de aanbieders een zwaarwegend advies en beslist de gemeente; ook dan hebben zij volgens het CPB veel invloed op de indicatie."
    else:
        hoe = (" Bij u ligt de toegang bij een hoofdaanbieder: de medewerkers zijn in dienst van een zorgaanbieder en "
               "de gemeente controleert de beschikkingen administratief. Wijkkompas rekent dat tot type C.")
    if a.aanbieders_in_team == "advies":
        # The gemeente already decides itself: the CPB option would repeat the answer (000 L2176-2183).
        opties = (" U werkt al met 'het team adviseert, de gemeente beslist'. Het CPB tekent daarbij aan dat het advies "
                  "in zulke gemeenten vaak doorslaggevend blijft en de controle dan vooral een formaliteit is; betekenis "
                  "krijgt die pas met goed geïnformeerde gemeentelijke medewerkers, en dan wordt een deel van het werk "
                  "dubbel gedaan. Wijchen vond die constructie om die reden te bureaucratisch. Andere opties van het "
                  "CPB: de invloed van aanbieders terugschroeven (medewerkers in eigen dienst nemen)")
        bronnen_optie: tuple[str, ...] = ("cpb-advies-formaliteit", "wijchen-advies-bureaucratie")
    else:
        opties = (" Het CPB noemt als opties: de invloed van aanbieders in het team terugschroeven (bijv. medewerkers in "
                  "eigen dienst nemen), het team laten adviseren en de gemeente laten beslissen (dat blijft volgens het "
                  "CPB vaak een formaliteit zonder goed geïnformeerde gemeentelijke medewerkers)")
        bronnen_optie = ("cpb-advies-formaliteit",)
    opties += (", consulenten trainen, ook in kostenbewustzijn (Wijchen toont bij een productbestelling de kostprijs "
               "van de indicatie), en teams en aanbieders vergelijken met maandelijkse cijfers over cliënten en kosten "
               "per cliënt (Wijchen gebruikt verschillen in trajectkosten per aanbieder in het contractmanagement). "
               "Die opties gaan over de kosten, niet over de baten van wijkteams.")
    return [Bevinding(
        "aanbieders-in-wijkteam", "aandachtspunt", "Zorgaanbieders in de toegang (CPB-type C)",
        "Zorgaanbieders hebben invloed op de indicatie. In het CPB-onderzoek steeg het aantal cliënten ondersteuning "
        "thuis van januari 2015 tot december 2017 met 59% bij wijkteams met zorgaanbieders, tegen 29% bij wijkteams "
        "zonder aanbieders en 26% bij gemeenten met alleen een loket." + hoe + opties + _cpb_kanttekeningen(s),
        "Het verschil tussen 59% en 29% is beschrijvend: ongewogen gemiddelden van 29 tegen 58 gemeenten, zonder "
        "regressie voor dit onderscheid en sterk bepaald door vijf grote gemeenten (spreiding 2% tot 300%). Alleen het "
        "algemene wijkteameffect is causaal geschat. Hoe goed de beleidsopties werken, is niet onderzocht (CPB, 2019); "
        "de voorbeelden uit Wijchen zijn de ervaring van één gemeente. " + CPB_BEREIK,
        "beschrijvend",
        ("cpb-groei-per-type", "cpb-invloed-aanbieders", "cpb-beleidsopties", "cpb-typologie", "cpb-steekproef-bekostiging")
        + bronnen_optie + ("wijchen-kostprijs-indicatie", "wijchen-trajectkosten-aanbieders") + _cpb_extra_bronnen(s),
        steekproef="type C: 29 gemeenten, type B: 58, alleen loket: 35 (CPB, GMSD-gegevens)",
    )]


def wijkteam_effect(s: Situatie) -> list[Bevinding]:
    a = s.answers
    if not a.wijkteam or alleen_populatiebekostiging(s):
        return []
    if s.cpb_type == "C":
        type_zin = (" Het CPB laat zien dat dit verschil grotendeels komt van gemeenten met aanbieders in het team, "
                    "zoals bij u.")
    else:
        type_zin = (" Dit verschil komt volgens het CPB grotendeels van gemeenten met aanbieders in het team (type C); "
                    "voor wijkteams zonder aanbieders, zoals bij u, is geen apart effect geschat. Ook bij hen steeg het "
                    "aantal cliënten wel harder dan zonder wijkteam (beschrijvend).")
    zwaar_breed = s.taakzwaarte_klasse in voc.ZWAAR and a.breedte >= 3
    if a.breedte == 1:
        optie = ""  # the toegang is already a loket: the CPB's first option would repeat the answer
        optie_bronnen: tuple[str, ...] = ()
    elif zwaar_breed:
        optie = (" Het CPB noemt als mogelijkheid eenvoudige vragen via het Wmo-loket te laten lopen en het wijkteam "
                 "alleen voor complexe casussen in te zetten. Gemeenten met een (zeer) zware taak kiezen volgens "
                 "RIVM/Cebeon juist vaak een brede toegang om de vraag naar maatwerk te beheersen; weeg dat tegen "
                 "elkaar af.")
        optie_bronnen = ("cpb-beleidsopties", "rivm-zware-taak-brede-toegang")
    else:
        optie = (" Als mogelijkheid noemt het CPB om eenvoudige vragen via het loket te laten lopen en het wijkteam in "
                 "te zetten voor complexe casussen.")
        optie_bronnen = ("cpb-beleidsopties",)
    return [Bevinding(
        "wijkteam-meer-clienten", "info", "Wijkteams en het aantal cliënten",
        "U werkt met een sociaal (wijk)team. Het CPB vond dat wijkteams in 2015–2017 niet tot minder, maar tot meer "
        "cliënten ondersteuning thuis leidden: ongeveer 1,5 per 1.000 inwoners extra (regressie: 1,48), zo'n 13% meer "
        "dan die gemeenten zonder wijkteams naar schatting zouden hebben gehad (december 2017: 12,7 tegen 11,2). Dat "
        "is iets anders dan 13% meer dan gemeenten met alleen een loket; die stonden toen op 10,1." + type_zin + optie
        + " Het beschrijvende beeld van RIVM/Cebeon (2025) is anders: daar gaat een bredere taakopdracht samen met "
        "lagere uitgaven en minder cliënten maatwerk (zie 'Breedte van de toegang en uitgaven')."
        + _cpb_kanttekeningen(s),
        "Causaal geschat (verschil-in-verschil; de trends vóór 2015 liepen gelijk op): de hoofdschatting is "
        "significant op 10%-niveau, de meeste varianten op 5% of 1% (met CAK-gegevens ongewogen niet significant); "
        "in een gematchte vergelijking van 70 gemeenten ongeveer 14%, niet significant. Gemeten bij 122 gemeenten "
        "in 2015–2017; de situatie kan sindsdien veranderd zijn. " + CPB_BEREIK,
        "causaal-significant",
        ("cpb-wijkteam-effect", "cpb-wijkteam-effect-niveaus", "cpb-wijkteam-effect-gematcht", "cpb-effect-vooral-type-c",
         "cpb-steekproef-bekostiging", "rivm-breedte-uitgaven") + optie_bronnen + _cpb_extra_bronnen(s),
        steekproef="122 gemeenten: 35 alleen loket, 87 met wijkteam (58 zonder en 29 met zorgaanbieders)",
    )]


def cpb_buiten_bereik(s: Situatie) -> list[Bevinding]:
    """Population budgets for every product: the CPB wijkteam findings are not applied, and we say why."""
    if not s.answers.wijkteam or not alleen_populatiebekostiging(s):
        return []
    taak = taakgerichte_producten(s)
    return [Bevinding(
        "buiten-cpb-bereik", "info", "CPB-bevindingen over wijkteams gelden hier niet zonder meer",
        f"U koopt {producten_tekst(taak)} taakgericht in: de aanbieder krijgt een budget voor een populatie. Het "
        "CPB-onderzoek naar wijkteams (meer cliënten, vooral bij aanbieders in het team) ging alleen over gemeenten die "
        "per uur of per cliënt betalen. Bij een vast budget verwacht het CPB juist een prikkel voor de aanbieder om de "
        "instroom in de tweede lijn te beperken; meestal gaat die aanbieder dan ook over de toegang. Nadelen die het "
        "CPB noemt: minder keuze voor inwoners, minder prikkel tot kwaliteit en afhankelijkheid van de aanbieder. "
        "Wijkkompas past de CPB-cijfers daarom niet op u toe. Ter illustratie: in de regio Rondom Wijchen bracht "
        "populatiegebonden bekostiging geen kentering, en Wijchen ging terug naar p×q.",
        "Kwalitatief: een beschouwing van het CPB (2019) over de prikkels per bekostigingsvorm, niet gemeten; en de "
        "ervaring van één gemeente (Wijchen, 2020).",
        "kwalitatief",
        ("cpb-steekproef-bekostiging", "cpb-bekostiging-prikkel", "cpb-populatiebekostiging-toegang",
         "wijchen-terug-naar-pxq"),
        producten=tuple(taak),
        steekproef="het CPB-onderzoek bevatte 0 gemeenten met populatiebekostiging",
    )]


def toegang_bij_hoofdaanbieder(s: Situatie) -> list[Bevinding]:
    """Explain how a hoofdaanbieder toegang is classified (CPB type, steering), consistently with the other rules."""
    a = s.answers
    if a.positionering != HOOFDAANBIEDER:
        return []
    if a.wijkteam:
        indeling = ("Wijkkompas rekent u daarom tot CPB-type C (wijkteam met zorgaanbieders)"
                    + (f", ook al staat bij 'aanbieders in het team' '{a.aanbieders_in_team}'"
                       if a.aanbieders_in_team in ("geen", "schil") else "") + ".")
    else:
        indeling = ("Zonder wijkteam blijft het CPB-type A, maar de CPB-cijfers voor type A gaan over een loket van "
                    "Wmo-consulenten van de gemeente; voor een loket bij een aanbieder gelden ze hooguit bij benadering.")
    return [Bevinding(
        "toegang-bij-hoofdaanbieder", "info", "Toegang bij een hoofdaanbieder",
        "Uw toegang ligt bij een hoofdaanbieder (met onderaannemers): de medewerkers zijn in dienst van een "
        "zorgaanbieder en de gemeente controleert de beschikkingen administratief. Op de glijdende schaal van het CPB "
        "is de invloed van aanbieders op de indicatie dan naar verwachting groot; het CPB beschrijft deze inrichting "
        "bij gemeenten met populatiebekostiging, waar de hoofdaanbieder zowel de ondersteuning als de toegang "
        f"verzorgt. {indeling} Ook bij een budgetplafond telt Wijkkompas deze toegang als minder sturend. In de "
        "casestudies van RIVM/Cebeon is dit een van drie hoofdvarianten (brede taakopdracht bij een hoofdaanbieder "
        "of rechtspersoon); landelijk had in 2017 5% van de gemeenten het sociaal team bij één hoofdaanbieder.",
        "Kwalitatief: de indeling volgt de definities van RIVM/Cebeon (2025, Box 2.2) en de beschouwing van het CPB "
        "(2019); het aandeel van 5% is beschrijvend (Movisie 2018, 188 gemeenten).",
        "kwalitatief",
        ("rivm-typologie-toegang", "cpb-invloed-aanbieders", "cpb-populatiebekostiging-toegang",
         "rivm-hoofdvarianten-toegang", "movisie-positionering"),
        steekproef="Movisie 2017: 188 gemeenten, waarvan 5% met één (hoofd)aanbieder",
    )]


# Dutch attributive forms: "een zware taak", not "een zwaar taak".
_TAAK_BIJVOEGLIJK = {"zeer licht": "zeer lichte", "licht": "lichte", "gemiddeld": "gemiddelde",
                     "zwaar": "zware", "zeer zwaar": "zeer zware"}


def _interviews_n(klasse: str) -> str:
    n = CASESTUDIES_TAAKZWAARTE[klasse][0]
    text = (f"taakzwaarteklasse '{klasse}': {n} van de 18 interviewgemeenten (per klasse 4, 3, 5, 0 en 4: samen 16; "
            "RIVM/Cebeon 2025, Tabel B1.2)")
    if n == 0:
        text += "; er was geen interviewgemeente met een zware taak, het patroon komt van de zeer zware"
    return text


def taakzwaarte_toegang(s: Situatie) -> list[Bevinding]:
    klasse = s.taakzwaarte_klasse
    if klasse is None:
        return []
    a = s.answers
    keuzes, patronen = [], []
    if klasse in voc.LICHT:
        if a.positionering >= 3:
            keuzes.append(f"de toegang is op afstand gepositioneerd ('{positionering_label(s)}')")
        if a.breedte == 4:
            keuzes.append(f"de toegang heeft een zeer brede taakopdracht ('{breedte_label(s)}')")
        if keuzes:
            patronen.append("gemeenten met een lichtere taak organiseerden de toegang vaker zelf of samen met welzijns- "
                            "en zorgpartners, met een smallere taakopdracht; toegang op afstand en een zeer brede "
                            "taakopdracht kwamen vooral voor bij een zwaardere taak")
    elif klasse in voc.ZWAAR:
        if a.positionering == 1:
            keuzes.append("de toegang is een gemeentelijke afdeling")
            patronen.append("gemeenten met een zwaardere taak besteedden de toegang vaker uit aan een hoofdaanbieder "
                            "of rechtspersoon")
        if a.breedte <= 2:
            keuzes.append(f"de taakopdracht is smal ('{breedte_label(s)}')")
            patronen.append("gemeenten met een zwaardere taak gaven de toegang vaker een brede taakopdracht: de "
                            "hulpvraag wordt breed bekeken en er wordt meer outreachend gewerkt")
    if not keuzes:
        return []
    return [Bevinding(
        "taakzwaarte-toegang-atypisch", "info", "Toegang ongebruikelijk voor de taakzwaarte",
        f"Uw gemeente heeft een {_TAAK_BIJVOEGLIJK[klasse]} taak (taakzwaarteklasse '{klasse}') en "
        + " en ".join(keuzes) + ". In de casestudies van RIVM/Cebeon " + "; ".join(patronen) + ". "
        "Uw keuze is daarmee ongebruikelijk voor uw taakzwaarteklasse, niet fout: gemeenten noemen ook lokale "
        "context, sociale kaart en historie als redenen. Het is een vraag om de reden expliciet te maken.",
        "Beschrijvend: een samenhang in 18 casestudiegemeenten (RIVM/Cebeon 2025), geen norm en geen oorzaak. "
        "Per taakzwaarteklasse gaat het om een handvol gemeenten.",
        "beschrijvend",
        ("rivm-taakzwaarte-inrichting", "rivm-breedte-taakzwaarte", "rivm-breedte-positionering",
         "rivm-hoofdvarianten-toegang", "rivm-casestudies-kenmerken"),
        steekproef=_interviews_n(klasse),
    )]


def breedte_uitgaven(s: Situatie) -> list[Bevinding]:
    """The RIVM descriptive pattern of breedte and spending, so wijkteam gemeenten do not hear only the CPB."""
    b = s.answers.breedte
    if b == 1:
        tekst = ("Uw toegang heeft een zeer smalle taakopdracht (centraal loket). In de casestudies van RIVM/Cebeon "
                 "waren de uitgaven en aantallen cliënten maatwerk bij deze gemeenten gemiddeld het laagst. Zij noemen "
                 "zelf een relatief sterke sociale basis en een kritische blik op eigen kracht. Een andere mogelijkheid "
                 "is volgens de onderzoekers dat niet alle kwetsbare inwoners tijdig of adequaat worden bereikt; "
                 "daarover zijn geen gegevens. Ga na hoe u dat bij u kunt zien.")
    else:
        tekst = (f"Uw toegang heeft taakopdracht '{breedte_label(s)}'. In de casestudies van RIVM/Cebeon zijn de "
                 "uitgaven en aantallen cliënten maatwerk van smalle naar zeer brede taakopdracht gemiddeld lager; "
                 "gemeenten zien een bredere, preventieve toegang als rem op het beroep op maatwerk. Minder cliënten "
                 "betekent niet dat minder inwoners worden bereikt: waarschijnlijker krijgen er meer ondersteuning van "
                 "het team zelf. De uitgaven aan de toegang lijken bij een bredere taakopdracht juist hoger, behalve "
                 "bij een brede taakopdracht, die een afwijkend beeld geeft. Kijk dus naar toegang en maatwerk samen.")
    return [Bevinding(
        "breedte-uitgaven", "info", "Breedte van de toegang en uitgaven",
        tekst,
        "Beschrijvend: gemiddelden in 23 casestudiegemeenten (RIVM/Cebeon 2025, Figuur 5.4 en 2.6), met een "
        "handvol gemeenten per breedte; een andere periode en opzet dan het CPB-onderzoek en geen oorzakelijk verband.",
        "beschrijvend",
        ("rivm-breedte-uitgaven", "rivm-breedte-uitgaven-toegang"),
        steekproef="23 casestudiegemeenten (uitgavenanalyse), verdeeld over vier breedtes",
    )]


_MOVISIE_MODEL = {1: ("in eigen beheer van de gemeente", 0.46), 2: ("uitbesteed aan meerdere aanbieders", 0.34),
                  3: ("uitbesteed aan één (hoofd)aanbieder", 0.05), 4: ("ondergebracht bij een speciale rechtspersoon", 0.07)}


def positionering_landelijk(s: Situatie) -> list[Bevinding]:
    if not s.answers.wijkteam:
        return []
    naam, aandeel = _MOVISIE_MODEL[s.answers.positionering]
    return [Bevinding(
        "positionering-landelijk", "info", "Positionering van het team landelijk",
        f"Uw sociaal team is {naam}. Volgens de peiling van Movisie had in 2017 {round(aandeel * 100)}% "
        "van de gemeenten het team zo gepositioneerd (eigen beheer 46%, meerdere aanbieders 34%, één hoofdaanbieder "
        "5%, speciale rechtspersoon 7%, anders 9%). Grote gemeenten (G32) hadden het team veel minder vaak in eigen "
        "beheer (16%) dan kleinere (55%).",
        "Beschrijvend: enquête onder 188 gemeenten in 2017 (Movisie 2018). Movisie's modellen komen grotendeels, maar "
        "niet precies, overeen met de positionering van RIVM/Cebeon (2025).",
        "beschrijvend",
        ("movisie-positionering",),
        steekproef="188 responderende gemeenten (2017)",
    )]


_MODEL_AANDEEL = {"A1": 0.40, "A2": 0.18, "B": 0.23, "C": 0.14}


def organisatiemodel_landelijk(s: Situatie) -> list[Bevinding]:
    model = s.answers.organisatiemodel
    if model is None or not s.answers.wijkteam:
        return []
    label = voc.option(voc.ORGANISATIEMODELLEN, model).label
    return [Bevinding(
        "organisatiemodel-landelijk", "info", "Organisatiemodel van het team landelijk",
        f"U werkt met model {model} ({label}). In 2017 koos {round(_MODEL_AANDEEL[model] * 100)}% van de gemeenten dit "
        "model als meest van toepassing. Vergelijkingen met 2015 zijn onzeker: de vraag veranderde van 'het meest "
        "herkenbaar' naar 'het meest van toepassing'.",
        "Beschrijvend: enquête onder 194 gemeenten in 2017 (Movisie 2018); de vraagstelling wijkt af van 2015.",
        "beschrijvend",
        ("movisie-organisatiemodel",),
        steekproef="194 responderende gemeenten (2017)",
    )]


def _sturende_toegang_ontbreekt(s: Situatie) -> str | None:
    """Working definition (ours, not the report's) of a toegang that does not steer volume itself."""
    if s.answers.aanbieders_in_team == "indiceren":
        return "aanbieders in het wijkteam zelf indiceren"
    if s.answers.aanbieders_in_team == "advies":
        return "aanbieders in het wijkteam een zwaarwegend advies geven over de indicatie"
    if aanbieders_in_toegang(s.answers.aanbieders_in_team, s.answers.positionering):
        return "de toegang bij een hoofdaanbieder ligt"
    return None


def budgetplafond_zonder_sturende_toegang(s: Situatie) -> list[Bevinding]:
    products = [p for p, k in s.answers.inkoop.items() if k.contractvorm == "budgetplafond"]
    reden = _sturende_toegang_ontbreekt(s)
    if not products or reden is None:
        return []
    return [Bevinding(
        "budgetplafond-zonder-sturende-toegang", "aandachtspunt", "Budgetplafond zonder sturende toegang",
        f"U werkt voor {producten_tekst(products)} met een budgetplafond per aanbieder, terwijl bij u {reden}. "
        "Gemeenten met budgetplafonds geven aan dat een plafond vooral resultaat heeft in combinatie met een "
        "effectief werkende toegang, en benadrukken het belang van de toegang als sturingsinstrument. "
        "Wijkkompas telt een toegang als minder sturend wanneer aanbieders zelf indiceren of zwaarwegend adviseren, "
        "of een hoofdaanbieder de toegang doet (een werkdefinitie, geen maat uit het onderzoek).",
        "Kwalitatief: ervaringen van casestudiegemeenten (18 interviews, RIVM/Cebeon 2025) en de beschouwing van "
        "het CPB over de invloed van aanbieders. Het effect van deze combinatie is niet gemeten.",
        "kwalitatief",
        ("rivm-plafond-effectieve-toegang", "cpb-invloed-aanbieders"),
        producten=tuple(products),
        steekproef="18 interviewgemeenten; hoeveel daarvan een budgetplafond hebben, zegt het rapport niet",
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
        f"U kiest als breedte '{breedte_label(s)}', wat een sociaal team veronderstelt, maar geeft aan dat er "
        "geen sociaal (wijk)team is. Wijkkompas rekent u daarom tot CPB-type A (alleen Wmo-loket). "
        "Controleer beide antwoorden; met een wijkteam wordt het type B of C.",
        "Geen onderzoeksbevinding maar een controle van uw antwoorden aan de definities: breedte volgens "
        "RIVM/Cebeon (2025), Box 2.1; CPB-typen volgens CPB (2019).",
        "beschrijvend",
        ("rivm-typologie-toegang", "cpb-typologie"),
    )]


TOEGANG_RULES = (aanbieders_in_wijkteam, budgetplafond_zonder_sturende_toegang, team_zonder_wijkteam,
                 taakzwaarte_toegang, wijkteam_effect, cpb_buiten_bereik, toegang_bij_hoofdaanbieder,
                 breedte_uitgaven, positionering_landelijk, organisatiemodel_landelijk)
