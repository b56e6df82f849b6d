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

The names load on first use (PEP 562): importing a submodule such as
``readers`` must not pull in pandas, so the CLI can start reading a file
while the pipeline's libraries load on another thread.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> the submodule that defines it
_NAMES = {
    "Mapping": "mapping",
    "CANONICAL_COLUMNS": "model", "REQUIRED_COLUMNS": "model", "SOORT_LABELS": "model", "SOORTEN": "model",
    "Detection": "model", "ImportResult": "model", "Melding": "model",
    "REPORT_MESSAGE_LIMIT": "pipeline", "add_import_to_project": "pipeline", "detect": "pipeline",
    "import_file": "pipeline", "report_summary": "pipeline",
}
_SECTIONS = ("MAAND_PREFIX", "maand_tabel")  # from core.sections

__all__ = [
    "SOORTEN", "SOORT_LABELS", "CANONICAL_COLUMNS", "REQUIRED_COLUMNS", "Melding", "Detection", "ImportResult",
    "Mapping", "detect", "import_file", "add_import_to_project", "report_summary", "maand_tabel", "MAAND_PREFIX",
    "REPORT_MESSAGE_LIMIT",
]

if TYPE_CHECKING:  # for type checkers and readers: the same names, imported eagerly
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
    from wijkkompas.core.imports.pipeline import (
        REPORT_MESSAGE_LIMIT,
        add_import_to_project,
        detect,
        import_file,
        report_summary,
    )
    from wijkkompas.core.sections import MAAND_PREFIX, maand_tabel


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        value = getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
    elif name in _SECTIONS:
        value = getattr(importlib.import_module("wijkkompas.core.sections"), name)
    else:
        try:  # a submodule: ``from wijkkompas.core.imports import readers``
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
