"""Find a gemeente by CBS code or by name, forgiving case, accents and common aliases.

Why this is more than a dict lookup: users type "den bosch", "'s-Hertogenbosch",
"Sudwest Fryslan", "gm0150" or "150"; the Iv3/BZK spelling ('s-Gravenhage) differs
from what people say (Den Haag). Unknown input gets the closest names as suggestions.
"""
from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

from wijkkompas.core.errors import UnknownGemeenteError

# normalised alias -> CBS code
ALIASES = {
    "den haag": "GM0518",
    "s gravenhage": "GM0518",
    "the hague": "GM0518",
    "den bosch": "GM0796",
    "s hertogenbosch": "GM0796",
    "hertogenbosch": "GM0796",
    "nuenen": "GM0820",
    "bergen nh": "GM0373",
    "bergen noord holland": "GM0373",
    "bergen l": "GM0893",
    "bergen limburg": "GM0893",
    "nuenen c a": "GM0820",
    # CBS spellings with a province qualifier (gemeenteklassen, Statline) for names that are unique here.
    "hengelo o": "GM0164",
    "laren nh": "GM0417",
    "beek l": "GM0888",
    "middelburg z": "GM0687",
    "rijswijk zh": "GM0603",
    "stein l": "GM0971",
}
# Gemeenten merged away since 2021 (normalised former name -> current code(s)). Never resolved
# silently (Weesp's figures are not Amsterdam's), but offered first when someone types the old name.
VOORMALIG = {
    "appingedam": ("GM1979",), "delfzijl": ("GM1979",), "loppersum": ("GM1979",),
    "heerhugowaard": ("GM1980",), "langedijk": ("GM1980",),
    "boxmeer": ("GM1982",), "cuijk": ("GM1982",), "grave": ("GM1982",), "mill en sint hubert": ("GM1982",),
    "sint anthonis": ("GM1982",),
    "landerd": ("GM1991",), "uden": ("GM1991",),
    "weesp": ("GM0363",), "beemster": ("GM0439",),
    "brielle": ("GM1992",), "hellevoetsluis": ("GM1992",), "westvoorne": ("GM1992",),
    "haaren": ("GM0757", "GM0824", "GM0855", "GM0865"),
}
_CODE = re.compile(r"^(?:gm)?\s*(\d{1,4})$")


def normalise(text: str) -> str:
    """Lower case, no accents, punctuation to spaces, no 'gemeente' prefix/suffix."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^gemeente\s+", "", text)
    text = re.sub(r"\s+gemeente$", "", text)
    return text


def build_index(table: pd.DataFrame) -> dict[str, str]:
    """normalised name/alias -> code, from the display name and the Iv3 name."""
    index: dict[str, str] = {}
    for code, naam, naam_iv3 in table[["code", "naam", "naam_iv3"]].itertuples(index=False):
        index[normalise(naam)] = code
        index[normalise(naam_iv3)] = code
    for alias, code in ALIASES.items():
        index.setdefault(alias, code)
    return index


def resolve(query: str, table: pd.DataFrame, index: dict[str, str]) -> str:
    """Return the CBS code for ``query`` or raise UnknownGemeenteError with up to five suggestions."""
    norm = normalise(query or "")
    codes = set(table["code"])
    match = _CODE.match(norm.replace(" ", "")) if norm else None
    if match:
        code = "GM" + match.group(1).zfill(4)
        if code in codes:
            return code
    if norm in index:
        return index[norm]
    raise UnknownGemeenteError(query, suggestions(query, table, index))


def suggestions(query: str, table: pd.DataFrame, index: dict[str, str], n: int = 5) -> list[str]:
    norm = normalise(query or "")
    names = dict(zip(table["code"], table["naam"]))
    found: list[str] = [names[c] for c in VOORMALIG.get(norm, ()) if c in names]
    if norm:
        # Prefix matches first (typing "amster" should suggest Amsterdam/Amstelveen), then fuzzy ones.
        prefixed = sorted({names[c] for k, c in index.items() if k.startswith(norm)})
        fuzzy = [names[index[k]] for k in difflib.get_close_matches(norm, list(index), n=n * 2, cutoff=0.6)]
        for naam in prefixed + fuzzy:
            if naam not in found:
                found.append(naam)
    return found[:n]
