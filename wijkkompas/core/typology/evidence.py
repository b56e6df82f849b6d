"""The evidence library: research findings the tool cites, loaded from ``resources/evidence``.

Why a data file with its own validator: the findings are content, maintained by
people who read the reports, not by programmers; the validator guarantees every
statement the tool makes can be traced to a seed document, section and line range,
with year, sample size and an honest evidence strength.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from wijkkompas import resources
from wijkkompas.core.errors import ReferenceDataError

STERKTES = ("causaal-significant", "causaal-niet-significant", "beschrijvend", "kwalitatief")
SEED_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
_ITEM_KEYS = {"id", "tekst", "bron", "jaar", "steekproef", "sterkte"}
_OPTIONAL_ITEM_KEYS = {"cijfers"}


@dataclass(frozen=True)
class Evidence:
    id: str
    tekst: str
    bestand: str
    sectie: str
    regels: tuple[int, int]
    jaar: int
    n: int | None
    steekproef: str
    sterkte: str
    document: str
    cijfers: dict[str, Any] | None = None

    def bron_kort(self) -> str:
        """'RIVM/Cebeon (2025), §3.3, Figuur 3.1' — what a card shows."""
        return f"{self.document}, {self.sectie}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "tekst": self.tekst,
            "bron": {"bestand": self.bestand, "document": self.document, "sectie": self.sectie, "regels": list(self.regels)},
            "jaar": self.jaar,
            "steekproef": {"n": self.n, "omschrijving": self.steekproef},
            "sterkte": self.sterkte,
            **({"cijfers": self.cijfers} if self.cijfers else {}),
        }


def validate_library(data: Any) -> list[str]:
    """Return Dutch problem descriptions (empty list = valid). Pure, so tests can feed broken data."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["Het bewijsbestand is geen JSON-object."]
    documenten = data.get("documenten")
    if not isinstance(documenten, dict) or not documenten:
        problems.append("'documenten' ontbreekt of is leeg.")
        documenten = {}
    for name, doc in documenten.items():
        if not SEED_NAME.match(name):
            problems.append(f"Document '{name}' is geen naam van een bronbestand (seed).")
        if not isinstance(doc, dict) or not doc.get("kort") or not isinstance(doc.get("jaar"), int):
            problems.append(f"Document '{name}' mist 'kort' of 'jaar'.")
    items = data.get("bewijs")
    if not isinstance(items, list) or not items:
        return problems + ["'bewijs' ontbreekt of is leeg."]
    seen: set[str] = set()
    for position, item in enumerate(items):
        label = item.get("id", f"#{position}") if isinstance(item, dict) else f"#{position}"
        if not isinstance(item, dict):
            problems.append(f"Item {label} is geen object.")
            continue
        missing = _ITEM_KEYS - set(item)
        if missing:
            problems.append(f"Item {label} mist: {', '.join(sorted(missing))}.")
            continue
        extra = set(item) - _ITEM_KEYS - _OPTIONAL_ITEM_KEYS
        if extra:
            problems.append(f"Item {label} heeft onbekende velden: {', '.join(sorted(extra))}.")
        if not re.match(r"^[a-z0-9]+(-[a-z0-9.]+)*$", str(item["id"])):
            problems.append(f"Item {label}: id moet uit kleine letters, cijfers en '-' bestaan.")
        if item["id"] in seen:
            problems.append(f"Item {label}: id komt dubbel voor.")
        seen.add(item["id"])
        if not isinstance(item["tekst"], str) or len(item["tekst"]) < 20:
            problems.append(f"Item {label}: 'tekst' ontbreekt of is te kort.")
        if item["sterkte"] not in STERKTES:
            problems.append(f"Item {label}: sterkte '{item['sterkte']}' is niet een van {', '.join(STERKTES)}.")
        if not isinstance(item["jaar"], int) or not 2000 <= item["jaar"] <= 2100:
            problems.append(f"Item {label}: 'jaar' moet een jaartal zijn.")
        problems.extend(_check_bron(label, item["bron"], documenten, require_year=item["jaar"]))
        steekproef = item["steekproef"]
        if (
            not isinstance(steekproef, dict)
            or not isinstance(steekproef.get("omschrijving"), str)
            or not steekproef["omschrijving"]
            or not (steekproef.get("n") is None or (isinstance(steekproef.get("n"), int) and steekproef["n"] > 0))
        ):
            problems.append(f"Item {label}: 'steekproef' moet 'n' (geheel getal of null) en 'omschrijving' hebben.")
        if "cijfers" in item and not (isinstance(item["cijfers"], dict) and item["cijfers"].get("omschrijving")):
            problems.append(f"Item {label}: 'cijfers' moet een object met 'omschrijving' zijn.")
    for term in data.get("begrippen", []):
        if not isinstance(term, dict) or not term.get("term") or not term.get("definitie"):
            problems.append("Een begrip mist 'term' of 'definitie'.")
            continue
        problems.extend(_check_bron(f"begrip '{term['term']}'", term.get("bron"), documenten))
    return problems


def _check_bron(label: str, bron: Any, documenten: dict, require_year: int | None = None) -> list[str]:
    if not isinstance(bron, dict):
        return [f"{label}: 'bron' is geen object."]
    problems = []
    bestand = bron.get("bestand")
    if not isinstance(bestand, str) or not SEED_NAME.match(bestand):
        problems.append(f"{label}: bron.bestand '{bestand}' is geen bronbestand (seed).")
    elif bestand not in documenten:
        problems.append(f"{label}: bron.bestand '{bestand}' staat niet onder 'documenten'.")
    elif require_year is not None and documenten[bestand].get("jaar") != require_year:
        problems.append(f"{label}: jaar {require_year} wijkt af van het document ({documenten[bestand].get('jaar')}).")
    if not isinstance(bron.get("sectie"), str) or not bron["sectie"].strip():
        problems.append(f"{label}: bron.sectie (paragraaf/tabel/figuur) ontbreekt.")
    regels = bron.get("regels")
    if not (
        isinstance(regels, list) and len(regels) == 2 and all(isinstance(r, int) and r > 0 for r in regels)
        and regels[0] <= regels[1]
    ):
        problems.append(f"{label}: bron.regels moet [eerste, laatste] regelnummer zijn.")
    return problems


@dataclass(frozen=True)
class EvidenceLibrary:
    items: dict[str, Evidence]
    begrippen: dict[str, str]
    sterkte_uitleg: dict[str, str]

    def get(self, evidence_id: str) -> Evidence:
        try:
            return self.items[evidence_id]
        except KeyError as exc:
            raise ReferenceDataError(f"Onbekend bewijs-id '{evidence_id}' in het bewijsbestand.") from exc

    def __contains__(self, evidence_id: str) -> bool:
        return evidence_id in self.items


def library_from_json(data: Any) -> EvidenceLibrary:
    problems = validate_library(data)
    if problems:
        raise ReferenceDataError("Het bewijsbestand is ongeldig: " + " ".join(problems[:5]))
    documenten = data["documenten"]
    items = {}
    for item in data["bewijs"]:
        bron = item["bron"]
        items[item["id"]] = Evidence(
            id=item["id"], tekst=item["tekst"], bestand=bron["bestand"], sectie=bron["sectie"],
            regels=(bron["regels"][0], bron["regels"][1]), jaar=item["jaar"], n=item["steekproef"]["n"],
            steekproef=item["steekproef"]["omschrijving"], sterkte=item["sterkte"],
            document=documenten[bron["bestand"]]["kort"], cijfers=item.get("cijfers"),
        )
    begrippen = {t["term"]: t["definitie"] for t in data.get("begrippen", [])}
    return EvidenceLibrary(items, begrippen, dict(data.get("bewijskracht", {})))


def evidence_path() -> Path:
    return resources.path("evidence", "evidence.json")


@lru_cache(maxsize=1)
def load_library() -> EvidenceLibrary:
    path = evidence_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ReferenceDataError(f"Het bewijsbestand ({path.name}) kan niet worden gelezen: {exc}.") from exc
    return library_from_json(data)
