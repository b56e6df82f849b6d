"""Facts for Help › Systeeminformatie: what an IT department asks when something does not work.

Why in core (no Qt): the dialog only shows these sections, and ``wijkkompas
systeeminfo`` prints the same text headless (for a machine where the window does
not even open). The GUI passes the Qt facts in (``qt=``), core never imports Qt.

Versions are read from package metadata, not by importing the libraries: importing
statsmodels or pandas takes seconds and the dialog must open at once. A frozen build
carries that metadata (``packaging/wijkkompas.spec`` copies it).

Write rights are tested by creating and removing a temporary file in each folder,
because permission bits do not tell the truth on Windows (ACLs, OneDrive folders,
virus scanners that lock new files).
"""
from __future__ import annotations

import hashlib
import locale
import os
import platform
import re
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from wijkkompas import __version__, resources
from wijkkompas.core import appdata
from wijkkompas.core.about import reference_manifest
from wijkkompas.core.logsetup import log_file

# Shown first, in this order; any other runtime dependency of the installed package follows.
LIBRARIES: tuple[str, ...] = (
    "PySide6-Essentials", "shiboken6", "pandas", "numpy", "scipy", "statsmodels", "pyqtgraph",
    "openpyxl", "python-calamine", "platformdirs",
)


@dataclass(frozen=True)
class Regel:
    label: str
    waarde: str
    probleem: bool = False  # shown in red and marked in the copied text


@dataclass
class Sectie:
    titel: str
    regels: list[Regel] = field(default_factory=list)

    def add(self, label: str, waarde: object, probleem: bool = False) -> None:
        self.regels.append(Regel(label, str(waarde), probleem))


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _requirement_names() -> list[str]:
    """Runtime dependencies as declared by the installed wijkkompas (extras such as test left out)."""
    try:
        requires = metadata.requires("wijkkompas") or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for requirement in requires:
        if "extra" in requirement.partition(";")[2]:  # e.g. 'pytest>=8; extra == "test"'
            continue
        match = re.match(r"[A-Za-z0-9_.\-]+", requirement.strip())
        if match:
            names.append(match.group(0))
    return names


def library_versions() -> list[tuple[str, str | None]]:
    """(distribution, version or None) for the known libraries plus any declared dependency."""
    names = list(LIBRARIES)
    known = {n.lower().replace("_", "-") for n in names}
    for name in _requirement_names():
        if name.lower().replace("_", "-") not in known:
            names.append(name)
            known.add(name.lower().replace("_", "-"))
    return [(name, _dist_version(name)) for name in names]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def reference_rows() -> list[Regel]:
    """Per bundled reference table: peiljaar, build date, the file's sha256 and the manifest's own.

    The manifest records the sha256 of each *source* file a table was built from; when it
    also records the table's own sha256 we compare it with the file on disk.
    """
    manifest = reference_manifest()
    tables = manifest.get("tabellen", {}) if isinstance(manifest, dict) else {}
    if not tables:
        return [Regel("Referentiegegevens", "manifest.json ontbreekt of is onleesbaar", True)]
    rows = []
    for name, entry in sorted(tables.items()):
        entry = entry if isinstance(entry, dict) else {}
        path = resources.path("reference", name)
        if not path.is_file():
            rows.append(Regel(name, "bestand ontbreekt", True))
            continue
        actual = sha256_file(path)
        recorded = entry.get("sha256")
        problem = bool(recorded) and recorded != actual
        check = "" if not recorded else (" (klopt met manifest)" if not problem else f" (manifest: {recorded})")
        parts = [f"sha256 {actual}{check}"]
        if entry.get("peiljaar"):
            parts.append(f"peiljaar {entry['peiljaar']}")
        if entry.get("bouwdatum"):
            parts.append(f"gebouwd {entry['bouwdatum']}")
        for source in entry.get("inputs", []) or []:
            if isinstance(source, dict) and source.get("pad"):
                parts.append(f"bron {source['pad']}: sha256 {source.get('sha256', '?')}")
        rows.append(Regel(name, "\n".join(parts), problem))
    return rows


def can_write(folder: Path) -> tuple[bool, str]:
    """Create and delete a temporary file in folder; (ok, Dutch explanation)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".schrijftest-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
    except OSError as exc:
        from wijkkompas.core.userfile import os_reason

        return False, f"nee ({os_reason(exc)})"
    return True, "ja"


def _folders() -> list[tuple[str, Path]]:
    return [
        ("Gebruikersmap (app-data)", appdata.data_dir()),
        ("Logbestand", log_file()),
        ("Sleutels voor pseudoniemen", appdata.key_dir()),
        ("Automatische kopieën", appdata.autosave_dir()),
        ("Kolomkoppelingen", appdata.mapping_dir()),
        ("Instellingen", appdata.settings_file()),
    ]


def collect(qt: dict[str, str | tuple[str, bool]] | None = None) -> list[Sectie]:
    """All sections, in the order shown.

    ``qt``: facts core cannot know without importing Qt (versions, platform plugin); a value may be
    ``(text, probleem)`` to mark it, e.g. Qt's Dutch translation not found.
    """
    app = Sectie("Programma")
    app.add("Wijkkompas", __version__)
    frozen = bool(getattr(sys, "frozen", False))
    app.add("Soort installatie", "zelfstandig programma (installatiepakket)" if frozen else "Python-pakket (pip)")
    app.add("Programma", sys.executable)
    try:
        app.add("Meegeleverde gegevens", resources.root())
    except FileNotFoundError as exc:
        app.add("Meegeleverde gegevens", str(exc), probleem=True)
    app.add("Python", f"{platform.python_version()} ({platform.python_implementation()}, {platform.architecture()[0]})")
    app.add("Besturingssysteem", f"{platform.system()} {platform.release()} ({platform.version()}; {platform.machine()})")
    app.add("Taalinstelling", f"{locale.getlocale()[0] or 'onbekend'}; bestandscodering {sys.getfilesystemencoding()}")
    app.add("Netwerk", "Wijkkompas maakt geen netwerkverbinding")

    qt_section = Sectie("Qt (vensters)")
    for label, value in (qt or {}).items():
        text, problem = value if isinstance(value, tuple) else (value, False)
        qt_section.add(label, text, probleem=problem)
    if not qt:
        qt_section.add("Qt", "niet geladen (opdrachtregel)")
    env_platform = os.environ.get("QT_QPA_PLATFORM")
    if env_platform:
        qt_section.add("QT_QPA_PLATFORM", env_platform)

    libraries = Sectie("Bibliotheken")
    for name, version in library_versions():
        libraries.add(name, version or "niet gevonden", probleem=version is None)

    reference = Sectie("Referentiegegevens (resources/reference)")
    reference.regels.extend(reference_rows())

    folders = Sectie("Mappen en schrijfrechten")
    override = os.environ.get(appdata.ENV_VAR)
    if override:
        folders.add("Omgevingsvariabele " + appdata.ENV_VAR, override)
    for label, path in _folders():
        ok, text = can_write(path.parent if path.suffix else path)
        folders.add(label, f"{path}\nschrijven: {text}", probleem=not ok)
    return [app, qt_section, libraries, reference, folders]


def as_text(sections: list[Sectie]) -> str:
    """Plain text for the clipboard and the CLI: one 'label: value' per line, problems marked."""
    lines = [f"Systeeminformatie Wijkkompas {__version__}"]
    for section in sections:
        lines += ["", f"== {section.titel} =="]
        for regel in section.regels:
            first, *rest = regel.waarde.split("\n")
            mark = "  [PROBLEEM]" if regel.probleem else ""
            lines.append(f"{regel.label}: {first}{mark}")
            lines += [f"    {line}" for line in rest]
    return "\n".join(lines) + "\n"
