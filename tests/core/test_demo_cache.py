"""The demo project is built once and cached in app-data; a changed demo file rebuilds it.

Runs on a small copy of the demo folder (wijken, budget, formatie and the
positie answers) so the tests do not import 4½ years of declaraties; the
mechanism is the same for the full demo.
"""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from wijkkompas import resources
from wijkkompas.core import demo, demo_cache
from wijkkompas.core.project import Project

SECRET = b"s" * 32


@pytest.fixture
def small_demo(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    spec = json.loads(resources.path("demo", "demo.json").read_text(encoding="utf-8"))
    spec["imports"] = [i for i in spec["imports"] if i["soort"] in ("wijken", "budget", "formatie")]
    (folder / "demo.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    for item in spec["imports"]:
        shutil.copy(resources.path("demo", item["bestand"]), folder / item["bestand"])
    for name in spec.get("keuzes_bestanden", {}).values():
        shutil.copy(resources.path("demo", name), folder / name)
    monkeypatch.setattr(demo, "demo_folder", lambda: folder)
    monkeypatch.setenv(demo.CACHE_ENV, str(tmp_path / "cache"))  # not the suite's shared cache
    return folder


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts how often the demo is really built from the exports."""
    calls: list[int] = []
    real = demo._build

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(demo, "_build", counting)
    return calls


def _cache_files() -> list[str]:
    return sorted(p.name for p in demo.cache_dir().iterdir())


def test_second_start_opens_the_cache_instead_of_importing(small_demo, builds):
    first = demo.build_demo_project(secret=SECRET)
    assert len(builds) == 1
    files = _cache_files()
    assert [Path(f).suffix for f in files] == [".npz", ".wkp"]
    second = demo.build_demo_project(secret=SECRET)
    assert len(builds) == 1  # not rebuilt
    assert second.path is None and not second.dirty  # saving never overwrites the cache
    assert second.project_id == demo.DEMO_PROJECT_ID and second.naam == first.naam
    assert second.choices == first.choices and second.gemeente_code == first.gemeente_code
    assert sorted(second.tables) == sorted(first.tables)
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(second.tables[name], table)
    assert [s.to_json() for s in second.sources] == [s.to_json() for s in first.sources]


def test_a_changed_demo_file_rebuilds_the_cache_and_removes_the_old_one(small_demo, builds):
    demo.build_demo_project(secret=SECRET)
    old = _cache_files()
    spec = json.loads((small_demo / "demo.json").read_text(encoding="utf-8"))
    spec["naam"] = "Voorbeeldstad (gewijzigd)"
    (small_demo / "demo.json").write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    project = demo.build_demo_project(secret=SECRET)
    assert len(builds) == 2 and project.naam == "Voorbeeldstad (gewijzigd)"
    new = _cache_files()
    assert len(new) == 2 and not set(new) & set(old)
    # a data file counts too, not only the description
    with (small_demo / "budget.xlsx").open("ab") as handle:
        handle.write(b"\0")  # zip readers ignore trailing bytes; the hash does not
    demo.build_demo_project(secret=SECRET)
    assert len(builds) == 3


def test_another_key_or_version_gets_its_own_cache(small_demo, builds, monkeypatch):
    demo.build_demo_project(secret=SECRET)
    demo.build_demo_project(secret=b"t" * 32)
    assert len(builds) == 2
    demo.build_demo_project(secret=SECRET)  # a run with another key did not evict this one
    assert len(builds) == 2
    for index in range(4):  # e.g. a command with a fresh key per run: at most a few caches are kept
        demo.build_demo_project(secret=bytes([index]) * 32)
    assert len(_cache_files()) == 2 * (1 + demo.KEEP_OTHER_KEYS)
    monkeypatch.setattr(demo, "__version__", "99.0.0")
    demo.build_demo_project(secret=b"t" * 32)
    assert len(builds) == 7 and len(_cache_files()) == 2  # the old version's caches are gone


def test_a_damaged_snapshot_falls_back_to_the_project_file_and_then_rebuilds(small_demo, builds):
    demo.build_demo_project(secret=SECRET)
    snapshot = demo.cache_path(SECRET).with_suffix(".npz")
    snapshot.write_bytes(b"kapot")
    project = demo.build_demo_project(secret=SECRET)
    assert len(builds) == 1 and "wijken" in project.tables
    demo.cache_path(SECRET).write_bytes(b"ook kapot")
    project = demo.build_demo_project(secret=SECRET)
    assert len(builds) == 2 and "wijken" in project.tables
    assert zipfile.is_zipfile(demo.cache_path(SECRET))  # written again


def test_without_cache_nothing_is_written(small_demo, builds):
    demo.build_demo_project(secret=SECRET, cache=False)
    demo.build_demo_project(secret=SECRET, cache=False)
    assert len(builds) == 2 and _cache_files() == []


def test_snapshot_round_trips_every_column_type(tmp_path):
    table = pd.DataFrame({
        "tekst": pd.array(["a", None, "=SOM(1)", "'x", "", "é\x01"], dtype="string"),
        "getal": [1.5, np.nan, 3.0, -4.0, 0.0, 1e9],
        "geheel": np.arange(6, dtype=np.int64),
        "nullable": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"),
        "waar": [True, False, True, True, False, False],
        "janee": pd.array([True, None, False, True, None, False], dtype="boolean"),
        "datum": pd.to_datetime(["2021-01-01", None, "2025-06-30", "2024-02-29", "2023-12-31", "2022-07-01"]),
    })
    project = Project(naam="Proef", gemeente_code="GM0150", tables={"t": table, "leeg": pd.DataFrame()},
                      choices={"positie": {"a": 1}}, project_id="abc123")
    demo_cache.save_snapshot(project, tmp_path / "s.npz")
    back = demo_cache.load_snapshot(tmp_path / "s.npz")
    pd.testing.assert_frame_equal(back.tables["t"], table)
    assert back.tables["leeg"].empty and back.choices == project.choices
    assert (back.naam, back.gemeente_code, back.project_id) == ("Proef", "GM0150", "abc123")
    with zipfile.ZipFile(tmp_path / "s.npz") as archive:  # plain arrays, no pickled objects
        assert all(name.endswith(".npy") for name in archive.namelist())
