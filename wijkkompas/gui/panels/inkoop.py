"""Inkoop: market per perceel, the kostprijs check with editable parameters, and the contracts' Positie proposal.

The view only renders ``core.inkoop.resultaat.maak_resultaat`` (the function
behind ``wijkkompas inkoop``). The parameter table writes
``project.choices["kostprijs"]``; every default shows its source, empty cells
are for the user (Dutch numbers, e.g. 14,50). ``VoorstelBalk`` is the line the
Positie panel shows with the answers derived from the imported tarieven.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from wijkkompas.core import formatting as fmt
from wijkkompas.core.inkoop import afleiden, kostprijs
from wijkkompas.core.sections import Sectie
from wijkkompas.gui.messages import MessageBar
from wijkkompas.gui.panels.base import Panel, PanelContext
from wijkkompas.gui.resultaat_view import ResultaatView, TabelView
from wijkkompas.gui.widgets import make_label, scroll_area

QWIDGETSIZE_MAX = 16777215  # Qt's 'no maximum'

PRODUCTEN = tuple(kostprijs.NODIG)
EERSTE_PRODUCTKOLOM = 2


def parse_getal(text: str) -> float | None:
    """'14,50' / '14.50' / '€ 14,50' / '75%' → float; empty → None; anything else raises ValueError."""
    cleaned = str(text).strip().replace("€", "").replace("%", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


class ParameterTabel(QTableWidget):
    """Rows: parameters; columns: parameter, unit, one per product, source. Edits emit ``gewijzigd``.

    The parameter and source columns take the room the window has (``_verdeel``, on every resize): at
    1920×1080 fixed widths of 260/220 px cut both to "…" beside an empty area. They get their full text when it
    fits; where it does not, the names come first and the source gets the rest, never less than
    ``MIN_PARAMETER`` / ``MIN_BRON`` (below that the table scrolls sideways). The full texts stay in the tooltips.
    """

    gewijzigd = Signal(str, str, object)  # product, parameter, value or None
    MIN_PARAMETER, MIN_BRON = 260, 220

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(kostprijs.PARAMETERS), EERSTE_PRODUCTKOLOM + len(PRODUCTEN) + 1, parent)
        self.setObjectName("kostprijsParameters")
        self.setHorizontalHeaderLabels(["Parameter", "Eenheid", *(kostprijs.PRODUCT_LABELS[p] for p in PRODUCTEN),
                                        "Bron"])
        self.verticalHeader().setVisible(False)
        self._laden = False
        self._natuurlijk: tuple[int, int] | None = None  # content widths of the parameter and source columns
        self.itemChanged.connect(self._changed)

    def toon(self, inst: kostprijs.KostprijsInstellingen) -> None:
        self._laden = True
        for rij, p in enumerate(kostprijs.PARAMETERS):
            self._vast(rij, 0, p.label, p.toelichting)
            self._vast(rij, 1, p.eenheid)
            for k, product in enumerate(PRODUCTEN):
                waarde = inst.waarde(product, p.naam)
                item = QTableWidgetItem("" if waarde is None else fmt.getal(waarde, 2).rstrip("0").rstrip(","))
                if p.naam not in kostprijs.NODIG[product]:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setText("–")
                item.setToolTip("Leeg: nog in te vullen" if waarde is None else "")
                self.setItem(rij, EERSTE_PRODUCTKOLOM + k, item)
            bron = p.bron.tekst() if p.bron else "geen publieke standaard: zelf invullen"
            self._vast(rij, self.columnCount() - 1, bron, bron)
        self.resizeColumnsToContents()
        laatste = self.columnCount() - 1
        self._natuurlijk = (self.columnWidth(0), self.columnWidth(laatste))
        self._verdeel()
        self._laden = False

    def _verdeel(self) -> None:
        natuurlijk = self._natuurlijk
        if natuurlijk is None:
            return
        laatste = self.columnCount() - 1
        midden = sum(self.columnWidth(k) for k in range(1, laatste))
        ruimte = self.viewport().width() - midden
        min_parameter, min_bron = min(self.MIN_PARAMETER, natuurlijk[0]), min(self.MIN_BRON, natuurlijk[1])
        parameter = max(min_parameter, min(natuurlijk[0], ruimte - min_bron))  # the names come first
        breedtes = (parameter, max(min_bron, min(natuurlijk[1], ruimte - parameter)))
        self.setColumnWidth(0, breedtes[0])
        self.setColumnWidth(laatste, breedtes[1])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._verdeel()

    def _vast(self, rij: int, kolom: int, tekst: str, tip: str = "") -> None:
        item = QTableWidgetItem(tekst)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setToolTip(tip)
        self.setItem(rij, kolom, item)

    def _changed(self, item: QTableWidgetItem) -> None:
        kolom = item.column() - EERSTE_PRODUCTKOLOM
        if self._laden or not 0 <= kolom < len(PRODUCTEN):
            return
        naam = kostprijs.PARAMETERS[item.row()].naam
        try:
            waarde = parse_getal(item.text())
        except ValueError:
            waarde = ValueError(item.text())
        self.gewijzigd.emit(PRODUCTEN[kolom], naam, waarde)


class _StrakkeHoogte(QObject):
    """Keeps a result table only as tall as its header and rows (plus a scroll bar only when it scrolls sideways).

    Why: ``TabelView`` reserves a scroll bar's height and width in its size hint, so "Concentratie per perceel"
    (3 rows) showed an empty strip below and beside its rows on a wide screen. Tables whose rows exceed
    ``TabelView.MAX_HOOGTE`` keep scrolling as before.
    """

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show) and isinstance(watched, TabelView):
            strak(watched)
        return False


def strak(view: TabelView) -> None:
    """Fit a short table to its rows; a long one (or one measured before it was laid out) keeps scrolling."""
    if view.property("strakMin") is None:
        view.setProperty("strakMin", view.minimumHeight())  # what ResultaatView asked for, to go back to
    header, rows = view.horizontalHeader(), view.verticalHeader()
    frame = 2 * view.frameWidth()
    hoogte = max(header.height(), header.sizeHint().height()) + rows.length() + frame
    if hoogte > TabelView.MAX_HOOGTE:
        view.setMaximumWidth(QWIDGETSIZE_MAX)
        view.setMinimumHeight(int(view.property("strakMin")))
        view.setMaximumHeight(QWIDGETSIZE_MAX)
        return
    kop = rows.width() if rows.isVisible() else 0
    breed = header.length() + kop + frame
    balk = view.horizontalScrollBar().sizeHint().height() if view.width() < breed else 0
    if view.isVisible() and view.height() < hoogte + balk:  # laid out shorter: room for its vertical scroll bar
        breed += view.verticalScrollBar().sizeHint().width()
    view.setMaximumWidth(breed)
    # only the maximum: a minimum above ResultaatView's would let a table overlap the text below it where the page
    # is laid out a little short (the table then scrolls its last rows, as before)
    view.setMinimumHeight(min(int(view.property("strakMin")), hoogte + balk))
    view.setMaximumHeight(hoogte + balk)


class VoorstelBalk(QWidget):
    """'Voorstel uit tarieven.xlsx: …' with an Overnemen button; hidden without tarieven."""

    overnemen = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tarievenVoorstel")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 8, 4)
        self.bar = MessageBar()
        box.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        self.knop = QPushButton("Voorstel overnemen")
        self.knop.setObjectName("voorstelOvernemen")
        self.knop.setToolTip("Zet de antwoorden uit de contracten in de vragenlijst; u kunt ze daarna nog wijzigen.")
        self.knop.clicked.connect(self._neem_over)
        row.addWidget(self.knop)
        box.addLayout(row)
        self._antwoorden: dict | None = None
        self.setVisible(False)

    def toon(self, project: Any, antwoorden: dict | None) -> None:
        tarieven = (getattr(project, "tables", {}) or {}).get("tarieven")
        voorstel = afleiden.voorstellen(tarieven, afleiden.bronnaam(project))
        self.bar.clear_all()
        if not voorstel:
            self.setVisible(False)
            return
        bron = next(iter(voorstel.values())).bron
        regels = "\n".join(f"• {kostprijs.PRODUCT_LABELS[p]}: {_kort(v.antwoorden)}" for p, v in voorstel.items())
        self.bar.set("voorstel", f"Voorstel afgeleid uit {bron}:\n{regels}", "info")
        afwijkingen = afleiden.verschillen(voorstel, antwoorden)
        if afwijkingen:
            tekst = "; ".join(f"{kostprijs.PRODUCT_LABELS.get(p, p)} {afleiden.VELD_LABELS[v]}: hier "
                              f"'{_tekst(a)}', contracten '{_tekst(b)}'" for p, v, a, b in afwijkingen)
            self.bar.set("afwijking", f"Uw antwoorden wijken af van de contracten: {tekst}.", "warning")
        self._antwoorden = afleiden.met_voorstel(antwoorden, voorstel)
        self.knop.setEnabled(bool(afwijkingen) or antwoorden is None)
        self.setVisible(True)

    def _neem_over(self) -> None:
        if self._antwoorden is not None:
            self.overnemen.emit(self._antwoorden)


def _kort(antwoorden: dict[str, Any]) -> str:
    delen = [str(antwoorden[v]) for v in ("bekostigingsvorm", "contractvorm") if v in antwoorden]
    if "tussentijdse_toetreding" in antwoorden:
        delen.append("toetreding " + _tekst(antwoorden["tussentijdse_toetreding"]))
    return " · ".join(delen)


def _tekst(value: Any) -> str:
    return ("ja" if value else "nee") if isinstance(value, bool) else str(value)


class InkoopPanel(Panel):
    slug = "inkoop"
    title = "Inkoop"
    leest = frozenset({Sectie.TABELLEN, Sectie.KOSTPRIJS, Sectie.POSITIE})

    def __init__(self, context: PanelContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._resultaat = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(14, 12, 14, 6)
        tl.addWidget(make_label("Inkoop: markt, kostprijs en contracten", "title"))
        tl.addWidget(make_label("Kostprijsparameters per product (reële prijs). Vul lege vakken in met de cao-schaal "
                                "en opslagen van het tariefjaar; zonder volledige parameters geeft Wijkkompas geen "
                                "oordeel over de tarieven.", "muted"))
        self.bar = MessageBar()
        tl.addWidget(self.bar)
        self.parameters = ParameterTabel()
        self.parameters.gewijzigd.connect(self._parameter)
        tl.addWidget(self.parameters)
        splitter.addWidget(top)

        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(14, 6, 18, 12)
        self.view = ResultaatView("Importeer declaraties en tarieven (Import) om de markt en de kostprijscheck te zien.")
        self._strak = _StrakkeHoogte(self)
        bl.addWidget(self.view)
        splitter.addWidget(scroll_area(body))
        splitter.setSizes([260, 500])
        self.refresh()

    def instellingen(self) -> kostprijs.KostprijsInstellingen:
        return kostprijs.laad(self.project)

    def _parameter(self, product: str, naam: str, waarde: Any) -> None:
        if isinstance(waarde, ValueError):
            self.bar.set("invoer", f"'{waarde}' is geen getal. Schrijf bijvoorbeeld 14,50 of 75.", "error")
            return
        if waarde is not None and waarde < 0:
            self.bar.set("invoer", "Een kostprijsparameter kan niet negatief zijn.", "error")
            return
        if naam == "productiviteit" and waarde is not None and not 0 < waarde <= 100:
            self.bar.set("invoer", "Productiviteit is een percentage tussen 0 en 100.", "error")
            return
        self.bar.clear("invoer")
        self.project.set_choice(kostprijs.SECTIE, self.instellingen().met(product, **{naam: waarde}).to_json())

    def on_project_changed(self, what: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.parameters.toon(self.instellingen())
        tables = self.project.tables
        if "declaraties" not in tables and "tarieven" not in tables:
            self._resultaat = None
            self.view.set_resultaat(None)
            return
        from wijkkompas.core.inkoop.resultaat import maak_resultaat

        self.context.run_task(maak_resultaat, self.project, label="Inkoop berekenen", owner=self,
                              on_finished=self._toon, met_kerncijfers=False)

    def _toon(self, resultaat) -> None:
        self._resultaat = resultaat
        self.view.set_resultaat(resultaat)
        for tabel in self.view.findChildren(TabelView):
            tabel.installEventFilter(self._strak)
            strak(tabel)

    def resultaat(self):
        return self._resultaat


def create_panel(context: PanelContext) -> InkoopPanel:
    return InkoopPanel(context)


if __name__ == "__main__":
    from wijkkompas.gui.app import run_panel_standalone

    raise SystemExit(run_panel_standalone("inkoop"))
