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

import io
import json
import os
import secrets
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from wijkkompas import __version__
from wijkkompas.core.errors import ProjectError, ProjectVersionError
from wijkkompas.core.lazy import lazy_module

pd = lazy_module("pandas")  # an empty project (the start-up window) needs no pandas

FORMAT_VERSION = 1
PROJECT_SUFFIX = ".wkp"

# Guards against malformed or hostile zips (a project may come from e-mail).
_MAX_MEMBERS = 500
_MAX_UNCOMPRESSED = 2 * 1024**3
_MAX_RATIO = 200

# dtype tags stored in the manifest so CSV round-trips keep their types.
_DTYPE_TAGS = ("string", "float", "int", "bool", "datetime")


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

    naam: str = "Naamloos project"
    gemeente_code: str | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    sources: list[SourceFile] = field(default_factory=list)
    choices: dict[str, Any] = field(default_factory=dict)
    project_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: str = field(default_factory=_now)
    modified: str = field(default_factory=_now)
    path: Path | None = None
    dirty: bool = False
    _listeners: list[Callable[[str], None]] = field(default_factory=list, repr=False, compare=False)

    # --- change notification (plain callbacks; the GUI adapts them to signals) ---
    def subscribe(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def mark_changed(self, what: str) -> None:
        self.dirty = True
        self.modified = _now()
        for listener in list(self._listeners):
            listener(what)

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
            "tabellen": {name: _schema(df) for name, df in sorted(self.tables.items())},
        }

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(self.manifest(), ensure_ascii=False, indent=2))
            archive.writestr("choices.json", json.dumps(self.choices, ensure_ascii=False, indent=2, sort_keys=True))
            for name, df in sorted(self.tables.items()):
                archive.writestr(f"tables/{name}.csv", _table_to_csv(df))
        return buffer.getvalue()

    def save(self, path: str | Path, *, as_copy: bool = False) -> Path:
        """Write atomically. ``as_copy`` (autosave) leaves path and dirty flag alone."""
        target = Path(path)
        if target.suffix.lower() != PROJECT_SUFFIX and not as_copy:
            target = target.with_suffix(PROJECT_SUFFIX)
        atomic_write_bytes(target, self.to_bytes())
        if not as_copy:
            self.path = target
            self.dirty = False
        return target

    @classmethod
    def load(cls, path: str | Path) -> Project:
        source = Path(path)
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise ProjectError(f"Het projectbestand '{source.name}' kan niet worden gelezen: {exc.strerror}.") from exc
        project = cls.from_bytes(data, name_for_messages=source.name)
        project.path = source
        return project

    @classmethod
    def from_bytes(cls, data: bytes, name_for_messages: str = "project") -> Project:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ProjectError(f"'{name_for_messages}' is geen geldig Wijkkompas-project (geen zip-bestand).") from exc
        try:
            with archive:
                return cls._from_archive(archive, name_for_messages)
        except ProjectError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, zipfile.BadZipFile, pd.errors.ParserError) as exc:
            # A hand-edited or truncated project must give a message, never a traceback.
            raise ProjectError(
                f"'{name_for_messages}' is beschadigd en kan niet worden geopend ({type(exc).__name__}: {exc})."
            ) from exc

    @classmethod
    def _from_archive(cls, archive: zipfile.ZipFile, name_for_messages: str) -> Project:
        _check_archive(archive, name_for_messages)
        manifest = _read_json(archive, "manifest.json", name_for_messages)
        if not isinstance(manifest, dict) or manifest.get("format") != "wijkkompas-project":
            raise ProjectError(f"'{name_for_messages}' is geen Wijkkompas-project (manifest ontbreekt of is onbekend).")
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise ProjectError(f"'{name_for_messages}' heeft een ongeldige formaatversie ({version!r}).")
        if version > FORMAT_VERSION:
            raise ProjectVersionError(
                f"'{name_for_messages}' is gemaakt met een nieuwere versie van Wijkkompas "
                f"(projectformaat {version}, app-versie {manifest.get('app_version', '?')}). "
                f"Deze versie ({__version__}) leest projectformaat t/m {FORMAT_VERSION}. "
                "Installeer een nieuwere Wijkkompas om dit project te openen."
            )
        names = set(archive.namelist())
        choices = _read_json(archive, "choices.json", name_for_messages) if "choices.json" in names else {}
        tables: dict[str, pd.DataFrame] = {}
        for name, schema in (manifest.get("tabellen") or {}).items():
            member = f"tables/{name}.csv"
            if member not in names:
                raise ProjectError(f"Tabel '{name}' ontbreekt in '{name_for_messages}'; het bestand is beschadigd.")
            tables[name] = _table_from_csv(archive.read(member), schema)
        manifest, choices = migrate(manifest, choices)
        return cls(
            naam=str(manifest.get("naam") or "Naamloos project"),
            gemeente_code=manifest.get("gemeente_code"),
            tables=tables,
            sources=[SourceFile.from_json(s) for s in manifest.get("bronbestanden", [])],
            choices=choices if isinstance(choices, dict) else {},
            project_id=_safe_project_id(manifest.get("project_id")),
            created=str(manifest.get("created") or _now()),
            modified=str(manifest.get("modified") or _now()),
        )


# --- format migrations: one function per step, vN -> vN+1 -------------------------
MIGRATIONS: dict[int, Callable[[dict, dict], tuple[dict, dict]]] = {}


def migrate(manifest: dict, choices: dict) -> tuple[dict, dict]:
    version = manifest["format_version"]
    while version < FORMAT_VERSION:
        manifest, choices = MIGRATIONS[version](manifest, choices)
        version += 1
        manifest["format_version"] = version
    return manifest, choices


# --- helpers ---------------------------------------------------------------------
def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write to a temp file in the same folder, fsync, then replace: never a half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
        raise ProjectError(f"Opslaan naar '{target}' is mislukt: {exc.strerror or exc}.") from exc


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


def _read_json(archive: zipfile.ZipFile, member: str, name: str) -> Any:
    try:
        return json.loads(archive.read(member).decode("utf-8"))
    except KeyError as exc:
        raise ProjectError(f"'{name}' mist '{member}'; het is geen geldig project.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProjectError(f"'{member}' in '{name}' is beschadigd: {exc}.") from exc


def _dtype_tag(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "string"


def _schema(df: pd.DataFrame) -> dict[str, Any]:
    return {"kolommen": [{"naam": str(c), "type": _dtype_tag(df[c])} for c in df.columns], "rijen": int(len(df))}


def _table_to_csv(df: pd.DataFrame) -> bytes:
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%S").where(out[column].notna(), "")
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _table_from_csv(raw: bytes, schema: dict[str, Any]) -> pd.DataFrame:
    columns = schema.get("kolommen", [])
    if not columns:
        return pd.DataFrame()
    names = [c["naam"] for c in columns]
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""])
    if list(df.columns) != names:
        raise ProjectError("Een tabel in het project heeft andere kolommen dan het manifest; het bestand is beschadigd.")
    for column in columns:
        name, tag = column["naam"], column.get("type", "string")
        if tag not in _DTYPE_TAGS:
            tag = "string"
        if tag == "float":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("float64")
        elif tag == "int":
            values = pd.to_numeric(df[name], errors="coerce")
            df[name] = values.astype("int64") if values.notna().all() else values.astype("Int64")
        elif tag == "bool":
            df[name] = df[name].map({"True": True, "False": False}).astype("boolean")
        elif tag == "datetime":
            df[name] = pd.to_datetime(df[name], errors="coerce", format="%Y-%m-%dT%H:%M:%S")
        else:
            df[name] = df[name].astype("string")
    return df


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
        if key_file.is_file():
            return bytes.fromhex(key_file.read_text(encoding="ascii").strip())
        secret = secrets.token_bytes(32)
        atomic_write_bytes(key_file, secret.hex().encode("ascii"))
        return secret
