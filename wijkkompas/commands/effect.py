"""``wijkkompas effect`` and ``wijkkompas signalen``: the Effectmeting panel, headless.

``effect (--demo | --project X.wkp) --uitkomst NAAM --product CODE --wijken W03,W06 --start jjjj-mm
[--gewogen] [--json]`` starts from the question stored in the project (what the panel last asked) and
applies the options on top; ``--json`` prints the Resultaat, whose top level holds effect, effect_pct,
ci_laag, ci_hoog, p, methode, pretrend_p, bewijs, n_wijken, n_maanden and event_study.
``--opslaan X.wkp`` stores the question in the project and saves it, so the panel opens on it.

``signalen (--demo | --project X.wkp) [--product CODE] [--groep aanbieder|team] [--tot jjjj-mm]
[--indicator NAAM] [--json]``: the same indicators and funnel plot as the panel.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.effect import PRODUCTEN, UITKOMSTEN, EffectInvoerFout, effect_resultaat, vraag_uit_project
from wijkkompas.core.effect.signalen import GROEPEN, TRECHTER_INDICATOREN
from wijkkompas.core.effect.vraag import METHODES, bewaar_vraag


def _bron(parser: argparse.ArgumentParser) -> None:
    bron = parser.add_mutually_exclusive_group(required=True)
    bron.add_argument("--demo", dest="effect_demo", action="store_true", help="gebruik het demoproject (Voorbeeldstad)")
    bron.add_argument("--project", dest="effect_project", type=Path, metavar="BESTAND.wkp", help="gebruik dit project")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "effect", help="effectmeting: verschil-in-verschillen op eigen wijk- en maandgegevens (CPB-methode)")
    _bron(parser)
    parser.add_argument("--uitkomst", choices=list(UITKOMSTEN), default=None,
                        help="uitkomstmaat (standaard: de opgeslagen vraag, anders clienten_per_1000)")
    parser.add_argument("--product", choices=list(PRODUCTEN), default=None, help="product")
    parser.add_argument("--wijken", metavar="W03,W06,…", default=None, help="wijken met de verandering")
    parser.add_argument("--start", metavar="jjjj-mm", default=None, help="startmaand van de verandering")
    parser.add_argument("--starts", metavar="W03=2023-01,…", default=None,
                        help="startmaand per wijk bij een gespreide invoering")
    parser.add_argument("--vergelijking", metavar="W01,W02,…", default=None,
                        help="vergelijkingswijken (standaard: alle andere wijken)")
    parser.add_argument("--van", metavar="jjjj-mm", default=None, help="eerste maand van de periode")
    parser.add_argument("--tot", metavar="jjjj-mm", default=None, help="laatste maand van de periode")
    parser.add_argument("--tijdvak", choices=["maand", "halfjaar"], default=None,
                        help="per maand (standaard) of per halfjaar (unieke cliënten in het halfjaar)")
    parser.add_argument("--gewogen", action="store_true", default=None, help="weeg wijken naar inwoners")
    parser.add_argument("--methode", choices=list(METHODES), default=None,
                        help="inferentie: auto (bootstrap bij minder dan 30 wijken), bootstrap of conventioneel")
    parser.add_argument("--trekkingen", type=int, default=None, help="aantal bootstraptrekkingen (standaard 9999)")
    parser.add_argument("--seed", type=int, default=None, help="startwaarde van de bootstrap")
    parser.add_argument("--opslaan", type=Path, metavar="BESTAND.wkp", default=None,
                        help="bewaar de vraag in het project en sla het op")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run_effect)

    sig = subparsers.add_parser("signalen", help="signalen per aanbieder of team: cliënten, kosten per cliënt, "
                                                 "groei, trajectkosten, trechterdiagram")
    _bron(sig)
    sig.add_argument("--product", choices=list(PRODUCTEN), default=None, help="product (standaard begeleiding)")
    sig.add_argument("--groep", choices=list(GROEPEN), default=None, help="per aanbieder of per team")
    sig.add_argument("--tot", metavar="jjjj-mm", default=None,
                     help="laatste maand van de periode van twaalf maanden (standaard: laatste maand in de gegevens)")
    sig.add_argument("--indicator", choices=list(TRECHTER_INDICATOREN), default=None,
                     help="indicator in het trechterdiagram")
    sig.add_argument("--json", action="store_true", help="uitvoer als JSON")
    sig.set_defaults(func=run_signalen)


def _project(args: argparse.Namespace):
    from wijkkompas.commands import demo_project
    from wijkkompas.core.project import Project

    return demo_project() if args.effect_demo else Project.load(args.effect_project)


def _lijst(text: str) -> list[str]:
    return [part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip()]


def _starts(text: str) -> dict[str, str]:
    out = {}
    for part in _lijst(text):
        wijk, sep, maand = part.partition("=")
        if not sep or not maand:
            raise EffectInvoerFout(f"'{part}' niet begrepen: schrijf WIJK=jjjj-mm, bijvoorbeeld W03=2023-01.")
        out[wijk] = maand
    return out


def run_effect(args: argparse.Namespace) -> int:
    project = _project(args)
    vraag = vraag_uit_project(project)
    if args.uitkomst:
        vraag.uitkomst = args.uitkomst
    if args.product:
        vraag.product = args.product
    if args.wijken is not None:
        vraag.wijken = _lijst(args.wijken)
    if args.start is not None:
        vraag.start = args.start.strip()
    if args.starts is not None:
        vraag.starts = _starts(args.starts)
        if args.wijken is None:
            vraag.wijken = list(vraag.starts)
    if args.vergelijking is not None:
        vraag.vergelijking = _lijst(args.vergelijking)
    if args.van is not None:
        vraag.periode_van = args.van
    if args.tot is not None:
        vraag.periode_tot = args.tot
    if args.tijdvak:
        vraag.tijdvak = args.tijdvak
    if args.gewogen:
        vraag.gewogen = True
    if args.methode:
        vraag.methode = args.methode
    if args.trekkingen is not None:
        if not 99 <= args.trekkingen <= 99999:
            raise EffectInvoerFout("Het aantal trekkingen moet tussen 99 en 99.999 liggen.")
        vraag.trekkingen = args.trekkingen
    if args.seed is not None:
        vraag.seed = args.seed
    resultaat = effect_resultaat(project, vraag)
    if args.opslaan:
        bewaar_vraag(project, vraag)
        project.save(args.opslaan)
    if args.json:
        print_json(resultaat.to_json())
        return 0
    print(resultaat.titel)
    print(resultaat.ondertitel)
    print()
    for zin in resultaat.samenvatting:
        print(zin)
    for waarschuwing in resultaat.waarschuwingen:
        print(f"\nLet op: {waarschuwing}")
    print(f"\n{resultaat.tabel('event_study').titel}:")
    for punt in resultaat.gegevens["event_study"]:
        print(f"  {punt['kwartaal']:>4}  {fmt.getal(punt['schatting'], 3):>8}  "
              f"[{fmt.getal(punt['laag'], 3)} ; {fmt.getal(punt['hoog'], 3)}]")
    return 0


def run_signalen(args: argparse.Namespace) -> int:
    from wijkkompas.core.effect.signalen_resultaat import KEUZE_SLEUTEL, SignaalKeuze, signalen_resultaat

    project = _project(args)
    keuze = SignaalKeuze.from_json(project.choices.get(KEUZE_SLEUTEL))
    for naam in ("product", "groep", "tot", "indicator"):
        if getattr(args, naam):
            setattr(keuze, naam, getattr(args, naam))
    resultaat = signalen_resultaat(project, keuze)
    if args.json:
        print_json(resultaat.to_json())
        return 0
    print(resultaat.titel)
    print(resultaat.ondertitel)
    tabel = resultaat.tabel("signalen")
    for rij in tabel.zichtbaar().to_dict(orient="records"):
        print("  " + "; ".join(f"{k.label}: {k.opmaak(rij[k.naam])}" for k in tabel.kolommen))
    for b in resultaat.bevindingen:
        print(f"\n[{b.soort}] {b.titel}\n  {b.tekst}")
    return 0
