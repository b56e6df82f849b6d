"""Vet an .xlsx (zip of XML) the way python-calamine will read it, before it does.

Why exact and not a byte pattern: calamine sizes a dense grid from the cell
positions it computes, and reserves the shared-string table from the declared
``uniqueCount``; a 2 KB file with one cell at XFD1048576 makes it ask for
512 GB and the Rust allocator aborts the whole process (no ``except`` catches
that). The old guard matched one spelling (`` r="…"``); quick-xml also accepts
single quotes, whitespace around ``=``, tabs, lowercase column letters, and
cells *without* ``r`` that are placed by counting (row counter set by
``<row r>``, bumped by every ``</row>`` or ``<row/>``; column counter reset per
row, bumped per cell). So per worksheet we compute a bound on the grid that is
never smaller than calamine's:

- fast path (what Excel, openpyxl, xlsxwriter and LibreOffice write): every
  ``<c`` tag starts ``<c r="`` and no other ``r`` attribute spelling occurs, so
  each cell's position is exactly its reference; the references are parsed
  with numpy over the raw bytes (about 0,8 s per 100 MB of XML on one core;
  sheets from 16 MB on two threads, see ``xlsx_sheet``);
- exact path (anything else): a tokenizer replays calamine's counters tag by
  tag, counting self-closing cells and rows too (over-counting only makes the
  bound larger, never smaller).

Memory is bounded by what the file honestly holds: a grid much larger than the
cells in the XML is a stray value far away (refused with advice), and shared
strings repeated in many cells may not add up to more than ``MAX_STRING_CHARS``
characters (calamine and Python each copy the text per cell).
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports.xlsx_sheet import (  # noqa: F401 - re-exported: the guard's limits and scanner
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ERROR_CELLS,
    MAX_STRING_CHARS,
    SPARSE_MIN_CELLS,
    SPARSE_RATIO,
    Damaged,
    SheetExtent,
    SheetScan,
    column_number,
)

_SST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?sst(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_UNIQUE = re.compile(rb"(?:^|\s)uniqueCount\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# literal start ("ount"): a fast scan; the attribute's full name is checked on the (rare) hits
_ANY_COUNT = re.compile(rb"ount\s*=\s*[\"'][^\"'0-9]{0,8}([0-9]{6,})")
_SI = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>/]")


@dataclass
class SharedStrings:
    """Byte length of every shared string (index order), to bound what repeated references cost."""

    lengths: np.ndarray
    unique_count: int

    @property
    def longest(self) -> int:
        return int(self.lengths.max()) if len(self.lengths) else 0


def scan_shared_strings(data: bytes) -> SharedStrings:
    """Parse sharedStrings.xml's declared ``uniqueCount`` (calamine reserves 24 bytes per string) and sizes."""
    tag = _SST_TAG.search(data)
    unique = 0
    if tag is not None:
        for m in _UNIQUE.finditer(tag.group(1)):
            value = m.group(1) if m.group(1) is not None else m.group(2)
            digits = re.search(rb"[0-9]+", value)
            if digits:
                unique = max(unique, int(digits.group(0)[:20]))
    if unique > len(data) // 4 + 10_000:
        raise Damaged(f"uniqueCount {unique}")
    starts = np.fromiter((m.start() for m in _SI.finditer(data)), dtype=np.int64)
    bounds = np.append(starts, len(data))
    return SharedStrings(lengths=np.diff(bounds), unique_count=unique)


def largest_count(data: bytes) -> int:
    """Largest ``count``/``uniqueCount`` attribute value (any quoting) in a chunk of XML."""
    largest = 0
    for m in _ANY_COUNT.finditer(data):
        head = data[max(0, m.start() - 7):m.start()]
        if head.endswith(b"uniqueC") or (head.endswith(b"c") and head[-2:-1] in (b" ", b"\t", b"\n", b"\r")):
            largest = max(largest, int(m.group(1)[:20]))
    return largest


def string_chars(extent: SheetExtent, strings: SharedStrings | None) -> int:
    """Bytes of shared-string text the grid will hold (each reference is a copy)."""
    if strings is None or not extent.string_refs:
        return 0
    index = np.fromiter(extent.string_refs.keys(), dtype=np.int64)
    counts = np.fromiter(extent.string_refs.values(), dtype=np.int64)
    valid = index < len(strings.lengths)
    return int((strings.lengths[index[valid]] * counts[valid]).sum())


# ---------------------------------------------------------------------------
# the whole zip

# An export of 1 million rows unpacks to well under 2 GB; XML compresses 10-30x,
# so a ratio above 200 on a big member is a bomb, not data.
MAX_UNCOMPRESSED = 2 * 1024**3
MAX_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_MIN_SIZE = 10 * 1024**2
# Excel keeps at most 32.767 characters in a cell; a longer shared string is not from Excel,
# and repeated it is how a small file fills gigabytes: then count its references.
LONG_STRING_BYTES = 20_000


@dataclass
class ZipScan:
    oversized: dict[str, tuple[int, int]] = field(default_factory=dict)  # member -> (last row, last column)
    error_cells: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)  # member -> cells
    long_strings: dict[str, int] = field(default_factory=dict)  # member -> bytes of repeated shared text


def is_worksheet(member: str) -> bool:
    return member.lower().startswith("xl/worksheets/") and member.lower().endswith(".xml")


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: list[int]):
    """Chunks of one member, inflated with a hard cap (declared sizes can lie)."""
    seen = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(1 << 20):
                seen += len(chunk)
                budget[0] += len(chunk)
                if seen > info.file_size or budget[0] > MAX_UNCOMPRESSED:
                    raise ImportFileError(
                        f"'{name}' pakt groter uit dan het zelf opgeeft (mogelijk een zip-bom) en wordt niet geopend.")
                yield chunk
    except ImportFileError:
        raise
    except NotImplementedError as exc:  # compression method
        raise ImportFileError(
            f"'{name}' gebruikt een compressiemethode die niet wordt ondersteund. Open en bewaar het opnieuw in Excel.",
            details=repr(exc)) from exc
    except RuntimeError as exc:  # encrypted member
        raise ImportFileError(
            f"'{name}' is (deels) versleuteld en kan niet worden gelezen. Sla het op zonder wachtwoord en probeer opnieuw.",
            details=repr(exc)) from exc
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, OSError ...
        raise ImportFileError(
            f"'{name}' is beschadigd (een onderdeel van het bestand is onleesbaar). "
            "Open en bewaar het opnieuw in Excel, of vraag een nieuwe export aan.", details=repr(exc)) from exc


def _damaged(name: str, exc: Exception) -> ImportFileError:
    return ImportFileError(
        f"'{name}' is beschadigd: de werkmap noemt onmogelijke celverwijzingen of onmogelijk grote aantallen en wordt niet "
        "geopend. Open en bewaar het opnieuw in Excel, of vraag een nieuwe export aan.", details=str(exc))


def check_zip(data: bytes, name: str) -> ZipScan:
    """Refuse malformed zips, bombs and grids calamine cannot build before any parser sees them.

    Returns, per worksheet member, whether its grid is too big (the caller
    refuses that sheet with advice and may read the others) and which cells
    hold Excel error values.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, NotImplementedError (zip version), ValueError, OSError, ...
        raise ImportFileError(f"'{name}' is beschadigd: het is geen geldige Excel-werkmap (zip).", details=repr(exc)) from exc
    scan = ZipScan()
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise ImportFileError(f"'{name}' bevat verdacht veel onderdelen ({len(infos)}) en wordt niet geopend.")
        if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
            raise ImportFileError(f"'{name}' is uitgepakt groter dan 2 GB en wordt niet geopend (mogelijk een zip-bom).")
        for info in infos:
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ImportFileError(
                    f"'{name}' is verdacht sterk gecomprimeerd (mogelijk een zip-bom) en wordt niet geopend.")
        budget = [0]
        strings: SharedStrings | None = None
        # shared strings first: their sizes decide whether sheets must count references
        infos.sort(key=lambda i: not i.filename.lower().endswith("sharedstrings.xml"))
        for info in infos:
            lower = info.filename.lower()
            try:
                if lower.endswith("sharedstrings.xml"):
                    blob = b"".join(_inflate(archive, info, name, budget))
                    if lower == "xl/sharedstrings.xml":
                        strings = scan_shared_strings(blob)
                    continue
                if is_worksheet(info.filename):
                    _scan_sheet(archive, info, name, budget, strings, scan)
                    continue
                largest, seen = 0, 0
                tail = b""
                for chunk in _inflate(archive, info, name, budget):
                    seen += len(chunk)
                    largest = max(largest, largest_count(tail + chunk))
                    tail = chunk[-64:]
                if largest > seen // 4 + 10_000:
                    raise Damaged(f"aantal {largest} in {info.filename}")
            except Damaged as exc:
                raise _damaged(name, exc) from exc
    return scan


# Sheets this big (inflated) are scanned on two threads; below it the threads cost more than they save.
THREADED_MIN_BYTES = 16 * 1024**2


class _Watch:
    """Bytes inflated and the largest count attribute seen, over the chunks passing through ``chunks``."""

    def __init__(self) -> None:
        self.seen = 0
        self.largest = 0

    def chunks(self, source):
        tail = b""
        for chunk in source:
            self.seen += len(chunk)
            self.largest = max(self.largest, largest_count(tail + chunk))
            tail = chunk[-64:]
            yield chunk


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: list[int],
                strings: SharedStrings | None, scan: ZipScan) -> None:
    count_refs = strings is not None and strings.longest > LONG_STRING_BYTES
    watch = _Watch()
    sheet = SheetScan()
    if count_refs:
        sheet.collect_string_refs()
    chunks = watch.chunks(_inflate(archive, info, name, budget))
    if info.file_size >= THREADED_MIN_BYTES:
        sheet.feed_threaded(chunks)
    else:
        for chunk in chunks:
            sheet.feed(chunk)
            if sheet.restart:
                break
        if not sheet.restart:
            sheet.feed(b"", final=True)
    if sheet.restart:  # not in the standard spelling: replay calamine's counters instead
        budget[0] -= watch.seen  # the first attempt's bytes are given back before the replay
        watch = _Watch()
        sheet = SheetScan(exact=True)
        if count_refs:
            sheet.collect_string_refs()
        for chunk in watch.chunks(_inflate(archive, info, name, budget)):
            sheet.feed(chunk)
        sheet.feed(b"", final=True)
    seen, largest = watch.seen, watch.largest
    if largest > seen // 4 + 10_000:
        raise Damaged(f"aantal {largest} in {info.filename}")
    extent = sheet.extent
    if extent.too_big():
        scan.oversized[info.filename] = (extent.max_row, extent.max_col)
    chars = string_chars(extent, strings)
    if chars > MAX_STRING_CHARS:
        scan.long_strings[info.filename] = chars
    if extent.errors:
        scan.error_cells[info.filename] = extent.errors
