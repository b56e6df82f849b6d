"""Remember the last fitted scenario models by the content of the tables they were fitted on.

Why: Scenario's, Sturing (budgetuitputting and volumeregime) and the Rapport
each fit the same baseline on the same tables — about ten seconds per fit on
the demo. DESIGN.md §3 asks to fit once per data change; the panels keep their
own model, but a report or a second panel started separately fitted again.
The key is a digest of the tables' contents (not their identity: a table
object can be changed in place, and ids are reused), so any change to the
data gives a new fit. A cached model is shared: callers must treat it as
read-only, as the panels already do when they simulate many scenarios on one.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
import pandas as pd

KEEP = 3  # a few data versions: the full data and the cut-off copies Sturing fits at a peildatum

_lock = threading.Lock()
_models: OrderedDict[str, Any] = OrderedDict()


def digest(tables: dict[str, pd.DataFrame]) -> str:
    """A content digest of every table: names, shapes, columns, dtypes and values."""
    h = hashlib.blake2b(digest_size=16)
    for name in sorted(tables):
        df = tables[name]
        if not isinstance(df, pd.DataFrame):
            h.update(f"{name}|{type(df).__name__}|{df!r}".encode())
            continue
        h.update(f"{name}|{df.shape}|{list(map(str, df.columns))}|{[str(t) for t in df.dtypes]}".encode())
        for column in df.columns:
            values = df[column]
            if isinstance(values, pd.DataFrame):  # duplicate column names: hash them as one block
                h.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
            elif isinstance(values.dtype, np.dtype) and values.dtype.kind in "biufmM":
                h.update(np.ascontiguousarray(values.to_numpy()).view(np.uint8).tobytes())
            else:
                h.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
    return h.hexdigest()


def get(key: str) -> Any | None:
    with _lock:
        model = _models.get(key)
        if model is not None:
            _models.move_to_end(key)
        return model


def put(key: str, model: Any) -> None:
    with _lock:
        _models[key] = model
        _models.move_to_end(key)
        while len(_models) > KEEP:
            _models.popitem(last=False)


def clear() -> None:
    with _lock:
        _models.clear()
