"""Resultaat: the one output type of every analysis (DESIGN.md §3).

Why one type: a number then has one origin and looks the same in the panel,
the CLI's ``--json`` and the Excel/PDF/Word report, with its unit, source and
year. A model returns a ``Resultaat``; the GUI renders its tables through one
table model that formats by ``Kolom.formaat``; ``wijkkompas/report`` renders any
list of them; the CLI prints ``to_json()``.

``gegevens`` is the machine-readable payload a command promises (e.g. the
verdeelmodel's ``{"totaal", "wijken": [...]}``); ``to_json`` puts its keys at
the top level beside the rendering metadata, so scripts keep simple keys and
reports keep units and sources. Its keys may not shadow the reserved ones.

Evidence strengths are the project's vocabulary (``STERKTES``); a model result
is never labelled stronger than its design allows.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core import formatting

STERKTES: tuple[str, ...] = ("causaal-significant", "causaal-niet-significant", "beschrijvend", "kwalitatief")
STERKTE_LABELS: dict[str, str] = {
    "causaal-significant": "Causaal, significant",
    "causaal-niet-significant": "Causaal, niet significant",
    "beschrijvend": "Beschrijvend",
    "kwalitatief": "Kwalitatief",
}
BEVINDING_SOORTEN: tuple[str, ...] = ("aandachtspunt", "sterk punt", "informatie", "waarschuwing")


class Formaat(str, Enum):
    """How a column's values are shown; units stay beside it in ``Kolom.eenheid``."""

    TEKST = "tekst"
    GEHEEL = "geheel"        # 1.234
    DECIMAAL = "decimaal"    # 1.234,5 (Kolom.decimalen)
    EURO = "euro"            # € 1.234 (Kolom.decimalen)
    PROCENT = "procent"      # value is a fraction: 0.123 -> 12,3% (Kolom.decimalen)
    DATUM = "datum"          # dd-mm-jjjj
    MAAND = "maand"          # jjjj-mm
    JANEE = "janee"


@dataclass(frozen=True)
class Kolom:
    naam: str
    label: str
    formaat: Formaat = Formaat.TEKST
    eenheid: str = ""
    decimalen: int = 0
    toelichting: str = ""

    def opmaak(self, value: Any) -> str:
        """The Dutch display text of one value (empty for missing)."""
        return format_value(value, self.formaat, self.decimalen)

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "label": self.label, "formaat": self.formaat.value, "eenheid": self.eenheid,
                "decimalen": self.decimalen, "toelichting": self.toelichting}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Kolom:
        return cls(data["naam"], data.get("label", data["naam"]), Formaat(data.get("formaat", "tekst")),
                   data.get("eenheid", ""), int(data.get("decimalen", 0)), data.get("toelichting", ""))


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(float(value))


def format_value(value: Any, formaat: Formaat, decimalen: int = 0) -> str:
    if _is_missing(value):
        return ""
    if formaat == Formaat.TEKST:
        return str(value)
    if formaat == Formaat.JANEE:
        return "ja" if bool(value) else "nee"
    if formaat in (Formaat.DATUM, Formaat.MAAND):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%d-%m-%Y" if formaat == Formaat.DATUM else "%Y-%m")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if formaat == Formaat.GEHEEL:
        return formatting.getal(round(number))
    if formaat == Formaat.EURO:
        return formatting.euro(number, decimalen)
    if formaat == Formaat.PROCENT:
        return formatting.procent(number, decimalen)
    return formatting.getal(number, decimalen)


@dataclass
class Tabel:
    """A DataFrame with per-column Dutch label, unit and format. Columns without a Kolom are not shown."""

    naam: str
    titel: str
    data: pd.DataFrame
    kolommen: list[Kolom]
    toelichting: str = ""

    def __post_init__(self) -> None:
        missing = [k.naam for k in self.kolommen if k.naam not in self.data.columns]
        if missing:
            raise ValueError(f"Tabel {self.naam}: kolommen ontbreken in de gegevens: {missing}")

    def kolom(self, naam: str) -> Kolom:
        for k in self.kolommen:
            if k.naam == naam:
                return k
        raise KeyError(naam)

    def zichtbaar(self) -> pd.DataFrame:
        """The shown columns, in order, with raw (unformatted) values."""
        return self.data[[k.naam for k in self.kolommen]].reset_index(drop=True)

    def records(self) -> list[dict[str, Any]]:
        return [{k: json_value(v) for k, v in row.items()} for row in self.zichtbaar().to_dict(orient="records")]

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "titel": self.titel, "toelichting": self.toelichting,
                "kolommen": [k.to_json() for k in self.kolommen], "rijen": self.records()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Tabel:
        kolommen = [Kolom.from_json(k) for k in data.get("kolommen", [])]
        frame = pd.DataFrame(data.get("rijen", []), columns=[k.naam for k in kolommen])
        for k in kolommen:
            if k.formaat in (Formaat.DATUM, Formaat.MAAND):
                frame[k.naam] = pd.to_datetime(frame[k.naam], errors="coerce")
        return cls(data["naam"], data.get("titel", ""), frame, kolommen, data.get("toelichting", ""))


@dataclass
class Reeks:
    """One series. ``laag``/``hoog`` make it a band (e.g. P10–P90) around ``y``."""

    naam: str
    label: str
    x: list[Any]
    y: list[float | None]
    laag: list[float | None] | None = None
    hoog: list[float | None] | None = None
    soort: str = ""  # overrides Grafiek.soort for this series ("lijn", "staaf", "punt", "band")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"naam": self.naam, "label": self.label, "x": [json_value(v) for v in self.x],
                               "y": [json_value(v) for v in self.y]}
        if self.laag is not None:
            out["laag"] = [json_value(v) for v in self.laag]
        if self.hoog is not None:
            out["hoog"] = [json_value(v) for v in self.hoog]
        if self.soort:
            out["soort"] = self.soort
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reeks:
        return cls(data["naam"], data.get("label", data["naam"]), list(data.get("x", [])), list(data.get("y", [])),
                   data.get("laag"), data.get("hoog"), data.get("soort", ""))


GRAFIEK_SOORTEN = ("lijn", "staaf", "gestapeld", "punt", "waaier")


@dataclass
class Grafiek:
    """Chart data, never pixels: series with axis labels and units. ``markeringen``: vertical lines with a label."""

    naam: str
    titel: str
    soort: str
    x_label: str
    y_label: str
    reeksen: list[Reeks]
    x_eenheid: str = ""
    y_eenheid: str = ""
    markeringen: list[tuple[Any, str]] = field(default_factory=list)
    toelichting: str = ""

    def __post_init__(self) -> None:
        if self.soort not in GRAFIEK_SOORTEN:
            raise ValueError(f"Onbekende grafieksoort {self.soort!r}")

    def to_json(self) -> dict[str, Any]:
        return {"naam": self.naam, "titel": self.titel, "soort": self.soort, "x_label": self.x_label,
                "x_eenheid": self.x_eenheid, "y_label": self.y_label, "y_eenheid": self.y_eenheid,
                "reeksen": [r.to_json() for r in self.reeksen],
                "markeringen": [{"x": json_value(x), "label": label} for x, label in self.markeringen],
                "toelichting": self.toelichting}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Grafiek:
        return cls(data["naam"], data.get("titel", ""), data.get("soort", "lijn"), data.get("x_label", ""),
                   data.get("y_label", ""), [Reeks.from_json(r) for r in data.get("reeksen", [])],
                   data.get("x_eenheid", ""), data.get("y_eenheid", ""),
                   [(m.get("x"), m.get("label", "")) for m in data.get("markeringen", [])], data.get("toelichting", ""))


@dataclass
class Bron:
    """A public source: who published what, and for which year."""

    uitgever: str
    titel: str
    jaar: int | str | None = None
    toelichting: str = ""

    def tekst(self) -> str:
        jaar = f" ({self.jaar})" if self.jaar not in (None, "") else ""
        titel = f", {self.titel}" if self.titel else ""
        return f"{self.uitgever}{jaar}{titel}" + (f". {self.toelichting}" if self.toelichting else "")

    def to_json(self) -> dict[str, Any]:
        return {"uitgever": self.uitgever, "titel": self.titel, "jaar": self.jaar, "toelichting": self.toelichting}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Bron:
        return cls(data.get("uitgever", ""), data.get("titel", ""), data.get("jaar"), data.get("toelichting", ""))


@dataclass
class Bevinding:
    """A statement with its evidence strength and source. ``producten``: product codes it concerns.

    ``id``: a stable name of the finding (e.g. the typology rule that made it), so scripts and tests can
    find it again; ``bewijs_ids``: the ids of the research items it rests on in the evidence library
    (``resources/evidence``), so ``bron`` (the text for people) can be traced to document, section and lines.
    Both are optional: most models state their finding without a library behind it.
    """

    titel: str
    tekst: str
    sterkte: str
    soort: str = "informatie"
    bron: str = ""
    producten: list[str] = field(default_factory=list)
    id: str = ""
    bewijs_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.sterkte not in STERKTES:
            raise ValueError(f"Onbekende bewijssterkte {self.sterkte!r}; kies uit {STERKTES}")
        if self.soort not in BEVINDING_SOORTEN:
            raise ValueError(f"Onbekende soort bevinding {self.soort!r}")

    def to_json(self) -> dict[str, Any]:
        return {"titel": self.titel, "tekst": self.tekst, "sterkte": self.sterkte, "soort": self.soort,
                "bron": self.bron, "producten": list(self.producten), "id": self.id,
                "bewijs_ids": list(self.bewijs_ids)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Bevinding:
        return cls(data["titel"], data.get("tekst", ""), data.get("sterkte", "beschrijvend"),
                   data.get("soort", "informatie"), data.get("bron", ""), list(data.get("producten", [])),
                   str(data.get("id", "")), list(data.get("bewijs_ids", [])))


@dataclass
class Gegevensbron:
    """One imported file the result rests on (never its path: only the name the user gave it)."""

    bestand: str
    soort: str
    sha256: str = ""
    rijen: int | None = None
    periode: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"bestand": self.bestand, "soort": self.soort, "sha256": self.sha256, "rijen": self.rijen,
                "periode": self.periode}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Gegevensbron:
        return cls(data.get("bestand", ""), data.get("soort", ""), data.get("sha256", ""), data.get("rijen"),
                   data.get("periode", ""))


RESERVED_KEYS = frozenset({
    "onderdeel", "titel", "ondertitel", "samenvatting", "tabellen", "grafieken", "bevindingen", "aannames",
    "bronnen", "gegevensbasis", "waarschuwingen", "resultaat_versie",
})
RESULTAAT_VERSIE = 1


@dataclass
class Resultaat:
    """Everything one analysis has to say. ``onderdeel`` is the report section's slug (e.g. "verdeelmodel")."""

    onderdeel: str
    titel: str
    ondertitel: str = ""
    samenvatting: list[str] = field(default_factory=list)
    tabellen: list[Tabel] = field(default_factory=list)
    grafieken: list[Grafiek] = field(default_factory=list)
    bevindingen: list[Bevinding] = field(default_factory=list)
    aannames: list[str] = field(default_factory=list)
    bronnen: list[Bron] = field(default_factory=list)
    gegevensbasis: list[Gegevensbron] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)
    gegevens: dict[str, Any] = field(default_factory=dict)

    def tabel(self, naam: str) -> Tabel:
        for t in self.tabellen:
            if t.naam == naam:
                return t
        raise KeyError(naam)

    def grafiek(self, naam: str) -> Grafiek:
        for g in self.grafieken:
            if g.naam == naam:
                return g
        raise KeyError(naam)

    def to_json(self) -> dict[str, Any]:
        clash = RESERVED_KEYS.intersection(self.gegevens)
        if clash:
            raise ValueError(f"gegevens gebruikt gereserveerde sleutels: {sorted(clash)}")
        out: dict[str, Any] = {
            "resultaat_versie": RESULTAAT_VERSIE, "onderdeel": self.onderdeel, "titel": self.titel,
            "ondertitel": self.ondertitel, "samenvatting": list(self.samenvatting),
            "tabellen": [t.to_json() for t in self.tabellen], "grafieken": [g.to_json() for g in self.grafieken],
            "bevindingen": [b.to_json() for b in self.bevindingen], "aannames": list(self.aannames),
            "bronnen": [b.to_json() for b in self.bronnen],
            "gegevensbasis": [g.to_json() for g in self.gegevensbasis], "waarschuwingen": list(self.waarschuwingen),
        }
        out.update({k: json_value(v, deep=True) for k, v in self.gegevens.items()})
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resultaat:
        gegevens = {k: v for k, v in data.items() if k not in RESERVED_KEYS}
        return cls(
            onderdeel=data["onderdeel"], titel=data.get("titel", ""), ondertitel=data.get("ondertitel", ""),
            samenvatting=list(data.get("samenvatting", [])),
            tabellen=[Tabel.from_json(t) for t in data.get("tabellen", [])],
            grafieken=[Grafiek.from_json(g) for g in data.get("grafieken", [])],
            bevindingen=[Bevinding.from_json(b) for b in data.get("bevindingen", [])],
            aannames=list(data.get("aannames", [])), bronnen=[Bron.from_json(b) for b in data.get("bronnen", [])],
            gegevensbasis=[Gegevensbron.from_json(g) for g in data.get("gegevensbasis", [])],
            waarschuwingen=list(data.get("waarschuwingen", [])), gegevens=gegevens,
        )


def json_value(value: Any, deep: bool = False) -> Any:
    """A JSON-safe version of a cell or payload value: numpy scalars to Python, NaN to None, dates to ISO."""
    if deep and isinstance(value, dict):
        return {str(k): json_value(v, True) for k, v in value.items()}
    if deep and isinstance(value, (list, tuple)):
        return [json_value(v, True) for v in value]
    if _is_missing(value):
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return float(value)
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d") if value == pd.Timestamp(value).normalize() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, pd.Period):
        return str(value)
    return value


def gegevensbasis_van(project: Any, soorten: list[str] | tuple[str, ...] | None = None) -> list[Gegevensbron]:
    """The data basis of a result: the project's imported source files (optionally only some kinds)."""
    out = []
    for source in getattr(project, "sources", []):
        if soorten is not None and source.tabel not in soorten:
            continue
        table = getattr(project, "tables", {}).get(source.tabel)
        out.append(Gegevensbron(source.naam, source.soort, source.sha256,
                                None if table is None else int(len(table)), getattr(source, "periode", "") or ""))
    return out
