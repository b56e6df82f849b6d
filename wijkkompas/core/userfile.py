"""Files the user names on the command line or in a dialog: read safely, decoded, parsed, in Dutch.

Why one module: answers, kolomkoppelingen, gewichten and hefbomen files, projects and
exports all come from a user or a script. ``/dev/zero`` must not hang, a FIFO must
not block, a file saved as latin-1 or UTF-16 by Notepad deserves a better message
than a codec error, and an OS error must not reach the user as English
``strerror`` text ("Permission denied"). The technical cause goes to ``details``
(the log) only.
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

from wijkkompas.core.errors import ProjectError

MAX_JSON_BYTES = 1024**2  # a settings file of ours is a few KB


def os_reason(exc: OSError) -> str:
    """The cause of an OS error in Dutch (``strerror`` is English and sometimes localised)."""
    import errno

    reasons = {
        errno.EACCES: "geen toegang (ontbrekende rechten, of het bestand is geopend in een ander programma)",
        errno.EPERM: "geen toegang (ontbrekende rechten)",
        errno.ENOSPC: "de schijf is vol",
        errno.EROFS: "de schijf of map is alleen-lezen",
        errno.ENOENT: "de map bestaat niet",
        errno.EISDIR: "dat is een map, geen bestand",
        errno.ENOTDIR: "een deel van het pad is geen map",
        errno.ENAMETOOLONG: "de naam is te lang",
        errno.EDQUOT: "uw schijfquotum is op",
    }
    return reasons.get(exc.errno, "het besturingssysteem weigerde de bewerking")


def parse_json_text(text: str, what: str, error: type = ProjectError) -> Any:
    """``json.loads`` with a Dutch message for each way JSON can be unusable (syntax, depth, huge numbers).

    ``what`` names the file for the user ("'choices.json' in 'x.wkp'").
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{what} is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}).",
                    details=repr(exc)) from exc
    except RecursionError as exc:
        raise error(f"{what} is te diep genest om te lezen; het is beschadigd of met opzet zo gemaakt.",
                    details="RecursionError") from exc
    except ValueError as exc:  # an integer of more than 4.300 digits
        raise error(f"{what} bevat een getal met te veel cijfers en wordt niet gelezen.", details=repr(exc)) from exc


def read_user_file(path: Path, what: str, limit: int, error: type = ProjectError) -> bytes:
    """Read a file the user named, refusing what cannot be a file of ours before reading it.

    Why: ``/dev/zero`` never ends and a FIFO blocks forever; a folder or a
    missing file has an English OS message. ``what`` is the Dutch subject
    ("Het projectbestand").
    """
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise error(f"{what} '{path}' kan niet worden gelezen: het bestaat niet. Controleer de naam en de map.") from exc
    except PermissionError as exc:
        raise error(f"Geen toegang tot {what.lower()} '{path}'.", details=repr(exc)) from exc
    except OSError as exc:
        raise error(f"{what} '{path}' kan niet worden gelezen.", details=repr(exc)) from exc
    import stat

    if stat.S_ISDIR(info.st_mode):
        raise error(f"'{path}' is een map, geen bestand. Kies het bestand zelf.")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"'{path}' is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp) en wordt niet gelezen.")
    if info.st_size > limit:
        raise error(f"{what} '{path.name}' is te groot ({info.st_size // 1024**2} MB) en wordt niet gelezen.")
    try:
        with open(path, "rb") as handle:
            return handle.read(limit + 1)
    except PermissionError as exc:
        raise error(f"Geen toegang tot {what.lower()} '{path}'. Is het nog geopend in een ander programma?",
                    details=repr(exc)) from exc
    except IsADirectoryError as exc:
        raise error(f"'{path}' is een map, geen bestand. Kies het bestand zelf.") from exc
    except OSError as exc:
        raise error(f"{what} '{path}' kan niet worden gelezen.", details=repr(exc)) from exc


def read_user_json(path: Path, what: str, error: type = ProjectError, limit: int = MAX_JSON_BYTES) -> Any:
    """The JSON in a file the user named; ``what`` is the Dutch subject ("Het gewichtenbestand").

    Accepts UTF-8 (with or without BOM) and UTF-16 with a BOM (Notepad's "Unicode");
    anything else gets a message saying how to save it.
    """
    path = Path(path)
    raw = read_user_file(path, what, limit, error=error)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise error(f"{what} '{path.name}' is beschadigd: ongeldige UTF-16-tekst. Sla het op als UTF-8 en "
                        "probeer opnieuw.", details=repr(exc)) from exc
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise error(f"{what} '{path.name}' is niet opgeslagen als UTF-8 (bijvoorbeeld als latin-1 of ANSI). "
                        "Sla het in uw editor op als UTF-8 en probeer opnieuw.", details=repr(exc)) from exc
    if "\x00" in text:
        raise error(f"{what} '{path.name}' is geen tekstbestand (het bevat nul-tekens).")
    return parse_json_text(text, f"{what} '{path.name}'", error=error)


def as_written(value: Any) -> str:
    """A rejected answer as the user wrote it (JSON: true, null, "tekst"), never a Python repr; long values cut."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # not from a JSON file (a caller passed an object): name its kind only
        text = "een waarde van een onbekend soort"
    return text if len(text) <= 40 else text[:40] + "…"
