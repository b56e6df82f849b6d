"""``wijkkompas verdeel (--demo | --project X.wkp) [--methode M] [--budget EUR] [--gewichten FILE.json]
[--ingroei PCT,JAREN] [--json]``: the Verdeelmodel panel, headless.

Starts from the settings stored in the project (what the panel last showed) and
applies the options on top, so a distribution seen on screen can be reproduced
and archived. ``--json`` prints the Resultaat, whose top level holds
``totaal``, ``methode``, ``wijken`` [{wijk_code, wijk_naam, budget, aandeel,
huidig, verschil, bijdragen}] and ``aannames``.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.verdeel import BOTTOMUP_PRESETS, METHODEN, VerdeelInvoerFout, laad
from wijkkompas.core.verdeel.resultaat import maak_resultaat


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verdeel", help="verdeel een budget over wijken en teams (top-down, bottom-up, vergelijking met nu)")
    bron = parser.add_mutually_exclusive_group(required=True)
    bron.add_argument("--demo", dest="verdeel_demo", action="store_true", help="gebruik het demoproject (Voorbeeldstad)")
    bron.add_argument("--project", dest="verdeel_project", type=Path, metavar="BESTAND.wkp", help="gebruik dit project")
    parser.add_argument("--methode", choices=list(METHODEN), default=None,
                        help="verdeelmethode (standaard: de opgeslagen keuze, anders gemeentefonds)")
    parser.add_argument("--bottomup", choices=list(BOTTOMUP_PRESETS), default=None,
                        help="variant voor de bottom-upberekening (standaard: formatie uit de import)")
    parser.add_argument("--budget", metavar="EUR", default=None,
                        help="te verdelen bedrag in euro (standaard: de begroting uit de budgetimport)")
    parser.add_argument("--reserve", metavar="PCT", default=None, help="vangnetreserve in procenten van het budget")
    parser.add_argument("--gewichten", type=Path, metavar="BESTAND.json", default=None,
                        help="gewichten per indicator als JSON, bijv. {\"inwoners\": 1, \"inwoners_75plus\": 8}; "
                             "optioneel met \"huidig\": {wijkcode: euro}")
    parser.add_argument("--ingroei", metavar="PCT,JAREN", default=None,
                        help="ingroeipad: hoogstens PCT procent verandering per wijk per jaar, gedurende JAREN jaar")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run)


def _bedrag(text: str, wat: str) -> float:
    cleaned = str(text).strip().replace("€", "").replace(" ", "")
    if "," in cleaned:  # Dutch style 1.234.567,89
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise VerdeelInvoerFout(f"{wat} '{text}' is geen bedrag; schrijf bijvoorbeeld 2500000 of 2.500.000,00.") from None
    if value < 0:
        raise VerdeelInvoerFout(f"{wat} mag niet negatief zijn ({text}).")
    return value


def _ingroei(text: str) -> tuple[float, int]:
    parts = [p.strip() for p in str(text).split(",")]
    try:
        if len(parts) == 3:  # "2,5,4": a Dutch decimal comma in the percentage
            parts = [parts[0] + "." + parts[1], parts[2]]
        pct, jaren = float(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        raise VerdeelInvoerFout(f"Ingroeipad '{text}' niet begrepen; schrijf PROCENT,JAREN, bijvoorbeeld 5,3.") from None
    if not 0 < pct <= 100 or not 1 <= jaren <= 20:
        raise VerdeelInvoerFout(f"Ingroeipad '{text}': het percentage moet tussen 0 en 100 liggen en het aantal jaren "
                                "tussen 1 en 20.")
    return pct, jaren


def _gewichten(path: Path) -> tuple[dict, dict]:
    from wijkkompas.core.userfile import read_user_json

    data = read_user_json(path, "Het gewichtenbestand", error=VerdeelInvoerFout)
    if not isinstance(data, dict):
        raise VerdeelInvoerFout(f"Het gewichtenbestand '{path.name}' moet een object zijn: {{indicator: gewicht}}.")
    huidig = data.get("huidig", {})
    gewichten = data.get("gewichten", {k: v for k, v in data.items() if k != "huidig"})
    if not isinstance(gewichten, dict) or not isinstance(huidig, dict):
        raise VerdeelInvoerFout(f"Het gewichtenbestand '{path.name}': 'gewichten' en 'huidig' moeten objecten zijn.")
    return gewichten, huidig


def _project(args: argparse.Namespace):
    from wijkkompas.core import appdata
    from wijkkompas.core.project import KeyStore, Project

    if args.verdeel_demo:
        from wijkkompas.core.demo import DEMO_PROJECT_ID, build_demo_project

        return build_demo_project(secret=KeyStore(appdata.key_dir()).secret_for(DEMO_PROJECT_ID))
    return Project.load(args.verdeel_project)


def run(args: argparse.Namespace) -> int:
    changes: dict = {}
    if args.methode:
        changes["methode"] = args.methode
    if args.bottomup:
        changes["bottomup_preset"] = args.bottomup
    if args.budget is not None:
        changes["bedrag"] = _bedrag(args.budget, "Het budget")
    if args.reserve is not None:
        changes["reserve_procent"] = _bedrag(args.reserve, "De reserve")
    if args.gewichten is not None:
        gewichten, huidig = _gewichten(args.gewichten)
        changes["gewichten"] = gewichten
        if huidig:
            changes["huidige_verdeling"] = huidig
        if not args.methode:
            changes["methode"] = "eigen"
    if args.ingroei is not None:
        changes["ingroei_procent"], changes["ingroei_jaren"] = _ingroei(args.ingroei)
    project = _project(args)
    inst = laad(project).met(**changes)
    resultaat = maak_resultaat(project, inst)
    if args.json:
        print_json(resultaat.to_json())
    else:
        print(tekst(resultaat.to_json()))
    return 0


def tekst(r: dict) -> str:
    lines = [r["titel"], f"  Te verdelen: {fmt.euro(r['totaal'])}", ""]
    lines.append(f"  {'Wijk':<24} {'Nieuw':>14} {'Aandeel':>8} {'Huidig':>14} {'Verschil':>14}")
    for w in r["wijken"]:
        huidig = fmt.euro(w["huidig"]) if w["huidig"] is not None else "–"
        verschil = _signed(w["verschil"]) if w["verschil"] is not None else "–"
        lines.append(f"  {w['wijk_naam'][:24]:<24} {fmt.euro(w['budget']):>14} {fmt.procent(w['aandeel'], 1):>8} "
                     f"{huidig:>14} {verschil:>14}")
    lines.append("")
    lines += [f"  {s}" for s in r["samenvatting"][1:]]
    if r["waarschuwingen"]:
        lines.append("")
        lines += [f"  Let op: {w}" for w in r["waarschuwingen"]]
    lines.append("")
    lines.append("  Aannames:")
    lines += [f"  - {a}" for a in r["aannames"]]
    return "\n".join(lines)


def _signed(value: float) -> str:
    return ("+" if value > 0 else "−" if value < 0 else "") + fmt.euro(abs(value))
