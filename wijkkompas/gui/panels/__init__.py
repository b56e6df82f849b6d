"""The single registry of panels: navigation, screenshots (``--panel``) and tests use it.

A panel module defines ``create_panel(context) -> Panel``. Entries with
``module=None`` are planned but not built yet; the main window shows a
"nog niet beschikbaar" page with ``beschrijving`` for them instead of an empty widget.
Slugs are stable: the CLI's ``--panel`` and saved settings refer to them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PanelSpec:
    """A panel, what it needs and what it produces, so the chain import → models → rapport is explicit.

    ``nodig``: import kinds (or "gemeente") the panel's analysis works on; ``maakt``: the report sections
    (``core.onderdelen`` slugs) it shows. ``tests/gui/test_panel_chain.py`` checks both against the registries.
    """

    slug: str
    title: str
    module: str | None
    beschrijving: str
    nodig: tuple[str, ...] = ()
    maakt: tuple[str, ...] = ()


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec(
        "start", "Start", "wijkkompas.gui.panels.start",
        "Overzicht van het project: gemeente, ingelezen bestanden en de volgende stappen.",
    ),
    PanelSpec(
        "gemeente", "Gemeente & benchmark", "wijkkompas.gui.panels.gemeente",
        "Kies uw gemeente uit de 342 gemeenten; zie taakzwaarte, uitgaven per taakveld "
        "en een benchmark met verwachte uitgaven en vergelijkbare gemeenten.",
        nodig=("gemeente",), maakt=("gemeente",),
    ),
    PanelSpec(
        "import", "Import", "wijkkompas.gui.panels.import_panel",
        "Lees eigen exports in (toewijzingen, declaraties, tarieven, wijken, budget), "
        "gecontroleerd en gepseudonimiseerd, met een foutenrapport per rij.",
        maakt=("import",),
    ),
    PanelSpec(
        "positie", "Positie", "wijkkompas.gui.panels.positie",
        "Bepaal de positie van uw gemeente in de typologie: breedte en positionering van de toegang, "
        "inkoopprofiel A–H per product en taakzwaarte, met het onderzoek als onderbouwing.",
        maakt=("positie",),
    ),
    PanelSpec(
        "inkoop", "Inkoop", "wijkkompas.gui.panels.inkoop",
        "Markt per perceel (marktaandelen, HHI, nieuwe en vertrokken aanbieders), kostprijscheck van de tarieven "
        "(reële prijs) en de inkoopantwoorden afgeleid uit de contracten.",
        nodig=("declaraties", "tarieven"), maakt=("inkoop",),
    ),
    PanelSpec(
        "verdeelmodel", "Verdeelmodel", "wijkkompas.gui.panels.verdeelmodel",
        "Verdeel een budget over wijken of teams: top-down met een gewogen index "
        "(standaard de gemeentefondsgewichten) of bottom-up, en vergelijk met de huidige verdeling.",
        nodig=("wijken",), maakt=("verdeelmodel",),
    ),
    PanelSpec(
        "scenarios", "Scenario's", "wijkkompas.gui.panels.scenarios",
        "Rekenen met aantallen × prijs per product: tariefindexatie, instroom, budgetplafonds "
        "en volumeregimes, meerjarig met onzekerheidsbanden.",
        nodig=("toewijzingen", "declaraties"), maakt=("scenarios",),
    ),
    PanelSpec(
        "sturing", "Sturing", "wijkkompas.gui.panels.sturing",
        "Budgetuitputting per aanbieder tegen het plafond en per taakveld tegen de begroting, volumeregimes "
        "A–E per wijkteam en bekostigingsvormen vergeleken.",
        nodig=("toewijzingen", "declaraties"), maakt=("sturing", "volumeregime"),
    ),
    PanelSpec(
        "effect", "Effectmeting", "wijkkompas.gui.panels.effect",
        "Verschil-in-verschillenanalyse op uw eigen wijk- en maandgegevens (CPB-methode), "
        "met controle van de trends vooraf.",
        nodig=("toewijzingen", "wijken"), maakt=("effect", "signalen"),
    ),
    PanelSpec(
        "rapport", "Rapport", "wijkkompas.gui.panels.rapport",
        "Exporteer tabellen en grafieken naar Excel, PDF en Word, met de gegevensbasis, bronnen en aannames.",
    ),
)


def spec_for(slug: str) -> PanelSpec:
    for spec in PANELS:
        if spec.slug == slug:
            return spec
    raise KeyError(slug)


def slugs() -> list[str]:
    return [spec.slug for spec in PANELS]
