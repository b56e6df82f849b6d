"""Positie and Inkoop on a 1920×1080 screen (issue 18): tables hug their columns and rows, finding texts stop at a
readable width, and the kostprijs parameter table uses the room the window has for names and sources."""
from __future__ import annotations

import json

from PySide6.QtWidgets import QHeaderView

from fakes import FakeContext
from wijkkompas import resources
from wijkkompas.core.inkoop import kostprijs
from wijkkompas.core.project import Project
from wijkkompas.gui.app import create_application
from wijkkompas.gui.resultaat_view import TabelView
from wijkkompas.gui.widgets import LEESBREEDTE_TEKENS


def _show(qtbot, panel, width: int, height: int = 1000):
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(20)
    return panel


def _positie(qtbot, width: int):
    from wijkkompas.gui.panels import positie

    create_application()
    project = Project(naam="Voorbeeldstad (demo)", gemeente_code="GM0150")
    project.choices["positie"] = json.loads(resources.path("demo", "positie_antwoorden.json").read_text("utf-8"))
    context = FakeContext(project)
    panel = positie.create_panel(context)
    context.attach(panel)
    return _show(qtbot, panel, width)


def _inhoud(header: QHeaderView, column: int, view) -> int:
    return max(view.sizeHintForColumn(column), header.sectionSizeHint(column))


def test_positie_profile_table_hugs_its_columns_on_a_wide_screen(qtbot):
    panel = _positie(qtbot, 1750)
    table = panel.table
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    assert header.sectionSize(last) <= _inhoud(header, last, table) + 4  # "Dagb." is not stretched
    assert table.width() <= header.length() + 2 * table.frameWidth() + 4  # no empty frame beside the columns
    assert table.width() < table.parentWidget().width() - 200  # and the pane had room to spare
    assert table.horizontalScrollBar().maximum() == 0  # nothing cut


def test_positie_finding_texts_stop_at_a_readable_width(qtbot):
    panel = _positie(qtbot, 1750)
    cards = panel.finding_cards()
    assert cards
    pane = cards[0].parentWidget().width()
    for card in cards:
        limit = card.fontMetrics().averageCharWidth() * LEESBREEDTE_TEKENS + 24
        assert card.width() <= limit < pane - 100
        for label in (card.text, card.evidence, card.sources):  # the card is as tall as its capped lines need
            assert label.height() >= label.heightForWidth(label.width())
    source = panel.table_source  # the capped source line under the table is as tall as its wrapped lines
    assert source.width() < pane - 100 and source.height() >= source.heightForWidth(source.width())
    narrow = _positie(qtbot, 1180)
    card = narrow.finding_cards()[0]
    assert card.width() > card.parentWidget().width() - 60  # on a laptop the cap does not bind


def _parameter_tabel(qtbot, width: int):
    from wijkkompas.gui.panels.inkoop import ParameterTabel

    create_application()
    tabel = ParameterTabel()
    tabel.toon(kostprijs.laad(Project()))
    return _show(qtbot, tabel, width, 300)


def _tekst_breedte(tabel, kolom: int) -> int:
    """The widest cell text of a column plus the cell's margins (what fits without "…")."""
    return max(tabel.fontMetrics().horizontalAdvance(tabel.item(r, kolom).text()) for r in range(tabel.rowCount())) + 8


def test_parameter_names_and_sources_readable_when_the_window_has_room(qtbot):
    wide = _parameter_tabel(qtbot, 2600)
    bron = wide.columnCount() - 1
    assert wide.columnWidth(bron) >= _tekst_breedte(wide, bron)  # the full source, no "…"
    assert wide.columnWidth(0) >= _tekst_breedte(wide, 0)
    assert all(wide.item(r, bron).toolTip() == wide.item(r, bron).text() for r in range(wide.rowCount()))
    full_hd = _parameter_tabel(qtbot, 1700)  # the panel's width at 1920×1080: names whole, sources wider than before
    assert full_hd.columnWidth(0) >= _tekst_breedte(full_hd, 0)
    assert full_hd.columnWidth(bron) > 400
    assert full_hd.horizontalHeader().length() <= full_hd.viewport().width()  # using the room, not beyond it
    laptop = _parameter_tabel(qtbot, 900)
    assert laptop.columnWidth(0) >= laptop.MIN_PARAMETER and laptop.columnWidth(bron) >= laptop.MIN_BRON


def test_short_inkoop_tables_are_only_as_tall_as_their_rows(qtbot):
    from wijkkompas.core import appdata
    from wijkkompas.core.demo import DEMO_PROJECT_ID, build_demo_project
    from wijkkompas.core.project import KeyStore
    from wijkkompas.gui.panels import inkoop

    create_application()
    project = build_demo_project(secret=KeyStore(appdata.key_dir()).secret_for(DEMO_PROJECT_ID))  # session cache
    context = FakeContext(project)
    panel = inkoop.create_panel(context)
    context.attach(panel)
    _show(qtbot, panel, 1750, 1000)
    concentratie = next(v for v in panel.view.findChildren(TabelView) if v.model().tabel().naam == "concentratie")
    header, rows = concentratie.horizontalHeader(), concentratie.verticalHeader()
    content = header.height() + rows.length() + 2 * concentratie.frameWidth()
    assert concentratie.model().rowCount() == 3
    assert content <= concentratie.height() <= content + 2  # every row shown, no empty strip below them
    assert concentratie.width() <= header.length() + 2 * concentratie.frameWidth() + 2
    long_tables = [v for v in panel.view.findChildren(TabelView) if v.verticalHeader().length() > TabelView.MAX_HOOGTE]
    assert long_tables and all(v.verticalScrollBar().maximum() > 0 for v in long_tables)  # long tables still scroll
    assert all(v.height() <= TabelView.MAX_HOOGTE for v in long_tables)  # not over the note below them
    for view in panel.view.findChildren(TabelView):  # a table that scrolls its rows keeps room for that scroll bar
        assert view.horizontalScrollBar().maximum() == 0, view.model().tabel().naam
    spans = sorted((v.mapTo(panel.view, v.rect().topLeft()).y(), v.mapTo(panel.view, v.rect().bottomLeft()).y())
                   for v in panel.view.findChildren(TabelView))
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:])), spans  # none overlaps the next
