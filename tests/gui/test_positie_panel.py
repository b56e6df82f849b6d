"""The Positie panel driven as a user would; its result must equal what the CLI computes."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from fakes import FakeContext
from wijkkompas import resources
from wijkkompas.cli import main as cli_main
from wijkkompas.core.project import Project
from wijkkompas.core.typology import assess, load_library
from wijkkompas.gui.app import create_application, create_main_window
from wijkkompas.gui.panels.positie import PositiePanel, create_panel

DEMO_ANSWERS = json.loads(resources.path("demo", "positie_antwoorden.json").read_text(encoding="utf-8"))


def make_panel(qtbot, project: Project) -> PositiePanel:
    create_application()
    context = FakeContext(project)
    panel = create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(1180, 840)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def demo_project() -> Project:
    project = Project(naam="Voorbeeldstad (demo)", gemeente_code="GM0150")
    project.choices["positie"] = json.loads(json.dumps(DEMO_ANSWERS))
    return project


def choose(qtbot, combo: QComboBox, data) -> None:
    """Select an option with the keyboard, as a user does on a focused combo box."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0, data
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(20):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def test_demo_project_shows_the_complete_position(qtbot):
    panel = make_panel(qtbot, demo_project())
    assert panel.grid.breedte == 3 and panel.grid.positionering == 2
    assert panel.taakzwaarte_value.text() in ("zeer licht", "licht", "gemiddeld", "zwaar", "zeer zwaar")
    assert "Deventer" in panel.taakzwaarte_detail.text()
    assert "CPB-type C" in panel.cpb_label.text()
    assert panel.profiel_value.text() == "HbH B · Begeleiding E · Dagbesteding C"
    # the table marks the chosen profile per product and shows the national range from the text
    marks = {(panel.table.item(r, 0).text(), c) for r in range(panel.table.rowCount())
             for c in (5, 6, 7) if panel.table.item(r, c).text() == "●"}
    assert marks == {("B", 5), ("E", 6), ("C", 7)}
    row_a = [panel.table.item(0, c).text() for c in range(5)]
    assert row_a[0] == "A" and "55–60%" in row_a[4]
    # findings as cards, identical to the CLI's findings for the same answers and gemeente
    expected = assess(DEMO_ANSWERS, "GM0150").bevindingen
    cards = panel.finding_cards()
    assert [c.finding_id for c in cards] == [b.id for b in expected]
    for card, finding in zip(cards, expected):
        assert card.text.text() == finding.tekst
        assert "Bewijs:" in card.evidence.text()
        assert card.sources.text().startswith("Bronnen: ")
        assert "regels" in card.sources.toolTip()
    assert panel.project.dirty is False  # showing must not modify the project


def test_user_edits_are_stored_in_the_cli_shape_and_reproduced_by_the_cli(qtbot, tmp_path, capsys):
    project = Project(gemeente_code="GM0150")
    panel = make_panel(qtbot, project)
    assert "Nog niet ingevuld" in panel.status.text()
    form = panel.form
    choose(qtbot, form.breedte, 1)
    choose(qtbot, form.positionering, 3)
    qtbot.mouseClick(form.wijkteam, Qt.MouseButton.LeftButton)
    choose(qtbot, form.aanbieders, "indiceren")
    bekostiging, contract, toetreding = form.products["begeleiding"]
    choose(qtbot, bekostiging, "taakgericht")
    choose(qtbot, contract, "vast budget")
    form.regio.setFocus()
    for _ in range(12):  # arrow-up from "onbekend" (0) to 12 gemeenten
        qtbot.keyClick(form.regio, Qt.Key.Key_Up)
    stored = project.choices["positie"]
    assert stored == {  # the versioned PositieKeuze: the CLI's input shape plus "versie"
        "versie": 1,
        "toegang": {"breedte": 1, "positionering": 3, "wijkteam": True, "aanbieders_in_team": "indiceren"},
        "inkoop": {"begeleiding": {"bekostigingsvorm": "taakgericht", "contractvorm": "vast budget",
                                   "tussentijdse_toetreding": False}},
        "organisatiemodel": None,
        "regionale_inkoop_gemeenten": 12,
    }
    assert project.dirty
    ids = [c.finding_id for c in panel.finding_cards()]
    for expected in ("taakgericht-smalle-toegang", "aanbieders-in-wijkteam", "regionale-inkoop-10-plus",
                     "begrensde-omzet-begeleiding"):
        assert expected in ids
    assert panel.grid.breedte == 1 and panel.grid.positionering == 3
    answers_file = tmp_path / "antwoorden.json"
    answers_file.write_text(json.dumps(stored), encoding="utf-8")
    assert cli_main(["positie", "--antwoorden", str(answers_file), "--gemeente", "GM0150", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    # the CLI prints the Resultaat of the same Assessment the panel shows and exports: all of it equal
    assert cli == json.loads(json.dumps(panel.resultaat().to_json()))
    assert [b["id"] for b in cli["bevindingen"]] == ids
    assert all(b["bewijs_ids"] and set(b["bewijs_ids"]) <= set(cli["bewijs"]) for b in cli["bevindingen"])
    assert cli["inkoopprofiel"] == {"begeleiding": "H"} == {p: k.profiel for p, k in panel.result.profielen.items()}


def test_without_wijkteam_providers_in_the_team_cannot_be_chosen(qtbot):
    panel = make_panel(qtbot, demo_project())
    form = panel.form
    assert form.wijkteam.isChecked() and form.aanbieders.currentData() == "advies"
    qtbot.mouseClick(form.wijkteam, Qt.MouseButton.LeftButton)
    assert form.aanbieders.currentData() == "geen"
    model = form.aanbieders.model()
    enabled = {form.aanbieders.itemData(i): model.item(i).isEnabled() for i in range(form.aanbieders.count())}
    assert enabled == {"geen": True, "schil": True, "advies": False, "indiceren": False}
    stored = panel.project.choices["positie"]
    assert stored["toegang"]["wijkteam"] is False and stored["organisatiemodel"] is None
    assert "CPB-type A" in panel.cpb_label.text()


def test_combination_outside_tabel_3_1_shows_overig(qtbot):
    panel = make_panel(qtbot, demo_project())
    bekostiging, contract, toetreding = panel.form.products["hbh"]
    choose(qtbot, bekostiging, "taakgericht")
    assert panel.result.profielen["hbh"].profiel == "overig"
    last_row = panel.table.rowCount() - 1
    assert panel.table.item(last_row, 0).text() == "overig"
    assert panel.table.item(last_row, 5).text() == "●"
    assert "overig-profiel-hbh" in [c.finding_id for c in panel.finding_cards()]


def test_clearing_a_product_removes_it(qtbot):
    panel = make_panel(qtbot, demo_project())
    bekostiging, contract, _ = panel.form.products["dagbesteding"]
    choose(qtbot, bekostiging, None)
    assert not contract.isEnabled()
    assert "dagbesteding" not in panel.project.choices["positie"]["inkoop"]
    assert "Dagbesteding" not in panel.profiel_value.text()


def test_opening_another_project_reloads_the_answers(qtbot):
    project = Project()
    panel = make_panel(qtbot, project)
    project.choices["positie"] = json.loads(json.dumps(DEMO_ANSWERS))
    panel.notify(frozenset({"*"}))
    assert panel.form.breedte.currentData() == 3
    assert panel.form.regio.value() == 11
    assert "taakzwaarte-onbekend" in [c.finding_id for c in panel.finding_cards()]


def test_help_texts_and_begrippen_tooltips(qtbot):
    panel = make_panel(qtbot, demo_project())
    begrippen = load_library().begrippen
    bekostiging = panel.form.products["hbh"][0]
    index = bekostiging.findData("outputgericht")
    assert bekostiging.itemData(index, Qt.ItemDataRole.ToolTipRole) == begrippen["outputgerichte bekostiging"]
    # the full choice heads the help text (a narrow window may cut the combo box itself), then the explanation
    assert panel.form.breedte_help.text().startswith(f"Gekozen: {panel.form.breedte.currentText()}. Breed.")
    choose(qtbot, panel.form.breedte, 4)
    assert "Zeer breed." in panel.form.breedte_help.text()


def test_panel_in_the_main_window(qtbot):
    create_application()
    window = create_main_window(demo_project())
    qtbot.addWidget(window)
    window.show()
    panel = window.show_panel("positie")
    assert isinstance(panel, PositiePanel)
    assert panel.result is not None and panel.result.taakzwaarte.code == "GM0150"
    window.project.dirty = False


def test_exporteer_gets_the_shown_position_only_after_answers(qtbot):
    empty = make_panel(qtbot, Project())
    assert empty.resultaat() is None  # defaults are not the gemeente's answers
    panel = make_panel(qtbot, demo_project())
    result = panel.resultaat()
    assert result is not None and result.onderdeel == "positie"
    assert len(result.bevindingen) == len(panel.finding_cards()) > 0


def test_damaged_stored_answers_show_defaults_with_a_warning_until_the_user_answers(qtbot):
    project = Project(gemeente_code="GM0150")
    project.choices["positie"] = {"toegang": {"breedte": 9, "positionering": 1, "wijkteam": True,
                                              "aanbieders_in_team": "geen"}}
    project.dirty = False
    panel = make_panel(qtbot, project)
    warning = panel.messages.messages()["opgeslagen"]
    assert warning[1] == "warning" and "beschadigd" in warning[0] and "'toegang.breedte': 9" in warning[0]
    assert panel.form.breedte.currentData() == 1 and "Nog niet ingevuld" in panel.status.text()
    assert panel.finding_cards() == [] and panel.resultaat() is None   # no findings from defaults
    assert project.dirty is False and project.choices["positie"]["toegang"]["breedte"] == 9  # shown, not rewritten
    choose(qtbot, panel.form.breedte, 2)
    assert project.choices["positie"]["versie"] == 1 and project.choices["positie"]["toegang"]["breedte"] == 2
    assert "opgeslagen" not in panel.messages.messages() and panel.finding_cards()
