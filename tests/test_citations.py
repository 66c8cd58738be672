"""The citation grammar (``kg.citations``), in the manner of eyecite's tests: long tables of
"this text gives these citations" -- target, target type, date, position and the span's text --
written for the purpose, in the phrasings real resolutions use (other years and sessions, ECOSOC
and Security Council styles, commissions, councils and conferences of parties, special and
emergency sessions, ranges, parts, annexes, document symbols of every kind, Treaty Series
footnotes, "Ibid."), and the texts that must give nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.citations import CitationGrammar, find_citations
from kg.record import TARGET_TYPES, Record, record_from_paragraphs
from kg.vocab import Concept, Vocabulary, load


def cite(target: str, target_type: str, text: str, date: str | None = None, where: str = "PP1"):
    """One expected citation: what it cites, of which type, printed how, dated when, where."""
    return (target, target_type, date, where, text)


GA, ECOSOC, SC, DOC, UNTS, UNKNOWN = ("GA resolution", "ECOSOC resolution", "SC resolution", "document",
                                      "treaty series", "unknown")
OTHER = "other resolution"  # of a body the vocabulary names outside the record's nine types


def found(record: Record) -> list[tuple]:
    return [(c.target, c.target_type, c.date, c.where, c.text) for c in find_citations(record)]


def check(record: Record, expected: list[tuple]) -> None:
    got = found(record)
    for c in find_citations(record):
        assert record.normalised[c.span[0]:c.span[1]] == c.text, f"span {c.span} does not hold {c.text!r}"
        assert c.target_type in TARGET_TYPES, f"{c.target_type!r} is not a target type of the record"
    texts = "\n   ".join(p.text for p in record.paragraphs) + "".join(
        f"\n   [{f.id}] {f.text}" for f in record.footnotes)
    assert got == expected, (
        f"\n   {texts}\nshould cite\n   " + "\n   ".join(map(str, expected or ["nothing"]))
        + "\nbut the grammar found\n   " + "\n   ".join(map(str, got or ["nothing"])))


# -- General Assembly: enumerations, shared dates, parts, sessions ---------------------------

GENERAL_ASSEMBLY = [
    ("a date after the last number dates every number of its session before it",
     "Reaffirming its resolutions 46/152 of 18 December 1991, 60/1 of 16 September 2005 and 70/178 and "
     "70/182 of 17 December 2015,",
     [cite("A/RES/46/152", GA, "46/152 of 18 December 1991", "1991-12-18"),
      cite("A/RES/60/1", GA, "60/1 of 16 September 2005", "2005-09-16"),
      cite("A/RES/70/178", GA, "70/178", "2015-12-17"),
      cite("A/RES/70/182", GA, "70/182 of 17 December 2015", "2015-12-17")]),
    ("a shared date does not reach numbers of earlier sessions",
     "Recalling its resolutions 67/80, 68/186 and 69/196 of 18 December 2014,",
     [cite("A/RES/67/80", GA, "67/80"), cite("A/RES/68/186", GA, "68/186"),
      cite("A/RES/69/196", GA, "69/196 of 18 December 2014", "2014-12-18")]),
    ("an undated number between two dated ones of other sessions stays undated",
     "Recognizing the implementation of resolutions 68/186 of 18 December 2013, 69/196 and 70/76 of 9 December "
     "2015,",
     [cite("A/RES/68/186", GA, "68/186 of 18 December 2013", "2013-12-18"), cite("A/RES/69/196", GA, "69/196"),
      cite("A/RES/70/76", GA, "70/76 of 9 December 2015", "2015-12-09")]),
    ("a bare number in a General Assembly text is the Assembly's",
     "Recalling the establishment of the Office through resolution 71/291 of 15 June 2017,",
     [cite("A/RES/71/291", GA, "71/291 of 15 June 2017", "2017-06-15")]),
    ("'General Assembly resolution' names the Assembly in any text",
     "Recalling General Assembly resolutions 55/25 of 15 November 2000 and 58/4 of 31 October 2003,",
     [cite("A/RES/55/25", GA, "55/25 of 15 November 2000", "2000-11-15"),
      cite("A/RES/58/4", GA, "58/4 of 31 October 2003", "2003-10-31")]),
    ("'Assembly resolution' is the Assembly's",
     "Bearing in mind Assembly resolution 60/288, by which it adopted the Strategy,",
     [cite("A/RES/60/288", GA, "60/288")]),
    ("a lettered part stays with its number",
     "Recalling its resolution 67/234 B of 2 April 2013,",
     [cite("A/RES/67/234 B", GA, "67/234 B of 2 April 2013", "2013-04-02")]),
    ("parts enumerated after one number give one citation each",
     "Recalling its resolutions 74/92 A and B of 13 December 2019,",
     [cite("A/RES/74/92 A", GA, "74/92 A", "2019-12-13"),
      cite("A/RES/74/92 B", GA, "74/92 A and B of 13 December 2019", "2019-12-13")]),
    ("a range of lettered parts",
     "Recalling its resolutions S-20/3 and S-20/4 A\u2013E of 10 June 1998,",
     [cite("A/RES/S-20/3", GA, "S-20/3", "1998-06-10"), cite("A/RES/S-20/4 A", GA, "S-20/4 A", "1998-06-10"),
      cite("A/RES/S-20/4 B", GA, "S-20/4 A\u2013E", "1998-06-10"),
      cite("A/RES/S-20/4 C", GA, "S-20/4 A\u2013E", "1998-06-10"),
      cite("A/RES/S-20/4 D", GA, "S-20/4 A\u2013E", "1998-06-10"),
      cite("A/RES/S-20/4 E", GA, "S-20/4 A\u2013E of 10 June 1998", "1998-06-10")]),
    ("a range of lettered parts in words",
     "Recalling its resolution 60/1 A to C,",
     [cite("A/RES/60/1 A", GA, "60/1 A"), cite("A/RES/60/1 B", GA, "60/1 A to C"),
      cite("A/RES/60/1 C", GA, "60/1 A to C")]),
    ("a special session's number",
     "Recalling the outcome document of its twenty-sixth special session (resolution S-26/2 of 27 June 2001),",
     [cite("A/RES/S-26/2", GA, "S-26/2 of 27 June 2001", "2001-06-27")]),
    ("an emergency special session's number",
     "Recalling its resolution ES-11/1 of 2 March 2022,",
     [cite("A/RES/ES-11/1", GA, "ES-11/1 of 2 March 2022", "2022-03-02")]),
    ("a special session printed with a non-breaking hyphen",
     "Reaffirming the outcome document adopted by resolution S\u201130/1,",
     [cite("A/RES/S-30/1", GA, "S\u201130/1")]),
    ("numbers of the first thirty sessions: number, part and roman session",
     "Recalling its resolutions 217 A (III) of 10 December 1948 and 2200 A (XXI) of 16 December 1966,",
     [cite("A/RES/217 A (III)", GA, "217 A (III) of 10 December 1948", "1948-12-10"),
      cite("A/RES/2200 A (XXI)", GA, "2200 A (XXI) of 16 December 1966", "1966-12-16")]),
    ("a special session of the early numbering",
     "Recalling the Declaration contained in its resolution 3201 (S-VI) of 1 May 1974,",
     [cite("A/RES/3201 (S-VI)", GA, "3201 (S-VI) of 1 May 1974", "1974-05-01")]),
    ("an annex after the number is not part of the target",
     "Recalling its resolution 65/228, annex, and resolution 65/229, annex,",
     [cite("A/RES/65/228", GA, "65/228"), cite("A/RES/65/229", GA, "65/229")]),
    ("titles between the numbers of one list",
     "Recalling its resolutions 69/187 of 18 December 2014 on migrant children and adolescents and 70/147 of "
     "17 December 2015 on the protection of migrants,",
     [cite("A/RES/69/187", GA, "69/187 of 18 December 2014", "2014-12-18"),
      cite("A/RES/70/147", GA, "70/147 of 17 December 2015", "2015-12-17")]),
    ("the date of 'the adoption, on ..., of resolution'",
     "Recalling the adoption, on 18 December 2013, of resolution 68/178 on human rights while countering "
     "terrorism,",
     [cite("A/RES/68/178", GA, "68/178", "2013-12-18")]),
    ("a number cited twice in one paragraph is one citation",
     "Recalling its resolution 70/1, and stressing the Goals set out in resolution 70/1,",
     [cite("A/RES/70/1", GA, "70/1")]),
    ("a paragraph or the annex of a resolution cites the resolution",
     "Recalling paragraph 5 of its resolution 70/1, the annex to resolution 55/25 and the Convention (resolution "
     "58/4, annex),",
     [cite("A/RES/70/1", GA, "70/1"), cite("A/RES/55/25", GA, "55/25"), cite("A/RES/58/4", GA, "58/4")]),
    ("a numberless 'resolutions and decisions of' a commission hands it on",
     "Recalling the resolutions and decisions of the Commission on Narcotic Drugs, including resolution 56/3,",
     [cite("CND 56/3", "CND resolution", "56/3")]),
    ("a capitalised 'Resolution' in a title is still a keyword",
     "Welcoming the Operational Guidance for the Implementation of General Assembly Resolution 69/313,",
     [cite("A/RES/69/313", GA, "69/313")]),
    ("a resolution printed by its symbol",
     "Recalling A/RES/75/1 and the declaration it contains,",
     [cite("A/RES/75/1", GA, "A/RES/75/1")]),
]

# -- the Economic and Social Council and the Security Council ---------------------------------

COUNCILS = [
    ("'Economic and Social Council resolutions' with a range of one year",
     "Taking into consideration Economic and Social Council resolutions 2016/17 to 2016/20 of 27 July 2016,",
     [cite("E/RES/2016/17", ECOSOC, "2016/17", "2016-07-27"),
      cite("E/RES/2016/18", ECOSOC, "2016/17 to 2016/20", "2016-07-27"),
      cite("E/RES/2016/19", ECOSOC, "2016/17 to 2016/20", "2016-07-27"),
      cite("E/RES/2016/20", ECOSOC, "2016/20 of 27 July 2016", "2016-07-27")]),
    ("a year-numbered resolution is the Council's even unnamed",
     "Taking into consideration all relevant resolutions, in particular resolutions 2019/19 and 2019/20 of "
     "23 July 2019,",
     [cite("E/RES/2019/19", ECOSOC, "2019/19", "2019-07-23"),
      cite("E/RES/2019/20", ECOSOC, "2019/20 of 23 July 2019", "2019-07-23")]),
    ("the Council's early numbering: number, part, roman session",
     "Recalling Economic and Social Council resolutions 663 C (XXIV) of 31 July 1957 and 2076 (LXII) of 13 May "
     "1977,",
     [cite("E/RES/663 C (XXIV)", ECOSOC, "663 C (XXIV) of 31 July 1957", "1957-07-31"),
      cite("E/RES/2076 (LXII)", ECOSOC, "2076 (LXII) of 13 May 1977", "1977-05-13")]),
    ("a Security Council list: the printed date dates only the number of its year",
     "Recalling Security Council resolutions 1267 (1999), 1373 (2001) of 28 September 2001 and 2178 (2014),",
     [cite("S/RES/1267 (1999)", SC, "1267 (1999)"),
      cite("S/RES/1373 (2001)", SC, "1373 (2001) of 28 September 2001", "2001-09-28"),
      cite("S/RES/2178 (2014)", SC, "2178 (2014)")]),
    ("a number with its year in brackets is the Security Council's, whatever 'its' says",
     "Requests the Office to cooperate with the Security Council Committee established pursuant to its "
     "resolution 1373 (2001) concerning counter-terrorism;",
     [cite("S/RES/1373 (2001)", SC, "1373 (2001)", where="OP1")]),
    ("'Council resolutions' after the Security Council was named",
     "Welcoming Security Council resolution 2331 (2016) of 20 December 2016 and Council resolution 2388 (2017),",
     [cite("S/RES/2331 (2016)", SC, "2331 (2016) of 20 December 2016", "2016-12-20"),
      cite("S/RES/2388 (2017)", SC, "2388 (2017)")]),
    ("Security Council resolutions without the Council named, in a General Assembly text",
     "Recalling resolutions 1325 (2000) and 2242 (2015) on women and peace and security,",
     [cite("S/RES/1325 (2000)", SC, "1325 (2000)"), cite("S/RES/2242 (2015)", SC, "2242 (2015)")]),
    ("a Security Council resolution printed by its symbol",
     "Recalling S/RES/2532(2020) on the cessation of hostilities,",
     [cite("S/RES/2532 (2020)", SC, "S/RES/2532(2020)")]),
    ("a General Assembly and a Security Council resolution in one clause",
     "Recalling General Assembly resolution 70/262 and Security Council resolution 2282 (2016) of 27 April 2016,",
     [cite("A/RES/70/262", GA, "70/262"),
      cite("S/RES/2282 (2016)", SC, "2282 (2016) of 27 April 2016", "2016-04-27")]),
]

# -- commissions, the Human Rights Council, conferences of parties ---------------------------

OTHER_BODIES = [
    ("'both of' a date dates every number of the list, across titles",
     "Recalling Commission on Crime Prevention and Criminal Justice resolutions 24/1 on strengthening the rule "
     "of law and 24/2 on improving the quality of crime statistics, both of 22 May 2015,",
     [cite("CCPCJ 24/1", "CCPCJ resolution", "24/1", "2015-05-22"),
      cite("CCPCJ 24/2", "CCPCJ resolution", "24/2", "2015-05-22")]),
    ("the body named after the number and date",
     "Welcoming resolution 27/3 of 18 May 2018 of the Commission on Crime Prevention and Criminal Justice,",
     [cite("CCPCJ 27/3", "CCPCJ resolution", "27/3 of 18 May 2018", "2018-05-18")]),
    ("a Commission on Narcotic Drugs number that looks like an Assembly one",
     "Recalling Commission on Narcotic Drugs resolution 62/4 of 22 March 2019,",
     [cite("CND 62/4", "CND resolution", "62/4 of 22 March 2019", "2019-03-22")]),
    ("a numberless 'resolutions of' hands its body on to 'in particular resolutions'",
     "Recalling the resolutions of the Commission on Narcotic Drugs, in particular resolutions 60/1 and 61/2,",
     [cite("CND 60/1", "CND resolution", "60/1"), cite("CND 61/2", "CND resolution", "61/2")]),
    ("'Commission resolution' after the Commission was named",
     "Welcoming the work of the Commission on the Status of Women, and recalling Commission resolution 60/2 of "
     "24 March 2016,",
     [cite("CSW 60/2", "CSW resolution", "60/2 of 24 March 2016", "2016-03-24")]),
    ("'Commission resolution' with no commission named cannot be told",
     "Recalling Commission resolution 30/1,",
     [cite("30/1", UNKNOWN, "30/1")]),
    ("the Human Rights Council, named before the keyword",
     "Recalling Human Rights Council resolution 44/2 of 16 July 2020,",
     [cite("HRC 44/2", "HRC resolution", "44/2 of 16 July 2020", "2020-07-16")]),
    ("'its resolution' right after a body named is that body's",
     "Noting the Expert Mechanism established by the Human Rights Council in its resolution 42/23 of 27 "
     "September 2019,",
     [cite("HRC 42/23", "HRC resolution", "42/23 of 27 September 2019", "2019-09-27")]),
    ("'the adoption by the Council of its resolution'",
     "Welcoming the adoption by the Human Rights Council of its resolution 43/1,",
     [cite("HRC 43/1", "HRC resolution", "43/1")]),
    ("a commission, 'which, in its resolution'",
     "Noting the Commission on Narcotic Drugs, which, in its resolution 58/3, called upon States,",
     [cite("CND 58/3", "CND resolution", "58/3")]),
    ("a special session of the Human Rights Council",
     "Recalling Human Rights Council resolution S-29/1 of 19 May 2021,",
     [cite("HRC S-29/1", "HRC resolution", "S-29/1 of 19 May 2021", "2021-05-19")]),
    ("a conference of states parties named before its resolutions",
     "Recalling resolutions 8/1 and 8/2 of the Conference of the States Parties to the United Nations Convention "
     "against Corruption,",
     [cite("COSP-UNCAC 8/1", "COSP-UNCAC resolution", "8/1"),
      cite("COSP-UNCAC 8/2", "COSP-UNCAC resolution", "8/2")]),
    ("'the Conference of the Parties' alone, with the date after it",
     "Welcomes the recommendations contained in resolution 10/4 of the Conference of the Parties adopted on 16 "
     "October 2020;",
     [cite("COP-UNTOC 10/4", "COP-UNTOC resolution", "10/4", "2020-10-16", "OP1")]),
    ("'adopted by the Conference of the Parties to the Convention' after the title",
     "Reaffirming resolution 9/1 of 19 October 2018 on the mechanism for the review of implementation, adopted "
     "by the Conference of the Parties to the Convention at its ninth session,",
     [cite("COP-UNTOC 9/1", "COP-UNTOC resolution", "9/1 of 19 October 2018", "2018-10-19")]),
    ("treaty-body decision numbers are decisions of a body that cannot be told, not document symbols",
     "Noting decisions XII/23 and IX/20,",
     [cite("decision XII/23", UNKNOWN, "XII/23"), cite("decision IX/20", UNKNOWN, "IX/20")]),
    ("a conference of parties to another convention is that convention's, not the Organized Crime Convention's",
     "Recalling decision X/2 of the Conference of the Parties to the Convention on Biological Diversity,",
     [cite("CBD-COP decision X/2", DOC, "X/2")]),
    ("a conference of parties the vocabulary does not know gives an unknown resolution",
     "Recalling resolution 13.4 adopted by the Conference of the Parties to the Convention on the Conservation "
     "of Migratory Species of Wild Animals,",
     [cite("13.4", UNKNOWN, "13.4")]),
    ("the assemblies of other organisations are theirs, not the General Assembly's",
     "Recalling World Health Assembly resolution 72.8 of 28 May 2019 and United Nations Environment Assembly "
     "resolution 5/14,",
     [cite("WHA 72.8", OTHER, "72.8 of 28 May 2019", "2019-05-28"), cite("UNEA 5/14", OTHER, "5/14")]),
    ("the former Commission on Human Rights is a body of its own, none of the record's commissions",
     "Recalling Commission on Human Rights resolution 2005/35 of 19 April 2005,",
     [cite("CHR 2005/35", OTHER, "2005/35 of 19 April 2005", "2005-04-19")]),
    ("other organisations' numbering, as printed: a body the vocabulary keys, or unknown",
     "Noting International Maritime Organization resolutions MSC.428(98) and A.1160(32), General Conference "
     "resolution GC(66)/RES/6 and International Telecommunication Union resolution 186,",
     [cite("IMO MSC.428(98)", OTHER, "MSC.428(98)"), cite("IMO A.1160(32)", OTHER, "A.1160(32)"),
      cite("GC(66)/RES/6", UNKNOWN, "GC(66)/RES/6"), cite("186", UNKNOWN, "186")]),
    ("a resolution whose body is nowhere said",
     "Recalling resolution 8/12 of 20 December 2019, entitled \u201cPreventing and combating corruption\u201d,",
     [cite("8/12", UNKNOWN, "8/12 of 20 December 2019", "2019-12-20")]),
]

# -- decisions -----------------------------------------------------------------------------------

DECISIONS = [
    ("an Assembly decision is a document with its own symbol",
     "Recalling General Assembly decision 74/568 of 27 July 2020,",
     [cite("A/DEC/74/568", DOC, "74/568 of 27 July 2020", "2020-07-27")]),
    ("a conference's decision has no symbol: its body key",
     "Recalling decision 5/1 of the Conference of the States Parties to the United Nations Convention against "
     "Corruption,",
     [cite("COSP-UNCAC decision 5/1", DOC, "5/1")]),
    ("a decision with its body named after it",
     "Recalling decision 2013/245 of the Economic and Social Council,",
     [cite("E/DEC/2013/245", DOC, "2013/245")]),
    ("a commission's decision: its body key",
     "Recalling Commission on Narcotic Drugs decision 63/1 of 2 March 2020,",
     [cite("CND decision 63/1", DOC, "63/1 of 2 March 2020", "2020-03-02")]),
    ("resolutions and a decision of the Human Rights Council in one clause",
     "Recalling Human Rights Council resolutions 16/18 of 24 March 2011 and 40/7 of 21 March 2019, and Council "
     "decision 18/118,",
     [cite("HRC 16/18", "HRC resolution", "16/18 of 24 March 2011", "2011-03-24"),
      cite("HRC 40/7", "HRC resolution", "40/7 of 21 March 2019", "2019-03-21"),
      cite("HRC decision 18/118", DOC, "18/118")]),
    ("a climate conference's decision, told by its number and the series of the document it is printed in",
     "See FCCC/CP/2015/10/Add.1, decision 1/CP.21.",
     [cite("FCCC/CP/2015/10/Add.1", DOC, "FCCC/CP/2015/10/Add.1"),
      cite("UNFCCC-COP decision 1/CP.21", DOC, "1/CP.21")]),
    ("a decision of an organisation outside the vocabulary",
     "Recalling decision Assembly/AU/Dec.749(XXXIII) of the African Union,",
     [cite("decision Assembly/AU/Dec.749(XXXIII)", UNKNOWN, "Assembly/AU/Dec.749(XXXIII)")]),
]

# -- document symbols and sales numbers --------------------------------------------------------

DOCUMENTS = [
    ("a report of the Secretary-General by its symbol",
     "Takes note of the report of the Secretary-General (A/75/127);",
     [cite("A/75/127", DOC, "A/75/127", where="OP1")]),
    ("a corrigendum after a symbol is dropped from the target",
     "Takes note of the report (E/CN.15/2019/5 and Corr.1);",
     [cite("E/CN.15/2019/5", DOC, "E/CN.15/2019/5", where="OP1")]),
    ("the Commission's report in the Official Records",
     "Official Records of the Economic and Social Council, 2019, Supplement No. 10 (E/2019/30), chap. I, sect. B.",
     [cite("E/2019/30", DOC, "E/2019/30")]),
    ("meeting records with a range of meetings",
     "See Official Records of the General Assembly, Sixty-second Session, Plenary Meetings, 117th to 120th "
     "meetings (A/62/PV.117-120), and corrigendum.",
     [cite("A/62/PV.117-120", DOC, "A/62/PV.117-120")]),
    ("a conference document and a working group's document",
     "See A/CONF.234/16 and CTOC/COP/WG.7/2019/4.",
     [cite("A/CONF.234/16", DOC, "A/CONF.234/16"), cite("CTOC/COP/WG.7/2019/4", DOC, "CTOC/COP/WG.7/2019/4")]),
    ("a document of two organs keeps both symbols",
     "A/73/97-E/2018/69.",
     [cite("A/73/97-E/2018/69", DOC, "A/73/97-E/2018/69")]),
    ("Human Rights Council and Security Council documents, a presidential statement",
     "Taking note of A/HRC/44/29, S/2020/1036 and S/PRST/2013/16,",
     [cite("A/HRC/44/29", DOC, "A/HRC/44/29"), cite("S/2020/1036", DOC, "S/2020/1036"),
      cite("S/PRST/2013/16", DOC, "S/PRST/2013/16")]),
    ("a revised draft by its symbol",
     "Recalling the proposals in A/C.3/72/L.12/Rev.1,",
     [cite("A/C.3/72/L.12/Rev.1", DOC, "A/C.3/72/L.12/Rev.1")]),
    ("a Human Rights Council resolution printed by its symbol",
     "Recalling A/HRC/RES/27/1,",
     [cite("HRC 27/1", "HRC resolution", "A/HRC/RES/27/1")]),
    ("a publication by its sales number; the resolution in its chapter is a part of it",
     "Report of the Fourth World Conference on Women, Beijing, 4-15 September 1995 (United Nations publication, "
     "Sales No. E.96.IV.13), chap. I, resolution 1, annex I.",
     [cite("Sales No. E.96.IV.13", DOC, "Sales No. E.96.IV.13")]),
    ("a congress resolution in its report's chapter is part of the report",
     "Recalling the Salvador Declaration (A/CONF.213/18, chap. I, resolution 1),",
     [cite("A/CONF.213/18", DOC, "A/CONF.213/18")]),
    ("a symbol, then a conference's resolution in that document",
     "CTOC/COP/2020/10, resolution 10/1.",
     [cite("CTOC/COP/2020/10", DOC, "CTOC/COP/2020/10"),
      cite("COP-UNTOC 10/1", "COP-UNTOC resolution", "10/1")]),
    ("a decision in another organisation's document is that organisation's",
     "United Nations Environment Programme, document CBD/COP/15/17, decision 15/4, annex.",
     [cite("CBD/COP/15/17", DOC, "CBD/COP/15/17"), cite("CBD-COP decision 15/4", DOC, "15/4")]),
    ("a resolution printed in the Official Records of the Assembly: a supplement of no citing body says nothing",
     "Official Records of the General Assembly, Seventy-first Session, Supplement No. 17 (A/71/17), annex, "
     "resolution 2/5.",
     [cite("A/71/17", DOC, "A/71/17"), cite("2/5", UNKNOWN, "2/5")]),
    ("the Assembly's supplement that is a body's report names that body (No. 53: the Human Rights Council)",
     "Official Records of the General Assembly, Seventy-fourth Session, Supplement No. 53 (A/74/53), chap. V, "
     "sect. A, resolution 41/2.",
     [cite("A/74/53", DOC, "A/74/53"), cite("HRC 41/2", "HRC resolution", "41/2")]),
    ("the Environment Assembly's report to the Assembly (Supplement No. 25)",
     "Official Records of the General Assembly, Seventy-third Session, Supplement No. 25 (A/73/25), annex I, "
     "resolution 3/4.",
     [cite("A/73/25", DOC, "A/73/25"), cite("UNEA 3/4", OTHER, "3/4")]),
    ("a treaty body's decision in its report to the Assembly (Supplement No. 38)",
     "Official Records of the General Assembly, Seventy-second Session, Supplement No. 38 (A/72/38), part two, "
     "annex II, decision 67/II.",
     [cite("A/72/38", DOC, "A/72/38"), cite("CEDAW decision 67/II", DOC, "67/II")]),
    ("a document issued in parts keeps its part: two parts are two documents",
     "Official Records of the General Assembly, Seventy-fourth Session, Supplement No. 12 (A/74/12 (Part I) and "
     "A/74/12 (Part II)).",
     [cite("A/74/12 (Part I)", DOC, "A/74/12 (Part I)"), cite("A/74/12 (Part II)", DOC, "A/74/12 (Part II)")]),
    ("a part of a conference report, printed in lower case or glued to the symbol",
     "See A/CONF.191/11 (part I), chap. II, and A/CONF.192/15(Part II).",
     [cite("A/CONF.191/11 (Part I)", DOC, "A/CONF.191/11 (part I)"),
      cite("A/CONF.192/15 (Part II)", DOC, "A/CONF.192/15(Part II)")]),
    ("a symbol of the Conference of the States Parties, then its resolution",
     "See CAC/COSP/2019/17, sect. I.A, resolution 8/8.",
     [cite("CAC/COSP/2019/17", DOC, "CAC/COSP/2019/17"),
      cite("COSP-UNCAC 8/8", "COSP-UNCAC resolution", "8/8")]),
]

# -- lists of resolutions: a body at the head, a body at the end -----------------------------------

LISTS = [
    ("the body at the head of a list goes on through items with quoted titles",
     "Recalling Human Rights Council resolution 38/5, entitled \u201cAccelerating efforts to eliminate violence "
     "against women\u201d, resolution 41/6, entitled \u201cElimination of discrimination against women and girls\u201d, "
     "and resolution 44/17, entitled \u201cElimination of all forms of discrimination\u201d,",
     [cite("HRC 38/5", "HRC resolution", "38/5"), cite("HRC 41/6", "HRC resolution", "41/6"),
      cite("HRC 44/17", "HRC resolution", "44/17")]),
    ("the body at the head of a list goes on through dated items with titles in words",
     "Recalling also Commission on Narcotic Drugs resolution 61/2 of 16 March 2018 on strengthening border "
     "control, resolution 62/1 of 22 March 2019 on drug demand reduction and resolution 63/3 of 6 March 2020 "
     "on access to controlled medicines,",
     [cite("CND 61/2", "CND resolution", "61/2 of 16 March 2018", "2018-03-16"),
      cite("CND 62/1", "CND resolution", "62/1 of 22 March 2019", "2019-03-22"),
      cite("CND 63/3", "CND resolution", "63/3 of 6 March 2020", "2020-03-06")]),
    ("the last body named at a list's head is the one that goes on",
     "Recalling Human Rights Council resolution 40/16, Commission on the Status of Women resolution 60/2 and "
     "resolution 61/1,",
     [cite("HRC 40/16", "HRC resolution", "40/16"), cite("CSW 60/2", "CSW resolution", "60/2"),
      cite("CSW 61/1", "CSW resolution", "61/1")]),
    ("a new clause ends the list: the bare number is the citing organ's again",
     "Recalling Human Rights Council resolution 38/5, and noting resolution 74/176,",
     [cite("HRC 38/5", "HRC resolution", "38/5"), cite("A/RES/74/176", GA, "74/176")]),
    ("a body named after an item of the list overrules the head's",
     "Recalling Human Rights Council resolution 38/5, entitled \u201cViolence against women\u201d, and resolution "
     "74/176 of the General Assembly,",
     [cite("HRC 38/5", "HRC resolution", "38/5"), cite("A/RES/74/176", GA, "74/176")]),
    ("a second 'its' in a list is the first one's body",
     "Noting that the Human Rights Council, in its resolution 45/2 and its decision 45/115, requested a report,",
     [cite("HRC 45/2", "HRC resolution", "45/2"), cite("HRC decision 45/115", DOC, "45/115")]),
    ("'its' after a full name is the citing organ, not the body named",
     "Recalling Human Rights Council resolution 45/2 and its resolution 75/190,",
     [cite("HRC 45/2", "HRC resolution", "45/2"), cite("A/RES/75/190", GA, "75/190")]),
    ("'adopted by' after the last of several 'resolution' items is every item's",
     "Welcoming resolution 9/3 on the review mechanism, resolution 9/4 on trafficking in cultural property and "
     "resolution 9/5 of 19 October 2018 on witness protection, adopted by the Conference of the Parties to the "
     "United Nations Convention against Transnational Organized Crime at its ninth session,",
     [cite("COP-UNTOC 9/3", "COP-UNTOC resolution", "9/3"), cite("COP-UNTOC 9/4", "COP-UNTOC resolution", "9/4"),
      cite("COP-UNTOC 9/5", "COP-UNTOC resolution", "9/5 of 19 October 2018", "2018-10-19")]),
    ("a bare 'by the' closing a list of adoptions, with the date of each adoption",
     "Welcomes the adoption on 10 November 2017 of resolution 7/1 on mutual legal assistance and the adoption "
     "on 20 December 2019 of resolution 8/9, the Abu Dhabi declaration, by the Conference of the States Parties "
     "to the United Nations Convention against Corruption;",
     [cite("COSP-UNCAC 7/1", "COSP-UNCAC resolution", "7/1", "2017-11-10", "OP1"),
      cite("COSP-UNCAC 8/9", "COSP-UNCAC resolution", "8/9", "2019-12-20", "OP1")]),
    ("a body after the list reaches numbers separated by titles",
     "Takes note of resolutions 27/1 on gender equality and 27/2 on women in rural areas, adopted by the "
     "Commission on the Status of Women;",
     [cite("CSW 27/1", "CSW resolution", "27/1", where="OP1"), cite("CSW 27/2", "CSW resolution", "27/2", where="OP1")]),
    ("'and other relevant resolutions of' a body names the body of the list before it",
     "Recalling resolution 59/5, entitled \u201cMainstreaming a gender perspective\u201d, and other relevant "
     "resolutions of the Commission on Narcotic Drugs,",
     [cite("CND 59/5", "CND resolution", "59/5")]),
    ("'in which' a body did something: that body adopted it",
     "Welcomes resolution 6/3 of 1 March 2024, in which the United Nations Environment Assembly called for "
     "action on mineral resources;",
     [cite("UNEA 6/3", OTHER, "6/3 of 1 March 2024", "2024-03-01", "OP1")]),
    ("'in which' a body was established: the body is not the adopter",
     "Recalling resolution 60/251, in which the Human Rights Council was established,",
     [cite("A/RES/60/251", GA, "60/251")]),
    ("'adopted at the ... meeting of' a body",
     "Notes decision 15/5 adopted at the fifteenth meeting of the Conference of the Parties to the Convention "
     "on Biological Diversity;",
     [cite("CBD-COP decision 15/5", DOC, "15/5", where="OP1")]),
    ("a body named after the date and a comma",
     "Recalling resolution 27/3 of 18 May 2018, of the Commission on Crime Prevention and Criminal Justice,",
     [cite("CCPCJ 27/3", "CCPCJ resolution", "27/3 of 18 May 2018", "2018-05-18")]),
    ("'also of' a date dates the number before it",
     "Taking note of resolutions 11/1 of 21 October 2022 and 11/2, also of 21 October 2022, adopted by the "
     "Conference of the Parties to the United Nations Convention against Transnational Organized Crime,",
     [cite("COP-UNTOC 11/1", "COP-UNTOC resolution", "11/1 of 21 October 2022", "2022-10-21"),
      cite("COP-UNTOC 11/2", "COP-UNTOC resolution", "11/2, also of 21 October 2022", "2022-10-21")]),
]

# -- the date of a number tells whose it can be ---------------------------------------------------

DATES = [
    ("an Assembly number with a date of another decade is the commission named before it",
     "Noting the work of the Commission on Crime Prevention and Criminal Justice, and recalling resolution 33/2 of "
     "17 May 2024,",
     [cite("CCPCJ 33/2", "CCPCJ resolution", "33/2 of 17 May 2024", "2024-05-17")]),
    ("the same number dated in the Assembly's thirty-third session is the Assembly's",
     "Noting the work of the Commission on Crime Prevention and Criminal Justice, and recalling resolution 33/2 of "
     "11 December 1978,",
     [cite("A/RES/33/2", GA, "33/2 of 11 December 1978", "1978-12-11")]),
    ("a date no body can have it from, and no body named: unknown",
     "Recalling resolution 41/3 of 4 July 2019,",
     [cite("41/3", UNKNOWN, "41/3 of 4 July 2019", "2019-07-04")]),
    ("the Human Rights Council of a list with no keyword of its own, told by the dates",
     "Recalling Human Rights Council resolutions on the subject, including resolution 48/5 of 7 October 2021,",
     [cite("HRC 48/5", "HRC resolution", "48/5 of 7 October 2021", "2021-10-07")]),
    ("'Commission resolution' is the commission whose session fits the date, not merely the one named last",
     "Welcoming the work of the Commission on the Status of Women and of the Commission on Narcotic Drugs, and "
     "recalling Commission resolution 60/2 of 24 March 2016,",
     [cite("CSW 60/2", "CSW resolution", "60/2 of 24 March 2016", "2016-03-24")]),
    ("a body's full name is believed over the date",
     "Recalling General Assembly resolution 56/4 of 24 March 2020,",
     [cite("A/RES/56/4", GA, "56/4 of 24 March 2020", "2020-03-24")]),
]

# -- bodies outside the record's nine types, named in the vocabulary ---------------------------

OTHER_BODY_TEXTS = [
    ("a World Health Assembly number with the Assembly's key glued to it",
     "Recalling World Health Assembly resolution WHA76.4 of 30 May 2023,",
     [cite("WHA 76.4", OTHER, "WHA76.4 of 30 May 2023", "2023-05-30")]),
    ("a number only the World Health Assembly takes, in a text that names the Organization",
     "Welcoming the work of the World Health Organization, and recalling resolution 75.11 of 27 May 2022,",
     [cite("WHA 75.11", OTHER, "75.11 of 27 May 2022", "2022-05-27")]),
    ("the same number in a text that names neither cannot be told",
     "Recalling resolution 75.11 of 27 May 2022,",
     [cite("75.11", UNKNOWN, "75.11 of 27 May 2022", "2022-05-27")]),
    ("the Environment Assembly named after its numbers",
     "Recalling resolutions 4/2 and 4/7 of 15 March 2019 of the United Nations Environment Assembly,",
     [cite("UNEA 4/2", OTHER, "4/2", "2019-03-15"), cite("UNEA 4/7", OTHER, "4/7 of 15 March 2019", "2019-03-15")]),
    ("a commission of the Council outside the nine, numbering by year",
     "Recalling Commission on Population and Development resolution 2012/1 of 27 April 2012,",
     [cite("CPD 2012/1", OTHER, "2012/1 of 27 April 2012", "2012-04-27")]),
    ("a regional commission named before its number",
     "Noting the adoption, by the Economic and Social Commission for Asia and the Pacific, of resolution 79/1 of "
     "19 May 2023,",
     [cite("ESCAP 79/1", OTHER, "79/1 of 19 May 2023", "2023-05-19")]),
    ("an organ of a body the vocabulary keys speaks for that body",
     "Urges States to implement resolution A.1150(32) of the Assembly of the International Maritime Organization,",
     [cite("IMO A.1150(32)", OTHER, "A.1150(32)", where="PP1")]),
    ("an organ the vocabulary does not name, of the one body numbering so that the text names",
     "Encourages cooperation with the International Atomic Energy Agency pursuant to General Conference "
     "resolution GC(67)/RES/9;",
     [cite("IAEA GC(67)/RES/9", OTHER, "GC(67)/RES/9", where="OP1")]),
    ("a conference of the Organisation's States parties, told by the number's form",
     "Welcoming the work of the Organisation for the Prohibition of Chemical Weapons and decision C-26/DEC.10 of "
     "the Conference of the States Parties,",
     [cite("OPCW decision C-26/DEC.10", DOC, "C-26/DEC.10")]),
    ("a conference of an organisation named after its year-numbered resolution",
     "Welcoming resolution 4/2023 of 7 July 2023 of the Conference of the Food and Agriculture Organization of the "
     "United Nations,",
     [cite("FAO 4/2023", OTHER, "4/2023 of 7 July 2023", "2023-07-07")]),
    ("'the Conference of the Parties' is the conference of the treaty named last",
     "Recalling the Convention on Biological Diversity, and decision XIII/5, adopted by the Conference of the "
     "Parties at its thirteenth meeting,",
     [cite("CBD-COP decision XIII/5", DOC, "XIII/5")]),
    ("'the Conference of the Parties to the Convention' after the Organized Crime Convention is its conference",
     "Recalling the United Nations Convention against Transnational Organized Crime, and resolution 10/4 of the "
     "Conference of the Parties to the Convention,",
     [cite("COP-UNTOC 10/4", "COP-UNTOC resolution", "10/4")]),
    ("the same words after the Convention on Biological Diversity are that convention's conference",
     "Recalling the Convention on Biological Diversity, and decision 14/4 of the Conference of the Parties to "
     "the Convention,",
     [cite("CBD-COP decision 14/4", DOC, "14/4")]),
    ("a bare 'Conference resolution' is the conference named last, whatever treaty was named since",
     "Recalling the resolutions of the Conference of the States Parties to the United Nations Convention against "
     "Corruption and the Convention on Biological Diversity, in particular Conference resolution 8/2,",
     [cite("COSP-UNCAC 8/2", "COSP-UNCAC resolution", "8/2")]),
    ("the Paris Agreement's meeting of the Parties, told by the number's form and document series",
     "See FCCC/PA/CMA/2023/16/Add.1, decision 1/CMA.5.",
     [cite("FCCC/PA/CMA/2023/16/Add.1", DOC, "FCCC/PA/CMA/2023/16/Add.1"),
      cite("CMA decision 1/CMA.5", DOC, "1/CMA.5")]),
    ("decisions of a committee of the Assembly named after them",
     "Notes decisions 21/1 and 21/2 adopted by the High-level Committee on South-South Cooperation at its "
     "twenty-first session;",
     [cite("HLC-SSC decision 21/1", DOC, "21/1", where="OP1"), cite("HLC-SSC decision 21/2", DOC, "21/2", where="OP1")]),
]

# -- texts that cite nothing ---------------------------------------------------------------------

NOTHING = [
    ("'resolutions' without a number", "Recalling all its relevant resolutions,"),
    ("a title-only reference", "Recalling the resolutions adopted by the Conference of the Parties at its sixth "
                                "session,"),
    ("a biennium is not a resolution", "Noting the budget for the biennium 2012/13 and the period 2014-2015,"),
    ("a paragraph number is not a resolution", "Noting paragraph 12/3 of the report,"),
    ("slashes that are not symbols", "Concerned about HIV/AIDS, services available 24/7 and/or online,"),
    ("a provision of a treaty", "Recalling article 14, paragraph 2, of the Convention and chapter V thereof,"),
    ("the present resolution", "Requests a report on the implementation of the present resolution;"),
    ("'decision-making' and 'the resolution of conflicts'",
     "Welcoming the decision-making process and the resolution of conflicts,"),
    ("'Ibid.' of a document part", "Ibid., resolution 2, annex."),
]


def _rows(table):
    for name, text, expected in table:
        where = expected[0][3] if expected else "PP1"
        yield pytest.param(text, expected, where, id=name)


@pytest.mark.parametrize("text,expected,where",
                         [*_rows(GENERAL_ASSEMBLY), *_rows(COUNCILS), *_rows(OTHER_BODIES), *_rows(DECISIONS)])
def test_resolution_and_decision_citations_in_a_general_assembly_paragraph(text, expected, where):
    pid = where if where.startswith(("PP", "OP")) else "PP1"
    check(record_from_paragraphs([(pid, text)]), expected)


@pytest.mark.parametrize("text,expected,where", [*_rows(LISTS)])
def test_a_body_named_at_the_head_or_the_end_of_a_list_applies_to_its_items(text, expected, where):
    check(record_from_paragraphs([(where, text)]), expected)


@pytest.mark.parametrize("text,expected,where", [*_rows(DATES)])
def test_a_printed_date_rules_out_bodies_whose_sessions_do_not_fit(text, expected, where):
    check(record_from_paragraphs([(where, text)], adopted="2025-12-15"), expected)


@pytest.mark.parametrize("text,expected,where", [*_rows(OTHER_BODY_TEXTS)])
def test_resolutions_of_bodies_outside_the_nine_types_are_keyed_by_body(text, expected, where):
    check(record_from_paragraphs([(where, text)]), expected)


def test_a_misprinted_date_after_the_citing_document_says_nothing():
    record = record_from_paragraphs(["Recalling its resolutions 71/266 of 23 December 2016 and 72/256 of 24 December "
                                     "2107,"], adopted="2020-12-31")
    check(record, [cite("A/RES/71/266", GA, "71/266 of 23 December 2016", "2016-12-23"),
                   cite("A/RES/72/256", GA, "72/256 of 24 December 2107", "2107-12-24")])


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=n) for n, t, e in DOCUMENTS])
def test_document_symbols_and_sales_numbers(text, expected):
    pid = expected[0][3] if expected else "PP1"
    check(record_from_paragraphs([(pid, text)]), expected)


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in NOTHING])
def test_texts_that_cite_nothing(text):
    check(record_from_paragraphs([("PP1", text)]), [])


# -- the citing organ -------------------------------------------------------------------------------

ECOSOC_TEXTS = [
    ("'its resolutions' in an ECOSOC text are the Council's",
     "Recalling its resolutions 2018/12 and 2018/13 of 24 July 2018,",
     [cite("E/RES/2018/12", ECOSOC, "2018/12", "2018-07-24"),
      cite("E/RES/2018/13", ECOSOC, "2018/13 of 24 July 2018", "2018-07-24")]),
    ("'its own resolutions' and the Assembly's in one clause",
     "Recalling General Assembly resolutions 69/193 and 69/196 and its own resolutions 2014/20 and 2014/23,",
     [cite("A/RES/69/193", GA, "69/193"), cite("A/RES/69/196", GA, "69/196"),
      cite("E/RES/2014/20", ECOSOC, "2014/20"), cite("E/RES/2014/23", ECOSOC, "2014/23")]),
    ("a bare session number in an ECOSOC text is the Assembly's",
     "Recalling General Assembly resolution 73/186 of 17 December 2018 and resolution 70/174,",
     [cite("A/RES/73/186", GA, "73/186 of 17 December 2018", "2018-12-17"), cite("A/RES/70/174", GA, "70/174")]),
    ("'Council resolution' in an ECOSOC text is the Council's",
     "Recalling Council resolution 2004/28 of 21 July 2004,",
     [cite("E/RES/2004/28", ECOSOC, "2004/28 of 21 July 2004", "2004-07-21")]),
    ("'its decision' in an ECOSOC text",
     "Recalling its decision 2019/245,",
     [cite("E/DEC/2019/245", DOC, "2019/245")]),
]


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=n) for n, t, e in ECOSOC_TEXTS])
def test_citations_in_an_economic_and_social_council_text(text, expected):
    check(record_from_paragraphs([("PP1", text)], body="Economic and Social Council"), expected)


def test_its_resolution_in_an_annex_opening_with_another_bodys_name_is_that_bodys():
    record = record_from_paragraphs(
        [("PP1", "Recalling its resolution 2021/8,"),
         ("ANNEX.P1", "The Economic and Social Commission for Asia and the Pacific,"),
         ("ANNEX.P2", "Recalling its resolution 76/1 of 20 May 2020 and its decision 77/2,")],
        body="Economic and Social Council")
    check(record, [cite("E/RES/2021/8", ECOSOC, "2021/8"),
                   cite("ESCAP 76/1", OTHER, "76/1 of 20 May 2020", "2020-05-20", "ANNEX.P2"),
                   cite("ESCAP decision 77/2", DOC, "77/2", where="ANNEX.P2")])


def test_its_resolution_inside_a_recommended_draft_is_the_receiving_organs():
    record = record_from_paragraphs(
        [("PP1", "Recalling its resolution 73/186 of 17 December 2018,")],
        head=["The Economic and Social Council,",
              "Recommends to the General Assembly the adoption of the following draft resolution:"],
        body="Economic and Social Council", recommended_to="General Assembly")
    check(record, [cite("A/RES/73/186", GA, "73/186 of 17 December 2018", "2018-12-17")])


# -- footnotes -------------------------------------------------------------------------------------

FOOTNOTES = [
    ("a Treaty Series reference: one citation per volume",
     "Recalling the Convention and the Protocols thereto,",
     {1: ("United Nations, Treaty Series, vols. 2225, 2237, 2241 and 2326, No. 39574.", ["PP1"])},
     [cite(f"UNTS {v}/39574", UNTS, "vols. 2225, 2237, 2241 and 2326, No. 39574", where="FN1")
      for v in (2225, 2237, 2241, 2326)]),
    ("'Ibid.' continues the Treaty Series of the footnote before",
     "Recalling the Conventions,",
     {1: ("United Nations, Treaty Series, vol. 1582, No. 27627.", ["PP1"]),
      2: ("Ibid., vol. 2349, No. 42146.", ["PP1"])},
     [cite("UNTS 1582/27627", UNTS, "vol. 1582, No. 27627", where="FN1"),
      cite("UNTS 2349/42146", UNTS, "vol. 2349, No. 42146", where="FN2")]),
    ("a range of registration numbers in one volume",
     "Recalling the Geneva Conventions,",
     {1: ("United Nations, Treaty Series, vol. 75, Nos. 970\u2013973.", ["PP1"])},
     [cite(f"UNTS 75/{n}", UNTS, "vol. 75, Nos. 970\u2013973", where="FN1") for n in range(970, 974)]),
    ("several references in one footnote, 'ibid.' in lower case, and a resolution",
     "Recalling the Convention on the Rights of the Child and the Optional Protocols thereto,",
     {1: ("United Nations, Treaty Series, vol. 1577, No. 27531; ibid., vols. 2171 and 2173, No. 27531; and "
          "resolution 66/138, annex.", ["PP1"])},
     [cite("UNTS 1577/27531", UNTS, "vol. 1577, No. 27531", where="FN1"),
      cite("UNTS 2171/27531", UNTS, "vols. 2171 and 2173, No. 27531", where="FN1"),
      cite("UNTS 2173/27531", UNTS, "vols. 2171 and 2173, No. 27531", where="FN1"),
      cite("A/RES/66/138", GA, "66/138", where="FN1")]),
    ("the League of Nations' Treaty Series is not the United Nations'",
     "Recalling the Slavery Convention,",
     {1: ("League of Nations, Treaty Series, vol. 60, No. 1414.", ["PP1"]),
      2: ("Ibid., vol. 212, No. 4996.", ["PP1"])},
     []),
    ("a bare resolution in a footnote is the citing organ's",
     "Recalling the Bangkok Rules,",
     {1: ("Resolution 65/229, annex.", ["PP1"])},
     [cite("A/RES/65/229", GA, "65/229", where="FN1")]),
    ("a footnote's resolution is the body that the paragraph says adopted it at the marker",
     "Reaffirming the resolution on preventing corruption adopted by the Conference of the States Parties to "
     "the United Nations Convention against Corruption at its eighth session,",
     {1: ("Resolution 8/2 of 20 December 2019.", ["PP1"])},
     [cite("COSP-UNCAC 8/2", "COSP-UNCAC resolution", "8/2 of 20 December 2019", "2019-12-20", "FN1")]),
    ("an agent that cannot have adopted the number gives way to the citing organ",
     "Recalling the Nelson Mandela Rules, approved by the Economic and Social Council,",
     {1: ("Resolution 70/175, annex.", ["PP1"])},
     [cite("A/RES/70/175", GA, "70/175", where="FN1")]),
    ("'See resolution' with a lettered part",
     "Recalling the scale of assessments,",
     {1: ("See resolution 67/234 B.", ["PP1"])},
     [cite("A/RES/67/234 B", GA, "67/234 B", where="FN1")]),
    ("a bare 'Ibid.' cites what the footnote before it cites",
     "Recalling the report of the Commission and its recommendations,",
     {1: ("See Official Records of the Economic and Social Council, 2021, Supplement No. 10 (E/2021/30), chap. I.",
          ["PP1"]),
      2: ("Ibid.", ["PP1"])},
     [cite("E/2021/30", DOC, "E/2021/30", where="FN1"), cite("E/2021/30", DOC, "Ibid.", where="FN2")]),
    ("'Ibid.' with another part of the same document, twice in a row",
     "Recalling the declarations,",
     {1: ("A/CONF.234/16, chap. I, resolution 1.", ["PP1"]),
      2: ("Ibid., sect. II.A.", ["PP1"]),
      3: ("Ibid., chap. III, annex.", ["PP1"])},
     [cite("A/CONF.234/16", DOC, "A/CONF.234/16", where="FN1"), cite("A/CONF.234/16", DOC, "Ibid.", where="FN2"),
      cite("A/CONF.234/16", DOC, "Ibid.", where="FN3")]),
    ("'Ibid.' after a resolution repeats the resolution",
     "Recalling the Covenants,",
     {1: ("See resolution 2200 A (XXI), annex.", ["PP1"]),
      2: ("Ibid.", ["PP1"])},
     [cite("A/RES/2200 A (XXI)", GA, "2200 A (XXI)", where="FN1"),
      cite("A/RES/2200 A (XXI)", GA, "Ibid.", where="FN2")]),
    ("'Ibid.' with an identifier of its own cites only that",
     "Recalling the reports of the Commission,",
     {1: ("Official Records of the Economic and Social Council, 2021, Supplement No. 10 (E/2021/30).", ["PP1"]),
      2: ("Ibid., 2022, Supplement No. 10 (E/2022/30).", ["PP1"])},
     [cite("E/2021/30", DOC, "E/2021/30", where="FN1"), cite("E/2022/30", DOC, "E/2022/30", where="FN2")]),
    ("'Ibid., No. ...' is another entry of the volume cited before",
     "Recalling the Geneva Conventions and the Additional Protocol,",
     {1: ("United Nations, Treaty Series, vol. 75, No. 970.", ["PP1"]),
      2: ("Ibid., No. 973.", ["PP1"])},
     [cite("UNTS 75/970", UNTS, "vol. 75, No. 970", where="FN1"), cite("UNTS 75/973", UNTS, "Ibid., No. 973", where="FN2")]),
    ("'Ibid.' after a footnote that cites nothing cites nothing",
     "Welcoming the online platform,",
     {1: ("Available from www.unodc.org.", ["PP1"]),
      2: ("Ibid.", ["PP1"])},
     []),
    ("a footnote's treaty-body decision, the body named where the marker stands",
     "Taking note of general recommendation No. 35, adopted by the Committee on the Elimination of Discrimination "
     "against Women,",
     {1: ("Official Records of the General Assembly, Seventy-second Session, Supplement No. 38 (A/72/38), part "
          "one, annex I, decision 66/I.", ["PP1"])},
     [cite("A/72/38", DOC, "A/72/38", where="FN1"), cite("CEDAW decision 66/I", DOC, "66/I", where="FN1")]),
]


@pytest.mark.parametrize("paragraph,footnotes,expected", [pytest.param(p, f, e, id=n) for n, p, f, e in FOOTNOTES])
def test_footnote_citations(paragraph, footnotes, expected):
    check(record_from_paragraphs([("PP1", paragraph)], footnotes=footnotes), expected)


def test_footnote_citations_carry_the_footnote_position_and_verb():
    record = record_from_paragraphs([("PP1", "Recalling the Strategy,")],
                                    footnotes={1: ("Resolution 60/288.", ["PP1"])})
    (c,) = find_citations(record)
    assert (c.where, c.verb) == ("FN1", "footnote"), f"a footnote's citation sits at FN1 with verb 'footnote', not {c}"


def test_paragraph_citations_carry_the_paragraphs_verb():
    record = record_from_paragraphs([("PP1", "Recalling also its resolution 64/293,"),
                                     ("OP3", "Takes note with appreciation of the report submitted pursuant to "
                                             "resolution 71/209;"),
                                     ("ANNEX.OP2", "Recalling resolution 65/229,")])
    cites = find_citations(record)
    assert [c.where for c in cites] == ["PP1", "OP3", "ANNEX.OP2"]
    for c in cites:
        assert c.verb == record.paragraph(c.where).verb, f"{c.target} at {c.where} should carry its paragraph's verb"


# -- head lines -------------------------------------------------------------------------------------


def test_the_committee_report_in_the_masthead_is_a_document_at_head():
    record = record_from_paragraphs(
        ["Recalling its resolution 74/177,"],
        head=["United Nations A/RES/75/195", "Distr.: General 28 December 2020", "20-17352 (E)",
              "[on the report of the Third Committee (A/75/478)]", "2/12"],
        symbol="A/RES/75/195")
    check(record, [cite("A/75/478", DOC, "A/75/478", where="HEAD"), cite("A/RES/74/177", GA, "74/177")])
    head = [c for c in find_citations(record) if c.where == "HEAD"]
    assert head[0].verb is None, "a HEAD citation has no verb"


def test_a_resolution_named_in_the_title_is_cited_at_head():
    record = record_from_paragraphs(["Recalling its resolution 75/233,"],
                                    head=["Follow-up to General Assembly resolution 75/233"])
    check(record, [cite("A/RES/75/233", GA, "75/233", where="HEAD"), cite("A/RES/75/233", GA, "75/233")])


def test_the_documents_own_symbol_is_not_a_citation():
    record = record_from_paragraphs(
        ["Decides to consider the matter, as set out in A/C.3/72/L.12, at its next session;"],
        head=["A/C.3/72/L.12", "<<ODS JOB NO>>N1734512E<<ODS JOB NO>>"], symbol="A/C.3/72/L.12")
    check(record, [])


def test_running_heads_and_page_furniture_in_head_lines_are_not_citations():
    record = record_from_paragraphs(["Recalling the Convention,"],
                                    head=["A/RES/68/193", "13-45103 (E)", "2/12", "General Assembly",
                                          "Distr.: General 14 February 2014"])
    check(record, [])


# -- the vocabulary drives the grammar --------------------------------------------------------------


def test_a_body_added_to_the_vocabulary_is_recognised_without_code():
    vocab = load()
    csocd = Concept(iri="https://w3id.org/unkg/id/body/CSOCD", type="body", notation="CSOCD",
                    pref_label="Commission for Social Development",
                    labels=("Commission for Social Development",), anaphors=("the Commission",),
                    citation_key="CSocD", resolution_type="CSocD resolution",
                    codes={"resolutionNumbering": "session"})
    extended = Vocabulary([*vocab.concepts, csocd])
    record = record_from_paragraphs(["Recalling Commission for Social Development resolution 61/1,"])
    (c,) = CitationGrammar(extended).find(record)
    assert (c.target, c.target_type) == ("CSocD 61/1", "CSocD resolution")


def test_numbering_forms_come_from_the_vocabulary():
    vocab = load()
    ga = vocab.get("body", "GA")
    assert ga is not None and "session>=31" in ga.codes.get("resolutionNumbering", ""), \
        "the General Assembly's numbering (by session from the 31st) belongs in bodies.ttl"
    # without the lower bound, "6/2" would be taken for an Assembly resolution of 1951
    loosened = Vocabulary([replace(c, codes={**c.codes, "resolutionNumbering": "session"}) if c is ga else c
                           for c in vocab.concepts])
    record = record_from_paragraphs(["Recalling resolution 6/2,"])
    assert [c.target for c in CitationGrammar(loosened).find(record)] == ["A/RES/6/2"]
    assert [c.target for c in find_citations(record)] == ["6/2"]


def test_a_body_outside_the_nine_types_is_citable_as_data_alone():
    """A citation key and a numbering, no resolution type: its resolutions are "other resolution"."""
    vocab = load()
    unff = Concept(iri="https://w3id.org/unkg/id/body/UNFF", type="body", notation="UNFF",
                   pref_label="United Nations Forum on Forests", labels=("United Nations Forum on Forests",),
                   citation_key="UNFF", codes={"resolutionNumbering": "session@2005"})
    extended = Vocabulary([*vocab.concepts, unff])
    record = record_from_paragraphs(["Recalling United Nations Forum on Forests resolution 13/1 of 10 May 2018,"])
    (c,) = CitationGrammar(extended).find(record)
    assert (c.target, c.target_type) == ("UNFF 13/1", OTHER)
    (c,) = find_citations(record)
    assert (c.target, c.target_type) == ("13/1", UNKNOWN), "without the vocabulary entry the forum is unknown"


def test_numbering_templates_and_session_years_come_from_the_vocabulary():
    vocab = load()
    wha = vocab.get("body", "WHA")
    assert wha is not None and "{s}.{n}@1947" in wha.codes.get("resolutionNumbering", ""), \
        "the World Health Assembly's numbers (72.8, session 72 in 2019) belong in bodies.ttl"
    ga = vocab.get("body", "GA")
    assert "@1945..1946" in ga.codes["resolutionNumbering"], "the years of the Assembly's sessions belong in bodies.ttl"
    # without the session years, "41/3 of 4 July 2019" would be taken for an Assembly resolution of 1986
    unbounded = Vocabulary([replace(c, codes={**c.codes, "resolutionNumbering": "session>=31"}) if c is ga else c
                            for c in vocab.concepts])
    record = record_from_paragraphs(["Recalling resolution 41/3 of 4 July 2019,"])
    assert [c.target for c in CitationGrammar(unbounded).find(record)] == ["A/RES/41/3"]
    assert [c.target for c in find_citations(record)] == ["41/3"]


OTHER_RESOLUTION_KEYS = [
    ("UNEA 1/3", OTHER, "UNEA:1/3"),
    ("WHA 72.8", OTHER, "WHA:72.8"),
    ("IMO MSC.428(98)", OTHER, "IMO:MSC.428(98)"),
    ("CEDAW decision 42/I", DOC, "CEDAW:decision42/I"),
    ("A/CONF.157/24 (Part I)", DOC, "DOC:A/CONF.157/24(PartI)"),
]


@pytest.mark.parametrize("target,target_type,key", OTHER_RESOLUTION_KEYS)
def test_body_keyed_targets_map_to_the_gold_keys_of_their_bodies(target, target_type, key):
    from kg.evaluate import gold_key

    got = "".join(gold_key(target, target_type).split())
    assert got == key, f"{target} ({target_type}) should be scored as {key}, not {got}"


def test_the_graph_gives_other_resolutions_a_node_under_their_bodys_key():
    from kg.iri import Iris

    iris = Iris()
    t = iris.target("UNEA 1/3", OTHER)
    assert t.iri.endswith("/decision/UNEA/1/3") and t.kind == "Resolution", t
    assert t.body is not None and t.body.notation == "UNEA", "the node should say which body adopted it"
    t = iris.target("IAEA GC(66)/RES/6", OTHER)
    assert t.iri.endswith("/decision/IAEA/GC(66)/RES/6") and t.body is not None and t.body.notation == "IAEA", t
    t = iris.target("WHA 72.8", OTHER)
    assert t.iri.endswith("/decision/WHA/72.8") and t.body is not None, t


def test_an_empty_record_cites_nothing():
    assert find_citations(record_from_paragraphs([])) == []


# -- whole documents ------------------------------------------------------------------------------

COUNCIL_RECOMMENDING_A_DRAFT = """\
Resolution adopted by the Economic and Social Council on 21 July 2021
[on the recommendation of the Commission on Crime Prevention and Criminal Justice (E/2021/30)]
2021/17.\tPromoting the rule of law through crime prevention
\tThe Economic and Social Council,
\tRecalling its resolution 2019/23 of 23 July 2019,
\tRecommends to the General Assembly the adoption of the following draft resolution:
\t\u201cThe General Assembly,
\t\u201cRecalling its resolution 73/186 of 17 December 2018 and Commission on Crime Prevention and Criminal \
Justice resolution 30/1 of 21 May 2021,
\t\u201cReaffirming the resolution on the implementation of the Convention adopted by the Conference of the \
States Parties to the United Nations Convention against Corruption at its eighth session,1
\t\u201cRecalling the United Nations Convention against Transnational Organized Crime,2
\t\u201c1.\tTakes note of the report of the Secretary-General;3
\t\u201c2.\tRequests the Secretary-General to report to the General Assembly at its seventy-seventh session.\u201d
17th plenary meeting
21 July 2021
1 Resolution 8/2 of 20 December 2019.
2 United Nations, Treaty Series, vol. 2225, No. 39574.
3 E/CN.15/2021/4 and Corr.1.
"""


def test_a_council_text_recommending_a_draft_end_to_end():
    """Through the structure stage: the Council's own paragraph is the Council's, the draft's "its
    resolution" the Assembly's, footnote 1 is the Conference's (named where its marker stands)."""
    import kg

    record = kg.extract_text(COUNCIL_RECOMMENDING_A_DRAFT, "E_RES_2021_17.txt")
    check(record, [
        cite("E/2021/30", DOC, "E/2021/30", where="HEAD"),
        cite("E/RES/2019/23", ECOSOC, "2019/23 of 23 July 2019", "2019-07-23", "PP1"),
        cite("A/RES/73/186", GA, "73/186 of 17 December 2018", "2018-12-17", "PP2"),
        cite("CCPCJ 30/1", "CCPCJ resolution", "30/1 of 21 May 2021", "2021-05-21", "PP2"),
        cite("COSP-UNCAC 8/2", "COSP-UNCAC resolution", "8/2 of 20 December 2019", "2019-12-20", "FN1"),
        cite("UNTS 2225/39574", UNTS, "vol. 2225, No. 39574", where="FN2"),
        cite("E/CN.15/2021/4", DOC, "E/CN.15/2021/4", where="FN3"),
    ])



def test_every_span_holds_its_text_in_the_seeds_and_sample_documents(seeds_dir):
    from pathlib import Path

    import kg

    files = sorted(seeds_dir.glob("*.txt")) + sorted((Path(__file__).parent.parent / "data").glob("*"))
    assert files
    for path in files:
        record = kg.extract_file(path)
        assert record.citations, f"{path.name}: no citations found"
        for c in record.citations:
            assert record.normalised[c.span[0]:c.span[1]] == c.text, f"{path.name}: {c}"


def test_every_span_holds_its_text_in_a_sample_of_the_corpus(corpus_dir):
    import kg
    from kg.errors import KgError

    files = []
    for sub in ("akn", "docx", "pdf"):
        files += sorted((corpus_dir / sub).glob("*"))[::40]
    read = 0
    for path in files:
        try:
            record = kg.extract_file(path)
        except KgError as exc:
            assert "does not look like a resolution" in str(exc), exc  # a Secretariat note
            continue
        read += 1
        for c in record.citations:
            assert record.normalised[c.span[0]:c.span[1]] == c.text, f"{path.name}: {c}"
    assert read >= len(files) - 2, "the readers read the corpus's AKN, Word and PDF files"


def _akn_record(path) -> Record:
    """A record of an AKN file's paragraphs and footnotes as ``<p>`` texts, independent of the AKN
    reader: each footnote hangs on the paragraph its marker stands in."""
    from lxml import etree

    ns = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
    root = etree.parse(str(path)).getroot()
    paragraphs: list[tuple[str, str]] = []
    notes: dict[int, tuple[str, list[str]]] = {}
    for part in (root.find(f".//{ns}preamble"), root.find(f".//{ns}mainBody")):
        for p in ([] if part is None else part.iter(f"{ns}p")):
            if any(a.tag == f"{ns}authorialNote" for a in p.iterancestors()):
                continue
            pid = f"PP{len(paragraphs) + 1}"
            for note in p.iter(f"{ns}authorialNote"):
                if (note.get("marker") or "").isdigit():
                    notes[int(note.get("marker"))] = (" ".join("".join(note.itertext()).split()), [pid])
            pieces = [p.text or ""]
            for child in p:
                if child.tag != f"{ns}authorialNote":
                    pieces.append("".join(child.itertext()))
                pieces.append(child.tail or "")
            text = " ".join("".join(pieces).split())
            if text:
                paragraphs.append((pid, text))
    body = "Economic and Social Council" if path.name.startswith("E_") else "General Assembly"
    return record_from_paragraphs(paragraphs, footnotes=notes, body=body, source=path.name)


def test_every_span_holds_its_text_in_the_paragraphs_of_corpus_akn_files(corpus_dir):
    pytest.importorskip("lxml")
    files = sorted((corpus_dir / "akn").glob("*.xml"))[::10]
    if not files:
        pytest.skip("no AKN files in the corpus")
    cited = 0
    for path in files:
        record = _akn_record(path)
        for c in find_citations(record):
            cited += 1
            assert record.normalised[c.span[0]:c.span[1]] == c.text, f"{path.name}: {c}"
            assert c.target_type in TARGET_TYPES, f"{path.name}: {c}"
    assert cited > len(files), f"only {cited} citations in {len(files)} resolutions: the grammar finds too little"


def test_citations_on_the_seeds_reach_the_target_f1(seeds_dir, gold_dir):
    import kg
    from kg.evaluate import evaluate

    ev = evaluate(kg.extract(seeds_dir), gold_dir)
    score = ev.citations_paragraph
    assert score.f1 >= 0.95, (f"paragraph-level citation F1 {score.f1:.3f} < 0.95; missing: "
                              f"{score.false_negatives[:10]}, spurious: {score.false_positives[:10]}")
