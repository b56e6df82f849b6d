"""``wijkkompas inkoop (--demo | --project X.wkp) [--json]``: the Inkoop panel, headless.

``--json`` prints the Resultaat; its top level holds ``jaar``, ``markt``
[{productcategorie, product, hhi, top3, aanbieders: [{aanbieder_naam,
clienten, bedrag, marktaandeel, kosten_per_client, volume_per_client}]}],
``kostprijs`` {parameters, per_product, vergelijking}, ``voorstel_positie``,
``overstap`` {product: {huidig, bron, contracten, aanbieders, hhi, top3, sterkte,
opties: [{id, naar, tekst, bronnen, sterktes}]}} (the switch cards per perceel)
and ``eigen_kerncijfers`` (the Start panel's own key figures per product).
The kostprijs parameters are the ones stored in the project.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.inkoop.kostprijs import PARAMETER, PRODUCT_LABELS
from wijkkompas.core.inkoop.resultaat import maak_resultaat


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "inkoop", help="markt per perceel (marktaandelen, HHI), kostprijscheck van de tarieven, positie uit contracten")
    bron = parser.add_mutually_exclusive_group(required=True)
    bron.add_argument("--demo", dest="inkoop_demo", action="store_true", help="gebruik het demoproject (Voorbeeldstad)")
    bron.add_argument("--project", dest="inkoop_project", type=Path, metavar="BESTAND.wkp", help="gebruik dit project")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run)


def _project(args: argparse.Namespace):
    from wijkkompas.commands import demo_project
    from wijkkompas.core.project import Project

    return demo_project() if args.inkoop_demo else Project.load(args.inkoop_project)


def run(args: argparse.Namespace) -> int:
    resultaat = maak_resultaat(_project(args))
    if args.json:
        print_json(resultaat.to_json())
    else:
        print(tekst(resultaat.to_json()))
    return 0


def tekst(r: dict) -> str:
    lines = [r["titel"], f"  {r['ondertitel']}", ""]
    for p in r["markt"]:
        lines.append(f"  {p['product']}: HHI {fmt.getal(p['hhi'])}, top 3 {fmt.procent(p['top3'], 1)}")
        for a in p["aanbieders"]:
            lines.append(f"    {str(a['aanbieder_naam'])[:30]:<30} {fmt.procent(a['marktaandeel'], 1):>7} "
                         f"{fmt.euro(a['bedrag']):>14} {a['clienten']:>6} cliënten")
        lines.append("")
    for product, k in r["kostprijs"]["per_product"].items():
        naam = PRODUCT_LABELS.get(product, product)
        if k["ontbrekend"]:
            ontbreekt = ", ".join(PARAMETER[n].label if n in PARAMETER else n for n in k["ontbrekend"])
            lines.append(f"  Kostprijs {naam}: nog in te vullen: {ontbreekt}")
        else:
            lines.append(f"  Kostprijs {naam}: {fmt.euro(k['per_productief_uur'], 2)} per productief uur")
    for product, o in (r.get("overstap") or {}).items():
        nu = f"profiel {o['huidig']} ({o['bron']})" if o["huidig"] else "profiel onbekend"
        lines.append(f"  Overstap {o['perceel']}: nu {nu}; onderzoek over {len(o['opties'])} andere profielen "
                     f"({o['sterkte']})")
    for w in r["waarschuwingen"]:
        lines.append(f"  Let op: {w}")
    return "\n".join(lines)
