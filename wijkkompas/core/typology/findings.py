"""The finding type of the coherence rules and the small helpers every rule uses.

Why a module of its own: the rules are split by subject (toegang, inkoop) and both need
the same ``Bevinding``/``Situatie`` and the same way of naming products and sample sizes;
``rules.evaluate`` then enforces what must hold across rules (no sterk punt on a product
that also has an aandachtspunt).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wijkkompas.core.typology import vocabulary as voc
from wijkkompas.core.typology.classification import Answers, ProfielKeuze

ERNST = ("aandachtspunt", "sterk punt", "info")

# Evidence strength, weakest first: a finding may never claim more than its strongest source.
STERKTE_RANG = {"kwalitatief": 0, "beschrijvend": 1, "causaal-niet-significant": 2, "causaal-significant": 3}

# Words that claim a cause; allowed only in findings whose evidence is causal (checked by tests and the audit).
CAUSALE_WOORDEN = ("leidt tot", "leidde tot", "leidden tot", "veroorzaakt", "zorgt voor", "zorgde voor", "daardoor",
                   "bewezen", "als gevolg van", "het gevolg van")

# Casestudy sample sizes of RIVM/Cebeon (2025), Tabel B1.2 (004 L2665-2706): (interviews, uitgavenanalyse).
CASESTUDIES_BEKOSTIGING = {"inspanningsgericht": (9, 12), "outputgericht": (5, 6), "taakgericht": (4, 5)}
CASESTUDIES_TAAKZWAARTE = {"zeer licht": (4, 5), "licht": (3, 4), "gemiddeld": (5, 5), "zwaar": (0, 3),
                           "zeer zwaar": (4, 6)}


@dataclass(frozen=True)
class Situatie:
    """Everything the rules may look at; built by ``assess``."""

    answers: Answers
    cpb_type: str
    profielen: dict[str, ProfielKeuze]
    taakzwaarte_klasse: str | None


@dataclass(frozen=True)
class Bevinding:
    """One statement about the gemeente's position.

    ``producten``: the product codes (hbh, begeleiding, dagbesteding) the finding is about,
    empty when it concerns the toegang or the whole inrichting. ``steekproef``: the n of the
    subgroup the finding rests on, in words. ``koppeling``: ids of findings this one was
    explicitly weighed against (e.g. a possible strength downgraded because of an aandachtspunt).
    """

    id: str
    ernst: str
    titel: str
    tekst: str
    bewijs: str
    sterkte: str
    bronnen: tuple[str, ...]
    producten: tuple[str, ...] = ()
    steekproef: str = ""
    koppeling: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ernst": self.ernst,
            "titel": self.titel,
            "tekst": self.tekst,
            "bewijs": self.bewijs,
            "sterkte": self.sterkte,
            "bronnen": list(self.bronnen),
            "producten": list(self.producten),
            "steekproef": self.steekproef,
            "koppeling": list(self.koppeling),
        }


def producten_tekst(names: list[str] | tuple[str, ...]) -> str:
    labels = [voc.PRODUCTEN[n].lower() for n in names]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " en " + labels[-1]


def breedte_label(s: Situatie) -> str:
    return voc.option(voc.BREEDTE, s.answers.breedte).label


def positionering_label(s: Situatie) -> str:
    return voc.option(voc.POSITIONERING, s.answers.positionering).label


def casestudies_n(bekostiging: str) -> str:
    interviews, uitgaven = CASESTUDIES_BEKOSTIGING[bekostiging]
    return (f"{bekostiging}: {interviews} van de 18 interviewgemeenten en {uitgaven} van de 23 gemeenten in de "
            "uitgavenanalyse (RIVM/Cebeon 2025, Tabel B1.2)")


def taakgerichte_producten(s: Situatie) -> list[str]:
    return [p for p, k in s.answers.inkoop.items() if k.bekostigingsvorm == "taakgericht"]


def alleen_populatiebekostiging(s: Situatie) -> bool:
    """All three products are answered and bought taakgericht (a population budget): outside the CPB sample.

    With products still unanswered we cannot tell, so the CPB findings then apply with a caveat.
    """
    return set(s.answers.inkoop) == set(voc.PRODUCTEN) and len(taakgerichte_producten(s)) == len(voc.PRODUCTEN)
