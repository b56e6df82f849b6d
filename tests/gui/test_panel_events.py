"""Declared panel inputs and batched project events: one import refreshes each interested panel once."""
from __future__ import annotations

from wijkkompas.core.imports import add_import_to_project, import_file
from wijkkompas.core.project import Project
from wijkkompas.core.sections import Sectie
from wijkkompas.gui.app import create_application, create_main_window
from wijkkompas.gui.panels import PANELS
from wijkkompas.gui.panels.base import Panel


def test_batch_sends_one_event_with_every_changed_section():
    project = Project()
    events = []
    project.subscribe(events.append)
    with project.batch():
        project.set_gemeente("GM0150")
        with project.batch():
            project.set_choice("positie", {"a": 1})
        project.set_choice("positie", {"a": 2})
    assert events == [frozenset({"gemeente", "positie"})]
    project.set_choice("benchmark", {"maat": "hbh"})
    assert events[-1] == frozenset({"benchmark"})


def test_an_import_refreshes_each_interested_panel_exactly_once(qtbot, tmp_path):
    create_application()
    window = create_main_window(Project())
    qtbot.addWidget(window)
    for spec in PANELS:
        window.panel(spec.slug)  # build every panel
    panels = {slug: w for slug, w in window.panels().items() if isinstance(w, Panel)}
    before = {slug: panel.refresh_count for slug, panel in panels.items()}
    csv = tmp_path / "declaraties.csv"
    csv.write_text(
        "Declaratienummer;Toewijzingnummer;BSN;Productcategorie;Productcode;Aanbieder;Begindatum;Einddatum;"
        "Geleverd volume;Eenheid;Tarief;Ingediend bedrag;Toegekend bedrag;Status\n"
        "1;10;123456782;01;01A01;A1;01-01-2024;31-01-2024;4;04;35,40;141,60;141,60;toegekend\n",
        encoding="utf-8")
    result = import_file(csv, soort="declaraties", secret=b"s" * 32)
    add_import_to_project(window.project, result)
    counts = {slug: panel.refresh_count - before[slug] for slug, panel in panels.items()}
    for slug, panel in panels.items():
        reads_it = panel.leest is None or bool({Sectie.TABELLEN, Sectie.IMPORT} & set(panel.leest))
        assert counts[slug] == (1 if reads_it else 0), (slug, counts[slug])
    assert counts["import"] == 1 and counts["gemeente"] == 1  # own figures beside the reference
    assert counts["positie"] in (0, 1) and counts["rapport"] == 1
