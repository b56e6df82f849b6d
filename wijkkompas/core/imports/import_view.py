"""What the Import panel shows, computed without Qt: report rows, summary, monthly series.

Why here and not in the panel: the GUI only lays out; everything it shows
must be reproducible headless (``wijkkompas import --json`` gives the same
report and summary), and these functions are tested without a display.

A *report* is the JSON-safe dict ``add_import_to_project`` stores in
``project.choices["import"][soort]`` (``report_summary``); for an import made
in this session the panel passes ``full_report(result)`` instead, which has
every message rather than the first 200.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from wijkkompas.core import formatting as fmt
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.imports import codelists
from wijkkompas.core.imports.model import SOORT_LABELS, SOORTEN, ImportResult

REPORT_COLUMNS = ["ernst", "rij", "kolom", "waarde", "melding"]
REPORT_HEADERS = {"ernst": "Ernst", "rij": "Rij", "kolom": "Kolom", "waarde": "Waarde", "melding": "Melding"}
ERNST_FILTERS = {"alle": None, "fouten": "fout", "waarschuwingen": "waarschuwing"}
IMPORTS_CHOICE = "import"
MONTHLY_KINDS = ("toewijzingen", "declaraties")
BEDRAG_LABELS = {"declaraties": "Bedrag (toegekend)", "toewijzingen": "Budget in toewijzingen",
                 "budget": "Bedrag"}
PERIODE_LABELS = {"toewijzingen": "Looptijd (eerste ingang – laatste einde)", "declaraties": "Prestatieperiode",
                  "budget": "Jaren", "tarieven": "Geldigheid tarieven"}
CHART_BEDRAG_TITEL = {"declaraties": "Toegekend bedrag per maand",
                      "toewijzingen": "Budget in toewijzingen per maand"}


def full_report(result: ImportResult) -> dict[str, Any]:
    """The report of a fresh import with all messages (the project keeps only the first 200)."""
    data = result.to_json()
    data["aantal_fouten"] = len(result.fouten)
    data["aantal_waarschuwingen"] = len(result.waarschuwingen)
    return data


def project_reports(project: Any) -> dict[str, dict[str, Any]]:
    reports = project.choices.get(IMPORTS_CHOICE) or {}
    return {soort: reports[soort] for soort in SOORTEN if isinstance(reports.get(soort), dict)}


def report_frame(report: dict[str, Any]) -> pd.DataFrame:
    """One row per message, errors first, then by Excel row (file-level notes without a row first)."""
    rows = [dict(m, ernst="fout") for m in report.get("fouten") or []]
    rows += [dict(m, ernst="waarschuwing") for m in report.get("waarschuwingen") or []]
    frame = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    frame["rij"] = pd.array(pd.to_numeric(frame["rij"], errors="coerce"), dtype="Int64")
    for column in ("ernst", "kolom", "waarde", "melding"):
        frame[column] = frame[column].astype("string")
    frame["_orde"] = (frame["ernst"] != "fout").astype(int)
    frame = frame.sort_values(["_orde", "rij"], na_position="first", kind="stable")
    return frame.drop(columns="_orde").reset_index(drop=True)


def filter_report(frame: pd.DataFrame, keuze: str) -> pd.DataFrame:
    """``keuze``: 'alle', 'fouten' or 'waarschuwingen'."""
    if keuze not in ERNST_FILTERS:
        raise ValueError(f"Onbekend filter '{keuze}'. Kies uit: {', '.join(ERNST_FILTERS)}.")
    ernst = ERNST_FILTERS[keuze]
    return frame if ernst is None else frame[frame["ernst"] == ernst].reset_index(drop=True)


def _iso_to_nl(text: str | None) -> str:
    if not text:
        return "–"
    try:
        return fmt.datum(date.fromisoformat(str(text)[:10]))
    except ValueError:
        return str(text)


def summary_items(report: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs for the summary cards, in Dutch formatting."""
    gelezen = int(report.get("rijen_gelezen") or 0)
    geldig = int(report.get("rijen_geldig") or 0)
    afgekeurd, overgeslagen = row_counts(report)
    samenvatting = report.get("samenvatting") or {}
    periode = samenvatting.get("periode") or [None, None]
    items = [
        ("Rijen gelezen", fmt.getal(gelezen)),
        ("Rijen geldig", fmt.getal(geldig)),
        ("Rijen afgekeurd", fmt.getal(afgekeurd)),
        # Shown beside the others so the counts add up on screen: gelezen = geldig + afgekeurd + overgeslagen.
        ("Rijen overgeslagen", fmt.getal(overgeslagen)),
        ("Cliënten in bestand", fmt.getal(samenvatting["clienten"]) if samenvatting.get("clienten") is not None else "–"),
        (BEDRAG_LABELS.get(report.get("soort"), "Bedrag"),
         fmt.euro_kort(samenvatting["bedrag"]) if samenvatting.get("bedrag") is not None else "–"),
        (PERIODE_LABELS.get(report.get("soort"), "Periode"),
         f"{_iso_to_nl(periode[0])} – {_iso_to_nl(periode[1])}" if periode[0] else "–"),
    ]
    return items


def row_counts(report: dict[str, Any]) -> tuple[int, int]:
    """(afgekeurd, overgeslagen) rows of an import report, so gelezen = geldig + afgekeurd + overgeslagen.

    Both are counted by the import; for a report stored before a count was kept
    the missing one is derived from the others. Without either, rejected rows are
    estimated as the rows that are neither valid nor a totals row (a warning),
    and never more than the fout messages (each rejected row has at least one).
    """
    gelezen = int(report.get("rijen_gelezen") or 0)
    geldig = int(report.get("rijen_geldig") or 0)
    afgekeurd, overgeslagen = report.get("rijen_afgekeurd"), report.get("rijen_overgeslagen")
    if not isinstance(overgeslagen, int):
        if not isinstance(afgekeurd, int):
            totals = sum(1 for m in report.get("waarschuwingen") or [] if "totaalregel" in str(m.get("melding", "")))
            afgekeurd = max(0, gelezen - geldig - totals)
            if isinstance(report.get("aantal_fouten"), int):
                afgekeurd = min(afgekeurd, report["aantal_fouten"])
        overgeslagen = max(0, gelezen - geldig - afgekeurd)
    elif not isinstance(afgekeurd, int):
        afgekeurd = max(0, gelezen - geldig - overgeslagen)
    return int(afgekeurd), int(overgeslagen)


def imports_overview(project: Any) -> pd.DataFrame:
    """The imported tables in the project: kind, file, short hash, rows, findings, import date."""
    reports = project_reports(project)
    rows = []
    for source in project.sources:
        if source.soort not in SOORTEN or source.tabel not in project.tables:
            continue
        report = reports.get(source.soort, {})
        rows.append({
            "soort": source.soort,
            "soort_label": SOORT_LABELS[source.soort],
            "bestand": source.naam,
            "sha256": (source.sha256 or "")[:12],
            "rijen": int(len(project.tables[source.tabel])),
            "fouten": int(report.get("aantal_fouten", len(report.get("fouten") or []))),
            "waarschuwingen": int(report.get("aantal_waarschuwingen", len(report.get("waarschuwingen") or []))),
            "ingelezen_op": _iso_to_nl(source.geimporteerd_op),
        })
    columns = ["soort", "soort_label", "bestand", "sha256", "rijen", "fouten", "waarschuwingen", "ingelezen_op"]
    return pd.DataFrame(rows, columns=columns)


def initial_import(project: Any) -> str | None:
    """Which import to show when a project opens: the first with errors, else the last imported."""
    overview = imports_overview(project)
    if overview.empty:
        return None
    with_errors = overview[overview["fouten"] > 0]
    return str((with_errors if len(with_errors) else overview.iloc[::-1])["soort"].iloc[0])


def source_text(project: Any, soort: str) -> str:
    """Chart source line: the imported file and when it was read."""
    for source in project.sources:
        if source.soort == soort:
            return f"{source.naam}, ingelezen op {_iso_to_nl(source.geimporteerd_op)} (eigen export, gepseudonimiseerd)"
    return "eigen export"


def category_label(code: str | None) -> str:
    if code is None or code == "" or code is pd.NA:
        return "Onbekende categorie"
    return f"{code} {codelists.naam(codelists.PRODUCTCATEGORIE, str(code))}"


def monthly_series(table: pd.DataFrame, soort: str, progress: Voortgang | None = None,
                   months: int | None = None) -> pd.DataFrame:
    """Unique clients and amount per maand × productcategorie (optionally only the last ``months``).

    Why not sum the stored panel: its rows are split by wijk, aanbieder and
    unit, so a client with two aanbieders in a month would count twice. The
    table is re-derived with only the productcategorie dimension. Why
    toewijzingen start at the month of the earliest einddatum: an export of
    "toewijzingen actief in 2021–2025" also holds toewijzingen that started
    years earlier, but not those that ended before 2021, so the months before
    the selection would show a ramp-up that is an artefact of the selection;
    the earliest einddatum in the file marks where the selection begins.
    """
    from wijkkompas.core.imports import panel as panel_mod

    columns = ["maand", "productcategorie", "clienten", "bedrag"]
    if soort not in MONTHLY_KINDS or table is None or table.empty:
        return pd.DataFrame(columns=columns)
    reduced = table.drop(columns=[c for c in ("wijk_code", "aanbieder_code", "eenheid", "volume", "geleverd_volume")
                                  if c in table.columns])
    ensure(progress).check()
    panel = panel_mod.derive_panel(reduced, soort)
    if panel.empty:
        return pd.DataFrame(columns=columns)
    grouped = panel.groupby(["maand", "productcategorie"], dropna=False, sort=True)
    out = pd.DataFrame({
        "clienten": grouped["clienten"].sum(),
        "bedrag": grouped["bedrag"].sum(min_count=1),
    }).reset_index()
    if soort == "toewijzingen" and "einddatum" in table.columns and table["einddatum"].notna().any():
        first = pd.Timestamp(table["einddatum"].min()).strftime("%Y-%m")
        out = out[out["maand"] >= first].reset_index(drop=True)
    if months:
        keep = sorted(out["maand"].unique())[-months:]
        out = out[out["maand"].isin(keep)].reset_index(drop=True)
    return out[columns]


def month_label(maand: str) -> str:
    """'2024-03' -> 'mrt 2024'."""
    names = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    moment = datetime.strptime(maand, "%Y-%m")
    return f"{names[moment.month - 1]} {moment.year}"
