"""Write the Voorbeeldstad demo exports the way real source systems deliver them.

Why the mess is deliberate: toewijzingen.xlsx imitates a Zorgned export (title
rows above the header, headers with a line break, dates partly as text,
leading zeros lost in some cells) and carries a handful of faulty rows so the
import's validation report has something to show. The other files are clean.
The monthly declaraties go through ``demo_xlsx`` (fast, compact); the small
files through openpyxl and ``deterministic_xlsx``.
"""
from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

import demo_xlsx
from demo_model import Demo, Toewijzing
from demo_params import (
    AANBIEDERS,
    JAREN,
    PRODUCTS,
    TAAKVELD_2025,
    TAAKVELD_VOOR,
    TEAMS,
    tarief,
)
from deterministic_xlsx import save_workbook

DATE_FORMAT = "DD-MM-YYYY"
EURO_FORMAT = '"€" #,##0.00'
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")

TOEWIJZING_HEADERS = [
    "BSN", "Naam cliënt", "Geboortejaar", "Geslacht", "Postcode", "Wijk", "Beschikkingnummer",
    "Toewijzingnummer", "Productcategorie", "Productcode", "Product", "Leveringsvorm", "AGB-code",
    "Zorgaanbieder", "Datum\ningang", "Datum\neinde", "Omvang", "Eenheid", "Frequentie",
    "Maximaal bedrag", "Reden\nbeëindiging", "Wijkteam",
]
TITLE_ROWS = 2


def _nl_date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d-%m-%Y")


def _excel_date(value: date | None) -> datetime | None:
    return None if value is None else datetime(value.year, value.month, value.day)


def _style_header(ws, row: int, widths: dict[int, float] | None = None) -> None:
    for cell in ws[row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, cell in enumerate(ws[row], start=1):
        width = (widths or {}).get(index) or max(10, min(28, len(str(cell.value or "")) + 2))
        ws.column_dimensions[get_column_letter(index)].width = width


def _toewijzing_row(t: Toewijzing) -> list:
    text_dates = t.nummer % 7 == 0  # as if migrated from an older system: dates typed as text
    categorie: object = int(t.categorie) if t.nummer % 41 == 0 else t.categorie  # Excel ate the zero
    budget = None
    if t.leveringsvorm == "PGB":
        per_jaar = t.volume * (52 if t.product.frequentie == "2" else 12) * tarief(t.product, t.ingang.year) * 0.95
        budget = round(per_jaar, 2)
    return [
        t.client.bsn, t.client.naam, t.client.geboortejaar, t.client.geslacht, t.client.postcode,
        t.client.wijk.code, t.beschikking, t.nummer, categorie, t.product.code, t.product.omschrijving,
        t.leveringsvorm, t.aanbieder.agb, t.aanbieder.naam,
        _nl_date(t.ingang) if text_dates else _excel_date(t.ingang),
        _nl_date(t.einde) if text_dates else _excel_date(t.einde),
        int(t.volume), t.product.eenheid, t.product.frequentie, budget, t.reden, t.client.wijk.team,
    ]


def exported_toewijzingen(demo: Demo) -> list[Toewijzing]:
    return [t for t in demo.toewijzingen if t.exported]


def _messy_rows(demo: Demo) -> list[tuple[int, list | None, str, str]]:
    """(position in data, row values or None for empty, what is wrong, expected finding)."""
    base = [t for t in exported_toewijzingen(demo) if t.leveringsvorm == "ZIN" and t.product.code == "02A01"]
    col = {h: i for i, h in enumerate(TOEWIJZING_HEADERS)}
    rows = []

    def variant(source: Toewijzing, number: int) -> list:
        row = _toewijzing_row(copy.copy(source))
        row[col["Toewijzingnummer"]] = number
        row[col["Datum\ningang"]] = _excel_date(source.ingang)
        row[col["Datum\neinde"]] = _excel_date(source.einde)
        return row

    r = variant(base[10], 2_900_001)
    r[col["Datum\ningang"]] = datetime(2024, 3, 15)
    r[col["Datum\neinde"]] = datetime(2024, 1, 14)
    rows.append((150, r, "einddatum (14-01-2024) ligt vóór de ingangsdatum (15-03-2024)", "fout"))
    r = variant(base[20], 2_900_002)
    r[col["Productcategorie"]] = "99"
    r[col["Productcode"]] = "99X01"
    rows.append((400, r, "onbekende productcategorie 99 (niet in iWmo-codelijst WMO020)", "fout"))
    r = variant(base[30], 2_900_003)
    r[col["Omvang"]] = -2
    rows.append((800, r, "negatief volume (−2 uur per week)", "fout"))
    duplicate_of = demo.toewijzingen[10]
    r = variant(base[40], duplicate_of.nummer)
    rows.append((1200, r, f"dubbel toewijzingnummer {duplicate_of.nummer} (ook in rij {TITLE_ROWS + 2 + 10})", "fout"))
    r = variant(base[50], 2_900_005)
    r[col["BSN"]] = None
    r[col["Naam cliënt"]] = None
    rows.append((1600, r, "BSN ontbreekt", "fout"))
    r = variant(base[60], 2_900_006)
    r[col["Datum\ningang"]] = "31-02-2024"
    rows.append((2000, r, "ongeldige ingangsdatum 31-02-2024", "fout"))
    r = variant(base[70], 2_900_007)
    r[col["BSN"]] = "123456789"
    rows.append((2400, r, "BSN 123456789 voldoet niet aan de elfproef", "fout of waarschuwing"))
    rows.append((3000, None, "lege rij midden in de gegevens", "overgeslagen (eventueel waarschuwing)"))
    return rows


def write_toewijzingen(target: Path, demo: Demo) -> list[dict]:
    """Write the Zorgned-like export; return the messy rows with their Excel row numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Toewijzingen"
    ws.append(["Gemeente Voorbeeldstad – Overzicht toewijzingen Wmo 2015"])
    ws.append(["Bron: Zorgned, export 01-07-2025 08:00 | selectie: toewijzingen actief tussen "
               "01-01-2021 en 30-06-2025 | alle teams"])
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"].font = Font(italic=True, color="555555")
    ws.append(TOEWIJZING_HEADERS)
    _style_header(ws, TITLE_ROWS + 1)
    ws.row_dimensions[TITLE_ROWS + 1].height = 30
    data = [_toewijzing_row(t) for t in exported_toewijzingen(demo)]
    messy = sorted(_messy_rows(demo), key=lambda m: m[0])
    report = []
    for offset, (position, row, what, expected) in enumerate(messy):
        index = position + offset
        data.insert(index, row)
        report.append({"rij": TITLE_ROWS + 2 + index, "probleem": what, "verwacht": expected})
    volume_col = TOEWIJZING_HEADERS.index("Omvang")
    total = [None] * len(TOEWIJZING_HEADERS)
    total[0] = "Totaal"
    total[volume_col] = sum(r[volume_col] for r in data if r is not None and isinstance(r[volume_col], int))
    data.append(total)
    report.append({"rij": TITLE_ROWS + 2 + len(data) - 1, "probleem": "totaalregel 'Totaal' onderaan",
                   "verwacht": "overgeslagen als totaalregel (waarschuwing of fout)"})
    date_cols = {TOEWIJZING_HEADERS.index("Datum\ningang") + 1, TOEWIJZING_HEADERS.index("Datum\neinde") + 1}
    euro_col = TOEWIJZING_HEADERS.index("Maximaal bedrag") + 1
    current = TITLE_ROWS + 1
    for row in data:
        ws.append([] if row is None else row)
        current += 1
        if row is None:
            continue
        for column in date_cols:
            cell = ws.cell(current, column)
            if isinstance(cell.value, datetime):
                cell.number_format = DATE_FORMAT
        if row[euro_col - 1] is not None:
            ws.cell(current, euro_col).number_format = EURO_FORMAT
    ws.freeze_panes = ws.cell(TITLE_ROWS + 2, 1)
    ws.auto_filter.ref = f"A{TITLE_ROWS + 1}:{get_column_letter(len(TOEWIJZING_HEADERS))}{current - 1}"
    # A hidden sheet as real exports have (query parameters); the importer must skip it.
    hidden = wb.create_sheet("Selectie")
    hidden.append(["Parameter", "Waarde"])
    hidden.append(["Peildatum van", "01-01-2021"])
    hidden.append(["Peildatum tot", "30-06-2025"])
    hidden.append(["Gebruiker", "export_wmo"])
    hidden.sheet_state = "hidden"
    save_workbook(wb, target, creator="Zorgned export")
    return report


DECLARATIE_HEADERS = [
    "Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
    "Prestatieperiode van", "Periode eind", "Geleverd volume", "Eenheid", "Tarief",
    "Ingediend bedrag", "Toegekend bedrag", "Status", "Debet/Credit", "Origineel declaratienummer",
]
_T, _N, _D, _E = demo_xlsx.TEXT, demo_xlsx.NUMBER, demo_xlsx.DATE, demo_xlsx.EURO
DECLARATIE_KINDS = [_N, _N, _N, _T, _T, _T, _D, _D, _N, _T, _E, _E, _E, _T, _T, _N]


def write_declaraties(target: Path, demo: Demo) -> int:
    """The declaratieportaal export (Excel); credit lines carry 'C', negative amounts and the original number."""
    def rows():
        for d in demo.declaraties:
            if not d.exported:
                continue
            t = d.toewijzing
            yield (d.nummer, t.nummer, int(t.client.bsn), t.categorie, t.product.code, t.aanbieder.agb,
                   d.periode_start, d.periode_eind, d.volume, t.product.eenheid, d.tarief, d.bedrag, d.toegekend,
                   d.status, "C" if d.credit_van else "D", d.credit_van.nummer if d.credit_van else None)

    demo_xlsx.write_table(target, "Declaraties", DECLARATIE_HEADERS, DECLARATIE_KINDS, rows(),
                          widths=[16, 16, 12, 14, 12, 11, 18, 13, 14, 9, 10, 14, 14, 12, 12, 22])
    return sum(1 for d in demo.declaraties if d.exported)


TARIEF_HEADERS = [
    "Productcode", "Product", "AGB-code", "Aanbieder", "Tarief", "Eenheid", "Bekostigingsvorm",
    "Contractvorm", "Budgetplafond", "Tussentijdse toetreding", "Ingangsdatum", "Einddatum",
]


def write_tarieven(target: Path, plafonds: dict) -> None:
    """Tarieven per year; dagbesteding is tendered with a budgetplafond per aanbieder from 2024.

    ``plafonds``: {(jaar, agb): euro}. The plafond holds for all dagbesteding products of the
    aanbieder together and is repeated on each of its product rows.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Tarieven"
    ws.append(TARIEF_HEADERS)
    _style_header(ws, 1, {2: 30, 4: 30})
    for jaar in JAREN:
        for product in PRODUCTS:
            for aanbieder in AANBIEDERS:
                if product.categorie not in aanbieder.aandelen:
                    continue
                bekostiging = "outputgericht" if product.eenheid == "83" else "inspanningsgericht"
                plafond = plafonds.get((jaar, aanbieder.agb)) if product.categorie == "07" else None
                ws.append([
                    product.code, product.omschrijving, aanbieder.agb, aanbieder.naam, tarief(product, jaar),
                    product.eenheid, bekostiging, "Aanbesteding" if plafond else "Open house", plafond,
                    "nee" if plafond else "ja", datetime(jaar, 1, 1), datetime(jaar, 12, 31),
                ])
                row = ws.max_row
                ws.cell(row, 5).number_format = EURO_FORMAT
                ws.cell(row, 9).number_format = '"€" #,##0'
                ws.cell(row, 11).number_format = DATE_FORMAT
                ws.cell(row, 12).number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    save_workbook(wb, target)


WIJK_HEADERS = [
    "Jaar", "Wijkcode", "Wijknaam", "Inwoners", "Inwoners 75+", "Eenpersoonshuishoudens",
    "Huishoudens met laag inkomen", "Laag opgeleid", "Kernen", "Postcodes", "CBS-wijk (model)",
]


def write_wijken(target: Path, cal) -> None:
    """One row per wijk per year (as on 1 January)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Wijken"
    ws.append(WIJK_HEADERS)
    _style_header(ws, 1, {3: 20, 7: 18, 10: 18})
    for jaar in JAREN:
        for w in cal.wijken:
            x = w.indicatoren(jaar)
            ws.append([jaar, w.code, w.naam, x["inwoners"], x["inwoners_75plus"], x["eenpersoonshuishoudens"],
                       x["huishoudens_laag_inkomen"], x["laag_opgeleid"], x["kernen"], ", ".join(w.postcodes),
                       w.cbs_code])
    ws.freeze_panes = "A2"
    save_workbook(wb, target)


BUDGET_HEADERS = ["Jaar", "Taakveld", "Productcategorie", "Bedrag", "Soort"]


def write_budget(target: Path, budget: dict) -> None:
    """``budget``: {(jaar, categorie): (bedrag, soort)}; taakvelden of 2025 from 2025 on."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget Wmo"
    ws.append(BUDGET_HEADERS)
    _style_header(ws, 1, {2: 34, 4: 16})
    for (jaar, categorie), (bedrag, soort) in sorted(budget.items()):
        taakveld = (TAAKVELD_2025 if jaar >= 2025 else TAAKVELD_VOOR)[categorie]
        ws.append([jaar, taakveld, categorie, bedrag, soort])
        ws.cell(ws.max_row, 4).number_format = '"€" #,##0'
    ws.freeze_panes = "A2"
    save_workbook(wb, target)


FORMATIE_HEADERS = ["Team", "Wijkcodes", "Jaar", "Fte", "Kosten per fte"]


def write_formatie(target: Path, formatie: dict) -> None:
    """``formatie``: {(team, jaar): (fte, kosten_per_fte)}."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Formatie toegang"
    ws.append(FORMATIE_HEADERS)
    _style_header(ws, 1, {1: 16, 2: 24, 5: 16})
    for jaar in JAREN:
        for team, wijken in TEAMS.items():
            fte, kosten = formatie[(team, jaar)]
            ws.append([team, ", ".join(wijken), jaar, fte, kosten])
            ws.cell(ws.max_row, 5).number_format = '"€" #,##0'
    ws.freeze_panes = "A2"
    save_workbook(wb, target)
