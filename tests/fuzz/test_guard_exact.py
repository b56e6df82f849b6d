"""The xlsx guard never sees a smaller grid than calamine builds (issue 17, point 1).

Random small sheets in every spelling quick-xml accepts (quotes, whitespace
around '=', tabs and newlines, lowercase columns, cells and rows without r,
self-closing rows) are read by calamine for real and by the guard; the
guard's bound must cover calamine's last row and column. Small coordinates
only, so calamine cannot abort here whatever the guard says.
"""
from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from hostile import sheet_xml, xlsx_bytes

from wijkkompas.core.imports.xlsx_guard import SheetScan

quotes = st.sampled_from(['"', "'"])
equals = st.sampled_from(["=", " = ", "\t=", "=\n", "  =  "])
spaces = st.sampled_from([" ", "\t", "\n", "  ", "\r\n"])


def _letters(col: int, lower: bool) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out.lower() if lower else out


@st.composite
def sheets(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        row_r = draw(st.one_of(st.none(), st.integers(1, 3000)))
        attr = "" if row_r is None else f"{draw(spaces)}r{draw(equals)}{(q := draw(quotes))}{row_r}{q}"
        if draw(st.booleans()) and row_r is not None and draw(st.integers(0, 4)) == 0:
            parts.append(f"<row{attr}/>")
            continue
        cells = []
        for _ in range(draw(st.integers(0, 6))):
            if draw(st.booleans()):
                ref = f"{_letters(draw(st.integers(1, 200)), draw(st.booleans()))}{draw(st.integers(1, 3000))}"
                cattr = f"{draw(spaces)}r{draw(equals)}{(q := draw(quotes))}{ref}{q}"
            else:
                cattr = ""
            cells.append(f"<c{cattr}><v>1</v></c>")
        parts.append(f"<row{attr}>{''.join(cells)}</row>")
    return "".join(parts)


def _guard_extent(xml: str):
    scan = SheetScan()
    data = xml.encode()
    for attempt in (0, 1):
        if attempt:
            scan = SheetScan(exact=True)
        for i in range(0, len(data), 97):  # small chunks: boundaries inside tags are exercised too
            scan.feed(data[i:i + 97])
            if scan.restart:
                break
        if not scan.restart:
            scan.feed(b"", final=True)
        if not scan.restart:
            return scan.extent
    raise AssertionError("unreachable")


@settings(max_examples=60, deadline=None)
@given(sheets())
def test_guard_bound_covers_calamines_grid(rows_xml):
    from python_calamine import CalamineWorkbook

    xml = sheet_xml(rows_xml)
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(xlsx_bytes({"Blad1": xml})))
    sheet = workbook.get_sheet_by_name("Blad1")
    extent = _guard_extent(xml)
    if sheet.height == 0 or not sheet.to_python():
        return
    last_row, last_col = sheet.end  # 0-based
    assert extent.max_row >= last_row + 1
    assert extent.max_col >= last_col + 1


def test_the_reproducers_spellings_are_all_seen():
    for cell in ("<c r='XFD1048576'>", '<c\tr="XFD1048576">', '<c r = "XFD1048576">', '<c r="xfd1048576">'):
        extent = _guard_extent(sheet_xml(f'<row r="1">{cell}<v>1</v></c></row>'))
        assert (extent.max_row, extent.max_col) == (1048576, 16384), cell
    counted = _guard_extent(sheet_xml('<row r="999999">' + "<c><v>1</v></c>" * 3000 + "</row>"))
    assert (counted.max_row, counted.max_col) == (999999, 3000)


def _scan(data: bytes, threaded: bool, strings: bool = True) -> SheetScan:
    """One attempt of the fast path, fed in 97-byte chunks, sequentially or on two threads."""
    scan = SheetScan()
    if strings:
        scan.collect_string_refs()
    chunks = [data[i:i + 97] for i in range(0, len(data), 97)]
    if threaded:
        scan.feed_threaded(chunks, in_flight=3)
        return scan
    for chunk in chunks:
        scan.feed(chunk)
        if scan.restart:
            return scan
    scan.feed(b"", final=True)
    return scan


standard_cells = st.lists(st.tuples(st.integers(1, 200), st.integers(1, 5000), st.sampled_from(["n", "s", "e"])),
                          min_size=0, max_size=120)


@settings(max_examples=60, deadline=None)
@given(standard_cells, st.one_of(st.none(), st.integers(0, 119)))
def test_threaded_scan_equals_the_sequential_one(cells, odd_at):
    """Parts scanned in any order, merged in file order: the same extent, errors and string counts.

    ``odd_at`` puts one cell in a non-standard spelling there: both must ask for the exact replay.
    """
    parts = []
    for i, (col, row, kind) in enumerate(cells):
        ref = f"{_letters(col, False)}{row}"
        attr = f"r='{ref}'" if i == odd_at else f'r="{ref}"'
        if kind == "e":
            parts.append(f'<row r="{row}"><c {attr} t="e"><v>#N/B</v></c></row>')
        elif kind == "s":
            parts.append(f'<row r="{row}"><c {attr} t="s"><v>{row % 7}</v></c></row>')
        else:
            parts.append(f'<row r="{row}"><c {attr}><v>{row}</v></c></row>')
    data = sheet_xml("".join(parts)).encode()
    one, two = _scan(data, threaded=False), _scan(data, threaded=True)
    assert one.restart == two.restart == (odd_at is not None and odd_at < len(cells))
    if not one.restart:
        a, b = one.extent, two.extent
        assert (a.min_row, a.max_row, a.min_col, a.max_col, a.cells) == \
            (b.min_row, b.max_row, b.min_col, b.max_col, b.cells)
        assert a.errors == b.errors and list(a.errors) == list(b.errors)
        assert a.string_refs == b.string_refs


def test_check_zip_gives_the_same_verdict_on_threads(monkeypatch):
    """The whole guard with every sheet on the threaded path: same oversized sheets and error cells."""
    from wijkkompas.core.imports import xlsx_guard

    rows = "".join(f'<row r="{r}"><c r="B{r}" t="e"><v>#DEEL/0!</v></c><c r="C{r}"><v>{r}</v></c></row>'
                   for r in range(1, 400))
    data = xlsx_bytes({"Blad1": sheet_xml(rows), "Blad2": sheet_xml('<row r="1"><c r="XFD1048576"><v>1</v></c></row>'),
                       "Blad3": sheet_xml("<row r='2'><c r='D2'><v>1</v></c></row>")})
    sequential = xlsx_guard.check_zip(data, "x.xlsx")
    monkeypatch.setattr(xlsx_guard, "THREADED_MIN_BYTES", 0)
    threaded = xlsx_guard.check_zip(data, "x.xlsx")
    assert threaded == sequential
    assert len(threaded.error_cells["xl/worksheets/sheet1.xml"]) == 399
    assert threaded.oversized == {"xl/worksheets/sheet2.xml": (1048576, 16384)}


def test_a_damaged_part_on_a_worker_thread_is_raised_to_the_caller():
    import pytest

    from wijkkompas.core.imports.xlsx_guard import Damaged

    data = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' * 50 + '<row r="1"><c r="A0"><v>1</v></c></row>').encode()
    with pytest.raises(Damaged):
        _scan(data, threaded=True)
