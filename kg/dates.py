"""Dates as UN texts print them ("18 December 1991"): the month names and the pattern every
stage uses (layout, structure, citations, mentions), and their ISO form."""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
#: the month names as a regular-expression alternation (no group)
MONTH = "|".join(MONTHS)
#: a date as printed: day, month name, year (groups: day, month, year)
DATE_RE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH})\s+(\d{{4}})")


def iso_date(text: str) -> str | None:
    """The ISO form of the first printed date in ``text`` ("18 December 1991" -> "1991-12-18")."""
    m = DATE_RE.search(text)
    if not m:
        return None
    return f"{int(m.group(3)):04d}-{MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"
