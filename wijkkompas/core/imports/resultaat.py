"""The import controlerapport as a Resultaat: per imported kind the counts, the period and the messages.

Why: the report and the CLI show what the Import panel shows — counts that add
up (read = valid + rejected + skipped), the messages with Excel row and header —
from the compact report kept in the project, never from client data.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from wijkkompas.core.imports.import_view import row_counts
from wijkkompas.core.imports.model import SOORT_LABELS, ImportResult
from wijkkompas.core.resultaat import Formaat, Gegevensbron, Kolom, Resultaat, Tabel

_MELDING_KOLOMMEN = [Kolom("soort", "Bestand"), Kolom("ernst", "Ernst"), Kolom("rij", "Rij (Excel)", Formaat.GEHEEL),
                     Kolom("kolom", "Kolom"), Kolom("melding", "Melding")]


def import_resultaat(reports: dict[str, dict[str, Any]], gegevensbasis: list[Gegevensbron] | None = None) -> Resultaat:
    overzicht, meldingen = [], []
    for soort, report in reports.items():
        gelezen = int(report.get("rijen_gelezen") or 0)
        geldig = int(report.get("rijen_geldig") or 0)
        afgekeurd, overgeslagen = row_counts(report)
        overzicht.append({
            "soort": SOORT_LABELS.get(soort, soort), "bestand": report.get("bestand", ""), "gelezen": gelezen,
            "geldig": geldig, "afgekeurd": afgekeurd, "overgeslagen": overgeslagen,
            "waarschuwingen": int(report.get("aantal_waarschuwingen") or 0),
        })
        for ernst, key in (("fout", "fouten"), ("waarschuwing", "waarschuwingen")):
            for m in report.get(key) or []:
                meldingen.append({"soort": SOORT_LABELS.get(soort, soort), "ernst": ernst, "rij": m.get("rij"),
                                  "kolom": m.get("kolom") or "", "melding": m.get("melding", "")})
    tabel_overzicht = Tabel("overzicht", "Ingelezen bestanden", pd.DataFrame(overzicht, columns=[
        "soort", "bestand", "gelezen", "geldig", "afgekeurd", "overgeslagen", "waarschuwingen"]), [
        Kolom("soort", "Soort"), Kolom("bestand", "Bestand"), Kolom("gelezen", "Rijen gelezen", Formaat.GEHEEL),
        Kolom("geldig", "Geldig", Formaat.GEHEEL), Kolom("afgekeurd", "Afgekeurd", Formaat.GEHEEL),
        Kolom("overgeslagen", "Overgeslagen", Formaat.GEHEEL), Kolom("waarschuwingen", "Waarschuwingen", Formaat.GEHEEL)],
        "Gelezen = geldig + afgekeurd + overgeslagen (lege rijen, herhaalde kopregels, totaalregels).")
    tabel_meldingen = Tabel("meldingen", "Meldingen per rij", pd.DataFrame(meldingen, columns=[k.naam for k in _MELDING_KOLOMMEN]),
                            _MELDING_KOLOMMEN, "Rijnummers zoals Excel ze toont; de eerste meldingen per bestand.")
    return Resultaat(
        onderdeel="import", titel="Controlerapport import", tabellen=[tabel_overzicht, tabel_meldingen],
        samenvatting=[f"{len(overzicht)} bestand(en) ingelezen; BSN's en cliëntnummers zijn vervangen door pseudoniemen."],
        aannames=["Afgekeurde rijen zijn niet ingelezen; alle geldige rijen wel."],
        gegevensbasis=list(gegevensbasis or []),
    )


# ImportResult.to_json keys that the Resultaat reserves for itself, and where ``--json`` puts them instead.
HERNOEMD = {"samenvatting": "kerncijfers", "waarschuwingen": "waarschuwingen_per_rij"}


def importrun_resultaat(result: ImportResult) -> Resultaat:
    """One import run (``wijkkompas import --json``) as a Resultaat.

    The tables hold what the controlerapport shows (the first messages, scrubbed, as kept in the project);
    ``gegevens`` holds the run's complete JSON, every message included, under the old keys except the two the
    Resultaat reserves (``HERNOEMD``): the summary figures become ``kerncijfers``, the row warnings
    ``waarschuwingen_per_rij``; ``waarschuwingen`` then says in words how many rows need a look.
    """
    from wijkkompas.core.imports.pipeline import report_summary

    kern = result.samenvatting or {}
    periode = kern.get("periode") or []
    basis = Gegevensbron(result.bestand, result.soort, result.sha256, result.rijen_geldig,
                         " t/m ".join(str(p) for p in periode if p) if periode else "")
    resultaat = import_resultaat({result.soort: report_summary(result)}, [basis])
    if result.rijen_afgekeurd:
        resultaat.waarschuwingen.append(
            f"{result.rijen_afgekeurd} rij(en) afgekeurd en niet ingelezen uit {result.bestand}: zie 'Meldingen per rij'.")
    if result.waarschuwingen:
        resultaat.waarschuwingen.append(
            f"{len(result.waarschuwingen)} waarschuwing(en) bij rijen in {result.bestand} (wel ingelezen): "
            "zie 'Meldingen per rij'.")
    resultaat.gegevens = {HERNOEMD.get(k, k): v for k, v in result.to_json().items()}
    return resultaat


def produceer(project: Any, progress: Any = None) -> Resultaat | None:
    from wijkkompas.core.resultaat import gegevensbasis_van

    reports = project.choices.get("import")
    if not isinstance(reports, dict) or not reports:
        return None
    return import_resultaat(reports, gegevensbasis_van(project))
