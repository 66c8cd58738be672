"""The Akoma Ntoso reader: each row is a small AKN4UN document written for the purpose and the
record it must give; then real files of every kind the corpus holds (GA and ECOSOC, parts,
annexes, recommended drafts), with the span invariant checked on each."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.laid import MARKER_RE
from kg.pipeline import Options, extract_bytes, extract_file
from kg.readers.akn import read_akn

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

COVER = """
<coverPage>
  <p><docAuthority refersTo="#publisher">United Nations</docAuthority></p>
  <p class="upperRight"><docNumber refersTo="#symbol">A/RES/80/999</docNumber></p>
  <p><docAuthority refersTo="#issuingBody">General Assembly</docAuthority></p>
  <p><docStatus>Distr.: General</docStatus></p>
  <p><docDate date="2025-12-19" refersTo="#dateOfIssuance">19 December 2025</docDate></p>
  <p><session value="80">Eightieth session</session></p>
  <p><inline title="107" name="agenda item">Agenda item 107</inline></p>
  <p><inline name="agenda item name">Crime prevention and criminal justice</inline></p>
  <p><docTitle>Resolution adopted by the General Assembly on 15 December 2025</docTitle></p>
  <p><docProponent>[on the report of the Third Committee (<inline name="originating document">A/80/470, para. 24</inline>)]</docProponent></p>
</coverPage>
<preface><p><docNumber>80/999.</docNumber><docTitle><span class="bold">Strengthening the programme</span></docTitle></p></preface>
"""
FORMULA = """<formula name="enactingFormula"><p><span class="italic">The General Assembly</span>,</p></formula>"""
CONCLUSIONS = """<conclusions><p><inline name="adoptionMeeting" title="62nd">62nd plenary meeting</inline><eol/>
<docDate date="2025-12-15">15 December 2025</docDate></p></conclusions>"""


def akn(preamble: str = "", body: str = "", *, cover: str = COVER, after: str = CONCLUSIONS,
        root: str = "statement") -> bytes:
    return (f'<akomaNtoso xmlns="{NS}"><{root} name="resolution"><meta><identification>'
            f'<FRBRWork><FRBRdate date="2025-12-15" name="adoption"/></FRBRWork></identification></meta>'
            f"{cover}<preamble>{FORMULA}{preamble}</preamble><mainBody>{body}</mainBody>{after}"
            f"</{root}></akomaNtoso>").encode()


def pp(verb: str, rest: str) -> str:
    return f'<container name="{verb}"><p>\t<span class="italic">{verb}</span> {rest}</p></container>'


def op(n: int | None, verb: str, rest: str) -> str:
    num = f"<num>{n}.</num>" if n is not None else ""
    return f'<paragraph>{num}<content><p>\t<span class="italic">{verb}</span> {rest}</p></content></paragraph>'


def note(n: int, text: str) -> str:
    return f'<authorialNote marker="{n}" placement="bottom"><p>\t {text}</p></authorialNote>'


def record(data: bytes):
    return extract_bytes(data, "A_RES_80_999.xml", Options(citations=False, mentions=False))


def ids(data: bytes) -> list[str]:
    return [p.id for p in record(data).paragraphs]


# -- metadata, paragraphs, verbs ---------------------------------------------------------------

def test_the_cover_page_preface_and_conclusions_give_the_metadata():
    d = record(akn(pp("Recalling", "its resolution 79/1,"), op(1, "Requests", "a report."))).document
    assert (d.symbol, d.number, d.kind, d.title, d.body) == (
        "A/RES/80/999", "80/999", "resolution", "Strengthening the programme", "General Assembly")
    assert (d.session, d.adopted, d.issued, d.agenda_item) == (80, "2025-12-15", "2025-12-19", 107)
    assert (d.committee, d.committee_report, d.plenary_meeting) == ("Third Committee", "A/80/470", 62)


def test_metadata_the_markup_states_fills_what_the_page_does_not_print():
    bare = "<coverPage><p><docNumber refersTo=\"#symbol\">E/RES/2025/9</docNumber></p>" \
           "<p><session value=\"2025\">2025 session</session></p></coverPage>" \
           "<preface><p><docNumber>2025/9.</docNumber><docTitle>Title</docTitle></p></preface>"
    d = record(akn(pp("Recalling", "its resolution,"), op(1, "Decides", "to act."), cover=bare,
                   after="")).document
    assert (d.symbol, d.number, d.session, d.adopted) == ("E/RES/2025/9", "2025/9", 2025, "2025-12-15")


VERBS = [
    # (preambular or operative markup, expected verb as printed)
    (pp("Recalling also", "its resolution,"), "Recalling also"),
    (pp("Deeply concerned", "about violence,"), "Deeply concerned"),
    (pp("Taking note with appreciation", "of the report,"), "Taking note with appreciation"),
    (op(1, "Requests, furthermore,", "the Office to act;"), "Requests, furthermore,"),
    (op(1, "Strongly encourages", "Member States;"), "Strongly encourages"),
]


@pytest.mark.parametrize("markup,verb", VERBS)
def test_opening_phrases_in_italics_are_the_verbs(markup, verb):
    if markup.startswith("<container"):
        data = akn(markup, op(1, "Decides", "to act."))
    else:
        data = akn(pp("Recalling", "its resolution,"), markup)
    r = record(data)
    assert verb in [p.verb for p in r.paragraphs], [p.verb for p in r.paragraphs]


BODIES = [
    # (what the markup holds, the paragraph ids it gives)
    ("numbered paragraphs",
     pp("Recalling", "a,") + pp("Noting", "b,"), op(1, "Requests", "c;") + op(2, "Decides", "d."),
     ["PP1", "PP2", "OP1", "OP2"]),
    ("subparagraphs in a list are part of their paragraph",
     pp("Recalling", "a,"),
     '<paragraph><num>1.</num><list><intro><p><span class="italic">Requests</span> the Office:</p></intro>'
     '<point><num>(a)</num><content><p>To act;</p></content></point>'
     '<point><num>(b)</num><content><p>To report;</p></content></point></list></paragraph>'
     + op(2, "Decides", "to remain seized."),
     ["PP1", "OP1", "OP2"]),
    ("subparagraphs typed into unnumbered paragraphs",
     pp("Recalling", "a,"),
     op(1, "Requests", "the Office:") + "<paragraph><content><p>(a) To act;</p></content></paragraph>"
     "<paragraph><content><p>(b) To report;</p></content></paragraph>" + op(2, "Decides", "d."),
     ["PP1", "OP1", "OP2"]),
    ("an operative paragraph printed without a number",
     pp("Having considered", "the report,"),
     '<paragraph><content><p><span class="italic">Approves</span> the report of the Credentials Committee.</p>'
     "</content></paragraph>",
     ["PP1", "OP1"]),
    ("a number typed into the text without its full stop",
     pp("Recalling", "a,"),
     op(5, "Reaffirms", "b;") + "<paragraph><content><p>\t6\t<span class=\"italic\">Also reaffirms</span> c;</p>"
     "</content></paragraph>" + op(7, "Decides", "d."),
     ["PP1", "OP5", "OP6", "OP7"]),
    ("section headings inside the body are head lines",
     pp("Recalling", "a,"),
     op(1, "Requests", "b;") + '<paragraph class="H23"><subheading>Budget estimates for 2026</subheading>'
     "</paragraph>" + op(2, "Decides", "c."),
     ["PP1", "OP1", "OP2"]),
    ("sections that restart the numbering",
     pp("Recalling", "a,"),
     "<section><subheading>A</subheading><subheading>Base salary</subheading>" + op(1, "Approves", "b;")
     + op(2, "Notes", "c;") + "</section><section><subheading>B</subheading><subheading>Margin</subheading>"
     + op(1, "Reaffirms", "d.") + "</section>",
     ["PP1", "A.OP1", "A.OP2", "B.OP1"]),
    ("preambular paragraphs marked as cross-headings inside a part",
     "",
     '<part><subheading>A</subheading><subheading>Work of the Committee</subheading>'
     '<crossHeading refersTo="#preamble"><span class="italic">Recognizing</span> the work,</crossHeading>'
     + op(1, "Expresses", "appreciation;") + "</part>"
     '<part><subheading>B</subheading><subheading>Other work</subheading>'
     '<crossHeading refersTo="#preamble"><span class="italic">Noting</span> the report,</crossHeading>'
     + op(1, "Commends", "the Secretary-General.") + "</part>",
     ["PP1", "A.OP1", "PP2", "B.OP1"]),
    ("a table belongs to the paragraph that introduces it",
     pp("Recalling", "a,"),
     op(1, "Approves", "the following appropriations:")
     + '<container name="table"><table><tr><th><p>Section</p></th><th><p>Amount</p></th></tr>'
       "<tr><td><p>1. Policymaking</p></td><td><p>100</p></td></tr></table></container>"
     + op(2, "Decides", "d."),
     ["PP1", "OP1", "OP2"]),
    ("a clause introducing numbered paragraphs is a head line",
     "",
     '<paragraph><content><p><span class="italic">Resolves</span> that, for 2026:</p></content></paragraph>'
     + "<paragraph><num>1.</num><content><p>Appropriations totalling 100 dollars are approved;</p></content>"
       "</paragraph><paragraph><num>2.</num><content><p>The Secretary-General may transfer credits.</p>"
       "</content></paragraph>",
     ["OP1", "OP2"]),
]


@pytest.mark.parametrize("label,preamble,body,expected", BODIES, ids=[b[0] for b in BODIES])
def test_the_body_gives_these_paragraphs(label, preamble, body, expected):
    r = record(akn(preamble, body))
    assert [p.id for p in r.paragraphs] == expected, label
    for item in [*r.paragraphs, *r.footnotes, *r.head]:
        assert r.normalised[item.span[0]:item.span[1]] == item.text


def test_subparagraphs_and_tables_keep_their_text_in_the_paragraph():
    r = record(akn(pp("Recalling", "a,"), BODIES[1][2]))
    assert r.paragraph("OP1").text == "Requests the Office: (a) To act; (b) To report;"
    r = record(akn(pp("Recalling", "a,"), BODIES[8][2]))
    assert r.paragraph("OP1").text == "Approves the following appropriations: Section Amount 1. Policymaking 100"
    r = record(akn("", BODIES[9][2]))
    assert any(h.text == "Resolves that, for 2026:" for h in r.head)


# -- footnotes --------------------------------------------------------------------------------

def test_authorial_notes_are_footnotes_and_their_markers_are_lifted_from_the_text():
    body = op(1, "Takes note", f"of the report of the Secretary-General;{note(2, 'A/80/99.')}") \
        + op(2, "Recalls", "the Convention<sup>1</sup> and its Protocols.")
    unts = note(1, 'United Nations, <span class="italic">Treaty Series</span>, vol. 2349, No. 42146.')
    preamble = pp("Recalling", f"the United Nations Convention against Corruption,{unts}")
    r = record(akn(preamble, body))
    assert [(f.id, f.text, f.cited_in) for f in r.footnotes] == [
        ("FN1", "United Nations, Treaty Series, vol. 2349, No. 42146.", ["PP1", "OP2"]),
        ("FN2", "A/80/99.", ["OP1"])]
    pp1 = r.paragraph("PP1")
    assert pp1.text == "Recalling the United Nations Convention against Corruption,"
    assert [m.number for m in pp1.markers] == [1]
    assert r.normalised[pp1.markers[0].offset - 1] == ","
    assert not any(MARKER_RE.search(p.text) for p in r.paragraphs)


# -- parts, annexes, recommended drafts ---------------------------------------------------------

def test_a_resolution_adopted_in_parts():
    part = ('<component><statement name="resolution"><preface><p><docNumber>{label}</docNumber>'
            "<docTitle>{title}</docTitle></p></preface><preamble>" + FORMULA + "{pre}</preamble>"
            "<mainBody>{body}</mainBody>" + CONCLUSIONS + "</statement></component>")
    data = (f'<akomaNtoso xmlns="{NS}"><documentCollection name="publication">{COVER}'
            '<collectionBody><component><documentRef href="comp_0"/></component></collectionBody>'
            "</documentCollection><components>"
            + part.format(label="A", title="Information in the service of humanity",
                          pre=pp("Taking note", "of the report,"), body=op(None, "Urges", "all countries:")
                          + "<paragraph><num>(a)</num><content><p>To cooperate;</p></content></paragraph>")
            + part.format(label="B", title="Public information policies",
                          pre=pp("Emphasizing", "the role,"), body=op(1, "Reaffirms", "a;") + op(2, "Requests", "b."))
            + "</components></akomaNtoso>").encode()
    r = record(data)
    assert [p.id for p in r.paragraphs] == ["PP1", "A.OP1", "PP2", "B.OP1", "B.OP2"]
    assert r.paragraph("A.OP1").text == "Urges all countries: (a) To cooperate;"
    assert r.document.kind == "resolution" and r.document.plenary_meeting == 62
    assert any(h.text == "Public information policies" for h in r.head)


def test_an_annex_is_kept_apart_from_the_resolution_s_own_paragraphs():
    annex = ('<attachments><attachment><doc name="annex"><mainBody>'
             '<paragraph class="H1"><content><p><span class="bold">Terms of reference</span></p></content></paragraph>'
             '<paragraph class="HCh"><num>I.</num><content><p><span class="bold">.\tEstablishment</span></p>'
             "</content></paragraph>"
             "<paragraph><num>1.</num><content><p>The trust fund is established.</p></content></paragraph>"
             "<paragraph><content><p>It is administered by the Secretary-General.</p></content></paragraph>"
             "</mainBody></doc></attachment></attachments>")
    r = record(akn(pp("Recalling", "a,"), op(1, "Establishes", "a trust fund;"), after=CONCLUSIONS + annex))
    assert [p.id for p in r.paragraphs] == ["PP1", "OP1", "ANNEX.OP1", "ANNEX.P1"]
    assert len(r.operative_paragraphs) == 1, "annex paragraphs are not the resolution's own"
    heads = [h.text for h in r.head]
    assert "Annex" in heads and "Terms of reference" in heads and "I. Establishment" in heads


def test_an_ecosoc_text_recommending_a_draft_to_the_general_assembly():
    cover = COVER.replace("A/RES/80/999", "E/RES/2025/9").replace(
        "General Assembly</docAuthority>", "Economic and Social Council</docAuthority>").replace(
        "80/999.", "2025/9.").replace('value="80">Eightieth session', 'value="2025">2025 session')
    embedded = ('<paragraph><content><p>\t<span class="italic">Recommends</span> to the General Assembly '
                "the adoption of the following draft resolution:<embeddedStructure>"
                '<container name="formula"><p><span class="italic">The General Assembly</span>,</p></container>'
                + pp("Recalling", "its resolution 46/152 of 18 December 1991,")
                + op(1, "Requests", "the Secretary-General to report.")
                + "</embeddedStructure></p></content></paragraph>")
    data = akn("", embedded, cover=cover).replace(b"<formula name=\"enactingFormula\"><p><span class=\"italic\">"
                                                  b"The General Assembly</span>,",
                                                  b"<formula name=\"enactingFormula\"><p><span class=\"italic\">"
                                                  b"The Economic and Social Council</span>")
    r = record(data)
    d = r.document
    assert (d.body, d.number, d.session, d.recommended_to) == (
        "Economic and Social Council", "2025/9", 2025, "General Assembly")
    assert [p.id for p in r.paragraphs] == ["PP1", "OP1"]
    assert r.paragraph("PP1").text == "Recalling its resolution 46/152 of 18 December 1991,"
    assert any(h.text.startswith("Recommends to the General Assembly") for h in r.head)


# -- what is not Akoma Ntoso --------------------------------------------------------------------

NOT_AKN = [
    (b"<html><body>The General Assembly,</body></html>", "is XML but not Akoma Ntoso (its root element is <html>"),
    (b"<akomaNtoso><statement>", "is not well-formed XML"),
    (b'<akomaNtoso xmlns="' + NS.encode() + b'"><statement><meta/></statement></akomaNtoso>',
     "holds no preamble or body"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><akomaNtoso xmlns="'
     + NS.encode() + b'"><statement><mainBody><paragraph><content><p>&e;</p></content></paragraph>'
     b"</mainBody></statement></akomaNtoso>", ""),
]


@pytest.mark.parametrize("data,reason", NOT_AKN)
def test_xml_that_is_not_akoma_ntoso_is_refused_with_a_reason(data, reason):
    if not reason:
        # external entities are never resolved: the file they name stays out of the record
        try:
            laid = read_akn(data, "x.xml")
        except InputError:
            return
        assert all("root:" not in b.text for b in laid.blocks)
        return
    with pytest.raises(InputError) as err:
        read_akn(data, "x.xml")
    assert reason in err.value.reason


# -- the real corpus --------------------------------------------------------------------------

REAL = [
    # (file, symbol, number, body, session, (PP, OP, FN) counts, a paragraph id that must exist)
    ("A_RES_76_281.xml", "A/RES/76/281", "76/281", "General Assembly", 76, (5, 25, 3), "OP25"),
    ("A_RES_80_84AB.xml", "A/RES/80/84 A-B", "80/84", "General Assembly", 80, None, "B.OP1"),
    ("E_RES_2023_23.xml", "E/RES/2023/23", "2023/23", "Economic and Social Council", 2023, None, "OP1"),
    ("E_RES_2021_13.xml", "E/RES/2021/13", "2021/13", "Economic and Social Council", 2021, None, "B.OP1"),
    ("A_RES_75_129.xml", "A/RES/75/129", "75/129", "General Assembly", 75, None, "ANNEX.OP1"),
    ("A_RES_80_110.xml", "A/RES/80/110", "80/110", "General Assembly", 80, (35, 362, 172), "OP362"),
]


@pytest.mark.parametrize("name,symbol,number,body,session,counts,some_id", REAL, ids=[r[0] for r in REAL])
def test_real_akn_files(corpus_dir, name, symbol, number, body, session, counts, some_id):
    path = corpus_dir / "akn" / name
    if not path.exists():
        pytest.skip(f"{name} is not in the corpus")
    r = extract_file(path, Options(citations=False, mentions=False))
    d = r.document
    assert (d.symbol, d.number, d.body, d.session, d.kind) == (symbol, number, body, session, "resolution")
    assert d.adopted and d.issued and d.title
    if counts:
        got = (len(r.preambular_paragraphs), len(r.operative_paragraphs), len(r.footnotes))
        assert got == counts, f"{name}: (PP, OP, FN) {got}, expected {counts}"
    assert some_id in [p.id for p in r.paragraphs]
    for item in [*r.paragraphs, *r.footnotes, *r.head]:
        assert r.normalised[item.span[0]:item.span[1]] == item.text, (name, item)
    assert not any(MARKER_RE.search(p.text) for p in r.paragraphs)


def test_an_ecosoc_recommended_draft_from_the_corpus(corpus_dir):
    path = corpus_dir / "akn" / "E_RES_2023_23.xml"
    if not path.exists():
        pytest.skip(f"{path.name} is not in the corpus")
    r = extract_file(path, Options(citations=False, mentions=False))
    assert r.document.recommended_to == "General Assembly"
    assert r.paragraph("PP1").verb == "Emphasizing"
    assert r.paragraphs[0].text.startswith("Emphasizing the responsibility assumed by the United Nations")
