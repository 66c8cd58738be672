"""Reading files: the format is told from the content, encodings are decoded, and every kind of
bad input gets one clear message naming the file. Inputs are written for the purpose."""

from __future__ import annotations

import io
import zipfile

import pytest

from kg.errors import InputError
from kg.pipeline import extract_bytes
from kg.read import read_bytes, sniff_bytes

LIMIT = 20 * 1024 * 1024

WORD_TEXT = (
    "Resolution adopted by the General Assembly on 17 December 2015\n"
    "[on the report of the Third Committee (A/70/490)]\n"
    "70/178.\tStrengthening the programme\n"
    "\tThe General Assembly,\n"
    "\tRecalling its resolution 69/193 of 18 December 2014,\n"
    "\tNoting the report,\n"
    "\t1.\tRequests the Secretary-General to report;\n"
    "\t2.\tDecides to remain seized of the matter.\n"
    "\t\t80th plenary meeting\n"
)

AKN = """<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <preface><p><docNumber>70/178.</docNumber> <docTitle>Strengthening the programme</docTitle></p></preface>
    <preamble>
      <formula name="enactingFormula"><p>The General Assembly,</p></formula>
      <container name="Recalling"><p>Recalling its resolution 69/193,</p></container>
    </preamble>
    <mainBody>
      <paragraph><num>1.</num><content><p>Requests the Secretary-General to report.</p></content></paragraph>
    </mainBody>
  </statement>
</akomaNtoso>
"""


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("The General Assembly,")
    d.add_paragraph("Recalling its resolution 69/193,")
    d.add_paragraph("1.\tRequests the Secretary-General to report.")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _pdf_bytes() -> bytes:
    from test_read_pdf import make_pdf

    return make_pdf([(146, 700, ["The General Assembly,"]),
                     (146, 680, ["Recalling its resolution 69/193,"]),
                     (146, 660, ["1. Requests the Secretary-General to report."])])


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


# -- the format is told from the bytes, whatever the file is called ---------------------------

SNIFFED = [
    # (file name, bytes, format of the Source)
    ("resolution.txt", WORD_TEXT.encode("utf-8"), "word-text"),
    ("resolution.xml", AKN.encode("utf-8"), "akn"),
    ("akn-saved-as.txt", AKN.encode("utf-8"), "akn"),
    ("akn-utf16.txt", AKN.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), "akn"),
    ("akn-without-declaration.dat", AKN.split("\n", 1)[1].encode("utf-8"), "akn"),
    ("word.docx", _docx_bytes(), "docx"),
    ("word-renamed.bin", _docx_bytes(), "docx"),
    ("scan.pdf", _pdf_bytes(), "pdf"),
    ("pdf-without-extension", _pdf_bytes(), "pdf"),
]


@pytest.mark.parametrize("name,data,fmt", SNIFFED, ids=[s[0] for s in SNIFFED])
def test_the_format_is_told_by_content_not_by_name(name, data, fmt):
    source = read_bytes(data, name, max_bytes=LIMIT)
    assert source.format == fmt, f"{name} was read as {source.format}, not {fmt}"
    record = extract_bytes(data, name)
    assert record.format == fmt
    expected = ["PP1", "PP2", "OP1", "OP2"] if fmt == "word-text" else ["PP1", "OP1"]
    assert [p.id for p in record.paragraphs] == expected, f"{name}: {[p.id for p in record.paragraphs]}"


FIRST_BYTES = [
    (b"%PDF-1.7\n...", "pdf"),
    (b"\n\n%PDF-1.4", "pdf"),
    (b"PK\x03\x04rest", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
    (b"{\\rtf1\\ansi", "rtf"),
    (b"<?xml version='1.0'?><a/>", "text"),
    (b"The General Assembly,", "text"),
]


@pytest.mark.parametrize("data,kind", FIRST_BYTES)
def test_first_bytes_say_what_a_file_is(data, kind):
    assert sniff_bytes(data) == kind


# -- encodings --------------------------------------------------------------------------------

ENCODINGS = [
    ("utf-8", WORD_TEXT.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + WORD_TEXT.encode("utf-8")),
    ("utf-16 with BOM", WORD_TEXT.encode("utf-16")),
    ("utf-16-le without BOM", WORD_TEXT.encode("utf-16-le")),
    ("utf-16-be without BOM", WORD_TEXT.encode("utf-16-be")),
    ("cp1252", WORD_TEXT.replace("report;", "report – in Côte d’Ivoire;").encode("cp1252")),
]


@pytest.mark.parametrize("label,data", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_texts_in_every_encoding_give_the_same_record(label, data):
    record = extract_bytes(data, "A_RES_70_178.txt")
    assert record.document.symbol is None and record.document.number == "70/178", label
    assert record.paragraph("OP1").text.startswith("Requests the Secretary-General to report"), label
    if label == "cp1252":
        assert "Côte d’Ivoire" in record.paragraph("OP1").text


# -- bad input: one clear message naming the file ---------------------------------------------

BAD = [
    ("empty.pdf", b"", "is empty"),
    ("corrupt.pdf", b"%PDF-1.4\n1 0 obj <<>> garbage", "is not a readable PDF"),
    ("blank.pdf", None, "without a text layer"),
    ("notword.zip", _zip({"readme.txt": b"hello"}), "is a ZIP archive, not a Word document"),
    ("sheet.docx", _zip({"xl/workbook.xml": b"<workbook/>"}), "is an Excel workbook, not a Word document"),
    ("truncated.docx", _docx_bytes()[:400], "damaged"),
    ("broken-parts.docx", _zip({"word/document.xml": b"<w:document"}), "is a damaged Word document"),
    ("feed.xml", b"<?xml version='1.0'?><rss><channel/></rss>", "is XML but not Akoma Ntoso"),
    ("broken.xml", AKN[:300].encode("utf-8"), "is not well-formed XML"),
    ("page.html", b"<!DOCTYPE html><html><body>The General Assembly,</body></html>", "is an HTML page"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Word (.doc)"),
    ("letter.rtf", b"{\\rtf1\\ansi The General Assembly,}", "is an RTF file"),
    ("unknown.txt", b"The General Assembly,\n\x81\x8d\x8f\x90\x9d and more text\n" * 3, "unknown encoding"),
    ("binary.txt", bytes(range(256)) * 10, "binary"),
    ("akn-without-body.xml",
     b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement/></akomaNtoso>',
     "holds no preamble or body"),
]


def _blank_pdf() -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(612, 792)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("name,data,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_gets_one_clear_reason_naming_the_file(name, data, reason):
    data = _blank_pdf() if data is None else data
    with pytest.raises(InputError) as err:
        extract_bytes(data, name)
    assert err.value.path == name
    assert reason in err.value.reason, f"{name}: expected {reason!r}, got {err.value.reason!r}"
    assert "\n" not in str(err.value), "the message is one line"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    from kg.pipeline import Options, extract_file

    big = tmp_path / "big.pdf"
    big.write_bytes(_pdf_bytes() + b"\n%" + b"x" * 2_000_000)
    with pytest.raises(InputError) as err:
        extract_file(big, Options(max_bytes=1_000_000))
    assert "over the limit" in err.value.reason
