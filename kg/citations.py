"""The citation grammar: what each paragraph, footnote and head line of a record cites.

Shaped as eyecite's pipeline is: a lexicon, a scanner, a parser, a resolver, an emitter.

* **Lexicon** (:class:`Lexicon`), built once from the vocabulary (``ontology/vocab/bodies.ttl``):
  the names, abbreviations and anaphors of the bodies whose resolutions are cited, the forms
  their numbers take (``unkg:resolutionNumbering``) and the series of their documents
  (``unkg:documentSymbolPrefix``). No body name lives in this module.
* **Scanner**: compiled regular expressions find, in each stretch of the normalised text, the
  keywords "resolution(s)" and "decision(s)", document symbols (:mod:`kg.symbols`), sales
  numbers, Treaty Series references and body names; hits are lifted into spans directly.
* **Parser**: from each keyword, a small recursive-descent parser walks the enumeration that
  follows -- numbers (``46/152``, ``2012/12``, ``S-30/1``, ``ES-11/1``, ``1373 (2001)``,
  ``217 A (III)``), lettered parts (``74/92 A and B``), ranges (``2012/12 to 2012/19``), dates
  (``of 18 December 1991``), annexes, titles between items ("22/7 on ... and 22/8 on ...") and
  distributive dates ("both of 26 April 2013").
* **Resolver**: the adopting body of each number -- a name before the keyword ("Economic and
  Social Council resolutions"), "its resolution(s)" (the citing organ, or the body just named:
  "the Commission, in its resolution"), a name after the number ("of the Conference of the
  Parties", "adopted by ..."), a document symbol of a body's series before it ("CTOC/COP/2010/17,
  resolution 5/3"), the agent named where a footnote's marker stands ("adopted by the Conference
  of the Parties ... at its sixth session"), and the forms each body's numbers can take (only the
  Security Council numbers "1373 (2001)"; only the Economic and Social Council "2012/17"); a
  body that cannot be told gives an ``unknown`` citation. Along a list of "resolution ..."
  items, the body named at its head goes on and a body named after it is every item's; a
  printed date rules out a body whose sessions meet in other years ("32/1 of 27 May 2023" is
  not the Assembly's); a body outside the record's nine types that the vocabulary keys (World
  Health Assembly, Environment Assembly, ...) gives an ``other resolution`` ("UNEA 1/3").
* **Emitter**: one :class:`~kg.record.Citation` per target and position, with the shortest span
  that identifies it (the number, with the date printed next to it), the date as ISO where it is
  printed next to the number or shared by the list, and the position's verb.

A footnote "Ibid." naming nothing new cites what the footnote before it cites.

Not citations: the document's own symbol, running heads and other page furniture (document
symbols in head lines count only inside the "[on the report of ...]" bracket), "resolution"
without a number, numbers no keyword introduces ("the 2012/13 biennium", "paragraph 12/3").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from kg.dates import DATE_RE, iso_date
from kg.record import Citation, Record
from kg.symbols import SALES_RE, find_symbols, normalise_symbol, symbol_at
from kg.vocab import Concept, Vocabulary

_DATE = DATE_RE.pattern.removeprefix(r"\b")

# -- the scanner's expressions ----------------------------------------------------------------

# (patterns scanned over all the text open with a character class and look behind only then,
# so that the regular expression engine can skip ahead fast)
_KEYWORD_RE = re.compile(r"(?P<kw>[RrDd](?<![\w][RrDd])(?:esolution|ecision))(?P<plural>s)?\b")

# a resolution or decision number, in every form the UN prints one
_NUMBER_RE = re.compile(r"""
    (?P<ny>(?P<ny_n>\d{1,5})\s?\((?P<ny_y>(?:19|20)\d\d)\))                        # 1373 (2001)
  | (?P<rs>(?P<rs_n>\d{1,4})(?P<rs_parts>(?:\s?[A-Z](?:(?:\s*,\s*|\s+and\s+)[A-Z])*)?)
        \s?\((?P<rs_s>(?:E?S[-‑–])?[IVXLC]{1,8})\))                                 # 217 A (III)
  | (?P<sn>(?P<sn_p>(?:E?S[-‑–])?\d{1,4})/(?P<sn_n>\d{1,4}))(?![\w/]|[.,]\d)        # 46/152 S-30/1
  | (?P<int>\d{1,4})(?![\w/]|[.,]\d|\s?\()                                          # resolution 1
    # other organisations' numbers: 1/CP.21, X/2, 58.3, MSC.257(84), GC(66)/RES/6, C-24/DEC.4
  | (?P<ot>(?=[\w.()/\-‑]*\d)[A-Z0-9][\w.()/\-‑]*[\w)])
""", re.X)
_PARTS_RE = re.compile(r"\s(?P<first>[A-Z])(?![\w/’'\-])(?P<more>(?:\s*[–-]\s*|\s+to\s+)[A-Z](?![\w/’'\-])"
                       r"|(?:(?:\s*,\s*|\s+and\s+)[A-Z](?![\w/’'\-]))*)")
_OF_DATE_RE = re.compile(rf",?\s+(?:also\s+)?(?:of|dated)\s+(?P<date>{_DATE})")
_ANNEX_RE = re.compile(r",?\s*annex(?:es)?(?:\s+[IVX]+(?:(?:\s*,\s*|\s+and\s+)[IVX]+)*)?\b")
_CONNECTOR_RE = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+|as\s+well\s+as\s+)?|\s+(?:and|or|as\s+well\s+as|and\s+also)\s+)"
                           r"(?=[A-Z0-9])")
_RANGE_RE = re.compile(r"(?:\s+(?:to|through)\s+|\s*[–-]\s*)(?=(?:E?S[-‑–])?\d{1,4}/\d)")
_OF_THE_RE = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
# after a number and its date: "11/2, also of 21 October 2022, of the Conference of the Parties"
_TAIL_OF_THE_RE = re.compile(r",?\s+of\s+(?:the\s+)?(?=[A-Z])")
# (also a bare ", by the ..." closing a list: "the adoption of resolution 6/5, ..., by the Conference")
_BY_THE_RE = re.compile(r"(?:\b(?:adopted|approved|established|endorsed)\s+|,\s*)by\s+(?:the\s+)?(?=[A-Z])"
                        r"|\b(?:adopted|approved)\s+(?:at|during)\s+(?:the\s+|its\s+)?(?:[\w\-]+\s+){0,4}?"
                        r"(?:meeting|session)\s+of\s+(?:the\s+)?(?=[A-Z])")
_IN_WHICH_RE = re.compile(r",?\s*in\s+which\s+(?:the\s+)?(?=[A-Z])")
_PASSIVE_RE = re.compile(r"\s+(?:was|were|is|are|has\s+been|had\s+been)\b")
_ADOPTED_ON_RE = re.compile(rf"\b(?:adopted|approved)\s+on\s+(?P<date>{_DATE})")
_DISTRIBUTIVE_RE = re.compile(rf"\b(?:both|all|each)\s+(?:of|dated|adopted\s+on)\s+(?P<date>{_DATE})")
_ON_DATE_OF_RE = re.compile(rf"\bon\s+(?P<date>{_DATE})\s*,?\s*of\s+$")
# an enumeration resumes after a title ("22/7 on strengthening ... and 22/8 on ...")
_RESUME_RE = re.compile(r"(?:,\s*(?:and\s+)?|\s+(?:and|as\s+well\s+as)\s+)(?=(?:E?S[-‑–])?\d{1,4}/\d)")
_STRAY_NUMBER_RE = re.compile(r"(?<![\w/.\-])\d{1,4}/\d{1,4}(?![\w/])")
_CLAUSE_END_RE = re.compile(r";|:\s|\.(?=\s+[A-Z])|\.\s*$")
_GAP_MAX = 320
_SPACE_RE = re.compile(r"\s*")
_OTHER_OF_THE_LIST_RE = re.compile(r"(?:,\s*|\s+)(?:and|as\s+well\s+as)\s+(?:the\s+)?(?:all\s+)?other\s+(?:relevant\s+)?$")
_ANNEX_ORGAN_RE = re.compile(r"The\s+(?P<name>[A-Z][^,;]{2,150}),")
# one "resolution ..." of a coordinated list goes on to the next ("..., entitled “...”, resolution
# 53/9", "... on the private sector and the adoption on 6 November 2015 of resolution 6/5"): what
# may stand between the two once quoted titles are left out
_QUOTED_RE = re.compile(r"“[^”]{0,600}”|\"[^\"]{0,600}\"")
_LIST_GOES_ON_RE = re.compile(
    rf"(?:,|\band|\bor|\bas\s+well\s+as)\s*(?:(?:also|further)\s+)?"
    rf"(?:(?:the\s+)?adoption\s*,?\s*(?:on\s+{_DATE}\s*,?\s*)?)?(?:of\s+)?(?:its\s+)?$")
# a numberless "resolutions" hands its body on: "Economic and Social Council resolutions, in
# particular resolutions 2012/12 ..."
_HAND_ON_RE = re.compile(r"^[\s,]*(?:(?:and|or|in\s+particular|including|especially|notably|inter\s+alia|"
                         r"such\s+as|namely|most\s+recently)\b[\s,]*)*$")

# a proper name a body name is only part of: "World Health Assembly", "Commission on Human
# Rights", "Conference of the Parties to the United Nations Framework Convention ..."
_CAPITALISED_BEFORE_RE = re.compile(r"(?<![\w\-])([A-Z][\w’'\-]*)\s+$")
_NAME_GOES_ON_RE = re.compile(r"\s+(?:of|on|for)\s+(?:the\s+)?[A-Z]")
_TO_THE_RE = re.compile(r"\s+to\s+the\s+(?P<object>[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|on|against|and|for|in|the))*)")
# bodies outside the vocabulary: a capitalised phrase ending in the head noun of an organisation's
# name, or an acronym ("World Health Assembly", "UNESCO"); their resolutions are ``unknown``
_ORG_NOUNS = (r"(?:Assembly|Council|Commission|Conference|Committee|Organization|Organisation|Board|"
              r"Congress|Forum|Union|Parties|Agency|Meeting|Summit|Court|Authority)")
_ORG_WORDS = r"(?:[A-Z][\w’'\-]*\s+(?:(?:of|on|for|and|the|to|against|in)\s+)*)*"
# (an acronym, but not a roman numeral: "section XVIII of its resolution 61/276")
_ACRONYM = r"(?![IVXLC]+\b)[A-Z]{2,}[A-Z0-9\-]*"
_LINK = r"(?P<link>\s*,?\s*(?:which\s*,?\s*)?(?:(?:in|by|through|under|with)\s+)?(?:its\s+)?|\s+of\s+its\s+|\s+)$"
_CAPITALISED_BEFORE_KEYWORD_RE = re.compile(
    rf"(?P<phrase>[A-Z](?<![\w\-’'][A-Z])[\w’'\-]*(?:\s+(?:(?:of|on|for|and|the|to|against|in)\s+)*[A-Z][\w’'\-]*)*)"
    rf"{_LINK}")
_ORG_NOUN_RE = re.compile(rf"\b{_ORG_NOUNS}\b|\b{_ACRONYM}\b")
_OTHER_AT_RE = re.compile(rf"(?:{_ORG_WORDS})?{_ORG_NOUNS}\b|{_ACRONYM}\b")
_ORG_NAME_RE = re.compile(rf"\b{_ORG_NOUNS}\b")
_ITS_RE = re.compile(r"its\s+$")
# between a document symbol and a keyword: the parts of the document ("), annex, sect. I.A, ")
_DOCUMENT_PART_RE = re.compile(r"\)?(?:\s*,\s*(?:annex(?:es)?\b|sect\.|chap\.|paras?\.|part\b|vol\.|appendix\b)[^,;()]{0,30})*"
                               r"\s*,\s*")

# Treaty Series: "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574"
_TREATY_SERIES_RE = re.compile(r"""
    (?P<league>L(?<![\w]L)eague\s+of\s+Nations\s*,\s*[*_]?\s*Treaty\s+Series)
  | (?P<un>T(?<![\w]T)reaty\s+Series)
  | (?P<ibid>[Ii](?<![\w][Ii])bid\.)
  | (?P<volumes>v(?<![\w]v)ols?\.\s*(?P<vols>\d{1,5}(?:(?:\s*,\s*|\s*,?\s+and\s+)\d{1,5})*)\s*,?\s*
        Nos?\.\s*(?P<nos>\d{1,6}(?:(?:\s*[-–]\s*|\s*,\s*|\s*,?\s+and\s+)\d{1,6})*))
""", re.X)
_SPLIT_LIST_RE = re.compile(r"\s*,?\s+and\s+|\s*,\s*")
# a footnote that opens with "Ibid." and names nothing new repeats the source of the one before
_IBID_RE = re.compile(r"\s*(?P<ibid>[Ii]bid\.)")
_IBID_NUMBERS_RE = re.compile(r"\s*,\s*Nos?\.\s*(?P<nos>\d{1,6}(?:(?:\s*,\s*|\s*,?\s+and\s+)\d{1,6})*)")


# -- the lexicon ------------------------------------------------------------------------------

#: the target type of resolutions of a body outside the record's named types (``UNEA 1/3``)
OTHER_RESOLUTION = "other resolution"


@dataclass(frozen=True)
class _Form:
    """One form of a body's resolution numbers (``unkg:resolutionNumbering``): a named form with
    the session numbering began at, or a template; the years its sessions meet in."""

    minimum: int | None = None
    years: tuple[int, int] | None = None  # year - session lies within these bounds
    template: re.Pattern | None = None


_TEMPLATE_PARTS = {"s": r"(?P<s>\d{1,4})", "Y": r"(?P<s>(?:19|20)\d\d)", "n": r"\d{1,4}", "R": r"[IVXLC]{1,8}",
                   "X": r"[A-Z]{1,6}"}


def _numbering_form(token: str) -> tuple[str, _Form]:
    """``session>=31@1945..1946`` -> ("session", minimum 31, years 1945-1946); ``{s}.{n}@1947`` ->
    a template of numbers such as "72.8" (session 72, meeting in 1947 + 72)."""
    token, _, years_spec = token.partition("@")
    years = None
    if years_spec:
        first, _, last = years_spec.partition("..")
        years = (int(first), int(last or first))
    if "{" in token:
        pattern = "".join(_TEMPLATE_PARTS[piece[1:-1]] if piece.startswith("{") else re.escape(piece)
                          for piece in re.split(r"(\{[sYnRX]\})", token) if piece)
        return token, _Form(years=years, template=re.compile(pattern))
    form, _, minimum = token.partition(">=")
    return form, _Form(int(minimum) if minimum else None, years)


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def _flexible(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in name.split())


@dataclass(frozen=True)
class _Name:
    """A body name recognised in text: a label (one body), a head ("Conference of the Parties")
    or an anaphoric noun ("Commission"), the latter two possibly standing for several bodies."""

    kind: str  # label | head | noun
    bodies: tuple[Concept, ...]
    start: int
    end: int


class Lexicon:
    """What the grammar knows of the bodies whose resolutions are cited, all read from the
    vocabulary: names, heads of names, anaphoric nouns, numbering, document series."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        # the bodies of the record's target types, then those outside them that the vocabulary
        # gives a citation key and a numbering (their resolutions are "other resolution")
        core = vocabulary.citing_bodies()
        self.others = [c for c in vocabulary.of_type("body") if not c.resolution_type and c.citation_key
                       and c.codes.get("resolutionNumbering")]
        self.bodies = [*core, *self.others]
        self._other_notations = {c.notation for c in self.others}
        self.by_label: dict[str, Concept] = {}
        heads: dict[str, dict[str, Concept]] = {}
        nouns: dict[str, dict[str, Concept]] = {}
        spelled: dict[str, str] = {}
        for b in self.bodies:
            for label in b.labels:
                self.by_label.setdefault(_key(label), b)
                spelled.setdefault(_key(label), label)
                if " to the " in label:  # "Conference of the Parties" to the ...
                    head = label.split(" to the ", 1)[0]
                    heads.setdefault(_key(head), {})[b.notation] = b
                    spelled.setdefault(_key(head), head)
            for anaphor in b.anaphors:
                noun = re.sub(r"^(?:the|that|this)\s+", "", anaphor)
                nouns.setdefault(_key(noun), {})[b.notation] = b
                spelled.setdefault(_key(noun), noun)
        # a head several labels share ("Conference of the Parties") that the vocabulary also
        # states as one body's short form stands for that body
        for k, by_notation in heads.items():
            if len(by_notation) > 1 and len(nouns.get(k, {})) == 1:
                heads[k] = dict(nouns[k])
        self.heads = {k: tuple(v.values()) for k, v in heads.items() if k not in self.by_label}
        # a short form several bodies share ("Conference of the Parties to the Convention") whose
        # head stands for one body ("Conference of the Parties") is that body's
        for k, by_notation in nouns.items():
            head = self.heads.get(k.split(" to the ", 1)[0]) if " to the " in k else None
            if len(by_notation) > 1 and head and len(head) == 1:
                nouns[k] = {head[0].notation: head[0]}
        self.nouns = {k: tuple(v.values()) for k, v in nouns.items()
                      if k not in self.by_label and k not in self.heads}
        names = sorted({spelled[k] for k in [*self.by_label, *self.heads, *self.nouns]}, key=len, reverse=True)
        full = sorted({spelled[k] for k in [*self.by_label, *self.heads]}, key=len, reverse=True)
        alternation = "|".join(_flexible(n) for n in names) or r"(?!x)x"
        self.name_at_re = re.compile(rf"(?:{alternation})(?![\w\-])")
        # a name right before a keyword, with the words that tie them ("..., in its resolution");
        # what precedes the name is checked by the caller (a leading look-behind would keep the
        # regular expression engine from skipping ahead to the names' first letters)
        self.name_before_re = re.compile(
            rf"(?P<name>{alternation})"
            r"(?P<link>\s*,?\s*(?:which\s*,?\s*)?(?:(?:in|by|through|under|with)\s+)?(?:its\s+)?|\s+of\s+its\s+|\s+)$")
        self.mention_re = re.compile(rf"(?:{'|'.join(_flexible(n) for n in full) or '(?!x)x'})(?![\w\-])")
        self.numbering: dict[str, dict[str, _Form]] = {}
        self.templates: dict[str, list[_Form]] = {}
        for b in self.bodies:
            spec = b.codes.get("resolutionNumbering")
            if spec:
                forms: dict[str, _Form] = {}
                for token in spec.split():
                    form, parsed = _numbering_form(token)
                    if parsed.template is not None:
                        self.templates.setdefault(b.notation, []).append(parsed)
                    else:
                        forms[form] = parsed
                self.numbering[b.notation] = forms
        self.document_prefixes = sorted(
            ((prefix, b) for b in self.bodies for prefix in b.codes_all.get("documentSymbolPrefix", ())
             if "{" not in prefix),
            key=lambda pb: len(pb[0]), reverse=True)
        # a series given as a template: "A/{s}/53", the report of the Human Rights Council in the
        # Assembly's Official Records of any session
        self.document_templates = [
            (re.compile(_numbering_form(prefix)[1].template.pattern + r"(?![\w.])"), b)
            for b in self.bodies for prefix in b.codes_all.get("documentSymbolPrefix", ()) if "{" in prefix]
        # by series (what precedes the first slash), longest prefix first: most symbols cited
        # are of a series no body's documents share ("A/75/127"), and are looked up once
        self._series: dict[str, list[tuple[str | re.Pattern, Concept]]] = {}
        for prefix, b in self.document_prefixes:
            self._series.setdefault(prefix.split("/", 1)[0], []).append((prefix, b))
        for template, b in self.document_templates:
            self._series.setdefault(template.pattern.split("/", 1)[0], []).append((template, b))
        self._document_body_of: dict[str, Concept | None] = {}
        # organisations a body outside the target types belongs to ("World Health Organization"
        # for the World Health Assembly): naming them tells that body where its numbering fits
        by_iri = {c.iri: c for c in vocabulary.of_type("body")}
        context: dict[str, Concept] = {}
        for b in self.others:
            for iri in b.broader:
                parent = by_iri.get(iri)
                if parent is not None and not parent.resolution_type:
                    for label in parent.labels:
                        if len(label) > 4:  # a full name, not an acronym that may stand for more
                            context.setdefault(label, b)
        self.context = {_key(k): v for k, v in context.items()}
        # (as printed, case and all: a case-blind pattern would not let the engine skip ahead)
        self.context_re = re.compile(
            rf"(?:{'|'.join(_flexible(n) for n in sorted(context, key=len, reverse=True))})(?![\w\-])"
        ) if context else None
        # the treaties whose conferences of parties cite resolutions: "the Conference of the Parties
        # (to the Convention)" is the conference of the treaty named last (unkg:conferenceOf)
        conference_of = {t: b for b in self.bodies for t in b.conference_of}
        treaty_names: dict[str, Concept] = {}
        for c in vocabulary.of_type("instrument"):
            if c.iri in conference_of:
                for label in c.labels:
                    treaty_names.setdefault(label, conference_of[c.iri])
        self.treaty_names = {_key(k): v for k, v in treaty_names.items()}
        self.treaty_re = re.compile(
            rf"(?:{'|'.join(_flexible(n) for n in sorted(treaty_names, key=len, reverse=True))})(?![\w\-])"
        ) if treaty_names else None
        self.resolution_prefixes = sorted(((b.symbol_prefix, b) for b in self.bodies if b.symbol_prefix),
                                          key=lambda pb: len(pb[0]), reverse=True)
        self._by_organ_name = {_key(label): b for b in self.bodies for label in b.labels}
        #: the document series of the principal organs ("A", "E", "S"), from their symbol prefixes
        self.principal_series = {b.symbol_prefix.split("/", 1)[0] for b in self.bodies if b.symbol_prefix}

    def organ(self, name: str | None) -> Concept | None:
        """The citing body a record's ``document.body`` names ("General Assembly")."""
        return self._by_organ_name.get(_key(name)) if name else None

    def classify(self, text: str, start: int, end: int) -> _Name:
        k = _key(text[start:end])
        if k in self.by_label:
            return _Name("label", (self.by_label[k],), start, end)
        if k in self.heads:
            return _Name("head", self.heads[k], start, end)
        return _Name("noun", self.nouns.get(k, ()), start, end)

    def is_part_of_longer_name(self, name: _Name, text: str, floor: int) -> bool:
        """A head or anaphoric noun inside a proper name the vocabulary does not hold ("World
        Health Assembly", "Commission on Human Rights", "Conference of the Parties to the United
        Nations Framework Convention on Climate Change")."""
        if name.kind == "label":
            return False
        before = _CAPITALISED_BEFORE_RE.search(text, max(floor, name.start - 40), name.start)
        # (a capitalised word opening the stretch is its verb or "See", not part of a name)
        if before and before.start() > floor and before.group(1) not in ("The", "See"):
            return True
        if _NAME_GOES_ON_RE.match(text, name.end):
            return True
        to = _TO_THE_RE.match(text, name.end)
        return bool(to and len(to.group("object").split()) > 1)

    def is_other(self, body: Concept) -> bool:
        """Whether ``body`` is outside the record's target types (its resolutions: "other resolution")."""
        return body.notation in self._other_notations

    def target_type(self, body: Concept) -> str:
        """The record's target type of ``body``'s resolutions ("CCPCJ resolution", "other resolution")."""
        return body.resolution_type or OTHER_RESOLUTION

    def compatible(self, body: Concept, item: _Item) -> bool:
        """Whether ``body`` numbers its resolutions the way ``item`` is numbered."""
        forms = self.numbering.get(body.notation)
        if forms is None:
            return item.form not in ("other", "integer")
        if item.form != "integer" and body.notation in self.templates and self.template_match(body, item):
            return True
        if item.form == "other" or item.form not in forms:
            return False
        minimum = forms[item.form].minimum
        return minimum is None or (item.session is not None and item.session >= minimum)

    def template_match(self, body: Concept, item: _Item) -> tuple[_Form, int | None, str] | None:
        """The template of ``body``'s numbering that an "other" number fits, the session it states
        and the number without the body's key glued to it ("WHA72.8" -> "72.8"), or None."""
        number = item.number
        key = body.citation_key or ""
        if key and number.startswith(key) and number[len(key):len(key) + 1].isdigit():
            number = number[len(key):]
        for form in self.templates.get(body.notation, ()):
            m = form.template.fullmatch(number)
            if m:
                session = m.groupdict().get("s")
                return form, int(session) if session else None, number
        return None

    def has_template_for(self, item: _Item) -> bool:
        """Whether some body's numbering template fits ``item`` ("1/CP.21", "MSC.428(98)")."""
        return any(self.template_match(b, item) for b in self.bodies if b.notation in self.templates)

    def plausible(self, body: Concept, item: _Item, latest_year: int | None) -> bool:
        """Whether the date printed with ``item`` can be the date of ``body``'s resolution of that
        number: a body whose session n meets in year Y+n (``@Y`` in its numbering) did not adopt
        "32/1 of 27 May 2023" unless Y is 1991. A date after ``latest_year`` (the citing document's
        own) is a misprint and says nothing."""
        if not item.date or not item.date[:4].isdigit():
            return True
        year = int(item.date[:4])
        if latest_year is not None and year > latest_year:
            return True
        match = self.template_match(body, item) if body.notation in self.templates else None
        if match:
            form, session = match[0], match[1]
        else:
            form, session = self.numbering.get(body.notation, {}).get(item.form), item.session
        if form is None or form.years is None or session is None:
            return True
        return form.years[0] <= year - session <= form.years[1]

    def document_body(self, symbol: str) -> Concept | None:
        """The body whose documents carry ``symbol``'s series (CTOC/COP/... -> COP-UNTOC)."""
        known = self._document_body_of.get(symbol, False)
        if known is not False:
            return known
        found = None
        for prefix, body in self._series.get(symbol.split("/", 1)[0], ()):
            if symbol.startswith(prefix) if isinstance(prefix, str) else prefix.match(symbol):
                found = body
                break
        if len(self._document_body_of) < 100_000:
            self._document_body_of[symbol] = found
        return found


_LEXICONS: dict[int, Lexicon] = {}


def lexicon(vocabulary: Vocabulary | None = None) -> Lexicon:
    """The lexicon of ``vocabulary`` (default: the project's), built once."""
    if vocabulary is None:
        from kg.vocab import load

        vocabulary = load()
    lex = _LEXICONS.get(id(vocabulary))
    if lex is None:
        lex = _LEXICONS[id(vocabulary)] = Lexicon(vocabulary)
    return lex


# -- parsed pieces ----------------------------------------------------------------------------


@dataclass
class _Qualifier:
    """Who adopted the numbers of a list: named bodies, "its" (one body), or a body outside the
    vocabulary (``other``)."""

    kind: str  # named | its | other
    bodies: tuple[Concept, ...] = ()
    explicit: bool = False  # a body's full name (its date does not overrule it)
    its: bool = False  # tied to the keyword by "its" ("the Council, in its resolution")
    carried: bool = False  # from the head of the list the number stands in (a name after it wins)


@dataclass
class _Item:
    """One cited number of an enumeration."""

    number: str  # as canonically spelled: "67/234 B", "S-30/1", "1373 (2001)", "217 A (III)"
    form: str  # session | year | special-session | emergency-session | roman-session | number-year | other | integer
    session: int | None  # the session (or year) the number states
    group: str  # what numbers sharing a printed date must share: "67", "2012", "(2001)", "(III)"
    start: int
    end: int  # end of the surface
    date: str | None = None
    post: _Qualifier | None = None  # a body named after the number


@dataclass
class _Segment:
    where: str
    verb: str | None
    start: int
    end: int
    kind: str  # head | paragraph | footnote
    organ: Concept | None
    # where body names are looked for when the text itself does not say: the stretch before
    # the footnote's marker in the paragraph it hangs on (footnotes), or the segment itself
    context: tuple[int, int] = (0, 0)
    agent: Concept | None = None  # a footnote's "adopted by the <body>" before its marker
    agent_looked: bool = False


@dataclass
class _Found:
    target: str
    target_type: str
    date: str | None
    start: int
    end: int


# -- the grammar ------------------------------------------------------------------------------


class CitationGrammar:
    """Finds the citations of records; one instance serves any number of records."""

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.lex = lexicon(vocabulary)
        self._text = ""
        self._name_end = 0  # where the body name :meth:`_name_after` recognised ends
        self._segments_of_record: list[_Segment] = []
        self._mentions_found: dict[str, list[int]] | None = None
        self._treaties_found: list[tuple[int, Concept]] | None = None
        self._latest_year: int | None = None  # the citing document's year: no cited date is later

    # the entry point ----------------------------------------------------------------------

    def find(self, record: Record) -> list[Citation]:
        """The citations of ``record`` (see :func:`find_citations`)."""
        text = self._text = record.normalised
        own = {normalise_symbol(record.document.symbol)} if record.document.symbol else set()
        segments = self._segments(record)
        self._segments_of_record = segments
        self._mentions_found = None
        self._treaties_found = None
        years = [int(d[:4]) for d in (record.document.adopted, record.document.issued) if d and d[:4].isdigit()]
        self._latest_year = max(years) if years else None

        out: list[Citation] = []
        seen: dict[tuple[str, str], Citation] = {}
        last_series: str | None = None
        previous_footnote: list[_Found] = []
        for seg in segments:
            found = self._keyword_citations(text, seg)
            found += self._symbol_citations(text, seg, own)
            series, ts = self._treaty_series(text, seg, last_series)
            last_series = series or last_series
            found += ts
            if seg.kind == "footnote":
                if not found:
                    found = self._ibid(text, seg, previous_footnote)
                previous_footnote = sorted(found, key=lambda f: f.start)
            for f in sorted(found, key=lambda f: f.start):
                if normalise_symbol(f.target) in own:
                    continue
                key = (f.target, seg.where)
                if key in seen:
                    if seen[key].date is None and f.date:
                        seen[key].date = f.date
                    continue
                c = Citation(target=f.target, target_type=f.target_type, date=f.date, where=seg.where,
                             verb=seg.verb, text=text[f.start:f.end], span=(f.start, f.end))
                seen[key] = c
                out.append(c)
        return out

    @staticmethod
    def _ibid(text: str, seg: _Segment, previous: list[_Found]) -> list[_Found]:
        """A footnote "Ibid." (", sect. I.C.", ", chap. I, annex.") that names nothing of its own
        cites what the footnote before it cites, each with the word "Ibid." as its text; a Treaty
        Series volume after it ("Ibid., vol. 212") is a new reference, not a repetition."""
        m = _IBID_RE.match(text, seg.start, seg.end)
        if not m or not previous or text.find("vol", m.end(), seg.end) >= 0:
            return []
        start, end = m.span("ibid")
        numbers = _IBID_NUMBERS_RE.match(text, end, seg.end)
        if numbers:
            # "Ibid., No. 973.": another entry of the volume(s) the footnote before cites
            volumes = dict.fromkeys(f.target.split()[1].split("/")[0] for f in previous
                                    if f.target_type == "treaty series" and f.target.startswith("UNTS "))
            return [_Found(f"UNTS {v}/{n}", "treaty series", None, start, numbers.end())
                    for v in volumes for n in _SPLIT_LIST_RE.split(numbers.group("nos")) if n]
        return [_Found(f.target, f.target_type, f.date, start, end) for f in previous]

    @property
    def _mentions(self) -> dict[str, list[int]]:
        """Where each body is named, in text order (the antecedents of "the Commission",
        "Council"); found on first need, as most records never need it."""
        if self._mentions_found is None:
            text, lex = self._text, self.lex
            found: dict[str, list[int]] = {}
            for seg in self._segments_of_record:
                for m in lex.mention_re.finditer(text, seg.start, seg.end):
                    if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-"):
                        continue
                    bodies = lex.classify(text, m.start(), m.end()).bodies
                    if len(bodies) == 1:
                        found.setdefault(bodies[0].notation, []).append(m.start())
                for sym in find_symbols(text, seg.start, seg.end):
                    body = lex.document_body(sym.symbol)
                    if body:
                        found.setdefault(body.notation, []).append(sym.start)
                if lex.context_re is not None:
                    for m in lex.context_re.finditer(text, seg.start, seg.end):
                        found.setdefault(lex.context[_key(m.group())].notation, []).append(m.start())
            for positions in found.values():
                positions.sort()
            self._mentions_found = found
        return self._mentions_found

    def _segments(self, record: Record) -> list[_Segment]:
        lex = self.lex
        body = lex.organ(record.document.body)
        receiving = lex.organ(record.document.recommended_to)
        recommends_at = None
        if receiving:
            recommends_at = next((h.span[0] for h in record.head
                                  if re.match(r"(?:\d{1,3}\.\s+)?(?:Also\s+)?Recommends\s+to\s+the\b", h.text)), None)

        # an annex that is another body's text opens with its name ("The Economic and Social
        # Commission for Asia and the Pacific,"): "its resolution" there is that body's
        annexes: list[list] = []  # [start, end, body] of each such annex
        current: list | None = None
        for p in record.paragraphs:
            if not p.id.startswith("ANNEX"):
                current = None
                continue
            m = _ANNEX_ORGAN_RE.fullmatch(p.text) if p.text.startswith("The ") else None
            named = lex.by_label.get(_key(m.group("name"))) if m else None
            if named is not None:
                current = [p.span[1], p.span[1], named]
                annexes.append(current)
            elif current is not None:
                current[1] = p.span[1]

        def organ_at(pos: int) -> Concept | None:
            for a, b, annex_organ in annexes:
                if a <= pos <= b:
                    return annex_organ
            # inside a draft one organ recommends to another, "its resolution" is the receiver's
            if receiving and (recommends_at is None or pos > recommends_at):
                return receiving
            return body

        out: list[_Segment] = []
        paragraphs = {p.id: p for p in record.paragraphs}
        for where, verb, start, end in record.segments():
            if where == "HEAD":
                out.append(_Segment(where, verb, start, end, "head", body, (start, start)))
            elif where.startswith("FN"):
                context = (start, start)
                organ = body
                fn = next((f for f in record.footnotes if f.id == where), None)
                for pid in (fn.cited_in if fn else []):
                    p = paragraphs.get(pid)
                    if p is None:
                        continue
                    marker = next((m.offset for m in p.markers if m.number == fn.number), p.span[1])
                    context = (p.span[0], marker)
                    organ = organ_at(p.span[0])
                    break
                out.append(_Segment(where, verb, start, end, "footnote", organ, context))
            else:
                out.append(_Segment(where, verb, start, end, "paragraph", organ_at(start), (start, start)))
        return out

    # resolutions and decisions introduced by a keyword -----------------------------------

    def _keyword_citations(self, text: str, seg: _Segment) -> list[_Found]:
        if text.find("esolution", seg.start, seg.end) < 0 and text.find("ecision", seg.start, seg.end) < 0:
            return []
        keywords = list(_KEYWORD_RE.finditer(text, seg.start, seg.end))
        handed_on: tuple[_Qualifier, int] | None = None
        # each keyword's numbers, with who the words around it say adopted them, grouped in lists
        # of coordinated keywords ("resolution 6/2 on ..., resolution 6/3 on ... and resolution 6/4
        # ..., adopted by the Conference"): (list number, items, qualifier, decision)
        parsed: list[tuple[int, list[_Item], _Qualifier | None, bool]] = []
        lists = 0
        for i, kw in enumerate(keywords):
            limit = keywords[i + 1].start() if i + 1 < len(keywords) else seg.end
            decision = kw.group("kw").lower() == "decision"
            qualifier = self._qualifier_before(text, kw.start(), seg)
            if qualifier is None and handed_on and _HAND_ON_RE.match(text[handed_on[1]:kw.start()]):
                qualifier = handed_on[0]
            items, tail_date = self._enumeration(text, kw.end(), limit, seg)
            if not items:
                # "Economic and Social Council resolutions, in particular resolutions ..."
                self._name_end = kw.end()
                after = self._name_after(text, kw.end(), seg) if _OF_THE_RE.match(text, kw.end()) else None
                q = qualifier or after
                handed_on = (q, self._name_end) if q else None
                if after is not None and after.explicit and parsed and parsed[-1][0] == lists \
                        and self._list_goes_on(text, parsed[-1][1][-1].end, kw.start(), _OTHER_OF_THE_LIST_RE):
                    # "resolution 53/9 ..., and other relevant resolutions of the Council": the
                    # list was the Council's
                    for item in parsed[-1][1]:
                        item.post = item.post or after
                lists += 1
                continue
            handed_on = None
            previous = parsed[-1] if parsed and parsed[-1][0] == lists else None
            head = previous[2] if previous else None
            if previous and (qualifier is None or qualifier.kind == "its") \
                    and self._list_goes_on(text, previous[1][-1].end, kw.start()):
                # the body named at the head of the list goes on applying; a second "its" is the
                # first one's ("the Council, in its resolution 51/30 and its decision 51/101")
                if head is not None and (qualifier is None or head.its):
                    qualifier = replace(head, carried=True)
            else:
                lists += 1
            first_date = _ON_DATE_OF_RE.search(text, max(seg.start, kw.start() - 40), kw.start())
            if first_date and items[0].date is None:
                items[0].date = iso_date(first_date.group("date"))
            self._share_dates(items, tail_date)
            parsed.append((lists, items, qualifier, decision))
        self._body_after_list(parsed)
        found: list[_Found] = []
        for _list, items, qualifier, decision in parsed:
            for item in items:
                if item.form == "integer" and (qualifier is None or qualifier.carried) and item.post is None:
                    continue  # "chap. I, resolution 1": a part of the document cited, not a decision
                body = self._resolve(item, qualifier, seg)
                target, target_type = self._target(body, item, decision)
                found.append(_Found(target, target_type, item.date, item.start, item.end))
        return found

    def _list_goes_on(self, text: str, end: int, kw_start: int, tail: re.Pattern = _LIST_GOES_ON_RE) -> bool:
        """Whether the keyword at ``kw_start`` continues the list whose last number ends at
        ``end``: between them only titles (quoted ones of any length), dates and a connector
        (", ", " and ", " and the adoption on ... of "), no clause end and no body's name."""
        if kw_start - end > 2 * _GAP_MAX + 600:
            return False
        gap = _QUOTED_RE.sub("“”", text[end:kw_start])
        if len(gap) > _GAP_MAX or not tail.search(gap) or _CLAUSE_END_RE.search(gap):
            return False
        return not (self.lex.name_at_re.search(gap) or _ORG_NAME_RE.search(gap) or _STRAY_NUMBER_RE.search(gap))

    @staticmethod
    def _body_after_list(parsed: list[tuple[int, list[_Item], _Qualifier | None, bool]]) -> None:
        """A body named after the last number of a list ("... and resolution 6/4 of 6 November
        2015 on ..., adopted by the Conference of the States Parties to the Convention") adopted
        every number of the list that names no body of its own."""
        for i, (number, items, _qualifier, _decision) in enumerate(parsed):
            post = items[-1].post
            if post is None or (i + 1 < len(parsed) and parsed[i + 1][0] == number):
                continue  # not the end of its list
            j = i - 1
            while j >= 0 and parsed[j][0] == number:
                _n, earlier, qualifier, _d = parsed[j]
                if qualifier is None:
                    for item in earlier:
                        item.post = item.post or post
                j -= 1

    def _qualifier_before(self, text: str, kw_start: int, seg: _Segment) -> _Qualifier | None:
        """Who adopted the numbers after the keyword at ``kw_start``, as the words before it say."""
        lex = self.lex
        floor = max(seg.start, kw_start - 200)
        m = lex.name_before_re.search(text, floor, kw_start)
        while m and m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            m = lex.name_before_re.search(text, m.start() + 1, kw_start)  # inside a word: not a name
        if m:
            name = lex.classify(text, m.start("name"), m.end("name"))
            if lex.is_part_of_longer_name(name, text, seg.start) or not name.bodies:
                return _Qualifier("other")
            return _Qualifier("named", self._disambiguate(name, kw_start), explicit=name.kind == "label",
                              its="its" in m.group("link"))
        # a resolution cited as part of a document ("CTOC/COP/2010/17, resolution 5/3", "CBD/COP/15/17,
        # decision 15/4"): the body whose series the symbol is in; a principal organ's series
        # (records, supplements) says nothing; any other organisation's, a body outside ours
        last = None
        for sym in (find_symbols(text, floor, kw_start) if text.find("/", floor, kw_start) >= 0 else ()):
            last = sym
        if last and _DOCUMENT_PART_RE.fullmatch(text, last.end, kw_start):
            body = lex.document_body(last.symbol)
            if body:
                return _Qualifier("named", (body,), explicit=True)
            if last.symbol.split("/", 1)[0] not in lex.principal_series:
                return _Qualifier("other")
        # a body outside the vocabulary: a capitalised name with the head noun of an organisation
        # ("World Health Assembly", "Commission on Human Rights") or an acronym ("UNESCO"); a
        # paragraph's opening word ("Recalling resolution") is none
        other = _CAPITALISED_BEFORE_KEYWORD_RE.search(text, floor, kw_start)
        if other and _ORG_NOUN_RE.search(other.group("phrase")):
            return _Qualifier("other")
        its = _ITS_RE.search(text, max(floor, kw_start - 12), kw_start)
        if its and not text[its.start() - 1:its.start()].isalnum():
            return _Qualifier("its", (seg.organ,) if seg.organ else ())
        return None

    def _disambiguate(self, name: _Name, pos: int) -> tuple[Concept, ...]:
        """The bodies a name stands for: a label its body; "the Conference of the Parties (to the
        Convention)" the conference of the treaty named last; a head or noun shared by several
        bodies the one named most recently before ``pos`` (all of them if none was)."""
        if name.kind != "label":
            conference = self._conference_of_treaty_named_last(name, pos)
            if conference is not None:
                return (conference,)
        if len(name.bodies) <= 1:
            return name.bodies
        latest = self._latest(name.bodies, pos)
        return (latest,) if latest else name.bodies

    def _conference_of_treaty_named_last(self, name: _Name, pos: int) -> Concept | None:
        """For a short name a conference's full name begins with ("Conference of the Parties",
        "... to the Convention"), the conference of the treaty the text named last before ``pos``,
        where that conference's name begins so."""
        lex, text = self.lex, self._text
        spelled = " ".join(text[name.start:name.end].split())
        if not spelled.startswith("Conference of the") or lex.treaty_re is None:
            return None  # (a bare "the Conference" is the conference named last)
        if self._treaties_found is None:
            found: list[tuple[int, Concept]] = []
            for seg in self._segments_of_record:
                for m in lex.treaty_re.finditer(text, seg.start, seg.end):
                    found.append((m.start(), lex.treaty_names[_key(m.group())]))
            found.sort(key=lambda pc: pc[0])
            self._treaties_found = found
        stem = spelled.removesuffix(" to the Convention")
        i = bisect_left(self._treaties_found, pos, key=lambda pc: pc[0]) - 1
        if i < 0:
            return None
        conference = self._treaties_found[i][1]
        return conference if conference.pref_label.startswith(stem) else None

    def _latest(self, bodies, pos: int, floor: int = 0) -> Concept | None:
        best, best_pos = None, -1
        for b in bodies:
            positions = self._mentions.get(b.notation, [])
            i = bisect_left(positions, pos) - 1
            if i >= 0 and positions[i] >= floor and positions[i] > best_pos:
                best, best_pos = b, positions[i]
        return best

    def _name_after(self, text: str, pos: int, seg: _Segment) -> _Qualifier | None:
        """A body named at ``pos``, or after "of the" there (its end in ``self._name_end``)."""
        m = _TAIL_OF_THE_RE.match(text, pos)
        if m:
            pos = m.end()
        n = self.lex.name_at_re.match(text, pos, seg.end)
        if n:
            self._name_end = n.end()
            name = self.lex.classify(text, n.start(), n.end())
            if self.lex.is_part_of_longer_name(name, text, seg.start):
                # an organ of a body the vocabulary knows ("the Assembly of the International
                # Maritime Organization") speaks for that body
                of = _OF_THE_RE.match(text, n.end(), seg.end)
                whole = self.lex.name_at_re.match(text, of.end(), seg.end) if of else None
                owner = self.lex.classify(text, whole.start(), whole.end()) if whole else None
                if owner is not None and owner.kind == "label":
                    self._name_end = whole.end()
                    return _Qualifier("named", owner.bodies)
                return _Qualifier("other")
            bodies = self._disambiguate(name, pos)
            return _Qualifier("named", bodies, explicit=name.kind == "label") if bodies else _Qualifier("other")
        o = _OTHER_AT_RE.match(text, pos, seg.end)
        if o:
            self._name_end = o.end()
            return _Qualifier("other")
        return None

    def _enumeration(self, text: str, pos: int, limit: int, seg: _Segment) -> tuple[list[_Item], str | None]:
        """The numbers after a keyword: a list walked item by item, with its distributive date."""
        items: list[_Item] = []
        run: list[_Item] = []  # numbers tied by connectors only: a body named after the last is theirs
        while True:
            new = self._number(text, _SPACE_RE.match(text, pos).end(), limit)
            if not new:
                break
            if items and new[0].form in ("integer", "other") and items[-1].form != new[0].form:
                break
            items.extend(new)
            run.extend(new)
            pos = self._item_tail(text, new, limit, seg)
            if new[-1].post:
                for item in run:
                    item.post = item.post or new[-1].post
                run = []
            m = _CONNECTOR_RE.match(text, pos, limit)
            if m and self._number(text, m.end(), limit):
                pos = m.end()
                continue
            m = _RANGE_RE.match(text, pos, limit)
            if m:
                last = self._number(text, m.end(), limit)
                if last:
                    expanded = self._range(items[-1], last[-1], text)
                    items.extend(expanded)
                    items.extend(last)
                    pos = self._item_tail(text, last, limit, seg)
                    m = _CONNECTOR_RE.match(text, pos, limit)
                    if m and self._number(text, m.end(), limit):
                        pos = m.end()
                        continue
            resumed = self._resume(text, pos, limit, items[-1], seg)
            if resumed is None:
                break
            pos, run = resumed, []
        if items and items[-1].post:
            # "decisions 20/1 and 20/2 adopted by the ...", "22/7 on ... and 22/8 on ..., adopted by
            # the ...": the body named after the list adopted every number of it naming none
            for item in items:
                item.post = item.post or items[-1].post
        tail_date = None
        if items:
            end = self._clause_end(text, pos, limit)
            m = _DISTRIBUTIVE_RE.search(text, pos, end)
            if m:
                tail_date = iso_date(m.group("date"))
        return items, tail_date

    def _clause_end(self, text: str, pos: int, limit: int) -> int:
        end = min(limit, pos + _GAP_MAX)
        m = _CLAUSE_END_RE.search(text, pos, end)
        return m.start() if m else end

    def _resume(self, text: str, pos: int, limit: int, last: _Item, seg: _Segment) -> int | None:
        """After a title, the position where the enumeration goes on ("... and 22/8 on ..."), or
        None; on the way, a body ("adopted by the ...") or a date ("adopted on ...") of the
        last item."""
        end = self._clause_end(text, pos, limit)
        m = _RESUME_RE.search(text, pos, end)
        gap_end = m.start() if m else end
        if last.post is None:
            by = _BY_THE_RE.search(text, pos, gap_end)
            if by:
                last.post = self._name_after(text, by.end(), seg)
        if last.post is None:
            # "resolution 5/3 of 2 March 2022, in which the United Nations Environment Assembly
            # reaffirmed ..." (not "..., in which the Council was established": its object)
            which = _IN_WHICH_RE.match(text, pos, gap_end)
            if which:
                post = self._name_after(text, which.end(), seg)
                if post is not None and post.kind == "named" and not _PASSIVE_RE.match(text, self._name_end):
                    last.post = post
        if last.date is None:
            on = _ADOPTED_ON_RE.search(text, pos, gap_end)
            if on:
                last.date = iso_date(on.group("date"))
        if not m or _STRAY_NUMBER_RE.search(text, pos, m.start()) or _DISTRIBUTIVE_RE.search(text, pos, m.start()):
            return None
        return m.end() if self._number(text, m.end(), limit) else None

    def _item_tail(self, text: str, new: list[_Item], limit: int, seg: _Segment) -> int:
        """What follows a number: its date, an annex, the body that adopted it."""
        last = new[-1]
        pos = last.end
        m = _OF_DATE_RE.match(text, pos, limit)
        if m:
            for item in new:
                item.date = iso_date(m.group("date"))
            last.end = pos = m.end()
        m = _ANNEX_RE.match(text, pos, limit)
        if m:
            pos = m.end()
        if _TAIL_OF_THE_RE.match(text, pos, limit):
            post = self._name_after(text, pos, seg)
            if post:
                for item in new:
                    item.post = post
        return pos

    def _number(self, text: str, pos: int, limit: int) -> list[_Item] | None:
        """The number at ``pos`` (one item per lettered part), or None."""
        m = _NUMBER_RE.match(text, pos, limit)
        if not m or m.group("ot") and symbol_at(text, pos, limit):
            return None  # "resolution A/RES/60/1": the symbol grammar's
        start = m.start()
        if m.group("ny"):
            n, y = m.group("ny_n"), m.group("ny_y")
            return [_Item(f"{n} ({y})", "number-year", int(y), f"({y})", start, m.end())]
        if m.group("rs"):
            n, s = m.group("rs_n"), re.sub(r"[‑–]", "-", m.group("rs_s"))
            letters = re.findall(r"[A-Z]", m.group("rs_parts") or "")
            form = "roman-session"
            return [_Item(f"{n} {p} ({s})", form, None, f"({s})", start, m.end()) for p in letters] or \
                [_Item(f"{n} ({s})", form, None, f"({s})", start, m.end())]
        if m.group("sn"):
            prefix, seq = re.sub(r"[‑–]", "-", m.group("sn_p")), m.group("sn_n")
            if prefix.startswith("ES-"):
                form, session = "emergency-session", int(prefix[3:])
            elif prefix.startswith("S-"):
                form, session = "special-session", int(prefix[2:])
            elif len(prefix) == 4:
                form, session = ("year", int(prefix)) if 1946 <= int(prefix) <= 2100 else ("other", None)
            else:
                form, session = "session", int(prefix)
            number = f"{prefix}/{seq}"
            parts = _PARTS_RE.match(text, m.end(), limit)
            if parts:
                letters = [parts.group("first"), *re.findall(r"[A-Z]", parts.group("more"))]
                if len(letters) == 2 and re.match(r"\s*(?:[–-]|to\b)", parts.group("more")):
                    # a range of parts: "S-20/4 A–E" is parts A, B, C, D and E
                    letters = [chr(c) for c in range(ord(letters[0]), ord(letters[1]) + 1)] or letters
                first_end = parts.start() + 2
                return [_Item(f"{number} {p}", form, session, prefix, start, first_end if i == 0 else parts.end())
                        for i, p in enumerate(letters)]
            return [_Item(number, form, session, prefix, start, m.end())]
        if m.group("int"):
            return [_Item(m.group("int"), "integer", None, m.group("int"), start, m.end())]
        number = m.group("ot")
        while number.endswith(")") and number.count(")") > number.count("("):
            number = number[:-1]  # "(resolution MSC.386(94))": the bracket closes the sentence's
        return [_Item(number, "other", None, number, start, start + len(number))]

    def _range(self, first: _Item, last: _Item, text: str) -> list[_Item]:
        """The numbers strictly between the two ends of a range of one session ("2012/12 to
        2012/19"), each with the range as its surface."""
        if first.group != last.group or "/" not in first.number or "/" not in last.number:
            return []
        try:
            a = int(first.number.split("/")[1].split()[0])
            b = int(last.number.split("/")[1].split()[0])
        except ValueError:
            return []
        if not 0 < b - a <= 100:
            return []
        return [_Item(f"{first.group}/{n}", first.form, first.session, first.group, first.start, last.start
                      + len(last.number.split()[0]))
                for n in range(a + 1, b)]

    @staticmethod
    def _share_dates(items: list[_Item], distributive: str | None) -> None:
        """A date printed after a number also dates the undated numbers before it, back to the
        previous dated one, that belong to the same session ("67/186, 67/189 and 67/192 of 20
        December 2012"; not 67/80 in "67/80, 68/186 and 69/196 of 18 December 2014"). "Both
        of"/"all of" a date dates every undated number of the list."""
        pending: list[_Item] = []
        for item in items:
            if item.date is None:
                pending.append(item)
                continue
            for p in pending:
                if p.group == item.group and p.form == item.form:
                    p.date = item.date
            pending = []
        if distributive:
            for item in items:
                if item.date is None:
                    item.date = distributive

    # the adopting body ------------------------------------------------------------------------

    def _resolve(self, item: _Item, qualifier: _Qualifier | None, seg: _Segment) -> Concept | None:
        """The body that adopted ``item``, or None when it cannot be told."""
        lex = self.lex
        if item.form == "integer" or item.form == "other" and not lex.has_template_for(item):
            return None

        def plausible(b: Concept) -> bool:
            return lex.plausible(b, item, self._latest_year)

        # a body named after the number overrules one carried from the head of its list
        order = (item.post, qualifier) if qualifier is not None and qualifier.carried else (qualifier, item.post)
        for q in order:
            if q is None:
                continue
            if q.kind == "other":
                # an organ we do not know ("General Conference resolution GC(66)/RES/6") of the
                # only body numbering this way, where the document names that body
                only = [b for b in lex.bodies if item.form == "other" and lex.compatible(b, item)]
                if len(only) == 1 and only[0].notation in self._mentions:
                    return only[0]
                return None
            fitting = [b for b in q.bodies if lex.compatible(b, item)]
            if not q.explicit:
                # "its resolution 32/1 of 27 May 2023" is not the Assembly's: its 32nd session
                # met in 1977-1978 (a body's full name is believed over the date)
                fitting = [b for b in fitting if plausible(b)]
            if fitting:
                return self._pick(fitting, seg, item)
            if q.explicit and item.form == "other":
                return None  # the body named by its full name does not number this way
            # a body that cannot have adopted a number of this form: let the number speak
        if seg.organ and lex.compatible(seg.organ, item) and plausible(seg.organ):
            return seg.organ
        if seg.kind == "footnote":
            # a number the citing organ cannot have adopted: the body the paragraph names where
            # the marker stands ("adopted by the Conference of the Parties ... at its sixth session")
            agent = self._agent(self._text, seg)
            if agent and lex.compatible(agent, item) and plausible(agent):
                return agent
        fitting = [b for b in lex.bodies if lex.compatible(b, item) and plausible(b)]
        # the only body numbering this way ("2012/17", "1/CP.21"); one outside the record's types
        # only where the document names it or its organisation ("42/I" of the CEDAW Committee)
        if len(fitting) == 1 and (not lex.is_other(fitting[0]) or fitting[0].notation in self._mentions):
            return fitting[0]
        # a principal organ numbering this way (bare "resolution 70/175" in a Council text is the
        # Assembly's); else the body named last in this stretch (or where the footnote's marker
        # stands): "CTOC/COP/2010/17, resolution 5/3", "... the Commission ... resolutions 22/7"
        principal = [b for b in fitting if b.symbol_prefix]
        if len(principal) == 1:
            return principal[0]
        floor, pos = seg.context if seg.kind == "footnote" else (seg.start, item.start)
        latest = self._latest(fitting, pos, floor)
        if seg.kind == "footnote" and latest is None:
            latest = self._latest(fitting, item.start, seg.start)
        return latest

    def _pick(self, bodies: list[Concept], seg: _Segment, item: _Item) -> Concept | None:
        if len(bodies) == 1:
            return bodies[0]
        if seg.organ in bodies:
            return seg.organ
        latest = self._latest(bodies, item.start if seg.kind != "footnote" else seg.context[1])
        if latest:
            return latest
        principal = [b for b in bodies if b.symbol_prefix]
        return principal[0] if len(principal) == 1 else None

    def _agent(self, text: str, seg: _Segment) -> Concept | None:
        """The body a footnote's paragraph names as adopting what the marker points at: "...
        adopted by the Conference of the Parties to the ... Convention at its sixth session;9"."""
        if seg.agent_looked:
            return seg.agent
        seg.agent_looked = True
        floor, marker = seg.context
        if marker <= floor:
            return None
        last = None
        for m in self.lex.mention_re.finditer(text, floor, marker):
            if not (m.start() > 0 and text[m.start() - 1].isalnum()):
                last = m
        if last is None:
            return None
        if not re.search(r"\bby\s+(?:the\s+)?$", text[max(floor, last.start() - 20):last.start()]):
            return None
        if _STRAY_NUMBER_RE.search(text, last.end(), marker):
            return None  # a number cited between the name and the marker has taken the name
        bodies = self.lex.classify(text, last.start(), last.end()).bodies
        seg.agent = bodies[0] if len(bodies) == 1 else None
        return seg.agent

    def _target(self, body: Concept | None, item: _Item, decision: bool) -> tuple[str, str]:
        if body is None:
            return (f"decision {item.number}" if decision else item.number), "unknown"
        number = item.number
        if item.form != "integer" and body.notation in self.lex.templates:
            match = self.lex.template_match(body, item)
            number = match[2] if match else number
        if decision:
            if body.symbol_prefix:
                return body.symbol_prefix.replace("/RES/", "/DEC/") + number, "document"
            return f"{body.citation_key or body.notation} decision {number}", "document"
        if body.symbol_prefix:
            return body.symbol_prefix + number, self.lex.target_type(body)
        return f"{body.citation_key or body.notation} {number}", self.lex.target_type(body)

    # document symbols, sales numbers -----------------------------------------------------------

    def _symbol_citations(self, text: str, seg: _Segment, own: set[str]) -> list[_Found]:
        if seg.kind == "head" and not text.startswith("[", seg.start):
            return []  # running heads, the cover, ODS lines: the document's own furniture
        found: list[_Found] = []
        if text.find("/", seg.start, seg.end) < 0 and text.find("Sales", seg.start, seg.end) < 0:
            return found
        for sym in find_symbols(text, seg.start, seg.end):
            symbol = normalise_symbol(sym.symbol)
            if symbol in own:
                continue
            found.append(_Found(*self._symbol_target(symbol), date=None, start=sym.start, end=sym.end))
        for m in SALES_RE.finditer(text, seg.start, seg.end):
            found.append(_Found(f"Sales No. {' '.join(m.group('number').split())}", "document", None,
                                m.start(), m.end()))
        return found

    def _symbol_target(self, symbol: str) -> tuple[str, str]:
        for prefix, body in self.lex.resolution_prefixes:
            if symbol.startswith(prefix):
                return symbol, self.lex.target_type(body)
        for prefix, body in self.lex.document_prefixes:
            if symbol.startswith(prefix + "RES/") and body.citation_key:
                return f"{body.citation_key} {symbol[len(prefix) + 4:]}", self.lex.target_type(body)
        return symbol, "document"

    # Treaty Series -----------------------------------------------------------------------------

    def _treaty_series(self, text: str, seg: _Segment, last_series: str | None) -> tuple[str | None, list[_Found]]:
        """One citation per volume (and number) of each "vol(s). ..., No(s). ..." reference; the
        series is named before it in the same stretch or, after "Ibid.", in the previous one.
        Returns the series in force at the end of the stretch."""
        series: str | None = None
        found: list[_Found] = []
        if text.find("vol", seg.start, seg.end) < 0:
            return None, found  # no volume, no reference (and the series in force stays)
        for m in _TREATY_SERIES_RE.finditer(text, seg.start, seg.end):
            if m.group("league"):
                series = "LNTS"
            elif m.group("un"):
                series = "UNTS"
            elif m.group("ibid"):
                series = last_series or "UNTS"
            else:
                if seg.kind == "head":
                    continue
                current = series or last_series or "UNTS"
                if current != "UNTS":
                    continue  # League of Nations: no target form of ours yet
                series = current
                volumes = [v for v in _SPLIT_LIST_RE.split(m.group("vols")) if v]
                numbers: list[str] = []
                for piece in _SPLIT_LIST_RE.split(m.group("nos")):
                    r = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", piece)
                    if r and 0 < int(r.group(2)) - int(r.group(1)) <= 20:
                        numbers += [str(n) for n in range(int(r.group(1)), int(r.group(2)) + 1)]
                    elif piece:
                        numbers.append(piece)
                for v in volumes:
                    for n in numbers:
                        found.append(_Found(f"UNTS {v}/{n}", "treaty series", None, m.start(), m.end()))
        return series, found


def find_citations(record: Record, vocabulary: Vocabulary | None = None) -> list[Citation]:
    """Every citation of ``record``: one per target and position (paragraph, footnote or head),
    in text order, each with its span into ``record.normalised`` (``text == normalised[a:b]``),
    the position's verb and the cited decision's date where the text gives it."""
    return _grammar(vocabulary).find(record)


_GRAMMARS: dict[int, CitationGrammar] = {}


def _grammar(vocabulary: Vocabulary | None) -> CitationGrammar:
    key = id(vocabulary)
    g = _GRAMMARS.get(key)
    if g is None:
        g = _GRAMMARS[key] = CitationGrammar(vocabulary)
    return g


__all__ = ["CitationGrammar", "Lexicon", "find_citations", "lexicon"]
