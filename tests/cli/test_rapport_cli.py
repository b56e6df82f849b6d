"""``wijkkompas rapport``: argument checks (exit 2, Dutch, no file left), a fake registered section, the demo."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from wijkkompas.cli import main
from wijkkompas.core import onderdelen as registry
from wijkkompas.core.project import Project, SourceFile
from wijkkompas.core.resultaat import Bron, Formaat, Kolom, Resultaat, Tabel, gegevensbasis_van

REPO_ROOT = Path(__file__).resolve().parents[2]


def _produce(project, progress=None):
    frame = pd.DataFrame({"wijk": ["W01", "=1+1"], "bedrag": [1234.5, 99.0]})
    return Resultaat("proef", "Proefonderdeel", tabellen=[Tabel("t", "Bedragen", frame, [
        Kolom("wijk", "Wijk"), Kolom("bedrag", "Bedrag", Formaat.EURO, "€")])],
        bronnen=[Bron("CBS", "Proefbron", 2024)], gegevensbasis=gegevensbasis_van(project))


def _produce_none(project, progress=None):
    return None


@pytest.fixture
def proef_onderdelen(monkeypatch):
    module = types.ModuleType("proef_onderdeel")
    module.produceer, module.niets = _produce, _produce_none
    monkeypatch.setitem(sys.modules, "proef_onderdeel", module)
    monkeypatch.setattr(registry, "ONDERDELEN", (
        registry.Onderdeel("proef", "Proefonderdeel", "proef_onderdeel:produceer", nodig=("wijken",)),
        registry.Onderdeel("leeg", "Leeg onderdeel", "proef_onderdeel:niets", nodig=()),
        registry.Onderdeel("budgetten", "Budgetten", "proef_onderdeel:produceer", nodig=("budget",)),
    ))


@pytest.fixture
def project_file(tmp_path) -> Path:
    project = Project(naam="Proefstad")
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W01", "W02", "W03"]}),
                      SourceFile("wijken.xlsx", "ab" * 32, "wijken", "wijken"))
    return project.save(tmp_path / "proef.wkp")


def _run(capsys, *args) -> tuple[int, str, str]:
    code = main(["rapport", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_section_exits_2_in_dutch_without_a_file(capsys, tmp_path, project_file, proef_onderdelen):
    code, _, err = _run(capsys, "--project", project_file, "--xlsx", tmp_path / "R.xlsx", "--onderdelen", "proef,xyz")
    assert code == 2 and "Onbekend onderdeel 'xyz'" in err and "proef, leeg, budgetten" in err
    assert not (tmp_path / "R.xlsx").exists()


@pytest.mark.parametrize("name", ["geen-map/R.xlsx", "R.pdf"])
def test_unwritable_or_wrong_path_exits_2(capsys, tmp_path, project_file, proef_onderdelen, name):
    code, _, err = _run(capsys, "--project", project_file, "--xlsx", tmp_path / name)
    assert code == 2 and err.startswith("wijkkompas: ") and ("bestaat niet" in err or "moet eindigen op .xlsx" in err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proef.wkp"]


def test_needs_one_project_and_one_output(capsys, tmp_path, project_file):
    code, _, err = _run(capsys, "--xlsx", tmp_path / "R.xlsx")
    assert code == 2 and "--demo of --project" in err
    code, _, err = _run(capsys, "--project", project_file)
    assert code == 2 and "--xlsx, --pdf of --docx" in err


def test_registered_sections_reach_the_report_and_skips_are_named(capsys, tmp_path, project_file,
                                                                   proef_onderdelen):
    target = tmp_path / "R.xlsx"
    code, out, err = _run(capsys, "--project", project_file, "--xlsx", target, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["onderdelen"] == ["proef"] and data["bestanden"] == [str(target)]
    assert [o["titel"] for o in data["overgeslagen"]] == ["Leeg onderdeel", "Budgetten"]
    assert "Niet opgenomen: Budgetten — Nodig: de tabel 'budget' (importeren)." in err
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Over dit rapport", "Proefonderdeel"]
    ws = wb["Proefonderdeel"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert 1234.5 in values and "'=1+1" in values
    over = [c.value for row in wb["Over dit rapport"].iter_rows() for c in row if c.value is not None]
    assert "wijken.xlsx" in over and 3 in over and "Proefstad" in over


def test_demo_report_headless_in_a_subprocess(tmp_path):
    """The CI command: all three files from the demo, with no display and no QT_QPA_PLATFORM set."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    paths = [tmp_path / "R.xlsx", tmp_path / "R.pdf", tmp_path / "R.docx"]
    result = subprocess.run(
        [sys.executable, "-m", "wijkkompas", "rapport", "--demo", "--xlsx", str(paths[0]), "--pdf", str(paths[1]),
         "--docx", str(paths[2]), "--json"],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["bestanden"] == [str(p) for p in paths]
    wb = openpyxl.load_workbook(paths[0])
    produced = [registry.onderdeel(s).titel for s in data["onderdelen"]]
    assert len(wb.sheetnames) == 1 + len(produced)
    assert data["onderdelen"] == [s for s in registry.slugs() if s in data["onderdelen"]]
    # The data basis on the first sheet is the demo project's imported files with their row counts.
    from wijkkompas.core.demo import DEMO_PROJECT_ID, build_demo_project
    from wijkkompas.core.project import KeyStore
    from wijkkompas.core import appdata

    demo = build_demo_project(secret=KeyStore(appdata.key_dir()).secret_for(DEMO_PROJECT_ID))
    ws = wb["Over dit rapport"]
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
    for source in gegevensbasis_van(demo):
        assert rows[source.bestand][2].value == source.rijen
    assert len(docx.Document(str(paths[2])).tables) >= 4
    assert paths[1].read_bytes().startswith(b"%PDF")
