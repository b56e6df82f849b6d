"""For the next aanbesteding: what a switch of inkoopprofiel per perceel means in the research.

Why a card per perceel beside its own market: the contractmanager weighs a
switch (e.g. from open house to a budgetplafond) against the market she has
(how many aanbieders, how concentrated, how many came and went). The research
statements come from the evidence library of ``core.typology`` (the same items
Positie cites) and keep their strength: every option names the strength of each
source it rests on, and the card's label is the strongest of them — none of
these sources is causal, so the cards never say a profile causes lower spending.
The current profile comes from the Positie answers the gemeente confirmed, else
from the contracts (tarieven); without either, every option is shown.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wijkkompas.core import formatting as fmt
from wijkkompas.core.inkoop import afleiden
from wijkkompas.core.inkoop.markt import PRODUCT_SLUG, Perceel
from wijkkompas.core.resultaat import STERKTE_LABELS, Bevinding, Bron
from wijkkompas.core.typology import STERKTE_RANG, Inkoop, inkoopprofiel, load_library, profile_label
from wijkkompas.core.typology import vocabulary as voc

INSPANNING = ("A", "B", "C", "D")
OUTPUT = ("E", "F", "G")


@dataclass(frozen=True)
class Optie:
    """One switch: the target profile(s), what the research says about it, and the evidence ids it rests on."""

    id: str
    naar: str
    tekst: str
    bronnen: tuple[str, ...]


@dataclass(frozen=True)
class Huidig:
    profiel: str | None          # A–H, "overig" or None (unknown)
    bron: str                    # "Positie", the tarieven file name, or ""
    contracten: str | None = None  # the tarieven's profile when it differs from the Positie answers


def _toetreding_open(doel: str) -> Optie:
    return Optie("met-toetreding", f"profiel {doel} (mét tussentijdse toetreding)",
                 "landelijk liggen de uitgaven aan hulp bij het huishouden en begeleiding per volwassene bij profielen "
                 "mét toetreding (A, D, E) gemiddeld lager dan bij vergelijkbare profielen zonder (B, C, F/G). Dat "
                 "zijn gemiddelden over gemeenten, geen effect van de keuze.",
                 ("rivm-profielen-uitgaven-landelijk",))


def _toetreding_dicht(doel: str) -> Optie:
    return Optie("zonder-toetreding", f"profiel {doel} (zonder tussentijdse toetreding)",
                 "in 2023 kozen meer gemeenten dan in 2019 voor B of F bij hulp bij het huishouden; landelijk liggen "
                 "de uitgaven per volwassene bij profielen zonder toetreding gemiddeld hoger dan bij vergelijkbare "
                 "profielen mét (A, D, E).",
                 ("rivm-landelijk-profielen-2023", "rivm-profielen-uitgaven-landelijk"))


BEGRENSD = Optie(
    "begrensde-omzet", "profiel C of D (inspanningsgericht met budgetplafond of vast budget)",
    "landelijk hebben gemeenten met C en D gemiddeld de laagste uitgaven aan hulp bij het huishouden en begeleiding "
    "per volwassene, maar het gaat om weinig gemeenten; het aantal gemeenten met een budgetplafond per aanbieder "
    "stijgt licht. Gemeenten met een plafond zeggen in interviews dat het vooral resultaat heeft samen met een "
    "effectief werkende toegang.",
    ("rivm-profielen-uitgaven-landelijk", "rivm-plafond-instrument", "rivm-plafond-effectieve-toegang"))
OUTPUTGERICHT = Optie(
    "outputgericht", "een outputgericht profiel (E, F of G: arrangementen)",
    "jurisprudentie beperkt de sturing (het aantal uren per cliënt moet worden gespecificeerd) en gemeenten ervaren "
    "'lucht' in arrangementen (interviews). Casestudiegemeenten met outputgerichte bekostiging hadden gemiddeld de "
    "hoogste uitgaven en aantallen cliënten maatwerk (6 gemeenten); landelijk liggen E–G gemiddeld hoger dan A–D.",
    ("rivm-outputgericht-jurisprudentie", "rivm-outputgericht-hoogste-uitgaven", "rivm-profielen-uitgaven-landelijk"))
TAAKGERICHT = Optie(
    "taakgericht", "profiel H (taakgericht: vast budget voor een populatie)",
    "in de casestudies (5 gemeenten) ging dit samen met de laagste uitgaven en het kleinste aantal cliënten "
    "maatwerk, maar met de hoogste uitgaven aan de toegang: tel beide op. Landelijk liggen de uitgaven bij H juist "
    "gemiddeld hoger dan bij A–D. In de casestudies ging taakgerichte bekostiging steeds samen met een (zeer) brede "
    "toegang, en bij populatiebekostiging gaat de hoofdaanbieder vrijwel altijd ook over de toegang (CPB, "
    "beschouwing). Wijchen ging terug naar P×Q (één gemeente).",
    ("rivm-taakgericht-uitgaven", "rivm-profielen-uitgaven-landelijk", "rivm-combinaties-toegang-inkoop",
     "cpb-populatiebekostiging-toegang", "wijchen-terug-naar-pxq"))
INSPANNINGSGERICHT = Optie(
    "inspanningsgericht", "profiel A of B (inspanningsgericht: prijs × geleverde eenheden)",
    "landelijk liggen de uitgaven per volwassene bij A–D gemiddeld lager dan bij E–G en H. Meerdere gemeenten met "
    "arrangementen overwegen een ander profiel (interviews); Wijchen ging van populatiebekostiging terug naar P×Q en "
    "noemt voor- en nadelen bij elke bekostigingsvorm (één gemeente).",
    ("rivm-profielen-uitgaven-landelijk", "rivm-outputgericht-jurisprudentie", "wijchen-terug-naar-pxq"))


def opties(profiel: str | None) -> list[Optie]:
    """The switches worth a card from ``profiel`` (all of them when it is unknown or outside Tabel 3.1)."""
    if profiel not in voc.INKOOPPROFIELEN:
        return [Optie("toetreding", "met of zonder tussentijdse toetreding", _toetreding_open("A/E").tekst,
                      _toetreding_open("A/E").bronnen), BEGRENSD, OUTPUTGERICHT, TAAKGERICHT, INSPANNINGSGERICHT]
    out = []
    if profiel in ("B", "F"):
        out.append(_toetreding_open({"B": "A", "F": "E"}[profiel]))
    if profiel in ("A", "E"):
        out.append(_toetreding_dicht({"A": "B", "E": "F"}[profiel]))
    if profiel not in ("C", "D"):
        out.append(BEGRENSD)
    if profiel not in OUTPUT:
        out.append(OUTPUTGERICHT)
    if profiel != "H":
        out.append(TAAKGERICHT)
    if profiel not in INSPANNING:
        out.append(INSPANNINGSGERICHT)
    return out


def _uit_antwoorden(antwoorden: dict[str, Any] | None) -> str | None:
    """The profile letter of complete, well-typed answers; None otherwise (a project file is untrusted input)."""
    a = antwoorden or {}
    if not isinstance(a, dict) or not all(k in a for k in ("bekostigingsvorm", "contractvorm",
                                                             "tussentijdse_toetreding")):
        return None
    if not isinstance(a["tussentijdse_toetreding"], bool):
        return None
    return inkoopprofiel("", Inkoop(str(a["bekostigingsvorm"]), str(a["contractvorm"]),
                                    a["tussentijdse_toetreding"])).profiel


def huidige_profielen(project: Any) -> dict[str, Huidig]:
    """Per Positie product: the profile of the stored answers, else of the contracts, else unknown."""
    tables = getattr(project, "tables", {}) or {}
    positie = ((getattr(project, "choices", {}) or {}).get("positie") or {})
    inkoop = positie.get("inkoop") if isinstance(positie, dict) else None
    voorstel = afleiden.voorstellen(tables.get("tarieven"), afleiden.bronnaam(project))
    out = {}
    for product in voc.PRODUCTEN:
        gekozen = _uit_antwoorden((inkoop or {}).get(product) if isinstance(inkoop, dict) else None)
        v = voorstel.get(product)
        contract = _uit_antwoorden(v.antwoorden) if v is not None else None
        if gekozen is not None:
            out[product] = Huidig(gekozen, "Positie", contract if contract not in (None, gekozen) else None)
        elif contract is not None:
            out[product] = Huidig(contract, v.bron)
        else:
            out[product] = Huidig(None, "")
    return out


def _sterktes(bronnen: tuple[str, ...]) -> list[str]:
    lib = load_library()
    found = {lib.get(i).sterkte for i in bronnen}
    return sorted(found, key=lambda s: -STERKTE_RANG[s])


def _markt_tekst(p: Perceel, wissel: Any) -> str:
    tekst = (f"Eigen markt {p.jaar}: {len(p.aanbieders)} aanbieder(s), HHI {fmt.getal(p.hhi)}, top 3 "
             f"{fmt.procent(p.top3)} van het gedeclareerde bedrag")
    if wissel is not None and not wissel.empty and (wissel["jaar"] == p.jaar).any():
        rij = wissel[wissel["jaar"] == p.jaar].iloc[0]
        tekst += f"; {int(rij['nieuw'])} nieuw en {int(rij['vertrokken'])} vertrokken t.o.v. {p.jaar - 1}"
    return tekst + "."


def _huidig_tekst(h: Huidig) -> str:
    if h.profiel is None:
        return ("Huidig profiel onbekend: vul de inkoopvragen in Positie in of importeer de tarieven; hieronder "
                "staan daarom alle overstappen.")
    if h.profiel == voc.OVERIG:
        return (f"Nu: een combinatie buiten Tabel 3.1 (volgens {h.bron}); hieronder staan daarom alle overstappen.")
    tekst = f"Nu: profiel {h.profiel} ({profile_label(h.profiel)}), volgens {h.bron}."
    if h.contracten:
        tekst += f" Let op: de geïmporteerde tarieven wijzen op profiel {h.contracten}."
    return tekst


def _bron_tekst(evidence_ids: list[str]) -> str:
    """'RIVM/Cebeon (2025): §5.1.2, Figuur 5.2; §3.3 · CPB (2019): §2.2' — the sections per document."""
    lib = load_library()
    per_document: dict[str, list[str]] = {}
    for evidence_id in evidence_ids:
        e = lib.get(evidence_id)
        if e.sectie not in per_document.setdefault(e.document, []):
            per_document[e.document].append(e.sectie)
    return " · ".join(f"{doc}: {'; '.join(secties)}" for doc, secties in per_document.items())


def overstap_kaarten(percelen: list[Perceel], wissel: dict[str, Any], project: Any) -> tuple[list[Bevinding],
                                                                                               dict[str, Any]]:
    """One card per perceel of the market, and the same content as data for ``gegevens['overstap']``."""
    huidig = huidige_profielen(project)
    kaarten: list[Bevinding] = []
    data: dict[str, Any] = {}
    for p in percelen:
        product = PRODUCT_SLUG.get(p.productcategorie)
        if product is None:
            continue
        h = huidig.get(product, Huidig(None, ""))
        keuzes = opties(h.profiel)
        regels = []
        alle_bronnen: list[str] = []
        for o in keuzes:
            sterktes = _sterktes(o.bronnen)
            regels.append(f"• Naar {o.naar}: {o.tekst} [{'; '.join(STERKTE_LABELS[s].lower() for s in sterktes)}]")
            alle_bronnen += [b for b in o.bronnen if b not in alle_bronnen]
        kaart_sterkte = _sterktes(tuple(alle_bronnen))[0]
        tekst = "\n".join([_huidig_tekst(h), _markt_tekst(p, wissel.get(p.productcategorie)),
                           "Wat het onderzoek zegt over een ander profiel (bewijssterkte per bron tussen haken):",
                           *regels,
                           "Geen van deze bronnen meet het effect van een overstap: het zijn gemiddelden over "
                           "gemeenten, casestudies en ervaringen."])
        kaarten.append(Bevinding(
            f"{p.naam}: ander inkoopprofiel bij de volgende aanbesteding?", tekst, kaart_sterkte, "informatie",
            _bron_tekst(alle_bronnen), [product]))
        data[product] = {"perceel": p.naam, "huidig": h.profiel, "bron": h.bron, "jaar": p.jaar,
                         "contracten": h.contracten, "aanbieders": len(p.aanbieders), "hhi": p.hhi, "top3": p.top3, "sterkte": kaart_sterkte,
                         "opties": [{"id": o.id, "naar": o.naar, "tekst": o.tekst, "bronnen": list(o.bronnen),
                                     "sterktes": _sterktes(o.bronnen)} for o in keuzes]}
    return kaarten, data


def overstap_bronnen(data: dict[str, Any]) -> list[Bron]:
    """One Bron per research document the cards cite, with the sections used (for the Resultaat's sources)."""
    lib = load_library()
    secties: dict[tuple[str, int], list[str]] = {}
    for item in data.values():
        for optie in item["opties"]:
            for evidence_id in optie["bronnen"]:
                e = lib.get(evidence_id)
                key = (e.document.rsplit(" (", 1)[0], e.jaar)
                if e.sectie not in secties.setdefault(key, []):
                    secties[key].append(e.sectie)
    return [Bron(uitgever, "; ".join(s), jaar) for (uitgever, jaar), s in secties.items()]
