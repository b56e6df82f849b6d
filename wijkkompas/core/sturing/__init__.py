"""Sturing: budgetuitputting against plafonds and begroting, volume regimes A–E per team, bekostiging compared.

    inst = SturingInstellingen.from_json(project.choices.get("sturing"))
    monitor = bereken_monitor(project.tables, inst)          # lines per aanbieder × product, taakvelden
    regime = bereken_regime(project.tables, inst, "B")         # team demand from the scenario engine
    resultaat = uitputting_resultaat(monitor)                  # Resultaat for panel, CLI and report

The projections use the scenario engine's simulation (``wijkkompas.core.scenario``) with a fixed seed.
"""
from wijkkompas.core.sturing.instellingen import BELEID, REGIMES, SturingError, SturingInstellingen, instellingen_van
from wijkkompas.core.sturing.monitor import Monitor, bereken_monitor
from wijkkompas.core.sturing.regimes import RegimeUitkomst, bereken_regime, samenvatting

__all__ = ["BELEID", "REGIMES", "Monitor", "RegimeUitkomst", "SturingError", "SturingInstellingen",
           "bereken_monitor", "bereken_regime", "instellingen_van", "samenvatting"]
