"""The report as one object: which sections, for which project, with what data basis and sources.

Why a separate object: the three renderers (xlsx, pdf, docx) must say exactly
the same thing — the cover facts, the data basis, the sources with their years,
the assumptions and the evidence vocabulary — so they read it from one place.
A report is built from ``Resultaat`` objects alone: a new analysis appears in
the report by registering in ``core.onderdelen``, with no export code of its own.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wijkkompas import __version__
from wijkkompas.core import onderdelen as registry
from wijkkompas.core.errors import TaskCancelled, WijkkompasError
from wijkkompas.core.progress import Voortgang, ensure
from wijkkompas.core.resultaat import STERKTE_LABELS, STERKTES, Bron, Gegevensbron, Resultaat, gegevensbasis_van

log = logging.getLogger(__name__)

# Plain-Dutch meaning of each evidence strength, printed in every report so a reader can weigh a finding.
STERKTE_UITLEG: dict[str, str] = {
    "causaal-significant": "Een effect geschat met een onderzoeksopzet die oorzaak en gevolg kan scheiden "
                           "(bijvoorbeeld verschil-in-verschillen met een controlegroep) en statistisch significant.",
    "causaal-niet-significant": "Dezelfde soort opzet, maar het effect is niet duidelijk van nul te onderscheiden: "
                                "het kan toeval zijn.",
    "beschrijvend": "Een beschrijving of samenhang in de gegevens; zegt niets over oorzaak en gevolg.",
    "kwalitatief": "Gebaseerd op onderzoek, interviews of documenten, niet op een berekening met uw gegevens.",
}
assert set(STERKTE_UITLEG) == set(STERKTES)

SOORT_LABELS = {"aandachtspunt": "Aandachtspunt", "sterk punt": "Sterk punt", "informatie": "Ter informatie",
                "waarschuwing": "Waarschuwing"}


@dataclass
class Overgeslagen:
    """A requested section that could not be produced, and why (in Dutch)."""

    titel: str
    reden: str


@dataclass
class Rapport:
    project: str
    gemeente: str
    datum: date
    resultaten: list[Resultaat]
    gegevensbasis: list[Gegevensbron] = field(default_factory=list)
    overgeslagen: list[Overgeslagen] = field(default_factory=list)
    versie: str = __version__
    titel: str = "Rapport"

    def bronnen(self) -> list[tuple[Bron, list[str]]]:
        """Every source once (publisher, title, year), with the sections that cite it, in first-cited order."""
        seen: dict[tuple[str, str, str], tuple[Bron, list[str]]] = {}
        for r in self.resultaten:
            for b in r.bronnen:
                key = (b.uitgever.strip(), b.titel.strip(), str(b.jaar or ""))
                if key not in seen:
                    seen[key] = (b, [])
                if r.titel not in seen[key][1]:
                    seen[key][1].append(r.titel)
        return list(seen.values())

    def aannames(self) -> list[tuple[str, str]]:
        return [(r.titel, a) for r in self.resultaten for a in r.aannames]

    def feiten(self) -> list[tuple[str, Any]]:
        """The cover facts, label and value (a date stays a date so Excel stores it as one)."""
        return [("Project", self.project), ("Gemeente", self.gemeente or "niet gekozen"),
                ("Datum", self.datum), ("Versie Wijkkompas", self.versie),
                ("Onderdelen", ", ".join(r.titel for r in self.resultaten) or "geen")]


def sterkte_label(sterkte: str) -> str:
    return STERKTE_LABELS.get(sterkte, sterkte)


def gemeente_tekst(code: str | None) -> str:
    if not code:
        return ""
    try:
        from wijkkompas.core.reference import get_gemeente

        return f"{get_gemeente(code).naam} ({code})"
    except Exception:  # noqa: BLE001 - a report must not fail on a missing reference table
        return code


def rapport_van(resultaten: list[Resultaat], project: Any = None, datum: date | None = None,
                overgeslagen: list[Overgeslagen] | None = None) -> Rapport:
    """Wrap already produced results (e.g. the one a panel shows) in a report for ``project``."""
    return Rapport(
        project=getattr(project, "naam", "") or "Naamloos project",
        gemeente=gemeente_tekst(getattr(project, "gemeente_code", None)),
        datum=datum or date.today(),
        resultaten=list(resultaten),
        gegevensbasis=gegevensbasis_van(project) if project is not None else [],
        overgeslagen=list(overgeslagen or []),
    )


def beschikbare_onderdelen(project: Any) -> list[tuple[registry.Onderdeel, list[str]]]:
    """Every registered section with what the project lacks for it (empty list = can be produced)."""
    return [(item, item.ontbreekt(project)) for item in registry.ONDERDELEN]


def ontbreekt_tekst(missing: list[str]) -> str:
    names = {"gemeente": "een gekozen gemeente"}
    return "Nodig: " + ", ".join(names.get(m, f"de tabel '{m}' (importeren)") for m in missing) + "."


def maak_rapport(project: Any, slugs: list[str] | None = None, progress: Voortgang | None = None,
                 datum: date | None = None) -> Rapport:
    """Produce the chosen registered sections (all when ``slugs`` is None) headless and wrap them.

    Sections the project cannot produce are listed as skipped with the reason, never silently dropped.
    """
    progress = ensure(progress)
    wanted = registry.slugs() if slugs is None else list(slugs)
    resultaten: list[Resultaat] = []
    skipped: list[Overgeslagen] = []
    for number, slug in enumerate(wanted):
        item = registry.onderdeel(slug)
        progress.step(number / max(1, len(wanted)), f"Onderdeel {item.titel} berekenen…")
        missing = item.ontbreekt(project)
        if missing:
            skipped.append(Overgeslagen(item.titel, ontbreekt_tekst(missing)))
            continue
        sub = progress.sub(number / max(1, len(wanted)), (number + 1) / max(1, len(wanted)))
        try:
            result = item.load()(project, progress=sub)
        except TaskCancelled:
            raise
        except WijkkompasError as exc:
            skipped.append(Overgeslagen(item.titel, exc.melding))
            continue
        except Exception:  # one broken section must not cost the adviser the whole report
            log.exception("Onderdeel %s kon niet worden gemaakt", slug)
            skipped.append(Overgeslagen(item.titel, "Dit onderdeel kon door een fout niet worden gemaakt; "
                                                    "de details staan in het logbestand."))
            continue
        if result is None:
            skipped.append(Overgeslagen(item.titel, "Het project heeft nog niet genoeg gegevens voor dit onderdeel."))
        else:
            resultaten.append(result)
    progress.step(1.0, "Onderdelen berekend")
    return rapport_van(resultaten, project, datum, skipped)


def kop(kolom: Any) -> str:
    """A column header with its unit, e.g. 'Kosten (€ per cliënt)' — the unit is never dropped in a report."""
    if kolom.eenheid and kolom.eenheid not in kolom.label:
        return f"{kolom.label} ({kolom.eenheid})"
    return kolom.label


def as_label(label: str, eenheid: str) -> str:
    """An axis title with its unit."""
    if eenheid and eenheid not in label:
        return f"{label} ({eenheid})" if label else eenheid
    return label


def verantwoording(rapport: Rapport) -> list[Any]:
    """The closing tables every format prints: data basis, sources, assumptions, evidence vocabulary, skipped."""
    import pandas as pd

    from wijkkompas.core.resultaat import Formaat, Kolom, Tabel

    def tabel(naam: str, titel: str, kolommen: list[Kolom], rows: list[list[Any]]) -> Tabel:
        return Tabel(naam, titel, pd.DataFrame(rows, columns=[k.naam for k in kolommen]), kolommen)

    out = [
        tabel("gegevensbasis", "Gegevensbasis: ingelezen bestanden",
              [Kolom("bestand", "Bestand"), Kolom("soort", "Soort"), Kolom("rijen", "Rijen", Formaat.GEHEEL),
               Kolom("periode", "Periode"), Kolom("sha256", "Controlegetal (SHA-256)")],
              [[g.bestand, g.soort, g.rijen, g.periode, g.sha256] for g in rapport.gegevensbasis]
              or [["Geen eigen bestanden ingelezen", "", None, "", ""]]),
        tabel("bronnen", "Bronnen", [Kolom("uitgever", "Uitgever"), Kolom("titel", "Titel"), Kolom("jaar", "Jaar"),
                                     Kolom("gebruikt", "Gebruikt in")],
              [[b.uitgever, b.titel + (f". {b.toelichting}" if b.toelichting else ""),
                "" if b.jaar in (None, "") else str(b.jaar), ", ".join(used)] for b, used in rapport.bronnen()]
              or [["Geen bronnen vermeld", "", "", ""]]),
        tabel("aannames", "Aannames", [Kolom("onderdeel", "Onderdeel"), Kolom("aanname", "Aanname")],
              [list(a) for a in rapport.aannames()] or [["", "Geen aannames vermeld"]]),
        tabel("bewijssterkte", "Bewijssterkte van bevindingen", [Kolom("term", "Term"), Kolom("betekenis", "Betekenis")],
              [[sterkte_label(s), STERKTE_UITLEG[s]] for s in STERKTES]),
    ]
    if rapport.overgeslagen:
        out.append(tabel("overgeslagen", "Niet opgenomen onderdelen",
                         [Kolom("onderdeel", "Onderdeel"), Kolom("reden", "Reden")],
                         [[o.titel, o.reden] for o in rapport.overgeslagen]))
    return out


def excel_opmaak(formaat: Any, decimalen: int = 0) -> str | None:
    """The Excel number format of a column (stored locale-neutral; Dutch Excel shows 1.234,5 and € 1.234)."""
    from wijkkompas.core.resultaat import Formaat

    frac = "." + "0" * decimalen if decimalen > 0 else ""
    return {
        Formaat.EURO: f'"€ "#,##0{frac};"€ "-#,##0{frac}', Formaat.PROCENT: f"0{frac}%", Formaat.GEHEEL: "#,##0",
        Formaat.DECIMAAL: f"#,##0{frac}", Formaat.DATUM: "dd-mm-yyyy", Formaat.MAAND: "yyyy-mm",
    }.get(formaat)


def korte_titel(resultaat: Resultaat) -> str:
    """The registered section title ("Verdeelmodel"), shorter than a result's own title; for sheet names."""
    try:
        return registry.onderdeel(resultaat.onderdeel).titel
    except KeyError:
        return resultaat.titel
