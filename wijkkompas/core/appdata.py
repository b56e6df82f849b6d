"""Where Wijkkompas keeps per-user files: logs, autosaves, keys, settings, mappings.

Why one module: tests (and a portable install) redirect everything by setting
``WIJKKOMPAS_DATA_DIR``; nothing else may compute these paths. Default is the
platform's user data folder (``%LOCALAPPDATA%\\Wijkkompas`` on Windows), which
needs no admin rights.
"""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_VAR = "WIJKKOMPAS_DATA_DIR"


def data_dir() -> Path:
    override = os.environ.get(ENV_VAR)
    base = Path(override) if override else Path(platformdirs.user_data_dir("Wijkkompas", appauthor=False))
    base.mkdir(parents=True, exist_ok=True)
    return base


def _sub(name: str) -> Path:
    folder = data_dir() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_dir() -> Path:
    return _sub("logs")


def autosave_dir() -> Path:
    return _sub("autosave")


def key_dir() -> Path:
    return _sub("sleutels")


def mapping_dir() -> Path:
    return _sub("koppelingen")


def settings_file() -> Path:
    return data_dir() / "instellingen.ini"
