"""The extraction record: the seam between text and graph.

One :class:`Record` per input document, in the form fixed by ``shared/gold/CONTRACT.md``.
Everything upstream (reading, layout, structure, citations, mentions) fills a record;
everything downstream (graph, network, statistics) is built from records alone.

Offsets: every ``span`` is a pair of character offsets into ``Record.normalised``, the one
normalised text of the document, so that ``record.normalised[a:b] == item.text`` holds for
paragraphs, footnotes, head lines, citations and mentions alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = "1"

#: the values ``Document.kind`` may take (anything else is ``None``)
DOCUMENT_KINDS = (
    "resolution",
    "draft resolution",
    "revised draft resolution",
    "decision",
    "draft decision",
    "amendment",
)

#: the values ``Citation.target_type`` may take
TARGET_TYPES = (
    "GA resolution",
    "ECOSOC resolution",
    "CCPCJ resolution",
    "CND resolution",
    "SC resolution",
    "HRC resolution",
    "CSW resolution",
    "COP-UNTOC resolution",
    "COSP-UNCAC resolution",
    "other resolution",  # of a body named in the vocabulary outside the above: "UNEA 1/3", "WHA 72.8"
    "document",
    "treaty series",
    "unknown",
)

#: the values ``Mention.type`` may take
MENTION_TYPES = ("instrument", "body", "crime_category", "member_state", "place", "date")

Span = tuple[int, int]


@dataclass
class Document:
    """Masthead metadata of one document (``record["document"]``)."""

    symbol: str | None = None
    number: str | None = None
    kind: str | None = None
    title: str | None = None
    body: str | None = None
    session: int | None = None
    session_inferred: bool = False
    adopted: str | None = None
    issued: str | None = None
    agenda_item: int | None = None
    agenda_item_label: str | None = None  # as printed, e.g. "25 (b)"
    committee: str | None = None
    committee_report: str | None = None
    plenary_meeting: int | None = None
    sponsors: list[str] = field(default_factory=list)
    distribution: str | None = None  # "General", "Limited", ...
    #: where one organ recommends a draft to another, the receiving organ
    #: ("Recommends to the General Assembly the adoption of the following draft resolution")
    recommended_to: str | None = None
    #: the body on whose recommendation a resolution was adopted where it is not a Main
    #: Committee ("[on the recommendation of the Commission on Narcotic Drugs (E/2024/28)]")
    recommended_by: str | None = None


@dataclass
class Marker:
    """A footnote marker removed from a paragraph's text; ``offset`` indexes ``Record.normalised``."""

    number: int
    offset: int


@dataclass
class HeadLine:
    """A line of the title block, cover or trailer (position ``HEAD``)."""

    text: str
    span: Span


@dataclass
class Paragraph:
    """A preambular, operative, annex or head paragraph, with its clean text."""

    id: str  # PP1, OP3, A.OP3, ANNEX.OP2, ANNEX.P5, HEAD
    kind: str  # preambular | operative | annex | head
    number: int | None
    verb: str | None
    text: str
    span: Span
    part: str | None = None  # "A", "B", "I", "II", "ANNEX"
    markers: list[Marker] = field(default_factory=list)


@dataclass
class Footnote:
    id: str  # FN1
    number: int
    text: str
    span: Span
    cited_in: list[str] = field(default_factory=list)


@dataclass
class Citation:
    target: str
    target_type: str
    date: str | None
    where: str
    verb: str | None
    text: str
    span: Span


@dataclass
class Mention:
    type: str
    id: str  # concept IRI
    notation: str
    label: str
    where: str
    text: str
    span: Span


@dataclass
class Record:
    source: str
    sha256: str
    format: str  # pdf-text, word-text, markdown, docx, pdf, akn
    document: Document
    normalised: str
    head: list[HeadLine] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    # -- views used by the extractors -------------------------------------------------

    def segments(self) -> Iterator[tuple[str, str | None, int, int]]:
        """Yield ``(where, verb, start, end)`` for every stretch of text in document order:
        head lines (``HEAD``), paragraphs (their id), footnotes (``FNn``, verb ``footnote``)."""
        for line in self.head:
            yield "HEAD", None, line.span[0], line.span[1]
        for p in self.paragraphs:
            yield p.id, p.verb, p.span[0], p.span[1]
        for f in self.footnotes:
            yield f.id, "footnote", f.span[0], f.span[1]

    def paragraph(self, pid: str) -> Paragraph | None:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        return None

    def footnote(self, number: int) -> Footnote | None:
        for f in self.footnotes:
            if f.number == number:
                return f
        return None

    @property
    def preambular_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "preambular"]

    @property
    def operative_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == "operative"]

    # -- JSON form ---------------------------------------------------------------------

    def to_dict(self, *, normalised: bool = False) -> dict[str, Any]:
        """The record as the JSON object of ``CONTRACT.md`` (``normalised`` adds the text)."""
        d: dict[str, Any] = {
            "schema_version": self.schema_version,
            "source": self.source,
            "sha256": self.sha256,
            "format": self.format,
            "document": asdict(self.document),
            "head": [asdict(h) for h in self.head],
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "footnotes": [asdict(f) for f in self.footnotes],
            "citations": [asdict(c) for c in self.citations],
            "mentions": [asdict(m) for m in self.mentions],
            "warnings": list(self.warnings),
        }
        if normalised:
            d["normalised"] = self.normalised
        return _lists_for_tuples(d)

    def to_json(self, *, normalised: bool = False, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(normalised=normalised), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Rebuild a record from its JSON form (``normalised`` may be absent: then empty)."""
        return cls(
            schema_version=d.get("schema_version", SCHEMA_VERSION),
            source=d["source"],
            sha256=d["sha256"],
            format=d.get("format", ""),
            document=Document(**d["document"]),
            normalised=d.get("normalised", ""),
            head=[HeadLine(h["text"], tuple(h["span"])) for h in d.get("head", [])],
            paragraphs=[
                Paragraph(
                    **{k: v for k, v in p.items() if k not in ("span", "markers")},
                    span=tuple(p["span"]),
                    markers=[Marker(**m) for m in p.get("markers", [])],
                )
                for p in d.get("paragraphs", [])
            ],
            footnotes=[
                Footnote(**{k: v for k, v in f.items() if k != "span"}, span=tuple(f["span"]))
                for f in d.get("footnotes", [])
            ],
            citations=[
                Citation(**{k: v for k, v in c.items() if k != "span"}, span=tuple(c["span"]))
                for c in d.get("citations", [])
            ],
            mentions=[
                Mention(**{k: v for k, v in m.items() if k != "span"}, span=tuple(m["span"]))
                for m in d.get("mentions", [])
            ],
            warnings=list(d.get("warnings", [])),
        )


def _lists_for_tuples(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _lists_for_tuples(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_lists_for_tuples(v) for v in obj]
    return obj


def record_from_paragraphs(
    paragraphs: list[tuple[str, str]] | list[str],
    *,
    footnotes: dict[int, tuple[str, list[str]]] | None = None,
    head: list[str] | None = None,
    body: str = "General Assembly",
    source: str = "test.txt",
    **document: Any,
) -> Record:
    """A record built straight from paragraph texts, for table-driven tests of the extractors.

    ``paragraphs`` are ``(id, text)`` pairs (``"PP1"``, ``"OP2"``, ...) or bare texts (then
    numbered PP1, PP2, ...); the verb is the paragraph's opening words up to the first word in
    lower case (operative) or the first word (preambular). ``footnotes`` maps a number to
    ``(text, cited_in)``. The normalised text and every span are laid out as the structure
    stage lays them out."""
    import re as _re

    pairs = [
        p if isinstance(p, tuple) else (f"PP{i}", p) for i, p in enumerate(paragraphs, start=1)
    ]
    parts: list[str] = []
    pos = 0

    def add(text: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(text)
        pos += len(text)
        return start, pos

    rec = Record(source=source, sha256="0" * 64, format="test",
                 document=Document(body=body, **document), normalised="")
    for line in head or []:
        rec.head.append(HeadLine(line, add(line)))
    for pid, text in pairs:
        m = _re.match(r"(?:(?P<part>[A-Z]+)\.)?(?P<kind>PP|OP|P)(?P<n>\d+)$", pid)
        kind = {"PP": "preambular", "OP": "operative", "P": "annex"}[m["kind"]] if m else "head"
        if m and m["part"] == "ANNEX":
            kind = "annex"
        verb_m = _re.match(r"[A-Z][\w-]*(?:,? (?:[a-z][\w-]*|[A-Z][\w-]*))*?(?=,? (?:its|the|that|of|to|with|a|an|all|in|on|at|by|for|Member|States|upon|as)\b|,|$)", text)
        rec.paragraphs.append(Paragraph(
            id=pid, kind=kind, number=int(m["n"]) if m else None,
            verb=verb_m.group(0) if verb_m else None, text=text, span=add(text),
            part=m["part"] if m else None,
        ))
    for number, (text, cited_in) in sorted((footnotes or {}).items()):
        rec.footnotes.append(Footnote(f"FN{number}", number, text, add(text), list(cited_in)))
    rec.normalised = "".join(parts)
    return rec
