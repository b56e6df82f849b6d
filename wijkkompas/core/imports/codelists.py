"""iWmo code lists used to validate and interpret imported rows.

Sources (Zorginstituut Nederland, iStandaarden, informatiemodel iWmo 3.x):
- WMO020 Productcategorie: https://informatiemodel.istandaarden.nl/informatiemodel/iwmo/
  (codelijsten/wmo020; the pgb list WMO022 at .../ipgb/2.0/codelijsten/wmo022 carries
  the same codes 01-18 plus 99 "Totaal zorgpakket", which is not valid in WMO020).
- WJ756 Eenheid and WMO757 Frequentie: same informatiemodel, codelijsten/wj756 and
  codelijsten/wmo757.
- Volume in eurocent for eenheid 83: iStandaarden, "Declaratie/factuur Wmo",
  "Als Eenheid de waarde 83 (Euro's) bevat, wordt in GeleverdVolume een bedrag
  gevuld in eurocent" (the same holds for Volume in a toegewezen product).
- Dagdeel is defined in WJ756 as "Dagdeel (4 uur)".

Why text labels too: exports made from case-management systems often print the
label ("Uur", "Hulp bij het huishouden", "Per week") instead of the code. The
label tables below map normalised labels (lower case, accents folded,
punctuation collapsed to spaces; see ``coerce_text._norm_label``) to codes.
"""
from __future__ import annotations

PRODUCTCATEGORIE: dict[str, str] = {
    "01": "Hulp bij het huishouden",
    "02": "Begeleiding",
    "03": "Persoonlijke verzorging",
    "04": "Kortdurend verblijf",
    "05": "Woondiensten",
    "06": "Overige ondersteuning gericht op het individu of huishouden/gezin",
    "07": "Dagbesteding",
    "08": "Vervoerdiensten",
    "09": "Overige groepsgerichte ondersteuning",
    "10": "Overige maatwerkarrangementen",
    "11": "Rolstoelen",
    "12": "Vervoervoorzieningen",
    "13": "Woonvoorzieningen",
    "14": "Overige hulpmiddelen",
    "15": "Beschermd wonen",
    "16": "Opvang",
    "17": "Spoedopvang",
    "18": "Overige beschermd wonen en opvang",
}

EENHEID: dict[str, str] = {
    "01": "Minuut",
    "04": "Uur",
    "14": "Etmaal",
    "16": "Dagdeel (4 uur)",
    "82": "Stuks (output)",
    "83": "Euro's",
    "84": "Stuks (inspanning)",
}

FREQUENTIE: dict[str, str] = {
    "1": "Per dag",
    "2": "Per week",
    "4": "Per maand",
    "6": "Totaal binnen geldigheidsduur toewijzing",
}

# Eenheid 83: volume is written in eurocent (see module docstring).
EENHEID_EUROCENT = "83"

# Hours per unit for the time units, so the panel can state volumes in "uur".
UREN_PER_EENHEID: dict[str, float] = {"01": 1 / 60, "04": 1.0, "16": 4.0}

# Unit in which the panel states a volume, per eenheid code.
PANEL_EENHEID: dict[str, str] = {
    "01": "uur", "04": "uur", "16": "uur",
    "14": "etmaal", "82": "stuks (output)", "83": "euro", "84": "stuks (inspanning)",
}

# Plausible maximum per day, used to flag absurd volumes (waarschuwing only).
MAX_PER_DAG: dict[str, float] = {
    "01": 24 * 60, "04": 24.0, "14": 1.0, "16": 6.0, "82": 50.0, "84": 50.0,
}

# Days that one unit of frequentie covers (6 = whole validity period: None).
DAGEN_PER_FREQUENTIE: dict[str, float | None] = {"1": 1.0, "2": 7.0, "4": 365.25 / 12, "6": None}


def _labels(table: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    import re
    import unicodedata

    def norm(x: str) -> str:
        x = "".join(c for c in unicodedata.normalize("NFKD", x.lower()) if not unicodedata.combining(c))
        return re.sub(r"[^0-9a-z]+", " ", x).strip()

    out = {norm(name): code for code, name in table.items()}
    out.update({norm(k): v for k, v in extra.items()})
    return out


PRODUCTCATEGORIE_LABELS = _labels(PRODUCTCATEGORIE, {
    "hbh": "01", "huishoudelijke hulp": "01", "huishoudelijke ondersteuning": "01",
    "hulp in het huishouden": "01", "schoon en leefbaar huis": "01",
    "begeleiding individueel": "02", "individuele begeleiding": "02", "begeleiding ind": "02",
    "pv": "03", "persoonlijke verzorging": "03",
    "kortdurend verblijf": "04", "logeeropvang": "04", "respijtzorg": "04",
    "woondienst": "05",
    "dagbesteding": "07", "begeleiding groep": "07", "groepsbegeleiding": "07",
    "vervoer": "08", "vervoersdiensten": "08", "vervoerdienst": "08", "regiotaxi": "08",
    "overige maatwerk arrangementen": "10",
    "rolstoel": "11",
    "vervoersvoorzieningen": "12", "vervoervoorziening": "12", "scootmobiel": "12",
    "woonvoorziening": "13", "woningaanpassing": "13",
    "hulpmiddelen": "14",
    "bw": "15",
    "maatschappelijke opvang": "16", "vrouwenopvang": "16",
})

EENHEID_LABELS = _labels(EENHEID, {
    "minuut": "01", "minuten": "01", "min": "01",
    "uur": "04", "uren": "04", "u": "04", "hour": "04", "hours": "04",
    "etmaal": "14", "etmalen": "14", "dag etmaal": "14",
    "dagdeel": "16", "dagdelen": "16",
    "stuks output": "82", "stuk output": "82", "output": "82",
    "euro": "83", "euros": "83", "euro s": "83", "eur": "83",
    "stuks inspanning": "84", "stuk inspanning": "84", "stuks": "82", "stuk": "82",
})

FREQUENTIE_LABELS = _labels(FREQUENTIE, {
    "dag": "1", "per dag": "1", "dagelijks": "1",
    "week": "2", "per week": "2", "wekelijks": "2",
    "maand": "4", "per maand": "4", "maandelijks": "4",
    "totaal": "6", "totaal binnen geldigheidsduur": "6", "geldigheidsduur": "6",
    "per toewijzing": "6", "totaal binnen geldigheidsduur toewijzing": "6",
})


def naam(lijst: dict[str, str], code: str | None) -> str:
    """Name for a code, or the code itself when unknown (for display)."""
    if code is None:
        return ""
    return lijst.get(code, code)
