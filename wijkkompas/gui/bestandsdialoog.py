"""The file dialogs of the application, with columns wide enough to read.

Why not ``QFileDialog.getOpenFileName`` and friends: where no native dialog exists (Linux without a desktop
theme) Qt shows its own dialog, 638×412 pixels, whose file list is sized for English "10/29/81 02:02PM" and
"mp3Folder": a Dutch date, "Microsoft Excel-werkblad" and "19,53 KiB" were cut to "2 12 2…", "Mic…lad" and
"19.…KiB". These functions build the same dialogs and widen them before they open. Where the platform has a
native dialog (Windows), Qt uses that and the widening has nothing to act on.

Panels call the functions through the module (``bestandsdialoog.open_bestand``) so tests can replace them.
"""
from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QSplitter, QStyle, QTreeView, QWidget

DEFAULT_SIZE = (900, 560)
SIDEBAR_WIDTH = 170
# The widest texts we expect in the columns Grootte and Type for the files Wijkkompas reads and writes.
TYPE_SAMPLES = ("Microsoft Excel-werkblad", "Microsoft Word-document", "PDF-document", "Bestandsmap")
SIZE_BYTES = int(1023.99 * 1024**3)
CELL_PADDING = 24  # item margins, the focus frame and a little air, so a text never ends in "…"


def _sample_date() -> str:
    """How QFileSystemModel writes a modification time: the system locale's short format (two-digit day)."""
    return QLocale.system().toString(QDateTime(QDate(2026, 12, 28), QTime(23, 59)), QLocale.FormatType.ShortFormat)


def needed_widths(view: QTreeView) -> dict[int, int]:
    """Minimum width per column (1 Grootte, 2 Type, 3 Gewijzigd op) for the header text and a cell's text."""
    header = view.header()
    model = view.model()
    cells = view.fontMetrics()
    heads = header.fontMetrics()
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    samples = {
        1: [QLocale.system().formattedDataSize(SIZE_BYTES)],
        2: list(TYPE_SAMPLES),
        3: [_sample_date()],
    }
    widths = {}
    for column, texts in samples.items():
        if model is None or column >= model.columnCount():
            continue
        title = str(model.headerData(column, header.orientation()) or "")
        # the sort arrow takes room in the header once the user sorts on this column
        head = heads.horizontalAdvance(title) + margin + header.style().pixelMetric(
            QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 8
        widths[column] = max([head] + [cells.horizontalAdvance(t) + CELL_PADDING for t in texts])
    return widths


def verbreed(dialog: QFileDialog) -> QFileDialog:
    """Give Qt's own dialog a usable size and columns that show a whole date, type and size.

    Only widens: a column the user made wider before (Qt remembers the header) stays as it is.
    """
    width, height = DEFAULT_SIZE
    if dialog.width() < width or dialog.height() < height:
        dialog.resize(max(dialog.width(), width), max(dialog.height(), height))
    view = dialog.findChild(QTreeView, "treeView")
    if view is not None:
        header = view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, needed in needed_widths(view).items():
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None and splitter.count() == 2:
        sizes = splitter.sizes()
        if sizes[0] < SIDEBAR_WIDTH:
            splitter.setSizes([SIDEBAR_WIDTH, max(sum(sizes) - SIDEBAR_WIDTH, 1)])
    return dialog


def maak_dialoog(parent: QWidget | None, titel: str, map_of_bestand: str = "", filters: str = "") -> QFileDialog:
    """The dialog as Qt's static functions would build it, widened (``verbreed``)."""
    dialog = QFileDialog(parent, titel, map_of_bestand or "", filters)
    return verbreed(dialog)


def _run(dialog: QFileDialog) -> str:
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return ""
    files = dialog.selectedFiles()
    return files[0] if files else ""


def open_bestand(parent: QWidget | None, titel: str, map_of_bestand: str = "", filters: str = "") -> str:
    """Choose an existing file; "" when cancelled (like ``QFileDialog.getOpenFileName``)."""
    dialog = maak_dialoog(parent, titel, map_of_bestand, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _run(dialog)


def opslaan_als(parent: QWidget | None, titel: str, voorstel: str = "", filters: str = "",
                gekozen_filter: str = "") -> tuple[str, str]:
    """Choose a file name to write; returns (path, chosen filter), ("", "") when cancelled."""
    dialog = maak_dialoog(parent, titel, voorstel, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    if gekozen_filter:
        dialog.selectNameFilter(gekozen_filter)
    path = _run(dialog)
    return (path, dialog.selectedNameFilter()) if path else ("", "")


def kies_map(parent: QWidget | None, titel: str, start: str = "") -> str:
    """Choose a folder; "" when cancelled (like ``QFileDialog.getExistingDirectory``)."""
    dialog = maak_dialoog(parent, titel, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _run(dialog)
