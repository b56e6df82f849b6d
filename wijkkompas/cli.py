"""Command line: starts the GUI, renders screenshots, and runs headless subcommands.

``wijkkompas`` without arguments opens the window; ``wijkkompas SUBCOMMAND …``
runs the same core functions the panels use, so every figure a panel shows can
be reproduced (and tested) without a display. Subcommands live in
``wijkkompas/commands``. Qt is imported only for the GUI paths.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from wijkkompas import __version__
from wijkkompas.commands import COMMAND_MODULES, COMMANDS
from wijkkompas.core.errors import WijkkompasError
from wijkkompas.gui.panels import slugs

log = logging.getLogger("wijkkompas.cli")

_ARGPARSE_DUTCH = (
    ("invalid choice", "ongeldige keuze"),
    ("choose from", "kies uit"),
    ("the following arguments are required", "deze argumenten zijn verplicht"),
    ("unrecognized arguments", "onbekende argumenten"),
    ("expected one argument", "verwacht één waarde"),
    ("invalid int value", "geen geheel getal"),
    ("invalid float value", "geen getal"),
    ("not allowed with argument", "niet toegestaan samen met"),
)


class DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # argparse API
        return super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with Dutch help and error lines; subcommand parsers inherit it (parser_class)."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._optionals.title = "opties"
        self._positionals.title = "argumenten"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str):  # argparse API
        for english, dutch in _ARGPARSE_DUTCH:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {message}\n")


def _window_parser(**kwargs) -> argparse.ArgumentParser:
    """The options of the window itself (no subcommands): enough to start the GUI."""
    parser = DutchArgumentParser(
        prog="wijkkompas",
        description="Wijkkompas: offline beslisondersteuning voor de Wmo 2015. Zonder argumenten opent het programmavenster.",
        **kwargs,
    )
    parser.add_argument("--version", action="version", version=f"Wijkkompas {__version__}", help="toon de versie en stop")
    parser.add_argument("--demo", action="store_true", help="open het meegeleverde demoproject (Voorbeeldstad)")
    parser.add_argument("--project", type=Path, metavar="BESTAND.wkp", help="open dit project")
    parser.add_argument(
        "--screenshot", type=Path, metavar="PAD.png",
        help="teken het hoofdvenster onzichtbaar naar een PNG-bestand en stop",
    )
    parser.add_argument(
        "--panel", choices=slugs(), default=None, metavar="NAAM",
        help="onderdeel om te tonen: " + ", ".join(slugs()),
    )
    parser.add_argument(
        "--venster", type=_window_size, default=None, metavar="BREEDTExHOOGTE",
        help="venstergrootte voor --screenshot, bijv. 1366x768 (laptop) of 1920x1080",
    )
    return parser


def _window_size(text: str) -> tuple[int, int]:
    """'1366x768' -> (1366, 768); argparse turns the ValueError into a Dutch usage error."""
    width, sep, height = text.lower().replace("×", "x").partition("x")
    if not sep or not width.strip().isdigit() or not height.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is geen venstergrootte; schrijf bijvoorbeeld 1366x768")
    size = int(width), int(height)
    if not (640 <= size[0] <= 7680 and 480 <= size[1] <= 4320):
        raise argparse.ArgumentTypeError(f"venstergrootte {text} valt buiten 640x480 … 7680x4320")
    return size


def build_parser(modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    """Window options plus the subcommands of ``modules`` (by default all: full help, every command)."""
    parser = _window_parser()
    subparsers = parser.add_subparsers(
        dest="command", metavar="OPDRACHT", title="opdrachten", parser_class=DutchArgumentParser
    )
    for name in modules:
        importlib.import_module(f"wijkkompas.commands.{name}").register(subparsers)
    return parser


def _command_module(argv: list[str] | None) -> str | None:
    """The one command module ``argv`` needs, or None when the full parser must judge it.

    Why: registering every command imports scipy, statsmodels and the report code,
    about two seconds that ``wijkkompas import`` of a large file paid before reading
    a byte. The command is the first word the window options leave over; anything
    else (no command, a typo, help) gets the full parser with all commands.
    """
    probe = _window_parser(add_help=False, exit_on_error=False)
    try:
        _, rest = probe.parse_known_args(sys.argv[1:] if argv is None else argv)
    except argparse.ArgumentError:
        return None
    word = next((token for token in rest if not token.startswith("-")), None)
    return COMMANDS.get(word) if word is not None else None


def _use_utf8_output() -> None:
    """Windows consoles default to cp1252; our JSON and messages contain €, ë, –."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def _window_args(argv: list[str] | None) -> argparse.Namespace | None:
    """Parse a plain window start without importing any command module; None when that is not enough.

    Why: the command modules pull in pandas, statsmodels and the import pipeline
    (seconds), while opening the window needs none of them. Anything the window
    options do not fully explain (a subcommand, help, a typo, a bad value) goes to
    the full parser, which gives the complete help and the Dutch error messages.
    """
    probe = _window_parser(add_help=False, exit_on_error=False)
    try:
        args, rest = probe.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.command = None
    return args


def main(argv: list[str] | None = None) -> int:
    _use_utf8_output()
    args = _window_args(argv)
    if args is None:
        module = _command_module(argv)
        args = build_parser((module,) if module else COMMAND_MODULES).parse_args(argv)
    try:
        if args.command:
            return int(args.func(args) or 0)
        if args.screenshot:
            from wijkkompas.gui.app import take_screenshot

            return take_screenshot(args.screenshot, args.panel or "start", demo=args.demo, project_path=args.project,
                                   size=args.venster)
        from wijkkompas.gui.app import run_gui

        return run_gui(demo=args.demo, project_path=args.project, panel=args.panel)
    except WijkkompasError as exc:
        print(f"wijkkompas: {exc.melding}", file=sys.stderr)
        if exc.details:  # the technical cause (English, internal) goes to the log, never to the user
            _log_details(exc)
        return exc.exit_code
    except MemoryError:
        print("wijkkompas: er is niet genoeg werkgeheugen voor deze bewerking. Sluit andere programma's of "
              "splits het bestand, en probeer opnieuw.", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wijkkompas: afgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that stopped reading: not an error of ours.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        except OSError:
            pass
        return 0
    except Exception:  # users get a Dutch line and the log, never a traceback
        from wijkkompas.core.logsetup import configure_logging

        path = configure_logging()
        log.exception("Onverwachte fout in de opdrachtregel")
        print(f"wijkkompas: er is een onverwachte fout opgetreden. Details staan in {path}", file=sys.stderr)
        return 3


def gui_main() -> int:
    """Entry point without a console window (``wijkkompas-venster``, the frozen Wijkkompas.exe).

    Windows starts such programs with ``sys.stdout``/``sys.stderr`` set to None;
    give them a sink so a stray print or an error line cannot crash the start.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
    return main()


def _log_details(exc: WijkkompasError) -> None:
    try:
        from wijkkompas.core.logsetup import configure_logging

        configure_logging()
        log.info("%s: %s (%s)", type(exc).__name__, exc.melding, exc.details)
    except Exception:  # noqa: BLE001 - a log that cannot be written must not hide the message itself
        pass


if __name__ == "__main__":
    raise SystemExit(main())
