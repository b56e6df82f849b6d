"""Vet a legacy .xls (OLE compound file + BIFF records) before python-calamine parses it.

Why: calamine trusts sizes and counts in the file. A damaged .xls (a broken
download, a bad export) made it reserve terabytes or follow a sector chain in
a circle; Rust then aborts the whole process, which no ``except`` can catch.
So we walk the same structures first, in pure Python with hard bounds, and
turn every inconsistency into an ``ImportFileError`` with a Dutch message:

- the compound-file header, the FAT (via the DIFAT), the directory and every
  stream's sector chain: ids in range, no cycles, sizes within the file;
- the Workbook stream's BIFF records, from the start and from every sheet
  offset (BoundSheet) the way calamine reads them: Dimensions and cell
  positions must fit a grid of at most ``MAX_CELLS`` cells, the shared string
  table may not announce more strings than it can hold.

Cheap: an .xls is at most a few tens of MB and the walk touches each byte once.
"""
from __future__ import annotations

import struct

from wijkkompas.core.errors import ImportFileError

ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
MAX_CELLS = 60_000_000
_CELL_RECORDS = {0x0006, 0x00BD, 0x00BE, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E}


class _Damaged(Exception):
    pass


def _u16(data: bytes, offset: int) -> int:
    if offset + 2 > len(data):
        raise _Damaged("kort")
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    if offset + 4 > len(data):
        raise _Damaged("kort")
    return struct.unpack_from("<I", data, offset)[0]


class _Compound:
    """Minimal, bounds-checked reader of an OLE compound file (MS-CFB)."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise _Damaged("header")
        self.data = data
        shift = _u16(data, 30)
        if shift not in (9, 12) or _u16(data, 32) != 6:
            raise _Damaged("sector shift")
        self.size = 1 << shift
        self.count = max(0, (len(data) - self.size) // self.size)  # whole sectors after the header
        n_fat, first_dir = _u32(data, 44), _u32(data, 48)
        first_minifat, n_minifat = _u32(data, 60), _u32(data, 64)
        first_difat, n_difat = _u32(data, 68), _u32(data, 72)
        n_dir = _u32(data, 40)
        for value in (n_fat, n_minifat, n_difat, n_dir):
            if value > self.count + 1:
                raise _Damaged("aantal sectoren")
        difat = [_u32(data, 76 + 4 * i) for i in range(109)]
        seen: set[int] = set()
        sector = first_difat
        per_sector = self.size // 4
        while sector not in (ENDOFCHAIN, FREESECT):
            if sector in seen or sector >= self.count:
                raise _Damaged("difat")
            seen.add(sector)
            block = self.sector(sector)
            difat.extend(_u32(block, 4 * i) for i in range(per_sector - 1))
            sector = _u32(block, self.size - 4)
        fat_ids = [s for s in difat if s != FREESECT]
        if len(fat_ids) > self.count:
            raise _Damaged("fat")
        self.fat: list[int] = []
        for sector in fat_ids:
            if sector >= self.count:
                raise _Damaged("fat sector")
            block = self.sector(sector)
            self.fat.extend(struct.unpack_from(f"<{per_sector}I", block, 0))
        directory = self.chain_bytes(first_dir, self.fat, self.size, None)
        self.entries: list[tuple[str, int, int, int]] = []  # name, type, start, size
        for offset in range(0, len(directory) - 127, 128):
            entry = directory[offset:offset + 128]
            name_len = min(_u16(entry, 64), 64)
            name = entry[: max(name_len - 2, 0)].decode("utf-16-le", "replace")
            kind = entry[66]
            start = _u32(entry, 116)
            size = _u32(entry, 120) if self.size == 512 else struct.unpack_from("<Q", entry, 120)[0]
            if kind in (1, 2, 5) and size > len(data):
                raise _Damaged("stroomgrootte")
            self.entries.append((name, kind, start, size))
        if not self.entries:
            raise _Damaged("lege map")
        root = self.entries[0]
        # calamine follows these chains whatever the sizes say, so they must end
        self.ministream = self.chain_bytes(root[2], self.fat, self.size, root[3])
        minifat_bytes = self.chain_bytes(first_minifat, self.fat, self.size, None)
        self.minifat = list(struct.unpack_from(f"<{len(minifat_bytes) // 4}I", minifat_bytes, 0))
        for entry_name, kind, _, _ in self.entries[1:]:
            if kind == 2:
                self.stream(entry_name)

    def sector(self, sector: int) -> bytes:
        start = (sector + 1) * self.size
        if sector >= self.count or start + self.size > len(self.data):
            raise _Damaged("sector buiten bestand")
        return self.data[start:start + self.size]

    def chain_bytes(self, start: int, fat: list[int], size: int, length: int | None, mini: bool = False) -> bytes:
        """Follow a sector chain; refuse cycles, ids out of range and chains longer than the file."""
        parts: list[bytes] = []
        seen: set[int] = set()
        sector = start
        limit = (len(self.ministream) // 64) if mini else self.count
        while sector not in (ENDOFCHAIN, FREESECT):
            if sector in seen or sector >= limit or sector >= len(fat):
                raise _Damaged("keten")
            seen.add(sector)
            if mini:
                parts.append(self.ministream[sector * 64:(sector + 1) * 64])
            else:
                parts.append(self.sector(sector))
            sector = fat[sector]
        blob = b"".join(parts)
        if length is not None:
            if length > len(blob):
                raise _Damaged("keten te kort")
            blob = blob[:length]
        return blob

    def stream(self, name: str) -> bytes | None:
        for entry_name, kind, start, size in self.entries:
            if kind == 2 and entry_name == name:
                if size < 4096:
                    return self.chain_bytes(start, self.minifat, 64, size, mini=True)
                return self.chain_bytes(start, self.fat, self.size, size)
        return None


def _walk(stream: bytes, start: int) -> tuple[int, int]:
    """Walk BIFF records from ``start`` to EOF; return (rows, columns) of the grid they span."""
    max_row = max_col = -1
    pos = start
    while pos + 4 <= len(stream):
        kind, length = _u16(stream, pos), _u16(stream, pos + 2)
        body = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if kind == 0x000A:  # EOF
            break
        if kind == 0x0200:  # Dimensions
            if length >= 14:
                first_row, last_row = _u32(body, 0), _u32(body, 4)
                first_col, last_col = _u16(body, 8), _u16(body, 10)
            elif length >= 10:
                first_row, last_row, first_col, last_col = (_u16(body, i) for i in (0, 2, 4, 6))
            else:
                raise _Damaged("dimensions")
            if last_row < first_row or last_col < first_col:
                raise _Damaged("dimensions omgekeerd")
            if (last_row - first_row + 1) * (last_col - first_col + 1) > MAX_CELLS:
                raise _Damaged("dimensions te groot")
        elif kind in _CELL_RECORDS and length >= 4:
            max_row = max(max_row, _u16(body, 0))
            max_col = max(max_col, _u16(body, 2))
            if kind in (0x00BD, 0x00BE) and length >= 6:  # MulRk / MulBlank: last column at the end
                max_col = max(max_col, _u16(body, length - 2))
        elif kind == 0x00FC and length >= 8:  # SST: announced unique strings must fit the file
            if _u32(body, 4) > len(stream) // 3 + 100:
                raise _Damaged("sst")
    return max_row + 1, max_col + 1


def check_xls(data: bytes, name: str) -> None:
    """Raise ImportFileError unless ``data`` is an .xls calamine can parse without risk."""
    try:
        compound = _Compound(data)
        stream = compound.stream("Workbook") or compound.stream("Book")
        if stream is None:
            raise ImportFileError(
                f"'{name}' is een Office-bestand, maar geen Excel-werkmap (geen werkmapgegevens gevonden)."
            )
        offsets = [0]
        pos = 0
        while pos + 4 <= len(stream):  # BoundSheet records name where each sheet's records start
            kind, length = _u16(stream, pos), _u16(stream, pos + 2)
            if kind == 0x0085 and length >= 4:
                offset = _u32(stream, pos + 4)
                if offset >= len(stream):
                    raise _Damaged("bladpositie")
                offsets.append(offset)
            if kind == 0x000A:
                break
            pos += 4 + length
        for offset in offsets:
            rows, cols = _walk(stream, offset)
            if rows * cols > MAX_CELLS:
                raise _Damaged("raster te groot")
    except _Damaged as exc:
        raise ImportFileError(
            f"'{name}' is beschadigd: het oude Excel-formaat (.xls) bevat onmogelijke verwijzingen. "
            "Open het in Excel en sla het op als Excel-werkmap (.xlsx).",
            details=str(exc),
        ) from exc
