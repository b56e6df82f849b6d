"""Result widgets of the Positie panel: summary cards, inkoopprofiel table and finding cards.

They render the typed ``Assessment`` (``core.typology.assess``, the function behind
``wijkkompas positie``) by attribute, never its JSON by key, so the panel shows
nothing the CLI cannot reproduce and a renamed field fails loudly.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core import formatting as fmt
from wijkkompas.core.typology import INKOOPPROFIELEN, PRODUCTEN, Assessment, Bevinding, EvidenceLibrary, profile_label
from wijkkompas.gui.style import FINDING_COLOURS
from wijkkompas.gui.style import card_frame
from wijkkompas.gui.widgets import leesbaar, make_label

ERNST_STYLE = {
    "aandachtspunt": ("Aandachtspunt", FINDING_COLOURS["aandachtspunt"]),
    "sterk punt": ("Sterk punt", FINDING_COLOURS["sterk punt"]),
    "info": ("Ter informatie", FINDING_COLOURS["info"]),
}
STERKTE_LABEL = {
    "causaal-significant": "causaal, significant",
    "causaal-niet-significant": "causaal, niet significant",
    "beschrijvend": "beschrijvend verband",
    "kwalitatief": "kwalitatief",
}
PRODUCT_KORT = {"hbh": "HbH", "begeleiding": "Begeleiding", "dagbesteding": "Dagbesteding"}


def _label(text: str, role: str | None = None, rich: bool = False) -> QLabel:
    return make_label(text, role, rich=rich, selectable=True)


def summary_card(title: str, value: str, detail: str, object_name: str) -> tuple[QFrame, QLabel, QLabel]:
    frame = card_frame()
    frame.setObjectName(object_name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 8, 12, 8)
    layout.setSpacing(2)
    layout.addWidget(_label(title, "card-label"))
    value_label = _label(value, "kpi-small")
    detail_label = _label(detail, "source")
    layout.addWidget(value_label)
    layout.addWidget(detail_label)
    return frame, value_label, detail_label


def taakzwaarte_text(assessment: Assessment) -> tuple[str, str]:
    tz = assessment.taakzwaarte
    if not tz.klasse:
        return "onbekend", "Kies een gemeente om de taakzwaarte mee te nemen."
    naam = tz.naam if tz.code else ""
    return tz.klasse, f"{naam}: {fmt.euro(tz.index, 0)} per inwoner (Wmo-cluster gemeentefonds; klassen = kwintielen)"


KORT = {"inspanningsgericht": "inspanning", "outputgericht": "output", "taakgericht": "taak"}


class ProfielTable(QTableWidget):
    """Profiles A–H (and 'overig' when chosen) with the national picture and the chosen products marked.

    The table is as wide as its columns (``sizeHint``, horizontal policy ``Maximum``): at 1920×1080 a stretched
    last column ("Dagb.") took all the spare width, so its dot sat far from the rest of the row (issue 18).
    Where the pane is narrower than the columns, the table shrinks and scrolls sideways.
    """

    COLUMNS = ("Profiel", "Bekostiging", "Contract", "Toetreding", "Landelijk 2023",
               "HbH", "Begel.", "Dagb.")
    PRODUCT_COLUMNS = {"hbh": 5, "begeleiding": 6, "dagbesteding": 7}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profielTable")
        self.setColumnCount(len(self.COLUMNS))
        self.setHorizontalHeaderLabels(self.COLUMNS)
        self.horizontalHeaderItem(1).setToolTip("Bekostigingsvorm: inspanningsgericht, outputgericht of taakgericht.")
        for product, column in self.PRODUCT_COLUMNS.items():
            self.horizontalHeaderItem(column).setToolTip(PRODUCTEN[product])
        self.horizontalHeaderItem(4).setToolTip(
            "Aandeel gemeenten met dit profiel voor hulp bij het huishouden en begeleiding in 2023, zoals de tekst "
            "van RIVM/Cebeon (2025) §3.3 het noemt (Monitor zorginkoop).")
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().setDefaultSectionSize(22)
        header = self.horizontalHeader()
        # Every column fits its contents (at 1280×720 a stretched column shrank to "k 20" / "A…"); when the pane is
        # narrower than the table, the table scrolls sideways instead of cutting text.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)  # "A+B: 55–60%" wraps onto two lines
        header.resizeSection(4, 110)
        header.setStretchLastSection(False)
        # a bound method (not a lambda): Qt drops the connection with the table
        header.sectionResized.connect(self._kolom_veranderd)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setWordWrap(True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def _kolom_veranderd(self, *_args) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self.horizontalHeader().length() + 2 * self.frameWidth()
        return QSize(width, super().sizeHint().height())

    def show_result(self, assessment: Assessment) -> None:
        national, national_tip = {}, {}
        for group in assessment.landelijke_verdeling():
            for letter in group.profielen:
                national[letter] = group.label
                national_tip[letter] = f"{group.groep}: {group.tekst} (Monitor zorginkoop 2023)"
        chosen = {product: keuze.profiel for product, keuze in assessment.profielen.items()}
        letters = list(INKOOPPROFIELEN) + (["overig"] if "overig" in chosen.values() else [])
        self.setRowCount(len(letters))
        highlight = QColor("#fdebd8")
        for row, letter in enumerate(letters):
            if letter in INKOOPPROFIELEN:
                bekostiging, contract, toetreding = INKOOPPROFIELEN[letter]
                # "inspanningsgericht" → "inspanning": the header tooltip names the full forms, the cell tooltip the
                # profile; so the eight columns fit a 1280×720 window without cutting the product columns.
                cells = [letter, KORT.get(bekostiging, bekostiging), contract, "ja" if toetreding else "nee (tenzij)",
                         national.get(letter, "")]
            else:
                cells = ["overig", "buiten Tabel 3.1", "", "", "geen landelijke cijfers"]
            cells += ["●" if chosen.get(p) == letter else "" for p in self.PRODUCT_COLUMNS]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0 or column >= 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if letter in chosen.values():
                    item.setBackground(highlight)
                item.setToolTip(national_tip.get(letter, "") if column == 4 else profile_label(letter))
                self.setItem(row, column, item)
        height = self.horizontalHeader().sizeHint().height() + sum(self.rowHeight(r) for r in range(self.rowCount())) + 4
        self.setFixedHeight(height)
        self.updateGeometry()


class LeesbareRegel(QLabel):
    """A word-wrapped label that stops at a readable width (``leesbaar``) and is as tall as that width needs.

    Why not ``leesbaar(make_label(...))`` alone: a layout asks a label's height at the layout's full width, not at
    the label's maximum width, so a capped source line on a 1920 px pane took the room of one line for two and
    pushed the lines below it (a finding card's last line) out of sight.
    """

    def __init__(self, text: str = "", role: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        if role:
            self.setProperty("role", role)
        self.setWordWrap(True)
        leesbaar(self)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return super().heightForWidth(min(width, self.maximumWidth()))


class _BegrensdeKolom(QVBoxLayout):
    """A card's column whose height is computed for the width the card really gets (at most its maximum width).

    Why: a parent layout asks a child's layout for its height at the parent's full width, even when the child has
    a smaller maximum width; a capped card on a 1920 px pane then got the height of long lines and cut its text.
    """

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        card = self.parentWidget()
        if isinstance(card, QFrame):
            width = min(width, card.maximumWidth() - 2 * card.frameWidth())
        return super().heightForWidth(width)


class FindingCard(QFrame):
    """One finding: severity, title, text, evidence strength in words and the sources (with tooltips).

    The card stops at a readable width (``leesbaar``, as Resultaat findings do): across a 1920 px pane
    its text ran to about 240 characters a line.
    """

    def __init__(self, finding: Bevinding, library: EvidenceLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding_id = finding.id
        self.setObjectName(f"finding_{finding.id}")
        kop, colour = ERNST_STYLE[finding.ernst]
        self.setProperty("role", f"finding-{finding.ernst}")
        layout = _BegrensdeKolom(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        self.title = _label(
            f"<span style='color:{colour}; font-weight:600;'>{kop}</span> &nbsp; "
            f"<b>{html.escape(finding.titel)}</b>", rich=True)
        layout.addWidget(self.title)
        self.text = _label(finding.tekst)
        layout.addWidget(self.text)
        sterkte = STERKTE_LABEL.get(finding.sterkte, finding.sterkte)
        self.evidence = _label(
            f"<span style='background:#eef2f6; padding:1px 4px;'><b>Bewijs: {sterkte}</b></span> "
            f"{html.escape(finding.bewijs)}", "source", rich=True)
        layout.addWidget(self.evidence)
        parts, tips = [], []
        for evidence_id in finding.bronnen:
            item = library.get(evidence_id)
            parts.append(item.bron_kort())
            tips.append(
                f"{item.bron_kort()} (regels {item.regels[0]}–{item.regels[1]} van {item.bestand}); "
                f"{STERKTE_LABEL[item.sterkte]}; {'n = ' + str(item.n) if item.n else item.steekproef}.\n{item.tekst}"
            )
        self.sources = _label("Bronnen: " + "  |  ".join(parts), "source")
        self.sources.setToolTip("\n\n".join(tips))
        layout.addWidget(self.sources)
        leesbaar(self, extra=24)  # 24 px: the card's margins, so its text lines get the full width
