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
    assert "Gewijzigd op" in headers and "Naam" in headers
    assert "Look in" not in " ".join(labels.values())
    from PySide6.QtCore import QCoreApplication

    # texts we do not translate still come from Qt's own catalogue (a null answer, not an empty one)
    assert QCoreApplication.translate("QDialogButtonBox", "&Cancel") not in ("",)


def _open_offscreen(qtbot, folder, opened_file):
    """The dialog the app builds (``bestandsdialoog.maak_dialoog``), forced to Qt's own widgets, shown."""
    from wijkkompas.gui import bestandsdialoog

    create_application()
    dialog = bestandsdialoog.maak_dialoog(None, "Bestand kiezen", str(folder), "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    # QFileSystemModel reads the folder in a thread: wait until the file's row has its date
    qtbot.waitUntil(lambda: bool(model.data(model.index(str(opened_file)).siblingAtColumn(3))), timeout=5000)
    return dialog, view, model


def test_file_dialog_columns_show_whole_date_type_and_size(qtbot, tmp_path):
    """Defect 6: the Dutch 'Gewijzigd op', a file's full date, its type and size are not cut to '…'."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QStyle

    target = tmp_path / "toewijzingen_export_2025.xlsx"
    target.write_bytes(b"x" * 20000)
    dialog, view, model = _open_offscreen(qtbot, tmp_path, target)
    header = view.header()
    row = model.index(str(target))
    cells, heads = view.fontMetrics(), header.fontMetrics()
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for column in (1, 2, 3):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        text = model.data(row.siblingAtColumn(column))
        assert text, f"column {title} is empty for the file"
        assert header.sectionSize(column) >= heads.horizontalAdvance(title) + margin, title
        # the delegate keeps a few pixels each side; a column only as wide as the text elides it
        assert header.sectionSize(column) >= cells.horizontalAdvance(text) + 12, (title, text, header.sectionSize(column))
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Gewijzigd op"
    assert dialog.width() >= 900 and dialog.height() >= 560


def test_file_dialog_widening_keeps_a_wider_column(qtbot, tmp_path):
    """Qt restores the user's own column widths: widening never makes such a column narrower."""
    from wijkkompas.gui import bestandsdialoog

    create_application()
    dialog = QFileDialog(None, "Bestand kiezen", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    header = dialog.findChild(QTreeView, "treeView").header()
    header.resizeSection(3, 400)
    bestandsdialoog.verbreed(dialog)
    assert header.sectionSize(3) == 400
    assert header.sectionSize(2) >= bestandsdialoog.needed_widths(dialog.findChild(QTreeView, "treeView"))[2]
