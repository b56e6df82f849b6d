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
    QVBoxLayout,
    QWidget,
)

from wijkkompas.core.typology import (
    AANBIEDERS_IN_TEAM,
    BEKOSTIGINGSVORMEN,
    BREEDTE,
    CONTRACTVORMEN,
    ORGANISATIEMODELLEN,
    POSITIONERING,
    PRODUCTEN,
    load_library,
)

NIET_INGEVULD = "— niet ingevuld —"

DEFAULT_ANSWERS: dict[str, Any] = {
    "toegang": {"breedte": 1, "positionering": 1, "wijkteam": False, "aanbieders_in_team": "geen"},
    "inkoop": {},
    "organisatiemodel": None,
    "regionale_inkoop_gemeenten": None,
}


def _combo(options, numbered: bool = False, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    if empty is not None:
        combo.addItem(empty, None)
    for option in options:
        text = f"{option.code} – {option.label}" if numbered else option.label
        combo.addItem(text, option.code)
        combo.setItemData(combo.count() - 1, option.toelichting, Qt.ItemDataRole.ToolTipRole)
    return combo


def _chosen(combo: QComboBox) -> str:
    return f"Gekozen: {combo.currentText()}. "


def _help(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "source")
    return label


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
        form.addWidget(QLabel("Breedte van de taakopdracht (smal → breed)"))
        self.breedte = _combo(BREEDTE, numbered=True)
        self.breedte.setObjectName("breedte")
        form.addWidget(self.breedte)
        self.breedte_help = _help()
        form.addWidget(self.breedte_help)
        form.addWidget(QLabel("Positionering van de toegang (intern → op afstand)"))
        self.positionering = _combo(POSITIONERING, numbered=True)
        self.positionering.setObjectName("positionering")
        form.addWidget(self.positionering)
        self.positionering_help = _help()
        form.addWidget(self.positionering_help)
        form.addWidget(_help("Indeling volgens RIVM/Cebeon (2025), Box 2.1 en 2.2."))
        layout.addWidget(toegang)

        team = QGroupBox("Wijkteam en zorgaanbieders (CPB)")
        team.setToolTip("Sociale (wijk)teams: " + begrippen.get("sociale (wijk)teams", ""))
        team_layout = QVBoxLayout(team)
        self.wijkteam = QCheckBox("Er is een sociaal (wijk)team voor Wmo-vragen")
        self.wijkteam.setObjectName("wijkteam")
        self.wijkteam.setToolTip(begrippen.get("sociale (wijk)teams", ""))
        team_layout.addWidget(self.wijkteam)
        team_layout.addWidget(QLabel("Invloed van zorgaanbieders op de toegang"))
        self.aanbieders = _combo(AANBIEDERS_IN_TEAM)
        self.aanbieders.setObjectName("aanbieders_in_team")
        team_layout.addWidget(self.aanbieders)
        self.aanbieders_help = _help()
        team_layout.addWidget(self.aanbieders_help)
        layout.addWidget(team)

        inkoop = QGroupBox("Inkoop per product")
        grid = QGridLayout(inkoop)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        headers = (
            ("Bekostigingsvorm", "\n\n".join(f"{o.label}: {begrippen.get(o.code + 'e bekostiging', o.toelichting)}"
                                              for o in BEKOSTIGINGSVORMEN)),
            ("Contractvorm", "\n\n".join(f"{o.label}: {begrippen.get(o.code, o.toelichting)}" for o in CONTRACTVORMEN)),
            ("Toetr.", "Tussentijdse toetreding: " + begrippen.get("tussentijdse toetreding", "")),
        )
        for column, (text, tip) in enumerate(headers):
            header = QLabel(f"<b>{text}</b>")
            header.setToolTip(tip)
            grid.addWidget(header, 0, column)
        self.products: dict[str, tuple[QComboBox, QComboBox, QCheckBox]] = {}
        for number, (product, label) in enumerate(PRODUCTEN.items()):
            row = 1 + 2 * number
            grid.addWidget(QLabel(label), row, 0, 1, 3)
            bekostiging = _combo(BEKOSTIGINGSVORMEN, empty=NIET_INGEVULD)
            bekostiging.setMinimumContentsLength(10)
            for index in range(1, bekostiging.count()):
                bekostiging.setItemText(index, bekostiging.itemData(index))
                term = f"{bekostiging.itemData(index)}e bekostiging"
                if term in begrippen:
                    bekostiging.setItemData(index, begrippen[term], Qt.ItemDataRole.ToolTipRole)
            contract = _combo(CONTRACTVORMEN)
            contract.setMinimumContentsLength(10)
            for index in range(contract.count()):
                term = contract.itemData(index)
                if term in begrippen:
                    contract.setItemData(index, begrippen[term], Qt.ItemDataRole.ToolTipRole)
            toetreding = QCheckBox("ja")
            toetreding.setToolTip("Tussentijdse toetreding: " + begrippen.get("tussentijdse toetreding", ""))
            for widget, name in ((bekostiging, "bekostigingsvorm"), (contract, "contractvorm"),
                                 (toetreding, "tussentijdse_toetreding")):
                widget.setObjectName(f"{product}_{name}")
                widget.setAccessibleName(f"{label}: {name.replace('_', ' ')}")
            grid.addWidget(bekostiging, row + 1, 0)
            grid.addWidget(contract, row + 1, 1)
            grid.addWidget(toetreding, row + 1, 2)
            self.products[product] = (bekostiging, contract, toetreding)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.addWidget(_help("Profielen A–H volgens RIVM/Cebeon (2025), Tabel 3.1; combinaties buiten de tabel "
                             "heten 'overig'. Wijs een kop aan voor de definitie."), 1 + 2 * len(PRODUCTEN), 0, 1, 3)
        layout.addWidget(inkoop)

        extra = QGroupBox("Overig (optioneel)")
        extra_form = QFormLayout(extra)
        extra_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
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
        self.set_answers(DEFAULT_ANSWERS)

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
        # The full choice heads its help text: a narrow window may cut the combo box's own text.
        self.breedte_help.setText(_chosen(self.breedte) + BREEDTE[self.breedte.currentIndex()].toelichting)
        self.positionering_help.setText(_chosen(self.positionering)
                                        + POSITIONERING[self.positionering.currentIndex()].toelichting)
        model = self.aanbieders.model()
        for index in range(self.aanbieders.count()):
            in_team = self.aanbieders.itemData(index) in ("advies", "indiceren")
            model.item(index).setEnabled(self.wijkteam.isChecked() or not in_team)
        if not self.wijkteam.isChecked() and self.aanbieders.currentData() in ("advies", "indiceren"):
            was_loading, self._loading = self._loading, True
            _select(self.aanbieders, "geen")
            self._loading = was_loading
        self.aanbieders_help.setText(_chosen(self.aanbieders) + AANBIEDERS_IN_TEAM[self.aanbieders.currentIndex()].toelichting)
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
