"""The exported controlerapport names columns as the GUI does (Dutch labels, not internal names)."""
from __future__ import annotations

import openpyxl

from wijkkompas.core.about import reference_sources
from wijkkompas.core.imports.report_export import export_report


def test_mapping_section_uses_dutch_column_labels(tmp_path):
    report = {"bestand": "t.xlsx", "soort": "toewijzingen", "rijen_gelezen": 1, "rijen_geldig": 1,
              "kolommen": {"client_id": "BSN", "postcode4": "Postcode"}, "fouten": [], "waarschuwingen": [],
              "aantal_fouten": 0, "aantal_waarschuwingen": 0}
    target = export_report(report, tmp_path / "rapport.xlsx")
    sheet = openpyxl.load_workbook(target).worksheets[0]
    values = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "BSN / cliëntnummer" in values and "Postcode (4 cijfers)" in values
    assert "client_id" not in values and "postcode4" not in values


def test_about_lists_the_sha256_of_every_source_file():
    sources = reference_sources()
    files = [f for s in sources for f in s["bronbestanden"]]
    assert files and all(len(f["sha256"]) == 64 for f in files)
