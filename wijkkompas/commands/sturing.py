"""``wijkkompas uitputting`` and ``wijkkompas volumeregime``: the Sturing panel, headless.

``uitputting (--demo | --project X.wkp) [--jaar J] [--peildatum dd-mm-jjjj] [--beleid B] [--json]`` prints one
line per aanbieder × product with a plafond (gerealiseerd, onderweg, P10/P50/P90, kans, datum) and the taakvelden
against the begroting; ``volumeregime … --regime A..E [--json]`` simulates a regime on each team's demand.
Settings not given on the command line come from the project (``choices["sturing"]``), else the defaults.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.project import Project
from wijkkompas.core.sturing import BELEID, SturingError, bereken_monitor, bereken_regime, instellingen_van
from wijkkompas.core.sturing.instellingen import lees_datum


def _bron(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--demo", dest="sturing_demo", action="store_true", help="reken op het demoproject")
    group.add_argument("--project", dest="sturing_project", type=Path, metavar="BESTAND.wkp",
                       help="reken op dit project")
    parser.add_argument("--trekkingen", type=int, default=None, metavar="N", help="aantal trekkingen (standaard 1000)")
    parser.add_argument("--seed", type=int, default=None, metavar="S", help="startwaarde van het toeval (standaard 1)")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("uitputting", help="budgetuitputting per aanbieder en product tegen het plafond, "
                                                 "en per taakveld tegen de begroting")
    _bron(p)
    p.add_argument("--jaar", type=int, default=None, metavar="J", help="kalenderjaar (standaard dat van de peildatum)")
    p.add_argument("--peildatum", default=None, metavar="dd-mm-jjjj",
                   help="tot en met deze datum gedeclareerd (standaard de laatste gedeclareerde maand)")
    p.add_argument("--beleid", default=None, choices=list(BELEID), help="wat er na het plafond gebeurt")
    p.set_defaults(func=run_uitputting)
    r = subparsers.add_parser("volumeregime", help="volumeregime A–E per team gesimuleerd op de vraag van de teams")
    _bron(r)
    r.add_argument("--regime", required=True, metavar="A..E", help="het regime: A, B, C, D of E")
    r.set_defaults(func=run_volumeregime)


def _project(args: argparse.Namespace) -> Project:
    if args.sturing_demo:
        from wijkkompas.commands import demo_project

        return demo_project()  # the user's demo key: a one-run key would rebuild the demo every time
    return Project.load(args.sturing_project)


def _instellingen(project: Project, args: argparse.Namespace, **extra):
    inst = instellingen_van(project)
    changes = {k: v for k, v in extra.items() if v is not None}
    if args.trekkingen is not None:
        changes["trekkingen"] = args.trekkingen
    if args.seed is not None:
        changes["seed"] = args.seed
    return inst.met(**changes)


def run_uitputting(args: argparse.Namespace) -> int:
    from wijkkompas.core.sturing.resultaat import uitputting_resultaat

    if args.peildatum is not None:
        lees_datum(args.peildatum)          # reject bad dates before the (slow) project load
    if args.jaar is not None and not 2000 <= args.jaar <= 2100:
        raise SturingError(f"Het jaar {args.jaar} valt buiten 2000–2100.")
    project = _project(args)
    inst = _instellingen(project, args, jaar=args.jaar, peildatum=args.peildatum, beleid_na_plafond=args.beleid)
    monitor = bereken_monitor(project.tables, inst)
    resultaat = uitputting_resultaat(monitor, project.tables, project)
    if _print_json_or_summary(resultaat, args.json):
        return 0
    for row in resultaat.gegevens["lijnen"]:
        print(f"- {row['aanbieder_naam']} ({row['product']}): plafond {fmt.euro(row['plafond'])}, gerealiseerd "
              f"{fmt.euro(row['gerealiseerd'])}, onderweg {fmt.euro(row['onderweg'])}, prognose "
              f"{fmt.euro(row['prognose_p50'])} ({fmt.euro(row['prognose_p10'])} – {fmt.euro(row['prognose_p90'])}), "
              f"kans {fmt.procent(row['kans_overschrijding'])}, {row['stoplicht']}")
    return 0


def run_volumeregime(args: argparse.Namespace) -> int:
    from wijkkompas.core.sturing.resultaat import regime_resultaat

    regime = str(args.regime).strip().upper()
    if regime not in ("A", "B", "C", "D", "E"):
        raise SturingError(f"Onbekend volumeregime '{args.regime}'; kies A, B, C, D of E.")
    project = _project(args)
    inst = _instellingen(project, args, regime=regime)
    resultaat = regime_resultaat(bereken_regime(project.tables, inst, regime), inst, project)
    _print_json_or_summary(resultaat, args.json)
    return 0


def _print_json_or_summary(resultaat, as_json: bool) -> bool:
    """The Resultaat's JSON, or its title and summary sentences; True when JSON was printed."""
    if as_json:
        print_json(resultaat.to_json())
        return True
    print(resultaat.titel + " — " + resultaat.ondertitel)
    for line in resultaat.samenvatting:
        print(line)
    return False
