"""The Word reader: masthead from the first-page header, one block per paragraph, footnote
references and NOTEREF repeats as markers, automatic numbering, italic opening phrases,
headings and parts, tables. Documents are built in the test (raw OOXML where python-docx
cannot write the feature, python-docx itself for the rest), plus real files of the 72nd session."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest

from kg.errors import InputError
from kg.laid import MARKER_RE, marker
from kg.pipeline import Options, extract_bytes, extract_file
from kg.readers.docx import read_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# -- a small OOXML writer --------------------------------------------------------------------

def t(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def i(text: str) -> str:
    return f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def tab() -> str:
    return "<w:r><w:tab/></w:r>"


def br() -> str:
    return "<w:r><w:br/></w:r>"


def fn(note_id: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def noteref(number: int) -> str:
    """A NOTEREF field repeating a footnote's number in superscript (how Word cites a note twice)."""
    sup = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    return (f'<w:r>{sup}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{sup}<w:instrText xml:space="preserve"> NOTEREF _Ref1 \\h </w:instrText></w:r>'
            f'<w:r>{sup}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{sup}<w:t>{number}</w:t></w:r>"
            f'<w:r>{sup}<w:fldChar w:fldCharType="end"/></w:r>')


def p(*runs: str, style: str | None = None, num: tuple[int, int] | None = None) -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def table(*rows: list[str]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{p(t(c))}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


NUMBERING = f"""<w:numbering xmlns:w="{W_NS}">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

STYLES = f"""<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:styleId="H23"><w:name w:val="_ H_2/3"/></w:style>
<w:style w:type="paragraph" w:styleId="TitleH1"><w:name w:val="Title_H1"/></w:style>
<w:style w:type="paragraph" w:styleId="SingleTxt"><w:name w:val="__Single Txt"/></w:style>
</w:styles>"""

MASTHEAD = ["United Nations", "A/RES/72/999", "General Assembly", "Distr.: General", "8 January 2018"]


def make_docx(*paragraphs: str, footnotes: dict[int, str] | None = None,
              header: list[str] | None = None, numbering: bool = False, symbol: str | None = None) -> bytes:
    """A .docx package: body paragraphs, footnotes by id, a first-page header of lines."""
    rels = [f'<Relationship Id="rIdStyles" Type="{R_NS}/styles" Target="styles.xml"/>']
    types = ['<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.wordprocessingml.document.main+xml"/>']
    files = {"word/styles.xml": STYLES}
    sect = ""
    if header is not None:
        files["word/header1.xml"] = (f'<w:hdr xmlns:w="{W_NS}">' + "".join(p(t(x)) for x in header) + "</w:hdr>")
        rels.append(f'<Relationship Id="rIdH1" Type="{R_NS}/header" Target="header1.xml"/>')
        sect = f'<w:sectPr xmlns:r="{R_NS}"><w:headerReference w:type="first" r:id="rIdH1"/><w:titlePg/></w:sectPr>'
    if footnotes is not None:
        notes = ['<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>']
        for note_id, text in footnotes.items():
            notes.append(f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>{t(" " + text)}</w:p></w:footnote>')
        files["word/footnotes.xml"] = f'<w:footnotes xmlns:w="{W_NS}">' + "".join(notes) + "</w:footnotes>"
        rels.append(f'<Relationship Id="rIdF" Type="{R_NS}/footnotes" Target="footnotes.xml"/>')
    if numbering:
        files["word/numbering.xml"] = NUMBERING
        rels.append(f'<Relationship Id="rIdN" Type="{R_NS}/numbering" Target="numbering.xml"/>')
    if symbol:
        files["docProps/custom.xml"] = (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f'<property name="Symbol1" pid="2" fmtid="x"><vt:lpwstr>{symbol}</vt:lpwstr></property></Properties>')
    files["word/document.xml"] = (f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
                                  + "".join(paragraphs) + sect + "</w:body></w:document>")
    files["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>")
    files["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/></Relationships>')
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + "".join(types) + "</Types>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in files.items():
            z.writestr(name, content)
    return out.getvalue()


HEAD = [
    p(t("Seventy-second session"), style="Session"),
    p(t("Agenda item 107")),
    p(tab(), tab(), t("Resolution adopted by the General Assembly on 19 December 2017")),
    p(tab(), tab(), t("[on the report of the Third Committee (A/72/434)]")),
    p(tab(), t("72/999."), tab(), t("Strengthening the United Nations crime prevention programme"), style="TitleH1"),
    p(tab(), i("The General Assembly"), t(",")),
]
TRAILER = [p(t("73rd plenary meeting"), br(), t("19 December 2017"))]


def record(data: bytes):
    return extract_bytes(data, "N1799999.docx", Options(citations=False, mentions=False))


# -- whole documents --------------------------------------------------------------------------

def test_the_masthead_comes_from_the_first_page_header_and_the_title_block():
    body = [p(tab(), i("Recalling"), t(" its resolution 71/209,")),
            p(tab(), t("1."), tab(), i("Requests"), t(" the Secretary-General to report.")), *TRAILER]
    r = record(make_docx(*HEAD, *body, header=MASTHEAD, symbol="A/RES/72/999"))
    d = r.document
    assert (d.symbol, d.number, d.kind, d.body, d.session) == (
        "A/RES/72/999", "72/999", "resolution", "General Assembly", 72)
    assert d.title == "Strengthening the United Nations crime prevention programme"
    assert (d.adopted, d.issued, d.agenda_item) == ("2017-12-19", "2018-01-08", 107)
    assert (d.committee, d.committee_report, d.plenary_meeting) == ("Third Committee", "A/72/434", 73)
    assert [(x.id, x.verb, x.text) for x in r.paragraphs] == [
        ("PP1", "Recalling", "Recalling its resolution 71/209,"),
        ("OP1", "Requests", "Requests the Secretary-General to report.")]


def test_footnote_references_and_noteref_repeats_are_markers():
    body = [p(tab(), i("Recalling"), t(" the Convention against Corruption,"), fn(7), t(" and")),
            p(tab(), i("Noting"), t(" the report of the Secretary-General,"), fn(9)),
            p(tab(), t("1."), tab(), i("Calls upon"), t(" States to ratify the Convention"), noteref(1), t(";")),
            *TRAILER]
    # footnote ids are Word's own; the printed numbers follow the order of the references
    r = record(make_docx(*HEAD, *body, footnotes={7: "United Nations, Treaty Series, vol. 2349, No. 42146.",
                                                   9: "A/72/93."}))
    assert [(f.number, f.text, f.cited_in) for f in r.footnotes] == [
        (1, "United Nations, Treaty Series, vol. 2349, No. 42146.", ["PP1", "OP1"]), (2, "A/72/93.", ["PP2"])]
    assert r.paragraph("PP1").text == "Recalling the Convention against Corruption, and"
    assert r.paragraph("OP1").text == "Calls upon States to ratify the Convention;"
    assert not any(MARKER_RE.search(x.text) for x in r.paragraphs)


def test_automatic_numbering_is_printed_as_word_prints_it():
    body = [p(i("Recalling"), t(" its resolution 71/209,")),
            p(i("Requests"), t(" the Office:"), num=(1, 0)),
            p(t("To act;"), num=(1, 1)), p(t("To report;"), num=(1, 1)),
            p(i("Decides"), t(" to remain seized of the matter."), num=(1, 0)), *TRAILER]
    r = record(make_docx(*HEAD, *body, numbering=True))
    assert [x.id for x in r.paragraphs] == ["PP1", "OP1", "OP2"]
    assert r.paragraph("OP1").text == "Requests the Office: (a) To act; (b) To report;"


def test_headings_parts_and_tables():
    body = [p(tab(), i("Recalling"), t(" its resolutions,")),
            p(tab(), t("1."), tab(), i("Approves"), t(" the following appropriations:")),
            table(["Section", "Amount"], ["1. Policymaking", "100"]),
            p(t("Budget estimates for 2018"), style="H23"),
            p(tab(), t("2."), tab(), i("Decides"), t(" to apportion the amount;")), *TRAILER,
            p(t("B"), br(), t("Financing for 2019"), style="TitleH1"),
            p(tab(), i("The General Assembly"), t(",")),
            p(tab(), i("Noting"), t(" the report,")),
            p(tab(), t("1."), tab(), i("Decides"), t(" to appropriate the amount.")), TRAILER[0]]
    r = record(make_docx(*HEAD, *body))
    assert [x.id for x in r.paragraphs] == ["PP1", "A.OP1", "A.OP2", "PP2", "B.OP1"]
    assert r.paragraph("A.OP1").text == "Approves the following appropriations: Section Amount 1. Policymaking 100"
    heads = [h.text for h in r.head]
    assert "Budget estimates for 2018" in heads and "Financing for 2019" in heads


def test_a_document_written_by_python_docx():
    import docx

    d = docx.Document()
    section = d.sections[0]
    section.different_first_page_header_footer = True
    for line in MASTHEAD:
        section.first_page_header.add_paragraph(line)
    section.first_page_header.paragraphs[0].text = "United Nations"  # the template's empty first line
    for text in ["Seventy-second session", "Agenda item 107",
                 "Resolution adopted by the General Assembly on 19 December 2017",
                 "72/999.\tStrengthening the programme"]:
        d.add_paragraph(text)
    formula = d.add_paragraph("\t")
    formula.add_run("The General Assembly").italic = True
    formula.add_run(",")
    para = d.add_paragraph("\t")
    para.add_run("Deeply concerned").italic = True
    para.add_run(" about violence against women,")
    para = d.add_paragraph("\t1.\t")
    para.add_run("Strongly encourages").italic = True
    para.add_run(" Member States to act.")
    d.add_paragraph("73rd plenary meeting\n19 December 2017")
    out = io.BytesIO()
    d.save(out)
    r = record(out.getvalue())
    assert (r.document.symbol, r.document.number, r.document.issued) == ("A/RES/72/999", "72/999", "2018-01-08")
    assert [(x.id, x.verb) for x in r.paragraphs] == [("PP1", "Deeply concerned"), ("OP1", "Strongly encourages")]
    assert r.format == "docx"


# -- bad Word files ---------------------------------------------------------------------------

def test_a_damaged_word_document_is_refused_with_a_reason():
    good = make_docx(*HEAD, p(t("Recalling its resolution,")))
    with pytest.raises(InputError) as err:
        read_docx(good[: len(good) // 2], "half.docx")
    assert err.value.path == "half.docx" and "damaged" in err.value.reason
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(InputError) as err:
        read_docx(broken.getvalue(), "broken.docx")
    assert "damaged Word document" in err.value.reason


# -- the real corpus --------------------------------------------------------------------------

REAL = [
    # (file, symbol, number, (PP, OP, FN), an id that must exist)
    ("N1735495.docx", "A/RES/72/3", "72/3", (13, 28, 10), "OP28"),
    ("N1743001.docx", "A/RES/72/90 A-B", "72/90", None, "B.OP107"),
]


@pytest.mark.parametrize("name,symbol,number,counts,some_id", REAL, ids=[x[0] for x in REAL])
def test_real_word_files_of_the_72nd_session(corpus_dir, name, symbol, number, counts, some_id):
    path = corpus_dir / "docx" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    r = extract_file(path, Options(citations=False, mentions=False))
    d = r.document
    assert (d.symbol, d.number, d.session, d.kind, d.body) == (symbol, number, 72, "resolution", "General Assembly")
    assert d.adopted and d.issued and d.title and d.plenary_meeting
    if counts:
        got = (len(r.preambular_paragraphs), len(r.operative_paragraphs), len(r.footnotes))
        assert got == counts, f"{name}: (PP, OP, FN) {got}, expected {counts}"
    assert some_id in [x.id for x in r.paragraphs]
    for item in [*r.paragraphs, *r.footnotes, *r.head]:
        assert r.normalised[item.span[0]:item.span[1]] == item.text, (name, item)
    assert not any(MARKER_RE.search(x.text) for x in r.paragraphs)
    assert marker(1) not in r.normalised
