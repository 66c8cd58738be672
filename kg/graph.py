"""Records -> RDF, in the shape ``ontology/README.md`` fixes ("Shape of the instance data").

The graph is made as N-Triples text, not by adding terms to an rdflib graph one at a time (that
is 10-30 times slower at a million triples): every document gives the sorted lines of its own
named graph (:func:`document_lines`), the corpus as a whole gives one more graph of what spans
documents (:func:`corpus_lines`: sessions, nodes of cited documents outside the corpus,
``unkg:citedByCount``, drafts ``unkg:adoptedAs`` resolutions), and the ontology and the SKOS
vocabularies a third (:func:`vocabulary_lines`). :class:`Dataset` holds the three kinds, writes
N-Quads (one named graph per document, keyed by document and content hash) and bulk-loads a
:class:`pyoxigraph.Store`. No triple is in two graphs, so the union of the graphs (the default
graph of every query) counts each fact once.

Terms come from :mod:`kg.ns` (checked against ``ontology/unkg.ttl``) and IRIs from :mod:`kg.iri`.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg import __version__
from kg.clauses import clause_function
from kg.iri import DRAFT_KINDS, Iris, Target, resolver
from kg.ns import (
    CITO,
    CLAUSE_IRI,
    DCTERMS,
    FRBR,
    ID_IRI,
    KIND_CLASSES,
    MENTION_PROPERTIES,
    ONTOLOGY_TTL,
    PARAGRAPH_CLASSES,
    PROV,
    RDF,
    RDFS,
    UNKG,
    XSD,
    citation_properties,
)
from kg.record import Record
from kg.vocab import VOCAB_DIR, Vocabulary

#: bumped whenever the triples made from a record change, so that old cached triples are not reused
GRAPH_FORMAT = "1"

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ABSOLUTE_IRI = re.compile(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", re.I)
# the folder of the README's concept conventions, by mention type (fallback IRIs of concepts a
# record names only by notation)
_CONCEPT_DIRS = {"instrument": "instrument", "body": "body", "crime_category": "crime",
                 "member_state": "state", "place": "place"}


def _i(iri: str) -> str:
    return "<" + iri + ">"


def _s(text: str) -> str:
    return '"' + text.translate(_ESCAPES) + '"'


def _en(text: str) -> str:
    return _s(text) + "@en"


def _int(n: int) -> str:
    return f'"{int(n)}"^^<{XSD.integer}>'


def _date(d: str) -> str:
    return f'"{d}"^^<{XSD.date}>'


_TRUE = f'"true"^^<{XSD.boolean}>'

# predicates as N-Triples terms, made once
A = _i(str(RDF.type))
LABEL = _i(str(RDFS.label))
P = {name: _i(str(getattr(UNKG, name))) for name in (
    "symbol", "number", "adopted", "year", "session", "sessionNumber", "sessionInferred",
    "adoptedBy", "agendaItem", "agendaItemLabel", "committee", "committeeName", "committeeReport",
    "recommendedBy", "recommendedByName",
    "plenaryMeeting", "sponsor", "sponsorName", "adoptedAs", "resolver", "citedByCount",
    "hasParagraph", "hasFootnote", "paragraphId", "paragraphNumber", "order", "verb",
    "clauseFunction", "text", "start", "end", "pointsToFootnote", "part", "cites",
    "citesInFootnote", "citesInHead", "citation", "targetType", "citedDate", "surface",
    "mentions", "mention", "mentionedConcept", "mentionedDate", "mentionType", "sourceFile",
    "sha256", "sourceFormat", "bodyName", "distribution", "recommendedTo", "headLine",
    "paragraphCount", "inCorpus", "firstCitedYear", "fingerprint", "mentionsDate", "key",
)}
TITLE = _i(str(DCTERMS.title))
ISSUED = _i(str(DCTERMS.issued))
IS_PART_OF = _i(str(DCTERMS.isPartOf))
DERIVED = _i(str(PROV.wasDerivedFrom))
CITING = _i(str(CITO.hasCitingEntity))
CITED = _i(str(CITO.hasCitedEntity))
CHARACTER = _i(str(CITO.hasCitationCharacterization))
TRANSFORMATION = _i(str(FRBR.transformation))
C_CITATION = _i(str(UNKG.Citation))
C_MENTION = _i(str(UNKG.Mention))
C_FOOTNOTE = _i(str(UNKG.Footnote))
C_SESSION = _i(str(UNKG.Session))
C_SOURCE = _i(str(UNKG.Source))
C_HEAD = _i(str(UNKG.HeadSection))


@lru_cache(maxsize=1)
def _citation_predicates() -> dict[str, str]:
    return {fn: _i(str(prop)) for fn, prop in citation_properties().items()}


def fingerprint(base: str) -> str:
    """What a document's triples (and their validation) depend on besides its record: builder,
    base, ontology, shapes, vocabularies. Cached triples are reused only under the same
    fingerprint."""
    from kg.ns import SHAPES_TTL

    h = hashlib.sha256(f"unkg {__version__} graph {GRAPH_FORMAT} base {base}\n".encode())
    for path in [ONTOLOGY_TTL, SHAPES_TTL, *sorted(VOCAB_DIR.glob("*.ttl"))]:
        if not path.exists():
            continue
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# choosing one record per document


#: better renditions first (the build keeps the better of two records of one document)
SOURCE_RANK = {"akn": 0, "docx": 1, "pdf": 2, "word-text": 3, "markdown": 3, "pdf-text": 4, "text": 5}


@dataclass
class Duplicate:
    """Two files read as the same document: ``kept`` is the better source."""

    iri: str
    kept: str
    dropped: str

    def __str__(self) -> str:
        return f"{self.dropped}: the same document as {self.kept} ({self.iri}); kept {self.kept}"


def _rank(record: Record) -> tuple:
    n = len(record.preambular_paragraphs) + len(record.operative_paragraphs)
    return (SOURCE_RANK.get(record.format, 9), -n, -len(record.paragraphs), record.source, record.sha256)


def choose_documents(records: Iterable[Record], iris: Iris) -> tuple[dict[str, Record], list[Duplicate]]:
    """One record per document IRI (the better source: AKN > docx > pdf > text renditions, then
    more paragraphs); the others are reported as duplicates."""
    by_iri: dict[str, list[Record]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for r in records:
        if (r.source, r.sha256) in seen:
            continue  # the same file named twice on the command line is no duplicate document
        seen.add((r.source, r.sha256))
        by_iri[iris.document(r)].append(r)
    kept: dict[str, Record] = {}
    duplicates: list[Duplicate] = []
    for iri in sorted(by_iri):
        ranked = sorted(by_iri[iri], key=_rank)
        kept[iri] = ranked[0]
        duplicates.extend(Duplicate(iri, ranked[0].source, r.source) for r in ranked[1:])
    return kept, duplicates


# ---------------------------------------------------------------------------------------------
# one document


def document_graph_iri(iris: Iris, doc: str, sha256: str) -> str:
    """The named graph of one document, keyed by the document and the hash of its source."""
    return f"{iris.base}graph/{doc[len(iris.base):] if doc.startswith(iris.base) else doc}?sha256={sha256[:16]}"


def _concept_iri(mention) -> str | None:
    if mention.id and _ABSOLUTE_IRI.match(mention.id):
        return mention.id
    folder = _CONCEPT_DIRS.get(mention.type)
    if folder and mention.notation:
        from kg.iri import path_segment

        return f"{ID_IRI}{folder}/{path_segment(mention.notation)}"
    return None


def _year(d) -> int | None:
    for value in (d.adopted, d.issued):
        if value and _DATE.match(value):
            return int(value[:4])
    return None


def document_lines(record: Record, iris: Iris, doc: str | None = None,
                   warnings: list[str] | None = None) -> list[str]:
    """The sorted, distinct N-Triples lines of one document's named graph.

    ``warnings`` collects what the record says that the graph cannot hold (a citation whose
    ``where`` names no part, a date that is no ISO date), each naming the document."""
    doc = doc or iris.document(record)
    d = record.document
    D = _i(doc)
    out: list[str] = []
    add = out.append

    def warn(message: str) -> None:
        if warnings is not None:
            warnings.append(f"{record.source}: {message}")

    add(f"{D} {A} {_i(str(KIND_CLASSES.get(d.kind, UNKG.Document)))} .")
    add(f"{D} {P['inCorpus']} {_TRUE} .")
    label = d.symbol or (f"{d.body or 'United Nations'} resolution {d.number}" if d.number else None)
    if label is None:
        session = f", {_ordinal(d.session)} session" if d.session else ""
        label = f"{(d.kind or 'document').capitalize()}{session}: {d.title or record.source}"
    add(f"{D} {LABEL} {_s(label)} .")
    if d.symbol:
        add(f"{D} {P['symbol']} {_s(d.symbol)} .")
        add(f"{D} {P['resolver']} {_i(resolver(d.symbol))} .")
    if d.number:
        add(f"{D} {P['number']} {_s(d.number)} .")
    if d.title:
        add(f"{D} {TITLE} {_en(d.title)} .")
    body = iris.body(d.body)
    if d.body:
        add(f"{D} {P['bodyName']} {_s(d.body)} .")
    if body:
        add(f"{D} {P['adoptedBy']} {_i(body.iri)} .")
    if d.session is not None:
        add(f"{D} {P['session']} {_i(iris.session(d.body, d.session))} .")
        if d.session_inferred:
            add(f"{D} {P['sessionInferred']} {_TRUE} .")
    for prop, value in (("adopted", d.adopted), ("issued", d.issued)):
        if value and _DATE.match(value):
            add(f"{D} {P['adopted'] if prop == 'adopted' else ISSUED} {_date(value)} .")
        elif value:
            warn(f"{prop} date {value!r} is not an ISO date; left out of the graph")
    year = _year(d)
    if year:
        add(f"{D} {P['year']} {_int(year)} .")
    if d.agenda_item is not None:
        add(f"{D} {P['agendaItem']} {_int(d.agenda_item)} .")
    if d.agenda_item_label:
        add(f"{D} {P['agendaItemLabel']} {_s(d.agenda_item_label)} .")
    # a body named in the masthead: its name as printed, and its concept where the vocabulary knows it
    for name, name_prop, body_prop in ((d.committee, "committeeName", "committee"),
                                       (d.recommended_by, "recommendedByName", "recommendedBy")):
        if name:
            add(f"{D} {P[name_prop]} {_s(name)} .")
            body = iris.body(name)
            if body:
                add(f"{D} {P[body_prop]} {_i(body.iri)} .")
    if d.committee_report:
        add(f"{D} {P['committeeReport']} {_i(iris.doc(d.committee_report))} .")
    if d.plenary_meeting is not None:
        add(f"{D} {P['plenaryMeeting']} {_int(d.plenary_meeting)} .")
    if d.distribution:
        add(f"{D} {P['distribution']} {_s(d.distribution)} .")
    if d.recommended_to:
        add(f"{D} {P['recommendedTo']} {_s(d.recommended_to)} .")
    states = _state_index(iris.vocabulary)
    for name in d.sponsors:
        add(f"{D} {P['sponsorName']} {_s(name)} .")
        state = states.get(_name_key(name))
        if state:
            add(f"{D} {P['sponsor']} {_i(state)} .")
    S = _i(iris.source(record.sha256))
    add(f"{D} {DERIVED} {S} .")
    add(f"{S} {A} {C_SOURCE} .")
    add(f"{S} {P['sourceFile']} {_s(record.source)} .")
    add(f"{S} {P['sha256']} {_s(record.sha256)} .")
    if record.format:
        add(f"{S} {P['sourceFormat']} {_s(record.format)} .")
    add(f"{D} {P['paragraphCount']} {_int(len(record.preambular_paragraphs) + len(record.operative_paragraphs))} .")

    # parts: head, paragraphs, footnotes
    parts: dict[str, str] = {}  # record's where -> part IRI
    verbs: dict[str, str | None] = {}
    if record.head:
        H = _i(doc + "#HEAD")
        parts["HEAD"] = H
        add(f"{D} {P['hasParagraph']} {H} .")
        add(f"{H} {A} {C_HEAD} .")
        add(f"{H} {IS_PART_OF} {D} .")
        add(f"{H} {P['paragraphId']} \"HEAD\" .")
        add(f"{H} {P['text']} {_s(chr(10).join(h.text for h in record.head))} .")
        for h in record.head:
            add(f"{H} {P['headLine']} {_s(h.text)} .")
        starts = [h.span for h in record.head]
        if all(b[0] == a[1] + 1 for a, b in zip(starts, starts[1:], strict=False)):
            add(f"{H} {P['start']} {_int(starts[0][0])} .")
            add(f"{H} {P['end']} {_int(starts[-1][1])} .")
    footnote_iri = {f.number: doc + "#" + _fragment(f.id) for f in record.footnotes}
    pointing: dict[str, set[str]] = defaultdict(set)  # footnote id -> paragraph IRIs
    for order, p in enumerate(record.paragraphs, start=1):
        X = _i(doc + "#" + _fragment(p.id))
        parts[p.id] = X
        verbs[p.id] = p.verb
        add(f"{D} {P['hasParagraph']} {X} .")
        add(f"{X} {A} {_i(str(PARAGRAPH_CLASSES.get(p.kind, UNKG.Paragraph)))} .")
        add(f"{X} {IS_PART_OF} {D} .")
        add(f"{X} {P['paragraphId']} {_s(p.id)} .")
        if p.number is not None:
            add(f"{X} {P['paragraphNumber']} {_int(p.number)} .")
        add(f"{X} {P['order']} {_int(order)} .")
        if p.verb:
            add(f"{X} {P['verb']} {_s(p.verb)} .")
            add(f"{X} {P['clauseFunction']} <{CLAUSE_IRI}{clause_function(p.verb)}> .")
        if p.part:
            add(f"{X} {P['part']} {_s(p.part)} .")
        add(f"{X} {P['text']} {_s(p.text)} .")
        add(f"{X} {P['start']} {_int(p.span[0])} .")
        add(f"{X} {P['end']} {_int(p.span[1])} .")
        for m in p.markers:
            fn = footnote_iri.get(m.number)
            if fn:
                add(f"{X} {P['pointsToFootnote']} {_i(fn)} .")
                pointing[f"FN{m.number}"].add(X)
            else:
                warn(f"{p.id} has a marker of footnote {m.number}, which the record does not hold")
    for f in record.footnotes:
        F = _i(footnote_iri[f.number])
        parts[f.id] = F
        add(f"{D} {P['hasFootnote']} {F} .")
        add(f"{F} {A} {C_FOOTNOTE} .")
        add(f"{F} {IS_PART_OF} {D} .")
        add(f"{F} {P['paragraphId']} {_s(f.id)} .")
        add(f"{F} {P['paragraphNumber']} {_int(f.number)} .")
        add(f"{F} {P['text']} {_s(f.text)} .")
        add(f"{F} {P['start']} {_int(f.span[0])} .")
        add(f"{F} {P['end']} {_int(f.span[1])} .")
        for pid in f.cited_in:
            if pid in parts:
                add(f"{parts[pid]} {P['pointsToFootnote']} {F} .")
                pointing[f.id].add(parts[pid])

    # citations: direct typed edges (both the clause's sub-property and unkg:cites) and reified
    predicates = _citation_predicates()
    counters: Counter[str] = Counter()
    for c in sorted(record.citations, key=lambda c: (c.span[0], c.span[1], c.target)):
        target = iris.target(c.target, c.target_type)
        T = _i(target.iri)
        where = c.where if c.where in parts else None
        if where is None:
            warn(f"citation of {c.target} in {c.where!r}, a part the record does not hold; cited by the document only")
        X = parts[where] if where else D
        key = _fragment(where or "DOC")
        counters[key] += 1
        C = _i(f"{doc}#{key}.c{counters[key]}")
        add(f"{D} {P['cites']} {T} .")
        add(f"{X} {P['cites']} {T} .")
        if where == "HEAD":
            add(f"{X} {P['citesInHead']} {T} .")
        elif where and where.startswith("FN"):
            add(f"{X} {P['citesInFootnote']} {T} .")
            for para in sorted(pointing.get(where, ())):
                add(f"{para} {P['citesInFootnote']} {T} .")
                add(f"{para} {P['cites']} {T} .")
        else:
            fn = clause_function(c.verb or verbs.get(where or ""))
            add(f"{C} {CHARACTER} <{CLAUSE_IRI}{fn}> .")
            if fn in predicates:
                add(f"{X} {predicates[fn]} {T} .")
        add(f"{X} {P['citation']} {C} .")
        add(f"{C} {A} {C_CITATION} .")
        add(f"{C} {CITING} {X} .")
        add(f"{C} {CITED} {T} .")
        if c.verb and c.verb != "footnote":
            add(f"{C} {P['verb']} {_s(c.verb)} .")
        add(f"{C} {P['targetType']} {_s(c.target_type)} .")
        if c.date and _DATE.match(c.date):
            add(f"{C} {P['citedDate']} {_date(c.date)} .")
        add(f"{C} {P['surface']} {_s(c.text)} .")
        add(f"{C} {P['start']} {_int(c.span[0])} .")
        add(f"{C} {P['end']} {_int(c.span[1])} .")
        add(f"{C} {DERIVED} {X} .")

    # mentions: direct typed edges (typed property and unkg:mentions) and reified
    mcounters: Counter[str] = Counter()
    for m in sorted(record.mentions, key=lambda m: (m.span[0], m.span[1], m.id)):
        where = m.where if m.where in parts else None
        if where is None:
            warn(f"mention of {m.notation} in {m.where!r}, a part the record does not hold; mentioned by the document only")
        X = parts[where] if where else D
        key = _fragment(where or "DOC")
        mcounters[key] += 1
        M = _i(f"{doc}#{key}.m{mcounters[key]}")
        prop = MENTION_PROPERTIES.get(m.type)
        if m.type == "date":
            value = m.notation if _DATE.match(m.notation or "") else (m.id if _DATE.match(m.id or "") else None)
            if value is None:
                warn(f"date mention {m.text!r} in {m.where} has no ISO date; left out")
                mcounters[key] -= 1
                continue
            obj = _date(value)
            for s in (D, X):
                add(f"{s} {P['mentionsDate']} {obj} .")
            add(f"{M} {P['mentionedDate']} {obj} .")
        else:
            concept = _concept_iri(m) if prop is not None else (m.id if _ABSOLUTE_IRI.match(m.id or "") else None)
            if concept is None:
                warn(f"mention {m.text!r} in {m.where} names no concept (type {m.type!r}); left out")
                mcounters[key] -= 1
                continue
            if prop is None:  # kept, with unkg:mentions alone: validation reports the type
                warn(f"mention {m.text!r} in {m.where} has the unknown type {m.type!r}")
            obj = _i(concept)
            for s in (D, X):
                if prop is not None:
                    add(f"{s} {_i(str(prop))} {obj} .")
                add(f"{s} {P['mentions']} {obj} .")
            add(f"{M} {P['mentionedConcept']} {obj} .")
        add(f"{X} {P['mention']} {M} .")
        add(f"{M} {A} {C_MENTION} .")
        add(f"{M} {P['mentionType']} {_s(m.type)} .")
        add(f"{M} {P['surface']} {_s(m.text)} .")
        add(f"{M} {P['start']} {_int(m.span[0])} .")
        add(f"{M} {P['end']} {_int(m.span[1])} .")
        add(f"{M} {DERIVED} {X} .")
    return sorted(set(out))


def _fragment(part_id: str) -> str:
    """A record's part id as an IRI fragment (ids are plain ``PP1``, ``A.OP3``; anything else is
    made safe)."""
    from kg.iri import path_segment

    return part_id if re.fullmatch(r"[A-Za-z0-9._-]+", part_id) else path_segment(part_id).replace("/", "%2F")


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _name_key(name: str) -> str:
    return " ".join(name.replace("’", "'").lower().split()).removeprefix("the ")


def _state_index(vocabulary: Vocabulary) -> dict[str, str]:
    cached = getattr(vocabulary, "_unkg_states", None)
    if cached is None:
        cached = {}
        for c in vocabulary.of_type("member_state"):
            for label in (c.pref_label, *c.labels):
                cached.setdefault(_name_key(label), c.iri)
        vocabulary._unkg_states = cached  # type: ignore[attr-defined]
    return cached


# ---------------------------------------------------------------------------------------------
# what spans documents


_WORDS = re.compile(r"[a-z0-9]+")


def _title_key(title: str | None) -> str:
    return " ".join(_WORDS.findall((title or "").lower()))


def _shingles(record: Record, n: int = 6) -> set[int]:
    words = _WORDS.findall(" ".join(p.text.lower() for p in record.paragraphs
                                    if p.kind in ("preambular", "operative")))
    return {hash(" ".join(words[i:i + n])) for i in range(max(0, len(words) - n + 1))}


def match_drafts(documents: dict[str, Record], iris: Iris, threshold: float = 0.5) -> dict[str, str]:
    """Draft IRI -> IRI of the resolution (or decision) it became: same body, same session, same
    title, and most of the draft's text found in the adopted text (share of the draft's word
    6-grams at least ``threshold``; the best match wins)."""
    adopted: dict[tuple, list[str]] = defaultdict(list)
    for iri, r in documents.items():
        d = r.document
        if d.kind in ("resolution", "decision") and d.session is not None:
            adopted[(iris.body_key(d.body), d.session, _title_key(d.title))].append(iri)
    out: dict[str, str] = {}
    cache: dict[str, set[int]] = {}
    for iri, r in sorted(documents.items()):
        d = r.document
        if d.kind not in DRAFT_KINDS or d.kind == "amendment" or d.session is None:
            continue
        candidates = adopted.get((iris.body_key(d.body), d.session, _title_key(d.title)), [])
        if not candidates:
            continue
        mine = _shingles(r)
        if not mine:
            continue
        best = None
        for cand in sorted(candidates):
            theirs = cache.setdefault(cand, _shingles(documents[cand]))
            share = len(mine & theirs) / len(mine)
            if share >= threshold and (best is None or share > best[0]):
                best = (share, cand)
        if best:
            out[iri] = best[1]
    return out


_KIND_PRIORITY = {"Resolution": 0, "Decision": 1, "TreatySeriesEntry": 2, "Report": 3, "Document": 4}


def corpus_lines(documents: dict[str, Record], iris: Iris) -> list[str]:
    """Sorted N-Triples lines of the corpus graph: sessions; nodes of cited (and committee
    report) documents outside the corpus with symbol, label, date, adopting body and resolver;
    ``unkg:citedByCount`` and ``unkg:firstCitedYear`` of every cited node; ``unkg:adoptedAs``
    from drafts to the resolutions they became."""
    out: list[str] = []
    add = out.append
    sessions: dict[str, tuple[str | None, int]] = {}
    targets: dict[str, Target] = {}
    keys: set[tuple[str, str]] = set()
    dates: dict[str, Counter] = defaultdict(Counter)
    citing: dict[str, set[str]] = defaultdict(set)
    first_year: dict[str, int] = {}
    for doc, r in documents.items():
        d = r.document
        if d.session is not None:
            sessions[iris.session(d.body, d.session)] = (d.body, d.session)
        year = _year(d)
        if d.committee_report:
            t = iris.target(d.committee_report, "document")
            targets.setdefault(t.iri, t)
            keys.add((t.iri, " ".join(d.committee_report.split())))
        for c in r.citations:
            t = iris.target(c.target, c.target_type)
            keys.add((t.iri, " ".join(c.target.split())))
            old = targets.get(t.iri)
            if old is None or _KIND_PRIORITY[t.kind] < _KIND_PRIORITY[old.kind]:
                targets[t.iri] = t
            if c.date and _DATE.match(c.date):
                dates[t.iri][c.date] += 1
            if t.iri != doc:
                citing[t.iri].add(doc)
            if year:
                first_year[t.iri] = min(year, first_year.get(t.iri, year))
        for m in r.mentions:
            concept = _concept_iri(m) if m.type != "date" else None
            if concept and year:
                first_year[concept] = min(year, first_year.get(concept, year))
    for iri, (body_name, number) in sorted(sessions.items()):
        S = _i(iri)
        add(f"{S} {A} {C_SESSION} .")
        add(f"{S} {P['sessionNumber']} {_int(number)} .")
        body = iris.body(body_name)
        if body:
            add(f"{S} {P['adoptedBy']} {_i(body.iri)} .")
        name = body.pref_label if body else (body_name or "Unknown body")
        add(f"{S} {LABEL} {_s(f'{name}, {number} session' if number > 1900 else f'{name}, {_ordinal(number)} session')} .")
    for iri, t in sorted(targets.items()):
        if iri in documents:
            continue
        T = _i(iri)
        add(f"{T} {A} {_i(str(getattr(UNKG, t.kind)))} .")
        add(f"{T} {LABEL} {_s(t.label)} .")
        if t.symbol:
            add(f"{T} {P['symbol']} {_s(t.symbol)} .")
            add(f"{T} {P['resolver']} {_i(resolver(t.symbol))} .")
        if t.number:
            add(f"{T} {P['number']} {_s(t.number)} .")
        if t.body and t.kind in ("Resolution", "Decision"):
            add(f"{T} {P['adoptedBy']} {_i(t.body.iri)} .")
        if dates.get(iri) and t.kind in ("Resolution", "Decision"):
            # the date most documents print beside it (ties: the earliest)
            date = sorted(dates[iri].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            add(f"{T} {P['adopted']} {_date(date)} .")
            add(f"{T} {P['year']} {_int(int(date[:4]))} .")
    for iri, key in sorted(keys):
        add(f"{_i(iri)} {P['key']} {_s(key)} .")
    for iri, docs in sorted(citing.items()):
        add(f"{_i(iri)} {P['citedByCount']} {_int(len(docs))} .")
    for iri, year in sorted(first_year.items()):
        add(f"{_i(iri)} {P['firstCitedYear']} {_int(year)} .")
    for draft, adopted in sorted(match_drafts(documents, iris).items()):
        add(f"{_i(draft)} {P['adoptedAs']} {_i(adopted)} .")
    return sorted(set(out))


@lru_cache(maxsize=4)
def _vocabulary_lines(key: str) -> tuple[str, ...]:
    import rdflib

    g = rdflib.Graph()
    g.parse(ONTOLOGY_TTL, format="turtle")
    for path in sorted(VOCAB_DIR.glob("*.ttl")):
        g.parse(path, format="turtle")
    text = g.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return tuple(sorted({line for line in text.splitlines() if line.strip()}))


def vocabulary_lines() -> list[str]:
    """The ontology and every SKOS vocabulary of ``ontology/vocab`` as sorted N-Triples lines."""
    key = "|".join(f"{p.name}:{p.stat().st_mtime_ns}" for p in [ONTOLOGY_TTL, *sorted(VOCAB_DIR.glob("*.ttl"))])
    return list(_vocabulary_lines(key))


# ---------------------------------------------------------------------------------------------
# the dataset


@dataclass
class NamedGraph:
    """The triples of one named graph, as sorted distinct N-Triples lines."""

    name: str
    lines: list[str]
    document: str | None = None  # the document IRI (document graphs)
    sha256: str | None = None

    def lines_nl(self) -> Iterator[str]:
        for line in self.lines:
            yield line + "\n"


@dataclass
class Dataset:
    """The whole graph: vocabulary, corpus and one named graph per document."""

    base: str
    graphs: list[NamedGraph] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    documents: dict[str, Record] = field(default_factory=dict)

    def __len__(self) -> int:
        return sum(len(g.lines) for g in self.graphs)

    def nquads(self) -> Iterator[str]:
        """N-Quads lines, graph by graph (vocabulary, corpus, documents by IRI), each sorted."""
        for g in self.graphs:
            suffix = f"<{g.name}> .\n"
            for line in g.lines:
                yield line[:-1] + suffix  # "s p o ." -> "s p o <g> ."

    def ntriples(self) -> Iterator[str]:
        """The union of the graphs as N-Triples lines, sorted."""
        for line in sorted(line for g in self.graphs for line in g.lines):
            yield line + "\n"

    def store(self, store: Any = None, *, named_graphs: bool = False) -> Any:
        """Bulk-load the dataset into a :class:`pyoxigraph.Store` (a new in-memory one by default):
        into its default graph, or with ``named_graphs`` one named graph per document (3 times
        slower to load and to query, measured in ``bench/bench_graph.py``)."""
        import pyoxigraph as ox

        store = store if store is not None else ox.Store()
        lines, fmt = (self.nquads(), ox.RdfFormat.N_QUADS) if named_graphs else (
            (line for g in self.graphs for line in g.lines_nl()), ox.RdfFormat.N_TRIPLES)
        for chunk in _chunks(lines, 200_000):
            store.bulk_load(input="".join(chunk).encode("utf-8"), format=fmt)
        return store


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_dataset(records: Iterable[Record], base: str | None = None,
                  vocabulary: Vocabulary | None = None,
                  cached: dict[tuple[str, str], list[str]] | None = None,
                  progress: bool = False) -> Dataset:
    """The dataset of ``records``: one record per document (duplicates reported), each
    document's graph (taken from ``cached`` -- ``(document IRI, sha256) -> lines`` -- where
    the same source was built before under the same fingerprint), the corpus graph and the
    vocabulary graph. ``progress`` shows a progress bar on stderr."""
    from kg.ns import DEFAULT_BASE

    iris = Iris(base or DEFAULT_BASE, vocabulary)
    documents, duplicates = choose_documents(records, iris)
    ds = Dataset(iris.base, duplicates=duplicates, documents=documents)
    ds.graphs.append(NamedGraph(iris.graph("vocabulary"), vocabulary_lines()))
    ds.graphs.append(NamedGraph(iris.graph("corpus"), corpus_lines(documents, iris)))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(documents), unit="doc", desc="triples", file=sys.stderr)
    for doc, r in documents.items():
        lines = (cached or {}).get((doc, r.sha256))
        if lines is None:
            lines = document_lines(r, iris, doc, ds.warnings)
        ds.graphs.append(NamedGraph(document_graph_iri(iris, doc, r.sha256), lines, doc, r.sha256))
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    return ds


def to_rdflib(dataset_or_lines: Dataset | Iterable[str], graph: Any = None) -> Any:
    """An ``rdflib.Graph`` holding the union of a dataset's graphs (or of N-Triples lines): for
    pySHACL and tests, not for big graphs."""
    import rdflib

    g = graph if graph is not None else rdflib.Graph()
    lines = dataset_or_lines.ntriples() if isinstance(dataset_or_lines, Dataset) else (
        line + "\n" for line in dataset_or_lines)
    g.parse(data="".join(lines), format="nt")
    return g


__all__ = [
    "Dataset", "Duplicate", "NamedGraph", "build_dataset", "choose_documents", "corpus_lines",
    "document_lines", "fingerprint", "match_drafts", "to_rdflib", "vocabulary_lines",
]
