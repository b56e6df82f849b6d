"""Audit the Positie findings over a grid of answer sets × a spread of gemeenten (issue 16).

Usage::

    python tools/audit_findings.py [--dun N]

Runs ``wijkkompas.core.typology.assess`` for every combination of toegang answers
(breedte × positionering × wijkteam/aanbieders), a set of inkoop answers (every
Tabel 3.1 profile, combinations outside the table, mixes, nothing answered) and two
variants of the optional answers, for one real gemeente per taakzwaarteklasse plus
"no gemeente". It checks that no product gets a sterk punt and an aandachtspunt
without an explicit link, that no finding or evidence item is stronger than its
source supports, and that non-causal findings use no causal wording. Exit code 1 if
any check fails. The same checks run in ``tests/core/test_typology_audit.py`` on a
thinned grid.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wijkkompas.core.typology import load_library
from wijkkompas.core.typology.audit import BRON_MAXIMUM, answer_grid, audit, gemeenten_spread


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dun", type=int, default=1, metavar="N", help="neem elke N-de antwoordenset (standaard alle)")
    args = parser.parse_args(argv)
    library = load_library()
    answers = answer_grid(thin=max(1, args.dun))
    spread = gemeenten_spread()
    start = time.perf_counter()
    result = audit(answers, spread, library)
    seconds = time.perf_counter() - start
    print(f"{result.beoordelingen} beoordelingen ({len(answers)} antwoordensets × {len(spread)} gemeenten: "
          + ", ".join(t.naam or "geen gemeente" for t in spread) + f"), {result.bevindingen} bevindingen, "
          f"{seconds:.1f} s")
    print("Bevindingen per regel:")
    for rule, count in sorted(result.per_id.items(), key=lambda kv: -kv[1]):
        print(f"  {rule:<40} {count:>7}")
    print("Maximale sterkte per bron:")
    for name, (maximum, why) in BRON_MAXIMUM.items():
        print(f"  {name}: {maximum} ({why})")
    never = result.niet_geciteerd(library)
    print(f"Bewijsitems nooit geciteerd: {', '.join(never) if never else 'geen'}")
    if result.problemen:
        print(f"{len(result.problemen)} problemen:")
        for problem in result.problemen[:50]:
            print("  - " + problem)
        return 1
    print("Geen problemen.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
