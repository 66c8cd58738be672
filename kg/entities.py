"""Entity mentions from the SKOS vocabulary (placeholder until the mentions issue lands)."""

from __future__ import annotations

from kg.record import Mention, Record


def find_mentions(record: Record) -> list[Mention]:
    return []
