"""Visual constants shared by the main window and panels (one calm, accessible look)."""
from __future__ import annotations

ACCENT = "#1F4E79"
TEXT_MUTED = "#5f6b7a"
CARD_BORDER = "#d5dbe3"
# Named colour roles: panels use these (via the QSS roles below), never literal colours.
ERROR = "#b00020"
WARNING = "#8a4b00"
OK = "#009E73"
NEUTRAL = "#9AA5B1"
FINDING_COLOURS = {"aandachtspunt": "#D55E00", "sterk punt": "#009E73", "info": "#0072B2"}

NAV_STYLE = """
QListWidget#navigation {
    background: #1b2a3a; color: #e8eef5; border: none; font-size: 10.5pt; padding-top: 8px;
}
QListWidget#navigation::item { padding: 10px 16px; border-left: 4px solid transparent; }
QListWidget#navigation::item:selected {
    background: #2c4560; color: white; border-left: 4px solid #f2a900;
}
QListWidget#navigation::item:hover:!selected { background: #24384d; }
"""

APP_STYLE = f"""
QWidget {{ font-size: 10pt; }}
QLabel[role="title"] {{ font-size: 17pt; font-weight: 600; color: {ACCENT}; }}
QLabel[role="subtitle"] {{ font-size: 10.5pt; color: {TEXT_MUTED}; }}
QLabel[role="section"] {{ font-size: 11.5pt; font-weight: 600; color: #22313f; margin-top: 6px; }}
QFrame[role="card"] {{ background: white; border: 1px solid {CARD_BORDER}; border-radius: 6px; }}
QLabel[role="card-label"] {{ color: {TEXT_MUTED}; font-size: 9pt; }}
QLabel[role="card-value"] {{ font-size: 16pt; font-weight: 600; color: #1b2a3a; }}
QLabel[role="muted"] {{ color: {TEXT_MUTED}; }}
QLabel[role="small"] {{ font-size: 9pt; }}
QLabel[role="source"] {{ color: {TEXT_MUTED}; font-size: 8.5pt; }}
QLabel[role="kpi-small"] {{ font-size: 11pt; font-weight: 600; color: #1b2a3a; }}
QLabel[role="step-done"] {{ color: {OK}; font-size: 13pt; }}
QLabel[role="step-open"] {{ color: {NEUTRAL}; font-size: 13pt; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="warning"] {{ color: {WARNING}; }}
QLabel[role="info"] {{ color: {TEXT_MUTED}; }}
QFrame[role="message-error"] {{ background: #fdecee; border: 1px solid #f3b8c0; border-radius: 4px; }}
QFrame[role="message-warning"] {{ background: #fff4e0; border: 1px solid #f0cf94; border-radius: 4px; }}
QLabel#dropZone {{ border: 2px dashed {NEUTRAL}; border-radius: 8px; padding: 14px; color: {TEXT_MUTED};
    background: #f7f9fb; }}
QLabel#dropZone[active="true"] {{ border-color: {ACCENT}; background: #e8f0f8; }}
QFrame[role="finding-aandachtspunt"] {{ background: white; border: 1px solid {CARD_BORDER};
    border-left: 5px solid {FINDING_COLOURS["aandachtspunt"]}; border-radius: 4px; }}
QFrame[role="finding-sterk punt"] {{ background: white; border: 1px solid {CARD_BORDER};
    border-left: 5px solid {FINDING_COLOURS["sterk punt"]}; border-radius: 4px; }}
QFrame[role="finding-info"] {{ background: white; border: 1px solid {CARD_BORDER};
    border-left: 5px solid {FINDING_COLOURS["info"]}; border-radius: 4px; }}
QFrame[role="message-info"] {{ background: #eaf2fb; border: 1px solid #bcd3ee; border-radius: 4px; }}
"""


def card_frame():
    """A white rounded frame used for KPI cards and findings (import here to keep Qt out of module import)."""
    from PySide6.QtWidgets import QFrame

    frame = QFrame()
    frame.setProperty("role", "card")
    return frame


def set_role(widget, role: str) -> None:
    """Give a widget a style role and re-polish it, so a role change (e.g. info -> error) shows at once."""
    widget.setProperty("role", role)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
