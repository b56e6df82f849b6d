"""Gemeente, Import and Positie produce a Resultaat from the project alone (the report's input)."""
from __future__ import annotations

import json

import pytest

from wijkkompas import resources
from wijkkompas.core.onderdelen import ONDERDELEN, onderdeel, produceer
from wijkkompas.core.project import Project
from wijkkompas.core.reference.resultaat import TAAKVELD_LABELS
from wijkkompas.core.resultaat import Resultaat


def test_every_registered_section_has_a_loadable_producer():
    for item in ONDERDELEN:
        assert callable(item.load()), item.slug


def test_empty_project_yields_nothing_and_says_what_is_missing():
    project = Project()
    assert onderdeel("gemeente").ontbreekt(project) == ["gemeente"]
    assert produceer(project, "gemeente") is None
    assert produceer(project, "import") is None
    assert produceer(project, "positie") is None


def test_gemeente_resultaat_round_trips_and_labels_every_taakveld():
    project = Project()
    project.gemeente_code = "GM0150"
    result = produceer(project, "gemeente")
    data = json.loads(json.dumps(result.to_json()))
    assert data["code"] == "GM0150" and data["onderdeel"] == "gemeente"
    uitgaven = result.tabel("uitgaven").zichtbaar()
    assert list(uitgaven["taakveld"]) == list(TAAKVELD_LABELS.values())
    # Deventer's jaarrekening 2023, 6.71a: € 8.446.000 (reference table, hand-checked in test_reference)
    assert uitgaven.loc[uitgaven["taakveld"].str.startswith("6.71a"), "netto_2023"].item() == pytest.approx(8_446_000)
    assert Resultaat.from_json(data).tabel("benchmark").kolom("percentiel").formaat.value == "procent"
    assert result.grafieken and result.grafieken[0].x_eenheid == "€ per inwoner"


def test_positie_and_import_resultaat_from_stored_choices():
    project = Project()
    project.choices["positie"] = json.loads(resources.path("demo", "positie_antwoorden.json").read_text("utf-8"))
    positie = produceer(project, "positie")
    assert positie.bevindingen and all(b.sterkte for b in positie.bevindingen)
    assert {"hbh", "begeleiding", "dagbesteding"} >= {c for b in positie.bevindingen for c in b.producten}
    json.dumps(positie.to_json())
    project.choices["import"] = {"declaraties": {"bestand": "d.csv", "rijen_gelezen": 10, "rijen_geldig": 7,
                                                 "aantal_fouten": 2, "aantal_waarschuwingen": 1,
                                                 "fouten": [{"rij": 4, "kolom": "Bedrag", "melding": "x"}],
                                                 "waarschuwingen": []}}
    overzicht = produceer(project, "import").tabel("overzicht").zichtbaar().iloc[0]
    assert (overzicht["gelezen"], overzicht["geldig"], overzicht["afgekeurd"], overzicht["overgeslagen"]) == (10, 7, 2, 1)
