"""Generate the demo exports of the fictional gemeente "Voorbeeldstad" (2021-2025) into resources/demo.

Why generated instead of hand-made: the files must be realistic in size and
shape (a Zorgned-like toewijzingen export with title rows and faulty rows,
4½ years of monthly declaraties with credit lines) *and* calibrated on public
figures, and they carry planted truths the models are tested against. The
same seed gives byte-identical files (a test checks), so the committed files
are exactly what this script writes.

Pieces: ``demo_params`` (every parameter), ``demo_calibration`` (Deventer's
CBS wijk figures and Iv3 netto lasten), ``demo_model`` (the stock-flow
simulation), ``demo_truths`` (what the README states), ``demo_writers`` and
``demo_xlsx`` (the files), ``demo_readme`` (README.md and waarheden.json).

Usage:  python tools/make_demo.py [--uit resources/demo] [--bron ../shared/reference-sources]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_truths as truths
from demo_calibration import Calibration, load_calibration
from demo_model import generate
from demo_readme import write_readme
from demo_writers import (
    write_budget,
    write_declaraties,
    write_formatie,
    write_tarieven,
    write_toewijzingen,
    write_wijken,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "resources" / "demo"
DEFAULT_SOURCES = REPO.parent / "shared" / "reference-sources"

IMPORTS = [
    {"bestand": "toewijzingen.xlsx", "soort": "toewijzingen"},
    {"bestand": "declaraties.xlsx", "soort": "declaraties"},
    {"bestand": "tarieven.xlsx", "soort": "tarieven"},
    {"bestand": "wijken.xlsx", "soort": "wijken"},
    {"bestand": "budget.xlsx", "soort": "budget"},
    {"bestand": "formatie.xlsx", "soort": "formatie"},
]
DEMO_FILES = [item["bestand"] for item in IMPORTS]


def build(out_dir: Path, sources: Path, *, update_spec: bool = True) -> dict:
    """Generate all demo files into ``out_dir``; return the truths the README states."""
    calibration: Calibration = load_calibration(sources)
    demo = generate(calibration)
    out_dir.mkdir(parents=True, exist_ok=True)
    spent = truths.uitgaven(demo)
    plafond_values, plafond_truth = truths.plafonds(spent)
    budget = truths.budget(spent)
    formatie = truths.formatie(demo)
    messy = write_toewijzingen(out_dir / "toewijzingen.xlsx", demo)
    write_declaraties(out_dir / "declaraties.xlsx", demo)
    write_tarieven(out_dir / "tarieven.xlsx", plafond_values)
    write_wijken(out_dir / "wijken.xlsx", calibration)
    write_budget(out_dir / "budget.xlsx", budget)
    write_formatie(out_dir / "formatie.xlsx", formatie)
    facts = {
        "clienten_per_jaar": truths.clienten_per_jaar(demo),
        "beleid": truths.planted_effect(demo, calibration),
        "plafonds": plafond_truth,
        "declaraties": truths.credit_summary(demo),
        "uitgaven_zin": {f"{j}-{c}": round(v, 2) for (j, c), v in sorted(spent["categorie"].items())},
        "budget": {f"{j}-{c}": {"bedrag": b, "soort": s} for (j, c), (b, s) in sorted(budget.items())},
        "formatie": {f"{t}|{j}": {"fte": f, "kosten_per_fte": k} for (t, j), (f, k) in sorted(formatie.items())},
        "toewijzingen": sum(1 for t in demo.toewijzingen if t.exported),
        "foute_rijen": messy,
        "kalibratiefactor": {c: round(v, 6) for c, v in sorted(demo.calibration_factor.items())},
    }
    write_readme(out_dir / "README.md", out_dir / "waarheden.json", facts, calibration)
    if update_spec:
        update_demo_spec(out_dir / "demo.json")
    return facts


def update_demo_spec(spec_path: Path) -> None:
    """Read-modify-write: other tools own other keys of demo.json."""
    spec = json.loads(spec_path.read_text(encoding="utf-8")) if spec_path.is_file() else {}
    spec["imports"] = IMPORTS
    spec_path.write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genereer de demobestanden van Voorbeeldstad.")
    parser.add_argument("--uit", type=Path, default=DEFAULT_OUT, help="doelmap (standaard resources/demo)")
    parser.add_argument("--bron", type=Path, default=DEFAULT_SOURCES, help="map shared/reference-sources")
    parser.add_argument("--geen-demo-json", action="store_true", help="demo.json niet bijwerken")
    args = parser.parse_args(argv)
    if not args.bron.is_dir():
        print(f"Bronmap niet gevonden: {args.bron}", file=sys.stderr)
        return 2
    facts = build(args.uit, args.bron, update_spec=not args.geen_demo_json)
    print(json.dumps({k: facts[k] for k in ('clienten_per_jaar', 'declaraties', 'toewijzingen')},
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
