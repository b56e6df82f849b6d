"""Qt's own file dialog (used on Linux) speaks Dutch: labels and the file list's column headers."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

from wijkkompas.gui.app import create_application


def test_non_native_file_dialog_is_dutch(qtbot, tmp_path):
    create_application()
    dialog = QFileDialog(None, "Bestand kiezen", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilter("Excel (*.xlsx)")
    qtbot.addWidget(dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Zoeken in:"
    assert labels["fileTypeLabel"] == "Bestands&type:"
    model = dialog.findChild(QTreeView).model()
    headers = [model.headerData(i, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Horizontal)
               for i in range(model.columnCount())]
    assert "Gewijzigd" in headers and "Naam" in headers
    assert "Look in" not in " ".join(labels.values())
    from PySide6.QtCore import QCoreApplication

    # texts we do not translate still come from Qt's own catalogue (a null answer, not an empty one)
    assert QCoreApplication.translate("QDialogButtonBox", "&Cancel") not in ("",)
