"""``wijkkompas positie --antwoorden FILE.json [--gemeente X] [--json]``: the Positie panel, headless.

The answers file has exactly the shape the panel stores in the project
(``project.choices["positie"]``), so a position seen on screen can be reproduced
and archived from the command line.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.errors import AnswerError
from wijkkompas.core.typology import PRODUCTEN, assess

ERNST_KOP = {"aandachtspunt": "Aandachtspunt", "sterk punt": "Sterk punt", "info": "Ter informatie"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "positie",
        help="positie in de typologie (toegang, CPB-type, inkoopprofiel A–H, taakzwaarte) met bevindingen en bronnen",
    )
    parser.add_argument("--antwoorden", type=Path, required=True, metavar="BESTAND.json",
                        help="antwoorden als JSON: {toegang: {...}, inkoop: {hbh|begeleiding|dagbesteding: {...}}, ...}")
    parser.add_argument("--gemeente", metavar="NAAM_OF_CODE", default=None,
                        help="gemeente voor de taakzwaarte (bijv. Deventer of GM0150); zonder: taakzwaarte onbekend")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run_positie)


def read_answers(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise AnswerError(f"Het antwoordenbestand '{path}' kan niet worden gelezen: {exc.strerror or exc}.") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnswerError(
            f"Het antwoordenbestand '{path.name}' is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}: {exc.msg})."
        ) from exc


def run_positie(args: argparse.Namespace) -> int:
    result = assess(read_answers(args.antwoorden), args.gemeente).to_json()
    if args.json:
        print_json(result)
    else:
        print(tekst(result))
    return 0


def tekst(r: dict) -> str:
    t = r["toegang"]
    tz = r["taakzwaarte"]
    gemeente = f"{r['gemeente']['naam']} ({r['gemeente']['code']})" if r["gemeente"] else "geen gemeente gekozen"
    klasse = (f"{tz['klasse']} (index {fmt.euro(tz['index'], 2)} per inwoner)" if tz["klasse"] else "onbekend")
    lines = [
        f"Positie: {gemeente}",
        f"  Taakzwaarte: {klasse}",
        f"  Toegang, breedte taakopdracht: {t['breedte']['code']} – {t['breedte']['label']}",
        f"  Toegang, positionering: {t['positionering']['code']} – {t['positionering']['label']}",
        f"  CPB-type: {t['cpb_type']} – {t['cpb_type_label']}",
        "  Inkoopprofiel:",
    ]
    for product, item in r["inkoop"].items():
        lines.append(f"    {PRODUCTEN[product]}: {item['profiel']} ({item['omschrijving']})")
    lines.append("")
    for b in r["bevindingen"]:
        lines.append(f"[{ERNST_KOP[b['ernst']]}] {b['titel']}")
        lines.append(f"  {b['tekst']}")
        lines.append(f"  Bewijs: {b['bewijs']}")
        bronnen = [f"{r['bronnen'][i]['bron']['document']}, {r['bronnen'][i]['bron']['sectie']}" for i in b["bronnen"]]
        lines.append(f"  Bronnen: {' | '.join(bronnen)}")
        lines.append("")
    return "\n".join(lines).rstrip()
