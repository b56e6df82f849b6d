"""Run the Wijkkompas CLI in a child process under a memory limit; report how it ended.

Why a child: an input that makes native code (calamine) abort would kill
pytest itself; in a child the abort is a negative return code we can assert
on. The address-space limit makes "bounded memory" testable: an input that
needs more fails here instead of eating the CI machine.

Usage: python child.py LIMIT_MB -- wijkkompas-args...
Prints, as the last stderr line, ``PEAK_MB=<n>`` when Python exits normally: the
process's own high-water mark (VmHWM). Not ru_maxrss: Linux carries the
parent's RSS across fork/vfork + exec into it, so a child of a 1 GB pytest
"peaked" at 1 GB whatever it did.
"""
from __future__ import annotations

import os
import resource
import sys


def _peak_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    limit_mb = int(sys.argv[1])
    args = sys.argv[3:] if sys.argv[2] == "--" else sys.argv[2:]
    if limit_mb > 0:
        limit = limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    code = 3
    try:
        from wijkkompas.cli import main as cli_main

        code = cli_main(args)
    finally:
        peak = _peak_mb()
        sys.stdout.flush()
        print(f"PEAK_MB={peak:.0f}", file=sys.stderr)
        sys.stderr.flush()
    return code


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    raise SystemExit(main())
