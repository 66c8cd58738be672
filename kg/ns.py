"""Namespaces of the graph, with checked terms: a misspelt term is an error, not a silent new IRI.

``UNKG`` holds exactly the terms ``ontology/unkg.ttl`` declares (read from the file, the one
source of the ontology's terms); the standard vocabularies reused by the graph are closed over
the terms the build uses (CiTO, FRBR, ELI) or taken from rdflib (RDF, RDFS, OWL, XSD, DCTERMS,
SKOS, PROV, schema.org).

    >>> from kg.ns import UNKG
    >>> UNKG.reaffirms
    rdflib.term.URIRef('https://w3id.org/unkg/ontology#reaffirms')
    >>> UNKG.reaffirm
    Traceback (most recent call last):
    AttributeError: ...
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, ClosedNamespace, Namespace

from kg.vocab import ONTOLOGY
from kg.vocab import UNKG as UNKG_IRI

ONTOLOGY_TTL = ONTOLOGY / "unkg.ttl"
SHAPES_TTL = ONTOLOGY / "shapes.ttl"
CLAUSE_IRI = "https://w3id.org/unkg/vocab/clause/"
ID_IRI = "https://w3id.org/unkg/id/"
DEFAULT_BASE = "https://w3id.org/unkg/"


def _declared_terms(path: Path) -> list[str]:
    """Local names of every subject in ``unkg:`` that ``path`` declares."""
    import rdflib

    g = rdflib.Graph()
    g.parse(path, format="turtle")
    return sorted({str(s)[len(UNKG_IRI):] for s in g.subjects(RDF.type, None)
                   if str(s).startswith(UNKG_IRI) and len(str(s)) > len(UNKG_IRI)})


UNKG = ClosedNamespace(UNKG_IRI, _declared_terms(ONTOLOGY_TTL))
CITO = ClosedNamespace("http://purl.org/spar/cito/", [
    "cites", "Citation", "hasCitingEntity", "hasCitedEntity", "hasCitationCharacterization"])
FRBR = ClosedNamespace("http://purl.org/vocab/frbr/core#", ["transformation", "Work"])
ELI = ClosedNamespace("http://data.europa.eu/eli/ontology#", ["LegalResource", "LegalResourceSubdivision"])
SCHEMA = ClosedNamespace("https://schema.org/", ["mentions"])
CLAUSE = Namespace(CLAUSE_IRI)

#: prefixes bound in every serialisation and usable in every query without declaring them
PREFIXES: dict[str, str] = {
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD),
    "dcterms": str(DCTERMS), "skos": str(SKOS), "prov": str(PROV),
    "cito": "http://purl.org/spar/cito/", "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#", "frbr": "http://purl.org/vocab/frbr/core#",
    "unkg": UNKG_IRI, "clause": CLAUSE_IRI,
    "instrument": ID_IRI + "instrument/", "body": ID_IRI + "body/", "crime": ID_IRI + "crime/",
    "state": ID_IRI + "state/", "place": ID_IRI + "place/",
}

#: record mention type -> the typed mention property (all sub-properties of unkg:mentions)
MENTION_PROPERTIES: dict[str, URIRef] = {
    "instrument": UNKG.mentionsInstrument,
    "body": UNKG.mentionsBody,
    "crime_category": UNKG.mentionsCrimeCategory,
    "member_state": UNKG.mentionsMemberState,
    "place": UNKG.mentionsPlace,
    "date": UNKG.mentionsDate,
}

#: record document kind -> class
KIND_CLASSES: dict[str | None, URIRef] = {
    "resolution": UNKG.Resolution,
    "draft resolution": UNKG.DraftResolution,
    "revised draft resolution": UNKG.RevisedDraftResolution,
    "decision": UNKG.Decision,
    "draft decision": UNKG.DraftDecision,
    "amendment": UNKG.Amendment,
    None: UNKG.Document,
}

#: record paragraph kind -> class
PARAGRAPH_CLASSES: dict[str, URIRef] = {
    "preambular": UNKG.PreambularParagraph,
    "operative": UNKG.OperativeParagraph,
    "annex": UNKG.AnnexParagraph,
    "head": UNKG.HeadSection,
}


@lru_cache(maxsize=1)
def citation_properties() -> dict[str, URIRef]:
    """Clause function key (``reaffirms``, ``takes-note``...) -> the citation sub-property that
    the ontology declares for it with ``unkg:forClauseFunction``; functions without one (``other``)
    cite with ``unkg:cites`` alone."""
    import rdflib

    g = rdflib.Graph()
    g.parse(ONTOLOGY_TTL, format="turtle")
    out: dict[str, URIRef] = {}
    for prop, fn in g.subject_objects(UNKG.forClauseFunction):
        out[str(fn).removeprefix(CLAUSE_IRI)] = URIRef(prop)
    return out


__all__ = [
    "CITO", "CLAUSE", "DCTERMS", "ELI", "FRBR", "OWL", "PREFIXES", "PROV", "RDF", "RDFS",
    "SCHEMA", "SKOS", "UNKG", "XSD", "citation_properties",
]
