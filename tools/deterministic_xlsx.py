"""Save an openpyxl workbook so that the same content always gives the same bytes.

Why: the demo exports and templates are committed and a test regenerates them
and compares bytes. openpyxl stamps ``docProps/core.xml`` with the current time
on every save and ``zipfile`` stamps every member with the current time; both
are replaced here by one fixed moment.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

FIXED_MOMENT = datetime(2025, 1, 6, 8, 0, 0)
_ZIP_TIME = (2025, 1, 6, 8, 0, 0)
_W3CDTF = FIXED_MOMENT.strftime("%Y-%m-%dT%H:%M:%SZ")


def save_workbook(workbook: Workbook, target: Path, *, creator: str = "Wijkkompas") -> None:
    """Write ``workbook`` to ``target`` with fixed properties and zip timestamps."""
    props = workbook.properties
    props.creator = creator
    props.lastModifiedBy = creator
    props.created = FIXED_MOMENT
    props.modified = FIXED_MOMENT
    raw = io.BytesIO()
    workbook.save(raw)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_normalise_zip(raw.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl overwrites ``modified`` with "now" inside save().
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + _W3CDTF.encode() + rb"\g<2>",
                    content,
                )
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, content)
    return out.getvalue()
