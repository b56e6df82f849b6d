"""``assess``: answers (+ gemeente) -> the complete position, as the CLI prints and the panel shows it.

Why one function for both: the panel must show nothing the CLI cannot reproduce.
The ``Assessment`` is typed (``toegang()``, ``beantwoord()``, ``landelijke_verdeling()``
return dataclasses), so the panel reads attributes, never nested dicts by key;
``Assessment.to_json()`` is the machine payload of the CLI's Resultaat (keys as in the issue).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wijkkompas.core.errors import ReferenceDataError
from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.classification import (
    Answers,
    ProfielKeuze,
    cpb_toelichting,
    cpb_type,
    inkoopprofiel,
    parse_answers,
    profile_label,
)
from wijkkompas.core.typology.evidence import EvidenceLibrary, load_library
from wijkkompas.core.typology.rules import Bevinding, Situatie, evaluate
from wijkkompas.core.typology.vocabulary import Option

TAAKZWAARTE_TOELICHTING = (
    "Taakzwaarte volgens Wijkkompas: het gemeentefondscluster Individuele voorzieningen Wmo in euro per inwoner; "
    "de klassen zijn kwintielen over alle gemeenten. Dit is een keuze van Wijkkompas die de indeling van "
    "RIVM/Cebeon (2025) benadert, geen officiële indeling."
)


@dataclass(frozen=True)
class Taakzwaarte:
    code: str | None
    naam: str | None
    index: float | None
    klasse: str | None


def lookup_taakzwaarte(query: str) -> Taakzwaarte:
    """Gemeente name or code -> taakzwaarte from the bundled reference data.

    Kept in one small function so tests and callers can inject a ``Taakzwaarte`` instead.
    """
    from wijkkompas.core.reference import find_gemeente

    gemeente = find_gemeente(query)
    index = getattr(gemeente, "taakzwaarte_index", None)
    klasse = getattr(gemeente, "taakzwaarte_klasse", None)
    if klasse is not None and klasse not in voc.TAAKZWAARTE_KLASSEN:
        raise ReferenceDataError(f"Onbekende taakzwaarteklasse '{klasse}' in de referentiegegevens.")
    return Taakzwaarte(
        gemeente.code, gemeente.naam,
        None if index is None else float(index),
        klasse,
    )


@dataclass(frozen=True)
class Beantwoord:
    """How far the questionnaire is answered: 'niet ingevuld', 'gedeeltelijk' or 'volledig'."""

    status: str
    ontbreekt: tuple[str, ...]
    tekst: str

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "ontbreekt": list(self.ontbreekt), "tekst": self.tekst}


@dataclass(frozen=True)
class Toegang:
    """The toegang answers with their labels from the research, and the CPB type they imply."""

    breedte: Option
    positionering: Option
    wijkteam: bool
    aanbieders: Option
    cpb_type: str
    cpb_label: str
    cpb_toelichting: str


@dataclass(frozen=True)
class LandelijkeGroep:
    """One group of inkoopprofielen in the national picture of 2023, as far as the report's text gives it."""

    groep: str
    profielen: tuple[str, ...]
    tekst: str
    kort: str = ""
    minimum: float | None = None
    maximum: float | None = None

    @property
    def label(self) -> str:
        """What fits a table cell: the short form, else group and text."""
        return self.kort or f"{self.groep}: {self.tekst}"

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LandelijkeGroep:
        return cls(str(data.get("groep", "")), tuple(data.get("profielen", ())), str(data.get("tekst", "")),
                   str(data.get("kort", "")), data.get("min"), data.get("max"))

    def to_json(self) -> dict[str, Any]:
        return {"groep": self.groep, "profielen": list(self.profielen), "kort": self.kort, "tekst": self.tekst,
                "min": self.minimum, "max": self.maximum}


LANDELIJK_BEWIJS = "rivm-landelijk-profielen-2023"


@dataclass(frozen=True)
class Assessment:
    answers: Answers
    taakzwaarte: Taakzwaarte
    cpb_type: str
    profielen: dict[str, ProfielKeuze]
    bevindingen: list[Bevinding]
    library: EvidenceLibrary
    ingevuld: bool = True

    def beantwoord(self) -> Beantwoord:
        """Status of the questionnaire: 'niet ingevuld', 'gedeeltelijk' or 'volledig', with what is missing."""
        if not self.ingevuld:
            return Beantwoord("niet ingevuld", ("alle vragen",),
                              "Nog niet ingevuld: vul links de vragenlijst in. Bevindingen verschijnen pas als u "
                              "heeft geantwoord.")
        ontbreekt = [f"inkoop {voc.PRODUCTEN[p].lower()}" for p in voc.PRODUCTEN if p not in self.answers.inkoop]
        if self.answers.wijkteam and self.answers.organisatiemodel is None:
            ontbreekt.append("organisatiemodel")
        if self.answers.regionale_inkoop_gemeenten is None:
            ontbreekt.append("regionale inkoop")
        kern = [o for o in ontbreekt if o.startswith("inkoop")]
        if not kern:
            return Beantwoord("volledig", tuple(ontbreekt), "Vragenlijst ingevuld."
                              + (f" Niet beantwoord (optioneel): {', '.join(ontbreekt)}." if ontbreekt else ""))
        return Beantwoord("gedeeltelijk", tuple(ontbreekt),
                          "Gedeeltelijk ingevuld; nog open: " + ", ".join(ontbreekt) + ".")

    def toegang(self) -> Toegang:
        a = self.answers
        return Toegang(
            voc.option(voc.BREEDTE, a.breedte), voc.option(voc.POSITIONERING, a.positionering), a.wijkteam,
            voc.option(voc.AANBIEDERS_IN_TEAM, a.aanbieders_in_team), self.cpb_type, voc.CPB_TYPES[self.cpb_type],
            cpb_toelichting(a.wijkteam, a.aanbieders_in_team, a.positionering))

    def organisatiemodel(self) -> Option | None:
        code = self.answers.organisatiemodel
        return voc.option(voc.ORGANISATIEMODELLEN, code) if code else None

    def cited_ids(self) -> list[str]:
        seen: list[str] = []
        for finding in self.bevindingen:
            for evidence_id in finding.bronnen:
                if evidence_id not in seen:
                    seen.append(evidence_id)
        return seen

    def landelijke_verdeling(self) -> list[LandelijkeGroep]:
        """National shares per group of profiles, only as far as the text gives them (ranges)."""
        item = self.library.get(LANDELIJK_BEWIJS)
        return [LandelijkeGroep.from_json(w) for w in (item.cijfers or {}).get("waarden", [])]

    def to_json(self) -> dict[str, Any]:
        a = self.answers
        toegang = self.toegang()
        breedte, positionering, aanbieders = toegang.breedte, toegang.positionering, toegang.aanbieders
        model = self.organisatiemodel()
        t = self.taakzwaarte
        return {
            "gemeente": {"code": t.code, "naam": t.naam} if t.code else None,
            "taakzwaarte": {
                "index": t.index, "klasse": t.klasse, "eenheid": "€ per inwoner", "toelichting": TAAKZWAARTE_TOELICHTING,
            },
            "toegang": {
                "breedte": {"code": breedte.code, "label": breedte.label},
                "positionering": {"code": positionering.code, "label": positionering.label},
                "wijkteam": a.wijkteam,
                "aanbieders_in_team": {"code": aanbieders.code, "label": aanbieders.label},
                "cpb_type": self.cpb_type,
                "cpb_type_label": toegang.cpb_label,
                "cpb_type_toelichting": toegang.cpb_toelichting,
            },
            "beantwoord": self.beantwoord().to_json(),
            "organisatiemodel": {"code": model.code, "label": model.label} if model else None,
            "regionale_inkoop_gemeenten": a.regionale_inkoop_gemeenten,
            "inkoopprofiel": {product: keuze.profiel for product, keuze in self.profielen.items()},
            "inkoop": {
                product: {
                    "profiel": keuze.profiel,
                    "omschrijving": profile_label(keuze.profiel),
                    "bekostigingsvorm": keuze.inkoop.bekostigingsvorm,
                    "contractvorm": keuze.inkoop.contractvorm,
                    "tussentijdse_toetreding": keuze.inkoop.tussentijdse_toetreding,
                    "dichtstbijzijnde_profielen": list(keuze.dichtstbij),
                    "toelichting": keuze.toelichting,
                }
                for product, keuze in self.profielen.items()
            },
            "landelijke_verdeling": {
                "jaar": 2023,
                "bron": LANDELIJK_BEWIJS,
                "let_op": "Bandbreedtes zoals de tekst van het rapport ze noemt; de exacte percentages uit Figuur 3.1 zijn niet beschikbaar.",
                "groepen": [g.to_json() for g in self.landelijke_verdeling()],
            },
            "bevindingen": [f.to_json() for f in self.bevindingen],
            "bronnen": {evidence_id: self.library.get(evidence_id).to_json() for evidence_id in self.cited_ids()},
            "antwoorden": a.to_json(),
        }


def assess(
    answers: dict[str, Any] | Answers,
    gemeente: str | None = None,
    *,
    taakzwaarte: Taakzwaarte | None = None,
    library: EvidenceLibrary | None = None,
    ingevuld: bool = True,
) -> Assessment:
    """Classify the answers and run the coherence rules.

    ``gemeente`` (name or code) is looked up in the reference data unless ``taakzwaarte``
    is given; with neither, taakzwaarte is unknown and the rules that need it stay silent.
    ``ingevuld=False`` (the user has not answered yet; the answers are the form's defaults)
    classifies but gives no findings, and ``beantwoord`` says so.
    """
    parsed = answers if isinstance(answers, Answers) else parse_answers(answers)
    if taakzwaarte is None:
        taakzwaarte = lookup_taakzwaarte(gemeente) if gemeente else Taakzwaarte(None, None, None, None)
    library = library or load_library()
    profielen = {product: inkoopprofiel(product, k) for product, k in parsed.inkoop.items()}
    situatie = Situatie(parsed, cpb_type(parsed.wijkteam, parsed.aanbieders_in_team, parsed.positionering),
                        profielen, taakzwaarte.klasse)
    # An untouched questionnaire holds default answers, not the gemeente's: no findings from those.
    bevindingen = evaluate(situatie) if ingevuld else []
    for finding in bevindingen:
        for evidence_id in finding.bronnen:
            library.get(evidence_id)  # a rule citing a missing id is a programming error: fail loudly
    return Assessment(parsed, taakzwaarte, situatie.cpb_type, profielen, bevindingen, library, ingevuld)
