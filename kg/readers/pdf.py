"""PDF -> page text for the PDF-text layout, with superscript footnote markers made explicit.

pypdfium2 (PDFium, Apache/BSD licensed) gives, for every text object of a page, its text,
baseline position, font size and extent. From these the reader rebuilds the printed lines
itself rather than taking PDFium's plain-text dump, because the dump breaks a line after every
superscript footnote marker (the marker sits on a higher baseline) and loses the indentation
that tells a paragraph's first line from its continuation:

* objects on one baseline make a line, left to right, with a space where the gap between them
  is wider than a letter-space;
* a smaller object raised above the line it follows is a superscript: a number there is a
  footnote marker, written as an explicit marker (:func:`kg.laid.marker`); at the start of a
  line of footnote text it is the footnote's number ("1 United Nations, ...");
* a line's left edge becomes leading spaces (one per 5 points from the page's text margin),
  and a gap between lines wider than the usual line pitch becomes a blank line;
* pages are separated by form feeds.

The result is the kind of text :func:`kg.layout.lay_out_pdf_text` reads: running heads,
page counters and footnote rules stay for the layout to remove.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field

from kg.errors import InputError
from kg.laid import marker

#: ligatures some PDF fonts use, written out
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\x02": "-",
                            "\ufffe": "-", "\r": " ", "\n": " "})


_RUNS_OF_SPACES = re.compile(r"[ \t]{2,}")
_CLOSE_UP = set(".,;:)]}’”%–—-/")


@dataclass
class _Piece:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    font: int = 0  # PDFium's handle of the object's font: equal handles, one font


@dataclass
class _Line:
    y: float
    size: float
    pieces: list[_Piece] = field(default_factory=list)
    lead: list[_Piece] = field(default_factory=list)  # superscripts opening the line

    @property
    def x0(self) -> float:
        first = self.lead[0] if self.lead else self.pieces[0]
        return first.x0


def read_pdf(data: bytes, path: str) -> str:
    """The text of a PDF given as bytes, page by page (separated by ``\\f``).

    Raises :class:`InputError` for a file PDFium cannot open (damaged, password-protected)
    and for a PDF without a text layer (a scan)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(path, "is a password-protected PDF") from None
        raise InputError(path, f"is not a readable PDF ({message.split(':')[-1].strip() or 'damaged'})") from None
    try:
        pieces = [_page_pieces(pdf, i) for i in range(len(pdf))]
    finally:
        pdf.close()
    # the body size of the whole document: a page of small print (a table, an annex) has
    # a running head as large as its text
    everything = [p for page, _h in pieces for p in page]
    body_size = _dominant_size(everything) if everything else 10.0
    pages = [_page_text(page, height, i, body_size) for i, (page, height) in enumerate(pieces)]
    if not any(p.strip() for p in pages):
        raise InputError(path, "is a PDF without a text layer (a scanned image?); it cannot be read")
    return "\f".join(pages)


def _page_pieces(pdf, index: int) -> tuple[list[_Piece], float]:
    """The text objects of a page, and the page's height."""
    import pypdfium2.raw as raw

    page = raw.FPDF_LoadPage(pdf.raw, index)
    if not page:
        return [], 0.0
    height = float(raw.FPDF_GetPageHeightF(page))
    textpage = raw.FPDFText_LoadPage(page)
    pieces: list[_Piece] = []
    try:
        matrix = raw.FS_MATRIX()
        size = ctypes.c_float()
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        buffer = (ctypes.c_ushort * 2048)()
        stack = [(page, None)]
        while stack:
            holder, form = stack.pop()
            count = raw.FPDFFormObj_CountObjects(form) if form is not None else raw.FPDFPage_CountObjects(holder)
            for k in range(count):
                obj = raw.FPDFFormObj_GetObject(form, k) if form is not None else raw.FPDFPage_GetObject(holder, k)
                kind = raw.FPDFPageObj_GetType(obj)
                if kind == raw.FPDF_PAGEOBJ_FORM and form is None:
                    stack.append((holder, obj))  # text inside a form XObject (one level)
                    continue
                if kind != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                n = raw.FPDFTextObj_GetText(obj, textpage, buffer, ctypes.sizeof(buffer))
                if n <= 2:
                    continue
                if n > ctypes.sizeof(buffer):
                    big = (ctypes.c_ushort * (n // 2 + 1))()
                    raw.FPDFTextObj_GetText(obj, textpage, big, ctypes.sizeof(big))
                    text = bytes(memoryview(big).cast("B")[: n - 2]).decode("utf-16-le", "replace")
                else:
                    text = bytes(memoryview(buffer).cast("B")[: n - 2]).decode("utf-16-le", "replace")
                if not text.strip():
                    continue
                raw.FPDFPageObj_GetMatrix(obj, matrix)
                if abs(matrix.b) > 0.01 * abs(matrix.a or 1) or matrix.a <= 0:
                    continue  # rotated text (margin notes, stamps)
                raw.FPDFTextObj_GetFontSize(obj, size)
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                scale = math.hypot(matrix.c, matrix.d) or 1.0
                font = ctypes.cast(raw.FPDFTextObj_GetFont(obj), ctypes.c_void_p).value or 0
                pieces.append(_Piece(text.translate(_LIGATURES), left.value, right.value, matrix.f,
                                     size.value * scale, font))
    finally:
        raw.FPDFText_ClosePage(textpage)
        raw.FPDF_ClosePage(page)
    return pieces, height


def _page_text(pieces: list[_Piece], height: float, index: int, body_size: float) -> str:
    if not pieces:
        return ""
    lines = _lines(pieces, body_size)
    lines.sort(key=lambda ln: (-round(ln.y, 0), ln.x0))
    lines = _merge_same_baseline(lines)
    if index > 0:
        lines = _drop_running_head(lines, body_size, height)
    if not lines:
        return ""
    margin = min(ln.x0 for ln in lines)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None:
            gap = previous.y - line.y
            if gap > 1.45 * max(line.size, 1.0) + 0.5:
                out.append("")
        indent = " " * max(0, round((line.x0 - margin) / 5))
        out.append(indent + _line_text(line, body_size))
        previous = line
    return "\n".join(out)


def _drop_running_head(lines: list[_Line], body_size: float, height: float) -> list[_Line]:
    """Lines above a later page's text that are printed smaller than the body, in the top
    fifth of the page: the running head (symbol and title, sometimes over three lines)."""
    k = 0
    while k < len(lines) and lines[k].size < 0.95 * body_size and lines[k].y > 0.8 * height:
        k += 1
    if k == len(lines):
        return lines  # nothing but small print: not a running head
    return lines[k:]


def _dominant_size(pieces: list[_Piece]) -> float:
    """The size most of the page's text is printed in (by characters)."""
    weight: dict[float, int] = {}
    for p in pieces:
        key = round(p.size, 1)
        weight[key] = weight.get(key, 0) + len(p.text)
    return max(weight.items(), key=lambda kv: kv[1])[0]


def _is_superscript(piece: _Piece, line: _Line) -> bool:
    """A piece printed smaller and raised above the baseline of the line it sits in."""
    rise = piece.y - line.y
    return piece.size < 0.85 * line.size and 0.12 * line.size < rise < 0.75 * line.size


def _lines(pieces: list[_Piece], body_size: float) -> list[_Line]:
    """Group the pieces, in content order, into lines of one baseline; superscripts join the
    line they are raised above."""
    lines: list[_Line] = []
    current: _Line | None = None
    pending: list[_Piece] = []  # a superscript that may open the next line (a note number)
    for p in pieces:
        if current is not None and abs(p.y - current.y) <= 0.25 * max(current.size, p.size) \
                and p.x0 >= current.pieces[-1].x0 - 1:
            if pending:
                current.pieces.extend(pending)
                pending = []
            current.pieces.append(p)
            if p.size > current.size:
                current.size = p.size
            continue
        if current is not None and _is_superscript(p, current) and p.x0 >= current.pieces[-1].x1 - 2:
            current.pieces.append(p)
            continue
        if pending and p.size > pending[0].size and 0 < pending[0].y - p.y < 0.75 * p.size \
                and p.x0 >= pending[-1].x0:
            # "¹ United Nations, ..." -- the raised number opens this line
            current = _Line(p.y, p.size, [p], lead=pending)
            lines.append(current)
            pending = []
            continue
        if pending:
            lines.append(_Line(pending[0].y, pending[0].size, list(pending)))
            pending = []
        if _looks_like_lead(p, body_size):
            pending = [p]
            current = None
            continue
        current = _Line(p.y, p.size, [p])
        lines.append(current)
    if pending:
        lines.append(_Line(pending[0].y, pending[0].size, list(pending)))
    return [ln for ln in lines if ln.pieces]


def _looks_like_lead(p: _Piece, body_size: float) -> bool:
    t = p.text.strip()
    return t.isdigit() and len(t) <= 3 and p.size < 0.85 * body_size


def _merge_same_baseline(lines: list[_Line]) -> list[_Line]:
    """Lines on one baseline that content order put apart ("General Assembly" on the left,
    "Distr.: General" on the right) become one line, left to right."""
    out: list[_Line] = []
    for line in lines:
        if out and abs(out[-1].y - line.y) < 1.0 and not line.lead:
            prev = out[-1]
            prev.pieces = sorted(prev.pieces + line.pieces, key=lambda p: p.x0)
            prev.size = max(prev.size, line.size)
            continue
        out.append(line)
    return out


def _space_is_generated(last: _Piece, p: _Piece, before: str, text: str) -> bool:
    """Whether the space that ends a piece is one PDFium put there, not one printed: the next
    piece starts closer than a word space would leave, and either a hyphen or punctuation
    meets it ("middle " + "-" + "income") or it goes on a word in the same font ("Justi " +
    "ce")."""
    gap = p.x0 - last.x1
    em = min(p.size, last.size)
    if gap > _HYPHEN_GAP * em or gap < -0.1 * em:
        return False
    if text[:1] in "-‑/)" or before[-2:-1] in "-‑/(":
        return True
    word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    return (last.font == p.font and last.font != 0 and before[-2:-1].isalpha() and text[:1].islower()
            and gap < 0.19 * em and word not in _WHOLE_WORDS and not word.endswith("s"))


_HYPHEN_GAP = 0.3
#: words that end where a space follows them, however tight the justification
_WHOLE_WORDS = frozenset(("of", "to", "in", "for", "on", "by", "or", "with", "at", "as", "its", "and", "the",
                          "that", "this", "from", "into"))


def _line_text(line: _Line, body_size: float) -> str:
    parts: list[str] = []
    if line.lead:
        number = "".join(p.text for p in line.lead).strip()
        # a raised number opening a line of body text is a marker wrapped to the line start;
        # opening a line of smaller text, it is a footnote's number
        body_line = line.size >= 0.95 * body_size
        parts.append(marker(int(number)) if body_line and number.isdigit() else number + " ")
    last: _Piece | None = None
    for p in line.pieces:
        text = p.text
        raised = _is_superscript(p, line)
        if raised and text.strip().isdigit():
            text = marker(int(text.strip()))
        elif (last is not None and parts[-1].endswith(" ") and not parts[-1].endswith("  ")
                and _space_is_generated(last, p, parts[-1], text)):
            parts[-1] = parts[-1][:-1]
        elif last is not None and not parts[-1].endswith(" ") and not text.startswith(" "):
            gap = p.x0 - last.x1
            em = min(p.size, last.size)

            close_up = text[:1] in _CLOSE_UP or parts[-1][-1:] in "-/‑"
            # ink boxes inside one word lie up to 0.3 em apart (a narrow "1", kerned pairs);
            # words set without a space character lie further apart
            if gap > (0.6 if close_up else 0.32) * em:
                parts.append(" ")
        if raised and not text.strip().isdigit():
            text = text.strip()
        parts.append(text)
        last = p
    return _RUNS_OF_SPACES.sub(" ", "".join(parts)).strip()
