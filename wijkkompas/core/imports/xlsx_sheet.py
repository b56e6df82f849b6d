"""One worksheet of an .xlsx, scanned the way python-calamine will place its cells (see ``xlsx_guard``).

Why a module of its own: this is the hot part of the guard (every byte of a
100 MB sheet passes through it) and the part that must be exact, so it is kept
apart from the zip-level checks. Large sheets are scanned on two threads: the
fast path is numpy over the raw bytes, which releases the GIL, and an import
of 200.000 declaraties spent a tenth of its time here on one core.
"""
from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

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

    def merge(self, other: SheetExtent) -> None:
        """Take in the extent of a later part of the same sheet."""
        if other.max_row:
            self.add(other.min_row, other.min_col)
            self.add(other.max_row, other.max_col)
        self.cells += other.cells
        for index, count in other.string_refs.items():
            self.string_refs[index] = self.string_refs.get(index, 0) + count
        for key, value in other.errors.items():
            if len(self.errors) >= MAX_ERROR_CELLS:
                break
            self.errors[key] = value

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

    def parts(self, chunk: bytes, final: bool = False) -> bytes | None:
        """The whole tags of what was fed so far (the rest is carried to the next chunk), or None."""
        buf = self._carry + chunk
        cut = len(buf) if final else buf.rfind(b"<")
        if cut <= 0:
            self._carry = buf
            return None
        part, self._carry = buf[:cut], buf[cut:]
        if len(self._carry) > 1 << 20:  # one "tag" over 1 MB: not a worksheet calamine can read sensibly
            raise Damaged("tag te lang")
        return part

    def feed(self, chunk: bytes, final: bool = False) -> None:
        part = self.parts(chunk, final)
        if part is None:
            return
        if self._replay is not None:
            self._replay.feed(part)
            _collect_extras(part, self.extent, self._collect_strings)
            return
        found = scan_part(part, self._collect_strings)
        if found is None:
            self.restart = True
            return
        self.extent.merge(found)

    def feed_threaded(self, chunks: Iterable[bytes], workers: int = 2, in_flight: int = 6) -> None:
        """The fast path over all of ``chunks`` on ``workers`` threads (sets ``restart`` like ``feed``).

        Parts are scanned in any order but merged in file order, so the extent,
        the error cells kept (the first ``MAX_ERROR_CELLS``) and the string
        counts equal a sequential scan. At most ``in_flight`` parts of about
        1 MB are held at a time; the first part not in the standard spelling
        stops the scan.
        """
        assert self._replay is None, "the exact path replays counters in order: feed() it"
        pending: deque[Future] = deque()
        pool = ThreadPoolExecutor(workers, thread_name_prefix="xlsx-guard")
        try:
            for part in self._all_parts(chunks):
                pending.append(pool.submit(scan_part, part, self._collect_strings))
                while pending and (len(pending) >= in_flight or pending[0].done()):
                    if not self._merge(pending.popleft()):
                        return
            while pending:
                if not self._merge(pending.popleft()):
                    return
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _all_parts(self, chunks: Iterable[bytes]):
        for chunk in chunks:
            part = self.parts(chunk)
            if part is not None:
                yield part
        part = self.parts(b"", final=True)
        if part is not None:
            yield part

    def _merge(self, future: Future) -> bool:
        found = future.result()  # re-raises Damaged from the worker
        if found is None:
            self.restart = True
            return False
        self.extent.merge(found)
        return True


def scan_part(part: bytes, collect_strings: bool) -> SheetExtent | None:
    """The cells of one part (whole tags) on a fresh extent, or None if it is not in the standard spelling."""
    extent = SheetExtent()
    if not _fast_chunk(part, extent):
        return None
    _collect_extras(part, extent, collect_strings)
    return extent


def _collect_extras(part: bytes, extent: SheetExtent, collect_strings: bool) -> None:
    if b' t="e"' in part:
        _collect_errors(part, extent.errors)
    if collect_strings:
        refs = extent.string_refs
        for m in _S_REF.finditer(part):
            index = int(m.group(1))
            refs[index] = refs.get(index, 0) + 1


def _collect_errors(buf: bytes, errors: dict[tuple[int, int], str]) -> None:
    """Cells with an Excel error value (#N/B, #DEEL/0!): calamine returns them as empty."""
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
