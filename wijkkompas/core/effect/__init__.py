"""Effectmeting (difference-in-differences on the own wijk × maand panel) and signalen per aanbieder and team.

The face of the package; the engine is in ``schatter`` (regression + wild cluster bootstrap), ``did``
(designs), ``paneel`` (outcomes from the canonical tables), ``woorden`` (the answer in words) and
``signalen`` (aanbieders and teams, funnel plot, reliability classes).
"""
from wijkkompas.core.effect.did import EffectSchatting, schat
from wijkkompas.core.effect.paneel import PRODUCTEN, UITKOMSTEN, EffectInvoerFout, Uitkomstpaneel, bouw_paneel
from wijkkompas.core.effect.resultaat import effect_resultaat, produceer
from wijkkompas.core.effect.vraag import KEUZE_SLEUTEL, EffectVraag, bewaar_vraag, vraag_uit_project
from wijkkompas.core.effect.woorden import bewijslabel, contrafeitelijk, procent_van_contrafeitelijk

__all__ = [
    "KEUZE_SLEUTEL", "PRODUCTEN", "UITKOMSTEN", "EffectInvoerFout", "EffectSchatting", "EffectVraag",
    "Uitkomstpaneel", "bewaar_vraag", "bewijslabel", "bouw_paneel", "contrafeitelijk", "effect_resultaat",
    "procent_van_contrafeitelijk", "produceer", "schat", "vraag_uit_project",
]
