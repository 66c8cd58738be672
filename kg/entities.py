"""Entity mentions: instruments, bodies, crime categories, Member States, places and dates.

A rule-based spaCy pipeline built once per process from the SKOS vocabularies
(:mod:`kg.vocab`): ``spacy.blank("en")`` for tokens and two ``PhraseMatcher`` objects, one
matching on ``LOWER`` (names of several words, lower-case crime terms) and one on ``ORTH``
(case-sensitive: one-word proper names such as "Chad" or "Vienna", abbreviations such as
"UNODC", and the short forms of ``unkg:anaphor``). No name lives in this module.

What counts as a mention (:func:`find_mentions`):

* **Names.** Any ``skos:prefLabel``, ``altLabel``, ``hiddenLabel`` or ``unkg:shortLabel`` of
  a concept, as a whole token sequence. A hyphenated label also matches with a space
  ("identity related crime"); a crime label ending in "crime" also matches its plural.
  Typographic quotes and dashes count as their plain forms.
* **Longest match wins**, across all types: a name inside a longer recognised name is no
  mention of its own (UNTOC inside "Conference of the Parties to the United Nations Convention
  against Transnational Organized Crime"; "corruption" inside "Convention against Corruption").
* **Short forms** (``unkg:anaphor``: "the Convention", "the Office", "the Commission", "the
  Protocols thereto", "Conference of the Parties to the Convention") are resolved to the
  concept, among those that carry the short form, that was last named -- itself or a concept
  tied to it (its parts through ``skos:broader`` for instruments, its treaty through
  ``unkg:conferenceOf``, its subsidiary bodies; for "its ...", the concept it belongs to) -- in
  the same paragraph before it or in the previous paragraph (for a footnote: the paragraphs
  that point to it). A plural short form
  ("the Protocols thereto") gives every concept tied for last; an unresolved or ambiguous
  singular gives nothing. Where nothing in the window resolves a short form, it resolves to
  the one concept carrying it that was named earlier in the document, if only one was ("the
  Office" in a text that has named the United Nations Office on Drugs and Crime and no other
  office).
* **Abbreviations defined in the text**: the name of an instrument or body followed by "(the
  Bangkok Rules)", "(UNODC)" or "(hereinafter "the Academy")" makes that form an alias of the
  concept for the rest of the document (one word: an abbreviation of two capitals or more;
  several words: introduced by "the" or "hereinafter").
* **Dates** printed in full ("18 December 1991", "December 18, 1991", "2015-04-12", and the
  first day of "12 to 19 April 2015" or "12 April to 3 May 2015") are mentions of type
  ``date`` whose ``id``, ``notation`` and ``label`` are the ISO date. A month and year alone
  ("December 1991") or a year is no date mention: it names no day (``xsd:date``).

Every mention keeps its provenance: ``where`` (HEAD, PPn, OPn, FNn, ANNEX...), ``text`` and
``span`` with ``record.normalised[span[0]:span[1]] == text``. A match across two segments is
dropped. Texts are tokenised once per document, in pieces of at most :data:`CHUNK_CHARS`
characters cut at segment boundaries, so spaCy's ``max_length`` is never reached.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from kg.record import Mention, Record
from kg.vocab import Concept, Vocabulary, load

#: one character for one, so that offsets into the translated text are offsets into the text
_TRANSLATE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00ad": "-",
    "\u00a0": " ", "\u202f": " ", "\n": " ", "\t": " ", "\r": " ",
})

#: largest piece of text tokenised at once (spaCy's default max_length is 1,000,000)
CHUNK_CHARS = 400_000

MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DATE_DMY = re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>[12]\d{{3}})\b")
_DATE_MDY = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>[0-3]?\d),\s+(?P<y>[12]\d{{3}})\b")
_DATE_ISO = re.compile(r"\b(?P<y>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
# "12 to 19 April 2015", "12-19 April", "12 and 13 April": the first day of a range or pair
_DAY_BEFORE = re.compile(r"(?<![\w/.,])(?P<d>[0-3]?\d)\s*(?:-|to|and)\s*$")
# "12 April to 3 May 2015": the first date of a range across months
_DAY_MONTH_BEFORE = re.compile(rf"(?<![\w/.,])(?P<d>[0-3]?\d)\s+(?P<m>{_MONTH})\s*(?:-|to|and)\s*$")

# an abbreviation defined right after a name: "(the Bangkok Rules)", "(UNODC)",
# "(hereinafter referred to as "the Academy")"
_DEFINED = re.compile(
    r"\s*\(\s*(?P<intro>hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?)?[\"']?(?P<the>the\s+)?"
    r"(?P<alias>[A-Z][\w'.-]*(?:\s+(?:[A-Z0-9][\w'.-]*|of|and|for|on|in|the|to|against)){0,7})"
    r"[\"']?\s*\)"
)


# Coordinated crime terms: "smuggling of and trafficking in human beings, narcotic drugs and
# small arms and light weapons", "trafficking in wildlife and in hazardous waste". A crime label
# of the form "<head> <preposition> <object>" lends its object to every head before it.
_HEAD = r"(?:(?:illicit|illegal)\s+)?(?P<head{n}>smuggling|trafficking|traffic|trade)\s+(?P<prep{n}>of|in)"
_CRIME_HEAD = re.compile(_HEAD.format(n="") + r"\s+(?P<rest>.+)")
_HEADS = re.compile(
    r"(?<![\w-])" + _HEAD.format(n="") + r"(?P<more>(?:\s*,?\s+(?:and|or)\s+" + _HEAD.format(n="_") + r")*)\s+"
)
_MORE_HEAD = re.compile(_HEAD.format(n=""))
_OBJECT_SEPARATOR = re.compile(r"\s*(?:,\s*(?:(?:and|or|as well as)\s+)?|\s+(?:and|or|as well as)\s+)(?:(?:in|of)\s+)?")


@dataclass
class _Entry:
    concept: Concept
    anaphor: bool


@dataclass
class _Candidate:
    start: int
    end: int
    where: str
    entries: list[_Entry]

    @property
    def anaphor(self) -> bool:
        return all(e.anaphor for e in self.entries)


@dataclass
class _Pipeline:
    """The spaCy objects and lookup tables built from one vocabulary."""

    nlp: object
    matchers: list  # PhraseMatcher objects
    entries: dict[int, list[_Entry]]  # match id -> what the phrase names
    related: dict[str, set[str]]  # concept IRI -> IRIs whose mention supports it as antecedent
    label_owner: dict[str, set[str]] = field(default_factory=dict)  # casefolded label -> IRIs
    #: object of a crime term -> {(head, preposition): concept}: "narcotic drugs" ->
    #: {("trafficking", "in"): drug trafficking}, for coordinated terms (:func:`_coordinated`)
    crime_objects: dict[str, dict[tuple[str, str], Concept]] = field(default_factory=dict)
    crime_object_rx: re.Pattern | None = None


#: tokens the matchers do not see: a name matches whether or not it is printed with a comma
#: or hyphen there ("Their Parts, and Components", "money laundering", "identity related crime")
_SKIPPED = frozenset({",", "-"})


#: a word with a footnote marker glued to it, as plain text prints it ("Crime10", "thereto,12")
_MARKED_WORD = re.compile(r"([^\W\d_]{2,})[,;:]?(\d{1,3})")


def _words(nlp, text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of ``text`` the matchers see, with their start and end offsets."""
    words, starts, ends = [], [], []
    for t in nlp.make_doc(text):
        w = t.text
        if t.is_space or w in _SKIPPED:
            continue
        if w[-1].isdigit() and w[0].isalpha():
            m = _MARKED_WORD.fullmatch(w)
            if m:  # the word without its marker; the marker is no token of a name
                w = m.group(1)
        words.append(w)
        starts.append(t.idx)
        ends.append(t.idx + len(w))
    return words, starts, ends


def _variants(label: str, concept: Concept) -> set[str]:
    forms = {label.translate(_TRANSLATE)}
    if concept.type == "crime_category":
        for f in list(forms):
            if f.endswith("crime"):
                forms.add(f + "s")
    return forms


def _case_sensitive(form: str, tokens: int, anaphor: bool) -> bool:
    # one-word proper names and abbreviations ("Chad", "UNODC") and the short forms
    # ("the Office") only match as printed; names of several words match in any case
    return anaphor or (tokens == 1 and form != form.lower())


@lru_cache(maxsize=2)
def pipeline(directory: str | None = None) -> _Pipeline:
    """The mention pipeline for the vocabulary in ``directory`` (default ``ontology/vocab``),
    built once per process."""
    import spacy
    from spacy.matcher import PhraseMatcher

    vocab = load(directory)
    nlp = spacy.blank("en")
    nlp.max_length = CHUNK_CHARS + 1
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    orth = PhraseMatcher(nlp.vocab, attr="ORTH")
    phrases: dict[tuple[bool, str], list[_Entry]] = {}
    label_owner: dict[str, set[str]] = {}
    for concept in vocab.concepts:
        for label in concept.labels:
            label_owner.setdefault(label.casefold(), set()).add(concept.iri)
            for form in _variants(label, concept):
                phrases.setdefault((False, form), []).append(_Entry(concept, False))
        for anaphor in concept.anaphors:
            form = anaphor.translate(_TRANSLATE)
            # "the Convention", and "The Convention" at the start of a sentence
            for f in {form, form[:1].upper() + form[1:]}:
                phrases.setdefault((True, f), []).append(_Entry(concept, True))
    from spacy.tokens import Doc

    entries: dict[int, list[_Entry]] = {}
    for n, ((is_anaphor, form), found) in enumerate(sorted(phrases.items(), key=lambda kv: kv[0])):
        words = _words(nlp, form)[0]
        if not words:
            continue
        key = f"M{n}"
        entries[nlp.vocab.strings.add(key)] = found
        target = orth if _case_sensitive(form, len(words), is_anaphor) else lower
        target.add(key, [Doc(nlp.vocab, words=words)])
    objects: dict[str, dict[tuple[str, str], Concept]] = {}
    for concept in vocab.of_type("crime_category"):
        for label in concept.labels:
            m = _CRIME_HEAD.fullmatch(label.translate(_TRANSLATE).lower())
            if m:
                objects.setdefault(m["rest"], {}).setdefault((m["head"], m["prep"]), concept)
    object_rx = re.compile(
        "|".join(re.escape(o) for o in sorted(objects, key=len, reverse=True)) + r"(?![\w-])"
    ) if objects else None
    return _Pipeline(nlp=nlp, matchers=[lower, orth], entries=entries,
                     related=_relations(vocab), label_owner=label_owner, crime_objects=objects, crime_object_rx=object_rx)


def _relations(vocab: Vocabulary) -> dict[str, set[str]]:
    """For each concept, the concepts whose mention makes it the referent of a short form: its
    parts and subsidiary bodies (narrower), for instruments also the instrument it belongs to
    (the Protocols of the Convention just named), for conferences their treaty."""
    related: dict[str, set[str]] = {c.iri: set() for c in vocab.concepts}
    for c in vocab.concepts:
        for b in c.broader:
            if b in related:
                related[b].add(c.iri)  # a narrower concept named supports its broader one
                if c.type == "instrument":
                    related[c.iri].add(b)  # "the Protocols thereto" after the Convention
        for t in c.conference_of:
            related[c.iri].add(t)
            related.setdefault(t, set()).add(c.iri)
    return related


# -- segments ---------------------------------------------------------------------------------


class _Segments:
    """Where each offset of the normalised text lies (HEAD, PPn, OPn, FNn, ...)."""

    def __init__(self, record: Record):
        segs = sorted(((s, e, w) for w, _verb, s, e in record.segments() if e > s),
                      key=lambda x: x[0])
        self.starts = [s for s, _, _ in segs]
        self.segs = segs
        order = [p.id for p in record.paragraphs]
        self.previous = {pid: {order[i - 1]} for i, pid in enumerate(order) if i}
        self.previous["HEAD"] = {"HEAD"}
        for f in record.footnotes:
            self.previous[f.id] = set(f.cited_in)

    def where(self, start: int, end: int) -> str | None:
        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        s, e, w = self.segs[i]
        return w if s <= start and end <= e else None

    def chunks(self, limit: int) -> Iterable[tuple[int, int]]:
        """Stretches of the text of at most ``limit`` characters cut between segments (a
        single longer segment is cut between words)."""
        if not self.segs:
            return
        start = end = self.segs[0][0]
        for s, e, _w in self.segs:
            if e - start > limit and end > start:
                yield start, end
                start = s
            while e - start > limit:  # one segment longer than the limit
                yield start, start + limit
                start += limit
            end = max(end, e)
        if end > start:
            yield start, end


# -- the extractor ----------------------------------------------------------------------------


def find_mentions(record: Record, directory: str | None = None) -> list[Mention]:
    """Every mention of a vocabulary concept or a date in ``record``'s head lines, paragraphs
    and footnotes, in document order, each with ``where``, ``text`` and ``span`` into
    ``record.normalised`` (see the module docstring for what counts as a mention)."""
    text = record.normalised
    if not text:
        return []
    pipe = pipeline(directory)
    segments = _Segments(record)
    plain = text.translate(_TRANSLATE)
    candidates = _phrase_candidates(pipe, plain, segments)
    kept = _longest(candidates)
    aliases = _defined_aliases(pipe, plain, kept)
    if aliases:
        candidates += _alias_candidates(plain, segments, aliases)
        kept = _longest(candidates)
    mentions = _resolve(pipe, text, kept, segments)
    mentions += _coordinated(pipe, text, plain, kept, mentions, segments)
    mentions += _dates(text, plain, segments)
    mentions.sort(key=lambda m: (m.span[0], m.span[1]))
    return mentions


def _phrase_candidates(pipe: _Pipeline, plain: str, segments: _Segments) -> list[_Candidate]:
    from spacy.tokens import Doc

    found: dict[tuple[int, int], _Candidate] = {}
    for c_start, c_end in segments.chunks(CHUNK_CHARS):
        words, starts, ends = _words(pipe.nlp, plain[c_start:c_end])
        if not words:
            continue
        doc = Doc(pipe.nlp.vocab, words=words)
        for matcher in pipe.matchers:
            for match_id, s, e in matcher(doc):
                start = c_start + starts[s]
                end = c_start + ends[e - 1]
                where = segments.where(start, end)
                if where is None:
                    continue
                cand = found.get((start, end))
                if cand is None:
                    found[(start, end)] = _Candidate(start, end, where, list(pipe.entries[match_id]))
                else:
                    cand.entries.extend(pipe.entries[match_id])
    return list(found.values())


def _is_crime(c: _Candidate) -> bool:
    return all(e.concept.type == "crime_category" for e in c.entries)


def _longest(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates, in document order: a candidate inside
    or across a longer one is dropped (of equal length the earlier; a name before a short
    form) -- except crime terms that share some words ("transnational organized crime
    committed at sea"), which both stand."""
    if not candidates:
        return []
    size = max(c.end for c in candidates)
    names, crimes = bytearray(size), bytearray(size)
    kept = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.anaphor, c.start)):
        if names.find(1, c.start, c.end) != -1:
            continue
        if _is_crime(c):
            if crimes.find(0, c.start, c.end) == -1:
                continue  # wholly inside crime terms already kept
            crimes[c.start:c.end] = b"\x01" * (c.end - c.start)
        else:
            if crimes.find(1, c.start, c.end) != -1:
                continue
            names[c.start:c.end] = b"\x01" * (c.end - c.start)
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def _defined_aliases(pipe: _Pipeline, plain: str, kept: list[_Candidate]) -> dict[str, tuple[Concept, int]]:
    """Abbreviations the text defines for a named concept: alias -> (concept, where defined)."""
    aliases: dict[str, tuple[Concept, int]] = {}
    for c in kept:
        if c.anaphor or len({e.concept.iri for e in c.entries}) != 1:
            continue
        if c.entries[0].concept.type not in ("instrument", "body"):
            continue
        m = _DEFINED.match(plain, c.end)
        if not m:
            continue
        alias = m.group("alias").strip()
        if len(alias.split()) == 1:
            if sum(ch.isupper() for ch in alias) < 2:
                continue  # "(Convention)", "(Office)": a short form, not an abbreviation
        elif not (m["the"] or m["intro"]):
            continue  # "Forced Labour (Supplementary Measures) Recommendation": part of a title
        if alias.casefold() in pipe.label_owner or alias in aliases:
            continue  # already a name of this or another concept
        concept = c.entries[0].concept
        aliases[alias] = (concept, m.start("alias"))
    return aliases


def _alias_candidates(plain: str, segments: _Segments,
                      aliases: dict[str, tuple[Concept, int]]) -> list[_Candidate]:
    out = []
    for alias, (concept, since) in aliases.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", plain):
            if m.start() < since:
                continue
            where = segments.where(m.start(), m.end())
            if where is not None:
                out.append(_Candidate(m.start(), m.end(), where, [_Entry(concept, False)]))
    return out


def _plural(anaphor: str) -> bool:
    # the head of "the Protocols thereto", "the Optional Protocols thereto", "its Protocols" is
    # the last capitalised word of the first run of capitalised words
    words = anaphor.split()
    run = []
    for w in words[1:] if words and words[0].islower() else words:
        if w[:1].isupper():
            run.append(w)
        elif run:
            break
    return bool(run) and run[-1].endswith("s") and not run[-1].endswith("ss")


def _resolve(pipe: _Pipeline, text: str, kept: list[_Candidate], segments: _Segments) -> list[Mention]:
    history: list[tuple[int, str, str]] = []  # (end, where, concept IRI) of mentions so far
    named: set[str] = set()  # every concept named so far in the document
    out: list[Mention] = []

    def emit(c: _Candidate, concept: Concept) -> None:
        out.append(Mention(type=concept.type, id=concept.iri, notation=concept.notation,
                           label=concept.pref_label, where=c.where, text=text[c.start:c.end],
                           span=(c.start, c.end)))
        history.append((c.end, c.where, concept.iri))
        named.add(concept.iri)

    for c in kept:
        concepts = list({e.concept.iri: e.concept for e in c.entries if not e.anaphor}.values())
        if len(concepts) == 1:
            emit(c, concepts[0])
            continue
        # a short form, or a name that several concepts share: the antecedent decides
        options = concepts or list({e.concept.iri: e.concept for e in c.entries}.values())
        window = {c.where} | segments.previous.get(c.where, set())
        best_pos, best = -1, []
        possessive = text[c.start:c.end].startswith("its ")
        for concept in options:
            support = {concept.iri} | pipe.related.get(concept.iri, set())
            if possessive:  # "its Executive Directorate": the body it belongs to was named
                support |= set(concept.broader)
            pos = -1
            for end, where, iri in reversed(history):
                if where in window and iri in support and end <= c.start:
                    # a concept's own mention outranks a related one at the same place
                    pos = end * 2 + (iri == concept.iri)
                    break
            if pos > best_pos:
                best_pos, best = pos, [concept]
            elif pos == best_pos and pos >= 0:
                best.append(concept)
        if best_pos < 0:
            alone = [o for o in options if o.iri in named or pipe.related.get(o.iri, set()) & named
                     or (possessive and set(o.broader) & named)]
            if len(alone) == 1:  # the only one of them named so far in the document
                emit(c, alone[0])
            continue
        if len(best) == 1:
            emit(c, best[0])
        elif _plural(text[c.start:c.end]):
            for concept in sorted(best, key=lambda x: x.notation):
                emit(c, concept)
    return out


def _coordinated(pipe: _Pipeline, text: str, plain: str, kept: list[_Candidate],
                 mentions: list[Mention], segments: _Segments) -> list[Mention]:
    """Crime terms whose head is shared by coordinated objects: in "smuggling of and
    trafficking in human beings, narcotic drugs and small arms and light weapons" each object
    that forms a crime label with a head before it is a mention of that category (its text is
    the object). Objects inside a name, and categories already named there, give nothing."""
    if pipe.crime_object_rx is None:
        return []
    lower = plain.lower()
    names = [(c.start, c.end) for c in kept if not _is_crime(c)]
    have = {(m.notation, m.where, m.span) for m in mentions}
    named_at = [(m.span, m.id) for m in mentions if m.type == "crime_category"]
    out: list[Mention] = []
    for h in _HEADS.finditer(lower):
        heads = [(h["head"], h["prep"])] + [(x["head"], x["prep"]) for x in _MORE_HEAD.finditer(h["more"] or "")]
        pos = h.end()
        while True:
            o = pipe.crime_object_rx.match(lower, pos)
            if not o:
                break
            start, end = o.start(), o.end()
            where = segments.where(start, end)
            inside_name = any(a <= start and end <= b for a, b in names)
            if where is not None and not inside_name:
                for head in heads:
                    concept = pipe.crime_objects[o.group(0)].get(head)
                    if concept is None:
                        continue
                    # already named by a term that covers this object ("trafficking in persons")
                    if any(iri == concept.iri and a <= start and end <= b for (a, b), iri in named_at):
                        continue
                    key = (concept.notation, where, (start, end))
                    if key in have:
                        continue
                    have.add(key)
                    out.append(Mention(type=concept.type, id=concept.iri, notation=concept.notation,
                                       label=concept.pref_label, where=where, text=text[start:end],
                                       span=(start, end)))
            sep = _OBJECT_SEPARATOR.match(lower, end)
            if not sep:
                break
            pos = sep.end()
    return out


def _iso(y: str, m: str | int, d: str) -> str | None:
    month = MONTHS[m] if isinstance(m, str) and not m.isdigit() else int(m)
    try:
        return date(int(y), month, int(d)).isoformat()
    except ValueError:
        return None


def _dates(text: str, plain: str, segments: _Segments) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()

    def add(start: int, end: int, iso: str | None) -> None:
        if iso is None or (start, end) in seen:
            return
        where = segments.where(start, end)
        if where is None:
            return
        seen.add((start, end))
        out.append(Mention(type="date", id=iso, notation=iso, label=iso, where=where,
                           text=text[start:end], span=(start, end)))

    for rx in (_DATE_DMY, _DATE_MDY, _DATE_ISO):
        for m in rx.finditer(plain):
            add(m.start(), m.end(), _iso(m["y"], m["m"], m["d"]))
            if rx is _DATE_DMY:
                before = plain[max(0, m.start() - 24):m.start()]
                offset = m.start() - len(before)
                b = _DAY_MONTH_BEFORE.search(before)
                if b:
                    add(offset + b.start(), offset + b.end("m"), _iso(m["y"], b["m"], b["d"]))
                    continue
                b = _DAY_BEFORE.search(before)
                if b:
                    add(offset + b.start("d"), offset + b.end("d"), _iso(m["y"], m["m"], b["d"]))
    return out
