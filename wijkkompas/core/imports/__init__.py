"""Import of the municipality's own exports: detect, read, validate, pseudonymise, derive.

This is the package's face; the engine is ``pipeline.py``. The GUI import panel,
the demo builder and the CLI use only these names:

- ``detect(path, soort=None, blad=None, mapping=None) -> Detection``: which
  sheet, header row, kind and column mapping we would use.
- ``import_file(path, soort=None, blad=None, mapping=None, *, secret, progress=None) -> ImportResult``:
  the whole pipeline.
- ``add_import_to_project(project, result)``: store the pseudonymised table,
  its monthly table (``maand_<soort>``) and a compact report in the project.

Privacy by construction: only columns mapped to a canonical name ever leave
the reader; personal-data columns are listed, not read; ``client_id`` is
replaced by a keyed hash before anything is returned; messages are scrubbed
of BSN-like numbers.
"""
from __future__ import annotations

from wijkkompas.core.imports.mapping import Mapping
from wijkkompas.core.imports.model import (
    CANONICAL_COLUMNS,
    REQUIRED_COLUMNS,
    SOORT_LABELS,
    SOORTEN,
    Detection,
    ImportResult,
    Melding,
)
from wijkkompas.core.imports.pipeline import REPORT_MESSAGE_LIMIT, add_import_to_project, detect, import_file, report_summary
from wijkkompas.core.sections import MAAND_PREFIX, maand_tabel

__all__ = [
    "SOORTEN", "SOORT_LABELS", "CANONICAL_COLUMNS", "REQUIRED_COLUMNS", "Melding", "Detection", "ImportResult",
    "Mapping", "detect", "import_file", "add_import_to_project", "report_summary", "maand_tabel", "MAAND_PREFIX",
    "REPORT_MESSAGE_LIMIT",
]
