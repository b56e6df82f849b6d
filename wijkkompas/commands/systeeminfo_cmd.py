"""``wijkkompas systeeminfo``: Help › Systeeminformatie without a window.

For the case the window does not open at all (a missing system library, a blocked
platform plugin): IT can still run ``wijkkompas-cli systeeminfo`` and read the
versions, the bundled data with their sha256 and the folders with write rights.
"""
from __future__ import annotations

import argparse
from dataclasses import asdict

from wijkkompas.commands import print_json
from wijkkompas.core.systeeminfo import as_text, collect


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "systeeminfo", help="versies, meegeleverde gegevens (sha256), mappen en schrijfrechten, voor de ICT-afdeling",
        description="Wat de ICT-afdeling nodig heeft als Wijkkompas niet werkt. Exitcode 0: alles in orde; "
        "1: er is een probleem gevonden (gemarkeerd met [PROBLEEM]).",
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sections = collect()
    if args.json:
        print_json({"secties": [asdict(section) for section in sections]})
    else:
        print(as_text(sections), end="")
    problems = sum(regel.probleem for section in sections for regel in section.regels)
    return 1 if problems else 0
