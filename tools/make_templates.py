"""Write the empty Excel templates (one per import kind) into resources/templates.

Why templates: a gemeente without a usable export (or with a hand-made sheet)
gets a sheet whose headers the import recognises without a mapping, plus an
"Uitleg" sheet that says per column what it means, in which format, which
iWmo codes apply and whether it is required. Headers come from one table
below that a test runs through ``detect()``; the files are byte-identical on
every run (fixed workbook properties and zip timestamps).

Usage:  python tools/make_templates.py [--uit resources/templates]
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO))

from deterministic_xlsx import save_workbook  # noqa: E402

from wijkkompas.core.imports import codelists  # noqa: E402
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORT_LABELS, SOORTEN  # noqa: E402

DEFAULT_OUT = REPO / "resources" / "templates"


def _codes(table: dict[str, str]) -> str:
    return "; ".join(f"{code} = {name}" for code, name in table.items())


DATUM = "datum dd-mm-jjjj (of een Excel-datum)"
BEDRAG = "bedrag in euro, bijvoorbeeld 1.234,56"
TEKST = "tekst"
GETAL = "geheel getal"

# canonical -> (header in the template, meaning, format, codes/examples); per kind where it differs.
COMMON: dict[str, tuple[str, str, str, str]] = {
    "client_id": ("BSN", "Burgerservicenummer of cliëntnummer. Wordt bij het inlezen direct vervangen door een "
                  "pseudoniem (versleuteld met een sleutel per project); het nummer zelf wordt niet bewaard.",
                  "9 cijfers (BSN) of het cliëntnummer uit uw systeem", "bijvoorbeeld 123456782"),
    "geboortejaar": ("Geboortejaar", "Geboortejaar van de cliënt (geen volledige geboortedatum).", "jaartal",
                     "bijvoorbeeld 1948"),
    "geslacht": ("Geslacht", "Geslacht van de cliënt.", TEKST, "M, V of O (onbekend)"),
    "postcode4": ("Postcode (4 cijfers)", "Cijfers van de postcode van het woonadres; letters worden bij het "
                  "inlezen weggelaten.", "4 cijfers", "bijvoorbeeld 7411"),
    "wijk_code": ("Wijkcode", "Code van de wijk of het gebied, zoals uw gemeente die gebruikt.", TEKST,
                  "bijvoorbeeld W01 of WK015001"),
    "beschikkingnummer": ("Beschikkingnummer", "Nummer van de beschikking (het besluit).", TEKST, ""),
    "toewijzingnummer": ("Toewijzingnummer", "Nummer van de toewijzing aan de aanbieder (iWmo-bericht 301); "
                         "uniek per toewijzing.", TEKST, "bijvoorbeeld 2000123"),
    "productcategorie": ("Productcategorie", "iWmo-productcategorie (codelijst WMO020).", "code van 2 cijfers",
                         _codes(codelists.PRODUCTCATEGORIE)),
    "productcode": ("Productcode", "Productcode uit uw productcodelijst (5 tekens).", TEKST, "bijvoorbeeld 02A01"),
    "product_omschrijving": ("Productomschrijving", "Naam van het product.", TEKST,
                             "bijvoorbeeld Begeleiding individueel"),
    "leveringsvorm": ("Leveringsvorm", "Zorg in natura of persoonsgebonden budget.", TEKST, "ZIN of PGB"),
    "aanbieder_code": ("AGB-code", "AGB-code van de aanbieder (of uw eigen leverancierscode).", "8 cijfers",
                       "bijvoorbeeld 98012345"),
    "aanbieder_naam": ("Aanbieder", "Naam van de aanbieder (organisatie, geen persoon).", TEKST, ""),
    "ingangsdatum": ("Ingangsdatum", "Eerste dag waarop de toewijzing of het tarief geldt.", DATUM, ""),
    "einddatum": ("Einddatum", "Laatste dag waarop de toewijzing of het tarief geldt; leeg = doorlopend.", DATUM, ""),
    "volume": ("Volume", "Toegewezen omvang, in de eenheid en per frequentie hieronder.", "getal",
               "bij eenheid 83 (euro's) het bedrag in eurocent, zoals iWmo voorschrijft"),
    "eenheid": ("Eenheid", "Eenheid van het volume (iWmo-codelijst WJ756).", "code van 2 cijfers",
                _codes(codelists.EENHEID)),
    "frequentie": ("Frequentie", "Per welke periode het volume geldt (iWmo-codelijst WMO757).", "code",
                   _codes(codelists.FREQUENTIE)),
    "budget": ("Budget (€)", "Maximaal bedrag van de toewijzing of het pgb, indien van toepassing.", BEDRAG, ""),
    "reden_beeindiging": ("Reden beëindiging", "Waarom de toewijzing is beëindigd.", TEKST,
                          "bijvoorbeeld Overlijden, Verhuizing, Doelen behaald"),
    "toegang_team": ("Toegangsteam", "Team of loket dat de toegang deed (wijkteam, Wmo-loket).", TEKST,
                     "bijvoorbeeld Wijkteam Noord"),
    "declaratienummer": ("Declaratienummer", "Nummer van de declaratieregel of het declaratiebericht.", TEKST, ""),
    "periode_start": ("Periode begin", "Eerste dag van de prestatieperiode.", DATUM, ""),
    "periode_eind": ("Periode eind", "Laatste dag van de prestatieperiode.", DATUM, ""),
    "geleverd_volume": ("Geleverd volume", "Geleverde omvang in de periode, in de eenheid hiernaast.", "getal",
                        "bij eenheid 83 (euro's) in eurocent"),
    "producttarief": ("Producttarief (€)", "Tarief per eenheid.", BEDRAG, ""),
    "ingediend_bedrag": ("Ingediend bedrag (€)", "Door de aanbieder gedeclareerd bedrag.", BEDRAG, ""),
    "toegekend_bedrag": ("Toegekend bedrag (€)", "Door de gemeente goedgekeurd bedrag (0 bij afwijzing).",
                         BEDRAG, ""),
    "status": ("Status", "Status van de declaratieregel.", TEKST, "bijvoorbeeld Goedgekeurd, Afgewezen"),
    "tarief": ("Tarief (€)", "Tarief per eenheid volgens het contract.", BEDRAG, ""),
    "bekostigingsvorm": ("Bekostigingsvorm", "Uitvoeringsvariant van de bekostiging.", TEKST,
                         "inspanningsgericht, outputgericht of taakgericht"),
    "contractvorm": ("Contractvorm", "Hoe het product is ingekocht.", TEKST,
                     "bijvoorbeeld Open house, Aanbesteding, Subsidie"),
    "budgetplafond": ("Budgetplafond (€)", "Maximaal jaarbedrag voor deze aanbieder, als er een plafond is.",
                      BEDRAG, "leeg = geen plafond"),
    "tussentijdse_toetreding": ("Tussentijdse toetreding", "Kunnen nieuwe aanbieders tijdens de looptijd "
                                "toetreden?", TEKST, "ja of nee"),
    "wijk_naam": ("Wijknaam", "Naam van de wijk.", TEKST, ""),
    "inwoners": ("Inwoners", "Aantal inwoners van de wijk.", GETAL, ""),
    "inwoners_75plus": ("Inwoners 75+", "Aantal inwoners van 75 jaar en ouder.", GETAL, ""),
    "eenpersoonshuishoudens": ("Eenpersoonshuishoudens", "Aantal eenpersoonshuishoudens.", GETAL, ""),
    "huishoudens_laag_inkomen": ("Huishoudens met laag inkomen", "Aantal huishoudens met een laag inkomen "
                                 "(CBS-definitie).", GETAL, ""),
    "laag_opgeleid": ("Laag opgeleid", "Aantal inwoners (15–75 jaar) met een laag opleidingsniveau.", GETAL, ""),
    "kernen": ("Kernen", "Aantal woonkernen in de wijk (gemeentefonds: kernen met minstens 500 adressen).",
               GETAL, "bijvoorbeeld 1 voor een stadswijk, 3 voor een buitengebied"),
    "jaar": ("Jaar", "Begrotings- of boekjaar.", "jaartal", "bijvoorbeeld 2025"),
    "taakveld": ("Taakveld", "Iv3-taakveld.", TEKST, "bijvoorbeeld 6.71a Huishoudelijke hulp (WMO)"),
    "bedrag": ("Bedrag (€)", "Bedrag in euro (netto lasten).", BEDRAG, ""),
    "soort": ("Soort", "Begroting of realisatie.", TEKST, "begroting of realisatie"),
    "credit": ("Debet/Credit", "D voor een gewone declaratie, C voor een creditregel die een eerdere declaratie "
               "terugdraait. Een creditregel mag ook negatieve bedragen hebben; dan is deze kolom niet nodig.",
               TEKST, "D of C"),
    "origineel_declaratienummer": ("Origineel declaratienummer", "Bij een creditregel: het nummer van de "
                                   "declaratie die wordt teruggedraaid.", TEKST, "leeg bij een gewone declaratie"),
    "team": ("Team", "Naam van het toegangsteam (wijkteam, sociaal team, Wmo-loket).", TEKST,
             "bijvoorbeeld Team Noord"),
    "wijk_codes": ("Wijkcodes", "De wijken waarvoor het team de toegang doet, gescheiden door komma's "
                   "(dezelfde codes als in de wijkgegevens).", TEKST, "bijvoorbeeld W01, W02, W03"),
    "fte": ("Fte", "Formatie van het team in fte (voltijdbanen).", "getal met decimalen", "bijvoorbeeld 12,4"),
    "kosten_per_fte": ("Kosten per fte (€)", "Jaarlijkse loonkosten (inclusief werkgeverslasten) per fte.",
                       BEDRAG, "bijvoorbeeld 85.000"),
}
PER_SOORT: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("wijken", "postcode4"): ("Postcode (PC4)", "Postcodes (4 cijfers) die in de wijk liggen.", TEKST,
                              "bijvoorbeeld 7411, 7412"),
    ("budget", "productcategorie"): ("Productcategorie", "iWmo-productcategorie, als het budget per product is.",
                                     "code van 2 cijfers", "01 = Hulp bij het huishouden; 02 = Begeleiding; "
                                     "07 = Dagbesteding; …"),
    ("tarieven", "eenheid"): ("Eenheid", "Eenheid waarop het tarief betrekking heeft (WJ756).",
                              "code van 2 cijfers", _codes(codelists.EENHEID)),
    ("wijken", "jaar"): ("Jaar", "Jaar waarop de cijfers betrekking hebben (stand 1 januari). Eén regel per wijk per "
                         "jaar; laat leeg als u maar één jaar aanlevert.", "jaartal", "bijvoorbeeld 2025"),
    ("formatie", "jaar"): ("Jaar", "Jaar waarvoor de formatie geldt (stand 1 januari).", "jaartal",
                           "bijvoorbeeld 2025"),
}
ALGEMEEN = {
    "toewijzingen": "Eén regel per toewijzing (product per cliënt per periode).",
    "declaraties": "Eén regel per gedeclareerde prestatie (per toewijzing per periode).",
    "tarieven": "Eén regel per product per aanbieder per tariefperiode.",
    "wijken": "Eén regel per wijk (per jaar, als u meerdere jaren aanlevert).",
    "budget": "Eén regel per jaar, taakveld of productcategorie en soort (begroting/realisatie).",
    "formatie": "Eén regel per toegangsteam per jaar.",
}


def column_spec(soort: str, canonical: str) -> tuple[str, str, str, str]:
    return PER_SOORT.get((soort, canonical)) or COMMON[canonical]


def template_headers(soort: str) -> dict[str, str]:
    """canonical -> header in the template (used by the test that runs them through detect())."""
    return {c: column_spec(soort, c)[0] for c in CANONICAL_COLUMNS[soort]}


HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
REQUIRED_FILL = PatternFill("solid", fgColor="F6D8A8")


def write_template(soort: str, target: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = SOORT_LABELS[soort].split(" (")[0][:31]
    required = set(REQUIRED_COLUMNS[soort])
    headers = template_headers(soort)
    ws.append(list(headers.values()))
    for index, (canonical, header) in enumerate(headers.items(), start=1):
        cell = ws.cell(1, index)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if canonical in required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(index)].width = max(12, min(30, len(header) + 4))
    ws.freeze_panes = "A2"
    if "leveringsvorm" in headers:
        column = get_column_letter(list(headers).index("leveringsvorm") + 1)
        validation = DataValidation(type="list", formula1='"ZIN,PGB"', allow_blank=True)
        validation.add(f"{column}2:{column}10000")
        ws.add_data_validation(validation)

    uitleg = wb.create_sheet("Uitleg")
    uitleg.append([f"Sjabloon {SOORT_LABELS[soort]} – uitleg per kolom"])
    uitleg["A1"].font = Font(bold=True, size=13)
    uitleg.append([ALGEMEEN[soort] + " De kop moet in de eerste regel staan; de volgorde van de kolommen maakt "
                   "niet uit en kolommen die u niet heeft, mag u weglaten (behalve de verplichte, oranje)."])
    uitleg.append(["Zet geen namen, adressen, telefoonnummers of e-mailadressen in het bestand: Wijkkompas leest "
                   "ze niet in. Datums als dd-mm-jjjj, bedragen in euro met een decimale komma. Geen totaalregels."])
    uitleg.append([])
    uitleg.append(["Kolom", "Verplicht", "Betekenis", "Formaat", "Codes en voorbeelden", "Naam in Wijkkompas"])
    for cell in uitleg[5]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for canonical in CANONICAL_COLUMNS[soort]:
        header, meaning, fmt, codes = column_spec(soort, canonical)
        uitleg.append([header, "ja" if canonical in required else "nee", meaning, fmt, codes, canonical])
    for column, width in zip("ABCDEF", (26, 10, 60, 30, 60, 24)):
        uitleg.column_dimensions[column].width = width
    for row in uitleg.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    save_workbook(wb, target)


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for soort in SOORTEN:
        target = out_dir / f"{soort}.xlsx"
        write_template(soort, target)
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Schrijf de lege importsjablonen.")
    parser.add_argument("--uit", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    for path in build(args.uit):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
