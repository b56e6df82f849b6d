"""One place where failures become Dutch dialogs and log lines.

Expected failures (``WijkkompasError``) show their Dutch ``melding``; anything
else is logged with its traceback to the log file in the app-data folder and
shown as a short message with the details folded away. Never a bare traceback.
"""
from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.logsetup import log_file

log = logging.getLogger("wijkkompas.gui")

_open_dialogs: list[QMessageBox] = []


def error_dialog(
    error: BaseException, title: str = "Er ging iets mis", parent: QWidget | None = None
) -> QMessageBox:
    """Show a non-blocking dialog: short Dutch text, technical details folded away."""
    if isinstance(error, WijkkompasError):
        text = error.melding
        details = error.details or ""
        icon = QMessageBox.Icon.Warning
    else:
        text = (
            "Er is een onverwachte fout opgetreden. Uw werk is niet verloren: een gewijzigd project "
            "wordt regelmatig automatisch bewaard.\n\n"
            f"De details staan in het logbestand:\n{log_file()}"
        )
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        icon = QMessageBox.Icon.Critical
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    if details:
        box.setDetailedText(details)
    box.finished.connect(lambda _result, b=box: _open_dialogs.remove(b) if b in _open_dialogs else None)
    _open_dialogs.append(box)
    box.open()
    return box


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    log.error("Onverwachte fout", exc_info=(exc_type, exc, tb))
    if QApplication.instance() is not None:
        error_dialog(exc, "Onverwachte fout", QApplication.activeWindow())
    else:
        print(f"Wijkkompas: onverwachte fout. Zie het logbestand: {log_file()}", file=sys.stderr)


def install_excepthook() -> None:
    sys.excepthook = handle_exception
