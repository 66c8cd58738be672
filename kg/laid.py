"""What the layout stage hands to the structure stage: logical lines and footnotes.

A reader or a layout function turns a file into a :class:`Laid` text: one :class:`Block` per
logical line (a masthead line, or a whole paragraph with its wrapped lines joined and page
furniture removed), plus the footnotes lifted out of the body. Footnote markers that the
source marks as such (``<sup>``, Unicode superscripts, AKN ``authorialNote``, Word footnote
references, PDF superscript glyphs) are kept in the block text as
``MARK_OPEN + number + MARK_CLOSE``; bare-digit markers of plain text are left as printed and
recognised later by the structure stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"
MARKER_RE = re.compile(MARK_OPEN + r"(\d+)" + MARK_CLOSE)

#: role hints a structured reader may put on a block
ROLES = (
    "head",  # masthead / cover / title block line
    "title",  # the resolution's title
    "formula",  # "The General Assembly,"
    "preamble",  # a preambular paragraph
    "operative",  # an operative paragraph
    "part",  # a part heading that restarts numbering ("A", "I", "B. Title")
    "annex",  # a paragraph of an annex
    "annex-heading",  # the "Annex" heading line and the annex title
    "trailer",  # plenary meeting line, ODS trailer, cover repeated at the end
    "recommendation",  # "Recommends to the General Assembly the adoption of the following
    #                    draft resolution:" -- what follows is the recommended draft
)


def marker(number: int | str) -> str:
    """The in-text form of an explicit footnote marker."""
    return f"{MARK_OPEN}{number}{MARK_CLOSE}"


@dataclass
class Block:
    """One logical line of a document.

    ``text`` is unwrapped and stripped; explicit markers are in their in-text form.
    ``role``, ``number`` and ``verb`` are optional hints from structured formats (AKN, docx);
    the structure stage infers what is missing.
    """

    text: str
    role: str | None = None
    number: str | None = None  # printed operative number, "1", "12"
    verb: str | None = None  # opening phrase when markup gives it (AKN container name, italics)
    part: str | None = None  # numbering part ("A", "II") when the reader knows it


@dataclass
class Laid:
    blocks: list[Block]
    footnotes: list[tuple[int, str]] = field(default_factory=list)  # (number, text), in order
    format: str = "text"  # pdf-text | word-text | markdown | docx | pdf | akn | text
    #: metadata a structured format states outright (AKN FRBR, docx core properties):
    #: keys as in ``record.Document``; the structure stage prefers printed text where both exist
    meta: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
