"""Recognise the columns of a municipal export: one synonyms table, one normaliser.

Why one table: Zorgned, Suite4Sociaal Domein, MensCentraal, GWS4all and
hand-made sheets all name the same iWmo fields differently ("BSN",
"Cliëntnummer", "AGB-code", "Ingangs⏎datum"). Matching is done on a
normalised form (lower case, accents removed, every non-alphanumeric
character dropped, "+" read as "plus"), so case, accents, spaces, hyphens and
line breaks never matter. The same header can mean different columns in
different kinds ("Tarief" is ``producttarief`` in declaraties and ``tarief``
in tarieven), so lookups are always per kind; a synonym listed earlier for a
column wins when a file has two candidates for it.

Privacy: headers that look like names, addresses, phone numbers, e-mail,
bank accounts or full birth dates are recognised so they can be reported as
removed; they are never imported. Anything containing "naam" that is not a
known synonym (e.g. "Naam aanbieder") is treated as personal data: dropping
one column too many is cheaper than importing a client's name. "Postcode"
maps to ``postcode4``; validation truncates it to the four digits.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wijkkompas.core.errors import ImportFileError
from wijkkompas.core.imports.model import CANONICAL_COLUMNS, REQUIRED_COLUMNS, SOORTEN

# canonical column -> headers as they occur in exports, most specific first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "client_id": (
        "BSN", "Burgerservicenummer", "Clientnummer", "Cliëntnummer", "Client nr", "Client ID", "BSN client",
        "Client", "Cliënt", "Klantnummer", "Persoonsnummer", "Registratienummer client", "Sofinummer",
        "Client BSN", "Cliënt BSN", "BSN van de cliënt", "Burgerservicenummer cliënt",
    ),
    "geboortejaar": ("Geboortejaar", "Jaar van geboorte", "Geb jaar"),
    "geslacht": ("Geslacht", "Gender", "M/V"),
    "postcode4": (
        "PC4", "Postcode 4", "Postcode4", "Postcode", "Postcodegebied", "Postcode cijfers", "Postcodes",
        "Postcodegebieden", "PC4-gebieden",
    ),
    "wijk_code": ("Wijkcode", "Wijk code", "Code wijk", "Wijk", "Gebiedscode", "Gebied", "Stadsdeel", "Wijknummer"),
    "wijk_naam": ("Wijknaam", "Wijk naam", "Naam wijk", "Gebiedsnaam", "Naam gebied", "Stadsdeelnaam"),
    "beschikkingnummer": (
        "Beschikkingnummer", "Beschikkingsnummer", "Besluitnummer", "Beschikking nummer", "Beschikking ID", "Beschikking",
    ),
    "toewijzingnummer": (
        "Toewijzingnummer", "Toewijzingsnummer", "Ordernummer", "Toewijzing nummer", "Toewijzing ID", "Opdrachtnummer",
        "Toewijzing",
    ),
    "productcategorie": (
        "Productcategorie", "Product categorie", "Productcategoriecode", "Productcategorie code", "Categorie",
        "Productsoort", "Categorie code",
    ),
    "productcode": ("Productcode", "Product code", "Code product", "Productcode iWmo", "Productnummer"),
    "product_omschrijving": (
        "Productomschrijving", "Product omschrijving", "Omschrijving product", "Productnaam", "Product", "Voorziening",
        "Omschrijving",
    ),
    "leveringsvorm": (
        "Leveringsvorm", "Financieringsvorm", "Verstrekkingsvorm", "ZIN/PGB", "PGB/ZIN", "ZIN", "PGB",
    ),
    "aanbieder_code": (
        "AGB-code", "AGB", "AGB code aanbieder", "AGB-code zorgaanbieder", "Aanbieder code", "Aanbiedercode",
        "Code aanbieder", "Leveranciercode", "Leverancier code", "Zorgaanbieder code", "AGB aanbieder", "Aanbieder AGB",
        "Zorgverlenercode", "Zorgverlenerscode",
    ),
    "aanbieder_naam": (
        "Aanbieder naam", "Aanbiedernaam", "Naam aanbieder", "Naam zorgaanbieder", "Zorgaanbieder", "Aanbieder",
        "Leverancier", "Leveranciernaam", "Naam leverancier",
    ),
    "ingangsdatum": (
        "Ingangsdatum", "Begindatum", "Startdatum", "Datum ingang", "Datum start", "Datum begin", "Ingangsdatum toewijzing",
        "Toewijzing ingangsdatum", "Begindatum toewijzing", "Ingang", "Van", "Datum van", "Ingangsdatum beschikking",
        "Datum ingang toewijzing",
    ),
    "einddatum": (
        "Einddatum", "Datum einde", "Datum eind", "Einddatum toewijzing", "Toewijzing einddatum", "Tot en met", "T/m",
        "Einde", "Tot", "Datum tot", "Einddatum beschikking", "Datum einde toewijzing",
    ),
    "volume": (
        "Volume", "Omvang", "Omvang volume", "Aantal", "Toegekende omvang", "Omvang toewijzing", "Aantal eenheden",
    ),
    "eenheid": ("Eenheid", "Volume eenheid", "Eenheid volume", "Omvang eenheid", "Eenheid omvang"),
    "frequentie": ("Frequentie", "Frequentie omvang", "Omvang frequentie"),
    "budget": ("Budget", "Maximaal bedrag", "Maximaal budget", "Budget bedrag"),
    "reden_beeindiging": (
        "Reden beëindiging", "Reden einde", "Beëindigingsreden", "Reden stop", "Reden beëindiging toewijzing",
        "Reden einde toewijzing",
    ),
    "toegang_team": ("Toegangsteam", "Toegang", "Team", "Wijkteam", "Sociaal team", "Loket"),
    "declaratienummer": ("Declaratienummer", "Declaratie nummer", "Declaratie ID", "Factuurnummer", "Declaratie"),
    "periode_start": (
        "Periode begin", "Prestatieperiode van", "Begin periode", "Periode van", "Periode start", "Begindatum periode",
        "Begindatum prestatie", "Prestatie begindatum", "Begindatum", "Startdatum", "Datum van", "Van",
    ),
    "periode_eind": (
        "Periode eind", "Periode einde", "Prestatieperiode tot en met", "Prestatieperiode t/m", "Prestatieperiode tot",
        "Periode tot en met", "Periode t/m", "Periode tot", "Einde periode", "Einddatum periode", "Einddatum prestatie",
        "Prestatie einddatum", "Einddatum", "Tot en met", "Datum tot", "T/m",
    ),
    "geleverd_volume": (
        "Geleverd volume", "Geleverde omvang", "Geleverd aantal", "Aantal geleverd", "Volume", "Aantal", "Omvang",
    ),
    "producttarief": ("Producttarief", "Tarief", "Prijs", "Eenheidsprijs", "Tarief per eenheid"),
    "ingediend_bedrag": (
        "Ingediend bedrag", "Gedeclareerd bedrag", "Bedrag ingediend", "Bedrag gedeclareerd", "Declaratiebedrag",
        "Bedrag", "Totaalbedrag", "Berekend bedrag",
    ),
    "toegekend_bedrag": (
        "Toegekend bedrag", "Goedgekeurd bedrag", "Bedrag toegekend", "Bedrag goedgekeurd", "Uitbetaald bedrag",
        "Betaald bedrag",
    ),
    "status": ("Status", "Declaratiestatus", "Status declaratie", "Beoordeling"),
    "tarief": ("Tarief", "Producttarief", "Prijs", "Eenheidsprijs", "Tarief per eenheid"),
    "bekostigingsvorm": ("Bekostigingsvorm", "Uitvoeringsvariant", "Bekostiging"),
    "contractvorm": ("Contractvorm", "Contracttype", "Type contract", "Inkoopvorm", "Contract"),
    "budgetplafond": ("Budgetplafond", "Plafond", "Omzetplafond"),
    "tussentijdse_toetreding": ("Tussentijdse toetreding", "Tussentijds toetreden", "Toetreding"),
    "inwoners": ("Inwoners", "Aantal inwoners", "Inwonertal", "Bevolking", "Inwoners totaal"),
    "inwoners_75plus": (
        "Inwoners 75+", "75+", "75 jaar en ouder", "Inwoners 75 jaar en ouder", "75-plussers", "Aantal 75-plussers",
    ),
    "eenpersoonshuishoudens": (
        "Eenpersoonshuishoudens", "Eenpersoons huishoudens", "Huishoudens 1 persoon", "Alleenstaanden",
    ),
    "huishoudens_laag_inkomen": (
        "Huishoudens laag inkomen", "Huishoudens met laag inkomen", "Huishoudens met een laag inkomen", "Laag inkomen",
    ),
    "laag_opgeleid": ("Laag opgeleid", "Laagopgeleiden", "Opleidingsniveau laag", "Laag opgeleiden"),
    "kernen": ("Kernen", "Kern", "Woonkern", "Dorp"),
    "jaar": ("Jaar", "Boekjaar", "Begrotingsjaar", "Jaartal"),
    "taakveld": ("Taakveld", "Taakveldcode", "Iv3 taakveld", "Taakveld code"),
    "credit": (
        "Debet/Credit", "Debet credit", "Credit/Debet", "D/C", "Debet-credit indicator", "Creditregel", "Credit",
        "Creditnota",
    ),
    "origineel_declaratienummer": (
        "Origineel declaratienummer", "Oorspronkelijk declaratienummer", "Gecrediteerd declaratienummer",
        "Declaratienummer origineel", "Referentie declaratie", "Credit voor", "Referentie", "Origineel",
    ),
    "team": ("Team", "Teamnaam", "Toegangsteam", "Wijkteam", "Sociaal team", "Naam team", "Gebiedsteam"),
    "wijk_codes": ("Wijkcodes", "Wijken", "Wijk codes", "Werkgebied", "Werkgebied wijken", "Gebieden"),
    "fte": ("Fte", "FTE", "Formatie", "Formatie fte", "Aantal fte", "Fte formatie", "Fte toegang"),
    "kosten_per_fte": (
        "Kosten per fte", "Kosten/fte", "Loonkosten per fte", "Normbedrag per fte", "Kosten fte", "Prijs per fte",
        "Tarief per fte",
    ),
    "bedrag": ("Bedrag", "Budget", "Begroot bedrag", "Bedrag in euro"),
    "soort": ("Soort", "Soort bedrag", "Begroting/realisatie", "Type"),
}

# Normalised headers that are personal data (exact match) ...
_PERSONAL_EXACT = {
    "naam", "achternaam", "voornaam", "voornamen", "voorletters", "tussenvoegsel", "tussenvoegsels", "roepnaam",
    "geslachtsnaam", "meisjesnaam", "adres", "woonadres", "postadres", "straat", "straatnaam", "huisnummer", "huisnr",
    "huisletter", "huisnummertoevoeging", "toevoeging", "woonplaats", "plaats", "telefoon", "telefoonnummer", "telnr",
    "tel", "mobiel", "mobielnummer", "gsm", "email", "emailadres", "mail", "iban", "rekeningnummer", "bankrekening",
    "geboortedatum", "gebdatum", "contactpersoon", "bsnpartner",
}
# ... or containing one of these fragments (only for headers that are no known synonym).
_PERSONAL_FRAGMENTS = (
    "naam", "adres", "straat", "huisnummer", "woonplaats", "telefoon", "email", "mail", "iban", "rekeningnummer",
    "geboortedatum", "mobiel",
)

_HYPHEN_BREAK = re.compile(r"-[ \t]*[\r\n]+\s*")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_BRACKETS = re.compile(r"[(\[].*?[)\]]")
_UNIT_WORDS = re.compile(r"€|\b(in )?(euro'?s?|eur)\b|\b(incl|excl)\.? ?btw\b", re.IGNORECASE)


def normalise(header: Any) -> str:
    """Case-, accent-, whitespace- and punctuation-free form of a header."""
    if header is None:
        return ""
    text = unicodedata.normalize("NFKD", str(header))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("+", "plus").replace("%", "pct")
    return _NON_ALNUM.sub("", text)


def display(header: Any) -> str:
    """A header as the user reads it: line breaks and runs of spaces collapsed."""
    if header is None:
        return ""
    if isinstance(header, float) and header.is_integer():
        header = int(header)
    return " ".join(_HYPHEN_BREAK.sub("-", str(header)).split())


def _variants(header: str) -> list[str]:
    """Full form first, then without bracketed units ("Bedrag (€)") or currency words."""
    out = [normalise(header)]
    stripped = _BRACKETS.sub(" ", header)
    stripped = _UNIT_WORDS.sub(" ", stripped)
    out.append(normalise(stripped))
    return [v for i, v in enumerate(out) if v and v not in out[:i]]


def _build_index(columns: Iterable[str]) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for column in columns:
        for rank, synonym in enumerate(SYNONYMS.get(column, ())):
            key = normalise(synonym)
            if key not in index or rank < index[key][1]:
                index[key] = (column, rank)
        # the canonical name itself ("client_id", "wijk_code") always works
        index.setdefault(normalise(column), (column, -1))
    return index


_INDEX_PER_SOORT = {soort: _build_index(CANONICAL_COLUMNS[soort]) for soort in SOORTEN}
_ALL_KEYS = set().union(*(_INDEX_PER_SOORT[s].keys() for s in SOORTEN))


def lookup(header: Any, soort: str) -> tuple[str, int] | None:
    """(canonical column, rank) for a header within a kind, or None."""
    index = _INDEX_PER_SOORT[soort]
    for variant in _variants(display(header)):
        if variant in index:
            return index[variant]
    return None


def is_known_header(header: Any) -> bool:
    """Recognised as a column of any kind (used to find the header row)."""
    return any(v in _ALL_KEYS for v in _variants(display(header)))


def is_personal(header: Any) -> bool:
    """Looks like names, addresses, phone, e-mail, bank account or birth date.

    A header that is a known column of *any* kind ("Wijknaam", "Naam
    aanbieder", "Productnaam") is not personal data, even in a kind that does
    not import it: it is reported as not used instead, and the mapping dialog
    (which never offers personal data) still offers it.
    """
    key = normalise(display(header))
    if not key or key in _ALL_KEYS:
        return False
    return key in _PERSONAL_EXACT or any(fragment in key for fragment in _PERSONAL_FRAGMENTS)


# ---------------------------------------------------------------------------
# header row

MAX_HEADER_SCAN = 30


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def find_header_row(rows: Sequence[Sequence[Any]], expected: Iterable[str] = (), max_scan: int = MAX_HEADER_SCAN) -> int | None:
    """Index of the header row among the first rows, or None.

    Title rows ("Overzicht toewijzingen 2024", an export date) above the
    header are common; the header is the row with most recognised column
    names (at least two). ``expected`` are header texts from a user mapping:
    when given, the row containing most of them wins.
    """
    expected_keys = {normalise(h) for h in expected if h}
    best: tuple[int, int, int] | None = None  # (expected hits, recognised, -index)
    for index, row in enumerate(rows[:max_scan]):
        texts = [c for c in row if isinstance(c, str) and c.strip()]
        if not texts:
            continue
        hits = sum(1 for c in texts if normalise(c) in expected_keys) if expected_keys else 0
        recognised = sum(1 for c in texts if is_known_header(c) or is_personal(c))
        score = (hits, recognised, -index)
        if (hits >= 1 or recognised >= 2) and (best is None or score > best):
            best = score
    return None if best is None else -best[2]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA (Excel style), for headerless columns."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _without_bsn(name: str) -> str:
    """A header with BSN-like numbers removed.

    Why: header names travel everywhere (JSON, report, project file, GUI), and
    the row taken as header can hold client data: a header cell such as
    "Opmerking 123456782", or a data row of a headerless export that happens
    to contain two recognisable words ("ZIN", "Wijkteam").
    """
    from wijkkompas.core.imports.pseudonym import BSN_VERWIJDERD, is_bsn, scrub_text

    return BSN_VERWIJDERD if is_bsn(name) else scrub_text(name)


def header_names(row: Sequence[Any], width: int) -> list[str]:
    """Display names for a header row; empty or duplicate headers get the column letter."""
    names: list[str] = []
    seen: set[str] = set()
    for i in range(width):
        cell = row[i] if i < len(row) else None
        name = "" if _is_blank(cell) else _without_bsn(display(cell))
        if not name:
            name = f"(kolom {column_letter(i)} zonder kop)"
        elif name in seen:
            name = f"{name} (kolom {column_letter(i)})"
        seen.add(name)
        names.append(name)
    return names


# ---------------------------------------------------------------------------
# matching headers to canonical columns

@dataclass
class HeaderMatch:
    kolommen: dict[str, str] = field(default_factory=dict)  # canonical -> header
    genegeerd: list[str] = field(default_factory=list)
    persoonsgegevens: list[str] = field(default_factory=list)


def match_headers(headers: Sequence[str], soort: str, forced: dict[str, str | None] | None = None) -> HeaderMatch:
    """Map file headers onto the canonical columns of ``soort``.

    ``forced`` (from a user mapping) maps canonical -> header and wins over
    detection; a canonical column forced to None/"" is not imported. Unused
    headers go to ``genegeerd``, personal data (and surplus client-id columns)
    to ``persoonsgegevens``.
    """
    if soort not in SOORTEN:
        raise ImportFileError(f"Onbekende soort '{soort}'. Kies uit: {', '.join(SOORTEN)}.")
    kolommen: dict[str, str] = {}
    ranks: dict[str, int] = {}
    used: set[str] = set()
    blocked: set[str] = set()
    by_key = {}
    for header in headers:
        by_key.setdefault(normalise(header), header)
    for canonical, wanted in (forced or {}).items():
        if canonical not in CANONICAL_COLUMNS[soort]:
            raise ImportFileError(
                f"De koppeling noemt kolom '{canonical}', maar die bestaat niet bij soort '{soort}'. "
                f"Mogelijke kolommen: {', '.join(CANONICAL_COLUMNS[soort])}."
            )
        if wanted is None or str(wanted).strip() == "":
            blocked.add(canonical)
            continue
        header = wanted if wanted in headers else by_key.get(normalise(wanted))
        if header is None:
            raise ImportFileError(
                f"De koppeling verwijst voor '{canonical}' naar kolom '{wanted}', maar die staat niet in het bestand. "
                f"Gevonden kolommen: {', '.join(headers)}."
            )
        if canonical != "client_id" and is_personal(header):
            # the mapping dialog never offers these; a hand-written mapping must not import them either
            raise ImportFileError(
                f"De koppeling verwijst voor '{canonical}' naar kolom '{header}', maar die kolom bevat "
                "persoonsgegevens (naam, adres, telefoon, e-mail, rekeningnummer of geboortedatum) en wordt "
                "nooit ingelezen. Staan er geen persoonsgegevens in, geef de kolom dan een andere kop."
            )
        kolommen[canonical] = header
        ranks[canonical] = -10
        used.add(header)
    surplus_ids: list[str] = []
    for header in headers:
        if header in used:
            continue
        found = lookup(header, soort)
        if found is None:
            continue
        canonical, rank = found
        if canonical in blocked:
            continue
        if canonical in kolommen:
            if rank < ranks[canonical]:  # more specific synonym replaces the earlier choice
                loser = kolommen[canonical]
                used.discard(loser)
                if canonical == "client_id":
                    surplus_ids.append(loser)
            else:
                if canonical == "client_id":
                    surplus_ids.append(header)
                continue
        kolommen[canonical] = header
        ranks[canonical] = rank
        used.add(header)
    match = HeaderMatch(kolommen={c: kolommen[c] for c in CANONICAL_COLUMNS[soort] if c in kolommen})
    for header in headers:
        if header in used:
            continue
        if header in surplus_ids or is_personal(header) or (lookup(header, "toewijzingen") or ("",))[0] == "client_id":
            match.persoonsgegevens.append(header)
        else:
            match.genegeerd.append(header)
    return match


# ---------------------------------------------------------------------------
# kind detection

@dataclass
class SoortGuess:
    soort: str
    scores: dict[str, int]
    waarschuwingen: list[str] = field(default_factory=list)


def _score(headers: Sequence[str], soort: str, kinds_of: dict[str, set[str]]) -> tuple[int, bool, list[str]]:
    match = match_headers(headers, soort)
    missing = [c for c in REQUIRED_COLUMNS[soort] if c not in match.kolommen]
    unique = sum(1 for h in match.kolommen.values() if kinds_of[h] == {soort})
    return len(match.kolommen) + 2 * unique, not missing, missing


def detect_soort(headers: Sequence[str]) -> SoortGuess:
    """Guess the kind of a file from its headers.

    A kind is a candidate only when all its required columns are present;
    among candidates the one with most matched columns wins, where a header
    that only one kind knows ("Periode begin", "Frequentie") counts triple:
    generic ones ("Volume", "Begindatum", "Eenheid") fit several kinds. A tie raises a Dutch error listing the kinds; a near tie picks the
    best and warns.
    """
    kinds_of = {h: {s for s in SOORTEN if lookup(h, s) is not None} for h in headers}
    scored = {s: _score(headers, s, kinds_of) for s in SOORTEN}
    scores = {s: v[0] for s, v in scored.items()}
    candidates = sorted((s for s in SOORTEN if scored[s][1]), key=lambda s: -scores[s])
    if not candidates:
        best = max(SOORTEN, key=lambda s: scores[s])
        missing = ", ".join(scored[best][2])
        raise ImportFileError(
            "De soort van het bestand is niet herkend aan de kolomkoppen. "
            f"Het lijkt het meest op '{best}', maar daarvoor ontbreekt: {missing}. "
            f"Kies de soort ({', '.join(SOORTEN)}) en koppel de kolommen zelf."
        )
    best = candidates[0]
    guess = SoortGuess(best, scores)
    if len(candidates) > 1:
        second = candidates[1]
        if scores[second] == scores[best]:
            raise ImportFileError(
                f"Het bestand past even goed bij '{best}' als bij '{second}'. "
                f"Kies de soort zelf (een van: {', '.join(SOORTEN)})."
            )
        if scores[second] >= scores[best] - 1:
            guess.waarschuwingen.append(
                f"Het bestand is herkend als '{best}', maar lijkt ook op '{second}'. Controleer de soort."
            )
    return guess
