"""``wijkkompas gemeente NAAM_OF_CODE`` and ``wijkkompas referentie``: the Gemeente panel, headless."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wijkkompas.commands import print_json
from wijkkompas.core import formatting as fmt
from wijkkompas.core.errors import WijkkompasError
from wijkkompas.core.userfile import os_reason
from wijkkompas.core.reference import GEEN_GEGEVENS, GEEN_IV3, TAAKVELDEN, maatstaven, nationale_aggregaten
from wijkkompas.core.reference.profiel import export_referentie, gemeente_profiel
from wijkkompas.core.reference.resultaat import TAAKVELD_LABELS, gemeente_resultaat
from wijkkompas.core.reference.tables import MAATSTAVEN_UITGAVEN



def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gemeente", help="taakzwaarte, uitgaven en benchmark van één gemeente (naam of CBS-code)")
    parser.add_argument("gemeente", metavar="NAAM_OF_CODE", help="bijv. Utrecht, 'Den Haag' of GM0150")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(func=run_gemeente)

    ref = subparsers.add_parser("referentie", help="landelijke totalen van de meegeleverde referentiegegevens")
    ref.add_argument("--json", action="store_true", help="uitvoer als JSON")
    ref.add_argument("--export", type=Path, metavar="PAD.csv",
                     help="schrijf de tabel met alle 342 gemeenten naar CSV (';' en decimale komma, voor Excel)")
    ref.set_defaults(func=run_referentie)


def run_gemeente(args: argparse.Namespace) -> int:
    profiel = gemeente_profiel(args.gemeente)
    if args.json:
        # The Resultaat's JSON: the profile's keys at the top, plus tables with labels/units, sources and warnings
        # exactly as the panel and the report show them.
        print_json(gemeente_resultaat(profiel).to_json())
    else:
        print(_tekst(profiel))
    return 0


def _tekst(p: dict) -> str:
    tz = p["taakzwaarte"]
    lines = [
        f"{p['naam']} ({p['code']}), {p['provincie']}",
        f"  Inwoners (gemeentefonds): {fmt.getal(p['inwoners'])}; volwassenen (18+): {fmt.getal(p['volwassenen'])}"
        + (f"; CBS-inwonertal 2023: {fmt.getal(p['inwoners_cbs_2023'])}" if p.get("inwoners_cbs_2023") else ""),
        f"  {p['gemeentegrootte']}, {p['stedelijkheid']}; centrumfunctie {p['centrumfunctie']}; "
        f"sociale structuur {p['sociale_structuur']}",
        "",
        f"Taakzwaarte: {tz['klasse']} (index {fmt.euro(tz['index'], 2)} per inwoner, rang {tz['rang']} van 342; "
        f"1 = zwaarste taak)",
        f"  Gemeentefonds cluster Individuele voorzieningen Wmo, {tz['circulaire']}, maatstaven: "
        f"{fmt.euro(tz['cluster_eur'])}",
    ]
    if tz["iudu_eur"]:
        lines.append(f"  (daarnaast in dit cluster: uitkeringen beschermd wonen en opvang {fmt.euro(tz['iudu_eur'])}; "
                     "niet in de index)")
    namen = dict(zip(maatstaven()["maatstaf"], maatstaven()["naam"]))
    for maatstaf, bedrag in sorted(tz["componenten"].items(), key=lambda kv: -kv[1]):
        lines.append(f"    {namen.get(maatstaf, maatstaf):<46} {fmt.euro(bedrag):>16}")
    lines += ["", "Netto lasten jaarrekening 2023 (Iv3; per volwassene met de noemer van 2025):"]
    if not p["iv3_gegevens"]["2023"]:
        lines.append(f"  {GEEN_IV3}: de gemeente heeft voor 2023 niets aangeleverd (niet € 0)")
    else:
        for tv in MAATSTAVEN_UITGAVEN:
            u = p["uitgaven"]["2023"][tv]
            lines.append(f"  {TAAKVELD_LABELS[tv]:<42} {fmt.euro_kort(u['netto']):>14}  "
                         f"{fmt.euro(u['per_volwassene'], 2):>10} per volwassene")
    lines += ["", "Benchmark (€ per volwassene, jaarrekening 2023; verwacht gegeven taakzwaarte en structuur):"]
    hoofdmaat = p.get("benchmark_hoofdmaat", "maatwerk")
    volgorde = [hoofdmaat] + [m for m in p["benchmark"] if m != hoofdmaat]
    for maat in volgorde:
        b = p["benchmark"][maat]
        band = f"80%: {fmt.euro(b['interval_80'][0])} – {fmt.euro(b['interval_80'][1])}"
        if b["werkelijk"] is None:
            stand = f"werkelijk: {GEEN_GEGEVENS}"
        elif b["percentiel"] is None:
            stand = f"werkelijk {fmt.euro(b['werkelijk'])}  (niet vergelijkbaar: boekingsverschil)"
        else:
            stand = (f"werkelijk {fmt.euro(b['werkelijk']):>7}  percentiel {fmt.getal(b['percentiel'])} "
                     f"(in klasse {fmt.getal(b['percentiel_klasse'])})")
        lines.append(f"  {b['label']:<32} verwacht {fmt.euro(b['verwacht']):>7}  {band}  {stand}")
    if p.get("waarschuwingen"):
        lines += ["", "Let op:"] + [f"  - {w}" for w in p["waarschuwingen"]]
    lines += ["", "Vergelijkbare gemeenten (profiel van maatstaven en omvang):"]
    lines.append("  " + ", ".join(f"{peer['naam']} ({fmt.getal(peer['afstand'], 2)})" for peer in p["peers"]))
    if p["hbh_per_1000_2019"] is not None:
        lines += ["", f"Cliënten hulp bij het huishouden 2019: {fmt.getal(p['hbh_per_1000_2019'], 1)} per 1.000 "
                      f"inwoners ({p['hbh_2019_opmerking']})"]
    lines += ["", "Bronnen:"] + [f"  - {b}" for b in p["bronnen"]]
    return "\n".join(lines)


def run_referentie(args: argparse.Namespace) -> int:
    if args.export:
        try:
            target = export_referentie(args.export)
        except OSError as exc:
            raise WijkkompasError(f"Kan '{args.export}' niet schrijven: {os_reason(exc)}.", details=repr(exc)) from exc
        # With --json, stdout must stay one parseable JSON object: the confirmation goes to stderr.
        print(f"Tabel met 342 gemeenten geschreven naar {target}", file=sys.stderr if args.json else sys.stdout)
        if not args.json:
            return 0
    data = nationale_aggregaten()
    if args.json:
        print_json(data)
        return 0
    lines = ["Landelijke netto lasten (som over de gemeenten met Iv3-gegevens):"]
    header = f"  {'taakveld':<46}" + "".join(f"{j + ' ' + v['soort']:>24}" for j, v in data["jaren"].items())
    lines.append(header)
    for tv in list(TAAKVELDEN) + ["maatwerk", "diensten"]:
        cells = "".join(f"{fmt.euro_kort(v['netto_lasten'][tv]):>24}" for v in data["jaren"].values())
        lines.append(f"  {TAAKVELD_LABELS[tv]:<46}{cells}")
    share = data["jaren"]["2023"]["aandeel_diensten_in_maatwerk"]
    lines.append(f"  Aandeel diensten in maatwerk 2023: {fmt.procent(share, 1)}")
    for jaar, v in data["jaren"].items():
        zonder = ", ".join(g["naam"] for g in v["zonder_gegevens"])
        lines.append(f"  {jaar}: {v['aantal_gemeenten']} gemeenten" + (f"; {GEEN_IV3}: {zonder}" if zonder else ""))
    lines += ["", "Vergelijking met RIVM/Cebeon (2025), jaarrekening 2023:"]
    for c in data["vergelijking_onderzoek_2023"]:
        lines.append(f"  {TAAKVELD_LABELS[c['maat']]}: {fmt.euro_kort(c['eigen'])} tegen '{c['rapport_tekst']}' "
                     f"({c['bron']}): {fmt.procent(c['verschil'], 1)} hoger")
    lines.append("  " + data["vergelijking_onderzoek_2023"][0]["toelichting"])
    lines += ["", f"Taakzwaarteklassen ({data['taakzwaarte']['eenheid']}, {data['taakzwaarte']['circulaire']}):"]
    for k in data["taakzwaarte"]["klassegrenzen"]:
        lines.append(f"  {k['klasse']:<11} {fmt.euro(k['min'], 2)} – {fmt.euro(k['max'], 2)}  ({k['aantal']} gemeenten)")
    print("\n".join(lines))
    return 0
