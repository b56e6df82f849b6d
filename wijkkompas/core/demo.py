"""Build the bundled demo project ("Voorbeeldstad") from ``resources/demo``.

Why built at start-up instead of shipping a ``.wkp``: the demo then always goes
through the same import and typology code as a user's own files, so it can
never drift from what the current version computes.

``resources/demo/demo.json`` describes it:
  naam, gemeente_code       the reference gemeente the demo is modelled on
  keuzes                    JSON choices per section stored as-is
  keuzes_bestanden          {section: file in resources/demo} read as JSON choices
  imports                   [{"bestand": ..., "soort": ..., "blad": optional}]
"""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from wijkkompas import resources
from wijkkompas.core.errors import ProjectError
from wijkkompas.core.project import Project

ProgressFn = Callable[[float, str], None]

# Fixed id: the demo's pseudonymisation key is then created once per user, not per start.
DEMO_PROJECT_ID = "voorbeeldstaddemo"


def demo_spec() -> dict[str, Any]:
    spec_path = resources.path("demo", "demo.json")
    try:
        return json.loads(spec_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ProjectError(f"Het demoproject kan niet worden geladen ({spec_path.name}: {exc}).") from exc


def build_demo_project(
    secret: bytes | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Project:
    """Return a fresh, unsaved demo project. ``secret`` keys the pseudonyms of demo imports."""
    spec = demo_spec()
    project = Project(naam=spec.get("naam", "Voorbeeldstad (demo)"), project_id=DEMO_PROJECT_ID)
    project.gemeente_code = spec.get("gemeente_code")
    if spec.get("toelichting"):
        project.choices["project"] = {"toelichting": spec["toelichting"]}
    for section, value in (spec.get("keuzes") or {}).items():
        project.choices[section] = value
    for section, file_name in (spec.get("keuzes_bestanden") or {}).items():
        project.choices[section] = json.loads(resources.path("demo", file_name).read_text(encoding="utf-8"))
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
            result = import_file(
                resources.path("demo", item["bestand"]),
                soort=item.get("soort"),
                blad=item.get("blad"),
                secret=secret,
            )
            add_import_to_project(project, result)
    project.dirty = False
    return project
