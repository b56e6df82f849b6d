"""Autosave copies and recovery after a crash."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from wijkkompas.core.autosave import AutosaveStore
from wijkkompas.core.project import Project


def test_autosave_copy_does_not_touch_the_project_file_or_flags(tmp_path: Path):
    project = Project(naam="Werk")
    project.save(tmp_path / "werk.wkp")
    saved_bytes = (tmp_path / "werk.wkp").read_bytes()
    project.set_choice("positie", {"breedte": 2})
    store = AutosaveStore(tmp_path / "autosave")
    store.write(project)
    assert project.dirty and project.path == tmp_path / "werk.wkp"
    assert (tmp_path / "werk.wkp").read_bytes() == saved_bytes


def test_crash_between_autosave_and_save_is_recoverable(tmp_path: Path):
    project = Project(naam="Onaf")
    project.save(tmp_path / "onaf.wkp")
    project.add_table("wijken", pd.DataFrame({"wijk_code": ["WK01"], "inwoners": [1200]}))
    store = AutosaveStore(tmp_path / "autosave")
    store.write(project)
    del project  # the "crash": the process ends without a save

    entries = AutosaveStore(tmp_path / "autosave").pending()
    assert len(entries) == 1 and entries[0].naam == "Onaf"
    restored = store.restore(entries[0])
    assert restored.dirty
    assert restored.path == tmp_path / "onaf.wkp"
    assert restored.tables["wijken"]["inwoners"].tolist() == [1200]
    assert "wijken" not in Project.load(tmp_path / "onaf.wkp").tables


def test_discard_and_broken_sidecars(tmp_path: Path):
    store = AutosaveStore(tmp_path)
    project = Project()
    project.set_gemeente("GM0014")
    store.write(project)
    (tmp_path / "kapot.json").write_text("{niet json", encoding="utf-8")
    assert [e.project_id for e in store.pending()] == [project.project_id]
    store.discard(project.project_id)
    assert store.pending() == []


def test_broken_or_hostile_sidecars_are_skipped(tmp_path):
    """Issue 17: a crash (or a hand) may leave any bytes in a sidecar; listing must never fail or escape."""
    from wijkkompas.core.autosave import AutosaveStore
    from wijkkompas.core.project import Project

    store = AutosaveStore(tmp_path / "autosave")
    good = Project(naam="Goed")
    store.write(good)
    victim = tmp_path / "victim.wkp"
    victim.write_bytes(good.to_bytes())
    folder = tmp_path / "autosave"
    (folder / "a.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "b.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (folder / "c.json").write_text('["not", "a", "dict"]', encoding="utf-8")
    (folder / "d.json").write_text('{"project_id": "../victim"}', encoding="utf-8")
    (folder / "e.json").write_text('{"naam": "zonder id"}', encoding="utf-8")
    entries = store.pending()
    assert [e.project_id for e in entries] == [good.project_id]
    assert victim.exists()
