"""The CLI front end end-to-end: version, screenshot, project overview, errors."""
from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from wijkkompas import __version__
from wijkkompas.cli import build_parser, main
from wijkkompas.gui.panels import slugs

REPO = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "wijkkompas", *args], capture_output=True, text=True, timeout=300,
        cwd=cwd or REPO, env=env, encoding="utf-8",
    )


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_version_subprocess():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Wijkkompas {__version__}"


def test_panel_slugs_are_stable():
    assert slugs() == ["start", "gemeente", "import", "positie", "inkoop", "verdeelmodel", "scenarios", "sturing", "effect", "rapport"]
    parser = build_parser()
    assert parser.parse_args(["--panel", "effect"]).panel == "effect"


def test_screenshot_writes_a_real_png_of_the_main_window(tmp_path: Path):
    target = tmp_path / "start.png"
    result = run_cli("--demo", "--screenshot", str(target), "--panel", "start")
    assert result.returncode == 0, result.stderr
    assert png_size(target) == (1400, 880)
    assert target.stat().st_size > 20_000, "an empty grey window compresses to almost nothing"


def test_screenshot_of_a_panel_not_built_yet(tmp_path: Path):
    target = tmp_path / "rapport.png"
    assert main(["--screenshot", str(target), "--panel", "rapport"]) == 0
    assert png_size(target) == (1400, 880)


def test_unknown_panel_is_refused_by_the_parser(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--screenshot", "x.png", "--panel", "bestaat-niet"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "fout: argument --panel: ongeldige keuze: 'bestaat-niet'" in err
    assert "kies uit 'start'" in err


def test_project_overview_json(capsys):
    fixture = REPO / "tests" / "data" / "project_v1.wkp"
    assert main(["project", str(fixture), "--json"]) == 0
    overview = json.loads(capsys.readouterr().out)
    assert overview["gemeente"]["code"] == "GM0150"
    assert overview["tabellen"][0]["tabel"] == "toewijzingen"
    assert overview["tabellen"][0]["rijen"] == 2
    assert [s["gedaan"] for s in overview["stappen"]] == [True, True, True]
    # schil = aanbieders outside the team: CPB type B (wijkteam zonder zorgaanbieders)
    assert overview["positie"]["cpb_type"] == "B"
    assert overview["positie"]["inkoopprofiel"] == {}


def test_overview_reports_invalid_stored_answers_instead_of_failing(tmp_path: Path, capsys):
    from wijkkompas.core.project import Project

    project = Project(naam="Half ingevuld")
    project.set_choice("positie", {"toegang": {"breedte": 9}})
    path = project.save(tmp_path / "half.wkp")
    assert main(["project", str(path), "--json"]) == 0
    fout = json.loads(capsys.readouterr().out)["positie"]["fout"]
    assert "breedte" in fout


def test_broken_project_gives_dutch_message_and_exit_2(tmp_path: Path, capsys):
    broken = tmp_path / "kapot.wkp"
    broken.write_text("geen zip", encoding="utf-8")
    assert main(["project", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "geen geldig Wijkkompas-project" in err and "Traceback" not in err


def test_screenshot_with_broken_project_exits_2_without_traceback(tmp_path: Path):
    broken = tmp_path / "kapot.wkp"
    broken.write_text("geen zip", encoding="utf-8")
    result = run_cli("--project", str(broken), "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 2
    assert "geen geldig Wijkkompas-project" in result.stderr
    assert "Traceback" not in result.stderr


def test_closed_output_pipe_is_not_an_error(monkeypatch, capsys):
    """`wijkkompas project x.wkp --json | head -1`: a reader that stops early is not our error."""

    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    fixture = REPO / "tests" / "data" / "project_v1.wkp"
    assert main(["project", str(fixture), "--json"]) == 0
    err = capsys.readouterr().err
    assert "onverwachte fout" not in err and "Traceback" not in err


def test_subcommand_help_is_dutch(capsys):
    with pytest.raises(SystemExit):
        main(["project", "--help"])
    out = capsys.readouterr().out
    assert "toon deze hulp en stop" in out and "show this help" not in out


def test_venster_sets_the_screenshot_window_size(tmp_path: Path):
    from PySide6.QtGui import QImage

    target = tmp_path / "klein.png"
    assert main(["--screenshot", str(target), "--panel", "start", "--venster", "1280x720"]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 720)


def test_venster_rejects_a_malformed_size_in_dutch(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--screenshot", "x.png", "--venster", "groot"])
    assert info.value.code == 2
    assert "geen venstergrootte" in capsys.readouterr().err


def test_command_table_matches_what_the_modules_register():
    """COMMANDS (the lazy loading table) names every subcommand, each with the module that registers it."""
    from wijkkompas.commands import COMMAND_MODULES, COMMANDS

    registered = {}
    for module in COMMAND_MODULES:
        parser = build_parser((module,))
        sub = next(a for a in parser._actions if a.dest == "command")
        registered.update({name: module for name in sub.choices})
    assert registered == COMMANDS


@pytest.mark.parametrize("argv, module", [
    (["import", "x.xlsx", "--soort", "declaraties"], "import_cmd"),
    (["--demo", "rapport", "--formaat", "pdf"], "rapport"),
    (["--venster", "1366x768", "referentie"], "gemeente"),
    (["volumeregime", "--demo", "--regime", "A"], "sturing"),
    (["--demo"], None),  # the window: no command at all
    (["--project", "import", "--panel", "start"], None),  # 'import' is the project file's name here
    (["importeer", "x.xlsx"], None),  # a typo: the full parser names the valid commands
    (["--venster", "groot", "import"], None),  # a bad window option: the full parser's Dutch error
])
def test_only_the_command_being_run_is_imported(argv, module):
    from wijkkompas.cli import _command_module

    assert _command_module(argv) == module


def test_lazy_and_full_parser_read_a_command_alike():
    argv = ["import", "x.csv", "--soort", "wijken", "--json"]
    lazy = vars(build_parser(("import_cmd",)).parse_args(argv))
    full = vars(build_parser().parse_args(argv))
    assert lazy == full


def test_a_command_does_not_import_the_other_commands():
    code = ("import sys; from wijkkompas.cli import main; main(['import', '/niet/bestaand.csv', '--soort', 'wijken']); "
            "print(sorted(m for m in sys.modules if m.startswith('wijkkompas.commands.')), 'scipy.stats' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), encoding="utf-8")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "['wijkkompas.commands.import_cmd'] False"
