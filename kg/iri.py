"""Stable, readable IRIs of the graph's instance data, derived from UN symbols.

Every IRI lives under a configurable base (``https://w3id.org/unkg/`` by default, ``kg build
--base``), in the forms ``ontology/README.md`` lists:

* ``{base}doc/{symbol}``                documents with a UN symbol (spaces as ``_``):
  ``doc/A/RES/68/193``, ``doc/A/RES/67/234_B``, ``doc/S/RES/1373_(2001)``, ``doc/A/68/457``
* ``{base}decision/{key}/{number}``     decisions of bodies whose resolutions carry no symbol:
  ``decision/CCPCJ/22/7``, ``decision/COSP-UNCAC/decision/5/1``, and resolutions of bodies
  outside the record's nine types (``other resolution``): ``decision/UNEA/1/3``
* ``{base}unts/{volume}/{number}``      Treaty Series entries (``UNTS 2225/39574``)
* ``{base}ref/{number}``                resolutions whose adopting body cannot be told
* ``{base}draft/{body}/{session}/{kind}[/rev{n}]/{title-slug}``  drafts without a symbol (a title
  over 80 characters keeps its first words and 8 hex digits of the SHA-256 of its whole slug)
* ``{base}session/{body}/{number}``     sessions; ``{base}source/{sha256}`` input files
* ``{base}graph/...``                   named graphs of TriG / N-Quads output

Parts of a document hang off its IRI as fragments: ``#PP1``, ``#OP3``, ``#A.OP2``, ``#FN1``,
``#HEAD``; reified citations and mentions as ``#PP1.c1``, ``#PP1.m2``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from kg.ns import DEFAULT_BASE
from kg.record import Document, Record
from kg.vocab import Concept, Vocabulary

# characters kept as they are in a path segment (RFC 3987 allows them; N-Triples and Turtle too)
_SAFE = "/()-._~:,;=!$&'*+@"
_KEY_TARGET = re.compile(r"^(?P<key>[A-Z][A-Za-z0-9-]*)(?: (?P<decision>decision))? (?P<number>[\w.()/-]+)$")
_UNTS = re.compile(r"^UNTS\s+(?P<volume>\d+)/(?P<number>\d+)$")
_REVISION = re.compile(r"/Rev\.(\d+)", re.I)

#: record kinds of drafts (their IRIs come from session, kind and title when no symbol is printed)
DRAFT_KINDS = ("draft resolution", "revised draft resolution", "draft decision", "amendment")


def path_segment(text: str) -> str:
    """``text`` as IRI path characters: spaces as ``_``, anything unsafe percent-encoded."""
    return quote("_".join(text.split()), safe=_SAFE)


def slug(text: str, limit: int = 80) -> str:
    """A lower-case, hyphenated slug of at most ``limit`` characters, cut at a word boundary."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > limit:
            break
        out = candidate
    return out or "untitled"


def title_slug(title: str, limit: int = 80) -> str:
    """A title's slug; a title too long for ``limit`` keeps its first words and a short digest of
    the whole, so that two titles differing only at the end stay apart."""
    import hashlib

    full = slug(title, 100_000)
    if len(full) <= limit:
        return full
    return f"{slug(title, limit - 9)}-{hashlib.sha256(full.encode()).hexdigest()[:8]}"


def resolver(symbol: str) -> str:
    """The UN document resolver's address of a symbol (``https://undocs.org/A/RES/46/152``)."""
    # the resolver writes Security Council symbols without the space: S/RES/1373(2001)
    return "https://undocs.org/" + quote(" ".join(symbol.split()).replace(" (", "("), safe="/().-")


@dataclass(frozen=True)
class Target:
    """What the graph knows of a citation target from the target alone."""

    iri: str
    kind: str  # class local name: Resolution, Decision, Report, TreatySeriesEntry, Document
    label: str
    symbol: str | None = None
    number: str | None = None
    body: Concept | None = None  # the adopting body, where the target type names one


class Iris:
    """IRIs under one base, with the vocabulary that names bodies (for sessions and targets)."""

    def __init__(self, base: str = DEFAULT_BASE, vocabulary: Vocabulary | None = None):
        if not re.match(r"^[a-z][a-z0-9+.-]*://\S+$", base, re.I):
            raise ValueError(f"base IRI {base!r} is not an absolute IRI (e.g. {DEFAULT_BASE})")
        self.base = base if base.endswith(("/", "#")) else base + "/"
        if vocabulary is None:
            from kg import vocab

            vocabulary = vocab.load()
        self.vocabulary = vocabulary
        self._bodies_by_label: dict[str, Concept] = {}
        for c in vocabulary.of_type("body"):
            for label in (c.pref_label, *c.labels, c.notation):
                self._bodies_by_label.setdefault(label.lower(), c)
        self._by_resolution_type = {c.resolution_type: c for c in vocabulary.citing_bodies()}
        # every body with a citation key: the nine of the record's types and those whose
        # resolutions are "other resolution" ("UNEA 1/3", "WHA 72.8")
        self._by_citation_key = {c.citation_key: c for c in vocabulary.of_type("body") if c.citation_key}

    # -- bodies ------------------------------------------------------------------------

    def body(self, name: str | None) -> Concept | None:
        """The body concept a printed name (or notation) names, where the vocabulary knows it."""
        return self._bodies_by_label.get(name.lower()) if name else None

    def body_key(self, name: str | None) -> str:
        c = self.body(name)
        return c.notation if c else slug(name or "unknown-body", 40)

    # -- documents ---------------------------------------------------------------------

    def doc(self, symbol: str) -> str:
        return f"{self.base}doc/{path_segment(symbol)}"

    def document(self, record: Record) -> str:
        """The IRI of the document a record describes; two records of one document share it."""
        d = record.document
        if d.symbol:
            return self.doc(d.symbol)
        body = self.body(d.body)
        if d.number and d.kind == "resolution" and body is not None:
            if body.symbol_prefix:
                return self.doc(body.symbol_prefix + d.number)
            if body.citation_key:
                return f"{self.base}decision/{body.citation_key}/{path_segment(d.number)}"
        if d.kind in DRAFT_KINDS and d.title:
            return self.draft(d)
        return f"{self.base}document/{record.sha256[:16]}"

    def draft(self, d: Document) -> str:
        kind = slug(d.kind or "draft", 40)
        session = str(d.session) if d.session is not None else "unknown-session"
        rev = ""
        if d.kind and d.kind.startswith("revised"):
            m = _REVISION.search(d.symbol or "")
            rev = f"/rev{m.group(1)}" if m else ""
        return f"{self.base}draft/{self.body_key(d.body)}/{session}/{kind}{rev}/{title_slug(d.title or '')}"

    def session(self, body_name: str | None, number: int) -> str:
        return f"{self.base}session/{self.body_key(body_name)}/{number}"

    def source(self, sha256: str) -> str:
        return f"{self.base}source/{sha256}"

    def graph(self, *parts: str) -> str:
        return f"{self.base}graph/" + "/".join(path_segment(p) for p in parts)

    # -- citation targets --------------------------------------------------------------

    def target(self, target: str, target_type: str) -> Target:
        """The node of a citation target (``A/RES/46/152``, ``CCPCJ 22/7``, ``UNTS 2225/39574``)."""
        target = " ".join(target.split())
        m = _UNTS.match(target)
        if target_type == "treaty series" or m:
            if m:
                iri = f"{self.base}unts/{m['volume']}/{m['number']}"
            else:
                iri = f"{self.base}unts/{path_segment(target.removeprefix('UNTS').strip())}"
            return Target(iri, "TreatySeriesEntry", f"United Nations Treaty Series {target.removeprefix('UNTS').strip()}",
                          number=target.removeprefix("UNTS").strip())
        body = self._by_resolution_type.get(target_type)
        m = _KEY_TARGET.match(target)
        if m and (m["key"] in self._by_citation_key or "/" in m["number"] and m["key"].isupper()):
            key_body = self._by_citation_key.get(m["key"]) or body
            decision = "/decision" if m["decision"] else ""
            iri = f"{self.base}decision/{path_segment(m['key'])}{decision}/{path_segment(m['number'])}"
            kind = "Decision" if m["decision"] else "Resolution"
            what = "decision" if m["decision"] else "resolution"
            return Target(iri, kind, f"{m['key']} {what} {m['number']}", number=m["number"], body=key_body)
        if target_type == "unknown" or "/" not in target or re.match(r"^\d", target):
            return Target(f"{self.base}ref/{path_segment(target)}", "Resolution", f"resolution {target}",
                          number=target)
        number = None
        if body and body.symbol_prefix and target.startswith(body.symbol_prefix):
            number = target[len(body.symbol_prefix):]
        if target_type.endswith("resolution"):
            kind = "Resolution"
        elif "/DEC/" in target:
            kind = "Decision"
        else:
            kind = "Report"
        return Target(self.doc(target), kind, target, symbol=target, number=number, body=body)
