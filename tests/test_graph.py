"""Records -> RDF (kg.graph, kg.iri, kg.ns): IRIs, the shape of the instance data, the ontology."""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS
from test_graph_corpus import (
    TITLE,
    ecosoc_2014_17,
    record_from_paragraphs,
    resolution_68_193,
    synthetic_records,
)

from kg.graph import build_dataset, choose_documents, document_lines, match_drafts, to_rdflib
from kg.iri import Iris, path_segment, resolver, slug
from kg.ns import CITO, ONTOLOGY_TTL, UNKG, citation_properties
from kg.vocab import Concept, Vocabulary, load

BASE = "https://w3id.org/unkg/"
DOC = BASE + "doc/"


@pytest.fixture(scope="module")
def iris() -> Iris:
    return Iris(BASE)


@pytest.fixture(scope="module")
def dataset():
    return build_dataset(synthetic_records(), BASE)


@pytest.fixture(scope="module")
def g(dataset) -> rdflib.Graph:
    return to_rdflib(dataset)


def U(iri: str) -> rdflib.URIRef:
    return rdflib.URIRef(iri if "://" in iri else DOC + iri)


# -- IRIs ----------------------------------------------------------------------------------

TARGETS = [
    # (record target, target type) -> (IRI under the base, class of the node, label)
    ("A/RES/46/152", "GA resolution", "doc/A/RES/46/152", "Resolution", "A/RES/46/152"),
    ("A/RES/67/234 B", "GA resolution", "doc/A/RES/67/234_B", "Resolution", "A/RES/67/234 B"),
    ("A/RES/S-30/1", "GA resolution", "doc/A/RES/S-30/1", "Resolution", "A/RES/S-30/1"),
    ("E/RES/2012/17", "ECOSOC resolution", "doc/E/RES/2012/17", "Resolution", "E/RES/2012/17"),
    ("S/RES/1373 (2001)", "SC resolution", "doc/S/RES/1373_(2001)", "Resolution", "S/RES/1373 (2001)"),
    ("A/68/457", "document", "doc/A/68/457", "Report", "A/68/457"),
    ("E/CN.15/2012/17", "document", "doc/E/CN.15/2012/17", "Report", "E/CN.15/2012/17"),
    ("CTOC/COP/2010/17", "document", "doc/CTOC/COP/2010/17", "Report", "CTOC/COP/2010/17"),
    ("A/DEC/74/568", "document", "doc/A/DEC/74/568", "Decision", "A/DEC/74/568"),
    ("CCPCJ 22/7", "CCPCJ resolution", "decision/CCPCJ/22/7", "Resolution", "CCPCJ resolution 22/7"),
    ("CND 57/1", "CND resolution", "decision/CND/57/1", "Resolution", "CND resolution 57/1"),
    ("COP-UNTOC 5/3", "COP-UNTOC resolution", "decision/COP-UNTOC/5/3", "Resolution", "COP-UNTOC resolution 5/3"),
    ("COSP-UNCAC decision 5/1", "document", "decision/COSP-UNCAC/decision/5/1", "Decision", "COSP-UNCAC decision 5/1"),
    ("UNTS 2225/39574", "treaty series", "unts/2225/39574", "TreatySeriesEntry", "United Nations Treaty Series 2225/39574"),
    ("55/25", "unknown", "ref/55/25", "Resolution", "resolution 55/25"),
]


@pytest.mark.parametrize(("target", "target_type", "path", "kind", "label"), TARGETS)
def test_citation_targets_get_readable_iris_from_their_symbols(iris, target, target_type, path, kind, label):
    t = iris.target(target, target_type)
    assert t.iri == BASE + path, f"{target} ({target_type}) should live at {BASE + path}"
    assert t.kind == kind
    assert t.label == label


@pytest.mark.parametrize(("target", "body"), [
    ("A/RES/46/152", "GA"), ("E/RES/2012/17", "ECOSOC"), ("CCPCJ 22/7", "CCPCJ"), ("COP-UNTOC 5/3", "COP-UNTOC"),
])
def test_cited_resolutions_know_their_adopting_body_from_the_vocabulary(iris, target, body):
    target_type = {"GA": "GA resolution", "ECOSOC": "ECOSOC resolution", "CCPCJ": "CCPCJ resolution",
                   "COP-UNTOC": "COP-UNTOC resolution"}[body]
    assert iris.target(target, target_type).body.notation == body


@pytest.mark.parametrize(("symbol", "url"), [
    ("A/RES/46/152", "https://undocs.org/A/RES/46/152"),
    ("A/RES/67/234 B", "https://undocs.org/A/RES/67/234%20B"),
    ("S/RES/1373 (2001)", "https://undocs.org/S/RES/1373(2001)"),
    ("E/CN.15/2012/17", "https://undocs.org/E/CN.15/2012/17"),
])
def test_resolver_addresses_follow_the_un_document_resolver(symbol, url):
    assert resolver(symbol) == url


@pytest.mark.parametrize(("text", "expected"), [
    ("A/RES/67/234 B", "A/RES/67/234_B"),
    ("S/RES/1373 (2001)", "S/RES/1373_(2001)"),
    ("A/C.3/67/L.15/Rev.1", "A/C.3/67/L.15/Rev.1"),
    ('odd "name" <x>', "odd_%22name%22_%3Cx%3E"),
])
def test_path_segments_keep_symbols_readable_and_iris_valid(text, expected):
    assert path_segment(text) == expected


def test_slugs_are_ascii_lower_case_and_cut_at_a_word():
    assert slug("Côte d’Ivoire: Strengthening the Programme") == "cote-d-ivoire-strengthening-the-programme"
    assert slug(TITLE, 40) == "strengthening-the-united-nations-crime"
    assert slug("") == "untitled"


DOCUMENTS = [
    # (document fields) -> IRI of the document
    (dict(symbol="A/RES/68/193", kind="resolution"), "doc/A/RES/68/193"),
    (dict(number="2014/17", kind="resolution", body="Economic and Social Council"), "doc/E/RES/2014/17"),
    (dict(number="68/193", kind="resolution"), "doc/A/RES/68/193"),
    (dict(number="22/7", kind="resolution", body="Commission on Crime Prevention and Criminal Justice"), "decision/CCPCJ/22/7"),
    (dict(kind="revised draft resolution", session=67, title=TITLE),
     "draft/GA/67/revised-draft-resolution/strengthening-the-united-nations-crime-prevention-and-criminal-justice-6aec1c27"),
    (dict(kind="draft resolution", session=72, title=TITLE),
     "draft/GA/72/draft-resolution/strengthening-the-united-nations-crime-prevention-and-criminal-justice-6aec1c27"),
    (dict(symbol="A/C.3/67/L.15/Rev.1", kind="revised draft resolution", session=67, title=TITLE), "doc/A/C.3/67/L.15/Rev.1"),
]


@pytest.mark.parametrize(("fields", "path"), DOCUMENTS)
def test_documents_get_iris_from_symbol_number_or_session_kind_and_title(iris, fields, path):
    body = fields.pop("body", "General Assembly")
    record = record_from_paragraphs(["Recalling its resolutions,"], body=body, **fields)
    assert iris.document(record) == BASE + path


def test_a_document_without_symbol_number_or_title_is_named_by_its_content_hash(iris):
    record = record_from_paragraphs(["Recalling its resolutions,"], kind=None)
    record.sha256 = "ab" * 32
    assert iris.document(record) == BASE + "document/abababababababab"


def test_base_is_configurable_and_checked():
    assert Iris("http://example.org/kg").doc("A/RES/1/1") == "http://example.org/kg/doc/A/RES/1/1"
    with pytest.raises(ValueError, match="not an absolute IRI"):
        Iris("not an iri")


# -- the shape of the instance data (ontology/README.md) -----------------------------------

def test_documents_are_typed_by_kind_with_their_metadata(g):
    d = U("A/RES/68/193")
    assert (d, RDF.type, UNKG.Resolution) in g
    assert g.value(d, UNKG.symbol) == rdflib.Literal("A/RES/68/193")
    assert g.value(d, UNKG.number) == rdflib.Literal("68/193")
    assert g.value(d, rdflib.DCTERMS.title) == rdflib.Literal(TITLE, lang="en")
    assert g.value(d, UNKG.adoptedBy) == rdflib.URIRef("https://w3id.org/unkg/id/body/GA")
    assert g.value(d, UNKG.session) == U(BASE + "session/GA/68")
    assert g.value(d, UNKG.year).toPython() == 2013
    assert str(g.value(d, UNKG.adopted)) == "2013-12-18"
    assert g.value(d, UNKG.adopted).datatype == rdflib.XSD.date
    assert str(g.value(d, rdflib.DCTERMS.issued)) == "2014-02-14"
    assert g.value(d, UNKG.agendaItem).toPython() == 108
    assert g.value(d, UNKG.committeeName) == rdflib.Literal("Third Committee")
    assert g.value(d, UNKG.committeeReport) == U("A/68/457")
    assert g.value(d, UNKG.plenaryMeeting).toPython() == 70
    assert g.value(d, UNKG.resolver) == rdflib.URIRef("https://undocs.org/A/RES/68/193")
    source = g.value(d, rdflib.PROV.wasDerivedFrom)
    assert str(g.value(source, UNKG.sourceFile)) == "A_RES_68_193.docx"
    assert str(source) == BASE + "source/" + str(g.value(source, UNKG.sha256))


def test_sessions_are_nodes_with_number_organ_and_label(g):
    s = U(BASE + "session/GA/68")
    assert (s, RDF.type, UNKG.Session) in g
    assert g.value(s, UNKG.sessionNumber).toPython() == 68
    assert str(g.value(s, RDFS.label)) == "General Assembly, 68th session"
    assert str(g.value(U(BASE + "session/ECOSOC/2014"), RDFS.label)) == "Economic and Social Council, 2014 session"


def test_paragraphs_carry_text_span_order_verb_and_clause_function(g):
    p = U("A/RES/68/193#PP1")
    assert (p, RDF.type, UNKG.PreambularParagraph) in g
    assert (U("A/RES/68/193"), UNKG.hasParagraph, p) in g
    assert g.value(p, rdflib.DCTERMS.isPartOf) == U("A/RES/68/193")
    assert str(g.value(p, UNKG.paragraphId)) == "PP1"
    assert g.value(p, UNKG.order).toPython() == 1
    assert str(g.value(p, UNKG.verb)) == "Reaffirming"
    assert g.value(p, UNKG.clauseFunction) == rdflib.URIRef("https://w3id.org/unkg/vocab/clause/reaffirms")
    assert str(g.value(p, UNKG.text)).startswith("Reaffirming its resolutions 46/152")
    record = resolution_68_193()
    a, b = g.value(p, UNKG.start).toPython(), g.value(p, UNKG.end).toPython()
    assert record.normalised[a:b] == str(g.value(p, UNKG.text))
    op1 = U("A/RES/68/193#OP1")
    assert (op1, RDF.type, UNKG.OperativeParagraph) in g
    assert str(g.value(op1, UNKG.verb)) == "Takes note with appreciation"


CITATIONS = [
    # (citing part, typed property, cited node)
    ("A/RES/68/193#PP1", UNKG.reaffirms, "A/RES/46/152"),
    ("A/RES/68/193#PP1", UNKG.reaffirms, "A/RES/67/189"),
    ("A/RES/68/193#PP3", UNKG.notes, BASE + "decision/CCPCJ/22/7"),
    ("A/RES/68/193#OP1", UNKG.notes, "A/68/136"),
    ("A/RES/68/193#HEAD", UNKG.citesInHead, "A/68/457"),
    ("A/RES/68/193#FN1", UNKG.citesInFootnote, BASE + "unts/2225/39574"),
    ("A/RES/68/193#PP2", UNKG.citesInFootnote, BASE + "unts/2225/39574"),  # PP2's marker points at FN1
    ("A/RES/67/189#PP2", UNKG.recalls, "A/RES/65/230"),
    ("E/RES/2014/17#PP1", UNKG.recalls, "A/RES/68/193"),
    ("E/RES/2014/17#OP2", UNKG.requests, BASE + "decision/CCPCJ/22/7"),
]


@pytest.mark.parametrize(("part", "prop", "cited"), CITATIONS)
def test_citations_are_typed_edges_materialised_with_unkg_cites(g, part, prop, cited):
    p, t = U(part), U(cited)
    assert (p, prop, t) in g, f"{part} should {prop.split('#')[1]} {cited}"
    assert (p, UNKG.cites, t) in g, f"{part} should also unkg:cites {cited}"
    assert (U(part.split("#")[0]), UNKG.cites, t) in g, "the document cites every target of its parts"


def test_every_citation_property_is_a_sub_property_of_cito_cites():
    onto = rdflib.Graph().parse(ONTOLOGY_TTL)
    props = [*citation_properties().values(), UNKG.citesInFootnote, UNKG.citesInHead, UNKG.cites]
    assert len(props) >= 15
    for prop in props:
        assert CITO.cites in set(onto.transitive_objects(prop, RDFS.subPropertyOf)), prop


def test_every_clause_function_of_the_vocabulary_but_other_has_a_citation_property():
    from kg.clauses import CLAUSE_NS, CLAUSES_TTL

    clauses = rdflib.Graph().parse(CLAUSES_TTL)
    functions = {str(s).removeprefix(CLAUSE_NS) for s in clauses.subjects(RDF.type, rdflib.SKOS.Concept)}
    assert functions - set(citation_properties()) == {"other"}


def test_reified_citations_keep_verb_type_date_surface_span_and_provenance(g):
    c = U("A/RES/68/193#PP1.c1")
    assert (c, RDF.type, UNKG.Citation) in g
    assert (U("A/RES/68/193#PP1"), UNKG.citation, c) in g
    assert g.value(c, CITO.hasCitingEntity) == U("A/RES/68/193#PP1")
    assert g.value(c, CITO.hasCitedEntity) == U("A/RES/46/152")
    assert g.value(c, CITO.hasCitationCharacterization) == rdflib.URIRef("https://w3id.org/unkg/vocab/clause/reaffirms")
    assert str(g.value(c, UNKG.verb)) == "Reaffirming"
    assert str(g.value(c, UNKG.targetType)) == "GA resolution"
    assert str(g.value(c, UNKG.citedDate)) == "1991-12-18"
    assert str(g.value(c, UNKG.surface)) == "46/152 of 18 December 1991"
    record = resolution_68_193()
    a, b = g.value(c, UNKG.start).toPython(), g.value(c, UNKG.end).toPython()
    assert record.normalised[a:b] == "46/152 of 18 December 1991"
    assert g.value(c, rdflib.PROV.wasDerivedFrom) == U("A/RES/68/193#PP1")


def test_footnote_citations_belong_to_the_footnote_and_its_pointing_paragraphs(g):
    fn = U("A/RES/68/193#FN1")
    assert (fn, RDF.type, UNKG.Footnote) in g
    assert (U("A/RES/68/193#PP2"), UNKG.pointsToFootnote, fn) in g
    c = U("A/RES/68/193#FN1.c1")
    assert g.value(c, CITO.hasCitingEntity) == fn
    assert g.value(c, CITO.hasCitationCharacterization) is None, "a footnote is no clause"
    assert g.value(c, UNKG.verb) is None


MENTIONS = [
    ("A/RES/68/193#PP2", UNKG.mentionsInstrument, "https://w3id.org/unkg/id/instrument/UNTOC"),
    ("A/RES/68/193#OP3", UNKG.mentionsBody, "https://w3id.org/unkg/id/body/UNODC"),
    ("A/RES/68/193#OP2", UNKG.mentionsCrimeCategory, "https://w3id.org/unkg/id/crime/corruption"),
    ("A/RES/68/193#HEAD", UNKG.mentionsBody, "https://w3id.org/unkg/id/body/GA"),
    ("E/RES/2014/17#PP2", UNKG.mentionsCrimeCategory, "https://w3id.org/unkg/id/crime/trafficking-in-cultural-property"),
]


@pytest.mark.parametrize(("part", "prop", "concept"), MENTIONS)
def test_mentions_are_typed_edges_with_unkg_mentions_at_part_and_document(g, part, prop, concept):
    p, c, d = U(part), rdflib.URIRef(concept), U(part.split("#")[0])
    assert (p, prop, c) in g and (p, UNKG.mentions, c) in g
    assert (d, prop, c) in g and (d, UNKG.mentions, c) in g


def test_reified_mentions_keep_concept_type_surface_span_and_provenance(g):
    m = U("A/RES/68/193#PP2.m1")
    assert (m, RDF.type, UNKG.Mention) in g
    assert (U("A/RES/68/193#PP2"), UNKG.mention, m) in g
    assert g.value(m, UNKG.mentionedConcept) == rdflib.URIRef("https://w3id.org/unkg/id/instrument/UNTOC")
    assert str(g.value(m, UNKG.mentionType)) == "instrument"
    assert str(g.value(m, UNKG.surface)) == "United Nations Convention against Transnational Organized Crime"
    assert g.value(m, rdflib.PROV.wasDerivedFrom) == U("A/RES/68/193#PP2")


def test_cited_documents_outside_the_corpus_get_symbol_label_date_body_and_resolver(g):
    t = U("A/RES/46/152")
    assert (t, RDF.type, UNKG.Resolution) in g
    assert str(g.value(t, RDFS.label)) == "A/RES/46/152"
    assert str(g.value(t, UNKG.symbol)) == "A/RES/46/152"
    assert str(g.value(t, UNKG.number)) == "46/152"
    assert g.value(t, UNKG.adoptedBy) == rdflib.URIRef("https://w3id.org/unkg/id/body/GA")
    assert str(g.value(t, UNKG.adopted)) == "1991-12-18"
    assert g.value(t, UNKG.resolver) == rdflib.URIRef("https://undocs.org/A/RES/46/152")
    assert g.value(t, UNKG.inCorpus) is None
    ccpcj = U(BASE + "decision/CCPCJ/22/7")
    assert g.value(ccpcj, UNKG.adoptedBy) == rdflib.URIRef("https://w3id.org/unkg/id/body/CCPCJ")
    assert g.value(ccpcj, UNKG.resolver) is None, "a CCPCJ resolution has no UN symbol to resolve"
    unts = U(BASE + "unts/2225/39574")
    assert (unts, RDF.type, UNKG.TreatySeriesEntry) in g


@pytest.mark.parametrize(("cited", "count"), [
    ("A/RES/46/152", 3), ("A/RES/65/230", 2), (BASE + "decision/CCPCJ/22/7", 2), ("A/RES/67/189", 1),
    ("A/RES/68/193", 1), ("A/68/457", 1),
])
def test_cited_by_count_counts_citing_documents_once_each(g, cited, count):
    assert g.value(U(cited), UNKG.citedByCount).toPython() == count


def test_a_draft_is_tied_to_the_resolution_it_became(g, dataset):
    drafts = [d for d, r in dataset.documents.items() if r.document.kind == "revised draft resolution"]
    assert len(drafts) == 1
    assert g.value(U(drafts[0]), UNKG.adoptedAs) == U("A/RES/67/189")
    assert g.value(U("A/RES/68/193"), UNKG.adoptedAs) is None


def test_drafts_are_not_matched_to_resolutions_of_another_session_or_text():
    draft = record_from_paragraphs(["Recalling its resolution 1/1,", "Decides to act;"],
                                   kind="draft resolution", session=68, title=TITLE)
    other_session = record_from_paragraphs(["Recalling its resolution 1/1,", "Decides to act;"],
                                           symbol="A/RES/67/1", kind="resolution", session=67, title=TITLE)
    other_text = record_from_paragraphs(["Noting with concern the situation of women prisoners everywhere in the world,"],
                                        symbol="A/RES/68/1", kind="resolution", session=68, title=TITLE)
    iris = Iris(BASE)
    docs, _ = choose_documents([draft, other_session, other_text], iris)
    assert match_drafts(docs, iris) == {}


def test_sponsors_are_member_states_where_the_vocabulary_knows_the_name():
    states = [Concept(f"https://w3id.org/unkg/id/state/{code}", "member_state", code, name, (name, *alt))
              for code, name, alt in [("AUT", "Austria", ()), ("ITA", "Italy", ()),
                                      ("MKD", "North Macedonia", ("the former Yugoslav Republic of Macedonia",))]]
    vocabulary = Vocabulary([*load().concepts, *states])
    record = record_from_paragraphs(["Recalling its resolutions,"], kind="draft resolution", session=72, title=TITLE,
                                    sponsors=["Austria", "Italy", "Narnia", "the former Yugoslav Republic of Macedonia"])
    lines = document_lines(record, Iris(BASE, vocabulary))
    g = to_rdflib(lines)
    d = next(iter(g.subjects(RDF.type, UNKG.DraftResolution)))
    assert {str(o) for o in g.objects(d, UNKG.sponsor)} == {
        "https://w3id.org/unkg/id/state/AUT", "https://w3id.org/unkg/id/state/ITA", "https://w3id.org/unkg/id/state/MKD"}
    assert {str(o) for o in g.objects(d, UNKG.sponsorName)} == {
        "Austria", "Italy", "Narnia", "the former Yugoslav Republic of Macedonia"}


def test_the_same_document_from_two_files_is_one_node_from_the_better_source(dataset):
    assert [(d.kept, d.dropped) for d in dataset.duplicates] == [("A_RES_67_189.docx", "A_RES_67_189.txt")]
    assert dataset.documents[DOC + "A/RES/67/189"].format == "docx"
    assert len(dataset.documents) == 4


def test_a_rendition_with_more_paragraphs_wins_between_equal_formats(iris):
    short = record_from_paragraphs(["Recalling its resolutions,"], symbol="A/RES/1/1", kind="resolution", source="a.txt")
    long = record_from_paragraphs(["Recalling its resolutions,", "Noting,"], symbol="A/RES/1/1", kind="resolution", source="b.txt")
    docs, dups = choose_documents([short, long], iris)
    assert docs[DOC + "A/RES/1/1"].source == "b.txt" and dups[0].dropped == "a.txt"


def test_no_triple_is_in_two_named_graphs(dataset):
    seen: dict[str, str] = {}
    for graph in dataset.graphs:
        for line in graph.lines:
            assert line not in seen, f"{line} is in {seen.get(line)} and {graph.name}"
            seen[line] = graph.name


def test_each_document_has_a_named_graph_keyed_by_document_and_content_hash(dataset):
    names = [g.name for g in dataset.graphs if g.document]
    assert len(names) == 4
    for g in dataset.graphs:
        if g.document:
            assert g.name.startswith(BASE + "graph/") and g.name.endswith(f"?sha256={g.sha256[:16]}")
    kinds = [g.name for g in dataset.graphs if not g.document]
    assert kinds == [BASE + "graph/vocabulary", BASE + "graph/corpus"]


def test_the_same_records_give_the_same_lines_in_the_same_order():
    a = build_dataset(synthetic_records(), BASE)
    b = build_dataset(list(reversed(synthetic_records())), BASE)
    assert list(a.nquads()) == list(b.nquads())


def test_the_graph_loads_the_ontology_and_the_vocabularies(g):
    assert (rdflib.URIRef("https://w3id.org/unkg/ontology"), RDF.type, OWL.Ontology) in g
    assert (rdflib.URIRef("https://w3id.org/unkg/id/body/GA"), RDF.type, rdflib.SKOS.Concept) in g
    assert (rdflib.URIRef("https://w3id.org/unkg/vocab/clause/reaffirms"), RDF.type, rdflib.SKOS.Concept) in g


def test_what_the_graph_cannot_hold_is_reported_not_dropped_silently():
    r = ecosoc_2014_17()
    r.citations[0].where = "PP9"
    r.document.adopted = "16 July 2014"
    warnings: list[str] = []
    lines = document_lines(r, Iris(BASE), warnings=warnings)
    assert any("PP9" in w and "A/RES/68/193" in w for w in warnings), warnings
    assert any("adopted date '16 July 2014'" in w for w in warnings), warnings
    assert all(w.startswith("E_RES_2014_17.docx: ") for w in warnings)
    assert any(f"<{DOC}E/RES/2014/17> <{UNKG.cites}> <{DOC}A/RES/68/193>" in line for line in lines)


# -- the ontology --------------------------------------------------------------------------

def test_every_ontology_term_has_an_english_label_and_comment():
    onto = rdflib.Graph().parse(ONTOLOGY_TTL)
    for s in set(onto.subjects(RDF.type, None)):
        if str(s).startswith(str(UNKG)):
            assert onto.value(s, RDFS.label) is not None, f"{s} has no rdfs:label"
            assert onto.value(s, RDFS.comment) is not None, f"{s} has no rdfs:comment"


def test_every_mention_property_is_a_sub_property_of_schema_mentions():
    onto = rdflib.Graph().parse(ONTOLOGY_TTL)
    schema_mentions = rdflib.URIRef("https://schema.org/mentions")
    for prop in (UNKG.mentions, UNKG.mentionsInstrument, UNKG.mentionsBody, UNKG.mentionsCrimeCategory,
                 UNKG.mentionsMemberState, UNKG.mentionsPlace, UNKG.mentionsDate):
        assert schema_mentions in set(onto.transitive_objects(prop, RDFS.subPropertyOf)), prop


def test_every_unkg_term_the_build_writes_is_declared_in_the_ontology(dataset):
    onto = rdflib.Graph().parse(ONTOLOGY_TTL)
    declared = {str(s) for s in onto.subjects(RDF.type, None)}
    used = set()
    for graph in dataset.graphs:
        for line in graph.lines:
            used.update(re.findall(r"<(https://w3id\.org/unkg/ontology#\w+)>", line))
    assert used - declared == set()


def test_a_misspelt_ontology_term_is_an_error():
    with pytest.raises(AttributeError):
        _ = UNKG.reaffirm
    assert UNKG.reaffirms == rdflib.URIRef("https://w3id.org/unkg/ontology#reaffirms")


def test_the_store_holds_the_union_of_the_graphs_or_its_named_graphs(dataset):
    store = dataset.store()
    assert len(store) == len(dataset) and list(store.named_graphs()) == []
    store = dataset.store(named_graphs=True)
    assert len(store) == len(dataset)
    assert len(list(store.named_graphs())) == len(dataset.graphs)


def test_long_draft_titles_that_differ_only_at_the_end_get_different_iris(iris):
    a = record_from_paragraphs(["Recalling,"], kind="draft resolution", session=72, title=TITLE + " (part one)")
    b = record_from_paragraphs(["Recalling,"], kind="draft resolution", session=72, title=TITLE + " (part two)")
    assert iris.document(a) != iris.document(b)
    assert iris.document(a).startswith(BASE + "draft/GA/72/draft-resolution/strengthening-the-united-nations-crime")


def test_the_same_file_given_twice_is_one_record_not_a_duplicate(iris):
    r = resolution_68_193()
    docs, dups = choose_documents([r, resolution_68_193()], iris)
    assert list(docs) == [DOC + "A/RES/68/193"] and dups == []
