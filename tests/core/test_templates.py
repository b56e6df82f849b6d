"""The empty import templates: recognised without a mapping, explained, reproducible."""
from __future__ import annotations

import importlib
import sys

import pytest
from openpyxl import load_workbook

from wijkkompas import resources
from wijkkompas.core.imports import detect
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORTEN


@pytest.fixture(scope="module")
def make_templates(request):
    tools = request.config.rootpath / "tools"
    sys.path.insert(0, str(tools))
    try:
        yield importlib.import_module("make_templates")
    finally:
        sys.path.remove(str(tools))


@pytest.mark.parametrize("soort", SOORTEN)
def test_template_headers_map_every_canonical_column(soort, make_templates):
    detection = detect(resources.path("templates", f"{soort}.xlsx"))
    assert detection.soort == soort
    assert detection.header_rij == 1
    assert detection.kolommen == make_templates.template_headers(soort)
    assert set(detection.kolommen) == set(CANONICAL_COLUMNS[soort])
    assert detection.genegeerd == []
    assert detection.persoonsgegevens == []


@pytest.mark.parametrize("soort", SOORTEN)
def test_uitleg_sheet_explains_each_column_and_marks_required(soort):
    workbook = load_workbook(resources.path("templates", f"{soort}.xlsx"), read_only=True)
    assert workbook.sheetnames[1] == "Uitleg"
    rows = list(workbook["Uitleg"].iter_rows(values_only=True))
    header_index = next(i for i, row in enumerate(rows) if row and row[0] == "Kolom")
    table = {row[5]: row for row in rows[header_index + 1:] if row and row[5]}
    assert set(table) == set(CANONICAL_COLUMNS[soort])
    for canonical, row in table.items():
        assert row[1] == ("ja" if canonical in REQUIRED_COLUMNS[soort] else "nee")
        assert row[2] and row[3], f"uitleg ontbreekt voor {canonical}"
    if soort == "toewijzingen":
        assert "01 = Hulp bij het huishouden" in table["productcategorie"][4]
        assert "83 = Euro's" in table["eenheid"][4]
        assert "2 = Per week" in table["frequentie"][4]


def test_templates_are_byte_identical_when_regenerated(tmp_path, make_templates):
    make_templates.build(tmp_path)
    for soort in SOORTEN:
        fresh = (tmp_path / f"{soort}.xlsx").read_bytes()
        assert fresh == resources.path("templates", f"{soort}.xlsx").read_bytes(), (
            f"{soort}.xlsx wijkt af van tools/make_templates.py; draai het script opnieuw"
        )
