"""One message bar per panel: keyed information, warnings and errors, each cleared by its key.

Why keyed: a panel shows several independent messages (an input error, a data
warning from the core result, a hint) and each must disappear when its cause
does — ``clear("invoer")`` without touching the warning that the model
reported. Core results carry their own warnings (``Resultaat.waarschuwingen``);
``show_result_warnings`` puts them here, so no panel formats them itself.
"""
from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from wijkkompas.gui.style import set_role

LEVELS = ("info", "warning", "error")
_PREFIX = {"info": "", "warning": "Let op: ", "error": "Fout: "}


class MessageBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._items: dict[str, tuple[str, str, QFrame]] = {}
        self.setVisible(False)

    def set(self, key: str, text: str, level: str = "info") -> None:
        """Show (or replace) the message under ``key``; an empty text clears it."""
        if level not in LEVELS:
            raise ValueError(level)
        if not text:
            self.clear(key)
            return
        if key in self._items and self._items[key][:2] == (text, level):
            return
        self.clear(key)
        frame = QFrame()
        set_role(frame, f"message-{level}")
        row = QHBoxLayout(frame)
        row.setContentsMargins(8, 4, 8, 4)
        label = QLabel(_PREFIX[level] + text)
        label.setWordWrap(True)
        label.setObjectName(f"message_{key}")
        row.addWidget(label, 1)
        self._layout.addWidget(frame)
        self._items[key] = (text, level, frame)
        self.setVisible(True)

    def clear(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._layout.removeWidget(item[2])
            item[2].deleteLater()
        self.setVisible(bool(self._items))

    def clear_all(self) -> None:
        for key in list(self._items):
            self.clear(key)

    def messages(self) -> dict[str, tuple[str, str]]:
        """{key: (text, level)} — what the user reads, for tests."""
        return {key: (text, level) for key, (text, level, _) in self._items.items()}

    def show_result_warnings(self, warnings: list[str], key_prefix: str = "resultaat") -> None:
        """Replace the result's warnings (``Resultaat.waarschuwingen``) with a new list."""
        for key in [k for k in self._items if k.startswith(key_prefix + ":")]:
            self.clear(key)
        for number, text in enumerate(warnings):
            self.set(f"{key_prefix}:{number}", text, "warning")
