"""Write ``resources/demo/README.md`` and ``waarheden.json``: every parameter and every planted truth.

Why both: the README is for people (advisers, reviewers), the JSON for the
model tests, which read the truths instead of copying numbers. Both come from
the same ``facts`` so they cannot disagree.
"""
from __future__ import annotations

import json
from pathlib import Path

from demo_calibration import Calibration, laag_opgeleid_aandeel
from demo_params import (
    AANBIEDERS,
    AFWIJS_KANS,
    BEGROTING_TAAKSTELLING,
    BELEID_FACTOR,
    BELEID_WIJKEN,
    BESCHIKKING_MAANDEN,
    CLIENTEN_PER_FTE,
    CREDIT_KANS,
    GEMEENTE,
    GEMEENTE_NAAM,
    GROEI,
    GROEI_75PLUS,
    INDEXATIE,
    INDEXATIE_2026,
    JAREN,
    KOSTEN_PER_FTE_2021,
    KOSTEN_PER_FTE_INDEX,
    MEAN_STAY,
    NIEUWBOUWWIJK,
    PER_1000,
    PGB_KANS,
    PLAFOND_GEBRUIK,
    PLAFOND_ONDERBENUTTER,
    PLAFOND_OVERSCHRIJDER,
    PRODUCTS,
    REALISATIE,
    SEED,
    SEIZOEN_DAGBESTEDING,
    TEAMS,
    ZIN_DEEL_VAN_NETTO,
    tarief,
)

CAT = {"01": "Hulp bij het huishouden", "02": "Begeleiding", "07": "Dagbesteding"}
MAANDEN = {7: "juli", 8: "augustus", 12: "december"}


def n(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def d(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def eur(value: float, decimals: int = 0) -> str:
    return "€ " + d(value, decimals)


def pct(value: float, decimals: int = 1) -> str:
    return d(100 * value, decimals) + "%"


def _aanbieder(agb: str) -> str:
    return next(a.naam for a in AANBIEDERS if a.agb == agb)


def _wijken(cal: Calibration) -> list[str]:
    lines = [
        "| Code | Wijk (fictief) | CBS-wijk (model) | Team | Inwoners 2021 | Inwoners 2025 | 65+ (2021) | "
        "HbH-cliënten CBS | Kernen | Beleid 2023 |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for w in cal.wijken:
        lines.append(
            f"| {w.code} | {w.naam} | {w.cbs_code} | {w.team} | {n(w.indicatoren(2021)['inwoners'])} | "
            f"{n(w.indicatoren(2025)['inwoners'])} | {n(w.k65plus)} | {w.hbh_clienten} | "
            f"{w.indicatoren(2021)['kernen']} | {'wijkteam type C' if w.code in BELEID_WIJKEN else '–'} |")
    return lines


def _tarieven() -> list[str]:
    lines = ["| Product | Eenheid | " + " | ".join(str(j) for j in JAREN) + " |",
             "|---|---|" + "---:|" * len(JAREN)]
    for p in PRODUCTS:
        if p.eenheid == "83":
            continue
        unit = {"01": "minuut", "04": "uur", "16": "dagdeel"}[p.eenheid]
        lines.append(f"| {p.code} {p.omschrijving} | {unit} | "
                     + " | ".join(eur(tarief(p, j), 2) for j in JAREN) + " |")
    return lines


def _effect(beleid: dict) -> list[str]:
    lines = [
        "| Halfjaar | Behandelde wijken: werkelijk | Zonder beleid (contrafeitelijk) | **Effect (werkelijk)** | "
        "Effect (verwachting) | Extra cliënten | Overige wijken |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in beleid["halfjaren"]:
        lines.append(
            f"| {r['halfjaar']} | {d(r['behandeld_per_1000'])} | {d(r['contrafeitelijk_per_1000'])} | "
            f"**{d(r['effect_per_1000'])}** | {d(r['verwacht_effect_per_1000'])} | {r['extra_clienten']} | "
            f"{d(r['controle_per_1000'])} |")
    return lines


def _plafonds(truth: dict) -> list[str]:
    lines = ["| Jaar | Aanbieder | Budgetplafond | Gedeclareerd t/m 06-2025 (in de export) | "
             "Werkelijk hele jaar (simulatie) | Jaar / plafond |",
             "|---|---|---:|---:|---:|---:|"]
    for jaar in ("2024", "2025"):
        for agb, t in truth[jaar].items():
            lines.append(f"| {jaar} | {t['aanbieder']} ({agb}) | {eur(t['plafond'])} | {eur(t['besteed_tot_export'])} | "
                         f"{eur(t['besteed_jaar'])} | {pct(t['verhouding'])} |")
    return lines


def _keuze(vanaf_2024: bool) -> str:
    """The dagbesteding market shares of new clients, as the README names them."""
    kort = {"98011005": "De Brug", "98011007": "'t Hofje", "98011008": "De Eshof", "98011010": "De Vaart"}
    parts = []
    for a in AANBIEDERS:
        if "07" in a.aandelen:
            shares = (a.aandelen_2024 or a.aandelen) if vanaf_2024 else a.aandelen
            parts.append(f"{kort[a.agb]} {pct(shares['07'], 0)}")
    return ", ".join(parts)


def _mb(size: float) -> str:
    return d(size / 1024**2, 1) + " MB"


def write_readme(target: Path, truths_path: Path, facts: dict, cal: Calibration) -> None:
    from make_demo import DEMO_FILES

    sizes = {name: (target.parent / name).stat().st_size for name in DEMO_FILES}
    beleid = facts["beleid"]
    decl = facts["declaraties"]
    plaf = facts["plafonds"]
    over, onder = plaf["2025"][PLAFOND_OVERSCHRIJDER], plaf["2025"][PLAFOND_ONDERBENUTTER]
    lines = [
        "# Demodata: Voorbeeldstad 2021–2025",
        "",
        "Voorbeeldstad is een **fictieve** gemeente. De bestanden in deze map zijn exports zoals een gemeente ze "
        "op 01-07-2025 uit haar eigen systemen haalt (Zorgned, declaratieportaal, financiële administratie, "
        "formatieoverzicht). Ze worden gemaakt door `tools/make_demo.py` (vaste seed "
        f"{SEED}; opnieuw draaien geeft byte-voor-byte dezelfde bestanden) en gebruikt door het demoproject "
        "(`demo.json`, sleutel `imports`). Alle ingebouwde waarheden staan ook machineleesbaar in `waarheden.json`.",
        "",
        "## Bestanden",
        "",
        f"- `toewijzingen.xlsx` – Zorgned-achtige export van {n(facts['toewijzingen'])} toewijzingen die tussen "
        "01-01-2021 en 30-06-2025 actief waren (plus de opzettelijk foute rijen hieronder). Twee titelregels boven "
        "de kop, kopteksten met een regeleinde, datums deels als tekst, een productcategorie hier en daar zonder "
        "voorloopnul, fictieve BSN's (9-reeks, elfproef geldig), een kolom 'Naam cliënt' die bij het inlezen wordt "
        "verwijderd, de kolom 'Wijkteam' (toegangsteam) en een verborgen blad 'Selectie'. Een einddatum na "
        "30-06-2025 is de geplande einddatum van de beschikking; leeg = geen einddatum.",
        f"- `declaraties.xlsx` – {n(decl['declaraties'])} maanddeclaraties (zorg in natura) van 2021-01 tot en met "
        f"2025-06, één regel per toewijzing per maand. Daarvan zijn {n(decl['afgewezen'])} afgewezen (toegekend "
        f"€ 0) en {n(decl['creditregels'])} **creditregels** (samen {eur(decl['creditbedrag'], 2)}): een creditregel "
        "heeft 'C' in 'Debet/Credit', een negatief volume en negatieve bedragen, en noemt in 'Origineel "
        "declaratienummer' de declaratie die zij terugdraait. Netto toegekend in het bestand: "
        f"{eur(decl['toegekend_netto'], 2)}. Excel in plaats van CSV omdat 4½ jaar als CSV ruim 20 MB zou zijn.",
        "- `tarieven.xlsx` – tarieven 2021–2025 per product en aanbieder; dagbesteding vanaf 2024 aanbesteed met een "
        "budgetplafond per aanbieder per jaar (het plafond geldt voor alle dagbestedingsproducten van die aanbieder "
        "samen en staat op elk van haar productregels); HbH en begeleiding open house.",
        "- `wijken.xlsx` – één rij per wijk per jaar 2021–2025 (kolom 'Jaar', stand 1 januari) met alle zes "
        "maatstaven van het Wmo-cluster op wijkniveau: inwoners, 75-plussers, eenpersoonshuishoudens, huishoudens "
        "met laag inkomen, laag opgeleiden en kernen, plus postcodes.",
        "- `budget.xlsx` – realisatie 2021–2024 en begroting 2025–2026 per taakveld (taakvelden van 2025 vanaf 2025).",
        "- `formatie.xlsx` – formatie van de vier toegangsteams per jaar 2021–2025: team, wijkcodes, fte, kosten per fte.",
        "",
        f"Omvang: de zes exports samen {_mb(sum(sizes.values()))} (`declaraties.xlsx` {_mb(sizes['declaraties.xlsx'])}, "
        f"`toewijzingen.xlsx` {_mb(sizes['toewijzingen.xlsx'])}); als CSV zoals de vorige demo (131 bytes per regel) "
        f"zouden alleen de declaraties al ongeveer {_mb(131 * decl['declaraties'])} zijn.",
        "",
        "## Echte gemeente als model",
        "",
        f"Wijkindeling en bevolking komen van **{GEMEENTE_NAAM} ({GEMEENTE})**: de 15 wijken uit "
        "`../shared/reference-sources/wmo-clienten/hbh_clienten_wijk_2017_2020.csv`, periode "
        f"**{cal.wijken[0].periode}**, gebruikt als stand op 01-01-2021. De wijken kregen fictieve namen en codes "
        "W01–W15. Postcodes (PC4) zijn fictief toegekend.",
        "",
        *_wijken(cal),
        "",
        f"Totaal 2021: {n(cal.inwoners_in(2021))} inwoners; 2025: {n(cal.inwoners_in(2025))}.",
        "",
        "## Parameters van de simulatie",
        "",
        "Per wijk en productcategorie is het aantal cliënten een voorraad met instroom en uitstroom (verblijfsduur "
        "exponentieel verdeeld). De verwachte voorraad groeit als A(t) = A₀·e^(k·t) met k = ln(1 + groei per inwoner) "
        "+ ln(1 + bevolkingsgroei van de wijk); de instroom per maand is Poisson met verwachting ∫A(t)(k + 1/S)dt "
        "(S = gemiddelde verblijfsduur).",
        "",
        "| Productcategorie | Voorraad 01-01-2021 | Groei cliënten per inwoner per jaar | Gemiddelde duur S | "
        "Beschikkingsduur |",
        "|---|---|---:|---:|---|",
        f"| 01 {CAT['01']} | echte CBS-aantal HbH-cliënten per wijk (tabel hierboven) | {pct(GROEI['01'], 0)} | "
        f"{d(MEAN_STAY['01'], 0)} mnd | onbepaald of 60 mnd |",
        f"| 02 {CAT['02']} | {d(PER_1000['02'], 1)} per 1.000 inwoners × (0,6 + 0,04 × % laag inkomen) | "
        f"{pct(GROEI['02'], 0)} | {d(MEAN_STAY['02'], 0)} mnd | "
        f"{' of '.join(str(m) for m in BESCHIKKING_MAANDEN['02'])} mnd |",
        f"| 07 {CAT['07']} | {d(PER_1000['07'], 1)} per 1.000 × (0,5 + 0,5 × aandeel 65+ / 0,19) | "
        f"{pct(GROEI['07'], 0)} (vlak) | {d(MEAN_STAY['07'], 0)} mnd | {BESCHIKKING_MAANDEN['07'][0]} mnd |",
        "",
        f"- **Bevolking**: elke wijk verandert met een vast percentage per jaar; nieuwbouwwijk **{NIEUWBOUWWIJK} "
        f"Spoorzone +7,0% per jaar**, de andere tussen −0,4% en +0,4%. 75-plussers: 44% van de 65-plussers, "
        f"+{pct(GROEI_75PLUS)} per jaar extra (vergrijzing). Laag opgeleiden: volwassenen × (0,14 + 0,9 × aandeel "
        f"laag inkomen) (aanname; bijvoorbeeld W01: {pct(laag_opgeleid_aandeel(cal.wijken[0]))}).",
        f"- **Geleverd volume** per maand: toegewezen volume × realisatie (uniform {d(REALISATIE[0])}–"
        f"{d(REALISATIE[1])} per toewijzing, plus maandruis normaal σ 0,04, hoogstens 1). **Seizoen dagbesteding**: "
        + ", ".join(f"{MAANDEN[m]} × {d(f)}" for m, f in SEIZOEN_DAGBESTEDING.items())
        + " (zomersluiting en kerstweek); andere maanden en producten × 1.",
        "- **Tariefindexatie** per 1 januari: "
        + ", ".join(f"{j} +{pct(i)}" for j, i in INDEXATIE.items())
        + " (2021 is de basis); tarief = tarief 2021 × cumulatieve index, afgerond op hele centen:",
        "",
        *_tarieven(),
        "",
        f"- Pgb: {pct(PGB_KANS, 0)} van de toewijzingen (geen declaraties). Afgewezen declaraties: {pct(AFWIJS_KANS)}; "
        f"creditregels: {pct(CREDIT_KANS)} van de goedgekeurde declaraties.",
        "- **Aanbieders dagbesteding**: nieuwe cliënten kiezen tot 2023 " + _keuze(False) + "; vanaf 01-01-2024 "
        + _keuze(True) + ".",
        f"- **Kalibratie uitgaven**: {cal.iv3_bron}. De gedeclareerde zorg in natura 2023 is afgestemd op "
        f"{pct(ZIN_DEEL_VAN_NETTO, 0)} van de netto lasten 2023 per taakveld (volumefactor per categorie: "
        + ", ".join(f"{c} {d(v, 4)}" for c, v in facts["kalibratiefactor"].items())
        + "); de rest staat voor pgb en eigen uitvoeringskosten.",
        "",
        "## Cliënten per product per jaar",
        "",
        "Unieke cliënten met minstens één dag een actieve toewijzing (zorg in natura en pgb) in het jaar, zoals "
        "`toewijzingen.xlsx` ze toont, zonder de opzettelijk foute rijen (de rij met BSN 123456789 wordt wel "
        "ingelezen en telt bij begeleiding één cliënt extra in het jaar van die rij).",
        "",
        "| Productcategorie | " + " | ".join(facts["clienten_per_jaar"]["01"].keys()) + " |",
        "|---|" + "---:|" * len(facts["clienten_per_jaar"]["01"]),
    ]
    for c, per in facts["clienten_per_jaar"].items():
        lines.append(f"| {c} {CAT[c]} | " + " | ".join(n(v) for v in per.values()) + " |")
    lines += [
        "",
        "Gedeclareerd (toegekend, netto na creditregels) per jaar, zorg in natura:",
        "",
        "| Productcategorie | " + " | ".join(str(j) for j in JAREN[:-1]) + " | 2025 (hele jaar, simulatie) |",
        "|---|" + "---:|" * len(JAREN),
    ]
    for c in ("01", "02", "07"):
        lines.append(f"| {c} {CAT[c]} | " + " | ".join(eur(facts["uitgaven_zin"][f"{j}-{c}"]) for j in JAREN) + " |")
    lines += [
        "",
        "## Toegangsteams en formatie",
        "",
        "Vier toegangsteams dekken de 15 wijken; elk team heeft wijken met en zonder het nieuwe werken, zodat team "
        "en beleid niet samenvallen:",
        "",
        *[f"- **{team}**: {', '.join(w)}" for team, w in TEAMS.items()],
        "",
        f"Formatie per 1 januari: actieve cliënten (alle drie producten) in de wijken van het team / "
        f"{d(CLIENTEN_PER_FTE, 0)}, op 0,1 fte; kosten per fte {eur(KOSTEN_PER_FTE_2021)} in 2021, "
        f"+{pct(KOSTEN_PER_FTE_INDEX)} per jaar (afgerond op € 100). De formatie hangt niet af van het beleid "
        "(in type C zitten de medewerkers van aanbieders in het team op kosten van de aanbieder).",
        "",
        "## Ingebouwd beleid: wijkteam met aanbieders (de bekende waarheid)",
        "",
        f"Vanaf **01-01-2023** werken de teams in de wijken **{', '.join(BELEID_WIJKEN)}** als wijkteam met "
        "zorgaanbieders in het team (CPB-type C). Daar is de **instroom in begeleiding × "
        f"{d(BELEID_FACTOR)}** (+{pct(BELEID_FACTOR - 1, 0)}); verder verschilt niets systematisch tussen de twee "
        "groepen (zelfde groei, duur, producten, aanbieders, seizoen en tarieven; de nieuwbouwwijk hoort bij de "
        "overige wijken en haar groei zit in de noemer). Niveauverschillen tussen de groepen bestaan al vóór 2023 "
        "(inkomen per wijk), de trends zijn gelijk.",
        "",
        f"**Maat**: {beleid['definitie']}.",
        "",
        "**Werkelijk effect** (de waarheid van deze dataset): de extra cliënten van het beleid komen uit een eigen "
        "toevalsstroom (*common random numbers*); zonder hen blijven precies de cliënten over die de wijken zonder "
        "beleid zouden hebben gehad. Effect = werkelijk − contrafeitelijk. **Verwachting**: hetzelfde uit de "
        "parameters van het voorraadmodel (extra voorraad aan het begin van het halfjaar plus extra instroom erin), "
        "dus zonder toeval.",
        "",
        *_effect(beleid),
        "",
        f"Gemiddeld effect 2023H1–2025H1 in de behandelde groep: **{d(beleid['gemiddeld_effect_na_start'])} "
        f"cliënten begeleiding per 1.000 inwoners** (werkelijk); verwachting {d(beleid['gemiddeld_verwacht_effect_na_start'])}. "
        "Per wijk staan de cijfers in `waarheden.json` (`beleid.per_wijk`).",
        "",
        "## Budgetplafonds dagbesteding",
        "",
        "De simulatie loopt door tot 31-12-2025; de export stopt op 30-06-2025. Het plafond is gezet op het "
        "werkelijke jaarbedrag gedeeld door een gekozen benutting ("
        + "; ".join(f"{j}: " + ", ".join(f"{_aanbieder(a)} {pct(u, 0)}" for a, u in g.items())
                    for j, g in PLAFOND_GEBRUIK.items())
        + "), afgerond op € 5.000. De simulatie stopt niet bij het plafond (zo ziet de adviseur wat er gebeurt "
        "zonder ingrijpen).",
        "",
        *_plafonds(plaf),
        "",
        f"Op koers naar overschrijding: **{over['aanbieder']}** ({PLAFOND_OVERSCHRIJDER}), werkelijk "
        f"{eur(over['besteed_jaar'])} tegen een plafond van {eur(over['plafond'])} "
        f"(**{pct(over['verhouding'] - 1)} erboven**). Duidelijk onder het plafond: **{onder['aanbieder']}** "
        f"({PLAFOND_ONDERBENUTTER}), {pct(onder['verhouding'])} van het plafond. Achtergrond: sinds 2024 kiezen nieuwe "
        "cliënten vaker 't Hofje, terwijl de plafonds 2025 samen lager liggen dan die van 2024 ("
        + f"{eur(sum(t['plafond'] for a, t in plaf['2025'].items()))} tegen "
        + f"{eur(sum(t['plafond'] for a, t in plaf['2024'].items()))}).",
        "",
        "## Budget",
        "",
        f"Realisatie 2021–2024 = gedeclareerde zorg in natura van dat jaar / {d(ZIN_DEEL_VAN_NETTO, 1)} (dus 2023 ≈ "
        "netto lasten 2023 van de modelgemeente). Begroting 2025 = realisatie 2024 × (1 + groei) × (1 + index 2025) "
        f"× {d(1 - BEGROTING_TAAKSTELLING)}; begroting 2026 = realisatie 2024 × (1 + groei)² × (1 + index 2025) × "
        f"(1 + {pct(INDEXATIE_2026)}) × {d(1 - BEGROTING_TAAKSTELLING)}; afgerond op € 1.000.",
        "",
        "| Productcategorie | " + " | ".join(str(j) for j in range(2021, 2027)) + " |",
        "|---|" + "---:|" * 6,
    ]
    for c in ("01", "02", "07"):
        lines.append(f"| {c} {CAT[c]} | " + " | ".join(
            eur(facts["budget"][f"{j}-{c}"]["bedrag"]) + (" (b)" if facts["budget"][f"{j}-{c}"]["soort"] == "begroting" else "")
            for j in range(2021, 2027)) + " |")
    lines += [
        "",
        "(b) = begroting. Ter vergelijking de echte begroting 2025 van de modelgemeente (Iv3): "
        + ", ".join(f"{c} {eur(v)}" for (j, c), v in sorted(cal.iv3_begroting.items()) if j == 2025) + ".",
        "",
        "## Opzettelijk foute rijen (alleen in `toewijzingen.xlsx`)",
        "",
        "Zodat het foutenrapport van de import iets laat zien. Rijnummers zoals Excel ze toont:",
        "",
        "| Rij | Probleem | Verwacht bij inlezen |",
        "|---:|---|---|",
    ]
    for item in facts["foute_rijen"]:
        lines.append(f"| {item['rij']} | {item['probleem']} | {item['verwacht']} |")
    lines += [
        "",
        "Alle andere rijen zijn geldig; `wijkkompas import resources/demo/toewijzingen.xlsx --json` eindigt daarom "
        "met exitcode 1 en noemt precies deze rijen. De andere vijf bestanden lezen zonder fouten in (exitcode 0); "
        "creditregels in de declaraties zijn geldige rijen (gemarkeerd als credit en verrekend in het maandoverzicht).",
        "",
        "## Opnieuw maken",
        "",
        "```",
        "python tools/make_demo.py            # schrijft naar resources/demo en werkt demo.json bij",
        "```",
        "",
        "Het script leest de CBS-bronbestanden uit `../shared/reference-sources/`; die worden niet meegeleverd in de "
        "app. Parameters: `tools/demo_params.py`; simulatie: `tools/demo_model.py`; waarheden: `tools/demo_truths.py`.",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")
    waarheden = {k: v for k, v in facts.items() if k != "foute_rijen"}
    waarheden["parameters"] = {
        "seed": SEED, "groei_per_inwoner": GROEI, "gemiddelde_duur_maanden": MEAN_STAY,
        "seizoen_dagbesteding": {str(k): v for k, v in SEIZOEN_DAGBESTEDING.items()},
        "indexatie": {str(k): v for k, v in INDEXATIE.items()},
        "tarieven": {p.code: {str(j): tarief(p, j) for j in JAREN} for p in PRODUCTS},
        "bevolking": {w.code: {str(j): w.indicatoren(j)["inwoners"] for j in JAREN} for w in cal.wijken},
        "teams": {t: list(w) for t, w in TEAMS.items()},
        "nieuwbouwwijk": NIEUWBOUWWIJK,
        "export_tot": "2025-06-30",
    }
    truths_path.write_text(json.dumps(waarheden, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                           encoding="utf-8")
