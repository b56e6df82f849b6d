"""``wijkkompas project PAD.wkp``: what the Start panel shows, headless."""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting
from wijkkompas.core.overview import project_overview
from wijkkompas.core.project import Project


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("project", help="toon het overzicht van een projectbestand (.wkp)")
    parser.add_argument("pad", type=Path, metavar="PAD.wkp")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    overview = project_overview(Project.load(args.pad))
    if args.json:
        print_json(overview)
        return 0
    print(f"Project: {overview['naam']}")
    gemeente = overview["gemeente"]
    print(f"Gemeente: {gemeente['naam']} ({gemeente['code']})" if gemeente else "Gemeente: nog niet gekozen")
    for table in overview["tabellen"]:
        print(f"  {table['tabel']}: {formatting.getal(table['rijen'])} rijen uit {table['bestand'] or 'onbekende bron'}")
    for step in overview["stappen"]:
        print(f"  [{'x' if step['gedaan'] else ' '}] {step['titel']}")
    return 0
