"""A small synthetic corpus of records that carry citations and mentions, for the graph tests.

On this branch the citation and mention extractors are placeholders, so the records of the sample
corpus carry none; these records are written by hand in the genre's own words (GA and ECOSOC
resolutions, a revised draft that became one of them, a second rendition of one resolution) with
citations of GA and CCPCJ resolutions, documents, a Treaty Series footnote, and mentions of
instruments, bodies and crime categories under the concept IRIs of ``ontology/README.md``.
Every span is found in the record's normalised text, so the records keep the CONTRACT.

Import with ``from test_graph_corpus import synthetic_records`` (pytest puts ``tests/`` on the path).
"""

from __future__ import annotations

import hashlib

from kg.clauses import opening_phrase
from kg.record import Citation, Mention, Record
from kg.record import record_from_paragraphs as _record_from_paragraphs

TITLE = ("Strengthening the United Nations crime prevention and criminal justice programme, "
         "in particular its technical cooperation capacity")
ID = "https://w3id.org/unkg/id/"

CONCEPTS = {  # notation -> (type, IRI, label)
    "UNTOC": ("instrument", ID + "instrument/UNTOC", "United Nations Convention against Transnational Organized Crime"),
    "SALVADOR-DECLARATION": ("instrument", ID + "instrument/SALVADOR-DECLARATION", "Salvador Declaration on Comprehensive Strategies for Global Challenges"),
    "CULTURAL-PROPERTY-GUIDELINES": ("instrument", ID + "instrument/CULTURAL-PROPERTY-GUIDELINES", "International Guidelines for Crime Prevention and Criminal Justice Responses with Respect to Trafficking in Cultural Property and Other Related Offences"),
    "GA": ("body", ID + "body/GA", "General Assembly"),
    "CCPCJ": ("body", ID + "body/CCPCJ", "Commission on Crime Prevention and Criminal Justice"),
    "UNODC": ("body", ID + "body/UNODC", "United Nations Office on Drugs and Crime"),
    "trafficking in persons": ("crime_category", ID + "crime/trafficking-in-persons", "trafficking in persons"),
    "corruption": ("crime_category", ID + "crime/corruption", "corruption"),
    "cybercrime": ("crime_category", ID + "crime/cybercrime", "cybercrime"),
    "trafficking in cultural property": ("crime_category", ID + "crime/trafficking-in-cultural-property", "trafficking in cultural property"),
}


def record_from_paragraphs(*args, **kwargs) -> Record:
    """``kg.record.record_from_paragraphs`` with verbs cut as the structure stage cuts them."""
    r = _record_from_paragraphs(*args, **kwargs)
    for p in r.paragraphs:
        p.verb = opening_phrase(p.text, operative=p.kind == "operative")
    return r


def _span(record: Record, where: str, surface: str) -> tuple[int, int]:
    if where == "HEAD":
        for line in record.head:
            if surface in line.text:
                start = line.span[0] + line.text.index(surface)
                return start, start + len(surface)
        raise AssertionError(f"{surface!r} is not in the head of {record.source}")
    part = record.paragraph(where) or next((f for f in record.footnotes if f.id == where), None)
    assert part is not None, f"{record.source} has no {where}"
    assert surface in part.text, f"{surface!r} is not in {where} of {record.source}"
    start = part.span[0] + part.text.index(surface)
    return start, start + len(surface)


def cite(record: Record, where: str, surface: str, target: str, target_type: str,
         date: str | None = None) -> None:
    """Add a citation of ``target`` printed as ``surface`` in part ``where``."""
    p = record.paragraph(where)
    verb = "footnote" if where.startswith("FN") else (p.verb if p else None)
    record.citations.append(Citation(target, target_type, date, where, verb, surface,
                                     _span(record, where, surface)))


def mention(record: Record, where: str, surface: str, notation: str) -> None:
    """Add a mention of the concept ``notation`` printed as ``surface`` in part ``where``."""
    type_, iri, label = CONCEPTS[notation]
    record.mentions.append(Mention(type_, iri, notation, label, where, surface,
                                   _span(record, where, surface)))


def _finish(record: Record, source: str, fmt: str) -> Record:
    record.source = source
    record.format = fmt
    record.sha256 = hashlib.sha256((source + fmt + record.normalised).encode()).hexdigest()
    for c in (record.citations, record.mentions):
        c.sort(key=lambda x: x.span)
    for item in (*record.citations, *record.mentions):
        assert record.normalised[item.span[0]:item.span[1]] == item.text
    return record


def resolution_68_193() -> Record:
    r = record_from_paragraphs(
        [("PP1", "Reaffirming its resolutions 46/152 of 18 December 1991 and 67/189 of 20 December 2012,"),
         ("PP2", "Recalling the United Nations Convention against Transnational Organized Crime and the Protocols thereto,"),
         ("PP3", "Taking note of Commission on Crime Prevention and Criminal Justice resolution 22/7 of 26 April 2013,"),
         ("OP1", "Takes note with appreciation of the report of the Secretary-General (A/68/136);"),
         ("OP2", "Urges Member States to combat trafficking in persons and corruption;"),
         ("OP3", "Requests the United Nations Office on Drugs and Crime to continue to provide technical assistance;")],
        footnotes={1: ("United Nations, Treaty Series, vol. 2225, No. 39574.", ["PP2"])},
        head=["Resolution adopted by the General Assembly on 18 December 2013",
              "[on the report of the Third Committee (A/68/457)]"],
        symbol="A/RES/68/193", number="68/193", kind="resolution", title=TITLE, session=68,
        adopted="2013-12-18", issued="2014-02-14", agenda_item=108, committee="Third Committee",
        committee_report="A/68/457", plenary_meeting=70,
    )
    cite(r, "HEAD", "A/68/457", "A/68/457", "document")
    cite(r, "PP1", "46/152 of 18 December 1991", "A/RES/46/152", "GA resolution", "1991-12-18")
    cite(r, "PP1", "67/189 of 20 December 2012", "A/RES/67/189", "GA resolution", "2012-12-20")
    cite(r, "FN1", "vol. 2225, No. 39574", "UNTS 2225/39574", "treaty series")
    cite(r, "PP3", "resolution 22/7 of 26 April 2013", "CCPCJ 22/7", "CCPCJ resolution", "2013-04-26")
    cite(r, "OP1", "A/68/136", "A/68/136", "document")
    mention(r, "HEAD", "General Assembly", "GA")
    mention(r, "PP2", "United Nations Convention against Transnational Organized Crime", "UNTOC")
    mention(r, "PP3", "Commission on Crime Prevention and Criminal Justice", "CCPCJ")
    mention(r, "OP2", "trafficking in persons", "trafficking in persons")
    mention(r, "OP2", "corruption", "corruption")
    mention(r, "OP3", "United Nations Office on Drugs and Crime", "UNODC")
    return _finish(r, "A_RES_68_193.docx", "docx")


_PARAGRAPHS_67 = [
    ("PP1", "Reaffirming its resolution 46/152 of 18 December 1991,"),
    ("PP2", "Recalling its resolution 65/230 of 21 December 2010, by which it endorsed the Salvador Declaration,"),
    ("PP3", "Recalling also the United Nations Convention against Transnational Organized Crime,"),
    ("OP1", "Welcomes the work of the United Nations Office on Drugs and Crime;"),
    ("OP2", "Urges Member States to strengthen their efforts against cybercrime and trafficking in persons;"),
    ("OP3", "Requests the Secretary-General to report to it at its sixty-eighth session;"),
]


def _cite_67(r: Record) -> Record:
    cite(r, "PP1", "46/152 of 18 December 1991", "A/RES/46/152", "GA resolution", "1991-12-18")
    cite(r, "PP2", "65/230 of 21 December 2010", "A/RES/65/230", "GA resolution", "2010-12-21")
    mention(r, "PP2", "Salvador Declaration", "SALVADOR-DECLARATION")
    mention(r, "PP3", "United Nations Convention against Transnational Organized Crime", "UNTOC")
    mention(r, "OP1", "United Nations Office on Drugs and Crime", "UNODC")
    mention(r, "OP2", "cybercrime", "cybercrime")
    mention(r, "OP2", "trafficking in persons", "trafficking in persons")
    return r


def resolution_67_189(fmt: str = "docx", source: str = "A_RES_67_189.docx", paragraphs=None) -> Record:
    r = record_from_paragraphs(
        paragraphs or _PARAGRAPHS_67,
        head=["Resolution adopted by the General Assembly on 20 December 2012",
              "[on the report of the Third Committee (A/67/458)]"],
        symbol="A/RES/67/189", number="67/189", kind="resolution", title=TITLE, session=67,
        adopted="2012-12-20", issued="2013-03-27", agenda_item=103, committee="Third Committee",
        committee_report="A/67/458", plenary_meeting=60,
    )
    return _finish(_cite_67(r), source, fmt)


def revised_draft_67() -> Record:
    r = record_from_paragraphs(
        _PARAGRAPHS_67,
        head=["Austria, Italy, Mexico and Thailand: revised draft resolution", TITLE],
        kind="revised draft resolution", title=TITLE, session=67, session_inferred=True,
        issued="2012-11-16", sponsors=["Austria", "Italy", "Mexico", "Thailand"],
    )
    return _finish(_cite_67(r), "GA67_revised_draft.txt", "pdf-text")


def ecosoc_2014_17() -> Record:
    r = record_from_paragraphs(
        [("PP1", "Recalling General Assembly resolution 68/193 of 18 December 2013,"),
         ("PP2", "Concerned about trafficking in cultural property,"),
         ("OP1", "Encourages Member States to use the International Guidelines for Crime Prevention and Criminal Justice Responses with Respect to Trafficking in Cultural Property and Other Related Offences;"),
         ("OP2", "Requests the Commission on Crime Prevention and Criminal Justice to consider the matter in the light of its resolution 22/7;")],
        body="Economic and Social Council",
        symbol="E/RES/2014/17", number="2014/17", kind="resolution",
        title="International Guidelines for Crime Prevention and Criminal Justice Responses with Respect to Trafficking in Cultural Property and Other Related Offences",
        session=2014, adopted="2014-07-16",
    )
    cite(r, "PP1", "68/193 of 18 December 2013", "A/RES/68/193", "GA resolution", "2013-12-18")
    cite(r, "OP2", "resolution 22/7", "CCPCJ 22/7", "CCPCJ resolution")
    mention(r, "PP2", "trafficking in cultural property", "trafficking in cultural property")
    mention(r, "OP1", "International Guidelines for Crime Prevention and Criminal Justice Responses with Respect to Trafficking in Cultural Property and Other Related Offences", "CULTURAL-PROPERTY-GUIDELINES")
    mention(r, "OP2", "Commission on Crime Prevention and Criminal Justice", "CCPCJ")
    return _finish(r, "E_RES_2014_17.docx", "docx")


def synthetic_records() -> list[Record]:
    """Five records of four documents: A/RES/68/193, A/RES/67/189 (as docx and, with one
    paragraph fewer, as PDF text: a duplicate), its revised draft, and ECOSOC 2014/17."""
    return [
        resolution_68_193(),
        resolution_67_189(),
        resolution_67_189("pdf-text", "A_RES_67_189.txt", _PARAGRAPHS_67[:-1]),
        revised_draft_67(),
        ecosoc_2014_17(),
    ]


def write_jsonl(records: list[Record], path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(r.to_json() + "\n")


# -- the fixture keeps the CONTRACT ----------------------------------------------------------


def test_every_synthetic_span_points_at_its_text():
    for r in synthetic_records():
        for item in [*r.paragraphs, *r.footnotes, *r.head, *r.citations, *r.mentions]:
            assert r.normalised[item.span[0]:item.span[1]] == item.text, (r.source, item)


def test_synthetic_records_read_back_from_json_unchanged():
    for r in synthetic_records():
        back = Record.from_dict(r.to_dict(normalised=True))
        assert back == r, r.source
