"""The registry of report sections: every analysis that can produce a Resultaat from a project.

Why a registry: the Rapport (panel and CLI) lists every section the project has
and renders them from their Resultaat alone — no per-section export code. A
model adds one ``Onderdeel`` line here; its producer is imported lazily (by
dotted name) so start-up does not pay for statsmodels or the import pipeline.

A producer is ``f(project, progress=None) -> Resultaat | None``: ``None`` means
"this project lacks what the section needs" (the Rapport then says what is
missing using ``nodig``), never an exception for the ordinary empty case.
Producers use the settings the user stored in ``project.choices`` for their
section, so the report shows what the panel shows.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wijkkompas.core.resultaat import Resultaat


@dataclass(frozen=True)
class Onderdeel:
    slug: str
    titel: str
    producer: str            # "package.module:function"
    nodig: tuple[str, ...]   # tables or "gemeente" the section needs; shown when missing
    beschrijving: str = ""

    def load(self) -> Callable[..., Resultaat | None]:
        module_name, _, function = self.producer.partition(":")
        return getattr(importlib.import_module(module_name), function)

    def ontbreekt(self, project: Any) -> list[str]:
        """What the project lacks for this section (empty when it can be produced)."""
        missing = []
        for need in self.nodig:
            if need == "gemeente":
                if not getattr(project, "gemeente_code", None):
                    missing.append("gemeente")
            elif need not in getattr(project, "tables", {}):
                missing.append(need)
        return missing


# Order = order in the report. Add one line when a model gains a Resultaat producer.
ONDERDELEN: tuple[Onderdeel, ...] = (
    Onderdeel("gemeente", "Gemeente & benchmark", "wijkkompas.core.reference.resultaat:produceer", nodig=("gemeente",)),
    Onderdeel("import", "Controlerapport import", "wijkkompas.core.imports.resultaat:produceer", nodig=()),
    Onderdeel("positie", "Positie in de typologie", "wijkkompas.core.typology.resultaat:produceer", nodig=()),
    Onderdeel("verdeelmodel", "Verdeelmodel", "wijkkompas.core.verdeel.resultaat:produceer", nodig=("wijken",)),
    Onderdeel("scenarios", "Scenario's", "wijkkompas.core.scenario.resultaat:produceer", nodig=("toewijzingen",)),
    Onderdeel("effect", "Effectmeting", "wijkkompas.core.effect.resultaat:produceer", nodig=("toewijzingen", "wijken")),
    Onderdeel("signalen", "Signalen per aanbieder en team", "wijkkompas.core.effect.signalen_resultaat:produceer", nodig=("toewijzingen",)),
    Onderdeel("sturing", "Sturing: budgetuitputting", "wijkkompas.core.sturing.resultaat:produceer", nodig=("declaraties", "toewijzingen")),
    Onderdeel("volumeregime", "Sturing: volumeregime per team", "wijkkompas.core.sturing.resultaat:produceer_regime", nodig=("toewijzingen",)),
    Onderdeel("inkoop", "Inkoop: markt, kostprijs en contracten", "wijkkompas.core.inkoop.resultaat:produceer", nodig=("declaraties",)),
)


def onderdeel(slug: str) -> Onderdeel:
    for item in ONDERDELEN:
        if item.slug == slug:
            return item
    raise KeyError(slug)


def slugs() -> list[str]:
    return [item.slug for item in ONDERDELEN]


def produceer(project: Any, slug: str, progress: Any = None) -> Resultaat | None:
    item = onderdeel(slug)
    if item.ontbreekt(project):
        return None
    return item.load()(project, progress=progress)
