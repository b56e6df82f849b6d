"""File logging in the user's app-data folder.

Why: advisers have no IT support at hand; when something fails they can send
the log file. Logs never contain client data: import code logs counts and file
names only (tested in the import tests).
"""
from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from wijkkompas.core import appdata

LOG_NAME = "wijkkompas.log"
_configured_file: Path | None = None


def log_file() -> Path:
    return appdata.log_dir() / LOG_NAME


def configure_logging(level: int = logging.INFO) -> Path:
    """Attach one rotating file handler to the 'wijkkompas' logger (idempotent per file)."""
    global _configured_file
    target = log_file()
    logger = logging.getLogger("wijkkompas")
    if _configured_file != target:
        for handler in list(logger.handlers):
            if getattr(handler, "_wijkkompas", False):
                logger.removeHandler(handler)
                handler.close()
        handler = RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._wijkkompas = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        _configured_file = target
    logger.setLevel(level)
    return target
