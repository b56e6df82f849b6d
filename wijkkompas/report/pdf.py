"""A4 PDF rendering of a ``Rapport`` with QPdfWriter and QPainter (QtGui only, works headless).

Why hand layout instead of QTextDocument: the report needs repeated table
headers, a contents page with real page numbers, findings kept whole, and
charts drawn as vectors; with a small flow engine all four are direct. The
document is laid out twice: a dry run on a memory buffer finds each section's
first page and the page count, the second run writes the file with them.
"""
from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextLayout

from wijkkompas.core import formatting
from wijkkompas.core.resultaat import Bevinding, Formaat, Resultaat, Tabel
from wijkkompas.report.bestand import schrijf_atomair
from wijkkompas.report.charts import teken_grafiek
from wijkkompas.report.qt import ensure_gui_application
from wijkkompas.report.rapport import SOORT_LABELS, Rapport, kop, sterkte_label, verantwoording

RESOLUTION = 300
MAX_ROWS = 400  # longer tables are cut in the PDF with a pointer to the Excel file
NUMERIC = (Formaat.EURO, Formaat.PROCENT, Formaat.GEHEEL, Formaat.DECIMAAL)
SOORT_KLEUR = {"aandachtspunt": "#d55e00", "sterk punt": "#009e73", "informatie": "#1f5f8b",
               "waarschuwing": "#b00020"}
FAMILIES = ["DejaVu Sans", "Segoe UI", "Arial", "Liberation Sans", "Helvetica"]


def _no_ligatures(font: QFont) -> None:
    """'fi' must stay two letters: readers copy text out of the PDF and search it."""
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)


class _Flow:
    """Cursor over A4 pages in device units; ``pt``/``mm`` convert typographic sizes."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, rapport: Rapport, totals: dict | None) -> None:
        self.writer, self.p, self.rapport = writer, painter, rapport
        self.pt = RESOLUTION / 72
        self.mm = RESOLUTION / 25.4
        self.left, self.right = 20 * self.mm, 190 * self.mm
        self.top, self.bottom = 22 * self.mm, 275 * self.mm
        self.width = self.right - self.left
        self.page = 1
        self.y = self.top
        self.totals = totals or {}
        self.section_pages: dict[str, int] = {}
        self.running = ""
        self.pending: str | None = None

    # -------------------------------------------------------------- primitives
    def font(self, size: float = 10, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(FAMILIES)
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPixelSize(max(1, round(size * self.pt)))
        font.setBold(bold)
        font.setItalic(italic)
        _no_ligatures(font)
        return font

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        lines: list[str] = []
        for para in str(text).replace("\r", "").replace("\t", " ").split("\n"):
            if not para:
                lines.append("")
                continue
            layout = QTextLayout(para, font, self.writer)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(width)
                lines.append(para[line.textStart(): line.textStart() + line.textLength()].rstrip())
            layout.endLayout()
        return lines

    def new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.page += 1
        self.y = self.top
        self._header()

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits; a pending sub-heading moves along with its first block."""
        if self.pending is not None:
            text, self.pending = self.pending, None
            if self.y + self._heading_height(text) + height > self.bottom:
                self.new_page()
            self.y += 4 * self.pt
            self.text(text, 11.5, bold=True, colour="#1f3f5b", after=3)
        if self.y + height > self.bottom:
            self.new_page()

    def _heading_height(self, text: str) -> float:
        font = self.font(11.5, bold=True)
        return len(self.wrap(text, font, self.width)) * self.metrics(font).height() * 1.15 + 7 * self.pt

    def _header(self) -> None:
        if self.running:
            self.p.setFont(self.font(7.5))
            self.p.setPen(QColor("#777777"))
            self.p.drawText(QRectF(self.left, 10 * self.mm, self.width, 6 * self.mm),
                            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), self.running)

    def _footer(self) -> None:
        if self.page == 1:
            return
        self.p.setFont(self.font(7.5))
        self.p.setPen(QColor("#777777"))
        rect = QRectF(self.left, 282 * self.mm, self.width, 6 * self.mm)
        left = f"{self.rapport.project} — {self.rapport.titel.lower()} van {formatting.datum(self.rapport.datum)}"
        self.p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
        total = self.totals.get("pages")
        self.p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                        f"pagina {self.page}" + (f" van {total}" if total else ""))

    def finish(self) -> None:
        self._footer()

    def text(self, text: str, size: float = 10, bold: bool = False, italic: bool = False, colour: str = "#222222",
             indent: float = 0.0, after: float = 4.0, bullet: str = "") -> None:
        font = self.font(size, bold, italic)
        fm = self.metrics(font)
        line_h = fm.height() * 1.15
        hang = fm.horizontalAdvance(bullet + " ") if bullet else 0.0
        lines = self.wrap(text, font, self.width - indent - hang)
        self.need(min(2, len(lines)) * line_h)  # no single first line at a page foot
        self.p.setFont(font)
        for number, line in enumerate(lines):
            self.need(line_h)
            self.p.setFont(font)
            self.p.setPen(QColor(colour))
            if bullet and number == 0:
                self.p.drawText(QPointF(self.left + indent, self.y + fm.ascent()), bullet)
            self.p.drawText(QPointF(self.left + indent + hang, self.y + fm.ascent()), line)
            self.y += line_h
        self.y += after * self.pt

    def heading(self, text: str, level: int = 1) -> None:
        if level >= 2:
            self.pending = text  # drawn by the next block's need(), so it never stays alone at a page foot
            return
        self.need(15 * self.pt * 5)
        self.text(text, 15, bold=True, colour="#1f3f5b", after=6)

    # ------------------------------------------------------------------ blocks
    def box(self, lines: list[tuple[str, QFont, str]], colour: str) -> None:
        """A block kept on one page with a coloured bar on its left (findings, warnings)."""
        pad = 3 * self.pt
        inner = self.width - 4 * self.mm
        wrapped = [(self.wrap(t, f, inner), f, c) for t, f, c in lines]
        height = sum(len(w) * self.metrics(f).height() * 1.15 for w, f, _ in wrapped) + 2 * pad
        self.need(height + 3 * self.pt)
        self.p.fillRect(QRectF(self.left, self.y, self.width, height), QColor("#f6f7f9"))
        self.p.fillRect(QRectF(self.left, self.y, 1.2 * self.mm, height), QColor(colour))
        y = self.y + pad
        for rows, font, c in wrapped:
            fm = self.metrics(font)
            self.p.setFont(font)
            self.p.setPen(QColor(c))
            for row in rows:
                self.p.drawText(QPointF(self.left + 3 * self.mm, y + fm.ascent()), row)
                y += fm.height() * 1.15
        self.y += height + 3 * self.pt

    def finding(self, b: Bevinding) -> None:
        meta = f"{SOORT_LABELS.get(b.soort, b.soort)} · Bewijssterkte: {sterkte_label(b.sterkte)}"
        if b.bron:
            meta += f" · Bron: {b.bron}"
        lines = [(b.titel, self.font(9.5, bold=True), "#222222")]
        if b.tekst:
            lines.append((b.tekst, self.font(9), "#222222"))
        lines.append((meta, self.font(7.5, italic=True), "#555555"))
        self.box(lines, SOORT_KLEUR.get(b.soort, "#1f5f8b"))

    def chart(self, caption: str, grafiek) -> None:
        height = 78 * self.mm
        self.need(height + 12 * self.pt)
        self.text(caption, 9.5, bold=True, after=2)
        teken_grafiek(self.p, QRectF(self.left, self.y, self.width, height), grafiek, self.pt)
        self.y += height + 3 * self.pt
        if grafiek.toelichting:
            self.text(grafiek.toelichting, 8, italic=True, colour="#555555")
        self.y += 4 * self.pt

    def _column_widths(self, kolommen, headers, cells, fm, fmb, pad) -> list[float] | None:
        """Widths filling the text width; numbers and header words never wrap. None: does not fit at this size."""
        minimum, natural = self._minimum_widths(kolommen, headers, cells, fm, fmb, pad)
        if sum(minimum) > self.width:
            return None
        if sum(natural) <= self.width:
            return [w * self.width / sum(natural) for w in natural]
        share = (self.width - sum(minimum)) / (sum(natural) - sum(minimum))
        return [lo + (na - lo) * share for lo, na in zip(minimum, natural)]

    def _minimum_widths(self, kolommen, headers, cells, fm, fmb, pad) -> tuple[list[float], list[float]]:
        minimum, natural = [], []
        sample = cells[:300]
        for i, (k, h) in enumerate(zip(kolommen, headers)):
            widest_word = max((fmb.horizontalAdvance(w) for w in h.split()), default=0.0)
            content = max([fm.horizontalAdvance(r[i]) for r in sample] + [0.0])
            if k.formaat in NUMERIC or k.formaat in (Formaat.DATUM, Formaat.MAAND, Formaat.JANEE):
                low = max(widest_word, content)
            else:
                words = max((fm.horizontalAdvance(w) for r in sample for w in r[i].split()), default=0.0)
                low = max(widest_word, min(words, self.width * 0.3))
            minimum.append(low + 2 * pad + self.pt * 0.5)
            natural.append(max(low, min(max(content, fmb.horizontalAdvance(h)), self.width * 0.45)) + 2 * pad)
        return minimum, natural

    def _column_groups(self, kolommen, headers, cells, pad) -> list[list[int]]:
        """Columns that fit side by side at 6,5 pt; a wider table is printed in parts, each led by column 1."""
        minimum, _ = self._minimum_widths(kolommen, headers, cells, self.metrics(self.font(6.5)),
                                          self.metrics(self.font(6.5, bold=True)), pad)
        groups: list[list[int]] = [[0]]
        used = minimum[0]
        for i in range(1, len(kolommen)):
            if used + minimum[i] > self.width and len(groups[-1]) > 1:
                groups.append([0])
                used = minimum[0]
            groups[-1].append(i)
            used += minimum[i]
        if len(groups) > 1:  # same number of parts, columns spread evenly (no part with one lone column)
            rest = list(range(1, len(kolommen)))
            size = math.ceil(len(rest) / len(groups))
            even = [[0] + rest[i:i + size] for i in range(0, len(rest), size)]
            if all(sum(minimum[c] for c in g) <= self.width for g in even):
                return even
        return groups

    def table(self, caption: str, tabel: Tabel, deel: bool = False) -> None:
        kolommen = tabel.kolommen
        frame = tabel.zichtbaar()
        shown = frame.head(MAX_ROWS)
        pad = 2.2 * self.pt
        headers = [kop(k) for k in kolommen]
        cells = [[k.opmaak(v) for k, v in zip(kolommen, row)] for row in shown.itertuples(index=False)]
        groups = [] if deel or len(kolommen) < 2 else self._column_groups(kolommen, headers, cells, pad)
        if len(groups) > 1:
            for n, cols in enumerate(groups, start=1):
                part = Tabel(tabel.naam, tabel.titel, tabel.data, [kolommen[i] for i in cols],
                             tabel.toelichting if n == len(groups) else "")
                self.table(f"{caption} (deel {n} van {len(groups)})", part, deel=True)
            return
        for size in (8, 7.5, 7, 6.5, 6):
            font, bold = self.font(size), self.font(size, bold=True)
            fm, fmb = self.metrics(font), self.metrics(bold)
            widths = self._column_widths(kolommen, headers, cells, fm, fmb, pad)
            if widths is not None:
                break
        else:
            natural = [max(fmb.horizontalAdvance(h), 1.0) for h in headers]
            widths = [w * self.width / sum(natural) for w in natural]
        line_h = fm.height() * 1.1

        def row_height(texts: list[str], f: QFont) -> tuple[float, list[list[str]]]:
            wrapped = [self.wrap(t, f, w - 2 * pad) or [""] for t, w in zip(texts, widths)]
            return max(len(w) for w in wrapped) * line_h + 2 * pad, wrapped

        header_h, header_lines = row_height(headers, bold)

        def draw_row(wrapped: list[list[str]], height: float, f: QFont, fill: QColor | None) -> None:
            if fill is not None:
                self.p.fillRect(QRectF(self.left, self.y, self.width, height), fill)
            self.p.setFont(f)
            self.p.setPen(QColor("#222222"))
            x = self.left
            for lines, w, k in zip(wrapped, widths, kolommen):
                align = Qt.AlignmentFlag.AlignRight if k.formaat in NUMERIC else Qt.AlignmentFlag.AlignLeft
                for n, line in enumerate(lines):
                    self.p.drawText(QRectF(x + pad, self.y + pad + n * line_h, w - 2 * pad, line_h),
                                    int(align | Qt.AlignmentFlag.AlignVCenter), line)
                x += w
            self.y += height

        def draw_header(cont: bool) -> None:
            if cont:
                self.text(caption + " (vervolg)", 8, italic=True, colour="#555555", after=1)
            draw_row(header_lines, header_h, bold, QColor("#dfe6ee"))
            self.p.setPen(QPen(QColor("#8899aa"), 0.6 * self.pt))
            self.p.drawLine(QPointF(self.left, self.y), QPointF(self.right, self.y))

        first_h = row_height(cells[0], font)[0] if cells else line_h
        whole = 14 * self.pt + header_h + sum(row_height(r, font)[0] for r in cells[:40])
        if len(cells) <= 40 and whole < (self.bottom - self.top) * 0.7:
            self.need(whole)  # a short table is kept on one page
        self.need(14 * self.pt + header_h + first_h * min(3, max(1, len(cells))))
        self.text(caption, 9.5, bold=True, after=2)
        draw_header(False)
        for number, row in enumerate(cells):
            height, wrapped = row_height(row, font)
            if self.y + height > self.bottom:
                self.new_page()
                draw_header(True)
            draw_row(wrapped, height, font, QColor("#f3f5f8") if number % 2 else None)
        if not cells:
            self.text("Geen rijen.", 8, italic=True)
        self.p.setPen(QPen(QColor("#8899aa"), 0.6 * self.pt))
        self.p.drawLine(QPointF(self.left, self.y), QPointF(self.right, self.y))
        self.y += 3 * self.pt
        if len(frame) > MAX_ROWS:
            self.text(f"De eerste {formatting.getal(MAX_ROWS)} van {formatting.getal(len(frame))} rijen; de volledige "
                      "tabel staat in het Excel-bestand van dit rapport.", 8, italic=True, colour="#555555")
        if tabel.toelichting:
            self.text(tabel.toelichting, 8, italic=True, colour="#555555")
        self.y += 5 * self.pt


def _title_page(flow: _Flow) -> None:
    r = flow.rapport
    flow.y = 80 * flow.mm
    flow.text(r.titel, 30, bold=True, colour="#1f3f5b", after=8)
    flow.text(r.project, 18, after=4)
    if r.gemeente:
        flow.text(f"Gemeente {r.gemeente}", 13, colour="#444444", after=20)
    flow.y = max(flow.y, 150 * flow.mm)
    flow.text(f"Datum: {formatting.datum(r.datum)}", 10, colour="#444444", after=2)
    flow.text(f"Gemaakt met Wijkkompas {r.versie}", 10, colour="#444444", after=2)
    flow.text("Onderdelen: " + (", ".join(x.titel for x in r.resultaten) or "geen"), 10, colour="#444444")


def _contents(flow: _Flow, entries: list[tuple[str, str]]) -> None:
    flow.heading("Inhoud", 1)
    font = flow.font(10.5)
    fm = flow.metrics(font)
    for key, label in entries:
        page = flow.totals.get("sections", {}).get(key)
        flow.need(fm.height() * 1.6)
        flow.p.setFont(font)
        flow.p.setPen(QColor("#222222"))
        rect = QRectF(flow.left, flow.y, flow.width, fm.height())
        flow.p.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), label)
        number = str(page) if page else ""
        flow.p.drawText(rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number)
        start = flow.left + fm.horizontalAdvance(label) + 4 * flow.pt
        end = flow.right - fm.horizontalAdvance(number or "00") - 4 * flow.pt
        flow.p.setPen(QPen(QColor("#aaaaaa"), 0.8 * flow.pt, Qt.PenStyle.DotLine))
        flow.p.drawLine(QPointF(start, flow.y + fm.ascent()), QPointF(end, flow.y + fm.ascent()))
        flow.y += fm.height() * 1.6


def _section(flow: _Flow, number: int, r: Resultaat) -> None:
    flow.running = f"{number}. {r.titel}"
    flow.new_page()
    flow.section_pages[f"s{number}"] = flow.page
    flow.heading(f"{number}. {r.titel}", 1)
    if r.ondertitel:
        flow.text(r.ondertitel, 10, italic=True, colour="#555555", after=6)
    for line in r.samenvatting:
        flow.text(line, 10, bullet="•", after=2)
    flow.y += 4 * flow.pt
    if r.waarschuwingen:
        flow.box([("Let op", flow.font(9.5, bold=True), "#7a4b00")]
                 + [(w, flow.font(9), "#222222") for w in r.waarschuwingen], "#e69f00")
    if r.bevindingen:
        flow.heading("Bevindingen", 2)
        for b in r.bevindingen:
            flow.finding(b)
    for i, g in enumerate(r.grafieken, start=1):
        if i == 1:
            flow.heading("Grafieken", 2)
        flow.chart(f"Figuur {number}.{i}  {g.titel}", g)
    for i, t in enumerate(r.tabellen, start=1):
        if i == 1:
            flow.heading("Tabellen", 2)
        flow.table(f"Tabel {number}.{i}  {t.titel}", t)
    if r.aannames:
        flow.heading("Aannames", 2)
        for a in r.aannames:
            flow.text(a, 9, bullet="•", after=1.5)
    if r.gegevensbasis:
        flow.heading("Gegevensbasis", 2)
        for g in r.gegevensbasis:
            rows = "" if g.rijen is None else f", {formatting.getal(g.rijen)} rijen"
            flow.text(f"{g.bestand} ({g.soort}{rows}{', ' + g.periode if g.periode else ''})", 9, bullet="•", after=1)
    if r.bronnen:
        flow.heading("Bronnen", 2)
        for b in r.bronnen:
            flow.text(b.tekst(), 9, bullet="•", after=1.5)


def _render(writer: QPdfWriter, rapport: Rapport, totals: dict | None) -> _Flow:
    painter = QPainter(writer)
    try:
        flow = _Flow(writer, painter, rapport, totals)
        _title_page(flow)
        flow.new_page()
        entries = [(f"s{n}", f"{n}.  {r.titel}") for n, r in enumerate(rapport.resultaten, start=1)]
        entries.append(("verantwoording", "Verantwoording: gegevensbasis, bronnen en aannames"))
        _contents(flow, entries)
        for n, r in enumerate(rapport.resultaten, start=1):
            _section(flow, n, r)
        flow.running = "Verantwoording"
        flow.new_page()
        flow.section_pages["verantwoording"] = flow.page
        flow.heading("Verantwoording", 1)
        flow.text("Waar de cijfers in dit rapport op rusten: de ingelezen bestanden, de openbare bronnen met hun "
                  "jaar, de aannames per onderdeel en de betekenis van de bewijssterktes.", 9.5, after=6)
        for t in verantwoording(rapport):
            flow.table(t.titel, t)
        flow.finish()
    finally:
        painter.end()
    return flow


def _writer(target) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setTitle("Wijkkompas-rapport")
    writer.setCreator("Wijkkompas")
    return writer


def schrijf_pdf(rapport: Rapport, path: str | Path) -> Path:
    """Write the report as A4 PDF (atomically); headless-safe."""
    ensure_gui_application()

    def write(temp: Path) -> None:
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        dry = _render(_writer(buffer), rapport, None)
        buffer.close()
        totals = {"pages": dry.page, "sections": dry.section_pages}
        writer = _writer(str(temp))
        _render(writer, rapport, totals)
        del writer
        if not temp.exists() or temp.stat().st_size == 0:
            raise OSError("het PDF-bestand bleef leeg")

    return schrijf_atomair(path, write)

