"""The PDF (text, pages, sources) and the Word file (tables, pictures) of the same report."""
from __future__ import annotations

import re
from datetime import date
import subprocess
import sys

import docx
import pytest
from pypdf import PdfReader

from report_fixtures import FORMULA_TEXTS, klein_resultaat, project, rijk_resultaat
from wijkkompas.report import rapport_van, schrijf_docx, schrijf_pdf


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory):
    rapport = rapport_van([rijk_resultaat(), klein_resultaat()], project(), date(2026, 3, 5))
    reader = PdfReader(str(schrijf_pdf(rapport, tmp_path_factory.mktemp("pdf") / "R.pdf")))
    # Qt writes word gaps that pypdf reads as tabs; compare on single spaces.
    return [re.sub(r"[ \t]+", " ", page.extract_text()) for page in reader.pages]


def test_pdf_contains_key_numbers_sources_and_page_numbers(pdf_pages):
    text = "\n".join(pdf_pages)
    assert "Testproject Voorbeeldstad" in pdf_pages[0] and "05-03-2026" in pdf_pages[0]
    assert "Inhoud" in pdf_pages[1]
    for needle in ("€ 1.234.568", "12,3%", "01-01-2024", "Budget (€)", "Bewijssterkte: Causaal, significant",
                   "Bewijssterkte: Kwalitatief", "Bron: Bron 0", "Kleine aantallen in W15"):
        assert needle in text, needle
    n = len(pdf_pages)
    assert all(f"pagina {i} van {n}" in pdf_pages[i - 1] for i in range(2, n + 1))
    last = "\n".join(pdf_pages[-2:])
    assert "Verantwoording" in last and "Kerncijfers wijken en buurten" in last and "wijken.xlsx" in last
    assert "Gemeentefonds circulaire" in last and "2025" in last


def test_pdf_repeats_table_header_across_pages(pdf_pages):
    spanning = [p for p in pdf_pages if "Alle declaratieregels" in p]
    assert len(spanning) >= 3  # 140 rows do not fit on one page
    assert sum("Alle declaratieregels (vervolg)" in p for p in spanning) == len(spanning) - 1
    assert all("Omschrijving" in p and "Bedrag (€)" in p for p in spanning)
    assert "€ 140.070,00" in "\n".join(pdf_pages)  # the last row (1000.5 * 140)


def test_pdf_contents_points_to_real_pages(pdf_pages):
    lines = [x.strip() for x in pdf_pages[1].splitlines()]
    for title in ("2. Positie", "Verantwoording"):
        at = next(i for i, x in enumerate(lines) if x.startswith(title))
        page = int(lines[at + 1] if not lines[at].split()[-1].isdigit() else lines[at].split()[-1])
        assert pdf_pages[page - 1].lstrip().startswith(title.replace("Verantwoording", "Verantwoording"))
        assert title not in pdf_pages[page - 2].split("\n")[0]


def test_docx_has_real_tables_pictures_and_text(rapport, tmp_path):
    document = docx.Document(str(schrijf_docx(rapport, tmp_path / "R.docx")))
    # 2 section tables + 1 positie table + 4 verantwoording tables
    assert len(document.tables) == 7
    wijken = document.tables[0]
    assert [c.text for c in wijken.rows[0].cells][:3] == ["Wijk", "Naam", "Budget (€)"]
    assert wijken.rows[1].cells[2].text == "€ 1.234.568"
    assert len(wijken.rows) == 16
    assert len(document.tables[1].rows) == 141
    assert len(document.inline_shapes) == 6
    body = "\n".join(p.text for p in document.paragraphs)
    assert "1. Verdeelmodel" in body and "Bewijssterkte: Beschrijvend" in body
    assert FORMULA_TEXTS[0] in "\n".join(c.text for row in wijken.rows for c in row.cells)
    sources = document.tables[4]
    assert ["CBS", "Kerncijfers wijken en buurten", "2024", "Verdeelmodel, Positie"] == \
        [c.text for c in sources.rows[1].cells]


def test_report_package_never_imports_qtwidgets():
    code = ("import sys, wijkkompas.report, wijkkompas.report.xlsx, wijkkompas.report.pdf, "
            "wijkkompas.report.docx, wijkkompas.report.charts; "
            "print('PySide6.QtWidgets' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_empty_chart_and_table_render_with_a_note(tmp_path):
    import pandas as pd

    from wijkkompas.core.resultaat import Grafiek, Kolom, Reeks, Resultaat, Tabel
    from wijkkompas.report import schrijf_xlsx

    leeg = Resultaat("leeg", "Leeg onderdeel",
                     grafieken=[Grafiek("g", "Niets", "lijn", "Jaar", "Aantal", [Reeks("r", "R", [], [])]),
                                Grafiek("h", "Gaten", "staaf", "Wijk", "Aantal", [Reeks("r", "R", ["W1"], [None])])],
                     tabellen=[Tabel("t", "Lege tabel", pd.DataFrame({"a": []}), [Kolom("a", "A")])])
    rapport = rapport_van([leeg], project(), date(2026, 3, 5))
    pages = PdfReader(str(schrijf_pdf(rapport, tmp_path / "L.pdf"))).pages
    text = re.sub(r"[ \t]+", " ", " ".join(p.extract_text() for p in pages))
    assert text.count("Geen gegevens voor deze grafiek.") == 2 and "Geen rijen." in text
    assert len(docx.Document(str(schrijf_docx(rapport, tmp_path / "L.docx"))).inline_shapes) == 2
    schrijf_xlsx(rapport, tmp_path / "L.xlsx")
