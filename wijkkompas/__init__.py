"""Wijkkompas: offline decision support for the Wmo 2015 in Dutch municipalities."""
from __future__ import annotations

# The one place the version is written: pyproject.toml reads it (``dynamic``), and a
# frozen build has no package metadata to ask. A literal, not importlib.metadata,
# which alone costs ~40 ms of every start-up.
__version__ = "0.1.0"

APP_NAME = "Wijkkompas"
ORG_NAME = "Wijkkompas"
