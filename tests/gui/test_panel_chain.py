"""The chain import → models → rapport is explicit: what each panel needs exists, what it makes is reportable."""
from __future__ import annotations

import importlib

from wijkkompas.core.imports.model import SOORTEN
from wijkkompas.core.onderdelen import ONDERDELEN
from wijkkompas.gui.panels import PANELS


def test_every_panel_needs_only_importable_kinds_and_makes_registered_sections():
    sections = {o.slug for o in ONDERDELEN}
    for spec in PANELS:
        assert set(spec.nodig) <= set(SOORTEN) | {"gemeente"}, spec.slug
        assert set(spec.maakt) <= sections, spec.slug


def test_every_report_section_is_shown_by_a_panel_and_needs_what_imports_provide():
    made = {slug for spec in PANELS for slug in spec.maakt}
    for item in ONDERDELEN:
        assert item.slug in made, f"sectie {item.slug} hoort bij geen paneel"
        assert set(item.nodig) <= set(SOORTEN) | {"gemeente"}, item.slug


def test_every_built_panel_declares_what_it_reads():
    for spec in PANELS:
        if spec.module is None:
            continue
        module = importlib.import_module(spec.module)
        panel_classes = [v for v in vars(module).values() if isinstance(v, type) and hasattr(v, "leest")
                         and getattr(v, "slug", None) == spec.slug]
        assert panel_classes, spec.slug
        assert "leest" in vars(panel_classes[0]), f"{spec.slug} declareert niet welke onderdelen het leest"
