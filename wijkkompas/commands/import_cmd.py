"""``wijkkompas import PAD``: import one export headless, exactly as the Import panel does.

Exit codes: 0 = read without row errors, 1 = read but some rows rejected (all
listed), 2 = file not readable or not recognised (Dutch message on stderr).

The pseudonymisation secret: with ``--project FILE.wkp`` the project's key
from the user's key store is used and the import is added to that project
(and saved); without it a random secret is used for this run only, so the
pseudonyms in the output cannot be linked to any other run.
"""
from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wijkkompas.commands import print_json
from wijkkompas.core import formatting
from wijkkompas.core.sections import IMPORT_SOORT_LABELS

if TYPE_CHECKING:
    from wijkkompas.core.imports import ImportResult
    from wijkkompas.core.imports.readers import Source

# The import kinds, without loading the pipeline (tests/cli/test_import_cli.py checks them against SOORTEN).
SOORTEN = tuple(IMPORT_SOORT_LABELS)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="lees een export (Excel/CSV) in: controleren, pseudonimiseren, samenvatten",
        description="Lees een export uit Zorgned, Suite4Sociaal Domein, MensCentraal, GWS4all of een eigen "
        "Excel/CSV-bestand in. Exitcode 0: alles gelezen; 1: gelezen, maar sommige rijen afgekeurd; "
        "2: bestand niet leesbaar of niet herkend.",
        add_help=False,
    )
    parser._positionals.title = "argumenten"
    parser._optionals.title = "opties"
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument("pad", type=Path, metavar="PAD", help="het Excel- of CSV-bestand")
    parser.add_argument("--soort", choices=SOORTEN, help="soort gegevens (standaard: herkend aan de kolomkoppen)")
    parser.add_argument("--blad", metavar="NAAM", help="werkblad (standaard: eerste zichtbare blad met herkenbare kolommen)")
    parser.add_argument("--mapping", type=Path, metavar="BESTAND.json",
                        help="eigen kolomkoppeling (JSON met bronsysteem, soort en kolommen)")
    parser.add_argument("--project", dest="import_project", type=Path, metavar="BESTAND.wkp",
                        help="voeg de import toe aan dit project (en bewaar het); gebruikt de sleutel van het project")
    parser.add_argument("--json", action="store_true", help="uitvoer als één JSON-object")
    parser.set_defaults(func=run)


def _secret_for(project_path: Path | None):
    if project_path is None:
        return secrets.token_bytes(32), None
    from wijkkompas.core import appdata
    from wijkkompas.core.project import KeyStore, Project

    project = Project.load(project_path)
    return KeyStore(appdata.key_dir()).secret_for(project.project_id), project


def _load_pipeline() -> None:
    """Import what the pipeline needs (pandas, validation, pseudonymisation, the monthly table)."""
    try:
        from wijkkompas.core.imports import panel, pipeline, pseudonym, resultaat, validate  # noqa: F401
    except BaseException:  # noqa: BLE001 - the main thread imports them again and reports what fails
        pass


def _open_while_loading(path: Path, blad: str | None) -> Source:
    """Open the file, then parse its first sheet while the pipeline's libraries load on a second thread.

    Why: importing pandas and the pipeline is about half a second of pure Python, and
    calamine's parse of a large sheet (seconds, one core) releases the GIL, so the two
    overlap instead of adding up. The loader starts after ``open_source``, whose xlsx
    guard scans on two threads already. Everything the main thread imports is imported
    before the loader starts, so the two threads never import the same module at once.
    """
    import threading

    import python_calamine  # noqa: F401 - see above

    from wijkkompas.core.imports import readers

    source = readers.open_source(path)  # the xlsx guard already keeps both cores busy: load after it
    loader = threading.Thread(target=_load_pipeline, name="wijkkompas-laden", daemon=True)
    loader.start()
    try:
        source.prefetch(blad)  # calamine: one core, without the GIL
    finally:
        loader.join()
    return source


def run(args: argparse.Namespace) -> int:
    secret, project = _secret_for(args.import_project)
    source = _open_while_loading(args.pad, args.blad)
    from wijkkompas.core.imports import add_import_to_project, import_file

    result = import_file(args.pad, soort=args.soort, blad=args.blad, mapping=args.mapping, secret=secret,
                         source=source)
    if project is not None:
        add_import_to_project(project, result)
        project.save(args.import_project)
    try:
        if args.json:
            # The Resultaat's JSON (DESIGN.md §3), as the Rapport's import section: see importrun_resultaat for
            # the two keys of ImportResult.to_json that moved (samenvatting, waarschuwingen).
            from wijkkompas.core.imports.resultaat import importrun_resultaat

            print_json(importrun_resultaat(result).to_json())
        else:
            print_report(result, project_path=args.import_project)
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return result.exit_code


def _messages(title: str, meldingen, limit: int = 50) -> None:
    if not meldingen:
        return
    print(f"\n{title} ({formatting.getal(len(meldingen))}):")
    for m in meldingen[:limit]:
        where = ", ".join(p for p in (f"rij {m.rij}" if m.rij else "", f"kolom '{m.kolom}'" if m.kolom else "") if p)
        waarde = f" [waarde: {m.waarde}]" if m.waarde not in (None, "") else ""
        print(f"  - {where + ': ' if where else ''}{m.melding}{waarde}")
    if len(meldingen) > limit:
        print(f"  … en nog {formatting.getal(len(meldingen) - limit)}; gebruik --json voor de volledige lijst.")


def print_report(result: ImportResult, project_path: Path | None = None) -> None:
    """Readable Dutch report of one import."""
    print(f"Bestand: {result.bestand}" + (f" (blad '{result.blad}')" if result.blad else ""))
    print(f"Soort: {result.soort}")
    print(f"Rijen gelezen: {formatting.getal(result.rijen_gelezen)}; geldig: {formatting.getal(result.rijen_geldig)}; "
          f"fouten: {formatting.getal(len(result.fouten))}; waarschuwingen: {formatting.getal(len(result.waarschuwingen))}")
    print("Kolommen:")
    for canonical, header in result.kolommen.items():
        print(f"  {canonical:<24} ← {header}")
    if result.genegeerd:
        print("Niet gebruikt: " + ", ".join(result.genegeerd))
    if result.verwijderd_persoonsgegevens:
        print("Persoonsgegevens niet ingelezen: " + ", ".join(result.verwijderd_persoonsgegevens))
    s = result.samenvatting or {}
    if s and "client_id" in result.kolommen:
        periode = s.get("periode") or [None, None]
        bedrag = s.get("bedrag")
        print(f"Cliënten: {formatting.getal(s.get('clienten') or 0)}"
              + (f"; bedrag: {formatting.euro(bedrag)}" if bedrag is not None else "")
              + (f"; periode: {_date(periode[0])} t/m {_date(periode[1])}" if periode and periode[0] else ""))
    _messages("Fouten, rij niet gebruikt", result.fouten)
    _messages("Waarschuwingen", result.waarschuwingen)
    if project_path is not None:
        print(f"\nToegevoegd aan project {project_path} (gepseudonimiseerd met de sleutel van dit project).")
    elif "client_id" in result.kolommen:
        print("\nLet op: zonder --project is een willekeurige sleutel voor deze ene run gebruikt; "
              "de pseudoniemen zijn niet te koppelen aan andere imports.")


def _date(value) -> str:
    if not value:
        return "?"
    try:
        from datetime import date

        return formatting.datum(date.fromisoformat(str(value)[:10]))
    except (ValueError, TypeError):
        return str(value)
