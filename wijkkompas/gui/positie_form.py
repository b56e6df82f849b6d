"""The Positie questionnaire: grouped questions with the research's labels, help texts and begrippen.

Why a separate widget: it only translates between widgets and the answers dict
(the CLI's JSON shape); the panel stores that dict in the project and asks the
core for the result. The form cannot produce contradictory answers (aanbieders
in the team without a team), so the core's validation errors only appear for
hand-edited project files.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.typology import (
    AANBIEDERS_IN_TEAM,
    BEKOSTIGINGSVORMEN,
    BREEDTE,
    CONTRACTVORMEN,
    DEFAULT_ANSWERS,
    ORGANISATIEMODELLEN,
    POSITIONERING,
    PRODUCTEN,
    load_library,
)

NIET_INGEVULD = "— niet ingevuld —"

KORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the shorter wording a closed combo box shows (vocabulary ``kort``)


class KeuzeCombo(QComboBox):
    """A combo box whose closed face shows the short wording of the choice; its list shows the full labels.

    Why: the research's labels run to 500+ px, the questionnaire column is ~330 px at 1280×720, and an elided
    "sociaal team, ook complexere problematiek" is unreadable. The full choice still heads the help text
    below the box, is what screen readers get (``currentText``), and the open list is as wide as its longest label.
    """

    def face_text(self, index: int | None = None) -> str:
        index = self.currentIndex() if index is None else index
        return self.itemData(index, KORT_ROLE) or self.itemText(index)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.face_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def popup_width(self) -> int:
        """The open list's width: its longest full label, at least the box, at most the screen."""
        view = self.view()
        # measured from the text: the list's own size hints stay at a default width until it has been shown
        widest = max((view.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        needed = widest + 2 * view.frameWidth() + 32  # item margins of the menu-style list
        if self.count() > self.maxVisibleItems():
            needed += view.verticalScrollBar().sizeHint().width()
        screen = self.screen().availableGeometry().width() if self.screen() else needed
        return min(max(needed, self.width()), screen)

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        self.view().setMinimumWidth(self.popup_width())
        super().showPopup()


def _combo(options, numbered: bool = False, empty: str | None = None) -> KeuzeCombo:
    combo = KeuzeCombo()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    if empty is not None:
        combo.addItem(empty, None)
    prefix = (lambda option: f"{option.code} – ") if numbered else (lambda option: "")
    for option in options:
        combo.addItem(prefix(option) + option.label, option.code)
        index = combo.count() - 1
        combo.setItemData(index, option.toelichting, Qt.ItemDataRole.ToolTipRole)
        if option.kort:
            combo.setItemData(index, prefix(option) + option.kort, KORT_ROLE)
    return combo


def _help(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "source")
    return label


def _question(layout: QVBoxLayout, question: str, options, name: str, numbered: bool = False
              ) -> tuple[KeuzeCombo, QLabel]:
    """A question, its choices and the help text that repeats the full choice with its explanation."""
    label = QLabel(question)
    combo = _combo(options, numbered=numbered)
    combo.setObjectName(name)
    label.setBuddy(combo)
    help_label = _help()
    for widget in (label, combo, help_label):
        layout.addWidget(widget)
    return combo, help_label


def _select(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class PositieForm(QWidget):
    """Emits ``answers_changed(dict)`` after every user edit (not when loaded programmatically)."""

    answers_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        begrippen = load_library().begrippen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        toegang = QGroupBox("Toegang")
        toegang.setToolTip("Toegang (begrippenlijst RIVM/Cebeon 2025): " + begrippen.get("toegang", ""))
        form = QVBoxLayout(toegang)
        self.breedte, self.breedte_help = _question(
            form, "Breedte van de taakopdracht (smal → breed)", BREEDTE, "breedte", numbered=True)
        self.positionering, self.positionering_help = _question(
            form, "Positionering van de toegang (intern → op afstand)", POSITIONERING, "positionering", numbered=True)
        form.addWidget(_help("Indeling volgens RIVM/Cebeon (2025), Box 2.1 en 2.2."))
        layout.addWidget(toegang)

        team = QGroupBox("Wijkteam en zorgaanbieders (CPB)")
        team.setToolTip("Sociale (wijk)teams: " + begrippen.get("sociale (wijk)teams", ""))
        team_layout = QVBoxLayout(team)
        self.wijkteam = QCheckBox("Er is een sociaal (wijk)team voor Wmo-vragen")
        self.wijkteam.setObjectName("wijkteam")
        self.wijkteam.setToolTip(begrippen.get("sociale (wijk)teams", ""))
        team_layout.addWidget(self.wijkteam)
        self.aanbieders, self.aanbieders_help = _question(
            team_layout, "Invloed van zorgaanbieders op de toegang", AANBIEDERS_IN_TEAM, "aanbieders_in_team")
        self._explained = ((self.breedte, self.breedte_help, BREEDTE),
                           (self.positionering, self.positionering_help, POSITIONERING),
                           (self.aanbieders, self.aanbieders_help, AANBIEDERS_IN_TEAM))
        layout.addWidget(team)

        # One block per product, each answer on its own labelled row: side by side, three controls per product
        # left ~140 px per combo box at 1280×720 and cut "inspanningsgericht" and "raamovereenkomst" (issue 18).
        inkoop = QGroupBox("Inkoop per product")
        grid = QGridLayout(inkoop)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        tips = {
            "bekostigingsvorm": "\n\n".join(f"{o.label}: {begrippen.get(o.code + 'e bekostiging', o.toelichting)}"
                                             for o in BEKOSTIGINGSVORMEN),
            "contractvorm": "\n\n".join(f"{o.label}: {begrippen.get(o.code, o.toelichting)}" for o in CONTRACTVORMEN),
            "tussentijdse_toetreding": "Tussentijdse toetreding: " + begrippen.get("tussentijdse toetreding", ""),
        }
        self.products: dict[str, tuple[QComboBox, QComboBox, QCheckBox]] = {}
        row = 0
        for product, label in PRODUCTEN.items():
            heading = QLabel(f"<b>{label}</b>")
            heading.setContentsMargins(0, 6 if row else 0, 0, 0)
            grid.addWidget(heading, row, 0, 1, 2)
            bekostiging = _combo(BEKOSTIGINGSVORMEN, empty=NIET_INGEVULD)
            for index in range(1, bekostiging.count()):
                term = f"{bekostiging.itemData(index)}e bekostiging"
                if term in begrippen:
                    bekostiging.setItemData(index, begrippen[term], Qt.ItemDataRole.ToolTipRole)
            contract = _combo(CONTRACTVORMEN)
            for index in range(contract.count()):
                term = contract.itemData(index)
                if term in begrippen:
                    contract.setItemData(index, begrippen[term], Qt.ItemDataRole.ToolTipRole)
            toetreding = QCheckBox("tussentijds toetreden mogelijk")
            for widget, name, text in ((bekostiging, "bekostigingsvorm", "Bekostiging"),
                                       (contract, "contractvorm", "Contract"),
                                       (toetreding, "tussentijdse_toetreding", "Toetreding")):
                widget.setObjectName(f"{product}_{name}")
                widget.setAccessibleName(f"{label}: {name.replace('_', ' ')}")
                widget.setToolTip(tips[name])
                row += 1
                caption = QLabel(text)
                caption.setToolTip(tips[name])
                caption.setBuddy(widget)
                grid.addWidget(caption, row, 0)
                grid.addWidget(widget, row, 1)
            row += 1
            self.products[product] = (bekostiging, contract, toetreding)
        grid.setColumnStretch(1, 1)
        grid.addWidget(_help("Profielen A–H volgens RIVM/Cebeon (2025), Tabel 3.1; combinaties buiten de tabel "
                             "heten 'overig'. Wijs een keuze aan voor de definitie."), row, 0, 1, 2)
        layout.addWidget(inkoop)

        extra = QGroupBox("Overig (optioneel)")
        extra_form = QFormLayout(extra)
        # labels above their field: beside it the organisatiemodel box had ~185 px for a 300 px choice
        extra_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.organisatiemodel = _combo(ORGANISATIEMODELLEN, numbered=True, empty="— onbekend —")
        self.organisatiemodel.setObjectName("organisatiemodel")
        self.organisatiemodel.setToolTip("Organisatiemodel van het sociaal (wijk)team volgens Movisie (2018), §4.1.")
        extra_form.addRow("Organisatiemodel (Movisie)", self.organisatiemodel)
        self.regio = QSpinBox()
        self.regio.setObjectName("regionale_inkoop_gemeenten")
        self.regio.setRange(0, 342)
        self.regio.setSpecialValueText("onbekend")
        self.regio.setSuffix(" gemeenten")
        self.regio.setToolTip("Aantal gemeenten in de regionale inkoopsamenwerking, inclusief uw eigen gemeente. "
                              "1 = u koopt zelfstandig in; 0 = onbekend.")
        extra_form.addRow("Regionale inkoop met", self.regio)
        layout.addWidget(extra)
        layout.addStretch(1)

        for combo in (self.breedte, self.positionering, self.aanbieders, self.organisatiemodel):
            combo.currentIndexChanged.connect(self._edited)
        self.wijkteam.toggled.connect(self._edited)
        self.regio.valueChanged.connect(self._edited)
        for bekostiging, contract, toetreding in self.products.values():
            bekostiging.currentIndexChanged.connect(self._edited)
            contract.currentIndexChanged.connect(self._edited)
            toetreding.toggled.connect(self._edited)
        self.set_answers(DEFAULT_ANSWERS.to_json())

    # ------------------------------------------------------------------ state
    def set_answers(self, answers: dict[str, Any]) -> None:
        """Show ``answers`` (CLI shape); unknown values fall back to the first option."""
        self._loading = True
        try:
            toegang = answers.get("toegang") or {}
            _select(self.breedte, toegang.get("breedte"))
            _select(self.positionering, toegang.get("positionering"))
            self.wijkteam.setChecked(bool(toegang.get("wijkteam")))
            _select(self.aanbieders, toegang.get("aanbieders_in_team"))
            inkoop = answers.get("inkoop") or {}
            for product, (bekostiging, contract, toetreding) in self.products.items():
                item = inkoop.get(product) or {}
                _select(bekostiging, item.get("bekostigingsvorm"))
                _select(contract, item.get("contractvorm"))
                toetreding.setChecked(bool(item.get("tussentijdse_toetreding")))
            _select(self.organisatiemodel, answers.get("organisatiemodel"))
            self.regio.setValue(int(answers.get("regionale_inkoop_gemeenten") or 0))
        finally:
            self._loading = False
        self._sync()

    def answers(self) -> dict[str, Any]:
        inkoop = {}
        for product, (bekostiging, contract, toetreding) in self.products.items():
            if bekostiging.currentData() is None:
                continue
            inkoop[product] = {
                "bekostigingsvorm": bekostiging.currentData(),
                "contractvorm": contract.currentData(),
                "tussentijdse_toetreding": toetreding.isChecked(),
            }
        return {
            "toegang": {
                "breedte": self.breedte.currentData(),
                "positionering": self.positionering.currentData(),
                "wijkteam": self.wijkteam.isChecked(),
                "aanbieders_in_team": self.aanbieders.currentData(),
            },
            "inkoop": inkoop,
            "organisatiemodel": self.organisatiemodel.currentData() if self.wijkteam.isChecked() else None,
            "regionale_inkoop_gemeenten": self.regio.value() or None,
        }

    # ------------------------------------------------------------------ behaviour
    def _sync(self) -> None:
        """Help texts follow the selection; without a team only 'geen'/'schil' can be chosen."""
        model = self.aanbieders.model()
        for index in range(self.aanbieders.count()):
            in_team = self.aanbieders.itemData(index) in ("advies", "indiceren")
            model.item(index).setEnabled(self.wijkteam.isChecked() or not in_team)
        if not self.wijkteam.isChecked() and self.aanbieders.currentData() in ("advies", "indiceren"):
            was_loading, self._loading = self._loading, True
            _select(self.aanbieders, "geen")
            self._loading = was_loading
        # The full choice heads its help text: the closed box shows its short wording (KeuzeCombo).
        for combo, help_label, options in self._explained:
            help_label.setText(f"Gekozen: {combo.currentText()}. {options[combo.currentIndex()].toelichting}")
        self.organisatiemodel.setEnabled(self.wijkteam.isChecked())
        for bekostiging, contract, toetreding in self.products.values():
            filled = bekostiging.currentData() is not None
            contract.setEnabled(filled)
            toetreding.setEnabled(filled)

    def _edited(self, *_args) -> None:
        if self._loading:
            return
        self._sync()
        self.answers_changed.emit(self.answers())
