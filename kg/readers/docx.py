"""Word documents (.docx) -> laid-out blocks with footnotes and footnote markers.

The OOXML package is read with lxml directly (several times faster than python-docx, and it
gives what python-docx hides: footnote references in place, ``NOTEREF`` cross-references,
the first-page header that holds the masthead):

* the first-page header (``w:titlePg``) or the default header gives the masthead lines that
  Word keeps outside the body ("United Nations", the symbol, "Distr.: General", the date);
* each body paragraph is one block: tabs become spaces ("\\t1.\\tWelcomes" -> "1. Welcomes"),
  automatic numbering (``w:numPr``) is printed as Word prints it, a footnote reference
  (``w:footnoteReference``, numbered in document order as Word numbers them) and a
  superscript number (a ``NOTEREF`` field repeating a note) become explicit markers;
* the opening phrase printed in italics is kept as the block's ``verb`` hint;
* headings (styles ``H1``, ``H23``, ``HCh`` ... below the title) are blocks of role
  ``heading`` (or ``part`` / ``annex-heading`` for "A", "II", "Annex");
* table rows belong to the paragraph that introduces them;
* footnotes come from ``word/footnotes.xml``.

Running heads and feet of later pages are not read: they repeat the symbol and title.
"""

from __future__ import annotations

import contextlib
import re
import zipfile

from lxml import etree

from kg.errors import InputError
from kg.laid import Block, Laid, marker
from kg.layout import FORMULA, _masthead_end, normalise_characters

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True,
                          remove_comments=True)
_SPACES = re.compile(r"[ \t]+")
_PLENARY = re.compile(r"^\d{1,3}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?plenary\s+meeting", re.I)
_PART = re.compile(r"^(?P<label>[A-Z]|[IVX]{1,5})(?:\.\s+\S.*)?$")
_ANNEX = re.compile(r"^(?:Annex|ANNEX|Annexes)(?:\s+[IVX]+)?$")
_HEADING_STYLE = re.compile(r"^(?:H\d|HCh|HM|H23|H4|H56|TitleH\d|Heading\d|heading\d|Title)", re.I)


def read_docx(data: bytes, path: str) -> Laid:
    """The laid-out text of a .docx file given as bytes."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(path, f"is a damaged ZIP archive ({exc})") from None
    return read_docx_archive(archive, path)


def read_docx_archive(archive: zipfile.ZipFile, path: str) -> Laid:
    """The laid-out text of an open .docx archive; raises :class:`InputError` when a part
    of it cannot be read."""
    try:
        return _DocxReader(archive, path).read()
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError) as exc:
        raise InputError(path, f"is a damaged Word document ({type(exc).__name__}: {exc})") from None


class _DocxReader:
    def __init__(self, archive: zipfile.ZipFile, path: str):
        self.archive = archive
        self.path = path
        self.names = set(archive.namelist())
        self.parsed: dict[str, object] = {}
        self.laid = Laid(blocks=[], format="docx")
        self.note_count = 0  # footnote references met so far (Word numbers them in order)
        self.note_ids: dict[str, int] = {}  # footnote id -> printed number
        self.extra_notes: list[str] = []  # footnotes with a custom mark ("*")
        self.numbering = _Numbering(self._xml("word/numbering.xml"), self._xml("word/styles.xml"))
        self.styles = _style_names(self._xml("word/styles.xml"))

    def _xml(self, name: str):
        """A part of the package, parsed once."""
        if name not in self.names:
            return None
        if name not in self.parsed:
            self.parsed[name] = etree.fromstring(self.archive.read(name), _PARSER)
        return self.parsed[name]

    def read(self) -> Laid:
        document = self._xml("word/document.xml")
        if document is None:
            raise InputError(self.path, "is not a Word document (no word/document.xml inside)")
        body = document.find(W + "body")
        if body is None:
            raise InputError(self.path, "is a Word document without a body")
        rels = self._relations("word/_rels/document.xml.rels")
        self.laid.meta.update(_properties(self._xml("docProps/custom.xml"), self._xml("docProps/core.xml")))
        header_lines = self._masthead_header(body, rels)
        paragraphs = list(self._paragraphs(body))  # (text, style, italic lead, kind)
        notes = self._footnotes()
        self._lay(header_lines, paragraphs)
        total = max(self.note_ids.values(), default=0)
        self.laid.footnotes = sorted(
            ((n, notes.get(i, "")) for i, n in self.note_ids.items() if n <= total), key=lambda x: x[0])
        for text in self.extra_notes:
            self.laid.blocks.append(Block(text, role="trailer"))
        return self.laid

    # -- parts of the package ---------------------------------------------------------------

    def _relations(self, name: str) -> dict[str, str]:
        root = self._xml(name)
        if root is None:
            return {}
        return {r.get("Id"): r.get("Target", "") for r in root.iter(REL + "Relationship")}

    def _masthead_header(self, body, rels: dict[str, str]) -> list[str]:
        """Lines of the header printed on the first page (the masthead)."""
        # the first section's properties (a section break after the masthead puts them in a
        # paragraph; the body's own sectPr describes the last section)
        sect = next(body.iter(W + "sectPr"), None)
        if sect is None:
            return []
        refs = {h.get(W + "type"): h.get(R + "id") for h in sect.findall(W + "headerReference")}
        first_page = sect.find(W + "titlePg") is not None
        rid = refs.get("first") if first_page else None
        rid = rid or refs.get("default")
        target = rels.get(rid or "", "")
        if not target:
            return []
        name = "word/" + target.lstrip("/").removeprefix("word/")
        root = self._xml(name)
        if root is None:
            return []
        lines = []
        for p in root.iter(W + "p"):
            text, _italic = self._text(p, notes=False)
            lines.extend(x for x in text.split("\n") if x)
        return lines

    def _footnotes(self) -> dict[str, str]:
        root = self._xml("word/footnotes.xml")
        if root is None:
            return {}
        out = {}
        for fn in root.iter(W + "footnote"):
            if fn.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            texts = [_flat(self._text(p, notes=False)[0]) for p in fn.iter(W + "p")]
            out[fn.get(W + "id")] = " ".join(t for t in texts if t)
        return out

    # -- paragraphs -------------------------------------------------------------------------

    def _paragraphs(self, body):
        """(text, style, italic lead, kind) of the body's paragraphs in order; ``kind`` is
        ``p`` for a paragraph, ``row`` for a table row."""
        for el in body:
            tag = el.tag
            if tag == W + "p":
                text, italic = self._text(el)
                style = self._style(el)
                yield self.numbering.label(el, style) + text, style, italic, "p"
            elif tag == W + "tbl":
                for tr in el.iter(W + "tr"):
                    cells = []
                    for tc in tr.iter(W + "tc"):
                        cell = " ".join(t for t in (_flat(self._text(p)[0]) for p in tc.iter(W + "p")) if t)
                        if cell:
                            cells.append(cell)
                    if cells:
                        yield " ".join(cells), None, None, "row"
            elif tag == W + "sdt":
                content = el.find(W + "sdtContent")
                if content is not None:
                    yield from self._paragraphs(content)
            elif tag in (W + "customXml", W + "ins", W + "smartTag"):
                yield from self._paragraphs(el)

    def _style(self, p) -> str | None:
        ppr = p.find(W + "pPr")
        if ppr is None:
            return None
        st = ppr.find(W + "pStyle")
        if st is None:
            return None
        sid = st.get(W + "val")
        return self.styles.get(sid, sid)

    def _text(self, p, *, notes: bool = True) -> tuple[str, str | None]:
        """The printed text of a paragraph (markers in place) and its italic opening phrase."""
        parts: list[str] = []
        lead: list[str] = []
        lead_open = True  # still reading the italic opening phrase
        in_field_code = False
        for el in p.iter(W + "r", W + "fldSimple"):
            if el.tag == W + "fldSimple":
                continue  # its runs are read as ordinary runs
            rpr = el.find(W + "rPr")
            italic = superscript = False
            if rpr is not None:
                i = rpr.find(W + "i")
                italic = i is not None and i.get(W + "val") not in ("0", "false", "off")
                va = rpr.find(W + "vertAlign")
                superscript = va is not None and va.get(W + "val") == "superscript"
                rs = rpr.find(W + "rStyle")
                if rs is not None and "FootnoteReference" in (rs.get(W + "val") or "").replace(" ", ""):
                    superscript = True
            run_text: list[str] = []
            custom_mark = False
            for child in el:
                tag = child.tag
                if tag == W + "t":
                    if not in_field_code:
                        run_text.append(child.text or "")
                elif tag == W + "tab" or tag == W + "ptab":
                    run_text.append("\t")
                elif tag in (W + "br", W + "cr"):
                    # a line break: kept, headings break a label from its title there
                    run_text.append("\n" if child.get(W + "type") in (None, "textWrapping") else " ")
                elif tag == W + "noBreakHyphen":
                    run_text.append("-")
                elif tag == W + "fldChar":
                    kind = child.get(W + "fldCharType")
                    in_field_code = kind == "begin" or (in_field_code and kind != "separate")
                elif tag == W + "footnoteReference":
                    if child.get(W + "customMarkFollows") in ("1", "true", "on"):
                        custom_mark = True
                        self._custom_note(child)
                        continue
                    if notes:
                        fid = child.get(W + "id")
                        if fid not in self.note_ids:
                            self.note_count += 1
                            self.note_ids[fid] = self.note_count
                        run_text.append(marker(self.note_ids[fid]))
                elif tag == W + "footnoteRef":
                    continue  # the number printed before a footnote's own text
                elif tag == W + "sym":
                    char = child.get(W + "char") or ""
                    with contextlib.suppress(ValueError):
                        run_text.append(chr(int(char, 16)) if char and int(char, 16) < 0xF000 else "")
            text = "".join(run_text)
            if superscript and not custom_mark and notes:
                digits = text.strip()
                if digits.isdigit() and "\ue000" not in text:
                    # a superscript number repeating a footnote (a NOTEREF field's result)
                    text = marker(int(digits))
            if lead_open and text.strip():
                if italic and "\ue000" not in text:
                    lead.append(text)
                else:
                    lead_open = False
            elif lead_open and text and lead:
                lead.append(text)
            parts.append(text)
        raw = normalise_characters("".join(parts))
        clean = "\n".join(x for x in (_SPACES.sub(" ", line).strip() for line in raw.split("\n")) if x)
        verb = _SPACES.sub(" ", normalise_characters("".join(lead))).strip() or None
        if verb and (len(verb.split()) > 8 or not re.sub(r"^\d{1,3}\.\s+", "", _flat(clean)).startswith(verb)):
            verb = None
        return clean, verb

    def _custom_note(self, ref) -> None:
        notes = self._xml("word/footnotes.xml")
        if notes is None:
            return
        fid = ref.get(W + "id")
        for fn in notes.iter(W + "footnote"):
            if fn.get(W + "id") == fid:
                text = " ".join(t for t in (_flat(self._text(p, notes=False)[0]) for p in fn.iter(W + "p")) if t)
                if text:
                    self.extra_notes.append(text)

    # -- from paragraphs to blocks ----------------------------------------------------------

    def _lay(self, header: list[str], paragraphs: list[tuple[str, str | None, str | None, str]]) -> None:
        texts = [t.replace("\n", " ") for t, _s, _i, _k in paragraphs]
        formula = next((i for i, t in enumerate(texts) if FORMULA.match(t)), None)
        if formula is None:
            self.laid.warnings.append("no enacting formula (\"The General Assembly,\") found")
            end = _masthead_end(texts)
            formula_end = end or 0
        else:
            formula_end = formula + 1
        blocks = self.laid.blocks
        for line in header:
            blocks.append(Block(line, role="head"))
        for text, _style, _italic, _kind in paragraphs[:formula if formula is not None else formula_end]:
            for line in text.split("\n"):
                if line:
                    blocks.append(Block(line, role="head"))
        if formula is not None:
            blocks.append(Block(texts[formula], role="formula"))
        after_plenary = False
        for text, style, italic, kind in paragraphs[formula_end:]:
            if not text:
                continue
            if kind == "row":
                last = blocks[-1] if blocks else None
                if last is not None and last.role in (None, "annex") and not after_plenary:
                    last.text = f"{last.text} {text}"
                else:
                    blocks.append(Block(text, role="trailer" if after_plenary else None))
                continue
            heading = style is not None and bool(_HEADING_STYLE.match(style))
            if heading and "\n" in text:
                # "B" <line break> "United Nations public information policies": a part
                # label and its title, or a title over two lines
                lines = text.split("\n")
                if _PART.match(lines[0]):
                    after_plenary = False
                    blocks.append(Block(lines[0], role="part", part=_PART.match(lines[0]).group("label")))
                    blocks.append(Block(" ".join(lines[1:]), role="heading"))
                    continue
            text = text.replace("\n", " ")
            if _PLENARY.match(text):
                after_plenary = True
                blocks.append(Block(text, role="trailer"))
                continue
            if _ANNEX.match(text):
                after_plenary = False
                blocks.append(Block(text, role="annex-heading"))
            elif after_plenary and not heading:
                blocks.append(Block(text, role="trailer"))
            elif heading and _PART.match(text):
                after_plenary = False
                blocks.append(Block(text, role="part", part=_PART.match(text).group("label")))
            elif heading and not re.search(r"[.;:,]$", text):
                blocks.append(Block(text, role="heading"))
            else:
                blocks.append(Block(text, verb=italic))


class _Numbering:
    """Automatic paragraph numbers as Word prints them ("1.", "(a)"), from ``w:numPr`` on the
    paragraph or its style."""

    _FORMATS = {"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}

    def __init__(self, numbering, styles):
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}  # (numId, ilvl) -> fmt, text, start
        self.counters: dict[tuple[str, str], int] = {}
        self.style_num: dict[str, tuple[str, str]] = {}
        if numbering is not None:
            abstract = {}
            for a in numbering.iter(W + "abstractNum"):
                lv = {}
                for lvl in a.iter(W + "lvl"):
                    fmt = lvl.find(W + "numFmt")
                    txt = lvl.find(W + "lvlText")
                    start = lvl.find(W + "start")
                    lv[lvl.get(W + "ilvl")] = (fmt.get(W + "val") if fmt is not None else "decimal",
                                               txt.get(W + "val") if txt is not None else "%1.",
                                               int(start.get(W + "val")) if start is not None else 1)
                abstract[a.get(W + "abstractNumId")] = lv
            for num in numbering.iter(W + "num"):
                ref = num.find(W + "abstractNumId")
                if ref is None:
                    continue
                for ilvl, spec in abstract.get(ref.get(W + "val"), {}).items():
                    self.levels[(num.get(W + "numId"), ilvl)] = spec
        if styles is not None:
            for st in styles.iter(W + "style"):
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    nid = numpr.find(W + "numId")
                    ilvl = numpr.find(W + "ilvl")
                    if nid is not None:
                        key = (nid.get(W + "val"), ilvl.get(W + "val") if ilvl is not None else "0")
                        self.style_num[st.get(W + "styleId")] = key
                        name = st.find(W + "name")
                        if name is not None:
                            self.style_num[name.get(W + "val")] = key

    def label(self, p, style: str | None) -> str:
        """The number Word prints before paragraph ``p`` ("3. "), or ""."""
        if not self.levels:
            return ""
        key = None
        numpr = p.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            nid = numpr.find(W + "numId")
            ilvl = numpr.find(W + "ilvl")
            if nid is not None:
                key = (nid.get(W + "val"), ilvl.get(W + "val") if ilvl is not None else "0")
        elif style is not None:
            key = self.style_num.get(style)
        if key is None or key[0] == "0" or key not in self.levels:
            return ""
        fmt, text, start = self.levels[key]
        if fmt not in self._FORMATS:
            return ""
        n = self.counters.get(key, start - 1) + 1
        self.counters[key] = n
        # a deeper level restarts when a shallower one advances
        for k in list(self.counters):
            if k[0] == key[0] and int(k[1]) > int(key[1]):
                del self.counters[k]
        shown = _format_number(n, fmt)
        return re.sub(r"%\d", shown, text, count=1).replace("%", "") + " "


def _flat(text: str) -> str:
    return text.replace("\n", " ")


def _format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        value = _roman(n)
        return value.lower() if fmt == "lowerRoman" else value
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _style_names(styles) -> dict[str, str]:
    """Style id -> style name (ids are what paragraphs cite; names are stabler: "H23")."""
    if styles is None:
        return {}
    out = {}
    for st in styles.iter(W + "style"):
        name = st.find(W + "name")
        if name is not None and st.get(W + "styleId"):
            out[st.get(W + "styleId")] = name.get(W + "val").replace("_", "").strip()
    return out


def _properties(custom, core) -> dict[str, object]:
    """Metadata the package states: the UN's custom properties (``Symbol1``) and the core
    title."""
    meta: dict[str, object] = {}
    if custom is not None:
        for prop in custom:
            name = prop.get("name")
            value = " ".join("".join(prop.itertext()).split())
            if name == "Symbol1" and re.match(r"^[AES]/", value):
                meta["symbol"] = value
    return meta
