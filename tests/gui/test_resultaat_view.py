"""The shared Resultaat renderer: cells formatted by Kolom, charts drawn from Grafiek, wheel left to the page."""
from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent

from wijkkompas.core.resultaat import Bevinding, Formaat, Grafiek, Kolom, Reeks, Resultaat, Tabel
from wijkkompas.gui.resultaat_view import GrafiekWidget, ResultaatTabelModel, ResultaatView, visible_label_texts


def _resultaat() -> Resultaat:
    frame = pd.DataFrame({"wijk": ["W01", "W02"], "budget": [1234.6, 99.0], "aandeel": [0.925, 0.075]})
    tabel = Tabel("t", "Budget per wijk", frame, [Kolom("wijk", "Wijk"), Kolom("budget", "Budget", Formaat.EURO, "€"),
                                               Kolom("aandeel", "Aandeel", Formaat.PROCENT, "%", 1)])
    grafiek = Grafiek("g", "Uitgaven per maand", "waaier", "Maand", "Uitgaven", [
        Reeks("p50", "Prognose", ["2025-05", "2025-06", "2025-07"], [1.0, 2.0, 3.0], [0.5, 1.5, 2.0], [1.5, 2.5, 4.0])],
        y_eenheid="€", markeringen=[("2025-06", "laatste gegevens")])
    return Resultaat("x", "Test", samenvatting=["Een regel."], tabellen=[tabel], grafieken=[grafiek],
                     bevindingen=[Bevinding("Kop", "Tekst.", "beschrijvend", "waarschuwing")], aannames=["Aanname A."])


def test_table_model_shows_dutch_text_and_keeps_raw_values(qtbot):
    model = ResultaatTabelModel(_resultaat().tabel("t"))
    assert model.index(0, 1).data() == "€ 1.235"
    assert model.index(0, 2).data() == "92,5%"
    assert model.index(0, 1).data(Qt.ItemDataRole.EditRole) == 1234.6
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Budget"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == "W02"


def test_view_renders_every_part(qtbot):
    view = ResultaatView()
    qtbot.addWidget(view)
    view.set_resultaat(_resultaat())
    texts = visible_label_texts(view)
    assert "Een regel." in texts and "Budget per wijk" in texts and any("Aanname A." in t for t in texts)
    chart = view.findChild(GrafiekWidget)
    assert chart.plot is not None and not chart.empty.isVisibleTo(chart)


def test_empty_chart_says_what_to_do_instead_of_axes(qtbot):
    widget = GrafiekWidget(None, "Lees eerst declaraties in.")
    qtbot.addWidget(widget)
    assert widget.plot is None and widget.empty.text() == "Lees eerst declaraties in."


def _wheel(widget, modifiers):
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    return QWheelEvent(centre, widget.mapToGlobal(centre), QPoint(0, 0), QPoint(0, 120),
                       Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)


def test_wheel_over_chart_is_left_to_the_page_and_ctrl_wheel_zooms(qtbot):
    """A plain wheel is ignored by the chart (Qt then hands a real wheel event to the enclosing scroll area);
    only Ctrl+wheel zooms, and "Herstel weergave" undoes it. (Qt does not propagate synthetic wheel events,
    so the test checks the chart's side of the contract.)"""
    chart = GrafiekWidget(_resultaat().grafiek("g"))
    qtbot.addWidget(chart)
    chart.resize(500, 400)
    chart.show()
    qtbot.waitExposed(chart)
    item = chart.plot.getPlotItem()
    before = item.viewRange()
    plain = _wheel(chart.plot, Qt.KeyboardModifier.NoModifier)
    chart.plot.wheelEvent(plain)
    assert not plain.isAccepted()
    assert item.viewRange() == before
    chart.plot.wheelEvent(_wheel(chart.plot, Qt.KeyboardModifier.ControlModifier))
    qtbot.wait(10)
    assert item.viewRange() != before
    chart.reset_button.click()
    qtbot.wait(10)
    assert chart.reset_button.isVisible()


def test_bar_series_appear_once_in_the_legend(qtbot):
    grafiek = Grafiek("b", "Per wijk", "staaf", "Wijk", "Budget", [
        Reeks("huidig", "Huidig", ["W01", "W02"], [1.0, 2.0]), Reeks("nieuw", "Nieuw", ["W01", "W02"], [1.5, 1.5])],
        y_eenheid="€")
    widget = GrafiekWidget(grafiek)
    qtbot.addWidget(widget)
    legend = widget.plot.getPlotItem().legend
    assert [label.text for _, label in legend.items] == ["Huidig", "Nieuw"]


def test_replacing_a_resultaat_hides_the_old_widgets_at_once(qtbot):
    view = ResultaatView()
    qtbot.addWidget(view)
    view.set_resultaat(_resultaat())
    old = view.findChild(GrafiekWidget)
    view.set_resultaat(None)
    assert old.isHidden()


def test_long_month_axes_get_one_tick_per_year():
    from wijkkompas.gui.resultaat_view import _ticks

    months = [f"{y}-{m:02d}" for y in range(2021, 2026) for m in range(1, 13)]
    ticks = _ticks(months, {m: float(i) for i, m in enumerate(months)})
    assert [label for _, label in ticks] == ["2021", "2022", "2023", "2024", "2025"]
    short = _ticks(months[:6], {m: float(i) for i, m in enumerate(months[:6])})
    assert short[0][1] == "jan 2021"
