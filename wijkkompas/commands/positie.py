"""``wijkkompas positie --antwoorden FILE.json [--gemeente X] [--json]``: the Positie panel, headless.

The answers file has exactly the shape the panel stores in the project
(``project.choices["positie"]``, a ``PositieKeuze``), so a position seen on screen
can be reproduced and archived from the command line. Files with ``"versie": 1``
(written by Wijkkompas since issue 9) and older files without it both read; the
check is strict (``PositieKeuze.parse``): a typo is exit code 2, never a default.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.errors import AnswerError
from wijkkompas.core.typology import PRODUCTEN, Assessment, PositieKeuze, assess, profile_label
from wijkkompas.core.typology.resultaat import positie_resultaat

ERNST_KOP = {"aandachtspunt": "Aandachtspunt", "sterk punt": "Sterk punt", "info": "Ter informatie"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "positie",
        help="positie in de typologie (toegang, CPB-type, inkoopprofiel A–H, taakzwaarte) met bevindingen en bronnen",
    )
    parser.add_argument("--antwoorden", type=Path, required=True, metavar="BESTAND.json",
                        help="antwoorden als JSON: {toegang: {...}, inkoop: {hbh|begeleiding|dagbesteding: {...}}, ...}; "
                             "een veld 'versie' (zoals Wijkkompas het opslaat) mag erbij staan")
    parser.add_argument("--gemeente", metavar="NAAM_OF_CODE", default=None,
                        help="gemeente voor de taakzwaarte (bijv. Deventer of GM0150); zonder: taakzwaarte onbekend")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run_positie)


def read_answers(path: Path) -> dict:
    """The answers file as a dict, or an AnswerError naming the file and what to do.

    Why this careful: the file comes from a user or a script; ``/dev/zero``
    or a FIFO must not hang, and a file saved as latin-1 or UTF-16 by Notepad
    deserves a better message than a codec error.
    """
    from wijkkompas.core.userfile import read_user_json

    answers = read_user_json(path, "Het antwoordenbestand", error=AnswerError)  # at most 1 MB
    if not isinstance(answers, dict):
        raise AnswerError(f"Het antwoordenbestand '{path.name}' moet één JSON-object zijn "
                          "({\"toegang\": {...}, \"inkoop\": {...}}), geen lijst of losse waarde.")
    return answers


def run_positie(args: argparse.Namespace) -> int:
    keuze = PositieKeuze.parse(read_answers(args.antwoorden))
    assessment = assess(keuze.getoond, args.gemeente)
    if args.json:
        # The Resultaat's JSON (DESIGN.md §3): the assessment's keys at the top, findings with their rule id and
        # evidence ids, the evidence itself under "bewijs"; the same object the panel exports and the report renders.
        print_json(positie_resultaat(assessment).to_json())
    else:
        print(tekst(assessment))
    return 0


def tekst(a: Assessment) -> str:
    t = a.toegang()
    tz = a.taakzwaarte
    gemeente = f"{tz.naam} ({tz.code})" if tz.code else "geen gemeente gekozen"
    klasse = f"{tz.klasse} (index {fmt.euro(tz.index, 2)} per inwoner)" if tz.klasse else "onbekend"
    lines = [
        f"Positie: {gemeente}",
        f"  Taakzwaarte: {klasse}",
        f"  Toegang, breedte taakopdracht: {t.breedte.code} – {t.breedte.label}",
        f"  Toegang, positionering: {t.positionering.code} – {t.positionering.label}",
        f"  CPB-type: {t.cpb_type} – {t.cpb_label}",
        "  Inkoopprofiel:",
    ]
    for product, keuze in a.profielen.items():
        lines.append(f"    {PRODUCTEN[product]}: {keuze.profiel} ({profile_label(keuze.profiel)})")
    lines.append("")
    for b in a.bevindingen:
        lines.append(f"[{ERNST_KOP[b.ernst]}] {b.titel}")
        lines.append(f"  {b.tekst}")
        lines.append(f"  Bewijs: {b.bewijs}")
        lines.append(f"  Bronnen: {' | '.join(a.library.get(i).bron_kort() for i in b.bronnen)}")
        lines.append("")
    return "\n".join(lines).rstrip()
