"""Akoma Ntoso XML (AKN4UN) -> laid-out blocks with role hints, footnotes and metadata.

The UN's Akoma Ntoso marks up what the printed page only shows: the cover page (symbol,
issuing body, distribution, dates, session, agenda item, the committee report), the preface
(number and title), the preamble (the enacting formula and one ``container`` per preambular
paragraph, named after its opening phrase), the ``mainBody`` (``paragraph`` elements with a
``num``, lists of subparagraphs, headings, sections and parts), ``authorialNote`` footnotes at
the place of their marker, ``conclusions`` (the plenary meeting and date), ``attachments``
(annexes) and, for resolutions adopted in parts A, B, ..., a ``documentCollection`` whose
``components`` hold one ``statement`` each. An ECOSOC text that recommends a draft to the
General Assembly nests the draft in an ``embeddedStructure``.

:func:`read_akn` walks this tree in document order and gives one :class:`kg.laid.Block` per
printed line or paragraph, with the role the markup states, explicit footnote markers
(:func:`kg.laid.marker`) where the ``authorialNote`` elements stand, the footnotes in order, and
``Laid.meta`` from the FRBR identification and the cover page. Where the markup is silent
(an unnumbered paragraph that may be a heading or a continuation), the block carries no role
and the structure stage decides as it does for plain text, so that the same document read as
AKN and as PDF gives the same record.
"""

from __future__ import annotations

import re

from lxml import etree

from kg.clauses import ADOPTS_FOLLOWING, opens_operatively
from kg.errors import InputError
from kg.laid import MARKER_RE, Block, Laid, marker
from kg.layout import normalise_characters

#: namespaces of Akoma Ntoso 3.0 (OASIS) and of its pre-standard drafts
AKN_NAMESPACES = (
    "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
    "http://docs.oasis-open.org/legaldocml/ns/akn/3.0/WD17",
    "http://www.akomantoso.org/2.0",
    "http://www.akomantoso.org/3.0",
)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)

#: elements whose text is not part of the printed line they sit in
_SKIP = {"authorialNote", "embeddedStructure", "meta", "img", "remark"}
_BREAK = {"eol", "eop", "br"}
_SUBPARAGRAPH_NUM = re.compile(r"^\(?(?:[a-z]{1,4}|[ivxlc]{1,6}|\d{1,3})\)$|^[a-z]\.$")
_OPERATIVE_NUM = re.compile(r"^(\d{1,3})\.?$")
_PART_LABEL = re.compile(r"^(?:[A-Z]|[IVX]{1,5})\.?$")
_SPACES = re.compile(r"\s+")


_LOCAL_NAMES: dict[str, str] = {}


def _local(el) -> str:
    """An element's name without its namespace ("" for comments and processing instructions)."""
    tag = el.tag
    name = _LOCAL_NAMES.get(tag) if isinstance(tag, str) else ""
    if name is None:
        name = _LOCAL_NAMES.setdefault(tag, tag.rsplit("}", 1)[-1])
    return name


def _iter(el, *names: str):
    """Descendants (and ``el``) with one of the given local names, in document order."""
    ns = el.tag[1:].split("}", 1)[0] if isinstance(el.tag, str) and el.tag.startswith("{") else None
    return el.iter(*(f"{{{ns}}}{n}" if ns else n for n in names))


def is_akn_root(root) -> bool:
    """Whether a parsed root element is an Akoma Ntoso document."""
    tag = root.tag if isinstance(root.tag, str) else ""
    ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
    return _local(root) == "akomaNtoso" or ns in AKN_NAMESPACES


def read_akn(data: bytes, path: str) -> Laid:
    """The laid-out text of an Akoma Ntoso document given as bytes.

    Raises :class:`InputError` for XML that is not well formed or not Akoma Ntoso, and for an
    Akoma Ntoso file without a document body."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"is not well-formed XML ({exc.msg}, line {exc.lineno})") from None
    if root is None or not is_akn_root(root):
        name = _local(root) if root is not None else "nothing"
        raise InputError(path, f"is XML but not Akoma Ntoso (its root element is <{name}>, "
                         "not <akomaNtoso>)")
    reader = _Reader()
    reader.read(root)
    if not any(b.role in ("preamble", "operative", "formula", "annex") or b.role is None
               for b in reader.laid.blocks):
        raise InputError(path, "is Akoma Ntoso but holds no preamble or body to read")
    return reader.laid


class _Reader:
    def __init__(self) -> None:
        self.laid = Laid(blocks=[], format="akn")
        self.in_annex = False
        self.next_auto_note = 1

    # -- text of one printed line -----------------------------------------------------------

    def inline(self, el, *, notes: bool = True) -> str:
        """The printed text of an element: its text and its children's, footnotes replaced by
        their markers, line breaks by spaces, white space collapsed."""
        parts: list[str] = []
        self._inline(el, parts, notes, top=True)
        text = normalise_characters("".join(parts))
        return _SPACES.sub(" ", text).strip()

    def _inline(self, el, parts: list[str], notes: bool, top: bool = False) -> None:
        name = _local(el)
        if not top:
            if name == "authorialNote":
                if notes:
                    parts.append(marker(self.note(el)))
                parts.append(el.tail or "")
                return
            if name in _SKIP or not name:
                parts.append(el.tail or "")
                return
            if name in _BREAK:
                parts.append(" ")
                parts.append(el.tail or "")
                return
            if name == "sup":
                # a repeated reference to a footnote is printed as a bare superscript number
                sup = "".join(el.itertext()).strip()
                parts.append(marker(int(sup)) if sup.isdigit() else sup)
                parts.append(el.tail or "")
                return
        parts.append(el.text or "")
        for child in el:
            self._inline(child, parts, notes)
        if not top:
            parts.append(el.tail or "")

    def note(self, el) -> int:
        """Record an ``authorialNote`` as a footnote and return its number as printed."""
        mark = (el.get("marker") or "").strip()
        number = int(mark) if mark.isdigit() else self.next_auto_note
        self.next_auto_note = number + 1
        text = " ".join(self.inline(p) for p in el if _local(p) in ("p", "blockList", "list")) \
            or self.inline(el)
        if not any(n == number and t == text for n, t in self.laid.footnotes):
            self.laid.footnotes.append((number, text))
        return number

    def lead_italic(self, el) -> str | None:
        """The opening phrase printed in italics at the start of a paragraph, if any."""
        p = el if _local(el) == "p" else next(_iter(el, "p"), el)
        if (p.text or "").strip():
            return None
        for child in p:
            name = _local(child)
            if name == "span" and "italic" in (child.get("class") or ""):
                verb = _SPACES.sub(" ", normalise_characters("".join(child.itertext()))).strip()
                return verb if 0 < len(verb.split()) <= 8 else None
            if name in ("authorialNote",):
                continue
            return None
        return None

    def add(self, text: str, role: str | None = None, **hints) -> Block | None:
        if not text:
            return None
        block = Block(text, role=role, **hints)
        self.laid.blocks.append(block)
        return block

    # -- the document -----------------------------------------------------------------------

    def read(self, root) -> None:
        docs = [c for c in root if _local(c) and _local(c) != "components"]
        if not docs:
            return
        main = docs[0]
        self.meta(main)
        if _local(main) == "documentCollection":
            self.laid.meta.setdefault("kind", "resolution")
        elif main.get("name") in ("resolution", "draft resolution", "decision", "draft decision"):
            self.laid.meta.setdefault("kind", main.get("name"))
        self.document(main, main=True)
        # the components in the order the collection lists them, then any it does not list
        components = [c for c in _iter(root, "component")
                      if any(_local(x) in ("statement", "doc", "act", "bill") for x in c)]
        refs = [r.get("href") for r in _iter(main, "documentRef")]
        by_id = {c.get("eId"): c for c in components if c.get("eId")}
        ordered = [by_id[h] for h in refs if h in by_id]
        ordered += [c for c in components if c not in ordered]
        for comp in ordered:
            for doc in comp:
                if _local(doc) in ("statement", "doc", "act", "bill"):
                    self.document(doc, main=False)

    def document(self, doc, *, main: bool) -> None:
        for child in doc:
            name = _local(child)
            if name == "coverPage":
                for p in child:
                    if _local(p) == "p" or _local(p) == "block":
                        self.add(self.inline(p), "head")
            elif name == "preface":
                self.preface(child, main=main)
            elif name == "preamble":
                self.preamble(child)
            elif name in ("mainBody", "body", "collectionBody"):
                if name == "collectionBody":
                    continue  # references to the components, read in their own right
                self.body(child)
            elif name == "conclusions":
                lines = [self.inline(p) for p in child if _local(p) in ("p", "block")]
                text = " ".join(x for x in lines if x)
                self.add(text, "trailer")
            elif name == "attachments":
                for att in child:
                    for d in att:
                        if _local(d) in ("doc", "statement", "act", "bill"):
                            self.annex(d)
            elif name == "components":
                continue

    def preface(self, el, *, main: bool) -> None:
        for p in el:
            if _local(p) not in ("p", "block", "container"):
                continue
            number = next((x for x in p.iter() if _local(x) == "docNumber"), None)
            title = next((x for x in p.iter() if _local(x) == "docTitle"), None)
            num_text = self.inline(number) if number is not None else ""
            title_text = self.inline(title) if title is not None else ""
            if not main and _PART_LABEL.match(num_text):
                # a part of a resolution adopted in parts: "A" and its title
                label = num_text.rstrip(".")
                self.add(label, "part", part=label)
                self.add(title_text, "heading")
                continue
            text = " ".join(x for x in (num_text, title_text) if x) if (num_text or title_text) \
                else self.inline(p)
            self.add(text, "head")

    def preamble(self, el) -> None:
        for child in el:
            name = _local(child)
            if name == "formula":
                self.add(self.inline(child), "formula")
            elif name in ("container", "p", "blockContainer", "crossHeading"):
                if name == "container" and (child.get("name") or "").lower() == "formula":
                    self.add(self.inline(child), "formula")
                    continue
                self.add(self.inline(child), "preamble", verb=self.lead_italic(child))
            elif name == "blockList":
                self.add(self.list_text(child), "preamble", verb=self.lead_italic(child))

    # -- the body ---------------------------------------------------------------------------

    def body(self, el) -> None:
        for child in el:
            name = _local(child)
            if name in ("paragraph", "point", "item", "subparagraph", "article", "clause"):
                self.paragraph(child)
            elif name in ("subheading", "heading"):
                self.heading(self.inline(child))
            elif name == "crossHeading":
                if "preamble" in (child.get("refersTo") or ""):
                    self.add(self.inline(child), "preamble", verb=self.lead_italic(child))
                else:
                    self.heading(self.inline(child))
            elif name == "num":
                continue
            elif name in ("container", "blockContainer") and any(_local(x) == "table" for x in child) or name == "table":
                self.table(child)
            elif name in ("container", "blockContainer") and child.get("name") \
                    and not self.in_annex and not any(_local(x) in ("paragraph", "section") for x in child):
                self.add(self.inline(child), "preamble", verb=self.lead_italic(child))
            elif name == "p":
                self.loose(self.inline(child), child)
            elif name == "blockList":
                self.loose(self.list_text(child), child)
            elif name in ("section", "part", "chapter", "title", "division", "hcontainer", "tblock",
                          "container", "blockContainer", "wrap", "intro", "wrapUp", "content"):
                num = next((x for x in child if _local(x) == "num"), None)
                heads = [x for x in child if _local(x) in ("heading", "subheading")]
                if num is not None and heads:
                    self.heading(f"{self.inline(num).rstrip('.')}. {self.inline(heads[0])}")
                    heads = heads[1:]
                elif num is not None:
                    self.heading(self.inline(num))
                for h in heads:
                    self.heading(self.inline(h))
                self.body(child)

    def heading(self, text: str) -> None:
        """A heading inside the body: a bare part label ("A", "II") or "B. Title" starts a part
        (numbering may restart); anything else is a section heading."""
        text = text.strip()
        if not text:
            return
        label = re.match(r"^([A-Z]|[IVX]{1,5})(?:\.|\s*$)", text)
        if label and not self.in_annex and (text == label.group(0).strip() or text[len(label.group(0)):].strip()):
            self.add(text, "part", part=label.group(1))
        elif self.in_annex and re.match(r"^(?:Annex|ANNEX|Annexes)(?:\s+[IVX]+)?\s*$", text):
            self.add(text, "annex-heading")
        else:
            self.add(text, "heading")

    def paragraph(self, el) -> None:
        num_el = next((x for x in el if _local(x) == "num"), None)
        num = self.inline(num_el, notes=False) if num_el is not None else ""
        heads = [x for x in el if _local(x) in ("heading", "subheading")]
        content = [x for x in el if _local(x) in ("content", "list", "blockList", "intro", "wrapUp", "p")]
        nested = [x for x in el if _local(x) in ("paragraph", "subparagraph", "point")]
        text = " ".join(t for t in (self.content_text(x) for x in content) if t)
        if num:
            text = re.sub(r"^[.\s]+(?=\S)", "", text)  # "I." + ".\tEstablishment"
        verb = self.lead_italic(content[0]) if content else None
        if heads and not text:
            title = " ".join(self.inline(h) for h in heads)
            self.heading(f"{num.rstrip('.')}. {title}" if num else title)
        elif _OPERATIVE_NUM.match(num) and text:
            n = _OPERATIVE_NUM.match(num).group(1)
            if self.in_annex:
                self.add(f"{n}. {text}", "annex", number=n, verb=verb)
            else:
                self.add(text, "operative", number=n, verb=verb)
        elif num and _SUBPARAGRAPH_NUM.match(num):
            self.continuation(f"{num} {text}".strip())
        elif num and _PART_LABEL.match(num) and _is_heading_text(text):
            self.heading(f"{num.rstrip('.')}. {text.lstrip('. ')}" if text else num)
        elif num:
            self.loose(f"{num} {text}".strip(), el, verb=verb)
        elif text:
            self.loose(text, el, verb=verb)
        for x in nested:
            self.paragraph(x)
        for x in el:
            if _local(x) in ("table",) or (_local(x) == "container" and any(_local(t) == "table" for t in x)):
                self.table(x)
        # a paragraph that holds a recommended draft (ECOSOC recommending to the Assembly)
        for p in _iter(el, "embeddedStructure"):
            self.embedded(p)

    def content_text(self, el) -> str:
        name = _local(el)
        if name == "list" or name == "blockList":
            return self.list_text(el)
        if name == "p":
            return self.inline(el)
        parts = []
        for child in el:
            cn = _local(child)
            if cn in ("p", "block"):
                parts.append(self.inline(child))
            elif cn in ("list", "blockList"):
                parts.append(self.list_text(child))
            elif cn in ("table",) or (cn == "container" and any(_local(t) == "table" for t in child)):
                continue  # read after the paragraph (see :meth:`table`)
            elif cn not in _SKIP:
                parts.append(self.inline(child))
        if not parts:
            return self.inline(el)
        return " ".join(p for p in parts if p)

    def list_text(self, el) -> str:
        """A list of subparagraphs as printed: its introduction, then "(a) ...", "(b) ..."."""
        parts = []
        for child in el:
            name = _local(child)
            if name in ("intro", "listIntroduction", "wrapUp", "listWrapUp", "p"):
                parts.append(self.content_text(child) if name != "p" else self.inline(child))
            elif name in ("point", "item", "indent", "paragraph"):
                num = next((x for x in child if _local(x) == "num"), None)
                label = self.inline(num, notes=False) if num is not None else ""
                body = " ".join(self.content_text(x) for x in child
                                if _local(x) in ("content", "list", "sublist", "blockList", "intro",
                                                 "wrapUp", "p"))
                parts.append(f"{label} {body}".strip())
            elif name in ("list", "sublist", "blockList"):
                parts.append(self.list_text(child))
        return " ".join(p for p in parts if p)

    def loose(self, text: str, el, verb: str | None = None) -> None:
        """An unnumbered paragraph of the body: a heading when it reads like one, a
        subparagraph or continuation of the paragraph before it, else a paragraph whose role
        the structure stage decides."""
        if not text:
            return
        typed = re.match(r"^(\d{1,3})\.?\s+(?=[A-Z\ue000])", text)
        last_number = next((int(b.number) for b in reversed(self.laid.blocks)
                            if b.role in ("operative", "annex") and b.number and b.number.isdigit()), 0)
        if typed and (text[typed.end(1):typed.end(1) + 1] == "." or int(typed.group(1)) == last_number + 1):
            # a number typed into the text instead of marked up ("6 Also reaffirms")
            n = typed.group(1)
            rest = text[typed.end():]
            if self.in_annex:
                self.add(f"{n}. {rest}", "annex", number=n, verb=verb)
            else:
                self.add(rest, "operative", number=n, verb=verb)
            return
        if _is_heading_text(text) and not re.match(r"^\(?[a-z0-9]{1,4}\)", text):
            self.heading(text)
            return
        if re.match(r"^\((?:[a-z]{1,4}|[ivx]{1,6}|\d{1,3})\)\s", text) or text[:1].islower():
            self.continuation(text)
            return
        last = self.laid.blocks[-1] if self.laid.blocks else None
        if (last is not None and last.role in ("operative", "annex") and not self.in_annex
                and not ADOPTS_FOLLOWING.match(MARKER_RE.sub("", last.text))):
            self.continuation(text)
            return
        if self.in_annex:
            self.add(text, "annex", verb=verb)
        elif opens_operatively(MARKER_RE.sub("", text), known_only=False) and (
                last is None or last.role in ("part", "heading", "formula", "preamble", "recommendation")):
            # the first paragraph of the operative part or under a heading, printed without a
            # number ("Appoints Mr. António Guterres ...")
            self.add(text, "operative", verb=verb)
        else:
            # after the preamble: operative if it opens as an operative clause does (the
            # structure stage decides, as it does for plain text)
            self.add(text, None, verb=verb)

    def continuation(self, text: str) -> None:
        """A subparagraph ("(a) To ...") or a later paragraph of a numbered one: part of the
        paragraph before it."""
        last = self.laid.blocks[-1] if self.laid.blocks else None
        if last is not None and last.role in ("operative", "annex", "preamble", None) \
                and last.role != "trailer":
            last.text = f"{last.text} {text}"
        else:
            self.add(text, "annex" if self.in_annex else None)

    def table(self, el) -> None:
        """A table: its rows, cell by cell, as part of the paragraph that introduces it."""
        rows = []
        for tr in _iter(el, "tr"):
            cells = [self.inline(c) for c in tr if _local(c) in ("td", "th")]
            row = " ".join(c for c in cells if c)
            if row:
                rows.append(row)
        if rows:
            self.continuation(" ".join(rows))

    def embedded(self, el) -> None:
        """The draft an organ recommends to another: its formula, preamble and paragraphs."""
        last = self.laid.blocks[-1] if self.laid.blocks else None
        if last is not None and re.match(r"^(?:\d{1,3}\.\s+)?(?:Also\s+)?Recommends\b", last.text):
            last.role = "recommendation"
            last.number = None
        for child in el:
            name = _local(child)
            if name in ("container", "blockContainer", "p"):
                cname = (child.get("name") or "").lower()
                text = self.inline(child)
                if cname == "formula" or re.match(r"^[\"“]?The\s+[A-Z][\w ]+,?$", text):
                    self.add(text, "formula")
                else:
                    self.add(text, "preamble", verb=self.lead_italic(child))
            elif name == "formula":
                self.add(self.inline(child), "formula")
            elif name in ("paragraph", "point"):
                self.paragraph(child)
            else:
                self.body(child) if len(child) else None

    def annex(self, doc) -> None:
        """An annex (``attachment``): its heading, its title and paragraphs, kept apart from
        the resolution's own paragraphs."""
        was = self.in_annex
        self.in_annex = True
        first = next(_iter(doc, "subheading", "heading", "p"), None)
        printed = self.inline(first) if first is not None else ""
        if not re.match(r"^(?:Annex|ANNEX|Annexes)\b", printed):
            name = doc.get("name") or "annex"
            self.add(name[:1].upper() + name[1:] if name.lower().startswith("annex") else "Annex",
                     "annex-heading")
        for child in doc:
            name = _local(child)
            if name == "preface":
                for p in child:
                    self.heading(self.inline(p))
            elif name == "preamble":
                for p in child:
                    self.add(self.inline(p), "annex")
            elif name in ("mainBody", "body"):
                self.body(child)
            elif name == "conclusions":
                self.add(" ".join(self.inline(p) for p in child), "annex")
        self.in_annex = was

    # -- metadata ---------------------------------------------------------------------------

    def meta(self, doc) -> None:
        """``Laid.meta`` from the FRBR identification, the cover page and the conclusions."""
        meta = self.laid.meta
        wanted = ("FRBRdate", "docNumber", "docDate", "session", "docAuthority", "inline", "docProponent",
                  "docTitle")
        parts = [c for c in doc if _local(c) in ("meta", "coverPage", "preface", "conclusions")]
        for el in (x for part in parts for x in _iter(part, *wanted)):
            name = _local(el)
            if name == "FRBRdate" and el.get("name") == "adoption" and _local(el.getparent()) == "FRBRWork":
                meta.setdefault("adopted", el.get("date"))
            elif name == "docNumber" and el.get("refersTo") == "#symbol":
                meta.setdefault("symbol", " ".join("".join(el.itertext()).split()))
            elif name == "docDate" and "Issuance" in (el.get("refersTo") or ""):
                meta.setdefault("issued", el.get("date"))
            elif name == "session" and el.get("value"):
                value = el.get("value", "")
                if value.isdigit():
                    meta.setdefault("session", int(value))
            elif name == "docAuthority" and "issuingBody" in (el.get("refersTo") or ""):
                meta.setdefault("body", " ".join("".join(el.itertext()).split()))
            elif name == "inline" and el.get("name") == "agenda item":
                m = re.match(r"\s*(\d{1,3})", el.get("title") or "".join(el.itertext()).split("item")[-1])
                if m:
                    meta.setdefault("agenda_item", int(m.group(1)))
            elif name == "inline" and el.get("name") == "originating document":
                # "[on the report of the Third Committee (A/80/457)]" names a report;
                # "[without reference to a Main Committee (A/80/L.22)]" names the draft
                proponent = next((a for a in el.iterancestors() if _local(a) == "docProponent"), None)
                said = "".join(proponent.itertext()) if proponent is not None else ""
                report = re.split(r",|\s+and\s+", " ".join("".join(el.itertext()).split()))[0].strip()
                if report and re.search(r"\b(?:report|recommendation)\s+of\b", said):
                    meta.setdefault("committee_report", report)
            elif name == "docProponent":
                m = re.search(r"\b(?:report|recommendation)\s+of\s+the\s+(.+?)\s*\(", "".join(el.itertext()))
                if m:
                    meta.setdefault("committee", " ".join(m.group(1).split()))
            elif name == "inline" and el.get("name") == "adoptionMeeting":
                m = re.match(r"\s*(\d{1,3})", el.get("title") or "".join(el.itertext()))
                if m:
                    meta.setdefault("plenary_meeting", int(m.group(1)))
            elif name == "docNumber" and _local(el.getparent().getparent()) == "preface" \
                    and "number" not in meta:
                number = " ".join("".join(el.itertext()).split()).rstrip(".")
                if "/" in number:
                    meta["number"] = number
            elif name == "docTitle" and el.get("refersTo") == "#resolutionTitle":
                meta.setdefault("title", " ".join(self.inline(el, notes=False).split()))


def _is_heading_text(text: str) -> bool:
    """A line that reads as a heading: short, capitalised, without closing punctuation."""
    t = MARKER_RE.sub("", text).strip()
    return 0 < len(t) <= 160 and not re.search(r"[.,;:]\W*$", t) and (t[:1].isupper() or t[:1].isdigit())
