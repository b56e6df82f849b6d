"""Builders of hostile and broken inputs (the reproducers of issue 17), written to tmp dirs.

Why a module of its own: the reproducer tests, the fast fuzz suite and the long
fuzz run all build the same minimal workbooks; ``mkxlsx`` is the smallest
one-sheet .xlsx calamine accepts, with the sheet XML (and optionally the shared
strings) given verbatim, so one test states exactly which spelling it exercises.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Clientnummer</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Productcategorie</t></is></c>'
              '<c r="C1" t="inlineStr"><is><t>Ingangsdatum</t></is></c></row>')


def sheet_xml(rows_xml: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}">{dim}<sheetData>{rows_xml}</sheetData></worksheet>'


def xlsx_bytes(sheets: dict[str, str], shared_strings: str | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A workbook whose sheet XML (``name -> xml``) and sharedStrings.xml are taken verbatim."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT}.worksheet+xml"/>'
        for i in range(1, len(names) + 1))
    if shared_strings is not None:
        overrides += f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>{overrides}</Types>')
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    sheet_entries = "".join(
        f'<sheet name="{_attr(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{_REL}">'
                f'<sheets>{sheet_entries}</sheets></workbook>')
    rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                   for i in range(1, len(names) + 1))
    if shared_strings is not None:
        rels += f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    wb_rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
               f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        for i, name in enumerate(names, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", sheets[name])
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def mkxlsx(path: Path, rows_xml: str, *, sheet: str = "Blad1", shared_strings: str | None = None,
           dimension: str | None = None) -> Path:
    path.write_bytes(xlsx_bytes({sheet: sheet_xml(rows_xml, dimension)}, shared_strings))
    return path


def sst(strings: list[str], count: str | None = None, unique: str | None = None, quote: str = '"') -> str:
    c = count if count is not None else str(len(strings))
    u = unique if unique is not None else str(len(strings))
    items = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count={quote}{c}{quote} '
            f'uniqueCount={quote}{u}{quote}>{items}</sst>')


# --- the reproducers of issue 17, point 1 (each used to abort the process) -------------
def _cells_without_r(n: int) -> str:
    return "".join("<c><v>1</v></c>" for _ in range(n))


ABORT_REPRODUCERS: dict[str, tuple[str, str | None]] = {
    "enkele aanhalingstekens": (HEADER_ROW + "<row r='2'><c r='XFD1048576'><v>1</v></c></row>", None),
    "tab voor r": (HEADER_ROW + '<row r="2"><c\tr="XFD1048576"><v>1</v></c></row>', None),
    "spaties rond =": (HEADER_ROW + '<row r="2"><c r = "XFD1048576"><v>1</v></c></row>', None),
    "kleine letters": (HEADER_ROW + '<row r="2"><c r="xfd1048576"><v>1</v></c></row>', None),
    "rij 999999 met 3000 cellen zonder r": (HEADER_ROW + '<row r="999999">' + _cells_without_r(3000) + "</row>", None),
    "800000 lege rijen en 16384 cellen": (
        HEADER_ROW + "<row></row>" * 800_000 + "<row>" + _cells_without_r(16_384) + "</row>", None),
    "sharedStrings count 4 miljard": (
        HEADER_ROW.replace('t="inlineStr"><is><t>Clientnummer</t></is>', 't="s"><v>0</v>', 1),
        sst(["Clientnummer"], "4000000000", "4000000000", quote="'")),
}
