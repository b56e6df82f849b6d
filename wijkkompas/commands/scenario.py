"""``wijkkompas scenario (--demo | --project X.wkp) [--hefbomen FILE.json] [--jaren 2026-2029] [--trekkingen N]
[--seed S] [--json]``: the Scenario's panel, headless.

The levers file is either one scenario's levers (``{"instroom": -0.1, ...}``,
compared with the basis) or the panel's stored form
(``{"scenarios": [{"naam": ..., "hefbomen": {...}}, ...]}``). Without it the
scenarios stored in the project are used. Same seed, same numbers.

Budgetplafonds are stated per aanbieder per product (perceel), as contracts
agree them: ``{"budgetplafonds": {"98011005": {"07": 725000}}}``; a bare amount
(``{"98011005": 725000}``) is one plafond for all that aanbieder's products
together, shared in proportion to demand. A plafond on a product the aanbieder
does not deliver is refused (exit 2), like an unknown lever.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.project import Project
from wijkkompas.core.scenario import HefboomError, Hefbomen, Scenario, ScenarioInstellingen, fit_model
from wijkkompas.core.scenario.hefbomen import MAX_SCENARIOS
from wijkkompas.core.scenario.projectie import jaren_bereik
from wijkkompas.core.scenario.resultaat import instellingen_van, maak_resultaat


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scenario", help="meerjarige prognose van aantallen × prijs per product, met hefbomen en onzekerheidsbanden")
    bron = parser.add_mutually_exclusive_group(required=True)
    bron.add_argument("--demo", dest="scenario_demo", action="store_true", help="reken op het demoproject")
    bron.add_argument("--project", dest="scenario_project", type=Path, metavar="BESTAND.wkp",
                      help="reken op dit project")
    parser.add_argument("--hefbomen", type=Path, metavar="BESTAND.json",
                        help="hefbomen als JSON, bijv. {\"tariefindexatie\": 0.03, \"instroom\": -0.05}")
    parser.add_argument("--jaren", metavar="2026-2029", help="kalenderjaren (hooguit 5), standaard vijf jaar vooruit")
    parser.add_argument("--trekkingen", type=int, default=None, metavar="N", help="aantal trekkingen (standaard 1000)")
    parser.add_argument("--seed", type=int, default=None, metavar="S", help="startwaarde van het toeval")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run_scenario)


def _project(args: argparse.Namespace) -> Project:
    if args.scenario_demo:
        from wijkkompas.commands import demo_project

        return demo_project()  # the user's demo key: a one-run key would rebuild the demo every time
    return Project.load(args.scenario_project)


def _read_levers(path: Path) -> object:
    from wijkkompas.core.userfile import read_user_json

    return read_user_json(path, "Het hefbomenbestand", error=HefboomError)


def _scenarios(data: object, producten: list[str], aanbieders: list[str],
               teams: list[str], aanbod: dict[str, list[str]] | None = None) -> tuple[Scenario, ...]:
    check = {"producten": producten, "aanbieders": aanbieders, "teams": teams, "aanbod": aanbod}
    if isinstance(data, dict) and "scenarios" in data:
        items = data["scenarios"]
        if not isinstance(items, list) or not items:
            raise HefboomError("'scenarios' moet een lijst van scenario's zijn.")
        if len(items) > MAX_SCENARIOS:
            raise HefboomError(f"Hooguit {MAX_SCENARIOS} scenario's tegelijk; het bestand heeft er {len(items)}.")
        return tuple(Scenario.from_json(item, **check) for item in items)
    return Scenario("Basis"), Scenario("Scenario", Hefbomen.from_json(data, **check))


def _years(text: str | None, model, aantal: int) -> list[int]:
    if not text:
        return jaren_bereik(model, aantal=aantal)
    match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4}))?\s*", text)
    if not match:
        raise HefboomError(f"--jaren '{text}' is geen jaar of jarenreeks; schrijf bijvoorbeeld 2026-2029.")
    first = int(match.group(1))
    return jaren_bereik(model, first, int(match.group(2) or first))


def run_scenario(args: argparse.Namespace) -> int:
    if args.trekkingen is not None and not 1 <= args.trekkingen <= 20_000:
        raise HefboomError(f"--trekkingen {args.trekkingen} is onmogelijk; kies 1 tot 20.000.")
    levers = _read_levers(args.hefbomen) if args.hefbomen is not None else None  # a bad file fails before the fit
    project = _project(args)
    model = fit_model(project)
    stored = instellingen_van(project)
    scenarios = stored.scenarios
    actief = stored.actief
    if levers is not None:
        b = model.basislijn
        scenarios = _scenarios(levers, b.producten, b.aanbieders, b.teams, b.aanbod)
        actief = len(scenarios) - 1
    instellingen = ScenarioInstellingen(
        scenarios, actief, stored.jaren, args.trekkingen or stored.trekkingen,
        stored.seed if args.seed is None else args.seed)
    resultaat = maak_resultaat(project, model, instellingen, _years(args.jaren, model, stored.jaren))
    if args.json:
        print_json(resultaat.to_json())
        return 0
    print(_tekst(resultaat))
    return 0


def _tekst(resultaat) -> str:
    g = resultaat.gegevens
    lines = [resultaat.titel, f"Scenario: {g['scenario']} ({resultaat.ondertitel})", ""]
    header = f"  {'':<28}" + "".join(f"{y:>26}" for y in g["jaren"])
    lines.append("Kosten per jaar: P50 (de middelste uitkomst), daaronder P10 – P90:")
    lines.append(header)
    for code, item in list(g["producten"].items()) + [("totaal", {"label": "Totaal", **g["totaal"]})]:
        mid, band = [], []
        for y in g["jaren"]:
            v = item["jaren"][str(y)]
            known = v["p50"] is not None
            mid.append(f"{fmt.euro_kort(v['p50']) if known else 'onbekend':>26}")
            band.append(f"{fmt.euro_kort(v['p10']) + ' – ' + fmt.euro_kort(v['p90']) if known else '':>26}")
        lines.append(f"  {item['label']:<28}" + "".join(mid))
        lines.append(f"  {'':<28}" + "".join(band))
    lines += ["", "Toets op het verleden (fout per maand, laatste 12 maanden):"]
    for code, bt in g["backtest"].items():
        cost = "" if bt["mape_kosten"] is None else f", kosten {fmt.procent(bt['mape_kosten'], 1)}"
        lines.append(f"  {g['producten'][code]['label']:<28} cliënten {fmt.procent(bt['mape_clienten'], 1)}{cost}")
    if g.get("vergelijking"):
        lines += ["", "Verschil met de basis (P50):"]
        for item in g["vergelijking"][1:]:
            lines.append(f"  {item['scenario']:<28}" + "".join(
                f"{fmt.euro_kort(item['jaren'][str(y)]['verschil_p50']):>22}" for y in g["jaren"]))
    for w in resultaat.waarschuwingen:
        lines.append(f"Let op: {w}")
    return "\n".join(lines)
