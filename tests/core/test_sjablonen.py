"""Copying the empty templates: every kind, never over the user's own file, Dutch errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.imports.sjablonen import copy_templates, template_files


def test_copies_every_template_without_overwriting(tmp_path: Path):
    names = {p.name for p in template_files()}
    assert {"toewijzingen.xlsx", "declaraties.xlsx", "wijken.xlsx", "budget.xlsx", "tarieven.xlsx"} <= names
    (tmp_path / "wijken.xlsx").write_bytes(b"mijn eigen bestand")
    written = copy_templates(tmp_path)
    assert len(written) == len(names)
    assert (tmp_path / "wijken.xlsx").read_bytes() == b"mijn eigen bestand"
    assert (tmp_path / "wijken (2).xlsx").stat().st_size > 1000


def test_missing_folder_is_a_dutch_error(tmp_path: Path):
    with pytest.raises(WijkkompasError, match="bestaat niet"):
        copy_templates(tmp_path / "nergens")
