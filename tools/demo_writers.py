"""Write the Voorbeeldstad demo exports the way real source systems deliver them.

Why the mess is deliberate: toewijzingen.xlsx imitates a Zorgned export (title
rows above the header, headers with a line break, dates partly as text,
leading zeros lost in some cells) and carries a handful of faulty rows so the
import's validation report has something to show. The other files are clean.
"""
from __future__ import annotations

import copy
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from demo_model import (
    AANBIEDERS,
    CATEGORIE_NAMEN,
    GEMEENTE,
    GEMEENTE_NAAM,
    PRODUCTS,
    SEED,
    TAAKVELD_VOOR,
    ZIN_DEEL_VAN_NETTO,
    Calibration,
    Demo,
    Toewijzing,
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


def _nl_number(value: float, decimals: int = 2) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


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
        per_jaar = t.volume * (52 if t.product.frequentie == "2" else 12) * t.product.tarief_2024 * 0.95
        budget = round(per_jaar, 2)
    return [
        t.client.bsn, t.client.naam, t.client.geboortejaar, t.client.geslacht, t.client.postcode,
        t.client.wijk.code, t.beschikking, t.nummer, categorie, t.product.code, t.product.omschrijving,
        t.leveringsvorm, t.aanbieder.agb, t.aanbieder.naam,
        _nl_date(t.ingang) if text_dates else _excel_date(t.ingang),
        _nl_date(t.einde) if text_dates else _excel_date(t.einde),
        int(t.volume), t.product.eenheid, t.product.frequentie, budget, t.reden, t.client.wijk.team,
    ]


def _messy_rows(demo: Demo) -> list[tuple[int, list | None, str, str]]:
    """(position in data, row values or None for empty, what is wrong, expected finding)."""
    base = [t for t in demo.toewijzingen if t.leveringsvorm == "ZIN" and t.product.code == "02A01"]
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


def write_toewijzingen(target: Path, demo: Demo, cal: Calibration) -> list[dict]:
    """Write the Zorgned-like export; return the messy rows with their Excel row numbers."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Toewijzingen"
    ws.append(["Gemeente Voorbeeldstad – Overzicht toewijzingen Wmo 2015"])
    ws.append(["Bron: Zorgned, export 06-01-2025 08:00 | selectie: toewijzingen actief tussen "
               "01-01-2023 en 31-12-2024 | alle teams"])
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"].font = Font(italic=True, color="555555")
    ws.append(TOEWIJZING_HEADERS)
    _style_header(ws, TITLE_ROWS + 1)
    ws.row_dimensions[TITLE_ROWS + 1].height = 30
    data = [_toewijzing_row(t) for t in demo.toewijzingen]
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
    hidden.append(["Peildatum van", "01-01-2023"])
    hidden.append(["Peildatum tot", "31-12-2024"])
    hidden.append(["Gebruiker", "export_wmo"])
    hidden.sheet_state = "hidden"
    save_workbook(wb, target, creator="Zorgned export")
    return report


DECLARATIE_HEADERS = [
    "Declaratienummer", "Toewijzingnummer", "BSN", "Productcategorie", "Productcode", "AGB-code",
    "Zorgaanbieder", "Prestatieperiode van", "Periode eind", "Geleverd volume", "Eenheid", "Tarief",
    "Ingediend bedrag", "Toegekend bedrag", "Status",
]


def write_declaraties(target: Path, demo: Demo) -> None:
    """``;``-separated, Windows-1252, Dutch decimals, CRLF: how a VECOZO/Zorgned export opens in Excel."""
    lines = [";".join(DECLARATIE_HEADERS)]
    for d in demo.declaraties:
        t = d.toewijzing
        lines.append(";".join([
            d.nummer, str(t.nummer), t.client.bsn, t.categorie, t.product.code, t.aanbieder.agb,
            t.aanbieder.naam, _nl_date(d.periode_start), _nl_date(d.periode_eind), str(d.volume),
            t.product.eenheid, _nl_number(d.tarief), _nl_number(d.bedrag), _nl_number(d.toegekend), d.status,
        ]))
    target.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


TARIEF_HEADERS = [
    "Productcode", "Product", "AGB-code", "Aanbieder", "Tarief", "Eenheid", "Bekostigingsvorm",
    "Contractvorm", "Budgetplafond", "Tussentijdse toetreding", "Ingangsdatum", "Einddatum",
]


# Dagbesteding is tendered with a budget ceiling per aanbieder (per year, all its dagbesteding products).
PLAFONDS = {(2023, "98011005"): 640_000, (2023, "98011007"): 600_000, (2023, "98011008"): 470_000,
            (2023, "98011010"): 430_000, (2024, "98011005"): 680_000, (2024, "98011007"): 640_000,
            (2024, "98011008"): 500_000, (2024, "98011010"): 455_000}


def write_tarieven(target: Path, demo: Demo) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tarieven"
    ws.append(TARIEF_HEADERS)
    _style_header(ws, 1, {2: 30, 4: 30})
    for jaar in (2023, 2024):
        for product in PRODUCTS:
            for aanbieder in AANBIEDERS:
                if product.categorie not in aanbieder.aandelen:
                    continue
                tarief = product.tarief_2023 if jaar == 2023 else product.tarief_2024
                bekostiging = "outputgericht" if product.eenheid == "83" else "inspanningsgericht"
                dagbesteding = product.categorie == "07"
                ws.append([
                    product.code, product.omschrijving, aanbieder.agb, aanbieder.naam, tarief, product.eenheid,
                    bekostiging, "Aanbesteding" if dagbesteding else "Open house",
                    PLAFONDS.get((jaar, aanbieder.agb)) if dagbesteding else None,
                    "nee" if dagbesteding else "ja",
                    datetime(jaar, 1, 1), datetime(jaar, 12, 31),
                ])
                row = ws.max_row
                ws.cell(row, 5).number_format = EURO_FORMAT
                ws.cell(row, 9).number_format = '"€" #,##0'
                ws.cell(row, 11).number_format = DATE_FORMAT
                ws.cell(row, 12).number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    save_workbook(wb, target)


WIJK_HEADERS = [
    "Wijkcode", "Wijknaam", "Inwoners", "Inwoners 75+", "Eenpersoonshuishoudens",
    "Huishoudens met laag inkomen", "Postcodes", "CBS-wijk (model)",
]
RATIO_75_VAN_65 = 0.44  # share of 75+ among 65+ in Overijssel, order of magnitude (assumption)


def write_wijken(target: Path, cal: Calibration) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Wijken"
    ws.append(WIJK_HEADERS)
    _style_header(ws, 1, {2: 20, 6: 18, 7: 18})
    for w in cal.wijken:
        laag = w.laag_inkomen_pct
        ws.append([
            w.code, w.naam, w.inwoners, int(round(w.k65plus * RATIO_75_VAN_65)), w.eenpersoons,
            None if laag != laag else int(round(laag / 100 * w.huishoudens)), ", ".join(w.postcodes), w.cbs_code,
        ])
    ws.freeze_panes = "A2"
    save_workbook(wb, target)


BUDGET_HEADERS = ["Jaar", "Taakveld", "Productcategorie", "Bedrag", "Soort"]


def write_budget(target: Path, cal: Calibration) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget Wmo"
    ws.append(BUDGET_HEADERS)
    _style_header(ws, 1, {2: 34, 4: 16})
    rows = [(2023, TAAKVELD_VOOR[c], c, cal.netto_2023[c], "realisatie") for c in ("01", "02", "07")]
    for jaar in (2024, 2025):
        rows += [(jaar, TAAKVELD_VOOR[c], c, cal.begroting[(jaar, c)], "begroting") for c in ("01", "02", "07")]
    for jaar, taakveld, categorie, bedrag, soort in rows:
        ws.append([jaar, taakveld, categorie, round(bedrag), soort])
        ws.cell(ws.max_row, 4).number_format = '"€" #,##0'
    ws.freeze_panes = "A2"
    save_workbook(wb, target)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _eur(value: float) -> str:
    text = f"{value:,.0f}".replace(",", ".")
    return f"€ {text}"


def _active_on(demo: Demo, day: date, categorie: str) -> int:
    return len({t.client.bsn for t in demo.toewijzingen if t.categorie == categorie
                and t.ingang <= day and (t.einde is None or t.einde >= day)})


def write_readme(target: Path, demo: Demo, cal: Calibration, messy: list[dict]) -> dict:
    """The README states every number the calibration used, so a reader can check it."""
    peildag = date(2024, 7, 1)
    volw = cal.volwassenen
    n_decl = len(demo.declaraties)
    lines = [
        "# Demodata: Voorbeeldstad",
        "",
        "Voorbeeldstad is een **fictieve** gemeente. De bestanden in deze map zijn exports zoals een "
        "gemeente ze uit haar eigen systemen haalt (Zorgned, declaratieportaal, financiële administratie). "
        "Ze worden gemaakt door `tools/make_demo.py` (vaste seed "
        f"{SEED}; opnieuw draaien geeft byte-voor-byte dezelfde bestanden) en gebruikt door het demoproject "
        "(`demo.json`, sleutel `imports`).",
        "",
        "## Echte gemeente als model",
        "",
        f"Wijkindeling en bevolking komen van **{GEMEENTE_NAAM} ({GEMEENTE})**: de 15 wijken WK015001–WK015015 "
        f"uit de CBS-cijfers in `../shared/reference-sources/wmo-clienten/hbh_clienten_wijk_2017_2020.csv`, "
        f"periode **{cal.wijken[0].periode}** (de laatste halfjaarcijfers per wijk en de bevolkingscijfers uit de CBS "
        "Kerncijfers wijken en buurten die het bestand bij die periode vermeldt). De wijken kregen fictieve namen "
        "en codes W01–W15. "
        "Het aandeel huishoudens met een laag inkomen is het laatst gepubliceerde cijfer per wijk (2018).",
        "",
        "| Code | Wijk (fictief) | CBS-wijk (model) | Inwoners | 65+ | HbH-cliënten CBS | Postcodes |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for w in cal.wijken:
        lines.append(f"| {w.code} | {w.naam} | {w.cbs_code} | {_n(w.inwoners)} | {_n(w.k65plus)} | {w.hbh_clienten} | "
                     f"{', '.join(w.postcodes)} |")
    lines += [
        "",
        f"Totaal: {_n(cal.inwoners)} inwoners, waarvan naar schatting {_n(volw)} volwassenen (18+: inwoners min "
        "0–15 jaar min 3/10 van 15–25 jaar).",
        "Postcodes (PC4) zijn fictief toegekend; ze lijken op echte postcodes maar volgen de echte wijkgrenzen niet.",
        "",
        "## Kalibratie",
        "",
        "- **Cliënten hulp bij het huishouden per wijk**: het aantal actieve HbH-cliënten per wijk volgt het echte "
        "CBS-aantal per wijk (tabel hierboven). Instroom en uitstroom zijn zo gekozen dat de caseload stabiel blijft "
        "(gemiddelde duur HbH 40 maanden, begeleiding 20, dagbesteding 36).",
        "- **Begeleiding en dagbesteding**: er zijn geen wijkcijfers; aanname 7,8 actieve cliënten begeleiding en "
        "2,5 dagbesteding per 1.000 inwoners, verdeeld naar inkomen (begeleiding) en vergrijzing (dagbesteding).",
        f"- **Uitgaven**: {cal.iv3_bron}. De gedeclareerde zorg in natura 2024 is afgestemd op "
        f"{int(ZIN_DEEL_VAN_NETTO * 100)}% van de netto lasten 2023 per taakveld; de overige "
        f"{100 - int(ZIN_DEEL_VAN_NETTO * 100)}% staat voor pgb en eigen uitvoeringskosten. "
        "Het gemeentelijke bedrag per volwassene komt zo overeen met dat van de modelgemeente.",
        "- Tarieven 2024 zijn fictief maar van realistische grootte (HbH € 0,59 per minuut ≈ € 35,40 per uur; "
        "begeleiding € 66,12 per uur; dagbesteding € 44,28 per dagdeel).",
        "",
        "| Productcategorie | Netto lasten 2023 (Iv3) | per volwassene | Gedeclareerd (toegekend) 2024 in demo | "
        "Actieve cliënten 1-7-2024 |",
        "|---|---:|---:|---:|---:|",
    ]
    facts = {"toewijzingen": len(demo.toewijzingen), "declaraties": n_decl, "per_categorie": {}}
    for categorie in ("01", "02", "07"):
        netto = cal.netto_2023[categorie]
        active = _active_on(demo, peildag, categorie)
        gedeclareerd = demo.gedeclareerd.get(categorie, 0.0)
        lines.append(f"| {categorie} {CATEGORIE_NAMEN[categorie]} | {_eur(netto)} | {_eur(netto / volw)} | "
                     f"{_eur(gedeclareerd)} | {_n(active)} |")
        facts["per_categorie"][categorie] = {"netto_2023": netto, "gedeclareerd_2024": round(gedeclareerd, 2),
                                             "actief_1_7_2024": active}
    lines += [
        "",
        "## Bestanden",
        "",
        f"- `toewijzingen.xlsx` – Zorgned-achtige export van {_n(len(demo.toewijzingen))} toewijzingen die tussen "
        "01-01-2023 en 31-12-2024 actief waren. Twee titelregels boven de kop, kopteksten met een regeleinde, "
        "datums deels als tekst (dd-mm-jjjj) en deels als echte datum, een productcategorie hier en daar zonder "
        "voorloopnul, fictieve BSN's (9-reeks, geldig volgens de elfproef) en een kolom 'Naam cliënt' met "
        "fictieve namen die bij het inlezen moet worden verwijderd. Een verborgen blad 'Selectie' bevat de "
        "zoekparameters. Cliëntgegevens zijn volledig synthetisch.",
        f"- `declaraties.csv` – {_n(n_decl)} maanddeclaraties 2024 per toewijzing (alleen zorg in natura), "
        "gescheiden door `;`, Windows-1252, decimale komma, CRLF. Ongeveer 1,2% is afgewezen "
        "(toegekend bedrag 0).",
        "- `tarieven.xlsx` – tarieven 2023 en 2024 per product en aanbieder, met bekostigingsvorm, contractvorm "
        "(HbH en begeleiding open house, dagbesteding aanbesteed met een budgetplafond per aanbieder per jaar).",
        "- `wijken.xlsx` – de 15 wijken met inwoners, 75-plussers (geschat als 44% van de 65-plussers), "
        "eenpersoonshuishoudens, huishoudens met laag inkomen en postcodes.",
        "- `budget.xlsx` – netto lasten per taakveld: realisatie 2023 en begroting 2024 en 2025 (Iv3 van de "
        "modelgemeente; 2025 omgezet naar de taakvelden van 2023).",
        "",
        "## Opzettelijk foute rijen (alleen in `toewijzingen.xlsx`)",
        "",
        "Zodat het foutenrapport van de import iets laat zien. Rijnummers zoals Excel ze toont:",
        "",
        "| Rij | Probleem | Verwacht bij inlezen |",
        "|---:|---|---|",
    ]
    for item in messy:
        lines.append(f"| {item['rij']} | {item['probleem']} | {item['verwacht']} |")
    lines += [
        "",
        "Alle andere rijen zijn geldig; `wijkkompas import resources/demo/toewijzingen.xlsx --json` eindigt daarom "
        "met exitcode 1 en noemt precies deze rijen. De andere vier bestanden lezen zonder fouten in (exitcode 0).",
        "",
        "## Opnieuw maken",
        "",
        "```",
        "python tools/make_demo.py            # schrijft naar resources/demo en werkt demo.json bij",
        "```",
        "",
        "Het script leest de CBS- en Iv3-bronbestanden uit `../shared/reference-sources/`; die worden niet "
        "meegeleverd in de app.",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")
    facts["foute_rijen"] = messy
    return facts
