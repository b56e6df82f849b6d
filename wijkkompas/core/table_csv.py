"""How a project keeps a table: CSV text plus a type tag per column in the manifest, escaped against formulas.

Why CSV and not a binary format: a project file must stay readable and
versioned without Wijkkompas (DESIGN.md: JSON/CSV in a zip, no pickle). The
type tags make the round trip exact (ints, nullable ints, booleans, dates);
text that a spreadsheet would run as a formula is stored with a leading
apostrophe and unescaped on reading, so a project CSV opened in Excel never
computes anything and every value still comes back as it was.
"""
from __future__ import annotations

import io
from typing import Any

from wijkkompas.core.errors import ProjectError
from wijkkompas.core.lazy import lazy_module

pd = lazy_module("pandas")  # a project without tables (the start-up window) needs no pandas
np = lazy_module("numpy")

# dtype tags stored in the manifest so CSV round-trips keep their types.
_DTYPE_TAGS = ("string", "float", "int", "bool", "datetime")


def _dtype_tag(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "string"


def schema_of(df: pd.DataFrame) -> dict[str, Any]:
    # "tekst": text cells are escaped against formula injection (see table_to_csv); files without it are not
    return {"kolommen": [{"naam": str(c), "type": _dtype_tag(df[c])} for c in df.columns], "rijen": int(len(df)),
            "tekst": _TEXT_ESCAPE}


# Text that a spreadsheet would run (=, +, -, @, tab, CR) gets a leading apostrophe; so does text that
# already starts with one, so reading strips exactly one apostrophe and every value round-trips.
_TEXT_ESCAPE = "apostrof"
_NEEDS_ESCAPE = r"^[=+\-@\t\r']"


def _per_distinct(text: pd.Series, test) -> np.ndarray:
    """``test`` (a vectorised str check) applied to the distinct values only, spread back over the rows.

    Why: a declaraties table repeats a few hundred distinct texts over 240.000
    rows; the str accessor runs Python per element, so testing each distinct
    value once made saving and opening the demo project seconds faster.
    """
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    hit = np.zeros(len(text), dtype=bool)
    if len(uniques):
        per_value = test(pd.Series(uniques, dtype="string")).fillna(False).to_numpy(dtype=bool)
        if per_value.any():
            known = codes >= 0
            hit[known] = per_value[codes[known]]
    return hit


def _escape_text(column: pd.Series) -> pd.Series:
    text = column.astype("string")
    risky = _per_distinct(text, lambda s: s.str.contains(_NEEDS_ESCAPE, regex=True))
    if not risky.any():
        return column
    return text.where(~risky, "'" + text)


def _unescape_text(column: pd.Series) -> pd.Series:
    text = column.astype("string")
    quoted = _per_distinct(text, lambda s: s.str.startswith("'"))
    if not quoted.any():
        return text
    return text.where(~quoted, text.str.slice(1))


def _may_hold_escaped_text(raw: bytes) -> bool:
    """Whether any CSV field can start with the escape apostrophe (at a row start, after a comma or quote).

    A byte scan in C: when it says no, opening skips the per-column check.
    """
    return raw.startswith(b"'") or b",'" in raw or b"\n'" in raw or b"\"'" in raw


def table_to_csv(df: pd.DataFrame) -> bytes:
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%dT%H:%M:%S").where(out[column].notna(), "")
        elif _dtype_tag(out[column]) == "string":
            out[column] = _escape_text(out[column])
    # "\r\n": the csv writer quotes only line-terminator characters, and a bare CR inside a text value
    # would otherwise split the row on reading
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def table_from_csv(raw: bytes, schema: dict[str, Any], what: str = "Een tabel in het project") -> pd.DataFrame:
    damaged = f"{what} is beschadigd"
    if not isinstance(schema, dict):
        raise ProjectError(f"{damaged}: de beschrijving in het manifest is ongeldig.")
    columns = schema.get("kolommen", [])
    if not columns:
        return pd.DataFrame()
    if not isinstance(columns, list) or not all(isinstance(c, dict) and isinstance(c.get("naam"), str)
                                                for c in columns):
        raise ProjectError(f"{damaged}: de kolommen in het manifest zijn ongeldig.")
    names = [c["naam"] for c in columns]
    try:
        df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"{damaged}: het is geen UTF-8-tekst.", details=repr(exc)) from exc
    except pd.errors.EmptyDataError:
        df = pd.DataFrame(columns=names, dtype=str) if not raw.strip() else None
        if df is None:
            raise ProjectError(f"{damaged}: de CSV-gegevens zijn onleesbaar.") from None
    except (pd.errors.ParserError, ValueError, OverflowError) as exc:
        raise ProjectError(f"{damaged}: de CSV-gegevens zijn onleesbaar.", details=repr(exc)) from exc
    if list(df.columns) != names:
        raise ProjectError(f"{damaged}: de kolommen wijken af van het manifest.")
    unescape = schema.get("tekst") == _TEXT_ESCAPE and _may_hold_escaped_text(raw)
    for column in columns:
        name, tag = column["naam"], column.get("type", "string")
        if tag not in _DTYPE_TAGS:
            tag = "string"
        try:
            df[name] = _typed(df[name], tag, unescape)
        except (ValueError, TypeError, OverflowError) as exc:  # e.g. a 5.000-digit "int", IntCastingNaNError
            raise ProjectError(f"{damaged}: kolom '{name}' bevat waarden die niet bij het type passen.",
                               details=repr(exc)) from exc
    return df


def _typed(values: pd.Series, tag: str, unescape: bool) -> pd.Series:
    if tag in ("float", "int"):
        numbers = pd.to_numeric(values, errors="coerce")
        if (values.notna() & numbers.isna()).any():  # text where a number was stored: lose nothing silently
            raise ValueError("unparseable number")
    if tag == "float":
        return numbers.astype("float64")
    if tag == "int":
        if numbers.notna().all() and pd.api.types.is_integer_dtype(numbers):
            return numbers.astype("int64")
        whole = numbers.dropna()
        if len(whole) and not ((whole == whole.round()) & (whole.abs() < 2**63)).all():
            raise ValueError("not whole numbers within int64")
        return numbers.astype("Int64")
    if tag == "bool":
        return values.map({"True": True, "False": False}).astype("boolean")
    if tag == "datetime":
        return pd.to_datetime(values, errors="coerce", format="%Y-%m-%dT%H:%M:%S")
    return _unescape_text(values) if unescape else values.astype("string")
