"""The import pipeline behind ``core.imports`` (its face lists the public API and the privacy rules).

Steps: plan (sheet, header row, kind, column mapping) → read all rows → coerce and validate (Excel row
numbers, headers as written) → pseudonymise → monthly table and summary. ``detect`` runs only the plan on
the top rows, so the GUI can show the mapping before a long import.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.sections import MAAND_PREFIX, maand_tabel  # noqa: F401 - re-exported
from wijkkompas.core.imports import headers as hdr
from wijkkompas.core.imports.mapping import Mapping, as_mapping
from wijkkompas.core.imports.model import (
    CANONICAL_COLUMNS,
    REQUIRED_COLUMNS,
    SOORTEN,
    Detection,
    ImportResult,
    Melding,
)
from wijkkompas.core.imports.readers import Source, columns_below, open_source

REPORT_MESSAGE_LIMIT = 200
_TOP_ROWS = 200  # data rows below the header that detection looks at


@dataclass
class _Plan:
    """Everything decided before the data rows are touched."""

    source: Source
    blad: str | None
    header_index: int  # 0-based index into rows
    rows: list[list[Any]]  # top rows (detect) or all rows (import)
    headers: list[str]
    soort: str | None
    kolommen: dict[str, str]
    genegeerd: list[str]
    persoonsgegevens: list[str]
    meldingen: list[str]
    scores: dict[str, int]


def _check_soort(soort: str | None) -> None:
    if soort is not None and soort not in SOORTEN:
        raise ImportFileError(f"Onbekende soort '{soort}'. Kies uit: {', '.join(SOORTEN)}.")


def _header_row(rows: list[list[Any]], expected: list[str]) -> int | None:
    return hdr.find_header_row(rows, expected)


def _headers_of(rows: list[list[Any]], header_index: int,
                columns: list[np.ndarray] | None = None) -> tuple[list[str], list[int]]:
    """Display names of the header cells and which column each stands for.

    Columns without a header are kept only if they hold data (judged on
    ``columns`` when given, else on the rows below the header): they are then
    reported as ignored, so nothing disappears unmentioned.
    """
    header_row = rows[header_index]
    if columns is not None:
        width = len(columns)
    else:
        width = max((len(r) for r in rows[header_index:]), default=0)
    names = hdr.header_names(header_row, width)
    keep: list[int] = []
    for i in range(width):
        cell = header_row[i] if i < len(header_row) else None
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            if columns is not None:
                has_data = bool(np.not_equal(columns[i], None).any())
            else:
                has_data = any(
                    i < len(r) and r[i] is not None and not (isinstance(r[i], str) and not r[i].strip())
                    for r in rows[header_index + 1:]
                )
            if not has_data:
                continue
        keep.append(i)
    return [names[i] for i in keep], keep


def _choose_sheet(source: Source, blad: str | None, soort: str | None, expected: list[str],
                  nrows: int | None) -> tuple[str | None, list[list[Any]], int]:
    scan = hdr.MAX_HEADER_SCAN
    if source.formaat == "tekst":
        if blad:
            raise ImportFileError(f"'{source.naam}' is een tekstbestand (CSV) en heeft geen bladen; laat het blad leeg.")
        rows = source.rows(None, nrows)
        index = _header_row(rows, expected)
        if index is None:
            raise _no_header(source.naam, None, rows)
        return None, rows, index
    if blad:
        name = source.resolve_sheet(blad)
        rows = source.rows(name, nrows)
        index = _header_row(rows, expected)
        if index is None:
            raise _no_header(source.naam, name, rows)
        return name, rows, index
    fallback: tuple[str, int] | None = None
    unreadable: list[str] = []
    for name in source.sheet_names():
        try:
            top = source.rows(name, scan)
        except ImportFileError as exc:  # e.g. a sheet with a stray cell in XFD1048576: try the next one
            unreadable.append(exc.melding)
            continue
        index = _header_row(top, expected)
        if index is None:
            continue
        if soort is not None:
            names = hdr.header_names(top[index], len(top[index]))
            matched = hdr.match_headers(names, soort).kolommen
            if not all(c in matched for c in REQUIRED_COLUMNS[soort]):
                fallback = fallback or (name, index)
                continue
        return name, source.rows(name, nrows), index
    if fallback is not None:
        return fallback[0], source.rows(fallback[0], nrows), fallback[1]
    hidden = [b.naam for b in source.bladen if not b.zichtbaar]
    for name in hidden:
        if name in source.too_big:
            continue
        if _header_row(source.rows(name, scan), expected) is not None:
            raise ImportFileError(
                f"In '{source.naam}' staan herkenbare kolommen alleen op het verborgen blad '{name}'. "
                f"Kies dat blad expliciet (--blad \"{name}\") als u het wilt importeren."
            )
    if unreadable:
        raise ImportFileError(" ".join(unreadable))
    raise ImportFileError(
        f"In '{source.naam}' is op geen enkel zichtbaar blad ({', '.join(source.sheet_names()) or 'geen'}) "
        f"een kopregel met herkenbare kolomnamen gevonden in de eerste {scan} rijen. "
        "Kies het blad en koppel de kolommen zelf (--mapping)."
    )


def _no_header(naam: str, blad: str | None, rows: list[list[Any]]) -> ImportFileError:
    """Dutch error for a sheet without a recognisable header row.

    Only the *number* of the first row with text is named, never its content:
    in an export without a header row that row is client data (BSN, name),
    and this message reaches stderr, the GUI and possibly a log.
    """
    where = f"blad '{blad}' van '{naam}'" if blad else f"'{naam}'"
    first = next((i for i, r in enumerate(rows[: hdr.MAX_HEADER_SCAN])
                  if any(isinstance(c, str) and c.strip() for c in r)), None)
    seen = ""
    if first is not None:
        seen = (f" De eerste regel met tekst is rij {first + 1}; als daar de kolomnamen staan, "
                "worden ze niet herkend.")
    return ImportFileError(
        f"In {where} is geen kopregel met herkenbare kolomnamen gevonden in de eerste {hdr.MAX_HEADER_SCAN} rijen."
        + seen + " Koppel de kolommen zelf met een koppeling (--mapping)."
    )


def _plan(path: str | Path, soort: str | None, blad: str | None, mapping: Any, *, full: bool, strict: bool,
          source: Source | None = None) -> _Plan:
    _check_soort(soort)
    user_mapping = as_mapping(mapping)
    if soort is None and user_mapping is not None and user_mapping.soort:
        soort = user_mapping.soort
    expected = [h for h in (user_mapping.kolommen.values() if user_mapping else ()) if h]
    source = open_source(path) if source is None else source
    nrows = None if full else hdr.MAX_HEADER_SCAN + _TOP_ROWS
    name, rows, index = _choose_sheet(source, blad, soort, expected, nrows)
    headers, _ = _headers_of(rows[: index + 1 + _TOP_ROWS], index)
    meldingen: list[str] = []
    scores: dict[str, int] = {}
    if soort is None and user_mapping is not None and user_mapping.kolommen:
        # a mapping without a kind still narrows it down: the kinds that have all its columns
        fitting = [s for s in SOORTEN if all(c in CANONICAL_COLUMNS[s] for c in user_mapping.kolommen)]
        if len(fitting) == 1:
            soort = fitting[0]
    if soort is None:
        try:
            guess = hdr.detect_soort(headers)
        except ImportFileError as exc:
            if strict:
                raise
            meldingen.append(exc.melding)
            personal = [h for h in headers if hdr.is_personal(h)]
            return _Plan(source, name, index, rows, headers, None, {}, [h for h in headers if h not in personal],
                         personal, meldingen, scores)
        soort, scores = guess.soort, guess.scores
        meldingen.extend(guess.waarschuwingen)
    forced = dict(user_mapping.kolommen) if user_mapping else None
    if forced and user_mapping and user_mapping.soort and user_mapping.soort != soort:
        raise ImportFileError(
            f"De koppeling is voor soort '{user_mapping.soort}', maar u importeert '{soort}'. "
            "Kies een koppeling voor deze soort."
        )
    match = hdr.match_headers(headers, soort, forced)
    missing = [c for c in REQUIRED_COLUMNS[soort] if c not in match.kolommen]
    if missing:
        text = _missing_text(missing)
        if strict:
            raise ImportFileError(
                f"In '{source.naam}' ontbreken kolommen die nodig zijn voor {soort}: {text}. "
                f"Gevonden kolommen: {', '.join(headers)}. Koppel ze zelf (--mapping)."
            )
        meldingen.append(f"Nodig voor {soort} maar niet gevonden: {text}.")
    return _Plan(source, name, index, rows, headers, soort, match.kolommen, match.genegeerd,
                 match.persoonsgegevens, meldingen, scores)


def _missing_text(missing: list[str]) -> str:
    parts = []
    for column in missing:
        examples = hdr.SYNONYMS.get(column, ())[:2]
        parts.append(f"{column} (bijvoorbeeld '{examples[0]}')" if examples else column)
    return ", ".join(parts)


def detect(path: str | Path, soort: str | None = None, blad: str | None = None,
           mapping: Mapping | dict | str | Path | None = None, progress: Voortgang | None = None) -> Detection:
    """What an import of ``path`` would use; fast (only the top rows are parsed).

    Raises ImportFileError when the file is unreadable or has no recognisable
    header row; an unknown or ambiguous kind gives ``soort=None`` and the
    reason in ``meldingen``. Takes ``progress`` so the panel can run it as a task.
    """
    progress = ensure(progress)
    progress.step(0.2, f"{_shown_name(Path(path).name)} verkennen…")
    plan = _plan(path, soort, blad, mapping, full=False, strict=False)
    progress.check()
    return Detection(
        bestand=_shown_name(plan.source.naam),
        bladen=[b.naam for b in plan.source.bladen],
        blad=plan.blad,
        header_rij=plan.header_index + 1,
        headers=plan.headers,
        soort=plan.soort,
        kolommen=plan.kolommen,
        genegeerd=plan.genegeerd,
        persoonsgegevens=plan.persoonsgegevens,
        verborgen_bladen=[b.naam for b in plan.source.bladen if not b.zichtbaar],
        meldingen=plan.meldingen,
        scores=plan.scores,
        sha256=plan.source.sha256,
    )


def _trim_trailing_blank(rows: list[list[Any]], start: int) -> int:
    """Index after the last row with any content (calamine reports formatted empty rows too)."""
    end = len(rows)
    while end > start and not any(c is not None and c != "" and not (isinstance(c, str) and not c.strip())
                                  for c in rows[end - 1]):
        end -= 1
    return end


def import_file(path: str | Path, soort: str | None = None, blad: str | None = None,
                mapping: Mapping | dict | str | Path | None = None, *, secret: bytes,
                progress: Voortgang | None = None, source: Source | None = None) -> ImportResult:
    """Read, validate, pseudonymise and summarise one export.

    Raises ImportFileError (exit code 2 in the CLI) when the file as a whole
    cannot be used, TaskCancelled when the user cancels (``progress.check()``). Bad rows do
    not raise: they are in ``result.fouten`` with their Excel row number. ``source``: the file
    already opened with ``readers.open_source(path)`` (the CLI opens it while libraries load).
    """
    from wijkkompas.core.imports import panel as panel_mod
    from wijkkompas.core.imports import pseudonym, validate

    if not secret:
        raise ImportFileError("Er is geen sleutel voor pseudonimisering; de import is niet gestart.")
    progress = ensure(progress)
    progress.step(0.0, "Bestand lezen…")
    if source is not None and Path(source.path) != Path(path):
        raise ValueError("source is not the file being imported")
    plan = _plan(path, soort, blad, mapping, full=True, strict=True, source=source)
    assert plan.soort is not None
    progress.step(0.3, "Kolommen herkennen…")
    rows = plan.rows
    plan.rows = []  # the only reference left is ``rows``: ``del rows`` below frees the raw cells
    end = _trim_trailing_blank(rows, plan.header_index + 1)
    rows = rows[:end]
    width = max((len(r) for r in rows[plan.header_index:]), default=0)
    shifted = _shifted_rows(plan, rows) if plan.source.formaat == "tekst" else []
    columns = columns_below(rows, plan.header_index, width)
    headers, positions = _headers_of(rows, plan.header_index, columns)
    del rows
    header_to_pos = dict(zip(headers, positions, strict=True))
    wanted = {canonical: header_to_pos[h] for canonical, h in plan.kolommen.items()}
    # headerless columns whose data lies below the scanned top rows: report them too
    extra = [h for h in headers if h not in plan.headers]
    n = len(columns[0]) if columns else 0
    raw = pd.DataFrame({canonical: columns[pos] for canonical, pos in wanted.items()}, dtype=object)
    if raw.shape[0] != n:
        raw = raw.reindex(range(n))
    nonblank = np.zeros(n, dtype=bool)
    for column in columns:
        nonblank |= np.not_equal(column, None)
    del columns
    excel_rows = np.arange(plan.header_index + 2, plan.header_index + 2 + n, dtype=np.int64)
    progress.step(0.4, "Controleren…")
    checked = validate.validate_rows(raw, plan.soort, excel_rows, dict(plan.kolommen))
    table, meldingen = checked.table, checked.meldingen
    # counted, not derived: gelezen = geldig + afgekeurd + overgeslagen is then a check (the fuzz suite's)
    overgeslagen = int((checked.skipped & nonblank).sum())
    del checked
    del raw
    progress.step(0.7, "Pseudonimiseren…")
    table = pseudonym.pseudonymise(table, secret)
    meldingen = _hide_client_ids(pseudonym.scrub_meldingen(meldingen), plan.kolommen.get("client_id"))
    progress.step(0.8, "Overzicht per maand maken…")
    panel = panel_mod.derive_panel(table, plan.soort)
    samenvatting = panel_mod.summarise(table, panel, plan.soort)
    meldingen = sorted(_error_cell_warnings(plan, wanted) + shifted + meldingen,
                       key=lambda m: (m.rij is not None, m.rij or 0))
    fouten = [m for m in meldingen if m.ernst == "fout"]
    waarschuwingen = [Melding(None, None, None, text, "waarschuwing") for text in plan.meldingen]
    if not nonblank.any():
        waarschuwingen.append(Melding(None, None, None, f"Onder de kopregel (rij {plan.header_index + 1}) staan geen "
                                      "gegevens; er is niets ingelezen.", "waarschuwing"))
    waarschuwingen += [m for m in meldingen if m.ernst != "fout"]
    progress.step(1.0, "Klaar.")
    return ImportResult(
        bestand=_shown_name(plan.source.naam),
        sha256=plan.source.sha256,
        soort=plan.soort,
        blad=_shown_name(plan.blad),
        kolommen=dict(plan.kolommen),
        genegeerd=list(plan.genegeerd) + extra,
        verwijderd_persoonsgegevens=list(plan.persoonsgegevens),
        rijen_gelezen=int(nonblank.sum()),
        rijen_geldig=int(len(table)),
        rijen_overgeslagen=overgeslagen,
        fouten=fouten,
        waarschuwingen=waarschuwingen,
        table=table,
        panel=panel,
        samenvatting=samenvatting,
    )


_SHIFT_LIMIT = 50


def _shifted_rows(plan: _Plan, rows: list[list[Any]]) -> list[Melding]:
    """CSV rows with more filled fields than the header: values are probably shifted.

    Typical cause: a ',' separated file with unquoted decimal commas, or a
    separator inside a text value. The rows are still passed on (the extra
    fields land in a headerless column), but the user must know why values
    look wrong.
    """
    header_len = len(rows[plan.header_index])
    separator = {";": "';'", ",": "','", "\t": "tab"}.get(plan.source.separator or "", "scheidingsteken")
    out: list[Melding] = []
    count = 0
    for offset, row in enumerate(rows[plan.header_index + 1:]):
        if len(row) > header_len and any(c.strip() for c in row[header_len:]):
            count += 1
            if count <= _SHIFT_LIMIT:
                out.append(Melding(
                    plan.header_index + 2 + offset, None, None,
                    f"Rij {plan.header_index + 2 + offset} heeft meer velden ({len(row)}) dan de kopregel ({header_len}). "
                    f"Staat er een {separator} in een waarde (bijvoorbeeld een decimaalkomma)? "
                    "De waarden in deze rij kunnen verschoven zijn.", "waarschuwing"))
    if count > _SHIFT_LIMIT:
        out.append(Melding(None, None, None,
                           f"In totaal hebben {count} rijen meer velden dan de kopregel; alleen de eerste "
                           f"{_SHIFT_LIMIT} staan hierboven.", "waarschuwing"))
    return out


def _error_cell_warnings(plan: _Plan, wanted: dict[str, int]) -> list[Melding]:
    """Excel error values (#N/B, #DEEL/0!) in used columns: say so, they arrive as empty cells."""
    cells = plan.source.error_cells.get(plan.blad or "", {})
    if not cells:
        return []
    header_of = {pos: plan.kolommen[c] for c, pos in wanted.items()}
    out = []
    for (row, col), value in sorted(cells.items()):
        if row > plan.header_index + 1 and col in header_of:
            out.append(Melding(row, header_of[col], value,
                               f"Cel bevat een Excel-foutwaarde ({value}); behandeld als lege cel.", "waarschuwing"))
    return out


def _shown_name(name: str | None) -> str | None:
    """A file or sheet name as stored and shown: without BSN-like numbers.

    Why: per-client files are often named after the client ("beschikking_
    123456782.xlsx"), and the name goes into the report and the project. The
    sha256 still identifies the file. (Detection keeps the real sheet names in
    ``blad``/``bladen``: they are needed to read the sheet again.)
    """
    from wijkkompas.core.imports.pseudonym import scrub_text

    return None if name is None else scrub_text(name)


def _hide_client_ids(meldingen: list[Melding], client_header: str | None) -> list[Melding]:
    """Never echo a client number, BSN or not: the row number is enough to find it."""
    if client_header is None:
        return meldingen
    return [Melding(m.rij, m.kolom, None, m.melding, m.ernst) if m.kolom == client_header and m.waarde else m
            for m in meldingen]


def report_summary(result: ImportResult, limit: int = REPORT_MESSAGE_LIMIT) -> dict[str, Any]:
    """Compact, JSON-safe report kept in the project: counts and the first messages, no client ids."""
    from wijkkompas.core.imports.pseudonym import scrub_meldingen

    data = result.to_json()
    data["aantal_fouten"] = len(result.fouten)
    data["aantal_waarschuwingen"] = len(result.waarschuwingen)
    data["fouten"] = [m.to_json() for m in scrub_meldingen(result.fouten[:limit])]
    data["waarschuwingen"] = [m.to_json() for m in scrub_meldingen(result.waarschuwingen[:limit])]
    return data


def add_import_to_project(project: Any, result: ImportResult) -> None:
    """Put the pseudonymised table, its monthly table and the report into ``project``, as one change event."""
    from wijkkompas.core.project import SourceFile

    soort = result.soort
    with project.batch():
        project.add_table(soort, result.table, SourceFile(
            naam=result.bestand, sha256=result.sha256, soort=soort, tabel=soort, blad=result.blad))
        if result.panel is not None and len(result.panel):
            project.add_table(maand_tabel(soort), result.panel)
        else:
            project.remove_table(maand_tabel(soort))
        stored = project.choices.get("import")  # a hand-edited project may hold anything here
        reports = dict(stored) if isinstance(stored, dict) else {}
        reports[soort] = report_summary(result)
        project.set_choice("import", reports)
