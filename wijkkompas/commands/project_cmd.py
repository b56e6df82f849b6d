"""``wijkkompas project PAD.wkp``: what the Start panel shows, headless; ``project nieuw PAD.wkp``: an empty project.

Why ``nieuw``: a user's own data must be analysable without the window. The
chain is ``project nieuw mijn.wkp --gemeente Deventer``, then ``import
BESTAND --project mijn.wkp`` per export (each import adds its table with the
project's own pseudonymisation key), then the model commands with
``--project mijn.wkp``.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting
from wijkkompas.core.errors import ProjectError
from wijkkompas.core.overview import project_overview
from wijkkompas.core.project import PROJECT_SUFFIX, Project

NIEUW = "nieuw"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "project", help="toon het overzicht van een projectbestand (.wkp), of maak een nieuw leeg project",
        description="'wijkkompas project PAD.wkp' toont het overzicht van een project; "
        "'wijkkompas project nieuw PAD.wkp [--gemeente NAAM_OF_CODE]' maakt een nieuw, leeg project waaraan u "
        "met 'wijkkompas import BESTAND --project PAD.wkp' gegevens toevoegt.",
        usage="wijkkompas project [nieuw] PAD.wkp [--gemeente NAAM_OF_CODE] [--naam NAAM] [--json]",
        add_help=False,
    )
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument("argumenten", nargs="+", metavar="PAD.wkp", help="het projectbestand (na 'nieuw': het nieuwe)")
    parser.add_argument("--gemeente", metavar="NAAM_OF_CODE",
                        help="bij 'nieuw': de gemeente van het project, bijv. Deventer of GM0150")
    parser.add_argument("--naam", help="bij 'nieuw': naam van het project (standaard de bestandsnaam)")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    parts = list(args.argumenten)
    if parts[0] == NIEUW and len(parts) == 2:
        return run_nieuw(Path(parts[1]), args)
    if len(parts) != 1:
        raise ProjectError(
            "Gebruik 'wijkkompas project PAD.wkp' voor het overzicht of "
            "'wijkkompas project nieuw PAD.wkp' voor een nieuw project.")
    if args.gemeente or args.naam:
        raise ProjectError("--gemeente en --naam horen bij 'wijkkompas project nieuw PAD.wkp'.")
    return show(Path(parts[0]), args.json)


def create_project(path: Path, gemeente: str | None = None, naam: str | None = None) -> Project:
    """A new, empty project saved at ``path`` (``.wkp`` added); refuses to overwrite an existing file."""
    from wijkkompas.core.reference import find_gemeente

    target = path if path.suffix.lower() == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)
    if target.exists():
        raise ProjectError(f"'{target}' bestaat al; kies een andere naam (een bestaand project wordt niet "
                           "overschreven).")
    code = find_gemeente(gemeente).code if gemeente else None  # unknown: UnknownGemeenteError with suggestions
    project = Project(naam=naam or target.stem)
    project.gemeente_code = code
    project.save(target)
    return project


def run_nieuw(path: Path, args: argparse.Namespace) -> int:
    project = create_project(path, args.gemeente, args.naam)
    if args.json:
        print_json(project_overview(project) | {"pad": str(project.path)})
        return 0
    gemeente = project_overview(project)["gemeente"]
    print(f"Nieuw project aangemaakt: {project.path}")
    print(f"Gemeente: {gemeente['naam']} ({gemeente['code']})" if gemeente else
          "Gemeente: nog niet gekozen (kies er een met --gemeente, of later in het venster)")
    print(f"Voeg gegevens toe met: wijkkompas import BESTAND --project {project.path}")
    return 0


def show(path: Path, as_json: bool) -> int:
    overview = project_overview(Project.load(path))
    if as_json:
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
