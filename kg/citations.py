"""Citation grammar (placeholder until the citation issue lands)."""

from __future__ import annotations

from kg.record import Citation, Record


def find_citations(record: Record) -> list[Citation]:
    return []
