"""A 1920×1080 screen is used well: readable line lengths, tables that hug their columns, charts that scale,
columns that widen with the window, legends that do not cover the data (issue 18, the wide-screen pass)."""
from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from wijkkompas.core.resultaat import Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel
from wijkkompas.gui.resultaat_view import GrafiekWidget, ResultaatView, TabelView
from wijkkompas.gui.widgets import LEESBREEDTE_TEKENS, MeegroeiendeKolom
from wijkkompas.gui.widgets import scroll_area

LANG = ("Peildatum 30-06-2025: gedeclareerd tot en met 06-2025, prognose voor heel 2025. Geen declaratieachterstand "
        "gevonden: ook de laatste maanden zijn even volledig gedeclareerd als oudere maanden. ") * 3


def _resultaat() -> Resultaat:
    frame = pd.DataFrame({"wijk": ["W01", "W02", "W03"], "budget": [1234.6, 99.0, 5.0]})
    for jaar in range(2025, 2030):
        frame[f"j{jaar}"] = frame["budget"] * 1000
    tabel = Tabel("t", "Budget per wijk", frame, [Kolom("wijk", "Wijk"), Kolom("budget", "Budget", Formaat.EURO, "€")]
                  + [Kolom(f"j{jaar}", f"Prognose {jaar}", Formaat.EURO, "€") for jaar in range(2025, 2030)])
    grafiek = Grafiek("g", "Per wijk", "staaf", "Wijk", "Budget", [
        Reeks("a", "Huidig", ["W01", "W02"], [3.0, 1.0]), Reeks("b", "Nieuw", ["W01", "W02"], [3.5, 1.0])],
        y_eenheid="€")
    return Resultaat("x", "Test", samenvatting=[LANG], tabellen=[tabel], grafieken=[grafiek])


def _page(qtbot, width: int, height: int = 900):
    """(page, view): the caller keeps the page, qtbot holds only a weak reference to it."""
    view = ResultaatView()
    page = scroll_area(view)
    qtbot.addWidget(page)
    view.set_resultaat(_resultaat())
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    qtbot.wait(20)
    return page, view


def test_long_lines_stop_at_a_readable_width_on_a_wide_page(qtbot):
    page, view = _page(qtbot, 1700)
    label = next(lbl for lbl in view.findChildren(QLabel) if lbl.text() == LANG)
    limit = label.fontMetrics().averageCharWidth() * LEESBREEDTE_TEKENS
    assert label.width() <= limit < 1700 - 100
    page2, narrow = _page(qtbot, 700)
    label = next(lbl for lbl in narrow.findChildren(QLabel) if lbl.text() == LANG)
    assert label.width() > 600  # on a laptop the cap does not bind: the text uses the page


def test_a_small_table_hugs_its_columns_and_a_wide_one_scrolls(qtbot):
    page, view = _page(qtbot, 1700)
    table = view.findChild(TabelView)
    content = table.horizontalHeader().length() + 2 * table.frameWidth()
    assert content <= table.width() <= content + 60  # no white frame across the page
    rows = table.verticalHeader().length()
    assert table.height() <= table.horizontalHeader().height() + rows + 60  # nor an empty area below three rows
    page2, narrow = _page(qtbot, 400)
    table = narrow.findChild(TabelView)
    assert table.width() <= 400 < table.horizontalHeader().length()  # shrinks, and scrolls sideways
    assert table.horizontalScrollBar().maximum() > 0


def test_chart_height_follows_its_width_within_bounds(qtbot):
    pages = [_page(qtbot, width) for width in (1700, 1000, 500)]
    wide, laptop, small = (view.findChild(GrafiekWidget).plot for _page_widget, view in pages)
    assert wide.height() == 520  # not gigantic
    assert 340 <= laptop.height() <= 380  # the x-axis stays on a 768 px screen with the title above it
    assert small.height() == 300  # not tiny
    assert wide.height() > laptop.height() > small.height()


def test_legend_gets_room_above_the_bars(qtbot):
    widget = GrafiekWidget(_resultaat().grafieken[0])
    qtbot.addWidget(widget)
    (_x, (_low, high)) = widget.plot.getPlotItem().viewRange()
    assert high >= 3.5 * 1.3  # two legend lines: the top of the axis lies well above the highest bar
    widget.plot.getPlotItem().setYRange(0, 1)
    widget.reset_button.click()
    assert widget.plot.getPlotItem().viewRange()[1][1] >= 3.5 * 1.3  # "Herstel weergave" keeps that room


def test_left_column_widens_with_the_window_until_the_user_drags(qtbot):
    splitter = QSplitter()
    splitter.addWidget(QWidget())
    splitter.addWidget(QWidget())
    qtbot.addWidget(splitter)
    kolom = MeegroeiendeKolom(splitter, 400, 600, 1000)
    splitter.resize(1000 + splitter.handleWidth(), 300)
    splitter.show()
    qtbot.waitExposed(splitter)
    assert splitter.sizes()[0] == 400
    splitter.resize(1400 + splitter.handleWidth(), 300)
    qtbot.wait(10)
    assert splitter.sizes()[0] == 560
    splitter.resize(2400, 300)
    qtbot.wait(10)
    assert splitter.sizes()[0] == 600
    kolom._versleept()  # what splitterMoved calls when the user drags the handle
    splitter.setSizes([300, 2000])
    splitter.resize(2000, 300)
    qtbot.wait(10)
    assert splitter.sizes()[0] < 400  # Qt's own proportional division, not the automatic width (600)


def test_note_under_a_chart_stays_clear_of_the_plot_where_the_page_cannot_scroll(qtbot):
    """Scenario's at 1280×720 gives its chart 254 px: title, plot and the two-line note must all fit in it."""
    from dataclasses import replace

    grafiek = replace(_resultaat().grafieken[0], toelichting="Links de gedeclareerde kosten, rechts de prognose; "
                      "de band (P10–P90) wordt breder naarmate de prognose verder vooruit kijkt.")
    widget = GrafiekWidget(grafiek)
    qtbot.addWidget(widget)
    widget.setMaximumHeight(254)
    widget.resize(680, 254)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.note.isVisible()
    assert widget.note.geometry().top() >= widget.plot.geometry().bottom()
    assert widget.note.geometry().bottom() <= widget.height()


# --- panels that lay out their own tables and charts (Gemeente & benchmark, Start, Scenario's) ---------------

def _show_panel(qtbot, module, project, width: int, height: int = 1000):
    from fakes import FakeContext
    from wijkkompas.gui.app import create_application

    create_application()
    context = FakeContext(project)
    panel = module.create_panel(context)
    context.attach(panel)
    qtbot.addWidget(panel)
    panel.resize(width, height)
    panel.show()
    panel.notify(frozenset({"*"}))
    qtbot.waitExposed(panel)
    qtbot.wait(20)
    return panel


def test_gemeente_tables_hug_their_columns_on_a_wide_screen(qtbot):
    """At 1920 the benchmark table's label column took all the spare width, its figures far from the names."""
    from wijkkompas.core.project import Project
    from wijkkompas.gui.panels import gemeente

    project = Project()
    project.set_gemeente("GM0150")
    panel = _show_panel(qtbot, gemeente, project, 1700)
    for view in (panel.benchmark_view, panel.spending_view):
        header = view.horizontalHeader()
        needed = [max(view.sizeHintForColumn(c), header.sectionSizeFromContents(c).width())
                  for c in range(header.count())]
        assert all(header.sectionSize(c) <= need + 4 for c, need in enumerate(needed))  # no column stretched
        assert view.width() <= header.length() + 2 * view.frameWidth() + 40
        assert view.width() < 1700 - 300


def test_start_buttons_sit_next_to_their_steps_on_a_wide_screen(qtbot):
    """At 1920 the "Openen"/"Beginnen" buttons sat at the far right, a screen's width from their step."""
    from PySide6.QtWidgets import QPushButton

    from wijkkompas.core.project import Project
    from wijkkompas.gui.panels import start

    for width in (1900, 1000):
        panel = _show_panel(qtbot, start, Project(), width)
        buttons = [b for b in panel.findChildren(QPushButton) if b.objectName().startswith("step_")]
        assert len(buttons) >= 3
        for button in buttons:
            slug = button.objectName().removeprefix("step_")
            text = panel.findChild(QLabel, f"stap_tekst_{slug}")
            gap = button.geometry().left() - text.geometry().right()
            assert 0 <= gap <= 40
            assert text.height() <= 3 * text.fontMetrics().height()  # two lines, not squeezed into a column
            assert button.mapTo(panel, button.rect().topRight()).x() <= width  # on screen at laptop width
        if width == 1900:
            assert buttons[0].mapTo(panel, buttons[0].rect().topLeft()).x() < width // 2


def test_scenario_fan_chart_grows_with_its_width(qtbot):
    """The fan chart had a fixed 320 px cap: flat and wide at 1920. It follows the width like other charts,
    and a laptop page that cannot scroll keeps the old height."""
    from dataclasses import replace

    from PySide6.QtWidgets import QVBoxLayout

    from wijkkompas.gui.panels.scenarios import WaaierGrafiek

    grafiek = replace(_resultaat().grafieken[0], toelichting="Links de gedeclareerde kosten, rechts de prognose.")
    heights = {}
    for width, height in ((1300, 1000), (680, 600)):
        page = QWidget()
        box = QVBoxLayout(page)
        chart = WaaierGrafiek(grafiek)
        chart.setMinimumHeight(250)
        box.addWidget(chart, 1)
        tabs = QWidget()
        tabs.setMinimumHeight(200)
        box.addWidget(tabs, 1)
        qtbot.addWidget(page)
        page.resize(width, height)
        page.show()
        qtbot.waitExposed(page)
        qtbot.wait(20)
        heights[width] = (chart.height(), chart.plot.height(), chart.width())
    wide, narrow = heights[1300], heights[680]
    assert abs(wide[1] - 0.36 * wide[2]) <= 12  # plot height ≈ 0.36 of the width
    assert narrow[0] <= WaaierGrafiek.MIN_HOOGTE  # the laptop keeps its 320 px
    assert wide[0] > narrow[0] + 100
