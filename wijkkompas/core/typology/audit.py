"""Audit of the Positie findings over a grid of answer sets × gemeenten (issue 16).

Why an audit beside the unit tests: each rule is tested on its own, but an over-claim
appears in combinations — a sterk punt on a product another rule worries about, a
descriptive finding that slips into causal wording, a finding labelled stronger than
its sources. ``audit`` runs ``assess`` over many combinations and checks, for every
finding:

1. no product has both a sterk punt and an aandachtspunt, unless the sterk punt names
   that aandachtspunt in ``koppeling`` (an explicit link);
2. the finding's strength is at most the strongest of its cited items, and every cited
   item's strength is at most what its source document can support (``BRON_MAXIMUM``;
   in the CPB report only the difference-in-differences sections are causal);
3. a finding that is not causal uses none of the causal phrasings (``CAUSALE_WOORDEN``);
4. ``producten`` holds only product codes, and findings about answered products name them.

Used by ``tools/audit_findings.py`` (full grid, prints a summary) and by a fast pytest.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.assessment import Assessment, Taakzwaarte, assess
from wijkkompas.core.typology.evidence import EvidenceLibrary, load_library
from wijkkompas.core.typology.findings import CAUSALE_WOORDEN, STERKTE_RANG

# The strongest evidence each seed document can support, and why.
BRON_MAXIMUM: dict[str, tuple[str, str]] = {
    "000_9b7f3299a343447c.txt": ("causaal-significant", "CPB: verschil-in-verschilanalyse (alleen §5.1 en Bijlage A)"),
    "001_35b9affa733d1c45.txt": ("kwalitatief", "Wijchen: informatienota van één gemeente, geen meting"),
    "002_41fab721f93bd57f.txt": ("kwalitatief", "kennisdocument 2013, geen meting"),
    "003_3ca11c70fdd909bf.txt": ("beschrijvend", "Movisie: enquête, verdelingen"),
    "004_59c1c0265a41b200.txt": ("beschrijvend", "RIVM/Cebeon: casestudies en landelijke gemiddelden, geen causaal ontwerp"),
}
CAUSALE_SECTIES = ("§5.1", "Bijlage A")
# Finding ids that are about products (prefixes): they must name them.
PRODUCT_BEVINDINGEN = ("begrensde-omzet-", "overig-profiel-", "outputgericht-hbh-begeleiding",
                       "taakgericht-smalle-toegang", "budgetplafond-zonder-sturende-toegang",
                       "zonder-tussentijdse-toetreding", "inkoop-taakzwaarte-atypisch", "buiten-cpb-bereik")


def _item(bekostiging: str, contract: str, toetreding: bool) -> dict[str, Any]:
    return {"bekostigingsvorm": bekostiging, "contractvorm": contract, "tussentijdse_toetreding": toetreding}


def inkoop_sets() -> list[dict[str, dict[str, Any]]]:
    """Every Tabel 3.1 profile for all products, combinations outside the table, mixes, and nothing answered."""
    sets: list[dict[str, dict[str, Any]]] = [{}]
    for combination in voc.INKOOPPROFIELEN.values():
        sets.append({p: _item(*combination) for p in voc.PRODUCTEN})
    for combination in (("inspanningsgericht", "vast budget", False), ("taakgericht", "vast budget", True),
                        ("outputgericht", "vast budget", True), ("taakgericht", "raamovereenkomst", True),
                        ("taakgericht", "budgetplafond", False)):
        sets.append({p: _item(*combination) for p in voc.PRODUCTEN})
    mixes = (
        {"hbh": "C", "begeleiding": "H", "dagbesteding": "G"},
        {"hbh": "B", "begeleiding": "E", "dagbesteding": "C"},
        {"hbh": "A", "begeleiding": "F"},
        {"begeleiding": "H"},
        {"hbh": "D", "dagbesteding": "H"},
    )
    for mix in mixes:
        sets.append({p: _item(*voc.INKOOPPROFIELEN[letter]) for p, letter in mix.items()})
    return sets


TOEGANG_TEAM = ((False, "geen"), (False, "schil"), (True, "geen"), (True, "schil"), (True, "advies"),
                (True, "indiceren"))
EXTRA = ({"organisatiemodel": None, "regionale_inkoop_gemeenten": None},
         {"organisatiemodel": "A1", "regionale_inkoop_gemeenten": 12})


def answer_grid(thin: int = 1) -> list[dict[str, Any]]:
    """All toegang combinations × inkoop sets × extras; ``thin`` > 1 keeps every n-th (for a fast test)."""
    grid = []
    for (breedte, positionering, (wijkteam, aanbieders)), inkoop, extra in itertools.product(
            itertools.product(range(1, 5), range(1, 5), TOEGANG_TEAM), inkoop_sets(), EXTRA):
        grid.append({"toegang": {"breedte": breedte, "positionering": positionering, "wijkteam": wijkteam,
                                 "aanbieders_in_team": aanbieders},
                     "inkoop": inkoop, **extra})
    return grid[::thin]


def gemeenten_spread() -> list[Taakzwaarte]:
    """One real gemeente per taakzwaarteklasse (the median of its class) plus 'no gemeente chosen'."""
    from wijkkompas.core.reference import gemeenten
    from wijkkompas.core.typology.assessment import lookup_taakzwaarte

    table = gemeenten()
    out = [Taakzwaarte(None, None, None, None)]
    for klasse in voc.TAAKZWAARTE_KLASSEN:
        part = table[table["taakzwaarte_klasse"] == klasse].sort_values("taakzwaarte_index")
        out.append(lookup_taakzwaarte(str(part.iloc[len(part) // 2]["code"])))
    return out


@dataclass
class AuditResult:
    beoordelingen: int = 0
    bevindingen: int = 0
    problemen: list[str] = field(default_factory=list)
    per_id: Counter = field(default_factory=Counter)
    geciteerd: Counter = field(default_factory=Counter)

    def niet_geciteerd(self, library: EvidenceLibrary) -> list[str]:
        return sorted(set(library.items) - set(self.geciteerd))


def check_library(library: EvidenceLibrary) -> list[str]:
    """Every item's strength within what its source document supports."""
    problems = []
    for item in library.items.values():
        maximum, _why = BRON_MAXIMUM[item.bestand]
        if STERKTE_RANG[item.sterkte] > STERKTE_RANG[maximum]:
            problems.append(f"bewijs {item.id}: sterkte {item.sterkte} boven wat de bron draagt ({maximum})")
        if item.sterkte.startswith("causaal") and not any(s in item.sectie for s in CAUSALE_SECTIES):
            problems.append(f"bewijs {item.id}: causaal, maar {item.sectie} is niet de verschil-in-verschilanalyse")
    return problems


def check_assessment(a: Assessment, library: EvidenceLibrary) -> list[str]:
    where = f"[{a.answers.to_json()['toegang']}, inkoop={ {p: k.profiel for p, k in a.profielen.items()} }, " \
            f"taakzwaarte={a.taakzwaarte.klasse}]"
    problems = []
    by_id = {f.id: f for f in a.bevindingen}
    for product in voc.PRODUCTEN:
        sterk = [f for f in a.bevindingen if f.ernst == "sterk punt" and product in f.producten]
        zorg = [f for f in a.bevindingen if f.ernst == "aandachtspunt" and product in f.producten]
        for s in sterk:
            unlinked = [z.id for z in zorg if z.id not in s.koppeling]
            if unlinked:
                problems.append(f"{where} {product}: sterk punt {s.id} naast aandachtspunt {unlinked} zonder koppeling")
    for f in a.bevindingen:
        items = [library.get(i) for i in f.bronnen]
        if not items:
            problems.append(f"{where} {f.id}: geen bronnen")
            continue
        strongest = max(STERKTE_RANG[i.sterkte] for i in items)
        if STERKTE_RANG[f.sterkte] > strongest:
            problems.append(f"{where} {f.id}: sterkte {f.sterkte} sterker dan de bronnen")
        if not f.sterkte.startswith("causaal"):
            text = f.tekst.lower()
            for word in CAUSALE_WOORDEN:
                if word in text:
                    problems.append(f"{where} {f.id}: '{word}' in een niet-causale bevinding")
        if not set(f.producten) <= set(voc.PRODUCTEN):
            problems.append(f"{where} {f.id}: onbekende producten {f.producten}")
        if f.id.startswith(PRODUCT_BEVINDINGEN):
            if not f.producten:
                problems.append(f"{where} {f.id}: gaat over producten maar noemt ze niet")
            elif not set(f.producten) <= set(a.answers.inkoop):
                problems.append(f"{where} {f.id}: noemt niet-ingevulde producten {f.producten}")
        for other in f.koppeling:
            if other not in by_id:
                problems.append(f"{where} {f.id}: koppeling naar ontbrekende bevinding {other}")
    return problems


def _rule_id(finding_id: str) -> str:
    """'begrensde-omzet-hbh' -> 'begrensde-omzet': count per rule, not per product."""
    for product in voc.PRODUCTEN:
        if finding_id.endswith("-" + product) and not finding_id.endswith("hbh-begeleiding"):
            return finding_id[: -len(product) - 1]
    return finding_id


def audit(answers: list[dict[str, Any]] | None = None, taakzwaartes: list[Taakzwaarte] | None = None,
          library: EvidenceLibrary | None = None) -> AuditResult:
    library = library or load_library()
    answers = answer_grid() if answers is None else answers
    taakzwaartes = gemeenten_spread() if taakzwaartes is None else taakzwaartes
    result = AuditResult(problemen=check_library(library))
    for data, taakzwaarte in itertools.product(answers, taakzwaartes):
        a = assess(data, taakzwaarte=taakzwaarte, library=library)
        result.beoordelingen += 1
        result.bevindingen += len(a.bevindingen)
        for f in a.bevindingen:
            result.per_id[_rule_id(f.id)] += 1
            result.geciteerd.update(f.bronnen)
        result.problemen.extend(check_assessment(a, library))
    return result
