"""Input forms of the Effectmeting panel: the effect question and the signal choice. Views only, no computing."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from wijkkompas.core.effect import PRODUCTEN, UITKOMSTEN, EffectVraag
from wijkkompas.core.effect.signalen_resultaat import INDICATOR_LABELS, SignaalKeuze
from wijkkompas.gui.widgets import make_label

PRODUCT_LABELS = {code: label.capitalize() for code, (_cat, label) in PRODUCTEN.items()}
TIJDVAK_LABELS = {"maand": "Per maand", "halfjaar": "Per halfjaar (unieke cliënten)"}
GROEP_LABELS = {"aanbieder": "Per aanbieder", "team": "Per toegangsteam"}


def _combo(items: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    # Shrink with the column instead of pushing the form wider than the panel (long outcome names).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    for key, label in items.items():
        combo.addItem(label, key)
    return combo


def _select(combo: QComboBox, key: str) -> None:
    index = combo.findData(key)
    combo.setCurrentIndex(max(index, 0))


class EffectVraagForm(QWidget):
    """The question: outcome, product, treated wijken, start month(s), period, weighting."""

    bereken = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vraag = EffectVraag()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.uitkomst = _combo({k: v[0] for k, v in UITKOMSTEN.items()})
        self.product = _combo(PRODUCT_LABELS)
        self.tijdvak = _combo(TIJDVAK_LABELS)
        self.start = QLineEdit()
        self.start.setPlaceholderText("jjjj-mm, bijv. 2023-01")
        self.starts = QLineEdit()
        self.starts.setPlaceholderText("bijv. W09=2023-07, W12=2024-01")
        self.starts.setToolTip("Alleen bij een gespreide invoering: wijken die later (of eerder) begonnen.")
        self.van = QLineEdit()
        self.van.setPlaceholderText("jjjj-mm")
        self.tot = QLineEdit()
        self.tot.setPlaceholderText("jjjj-mm")
        self.van.setToolTip("Leeg: vanaf het begin van de gegevens.")
        self.tot.setToolTip("Leeg: tot het einde van de gegevens.")
        for edit in (self.start, self.starts, self.van, self.tot):
            edit.setMinimumWidth(60)
        form.addRow("Uitkomst", self.uitkomst)
        form.addRow("Product", self.product)
        form.addRow("Tijdvak", self.tijdvak)
        form.addRow("Startmaand", self.start)
        form.addRow("Afwijkende start", self.starts)
        periode = QHBoxLayout()
        periode.addWidget(self.van)
        periode.addWidget(make_label("t/m", wrap=False))
        periode.addWidget(self.tot)
        form.addRow("Periode", periode)
        layout.addLayout(form)
        layout.addWidget(make_label("Wijken met de verandering", "section"))
        layout.addWidget(make_label("De andere wijken vormen de vergelijking.", "muted"))
        self.wijken = QListWidget()
        self.wijken.setObjectName("effectWijken")
        self.wijken.setMinimumHeight(150)
        layout.addWidget(self.wijken, 1)
        self.gewogen = QCheckBox("Weeg wijken naar inwoners (het CPB toont beide)")
        layout.addWidget(self.gewogen)
        self.fout = make_label("")
        self.fout.setStyleSheet("color: #b00020;")
        self.fout.setVisible(False)
        layout.addWidget(self.fout)
        self.knop = QPushButton("Bereken effect")
        self.knop.setObjectName("effectBereken")
        self.knop.clicked.connect(self.bereken.emit)
        layout.addWidget(self.knop, 0, Qt.AlignmentFlag.AlignLeft)

    def set_wijken(self, wijken: list[tuple[str, str]]) -> None:
        chosen = set(self._vraag.wijken)
        self.wijken.clear()
        for code, naam in wijken:
            item = QListWidgetItem(f"{code}  {naam}".strip())
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.wijken.addItem(item)

    def set_vraag(self, vraag: EffectVraag) -> None:
        self._vraag = vraag
        _select(self.uitkomst, vraag.uitkomst)
        _select(self.product, vraag.product)
        _select(self.tijdvak, vraag.tijdvak)
        self.start.setText(vraag.start)
        self.starts.setText(", ".join(f"{w}={m}" for w, m in vraag.starts.items()))
        self.van.setText(vraag.periode_van)
        self.tot.setText(vraag.periode_tot)
        self.gewogen.setChecked(vraag.gewogen)
        for row in range(self.wijken.count()):
            item = self.wijken.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in vraag.wijken
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def vraag(self) -> EffectVraag:
        """The question as the form shows it; fields the form has no input for keep their stored value."""
        v = EffectVraag.from_json(self._vraag.to_json())
        v.uitkomst = self.uitkomst.currentData()
        v.product = self.product.currentData()
        v.tijdvak = self.tijdvak.currentData()
        v.start = self.start.text().strip()
        v.starts = {}
        for part in self.starts.text().replace(";", ",").split(","):
            wijk, sep, maand = part.strip().partition("=")
            if sep and wijk.strip() and maand.strip():
                v.starts[wijk.strip().upper()] = maand.strip()
        v.periode_van = self.van.text().strip()
        v.periode_tot = self.tot.text().strip()
        v.gewogen = self.gewogen.isChecked()
        v.wijken = [self.wijken.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.wijken.count())
                    if self.wijken.item(r).checkState() == Qt.CheckState.Checked]
        for wijk in v.starts:
            if wijk not in v.wijken:
                v.wijken.append(wijk)
        return v

    def show_fout(self, tekst: str) -> None:
        self.fout.setText(tekst)
        self.fout.setVisible(bool(tekst))


class SignaalForm(QWidget):
    """Product, grouping and funnel indicator for the signals; every change recomputes (cheap)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.product = _combo(PRODUCT_LABELS)
        self.groep = _combo(GROEP_LABELS)
        self.indicator = _combo({k: v[0] for k, v in INDICATOR_LABELS.items()})
        for label, widget in (("Product", self.product), ("Groep", self.groep), ("Trechter", self.indicator)):
            row.addWidget(make_label(label))
            row.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        row.addStretch(1)

    def set_keuze(self, keuze: SignaalKeuze) -> None:
        for widget in (self.product, self.groep, self.indicator):
            widget.blockSignals(True)
        _select(self.product, keuze.product)
        _select(self.groep, keuze.groep)
        _select(self.indicator, keuze.indicator)
        for widget in (self.product, self.groep, self.indicator):
            widget.blockSignals(False)

    def keuze(self) -> SignaalKeuze:
        return SignaalKeuze(product=self.product.currentData(), groep=self.groep.currentData(),
                            indicator=self.indicator.currentData())
