"""Word rendering of a ``Rapport`` with python-docx: real Word tables and chart images, ready to edit.

Why Word next to PDF: an adviser turns the analysis into a raadsvoorstel or
kadernota; editable headings, tables (header row repeated on each page) and
pictures save retyping. Charts are the same drawings as in the PDF, as 200-dpi
PNG. The contents is a Word field that Word fills in on "Veld bijwerken".
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from wijkkompas.core import formatting
from wijkkompas.core.resultaat import Formaat, Resultaat, Tabel
from wijkkompas.report.bestand import schrijf_atomair
from wijkkompas.report.charts import grafiek_png
from wijkkompas.report.rapport import SOORT_LABELS, Rapport, kop, sterkte_label, verantwoording

MAX_ROWS = 400
NUMERIC = (Formaat.EURO, Formaat.PROCENT, Formaat.GEHEEL, Formaat.DECIMAAL)
_XML_BAD = {c for c in range(32) if c not in (9, 10, 13)}


def _clean(text: object) -> str:
    """Word's XML rejects control characters; user text may contain them."""
    return "".join(ch for ch in str(text) if ord(ch) not in _XML_BAD)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    text = OxmlElement("w:t")
    text.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, text, end):
        run._r.append(element)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _column_widths(kolommen, headers: list[str], rows: list[list[str]], total_cm: float) -> list[float]:
    """Widths in cm by content length: amounts and header words unbroken, long text capped and wrapped."""
    weights = []
    for i, (kolom, header) in enumerate(zip(kolommen, headers)):
        longest_word = max((len(w) for w in header.split()), default=1)
        content = max([len(r[i]) for r in rows[:300]] + [1])
        if kolom.formaat in NUMERIC or kolom.formaat in (Formaat.DATUM, Formaat.MAAND):
            weights.append(max(longest_word, content) + 3)
        else:
            words = max((len(w) for r in rows[:300] for w in r[i].split()), default=1)
            weights.append(max(longest_word, words, min(content, 22)) + 2)
    return [total_cm * w / sum(weights) for w in weights]


def _table(doc, caption: str, tabel: Tabel) -> None:
    doc.add_paragraph(_clean(caption), style="Caption").paragraph_format.keep_with_next = True
    frame = tabel.zichtbaar()
    shown = frame.head(MAX_ROWS)
    kolommen = tabel.kolommen
    table = doc.add_table(rows=1, cols=len(kolommen))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(8 if len(kolommen) <= 6 else 7)
    header = table.rows[0]
    _repeat_header(header)
    for cell, kolom in zip(header.cells, kolommen):
        cell.text = ""
        run = cell.paragraphs[0].add_run(_clean(kop(kolom)))
        run.bold = True
        run.font.size = size
        _shade(cell, "DFE6EE")
        if kolom.formaat in NUMERIC:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    texts = [[_clean(k.opmaak(v)) for k, v in zip(kolommen, values)] for values in shown.itertuples(index=False)]
    for row_texts in texts:
        cells = table.add_row().cells
        for cell, kolom, text in zip(cells, kolommen, row_texts):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = size
            if kolom.formaat in NUMERIC:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table.autofit = False
    widths = _column_widths(kolommen, [kop(k) for k in kolommen], texts, 17.0)
    for grid_column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        grid_column.set(qn("w:w"), str(round(width * 567)))  # twips; LibreOffice reads the grid, Word the cells
    for column, width in zip(table.columns, widths):
        for cell in column.cells:
            cell.width = Cm(width)
    if len(frame) > MAX_ROWS:
        _note(doc, f"De eerste {formatting.getal(MAX_ROWS)} van {formatting.getal(len(frame))} rijen; de volledige "
                   "tabel staat in het Excel-bestand van dit rapport.")
    if tabel.toelichting:
        _note(doc, tabel.toelichting)
    doc.add_paragraph()


def _note(doc, text: str) -> None:
    run = doc.add_paragraph().add_run(_clean(text))
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _section(doc, number: int, r: Resultaat) -> None:
    doc.add_heading(_clean(f"{number}. {r.titel}"), level=1)
    if r.ondertitel:
        doc.add_paragraph(_clean(r.ondertitel)).runs[0].italic = True
    for line in r.samenvatting:
        doc.add_paragraph(_clean(line), style="List Bullet")
    if r.waarschuwingen:
        p = doc.add_paragraph()
        p.add_run("Let op: ").bold = True
        p.add_run(_clean(" ".join(r.waarschuwingen)))
    if r.bevindingen:
        doc.add_heading("Bevindingen", level=2)
        for b in r.bevindingen:
            p = doc.add_paragraph()
            p.add_run(_clean(b.titel)).bold = True
            if b.tekst:
                p.add_run("\n" + _clean(b.tekst))
            meta = f"{SOORT_LABELS.get(b.soort, b.soort)} · Bewijssterkte: {sterkte_label(b.sterkte)}"
            if b.bron:
                meta += f" · Bron: {b.bron}"
            run = p.add_run("\n" + _clean(meta))
            run.italic = True
            run.font.size = Pt(8)
    for i, g in enumerate(r.grafieken, start=1):
        if i == 1:
            doc.add_heading("Grafieken", level=2)
        doc.add_paragraph(_clean(f"Figuur {number}.{i}  {g.titel}"), style="Caption")
        doc.add_picture(io.BytesIO(grafiek_png(g)), width=Cm(16))
        if g.toelichting:
            _note(doc, g.toelichting)
    for i, t in enumerate(r.tabellen, start=1):
        if i == 1:
            doc.add_heading("Tabellen", level=2)
        _table(doc, f"Tabel {number}.{i}  {t.titel}", t)
    if r.aannames:
        doc.add_heading("Aannames", level=2)
        for a in r.aannames:
            doc.add_paragraph(_clean(a), style="List Bullet")
    if r.bronnen:
        doc.add_heading("Bronnen", level=2)
        for b in r.bronnen:
            doc.add_paragraph(_clean(b.tekst()), style="List Bullet")


def _document(rapport: Rapport):
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    footer = section.footer.paragraphs[0]
    footer.text = _clean(f"{rapport.project} — {rapport.titel.lower()} van {formatting.datum(rapport.datum)} — pagina ")
    _field(footer, "PAGE", "1")
    footer.add_run(" van ")
    _field(footer, "NUMPAGES", "1")

    doc.add_heading(_clean(rapport.titel), level=0)
    doc.add_paragraph(_clean(rapport.project)).runs[0].font.size = Pt(16)
    if rapport.gemeente:
        doc.add_paragraph(_clean(f"Gemeente {rapport.gemeente}"))
    doc.add_paragraph(f"Datum: {formatting.datum(rapport.datum)}\nGemaakt met Wijkkompas {rapport.versie}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Inhoud", level=1)
    _field(doc.add_paragraph(), 'TOC \\o "1-1" \\h \\z \\u',
           "Klik met de rechtermuisknop en kies 'Veld bijwerken' om de inhoudsopgave te tonen.")
    for n, r in enumerate(rapport.resultaten, start=1):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _section(doc, n, r)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("Verantwoording", level=1)
    doc.add_paragraph("Waar de cijfers in dit rapport op rusten: de ingelezen bestanden, de openbare bronnen met hun "
                      "jaar, de aannames per onderdeel en de betekenis van de bewijssterktes.")
    for t in verantwoording(rapport):
        _table(doc, t.titel, t)
    return doc


def schrijf_docx(rapport: Rapport, path: str | Path) -> Path:
    """Write the report as .docx (atomically)."""
    return schrijf_atomair(path, lambda temp: _document(rapport).save(str(temp)))
