"""The .xls guard: damaged compound files and BIFF records end in a Dutch message, never an abort.

Each case below made (or would make) python-calamine reserve absurd memory or
loop forever, which aborts the process instead of raising.
"""
from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports import detect
from wijkkompas.core.imports.xls_guard import check_xls

GOOD = (Path(__file__).resolve().parent.parent / "data" / "import" / "toewijzingen_oud.xls").read_bytes()


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "oud.xls"
    path.write_bytes(data)
    return path


def _patched(offset: int, fmt: str, value: int) -> bytes:
    data = bytearray(GOOD)
    struct.pack_into(fmt, data, offset, value)
    return bytes(data)


def test_intact_file_passes():
    check_xls(GOOD, "oud.xls")


def test_stream_size_beyond_the_file(tmp_path):
    entry = GOOD.find("Workbook".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="beschadigd.*sla het op als Excel-werkmap") as info:
        detect(_write(tmp_path, _patched(entry + 120, "<I", 0x7FFFFFFF)))
    assert info.value.details == "stroomgrootte"


def test_cyclic_sector_chain(tmp_path):
    fat_sector = struct.unpack_from("<I", GOOD, 76)[0]
    entry = GOOD.find("Workbook".encode("utf-16-le"))
    start = struct.unpack_from("<I", GOOD, entry + 116)[0]
    # the Workbook stream's first sector points back to itself
    with pytest.raises(ImportFileError) as info:
        detect(_write(tmp_path, _patched((fat_sector + 1) * 512 + 4 * start, "<I", start)))
    assert info.value.details == "keten"


def test_huge_fat_count_in_header(tmp_path):
    with pytest.raises(ImportFileError) as info:
        detect(_write(tmp_path, _patched(44, "<I", 0x10000000)))
    assert info.value.details == "aantal sectoren"


def test_dimensions_record_announcing_a_huge_grid(tmp_path):
    dims = GOOD.find(b"\x00\x02\x0e\x00")
    with pytest.raises(ImportFileError) as info:
        detect(_write(tmp_path, _patched(dims + 4 + 4, "<I", 0xFFFFFF00)))
    assert info.value.details == "dimensions te groot"


def test_shared_string_table_announcing_too_many_strings(tmp_path):
    sst = GOOD.find(b"\xfc\x00")
    with pytest.raises(ImportFileError) as info:
        detect(_write(tmp_path, _patched(sst + 4 + 4, "<I", 0x7FFFFFFF)))
    assert info.value.details == "sst"


def test_office_file_without_workbook(tmp_path):
    entry = GOOD.find("Workbook".encode("utf-16-le"))
    data = bytearray(GOOD)
    data[entry:entry + 16] = "Document".encode("utf-16-le")
    with pytest.raises(ImportFileError, match="geen Excel-werkmap"):
        detect(_write(tmp_path, bytes(data)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, len(GOOD) - 4),
                                st.sampled_from([0, 1, 0xFFFF, 0xFFFFFFFE, 0xFFFFFFFF, 0x7FFFFFFF, 4096])),
                      min_size=1, max_size=6))
def test_damaged_xls_only_raises_import_errors(tmp_path, edits):
    data = bytearray(GOOD)
    for offset, value in edits:
        struct.pack_into("<I", data, offset, value)
    try:
        detect(_write(tmp_path, bytes(data)))
    except ImportFileError as exc:
        assert exc.melding
