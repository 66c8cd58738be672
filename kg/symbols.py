"""The grammar of United Nations document symbols and sales numbers, for the citation grammar.

A UN symbol is a series element followed by slash-separated components: ``A/67/156``,
``E/CN.15/2012/17``, ``CTOC/COP/WG.7/2012/6``, ``A/CONF.192/15``, ``A/62/PV.117-120``,
``A/C.3/72/L.10/Rev.1``, ``S/PRST/2013/16``, ``A/RES/67/234 B``, ``S/RES/1373 (2001)``, and
the part of a document issued in parts: ``A/CONF.157/24 (Part I)``, ``A/73/12 (Part II)``.
:func:`find_symbols` finds them in a stretch of text; what each stands for (a resolution of an
organ, a decision, a document) is the citation grammar's business (:mod:`kg.citations`).

Not symbols: words joined by a slash (``HIV/AIDS``, ``and/or``: no digit), decision numbers of
treaty bodies (``X/2``, ``XII/23``: a roman numeral is no series), ``24/7``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# a series element: an organ letter (A, E, S) or an upper-case series name, with an optional
# numbered part ("GC.18"); then components such as "CN.15", "PV.117-120", "COP(14)", "L.10"
# (the pattern opens with a character class, and checks what precedes it only then, so that
# the regular expression engine can skip ahead fast: symbols are rare in running text)
_SERIES = r"[A-Z](?<![\w/.\-][A-Z])(?:[A-Z]{1,7}(?:\.\d{1,3})?|(?<=[AES]))"
_COMPONENT = r"[A-Za-z0-9]+(?:[.\-–][A-Za-z0-9]+)*(?:\([A-Za-z0-9.\-]{1,8}\))?"
SYMBOL_RE = re.compile(rf"(?P<symbol>{_SERIES}(?:/{_COMPONENT})+)")
_ROMAN = re.compile(r"^[IVXLC]+$")
# after a resolution symbol: the lettered part ("A/RES/67/234 B") or the year ("S/RES/1373 (2001)")
_RES_PART = re.compile(r"\s(?P<part>[A-Z])(?![\w/’'\-])")
_SC_YEAR = re.compile(r"\s?\((?P<year>(?:19|20)\d\d)\)")
# the part of a document issued in parts: "A/73/12 (Part II)" is another document than Part I
_DOCUMENT_PART = re.compile(r"\s?\([Pp]art\s+(?P<part>[IVX]{1,6}|\d{1,2})\)")

#: a United Nations sales number: "Sales No. E.91.IV.2", "Sales No. E.02.XIV.4"
SALES_RE = re.compile(
    r"\bSales\s+No\.\s*(?P<number>(?:GV\.)?[A-Z]\.\d{2}\.[0IVXL]+\.[A-Z]{0,2}\.?\d{1,3}"
    r"(?:\s+\((?:Part|Vol\.)\s+[IVX\d]+\))?)")


@dataclass(frozen=True)
class Symbol:
    """A document symbol found in text: ``symbol`` as printed (with a resolution's part or year),
    ``start``/``end`` its offsets in the text searched."""

    symbol: str
    start: int
    end: int


def find_symbols(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Symbol]:
    """Every document symbol in ``text[pos:endpos]``, in order, with offsets into ``text``."""
    endpos = len(text) if endpos is None else endpos
    for m in SYMBOL_RE.finditer(text, pos, endpos):
        symbol = _symbol(text, m, endpos)
        if symbol:
            yield symbol


def symbol_at(text: str, pos: int, endpos: int | None = None) -> Symbol | None:
    """The document symbol that starts at ``pos``, or None."""
    endpos = len(text) if endpos is None else endpos
    m = SYMBOL_RE.match(text, pos, endpos)
    return _symbol(text, m, endpos) if m else None


def _symbol(text: str, m: re.Match, endpos: int) -> Symbol | None:
    symbol = m.group("symbol")
    series = symbol.split("/", 1)[0]
    if _ROMAN.match(series) and len(series) > 1 or not any(ch.isdigit() for ch in symbol[len(series):]):
        return None
    end = m.end()
    if "/RES/" in symbol:
        year = _SC_YEAR.match(text, end, endpos) if symbol.startswith("S/") else None
        part = _RES_PART.match(text, end, endpos)
        if year:
            symbol, end = f"{symbol} ({year.group('year')})", year.end()
        elif part:
            symbol, end = f"{symbol} {part.group('part')}", part.end()
    else:
        part = _DOCUMENT_PART.match(text, end, endpos)
        if part:
            symbol, end = f"{symbol} (Part {part.group('part')})", part.end()
    return Symbol(symbol, m.start(), end)


def normalise_symbol(symbol: str) -> str:
    """A symbol in one canonical spelling: single spaces, no trailing full stop, "S/RES/1373(2001)"
    as "S/RES/1373 (2001)"."""
    s = re.sub(r"\s+", " ", symbol.strip()).rstrip(".")
    return re.sub(r"(?<=\d)\((?=(?:19|20)\d\d\))", " (", s)
