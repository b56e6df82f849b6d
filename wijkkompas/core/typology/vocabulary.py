"""The words of the typology: codes, Dutch labels and help texts, taken from the research.

Why one module of constants: the questionnaire (GUI), the validation messages (CLI)
and the findings must use exactly the same labels, and those labels must be the
ones the sources use (RIVM/Cebeon 2025 Box 2.1/2.2 and Tabel 3.1; CPB 2019 §2.3;
Movisie 2018 §4.1), so a user can look them up in the report.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    """One answer. ``kort``: a shorter wording of ``label`` for a narrow control (empty: the label is short)."""

    code: str | int
    label: str
    toelichting: str
    kort: str = ""

    @property
    def korte_label(self) -> str:
        return self.kort or self.label


# RIVM/Cebeon 2025, Box 2.1 (004 L640-650): smal >> breed. The report's figures also
# speak of "zeer smal" (1) and "zeer breed" (4).
BREEDTE: tuple[Option, ...] = (
    Option(1, "centraal loket (alleen Wmo)",
           "Zeer smal. Inwoners melden zich bij een Wmo-loket (telefonisch, digitaal of op het "
           "gemeentehuis); consulenten screenen en voeren het keukentafelgesprek. Alleen Wmo."),
    Option(2, "sociaal team, alleen toegang",
           "Smal. Een sociaal (wijk)team doet de toegang (vraagverheldering, indicatie), maar biedt "
           "zelf geen ondersteuning en pakt geen complexe problematiek op."),
    Option(3, "sociaal team, ook complexere problematiek",
           "Breed. Het sociaal team doet de toegang en pakt ook complexere, meervoudige "
           "problematiek op, vaak integraal over Wmo en Jeugd.", "sociaal team, ook complexe vragen"),
    Option(4, "sociaal team, ook complexere problematiek, brede ondersteuning (incl. outreachend) en preventieve taken",
           "Zeer breed. Het team biedt daarnaast zelf (kortdurende) ondersteuning, werkt outreachend "
           "en heeft preventieve en collectieve taken.", "sociaal team, breed en preventief"),
)

# RIVM/Cebeon 2025, Box 2.2 (004 L653-661): intern >> op afstand.
POSITIONERING: tuple[Option, ...] = (
    Option(1, "gemeentelijke afdeling",
           "Intern. De toegang is een afdeling van de gemeente; medewerkers zijn in dienst van de "
           "gemeente (eventueel gedetacheerd)."),
    Option(2, "netwerksamenwerking aanbieders en soms ook gemeente",
           "De toegang is een samenwerking van aanbieders en welzijnsorganisaties, soms met de "
           "gemeente; medewerkers blijven in dienst van hun eigen organisatie.", "netwerk van aanbieders"),
    Option(3, "hoofdaanbieder (en onderaannemers)",
           "Op afstand. Eén hoofdaanbieder (vaak een consortium) organiseert de toegang en biedt "
           "vaak ook zelf ondersteuning; de gemeente controleert beschikkingen administratief."),
    Option(4, "speciale rechtspersoon (derde partij)",
           "Op afstand. Een speciaal opgerichte stichting of coöperatie doet de toegang; "
           "medewerkers zijn daar in dienst of gedetacheerd."),
)

# CPB 2019 §2.3 Figuur 2.1 and §3.3 (000 L633-652, L1001-1060): invloed van aanbieders.
AANBIEDERS_IN_TEAM: tuple[Option, ...] = (
    Option("geen", "geen aanbieders: alleen Wmo-consulenten/medewerkers van gemeente of team",
           "Alleen consulenten (of teamleden zonder band met een zorgaanbieder) gaan over de toegang. "
           "Medewerkers die van een aanbieder in eigen dienst zijn gekomen tellen als 'geen'.",
           "geen aanbieders (alleen consulenten)"),
    Option("schil", "aanbieders buiten het team, maar betrokken (schil)",
           "Aanbieders zitten niet in het team maar sluiten aan bij gesprekken of vormen een vaste of "
           "flexibele schil om het team.", "aanbieders in een schil om het team"),
    Option("advies", "aanbieders in het team met zwaarwegend advies",
           "Medewerkers van zorgaanbieders (in dienst van hun moederorganisatie, ook gedetacheerd) "
           "zitten in het team; de gemeente indiceert, maar hun advies weegt zwaar.", "in het team, zwaarwegend advies"),
    Option("indiceren", "aanbieders in het team indiceren zelf",
           "Medewerkers van zorgaanbieders in het team stellen zelf de indicatie voor "
           "maatwerkvoorzieningen."),
)

CPB_TYPES: dict[str, str] = {
    "A": "alleen Wmo-loket (geen wijkteam)",
    "B": "wijkteam zonder zorgaanbieders",
    "C": "wijkteam met zorgaanbieders",
}

# Movisie 2018 §4.1 (003 L409-446).
ORGANISATIEMODELLEN: tuple[Option, ...] = (
    Option("A1", "breed integraal team voor alle hulpvragen",
           "Model A1: zoveel mogelijk hulpvragen, van enkelvoudig tot meervoudig, worden in het team opgepakt.",
           "breed integraal, alle vragen"),
    Option("A2", "breed integraal team alleen voor complexe of meervoudige hulpvragen",
           "Model A2: het team is er uitsluitend voor complexe of meervoudige vragen, bijv. multiprobleemgezinnen.",
           "breed integraal, complexe vragen"),
    Option("B", "domein- of doelgroepspecifieke teams",
           "Model B: meerdere teams naast elkaar op afgebakende domeinen of doelgroepen (bijv. volwassenen, jeugd en gezin).",
           "teams per domein of doelgroep"),
    Option("C", "generalistische voorpost met specialistische teams",
           "Model C: een generalistisch (wijk)team als voorpost, met daarachter domeinspecifieke teams.",
           "generalistische voorpost"),
)

PRODUCTEN: dict[str, str] = {
    "hbh": "Hulp bij het huishouden",
    "begeleiding": "Begeleiding",
    "dagbesteding": "Dagbesteding",
}

# RIVM/Cebeon 2025 §3.2 and begrippenlijst (004 L1046-1058, L2470-2526).
BEKOSTIGINGSVORMEN: tuple[Option, ...] = (
    Option("inspanningsgericht", "inspanningsgericht (P×Q)",
           "Bedrag per geleverde eenheid (uur, dagdeel): prijs maal hoeveelheid."),
    Option("outputgericht", "outputgericht (arrangement)",
           "Vast bedrag per cliënt voor een omschreven pakket met te bereiken resultaten (arrangement)."),
    Option("taakgericht", "taakgericht (lumpsum)",
           "Lumpsum voor een (deel)populatie met resultaatafspraken; de aanbieder krijgt een algemene taak."),
)
CONTRACTVORMEN: tuple[Option, ...] = (
    Option("raamovereenkomst", "raamovereenkomst", "Geen omzetgarantie voor de aanbieder."),
    Option("budgetplafond", "budgetplafond", "Gelimiteerde omzet per aanbieder."),
    Option("vast budget", "vast budget", "Een vast budget (bij profiel H voor een populatie)."),
)

# Tabel 3.1 (004 L1081-1094): (bekostigingsvorm, contractvorm, tussentijdse toetreding) -> profiel.
INKOOPPROFIELEN: dict[str, tuple[str, str, bool]] = {
    "A": ("inspanningsgericht", "raamovereenkomst", True),
    "B": ("inspanningsgericht", "raamovereenkomst", False),
    "C": ("inspanningsgericht", "budgetplafond", False),
    "D": ("inspanningsgericht", "vast budget", True),
    "E": ("outputgericht", "raamovereenkomst", True),
    "F": ("outputgericht", "raamovereenkomst", False),
    "G": ("outputgericht", "budgetplafond", False),
    "H": ("taakgericht", "vast budget", False),
}
OVERIG = "overig"

TAAKZWAARTE_KLASSEN: tuple[str, ...] = ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")
LICHT = ("zeer licht", "licht")
ZWAAR = ("zwaar", "zeer zwaar")


def option(options: tuple[Option, ...], code: str | int) -> Option:
    for item in options:
        if item.code == code:
            return item
    raise KeyError(code)


def toetreding_label(value: bool) -> str:
    return "ja" if value else "nee (tenzij)"
