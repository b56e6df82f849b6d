"""Rules about the inkoop per product: bekostiging, contractvorm and toetreding (RIVM/Cebeon 2025 ch. 3 and 5).

Why a possible strength is only ever C or D: nationally, spending per volwassene is lower
for the inspanningsgerichte profiles, "met name" C and D (004 L1567-1571); for G and H it
is higher, and for combinations outside Tabel 3.1 the research has no figures. A sterk
punt must follow the direction of the evidence for that exact profile.
"""
from __future__ import annotations

from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.findings import Bevinding, Situatie, breedte_label, casestudies_n, producten_tekst


def taakgericht_smalle_toegang(s: Situatie) -> list[Bevinding]:
    products = [p for p, k in s.answers.inkoop.items() if k.bekostigingsvorm == "taakgericht"]
    if not products or s.answers.breedte > 2:
        return []
    return [Bevinding(
        "taakgericht-smalle-toegang", "aandachtspunt", "Taakgerichte inkoop bij een smalle toegang",
        f"U koopt {producten_tekst(products)} taakgericht in, terwijl de toegang een smalle taakopdracht heeft "
        f"('{breedte_label(s)}'). In de casestudies van RIVM/Cebeon ging taakgerichte bekostiging steeds samen "
        "met een (zeer) brede taakopdracht in de toegang: de aanbieder met een lumpsum voor een populatie krijgt dan "
        "ook ruimte om zelf ondersteuning te bieden en preventief te werken. Ga na wie bij u de brede populatietaak "
        "uitvoert en hoe toegang en aanbieder samen sturen.",
        "Beschrijvend: een patroon in de casestudies (RIVM/Cebeon 2025) met weinig taakgericht bekostigende "
        "gemeenten. Dat de combinatie daar niet voorkwam, bewijst niet dat zij niet kan werken.",
        "beschrijvend",
        ("rivm-combinaties-toegang-inkoop", "rivm-taakgericht-uitgaven", "rivm-samenhang-keuzes",
         "rivm-casestudies-kenmerken"),
        producten=tuple(products),
        steekproef=casestudies_n("taakgericht"),
    )]


def outputgericht_hbh_begeleiding(s: Situatie) -> list[Bevinding]:
    products = [p for p in ("hbh", "begeleiding")
                if p in s.answers.inkoop and s.answers.inkoop[p].bekostigingsvorm == "outputgericht"]
    if not products:
        return []
    profielen = ", ".join(f"{voc.PRODUCTEN[p].lower()} profiel {s.profielen[p].profiel}" for p in products)
    return [Bevinding(
        "outputgericht-hbh-begeleiding", "aandachtspunt", "Outputgerichte inkoop (arrangementen)",
        f"U koopt {producten_tekst(products)} outputgericht in ({profielen}). Door jurisprudentie moet het aantal uren "
        "per cliënt worden gespecificeerd, wat de sturing met arrangementen beperkt. Gemeenten ervaren 'lucht' in "
        "arrangementen: aanbieders blijken met minder uren uit te komen dan het arrangement veronderstelt. Volgens de "
        "onderzoekers kan daarachter ook 'cherry picking' of 'upcoding' schuilgaan. Casestudiegemeenten met "
        "outputgerichte bekostiging hadden gemiddeld de hoogste uitgaven aan maatwerk, en landelijk liggen de uitgaven "
        "bij outputgerichte profielen (E–G) gemiddeld hoger dan bij inspanningsgerichte. Vergelijk de geleverde uren "
        "met de uren waarop het arrangement is geprijsd, en kijk ook naar de zwaarte van de cliënten.",
        "Beschrijvend (landelijke gemiddelden en een kleine groep casestudies) en kwalitatief (ervaringen van "
        "gemeenten). Hogere gemiddelde uitgaven bij deze gemeenten betekenen niet dat de bekostigingsvorm ze "
        "veroorzaakt; ook taakzwaarte en andere keuzes spelen mee.",
        "beschrijvend",
        ("rivm-outputgericht-jurisprudentie", "rivm-outputgericht-hoogste-uitgaven", "rivm-profielen-uitgaven-landelijk",
         "rivm-casestudies-kenmerken"),
        producten=tuple(products),
        steekproef=casestudies_n("outputgericht"),
    )]


_STERK = "Dit kan een sterk punt zijn, mits de toegang het volume stuurt."


def plafond_of_vast_budget(s: Situatie) -> list[Bevinding]:
    findings = []
    for product, keuze in s.profielen.items():
        contract = keuze.inkoop.contractvorm
        if contract not in ("budgetplafond", "vast budget"):
            continue
        naam = voc.PRODUCTEN[product]
        steekproef = "alle gemeenten met Iv3-gegevens 2023 en bekend inkoopprofiel; bij C, D en G weinig gemeenten"
        if keuze.profiel in ("C", "D"):
            ernst, slot = "sterk punt", _STERK
            patroon = ("Landelijk hebben gemeenten met de inspanningsgerichte profielen C en D (budgetplafond of vast "
                       "budget) gemiddeld de laagste uitgaven aan hulp bij het huishouden en begeleiding per volwassene; "
                       "het gaat wel om weinig gemeenten.")
            bronnen = ("rivm-profielen-uitgaven-landelijk", "rivm-plafond-effectieve-toegang")
        elif keuze.profiel == "H":
            ernst, slot = "info", "Wijkkompas noemt dit daarom geen sterk punt: de richting van het bewijs is niet eenduidig."
            patroon = ("In de casestudies ging taakgerichte bekostiging met vast budget samen met de laagste uitgaven "
                       "en het kleinste aantal cliënten maatwerk, maar met de hoogste uitgaven aan de toegang: kijk "
                       "daarom naar de som van beide. Dat berust op 5 gemeenten. Landelijk liggen de uitgaven bij "
                       "profiel H juist gemiddeld hoger dan bij de inspanningsgerichte profielen (A–D).")
            bronnen = ("rivm-taakgericht-uitgaven", "rivm-profielen-uitgaven-landelijk", "rivm-casestudies-kenmerken")
            steekproef = casestudies_n("taakgericht") + "; landelijk: alle gemeenten met bekend profiel"
        elif keuze.profiel == "G":
            ernst, slot = "info", "Wijkkompas noemt dit daarom geen sterk punt."
            patroon = ("Een licht stijgend aantal gemeenten gebruikt budgetplafonds per aanbieder (C en G) als "
                       "instrument om de kosten beheersbaar te houden. De lagere landelijke uitgaven bij een plafond "
                       "zijn alleen gevonden bij de inspanningsgerichte profielen C en D; outputgerichte profielen "
                       "(E–G) liggen gemiddeld hoger dan inspanningsgerichte.")
            bronnen = ("rivm-plafond-instrument", "rivm-profielen-uitgaven-landelijk", "rivm-plafond-effectieve-toegang")
        else:  # overig: a combination outside Tabel 3.1
            ernst, slot = "info", "Wijkkompas noemt dit daarom geen sterk punt."
            vorm = ("een budgetplafond per aanbieder" if contract == "budgetplafond"
                    else "een vast budget (in de praktijk soms per cliënt in plaats van per aanbieder)")
            patroon = (f"U combineert {keuze.inkoop.bekostigingsvorm}e bekostiging met {vorm}; die combinatie staat "
                       "niet in Tabel 3.1 en het onderzoek geeft er geen uitgavencijfers voor. De lagere landelijke "
                       "uitgaven zijn alleen gevonden bij de profielen C en D (inspanningsgericht met budgetplafond of "
                       "vast budget).")
            bronnen = ("rivm-inkoopprofielen", "rivm-profielen-uitgaven-landelijk")
            steekproef = "geen: het onderzoek heeft voor deze combinatie geen cijfers"
        profiel = keuze.profiel if keuze.profiel != voc.OVERIG else "overig"
        findings.append(Bevinding(
            f"begrensde-omzet-{product}", ernst, f"Begrensde omzet: {naam.lower()}",
            f"{naam} (profiel {profiel}): u begrenst de omzet met een {contract}. {patroon} {slot}",
            "Beschrijvend: landelijke gemiddelden per profiel (bij C, D en G gaat het om weinig gemeenten) en "
            "casestudies. Dat de contractvorm de lagere uitgaven veroorzaakt, is niet aangetoond.",
            "beschrijvend",
            bronnen,
            producten=(product,),
            steekproef=steekproef,
        ))
    return findings


def inkoop_taakzwaarte(s: Situatie) -> list[Bevinding]:
    """Gap in the old rules: inkoop was never compared with taakzwaarte (004 L1585-1590, L1199-1200)."""
    klasse = s.taakzwaarte_klasse
    if klasse not in voc.LICHT:
        return []
    products = [p for p, k in s.answers.inkoop.items() if k.bekostigingsvorm == "taakgericht"]
    if not products:
        return []
    return [Bevinding(
        "inkoop-taakzwaarte-atypisch", "info", "Inkoop ongebruikelijk voor de taakzwaarte",
        f"Uw gemeente heeft een {'zeer lichte' if klasse == 'zeer licht' else 'lichte'} taak en koopt "
        f"{producten_tekst(products)} taakgericht in. Landelijk werken gemeenten met een zeer lichte taak vaker "
        "inspanningsgericht en kiezen vooral gemeenten met een (zeer) zware taak taakgerichte bekostiging (H), "
        "sterker bij begeleiding; in de casestudies was dat net zo. Landelijk werkt ongeveer een op de tien gemeenten "
        "taakgericht. Gemeenten met een zwaardere taak noemen de noodzaak om op resultaten te sturen bij langdurige "
        "of complexe problematiek als reden. Uw keuze is ongebruikelijk, niet fout: maak de reden expliciet, en "
        "reken bij profiel H de toegang en het maatwerk samen.",
        "Beschrijvend: landelijke verdeling van inkoopprofielen naar taakzwaarte (Findo en Monitor zorginkoop) en "
        "casestudies; geen norm en geen oorzaak.",
        "beschrijvend",
        ("rivm-profielen-taakzwaarte", "rivm-casestudies-bekostiging", "rivm-landelijk-bekostiging",
         "rivm-casestudies-kenmerken"),
        producten=tuple(products),
        steekproef="landelijk: alle gemeenten met bekend profiel; casestudies: " + casestudies_n("taakgericht"),
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
        steekproef="landelijk: alle gemeenten met Iv3-gegevens en bekende inkoopsamenwerking",
    )]


def zonder_toetreding(s: Situatie) -> list[Bevinding]:
    products = [p for p, k in s.profielen.items() if k.profiel in ("B", "F")]
    if not products:
        return []
    return [Bevinding(
        "zonder-tussentijdse-toetreding", "info", "Raamovereenkomst zonder tussentijdse toetreding",
        f"Voor {producten_tekst(products)} kunnen nieuwe aanbieders niet tussentijds toetreden. Landelijk liggen de "
        "uitgaven bij profielen mét toetreding (A, D, E) gemiddeld lager dan bij vergelijkbare profielen zonder "
        "(B, C, F/G). Tegelijk kiezen meer gemeenten bewust voor B of F bij hulp bij het huishouden, om met minder "
        "aanbieders nauwer samen te werken.",
        "Beschrijvend: landelijke gemiddelden (Iv3 en Monitor zorginkoop, 2023); geen oorzakelijk verband.",
        "beschrijvend",
        ("rivm-profielen-uitgaven-landelijk", "rivm-landelijk-profielen-2023"),
        producten=tuple(products),
        steekproef="alle gemeenten met Iv3-gegevens 2023 en bekend inkoopprofiel",
    )]


def overig_profiel(s: Situatie) -> list[Bevinding]:
    return [Bevinding(
        f"overig-profiel-{product}", "info", f"{voc.PRODUCTEN[product]}: combinatie buiten Tabel 3.1",
        keuze.toelichting,
        "Indeling volgens Tabel 3.1 van RIVM/Cebeon (2025); voor deze combinatie geeft het onderzoek geen "
        "aparte cijfers, dus de bevindingen per profiel gelden hier hooguit bij benadering.",
        "beschrijvend",
        ("rivm-inkoopprofielen",),
        producten=(product,),
    ) for product, keuze in s.profielen.items() if keuze.profiel == voc.OVERIG]


INKOOP_RULES = (taakgericht_smalle_toegang, outputgericht_hbh_begeleiding, regionale_inkoop, plafond_of_vast_budget,
                inkoop_taakzwaarte, zonder_toetreding, overig_profiel)
