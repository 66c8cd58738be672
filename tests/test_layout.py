"""Layout of the plain-text renditions: page furniture, wrapped lines, footnote blocks, markers.

Inputs are written for the purpose; each row says "this text gives these blocks/footnotes".
"""

from __future__ import annotations

import pytest

import kg
from kg.laid import MARKER_RE
from kg.layout import (
    is_furniture,
    join_wrapped,
    lay_out_markdown,
    lay_out_pdf_text,
    lay_out_word_text,
)

# -- page furniture ----------------------------------------------------------------------------

FURNITURE = [
    ("2/12", True),
    ("11/12", True),
    ("13-45103 (E)", True),
    ("25-16620 (E) 201025", True),
    ("*1345103*", True),
    ("Please recycle", True),
    ("2/8 25-16620", True),
    ("25-16620 3/8", True),
    ("12. Requests the Secretary-General", False),
    ("resolutions 2012/12 to 2012/19 of 26 July 2012", False),
    ("The General Assembly,", False),
    ("Agenda item 108", False),
    ("2030 Agenda for Sustainable Development", False),
]


@pytest.mark.parametrize("line,expected", FURNITURE)
def test_page_furniture_is_recognised_and_text_is_not(line, expected):
    assert is_furniture(line) is expected, f"{line!r} should {'' if expected else 'not '}be furniture"


JOINS = [
    (["implementation of the United Nations", "Convention against Corruption"],
     "implementation of the United Nations Convention against Corruption"),
    (["strengthen interna-", "tional cooperation"], "strengthen international cooperation"),
    (["concerning counter-", "terrorism and its"], "concerning counter-terrorism and its"),
    (["non-", "governmental organizations"], "non-governmental organizations"),
    (["the Protocols thereto,2 the United  ", "  Nations"], "the Protocols thereto,2 the United Nations"),
]


@pytest.mark.parametrize("lines,joined", JOINS)
def test_wrapped_lines_are_joined_and_soft_hyphens_undone(lines, joined):
    assert join_wrapped(lines) == joined


PRINTED_JOINS = [
    # text the PDF reader gives: every line-final hyphen is printed (UN texts are not hyphenated
    # automatically), so it is kept
    (["climate change-", "related sea level rise"], "climate change-related sea level rise"),
    (["riverine run-", "off of fertilizers"], "riverine run-off of fertilizers"),
    (["the Decade 2024–", "2034;"], "the Decade 2024–2034;"),
    (["fisheries –", "including aquaculture"], "fisheries – including aquaculture"),
    # a joint symbol broken after its hyphen stays one symbol
    (["decision WT/MIN(15)/48-", "WT/L/982 of 19 December 2015"], "decision WT/MIN(15)/48-WT/L/982 of 19 December 2015"),
    (["report (A/73/97-", "E/2018/69)"], "report (A/73/97-E/2018/69)"),
    (["the period 2024-", "Member States"], "the period 2024- Member States"),
]


@pytest.mark.parametrize("lines,joined", PRINTED_JOINS)
def test_printed_hyphens_and_dashes_are_kept_when_lines_are_joined(lines, joined):
    assert join_wrapped(lines, keep_hyphens=True) == joined


def test_a_dash_closing_up_to_a_number_joins_without_a_space():
    assert join_wrapped(["from 2014–", "2024"]) == "from 2014–2024"


# -- text extracted from PDF -------------------------------------------------------------------

PDF_TEXT = """\
   Albania, Argentina, Micronesia
(Federated States of) and Viet Nam:
draft resolution


  Strengthening the United Nations crime prevention and criminal
justice programme


 The General Assembly,

 Reaffirming its resolutions 46/152 of 18 December 1991 and 60/1 of 16 September
2005,

 Reaffirming also the ratification and implementation of the United Nations
Convention against Transnational Organized Crime1 and the Protocols thereto,2 the United

__________________

 1  United Nations, Treaty Series, vol. 2225, No. 39574.
 2  Ibid., vols. 2237, 2241 and 2326, No. 39574.
 Convention against Corruption and all the international conventions,

  Expressing its grave concern at the effects of transnational organized crime,

 1. Takes note with appreciation of the report of the Secretary-General;

 2. Requests the Office to continue to assist Member States in the
fight against crime;
 3. Also requests the Secretary-General to report on the implementation of the
present resolution, as mandated in its resolutions 2012/12 and 2012/13.
"""


def test_pdf_text_paragraphs_survive_a_footnote_block_inside_them():
    laid = lay_out_pdf_text(PDF_TEXT)
    body = [b.text for b in laid.blocks if b.role is None]
    assert body[1].startswith("Reaffirming also") and body[1].endswith("all the international conventions,"), (
        "a paragraph split by a footnote block must be one paragraph")
    assert body[2].startswith("Expressing its grave concern")
    assert [b[:2] for b in body[3:]] == ["1.", "2.", "3."], "operative paragraphs, one block each"
    assert len(body) == 6


def test_pdf_text_footnotes_are_lifted_out_of_the_body():
    laid = lay_out_pdf_text(PDF_TEXT)
    assert laid.footnotes == [(1, "United Nations, Treaty Series, vol. 2225, No. 39574."),
                              (2, "Ibid., vols. 2237, 2241 and 2326, No. 39574.")]
    assert not any("Treaty Series" in b.text for b in laid.blocks)


def test_pdf_text_masthead_lines_are_grouped_and_the_formula_found():
    laid = lay_out_pdf_text(PDF_TEXT)
    head = [b.text for b in laid.blocks if b.role == "head"]
    assert head[0] == "Albania, Argentina, Micronesia (Federated States of) and Viet Nam: draft resolution"
    assert head[1] == "Strengthening the United Nations crime prevention and criminal justice programme"
    assert [b.text for b in laid.blocks if b.role == "formula"] == ["The General Assembly,"]


PAGED = (
    "United Nations A/RES/80/11\nGeneral Assembly Distr.: General\n1 December 2025\n25-19633 (E)\n*2519633*\n"
    "Eightieth session\nAgenda item 62\nResolution adopted by the General Assembly on 26 November 2025\n"
    "80/11. Review of the peacebuilding architecture\nThe General Assembly,\n"
    "Guided by the purposes and principles of the Charter of the United Nations, and \n"
    "renewing its commitment to international cooperation,\n"
    "Recalling the relevant provisions,1\n"
    "_______________\n"
    "1\nIncluding General Assembly resolution 60/180 and Security Council resolution 1645 (2005), \n"
    "and Council resolution 2558 (2020).\f"
    "A/RES/80/11 Review of the peacebuilding architecture\n2/7 25-19633\n"
    "Peacebuilding Commission\n"
    "1. Reaffirms all relevant resolutions relating to the mandate of the Commission, and \n"
    "also reaffirms the need to strengthen its fulfilment by:\n"
    "(a) Requesting the Commission to establish a programme of work;\n"
    "(b) Requesting the Commission to report;\n"
    "Department of Political and Peacebuilding Affairs/Peacebuilding \n"
    "Support Office\n"
    "2. Encourages the Support Office to enhance cooperation;\n"
    "51st plenary meeting\n26 November 2025\n"
)


def test_pdf_pages_lose_running_heads_and_keep_section_headings_apart():
    laid = lay_out_pdf_text(PAGED)
    blocks = [(b.role, b.text) for b in laid.blocks if b.role != "head"]
    texts = [t for _, t in blocks]
    assert not any("2/7" in t or t.startswith("A/RES/80/11 Review") for t in texts), "running head dropped"
    assert ("heading", "Peacebuilding Commission") in blocks
    assert ("heading", "Department of Political and Peacebuilding Affairs/Peacebuilding Support Office") in blocks
    op1 = next(t for t in texts if t.startswith("1. Reaffirms"))
    assert "(b) Requesting the Commission to report;" in op1, "subparagraphs stay in their paragraph"
    assert any(t.startswith("2. Encourages") for t in texts)
    assert laid.footnotes[0][0] == 1 and laid.footnotes[0][1].endswith("resolution 2558 (2020).")


# -- text exported from Word ------------------------------------------------------------------

WORD_TEXT = (
    "[DU1]\nResolution adopted by the General Assembly on 18 December 2013\n"
    "[on the report of the Third Committee (A/68/457)]\n"
    "68/193.\tStrengthening the programme\n"
    "\tThe General Assembly,\n"
    "\tReaffirming the United Nations Convention against Corruption1 and the Global Strategy adopted on 8 September 20062,\n"
    "\t1.\tTakes note of the report of the Secretary-General;3\n"
    "\t2.\tRequests the Secretary-General to report.\n"
    "70th plenary meeting\n18 December 2013\n"
    "1 United Nations, Treaty Series, vol. 2349, No. 42146.\n"
    "2 Resolution 60/288.\n"
    "3 A/68/127.\n"
    "[DU1]<<ODS JOB NO>>N1345103E<<ODS JOB NO>>\n<<ODS DOC SYMBOL1>>A/RES/68/193<<ODS DOC SYMBOL1>>\n"
    "United NationsA/RES/68/193General AssemblyDistr.: General\n14 February 2014Sixty-eighth session\n"
    "Agenda item 108\n13-45103 (E)\n*1345103*Please recycle\n2/12\n"
)


def test_word_text_footnotes_come_after_the_plenary_line_and_the_trailer_is_kept_apart():
    laid = lay_out_word_text(WORD_TEXT)
    assert [n for n, _ in laid.footnotes] == [1, 2, 3]
    body = [b.text for b in laid.blocks if b.role is None]
    assert body[0].startswith("Reaffirming")
    assert body[1].startswith("1. Takes note") and body[2].startswith("2. Requests")
    trailer = [b.text for b in laid.blocks if b.role == "trailer"]
    assert any("ODS DOC SYMBOL1" in t for t in trailer)
    assert any("Sixty-eighth session" in t for t in trailer)


# -- Markdown ---------------------------------------------------------------------------------

MARKDOWN = """\
# General Assembly

Distr.: Limited
14 November 2017

---

## Seventy-second session

### Third Committee

Agenda item 107

**Albania, Argentina and Czechia: draft resolution**

### **Strengthening the programme**

*The General Assembly,*

*Reaffirming* its resolutions relating to the United Nations Convention against Transnational Organized Crime and the Protocols thereto,<sup>1</sup> the Doha Declaration at the National

---

<sup>1</sup> United Nations, *Treaty Series*, vols. 2225, 2237, 2241 and 2326, No. 39574.

<sup>2</sup> Resolution 70/174, annex.

and International Levels,<sup>2</sup>

*Expressing its grave concern* about crime¹²,

- 1. *Takes note* of the report;
- 2. Requests the Secretary-General to report.
"""


def test_markdown_emphasis_gives_verbs_and_superscripts_give_markers():
    laid = lay_out_markdown(MARKDOWN)
    body = [b for b in laid.blocks if b.role is None]
    assert [b.verb for b in body] == ["Reaffirming", "Expressing its grave concern", "Takes note", None]
    assert "*" not in body[0].text
    assert [int(m.group(1)) for m in MARKER_RE.finditer(body[0].text)] == [1, 2]
    assert [int(m.group(1)) for m in MARKER_RE.finditer(body[1].text)] == [12], "¹² is one marker, 12"
    assert body[0].text.endswith("at the National and International Levels," + MARKER_RE.search(body[0].text[-10:]).group(0))


def test_markdown_footnote_lines_and_headings():
    laid = lay_out_markdown(MARKDOWN)
    assert laid.footnotes == [(1, "United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574."),
                              (2, "Resolution 70/174, annex.")]
    head = [b.text for b in laid.blocks if b.role == "head"]
    assert "Seventy-second session" in head and "Third Committee" in head
    assert "Albania, Argentina and Czechia: draft resolution" in head
    assert head[-1] == "Strengthening the programme"


# -- text the PDF reader gives (pages kept, first lines indented) -----------------------------

READER_TEXT = (
    "             United Nations A/RES/80/12\n"
    "             Resolution adopted by the General Assembly on 26 November 2025\n\n"
    "   80/12. Sustainable fisheries\n\n"
    "                  The General Assembly,\n\n"
    "                 Taking note of the Global Leaders\u2019 Meeting on Gender Equality and the Global Leaders\u2019\n"
    "             Meeting on Women held in Beijing,\n\n"
    "                 Noting the question put to the Court: What are the obligations of Israel?\n\n"
    "                 Recalling the report of the Conference on Trade,\ue0001\ue001\n\n"
    "             I\n"
    "             Achieving sustainable fisheries\n\n"
    "                 1. Reaffirms the importance of conservation;\n\n"
    "                 2. Calls upon States to act;\n\n"
    "        _______________\n"
    "          1 United Nations Conference on Trade and Development, document UNCTAD/RMT/2023.\n"
    "             Available at https://unctad.org/rmt2023.\n"
    "          2 Report of the Conference, Rio de Janeiro,\n"
    "             3–14 June 1992, vol. I.\f"
    "                 3 Also calls upon States to cooperate;\n\n"
    "             III\n"
    "             Conditions of service and compensation for officials, other than Secretariat\n"
    "             officials, serving the General Assembly\n\n"
    "                 Recalling its resolution 35/221 of 17 December 1980,\n\n"
    "                 1. Takes note of the report;\n"
)


def test_text_from_the_pdf_reader_is_laid_out_by_pages_indentation_and_gaps():
    laid = lay_out_pdf_text(READER_TEXT, paged=True)
    blocks = [(b.role, b.text) for b in laid.blocks if b.role not in ("head", "formula")]
    texts = [t for _, t in blocks]
    assert texts[0] == "Taking note of the Global Leaders\u2019 Meeting on Gender Equality and the Global Leaders\u2019 " \
                       "Meeting on Women held in Beijing,", "an apostrophe at a line end does not close a clause"
    assert texts[1].endswith("Israel?") and texts[2].startswith("Recalling"), "a question closes a paragraph"
    assert texts[3:6] == ["I", "Achieving sustainable fisheries", "1. Reaffirms the importance of conservation;"], (
        "a part label and its title, not a heading merged into the paragraph")
    assert "3. Also calls upon States to cooperate;" in texts, "a number printed without its full stop"
    title = "Conditions of service and compensation for officials, other than Secretariat officials, serving the General Assembly"
    assert title in texts and "Recalling its resolution 35/221 of 17 December 1980," in texts, (
        "a gap and an opening phrase start a paragraph after an unpunctuated title")


def test_footnote_blocks_of_the_pdf_reader_run_to_the_end_of_their_page():
    laid = lay_out_pdf_text(READER_TEXT, paged=True)
    assert laid.footnotes == [
        (1, "United Nations Conference on Trade and Development, document UNCTAD/RMT/2023. "
            "Available at https://unctad.org/rmt2023."),
        (2, "Report of the Conference, Rio de Janeiro, 3–14 June 1992, vol. I."),
    ], "a line after a complete note, or opening with a number lower than the next note's, continues it"


def test_a_date_wrapped_to_a_line_start_continues_an_unfinished_pdf_note():
    text = (
        "United Nations A/RES/80/147\n\n"
        "80/147. Least developed countries\n\n"
        "The General Assembly,\n\n"
        "    1. Welcomes the Doha Programme of Action;\ue0001\ue001\n\n"
        "_______________\n"
        "  1 Report of the Fifth United Nations Conference on the Least Developed Countries, New York,\n"
        "  2 March 2022, and Doha, 5\u20139 March 2023 (A/CONF.219/2023/3), chap. I, resolution 2.\n"
        "  2 Resolution 78/317, annex.\n"
    )
    laid = lay_out_pdf_text(text, paged=True)
    assert [n for n, _ in laid.footnotes] == [1, 2], "the day of a wrapped date is not the next note's number"
    assert laid.footnotes[0][1].endswith("New York, 2 March 2022, and Doha, 5\u20139 March 2023 "
                                         "(A/CONF.219/2023/3), chap. I, resolution 2.")
    assert laid.footnotes[1][1] == "Resolution 78/317, annex."


def test_an_asterisk_note_wrapping_in_a_pdf_footnote_block_keeps_the_numbered_notes_after_it():
    text = (
        "United Nations A/C.3/80/L.12\n\n"
        "Iraq:* draft resolution\n\n"
        "Implementation of the outcome of the World Summit for Social Development\n\n"
        "The General Assembly,\n\n"
        "    Reaffirming the Copenhagen Declaration on Social Development,\ue0001\ue001\n\n"
        "        __________________\n"
        "  * On behalf of the States that are members of the Group of 77 and China, taking into account also\n"
        "    the provisions of General Assembly resolution ES-10/23 of 10 May 2024.\n"
        "  1 Report of the World Summit for Social Development, Copenhagen, 6\u201312 March 1995.\n"
        "\f"
        "    Recognizing that the three core themes are interrelated,\n\n"
        "    1. Takes note of the report of the Secretary-General;\n"
    )
    laid = lay_out_pdf_text(text, paged=True)
    assert laid.footnotes == [(1, "Report of the World Summit for Social Development, Copenhagen, 6\u201312 March 1995.")]
    star = [b.text for b in laid.blocks if b.text.startswith("*")]
    assert star == ["* On behalf of the States that are members of the Group of 77 and China, taking into "
                    "account also the provisions of General Assembly resolution ES-10/23 of 10 May 2024."]
    record = kg.extract_text(text.replace("\f", "\n"), "A_C.3_80_L.12.txt")
    assert not any(p.text.startswith("*") for p in record.paragraphs), "an asterisk note is no paragraph"
