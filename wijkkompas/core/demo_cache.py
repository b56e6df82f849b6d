"""A fast, pickle-free snapshot of a project's tables, used to open the cached demo in well under a second.

Why not only the ``.wkp``: a project file keeps its tables as CSV, which is
right for a user's file (portable, inspectable, versioned) but takes seconds
to parse for 240.000 declaratie rows. The demo cache keeps the ``.wkp`` (the
real project, used when this snapshot is missing or damaged) plus this
snapshot next to it: numpy arrays in an ``.npz`` (``allow_pickle=False``, so
loading runs no code), text columns as integer codes into their distinct
values, kept as one UTF-8 block split on a separator that occurs in none of
them (so loading creates one string object per distinct value), plus a JSON header with the project's
name, choices, sources and column types.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wijkkompas.core.errors import ProjectError
from wijkkompas.core.project import Project, SourceFile, atomic_write_bytes

SNAPSHOT_FORMAT = 1
_SEPARATORS = ("\x00", "\x1f", "\x1e", "\x1d")


def _encode_column(series: pd.Series, key: str, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        values = series.to_numpy()
        arrays[key] = values.view(np.int64)
        return {"soort": "datum", "dtype": str(values.dtype)}
    if isinstance(dtype, pd.BooleanDtype) or isinstance(dtype, pd.Int64Dtype):
        mask = series.isna().to_numpy()
        arrays[key] = series.fillna(False if isinstance(dtype, pd.BooleanDtype) else 0).to_numpy(
            dtype=bool if isinstance(dtype, pd.BooleanDtype) else np.int64)
        arrays[key + ".na"] = mask
        return {"soort": "nullable", "dtype": str(dtype)}
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        arrays[key] = series.to_numpy()
        return {"soort": "numpy"}
    codes, uniques = pd.factorize(series.astype("string"), use_na_sentinel=True)
    texts = [str(u) for u in uniques]
    joined = None
    for separator in _SEPARATORS:
        candidate = separator.join(texts)
        if candidate.count(separator) == max(len(texts) - 1, 0):
            joined = candidate
            break
    if joined is None:
        raise ProjectError("De tabel bevat tekens die de snelle opslag niet aankan.")
    arrays[key] = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    arrays[key + ".codes"] = np.asarray(codes, dtype=np.int32)
    return {"soort": "tekst", "scheiding": ord(separator), "dtype": str(dtype), "uniek": len(texts)}


def _decode_column(spec: dict[str, Any], key: str, data: Any) -> pd.Series:
    soort = spec["soort"]
    if soort == "datum":
        return pd.Series(data[key].view(spec["dtype"]))
    if soort == "numpy":
        return pd.Series(data[key])
    if soort == "nullable":
        values = pd.array(data[key], dtype=spec["dtype"])
        values[data[key + ".na"]] = pd.NA
        return pd.Series(values)
    text = data[key].tobytes().decode("utf-8")
    parts = text.split(chr(spec["scheiding"])) if spec["uniek"] else []
    if len(parts) != spec["uniek"]:
        raise ProjectError("De snelle demo-opslag is beschadigd.")
    lookup = np.empty(len(parts) + 1, dtype=object)  # the last slot is the missing value (code -1)
    lookup[:-1] = parts
    lookup[-1] = pd.NA if spec["dtype"] == "string" else None
    values = lookup[data[key + ".codes"]]
    if spec["dtype"] == "string":
        return pd.Series(pd.arrays.StringArray(values))
    return pd.Series(values, dtype=spec["dtype"])


def save_snapshot(project: Project, target: Path) -> None:
    arrays: dict[str, np.ndarray] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    for t_index, (name, df) in enumerate(sorted(project.tables.items())):
        columns = []
        for c_index, column in enumerate(df.columns):
            spec = _encode_column(df[column], f"t{t_index}c{c_index}", arrays)
            columns.append({"naam": str(column), **spec})
        tables[name] = columns
    header = {
        "format": SNAPSHOT_FORMAT, "naam": project.naam, "gemeente_code": project.gemeente_code,
        "project_id": project.project_id, "created": project.created, "modified": project.modified,
        "choices": project.choices, "bronbestanden": [s.to_json() for s in project.sources], "tabellen": tables,
    }
    arrays["header"] = np.frombuffer(json.dumps(header, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    atomic_write_bytes(target, buffer.getvalue())


def load_snapshot(path: Path) -> Project:
    """Raises ProjectError when the snapshot is unreadable (the caller then falls back to the .wkp)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(data["header"].tobytes().decode("utf-8"))
            if header.get("format") != SNAPSHOT_FORMAT:
                raise ProjectError("Onbekende versie van de snelle demo-opslag.")
            tables = {}
            for t_index, (name, columns) in enumerate(header["tabellen"].items()):
                tables[name] = pd.DataFrame({
                    c["naam"]: _decode_column(c, f"t{t_index}c{c_index}", data) for c_index, c in enumerate(columns)
                }) if columns else pd.DataFrame()
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise ProjectError("De snelle demo-opslag is onleesbaar.", details=repr(exc)) from exc
    return Project(
        naam=header["naam"], gemeente_code=header["gemeente_code"], tables=tables,
        sources=[SourceFile.from_json(s) for s in header["bronbestanden"]], choices=header["choices"],
        project_id=header["project_id"], created=header["created"], modified=header["modified"],
    )
