"""Find and remove BSNs (numbers passing the 11-proef) in any common spelling.

Why one light module (only ``re``): every string that leaves the import — cell
values, messages, file and sheet names, headers — and every error message
(``WijkkompasError``) is scrubbed with the same rule, and the errors module
must not pull in pandas to do it.

Spellings caught: nine digits with at most one space, dot or hyphen between
any two of them (``123456782``, ``123 456 782``, ``1234.56.782``,
``123-456-782``), glued to letters or not (``B123456782``, ``123456782x``,
``BSN123456782``), but not inside a longer number (a 10-digit amount is not a
BSN) nor as the whole part or the fraction of a decimal number (546737195.14). Lower-case hex tokens of 12+ characters (our own pseudonyms, sha256)
hold digit runs by chance and are left alone. Eight-digit numbers (a leading
zero lost) are only treated as BSN in identifier columns (see ``pseudonym``):
in free text they are AGB codes and dates as often as not.
"""
from __future__ import annotations

import re

BSN_VERWIJDERD = "[BSN verwijderd]"
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
# every start position (overlapping) of nine digits with optional single separators
# (not part of a decimal number: "546737195.14" is an amount, "0.123456782" a fraction)
_SPELLED = re.compile(r"(?<![0-9])(?<![0-9][.,])(?=([0-9](?:[ .\-]?[0-9]){8})(?![0-9])(?![.,][0-9]))")
_QUICK = re.compile(r"[0-9](?:[ .\-]?[0-9]){8}")
_HEX = re.compile(r"(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])[0-9a-f]{12,}(?![0-9A-Za-z])")
QUICK_PATTERN = _QUICK.pattern  # for vectorised pre-filters (pandas str.contains)


def is_bsn(value: str) -> bool:
    """11-proef on a string of 8 or 9 ASCII digits (8: leading zero lost)."""
    if not value.isascii() or not value.isdigit() or len(value) not in (8, 9):
        return False
    total = sum(int(c) * w for c, w in zip(value.zfill(9), _WEIGHTS))
    return total != 0 and total % 11 == 0


def _digits(text: str) -> str:
    return text.replace(" ", "").replace(".", "").replace("-", "")


def bsn_spans(text: str) -> list[tuple[int, int]]:
    """Merged (start, end) spans of ``text`` that spell a BSN."""
    if not _QUICK.search(text):
        return []
    hex_spans = [m.span() for m in _HEX.finditer(text)]
    spans: list[tuple[int, int]] = []
    for m in _SPELLED.finditer(text):
        start, end = m.start(1), m.end(1)
        if any(a <= start < b for a, b in hex_spans):
            continue
        if is_bsn(_digits(m.group(1))):
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    return spans


def scrub(text: str) -> str:
    """``text`` with every spelled BSN replaced by ``[BSN verwijderd]``."""
    spans = bsn_spans(text)
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(BSN_VERWIJDERD)
        last = end
    out.append(text[last:])
    return "".join(out)


def has_bsn(text: str) -> bool:
    return bool(bsn_spans(text))
