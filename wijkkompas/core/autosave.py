"""Autosave copies and crash recovery.

While a project is dirty the GUI writes a copy here every few minutes. A clean
save or a deliberate close removes it. If Wijkkompas crashes, the copy is still
there at the next start and the user is offered to restore it. Why a sidecar
JSON next to each copy: we can list what is recoverable (name, original path,
time) without opening every zip.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from wijkkompas.core.errors import ProjectError
from wijkkompas.core.project import Project, atomic_write_bytes


@dataclass(frozen=True)
class RecoveryEntry:
    project_id: str
    naam: str
    original_path: str | None
    saved_at: str
    copy_path: Path


class AutosaveStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _copy(self, project_id: str) -> Path:
        return self.directory / f"{project_id}.wkp"

    def _meta(self, project_id: str) -> Path:
        return self.directory / f"{project_id}.json"

    def write(self, project: Project) -> Path:
        """Write an autosave copy; the project's own path and dirty flag stay untouched."""
        copy_path = project.save(self._copy(project.project_id), as_copy=True)
        meta = {
            "project_id": project.project_id,
            "naam": project.naam,
            "original_path": str(project.path) if project.path else None,
            "saved_at": project.modified,
        }
        atomic_write_bytes(self._meta(project.project_id), json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        return copy_path

    def discard(self, project_id: str) -> None:
        for path in (self._copy(project_id), self._meta(project_id)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass

    def pending(self) -> list[RecoveryEntry]:
        """Recoverable copies, newest first. Broken sidecars are skipped, not fatal."""
        entries = []
        if not self.directory.is_dir():
            return entries
        for meta_path in self.directory.glob("*.json"):
            meta = _read_sidecar(meta_path)
            if meta is None:
                continue
            project_id = meta.get("project_id")
            # the id names files we may later delete: only our own plain ids, never a path
            if not isinstance(project_id, str) or not project_id.isalnum() or meta_path.stem != project_id:
                continue
            copy_path = self._copy(project_id)
            if not copy_path.is_file():
                continue
            original = meta.get("original_path")
            entries.append(
                RecoveryEntry(
                    project_id=project_id,
                    naam=str(meta.get("naam") or "Naamloos project")[:200],
                    original_path=original if isinstance(original, str) else None,
                    saved_at=str(meta.get("saved_at") or "")[:40],
                    copy_path=copy_path,
                )
            )
        return sorted(entries, key=lambda e: e.saved_at, reverse=True)

    def restore(self, entry: RecoveryEntry) -> Project:
        """Load the copy as a dirty project that still points at its original file."""
        try:
            project = Project.load(entry.copy_path)
        except ProjectError:
            raise
        project.path = Path(entry.original_path) if entry.original_path else None
        project.dirty = True
        return project


def _read_sidecar(path: Path) -> dict | None:
    """A sidecar's JSON object, or None for anything broken (a crash may have left any bytes behind)."""
    try:
        if path.stat().st_size > 1024**2:
            return None
        meta = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    return meta if isinstance(meta, dict) else None
