"""Plain-text renditions -> logical lines and footnotes (:class:`kg.laid.Laid`).

Three renditions of the same kind of document arrive as text:

* text extracted from PDF (``pdf-text``, and the PDF reader's output): hard-wrapped lines,
  words hyphenated across lines, running heads and feet, ``__________________`` rules opening
  footnote blocks in the middle of the body, paragraphs that continue after such a block;
* text exported from Word (``word-text``): one paragraph a line, tab-indented, all footnotes
  gathered after the plenary-meeting line, ODS trailer and cover lines at the end;
* Markdown: ``*Reaffirming*`` emphasis, ``<sup>n</sup>`` and Unicode superscript markers,
  ``- 11.`` list items, ``---`` page rules, headings for the masthead.

Each is cut into the same shape: head lines (up to and including the enacting formula "The
General Assembly,"), body paragraphs with their wrapped lines joined, trailer lines, and the
footnotes lifted out of the body. Deciding where a paragraph starts uses evidence in order of
strength: the next operative number, a known opening phrase of a clause
(``ontology/vocab/clauses.ttl``), emphasis or indentation, blank lines; a line that continues
an unfinished sentence is never a new paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.clauses import opening_phrase
from kg.dates import MONTH
from kg.laid import MARK_CLOSE, MARK_OPEN, MARKER_RE, Block, Laid, marker

# -- shared patterns -------------------------------------------------------------------------

#: whole lines that are page furniture (running feet, counters, job numbers, barcodes)
_FURNITURE = re.compile(
    r"""^(?:
        \d{1,3}\s*/\s*\d{1,3}                                  # page counter 2/12
      | \d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d{6}){0,2}(?:\s*\*\d{7,8}\*)?   # job number 13-45103 (E) 201025
      | \*\d{7,8}\*                                            # barcode *1345103*
      | (?:\d{1,3}/\d{1,3}\s+)?\d{2}-\d{5}(?:\s+\d{1,3}/\d{1,3})?   # 2/8 25-16620 | 25-16620 3/8
      | Please\s+recycle.*
      | [♲\u267b]\s*
    )$""",
    re.X,
)
_PAGE_COUNTER_LINE = re.compile(r"(?:^|\s)\d{1,3}/\d{1,3}(?:\s|$)")
_JOB_NUMBER = re.compile(r"\b\d{2}-\d{5}\b")
_RULE = re.compile(r"^\s*_{5,}\s*$")
_SYMBOL_ONLY = re.compile(r"^(?:[AES]|CTOC|CAC|UNODC)/[A-Z0-9./()-]+(?:/[A-Za-z0-9.()-]+)*$")

#: "The General Assembly," -- the enacting formula that ends the masthead
FORMULA = re.compile(
    r"^\s*[\"“]?(?:[*_]+\s*)?The\s+(General\s+Assembly|Economic\s+and\s+Social\s+Council|Security\s+Council"
    r"|Human\s+Rights\s+Council|Commission\s+on\s+[A-Z][\w ,]+?|Conference\s+of\s+the\s+(?:States\s+)?Parties[\w ,]*?)"
    r"\s*(?:[*_]+\s*)?,?\s*(?:[*_]+)?\s*$"
)

#: an operative paragraph number at the start of a line: "12.", "- 12.", "12.\t"
OP_NUMBER = re.compile(r"^(?:[-*]\s+)?[\"“]?(\d{1,3})\.(?:\s+|\t)(?=\S)")
_TRAILING_DIGITS = re.compile(r"[\s\d]+$")
_BARE_MARKER_END = re.compile(r"[,;:.”’\")]\s*\d{1,3}$")
_HYPHEN_END = re.compile(r"[A-Za-z]-$")
_DASH_END = re.compile(r"\w[–—]$")
#: a symbol broken after the hyphen of a joint symbol ("A/73/97-" + "E/2018/69")
_SYMBOL_HYPHEN_END = re.compile(r"/[\w.()]*[\d)]-$")
_SYMBOL_START = re.compile(r"[A-Z][A-Z.\d]{0,8}/")
_BLANKS = re.compile(r"[ \t]+")
_WORD_HYPHEN = re.compile(r"(\w+-)$")
_NOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_MARKED_NOTE_START = re.compile("^" + MARK_OPEN + r"(\d{1,3})" + MARK_CLOSE + r"\s*(\S.*)$")
_UNSTOPPED_NUMBER = re.compile(r"^(\d{1,3})\s+(?=[A-Z])")
#: lines that always start a block of their own
_STRUCTURAL = re.compile(
    r"""^(?:
        \d{1,3}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting.*   # 70th plenary meeting
      | (?:Annex|ANNEX|Annexes)(?:\s+[IVX]+)?\s*$             # Annex heading
      | [A-Z]\s*$ | [IVX]{1,5}\s*$                            # part headings "A", "II"
      | [A-Z]\.\s+[A-Z].{0,150}$ | [IVX]{1,5}\.\s+[A-Z].{0,150}$   # "B. Title", "II. Title"
      | \*\s*\*\s*\*\s*$                                      # * * *
      | Recommends\s+to\s+the\s+General\s+Assembly\b.*       # ECOSOC recommending a draft
    )""",
    re.X,
)
_PLENARY = re.compile(r"^\d{1,3}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting", re.I)
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile(r"\s?([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUP_TAG = re.compile(r"\s?<sup>\s*(\d{1,3})\s*</sup>", re.I)


def lay_out(source) -> Laid:
    """The laid-out text of a :class:`kg.read.Source` (structured formats come laid out)."""
    if source.laid is not None:
        return source.laid
    text = normalise_characters(source.text or "")
    if source.format == "markdown":
        laid = lay_out_markdown(text)
    elif source.format == "word-text":
        laid = lay_out_word_text(text)
    else:
        # text the PDF reader rebuilt keeps its page breaks, and its line-final hyphens are
        # printed hyphens (UN documents are not hyphenated automatically)
        laid = lay_out_pdf_text(text, paged=source.format == "pdf")
    laid.format = source.format
    return laid


# -- helpers ----------------------------------------------------------------------------------

_CHARACTERS = str.maketrans({"\u00ad": None, "\ufffe": "-", "\u2010": "-", "\u2011": "-",
                             "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": None,
                             "\ufeff": None, "\u200e": None, "\u200f": None, "\u2060": None})


_SPECIAL = re.compile("[" + "".join(chr(c) for c in _CHARACTERS) + "\r]")


def normalise_characters(text: str) -> str:
    """Hyphen and space variants to their plain forms (soft hyphens and zero-width spaces
    dropped), newlines to ``\\n``; everything else is kept as printed."""
    if not _SPECIAL.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, plain in _CHARACTERS.items():  # str.replace per character beats str.translate
        if chr(char) in text:
            text = text.replace(chr(char), plain or "")
    return text



def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture (page counter, job number, barcode, ...)."""
    s = line.strip()
    return bool(s) and bool(_FURNITURE.match(s))


def _ends_sentence(text: str) -> bool:
    """Whether a paragraph fragment ends where a clause may end (',', ';', ':', '.')."""
    t = MARKER_RE.sub("", text[-60:]).rstrip()
    t = _TRAILING_DIGITS.sub("", t) if _BARE_MARKER_END.search(t) else t  # bare marker
    if t.endswith(("”", "’", '"')):
        # a closing quotation mark ends a clause only after punctuation (“…”, is written
        # with the comma outside; "Leaders’" is an apostrophe)
        t = t[:-1].rstrip()
        return t.endswith((",", ";", ":", ".", "?", "!", "”", "’", '"'))
    return t.endswith((",", ";", ":", ".", "?", "!")) and not t.endswith((" No.", " vol.", " para."))


def _is_structural(text: str) -> bool:
    return bool(_STRUCTURAL.match(text) or FORMULA.match(text))


def _opens_clause(text: str) -> bool:
    t = MARKER_RE.sub("", text[:200]).lstrip("*_ \"“")
    if not t or not t[0].isupper():
        return False
    return _opens_clause_prefix(t[:120])


@lru_cache(maxsize=8192)
def _opens_clause_prefix(t: str) -> bool:
    # a line is asked about several times (as itself, as the next line, as a heading)
    return opening_phrase(t) is not None


@dataclass
class _Line:
    text: str
    indent: int = 0
    boundary: str = "wrap"  # wrap | blank | page  (what separates it from the line before)
    italic_start: bool = False
    verb: str | None = None  # opening phrase marked up as such (Markdown emphasis)


def _is_heading(line: _Line, prev: str | None, nxt: _Line | None) -> bool:
    """A section heading inside the body ("Peacebuilding financing" before "13. Calls ..."):
    a short line without closing punctuation, after a finished paragraph, before an operative
    number or an opening phrase, or standing alone between two gaps."""
    t = line.text
    if prev is None or nxt is None or len(t) > 100 or not t[:1].isupper():
        return False
    if (_ends_sentence(t) or not (_ends_sentence(prev) or _is_structural(prev)) or OP_NUMBER.match(t)
            or _is_structural(t)):
        return False  # a part label ("I", "B. Title") is not a section heading
    if OP_NUMBER.match(nxt.text):
        return True
    if line.boundary == "blank" and nxt.boundary == "blank" and not _opens_clause(t):
        return True  # a line standing alone between gaps: a title ("Declaration on the matter")
    return not _opens_clause(t) and (_opens_clause(nxt.text) or nxt.italic_start)


class _Joiner:
    """Joins the body's lines into paragraphs (and section headings into blocks of their own)."""

    def __init__(self, *, blank_means_paragraph: bool, use_indent: bool, keep_hyphens: bool = False):
        self.blank_means_paragraph = blank_means_paragraph
        self.use_indent = use_indent
        self.keep_hyphens = keep_hyphens
        #: text the PDF reader laid out: a paragraph's first line is always indented
        self.trust_indent = keep_hyphens
        self.paragraphs: list[list[_Line]] = []
        self.headings: set[int] = set()
        self.last_op = 0

    def _starts_new(self, line: _Line) -> bool:
        if not self.paragraphs:
            return True
        t = line.text
        prev_lines = self.paragraphs[-1]
        prev = prev_lines[-1].text  # how the paragraph so far ends is what matters
        if len(self.paragraphs) - 1 in self.headings:
            return True
        if _is_structural(t) or (_is_structural(prev_lines[0].text) and len(prev_lines) == 1
                                 and not _PLENARY.match(prev)):
            return True
        m = OP_NUMBER.match(t)
        complete = _ends_sentence(prev)
        if m:
            n = int(m.group(1))
            if (n == self.last_op + 1 or n == 1) and (complete or line.boundary != "wrap"):
                return True
        if self.trust_indent and line.boundary == "blank":
            if _opens_clause(t):
                return True  # a gap, then an opening phrase: even after an unpunctuated heading
            flush = {x.indent for x in prev_lines}
            if (len(prev_lines) > 1 and len(flush) == 1 and line.indent > min(flush) + 1
                    and not t[:1].islower() and t[:1] not in "(,;"):
                # a gap after a block set flush (a title over several lines), then an indented
                # first line ("We, Heads of State and Government, ...")
                return True
        if not complete:
            return False
        if (self.trust_indent and line.boundary == "wrap" and len(prev_lines) > 1
                and line.indent <= min(x.indent for x in prev_lines[1:]) + 1):
            return False  # at the indent of a continuation line, not of a first line
        if line.italic_start or _opens_clause(t):
            return True
        if t[:1].islower() or t[:1] in "(,;":
            return False
        if line.boundary == "blank" and self.blank_means_paragraph:
            return True
        if self.use_indent and line.boundary != "page":
            base = min((x.indent for x in prev_lines[1:]), default=None)
            if base is not None and line.indent > base + 1:
                return True
        return False

    def join(self, lines: list[_Line]) -> list[Block]:
        skip = 0
        for i, line in enumerate(lines):
            if skip:
                skip -= 1
                continue
            prev = self.paragraphs[-1][-1].text if self.paragraphs else None
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if _is_heading(line, prev, nxt):
                self.paragraphs.append([line])
                self.headings.add(len(self.paragraphs) - 1)
                continue
            # a heading wrapped over two lines
            after = lines[i + 2] if i + 2 < len(lines) else None
            if (nxt is not None and after is not None and len(line.text) < 100
                    and OP_NUMBER.match(after.text) and line.text[:1].isupper()
                    and not _is_structural(line.text) and not _is_structural(nxt.text)
                    and not _ends_sentence(line.text) and not nxt.text[:1].isdigit()
                    and _is_heading(_Line(line.text + " " + nxt.text), prev, after)
                    and OP_NUMBER.match(after.text)):
                self.paragraphs.append([line, nxt])
                self.headings.add(len(self.paragraphs) - 1)
                skip = 1
                continue
            unstopped = _UNSTOPPED_NUMBER.match(line.text)
            if (unstopped and int(unstopped.group(1)) == self.last_op + 1 and self.paragraphs
                    and line.boundary != "wrap" and _ends_sentence(self.paragraphs[-1][-1].text)
                    and _opens_clause(line.text[unstopped.end():])):
                # "6 Also reaffirms": an operative number printed without its full stop
                line = _Line(f"{unstopped.group(1)}. {line.text[unstopped.end():]}", line.indent,
                             line.boundary, line.italic_start, line.verb)
            if self._starts_new(line):
                self.paragraphs.append([line])
                m = OP_NUMBER.match(line.text)
                # a number may skip one the layout missed; it never runs far ahead
                if m and (int(m.group(1)) == 1 or self.last_op < int(m.group(1)) <= self.last_op + 3):
                    self.last_op = int(m.group(1))
            else:
                self.paragraphs[-1].append(line)
        out = []
        for i, group in enumerate(self.paragraphs):
            role = "heading" if i in self.headings else None
            out.append(Block(join_wrapped([x.text for x in group], keep_hyphens=self.keep_hyphens),
                             role=role, verb=group[0].verb))
        return out





def join_wrapped(lines: list[str], *, keep_hyphens: bool = False) -> str:
    """Join hard-wrapped lines into one: a line-final hyphen inside a word is dropped when the
    next line goes on in lower case ("counter-" + "terrorism" keeps it: both halves are words
    that UN texts hyphenate, so only a soft break before a lower-case syllable is undone).
    With ``keep_hyphens`` every line-final hyphen is printed text and is kept. A dash closing
    up to a word ("2014–" + "2024") joins without a space."""
    pieces: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if pieces and _HYPHEN_END.search(pieces[-1][-3:]):
            # a word broken at a hyphen: a soft break before a lower-case syllable is undone,
            # a hyphen that belongs to the word is kept; no space either way
            last = pieces[-1]
            soft = not keep_hyphens and line[:1].islower() and _soft_hyphen(last[-40:], line)
            pieces[-1] = (last[:-1] if soft else last) + line
        elif pieces and (_DASH_END.search(pieces[-1][-2:])
                         or (_SYMBOL_HYPHEN_END.search(pieces[-1][-20:]) and _SYMBOL_START.match(line))):
            pieces[-1] += line
        else:
            pieces.append(line)
    return _BLANKS.sub(" ", " ".join(pieces))


# Prefixes after which UN style keeps the hyphen at a line end (counter-terrorism, non-State,
# anti-corruption, cross-border, ...): the hyphen is part of the word, not a line break.
_KEEP_HYPHEN = re.compile(
    r"(?:counter|non|anti|cross|self|multi|inter|co|pre|post|re|well|long|short|high|low|"
    r"follow|gender|child|women|drug|money|identity|cyber|up|on|off|decision|policy|law|"
    r"state|region|sub|semi|socio|ex|mid|all|small|large|open|fact|best|two|three|four|"
    r"five|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|first|second|third|"
    r"rule|side|peace|fire|terror|treaty|country|capacity|victim|rights|age|time|year|"
    r"people|human|member|evidence|crime|cost|result|science|risk|community|school)-$",
    re.I,
)


def _soft_hyphen(before: str, after: str) -> bool:
    word = _WORD_HYPHEN.search(before)
    return not (word and _KEEP_HYPHEN.fullmatch(word.group(1)))


def _head_blocks(lines: list[str]) -> list[Block]:
    """Masthead lines: grouped by blank lines where the text has them, else joined where a
    line plainly continues the one before (lower-case start, trailing comma, parenthesis)."""
    groups: list[list[str]] = [[]]
    has_blanks = sum(1 for x in lines if not x.strip()) >= 2
    for raw in lines:
        line = raw.strip()
        if not line:
            if groups[-1]:
                groups.append([])
            continue
        if has_blanks or not groups[-1]:
            groups[-1].append(line)
            continue
        prev = groups[-1][-1]
        if line[:1].islower() or line.startswith("(") or prev.endswith((",", "(", " of", " and", " the")):
            groups[-1].append(line)
        else:
            groups.append([line])
    blocks = []
    for g in groups:
        if g:
            blocks.append(Block(join_wrapped(g), role="head"))
    return blocks


_KIND_LINE = re.compile(
    r":\s*(?:revised\s+)?draft\s+(?:resolution|decision)\s*$|:\s*amendments?\b"
    r"|^(?:Revised\s+)?[Dd]raft\s+(?:resolution|decision)\s+submitted\s+by\b"
    r"|^Note\s+by\s+the\b|^(?:Resolution|Decision)\s+adopted\s+by\b", re.I)
_NUMBERED_TITLE = re.compile(r"^(?:\d{1,4}|S-\d{1,2}|ES-\d{1,2})/\d{1,3}(?:\s?[A-Z])?\.\s+\S")
_BODY_OPENING = re.compile(r"^(?:At\s+its\b|The\s+(?:General\s+Assembly|Economic\s+and\s+Social\s+Council)\b"
                           r"|After\s+|Before\s+|Delete\s+|Replace\s+|Insert\s+|In\s+(?:the\s+)?(?:operative|preambular)\b)")


def _masthead_end(lines: list[str]) -> int | None:
    """Where the body starts in a text without an enacting formula (a decision, a draft
    decision, an amendment): after the kind line or numbered title and the title under it."""
    cleaned = [_strip_md(x) for x in lines[:80]]
    for i, line in enumerate(cleaned):
        if not (_KIND_LINE.search(line) or _NUMBERED_TITLE.match(line)):
            continue
        if _KIND_LINE.search(line) and re.match(r"^(?:Resolution|Decision)\s+adopted", line, re.I):
            continue  # the numbered title comes next
        end = i + 1
        taken = 0
        while end < len(cleaned) and taken < 4:
            t = cleaned[end].strip()
            if not t:
                end += 1
                continue
            if (OP_NUMBER.match(t) or _BODY_OPENING.match(t) or t.endswith((".", ":", ";"))
                    or len(t) > 120 or (taken and cleaned[end - 1].rstrip().endswith((".", ":")))):
                break
            end += 1
            taken += 1
        return end
    return None


def _split_head(lines: list[str], laid: Laid, keep) -> int:
    """Put the masthead's lines (those ``keep`` accepts) into ``laid`` as head blocks, with the
    enacting formula; return the index of the first body line."""
    formula = _find_formula(lines)
    if formula is not None:
        laid.blocks.extend(_head_blocks([_strip_md(x) for x in lines[:formula] if keep(x)]))
        laid.blocks.append(Block(_strip_md(lines[formula]), role="formula"))
        return formula + 1
    laid.warnings.append("no enacting formula (\"The General Assembly,\") found")
    end = _masthead_end(lines)
    if end is None:
        return 0
    laid.blocks.extend(_head_blocks([_strip_md(x) for x in lines[:end] if keep(x)]))
    return end


def _find_formula(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if FORMULA.match(_strip_md(line)):
            return i
    return None


def _strip_md(line: str) -> str:
    s = re.sub(r"^#+\s*", "", line.strip())
    s = s.replace("**", "")
    s = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", s)
    return s.strip()


# -- text extracted from PDF ------------------------------------------------------------------


def lay_out_pdf_text(text: str, *, paged: bool = False) -> Laid:
    """Lay out text extracted from PDF (hard-wrapped, with footnote blocks and furniture).

    ``paged`` says the text keeps its page breaks (form feeds) as the PDF reader writes it:
    a footnote block then runs to the end of its page, so every line in it that does not
    open the next note continues the one before, and line-final hyphens are kept."""
    pages = text.split("\f")
    raw: list[tuple[str, bool]] = []  # (line, starts_page)
    for i, page in enumerate(pages):
        plines = page.split("\n")
        if i > 0:
            plines = _drop_running_head(plines)
        for j, line in enumerate(plines):
            raw.append((line.rstrip(), j == 0 and i > 0))
    all_lines = [x for x, _ in raw]
    laid = Laid(blocks=[], format="pdf-text")
    head_end = _split_head(all_lines, laid, lambda x: not is_furniture(x))
    repeated = _repeated_lines(all_lines[head_end:])
    body: list[_Line] = []
    footnotes: list[list[str | int]] = []  # [number, text]
    in_notes = False
    star_note: Block | None = None  # an asterisk note of the footnote block being read
    boundary = "wrap"
    expected_fn = 1
    for line, new_page in raw[head_end:]:
        s = line.strip()
        if new_page:
            in_notes = False
            boundary = "page"
        if not s:
            if not in_notes and boundary == "wrap":
                boundary = "blank"
            continue
        if is_furniture(s) or s in repeated:
            continue
        if _RULE.match(s):
            in_notes = True
            star_note = None
            boundary = "page"
            continue
        m = _footnote_start(s)
        if in_notes and s.isdigit() and len(s) <= 3 and int(s) == expected_fn:
            footnotes.append([expected_fn, ""])  # the number alone, its text on the next line
            expected_fn += 1
            continue
        if in_notes:
            if m and int(m[0]) == expected_fn and not (
                    footnotes and not _note_complete(str(footnotes[-1][1])) and _DATE_AT_START.match(s)):
                # (a date wrapped to the start of a line, "17 March 2022, ...", continues the
                # unfinished note before it even when its day is the next note's number)
                footnotes.append([expected_fn, m[1]])
                expected_fn += 1
                star_note = None
                continue
            if star_note is not None and not m:
                # the asterisk note ("* On behalf of the States ...") wraps onto this line
                star_note.text = join_wrapped([star_note.text, s], keep_hyphens=paged)
                continue
            if footnotes and (paged or not _note_complete(str(footnotes[-1][1]))):
                footnotes[-1][1] = join_wrapped([str(footnotes[-1][1]), s], keep_hyphens=paged)
                continue
            if m and footnotes and int(m[0]) < expected_fn:
                continue  # a repeated note (reissue): ignore
            if s.startswith("*") and not s.startswith("**"):
                star_note = Block(s, role="head")
                laid.blocks.append(star_note)
                continue
            in_notes = False  # the body resumes after the block
        indent = len(line) - len(line.lstrip(" "))
        body.append(_Line(s, indent, boundary))
        boundary = "wrap"
    laid.blocks.extend(_Joiner(blank_means_paragraph=True, use_indent=True, keep_hyphens=paged).join(body))
    laid.footnotes = [(int(n), str(t)) for n, t in footnotes]
    return laid


_DATE_AT_START = re.compile(rf"\d{{1,2}}\s+(?:{MONTH})\s+\d{{4}}\b")


def _footnote_start(s: str) -> tuple[str, str] | None:
    if not (s[:1].isdigit() or s[:1] == MARK_OPEN):
        return None
    m = _NOTE_START.match(s) or _MARKED_NOTE_START.match(s)
    return (m.group(1), m.group(2)) if m else None


def _note_complete(text: str) -> bool:
    t = text.rstrip()
    return bool(t) and t.endswith((".", ".”", ".)", ")", "]"))


def _drop_running_head(lines: list[str]) -> list[str]:
    """Drop a page's running head: the lines up to its page counter ("2/12 13-45103")."""
    seen = 0
    for idx, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        seen += 1
        if seen > 5:
            break
        if _PAGE_COUNTER_LINE.search(s) and (_JOB_NUMBER.search(s) or re.fullmatch(r"\d{1,3}/\d{1,3}", s)):
            return lines[idx + 1:]
    return lines


def _repeated_lines(lines: list[str]) -> set[str]:
    """Running heads repeated on many pages (a symbol, or a short title beside a symbol)."""
    counts: dict[str, int] = {}
    for line in lines:
        s = line.strip()
        if 4 <= len(s) <= 120:
            counts[s] = counts.get(s, 0) + 1
    out = set()
    for s, n in counts.items():
        if n >= 3 and (_SYMBOL_ONLY.match(s) or re.search(r"\b[AES]/(?:RES|C\.\d|\d)", s)):
            out.add(s)
    return out


# -- text exported from Word -----------------------------------------------------------------

_ODS = re.compile(r"<<ODS|\[DU\d+\]|^-{5,}$|^_{5,}$")


def lay_out_word_text(text: str) -> Laid:
    """Lay out Word-exported text: one paragraph a line; footnotes after the plenary line."""
    lines = [x.rstrip() for x in text.split("\n")]
    laid = Laid(blocks=[], format="word-text")
    start = _split_head(lines, laid, lambda x: x.strip() and not _ODS.search(x.strip()))
    body = [x.strip() for x in lines[start:]]
    # footnotes: the first run "1 text", "2 text", ... after the operative part
    notes_at = _footnote_run(body)
    end_body = notes_at if notes_at is not None else len(body)
    seen_plenary = False
    for s in body[:end_body]:
        if not s:
            continue
        s = re.sub(r"^(\d{1,3})\.\t+", r"\1. ", s).replace("\t", " ")
        if _PLENARY.match(s):
            seen_plenary = True
        if _ODS.search(s) or is_furniture(s):
            laid.blocks.append(Block(s, role="trailer"))
            continue
        laid.blocks.append(Block(s, role="trailer" if seen_plenary and not _is_structural(s) else None))
    if notes_at is not None:
        expected = 1
        for k, s in enumerate(body[notes_at:]):
            m = re.match(r"^(\d{1,3})\s+(\S.*)$", s)
            if m and int(m.group(1)) == expected:
                laid.footnotes.append((expected, m.group(2).strip()))
                expected += 1
                continue
            if s and not _ODS.search(s) and laid.footnotes and not _note_complete(laid.footnotes[-1][1]):
                n, t = laid.footnotes[-1]
                laid.footnotes[-1] = (n, join_wrapped([t, s]))
                continue
            # the trailer: ODS metadata, the cover repeated, running heads
            for rest in body[notes_at + k:]:
                if rest:
                    laid.blocks.append(Block(rest, role="trailer"))
            break
    return laid


def _footnote_run(body: list[str]) -> int | None:
    """Index of the line "1 text" that opens the footnotes, followed by "2 text"."""
    seen_op = False
    for i, s in enumerate(body):
        if OP_NUMBER.match(s.replace("\t", " ")):
            seen_op = True
        if re.match(r"^1\s+\S", s) and not re.match(r"^1\.\s", s):
            nxt = next((x for x in body[i + 1:] if x), "")
            if re.match(r"^2\s+\S", nxt) or (seen_op and not OP_NUMBER.match(nxt)):
                return i
    return None


# -- Markdown ---------------------------------------------------------------------------------


def lay_out_markdown(text: str) -> Laid:
    """Lay out a Markdown rendition (headings, emphasis, <sup> or superscript markers)."""
    text = _SUP_TAG.sub(lambda m: marker(m.group(1)), text)
    text = _SUPERSCRIPT_RUN.sub(lambda m: marker(m.group(1).translate(_SUPERSCRIPT)), text)
    lines = [x.rstrip() for x in text.split("\n")]
    laid = Laid(blocks=[], format="markdown")
    start = _split_head([x if x.strip() not in ("---", "***", "___") else "" for x in lines], laid,
                        lambda x: True)
    body: list[_Line] = []
    boundary = "wrap"
    for raw in lines[start:]:
        s = raw.strip()
        if not s:
            if boundary == "wrap":
                boundary = "blank"
            continue
        if re.fullmatch(r"(?:-{3,}|\*{3,}|_{3,})", s):
            boundary = "page"
            continue
        if s.startswith(MARK_OPEN):  # a footnote line: "<sup>1</sup> United Nations, ..."
            m = _footnote_start(s)
            if m:
                laid.footnotes.append((int(m[0]), _strip_md(m[1])))
                boundary = "page"
                continue
        s = re.sub(r"^[-*+]\s+(?=\d{1,3}\.\s|\S)", "", s) if re.match(r"^[-*+]\s+", s) else s
        italic = re.match(r"^(?:\d{1,3}\.\s+)?\*([^*]+)\*", s)
        clean = _strip_md(re.sub(r"^#+\s*", "", s))
        body.append(_Line(clean, 0, boundary, italic_start=bool(italic),
                          verb=italic.group(1).strip() if italic else None))
        boundary = "wrap"
    laid.blocks.extend(_Joiner(blank_means_paragraph=False, use_indent=False).join(body))
    laid.footnotes.sort(key=lambda x: x[0])
    return laid
