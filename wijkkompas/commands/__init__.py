"""CLI subcommands. Each module listed here defines ``register(subparsers)``,
which adds its subparser and sets ``func=handler`` via ``set_defaults``; the
handler takes the parsed ``argparse.Namespace`` and returns the exit code.

Handlers must call the same core functions the GUI panels use and print Dutch
messages; a ``WijkkompasError`` escaping a handler is printed by cli.main with
its ``exit_code`` (no traceback).
"""
from __future__ import annotations

import json
from typing import Any

# Order = order in `wijkkompas --help`. Add a module name when you add a command.
COMMAND_MODULES: tuple[str, ...] = (
    "import_cmd",
    "project_cmd",
    "gemeente",
    "positie",
    "scenario",
    "verdeel",
    "effect",
    "sturing",
    "inkoop",
    "rapport",
    "systeeminfo_cmd",
)

# Subcommand name -> the module that registers it. Why: the CLI imports only the module of the command
# being run (the others pull in scipy, statsmodels and the report code: two seconds before any work);
# tests/cli/test_cli_basic.py checks this table against what the modules register.
COMMANDS: dict[str, str] = {
    "import": "import_cmd",
    "project": "project_cmd",
    "gemeente": "gemeente",
    "referentie": "gemeente",
    "positie": "positie",
    "scenario": "scenario",
    "verdeel": "verdeel",
    "effect": "effect",
    "signalen": "effect",
    "uitputting": "sturing",
    "volumeregime": "sturing",
    "inkoop": "inkoop",
    "rapport": "rapport",
    "systeeminfo": "systeeminfo_cmd",
}


def print_json(data: Any) -> None:
    """One JSON style for every command: readable indentation, €/ë/– unescaped, dates as text."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def demo_project():
    """The cached demo project with the user's demo key (one key, so every command hits the same cache)."""
    from wijkkompas.core import appdata
    from wijkkompas.core.demo import DEMO_PROJECT_ID, build_demo_project
    from wijkkompas.core.project import KeyStore

    return build_demo_project(secret=KeyStore(appdata.key_dir()).secret_for(DEMO_PROJECT_ID))
