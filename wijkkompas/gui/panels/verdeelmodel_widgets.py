"""The inputs column of the Verdeelmodel panel: steps, method, weights table, ingroeipad.

Why a separate widget: it only translates between widgets and the core's
``VerdeelInstellingen`` (percentages, Dutch numbers); validation and defaults
stay in core. Every edit emits ``changed`` with the new settings; the panel
stores them in the project and recomputes at once.
"""
from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from wijkkompas.core import formatting as fmt
from wijkkompas.core.verdeel import BOTTOMUP_PRESETS, METHODEN, VerdeelInstellingen
from wijkkompas.gui.widgets import make_label

NL = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


def _spin(low: float, high: float, decimals: int, suffix: str = "", prefix: str = "", step: float = 1.0,
          name: str = "") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setObjectName(name)
    box.setLocale(NL)
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setSuffix(suffix)
    box.setPrefix(prefix)
    box.setGroupSeparatorShown(True)
    box.setKeyboardTracking(False)
    return box


def parse_getal(text: str) -> float:
    """A number typed Dutch style (1.348,63) or plain (1348.63)."""
    cleaned = text.strip().replace("€", "").replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


class VerdeelForm(QWidget):
    changed = Signal(object)  # VerdeelInstellingen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.inst = VerdeelInstellingen()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        stap1 = QGroupBox("1. Wat wordt verdeeld")
        box1 = QVBoxLayout(stap1)
        self.regels = QTableWidget(0, 3)
        self.regels.setObjectName("budgetregels")
        self.regels.setHorizontalHeaderLabels(["Budgetregel", "Mee", "Gemarkeerd"])
        self.regels.horizontalHeaderItem(1).setToolTip("Mee in het wijkbudget (uit: regionaal of stedelijk ingekocht)")
        self.regels.horizontalHeaderItem(2).setToolTip("Gemarkeerd geld: mag niet vrij naar wijken worden herverdeeld")
        self.regels.verticalHeader().hide()
        self.regels.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.regels.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.regels.setToolTip("Haal het vinkje 'In wijkbudget' weg voor regionaal of stedelijk ingekochte "
                               "voorzieningen; 'Gemarkeerd' voor geld dat niet vrij naar wijken mag.")
        self.regels.setMaximumHeight(130)
        self.regels.itemChanged.connect(self._emit)
        box1.addWidget(self.regels)
        form1 = QFormLayout()
        self.eigen_bedrag = QCheckBox("Eigen bedrag (in plaats van begroting)")
        self.eigen_bedrag.setObjectName("eigenBedrag")
        self.bedrag = _spin(0, 1e10, 0, prefix="€ ", step=100_000, name="bedrag")
        self.reserve_pct = _spin(0, 100, 1, " %", step=0.5, name="reserveProcent")
        self.reserve_eur = _spin(0, 1e9, 0, prefix="€ ", step=10_000, name="reserveBedrag")
        form1.addRow(self.eigen_bedrag)
        form1.addRow("Bedrag", self.bedrag)
        form1.addRow("Vangnetreserve", self.reserve_pct)
        form1.addRow("plus vast bedrag", self.reserve_eur)
        box1.addLayout(form1)
        self.som = make_label("", "muted")
        self.som.setObjectName("teVerdelenSom")
        box1.addWidget(self.som)
        layout.addWidget(stap1)

        stap2 = QGroupBox("2. Methode")
        form2 = QFormLayout(stap2)
        self.methode = QComboBox()
        self.methode.setObjectName("methode")
        for key, label in METHODEN.items():
            self.methode.addItem(label, key)
        form2.addRow("Verdeelsleutel", self.methode)
        self.mix = _spin(0, 100, 0, " % objectief", step=5, name="mixObjectief")
        self.mix.setToolTip("Het deel dat volgens het gemeentefonds gaat; de rest volgt de eigen uitgaven.")
        form2.addRow("Mix", self.mix)
        self.historie = QSpinBox()
        self.historie.setObjectName("historieJaren")
        self.historie.setRange(0, 20)
        self.historie.setSpecialValueText("alle volledige jaren")
        self.historie.setPrefix("laatste ")
        self.historie.setSuffix(" jaar")
        self.historie.setToolTip("Welke jaren eigen uitgaven tellen voor 'historisch', de mix en de kalibratie.")
        form2.addRow("Historie", self.historie)
        self.doel = QComboBox()
        self.doel.setObjectName("kalibratieDoel")
        self.doel.addItem("Eigen uitgaven", "uitgaven")
        self.doel.addItem("Aantal cliënten", "clienten")
        form2.addRow("Kalibreren op", self.doel)
        self.bottomup = QComboBox()
        self.bottomup.setObjectName("bottomupPreset")
        for key, label in BOTTOMUP_PRESETS.items():
            self.bottomup.addItem(label, key)
        self.bottomup.setToolTip("Voorbeelden uit het Kennisdocument Sociale wijkteams in ontwikkeling (2013), Bijlage IV.")
        form2.addRow("Bottom-up", self.bottomup)
        self.kosten = _spin(0, 500_000, 0, prefix="€ ", step=1_000, name="kostenPerFte")
        self.kosten.setSpecialValueText("uit formatie of standaard")
        form2.addRow("Kosten per fte", self.kosten)
        layout.addWidget(stap2)

        stap3 = QGroupBox("3. Gewichten")
        box3 = QVBoxLayout(stap3)
        self.gewichten_uitleg = make_label("Pas een gewicht aan; de verdeling rekent direct opnieuw.", "muted")
        box3.addWidget(self.gewichten_uitleg)
        self.gewichten = QTableWidget(0, 2)
        self.gewichten.setObjectName("gewichten")
        self.gewichten.setHorizontalHeaderLabels(["Indicator", "Gewicht"])
        self.gewichten.verticalHeader().hide()
        self.gewichten.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.gewichten.setMaximumHeight(190)
        self.gewichten.itemChanged.connect(self._gewicht_changed)
        box3.addWidget(self.gewichten)
        self.standaard = QPushButton("Standaardgewichten")
        self.standaard.setObjectName("standaardGewichten")
        self.standaard.clicked.connect(self._reset_gewichten)
        box3.addWidget(self.standaard, 0, Qt.AlignmentFlag.AlignLeft)
        self.fout = make_label("", "muted")
        self.fout.setStyleSheet("color: #b00020;")
        self.fout.hide()
        box3.addWidget(self.fout)
        layout.addWidget(stap3)

        stap4 = QGroupBox("4. Ingroeipad")
        form4 = QFormLayout(stap4)
        self.ingroei = QCheckBox("Verandering per wijk per jaar begrenzen")
        self.ingroei.setObjectName("ingroeiAan")
        self.ingroei_pct = _spin(0.5, 100, 1, " % per jaar", step=0.5, name="ingroeiProcent")
        self.ingroei_jaren = QSpinBox()
        self.ingroei_jaren.setObjectName("ingroeiJaren")
        self.ingroei_jaren.setRange(1, 20)
        self.ingroei_jaren.setSuffix(" jaar")
        form4.addRow(self.ingroei)
        row = QHBoxLayout()
        row.addWidget(self.ingroei_pct)
        row.addWidget(self.ingroei_jaren)
        form4.addRow("Grens", row)
        layout.addWidget(stap4)
        layout.addStretch(1)
        for combo in (self.methode, self.doel, self.bottomup):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            combo.setToolTip(combo.toolTip() or "")
        for index in range(self.bottomup.count()):
            self.bottomup.setItemData(index, self.bottomup.itemText(index), Qt.ItemDataRole.ToolTipRole)

        for box in (self.bedrag, self.reserve_pct, self.reserve_eur, self.mix, self.kosten, self.ingroei_pct):
            box.valueChanged.connect(self._emit)
        self.ingroei_jaren.valueChanged.connect(self._emit)
        self.historie.valueChanged.connect(self._emit)
        for combo in (self.methode, self.doel, self.bottomup):
            combo.currentIndexChanged.connect(self._emit)
        for check in (self.eigen_bedrag, self.ingroei):
            check.toggled.connect(self._emit)

    # ------------------------------------------------------------------ settings -> widgets
    def set_instellingen(self, inst: VerdeelInstellingen) -> None:
        self._loading = True
        try:
            self.inst = inst
            self.methode.setCurrentIndex(max(0, self.methode.findData(inst.methode)))
            self.eigen_bedrag.setChecked(inst.bedrag is not None)
            if inst.bedrag is not None:
                self.bedrag.setValue(inst.bedrag)
            self.reserve_pct.setValue(inst.reserve_procent)
            self.reserve_eur.setValue(inst.reserve_bedrag)
            self.mix.setValue(inst.mix_objectief * 100)
            self.historie.setValue(inst.historie_laatste)
            self.doel.setCurrentIndex(max(0, self.doel.findData(inst.kalibratie_doel)))
            self.bottomup.setCurrentIndex(max(0, self.bottomup.findData(inst.bottomup_preset)))
            self.kosten.setValue(inst.kosten_per_fte or 0.0)
            self.ingroei.setChecked(inst.ingroei_procent is not None and inst.ingroei_jaren > 0)
            self.ingroei_pct.setValue(inst.ingroei_procent or 5.0)
            self.ingroei_jaren.setValue(inst.ingroei_jaren or 3)
            self._visibility()
        finally:
            self._loading = False

    def show_uitkomst(self, regels: pd.DataFrame, gewichten: pd.DataFrame, stappen: list[tuple[str, float]]) -> None:
        """Fill the tables that come from the result (budget lines, the key's current weights)."""
        self._loading = True
        try:
            self.regels.setRowCount(len(regels))
            for row, regel in enumerate(regels.itertuples()):
                name = QTableWidgetItem(f"{regel.omschrijving}  ({fmt.euro(regel.bedrag)})")
                name.setToolTip(name.text())
                name.setData(Qt.ItemDataRole.UserRole, regel.sleutel)
                self.regels.setItem(row, 0, name)
                for col, value in ((1, regel.opgenomen), (2, regel.gemarkeerd)):
                    item = QTableWidgetItem()
                    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                    item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                    self.regels.setItem(row, col, item)
            self.regels.resizeColumnsToContents()
            self.regels.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            self.som.setText("\n".join(f"{stap}: {fmt.euro(bedrag)}" for stap, bedrag in stappen if bedrag or
                                       stap.startswith("Te verdelen") or stap.startswith("Budgetregels")))
            self.gewichten.setRowCount(len(gewichten))
            for row, g in enumerate(gewichten.itertuples()):
                label = QTableWidgetItem(g.label)
                label.setFlags(Qt.ItemFlag.ItemIsEnabled)
                label.setData(Qt.ItemDataRole.UserRole, g.indicator)
                value = QTableWidgetItem(fmt.getal(g.gewicht, 2))
                value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                label.setToolTip(g.label)
                for col, item in enumerate((label, value)):
                    self.gewichten.setItem(row, col, item)
            self.gewichten.resizeColumnsToContents()
            self.gewichten.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            leeg = gewichten.empty
            self.gewichten.setVisible(not leeg)
            self.standaard.setVisible(not leeg)
            self.gewichten_uitleg.setText(
                "Deze methode verdeelt zonder indicatorgewichten (historisch gebruik of bottom-upbehoefte)." if leeg
                else f"Gewicht in {gewichten['eenheid'].iloc[0]}. Pas een gewicht aan; de verdeling rekent direct "
                     "opnieuw.")
        finally:
            self._loading = False

    def show_fout(self, text: str) -> None:
        self.fout.setText(text)
        self.fout.setVisible(bool(text))

    # ------------------------------------------------------------------ widgets -> settings
    def _visibility(self) -> None:
        methode = self.methode.currentData()
        self.mix.setEnabled(methode == "mix")
        self.doel.setEnabled(methode == "gekalibreerd")
        self.historie.setEnabled(methode in ("historisch", "mix", "gekalibreerd"))
        self.bedrag.setEnabled(self.eigen_bedrag.isChecked())
        self.regels.setEnabled(not self.eigen_bedrag.isChecked())
        self.ingroei_pct.setEnabled(self.ingroei.isChecked())
        self.ingroei_jaren.setEnabled(self.ingroei.isChecked())

    def huidige_instellingen(self) -> VerdeelInstellingen:
        uitgesloten, gemarkeerd = [], []
        for row in range(self.regels.rowCount()):
            key = self.regels.item(row, 0).data(Qt.ItemDataRole.UserRole)
            if self.regels.item(row, 1).checkState() != Qt.CheckState.Checked:
                uitgesloten.append(key)
            if self.regels.item(row, 2).checkState() == Qt.CheckState.Checked:
                gemarkeerd.append(key)
        methode = self.methode.currentData()
        gewichten = dict(self.inst.gewichten) if methode == self.inst.methode else {}
        if methode == "eigen" and self.inst.methode != "eigen":
            # Start own weights from the key on screen, so switching never leaves an empty key.
            gewichten = self.tabel_gewichten() or {"inwoners": 1.0}
        return self.inst.met(
            methode=methode, bedrag=self.bedrag.value() if self.eigen_bedrag.isChecked() else None,
            uitgesloten=uitgesloten if not self.eigen_bedrag.isChecked() else self.inst.uitgesloten,
            gemarkeerd=gemarkeerd if not self.eigen_bedrag.isChecked() else self.inst.gemarkeerd,
            reserve_procent=self.reserve_pct.value(), reserve_bedrag=self.reserve_eur.value(),
            mix_objectief=self.mix.value() / 100, historie_laatste=self.historie.value(), kalibratie_doel=self.doel.currentData(),
            bottomup_preset=self.bottomup.currentData(), kosten_per_fte=self.kosten.value() or None,
            ingroei_procent=self.ingroei_pct.value() if self.ingroei.isChecked() else None,
            ingroei_jaren=self.ingroei_jaren.value() if self.ingroei.isChecked() else 0, gewichten=gewichten)

    def tabel_gewichten(self) -> dict[str, float]:
        out = {}
        for row in range(self.gewichten.rowCount()):
            try:
                out[self.gewichten.item(row, 0).data(Qt.ItemDataRole.UserRole)] = parse_getal(
                    self.gewichten.item(row, 1).text())
            except ValueError:
                continue
        return out

    def _emit(self, *_args) -> None:
        if self._loading:
            return
        self._visibility()
        self.inst = self.huidige_instellingen()
        self.changed.emit(self.inst)

    def _gewicht_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1:
            return
        key = self.gewichten.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        try:
            value = parse_getal(item.text())
        except ValueError:
            self.show_fout(f"'{item.text()}' is geen getal; typ bijvoorbeeld 246,87.")
            return
        if value < 0:
            self.show_fout("Een gewicht kan niet negatief zijn.")
            return
        self.show_fout("")
        gewichten = dict(self.inst.gewichten)
        gewichten[key] = value
        self.inst = self.inst.met(gewichten=gewichten)
        self.changed.emit(self.inst)

    def _reset_gewichten(self) -> None:
        self.show_fout("")
        self.inst = self.inst.met(gewichten={})
        self.changed.emit(self.inst)
