"""Verdeelmodel: distribute a budget over wijken and teams (DESIGN.md capability 5, seed 002 Bijlage IV).

Top-down (route B) weighted indicators — gemeentefonds, per inwoner, per
75-plusser, historisch, mix, gekalibreerd or own weights — bottom-up (route A)
from formatie and the norms of seed 002, reconciled with the current allocation
and an ingroeipad. ``bereken`` gives the numbers, ``resultaat`` the Resultaat.
"""
from wijkkompas.core.verdeel.instellingen import (
    BOTTOMUP_PRESETS,
    METHODEN,
    SECTIE,
    VerdeelInstellingen,
    VerdeelInvoerFout,
    bewaar,
    laad,
)
from wijkkompas.core.verdeel.model import Basis, VerdeelUitkomst, basis, bereken

__all__ = ["BOTTOMUP_PRESETS", "METHODEN", "SECTIE", "Basis", "VerdeelInstellingen", "VerdeelInvoerFout",
           "VerdeelUitkomst", "basis", "bereken", "bewaar", "laad"]
