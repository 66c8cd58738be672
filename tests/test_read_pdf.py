"""The PDF reader: printed lines rebuilt from text objects, superscript markers made explicit,
indentation and gaps kept, running heads dropped. PDFs are written in the test with
pypdfium2 (text objects in the standard fonts, placed like a UN document's), plus real
files of the 80th session."""

from __future__ import annotations

import ctypes
import io

import pytest

import kg
from kg.laid import MARKER_RE, marker
from kg.pipeline import extract_bytes
from kg.readers.pdf import read_pdf

BODY = 10.0
SUP = 6.5


def make_pdf(*pages, height: float = 792.0) -> bytes:
    """A PDF whose pages hold the given lines. A line is ``(x, y, parts)`` or
    ``(x, y, parts, size)``; a part is a string, or ``("sup", "3")`` for a raised small
    number, ``("tight", "ce")`` for a piece set right after the one before; parts follow each
    other on the line, a word space apart unless a part starts with punctuation."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for lines in pages:
        page = pdf.new_page(612, height)
        for spec in lines:
            x, y, parts = spec[:3]
            size = spec[3] if len(spec) > 3 else BODY
            previous = ""
            for part in parts:
                kind, text = part if isinstance(part, tuple) else ("", part)
                raised = kind == "sup"
                if previous and (kind or text[:1] in ".,;:)-" or previous == "-"):
                    x -= 3.5  # closed up to the piece before, no space
                obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Times-Roman", ctypes.c_float(SUP if raised else size))
                buf = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
                raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
                raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y + (0.35 * size if raised else 0))
                raw.FPDFPage_InsertObject(page.raw, obj)
                raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
                x = right.value + 4.0  # a word space: wider than the gaps inside a word
                previous = text
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def lines_of(*rows: tuple[float, list], start: float = 700.0, pitch: float = 12.0, size: float = BODY):
    """Lines one under the other: ``(x, parts)`` rows, ``None`` for a paragraph gap."""
    y = start
    out = []
    for row in rows:
        if row is None:
            y -= pitch / 2
            continue
        x, parts = row
        out.append((x, y, parts, size))
        y -= pitch
    return out


def text_of(*pages) -> list[str]:
    return [line.strip() for line in read_pdf(make_pdf(*pages), "t.pdf").split("\n")]


# -- lines, markers, gaps ----------------------------------------------------------------------

LINES = [
    # (what the page holds, what the reader gives, line by line)
    ("a superscript number after a comma is a footnote marker",
     [(146, 700, ["Recalling the Convention,", ("sup", "1"), "and its Protocols,"])],
     [f"Recalling the Convention,{marker(1)} and its Protocols,"]),
    ("a marker after a word, before a full stop",
     [(146, 700, ["the Sevilla Commitment", ("sup", "12"), ". It renews"])],
     [f"the Sevilla Commitment{marker(12)}. It renews"]),
    ("a raised number opening a line of small print is a footnote's number",
     [(146, 400, ["Having considered the reports of the Secretary-General,"]),
      (117, 100, [("sup", "3")], 8.5), (123, 97, ["A/80/504."], 8.5)],
     ["Having considered the reports of the Secretary-General,", "3 A/80/504."]),
    ("pieces printed apart on one baseline are one line, left to right",
     [(397, 705, ["Distr.: General"]), (124, 705, ["General Assembly"])],
     ["General Assembly Distr.: General"]),
    ("punctuation closes up to the word before it",
     [(146, 700, ["A/80/70", ".", "and"])],
     ["A/80/70. and"]),
    ("a hyphen between two pieces of a word keeps them together",
     [(146, 700, ["Secretary", "-", "General"])],
     ["Secretary-General"]),
    ("a space PDFium puts before a hyphen is dropped",
     [(146, 700, ["developing States and middle ", "-", "income countries"])],
     ["developing States and middle-income countries"]),
    ("a space PDFium puts inside a word split in two pieces is dropped",
     [(146, 700, ["the International Court of Justi ", ("tight", "ce in accordance")])],
     ["the International Court of Justice in accordance"]),
    ("a space after a whole word stays, however tight the line",
     [(146, 700, ["the report of ", ("tight", "the Secretary-General")])],
     ["the report of the Secretary-General"]),
]


@pytest.mark.parametrize("label,lines,expected", LINES, ids=[x[0] for x in LINES])
def test_printed_lines_are_rebuilt(label, lines, expected):
    got = [x for x in text_of(lines) if x]
    assert got == expected, label


def test_indentation_and_paragraph_gaps_are_kept():
    page = lines_of((146, ["Recalling its resolution 79/144 of 12 December 2024 and its"]),
                    (123, ["previous resolutions on the subject,"]),
                    None,
                    (146, ["Noting the report,"]))
    raw = read_pdf(make_pdf(page), "t.pdf").split("\n")
    first, second, gap, third = raw
    assert len(first) - len(first.lstrip()) > len(second) - len(second.lstrip()), "first lines are indented"
    assert gap == "", "a wider gap between lines is a blank line"
    assert third.strip() == "Noting the report,"


def test_pages_are_separated_and_running_heads_dropped():
    page1 = lines_of((146, ["The General Assembly,"]), (146, ["Recalling its resolution 79/144,"]))
    running_head = [(60, 740, ["A/RES/80/1 Title of the resolution"], 8.5)]
    page2 = running_head + lines_of((146, ["1. Requests the Secretary-General to report;"]), start=700)
    pages = read_pdf(make_pdf(page1, page2), "t.pdf").split("\f")
    assert len(pages) == 2
    assert "A/RES/80/1" not in pages[1], "the small print above a later page's text is its running head"
    assert pages[1].strip().startswith("1. Requests")


def test_a_whole_resolution_read_from_pdf():
    page1 = [
        (123, 734, ["United Nations A/RES/80/999"], 14),
        (124, 705, ["General Assembly"], 20), (397, 705, ["Distr.: General"]),
        (397, 693, ["9 December 2025"]),
        (60, 567, ["Eightieth session"]), (60, 555, ["Agenda item 75"]),
        (123, 510, ["Resolution adopted by the General Assembly on 9 December 2025"], 14),
        (123, 480, ["[on the report of the Third Committee (A/80/457)]"]),
        (73, 448, ["80/999. Crime prevention and criminal justice"], 12),
        *lines_of((146, ["The General Assembly,"]), None,
                  (146, ["Recalling the United Nations Convention against Transnational"]),
                  (123, ["Organized Crime,", ("sup", "1"), "and the counter-"]),
                  (123, ["terrorism instruments,"]), None,
                  (146, ["1. Requests the Secretary-General to report;", ("sup", "2")]), None,
                  (146, ["2. Decides to remain seized of the matter."]),
                  start=420),
        (99, 143, ["_______________"], 9),
        (117, 133, [("sup", "1")], 8.5), (123, 130, ["United Nations, Treaty Series, vol. 2225, No. 39574."], 8.5),
        (117, 123, [("sup", "2")], 8.5), (123, 120, ["A/80/70."], 8.5),
    ]
    page2 = [(60, 740, ["A/RES/80/999 Crime prevention"], 8.5),
             (380, 700, ["58th plenary meeting"]), (380, 688, ["9 December 2025"])]
    r = extract_bytes(make_pdf(page1, page2), "A_RES_80_999.pdf")
    d = r.document
    assert (d.symbol, d.number, d.kind, d.session, d.adopted, d.issued) == (
        "A/RES/80/999", "80/999", "resolution", 80, "2025-12-09", "2025-12-09")
    assert (d.agenda_item, d.committee, d.committee_report, d.plenary_meeting) == (75, "Third Committee", "A/80/457", 58)
    assert [p.id for p in r.paragraphs] == ["PP1", "OP1", "OP2"]
    pp1 = r.paragraph("PP1")
    assert pp1.text == ("Recalling the United Nations Convention against Transnational Organized Crime, "
                        "and the counter-terrorism instruments,"), "a printed hyphen at a line end is kept"
    assert [m.number for m in pp1.markers] == [1]
    assert [(f.number, f.text, f.cited_in) for f in r.footnotes] == [
        (1, "United Nations, Treaty Series, vol. 2225, No. 39574.", ["PP1"]), (2, "A/80/70.", ["OP1"])]
    for item in [*r.paragraphs, *r.footnotes, *r.head]:
        assert r.normalised[item.span[0]:item.span[1]] == item.text


# -- real files ----------------------------------------------------------------------------------

def test_a_real_resolution_of_the_80th_session(corpus_dir):
    from kg.pipeline import Options

    path = corpus_dir / "pdf" / "A_RES_80_167.pdf"
    if not path.exists():
        pytest.skip(f"{path} is not in the corpus")
    r = kg.extract_file(path, options=Options(citations=False, mentions=False))
    d = r.document
    assert (d.symbol, d.number, d.kind, d.session, d.agenda_item, d.committee) == (
        "A/RES/80/167", "80/167", "resolution", 80, 84, "Sixth Committee")
    ops = [p.number for p in r.operative_paragraphs]
    assert ops == list(range(1, 26)), "paragraph 6 is printed without its full stop; 14 opens a page"
    assert [f.number for f in r.footnotes] == list(range(1, len(r.footnotes) + 1))
    for item in [*r.paragraphs, *r.footnotes, *r.head]:
        assert r.normalised[item.span[0]:item.span[1]] == item.text
    assert not any(MARKER_RE.search(p.text) for p in r.paragraphs)


def test_a_real_third_committee_draft(corpus_dir):
    from kg.pipeline import Options

    drafts = sorted((corpus_dir / "pdf").glob("A_C.3_80_L.*.pdf"))
    if not drafts:
        pytest.skip("no Third Committee drafts in the corpus")
    r = None
    for path in drafts:
        r = kg.extract_file(path, options=Options(citations=False, mentions=False)) if "L.10." in path.name else r
    assert r is not None, "A/C.3/80/L.10 is in the corpus"
    d = r.document
    assert d.symbol == "A/C.3/80/L.10" and d.kind in ("draft resolution", "revised draft resolution", "amendment")
    assert d.session == 80 and d.committee == "Third Committee"
    assert r.paragraphs, "the draft's paragraphs are read"
