"""Copy the empty import templates to a folder the user chooses.

Why copy instead of opening the program folder: on a locked-down laptop no
file manager may start (the button then did nothing), and the installed
program folder is not where an adviser keeps work files. A copy in the
user's own folder always works and can be filled in and saved there.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from wijkkompas import resources
from wijkkompas.core.errors import WijkkompasError


def template_files() -> list[Path]:
    return sorted(p for p in resources.path("templates").iterdir() if p.suffix.lower() == ".xlsx")


def _free_name(folder: Path, name: str) -> Path:
    """'wijken.xlsx', or 'wijken (2).xlsx' when the user already has one: never overwrite their file."""
    target = folder / name
    stem, suffix = target.stem, target.suffix
    number = 2
    while target.exists():
        target = folder / f"{stem} ({number}){suffix}"
        number += 1
    return target


def copy_templates(folder: str | Path) -> list[Path]:
    """Copy every template into ``folder``; returns the written files. Raises WijkkompasError in Dutch."""
    target_dir = Path(folder)
    if not target_dir.is_dir():
        raise WijkkompasError(f"De map '{target_dir}' bestaat niet; kies een bestaande map.")
    written = []
    try:
        for source in template_files():
            target = _free_name(target_dir, source.name)
            shutil.copyfile(source, target)
            written.append(target)
    except PermissionError as exc:
        raise WijkkompasError(f"In de map '{target_dir}' mag Wijkkompas niet schrijven; kies een andere map, "
                              "bijvoorbeeld Documenten.") from exc
    except OSError as exc:
        raise WijkkompasError(f"De sjablonen konden niet in '{target_dir}' worden gezet (schijf vol of map "
                              "niet bereikbaar); kies een andere map.") from exc
    return written
