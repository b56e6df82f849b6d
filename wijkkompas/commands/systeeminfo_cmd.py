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


def qt_core_facts() -> dict[str, str | tuple[str, bool]]:
    """Qt facts that need no window (QtCore only): versions, plugin folder, the Dutch translation.

    Shared with the Systeeminformatie dialog. Whether ``qtbase_nl`` loads is the check that
    Qt's own buttons and file dialogs will be Dutch, also in a frozen build.
    """
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator, qVersion

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    found = translator.load(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands), "qtbase", "_", folder)
    return {
        "Qt": qVersion(),
        "Qt for Python (PySide6)": pyside_version,
        "Qt-plugins": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "Qt-vertaling (qtbase_nl)": (f"gevonden in {folder}", False) if found else (f"niet gevonden in {folder}", True),
    }


def run(args: argparse.Namespace) -> int:
    try:
        qt = qt_core_facts()
    except ImportError as exc:  # a broken Qt install is exactly what IT wants to read here
        qt = {"Qt": f"niet te laden: {exc}"}
    sections = collect(qt=qt)
    if args.json:
        print_json({"secties": [asdict(section) for section in sections]})
    else:
        print(as_text(sections), end="")
    problems = sum(regel.probleem for section in sections for regel in section.regels)
    return 1 if problems else 0
