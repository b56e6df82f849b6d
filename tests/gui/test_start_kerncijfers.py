"""The Start panel's own key figures: an empty state that names the missing imports, then the core table.

Hand fixture: two cliënten begeleiding in a 1.000-inhabitant gemeente, so every
shown number can be checked by eye; the panel must show exactly the core's
``kerncijfers_van`` (it never computes itself).
"""
from __future__ import annotations

import pandas as pd
import pytest
from PySide6.QtCore import Qt

from fakes import FakeContext
from wijkkompas.core.inkoop.eigen_cijfers import kerncijfers_van
from wijkkompas.core.project import Project
from wijkkompas.gui.app import create_application
from wijkkompas.gui.panels.start import create_panel


def _declaraties() -> pd.DataFrame:
    rows = []
    for client, bedrag in (("a", 100.0), ("b", 300.0)):
        for maand in range(1, 13):
            rows.append({"client_id": client, "productcategorie": "02", "aanbieder_code": "A",
                         "periode_start": pd.Timestamp(f"2024-{maand:02d}-01"), "geleverd_volume": 2.0,
                         "eenheid": "04", "ingediend_bedrag": bedrag, "toegekend_bedrag": bedrag,
                         "status": "Goedgekeurd"})
    return pd.DataFrame(rows)


@pytest.fixture
def make_panel(qtbot):
    create_application()

    def make(project: Project):
        context = FakeContext(project)
        panel = create_panel(context)
        context.attach(panel)
        qtbot.addWidget(panel)
        panel.resize(1100, 900)
        panel.show()
        panel.notify(frozenset({"*"}))
        return panel, context

    return make


def test_empty_project_says_what_to_import(make_panel):
    panel, _ = make_panel(Project())
    assert panel.kern_view is None and panel.kern_tabel is None
    text = panel.kern_empty.text()
    assert panel.kern_empty.isVisible()
    assert "Importeer declaraties en wijkgegevens (onderdeel Import)" in text and "per 1.000 inwoners" in text


def test_figures_appear_after_the_missing_import(make_panel):
    project = Project()
    project.add_table("declaraties", _declaraties())
    panel, context = make_panel(project)
    assert "Importeer wijkgegevens" in panel.kern_empty.text() and "declaraties" not in panel.kern_empty.text()
    tasks = context.tasks
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W1", "W2"], "inwoners": [600, 400]}))
    assert context.tasks == tasks + 1            # the import event started one computation in a task
    assert not panel.kern_empty.isVisible() and panel.kern_view.isVisible()
    model = panel.kern_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Product", "Cliënten", "Per 1.000 inw.", "Per cliënt", "Gedecl. per volw."]
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    # 2 cliënten / 1.000 inwoners; (12 × 100 + 12 × 300) / 2 = € 2.400 per cliënt; no gemeente: no volwassenen
    assert cells[:4] == ["Begeleiding", "2", "2,0", "€ 2.400"]
    assert panel.kern_title.text() == "Eigen kerncijfers (2024)"
    assert panel.kern_tabel.data.equals(kerncijfers_van(project).data)


def test_a_choice_elsewhere_does_not_recompute(make_panel):
    project = Project()
    project.add_table("declaraties", _declaraties())
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W1"], "inwoners": [1000]}))
    panel, context = make_panel(project)
    tasks = context.tasks
    project.set_choice("positie", {"toegang": {}})
    assert context.tasks == tasks


def test_removing_the_declaraties_brings_the_empty_state_back(make_panel):
    project = Project()
    project.add_table("declaraties", _declaraties())
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["W1"], "inwoners": [1000]}))
    panel, _ = make_panel(project)
    assert panel.kern_view.isVisible()
    project.remove_table("declaraties")
    assert not panel.kern_view.isVisible() and "Importeer declaraties" in panel.kern_empty.text()
