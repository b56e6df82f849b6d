"""Fixtures of the report tests (the builders are in report_fixtures.py)."""
from __future__ import annotations

from datetime import date

import pytest
from report_fixtures import klein_resultaat, project, rijk_resultaat

from wijkkompas.report.rapport import rapport_van


@pytest.fixture
def rapport():
    return rapport_van([rijk_resultaat(), klein_resultaat()], project(), date(2026, 3, 5))
