"""Import a heavy library on first use instead of at start-up.

Why: opening the window must not wait for pandas, statsmodels or the import
pipeline (each hundreds of milliseconds to seconds) when an empty project needs
none of them (issue 15; ``benchmarks/startup.py`` measures it). A module-level
``pd = lazy_module("pandas")`` behaves like ``import pandas as pd`` for every
``pd.X`` access; the real import happens at the first one.

``importlib.import_module`` holds the import lock, so a first access from a
worker thread and the GUI thread at the same time is safe. Annotations need
``from __future__ import annotations`` (they are then never evaluated).
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class LazyModule:
    """Stands in for a module until an attribute is read; then forwards to the real one."""

    __slots__ = ("_lazy_name", "_lazy_module")

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "_lazy_name", name)
        object.__setattr__(self, "_lazy_module", None)

    def _load(self) -> ModuleType:
        module = self._lazy_module
        if module is None:
            module = importlib.import_module(self._lazy_name)
            object.__setattr__(self, "_lazy_module", module)
        return module

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._load(), attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        setattr(self._load(), attr, value)

    def __dir__(self) -> list[str]:
        return dir(self._load())

    def __repr__(self) -> str:
        state = "geladen" if self._lazy_module is not None else "nog niet geladen"
        return f"<lazy module {self._lazy_name!r} ({state})>"


def lazy_module(name: str) -> Any:
    """``pd = lazy_module("pandas")``: typed Any so call sites read as with a plain import."""
    return LazyModule(name)
