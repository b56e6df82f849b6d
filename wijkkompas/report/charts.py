"""Draws a ``Grafiek`` with QPainter on any paint device: vector in the PDF, a sharp PNG for Word.

Why our own painter code instead of pyqtgraph's exporter: pyqtgraph needs
widgets (the report must not) and its exports do not know our units or Dutch
number style. One function draws every chart kind — line, bar, stacked bar,
scatter and fan (bands) — with axis titles that carry the unit, Dutch tick
labels, a legend and labelled vertical markers.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF

from wijkkompas.core import formatting
from wijkkompas.core.resultaat import Grafiek, Reeks
from wijkkompas.report.qt import ensure_gui_application
from wijkkompas.report.rapport import as_label

PALETTE = ["#1f5f8b", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f", "#b8a400"]
MAANDEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _num(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_date(x: Any) -> bool:
    return isinstance(x, (date, datetime, pd.Timestamp))


class _XAxis:
    """Maps x values to [0, 1]: numbers and dates on a continuous scale, anything else as categories."""

    def __init__(self, grafiek: Grafiek) -> None:
        values = [x for r in grafiek.reeksen for x in r.x] + [m[0] for m in grafiek.markeringen]
        self.kind = "cat"
        if values and all(_is_date(v) for v in values):
            self.kind = "date"
        elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            self.kind = "num"
        if grafiek.soort in ("staaf", "gestapeld"):
            self.kind = "cat"
        self.years = False
        self.categories: list[str] = []
        if self.kind == "cat":
            for v in [x for r in grafiek.reeksen for x in r.x]:
                if self._label(v) not in self.categories:
                    self.categories.append(self._label(v))
            self.lo, self.hi = -0.5, len(self.categories) - 0.5
        else:
            numbers = [self.value(v) for v in values]
            self.lo, self.hi = min(numbers), max(numbers)
            self.years = self.kind == "num" and all(float(v).is_integer() and 1900 <= v <= 2100 for v in numbers)
            if self.hi == self.lo:
                self.lo, self.hi = self.lo - 1, self.hi + 1
            margin = (self.hi - self.lo) * (0.04 if grafiek.soort == "punt" else 0.02 if self.years else 0.0)
            self.lo, self.hi = self.lo - margin, self.hi + margin

    @staticmethod
    def _label(v: Any) -> str:
        if _is_date(v):
            stamp = pd.Timestamp(v)
            return f"{MAANDEN[stamp.month - 1]} {stamp.year}"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        text = str(v)
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
            return f"{MAANDEN[int(text[5:]) - 1]} {text[:4]}"  # "2025-05" (MAAND as text) -> "mei 2025"
        return text

    def value(self, v: Any) -> float:
        if self.kind == "cat":
            label = self._label(v)
            return float(self.categories.index(label)) if label in self.categories else float("nan")
        if self.kind == "date":
            return pd.Timestamp(v).toordinal()
        return float(v)

    def frac(self, v: Any) -> float:
        return (self.value(v) - self.lo) / (self.hi - self.lo)

    def ticks(self, max_ticks: int) -> list[tuple[float, str]]:
        if self.kind == "cat":
            step = max(1, math.ceil(len(self.categories) / max_ticks))
            return [((i - self.lo) / (self.hi - self.lo), c) for i, c in enumerate(self.categories) if i % step == 0]
        if self.kind == "date":
            start, end = pd.Timestamp.fromordinal(int(self.lo)), pd.Timestamp.fromordinal(int(self.hi))
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            step = next(s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= max_ticks)
            out = []
            stamp = pd.Timestamp(start.year, start.month, 1)
            if stamp < start:
                stamp += pd.DateOffset(months=1)
            while stamp <= end:
                if (stamp.month - 1) % min(step, 12) == 0 and (step < 12 or stamp.month == 1):
                    label = str(stamp.year) if step >= 12 else self._label(stamp)
                    out.append(((stamp.toordinal() - self.lo) / (self.hi - self.lo), label))
                stamp += pd.DateOffset(months=1)
            return out
        ticks = _nice_ticks(self.lo, self.hi, max_ticks, integer=self.years)
        return [((t - self.lo) / (self.hi - self.lo), str(int(t)) if self.years else _tick_text(t, step))
                for t, step in ticks]


def _nice_ticks(lo: float, hi: float, n: int, integer: bool = False) -> list[tuple[float, float]]:
    span = hi - lo if hi > lo else 1.0
    raw = span / max(1, n)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integer:
        step = max(step, 1.0)
    first = math.ceil(lo / step - 1e-9) * step
    ticks, t = [], first
    while t <= hi + step * 1e-9:
        ticks.append((t, step))
        t += step
    return ticks


def _tick_text(value: float, step: float) -> str:
    decimals = 0 if step >= 1 else min(3, max(0, -math.floor(math.log10(step))))
    if abs(value) < step * 1e-6:
        value = 0.0
    return formatting.getal(value, decimals)


def _y_scale(grafiek: Grafiek) -> tuple[float, str]:
    """Large amounts are shown in thousands or millions, with the factor in the axis title."""
    peak = 0.0
    for r in grafiek.reeksen:
        for seq in (r.y, r.hoog or [], r.laag or []):
            for v in seq:
                number = _num(v)
                if number is not None:
                    peak = max(peak, abs(number))
    if grafiek.soort == "gestapeld":
        peak = max(peak, max((sum(max(0.0, _num(v) or 0.0) for v in vals)
                              for vals in zip(*[r.y for r in grafiek.reeksen])), default=0.0))
    if peak >= 1e6:
        return 1e6, "mln"
    if peak >= 1e5:
        return 1e3, "dzd"
    return 1.0, ""


def _y_title(grafiek: Grafiek, suffix: str) -> str:
    eenheid = grafiek.y_eenheid
    if suffix:
        eenheid = (eenheid.replace("€", f"€ {suffix}", 1) if eenheid.startswith("€") and " " not in eenheid
                   else f"{eenheid}, × {'1.000.000' if suffix == 'mln' else '1.000'}" if eenheid
                   else f"× {'1.000.000' if suffix == 'mln' else '1.000'}")
    return as_label(grafiek.y_label, eenheid)


def teken_grafiek(painter: QPainter, rect: QRectF, grafiek: Grafiek, pt: float) -> None:
    """Draw ``grafiek`` into ``rect``; ``pt`` is the size of one typographic point in device units."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPixelSize(max(1, round(7.5 * pt)))
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    painter.setFont(font)
    fm = QFontMetricsF(font, painter.device())
    line_h = fm.height()
    if not any(_num(v) is not None for r in grafiek.reeksen for v in list(r.y) + list(r.laag or [])):
        painter.setPen(QPen(QColor("#666666")))
        painter.drawRect(rect.adjusted(pt, pt, -pt, -pt))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), "Geen gegevens voor deze grafiek.")
        painter.restore()
        return
    axis = _XAxis(grafiek)
    factor, suffix = _y_scale(grafiek)

    series_y = []
    for r in grafiek.reeksen:
        for seq in (r.y, r.laag or [], r.hoog or []):
            series_y += [v / factor for v in (_num(x) for x in seq) if v is not None]
    if grafiek.soort == "gestapeld":
        stacks: dict[str, float] = {}
        for r in grafiek.reeksen:
            for x, v in zip(r.x, r.y):
                stacks[axis._label(x)] = stacks.get(axis._label(x), 0.0) + max(0.0, (_num(v) or 0.0) / factor)
        series_y += list(stacks.values())
    y_lo, y_hi = (min(series_y), max(series_y)) if series_y else (0.0, 1.0)
    if grafiek.soort in ("staaf", "gestapeld") or (y_lo > 0 and y_lo < 0.35 * y_hi):
        y_lo = min(0.0, y_lo)
    if y_hi == y_lo:
        y_hi = y_lo + 1
    y_ticks = _nice_ticks(y_lo, y_hi, 5)
    step = y_ticks[0][1]
    if y_ticks[-1][0] < y_hi + 0.02 * (y_hi - y_lo):
        y_ticks.append((y_ticks[-1][0] + step, step))
    if y_ticks[0][0] > y_lo:
        y_ticks.insert(0, (y_ticks[0][0] - step, step))
    y_lo, y_hi = y_ticks[0][0], y_ticks[-1][0]
    tick_labels = [_tick_text(t, s) for t, s in y_ticks]

    legend_items = [r for r in grafiek.reeksen if r.label]
    legend_rows = _legend_rows(legend_items, fm, rect.width())
    left = rect.left() + line_h * 1.4 + max(fm.horizontalAdvance(t) for t in tick_labels) + 4 * pt
    right = rect.right() - 6 * pt
    top = rect.top() + (line_h * 1.3 if grafiek.markeringen else 4 * pt)
    bottom = rect.bottom() - line_h * (2.6 + len(legend_rows)) - 4 * pt
    plot = QRectF(QPointF(left, top), QPointF(right, bottom))

    def px(v: Any) -> float:
        return plot.left() + axis.frac(v) * plot.width()

    def py(v: float) -> float:
        return plot.bottom() - (v - y_lo) / (y_hi - y_lo) * plot.height()

    grid = QPen(QColor("#dddddd"), 0.5 * pt)
    text_pen = QPen(QColor("#333333"))
    for (t, _), label in zip(y_ticks, tick_labels):
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), py(t)), QPointF(plot.right(), py(t)))
        painter.setPen(text_pen)
        painter.drawText(QRectF(rect.left(), py(t) - line_h / 2, plot.left() - rect.left() - 3 * pt, line_h),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
    max_x_ticks = max(2, int(plot.width() / (fm.horizontalAdvance("mrt 2024") + 8 * pt)))
    for frac, label in axis.ticks(max_x_ticks):
        x = plot.left() + frac * plot.width()
        painter.setPen(QPen(QColor("#999999"), 0.5 * pt))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 2 * pt))
        painter.setPen(text_pen)
        width = fm.horizontalAdvance(label) + 2 * pt
        painter.drawText(QRectF(x - width / 2, plot.bottom() + 2 * pt, width, line_h),
                         int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), label)
    painter.setPen(QPen(QColor("#666666"), 0.7 * pt))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    if y_lo < 0 < y_hi:
        painter.drawLine(QPointF(plot.left(), py(0)), QPointF(plot.right(), py(0)))

    _draw_series(painter, grafiek, axis, px, py, factor, plot, pt)

    for x, label in grafiek.markeringen:
        try:
            mx = px(x)
        except (ValueError, TypeError):
            continue
        if not (plot.left() - 1 <= mx <= plot.right() + 1) or math.isnan(mx):
            continue
        painter.setPen(QPen(QColor("#b00020"), 0.9 * pt, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(mx, plot.top()), QPointF(mx, plot.bottom()))
        painter.setPen(QPen(QColor("#b00020")))
        width = fm.horizontalAdvance(label) + 2 * pt
        painter.drawText(QRectF(min(mx - width / 2, plot.right() - width), rect.top(), width, line_h),
                         int(Qt.AlignmentFlag.AlignCenter), label)

    painter.setPen(text_pen)
    x_title = as_label(grafiek.x_label, grafiek.x_eenheid)
    painter.drawText(QRectF(plot.left(), plot.bottom() + line_h * 1.15, plot.width(), line_h),
                     int(Qt.AlignmentFlag.AlignCenter), x_title)
    painter.save()
    painter.translate(rect.left() + line_h * 0.1, plot.center().y())
    painter.rotate(-90)
    painter.drawText(QRectF(-plot.height() / 2 - 40 * pt, 0, plot.height() + 80 * pt, line_h),
                     int(Qt.AlignmentFlag.AlignCenter), _y_title(grafiek, suffix))
    painter.restore()
    _draw_legend(painter, grafiek, legend_rows, QPointF(rect.left(), plot.bottom() + line_h * 2.4), fm, pt)
    painter.restore()


def _colour(grafiek: Grafiek, reeks: Reeks) -> QColor:
    return QColor(PALETTE[grafiek.reeksen.index(reeks) % len(PALETTE)])


def _draw_series(painter, grafiek, axis, px, py, factor, plot, pt) -> None:
    bars = [r for r in grafiek.reeksen if (r.soort or grafiek.soort) in ("staaf", "gestapeld")]
    slot = plot.width() / max(1, len(axis.categories) if axis.kind == "cat" else 1)
    stack_pos: dict[str, float] = {}
    stack_neg: dict[str, float] = {}
    for reeks in grafiek.reeksen:
        colour = _colour(grafiek, reeks)
        kind = reeks.soort or ("lijn" if grafiek.soort == "waaier" else grafiek.soort)
        if reeks.laag is not None and reeks.hoog is not None:
            _draw_band(painter, reeks, px, py, factor, colour)
            if kind == "band":
                continue
        if kind in ("staaf", "gestapeld") and axis.kind == "cat":
            width = slot * 0.8
            for x, v in zip(reeks.x, reeks.y):
                value = _num(v)
                if value is None:
                    continue
                value /= factor
                centre = px(x)
                if kind == "gestapeld":
                    store = stack_pos if value >= 0 else stack_neg
                    base = store.get(axis._label(x), 0.0)
                    store[axis._label(x)] = base + value
                    bar = QRectF(QPointF(centre - width / 2, py(base + value)), QPointF(centre + width / 2, py(base)))
                else:
                    n, i = len(bars), bars.index(reeks)
                    w = width / n
                    bar = QRectF(QPointF(centre - width / 2 + i * w, py(value)),
                                 QPointF(centre - width / 2 + (i + 1) * w, py(0.0)))
                painter.fillRect(bar.normalized(), colour)
            continue
        points = [(px(x), py(v / factor)) if v is not None else None for x, v in zip(reeks.x, (_num(y) for y in reeks.y))]
        if kind == "punt":
            painter.setPen(QPen(colour.darker(120), 0.6 * pt))
            painter.setBrush(QBrush(colour))
            for p in points:
                if p is not None:
                    painter.drawEllipse(QPointF(*p), 2.4 * pt, 2.4 * pt)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            continue
        painter.setPen(QPen(colour, 1.6 * pt, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        run: list[QPointF] = []
        for p in points + [None]:
            if p is None:
                if len(run) > 1:
                    painter.drawPolyline(QPolygonF(run))
                elif len(run) == 1:
                    painter.drawEllipse(run[0], 1.2 * pt, 1.2 * pt)
                run = []
            else:
                run.append(QPointF(*p))


def _draw_band(painter, reeks: Reeks, px, py, factor, colour: QColor) -> None:
    pairs = [(x, _num(lo), _num(hi)) for x, lo, hi in zip(reeks.x, reeks.laag or [], reeks.hoog or [])]
    pairs = [(x, lo / factor, hi / factor) for x, lo, hi in pairs if lo is not None and hi is not None]
    if len(pairs) < 2:
        return
    path = QPainterPath(QPointF(px(pairs[0][0]), py(pairs[0][2])))
    for x, _, hi in pairs[1:]:
        path.lineTo(px(x), py(hi))
    for x, lo, _ in reversed(pairs):
        path.lineTo(px(x), py(lo))
    path.closeSubpath()
    fill = QColor(colour)
    fill.setAlpha(60)
    painter.fillPath(path, fill)


def _legend_rows(items: list[Reeks], fm: QFontMetricsF, width: float) -> list[list[Reeks]]:
    rows: list[list[Reeks]] = [[]]
    used = 0.0
    for r in items:
        w = fm.height() * 1.6 + fm.horizontalAdvance(r.label) + fm.height()
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(r)
        used += w
    return rows if rows[0] else []


def _draw_legend(painter, grafiek, rows, origin: QPointF, fm: QFontMetricsF, pt: float) -> None:
    h = fm.height()
    for n, row in enumerate(rows):
        x = origin.x() + h
        y = origin.y() + n * h * 1.1
        for r in row:
            colour = _colour(grafiek, r)
            swatch = QRectF(x, y + h * 0.3, h * 1.1, h * 0.45)
            if r.laag is not None and r.hoog is not None:
                band = QColor(colour)
                band.setAlpha(60)
                painter.fillRect(swatch.adjusted(0, -h * 0.15, 0, h * 0.15), band)
            painter.fillRect(swatch.adjusted(0, h * 0.12, 0, -h * 0.12), colour)
            painter.setPen(QPen(QColor("#333333")))
            painter.drawText(QPointF(x + h * 1.4, y + fm.ascent()), r.label)
            x += h * 1.6 + fm.horizontalAdvance(r.label) + h


def grafiek_png(grafiek: Grafiek, breedte_cm: float = 16.0, hoogte_cm: float = 8.5, dpi: int = 200) -> bytes:
    """The chart as PNG bytes at ``dpi`` (for Word, and the panel preview)."""
    ensure_gui_application()
    per_cm = dpi / 2.54
    image = QImage(round(breedte_cm * per_cm), round(hoogte_cm * per_cm), QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        teken_grafiek(painter, QRectF(0, 0, image.width(), image.height()), grafiek, dpi / 72)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
