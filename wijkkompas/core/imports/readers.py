"""Read municipal exports (.xlsx/.xlsm/.xls, .csv/.txt) into raw rows.

Why this shape: the file is read into memory once (so the sha256 we record is
the hash of exactly the bytes we parsed, and the source is never opened for
writing), its real format is taken from the content rather than the file
name (exports get renamed), and every spreadsheet is treated as untrusted:
zip members are checked for decompression bombs before python-calamine (fast,
Rust) sees them. Cells keep their raw types (str, float, int, date,
datetime, time, timedelta, None); coercion happens in ``validate``. Row ``i``
of ``rows`` is Excel row ``i + 1`` (calamine is asked not to skip the empty
area above and left of the data), so messages can name the row the user sees.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports.xls_guard import check_xls
from wijkkompas.core.imports.xlsx_guard import (  # noqa: F401 - re-exported: tests and callers use readers.*
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_UNCOMPRESSED,
    RATIO_MIN_SIZE,
    ZipScan,
    check_zip,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")  # .xlsb/.ods: recognised, refused with advice
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")

MAX_FILE_BYTES = 1024**3

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


@dataclass
class SheetInfo:
    naam: str
    zichtbaar: bool


@dataclass
class Source:
    """One opened input file: its bytes' hash and a way to read its sheets."""

    path: Path
    sha256: str
    formaat: str  # "excel" or "tekst"
    bladen: list[SheetInfo] = field(default_factory=list)
    encoding: str | None = None
    separator: str | None = None
    _workbook: Any = None
    _sheets: dict[str, Any] = field(default_factory=dict)
    _text: str | None = None
    _text_rows: list[list[str]] | None = None
    too_big: dict[str, tuple[int, int]] = field(default_factory=dict)
    # sheet -> {(excel row, 0-based column): "#N/B"}: error values calamine reports as empty cells
    error_cells: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)

    @property
    def naam(self) -> str:
        return self.path.name

    def sheet_names(self, include_hidden: bool = False) -> list[str]:
        return [b.naam for b in self.bladen if include_hidden or b.zichtbaar]

    def resolve_sheet(self, blad: str) -> str:
        """Exact sheet name for what the user typed (case/space-insensitive)."""
        names = [b.naam for b in self.bladen]
        if blad in names:
            return blad
        wanted = " ".join(blad.split()).casefold()
        for name in names:
            if " ".join(name.split()).casefold() == wanted:
                return name
        raise ImportFileError(
            f"Blad '{blad}' bestaat niet in '{self.naam}'. Bladen in dit bestand: {', '.join(names) or '(geen)'}."
        )

    def prefetch(self, blad: str | None = None) -> None:
        """Parse the sheet an import will read first (``blad``, else the first visible one), keeping it.

        Why: calamine's parse is most of the time of a large import and releases
        the GIL; the CLI calls this while the pipeline's libraries load on a
        second thread. Anything wrong is left for ``rows`` to report in Dutch.
        """
        if self.formaat != "excel":
            return
        try:
            name = self.resolve_sheet(blad) if blad else next(iter(self.sheet_names()), None)
        except ImportFileError:
            return
        if name is None or name in self.too_big or name in self._sheets:
            return
        try:
            self._sheets = {name: self._workbook.get_sheet_by_name(name)}
        except BaseException as exc:  # noqa: BLE001 - Rust panics too; rows() parses again and says why in Dutch
            _reraise_fatal(exc)

    def rows(self, blad: str | None, nrows: int | None = None) -> list[list[Any]]:
        """Raw rows of a sheet (or the text file), from row 1; '' means empty."""
        if self.formaat == "tekst":
            assert self._text is not None and self.separator is not None
            # not cached: the caller owns the (possibly millions of) rows and frees them when done
            rows = _parse_text(self._text, self.separator, self.naam, nrows)
            _check_width(rows, self.naam)
            return rows
        assert blad is not None
        if blad in self.too_big:
            raise ImportFileError(_too_big_text(self.naam, blad, *self.too_big[blad]))
        sheet = self._sheets.get(blad)
        if sheet is None:
            try:
                sheet = self._workbook.get_sheet_by_name(blad)
            except BaseException as exc:  # calamine raises Rust panics as BaseException
                _reraise_fatal(exc)
                raise ImportFileError(
                    f"Blad '{blad}' in '{self.naam}' kan niet worden gelezen; het bestand is mogelijk beschadigd.",
                    details=repr(exc),
                ) from exc
            # one parsed sheet at a time: each holds its whole grid (32 bytes a cell)
            self._sheets = {blad: sheet}
        end = getattr(sheet, "end", None) or (0, 0)
        height = end[0] + 1 if nrows is None else min(nrows, end[0] + 1)
        if height * (end[1] + 1) > MAX_CELLS or end[1] + 1 > MAX_COLUMNS:
            raise ImportFileError(
                f"Blad '{blad}' in '{self.naam}' is te groot om in te lezen "
                f"({end[0] + 1} rijen × {end[1] + 1} kolommen). "
                "Staat er ver onder of naast de gegevens nog een losse waarde? Verwijder die en probeer opnieuw."
            )
        try:
            rows = sheet.to_python(skip_empty_area=False, nrows=nrows)
            if nrows is None:
                self._sheets = {}  # the full read is done once; free calamine's copy of the grid
            return rows
        except BaseException as exc:
            _reraise_fatal(exc)
            raise ImportFileError(
                f"Blad '{blad}' in '{self.naam}' kan niet worden gelezen; het bestand is mogelijk beschadigd.",
                details=repr(exc),
            ) from exc


def _check_width(rows: list[list[str]], naam: str) -> None:
    """A text line with more fields than any export has: a wrong separator or a broken file."""
    widest = max(range(len(rows)), key=lambda i: len(rows[i]), default=None)
    if widest is not None and len(rows[widest]) > MAX_COLUMNS:
        raise ImportFileError(
            f"'{naam}' heeft op regel {widest + 1} {len(rows[widest])} velden; dat zijn er meer dan een export "
            f"kan hebben ({MAX_COLUMNS}). Is het bestand beschadigd, of staat er een scheidingsteken in de tekst? "
            "Open het in Excel, controleer de kolommen en sla het opnieuw op als CSV."
        )


def _reraise_fatal(exc: BaseException) -> None:
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError)):
        raise exc


def open_source(path: str | Path) -> Source:
    """Read ``path`` (read-only, once) and prepare it for sheet access.

    Raises ImportFileError with a Dutch message for anything that is not a
    readable spreadsheet or text table.
    """
    path = Path(path)
    data = _read_bytes(path)
    sha = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if data.startswith(_ZIP_MAGIC):
        return _open_excel(path, data, sha, zipped=True)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in data:
            raise ImportFileError(
                f"'{path.name}' is beveiligd met een wachtwoord. Sla het in Excel op zonder wachtwoord en probeer opnieuw."
            )
        return _open_excel(path, data, sha, zipped=False)
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
        raise ImportFileError(
            f"'{path.name}' is geen echt Excel-bestand maar een webpagina of XML-export. "
            "Open het in Excel en sla het op als Excel-werkmap (.xlsx); importeer dat bestand."
        )
    if suffix in EXCEL_SUFFIXES:
        raise ImportFileError(
            f"'{path.name}' heeft de extensie {suffix}, maar is geen Excel-werkmap (de inhoud klopt niet). "
            "Misschien is het bestand hernoemd of beschadigd. Is het een CSV-bestand, geef het dan de extensie .csv."
        )
    return _open_text(path, data, sha)


def _read_bytes(path: Path) -> bytes:
    from wijkkompas.core.userfile import read_user_file  # not a FIFO or device; Dutch OS messages

    data = read_user_file(path, "Het bestand", MAX_FILE_BYTES, error=ImportFileError)
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(f"'{path.name}' is groter dan 1 GB en wordt niet ingelezen. Splits het bestand.")
    if not data.strip():
        raise ImportFileError(f"'{path.name}' is leeg.")
    return data


# ---------------------------------------------------------------------------
# spreadsheets


def _sheet_members(data: bytes) -> dict[str, str]:
    """Sheet name -> zip member, from xl/workbook.xml and its relationships."""
    import xml.etree.ElementTree as ET

    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    out = {}
    for element in workbook.iter():
        if element.tag.endswith("}sheet") and element.get(ns_rel) in targets:
            out[element.get("name", "")] = targets[element.get(ns_rel)]
    return out


def _open_excel(path: Path, data: bytes, sha: str, *, zipped: bool) -> Source:
    too_big: dict[str, tuple[int, int]] = {}
    error_cells: dict[str, dict[tuple[int, int], str]] = {}
    if not zipped:
        check_xls(data, path.name)
    if zipped:
        scan = check_zip(data, path.name)
        _refuse_unsupported_zip(data, path.name)
        oversized = scan.oversized
        if scan.long_strings:
            raise ImportFileError(
                f"'{path.name}' wordt niet geopend: een zeer lange tekst staat in heel veel cellen herhaald, "
                "waardoor het bestand uitgepakt veel te groot wordt. Kort de tekst in of verwijder de herhalingen, "
                "bewaar het bestand en probeer opnieuw.")
        if oversized or scan.error_cells:
            try:
                members = _sheet_members(data)
            except Exception:  # noqa: BLE001 - cannot tell which sheet: refuse the file if it matters
                members = {}
            too_big = {sheet: oversized[m] for sheet, m in members.items() if m in oversized}
            error_cells = {sheet: scan.error_cells[m] for sheet, m in members.items() if m in scan.error_cells}
            if len(too_big) < len(oversized):
                rows, cols = next(iter(oversized.values()))
                raise ImportFileError(_too_big_text(path.name, None, rows, cols))
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        metadata = list(workbook.sheets_metadata)
    except BaseException as exc:  # calamine errors (and Rust panics) become a Dutch message
        _reraise_fatal(exc)
        kind = type(exc).__name__
        if kind == "PasswordError":
            melding = f"'{path.name}' is beveiligd met een wachtwoord. Sla het op zonder wachtwoord en probeer opnieuw."
        else:
            melding = (
                f"'{path.name}' kan niet als Excel-werkmap worden gelezen; het bestand is beschadigd of "
                "heeft een onbekend formaat. Open en bewaar het opnieuw in Excel."
            )
        raise ImportFileError(melding, details=repr(exc)) from exc
    bladen = [
        SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible)
        for m in metadata
        if m.typ == SheetTypeEnum.WorkSheet
    ]
    if not bladen:
        raise ImportFileError(f"'{path.name}' bevat geen werkbladen met gegevens.")
    return Source(path=path, sha256=sha, formaat="excel", bladen=bladen, _workbook=workbook, too_big=too_big,
                  error_cells=error_cells)


def _too_big_text(naam: str, blad: str | None, rows: int, cols: int) -> str:
    where = f"Blad '{blad}' in '{naam}'" if blad else f"Een blad in '{naam}'"
    return (
        f"{where} is te groot om in te lezen (gegevens tot rij {rows}" + (f" en kolom {cols}" if cols else "") + "). "
        "Staat er ver onder of naast de gegevens nog een losse waarde? Verwijder die, bewaar het bestand en probeer opnieuw."
    )


def _refuse_unsupported_zip(data: bytes, name: str) -> None:
    """ODS and XLSB are zips calamine reads without a cheap size check: ask for .xlsx."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # noqa: BLE001 - check_zip already vetted the archive; let calamine judge the rest
        return
    if b"opendocument" in mimetype or "xl/workbook.bin" in names:
        kind = "OpenDocument-rekenblad (.ods)" if b"opendocument" in mimetype else "binaire Excel-werkmap (.xlsb)"
        raise ImportFileError(
            f"'{name}' is een {kind}; dat formaat wordt niet ingelezen. Sla het op als Excel-werkmap (.xlsx) en probeer opnieuw."
        )


# ---------------------------------------------------------------------------
# text (CSV)

_SEPARATORS = (";", "\t", ",")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding: BOM first, then strict UTF-8, then Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ImportFileError(f"'{name}' bevat ongeldige tekens voor {encoding}.") from exc
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        head = data[:65536]
        if head.count(b"\x00") * 20 > len(head) or _binary_share(head) > 0.1:
            raise ImportFileError(
                f"'{name}' is geen tekstbestand (CSV) en geen Excel-werkmap; het kan niet worden gelezen."
            )
        line = data[:data.index(b"\x00")].count(b"\n") + 1
        raise ImportFileError(
            f"'{name}' bevat op regel {line} een ongeldig nul-teken; het bestand is beschadigd of deels binair. "
            "Open het in Excel of een teksteditor, sla het opnieuw op als CSV en probeer opnieuw."
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM (some exports do): NULs in every other byte, and it decodes."""
    head = data[:65536]
    even, odd = head[0::2], head[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros and zeros.count(0) > 0.6 * len(zeros) and other.count(0) < 0.05 * max(len(other), 1):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if "\x00" not in text else None
    return None


def _binary_share(head: bytes) -> float:
    """Share of control bytes other than tab/CR/LF: text has almost none."""
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
    return controls / max(len(head), 1)


def sniff_separator(text: str) -> str:
    """The separator that splits most of the first lines into the same number (>1) of fields.

    Ties go to ';' (Dutch Excel default), then tab, then ','. Decimal commas
    in a ';' file make ',' counts vary per line, so ',' loses there.
    """
    lines = [line for line in text.splitlines()[:200] if line.strip()][:100]
    best, best_score = ";", 0
    for separator in _SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=separator)]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        _, score = Counter(multi).most_common(1)[0]
        if score > best_score:
            best, best_score = separator, score
    return best


_SEP_HINT = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


def _open_text(path: Path, data: bytes, sha: str) -> Source:
    text, encoding = decode_text(data, path.name)
    # Excel's "sep=;" first line fixes the separator and is not shown as a row in Excel.
    first_line, _, rest = text.partition("\n")
    hint = _SEP_HINT.match(first_line.rstrip("\r"))
    if hint:
        text, separator = rest, hint.group(1)
    else:
        separator = sniff_separator(text)
    if not text.strip():
        raise ImportFileError(f"'{path.name}' is leeg.")
    return Source(path=path, sha256=sha, formaat="tekst", encoding=encoding, separator=separator, _text=text)


def _parse_text(text: str, separator: str, name: str, nrows: int | None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    # Interned cells: an export repeats the same codes, dates and statuses millions of times, and one
    # str object per cell was most of a 3-million-row import's memory (about 2 GB).
    intern = sys.intern
    try:
        lines = reader if nrows is None else itertools.islice(reader, nrows)
        return [list(map(intern, row)) for row in lines]
    except csv.Error as exc:
        reason = ("een veld is langer dan 131.072 tekens; waarschijnlijk wordt een aanhalingsteken (\") niet "
                  "gesloten" if "field larger" in str(exc) else "de indeling klopt niet (aanhalingstekens of regeleinden)")
        raise ImportFileError(
            f"'{name}' is geen leesbaar CSV-bestand (regel {reader.line_num}): {reason}. "
            "Open het in Excel, sla het opnieuw op als CSV en probeer opnieuw.", details=repr(exc)
        ) from exc


# ---------------------------------------------------------------------------
# rows -> columns

def columns_below(rows: list[list[Any]], header_index: int, width: int) -> list[np.ndarray]:
    """Object columns of the rows under the header; '' cells become None.

    One 2-D object array filled from the row lists, then sliced: ~5x faster
    than zip(*rows) on 200.000 rows, and no dtype guessing.
    """
    body = rows[header_index + 1:]
    # column-major: each column is a contiguous view of the grid, no second copy of every cell
    grid = np.empty((len(body), width), dtype=object, order="F")
    if body:
        if {len(r) for r in body} != {width}:
            body = [(list(r) + [None] * width)[:width] for r in body]
        grid[:] = body
    del body
    columns = []
    for i in range(width):
        column = grid[:, i]
        column[column == ""] = None
        columns.append(column)
    return columns
