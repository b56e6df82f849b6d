"""Project save/load: round trip, atomicity, versioning, hostile files, key store."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from wijkkompas.core import project as project_module
from wijkkompas.core.errors import ProjectError, ProjectVersionError
from wijkkompas.core.project import FORMAT_VERSION, KeyStore, Project, SourceFile


def sample_project() -> Project:
    project = Project(naam="Testgemeente")
    project.set_gemeente("GM0150")
    project.set_choice("positie", {"toegang": {"breedte": 3, "wijkteam": True}})
    table = pd.DataFrame(
        {
            "client_id": pd.array(["P-abc", "P-def", None], dtype="string"),
            "volume": [1.5, 2.0, float("nan")],
            "aantal": [1, 2, 3],
            "ingangsdatum": pd.to_datetime(["2024-01-01", "2024-02-15", None]),
            "actief": pd.array([True, False, None], dtype="boolean"),
        }
    )
    project.add_table("toewijzingen", table, SourceFile("export.xlsx", "ab" * 32, "toewijzingen", "toewijzingen", "Blad1"))
    return project


def test_round_trip_keeps_tables_types_choices_and_sources(tmp_path: Path):
    original = sample_project()
    saved = original.save(tmp_path / "analyse")
    assert saved.suffix == ".wkp" and saved.is_file()
    assert original.dirty is False and original.path == saved

    loaded = Project.load(saved)
    assert loaded.naam == "Testgemeente"
    assert loaded.gemeente_code == "GM0150"
    assert loaded.choices == {"positie": {"toegang": {"breedte": 3, "wijkteam": True}}}
    assert loaded.project_id == original.project_id
    assert [s.naam for s in loaded.sources] == ["export.xlsx"]
    pd.testing.assert_frame_equal(loaded.tables["toewijzingen"], original.tables["toewijzingen"], check_dtype=False)
    table = loaded.tables["toewijzingen"]
    assert pd.api.types.is_datetime64_any_dtype(table["ingangsdatum"])
    assert pd.api.types.is_float_dtype(table["volume"])
    assert pd.api.types.is_integer_dtype(table["aantal"])
    assert loaded.dirty is False


def test_file_is_a_readable_zip_with_manifest_and_csv(tmp_path: Path):
    path = sample_project().save(tmp_path / "p.wkp")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
        csv_text = archive.read("tables/toewijzingen.csv").decode("utf-8")
    assert names == {"manifest.json", "choices.json", "tables/toewijzingen.csv"}
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["bronbestanden"][0]["sha256"] == "ab" * 32
    assert manifest["tabellen"]["toewijzingen"]["rijen"] == 3
    assert csv_text.splitlines()[0] == "client_id,volume,aantal,ingangsdatum,actief"


def test_changes_mark_dirty_and_notify_listeners():
    project = Project()
    events = []
    project.subscribe(events.append)
    project.set_gemeente("GM0363")
    project.set_gemeente("GM0363")  # no change, no event
    project.set_choice("scenario", {"index": 0.03})
    assert events == [frozenset({"gemeente"}), frozenset({"scenario"})]
    assert project.dirty


def test_non_json_choice_is_refused_immediately():
    with pytest.raises(TypeError):
        Project().set_choice("x", {"bad": object()})


def test_newer_format_gives_a_clear_dutch_message(tmp_path: Path):
    path = sample_project().save(tmp_path / "p.wkp")
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["format_version"] = FORMAT_VERSION + 1
    members["manifest.json"] = json.dumps(manifest).encode()
    newer = tmp_path / "nieuwer.wkp"
    with zipfile.ZipFile(newer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(ProjectVersionError) as info:
        Project.load(newer)
    assert "nieuwere versie van Wijkkompas" in info.value.melding
    assert f"t/m {FORMAT_VERSION}" in info.value.melding


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "geen geldig Wijkkompas-project"),
        (b"dit is geen zip", "geen geldig Wijkkompas-project"),
    ],
)
def test_garbage_files_are_refused_with_dutch_message(tmp_path: Path, content: bytes, fragment: str):
    path = tmp_path / "kapot.wkp"
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=fragment):
        Project.load(path)


def test_zip_without_manifest_and_with_path_traversal_are_refused(tmp_path: Path):
    no_manifest = tmp_path / "leeg.wkp"
    with zipfile.ZipFile(no_manifest, "w") as archive:
        archive.writestr("iets.txt", "x")
    with pytest.raises(ProjectError, match="manifest.json"):
        Project.load(no_manifest)
    traversal = tmp_path / "pad.wkp"
    with zipfile.ZipFile(traversal, "w") as archive:
        archive.writestr("../../etc/passwd", "x")
    with pytest.raises(ProjectError, match="ongeldig pad"):
        Project.load(traversal)


def test_missing_file_gives_dutch_message(tmp_path: Path):
    with pytest.raises(ProjectError, match="kan niet worden gelezen"):
        Project.load(tmp_path / "bestaat-niet.wkp")


def test_failed_write_leaves_the_previous_file_intact(tmp_path: Path, monkeypatch):
    path = sample_project().save(tmp_path / "p.wkp")
    before = path.read_bytes()
    project = Project.load(path)
    project.set_choice("positie", {"changed": True})

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(project_module.os, "replace", broken_replace)
    with pytest.raises(ProjectError, match="Opslaan"):
        project.save(path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.wkp"], "no temp file left behind"
    assert project.dirty, "a failed save must not clear the dirty flag"


def test_migration_chain_runs_step_by_step(monkeypatch):
    monkeypatch.setattr(project_module, "FORMAT_VERSION", 3)
    monkeypatch.setitem(project_module.MIGRATIONS, 1, lambda m, c, t: (m, {**c, "v2": True}, t))
    monkeypatch.setitem(project_module.MIGRATIONS, 2, lambda m, c, t: (m, {**c, "v3": True}, t))
    manifest, choices, _ = project_module.migrate({"format_version": 1}, {})
    assert manifest["format_version"] == 3
    assert choices == {"v2": True, "v3": True}


def test_v1_monthly_tables_become_maand_tables():
    import pandas as pd

    tables = {"declaraties": pd.DataFrame({"a": [1]}), "panel_declaraties": pd.DataFrame({"maand": ["2024-01"]}),
              "panel_wijken": pd.DataFrame({"maand": []})}
    manifest, _, migrated = project_module.migrate({"format_version": 1}, {}, tables)
    assert manifest["format_version"] == project_module.FORMAT_VERSION
    assert set(migrated) == {"declaraties", "maand_declaraties"}


def test_v1_fixture_still_loads(repo_root: Path):
    """One fixture per released format stays loadable (DESIGN §3)."""
    fixture = repo_root / "tests" / "data" / "project_v1.wkp"
    project = Project.load(fixture)
    assert project.gemeente_code == "GM0150"
    assert "toewijzingen" in project.tables
    assert project.choices["positie"]["toegang"]["breedte"] == 3


def test_key_store_keeps_secret_outside_project(tmp_path: Path):
    store = KeyStore(tmp_path / "keys")
    project = sample_project()
    secret = store.secret_for(project.project_id)
    assert len(secret) == 32
    assert store.secret_for(project.project_id) == secret
    assert KeyStore(tmp_path / "keys").secret_for(project.project_id) == secret
    saved = project.save(tmp_path / "p.wkp")
    assert secret.hex().encode() not in saved.read_bytes()
    with pytest.raises(ProjectError):
        store.secret_for("../evil")


@pytest.mark.parametrize(
    "manifest_patch, refused",
    [
        ({"bronbestanden": [{"sha256": "x"}]}, True),  # source without a name
        ({"tabellen": {"t": "geen schema"}}, True),  # schema is not an object
        ({"tabellen": {"t": {"kolommen": [{"naam": "a"}]}}}, True),  # table member missing
        ({"project_id": "../../sleutels/ander"}, False),  # id that would escape the key store
    ],
)
def test_hand_edited_manifests_give_a_dutch_message_or_a_safe_project(tmp_path: Path, manifest_patch, refused):
    path = sample_project().save(tmp_path / "p.wkp")
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest.update(manifest_patch)
    members["manifest.json"] = json.dumps(manifest).encode()
    edited = tmp_path / "bewerkt.wkp"
    with zipfile.ZipFile(edited, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    if refused:
        with pytest.raises(ProjectError, match="beschadigd"):
            Project.load(edited)
    else:
        project = Project.load(edited)
        assert project.project_id.isalnum(), "an unsafe id must be replaced, never used"


def test_key_missing_is_detected_only_for_projects_with_pseudonyms(tmp_path: Path):
    store = KeyStore(tmp_path / "keys")
    with_clients = sample_project()
    assert store.key_missing_for(with_clients) is True
    store.secret_for(with_clients.project_id)
    assert store.key_missing_for(with_clients) is False
    assert store.key_missing_for(Project()) is False


def test_an_unnamed_project_takes_its_file_name_on_save(tmp_path: Path):
    project = Project()
    events = []
    project.subscribe(events.append)
    project.save(tmp_path / "Wmo analyse 2026.wkp")
    assert project.naam == "Wmo analyse 2026" and not project.dirty
    assert events == [frozenset({"project"})]
    assert Project.load(tmp_path / "Wmo analyse 2026.wkp").naam == "Wmo analyse 2026"
    named = Project(naam="Kadernota")
    named.save(tmp_path / "kopie.wkp")
    assert named.naam == "Kadernota"
