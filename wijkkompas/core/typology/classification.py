"""Turn a user's answers (GUI or JSON file) into positions on the typology.

Why validation lives here and is strict about types: the same dict is stored in
the project and fed to ``wijkkompas positie --antwoorden``; a typo must produce a
Dutch message that names the field and the allowed values (exit code 2), never a
silently wrong classification. Combinations of *valid* inkoop answers that are not
in Tabel 3.1 are not errors: they exist in practice and become ``overig``.
"""
from __future__ import annotations


from dataclasses import dataclass, field
from typing import Any

from wijkkompas.core.errors import AnswerError
from wijkkompas.core.userfile import as_written
from wijkkompas.core.typology import vocabulary as voc

TOEGANG_KEYS = ("breedte", "positionering", "wijkteam", "aanbieders_in_team")
INKOOP_KEYS = ("bekostigingsvorm", "contractvorm", "tussentijdse_toetreding")
TOP_KEYS = ("toegang", "inkoop", "organisatiemodel", "regionale_inkoop_gemeenten")
# Version of the stored answers (``PositieKeuze``). Version 0 is the unversioned dict of before issue 9; it has
# the same shape, so both read the same. ``versie`` is the one key beyond the answers a file may carry.
POSITIE_VERSIE = 1
VERSIE_KEY = "versie"


@dataclass(frozen=True)
class Inkoop:
    bekostigingsvorm: str
    contractvorm: str
    tussentijdse_toetreding: bool


@dataclass(frozen=True)
class Answers:
    """Validated answers; ``to_json`` gives back exactly the CLI input shape."""

    breedte: int
    positionering: int
    wijkteam: bool
    aanbieders_in_team: str
    inkoop: dict[str, Inkoop] = field(default_factory=dict)
    organisatiemodel: str | None = None
    regionale_inkoop_gemeenten: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "toegang": {
                "breedte": self.breedte,
                "positionering": self.positionering,
                "wijkteam": self.wijkteam,
                "aanbieders_in_team": self.aanbieders_in_team,
            },
            "inkoop": {
                product: {
                    "bekostigingsvorm": k.bekostigingsvorm,
                    "contractvorm": k.contractvorm,
                    "tussentijdse_toetreding": k.tussentijdse_toetreding,
                }
                for product, k in self.inkoop.items()
            },
        }
        data["organisatiemodel"] = self.organisatiemodel
        data["regionale_inkoop_gemeenten"] = self.regionale_inkoop_gemeenten
        return data


# The questionnaire before anything is answered: the first option of each question and no products. The
# Positie panel draws it, but ``assess(..., ingevuld=False)`` never reports it as the gemeente's position.
DEFAULT_ANSWERS = Answers(breedte=1, positionering=1, wijkteam=False, aanbieders_in_team="geen")


def _allowed(values) -> str:
    return ", ".join(f"'{v}'" if isinstance(v, str) else str(v) for v in values)


def _fail(veld: str, waarde: Any, toegestaan: str) -> AnswerError:
    return AnswerError(f"Ongeldig antwoord voor '{veld}': {as_written(waarde)}. Toegestaan: {toegestaan}.")



def _choice(data: dict, key: str, path: str, options: tuple[voc.Option, ...]) -> Any:
    codes = [o.code for o in options]
    if key not in data:
        raise AnswerError(f"Antwoord '{path}' ontbreekt. Toegestaan: {_allowed(codes)}.")
    value = data[key]
    # Same value and same type: True is an int in Python and 2.0 == 2, but neither is breedte 1 or 2 as stored.
    if not any(value == code and type(value) is type(code) for code in codes):
        raise _fail(path, value, _allowed(codes))
    return value


def _bool(data: dict, key: str, path: str) -> bool:
    if key not in data:
        raise AnswerError(f"Antwoord '{path}' ontbreekt. Toegestaan: true, false.")
    value = data[key]
    if not isinstance(value, bool):
        raise _fail(path, value, "true, false")
    return value


def _unknown_keys(data: dict, allowed: tuple[str, ...], path: str) -> None:
    extra = sorted(set(data) - set(allowed))
    if extra:
        where = f" in '{path}'" if path else ""
        raise AnswerError(f"Onbekend veld '{extra[0]}'{where}. Toegestane velden: {_allowed(allowed)}.")


def _check_versie(data: dict) -> None:
    """A stored ``versie`` must be one this version reads; no ``versie`` is version 0 (same shape)."""
    if VERSIE_KEY not in data:
        return
    versie = data[VERSIE_KEY]
    if isinstance(versie, bool) or not isinstance(versie, int) or versie < 0:
        raise _fail(VERSIE_KEY, versie, f"een geheel getal van 0 t/m {POSITIE_VERSIE}, of weglaten")
    if versie > POSITIE_VERSIE:
        raise AnswerError(f"De antwoorden zijn opgeslagen met een nieuwere versie van Wijkkompas (versie {versie}); "
                          f"deze versie leest antwoorden t/m versie {POSITIE_VERSIE}. Werk Wijkkompas bij.")


def parse_answers(data: Any) -> Answers:
    """Validate a JSON-like dict; raise ``AnswerError`` naming the field and the allowed values."""
    if not isinstance(data, dict):
        raise AnswerError("De antwoorden moeten een JSON-object zijn met de velden 'toegang' en 'inkoop'.")
    _unknown_keys(data, TOP_KEYS + (VERSIE_KEY,), "")
    _check_versie(data)
    toegang = data.get("toegang")
    if not isinstance(toegang, dict):
        raise AnswerError(
            "Antwoord 'toegang' ontbreekt of is geen object. Verwacht: {'breedte', 'positionering', "
            "'wijkteam', 'aanbieders_in_team'}."
        )
    _unknown_keys(toegang, TOEGANG_KEYS, "toegang")
    breedte = _choice(toegang, "breedte", "toegang.breedte", voc.BREEDTE)
    positionering = _choice(toegang, "positionering", "toegang.positionering", voc.POSITIONERING)
    wijkteam = _bool(toegang, "wijkteam", "toegang.wijkteam")
    aanbieders = _choice(toegang, "aanbieders_in_team", "toegang.aanbieders_in_team", voc.AANBIEDERS_IN_TEAM)
    if not wijkteam and aanbieders in ("advies", "indiceren"):
        raise AnswerError(
            f"Tegenstrijdige antwoorden: 'toegang.aanbieders_in_team' is '{aanbieders}' (aanbieders in het team), "
            "maar 'toegang.wijkteam' is false. Zonder wijkteam is alleen 'geen' of 'schil' toegestaan."
        )

    inkoop_data = data.get("inkoop")
    if inkoop_data is None:  # no products answered yet: a valid, partial questionnaire
        inkoop_data = {}
    if not isinstance(inkoop_data, dict):
        raise AnswerError(f"Antwoord 'inkoop' moet een object zijn met producten: {_allowed(voc.PRODUCTEN)}.")
    _unknown_keys(inkoop_data, tuple(voc.PRODUCTEN), "inkoop")
    inkoop: dict[str, Inkoop] = {}
    for product in voc.PRODUCTEN:
        if product not in inkoop_data or inkoop_data[product] is None:
            continue
        item = inkoop_data[product]
        path = f"inkoop.{product}"
        if not isinstance(item, dict):
            raise AnswerError(f"Antwoord '{path}' moet een object zijn met {_allowed(INKOOP_KEYS)}.")
        _unknown_keys(item, INKOOP_KEYS, path)
        inkoop[product] = Inkoop(
            bekostigingsvorm=_choice(item, "bekostigingsvorm", f"{path}.bekostigingsvorm", voc.BEKOSTIGINGSVORMEN),
            contractvorm=_choice(item, "contractvorm", f"{path}.contractvorm", voc.CONTRACTVORMEN),
            tussentijdse_toetreding=_bool(item, "tussentijdse_toetreding", f"{path}.tussentijdse_toetreding"),
        )

    model = data.get("organisatiemodel")
    if model is not None:
        codes = [o.code for o in voc.ORGANISATIEMODELLEN]
        if model not in codes:
            raise _fail("organisatiemodel", model, _allowed(codes) + " of null")
    regio = data.get("regionale_inkoop_gemeenten")
    if regio is not None and (isinstance(regio, bool) or not isinstance(regio, int) or not 1 <= regio <= 342):
        raise _fail("regionale_inkoop_gemeenten", regio, "een geheel getal van 1 t/m 342 (aantal gemeenten, inclusief de eigen) of null")
    return Answers(breedte, positionering, wijkteam, aanbieders, inkoop, model, regio)


HOOFDAANBIEDER = 3  # positionering code: "hoofdaanbieder (en onderaannemers)", Box 2.2


def aanbieders_in_toegang(aanbieders_in_team: str, positionering: int) -> bool:
    """Do aanbieders (advise on or) make the indication? Also true when a hoofdaanbieder *is* the toegang.

    Why positionering counts: at a hoofdaanbieder the team members are its employees and
    the gemeente checks beschikkingen only administratively (RIVM/Cebeon Box 2.2); the CPB
    places the toegang at the hoofdaanbieder exactly where it pays by population (000
    L640-642). Answering 'geen' for the team does not remove that, so the CPB type and the
    budgetplafond rule ('less steering toegang') classify it the same way.
    """
    return aanbieders_in_team in ("advies", "indiceren") or positionering == HOOFDAANBIEDER


def cpb_type(wijkteam: bool, aanbieders_in_team: str, positionering: int = 1) -> str:
    """CPB 2019 §3.3: A no wijkteam; B wijkteam without, C with zorgaanbieders in the toegang.

    A wijkteam run by a hoofdaanbieder is C whatever the aanbieders answer. Without a
    wijkteam the type stays A (the CPB has no type for a loket run by an aanbieder); the
    positie rules then explain that the CPB findings for A fit such a loket poorly.
    """
    if not wijkteam:
        return "A"
    return "C" if aanbieders_in_toegang(aanbieders_in_team, positionering) else "B"


def cpb_toelichting(wijkteam: bool, aanbieders_in_team: str, positionering: int) -> str:
    """One sentence on how the CPB type was derived, for the JSON and the panel."""
    letter = cpb_type(wijkteam, aanbieders_in_team, positionering)
    if positionering == HOOFDAANBIEDER and wijkteam and aanbieders_in_team in ("geen", "schil"):
        return ("Type C: de toegang ligt bij een hoofdaanbieder, dus medewerkers van een zorgaanbieder doen de "
                f"indicatie, ook al is 'aanbieders in het team' beantwoord met '{aanbieders_in_team}'.")
    if positionering == HOOFDAANBIEDER and not wijkteam:
        return ("Type A (geen wijkteam), maar het loket ligt bij een hoofdaanbieder. Het CPB onderscheidt dat niet: "
                "in zijn onderzoek werd type A door Wmo-consulenten van de gemeente uitgevoerd.")
    if letter == "A":
        return "Type A: geen sociaal (wijk)team; de toegang loopt via het Wmo-loket."
    if letter == "B":
        return "Type B: een wijkteam zonder zorgaanbieders die (mee)beslissen over de indicatie."
    return "Type C: zorgaanbieders in het wijkteam adviseren zwaarwegend over de indicatie of indiceren zelf."


@dataclass(frozen=True)
class ProfielKeuze:
    """The inkoopprofiel of one product; for ``overig`` the nearest table profiles and why."""

    product: str
    profiel: str
    inkoop: Inkoop
    dichtstbij: tuple[str, ...] = ()
    toelichting: str = ""


_ATTRIBUTE_NAMES = ("bekostigingsvorm", "contractvorm", "tussentijdse toetreding")


def _describe(value: str | bool) -> str:
    return voc.toetreding_label(value) if isinstance(value, bool) else value


def inkoopprofiel(product: str, inkoop: Inkoop) -> ProfielKeuze:
    """Tabel 3.1 lookup; outside the table -> ``overig`` with the profiles that differ least."""
    key = (inkoop.bekostigingsvorm, inkoop.contractvorm, inkoop.tussentijdse_toetreding)
    for letter, combination in voc.INKOOPPROFIELEN.items():
        if combination == key:
            return ProfielKeuze(product, letter, inkoop)
    distances: dict[str, list[int]] = {
        letter: [i for i in range(3) if combination[i] != key[i]]
        for letter, combination in voc.INKOOPPROFIELEN.items()
    }
    best = min(len(d) for d in distances.values())
    nearest = tuple(letter for letter, d in distances.items() if len(d) == best)
    parts = []
    for letter in nearest:
        combination = voc.INKOOPPROFIELEN[letter]
        verschil = "; ".join(
            f"{_ATTRIBUTE_NAMES[i]} {_describe(combination[i])} i.p.v. {_describe(key[i])}" for i in distances[letter]
        )
        parts.append(f"{letter} ({verschil})")
    toelichting = (
        f"De combinatie {inkoop.bekostigingsvorm} / {inkoop.contractvorm} / tussentijdse toetreding "
        f"{voc.toetreding_label(inkoop.tussentijdse_toetreding)} staat niet in Tabel 3.1 van RIVM/Cebeon (2025). "
        "Zulke combinaties komen in de praktijk voor (bijvoorbeeld een vast budget per cliënt). "
        f"Het dichtst bij lig{'gen' if len(nearest) > 1 else 't'} profiel " + ", ".join(parts) + "."
    )
    return ProfielKeuze(product, voc.OVERIG, inkoop, nearest, toelichting)


def profile_label(letter: str) -> str:
    if letter not in voc.INKOOPPROFIELEN:
        return "overig (niet in Tabel 3.1)"
    bekostiging, contract, toetreding = voc.INKOOPPROFIELEN[letter]
    return f"{bekostiging}, {contract}, tussentijdse toetreding {voc.toetreding_label(toetreding)}"
