"""Structure: masthead metadata, paragraphs and their verbs, parts, annexes, footnote markers,
the normalised text. Inputs written for the purpose, in the styles real texts use."""

from __future__ import annotations

import re

import pytest

import kg
from kg.errors import InputError
from kg.structure import ordinal_value, split_sponsors

# -- small pieces -----------------------------------------------------------------------------

ORDINALS = [("First", 1), ("tenth", 10), ("Twelfth", 12), ("Twentieth", 20), ("Sixty-eighth", 68),
            ("Seventy-second", 72), ("Eightieth", 80), ("Ninety-ninth", 99), ("Blue", None)]


@pytest.mark.parametrize("word,value", ORDINALS)
def test_session_ordinals(word, value):
    assert ordinal_value(word) == value


SPONSORS = [
    ("Albania, Argentina and Viet Nam", ["Albania", "Argentina", "Viet Nam"]),
    ("Mexico, Micronesia (Federated States of), Mongolia and Spain",
     ["Mexico", "Micronesia (Federated States of)", "Mongolia", "Spain"]),
    ("Spain and Trinidad and Tobago", ["Spain", "Trinidad and Tobago"]),
    ("Thailand, the former Yugoslav Republic of Macedonia and Tunisia",
     ["Thailand", "the former Yugoslav Republic of Macedonia", "Tunisia"]),
    ("United Kingdom of Great Britain and Northern Ireland, United States of America and Uruguay",
     ["United Kingdom of Great Britain and Northern Ireland", "United States of America", "Uruguay"]),
    ("Peru", ["Peru"]),
    ("Bolivia (Plurinational State of)*, Cuba and Venezuela (Bolivarian Republic of)",
     ["Bolivia (Plurinational State of)", "Cuba", "Venezuela (Bolivarian Republic of)"]),
]


@pytest.mark.parametrize("text,names", SPONSORS)
def test_sponsor_lists_split_into_names_as_printed(text, names):
    if "Trinidad" in text:
        from kg.vocab import state_labels

        if not state_labels():
            pytest.skip("splitting 'X and Y and Z' needs the Member States vocabulary")
    assert split_sponsors(text) == names


# -- whole documents --------------------------------------------------------------------------

GA_RESOLUTION = """\
United Nations A/RES/70/178

General Assembly Distr.: General 26 January 2016

Seventieth session Agenda item 106

Resolution adopted by the General Assembly on 17 December 2015

[on the report of the Third Committee (A/70/490)]

70/178. Strengthening the United Nations crime prevention and criminal justice programme

The General Assembly,

Reaffirming its resolutions 46/152 of 18 December 1991 and 69/193 of 18 December 2014,

Deeply concerned about the negative effects of corruption,1

Bearing in mind the Doha Declaration,2

1. Takes note with appreciation of the report of the Secretary-General;3

2. Requests, furthermore, the United Nations Office on Drugs and Crime to assist Member States;

3. Also requests the Secretary-General to report to the General Assembly at its seventy-first session.

80th plenary meeting 17 December 2015

__________________

 1  See resolution 58/4.
 2  Resolution 70/174, annex.
 3  A/70/99.
"""


def test_a_general_assembly_resolution_gives_its_metadata():
    r = kg.extract_text(GA_RESOLUTION, "A_RES_70_178.txt")
    d = r.document
    assert (d.symbol, d.number, d.kind, d.body) == ("A/RES/70/178", "70/178", "resolution", "General Assembly")
    assert d.title == "Strengthening the United Nations crime prevention and criminal justice programme"
    assert (d.session, d.session_inferred) == (70, False)
    assert (d.adopted, d.issued, d.agenda_item) == ("2015-12-17", "2016-01-26", 106)
    assert (d.committee, d.committee_report, d.plenary_meeting) == ("Third Committee", "A/70/490", 80)
    assert d.sponsors == []


def test_paragraph_ids_verbs_and_numbers():
    r = kg.extract_text(GA_RESOLUTION, "A_RES_70_178.txt")
    got = [(p.id, p.kind, p.number, p.verb) for p in r.paragraphs]
    assert got == [
        ("PP1", "preambular", 1, "Reaffirming"),
        ("PP2", "preambular", 2, "Deeply concerned"),
        ("PP3", "preambular", 3, "Bearing in mind"),
        ("OP1", "operative", 1, "Takes note with appreciation"),
        ("OP2", "operative", 2, "Requests, furthermore,"),
        ("OP3", "operative", 3, "Also requests"),
    ]


def test_markers_are_removed_from_text_and_kept_as_data():
    r = kg.extract_text(GA_RESOLUTION, "A_RES_70_178.txt")
    pp2 = r.paragraph("PP2")
    assert pp2.text == "Deeply concerned about the negative effects of corruption,"
    assert [m.number for m in pp2.markers] == [1]
    assert r.normalised[pp2.markers[0].offset - 1] == ","
    assert [(f.number, f.cited_in) for f in r.footnotes] == [(1, ["PP2"]), (2, ["PP3"]), (3, ["OP1"])]


def test_every_span_points_into_the_normalised_text():
    r = kg.extract_text(GA_RESOLUTION, "A_RES_70_178.txt")
    for item in [*r.paragraphs, *r.footnotes, *r.head]:
        a, b = item.span
        assert r.normalised[a:b] == item.text, item
    assert "80th plenary meeting" in r.normalised


MARKERS = [
    # (paragraph text in a document with footnotes 1..n, expected markers, expected clean text)
    ("Recalling the Convention against Corruption1 and the Protocols thereto,2", [1, 2],
     "Recalling the Convention against Corruption and the Protocols thereto,"),
    ("Recalling the Strategy adopted on 8 September 20061 and its reviews, 2", [1, 2],
     "Recalling the Strategy adopted on 8 September 2006 and its reviews,"),
    ("Recalling resolution 66/181;1 and the G20 summit,", [1], "Recalling resolution 66/181; and the G20 summit,"),
    ("Recalling E/CN.15/2012/17 and Corr.1 and paragraph 2, of article 1,", [],
     "Recalling E/CN.15/2012/17 and Corr.1 and paragraph 2, of article 1,"),
    ("Recalling the 1.5 million victims in 2012, 2013 and 2014,", [], None),
    ("Recalling that 2 of the 3 reports,", [], None),
]


@pytest.mark.parametrize("text,numbers,clean", MARKERS)
def test_bare_digit_markers_are_told_from_numbers_of_the_text(text, numbers, clean):
    notes = "\n".join(f" {n}  Note {n}." for n in range(1, 4))
    doc = (f"Peru: draft resolution\n\n Title\n\n The General Assembly,\n\n {text}\n\n"
           f" 1. Decides to remain seized of the matter.\n\n__________________\n\n{notes}\n")
    r = kg.extract_text(doc, "draft.txt")
    pp1 = r.paragraph("PP1")
    assert [m.number for m in pp1.markers] == numbers
    assert pp1.text == (clean or text)


ECOSOC = """\
Resolution adopted by the Economic and Social Council on 25 July 2013

[on the recommendation of the Commission on Crime Prevention and Criminal Justice (E/2013/30)]

2013/35. Strengthening international cooperation in combating illicit trafficking

The Economic and Social Council,

Recommends to the General Assembly the adoption of the following draft resolution:

"The General Assembly,

"Recalling its resolution 67/189 of 20 December 2012,

"1. Requests the Secretary-General to report."

44th plenary meeting 25 July 2013
"""


def test_an_ecosoc_text_recommending_a_draft_to_the_general_assembly():
    r = kg.extract_text(ECOSOC, "E_RES_2013_35.txt")
    d = r.document
    assert (d.body, d.number, d.session, d.adopted) == ("Economic and Social Council", "2013/35", 2013, "2013-07-25")
    assert d.recommended_to == "General Assembly"
    assert [p.id for p in r.paragraphs] == ["PP1", "OP1"]
    assert any(h.text.startswith("Recommends to the General Assembly") for h in r.head)


PARTS = """\
Resolution adopted by the General Assembly on 7 December 2020

75/101. Advancement of women

A

Violence against women migrant workers

The General Assembly,

Recalling its resolution 73/146,

1. Takes note of the report;

2. Requests the Secretary-General to report.

B

Improvement of the situation of women in rural areas

The General Assembly,

Recalling its resolution 74/128,

1. Urges Member States to act;

Annex

Guidelines on the matter

1. States should act.

The guidelines apply everywhere.

46th plenary meeting 7 December 2020
"""


def test_parts_that_restart_numbering_and_annexes():
    r = kg.extract_text(PARTS, "A_RES_75_101.txt")
    ids = [p.id for p in r.paragraphs]
    assert ids == ["PP1", "A.OP1", "A.OP2", "PP2", "B.OP1", "ANNEX.OP1", "ANNEX.P1"]
    assert len(r.operative_paragraphs) == 3, "annex paragraphs are not the resolution's own"


def test_a_draft_resolution_infers_its_session_and_says_so():
    text = ("Spain and Peru: draft resolution\n\n Title\n\n The General Assembly,\n\n"
            " Recalling its resolution 66/181 of 19 December 2011,\n\n"
            " 1. Takes note of the report of the Secretary-General;1\n\n__________________\n\n 1  A/67/156.\n")
    r = kg.extract_text(text, "draft.txt")
    assert (r.document.kind, r.document.session, r.document.session_inferred) == ("draft resolution", 67, True)
    assert r.document.sponsors == ["Spain", "Peru"]


def test_a_decision_without_formula():
    text = ("Decision adopted by the General Assembly on 18 December 2013\n\n"
            "68/536. Report of the Human Rights Council\n\n"
            "At its 70th plenary meeting, on 18 December 2013, the General Assembly, on the recommendation "
            "of the Third Committee, took note of the report.\n")
    r = kg.extract_text(text, "A_DEC_68_536.txt")
    assert (r.document.kind, r.document.number, r.document.adopted) == ("decision", "68/536", "2013-12-18")
    assert [p.id for p in r.operative_paragraphs] == ["OP1"]


def test_an_amendment_is_recognised():
    text = ("United Nations A/C.3/80/L.56\nGeneral Assembly Distr.: Limited\n7 November 2025\n"
            "Eightieth session\nThird Committee\nAgenda item 69 (a)\n"
            "Albania, Australia and Norway: amendment to draft resolution A/C.3/80/L.2\n"
            "Combating glorification of Nazism\n"
            "After operative paragraph 3, insert a new operative paragraph, reading:\n"
            "Notes with alarm the continued attempts;\n")
    r = kg.extract_text(text, "A_C.3_80_L.56.txt")
    d = r.document
    assert (d.kind, d.symbol, d.session, d.agenda_item, d.agenda_item_label) == (
        "amendment", "A/C.3/80/L.56", 80, 69, "69 (a)")
    assert d.sponsors == ["Albania", "Australia", "Norway"]
    assert d.title == "Combating glorification of Nazism"


NOT_RESOLUTIONS = [
    "The quick brown fox jumps over the lazy dog.\nIt was a bright cold day in April.\n",
    "United Nations A/C.3/80/L.1\nGeneral Assembly Distr.: Limited\nNote by the Secretariat\n"
    "1. The agenda items allocated to the Committee will be issued.\n",
]


@pytest.mark.parametrize("text", NOT_RESOLUTIONS)
def test_a_text_that_is_no_resolution_is_refused_with_a_reason(text):
    with pytest.raises(InputError) as err:
        kg.extract_text(text, "notes.txt")
    assert err.value.path == "notes.txt"
    assert re.search(r"does not look like a resolution", err.value.reason)


# -- the sample corpus against the gold ------------------------------------------------------


def test_seeds_match_the_gold_counts_and_metadata(seeds_dir, gold_dir):
    from kg.evaluate import evaluate

    records = kg.extract(seeds_dir)
    ev = evaluate(records, gold_dir)
    assert len(ev.documents) == 5
    for name, acc in ev.counts.items():
        assert acc.ratio == 1.0, f"{name} counts differ from the gold: {acc.wrong}"
    assert ev.metadata.ratio >= 0.95, ev.metadata.wrong
    assert ev.sponsors.f1 == 1.0, ev.sponsors.false_negatives + ev.sponsors.false_positives


def test_sample_corpus_spans_are_faithful():
    for r in kg.extract(kg_data()):
        for item in [*r.paragraphs, *r.footnotes, *r.head]:
            a, b = item.span
            assert r.normalised[a:b] == item.text, (r.source, item)
        for p in r.paragraphs:
            assert "\ue000" not in p.text, "explicit markers must not stay in the text"


def kg_data():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "data"


# -- clauses, parts and mastheads the corpus showed ------------------------------------------

OPENINGS = [
    ("Approves the report of the Credentials Committee.", True),
    ("Takes note of the report;", True),
    ("Strongly condemns all acts of terrorism;", True),
    ("Also decides to remain seized of the matter;", True),
    ("Recalling its resolution 79/1,", False),
    ("Deeply concerned about violence,", False),
    ("Conscious of the need to act,", False),
    ("Mindful of the Charter,", False),
    ("States Parties shall cooperate.", False),
    ("What are the obligations of Israel?", False),
]


@pytest.mark.parametrize("text,operative", OPENINGS)
def test_an_operative_clause_is_told_by_its_finite_verb(text, operative):
    from kg.clauses import opens_operatively

    assert opens_operatively(text) is operative


def _resolution(body: str, masthead: str = "") -> str:
    return (masthead or "Resolution adopted by the General Assembly on 1 December 2025\n\n"
            "80/999. Title of the resolution\n\n") + "The General Assembly,\n\n" + body + \
        "\n\n58th (resumed) plenary meeting\n1 December 2025\n"


BODIES = [
    # (body of a resolution as plain text, paragraph ids, head lines that must be there)
    ("an unnumbered operative paragraph after the preamble",
     "Having considered the report,\n\nApproves the report of the Credentials Committee.",
     ["PP1", "OP1"], []),
    ("a declaration adopted by the resolution is kept apart like an annex",
     "Adopts the following declaration:\n\nDeclaration on the matter\n\n"
     "We, the Heads of State and Government, gathered in New York,\n\n1. Reaffirm our commitment;\n\n"
     "2. Decide to act;",
     ["OP1", "ANNEX.P1", "ANNEX.OP1", "ANNEX.OP2"], ["Declaration on the matter"]),
    ("a clause introducing the numbered paragraphs is a head line",
     "Resolves that, for 2026:\n\n1. Appropriations totalling 100 dollars are approved;\n\n"
     "2. The Secretary-General may transfer credits.",
     ["OP1", "OP2"], ["Resolves that, for 2026:"]),
    ("sections with their own preamble restart the numbering",
     "I\n\nActivities of the Office\n\nRecalling its resolution 48/218 B,\n\n1. Takes note of the report;\n\n"
     "2. Welcomes the efforts;\n\nII\n\nActivities of the Committee\n\nRecalling its resolution 61/275,\n\n"
     "1. Notes with appreciation the work of the Committee;",
     ["PP1", "I.OP1", "I.OP2", "PP2", "II.OP1"], ["Activities of the Office", "Activities of the Committee"]),
]


@pytest.mark.parametrize("label,body,expected,heads", BODIES, ids=[b[0] for b in BODIES])
def test_bodies_give_these_paragraphs(label, body, expected, heads):
    r = kg.extract_text(_resolution(body), "A_RES_80_999.txt")
    assert [p.id for p in r.paragraphs] == expected, label
    for h in heads:
        assert h in [x.text for x in r.head], f"{label}: {h!r} is a head line"
    assert r.document.plenary_meeting == 58, "a resumed plenary meeting is still the meeting"


def test_parts_adopted_as_such_keep_their_letter_across_their_sections():
    body = ("A\n\nInformation in the service of humanity\n\nThe General Assembly,\n\n"
            "Taking note of the report,\n\n1. Urges all countries to cooperate;\n\n"
            "46th plenary meeting\n5 December 2025\n\n"
            "B\n\nPublic information policies\n\nThe General Assembly,\n\nEmphasizing the role,\n\n"
            "I\n\nIntroduction\n\n1. Reaffirms the role of the Committee;\n\n"
            "II\n\nGeneral activities\n\n2. Requests the Department to act;")
    text = ("Resolutions adopted by the General Assembly on 5 December 2025\n\n"
            "80/998. Questions relating to information\n\n" + body + "\n\n46th plenary meeting\n5 December 2025\n")
    r = kg.extract_text(text, "A_RES_80_998.txt")
    assert [p.id for p in r.paragraphs] == ["PP1", "A.OP1", "PP2", "B.OP1", "B.OP2"]
    assert r.document.adopted == "2025-12-05", "\"Resolutions adopted by\" dates the texts too"


MASTHEADS = [
    ("[on the report of the Special Political and Decolonization Committee (Fourth Committee) (A/80/537, para. 15)]",
     "Special Political and Decolonization Committee (Fourth Committee)", "A/80/537"),
    ("[on the report of the Third Committee (A/80/470, para. 24)]", "Third Committee", "A/80/470"),
]


@pytest.mark.parametrize("line,committee,report", MASTHEADS)
def test_the_committee_and_its_report_from_the_bracketed_line(line, committee, report):
    masthead = ("Resolution adopted by the General Assembly on 1 December 2025\n\n" + line +
                "\n\n80/999. Title of the resolution\n\n")
    d = kg.extract_text(_resolution("Recalling its resolution,\n\n1. Decides to act.", masthead), "x.txt").document
    assert (d.committee, d.committee_report) == (committee, report)


def test_a_committee_in_a_masthead_joined_into_one_line():
    text = ("United Nations A/C.3/80/L.10\n\nEightieth session Third Committee Agenda item 25 (b)\n\n"
            "Peru: draft resolution\n\nPromoting social integration\n\nThe General Assembly,\n\n"
            "Recalling the World Summit,\n\n1. Invites Member States to act.\n")
    d = kg.extract_text(text, "A_C.3_80_L.10.txt").document
    assert (d.committee, d.agenda_item, d.kind, d.sponsors) == ("Third Committee", 25, "draft resolution", ["Peru"])


def test_a_sponsor_marked_with_an_asterisk_before_the_kind():
    text = ("Iraq:* draft resolution\n\nImplementation of the outcome of the World Summit\n\n"
            "The General Assembly,\n\nReaffirming all previous resolutions,\n\n1. Takes note of the report.\n")
    d = kg.extract_text(text, "A_C.3_80_L.12.txt").document
    assert (d.kind, d.sponsors, d.title) == ("draft resolution", ["Iraq"], "Implementation of the outcome of the World Summit")


@pytest.mark.parametrize("symbol,committee", [
    ("A/C.3/80/L.18", "Third Committee"), ("A/C.6/79/L.4", "Sixth Committee"), ("A/C.1/78/L.2/Rev.1", "First Committee"),
])
def test_a_draft_without_a_committee_line_takes_it_from_its_symbol(symbol, committee):
    text = (f"United Nations {symbol}\n\nEightieth session Agenda item 67\n\n"
            "Indonesia and Philippines: draft resolution\n\nViolence against women migrant workers\n\n"
            "The General Assembly,\n\nRecalling all its previous resolutions,\n\n1. Takes note of the report.\n")
    assert kg.extract_text(text, "draft.txt").document.committee == committee


@pytest.mark.parametrize(("line", "committee", "recommended_by"), [
    ("[on the report of the Third Committee (A/68/457)]", "Third Committee", None),
    ("[on the recommendation of the Commission on Crime Prevention and Criminal Justice (E/2023/30)]",
     None, "Commission on Crime Prevention and Criminal Justice"),
    ("[on the recommendation of the Commission on Narcotic Drugs (E/2024/28)]", None, "Commission on Narcotic Drugs"),
])
def test_a_commission_recommends_where_a_committee_reports(line, committee, recommended_by):
    text = ("United Nations E/RES/2023/27\n\nEconomic and Social Council Distr.: General 1 August 2023\n\n"
            "2023 session\n\nAgenda item 18 (c)\n\nResolution adopted by the Economic and Social Council on 25 July 2023\n\n"
            f"{line}\n\n2023/27. Equal access to justice for all\n\nThe Economic and Social Council,\n\n"
            "Recalling its resolution 2022/16,\n\n1. Requests the Secretary-General to report.\n")
    d = kg.extract_text(text, "E_RES_2023_27.txt").document
    assert (d.committee, d.recommended_by) == (committee, recommended_by)


@pytest.mark.parametrize(("printed", "title"), [
    ("Treatment of children associated with terrorist groups,* including children recruited by them",
     "Treatment of children associated with terrorist groups, including children recruited by them"),
    ("International Day of Women Judges*", "International Day of Women Judges"),
    ("Follow-up to the Fourteenth Congress ** on Crime Prevention", "Follow-up to the Fourteenth Congress ** on Crime Prevention"),
])
def test_an_asterisk_note_mark_is_no_part_of_the_title(printed, title):
    from kg.structure import _clean_title

    assert _clean_title(printed) == title


def test_numbering_that_restarts_inside_a_part_or_an_annex_gets_a_run_of_its_own():
    text = ("United Nations A/RES/75/253 C\n\nGeneral Assembly Distr.: General 1 January 2021\n\n"
            "Seventy-fifth session\n\nAgenda item 140\n\n"
            "Resolution adopted by the General Assembly on 31 December 2020\n\n"
            "75/253. Questions relating to the proposed programme budget\n\nThe General Assembly,\n\n"
            "C\n\nI\n\nSpecial subjects\n\n1. Approves the revised estimates;\n\n2. Decides to act;\n\n"
            "II\n\nOther matters\n\n1. Takes note of the report;\n\n2. Requests the Secretary-General to report.\n\n"
            "Annex\n\n1. The Commission shall meet annually.\n\n2. It shall report.\n\n"
            "Appendix I\n\n1. Committee on Transport.\n\n2. Committee on Energy.\n")
    r = kg.extract_text(text, "A_RES_75_253_C.txt")
    ids = [p.id for p in r.paragraphs]
    assert len(ids) == len(set(ids)), f"every paragraph has an id of its own: {ids}"
    assert all(re.fullmatch(r"(?:[A-Z]+\.)+OP[12]", i) for i in ids[:4]), ids
    assert ids[-4:] == ["ANNEX.OP1", "ANNEX.OP2", "ANNEX.B.OP1", "ANNEX.B.OP2"], ids
