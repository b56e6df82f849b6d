"""Dutch labels of the canonical import columns, for every place a user reads them.

Why in core: the mapping dialog, the Import panel and the exported controlerapport
must say "BSN / cliëntnummer", not the internal name ``client_id`` (the Excel
report showed internal names while the GUI showed these).
"""
from __future__ import annotations

COLUMN_LABELS = {
    "client_id": "BSN / cliëntnummer", "geboortejaar": "Geboortejaar", "geslacht": "Geslacht",
    "postcode4": "Postcode (4 cijfers)", "wijk_code": "Wijkcode", "wijk_naam": "Wijknaam",
    "beschikkingnummer": "Beschikkingnummer", "toewijzingnummer": "Toewijzingnummer",
    "productcategorie": "Productcategorie", "productcode": "Productcode",
    "product_omschrijving": "Productomschrijving", "leveringsvorm": "Leveringsvorm (ZIN/PGB)",
    "aanbieder_code": "AGB-code aanbieder", "aanbieder_naam": "Naam aanbieder", "ingangsdatum": "Ingangsdatum",
    "einddatum": "Einddatum", "volume": "Volume", "eenheid": "Eenheid", "frequentie": "Frequentie",
    "budget": "Budget", "reden_beeindiging": "Reden beëindiging", "toegang_team": "Toegangsteam",
    "declaratienummer": "Declaratienummer", "periode_start": "Periode begin", "periode_eind": "Periode eind",
    "geleverd_volume": "Geleverd volume", "producttarief": "Producttarief", "ingediend_bedrag": "Ingediend bedrag",
    "toegekend_bedrag": "Toegekend bedrag", "status": "Status", "tarief": "Tarief",
    "bekostigingsvorm": "Bekostigingsvorm", "contractvorm": "Contractvorm", "budgetplafond": "Budgetplafond",
    "tussentijdse_toetreding": "Tussentijdse toetreding", "inwoners": "Inwoners", "inwoners_75plus": "Inwoners 75+",
    "eenpersoonshuishoudens": "Eenpersoonshuishoudens", "huishoudens_laag_inkomen": "Huishoudens laag inkomen",
    "laag_opgeleid": "Laag opgeleid", "kernen": "Kernen", "jaar": "Jaar", "taakveld": "Taakveld",
    "bedrag": "Bedrag", "soort": "Soort (begroting/realisatie)",
    "credit": "Debet/credit", "origineel_declaratienummer": "Origineel declaratienummer (bij credit)",
    "team": "Team", "wijk_codes": "Wijkcodes van het team", "fte": "Fte", "kosten_per_fte": "Kosten per fte",
}



def column_label(canonical: str) -> str:
    return COLUMN_LABELS.get(canonical, canonical)
