"""What the Start panel (and ``wijkkompas project``) says about a project.

Why in core: the overview is a small model of "how far is this analysis", the
same for GUI and CLI; the panel only lays it out.
"""
from __future__ import annotations

from typing import Any

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.sections import MAAND_PREFIX
from wijkkompas.core.project import Project


def _gemeente_info(code: str | None) -> dict[str, Any] | None:
    if not code:
        return None
    info: dict[str, Any] = {"code": code, "naam": code}
    from wijkkompas.core.reference import find_gemeente

    try:
        gemeente = find_gemeente(code)
    except (WijkkompasError, FileNotFoundError):
        return info
    info.update(
        naam=gemeente.naam,
        inwoners=gemeente.inwoners,
        taakzwaarte_klasse=gemeente.taakzwaarte_klasse,
        provincie=gemeente.provincie,
    )
    return info


def _positie_info(project: Project) -> dict[str, Any] | None:
    """Headline of the typology position, computed by the same assess() as the Positie panel."""
    answers = project.choices.get("positie")
    if not answers:
        return None
    from wijkkompas.core.typology import assess

    try:
        result = assess(answers, project.gemeente_code).to_json()
    except WijkkompasError as exc:
        return {"fout": exc.melding}
    ernst = [b["ernst"] for b in result["bevindingen"]]
    return {
        "cpb_type": result["toegang"]["cpb_type"],
        "breedte": result["toegang"]["breedte"]["code"],
        "positionering": result["toegang"]["positionering"]["code"],
        "inkoopprofiel": result["inkoopprofiel"],
        "aandachtspunten": ernst.count("aandachtspunt"),
        "sterke_punten": ernst.count("sterk punt"),
    }


def project_overview(project: Project) -> dict[str, Any]:
    sources = {s.tabel: s for s in project.sources}
    tabellen = []
    for name, table in sorted(project.tables.items()):
        source = sources.get(name)
        tabellen.append(
            {
                "tabel": name,
                "rijen": int(len(table)),
                "bestand": source.naam if source else None,
                "sha256": source.sha256 if source else None,
                "geimporteerd_op": source.geimporteerd_op if source else None,
            }
        )
    imported = [t for t in tabellen if not t["tabel"].startswith(MAAND_PREFIX)]
    stappen = [
        {
            "onderdeel": "gemeente",
            "titel": "Kies uw gemeente",
            "gedaan": bool(project.gemeente_code),
            "toelichting": "Taakzwaarte, uitgaven per taakveld en benchmark met alle 342 gemeenten.",
        },
        {
            "onderdeel": "import",
            "titel": "Lees uw eigen exports in",
            "gedaan": bool(imported),
            "toelichting": "Toewijzingen, declaraties, tarieven, wijken en budget; BSN's worden gepseudonimiseerd.",
        },
        {
            "onderdeel": "positie",
            "titel": "Bepaal uw positie in de typologie",
            "gedaan": bool(project.choices.get("positie")),
            "toelichting": "Toegang, inkoopprofiel A–H per product en taakzwaarte, met het onderzoek erbij.",
        },
    ]
    from wijkkompas.core.about import reference_sources

    toelichting = (project.choices.get("project") or {}).get("toelichting")
    return {
        "naam": project.naam,
        "toelichting": toelichting if isinstance(toelichting, str) else None,
        "referentiegegevens": reference_sources(),
        "bestand": str(project.path) if project.path else None,
        "gewijzigd": project.modified,
        "gemeente": _gemeente_info(project.gemeente_code),
        "positie": _positie_info(project),
        "tabellen": tabellen,
        "stappen": stappen,
    }
