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
* **Coordinated and paraphrased crime terms**: heads of the crime labels "<head> of|in|against
  <object>" lend their object along a list ("smuggling of and trafficking in human beings,
  narcotic drugs ...", "the financing of other serious crimes and terrorism", "violence and
  discrimination against older women and against children"); a modifier is shared by a list
  of nouns ("drug cultivation, production and trafficking"); violence named with a target of a
  "violence against <target>" label ("protect women from violence", "child victims of
  violence") is that category (:func:`_coordinated`, :func:`_shared_modifier`,
  :func:`_violence_against`).
* **Names the vocabulary lacks** hold no mention: a crime term in title case, a short form
  heading a longer title ("the Committee on World Food Security"), a body that is the organ of
  another organisation ("the General Assembly of the Organization of American States"), a
  place heading a capitalised name ("the Sendai Framework").
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

from kg.dates import MONTH, MONTHS
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

_MONTH = f"(?:{MONTH})"
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
# small arms and light weapons", "trafficking in wildlife and in hazardous waste", "the financing,
# planning or perpetration of terrorist acts", "violence and discrimination against women". A
# crime label of the form "<head> <preposition> <object>" lends its object to every head before
# it; the heads are read from the labels themselves (trafficking, smuggling, financing, violence...).
_PREPOSITIONS = ("of", "in", "against")
_CRIME_HEAD = re.compile(r"(?:(?:illicit|illegal)\s+)?(?P<head>[a-z]+)\s+(?P<prep>of|in|against)\s+(?P<rest>.+)")
_PREP = r"(?:of|in|against)"


def _heads_rx(heads: Iterable[str]) -> re.Pattern:
    head = "(?:" + "|".join(sorted(heads, key=len, reverse=True)) + ")"
    return re.compile(
        r"(?<![\w-])(?:(?:illicit|illegal)\s+)?(?P<head>" + head + r")"
        # more nouns before the preposition: "financing, planning, preparation or perpetration of"
        r"(?P<nouns>(?:\s*,\s*[a-z-]+|\s*,?\s+(?:and|or)\s+[a-z-]+){0,4}?)\s+(?P<prep>" + _PREP + r")"
        # more heads with their own preposition: "smuggling of and trafficking in", "violence
        # against and torture of", "trafficking in and all forms of violence against"
        r"(?P<more>(?:\s*,?\s+(?:and|or)\s+(?:all\s+forms\s+of\s+)?[a-z-]+\s+" + _PREP + r"(?=\s))*)\s+"
    )


_NOUN = re.compile(r"[a-z-]+")
# between two objects: ", ", " and ", ", or ", " as well as ", a repeated preposition (", in
# hazardous waste") and an aside that opens a sub-list (", in particular in small arms")
_OBJECT_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:(?:and|or|as well as)\s+)?|\s+(?:and|or|as well as)\s+)"
    r"(?P<aside>(?:(?:in\s+particular|including|especially|notably|particularly|inter\s+alia|such\s+as)\s*,?\s*)*)"
    r"(?:" + _PREP + r"\s+)?")
# a conjunct that is no object of the heads ("other transnational organized crimes", "youth"):
# passed over, so that the objects after it are read
_CONJUNCT = re.compile(r"(?!(?:and|or|as)\s)[a-z-]+(?:\s+(?!(?:and|or|as)\s)[a-z-]+){0,3}"
                       r"(?=\s*,|\s+(?:and|or|as well as)\s)")
_NOT_MODIFIERS = frozenset({"and", "or", "as", "of", "in", "against", "the", "their", "its"})
# up to two words before an object: "all women and girls", "Indigenous women", "other minerals"
_MODIFIER = re.compile(r"[a-z-]+\s+")


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
    crime_heads: frozenset[str] = frozenset()  # "trafficking", "smuggling", "financing", "violence"...
    crime_heads_rx: re.Pattern | None = None
    shared_modifiers: dict[tuple[str, str], Concept] = field(default_factory=dict)  # ("drug", "trafficking")
    shared_modifier_rx: re.Pattern | None = None
    violence_targets: dict[str, Concept] = field(default_factory=dict)  # "women" -> violence against women
    violence_rx: re.Pattern | None = None
    #: concept IRI -> IRIs of every concept above it (skos:broader, transitively)
    ancestors: dict[str, frozenset[str]] = field(default_factory=dict)
    #: words printed capitalised in crime labels themselves ("Internet")
    cased_crime_words: frozenset[str] = frozenset()


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
        # "women's" is no object: "increasing women's digital literacy"
        "|".join(re.escape(o) for o in sorted(objects, key=len, reverse=True)) + r"(?![\w'-])"
    ) if objects else None
    heads = {h for by_head in objects.values() for h, _ in by_head}
    trade_heads = {h for by_head in objects.values() for h, p in by_head if p in ("in", "of")}
    # "<modifier> <head>" labels ("drug trafficking", "migrant smuggling")
    shared: dict[tuple[str, str], Concept] = {}
    for concept in vocab.of_type("crime_category"):
        for label in concept.labels:
            words = label.translate(_TRANSLATE).lower().split()
            # heads of "<head> in|of <object>" terms only: "sexual harassment, violence and
            # abuse" is no sexual violence
            if len(words) == 2 and words[1] in trade_heads and "-" not in words[0]:
                shared.setdefault((words[0], words[1]), concept)
    shared_rx = re.compile(
        r"(?<![\w-])(?P<mod>" + "|".join(sorted({m for m, _ in shared}, key=len, reverse=True)) + r")\s+"
        r"(?P<list>(?:[a-z-]+(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)){1,5})"
        r"(?P<head>" + "|".join(sorted({h for _, h in shared}, key=len, reverse=True)) + r")"
        r"(?![\w-])(?!\s+" + _PREP + r"(?![\w-]))") if shared else None
    violence = {obj: by_head[("violence", "against")] for obj, by_head in objects.items()
                if ("violence", "against") in by_head}
    cased = frozenset(w for c in vocab.of_type("crime_category") for label in c.labels
                      for w in _WORD.findall(label) if w[0].isupper())
    return _Pipeline(nlp=nlp, matchers=[lower, orth], entries=entries,
                     related=_relations(vocab), label_owner=label_owner, crime_objects=objects,
                     crime_object_rx=object_rx, crime_heads=frozenset(heads),
                     crime_heads_rx=_heads_rx(heads) if heads else None,
                     shared_modifiers=shared, shared_modifier_rx=shared_rx,
                     violence_targets=violence, violence_rx=_violence_rx(violence) if violence else None,
                     cased_crime_words=cased, ancestors=_ancestors(vocab))


def _ancestors(vocab: Vocabulary) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for c in vocab.concepts:
        seen: set[str] = set()
        todo = list(c.broader)
        while todo:
            b = todo.pop()
            if b not in seen:
                seen.add(b)
                todo.extend(vocab.by_iri[b].broader if b in vocab.by_iri else ())
        out[c.iri] = frozenset(seen)
    return out


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

    def start_of(self, pos: int) -> int:
        """Start offset of the segment holding ``pos`` (``pos`` itself outside any)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.segs[i][0] if i >= 0 else pos

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
    candidates, titled = [], []
    for c in _phrase_candidates(pipe, plain, segments):
        (titled if _is_crime(c) and _in_a_title(pipe, plain, c, segments) else candidates).append(c)
    kept = [c for c in _longest(candidates) if not (c.anaphor and _opens_a_title(plain, c))]
    aliases = _defined_aliases(pipe, plain, kept)
    if aliases:
        candidates += _alias_candidates(plain, segments, aliases)
        kept = _longest(candidates)
    mentions = _places_in_names(plain, _organs_of_others(pipe, plain, _resolve(pipe, text, kept, segments)))
    names = [(c.start, c.end) for c in kept if not _is_crime(c)] + [(c.start, c.end) for c in titled]
    mentions += _coordinated(pipe, text, plain, kept, mentions, segments, names=names)
    mentions += _shared_modifier(pipe, text, plain, mentions, segments, names)
    mentions += _violence_against(pipe, text, plain, mentions, segments, names)
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


#: what a capitalised word may follow and still open a sentence or a quoted title
_OPENS_SENTENCE = re.compile(r"(?:^|[.:;!?\"'(\[]|\(\w{1,4}\))\s*$")
_WORD = re.compile(r"[^\W\d_]+")


def _in_a_title(pipe: _Pipeline, plain: str, c: _Candidate, segments: _Segments) -> bool:
    """A crime term printed in title case is a piece of a proper name the vocabulary may not
    know ("the Guiding Principles on Enforcement of the Foreign Bribery Offence", "World
    Wildlife Crime Report", "Working Groups ... on the Prevention of Corruption",
    "Anti-Corruption Knowledge"): crime labels are lower case, and UN resolutions print
    categories and the titles of resolutions in sentence case."""
    return _title_cased(pipe, plain, c.start, c.end, segments.start_of(c.start))


def _title_cased(pipe: _Pipeline, plain: str, start: int, end: int, since: int = 0) -> bool:
    """Whether a word of ``plain[start:end]`` is capitalised (and not capitalised in the crime
    labels themselves, as "Internet" is): the words are part of a title. The first word may be
    capitalised where it opens a sentence, a list item or a quotation (``since``: the start of
    its segment)."""
    words = _WORD.findall(plain, start, end)
    return any(w[0].isupper() and w not in pipe.cased_crime_words for w in words[1:]) or \
        bool(words and words[0][0].isupper() and words[0] not in pipe.cased_crime_words
             and not _OPENS_SENTENCE.search(plain, max(since, start - 12), start))


# a short form followed by the rest of a title: "the Committee on the Elimination of
# Discrimination against Women", "the Office of the Special Representative ...", "the
# Protocol of 2014 to the Forced Labour Convention", "the Convention on Biological Diversity"
_TITLE_GOES_ON = re.compile(
    r"\s+(?:(?:on|against|for|concerning|relating\s+to)\s+(?:the\s+)?|(?:of|to)\s+the\s+"
    r"|of\s+\d{4}\s+to\s+the\s+)(?P<word>[A-Z][\w'-]*)")


def _opens_a_title(plain: str, c: _Candidate) -> bool:
    """A short form ("the Committee") that is the head of a longer printed title no concept
    carrying the short form bears ("the Committee on the Elimination of ..."): the name of
    another body, not a short form. "the Conference of the Parties" stays a short form of the
    conferences whose names hold "Conference of the Parties"."""
    m = _TITLE_GOES_ON.match(plain, c.end)
    if not m:
        return False
    phrase = " ".join(plain[c.start:m.end()].split()).casefold()
    for head in ("the ", "its "):
        phrase = phrase.removeprefix(head)
    return not any(phrase in " ".join(label.translate(_TRANSLATE).split()).casefold()
                   for e in c.entries for label in e.concept.labels)


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
    # ... and outside footnotes: "Official Records of the Economic and Social Council" in a
    # note makes ECOSOC no antecedent of "the Council" in a paragraph far away
    named_in_text: set[str] = set()
    out: list[Mention] = []

    def emit(c: _Candidate, concept: Concept) -> None:
        out.append(Mention(type=concept.type, id=concept.iri, notation=concept.notation,
                           label=concept.pref_label, where=c.where, text=text[c.start:c.end],
                           span=(c.start, c.end)))
        history.append((c.end, c.where, concept.iri))
        named.add(concept.iri)
        if not c.where.startswith("FN"):
            named_in_text.add(concept.iri)

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
            # far from any antecedent only the concept's own name counts (a functional
            # commission named in PP1 does not make "the Council" of OP4 the Economic and
            # Social Council)
            seen = named if c.where.startswith("FN") else named_in_text
            alone = [o for o in options if o.iri in seen or (possessive and set(o.broader) & seen)]
            if len(alone) == 1:  # the only one of them named so far in the document
                emit(c, alone[0])
            continue
        if len(best) == 1:
            emit(c, best[0])
        elif _plural(text[c.start:c.end]):
            for concept in sorted(best, key=lambda x: x.notation):
                emit(c, concept)
    return out


#: a capitalised word right after a place: "the Sendai Framework", "the Paris Agreement", "the
#: Samoa Pathway", "the Madrid Plan of Action", "the Pacific Islands Forum"
_CAPITALISED_NEXT = re.compile(r" (?P<word>[A-Z][a-z][\w'-]*)")
#: ... unless it opens a sentence or a note the text runs on into (AKN paragraphs, footnotes),
#: or makes the place a group of States ("the Gulf of Guinea States", "the Caribbean States")
_KEEP_PLACE = frozenset({"The", "We", "See", "Ibid", "Resolution", "Resolutions", "United", "States"})


def _places_in_names(plain: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a place or Member State printed as the first word(s) of a longer capitalised name
    the vocabulary lacks ("the Sendai Framework for Disaster Risk Reduction", "the Istanbul
    Programme of Action", "the Latin American and Caribbean Economic System"): the name is of
    an instrument or a body, not a mention of the place. A next word that opens a clause
    ("Recalling", "Decides") or another place ("Vienna, Austria") keeps the place."""
    from kg.clauses import known_opening

    starts = {m.span[0] for m in mentions if m.type in ("place", "member_state")}
    out = []
    for m in mentions:
        if m.type in ("place", "member_state"):
            nxt = _CAPITALISED_NEXT.match(plain, m.span[1])
            if nxt and nxt["word"] not in _KEEP_PLACE and nxt.start("word") not in starts \
                    and not known_opening(plain[nxt.start("word"):nxt.start("word") + 120]):
                continue
        out.append(m)
    return out


_OF_THE = re.compile(r"\s+of\s+the\s+")


def _organs_of_others(pipe: _Pipeline, plain: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a body named as an organ of another organisation: "the General Assembly of the
    Organization of American States", "the Secretary-General of the United Nations Conference
    on Trade and Development", "the Secretariat of the Organisation for the Prohibition of
    Chemical Weapons" name organs of those organisations (bodies with no broader body), not
    the United Nations' own. A body "of" a body it belongs to ("the Fifth Committee of the
    General Assembly") stays."""
    bodies_at: dict[int, set[str]] = {}
    for m in mentions:
        if m.type == "body":
            bodies_at.setdefault(m.span[0], set()).add(m.id)
    out = []
    for m in mentions:
        if m.type == "body":
            of = _OF_THE.match(plain, m.span[1])
            if of:
                # an owner is an organisation standing on its own (no broader body): "the
                # establishment by the Secretary-General of the United Nations system task
                # force" names the task force as what he established, not as his owner
                owners = {o for o in bodies_at.get(of.end(), ()) if not pipe.ancestors.get(o)}
                mine = pipe.ancestors.get(m.id, frozenset())
                if any(o != m.id and o not in mine for o in owners):
                    continue
        out.append(m)
    return out


def _coordinated(pipe: _Pipeline, text: str, plain: str, kept: list[_Candidate],
                 mentions: list[Mention], segments: _Segments,
                 names: list[tuple[int, int]] = ()) -> list[Mention]:
    """Crime terms whose head is shared by coordinated objects: in "smuggling of and
    trafficking in human beings, narcotic drugs and small arms and light weapons" each object
    that forms a crime label with a head before it is a mention of that category (its text is
    the object). The list may hold conjuncts that are no object ("the financing of other
    transnational organized crimes and terrorism", "violence against women, youth and
    children"), words before an object ("violence against all women and girls") and an aside
    after which the head's preposition is repeated ("trafficking in wildlife, including, inter
    alia, flora and fauna ..., in timber and timber products, in hazardous wastes"). Objects
    inside a name, and categories already named there, give nothing."""
    if pipe.crime_object_rx is None or pipe.crime_heads_rx is None:
        return []
    lower = plain.lower()
    names = list(names)
    have = {(m.notation, m.where, m.span) for m in mentions}
    named_at = [(m.span, m.id) for m in mentions if m.type == "crime_category"]
    out: list[Mention] = []

    def emit(start: int, end: int, obj: str, heads: list[tuple[str, str]], given: set[str]) -> None:
        where = segments.where(start, end)
        if where is None or any(a <= start and end <= b for a, b in names):
            return
        if _title_cased(pipe, plain, start, end):
            return  # "Trafficking in Persons, Especially Women and Children": a title
        for head in heads:
            concept = pipe.crime_objects[obj].get(head)
            if concept is None:
                continue
            # one mention of a category per coordination: "trafficking in persons, especially
            # women and children" names trafficking in persons once
            if concept.iri in given:
                continue
            given.add(concept.iri)
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

    def object_at(pos: int) -> re.Match | None:
        for _ in range(3):  # the object itself, or after one or two words before it
            o = pipe.crime_object_rx.match(lower, pos)
            if o:
                return o
            w = _MODIFIER.match(lower, pos)
            if not w or w.group(0).strip() in _NOT_MODIFIERS or w.group(0).strip() in pipe.crime_heads:
                return None
            pos = w.end()
        return None

    # a conjunct holding a head and its preposition starts a coordination of its own
    new_head = re.compile(r"(?<![\w-])(?:" + "|".join(pipe.crime_heads) + r")\s+" + _PREP + r"(?![\w-])")
    for h in pipe.crime_heads_rx.finditer(lower):
        heads = [(h["head"], h["prep"])]
        heads += [(w, h["prep"]) for w in _NOUN.findall(h["nouns"] or "") if w in pipe.crime_heads]
        for x in re.finditer(r"([a-z-]+)\s+(" + _PREP + r")(?![\w-])", h["more"] or ""):
            if x[1] in pipe.crime_heads:
                heads.append((x[1], x[2]))
        if _title_cased(pipe, plain, h.start("head"), h.end("head")) or \
                any(a <= h.start("head") < b for a, b in names):
            continue  # a head inside a name
        preps = {p for _, p in heads}
        given: set[str] = set()
        pos, passed, aside = h.end(), 0, False
        while True:
            o = object_at(pos)
            c = _CONJUNCT.match(lower, pos)  # the whole conjunct ("timber" in "timber products")
            if o:
                emit(o.start(), o.end(), o.group(0), heads, given)
                end, passed = max(o.end(), c.end() if c else 0), 0
            else:
                if c is None or passed >= 3 or new_head.search(c.group(0)):
                    c = None
                if c is None:
                    if not aside:
                        break
                    # after an aside the list goes on where the head's preposition is repeated
                    clause = lower[pos:pos + 300].split(";", 1)[0]
                    again = re.search(r"(?:,|\s(?:and|or))\s+(?:" + "|".join(preps) + r")\s+", clause)
                    if again is None:
                        break
                    pos, aside = pos + again.end(), False
                    continue
                end, passed = c.end(), passed + 1
            sep = _OBJECT_SEPARATOR.match(lower, end)
            if not sep:
                break
            aside = aside or bool(sep["aside"])
            pos = sep.end()
    return out


def _mention(concept: Concept, where: str, text: str, start: int, end: int) -> Mention:
    return Mention(type=concept.type, id=concept.iri, notation=concept.notation, label=concept.pref_label,
                   where=where, text=text[start:end], span=(start, end))


def _shared_modifier(pipe: _Pipeline, text: str, plain: str, mentions: list[Mention],
                     segments: _Segments, names: list[tuple[int, int]]) -> list[Mention]:
    """Crime terms "<modifier> <head>" ("drug trafficking") whose modifier is shared by a list
    of nouns ending in the head: "illicit drug production, manufacture, distribution and
    trafficking", "illicit drug cultivation, production, manufacturing, trafficking and other
    ... activities". The mention is the whole phrase. A head followed by its preposition
    ("organ removal and trafficking in human organs") is a term of its own."""
    if pipe.shared_modifier_rx is None:
        return []
    named = [(m.span, m.id, m.where) for m in mentions if m.type == "crime_category"]
    out = []
    for m in pipe.shared_modifier_rx.finditer(plain.lower()):
        concept = pipe.shared_modifiers.get((m["mod"], m["head"]))
        start, end = m.start("mod"), m.end("head")
        where = segments.where(start, end)
        if concept is None or where is None or any(a <= start and end <= b for a, b in names):
            continue
        if _title_cased(pipe, plain, start, end):
            continue
        if any(iri == concept.iri and w == where and start <= a and b <= end for (a, b), iri, w in named):
            continue
        out.append(_mention(concept, where, text, start, end))
    return out


def _violence_rx(targets: Iterable[str]) -> re.Pattern:
    t = "(?:" + "|".join(re.escape(x) for x in sorted(targets, key=len, reverse=True)) + ")"
    mods = r"(?:[a-z-]+\s+){0,2}?"
    forms = r"(?:all\s+(?:forms|acts)\s+of\s+|any\s+(?:form|act)\s+of\s+)?"
    return re.compile(
        # "protecting children from all forms of violence", "the protection of women and girls
        # from all acts of violence", "protect all migrant women from harassment and violence"
        r"(?<![\w-])protect(?:s|ed|ing|ion\s+of)?\s+(?:all\s+|the\s+|their\s+)?" + mods + r"(?P<t1>" + t + r")"
        r"(?:\s+[a-z-]+){0,3}?\s+(?:from|against)\s*,?\s+" + forms + r"(?:[a-z-]+\s*,?\s+(?:and|or)\s+)?violence(?![\w-])"
        # "women migrant workers who are victims of violence", "child victims of all forms of violence"
        r"|(?<![\w-])(?P<t2>" + t + r"|child(?=\s+victims))(?:\s+[a-z-]+){0,3}?\s+(?:(?:who|that)\s+(?:are|have\s+been|were)\s+)?"
        r"victims\s+of\s+" + forms + r"violence(?![\w-])"
        # "the risk of violence for women migrant workers", "violence faced by women"
        r"|(?<![\w-])violence\s+(?:for|towards?|faced\s+by|experienced\s+by|suffered\s+by)\s+(?:all\s+)?" + mods
        + r"(?P<t3>" + t + r")(?![\w-])"
        # "violence, harassment and abuse that women migrant workers face"
        r"|(?<![\w-])violence(?:\s*,\s*[a-z-]+){0,3}(?:\s*,?\s+(?:and|or)\s+[a-z-]+)?\s+(?:that|which)\s+" + mods
        + r"(?P<t4>" + t + r")(?:\s+[a-z-]+){0,2}?\s+(?:face|experience|suffer)(?![\w-])"
    )


def _violence_against(pipe: _Pipeline, text: str, plain: str, mentions: list[Mention],
                      segments: _Segments, names: list[tuple[int, int]]) -> list[Mention]:
    """Violence named with its target in other words than "violence against ...": protection
    of women, girls or children from violence, women or children who are victims of violence,
    violence that women face. The targets and the category are those of the labels "violence
    against <target>"; the mention is the whole phrase, within one segment and one clause."""
    if pipe.violence_rx is None:
        return []
    named = [(m.span, m.id, m.where) for m in mentions if m.type == "crime_category"]
    out = []
    for m in pipe.violence_rx.finditer(plain.lower()):
        target = next(g for g in (m["t1"], m["t2"], m["t3"], m["t4"]) if g)
        concept = pipe.violence_targets.get("children" if target == "child" else target)
        start, end = m.start(), m.end()
        where = segments.where(start, end)
        if concept is None or where is None or ";" in m.group(0):
            continue
        if any(a <= start and end <= b for a, b in names):
            continue
        if any(iri == concept.iri and w == where and start <= b and a <= end for (a, b), iri, w in named):
            continue  # "violence against women" inside the phrase already names it
        out.append(_mention(concept, where, text, start, end))
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
