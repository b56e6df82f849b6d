"""The Project: the Qt-free state of one analysis, and its ``.wkp`` file format.

A ``.wkp`` file is a zip with
  manifest.json   format_version, app version, timestamps, project id, gemeente,
                  source files (name + sha256), table schemas
  choices.json    JSON-safe choices per section ("gemeente", "positie", ...)
  tables/*.csv    imported canonical tables and derived panels (UTF-8, ``,``)

Why this shape: a user (or auditor) can open every part with ordinary tools,
nothing is executed on load (no pickle/eval), and the format is versioned so
older files are migrated step by step. Writes are atomic (temp file + replace).

The pseudonymisation secret is deliberately *not* in the project file: with key
and pseudonyms together, 10^9 possible BSNs could be brute-forced. It lives in
the user's key store (``KeyStore``) under the project id.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import secrets
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijkkompas import __version__
from wijkkompas.core.errors import ProjectError, ProjectVersionError
from wijkkompas.core.lazy import lazy_module
from wijkkompas.core.table_csv import schema_of, table_from_csv, table_to_csv
from wijkkompas.core.userfile import os_reason, parse_json_text, read_user_file

pd = lazy_module("pandas")  # an empty project (the start-up window) needs no pandas

FORMAT_VERSION = 2
DEFAULT_NAAM = "Naamloos project"
PROJECT_SUFFIX = ".wkp"

# Guards against malformed or hostile zips (a project may come from e-mail).
_MAX_MEMBERS = 500
_MAX_UNCOMPRESSED = 2 * 1024**3
_MAX_RATIO = 200



def _now() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


@dataclass
class SourceFile:
    """Provenance of an imported file: we keep the name and hash, never the file."""

    naam: str
    sha256: str
    soort: str
    tabel: str
    blad: str | None = None
    geimporteerd_op: str = field(default_factory=_now)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceFile:
        known = {k: data.get(k) for k in ("naam", "sha256", "soort", "tabel", "blad", "geimporteerd_op")}
        return cls(**{k: v for k, v in known.items() if v is not None or k == "blad"})


@dataclass
class Project:
    """Inputs and choices of one analysis. Panels read and write it; they never own state.

    ``choices`` holds one JSON-safe dict per section (e.g. ``"positie"`` for the
    typology answers). ``tables`` holds pseudonymised canonical tables.
    """

    naam: str = DEFAULT_NAAM
    gemeente_code: str | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: list[SourceFile] = field(default_factory=list)
    choices: dict[str, Any] = field(default_factory=dict)
    project_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: str = field(default_factory=_now)
    modified: str = field(default_factory=_now)
    path: Path | None = None
    dirty: bool = False
    _listeners: list[Callable[[frozenset[str]], None]] = field(default_factory=list, repr=False, compare=False)
    _batch_depth: int = field(default=0, repr=False, compare=False)
    _pending: set[str] = field(default_factory=set, repr=False, compare=False)

    # --- change notification (plain callbacks; the GUI adapts them to signals) ---
    # A listener receives a frozenset of changed section names (``core.sections.Sectie`` values).
    # Inside ``with project.batch():`` changes are collected and sent as ONE event at the end, so an
    # import that stores a table, its monthly table and a report refreshes each panel once.
    def subscribe(self, listener: Callable[[frozenset[str]], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[frozenset[str]], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def mark_changed(self, what: str) -> None:
        self.dirty = True
        self.modified = _now()
        if self._batch_depth:
            self._pending.add(str(what))
            return
        self._notify(frozenset({str(what)}))

    def _notify(self, changes: frozenset[str]) -> None:
        for listener in list(self._listeners):
            listener(changes)

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Collect the changes made inside the block and notify once when the outer block ends."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth and self._pending:
                changes, self._pending = frozenset(self._pending), set()
                self._notify(changes)

    # --- mutations used by panels and CLI ---
    def set_gemeente(self, code: str | None) -> None:
        if code != self.gemeente_code:
            self.gemeente_code = code
            self.mark_changed("gemeente")

    def set_choice(self, section: str, value: Any) -> None:
        """Store a JSON-safe value; rejecting non-JSON early keeps save() from failing later."""
        json.dumps(value)
        self.choices[section] = value
        self.mark_changed(section)

    def add_table(self, name: str, table: pd.DataFrame, source: SourceFile | None = None) -> None:
        if not name.replace("_", "").isalnum():
            raise ProjectError(f"Ongeldige tabelnaam '{name}': alleen letters, cijfers en '_'.")
        self.tables[name] = table
        if source is not None:
            self.sources = [s for s in self.sources if s.tabel != name] + [source]
        self.mark_changed("tables")

    def remove_table(self, name: str) -> None:
        if name in self.tables:
            del self.tables[name]
            self.sources = [s for s in self.sources if s.tabel != name]
            self.mark_changed("tables")

    # --- persistence ---
    def manifest(self) -> dict[str, Any]:
        return {
            "format": "wijkkompas-project",
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "project_id": self.project_id,
            "naam": self.naam,
            "gemeente_code": self.gemeente_code,
            "created": self.created,
            "modified": self.modified,
            "bronbestanden": [s.to_json() for s in self.sources],
            "tabellen": {name: schema_of(df) for name, df in sorted(self.tables.items())},
        }

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(self.manifest(), ensure_ascii=False, indent=2))
            archive.writestr("choices.json", json.dumps(self.choices, ensure_ascii=False, indent=2, sort_keys=True))
            for name, df in sorted(self.tables.items()):
                archive.writestr(f"tables/{name}.csv", table_to_csv(df))
        return buffer.getvalue()

    def save(self, path: str | Path, *, as_copy: bool = False) -> Path:
        """Write atomically. ``as_copy`` (autosave) leaves path and dirty flag alone."""
        target = Path(path)
        if target.suffix.lower() != PROJECT_SUFFIX and not as_copy:
            target = target.with_suffix(PROJECT_SUFFIX)
        renamed = False
        if not as_copy and self.naam == DEFAULT_NAAM:
            # An unnamed project takes the name the user gave its file, so the Start header, subtitles and
            # the "Wijzigingen opslaan?" question no longer say "Naamloos project" after Opslaan als.
            self.naam, renamed = target.stem, True
        try:
            atomic_write_bytes(target, self.to_bytes())
        except BaseException:
            if renamed:
                self.naam = DEFAULT_NAAM
            raise
        if not as_copy:
            self.path = target
            self.dirty = False
            if renamed:
                self._notify(frozenset({"project"}))
        return target

    @classmethod
    def load(cls, path: str | Path) -> Project:
        source = Path(path)
        data = read_user_file(source, "Het projectbestand", _MAX_PROJECT_BYTES)
        project = cls.from_bytes(data, name_for_messages=source.name)
        project.path = source
        return project

    @classmethod
    def from_bytes(cls, data: bytes, name_for_messages: str = "project") -> Project:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
            raise ProjectError(f"'{name_for_messages}' is geen geldig Wijkkompas-project (geen zip-bestand).",
                               details=repr(exc)) from exc
        try:
            with archive:
                return cls._from_archive(archive, name_for_messages)
        except ProjectError:
            raise
        except MemoryError as exc:
            raise ProjectError(f"'{name_for_messages}' is te groot om te openen op deze computer.",
                               details=repr(exc)) from exc
        except Exception as exc:  # a hand-edited or hostile project: a message, never a traceback
            raise ProjectError(
                f"'{name_for_messages}' is beschadigd en kan niet worden geopend. Open een reservekopie of "
                "de automatisch bewaarde kopie.", details=f"{type(exc).__name__}: {exc}"
            ) from exc

    @classmethod
    def _from_archive(cls, archive: zipfile.ZipFile, name_for_messages: str) -> Project:
        _check_archive(archive, name_for_messages)
        manifest = _read_json(archive, "manifest.json", name_for_messages)
        if not isinstance(manifest, dict) or manifest.get("format") != "wijkkompas-project":
            raise ProjectError(f"'{name_for_messages}' is geen Wijkkompas-project (manifest ontbreekt of is onbekend).")
        version = manifest.get("format_version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:  # True is an int in Python
            raise ProjectError(f"'{name_for_messages}' heeft een ongeldige formaatversie ({_shown(version)}); "
                               "verwacht een geheel getal vanaf 1. Het bestand is beschadigd of met de hand bewerkt.")
        if version > FORMAT_VERSION:
            raise ProjectVersionError(
                f"'{name_for_messages}' is gemaakt met een nieuwere versie van Wijkkompas "
                f"(projectformaat {version}, app-versie {manifest.get('app_version', '?')}). "
                f"Deze versie ({__version__}) leest projectformaat t/m {FORMAT_VERSION}. "
                "Installeer een nieuwere Wijkkompas om dit project te openen."
            )
        _check_manifest(manifest, name_for_messages)
        names = set(archive.namelist())
        choices = _read_json(archive, "choices.json", name_for_messages) if "choices.json" in names else {}
        if not isinstance(choices, dict):
            raise ProjectError(f"'choices.json' in '{name_for_messages}' is beschadigd: verwacht een JSON-object.")
        tables: dict[str, pd.DataFrame] = {}
        for name, schema in (manifest.get("tabellen") or {}).items():
            member = f"tables/{name}.csv"
            if member not in names:
                raise ProjectError(f"Tabel '{name}' ontbreekt in '{name_for_messages}'; het bestand is beschadigd.")
            tables[name] = table_from_csv(_read_member(archive, member, name_for_messages), schema,
                                           f"Tabel '{name}' in '{name_for_messages}'")
        manifest, choices, tables = migrate(manifest, choices, tables)
        return cls(
            naam=str(manifest.get("naam") or DEFAULT_NAAM),
            gemeente_code=manifest.get("gemeente_code"),
            tables=tables,
            sources=[SourceFile.from_json(s) for s in manifest.get("bronbestanden", [])],
            choices=choices if isinstance(choices, dict) else {},
            project_id=_safe_project_id(manifest.get("project_id")),
            created=str(manifest.get("created") or _now()),
            modified=str(manifest.get("modified") or _now()),
        )


# --- format migrations: one function per step, vN -> vN+1 -------------------------
if TYPE_CHECKING:  # annotations only: evaluating pd.DataFrame here would load pandas at start-up
    Tables = dict[str, pd.DataFrame]


def _v1_to_v2(manifest: dict, choices: dict, tables: Tables) -> tuple[dict, dict, Tables]:
    """Format 2 names the monthly tables maand_<soort> (format 1: panel_<soort>, also for empty ones)."""
    renamed: Tables = {}
    for name, table in tables.items():
        if name.startswith("panel_"):
            if len(table):
                renamed["maand_" + name[len("panel_"):]] = table
            continue
        renamed[name] = table
    return manifest, choices, renamed


MIGRATIONS: dict[int, Callable[[dict, dict, Tables], tuple[dict, dict, Tables]]] = {1: _v1_to_v2}


def migrate(manifest: dict, choices: dict, tables: Tables | None = None) -> tuple[dict, dict, Tables]:
    version = manifest["format_version"]
    tables = {} if tables is None else tables
    while version < FORMAT_VERSION:
        manifest, choices, tables = MIGRATIONS[version](manifest, choices, tables)
        version += 1
        manifest["format_version"] = version
    return manifest, choices, tables


# --- helpers ---------------------------------------------------------------------
def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, fsync, then replace: never a half file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ProjectError(f"Opslaan naar '{target}' is mislukt: {os_reason(exc)}.", details=repr(exc)) from exc
    try:
        # mkstemp creates 0600; give the file the mode a normal save would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError as exc:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise ProjectError(f"Opslaan naar '{target}' is mislukt: {os_reason(exc)}.", details=repr(exc)) from exc


def _safe_project_id(value: Any) -> str:
    """The id names a key file in the user's key store, so only plain alphanumerics are accepted."""
    text = str(value or "")
    return text if text.isalnum() and len(text) <= 64 else uuid.uuid4().hex


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if len(infos) > _MAX_MEMBERS:
        raise ProjectError(f"'{name}' bevat te veel onderdelen ({len(infos)}); het is geen geldig project.")
    total = 0
    for info in infos:
        if info.filename.startswith("/") or ".." in Path(info.filename).parts:
            raise ProjectError(f"'{name}' bevat een ongeldig pad ({info.filename}).")
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > _MAX_RATIO and info.file_size > 10_000_000:
            raise ProjectError(f"'{name}' is verdacht sterk gecomprimeerd en wordt niet geopend.")
    if total > _MAX_UNCOMPRESSED:
        raise ProjectError(f"'{name}' is uitgepakt groter dan 2 GB en wordt niet geopend.")


def _read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """One member's bytes, with a Dutch message for every way a zip member can be unreadable."""
    try:
        return archive.read(member)
    except KeyError as exc:
        raise ProjectError(f"'{name}' mist '{member}'; het is geen geldig project.") from exc
    except NotImplementedError as exc:  # compression method
        raise ProjectError(f"'{member}' in '{name}' is ingepakt met een methode die Wijkkompas niet kent; het "
                           "bestand is niet met Wijkkompas gemaakt of is bewerkt.", details=repr(exc)) from exc
    except RuntimeError as exc:  # "File ... is encrypted, password required"
        raise ProjectError(f"'{member}' in '{name}' is versleuteld. Wijkkompas versleutelt projecten nooit: het "
                           "bestand is niet met Wijkkompas gemaakt of is bewerkt.", details=repr(exc)) from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:  # bad CRC, corrupt deflate
        raise ProjectError(f"'{member}' in '{name}' is beschadigd en kan niet worden uitgepakt. Open een "
                           "reservekopie of de automatisch bewaarde kopie.", details=repr(exc)) from exc


def _read_json(archive: zipfile.ZipFile, member: str, name: str) -> Any:
    raw = _read_member(archive, member, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"'{member}' in '{name}' is beschadigd: het is geen UTF-8-tekst.", details=repr(exc)) from exc
    return parse_json_text(text, f"'{member}' in '{name}'")


def _shown(value: Any) -> str:
    """A stored value quoted in a message: short, and never a Python repr of a structure."""
    if value is None:
        return "ontbreekt"
    if isinstance(value, bool):
        return "ja/nee-waarde"
    if isinstance(value, (dict, list)):
        return "een lijst of object"
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def _check_manifest(manifest: dict, name: str) -> None:
    """Field types a hand-edited manifest can get wrong; each gets its own message."""
    code = manifest.get("gemeente_code")
    if code is not None and not isinstance(code, str):
        raise ProjectError(f"'{name}' heeft een ongeldige gemeentecode ({_shown(code)}); verwacht tekst zoals "
                           "'GM0150'. Het bestand is beschadigd of met de hand bewerkt.")
    for key in ("tabellen",):
        if manifest.get(key) is not None and not isinstance(manifest.get(key), dict):
            raise ProjectError(f"'{name}' is beschadigd: de lijst met tabellen in het manifest is ongeldig.")
    sources = manifest.get("bronbestanden", [])
    required = ("naam", "sha256", "soort", "tabel")
    if not isinstance(sources, list) or not all(
            isinstance(s, dict) and all(isinstance(s.get(k), str) for k in required) for s in sources):
        raise ProjectError(f"'{name}' is beschadigd: de lijst met bronbestanden in het manifest is ongeldig.")
    for key in ("naam", "created", "modified", "project_id", "app_version"):
        if isinstance(manifest.get(key), (dict, list)):
            raise ProjectError(f"'{name}' is beschadigd: het veld '{key}' in het manifest is ongeldig.")


_MAX_PROJECT_BYTES = 2 * 1024**3


class KeyStore:
    """Per-project pseudonymisation secrets, kept in the user's app-data, not in the project.

    ``secret_for`` creates a key on first use. If a project with imported client
    data is opened on another machine the key is missing; ``key_missing_for``
    tells the caller to warn that new imports cannot be linked to earlier ones.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _file(self, project_id: str) -> Path:
        if not project_id.isalnum():
            raise ProjectError("Ongeldig project-id.")
        return self.directory / f"{project_id}.key"

    def has_secret(self, project_id: str) -> bool:
        return self._file(project_id).is_file()

    def key_missing_for(self, project: Project) -> bool:
        """True when the project holds pseudonyms made with a key this computer does not have."""
        has_pseudonyms = any("client_id" in table.columns for table in project.tables.values())
        return has_pseudonyms and not self.has_secret(project.project_id)

    def secret_for(self, project_id: str) -> bytes:
        key_file = self._file(project_id)
        if key_file.exists():
            return self._read_key(key_file)
        secret = secrets.token_bytes(32)
        atomic_write_bytes(key_file, secret.hex().encode("ascii"))
        return secret

    @staticmethod
    def _read_key(key_file: Path) -> bytes:
        """The stored key, or a Dutch refusal: a damaged key is never silently replaced.

        Why not replace it: a new key would make every new import unlinkable to
        the earlier ones without anyone noticing.
        """
        damaged = (f"De pseudonimiseringssleutel van dit project op deze computer is beschadigd ({key_file}). "
                   "Zet een reservekopie van dat bestand terug. Zonder de juiste sleutel kunnen nieuwe imports "
                   "niet aan eerdere worden gekoppeld.")
        try:
            raw = read_user_file(key_file, "Het sleutelbestand", 4096)
            secret = bytes.fromhex(raw.decode("ascii").strip())
        except ProjectError as exc:
            raise ProjectError(damaged, details=exc.melding) from exc
        except (UnicodeDecodeError, ValueError) as exc:
            raise ProjectError(damaged, details=repr(exc)) from exc
        if len(secret) < 16:
            raise ProjectError(damaged, details=f"key of {len(secret)} bytes")
        return secret
