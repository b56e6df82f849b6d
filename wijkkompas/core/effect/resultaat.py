"""The effect question's answer as a Resultaat: the same object for panel, CLI (``--json``) and report.

``gegevens`` holds exactly the keys the CLI promises (issue 13): effect,
effect_pct, ci_laag, ci_hoog, p, methode, pretrend_p, bewijs, n_wijken,
n_maanden, event_study.
"""
from __future__ import annotations

import pandas as pd

from wijkkompas.core.effect.did import EffectSchatting, schat
from wijkkompas.core.effect.paneel import PRODUCTEN, bouw_paneel
from wijkkompas.core.effect.vraag import EffectVraag, vraag_uit_project
from wijkkompas.core.effect.woorden import (antwoord, bewijslabel, bootstrap_uitleg, decimalen_voor, label_van,
                                            procent_van_contrafeitelijk)
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.resultaat import (Bevinding, Bron, Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel,
                                       gegevensbasis_van)

METHODE_LABELS = {"bootstrap": "Wild cluster bootstrap over wijken (Webb-gewichten)",
                  "conventioneel": "Geclusterde standaardfouten (per wijk)"}
SCHATTER_LABELS = {"twfe": "Twee-weg vaste effecten (wijk en maand)",
                   "cohort": "Per startcohort en maand na de start (gespreide invoering)"}
BRONNEN = [
    Bron("CPB", "De wijkteambenadering nader bekeken (verschil-in-verschillen, Tabel 4.2 en bijlage A)", 2019),
    Bron("Webb, M.D.", "Reworking wild bootstrap based inference for clustered errors", 2014),
    Bron("Wooldridge, J.M.", "Two-way fixed effects, the two-way Mundlak regression, and difference-in-differences "
         "estimators", 2021),
    Bron("Sun, L. en Abraham, S.", "Estimating dynamic treatment effects in event studies with heterogeneous "
         "treatment effects", 2021),
]


def effect_resultaat(project, vraag: EffectVraag, progress: Voortgang | None = None) -> Resultaat:
    progress = ensure(progress)
    progress.step(0.02, "Maandgegevens per wijk opbouwen…")
    paneel = bouw_paneel(project, vraag.uitkomst, vraag.product, vraag.tijdvak)
    schatting = schat(paneel, vraag, progress.sub(0.1, 1.0))
    res = resultaat_van(schatting, paneel.wijk_namen)
    res.gegevensbasis = gegevensbasis_van(project, ["toewijzingen", "declaraties", "wijken"])
    return res


def produceer(project, progress: Voortgang | None = None) -> Resultaat | None:
    """Report section: the stored question, or None when no question has been asked yet."""
    vraag = vraag_uit_project(project)
    if not vraag.wijken:
        return None
    return effect_resultaat(project, vraag, progress)


def _label(e: EffectSchatting) -> str:
    return label_van(e)


def resultaat_van(e: EffectSchatting, wijk_namen: dict[str, str] | None = None) -> Resultaat:
    label = bewijslabel(e.pretrend_p, e.ci)
    pct = procent_van_contrafeitelijk(e.effect, e.contrafeitelijk)
    d = decimalen_voor(e.effect, *e.ci)
    product = PRODUCTEN.get(e.vraag.product, (e.vraag.product, e.vraag.product))[1]
    zinnen = antwoord(e, label)
    gegevens = {
        "effect": e.effect, "effect_pct": pct, "ci_laag": e.ci[0], "ci_hoog": e.ci[1], "p": e.p,
        "methode": e.methode, "pretrend_p": e.pretrend_p, "bewijs": label, "n_wijken": e.n_wijken,
        "n_maanden": e.n_maanden,
        "event_study": [{"kwartaal": p.kwartaal, "schatting": p.schatting, "laag": p.laag, "hoog": p.hoog,
                         "n": p.n_obs} for p in e.event],
    }
    waarschuwingen = []
    if e.methode == "bootstrap":
        waarschuwingen.append(bootstrap_uitleg(e.n_wijken))
    if len(e.behandeld) < 3:
        waarschuwingen.append(f"Slechts {len(e.behandeld)} wijk(en) met de verandering: één bijzondere wijk kan "
                              f"het resultaat bepalen, en de bootstrap is dan zeer voorzichtig (in onze simulatie met "
                              f"2 van 15 wijken werd een nuleffect nooit verworpen, maar een echt effect ook zelden "
                              f"herkend). Lees het als een aanwijzing, niet als bewijs.")
    if e.schatter == "cohort":
        waarschuwingen.append("De startmaanden verschillen per wijk. Het effect is daarom per startcohort geschat "
                              "tegen wijken die (nog) niet begonnen zijn; de gewone twee-weg-schatting staat "
                              "ernaast en kan bij gespreide invoering misleiden.")
    return Resultaat(
        onderdeel="effect",
        titel=f"Effectmeting: {_label(e).lower()}, {product}",
        ondertitel=f"{', '.join(e.behandeld)} tegen {len(e.vergelijking)} vergelijkingswijken, "
                   f"{e.periode[0]} t/m {e.periode[1]}{', gewogen naar inwoners' if e.vraag.gewogen else ''}",
        samenvatting=zinnen,
        tabellen=[_schattingstabel(e, d), _eventtabel(e, d), _wijkentabel(e, wijk_namen or {})],
        grafieken=[_eventgrafiek(e), _verloopgrafiek(e)],
        bevindingen=[Bevinding(f"Effect op {e.uitkomst_label.lower()} ({product})", " ".join(zinnen), label,
                               "informatie" if label != "causaal-significant" else "aandachtspunt",
                               "Eigen gegevens; methode CPB (2019)", [e.vraag.product])],
        aannames=[
            "Parallelle trends: zonder de verandering waren de behandelde wijken even hard gegroeid als de "
            "vergelijkingswijken. De toets op trends vooraf kan dit niet bewijzen, alleen weerleggen.",
            "Geen voorschot: vóór de startmaand veranderde er in de behandelde wijken nog niets.",
            "Geen overloop: de verandering raakt de vergelijkingswijken niet (bijvoorbeeld via gedeelde aanbieders).",
            "Een cliënt telt in de wijk van zijn toewijzing; nieuwe cliënt (instroom) = actief deze maand en niet "
            "de maand ervoor.",
            "De periode begint bij de vroegste einddatum in de toewijzingen: eerder beëindigde toewijzingen staan "
            "meestal niet in een export.",
        ],
        bronnen=list(BRONNEN),
        waarschuwingen=waarschuwingen,
        gegevens=gegevens,
    )


def _schattingstabel(e: EffectSchatting, d: int) -> Tabel:
    rows = [{"methode": f"{SCHATTER_LABELS[e.schatter]} — {METHODE_LABELS['bootstrap']}",
             "effect": e.hoofd.schatting, "laag": e.hoofd.ci[0], "hoog": e.hoofd.ci[1], "p": e.hoofd.p,
             "gekozen": e.methode == "bootstrap"},
            {"methode": f"{SCHATTER_LABELS[e.schatter]} — {METHODE_LABELS['conventioneel']}",
             "effect": e.hoofd.schatting, "laag": e.hoofd.ci_conventioneel[0],
             "hoog": e.hoofd.ci_conventioneel[1], "p": e.hoofd.p_conventioneel, "gekozen": e.methode != "bootstrap"}]
    if e.schatter == "cohort":
        rows.append({"methode": f"{SCHATTER_LABELS['twfe']} (ter vergelijking) — {METHODE_LABELS['conventioneel']}",
                     "effect": e.twfe.schatting, "laag": e.twfe.ci_conventioneel[0],
                     "hoog": e.twfe.ci_conventioneel[1], "p": e.twfe.p_conventioneel, "gekozen": False})
    return Tabel("schatting", "Schatting en interval", pd.DataFrame(rows), [
        Kolom("methode", "Methode"), Kolom("effect", "Effect", Formaat.DECIMAAL, e.eenheid, d),
        Kolom("laag", "Interval van", Formaat.DECIMAAL, e.eenheid, d),
        Kolom("hoog", "Interval tot", Formaat.DECIMAAL, e.eenheid, d),
        Kolom("p", "p-waarde", Formaat.DECIMAAL, "", 3), Kolom("gekozen", "Gebruikt voor de conclusie", Formaat.JANEE),
    ], toelichting=f"{round(e.vraag.betrouwbaarheid * 100)}%-intervallen.")


def _periode_woord(e: EffectSchatting) -> str:
    return "kwartaal" if e.stap == 3 else "halfjaar"


def _eventtabel(e: EffectSchatting, d: int) -> Tabel:
    frame = pd.DataFrame([{"kwartaal": p.kwartaal, "schatting": p.schatting, "laag": p.laag, "hoog": p.hoog,
                           "n": p.n_obs} for p in e.event])
    woord = _periode_woord(e)
    return Tabel("event_study", f"Verschil per {woord} rond de start ({woord} −1 = referentie)", frame, [
        Kolom("kwartaal", f"{woord.capitalize()} t.o.v. start", Formaat.GEHEEL),
        Kolom("schatting", "Verschil", Formaat.DECIMAAL, e.eenheid, d),
        Kolom("laag", "Interval van", Formaat.DECIMAAL, e.eenheid, d),
        Kolom("hoog", "Interval tot", Formaat.DECIMAAL, e.eenheid, d),
        Kolom("n", "Wijkmaanden behandeld", Formaat.GEHEEL)])


def _wijkentabel(e: EffectSchatting, namen: dict[str, str]) -> Tabel:
    rows = [{"wijk": w, "naam": namen.get(w, ""), "groep": "met verandering", "start": e.starts[w]}
            for w in e.behandeld]
    rows += [{"wijk": w, "naam": namen.get(w, ""), "groep": "vergelijking", "start": ""} for w in e.vergelijking]
    return Tabel("wijken", "Wijken in de vergelijking", pd.DataFrame(rows), [
        Kolom("wijk", "Wijk"), Kolom("naam", "Naam"), Kolom("groep", "Groep"), Kolom("start", "Startmaand")])


def _eventgrafiek(e: EffectSchatting) -> Grafiek:
    x = [p.kwartaal for p in e.event]
    return Grafiek(
        "event_study", f"Verschil met de vergelijkingswijken per {_periode_woord(e)} rond de start", "punt",
        f"{'Kwartalen' if e.stap == 3 else 'Halfjaren'} ten opzichte van de start (0 = eerste "
        f"{_periode_woord(e)} met de verandering)", "Verschil",
        [Reeks("nul", "Geen verschil (0)", [min(x) - 0.5, max(x) + 0.5], [0.0, 0.0], soort="lijn"),
         Reeks("verschil", f"Verschil met {round(e.vraag.betrouwbaarheid * 100)}%-interval", x,
               [p.schatting for p in e.event], [p.laag for p in e.event], [p.hoog for p in e.event], soort="punt")],
        x_eenheid=_periode_woord(e), y_eenheid=e.eenheid, markeringen=[(-0.5, "start")],
        toelichting="Links van de start: liggen de punten rond 0, dan liepen de trends gelijk op. Rechts: het effect.")


def _verloopgrafiek(e: EffectSchatting) -> Grafiek:
    starts = sorted(set(e.starts.values()))
    return Grafiek(
        "verloop", "Gemiddelde per maand" if e.vraag.tijdvak == "maand" else "Gemiddelde per halfjaar", "lijn",
        "Maand" if e.vraag.tijdvak == "maand" else "Halfjaar (eerste maand)", _label(e),
        [Reeks("behandeld", "Wijken met de verandering", e.reeks_maanden, e.reeks_behandeld),
         Reeks("vergelijking", "Vergelijkingswijken", e.reeks_maanden, e.reeks_vergelijking)],
        x_eenheid="maand", y_eenheid=e.eenheid, markeringen=[(s, "start") for s in starts])
