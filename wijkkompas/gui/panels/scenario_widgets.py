"""The levers form of the Scenario's panel: spin boxes with units, one scenario at a time.

Why a separate widget: it only translates between widgets and the core's
``Hefbomen`` (fractions ↔ percentages); validation and defaults stay in core.
It emits ``changed`` on every edit; the panel debounces and recomputes.
"""
from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QPushButton, QVBoxLayout, QWidget,
)

from wijkkompas.core import formatting as fmt
from wijkkompas.core.scenario.hefbomen import DEMOGRAFIE_NOOT, EIGEN_BIJDRAGE_NOOT, SCALAIRE_HEFBOMEN, Hefbomen
from wijkkompas.gui.widgets import make_label

PERCENT = ("volume_per_client", "instroom", "uitstroom", "groei_75plus", "eigen_bijdrage_wijziging", "av_aandeel")
GROEPEN = (
    ("Prijs en volume", ("volume_per_client",)),
    ("Toegang en demografie", ("instroom", "uitstroom", "groei_75plus")),
    ("Eigen bijdrage", ("eigen_bijdrage_wijziging", "eigen_bijdrage_elasticiteit")),
    ("Algemene voorziening", ("av_aandeel", "av_kosten_per_client")),
)


def _form(group: QGroupBox) -> QFormLayout:
    """A form that puts a long label above its field instead of widening the narrow levers column."""
    form = QFormLayout(group)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


NL = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)


def _euro_box(box: QDoubleSpinBox) -> QDoubleSpinBox:
    """Euro amounts read as the adviser writes them: € 725.000, not € 725000."""
    box.setLocale(NL)
    box.setGroupSeparatorShown(True)
    box.setPrefix("€ ")
    return box


def _spin(name: str) -> QDoubleSpinBox:
    label, unit, low, high = SCALAIRE_HEFBOMEN[name]
    box = QDoubleSpinBox()
    box.setObjectName(f"hefboom_{name}")
    box.setKeyboardTracking(False)
    if name in PERCENT or name == "tariefindexatie":
        box.setRange(low * 100, high * 100)
        box.setDecimals(1)
        box.setSingleStep(0.5 if name in ("tariefindexatie", "groei_75plus") else 1.0)
        box.setSuffix(" %" + (" per jaar" if "jaar" in unit else ""))
    elif name == "av_kosten_per_client":
        box.setRange(low, high)
        box.setDecimals(0)
        box.setSingleStep(10)
        _euro_box(box)
        box.setSuffix(" per maand")
    else:
        box.setRange(low, high)
        box.setDecimals(2)
        box.setSingleStep(0.05)
    box.setToolTip(label)
    box.setMinimumWidth(130)
    return box


class HefboomForm(QWidget):
    """Edits one ``Hefbomen``; ``set_context`` gives product labels, aanbieders and the observed indexation."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._plafonds: dict[str, float | dict[str, float]] = {}   # the budgetplafonds lever's form
        self._bekostiging: dict[str, float] = {}
        self._product_labels: dict[str, str] = {}
        self._observed: dict[str, float] = {}
        self._default_contract: dict[str, float] = {}
        self._contract_plafonds: dict[str, dict[str, float]] = {}
        self._aanbod: dict[str, list[str]] = {}
        self._loaded = Hefbomen()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        tarief = QGroupBox("Tarief")
        form = _form(tarief)
        self.index_observed = QCheckBox("Zoals in eigen declaraties")
        self.index_observed.setObjectName("hefboom_index_waargenomen")
        self.spins: dict[str, QDoubleSpinBox] = {"tariefindexatie": _spin("tariefindexatie")}
        form.addRow(self.index_observed)
        form.addRow("Indexatie", self.spins["tariefindexatie"])
        self.index_note = make_label("", "muted")
        form.addRow(self.index_note)
        outer.addWidget(tarief)
        for title, names in GROEPEN:
            group = QGroupBox(title)
            form = _form(group)
            for name in names:
                self.spins[name] = _spin(name)
                short = SCALAIRE_HEFBOMEN[name][0].split(" (")[0]
                form.addRow(short, self.spins[name])
            if title == "Toegang en demografie":
                form.addRow(make_label(DEMOGRAFIE_NOOT, "muted"))
            if title == "Eigen bijdrage":
                form.addRow(make_label(EIGEN_BIJDRAGE_NOOT, "muted"))
            outer.addWidget(group)

        plafond = QGroupBox("Budgetplafond per aanbieder en product")
        form = _form(plafond)
        self.aanbieder = QComboBox()
        self.aanbieder.setObjectName("plafond_aanbieder")
        self.plafond_product = QComboBox()
        self.plafond_product.setObjectName("plafond_product")
        self.plafond_product.setToolTip("Een contract spreekt een plafond af per aanbieder per perceel (product); "
                                        "'Alle producten samen' is één plafond, naar rato van de vraag verdeeld.")
        self.plafond = QDoubleSpinBox()
        self.plafond.setObjectName("plafond_bedrag")
        self.plafond.setRange(0, 1e9)
        self.plafond.setDecimals(0)
        self.plafond.setSingleStep(10_000)
        _euro_box(self.plafond)
        self.plafond.setSuffix(" per jaar")
        self.plafond.setSpecialValueText("geen plafond")
        self.plafond.setKeyboardTracking(False)
        self.gevolg = QComboBox()
        self.gevolg.setObjectName("plafond_gevolg")
        self.gevolg.addItem("Wachtlijst", "wachtlijst")
        self.gevolg.addItem("Naar andere aanbieder", "andere_aanbieder")
        form.addRow("Aanbieder", self.aanbieder)
        form.addRow("Product", self.plafond_product)
        form.addRow("Plafond", self.plafond)
        form.addRow("Vraag boven plafond", self.gevolg)
        self.from_contracts = QPushButton("Plafonds uit de contracten overnemen")
        self.from_contracts.setObjectName("plafonds_uit_contracten")
        self.from_contracts.setToolTip("De budgetplafonds van het laatste jaar in de ingelezen tarieven")
        self.from_contracts.setEnabled(False)
        self.contract_note = make_label("", "muted")
        form.addRow(self.from_contracts)
        form.addRow(self.contract_note)
        outer.addWidget(plafond)

        bekostiging = QGroupBox("Bekostiging")
        form = _form(bekostiging)
        self.product = QComboBox()
        self.product.setObjectName("bekostiging_product")
        self.taakgericht = QCheckBox("Taakgericht / lumpsum")
        self.taakgericht.setObjectName("bekostiging_taakgericht")
        self.contractsom = QDoubleSpinBox()
        self.contractsom.setObjectName("bekostiging_contractsom")
        self.contractsom.setRange(0, 1e10)
        self.contractsom.setDecimals(0)
        self.contractsom.setSingleStep(100_000)
        _euro_box(self.contractsom)
        self.contractsom.setSuffix(" per jaar")
        self.contractsom.setKeyboardTracking(False)
        form.addRow("Product", self.product)
        form.addRow(self.taakgericht)
        form.addRow("Contractsom", self.contractsom)
        form.addRow(make_label("Bij taakgerichte bekostiging zijn de kosten de contractsom; het volumerisico ligt "
                               "dan bij de aanbieder.", "muted"))
        outer.addWidget(bekostiging)
        outer.addStretch(1)

        for box in self.spins.values():
            box.valueChanged.connect(self._emit)
        self.index_observed.toggled.connect(self._index_toggled)
        self.aanbieder.currentIndexChanged.connect(self._aanbieder_chosen)
        self.plafond_product.currentIndexChanged.connect(self._show_plafond)
        self.plafond.valueChanged.connect(self._plafond_edited)
        self.gevolg.currentIndexChanged.connect(self._emit)
        self.from_contracts.clicked.connect(self._take_contract_plafonds)
        self.product.currentIndexChanged.connect(self._show_bekostiging)
        self.taakgericht.toggled.connect(self._bekostiging_edited)
        self.contractsom.valueChanged.connect(self._bekostiging_edited)

    # --- context and loading ---
    def set_context(self, producten: dict[str, str], aanbieders: list[str], observed: dict[str, float],
                    default_contract: dict[str, float], namen: dict[str, str] | None = None,
                    contract_plafonds: dict[str, dict[str, float]] | None = None,
                    aanbod: dict[str, list[str]] | None = None) -> None:
        """``aanbod``: the products each aanbieder delivers, the percelen a plafond can be set on."""
        self._loading = True
        self._product_labels = dict(producten)
        self._observed = dict(observed)
        self._default_contract = dict(default_contract)
        self._contract_plafonds = {k: dict(v) for k, v in (contract_plafonds or {}).items()}
        self._aanbod = {k: list(v) for k, v in (aanbod or {}).items()}
        self.from_contracts.setEnabled(bool(self._contract_plafonds))
        self.aanbieder.clear()
        for code in aanbieders:
            self.aanbieder.addItem(f"{(namen or {}).get(code, code)} ({code})", code)
        self.product.clear()
        for code, label in producten.items():
            self.product.addItem(label, code)
        self.index_note.setText("Waargenomen: " + ", ".join(
            f"{producten[c]} {fmt.procent(v, 1)}" for c, v in observed.items()) if observed else "")
        self._loading = False
        self._aanbieder_chosen()

    def set_hefbomen(self, lev: Hefbomen) -> None:
        self._loaded = lev  # levers this form does not show (per product, per team) are kept as they are
        self._loading = True
        for name, box in self.spins.items():
            value = getattr(lev, name)
            if name == "tariefindexatie":
                continue
            box.setValue(value * 100 if name in PERCENT else value)
        observed = lev.tariefindexatie is None
        self.index_observed.setChecked(observed)
        mean = sum(self._observed.values()) / len(self._observed) if self._observed else 0.0
        self.spins["tariefindexatie"].setValue((mean if observed else lev.tariefindexatie) * 100)
        self.spins["tariefindexatie"].setEnabled(not observed)
        self._plafonds = {k: dict(v) if isinstance(v, dict) else v for k, v in lev.budgetplafonds.items()}
        self._bekostiging = dict(lev.bekostiging)
        self.gevolg.setCurrentIndex(max(0, self.gevolg.findData(lev.plafond_gevolg)))
        self._loading = False
        self._aanbieder_chosen()
        self._show_bekostiging()

    def hefbomen(self) -> Hefbomen:
        data = {name: (box.value() / 100 if name in PERCENT else box.value())
                for name, box in self.spins.items() if name != "tariefindexatie"}
        data["tariefindexatie"] = None if self.index_observed.isChecked() else \
            self.spins["tariefindexatie"].value() / 100
        data["budgetplafonds"] = {k: v for k, v in self._plafonds.items() if (v if isinstance(v, dict) else v > 0)}
        data["plafond_gevolg"] = self.gevolg.currentData() or "wachtlijst"
        data["bekostiging"] = dict(self._bekostiging)
        shown = Hefbomen.from_json(data)
        return self._loaded.met(**{name: getattr(shown, name) for name in data})

    # --- reactions ---
    def _emit(self, *_args) -> None:
        if not self._loading:
            self.changed.emit()

    def _index_toggled(self, checked: bool) -> None:
        self.spins["tariefindexatie"].setEnabled(not checked)
        self._emit()

    def _aanbieder_chosen(self, *_args) -> None:
        """List the chosen aanbieder's products; preselect the one its plafond is on (or 'all together')."""
        code = self.aanbieder.currentData()
        delivered = self._aanbod.get(code, []) if code else []
        self._loading, was = True, self._loading
        self.plafond_product.clear()
        for product in delivered:
            self.plafond_product.addItem(self._product_labels.get(product, product), product)
        if len(delivered) != 1:
            self.plafond_product.addItem("Alle producten samen", "")
        current = self._plafonds.get(code)
        if isinstance(current, dict) and current:
            chosen = self.plafond_product.findData(sorted(current)[0])
        else:
            chosen = self.plafond_product.findData("") if current is not None else 0
        self.plafond_product.setCurrentIndex(max(chosen, 0))
        self._loading = was
        self._show_plafond()

    def _selected(self) -> tuple[str | None, str | None]:
        return self.aanbieder.currentData(), self.plafond_product.currentData()

    def _show_plafond(self, *_args) -> None:
        code, product = self._selected()
        current = self._plafonds.get(code) if code else None
        if product:
            value = current.get(product, 0.0) if isinstance(current, dict) else 0.0
        else:
            value = current if isinstance(current, (int, float)) else 0.0
        self._loading, was = True, self._loading
        self.plafond.setValue(value)
        notes = []
        contract = self._contract_plafonds.get(code, {}).get(product) if product else None
        if contract:
            notes.append(f"Contract: {fmt.euro(contract)} per jaar")
        if product and isinstance(current, (int, float)):
            notes.append(f"Nu één plafond voor alle producten samen ({fmt.euro(current)}); een bedrag hier "
                         "vervangt dat door een plafond per product.")
        elif not product and isinstance(current, dict) and current:
            notes.append("Nu een plafond per product; een bedrag hier vervangt dat door één plafond voor alle "
                         "producten samen.")
        self.contract_note.setText(" ".join(notes))
        self._loading = was

    def _take_contract_plafonds(self) -> None:
        self._plafonds = {k: dict(v) for k, v in self._contract_plafonds.items()}
        self._aanbieder_chosen()
        self._emit()

    def _plafond_edited(self, value: float) -> None:
        code, product = self._selected()
        if code is None or product is None or self._loading:
            return
        current = self._plafonds.get(code)
        if not product:                                      # one plafond for all the aanbieder's products
            if value > 0:
                self._plafonds[code] = value
            else:
                self._plafonds.pop(code, None)
        else:
            per_product = dict(current) if isinstance(current, dict) else {}
            if value > 0:
                per_product[product] = value
            else:
                per_product.pop(product, None)
            if per_product:
                self._plafonds[code] = per_product
            else:
                self._plafonds.pop(code, None)
        self._show_plafond()
        self._emit()

    def _show_bekostiging(self, *_args) -> None:
        code = self.product.currentData()
        self._loading, was = True, self._loading
        active = code in self._bekostiging
        self.taakgericht.setChecked(active)
        self.contractsom.setEnabled(active)
        self.contractsom.setValue(self._bekostiging.get(code, self._default_contract.get(code, 0.0))
                                  if code else 0.0)
        self._loading = was

    def _bekostiging_edited(self, *_args) -> None:
        code = self.product.currentData()
        if code is None or self._loading:
            return
        self.contractsom.setEnabled(self.taakgericht.isChecked())
        if self.taakgericht.isChecked():
            self._bekostiging[code] = self.contractsom.value()
        else:
            self._bekostiging.pop(code, None)
        self._emit()
