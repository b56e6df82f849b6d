"""Renders ``Resultaat`` objects to Excel, PDF and Word (QtGui for PDF and charts, never QtWidgets).

``maak_rapport(project, slugs)`` produces the registered sections headless;
``rapport_van(resultaten, project)`` wraps results a panel already has; the
``schrijf_*`` functions write a file atomically and return its path.
"""
from __future__ import annotations

from wijkkompas.report.bestand import RapportError, controleer_doel, schrijf_atomair
from wijkkompas.report.rapport import Overgeslagen, Rapport, beschikbare_onderdelen, maak_rapport, rapport_van


def schrijf_xlsx(rapport: Rapport, path):  # thin lazy wrappers keep xlsxwriter off start-up
    from wijkkompas.report.xlsx import schrijf_xlsx as write

    return write(rapport, path)


def schrijf_pdf(rapport: Rapport, path):
    from wijkkompas.report.pdf import schrijf_pdf as write

    return write(rapport, path)


def schrijf_docx(rapport: Rapport, path):
    from wijkkompas.report.docx import schrijf_docx as write

    return write(rapport, path)


SCHRIJVERS = {".xlsx": schrijf_xlsx, ".pdf": schrijf_pdf, ".docx": schrijf_docx}


def schrijf(rapport: Rapport, path):
    """Write by the file's suffix (.xlsx, .pdf or .docx)."""
    from pathlib import Path

    suffix = Path(path).suffix.lower()
    if suffix not in SCHRIJVERS:
        raise RapportError(f"Kies een bestandsnaam die eindigt op .xlsx, .pdf of .docx (niet '{Path(path).name}').")
    return SCHRIJVERS[suffix](rapport, path)


__all__ = ["RapportError", "Overgeslagen", "Rapport", "SCHRIJVERS", "beschikbare_onderdelen", "controleer_doel",
           "maak_rapport", "rapport_van", "schrijf", "schrijf_atomair", "schrijf_docx", "schrijf_pdf", "schrijf_xlsx"]
