"""Laid-out text -> record: masthead metadata, paragraphs, footnotes, one normalised text.

The masthead (title block, cover, trailer) gives the metadata: symbol, number, kind, title,
body, session, dates, agenda item, committee and its report, plenary meeting, sponsors. The body
gives the preambular paragraphs (each with its opening phrase as ``verb``), the operative
paragraphs (number and verb), parts that restart numbering, annexes, and the footnote markers,
which are removed from the text and kept as data. Everything is laid into one normalised text
so that every later span points into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.clauses import ADOPTS_FOLLOWING, known_opening, opening_phrase, opens_operatively
from kg.dates import DATE_RE, iso_date
from kg.dates import MONTH as _MONTH
from kg.errors import InputError
from kg.laid import MARKER_RE, Block, Laid
from kg.layout import FORMULA, OP_NUMBER, is_furniture
from kg.record import Document, Footnote, HeadLine, Marker, Paragraph, Record

_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
          "seventeenth", "eighteenth", "nineteenth"]
_TENS = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70, "eight": 80,
         "ninet": 90}
_CARD_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def ordinal_value(word: str) -> int | None:
    """The number an English ordinal spells ("Sixty-eighth" -> 68, "Eightieth" -> 80)."""
    w = word.lower().strip()
    if w in _UNITS:
        return _UNITS.index(w) + 1
    if w in _TEENS:
        return _TEENS.index(w) + 10
    for stem, value in _TENS.items():
        if w == stem + "ieth":
            return value
        if w.startswith(stem + "y-"):
            rest = w[len(stem) + 2:]
            if rest in _UNITS:
                return value + _UNITS.index(rest) + 1
    if w in ("hundredth",):
        return 100
    return None


_ORDINAL_WORD = r"[A-Z][a-z]+(?:-[a-z]+)?"
_SESSION_RE = re.compile(rf"\b({_ORDINAL_WORD})\s+(?:\(resumed\)\s+)?session\b")
_YEAR_SESSION_RE = re.compile(r"\b(?:(\d{4})\s+session|session\s+of\s+(\d{4}))\b", re.I)
_AGENDA_RE = re.compile(r"Agenda\s+items?\s+(\d{1,3})((?:\s*\([a-z]\))*)", re.I)
_DISTR_RE = re.compile(rf"Distr\.?\s*:\s*(General|Limited|Restricted)\W*?(?:\n|\s)*(\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}})?", re.I)
_ADOPTED_RE = re.compile(
    rf"(Resolution|Decision)s?\s+adopted\s+by\s+the\s+([A-Z][A-Za-z ]+?)\s+on\s+(\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}})")
_REPORT_RE = re.compile(
    r"\[\s*on\s+the\s+(?:report|recommendation)\s+of\s+the\s+([A-Z][\w ,-]+?(?:\s*\([A-Z][\w ]+\))?)\s*\(([^)]+)\)\s*\]")
_NO_COMMITTEE_RE = re.compile(r"\[\s*without\s+reference\s+to\s+a\s+Main\s+Committee\b", re.I)
_PLENARY_RE = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting\b", re.I)
_COMMITTEE_LINE = re.compile(r"^(First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization)\s+Committee$")
#: "Eightieth session Third Committee Agenda item 25 (b)": a masthead joined into one line
_COMMITTEE_AFTER_SESSION = re.compile(
    r"(?P<session>\bsession\s+)(?:First|Second|Third|Fourth|Fifth|Sixth|Special Political and Decolonization)"
    r"\s+Committee(?=\s+Agenda\b|\s*$)")
_NUMBER_TITLE = re.compile(r"^(?P<number>(?:\d{1,3}|\d{4}|S-\d{1,2}|ES-\d{1,2})/\d{1,3}(?:\s?[A-Z](?:-[A-Z])?)?)\.\s+(?P<title>\S.*)$")
_KIND_RE = re.compile(
    r"^(?P<sponsors>.*?)\s*:\s*\*?\s*(?P<kind>revised\s+draft\s+resolution|draft\s+resolution|"
    r"revised\s+draft\s+decision|draft\s+decision|amendments?\b.*)\s*$", re.S | re.I)
_SYMBOL = re.compile(
    r"(?<![\w/])(?:A|E|S)(?:/(?:RES|DEC|C\.\d|CN\.\d{1,2}|AC\.\d{1,3}|CONF\.\d{1,3}|HRC|\d{1,4}(?:-\d+)?|"
    r"L\.\d{1,3}|Rev\.\d|Add\.\d{1,2}|Corr\.\d|S-\d{1,2}|ES-\d{1,2}|PV\.\d+))+(?:\s?[A-Z](?=\W|$))?")
_BODY_NAMES = {
    "A": "General Assembly", "E": "Economic and Social Council", "S": "Security Council",
}
_FORMULA_BODY = {
    "general assembly": "General Assembly",
    "economic and social council": "Economic and Social Council",
    "security council": "Security Council",
    "human rights council": "Human Rights Council",
}
_RECOMMENDS = re.compile(
    r"^(?:\d{1,3}\.\s+)?(?:Also\s+)?Recommends\s+to\s+the\s+(General\s+Assembly|Economic\s+and\s+Social\s+Council)"
    r"\s+(?:the\s+adoption\s+of\s+the\s+following|that\s+it\s+adopt\s+the\s+following)\s+draft\s+(?:resolution|decision)",
    re.I)
_NOT_A_RESOLUTION = re.compile(
    r"^(?:Note\s+by\s+the|Letter\s+dated|Report\s+of\s+the|Identical\s+letters|Programme\s+budget\s+implications)\b")
_SUBMITTED_BY = re.compile(r"^(?P<kind>(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision))\s+submitted\s+by\s+(?P<by>.+?)\s*$")
_ANNEX_HEADING = re.compile(r"^(?:Annex|ANNEX|Annexes)(?:\s+[IVX]+)?\s*$")
_PART_HEADING = re.compile(r"^(?P<part>[A-Z]|[IVX]{1,5})(?:\.\s+(?P<title>.+))?\s*$")

#: footnotes markers printed as bare digits after a word: "Crime1", "thereto,2", "20067"
_ABBREVIATIONS = ("Corr", "Rev", "Add", "No", "Nos", "vol", "vols", "para", "paras", "sect",
                  "chap", "art", "arts", "p", "pp", "Supp", "Suppl", "op", "cit")
_SPACED_BEFORE_STOP = re.compile(
    r"(?:paragraphs?|articles?|chapters?|No\.|Nos\.|vols?\.|sections?|rules?|annex(?:es)?|Goals?|"
    r"targets?|resolutions?|decisions?|and|or|of|to|the|session|Protocol|Add\.|Corr\.|Rev\.|para\.|"
    r"paras\.|sect\.|chap\.|art\.|pp?\.|page|footnotes?|items?|[Pp]rinciples?|[Pp]arts?|Title|level|"
    r"phase|Article|Rule|Section|Chapter|Principle|Guideline|guidelines?|Recommendation|"
    r"recommendations?|Agenda|agenda|[Cc]ommittee|Group|Appendix|appendix|[Ss]upplement|"
    r"[Vv]olume|Table|table|Figure|figure|about|over|under|nearly|some|than|least|most|all|"
    r"[Cc]onvention|[Bb]etween|from|by|with|in|on|at|for|per|[Cc]ategory|[Ll]ist|[Tt]ype|[Cc]lass|"
    r"[Ll]evel|[Pp]aragraph|COVID|\(\w)$"
)


@dataclass
class _Para:
    kind: str  # preambular | operative | annex | head
    text: str
    number: int | None = None
    verb: str | None = None
    part: str | None = None
    id: str = ""
    markers: list[tuple[int, int]] = field(default_factory=list)  # (number, offset in text)
    unnumbered: bool = False  # an operative paragraph printed without a number
    #: the part of a resolution adopted in parts (a part heading followed by its own enacting
    #: formula: "B / The General Assembly,"), as opposed to a section heading inside a part
    division: str | None = None


def build_record(laid: Laid, source) -> Record:
    """The record of a laid-out document. Raises :class:`InputError` for a text that is not a
    resolution (no enacting formula, no numbered paragraphs and no masthead of one)."""
    seen_formula = any(_is_formula(b) for b in laid.blocks)
    head_blocks: list[Block] = []
    body_blocks: list[Block] = []
    if seen_formula:
        in_head = True
        for b in laid.blocks:
            if in_head and _is_formula(b):
                in_head = False
                head_blocks.append(Block(b.text, role="formula"))
            elif in_head and b.role in ("head", "title", None):
                head_blocks.append(b)
            else:
                body_blocks.append(b)
    else:
        # a decision, a draft decision, an amendment -- or no resolution at all
        i = 0
        while i < len(laid.blocks) and laid.blocks[i].role in ("head", "title"):
            i += 1
        head_blocks, body_blocks = laid.blocks[:i], laid.blocks[i:]

    doc = Document()
    _parse_masthead(doc, head_blocks, [], laid.meta, body_blocks)
    what = next((b.text for b in head_blocks if _NOT_A_RESOLUTION.match(b.text)), None)
    printed_kind = any((_KIND_RE.match(b.text) and not b.text.startswith("[")) or _SUBMITTED_BY.match(b.text)
                       for b in head_blocks)
    if what and not seen_formula and not printed_kind:
        doc.kind = None  # a note or report under a draft's symbol: the symbol alone says nothing
    kind_known = doc.kind is not None
    if not seen_formula and not kind_known and not any(b.role in ("preamble", "operative") for b in laid.blocks):
        raise InputError(source.path, "does not look like a resolution, decision or draft: no enacting "
                         "formula (such as \"The General Assembly,\"), no \"draft resolution\" line"
                         + (f"; it reads \"{what[:60]}\"" if what else ""))
    unnumbered_are_operative = not seen_formula and doc.kind in ("decision", "draft decision", "amendment")
    initial_part = next((_PART_HEADING.match(b.text).group("part") for b in head_blocks[-3:]
                         if re.fullmatch(r"[A-Z]|[IVX]{1,5}", b.text.strip())), None)
    paras, heads_in_body, trailer = _classify_body(body_blocks, doc, unnumbered_are_operative, initial_part)
    _parse_masthead(doc, head_blocks, trailer, laid.meta, body_blocks)
    footnote_numbers = {n for n, _ in laid.footnotes}
    # formats that mark their footnote references (AKN notes, Word references, PDF superscripts)
    # need no guessing from bare digits -- unless none of their markers survived
    explicit = any(MARKER_RE.search(p.text) for p in paras)
    _lift_markers(paras, footnote_numbers,
                  bare_digits=laid.format in _PLAIN_TEXT or (bool(footnote_numbers) and not explicit))
    if not paras:
        raise InputError(source.path, "does not look like a resolution: no preambular or operative "
                         "paragraphs found")
    if doc.kind is None and seen_formula:
        doc.kind = "resolution" if doc.adopted or doc.plenary_meeting else None
    _assign_ids(paras)
    if doc.session is None:
        _infer_session(doc, paras, laid.footnotes)

    record = Record(source=source.name, sha256=source.sha256, format=laid.format, document=doc,
                    normalised="", warnings=list(laid.warnings))
    _lay_normalised(record, head_blocks, paras, heads_in_body, trailer, laid.footnotes)
    return record


def _is_formula(b: Block) -> bool:
    return b.role == "formula" or bool(FORMULA.match(b.text))


# -- body -------------------------------------------------------------------------------------


def _classify_body(blocks: list[Block], doc: Document, unnumbered_are_operative: bool = False,
                   initial_part: str | None = None,
                   ) -> tuple[list[_Para], list[tuple[int, str]], list[str]]:
    """Cut the body into paragraphs; also return head lines met inside the body (part headings,
    a second formula, a recommending clause: ``(index of next paragraph, text)``) and the
    trailer lines (plenary meeting, ODS lines, the cover repeated)."""
    paras: list[_Para] = []
    heads: list[tuple[int, str]] = []
    trailer: list[str] = []
    state = "decision" if unnumbered_are_operative else "preamble"
    part: str | None = initial_part
    annex_p = 0
    expect_title = False  # right after a part or annex heading: its title, if unpunctuated
    adopting_checked = False
    division_marks: list[tuple[int, str | None]] = [(0, initial_part)]
    for b in blocks:
        t = _unquote(b.text.strip())
        if not t:
            continue
        if b.role == "head":
            # a line the layout lifted out of a footnote block ("* On behalf of the States
            # ...", "* Reissued for technical reasons"): no paragraph of the text
            heads.append((len(paras), t))
            continue
        if not adopting_checked and paras and paras[-1].kind == "operative":
            adopting_checked = True
            if (sum(p.kind == "operative" for p in paras) == 1 and state != "annex"
                    and ADOPTS_FOLLOWING.match(MARKER_RE.sub("", paras[-1].text))):
                # "Adopts the following declaration:" -- the declaration printed after it is
                # not the resolution's own text: it is read as if it were annexed
                state = "annex"
                expect_title = True
        if expect_title:
            expect_title = False
            if not re.search(r"[,;:.]$", t) and not OP_NUMBER.match(t) and not FORMULA.match(t) and len(t) < 300:
                heads.append((len(paras), t))
                continue
        if state == "after" and b.role != "trailer" and (
                b.role in ("part", "formula") or re.fullmatch(r"[A-Z]|[IVX]{1,5}", t)):
            state = "preamble"  # the next part of a resolution adopted in parts ("B")
        if b.role == "trailer" or (state == "after" and not _ANNEX_HEADING.match(t) and b.role != "annex"):
            trailer.append(t)
            continue
        if _PLENARY_RE.match(t) and len(t) < 80:
            trailer.append(t)
            state = "after" if state != "annex" else state
            continue
        if is_furniture(t):
            continue
        if b.role == "heading":
            heads.append((len(paras), t))
            continue
        if b.role in ("annex-heading",) or _ANNEX_HEADING.match(t):
            state = "annex"
            heads.append((len(paras), t))
            expect_title = True
            continue
        if b.role == "recommendation" or _RECOMMENDS.match(t):
            m = _RECOMMENDS.match(t)
            doc.recommended_to = " ".join(m.group(1).split()) if m else doc.recommended_to or "General Assembly"
            heads.append((len(paras), t))
            state = "preamble"
            continue
        if state != "annex" and (b.role == "formula" or FORMULA.match(t)):
            heads.append((len(paras), t))
            division_marks.append((len(paras), part))
            state = "preamble"
            continue
        if b.role == "part" or (state != "annex" and b.role is None and _looks_like_part_heading(t)):
            m = _PART_HEADING.match(t)
            part = b.part or (m.group("part") if m else t)
            heads.append((len(paras), t))
            expect_title = not (m and m.group("title"))
            continue
        if state == "annex" or b.role == "annex":
            m = OP_NUMBER.match(t)
            annex_p += 1
            if m:
                text = t[m.end():]
                paras.append(_Para("annex", text, int(m.group(1)), b.verb or opening_phrase(text, True), "ANNEX"))
            elif b.role == "operative" and b.number and str(b.number).isdigit():
                # a numbered paragraph of a text the resolution adopts, its number given by markup
                paras.append(_Para("annex", t, int(b.number), b.verb or opening_phrase(t, True), "ANNEX"))
            else:
                paras.append(_Para("annex", t, None, b.verb, "ANNEX"))
            continue
        m = OP_NUMBER.match(t)
        if b.role == "operative" or m:
            number = int(b.number) if b.number and str(b.number).isdigit() else (int(m.group(1)) if m else None)
            unnumbered = number is None
            if number is None:  # printed without a number: the next one
                number = max((p.number or 0 for p in paras if p.kind == "operative"), default=0) + 1
            text = t[m.end():] if m else t
            state = "operative"
            paras.append(_Para("operative", text, number,
                               b.verb or opening_phrase(MARKER_RE.sub("", text), operative=True),
                               b.part or part, unnumbered=unnumbered))
            continue
        if b.role == "preamble":
            state = "preamble"
            paras.append(_Para("preambular", t, None, b.verb or opening_phrase(MARKER_RE.sub("", t)),
                               b.part or part))
            continue
        if state == "decision":
            # a decision or amendment: its unnumbered paragraphs are what is decided
            if t.startswith("(") and paras:
                paras[-1].text = paras[-1].text + " " + t
            else:
                n = sum(1 for p in paras if p.kind == "operative") + 1
                paras.append(_Para("operative", t, n, b.verb or opening_phrase(t, operative=True), part))
            continue
        if state == "operative" and heads and heads[-1][0] == len(paras) and b.role is None:
            # the first paragraph under a heading ("II / Activities of the Committee"): a new
            # preamble when it opens like one, an unnumbered operative paragraph when it opens
            # with a finite verb
            plain = MARKER_RE.sub("", t)
            if opens_operatively(plain):
                number = max((p.number or 0 for p in paras if p.kind == "operative"), default=0) + 1
                paras.append(_Para("operative", t, number, b.verb or opening_phrase(plain, operative=True),
                                   b.part or part, unnumbered=True))
                continue
            if known_opening(plain) is not None:
                state = "preamble"
                paras.append(_Para("preambular", t, None, b.verb or opening_phrase(plain), b.part or part))
                continue
        if state == "operative" and paras and paras[-1].kind == "operative":
            # a subparagraph "(a) ..." or a sentence the layout could not join: part of the OP
            paras[-1].text = paras[-1].text + " " + t
            continue
        if state == "preamble" and b.role is None and opens_operatively(MARKER_RE.sub("", t)):
            # an operative paragraph printed without a number ("Approves the report of the
            # Credentials Committee."): preambular paragraphs never open with a finite verb
            number = max((p.number or 0 for p in paras if p.kind == "operative"), default=0) + 1
            state = "operative"
            paras.append(_Para("operative", t, number,
                               b.verb or opening_phrase(MARKER_RE.sub("", t), operative=True), part,
                               unnumbered=True))
            continue
        if state == "preamble":
            verb = b.verb or opening_phrase(MARKER_RE.sub("", t))
            paras.append(_Para("preambular", t, None, verb, b.part or part))
            continue
    for i, p in enumerate(paras):
        p.division = next((label for at, label in reversed(division_marks) if at <= i), None)
    _chapeaux_to_head(paras, heads)
    return paras, heads, trailer


def _chapeaux_to_head(paras: list[_Para], heads: list[tuple[int, str]]) -> None:
    """An unnumbered clause that introduces numbered paragraphs ("Resolves that:" before
    "1. Appropriations totalling ...") is a head line, not an operative paragraph of its own:
    the paragraphs it introduces carry the numbers."""
    i = 0
    while i < len(paras):
        p = paras[i]
        nxt = next((q for q in paras[i + 1:] if q.kind == "operative"), None)
        if (p.kind == "operative" and p.unnumbered and p.text.rstrip().endswith(":")
                and nxt is not None and not nxt.unnumbered and nxt.number == 1 and p.number == 1):
            del paras[i]
            for k, (idx, text) in enumerate(heads):
                if idx > i:
                    heads[k] = (idx - 1, text)
            heads.append((i, p.text))
            heads.sort(key=lambda h: h[0])  # stable: earlier heads at the same place stay first
            continue
        i += 1


def _unquote(t: str) -> str:
    """Drop the quotation marks that open and close each paragraph of a draft one organ
    recommends to another ("Recalling ... / "1. Requests ...") when they are not balanced."""
    opening, closing = t.count("“"), t.count("”")
    straight = t.count('"')
    if t[:1] == "“" and opening > closing or t[:1] == '"' and straight % 2 == 1:
        t = t[1:].lstrip()
    if t.endswith("”") and t.count("”") > t.count("“") or t.endswith('"') and t.count('"') % 2 == 1:
        t = t[:-1].rstrip()
    return t


def _looks_like_part_heading(t: str) -> bool:
    m = _PART_HEADING.match(t)
    if not m:
        return False
    title = m.group("title")
    return title is None or (len(title) < 150 and not title.rstrip().endswith((",", ";")))


def _assign_ids(paras: list[_Para]) -> None:
    """PPn in document order; OPn as printed, prefixed with the part where numbering restarts
    (A.OP3; parts without a printed label are lettered A, B, ... in order); annex paragraphs
    ANNEX.OPn (numbered; ANNEX.B.OPn, ANNEX.C.OPn where the numbering restarts) or ANNEX.Pn
    (unnumbered, counted)."""
    numbers = [p.number for p in paras if p.kind == "operative"]
    restarts = len(numbers) != len(set(numbers))
    pp = annex_p = segment = annex_run = 0
    last_annex_number: int | None = None
    labels_used: set[str] = set()
    given_part: str | None = None
    previous: _Para | None = None
    used: set[str] = set()
    for p in paras:
        if p.kind == "preambular":
            pp += 1
            p.number = pp
            p.id = f"PP{pp}"
        elif p.kind == "operative":
            if restarts:
                # a new segment where numbering restarts, or (without parts adopted as such)
                # where a section heading changes
                restart = (previous is None or p.number == 1
                           or (previous.number is not None and p.number is not None
                               and p.number <= previous.number))
                if restart or (p.division is None and p.part != given_part):
                    segment += 1
                    given_part = p.part
                    label = p.division or p.part or chr(ord("A") + segment - 1)
                    if label in labels_used and p.number == 1:
                        # numbering restarts inside a part adopted as such (sections I, II of
                        # resolution C): C.I.OP1, C.II.OP1 -- or C.B.OP1 without a section label
                        sub = p.part if p.part and p.part not in label.split(".") else None
                        k = 1
                        while sub is None or f"{label}.{sub}" in labels_used:
                            k += 1
                            sub = chr(ord("A") + k - 1)
                        label = f"{label}.{sub}"
                    labels_used.add(label)
                p.part = label
                p.id = f"{label}.OP{p.number}"
            else:
                p.id = f"OP{p.number}"
            previous = p
        elif p.number is not None:
            # numbering that restarts inside the annexes (an appendix, a second annex) opens a
            # lettered run, as parts of the resolution do: ANNEX.OP4, then ANNEX.B.OP4
            if last_annex_number is not None and p.number <= last_annex_number:
                annex_run += 1
            last_annex_number = p.number
            run = "" if annex_run == 0 else chr(ord("A") + annex_run) + "."
            p.id = f"ANNEX.{run}OP{p.number}"
        else:
            annex_p += 1
            p.id = f"ANNEX.P{annex_p}"
        while p.id in used:  # two paragraphs printed with the same number: keep both
            p.id += "'"
        used.add(p.id)


# -- footnote markers -------------------------------------------------------------------------

_GLUED = re.compile(r"(?<=[a-z\)\]”’\"'.,;:])(\d{1,3})(?=[\s,;:.)”’\"\]]|$)")
_YEAR_GLUED = re.compile(r"\b((?:19|20)\d\d)(\d{1,2})(?=[\s,;:.)”’]|$)")
_SPACED = re.compile(r"(?<=[\w,;:.)”’\"]) (\d{1,3})(?=\s*$|[,;:.]|\s+(?:and|or|the|to|in|as|which|adopted|of|on|with|for|including|a|an|that|is|are|was|were|by|at|from|its|their|has|have|had|it|should|shall|will|would|may|might|can|could)\b)")


_PLAIN_TEXT = ("pdf-text", "word-text", "markdown", "text")


def _lift_markers(paras: list[_Para], footnote_numbers: set[int], *, bare_digits: bool = True) -> None:
    """Remove footnote markers from paragraph texts and keep them as (number, offset).

    Explicit markers (encoded by the layout) are taken as they are. Bare digits are taken as
    markers only when the numbering allows it: a first use must be the next footnote number
    after the highest seen so far; a later use of a footnote already referenced may be glued to
    a word ("Crime1"), never free-standing; a year followed by a marker ("20067") and a digit
    after a space ("reviews, 8") must be the next number. So numbers of the text ("paragraph 2",
    "resolution 66/181", "G20", "Corr.1") are not mistaken for markers."""
    highest = 0
    for p in paras:
        text = p.text
        found: list[tuple[int, int, int, int]] = []  # (start, end, number, cut_start)
        for m in MARKER_RE.finditer(text):
            found.append((m.start(), m.end(), int(m.group(1)), m.start()))
        candidates: list[tuple[int, int, int, int, str]] = []
        if not found and not bare_digits:
            continue
        for m in (_GLUED.finditer(text) if bare_digits else ()):
            if _inside(m.start(), found) or not _glued_ok(text, m.start()):
                continue
            candidates.append((m.start(), m.end(), int(m.group(1)), m.start(), "glued"))
        for m in (_YEAR_GLUED.finditer(text) if bare_digits else ()):
            if not _inside(m.start(2), found):
                candidates.append((m.start(2), m.end(2), int(m.group(2)), m.start(2), "year"))
        for m in (_SPACED.finditer(text) if bare_digits else ()):
            before = text[max(0, m.start() - 60): m.start()]
            # not after a stop word ("paragraph 2") nor inside an enumeration of small numbers
            # ("articles 5, 6"); after a year ("March 2014, 11") it may be a marker
            if _SPACED_BEFORE_STOP.search(before.rstrip(",;:")) or re.search(r"(?<!\d)\d{1,3}[.,;:]?$|[/.]\d+$", before):
                continue
            kind = "spaced-after-comma" if before.endswith(",") else "spaced"
            candidates.append((m.start(1), m.end(1), int(m.group(1)), m.start(), kind))
        events = sorted([(s, e, n, c, "explicit") for s, e, n, c in found] + candidates)
        accepted: list[tuple[int, int, int, int]] = []
        last_end = -1
        for s, e, n, cut, how in events:
            if s < last_end:
                continue
            if how != "explicit":
                if n not in footnote_numbers:
                    continue
                # a first use is the next number (a glued one may skip a marker the text lost)
                first_use = n == highest + 1 or (how == "glued" and n == highest + 2)
                # a later use of a note already referenced: glued to a word ("Crime1"), or
                # after a comma ("March 2014, 11")
                if not (first_use or (how in ("glued", "spaced-after-comma") and n <= highest)):
                    continue
            accepted.append((s, e, n, cut))
            highest = max(highest, n)
            last_end = e
        if not accepted:
            continue
        out = []
        pos = 0
        markers = []
        for _s, e, n, cut in accepted:
            out.append(text[pos:cut])
            pos = e
            markers.append((n, sum(len(x) for x in out)))
        out.append(text[pos:])
        p.text = re.sub(r"  +", " ", "".join(out)).strip()
        if p.text != "".join(out):
            # collapsing spaces moved offsets: recompute them by replaying on the cleaned text
            markers = _replay_offsets(text, accepted)
        # a marker after the paragraph's last word and a space ("Agenda 21, ⁶") sits at its end
        p.markers = [(n, min(off, len(p.text))) for n, off in markers]


def _replay_offsets(text: str, accepted: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    out = ""
    pos = 0
    markers = []
    for _s, e, n, cut in accepted:
        out += text[pos:cut]
        out = re.sub(r"  +", " ", out).lstrip()
        markers.append((n, len(out)))
        pos = e
    return markers


def _inside(pos: int, spans: list[tuple[int, int, int, int]]) -> bool:
    return any(s <= pos < e for s, e, _n, _c in spans)


def _glued_ok(text: str, start: int) -> bool:
    """A digit glued to what precedes it is a marker candidate unless it continues a symbol or
    an abbreviation ("E/CN.15", "A/C.3", "Corr.1", "No.5") or a decimal number ("1.5")."""
    token = re.search(r"(\S*)$", text[max(0, start - 80):start]).group(1)
    if token.endswith("."):
        last = re.split(r"[/(]", token[:-1])[-1]
        if last in _ABBREVIATIONS or last.isupper() or last.isdigit() or not last:
            return False
    word = token.rstrip(".,;:)”’\"']")
    # an acronym with a number is a name, not a marker: "G20", "CO2"
    return not (word and word.isupper() and "/" not in word and len(word) <= 6)


# -- masthead ---------------------------------------------------------------------------------


def _parse_masthead(doc: Document, head: list[Block], trailer: list[str], meta: dict,
                    body: list[Block]) -> None:
    head_lines = [b.text.strip() for b in head if b.text.strip()]
    text = "\n".join(head_lines + trailer)
    # symbol: stated by the format, the ODS trailer, the cover, or a running head
    symbol = meta.get("symbol")
    m = re.search(r"<<ODS DOC SYMBOL1>>\s*([^<]+?)\s*<<", text)
    if not symbol and m:
        symbol = m.group(1)
    if not symbol:
        m = re.search(r"United\s+Nations\s*(" + _SYMBOL.pattern + ")", text)
        symbol = m.group(1) if m else None
    if not symbol:
        for line in head_lines + trailer:
            if re.match(r"^\s*\[", line):
                continue
            m = _SYMBOL.match(line.strip()) or re.search(_SYMBOL.pattern + r"\s*$", line.strip())
            if m and ("/RES/" in m.group(0) or "/L." in m.group(0) or "/DEC/" in m.group(0)):
                symbol = m.group(0)
                break
    doc.symbol = _clean_symbol(symbol) if symbol else None

    # number and title: "68/193. Strengthening ..."
    title_index = None
    for i, line in enumerate(head_lines):
        m = _NUMBER_TITLE.match(line)
        if m and not _PLENARY_RE.search(line):
            doc.number = m.group("number").replace(" ", " ")
            doc.title = _clean_title(m.group("title"))
            title_index = i
            break
    if meta.get("number") and not doc.number:
        doc.number = str(meta["number"])
    if meta.get("title") and not doc.title:
        doc.title = str(meta["title"])

    # kind and sponsors: "Albania, ... and Viet Nam: draft resolution"
    kind_index = None
    for i, line in enumerate(head_lines):
        m = _KIND_RE.match(line)
        if m and not line.startswith("["):
            kind = " ".join(m.group("kind").lower().split())
            doc.kind = "amendment" if kind.startswith("amendment") else kind
            doc.sponsors = split_sponsors(m.group("sponsors"))
            kind_index = i
            break
    if doc.kind is None:
        for line in head_lines:
            m = _SUBMITTED_BY.match(line)
            if m:
                doc.kind = " ".join(m.group("kind").lower().split())
                doc.sponsors = [m.group("by")]
                break
    adopted = _ADOPTED_RE.search(text)
    if adopted:
        doc.kind = doc.kind or ("resolution" if adopted.group(1) == "Resolution" else "decision")
        doc.adopted = iso_date(adopted.group(3))
        doc.body = " ".join(adopted.group(2).split())
    if doc.kind is None and meta.get("kind"):
        doc.kind = str(meta["kind"])
    if doc.kind is None and doc.symbol:
        doc.kind = kind_from_symbol(doc.symbol)
    if doc.title is None and kind_index is not None:
        rest = [x for x in head_lines[kind_index + 1:] if not FORMULA.match(x) and not is_furniture(x)
                and not x.startswith(("*", "["))]
        if rest:
            doc.title = _clean_title(rest[0])
    if doc.title is None and title_index is None:
        # a masthead without a numbered title line: the line just before the formula
        cands = [x for x in head_lines if not FORMULA.match(x) and not is_furniture(x)
                 and not _is_masthead_line(x)]
        if cands:
            doc.title = _clean_title(cands[-1])

    # body: the formula, the adopting organ, the symbol
    formula = next((x for x in head_lines if FORMULA.match(x)), None)
    if formula:
        name = " ".join(FORMULA.match(formula).group(1).split())
        doc.body = _FORMULA_BODY.get(name.lower(), name)
    if doc.body is None and meta.get("body"):
        doc.body = str(meta["body"])
    if doc.body is None and doc.symbol:
        doc.body = _BODY_NAMES.get(doc.symbol[0])

    # session, dates, agenda, committee, meeting
    m = _SESSION_RE.search(text)
    if m and ordinal_value(m.group(1)):
        doc.session = ordinal_value(m.group(1))
    else:
        m = _YEAR_SESSION_RE.search(text)
        if m:
            doc.session = int(m.group(1) or m.group(2))
    if doc.session is None and meta.get("session"):
        doc.session = int(meta["session"])  # type: ignore[arg-type]
    if doc.session is None:
        doc.session = session_from_symbol(doc.number, doc.symbol)
    m = _DISTR_RE.search(text)
    if m:
        doc.distribution = m.group(1).capitalize()
        if m.group(2):
            doc.issued = iso_date(m.group(2))
        else:
            after = DATE_RE.search(text, m.end(), m.end() + 60)
            doc.issued = iso_date(after.group(0)) if after else None
    if doc.issued is None and meta.get("issued"):
        doc.issued = str(meta["issued"])
    m = _AGENDA_RE.search(text)
    if m:
        doc.agenda_item = int(m.group(1))
        doc.agenda_item_label = (m.group(1) + m.group(2)).strip() if m.group(2) else m.group(1)
    elif meta.get("agenda_item"):
        doc.agenda_item = int(meta["agenda_item"])  # type: ignore[arg-type]
    m = _REPORT_RE.search(text)
    if m:
        name = " ".join(m.group(1).split())
        # a Main Committee reports to the Assembly; a commission recommends to the Council
        # ("[on the recommendation of the Commission on Crime Prevention and Criminal Justice
        # (E/2023/30)]"), which is no committee
        if re.search(r"\bCommittee\b", name):
            doc.committee = name
        else:
            doc.recommended_by = name
        report = re.split(r"\s+and\s+(?:Corr|Add)\.|,", m.group(2))[0].strip()
        doc.committee_report = report
    elif not _NO_COMMITTEE_RE.search(text):
        for line in head_lines:
            if _COMMITTEE_LINE.match(line):
                doc.committee = line
                break
            cm = _COMMITTEE_AFTER_SESSION.search(line)
            if cm:
                doc.committee = cm.group(0)[len(cm.group("session")):]
                break
    if doc.committee is None and doc.recommended_by is None and meta.get("committee"):
        if re.search(r"\bCommittee\b", str(meta["committee"])):
            doc.committee = str(meta["committee"])
        else:
            doc.recommended_by = str(meta["committee"])
    if doc.committee is None and doc.symbol:
        # a draft submitted to a Main Committee carries its number in the symbol (A/C.3/80/L.18)
        cm = re.match(r"^A/C\.([1-6])/", doc.symbol)
        if cm:
            doc.committee = _UNITS[int(cm.group(1)) - 1].capitalize() + " Committee"
    if doc.committee_report is None and meta.get("committee_report"):
        doc.committee_report = str(meta["committee_report"])
    m = _PLENARY_RE.search("\n".join(trailer) or text)
    if m:
        doc.plenary_meeting = int(m.group(1))
        if doc.adopted is None and doc.kind in ("resolution", "decision"):
            d = DATE_RE.search("\n".join(trailer), 0)
            doc.adopted = iso_date(d.group(0)) if d else None
    elif meta.get("plenary_meeting"):
        doc.plenary_meeting = int(meta["plenary_meeting"])  # type: ignore[arg-type]
    if doc.adopted is None and meta.get("adopted"):
        doc.adopted = str(meta["adopted"])
    if not doc.sponsors and meta.get("sponsors"):
        doc.sponsors = list(meta["sponsors"])  # type: ignore[arg-type]
    if doc.number is None and doc.symbol and doc.kind in ("resolution", "decision"):
        m = re.match(r"^[AES]/(?:RES|DEC)/(.+)$", doc.symbol)
        doc.number = m.group(1) if m else None


def _is_masthead_line(line: str) -> bool:
    return bool(
        _DISTR_RE.search(line) or _SESSION_RE.search(line) or _AGENDA_RE.search(line)
        or _ADOPTED_RE.search(line) or _REPORT_RE.search(line) or _COMMITTEE_LINE.match(line)
        or line.startswith(("[", "United Nations", "Original:", "General Assembly", "Economic and Social Council",
                            "Security Council", "Distr"))
        or DATE_RE.fullmatch(line.strip()) or _SYMBOL.fullmatch(line.strip())
    )


def _clean_title(title: str) -> str:
    t = MARKER_RE.sub("", title)
    t = re.sub(r"\s*\*+\s*$", "", t)
    # an asterisk note's mark inside the title ("terrorist groups,* including"), never part of it
    t = re.sub(r"(?<=[\w,;:.)”’])\*+(?=\s)", "", t)
    return " ".join(t.split()).strip(" *")


def _clean_symbol(symbol: str) -> str:
    return re.sub(r"\s+", " ", symbol.strip()).rstrip(".")


def kind_from_symbol(symbol: str) -> str | None:
    """The kind of document a symbol stands for (A/RES/... -> resolution, .../L.5/Rev.1 ->
    revised draft resolution), or None."""
    if "/RES/" in symbol:
        return "resolution"
    if "/DEC/" in symbol:
        return "decision"
    if re.search(r"/L\.\d+/Rev\.\d", symbol):
        return "revised draft resolution"
    if re.search(r"/L\.\d+", symbol):
        return "draft resolution"
    return None


def session_from_symbol(number: str | None, symbol: str | None) -> int | None:
    """The session a resolution number or symbol states: 68/193 -> 68, A/C.3/72/L.10 -> 72,
    E/RES/2013/35 -> 2013 (ECOSOC sessions are years)."""
    for s in (number, symbol):
        if not s:
            continue
        m = re.search(r"(?:^|/)(\d{1,4})/(?:\d|L\.)", s) or re.match(r"^(\d{1,4})/", s)
        if m:
            return int(m.group(1))
    return None


def split_sponsors(text: str) -> list[str]:
    """Sponsor names as printed: "A, B (Federated States of), C and D" -> [A, B (...), C, D].
    A final "X and Y" is split unless "X and Y" is itself one State's name (Trinidad and Tobago)."""
    text = " ".join(text.replace("*", " ").split()).strip(" :")
    if not text or len(text) > 5000:
        return []
    parts = [p.strip() for p in re.split(r",\s*(?![^()]*\))", text) if p.strip()]
    if not parts:
        return []
    last = parts.pop()
    parts.extend(_split_final_and(last))
    return [re.sub(r"^and\s+", "", p) for p in parts]


def _split_final_and(last: str) -> list[str]:
    if " and " not in last:
        return [last]
    names = _state_names()
    if last.lower() in names:
        return [last]
    pieces = last.split(" and ")
    for i in range(len(pieces) - 1, 0, -1):
        left, right = " and ".join(pieces[:i]), " and ".join(pieces[i:])
        if (left.lower() in names or not names) and (right.lower() in names or not names):
            return [left, right]
    # no vocabulary says otherwise: the last " and " separates two names
    return [" and ".join(pieces[:-1]), pieces[-1]]


def _state_names() -> set[str]:
    try:
        from kg.vocab import state_labels
    except ImportError:
        return set()
    try:
        return state_labels()
    except Exception:  # noqa: BLE001 - a missing vocabulary must not stop structure
        return set()


def _session_of_date(iso: str) -> int:
    y, mth = int(iso[:4]), int(iso[5:7])
    return y - 1945 if mth >= 9 else y - 1946


def _infer_session(doc: Document, paras: list[_Para], footnotes: list[tuple[int, str]]) -> None:
    """Infer a GA session the text does not print: from the reports of the session it cites
    (A/67/156), the latest date it gives, or one after the latest GA resolution it cites."""
    if doc.body not in (None, "General Assembly"):
        return
    texts = [p.text for p in paras] + [t for _, t in footnotes]
    blob = "\n".join(texts)
    docs = [int(m.group(1)) for m in re.finditer(r"\bA/(\d{2})/\d{2,4}\b", blob)]
    dates = [_session_of_date(iso_date(m.group(0)) or "1900-01-01") for m in DATE_RE.finditer(blob)]
    resolutions = [int(m.group(1)) for m in re.finditer(r"\b(\d{2})/\d{1,3}\b", blob)
                   if 1 <= int(m.group(1)) <= 99]
    candidates = [s for s in docs + dates if 1 <= s <= 120]
    if candidates:
        doc.session = max(candidates)
    elif resolutions:
        doc.session = max(resolutions) + 1
    else:
        return
    doc.session_inferred = True


# -- the normalised text ----------------------------------------------------------------------


def _lay_normalised(record: Record, head: list[Block], paras: list[_Para],
                    heads_in_body: list[tuple[int, str]], trailer: list[str],
                    footnotes: list[tuple[int, str]]) -> None:
    """Write the one normalised text: head lines, paragraphs ("12. " before an operative
    paragraph's text, outside its span), trailer, then footnotes ("1 " before each text)."""
    parts: list[str] = []
    pos = 0

    def put(text: str, sep: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append(sep)
            pos += len(sep)
        start = pos
        parts.append(text)
        pos += len(text)
        return start, pos

    for b in head:
        t = " ".join(MARKER_RE.sub("", b.text).split())
        if t:
            record.head.append(HeadLine(t, put(t, "\n")))
    body_heads = {}
    for idx, t in heads_in_body:
        body_heads.setdefault(idx, []).append(t)
    cited: dict[int, list[str]] = {}
    for i, p in enumerate(paras):
        for t in body_heads.get(i, []):
            t = " ".join(MARKER_RE.sub("", t).split())
            record.head.append(HeadLine(t, put(t, "\n\n")))
        prefix = f"{p.number}. " if p.kind in ("operative", "annex") and p.number is not None else ""
        if prefix:
            put(prefix, "\n\n")
            start, end = put(p.text, "")
        else:
            start, end = put(p.text, "\n\n")
        para = Paragraph(id=p.id, kind=p.kind, number=p.number, verb=_clean_verb(p.verb),
                         text=p.text, span=(start, end), part=p.part,
                         markers=[Marker(n, start + off) for n, off in p.markers])
        record.paragraphs.append(para)
        for n, _off in p.markers:
            if p.id not in cited.setdefault(n, []):
                cited[n].append(p.id)
    for t in body_heads.get(len(paras), []):
        t = " ".join(t.split())
        record.head.append(HeadLine(t, put(t, "\n\n")))
    first = True
    for t in trailer:
        t = " ".join(t.split())
        if t:
            record.head.append(HeadLine(t, put(t, "\n\n" if first else "\n")))
            first = False
    first = True
    for n, t in footnotes:
        t = " ".join(MARKER_RE.sub("", t).split())
        label = f"{n} "
        put(label, "\n\n" if first else "\n")
        first = False
        span = put(t, "")
        record.footnotes.append(Footnote(f"FN{n}", n, t, span, cited.get(n, [])))
    record.normalised = "".join(parts)


def _clean_verb(verb: str | None) -> str | None:
    if not verb:
        return None
    v = MARKER_RE.sub("", verb).strip(" *_")
    return v or None
