"""Replace client numbers (BSN, cliëntnummers) by keyed pseudonyms.

Why a keyed hash (HMAC-SHA256 with a per-project secret) and not a plain hash:
a BSN has only ~10^8 valid values, so an unkeyed hash is reversed by trying
them all. With the secret, the same person gets the same pseudonym across all
files of one project (so toewijzingen and declaraties can be linked and
clients counted once), while another project or anyone without the secret
cannot link or reverse them.

Normalisation before hashing, so that spelling differences of one number map
alike: spaces, dots and hyphens are removed from numeric ids and leading zeros
are dropped ("012345678", "12345678", "0123 45 678" → same pseudonym; Excel
loses the leading zero of a BSN stored as number). Alphanumeric ids are upper-
cased with whitespace removed. Pseudonyms look like "P-" + 16 hex characters
(64 bits: collisions are negligible for the 10^5 clients of a municipality).

Other columns: identifier columns (beschikkingnummer, toewijzingnummer,
declaratienummer and the origineel_declaratienummer a credit line refers to)
sometimes hold a BSN (systems that number dossiers by BSN).
Any value there that is 9 digits (or 8: a leading zero lost in Excel) and
passes the 11-proef, or contains such a number not glued to other digits
("123456782-01", "B123456782"), is replaced by the same keyed hash with
prefix "H-", so joins between files still work while the number itself is
gone. We accept that about 1 in 11 random 8- or 9-digit numbers also passes
the 11-proef and is hashed needlessly: harmless, because consistent.
In every other text column, 9-digit sequences passing the 11-proef are replaced
by "[BSN verwijderd]"; number and date columns hold no identifiers. "Standing
alone" means not glued to other letters or digits: hex strings (our own
pseudonyms, sha256) contain digit runs by chance and must not count.
"""
from __future__ import annotations

import hashlib
import hmac
import re

import numpy as np
import pandas as pd

from wijkkompas.core import bsn
from wijkkompas.core.imports.coerce import unique_apply
from wijkkompas.core.imports.model import Melding

PREFIX = "P-"
ID_PREFIX = "H-"
HEX_CHARS = 16
ID_COLUMNS = ("beschikkingnummer", "toewijzingnummer", "declaratienummer", "origineel_declaratienummer")
BSN_VERWIJDERD = bsn.BSN_VERWIJDERD
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
is_bsn = bsn.is_bsn


def normalise_id(value: str) -> str:
    """Canonical spelling of a client id before hashing (see module docstring)."""
    compact = "".join(value.split()).upper()
    digits = compact.replace(".", "").replace("-", "")
    if digits.isascii() and digits.isdigit():
        return digits.lstrip("0") or "0"
    return compact


def pseudonym(value: str, secret: bytes, prefix: str = PREFIX) -> str:
    mac = hmac.new(secret, normalise_id(value).encode("utf-8"), hashlib.sha256).hexdigest()
    return prefix + mac[:HEX_CHARS]


def _map_unique(col: pd.Series, fn) -> pd.Series:
    """Apply ``fn`` once per distinct non-missing value (vectorised over uniques)."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    mapped = np.array([fn(str(u)) for u in uniques] + [None], dtype=object)
    out = mapped[codes]  # code -1 picks the trailing None
    return pd.Series(out, index=col.index, dtype="string")


def pseudonymise(table: pd.DataFrame, secret: bytes) -> pd.DataFrame:
    """A copy of ``table`` without BSN or client numbers (see module docstring)."""
    if not secret:
        raise ValueError("pseudonymise needs a non-empty per-project secret")
    out = table.copy()
    if "client_id" in out.columns:
        out["client_id"] = _map_unique(out["client_id"].astype("string"), lambda v: pseudonym(v, secret))
    for c in ID_COLUMNS:
        if c in out.columns:
            out[c] = _hash_bsn_like(out[c].astype("string"), secret)
    for c in out.columns:
        if c in ("client_id",) + ID_COLUMNS:
            continue
        if not (isinstance(out[c].dtype, pd.StringDtype) or out[c].dtype == object):
            continue  # numbers and dates: no text to scrub
        col = out[c].astype("string")
        has = unique_apply(col, lambda u: u.str.contains(bsn.QUICK_PATTERN, regex=True).fillna(False).astype(bool),
                           False).astype(bool)
        if has.any():
            out[c] = col.where(~has, _map_unique(col[has], scrub_text))
    return out


def _hash_bsn_like(col: pd.Series, secret: bytes) -> pd.Series:
    """Replace values that are or contain a valid BSN (11-proef) by a keyed hash.

    "Contain": dossier numbers built from the BSN ("123456782-01",
    "2024 123456782", "B123456782"). The whole value is hashed, so the same number still
    links across files while the BSN inside it is gone.
    """
    codes, uniq = pd.factorize(col, use_na_sentinel=True)
    u = pd.Series(np.asarray(uniq, dtype=object), dtype="string")
    compact = u.str.replace(r"[\s.\-]", "", regex=True)
    # 8 digits: a BSN with a leading zero that Excel stored as a number
    cand = np.flatnonzero(compact.str.fullmatch(r"[0-9]{8,9}").fillna(False).to_numpy(dtype=bool))
    hit = cand[elfproef(compact.iloc[cand])] if len(cand) else cand
    new_u = u.to_numpy(dtype=object, na_value=None).copy()
    for i in hit:
        new_u[i] = pseudonym(str(compact.iat[i]), secret, ID_PREFIX)
    inside = u.str.contains(bsn.QUICK_PATTERN, regex=True).fillna(False).to_numpy(dtype=bool)
    inside[hit] = False
    changed = len(hit) > 0
    for i in np.flatnonzero(inside):
        value = str(u.iat[i])
        if bsn.has_bsn(value):
            new_u[i] = pseudonym(value, secret, ID_PREFIX)
            changed = True
    if not changed:
        return col
    return pd.Series(np.append(new_u, None)[codes], index=col.index, dtype="string")


def elfproef(digits: pd.Series) -> np.ndarray:
    """Vectorised 11-proef on strings of 8 or 9 ASCII digits (8: leading zero lost)."""
    s = digits.astype("string").str.zfill(9)
    if len(s) == 0:
        return np.zeros(0, dtype=bool)
    mat = np.frombuffer("".join(s.tolist()).encode("ascii"), dtype=np.uint8).reshape(-1, 9).astype(np.int64) - 48
    total = mat @ np.array(_WEIGHTS, dtype=np.int64)
    return (total % 11 == 0) & (total != 0)


def scrub_text(text: str) -> str:
    """Replace numbers that pass the 11-proef, in any common spelling, by a marker (see ``core.bsn``)."""
    return bsn.scrub(text)


def scrub_meldingen(meldingen: list[Melding]) -> list[Melding]:
    """Remove BSN-like numbers from message values and texts (for reports and logs)."""
    out = []
    for m in meldingen:
        waarde = scrub_text(m.waarde) if m.waarde else m.waarde
        if m.waarde and re.fullmatch(r"[0-9]{8}", "".join(m.waarde.split())) and is_bsn("".join(m.waarde.split())):
            waarde = BSN_VERWIJDERD
        kolom = scrub_text(m.kolom) if m.kolom else m.kolom
        out.append(Melding(m.rij, kolom, waarde, scrub_text(m.melding), m.ernst))
    return out


def contains_bsn(values: object) -> bool:
    """True when a number passing the 11-proef, in any common spelling, occurs in ``values``' text.

    Used by tests and as a last guard before saving: pass a DataFrame, dict,
    list or string.
    """
    if isinstance(values, pd.DataFrame):
        return any(contains_bsn(values[c].astype("string").dropna().tolist()) for c in values.columns) or \
            contains_bsn([str(c) for c in values.columns])
    if isinstance(values, dict):
        return contains_bsn(list(values.keys())) or contains_bsn(list(values.values()))
    if isinstance(values, (list, tuple, set)):
        return any(contains_bsn(v) for v in values)
    if values is None:
        return False
    return bsn.has_bsn(str(values))
