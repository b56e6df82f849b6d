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
  with numpy over the raw bytes (~0,2 s per 100 MB of XML);
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

# A grid this big costs calamine 32 bytes per cell plus Python's lists: ~2 GB.
MAX_CELLS = 30_000_000
# A grid at least this big must be reasonably full: otherwise there is a stray value far away.
SPARSE_MIN_CELLS = 4_000_000
SPARSE_RATIO = 8
MAX_STRING_CHARS = 600_000_000
# No Wmo export has anywhere near this many columns; header matching costs grow with the width,
# so a value in column XFD of a small sheet (a "stray value") is refused like a too-big grid.
MAX_COLUMNS = 1024
MAX_ERROR_CELLS = 10_000


# Exact path: start, end and self-closing tags of row and c (any namespace prefix), attributes
# with either quote (a '>' inside a quoted value does not end the tag, as in quick-xml).
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(rb"([A-Za-z]{1,12})([0-9]{1,15})")  # beyond XFD1048576 still counts: too big
_ROWNUM = re.compile(rb"[0-9]{1,15}")

_SST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?sst(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_UNIQUE = re.compile(rb"(?:^|\s)uniqueCount\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
# literal start ("ount"): a fast scan; the attribute's full name is checked on the (rare) hits
_ANY_COUNT = re.compile(rb"ount\s*=\s*[\"'][^\"'0-9]{0,8}([0-9]{6,})")
_SI = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?si[\s>/]")
_S_REF = re.compile(rb"\st\s*=\s*[\"']s[\"'][^>]*>\s*<(?:[A-Za-z_][\w.\-]*:)?v>\s*([0-9]{1,10})\s*<")

_ERROR_TYPE = re.compile(rb' t="e"')
_ERROR_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br="([A-Za-z]{1,3})(\d+)"[^>]*>')
_ERROR_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]{1,40})<")


class Damaged(Exception):
    """The XML holds something calamine would refuse or choke on; ``str`` says what (for the log)."""


def column_number(letters: bytes) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ch - 64)
    return number


@dataclass
class SheetExtent:
    """Bounds on the grid calamine will build for one worksheet (1-based, inclusive)."""

    min_row: int = 0
    max_row: int = 0
    min_col: int = 0
    max_col: int = 0
    cells: int = 0  # <c> tags seen (self-closing included)
    string_refs: dict[int, int] = field(default_factory=dict)  # shared-string index -> references
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (excel row, 0-based col) -> "#N/B"

    def add(self, row: int, col: int) -> None:
        if self.max_row == 0:
            self.min_row, self.max_row, self.min_col, self.max_col = row, row, col, col
            return
        self.min_row, self.max_row = min(self.min_row, row), max(self.max_row, row)
        self.min_col, self.max_col = min(self.min_col, col), max(self.max_col, col)

    @property
    def area(self) -> int:
        if self.max_row == 0:
            return 0
        return (self.max_row - self.min_row + 1) * (self.max_col - self.min_col + 1)

    def too_big(self) -> bool:
        area = self.area
        return (area > MAX_CELLS or self.max_col > MAX_COLUMNS
                or (area > SPARSE_MIN_CELLS and area > SPARSE_RATIO * max(self.cells, 1)))


_PREFIXED_C_RE = re.compile(rb":c[ \t\r\n/>]")  # the same six spellings, one pass over a chunk
_K = np.arange(12)


def _is_ws(v: np.ndarray) -> np.ndarray:
    return (v == 32) | (v == 9) | (v == 10) | (v == 13)


def _fast_chunk(buf: bytes, extent: SheetExtent) -> bool:
    """Add the cells of ``buf`` (whole tags only) if it is in the standard spelling; False if not.

    Standard: every ``<c`` tag starts ``<c r="``, no ``<prefix:c`` tag, and every ``r`` attribute
    (an ``r`` after whitespace, followed by ``=`` or whitespace) is spelled `` r="`` and belongs to a
    ``<c r="`` or ``<row r="``. Then each cell's position is exactly its reference. All with numpy
    over the bytes: two passes over the chunk, the rest over the positions of ``<`` and ``r``.
    """
    arr = np.frombuffer(buf, dtype=np.uint8)
    pad = np.concatenate([arr, np.zeros(16, dtype=np.uint8)])
    lt = np.flatnonzero(arr == 60)  # '<'
    after_lt, after2 = pad[lt + 1], pad[lt + 2]
    c_tag = (after_lt == 99) & (_is_ws(after2) | (after2 == 62) | (after2 == 47))
    std = c_tag & (after2 == 32) & (pad[lt + 3] == 114) & (pad[lt + 4] == 61) & (pad[lt + 5] == 34)
    if (c_tag != std).any():
        return False
    if _PREFIXED_C_RE.search(buf):  # '<x:c ': a prefixed cell tag (or such text: exact path)
        return False
    row_std = ((after_lt == 114) & (after2 == 111) & (pad[lt + 3] == 119) & (pad[lt + 4] == 32)
               & (pad[lt + 5] == 114) & (pad[lt + 6] == 61) & (pad[lt + 7] == 34))
    r = np.flatnonzero(arr == 114)  # 'r'
    r = r[r > 0]
    prev, nxt = arr[r - 1], pad[r + 1]
    attr_like = _is_ws(prev) & ((nxt == 61) | _is_ws(nxt))
    std_r = attr_like & (prev == 32) & (nxt == 61) & (pad[r + 2] == 34)
    if (attr_like != std_r).any() or int(std_r.sum()) != int(std.sum()) + int(row_std.sum()):
        return False
    hit = lt[std]
    extent.cells += len(hit)
    if not len(hit):
        return True
    win = pad[(hit + 6)[:, None] + _K[None, :]]  # the reference and a bit more (uint8)
    upper = win & 0xDF
    is_alpha = (upper >= 65) & (upper <= 90)
    is_digit = (win >= 48) & (win <= 57)
    n_letters = np.argmin(is_alpha, axis=1)
    end = np.argmax((_K[None, :] >= n_letters[:, None]) & ~is_digit, axis=1)  # first non-digit after letters
    n_digits = end - n_letters
    quote = win[np.arange(len(win)), end]
    if not ((n_letters >= 1) & (n_letters <= 3) & (n_digits >= 1) & (n_digits <= 7) & (quote == 34)).all():
        return False  # an odd reference: let the exact path decide
    # Column from at most 3 letters and row from at most 7 digits, in int32 position by position: the
    # int64 weight matrices over all 12 window bytes cost most of the import's guard time.
    letters = (upper[:, :3].astype(np.int32) - 64)
    col = np.where(n_letters == 1, letters[:, 0],
                   np.where(n_letters == 2, letters[:, 0] * 26 + letters[:, 1],
                            letters[:, 0] * 676 + letters[:, 1] * 26 + letters[:, 2]))
    row = np.zeros(len(win), dtype=np.int32)
    digits = win.astype(np.int32) - 48
    for k in range(1, 11):  # digits start after 1–3 letters and are 1–7 long: window positions 1..10
        inside = (k >= n_letters) & (k < end)
        row = np.where(inside, row * 10 + digits[:, k], row)
    if (row < 1).any():
        raise Damaged("rij 0 in celverwijzing")
    extent.add(int(row.min()), int(col.min()))
    extent.add(int(row.max()), int(col.max()))
    return True


class _Replay:
    """calamine's row/column counters, replayed tag by tag (the exact path)."""

    def __init__(self, extent: SheetExtent) -> None:
        self.extent = extent
        self.row = 0  # 0-based, as calamine keeps it
        self.col = 0

    def feed(self, buf: bytes) -> None:
        for match in _TAG.finditer(buf):
            closing, name, attrs = match.group(1), match.group(2), match.group(3)
            empty = attrs.endswith(b"/")
            if name == b"row":
                if closing:
                    self.row += 1
                    self.col = 0
                    continue
                r = _attr_r(attrs)
                if r is not None:
                    if not _ROWNUM.fullmatch(r.strip()) or int(r) < 1:
                        raise Damaged(f"rijnummer {r[:20]!r}")
                    self.row = int(r) - 1
                if empty:
                    self.row += 1
                    self.col = 0
                continue
            if closing:
                continue
            r = _attr_r(attrs)
            if r is not None:
                ref = _REF.fullmatch(r)
                if ref is None or int(ref.group(2)) < 1:
                    raise Damaged(f"celverwijzing {r[:20]!r}")
                row, col = int(ref.group(2)), column_number(ref.group(1))
                self.col = col - 1
            else:
                row, col = self.row + 1, self.col + 1
            self.extent.add(row, col)
            self.extent.cells += 1
            self.col += 1


def _attr_r(attrs: bytes) -> bytes | None:
    found = None
    for m in _R_ATTR.finditer(attrs):
        found = m.group(1) if m.group(1) is not None else m.group(2)  # calamine keeps the last one
    return found


class SheetScan:
    """Streams one worksheet member; ``restart`` tells the caller to feed it again from the start."""

    def __init__(self, exact: bool = False) -> None:
        self.extent = SheetExtent()
        self.exact = exact
        self.restart = False
        self._carry = b""
        self._replay = _Replay(self.extent) if exact else None
        self._collect_strings = False

    def collect_string_refs(self) -> None:
        self._collect_strings = True

    def feed(self, chunk: bytes, final: bool = False) -> None:
        buf = self._carry + chunk
        cut = len(buf) if final else buf.rfind(b"<")
        if cut <= 0:
            self._carry = buf
            return
        part, self._carry = buf[:cut], buf[cut:]
        if len(self._carry) > 1 << 20:  # one "tag" over 1 MB: not a worksheet calamine can read sensibly
            raise Damaged("tag te lang")
        if self._replay is not None:
            self._replay.feed(part)
        elif not _fast_chunk(part, self.extent):
            self.restart = True
            return
        if b' t="e"' in part:
            self._collect_errors(part)
        if self._collect_strings:
            refs = self.extent.string_refs
            for m in _S_REF.finditer(part):
                index = int(m.group(1))
                refs[index] = refs.get(index, 0) + 1

    def _collect_errors(self, buf: bytes) -> None:
        """Cells with an Excel error value (#N/B, #DEEL/0!): calamine returns them as empty."""
        errors = self.extent.errors
        for hit in _ERROR_TYPE.finditer(buf):
            if len(errors) >= MAX_ERROR_CELLS:
                return
            start = buf.rfind(b"<", 0, hit.start())
            cell = _ERROR_CELL.match(buf, start) if start >= 0 else None
            if cell is None:
                continue
            value = _ERROR_VALUE.search(buf, cell.end(), cell.end() + 400)
            key = (int(cell.group(2)), column_number(cell.group(1)) - 1)
            errors[key] = value.group(1).decode("utf-8", "replace") if value else "#FOUT"


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


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, budget: list[int],
                strings: SharedStrings | None, scan: ZipScan) -> None:
    count_refs = strings is not None and strings.longest > LONG_STRING_BYTES
    sheet = SheetScan()
    seen = 0  # bytes inflated by the previous attempt, given back to the budget before the replay
    for attempt in (0, 1):
        if attempt:  # not in the standard spelling: replay calamine's counters instead
            budget[0] -= seen
            sheet = SheetScan(exact=True)
        if count_refs:
            sheet.collect_string_refs()
        seen, largest, tail = 0, 0, b""
        for chunk in _inflate(archive, info, name, budget):
            seen += len(chunk)
            largest = max(largest, largest_count(tail + chunk))
            tail = chunk[-64:]
            sheet.feed(chunk)
            if sheet.restart:
                break
        if not sheet.restart:
            sheet.feed(b"", final=True)
        if not sheet.restart:
            break
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
