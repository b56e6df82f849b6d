"""The answer in words: effect in units and in % of the counterfactual, the interval, and the evidence label.

Why the CPB's way of a percentage: "13% more clients" is relative to what the
treated wijken would have had without the change (the counterfactual), not to
their level before — CPB (2019) §5.1: 1,48 extra clients on a counterfactual
of 11,2 (= 12,7 observed − 1,5) is 100·(12,7 − 11,2)/11,2 ≈ 13%. The same two
functions below word our own estimate and reproduce that figure in a test.

Evidence label (never stronger than the design allows):
  beschrijvend              the design's assumption fails or cannot be checked: the pre-trend test rejects
                            parallel trends (p < 0,10) or there is no pre-period to test it on
  causaal-significant       the pre-trend test passes and the interval excludes 0
  causaal-niet-significant  the pre-trend test passes and the interval includes 0
"""
from __future__ import annotations

import math

from wijkkompas.core import formatting as fmt

PRETREND_GRENS = 0.10


def contrafeitelijk(waargenomen: float, effect: float) -> float:
    """What the treated wijken would have had without the change: observed minus the effect."""
    return waargenomen - effect


def procent_van_contrafeitelijk(effect: float, contrafeitelijk_niveau: float) -> float:
    """The effect as a fraction of the counterfactual (CPB: 1,48 / 11,2 ≈ 0,13)."""
    if not contrafeitelijk_niveau or not math.isfinite(contrafeitelijk_niveau):
        return float("nan")
    return effect / contrafeitelijk_niveau


def bewijslabel(pretrend_p: float | None, ci: tuple[float, float]) -> str:
    if pretrend_p is None or not math.isfinite(pretrend_p) or pretrend_p < PRETREND_GRENS:
        return "beschrijvend"
    low, high = ci
    if math.isfinite(low) and math.isfinite(high) and (low > 0 or high < 0):
        return "causaal-significant"
    return "causaal-niet-significant"


def _getal(value: float, decimalen: int) -> str:
    return fmt.getal(value, decimalen)


def decimalen_voor(*values: float) -> int:
    """Enough decimals to show the effect and its interval meaningfully (2 for small rates, 0 for euros)."""
    scale = max((abs(v) for v in values if v is not None and math.isfinite(v)), default=1.0)
    return 2 if scale < 10 else (1 if scale < 100 else 0)


def effect_zin(effect: float, contrafeitelijk_niveau: float, eenheid: str, decimalen: int = 2) -> str:
    """'1,48 per 1.000 inwoners meer (+13% ten opzichte van 11,2 zonder de verandering)'."""
    pct = procent_van_contrafeitelijk(effect, contrafeitelijk_niveau)
    richting = "meer" if effect >= 0 else "minder"
    pct_tekst = ""
    if math.isfinite(pct):
        teken = "+" if pct >= 0 else "−"
        pct_tekst = (f" ({teken}{fmt.procent(abs(pct), 0)} ten opzichte van "
                     f"{_getal(contrafeitelijk_niveau, max(1, decimalen - 1))} zonder de verandering)")
    return f"{_getal(abs(effect), decimalen)} {eenheid} {richting}{pct_tekst}"


def label_van(e) -> str:
    if e.vraag.tijdvak == "halfjaar" and e.vraag.uitkomst == "clienten_per_1000":
        return "Unieke cliënten per halfjaar per 1.000 inwoners"
    return e.uitkomst_label


def antwoord(schatting, label: str) -> list[str]:
    """The summary sentences of an EffectSchatting."""
    e = schatting
    d = decimalen_voor(e.effect, *e.ci)
    low, high = e.ci
    niveau = fmt.procent(e.vraag.betrouwbaarheid, 0)
    wijken = ", ".join(e.behandeld)
    starts = sorted(set(e.starts.values()))
    start_tekst = f"vanaf {starts[0]}" if len(starts) == 1 else f"met startmaanden {', '.join(starts)}"
    zinnen = [
        f"In {wijken} ({start_tekst}) is de uitkomst '{label_van(e).lower()}' na de verandering "
        f"{effect_zin(e.effect, e.contrafeitelijk, e.eenheid, d)}, vergeleken met {len(e.vergelijking)} wijken "
        f"zonder de verandering.",
        f"{niveau}-interval: {_getal(low, d)} tot {_getal(high, d)} {e.eenheid}; p = {_getal(e.p, 3)} "
        f"({'wild cluster bootstrap over wijken' if e.methode == 'bootstrap' else 'geclusterde standaardfouten'}).",
    ]
    if e.pretrend_p is None:
        zinnen.append("De trends vóór de start konden niet worden getoetst (te weinig maanden vooraf); "
                      "het resultaat is daarom beschrijvend.")
    elif e.pretrend_p < PRETREND_GRENS:
        zinnen.append(f"Vóór de start liepen de trends al uiteen (toets op gelijke trends vooraf: p = "
                      f"{_getal(e.pretrend_p, 3)}); het verschil mag daarom niet als effect worden gelezen en "
                      f"is beschrijvend.")
    else:
        zinnen.append(f"Vóór de start liepen de trends gelijk op (toets op gelijke trends vooraf: p = "
                      f"{_getal(e.pretrend_p, 3)}), de voorwaarde voor een causale lezing.")
    zinnen.append({
        "causaal-significant": "Conclusie: het verschil is waarschijnlijk een effect van de verandering "
                               "(causaal, significant).",
        "causaal-niet-significant": "Conclusie: er is geen effect aangetoond; het interval bevat ook 0 "
                                    "(causaal, niet significant).",
        "beschrijvend": "Conclusie: beschrijvend — de vergelijking laat een verschil zien, geen aangetoond effect.",
    }[label])
    return zinnen


def bootstrap_uitleg(n_wijken: int) -> str:
    return (f"Met {n_wijken} wijken zijn gewone geclusterde standaardfouten te klein: ze gaan uit van veel "
            f"groepen, en hier zijn het er weinig. Daarom is het interval berekend met een wild cluster bootstrap: "
            f"de uitkomsten van hele wijken worden duizenden keren willekeurig herwogen (Webb-gewichten, vaste "
            f"startwaarde, dus steeds dezelfde uitkomst). De gewone geclusterde cijfers staan ernaast ter "
            f"vergelijking.")
