"""``wijkkompas rapport (--demo | --project X.wkp) [--xlsx R.xlsx] [--pdf R.pdf] [--docx R.docx] [--onderdelen …]``.

The Rapport panel, headless: the same registered sections, produced from the
project with the settings stored in it, rendered by ``wijkkompas.report``.
Every target is checked before any computing starts, so a typo in a folder
name costs no waiting; each file is written to a temp file and then replaced.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import onderdelen as registry
from wijkkompas.report.bestand import SOORTEN, RapportError, controleer_doel


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rapport", help="schrijf een rapport (Excel, PDF en/of Word) met alle of gekozen onderdelen van een project")
    # SUPPRESS: `wijkkompas --demo rapport …` (top-level option) keeps working too.
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help="gebruik het meegeleverde demoproject (Voorbeeldstad)")
    parser.add_argument("--project", type=Path, metavar="BESTAND.wkp", default=argparse.SUPPRESS,
                        help="gebruik dit projectbestand")
    parser.add_argument("--xlsx", type=Path, metavar="RAPPORT.xlsx", help="schrijf het Excel-bestand")
    parser.add_argument("--pdf", type=Path, metavar="RAPPORT.pdf", help="schrijf het PDF-bestand (A4)")
    parser.add_argument("--docx", type=Path, metavar="RAPPORT.docx", help="schrijf het Word-bestand")
    parser.add_argument("--onderdelen", metavar="A,B,…", default=None,
                        help="alleen deze onderdelen, in deze volgorde (standaard: alle); bekend: "
                             + (", ".join(registry.slugs()) or "nog geen"))
    parser.add_argument("--json", action="store_true", help="meld het resultaat als JSON")
    parser.set_defaults(func=run)


def gekozen_onderdelen(text: str | None) -> list[str]:
    """Parse ``--onderdelen``: only registered slugs, each once; unknown ones are an error naming the known."""
    known = registry.slugs()
    if text is None:
        return known
    chosen = []
    for part in text.split(","):
        slug = part.strip().lower()
        if not slug:
            continue
        if slug not in known:
            raise RapportError(f"Onbekend onderdeel '{part.strip()}'. Kies uit: {', '.join(known) or 'nog geen'}.")
        if slug not in chosen:
            chosen.append(slug)
    if not chosen:
        raise RapportError("Geef bij --onderdelen ten minste één onderdeel op, bijvoorbeeld "
                           f"--onderdelen {known[0] if known else 'gemeente'}.")
    return chosen


def _project(args: argparse.Namespace):
    demo, path = getattr(args, "demo", False), getattr(args, "project", None)
    if bool(demo) == (path is not None):
        raise RapportError("Kies één project: --demo of --project BESTAND.wkp.")
    if demo:
        from wijkkompas.commands import demo_project

        return demo_project()
    from wijkkompas.core.project import Project

    return Project.load(path)


def run(args: argparse.Namespace) -> int:
    targets = {suffix: getattr(args, suffix[1:]) for suffix in SOORTEN if getattr(args, suffix[1:]) is not None}
    if not targets:
        raise RapportError("Geef ten minste één uitvoerbestand op: --xlsx, --pdf of --docx.")
    slugs = gekozen_onderdelen(args.onderdelen)
    checked = {suffix: controleer_doel(path, suffix) for suffix, path in targets.items()}
    project = _project(args)

    from wijkkompas.report import SCHRIJVERS, maak_rapport

    rapport = maak_rapport(project, slugs)
    written = [str(SCHRIJVERS[suffix](rapport, path)) for suffix, path in checked.items()]
    out = sys.stderr if args.json else sys.stdout
    for item in rapport.overgeslagen:
        print(f"Niet opgenomen: {item.titel} — {item.reden}", file=sys.stderr)
    if args.json:
        print_json({"bestanden": written, "onderdelen": [r.onderdeel for r in rapport.resultaten],
                    "overgeslagen": [{"titel": o.titel, "reden": o.reden} for o in rapport.overgeslagen]})
    else:
        for path in written:
            print(f"Rapport geschreven: {path}", file=out)
    return 0
