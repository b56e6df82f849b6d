"""Writing a report file safely: check the target first, write to a temp file beside it, then replace.

Why: an adviser may have last week's report open in Excel, or point at a folder
that does not exist. The old file must then stay intact and the message must say
what to do — never a half-written file under the final name.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.userfile import os_reason

SOORTEN = {".xlsx": "Excel", ".pdf": "PDF", ".docx": "Word"}


class RapportError(WijkkompasError):
    """The report cannot be written where the user asked (or a section name is unknown)."""


def controleer_doel(path: str | Path, suffix: str) -> Path:
    """Raise a Dutch ``RapportError`` when ``path`` cannot receive a ``suffix`` file; return it resolved."""
    target = Path(path).expanduser()
    soort = SOORTEN.get(suffix, suffix)
    if target.suffix.lower() != suffix:
        raise RapportError(f"Het {soort}-bestand '{target.name}' moet eindigen op {suffix}.")
    if target.is_dir():
        raise RapportError(f"'{target}' is een map; geef een bestandsnaam op die eindigt op {suffix}.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise RapportError(f"De map '{folder}' bestaat niet; kies een bestaande map voor het {soort}-bestand.")
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise RapportError(f"In '{folder}' mag Wijkkompas niet schrijven; kies een andere map voor het "
                           f"{soort}-bestand.")
    return target


def schrijf_atomair(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temp_path)`` on a temp file in the target's folder, then move it over ``path``."""
    target = controleer_doel(path, Path(path).suffix.lower())
    # Created with open(..., "xb") rather than mkstemp: the report then gets the user's normal file mode (umask),
    # not mkstemp's owner-only 0600 — it is a document to share, not a secret.
    while True:
        temp = target.parent / f".~{target.stem[:20]}-{secrets.token_hex(4)}{target.suffix}"
        try:
            with open(temp, "xb"):
                break
        except FileExistsError:
            continue
        except OSError as exc:
            raise RapportError(f"'{target.name}' kan niet worden geschreven: {os_reason(exc)}.",
                               details=repr(exc)) from exc
    try:
        write(temp)
        try:
            os.replace(temp, target)
        except PermissionError as exc:
            raise RapportError(f"'{target.name}' kan niet worden vervangen; is het bestand nog geopend in een "
                               "ander programma? Sluit het en probeer het opnieuw.") from exc
    except OSError as exc:
        raise RapportError(f"'{target.name}' kan niet worden geschreven: {os_reason(exc)}.",
                           details=repr(exc)) from exc
    finally:
        if temp.exists():
            temp.unlink(missing_ok=True)
    return target
