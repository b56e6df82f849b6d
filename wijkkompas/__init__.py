"""Wijkkompas: offline decision support for the Wmo 2015 in Dutch municipalities."""
from __future__ import annotations

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("wijkkompas")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.1.0"

APP_NAME = "Wijkkompas"
ORG_NAME = "Wijkkompas"
