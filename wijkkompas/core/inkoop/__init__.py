"""Inkoop: the market per perceel, the kostprijs check (reële prijs) and Positie answers from the contracts."""
from wijkkompas.core.inkoop.afleiden import Voorstel, met_voorstel, verschillen, voorstellen
from wijkkompas.core.inkoop.eigen_cijfers import eigen_cijfers, eigen_cijfers_van, kerncijfers, kerncijfers_van
from wijkkompas.core.inkoop.kostprijs import (PARAMETERS, SECTIE, Kostprijs, KostprijsInstellingen, bereken, laad,
                                              vergelijk)
from wijkkompas.core.inkoop.markt import Perceel, hhi, markt, netto_regels, perceel_markt, top3, toetreders

__all__ = ["PARAMETERS", "SECTIE", "Kostprijs", "KostprijsInstellingen", "Perceel", "Voorstel", "bereken",
           "eigen_cijfers", "eigen_cijfers_van", "hhi", "kerncijfers", "kerncijfers_van", "laad", "markt", "met_voorstel", "netto_regels",
           "perceel_markt", "toetreders", "top3", "vergelijk", "verschillen", "voorstellen"]
