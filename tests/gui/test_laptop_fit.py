"""Every panel fits a 1280×720 laptop window: no button, label or table header is cut off.

What "cut off" means here, as a user sees it:
- a button or a single-line label narrower than the width its text needs;
- a table column narrower than its header text;
- a panel body that needs a horizontal scrollbar.
Word-wrapped labels grow downwards and scroll with the page, so they are fine; combo boxes may shorten the
shown choice because each one's full choice is repeated in its help text or tooltip.
"""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QTableView

from wijkkompas.gui.panels import PANELS

SIZE = (1280, 720)
TOLERANCE = 2  # px: rounding in style metrics


@pytest.fixture(scope="module")
def demo_window(tmp_path_factory, shared_demo_cache):
    """One demo window for the module, with its own app-data folder but the session's demo cache and key
    (tests/conftest.py), so the demo is not built again."""
    folder = tmp_path_factory.mktemp("appdata_fit")
    (folder / "sleutels").mkdir()
    (folder / "sleutels" / "voorbeeldstaddemo.key").write_text("d1" * 32, encoding="ascii")
    old = {name: os.environ.get(name) for name in ("WIJKKOMPAS_DATA_DIR", "WIJKKOMPAS_DEMO_CACHE")}
    os.environ["WIJKKOMPAS_DATA_DIR"] = str(folder)
    os.environ["WIJKKOMPAS_DEMO_CACHE"] = str(shared_demo_cache)
    from wijkkompas.gui.app import create_application, create_main_window, initial_project, wait_for_tasks

    create_application()
    window = create_main_window(initial_project(True, None))
    window.resize(*SIZE)
    window.show()
    QApplication.processEvents()
    yield window, wait_for_tasks
    window.project.dirty = False
    window.tasks.cancel_all()
    window.hide()
    window.deleteLater()
    QApplication.processEvents()
    for name, value in old.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _visible(widget, root) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0


def clipped_widgets(panel) -> list[str]:
    problems = []
    for button in panel.findChildren(QAbstractButton):
        if _visible(button, panel) and button.text() and button.width() + TOLERANCE < button.sizeHint().width():
            problems.append(f"knop '{button.text()}': {button.width()} < {button.sizeHint().width()} px")
    for label in panel.findChildren(QLabel):
        if not _visible(label, panel) or label.wordWrap() or not label.text() or label.pixmap() is not None:
            continue
        if label.width() + TOLERANCE < label.minimumSizeHint().width():
            problems.append(f"label '{label.text()[:40]}': {label.width()} < {label.minimumSizeHint().width()} px")
    for view in panel.findChildren(QTableView):
        if not _visible(view, panel) or view.model() is None:
            continue
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(view.model().columnCount()):
            if header.isSectionHidden(column):
                continue
            text = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
            needed = metrics.horizontalAdvance(text) + 8
            if text and header.sectionSize(column) + TOLERANCE < needed:
                problems.append(f"kolomkop '{text}' in {view.objectName() or 'tabel'}: "
                                f"{header.sectionSize(column)} < {needed} px")
    for scroll in panel.findChildren(QScrollArea):
        if _visible(scroll, panel) and scroll.horizontalScrollBar().isVisible() and scroll.widgetResizable():
            problems.append(f"horizontale schuifbalk in {scroll.widget().objectName() or 'paneel'}")
    return problems


@pytest.mark.slow
@pytest.mark.parametrize("slug", [spec.slug for spec in PANELS])
def test_panel_fits_1280x720(demo_window, slug):
    window, wait_for_tasks = demo_window
    panel = window.show_panel(slug)
    wait_for_tasks(window)
    QApplication.processEvents()
    assert clipped_widgets(panel) == []
