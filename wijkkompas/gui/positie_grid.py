"""The toegang grid: breedte of the taakopdracht × positionering, as in RIVM/Cebeon (2025) §2.2–2.5.

Why drawn by hand: it is a 4×4 category grid, not a numeric chart. It shades the
three hoofdvarianten the case-study gemeenten named (§2.4) and marks the
municipality's cell, so an adviser sees at a glance where the gemeente sits.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wijkkompas.core.typology import BREEDTE, POSITIONERING

BREEDTE_KORT = ("loket\n(alleen Wmo)", "team: alleen\ntoegang", "team: ook\ncomplex", "team: breed\n+ preventie")
POSITIONERING_KORT = ("gemeente\n(afdeling)", "netwerk\naanbieders", "hoofd-\naanbieder", "rechts-\npersoon")

# (name, breedte codes, positionering codes, colour) — §2.4 hoofdvarianten.
VARIANTEN = (
    ("1 smal, intern", (1, 2), (1,), QColor(0, 114, 178, 45)),
    ("2 samen met aanbieders", (1, 2, 3, 4), (2,), QColor(0, 158, 115, 45)),
    ("3 breed, op afstand", (3, 4), (3, 4), QColor(230, 159, 0, 55)),
)


class ToegangGrid(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.breedte: int | None = None
        self.positionering: int | None = None
        self.setObjectName("toegangGrid")
        self.setMinimumSize(360, 306)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setToolTip(
            "Horizontaal de breedte van de taakopdracht (Box 2.1), verticaal de positionering (Box 2.2). "
            "Gekleurd: de drie hoofdvarianten uit de casestudies (§2.4). Een smallere taakopdracht gaat vaker samen "
            "met positionering bij de gemeente of een netwerk, een bredere met positionering op afstand (Figuur 2.1; "
            "beschrijvend, 18 gemeenten)."
        )

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(440, 306)

    def set_position(self, breedte: int | None, positionering: int | None) -> None:
        self.breedte, self.positionering = breedte, positionering
        label_b = BREEDTE[breedte - 1].label if breedte else "–"
        label_p = POSITIONERING[positionering - 1].label if positionering else "–"
        self.setAccessibleDescription(f"Uw gemeente: breedte {breedte} ({label_b}), positionering {positionering} ({label_p})")
        self.update()

    def cell_rect(self, breedte: int, positionering: int) -> QRectF:
        left, top, right, bottom = 96.0, 8.0, 8.0, 100.0
        width = (self.width() - left - right) / 4
        height = (self.height() - top - bottom) / 4
        # positionering 1 (intern) at the bottom, 4 (op afstand) at the top, like a y-axis.
        return QRectF(left + (breedte - 1) * width, top + (4 - positionering) * height, width, height)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        painter.setFont(small)
        for _name, breedtes, posities, colour in VARIANTEN:
            for b in breedtes:
                for p in posities:
                    painter.fillRect(self.cell_rect(b, p).adjusted(1, 1, -1, -1), colour)
        painter.setPen(QPen(QColor("#c3ccd6"), 1))
        for b in range(1, 5):
            for p in range(1, 5):
                painter.drawRect(self.cell_rect(b, p))
        painter.setPen(QColor("#333333"))
        for b in range(1, 5):
            r = self.cell_rect(b, 1)
            # number on its own line and word-wrapped text: at 1280×720 a cell is only ~65 px wide
            painter.drawText(QRectF(r.left() + 1, r.bottom() + 2, r.width() - 2, 74),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             f"{b}\n{BREEDTE_KORT[b - 1].replace(chr(10), ' ')}")
        for p in range(1, 5):
            r = self.cell_rect(1, p)
            painter.drawText(QRectF(0, r.top(), r.left() - 6, r.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{p} {POSITIONERING_KORT[p - 1]}")
        bold = QFont(small)
        bold.setBold(True)
        painter.setFont(bold)
        bottom = self.cell_rect(1, 1).bottom()
        title = "Breedte van de taakopdracht: smal → breed"
        if painter.fontMetrics().horizontalAdvance(title) > self.width() - 8:
            title = "Breedte: smal → breed"
        # centred under the grid but allowed to use the whole width, so it is never cut at either end
        painter.drawText(QRectF(4, bottom + 78, self.width() - 8, 18), Qt.AlignmentFlag.AlignHCenter, title)
        painter.save()
        painter.translate(12, (self.cell_rect(1, 4).top() + bottom) / 2)
        painter.rotate(-90)
        painter.drawText(QRectF(-90, -10, 180, 16), Qt.AlignmentFlag.AlignHCenter, "intern → op afstand")
        painter.restore()
        painter.setFont(small)
        for name, breedtes, posities, colour in VARIANTEN:
            r = self.cell_rect(max(breedtes), max(posities))
            painter.setPen(QColor("#44515e"))
            painter.drawText(r.adjusted(3, 2, -3, -2), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             f"variant {name.split()[0]}")
        if self.breedte and self.positionering:
            r = self.cell_rect(self.breedte, self.positionering)
            radius = min(r.width(), r.height()) * 0.26
            painter.setBrush(QBrush(QColor("#D55E00")))
            painter.setPen(QPen(QColor("white"), 2))
            painter.drawEllipse(r.center(), radius, radius)
        painter.end()
