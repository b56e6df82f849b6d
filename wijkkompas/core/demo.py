"""The bundled demo project ("Voorbeeldstad"): built from ``resources/demo``, cached per user.

Why built from the exports instead of shipping a ``.wkp``: the demo then always
goes through the same import and typology code as a user's own files, so it
can never drift from what the current version computes. Why cached: importing
4½ years of monthly declaraties takes many seconds, too slow for every
``--demo`` start. The first start builds the project and saves it as a normal
project file in the app-data folder (``demo/``); later starts open that file.
The cache key is the app version, a hash of every file in ``resources/demo``
and a hash of the user's demo pseudonymisation key, so a new version, a
changed demo file or a new key builds it again (caches of older versions or
demo files are removed; a few caches made with other keys are kept). Next to the ``.wkp`` a pickle-free snapshot (``demo_cache``) opens
in a fraction of the time a project file needs; the ``.wkp`` is the fallback.
A damaged cache file is rebuilt, never shown as an error.

``resources/demo/demo.json`` describes it:
  naam, gemeente_code       the reference gemeente the demo is modelled on
  keuzes                    JSON choices per section stored as-is
  keuzes_bestanden          {section: file in resources/demo} read as JSON choices
  imports                   [{"bestand": ..., "soort": ..., "blad": optional}]
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wijkkompas import __version__, resources
from wijkkompas.core import appdata
from wijkkompas.core.demo_cache import load_snapshot, save_snapshot
from wijkkompas.core.errors import ProjectError
from wijkkompas.core.project import Project

ProgressFn = Callable[[float, str], None]
log = logging.getLogger("wijkkompas.demo")

# Fixed id: the demo's pseudonymisation key is then created once per user, not per start.
DEMO_PROJECT_ID = "voorbeeldstaddemo"
CACHE_FORMAT = 1  # bump when the way the demo project is assembled changes
CACHE_PREFIX = "voorbeeldstad-"


def demo_folder() -> Path:
    return resources.path("demo")


def demo_spec() -> dict[str, Any]:
    spec_path = demo_folder() / "demo.json"
    try:
        return json.loads(spec_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ProjectError(f"Het demoproject kan niet worden geladen ({spec_path.name}: {exc}).") from exc


def demo_files_hash() -> str:
    """sha256 over the names and contents of every file in the demo folder (sorted)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in demo_folder().iterdir() if p.is_file()):
        digest.update(path.name.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()


CACHE_ENV = "WIJKKOMPAS_DEMO_CACHE"  # another cache folder (the test suite shares one across tests)


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    folder = Path(override) if override else appdata.data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


KEEP_OTHER_KEYS = 2  # caches of the same demo under other keys kept (most recently used first)


def _build_key() -> str:
    return hashlib.sha256(f"{__version__}|{CACHE_FORMAT}|{demo_files_hash()}".encode()).hexdigest()[:16]


def cache_path(secret: bytes) -> Path:
    """Where the cached demo project for this version, these demo files and this key lives."""
    key = hashlib.sha256(hashlib.sha256(secret).digest()).hexdigest()[:16]
    return cache_dir() / f"{CACHE_PREFIX}{_build_key()}-{key}.wkp"


def _prune(current: Path) -> None:
    """Remove caches of other versions or demo files; keep a few of other keys (CLI runs, tests)."""
    build = current.stem.rsplit("-", 1)[0]
    others: dict[str, list[Path]] = {}
    for path in cache_dir().glob(f"{CACHE_PREFIX}*"):
        if path.stem == current.stem:
            continue
        if path.stem.rsplit("-", 1)[0] != build:
            path.unlink(missing_ok=True)
        else:
            others.setdefault(path.stem, []).append(path)
    recent = sorted(others, key=lambda stem: max(p.stat().st_mtime for p in others[stem]), reverse=True)
    for stem in recent[KEEP_OTHER_KEYS:]:
        for path in others[stem]:
            path.unlink(missing_ok=True)


def build_demo_project(
    secret: bytes | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    cache: bool = True,
) -> Project:
    """The demo project, unsaved from the caller's point of view (``path`` None, not dirty).

    ``secret`` keys the pseudonyms of demo imports. With ``cache`` (default)
    a cached build is opened when it matches; otherwise the project is built
    from the exports and, unless cancelled, stored in the cache.
    """
    spec = demo_spec()
    if not cache or secret is None or not spec.get("imports"):
        return _build(spec, secret, progress, cancelled)
    target = cache_path(secret)
    snapshot = target.with_suffix(".npz")
    for path, loader in ((snapshot, load_snapshot), (target, Project.load)):
        if path.is_file():
            try:
                project = _detached(loader(path))
                _touch(path)
                return project
            except ProjectError as exc:  # damaged or from an incompatible build: try the next, then rebuild
                log.warning("Demo-cache %s onbruikbaar (%s)", path.name, exc.melding)
    project = _build(spec, secret, progress, cancelled)
    if cancelled is not None and cancelled():
        return project
    try:
        project.save(target, as_copy=True)
        save_snapshot(project, snapshot)
        _prune(target)
    except (OSError, ProjectError) as exc:  # a read-only or full disk only costs speed next time
        log.warning("Demo-cache niet opgeslagen: %s", exc)
    return project


def _touch(path: Path) -> None:
    """Mark a cache as used, so pruning keeps the one the user actually opens."""
    try:
        os.utime(path)
    except OSError:
        pass


def _detached(project: Project) -> Project:
    """A cached demo opened as if freshly built: saving asks for a place instead of overwriting the cache."""
    project.path = None
    project.dirty = False
    return project


def _build(spec: dict[str, Any], secret: bytes | None, progress: ProgressFn | None,
           cancelled: Callable[[], bool] | None) -> Project:
    project = Project(naam=spec.get("naam", "Voorbeeldstad (demo)"), project_id=DEMO_PROJECT_ID)
    project.gemeente_code = spec.get("gemeente_code")
    if spec.get("toelichting"):
        project.choices["project"] = {"toelichting": spec["toelichting"]}
    for section, value in (spec.get("keuzes") or {}).items():
        project.choices[section] = value
    for section, file_name in (spec.get("keuzes_bestanden") or {}).items():
        project.choices[section] = json.loads((demo_folder() / file_name).read_text(encoding="utf-8"))
    imports = spec.get("imports") or []
    if imports:
        # Imported lazily: the import machinery is heavy and not needed for an empty project.
        from wijkkompas.core.imports import add_import_to_project, import_file

        if secret is None:
            raise ProjectError("Voor het demoproject is een pseudonimiseringssleutel nodig.")
        for number, item in enumerate(imports):
            if progress:
                progress(number / len(imports), f"Demo-bestand {item['bestand']} inlezen…")
            if cancelled and cancelled():
                break
            result = import_file(demo_folder() / item["bestand"], soort=item.get("soort"), blad=item.get("blad"),
                                 secret=secret)
            add_import_to_project(project, result)
    project.dirty = False
    return project
